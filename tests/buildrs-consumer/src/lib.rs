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
/// `tests/constructs_on_the_wire.rs`. `build.rs` finds the specs in that folder and writes one
/// module per spec, named by its file (`all_of.yaml` is `constructs::all_of`, a keyword is
/// raw: `type.yaml` would be `constructs::r#type`), so a new spec needs no edit here.
pub mod constructs {
    include!(concat!(env!("OUT_DIR"), "/constructs.rs"));
}
