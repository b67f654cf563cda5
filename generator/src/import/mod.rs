//! Importers: other API descriptions into OpenAPI specs to review and commit.

pub mod aws;
