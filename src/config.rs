//! Configuration: `sast.toml` (or `--config FILE`), `[workspace.metadata.sast]`
//! and `[package.metadata.sast]` in Cargo.toml. Read with spans so every
//! error names the file, line and key.

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::rules::{self, OptionKind, Rule, Severity, TestPolicy};

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

/// A rule option value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OptValue {
    Bool(bool),
    Int(i64),
    Str(String),
    StrList(Vec<String>),
}

/// `[rule.<id>]`.
#[derive(Debug, Clone, Default)]
pub struct RuleConfig {
    pub enabled: Option<bool>,
    pub severity: Option<Severity>,
    pub test_code: Option<TestPolicy>,
    pub exclude: Vec<String>,
    pub options: HashMap<String, OptValue>,
}

/// A user-defined secret pattern: `[[secrets.pattern]]`.
#[derive(Debug, Clone)]
pub struct SecretPattern {
    /// Kebab-case id, shown in messages.
    pub id: String,
    pub description: String,
    /// Rust regex syntax; group 1, when present, is the secret.
    pub regex: String,
    /// The regex runs only on values containing one of these
    /// (ASCII case-insensitive; empty: always).
    pub keywords: Vec<String>,
    /// Minimum Shannon entropy of the secret (bits per character).
    pub entropy: f64,
}

/// `[secrets]`: options of the secrets pack (`hardcoded-secret`,
/// `hardcoded-credential`, `connection-string-password`,
/// `hardcoded-crypto-key`).
#[derive(Debug, Clone, Default)]
pub struct SecretsConfig {
    /// Also scan `.env*`, `*.toml`, `*.yaml`, `*.json`, … (default true).
    pub text_files: Option<bool>,
    /// Paths (globs) where the pack reports nothing.
    pub allow_paths: Vec<String>,
    /// Values matching one of these regexes are not secrets.
    pub allow_regexes: Vec<String>,
    /// Findings with these fingerprints are suppressed (reviewed).
    pub allow_fingerprints: Vec<String>,
    pub patterns: Vec<SecretPattern>,
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
    pub deps: Option<crate::deps::policy::DepsConfig>,
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

/// The effective settings of one enabled rule.
#[derive(Debug, Clone)]
pub struct RuleSettings {
    pub severity: Severity,
    /// The user set the severity: rules must not change it.
    pub severity_overridden: bool,
    pub test_code: TestPolicy,
    pub options: HashMap<String, OptValue>,
    pub exclude: Option<globset::GlobSet>,
    /// The globs `exclude` was built from (part of the cache key).
    pub exclude_globs: Vec<String>,
    /// The secrets pack's settings (`[secrets]`), compiled once per config.
    pub secrets: std::sync::Arc<crate::secrets::Settings>,
}

/// Rule selection from the command line, applied after the config.
#[derive(Debug, Clone, Default)]
pub struct CliRuleOverrides {
    pub select: Option<Vec<String>>,
    pub extend_select: Vec<String>,
    pub ignore: Vec<String>,
    pub test_code: Option<TestPolicy>,
}

/// Does a selector (`all`, `default`, a rule id, or a tag) name this rule?
pub fn selector_matches(sel: &str, rule: &dyn Rule) -> bool {
    let m = rule.meta();
    match sel {
        "all" => true,
        "default" => m.default_enabled,
        s => m.id == s || m.has_tag(s),
    }
}

pub fn selector_is_known(sel: &str) -> bool {
    sel == "all" || sel == "default" || rules::all().iter().any(|r| selector_matches(sel, *r))
}

/// The enabled rules and their settings under this config.
pub fn resolve_rules(config: &Config, cli: &CliRuleOverrides) -> Vec<(&'static dyn Rule, RuleSettings)> {
    let mut out = Vec::new();
    let secrets = std::sync::Arc::new(crate::secrets::Settings::new(&config.secrets));
    for rule in rules::sorted() {
        let m = rule.meta();
        let mut on = match &config.select {
            Some(sel) => sel.iter().any(|s| selector_matches(s, rule)),
            None => m.default_enabled,
        };
        if config.extend_select.iter().any(|s| selector_matches(s, rule)) {
            on = true;
        }
        if config.ignore.iter().any(|s| selector_matches(s, rule)) {
            on = false;
        }
        let rc = config.rules.get(m.id);
        if let Some(e) = rc.and_then(|r| r.enabled) {
            on = e;
        }
        if let Some(sel) = &cli.select {
            on = sel.iter().any(|s| selector_matches(s, rule));
        }
        if cli.extend_select.iter().any(|s| selector_matches(s, rule)) {
            on = true;
        }
        if cli.ignore.iter().any(|s| selector_matches(s, rule)) {
            on = false;
        }
        if !on {
            continue;
        }
        let severity = rc.and_then(|r| r.severity);
        let exclude = rc.filter(|r| !r.exclude.is_empty()).and_then(|r| build_globs(&r.exclude));
        let test_code = cli.test_code.or(rc.and_then(|r| r.test_code)).or(config.test_code).unwrap_or(m.test_code);
        out.push((
            rule,
            RuleSettings {
                severity: severity.unwrap_or(m.severity),
                severity_overridden: severity.is_some(),
                test_code,
                options: rc.map(|r| r.options.clone()).unwrap_or_default(),
                exclude,
                exclude_globs: rc.map(|r| r.exclude.clone()).unwrap_or_default(),
                secrets: secrets.clone(),
            },
        ));
    }
    out
}

/// Compile path globs (already validated when the config was read).
pub fn build_globs(globs: &[String]) -> Option<globset::GlobSet> {
    let mut b = globset::GlobSetBuilder::new();
    for g in globs {
        for pat in glob_variants(g) {
            if let Ok(glob) = globset::GlobBuilder::new(&pat).literal_separator(false).build() {
                b.add(glob);
            }
        }
    }
    b.build().ok()
}

/// `dir/` or `dir` also match everything below it.
fn glob_variants(g: &str) -> Vec<String> {
    let g = g.trim_start_matches("./");
    let base = g.trim_end_matches('/');
    if base.contains(['*', '?', '[']) { vec![base.to_string()] } else { vec![base.to_string(), format!("{base}/**")] }
}

// ---------------------------------------------------------------------------
// Reading

/// Config file names looked up at the workspace root, in order.
pub const CONFIG_FILE_NAMES: &[&str] = &["sast.toml", ".sast.toml"];

/// Read a `sast.toml`-style file. `boundary`: the file is in the scanned
/// repository, whose canonical root this is; it and every path it names
/// must stay inside (`None`: a `--config` file the user chose).
pub fn load_file(path: &Path, boundary: Option<&Path>) -> Result<Config, ConfigError> {
    let text = crate::confine::read_string(path, boundary, crate::fsread::limit::CONFIG).map_err(|e| {
        ConfigError::unreadable(
            path,
            format!("cannot read the config file {}: {e}", crate::report::escape::line(&path.display().to_string())),
        )
    })?;
    parse_config_in(path, &text, &[], boundary)
}

/// Read `[<table path>]` (e.g. `workspace.metadata.sast`) from a Cargo.toml
/// of the scanned repository. `Ok(None)` when the table is absent, the
/// manifest is not valid TOML (cargo itself reports broken manifests), or
/// it leads outside the repository.
pub fn load_cargo_table(
    manifest: &Path,
    table_path: &[&str],
    boundary: Option<&Path>,
) -> Result<Option<Config>, ConfigError> {
    let Ok(text) = crate::confine::read_string(manifest, boundary, crate::fsread::limit::CONFIG) else {
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
pub fn parse_config_in(
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

/// Reads values out of a spanned TOML document, producing errors that
/// point at the file, line and key.
pub(crate) struct Reader<'a> {
    pub(crate) path: &'a Path,
    pub(crate) text: &'a str,
    /// The repository's canonical root when the file is inside it: paths
    /// it names must stay inside (see [`crate::confine`]).
    pub(crate) boundary: Option<&'a Path>,
}

pub(crate) type SV<'i> = Spanned<DeValue<'i>>;

const TOP_KEYS: &[&str] = &[
    "fail-on",
    "test-code",
    "exclude",
    "select",
    "extend-select",
    "ignore",
    "max-file-size",
    "rule",
    "audit",
    "secrets",
    "taint",
    "baseline",
    "deps",
];
const SECRETS_KEYS: &[&str] = &["text-files", "allow-paths", "allow-regexes", "allow-fingerprints", "pattern"];
const PATTERN_KEYS: &[&str] = &["id", "description", "regex", "keywords", "entropy"];
const RULE_KEYS: &[&str] = &["enabled", "severity", "test-code", "exclude"];

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
    fn path_value(&self, v: &SV<'_>, key: &str) -> Result<PathBuf, ConfigError> {
        let p = PathBuf::from(self.string(v, key)?);
        let base = self.path.parent().unwrap_or(Path::new(""));
        let p = if p.is_absolute() { p } else { base.join(p) };
        if let Some(b) = self.boundary {
            crate::confine::within(&p, b).map_err(|m| self.err(v.span(), key, m))?;
        }
        Ok(p)
    }

    fn config(&self, table: &DeTable<'_>, prefix: &str) -> Result<Config, ConfigError> {
        let mut c = Config::default();
        let dotted = |k: &str| {
            if prefix.is_empty() { k.to_string() } else { format!("{prefix}.{k}") }
        };
        for (k, v) in table.iter() {
            let key = k.get_ref().as_ref();
            let full = dotted(key);
            match key {
                "fail-on" => c.fail_on = Some(self.severity(v, &full)?),
                "test-code" => c.test_code = Some(self.test_policy(v, &full)?),
                "exclude" => c.exclude = self.globs(v, &full)?,
                "select" => c.select = Some(self.selectors(v, &full)?),
                "extend-select" => c.extend_select = self.selectors(v, &full)?,
                "ignore" => c.ignore = self.selectors(v, &full)?,
                "max-file-size" => {
                    let n = self.int(v, &full)?;
                    if n <= 0 {
                        return Err(self.err(v.span(), full, "must be a positive number of bytes"));
                    }
                    c.max_file_size = Some(n as u64);
                }
                "taint" => {
                    let DeValue::Table(t) = v.get_ref() else {
                        return Err(self.err(
                            v.span(),
                            full,
                            "expected a table of `[[taint.source]]`, `[[taint.sink]]`, … entries",
                        ));
                    };
                    let mut models = crate::taint::builtin_models().as_ref().clone();
                    models.load_table(self, t, &full)?;
                    c.taint_models = Some(std::sync::Arc::new(models));
                    let mut strict = crate::taint::builtin_models().as_ref().clone();
                    strict.load_sections(self, t, &full, true)?;
                    c.taint_strict = Some(std::sync::Arc::new(strict));
                    c.taint_weakening = t
                        .iter()
                        .map(|(k, _)| k.get_ref().to_string())
                        .filter(|k| !crate::taint::Models::TIGHTENING.contains(&k.as_str()))
                        .collect();
                }
                "baseline" => c.baseline = Some(self.path_value(v, &full)?),
                "audit" => c.audit = Some(self.audit(v, &full)?),
                "deps" => c.deps = Some(crate::deps::policy::parse(self, v, &full)?),
                "secrets" => c.secrets = self.secrets(v, &full)?,
                "rule" => {
                    let DeValue::Table(rules) = v.get_ref() else {
                        return Err(self.err(v.span(), full, "expected a table of `[rule.<id>]` sections"));
                    };
                    for (id, rv) in rules.iter() {
                        let id_str = id.get_ref().as_ref();
                        let rkey = format!("{full}.{id_str}");
                        let Some(rule) = rules::by_id(id_str) else {
                            return Err(self.err(
                                id.span(),
                                rkey,
                                format!("unknown rule id `{id_str}`{}", suggest(id_str, rule_ids())),
                            ));
                        };
                        c.rules.insert(id_str.to_string(), self.rule_config(rule, rv, &rkey)?);
                    }
                }
                _ => return Err(self.unknown_key(k, full, TOP_KEYS)),
            }
        }
        Ok(c)
    }

    fn rule_config(&self, rule: &dyn Rule, v: &SV<'_>, prefix: &str) -> Result<RuleConfig, ConfigError> {
        let DeValue::Table(t) = v.get_ref() else {
            return Err(self.err(v.span(), prefix, "expected a table"));
        };
        let meta = rule.meta();
        let mut rc = RuleConfig::default();
        for (k, v) in t.iter() {
            let key = k.get_ref().as_ref();
            let full = format!("{prefix}.{key}");
            match key {
                "enabled" => rc.enabled = Some(self.bool(v, &full)?),
                "severity" => rc.severity = Some(self.severity(v, &full)?),
                "test-code" => rc.test_code = Some(self.test_policy(v, &full)?),
                "exclude" => rc.exclude = self.globs(v, &full)?,
                _ => {
                    let Some(opt) = meta.option(key) else {
                        let mut expected: Vec<&str> = RULE_KEYS.to_vec();
                        expected.extend(meta.options.iter().map(|o| o.name));
                        return Err(self.err(
                            k.span(),
                            full,
                            format!(
                                "unknown key `{key}` for rule `{}`{}; expected one of: {}",
                                meta.id,
                                suggest(key, expected.iter().copied()),
                                expected.join(", ")
                            ),
                        ));
                    };
                    let val = match opt.kind {
                        OptionKind::Bool => OptValue::Bool(self.bool(v, &full)?),
                        OptionKind::Int => OptValue::Int(self.int(v, &full)?),
                        OptionKind::Str => OptValue::Str(self.string(v, &full)?),
                        OptionKind::StrList => OptValue::StrList(self.strings(v, &full)?),
                    };
                    if key == "sources"
                        && let OptValue::StrList(list) = &val
                        && let Some(bad) = list.iter().find(|k| crate::taint::SourceKind::parse(k).is_none())
                    {
                        return Err(self.err(
                            v.span(),
                            full,
                            format!("unknown source kind `{bad}`; expected: remote, network, command-line, environment, stdin, file"),
                        ));
                    }
                    rc.options.insert(key.to_string(), val);
                }
            }
        }
        Ok(rc)
    }

    fn audit(&self, v: &SV<'_>, prefix: &str) -> Result<AuditConfig, ConfigError> {
        const KEYS: &[&str] = &["enabled", "advisory-db", "informational", "unscored-severity", "ignore"];
        const KINDS: &[&str] = &["unmaintained", "unsound", "notice", "other"];
        let DeValue::Table(t) = v.get_ref() else {
            return Err(self.err(v.span(), prefix, "expected a table"));
        };
        let mut a = AuditConfig::default();
        for (k, v) in t.iter() {
            let key = k.get_ref().as_ref();
            let full = format!("{prefix}.{key}");
            match key {
                "enabled" => a.enabled = Some(self.bool(v, &full)?),
                "advisory-db" => a.advisory_db = Some(self.path_value(v, &full)?),
                "unscored-severity" => a.unscored_severity = Some(self.severity(v, &full)?),
                "informational" => {
                    let DeValue::Table(kinds) = v.get_ref() else {
                        return Err(self.err(v.span(), full, "expected a table: `unmaintained = \"low\"`, …"));
                    };
                    for (kk, kv) in kinds.iter() {
                        let kind = kk.get_ref().as_ref();
                        let kfull = format!("{full}.{kind}");
                        if !KINDS.contains(&kind) {
                            return Err(self.err(
                                kk.span(),
                                kfull,
                                format!(
                                    "unknown kind `{kind}`{}; expected one of: {}",
                                    suggest(kind, KINDS.iter().copied()),
                                    KINDS.join(", ")
                                ),
                            ));
                        }
                        let sev = if matches!(kv.get_ref(), DeValue::String(s) if s == "off") {
                            None
                        } else {
                            Some(self.severity(kv, &kfull).map_err(|mut e| {
                                e.message.push_str(", or off");
                                e
                            })?)
                        };
                        a.informational.insert(kind.to_string(), sev);
                    }
                }
                "ignore" => {
                    let DeValue::Array(list) = v.get_ref() else {
                        return Err(self.err(
                            v.span(),
                            full,
                            "expected an array of tables: `[[audit.ignore]]` with `id`, `reason` and optionally `expires`",
                        ));
                    };
                    for e in list.iter() {
                        a.ignore.push(self.audit_ignore(e, &full)?);
                    }
                }
                _ => return Err(self.unknown_key(k, full, KEYS)),
            }
        }
        Ok(a)
    }

    fn audit_ignore(&self, v: &SV<'_>, prefix: &str) -> Result<AuditIgnore, ConfigError> {
        const KEYS: &[&str] = &["id", "reason", "expires"];
        let DeValue::Table(t) = v.get_ref() else {
            return Err(self.err(v.span(), prefix, "expected a table with `id`, `reason` and optionally `expires`"));
        };
        let (mut id, mut reason, mut expires) = (None, None, None);
        for (k, v) in t.iter() {
            let key = k.get_ref().as_ref();
            let full = format!("{prefix}.{key}");
            match key {
                "id" => id = Some(self.string(v, &full)?),
                "reason" => {
                    let r = self.string(v, &full)?;
                    if r.trim().is_empty() {
                        return Err(self.err(v.span(), full, "the reason must say why the risk is accepted"));
                    }
                    reason = Some(r);
                }
                "expires" => {
                    let s = match v.get_ref() {
                        DeValue::Datetime(d) => d.to_string(),
                        _ => self.string(v, &full)?,
                    };
                    if crate::time::Date::parse(&s).is_none() {
                        return Err(self.err(v.span(), full, format!("expected a date `YYYY-MM-DD`, found `{s}`")));
                    }
                    expires = Some(s);
                }
                _ => return Err(self.unknown_key(k, full, KEYS)),
            }
        }
        let line = self.text[..v.span().start.min(self.text.len())].matches('\n').count() + 1;
        let Some(id) = id else {
            return Err(self.err(v.span(), prefix, "missing `id` (the advisory id, e.g. \"RUSTSEC-2021-0078\")"));
        };
        let Some(reason) = reason else {
            return Err(self.err(v.span(), prefix, format!("missing `reason` for ignoring `{id}`")));
        };
        Ok(AuditIgnore { id, reason, expires, source: self.path.to_path_buf(), line })
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

    fn secrets(&self, v: &SV<'_>, prefix: &str) -> Result<SecretsConfig, ConfigError> {
        let DeValue::Table(t) = v.get_ref() else {
            return Err(self.err(v.span(), prefix, "expected a table (`[secrets]`)"));
        };
        let mut sc = SecretsConfig::default();
        for (k, v) in t.iter() {
            let key = k.get_ref().as_ref();
            let full = format!("{prefix}.{key}");
            match key {
                "text-files" => sc.text_files = Some(self.bool(v, &full)?),
                "allow-paths" => sc.allow_paths = self.globs(v, &full)?,
                "allow-regexes" => sc.allow_regexes = self.regexes(v, &full)?,
                "allow-fingerprints" => {
                    for (f, span) in self.spanned_strings(v, &full)? {
                        if f.len() != 32 || !f.chars().all(|c| c.is_ascii_hexdigit()) {
                            return Err(self.err(
                                span,
                                full.clone(),
                                format!("`{f}` is not a finding fingerprint (32 hex digits, as in the JSON and SARIF output)"),
                            ));
                        }
                        sc.allow_fingerprints.push(f.to_ascii_lowercase());
                    }
                }
                "pattern" => {
                    let DeValue::Array(items) = v.get_ref() else {
                        return Err(self.err(v.span(), full, "expected an array of tables (`[[secrets.pattern]]`)"));
                    };
                    for (i, item) in items.iter().enumerate() {
                        sc.patterns.push(self.secret_pattern(item, &format!("{full}[{i}]"))?);
                    }
                }
                _ => return Err(self.unknown_key(k, full, SECRETS_KEYS)),
            }
        }
        Ok(sc)
    }

    fn secret_pattern(&self, v: &SV<'_>, prefix: &str) -> Result<SecretPattern, ConfigError> {
        let DeValue::Table(t) = v.get_ref() else {
            return Err(self.err(v.span(), prefix, "expected a table with `id` and `regex`"));
        };
        let (mut id, mut description, mut regex, mut keywords, mut entropy) = (None, None, None, Vec::new(), 0.0);
        for (k, v) in t.iter() {
            let key = k.get_ref().as_ref();
            let full = format!("{prefix}.{key}");
            match key {
                "id" => {
                    let s = self.string(v, &full)?;
                    if s.is_empty() || !s.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-') {
                        return Err(self.err(v.span(), full, format!("`{s}` is not a kebab-case id")));
                    }
                    id = Some(s);
                }
                "description" => description = Some(self.string(v, &full)?),
                "regex" => regex = Some(self.regexes_one(v, &full)?),
                "keywords" => keywords = self.strings(v, &full)?,
                "entropy" => {
                    entropy = match v.get_ref() {
                        DeValue::Float(f) => f.as_str().replace('_', "").parse::<f64>().unwrap_or(-1.0),
                        DeValue::Integer(_) => self.int(v, &full)? as f64,
                        other => {
                            return Err(self.err(
                                v.span(),
                                full,
                                format!("expected a number, found {}", other.type_str()),
                            ));
                        }
                    };
                    if !(0.0..=8.0).contains(&entropy) {
                        return Err(self.err(v.span(), full, "entropy is in bits per character: between 0 and 8"));
                    }
                }
                _ => return Err(self.unknown_key(k, full, PATTERN_KEYS)),
            }
        }
        let (Some(id), Some(regex)) = (id, regex) else {
            return Err(self.err(v.span(), prefix, "a pattern needs an `id` and a `regex`"));
        };
        let description = description.unwrap_or_else(|| id.clone());
        Ok(SecretPattern { id, description, regex, keywords, entropy })
    }

    fn regexes_one(&self, v: &SV<'_>, key: &str) -> Result<String, ConfigError> {
        let s = self.string(v, key)?;
        regex::Regex::new(&s)
            .map_err(|e| self.err(v.span(), key, format!("invalid regex: {}", one_line(&e.to_string()))))?;
        Ok(s)
    }

    fn regexes(&self, v: &SV<'_>, key: &str) -> Result<Vec<String>, ConfigError> {
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

    pub(crate) fn severity(&self, v: &SV<'_>, key: &str) -> Result<Severity, ConfigError> {
        let s = self.string(v, key)?;
        Severity::parse(&s).ok_or_else(|| {
            self.err(v.span(), key, format!("unknown severity `{s}`; expected one of: critical, high, medium, low"))
        })
    }

    fn test_policy(&self, v: &SV<'_>, key: &str) -> Result<TestPolicy, ConfigError> {
        let s = self.string(v, key)?;
        TestPolicy::parse(&s).ok_or_else(|| {
            self.err(v.span(), key, format!("unknown test-code policy `{s}`; expected one of: skip, lower, report"))
        })
    }

    fn selectors(&self, v: &SV<'_>, key: &str) -> Result<Vec<String>, ConfigError> {
        let list = self.spanned_strings(v, key)?;
        for (s, span) in &list {
            if !selector_is_known(s) {
                return Err(self.err(
                    span.clone(),
                    key,
                    format!(
                        "unknown rule or tag `{s}`{}; use a rule id, a tag, `default` or `all` (see `cargo sast rules`)",
                        suggest(s, rule_ids().chain(rules::all_tags()))
                    ),
                ));
            }
        }
        Ok(list.into_iter().map(|(s, _)| s).collect())
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
fn one_line(s: &str) -> String {
    s.lines().rev().find(|l| !l.trim().is_empty()).unwrap_or(s).trim().to_string()
}

fn rule_ids() -> impl Iterator<Item = &'static str> {
    rules::all().iter().map(|r| r.meta().id)
}

/// "; did you mean `x`?" for a close match (edit distance ≤ 2, or prefix).
pub fn suggest<'s>(word: &str, candidates: impl Iterator<Item = &'s str>) -> String {
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
