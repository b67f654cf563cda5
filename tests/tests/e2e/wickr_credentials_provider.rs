//! Wickr credentials from a provider (`ClientBuilder::credentials_provider`), against a real
//! HTTP server on 127.0.0.1 that verifies each signature: the provider is asked once, its
//! credentials kept until they come within 5 minutes of expiring and then asked for again
//! (the server sees the new key id), one call for concurrent requests, and its failure is
//! `SdkError::Credentials` with nothing sent. No environment variable is read or set.

use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use sdkgen_runtime::aws_credential_types::provider::error::CredentialsError;
use sdkgen_runtime::aws_credential_types::provider::{future, ProvideCredentials};
use sdkgen_runtime::aws_credential_types::Credentials;
use sdkgen_tests::{verify_sigv4, Reply, TestServer};
use wickr::SdkError;

const BODY: &str = r#"{"securityGroup": {"activeMembers": 1, "botMembers": 0, "id": "sg-1", "isDefault": true, "name": "n", "modified": 0, "securityGroupSettings": {}}}"#;

/// Its n-th call gives `AKID<n>` / `secret-<n>`, valid for `lifetimes[n - 1]` (the last one
/// again after), after `delay`; or fails while `failures` lasts.
#[derive(Debug)]
struct Rotating {
    calls: Arc<AtomicU32>,
    lifetimes: Vec<Duration>,
    delay: Duration,
    failures: u32,
}

impl Rotating {
    fn new(lifetimes: Vec<Duration>) -> (Self, Arc<AtomicU32>) {
        let calls = Arc::new(AtomicU32::new(0));
        (Self { calls: calls.clone(), lifetimes, delay: Duration::ZERO, failures: 0 }, calls)
    }
}

impl ProvideCredentials for Rotating {
    fn provide_credentials<'a>(&'a self) -> future::ProvideCredentials<'a>
    where
        Self: 'a,
    {
        future::ProvideCredentials::new(async move {
            let n = self.calls.fetch_add(1, Ordering::SeqCst) + 1;
            tokio::time::sleep(self.delay).await;
            if n <= self.failures {
                return Err(CredentialsError::provider_error("the web identity token file is unreadable"));
            }
            let lifetime = self.lifetimes[(n as usize - 1).min(self.lifetimes.len() - 1)];
            Ok(Credentials::new(format!("AKID{n}"), format!("secret-{n}"), None, Some(SystemTime::now() + lifetime), "rotating"))
        })
    }
}

fn client(server: &TestServer, provider: Rotating) -> wickr::Client {
    wickr::Client::builder()
        .base_url(server.url())
        .region("eu-west-1")
        .credentials_provider(provider)
        .timeout(Duration::from_secs(10))
        .build()
        .expect("valid configuration")
}

async fn get(client: &wickr::Client) -> Result<wickr::types::GetSecurityGroupResponse, SdkError<wickr::errors::GetSecurityGroupError>> {
    client.get_security_group().network_id("12345678").group_id("sg-1").send().await
}

/// The key id a request was signed with, after checking its signature with that key's secret.
fn signed_with(request: &sdkgen_tests::Recorded) -> String {
    let authorization = request.header("authorization").expect("signed");
    let key = authorization.split("Credential=").nth(1).and_then(|c| c.split('/').next()).expect("a credential scope");
    let secret = format!("secret-{}", key.trim_start_matches("AKID"));
    assert_eq!(verify_sigv4(request, &secret), Ok("eu-west-1/wickr".to_owned()));
    key.to_owned()
}

#[tokio::test]
async fn expiring_credentials_are_fetched_again_and_fresh_ones_kept() {
    let server = TestServer::start(vec![Reply::json(200, BODY)]).await;
    // The first credentials expire in 2 minutes (within the refresh window), the next in an hour.
    let (provider, calls) = Rotating::new(vec![Duration::from_secs(120), Duration::from_secs(3600)]);
    let client = client(&server, provider);
    for _ in 0..3 {
        get(&client).await.expect("200");
    }
    let keys: Vec<String> = server.received().iter().map(signed_with).collect();
    assert_eq!(keys, ["AKID1", "AKID2", "AKID2"]);
    assert_eq!(calls.load(Ordering::SeqCst), 2, "asked again only when the first were expiring");
    // Clones share the cache.
    get(&client.clone()).await.expect("200");
    assert_eq!(calls.load(Ordering::SeqCst), 2);
}

#[tokio::test]
async fn concurrent_requests_wait_for_one_call_of_the_provider() {
    let server = TestServer::start(vec![Reply::json(200, BODY)]).await;
    let (mut provider, calls) = Rotating::new(vec![Duration::from_secs(3600)]);
    provider.delay = Duration::from_millis(100);
    let client = client(&server, provider);
    let requests: Vec<_> = (0..5).map(|_| tokio::spawn({
        let client = client.clone();
        async move { get(&client).await.map(|_| ()) }
    })).collect();
    for request in requests {
        request.await.unwrap().expect("200");
    }
    assert_eq!(calls.load(Ordering::SeqCst), 1);
    assert!(server.received().iter().all(|r| signed_with(r) == "AKID1"));
}

#[tokio::test]
async fn a_provider_failure_is_a_typed_error_and_nothing_is_sent() {
    let server = TestServer::start(vec![Reply::json(200, BODY)]).await;
    let (mut provider, calls) = Rotating::new(vec![Duration::from_secs(3600)]);
    provider.failures = 1;
    let client = client(&server, provider);
    match get(&client).await {
        Err(SdkError::Credentials(e)) => {
            assert_eq!(e.to_string(), "the AWS credentials provider failed");
            let source = std::error::Error::source(&e).map(|s| format!("{s:?}")).unwrap_or_default();
            assert!(source.contains("web identity token file"), "{source}");
        }
        other => panic!("expected a credentials error, got {other:?}"),
    }
    assert!(server.received().is_empty(), "nothing is sent unsigned");
    // A failure is not cached: the next call asks again, and is signed.
    get(&client).await.expect("200 once the provider recovers");
    assert_eq!(calls.load(Ordering::SeqCst), 2);
    assert_eq!(signed_with(&server.received()[0]), "AKID2");
    // The client's Debug shows neither the provider nor any secret.
    let shown = format!("{client:?}");
    assert!(!shown.contains("secret-") && shown.contains("Provider(..)"), "{shown}");
}
