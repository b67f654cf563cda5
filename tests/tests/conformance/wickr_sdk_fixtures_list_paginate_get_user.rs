//! The official AWS SDK's fixture cases that need operations of the complete Wickr spec
//! (03: ListSecurityGroups with query parameters, 04: its paginator, 27: GetUser with a
//! sensitive output and epoch-second timestamps), replayed against our client: the server side
//! of each case is served by a real HTTP server on 127.0.0.1, and our client must send the same
//! method and target (path, percent-encoding, query and its order), signed so that the
//! signature verifies, as many requests, and reach the same outcome. Also the paginator over
//! several pages, and its guard against a server that repeats a token.

use std::pin::pin;
use std::time::{Duration, SystemTime};

use sdkgen_runtime::{DateTime, Stream};
use sdkgen_tests::{verify_sigv4, Recorded, Reply, TestServer};
use serde_json::{json, Value};
use wickr::{Client, Credentials, RetryConfig};

use sdkgen_tests::fixtures::{case, replies, CLOCK, SECRET};

/// A client configured as the official SDK was in the fixtures.
fn client(server: &TestServer) -> Client {
    Client::builder()
        .base_url(server.url())
        .region("us-east-1")
        .credentials(Credentials::new("AKIDEXAMPLE", SECRET, None))
        .signing_time(SystemTime::UNIX_EPOCH + Duration::from_secs(CLOCK))
        .retry(RetryConfig::default().with_initial_backoff(Duration::from_millis(1)))
        .build()
        .expect("valid configuration")
}

/// Our requests against the official SDK's: as many, each with the same method and target,
/// dated by the fixed clock, and signed so that the signature verifies.
fn assert_same_requests(id: &str, case: &Value, ours: &[Recorded]) {
    let theirs = case["requests"].as_array().expect("requests");
    assert_eq!(theirs.len() as u64, case["request_count"].as_u64().unwrap(), "case {id}: the fixture itself");
    assert_eq!(ours.len(), theirs.len(), "case {id}: number of requests");
    for (i, (request, official)) in ours.iter().zip(theirs).enumerate() {
        assert_eq!(request.method, official["method"].as_str().unwrap(), "case {id}, request {i}: method");
        assert_eq!(request.target, official["target"].as_str().unwrap(), "case {id}, request {i}: target");
        assert_eq!(request.header("x-amz-date"), Some("20260101T000000Z"), "case {id}, request {i}");
        assert_eq!(verify_sigv4(request, SECRET), Ok("us-east-1/wickr".to_owned()), "case {id}, request {i}");
    }
}

/// Every item of a stream, in order (`StreamExt::collect` without the dependency).
async fn collect<S: Stream>(stream: S) -> Vec<S::Item> {
    let mut stream = pin!(stream);
    let mut items = Vec::new();
    while let Some(item) = std::future::poll_fn(|cx| stream.as_mut().poll_next(cx)).await {
        items.push(item);
    }
    items
}

#[tokio::test]
async fn case_03_list_security_groups_with_query_parameters() {
    let case = case("03");
    let args = &case["probe_args"];
    assert_eq!(args[0], "list");
    let server = TestServer::start(replies(&case)).await;
    let out = client(&server)
        .list_security_groups()
        .network_id(args[1].as_str().unwrap())
        .max_results(args[2].as_str().unwrap().parse().unwrap())
        .next_token(args[3].as_str().unwrap())
        .send()
        .await
        .expect("200, as the official SDK got");
    assert_same_requests("03", &case, &server.received());
    assert_eq!(server.received()[0].target, "/networks/1234567/security-groups?nextToken=tok&maxResults=5");

    let result = &case["probe_result"];
    assert_eq!(result["result"], "ok");
    let groups = out.security_groups.expect("securityGroups");
    let ids: Vec<&str> = groups.iter().map(|g| g.id.as_str()).collect();
    // The official SDK's results, printed by it with `{:?}`.
    assert_eq!(format!("{ids:?}"), result["group_ids"].as_str().unwrap());
    assert_eq!(format!("{:?}", out.next_token), result["next_token"].as_str().unwrap());
    let g = &groups[0];
    assert_eq!((g.active_members, g.bot_members, g.is_default, g.name.as_str()), (1, 0, true, "group 1"));
    assert_eq!((g.modified, g.active_directory_guid.as_deref()), (1_767_225_600, None));
}

#[tokio::test]
async fn case_04_paginator_walks_the_pages_as_the_official_sdk_does() {
    let case = case("04");
    let args = &case["probe_args"];
    assert_eq!(args[0], "paginate");
    let (network, page_size): (&str, i32) = (args[1].as_str().unwrap(), args[2].as_str().unwrap().parse().unwrap());
    let expected = case["probe_result"]["paginated_group_ids"].as_str().unwrap();
    assert_eq!(expected, r#"["sg-1", "sg-2", "sg-3"]"#);

    // As items.
    let server = TestServer::start(replies(&case)).await;
    // Looped as a user would, with the inherent `next()` (no pinning, no `StreamExt`).
    let mut items = client(&server).list_security_groups().network_id(network).max_results(page_size).into_items();
    let mut ids = Vec::new();
    while let Some(group) = items.next().await {
        ids.push(group.expect("no error").id);
    }
    assert_eq!(format!("{ids:?}"), expected);
    assert_eq!(items.stop_reason(), Some(sdkgen_runtime::pagination::StopReason::Done));
    assert_same_requests("04", &case, &server.received());
    // The token `p2/+= ?&` goes back encoded, before the page size, as the official SDK sends it.
    assert_eq!(server.received()[1].target, "/networks/1234567/security-groups?nextToken=p2%2F%2B%3D%20%3F%26&maxResults=2");

    // As pages: the same requests, one page each.
    let server = TestServer::start(replies(&case)).await;
    let pages = collect(client(&server).list_security_groups().network_id(network).max_results(page_size).into_pages()).await;
    let pages: Vec<_> = pages.into_iter().map(|p| p.expect("no error")).collect();
    let tokens: Vec<Option<&str>> = pages.iter().map(|p| p.next_token.as_deref()).collect();
    assert_eq!(tokens, [Some("p2/+= ?&"), None]);
    let sizes: Vec<usize> = pages.iter().map(|p| p.security_groups.as_ref().map_or(0, Vec::len)).collect();
    assert_eq!(sizes, [2, 1]);
    assert_same_requests("04", &case, &server.received());
}

#[tokio::test]
async fn case_27_get_user_redacts_sensitive_members_and_sends_epoch_seconds() {
    let case = case("27");
    let args = &case["probe_args"];
    assert_eq!((args[0].as_str(), args[1].as_str(), args[2].as_str()), (Some("getuser"), Some("12345678"), Some("u 1")));
    let server = TestServer::start(replies(&case)).await;
    let user = client(&server)
        .get_user()
        .network_id("12345678")
        .user_id("u 1")
        .start_time(DateTime::from_secs(1_767_225_600))
        .end_time(DateTime::from_millis(1_767_225_600_500))
        .send()
        .await
        .expect("200, as the official SDK got");
    assert_same_requests("27", &case, &server.received());
    assert_eq!(server.received()[0].target, "/networks/12345678/users/u%201?startTime=1767225600&endTime=1767225600.5");

    let result = &case["probe_result"];
    assert_eq!(result["result"], "ok");
    assert_eq!(user.user_id, "u 1");
    // The accessors give the real values; the official SDK's, printed with `{:?}`.
    assert_eq!(format!("{:?}", user.first_name), result["first_name_accessor"].as_str().unwrap());
    assert_eq!(format!("{:?}", user.last_name), result["last_name_accessor"].as_str().unwrap());
    assert_eq!((user.username.as_deref(), user.is_admin, user.suspended), (Some("alice@example.com"), Some(true), Some(false)));
    assert_eq!((user.status, user.last_activity, user.last_login), (Some(1), Some(1_767_225_600), Some(1_767_225_600)));
    assert_eq!(user.security_group_ids, Some(vec!["sg-1".to_owned()]));

    // `Debug` redacts the sensitive members and shows the others, member for member as the
    // official SDK prints them (its output type is named `GetUserOutput`), then the request
    // id, which both outputs carry (theirs as `_request_id`).
    let ours = format!("{user:?}");
    assert!(ours.contains(r#"first_name: "*** Sensitive Data Redacted ***""#), "{ours}");
    assert!(ours.contains(r#"last_name: "*** Sensitive Data Redacted ***""#), "{ours}");
    assert!(!ours.contains("Alice") && !ours.contains("Smith"), "{ours}");
    let theirs = result["output_debug"].as_str().unwrap();
    let their_members = theirs
        .strip_prefix("GetUserOutput { ")
        .and_then(|s| s.strip_suffix(" }"))
        .and_then(|s| s.split_once(", _request_id: "))
        .unwrap_or_else(|| panic!("unexpected official output {theirs}"));
    let our_members = ours
        .strip_prefix("GetUserResponse { ")
        .and_then(|s| s.strip_suffix(" }"))
        .and_then(|s| s.split_once(", request_id: "));
    assert_eq!(our_members, Some(their_members));
    assert_eq!(user.request_id(), Some("req-0001"));
}

/// A page of security groups `ids`, with `next` as its next token.
fn page(ids: &[&str], next: Option<&str>) -> Reply {
    let groups: Vec<Value> = ids
        .iter()
        .map(|id| json!({"activeMembers": 1, "botMembers": 0, "id": id, "isDefault": false, "name": format!("group {id}"),
            "modified": 1_767_225_600_i64, "securityGroupSettings": {}}))
        .collect();
    let mut body = json!({"securityGroups": groups});
    if let Some(next) = next {
        body["nextToken"] = json!(next);
    }
    Reply::json(200, &body.to_string())
}

#[tokio::test]
async fn paginator_follows_tokens_over_three_pages() {
    let server = TestServer::start(vec![
        page(&["sg-1", "sg-2"], Some("t2")),
        page(&["sg-3", "sg-4"], Some("t3")),
        page(&["sg-5"], None),
        // Never asked for: the stream ends after a page without a token.
        page(&["sg-never"], None),
    ])
    .await;
    let items = collect(client(&server).list_security_groups().network_id("12345678").max_results(2).into_items()).await;
    let ids: Vec<String> = items.into_iter().map(|g| g.expect("no error").id).collect();
    assert_eq!(ids, ["sg-1", "sg-2", "sg-3", "sg-4", "sg-5"]);
    let received = server.received();
    let targets: Vec<&str> = received.iter().map(|r| r.target.as_str()).collect();
    assert_eq!(
        targets,
        [
            "/networks/12345678/security-groups?maxResults=2",
            "/networks/12345678/security-groups?nextToken=t2&maxResults=2",
            "/networks/12345678/security-groups?nextToken=t3&maxResults=2",
        ]
    );
    for request in &received {
        assert_eq!(verify_sigv4(request, SECRET), Ok("us-east-1/wickr".to_owned()));
    }
}

#[tokio::test]
async fn paginator_stops_when_a_page_repeats_the_token_it_was_sent() {
    let server = TestServer::start(vec![
        page(&["sg-1"], Some("t2")),
        // Asked with `t2`, answers `t2` again: following it would loop forever.
        page(&["sg-2"], Some("t2")),
        page(&["sg-never"], None),
    ])
    .await;
    let pages = collect(client(&server).list_security_groups().network_id("12345678").into_pages()).await;
    let pages: Vec<_> = pages.into_iter().map(|p| p.expect("no error")).collect();
    let ids: Vec<&str> = pages.iter().flat_map(|p| p.security_groups.iter().flatten()).map(|g| g.id.as_str()).collect();
    assert_eq!(ids, ["sg-1", "sg-2"], "both pages are yielded, then the stream ends");
    let received = server.received();
    let targets: Vec<&str> = received.iter().map(|r| r.target.as_str()).collect();
    assert_eq!(targets, ["/networks/12345678/security-groups", "/networks/12345678/security-groups?nextToken=t2"]);
}

#[tokio::test]
async fn paginator_resumed_from_a_token_stops_when_the_first_page_repeats_it() {
    let server =
        TestServer::start(vec![page(&["sg-1"], Some("t1")), page(&["sg-2"], Some("t1")), page(&["x"], None)]).await;
    let pages = collect(client(&server).list_security_groups().network_id("12345678").next_token("t1").into_pages()).await;
    assert_eq!(pages.len(), 1, "the repeated token ends the stream after the first page");
    let received = server.received();
    assert_eq!(received.len(), 1);
    assert_eq!(received[0].target, "/networks/12345678/security-groups?nextToken=t1");
}
