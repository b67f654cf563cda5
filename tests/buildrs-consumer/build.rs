//! Generates the clients into OUT_DIR; src/lib.rs includes them.

/// The specs of `tests/constructs/`; `src/lib.rs` includes each as `constructs::<name>`.
const CONSTRUCTS: [&str; 18] = [
    "all_of",
    "one_of_discriminator",
    "one_of_untagged",
    "nullable",
    "nullable_31",
    "const",
    "additional_properties",
    "enums",
    "recursive",
    "inline_naming",
    "names",
    "formats",
    "request_bodies",
    "query_params",
    "responses",
    "security",
    "servers",
    "unsupported",
];

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
    // One small spec per OpenAPI construct (`tests/constructs/`), each into its own module
    // of `constructs`: compiled and linted here, tested on the wire in tests/constructs.rs.
    let mut constructs = sdkgen::Config::new().runtime_path("crate::rt");
    for name in CONSTRUCTS {
        constructs = constructs.spec(format!("../constructs/{name}.yaml"));
    }
    let constructs = constructs.generate();
    for result in [petstore, lenient, tricky, constructs] {
        if let Err(e) = result {
            eprintln!("{e}");
            std::process::exit(1);
        }
    }
}
