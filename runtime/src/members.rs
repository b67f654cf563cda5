//! What a type builder's `build()` says when required members are not set: every one of
//! them at once (wire name and setter), so a caller fixes them all in one go.

use std::fmt;

use super::error::{ConstructionError, Error};

/// A value could not be built: these required members of `type_name` are not set. Returned
/// by every generated `TypeBuilder::build()`; a request builder turns it into
/// [`Error::Construction`] (nothing is sent).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MissingMembers {
    type_name: &'static str,
    missing: Vec<Member>,
}

/// A required member that is not set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Member {
    wire_name: &'static str,
    setter: &'static str,
}

impl Member {
    /// Its name in the JSON (`securityGroupSettings`).
    pub fn wire_name(&self) -> &'static str {
        self.wire_name
    }

    /// The builder method that sets it (`security_group_settings`).
    pub fn setter(&self) -> &str {
        self.setter
    }
}

impl MissingMembers {
    /// The members of `checks` (`(missing, wire name, setter)`) whose first element is
    /// true: what generated `build()`s call, listing every required member.
    pub fn of(type_name: &'static str, checks: &[(bool, &'static str, &'static str)]) -> Self {
        let missing = checks
            .iter()
            .filter(|(missing, _, _)| *missing)
            .map(|&(_, wire_name, setter)| Member { wire_name, setter })
            .collect();
        Self { type_name, missing }
    }

    /// The same members named by the setters of another builder (a request builder, whose
    /// setter for a member may be renamed: `network_id_2` beside the path parameter
    /// `network_id`): `(wire name, setter)` pairs; members not listed keep theirs.
    pub fn with_setters(mut self, setters: &[(&'static str, &'static str)]) -> Self {
        for member in &mut self.missing {
            if let Some(&(_, setter)) = setters.iter().find(|(wire, _)| *wire == member.wire_name) {
                member.setter = setter;
            }
        }
        self
    }

    /// The type that could not be built.
    pub fn type_name(&self) -> &str {
        self.type_name
    }

    /// The required members that are not set, in the type's order.
    pub fn missing(&self) -> &[Member] {
        &self.missing
    }

    /// "`name` (set it with `.name(..)`), ..."
    fn listed(&self) -> String {
        let each: Vec<String> = self
            .missing
            .iter()
            .map(|m| format!("`{}` (set it with `.{}(..)`)", m.wire_name, m.setter))
            .collect();
        each.join(", ")
    }
}

impl fmt::Display for MissingMembers {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "`{}` is missing required members: {}", self.type_name, self.listed())
    }
}

impl std::error::Error for MissingMembers {}

impl From<MissingMembers> for ConstructionError {
    fn from(e: MissingMembers) -> Self {
        ConstructionError::new(format!("the request body (`{}`) is missing required members: {}", e.type_name, e.listed()))
    }
}

/// A request builder's `send()` fails with it before anything is sent.
impl<E> From<MissingMembers> for Error<E> {
    fn from(e: MissingMembers) -> Self {
        Error::Construction(e.into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_missing_member_is_named_with_its_setter() {
        let e = MissingMembers::of("Group", &[(true, "name", "name"), (false, "id", "id"), (true, "networkId", "network_id")]);
        assert_eq!(e.missing().len(), 2);
        assert_eq!(e.to_string(), "`Group` is missing required members: `name` (set it with `.name(..)`), `networkId` (set it with `.network_id(..)`)");
        let renamed = e.with_setters(&[("networkId", "network_id_2")]);
        assert_eq!(renamed.missing()[1].setter(), "network_id_2");
        assert_eq!(
            ConstructionError::from(renamed).message(),
            "the request body (`Group`) is missing required members: `name` (set it with `.name(..)`), `networkId` (set it with `.network_id_2(..)`)"
        );
    }
}
