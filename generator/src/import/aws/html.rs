//! Documentation: AWS documentation HTML to plain text.

/// Converts AWS documentation HTML to plain text: paragraphs (`<p>`, `<note>`, ...) are
/// separated by a blank line and their whitespace collapsed; `<a href="u">t</a>` becomes
/// `t (u)`; `<code>x</code>` becomes `` `x` ``; list items become `- ` (or `1. ` in `<ol>`)
/// lines, nested ones indented; other tags are dropped and entities decoded.
pub fn html_to_text(html: &str) -> String {
    let mut w = TextWriter::default();
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        w.text(&rest[..lt]);
        rest = &rest[lt..];
        // A comment.
        if let Some(after) = rest.strip_prefix("<!--") {
            rest = after.find("-->").map_or("", |end| &after[end + 3..]);
            continue;
        }
        let is_tag = rest[1..]
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || c == '/' || c == '!');
        let end = if is_tag { tag_end(rest) } else { None };
        let Some(end) = end else {
            // A lone `<`: text.
            w.text("<");
            rest = &rest[1..];
            continue;
        };
        w.tag(&rest[1..end]);
        rest = &rest[end + 1..];
    }
    w.text(rest);
    w.finish()
}

/// The index of the `>` that closes the tag at the start of `s`, skipping quoted attributes.
fn tag_end(s: &str) -> Option<usize> {
    let mut quote = None;
    for (i, c) in s.char_indices().skip(1) {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '>') => return Some(i),
            _ => {}
        }
    }
    None
}

#[derive(Default)]
struct TextWriter {
    /// Paragraphs and list item lines; the latter with the number of their outermost list,
    /// as the lines of one list are joined by a newline, not a blank line.
    blocks: Vec<(String, Option<usize>)>,
    /// Outermost lists opened so far.
    list_count: usize,
    /// The current paragraph, entities decoded, whitespace not yet collapsed.
    current: String,
    /// Open lists: ordered, and the number of the last item.
    lists: Vec<(bool, usize)>,
    /// The marker of a list item whose text has not been written yet.
    pending_marker: Option<String>,
    /// Open `<a>`: where its text starts in `current`, and its href. The position is `None`
    /// once it is stale: `current` was flushed, or rewritten from before it (tags interleaved,
    /// as in `<code>x<a>y</code></a>`).
    links: Vec<(Option<usize>, Option<String>)>,
    /// Open `<code>`: where its text starts in `current`; `None` once stale, as for `links`.
    codes: Vec<Option<usize>>,
}

impl TextWriter {
    fn text(&mut self, raw: &str) {
        self.current.push_str(&decode_entities(raw));
    }

    fn tag(&mut self, inner: &str) {
        let (closing, inner) = match inner.strip_prefix('/') {
            Some(rest) => (true, rest),
            None => (false, inner),
        };
        let name_end = inner
            .find(|c: char| c.is_whitespace() || c == '/' || c == '>')
            .unwrap_or(inner.len());
        let name = inner[..name_end].to_ascii_lowercase();
        match (name.as_str(), closing) {
            ("a", false) => {
                let href = attribute(&inner[name_end..], "href").map(|h| decode_entities(&h));
                self.links.push((Some(self.current.len()), href));
            }
            ("a", true) => {
                if let Some((start, href)) = self.links.pop() {
                    let href = href.filter(|h| !h.trim().is_empty());
                    if let Some(href) = href {
                        match self.text_from(start) {
                            Some((start, text)) => {
                                let text = collapse(&text);
                                if text.is_empty() || text == href {
                                    self.replace_from(start, &href);
                                } else {
                                    self.replace_from(start, &format!("{text} ({href})"));
                                }
                            }
                            None => self.current.push_str(&format!(" ({href})")),
                        }
                    }
                }
            }
            ("code", false) => self.codes.push(Some(self.current.len())),
            ("code", true) => {
                let saved = self.codes.pop().and_then(|start| self.text_from(start));
                if let Some((start, code)) = saved {
                    let code = code.trim();
                    if code.is_empty() {
                        self.replace_from(start, "");
                    } else {
                        // Spaces around keep `see<code>x</code>` apart; collapsed later.
                        self.replace_from(start, &format!("`{code}`"));
                    }
                }
            }
            ("ul" | "ol", false) => {
                self.flush();
                if self.lists.is_empty() {
                    self.list_count += 1;
                }
                self.lists.push((name == "ol", 0));
            }
            ("ul" | "ol", true) => {
                self.flush();
                self.lists.pop();
                self.pending_marker = None;
            }
            ("li", false) => {
                self.flush();
                let marker = match self.lists.last_mut() {
                    Some((true, n)) => {
                        *n += 1;
                        format!("{n}. ")
                    }
                    _ => "- ".to_owned(),
                };
                self.pending_marker = Some(marker);
            }
            ("li", true) => {
                self.flush();
                self.pending_marker = None;
            }
            ("br", _)
            | (
                "p" | "div" | "note" | "important" | "fullname" | "dl" | "dt" | "dd" | "pre"
                | "blockquote" | "table" | "tr" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6"
                | "examples" | "example",
                _,
            ) => self.flush(),
            // Inline or unknown: the tag goes, its text stays.
            _ => {}
        }
    }

    /// The text of `current` from a saved position: `None` when the position is stale (or,
    /// defensively, not a valid position in `current`), so the caller keeps the text as it is.
    fn text_from(&self, start: Option<usize>) -> Option<(usize, String)> {
        let start = start?;
        Some((start, self.current.get(start..)?.to_owned()))
    }

    /// Replaces `current[start..]` with `replacement`. Positions saved after `start` pointed
    /// into the replaced text, so they become stale.
    fn replace_from(&mut self, start: usize, replacement: &str) {
        self.current.truncate(start);
        self.current.push_str(replacement);
        let saved = self.links.iter_mut().map(|(pos, _)| pos);
        for pos in saved.chain(self.codes.iter_mut()) {
            if pos.is_some_and(|p| p > start) {
                *pos = None;
            }
        }
    }

    /// Ends the current paragraph (or list item line).
    fn flush(&mut self) {
        let text = collapse(&self.current);
        self.current.clear();
        let saved = self.links.iter_mut().map(|(pos, _)| pos);
        for pos in saved.chain(self.codes.iter_mut()) {
            *pos = None;
        }
        if text.is_empty() {
            return;
        }
        if self.lists.is_empty() {
            self.blocks.push((text, None));
            return;
        }
        let indent = "  ".repeat(self.lists.len() - 1);
        let line = match self.pending_marker.take() {
            Some(marker) => format!("{indent}{marker}{text}"),
            // More text of an item whose first line is written: aligned under it.
            None => format!("{indent}   {text}"),
        };
        self.blocks.push((line, Some(self.list_count)));
    }

    fn finish(mut self) -> String {
        self.flush();
        let mut out = String::new();
        let mut previous_list = None;
        for (i, (text, list)) in self.blocks.iter().enumerate() {
            if i > 0 {
                let same_list = list.is_some() && *list == previous_list;
                out.push_str(if same_list { "\n" } else { "\n\n" });
            }
            out.push_str(text);
            previous_list = *list;
        }
        out
    }
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The value of attribute `name` in the attribute text of a tag.
fn attribute(attrs: &str, name: &str) -> Option<String> {
    let mut rest = attrs;
    loop {
        rest = rest.trim_start_matches(|c: char| c.is_whitespace() || c == '/');
        if rest.is_empty() {
            return None;
        }
        let key_end = rest
            .find(|c: char| c.is_whitespace() || c == '=' || c == '/')
            .unwrap_or(rest.len());
        let attr = rest[..key_end].to_ascii_lowercase();
        rest = rest[key_end..].trim_start();
        let mut value = String::new();
        if let Some(after) = rest.strip_prefix('=') {
            let after = after.trim_start();
            if let Some(q) = after.chars().next().filter(|c| *c == '"' || *c == '\'') {
                let body = &after[1..];
                let end = body.find(q).unwrap_or(body.len());
                value = body[..end].to_owned();
                rest = body.get(end + 1..).unwrap_or("");
            } else {
                let end = after.find(char::is_whitespace).unwrap_or(after.len());
                value = after[..end].to_owned();
                rest = &after[end..];
            }
        }
        if attr == name {
            return Some(value);
        }
    }
}

fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_owned();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let decoded = rest.find(';').filter(|end| *end <= 10).and_then(|end| {
            let entity = &rest[1..end];
            let c = match entity {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "nbsp" => Some('\u{a0}'),
                _ => {
                    let code = if let Some(hex) = entity
                        .strip_prefix("#x")
                        .or_else(|| entity.strip_prefix("#X"))
                    {
                        u32::from_str_radix(hex, 16).ok()
                    } else if let Some(dec) = entity.strip_prefix('#') {
                        dec.parse().ok()
                    } else {
                        None
                    };
                    code.and_then(char::from_u32)
                }
            };
            c.map(|c| (c, end))
        });
        match decoded {
            Some((c, end)) => {
                out.push(c);
                rest = &rest[end + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_to_text_conventions() {
        assert_eq!(
            html_to_text("<p>One  <i>two</i>\n three.</p> <p>Four &amp; &lt;five&gt; &quot;six&quot; &#39;7&#39;</p>"),
            "One two three.\n\nFour & <five> \"six\" '7'"
        );
        assert_eq!(
            html_to_text(
                "<p>See <a href=\"https://e.test/x\"> the docs </a> and <code> a_b </code>.</p>"
            ),
            "See the docs (https://e.test/x) and `a_b`."
        );
        assert_eq!(
            html_to_text("<p>Kinds:</p> <ul> <li> <p>A</p> </li> <li>B <ul><li>B1</li></ul></li> </ul> <ol><li><p>x</p></li><li>y</li></ol><p>End</p>"),
            "Kinds:\n\n- A\n- B\n  - B1\n\n1. x\n2. y\n\nEnd"
        );
        assert_eq!(html_to_text("<note> <p>Careful.</p> </note>"), "Careful.");
        assert_eq!(html_to_text("a < b & c"), "a < b & c");
        assert_eq!(html_to_text(""), "");
    }

    #[test]
    fn html_to_text_survives_interleaved_unclosed_and_stray_tags() {
        // `</code>` rewrites the text the open `<a>` started in: the link keeps its href only.
        assert_eq!(html_to_text("<p><code>é<a href='u'>x</code></a></p>"), "`éx` (u)");
        assert_eq!(html_to_text("<a href='u'>é<code>x</a></code>"), "éx (u)");
        assert_eq!(html_to_text("<code>é<a href='u'>x</code>y</a>"), "`éx`y (u)");
        assert_eq!(html_to_text("<a href='u'>see <code>é</code> here</a>"), "see `é` here (u)");
        assert_eq!(html_to_text("<code>é<p>x</code></p>"), "é\n\nx");
        assert_eq!(html_to_text("</a></code></li></ul>é"), "é");
        assert_eq!(html_to_text("<p><a href='u'>é<code>x"), "éx");
        assert_eq!(html_to_text("<code>&eacute;&#233;</code></code></a>"), "`&eacute;é`");
    }

    #[test]
    fn html_to_text_never_panics_on_tag_soup() {
        const PIECES: [&str; 12] = [
            "<p>", "</p>", "<a href='u'>", "</a>", "<code>", "</code>", "<ul>", "<li>", "</li>",
            "</ul>", "é", "x",
        ];
        let mut inputs = vec![String::new()];
        for _ in 0..5 {
            let longer: Vec<String> = inputs
                .iter()
                .flat_map(|s| PIECES.iter().map(move |p| format!("{s}{p}")))
                .collect();
            for html in &longer {
                let text = html_to_text(html);
                assert!(!text.contains('<'), "{html:?} -> {text:?}");
            }
            inputs = longer;
        }
    }
}
