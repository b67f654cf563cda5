//! The spec's server URL with its variables filled in, each value checked first.
//!
//! A server variable is pasted into the URL, so a value could otherwise move the request
//! somewhere else: `.region("x@127.0.0.1:8080/#")` in `https://admin.wickr.{region}.amazonaws.com`
//! makes `127.0.0.1:8080` the host (all before the `@` becomes user info, all after the `#` a
//! fragment), and the signed request, credentials and all, goes there. So each value must fit
//! where it sits: in the host, DNS labels; in the port, a port number; in the path, one
//! segment of unreserved characters; and one of the spec's `enum` values when it lists them.

use super::BuildError;

/// Where a variable sits in the server URL (the generator decides it from the template).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UrlPart {
    /// In the host name (or the user info before it): letters, digits and `-` in labels of
    /// at most 63 characters, separated by `.` (an IPv4 address fits).
    Host,
    /// The port: a number from 1 to 65535.
    Port,
    /// In the path (or query): one segment of RFC 3986 unreserved characters
    /// (`A-Z a-z 0-9 - . _ ~`), not `.` or `..`.
    Path,
}

/// One variable of the server URL, with its value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServerVariable {
    name: &'static str,
    value: String,
    part: UrlPart,
    allowed: &'static [&'static str],
    /// The AWS region: its value is the client's region, filled in by `build()`.
    region: bool,
}

impl ServerVariable {
    /// The variable `name` (as the template spells it, `{name}`) with `value`; `allowed` is
    /// the spec's `enum` (empty: any value that fits `part`).
    pub fn new(
        name: &'static str,
        value: impl Into<String>,
        part: UrlPart,
        allowed: &'static [&'static str],
    ) -> Self {
        Self {
            name,
            value: value.into(),
            part,
            allowed,
            region: false,
        }
    }

    /// The variable `name` that holds the AWS region: `build()` fills in the client's region
    /// (set on the builder, or found as the AWS SDKs find it), then checks it as any value.
    pub fn region(name: &'static str, part: UrlPart, allowed: &'static [&'static str]) -> Self {
        Self {
            region: true,
            ..Self::new(name, String::new(), part, allowed)
        }
    }

    /// Takes `region` as its value if it is the region's variable.
    #[cfg(feature = "aws")]
    pub(crate) fn fill_region(&mut self, region: &str) {
        if self.region {
            region.clone_into(&mut self.value);
        }
    }

    /// Whether the value fits, with the reason when it does not. Server variables are not
    /// secrets, so the message shows the value.
    pub fn check(&self) -> Result<(), BuildError> {
        let (name, value) = (self.name, self.value.as_str());
        if !self.allowed.is_empty() && !self.allowed.contains(&value) {
            return Err(BuildError::new(format!(
                "server variable `{name}` is {value:?}, which the spec does not allow: one of {}",
                self.allowed.iter().map(|a| format!("`{a}`")).collect::<Vec<_>>().join(", ")
            )));
        }
        let fits = match self.part {
            UrlPart::Host => {
                !value.is_empty()
                    && value.split('.').all(|label| {
                        (1..=63).contains(&label.len())
                            && label.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
                            && !label.starts_with('-')
                            && !label.ends_with('-')
                    })
            }
            UrlPart::Port => value.parse::<u16>().is_ok_and(|p| p > 0) && value.bytes().all(|b| b.is_ascii_digit()),
            UrlPart::Path => {
                !value.is_empty()
                    && value != "."
                    && value != ".."
                    && value.bytes().all(|b| b.is_ascii_alphanumeric() || b"-._~".contains(&b))
            }
        };
        if fits {
            return Ok(());
        }
        let rule = match self.part {
            UrlPart::Host => "in the host, a value must be DNS labels (letters, digits, `-`) separated by `.`",
            UrlPart::Port => "in the port, a value must be a number from 1 to 65535",
            UrlPart::Path => "in the path, a value must be one segment of letters, digits, `-`, `.`, `_`, `~`",
        };
        Err(BuildError::new(format!(
            "server variable `{name}` is {value:?}, which would change where requests go: {rule}"
        )))
    }
}

/// `template` with each `{name}` replaced by its variable's value, after checking every value.
pub(crate) fn fill(template: &str, variables: &[ServerVariable]) -> Result<String, BuildError> {
    let mut url = template.to_owned();
    for variable in variables {
        variable.check()?;
        url = url.replace(&format!("{{{}}}", variable.name), &variable.value);
    }
    Ok(url)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(value: &str, part: UrlPart) -> Result<(), BuildError> {
        ServerVariable::new("v", value, part, &[]).check()
    }

    #[test]
    fn values_that_would_move_the_request_are_refused() {
        for bad in ["x@127.0.0.1:8080/#", "a/b", "a?b", "a#b", "a:1", "", "-a", "a..b", "a b", "é"] {
            let err = check(bad, UrlPart::Host).unwrap_err();
            assert!(err.to_string().contains("`v`"), "{err}");
        }
        for good in ["us-east-1", "eu", "127.0.0.1", "a.b-c.d"] {
            check(good, UrlPart::Host).unwrap();
        }
        for bad in ["0", "65536", "80/x", "+80", ""] {
            assert!(check(bad, UrlPart::Port).is_err(), "{bad}");
        }
        check("8080", UrlPart::Port).unwrap();
        for bad in ["..", ".", "a/b", "a%2Fb", "a?b", ""] {
            assert!(check(bad, UrlPart::Path).is_err(), "{bad}");
        }
        check("v2.1_beta~", UrlPart::Path).unwrap();
    }

    #[test]
    fn an_enum_is_enforced() {
        let variable = ServerVariable::new("region", "mars", UrlPart::Path, &["eu", "us"]);
        let err = variable.check().unwrap_err().to_string();
        assert!(err.contains("`eu`, `us`"), "{err}");
        let filled = fill(
            "https://{host}/{region}",
            &[
                ServerVariable::new("host", "a.example", UrlPart::Host, &[]),
                ServerVariable::new("region", "us", UrlPart::Path, &["eu", "us"]),
            ],
        );
        assert_eq!(filled.unwrap(), "https://a.example/us");
    }
}
