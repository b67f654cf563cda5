//! A binary output received as a stream (`send_streaming()`, `sdkgen_runtime::ByteStream`)
//! from a real HTTP server on 127.0.0.1 (`DownloadFile` of `tests/constructs/response_media.yaml`):
//! a body far larger than `max_response_bytes` arrives whole, in chunks, without being held
//! in memory; a server that stalls mid-body or closes before its `content-length` ends the
//! stream with a typed error, in bounded time; an error status is still the typed error.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use buildrs_consumer::constructs::response_media::errors::DownloadFileError;
use buildrs_consumer::constructs::response_media::{Client, SdkError};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// What the server does after the head of a 200 announcing `length` bytes.
#[derive(Debug, Clone, Copy)]
enum Then {
    /// Sends all `length` bytes.
    All,
    /// Sends this many, then holds the connection open without a byte more.
    Stall(u64),
    /// Sends this many, then closes the connection.
    Close(u64),
}

/// The body's byte at `offset`: a pattern the client checks, so that a chunk lost,
/// repeated or out of order is seen.
fn pattern(offset: u64) -> u8 {
    (offset % 251) as u8
}

/// A server on 127.0.0.1 answering each request with a 200 of `length` bytes of
/// [`pattern`] in 64 KiB writes (or a 404 problem for the file `missing`), counting the
/// body bytes it has written.
struct Server {
    url: String,
    sent: Arc<AtomicU64>,
    task: tokio::task::JoinHandle<()>,
}

impl Server {
    async fn start(length: u64, then: Then) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind 127.0.0.1");
        let url = format!("http://{}", listener.local_addr().expect("address"));
        let sent = Arc::new(AtomicU64::new(0));
        let counter = Arc::clone(&sent);
        let task = tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let counter = Arc::clone(&counter);
                tokio::spawn(async move {
                    // The client hanging up mid-body is one of the outcomes tested.
                    let _ = serve(stream, length, then, &counter).await;
                });
            }
        });
        Self { url, sent, task }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.task.abort();
    }
}

async fn serve(mut stream: TcpStream, length: u64, then: Then, sent: &AtomicU64) -> std::io::Result<()> {
    let mut head = Vec::new();
    let mut buf = [0u8; 4096];
    while !head.windows(4).any(|w| w == b"\r\n\r\n") {
        let n = stream.read(&mut buf).await?;
        if n == 0 {
            return Ok(());
        }
        head.extend_from_slice(&buf[..n]);
    }
    if head.starts_with(b"GET /api/files/missing ") {
        let body = r#"{"message":"no such file"}"#;
        let reply = format!("HTTP/1.1 404 Not Found\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n{body}", body.len());
        return stream.write_all(reply.as_bytes()).await;
    }
    let reply = format!("HTTP/1.1 200 OK\r\ncontent-type: application/octet-stream\r\ncontent-length: {length}\r\n\r\n");
    stream.write_all(reply.as_bytes()).await?;
    let stop = match then {
        Then::All => length,
        Then::Stall(n) | Then::Close(n) => n,
    };
    let mut offset = 0;
    while offset < stop {
        let n = (stop - offset).min(64 * 1024);
        let chunk: Vec<u8> = (offset..offset + n).map(pattern).collect();
        stream.write_all(&chunk).await?;
        offset += n;
        sent.store(offset, Ordering::SeqCst);
    }
    stream.flush().await?;
    match then {
        Then::Stall(_) => tokio::time::sleep(Duration::from_secs(20)).await,
        Then::Close(_) => stream.shutdown().await?,
        Then::All => {}
    }
    Ok(())
}

const MIB: u64 = 1024 * 1024;

fn client(server: &Server) -> Client {
    // 1 MiB: the 20 MiB body is 20 times what `send()` may read.
    Client::builder().server_url(&server.url).max_response_bytes(MIB).build().expect("a client")
}

/// 20 MiB, sent in 64 KiB writes, reach the stream whole and in order while `send()` of the
/// same body fails at the 1 MiB limit; the body is not read ahead of the caller: with the
/// stream not polled, the server cannot send most of it (the socket buffers and the
/// client's read buffer fill, then TCP flow control stops the server).
#[tokio::test]
async fn a_body_larger_than_the_limit_arrives_whole_with_bounded_memory() {
    let length = 20 * MIB;
    let server = Server::start(length, Then::All).await;
    let client = client(&server);
    match client.download_file().name("big").send().await {
        Err(SdkError::Transport(e)) => assert!(e.is_too_large(), "{e}"),
        other => panic!("expected the size limit, got {other:?}"),
    }

    let response = client.download_file().name("big").send_streaming().await.expect("a stream");
    assert_eq!(response.status().as_u16(), 200);
    assert_eq!(response.header("content-type"), Some("application/octet-stream"));
    let mut body = response.into_body();
    assert_eq!(body.content_length(), Some(length));
    // Not polled for a while: what the server managed to send is bounded by buffers.
    tokio::time::sleep(Duration::from_millis(300)).await;
    let ahead = server.sent.load(Ordering::SeqCst);
    assert!(ahead < length / 2, "{ahead} of {length} bytes were sent before the caller read any");

    let (mut received, mut largest) = (0u64, 0usize);
    while let Some(chunk) = body.next().await {
        let chunk = chunk.expect("no error");
        for (i, byte) in chunk.iter().enumerate() {
            assert_eq!(*byte, pattern(received + i as u64), "at offset {}", received + i as u64);
        }
        received += chunk.len() as u64;
        largest = largest.max(chunk.len());
    }
    assert_eq!((received, body.received()), (length, length));
    assert!(largest as u64 <= MIB, "chunks are the transport's reads, not the body: {largest} bytes");
    eprintln!("{ahead} bytes sent ahead of the first read; largest chunk {largest} bytes");
}

/// A server that sends 100 KiB of 1 MiB and then nothing: the stream gives those bytes,
/// then a timeout error once the idle limit (here 300 ms) passes, long before the read
/// timeout of the HTTP client (30 s) or the server giving up.
#[tokio::test]
async fn a_server_that_stalls_mid_body_ends_the_stream_with_a_timeout_in_bounded_time() {
    let server = Server::start(MIB, Then::Stall(100 * 1024)).await;
    let client = Client::builder()
        .server_url(&server.url)
        .stream_idle_timeout(Duration::from_millis(300))
        // Ends at the handover: it does not cut the stream.
        .operation_timeout(Duration::from_secs(5))
        .build()
        .expect("a client");
    let mut body = client.download_file().name("slow").send_streaming().await.expect("a stream").into_body();
    let started = Instant::now();
    let mut received = 0;
    let error = loop {
        match body.next().await {
            Some(Ok(chunk)) => received += chunk.len() as u64,
            Some(Err(e)) => break e,
            None => panic!("the stream ended without an error after {received} bytes"),
        }
    };
    let waited = started.elapsed();
    assert!(error.is_timeout() && !error.is_incomplete(), "{error}");
    assert_eq!((received, error.received()), (100 * 1024, Some(100 * 1024)));
    assert!(error.to_string().starts_with("no part of the response body arrived within 300ms"), "{error}");
    assert!(waited >= Duration::from_millis(300) && waited < Duration::from_secs(5), "{waited:?}");
    assert!(body.next().await.is_none(), "nothing after the error");
}

/// A server that closes the connection after 1,000 of the 1 MiB it announced: the stream
/// gives what came, then an error saying the body is incomplete (never a short body taken
/// for a whole one).
#[tokio::test]
async fn a_server_that_closes_before_its_content_length_ends_the_stream_with_an_incomplete_error() {
    let server = Server::start(MIB, Then::Close(1000)).await;
    let client = client(&server);
    let mut body = client.download_file().name("cut").send_streaming().await.expect("a stream").into_body();
    let mut received = 0;
    let error = loop {
        match body.next().await {
            Some(Ok(chunk)) => received += chunk.len() as u64,
            Some(Err(e)) => break e,
            None => panic!("the stream ended without an error after {received} bytes"),
        }
    };
    assert!(error.is_incomplete() && !error.is_timeout(), "{error}");
    assert_eq!((received, error.received()), (1000, Some(1000)));
    assert!(error.to_string().starts_with("the response body ended after 1000 bytes of the 1048576"), "{error}");
    // `collect` says the same.
    let body = client.download_file().name("cut").send_streaming().await.expect("a stream").into_body();
    assert!(body.collect(10 * MIB).await.expect_err("cut").is_incomplete());
}

/// An error status is read and classified as with `send()`: the documented 404.
#[tokio::test]
async fn an_error_status_is_the_typed_error() {
    let server = Server::start(MIB, Then::All).await;
    match client(&server).download_file().name("missing").send_streaming().await {
        Err(SdkError::Service(DownloadFileError::Problem(e))) => {
            assert_eq!((e.status().as_u16(), e.message.as_deref()), (404, Some("no such file")));
        }
        other => panic!("expected the 404 problem, got {other:?}"),
    }
}
