//! JSON pointers (RFC 6901), as every diagnostic carries one.

/// Escapes one JSON pointer segment (RFC 6901).
pub fn escape_segment(segment: &str) -> String {
    segment.replace('~', "~0").replace('/', "~1")
}

/// The unescaped segments of a JSON pointer: `/paths/~1a~1b/get` -> `paths`, `/a/b`, `get`.
pub fn segments(pointer: &str) -> impl Iterator<Item = String> + '_ {
    pointer.split('/').skip(1).map(unescape_segment)
}

/// Unescapes one JSON pointer segment (RFC 6901).
pub fn unescape_segment(segment: &str) -> String {
    segment.replace("~1", "/").replace("~0", "~")
}

/// Appends a segment to a pointer.
pub fn join(pointer: &str, segment: &str) -> String {
    let mut joined = String::with_capacity(pointer.len() + 1 + segment.len());
    joined.push_str(pointer);
    joined.push('/');
    // Most segments need no escape: copied as they are, in one allocation.
    if segment.contains(['~', '/']) {
        joined.push_str(&escape_segment(segment));
    } else {
        joined.push_str(segment);
    }
    joined
}
