//! Header values: a control or non-ASCII character is refused before anything is sent, so
//! nothing goes out unsigned (SigV4 leaves such headers out of the signature).

use sdkgen_runtime::{ClientBuilder, Error, Request};
use sdkgen_tests::{Reply, TestServer};

use crate::{bounded, wickr};

#[tokio::test]
async fn a_non_ascii_header_is_refused_before_sending() {
    let server = TestServer::start(vec![Reply::json(200, r#"{"message": "ok"}"#)]).await;
    let client = wickr(&server.url()).build().unwrap();
    for bad in ["caf\u{e9}", "a\u{1}b", "a\u{7f}"] {
        let result = bounded(
            client
                .batch_create_user()
                .network_id("1")
                .x_client_token(bad)
                .users(vec![])
                .send(),
        )
        .await;
        let Err(wickr::SdkError::Construction(e)) = result else { panic!("{bad:?}: expected a refusal, got {result:?}") };
        assert!(e.message().contains("x-client-token") && !e.message().contains(bad), "{e}");
    }
    assert!(server.received().is_empty());

    // Through the runtime, an API key header too.
    let client = ClientBuilder::new("safety").base_url(server.url()).api_key_header("x-key", "k\u{e9}y").build().unwrap();
    let result = bounded(client.send::<std::convert::Infallible>(Request::new(sdkgen_runtime::http::Method::GET, "/x".into()))).await;
    assert!(matches!(&result, Err(Error::Construction(e)) if e.message().contains("x-key")), "{result:?}");
    assert!(server.received().is_empty());
}
