//! Credentials from the standard environment variables, when the builder is given none.
//! A test binary of its own: it sets process-wide variables, which no other test may see.

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
    let client = wickr::Client::builder().base_url(server.url()).build().unwrap();
    match client.get_security_group().network_id("12345678").group_id("sg-1").send().await {
        Err(wickr::Error::Construction(e)) => assert!(e.message().contains("AWS_ACCESS_KEY_ID"), "{e}"),
        other => panic!("expected a construction error, got {other:?}"),
    }
    assert_eq!(server.received().len(), 1, "nothing more was sent");
}
