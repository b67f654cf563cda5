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
    format!("{pointer}/{}", escape_segment(segment))
}
