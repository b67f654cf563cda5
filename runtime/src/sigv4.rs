//! AWS Signature Version 4, with the real signing crate (`aws-sigv4`), as the AWS SDKs sign.
//! Behind the `aws` feature: crates of non-AWS specs do not compile the AWS crates.

use std::time::SystemTime;

use aws_sigv4::http_request::{sign, SignableBody, SignableRequest, SigningSettings};
use aws_sigv4::sign::v4;
use aws_smithy_runtime_api::client::identity::Identity;
use http::{HeaderMap, HeaderName, HeaderValue, Method};

use super::aws_credentials::CredentialsSource;
use super::{ConstructionError, Error};

/// SigV4 settings of a client, its region resolved (see `aws_region`).
#[derive(Debug, Clone)]
pub(crate) struct SigV4 {
    pub(crate) signing_name: String,
    pub(crate) region: String,
    pub(crate) credentials: Option<CredentialsSource>,
    /// The signing clock; `None` is the system clock. Tests fix it to compare signatures.
    pub(crate) clock: Option<SystemTime>,
}

impl SigV4 {
    /// The credentials for the next attempt: fixed ones, or the provider's (cached, fetched
    /// again when they are about to expire). None configured is a construction error.
    pub(crate) async fn credentials<E>(&self) -> Result<aws_credential_types::Credentials, Error<E>> {
        let source = self.credentials.as_ref().ok_or_else(|| {
            ConstructionError::new(
                "no AWS credentials: set them on the client builder (`credentials` or \
                 `credentials_provider`), or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY",
            )
        })?;
        Ok(source.credentials().await?)
    }

    /// Signs a request with `credentials`: adds `x-amz-date`, `authorization` and, with a
    /// session token, `x-amz-security-token` to `headers`. `url` is the full URL as it will
    /// be sent.
    pub(crate) fn sign(
        &self,
        credentials: aws_credential_types::Credentials,
        method: &Method,
        url: &str,
        headers: &mut HeaderMap,
        body: &[u8],
    ) -> Result<(), ConstructionError> {
        let identity: Identity = credentials.into();
        let params = v4::SigningParams::builder()
            .identity(&identity)
            .region(&self.region)
            .name(&self.signing_name)
            .time(self.clock.unwrap_or_else(SystemTime::now))
            .settings(SigningSettings::default())
            .build()
            .map_err(|e| ConstructionError::new(format!("SigV4 parameters: {e}")))?
            .into();
        let header_pairs: Vec<(&str, &str)> = headers
            .iter()
            .filter_map(|(name, value)| Some((name.as_str(), value.to_str().ok()?)))
            .collect();
        let signable = SignableRequest::new(
            method.as_str(),
            url,
            header_pairs.into_iter(),
            SignableBody::Bytes(body),
        )
        .map_err(|e| ConstructionError::new(format!("cannot sign the request: {e}")))?;
        let (instructions, _signature) = sign(signable, &params)
            .map_err(|e| ConstructionError::new(format!("cannot sign the request: {e}")))?
            .into_parts();
        let (signed_headers, _query) = instructions.into_parts();
        for header in signed_headers {
            let name = HeaderName::from_bytes(header.name().as_bytes())
                .map_err(|e| ConstructionError::new(format!("SigV4 header: {e}")))?;
            let value = HeaderValue::from_str(header.value())
                .map_err(|e| ConstructionError::new(format!("SigV4 header: {e}")))?;
            headers.insert(name, value);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::Credentials;

    #[tokio::test]
    async fn signs_with_the_aws_test_suite_credentials() {
        // The AWS SigV4 test suite's "get-vanilla" case: same inputs, same signature.
        let sigv4 = SigV4 {
            signing_name: "service".into(),
            region: "us-east-1".into(),
            credentials: Some(CredentialsSource::fixed(Credentials::new(
                "AKIDEXAMPLE",
                "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
                None,
            ))),
            clock: Some(SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1_440_938_160)),
        };
        let mut headers = HeaderMap::new();
        headers.insert("host", HeaderValue::from_static("example.amazonaws.com"));
        let credentials = sigv4.credentials::<()>().await.unwrap();
        sigv4
            .sign(credentials, &Method::GET, "https://example.amazonaws.com/", &mut headers, b"")
            .unwrap();
        assert_eq!(headers["x-amz-date"], "20150830T123600Z");
        assert_eq!(
            headers["authorization"],
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, \
             SignedHeaders=host;x-amz-date, \
             Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"
        );
    }

    #[tokio::test]
    async fn signing_without_credentials_is_a_construction_error() {
        let sigv4 = SigV4 {
            signing_name: "wickr".into(),
            region: "us-east-1".into(),
            credentials: None,
            clock: None,
        };
        match sigv4.credentials::<()>().await {
            Err(Error::Construction(e)) => assert!(e.message().contains("AWS_ACCESS_KEY_ID"), "{e}"),
            other => panic!("expected a construction error, got {other:?}"),
        }
    }
}
