//! `cargo xtask new-rule <family> <rule-id>`: the rule file (docs and
//! metadata to fill in, the hooks to write), its registration line in
//! `lints/mod.rs`, and its fixtures (`testdata/rules/<id>/bad.rs` with a
//! mark, `good.rs` without). The tests then fail until the rule is
//! written: its docs' example must trigger it, its fixtures must match
//! their marks, and its snapshot must be accepted.

use std::path::Path;

/// What was created, for the message.
#[derive(Debug)]
pub(crate) struct Created {
    pub(crate) rule_file: String,
    pub(crate) fixtures: Vec<String>,
}

/// `sql-injection` → `sql_injection`.
pub(crate) fn module_name(id: &str) -> String {
    id.replace('-', "_")
}

/// `sql-injection` → `SqlInjection`.
pub(crate) fn type_name(id: &str) -> String {
    id.split('-')
        .map(|w| {
            let mut c = w.chars();
            c.next().map(|f| f.to_ascii_uppercase().to_string() + c.as_str()).unwrap_or_default()
        })
        .collect()
}

fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.starts_with(|c: char| c.is_ascii_lowercase())
        && !id.ends_with('-')
        && !id.contains("--")
        && id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// Insert `module::Type,` into the family's block of the `rules!`
/// registration, keeping the block sorted.
pub(crate) fn register(mod_rs: &str, family: &str, module: &str, ty: &str) -> Result<String, String> {
    let lines: Vec<&str> = mod_rs.lines().collect();
    // The registration: from `rules! {` to its closing brace.
    let start = lines.iter().position(|l| l.trim() == "rules! {").ok_or("no `rules! {` in lints/mod.rs")?;
    let end = (start..lines.len()).find(|&i| lines[i] == "}").ok_or("unterminated `rules!`")?;
    let open = (start..end)
        .find(|&i| {
            let l = lines[i];
            let t = l.trim();
            t.ends_with('{') && (t.starts_with(&format!("{family} {{")) || t.starts_with(&format!("{family} with ")))
        })
        .ok_or_else(|| {
            let families: Vec<&str> = lines[start + 1..end]
                .iter()
                .filter(|l| l.starts_with("    ") && !l.starts_with("     ") && l.trim_end().ends_with('{'))
                .filter_map(|l| l.split_whitespace().next())
                .collect();
            format!("no family `{family}` in lints/mod.rs; families: {}", families.join(", "))
        })?;
    let close = (open + 1..lines.len()).find(|&i| lines[i].trim() == "}").ok_or("unterminated family block")?;
    let entry = format!("        {module}::{ty},");
    if lines[open + 1..close].iter().any(|l| l.trim_start().starts_with(&format!("{module}::"))) {
        return Err(format!("`{module}` is already registered"));
    }
    let at = (open + 1..close).find(|&i| lines[i] > entry.as_str()).unwrap_or(close);
    let mut out: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
    out.insert(at, entry);
    Ok(out.join("\n") + "\n")
}

/// The rule file: docs and metadata to fill in, no check yet.
pub(crate) fn rule_file(id: &str) -> String {
    let ty = type_name(id);
    format!(
        r#"use crate::rules::prelude::*;

declare_rule! {{
    /// ### What it does
    /// TODO: what the rule finds, in one paragraph.
    ///
    /// ### Why is this bad?
    /// TODO: what an attacker gains, or what breaks.
    ///
    /// ### Example
    /// ```rust
    /// // TODO: code the rule reports.
    /// ```
    ///
    /// ### Use instead
    /// ```rust
    /// // TODO: the fix, which the rule does not report.
    /// ```
    ///
    /// ### References
    /// - CWE-TODO: …
    /// - OWASP Top 10 2021 ATODO: …
    pub {ty} {{
        id: "{id}",
        name: "{ty}",
        summary: "TODO: one line",
        severity: Medium,
        precision: Medium,
        measured: [],
        cwe: [],
        owasp: [],
        tags: [],
    }}
}}

impl Rule for {ty} {{
    fn meta(&self) -> &'static RuleMeta {{
        &Self::META
    }}

    /// TODO: the keywords, names and node kinds the check listens to
    /// (`Interests`), and the matching `check_*` hooks below.
    fn interests(&self) -> Interests {{
        Interests::default()
    }}
}}
"#
    )
}

/// Create the rule `id` in `family` under the repository `root`.
pub(crate) fn scaffold(root: &Path, family: &str, id: &str) -> Result<Created, String> {
    if !valid_id(id) {
        return Err(format!("`{id}` is not a kebab-case rule id (e.g. `weak-hash`)"));
    }
    if !family.chars().all(|c| c.is_ascii_lowercase() || c == '_') || family.is_empty() {
        return Err(format!("`{family}` is not a family name"));
    }
    let module = module_name(id);
    let mod_rs_path = root.join("lints/mod.rs");
    let mod_rs = std::fs::read_to_string(&mod_rs_path).map_err(|e| format!("{}: {e}", mod_rs_path.display()))?;
    let registered = register(&mod_rs, family, &module, &type_name(id))?;
    let rule_rel = format!("lints/{family}/{module}.rs");
    let fixtures_rel = format!("testdata/rules/{id}");
    for p in [&rule_rel, &fixtures_rel] {
        if root.join(p).exists() {
            return Err(format!("{p} already exists"));
        }
    }
    let fixtures_dir = root.join(&fixtures_rel);
    std::fs::create_dir_all(&fixtures_dir).map_err(|e| format!("{fixtures_rel}: {e}"))?;
    let bad = format!(
        "// Code `{id}` reports: each finding marked on its line.\n\npub fn reported() {{\n    // TODO: the reported code. //~ {id}\n}}\n"
    );
    let good = format!("// The safe counterparts: `{id}` reports nothing here.\n\npub fn not_reported() {{}}\n");
    let write = |rel: &str, text: &str| std::fs::write(root.join(rel), text).map_err(|e| format!("{rel}: {e}"));
    write(&rule_rel, &rule_file(id))?;
    write(&format!("{fixtures_rel}/bad.rs"), &bad)?;
    write(&format!("{fixtures_rel}/good.rs"), &good)?;
    write("lints/mod.rs", &registered)?;
    Ok(Created {
        rule_file: rule_rel,
        fixtures: vec![format!("{fixtures_rel}/bad.rs"), format!("{fixtures_rel}/good.rs")],
    })
}
