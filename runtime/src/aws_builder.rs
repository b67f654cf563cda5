//! The client builder's AWS settings (the `aws` feature): SigV4's signing name, the region,
//! where the credentials come from and the signing clock, and how `build()` resolves them.
//! Kept out of `builder.rs`: only crates of AWS specs compile it.

use std::time::SystemTime;

use aws_credential_types::provider::{ProvideCredentials, SharedCredentialsProvider};

use super::aws_credentials::CredentialsSource;
use super::sigv4::SigV4;
use super::{aws_region, BuildError, ClientBuilder, Credentials, ServerVariable};

/// What the builder was told about signing; resolved by [`AwsSettings::resolve`].
#[derive(Debug, Clone, Default)]
pub(crate) struct AwsSettings {
    signing_name: Option<String>,
    region: Option<String>,
    credentials: Option<CredentialsSource>,
    clock: Option<SystemTime>,
}

impl AwsSettings {
    /// The signer, when [`ClientBuilder::sigv4`] was called: the region resolved (the
    /// builder's, else the environment's and the shared config file's) and filled into the
    /// server variable that holds it; the credentials the builder's, else `AWS_*` variables.
    pub(crate) fn resolve(
        self,
        server: &mut Option<(&'static str, Vec<ServerVariable>)>,
    ) -> Result<Option<SigV4>, BuildError> {
        let Some(signing_name) = self.signing_name else {
            return Ok(None);
        };
        let region = aws_region::resolve(self.region)?;
        for variable in server.iter_mut().flat_map(|(_, variables)| variables) {
            variable.fill_region(&region);
        }
        Ok(Some(SigV4 {
            signing_name,
            region,
            credentials: self.credentials.or_else(|| Credentials::from_env().map(CredentialsSource::fixed)),
            clock: self.clock,
        }))
    }
}

impl ClientBuilder {
    /// Signs every authenticated request with AWS SigV4 for the service `signing_name` (the
    /// `aws` feature). The region and the credentials are set by the setters below or found
    /// when the client is built (see [`ClientBuilder::region`], [`ClientBuilder::credentials`]).
    pub fn sigv4(mut self, signing_name: impl Into<String>) -> Self {
        self.aws.signing_name = Some(signing_name.into());
        self
    }

    /// The AWS region requests are signed for, and sent to where a server variable holds the
    /// region (`ServerVariable::region`). Without it, `build()` looks as the AWS SDKs do:
    /// `AWS_REGION`, `AWS_DEFAULT_REGION`, then `region` in the shared config file
    /// (`AWS_CONFIG_FILE` or `~/.aws/config`, profile `AWS_PROFILE` or `default`), and fails
    /// with a [`BuildError`] saying how to set one when none is found. A spec's default for
    /// the region variable is not used. The value must be a region code (one DNS label).
    pub fn region(mut self, region: impl Into<String>) -> Self {
        self.aws.region = Some(region.into());
        self
    }

    /// Fixed AWS credentials to sign with. Without these or a provider, `build()` reads
    /// `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY` and `AWS_SESSION_TOKEN` (once); with
    /// neither, every signed request fails with a construction error. Replaces a provider.
    pub fn credentials(mut self, credentials: Credentials) -> Self {
        self.aws.credentials = Some(CredentialsSource::fixed(credentials));
        self
    }

    /// Credentials from a provider of the official trait (`aws-config`'s default chain, an
    /// assumed role, `aws_credential_types::credential_fn::provide_credentials_fn`, ...).
    /// It is asked before the first signed attempt; its credentials are kept, shared by the
    /// client's clones, until they are within 5 minutes of their `expiry()`, and then asked
    /// for again, once for all the requests waiting. A failure (or no answer in 5 s) is
    /// `Error::Credentials`, with the provider's error as its source. Replaces fixed
    /// credentials.
    pub fn credentials_provider(mut self, provider: impl ProvideCredentials + 'static) -> Self {
        let provider = SharedCredentialsProvider::new(provider);
        self.aws.credentials = Some(CredentialsSource::provider(provider));
        self
    }

    /// Signs with a fixed clock instead of the system clock (for reproducible signatures in
    /// tests).
    pub fn sigv4_fixed_time(mut self, time: SystemTime) -> Self {
        self.aws.clock = Some(time);
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::UrlPart;

    #[test]
    fn the_region_fills_its_server_variable_and_the_signer() {
        let mut server = Some((
            "https://svc.{region}.amazonaws.com/{stage}",
            vec![
                ServerVariable::region("region", UrlPart::Host, &[]),
                ServerVariable::new("stage", "v1", UrlPart::Path, &[]),
            ],
        ));
        let settings = ClientBuilder::new("ua").sigv4("svc").region("eu-west-3").aws;
        let sigv4 = settings.resolve(&mut server).unwrap().unwrap();
        assert_eq!(sigv4.region, "eu-west-3");
        let (template, variables) = server.unwrap();
        assert_eq!(crate::server::fill(template, &variables).unwrap(), "https://svc.eu-west-3.amazonaws.com/v1");
        // Without `sigv4`, nothing is resolved (and no region is needed).
        assert!(ClientBuilder::new("ua").aws.resolve(&mut None).unwrap().is_none());
    }

    #[test]
    fn a_bad_region_fails_the_build() {
        let err = ClientBuilder::new("ua")
            .base_url("http://127.0.0.1:9")
            .sigv4("svc")
            .region("eu-west-3.evil.example")
            .build()
            .unwrap_err();
        assert!(err.to_string().contains("not a region code"), "{err}");
    }
}
