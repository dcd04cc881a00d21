#!/usr/bin/env bash
# Benchmark of `cargo sast deps` on the bench corpus's lock file
# (shared/bench/corpus/Cargo.lock, 389 packages) with the corpus's vendor
# directory as sources, on 2 threads. Prints:
#   - a cold run: the corpus files are first evicted from the page cache
#     (posix_fadvise DONTNEED on each file: only these files, nothing else
#     on the machine), so every source is read from disk;
#   - the median of RUNS warm runs (default 3);
# each as wall-clock, CPU (user+sys) and peak RSS. Target: under 10 s cold.
#
#   benches/deps.sh
#
# Environment: CORPUS (default /work/bench-corpus/vendor, else
# ../bench-corpus/vendor), LOCKDIR (default ../shared/bench/corpus, else
# /work/shared/bench/corpus), RUNS, JOBS (default 2), BIN (default:
# target/release/cargo-sast, built when missing or older than the sources).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

runs=${RUNS:-3}
jobs=${JOBS:-2}
corpus=${CORPUS:-}
if [[ -z "$corpus" ]]; then
    if [[ -d /work/bench-corpus/vendor ]]; then corpus=/work/bench-corpus/vendor; else corpus=$root/../bench-corpus/vendor; fi
fi
lockdir=${LOCKDIR:-}
if [[ -z "$lockdir" ]]; then
    if [[ -f $root/../shared/bench/corpus/Cargo.lock ]]; then lockdir=$root/../shared/bench/corpus; else lockdir=/work/shared/bench/corpus; fi
fi
if [[ ! -d "$corpus" ]]; then
    maker=$root/../shared/bench/make-corpus.sh
    [[ -x "$maker" ]] || { echo "no corpus at $corpus and no $maker" >&2; exit 2; }
    echo "building the corpus in $corpus (one time)..." >&2
    "$maker" "$corpus" >&2
fi
[[ -f "$lockdir/Cargo.lock" ]] || { echo "no Cargo.lock in $lockdir" >&2; exit 2; }
source benches/release-bin.sh

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# The lock file's workspace, copied so nothing is written next to the shared one.
cp -r "$lockdir" "$tmp/ws"
timing=$tmp/time

run() {
    /usr/bin/time -f '%e %U %S %M' -o "$timing" "$bin" deps "$tmp/ws" --vendor "$corpus" -j "$jobs" \
        -f json -o "$tmp/out.json" --exit-zero 2>/dev/null
    awk '{ printf "%s %.2f %s\n", $1, $2 + $3, $4 }' "$timing"
}
median() { sort -g | awk '{ a[NR] = $1 } END { if (NR % 2) print a[(NR + 1) / 2]; else print (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

evict() {
    find "$corpus" -type f -print0 | python3 -c '
import os, sys
for p in sys.stdin.buffer.read().split(b"\0"):
    if not p:
        continue
    try:
        fd = os.open(p, os.O_RDONLY)
    except OSError:
        continue
    try:
        os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
    finally:
        os.close(fd)
'
}

packages=$(grep -c '^\[\[package\]\]' "$lockdir/Cargo.lock")
echo "lock: $lockdir/Cargo.lock ($packages packages); sources: $corpus; $jobs threads"
echo "binary: $bin"
evict
read -r wall cpu rss < <(run)
printf 'cold:  %6.2f s wall  %6.2f s cpu  %6d MiB peak\n' "$wall" "$cpu" $((rss / 1024))
: > "$tmp/warm"
for _ in $(seq "$runs"); do run >> "$tmp/warm"; done
printf 'warm:  %6.2f s wall  %6.2f s cpu  %6d MiB peak   (median of %s)\n' \
    "$(awk '{print $1}' "$tmp/warm" | median)" "$(awk '{print $2}' "$tmp/warm" | median)" \
    $(( $(awk '{print $3}' "$tmp/warm" | median | cut -d. -f1) / 1024 )) "$runs"
python3 - "$tmp/out.json" <<'EOF'
import json, sys
j = json.load(open(sys.argv[1]))
s = j["summary"]
print(f"analysed {s['packages_analysed']} of {s['packages']} packages, {s['files']} files, {s['lines']} lines; "
      f"findings: {s['critical']} critical, {s['high']} high, {s['medium']} medium, {s['low']} low")
EOF
