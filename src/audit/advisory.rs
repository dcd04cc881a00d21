//! RustSec advisories in their published format, and the database that
//! holds them.
//!
//! An advisory is a Markdown file, `crates/<package>/RUSTSEC-YYYY-NNNN.md`:
//! TOML front matter in a ```` ```toml ```` fence (`[advisory]`,
//! `[versions]`, `[affected]`), then `# Title` and the description. Older
//! databases kept `.toml` files with the title and description inside the
//! TOML; those are read too. Unknown keys are ignored (the format grows), a
//! file that cannot be read is reported and skipped, never fatal.

use std::path::{Path, PathBuf};

use semver::VersionReq;
use toml::{Table, Value};

use super::version::VersionRanges;
use crate::util::time::Date;

/// One advisory.
#[derive(Clone, Debug)]
pub(crate) struct Advisory {
    pub id: String,
    pub package: String,
    pub date: Option<Date>,
    pub title: String,
    /// Markdown.
    pub description: String,
    pub url: Option<String>,
    /// The CVSS vector as written (`CVSS:3.1/AV:N/...` or `CVSS:4.0/...`).
    pub cvss: Option<String>,
    /// Its base score, when the vector could be scored.
    pub score: Option<f64>,
    pub categories: Vec<String>,
    pub keywords: Vec<String>,
    /// The same vulnerability in other databases (CVE, GHSA).
    pub aliases: Vec<String>,
    pub related: Vec<String>,
    pub references: Vec<String>,
    /// `notice`, `unmaintained`, `unsound`, or another word.
    pub informational: Option<String>,
    /// The date it was withdrawn (filed in error).
    pub withdrawn: Option<String>,
    /// Registry of the affected package (default: crates.io).
    pub source: Option<String>,
    pub versions: VersionRanges,
    /// `[affected] functions`: canonical paths and the versions they are
    /// vulnerable in (empty: all affected versions).
    pub functions: Vec<(String, Vec<VersionReq>)>,
    pub os: Vec<String>,
    pub arch: Vec<String>,
}

impl Advisory {
    /// The advisory's page on rustsec.org.
    pub(crate) fn page(&self) -> String {
        format!("https://rustsec.org/advisories/{}", self.id)
    }

    /// Does the advisory apply to packages from this lock-file `source`?
    /// Only registry packages are matched (a git or path dependency is
    /// another codebase that happens to share a name), from crates.io unless
    /// the advisory names another registry.
    pub(crate) fn applies_to_source(&self, source: Option<&str>) -> bool {
        let Some(src) = source else { return false };
        match &self.source {
            Some(want) => strip_registry_kind(src) == strip_registry_kind(want),
            None => is_crates_io(src),
        }
    }

    /// The affected functions that apply to this version.
    pub(crate) fn functions_for(&self, v: &semver::Version) -> Vec<&str> {
        self.functions
            .iter()
            .filter(|(_, reqs)| reqs.is_empty() || reqs.iter().any(|r| super::version::req_interval(r).contains(v)))
            .map(|(p, _)| p.as_str())
            .collect()
    }
}

fn strip_registry_kind(s: &str) -> &str {
    s.strip_prefix("registry+").or_else(|| s.strip_prefix("sparse+")).unwrap_or(s).trim_end_matches('/')
}

/// crates.io, as Cargo.lock writes it (git index or sparse index).
pub(crate) fn is_crates_io(source: &str) -> bool {
    matches!(strip_registry_kind(source), "https://github.com/rust-lang/crates.io-index" | "https://index.crates.io")
}

/// Split a Markdown advisory into TOML front matter, title and description.
fn split_markdown(text: &str) -> Result<(&str, &str, &str), String> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let rest = text.strip_prefix("```toml").ok_or("expected the file to start with a ```toml fence")?;
    let end = rest.find("\n```").ok_or("the ```toml front matter is not closed")?;
    let front = &rest[..end];
    let after = &rest[end + 4..];
    let md = after.trim_start();
    let (title, description) = match md.strip_prefix("# ") {
        Some(t) => match t.find('\n') {
            Some(nl) => (t[..nl].trim(), t[nl + 1..].trim()),
            None => (t.trim(), ""),
        },
        None => ("", md.trim()),
    };
    Ok((front, title, description))
}

fn string(t: &Table, key: &str) -> Result<Option<String>, String> {
    match t.get(key) {
        None => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(Value::Datetime(d)) => Ok(Some(d.to_string())),
        Some(other) => Err(format!("`{key}` must be a string, found {}", other.type_str())),
    }
}

fn strings(t: &Table, key: &str) -> Result<Vec<String>, String> {
    match t.get(key) {
        None => Ok(Vec::new()),
        Some(Value::Array(a)) => a
            .iter()
            .map(|v| match v {
                Value::String(s) => Ok(s.clone()),
                other => Err(format!("`{key}` must hold strings, found {}", other.type_str())),
            })
            .collect(),
        Some(other) => Err(format!("`{key}` must be an array of strings, found {}", other.type_str())),
    }
}

fn req_list(v: &Value, what: &str) -> Result<Vec<VersionReq>, String> {
    let Value::Array(a) = v else {
        return Err(format!("{what} must be an array of version requirements, found {}", v.type_str()));
    };
    a.iter()
        .map(|x| match x {
            Value::String(s) => {
                VersionReq::parse(s).map_err(|e| format!("{what}: invalid version requirement `{s}`: {e}"))
            }
            other => Err(format!("{what} must hold strings, found {}", other.type_str())),
        })
        .collect()
}

fn reqs(t: &Table, key: &str) -> Result<Vec<VersionReq>, String> {
    t.get(key).map_or(Ok(Vec::new()), |v| req_list(v, &format!("`{key}`")))
}

fn table<'t>(t: &'t Table, key: &str) -> Result<Option<&'t Table>, String> {
    match t.get(key) {
        None => Ok(None),
        Some(Value::Table(x)) => Ok(Some(x)),
        Some(other) => Err(format!("`[{key}]` must be a table, found {}", other.type_str())),
    }
}

/// Parse one advisory file's text.
pub(crate) fn parse(text: &str, file: &Path) -> Result<Advisory, String> {
    let is_md = file.extension().is_none_or(|e| e != "toml");
    let (front, md_title, md_desc) = if is_md { split_markdown(text)? } else { (text, "", "") };
    let doc: Table = front.parse().map_err(|e: toml::de::Error| format!("invalid TOML: {}", e.message().trim()))?;
    // The `[advisory]` header may be omitted (RustSec's V4 layout).
    let adv = match table(&doc, "advisory")? {
        Some(a) => a,
        None => &doc,
    };
    let id = string(adv, "id")?.ok_or("`id` is missing")?;
    let package = string(adv, "package")?.ok_or("`package` is missing")?;
    let date = string(adv, "date")?;
    let date = match date {
        Some(d) => Some(Date::parse_prefix(&d).ok_or_else(|| format!("`date` is not a YYYY-MM-DD date: `{d}`"))?),
        None => None,
    };
    let title = if md_title.is_empty() { string(adv, "title")?.unwrap_or_default() } else { md_title.to_string() };
    let description =
        if md_desc.is_empty() { string(adv, "description")?.unwrap_or_default() } else { md_desc.to_string() };
    let (patched, unaffected) = match table(&doc, "versions")? {
        Some(v) => (reqs(v, "patched")?, reqs(v, "unaffected")?),
        // The pre-2021 layout kept them in `[advisory]`.
        None => (reqs(adv, "patched_versions")?, reqs(adv, "unaffected_versions")?),
    };
    let mut functions = Vec::new();
    let (mut os, mut arch) = (Vec::new(), Vec::new());
    if let Some(aff) = table(&doc, "affected")? {
        os = strings(aff, "os")?;
        arch = strings(aff, "arch")?;
        if let Some(fns) = table(aff, "functions")? {
            for (path, v) in fns {
                let list = req_list(v, &format!("`affected.functions.\"{path}\"`"))?;
                if path.split("::").filter(|s| !s.is_empty()).count() < 2 {
                    return Err(format!("affected function `{path}` must start with the crate name"));
                }
                functions.push((path.clone(), list));
            }
        }
    }
    functions.sort_by(|a, b| a.0.cmp(&b.0));
    let cvss = string(adv, "cvss")?;
    let score = cvss.as_deref().and_then(super::score::base_score);
    Ok(Advisory {
        id,
        package,
        date,
        title,
        description,
        url: string(adv, "url")?,
        cvss,
        score,
        categories: strings(adv, "categories")?,
        keywords: strings(adv, "keywords")?,
        aliases: strings(adv, "aliases")?,
        related: strings(adv, "related")?,
        references: strings(adv, "references")?,
        informational: string(adv, "informational")?,
        withdrawn: string(adv, "withdrawn")?,
        source: string(adv, "source")?,
        versions: VersionRanges::new(patched, unaffected),
        functions,
        os,
        arch,
    })
}

/// The advisories of a database that matter for a set of package names,
/// plus what is known about the whole database.
#[derive(Debug, Default)]
pub(crate) struct Database {
    /// Advisories for the requested packages (withdrawn ones included; the
    /// caller skips them), sorted by id.
    pub advisories: Vec<Advisory>,
    /// Number of advisory files in the whole database.
    pub total: usize,
    /// Date of the newest advisory in the whole database.
    pub newest: Option<Date>,
    /// Files that could not be read: (path, why).
    pub errors: Vec<(PathBuf, String)>,
}

/// Load a database (`<root>/crates/<package>/RUSTSEC-*.md`), parsing only
/// the advisories of `packages`; the others are only skimmed for their date.
pub(crate) fn load(root: &Path, packages: &std::collections::HashSet<&str>) -> Result<Database, String> {
    let crates = root.join("crates");
    let dirs = std::fs::read_dir(&crates).map_err(|e| {
        if crates.exists() {
            format!("cannot read {}: {e}", crates.display())
        } else {
            format!("{} is not a RustSec advisory database (it has no `crates/` directory)", root.display())
        }
    })?;
    let mut db = Database::default();
    let mut dirs: Vec<(String, PathBuf)> = dirs
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
        .map(|e| (e.file_name().to_string_lossy().into_owned(), e.path()))
        .collect();
    dirs.sort();
    for (name, dir) in dirs {
        let Ok(entries) = std::fs::read_dir(&dir) else { continue };
        let mut files: Vec<PathBuf> = entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| {
                let n = p.file_name().map(|n| n.to_string_lossy()).unwrap_or_default();
                n.starts_with("RUSTSEC-") && (n.ends_with(".md") || n.ends_with(".toml"))
            })
            .collect();
        files.sort();
        let wanted = packages.contains(name.as_str());
        for f in files {
            // Bounded, never blocking: a FIFO or `/dev/zero` named like an
            // advisory is an error, not a hang.
            let text = match crate::util::fsread::read_string(&f, crate::util::fsread::limit::ADVISORY) {
                Ok(t) => t,
                Err(e) => {
                    db.errors.push((f, format!("cannot read: {e}")));
                    continue;
                }
            };
            db.total += 1;
            if !wanted {
                if let Some(d) = skim_date(&text) {
                    db.newest = db.newest.max(Some(d));
                }
                continue;
            }
            match parse(&text, &f) {
                Ok(a) => {
                    db.newest = db.newest.max(a.date);
                    db.advisories.push(a);
                }
                Err(why) => db.errors.push((f, why)),
            }
        }
    }
    db.advisories.sort_by(|a, b| a.id.cmp(&b.id));
    Ok(db)
}

/// The `date = "YYYY-MM-DD"` of an advisory, without parsing the TOML.
fn skim_date(text: &str) -> Option<Date> {
    let front = text.split("\n```").next().unwrap_or(text);
    front.lines().find_map(|l| {
        let rest = l.trim().strip_prefix("date")?.trim_start().strip_prefix('=')?;
        Date::parse_prefix(rest.trim().trim_matches('"'))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const HYPER: &str = r#"```toml
[advisory]
id = "RUSTSEC-2021-0078"
package = "hyper"
date = "2021-07-07"
url = "https://github.com/hyperium/hyper/security/advisories/GHSA-f3pg-qwvg-p99c"
keywords = ["parsing", "http"]
aliases = ["CVE-2021-32715", "GHSA-f3pg-qwvg-p99c"]
cvss = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:L/A:N"

[versions]
patched = [">= 0.14.10"]

[affected.functions]
"hyper::server::conn::Http::serve_connection" = ["< 0.14.10"]
```

# Lenient `hyper` header parsing of `Content-Length` could allow request smuggling

`hyper`'s HTTP header parser accepted illegal contents.
"#;

    #[test]
    fn parses_the_published_format() {
        let a = parse(HYPER, Path::new("RUSTSEC-2021-0078.md")).unwrap();
        assert_eq!(a.id, "RUSTSEC-2021-0078");
        assert_eq!(a.package, "hyper");
        assert_eq!(a.title, "Lenient `hyper` header parsing of `Content-Length` could allow request smuggling");
        assert!(a.description.starts_with("`hyper`'s HTTP header parser"));
        assert_eq!(a.aliases, ["CVE-2021-32715", "GHSA-f3pg-qwvg-p99c"]);
        assert_eq!(a.score, Some(5.3));
        assert_eq!(a.functions.len(), 1);
        assert!(a.versions.is_vulnerable(&semver::Version::new(0, 14, 9)));
        assert_eq!(a.date.map(|d| d.to_string()).as_deref(), Some("2021-07-07"));
        assert_eq!(skim_date(HYPER), a.date);
    }

    #[test]
    fn header_less_front_matter_and_inline_functions() {
        let text = "```toml\nid = \"RUSTSEC-2099-0001\"\npackage = \"x\"\ndate = \"2099-01-01\"\n[affected]\nos = [\"windows\"]\nfunctions = { \"x::y\" = [] }\n```\n\n# T\n";
        let a = parse(text, Path::new("a.md")).unwrap();
        assert_eq!(a.id, "RUSTSEC-2099-0001");
        assert_eq!(a.os, ["windows"]);
        assert_eq!(a.functions_for(&semver::Version::new(1, 0, 0)), ["x::y"]);
        assert!(a.versions.is_vulnerable(&semver::Version::new(9, 9, 9)), "no [versions]: all affected");
    }

    #[test]
    fn bad_files_are_errors_not_panics() {
        for text in [
            "",
            "# no front matter",
            "```toml\n[advisory]\nid = \"X\"\n",
            "```toml\n[advisory]\npackage = \"x\"\n```\n# T\n",
            "```toml\n[advisory]\nid = \"X\"\npackage = \"x\"\ndate = \"soon\"\n```\n# T\n",
            "```toml\n[advisory]\nid = \"X\"\npackage = \"x\"\n[versions]\npatched = [\">= one\"]\n```\n# T\n",
            "```toml\n[advisory]\nid = \"X\"\npackage = \"x\"\n[affected.functions]\n\"x\" = []\n```\n# T\n",
            "```toml\n[advisory\n```\n",
        ] {
            assert!(parse(text, Path::new("a.md")).is_err(), "{text:?}");
        }
    }

    #[test]
    fn sources() {
        let a = parse(HYPER, Path::new("a.md")).unwrap();
        assert!(a.applies_to_source(Some("registry+https://github.com/rust-lang/crates.io-index")));
        assert!(a.applies_to_source(Some("sparse+https://index.crates.io/")));
        assert!(!a.applies_to_source(Some("git+https://github.com/hyperium/hyper?rev=abc#abc")));
        assert!(!a.applies_to_source(None));
    }
}
