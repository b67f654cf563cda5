//! The `refs_anywhere` construct's client (`tests/constructs/refs_anywhere.yaml`) against a
//! real HTTP server on 127.0.0.1: parameters reached through `#/paths/...` and a chain of
//! components are sent, a response schema reached by its place reads as the type defined
//! there, and the interior type shared by several `$ref`s round-trips.

use buildrs_consumer::constructs::refs_anywhere::types::{ListUsersResponse, Profile, User, UserAddress};
use buildrs_consumer::constructs::refs_anywhere::Client;
use sdkgen_tests::{Reply, TestServer};
use serde_json::{json, Value};

fn client(server: &TestServer) -> Client {
    Client::builder().server_url(server.url()).build().unwrap()
}

#[tokio::test]
async fn parameters_by_their_place_under_paths_are_sent() {
    let page = json!({"users": [{"id": "u1", "address": {"city": "Lyon"}}], "next": "t2"});
    let server = TestServer::start(vec![Reply::json(200, &page.to_string())]).await;
    // `limit` is `#/paths/~1users/get/parameters/0`; `team` is a component that is a `$ref`
    // to another (a chain).
    let out: ListUsersResponse = client(&server).list_team_users().team("core").limit(5).send().await.unwrap();
    let address = UserAddress::builder().city("Lyon").build().expect("every required member");
    let user = User::builder().id("u1").address(address).build().expect("every required member");
    assert_eq!(out.users, [user]);
    assert_eq!(out.next.as_deref(), Some("t2"));
    assert_eq!(server.received()[0].target, "/api/teams/core/users?limit=5");
}

#[tokio::test]
async fn a_type_shared_by_refs_round_trips_and_a_nullable_sibling_sends_null() {
    let stored = json!({"home": {"city": "Lyon", "zip": "69001"}, "work": null, "badge": {"id": "b", "address": {"city": "Nice"}, "level": 2}});
    let server = TestServer::start(vec![
        Reply::json(200, &stored.to_string()),
        Reply::json(200, r#"{"id": "u1", "address": {"city": "Lyon"}}"#),
    ])
    .await;
    let client = client(&server);
    // `home` and `work` are the type of `User.address` (one type, reached by `$ref`).
    let home = UserAddress::builder().city("Lyon").zip("69001").build().expect("every required member");
    let profile = Profile::builder().home(home).build().expect("every required member");
    let back = client.put_profile().id("u1").body(profile).send().await.unwrap();
    assert_eq!(back.work, None);
    assert_eq!(back.badge.as_ref().map(|b| (b.id.as_str(), b.level)), Some(("b", Some(2))));
    // A schema reached through `#/components/responses/UserResponse/content/...`.
    let user: User = client.get_user().id("u1").send().await.unwrap();
    assert_eq!(user.address.city, "Lyon");

    let received = server.received();
    assert_eq!(received[0].target, "/api/users/u1");
    let sent: Value = serde_json::from_slice(&received[0].body).unwrap();
    // The required nullable `work`, not set: `null`, as the `nullable` sibling allows.
    assert_eq!(sent, json!({"home": {"city": "Lyon", "zip": "69001"}, "work": null}));
}
