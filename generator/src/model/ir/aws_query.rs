//! What the AWS query protocols need beyond OpenAPI: their spelling of lists and structures
//! (`model/aws_query.rs` decides it; the runtime's `aws_query` writes it).

/// Which AWS query protocol an API converted from the AWS model speaks (see
/// `model/aws_query.rs` for how it is recognised).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum AwsQuery {
    /// `awsQuery` (RDS, ElastiCache, CloudFormation, ...): `Tags.member.1.Key=k`.
    Query,
    /// `ec2Query` (EC2 alone): lists flattened, `Filter.1.Name=x`.
    Ec2,
}

impl AwsQuery {
    /// The runtime's `aws_query::Flavor` variant.
    pub fn variant(self) -> &'static str {
        match self {
            AwsQuery::Query => "Query",
            AwsQuery::Ec2 => "Ec2",
        }
    }
}

/// How a struct member or a parameter of an AWS query API is named on the wire.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct QueryNames {
    /// The key it is written under: a parameter's name; a member's xml name, else its name
    /// (`ec2Query`: with the first letter upper case).
    pub key: String,
    /// The member name of each list its type holds, outermost first, as its schema's
    /// `items` give them (`xml.name`, else `member`); used by `awsQuery` only.
    pub members: Vec<String>,
}
