//! `tests/constructs/param_shapes.yaml` against a real HTTP server on 127.0.0.1: scalar
//! unions as parameters, values no style writes (and `content: application/json`
//! parameters) as their JSON text, lists in form bodies, and a `false` member.

use buildrs_consumer::constructs::param_shapes::types::{Filter, Point, PostForm, Settings};
use buildrs_consumer::constructs::param_shapes::{Client, SdkError};
use sdkgen_tests::{Recorded, Reply, TestServer};

fn empty(status: u16) -> Reply {
    Reply { status, headers: Vec::new(), body: String::new() }
}

fn client(server: &TestServer) -> Client {
    Client::builder().server_url(server.url()).build().unwrap()
}

fn body_text(request: &Recorded) -> &str {
    std::str::from_utf8(&request.body).unwrap()
}

/// A scalar union is set with the scalar itself (`5`, `"abc"`, `2.5`, `true`), and arrives
/// as that scalar's text, in the path, the query, a header and a cookie.
#[tokio::test]
async fn scalar_unions_take_plain_scalars_and_send_their_text() {
    let server = TestServer::start((0..3).map(|_| empty(204)).collect()).await;
    let client = client(&server);
    client.get_thing().id(5).page(2.5).x_mode(7).level(3).send().await.unwrap();
    client.get_thing().id("abc def").page("next").x_mode("fast").level("high").send().await.unwrap();
    client.get_thing().id(String::from("x")).page(true).pick(vec![5.into(), "dota 2".into()]).send().await.unwrap();

    let received = server.received();
    let targets: Vec<&str> = received.iter().map(|r| r.target.as_str()).collect();
    assert_eq!(targets, ["/api/things/5?page=2.5", "/api/things/abc%20def?page=next", "/api/things/x?page=true&pick=5&pick=dota%202"]);
    assert_eq!(received[0].header("x-mode"), Some("7"));
    assert_eq!(received[0].header("cookie"), Some("level=3"));
    assert_eq!(received[1].header("x-mode"), Some("fast"));
    assert_eq!(received[1].header("cookie"), Some("level=high"));
    assert_eq!(received[2].header("x-mode"), None);
    assert_eq!(received[2].header("cookie"), None);
}

/// A list of lists in the path, a list of objects in the query and a `content:
/// application/json` query parameter: each is its JSON text, percent-encoded in its place;
/// an absent optional one sends nothing.
#[tokio::test]
async fn values_no_style_writes_arrive_as_their_json_text() {
    let server = TestServer::start((0..2).map(|_| empty(204)).collect()).await;
    let client = client(&server);
    let filter = |field: &str, value: Option<i64>| {
        let builder = Filter::builder().field(field);
        match value {
            Some(v) => builder.value(v).build().unwrap(),
            None => builder.build().unwrap(),
        }
    };
    client
        .get_grid()
        .rows(vec![vec!["a".into(), "b/c".into()], vec![]])
        .filters(vec![filter("size", Some(3)), filter("name", None)])
        .r#where(filter("x", Some(1)))
        .send()
        .await
        .unwrap();
    client.get_grid().rows(vec![vec!["1".into()]]).send().await.unwrap();

    let received = server.received();
    let decode = |text: &str| percent_decode(text);
    let (path, query) = received[0].target.split_once('?').unwrap();
    assert_eq!(decode(path), r#"/api/grid/[["a","b/c"],[]]"#);
    // The `/` inside a value is encoded: the path keeps one segment.
    assert!(path.contains("b%2Fc"), "{path}");
    let pairs: Vec<(String, String)> = query
        .split('&')
        .map(|pair| {
            let (name, value) = pair.split_once('=').unwrap();
            (decode(name), decode(value))
        })
        .collect();
    assert_eq!(
        pairs,
        [
            ("filters".to_owned(), r#"[{"field":"size","value":3},{"field":"name"}]"#.to_owned()),
            ("where".to_owned(), r#"{"field":"x","value":1}"#.to_owned()),
        ]
    );
    assert_eq!(received[1].target, "/api/grid/%5B%5B%221%22%5D%5D");
}

/// A form body's list members: repeated keys in the list's order by default, the style of
/// the body's `encoding` otherwise (`pipeDelimited` for `ids`, `deepObject` for `point`).
#[tokio::test]
async fn form_body_lists_are_repeated_keys_or_their_encoding_style() {
    let server = TestServer::start((0..2).map(|_| empty(204)).collect()).await;
    let client = client(&server);
    client
        .create_post()
        .title("Hi there")
        .tags(vec!["z".into(), "a&b".into(), "m".into()])
        .ids(vec![3, 1, 2])
        .point(Point::builder().x(1).y(-2).build())
        .send()
        .await
        .unwrap();
    let form = PostForm::builder().title("t").tags(vec![]).build().unwrap();
    client.create_post().body(form).send().await.unwrap();

    let received = server.received();
    assert_eq!(received[0].header("content-type"), Some("application/x-www-form-urlencoded"));
    assert_eq!(body_text(&received[0]), "title=Hi+there&tags=z&tags=a%26b&tags=m&ids=3|1|2&point[x]=1&point[y]=-2");
    // An empty list sends nothing of it.
    assert_eq!(body_text(&received[1]), "title=t");

    // Required members are still checked before sending.
    match client.create_post().title("no tags").send().await {
        Err(SdkError::Construction(e)) => assert!(e.message().contains("tags"), "{e}"),
        other => panic!("expected a construction error, got {other:?}"),
    }
    assert_eq!(server.received().len(), 2);
}

/// A member whose schema is `false` has no field: a response that has it anyway is still
/// read (it is skipped, as any unknown member).
#[tokio::test]
async fn a_false_member_is_no_field_and_is_skipped_when_sent() {
    let server = TestServer::start(vec![Reply::json(200, r#"{"name": "n", "legacy": {"any": 1}}"#)]).await;
    let settings: Settings = client(&server).get_settings().send().await.unwrap();
    assert_eq!(settings, Settings::builder().name("n").build());
}

/// `%XX` escapes decoded (the test's own, to read what arrived).
fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap();
            out.push(u8::from_str_radix(hex, 16).unwrap());
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).unwrap()
}
