//! The generated structs' serde is written out, not derived (`emit/struct_ser.rs`,
//! `emit/struct_de.rs`, `sdkgen_runtime::structs`): these hold it to what the derives did.

use serde_json::json;
use wickr::types::{AccessLevel, GetNetworkResponse};

fn network() -> serde_json::Value {
    json!({
        "networkId": "n-1",
        "networkName": "ops",
        "accessLevel": "PREMIUM",
        "awsAccountId": "123456789012",
        "networkArn": "arn:aws:wickr:us-east-1:123456789012:network/n-1",
        "standing": 2,
    })
}

#[test]
fn members_by_wire_name_round_trip_and_unknown_ones_are_skipped() {
    let mut sent = network();
    sent["addedLater"] = json!({"deep": [1, null, {"x": true}]});
    sent["migrationState"] = serde_json::Value::Null;
    let parsed: GetNetworkResponse = serde_json::from_value(sent).unwrap();
    assert_eq!(parsed.network_id, "n-1");
    assert_eq!(parsed.access_level, AccessLevel::Premium);
    assert_eq!((parsed.standing, parsed.migration_state), (Some(2), None));
    // Written back: the members as sent (the unknown one is not kept), `None`s left out, and
    // no `request_id` (not part of the body).
    assert_eq!(serde_json::to_value(&parsed).unwrap(), network());
    // From bytes as the client reads bodies (keys borrowed), the same value.
    let bytes = serde_json::to_vec(&network()).unwrap();
    assert_eq!(serde_json::from_slice::<GetNetworkResponse>(&bytes).unwrap(), parsed);
}

#[test]
fn a_missing_required_member_a_wrong_type_and_an_array_are_errors() {
    let mut sent = network();
    sent.as_object_mut().unwrap().remove("awsAccountId");
    let err = serde_json::from_value::<GetNetworkResponse>(sent).unwrap_err().to_string();
    assert_eq!(err, "missing field `awsAccountId`");
    let mut sent = network();
    sent["standing"] = json!("high");
    let err = serde_json::from_value::<GetNetworkResponse>(sent).unwrap_err().to_string();
    assert!(err.contains("invalid type: string \"high\", expected i32"), "{err}");
    // The derive read an array as the members in order; JSON APIs never send one.
    let err = serde_json::from_str::<GetNetworkResponse>(r#"["n-1", "ops"]"#).unwrap_err().to_string();
    assert!(err.contains("expected struct GetNetworkResponse"), "{err}");
}
