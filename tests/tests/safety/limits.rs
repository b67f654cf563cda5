//! Time and size limits: a server that never answers, drips, sends without end or announces
//! 2 GiB costs a bounded wait and bounded memory, with a typed error that says what happened.

use std::time::{Duration, Instant};

use commvault::SdkError;
use sdkgen_tests::raw::{Misbehaviour, RawServer};
use sdkgen_tests::{Reply, TestServer};

use crate::{bounded, commvault, wickr};

#[tokio::test]
async fn a_silent_server_fails_on_the_read_timeout() {
    let server = RawServer::start(Misbehaviour::Silent).await;
    let client = commvault(&server.url()).read_timeout(Duration::from_millis(300)).build().unwrap();
    let started = Instant::now();
    let result = bounded(client.get_user_group_details().user_group_id(17).send()).await;
    let Err(SdkError::Transport(e)) = result else { panic!("expected a timeout, got {result:?}") };
    assert!(e.is_timeout(), "{e}");
    assert!(started.elapsed() < Duration::from_secs(3), "{:?}", started.elapsed());
}

#[tokio::test]
async fn a_drip_is_cut_by_the_attempt_timeout_keeping_the_status() {
    // A byte every 50 ms never trips a read timeout; the attempt's limit ends it.
    let server = RawServer::start(Misbehaviour::Drip(Duration::from_millis(50))).await;
    let client = commvault(&server.url()).timeout(Duration::from_millis(800)).build().unwrap();
    let started = Instant::now();
    let result = bounded(client.get_user_group_details().user_group_id(17).send()).await;
    let Err(SdkError::Transport(e)) = result else { panic!("expected a timeout, got {result:?}") };
    assert!(e.is_timeout(), "{e}");
    assert_eq!(e.status().map(|s| s.as_u16()), Some(200), "{e}");
    assert!(started.elapsed() < Duration::from_secs(3), "{:?}", started.elapsed());
}

#[tokio::test]
async fn the_operation_timeout_counts_the_attempt_it_cut_short() {
    // One attempt in flight when the operation's limit fires: 1, not 0.
    let server = RawServer::start(Misbehaviour::Silent).await;
    let client = wickr(&server.url()).operation_timeout(Duration::from_millis(300)).build().unwrap();
    let result = bounded(client.list_users().network_id("1").send()).await;
    let Err(wickr::SdkError::Transport(e)) = result else { panic!("expected a timeout, got {result:?}") };
    assert!(e.is_timeout(), "{e}");
    assert_eq!((e.attempts(), server.connections()), (1, 1), "{e}");
    assert!(e.to_string().contains("during attempt 1"), "{e}");

    // Retried attempts, each cut by the read timeout, until the operation's limit.
    let server = RawServer::start(Misbehaviour::Silent).await;
    let client = wickr(&server.url())
        .read_timeout(Duration::from_millis(150))
        .retry(wickr::RetryConfig::default().with_max_attempts(20).with_initial_backoff(Duration::from_millis(1)))
        .operation_timeout(Duration::from_millis(700))
        .build()
        .unwrap();
    let result = bounded(client.list_users().network_id("1").send()).await;
    let Err(wickr::SdkError::Transport(e)) = result else { panic!("expected a timeout, got {result:?}") };
    assert!(e.attempts() >= 2, "{e}");
    // Every attempt counted reached the server (one may still be connecting as the limit fires).
    assert!(server.connections().abs_diff(e.attempts() as usize) <= 1, "{e}: {} connections", server.connections());
}

#[tokio::test]
async fn an_endless_body_stops_at_the_default_limit() {
    let server = RawServer::start(Misbehaviour::Endless).await;
    let client = commvault(&server.url()).build().unwrap();
    let result = bounded(client.get_user_group_details().user_group_id(17).send()).await;
    let Err(SdkError::Transport(e)) = result else { panic!("expected too large, got {result:?}") };
    assert!(e.is_too_large(), "{e}");
    let (limit, received) = e.size_limit().unwrap();
    assert_eq!(limit, sdkgen_runtime::limits::MAX_RESPONSE_BYTES);
    assert!(received > limit && received <= limit + 64 * 1024, "{received}");
    assert!(e.to_string().contains("limit of 33554432 bytes"), "{e}");
    assert_eq!(e.status().map(|s| s.as_u16()), Some(200));
    // Reading stopped: the server could not push much more than the limit (socket buffers).
    tokio::time::sleep(Duration::from_millis(100)).await;
    assert!(server.bytes_sent() < 2 * limit, "{}", server.bytes_sent());
}

#[tokio::test]
async fn a_configured_limit_and_a_huge_content_length() {
    let server = RawServer::start(Misbehaviour::Endless).await;
    let client = commvault(&server.url()).max_response_bytes(100_000).build().unwrap();
    let result = bounded(client.get_user_group_details().user_group_id(17).send()).await;
    let Err(SdkError::Transport(e)) = result else { panic!("expected too large, got {result:?}") };
    assert!(e.size_limit().is_some_and(|(limit, got)| limit == 100_000 && got <= 100_000 + 64 * 1024), "{e}");

    // 2 GiB announced: refused before reading, with the default limit.
    let server = RawServer::start(Misbehaviour::HugeLength(2 << 30)).await;
    let client = wickr(&server.url()).build().unwrap();
    let result = bounded(client.list_users().network_id("1").send()).await;
    let Err(wickr::SdkError::Transport(e)) = result else { panic!("expected too large, got {result:?}") };
    assert!(e.is_too_large(), "{e}");
    assert!(e.to_string().contains("content-length 2147483648"), "{e}");
    assert_eq!(e.size_limit(), Some((sdkgen_runtime::limits::MAX_RESPONSE_BYTES, 0)));
}

#[tokio::test]
async fn a_connection_cut_after_the_head_keeps_status_and_headers() {
    let headers = vec![("x-amzn-requestid".to_owned(), "req-cut".to_owned()), ("retry-after".to_owned(), "7".to_owned())];
    let server = RawServer::start(Misbehaviour::CutAfterHead(404, headers)).await;
    let client = wickr(&server.url()).build().unwrap();
    let result = bounded(client.list_users().network_id("1").send()).await;
    let Err(wickr::SdkError::Transport(e)) = result else { panic!("expected a cut body, got {result:?}") };
    assert_eq!(e.status().map(|s| s.as_u16()), Some(404), "{e}");
    let headers = e.headers().unwrap();
    assert_eq!((headers["x-amzn-requestid"].to_str().unwrap(), headers["retry-after"].to_str().unwrap()), ("req-cut", "7"));
}

#[tokio::test]
async fn a_decode_error_keeps_a_bounded_body() {
    // 300 KiB of a body that does not match: the error keeps its first 64 KiB and its length.
    let body = format!(r#"{{"securityGroup": {{"id": 5, "pad": "{}"}}}}"#, "x".repeat(300 * 1024));
    let server = TestServer::start(vec![Reply::json(200, &body)]).await;
    let client = wickr(&server.url()).build().unwrap();
    let result = bounded(client.get_security_group().network_id("1").group_id("sg-1").send()).await;
    let Err(wickr::SdkError::Decode(e)) = result else { panic!("expected a decode error, got {result:?}") };
    assert_eq!(e.response().body().len(), sdkgen_runtime::limits::RETAINED_ERROR_BODY);
    assert_eq!(e.response().body_len(), body.len() as u64);
    assert!(e.response().is_truncated());
}
