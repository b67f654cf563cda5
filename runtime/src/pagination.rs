//! Paginators: a paged List operation as a `Stream` of pages or of items.
//!
//! Generated code says how to send one page and where its next token is; this module does
//! the looping. It stops after a page without a next token, after a page that repeats the
//! token it was asked with (a server bug that would otherwise loop forever, as the AWS SDKs
//! guard against too), and after the first error, which it yields.

use std::future::Future;

use futures_core::Stream;
use futures_util::stream::{self, StreamExt};

use crate::Error;

/// The pages of an operation, starting with the request `first`, which carries
/// `first_token` when the caller resumes from one. `fetch` sends one request and returns
/// its page and, when the page has a next token, that token with the request that asks for
/// it.
pub fn pages<R, P, E, F, Fut>(
    first: R,
    first_token: Option<String>,
    mut fetch: F,
) -> impl Stream<Item = Result<P, Error<E>>>
where
    F: FnMut(R) -> Fut,
    Fut: Future<Output = Result<(P, Option<(String, R)>), Error<E>>>,
{
    // State: the next request and the token it carries; `None` once done.
    stream::unfold(Some((first, first_token)), move |state| {
        let pending = state.map(|(request, sent)| (fetch(request), sent));
        async move {
            let (page, sent) = pending?;
            match page.await {
                Ok((page, next)) => {
                    let next = next.filter(|(token, _)| {
                        !token.is_empty() && Some(token) != sent.as_ref()
                    });
                    Some((Ok(page), next.map(|(token, request)| (request, Some(token)))))
                }
                Err(e) => Some((Err(e), None)),
            }
        }
    })
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
        assert_eq!(collect(pages(String::new(), None, fetcher(REPEATS))).len(), 2);
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
}
