//! The context a rule sees at each node, and the builder it reports with.

use proc_macro2::Span;
use syn::ItemImpl;

use super::file::FileCtx;
use crate::finding::{Applicability, Edit, Finding, FlowStep, Label, Suggestion, Suppression, SuppressionKind};
use crate::rules::settings::{OptValue, RuleSettings};
use crate::rules::{RuleMeta, Severity};
use crate::syntax::FnLike;
use crate::syntax::paths::Resolved;

/// An enclosing node of the one being checked (see [`Scope::ancestors`]).
#[derive(Clone, Copy, Debug)]
pub enum Ancestor<'ast> {
    Expr(&'ast syn::Expr),
    /// A `let` statement (its initializer is being walked).
    Local(&'ast syn::Local),
}

/// Where the walk is: enclosing functions, impls, test regions, lint levels.
#[derive(Clone, Debug, Default)]
pub struct Scope<'ast> {
    /// > 0 inside `#[cfg(test)]` items and `#[test]` functions.
    pub test_depth: u32,
    pub fns: Vec<FnLike<'ast>>,
    pub impls: Vec<&'ast ItemImpl>,
    /// One entry per enclosing `unsafe` block or `unsafe fn` body, innermost
    /// last (empty outside unsafe code): is it justified (a `// SAFETY:`
    /// comment; an `unsafe fn` body is covered by the function's own contract)?
    pub unsafe_justified: Vec<bool>,
    /// Lints at `allow`/`expect` level in enclosing items (flattened).
    pub allows: Vec<String>,
    /// 0-based start line of each enclosing statement, innermost last.
    pub stmt_lines: Vec<usize>,
    /// > 0 inside parsed macro arguments.
    pub macro_depth: u32,
    /// > 0 inside closures.
    pub closure_depth: u32,
    /// Enclosing expressions and `let` statements, outermost first. While a
    /// node is dispatched, the last entry is its parent (items reset
    /// nothing: a nested fn sees the ancestors of its enclosing item).
    pub ancestors: Vec<Ancestor<'ast>>,
    /// The whole file (for rules that look up an item elsewhere in it,
    /// e.g. the value of a constant).
    pub root: Option<&'ast syn::File>,
}

/// A rule's view of the current node.
pub struct Cx<'a, 'ast> {
    pub file: &'a FileCtx,
    pub scope: &'a Scope<'ast>,
    pub(crate) rule: &'static RuleMeta,
    pub(crate) settings: &'a RuleSettings,
    pub(crate) out: &'a mut Vec<Finding>,
}

impl<'a, 'ast> Cx<'a, 'ast> {
    /// In test, example, bench or build-script code.
    pub fn in_test(&self) -> bool {
        self.scope.test_depth > 0 || self.file.kind.is_test_like()
    }

    pub fn in_unsafe(&self) -> bool {
        !self.scope.unsafe_justified.is_empty()
    }

    /// Enclosing expressions and `let` statements, innermost first.
    pub fn ancestors(&self) -> impl Iterator<Item = Ancestor<'ast>> + '_ {
        self.scope.ancestors.iter().rev().copied()
    }

    /// Inside an `unsafe` context that a `// SAFETY:` comment justifies, or
    /// in the body of an `unsafe fn` (whose contract binds its callers).
    pub fn unsafe_justified(&self) -> bool {
        self.scope.unsafe_justified.iter().any(|j| *j)
    }

    /// The innermost enclosing function.
    pub fn enclosing_fn(&self) -> Option<&FnLike<'ast>> {
        self.scope.fns.last()
    }

    pub fn resolve(&self, path: &syn::Path) -> Resolved {
        self.file.imports.resolve(path)
    }

    pub fn option(&self, name: &str) -> Option<&OptValue> {
        self.settings.options.get(name)
    }

    /// A boolean option (its declared default when unset).
    pub fn opt_bool(&self, name: &str) -> bool {
        match self.option(name) {
            Some(OptValue::Bool(b)) => *b,
            _ => self.rule.option(name).is_some_and(|o| o.default == "true"),
        }
    }

    pub fn opt_int(&self, name: &str) -> i64 {
        match self.option(name) {
            Some(OptValue::Int(i)) => *i,
            _ => self.rule.option(name).and_then(|o| o.default.parse().ok()).unwrap_or(0),
        }
    }

    pub fn opt_strs(&self, name: &str) -> Vec<String> {
        match self.option(name) {
            Some(OptValue::StrList(v)) => v.clone(),
            _ => self
                .rule
                .option(name)
                .map(|o| o.default.split(',').map(str::trim).filter(|s| !s.is_empty()).map(String::from).collect())
                .unwrap_or_default(),
        }
    }

    /// Report a finding at a span. The finding is recorded when the
    /// returned builder is dropped.
    pub fn report(&mut self, span: Span, message: impl Into<String>) -> Diag<'_> {
        let (s, e) = self.file.byte_range(span).unwrap_or((0, 0));
        self.report_range(s, e, message)
    }

    /// Report a finding covering `from.start..to.end`.
    pub fn report_between(&mut self, from: Span, to: Span, message: impl Into<String>) -> Diag<'_> {
        let (s, _) = self.file.byte_range(from).unwrap_or((0, 0));
        let (_, e) = self.file.byte_range(to).unwrap_or((s, s));
        self.report_range(s, e.max(s), message)
    }

    /// Report a finding at a byte range of the file.
    pub fn report_range(&mut self, start: u32, end: u32, message: impl Into<String>) -> Diag<'_> {
        let suppression =
            self.rule.clippy.iter().find(|lint| self.scope.allows.iter().any(|a| a == *lint)).map(|lint| Suppression {
                kind: SuppressionKind::InSource,
                justification: format!("#[allow({lint})]"),
                location: None,
            });
        let finding = Finding {
            in_test: self.in_test(),
            suppression,
            ..Finding::new(self.rule.id, self.settings.severity, message.into(), self.file.location(start, end))
        };
        Diag { finding: Some(finding), file: self.file, overridden: self.settings.severity_overridden, out: self.out }
    }
}

/// Builder for a finding; pushes it when dropped.
pub struct Diag<'c> {
    finding: Option<Finding>,
    file: &'c FileCtx,
    overridden: bool,
    out: &'c mut Vec<Finding>,
}

impl Diag<'_> {
    fn f(&mut self) -> &mut Finding {
        // `finding` is only taken in `drop`.
        self.finding.get_or_insert_with(unreachable_finding)
    }

    /// A secondary label.
    pub fn label(mut self, span: Span, message: impl Into<String>) -> Self {
        if let Some((s, e)) = self.file.byte_range(span) {
            let location = self.file.location(s, e);
            self.f().labels.push(Label { location, message: message.into() });
        }
        self
    }

    /// How to fix it.
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.f().help = Some(help.into());
        self
    }

    pub fn note(mut self, note: impl Into<String>) -> Self {
        self.f().notes.push(note.into());
        self
    }

    /// Set the severity, unless the user configured one for this rule.
    pub fn severity(mut self, severity: Severity) -> Self {
        if !self.overridden {
            self.f().severity = severity;
        }
        self
    }

    /// One data-flow step (source first, sink last).
    pub fn step(mut self, span: Span, message: impl Into<String>) -> Self {
        if let Some((s, e)) = self.file.byte_range(span) {
            let location = self.file.location(s, e);
            self.f().flow.push(FlowStep { location, message: message.into() });
        }
        self
    }

    /// A way to repair it: `edits` (of this file) applied together, or no
    /// suggestion at all when one of them could not be made.
    pub fn suggest(
        mut self,
        message: impl Into<String>,
        applicability: Applicability,
        edits: impl IntoIterator<Item = Option<Edit>>,
    ) -> Self {
        let edits: Option<Vec<Edit>> = edits.into_iter().collect();
        if let Some(edits) = edits.filter(|e| !e.is_empty()) {
            self.f().suggestions.push(Suggestion { message: message.into(), applicability, edits });
        }
        self
    }

    /// [`Self::suggest`] with edits made from the file (`FileCtx::flip_bool`,
    /// `remove_method_call`, …).
    pub fn suggest_with<I: IntoIterator<Item = Option<Edit>>>(
        self,
        message: impl Into<String>,
        applicability: Applicability,
        edits: impl FnOnce(&FileCtx) -> I,
    ) -> Self {
        let file = self.file;
        self.suggest(message, applicability, edits(file))
    }

    /// Mask this span (a secret) in every output.
    pub fn mask(mut self, span: Span) -> Self {
        if let Some(r) = self.file.byte_range(span) {
            self.f().masks.push(r);
        }
        self
    }

    /// A name-based guess at a secret: when its value looks like a test
    /// value (`secrets::policy::is_test_value`), the test-code policy
    /// drops the finding in test code.
    pub fn name_guess(mut self, value: &str, name: &str) -> Self {
        self.f().test_value = crate::secrets::policy::is_test_value(value, name);
        self
    }

    /// A name-based guess already judged a test value.
    pub(crate) fn test_value(mut self) -> Self {
        self.f().test_value = true;
        self
    }

    /// The finding is in test code the walker's scope does not show (a
    /// comment inside a `#[cfg(test)]` module, reported from `check_file`).
    pub(crate) fn in_test_code(mut self, yes: bool) -> Self {
        if yes {
            self.f().in_test = true;
        }
        self
    }

    /// Mask a byte range of the file.
    pub fn mask_range(mut self, start: u32, end: u32) -> Self {
        self.f().masks.push((start, end));
        self
    }
}

fn unreachable_finding() -> Finding {
    Finding::new("", Severity::Low, String::new(), crate::finding::Location::default())
}

impl Drop for Diag<'_> {
    fn drop(&mut self) {
        if let Some(f) = self.finding.take()
            && !f.rule.is_empty()
        {
            self.out.push(f);
        }
    }
}
