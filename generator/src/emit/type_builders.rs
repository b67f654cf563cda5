//! The module `types::builders`: a builder per struct (`Type::builder()`), with the three
//! methods the model named for each member (`x`, `set_x`, `get_x`) and `build()`, which
//! names every required member that is not set. Request builders hold the builder of their
//! body's struct (see [`super::builders`]), so a body's members are set on the request.
//!
//! Builders live in a module of their own, as in the AWS SDK for Rust: `FooBuilder` beside
//! the types could be the name of a schema.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::docs::doc_attr;
use super::types::debug_impl;
use super::render::{piece, Module};
use super::{cfg, ident, rust_type_in, setter_input, RuntimeAlias};
use crate::model::ir::{Api, Field, Presence, TypeDef, TypeKind};

/// The name of a struct's builder in `types::builders`: `{Type}Builder`, unique there since
/// type names are.
pub(super) fn builder_name(type_name: &str) -> proc_macro2::Ident {
    format_ident!("{}Builder", ident(type_name).to_string().trim_start_matches("r#"))
}

/// The contents of `types::builders` (its own file, `types/builders.rs`, in a crate; in
/// place in the single-file layout).
/// A builder a piece.
pub(super) fn builders_rs<'a>(api: &'a Api, alias: &'a RuntimeAlias) -> Module<'a> {
    let head = piece(move || {
        quote! {
            //! A builder per struct of [`super`]: `Type::builder()`, a method per member, then
            //! `build()`, which checks that the required members are set.
            #alias
        }
    });
    let items = api.types.iter().filter_map(|def| match &def.kind {
        TypeKind::Struct(fields) => Some(piece(move || type_builder(api, def, fields))),
        _ => None,
    });
    std::iter::once(head).chain(items).collect()
}

/// `Type::builder()`, in the `types` module.
pub(super) fn builder_fn(def: &TypeDef) -> TokenStream {
    let name = ident(&def.name);
    let builder = builder_name(&def.name);
    let cfg = cfg(&def.gate);
    let doc = doc_attr(format!(" A builder for a `{}`: set the members, then `build()`.", def.name));
    quote! {
        #cfg
        impl #name {
            #doc
            #[inline]
            pub fn builder() -> builders::#builder {
                builders::#builder::default()
            }
        }
    }
}

fn type_builder(api: &Api, def: &TypeDef, fields: &[Field]) -> TokenStream {
    let types = quote!(super::);
    let name = ident(&def.name);
    let label = &def.name;
    let builder = builder_name(&def.name);
    let cfg = cfg(&def.gate);
    let doc = doc_attr(format!(
        " A builder for [`{label}`](super::{label}): `{label}::builder()`, a method per member, then \
         `build()`. `From<{label}>` gives the builder of a value, to change some members."
    ));
    let members: Vec<_> = fields.iter().map(|f| ident(&f.rust_name)).collect();
    let stored = fields.iter().map(|f| rust_type_in(api, &f.ty, &types));
    let sensitive: Vec<_> = fields.iter().map(|f| (ident(&f.rust_name), f.sensitive)).collect();
    let (derive_debug, debug_impl) = debug_impl(&builder, &cfg, &sensitive);
    let methods = fields.iter().map(|f| member_methods(api, &def.name, f, &types));
    let build = build_fn(def, fields);
    // Back from a value: every member set as the value has it.
    let from = fields.iter().map(|f| {
        let member = ident(&f.rust_name);
        let value = match (f.presence, f.boxed) {
            (Presence::Required | Presence::DefaultFalse | Presence::Flattened, false) => quote!(Some(value.#member)),
            (Presence::Required, true) => quote!(Some(*value.#member)),
            (_, false) => quote!(value.#member),
            (_, true) => quote!(value.#member.map(|member| *member)),
        };
        quote!(#member: #value,)
    });
    quote! {
        #cfg
        #doc
        #[derive(#derive_debug Clone, Default)]
        pub struct #builder {
            // `pub(super)`: the struct's `Deserialize` (in `types`) reads into them.
            #(pub(super) #members: Option<#stored>,)*
        }

        #debug_impl

        #cfg
        impl #builder {
            #(#methods)*
            #build
        }

        #cfg
        impl From<super::#name> for #builder {
            #[inline]
            fn from(value: super::#name) -> Self {
                Self { #(#from)* }
            }
        }
    }
}

/// `x`, `set_x` and `get_x` of one member.
fn member_methods(api: &Api, owner: &str, f: &Field, types: &TokenStream) -> TokenStream {
    let member = ident(&f.rust_name);
    let ty = rust_type_in(api, &f.ty, types);
    let (input, convert) = setter_input(api, &f.ty, types);
    let (setter, set_option, getter) = (ident(&f.accessors.setter), ident(&f.accessors.set_option), ident(&f.accessors.getter));
    // A link to the field, whose docs say the rest: the description is not copied (it
    // would be a third of a large crate's text).
    let doc = format!(" Sets `{}`{}: [`{}`](super::{}::{}).", f.wire_name, presence_note(f.presence), f.rust_name, owner, member);
    let doc = doc_attr(doc);
    let set_doc = doc_attr(format!(" Sets `{}`, or unsets it with `None`.", f.wire_name));
    let get_doc = doc_attr(format!(" The `{}` set so far.", f.wire_name));
    quote! {
        #doc
        #[inline]
        pub fn #setter(mut self, value: #input) -> Self {
            self.#member = Some(#convert);
            self
        }

        #set_doc
        #[inline]
        pub fn #set_option(mut self, value: Option<#ty>) -> Self {
            self.#member = value;
            self
        }

        #get_doc
        #[inline]
        pub fn #getter(&self) -> &Option<#ty> {
            &self.#member
        }
    }
}

/// What a member's setter says of its absence.
pub(super) fn presence_note(presence: Presence) -> &'static str {
    match presence {
        Presence::Required => ", required",
        Presence::RequiredNullable => ", sent as `null` when not set",
        Presence::DefaultFalse => ", `false` when not set",
        Presence::Optional | Presence::Flattened => "",
    }
}

/// `build()`: the value, or every required member that is not set.
fn build_fn(def: &TypeDef, fields: &[Field]) -> TokenStream {
    let name = ident(&def.name);
    let label = &def.name;
    let required: Vec<&Field> = fields.iter().filter(|f| f.presence == Presence::Required).collect();
    let init = fields.iter().map(|f| {
        let member = ident(&f.rust_name);
        let value = match (f.presence, f.boxed) {
            // The local of `build()`'s match: shorthand (clippy's `redundant_field_names`).
            (Presence::Required, false) => return quote!(#member,),
            (Presence::Required, true) => quote!(Box::new(#member)),
            (Presence::DefaultFalse | Presence::Flattened, _) => quote!(self.#member.unwrap_or_default()),
            (_, false) => quote!(self.#member),
            (_, true) => quote!(self.#member.map(Box::new)),
        };
        quote!(#member: #value,)
    });
    // Not a member: the response fills it in.
    let request_id = def.carries_request_id.then(|| quote!(request_id: None,));
    let value = quote!(super::#name { #(#init)* #request_id });
    // As in the AWS SDK for Rust: a struct without required members always builds.
    if required.is_empty() {
        let doc = doc_attr(format!(" The `{label}` (every member is optional: it always builds)."));
        return quote! {
            #doc
            #[inline]
            pub fn build(self) -> super::#name {
                #value
            }
        };
    }
    let doc = doc_attr(format!(" The `{label}`; an error naming every required member that is not set."));
    let body = {
        let names: Vec<_> = required.iter().map(|f| ident(&f.rust_name)).collect();
        let checks = required.iter().map(|f| {
            let member = ident(&f.rust_name);
            let (wire, setter) = (&f.wire_name, &f.accessors.setter);
            quote!((#member.is_none(), #wire, #setter))
        });
        quote! {
            match (#(self.#names,)*) {
                (#(Some(#names),)*) => Ok(#value),
                (#(#names,)*) => Err(sdkgen_runtime::MissingMembers::of(#label, &[#(#checks),*])),
            }
        }
    };
    quote! {
        #doc
        #[inline]
        pub fn build(self) -> Result<super::#name, sdkgen_runtime::MissingMembers> {
            #body
        }
    }
}
