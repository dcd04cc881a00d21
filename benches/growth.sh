#!/usr/bin/env bash
# The growth benchmark: does anything grow faster than the code?
#   - time per million lines on 1/8, 1/4, 1/2 and all of the bench corpus
#     (crates taken in name order until the share of lines is reached),
#     and the same share parsed alone: the shares differ in the kind of
#     code, which the ratio of the two leaves out;
#   - a synthetic crate of 16,000 files in one package and a synthetic
#     workspace of 360 packages (benches/gen/): the share of the scan spent
#     in serial phases, from the binary's hidden `--timings` output;
#   - on each share, the memory a full scan keeps across the file analysis
#     (resident at its end, one thread, full minus parse-only, the
#     allocator returning freed pages at once), and its growth from 1/8 to
#     all of the corpus per million lines: what the kept results cost per
#     line, without what a scan holds whatever the code (models, automata,
#     code pages).
# Each figure is the median of RUNS runs (default 3); two threads.
#
#   benches/growth.sh         (run by benches/perf.sh; or alone)
#
# Environment: CORPUS, RUNS, BIN as for benches/perf.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
runs=${RUNS:-3}
corpus=${CORPUS:-/work/bench-corpus/vendor}
[[ -d "$corpus" ]] || corpus=$root/../bench-corpus/vendor
[[ -d "$corpus" ]] || { echo "no corpus at $corpus (benches/perf.sh builds it)" >&2; exit 2; }
source benches/release-bin.sh
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

median() { sort -g | awk '{ a[NR] = $1 } END { if (NR % 2) print a[(NR + 1) / 2]; else print (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

# scan <dir...> → appends "<wall> <cpu> <serial s> <largest serial phase s> <its name>" to $out
scan() {
    /usr/bin/time -f '%e %U %S' -o "$tmp/time" "$bin" "$@" --no-cache --jobs 2 --format json --output /dev/null \
        --exit-zero --quiet --no-progress --no-deps-audit --timings 2>"$tmp/timings" >/dev/null
    local t; t=$(awk '{ printf "%s %.2f", $1, $2 + $3 }' "$tmp/time")
    # `timing <phase name, maybe several words> <seconds> <serial|parallel>`
    awk -v t="$t" '$1 == "timing" && $NF == "serial" {
            name = $2; for (i = 3; i < NF - 1; i++) name = name "_" $i
            s += $(NF - 1); if ($(NF - 1) > m) { m = $(NF - 1); n = name } }
        END { printf "%s %.3f %.3f %s\n", t, s, m, n }' \
        "$tmp/timings" >>"$out"
}
# floor <dir...> → appends the CPU seconds of parsing alone to $out.parse
floor() {
    /usr/bin/time -f '%U %S' -o "$tmp/time" "$bin" "$@" --parse-only --no-cache --jobs 2 --format json \
        --output /dev/null --exit-zero --quiet --no-progress --no-deps-audit >/dev/null 2>&1
    awk '{ printf "%.2f\n", $1 + $2 }' "$tmp/time" >>"$out.parse"
}
# kept <dir...> → appends "<full KiB> <parse-only KiB>" resident at the end
# of the file analysis to $out.kept: one thread, and freed pages returned
# at once (`MIMALLOC_PURGE_DELAY=0`), or what is resident at that moment
# depends on how long ago the largest file's tree was freed (with the
# default delay a parse-only run of 1/8 of the corpus ended that phase
# with more resident than the full scan).
kept() {
    echo "$(resident_after_analysis "$@") $(resident_after_analysis "$@" --parse-only)" >>"$out.kept"
}
resident_after_analysis() {
    MIMALLOC_PURGE_DELAY=0 "$bin" "$@" --no-cache --jobs 1 --timings --format json --output /dev/null --exit-zero \
        --quiet --no-progress --no-deps-audit 2>&1 >/dev/null | awk '$1 == "memory" && $2 == "analyse" { print $NF }'
}
report() { # label lines-in-millions
    local w c s m n
    w=$(awk '{ print $1 }' "$out" | median); c=$(awk '{ print $2 }' "$out" | median)
    s=$(awk '{ print $3 }' "$out" | median); m=$(awk '{ print $4 }' "$out" | median)
    n=$(awk '{ print $5 }' "$out" | sort | uniq -c | sort -rn | awk 'NR == 1 { print $2 }')
    printf '  %-26s %6.2f s wall %6.2f s cpu  %5.2f s/Mline wall %5.2f s/Mline cpu  serial %4.1f%% (largest: %s %.1f%%)\n' \
        "$1" "$w" "$c" "$(echo "$w $2" | awk '{ print $1 / $2 }')" "$(echo "$c $2" | awk '{ print $1 / $2 }')" \
        "$(echo "$s $w" | awk '{ print 100 * $1 / $2 }')" "$n" "$(echo "$m $w" | awk '{ print 100 * $1 / $2 }')"
    # A share's code is not the whole corpus's: the same share parsed
    # alone tells a slower kind of code from a phase that grows.
    if [[ -s "$out.parse" ]]; then
        local p; p=$(median <"$out.parse")
        printf '  %-26s %6s        %6.2f s cpu parsing alone  %5.2f s/Mline cpu  full / parse %.2fx\n' \
            "" "" "$p" "$(echo "$p $2" | awk '{ print $1 / $2 }')" "$(echo "$c $p" | awk '{ print $1 / $2 }')"
    fi
    if [[ -s "$out.kept" ]]; then
        local k; k=$(awk '{ print $1 - $2 }' "$out.kept" | median)
        echo "$2 $k" >>"$tmp/kept-by-share"
        printf '  %-26s %6s        kept across the file analysis %6.1f MiB (one thread, full - parse only)\n' \
            "" "" "$(echo "$k" | awk '{ print $1 / 1024 }')"
    fi
}
lines_of() { find "$@" -name '*.rs' -type f -print0 | xargs -0 cat | wc -l; }

echo "== Growth (2 threads, $runs runs, load average: $(cut -d' ' -f1-3 /proc/loadavg)) =="
# Crates of the corpus with their line counts, in name order.
for d in "$corpus"/*/; do
    printf '%s %s\n' "$(lines_of "$d")" "$d"
done >"$tmp/crates"
total=$(awk '{ s += $1 } END { print s }' "$tmp/crates")
for share in 8 4 2 1; do
    awk -v want="$((total / share))" '{ s += $1; print $2; if (s >= want) exit }' "$tmp/crates" >"$tmp/sel"
    n=$(awk -v want="$((total / share))" '{ s += $1; if (s >= want) { print s; exit } } END { if (s < want) print s }' "$tmp/crates")
    mapfile -t dirs <"$tmp/sel"
    out=$tmp/share$share; : >"$out"
    for ((i = 1; i <= runs; i++)); do scan "${dirs[@]}"; floor "${dirs[@]}"; kept "${dirs[@]}"; done
    report "corpus 1/$share (${#dirs[@]} crates)" "$(echo "$n" | awk '{ print $1 / 1e6 }')"
done
# What the kept results cost per line: the growth of the kept memory from
# the smallest share to the whole corpus (what a scan holds whatever the
# code is in both, and cancels).
awk 'NR == 1 { l0 = $1; k0 = $2 } { l = $1; k = $2 }
    END { printf "  kept memory grows %.1f MiB per million lines from 1/8 to all (target: 15)\n", (k - k0) / 1024 / (l - l0) }' \
    "$tmp/kept-by-share"
benches/gen/synthetic-crate.sh "$tmp/crate" 16000
out=$tmp/crate-runs; : >"$out"
for ((i = 1; i <= runs; i++)); do scan "$tmp/crate"; done
report "crate of 16,000 files" "$(lines_of "$tmp/crate" | awk '{ print $1 / 1e6 }')"
benches/gen/synthetic-workspace.sh "$tmp/ws" 360
out=$tmp/ws-runs; : >"$out"
for ((i = 1; i <= runs; i++)); do (cd "$tmp/ws" && scan); done
report "workspace of 360 packages" "$(lines_of "$tmp/ws" | awk '{ print $1 / 1e6 }')"
echo "  (targets: s/Mline constant within 10% from 1/8 to all — the shares differ in kind of code: compare"
echo "   each share's full / parse too; under 10% of a scan in any serial phase)"
