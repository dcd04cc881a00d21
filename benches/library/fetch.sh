#!/usr/bin/env bash
# Fetches the library corpus pinned in crates.toml (beside this script)
# with cargo into LIBRARY_DIR (default: ../library-cache beside the
# repository; never inside it), one unpacked directory per crate, then
# prints the directory to pass as CORPUS to run.py:
#
#   CORPUS=$(benches/library/fetch.sh) CONFIG=all-rules.toml benches/library/run.py BIN
#
# cargo resolves a throw-away manifest that depends on each crate at its
# exact version (`=x.y.z`), checks every `.crate` against the registry's
# checksum, and `cargo vendor` unpacks it; the checksum cargo recorded is
# then compared with the pin. A throw-away CARGO_HOME keeps the user's
# registry untouched. Needs: cargo, python3 (3.11+).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
dest=${LIBRARY_DIR:-$root/../library-cache}
mkdir -p "$dest"
dest=$(cd "$dest" && pwd)
case "$dest/" in "$root"/*) echo "LIBRARY_DIR must be outside the repository" >&2; exit 2 ;; esac
if [[ -f "$dest/.complete" ]] && cmp -s "$dest/.complete" "$here/crates.toml"; then
    echo "$dest/crates"
    exit 0
fi
# Only a directory this script made (or an empty one) is rewritten: a
# LIBRARY_DIR pointing at someone's own folder loses nothing.
if [[ -n "$(ls -A "$dest")" && ! -f "$dest/.library-cache" && ! -f "$dest/.complete" ]]; then
    echo "LIBRARY_DIR $dest is not empty and was not made by this script" >&2
    exit 2
fi
: > "$dest/.library-cache"
work=$dest/work
rm -rf "$work" "$dest/crates" && mkdir -p "$work/src" "$dest/crates"
: > "$work/src/lib.rs"
python3 - "$here/crates.toml" "$work/Cargo.toml" <<'PY'
import sys, tomllib
crates = tomllib.load(open(sys.argv[1], "rb"))["crate"]
with open(sys.argv[2], "w") as out:
    out.write('[package]\nname = "library-corpus"\nversion = "0.0.0"\nedition = "2021"\npublish = false\n\n[dependencies]\n')
    for c in crates:
        out.write(f'{c["name"]} = "={c["version"]}"\n')
PY
export CARGO_HOME=$dest/cargo-home
(cd "$work" && cargo generate-lockfile --quiet && cargo vendor --quiet --versioned-dirs "$work/vendor" >/dev/null)
python3 - "$here/crates.toml" "$work/Cargo.lock" "$work/vendor" "$dest/crates" <<'PY'
import shutil, sys, tomllib
crates = tomllib.load(open(sys.argv[1], "rb"))["crate"]
lock = {(p["name"], p["version"]): p.get("checksum") for p in tomllib.load(open(sys.argv[2], "rb"))["package"]}
for c in crates:
    got = lock.get((c["name"], c["version"]))
    if got != c["sha256"]:
        sys.exit(f'{c["name"]} {c["version"]}: checksum {got} differs from the pin {c["sha256"]}')
    d = f'{c["name"]}-{c["version"]}'
    shutil.copytree(f"{sys.argv[3]}/{d}", f"{sys.argv[4]}/{d}")
PY
rm -rf "$work"
cp "$here/crates.toml" "$dest/.complete"
echo "$dest/crates"
