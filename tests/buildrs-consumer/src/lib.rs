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
