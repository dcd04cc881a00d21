#!/usr/bin/env bash
# The language server's keystroke latency (`cargo sast lsp`): the time from
# a `didChange` to the `publishDiagnostics` of that version, no debounce,
# one edited file — on a file of the demo workspace and on a 2,000-line
# file of the bench corpus (reqwest's connect.rs, 2,139 lines, in a copy of
# its crate; and tokio's sync/mpsc/bounded.rs in a copy of tokio, 573
# files, the harder join). Target on a two-core machine: under 50 ms.
#
#   benches/lsp.sh             N=200 edits per file by default
#
# Environment: CORPUS (default /work/bench-corpus/vendor), N, BIN (default:
# target/release/cargo-sast, built first).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
n=${N:-200}
corpus=${CORPUS:-/work/bench-corpus/vendor}
if [[ -z "${BIN:-}" ]]; then
    cargo build --release --locked --bin cargo-sast
fi
bin=${BIN:-$root/target/release/cargo-sast}
cargo build --release --locked --example lspbench
bench=$root/target/release/examples/lspbench
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

cp -r testdata/workspaces/demo "$tmp/demo"
"$bench" "$bin" "$tmp/demo" api/src/auth.rs "$n"
for spec in reqwest-0.13.5:src/connect.rs tokio-1.54.1:src/sync/mpsc/bounded.rs; do
    crate=${spec%%:*} file=${spec#*:}
    if [[ -d "$corpus/$crate" ]]; then
        cp -r "$corpus/$crate" "$tmp/$crate"
        "$bench" "$bin" "$tmp/$crate" "$file" "$n"
    else
        echo "$corpus/$crate: not found (set CORPUS)" >&2
    fi
done
