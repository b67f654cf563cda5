//! Only what the kept operations use: a build script that selects some operations
//! (`Config::operations`, `Config::tags`) gets only their types compiled.

use super::super::ir::{Api, TypeId};

/// Drops the types no operation uses, directly or through other types.
pub(crate) fn retain_used_types(api: &mut Api) {
    let mut used = vec![false; api.types.len()];
    let mut stack: Vec<TypeId> = Vec::new();
    for ty in api.operations.iter().flat_map(|op| op.types()) {
        ty.visit_named(&mut |id| stack.push(id));
    }
    while let Some(id) = stack.pop() {
        if id.0 >= used.len() || std::mem::replace(&mut used[id.0], true) {
            continue;
        }
        for ty in api.types[id.0].kind.members() {
            ty.visit_named(&mut |id| stack.push(id));
        }
    }
    let mut new_index = vec![0; used.len()];
    let mut kept = 0;
    for (i, &u) in used.iter().enumerate() {
        new_index[i] = kept;
        kept += usize::from(u);
    }
    let mut i = 0;
    api.types.retain(|_| {
        i += 1;
        used[i - 1]
    });
    api.remap_types(&|id| TypeId(new_index[id.0]));
}
