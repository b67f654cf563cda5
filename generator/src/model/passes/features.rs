//! A cargo feature per tag, so that a user compiles only the groups of operations they use:
//! each operation is compiled with the features of its tags (see [`Api::operation_gate`]),
//! each type with those of the operations that reach it. Feature names are the tags in
//! kebab-case (`UserGroup` -> `user-group`).

use std::collections::HashMap;

use super::super::ir::{Api, Feature, Gate, TypeRef};
use super::super::naming::{feature_name, operation_features, UNTAGGED_FEATURE};

/// Decides the API's features and the gate of every type.
pub(super) fn assign(api: &mut Api) {
    if api.operations.iter().all(|op| op.tags.is_empty()) {
        return;
    }
    let mut features: Vec<Feature> = Vec::new();
    // Feature name -> its index in `features`.
    let mut by_name: HashMap<String, usize> = HashMap::new();
    for op in &api.operations {
        let tags: Vec<Option<&String>> = if op.tags.is_empty() { vec![None] } else { op.tags.iter().map(Some).collect() };
        for tag in tags {
            let name = match tag {
                Some(tag) => feature_name(tag),
                None => UNTAGGED_FEATURE.to_owned(),
            };
            if !by_name.contains_key(&name) {
                by_name.insert(name.clone(), features.len());
                features.push(Feature { name, tag: tag.cloned(), operations: 0 });
            }
        }
    }
    for op in &api.operations {
        for name in operation_features(op) {
            if let Some(&f) = by_name.get(&name) {
                features[f].operations += 1;
            }
        }
    }
    let index = |name: &str| by_name.get(name).copied();
    let contained = |types: Vec<&TypeRef>| -> Vec<usize> {
        let mut ids = Vec::new();
        for ty in types {
            ty.visit_named(&mut |id| ids.push(id.0));
        }
        ids
    };
    let children: Vec<Vec<usize>> = api.types.iter().map(|t| contained(t.kind.members())).collect();
    let mut reached = FeatureSets::new(api.types.len(), features.len());
    for op in &api.operations {
        let ids: Vec<usize> = operation_features(op).iter().filter_map(|f| index(f)).collect();
        for i in contained(op.types()) {
            for &f in &ids {
                reached.add(i, f);
            }
        }
    }
    reached.propagate(&children);
    // A schema no operation uses is kept (it documents the API) and compiled with any
    // feature, and so is what it contains.
    for i in 0..api.types.len() {
        if reached.is_empty(i) {
            for f in 0..features.len() {
                reached.add(i, f);
            }
        }
    }
    reached.propagate(&children);
    let names: Vec<Vec<String>> = (0..api.types.len())
        .map(|i| reached.members(i).map(|f| features[f].name.clone()).collect())
        .collect();
    api.features = features;
    for (i, names) in names.into_iter().enumerate() {
        api.types[i].gate = api.gate(names);
    }
}

/// Drops the features: everything is compiled (the build script layout, whose including
/// crate's features are not ours; a build script selects operations instead).
pub(crate) fn ungate(api: &mut Api) {
    api.features.clear();
    for def in &mut api.types {
        def.gate = Gate::Always;
    }
}

/// A set of feature indexes per type, as bits.
struct FeatureSets {
    words: usize,
    bits: Vec<u64>,
}

impl FeatureSets {
    fn new(types: usize, features: usize) -> Self {
        let words = features.div_ceil(64).max(1);
        Self { words, bits: vec![0; types * words] }
    }

    fn add(&mut self, ty: usize, feature: usize) {
        self.bits[ty * self.words + feature / 64] |= 1 << (feature % 64);
    }

    fn is_empty(&self, ty: usize) -> bool {
        self.bits[ty * self.words..(ty + 1) * self.words].iter().all(|w| *w == 0)
    }

    fn members(&self, ty: usize) -> impl Iterator<Item = usize> + '_ {
        let words = &self.bits[ty * self.words..(ty + 1) * self.words];
        (0..self.words * 64).filter(move |f| words[f / 64] & (1 << (f % 64)) != 0)
    }

    /// The features of a type flow on to every type it contains, until nothing changes: a
    /// worklist, so each type is revisited only when its set grew.
    fn propagate(&mut self, children: &[Vec<usize>]) {
        let mut pending: Vec<usize> = (0..children.len()).filter(|&i| !self.is_empty(i)).collect();
        while let Some(i) = pending.pop() {
            for &j in &children[i] {
                if j >= children.len() || j == i {
                    continue;
                }
                let mut grew = false;
                for w in 0..self.words {
                    let from = self.bits[i * self.words + w];
                    let to = &mut self.bits[j * self.words + w];
                    if from & !*to != 0 {
                        *to |= from;
                        grew = true;
                    }
                }
                if grew {
                    pending.push(j);
                }
            }
        }
    }
}
