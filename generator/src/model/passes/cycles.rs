//! Cycles: `$ref` aliases that name no type, and recursive members that need a `Box`.

use super::super::ir::{Api, TypeId, TypeKind};
use super::super::Builder;

impl Builder<'_> {
    /// `A: {$ref: B}` with `B: {$ref: A}` names no type at all: each alias on such a cycle
    /// is an error. Each alias has one target, so one walk from each type finds them all.
    pub(in crate::model) fn check_alias_cycles(&mut self) {
        let target = |id: TypeId| match &self.defined(id)?.kind {
            TypeKind::Alias(ty) => ty.named(),
            _ => None,
        };
        let count = self.slots.len();
        // 0: not seen; 1 + w: on walk w; u32::MAX: done.
        let mut state = vec![0usize; count];
        let mut on_cycle = vec![false; count];
        for start in 0..count {
            if state[start] != 0 {
                continue;
            }
            let walk = start + 1;
            let mut path: Vec<TypeId> = Vec::new();
            let mut at = Some(TypeId(start));
            while let Some(id) = at.filter(|id| id.0 < count) {
                if state[id.0] == walk {
                    // Back on this walk's own path: from there on, it is a cycle.
                    let from = path.iter().position(|p| *p == id).unwrap_or(0);
                    for p in &path[from..] {
                        on_cycle[p.0] = true;
                    }
                    break;
                }
                if state[id.0] != 0 {
                    break;
                }
                state[id.0] = walk;
                path.push(id);
                at = target(id);
            }
            for p in path {
                state[p.0] = usize::MAX;
            }
        }
        // Reported in the order the types are defined.
        let cyclic: Vec<TypeId> = self.order.iter().copied().filter(|id| on_cycle[id.0]).collect();
        for id in cyclic {
            let (name, pointer) = (self.slots[id.0].name.clone(), self.slots[id.0].pointer.clone());
            self.error(&pointer, format!("`{name}` refers to itself through `$ref`s alone, so it names no type; give one of them a schema"));
        }
    }
}

/// A recursive schema (a struct that contains itself without a list or map between) would
/// have no size: the members on such a cycle are boxed, and only those. A member is on a
/// cycle when its type reaches back to its owner: when both are in one strongly connected
/// component of the graph of direct (unboxed) containment.
pub(super) fn box_recursive_members(api: &mut Api) {
    let edges: Vec<Vec<usize>> = api
        .types
        .iter()
        .map(|t| match &t.kind {
            TypeKind::Struct(fields) => fields.iter().filter_map(|f| f.ty.named()).map(|id| id.0).collect(),
            TypeKind::Union(u) => u.variants.iter().filter_map(|v| v.ty.named()).map(|id| id.0).collect(),
            TypeKind::Alias(ty) => ty.named().map(|id| id.0).into_iter().collect(),
            _ => Vec::new(),
        })
        .collect();
    let component = strongly_connected_components(&edges);
    let same = |owner: usize, member: Option<TypeId>| member.is_some_and(|m| component[m.0] == component[owner]);
    for (owner, def) in api.types.iter_mut().enumerate() {
        match &mut def.kind {
            TypeKind::Struct(fields) => {
                for f in fields {
                    f.boxed = same(owner, f.ty.named());
                }
            }
            TypeKind::Union(u) => {
                for v in &mut u.variants {
                    v.boxed = same(owner, v.ty.named());
                }
            }
            _ => {}
        }
    }
}

/// The strongly connected component of each node (Tarjan's algorithm, without recursion:
/// a long chain of types must not overflow the stack).
fn strongly_connected_components(edges: &[Vec<usize>]) -> Vec<usize> {
    const UNSEEN: usize = usize::MAX;
    let n = edges.len();
    let mut index = vec![UNSEEN; n];
    let mut low = vec![0; n];
    let mut on_stack = vec![false; n];
    let mut component = vec![UNSEEN; n];
    let mut stack = Vec::new();
    let mut next_index = 0;
    let mut components = 0;
    for root in 0..n {
        if index[root] != UNSEEN {
            continue;
        }
        // (node, next edge to follow)
        let mut work = vec![(root, 0usize)];
        index[root] = next_index;
        low[root] = next_index;
        next_index += 1;
        stack.push(root);
        on_stack[root] = true;
        while let Some(&mut (node, ref mut edge)) = work.last_mut() {
            if let Some(&next) = edges[node].get(*edge) {
                *edge += 1;
                if next >= n {
                    continue;
                }
                if index[next] == UNSEEN {
                    index[next] = next_index;
                    low[next] = next_index;
                    next_index += 1;
                    stack.push(next);
                    on_stack[next] = true;
                    work.push((next, 0));
                } else if on_stack[next] {
                    low[node] = low[node].min(index[next]);
                }
                continue;
            }
            work.pop();
            if let Some(&(parent, _)) = work.last() {
                low[parent] = low[parent].min(low[node]);
            }
            if low[node] == index[node] {
                while let Some(member) = stack.pop() {
                    on_stack[member] = false;
                    component[member] = components;
                    if member == node {
                        break;
                    }
                }
                components += 1;
            }
        }
    }
    component
}

#[cfg(test)]
mod tests {
    use super::strongly_connected_components;

    #[test]
    fn components_are_the_cycles() {
        // 0 -> 1 -> 2 -> 0, 2 -> 3, 4 -> 4, 5 -> 3.
        let edges = vec![vec![1], vec![2], vec![0, 3], vec![], vec![4], vec![3]];
        let c = strongly_connected_components(&edges);
        assert!(c[0] == c[1] && c[1] == c[2]);
        assert!(c[3] != c[0] && c[4] != c[0] && c[5] != c[3] && c[4] != c[3]);
    }
}
