//! End-to-end, Wickr: the region and credentials found as the AWS SDKs find them, against a
//! real HTTP server on 127.0.0.1 that verifies each signature: `AWS_REGION`,
//! `AWS_DEFAULT_REGION`, a profile of a temporary shared config file (named by
//! `AWS_CONFIG_FILE`, or `~/.aws/config` under a temporary `HOME`), the error when there is
//! none; then region, credentials and endpoint from the real `aws-config` crate reading a
//! temporary config and credentials file (`Client::from_conf`), with no network (IMDS off).
//!
//! A test binary of its own, and one test, for the reason `e2e_wickr_credentials_from_env.rs`
//! gives: it changes process-wide variables, which no other test may see or race with.

use std::time::Duration;

use aws_config::BehaviorVersion;
use aws_smithy_runtime_api::client::http::{
    HttpClient, HttpConnector, HttpConnectorFuture, HttpConnectorSettings, SharedHttpConnector,
};
use aws_smithy_runtime_api::client::orchestrator::HttpRequest;
use aws_smithy_runtime_api::client::result::ConnectorError;
use aws_smithy_runtime_api::client::runtime_components::RuntimeComponents;
use sdkgen_tests::{verify_sigv4, Reply, TempDir, TestServer};

/// aws-config's HTTP client for this test: it refuses every request, so a provider that would
/// reach the network (IMDS, SSO, STS) fails instead, and the test proves none was needed. The
/// SDKs' default client (hyper with TLS) would also cost the test build a TLS stack.
#[derive(Debug)]
struct NoNetwork;

impl HttpConnector for NoNetwork {
    fn call(&self, _request: HttpRequest) -> HttpConnectorFuture {
        HttpConnectorFuture::ready(Err(ConnectorError::other("this test allows no network".into(), None)))
    }
}

impl HttpClient for NoNetwork {
    fn http_connector(&self, _: &HttpConnectorSettings, _: &RuntimeComponents) -> SharedHttpConnector {
        SharedHttpConnector::new(NoNetwork)
    }
}

const BODY: &str = r#"{"securityGroup": {"activeMembers": 1, "botMembers": 0, "id": "sg-1", "isDefault": true, "name": "n", "modified": 0, "securityGroupSettings": {}}}"#;
const SECRET: &str = "secret-from-the-test";

/// Every variable that could pick a region, credentials or an endpoint, unset.
fn clear_aws_environment() {
    for name in [
        "AWS_REGION", "AWS_DEFAULT_REGION", "AWS_PROFILE", "AWS_CONFIG_FILE", "AWS_SHARED_CREDENTIALS_FILE",
        "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_ENDPOINT_URL",
        "AWS_WEB_IDENTITY_TOKEN_FILE", "AWS_ROLE_ARN", "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
        "AWS_CONTAINER_CREDENTIALS_FULL_URI",
    ] {
        std::env::remove_var(name);
    }
}

fn builder(server: &TestServer) -> wickr::ClientBuilder {
    wickr::Client::builder()
        .base_url(server.url())
        .credentials(wickr::Credentials::new("AKIDEXAMPLE", SECRET, None))
        .timeout(Duration::from_secs(10))
}

/// The region the server saw a request signed for (the signature checked).
async fn signed_region(server: &TestServer, client: &wickr::Client, secret: &str) -> String {
    client.get_security_group().network_id("12345678").group_id("sg-1").send().await.expect("200");
    let request = server.received().pop().expect("a request");
    let scope = verify_sigv4(&request, secret).expect("a valid signature");
    scope.strip_suffix("/wickr").expect("signed for wickr").to_owned()
}

#[tokio::test]
async fn region_and_credentials_the_aws_way() {
    let server = TestServer::start(vec![Reply::json(200, BODY)]).await;
    let home = TempDir::new("aws-config-home");
    clear_aws_environment();
    std::env::set_var("HOME", &home.0);
    std::env::set_var("AWS_EC2_METADATA_DISABLED", "true");

    // None anywhere: a build error that says how to set one, not a silent us-east-1.
    let err = builder(&server).build().expect_err("no region");
    let text = err.to_string();
    assert!(text.contains("no AWS region") && text.contains(".region(") && text.contains("AWS_REGION"), "{text}");
    assert!(text.contains(&format!("{}", home.0.join(".aws").join("config").display())), "{text}");

    // AWS_DEFAULT_REGION, then AWS_REGION, which wins; the region is the endpoint's too.
    std::env::set_var("AWS_DEFAULT_REGION", "eu-west-2");
    assert_eq!(signed_region(&server, &builder(&server).build().unwrap(), SECRET).await, "eu-west-2");
    let endpoint = wickr::Client::builder().build().unwrap();
    assert!(format!("{endpoint:?}").contains("https://admin.wickr.eu-west-2.amazonaws.com"), "{endpoint:?}");
    std::env::set_var("AWS_REGION", "eu-central-1");
    assert_eq!(signed_region(&server, &builder(&server).build().unwrap(), SECRET).await, "eu-central-1");
    // The builder's region wins over both.
    assert_eq!(signed_region(&server, &builder(&server).region("ap-south-1").build().unwrap(), SECRET).await, "ap-south-1");
    // A value that would change the host is refused, saying where it came from.
    std::env::set_var("AWS_REGION", "eu-central-1.attacker.example");
    let text = builder(&server).build().expect_err("not a region").to_string();
    assert!(text.contains("not a region code") && text.contains("AWS_REGION"), "{text}");
    std::env::remove_var("AWS_REGION");
    std::env::remove_var("AWS_DEFAULT_REGION");

    // ~/.aws/config, profile `default`; then AWS_PROFILE; then a file named by AWS_CONFIG_FILE.
    std::fs::create_dir_all(home.0.join(".aws")).unwrap();
    std::fs::write(
        home.0.join(".aws").join("config"),
        "[default]\nregion = us-west-1\n\n[profile work]\n# the team's account\nregion = ap-northeast-1\n",
    )
    .unwrap();
    assert_eq!(signed_region(&server, &builder(&server).build().unwrap(), SECRET).await, "us-west-1");
    std::env::set_var("AWS_PROFILE", "work");
    assert_eq!(signed_region(&server, &builder(&server).build().unwrap(), SECRET).await, "ap-northeast-1");
    let config = home.0.join("other-config");
    std::fs::write(&config, "[profile work]\nregion = sa-east-1\ns3 =\n  region = not-this\n").unwrap();
    std::env::set_var("AWS_CONFIG_FILE", &config);
    assert_eq!(signed_region(&server, &builder(&server).build().unwrap(), SECRET).await, "sa-east-1");
    std::env::set_var("AWS_PROFILE", "missing");
    let text = builder(&server).build().expect_err("no such profile").to_string();
    assert!(text.contains("profile `missing`") && text.contains("other-config"), "{text}");

    // The real aws-config: region and static credentials of a profile in temporary config and
    // credentials files, the endpoint from AWS_ENDPOINT_URL; read through its provider chain.
    std::env::set_var("AWS_PROFILE", "work");
    let credentials = home.0.join("credentials");
    std::fs::write(
        &credentials,
        "[work]\naws_access_key_id = AKIDFROMPROFILE\naws_secret_access_key = secret-from-profile\naws_session_token = token-from-profile\n",
    )
    .unwrap();
    std::env::set_var("AWS_SHARED_CREDENTIALS_FILE", &credentials);
    std::env::set_var("AWS_ENDPOINT_URL", server.url());
    let conf = aws_config::defaults(BehaviorVersion::latest()).http_client(NoNetwork).load().await;
    let client = wickr::Client::from_conf(&conf).expect("configured by aws-config");
    assert_eq!(signed_region(&server, &client, "secret-from-profile").await, "sa-east-1");
    let request = server.received().pop().unwrap();
    assert!(request.header("authorization").unwrap().contains("Credential=AKIDFROMPROFILE/"));
    assert_eq!(request.header("x-amz-security-token"), Some("token-from-profile"));
    // The builder form: a later setter wins over the SdkConfig's.
    let client = wickr::Client::builder().sdk_config(&conf).region("us-east-2").build().unwrap();
    assert_eq!(signed_region(&server, &client, "secret-from-profile").await, "us-east-2");
    // Our client's Debug shows no secret. (aws-config's own `SdkConfig` Debug prints the
    // profile file's properties, secret key included: not ours to fix, and never printed here.)
    let shown = format!("{client:?}");
    assert!(!shown.contains("secret-from-profile") && !shown.contains("token-from-profile"), "{shown}");
    clear_aws_environment();
}
