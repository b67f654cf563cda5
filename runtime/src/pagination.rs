//! Paginators: a paged List operation as a `Stream` of pages or of items.
//!
//! Generated code says how to send one page and where its next token is; this module does
//! the looping. It stops after a page without a next token, after the first error (which it
//! yields), and before asking again for a token it has already asked for: a server that
//! cycles (`a, b, a, b, ...`, not only `a, a`) would otherwise keep a paginator going for
//! ever, repeating the same items. [`Pages::stop_reason`] says which of these ended it.
//!
//! Memory stays bounded: the tokens are remembered as keyed 64-bit hashes, the first
//! [`REMEMBERED_TOKENS`] of them exactly; past that, a cycle is still found (Brent's
//! algorithm: one checkpoint token, moved at powers of two), a few pages later at most twice
//! its length.

use std::collections::HashSet;
use std::future::Future;
use std::hash::{BuildHasher, RandomState};
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};

use futures_core::Stream;
use futures_util::stream::{self, StreamExt};

use super::Error;

/// Tokens remembered exactly (8 bytes each, about 80 KB at most).
pub const REMEMBERED_TOKENS: usize = 10_000;

/// Why a paginator ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StopReason {
    /// The last page had no next token (or an empty one): every page was read.
    Done,
    /// A page gave a token that an earlier page had already given (or that the paginator was
    /// started with): the service is cycling. The pages up to there were yielded, once each.
    RepeatedToken {
        /// Pages yielded before stopping.
        pages: u64,
    },
    /// A request failed; the error was the last item.
    Error,
}

/// The pages of an operation: a `Stream` that also says, once it has ended, why
/// ([`Pages::stop_reason`]).
pub struct Pages<S> {
    inner: Pin<Box<S>>,
    reason: Arc<Mutex<Option<StopReason>>>,
}

impl<S> Pages<S> {
    /// Why the stream ended; `None` while it has not.
    pub fn stop_reason(&self) -> Option<StopReason> {
        self.reason.lock().map(|r| r.clone()).unwrap_or(None)
    }
}

impl<S: Stream> Stream for Pages<S> {
    type Item = S::Item;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<S::Item>> {
        self.inner.as_mut().poll_next(cx)
    }
}

impl<S> std::fmt::Debug for Pages<S> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Pages").field("stop_reason", &self.stop_reason()).finish()
    }
}

/// The tokens seen so far, in bounded memory (see the module's documentation).
struct Seen {
    keys: RandomState,
    exact: HashSet<u64>,
    checkpoint: Option<u64>,
    steps: u64,
    power: u64,
}

impl Seen {
    fn new() -> Self {
        Self {
            keys: RandomState::new(),
            exact: HashSet::new(),
            checkpoint: None,
            steps: 0,
            power: 1,
        }
    }

    /// Records `token`; `false` when it was seen before.
    fn insert(&mut self, token: &str) -> bool {
        // Keyed (SipHash with random keys): a server cannot make tokens collide on purpose.
        let hash = self.keys.hash_one(token);
        if self.exact.contains(&hash) || self.checkpoint == Some(hash) {
            return false;
        }
        if self.exact.len() < REMEMBERED_TOKENS {
            self.exact.insert(hash);
            return true;
        }
        self.steps += 1;
        if self.steps == self.power {
            self.checkpoint = Some(hash);
            self.steps = 0;
            self.power = self.power.saturating_mul(2);
        }
        true
    }
}

/// The paginator's state between pages.
struct State<R> {
    /// The request for the next page; `None` once done.
    next: Option<R>,
    seen: Seen,
    yielded: u64,
}

/// The pages of an operation, starting with the request `first`, which carries
/// `first_token` when the caller resumes from one. `fetch` sends one request and returns
/// its page and, when the page has a next token, that token with the request that asks for
/// it.
pub fn pages<R, P, E, F, Fut>(
    first: R,
    first_token: Option<String>,
    mut fetch: F,
) -> Pages<impl Stream<Item = Result<P, Error<E>>>>
where
    F: FnMut(R) -> Fut,
    Fut: Future<Output = Result<(P, Option<(String, R)>), Error<E>>>,
{
    let reason = Arc::new(Mutex::new(None));
    let stop = Arc::clone(&reason);
    let mut seen = Seen::new();
    if let Some(token) = &first_token {
        seen.insert(token);
    }
    let state = State {
        next: Some(first),
        seen,
        yielded: 0,
    };
    let inner = stream::unfold(state, move |mut state| {
        let pending = state.next.take().map(&mut fetch);
        let stop = Arc::clone(&stop);
        async move {
            let set = |why| {
                if let Ok(mut reason) = stop.lock() {
                    *reason = Some(why);
                }
            };
            match pending?.await {
                Ok((page, next)) => {
                    state.yielded += 1;
                    match next.filter(|(token, _)| !token.is_empty()) {
                        None => set(StopReason::Done),
                        Some((token, request)) if state.seen.insert(&token) => {
                            state.next = Some(request);
                        }
                        Some(_) => set(StopReason::RepeatedToken { pages: state.yielded }),
                    }
                    Some((Ok(page), state))
                }
                Err(e) => {
                    set(StopReason::Error);
                    Some((Err(e), state))
                }
            }
        }
    });
    Pages {
        inner: Box::pin(inner),
        reason,
    }
}

/// The items of the pages, in order; an error ends the stream after it is yielded.
pub fn items<P, T, E, I>(
    pages: impl Stream<Item = Result<P, Error<E>>>,
    items_of: impl Fn(P) -> I,
) -> impl Stream<Item = Result<T, Error<E>>>
where
    I: IntoIterator<Item = T>,
{
    pages.flat_map(move |page| match page {
        Ok(page) => stream::iter(items_of(page).into_iter().map(Ok).collect::<Vec<_>>()),
        Err(e) => stream::iter(vec![Err(e)]),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ConstructionError;

    type Book = &'static [(&'static str, &'static [u32], Option<&'static str>)];
    type Page = (Vec<u32>, Option<(String, String)>);

    /// A fake "server" of pages: the request is the token; token -> (items, next token).
    fn fetcher(book: Book) -> impl FnMut(String) -> std::future::Ready<Result<Page, Error<()>>> {
        move |token: String| {
            std::future::ready(match book.iter().find(|(t, _, _)| *t == token) {
                Some((_, items, next)) => {
                    Ok((items.to_vec(), next.map(|n| (n.to_owned(), n.to_owned()))))
                }
                None => Err(Error::Construction(ConstructionError::new(format!("no page {token}")))),
            })
        }
    }

    fn collect<T>(s: impl Stream<Item = T>) -> Vec<T> {
        futures_util::future::FutureExt::now_or_never(s.collect::<Vec<_>>()).expect("ready")
    }

    #[test]
    fn walks_pages_until_no_token() {
        static BOOK: Book = &[("", &[1, 2], Some("a")), ("a", &[3], Some("b")), ("b", &[4, 5], None)];
        let all = collect(items(pages(String::new(), None, fetcher(BOOK)), |p| p));
        let all: Vec<u32> = all.into_iter().map(Result::unwrap).collect();
        assert_eq!(all, [1, 2, 3, 4, 5]);
    }

    #[test]
    fn stops_on_an_empty_or_repeated_token_and_after_an_error() {
        static REPEATS: Book = &[("", &[1], Some("a")), ("a", &[2], Some("a"))];
        let mut repeats = pages(String::new(), None, fetcher(REPEATS));
        assert_eq!(collect(&mut repeats).len(), 2);
        assert_eq!(repeats.stop_reason(), Some(StopReason::RepeatedToken { pages: 2 }));
        static EMPTY: Book = &[("", &[1], Some(""))];
        assert_eq!(collect(pages(String::new(), None, fetcher(EMPTY))).len(), 1);
        static BROKEN: Book = &[("", &[1], Some("missing"))];
        let got = collect(pages(String::new(), None, fetcher(BROKEN)));
        // Resuming from a token the first page repeats: one page, not two.
        static RESUMED: Book = &[("a", &[2], Some("a"))];
        assert_eq!(collect(pages("a".to_owned(), Some("a".to_owned()), fetcher(RESUMED))).len(), 1);
        assert_eq!(got.len(), 2);
        assert!(got[1].is_err());
    }

    #[test]
    fn stops_on_a_cycle_longer_than_one() {
        // a -> b -> c -> a: three pages, each once, then the stop.
        static CYCLE: Book = &[("", &[1], Some("a")), ("a", &[2], Some("b")), ("b", &[3], Some("a"))];
        let mut cycle = pages(String::new(), None, fetcher(CYCLE));
        let got: Vec<_> = collect(&mut cycle).into_iter().map(Result::unwrap).collect();
        assert_eq!(got, [vec![1], vec![2], vec![3]]);
        assert_eq!(cycle.stop_reason(), Some(StopReason::RepeatedToken { pages: 3 }));
        static DONE: Book = &[("", &[1], Some("a")), ("a", &[2], None)];
        let mut done = pages(String::new(), None, fetcher(DONE));
        assert_eq!(done.stop_reason(), None);
        assert_eq!(collect(&mut done).len(), 2);
        assert_eq!(done.stop_reason(), Some(StopReason::Done));
    }

    #[test]
    fn finds_a_cycle_past_the_exact_memory_in_bounded_space() {
        let mut seen = Seen::new();
        // More distinct tokens than are remembered exactly, then a cycle of 7 among them.
        let distinct = REMEMBERED_TOKENS + 500;
        for i in 0..distinct {
            assert!(seen.insert(&format!("t{i}")), "{i}");
        }
        let mut steps = 0;
        'walk: for round in 0.. {
            for i in (distinct - 7)..distinct {
                steps += 1;
                if !seen.insert(&format!("t{i}")) {
                    break 'walk;
                }
            }
            assert!(round < 10, "no cycle found");
        }
        assert!(steps <= 4 * 7 + 512, "{steps}");
        assert_eq!(seen.exact.len(), REMEMBERED_TOKENS);
    }
}
