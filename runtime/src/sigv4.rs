//! AWS Signature Version 4, with the real signing crate (`aws-sigv4`), as the AWS SDKs sign.
//! Behind the `aws` feature: crates of non-AWS specs do not compile the AWS crates.

use std::time::SystemTime;

use aws_sigv4::http_request::{sign, SignableBody, SignableRequest, SigningSettings};
use aws_sigv4::sign::v4;
use aws_smithy_runtime_api::client::identity::Identity;
use http::{HeaderMap, HeaderName, HeaderValue, Method};

use super::{ConstructionError, Credentials};

/// SigV4 settings of a client.
#[derive(Debug, Clone)]
pub(crate) struct SigV4 {
    pub(crate) signing_name: String,
    pub(crate) region: String,
    pub(crate) credentials: Option<Credentials>,
    /// The signing clock; `None` is the system clock. Tests fix it to compare signatures.
    pub(crate) clock: Option<SystemTime>,
}

impl SigV4 {
    /// Signs a request: adds `x-amz-date`, `authorization` and, with a session token,
    /// `x-amz-security-token` to `headers`. `url` is the full URL as it will be sent.
    pub(crate) fn sign(
        &self,
        method: &Method,
        url: &str,
        headers: &mut HeaderMap,
        body: &[u8],
    ) -> Result<(), ConstructionError> {
        let credentials = self.credentials.as_ref().ok_or_else(|| {
            ConstructionError::new(
                "no AWS credentials: set them on the client builder, or set \
                 AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY",
            )
        })?;
        let identity: Identity = aws_credential_types::Credentials::new(
            credentials.access_key_id.clone(),
            credentials.secret_access_key.clone(),
            credentials.session_token.clone(),
            None,
            "sdkgen-runtime",
        )
        .into();
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

    #[test]
    fn signs_with_the_aws_test_suite_credentials() {
        // The AWS SigV4 test suite's "get-vanilla" case: same inputs, same signature.
        let sigv4 = SigV4 {
            signing_name: "service".into(),
            region: "us-east-1".into(),
            credentials: Some(Credentials::new(
                "AKIDEXAMPLE",
                "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
                None,
            )),
            clock: Some(SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1_440_938_160)),
        };
        let mut headers = HeaderMap::new();
        headers.insert("host", HeaderValue::from_static("example.amazonaws.com"));
        sigv4
            .sign(&Method::GET, "https://example.amazonaws.com/", &mut headers, b"")
            .unwrap();
        assert_eq!(headers["x-amz-date"], "20150830T123600Z");
        assert_eq!(
            headers["authorization"],
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, \
             SignedHeaders=host;x-amz-date, \
             Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"
        );
    }

    #[test]
    fn signing_without_credentials_is_a_construction_error() {
        let sigv4 = SigV4 {
            signing_name: "wickr".into(),
            region: "us-east-1".into(),
            credentials: None,
            clock: None,
        };
        let err = sigv4
            .sign(&Method::GET, "https://x/", &mut HeaderMap::new(), b"")
            .unwrap_err();
        assert!(err.message().contains("AWS_ACCESS_KEY_ID"));
    }
}
