//! What `sast.toml` and the `metadata.sast` tables mean, read with spans.
//! Every table's accepted keys are an enum (`keys!`): the reader matches on
//! it exhaustively, and "unknown key …; expected one of" lists its names,
//! so the two cannot drift apart.

use toml::de::{DeTable, DeValue};

use super::{AuditConfig, AuditIgnore, Config, RuleConfig};
use crate::finding::Severity;
use crate::rules::settings::OptValue;
use crate::rules::{OptionKind, Rule, TestPolicy};
use crate::secrets::settings::{SecretPattern, SecretsConfig};
use crate::util::toml::{ConfigError, Reader, SV, suggest};

keys! {
    /// The top level of `sast.toml` (or of a `metadata.sast` table).
    TopKey {
        FailOn = "fail-on",
        TestCode = "test-code",
        Exclude = "exclude",
        Select = "select",
        ExtendSelect = "extend-select",
        Ignore = "ignore",
        MaxFileSize = "max-file-size",
        Rule = "rule",
        Audit = "audit",
        Secrets = "secrets",
        Taint = "taint",
        Baseline = "baseline",
        Deps = "deps",
    }
}

keys! {
    /// `[secrets]`.
    SecretsKey {
        TextFiles = "text-files",
        AllowPaths = "allow-paths",
        AllowRegexes = "allow-regexes",
        AllowFingerprints = "allow-fingerprints",
        Pattern = "pattern",
    }
}

keys! {
    /// `[[secrets.pattern]]`.
    PatternKey {
        Id = "id",
        Description = "description",
        Regex = "regex",
        Keywords = "keywords",
        Entropy = "entropy",
    }
}

keys! {
    /// `[rule.<id>]` (besides the rule's own options).
    RuleKey {
        Enabled = "enabled",
        Severity = "severity",
        TestCode = "test-code",
        Exclude = "exclude",
    }
}

keys! {
    /// `[audit]`.
    AuditKey {
        Enabled = "enabled",
        AdvisoryDb = "advisory-db",
        Informational = "informational",
        UnscoredSeverity = "unscored-severity",
        Ignore = "ignore",
    }
}

keys! {
    /// `[[audit.ignore]]`.
    AuditIgnoreKey {
        Id = "id",
        Reason = "reason",
        Expires = "expires",
    }
}

impl Reader<'_> {
    pub(crate) fn config(&self, table: &DeTable<'_>, prefix: &str) -> Result<Config, ConfigError> {
        let mut c = Config::default();
        let dotted = |k: &str| {
            if prefix.is_empty() { k.to_string() } else { format!("{prefix}.{k}") }
        };
        for (k, v) in table.iter() {
            let key = k.get_ref().as_ref();
            let full = dotted(key);
            match TopKey::parse(key) {
                Some(TopKey::FailOn) => c.fail_on = Some(self.severity(v, &full)?),
                Some(TopKey::TestCode) => c.test_code = Some(self.test_policy(v, &full)?),
                Some(TopKey::Exclude) => c.exclude = self.globs(v, &full)?,
                Some(TopKey::Select) => c.select = Some(self.selectors(v, &full)?),
                Some(TopKey::ExtendSelect) => c.extend_select = self.selectors(v, &full)?,
                Some(TopKey::Ignore) => c.ignore = self.selectors(v, &full)?,
                Some(TopKey::MaxFileSize) => {
                    let n = self.int(v, &full)?;
                    if n <= 0 {
                        return Err(self.err(v.span(), full, "must be a positive number of bytes"));
                    }
                    c.max_file_size = Some(n as u64);
                }
                Some(TopKey::Taint) => {
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
                Some(TopKey::Baseline) => c.baseline = Some(self.path_value(v, &full)?),
                Some(TopKey::Audit) => c.audit = Some(self.audit(v, &full)?),
                Some(TopKey::Deps) => c.deps = Some(super::deps::parse(self, v, &full)?),
                Some(TopKey::Secrets) => c.secrets = self.secrets(v, &full)?,
                Some(TopKey::Rule) => {
                    let DeValue::Table(rules) = v.get_ref() else {
                        return Err(self.err(v.span(), full, "expected a table of `[rule.<id>]` sections"));
                    };
                    for (id, rv) in rules.iter() {
                        let id_str = id.get_ref().as_ref();
                        let rkey = format!("{full}.{id_str}");
                        let Some(rule) = crate::lints::by_id(id_str) else {
                            return Err(self.err(
                                id.span(),
                                rkey,
                                format!("unknown rule id `{id_str}`{}", suggest(id_str, rule_ids())),
                            ));
                        };
                        c.rules.insert(id_str.to_string(), self.rule_config(rule, rv, &rkey)?);
                    }
                }
                None => return Err(self.unknown_key(k, full, TopKey::NAMES)),
            }
        }
        Ok(c)
    }

    pub(crate) fn rule_config(&self, rule: &dyn Rule, v: &SV<'_>, prefix: &str) -> Result<RuleConfig, ConfigError> {
        let DeValue::Table(t) = v.get_ref() else {
            return Err(self.err(v.span(), prefix, "expected a table"));
        };
        let meta = rule.meta();
        let mut rc = RuleConfig::default();
        for (k, v) in t.iter() {
            let key = k.get_ref().as_ref();
            let full = format!("{prefix}.{key}");
            match RuleKey::parse(key) {
                Some(RuleKey::Enabled) => rc.enabled = Some(self.bool(v, &full)?),
                Some(RuleKey::Severity) => rc.severity = Some(self.severity(v, &full)?),
                Some(RuleKey::TestCode) => rc.test_code = Some(self.test_policy(v, &full)?),
                Some(RuleKey::Exclude) => rc.exclude = self.globs(v, &full)?,
                None => {
                    let Some(opt) = meta.option(key) else {
                        let mut expected: Vec<&str> = RuleKey::NAMES.to_vec();
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
                            format!("unknown source kind `{bad}`; expected: remote, network, command-line, environment, stdin, file, library, archive"),
                        ));
                    }
                    rc.options.insert(key.to_string(), val);
                }
            }
        }
        Ok(rc)
    }

    pub(crate) fn audit(&self, v: &SV<'_>, prefix: &str) -> Result<AuditConfig, ConfigError> {
        const KINDS: &[&str] = &["unmaintained", "unsound", "notice", "other"];
        let DeValue::Table(t) = v.get_ref() else {
            return Err(self.err(v.span(), prefix, "expected a table"));
        };
        let mut a = AuditConfig::default();
        for (k, v) in t.iter() {
            let key = k.get_ref().as_ref();
            let full = format!("{prefix}.{key}");
            match AuditKey::parse(key) {
                Some(AuditKey::Enabled) => a.enabled = Some(self.bool(v, &full)?),
                Some(AuditKey::AdvisoryDb) => a.advisory_db = Some(self.path_value(v, &full)?),
                Some(AuditKey::UnscoredSeverity) => a.unscored_severity = Some(self.severity(v, &full)?),
                Some(AuditKey::Informational) => {
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
                Some(AuditKey::Ignore) => {
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
                None => return Err(self.unknown_key(k, full, AuditKey::NAMES)),
            }
        }
        Ok(a)
    }

    pub(crate) fn audit_ignore(&self, v: &SV<'_>, prefix: &str) -> Result<AuditIgnore, ConfigError> {
        let DeValue::Table(t) = v.get_ref() else {
            return Err(self.err(v.span(), prefix, "expected a table with `id`, `reason` and optionally `expires`"));
        };
        let (mut id, mut reason, mut expires) = (None, None, None);
        for (k, v) in t.iter() {
            let key = k.get_ref().as_ref();
            let full = format!("{prefix}.{key}");
            match AuditIgnoreKey::parse(key) {
                Some(AuditIgnoreKey::Id) => id = Some(self.string(v, &full)?),
                Some(AuditIgnoreKey::Reason) => {
                    let r = self.string(v, &full)?;
                    if r.trim().is_empty() {
                        return Err(self.err(v.span(), full, "the reason must say why the risk is accepted"));
                    }
                    reason = Some(r);
                }
                Some(AuditIgnoreKey::Expires) => {
                    let s = match v.get_ref() {
                        DeValue::Datetime(d) => d.to_string(),
                        _ => self.string(v, &full)?,
                    };
                    if crate::util::time::Date::parse(&s).is_none() {
                        return Err(self.err(v.span(), full, format!("expected a date `YYYY-MM-DD`, found `{s}`")));
                    }
                    expires = Some(s);
                }
                None => return Err(self.unknown_key(k, full, AuditIgnoreKey::NAMES)),
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

    pub(crate) fn secrets(&self, v: &SV<'_>, prefix: &str) -> Result<SecretsConfig, ConfigError> {
        let DeValue::Table(t) = v.get_ref() else {
            return Err(self.err(v.span(), prefix, "expected a table (`[secrets]`)"));
        };
        let mut sc = SecretsConfig::default();
        for (k, v) in t.iter() {
            let key = k.get_ref().as_ref();
            let full = format!("{prefix}.{key}");
            match SecretsKey::parse(key) {
                Some(SecretsKey::TextFiles) => sc.text_files = Some(self.bool(v, &full)?),
                Some(SecretsKey::AllowPaths) => sc.allow_paths = self.globs(v, &full)?,
                Some(SecretsKey::AllowRegexes) => sc.allow_regexes = self.regexes(v, &full)?,
                Some(SecretsKey::AllowFingerprints) => {
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
                Some(SecretsKey::Pattern) => {
                    let DeValue::Array(items) = v.get_ref() else {
                        return Err(self.err(v.span(), full, "expected an array of tables (`[[secrets.pattern]]`)"));
                    };
                    for (i, item) in items.iter().enumerate() {
                        sc.patterns.push(self.secret_pattern(item, &format!("{full}[{i}]"))?);
                    }
                }
                None => return Err(self.unknown_key(k, full, SecretsKey::NAMES)),
            }
        }
        Ok(sc)
    }

    pub(crate) fn secret_pattern(&self, v: &SV<'_>, prefix: &str) -> Result<SecretPattern, ConfigError> {
        let DeValue::Table(t) = v.get_ref() else {
            return Err(self.err(v.span(), prefix, "expected a table with `id` and `regex`"));
        };
        let (mut id, mut description, mut regex, mut keywords, mut entropy) = (None, None, None, Vec::new(), 0.0);
        for (k, v) in t.iter() {
            let key = k.get_ref().as_ref();
            let full = format!("{prefix}.{key}");
            match PatternKey::parse(key) {
                Some(PatternKey::Id) => {
                    let s = self.string(v, &full)?;
                    if s.is_empty() || !s.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-') {
                        return Err(self.err(v.span(), full, format!("`{s}` is not a kebab-case id")));
                    }
                    id = Some(s);
                }
                Some(PatternKey::Description) => description = Some(self.string(v, &full)?),
                Some(PatternKey::Regex) => regex = Some(self.regexes_one(v, &full)?),
                Some(PatternKey::Keywords) => keywords = self.strings(v, &full)?,
                Some(PatternKey::Entropy) => {
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
                None => return Err(self.unknown_key(k, full, PatternKey::NAMES)),
            }
        }
        let (Some(id), Some(regex)) = (id, regex) else {
            return Err(self.err(v.span(), prefix, "a pattern needs an `id` and a `regex`"));
        };
        let description = description.unwrap_or_else(|| id.clone());
        Ok(SecretPattern { id, description, regex, keywords, entropy })
    }

    pub(crate) fn severity(&self, v: &SV<'_>, key: &str) -> Result<Severity, ConfigError> {
        let s = self.string(v, key)?;
        Severity::parse(&s).ok_or_else(|| {
            self.err(v.span(), key, format!("unknown severity `{s}`; expected one of: critical, high, medium, low"))
        })
    }

    pub(crate) fn test_policy(&self, v: &SV<'_>, key: &str) -> Result<TestPolicy, ConfigError> {
        let s = self.string(v, key)?;
        TestPolicy::parse(&s).ok_or_else(|| {
            self.err(v.span(), key, format!("unknown test-code policy `{s}`; expected one of: skip, lower, report"))
        })
    }

    pub(crate) fn selectors(&self, v: &SV<'_>, key: &str) -> Result<Vec<String>, ConfigError> {
        let list = self.spanned_strings(v, key)?;
        for (s, span) in &list {
            if !super::selector_is_known(s) {
                return Err(self.err(
                    span.clone(),
                    key,
                    format!(
                        "unknown rule or tag `{s}`{}; use a rule id, a tag, `default` or `all` (see `cargo sast rules`)",
                        suggest(s, rule_ids().chain(crate::lints::all_tags()))
                    ),
                ));
            }
        }
        Ok(list.into_iter().map(|(s, _)| s).collect())
    }
}

fn rule_ids() -> impl Iterator<Item = &'static str> {
    crate::lints::all().iter().map(|r| r.meta().id)
}
