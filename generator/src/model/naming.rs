//! The rename policy, and the names generated code already uses.
//!
//! When two things of the spec become the same Rust name, the first in spec order keeps it
//! and the later ones get a number: `name2`, `name3`, ... for types and variants, `name_2`,
//! `name_3`, ... for fields, parameters, setters and methods, each with a warning that says
//! so (written where the collision is found). [`Numbers`] and [`Namespace`] are that policy,
//! the one place it is written.

use std::collections::{HashMap, HashSet};

use super::ir::{Accessors, Operation};

/// The first of `candidates` that is free (they are alternatives, not numbers).
pub(crate) fn first_free<'c>(candidates: &[&'c str], taken: impl Fn(&str) -> bool) -> Option<&'c str> {
    candidates.iter().copied().find(|c| !taken(c))
}

/// Where numbering stopped for each base: the memory that keeps the rename policy linear.
///
/// Numbering `base` again starts after the number it handed out last, so a thousand names
/// that collide cost a thousand checks, not a million (and a million string comparisons
/// each, when `taken` scans). It is right as long as the names `taken` refuses only ever
/// grow between calls for one base: every number below the stored one was taken then, and
/// still is.
#[derive(Debug, Default)]
pub(crate) struct Numbers {
    next: HashMap<String, usize>,
    /// How many names were tried, for the tests that bound the work.
    #[cfg(test)]
    tries: usize,
}

impl Numbers {
    /// The first number from 2 on (from where numbering `key` stopped last) that `taken`
    /// does not refuse.
    pub fn next_number(&mut self, key: &str, taken: impl Fn(usize) -> bool) -> usize {
        let mut n = self.next.get(key).copied().unwrap_or(2);
        while taken(n) {
            n += 1;
            #[cfg(test)]
            {
                self.tries += 1;
            }
        }
        self.next.insert(key.to_owned(), n + 1);
        n
    }

    /// `base{sep}N` with the first N >= 2 that `taken` does not refuse (`base` itself is
    /// the caller's to try first).
    pub fn next_free(&mut self, base: &str, sep: &str, taken: impl Fn(&str) -> bool) -> String {
        let key = format!("{base}{sep}");
        let n = self.next_number(&key, |n| taken(&format!("{key}{n}")));
        format!("{key}{n}")
    }

    /// `base` if `taken` does not refuse it, else [`Numbers::next_free`].
    pub fn free(&mut self, base: &str, sep: &str, taken: impl Fn(&str) -> bool) -> String {
        if taken(base) {
            self.next_free(base, sep, taken)
        } else {
            base.to_owned()
        }
    }
}

/// The names taken in one scope (the variants of an enum, the fields of a struct, ...),
/// claimed under the rename policy in time linear in their number.
#[derive(Debug, Default)]
pub(crate) struct Namespace {
    taken: HashSet<String>,
    numbers: Numbers,
}

impl Namespace {
    /// Marks `name` as taken.
    pub fn insert(&mut self, name: String) {
        self.taken.insert(name);
    }

    /// Claims `base`, or under the rename policy `base{sep}N` with the first free N >= 2.
    pub fn claim(&mut self, base: &str, sep: &str) -> String {
        if self.taken.insert(base.to_owned()) {
            return base.to_owned();
        }
        let taken = &self.taken;
        let name = self.numbers.next_free(base, sep, |n| taken.contains(n));
        self.taken.insert(name.clone());
        name
    }
}

/// The name of an enum's catch-all variant: the first candidate no variant took, or the
/// last one numbered.
pub(crate) fn fallback_name<'n>(candidates: &[&str], taken: impl Iterator<Item = &'n str>) -> String {
    // One set of the variants' names: a scan per candidate and number would be quadratic
    // in an enum whose values are the candidates numbered.
    let taken: HashSet<&str> = taken.collect();
    let is_taken = |name: &str| taken.contains(name);
    match first_free(candidates, is_taken) {
        Some(free) => free.to_owned(),
        None => Numbers::default().next_free(candidates[candidates.len() - 1], "", is_taken),
    }
}

/// The catch-all of a string or integer enum.
pub(crate) const ENUM_FALLBACKS: [&str; 3] = ["Unrecognized", "UnrecognizedValue", "UnrecognizedEnumValue"];

/// The catch-all of a discriminated union.
pub(crate) const UNION_FALLBACKS: [&str; 3] = ["Unknown", "UnknownVariant", "UnrecognizedVariant"];

/// The catch-all of an operation's error enum.
pub(crate) const ERROR_FALLBACKS: [&str; 3] = ["Unknown", "UnknownError", "UndocumentedError"];

/// The methods of an operation's error enum and of the crate-level `Error` other than the
/// variants' `is_` methods (see `emit/errors.rs`): none of those may take their names.
pub(crate) const ERROR_METHODS: [&str; 4] = ["from_response", "meta", "code", "message"];

/// The `is_` method of an error variant: `ResourceNotFoundError` -> `is_resource_not_found_error`.
pub(crate) fn is_method(variant: &str) -> String {
    use heck::ToSnakeCase;
    format!("is_{}", variant.to_snake_case())
}

/// The crate-level `Error`'s variant for errors without a typed body of their own.
pub(crate) const UNHANDLED_VARIANTS: [&str; 3] = ["Unhandled", "UnhandledError", "UnhandledResponse"];

/// Methods of std traits: a setter or method of that name trips clippy's
/// `should_implement_trait`, or loses to the trait's in method resolution (`client.into()`
/// picks `Into::into`, which takes `self` by value, before an inherent `&self` method).
pub(crate) const STD_METHODS: [&str; 34] = [
    "into", "try_into", "to_owned", "to_string",
    "add", "sub", "mul", "div", "rem", "neg", "not", "shl", "shr", "bitand", "bitor", "bitxor",
    "index", "index_mut", "deref", "deref_mut", "drop", "eq", "ne", "cmp", "partial_cmp", "hash",
    "fmt", "clone", "default", "next", "borrow", "borrow_mut", "as_ref", "from_str",
];

/// The client builder's own settings (see `emit/client.rs`): a spec-derived setter (server
/// variable, security scheme) must not shadow them.
pub(crate) const BUILDER_SETTERS: [&str; 22] = [
    "runtime",
    "interceptor",
    "default",
    "base_url",
    "server_url",
    "timeout",
    "read_timeout",
    "operation_timeout",
    "connect_timeout",
    "max_response_bytes",
    // Only with operations whose output streams (`Success::streams`).
    "stream_idle_timeout",
    "redirects",
    "retry",
    "user_agent",
    "credentials",
    "credentials_provider",
    "sdk_config",
    "signing_time",
    "http_client",
    "transport",
    "build",
    "new",
];

/// The client's own methods (see `emit/client.rs`), which an operation's method must not be.
pub(crate) const CLIENT_METHODS: [&str; 3] = ["builder", "http", "from_conf"];

/// The request builder's own members and the locals of its `send()` (see `emit/builders.rs`
/// and `emit/send.rs`), which a parameter's setter must not be.
pub(crate) const REQUEST_BUILDER_MEMBERS: [&str; 17] = [
    "client",
    "body",
    // A body's other media types (`AltBody`) and the field that holds the one chosen.
    "body_json",
    "body_form",
    "body_multipart",
    "body_text",
    "body_bytes",
    "other_body",
    "send",
    "send_with_response",
    // Operations whose output is binary (`Success::streams`).
    "send_streaming",
    "new",
    "path",
    "request",
    "response",
    "into_pages",
    "into_items",
];

/// A type builder's own methods (see `emit/types.rs`), which a member's methods must not
/// be: `build()`; `Default`, `Clone`, `From` are traits, in [`STD_METHODS`].
pub(crate) const TYPE_BUILDER_MEMBERS: [&str; 1] = ["build"];

/// The suffix of a member whose name a builder uses itself (`body` -> `body_member`), as
/// a parameter gets `_param`.
pub(crate) const RESERVED_MEMBER_SUFFIX: &str = "_member";

/// The three methods of a builder for the member `base` (a field's Rust name), claimed
/// together in `ns`, which holds the builder's own names: `x`, `set_x`, `get_x`. A name in
/// `reserved` or [`STD_METHODS`] gets [`RESERVED_MEMBER_SUFFIX`]; when any of the three is
/// taken (another member's `set_x`, a parameter's setter), the rename policy numbers the
/// base until all three are free (`x_2`, `set_x_2`, `get_x_2`).
pub(crate) fn claim_accessors(ns: &mut Namespace, base: &str, reserved: &[&str]) -> Accessors {
    let mut base = base.to_owned();
    if reserved.contains(&base.as_str()) || STD_METHODS.contains(&base.as_str()) {
        base.push_str(RESERVED_MEMBER_SUFFIX);
    }
    let forms = |b: &str| {
        // `set__id` would trip rustc's `non_snake_case`: one underscore after the verb.
        let word = b.trim_start_matches('_');
        [b.to_owned(), format!("set_{word}"), format!("get_{word}")]
    };
    let taken = &ns.taken;
    let all_free = |b: &str| forms(b).iter().all(|n| !taken.contains(n));
    let chosen = if all_free(&base) { base } else { ns.numbers.next_free(&base, "_", |b| !all_free(b)) };
    let [setter, set_option, getter] = forms(&chosen);
    for name in [&setter, &set_option, &getter] {
        ns.taken.insert(name.clone());
    }
    Accessors { setter, set_option, getter }
}

/// The local of `send()` that holds a path parameter's encoded segment: `<param>_segment`,
/// so that the path template reads as an inline-args `format!`. No parameter's own name
/// ends so (see [`REQUEST_BUILDER_MEMBERS`]'s use), so these never collide.
pub(crate) fn segment_local(param: &str) -> String {
    format!("{param}_segment")
}

/// The request builder's setter of a body's media type (see `ir::MediaChoice`): the first
/// no parameter takes.
pub(crate) const MEDIA_CHOICE_SETTERS: [&str; 3] = ["content_type", "body_content_type", "request_content_type"];

/// The enum of the media types an operation's raw body may be sent as, in `builders`.
pub(crate) fn media_choice_enum(operation_type: &str) -> String {
    format!("{operation_type}ContentType")
}

/// The error enum of an operation.
pub(crate) fn error_type(operation_type: &str) -> String {
    format!("{operation_type}Error")
}

/// A tag as a cargo feature name: `UserGroup` -> `user-group`, `HIDDEN` -> `hidden`.
pub(crate) fn feature_name(tag: &str) -> String {
    use heck::ToKebabCase;
    let name: String = tag
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { ' ' })
        .collect::<String>()
        .to_kebab_case();
    match name.chars().next() {
        None => "unnamed-tag".to_owned(),
        Some(c) if c.is_ascii_digit() => format!("tag-{name}"),
        // The generated manifest's own features: a tag of that name would redefine them.
        Some(_) if RESERVED_FEATURES.contains(&name.as_str()) => format!("tag-{name}"),
        Some(_) => name,
    }
}

/// The features every generated manifest defines itself (see `emit/manifest.rs`): the tags'
/// `default`, `full`, `any-tag`, and the runtime's optional features it forwards
/// (`aws-config` only in crates of SigV4 specs, reserved in all so that a tag means the same
/// everywhere).
pub(crate) const RESERVED_FEATURES: [&str; 6] = ["default", "full", "any-tag", "test-util", "tracing", "aws-config"];

/// The feature of operations without a tag.
pub(crate) const UNTAGGED_FEATURE: &str = "untagged";

/// The features that compile an operation: those of its tags, in its order.
pub(crate) fn operation_features(op: &Operation) -> Vec<String> {
    if op.tags.is_empty() {
        return vec![UNTAGGED_FEATURE.to_owned()];
    }
    let mut names: Vec<String> = Vec::new();
    for tag in &op.tags {
        let name = feature_name(tag);
        if !names.contains(&name) {
            names.push(name);
        }
    }
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_from_two_and_skips_taken_numbers() {
        let taken = ["a", "a2", "b_2"];
        assert_eq!(Numbers::default().free("a", "", |n| taken.contains(&n)), "a3");
        assert_eq!(Numbers::default().free("b", "_", |n| taken.contains(&n)), "b");
        let mut ns = Namespace::default();
        ns.insert("x_3".into());
        assert_eq!(ns.claim("x", "_"), "x");
        assert_eq!(ns.claim("x", "_"), "x_2");
        assert_eq!(ns.claim("x", "_"), "x_4");
        assert_eq!(ns.claim("x", "_"), "x_5");
    }

    /// The work of the rename policy is linear: claiming a name N times tries each number
    /// once, however many collide (it once rescanned from 2 for each, quadratic or worse).
    /// Counted, not timed.
    #[test]
    fn colliding_names_cost_one_try_per_number() {
        let mut ns = Namespace::default();
        // Numbers some other names took already, to be skipped once each.
        for n in 2..=1_000 {
            ns.insert(format!("a_{}", n * 2));
        }
        for _ in 0..20_000 {
            ns.claim("a", "_");
        }
        // Every taken number is passed over once, and nothing else is retried.
        assert_eq!(ns.numbers.tries, 999);

        let mut numbers = Numbers::default();
        let mut taken: HashSet<String> = HashSet::from(["T".to_owned()]);
        for _ in 0..20_000 {
            let name = numbers.free("T", "", |n| taken.contains(n));
            taken.insert(name);
        }
        assert_eq!(numbers.tries, 0);
        assert!(taken.contains("T20001") && !taken.contains("T20002"));
    }

    #[test]
    fn accessors_are_claimed_together_and_keep_off_reserved_names() {
        let mut ns = Namespace::default();
        for own in REQUEST_BUILDER_MEMBERS {
            ns.insert(own.to_owned());
        }
        ns.insert("network_id".to_owned());
        let names = |a: Accessors| [a.setter, a.set_option, a.getter];
        assert_eq!(names(claim_accessors(&mut ns, "name", &REQUEST_BUILDER_MEMBERS)), ["name", "set_name", "get_name"]);
        assert_eq!(
            names(claim_accessors(&mut ns, "network_id", &REQUEST_BUILDER_MEMBERS)),
            ["network_id_2", "set_network_id_2", "get_network_id_2"]
        );
        assert_eq!(names(claim_accessors(&mut ns, "body", &REQUEST_BUILDER_MEMBERS)), ["body_member", "set_body_member", "get_body_member"]);
        assert_eq!(names(claim_accessors(&mut ns, "into", &REQUEST_BUILDER_MEMBERS)), ["into_member", "set_into_member", "get_into_member"]);
        // `set_name` is `name`'s: the member `set_name` is numbered.
        assert_eq!(names(claim_accessors(&mut ns, "set_name", &REQUEST_BUILDER_MEMBERS)), ["set_name_2", "set_set_name_2", "get_set_name_2"]);
        assert_eq!(names(claim_accessors(&mut ns, "_id", &[])), ["_id", "set_id", "get_id"]);
        assert_eq!(names(claim_accessors(&mut ns, "id", &[])), ["id_2", "set_id_2", "get_id_2"]);
    }

    #[test]
    fn tags_never_become_the_manifests_own_features() {
        assert_eq!(feature_name("UserGroup"), "user-group");
        assert_eq!(feature_name("Default"), "tag-default");
        assert_eq!(feature_name("full"), "tag-full");
        assert_eq!(feature_name("Any Tag"), "tag-any-tag");
        assert_eq!(feature_name("TestUtil"), "tag-test-util");
        assert_eq!(feature_name("3D"), "tag-3d");
    }

    #[test]
    fn fallbacks_take_the_first_free_candidate() {
        assert_eq!(fallback_name(&ENUM_FALLBACKS, ["A"].into_iter()), "Unrecognized");
        let all = ENUM_FALLBACKS;
        assert_eq!(fallback_name(&ENUM_FALLBACKS, all.into_iter()), "UnrecognizedEnumValue2");
    }
}
