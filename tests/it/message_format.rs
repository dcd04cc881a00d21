//! `--message-format json` read the way rust-analyzer reads it: with the
//! `cargo_metadata` crate's message parser. Every line must parse (a line
//! that does not becomes `Message::TextLine`, silently dropped by
//! rust-analyzer), every span must point where its bytes, lines and
//! columns say, and `package_id`/`target` must be cargo's own.

use std::path::{Path, PathBuf};

use cargo_metadata::Message;
use cargo_metadata::diagnostic::{Diagnostic, DiagnosticLevel, DiagnosticSpan};

use crate::common::{demo_copy, sast, stderr, write_files};

fn messages(dir: &Path, extra: &[&str]) -> (Vec<Message>, std::process::Output) {
    let o = sast().current_dir(dir).args(["--no-cache", "--message-format", "json"]).args(extra).output().unwrap();
    let msgs: Vec<Message> = Message::parse_stream(&o.stdout[..]).map(Result::unwrap).collect();
    (msgs, o)
}

/// The byte offset of a 1-based (line, column in characters).
fn offset(text: &str, line: usize, col: usize) -> usize {
    let start: usize = text.split_inclusive('\n').take(line - 1).map(str::len).sum();
    let rest = &text[start..];
    start + rest.char_indices().nth(col - 1).map_or(rest.len(), |(i, _)| i)
}

fn check_span(root: &Path, s: &DiagnosticSpan, problems: &mut Vec<String>) {
    let path = root.join(&s.file_name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let (b0, b1) = (offset(&text, s.line_start, s.column_start), offset(&text, s.line_end, s.column_end));
    if (b0, b1) != (s.byte_start as usize, s.byte_end as usize) {
        problems.push(format!(
            "{}:{}:{}: bytes {}..{} but lines/columns say {b0}..{b1}",
            s.file_name, s.line_start, s.column_start, s.byte_start, s.byte_end
        ));
    }
    for (i, t) in s.text.iter().enumerate() {
        let line = text.lines().nth(s.line_start - 1 + i).unwrap_or("");
        // Secrets are masked with `*`, character for character.
        let same = t.text.chars().count() == line.chars().count()
            && t.text.chars().zip(line.chars()).all(|(a, b)| a == b || a == '*');
        if !same {
            problems.push(format!("{}:{}: text {:?} is not the line {line:?}", s.file_name, s.line_start + i, t.text));
        }
    }
}

fn all_spans(d: &Diagnostic) -> Vec<&DiagnosticSpan> {
    d.spans.iter().chain(d.children.iter().flat_map(|c| c.spans.iter())).collect()
}

#[test]
fn every_line_parses_with_cargo_metadata_and_every_span_is_right() {
    let d = demo_copy();
    let meta = cargo_metadata::MetadataCommand::new().current_dir(d.path()).no_deps().exec().unwrap();
    let root: PathBuf = meta.workspace_root.clone().into();
    let (msgs, o) = messages(d.path(), &[]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(matches!(msgs.last(), Some(Message::BuildFinished(b)) if !b.success), "{msgs:?}");
    let mut problems = Vec::new();
    let mut codes = Vec::new();
    for m in &msgs[..msgs.len() - 1] {
        let Message::CompilerMessage(cm) = m else { panic!("not a compiler message: {m:?}") };
        let d = &cm.message;
        let code = d.code.as_ref().unwrap().code.clone();
        assert!(code.starts_with("sast::"), "{code}");
        assert!(matches!(d.level, DiagnosticLevel::Error | DiagnosticLevel::Warning));
        assert_eq!(d.spans.iter().filter(|s| s.is_primary).count(), 1, "{d:?}");
        for s in all_spans(d) {
            check_span(&root, s, &mut problems);
        }
        // package_id and target are cargo's, for the package holding the file.
        let file = root.join(&d.spans[0].file_name);
        let pkg = meta
            .packages
            .iter()
            .filter(|p| file.starts_with(p.manifest_path.parent().unwrap()))
            .max_by_key(|p| p.manifest_path.as_str().len())
            .unwrap();
        assert_eq!(cm.package_id, pkg.id, "{}", d.spans[0].file_name);
        assert!(pkg.targets.contains(&cm.target), "{:?} not a target of {}", cm.target, pkg.name);
        codes.push((code, d.spans[0].file_name.clone(), d.spans[0].line_start));
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert!(codes.len() > 20, "{codes:?}");
    // The cross-file SQL flow: its steps are labelled secondary spans in
    // handlers.rs; the explanation comes once per rule.
    let sql: Vec<&Diagnostic> = msgs
        .iter()
        .filter_map(|m| match m {
            Message::CompilerMessage(c) if c.message.code.as_ref().is_some_and(|c| c.code == "sast::sql-injection") => {
                Some(&c.message)
            }
            _ => None,
        })
        .collect();
    assert!(sql[0].code.as_ref().unwrap().explanation.as_deref().is_some_and(|e| e.contains("### What it does")));
    assert!(sql[1..].iter().all(|d| d.code.as_ref().unwrap().explanation.is_none()));
    let flow = sql.iter().find(|d| d.spans[0].file_name == "api/src/db.rs").expect("the flow into db.rs");
    let steps: Vec<&str> = flow.spans.iter().filter(|s| !s.is_primary).filter_map(|s| s.label.as_deref()).collect();
    assert!(steps.first().is_some_and(|l| l.starts_with("[1/")), "{steps:?}");
    assert!(flow.spans.iter().any(|s| !s.is_primary && s.file_name == "api/src/handlers.rs"), "{:?}", flow.spans);
    // Suggestions: quick fixes with a replacement and rustc's applicability.
    let tls = msgs
        .iter()
        .find_map(|m| match m {
            Message::CompilerMessage(c)
                if c.message.code.as_ref().is_some_and(|c| c.code == "sast::tls-verification-disabled") =>
            {
                Some(&c.message)
            }
            _ => None,
        })
        .unwrap();
    let fix =
        tls.children.iter().flat_map(|c| &c.spans).find(|s| s.suggested_replacement.is_some()).expect("a quick fix");
    assert_eq!(fix.suggested_replacement.as_deref(), Some(""));
    assert_eq!(fix.suggestion_applicability, Some(cargo_metadata::diagnostic::Applicability::MachineApplicable));
}

#[test]
fn columns_count_characters_and_a_clean_tree_prints_only_build_finished() {
    let d = tempfile::tempdir().unwrap();
    write_files(
        d.path(),
        &[
            ("Cargo.toml", "[package]\nname = \"uni\"\nversion = \"0.1.0\"\nedition = \"2021\"\n"),
            (
                "src/lib.rs",
                "pub fn c() -> reqwest::Result<reqwest::Client> {\n    let _s = \"é𝄞\"; reqwest::Client::builder().danger_accept_invalid_certs(true).build()\n}\n",
            ),
        ],
    );
    let (msgs, _) = messages(d.path(), &[]);
    let Message::CompilerMessage(cm) = &msgs[0] else { panic!("{msgs:?}") };
    let s = &cm.message.spans[0];
    let text = std::fs::read_to_string(d.path().join("src/lib.rs")).unwrap();
    let line = text.lines().nth(1).unwrap();
    let col = line[..line.find("danger").unwrap()].chars().count() + 1;
    assert_eq!((s.line_start, s.column_start), (2, col));
    let mut problems = Vec::new();
    for s in all_spans(&cm.message) {
        check_span(d.path(), s, &mut problems);
    }
    assert!(problems.is_empty(), "{problems:?}");

    std::fs::write(d.path().join("src/lib.rs"), "pub fn ok() {}\n").unwrap();
    let (msgs, o) = messages(d.path(), &[]);
    assert_eq!(o.status.code(), Some(0));
    assert!(matches!(msgs.as_slice(), [Message::BuildFinished(b)] if b.success), "{msgs:?}");
}
