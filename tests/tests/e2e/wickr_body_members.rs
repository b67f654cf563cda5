//! A body's members set on Wickr's request builders (as the AWS SDK for Rust does it) and
//! the types' builders, against a real HTTP server on 127.0.0.1: exactly the JSON the setters
//! say reaches the server; a missing required member fails before anything is sent, naming
//! every one; `.body(v)` and the setters combine.


use sdkgen_tests::{Recorded, Reply, TestServer};
use serde_json::{json, Value};
use wickr::types::{CreateBotRequest, SecurityGroupSettingsRequest};
use wickr::{Client, RetryConfig, SdkError};


fn client(server: &TestServer) -> Client {
    super::wickr_client(server, RetryConfig::disabled())
}

const CREATED: &str = r#"{"message": "created", "botId": "9", "networkId": "1", "username": "opsbot", "groupId": "sg-1"}"#;

fn sent(request: &Recorded) -> Value {
    assert_eq!(request.header("content-type"), Some("application/json"));
    serde_json::from_slice(&request.body).expect("a JSON body")
}

#[tokio::test]
async fn member_setters_send_exactly_the_members_set() {
    let server = TestServer::start(vec![Reply::json(200, CREATED)]).await;
    let request = client(&server)
        .create_bot()
        .network_id("1")
        .username("opsbot")
        .group_id("sg-1")
        .challenge("s3cret!")
        .display_name("Ops Bot")
        .set_display_name(None);
    assert_eq!((request.get_username(), request.get_display_name()), (&Some("opsbot".to_owned()), &None));
    let out = request.send().await.unwrap();
    assert_eq!(out.bot_id, "9");
    let received = server.received();
    assert_eq!(received[0].target, "/networks/1/bots");
    // `display_name` was unset again: left out, not `null`.
    assert_eq!(sent(&received[0]), json!({"username": "opsbot", "groupId": "sg-1", "challenge": "s3cret!"}));
}

#[tokio::test]
async fn missing_required_members_are_all_named_and_nothing_is_sent() {
    let server = TestServer::start(vec![Reply::json(200, CREATED)]).await;
    let result = client(&server).create_bot().network_id("1").display_name("Ops Bot").send().await;
    let Err(SdkError::Construction(e)) = result else { panic!("expected a construction error, got {result:?}") };
    assert_eq!(
        e.message(),
        "the request body (`CreateBotRequest`) is missing required members: `username` (set it with \
         `.username(..)`), `groupId` (set it with `.group_id(..)`), `challenge` (set it with `.challenge(..)`)"
    );
    // Not even the challenge's value would be printed: only names.
    assert!(server.received().is_empty());

    // The type's builder says the same, member by member.
    let missing = CreateBotRequest::builder().group_id("sg-1").build().unwrap_err();
    assert_eq!(missing.type_name(), "CreateBotRequest");
    let named: Vec<_> = missing.missing().iter().map(|m| (m.wire_name(), m.setter())).collect();
    assert_eq!(named, [("username", "username"), ("challenge", "challenge")]);
    assert_eq!(
        missing.to_string(),
        "`CreateBotRequest` is missing required members: `username` (set it with `.username(..)`), \
         `challenge` (set it with `.challenge(..)`)"
    );
}

/// `.body(v)` sets every member as `v` has them; a setter after it changes one of them; a
/// `.body(v)` after setters replaces them all.
#[tokio::test]
async fn a_setter_after_body_changes_that_member_and_body_replaces_earlier_setters() {
    let server = TestServer::start(vec![Reply::json(200, CREATED), Reply::json(200, CREATED)]).await;
    let client = client(&server);
    let bot = CreateBotRequest::builder()
        .username("opsbot")
        .group_id("sg-1")
        .challenge("s3cret!")
        .display_name("Ops Bot")
        .build()
        .expect("every required member");
    client.create_bot().network_id("1").body(bot.clone()).display_name("Renamed").send().await.unwrap();
    client.create_bot().network_id("1").display_name("Lost").group_id("sg-9").body(bot.clone()).send().await.unwrap();
    let received = server.received();
    assert_eq!(
        sent(&received[0]),
        json!({"username": "opsbot", "displayName": "Renamed", "groupId": "sg-1", "challenge": "s3cret!"})
    );
    assert_eq!(sent(&received[1]), serde_json::to_value(&bot).unwrap());

    // From a value back to its builder, to change a copy.
    let changed = wickr::types::builders::CreateBotRequestBuilder::from(bot).challenge("n3w").build().unwrap();
    assert_eq!((changed.username.as_str(), changed.challenge.as_str()), ("opsbot", "n3w"));
}

/// A struct whose members are all optional always builds (no `Result`), and equals the
/// `Default` with the same fields assigned (struct literals are closed: `#[non_exhaustive]`).
#[test]
fn a_struct_of_optional_members_builds_without_a_result() {
    let built = SecurityGroupSettingsRequest::builder().lockout_threshold(5).build();
    let mut assigned = SecurityGroupSettingsRequest::default();
    assigned.lockout_threshold = Some(5);
    assert_eq!(built, assigned);
}

/// A builder's `Debug` hides sensitive members as the type's does.
#[test]
fn a_builder_never_prints_a_sensitive_member() {
    let builder = CreateBotRequest::builder().username("opsbot").challenge("s3cret!");
    let shown = format!("{builder:?}");
    assert!(shown.contains("opsbot") && !shown.contains("s3cret!"), "{shown}");
    let client = Client::builder().base_url("http://127.0.0.1:9").region("us-east-1").build().unwrap();
    let shown = format!("{:?}", client.create_bot().challenge("s3cret!"));
    assert!(!shown.contains("s3cret!"), "{shown}");
}
