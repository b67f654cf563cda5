//! The graph passes: what can only be decided once every type is defined, each over the
//! whole API in time linear in its size (or `n log n`).

mod accessors;
mod cycles;
mod discriminators;
mod error_bodies;
pub(crate) mod error_sets;
mod features;
mod protocol;
pub(crate) mod retain;
mod sole_values;
mod traits;

use std::collections::HashMap;

use super::ir::{Api, TypeId};
use crate::diag::Severity;

pub(crate) use features::ungate;

/// Reports a problem at a JSON pointer.
pub(super) type Report<'r> = dyn FnMut(Severity, &str, String) + 'r;

/// Runs every pass, in the order their decisions build on each other. `union_members`
/// holds the component schema key of each member of each discriminated union; `pointers`
/// where each type comes from.
pub(super) fn run(
    api: &mut Api,
    union_members: HashMap<TypeId, Vec<Option<String>>>,
    pointers: &[String],
    report: &mut Report<'_>,
) {
    // Tags first: a union whose members cannot be told apart by tag is untagged, which
    // changes its traits.
    discriminators::tag_members(api, &union_members, pointers, report);
    cycles::box_recursive_members(api);
    features::assign(api);
    protocol::mark_request_id_carriers(api);
    error_bodies::decide(api);
    traits::decide(api);
    accessors::name(api, report);
    sole_values::fill(api);
    // Last: it reads each operation's errors as final.
    error_sets::share(api);
}
