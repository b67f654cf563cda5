#!/usr/bin/env python3
"""Runs an sdkgen binary (`validate --format short`) on every spec of a corpus folder and
classifies what it reports: how many specs model without error (would generate), how many
are refused, and the warnings by kind (the message with its names and values cut away).

    python3 bench/corpus_warnings.py [--sdkgen target/release/sdkgen] [--corpus ../shared/corpus-dev]
        [--timeout 300] [--json out.json]

Not CI: a measure to compare two binaries on the same corpus (before / after a change)."""
import argparse, collections, json, os, re, subprocess, sys

# Kinds by the start of the message (first match wins); anything else is kept by its text
# with names in backquotes and numbers cut away.
KINDS = [
    ("allOf member not an object -> Value", "an `allOf` member that is not an object"),
    ("several types -> Value", "several types ("),
    ("allOf scalar members -> Value", "an `allOf` of scalars"),
    ("not sent", "not sent"),
    ("sent as JSON text (no style writes it)", "it is sent as its JSON text"),
    ("form member as JSON text", "which a form has no spelling for"),
    ("boolean schema false: member left out", "has the boolean schema `false`"),
    ("first media type only", "media type"),
    ("response range -> undocumented", "(only exact statuses and"),
    ("no success response documented", "no success ("),
    ("error body not parsed", "error bodies of type"),
    ("body member setter renamed", "the body member `"),
    ("parameter names collide", "parameters `"),
    ("crate name / version / license (info)", "the crate is named after the file"),
    ("crate name / version / license (info)", "is not a semver version"),
    ("crate name / version / license (info)", "is not an SPDX license"),
    ("other unsupported", "is not supported yet"),
]

def kind_of(message: str) -> str:
    for name, needle in KINDS:
        if needle in message:
            return name
    text = re.sub(r"`[^`]*`", "`…`", message)
    text = re.sub(r"\d+", "N", text)
    return text[:110]

def main() -> int:
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser()
    ap.add_argument("--sdkgen", default=os.path.join(here, "..", "target", "release", "sdkgen"))
    ap.add_argument("--corpus", default=os.path.join(here, "..", "..", "shared", "corpus-dev"))
    ap.add_argument("--timeout", type=int, default=300)
    ap.add_argument("--json")
    args = ap.parse_args()
    specs = sorted(f for f in os.listdir(args.corpus) if f.endswith((".json", ".yaml", ".yml")))
    generated, refused, timed_out = 0, [], []
    warnings = collections.Counter()
    warned_specs = collections.defaultdict(set)
    errors = collections.Counter()
    for spec in specs:
        path = os.path.join(args.corpus, spec)
        try:
            run = subprocess.run([args.sdkgen, "validate", "--format", "short", "--color", "never", "--spec", path],
                                 capture_output=True, text=True, timeout=args.timeout)
        except subprocess.TimeoutExpired:
            timed_out.append(spec)
            continue
        for line in run.stderr.splitlines():
            m = re.match(r"^(warning|error): .*?\.(?:json|ya?ml)(?::\d+)?: (.*)$", line)
            if not m:
                continue
            message = m.group(2)
            if " (at " in message:
                message = message[: message.rindex(" (at ")]
            kind = kind_of(message)
            if m.group(1) == "warning":
                warnings[kind] += 1
                warned_specs[kind].add(spec)
            else:
                errors[kind] += 1
        if run.returncode == 0:
            generated += 1
        else:
            refused.append(spec)
    print(f"specs: {len(specs)}  generated: {generated}  refused: {len(refused)}  timed out: {len(timed_out)}")
    print("\n| warning kind | count | specs |\n|---|---|---|")
    for kind, n in warnings.most_common():
        print(f"| {kind} | {n} | {len(warned_specs[kind])} |")
    print("\n| error kind | count |\n|---|---|")
    for kind, n in errors.most_common():
        print(f"| {kind} | {n} |")
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"generated": generated, "refused": refused, "timed_out": timed_out,
                       "warnings": warnings, "errors": errors}, f, indent=1)
    return 0

if __name__ == "__main__":
    sys.exit(main())
