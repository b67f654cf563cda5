//! Service errors keep their metadata: a documented error carries its parsed body and the
//! response it came in (status, headers such as `www-authenticate` and `Retry-After`, the
//! request id, and the raw body with members the spec does not document).

use commvault::errors::GetUserGroupDetailsError;
use sdkgen_tests::{Reply, TestServer};
use wickr::errors::GetSecurityGroupError;

use crate::{bounded, commvault, wickr};

#[tokio::test]
async fn a_documented_wickr_error_keeps_status_headers_request_id_and_raw_body() {
    let reply = Reply::json(401, r#"{"message": "expired", "undocumentedHint": "rotate"}"#)
        .header("x-amzn-errortype", "UnauthorizedError")
        .header("x-amzn-requestid", "req-401")
        .header("www-authenticate", "AWS4-HMAC-SHA256")
        .header("retry-after", "3");
    let server = TestServer::start(vec![reply]).await;
    let client = wickr(&server.url()).build().unwrap();
    let result = bounded(client.get_security_group().network_id("1").group_id("sg-1").send()).await;
    let Err(wickr::SdkError::Service(GetSecurityGroupError::UnauthorizedError(e))) = result else {
        panic!("expected UnauthorizedError, got {result:?}")
    };
    // The parsed body, read through the error as before.
    assert_eq!((e.message.as_deref(), e.request_id.as_deref()), (Some("expired"), Some("req-401")));
    // And what the body type drops.
    assert_eq!(e.status(), 401);
    assert_eq!(e.request_id(), Some("req-401"));
    assert_eq!(e.headers()["www-authenticate"], "AWS4-HMAC-SHA256");
    assert_eq!(e.headers()["retry-after"], "3");
    assert!(e.response().text().contains(r#""undocumentedHint": "rotate""#));
    // Its `Display` is the body's message (the status is the layer above's, see error_chain.rs).
    assert_eq!(e.to_string(), "expired");
}

#[tokio::test]
async fn a_documented_commvault_error_keeps_its_response() {
    // Documented without a body schema: the variant is the response itself.
    let reply = Reply::json(404, r#"{"errorCode": 2, "errorMessage": "no such group", "extra": 1}"#).header("x-request-id", "cv-1");
    let server = TestServer::start(vec![reply]).await;
    let client = commvault(&server.url()).build().unwrap();
    let result = bounded(client.get_user_group_details().user_group_id(17).send()).await;
    match result {
        Err(commvault::SdkError::Service(GetUserGroupDetailsError::NotFound(e))) => {
            assert_eq!((e.status().as_u16(), e.request_id()), (404, Some("cv-1")));
            assert!(e.text().contains(r#""extra": 1"#));
        }
        other => panic!("expected the documented 404, got {other:?}"),
    }
}
