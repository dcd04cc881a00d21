#!/usr/bin/env python3
"""Precision of the library threat model (issue 21) on the bench corpus.

Scans every crate of a directory of library crates (default: the bench
corpus, /work/bench-corpus/vendor), keeps the findings whose source is a
library API parameter (source kind `library`), takes a seeded sample of
them (the findings with the smallest hash of seed, rule, crate, file and
code line), and prints precision per rule against the verdicts in
triage.toml beside this script (tp / judged, debatable counted apart).

    benches/library/run.py BIN                 # scan, sample, report
    benches/library/run.py BIN --untriaged F   # also write the sample's unjudged findings to F
    benches/library/run.py BIN --dump F        # also write every finding (not only the sample) to F, JSON
    CORPUS=DIR SAMPLE=60 SEED=21 benches/library/run.py BIN
    CORPUS=DIR:DIR benches/library/run.py BIN   # several corpora (a crate in two is scanned once)
    CONFIG=all-rules.toml benches/library/run.py BIN   # `library` on for every taint rule
    TIMEOUT=300 benches/library/run.py BIN     # give up on a crate whose scan takes longer (said on stderr)
    CORPUS=$(benches/library/fetch.sh) ...     # the pinned current format crates (crates.toml)

Never run inside the scanned tree; reads only, writes only --untriaged.
"""
import hashlib
import json
import os
import subprocess
import sys
import tomllib

HERE = os.path.dirname(os.path.abspath(__file__))
MARK = " of the public `"
# Seconds one crate's scan may take (TIMEOUT=…); none by default.
TIMEOUT = float(os.environ["TIMEOUT"]) if os.environ.get("TIMEOUT") else None


def scan(bin_path, corpus, config, skip=None):
    out = []
    extra = ["--config", config] if config else []
    skip = set() if skip is None else skip
    for name in sorted(os.listdir(corpus)):
        d = os.path.join(corpus, name)
        if not os.path.isfile(os.path.join(d, "Cargo.toml")) or name in skip:
            continue
        skip.add(name)
        try:
            r = subprocess.run([bin_path, "sast", d, "-f", "json", "--no-cache", *extra], capture_output=True,
                               text=True, timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            print(f"{name}: no answer within {TIMEOUT} s (TIMEOUT): not scanned", file=sys.stderr)
            continue
        try:
            j = json.loads(r.stdout)
        except json.JSONDecodeError:
            print(f"{name}: no JSON output (exit {r.returncode})", file=sys.stderr)
            continue
        for f in j.get("findings", []):
            if MARK not in f["message"]:
                continue
            path = f["location"]["path"]
            rel = os.path.relpath(path, d) if os.path.isabs(path) else path.split(name + "/", 1)[-1]
            line = f["location"]["start"]["line"]
            code = ""
            try:
                with open(os.path.join(d, rel), encoding="utf-8", errors="replace") as fh:
                    code = fh.read().splitlines()[line - 1].strip()
            except (OSError, IndexError):
                pass
            out.append({"rule": f["rule"], "crate": name, "file": rel, "line": line, "code": code,
                        "message": f["message"]})
    return out


def key(seed, f):
    return hashlib.sha256(f"{seed}\0{f['rule']}\0{f['crate']}\0{f['file']}\0{f['code']}".encode()).hexdigest()


def main():
    if len(sys.argv) < 2:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    bin_path = sys.argv[1]
    untriaged = sys.argv[sys.argv.index("--untriaged") + 1] if "--untriaged" in sys.argv else None
    dump = sys.argv[sys.argv.index("--dump") + 1] if "--dump" in sys.argv else None
    corpus = os.environ.get("CORPUS", "/work/bench-corpus/vendor")
    with open(os.path.join(HERE, "triage.toml"), "rb") as fh:
        key_file = tomllib.load(fh)
    seed = int(os.environ.get("SEED", key_file.get("seed", 21)))
    size = int(os.environ.get("SAMPLE", key_file.get("sample", 60)))
    config = os.environ.get("CONFIG")
    if config and not os.path.isabs(config):
        config = os.path.join(HERE, config)
    # Several corpora: `CORPUS=DIR:DIR`; a crate (name-version) found in two is scanned once.
    found, crates = [], set()
    for part in corpus.split(":"):
        for f in scan(bin_path, part, config, skip=crates):
            found.append(f)
    if dump:
        with open(dump, "w", encoding="utf-8") as fh:
            json.dump(found, fh, indent=1)
    sample = sorted(found, key=lambda f: key(seed, f))[:size]
    verdicts = {(v["rule"], v["crate"], v["file"], v["code"]): v for v in key_file.get("finding", [])}
    per_rule = {}
    missing = []
    for f in sample:
        v = verdicts.get((f["rule"], f["crate"], f["file"], f["code"]))
        row = per_rule.setdefault(f["rule"], {"tp": 0, "fp": 0, "debatable": 0, "untriaged": 0})
        if v is None:
            row["untriaged"] += 1
            missing.append(f)
        else:
            row[v["verdict"]] += 1
    print(f"library-source findings: {len(found)} in {corpus}{' with ' + config if config else ''}; "
          f"sample {len(sample)} (seed {seed})")
    print(f"{'rule':<24} {'sample':>6} {'tp':>4} {'fp':>4} {'deb':>4} {'untr':>5} {'strict':>7} {'lenient':>8}")
    tot = {"tp": 0, "fp": 0, "debatable": 0, "untriaged": 0}
    for rule, row in sorted(per_rule.items()):
        n = sum(row.values())
        for k in tot:
            tot[k] += row[k]
        strict = row["tp"] / n if n else 0
        lenient = (row["tp"] + row["debatable"]) / n if n else 0
        print(f"{rule:<24} {n:>6} {row['tp']:>4} {row['fp']:>4} {row['debatable']:>4} {row['untriaged']:>5} "
              f"{strict:>7.0%} {lenient:>8.0%}")
    n = sum(tot.values())
    if n:
        print(f"{'overall':<24} {n:>6} {tot['tp']:>4} {tot['fp']:>4} {tot['debatable']:>4} {tot['untriaged']:>5} "
              f"{tot['tp'] / n:>7.0%} {(tot['tp'] + tot['debatable']) / n:>8.0%}")
    print("(strict = tp / sample; lenient counts debatable as true; untriaged count as not true)")
    if untriaged and missing:
        write_untriaged(untriaged, missing)


def write_untriaged(path, missing):
    """Write findings without a verdict as answer-key entries to fill in
    (also used by benches/corpus/run.py)."""
    with open(path, "w", encoding="utf-8") as fh:
        for f in missing:
            fh.write("[[finding]]\n")
            for k in ("rule", "crate", "file", "line", "code"):
                fh.write(f"{k} = {json.dumps(f[k])}\n")
            fh.write(f"# {f['message']}\nverdict = \"\"\nreason = \"\"\n\n")
    print(f"{len(missing)} untriaged findings written to {path}")


if __name__ == "__main__":
    main()
