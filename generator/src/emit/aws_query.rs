//! The AWS query protocols' data (see `model/aws_query.rs`): each struct's `QueryShape` impl,
//! and the call that writes a query parameter in the protocol's spelling. The runtime's
//! `aws_query` does the writing.

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use super::rust_type;
use crate::model::ir::{unalias, Api, Field, Param, TypeKind, TypeRef};

/// `impl QueryShape` for a struct of an AWS query API: its members' keys and shapes, in a
/// `static` (a recursive struct reaches itself through its `query_shape` function).
pub(super) fn shape_impl(api: &Api, name: &Ident, cfg: &TokenStream, fields: &[Field]) -> Option<TokenStream> {
    api.aws_query?;
    let members = fields.iter().filter_map(|f| {
        let names = f.query.as_ref()?;
        let (wire, key) = (&f.wire_name, &names.key);
        let shape = shape(api, &f.ty, &names.members, false);
        Some(quote!(sdkgen_runtime::aws_query::Member { wire: #wire, key: #key, shape: #shape },))
    });
    Some(quote! {
        #cfg
        impl sdkgen_runtime::aws_query::QueryShape for #name {
            fn query_shape() -> &'static sdkgen_runtime::aws_query::Shape {
                static SHAPE: sdkgen_runtime::aws_query::Shape = sdkgen_runtime::aws_query::Shape::Struct(&[#(#members)*]);
                &SHAPE
            }
        }
    })
}

/// The statement of `send()` that adds a parameter to the query in the protocol's spelling;
/// `None` for a parameter written otherwise. `value` is a reference to it (an `Option` for
/// one not required: `None` writes nothing).
pub(super) fn query_param(api: &Api, p: &Param, value: TokenStream) -> Option<TokenStream> {
    let (names, protocol) = (p.aws_query.as_ref()?, api.aws_query?);
    let flavor = quote::format_ident!("{}", protocol.variant());
    let key = &names.key;
    let shape = shape(api, &p.ty, &names.members, true);
    Some(quote! {
        let request = sdkgen_runtime::aws_query::query(request, sdkgen_runtime::aws_query::Flavor::#flavor, #key, &#shape, #value)?;
    })
}

/// The expression that sets an AWS query operation's form body, `body` (a reference to the
/// value of type `ty`), in the protocol's spelling.
pub(super) fn form_body(api: &Api, ty: &TypeRef, body: TokenStream) -> TokenStream {
    let flavor = quote::format_ident!("{}", api.aws_query.map_or("Query", |p| p.variant()));
    let shape = shape(api, ty, &[], true);
    quote!(sdkgen_runtime::aws_query::form_body(request, sdkgen_runtime::aws_query::Flavor::#flavor, &#shape, #body)?)
}

/// The `Shape` of a value of type `ty`, a constant expression; `members` names its lists,
/// outermost first (`member` beyond those given). `qualified`: from outside `types`.
fn shape(api: &Api, ty: &TypeRef, members: &[String], qualified: bool) -> TokenStream {
    match unalias(ty, |id| api.types.get(id.0)) {
        TypeRef::List(item) => {
            let (member, rest) = match members.split_first() {
                Some((member, rest)) => (member.as_str(), rest),
                None => ("member", members),
            };
            let item = shape(api, item, rest, qualified);
            quote!(sdkgen_runtime::aws_query::Shape::List { member: #member, item: &#item })
        }
        TypeRef::Map(item) => {
            let item = shape(api, item, members, qualified);
            quote!(sdkgen_runtime::aws_query::Shape::Map { item: &#item })
        }
        named @ TypeRef::Named(id) if matches!(api.ty(*id).kind, TypeKind::Struct(_)) => {
            let ty = rust_type(api, named, qualified);
            quote!(sdkgen_runtime::aws_query::Shape::Named(<#ty as sdkgen_runtime::aws_query::QueryShape>::query_shape))
        }
        _ => quote!(sdkgen_runtime::aws_query::Shape::Value),
    }
}
