//! `send_with_response()` against a real server on 127.0.0.1: the output with the status,
//! the headers and the request id of the response it came in; and `send()`'s AWS outputs
//! carrying the request id (`request_id()`), as the AWS SDKs' outputs do.

use std::time::Duration;

use sdkgen_tests::{Reply, TestServer};

fn wickr(server: &TestServer) -> wickr::Client {
    wickr::Client::builder().region("us-east-1")
        .base_url(server.url())
        .credentials(wickr::Credentials::new("AKIDEXAMPLE", sdkgen_tests::fixtures::SECRET, None))
        .timeout(Duration::from_secs(10))
        .build()
        .expect("valid configuration")
}

const BOT: &str = r#"{"botId": "42", "networkId": "12345678", "username": "bot_one"}"#;

#[tokio::test]
async fn wickr_send_with_response_keeps_status_headers_and_request_id() {
    let reply = Reply::json(201, BOT).header("x-amzn-requestid", "req-0042").header("x-extra", "yes");
    let server = TestServer::start(vec![reply]).await;
    let response = wickr(&server)
        .get_bot()
        .network_id("12345678")
        .bot_id("42")
        .send_with_response()
        .await
        .expect("a 2xx");
    assert_eq!(response.status().as_u16(), 201);
    assert_eq!(response.header("x-extra"), Some("yes"));
    assert_eq!(response.headers()["content-type"], "application/json");
    assert_eq!(response.request_id(), Some("req-0042"));
    // The output reads through the response, and carries the request id itself too.
    assert_eq!(response.bot_id.as_deref(), Some("42"));
    assert_eq!(response.body().request_id(), Some("req-0042"));
    let (status, headers, bot) = response.into_parts();
    assert_eq!((status.as_u16(), headers.contains_key("x-extra")), (201, true));
    assert_eq!((bot.username.as_deref(), bot.request_id()), (Some("bot_one"), Some("req-0042")));
}

#[tokio::test]
async fn wickr_send_returns_the_output_with_its_request_id() {
    let server = TestServer::start(vec![Reply::json(200, BOT).header("x-amzn-requestid", "req-7")]).await;
    let bot = wickr(&server).get_bot().network_id("12345678").bot_id("42").send().await.expect("200");
    assert_eq!((bot.bot_id.as_deref(), bot.request_id()), (Some("42"), Some("req-7")));
    // Without the header there is none (never an empty string).
    let server = TestServer::start(vec![Reply::json(200, BOT)]).await;
    let bot = wickr(&server).get_bot().network_id("12345678").bot_id("42").send().await.expect("200");
    assert_eq!(bot.request_id(), None);
}

/// A body that does not match stays a decode error on both methods.
#[tokio::test]
async fn wickr_send_with_response_decode_errors_keep_the_response() {
    let server = TestServer::start(vec![Reply::json(200, r#"{"username": 5}"#).header("x-amzn-requestid", "req-9")]).await;
    let err = wickr(&server).get_bot().network_id("12345678").bot_id("42").send_with_response().await.expect_err("mismatch");
    match err {
        wickr::SdkError::Decode(e) => assert_eq!(e.response().request_id(), Some("req-9")),
        other => panic!("expected a decode error, got {other:?}"),
    }
}

/// A non-AWS API: the request id is the common `x-request-id` header, read from the response
/// (its types get no member for it).
#[tokio::test]
async fn commvault_send_with_response_reads_x_request_id() {
    let body = r#"{"id": "17", "name": "Tenant Admins"}"#;
    let server = TestServer::start(vec![Reply::json(200, body).header("x-request-id", "cv-1")]).await;
    let client = commvault::Client::builder().server_url(server.url()).token("QSDK 3f2a").build().expect("valid");
    let response = client
        .get_user_group_details()
        .user_group_id(17)
        .send_with_response()
        .await
        .expect("200");
    assert_eq!((response.status().as_u16(), response.request_id()), (200, Some("cv-1")));
    assert_eq!(response.name.as_deref(), Some("Tenant Admins"));
}
