#!/usr/bin/env bash
# Generate a synthetic crate of N files (default 16,000) in one package, for
# the growth benchmark (benches/growth.sh): 160 modules of N/160 files, each
# file a struct with methods and functions that call same-named methods on
# receivers of unknown type (the shape that made the cross-file join
# quadratic) and pass values between files.
#
#   benches/gen/synthetic-crate.sh DIR [FILES]
set -euo pipefail
dir=${1:?usage: synthetic-crate.sh DIR [FILES]}
files=${2:-16000}
mods=160
per=$(( (files + mods - 1) / mods ))
mkdir -p "$dir/src"
printf '[package]\nname = "synthetic"\nversion = "0.1.0"\nedition = "2021"\n\n[workspace]\n' >"$dir/Cargo.toml"
: >"$dir/src/lib.rs"
n=0
for ((m = 0; m < mods && n < files; m++)); do
    echo "pub mod m$m;" >>"$dir/src/lib.rs"
    mkdir -p "$dir/src/m$m"
    : >"$dir/src/m$m/mod.rs"
    for ((f = 0; f < per && n < files; f++, n++)); do
        echo "pub mod f$f;" >>"$dir/src/m$m/mod.rs"
        next=$(( (f + 1) % per ))
        cat >"$dir/src/m$m/f$f.rs" <<RS
//! Synthetic module $m/$f.
use std::collections::HashMap;

pub struct Item$f {
    pub name: String,
    pub counts: HashMap<String, usize>,
}

impl Item$f {
    pub fn new(name: &str) -> Self {
        Item$f { name: name.to_string(), counts: HashMap::new() }
    }

    pub fn handle(&self, input: &str) -> String {
        let mut out = String::with_capacity(input.len() + self.name.len());
        out.push_str(&self.name);
        out.push_str(input.trim());
        out
    }

    pub fn count(&mut self, key: &str) -> usize {
        let c = self.counts.entry(key.to_string()).or_insert(0);
        *c += 1;
        *c
    }
}

pub fn entry(input: String) -> String {
    let item = Item$f::new("x");
    let v = item.handle(&input);
    let w = super::f$next::relay(v);
    helper(&w)
}

pub fn relay(s: String) -> String {
    let other = unknown_factory::make(&s);
    let r = other.handle(&s);
    let n = other.count(&r);
    format!("{r}:{n}")
}

fn helper(p: &str) -> String {
    let parts: Vec<&str> = p.split(':').filter(|x| !x.is_empty()).collect();
    parts.join("/")
}

#[cfg(test)]
mod tests {
    #[test]
    fn entry_joins() {
        assert!(!super::entry("a".into()).is_empty());
    }
}
RS
    done
done
