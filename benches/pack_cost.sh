#!/usr/bin/env bash
# What a rule pack costs: scan the bench corpus with all rules, and with all
# rules but the pack, several times (interleaved, so machine load drifts
# evenly over both), and print the median wall-clock and CPU (user+sys)
# times and their ratios. On a shared, busy machine the CPU-time ratio is
# the one to trust: wall-clock time then measures the neighbours.
#
#   benches/pack_cost.sh <selector> [runs]
#
# <selector> is what `--ignore` takes: a tag (`secrets`), a rule id, or a
# comma-separated list. Environment: CORPUS (default
# /work/bench-corpus/vendor), JOBS (worker threads, default: all cores),
# BIN (the binary; default target/release/cargo-sast, built if missing or
# older than the sources), MODE=instructions to count instructions with
# valgrind's callgrind instead (one single-threaded run per arm,
# deterministic, ~50x slower: point CORPUS at a subset of the corpus).
set -euo pipefail
cd "$(dirname "$0")/.."

sel=${1:?usage: benches/pack_cost.sh <selector> [runs]}
runs=${2:-5}
corpus=${CORPUS:-/work/bench-corpus/vendor}
bin=${BIN:-target/release/cargo-sast}
jobs_args=()
[[ -n "${JOBS:-}" ]] && jobs_args=(--jobs "$JOBS")

[[ -d "$corpus" ]] || { echo "corpus not found: $corpus (set CORPUS)" >&2; exit 2; }
if [[ -z "${BIN:-}" ]] && { [[ ! -x "$bin" ]] || [[ -n "$(find src lints Cargo.toml Cargo.lock -newer "$bin" -print -quit)" ]]; }; then
    echo "building release binary..." >&2
    cargo build --release --quiet
fi

if [[ "${MODE:-time}" == instructions ]]; then
    count() { # extra args... → instructions
        local out
        out=$(mktemp)
        valgrind --tool=callgrind --callgrind-out-file=/dev/null "$bin" "$corpus" --select all "$@" --jobs 1 \
            --format json --output /dev/null --exit-zero --quiet --no-progress 2>"$out" || true
        sed -n 's/.*Collected : \([0-9]*\).*/\1/p' "$out"
        rm -f "$out"
    }
    a=$(count)
    b=$(count --ignore "$sel")
    ratio=$(echo "$a / $b" | bc -l)
    printf 'corpus: %s, instructions (callgrind, 1 thread)\n' "$corpus"
    printf 'all rules %d   without %s %d   ratio %.4f (%+.2f%%)\n' "$a" "$sel" "$b" "$ratio" "$(echo "($ratio - 1) * 100" | bc -l)"
    exit 0
fi

timing=$(mktemp)
trap 'rm -f "$timing"' EXIT

scan() { # extra args... → prints "<wall> <cpu>"
    /usr/bin/time -f '%e %U %S' -o "$timing" \
        "$bin" "$corpus" --select all "$@" "${jobs_args[@]}" --format json --output /dev/null --exit-zero --quiet --no-progress
    awk '{ printf "%s %.2f\n", $1, $2 + $3 }' "$timing"
}

median() { sort -g | awk '{ a[NR] = $1 } END { if (NR % 2) print a[(NR + 1) / 2]; else print (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

# One warm-up of each (file cache, lazily built tables).
scan >/dev/null
scan --ignore "$sel" >/dev/null

w_with=(); c_with=(); w_without=(); c_without=()
for ((i = 1; i <= runs; i++)); do
    read -r w c < <(scan)
    w_with+=("$w"); c_with+=("$c")
    read -r w2 c2 < <(scan --ignore "$sel")
    w_without+=("$w2"); c_without+=("$c2")
    printf 'run %d/%d: all rules %ss wall %ss cpu; without %s %ss wall %ss cpu\n' "$i" "$runs" "$w" "$c" "$sel" "$w2" "$c2" >&2
done

report() { # label with... without...
    local label=$1 a b ratio
    a=$(printf '%s\n' "${@:2:$runs}" | median)
    b=$(printf '%s\n' "${@:$((runs + 2)):$runs}" | median)
    ratio=$(echo "$a / $b" | bc -l)
    printf '%-5s all rules %8.3f s   without %s %8.3f s   ratio %.4f (%+.2f%%)\n' \
        "$label" "$a" "$sel" "$b" "$ratio" "$(echo "($ratio - 1) * 100" | bc -l)"
}
printf 'corpus: %s, %d runs each, medians\n' "$corpus" "$runs"
report wall "${w_with[@]}" "${w_without[@]}"
report cpu "${c_with[@]}" "${c_without[@]}"
