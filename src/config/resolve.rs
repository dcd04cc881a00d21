//! Rule selection: config and command line → the enabled rules with their
//! effective settings.

use super::Config;
use crate::rules::settings::RuleSettings;
use crate::rules::{Rule, TestPolicy};
use crate::util::glob::build_globs;

/// Rule selection from the command line, applied after the config.
#[derive(Debug, Clone, Default)]
pub struct CliRuleOverrides {
    pub select: Option<Vec<String>>,
    pub extend_select: Vec<String>,
    pub ignore: Vec<String>,
    pub test_code: Option<TestPolicy>,
}

/// Does a selector (`all`, `default`, a rule id, or a tag) name this rule?
pub(crate) fn selector_matches(sel: &str, rule: &dyn Rule) -> bool {
    let m = rule.meta();
    match sel {
        "all" => true,
        "default" => m.default_enabled,
        s => m.id == s || m.has_tag(s),
    }
}

pub(crate) fn selector_is_known(sel: &str) -> bool {
    sel == "all" || sel == "default" || crate::lints::all().iter().any(|r| selector_matches(sel, *r))
}

/// The enabled rules and their settings under this config.
pub(crate) fn resolve_rules(config: &Config, cli: &CliRuleOverrides) -> Vec<(&'static dyn Rule, RuleSettings)> {
    let mut out = Vec::new();
    let secrets = std::sync::Arc::new(crate::secrets::Settings::new(&config.secrets));
    for rule in crate::lints::sorted() {
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
