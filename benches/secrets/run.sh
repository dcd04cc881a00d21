#!/usr/bin/env bash
# The secrets pack's recall/precision benchmark (issue 14, "Secrets
# recall"): generates a corpus of provider-format secrets and published
# non-secrets in the contexts real code writes them (formats.toml), scans
# it with the secrets rules, and prints recall per kind, context, scope
# and family, precision, the misses and the false alarms. See README.md.
#
#   benches/secrets/run.sh                               # release build of this checkout
#   BIN=/path/to/cargo-sast benches/secrets/run.sh       # measure another binary
#   DETAILS=1 benches/secrets/run.sh                     # list partial misses too
#
# Environment:
#   BIN          the cargo-sast binary (default: target/release/cargo-sast, built when
#                missing or older than the sources)
#   SECBENCH_DIR where the corpus, answer key and scan reports go (default:
#                ../secbench-work beside the repository; never inside it: the corpus
#                holds format-valid tokens). It is emptied first.
#   SEED         the generator's seed (default 14)
#   PASSES       the scans to run, as `name:extra-args` words (default: the default
#                test-code policy and `--test-code skip`)
#   DETAILS      1: also list kind/context groups that are only partly missed
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
cd "$root"

work=${SECBENCH_DIR:-$root/../secbench-work}
mkdir -p "$work"
work=$(cd "$work" && pwd)
case "$work/" in "$root"/*) echo "SECBENCH_DIR must be outside the repository" >&2; exit 2 ;; esac

bin=${BIN:-target/release/cargo-sast}
if [[ -z "${BIN:-}" ]] && { [[ ! -x "$bin" ]] || [[ -n "$(find src lints Cargo.toml Cargo.lock -newer "$bin" -print -quit)" ]]; }; then
    echo "building the release binary..." >&2
    cargo build --release --locked --quiet
fi
[[ -x "$bin" ]] || { echo "no executable binary at $bin" >&2; exit 2; }
bin=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")

echo "building the generator..." >&2
cargo build --locked --quiet --example secbench
secbench=$root/target/debug/examples/secbench

rm -rf "$work/corpus" "$work/answers.json" "$work"/scan-*.json
"$secbench" generate --formats "$here/formats.toml" --seed "${SEED:-14}" --out "$work"

passes=${PASSES:-"default: test-code-skip:--test-code=skip"}
args=(report --answers "$work/answers.json")
for pass in $passes; do
    name=${pass%%:*}
    extra=${pass#*:}
    out=$work/scan-$name.json
    # Exit 1 means findings: expected. 2 is an error.
    status=0
    # shellcheck disable=SC2086 # extra holds the pass's own arguments
    (cd "$work/corpus" && "$bin" . --select secrets -f json --no-cache --no-deps-audit --exit-zero -q $extra >"$out") || status=$?
    if [[ $status -ne 0 ]]; then
        echo "pass $name: $bin exited $status" >&2
        exit 2
    fi
    args+=(--scan "$name=$out")
done
[[ "${DETAILS:-0}" == 1 ]] && args+=(--details)
"$secbench" "${args[@]}"
