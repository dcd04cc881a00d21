#!/usr/bin/env bash
# What test code costs (issue 20): scan the bench corpus at default
# settings and with `--test-code skip` (nothing runs in test code),
# interleaved, and print the median CPU (user+sys) and wall-clock times of
# each arm and their difference: the price of scanning test code for the
# rules whose test-code policy is not `skip` (the secrets pack). With BASE
# set, the same two arms of a second binary are measured in the same
# rounds (before/after). On a shared machine trust the CPU times.
#
#   benches/test_code_cost.sh [runs]
#   BASE=/path/to/old/cargo-sast benches/test_code_cost.sh 3
#
# Environment: CORPUS (default /work/bench-corpus/vendor), BIN (default
# target/release/cargo-sast, built if missing or older than the sources),
# BASE (optional second binary), JOBS (default 2).
set -euo pipefail
cd "$(dirname "$0")/.."

runs=${1:-3}
corpus=${CORPUS:-/work/bench-corpus/vendor}
bin=${BIN:-target/release/cargo-sast}
jobs=${JOBS:-2}
[[ -d "$corpus" ]] || { echo "corpus not found: $corpus (set CORPUS)" >&2; exit 2; }
if [[ -z "${BIN:-}" ]] && { [[ ! -x "$bin" ]] || [[ -n "$(find src lints Cargo.toml Cargo.lock -newer "$bin" -print -quit)" ]]; }; then
    echo "building release binary..." >&2
    cargo build --release --quiet
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

bins=("$bin")
[[ -n "${BASE:-}" ]] && bins+=("$BASE")
# arm <binary index> <mode>: appends "<wall> <cpu>" to its file.
arm() {
    local b=${bins[$1]} extra=()
    [[ "$2" == skip ]] && extra=(--test-code skip)
    /usr/bin/time -f '%e %U %S' -o "$tmp/t" "$b" "$corpus" "${extra[@]}" --no-cache --jobs "$jobs" \
        --format json --output /dev/null --exit-zero --quiet --no-progress --no-deps-audit
    awk '{ printf "%s %.2f\n", $1, $2 + $3 }' "$tmp/t" >>"$tmp/$1-$2"
}
median() { sort -g | awk '{ a[NR] = $1 } END { if (NR % 2) print a[(NR + 1) / 2]; else print (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
col() { awk -v c="$2" '{ print $c }' "$1" | median; }

for ((r = 1; r <= runs; r++)); do
    for i in "${!bins[@]}"; do
        arm "$i" default
        arm "$i" skip
    done
    echo "round $r/$runs done" >&2
done

echo "corpus: $corpus; $runs rounds, medians, $jobs threads"
for i in "${!bins[@]}"; do
    dc=$(col "$tmp/$i-default" 2); sc=$(col "$tmp/$i-skip" 2)
    dw=$(col "$tmp/$i-default" 1); sw=$(col "$tmp/$i-skip" 1)
    echo "${bins[$i]}"
    printf '  default          %6.2f s cpu  %6.2f s wall\n' "$dc" "$dw"
    printf '  --test-code skip %6.2f s cpu  %6.2f s wall\n' "$sc" "$sw"
    printf '  test code costs  %6.2f s cpu\n' "$(echo "$dc $sc" | awk '{ print $1 - $2 }')"
done
