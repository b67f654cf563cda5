//! A struct's `Deserialize`, written out rather than derived: the runtime's one visitor
//! (`sdkgen_runtime::structs`) reads the object's members into the struct's builder, and the
//! struct's `ReadStruct` impl says which wire name is which builder member. The builder's
//! `build()` checks the required members, so nothing of that is generic code per struct.

use proc_macro2::TokenStream;
use quote::quote;

use super::type_builders::builder_name;
use super::ident;
use crate::model::ir::{Field, Presence, TypeDef};

/// The `Deserialize` and `ReadStruct` impls of a struct.
pub(super) fn struct_deserialize(def: &TypeDef, name: &proc_macro2::Ident, cfg: &TokenStream, fields: &[Field]) -> TokenStream {
    let label = &def.name;
    let builder = builder_name(&def.name);
    // One call per member, each arm's value the function's result: the runtime's `required`
    // and `optional` read the value into the builder's member (which is an `Option` for every
    // member: an optional or nullable one reads `null` as `None`, the others are `Some` of
    // their value), so no arm has an assignment and a `?` of its own to type-check.
    let arms = fields.iter().filter(|f| f.presence != Presence::Flattened).map(|f| {
        let member = ident(&f.rust_name);
        let wire = &f.wire_name;
        match f.presence {
            Presence::Optional | Presence::RequiredNullable => quote!(#wire => optional(map, &mut builder.#member),),
            _ => quote!(#wire => required(map, &mut builder.#member),),
        }
    });
    // The runtime's functions by their names (short arms), imported only when used.
    let readers = fields.iter().filter(|f| f.presence != Presence::Flattened);
    let mut imported: Vec<TokenStream> = Vec::new();
    if readers.clone().any(|f| matches!(f.presence, Presence::Optional | Presence::RequiredNullable)) {
        imported.push(quote!(optional));
    }
    if readers.clone().any(|f| !matches!(f.presence, Presence::Optional | Presence::RequiredNullable)) {
        imported.push(quote!(required));
    }
    if fields.iter().any(|f| f.presence == Presence::Flattened) {
        imported.push(quote!(other));
    }
    let imports = if imported.is_empty() {
        TokenStream::new()
    } else {
        quote!(use sdkgen_runtime::structs::{#(#imported),*};)
    };
    // The members not listed (`additionalProperties`) go into their map; without one they
    // are skipped (`Ok(false)`).
    let others = fields.iter().find(|f| f.presence == Presence::Flattened).map(|f| {
        let member = ident(&f.rust_name);
        quote!(other(map, key, &mut builder.#member))
    });
    let arms: Vec<_> = arms.collect();
    let body = match (arms.is_empty(), others) {
        (false, Some(others)) => quote! {
            #imports
            match key {
                #(#arms)*
                key => #others,
            }
        },
        (false, None) => quote! {
            #imports
            match key {
                #(#arms)*
                _ => Ok(false),
            }
        },
        (true, Some(others)) => quote! {
            #imports
            #others
        },
        (true, None) => quote! {
            let _ = (builder, key, map);
            Ok(false)
        },
    };
    let required = fields.iter().any(|f| f.presence == Presence::Required);
    let finish = if required { quote!(builder.build()) } else { quote!(Ok(builder.build())) };
    quote! {
        #cfg
        impl<'de> serde::Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                sdkgen_runtime::structs::deserialize(deserializer)
            }
        }

        #cfg
        impl sdkgen_runtime::structs::ReadStruct for #name {
            const NAME: &'static str = #label;
            type Builder = builders::#builder;

            fn read_member<'de, A: serde::de::MapAccess<'de>>(
                builder: &mut Self::Builder,
                key: &str,
                map: &mut A,
            ) -> Result<bool, A::Error> {
                #body
            }

            fn finish(builder: Self::Builder) -> Result<Self, sdkgen_runtime::MissingMembers> {
                #finish
            }
        }
    }
}
