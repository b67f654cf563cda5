//! What users of aws-sdk-rust expect of errors, against a real server on 127.0.0.1: each
//! layer displays its own part once and chains through `source()` (so an `anyhow` report
//! shows every message exactly once), `is_*`, `code()`, `message()`, `meta()` (status,
//! headers, request id, attempts after retries), and the crate-level `Error` that `?`
//! converts the errors of different operations into.


use sdkgen_tests::{Reply, TestServer};
use wickr::errors::{GetSecurityGroupError, GetUserError};
use wickr::{DisplayErrorContext, ProvideErrorMeta, SdkError};


fn client(server: &TestServer) -> wickr::Client {
    super::wickr_client(server, super::fast_retries())
}

async fn get_group(server: &TestServer) -> Result<(), SdkError<GetSecurityGroupError>> {
    client(server).get_security_group().network_id("1").group_id("sg-1").send().await.map(drop)
}

fn not_found(message: &str) -> Reply {
    Reply::json(404, &format!(r#"{{"message": "{message}"}}"#))
        .header("x-amzn-errortype", "ResourceNotFoundError:http://internal.amazon.com/coral/com.amazon.wickr/")
        .header("x-amzn-requestid", "req-404")
}

#[tokio::test]
async fn each_layer_displays_its_own_part_once() {
    let server = TestServer::start(vec![not_found("group sg-1 not found")]).await;
    let e = get_group(&server).await.expect_err("404");
    // Each layer on its own.
    assert_eq!(e.to_string(), "service error");
    let op = e.as_service_error().expect("a service error");
    assert_eq!(op.to_string(), "ResourceNotFoundError (404)");
    let body = std::error::Error::source(op).expect("the body is the next layer");
    assert_eq!(body.to_string(), "group sg-1 not found");
    assert!(body.source().is_none());
    // The whole chain, each message exactly once: anyhow's `{:#}` and the runtime's helper.
    let expected = "service error: ResourceNotFoundError (404): group sg-1 not found";
    assert_eq!(DisplayErrorContext(&e).to_string(), expected);
    let report = format!("{:#}", anyhow::Error::from(e));
    assert_eq!(report, expected);
    assert_eq!(report.matches("not found").count(), 1, "{report}");
}

#[tokio::test]
async fn an_undocumented_response_names_status_code_and_request_id_not_its_body() {
    let reply = Reply::json(418, r#"{"message": "short and stout"}"#)
        .header("x-amzn-errortype", "TeapotException")
        .header("x-amzn-requestid", "req-418");
    let server = TestServer::start(vec![reply]).await;
    let e = get_group(&server).await.expect_err("418");
    let report = format!("{:#}", anyhow::Error::from(e));
    assert!(report.starts_with("service error: undocumented error response (status 418"), "{report}");
    assert!(report.contains("request id req-418") && report.contains("code TeapotException"), "{report}");
    assert!(!report.contains("short and stout"), "an unparsed body is not displayed: {report}");
    // Asked for, its message is there.
    let e = get_group(&TestServer::start(vec![Reply::json(418, r#"{"message": "short and stout"}"#)]).await)
        .await
        .expect_err("418");
    assert_eq!(e.message(), Some("short and stout"));
    assert!(e.as_service_error().is_some_and(|op| !op.is_resource_not_found_error()));
}

#[tokio::test]
async fn is_code_message_and_meta_on_the_operation_error_and_on_sdk_error() {
    let server = TestServer::start(vec![not_found("gone")]).await;
    let e = get_group(&server).await.expect_err("404");
    // On `SdkError<_>`, without importing anything.
    assert_eq!(e.code(), Some("ResourceNotFoundError"));
    assert_eq!(e.message(), Some("gone"));
    let meta = e.meta();
    assert_eq!(meta.status().map(|s| s.as_u16()), Some(404));
    assert_eq!(meta.request_id(), Some("req-404"));
    assert_eq!(meta.headers().and_then(|h| h.get("x-amzn-requestid")).map(|v| v.as_bytes()), Some(&b"req-404"[..]));
    assert_eq!(meta.attempts(), 1);
    assert_eq!(meta.name(), Some("ResourceNotFoundError"));
    // On the operation's error (`ProvideErrorMeta`), for typed and unknown variants alike.
    let op = e.into_service_error().expect("service");
    assert!(op.is_resource_not_found_error());
    assert!(!op.is_validation_error() && !op.is_internal_server_error());
    assert_eq!((op.code(), op.message()), (Some("ResourceNotFoundError"), Some("gone")));
    let unknown = GetSecurityGroupError::Unknown(wickr::RawResponse::new(
        sdkgen_runtime::http::StatusCode::IM_A_TEAPOT,
        Default::default(),
        sdkgen_runtime::bytes::Bytes::from_static(br#"{"__type": "a.b#Teapot", "Message": "m"}"#),
    ));
    assert_eq!((unknown.code(), unknown.message()), (Some("Teapot"), Some("m")));
    assert_eq!(unknown.meta().status().map(|s| s.as_u16()), Some(418));
    assert_eq!(unknown.meta().name(), None);
}

#[tokio::test]
async fn meta_counts_the_attempts_of_a_retried_error() {
    let busy = || Reply::json(500, r#"{"message": "busy"}"#).header("x-amzn-errortype", "InternalServerError");
    let server = TestServer::start(vec![busy(), busy(), busy()]).await;
    let e = get_group(&server).await.expect_err("500 three times");
    assert_eq!(server.received().len(), 3);
    assert_eq!(e.meta().attempts(), 3);
    assert!(e.as_service_error().is_some_and(GetSecurityGroupError::is_internal_server_error));

    let throttled = Reply::json(429, r#"{"message": "slow down"}"#).header("x-amzn-errortype", "RateLimitError");
    let server = TestServer::start(vec![throttled, not_found("then gone")]).await;
    let e = get_group(&server).await.expect_err("429 then 404");
    assert_eq!(e.meta().attempts(), 2);
    assert_eq!(e.message(), Some("then gone"));

    // Nothing sent: no attempt, no status.
    let no_group = client(&server).get_security_group().network_id("1").send().await.expect_err("group_id missing");
    assert_eq!((no_group.meta().attempts(), no_group.meta().status()), (0, None));
    assert_eq!(DisplayErrorContext(&no_group).to_string(), "request not sent: required parameter `group_id` is not set");
}

/// Two different operations, one error type, one `?` each.
async fn group_then_user(client: &wickr::Client) -> Result<String, wickr::Error> {
    let group = client.get_security_group().network_id("1").group_id("sg-1").send().await?;
    let user = client.get_user().network_id("1").user_id(group.security_group.id.as_str()).send().await?;
    Ok(format!("{user:?}"))
}

#[tokio::test]
async fn the_crate_level_error_takes_the_errors_of_every_operation() {
    let group = r#"{"securityGroup": {"activeMembers": 1, "botMembers": 0, "id": "sg-1", "isDefault": false, "name": "n", "modified": 1, "securityGroupSettings": {}}}"#;
    let server = TestServer::start(vec![Reply::json(200, group), not_found("no user sg-1")]).await;
    let e = group_then_user(&client(&server)).await.expect_err("the second call fails");
    assert!(e.is_resource_not_found_error(), "{e:?}");
    assert!(matches!(&e, wickr::Error::ResourceNotFoundError(body) if body.message.as_deref() == Some("no user sg-1")));
    assert_eq!(e.to_string(), "ResourceNotFoundError (404)");
    assert_eq!(format!("{:#}", anyhow::Error::from(e)), "ResourceNotFoundError (404): no user sg-1");

    // The first call failing, with an error the crate-level enum has no variant for.
    let server = TestServer::start(vec![Reply::json(418, "")]).await;
    let e = group_then_user(&client(&server)).await.expect_err("the first call fails");
    let wickr::Error::Unhandled(unhandled) = &e else { panic!("{e:?}") };
    assert_eq!(unhandled.raw_response().map(|r| r.status().as_u16()), Some(418));
    assert_eq!(e.meta().status().map(|s| s.as_u16()), Some(418));

    // Not an error response: the SdkError is kept whole, and displays as before.
    let e: wickr::Error = client(&server).get_user().network_id("1").send().await.expect_err("user_id missing").into();
    assert!(matches!(&e, wickr::Error::Unhandled(u) if u.as_sdk_error().is_some()));
    assert_eq!(format!("{:#}", anyhow::Error::from(e)), "request not sent: required parameter `user_id` is not set");

    // `?` from an operation's own error, too.
    let op: Result<(), GetUserError> = Err(GetUserError::Unknown(wickr::RawResponse::new(
        sdkgen_runtime::http::StatusCode::GONE,
        Default::default(),
        Default::default(),
    )));
    let converted: Result<(), wickr::Error> = op.map_err(Into::into);
    assert_eq!(converted.unwrap_err().meta().status().map(|s| s.as_u16()), Some(410));
}

#[tokio::test]
async fn commvault_errors_without_a_body_schema_keep_their_name_in_the_crate_level_error() {
    async fn details(url: &str) -> Result<(), commvault::Error> {
        let client = commvault::Client::builder().server_url(url).token("t").build().expect("client");
        client.get_user_group_details().user_group_id(17).send().await?;
        Ok(())
    }
    let reply = Reply::json(404, r#"{"errorCode": 2, "errorMessage": "no such group"}"#).header("x-request-id", "cv-1");
    let server = TestServer::start(vec![reply]).await;
    let e = details(&server.url()).await.expect_err("404");
    assert_eq!(e.to_string(), "NotFound (404)");
    assert_eq!((e.message(), e.meta().request_id()), (Some("no such group"), Some("cv-1")));
}
