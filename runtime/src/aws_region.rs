//! The AWS region of a SigV4 client when the builder is not given one, found as the AWS SDKs
//! find it: `AWS_REGION`, then `AWS_DEFAULT_REGION`, then `region = ..` in the shared config
//! file (`AWS_CONFIG_FILE`, else `~/.aws/config`) under the profile `AWS_PROFILE` (else
//! `default`). Not found is an error that says how to set one: a silent `us-east-1` would
//! send the requests (and the credentials' signatures) to a region nobody chose. The SDKs'
//! last step, the EC2 instance metadata service, is not taken (it needs the network);
//! `aws-config` users get it through `ClientBuilder::sdk_config`.
//!
//! The config file is read by the small parser below rather than a crate: the subset the
//! region needs (sections, `key = value`, comments) is some 30 lines, a general INI crate
//! knows neither the AWS rule that profiles other than `default` are `[profile name]` nor
//! the indented sub-properties (`s3 =` then `  max_concurrent_requests = 10`), which it would
//! misread, and the AWS SDK's own parser comes with `aws-config` and all it depends on.

use std::path::PathBuf;

use super::BuildError;

/// The region to sign for and to put in the host: `explicit` (the builder's) if given, else
/// the environment's and the shared config file's, checked either way.
pub(crate) fn resolve(explicit: Option<String>) -> Result<String, BuildError> {
    resolve_with(explicit, &|name| std::env::var(name).ok())
}

/// [`resolve`] with the environment as a function, so tests need not change the process's.
fn resolve_with(
    explicit: Option<String>,
    env: &dyn Fn(&str) -> Option<String>,
) -> Result<String, BuildError> {
    // An empty variable counts as unset, as in the AWS SDKs.
    let var = |name: &str| env(name).filter(|v| !v.trim().is_empty());
    if let Some(region) = explicit {
        return check(region, "the client builder's `region`");
    }
    for name in ["AWS_REGION", "AWS_DEFAULT_REGION"] {
        if let Some(region) = var(name) {
            return check(region, name);
        }
    }
    let profile = var("AWS_PROFILE").unwrap_or_else(|| "default".to_owned());
    let path = var("AWS_CONFIG_FILE")
        .map(|p| expand_home(&p, &var))
        .or_else(|| home(&var).map(|h| h.join(".aws").join("config")));
    let mut looked = "no shared config file (no AWS_CONFIG_FILE, no home directory)".to_owned();
    if let Some(path) = path {
        looked = format!("profile `{profile}` of {}", path.display());
        match std::fs::read_to_string(&path) {
            Ok(text) => {
                if let Some(region) = profile_value(&text, &profile, "region") {
                    return check(region, &format!("`region` in the {looked}"));
                }
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => {
                return Err(BuildError::new(format!(
                    "cannot read the AWS shared config file {}: {e}",
                    path.display()
                )))
            }
        }
    }
    Err(BuildError::new(format!(
        "no AWS region: call `.region(\"us-east-1\")` (or the region you use) on the client \
         builder, or set AWS_REGION, or set `region = ...` in the shared config file \
         (~/.aws/config, or AWS_CONFIG_FILE; profile AWS_PROFILE, else `default`); looked at: \
         AWS_REGION, AWS_DEFAULT_REGION, {looked}"
    )))
}

/// The region becomes part of the host (`admin.wickr.{region}.amazonaws.com`) and of the
/// signature's scope: one DNS label of letters, digits and `-`, as AWS region codes are, so
/// a value cannot add labels or move the request elsewhere. `from` says where it was found.
fn check(region: String, from: &str) -> Result<String, BuildError> {
    let region = region.trim().to_owned();
    let fits = (1..=63).contains(&region.len())
        && region.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
        && !region.starts_with('-')
        && !region.ends_with('-');
    if fits {
        Ok(region)
    } else {
        Err(BuildError::new(format!(
            "the AWS region {region:?} (from {from}) is not a region code: one DNS label of \
             letters, digits and `-`, like `us-east-1`"
        )))
    }
}

/// The home directory, as the AWS SDKs find it.
fn home(var: &dyn Fn(&str) -> Option<String>) -> Option<PathBuf> {
    var("HOME").or_else(|| var("USERPROFILE")).map(PathBuf::from)
}

/// `~/x` with the home directory in front, as the SDKs read `AWS_CONFIG_FILE`.
fn expand_home(path: &str, var: &dyn Fn(&str) -> Option<String>) -> PathBuf {
    match (path.strip_prefix("~/"), home(var)) {
        (Some(rest), Some(home)) => home.join(rest),
        _ => PathBuf::from(path),
    }
}

/// The value of `key` in `profile` of a shared config file's text. The format, as the AWS
/// SDKs read it: `[default]` or `[profile name]` sections (`[name]` alone is not a profile
/// of the config file, except `default`), `key = value` lines, comments starting with `#`
/// or `;` (on their own line, or after a value following whitespace), and indented lines that
/// continue a property (sub-properties), which are skipped. A profile may appear in several
/// sections; a later value wins.
fn profile_value(text: &str, profile: &str, key: &str) -> Option<String> {
    let mut in_profile = false;
    let mut found = None;
    for line in text.lines() {
        if line.starts_with([' ', '\t']) {
            continue; // a continuation or sub-property line
        }
        let line = line.trim();
        if line.is_empty() || line.starts_with(['#', ';']) {
            continue;
        }
        if let Some(section) = line.strip_prefix('[') {
            let name = section.split(']').next().unwrap_or_default().trim();
            let name = match name.strip_prefix("profile") {
                Some(rest) if rest.starts_with([' ', '\t']) => rest.trim(),
                _ if name == "default" => name,
                _ => "", // `[name]` without `profile`: ignored, as the SDKs do
            };
            in_profile = !name.is_empty() && name == profile;
            continue;
        }
        if !in_profile {
            continue;
        }
        let Some((name, value)) = line.split_once('=') else {
            continue;
        };
        if name.trim() != key {
            continue;
        }
        let value = value.split([' ', '\t']).take_while(|w| !w.starts_with(['#', ';']));
        let value = value.filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ");
        found = (!value.is_empty()).then_some(value);
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(pairs: &'static [(&'static str, &'static str)]) -> impl Fn(&str) -> Option<String> {
        move |name| pairs.iter().find(|(n, _)| *n == name).map(|(_, v)| (*v).to_owned())
    }

    #[test]
    fn the_builder_then_aws_region_then_aws_default_region() {
        let both = env(&[("AWS_REGION", "eu-west-1"), ("AWS_DEFAULT_REGION", "eu-west-2")]);
        assert_eq!(resolve_with(Some("ap-south-1".into()), &both).unwrap(), "ap-south-1");
        assert_eq!(resolve_with(None, &both).unwrap(), "eu-west-1");
        let default_only = env(&[("AWS_REGION", ""), ("AWS_DEFAULT_REGION", "eu-west-2")]);
        assert_eq!(resolve_with(None, &default_only).unwrap(), "eu-west-2");
    }

    #[test]
    fn none_found_is_an_error_that_says_how_to_set_one() {
        let nothing = env(&[("HOME", "/nonexistent-sdkgen-home")]);
        let err = resolve_with(None, &nothing).unwrap_err().to_string();
        assert!(err.contains(".region(") && err.contains("AWS_REGION"), "{err}");
        assert!(err.contains("/nonexistent-sdkgen-home/.aws/config") && err.contains("`default`"), "{err}");
    }

    #[test]
    fn a_region_that_would_change_the_host_is_refused() {
        for bad in ["us-east-1.evil.example", "x@127.0.0.1:8080/#", "a/b", "-a", "é", ""] {
            let err = resolve_with(Some(bad.into()), &env(&[])).unwrap_err().to_string();
            assert!(err.contains("not a region code") && err.contains("builder"), "{bad}: {err}");
        }
        let err = resolve_with(None, &env(&[("AWS_REGION", "a.b")])).unwrap_err().to_string();
        assert!(err.contains("AWS_REGION"), "{err}");
    }

    #[test]
    fn profiles_of_the_shared_config_file() {
        let text = "\
# comment
[default]
region = us-west-2 # trailing comment
s3 =
  region = not-this-one
[profile work]
output = json
region=eu-north-1
[work]
region = not-a-profile-section
[profile  other ]
region = ca-central-1
";
        assert_eq!(profile_value(text, "default", "region").as_deref(), Some("us-west-2"));
        assert_eq!(profile_value(text, "work", "region").as_deref(), Some("eu-north-1"));
        assert_eq!(profile_value(text, "other", "region").as_deref(), Some("ca-central-1"));
        assert_eq!(profile_value(text, "missing", "region"), None);
        assert_eq!(profile_value("[profile default]\nregion = x\n[default]\n", "default", "region").as_deref(), Some("x"));
    }

    #[test]
    fn the_config_file_path_from_the_environment() {
        let dir = std::env::temp_dir().join(format!("sdkgen-region-{}", std::process::id()));
        std::fs::create_dir_all(dir.join(".aws")).unwrap();
        std::fs::write(dir.join(".aws/config"), "[profile p]\nregion = sa-east-1\n").unwrap();
        std::fs::write(dir.join("other"), "[default]\nregion = me-south-1\n").unwrap();
        let home = dir.to_string_lossy().into_owned();
        let lookup = |pairs: Vec<(&'static str, String)>| {
            move |name: &str| pairs.iter().find(|(n, _)| *n == name).map(|(_, v)| v.clone())
        };
        let profile = lookup(vec![("HOME", home.clone()), ("AWS_PROFILE", "p".into())]);
        assert_eq!(resolve_with(None, &profile).unwrap(), "sa-east-1");
        let file = lookup(vec![("HOME", home.clone()), ("AWS_CONFIG_FILE", "~/other".into())]);
        assert_eq!(resolve_with(None, &file).unwrap(), "me-south-1");
        let err = resolve_with(None, &lookup(vec![("HOME", home)])).unwrap_err().to_string();
        assert!(err.contains("profile `default`"), "{err}");
        std::fs::remove_dir_all(dir).unwrap();
    }
}
