//! `oneOf` / `anyOf` unions: untagged, or chosen by a discriminator written by hand.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::doc_attr;
use super::rust_type;
use crate::model::ir::{Api, Discriminator, TypeDef, TypeRef, Union, UnionVariant};
use super::ident;

/// A `oneOf` / `anyOf`. Untagged: serde tries the members in the spec's order. With a
/// discriminator: written by hand, because a member struct usually holds the discriminating
/// property itself, which serde's internally tagged enums would write twice.
pub(super) fn union_def(
    api: &Api,
    def: &TypeDef,
    name: &proc_macro2::Ident,
    cfg: &TokenStream,
    doc: TokenStream,
    union: &Union,
) -> TokenStream {
    let eq = def.traits.eq.then(|| quote!(Eq,));
    let member_type = |v: &UnionVariant| {
        let ty = rust_type(api, &v.ty, false);
        if v.boxed { quote!(Box<#ty>) } else { ty }
    };
    let Some(Discriminator { property, fallback }) = &union.discriminator else {
        let variants = union.variants.iter().map(|v| {
            let variant = ident(&v.rust_name);
            let ty = member_type(v);
            let doc = match &v.ty {
                TypeRef::Named(id) => format!(" The [`{}`] member.", api.ty(*id).name),
                other => format!(" The `{}` member.", rust_type(api, other, false).to_string().replace(' ', "")),
            };
            let doc = doc_attr(doc);
            quote!(#doc #variant(#ty),)
        });
        // A value of a member's scalar type converts into it (`5`, `"abc"`), as the model chose.
        let froms = union.from_scalars.iter().filter_map(|&i| union.variants.get(i)).map(|v| {
            let variant = ident(&v.rust_name);
            let ty = rust_type(api, &v.ty, false);
            let from_str = (v.ty == TypeRef::String).then(|| {
                quote! {
                    #cfg
                    impl From<&str> for #name {
                        fn from(value: &str) -> Self {
                            Self::#variant(value.to_owned())
                        }
                    }
                }
            });
            quote! {
                #cfg
                impl From<#ty> for #name {
                    fn from(value: #ty) -> Self {
                        Self::#variant(value)
                    }
                }
                #from_str
            }
        });
        return quote! {
            #cfg
            #doc
            ///
            /// Read as the first member, in this order, that the value is valid for.
            // Members differ in size as the spec's schemas do; boxing them all would make
            // every match and construction clumsier for the sake of one value's size.
            #[allow(clippy::large_enum_variant)]
            #[derive(Debug, Clone, PartialEq, #eq serde::Serialize, serde::Deserialize)]
            #[serde(untagged)]
            pub enum #name {
                #(#variants)*
            }
            #(#froms)*
        };
    };
    let fallback = ident(fallback);
    let variants = union.variants.iter().map(|v| {
        let variant = ident(&v.rust_name);
        let ty = member_type(v);
        let doc = doc_attr(format!(" `{property}` is `{}`.", v.tag.as_deref().unwrap_or_default()));
        quote!(#doc #variant(#ty),)
    });
    let ser_arms = union.variants.iter().map(|v| {
        let variant = ident(&v.rust_name);
        let tag = v.tag.as_deref().unwrap_or_default();
        quote!(Self::#variant(member) => (#tag, serde_json::to_value(member)),)
    });
    let de_arms = union.variants.iter().map(|v| {
        let variant = ident(&v.rust_name);
        let tag = v.tag.as_deref().unwrap_or_default();
        let wrap = v.boxed.then(|| quote!(.map(Box::new)));
        quote! {
            Some(#tag) => serde_json::from_value(value) #wrap .map(Self::#variant).map_err(serde::de::Error::custom),
        }
    });
    let fallback_doc = format!(
        " A value whose `{property}` this SDK does not know (or that has none), kept as sent."
    );
    let fallback_doc = doc_attr(fallback_doc);
    let chosen_by = doc_attr(format!(" The member is chosen by the value of `{property}`."));
    quote! {
        #cfg
        #doc
        ///
        #chosen_by
        #[allow(clippy::large_enum_variant)]
        #[derive(Debug, Clone, PartialEq)]
        pub enum #name {
            #(#variants)*
            #fallback_doc
            #fallback(serde_json::Value),
        }

        #cfg
        impl serde::Serialize for #name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                let (tag, value) = match self {
                    #(#ser_arms)*
                    Self::#fallback(value) => return serde::Serialize::serialize(value, serializer),
                };
                let mut value = value.map_err(serde::ser::Error::custom)?;
                // The variant decides the tag, whatever the member holds: a round trip gives
                // back the same variant.
                if let serde_json::Value::Object(members) = &mut value {
                    members.insert(#property.to_owned(), tag.into());
                }
                serde::Serialize::serialize(&value, serializer)
            }
        }

        #cfg
        impl<'de> serde::Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let value = <serde_json::Value as serde::Deserialize>::deserialize(deserializer)?;
                let tag = value.get(#property).and_then(serde_json::Value::as_str).map(str::to_owned);
                match tag.as_deref() {
                    #(#de_arms)*
                    _ => Ok(Self::#fallback(value)),
                }
            }
        }
    }
}
