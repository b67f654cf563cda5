//! The generated Wickr client against a real HTTP server on 127.0.0.1: every documented
//! field parsed, every documented error mapped to its variant (by error code and, where the
//! response names none, by status), requests SigV4-signed so that a verifier recomputing the
//! signature with the real signing crate accepts them.

use std::time::{Duration, SystemTime};

use sdkgen_tests::{verify_sigv4, Reply, TestServer};
use wickr::errors::GetSecurityGroupError;
use wickr::{Credentials, SdkError, RetryConfig};

use sdkgen_tests::fixtures::SECRET;

/// The body of fixture case 01 (what the official SDK was served): every field set.
const FULL_BODY: &str = r#"{"securityGroup": {"activeMembers": 42, "botMembers": 3, "activeDirectoryGuid": "0f8fad5b-d9cb-469f-a165-70867728950e", "id": "sg-1", "isDefault": false, "name": "Engineering \u00e9\u00e8 \"quoted\"", "modified": 1767225600, "securityGroupSettings": {"alwaysReauthenticate": true, "atakPackageValues": ["com.atakmap.plugin.one", "com.atakmap.plugin.two"], "calling": {"canStart11Call": true, "canVideoCall": false, "forceTcpCall": true}, "checkForUpdates": true, "enableAtak": false, "enableCrashReports": true, "enableFileDownload": true, "enableGuestFederation": false, "enableNotificationPreview": true, "enableOpenAccessOption": false, "enableRestrictedGlobalFederation": true, "filesEnabled": true, "forceDeviceLockout": 5, "forceOpenAccess": false, "forceReadReceipts": true, "globalFederation": true, "isAtoEnabled": false, "isLinkPreviewEnabled": true, "locationAllowMaps": true, "locationEnabled": false, "maxAutoDownloadSize": 5368709120, "maxBor": 7, "maxTtl": 31536000, "messageForwardingEnabled": true, "passwordRequirements": {"lowercase": 1, "minLength": 12, "numbers": 2, "symbols": 1, "uppercase": 1}, "presenceEnabled": true, "quickResponses": ["On my way", "Call me"], "showMasterRecoveryKey": false, "shredder": {"canProcessManually": true, "intensity": 50}, "ssoMaxIdleMinutes": 30, "maxNonSsoSessionMinutes": 1440, "federationMode": 2, "lockoutThreshold": 10, "permittedNetworks": ["12345678", "87654321"], "permittedWickrAwsNetworks": [{"region": "us-east-1", "networkId": "11112222"}], "permittedWickrEnterpriseNetworks": [{"domain": "example.com", "networkId": "33334444"}]}}}"#;

fn client(server: &TestServer) -> wickr::Client {
    super::wickr_client(server, super::fast_retries())
}

/// The default policy (3 attempts) with millisecond backoff, so tests do not wait seconds.
async fn get(server: &TestServer, group: &str) -> Result<wickr::types::GetSecurityGroupResponse, SdkError<GetSecurityGroupError>> {
    client(server)
        .get_security_group()
        .network_id("12345678")
        .group_id(group)
        .send()
        .await
}

/// The error a reply is classified as.
async fn error_for(reply: Reply) -> (GetSecurityGroupError, usize) {
    let server = TestServer::start(vec![reply]).await;
    let err = get(&server, "sg-1").await.expect_err("an error status");
    match err {
        SdkError::Service(e) => (e, server.received().len()),
        other => panic!("expected a service error, got {other:?}"),
    }
}

#[tokio::test]
async fn parses_every_field_of_a_security_group() {
    let server = TestServer::start(vec![Reply::json(200, FULL_BODY).header("x-amzn-requestid", "req-0001")]).await;
    let out = get(&server, "sg-1").await.expect("200");
    let g = out.security_group;
    assert_eq!((g.active_members, g.bot_members), (42, 3));
    assert_eq!(g.active_directory_guid.as_deref(), Some("0f8fad5b-d9cb-469f-a165-70867728950e"));
    assert_eq!((g.id.as_str(), g.is_default), ("sg-1", false));
    assert_eq!(g.name, "Engineering éè \"quoted\"");
    assert_eq!(g.modified, 1_767_225_600);
    let s = g.security_group_settings;
    assert_eq!(s.always_reauthenticate, Some(true));
    assert_eq!(
        s.atak_package_values.as_deref(),
        Some(&["com.atakmap.plugin.one".to_owned(), "com.atakmap.plugin.two".to_owned()][..])
    );
    let calling = s.calling.expect("calling");
    assert_eq!(
        (calling.can_start11_call, calling.can_video_call, calling.force_tcp_call),
        (Some(true), Some(false), Some(true))
    );
    assert_eq!(s.check_for_updates, Some(true));
    assert_eq!(s.enable_atak, Some(false));
    assert_eq!(s.enable_crash_reports, Some(true));
    assert_eq!(s.enable_file_download, Some(true));
    assert_eq!(s.enable_guest_federation, Some(false));
    assert_eq!(s.enable_notification_preview, Some(true));
    assert_eq!(s.enable_open_access_option, Some(false));
    assert_eq!(s.enable_restricted_global_federation, Some(true));
    assert_eq!(s.files_enabled, Some(true));
    assert_eq!(s.force_device_lockout, Some(5));
    assert_eq!(s.force_open_access, Some(false));
    assert_eq!(s.force_read_receipts, Some(true));
    assert_eq!(s.global_federation, Some(true));
    assert_eq!(s.is_ato_enabled, Some(false));
    assert_eq!(s.is_link_preview_enabled, Some(true));
    assert_eq!(s.location_allow_maps, Some(true));
    assert_eq!(s.location_enabled, Some(false));
    // Larger than i32: the model's Long is an i64.
    assert_eq!(s.max_auto_download_size.map(|v| v.value()), Some(5_368_709_120));
    assert_eq!(s.max_bor, Some(7));
    assert_eq!(s.max_ttl, Some(31_536_000));
    assert_eq!(s.message_forwarding_enabled, Some(true));
    let p = s.password_requirements.expect("password requirements");
    assert_eq!(
        (p.lowercase, p.min_length, p.numbers, p.symbols, p.uppercase),
        (Some(1), Some(12), Some(2), Some(1), Some(1))
    );
    assert_eq!(s.presence_enabled, Some(true));
    assert_eq!(s.quick_responses, Some(vec!["On my way".to_owned(), "Call me".to_owned()]));
    assert_eq!(s.show_master_recovery_key, Some(false));
    let shredder = s.shredder.expect("shredder");
    // 50 is not one of the documented intensities; a plain integer keeps it rather than
    // failing the whole response.
    assert_eq!((shredder.can_process_manually, shredder.intensity.map(|i| i.value())), (Some(true), Some(50)));
    assert_eq!(s.sso_max_idle_minutes, Some(30));
    assert_eq!(s.max_non_sso_session_minutes, Some(1440));
    assert_eq!(s.federation_mode, Some(wickr::types::SecurityGroupSettingsFederationMode::V2));
    assert_eq!(s.lockout_threshold, Some(10));
    assert_eq!(s.permitted_networks, Some(vec!["12345678".to_owned(), "87654321".to_owned()]));
    let aws = s.permitted_wickr_aws_networks.expect("aws networks");
    assert_eq!((aws[0].region.as_str(), aws[0].network_id.as_str()), ("us-east-1", "11112222"));
    let enterprise = s.permitted_wickr_enterprise_networks.expect("enterprise networks");
    assert_eq!(
        (enterprise[0].domain.as_str(), enterprise[0].network_id.as_str()),
        ("example.com", "33334444")
    );
}

#[tokio::test]
async fn sends_a_sigv4_signed_get_that_verifies() {
    let server = TestServer::start(vec![Reply::json(200, FULL_BODY)]).await;
    get(&server, "sg-1").await.expect("200");
    let [request] = &server.received()[..] else {
        panic!("expected exactly one request");
    };
    assert_eq!(request.method, "GET");
    assert_eq!(request.target, "/networks/12345678/security-groups/sg-1");
    assert!(request.body.is_empty());
    assert_eq!(verify_sigv4(request, SECRET), Ok("us-east-1/wickr".to_owned()));
    assert!(request.header("user-agent").is_some_and(|ua| ua.starts_with("wickr/")));
    // A wrong secret must not verify: the check is real.
    assert!(verify_sigv4(request, "not-the-secret").is_err());
}

#[tokio::test]
async fn signs_with_the_configured_region_and_a_fixed_time() {
    let server = TestServer::start(vec![Reply::json(200, FULL_BODY)]).await;
    wickr::Client::builder()
        .base_url(server.url())
        .region("eu-west-2")
        .credentials(Credentials::new("AKIDEXAMPLE", SECRET, Some("session-token".into())))
        .signing_time(SystemTime::UNIX_EPOCH + Duration::from_secs(1_767_225_600))
        .build()
        .unwrap()
        .get_security_group()
        .network_id("12345678")
        .group_id("sg-1")
        .send()
        .await
        .expect("200");
    let request = &server.received()[0];
    assert_eq!(request.header("x-amz-date"), Some("20260101T000000Z"));
    assert_eq!(request.header("x-amz-security-token"), Some("session-token"));
    assert_eq!(verify_sigv4(request, SECRET), Ok("eu-west-2/wickr".to_owned()));
}

#[tokio::test]
async fn encodes_path_parameters_as_single_segments() {
    let server = TestServer::start(vec![Reply::json(200, FULL_BODY)]).await;
    get(&server, "a/b c?").await.expect("200");
    get(&server, "!$&'()*+,;=:@%~-._ é#[]").await.expect("200");
    let received = server.received();
    assert_eq!(received[0].target, "/networks/12345678/security-groups/a%2Fb%20c%3F");
    assert_eq!(
        received[1].target,
        "/networks/12345678/security-groups/%21%24%26%27%28%29%2A%2B%2C%3B%3D%3A%40%25~-._%20%C3%A9%23%5B%5D"
    );
    for request in &received {
        assert_eq!(verify_sigv4(request, SECRET), Ok("us-east-1/wickr".to_owned()));
    }
}

#[tokio::test]
async fn refuses_missing_empty_and_dot_segment_parameters_without_sending() {
    let server = TestServer::start(vec![Reply::json(200, FULL_BODY)]).await;
    let missing = client(&server).get_security_group().network_id("12345678").send().await;
    match missing {
        Err(SdkError::Construction(e)) => assert!(e.message().contains("group_id"), "{e}"),
        other => panic!("expected a construction error, got {other:?}"),
    }
    for bad in ["", ".", ".."] {
        match get(&server, bad).await {
            Err(SdkError::Construction(e)) => assert!(e.message().contains("group_id"), "{e}"),
            other => panic!("{bad:?}: expected a construction error, got {other:?}"),
        }
    }
    assert!(server.received().is_empty(), "nothing may be sent");
}

#[tokio::test]
async fn classifies_every_documented_error_by_its_errortype_header() {
    let cases: [(u16, &str); 7] = [
        (400, "BadRequestError"),
        (401, "UnauthorizedError"),
        (403, "ForbiddenError"),
        (404, "ResourceNotFoundError"),
        (422, "ValidationError"),
        (429, "RateLimitError"),
        (500, "InternalServerError"),
    ];
    for (status, code) in cases {
        let body = format!(r#"{{"message": "m-{code}"}}"#);
        // The header carries a `:`-suffix, as AWS sends it; it is stripped.
        let header = format!("{code}:http://internal.amazon.com/coral/com.amazon.wickr/");
        let (err, _) = error_for(Reply::json(status, &body).header("x-amzn-errortype", &header)).await;
        let expected = format!("m-{code}");
        let message = match &err {
            GetSecurityGroupError::BadRequestError(e) => (400u16, e.message.clone()),
            GetSecurityGroupError::UnauthorizedError(e) => (401, e.message.clone()),
            GetSecurityGroupError::ForbiddenError(e) => (403, e.message.clone()),
            GetSecurityGroupError::ResourceNotFoundError(e) => (404, e.message.clone()),
            GetSecurityGroupError::ValidationError(e) => (422, e.message.clone()),
            GetSecurityGroupError::RateLimitError(e) => (429, e.message.clone()),
            GetSecurityGroupError::InternalServerError(e) => (500, Some(e.message.clone())),
            other => panic!("{code}: unexpected {other:?}"),
        };
        assert_eq!(message, (status, Some(expected)), "{code}");
    }
}

#[tokio::test]
async fn classifies_by_status_when_no_code_is_given() {
    // The official SDK leaves these unclassified (fixture cases 05, 10, 12); the spec
    // documents one error per status, so we match it.
    let (err, _) = error_for(Reply::json(422, r#"{"message": "bad", "reasons": [{"field": "groupId", "reason": "too long"}]}"#)).await;
    let GetSecurityGroupError::ValidationError(v) = err else {
        panic!("expected ValidationError, got {err:?}");
    };
    assert_eq!(v.message.as_deref(), Some("bad"));
    let reasons = v.into_body().reasons.expect("reasons");
    assert_eq!(
        (reasons[0].field.as_deref(), reasons[0].reason.as_deref()),
        (Some("groupId"), Some("too long"))
    );
    let (err, _) = error_for(Reply::json(404, r#"{"message": "no such group"}"#)).await;
    assert!(matches!(&err, GetSecurityGroupError::ResourceNotFoundError(e) if e.message.as_deref() == Some("no such group")), "{err:?}");
    let (err, _) = error_for(Reply::json(429, r#"{"message": "slow down"}"#)).await;
    assert!(matches!(err, GetSecurityGroupError::RateLimitError(_)), "{err:?}");
}

#[tokio::test]
async fn classifies_by_body_code_and_namespaced_type() {
    let (err, _) = error_for(Reply::json(404, r#"{"code": "ResourceNotFoundError", "message": "m"}"#)).await;
    assert!(matches!(err, GetSecurityGroupError::ResourceNotFoundError(_)), "{err:?}");
    let (err, _) = error_for(Reply::json(404, r#"{"__type": "com.amazon.wickr#ResourceNotFoundError", "message": "m"}"#)).await;
    assert!(matches!(err, GetSecurityGroupError::ResourceNotFoundError(_)), "{err:?}");
    // The code wins over the status.
    let (err, _) = error_for(Reply::json(400, "{}").header("x-amzn-errortype", "ValidationError")).await;
    assert!(matches!(err, GetSecurityGroupError::ValidationError(_)), "{err:?}");
}

#[tokio::test]
async fn keeps_unknown_and_unparseable_errors_whole() {
    // An error code this SDK does not know: not guessed from the status (fixture case 26).
    let (err, _) = error_for(
        Reply::json(400, r#"{"message": "new"}"#).header("x-amzn-errortype", "SomethingNewException"),
    )
    .await;
    let GetSecurityGroupError::Unknown(raw) = err else {
        panic!("expected Unknown, got {err:?}");
    };
    assert_eq!(raw.status(), 400);
    assert_eq!(raw.header("x-amzn-errortype"), Some("SomethingNewException"));
    assert_eq!(raw.text(), r#"{"message": "new"}"#);

    // An undocumented status.
    let (err, _) = error_for(Reply::json(418, "teapot")).await;
    assert!(matches!(&err, GetSecurityGroupError::Unknown(r) if r.status() == 418 && r.text() == "teapot"), "{err:?}");

    // A documented status whose body is not the documented JSON.
    let (err, _) = error_for(Reply::json(500, "<html>oops</html>")).await;
    assert!(matches!(&err, GetSecurityGroupError::Unknown(r) if r.text() == "<html>oops</html>"), "{err:?}");
    assert!(err.to_string().contains("status 500"), "{err}");
}

#[tokio::test]
async fn a_success_body_that_breaks_the_spec_is_a_decode_error() {
    let server = TestServer::start(vec![Reply::json(200, r#"{"securityGroup": {"id": "sg-1"}}"#)]).await;
    match get(&server, "sg-1").await {
        Err(SdkError::Decode(e)) => {
            assert_eq!(e.response().status(), 200);
            assert!(e.reason().contains("activeMembers"), "{}", e.reason());
        }
        other => panic!("expected a decode error, got {other:?}"),
    }
    let server = TestServer::start(vec![Reply::json(200, "not json")]).await;
    assert!(matches!(get(&server, "sg-1").await, Err(SdkError::Decode(_))));
}

#[tokio::test]
async fn no_server_is_a_transport_error() {
    let port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    };
    let result = wickr::Client::builder().region("us-east-1")
        .base_url(format!("http://127.0.0.1:{port}"))
        .credentials(Credentials::new("AKIDEXAMPLE", SECRET, None))
        .build()
        .unwrap()
        .get_security_group()
        .network_id("12345678")
        .group_id("sg-1")
        .send()
        .await;
    match result {
        Err(SdkError::Transport(e)) => assert!(e.is_connect(), "{e}"),
        other => panic!("expected a transport error, got {other:?}"),
    }
}

#[test]
fn the_default_endpoint_follows_the_region() {
    // Built, not sent: the region picks the regional endpoint.
    let client = wickr::Client::builder()
        .region("ap-southeast-2")
        .credentials(Credentials::new("AKIDEXAMPLE", SECRET, None))
        .build()
        .unwrap();
    assert!(format!("{client:?}").contains("https://admin.wickr.ap-southeast-2.amazonaws.com"));
    assert!(!format!("{client:?}").contains(SECRET), "credentials must not be printed");
}

#[tokio::test]
async fn retries_throttling_and_server_errors_but_not_client_errors() {
    for (status, attempts) in [(429, 3), (500, 3), (502, 3), (503, 3), (504, 3), (400, 1), (404, 1), (422, 1)] {
        let server = TestServer::start(vec![Reply::json(status, r#"{"message": "m"}"#)]).await;
        let result = get(&server, "sg-1").await;
        assert!(matches!(result, Err(SdkError::Service(_))), "{status}: {result:?}");
        assert_eq!(server.received().len(), attempts, "status {status}");
    }
    // A transient failure followed by success is a success.
    let server = TestServer::start(vec![Reply::json(503, ""), Reply::json(200, FULL_BODY)]).await;
    get(&server, "sg-1").await.expect("the second attempt succeeds");
    let received = server.received();
    assert_eq!(received.len(), 2);
    // Each attempt is signed afresh and verifies.
    assert!(received.iter().all(|r| verify_sigv4(r, SECRET).is_ok()));
}

#[tokio::test]
async fn honours_retry_after() {
    let server = TestServer::start(vec![
        Reply::json(429, r#"{"message": "slow down"}"#).header("retry-after", "1"),
        Reply::json(200, FULL_BODY),
    ])
    .await;
    let started = std::time::Instant::now();
    get(&server, "sg-1").await.expect("200 after waiting");
    // The backoff alone would be about a millisecond; the server asked for a second.
    assert!(started.elapsed() >= Duration::from_secs(1), "{:?}", started.elapsed());
    assert_eq!(server.received().len(), 2);
}

#[tokio::test]
async fn retries_can_be_turned_off() {
    let server = TestServer::start(vec![Reply::json(500, r#"{"message": "boom"}"#)]).await;
    let result = wickr::Client::builder().region("us-east-1")
        .base_url(server.url())
        .credentials(Credentials::new("AKIDEXAMPLE", SECRET, None))
        .retry(RetryConfig::disabled())
        .build()
        .unwrap()
        .get_security_group()
        .network_id("12345678")
        .group_id("sg-1")
        .send()
        .await;
    assert!(matches!(result, Err(SdkError::Service(GetSecurityGroupError::InternalServerError(_)))), "{result:?}");
    assert_eq!(server.received().len(), 1);
}

#[tokio::test]
async fn attempt_and_operation_time_limits() {
    // A server that accepts connections and never answers.
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let held = tokio::spawn(async move {
        let mut open = Vec::new();
        while let Ok((stream, _)) = listener.accept().await {
            open.push(stream);
        }
    });
    let builder = || {
        wickr::Client::builder().region("us-east-1")
            .base_url(url.clone())
            .credentials(Credentials::new("AKIDEXAMPLE", SECRET, None))
            .timeout(Duration::from_millis(100))
            .retry(super::fast_retries())
    };
    // Each attempt times out; all three are made.
    let result = builder().build().unwrap().get_security_group().network_id("1").group_id("g").send().await;
    match result {
        Err(SdkError::Transport(e)) => assert!(e.is_timeout() && e.attempts() == 3, "{e}"),
        other => panic!("expected a timeout, got {other:?}"),
    }
    // The operation limit cuts the attempts short.
    let result = builder()
        .operation_timeout(Duration::from_millis(150))
        .build()
        .unwrap()
        .get_security_group()
        .network_id("1")
        .group_id("g")
        .send()
        .await;
    match result {
        Err(SdkError::Transport(e)) => assert!(e.is_timeout() && e.to_string().contains("150ms"), "{e}"),
        other => panic!("expected the operation timeout, got {other:?}"),
    }
    held.abort();
}

#[tokio::test]
async fn errors_carry_the_request_id() {
    let reply = Reply::json(404, r#"{"message": "gone"}"#)
        .header("x-amzn-errortype", "ResourceNotFoundError")
        .header("x-amzn-requestid", "req-err-0001");
    let (err, _) = error_for(reply).await;
    let GetSecurityGroupError::ResourceNotFoundError(e) = err else {
        panic!("expected ResourceNotFoundError, got {err:?}");
    };
    assert_eq!((e.message.as_deref(), e.request_id.as_deref()), (Some("gone"), Some("req-err-0001")));
    // The request id is not part of the body: it is not written back.
    assert_eq!(serde_json::to_value(&*e).unwrap(), serde_json::json!({"message": "gone"}));

    let (err, _) = error_for(Reply::json(418, "").header("x-amzn-requestid", "req-x")).await;
    assert!(matches!(&err, GetSecurityGroupError::Unknown(raw) if raw.request_id() == Some("req-x")), "{err:?}");
}
