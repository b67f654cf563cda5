//! End-to-end, Wickr: credentials from the standard environment variables, when the builder is
//! given none, against a real HTTP server on 127.0.0.1.
//!
//! A test binary of its own, not a module of `e2e/`: it sets and removes process-wide variables
//! (`AWS_ACCESS_KEY_ID`, ...), which no other test may see. In the `e2e` binary its tests run
//! on other threads of the same process at the same time: a Wickr client built there without
//! credentials would pick these up (or lose them halfway), and `set_var` while another thread
//! reads the environment (the C library does, e.g. in name resolution) is a data race, which is
//! why Rust 2024 makes `set_var` unsafe.

use std::time::Duration;

use sdkgen_tests::{verify_sigv4, Reply, TestServer};

#[tokio::test]
async fn reads_aws_credentials_from_the_environment() {
    let body = r#"{"securityGroup": {"activeMembers": 1, "botMembers": 0, "id": "sg-1", "isDefault": true, "name": "n", "modified": 0, "securityGroupSettings": {}}}"#;
    let server = TestServer::start(vec![Reply::json(200, body)]).await;
    std::env::set_var("AWS_ACCESS_KEY_ID", "AKIDFROMENV");
    std::env::set_var("AWS_SECRET_ACCESS_KEY", "secret-from-env");
    std::env::set_var("AWS_SESSION_TOKEN", "token-from-env");
    let client = wickr::Client::builder()
        .base_url(server.url())
        .region("eu-central-1")
        .timeout(Duration::from_secs(10))
        .build()
        .unwrap();
    client.get_security_group().network_id("12345678").group_id("sg-1").send().await.expect("200");
    let request = &server.received()[0];
    assert!(request.header("authorization").unwrap().contains("Credential=AKIDFROMENV/"));
    assert_eq!(request.header("x-amz-security-token"), Some("token-from-env"));
    assert_eq!(verify_sigv4(request, "secret-from-env"), Ok("eu-central-1/wickr".to_owned()));

    // Without them, nothing is sent and the error says what to set.
    std::env::remove_var("AWS_ACCESS_KEY_ID");
    let client = wickr::Client::builder().region("us-east-1").base_url(server.url()).build().unwrap();
    match client.get_security_group().network_id("12345678").group_id("sg-1").send().await {
        Err(wickr::SdkError::Construction(e)) => assert!(e.message().contains("AWS_ACCESS_KEY_ID"), "{e}"),
        other => panic!("expected a construction error, got {other:?}"),
    }
    assert_eq!(server.received().len(), 1, "nothing more was sent");
}
