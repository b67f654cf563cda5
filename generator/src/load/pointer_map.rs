//! Where a node of the tree the model reads was in the file as written: kept by each load pass
//! that moves nodes (the Swagger 2.0 conversion, the `$ref` hoist, `$ref` siblings merged),
//! so a diagnostic found later is shown at the text the user wrote.

use std::borrow::Cow;
use std::collections::HashMap;

/// The pointer of a node in the tree read -> its pointer in the file, for the nodes whose
/// place changed (a 3.0 pointer -> the 2.0 one, a hoisted target -> where it was written).
#[derive(Debug, Default)]
pub(crate) struct PointerMap(HashMap<String, String>);

impl PointerMap {
    /// Records that the node now at `now` was at `was` (a whole pointer of the earlier tree).
    pub(crate) fn insert(&mut self, now: String, was: String) {
        self.0.insert(now, was);
    }

    /// The 2.0 pointer of the node at the 3.0 `pointer`: that of its deepest recorded
    /// ancestor (or itself) followed by the rest of its path; as it is when none is recorded.
    /// A lookup per ancestor: linear in the pointer's length times its depth.
    pub(crate) fn original<'p>(&self, pointer: &'p str) -> Cow<'p, str> {
        let mut end = pointer.len();
        loop {
            if let Some(original) = self.0.get(&pointer[..end]) {
                return Cow::Owned(format!("{original}{}", &pointer[end..]));
            }
            match pointer[..end].rfind('/') {
                Some(i) => end = i,
                None => return Cow::Borrowed(pointer),
            }
        }
    }
}

