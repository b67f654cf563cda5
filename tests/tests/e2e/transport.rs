//! Where a generated client's requests go: a `reqwest::Client` of the caller's
//! (`http_client`, here with a proxy: a recording proxy on 127.0.0.1 in front of the test
//! server), a custom `Transport` (which receives the requests signed, and whose body the
//! client still bounds), and the runtime's `TestTransport` (no socket at all).

use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;
use sdkgen_tests::fixtures::SECRET;
use sdkgen_tests::{verify_sigv4, Recorded, Reply, TestServer};
use serde_json::json;
use tokio::net::TcpListener;
use wickr::errors::GetBotError;
use wickr::test_util::{TestResponse, TestTransport};
use wickr::transport::{Body, Transport, TransportFuture};
use wickr::{Credentials, RetryConfig, SdkError};

const BOT: &str = r#"{"botId": "42", "networkId": "12345678", "username": "bot_one"}"#;

fn credentials() -> Credentials {
    Credentials::new("AKIDEXAMPLE", SECRET, None)
}

/// A forward HTTP proxy on 127.0.0.1: records each request as it arrived (its target in
/// absolute form, as clients send it to a proxy), forwards it to the origin the target names,
/// and answers with the origin's response plus `via: 1.1 test-proxy`.
struct RecordingProxy {
    addr: SocketAddr,
    seen: Arc<Mutex<Vec<Recorded>>>,
    task: tokio::task::JoinHandle<()>,
}

impl RecordingProxy {
    async fn start() -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind 127.0.0.1");
        let addr = listener.local_addr().expect("local address");
        let seen = Arc::new(Mutex::new(Vec::new()));
        // The proxy's own way out: straight to the origin.
        let upstream = reqwest::Client::builder().no_proxy().build().expect("a client");
        let task = {
            let seen = Arc::clone(&seen);
            tokio::spawn(async move {
                while let Ok((stream, _)) = listener.accept().await {
                    let (seen, upstream) = (Arc::clone(&seen), upstream.clone());
                    tokio::spawn(async move {
                        let service = service_fn(move |request| {
                            let (seen, upstream) = (Arc::clone(&seen), upstream.clone());
                            async move { Ok::<_, Infallible>(forward(request, &seen, &upstream).await) }
                        });
                        let _ = hyper::server::conn::http1::Builder::new()
                            .serve_connection(TokioIo::new(stream), service)
                            .await;
                    });
                }
            })
        };
        Self { addr, seen, task }
    }

    fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    fn seen(&self) -> Vec<Recorded> {
        self.seen.lock().expect("lock").clone()
    }
}

impl Drop for RecordingProxy {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// Hop-by-hop headers a proxy does not pass on (RFC 9110 section 7.6.1), and the length,
/// which the forwarded body sets again.
const HOP_BY_HOP: [&str; 6] = ["connection", "proxy-connection", "keep-alive", "transfer-encoding", "upgrade", "content-length"];

async fn forward(
    request: hyper::Request<hyper::body::Incoming>,
    seen: &Mutex<Vec<Recorded>>,
    upstream: &reqwest::Client,
) -> hyper::Response<Full<Bytes>> {
    let (parts, body) = request.into_parts();
    let body = body.collect().await.map(|b| b.to_bytes()).unwrap_or_default();
    let headers: Vec<(String, String)> = parts
        .headers
        .iter()
        .map(|(n, v)| (n.as_str().to_owned(), String::from_utf8_lossy(v.as_bytes()).into_owned()))
        .collect();
    seen.lock().expect("lock").push(Recorded {
        method: parts.method.to_string(),
        target: parts.uri.to_string(),
        headers,
        body: body.to_vec(),
    });
    let mut outgoing = upstream.request(parts.method, parts.uri.to_string()).body(body);
    for (name, value) in &parts.headers {
        if !HOP_BY_HOP.contains(&name.as_str()) {
            outgoing = outgoing.header(name, value);
        }
    }
    let answer = match outgoing.send().await {
        Ok(response) => {
            let mut answer = hyper::Response::builder().status(response.status()).header("via", "1.1 test-proxy");
            for (name, value) in response.headers() {
                if !HOP_BY_HOP.contains(&name.as_str()) {
                    answer = answer.header(name, value);
                }
            }
            answer.body(Full::new(response.bytes().await.unwrap_or_default()))
        }
        Err(e) => hyper::Response::builder().status(502).body(Full::new(Bytes::from(format!("test proxy: {e}")))),
    };
    answer.expect("a valid response")
}

/// `http_client` with a `reqwest::Proxy`: the request goes through the proxy (which saw it in
/// absolute form, signed), the origin gets it with a signature that verifies, and the typed
/// output comes back through the proxy.
#[tokio::test]
async fn http_client_sends_through_the_callers_proxy() {
    let server = TestServer::start(vec![Reply::json(200, BOT).header("x-amzn-requestid", "req-p")]).await;
    let proxy = RecordingProxy::start().await;
    let http = reqwest::Client::builder()
        .proxy(reqwest::Proxy::http(proxy.url()).expect("a proxy URL"))
        .redirect(wickr::Redirects::None.reqwest_policy())
        .timeout(Duration::from_secs(10))
        .build()
        .expect("a client");
    let client = wickr::Client::builder().region("us-east-1")
        .base_url(server.url())
        .credentials(credentials())
        .http_client(http)
        .build()
        .expect("valid configuration");
    let response = client.get_bot().network_id("12345678").bot_id("42").send_with_response().await.expect("200");
    assert_eq!(response.header("via"), Some("1.1 test-proxy"), "the answer came back through the proxy");
    assert_eq!((response.request_id(), response.bot_id.as_deref()), (Some("req-p"), Some("42")));

    let seen = proxy.seen();
    assert_eq!(seen.len(), 1);
    assert_eq!(seen[0].target, format!("{}/networks/12345678/bots/42", server.url()), "absolute form: sent to a proxy");
    assert!(seen[0].header("authorization").is_some_and(|a| a.starts_with("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/")));
    let received = server.received();
    assert_eq!(received.len(), 1);
    assert_eq!(received[0].target, "/networks/12345678/bots/42");
    assert_eq!(verify_sigv4(&received[0], SECRET), Ok("us-east-1/wickr".to_owned()));
}

/// With `http_client`, the builder's own time limits would do nothing: `build()` says so.
#[test]
fn http_client_and_the_builders_time_limits_do_not_combine() {
    let err = wickr::Client::builder().region("us-east-1")
        .credentials(credentials())
        .timeout(Duration::from_secs(1))
        .http_client(reqwest::Client::new())
        .build()
        .expect_err("the timeout would be ignored");
    assert!(err.to_string().contains("`timeout`"), "{err}");
}

/// A transport of the test's own: records what it is given, and answers with `answer`.
#[derive(Debug)]
struct Custom {
    sent: Arc<Mutex<Vec<http::Request<Bytes>>>>,
    answer: fn() -> http::Response<Body>,
}

impl Transport for Custom {
    fn send(&self, request: http::Request<Bytes>) -> TransportFuture<'_> {
        self.sent.lock().expect("lock").push(request);
        Box::pin(std::future::ready(Ok((self.answer)())))
    }
}

fn custom_client(answer: fn() -> http::Response<Body>) -> (wickr::ClientBuilder, Arc<Mutex<Vec<http::Request<Bytes>>>>) {
    let sent = Arc::new(Mutex::new(Vec::new()));
    let builder = wickr::Client::builder().region("us-east-1")
        .credentials(Credentials::new("AKIDEXAMPLE", SECRET, Some("SESSION".into())))
        .retry(RetryConfig::disabled())
        .transport(Custom { sent: Arc::clone(&sent), answer });
    (builder, sent)
}

/// A custom transport gets the request as it would go on the wire: the spec's server URL
/// (region filled in), the body, and the SigV4 headers, with a signature that verifies.
#[tokio::test]
async fn a_custom_transport_receives_signed_requests() {
    let (builder, sent) = custom_client(|| {
        http::Response::builder().status(200).header("content-type", "application/json").body(Body::from(BOT)).expect("valid")
    });
    let client = builder.region("eu-west-2").build().expect("valid configuration");
    let out = client.create_bot().network_id("1").username("opsbot").group_id("sg-1").challenge("pw").send().await.expect("200");
    assert_eq!(out.bot_id, "42");

    let sent = sent.lock().expect("lock");
    assert_eq!(sent.len(), 1);
    let request = &sent[0];
    assert_eq!((request.method(), request.uri().to_string()), (&http::Method::POST, "https://admin.wickr.eu-west-2.amazonaws.com/networks/1/bots".to_owned()));
    assert_eq!(request.headers()["x-amz-security-token"], "SESSION");
    assert!(request.headers().contains_key("x-amz-date"));
    // What a server would have received: the signature covers host, date, token and body.
    let mut headers: Vec<(String, String)> = vec![("host".into(), "admin.wickr.eu-west-2.amazonaws.com".into())];
    headers.extend(request.headers().iter().map(|(n, v)| (n.to_string(), v.to_str().expect("ASCII").to_owned())));
    let recorded = Recorded { method: "POST".into(), target: "/networks/1/bots".into(), headers, body: request.body().to_vec() };
    assert_eq!(serde_json::from_slice::<serde_json::Value>(&recorded.body).ok(), Some(json!({"username": "opsbot", "groupId": "sg-1", "challenge": "pw"})));
    assert_eq!(verify_sigv4(&recorded, SECRET), Ok("eu-west-2/wickr".to_owned()));
    let mut tampered = recorded.clone();
    tampered.body = br#"{"username": "other"}"#.to_vec();
    assert!(verify_sigv4(&tampered, SECRET).is_err(), "the check is real");
}

/// A transport that streams without end cannot fill memory: the client stops reading at its
/// limit, keeping the status.
#[tokio::test]
async fn the_size_limit_holds_for_a_custom_transport_that_streams_too_much() {
    let (builder, _) = custom_client(|| {
        let chunks = futures_util::stream::repeat_with(|| Ok(Bytes::from_static(&[b' '; 4096])));
        http::Response::builder().status(200).body(Body::from_stream(chunks)).expect("valid")
    });
    let client = builder.max_response_bytes(100_000).build().expect("valid configuration");
    let err = tokio::time::timeout(Duration::from_secs(5), client.get_bot().network_id("1").bot_id("2").send())
        .await
        .expect("stops by itself")
        .expect_err("too large");
    let SdkError::Transport(e) = err else { panic!("{err:?}") };
    assert!(e.is_too_large(), "{e}");
    assert_eq!(e.size_limit(), Some((100_000, 102_400)));
    assert_eq!(e.status().map(|s| s.as_u16()), Some(200));
}

/// The runtime's `TestTransport` drives the generated client with no socket: a typed
/// output, a typed service error, and what was sent, asserted.
#[tokio::test]
async fn the_test_transport_drives_the_generated_client_without_a_socket() {
    let transport = TestTransport::new()
        .on(http::Method::GET, "/networks/1/bots/42", TestResponse::json(200, BOT).header("x-amzn-requestid", "req-t"))
        .on_prefix(
            http::Method::GET,
            "/networks/1/bots/",
            TestResponse::json(404, r#"{"message": "no such bot"}"#).header("x-amzn-errortype", "ResourceNotFoundError"),
        )
        .on(http::Method::GET, "/networks/1/security-groups", TestResponse::json(200, r#"{"securityGroups": []}"#));
    let client = wickr::Client::builder().region("us-east-1")
        .credentials(credentials())
        .transport(transport.clone())
        .build()
        .expect("valid configuration");

    let bot = client.get_bot().network_id("1").bot_id("42").send().await.expect("200");
    assert_eq!((bot.username.as_deref(), bot.request_id()), (Some("bot_one"), Some("req-t")));

    match client.get_bot().network_id("1").bot_id("7").send().await {
        Err(SdkError::Service(GetBotError::ResourceNotFoundError(e))) => {
            assert_eq!((e.message.as_deref(), e.status().as_u16()), (Some("no such bot"), 404));
        }
        other => panic!("expected ResourceNotFoundError, got {other:?}"),
    }

    let groups = client.list_security_groups().network_id("1").max_results(5).send().await.expect("200");
    assert_eq!(groups.security_groups, Some(Vec::new()));

    // Nothing matches: a transport error naming the request, sent once (not retried).
    let err = client.get_network().network_id("9").send().await.expect_err("no route");
    let SdkError::Transport(e) = &err else { panic!("{err:?}") };
    assert!(e.to_string().contains("no route for GET /networks/9"), "{e}");
    assert_eq!(e.attempts(), 1);

    let sent = transport.requests();
    assert_eq!(sent.len(), 4);
    assert_eq!(sent[2].path(), "/networks/1/security-groups");
    assert_eq!(sent[2].query_pairs(), [("maxResults".to_owned(), "5".to_owned())]);
    assert_eq!(sent[2].uri().host(), Some("admin.wickr.us-east-1.amazonaws.com"));
    assert!(sent.iter().all(|r| r.header("authorization").is_some_and(|a| a.starts_with("AWS4-HMAC-SHA256 "))));

    // A body, and a closure that answers from it.
    let transport = TestTransport::new().on_fn(http::Method::POST, "/networks/1/bots", |request| {
        let username = request.json().and_then(|b| b["username"].as_str().map(str::to_owned)).unwrap_or_default();
        TestResponse::json(200, &json!({"botId": "9", "networkId": "1", "username": username, "groupId": "sg-1", "message": "created"}).to_string())
    });
    let client = wickr::Client::builder().region("us-east-1").credentials(credentials()).transport(transport.clone()).build().expect("valid");
    let created = client.create_bot().network_id("1").username("opsbot").group_id("sg-1").challenge("pw").send().await.expect("200");
    assert_eq!(created.username.as_deref(), Some("opsbot"));
    let sent = transport.last_request().expect("recorded");
    assert_eq!(sent.json(), Some(json!({"username": "opsbot", "groupId": "sg-1", "challenge": "pw"})));
    assert_eq!(sent.header("content-type"), Some("application/json"));
    // Its `Debug` keeps the signature and the body's text out.
    let shown = format!("{transport:?} {sent:?}");
    assert!(!shown.contains("Signature=") && !shown.contains("\"pw\""), "{shown}");
}
