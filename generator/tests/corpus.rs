//! The corpus test (issue 15 item 4): every spec of `../shared/corpus-dev/` (real public
//! specs, none edited) is generated in memory, strictly, and its outcome compared with
//! `tests/corpus/expected.toml`: it generates, with only the degrading warnings listed there
//! (each kind with its count and a reason), or it is refused with located errors (an
//! `invalid` spec, with the reason and the pointer of the error the generator must give, or
//! a `refused-valid` one, with the reason and the issue that will fix it). Any difference
//! fails, an improvement as well (a stale entry); `SDKGEN_CORPUS_UPDATE=1` rewrites the
//! file's mechanical parts (outcomes, counts, pointers) keeping the reasons written. The
//! warning kinds, degrading or informational, are in `tests/corpus/kinds.toml`, which
//! `bench/corpus_warnings.py` reads too.
//!
//! A test without the libtest harness (`harness = false`): it prints as it goes, runs the
//! specs on every core itself, and bounds each spec's time. It only runs optimised (a debug
//! build takes over ten minutes; EC2 alone 77 s): `cargo test --release -p sdkgen --test
//! corpus`, as `.ci/run` does. Arguments filter specs by name (`-- notion useapi`); a
//! filtered run compares only those.
//!
//! Environment: `SDKGEN_CORPUS_UPDATE=1` (rewrite the file), `SDKGEN_CORPUS_DIR` (another
//! corpus folder), `SDKGEN_CORPUS_JOBS` (threads; default: the cores), `SDKGEN_CORPUS_SPEC_TIMEOUT`
//! (seconds one spec may take, default 300), `SDKGEN_CORPUS_VALIDATOR` (the
//! `openapi-spec-validator` to ask about refused specs; default `.tooling/venv/bin/...` when
//! there), `SDKGEN_CORPUS_DEBUG=1` (run in a debug build all the same).

#[path = "corpus/expect.rs"]
mod expect;
#[path = "corpus/kinds.rs"]
mod kinds;

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use expect::{Actual, Verdict};
use kinds::Kinds;
use sdkgen::diag::Severity;

fn main() -> ExitCode {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let dir = std::env::var_os("SDKGEN_CORPUS_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| manifest.join("../../shared/corpus-dev"));
    if !dir.is_dir() {
        println!("corpus: skipped: {} is not there (the shared corpus beside the repository, as CI has it)", dir.display());
        return ExitCode::SUCCESS;
    }
    if cfg!(debug_assertions) && std::env::var_os("SDKGEN_CORPUS_DEBUG").is_none() {
        println!(
            "corpus: skipped in a debug build (generating the corpus takes over ten minutes unoptimised); \
             run `cargo test --release -p sdkgen --test corpus`, as .ci/run does"
        );
        return ExitCode::SUCCESS;
    }
    let filters: Vec<String> = std::env::args().skip(1).filter(|a| !a.starts_with('-')).collect();
    let update = std::env::var_os("SDKGEN_CORPUS_UPDATE").is_some_and(|v| v != "0");
    let kinds_path = manifest.join("tests/corpus/kinds.toml");
    let expected_path = manifest.join("tests/corpus/expected.toml");
    let kinds = match Kinds::read(&kinds_path) {
        Ok(kinds) => kinds,
        Err(e) => return fail(&format!("{}: {e}", kinds_path.display())),
    };
    let expected = match expect::read(&expected_path) {
        Ok(expected) => expected,
        Err(e) => return fail(&format!("{}: {e}", expected_path.display())),
    };
    let mut specs = match spec_files(&dir) {
        Ok(specs) => specs,
        Err(e) => return fail(&format!("{}: {e}", dir.display())),
    };
    specs.retain(|(name, _, _)| filters.is_empty() || filters.iter().any(|f| name.contains(f.as_str())));
    let validator = validator(&manifest);
    let started = Instant::now();
    let results = run_all(&specs, &kinds, validator.as_deref());
    let elapsed = started.elapsed();

    let mut slowest: Vec<(&str, Duration)> = results.iter().map(|(n, a)| (n.as_str(), a.took)).collect();
    slowest.sort_by_key(|s| std::cmp::Reverse(s.1));
    let generated = results.iter().filter(|(_, a)| matches!(a.verdict, Verdict::Generates { .. })).count();
    println!(
        "corpus: {} specs in {:.1} s on {} thread(s): {generated} generate, {} refused; slowest: {}",
        results.len(),
        elapsed.as_secs_f64(),
        jobs(),
        results.len() - generated,
        slowest.iter().take(3).map(|(n, d)| format!("{n} {:.1} s", d.as_secs_f64())).collect::<Vec<_>>().join(", ")
    );
    let whole = filters.is_empty();
    if update {
        let updated = expect::update(&expected, &results, whole);
        if let Err(e) = std::fs::write(&expected_path, expect::write(&updated)) {
            return fail(&format!("cannot write {}: {e}", expected_path.display()));
        }
        println!("corpus: rewrote {}; review the diff and write the reasons marked TODO", expected_path.display());
    }
    let expected = if update { expect::read(&expected_path).expect("the file just written reads") } else { expected };
    let problems = expect::compare(&expected, &results, whole, validator.is_some());
    if problems.is_empty() {
        println!("corpus: every outcome is the one expected");
        return ExitCode::SUCCESS;
    }
    for problem in &problems {
        println!("corpus: {problem}");
    }
    fail(&format!(
        "{} difference(s) from {}. A regression: fix it. An improvement or a deliberate change: \
         `SDKGEN_CORPUS_UPDATE=1 cargo test --release -p sdkgen --test corpus`, then review the \
         file's diff and write every reason marked TODO",
        problems.len(),
        expected_path.display()
    ))
}

fn fail(message: &str) -> ExitCode {
    println!("corpus: FAILED: {message}");
    ExitCode::FAILURE
}

/// The spec files of the corpus (name, path, size), largest first: the longest jobs start
/// first, so two threads end together.
fn spec_files(dir: &Path) -> std::io::Result<Vec<(String, PathBuf, u64)>> {
    let mut specs = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        if path.is_file() && [".json", ".yaml", ".yml"].iter().any(|e| name.ends_with(e)) {
            let size = std::fs::metadata(&path)?.len();
            specs.push((name, path, size));
        }
    }
    specs.sort_by(|a, b| b.2.cmp(&a.2).then_with(|| a.0.cmp(&b.0)));
    Ok(specs)
}

fn jobs() -> usize {
    std::env::var("SDKGEN_CORPUS_JOBS")
        .ok()
        .and_then(|j| j.parse().ok())
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(2, |n| n.get()))
        .max(1)
}

/// The `openapi-spec-validator` asked about every refused spec, if one is installed.
fn validator(manifest: &Path) -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("SDKGEN_CORPUS_VALIDATOR") {
        return Some(PathBuf::from(path));
    }
    let venv = manifest.join("../.tooling/venv/bin/openapi-spec-validator");
    venv.is_file().then_some(venv)
}

/// Generates every spec on [`jobs`] threads. A watchdog ends the process when one spec
/// takes longer than its limit (a thread cannot be stopped), naming it.
fn run_all(specs: &[(String, PathBuf, u64)], kinds: &Kinds, validator: Option<&Path>) -> Vec<(String, Actual)> {
    let limit = Duration::from_secs(
        std::env::var("SDKGEN_CORPUS_SPEC_TIMEOUT").ok().and_then(|s| s.parse().ok()).unwrap_or(300),
    );
    let next = AtomicUsize::new(0);
    let running: Mutex<Vec<(String, Instant)>> = Mutex::new(Vec::new());
    let results: Mutex<Vec<(String, Actual)>> = Mutex::new(Vec::new());
    let done = AtomicUsize::new(0);
    std::thread::scope(|scope| {
        scope.spawn(|| loop {
            std::thread::sleep(Duration::from_millis(500));
            if done.load(Ordering::SeqCst) == jobs() {
                return;
            }
            let running = running.lock().unwrap_or_else(|e| e.into_inner());
            if let Some((name, since)) = running.iter().find(|(_, since)| since.elapsed() > limit) {
                println!(
                    "corpus: FAILED: {name} still generating after {:.0} s (limit {} s, SDKGEN_CORPUS_SPEC_TIMEOUT)",
                    since.elapsed().as_secs_f64(),
                    limit.as_secs()
                );
                std::process::exit(1);
            }
        });
        for _ in 0..jobs() {
            scope.spawn(|| {
                while let Some((name, path, _)) = specs.get(next.fetch_add(1, Ordering::SeqCst)) {
                    running.lock().unwrap_or_else(|e| e.into_inner()).push((name.clone(), Instant::now()));
                    let actual = run_one(path, kinds, validator);
                    running.lock().unwrap_or_else(|e| e.into_inner()).retain(|(n, _)| n != name);
                    results.lock().unwrap_or_else(|e| e.into_inner()).push((name.clone(), actual));
                }
                done.fetch_add(1, Ordering::SeqCst);
            });
        }
    });
    let mut results = results.into_inner().unwrap_or_else(|e| e.into_inner());
    results.sort_by(|a, b| a.0.cmp(&b.0));
    results
}

/// One spec through the library's pipeline, in memory (nothing written), strictly.
fn run_one(path: &Path, kinds: &Kinds, validator: Option<&Path>) -> Actual {
    let started = Instant::now();
    let outcome = catch_unwind(AssertUnwindSafe(|| sdkgen::generate_spec(path, &sdkgen::Options::default())));
    let took = started.elapsed();
    let verdict = match outcome {
        Err(panic) => {
            let message = panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| panic.downcast_ref::<&str>().map(|s| (*s).to_owned()))
                .unwrap_or_else(|| "(no message)".to_owned());
            Verdict::Panicked(message)
        }
        Ok(Ok(generated)) => Verdict::Generates { warnings: kinds.classify(&generated.warnings) },
        Ok(Err(failure)) => {
            let errors = failure.diagnostics.into_iter().filter(|d| d.severity == Severity::Error).collect();
            Verdict::Refused { errors, validator: validator.map(|v| ask_validator(v, path)) }
        }
    };
    Actual { verdict, took }
}

/// What `openapi-spec-validator` says of a spec: `accepts`, `refuses`, or `crashes` (a Python
/// traceback: a bug of the validator, no verdict).
fn ask_validator(validator: &Path, spec: &Path) -> String {
    match Command::new(validator).arg(spec).output() {
        Ok(out) if out.status.success() => "accepts".to_owned(),
        Ok(out) => {
            let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
            if text.contains("Traceback (most recent call last)") { "crashes" } else { "refuses" }.to_owned()
        }
        Err(e) => format!("cannot run {}: {e}", validator.display()),
    }
}
