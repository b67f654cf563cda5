//! `x-aws-pagination`: a List operation's token and items, checked against the operation.

use super::ir::{Param, Paging, Success, TypeKind, TypeRef};
use super::Builder;
use crate::diag::join;
use crate::extensions;
use crate::load::spec;

impl<'a> Builder<'a> {
    /// Checks `x-aws-pagination` against the operation: the token is a string parameter,
    /// the response a struct with the token and a list of items.
    pub(super) fn paging(
        &mut self,
        spec: &spec::Pagination,
        params: &[Param],
        success: &Success,
        pointer: &str,
    ) -> Option<Paging> {
        let input = params
            .iter()
            .find(|p| p.wire_name == spec.input_token && p.ty == TypeRef::String);
        let Some(input) = input else {
            self.error(
                &join(pointer, extensions::INPUT_TOKEN),
                format!("`{}` is not a string parameter of this operation", spec.input_token),
            );
            return None;
        };
        if let Some(limit) = &spec.limit_key {
            if !params.iter().any(|p| &p.wire_name == limit) {
                self.error(
                    &join(pointer, extensions::LIMIT_KEY),
                    format!("`{limit}` is not a parameter of this operation"),
                );
            }
        }
        let response = success.ty.as_ref().and_then(TypeRef::named);
        let fields = response.and_then(|id| match &self.defined(id)?.kind {
            TypeKind::Struct(fields) => Some(fields),
            _ => None,
        });
        let (Some(response), Some(fields)) = (response, fields) else {
            self.error(pointer, "a paged operation's success response must be an object".into());
            return None;
        };
        let field = |wire: &str| fields.iter().position(|f| f.wire_name == wire);
        let output_token = field(&spec.output_token).filter(|&i| fields[i].ty == TypeRef::String);
        let items = field(&spec.result_key).filter(|&i| matches!(fields[i].ty, TypeRef::List(_)));
        let input_token = input.rust_name.clone();
        let Some(output_token) = output_token else {
            self.error(
                &join(pointer, extensions::OUTPUT_TOKEN),
                format!("`{}` is not a string member of the response", spec.output_token),
            );
            return None;
        };
        let Some(items) = items else {
            self.error(
                &join(pointer, extensions::RESULT_KEY),
                format!("`{}` is not an array member of the response", spec.result_key),
            );
            return None;
        };
        Some(Paging { input_token, response, output_token, items })
    }
}
