//! A crate whose API client is generated at build time by sdkgen (see `build.rs`).
#![warn(missing_docs)]

/// The runtime, re-exported where `build.rs` told the generated code to find it.
pub use sdkgen_runtime as rt;

/// The pet store client, generated from `petstore.yaml` by `build.rs`.
pub mod petstore {
    include!(concat!(env!("OUT_DIR"), "/petstore.rs"));
}

/// A client generated in lenient mode from a spec with mistakes (see `lenient.yaml`).
pub mod lenient {
    include!(concat!(env!("OUT_DIR"), "/lenient.rs"));
}

/// A client of `tricky.yaml`: names that collide with Rust and with generated code.
pub mod tricky {
    include!(concat!(env!("OUT_DIR"), "/tricky.rs"));
}

/// One client per spec of `tests/constructs/`: each OpenAPI construct the generator supports
/// (and one it does not yet), compiled and linted here and tested on the wire in
/// `tests/constructs.rs`.
pub mod constructs {
    /// Generated from `tests/constructs/all_of.yaml`.
    pub mod all_of {
        include!(concat!(env!("OUT_DIR"), "/all_of.rs"));
    }

    /// Generated from `tests/constructs/one_of_discriminator.yaml`.
    pub mod one_of_discriminator {
        include!(concat!(env!("OUT_DIR"), "/one_of_discriminator.rs"));
    }

    /// Generated from `tests/constructs/one_of_untagged.yaml`.
    pub mod one_of_untagged {
        include!(concat!(env!("OUT_DIR"), "/one_of_untagged.rs"));
    }

    /// Generated from `tests/constructs/nullable.yaml`.
    pub mod nullable {
        include!(concat!(env!("OUT_DIR"), "/nullable.rs"));
    }

    /// Generated from `tests/constructs/nullable_31.yaml`.
    pub mod nullable_31 {
        include!(concat!(env!("OUT_DIR"), "/nullable_31.rs"));
    }

    /// Generated from `tests/constructs/const.yaml`.
    pub mod r#const {
        include!(concat!(env!("OUT_DIR"), "/const.rs"));
    }

    /// Generated from `tests/constructs/additional_properties.yaml`.
    pub mod additional_properties {
        include!(concat!(env!("OUT_DIR"), "/additional_properties.rs"));
    }

    /// Generated from `tests/constructs/enums.yaml`.
    pub mod enums {
        include!(concat!(env!("OUT_DIR"), "/enums.rs"));
    }

    /// Generated from `tests/constructs/recursive.yaml`.
    pub mod recursive {
        include!(concat!(env!("OUT_DIR"), "/recursive.rs"));
    }

    /// Generated from `tests/constructs/inline_naming.yaml`.
    pub mod inline_naming {
        include!(concat!(env!("OUT_DIR"), "/inline_naming.rs"));
    }

    /// Generated from `tests/constructs/names.yaml`.
    pub mod names {
        include!(concat!(env!("OUT_DIR"), "/names.rs"));
    }

    /// Generated from `tests/constructs/formats.yaml`.
    pub mod formats {
        include!(concat!(env!("OUT_DIR"), "/formats.rs"));
    }

    /// Generated from `tests/constructs/request_bodies.yaml`.
    pub mod request_bodies {
        include!(concat!(env!("OUT_DIR"), "/request_bodies.rs"));
    }

    /// Generated from `tests/constructs/query_params.yaml`.
    pub mod query_params {
        include!(concat!(env!("OUT_DIR"), "/query_params.rs"));
    }

    /// Generated from `tests/constructs/responses.yaml`.
    pub mod responses {
        include!(concat!(env!("OUT_DIR"), "/responses.rs"));
    }

    /// Generated from `tests/constructs/security.yaml`.
    pub mod security {
        include!(concat!(env!("OUT_DIR"), "/security.rs"));
    }

    /// Generated from `tests/constructs/servers.yaml`.
    pub mod servers {
        include!(concat!(env!("OUT_DIR"), "/servers.rs"));
    }

    /// Generated from `tests/constructs/unsupported.yaml`.
    pub mod unsupported {
        include!(concat!(env!("OUT_DIR"), "/unsupported.rs"));
    }
}
