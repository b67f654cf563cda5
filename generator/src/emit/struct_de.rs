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
    let arms = fields.iter().filter(|f| f.presence != Presence::Flattened).map(|f| {
        let member = ident(&f.rust_name);
        let wire = &f.wire_name;
        // The builder holds every member as an `Option`: an optional or nullable member
        // reads straight into it (`null` is `None`), the others are `Some` of their value.
        match f.presence {
            Presence::Optional | Presence::RequiredNullable => quote!(#wire => builder.#member = map.next_value()?,),
            _ => quote!(#wire => builder.#member = Some(map.next_value()?),),
        }
    });
    // The members not listed (`additionalProperties`) go into their map; without one they
    // are skipped.
    let others = fields.iter().find(|f| f.presence == Presence::Flattened).map(|f| {
        let member = ident(&f.rust_name);
        quote!(builder.#member.get_or_insert_default().insert(key.to_owned(), map.next_value()?);)
    });
    let arms: Vec<_> = arms.collect();
    let body = match (arms.is_empty(), others) {
        (false, Some(others)) => quote! {
            match key {
                #(#arms)*
                key => { #others }
            }
            Ok(true)
        },
        (false, None) => quote! {
            match key {
                #(#arms)*
                _ => return Ok(false),
            }
            Ok(true)
        },
        (true, Some(others)) => quote! { #others Ok(true) },
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
