//! Redaction: no error's `Display` or `Debug` shows a credential, a URL query or a member the
//! spec marks sensitive, whichever kind of error it is.

use std::time::Duration;

use sdkgen_runtime::{ClientBuilder, Error, Request};
use sdkgen_tests::raw::{Misbehaviour, RawServer};
use sdkgen_tests::{Reply, TestServer};

use crate::{bounded, shown, wickr};

/// The secrets of these tests all contain this.
const SECRET: &str = "SECRET";

fn assert_no_secret(what: &str, text: &str) {
    assert!(!text.contains(SECRET), "{what} shows a secret: {text}");
}

/// A port with nothing listening.
async fn closed_port() -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    drop(listener);
    url
}

fn runtime_client(url: &str) -> sdkgen_runtime::HttpClient {
    ClientBuilder::new("safety")
        .base_url(format!("{url}/base"))
        .api_key_query("clientSecret", "SECRET-QUERY")
        .api_key_header("authtoken", "SECRET-HEADER")
        .read_timeout(Duration::from_millis(200))
        .max_response_bytes(10_000)
        .retry(sdkgen_runtime::RetryConfig::disabled())
        .build()
        .unwrap()
}

#[tokio::test]
async fn transport_errors_of_every_kind_show_no_query() {
    let silent = RawServer::start(Misbehaviour::Silent).await;
    let endless = RawServer::start(Misbehaviour::Endless).await;
    let cut = RawServer::start(Misbehaviour::CutAfterHead(200, vec![])).await;
    for (kind, url) in [("connect", closed_port().await), ("timeout", silent.url()), ("too large", endless.url()), ("cut", cut.url())] {
        let request = Request::new(sdkgen_runtime::http::Method::GET, "/path".into()).query("q", "SECRET-PARAM");
        let result = bounded(runtime_client(&url).send::<std::convert::Infallible>(request)).await;
        let Err(e @ Error::Transport(_)) = result else { panic!("{kind}: expected a transport error, got {result:?}") };
        let text = shown(&e);
        assert_no_secret(kind, &text);
        // The path still says what failed (when the error names a URL at all).
        if text.contains("for url") {
            assert!(text.contains("/base/path"), "{kind}: {text}");
        }
    }
}

#[tokio::test]
async fn a_sensitive_query_parameter_of_wickr_is_not_in_a_transport_error() {
    let url = closed_port().await;
    let client = wickr(&url).build().unwrap();
    let result = bounded(client.list_users().network_id("1").first_name("SECRET-FIRST").send()).await;
    let e = result.expect_err("nothing listens");
    assert!(matches!(e, wickr::SdkError::Transport(_)), "{e:?}");
    assert_no_secret("transport", &shown(&e));
}

#[tokio::test]
async fn service_decode_redirect_and_construction_errors_show_no_sensitive_member() {
    // Decode: a GetUser body with sensitive names, one member of the wrong type, the value
    // serde would quote being a secret too.
    let body = r#"{"userId": "u1", "firstName": "SECRET-FIRST", "lastName": "SECRET-LAST", "isAdmin": "SECRET-ADMIN"}"#;
    let server = TestServer::start(vec![
        Reply::json(200, body).header("set-cookie", "session=SECRET-COOKIE"),
        // Undocumented: kept whole in `Unknown`.
        Reply::json(418, r#"{"firstName": "SECRET-FIRST", "password": "SECRET-PW"}"#),
        // Documented, parsed.
        Reply::json(404, r#"{"message": "no such user"}"#),
        // A redirect whose Location carries a token.
        Reply::json(302, "{}").header("location", "http://127.0.0.1:1/x?token=SECRET-LOCATION"),
    ])
    .await;
    let client = wickr(&server.url()).build().unwrap();
    let get = || client.get_user().network_id("1").user_id("u1").send();

    let e = bounded(get()).await.expect_err("decode");
    let wickr::SdkError::Decode(decode) = &e else { panic!("{e:?}") };
    assert!(decode.reason().contains("invalid type: string, expected a boolean"), "{}", decode.reason());
    assert!(shown(&e).contains("bytes"), "the body's length is shown: {e:?}");
    assert_no_secret("decode", &shown(&e));

    let e = bounded(get()).await.expect_err("418");
    assert!(matches!(&e, wickr::SdkError::Service(wickr::errors::GetUserError::Unknown(r)) if r.status() == 418), "{e:?}");
    assert_no_secret("unknown", &shown(&e));

    let e = bounded(get()).await.expect_err("404");
    assert!(matches!(&e, wickr::SdkError::Service(wickr::errors::GetUserError::ResourceNotFoundError(_))), "{e:?}");
    assert_no_secret("documented", &shown(&e));

    let e = bounded(get()).await.expect_err("302");
    assert!(matches!(&e, wickr::SdkError::Redirect(_)), "{e:?}");
    assert_no_secret("redirect", &shown(&e));

    // Construction: a header value that cannot be sent is named, not shown.
    let e = bounded(client.batch_create_user().network_id("1").x_client_token("SECRET-\u{e9}").users(vec![]).send()).await.expect_err("construction");
    assert!(matches!(&e, wickr::SdkError::Construction(_)), "{e:?}");
    assert_no_secret("construction", &shown(&e));
}
