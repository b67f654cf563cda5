#!/usr/bin/env python3
"""Runs an sdkgen binary (`validate --format short`) on every spec of a corpus folder and
counts what it reports: how many specs generate and how many are refused, the warnings by
kind and the errors by message. The kinds, degrading or informational, are those of the
corpus test (generator/tests/corpus/kinds.toml), so both count alike; the degrading ones
include the "on the wire" kinds (not sent, first media type only, error body not parsed,
responses handled as undocumented) that bench/wire_warnings.sh counted before.

    python3 bench/corpus_warnings.py [--sdkgen target/release/sdkgen] [--corpus ../shared/corpus-dev]
        [--lenient] [--jobs 2] [--timeout 600] [--json out.json]

Not CI (the corpus test, `cargo test --release -p sdkgen --test corpus`, is): a measure to
compare two binaries on the same corpus, before and after a change."""
import argparse, collections, concurrent.futures, json, os, re, subprocess, sys, tomllib

HERE = os.path.dirname(os.path.abspath(__file__))
KINDS_FILE = os.path.join(HERE, "..", "generator", "tests", "corpus", "kinds.toml")
LINE = re.compile(r"^(warning|error): .*?\.(?:json|ya?ml)(?::\d+)?: (.*)$")


def load_kinds():
    with open(KINDS_FILE, "rb") as f:
        return tomllib.load(f)["kind"]


def kind_of(kinds, message):
    """The first kind one of whose needles the message contains, as the test decides."""
    for kind in kinds:
        if any(needle in message for needle in kind["needles"]):
            return kind["name"], kind["degrading"]
    return None, None


def normalised(message):
    """A message with its names (in backquotes) and numbers cut away."""
    return re.sub(r"\d+", "N", re.sub(r"`[^`]*`", "`…`", message))[:110]


def validate(args, spec):
    cmd = [args.sdkgen, "validate", "--format", "short", "--color", "never", "--spec", os.path.join(args.corpus, spec)]
    if args.lenient:
        cmd.append("--lenient")
    try:
        run = subprocess.run(cmd, capture_output=True, text=True, timeout=args.timeout)
    except subprocess.TimeoutExpired:
        return spec, None, ""
    return spec, run.returncode, run.stderr


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sdkgen", default=os.path.join(HERE, "..", "target", "release", "sdkgen"))
    ap.add_argument("--corpus", default=os.path.join(HERE, "..", "..", "shared", "corpus-dev"))
    ap.add_argument("--lenient", action="store_true", help="validate --lenient (model errors become warnings)")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--timeout", type=int, default=600)
    ap.add_argument("--json")
    args = ap.parse_args()
    kinds = load_kinds()
    specs = sorted(f for f in os.listdir(args.corpus) if f.endswith((".json", ".yaml", ".yml")))
    generated, refused, timed_out = 0, [], []
    warnings, warned_specs = collections.Counter(), collections.defaultdict(set)
    degrading = {k["name"]: k["degrading"] for k in kinds}
    unknown, errors = collections.Counter(), collections.Counter()
    with concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs) as pool:
        for spec, code, stderr in pool.map(lambda s: validate(args, s), specs):
            if code is None:
                timed_out.append(spec)
                continue
            for line in stderr.splitlines():
                m = LINE.match(line)
                if not m:
                    continue
                message = m.group(2)
                if " (at " in message:
                    message = message[: message.rindex(" (at ")]
                if m.group(1) == "error":
                    errors[normalised(message)] += 1
                    continue
                name, _ = kind_of(kinds, message)
                if name is None:
                    unknown[normalised(message)] += 1
                    continue
                warnings[name] += 1
                warned_specs[name].add(spec)
            if code == 0:
                generated += 1
            else:
                refused.append(spec)
    mode = "lenient" if args.lenient else "strict"
    print(f"specs: {len(specs)} ({mode})  generated: {generated}  refused: {len(refused)}  timed out: {len(timed_out)}")
    print("\n| warning kind | degrading | count | specs |\n|---|---|---|---|")
    for name, n in sorted(warnings.items(), key=lambda kv: (not degrading[kv[0]], -kv[1])):
        print(f"| {name} | {'yes' if degrading[name] else 'no'} | {n} | {len(warned_specs[name])} |")
    if unknown:
        print("\nwarnings of no kind (classify them in generator/tests/corpus/kinds.toml):")
        for text, n in unknown.most_common():
            print(f"  {n:6}  {text}")
    print("\n| error | count |\n|---|---|")
    for text, n in errors.most_common():
        print(f"| {text} | {n} |")
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"mode": mode, "generated": generated, "refused": refused, "timed_out": timed_out,
                       "warnings": warnings, "specs_by_kind": {k: sorted(v) for k, v in warned_specs.items()},
                       "unknown": unknown, "errors": errors}, f, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
