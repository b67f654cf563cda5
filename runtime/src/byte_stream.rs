//! [`ByteStream`]: a success body handed over as it arrives, chunk by chunk, for operations
//! whose output is binary (`send_streaming()`), as aws-sdk-rust's `ByteStream` and reqwest's
//! `bytes_stream()`.
//!
//! What bounds it: not [`super::ClientBuilder::max_response_bytes`] (the caller decides what
//! to keep; [`ByteStream::collect`] takes a limit) and not the operation's time limit
//! ([`super::ClientBuilder::operation_timeout`] ends when the stream is handed over), but the
//! idle limit, the longest wait for the next chunk
//! ([`super::ClientBuilder::stream_idle_timeout`], default [`super::limits::READ_TIMEOUT`]),
//! enforced here whatever the transport. The default reqwest client's own limits still
//! apply to the transfer: its read timeout, and its attempt timeout
//! ([`super::ClientBuilder::timeout`], 120 s by default), which covers the whole body;
//! raise that one for long downloads.
//!
//! A body that ends before the `content-length` it announced (or is cut mid-body) ends the
//! stream with an error ([`super::TransportError::is_incomplete`]), never a silent short read.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use bytes::{Bytes, BytesMut};
use futures_core::Stream;

use super::error::TransportError;
use super::transport::Body;

/// A response body as a stream of chunks (`Stream<Item = Result<Bytes, TransportError>>`,
/// `Send`, `Unpin`), read as it arrives; what `send_streaming()` gives inside its
/// [`super::Response`].
///
/// Read it with the inherent [`ByteStream::next`] (no extra crate, no pinning), as any
/// `Stream` (`StreamExt`), whole with [`ByteStream::collect`] within a limit, or as a
/// `tokio::io::AsyncRead` with [`ByteStream::into_async_read`]. After an error or the end,
/// it gives `None`.
pub struct ByteStream {
    body: Body,
    /// The longest wait for the next chunk; `None`: as long as the transport lets it.
    idle: Option<Duration>,
    /// The idle timer, made at the first wait and reset after each chunk.
    timer: Option<Pin<Box<tokio::time::Sleep>>>,
    received: u64,
    done: bool,
}

impl ByteStream {
    /// The body a transport handed over, with the client's idle limit.
    pub(crate) fn new(body: Body, idle: Option<Duration>) -> Self {
        Self { body, idle, timer: None, received: 0, done: false }
    }

    /// The length the response announced (`content-length`), if any.
    pub fn content_length(&self) -> Option<u64> {
        self.body.length()
    }

    /// The bytes given so far.
    pub fn received(&self) -> u64 {
        self.received
    }

    /// The next chunk; `None` at the end (or after an error).
    pub async fn next(&mut self) -> Option<Result<Bytes, TransportError>> {
        std::future::poll_fn(|cx| Pin::new(&mut *self).poll_next(cx)).await
    }

    /// The rest of the body in one buffer, failing as soon as it would exceed `limit` bytes
    /// ([`TransportError::is_too_large`]; a `content-length` over it fails before reading).
    pub async fn collect(mut self, limit: u64) -> Result<Bytes, TransportError> {
        if let Some(declared) = self.content_length().filter(|&n| n > limit) {
            return Err(TransportError::too_large(limit, Some(declared), 0));
        }
        let capacity = self.content_length().unwrap_or(0).saturating_sub(self.received);
        let mut all = BytesMut::with_capacity(usize::try_from(capacity).unwrap_or(0));
        while let Some(chunk) = self.next().await {
            let chunk = chunk?;
            let total = all.len() as u64 + chunk.len() as u64;
            if total > limit {
                return Err(TransportError::too_large(limit, None, total));
            }
            all.extend_from_slice(&chunk);
        }
        Ok(all.freeze())
    }

    /// The body as a `tokio::io::AsyncRead` (to `tokio::io::copy` it into a file). Errors
    /// become `std::io::Error`s of kind `TimedOut` (idle limit), `UnexpectedEof` (incomplete)
    /// or `Other`, the [`TransportError`] inside.
    pub fn into_async_read(self) -> ByteStreamReader {
        ByteStreamReader { stream: self, pending: Bytes::new() }
    }

    /// The end, or the error that ends the stream.
    fn finish(&mut self, error: Option<TransportError>) -> Poll<Option<Result<Bytes, TransportError>>> {
        self.done = true;
        self.timer = None;
        Poll::Ready(error.map(Err))
    }
}

impl From<Body> for ByteStream {
    /// A stream of `body` without an idle limit (for tests of code that reads one: a
    /// [`Body`] is made from bytes or from any stream of chunks).
    fn from(body: Body) -> Self {
        Self::new(body, None)
    }
}

impl Stream for ByteStream {
    type Item = Result<Bytes, TransportError>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = self.get_mut();
        if this.done {
            return Poll::Ready(None);
        }
        let expected = this.body.length();
        match this.body.poll_chunk(cx) {
            Poll::Ready(Some(Ok(chunk))) => {
                this.received += chunk.len() as u64;
                if let (Some(idle), Some(timer)) = (this.idle, &mut this.timer) {
                    timer.as_mut().reset(tokio::time::Instant::now() + idle);
                }
                if expected.is_some_and(|n| this.received > n) {
                    let e = format!("the response body is longer than the {} bytes its content-length announced", expected.unwrap_or(0));
                    return this.finish(Some(TransportError::other(e)));
                }
                Poll::Ready(Some(Ok(chunk)))
            }
            // A timeout stays one (the transport's read timeout); any other failure mid-body
            // means the body is incomplete.
            Poll::Ready(Some(Err(e))) if e.is_timeout() => this.finish(Some(e)),
            Poll::Ready(Some(Err(e))) => {
                let received = this.received;
                this.finish(Some(TransportError::incomplete(expected, received, Some(e))))
            }
            Poll::Ready(None) if expected.is_some_and(|n| this.received < n) => {
                let received = this.received;
                this.finish(Some(TransportError::incomplete(expected, received, None)))
            }
            Poll::Ready(None) => this.finish(None),
            Poll::Pending => {
                let Some(idle) = this.idle else { return Poll::Pending };
                let timer = this.timer.get_or_insert_with(|| Box::pin(tokio::time::sleep(idle)));
                match timer.as_mut().poll(cx) {
                    Poll::Ready(()) => {
                        let received = this.received;
                        this.finish(Some(TransportError::stream_idle(idle, received)))
                    }
                    Poll::Pending => Poll::Pending,
                }
            }
        }
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        if self.done {
            (0, Some(0))
        } else {
            (0, None)
        }
    }
}

impl fmt::Debug for ByteStream {
    /// Lengths and limits only, never the bytes.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ByteStream")
            .field("content_length", &self.content_length())
            .field("received", &self.received)
            .field("idle_timeout", &self.idle)
            .field("done", &self.done)
            .finish()
    }
}

/// A [`ByteStream`] as a `tokio::io::AsyncRead` (see [`ByteStream::into_async_read`]).
#[derive(Debug)]
pub struct ByteStreamReader {
    stream: ByteStream,
    /// What is left of the last chunk.
    pending: Bytes,
}

impl tokio::io::AsyncRead for ByteStreamReader {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut tokio::io::ReadBuf<'_>,
    ) -> Poll<std::io::Result<()>> {
        let this = self.get_mut();
        while this.pending.is_empty() {
            match Pin::new(&mut this.stream).poll_next(cx) {
                Poll::Ready(Some(Ok(chunk))) => this.pending = chunk,
                Poll::Ready(Some(Err(e))) => {
                    let kind = if e.is_timeout() {
                        std::io::ErrorKind::TimedOut
                    } else if e.is_incomplete() {
                        std::io::ErrorKind::UnexpectedEof
                    } else {
                        std::io::ErrorKind::Other
                    };
                    return Poll::Ready(Err(std::io::Error::new(kind, e)));
                }
                Poll::Ready(None) => return Poll::Ready(Ok(())),
                Poll::Pending => return Poll::Pending,
            }
        }
        let n = buf.remaining().min(this.pending.len());
        buf.put_slice(&this.pending.split_to(n));
        Poll::Ready(Ok(()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Instant;

    fn chunks(parts: Vec<Result<&'static str, TransportError>>) -> Body {
        Body::from_stream(futures_util::stream::iter(
            parts.into_iter().map(|p| p.map(|s| Bytes::from_static(s.as_bytes()))),
        ))
    }

    #[tokio::test]
    async fn gives_every_chunk_then_none() {
        let mut stream = ByteStream::new(chunks(vec![Ok("ab"), Ok(""), Ok("cde")]).with_length(Some(5)), Some(Duration::from_secs(1)));
        let mut got = Vec::new();
        while let Some(chunk) = stream.next().await {
            got.push(chunk.expect("no error"));
        }
        assert_eq!(got, ["ab", "", "cde"]);
        assert_eq!((stream.received(), stream.content_length()), (5, Some(5)));
        assert!(stream.next().await.is_none(), "still the end");
    }

    #[tokio::test]
    async fn fewer_bytes_than_announced_is_an_incomplete_body() {
        let mut stream = ByteStream::from(chunks(vec![Ok("abc")]).with_length(Some(10)));
        assert_eq!(stream.next().await.map(|c| c.ok()), Some(Some(Bytes::from_static(b"abc"))));
        let e = stream.next().await.and_then(Result::err).expect("an error at the end");
        assert!(e.is_incomplete() && !e.is_timeout(), "{e}");
        assert_eq!(e.received(), Some(3));
        assert_eq!(e.to_string(), "the response body ended after 3 bytes of the 10 its content-length announced");
        assert!(stream.next().await.is_none(), "nothing after the error");
    }

    #[tokio::test]
    async fn a_failed_read_mid_body_is_incomplete_with_its_cause_and_a_timeout_stays_one() {
        let cut = chunks(vec![Ok("ab"), Err(TransportError::other("connection reset"))]);
        let e = ByteStream::from(cut).collect(100).await.expect_err("cut");
        assert!(e.is_incomplete(), "{e}");
        assert_eq!(e.to_string(), "the response body ended after 2 bytes: connection reset");
        assert!(std::error::Error::source(&e).is_some());
        let slow = chunks(vec![Ok("ab"), Err(TransportError::timeout("read timed out"))]);
        let e = ByteStream::from(slow).collect(100).await.expect_err("timeout");
        assert!(e.is_timeout() && !e.is_incomplete(), "{e}");
    }

    #[tokio::test]
    async fn more_bytes_than_announced_is_an_error() {
        let e = ByteStream::from(chunks(vec![Ok("abcdef")]).with_length(Some(4))).collect(100).await.expect_err("too long");
        assert!(e.to_string().contains("longer than the 4 bytes"), "{e}");
    }

    #[tokio::test]
    async fn collect_reads_within_its_limit() {
        let all = ByteStream::from(chunks(vec![Ok("ab"), Ok("cd")])).collect(4).await.expect("within");
        assert_eq!(all, "abcd");
        let e = ByteStream::from(chunks(vec![Ok("ab"), Ok("cd")])).collect(3).await.expect_err("over");
        assert_eq!(e.size_limit(), Some((3, 4)));
        let e = ByteStream::from(chunks(vec![Ok("ab")]).with_length(Some(1 << 40))).collect(3).await.expect_err("announced");
        assert!(e.is_too_large() && e.to_string().contains("content-length 1099511627776"), "{e}");
    }

    /// A body that stalls after its first chunk: the stream ends with a timeout error once
    /// the idle limit passes, not when the transport gives up.
    #[tokio::test]
    async fn a_stall_ends_the_stream_at_the_idle_limit() {
        use futures_util::StreamExt;
        let first = futures_util::stream::iter([Ok::<_, TransportError>(Bytes::from_static(b"first"))]);
        let stalled = first.chain(futures_util::stream::pending());
        let mut stream = ByteStream::new(Body::from_stream(stalled), Some(Duration::from_millis(100)));
        assert!(stream.next().await.is_some_and(|c| c.is_ok()));
        let started = Instant::now();
        let e = stream.next().await.and_then(Result::err).expect("a timeout");
        let waited = started.elapsed();
        assert!(e.is_timeout() && !e.is_incomplete(), "{e}");
        assert_eq!(e.received(), Some(5));
        assert!(e.to_string().starts_with("no part of the response body arrived within 100ms"), "{e}");
        assert!(waited >= Duration::from_millis(100) && waited < Duration::from_secs(5), "{waited:?}");
        assert!(stream.next().await.is_none());
    }

    /// The idle limit is per chunk: a body slower in total than the limit, but never silent
    /// that long, arrives whole.
    #[tokio::test]
    async fn the_idle_limit_is_reset_by_each_chunk() {
        let slow = futures_util::stream::unfold(0, |n| async move {
            (n < 5).then_some(())?;
            tokio::time::sleep(Duration::from_millis(40)).await;
            Some((Ok(Bytes::from_static(b"x")), n + 1))
        });
        let stream = ByteStream::new(Body::from_stream(slow), Some(Duration::from_millis(120)));
        assert_eq!(stream.collect(10).await.expect("never idle for 120 ms"), "xxxxx");
    }

    #[tokio::test]
    async fn reads_as_async_read_with_typed_io_errors() {
        use tokio::io::AsyncReadExt;
        let mut text = String::new();
        ByteStream::from(chunks(vec![Ok("hello "), Ok("world")])).into_async_read().read_to_string(&mut text).await.expect("reads");
        assert_eq!(text, "hello world");
        let mut sink = Vec::new();
        let e = ByteStream::from(chunks(vec![Ok("ab")]).with_length(Some(9)))
            .into_async_read()
            .read_to_end(&mut sink)
            .await
            .expect_err("short");
        assert_eq!((e.kind(), sink.as_slice()), (std::io::ErrorKind::UnexpectedEof, b"ab".as_slice()));
    }

    #[test]
    fn is_send_and_unpin_and_debug_shows_no_bytes() {
        fn send_unpin<T: Send + Unpin>(_: &T) {}
        let stream = ByteStream::from(Body::from("SECRET"));
        send_unpin(&stream);
        send_unpin(&stream.into_async_read());
        let shown = format!("{:?}", ByteStream::from(Body::from("SECRET")));
        assert!(shown.contains("content_length: Some(6)") && !shown.contains("SECRET"), "{shown}");
    }
}
