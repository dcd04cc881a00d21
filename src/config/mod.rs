//! Configuration: `sast.toml` (or `--config FILE`), `[workspace.metadata.sast]`
//! and `[package.metadata.sast]` in Cargo.toml. Read with spans so every
//! error names the file, line and key.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use toml::de::{DeTable, DeValue};

use crate::finding::Severity;
use crate::rules::TestPolicy;
use crate::rules::settings::OptValue;
use crate::secrets::settings::SecretsConfig;
pub(crate) use crate::util::toml::ConfigError;
use crate::util::toml::Reader;

/// The keys a table accepts, as an enum: the reader matches on it
/// exhaustively (a key added here must be read), and `NAMES`, in this
/// order, is what an unknown key's error offers.
macro_rules! keys {
    ($(#[$meta:meta])* $name:ident { $($variant:ident = $key:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Clone, Copy)]
        enum $name {
            $($variant),+
        }

        impl $name {
            const NAMES: &'static [&'static str] = &[$($key),+];

            fn parse(key: &str) -> Option<Self> {
                match key {
                    $($key => Some(Self::$variant),)+
                    _ => None,
                }
            }
        }
    };
}

pub(crate) mod deps;
mod read;
pub(crate) mod resolve;

pub(crate) use resolve::{CliRuleOverrides, resolve_rules, selector_is_known};

/// `[rule.<id>]`.
#[derive(Debug, Clone, Default)]
pub struct RuleConfig {
    pub enabled: Option<bool>,
    pub severity: Option<Severity>,
    pub test_code: Option<TestPolicy>,
    pub exclude: Vec<String>,
    pub options: HashMap<String, OptValue>,
}

/// One configuration source, resolved (values checked, spans dropped).
#[derive(Debug, Clone, Default)]
pub struct Config {
    /// Where it came from (for messages).
    pub source: Option<PathBuf>,
    pub fail_on: Option<Severity>,
    pub test_code: Option<TestPolicy>,
    pub exclude: Vec<String>,
    pub select: Option<Vec<String>>,
    pub extend_select: Vec<String>,
    pub ignore: Vec<String>,
    pub max_file_size: Option<u64>,
    /// Baseline file (resolved against the config file's directory).
    pub baseline: Option<PathBuf>,
    pub rules: BTreeMap<String, RuleConfig>,
    /// Taint models: the built-in ones plus `[taint]` from this config.
    pub taint_models: Option<std::sync::Arc<crate::taint::Models>>,
    /// The same with only the sections of `[taint]` that add findings
    /// (sources, sinks): what `--untrusted-repo` applies.
    pub taint_strict: Option<std::sync::Arc<crate::taint::Models>>,
    /// The sections of `[taint]` left out of `taint_strict`.
    pub taint_weakening: Vec<String>,
    /// `[audit]`: the dependency audit (workspace config only).
    pub audit: Option<AuditConfig>,
    /// `[secrets]`: allowlists, text-file scanning and extra patterns.
    pub secrets: SecretsConfig,
    /// `[deps]`: the dependency capability policy (`cargo sast deps`).
    pub deps: Option<deps::DepsConfig>,
}

/// `[audit]`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AuditConfig {
    /// Run the audit with `cargo sast` (default: yes, when a Cargo.lock exists).
    pub enabled: Option<bool>,
    /// Advisory database directory (relative paths: from the config file).
    pub advisory_db: Option<PathBuf>,
    /// Severity of informational advisories by kind (`unmaintained`,
    /// `unsound`, `notice`, `other`); `None`: not reported.
    pub informational: BTreeMap<String, Option<Severity>>,
    /// Severity of vulnerabilities without a CVSS score.
    pub unscored_severity: Option<Severity>,
    /// Accepted risks: `[[audit.ignore]]`.
    pub ignore: Vec<AuditIgnore>,
}

/// One `[[audit.ignore]]` entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditIgnore {
    /// Advisory id (`RUSTSEC-YYYY-NNNN`) or one of its aliases (CVE, GHSA).
    pub id: String,
    pub reason: String,
    /// `YYYY-MM-DD`: from that day on the advisory is reported again.
    pub expires: Option<String>,
    /// Where the entry is (for messages).
    pub source: PathBuf,
    pub line: usize,
}

impl Config {
    /// Layer `over` on top of `self` (package config over workspace config).
    pub fn merged(&self, over: &Config) -> Config {
        let mut c = self.clone();
        c.source = over.source.clone().or(c.source);
        c.fail_on = over.fail_on.or(c.fail_on);
        c.test_code = over.test_code.or(c.test_code);
        c.exclude.extend(over.exclude.iter().cloned());
        if over.select.is_some() {
            c.select = over.select.clone();
        }
        c.extend_select.extend(over.extend_select.iter().cloned());
        c.ignore.extend(over.ignore.iter().cloned());
        c.max_file_size = over.max_file_size.or(c.max_file_size);
        if over.baseline.is_some() {
            c.baseline = over.baseline.clone();
        }
        if over.taint_models.is_some() {
            c.taint_models = over.taint_models.clone();
            c.taint_strict = over.taint_strict.clone();
            c.taint_weakening = over.taint_weakening.clone();
        }
        c.audit = over.audit.clone().or(c.audit);
        c.deps = over.deps.clone().or(c.deps);
        c.secrets.text_files = over.secrets.text_files.or(c.secrets.text_files);
        c.secrets.allow_paths.extend(over.secrets.allow_paths.iter().cloned());
        c.secrets.allow_regexes.extend(over.secrets.allow_regexes.iter().cloned());
        c.secrets.allow_fingerprints.extend(over.secrets.allow_fingerprints.iter().cloned());
        c.secrets.patterns.extend(over.secrets.patterns.iter().cloned());
        for (id, rc) in &over.rules {
            let e = c.rules.entry(id.clone()).or_default();
            e.enabled = rc.enabled.or(e.enabled);
            e.severity = rc.severity.or(e.severity);
            e.test_code = rc.test_code.or(e.test_code);
            e.exclude.extend(rc.exclude.iter().cloned());
            for (k, v) in &rc.options {
                e.options.insert(k.clone(), v.clone());
            }
        }
        c
    }
}

/// Config file names looked up at the workspace root, in order.
pub(crate) const CONFIG_FILE_NAMES: &[&str] = &["sast.toml", ".sast.toml"];

/// Read a `sast.toml`-style file. `boundary`: the file is in the scanned
/// repository, whose canonical root this is; it and every path it names
/// must stay inside (`None`: a `--config` file the user chose).
pub fn load_file(path: &Path, boundary: Option<&Path>) -> Result<Config, ConfigError> {
    let text = crate::util::confine::read_string(path, boundary, crate::util::fsread::limit::CONFIG).map_err(|e| {
        ConfigError::unreadable(
            path,
            format!("cannot read the config file {}: {e}", crate::util::escape::line(&path.display().to_string())),
        )
    })?;
    parse_config_in(path, &text, &[], boundary)
}

/// Read `[<table path>]` (e.g. `workspace.metadata.sast`) from a Cargo.toml
/// of the scanned repository. `Ok(None)` when the table is absent, the
/// manifest is not valid TOML (cargo itself reports broken manifests), or
/// it leads outside the repository.
pub(crate) fn load_cargo_table(
    manifest: &Path,
    table_path: &[&str],
    boundary: Option<&Path>,
) -> Result<Option<Config>, ConfigError> {
    let Ok(text) = crate::util::confine::read_string(manifest, boundary, crate::util::fsread::limit::CONFIG) else {
        return Ok(None);
    };
    if !text.contains("sast") {
        return Ok(None);
    }
    let Ok(doc) = DeTable::parse(&text) else {
        return Ok(None);
    };
    let mut table = doc.get_ref();
    for key in table_path {
        match table.get(*key).map(|v| v.get_ref()) {
            Some(DeValue::Table(t)) => table = t,
            _ => return Ok(None),
        }
    }
    let r = Reader { path: manifest, text: &text, boundary };
    r.config(table, &table_path.join(".")).map(|mut c| {
        c.source = Some(manifest.to_path_buf());
        Some(c)
    })
}

/// Parse config text. `prefix` is the dotted path of the table (for messages).
pub fn parse_config(path: &Path, text: &str, prefix: &[&str]) -> Result<Config, ConfigError> {
    parse_config_in(path, text, prefix, None)
}

/// [`parse_config`] for a file of the repository with this `boundary`.
pub(crate) fn parse_config_in(
    path: &Path,
    text: &str,
    prefix: &[&str],
    boundary: Option<&Path>,
) -> Result<Config, ConfigError> {
    let r = Reader { path, text, boundary };
    let doc = DeTable::parse(text)
        .map_err(|e| r.err(e.span().unwrap_or(0..0), "", format!("invalid TOML: {}", e.message().trim())))?;
    let mut c = r.config(doc.get_ref(), &prefix.join("."))?;
    c.source = Some(path.to_path_buf());
    Ok(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Config, ConfigError> {
        parse_config(Path::new("sast.toml"), text, &[])
    }

    #[test]
    fn unknown_key_names_line_and_key() {
        let e = parse("fail-on = \"high\"\n\nfial-on = 3\n").unwrap_err();
        assert_eq!(e.line_col(), (3, 1));
        assert_eq!(e.key.as_deref(), Some("fial-on"));
        assert!(e.message.contains("did you mean `fail-on`"), "{}", e.message);
    }

    #[test]
    fn every_accepted_top_level_key_is_offered() {
        for (typo, key) in [("basline = \"b.toml\"\n", "baseline"), ("[taitn]\n", "taint")] {
            let e = parse(typo).unwrap_err();
            assert!(e.message.contains(&format!("did you mean `{key}`")), "{}", e.message);
        }
    }

    #[test]
    fn rule_sections_are_checked() {
        let e = parse("[rule.unwrap-usd]\nseverity = \"low\"\n").unwrap_err();
        assert!(e.message.contains("unknown rule id"), "{}", e.message);
        assert_eq!(e.line_col().0, 1);
        let e = parse("[rule.unwrap-used]\nseverity = \"urgent\"\n").unwrap_err();
        assert_eq!(e.key.as_deref(), Some("rule.unwrap-used.severity"));
        assert_eq!(e.line_col(), (2, 12));
        let c = parse(
            "fail-on = \"medium\"\nignore = [\"unwrap-used\"]\n[rule.undocumented-unsafe]\nseverity = \"high\"\n",
        )
        .unwrap();
        assert_eq!(c.fail_on, Some(Severity::Medium));
        assert_eq!(c.rules["undocumented-unsafe"].severity, Some(Severity::High));
    }

    #[test]
    fn audit_section() {
        let c = parse_config(
            Path::new("/ws/sast.toml"),
            "[audit]\nadvisory-db = \"db\"\nunscored-severity = \"medium\"\n[audit.informational]\nnotice = \"off\"\nunsound = \"high\"\n\n[[audit.ignore]]\nid = \"RUSTSEC-2021-0078\"\nreason = \"behind a proxy\"\nexpires = 2030-01-31\n",
            &[],
        )
        .unwrap();
        let a = c.audit.unwrap();
        assert_eq!(a.advisory_db, Some(PathBuf::from("/ws/db")));
        assert_eq!(a.unscored_severity, Some(Severity::Medium));
        assert_eq!(a.informational["notice"], None);
        assert_eq!(a.informational["unsound"], Some(Severity::High));
        assert_eq!(a.ignore[0].id, "RUSTSEC-2021-0078");
        assert_eq!(a.ignore[0].expires.as_deref(), Some("2030-01-31"));
        assert_eq!(a.ignore[0].line, 8);
        let e = parse("[[audit.ignore]]\nid = \"X\"\nreason = \"  \"\n").unwrap_err();
        assert_eq!(e.key.as_deref(), Some("audit.ignore.reason"));
        let e = parse("[audit.informational]\nunmaintaned = \"low\"\n").unwrap_err();
        assert!(e.message.contains("did you mean `unmaintained`"), "{}", e.message);
    }

    #[test]
    fn secrets_section_is_validated() {
        let c = parse(
            "[secrets]\ntext-files = false\nallow-paths = [\"fixtures/\"]\nallow-regexes = [\"^AKIA.*TEST$\"]\n\
             allow-fingerprints = [\"0123456789abcdef0123456789ABCDEF\"]\n\
             [[secrets.pattern]]\nid = \"acme-key\"\nregex = \"acme_[a-z0-9]{32}\"\nkeywords = [\"acme_\"]\nentropy = 3.5\n",
        )
        .unwrap();
        assert_eq!(c.secrets.text_files, Some(false));
        assert_eq!(c.secrets.patterns.len(), 1);
        assert_eq!(c.secrets.patterns[0].entropy, 3.5);
        assert_eq!(c.secrets.allow_fingerprints, ["0123456789abcdef0123456789abcdef"]);
        let e = parse("[secrets]\ntext-file = true\n").unwrap_err();
        assert_eq!(e.key.as_deref(), Some("secrets.text-file"));
        assert_eq!(e.line_col(), (2, 1));
        assert!(e.message.contains("did you mean `text-files`"), "{}", e.message);
        let e = parse("[secrets]\nallow-regexes = [\"(unclosed\"]\n").unwrap_err();
        assert!(e.message.contains("invalid regex"), "{}", e.message);
        assert_eq!(e.line_col().0, 2);
        let e = parse("[[secrets.pattern]]\nid = \"x\"\nregex = \"a\"\nkeyword = [\"a\"]\n").unwrap_err();
        assert_eq!(e.key.as_deref(), Some("secrets.pattern[0].keyword"));
        assert_eq!(e.line_col(), (4, 1));
        let e = parse("[[secrets.pattern]]\nid = \"x\"\n").unwrap_err();
        assert!(e.message.contains("needs an `id` and a `regex`"), "{}", e.message);
        let e = parse("[secrets]\nallow-fingerprints = [\"abc\"]\n").unwrap_err();
        assert!(e.message.contains("not a finding fingerprint"), "{}", e.message);
    }

    #[test]
    fn invalid_toml_is_reported_with_position() {
        let e = parse("select = [\"all\"\n").unwrap_err();
        assert!(e.message.starts_with("invalid TOML"), "{}", e.message);
    }

    #[test]
    fn selection_order_is_select_extend_ignore_then_rule_table() {
        let c = parse("select = [\"unsafe\"]\nextend-select = [\"unwrap-used\"]\nignore = [\"undocumented-unsafe\"]\n")
            .unwrap();
        let ids: Vec<_> = resolve_rules(&c, &CliRuleOverrides::default()).iter().map(|(r, _)| r.meta().id).collect();
        assert!(ids.contains(&"unwrap-used"));
        assert!(!ids.contains(&"undocumented-unsafe"));
    }
}
