#!/usr/bin/env bash
# The deterministic performance benchmark: what a full scan costs beside
# parsing alone, counted by valgrind's callgrind instead of timed, on every
# SHARE-th crate of the bench corpus (default 8), one thread:
#   - instructions;
#   - misses of a simulated 2 MiB last-level cache (this machine's L2 per
#     core: its L3 is shared with other machines, so what leaves L2 is what
#     their load makes slow), for data reads, data writes and instructions;
#   - first-level cache misses and mispredicted branches;
#   - callgrind's estimate of cycles from them (Ir + 10 x (first-level
#     misses + mispredicts) + 100 x last-level misses, the weights of
#     KCachegrind's "Cycle Estimation"),
# for parse-only (`syn::parse_file` alone) and the full scan, and their
# ratios. CPU times on a shared VM drift by a quarter between identical
# runs; these counts repeat exactly, so an A/B of one change is best read
# here (benches/perf.sh prints the timed figures of issue 20's targets).
# Takes ~10 minutes (the two arms run side by side).
#
#   benches/perf-sim.sh
#
# Environment: CORPUS, BIN as for benches/perf.sh; SHARE (default 8);
# LIBRARY=1 adds a third arm: the full scan with the library threat model
# on every data-flow rule (benches/library/all-rules.toml).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
command -v valgrind >/dev/null || { echo "perf-sim.sh needs valgrind (apt install valgrind)" >&2; exit 2; }
corpus=${CORPUS:-/work/bench-corpus/vendor}
[[ -d "$corpus" ]] || corpus=$root/../bench-corpus/vendor
[[ -d "$corpus" ]] || { echo "no corpus at $corpus (benches/perf.sh builds it)" >&2; exit 2; }
share=${SHARE:-8}
source benches/release-bin.sh
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Every SHARE-th crate in name order: spread over the corpus's kinds.
mapfile -t dirs < <(find "$corpus" -mindepth 1 -maxdepth 1 -type d | sort | awk -v n="$share" 'NR % n == 1')
lines=$(find "${dirs[@]}" -name '*.rs' -type f -print0 | xargs -0 cat | wc -l)
echo "corpus: every ${share}th crate of $corpus (${#dirs[@]} crates, $lines lines); one thread"
echo "binary: $bin"

# sim <name> <extra args...>: callgrind's event totals into $tmp/<name>
sim() {
    local name=$1
    shift
    valgrind --tool=callgrind --cache-sim=yes --branch-sim=yes --LL=2097152,16,64 \
        --callgrind-out-file="$tmp/$name.out" --log-file="$tmp/$name.log" \
        "$bin" "${dirs[@]}" "$@" --jobs 1 --no-cache --format json --output /dev/null \
        --exit-zero --quiet --no-progress --no-deps-audit
    # `Events : Ir Dr Dw I1mr D1mr D1mw ILmr DLmr DLmw Bc Bcm Bi Bim`
    awk '/Collected :/ { for (i = 4; i <= NF; i++) printf "%s ", $i; print "" }' "$tmp/$name.log" >"$tmp/$name"
    [[ -s "$tmp/$name" ]] || { echo "callgrind failed for $name:" >&2; tail -5 "$tmp/$name.log" >&2; exit 1; }
}
sim parse --parse-only &
sim full &
wait %1 && wait %2
arms=(parse full)
if [[ "${LIBRARY:-0}" == 1 ]]; then
    sim library --config benches/library/all-rules.toml
    arms+=(library)
fi

# row <label> <awk expression over the fields of one arm's totals>
row() {
    local label=$1 expr=$2 line="" base=""
    for a in "${arms[@]}"; do
        v=$(awk "{ printf \"%.0f\", $expr }" "$tmp/$a")
        [[ -z "$base" ]] && base=$v
        line+=$(printf ' %16s' "$(printf "%'d" "$v")")
        [[ "$a" != parse ]] && line+=$(printf ' %6s' "$(echo "$v $base" | awk '{ printf "%.2fx", $1 / ($2 ? $2 : 1) }')")
    done
    printf '  %-34s%s\n' "$label" "$line"
}
header="  $(printf '%-34s' '')"
for a in "${arms[@]}"; do
    header+=$(printf ' %16s' "$a")
    [[ "$a" != parse ]] && header+=$(printf ' %6s' "ratio")
done
echo "$header"
# Fields: 1 Ir 2 Dr 3 Dw 4 I1mr 5 D1mr 6 D1mw 7 ILmr 8 DLmr 9 DLmw 10 Bc 11 Bcm 12 Bi 13 Bim
row "instructions" '$1'
row "L2 (2 MiB) data read misses" '$8'
row "L2 (2 MiB) data write misses" '$9'
row "L2 (2 MiB) instruction misses" '$7'
row "L1 misses (instructions and data)" '$4 + $5 + $6'
row "mispredicted branches" '$11 + $13'
row "estimated cycles" '$1 + 10 * ($4 + $5 + $6 + $11 + $13) + 100 * ($7 + $8 + $9)'
echo "  (issue 20's time target is 1.4x parse-only; benches/perf.sh times it)"
