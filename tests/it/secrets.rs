//! The secrets pack end to end: no output format ever prints a secret,
//! text files are scanned (gitignore-aware, switchable), allowlists work,
//! and tricky-but-clean code from real crates stays quiet.

use std::collections::BTreeSet;
use std::path::Path;

use crate::common::*;
use cargo_sast::FileKind;
use cargo_sast::scan_source;
use cargo_sast::{Config, parse_config};

const PACK: &[&str] =
    &["hardcoded-secret", "hardcoded-credential", "connection-string-password", "hardcoded-crypto-key"];

fn all_rules() -> Config {
    Config { select: Some(vec!["all".into()]), ..Default::default() }
}

/// Every secret value (masked range) the pack finds in the fixture files.
fn planted_secrets() -> Vec<(String, String)> {
    let mut out = Vec::new();
    for rule in PACK {
        for e in std::fs::read_dir(root().join("testdata/rules").join(rule)).unwrap() {
            let path = e.unwrap().path();
            let text = std::fs::read_to_string(&path).unwrap();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            let o = scan_source(&name, &text, FileKind::Lib, false, &all_rules());
            for f in o.findings.iter().filter(|f| PACK.contains(&f.rule)) {
                for &(s, e) in &f.masks {
                    let secret = &text[s as usize..e as usize];
                    // A value that also appears elsewhere in the file (`0u8; 32`
                    // next to a `[u8; 32]` type) proves nothing when found in
                    // the output.
                    if hidden_part(secret).is_some_and(|h| text.matches(h.as_str()).count() == 1) {
                        out.push((name.clone(), secret.to_string()));
                    }
                }
            }
        }
    }
    out
}

/// The part of a secret that must never be shown: everything after the
/// (at most four) characters the mask keeps visible.
fn hidden_part(secret: &str) -> Option<String> {
    let chars: Vec<char> = secret.chars().filter(|&c| c != '"').collect();
    let visible = (chars.len() / 4).min(4);
    let hidden: String = chars[visible..].iter().collect();
    // Short runs could occur by chance elsewhere in the output.
    (hidden.trim().len() >= 6).then(|| hidden.lines().map(str::trim).max_by_key(|l| l.len()).unwrap_or("").to_string())
}

#[test]
fn no_output_format_prints_a_secret() {
    let secrets = planted_secrets();
    assert!(secrets.len() >= 100, "only {} secrets found in the fixtures", secrets.len());
    let dir = tempfile::tempdir().unwrap();
    for rule in PACK {
        copy_tree(&root().join("testdata/rules").join(rule), &dir.path().join(rule));
    }
    std::fs::write(
        dir.path().join(".env"),
        "DB_PASSWORD=Xk8mQ2vLp9wRzT4\nGITHUB_TOKEN=ghp_Q7vL2xN8mK4pR9wT3yB6cH1dJ5fG0sAe2Ui8\n",
    )
    .unwrap();
    let mut outputs = Vec::new();
    for args in [
        vec!["--format", "human", "--show-suppressed", "--color", "never"],
        vec!["--format", "json"],
        vec!["--format", "sarif"],
    ] {
        let o = sast().current_dir(dir.path()).args(&args).arg(".").output().unwrap();
        assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
        let mut out = stdout(&o);
        if args[1] == "sarif" {
            // The rules' documentation (with its own made-up examples) is
            // not scan output.
            let mut v: serde_json::Value = serde_json::from_str(&out).unwrap();
            v["runs"][0]["tool"] = serde_json::Value::Null;
            out = v.to_string();
        }
        outputs.push((args[1].to_string(), out + &stderr(&o)));
    }
    let mut checked = 0;
    let mut leaks = BTreeSet::new();
    let extra = [
        ("env".to_string(), "Xk8mQ2vLp9wRzT4".to_string()),
        ("env".to_string(), "ghp_Q7vL2xN8mK4pR9wT3yB6cH1dJ5fG0sAe2Ui8".to_string()),
    ];
    for (file, secret) in secrets.iter().chain(extra.iter()) {
        let Some(hidden) = hidden_part(secret) else { continue };
        checked += 1;
        for (fmt, out) in &outputs {
            if out.contains(&hidden) {
                leaks.insert(format!("{fmt}: {file}: {hidden}"));
            }
        }
    }
    assert!(checked >= 100, "only {checked} secrets were checked");
    assert!(leaks.is_empty(), "secrets printed in full:\n{}", leaks.into_iter().collect::<Vec<_>>().join("\n"));
    // The outputs do show where the secrets are.
    for (fmt, out) in &outputs {
        assert!(out.contains("hardcoded-secret"), "{fmt} output lacks the findings");
        assert!(fmt == "json" || out.contains("****"), "{fmt} output lacks masked excerpts");
    }
}

#[test]
fn fingerprints_do_not_depend_on_the_hidden_part_of_a_secret() {
    let a = "const DB_PASSWORD: &str = \"Xk8#mQ2vLp9wRzT4\";\n";
    let b = "const DB_PASSWORD: &str = \"Xk8#zz9aaBBccDD1\";\n";
    let fa = scan_source("a.rs", a, FileKind::Lib, false, &all_rules());
    let fb = scan_source("a.rs", b, FileKind::Lib, false, &all_rules());
    let (x, y) = (&fa.findings[0], &fb.findings[0]);
    assert_eq!(x.rule, "hardcoded-credential");
    assert_eq!(x.fingerprint, y.fingerprint);
    assert_eq!(x.line_hash, y.line_hash);
    let c = "const DB_PASSWORD: &str = \"Q7vL2xN8mK4pR9wT\";\n";
    let fc = scan_source("a.rs", c, FileKind::Lib, false, &all_rules());
    assert_ne!(x.fingerprint, fc.findings[0].fingerprint, "the visible prefix still tells findings apart");
}

fn rules_in(o: &std::process::Output) -> Vec<(String, String)> {
    json(o)["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["suppression"].is_null())
        .map(|f| (f["location"]["path"].as_str().unwrap().to_string(), f["rule"].as_str().unwrap().to_string()))
        .collect()
}

const WORKSPACE: &[(&str, &str)] = &[
    ("Cargo.toml", "[package]\nname = \"svc\"\nversion = \"0.1.0\"\nedition = \"2021\"\n"),
    ("src/main.rs", "fn main() {}\n"),
    (
        ".env",
        "# local overrides\nDATABASE_URL=postgres://app:Qm9vX2Zvb1xT@db.prod.internal:5432/app\nDB_PASSWORD=Xk8mQ2vLp9wRz\nAPI_TOKEN=${API_TOKEN}\nDATADOG_API_KEY=8f3a9c2e7b1d4f6a0c5e9b2d7f1a3c8e\n",
    ),
    (
        ".env.example",
        "DATABASE_URL=postgres://user:password@localhost:5432/app\nDB_PASSWORD=changeme\nAPI_TOKEN=<your-token>\nSTRIPE_KEY=sk_live_xxxxxxxxxxxxxxxxxxxxxxxx\n",
    ),
    (
        "deploy/values.yaml",
        "db:\n  host: db.prod.internal\n  password: \"Tr0ub4dor&3xq\"\n  password_file: /run/secrets/db\nenv:\n  - name: GITHUB_TOKEN\n    value: ghp_R8mzQ4vN2xLp7KwT9bYc3HdJ6fGs1aEu0Vo5\n  - name: SLACK_SECRET\n    value: \"{{ .Values.slack }}\"\n",
    ),
    (
        "config/app.json",
        "{\n  \"name\": \"svc\",\n  \"client_secret\": \"f9Q2mX7vK3pL8wZ4\",\n  \"checksum\": \"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08\"\n}\n",
    ),
    ("Dockerfile", "FROM rust:1\nENV AWS_ACCESS_KEY_ID=AKIA4QWERTYUIOPA7XZQ\nARG BUILD_TOKEN\n"),
    (".github/workflows/ci.yml", "env:\n  NPM_TOKEN: npm_a8Kz3Qm9Xv2Lp7Rt4Wn6Yb1Hc5Jd0Fg8Se2U\n  RUST_LOG: info\n"),
    (
        "app.properties",
        "db.user=svc\n# sast:allow(hardcoded-credential): rotated, kept for the legacy test rig\ndb.password=Lm3Hq8vRwZ7\n",
    ),
    (
        ".netrc",
        "machine ftp.corp.internal\n  login deploy-bot\n  password Vq7mK2pLz9xRw4T\ndefault login anonymous password guest@example.org\n",
    ),
    (".git-credentials", "https://ci-bot:Wt5nR8pLq2Xz7Kv4Mb9c@git.corp.internal\nhttps://git.corp.internal\n"),
    (
        "deploy/secret.yaml",
        "apiVersion: v1\nkind: Secret\nmetadata:\n  name: orders\ndata:\n  DATABASE_URL: cG9zdGdyZXNxbDovL29yZGVyc19zdmM6TnE0dlg4bUt6MkxwN1J0QGRiLnByb2QuaW50ZXJuYWw6NTQzMi9vcmRlcnM=\n  TEMPLATE_URL: cG9zdGdyZXNxbDovL29yZGVyc19zdmM6JHtEQl9QQVNTV09SRH1AZGIucHJvZC5pbnRlcm5hbDo1NDMyL29yZGVycw==\n",
    ),
    ("secrets.local.toml", "[api]\ntoken = \"c8Vn3Qx7Lk2Wm9Rz4Tp6Yb1Hd5Jf0Gs\"\n"),
    (".gitignore", "secrets.local.toml\n"),
];

#[test]
fn text_files_are_scanned_gitignore_aware() {
    let dir = tempfile::tempdir().unwrap();
    write_files(dir.path(), WORKSPACE);
    let o = sast().current_dir(dir.path()).args(["--format", "json"]).output().unwrap();
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let mut got = rules_in(&o);
    got.sort();
    let want: Vec<(String, String)> = [
        (".env", "connection-string-password"),
        (".env", "hardcoded-credential"),
        (".env", "hardcoded-secret"),
        (".git-credentials", "connection-string-password"),
        (".github/workflows/ci.yml", "hardcoded-secret"),
        (".netrc", "hardcoded-secret"),
        ("Dockerfile", "hardcoded-secret"),
        ("config/app.json", "hardcoded-credential"),
        ("deploy/secret.yaml", "connection-string-password"),
        ("deploy/values.yaml", "hardcoded-credential"),
        ("deploy/values.yaml", "hardcoded-secret"),
    ]
    .iter()
    .map(|(a, b)| (a.to_string(), b.to_string()))
    .collect();
    assert_eq!(got, want);
    // The suppressed one is still in the report, as suppressed.
    assert_eq!(json(&o)["summary"]["suppressed"], 1);
    // Only Rust files count as scanned files.
    assert_eq!(json(&o)["summary"]["files_scanned"], 1);
}

#[test]
fn test_values_are_quiet_in_test_data_but_real_values_are_not() {
    let dir = tempfile::tempdir().unwrap();
    write_files(
        dir.path(),
        &[
            ("Cargo.toml", "[package]\nname = \"svc\"\nversion = \"0.1.0\"\nedition = \"2021\"\n"),
            ("src/main.rs", "fn main() {}\n"),
            (
                "tests/fixtures/users.toml",
                "[admin]\npassword = \"test_password_123\"\n[svc]\ntoken = \"c8Vn3Qx7Lk2Wm9Rz4Tp6Yb1Hd5Jf0Gs\"\n",
            ),
            ("testdata/app.yaml", "db:\n  password: wrong-pass\n"),
            ("docker/dev.toml", "admin_password = \"pwd0local\"\n"),
        ],
    );
    let o = sast().current_dir(dir.path()).args(["--format", "json"]).output().unwrap();
    let findings: Vec<(String, String, String)> = json(&o)["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let at = format!("{}:{}", f["location"]["path"].as_str().unwrap(), f["location"]["start"]["line"]);
            (at, f["rule"].as_str().unwrap().to_string(), f["severity"].as_str().unwrap().to_string())
        })
        .collect();
    let want = [
        ("docker/dev.toml:1", "hardcoded-credential", "high"),
        ("tests/fixtures/users.toml:4", "hardcoded-credential", "medium"),
    ]
    .map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string()));
    assert_eq!(findings, want, "{}", stderr(&o));
}

#[test]
fn text_files_can_be_turned_off_and_allowlisted() {
    let dir = tempfile::tempdir().unwrap();
    write_files(dir.path(), WORKSPACE);
    write_files(dir.path(), &[("sast.toml", "[secrets]\ntext-files = false\n")]);
    let o = sast().current_dir(dir.path()).args(["--format", "json"]).output().unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(rules_in(&o).is_empty());

    write_files(
        dir.path(),
        &[("sast.toml", "[secrets]\nallow-paths = [\"deploy/\", \".github/\"]\nallow-regexes = [\"^AKIA4QWERTY\"]\n")],
    );
    let o = sast().current_dir(dir.path()).args(["--format", "json"]).output().unwrap();
    let got = rules_in(&o);
    assert!(
        !got.iter().any(|(p, _)| p.starts_with("deploy/") || p.starts_with(".github/") || p == "Dockerfile"),
        "{got:?}"
    );
    assert!(got.iter().any(|(p, _)| p == ".env"), "{got:?}");

    // A reviewed finding is allowlisted by its fingerprint: suppressed, not gone.
    let fp = json(&o)["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["location"]["path"] == ".env" && f["rule"] == "hardcoded-credential")
        .map(|f| f["fingerprint"].as_str().unwrap().to_string())
        .unwrap();
    write_files(dir.path(), &[("sast.toml", &format!("[secrets]\nallow-fingerprints = [\"{fp}\"]\n"))]);
    let o = sast().current_dir(dir.path()).args(["--format", "json"]).output().unwrap();
    let j = json(&o);
    let f = j["findings"].as_array().unwrap().iter().find(|f| f["fingerprint"] == fp.as_str()).unwrap();
    assert_eq!(f["suppression"]["kind"], "external");
}

#[test]
fn unknown_secrets_keys_are_config_errors_with_position() {
    let dir = tempfile::tempdir().unwrap();
    write_files(dir.path(), WORKSPACE);
    write_files(dir.path(), &[("sast.toml", "[secrets]\ntext-files = true\nallow-path = [\"x\"]\n")]);
    let o = sast().current_dir(dir.path()).output().unwrap();
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.contains("sast.toml:3:1") && err.contains("secrets.allow-path") && err.contains("allow-paths"),
        "{err}"
    );
}

#[test]
fn user_patterns_apply_to_text_files_too() {
    let dir = tempfile::tempdir().unwrap();
    write_files(
        dir.path(),
        &[
            ("Cargo.toml", "[package]\nname = \"svc\"\nversion = \"0.1.0\"\nedition = \"2021\"\n"),
            ("src/lib.rs", "pub const K: &str = \"acme_live_q8w2e4r6t8y1u3i5o7p9a2s4d6f8g1h3\";\n"),
            ("conf.ini", "[acme]\nkey=acme_live_z8x2c4v6b8n1m3q5w7e9r2t4y6u8i1o3\n"),
            (
                "sast.toml",
                "[[secrets.pattern]]\nid = \"acme-key\"\ndescription = \"ACME API key\"\nregex = \"acme_live_[a-z0-9]{32}\"\n",
            ),
        ],
    );
    let o = sast().current_dir(dir.path()).args(["--format", "json"]).output().unwrap();
    let got = rules_in(&o);
    assert_eq!(got.len(), 2, "{got:?}");
    assert!(got.iter().all(|(_, r)| r == "hardcoded-secret"));
}

/// Snippets from the bench corpus (real crates) that look like secrets
/// but are not: test vectors, hashes, public keys, protocol constants,
/// placeholder URLs. The pack must stay silent on all of them.
#[test]
fn reviewed_corpus_snippets_are_clean() {
    let dir = root().join("testdata/secrets-corpus-clean");
    let mut n = 0;
    let mut problems = Vec::new();
    for e in std::fs::read_dir(&dir).unwrap() {
        let path = e.unwrap().path();
        if path.extension().is_none_or(|x| x != "rs") {
            continue;
        }
        n += 1;
        let text = std::fs::read_to_string(&path).unwrap();
        let kind = if text.contains("//@ kind: test") { FileKind::Test } else { FileKind::Lib };
        let o = scan_source(&path.to_string_lossy(), &text, kind, false, &all_rules());
        assert!(o.notifications.is_empty(), "{}: {:?}", path.display(), o.notifications);
        for f in o.findings.iter().filter(|f| PACK.contains(&f.rule)) {
            problems.push(format!("{}:{} {} {}", path.display(), f.location.start.line, f.rule, f.message));
        }
    }
    assert!(n >= 5, "only {n} corpus snippet files");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn config_directive_for_fixtures_parses() {
    // The `[secrets]` table is accepted where fixtures put it.
    assert!(parse_config(Path::new("x.toml"), "[secrets]\nallow-regexes = [\"^x$\"]\n", &[]).is_ok());
}

/// Test bodies no rule that runs in test code reads are left out of the
/// parse (`syntax::prune`): one that would not even parse costs nothing and
/// hides nothing around it (the recovery would have dropped its whole
/// module, with a notification), and one holding a secret is parsed and
/// reported as before.
#[test]
fn test_bodies_no_rule_reads_are_left_out_of_the_parse() {
    let src = "pub fn lib() -> u8 { 1 }\n\
               #[cfg(test)]\n\
               mod tests {\n\
               \x20   #[test]\n\
               \x20   fn not_rust() { let = ; }\n\
               \x20   #[test]\n\
               \x20   fn live_token() { let t = \"ghp_Q7vL2xN8mK4pR9wT3yB6cH1dJ5fG0sAe2Ui8\"; assert!(!t.is_empty()); }\n\
               }\n";
    let o = scan_source("src/lib.rs", src, FileKind::Lib, false, &Config::default());
    assert!(o.notifications.is_empty(), "{:?}", o.notifications);
    let secrets: Vec<&str> = o
        .findings
        .iter()
        .filter(|f| f.rule == "hardcoded-secret")
        .filter_map(|f| f.excerpt.as_ref().map(|e| e.text.as_str()))
        .collect();
    assert!(matches!(secrets[..], [one] if one.contains("fn live_token")), "{:?}", o.findings);
    // The same body in library code is parsed, and does not parse.
    let lib = src.replace("#[cfg(test)]\n", "").replace("#[test]", "");
    let o = scan_source("src/lib.rs", &lib, FileKind::Lib, false, &Config::default());
    assert!(!o.notifications.is_empty(), "{:?}", o.findings);
}
