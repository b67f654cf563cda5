//! An operation's `send()`: one path, compiled once here, from the built request to the
//! typed result.
//!
//! A generated operation says only what differs between operations: the [`Request`] built
//! from its builder's values, the function that reads its success response, and its error
//! enum's `from_response`. Sending (authentication, retries, time limits, redirects) is one
//! boxed future that is not generic, compiled once in this crate; [`ResponseFuture`] wraps
//! it and applies the operation's two functions, plain `fn` pointers, to the response it
//! gives. So a generated crate holds no `async` state machine per operation: each one was
//! type-checked, lowered and compiled to machine code on its own (456 in Commvault), the
//! largest part of what compiling a generated crate cost besides its types.
//!
//! The futures are `Send`, `Unpin` and `'static` whatever the output and error types, so
//! they can be spawned, stored or boxed as any future.

use std::convert::Infallible;
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::task::{ready, Context, Poll};

use super::client::Streamed;
use super::error::{ConstructionError, Error};
use super::{ByteStream, HttpClient, RawResponse, Request, Response};

/// One request on its way, from any operation: the response (any status), or why none came.
type Sending = Pin<Box<dyn Future<Output = Result<RawResponse, Error<Infallible>>> + Send>>;

/// How an operation reads a success response (a 2xx): a parser of [`RawResponse`]
/// (`json_output`, `bytes_output`, ...), or, for an operation with several documented
/// successes, one that chooses by status and classifies any other as an error.
pub type ReadOutput<O, E> = fn(RawResponse) -> Result<Response<O>, Error<E>>;

/// How an operation classifies an error response: its error enum's `from_response`.
pub type ReadError<E> = fn(RawResponse) -> E;

/// What `send_with_response()` returns: a future of the output `O` with its response's
/// status, headers and request id, or the operation's [`Error`] (documented errors `E`).
#[must_use = "a future does nothing unless awaited"]
pub struct ResponseFuture<O, E> {
    /// The request being sent, or the reason it could not be built (taken when polled).
    sending: Result<Sending, Option<ConstructionError>>,
    output: ReadOutput<O, E>,
    error: ReadError<E>,
}

impl<O, E> ResponseFuture<O, E> {
    /// Sends `request` with `client` (nothing is sent when it is an error: the future then
    /// gives [`Error::Construction`]), then reads a success response with `output` and an
    /// error response with `error`. Called by generated operations.
    ///
    /// `operation` is the operation's `operationId` and path template, which interceptors
    /// and trace spans name it by (see [`Request::operation`]); given here, as one argument,
    /// rather than by a call in each operation's request code.
    pub fn new(
        client: HttpClient,
        request: Result<Request, ConstructionError>,
        operation: (&'static str, &'static str),
        output: ReadOutput<O, E>,
        error: ReadError<E>,
    ) -> Self {
        let sending = match request {
            Ok(request) => Ok(send(client, request.operation(operation.0, operation.1))),
            Err(e) => Err(Some(e)),
        };
        Self { sending, output, error }
    }

    /// The output alone, without the response's head: what `send()` returns.
    pub fn into_output(self) -> OutputFuture<O, E> {
        OutputFuture { response: self }
    }
}

/// The request on its way, or why there is none: the construction error the operation's
/// request gave, once; a future polled again after it gave it gets an error too, rather than
/// a panic.
fn in_flight<S>(sending: &mut Result<S, Option<ConstructionError>>) -> Result<&mut S, ConstructionError> {
    match sending {
        Ok(sending) => Ok(sending),
        Err(not_built) => Err(not_built
            .take()
            .unwrap_or_else(|| ConstructionError::new("the operation's future was polled after it completed"))),
    }
}

/// The one `async` path every operation shares (see the module's documentation).
fn send(client: HttpClient, request: Request) -> Sending {
    Box::pin(async move { client.send(request).await })
}

impl<O, E> Future for ResponseFuture<O, E> {
    type Output = Result<Response<O>, Error<E>>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = self.get_mut();
        let sending = match in_flight(&mut this.sending) {
            Ok(sending) => sending,
            Err(e) => return Poll::Ready(Err(Error::Construction(e))),
        };
        Poll::Ready(match ready!(sending.as_mut().poll(cx)) {
            Ok(response) if response.status().is_success() => (this.output)(response),
            Ok(response) => Err(Error::Service((this.error)(response))),
            Err(e) => Err(widen(e)),
        })
    }
}

/// A failure without a service error as the error of any operation.
fn widen<E>(e: Error<Infallible>) -> Error<E> {
    match e {
        Error::Construction(e) => Error::Construction(e),
        Error::Transport(e) => Error::Transport(e),
        Error::Decode(e) => Error::Decode(e),
        Error::Redirect(e) => Error::Redirect(e),
        Error::Credentials(e) => Error::Credentials(e),
        Error::Service(never) => match never {},
    }
}

impl<O, E> fmt::Debug for ResponseFuture<O, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ResponseFuture").field("sent", &self.sending.is_ok()).finish_non_exhaustive()
    }
}

/// What `send()` returns: a future of the output `O` alone, or the operation's [`Error`]
/// (see [`ResponseFuture`], which gives the response's head beside the output).
#[must_use = "a future does nothing unless awaited"]
pub struct OutputFuture<O, E> {
    response: ResponseFuture<O, E>,
}

impl<O, E> Future for OutputFuture<O, E> {
    type Output = Result<O, Error<E>>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        Pin::new(&mut self.get_mut().response).poll(cx).map(|result| result.map(Response::into_body))
    }
}

impl<O, E> fmt::Debug for OutputFuture<O, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("OutputFuture").field("response", &self.response).finish()
    }
}

/// One streamed request on its way (see [`StreamFuture`]).
type Streaming = Pin<Box<dyn Future<Output = Result<Streamed, Error<Infallible>>> + Send>>;

/// What `send_streaming()` returns, for operations whose success body is binary: a future
/// of the body as a [`ByteStream`], handed over as soon as a success response's head
/// arrives (inside a [`Response`] with its status, headers and request id), or the
/// operation's [`Error`]. An error response is read within the size limit and classified as
/// with `send()`; retries, the operation's time limit, interceptors' `after_response` and the
/// trace span all end when the stream is handed over.
#[must_use = "a future does nothing unless awaited"]
pub struct StreamFuture<E> {
    sending: Result<Streaming, Option<ConstructionError>>,
    error: ReadError<E>,
}

impl<E> StreamFuture<E> {
    /// Sends `request` with `client` (see [`ResponseFuture::new`]), and classifies an error
    /// response with `error`. Called by generated operations.
    pub fn new(
        client: HttpClient,
        request: Result<Request, ConstructionError>,
        operation: (&'static str, &'static str),
        error: ReadError<E>,
    ) -> Self {
        let sending = match request {
            Ok(request) => {
                let request = request.operation(operation.0, operation.1);
                Ok(Box::pin(async move { client.send_streaming(request).await }) as Streaming)
            }
            Err(e) => Err(Some(e)),
        };
        Self { sending, error }
    }
}

impl<E> Future for StreamFuture<E> {
    type Output = Result<Response<ByteStream>, Error<E>>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = self.get_mut();
        let sending = match in_flight(&mut this.sending) {
            Ok(sending) => sending,
            Err(e) => return Poll::Ready(Err(Error::Construction(e))),
        };
        Poll::Ready(match ready!(sending.as_mut().poll(cx)) {
            Ok(Ok(stream)) => Ok(stream),
            Ok(Err(response)) => Err(Error::Service((this.error)(response))),
            Err(e) => Err(widen(e)),
        })
    }
}

impl<E> fmt::Debug for StreamFuture<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("StreamFuture").field("sent", &self.sending.is_ok()).finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn assert_send_unpin_static<T: Send + Unpin + 'static>(_: &T) {}

    /// Whatever the output and error types (here neither `Send` nor `Unpin`), the futures are.
    #[test]
    fn the_futures_are_send_unpin_and_static_for_any_output() {
        type NotSend = std::marker::PhantomData<(std::rc::Rc<()>, std::marker::PhantomPinned)>;
        let client = crate::ClientBuilder::new("test").base_url("http://127.0.0.1:9").build().expect("builds");
        let request: Result<Request, ConstructionError> = Err(ConstructionError::missing("id"));
        let future = ResponseFuture::<NotSend, NotSend>::new(client, request, ("Op", "/"), |_| unreachable!(), |_| unreachable!());
        assert_send_unpin_static(&future);
        assert_send_unpin_static(&future.into_output());
        let request: Result<Request, ConstructionError> = Err(ConstructionError::missing("id"));
        let streaming = StreamFuture::<NotSend>::new(crate::ClientBuilder::new("test").base_url("http://127.0.0.1:9").build().expect("builds"), request, ("Op", "/"), |_| unreachable!());
        assert_send_unpin_static(&streaming);
    }

    /// A request that could not be built is never sent: the future gives its construction
    /// error, and again (not a panic) if it is polled once more.
    #[tokio::test]
    async fn a_request_not_built_gives_its_construction_error() {
        let client = crate::ClientBuilder::new("test").base_url("http://127.0.0.1:9").build().expect("builds");
        let request = Err(ConstructionError::missing("network_id"));
        let mut future = ResponseFuture::<(), Infallible>::new(client, request, ("Op", "/"), |r| Ok(r.empty_output()), |_| unreachable!());
        match (&mut future).await {
            Err(Error::Construction(e)) => assert!(e.message().contains("network_id"), "{e}"),
            other => panic!("{other:?}"),
        }
        assert!(matches!((&mut future).await, Err(Error::Construction(_))));
    }

    /// A transport that answers attempt `n` (from 1) with `answer(n)`, counting attempts.
    struct Scripted {
        answer: fn(u32) -> http::Response<crate::transport::Body>,
        attempts: std::sync::Arc<std::sync::atomic::AtomicU32>,
    }

    impl fmt::Debug for Scripted {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("Scripted")
        }
    }

    impl crate::transport::Transport for Scripted {
        fn send(&self, _: http::Request<bytes::Bytes>) -> crate::transport::TransportFuture<'_> {
            let n = self.attempts.fetch_add(1, std::sync::atomic::Ordering::SeqCst) + 1;
            Box::pin(std::future::ready(Ok((self.answer)(n))))
        }
    }

    /// A client over `answer`, retrying at once, and its attempt counter.
    fn scripted(
        answer: fn(u32) -> http::Response<crate::transport::Body>,
        builder: impl FnOnce(crate::ClientBuilder) -> crate::ClientBuilder,
    ) -> (HttpClient, std::sync::Arc<std::sync::atomic::AtomicU32>) {
        let attempts = std::sync::Arc::new(std::sync::atomic::AtomicU32::new(0));
        let retry = crate::RetryConfig::default().with_initial_backoff(std::time::Duration::from_millis(1));
        let client = builder(crate::ClientBuilder::new("test").base_url("http://api.example.com").retry(retry))
            .transport(Scripted { answer, attempts: std::sync::Arc::clone(&attempts) })
            .build()
            .expect("builds");
        (client, attempts)
    }

    fn stream(client: HttpClient) -> StreamFuture<String> {
        let request = Ok(Request::new(http::Method::GET, "/file".into()));
        StreamFuture::new(client, request, ("GetFile", "/file"), |response| format!("{} {}", response.status().as_u16(), response.text()))
    }

    fn respond(status: u16, body: crate::transport::Body) -> http::Response<crate::transport::Body> {
        http::Response::builder().status(status).header("x-request-id", "r-1").body(body).expect("valid")
    }

    /// A 503 is retried (its body read within the limit); the 200 after it is handed over
    /// with its body unread, larger than `max_response_bytes`, and read in full by the caller.
    #[tokio::test]
    async fn retries_happen_before_the_stream_is_handed_over_and_the_size_limit_does_not_bound_it() {
        let statuses = std::sync::Arc::new(Statuses::default());
        let (client, attempts) = scripted(
            |n| match n {
                1 => respond(503, crate::transport::Body::from("busy")),
                _ => {
                    let chunks = futures_util::stream::iter((0..64).map(|_| Ok(bytes::Bytes::from(vec![7u8; 1024]))));
                    respond(200, crate::transport::Body::from_stream(chunks).with_length(Some(65_536)))
                }
            },
            |b| b.max_response_bytes(1024).interceptor(std::sync::Arc::clone(&statuses)),
        );
        let response = stream(client).await.expect("a stream");
        assert_eq!((response.status().as_u16(), response.request_id()), (200, Some("r-1")));
        assert_eq!(attempts.load(std::sync::atomic::Ordering::SeqCst), 2);
        let mut body = response.into_body();
        assert_eq!(body.content_length(), Some(65_536));
        let mut total = 0;
        while let Some(chunk) = body.next().await {
            total += chunk.expect("no error").len();
        }
        assert_eq!(total, 65_536);
        assert_eq!(attempts.load(std::sync::atomic::Ordering::SeqCst), 2, "nothing retried after the handover");
        // Interceptors see both heads, the streamed one once.
        assert_eq!(*statuses.0.lock().expect("not poisoned"), [503, 200]);
    }

    /// Records the status of every response an interceptor sees.
    #[derive(Debug, Default)]
    struct Statuses(std::sync::Mutex<Vec<u16>>);

    impl crate::Interceptor for Statuses {
        fn after_response(&self, response: &crate::interceptor::AfterResponse<'_>) {
            self.0.lock().expect("not poisoned").push(response.status().as_u16());
        }
    }

    /// An error status is read within the limit and classified by the operation's function.
    #[tokio::test]
    async fn an_error_response_is_read_and_classified() {
        let (client, _) = scripted(|_| respond(404, crate::transport::Body::from(r#"{"message":"no file"}"#)), |b| b);
        match stream(client).await {
            Err(Error::Service(e)) => assert_eq!(e, r#"404 {"message":"no file"}"#),
            other => panic!("{other:?}"),
        }
        // Over the limit, an error body fails as with `send()`.
        let (client, _) = scripted(|_| respond(500, crate::transport::Body::from(vec![b'x'; 100])), |b| b.max_response_bytes(10).retry(crate::RetryConfig::default().with_max_attempts(1)));
        match stream(client).await {
            Err(Error::Transport(e)) => assert!(e.is_too_large(), "{e}"),
            other => panic!("{other:?}"),
        }
    }

    /// The operation's time limit ends at the handover: a body slower than it still arrives,
    /// bounded by the idle limit per chunk instead.
    #[tokio::test]
    async fn the_operation_timeout_ends_at_the_handover_and_the_idle_limit_bounds_the_stream() {
        let slow = |_| {
            let chunks = futures_util::stream::unfold(0, |n| async move {
                (n < 4).then_some(())?;
                tokio::time::sleep(std::time::Duration::from_millis(30)).await;
                Some((Ok(bytes::Bytes::from_static(b"ab")), n + 1))
            });
            respond(200, crate::transport::Body::from_stream(chunks))
        };
        let (client, _) = scripted(slow, |b| {
            b.operation_timeout(std::time::Duration::from_millis(50)).stream_idle_timeout(std::time::Duration::from_millis(500))
        });
        let body = stream(client).await.expect("a stream").into_body();
        assert_eq!(body.collect(100).await.expect("120 ms in all, 30 ms a chunk"), "abababab");

        let (client, _) = scripted(slow, |b| b.stream_idle_timeout(std::time::Duration::from_millis(10)));
        let e = stream(client).await.expect("a stream").into_body().collect(100).await.expect_err("idle");
        assert!(e.is_timeout() && e.to_string().contains("within 10ms"), "{e}");
    }
}
