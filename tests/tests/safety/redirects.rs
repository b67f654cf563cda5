//! Redirects: no credential, body or sensitive query value reaches another origin; AWS clients
//! follow none; a redirect not followed is `Error::Redirect` with its status and `Location`.

use sdkgen_runtime::{ClientBuilder, Error, Redirects, Request};
use sdkgen_tests::{Reply, TestServer};

use crate::{bounded, commvault, wickr};

fn redirect(status: u16, location: &str) -> Reply {
    Reply::json(status, "{}").header("location", location)
}

#[tokio::test]
async fn commvault_authtoken_never_reaches_another_origin() {
    let elsewhere = TestServer::start(vec![Reply::json(200, "{}")]).await;
    let origin = TestServer::start(vec![redirect(302, &format!("{}/collect?from=302", elsewhere.url()))]).await;
    let client = commvault(&origin.url()).build().unwrap();
    let result = bounded(client.get_user_group_details().user_group_id(17).send()).await;
    match result {
        Err(commvault::SdkError::Redirect(e)) => {
            assert_eq!(e.status(), 302);
            assert_eq!(e.location(), Some(format!("{}/collect?from=302", elsewhere.url()).as_str()));
        }
        other => panic!("expected a refused redirect, got {other:?}"),
    }
    assert!(elsewhere.received().is_empty(), "the other origin got {:?}", elsewhere.received());
    let sent = origin.received();
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].header("authtoken"), Some("QSDK SECRET-TOKEN"));
    assert_eq!(sent[0].header("referer"), None);
}

#[tokio::test]
async fn wickr_follows_no_redirect_so_no_session_token_or_referer_moves() {
    let elsewhere = TestServer::start(vec![Reply::json(200, r#"{"users": []}"#)]).await;
    for target in [format!("{}/networks/1/users", elsewhere.url()), "/networks/1/users?again=1".to_owned()] {
        let origin = TestServer::start(vec![redirect(302, &target), Reply::json(200, r#"{"users": []}"#)]).await;
        let client = wickr(&origin.url()).build().unwrap();
        // `first_name` is sensitive and sent in the query: a `Referer` would carry it on.
        let result = bounded(client.list_users().network_id("1").first_name("SECRET-NAME").send()).await;
        match result {
            Err(wickr::SdkError::Redirect(e)) => {
                assert_eq!((e.status().as_u16(), e.location()), (302, Some(target.as_str())));
            }
            other => panic!("expected a refused redirect, got {other:?}"),
        }
        // Not even a same-origin redirect is followed: one request, to the origin.
        assert_eq!(origin.received().len(), 1, "{target}");
        assert!(origin.received()[0].header("x-amz-security-token").is_some());
    }
    assert!(elsewhere.received().is_empty());
}

#[tokio::test]
async fn a_307_on_create_bot_does_not_resend_the_password_and_is_no_success() {
    let elsewhere = TestServer::start(vec![Reply::json(200, r#"{"botId": "evil", "message": "ok"}"#)]).await;
    let origin = TestServer::start(vec![redirect(307, &format!("{}/networks/1/bots", elsewhere.url()))]).await;
    let client = wickr(&origin.url()).build().unwrap();
    let request = client.create_bot().network_id("1").username("opsbot").group_id("sg-1").challenge("SECRET-PASSWORD");
    let result = bounded(request.send()).await;
    assert!(matches!(&result, Err(wickr::SdkError::Redirect(e)) if e.status() == 307), "{result:?}");
    assert!(elsewhere.received().is_empty());
}

/// Not AWS, through the runtime itself, with every credential kind: a same-origin redirect
/// is followed (307 with its body), and the hop to another origin in the same chain is not.
#[tokio::test]
async fn same_origin_redirects_are_followed_and_a_hop_elsewhere_is_refused() {
    let elsewhere = TestServer::start(vec![Reply::json(200, "{}")]).await;
    let origin = TestServer::start(vec![
        redirect(307, "/second"),
        redirect(302, &format!("{}/third?token=SECRET-IN-LOCATION", elsewhere.url())),
    ])
    .await;
    let client = ClientBuilder::new("safety")
        .base_url(origin.url())
        .api_key_header("authtoken", "SECRET-HEADER")
        .api_key_query("clientSecret", "SECRET-QUERY")
        .api_key_cookie("sid", "SECRET-COOKIE")
        .bearer_token("SECRET-BEARER")
        .build()
        .unwrap();
    let request = Request::new(sdkgen_runtime::http::Method::POST, "/first".into())
        .json_body(&serde_json::json!({"password": "SECRET-BODY"}))
        .unwrap();
    let result = bounded(client.send::<std::convert::Infallible>(request)).await;
    let Err(Error::Redirect(e)) = result else { panic!("expected a refused redirect, got {result:?}") };
    assert_eq!(e.status(), 302);
    assert!(!e.to_string().contains("SECRET"), "{e}");
    let sent = origin.received();
    assert_eq!(sent.iter().map(|r| r.target.as_str()).collect::<Vec<_>>(), ["/first?clientSecret=SECRET-QUERY", "/second"]);
    // The 307 kept method and body on the same origin, without a Referer.
    assert_eq!((sent[1].method.as_str(), sent[1].body.as_slice()), ("POST", br#"{"password":"SECRET-BODY"}"#.as_slice()));
    assert_eq!(sent[1].header("referer"), None);
    assert!(elsewhere.received().is_empty());

    // `Redirects::None`: not even the same-origin one.
    let origin = TestServer::start(vec![redirect(301, "/moved")]).await;
    let client = ClientBuilder::new("safety").base_url(origin.url()).redirects(Redirects::None).build().unwrap();
    let result = bounded(client.send::<std::convert::Infallible>(Request::new(sdkgen_runtime::http::Method::GET, "/x".into()))).await;
    assert!(matches!(&result, Err(Error::Redirect(e)) if e.status() == 301 && e.location() == Some("/moved")), "{result:?}");
    assert_eq!(origin.received().len(), 1);
}

#[tokio::test]
async fn commvault_can_refuse_every_redirect() {
    let origin = TestServer::start(vec![redirect(302, "/V4/UserGroup/18"), Reply::json(200, "{}")]).await;
    let client = commvault(&origin.url()).redirects(commvault::Redirects::None).build().unwrap();
    let result = bounded(client.get_user_group_details().user_group_id(17).send()).await;
    assert!(matches!(&result, Err(commvault::SdkError::Redirect(e)) if e.status() == 302), "{result:?}");
    assert_eq!(origin.received().len(), 1);
}
