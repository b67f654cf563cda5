//! Wire conformance with the official AWS SDK for Rust: each fixture case in
//! `../shared/fixtures/wickr-aws-sdk/` records what `aws-sdk-wickr` sent and decided for the
//! same inputs, credentials and clock. We replay the server's side of each case against our
//! generated client and compare: the request targets (method, path, percent-encoding,
//! query), the signature (recomputed and verified on the server with the real signing
//! crate), the number of attempts, and the outcome. Where we decide differently on purpose,
//! the difference is listed in `DIFFERENCES` with its reason (and in the README).

use std::time::{Duration, SystemTime};

use sdkgen_tests::{verify_sigv4, TestServer};
use serde_json::Value;
use wickr::errors::GetSecurityGroupError;
use wickr::{Credentials, SdkError, RetryConfig};

use sdkgen_tests::fixtures::{replies, CLOCK, SECRET};

/// Cases where our client decides differently from the official SDK, on purpose:
/// (case, our outcome, our attempts, why).
const DIFFERENCES: &[(&str, &str, usize, &str)] = &[
    ("05", "ResourceNotFoundError", 1, "an error without a code is the documented error of its status"),
    ("10", "RateLimitError", 3, "classified by status, and throttling is retried with backoff"),
    ("11", "RateLimitError", 3, "throttling is retried with backoff, as the error's docs ask"),
    ("12", "ValidationError", 1, "an error without a code is the documented error of its status"),
    ("14", "InternalServerError", 3, "an error without a code is the documented error of its status"),
    ("19", "decode", 1, "a success body missing required members is a decode error, kept whole, not zero-filled"),
    ("23", "construction", 0, "a `..` path segment is refused: parsers and proxies resolve it to the parent"),
];

/// The GetSecurityGroup cases (the others are in `wickr_sdk_fixtures_list_paginate_get_user.rs`).
fn get_cases() -> Vec<(String, Value)> {
    let mut cases = sdkgen_tests::fixtures::all();
    cases.retain(|(_, case)| case["probe_args"][0] == "get");
    cases
}

/// The official SDK's outcome, in our terms: `ok`, `construction`, or an error variant name
/// (its `Unhandled` is our `Unknown`).
fn official_outcome(case: &Value) -> String {
    let result = &case["probe_result"];
    match result["result"].as_str().unwrap() {
        "ok" => "ok".into(),
        _ if result["sdk_error_kind"] == "ConstructionFailure" => "construction".into(),
        _ => {
            let variant = result["operation_error_variant"].as_str().unwrap();
            let name = variant.split('(').next().unwrap();
            if name == "Unhandled" { "Unknown".into() } else { name.into() }
        }
    }
}

fn our_outcome(result: &Result<wickr::types::GetSecurityGroupResponse, SdkError<GetSecurityGroupError>>) -> String {
    match result {
        Ok(_) => "ok".into(),
        Err(SdkError::Construction(_)) => "construction".into(),
        Err(SdkError::Decode(_)) => "decode".into(),
        Err(SdkError::Transport(e)) => format!("transport: {e}"),
        Err(SdkError::Redirect(e)) => format!("redirect: {e}"),
        Err(SdkError::Service(e)) => format!("{e:?}").split('(').next().unwrap().to_owned(),
        Err(other) => format!("other: {other}"),
    }
}

#[tokio::test]
async fn every_get_security_group_case_matches_the_official_sdk_or_a_documented_difference() {
    let cases = get_cases();
    assert_eq!(cases.len(), 24, "cases 01, 02 and 05-26 call GetSecurityGroup");
    let mut report = Vec::new();
    for (id, case) in &cases {
        let server = TestServer::start(replies(case)).await;
        let args = &case["probe_args"];
        let result = wickr::Client::builder()
            .base_url(server.url())
            .region("us-east-1")
            .credentials(Credentials::new("AKIDEXAMPLE", SECRET, None))
            .signing_time(SystemTime::UNIX_EPOCH + Duration::from_secs(CLOCK))
            // The official SDK's attempts, without its seconds of backoff.
            .retry(RetryConfig::default().with_initial_backoff(Duration::from_millis(1)))
            .build()
            .unwrap()
            .get_security_group()
            .network_id(args[1].as_str().unwrap())
            .group_id(args[2].as_str().unwrap())
            .send()
            .await;
        let received = server.received();

        let difference = DIFFERENCES.iter().find(|d| d.0 == id);
        let (expected_outcome, expected_attempts) = match difference {
            Some((_, outcome, attempts, _)) => (outcome.to_string(), *attempts),
            None => (official_outcome(case), case["request_count"].as_u64().unwrap() as usize),
        };
        let outcome = our_outcome(&result);
        assert_eq!(outcome, expected_outcome, "case {id}: outcome");
        assert_eq!(received.len(), expected_attempts, "case {id}: attempts");

        // Every request we sent: the official request's target, signed so that it verifies.
        let official = case["requests"].as_array().unwrap();
        for (i, request) in received.iter().enumerate() {
            let theirs = &official[i.min(official.len() - 1)];
            assert_eq!(request.method, theirs["method"].as_str().unwrap(), "case {id}");
            assert_eq!(request.target, theirs["target"].as_str().unwrap(), "case {id}: target");
            assert_eq!(request.header("x-amz-date"), Some("20260101T000000Z"), "case {id}");
            assert_eq!(verify_sigv4(request, SECRET), Ok("us-east-1/wickr".to_owned()), "case {id}");
        }
        report.push(format!("{id}: {outcome} in {} attempt(s){}", received.len(), if difference.is_some() { " (documented difference)" } else { "" }));
    }
    println!("{}", report.join("\n"));
}

#[test]
fn every_documented_difference_is_a_real_case_and_differs() {
    let cases = get_cases();
    for (id, outcome, attempts, why) in DIFFERENCES {
        let (_, case) = cases.iter().find(|c| &c.0 == id).unwrap_or_else(|| panic!("no case {id}"));
        let official = (official_outcome(case), case["request_count"].as_u64().unwrap() as usize);
        assert_ne!(official, (outcome.to_string(), *attempts), "case {id} does not differ: {why}");
    }
}
