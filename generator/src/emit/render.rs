//! Tokens -> formatted source: each module's tokens are parsed once (`syn`) and printed once
//! (`prettyplease`), a batch of items at a time, on as many threads as the machine has.
//!
//! Why in batches: the syntax tree of a whole file is many times the size of its text (for a
//! large API it was the peak of memory), and so is syn's parse buffer of a whole token stream.
//! prettyplease ends every top-level item with a hard line break, so printing the items batch
//! by batch gives the text it gives for the file at once (the inner attributes first, as a
//! file has them).
//!
//! Why on threads: parsing and printing are most of the generator's time on a large spec
//! (three quarters of it on a 20 MB one), and batches are independent. The tokens are not
//! `Send` (proc-macro2 shares them by `Rc`), so the thread that quotes a module cuts it into
//! batches and hands each on as text; worker threads parse and print the text; the results
//! are put back in their order, so the output is byte-identical whatever the number of
//! threads or the order they finish in. At most a few batches wait between the two sides,
//! so memory stays what one thread needs.

use std::sync::mpsc;
use std::sync::{Arc, Mutex};

use proc_macro2::{Delimiter, TokenStream, TokenTree};
use syn::parse::{ParseStream, Parser};

use super::EmitError;

/// Items parsed and printed together. One syn parse per item made glibc's allocator spend
/// about a third more time (many short-lived buffers beside the module's long-lived tokens);
/// 256 at a time keeps nearly all of the memory saved (Microsoft Graph's 20 MB spec: peak
/// 1.74 -> 1.13 GB; the whole module at once was the peak before) and gives the threads
/// enough batches to share on a large spec.
const BATCH: usize = 256;

/// On threads, a batch also ends at this much text of tokens: a few hundred kilobytes
/// (a few times that in syntax tree) per batch in flight. Items vary from a one-line alias to
/// an `impl` of 64 methods and their docs.
const BATCH_TEXT: usize = 256 << 10;

/// A module's tokens, a few whole items at a time, quoted only when the renderer asks for
/// the next (so a module's tokens are never all in memory at once): on the thread that
/// renders.
pub(super) type Module<'a> = Box<dyn Iterator<Item = TokenStream> + 'a>;

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

/// Every module, rendered: what [`render`] gives for each, in order, with the parsing and
/// printing spread over the machine's threads (on this thread alone when it has one).
pub(super) fn render_modules(modules: Vec<Module<'_>>) -> Result<Vec<String>, EmitError> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).min(8);
    render_modules_on(modules, threads)
}

/// [`render_modules`] with `workers` threads parsing and printing (none beside this one when
/// fewer than 2).
fn render_modules_on(modules: Vec<Module<'_>>, workers: usize) -> Result<Vec<String>, EmitError> {
    if workers < 2 {
        return modules.into_iter().map(|items| render(items.collect())).collect();
    }
    std::thread::scope(|scope| {
        // Bounded: the quoting side waits rather than piling up text.
        let (batches, inbox) = mpsc::sync_channel::<(usize, usize, String)>(2 * workers);
        let inbox = Arc::new(Mutex::new(inbox));
        let (results, rendered) = mpsc::channel();
        for _ in 0..workers {
            let inbox = Arc::clone(&inbox);
            let results = results.clone();
            scope.spawn(move || loop {
                // The lock is held only to take the next batch. A poisoned lock means another
                // worker panicked: the scope re-raises that panic, so this one just stops.
                let next = match inbox.lock() {
                    Ok(inbox) => inbox.recv(),
                    Err(_) => return,
                };
                let Ok((module, index, text)) = next else { return };
                let text = render_text(&text);
                if results.send((module, index, text)).is_err() {
                    return;
                }
            });
        }
        drop(results);

        let mut counts = Vec::with_capacity(modules.len());
        for (module, pieces) in modules.into_iter().enumerate() {
            let mut count = 0;
            let mut text = String::new();
            let mut items = 0;
            // A send fails only when every worker is gone, i.e. one panicked: the scope then
            // re-raises the panic, so the batch need not be kept.
            let mut send = |text: &mut String| {
                let _ = batches.send((module, count, std::mem::take(text)));
                count += 1;
            };
            cut_items(pieces.flatten(), |item| {
                text.push_str(&item.into_iter().collect::<TokenStream>().to_string());
                text.push(' ');
                items += 1;
                if items == BATCH || text.len() >= BATCH_TEXT {
                    send(&mut text);
                    items = 0;
                }
            });
            if !text.is_empty() {
                send(&mut text);
            }
            counts.push(count);
        }
        drop(batches);

        let mut slots: Vec<Vec<Option<Result<String, EmitError>>>> =
            counts.iter().map(|&n| (0..n).map(|_| None).collect()).collect();
        for (module, index, text) in rendered {
            slots[module][index] = Some(text);
        }
        slots
            .into_iter()
            .map(|batches| {
                let mut out = String::new();
                for text in batches {
                    // Every batch sent was rendered, unless a worker panicked (re-raised above).
                    let text = text.ok_or_else(|| EmitError { message: "a batch was not rendered".into() })??;
                    out.push_str(&text);
                }
                Ok(out)
            })
            .collect()
    })
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

/// Whole items as the text of their tokens (what `TokenStream`'s `Display` gives, which
/// lexes back to the same tokens) -> formatted source.
fn render_text(text: &str) -> Result<String, EmitError> {
    print_items.parse_str(text).map_err(|e| EmitError { message: e.to_string() })
}

#[cfg(test)]
mod tests {
    use quote::quote;

    fn sample() -> proc_macro2::TokenStream {
        let many = (0..600).map(|i| {
            let name = quote::format_ident!("S{i}");
            let raw = quote::format_ident!("r#type");
            quote! {
                /// A struct, "quoted", with a \ and a NUL \0 and é.
                pub struct #name { pub a: u8, pub #raw: i64 }
                impl #name { pub fn a(&self) -> u8 { self.a } pub fn b<'a>(&'a self) -> &'a i64 { &self.#raw } }
                pub const _: #name = #name { a: 1, #raw: -1 };
            }
        });
        quote! {
            //! A module.
            use std::collections::{BTreeMap, HashMap};
            pub static TABLE: &[(u8, u8)] = &[(1, 2)];
            #(#many)*
            pub type M = (BTreeMap<u8, u8>, HashMap<u8, u8>);
            fn last() -> impl Iterator<Item = u8> { std::iter::empty() }
        }
    }

    /// Rendering in pieces gives exactly what prettyplease gives for the whole file, for the
    /// item shapes whose braces do not end them, and across batches; from tokens and from
    /// their text alike.
    #[test]
    fn pieces_render_as_the_whole_file() {
        let tokens = sample();
        let whole = prettyplease::unparse(&syn::parse2(tokens.clone()).unwrap());
        for batch in [1, 2, 7, 256] {
            assert_eq!(super::render_in_batches(tokens.clone(), batch).unwrap(), whole, "batch {batch}");
        }
        let mut from_text = String::new();
        super::cut_items(tokens, |item| {
            let item: proc_macro2::TokenStream = item.into_iter().collect();
            from_text.push_str(&super::render_text(&item.to_string()).unwrap());
        });
        assert_eq!(from_text, whole, "through text");
    }

    /// Items whose text passes `BATCH_TEXT`, so that each is a batch of its own.
    fn large() -> proc_macro2::TokenStream {
        let doc = "word ".repeat(super::BATCH_TEXT / 4);
        let items = (0..5).map(|i| {
            let name = quote::format_ident!("L{i}");
            quote! { #[doc = #doc] pub struct #name; }
        });
        quote!(#(#items)*)
    }

    /// The threaded path puts every batch back in its module, in order.
    #[test]
    fn modules_render_in_order_on_threads() {
        let whole = prettyplease::unparse(&syn::parse2(sample()).unwrap());
        let large_whole = prettyplease::unparse(&syn::parse2(large()).unwrap());
        for workers in [1, 2, 3] {
            let modules: Vec<super::Module> = vec![
                Box::new(std::iter::once_with(sample)),
                Box::new([quote!(pub struct Alone;), quote!(pub struct Next;)].into_iter()),
                Box::new(std::iter::empty()),
                Box::new(std::iter::once_with(large)),
                Box::new(std::iter::once_with(sample)),
            ];
            let rendered = super::render_modules_on(modules, workers).unwrap();
            let expected = [whole.clone(), "pub struct Alone;\npub struct Next;\n".to_owned(), String::new(), large_whole.clone(), whole.clone()];
            assert_eq!(rendered, expected, "{workers} workers");
        }
    }

    #[test]
    fn an_unparsable_stream_is_an_error_not_a_panic() {
        assert!(super::render(quote!(pub struct S { } impl Foo for)).is_err());
        for workers in [1, 2] {
            let modules: Vec<super::Module> = vec![
                Box::new(std::iter::once_with(sample)),
                Box::new(std::iter::once(quote!(pub struct S { } impl Foo for))),
            ];
            assert!(super::render_modules_on(modules, workers).is_err());
        }
    }
}
