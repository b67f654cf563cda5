//! `tests/constructs/aws_query.yaml` and `aws_ec2_query.yaml` (specs as aws2openapi converts
//! the AWS model) against a real HTTP server on 127.0.0.1: lists and structures in the query
//! and in a form body arrive in the AWS query protocols' spelling, `Filter.1.Name=x` for
//! `ec2Query`, `Tags.Tag.1.Key=k` for `awsQuery`, and the request goes to `/` (the `#Action=`
//! of the spec's path is a fragment, never sent).

use std::collections::BTreeMap;

use buildrs_consumer::constructs::aws_ec2_query;
use buildrs_consumer::constructs::aws_query;
use sdkgen_tests::{Recorded, Reply, TestServer};

fn ok() -> Reply {
    Reply { status: 200, headers: Vec::new(), body: String::new() }
}

/// The query of a request, as sent, one `name=value` per item.
fn query(request: &Recorded) -> Vec<&str> {
    let (path, query) = request.target.split_once('?').unwrap_or((&request.target, ""));
    assert_eq!(path, "/api/", "the spec's `#Action=...` is a fragment: not sent");
    query.split('&').filter(|pair| !pair.is_empty()).collect()
}

#[tokio::test]
async fn ec2_lists_are_flattened_with_capitalised_xml_names() {
    use aws_ec2_query::types::{Filter, GetDescribeThingsAction, GetDescribeThingsVersion, Tag, TagSpecification};
    let server = TestServer::start(vec![ok(), ok()]).await;
    let client = aws_ec2_query::Client::builder().server_url(server.url()).build().unwrap();
    let filters = vec![
        Filter::builder().name("tag:env").values(vec!["prod".into(), "dev".into()]).build(),
        Filter::builder().name("state").values(Vec::new()).build(),
    ];
    let spec = TagSpecification::builder()
        .resource_type("instance")
        .tags(vec![Tag::builder().key("Name").value("a b").build(), Tag::builder().key("k").build()])
        .build();
    client
        .get_describe_things()
        .action(GetDescribeThingsAction::DescribeThings)
        .version(GetDescribeThingsVersion::V20161115)
        .filter(filters)
        .thing_id(vec!["i-1".into(), "i-2".into()])
        .tag_specification(vec![spec])
        .dry_run(true)
        .send()
        .await
        .unwrap();
    // Nothing set: the lists send nothing, and `Action` and `Version` (required, each a
    // one-value enum) are sent with the one value they allow.
    client
        .get_describe_things()
        .send()
        .await
        .unwrap();

    let received = server.received();
    assert_eq!(
        query(&received[0]),
        [
            "Filter.1.Name=tag%3Aenv",
            "Filter.1.Value.1=prod",
            "Filter.1.Value.2=dev",
            "Filter.2.Name=state",
            // An empty list is sent empty (the Smithy compliance tests' `Ec2EmptyQueryLists`).
            "Filter.2.Value=",
            "ThingId.1=i-1",
            "ThingId.2=i-2",
            // Members keyed by their xml name, capitalised: `resourceType`, `Tag`, `key`.
            "TagSpecification.1.ResourceType=instance",
            "TagSpecification.1.Tag.1.Key=Name",
            "TagSpecification.1.Tag.1.Value=a%20b",
            "TagSpecification.1.Tag.2.Key=k",
            "DryRun=true",
            "Action=DescribeThings",
            "Version=2016-11-15",
        ]
    );
    assert_eq!(query(&received[1]), ["Action=DescribeThings", "Version=2016-11-15"]);
}

#[tokio::test]
async fn query_lists_carry_their_member_names_and_maps_their_entries() {
    use aws_query::types::{Filter, GetAddTagsAction, GetAddTagsVersion, Settings, Tag};
    let server = TestServer::start(vec![ok()]).await;
    let client = aws_query::Client::builder().server_url(server.url()).build().unwrap();
    let attributes: BTreeMap<String, String> = [("color".to_owned(), "blue".to_owned()), ("size".to_owned(), "L".to_owned())].into();
    client
        .get_add_tags()
        .action(GetAddTagsAction::AddTags)
        .version(GetAddTagsVersion::V20141031)
        .resource_name("db-1")
        .tags(vec![Tag::builder().key("env").value("prod").build().unwrap()])
        .filters(vec![Filter::builder().name("engine").values(vec!["mysql".into(), "postgres".into()]).build().unwrap()])
        .names(vec!["a".into(), "b".into()])
        .settings(Settings::builder().mode("fast").limits(vec![1, 2]).enabled(false).build())
        .attributes(attributes)
        .send()
        .await
        .unwrap();

    let received = server.received();
    assert_eq!(
        query(&received[0]),
        [
            "ResourceName=db-1",
            "Tags.Tag.1.Key=env",
            "Tags.Tag.1.Value=prod",
            "Filters.Filter.1.Name=engine",
            "Filters.Filter.1.Values.Value.1=mysql",
            "Filters.Filter.1.Values.Value.2=postgres",
            "Names.member.1=a",
            "Names.member.2=b",
            // The member `mode` under its xml name; lists without one are `member`.
            "Settings.Mode=fast",
            "Settings.Limits.member.1=1",
            "Settings.Limits.member.2=2",
            "Settings.Enabled=false",
            "Attributes.entry.1.key=color",
            "Attributes.entry.1.value=blue",
            "Attributes.entry.2.key=size",
            "Attributes.entry.2.value=L",
            "Action=AddTags",
            "Version=2014-10-31",
        ]
    );
}

#[tokio::test]
async fn a_form_body_is_the_input_structure_in_the_protocols_spelling() {
    use aws_query::types::Tag;
    let server = TestServer::start(vec![ok()]).await;
    let client = aws_query::Client::builder().server_url(server.url()).build().unwrap();
    // `Action` and `Version` not set: each is sent with the one value its enum allows.
    client
        .post_add_tags()
        .resource_name("arn:aws:rds:db 1")
        .tags(vec![Tag::builder().key("a&b").value("=").build().unwrap(), Tag::builder().key("k").build().unwrap()])
        .send()
        .await
        .unwrap();

    let received = server.received();
    assert_eq!(received[0].method, "POST");
    assert_eq!(query(&received[0]), ["Action=AddTags", "Version=2014-10-31"]);
    assert_eq!(received[0].header("content-type"), Some("application/x-www-form-urlencoded"));
    assert_eq!(
        std::str::from_utf8(&received[0].body).unwrap(),
        "ResourceName=arn%3Aaws%3Ards%3Adb%201&Tags.Tag.1.Key=a%26b&Tags.Tag.1.Value=%3D&Tags.Tag.2.Key=k"
    );
}

/// A required list left unset is named before anything is sent.
#[tokio::test]
async fn a_required_list_not_set_is_a_construction_error() {
    use aws_query::types::{GetAddTagsAction, GetAddTagsVersion};
    let server = TestServer::start(vec![ok()]).await;
    let client = aws_query::Client::builder().server_url(server.url()).build().unwrap();
    let error = client
        .get_add_tags()
        .action(GetAddTagsAction::AddTags)
        .version(GetAddTagsVersion::V20141031)
        .resource_name("db-1")
        .send()
        .await
        .unwrap_err();
    assert!(error.to_string().contains("request not sent"), "{error}");
    assert!(format!("{:?}", error).contains("tags"), "{error:?}");
    assert!(server.received().is_empty());
}
