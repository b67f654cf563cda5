//! Where a SigV4 client's credentials come from: fixed ones (the builder's, or the `AWS_*`
//! environment variables read when the client is built), or a provider of the official trait
//! (`aws_credential_types::provider::ProvideCredentials`: `aws-config`'s chain, an STS role,
//! a closure), asked before an attempt is signed and cached until shortly before the
//! credentials it gave expire.

use std::fmt;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use aws_credential_types::provider::{ProvideCredentials as _, SharedCredentialsProvider};
use aws_credential_types::Credentials as AwsCredentials;

use super::{Credentials, CredentialsError};

/// Credentials are fetched again when they expire within this time: an attempt signed with
/// them must still be valid when it arrives (and through its retries' signing, which asks
/// again). Five minutes, as the AWS CLI's and boto's "mandatory refresh" window (the Rust
/// SDK's cache refreshes 10 s ahead, plus jitter); a provider whose credentials always expire
/// within it is simply asked before every attempt.
pub(crate) const REFRESH_BEFORE_EXPIRY: Duration = Duration::from_secs(5 * 60);

/// How long one call of the provider may take, as the AWS SDKs' identity cache allows (5 s).
/// A provider that hangs would otherwise stall every request of the client behind it.
pub(crate) const PROVIDER_TIMEOUT: Duration = Duration::from_secs(5);

/// The credentials a client signs with. `Debug` shows no secret and not the provider (whose
/// own `Debug` is not ours to trust).
#[derive(Clone)]
pub(crate) enum CredentialsSource {
    Fixed(AwsCredentials),
    Provider(CachedProvider),
}

impl CredentialsSource {
    pub(crate) fn fixed(credentials: Credentials) -> Self {
        Self::Fixed(AwsCredentials::new(
            credentials.access_key_id,
            credentials.secret_access_key,
            credentials.session_token,
            None,
            "sdkgen-runtime",
        ))
    }

    pub(crate) fn provider(provider: SharedCredentialsProvider) -> Self {
        Self::Provider(CachedProvider {
            provider,
            cached: Arc::new(tokio::sync::Mutex::new(None)),
        })
    }

    /// The credentials to sign the next attempt with.
    pub(crate) async fn credentials(&self) -> Result<AwsCredentials, CredentialsError> {
        match self {
            Self::Fixed(credentials) => Ok(credentials.clone()),
            Self::Provider(cached) => cached.credentials(SystemTime::now()).await,
        }
    }
}

impl fmt::Debug for CredentialsSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            // aws-credential-types' `Debug` shows the key id and redacts the secret and token.
            Self::Fixed(credentials) => f.debug_tuple("Fixed").field(credentials).finish(),
            Self::Provider(_) => f.write_str("Provider(..)"),
        }
    }
}

/// A provider and the credentials it last gave, shared by the client's clones.
#[derive(Clone)]
pub(crate) struct CachedProvider {
    provider: SharedCredentialsProvider,
    /// Held across the provider's call: concurrent requests that find the credentials
    /// missing or expiring wait for that one call instead of each making their own.
    cached: Arc<tokio::sync::Mutex<Option<AwsCredentials>>>,
}

impl CachedProvider {
    async fn credentials(&self, now: SystemTime) -> Result<AwsCredentials, CredentialsError> {
        let mut cached = self.cached.lock().await;
        if let Some(credentials) = cached.as_ref().filter(|c| fresh(c, now)) {
            return Ok(credentials.clone());
        }
        let fetched = tokio::time::timeout(PROVIDER_TIMEOUT, self.provider.provide_credentials())
            .await
            .map_err(|_| {
                CredentialsError::new(format!(
                    "the AWS credentials provider gave no credentials within {} s",
                    PROVIDER_TIMEOUT.as_secs()
                ))
            })?
            .map_err(CredentialsError::from_provider)?;
        *cached = Some(fetched.clone());
        Ok(fetched)
    }
}

/// Usable for an attempt now: no expiry, or not within [`REFRESH_BEFORE_EXPIRY`] of it.
fn fresh(credentials: &AwsCredentials, now: SystemTime) -> bool {
    credentials
        .expiry()
        .is_none_or(|expiry| expiry.duration_since(now).is_ok_and(|left| left > REFRESH_BEFORE_EXPIRY))
}

impl CredentialsError {
    /// The provider's error, kept as the source; the message says which kind it is. A
    /// provider's errors describe what failed, not the credentials (it has none to show).
    fn from_provider(e: aws_credential_types::provider::error::CredentialsError) -> Self {
        use aws_credential_types::provider::error::CredentialsError as E;
        let what = match &e {
            E::CredentialsNotLoaded(_) => "found no credentials",
            E::ProviderTimedOut(_) => "timed out",
            E::InvalidConfiguration(_) => "is not configured correctly",
            E::ProviderError(_) => "failed",
            _ => "failed unexpectedly",
        };
        CredentialsError::with_source(format!("the AWS credentials provider {what}"), e)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use aws_credential_types::provider::ProvideCredentials;
    use aws_credential_types::provider::future::ProvideCredentials as ProvideFuture;
    use std::sync::atomic::{AtomicU32, Ordering};

    /// Gives `AKID<n>` on its n-th call, expiring `lifetime` after `start`.
    #[derive(Debug)]
    struct Counting {
        calls: Arc<AtomicU32>,
        lifetime: Duration,
        start: SystemTime,
    }

    impl ProvideCredentials for Counting {
        fn provide_credentials<'a>(&'a self) -> ProvideFuture<'a>
        where
            Self: 'a,
        {
            let n = self.calls.fetch_add(1, Ordering::SeqCst) + 1;
            ProvideFuture::ready(Ok(AwsCredentials::new(
                format!("AKID{n}"),
                "SECRET",
                None,
                Some(self.start + self.lifetime),
                "test",
            )))
        }
    }

    #[tokio::test]
    async fn cached_until_close_to_expiry_then_fetched_again() {
        let calls = Arc::new(AtomicU32::new(0));
        let start = SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000);
        let provider = Counting { calls: calls.clone(), lifetime: Duration::from_secs(3600), start };
        let CredentialsSource::Provider(cached) = CredentialsSource::provider(SharedCredentialsProvider::new(provider)) else {
            unreachable!()
        };
        assert_eq!(cached.credentials(start).await.unwrap().access_key_id(), "AKID1");
        let later = start + Duration::from_secs(3600) - REFRESH_BEFORE_EXPIRY - Duration::from_secs(1);
        assert_eq!(cached.credentials(later).await.unwrap().access_key_id(), "AKID1");
        assert_eq!(calls.load(Ordering::SeqCst), 1);
        let expiring = later + Duration::from_secs(2);
        assert_eq!(cached.credentials(expiring).await.unwrap().access_key_id(), "AKID2");
        assert_eq!(calls.load(Ordering::SeqCst), 2);
    }

    #[tokio::test]
    async fn provider_errors_are_typed_and_debug_shows_no_secret() {
        let failing = aws_credential_types::credential_fn::provide_credentials_fn(|| async {
            Err(aws_credential_types::provider::error::CredentialsError::provider_error("sso session expired"))
        });
        let source = CredentialsSource::provider(SharedCredentialsProvider::new(failing));
        let err = source.credentials().await.unwrap_err();
        assert_eq!(err.to_string(), "the AWS credentials provider failed");
        let source_text = std::error::Error::source(&err).map(|s| format!("{s:?}")).unwrap_or_default();
        assert!(source_text.contains("sso session expired"), "{source_text}");
        let fixed = CredentialsSource::fixed(Credentials::new("AKID", "SECRET", Some("TOKEN".into())));
        let shown = format!("{fixed:?} {source:?}");
        assert!(shown.contains("AKID") && !shown.contains("SECRET") && !shown.contains("TOKEN"), "{shown}");
    }
}
