//! Writing through a link made earlier in the same function (zip slip's
//! second half): a name checked lexically (`enclosed_name()`, no `..`, not
//! absolute) is still unsafe once the function has created a symbolic link
//! from data nothing checked (`a -> /etc`, then `a/cron.d/x`). Sinks that
//! create links say so in the models (`link = true`); a function that
//! resolves links (`canonicalize`, `symlink_metadata`) is taken to check
//! the real parent directory.

use super::{FnAnalysis, Hit, Taint};
use crate::taint::Mask;
use crate::taint::model::SinkModel;

impl FnAnalysis<'_> {
    /// A sink site reached: remember a link made from unchecked data, and
    /// the facts that reached a sink checked for its rule.
    pub(super) fn note_link(&mut self, s: &SinkModel, bit: usize, site: usize, facts: &Taint, checked: Taint) {
        // Straight from a source: what a helper returns may have been
        // checked (the join knows).
        if s.link && facts.iter().any(|f| matches!(self.labels[f.label as usize], super::Label::Source { .. })) {
            self.linked = self.linked.union(Mask::of(bit));
        }
        if !s.link && !checked.is_empty() {
            self.checked_hits.push(Hit { site, facts: checked });
        }
    }

    /// Checked writes of a function that made a link from unchecked data
    /// become hits, unless the function resolves links.
    pub(super) fn writes_through_links(&mut self) {
        if self.linked.is_empty() || self.checked_hits.is_empty() {
            return;
        }
        let body = self.body_text();
        if body.contains("canonicalize") || body.contains("symlink_metadata") {
            return;
        }
        for mut h in std::mem::take(&mut self.checked_hits) {
            let Some(bit) = self.sinks.get(h.site).and_then(|s| crate::taint::rule_bit(s.rule)) else { continue };
            if !self.linked.contains(bit) {
                continue;
            }
            for f in &mut h.facts {
                f.sanitized = f.sanitized.without(Mask::of(bit));
            }
            if let Some(site) = self.sinks.get_mut(h.site) {
                site.what = format!(
                    "{}, through a link this function created from unchecked data (the name was checked only lexically)",
                    site.what
                );
            }
            self.hits.push(h);
        }
    }
}
