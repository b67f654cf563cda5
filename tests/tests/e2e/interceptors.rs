//! Interceptors (`ClientBuilder::interceptor`) on the wire: a header added before each
//! attempt arrives and is covered by the SigV4 signature; the hooks see each attempt, each
//! response's status and each retry decision; an interceptor can stop retrying.

use std::sync::{Arc, Mutex};

use sdkgen_tests::fixtures::SECRET;
use sdkgen_tests::{verify_sigv4, Reply, TestServer};
use wickr::interceptor::{AfterResponse, BeforeAttempt, Interceptor, OnRetry, RetryDecision, RetryReason};
use wickr::SdkError;

const GROUP: &str = r#"{"securityGroup": {"activeMembers": 1, "botMembers": 0, "id": "sg-1", "isDefault": false, "name": "n", "modified": 1, "securityGroupSettings": {}}}"#;

/// Adds `x-trace-id` (and tries to forge `authorization`), and writes down everything each
/// hook is shown.
#[derive(Debug, Default)]
struct Recorder {
    /// Stop every retry the policy decides on.
    stop_retries: bool,
    log: Mutex<Vec<String>>,
}

impl Recorder {
    fn log(&self) -> Vec<String> {
        self.log.lock().expect("lock").clone()
    }
}

impl Interceptor for Recorder {
    fn before_attempt(&self, request: &mut BeforeAttempt<'_>) {
        let op = request.operation();
        let entry = format!(
            "before {} {} {} attempt {} url {} headers {:?}",
            op.name(),
            op.method(),
            op.path_template(),
            request.attempt(),
            request.url(),
            request.headers()
        );
        self.log.lock().expect("lock").push(entry);
        let trace = format!("trace-{}", request.attempt());
        request.headers_mut().insert("x-trace-id", trace.parse().expect("a header value"));
        request.headers_mut().insert("authorization", "forged".parse().expect("a header value"));
    }

    fn after_response(&self, response: &AfterResponse<'_>) {
        let entry = format!("after attempt {} status {}", response.attempt(), response.status().as_u16());
        assert!(response.elapsed() < std::time::Duration::from_secs(10));
        self.log.lock().expect("lock").push(entry);
    }

    fn on_retry(&self, retry: &OnRetry<'_>) -> RetryDecision {
        let reason = match retry.reason() {
            RetryReason::Status(status) => format!("status {}", status.as_u16()),
            RetryReason::Transport(e) => format!("transport timeout={}", e.is_timeout()),
            _ => "other".to_owned(),
        };
        self.log.lock().expect("lock").push(format!("retry after attempt {} ({reason})", retry.attempt()));
        if self.stop_retries { RetryDecision::Stop } else { RetryDecision::Retry }
    }
}

fn client(server: &TestServer, recorder: &Arc<Recorder>) -> wickr::Client {
    wickr::Client::builder().region("us-east-1")
        .base_url(server.url())
        .region("us-east-1")
        .credentials(wickr::Credentials::new("AKIDEXAMPLE", SECRET, Some("SESSION-TOKEN".into())))
        .retry(super::fast_retries())
        .interceptor(Arc::clone(recorder))
        .build()
        .expect("valid configuration")
}

#[tokio::test]
async fn an_interceptor_header_is_sent_and_signed_and_it_sees_no_credential() {
    let server = TestServer::start(vec![Reply::json(200, GROUP)]).await;
    let recorder = Arc::new(Recorder::default());
    client(&server, &recorder)
        .get_security_group()
        .network_id("12345678")
        .group_id("sg-1")
        .send()
        .await
        .expect("200");
    let received = server.received();
    assert_eq!(received.len(), 1);
    let request = &received[0];
    assert_eq!(request.header("x-trace-id"), Some("trace-1"));
    // SigV4 replaced the forged `authorization`, and signed the interceptor's header.
    let authorization = request.header("authorization").expect("signed");
    assert!(authorization.starts_with("AWS4-HMAC-SHA256 "), "{authorization}");
    let signed = authorization.split("SignedHeaders=").nth(1).and_then(|s| s.split(',').next()).expect("SignedHeaders");
    assert!(signed.split(';').any(|h| h == "x-trace-id"), "{signed}");
    assert_eq!(verify_sigv4(request, SECRET), Ok("us-east-1/wickr".to_owned()));
    // A signature over a changed value fails: the header is really covered.
    let mut tampered = request.clone();
    for (name, value) in &mut tampered.headers {
        if name == "x-trace-id" {
            *value = "trace-tampered".into();
        }
    }
    assert!(verify_sigv4(&tampered, SECRET).is_err());

    let log = recorder.log();
    assert_eq!(log.len(), 2, "{log:?}");
    let before = &log[0];
    let expected = format!(
        "before GetSecurityGroup GET /networks/{{networkId}}/security-groups/{{groupId}} attempt 1 url {}/networks/12345678/security-groups/sg-1 headers ",
        server.url()
    );
    assert!(before.starts_with(&expected), "{before}");
    // Before signing: no signature, no session token, no secret.
    for absent in ["authorization", "x-amz-date", "x-amz-security-token", "SESSION-TOKEN", SECRET] {
        assert!(!before.contains(absent), "`{absent}` shown to the interceptor: {before}");
    }
    assert_eq!(log[1], "after attempt 1 status 200");
}

#[tokio::test]
async fn the_hooks_see_each_attempt_each_status_and_each_retry() {
    let server = TestServer::start(vec![Reply::json(503, r#"{"message": "busy"}"#), Reply::json(200, GROUP)]).await;
    let recorder = Arc::new(Recorder::default());
    let response = client(&server, &recorder)
        .get_security_group()
        .network_id("12345678")
        .group_id("sg-1")
        .send_with_response()
        .await
        .expect("the second attempt succeeds");
    assert_eq!(response.status(), 200);
    let received = server.received();
    assert_eq!(received.len(), 2);
    // A header per attempt, each signed with its attempt.
    assert_eq!(received.iter().map(|r| r.header("x-trace-id")).collect::<Vec<_>>(), [Some("trace-1"), Some("trace-2")]);
    assert!(received.iter().all(|r| verify_sigv4(r, SECRET).is_ok()));
    let log: Vec<String> = recorder.log().iter().map(|l| l.split(" url ").next().unwrap_or_default().to_owned()).collect();
    let template = "GetSecurityGroup GET /networks/{networkId}/security-groups/{groupId}";
    assert_eq!(
        log,
        [
            format!("before {template} attempt 1"),
            "after attempt 1 status 503".to_owned(),
            "retry after attempt 1 (status 503)".to_owned(),
            format!("before {template} attempt 2"),
            "after attempt 2 status 200".to_owned(),
        ]
    );
}

#[tokio::test]
async fn an_interceptor_can_stop_retrying() {
    let server = TestServer::start(vec![Reply::json(503, r#"{"message": "busy"}"#), Reply::json(200, GROUP)]).await;
    let recorder = Arc::new(Recorder { stop_retries: true, ..Recorder::default() });
    let result = client(&server, &recorder).get_security_group().network_id("12345678").group_id("sg-1").send().await;
    // The operation ends with the attempt the interceptor did not let be retried.
    let Err(e @ SdkError::Service(_)) = &result else { panic!("expected the 503 as a service error: {result:?}") };
    assert_eq!((e.meta().status().map(|s| s.as_u16()), e.meta().attempts()), (Some(503), 1));
    assert_eq!(server.received().len(), 1);
    let log = recorder.log();
    assert_eq!(log[1..], ["after attempt 1 status 503", "retry after attempt 1 (status 503)"]);
}

/// A metric: requests counted by operation and status, read through the handle the caller
/// kept (the README's example, run).
#[tokio::test]
async fn a_counting_interceptor_counts_every_response() {
    #[derive(Debug, Default)]
    struct Count(Mutex<Vec<(&'static str, u16)>>);
    impl Interceptor for Count {
        fn after_response(&self, response: &AfterResponse<'_>) {
            self.0.lock().expect("lock").push((response.operation().name(), response.status().as_u16()));
        }
    }
    let server = TestServer::start(vec![Reply::json(500, "{}"), Reply::json(200, GROUP), Reply::json(404, "{}")]).await;
    let count = Arc::new(Count::default());
    let client = wickr::Client::builder().region("us-east-1")
        .base_url(server.url())
        .credentials(wickr::Credentials::new("AKIDEXAMPLE", SECRET, None))
        .retry(super::fast_retries())
        .interceptor(Arc::clone(&count))
        .build()
        .expect("valid configuration");
    client.get_security_group().network_id("1").group_id("sg-1").send().await.expect("200 after a 500");
    client.get_security_group().network_id("1").group_id("sg-2").send().await.expect_err("404");
    let counted = count.0.lock().expect("lock").clone();
    assert_eq!(counted, [("GetSecurityGroup", 500), ("GetSecurityGroup", 200), ("GetSecurityGroup", 404)]);
}
