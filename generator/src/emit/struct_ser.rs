//! A struct's `Serialize`, written out rather than derived: a JSON object of its members in
//! their order, an optional member left out when `None`, the `additionalProperties` map's
//! entries after the members. The derive wrote the same calls through serde's
//! `serialize_struct`, plus a count of the members present and, for a flattened map, serde's
//! `FlatMapSerializer`.

use proc_macro2::TokenStream;
use quote::quote;

use super::ident;
use crate::model::ir::{Field, Presence};

/// The `Serialize` impl of a struct.
pub(super) fn struct_serialize(name: &proc_macro2::Ident, cfg: &TokenStream, fields: &[Field]) -> TokenStream {
    // One call per member on the runtime's `WriteStruct`, which keeps the first error: no
    // `serialize_entry(..)?` per member to type-check.
    let entries = fields.iter().map(|f| {
        let member = ident(&f.rust_name);
        let wire = &f.wire_name;
        match f.presence {
            Presence::Optional => quote!(map.optional(#wire, &self.#member);),
            Presence::Flattened => quote!(map.others(&self.#member);),
            // A nullable member is sent as `null` when `None`: never left out.
            Presence::Required | Presence::RequiredNullable | Presence::DefaultFalse => {
                quote!(map.member(#wire, &self.#member);)
            }
        }
    });
    let body = if fields.is_empty() {
        quote!(serde::ser::SerializeMap::end(serializer.serialize_map(Some(0))?))
    } else {
        quote! {
            let mut map = sdkgen_runtime::structs::WriteStruct::new(serializer)?;
            #(#entries)*
            map.end()
        }
    };
    quote! {
        #cfg
        impl serde::Serialize for #name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                #body
            }
        }
    }
}
