//! Test support: a real HTTP server on 127.0.0.1 that records what it receives and answers
//! with scripted responses, and a SigV4 verifier that recomputes signatures with the real
//! `aws-sigv4` crate. Nothing of the generated clients is mocked: they talk HTTP to this.

use std::collections::VecDeque;
use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::body::Incoming;
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;
use tokio::net::TcpListener;

/// A response the server sends.
#[derive(Debug, Clone)]
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Reply {
    /// A JSON response.
    pub fn json(status: u16, body: &str) -> Self {
        Self {
            status,
            headers: vec![("content-type".into(), "application/json".into())],
            body: body.to_owned(),
        }
    }

    /// Adds a header.
    pub fn header(mut self, name: &str, value: &str) -> Self {
        self.headers.push((name.to_owned(), value.to_owned()));
        self
    }
}

/// A request as the server received it.
#[derive(Debug, Clone)]
pub struct Recorded {
    pub method: String,
    /// Path and query exactly as sent on the request line.
    pub target: String,
    /// Header names lower case, in arrival order.
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Recorded {
    /// The value of a header, if sent once or more (the first).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// An HTTP/1.1 server on an ephemeral port of 127.0.0.1. It answers with the scripted replies
/// in order (the last one again once they run out) and stops when dropped.
pub struct TestServer {
    addr: SocketAddr,
    received: Arc<Mutex<Vec<Recorded>>>,
    task: tokio::task::JoinHandle<()>,
}

impl TestServer {
    /// Starts a server that answers with `replies`.
    pub async fn start(replies: Vec<Reply>) -> Self {
        assert!(!replies.is_empty(), "a test server needs at least one reply");
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind 127.0.0.1");
        let addr = listener.local_addr().expect("local address");
        let received = Arc::new(Mutex::new(Vec::new()));
        let script = Arc::new(Mutex::new(VecDeque::from(replies)));
        let task = {
            let received = Arc::clone(&received);
            tokio::spawn(async move {
                loop {
                    let Ok((stream, _)) = listener.accept().await else {
                        return;
                    };
                    let received = Arc::clone(&received);
                    let script = Arc::clone(&script);
                    tokio::spawn(async move {
                        let service = service_fn(move |request| {
                            let received = Arc::clone(&received);
                            let script = Arc::clone(&script);
                            async move { Ok::<_, Infallible>(answer(request, &received, &script).await) }
                        });
                        // A client that hangs up early is not the server's failure.
                        let _ = hyper::server::conn::http1::Builder::new()
                            .serve_connection(TokioIo::new(stream), service)
                            .await;
                    });
                }
            })
        };
        Self { addr, received, task }
    }

    /// `http://127.0.0.1:<port>`.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Everything received so far, in order.
    pub fn received(&self) -> Vec<Recorded> {
        self.received.lock().expect("lock").clone()
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}

async fn answer(
    request: hyper::Request<Incoming>,
    received: &Mutex<Vec<Recorded>>,
    script: &Mutex<VecDeque<Reply>>,
) -> hyper::Response<Full<Bytes>> {
    let (parts, body) = request.into_parts();
    let body = body
        .collect()
        .await
        .map(|b| b.to_bytes().to_vec())
        .unwrap_or_default();
    let target = parts
        .uri
        .path_and_query()
        .map(|pq| pq.as_str().to_owned())
        .unwrap_or_default();
    let headers = parts
        .headers
        .iter()
        .map(|(n, v)| (n.as_str().to_owned(), String::from_utf8_lossy(v.as_bytes()).into_owned()))
        .collect();
    received.lock().expect("lock").push(Recorded {
        method: parts.method.as_str().to_owned(),
        target,
        headers,
        body,
    });
    let reply = {
        let mut script = script.lock().expect("lock");
        if script.len() > 1 {
            script.pop_front().expect("non-empty")
        } else {
            script.front().cloned().expect("non-empty")
        }
    };
    let mut response = hyper::Response::builder().status(reply.status);
    for (name, value) in &reply.headers {
        response = response.header(name, value);
    }
    response
        .body(Full::new(Bytes::from(reply.body)))
        .expect("a scripted reply is a valid response")
}

/// Checks a request's SigV4 signature the way AWS does: parse `authorization`, recompute the
/// signature from the request as received (the headers it names, the time in `x-amz-date`)
/// with `secret`, and compare. Returns the credential scope on success.
pub fn verify_sigv4(request: &Recorded, secret: &str) -> Result<String, String> {
    use aws_sigv4::http_request::{sign, SignableBody, SignableRequest, SigningSettings};
    use aws_sigv4::sign::v4;

    let authorization = request.header("authorization").ok_or("no authorization header")?;
    let rest = authorization
        .strip_prefix("AWS4-HMAC-SHA256 ")
        .ok_or("not AWS4-HMAC-SHA256")?;
    let mut credential = None;
    let mut signed_headers = None;
    let mut signature = None;
    for part in rest.split(", ") {
        match part.split_once('=') {
            Some(("Credential", v)) => credential = Some(v),
            Some(("SignedHeaders", v)) => signed_headers = Some(v),
            Some(("Signature", v)) => signature = Some(v),
            _ => return Err(format!("unexpected authorization part `{part}`")),
        }
    }
    let credential = credential.ok_or("no Credential")?;
    let signed_headers: Vec<&str> = signed_headers.ok_or("no SignedHeaders")?.split(';').collect();
    let signature = signature.ok_or("no Signature")?;
    let scope: Vec<&str> = credential.split('/').collect();
    let [access_key, _date, region, service, "aws4_request"] = scope[..] else {
        return Err(format!("malformed credential scope `{credential}`"));
    };
    for required in ["host", "x-amz-date"] {
        if !signed_headers.contains(&required) {
            return Err(format!("`{required}` is not signed"));
        }
    }
    let amz_date = request.header("x-amz-date").ok_or("no x-amz-date")?;
    let time = parse_amz_date(amz_date)?;

    let identity = aws_credential_types::Credentials::new(
        access_key,
        secret,
        request.header("x-amz-security-token").map(str::to_owned),
        None,
        "verifier",
    )
    .into();
    let params = v4::SigningParams::builder()
        .identity(&identity)
        .region(region)
        .name(service)
        .time(time)
        .settings(SigningSettings::default())
        .build()
        .map_err(|e| e.to_string())?
        .into();
    let host = request.header("host").ok_or("no host")?;
    let url = format!("http://{host}{}", request.target);
    let headers: Vec<(&str, &str)> = request
        .headers
        .iter()
        .filter(|(n, _)| signed_headers.contains(&n.as_str()))
        .map(|(n, v)| (n.as_str(), v.as_str()))
        .collect();
    let signable = SignableRequest::new(
        &request.method,
        &url,
        headers.into_iter(),
        SignableBody::Bytes(&request.body),
    )
    .map_err(|e| e.to_string())?;
    let (_, expected) = sign(signable, &params).map_err(|e| e.to_string())?.into_parts();
    if expected == signature {
        Ok(format!("{region}/{service}"))
    } else {
        Err(format!("signature {signature} does not verify (expected {expected})"))
    }
}

/// `20260101T000000Z` -> a time.
fn parse_amz_date(value: &str) -> Result<SystemTime, String> {
    let bad = || format!("malformed x-amz-date `{value}`");
    let digits = |range: std::ops::Range<usize>| -> Result<i64, String> {
        value.get(range).and_then(|s| s.parse().ok()).ok_or_else(bad)
    };
    if value.len() != 16 || &value[8..9] != "T" || !value.ends_with('Z') {
        return Err(bad());
    }
    let (y, m, d) = (digits(0..4)?, digits(4..6)?, digits(6..8)?);
    let seconds = digits(9..11)? * 3600 + digits(11..13)? * 60 + digits(13..15)?;
    // Days since the epoch of a civil date (Howard Hinnant's algorithm).
    let (yy, mm) = if m <= 2 { (y - 1, m + 9) } else { (y, m - 3) };
    let era = yy.div_euclid(400);
    let yoe = yy - era * 400;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + (153 * mm + 2) / 5 + d - 1;
    let days = era * 146_097 + doe - 719_468;
    let since_epoch = u64::try_from(days * 86_400 + seconds).map_err(|_| bad())?;
    Ok(SystemTime::UNIX_EPOCH + Duration::from_secs(since_epoch))
}

/// A temp folder unique to the test and process, removed when dropped.
pub struct TempDir(pub std::path::PathBuf);

impl TempDir {
    /// Creates `<tmp>/sdkgen-<pid>-<test>`, empty.
    pub fn new(test: &str) -> Self {
        let dir = std::env::temp_dir().join(format!("sdkgen-{}-{test}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("create a temp folder");
        Self(dir)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Every file under `dir`: path relative to it -> bytes, sorted by path.
pub fn tree(dir: &std::path::Path) -> std::collections::BTreeMap<std::path::PathBuf, Vec<u8>> {
    let mut files = std::collections::BTreeMap::new();
    let mut pending = vec![dir.to_owned()];
    while let Some(d) = pending.pop() {
        for entry in std::fs::read_dir(&d).expect("read a folder") {
            let path = entry.expect("a folder entry").path();
            if path.is_dir() {
                pending.push(path);
            } else {
                let bytes = std::fs::read(&path).expect("read a file");
                files.insert(path.strip_prefix(dir).expect("below dir").to_owned(), bytes);
            }
        }
    }
    files
}

/// The official AWS SDK's Wickr fixtures in `../shared/fixtures/wickr-aws-sdk/`: each case
/// is a JSON file with what the SDK was served and what it sent and decided.
pub mod fixtures {
    use std::path::PathBuf;

    use serde_json::Value;

    use crate::Reply;

    /// The secret of the fixtures' credentials (`AKIDEXAMPLE`).
    pub const SECRET: &str = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    /// The fixtures' fixed clock: 2026-01-01T00:00:00Z, in epoch seconds.
    pub const CLOCK: u64 = 1_767_225_600;

    fn dir() -> PathBuf {
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/fixtures/wickr-aws-sdk")
    }

    /// Every case: (two-digit id, case), by id. Panics if the fixtures are not beside the repo.
    pub fn all() -> Vec<(String, Value)> {
        let dir = dir();
        let entries = std::fs::read_dir(&dir).unwrap_or_else(|e| {
            panic!("the official SDK's fixtures must be beside the repo at {}: {e}", dir.display())
        });
        let mut cases: Vec<(String, Value)> = entries
            .map(|e| e.expect("a folder entry").path())
            .filter(|p| p.extension().is_some_and(|e| e == "json"))
            .map(|p| {
                let text = std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
                let case = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
                (p.file_name().expect("a file name").to_string_lossy()[..2].to_owned(), case)
            })
            .collect();
        cases.sort_by(|a, b| a.0.cmp(&b.0));
        cases
    }

    /// The case with this two-digit id.
    pub fn case(id: &str) -> Value {
        all()
            .into_iter()
            .find(|(case_id, _)| case_id == id)
            .unwrap_or_else(|| panic!("no fixture case {id}"))
            .1
    }

    /// What the official SDK was served, in order.
    pub fn replies(case: &Value) -> Vec<Reply> {
        let responses = case["server_responses"].as_array().expect("server_responses");
        responses
            .iter()
            .map(|r| Reply {
                status: r["status"].as_u64().expect("status") as u16,
                headers: r["headers"]
                    .as_array()
                    .expect("headers")
                    .iter()
                    .map(|h| (h[0].as_str().expect("name").to_owned(), h[1].as_str().expect("value").to_owned()))
                    .collect(),
                body: r["body"].as_str().expect("body").to_owned(),
            })
            .collect()
    }
}

/// A server on 127.0.0.1 that misbehaves on purpose, at the TCP level, where hyper would not
/// let it: it reads each request's head, then answers as its [`Misbehaviour`] says. Every
/// connection is bounded in time ([`RAW_CONNECTION_LIMIT`]) and in the bytes it sends
/// ([`RAW_BYTES_LIMIT`]), so a client that does not protect itself fails its test instead of
/// hanging it. It stops when dropped.
pub mod raw {
    use std::net::SocketAddr;
    use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
    use std::sync::Arc;
    use std::time::Duration;

    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    use tokio::net::{TcpListener, TcpStream};

    /// The longest a connection is served.
    pub const RAW_CONNECTION_LIMIT: Duration = Duration::from_secs(8);
    /// The most a connection sends (a body "without end" ends here).
    pub const RAW_BYTES_LIMIT: u64 = 256 * 1024 * 1024;

    /// How the server answers.
    #[derive(Debug, Clone)]
    pub enum Misbehaviour {
        /// Accepts, reads the request, and never answers.
        Silent,
        /// Sends a 200 head with `content-length: 1000`, then one body byte per `interval`.
        Drip(Duration),
        /// Sends a 200 head, `transfer-encoding: chunked`, then 64 KiB chunks without end.
        Endless,
        /// Sends a 200 head announcing `content-length` bytes, then a few, then waits.
        HugeLength(u64),
        /// Sends this status and headers with `content-length: 1000`, 10 body bytes, then
        /// closes the connection.
        CutAfterHead(u16, Vec<(String, String)>),
    }

    /// The running server.
    pub struct RawServer {
        addr: SocketAddr,
        connections: Arc<AtomicUsize>,
        sent: Arc<AtomicU64>,
        task: tokio::task::JoinHandle<()>,
    }

    impl RawServer {
        /// Starts a server that answers every request with `misbehaviour`.
        pub async fn start(misbehaviour: Misbehaviour) -> Self {
            let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind 127.0.0.1");
            let addr = listener.local_addr().expect("local address");
            let connections = Arc::new(AtomicUsize::new(0));
            let sent = Arc::new(AtomicU64::new(0));
            let task = {
                let (connections, sent) = (Arc::clone(&connections), Arc::clone(&sent));
                tokio::spawn(async move {
                    while let Ok((stream, _)) = listener.accept().await {
                        connections.fetch_add(1, Ordering::SeqCst);
                        let (misbehaviour, sent) = (misbehaviour.clone(), Arc::clone(&sent));
                        tokio::spawn(async move {
                            // A client that hangs up is what the tests expect of it.
                            let _ = tokio::time::timeout(RAW_CONNECTION_LIMIT, serve(stream, misbehaviour, &sent)).await;
                        });
                    }
                })
            };
            Self { addr, connections, sent, task }
        }

        /// `http://127.0.0.1:<port>`.
        pub fn url(&self) -> String {
            format!("http://{}", self.addr)
        }

        /// Connections accepted so far.
        pub fn connections(&self) -> usize {
            self.connections.load(Ordering::SeqCst)
        }

        /// Bytes written to clients so far (heads included).
        pub fn bytes_sent(&self) -> u64 {
            self.sent.load(Ordering::SeqCst)
        }
    }

    impl Drop for RawServer {
        fn drop(&mut self) {
            self.task.abort();
        }
    }

    async fn write(stream: &mut TcpStream, bytes: &[u8], sent: &AtomicU64) -> std::io::Result<()> {
        stream.write_all(bytes).await?;
        stream.flush().await?;
        sent.fetch_add(bytes.len() as u64, Ordering::SeqCst);
        Ok(())
    }

    async fn serve(mut stream: TcpStream, misbehaviour: Misbehaviour, sent: &AtomicU64) -> std::io::Result<()> {
        // The request head (bodies of the tests' requests are small and follow it at once).
        let mut head = Vec::new();
        let mut buf = [0u8; 4096];
        while !head.windows(4).any(|w| w == b"\r\n\r\n") && head.len() < 64 * 1024 {
            let n = stream.read(&mut buf).await?;
            if n == 0 {
                return Ok(());
            }
            head.extend_from_slice(&buf[..n]);
        }
        match misbehaviour {
            Misbehaviour::Silent => {
                // Hold the connection open, reading whatever comes, until the client goes.
                while stream.read(&mut buf).await? > 0 {}
            }
            Misbehaviour::Drip(interval) => {
                write(&mut stream, b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 1000\r\n\r\n", sent).await?;
                for _ in 0..1000 {
                    write(&mut stream, b" ", sent).await?;
                    tokio::time::sleep(interval).await;
                }
            }
            Misbehaviour::Endless => {
                write(&mut stream, b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\n\r\n", sent).await?;
                let mut chunk = b"10000\r\n".to_vec();
                chunk.extend(std::iter::repeat_n(b' ', 0x10000));
                chunk.extend_from_slice(b"\r\n");
                while sent.load(Ordering::SeqCst) < RAW_BYTES_LIMIT {
                    write(&mut stream, &chunk, sent).await?;
                }
            }
            Misbehaviour::HugeLength(length) => {
                let head = format!("HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {length}\r\n\r\n");
                write(&mut stream, head.as_bytes(), sent).await?;
                write(&mut stream, &[b' '; 1024], sent).await?;
                while stream.read(&mut buf).await? > 0 {}
            }
            Misbehaviour::CutAfterHead(status, headers) => {
                let mut head = format!("HTTP/1.1 {status} Whatever\r\ncontent-length: 1000\r\n");
                for (name, value) in headers {
                    head.push_str(&format!("{name}: {value}\r\n"));
                }
                head.push_str("\r\n");
                write(&mut stream, head.as_bytes(), sent).await?;
                write(&mut stream, b"{\"message\":", sent).await?;
                stream.shutdown().await?;
            }
        }
        Ok(())
    }
}

/// How long a test waits for anything network-related before failing.
pub const TEST_TIMEOUT: Duration = Duration::from_secs(10);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_amz_dates() {
        let t = parse_amz_date("20260101T000000Z").unwrap();
        assert_eq!(t.duration_since(SystemTime::UNIX_EPOCH).unwrap().as_secs(), 1_767_225_600);
        assert!(parse_amz_date("2026-01-01").is_err());
    }
}

/// The README's Rust examples, compiled as doctests (`cargo test --doc -p sdkgen-tests`), so
/// "Using a generated crate" stays true to the generated API.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
pub struct ReadmeDoctests;
