"""The markdown tables of bench/compile, from the files it leaves in $WORK; not run by hand.

    python3 bench/compile_tables.py OUT.md

Reads $WORK/{crates,pairs,sizes,busy,cold,big,edits}.tsv|txt and $RUNS_TSV (every run), prints
the tables and writes them to OUT.md. Every figure of a crate is the median of its runs.
"""
import csv
import math
import os
import statistics
import sys

e = os.environ
work = e["WORK"]


def rows(name):
    path = os.path.join(work, name)
    if not os.path.exists(path):
        return []
    with open(path, encoding="utf-8") as f:
        return [line.rstrip("\n").split("\t") for line in f if line.strip()]


def num(x):
    try:
        return float(x)
    except (TypeError, ValueError):
        return math.nan


crates = {r[0]: r for r in rows("crates.tsv")}
sizes = {r[0]: (int(r[1]), int(r[2])) for r in rows("sizes.tsv")}
busy = {r[0]: r[1] for r in rows("busy.tsv")}

# key -> mode -> column -> median
runs = {}
with open(e["RUNS_TSV"], encoding="utf-8") as f:
    for r in csv.DictReader(f, delimiter="\t"):
        runs.setdefault(r["key"], {}).setdefault(r["mode"], []).append(r)


def median(key, mode, column):
    if (key, mode) in failed:
        return math.inf
    values = [num(r[column]) for r in runs.get(key, {}).get(mode, [])]
    values = [v for v in values if not math.isnan(v)]
    return statistics.median(values) if values else math.nan


failed = {(r[0], r[1]) for r in rows("failed.tsv")}


def secs(x):
    if math.isinf(x):
        return "does not compile"
    return "n/a" if math.isnan(x) else f"{x:.2f} s"


def mib(kib):
    if math.isinf(kib):
        return "does not compile"
    return "n/a" if math.isnan(kib) else f"{kib / 1024:.0f}"


def ratio(peer, ours):
    if any(math.isnan(v) or math.isinf(v) for v in (peer, ours)) or ours == 0:
        return "n/a"
    return f"{peer / ours:.1f}x"


def seen(b):
    if not b or "/" not in b:
        return "n/a"
    n, total = b.split("/")
    return "none" if n == "0" else f"{n}/{total} samples"


def lines(key):
    if key not in sizes:
        return "n/a", "n/a"
    ops, n = sizes[key]
    return f"{n}", (f"{n / ops:.0f}" if ops else "n/a")


out = [
    f"Machine: {e['CORES']} cores ({e['CPU']}), {e['MEM']}; {e['RUSTC_VERSION']}.",
    f"Commit {e['COMMIT']} (uncommitted changes in: {e['DIRTY'].strip() or 'none'}). "
    f"Peers: progenitor {e['PROGENITOR_VERSION']} (`cargo progenitor --interface builder`), "
    f"aws-sdk-wickr {e['AWS_WICKR_VERSION']}. The whole run took {e['MINUTES']} min.",
    "",
    f"**Each crate alone**, debug, dependencies prebuilt (`cargo clean -p <crate>`, then `cargo build -p <crate>` / "
    f"`cargo check -p <crate>`); median of {e['RUNS']} runs (one for a crate whose build takes over {e.get('LONG_S', '60')} s); wall time of cargo; rustc MiB: peak RSS of the crate's "
    "own rustc in the build; ratio: peer / ours (above 1: ours is faster or smaller).",
    "",
    "| crate, operations | build: ours | peer | ratio | check: ours | peer | ratio | rustc MiB: ours | peer | ratio "
    "| lines: ours | peer | lines/op: ours | peer | other builds seen: ours | peer |",
    "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|",
]
notes = []
for label, ours, peer, note in (r + [""] * (4 - len(r)) for r in rows("pairs.tsv")):
    if ours not in crates:
        continue
    ops = sizes.get(ours, (0, 0))[0]
    if note:
        notes.append(f"{label}: {note}.")
        label += f" [{len(notes)}]"
    b = [median(k, "build", "cargo_wall_s") for k in (ours, peer)]
    c = [median(k, "check", "cargo_wall_s") for k in (ours, peer)]
    m = [median(k, "build", "rustc_peak_kib") for k in (ours, peer)]
    lo, lpo = lines(ours)
    lp, lpp = lines(peer)
    out.append(
        f"| {label}, {ops} | {secs(b[0])} | {secs(b[1])} | {ratio(b[1], b[0])} | {secs(c[0])} | {secs(c[1])} "
        f"| {ratio(c[1], c[0])} | {mib(m[0])} | {mib(m[1])} | {ratio(m[1], m[0])} | {lo} | {lp} | {lpo} | {lpp} "
        f"| {seen(busy.get(ours))} | {seen(busy.get(peer))} |"
    )
out += [f"[{i + 1}] {n}" for i, n in enumerate(notes)]

# User (CPU) time moves less than wall time when other builds share the cores.
out += [
    "",
    "The same pairs by cargo's user (CPU) time, which other builds on the machine disturb less than wall time:",
    "",
    "| crate | build user: ours | peer | ratio | check user: ours | peer | ratio |",
    "|---|---|---|---|---|---|---|",
]
for label, ours, peer, note in (r + [""] * (4 - len(r)) for r in rows("pairs.tsv")):
    if ours not in crates:
        continue
    b = [median(k, "build", "cargo_user_s") for k in (ours, peer)]
    c = [median(k, "check", "cargo_user_s") for k in (ours, peer)]
    out.append(f"| {label} | {secs(b[0])} | {secs(b[1])} | {ratio(b[1], b[0])} | {secs(c[0])} | {secs(c[1])} "
               f"| {ratio(c[1], c[0])} |")
edits = [line[0] for line in rows("edits.txt")]
if edits:
    out += ["", "Progenitor was given copies edited by `bench/progenitor_prep.py`: " + "; ".join(edits) + "."]

out += [
    "",
    "The same, every crate with its user time and its own rustc process (medians): cargo wall / cargo user / "
    "rustc wall / rustc MiB.",
    "",
    "| crate | package | build | check |",
    "|---|---|---|---|",
]
for key, r in crates.items():
    cells = []
    for mode in ("build", "check"):
        w, u, rw, rm = (median(key, mode, c) for c in ("cargo_wall_s", "cargo_user_s", "rustc_wall_s", "rustc_peak_kib"))
        cells.append(f"{secs(w)} / {secs(u)} / {secs(rw)} / {mib(rm)} MiB")
    args = "" if r[3] == "," else " " + r[3].replace(",", " ")
    out.append(f"| {key} ({r[6]}) | `{r[2]}{args}` | {cells[0]} | {cells[1]} |")

cold = rows("cold.tsv")
if cold:
    out += [
        "",
        "**Cold build**, dependencies included, each in an empty target dir (`cargo build -p <crate>`, one run); "
        "packages: `cargo tree -e normal --prefix none`, repeats folded, the crate itself included.",
        "",
        "| crate | wall | user | units compiled | packages in its tree | other builds seen |",
        "|---|---|---|---|---|---|",
    ]
    for name, wall, user, units, packages, b in cold:
        out.append(f"| {name} | {secs(num(wall))} | {secs(num(user))} | {units} | {packages} | {seen(b)} |")
    if len(cold) == 2:
        out.append(f"| aws-sdk-wickr / wickr | {ratio(num(cold[1][1]), num(cold[0][1]))} "
                   f"| {ratio(num(cold[1][2]), num(cold[0][2]))} | | | |")

big = rows("big.tsv")
if big:
    out += [
        "",
        f"**The largest spec**: `cargo check --all-features` of sdkgen's crate, dependencies checked, one run; a "
        f"spec whose rustc passes {e['BIG_MAX_MIB']} MiB or {e['BIG_TIMEOUT']} s is stopped and the next tried.",
        "",
        "| spec | outcome | operations | lines | generation | cargo wall | rustc wall | rustc MiB | other builds seen |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    what = {"ok": "checked", "over-memory": f"stopped: rustc over {e['BIG_MAX_MIB']} MiB",
            "over-time": f"stopped: over {e['BIG_TIMEOUT']} s", "failed": "cargo check failed (see compile.log)"}
    for r in big:
        r = r + [""] * (9 - len(r))
        spec, status, ops, n, wall, rwall, peak, gen, b = r
        peak_text = mib(num(peak)) if status == "ok" else f"{mib(num(peak))} when stopped"
        out.append(f"| {spec} | {what.get(status, status)} | {ops} | {n} | {secs(num(gen))} | {secs(num(wall))} "
                   f"| {secs(num(rwall))} | {peak_text} | {seen(b)} |")

text = "\n".join(out) + "\n"
open(sys.argv[1], "w", encoding="utf-8").write(text)
print(text)
