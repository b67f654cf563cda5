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

use super::error::{ConstructionError, Error};
use super::{HttpClient, RawResponse, Request, Response};

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

/// The one `async` path every operation shares (see the module's documentation).
fn send(client: HttpClient, request: Request) -> Sending {
    Box::pin(async move { client.send(request).await })
}

impl<O, E> Future for ResponseFuture<O, E> {
    type Output = Result<Response<O>, Error<E>>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = self.get_mut();
        let sending = match &mut this.sending {
            Ok(sending) => sending,
            Err(not_built) => {
                // Polled again after it gave its error: nothing more to give, and no reason
                // to panic over it.
                let e = not_built.take().unwrap_or_else(|| ConstructionError::new("the operation's future was polled after it completed"));
                return Poll::Ready(Err(Error::Construction(e)));
            }
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
}
