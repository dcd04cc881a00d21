#!/usr/bin/env python3
"""Precision of the default rules on the bench corpus (issue 14).

Reads a scan of the bench corpus at default settings (a JSON report, or
runs BIN to make one), takes per rule a seeded sample of its findings (all
of them when a rule has at most `sample`: the findings with the smallest
hash of seed, rule, crate, file and code line), matches them against the
verdicts in triage.toml beside this script and prints, per rule, findings,
judged, tp, fp, debatable, untriaged and strict precision (tp / judged; an
untriaged finding counts as not true). Fewer than 5 judged: "too few".
These figures are the `Bench::Corpus` entries of the rules' `measured:`.

    benches/corpus/run.py SCAN.json              # a report made with the command below
    benches/corpus/run.py BIN                    # scan the corpus with BIN first
    benches/corpus/run.py SCAN.json --untriaged F   # also write the sample's unjudged findings to F
    CORPUS=DIR SAMPLE=20 SEED=14 benches/corpus/run.py SCAN.json

The scan: BIN sast CORPUS -f json --no-cache --exit-zero -o OUT.json -q --no-progress
(CORPUS defaults to /work/bench-corpus/vendor; its paths are `<crate>/<file>`).
Reads only; writes only --untriaged.
"""
import json
import os
import subprocess
import sys
import tempfile
import tomllib

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "library"))
from run import key as sample_key, write_untriaged  # noqa: E402  (one hash and one writer for both answer keys)
# Their entries leave `code` empty (the key never copies a secret) and match on the line alone.
SECRETS = {"hardcoded-secret", "hardcoded-credential", "connection-string-password", "hardcoded-crypto-key"}


def load_scan(arg, corpus):
    if os.path.isfile(arg) and arg.endswith(".json"):
        with open(arg, encoding="utf-8") as fh:
            return json.load(fh)
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "scan.json")
        subprocess.run([arg, "sast", corpus, "-f", "json", "--no-cache", "--exit-zero", "-o", out, "-q",
                        "--no-progress"], check=True)
        with open(out, encoding="utf-8") as fh:
            return json.load(fh)


def findings(report, corpus):
    out = []
    lines = {}
    for f in report.get("findings", []):
        path = f["location"]["path"]
        if os.path.isabs(path):
            path = os.path.relpath(path, corpus)
        crate, _, rel = path.partition("/")
        line = f["location"]["start"]["line"]
        if path not in lines:
            try:
                with open(os.path.join(corpus, path), encoding="utf-8", errors="replace") as fh:
                    lines[path] = fh.read().splitlines()
            except OSError:
                lines[path] = []
        text = lines[path][line - 1].strip() if 0 < line <= len(lines[path]) else ""
        code = "" if f["rule"] in SECRETS else " ".join(text.split())
        out.append({"rule": f["rule"], "crate": crate, "file": rel, "line": line, "code": code,
                    "message": f["message"]})
    return out


def key(seed, f):
    return (sample_key(seed, f), f["line"])


def match(sample, entries):
    """Each sampled finding takes the entry at its rule, crate, file and line whose code is its
    line; a finding left over takes an unused entry with the same rule, crate, file and code at
    another line, the nearest first (its line moved)."""
    unused = list(entries)
    verdicts = {}
    left = []
    for i, f in enumerate(sample):
        for j, e in enumerate(unused):
            if (e["rule"], e["crate"], e["file"], e["line"]) == (f["rule"], f["crate"], f["file"], f["line"]) \
                    and " ".join(e.get("code", "").split()) == f["code"]:
                verdicts[i] = unused.pop(j)
                break
        else:
            left.append(i)
    for i in left:
        f = sample[i]
        near = [(abs(e["line"] - f["line"]), j) for j, e in enumerate(unused)
                if (e["rule"], e["crate"], e["file"]) == (f["rule"], f["crate"], f["file"])
                and " ".join(e.get("code", "").split()) == f["code"] and f["code"]]
        if near:
            verdicts[i] = unused.pop(min(near)[1])
    return verdicts, unused


def main():
    args = list(sys.argv[1:])
    untriaged = None
    if "--untriaged" in args:
        i = args.index("--untriaged")
        untriaged = args[i + 1]
        del args[i:i + 2]
    if len(args) != 1:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    corpus = os.environ.get("CORPUS", "/work/bench-corpus/vendor")
    with open(os.path.join(HERE, "triage.toml"), "rb") as fh:
        key_file = tomllib.load(fh)
    seed = int(os.environ.get("SEED", key_file.get("seed", 14)))
    size = int(os.environ.get("SAMPLE", key_file.get("sample", 20)))
    found = findings(load_scan(args[0], corpus), corpus)
    by_rule = {}
    for f in found:
        by_rule.setdefault(f["rule"], []).append(f)
    sample = []
    for rule in sorted(by_rule):
        sample += sorted(by_rule[rule], key=lambda f: key(seed, f))[:size]
    verdicts, unused = match(sample, key_file.get("finding", []))
    print(f"findings: {len(found)} in {corpus}; per rule a sample of at most {size} (seed {seed})")
    print(f"{'rule':<26} {'findings':>8} {'judged':>6} {'tp':>4} {'fp':>4} {'deb':>4} {'untr':>5} {'strict':>9}")
    rows = {}
    for i, f in enumerate(sample):
        row = rows.setdefault(f["rule"], {"tp": 0, "fp": 0, "debatable": 0, "untriaged": 0})
        row[verdicts[i]["verdict"] if i in verdicts else "untriaged"] += 1
    for rule, row in sorted(rows.items()):
        n = sum(row.values())
        strict = f"{row['tp'] / n:.0%}" if n >= 5 else "too few"
        print(f"{rule:<26} {len(by_rule[rule]):>8} {n:>6} {row['tp']:>4} {row['fp']:>4} {row['debatable']:>4} "
              f"{row['untriaged']:>5} {strict:>9}")
    print("(strict = tp / judged; untriaged count as not true; fewer than 5 judged: too few)")
    if unused:
        print(f"{len(unused)} answer-key entries match no sampled finding (a rule no longer reports them, "
              f"or they left the sample); the key holds the current sample only, remove them:")
        for e in unused:
            print(f"  {e['rule']} {e['crate']}/{e['file']}:{e['line']} {e.get('code', '')}")
    missing = [f for i, f in enumerate(sample) if i not in verdicts]
    if untriaged and missing:
        write_untriaged(untriaged, missing)


if __name__ == "__main__":
    main()
