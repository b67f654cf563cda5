#!/bin/sh
# Counts the warnings of the "on the wire" kinds over a folder of specs (default
# ../shared/corpus-dev): parameters not sent, bodies sent in their first media type only,
# response ranges handled as undocumented, error bodies not parsed; and specs refused.
# Usage: bench/wire_warnings.sh [SDKGEN_BINARY] [SPEC_DIR]
# (SDKGEN_BINARY defaults to target/release/sdkgen: `cargo build --release -p sdkgen` first).
bin=${1:-target/release/sdkgen}
dir=${2:-../shared/corpus-dev}
out=$(mktemp)
refused=0
flag=${LENIENT:+--lenient}
for spec in "$dir"/*.json "$dir"/*.yaml; do
    [ -e "$spec" ] || continue
    "$bin" validate $flag --spec "$spec" --format short >>"$out" 2>&1 || refused=$((refused + 1))
done
count() { n=$(grep -c "$1" "$out"); s=$(grep "$1" "$out" | sed 's/:[0-9]*:.*//' | sort -u | wc -l); printf '%-40s %6s in %3s specs\n' "$2" "$n" "$s"; }
count '^warning.*is not sent' 'parameters not sent'
count '^warning.*\(several media types\|cannot be chosen\)' 'first media type only / not choosable'
count '^warning.*response `[0-9]XX' 'response ranges as undocumented'
count '^warning.*are not parsed; the error keeps' 'error bodies not parsed'
echo "specs refused: $refused"
rm -f "$out"
