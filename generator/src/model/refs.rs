//! `$ref`s: the one place a reference is resolved, into `components`.
//!
//! The loader has already made every local reference that leads somewhere one into
//! `components` (`load/hoist.rs`: targets in `paths`, in a schema's interior, in another
//! component, chains followed), so this resolver reads only `#/components/<section>/<key>`;
//! a reference left in another form points at nothing, or is one the loader reported.

use indexmap::IndexMap;

use super::Builder;
use crate::diag::unescape_segment;
use crate::load::spec::Schema;

/// The sections of `components` a `$ref` may point into.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Section {
    Schemas,
    Parameters,
    RequestBodies,
    Responses,
    PathItems,
}

impl Section {
    pub fn prefix(self) -> &'static str {
        match self {
            Section::Schemas => "#/components/schemas/",
            Section::Parameters => "#/components/parameters/",
            Section::RequestBodies => "#/components/requestBodies/",
            Section::Responses => "#/components/responses/",
            Section::PathItems => "#/components/pathItems/",
        }
    }
}

/// The component key a local `$ref` names in `section` (`#/components/schemas/Pet` -> `Pet`).
pub(super) fn key_in(reference: &str, section: Section) -> Option<String> {
    reference.strip_prefix(section.prefix()).map(unescape_segment)
}

/// A discriminator mapping's target as a `$ref`: mappings may give a bare schema name.
pub(super) fn mapping_target(target: &str) -> String {
    if target.starts_with('#') {
        target.to_owned()
    } else {
        format!("{}{target}", Section::Schemas.prefix())
    }
}

impl<'a> Builder<'a> {
    /// The target of a local `$ref` into `components.<section>` (`map`); when there is none,
    /// the error is reported at `pointer`, the `$ref`'s own.
    pub(super) fn component<T>(
        &mut self,
        map: &'a IndexMap<String, T>,
        reference: &str,
        section: Section,
        pointer: &str,
    ) -> Option<&'a T> {
        let key = key_in(reference, section);
        let found = key.as_ref().and_then(|key| map.get(key));
        if found.is_none() {
            self.unresolved(pointer, reference, section);
        }
        // A component that is itself a `$ref` the loader could not resolve (a cycle): that
        // error is the one to read, not what the model would say of an empty component.
        if self.load_ref_errors.is_empty() {
            return found;
        }
        let own_ref = key.map(|key| format!("{}{}/$ref", &section.prefix()[1..], crate::diag::escape_segment(&key)));
        if own_ref.is_some_and(|at| self.load_reported(&at)) {
            return None;
        }
        found
    }

    /// Whether the loader reported an unresolvable `$ref` at `pointer` (of the document read).
    fn load_reported(&self, pointer: &str) -> bool {
        !self.load_ref_errors.is_empty() && self.load_ref_errors.contains(self.spec.source.original(pointer).as_ref())
    }

    /// The component schema a schema's `$ref` names, if it has one that resolves.
    pub(super) fn schema_target(&self, schema: &Schema) -> Option<&'a Schema> {
        let key = key_in(schema.reference.as_deref()?, Section::Schemas)?;
        self.doc.components.schemas.get(&key)
    }

    pub(super) fn unresolved(&mut self, pointer: &str, reference: &str, section: Section) {
        // The loader resolved every local `$ref` that leads somewhere (`load/hoist.rs`); one
        // it could not is its error, reported once by `build`.
        if self.load_reported(pointer) {
            return;
        }
        let expected_prefix = section.prefix();
        let message = if reference.starts_with(expected_prefix) {
            format!("unresolved $ref `{reference}`: there is no such component; check the name")
        } else if reference.starts_with('#') {
            format!("unresolved $ref `{reference}`: nothing in this document is there; check the pointer")
        } else {
            format!(
                "$ref `{reference}` points outside this file, which is not supported yet; \
                 move the target into `{expected_prefix}`"
            )
        };
        self.error(pointer, message);
    }
}
