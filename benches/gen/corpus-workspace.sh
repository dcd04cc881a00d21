#!/usr/bin/env bash
# The bench corpus as one cargo workspace (for the warm-cache figure of
# benches/perf.sh): every crate a member under DIR/crates, its files hard
# links to the corpus (nothing is written through them), its manifest a
# copy with the package renamed after its directory (`actix-codec-0.5.4`
# → `actix-codec-0_5_4`, `+` and `.` to `_`), as two versions of a crate may not share a name
# in one workspace.
#
#   benches/gen/corpus-workspace.sh DIR CORPUS
set -euo pipefail
dir=${1:?usage: corpus-workspace.sh DIR CORPUS}
corpus=${2:?usage: corpus-workspace.sh DIR CORPUS}
mkdir -p "$dir/crates"
printf '[workspace]\nresolver = "2"\nmembers = ["crates/*"]\n' >"$dir/Cargo.toml"
for c in "$corpus"/*/; do
    name=$(basename "$c")
    [[ -f "$c/Cargo.toml" ]] || continue
    cp -al "$c" "$dir/crates/$name" 2>/dev/null || cp -r "$c" "$dir/crates/$name"
    rm -f "$dir/crates/$name/Cargo.toml"
    awk -v n="${name//[.+]/_}" '/^\[/ { in_pkg = ($0 == "[package]") }
        in_pkg && !done && /^name *=/ { print "name = \"" n "\""; done = 1; next } { print }' \
        "$c/Cargo.toml" >"$dir/crates/$name/Cargo.toml"
done
