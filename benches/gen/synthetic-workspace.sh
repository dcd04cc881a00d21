#!/usr/bin/env bash
# Generate a synthetic cargo workspace of N packages (default 360), each a
# small library of 6 files that depends on the previous package, for the
# growth benchmark (benches/growth.sh).
#
#   benches/gen/synthetic-workspace.sh DIR [PACKAGES]
set -euo pipefail
dir=${1:?usage: synthetic-workspace.sh DIR [PACKAGES]}
packages=${2:-360}
mkdir -p "$dir/crates"
printf '[workspace]\nresolver = "2"\nmembers = ["crates/*"]\n' >"$dir/Cargo.toml"
for ((p = 0; p < packages; p++)); do
    c="$dir/crates/pkg$p"
    mkdir -p "$c/src"
    {
        printf '[package]\nname = "pkg%d"\nversion = "0.1.0"\nedition = "2021"\n' "$p"
        if ((p > 0)); then printf '\n[dependencies]\npkg%d = { path = "../pkg%d" }\n' $((p - 1)) $((p - 1)); fi
    } >"$c/Cargo.toml"
    printf 'pub mod a;\npub mod b;\npub mod c;\npub mod d;\npub mod e;\n' >"$c/src/lib.rs"
    for m in a b c d e; do
        cat >"$c/src/$m.rs" <<RS
use std::path::{Path, PathBuf};

pub struct Store { root: PathBuf }

impl Store {
    pub fn new(root: &Path) -> Self { Store { root: root.to_path_buf() } }

    pub fn get(&self, name: &str) -> std::io::Result<String> {
        let p = self.root.join(name.trim_start_matches('/'));
        std::fs::read_to_string(p)
    }
}

pub fn sum(xs: &[u64]) -> u64 {
    xs.iter().copied().fold(0, u64::wrapping_add)
}
RS
    done
done
