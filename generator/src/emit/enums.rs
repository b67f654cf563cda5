//! String and integer enums: a variant per value and a catch-all that keeps unknown ones.
//!
//! Both are `#[non_exhaustive]` and their catch-all holds a `sdkgen_runtime::UnknownValue`,
//! which code can read but not build (as the AWS SDKs' `UnknownVariantValue`): a value the
//! service adds later, or that the next version gives a variant, breaks no caller.

use proc_macro2::TokenStream;
use quote::quote;

use crate::model::ir::{IntVariant, Variant};
use super::docs::doc_attr;
use super::ident;

/// A string enum: `as_str`, `Display`, `From<&str>`, and serde by the wire values (also from
/// the numbers of `x-integer-values`) written out, never derived: `Serialize` writes
/// `as_str()`, `Deserialize` reads the string with the runtime's one visitor
/// (`sdkgen_runtime::enums`) and maps it with `From<&str>`, so nothing is buffered and no
/// per-enum serde code is compiled.
pub(super) fn string_enum(
    name: &proc_macro2::Ident,
    cfg: &TokenStream,
    doc: TokenStream,
    variants: &[Variant],
    fallback: &str,
) -> TokenStream {
    let fallback = ident(fallback);
    let variant_defs = variants.iter().map(|v| {
        let variant = ident(&v.rust_name);
        let doc = doc_attr(format!(" `{}`", v.wire_value));
        quote! {
            #doc
            #variant,
        }
    });
    let as_str_arms = variants.iter().map(|v| {
        let variant = ident(&v.rust_name);
        let wire = &v.wire_value;
        quote!(Self::#variant => #wire,)
    });
    let from_arms = variants.iter().map(|v| {
        let variant = ident(&v.rust_name);
        let wire = &v.wire_value;
        quote!(#wire => Self::#variant,)
    });
    // A server that sends the numbers of the values as well (`x-integer-values`):
    // both forms are read; the name is what is sent.
    let accepts_integers = variants.iter().any(|v| v.integer.is_some());
    let deserialize = if accepts_integers {
        let arms = variants.iter().filter_map(|v| {
            let variant = ident(&v.rust_name);
            let number = proc_macro2::Literal::i64_unsuffixed(v.integer?);
            Some(quote!(Some(#number) => Self::#variant,))
        });
        quote! {
            match <sdkgen_runtime::enums::StrOrNumber<'de> as serde::Deserialize<'de>>::deserialize(deserializer)? {
                sdkgen_runtime::enums::StrOrNumber::Str(value) => Ok(Self::from(&*value)),
                sdkgen_runtime::enums::StrOrNumber::Number(number) => Ok(match number.as_i64() {
                    #(#arms)*
                    _ => Self::#fallback(sdkgen_runtime::UnknownValue::generated(number.to_string())),
                }),
            }
        }
    } else {
        quote!(sdkgen_runtime::enums::deserialize(deserializer))
    };
    quote! {
        #cfg
        #doc
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum #name {
            #(#variant_defs)*
            /// A value this SDK does not know (the service added it later), kept as sent:
            /// read it with `as_str()`; make values with `From<&str>`.
            #fallback(sdkgen_runtime::UnknownValue),
        }

        #cfg
        impl #name {
            /// The value as it is sent on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    #(#as_str_arms)*
                    Self::#fallback(value) => value.as_str(),
                }
            }
        }

        #cfg
        impl std::fmt::Display for #name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        #cfg
        impl From<&str> for #name {
            fn from(value: &str) -> Self {
                match value {
                    #(#from_arms)*
                    other => Self::#fallback(sdkgen_runtime::UnknownValue::generated(other.to_owned())),
                }
            }
        }

        #cfg
        impl serde::Serialize for #name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        #cfg
        impl<'de> serde::Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                #deserialize
            }
        }
    }
}

/// An integer enum: sent as its number, with `value`, `Display` and `From<i64>`.
pub(super) fn int_enum(
    name: &proc_macro2::Ident,
    cfg: &TokenStream,
    doc: TokenStream,
    variants: &[IntVariant],
    fallback: &str,
) -> TokenStream {
    let fallback = ident(fallback);
    let variant_defs = variants.iter().map(|v| {
        let variant = ident(&v.rust_name);
        let doc = doc_attr(format!(" `{}`", v.value));
        quote! { #doc #variant, }
    });
    let value_arms = variants.iter().map(|v| {
        let variant = ident(&v.rust_name);
        let value = proc_macro2::Literal::i64_unsuffixed(v.value);
        quote!(Self::#variant => #value,)
    });
    let from_arms = variants.iter().map(|v| {
        let variant = ident(&v.rust_name);
        let value = proc_macro2::Literal::i64_unsuffixed(v.value);
        quote!(#value => Self::#variant,)
    });
    quote! {
        #cfg
        #doc
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum #name {
            #(#variant_defs)*
            /// A value this SDK does not know (the service added it later), kept as sent:
            /// read it with `value()`; make values with `From<i64>`.
            #fallback(sdkgen_runtime::UnknownValue<i64>),
        }

        #cfg
        impl #name {
            /// The number sent on the wire.
            pub fn value(&self) -> i64 {
                match self {
                    #(#value_arms)*
                    Self::#fallback(value) => value.value(),
                }
            }
        }

        #cfg
        impl std::fmt::Display for #name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                write!(f, "{}", self.value())
            }
        }

        #cfg
        impl From<i64> for #name {
            fn from(value: i64) -> Self {
                match value {
                    #(#from_arms)*
                    other => Self::#fallback(sdkgen_runtime::UnknownValue::generated(other)),
                }
            }
        }

        #cfg
        impl serde::Serialize for #name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_i64(self.value())
            }
        }

        #cfg
        impl<'de> serde::Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                <i64 as serde::Deserialize>::deserialize(deserializer).map(Self::from)
            }
        }
    }
}
