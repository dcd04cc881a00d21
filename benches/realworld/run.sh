#!/usr/bin/env bash
# The real-world precision benchmark (issue 14): scans pinned application
# crates from crates.io at default settings and prints, per crate and per
# rule, findings, findings per 1,000 code lines, scan time and precision
# against the answer key (triage.toml), then the overall figures against
# the targets. See benches/realworld/README.md.
#
#   benches/realworld/run.sh                        # build, fetch (once), scan, report
#   BIN=/path/to/cargo-sast benches/realworld/run.sh
#   UNTRIAGED=/tmp/todo.toml benches/realworld/run.sh   # also write the findings that need a verdict
#
# Environment:
#   BIN         the cargo-sast binary to measure (default: target/release/cargo-sast,
#               built when missing or older than the sources)
#   REALWORLD_DIR  download cache and unpacked crates (default: ../realworld-cache
#               beside the repository; never inside it)
#   UNTRIAGED   write the judged findings without a verdict there, as entries to fill in
#   RUNS        scans per crate; the time is their median (default 3)
# Needs: the Rust toolchain, curl, tar, sha256sum (or shasum).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
cd "$root"

cache=${REALWORLD_DIR:-$root/../realworld-cache}
mkdir -p "$cache"
cache=$(cd "$cache" && pwd)
case "$cache/" in "$root"/*) echo "REALWORLD_DIR must be outside the repository" >&2; exit 2 ;; esac

bin=${BIN:-target/release/cargo-sast}
if [[ -z "${BIN:-}" ]] && { [[ ! -x "$bin" ]] || [[ -n "$(find src lints Cargo.toml Cargo.lock -newer "$bin" -print -quit)" ]]; }; then
    echo "building the release binary..." >&2
    cargo build --release --locked --quiet
fi
[[ -x "$bin" ]] || { echo "no executable binary at $bin" >&2; exit 2; }
bin=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")

echo "building the report program..." >&2
cargo build --release --locked --quiet --example realworld
report=$root/target/release/examples/realworld

sha256() {
    if command -v sha256sum >/dev/null; then sha256sum "$1" | cut -d' ' -f1; else shasum -a 256 "$1" | cut -d' ' -f1; fi
}

# Fetch each pinned crate once: download, check its sha256, unpack.
"$report" list "$here/crates.toml" | while read -r name version sum; do
    dir=$cache/$name-$version
    [[ -f "$dir/Cargo.toml" ]] && continue
    file=$cache/$name-$version.crate
    if [[ ! -f "$file" ]] || [[ "$(sha256 "$file")" != "$sum" ]]; then
        echo "fetching $name $version..." >&2
        curl --fail --silent --show-error --location --retry 3 -o "$file.part" \
            "https://static.crates.io/crates/$name/$name-$version.crate"
        mv "$file.part" "$file"
    fi
    got=$(sha256 "$file")
    if [[ "$got" != "$sum" ]]; then
        echo "$name $version: checksum mismatch (got $got, pinned $sum); file left at $file" >&2
        exit 2
    fi
    rm -rf "$dir.part" && mkdir -p "$dir.part"
    tar -xzf "$file" -C "$dir.part"
    mv "$dir.part/$name-$version" "$dir" && rmdir "$dir.part"
done

args=(report --bin "$bin" --crates "$here/crates.toml" --triage "$here/triage.toml" --src "$cache" --runs "${RUNS:-3}")
[[ -n "${UNTRIAGED:-}" ]] && args+=(--untriaged "$UNTRIAGED")
"$report" "${args[@]}"
