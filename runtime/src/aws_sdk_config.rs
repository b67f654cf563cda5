//! Configuration from an `aws_types::SdkConfig` (the `aws-config` feature): what
//! `aws_config::load_from_env().await` returns, after the AWS SDKs' whole provider chain
//! (environment, profile files, SSO, web identity, ECS, IMDS, with refresh). The runtime
//! depends on `aws-types` only, the light crate that defines `SdkConfig`; the caller brings
//! `aws-config` (and its HTTP client) as they would for an official SDK.

use super::{ClientBuilder, RetryConfig};

impl ClientBuilder {
    /// Takes from `config` what applies to this client; setters called afterwards win:
    /// - the region (see [`ClientBuilder::region`]);
    /// - the credentials provider, cached and refreshed as [`ClientBuilder::credentials_provider`] says;
    /// - the endpoint URL (`AWS_ENDPOINT_URL`, `endpoint_url` in a profile), as the base URL;
    /// - the timeouts that are set: connect, read, per attempt (`operation_attempt_timeout`,
    ///   our `timeout`), per operation; those it leaves unset keep this client's defaults;
    /// - the retry configuration's maximum attempts and backoff (the retry mode, `standard`
    ///   or `adaptive`, is not: this client always retries as the standard mode does).
    ///
    /// Ignored: its HTTP client, sleep and time source (the client uses its own reqwest and
    /// tokio), identity cache (credentials are cached as above), `app_name`, FIPS and
    /// dual-stack endpoints, and the rest, which concern the official SDKs' own machinery.
    pub fn sdk_config(mut self, config: &aws_types::SdkConfig) -> Self {
        if let Some(region) = config.region() {
            self = self.region(region.as_ref());
        }
        if let Some(provider) = config.credentials_provider() {
            self = self.credentials_provider(provider);
        }
        if let Some(url) = config.endpoint_url() {
            self = self.base_url(url);
        }
        if let Some(timeouts) = config.timeout_config() {
            if let Some(t) = timeouts.connect_timeout() {
                self = self.connect_timeout(t);
            }
            if let Some(t) = timeouts.read_timeout() {
                self = self.read_timeout(t);
            }
            if let Some(t) = timeouts.operation_attempt_timeout() {
                self = self.timeout(t);
            }
            if let Some(t) = timeouts.operation_timeout() {
                self = self.operation_timeout(t);
            }
        }
        if let Some(retry) = config.retry_config() {
            self = self.retry(
                RetryConfig::default()
                    .with_max_attempts(retry.max_attempts())
                    .with_initial_backoff(retry.initial_backoff())
                    .with_max_backoff(retry.max_backoff()),
            );
        }
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use aws_credential_types::provider::SharedCredentialsProvider;
    use aws_credential_types::Credentials;
    use aws_types::region::Region;
    use aws_types::sdk_config::{RetryConfig as AwsRetry, TimeoutConfig};
    use std::time::Duration;

    #[test]
    fn what_an_sdk_config_sets() {
        let config = aws_types::SdkConfig::builder()
            .region(Region::new("eu-south-2"))
            .credentials_provider(SharedCredentialsProvider::new(Credentials::new("AKID", "SECRET", None, None, "test")))
            .endpoint_url("http://127.0.0.1:9/prefix")
            .timeout_config(
                TimeoutConfig::builder()
                    .connect_timeout(Duration::from_secs(2))
                    .operation_timeout(Duration::from_secs(40))
                    .build(),
            )
            .retry_config(AwsRetry::standard().with_max_attempts(5))
            .build();
        let client = ClientBuilder::new("ua").sigv4("svc").sdk_config(&config).build().unwrap();
        assert_eq!(client.operation_timeout, Some(Duration::from_secs(40)));
        assert_eq!(client.retry.max_attempts(), 5);
        assert_eq!(client.base_url(), "http://127.0.0.1:9/prefix");
        let sigv4 = client.sigv4.as_ref().unwrap();
        assert_eq!(sigv4.region, "eu-south-2");
        let shown = format!("{:?}", sigv4.credentials);
        assert!(shown.contains("Provider") && !shown.contains("SECRET"), "{shown}");
        // A later setter wins.
        let client = ClientBuilder::new("ua").sigv4("svc").sdk_config(&config).region("us-west-1").build().unwrap();
        assert_eq!(client.sigv4.unwrap().region, "us-west-1");
    }
}
