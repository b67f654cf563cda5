//! `sdkgen`: see `sdkgen --help`. `cargo run` at the workspace root regenerates `generated/`.

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let code = sdkgen::cli::run(&args, &mut std::io::stdout(), &mut std::io::stderr());
    std::process::exit(code);
}

/// mimalloc rather than the system's allocator: see the `mimalloc` feature in Cargo.toml.
#[cfg(feature = "mimalloc")]
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
