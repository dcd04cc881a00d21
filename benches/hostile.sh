#!/usr/bin/env bash
# Hostile inputs (issue 18): wall time and peak memory of each, with the
# release binary. Target: every input under 2 s.
#   - one `.env` line of 4,000 tokens (every token a finding, all masked);
#   - one `.rs` line of 4,000 secret literals;
#   - the same line with a non-ASCII character (columns are counted);
#   - a 10 MB `.env` of 250,000 tokens on one line (the size limit);
#   - a FIFO and a `/dev/zero` link named like advisories in the database;
#   - a FIFO as `sast.toml`, as `Cargo.lock` and as the default baseline;
#   - `--diff` against a base with 20,000 changed lines in one file.
# Each figure is the median of RUNS runs (default 3).
#
#   benches/hostile.sh
#
# Environment: RUNS, BIN (default: target/release/cargo-sast, built when
# missing or older than the sources).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
runs=${RUNS:-3}
source benches/release-bin.sh

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
timing=$tmp/time

tokens() { # n [prefix] → n GitHub-token-shaped words
    awk -v n="$1" -v q="${2:-}" 'BEGIN { for (i = 0; i < n; i++) printf "%sghp_%08dQ7vL2xN8mK4pR9wT3yB6cH1dJ5fG%s ", q, i, q }'
}
mkdir -p "$tmp/env" "$tmp/rs" "$tmp/rs-utf8" "$tmp/big" "$tmp/fifo-config" "$tmp/fifo-lock" "$tmp/fifo-baseline"
printf 'TOKENS=%s\n' "$(tokens 4000)" > "$tmp/env/.env"
printf 'pub const T: &[&str] = &[%s];\n' "$(tokens 4000 '"' | sed 's/" "/", "/g')" > "$tmp/rs/lib.rs"
printf 'pub const T: &[&str] = &["é", %s];\n' "$(tokens 4000 '"' | sed 's/" "/", "/g')" > "$tmp/rs-utf8/lib.rs"
printf 'TOKENS=%s\n' "$(tokens 250000)" > "$tmp/big/.env"
# The audit workspace fixture and a copy of the fixture database with traps.
cp -r testdata/workspaces/audit/ws "$tmp/audit-ws"
cp -r testdata/advisory-db "$tmp/db"
first=$(ls "$tmp/db/crates" | head -1)
mkfifo "$tmp/db/crates/$first/RUSTSEC-2099-0001.md"
ln -s /dev/zero "$tmp/db/crates/$first/RUSTSEC-2099-0002.md"
for d in fifo-config fifo-lock fifo-baseline; do
    printf '[package]\nname = "x"\nversion = "0.1.0"\nedition = "2021"\n' > "$tmp/$d/Cargo.toml"
    mkdir -p "$tmp/$d/src" && printf 'pub fn f() {}\n' > "$tmp/$d/src/lib.rs"
done
mkfifo "$tmp/fifo-config/sast.toml" "$tmp/fifo-lock/Cargo.lock" "$tmp/fifo-baseline/sast-baseline.toml"
# A git repository whose one file changed on 20,000 of its 40,000 lines.
mkdir -p "$tmp/git" && (
    cd "$tmp/git"
    git init -q -b main
    awk 'BEGIN { for (i = 0; i < 40000; i++) printf "pub fn f%d(x: Option<u8>) -> u8 { x.unwrap() }\n", i }' > lib.rs
    git add . && git -c user.name=b -c user.email=b@b -c commit.gpgsign=false commit -qm base
    awk 'BEGIN { for (i = 0; i < 40000; i++) if (i % 2) printf "pub fn f%d(x: Option<u8>) -> u8 { x.unwrap() }\n", i; else printf "pub fn g%d(x: Option<u8>) -> u8 { x.unwrap() }\n", i }' > lib.rs
)

# measure <label> <dir> <args...> → "<label> <median wall s> <median peak RSS MiB>"
measure() {
    local label=$1 dir=$2
    shift 2
    local walls=() mems=()
    for _ in $(seq "$runs"); do
        (cd "$dir" && timeout 120 /usr/bin/time -f '%e %M' -o "$timing" "$bin" "$@" >/dev/null 2>&1) || true
        read -r wall mem < <(tail -1 "$timing")
        walls+=("$wall")
        mems+=("$mem")
    done
    local w m
    w=$(printf '%s\n' "${walls[@]}" | sort -g | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }')
    m=$(printf '%s\n' "${mems[@]}" | sort -g | awk '{ a[NR] = $1 } END { printf "%.0f", a[int((NR + 1) / 2)] / 1024 }')
    printf '%-44s %7.2f s %7s MiB%s\n' "$label" "$w" "$m" "$(awk -v w="$w" 'BEGIN { if (w >= 2) print "   OVER 2 s" }')"
}

scan=(--exit-zero --quiet --no-progress --no-cache)
echo "hostile inputs, $runs run(s) each, median (release binary $bin)"
measure ".env line of 4,000 tokens (JSON)" "$tmp/env" -f json "${scan[@]}" .
measure ".env line of 4,000 tokens (human, SARIF)" "$tmp/env" --output-sarif "$tmp/out.sarif" "${scan[@]}" .
measure ".rs line of 4,000 secret literals" "$tmp/rs" -f json "${scan[@]}" .
measure ".rs line of 4,000 literals, non-ASCII" "$tmp/rs-utf8" -f json "${scan[@]}" .
measure "10 MB .env, 250,000 tokens on one line" "$tmp/big" -f json --max-file-size 20000000 "${scan[@]}" .
measure "advisory db with a FIFO and /dev/zero" "$tmp/audit-ws" audit --advisory-db "$tmp/db" -f json --exit-zero
measure "FIFO as sast.toml" "$tmp/fifo-config" -f json "${scan[@]}"
measure "FIFO as Cargo.lock" "$tmp/fifo-lock" -f json "${scan[@]}"
measure "FIFO as the default baseline" "$tmp/fifo-baseline" -f json "${scan[@]}"
measure "--diff, 20,000 changed lines of 40,000" "$tmp/git" -f json --diff main "${scan[@]}" .
