//! Writes the corpus (a small cargo package) and its answer key: which
//! lines of which file hold a secret or a non-secret, of what kind, in
//! what context and scope.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::contexts::{self, Val};
use crate::encode::Rng;
use crate::values::{self, Catalog, Shape};

/// One planted value: the answer key's row.
#[derive(Serialize, Deserialize, Clone, Debug)]
pub(crate) struct Case {
    pub id: usize,
    pub file: String,
    /// 1-based, inclusive: the lines of the case (its `mod` item or its
    /// entry in a text file).
    pub start: usize,
    pub end: usize,
    pub kind: String,
    pub family: String,
    pub context: String,
    /// prod | cfg-test | tests-dir | test-data
    pub scope: String,
    pub secret: bool,
}

#[derive(Serialize, Deserialize)]
pub(crate) struct AnswerKey {
    pub seed: u64,
    pub cases: Vec<Case>,
}

/// A case before its lines are placed in a file.
struct Pending {
    case: Case,
    lines: Vec<String>,
}

#[derive(Default)]
struct FileBuf {
    head: Vec<String>,
    body: Vec<Pending>,
    /// Rust files: cases inside the trailing `#[cfg(test)] mod tests`.
    tests: Vec<Pending>,
    tail: Vec<String>,
}

/// What to plant: a format or a non-secret.
struct Item<'a> {
    kind: &'a str,
    family: &'a str,
    name: &'a str,
    shape: Shape,
    header: Option<&'a str>,
    needs_name: bool,
    secret: bool,
    prod: bool,
    test: bool,
}

const TEST_SCOPES: [&str; 3] = ["cfg-test", "tests-dir", "test-data"];

/// Write the corpus under `dir` (which must not exist yet, or be empty)
/// and return its answer key.
pub(crate) fn generate(cat: &Catalog, seed: u64, dir: &Path) -> Result<AnswerKey, String> {
    if dir.read_dir().is_ok_and(|mut d| d.next().is_some()) {
        return Err(format!("{} is not empty: give a new directory", dir.display()));
    }
    let mut items: Vec<Item<'_>> = cat
        .formats
        .iter()
        .map(|f| Item {
            kind: &f.id,
            family: &f.family,
            name: &f.name,
            shape: f.shape,
            header: f.header.as_deref(),
            needs_name: f.needs_name,
            secret: true,
            prod: true,
            test: true,
        })
        .collect();
    items.extend(cat.negatives.iter().map(|n| Item {
        kind: &n.id,
        family: "not-secret",
        name: &n.name,
        shape: n.shape,
        header: None,
        needs_name: true,
        secret: false,
        prod: n.scopes.iter().any(|s| s == "prod"),
        test: n.scopes.iter().any(|s| s == "test"),
    }));
    let mut rng = Rng::new(seed);
    let mut files: BTreeMap<String, FileBuf> = BTreeMap::new();
    let mut next_id = 0usize;
    for (i, item) in items.iter().enumerate() {
        let value_of = |rng: &mut Rng| -> Result<String, String> {
            match (cat.formats.iter().find(|f| f.id == item.kind), cat.negatives.iter().find(|n| n.id == item.kind)) {
                (Some(f), _) if item.secret => values::build(&f.layout, rng),
                (_, Some(n)) => n.value(rng),
                _ => Err(format!("no layout for {}", item.kind)),
            }
        };
        // Production: every context that fits. Test scopes: a rotating
        // sample (test-only values get more).
        let probe = value_of(&mut Rng::new(0))?;
        let fits = |ctx: &&str| contexts::applies(ctx, &val(item, &probe));
        let rust: Vec<&str> = contexts::RUST.iter().copied().filter(fits).collect();
        let text: Vec<&str> = contexts::TEXT.iter().copied().filter(fits).collect();
        let per_scope = if item.prod { 4 } else { 8 };
        let mut plan: Vec<(&str, &str)> = Vec::new();
        if item.prod {
            plan.extend(rust.iter().chain(&text).map(|c| ("prod", *c)));
        }
        if item.test {
            for (s, scope) in TEST_SCOPES.iter().enumerate() {
                let pool = if *scope == "test-data" { &text } else { &rust };
                let n = if *scope == "test-data" { per_scope.min(3) } else { per_scope };
                for j in 0..n.min(pool.len()) {
                    plan.push((scope, pool[(i * 3 + s * 5 + j) % pool.len()]));
                }
            }
        }
        for (scope, ctx) in plan {
            let text = value_of(&mut rng)?;
            let v = val(item, &text);
            let id = next_id;
            next_id += 1;
            let case = Case {
                id,
                file: String::new(),
                start: 0,
                end: 0,
                kind: item.kind.to_string(),
                family: item.family.to_string(),
                context: ctx.to_string(),
                scope: scope.to_string(),
                secret: item.secret,
            };
            if contexts::RUST.contains(&ctx) {
                let stem = ctx.replace('-', "_");
                let mut lines = vec![format!("pub mod case_{id} {{")];
                lines.extend(contexts::rust(ctx, &v).into_iter().map(|l| format!("    {l}")));
                lines.push("}".into());
                let (path, test_mod) = match scope {
                    "tests-dir" => (format!("tests/ctx_{stem}.rs"), false),
                    _ => (format!("src/ctx_{stem}.rs"), scope == "cfg-test"),
                };
                let buf = files.entry(path).or_default();
                if test_mod { &mut buf.tests } else { &mut buf.body }.push(Pending { case, lines });
            } else {
                let base = if scope == "prod" { "config" } else { "tests/fixtures" };
                let path = format!("{base}/{}", contexts::text_file(ctx, id, &v));
                let buf = files.entry(path).or_insert_with(|| {
                    let (head, tail) = contexts::text_frame(ctx);
                    FileBuf { head, tail, ..Default::default() }
                });
                buf.body.push(Pending { case, lines: contexts::text(ctx, id, &v) });
            }
        }
    }
    let mut key = write(dir, files)?;
    key.seed = seed;
    Ok(key)
}

fn val<'a>(item: &'a Item<'_>, text: &'a str) -> Val<'a> {
    Val {
        text,
        name: item.name,
        shape: item.shape,
        header: item.header,
        needs_name: item.needs_name,
        family: item.family,
        kind: item.kind,
        secret: item.secret,
    }
}

/// Lay out every file, note each case's lines, write them.
fn write(dir: &Path, files: BTreeMap<String, FileBuf>) -> Result<AnswerKey, String> {
    let mut cases = Vec::new();
    let mut modules = Vec::new();
    for (path, buf) in files {
        let rust = path.ends_with(".rs");
        let mut lines: Vec<String> = Vec::new();
        if rust {
            lines.push("//! Generated by benches/secrets (secbench). Never compiled.".into());
            lines.push("#![allow(dead_code)]".into());
            if let Some(m) = path.strip_prefix("src/").and_then(|p| p.strip_suffix(".rs")) {
                modules.push(m.to_string());
            }
        }
        lines.extend(buf.head);
        let mut place = |lines: &mut Vec<String>, p: Pending, indent: &str| {
            if rust {
                lines.push(String::new());
            }
            let start = lines.len() + 1;
            lines.extend(p.lines.into_iter().map(|l| if l.is_empty() { l } else { format!("{indent}{l}") }));
            cases.push(Case { file: path.clone(), start, end: lines.len(), ..p.case });
        };
        for p in buf.body {
            place(&mut lines, p, "");
        }
        if !buf.tests.is_empty() {
            lines.push(String::new());
            lines.push("#[cfg(test)]".into());
            lines.push("mod tests {".into());
            for p in buf.tests {
                place(&mut lines, p, "    ");
            }
            lines.push("}".into());
        }
        lines.extend(buf.tail);
        put(dir, &path, &(lines.join("\n") + "\n"))?;
    }
    let mut lib = vec![
        "//! The secrets benchmark's corpus (benches/secrets). Never compiled.".to_string(),
        "pub struct ApiClient;".into(),
        "pub struct Settings;".into(),
        "pub fn connect(_: &str) {}".into(),
    ];
    lib.extend(modules.iter().map(|m| format!("pub mod {m};")));
    put(dir, "src/lib.rs", &(lib.join("\n") + "\n"))?;
    put(
        dir,
        "Cargo.toml",
        "[package]\nname = \"secbench-corpus\"\nversion = \"0.1.0\"\nedition = \"2021\"\n\n[dependencies]\n",
    )?;
    cases.sort_by_key(|c| c.id);
    Ok(AnswerKey { seed: 0, cases })
}

fn put(dir: &Path, rel: &str, text: &str) -> Result<(), String> {
    let path = dir.join(rel);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
    }
    std::fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_answer_key_points_at_the_planted_lines() {
        let Ok(cat) = Catalog::parse(include_str!("../formats.toml")) else { panic!("catalog") };
        let Ok(tmp) = tempfile::tempdir() else { panic!("tempdir") };
        let key = generate(&cat, 14, tmp.path());
        let Ok(key) = key else { panic!("{:?}", key.err()) };
        assert!(key.cases.len() > 1000, "{} cases", key.cases.len());
        // Every test scope holds secrets and non-secrets; ranges never overlap.
        for scope in ["prod", "cfg-test", "tests-dir", "test-data"] {
            assert!(key.cases.iter().any(|c| c.scope == scope && c.secret), "{scope}");
            assert!(key.cases.iter().any(|c| c.scope == scope && !c.secret), "{scope}");
        }
        let mut by_file: BTreeMap<&str, Vec<(usize, usize)>> = BTreeMap::new();
        for c in &key.cases {
            by_file.entry(&c.file).or_default().push((c.start, c.end));
        }
        for (file, mut ranges) in by_file {
            ranges.sort_unstable();
            assert!(ranges.windows(2).all(|w| w[0].1 < w[1].0), "{file}: overlapping cases");
            let text = std::fs::read_to_string(tmp.path().join(file)).unwrap_or_default();
            assert!(ranges.iter().all(|r| r.1 <= text.lines().count()), "{file}: a case past the end");
        }
        // A planted GitHub token is on its case's lines, whole.
        let c = key.cases.iter().find(|c| c.kind == "github-pat" && c.context == "const").cloned();
        let Some(c) = c else { panic!("no github-pat const case") };
        let text = std::fs::read_to_string(tmp.path().join(&c.file)).unwrap_or_default();
        let line = text.lines().nth(c.start).unwrap_or_default();
        assert!(line.contains("GITHUB_TOKEN: &str = \"ghp_"), "{line}");
        // The same seed writes the same corpus.
        let Ok(again) = tempfile::tempdir() else { panic!("tempdir") };
        let _ = generate(&cat, 14, again.path());
        let read = |d: &Path| std::fs::read_to_string(d.join(&c.file)).unwrap_or_default();
        assert_eq!(read(tmp.path()), read(again.path()));
        assert!(generate(&cat, 14, tmp.path()).is_err(), "refuses a non-empty directory");
    }
}
