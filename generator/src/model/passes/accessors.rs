//! The builders' methods for the members of structs: each struct's builder (`x`, `set_x`,
//! `get_x` per member, beside `build`), and each request builder whose body is a struct,
//! where the body's members are set beside the parameters. Named once every type is
//! defined (a body's struct may be defined after its operation is read).

use super::super::ir::{Api, TypeKind};
use super::super::naming::{claim_accessors, Namespace, REQUEST_BUILDER_MEMBERS, TYPE_BUILDER_MEMBERS};
use super::Report;
use crate::diag::{join, Severity};

pub(super) fn name(api: &mut Api, report: &mut Report<'_>) {
    for def in &mut api.types {
        let TypeKind::Struct(fields) = &mut def.kind else { continue };
        let mut ns = Namespace::default();
        for own in TYPE_BUILDER_MEMBERS {
            ns.insert(own.to_owned());
        }
        for field in fields {
            field.accessors = claim_accessors(&mut ns, &field.rust_name, &TYPE_BUILDER_MEMBERS);
        }
    }
    for op in &mut api.operations {
        let Some(body) = &op.body else { continue };
        // Bytes are no struct, whatever their schema: `.body(..)` alone.
        if matches!(body.media, super::super::ir::BodyMedia::Bytes(_)) {
            continue;
        }
        let Some(id) = super::super::ir::unalias(body.ty(), |id| api.types.get(id.0)).named() else { continue };
        let TypeKind::Struct(fields) = &api.types[id.0].kind else { continue };
        // The request builder's own methods and the parameters' setters come first.
        let mut ns = Namespace::default();
        for own in REQUEST_BUILDER_MEMBERS {
            ns.insert(own.to_owned());
        }
        for p in &op.params {
            ns.insert(p.rust_name.clone());
        }
        if let Some(choice) = &body.media_choice {
            ns.insert(choice.setter.clone());
        }
        let members: Vec<_> = fields
            .iter()
            .map(|f| claim_accessors(&mut ns, &f.rust_name, &REQUEST_BUILDER_MEMBERS))
            .collect();
        for (field, member) in fields.iter().zip(&members) {
            let suffixed = format!("{}{}", field.rust_name, super::super::naming::RESERVED_MEMBER_SUFFIX);
            if member.setter != field.rust_name && member.setter != suffixed {
                let message = format!(
                    "the body member `{}` of operation `{}` would have the setter `{}`, which a \
                     parameter or another member's method takes; on the request builder it is `{}` \
                     (`{}`, `{}`)",
                    field.wire_name, op.id, field.rust_name, member.setter, member.set_option, member.getter
                );
                let at = join(&join(&join("/paths", &op.path), &op.http_method.to_lowercase()), "requestBody");
                report(Severity::Warning, &at, message);
            }
        }
        if let Some(body) = &mut op.body {
            body.members = members;
        }
    }
}
