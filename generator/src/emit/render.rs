//! Tokens -> formatted source: each module's tokens are parsed once (`syn`) and printed once
//! (`prettyplease`), a batch of items at a time, on as many threads as the machine has.
//!
//! Why in batches: the syntax tree of a whole file is many times the size of its text (for a
//! large API it was the peak of memory), and so is syn's parse buffer of a whole token stream.
//! prettyplease ends every top-level item with a hard line break, so printing the items batch
//! by batch gives the text it gives for the file at once (the inner attributes first, as a
//! file has them).
//!
//! Why on threads: quoting, parsing and printing are most of the generator's time on a large
//! spec, and batches are independent. A module is a list of [`Piece`]s, each of which quotes
//! a few whole items from the IR when called. The tokens are not `Send` (proc-macro2 shares
//! them by `Rc`), but the IR is immutable and `Sync`: so each thread (this one too) takes the
//! next batch of pieces, quotes them itself and hands the tokens straight to `syn`, with no
//! text in between (printing tokens to text and lexing it again on another thread was a third
//! of the allocator's work). The results are put back in their order, so the output is
//! byte-identical whatever the number of threads or the order they finish in.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::OnceLock;

use proc_macro2::{Delimiter, TokenStream, TokenTree};
use syn::parse::{ParseStream, Parser};

use super::{docs, EmitError};

/// Items parsed and printed together by [`render`]. One syn parse per item made glibc's
/// allocator spend about a third more time (many short-lived buffers beside the module's
/// long-lived tokens); 256 at a time keeps nearly all of the memory saved (Microsoft Graph's
/// 20 MB spec: peak 1.74 -> 1.13 GB; the whole module at once was the peak before).
const BATCH: usize = 256;

/// Pieces quoted, parsed and printed together on a thread: a piece is one operation's
/// builder, one type, a block of client methods (a few items, a few kilobytes of text), so
/// a batch is a hundred or so items, of the order of [`BATCH`], and a large spec gives the
/// threads hundreds of batches to share (12,800 operations: 400 of builders alone).
const PIECES: usize = 32;

/// Whole items of a module, quoted from the IR when called, on the thread that renders them.
pub(super) type Piece<'a> = Box<dyn Fn() -> TokenStream + Send + Sync + 'a>;

/// A module: its pieces, in order (the first starts with the module's inner attributes).
pub(super) type Module<'a> = Vec<Piece<'a>>;

/// A [`Piece`] of `quote`.
pub(super) fn piece<'a>(quote: impl Fn() -> TokenStream + Send + Sync + 'a) -> Piece<'a> {
    Box::new(quote)
}

/// A module's tokens, all of them at once (for the single-file layout, which is one module).
pub(super) fn tokens(module: &Module<'_>) -> TokenStream {
    module.iter().map(|piece| piece()).collect()
}

/// One module's tokens -> formatted source, on this thread.
pub(super) fn render(tokens: TokenStream) -> Result<String, EmitError> {
    render_in_batches(tokens, BATCH)
}

/// [`render`], parsing `batch` items at a time.
fn render_in_batches(tokens: TokenStream, batch: usize) -> Result<String, EmitError> {
    let mut out = String::new();
    let mut failed = None;
    let mut piece: Vec<TokenTree> = Vec::new();
    let mut items = 0;
    let mut flush = |piece: &mut Vec<TokenTree>| match render_items(piece.drain(..).collect()) {
        Ok(text) => out.push_str(&text),
        Err(e) => {
            failed.get_or_insert(e);
        }
    };
    cut_items(tokens, |item| {
        piece.extend(item);
        items += 1;
        if items == batch {
            flush(&mut piece);
            items = 0;
        }
    });
    if !piece.is_empty() {
        flush(&mut piece);
    }
    failed.map_or(Ok(out), Err)
}

/// Every module, rendered: `header`, then its pieces' items formatted, in order, with the
/// quoting, parsing and printing spread over the machine's threads (on this thread alone
/// when it has one).
pub(super) fn render_modules(modules: &[Module<'_>], header: &str) -> Result<Vec<String>, EmitError> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).min(8);
    render_modules_on(modules, header, threads, PIECES)
}

/// [`render_modules`] on `threads` threads (this one and `threads - 1` more), `pieces`
/// pieces a batch.
fn render_modules_on(modules: &[Module<'_>], header: &str, threads: usize, pieces: usize) -> Result<Vec<String>, EmitError> {
    // The batches of every module, in order: (module, its pieces).
    let batches: Vec<(usize, &[Piece<'_>])> = modules
        .iter()
        .enumerate()
        .flat_map(|(module, list)| list.chunks(pieces.max(1)).map(move |chunk| (module, chunk)))
        .collect();
    let done: Vec<OnceLock<Result<String, EmitError>>> = batches.iter().map(|_| OnceLock::new()).collect();
    let next = AtomicUsize::new(0);
    // Each thread takes the next batch not yet taken, until none is left.
    let work = || loop {
        let index = next.fetch_add(1, Ordering::Relaxed);
        let Some((_, chunk)) = batches.get(index) else { return };
        // Doc lines kept aside while quoting, put back after printing (see `docs::slots`).
        let (tokens, lines) = docs::slots(|| chunk.iter().map(|piece| piece()).collect::<TokenStream>());
        let _ = done[index].set(render_items(tokens).and_then(|text| docs::fill(&text, &lines)));
    };
    std::thread::scope(|scope| {
        for _ in 1..threads {
            scope.spawn(work);
        }
        work();
    });
    // Every batch was rendered: the scope returns only when every thread has finished (and
    // re-raises a thread's panic).
    let mut texts = Vec::with_capacity(done.len());
    for text in done {
        texts.push(text.into_inner().ok_or_else(|| EmitError { message: "a batch was not rendered".into() })??);
    }
    // A module at a time (its batches are in a row), its text allocated once at its size and
    // each batch's freed as it is copied in: the output is most of the memory at the end.
    let mut sizes = vec![header.len(); modules.len()];
    for ((module, _), text) in batches.iter().zip(&texts) {
        sizes[*module] += text.len();
    }
    let mut out: Vec<String> = Vec::with_capacity(modules.len());
    let mut texts = batches.iter().map(|(module, _)| *module).zip(texts).peekable();
    for (module, size) in sizes.into_iter().enumerate() {
        let mut text = String::with_capacity(size);
        text.push_str(header);
        while let Some((_, batch)) = texts.next_if(|(of, _)| *of == module) {
            text.push_str(&batch);
        }
        out.push(text);
    }
    Ok(out)
}

/// Cuts a module's tokens into whole items (the first also holds the inner attributes) and
/// hands each to `sink`, in order.
fn cut_items(tokens: impl IntoIterator<Item = TokenTree>, mut sink: impl FnMut(Vec<TokenTree>)) {
    // An item ends with a top-level `;`, or with a top-level `{..}` (a struct, an impl, a
    // fn, a module) unless that brace is a `use` tree (`use a::{b, c};`, after `::`) or part
    // of an initialiser (`const C: S = S { .. };`, after a top-level `=`): both end at their
    // `;`. A cut that is wrong would only make a piece of several items (rendered the same)
    // or an unparsable piece (an error when it is rendered, never a silent change).
    let mut piece: Vec<TokenTree> = Vec::new();
    let mut initialiser = false;
    for tree in tokens {
        let ends = match &tree {
            TokenTree::Punct(p) => {
                initialiser |= p.as_char() == '=';
                p.as_char() == ';'
            }
            TokenTree::Group(g) => {
                let use_tree = matches!(piece.last(), Some(TokenTree::Punct(p)) if p.as_char() == ':');
                g.delimiter() == Delimiter::Brace && !use_tree && !initialiser
            }
            _ => false,
        };
        piece.push(tree);
        if ends {
            initialiser = false;
            sink(std::mem::take(&mut piece));
        }
    }
    if !piece.is_empty() {
        sink(piece);
    }
}

/// Parses whole items (after any inner attributes) and prints them.
fn print_items(input: ParseStream) -> syn::Result<String> {
    let empty_file = |attrs: Vec<syn::Attribute>, items: Vec<syn::Item>| syn::File { shebang: None, attrs, items };
    let attrs = input.call(syn::Attribute::parse_inner)?;
    let mut out = if attrs.is_empty() { String::new() } else { prettyplease::unparse(&empty_file(attrs, Vec::new())) };
    while !input.is_empty() {
        let item: syn::Item = input.parse()?;
        out.push_str(&prettyplease::unparse(&empty_file(Vec::new(), vec![item])));
    }
    Ok(out)
}

/// Whole items as tokens -> formatted source.
fn render_items(tokens: TokenStream) -> Result<String, EmitError> {
    print_items.parse2(tokens).map_err(|e| EmitError { message: e.to_string() })
}

#[cfg(test)]
mod tests {
    use quote::quote;

    use super::{piece, Module};

    /// A module of the item shapes whose braces do not end them, a piece per few items.
    fn sample() -> Module<'static> {
        let mut pieces = vec![piece(|| {
            quote! {
                //! A module.
                use std::collections::{BTreeMap, HashMap};
                pub static TABLE: &[(u8, u8)] = &[(1, 2)];
            }
        })];
        pieces.extend((0..600).map(|i| {
            piece(move || {
                let name = quote::format_ident!("S{i}");
                let raw = quote::format_ident!("r#type");
                quote! {
                    /// A struct, "quoted", with a \ and a NUL \0 and é.
                    pub struct #name { pub a: u8, pub #raw: i64 }
                    impl #name { pub fn a(&self) -> u8 { self.a } pub fn b<'a>(&'a self) -> &'a i64 { &self.#raw } }
                    pub const _: #name = #name { a: 1, #raw: -1 };
                }
            })
        }));
        pieces.push(piece(|| {
            quote! {
                pub type M = (BTreeMap<u8, u8>, HashMap<u8, u8>);
                fn last() -> impl Iterator<Item = u8> { std::iter::empty() }
            }
        }));
        pieces
    }

    fn whole(module: &Module) -> String {
        prettyplease::unparse(&syn::parse2(super::tokens(module)).unwrap())
    }

    /// Rendering in pieces gives exactly what prettyplease gives for the whole file, for the
    /// item shapes whose braces do not end them, and across batches.
    #[test]
    fn pieces_render_as_the_whole_file() {
        let tokens = super::tokens(&sample());
        let whole = whole(&sample());
        for batch in [1, 2, 7, 256] {
            assert_eq!(super::render_in_batches(tokens.clone(), batch).unwrap(), whole, "batch {batch}");
        }
    }

    /// Items of a large doc each, a piece each.
    fn large() -> Module<'static> {
        (0..5)
            .map(|i| {
                piece(move || {
                    let doc = "word ".repeat(1 << 16);
                    let name = quote::format_ident!("L{i}");
                    quote! { #[doc = #doc] pub struct #name; }
                })
            })
            .collect()
    }

    /// The threads put every batch back in its module, in order, whatever the number of
    /// threads and of pieces a batch.
    #[test]
    fn modules_render_in_order_on_threads() {
        let (whole, large_whole) = (whole(&sample()), whole(&large()));
        for threads in [1, 2, 3] {
            for pieces in [1, 7, 32] {
                let modules: Vec<Module> = vec![
                    sample(),
                    vec![piece(|| quote!(pub struct Alone;)), piece(|| quote!(pub struct Next;))],
                    Vec::new(),
                    large(),
                    sample(),
                ];
                let rendered = super::render_modules_on(&modules, "", threads, pieces).unwrap();
                let expected = [whole.clone(), "pub struct Alone;\npub struct Next;\n".to_owned(), String::new(), large_whole.clone(), whole.clone()];
                assert_eq!(rendered, expected, "{threads} threads, {pieces} pieces a batch");
            }
        }
    }

    #[test]
    fn an_unparsable_stream_is_an_error_not_a_panic() {
        assert!(super::render(quote!(pub struct S { } impl Foo for)).is_err());
        for threads in [1, 2] {
            let modules: Vec<Module> = vec![sample(), vec![piece(|| quote!(pub struct S { } impl Foo for))]];
            assert!(super::render_modules_on(&modules, "// header\n", threads, 32).is_err());
        }
    }
}
