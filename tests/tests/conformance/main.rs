//! Conformance tests: the generated clients judged by independent references, not by our own
//! expectations. One test binary (`cargo test -p sdkgen-tests --test conformance`).

/// The official AWS SDK's wire fixtures for Wickr's GetSecurityGroup (24 cases): same
/// requests, attempts and outcomes, or a documented difference.
mod wickr_sdk_fixtures_get_security_group;

/// The official AWS SDK's wire fixtures for ListSecurityGroups (03), its paginator (04) and
/// GetUser (27), and the paginator over several pages and repeated tokens.
mod wickr_sdk_fixtures_list_paginate_get_user;

/// Prism, a validating mock of `specs/commvault.yaml`, accepts every UserGroup request of the
/// Commvault client, and the client parses every answer; with negative controls.
mod commvault_prism;
