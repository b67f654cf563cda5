//! What kind of OpenAPI object sits at a place of the document, from its path alone.
//!
//! A `$ref` must name a node of the kind its own place expects (a schema where a schema
//! goes, a parameter in a `parameters` list), so both ends of a reference are classified by
//! the same rules: a small state machine over the segments of a JSON pointer, from the root
//! (`paths` -> path item -> operation -> `responses` -> response -> `content` -> media type
//! -> `schema`). One step per segment: a place costs its depth.

/// The kind of a place.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Kind {
    Root,
    Schema,
    Parameter,
    RequestBody,
    Response,
    Header,
    Example,
    Link,
    Callback,
    PathItem,
    SecurityScheme,
    Operation,
    MediaType,
    Encoding,
    /// A map or list of nodes of one kind (`components.schemas`, `allOf`, `parameters`).
    Many(Element),
    /// `paths`, `responses` of an operation, `content`, `components`: containers whose
    /// members have a fixed kind (see [`step`]).
    Paths,
    Responses,
    Content,
    Components,
    /// Anything else: an example's value, `info`, `servers`, an extension; what is there is
    /// data, not an OpenAPI object (a `$ref` key in an example is a value).
    Data,
    /// A place no rule names (`#/components/x-schemas/A`): of whatever kind is expected.
    Unknown,
}

/// The kind of the members of a [`Kind::Many`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Element {
    Schema,
    Parameter,
    RequestBody,
    Response,
    Header,
    Example,
    Link,
    Callback,
    PathItem,
    SecurityScheme,
    Encoding,
}

impl Element {
    fn kind(self) -> Kind {
        match self {
            Element::Schema => Kind::Schema,
            Element::Parameter => Kind::Parameter,
            Element::RequestBody => Kind::RequestBody,
            Element::Response => Kind::Response,
            Element::Header => Kind::Header,
            Element::Example => Kind::Example,
            Element::Link => Kind::Link,
            Element::Callback => Kind::Callback,
            Element::PathItem => Kind::PathItem,
            Element::SecurityScheme => Kind::SecurityScheme,
            Element::Encoding => Kind::Encoding,
        }
    }
}

impl Kind {
    /// The `components` section that holds nodes of this kind, for those a `$ref` may name.
    pub(crate) fn section(self) -> Option<&'static str> {
        Some(match self {
            Kind::Schema => "schemas",
            Kind::Parameter => "parameters",
            Kind::RequestBody => "requestBodies",
            Kind::Response => "responses",
            Kind::Header => "headers",
            Kind::Example => "examples",
            Kind::Link => "links",
            Kind::Callback => "callbacks",
            Kind::PathItem => "pathItems",
            Kind::SecurityScheme => "securitySchemes",
            _ => return None,
        })
    }

    /// How a message names a node of this kind.
    pub(crate) fn noun(self) -> &'static str {
        match self {
            Kind::Root => "the whole document",
            Kind::Schema => "a schema",
            Kind::Parameter => "a parameter",
            Kind::RequestBody => "a request body",
            Kind::Response => "a response",
            Kind::Header => "a header",
            Kind::Example => "an example",
            Kind::Link => "a link",
            Kind::Callback => "a callback",
            Kind::PathItem => "a path item",
            Kind::SecurityScheme => "a security scheme",
            Kind::Operation => "an operation",
            Kind::MediaType => "a media type",
            Kind::Encoding => "an encoding",
            Kind::Many(_) | Kind::Paths | Kind::Responses | Kind::Content | Kind::Components => "a map of nodes",
            Kind::Data | Kind::Unknown => "a value",
        }
    }
}

/// The kind of the member `segment` of a node of kind `parent`.
pub(crate) fn step(parent: Kind, segment: &str) -> Kind {
    use Element as E;
    match (parent, segment) {
        // An extension at the top (`x-schemas: {..}`) may hold anything a `$ref` names;
        // elsewhere it is data. Members of maps keep their kind, whatever their name.
        (Kind::Root | Kind::Components, s) if s.starts_with("x-") => Kind::Unknown,
        (_, s) if s.starts_with("x-") && !matches!(parent, Kind::Many(_) | Kind::Paths | Kind::Responses | Kind::Content) => {
            Kind::Data
        }
        (Kind::Root, "paths") => Kind::Paths,
        (Kind::Root, "webhooks") => Kind::Many(E::PathItem),
        (Kind::Root, "components") => Kind::Components,
        // Left over in 3.x documents converted from 2.0.
        (Kind::Root, "definitions") => Kind::Many(E::Schema),
        (Kind::Root, "parameters") => Kind::Many(E::Parameter),
        (Kind::Root, "responses") => Kind::Many(E::Response),
        (Kind::Root, _) => Kind::Data,
        (Kind::Components, s) => match s {
            "schemas" => Kind::Many(E::Schema),
            "parameters" => Kind::Many(E::Parameter),
            "requestBodies" => Kind::Many(E::RequestBody),
            "responses" => Kind::Many(E::Response),
            "headers" => Kind::Many(E::Header),
            "examples" => Kind::Many(E::Example),
            "links" => Kind::Many(E::Link),
            "callbacks" => Kind::Many(E::Callback),
            "pathItems" => Kind::Many(E::PathItem),
            "securitySchemes" => Kind::Many(E::SecurityScheme),
            _ => Kind::Unknown,
        },
        (Kind::Many(element), _) => element.kind(),
        (Kind::Paths, _) => Kind::PathItem,
        (Kind::Callback, _) => Kind::PathItem,
        (Kind::PathItem, "parameters") => Kind::Many(E::Parameter),
        (Kind::PathItem, s) if crate::load::spec::METHODS.contains(&s) => Kind::Operation,
        (Kind::Operation, "parameters") => Kind::Many(E::Parameter),
        (Kind::Operation, "requestBody") => Kind::RequestBody,
        (Kind::Operation, "responses") => Kind::Responses,
        (Kind::Operation, "callbacks") => Kind::Many(E::Callback),
        (Kind::Responses, _) => Kind::Response,
        (Kind::Parameter | Kind::Header, "schema") => Kind::Schema,
        (Kind::Parameter | Kind::Header | Kind::RequestBody | Kind::Response, "content") => Kind::Content,
        (Kind::Parameter | Kind::Header | Kind::MediaType, "examples") => Kind::Many(E::Example),
        (Kind::Response, "headers") | (Kind::Encoding, "headers") => Kind::Many(E::Header),
        (Kind::Response, "links") => Kind::Many(E::Link),
        (Kind::Content, _) => Kind::MediaType,
        (Kind::MediaType, "schema") => Kind::Schema,
        (Kind::MediaType, "encoding") => Kind::Many(E::Encoding),
        (Kind::Schema, s) => match s {
            "properties" | "patternProperties" | "$defs" | "definitions" | "dependentSchemas" => Kind::Many(E::Schema),
            "allOf" | "oneOf" | "anyOf" | "prefixItems" => Kind::Many(E::Schema),
            "items" | "additionalProperties" | "not" | "contains" | "propertyNames" | "if" | "then" | "else"
            | "unevaluatedItems" | "unevaluatedProperties" | "additionalItems" | "contentSchema" => Kind::Schema,
            _ => Kind::Data,
        },
        (Kind::Unknown, _) => Kind::Unknown,
        _ => Kind::Data,
    }
}

/// The kind of the node at the place named by `segments` (unescaped), from the root.
pub(crate) fn kind_of<'s>(segments: impl IntoIterator<Item = &'s str>) -> Kind {
    segments.into_iter().fold(Kind::Root, step)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(pointer: &str) -> Kind {
        let segments: Vec<String> = crate::diag::segments(pointer).collect();
        kind_of(segments.iter().map(String::as_str))
    }

    #[test]
    fn places_have_the_kind_of_their_path() {
        assert_eq!(kind("/paths/~1users/get/parameters/0"), Kind::Parameter);
        assert_eq!(kind("/paths/~1a/get/responses/200/content/application~1json/schema"), Kind::Schema);
        assert_eq!(kind("/paths/~1a/parameters/1/schema/items"), Kind::Schema);
        assert_eq!(kind("/components/schemas/X/properties/y/allOf/0"), Kind::Schema);
        assert_eq!(kind("/components/responses/R/content/application~1json/schema"), Kind::Schema);
        assert_eq!(kind("/components/responses/R/headers/H"), Kind::Header);
        assert_eq!(kind("/components/schemas/X/$defs/Y"), Kind::Schema);
        assert_eq!(kind("/definitions/Y"), Kind::Schema);
        assert_eq!(kind("/components/schemas/X/example/a"), Kind::Data);
        assert_eq!(kind("/components/x-things/A"), Kind::Unknown);
        assert_eq!(kind("/paths/~1a/get"), Kind::Operation);
        assert_eq!(kind(""), Kind::Root);
    }
}
