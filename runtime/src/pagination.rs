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

/// The pages of an operation (`T`, or the error `E` that ended them).
///
/// Loop with the inherent [`Pages::next`], no pinning and no extra crate needed:
/// `while let Some(page) = pages.next().await { .. }`. It is also a [`Stream`] (`Unpin`, `Send`)
/// for `StreamExt` combinators. Once it has ended, [`Pages::stop_reason`] says why.
///
/// The paginator's future is boxed: one allocation per paginator (not per page), so that
/// the type can be named and moved freely.
pub struct Pages<T, E> {
    inner: Pin<Box<dyn Stream<Item = Result<T, Error<E>>> + Send>>,
    reason: Arc<Mutex<Option<StopReason>>>,
}

impl<T, E> Pages<T, E> {
    /// The next page; `None` once the paginator has ended (see [`Pages::stop_reason`]).
    pub async fn next(&mut self) -> Option<Result<T, Error<E>>> {
        std::future::poll_fn(|cx| self.inner.as_mut().poll_next(cx)).await
    }

    /// Why the stream ended; `None` while it has not.
    pub fn stop_reason(&self) -> Option<StopReason> {
        self.reason.lock().map(|r| r.clone()).unwrap_or(None)
    }
}

impl<T, E> Stream for Pages<T, E> {
    type Item = Result<T, Error<E>>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.inner.as_mut().poll_next(cx)
    }
}

impl<T, E> std::fmt::Debug for Pages<T, E> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Pages").field("stop_reason", &self.stop_reason()).finish()
    }
}

/// The items of an operation's pages, in order (`T`, or the error `E` that ended them).
///
/// Like [`Pages`]: an inherent [`Items::next`], a [`Stream`] (`Unpin`, `Send`), and
/// [`Items::stop_reason`]. One allocation more than its pages (the boxed conversion of a page
/// into its items), once per paginator.
pub struct Items<T, E> {
    pages: Pages<Vec<T>, E>,
    /// The items of the last page not yet yielded.
    buffer: std::vec::IntoIter<T>,
}

impl<T, E> Items<T, E> {
    /// The next item; `None` once the last page's items were all yielded, or after an error.
    pub async fn next(&mut self) -> Option<Result<T, Error<E>>> {
        std::future::poll_fn(|cx| Pin::new(&mut *self).poll_next(cx)).await
    }

    /// Why the stream ended; `None` while it has not (while items of the last page are still
    /// to be yielded too).
    pub fn stop_reason(&self) -> Option<StopReason> {
        if self.buffer.len() > 0 {
            return None;
        }
        self.pages.stop_reason()
    }
}

impl<T, E> Stream for Items<T, E> {
    type Item = Result<T, Error<E>>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = self.get_mut();
        loop {
            if let Some(item) = this.buffer.next() {
                return Poll::Ready(Some(Ok(item)));
            }
            match std::task::ready!(Pin::new(&mut this.pages).poll_next(cx)) {
                // An empty page: ask for the next one.
                Some(Ok(items)) => this.buffer = items.into_iter(),
                Some(Err(e)) => return Poll::Ready(Some(Err(e))),
                None => return Poll::Ready(None),
            }
        }
    }
}

// Nothing of an `Items` is ever pinned in place (its pages are boxed; the buffer holds items
// by value and is only iterated), so moving it is sound whatever `T` is.
impl<T, E> Unpin for Items<T, E> {}

impl<T, E> std::fmt::Debug for Items<T, E> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Items")
            .field("buffered", &self.buffer.len())
            .field("stop_reason", &self.stop_reason())
            .finish()
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
pub fn pages<R, P, E, F, Fut>(first: R, first_token: Option<String>, mut fetch: F) -> Pages<P, E>
where
    R: Send + 'static,
    P: Send + 'static,
    E: Send + 'static,
    F: FnMut(R) -> Fut + Send + 'static,
    Fut: Future<Output = Result<(P, Option<(String, R)>), Error<E>>> + Send + 'static,
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

/// The items of `pages`, in order (`items_of` takes them out of a page); an error ends the
/// stream after it is yielded.
pub fn items<P, T, E>(pages: Pages<P, E>, items_of: impl FnMut(P) -> Vec<T> + Send + 'static) -> Items<T, E>
where
    P: Send + 'static,
    T: Send + 'static,
    E: Send + 'static,
{
    let mut items_of = items_of;
    let Pages { inner, reason } = pages;
    let pages = Pages {
        inner: Box::pin(inner.map(move |page| page.map(&mut items_of))),
        reason,
    };
    Items {
        pages,
        buffer: Vec::new().into_iter(),
    }
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

    /// The inherent `next()` needs neither pinning nor `StreamExt`; both types are `Send`
    /// and `Unpin`; `Items` tells why it ended once its last item is out.
    #[test]
    fn next_loops_without_pinning_and_items_say_why_they_ended() {
        fn send_unpin<S: Send + Unpin>(_: &S) {}
        static BOOK: Book = &[("", &[1, 2], Some("a")), ("a", &[], Some("b")), ("b", &[3], Some("a"))];
        let mut all = items(pages(String::new(), None, fetcher(BOOK)), |p| p);
        send_unpin(&all);
        let mut got = Vec::new();
        let walk = async {
            while let Some(item) = all.next().await {
                got.push(item.expect("a page"));
                // The first page's second item is still to come: not ended yet.
                if got.len() == 1 {
                    assert_eq!(all.stop_reason(), None);
                }
            }
        };
        futures_util::future::FutureExt::now_or_never(walk).expect("ready");
        assert_eq!(got, [1, 2, 3]);
        assert_eq!(all.stop_reason(), Some(StopReason::RepeatedToken { pages: 3 }));
        static BROKEN: Book = &[("", &[1], Some("missing"))];
        let mut broken = items(pages(String::new(), None, fetcher(BROKEN)), |p| p);
        let got = collect(&mut broken);
        assert!(got[0].is_ok() && got[1].is_err() && got.len() == 2);
        assert_eq!(broken.stop_reason(), Some(StopReason::Error));
        let mut first = pages(String::new(), None, fetcher(BOOK));
        send_unpin(&first);
        let page = futures_util::future::FutureExt::now_or_never(first.next()).expect("ready");
        assert_eq!(page.and_then(Result::ok), Some(vec![1, 2]));
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
