//! The generated Commvault client against a real HTTP server on 127.0.0.1: the documented
//! example body parsed field by field, wire names kept, the `Authtoken` and `mode` headers
//! sent, the documented 404 and undocumented responses kept whole.

use commvault::errors::GetUserGroupDetailsError;
use commvault::types::{
    Mode, PermissionRespType, RestrictedConsoleTypesConsoleType, ServiceTypes, TfaOptions,
    UserGroup,
};
use commvault::SdkError;
use sdkgen_tests::{Reply, TestServer};

/// The seed's "Example (from schema)", with distinct values so a swapped field shows.
const EXAMPLE: &str = r#"{
  "id": "17", "name": "Tenant Admins", "GUID": "5A1B-77", "description": "admins of the tenant",
  "enabled": true, "enforceFSQuota": true, "quotaLimitInGB": 250, "serviceType": "ACTIVE_DIRECTORY",
  "email": "admins@example.com", "enableTwoFactorAuthentication": "ON",
  "enableLocalAuthentication": "DISABLED_AT_COMPANY",
  "associatedExternalGroups": [{"id": 3, "name": "AD Admins"}],
  "laptopAdmins": false,
  "associatedLocalGroups": [{"id": 4, "name": "local"}],
  "plan": {"id": 5, "name": "Gold"}, "company": {"id": 6, "name": "Acme"},
  "users": [{"id": 7, "name": "alice"}, {"id": 8, "name": "bob"}],
  "associatedEntities": [{"id": 9, "name": "client-1", "type": "CLIENT",
    "role": {"id": 10, "name": "Viewer"},
    "permissionList": {"permissionId": 11, "permissionName": "View", "categoryId": 12,
      "categoryName": "Monitoring", "type": "PERMISSION_ENTITY", "exclude": true}}],
  "eligibleToAllowMultipleCompanyMembers": true, "allowMultipleCompanyMembers": true,
  "restrictedConsoleTypes": [{"consoleType": "COMMCELLCONSOLE", "parent": {"id": 13, "name": "Acme", "type": "COMPANY"}}],
  "azureGUID": "azure-1", "showAzureGuidOption": false
}"#;

fn client(server: &TestServer) -> commvault::Client {
    commvault::Client::builder()
        .server_url(server.url())
        .token("QSDK 3f2a")
        // Retried statuses (the 500 below) without seconds of backoff.
        .retry(commvault::RetryConfig::default().with_initial_backoff(std::time::Duration::from_millis(1)))
        .build()
        .expect("valid configuration")
}

async fn details(server: &TestServer) -> Result<UserGroup, SdkError<GetUserGroupDetailsError>> {
    client(server).get_user_group_details().user_group_id(17).mode(Mode::EdgeMode).send().await
}

#[tokio::test]
async fn parses_every_field_of_the_documented_example() {
    let server = TestServer::start(vec![Reply::json(200, EXAMPLE)]).await;
    let g = details(&server).await.expect("200");
    assert_eq!(g.id.as_deref(), Some("17"));
    assert_eq!(g.name.as_deref(), Some("Tenant Admins"));
    assert_eq!(g.guid.as_deref(), Some("5A1B-77"));
    assert_eq!(g.description.as_deref(), Some("admins of the tenant"));
    assert_eq!((g.enabled, g.enforce_fs_quota, g.quota_limit_in_gb), (Some(true), Some(true), Some(250)));
    assert_eq!(g.service_type, Some(ServiceTypes::ActiveDirectory));
    assert_eq!(g.email.as_deref(), Some("admins@example.com"));
    assert_eq!(g.enable_two_factor_authentication, Some(TfaOptions::On));
    assert_eq!(g.enable_local_authentication, Some(TfaOptions::DisabledAtCompany));
    let ext = g.associated_external_groups.expect("external groups");
    assert_eq!((ext[0].id, ext[0].name.as_deref()), (Some(3), Some("AD Admins")));
    assert_eq!(g.laptop_admins, Some(false));
    let local = g.associated_local_groups.expect("local groups");
    assert_eq!((local[0].id, local[0].name.as_deref()), (Some(4), Some("local")));
    let plan = g.plan.expect("plan");
    assert_eq!((plan.id, plan.name.as_deref()), (Some(5), Some("Gold")));
    let company = g.company.expect("company");
    assert_eq!((company.id, company.name.as_deref()), (Some(6), Some("Acme")));
    let users: Vec<_> = g.users.expect("users").into_iter().map(|u| (u.id, u.name)).collect();
    assert_eq!(users, [(Some(7), Some("alice".to_owned())), (Some(8), Some("bob".to_owned()))]);
    let entity = &g.associated_entities.expect("entities")[0];
    assert_eq!((entity.id, entity.name.as_deref(), entity.r#type.as_deref()), (Some(9), Some("client-1"), Some("CLIENT")));
    let role = entity.role.as_ref().expect("role");
    assert_eq!((role.id, role.name.as_deref()), (Some(10), Some("Viewer")));
    let p = entity.permission_list.as_ref().expect("permission list");
    assert_eq!((p.permission_id, p.permission_name.as_deref()), (Some(11), Some("View")));
    assert_eq!((p.category_id, p.category_name.as_deref()), (Some(12), Some("Monitoring")));
    assert_eq!((p.r#type.clone(), p.exclude), (Some(PermissionRespType::PermissionEntity), Some(true)));
    assert_eq!(g.eligible_to_allow_multiple_company_members, Some(true));
    assert!(g.allow_multiple_company_members);
    let restricted = &g.restricted_console_types.expect("restricted console types")[0];
    assert_eq!(restricted.console_type, Some(RestrictedConsoleTypesConsoleType::Commcellconsole));
    let parent = restricted.parent.as_ref().expect("parent");
    assert_eq!((parent.id, parent.name.as_deref(), parent.r#type.as_deref()), (Some(13), Some("Acme"), Some("COMPANY")));
    assert_eq!(g.azure_guid.as_deref(), Some("azure-1"));
    assert_eq!(g.show_azure_guid_option, Some(false));
}

#[tokio::test]
async fn sends_the_path_under_the_base_path_with_authtoken_and_mode() {
    let server = TestServer::start(vec![Reply::json(200, "{}")]).await;
    details(&server).await.expect("200");
    let [request] = &server.received()[..] else {
        panic!("expected one request");
    };
    assert_eq!(request.method, "GET");
    assert_eq!(request.target, "/webconsole/api/V4/UserGroup/17");
    assert_eq!(request.header("authtoken"), Some("QSDK 3f2a"));
    assert_eq!(request.header("mode"), Some("EdgeMode"));

    // `mode` is optional: not set, not sent.
    client(&server).get_user_group_details().user_group_id(-3).send().await.expect("200");
    let request = &server.received()[1];
    assert_eq!(request.target, "/webconsole/api/V4/UserGroup/-3");
    assert_eq!(request.header("mode"), None);
}

#[tokio::test]
async fn the_documented_404_keeps_the_raw_response() {
    let server = TestServer::start(vec![Reply::json(404, "Requested Details not found")]).await;
    match details(&server).await {
        Err(SdkError::Service(GetUserGroupDetailsError::NotFound(raw))) => {
            assert_eq!(raw.status(), 404);
            assert_eq!(raw.text(), "Requested Details not found");
        }
        other => panic!("expected NotFound, got {other:?}"),
    }
}

#[tokio::test]
async fn undocumented_statuses_are_unknown_with_status_headers_and_body() {
    let server = TestServer::start(vec![Reply::json(500, r#"{"errorCode": 1}"#).header("x-trace", "t-1")]).await;
    match details(&server).await {
        Err(SdkError::Service(GetUserGroupDetailsError::Unknown(raw))) => {
            assert_eq!(raw.status(), 500);
            assert_eq!(raw.header("x-trace"), Some("t-1"));
            assert_eq!(raw.text(), r#"{"errorCode": 1}"#);
        }
        other => panic!("expected Unknown, got {other:?}"),
    }
}

#[tokio::test]
async fn a_new_enum_value_from_the_server_does_not_fail_the_response() {
    let body = r#"{"serviceType": "SOMETHING_NEW", "enableTwoFactorAuthentication": "OFF",
                   "restrictedConsoleTypes": [{"consoleType": "HOLOGRAM"}]}"#;
    let server = TestServer::start(vec![Reply::json(200, body)]).await;
    let g = details(&server).await.expect("200");
    // Kept in the sealed catch-all (which code can read, not build), equal to what parsing
    // the same string gives.
    let service_type = g.service_type.expect("present");
    assert!(matches!(&service_type, ServiceTypes::Unrecognized(v) if v.as_str() == "SOMETHING_NEW"), "{service_type:?}");
    assert_eq!(service_type.as_str(), "SOMETHING_NEW");
    assert_eq!(service_type.to_string(), "SOMETHING_NEW");
    assert_eq!(service_type, ServiceTypes::from("SOMETHING_NEW"));
    assert_eq!(g.enable_two_factor_authentication, Some(TfaOptions::Off));
    assert_eq!(
        g.restricted_console_types.unwrap()[0].console_type,
        Some(RestrictedConsoleTypesConsoleType::from("HOLOGRAM"))
    );
    // Absent, `allowMultipleCompanyMembers` takes its documented default.
    assert!(!g.allow_multiple_company_members);
}

#[test]
fn wire_names_round_trip_exactly() {
    let parsed: UserGroup = serde_json::from_str(EXAMPLE).unwrap();
    let written = serde_json::to_value(&parsed).unwrap();
    let original: serde_json::Value = serde_json::from_str(EXAMPLE).unwrap();
    assert_eq!(written, original);
    for key in ["GUID", "enforceFSQuota", "quotaLimitInGB", "azureGUID"] {
        assert!(written.get(key).is_some(), "{key} must keep its wire name");
    }
    // Unknown enum values are written back as received.
    assert_eq!(serde_json::to_value(ServiceTypes::from("X")).unwrap(), "X");
    assert_eq!(ServiceTypes::from("COMMSERVE"), ServiceTypes::Commserve);
    assert_eq!(ServiceTypes::DummyDomain.to_string(), "DUMMY_DOMAIN");
}

#[test]
fn a_relative_server_needs_a_server_url() {
    let err = commvault::Client::builder().token("t").build().expect_err("no server URL");
    assert!(err.to_string().contains("base URL"), "{err}");
}

#[tokio::test]
async fn a_missing_required_parameter_sends_nothing() {
    let server = TestServer::start(vec![Reply::json(200, "{}")]).await;
    match client(&server).get_user_group_details().send().await {
        Err(SdkError::Construction(e)) => assert!(e.message().contains("user_group_id"), "{e}"),
        other => panic!("expected a construction error, got {other:?}"),
    }
    assert!(server.received().is_empty());
}
