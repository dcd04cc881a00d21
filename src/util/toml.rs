//! Reading a TOML document with spans: every error names the file, the
//! line and column, and the dotted key (`ConfigError`). The generic value
//! readers live here; what each file means (`sast.toml`, crate models) is
//! read by its own module on top of [`Reader`].

use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};

use toml::Spanned;
use toml::de::DeValue;

use super::glob::glob_variants;

/// A configuration error, pointing into the file.
#[derive(Debug, Clone)]
pub struct ConfigError {
    pub path: PathBuf,
    pub text: String,
    pub span: Range<usize>,
    pub message: String,
    /// Dotted key the error is about, e.g. `rule.unwrap-used.severity`.
    pub key: Option<String>,
    /// The file is a configuration file the user pointed us at (or ours to
    /// read in the repository), so an error may quote it. Never for other
    /// files (a baseline, something a path led to).
    pub quote: bool,
}

impl ConfigError {
    /// A file that could not be read (or was refused): nothing to quote.
    pub fn unreadable(path: &Path, message: String) -> Self {
        ConfigError { path: path.to_path_buf(), text: String::new(), span: 0..0, message, key: None, quote: false }
    }

    /// The text an error frame may show (empty: none).
    pub fn quoted_text(&self) -> &str {
        if self.quote { &self.text } else { "" }
    }

    pub fn line_col(&self) -> (usize, usize) {
        let upto = &self.text[..self.span.start.min(self.text.len())];
        let line = upto.matches('\n').count() + 1;
        let col = upto.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        (line, col)
    }
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (line, col) = self.line_col();
        write!(f, "{}:{line}:{col}: ", self.path.display())?;
        if let Some(k) = &self.key {
            write!(f, "`{k}`: ")?;
        }
        f.write_str(&self.message)
    }
}

/// Reads values out of a spanned TOML document, producing errors that
/// point at the file, line and key.
pub(crate) struct Reader<'a> {
    pub(crate) path: &'a Path,
    pub(crate) text: &'a str,
    /// The repository's canonical root when the file is inside it: paths
    /// it names must stay inside (see [`crate::util::confine`]).
    pub(crate) boundary: Option<&'a Path>,
}

pub(crate) type SV<'i> = Spanned<DeValue<'i>>;

impl Reader<'_> {
    pub(crate) fn err(&self, span: Range<usize>, key: impl Into<String>, message: impl Into<String>) -> ConfigError {
        let key = key.into();
        ConfigError {
            path: self.path.to_path_buf(),
            text: self.text.to_string(),
            span,
            message: message.into(),
            key: (!key.is_empty()).then_some(key),
            quote: true,
        }
    }

    /// A path named by the file: relative to the file's directory, and
    /// inside the repository when the file is in it.
    pub(crate) fn path_value(&self, v: &SV<'_>, key: &str) -> Result<PathBuf, ConfigError> {
        let p = PathBuf::from(self.string(v, key)?);
        let base = self.path.parent().unwrap_or(Path::new(""));
        let p = if p.is_absolute() { p } else { base.join(p) };
        if let Some(b) = self.boundary {
            crate::util::confine::within(&p, b).map_err(|m| self.err(v.span(), key, m))?;
        }
        Ok(p)
    }

    pub(crate) fn unknown_key(
        &self,
        k: &Spanned<std::borrow::Cow<'_, str>>,
        full: String,
        expected: &[&str],
    ) -> ConfigError {
        let key = k.get_ref().as_ref();
        self.err(
            k.span(),
            full,
            format!(
                "unknown key `{key}`{}; expected one of: {}",
                suggest(key, expected.iter().copied()),
                expected.join(", ")
            ),
        )
    }

    pub(crate) fn regexes_one(&self, v: &SV<'_>, key: &str) -> Result<String, ConfigError> {
        let s = self.string(v, key)?;
        regex::Regex::new(&s)
            .map_err(|e| self.err(v.span(), key, format!("invalid regex: {}", one_line(&e.to_string()))))?;
        Ok(s)
    }

    pub(crate) fn regexes(&self, v: &SV<'_>, key: &str) -> Result<Vec<String>, ConfigError> {
        let list = self.spanned_strings(v, key)?;
        for (r, span) in &list {
            if let Err(e) = regex::Regex::new(r) {
                return Err(self.err(span.clone(), key, format!("invalid regex `{r}`: {}", one_line(&e.to_string()))));
            }
        }
        Ok(list.into_iter().map(|(s, _)| s).collect())
    }

    pub(crate) fn string(&self, v: &SV<'_>, key: &str) -> Result<String, ConfigError> {
        match v.get_ref() {
            DeValue::String(s) => Ok(s.to_string()),
            other => Err(self.err(v.span(), key, format!("expected a string, found {}", other.type_str()))),
        }
    }

    pub(crate) fn bool(&self, v: &SV<'_>, key: &str) -> Result<bool, ConfigError> {
        match v.get_ref() {
            DeValue::Boolean(b) => Ok(*b),
            other => Err(self.err(v.span(), key, format!("expected a boolean, found {}", other.type_str()))),
        }
    }

    pub(crate) fn int(&self, v: &SV<'_>, key: &str) -> Result<i64, ConfigError> {
        match v.get_ref() {
            DeValue::Integer(i) => i64::from_str_radix(&i.as_str().replace('_', ""), i.radix())
                .map_err(|_| self.err(v.span(), key, "integer out of range")),
            other => Err(self.err(v.span(), key, format!("expected an integer, found {}", other.type_str()))),
        }
    }

    pub(crate) fn strings(&self, v: &SV<'_>, key: &str) -> Result<Vec<String>, ConfigError> {
        Ok(self.spanned_strings(v, key)?.into_iter().map(|(s, _)| s).collect())
    }

    pub(crate) fn spanned_strings(&self, v: &SV<'_>, key: &str) -> Result<Vec<(String, Range<usize>)>, ConfigError> {
        match v.get_ref() {
            DeValue::Array(a) => a
                .iter()
                .map(|e| match e.get_ref() {
                    DeValue::String(s) => Ok((s.to_string(), e.span())),
                    other => Err(self.err(e.span(), key, format!("expected a string, found {}", other.type_str()))),
                })
                .collect(),
            other => Err(self.err(v.span(), key, format!("expected an array of strings, found {}", other.type_str()))),
        }
    }

    pub(crate) fn globs(&self, v: &SV<'_>, key: &str) -> Result<Vec<String>, ConfigError> {
        let list = self.spanned_strings(v, key)?;
        for (g, span) in &list {
            for pat in glob_variants(g) {
                if let Err(e) = globset::Glob::new(&pat) {
                    return Err(self.err(span.clone(), key, format!("invalid glob `{g}`: {}", e.kind())));
                }
            }
        }
        Ok(list.into_iter().map(|(s, _)| s).collect())
    }
}

/// The last line of a multi-line error message (regex errors draw a caret
/// diagram above it).
pub(crate) fn one_line(s: &str) -> String {
    s.lines().rev().find(|l| !l.trim().is_empty()).unwrap_or(s).trim().to_string()
}

/// "; did you mean `x`?" for a close match (edit distance ≤ 2, or prefix).
pub(crate) fn suggest<'s>(word: &str, candidates: impl Iterator<Item = &'s str>) -> String {
    let best = candidates
        .map(|c| (edit_distance(word, c), c))
        .filter(|(d, c)| *d <= 2.max(word.len() / 4) || c.starts_with(word) && word.len() >= 3)
        .min();
    match best {
        Some((_, c)) => format!(" (did you mean `{c}`?)"),
        None => String::new(),
    }
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(ca != *cb)).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}
