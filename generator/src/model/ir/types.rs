//! The named types of the `types` module: structs, enums, unions, aliases, outcomes.

use super::{Gate, TypeRef};

/// A named type of the generated `types` module.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct TypeDef {
    pub name: String,
    pub doc: Option<String>,
    pub kind: TypeKind,
    /// An AWS error body or success output: it also carries the response's request id (not
    /// part of the body).
    pub carries_request_id: bool,
    /// A struct that is the body of a documented error: it implements `Display` and
    /// `std::error::Error`, and is a variant of the crate-level `Error`.
    pub error_body: Option<ErrorBody>,
    /// Which features compile it.
    pub gate: Gate,
    /// The optional traits it implements (see [`Traits`]).
    pub traits: Traits,
}

/// The traits a type implements beyond those every type of its kind has.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct Traits {
    /// `Eq` (and for enums `Hash`, `Ord`): no floats or JSON values inside.
    pub eq: bool,
    /// `Default`: a struct whose members are all optional.
    pub default: bool,
    /// serde's traits by `#[derive]`: only an untagged union (serde tries its members in
    /// order, buffering the input, which serde keeps private to its derive). Every other
    /// type's serde impls are written out, so a crate with no such type does without
    /// serde_derive (and the syn it builds, on the cold build's critical path).
    pub serde_derive: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum TypeKind {
    Struct(Vec<Field>),
    /// A string enum that keeps unknown values in the `fallback` variant.
    Enum {
        variants: Vec<Variant>,
        fallback: String,
    },
    /// Another name for a type (`type Name = ...;`).
    Alias(TypeRef),
    /// An integer enum that keeps unknown values in the `fallback` variant.
    IntEnum {
        variants: Vec<IntVariant>,
        fallback: String,
    },
    /// `oneOf` / `anyOf`: one of several types.
    Union(Union),
    /// The success responses of an operation that documents several with different
    /// bodies: a variant per status. Not a wire type (no serde): chosen by the status.
    Outcomes(Vec<Outcome>),
}

impl TypeKind {
    /// The types a value of this kind holds directly (inside lists and maps too).
    pub fn members(&self) -> Vec<&TypeRef> {
        match self {
            TypeKind::Struct(fields) => fields.iter().map(|f| &f.ty).collect(),
            TypeKind::Union(u) => u.variants.iter().map(|v| &v.ty).collect(),
            TypeKind::Alias(t) => vec![t],
            TypeKind::Outcomes(o) => o.iter().filter_map(|o| o.ty.as_ref()).collect(),
            TypeKind::Enum { .. } | TypeKind::IntEnum { .. } => Vec::new(),
        }
    }

    pub(super) fn members_mut(&mut self) -> Vec<&mut TypeRef> {
        match self {
            TypeKind::Struct(fields) => fields.iter_mut().map(|f| &mut f.ty).collect(),
            TypeKind::Union(u) => u.variants.iter_mut().map(|v| &mut v.ty).collect(),
            TypeKind::Alias(t) => vec![t],
            TypeKind::Outcomes(o) => o.iter_mut().filter_map(|o| o.ty.as_mut()).collect(),
            TypeKind::Enum { .. } | TypeKind::IntEnum { .. } => Vec::new(),
        }
    }
}

/// What a documented error body is beside its members.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ErrorBody {
    /// Its variant of the crate-level `Error` (the type's own name).
    pub variant: String,
    /// That variant's `is_` method.
    pub is_method: String,
    /// The member its `Display` and `message()` show; `None`: the type's name is shown.
    pub message: Option<MessageMember>,
}

/// The string member of an error body that holds its message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct MessageMember {
    pub rust_name: String,
    /// An `Option<String>` (else a `String`).
    pub optional: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Outcome {
    /// The status, or a range's class (`2`: `2XX`, matched after the exact statuses).
    pub status: u16,
    /// `Status201`.
    pub rust_name: String,
    /// `None`: no body.
    pub ty: Option<TypeRef>,
    /// A text body, read as a `String` (see `Success::text`).
    pub text: bool,
    pub doc: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct IntVariant {
    pub value: i64,
    pub rust_name: String,
}

/// Whether a struct member must be there, and how its absence is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Presence {
    /// Required and not nullable: a plain field.
    Required,
    /// Optional: an `Option`, left out of the JSON when `None`.
    Optional,
    /// Required but nullable: an `Option` that is sent as `null` rather than left out.
    RequiredNullable,
    /// An optional boolean whose documented default is `false`: a plain `bool` that is
    /// `false` when absent.
    DefaultFalse,
    /// The members other than the properties (`additionalProperties` beside `properties`):
    /// a map, flattened into the object on the wire.
    Flattened,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Field {
    pub wire_name: String,
    pub rust_name: String,
    pub ty: TypeRef,
    pub presence: Presence,
    /// Never printed by `Debug` (`x-sensitive`).
    pub sensitive: bool,
    /// Held through a `Box`: the field's type contains this struct again (a recursive
    /// schema), which would otherwise have no size.
    pub boxed: bool,
    pub doc: Option<String>,
    /// The methods of the type's builder for this member (named once every type is
    /// defined, by `passes::accessors`).
    pub accessors: Accessors,
    /// Its names in an AWS query API (see [`super::Api::aws_query`]); `None` elsewhere.
    pub query: Option<super::QueryNames>,
}

/// The three methods a builder has for one member, named together (see
/// `naming::claim_accessors`): `x(value)`, `set_x(Option<value>)`, `get_x() -> &Option<_>`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct Accessors {
    /// Sets the member: `x`.
    pub setter: String,
    /// Sets or clears it with an `Option`: `set_x`.
    pub set_option: String,
    /// Reads what is set: `get_x`.
    pub getter: String,
}

impl Field {
    /// A plain field (not an `Option`) that must be set.
    pub fn is_required(&self) -> bool {
        self.presence == Presence::Required
    }
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Variant {
    pub wire_value: String,
    pub rust_name: String,
    /// The number the server may send instead of the string (`x-integer-values`).
    pub integer: Option<i64>,
}

/// A `oneOf` / `anyOf`. With a discriminator, the member is chosen by the value of one
/// property (and an unknown value is kept); without, the first member the value
/// deserializes as wins, in the spec's order.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Union {
    pub variants: Vec<UnionVariant>,
    pub discriminator: Option<Discriminator>,
    /// The variants (indexes) a value of their type converts into, `impl From<i64>`
    /// (and `From<&str>` beside `From<String>`): the first member of each scalar type of an
    /// untagged union, so that a setter taking `impl Into<Union>` takes `5` or `"abc"`.
    pub from_scalars: Vec<usize>,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Discriminator {
    /// The wire name of the discriminating property.
    pub property: String,
    /// The variant holding a value with an unknown tag.
    pub fallback: String,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct UnionVariant {
    pub rust_name: String,
    pub ty: TypeRef,
    /// The discriminator value that selects this member (discriminated unions only).
    pub tag: Option<String>,
    /// Held through a `Box`: the member contains the union again.
    pub boxed: bool,
}
