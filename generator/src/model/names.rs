//! Rust names from wire names: the model calls these once per name (and [`super::naming`]
//! settles collisions); the emit stage only turns the decided names into identifiers.

use std::borrow::Cow;

use heck::{ToSnakeCase, ToUpperCamelCase};

/// Words that cannot be raw identifiers (`r#self` is not allowed): suffixed with `_` instead.
const NOT_RAW: [&str; 5] = ["self", "Self", "super", "crate", "extern"];

/// Names generated code uses unqualified next to the API's types; a type of the same name
/// would shadow them (`struct Option` breaks every `Option<T>` field), and `Self` cannot be
/// a type name at all. Such types get a `Type` suffix.
const RESERVED_TYPES: [&str; 13] = [
    "Self", "Option", "Some", "None", "String", "Vec", "Box", "From", "Into", "AsRef", "Result",
    "Ok", "Err",
];

/// A type name: `security_group` -> `SecurityGroup`; `Option` -> `OptionType`.
pub fn type_name(wire: &str) -> String {
    let name = with_leading_letter(words(wire).to_upper_camel_case(), "T");
    if RESERVED_TYPES.contains(&name.as_str()) {
        name + "Type"
    } else {
        name
    }
}

/// An enum variant name: `DISABLED_AT_COMPANY` -> `DisabledAtCompany`, `1` -> `V1`.
pub fn variant_name(wire: &str) -> String {
    let name = with_leading_letter(words(wire).to_upper_camel_case(), "V");
    if name == "Self" {
        "SelfValue".to_owned()
    } else {
        name
    }
}

/// A field, parameter or method name: `enforceFSQuota` -> `enforce_fs_quota`.
///
/// Rust keywords stay as they are here (`type`); `emit::ident` makes them raw (`r#type`).
pub fn member_name(wire: &str) -> String {
    let name = with_leading_letter(words(wire).to_snake_case(), "n");
    if NOT_RAW.contains(&name.as_str()) {
        format!("{name}_")
    } else {
        name
    }
}

fn with_leading_letter(name: String, prefix: &str) -> String {
    match name.chars().next() {
        None => prefix.to_owned() + "Unnamed",
        // An identifier starts with an XID_Start character or `_`: a digit (`2fa`, or the
        // Arabic-Indic `٣`, fullwidth `１`) or a combining mark (Thai `ำ`, Devanagari `ा`)
        // may only continue one.
        Some(c) if !(c == '_' || unicode_ident::is_xid_start(c)) => format!("{prefix}{name}"),
        Some(_) => name,
    }
}

/// The wire name in NFKC (`１` -> `1`, as rustc would read it), with the characters no
/// identifier may hold (`²`, `①`: alphanumeric, so heck would keep them) or that rustc warns
/// of in one (`uncommon_codepoints`: not "Allowed" by UTS #39) turned into word separators.
fn words(wire: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    use unicode_security::GeneralSecurityProfile;
    wire.nfkc()
        .map(|c| if c.is_ascii() || (is_ident_char(c) && c.identifier_allowed()) { c } else { ' ' })
        .collect()
}

/// Whether `c` may continue an identifier (Unicode's XID_Continue, as rustc decides).
fn is_ident_char(c: char) -> bool {
    unicode_ident::is_xid_continue(c)
}

/// Keywords that have no raw form (`r#self` is refused), as `proc_macro2` checks them.
const CANNOT_BE_RAW: [&str; 5] = ["_", "self", "Self", "super", "crate"];

/// `name` as a Rust identifier, for any string: `name` itself when it is one (keywords
/// included: the emit stage writes those raw). Otherwise a deterministic repair, so that
/// turning a name into tokens can never fail: a character that may not continue an
/// identifier becomes `_`, a first character that may not start one (a digit, a combining
/// mark) gets `_` before it, the empty name is `_unnamed`, and the words that cannot be raw
/// (`self`, `_`, ...) get `_` after them.
///
/// The functions above only make identifiers, so for their names this is the identity; it
/// is what keeps a name decided elsewhere (or a future bug) from panicking in
/// `proc_macro2::Ident::new`.
pub(crate) fn identifier(name: &str) -> Cow<'_, str> {
    let mut chars = name.chars();
    let starts = chars.next().is_some_and(|c| c == '_' || unicode_ident::is_xid_start(c));
    let valid = starts && chars.all(is_ident_char);
    if valid && !CANNOT_BE_RAW.contains(&name) {
        return Cow::Borrowed(name);
    }
    if name.is_empty() {
        return Cow::Borrowed("_unnamed");
    }
    let mut repaired: String = name.chars().map(|c| if is_ident_char(c) { c } else { '_' }).collect();
    if !repaired.starts_with(|c: char| c == '_' || unicode_ident::is_xid_start(c)) {
        repaired.insert(0, '_');
    }
    if CANNOT_BE_RAW.contains(&repaired.as_str()) {
        repaired.push('_');
    }
    Cow::Owned(repaired)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn converts_wire_names() {
        assert_eq!(member_name("GUID"), "guid");
        assert_eq!(member_name("canStart11Call"), "can_start11_call");
        assert_eq!(member_name("enforceFSQuota"), "enforce_fs_quota");
        assert_eq!(member_name("self"), "self_");
        assert_eq!(member_name("2fa"), "n2fa");
        assert_eq!(type_name("TFAOptions"), "TfaOptions");
        assert_eq!(type_name("404"), "T404");
        assert_eq!(variant_name("DISABLED_AT_COMPANY"), "DisabledAtCompany");
        assert_eq!(variant_name(""), "VUnnamed");
        assert_eq!(type_name("self"), "SelfType");
        assert_eq!(type_name("Option"), "OptionType");
        assert_eq!(variant_name("self"), "SelfValue");
        // Compatibility characters are read in NFKC, as rustc reads identifiers.
        assert_eq!(member_name("a²b"), "a2b");
        assert_eq!(variant_name("①"), "V1");
        assert_eq!(member_name("x²"), "x2");
        // Not identifier characters at all.
        assert_eq!(member_name("a\u{2603}b"), "a_b");
        assert_eq!(member_name("größe"), "größe");
        // What rustc's `uncommon_codepoints` lint would warn of separates words.
        assert_eq!(member_name("a\u{10300}b"), "a_b");
        assert_eq!(type_name("Into"), "IntoType");
    }

    /// Characters that may continue an identifier but not start one get the prefix, so
    /// every name is an identifier (they once panicked when turned into one).
    #[test]
    fn names_that_cannot_start_an_identifier_get_a_prefix() {
        for wire in ["٣", "١٢x", "１", "ำ", "ा", "x٣", "٣_a", "２fa"] {
            for name in [member_name(wire), type_name(wire), variant_name(wire)] {
                let mut chars = name.chars();
                let first = chars.next().expect("a name is never empty");
                assert!(first == '_' || unicode_ident::is_xid_start(first), "{wire:?} -> {name:?}");
                assert!(chars.all(unicode_ident::is_xid_continue), "{wire:?} -> {name:?}");
            }
        }
        assert_eq!(member_name("٣"), "n٣");
        // NFKC, as rustc reads identifiers (and warns of a name that is not in NFKC).
        assert_eq!(type_name("１"), "T1");
        assert_eq!(variant_name("ำ"), "V\u{e4d}\u{e32}");
        assert_eq!(member_name("ा"), "nा");
    }

    #[test]
    fn any_string_is_repaired_into_an_identifier_and_identifiers_are_kept() {
        for kept in ["name", "type", "größe", "n٣", "_x", "T１"] {
            assert_eq!(identifier(kept), kept);
        }
        let repaired = [
            ("", "_unnamed"),
            ("_", "__"),
            ("self", "self_"),
            ("Self", "Self_"),
            ("٣", "_٣"),
            ("ำx", "_ำx"),
            ("1", "_1"),
            ("a-b c", "a_b_c"),
            ("①", "__"),
            ("x²", "x_"),
        ];
        for (wire, expected) in repaired {
            assert_eq!(identifier(wire), expected, "{wire:?}");
        }
    }
}
