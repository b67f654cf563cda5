//! A paginator against a server whose tokens cycle (a, b, a, b, ...): each page once, then a
//! stop that says why, not a loop for ever.

use sdkgen_runtime::pagination::StopReason;
use sdkgen_tests::{Reply, TestServer};

use crate::{bounded, wickr};

fn page(id: &str, next: Option<&str>) -> Reply {
    let next = next.map(|t| format!(r#", "nextToken": "{t}""#)).unwrap_or_default();
    Reply::json(200, &format!(r#"{{"securityGroups": [{{"id": "{id}", "name": "{id}", "activeMembers": 0, "botMembers": 0, "isDefault": false, "modified": 0, "securityGroupSettings": {{}}}}]{next}}}"#))
}

#[tokio::test]
async fn a_token_cycle_stops_after_each_page_once() {
    // a -> b -> a: the third page gives `a` again. The server would go on for ever (its
    // last reply repeats), so only the paginator can stop it.
    let server = TestServer::start(vec![page("g1", Some("a")), page("g2", Some("b")), page("g3", Some("a"))]).await;
    let client = wickr(&server.url()).build().unwrap();
    let mut pages = client.list_security_groups().network_id("1").into_pages();
    let mut ids = Vec::new();
    while let Some(p) = bounded(pages.next()).await {
        for g in p.expect("a page").security_groups.unwrap_or_default() {
            ids.push(g.id);
        }
        assert!(ids.len() < 10, "the paginator keeps going: {ids:?}");
    }
    assert_eq!(ids, ["g1", "g2", "g3"]);
    assert_eq!(pages.stop_reason(), Some(StopReason::RepeatedToken { pages: 3 }));
    let targets: Vec<String> = server.received().into_iter().map(|r| r.target).collect();
    assert_eq!(targets.len(), 3, "{targets:?}");
    assert!(targets[1].contains("nextToken=a") && targets[2].contains("nextToken=b"), "{targets:?}");
}

#[tokio::test]
async fn a_normal_end_says_done() {
    let server = TestServer::start(vec![page("g1", Some("a")), page("g2", None)]).await;
    let client = wickr(&server.url()).build().unwrap();
    let mut pages = client.list_security_groups().network_id("1").into_pages();
    let mut count = 0;
    while let Some(p) = bounded(pages.next()).await {
        p.expect("a page");
        count += 1;
    }
    assert_eq!((count, pages.stop_reason()), (2, Some(StopReason::Done)));
}

/// A user loops with the inherent `next().await` (no pinning, no `StreamExt`), on another
/// task: `Items` is `Send` and `'static`, and says why it ended once its last item is out.
#[tokio::test]
async fn items_loop_on_a_spawned_task_and_say_why_they_ended() {
    let server = TestServer::start(vec![page("g1", Some("a")), page("g2", Some("b")), page("g3", Some("a"))]).await;
    let client = wickr(&server.url()).build().unwrap();
    let mut items = client.list_security_groups().network_id("1").into_items();
    let task = tokio::spawn(async move {
        let mut ids = Vec::new();
        while let Some(group) = items.next().await {
            ids.push(group.expect("an item").id);
            assert!(ids.len() < 10, "the paginator keeps going: {ids:?}");
        }
        (ids, items.stop_reason())
    });
    let (ids, reason) = bounded(task).await.expect("the task ends");
    assert_eq!(ids, ["g1", "g2", "g3"]);
    assert_eq!(reason, Some(StopReason::RepeatedToken { pages: 3 }));
}

/// An error ends `Items` after it is yielded, and `stop_reason()` says so.
#[tokio::test]
async fn items_end_after_an_error() {
    let server = TestServer::start(vec![page("g1", Some("a")), Reply::json(500, "{}")]).await;
    let client = wickr(&server.url()).build().unwrap();
    let mut items = client.list_security_groups().network_id("1").into_items();
    assert_eq!(bounded(items.next()).await.map(|g| g.expect("an item").id).as_deref(), Some("g1"));
    assert_eq!(items.stop_reason(), None, "not ended while the next page is still to be asked for");
    assert!(matches!(bounded(items.next()).await, Some(Err(_))));
    assert!(bounded(items.next()).await.is_none());
    assert_eq!(items.stop_reason(), Some(StopReason::Error));
}
