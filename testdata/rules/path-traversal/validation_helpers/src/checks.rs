//! Helpers that validate a requested path (each used from `api.rs`).

use std::path::{Component, Path, PathBuf};
use std::sync::LazyLock;

use regex::Regex;

/// Canonicalized, then checked to stay under the (canonical) base.
pub fn resolve_within(base: &Path, requested: &str) -> Result<PathBuf, String> {
    let base = base.canonicalize().map_err(|e| e.to_string())?;
    let resolved = base.join(requested).canonicalize().map_err(|e| e.to_string())?;
    if !resolved.starts_with(&base) {
        return Err("outside".to_string());
    }
    Ok(resolved)
}

/// A lexical `starts_with` on a joined path: `a/../../etc` still starts with `a`.
pub fn lexical_within(base: &Path, requested: &str) -> Result<PathBuf, String> {
    let candidate = base.join(requested);
    if !candidate.starts_with(base) {
        return Err("outside".to_string());
    }
    Ok(candidate)
}

/// Only the plain names of the path.
pub fn plain_parts(requested: &str) -> PathBuf {
    Path::new(requested).components().filter(|c| matches!(c, Component::Normal(_))).collect()
}

/// Plain names only, or an error naming the request.
pub fn rebuilt(requested: &str) -> Result<PathBuf, String> {
    let mut out = PathBuf::new();
    for c in Path::new(requested).components() {
        match c {
            Component::Normal(part) => out.push(part),
            _ => return Err(format!("bad component in {requested}")),
        }
    }
    Ok(out)
}

/// Every component checked; the request reaches only the error.
pub fn checked(root: &Path, p: &str) -> Result<PathBuf, String> {
    let rel = Path::new(p);
    if rel.components().any(|c| !matches!(c, Component::Normal(_))) {
        return Err(format!("bad path {p}"));
    }
    Ok(root.join(rel))
}

/// `..` is one of the components this lets through.
pub fn no_root(root: &Path, p: &str) -> Result<PathBuf, String> {
    let rel = Path::new(p);
    if rel.components().any(|c| matches!(c, Component::RootDir | Component::Prefix(_))) {
        return Err(format!("absolute path {p}"));
    }
    Ok(root.join(rel))
}

static SLUG: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^[a-z0-9_]{1,64}$").expect("slug"));
static FOLDER: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^[\w.-]{1,64}$").expect("folder"));
static UNANCHORED: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"[a-z0-9_]+").expect("name"));

/// A slug: no separator, no dot.
pub fn slug(s: &str) -> Option<String> {
    if !SLUG.is_match(s) {
        return None;
    }
    Some(s.to_string())
}

/// `..` matches `[\w.-]+`.
pub fn folder(s: &str) -> Option<String> {
    if !FOLDER.is_match(s) {
        return None;
    }
    Some(s.to_string())
}

/// Unanchored: `../x` contains a match.
pub fn name(s: &str) -> Option<String> {
    if !UNANCHORED.is_match(s) {
        return None;
    }
    Some(s.to_string())
}

/// No separator and no leading dot, else an error with the value.
pub fn topic(topic: &str) -> Result<PathBuf, String> {
    if topic.is_empty() || topic.contains('/') || topic.contains('\\') || topic.starts_with('.') {
        return Err(format!("bad help topic {topic}"));
    }
    Ok(PathBuf::from("/srv/help").join(format!("{topic}.html")))
}

/// A predicate: true only for a plain name.
pub fn is_plain(name: &str) -> bool {
    !name.is_empty() && !name.contains('/') && !name.contains('\\') && !name.starts_with('.')
}

/// A predicate that says nothing about separators.
pub fn is_short(name: &str) -> bool {
    !name.is_empty() && name.len() < 64
}
