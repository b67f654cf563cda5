//! Rustdoc from the spec's prose: lines that never turn into code blocks, bare URLs linked;
//! and every `#[doc]` line of emitted code, through [`doc_attr`] (see [`slots`]).

use std::cell::RefCell;

use proc_macro2::TokenStream;
use quote::quote;

use super::EmitError;
use crate::model::docs::with_note;

// ----- doc lines in slots --------------------------------------------------------------------
//
// Doc lines are about two fifths of the text of a large crate, and each costs four times
// over: escaped into a literal when quoted, unescaped by `syn` when parsed and again when
// prettyplease reads the attribute, then copied through prettyplease's printer; for a line
// that prettyplease only ever prints as `///` and the line, as it is. So, while a batch is
// quoted for rendering ([`slots`]), such lines (a run of them, one item's) are kept aside and
// their attributes are one slot holding the run's number (`#[doc = "\u{1}12"]`, which
// prettyplease prints `///\u{1}12` on a line of its own); after printing, [`fill`] puts each
// run's lines in its slot, each after the slot's indentation and `///`: the text is byte for
// byte what printing the lines themselves gives.
//
// Why it is the same: prettyplease prints a one-line outer doc that does not start with `/`
// (and any one-line inner doc) as the words `///` (`//!`) and the line without its trailing
// spaces, then a hard break; a hard break makes every group around it break, so a line's
// length decides no layout but that of the break right before it, and [`fill`] accepts a
// slot only alone on its line (after the indentation), where the lines would be too; doc
// attributes in a row are printed each on its own line at the same indentation. Anything
// else (a slot beside other text, a number that names no run) is an error of emit, never a
// silent change. Lines prettyplease prints otherwise (several lines, a leading `/`) are
// quoted as they are.

/// What starts a slot's number. No doc line of ours or of the spec's is printed as a slot:
/// every one starts with a space, or is empty.
const SLOT: char = '\u{1}';

thread_local! {
    /// While a batch is quoted in [`slots`]: its runs of doc lines kept aside, by number.
    static KEPT: RefCell<Option<Vec<Vec<String>>>> = const { RefCell::new(None) };
}

/// `#[doc = line]`, or its slot while [`slots`] runs (see above).
pub(super) fn doc_attr(line: String) -> TokenStream {
    doc_attrs(vec![line])
}

/// `#[doc = line]` for each line, in slots while [`slots`] runs (see above).
pub(super) fn doc_attrs(lines: Vec<String>) -> TokenStream {
    attrs(lines, false)
}

/// `#![doc = line]` for each line, in slots while [`slots`] runs.
pub(super) fn inner_doc_attrs(lines: Vec<String>) -> TokenStream {
    attrs(lines, true)
}

fn attrs(lines: Vec<String>, inner: bool) -> TokenStream {
    let keeping = KEPT.with(|kept| kept.borrow().is_some());
    // What prettyplease prints as the line itself, after `///` (`//!`).
    let plain = |line: &String| !line.contains('\n') && (inner || !line.starts_with('/'));
    let attr = |text: String| match inner {
        false => quote!(#[doc = #text]),
        true => quote!(#![doc = #text]),
    };
    if !keeping {
        return lines.into_iter().map(attr).collect();
    }
    let mut tokens = TokenStream::new();
    let mut run: Vec<String> = Vec::new();
    let keep = |run: &mut Vec<String>, tokens: &mut TokenStream| {
        if run.is_empty() {
            return;
        }
        let number = KEPT.with(|kept| {
            kept.borrow_mut().as_mut().map(|kept| {
                kept.push(std::mem::take(run));
                kept.len() - 1
            })
        });
        match number {
            Some(number) => tokens.extend(attr(format!("{SLOT}{number}"))),
            // Not keeping (never so here): the lines as they are.
            None => tokens.extend(run.drain(..).map(attr)),
        }
    };
    for line in lines {
        if plain(&line) {
            run.push(line);
        } else {
            keep(&mut run, &mut tokens);
            tokens.extend(attr(line));
        }
    }
    keep(&mut run, &mut tokens);
    tokens
}

/// Runs `quote` with the doc lines it makes kept aside: its tokens (with slots) and the runs
/// of lines.
pub(super) fn slots<T>(quote: impl FnOnce() -> T) -> (T, Vec<Vec<String>>) {
    /// Stops keeping lines however `quote` ends.
    struct Reset;
    impl Drop for Reset {
        fn drop(&mut self) {
            KEPT.with(|kept| kept.borrow_mut().take());
        }
    }
    KEPT.with(|kept| *kept.borrow_mut() = Some(Vec::new()));
    let reset = Reset;
    let tokens = quote();
    let runs = KEPT.with(|kept| kept.borrow_mut().take()).unwrap_or_default();
    drop(reset);
    (tokens, runs)
}

/// The printed `text` of tokens quoted in [`slots`], with its `runs` of lines in their slots.
pub(super) fn fill(text: &str, runs: &[Vec<String>]) -> Result<String, EmitError> {
    let extra: usize = runs.iter().flatten().map(|line| line.len() + 8).sum();
    let mut out = String::with_capacity(text.len() + extra);
    // The end of what is copied so far: a slot's line up to the slot, or its end.
    let mut copied = 0;
    for (at, _) in text.match_indices(SLOT) {
        let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
        let end = text[at..].find('\n').map_or(text.len(), |i| at + i);
        let head = &text[start..at];
        let run = text[at + SLOT.len_utf8()..end].parse::<usize>().ok().and_then(|n| runs.get(n));
        let prefix = head.trim_start_matches(' ');
        match run {
            Some(run) if start >= copied && (prefix == "///" || prefix == "//!") => {
                out.push_str(&text[copied..start]);
                for (i, line) in run.iter().enumerate() {
                    if i > 0 {
                        out.push('\n');
                    }
                    out.push_str(head);
                    out.push_str(line.trim_end_matches(' '));
                }
                copied = end;
            }
            // A slot beside other text (its layout might not be the lines'), or a `\u{1}`
            // that is no slot (in a literal it is escaped; in a doc, it is kept in a slot).
            _ => {
                return Err(EmitError { message: format!("a doc slot is not alone on its line: {:?}", &text[start..end]) });
            }
        }
    }
    out.push_str(&text[copied..]);
    Ok(out)
}

// ----- documentation -------------------------------------------------------------------------

/// `#[doc]` attributes from spec text, or from `fallback` when the spec has none.
///
/// Lines are trimmed so that indentation in the spec never turns prose into a code block,
/// and fences without a language are marked `text`: rustdoc would compile them as Rust.
pub(super) fn docs(doc: Option<&str>, fallback: &str) -> TokenStream {
    let text = doc.filter(|d| !d.trim().is_empty()).unwrap_or(fallback);
    doc_attrs(doc_lines(text))
}

/// The spec's description, then a paragraph of ours (`note`); the note alone without one.
pub(super) fn docs_with_note(doc: Option<&str>, note: &str) -> TokenStream {
    docs(Some(&with_note(doc, note)), note)
}

pub(super) fn inner_docs(text: &str) -> TokenStream {
    inner_doc_attrs(doc_lines(text))
}

fn doc_lines(text: &str) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut in_fence = false;
    // Continuation lines of a list item stay indented under it (else rustdoc and clippy's
    // `doc_lazy_continuation` read them as a new paragraph).
    let mut item_indent: Option<usize> = None;
    let text = text.replace('\t', "    ");
    for raw in text.trim().lines() {
        // Inside a fence, indentation is the code's own: keep it.
        let trimmed = raw.trim();
        let line = if in_fence && !trimmed.starts_with("```") {
            raw.trim_end().to_owned()
        } else if trimmed.is_empty() || trimmed.starts_with("```") {
            // A fence starts at the margin, never under a list item.
            item_indent = None;
            trimmed.to_owned()
        } else if let Some(marker) = list_marker(trimmed) {
            item_indent = Some(marker);
            trimmed.to_owned()
        } else if let Some(indent) = item_indent {
            format!("{}{trimmed}", " ".repeat(indent))
        } else {
            trimmed.to_owned()
        };
        let line = line.as_str();
        let line = if line.starts_with("```") {
            in_fence = !in_fence;
            if in_fence && line == "```" {
                "```text".to_owned()
            } else {
                line.to_owned()
            }
        } else {
            line.to_owned()
        };
        let line = if in_fence { line } else { autolink(&line) };
        lines.push(if line.is_empty() { String::new() } else { format!(" {line}") });
    }
    if in_fence {
        lines.push(" ```".to_owned());
    }
    lines
}

/// The width of a markdown list marker starting `line` (`- `, `* `, `1. `), if any.
fn list_marker(line: &str) -> Option<usize> {
    if line.starts_with("- ") || line.starts_with("* ") || line.starts_with("+ ") {
        return Some(2);
    }
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    (digits > 0 && line[digits..].starts_with(". ")).then_some(digits + 2)
}

/// Wraps bare URLs in `<...>` so rustdoc links them instead of warning (`bare_urls`);
/// text in backticks is code and stays as it is.
fn autolink(line: &str) -> String {
    line.split('`')
        .enumerate()
        .map(|(i, part)| if i % 2 == 0 { autolink_prose(part) } else { part.to_owned() })
        .collect::<Vec<_>>()
        .join("`")
}

fn autolink_prose(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while let Some(start) = next_url(rest) {
        let before = &rest[..start];
        let url_len = rest[start..]
            .find(|c: char| c.is_whitespace() || matches!(c, ')' | '>' | '"' | '\'' | ']' | '<'))
            .unwrap_or(rest.len() - start);
        let mut url = &rest[start..start + url_len];
        // A sentence's full stop or comma is not part of the URL.
        while url.ends_with(['.', ',', ';', ':']) {
            url = &url[..url.len() - 1];
        }
        out.push_str(before);
        let linked = before.ends_with('<') || before.ends_with("](");
        if linked {
            out.push_str(url);
        } else {
            out.push('<');
            out.push_str(url);
            out.push('>');
        }
        rest = &rest[start + url.len()..];
    }
    out.push_str(rest);
    out
}

/// Where the first `http://` or `https://` of `text` starts. One forward scan for `http`:
/// searching for each scheme separately would rescan the rest of a line after every URL
/// for the scheme it lacks, quadratic in a description of many URLs.
fn next_url(text: &str) -> Option<usize> {
    text.match_indices("http")
        .map(|(at, _)| at)
        .find(|&at| text[at + 4..].starts_with("://") || text[at + 4..].starts_with("s://"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::emit::render::render;

    /// Lines of every kind: empty, with trailing spaces, one prettyplease prints as an
    /// attribute (a leading `/`) or as a block (several lines), one holding the slot's own
    /// character as a spec might.
    fn kinds() -> Vec<String> {
        [" Title", "", " trailing   ", "/ slash", " two\nlines", " \u{1}0 the spec's own", " ```text", "     code  ", " last"]
            .map(str::to_owned)
            .to_vec()
    }

    /// Docs on a module, an item, a field and a variant: printed from their slots, they are
    /// byte for byte the lines printed themselves.
    #[test]
    fn doc_lines_in_slots_print_as_the_lines_themselves() {
        let item = || {
            let (module, item, field, variant) = (inner_doc_attrs(kinds()), doc_attrs(kinds()), doc_attrs(kinds()), doc_attr(" `A`".to_owned()));
            let more = doc_attr(" More.".to_owned());
            quote! {
                #module
                #item
                #more
                pub struct S { #field pub a: u8 }
                impl S { #field pub fn f(&self) -> u8 { self.a } }
                pub enum E { #variant A }
            }
        };
        let plain = render(item()).expect("renders");
        let (tokens, runs) = slots(item);
        // Two runs each of the lists (around the lines that are not kept; `field` is printed
        // twice, from the same slots), one each of the single lines.
        assert_eq!(runs.len(), 2 * 3 + 2);
        let slotted = render(tokens).expect("renders");
        assert_ne!(slotted, plain);
        assert_eq!(fill(&slotted, &runs).expect("filled"), plain);
        // Not while a batch is quoted: the lines themselves.
        assert_eq!(render(item()).expect("renders"), plain);
    }

    #[test]
    fn a_slot_not_alone_on_its_line_or_of_no_run_is_an_error() {
        let runs = [vec![" x".to_owned()]];
        assert_eq!(fill("    ///\u{1}0\n", &runs).expect("filled"), "    /// x\n");
        assert!(fill("let a = 1; ///\u{1}0\n", &runs).is_err());
        assert!(fill("///\u{1}7\n", &runs).is_err());
        assert!(fill("/// a \u{1}0\n", &runs).is_err());
    }

    #[test]
    fn doc_lines_never_make_code_blocks_from_prose() {
        let lines = doc_lines("Title\n\n    indented prose\n```\nnot rust\n```");
        assert_eq!(lines, [" Title", "", " indented prose", " ```text", " not rust", " ```"]);
    }

    #[test]
    fn list_continuations_stay_under_their_item_and_tabs_become_spaces() {
        let lines = doc_lines("Intro\n- first item\n  wrapped\n10. tenth\nmore\n\nafter\ta");
        assert_eq!(
            lines,
            [" Intro", " - first item", "   wrapped", " 10. tenth", "     more", "", " after    a"]
        );
    }

    #[test]
    fn bare_urls_become_links() {
        assert_eq!(
            autolink("see Guide (https://docs.aws.amazon.com/x.html#a). Done"),
            "see Guide (<https://docs.aws.amazon.com/x.html#a>). Done"
        );
        assert_eq!(autolink("[a](https://x.y) <http://z>"), "[a](https://x.y) <http://z>");
        assert_eq!(autolink("`https://a.b/{x}` and https://c.d"), "`https://a.b/{x}` and <https://c.d>");
    }

    /// Both schemes mixed, and `http` that starts no URL, in the one scan that finds them.
    #[test]
    fn urls_of_either_scheme_are_found_in_order() {
        assert_eq!(
            autolink("https://a.b http://c.d httpx http:/e https://f.g."),
            "<https://a.b> <http://c.d> httpx http:/e <https://f.g>."
        );
        let many = (0..2_000).map(|i| format!("https://x.y/{i}")).collect::<Vec<_>>().join(" ");
        let linked = autolink(&many);
        assert_eq!(linked.matches('<').count(), 2_000);
        assert!(linked.ends_with("<https://x.y/1999>"));
    }
}
