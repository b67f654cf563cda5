#!/usr/bin/env python3
"""`cargo check` of the crates generated from a sample of corpus specs: the warnings rustc
gives on each (generated code must have none) and the time, with dependencies built and of
the crate alone (checked again after a touch of its lib.rs). The generation-only corpus
test (`cargo test --release -p sdkgen --test corpus`, CI) compiles nothing; this is the
compile half, not CI: a few specs take minutes.

    python3 bench/corpus_check.py [--sdkgen target/release/sdkgen] [--corpus ../shared/corpus-dev]
        [--all-features] [--keep] [SPEC ...]

Default sample: three generating specs, small to large. Crates are generated into a temporary
folder with `--runtime path=<this checkout>/runtime` and the workspace's Cargo.lock (so the
dependencies are the versions CI builds), all sharing one target dir there; nothing is written
in the checkout."""
import argparse, json, os, shutil, subprocess, sys, tempfile, time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, ".."))
SAMPLE = ["googleapis.com--apikeys.json", "nexmo.com--numbers.json", "googleapis.com--dns.json"]


def cargo_check(crate, target, all_features):
    """Seconds of one `cargo check`, and the rustc warnings of the crate itself."""
    cmd = ["cargo", "check", "--quiet", "--message-format", "json", "--target-dir", target]
    if all_features:
        cmd.append("--all-features")
    started = time.monotonic()
    run = subprocess.run(cmd, cwd=crate, capture_output=True, text=True)
    took = time.monotonic() - started
    warnings = []
    for line in run.stdout.splitlines():
        try:
            msg = json.loads(line)
        except ValueError:
            continue
        if msg.get("reason") != "compiler-message":
            continue
        if not msg.get("manifest_path", "").startswith(crate):
            continue
        # The summary ("N warnings emitted") has no span; every real warning has one.
        if msg["message"]["level"] == "warning" and msg["message"]["spans"]:
            warnings.append(msg["message"]["message"])
    if run.returncode != 0:
        sys.stderr.write(run.stderr[-4000:])
    return took, warnings, run.returncode


def lines_of(crate):
    total = 0
    for folder, _, files in os.walk(os.path.join(crate, "src")):
        for name in files:
            if name.endswith(".rs"):
                with open(os.path.join(folder, name), encoding="utf-8") as f:
                    total += sum(1 for _ in f)
    return total


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sdkgen", default=os.path.join(ROOT, "target", "release", "sdkgen"))
    ap.add_argument("--corpus", default=os.path.join(ROOT, "..", "shared", "corpus-dev"))
    ap.add_argument("--all-features", action="store_true")
    ap.add_argument("--keep", action="store_true", help="keep the temporary folder (its path is printed)")
    ap.add_argument("specs", nargs="*", default=SAMPLE)
    args = ap.parse_args()
    tmp = tempfile.mkdtemp(prefix="sdkgen-corpus-check-")
    target = os.path.join(tmp, "target")
    rows = []
    try:
        for i, spec in enumerate(args.specs):
            out = os.path.join(tmp, f"crates-{i}")
            gen = subprocess.run([args.sdkgen, "--spec", os.path.join(args.corpus, spec), "--out", out,
                                  "--runtime", f"path={os.path.join(ROOT, 'runtime')}", "--format", "short"],
                                 capture_output=True, text=True)
            if gen.returncode != 0:
                rows.append((spec, "refused", "", "", "", gen.stderr.strip().splitlines()[-1:]))
                continue
            crate = os.path.join(out, os.listdir(out)[0])
            shutil.copy(os.path.join(ROOT, "Cargo.lock"), os.path.join(crate, "Cargo.lock"))
            cold, warnings, code = cargo_check(crate, target, args.all_features)
            os.utime(os.path.join(crate, "src", "lib.rs"))
            alone, _, _ = cargo_check(crate, target, args.all_features)
            status = "ok" if code == 0 else f"exit {code}"
            rows.append((spec, status, f"{lines_of(crate):,}", f"{cold:.1f} s", f"{alone:.1f} s", warnings))
    finally:
        if args.keep:
            print(f"kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    features = "all features" if args.all_features else "default features"
    print(f"\n| spec | cargo check ({features}) | lines | first check (the first one builds the dependencies) | crate alone | rustc warnings |")
    print("|---|---|---|---|---|---|")
    for spec, status, lines, cold, alone, warnings in rows:
        print(f"| {spec} | {status} | {lines} | {cold} | {alone} | {len(warnings)} |")
    for spec, *_, warnings in rows:
        for w in warnings[:5]:
            print(f"  {spec}: {w}")
    return 1 if any(r[1] != "ok" or r[5] for r in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
