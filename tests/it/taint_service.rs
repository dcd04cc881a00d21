//! The realistic vulnerable service (`testdata/workspaces/vulnerable-service`): every
//! planted flow is found at its sink, nothing else is reported, and the
//! README's answer key lists exactly the planted flows.

use std::collections::BTreeSet;

use crate::common::*;

/// (path, line, rule) of `// <tag>: <rule>` comments.
fn markers(dir: &std::path::Path, tag: &str) -> BTreeSet<(String, u64, String)> {
    markers_under(dir, "src", tag)
}

/// (path, line, rule) of `// <tag>: <rule>` comments in `dir/sub`, paths
/// relative to `dir`.
pub(crate) fn markers_under(dir: &std::path::Path, sub: &str, tag: &str) -> BTreeSet<(String, u64, String)> {
    let mut out = BTreeSet::new();
    for e in walkdir::WalkDir::new(dir.join(sub)).into_iter().filter_map(Result::ok) {
        if e.path().extension().is_none_or(|x| x != "rs") {
            continue;
        }
        let rel = e.path().strip_prefix(dir).unwrap().to_string_lossy().replace('\\', "/");
        for (i, line) in std::fs::read_to_string(e.path()).unwrap().lines().enumerate() {
            if let Some(pos) = line.find(&format!("// {tag}: ")) {
                let rule = line[pos + tag.len() + 5..].trim().to_string();
                out.insert((rel.clone(), i as u64 + 1, rule));
            }
        }
    }
    out
}

/// Every planted flow found on its line, no fixed twin reported on its.
pub(crate) fn assert_answer_key(found: &Marks, planted: &Marks, fixed: &Marks) {
    let missed: Vec<_> = planted.iter().filter(|m| !found.contains(m)).collect();
    let reported: Vec<_> = fixed.iter().filter(|m| found.contains(m)).collect();
    assert!(
        missed.is_empty() && reported.is_empty(),
        "planted flows missed: {missed:#?}\nfixed twins reported: {reported:#?}"
    );
}

pub(crate) type Marks = BTreeSet<(String, u64, String)>;

/// A sample workspace of `testdata/workspaces/` scanned at its own
/// settings (it must report something): the findings' (path, line, rule)
/// and the `PLANTED` and `FIXED` markers under `sub`, paths relative to
/// the workspace.
pub(crate) fn scan_answer_key(workspace: &str, sub: &str) -> (Marks, Marks, Marks) {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(&root().join("testdata/workspaces").join(workspace), dir.path());
    let o = sast().current_dir(dir.path()).args(["-f", "json", "--no-deps-audit", "."]).output().unwrap();
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let strip =
        |s: Marks| -> Marks { s.into_iter().map(|(p, l, r)| (p.trim_start_matches("./").to_string(), l, r)).collect() };
    (
        found_lines(&json(&o)),
        strip(markers_under(dir.path(), sub, "PLANTED")),
        strip(markers_under(dir.path(), sub, "FIXED")),
    )
}

/// (path, line, rule) of a JSON report's findings.
pub(crate) fn found_lines(j: &serde_json::Value) -> BTreeSet<(String, u64, String)> {
    j["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["location"]["path"].as_str().unwrap().to_string(),
                f["location"]["start"]["line"].as_u64().unwrap(),
                f["rule"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn every_planted_flow_is_found_and_nothing_else() {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(&root().join("testdata/workspaces/vulnerable-service"), dir.path());
    let o = sast().current_dir(dir.path()).args(["-f", "json", "--select", "taint", "."]).output().unwrap();
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let j = json(&o);
    let found = found_lines(&j);
    let planted = markers(dir.path(), "PLANTED");
    let fixed = markers(dir.path(), "FIXED");
    assert_eq!(planted.len(), 11);
    assert!(fixed.len() >= 10);
    let missed: Vec<_> = planted.difference(&found).collect();
    let extra: Vec<_> = found.difference(&planted).collect();
    assert!(missed.is_empty() && extra.is_empty(), "missed: {missed:#?}\nunexpected: {extra:#?}");
    for f in &fixed {
        assert!(!found.iter().any(|(p, l, _)| p == &f.0 && *l == f.1), "fixed variant reported: {f:?}");
    }

    // Cross-file flows carry their whole path, source first.
    let sql = j["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["location"]["path"] == "src/repo/notes.rs" && f["location"]["start"]["line"] == 21)
        .unwrap();
    let steps: Vec<&str> =
        sql["flow"].as_array().unwrap().iter().map(|s| s["location"]["path"].as_str().unwrap()).collect();
    assert_eq!(steps.first(), Some(&"src/routes/notes.rs"), "{sql:#}");
    assert_eq!(steps.last(), Some(&"src/repo/notes.rs"));
    assert!(sql["message"].as_str().unwrap().contains("built with `format!`"), "{sql:#}");

    // SARIF codeFlows for the same scan are valid.
    let o = sast().current_dir(dir.path()).args(["-f", "sarif", "--select", "taint", "."]).output().unwrap();
    let s = json(&o);
    assert_sarif_schema_valid(&s);
    assert!(
        s["runs"][0]["results"]
            .as_array()
            .unwrap()
            .iter()
            .all(|r| r["codeFlows"][0]["threadFlows"][0]["locations"].as_array().is_some_and(|l| l.len() >= 2))
    );
}

#[test]
fn the_answer_key_lists_exactly_the_planted_flows() {
    let dir = root().join("testdata/workspaces/vulnerable-service");
    let readme = std::fs::read_to_string(dir.join("README.md")).unwrap();
    let key: BTreeSet<(String, u64, String)> = readme
        .lines()
        .filter(|l| l.starts_with("| ") && l.split('|').nth(1).is_some_and(|c| c.trim().parse::<u32>().is_ok()))
        .map(|l| {
            let cols: Vec<&str> = l.split('|').map(str::trim).collect();
            let rule = cols[2].trim_matches('`').to_string();
            let (path, line) = cols[3].trim_matches('`').rsplit_once(':').unwrap();
            (path.to_string(), line.parse().unwrap(), rule)
        })
        .collect();
    assert_eq!(key, markers(&dir, "PLANTED"));
}

/// The join resolves a call by name when nothing else places it: a method
/// on a receiver of unknown type goes to the one method of that name in the
/// workspace (a free function of the same name does not count), a glob-
/// imported free function to the one free function of that name (a method
/// of the same name does not count); a second method, or a second free
/// function, of the name leaves the call unresolved. (The join looks names
/// up in maps built once: this pins what the lookup must answer.)
#[test]
fn a_call_resolves_by_name_only_to_the_one_function_of_its_kind() {
    let main = "mod db;\nmod helpers;\nmod util;\nuse helpers::*;\n\nfn main() {\n    let a = std::env::args().nth(1).unwrap_or_default();\n    let h = plugin::handle();\n    h.run_it(&a);\n    launch(&a);\n}\n";
    let db = "pub struct Runner;\n\nimpl Runner {\n    pub fn run_it(&self, a: &str) {\n        let _ = std::process::Command::new(\"sh\").arg(\"-c\").arg(a).status();\n    }\n}\n\npub fn run_it(a: &str) -> usize {\n    a.len()\n}\n";
    let helpers = "pub fn launch(a: &str) {\n    let _ = std::process::Command::new(\"sh\").arg(\"-c\").arg(a).status();\n}\n\npub struct Tool;\n\nimpl Tool {\n    pub fn launch(&self, a: &str) -> usize {\n        a.len()\n    }\n}\n";
    let scan = |util: &str| {
        let dir = tempfile::tempdir().unwrap();
        write_files(
            dir.path(),
            &[
                ("Cargo.toml", "[package]\nname = \"app\"\nversion = \"0.1.0\"\nedition = \"2021\"\n"),
                ("src/main.rs", main),
                ("src/db.rs", db),
                ("src/helpers.rs", helpers),
                ("src/util.rs", util),
            ],
        );
        let o = sast()
            .current_dir(dir.path())
            .args(["-f", "json", "--no-cache", "--no-deps-audit", "--select", "command-injection", "."])
            .output()
            .unwrap();
        let found: BTreeSet<(String, u64)> = found_lines(&json(&o))
            .into_iter()
            .map(|(p, l, _)| (p.rsplit('/').next().unwrap().to_string(), l))
            .collect();
        found
    };
    let unique = scan("pub fn other() {}\n");
    assert_eq!(unique, BTreeSet::from([("db.rs".to_string(), 5), ("helpers.rs".to_string(), 2)]));
    // A second method `run_it` and a second free `launch`: both ambiguous.
    let twins = scan(
        "pub struct Other;\n\nimpl Other {\n    pub fn run_it(&self, a: &str) -> usize {\n        a.len()\n    }\n}\n\npub fn launch(a: &str) -> usize {\n    a.len()\n}\n",
    );
    assert!(twins.is_empty(), "{twins:?}");
}

/// `--stats`' count of bodies inferred when scanning one file.
fn bodies_inferred(src: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    write_files(dir.path(), &[("src/lib.rs", src)]);
    let o = sast()
        .arg(dir.path())
        .args(["--no-cache", "--stats", "--exit-zero", "-q", "--no-deps-audit"])
        .output()
        .unwrap();
    let err = stderr(&o);
    let line = err.lines().find(|l| l.starts_with("semantic model: ")).unwrap_or_else(|| panic!("{err}"));
    line.split(" functions").next().unwrap().trim_start_matches("semantic model: ").to_string()
}

/// A method call whose name only models of crates the file never names end
/// with (`bytes` is reqwest's `Response::bytes`) needs no inference of its
/// body; where the file names the crate it does.
#[test]
fn a_modelled_method_name_of_a_crate_the_file_never_names_costs_no_inference() {
    assert_eq!(bodies_inferred("pub fn count(s: &str) -> usize {\n    s.bytes().count()\n}\n"), "0 of 1");
    let named = "use reqwest::Response;\n\npub fn count(s: &str) -> usize {\n    s.bytes().count()\n}\n";
    assert_eq!(bodies_inferred(named), "1 of 1");
}

/// A function whose values each mix the ones before through library calls
/// (a decoder's state updated step by step) has exponentially many paths
/// from its source to its sink. The join's question about that sink ends
/// within a budget instead of walking them all (`39e430e` ran for minutes on
/// two real decoder crates, jpeg-decoder and brotli-decompressor); a short
/// chain in the same file is still reported. The watchdog only tells a hang
/// from an answer: it is no speed target.
#[test]
fn exponentially_many_paths_do_not_hang_the_join() {
    let mut src = String::from("use axum::extract::Path;\n\n");
    for (name, steps) in [("long", 40), ("short", 3)] {
        src.push_str(&format!("pub async fn {name}(Path(seed): Path<String>) -> String {{\n"));
        src.push_str(
            "    let a0 = seed.clone();\n    let b0 = seed.to_lowercase();\n    let c0 = seed.to_uppercase();\n",
        );
        for i in 1..=steps {
            let p = i - 1;
            src.push_str(&format!("    let a{i} = external::mix(a{p}, b{p}, c{p});\n"));
            src.push_str(&format!("    let b{i} = external::mix(a{i}, b{p}, c{p});\n"));
            src.push_str(&format!("    let c{i} = external::mix(a{i}, b{i}, c{p});\n"));
        }
        src.push_str(&format!(
            "    std::fs::read_to_string(format!(\"/srv/{{}}\", c{steps})).unwrap_or_default()\n}}\n\n"
        ));
    }
    src.push_str("fn main() {}\n");
    let dir = tempfile::tempdir().unwrap();
    let manifest =
        "[package]\nname = \"mixer\"\nversion = \"0.1.0\"\nedition = \"2021\"\n\n[dependencies]\naxum = \"0.7\"\n";
    write_files(dir.path(), &[("Cargo.toml", manifest), ("src/main.rs", &src)]);
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_cargo-sast"))
        .env("CARGO_HOME", NO_CARGO_HOME)
        .arg(dir.path())
        .args(["--no-cache", "--exit-zero", "-q", "--no-progress", "--no-deps-audit", "-f", "json"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(120);
    while child.try_wait().unwrap().is_none() {
        if std::time::Instant::now() > deadline {
            let _ = child.kill();
            panic!("the scan did not finish within 120 s");
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let o = child.wait_with_output().unwrap();
    let found = found_lines(&json(&o));
    let short_sink = src.lines().position(|l| l.contains("c3))")).unwrap() as u64 + 1;
    assert!(found.iter().any(|(_, line, rule)| *line == short_sink && rule == "path-traversal"), "{found:?}");
}

/// A crate helper that returns what it was passed (`two(a, b)`), called in
/// a chain whose every step passes the previous result twice: the join
/// maps each return origin back to the caller's argument, 2^24 paths
/// through the chain. What an argument carries is worked out once per
/// question (`Query::arg_origins` is memoised), so the request data that
/// enters at the last call, after the chain, is still found; walked once
/// per path, the question ran out of budget inside the chain first and
/// the flow was missed.
#[test]
fn a_chain_of_helpers_returning_their_arguments_is_walked_once() {
    let mut src = String::from(
        "use std::process::Command;\n\nfn two(a: String, b: String) -> String {\n    format!(\"{a}{b}\")\n}\n\n\
         fn main() {\n    let x0 = String::from(\"ls\");\n",
    );
    for i in 1..=24 {
        src.push_str(&format!("    let x{i} = two(x{}.clone(), x{}.clone());\n", i - 1, i - 1));
    }
    src.push_str("    let arg = std::env::args().nth(1).unwrap_or_default();\n");
    src.push_str("    let cmd = two(x24, arg);\n    Command::new(cmd).status().ok();\n}\n");
    let dir = tempfile::tempdir().unwrap();
    write_files(
        dir.path(),
        &[
            ("Cargo.toml", "[package]\nname = \"fan\"\nversion = \"0.1.0\"\nedition = \"2021\"\n"),
            ("src/main.rs", &src),
        ],
    );
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_cargo-sast"))
        .env("CARGO_HOME", NO_CARGO_HOME)
        .arg(dir.path())
        .args(["--no-cache", "--exit-zero", "-q", "--no-progress", "--no-deps-audit", "-f", "json"])
        .output()
        .unwrap();
    let sink = src.lines().position(|l| l.contains("Command::new(cmd)")).unwrap() as u64 + 1;
    let found = found_lines(&json(&o));
    assert!(found.iter().any(|(_, line, rule)| *line == sink && rule == "command-injection"), "{found:?}");
}

/// `--timings` counts what the join holds and what its questions read: the
/// command sink's function and the caller whose argument reaches it, not a
/// file of functions no sink's question leads to.
#[test]
fn timings_count_the_functions_the_joins_questions_read() {
    let dir = tempfile::tempdir().unwrap();
    write_files(
        dir.path(),
        &[
            ("Cargo.toml", "[package]\nname = \"app\"\nversion = \"0.1.0\"\nedition = \"2021\"\n"),
            (
                "src/main.rs",
                "mod run;\nmod math;\n\nfn main() {\n    let a = std::env::args().nth(1).unwrap_or_default();\n    run::launch(&a);\n    println!(\"{}\", math::twice(2));\n}\n",
            ),
            (
                "src/run.rs",
                "pub fn launch(a: &str) {\n    let _ = std::process::Command::new(\"sh\").arg(\"-c\").arg(a).status();\n}\n",
            ),
            (
                "src/math.rs",
                "pub fn twice(n: u32) -> u32 {\n    n * 2\n}\n\npub fn half(n: u32) -> u32 {\n    n / 2\n}\n",
            ),
        ],
    );
    let o = sast()
        .current_dir(dir.path())
        .args(["-f", "json", "--no-cache", "--no-deps-audit", "--exit-zero", "--timings", "."])
        .output()
        .unwrap();
    let err = stderr(&o);
    let count = |what: &str| -> u64 {
        let n = err.lines().find_map(|l| l.strip_prefix(&format!("count {what} "))?.parse().ok());
        n.unwrap_or_else(|| panic!("no count {what}:\n{err}"))
    };
    assert_eq!(found_lines(&json(&o)).len(), 1, "{err}");
    assert_eq!((count("join functions"), count("join files")), (4, 3), "{err}");
    // `launch` (its sink) and `main` (the caller whose argument reaches it).
    assert_eq!((count("join functions asked"), count("join files asked")), (2, 2), "{err}");
    // Only those files' bodies were opened: not `math.rs`'s.
    assert_eq!(count("join files opened"), 2, "{err}");
}
