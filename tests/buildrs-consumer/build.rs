//! Generates the clients into OUT_DIR; src/lib.rs includes them.

fn main() {
    // The generated code reaches the runtime through this crate's re-export.
    let petstore = sdkgen::Config::new()
        .spec("petstore.yaml")
        .runtime_path("crate::rt")
        .generate();
    // A spec with mistakes: lenient mode turns them into cargo warnings and generates the rest.
    let lenient = sdkgen::Config::new()
        .spec("lenient.yaml")
        .runtime_path("crate::rt")
        .lenient()
        .generate();
    // Names and shapes that once broke generated code.
    let tricky = sdkgen::Config::new()
        .spec("tricky.yaml")
        .runtime_path("crate::rt")
        .generate();
    for result in [petstore, lenient, tricky] {
        if let Err(e) = result {
            eprintln!("{e}");
            std::process::exit(1);
        }
    }
}
