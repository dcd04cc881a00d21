//! The effective settings of an enabled rule, as the engine hands them to
//! it (resolved from the configuration by `config::resolve`).

use std::collections::HashMap;

use super::TestPolicy;
use crate::finding::Severity;

/// A rule option value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OptValue {
    Bool(bool),
    Int(i64),
    Str(String),
    StrList(Vec<String>),
}

/// The effective settings of one enabled rule.
#[derive(Debug, Clone)]
pub(crate) struct RuleSettings {
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
