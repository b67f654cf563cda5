//! Generator-level tests: what sdkgen produces from specs and what it reports about them, with
//! no network. One test binary (`cargo test -p sdkgen-tests --test generator`); each module is
//! one concern.

/// Snapshots of the code generated from the committed specs (`specs/`), and their warnings.
mod committed_specs;

/// One spec per OpenAPI construct (`tests/constructs/*.yaml`, found by glob): each
/// snapshotted, with assertions on its key facts.
mod construct_specs;

/// Broken specs through the command line: exit code 2 and an error at the exact line.
mod bad_specs;

/// `sdkgen --check` (stale files named), determinism, and the committed `generated/`.
mod check_mode;

/// Commvault's unmodified spec from the corpus: exactly its four located defects, and lenient
/// mode generating the rest.
mod commvault_corpus_diagnostics;

/// Local `$ref`s to any place (`paths`, a schema's interior, another component), chains,
/// `$ref` siblings: the `refs_anywhere` construct's facts, and the located errors of
/// references that cannot resolve.
mod refs_anywhere;

/// What a multipart body's members become: a part each, and a located warning for what has
/// no part (members beside the properties).
mod multipart;
