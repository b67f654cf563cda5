//! Generates the pet store client into OUT_DIR; src/lib.rs includes it.

fn main() {
    let generated = sdkgen::Config::new()
        .spec("petstore.yaml")
        // The generated code reaches the runtime through this crate's re-export.
        .runtime_path("crate::rt")
        .generate();
    if let Err(e) = generated {
        eprintln!("{e}");
        std::process::exit(1);
    }
}
