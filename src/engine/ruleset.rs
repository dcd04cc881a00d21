//! The enabled rules of a scan and their dispatch tables: by node kind, by
//! method/function/macro name, and a keyword prefilter that decides per file
//! which rules can possibly match.

use std::collections::HashMap;

use std::sync::{Arc, Mutex, PoisonError};

use aho_corasick::automaton::Automaton;
use aho_corasick::dfa::DFA;
use aho_corasick::{Anchored, MatchKind};

use crate::rules::settings::RuleSettings;
use crate::rules::{Interests, Rule, node};

pub(crate) type RuleIdx = u16;

pub(crate) struct RuleSet {
    pub rules: Vec<&'static dyn Rule>,
    pub settings: Vec<RuleSettings>,
    pub on_file: Vec<RuleIdx>,
    pub on_item: Vec<RuleIdx>,
    pub on_fn: Vec<RuleIdx>,
    pub on_expr: Vec<RuleIdx>,
    pub on_unsafe_block: Vec<RuleIdx>,
    pub on_local: Vec<RuleIdx>,
    pub on_lit_str: Vec<RuleIdx>,
    pub on_lit: Vec<RuleIdx>,
    pub methods: HashMap<&'static str, Vec<RuleIdx>>,
    pub any_method: Vec<RuleIdx>,
    pub calls: HashMap<&'static str, Vec<RuleIdx>>,
    pub any_call: Vec<RuleIdx>,
    pub macros: HashMap<&'static str, Vec<RuleIdx>>,
    pub any_macro: Vec<RuleIdx>,
    /// Rules without keywords: active on every file.
    always: Vec<RuleIdx>,
    keywords: Option<Arc<DFA>>,
    /// Keyword pattern index → rules it activates.
    keyword_rules: Vec<Vec<RuleIdx>>,
    /// Taint rules enabled (bit per `taint::TAINT_RULES` entry) and the
    /// models they use.
    /// The enabled taint rules.
    pub taint_bits: crate::taint::Mask,
    pub models: Arc<crate::taint::Models>,
    /// Crate names of the workspace's packages (`vault_core`): calls into
    /// other crates are library calls, handled without the join.
    pub workspace_crates: Arc<std::collections::HashSet<String>>,
    /// Per rule: its findings in test code are kept (policy not `skip`).
    pub in_tests: Vec<bool>,
    /// Some enabled taint rule keeps findings in test code.
    pub taint_in_tests: bool,
}

impl RuleSet {
    /// The data flow runs in test code: some enabled taint rule keeps
    /// findings there, so no test body may be skipped.
    pub(crate) fn taint_runs_in_tests(&self) -> bool {
        !self.taint_bits.is_empty() && self.taint_in_tests
    }

    /// Build dispatch tables for these rules (with their settings).
    pub(crate) fn new(rules: Vec<(&'static dyn Rule, RuleSettings)>) -> Self {
        let taint_bits = flow_bits(&rules);
        let mut set = RuleSet {
            rules: Vec::new(),
            settings: Vec::new(),
            on_file: Vec::new(),
            on_item: Vec::new(),
            on_fn: Vec::new(),
            on_expr: Vec::new(),
            on_unsafe_block: Vec::new(),
            on_local: Vec::new(),
            on_lit_str: Vec::new(),
            on_lit: Vec::new(),
            methods: HashMap::new(),
            any_method: Vec::new(),
            calls: HashMap::new(),
            any_call: Vec::new(),
            macros: HashMap::new(),
            any_macro: Vec::new(),
            always: Vec::new(),
            keywords: None,
            keyword_rules: Vec::new(),
            taint_bits,
            // Only the data flow reads the models: a selection without a
            // flow rule (`--select secrets`) does not load them (two thirds
            // of the work of such a scan of the demo workspace).
            models: if taint_bits.is_empty() { Arc::default() } else { crate::taint::builtin_models().clone() },
            workspace_crates: Arc::default(),
            in_tests: Vec::new(),
            taint_in_tests: false,
        };
        let mut patterns: Vec<&'static str> = Vec::new();
        for (i, (rule, settings)) in rules.into_iter().enumerate() {
            let idx = i as RuleIdx;
            let int: Interests = rule.interests();
            set.rules.push(rule);
            set.settings.push(settings);
            let n = int.nodes;
            for (bit, list) in [
                (node::FILE, &mut set.on_file),
                (node::ITEM, &mut set.on_item),
                (node::FN, &mut set.on_fn),
                (node::EXPR, &mut set.on_expr),
                (node::UNSAFE_BLOCK, &mut set.on_unsafe_block),
                (node::LOCAL, &mut set.on_local),
                (node::LIT_STR, &mut set.on_lit_str),
                (node::LIT, &mut set.on_lit),
            ] {
                if n & bit != 0 {
                    list.push(idx);
                }
            }
            index_names(int.methods, idx, &mut set.methods, &mut set.any_method);
            index_names(int.calls, idx, &mut set.calls, &mut set.any_call);
            index_names(int.macros, idx, &mut set.macros, &mut set.any_macro);
            if int.keywords.is_empty() {
                set.always.push(idx);
            } else {
                for kw in int.keywords {
                    match patterns.iter().position(|p| p == kw) {
                        Some(p) => set.keyword_rules[p].push(idx),
                        None => {
                            patterns.push(kw);
                            set.keyword_rules.push(vec![idx]);
                        }
                    }
                }
            }
        }
        if !patterns.is_empty() {
            set.keywords = keyword_automaton(patterns);
        }
        set.in_tests = set.settings.iter().map(|s| s.test_code != crate::rules::TestPolicy::Skip).collect();
        set.taint_in_tests =
            set.rules.iter().zip(&set.in_tests).any(|(r, &t)| t && crate::taint::rule_bit(r.meta().id).is_some());
        set
    }

    /// Everything besides a file's own input that its analysis depends on,
    /// hashed, for the on-disk cache ([`crate::engine::cache`]): `.0` names the
    /// cache file (the settings), `.1` (settings and this binary) goes
    /// into every key.
    pub(crate) fn fingerprint(&self, limits: &crate::engine::facts::Limits) -> (u64, u128) {
        use std::fmt::Write;
        let mut s = String::new();
        let _ = writeln!(s, "{limits:?}");
        for (rule, st) in self.rules.iter().zip(&self.settings) {
            let mut options: Vec<_> = st.options.iter().collect();
            options.sort_by(|a, b| a.0.cmp(b.0));
            let _ = writeln!(
                s,
                "{} {:?} {} {:?} {options:?} {:?} {}",
                rule.meta().id,
                st.severity,
                st.severity_overridden,
                st.test_code,
                st.exclude_globs,
                st.secrets.source
            );
        }
        let mut crates: Vec<&String> = self.workspace_crates.iter().collect();
        crates.sort();
        let _ = writeln!(s, "{crates:?}\n{:?}", self.models.origin);
        let slot = xxhash_rust::xxh3::xxh3_64(s.as_bytes());
        s.push_str(crate::engine::cache::binary_identity());
        (slot, xxhash_rust::xxh3::xxh3_128(s.as_bytes()))
    }

    /// The workspace's crate names.
    pub(crate) fn with_workspace_crates(mut self, crates: Arc<std::collections::HashSet<String>>) -> Self {
        self.workspace_crates = crates;
        self
    }

    /// Use these taint models (built-in plus the user's).
    pub(crate) fn with_models(mut self, models: Arc<crate::taint::Models>) -> Self {
        self.models = models;
        self
    }

    /// Index of an enabled rule by id.
    pub(crate) fn index_of(&self, id: &str) -> Option<usize> {
        self.rules.iter().position(|r| r.meta().id == id)
    }

    /// Which rules can match in this text (keyword prefilter).
    pub(crate) fn active_for(&self, text: &str) -> Vec<bool> {
        let mut active = vec![false; self.rules.len()];
        for &i in &self.always {
            active[i as usize] = true;
        }
        let Some(dfa) = self.keywords.as_deref() else {
            return active;
        };
        let Ok(mut sid) = dfa.start_state(Anchored::No) else {
            return active;
        };
        let mut seen = vec![false; self.keyword_rules.len()];
        let mut remaining = seen.len();
        // The overlapping search's loop, without its per-byte bookkeeping:
        // every keyword that ends at a byte is a pattern of the state that
        // byte leads to. Built without a prefilter, the only special states
        // are the matches (and the dead state, which an unanchored search
        // never reaches).
        for &b in text.as_bytes() {
            sid = dfa.next_state(Anchored::No, sid, b);
            if !dfa.is_special(sid) || !dfa.is_match(sid) {
                continue;
            }
            for i in 0..dfa.match_len(sid) {
                let p = dfa.match_pattern(sid, i).as_usize();
                if !seen[p] {
                    seen[p] = true;
                    for &r in &self.keyword_rules[p] {
                        active[r as usize] = true;
                    }
                    remaining -= 1;
                    if remaining == 0 {
                        return active;
                    }
                }
            }
        }
        active
    }
}

/// The keyword prefilter's automaton for these patterns: built once per
/// process and pattern list (per-package rule sets with the same rules
/// share it; [`prewarm`] builds the default set's during discovery).
fn keyword_automaton(patterns: Vec<&'static str>) -> Option<Arc<DFA>> {
    type Built = Vec<(Vec<&'static str>, Option<Arc<DFA>>)>;
    static BUILT: Mutex<Built> = Mutex::new(Vec::new());
    // Held while building: a second caller waits for the first's automaton.
    let mut built = BUILT.lock().unwrap_or_else(PoisonError::into_inner);
    if let Some((_, ac)) = built.iter().find(|(p, _)| *p == patterns) {
        return ac.clone();
    }
    // A DFA even for many patterns (an NFA scans 3x slower: 1.5 s instead
    // of 0.5 s over the 121 MB bench corpus with 115 keywords), searched
    // by `RuleSet::active_for`'s own loop (half the instructions of the
    // overlapping iterator's).
    let ac = DFA::builder().match_kind(MatchKind::Standard).prefilter(false).build(&patterns).ok().map(Arc::new);
    // A few distinct rule selections per process (the language server may
    // see several configurations over its life): keep the latest ones.
    if built.len() >= 8 {
        built.remove(0);
    }
    built.push((patterns, ac.clone()));
    ac
}

/// Build on background threads what the scan's rule set needs and what
/// the workers load on first use while discovery and the configuration
/// run on this one: on one, the type models, the taint models that read
/// them and the crates a method name leads to (when the rules `cli`
/// selects under the default configuration include a data-flow rule); on
/// the other, the secrets table's automata (output masking needs them
/// whatever the rules) and the keyword automaton of those rules (two
/// threads: on the demo workspace this is four fifths of the
/// instructions, ~113M for the models and ~50M for the automata, and the
/// workers wait for it). Whoever needs them first waits for them; nothing
/// is built twice, and a configuration that turns on a flow rule the
/// command line did not select loads the models when the rule set is made.
/// Whether it builds the models.
pub(crate) fn prewarm(cli: &crate::config::CliRuleOverrides) -> bool {
    let rules = crate::config::resolve_rules(&crate::config::Config::default(), cli);
    let flow = !flow_bits(&rules).is_empty();
    if flow {
        let _ = std::thread::Builder::new().name("prewarm-models".into()).spawn(|| {
            let _ = crate::taint::builtin_models().method_path_crates("");
        });
    }
    let _ = std::thread::Builder::new().name("prewarm-automata".into()).spawn(move || {
        std::sync::LazyLock::force(&crate::secrets::detect::TABLE);
        drop(RuleSet::new(rules));
    });
    flow
}

/// The data-flow rules among `rules`.
fn flow_bits(rules: &[(&'static dyn Rule, RuleSettings)]) -> crate::taint::Mask {
    crate::taint::mask::enabled(rules.iter().map(|(r, _)| r.meta().id))
}

fn index_names(
    names: &'static [&'static str],
    idx: RuleIdx,
    map: &mut HashMap<&'static str, Vec<RuleIdx>>,
    any: &mut Vec<RuleIdx>,
) {
    for &n in names {
        if n == "*" {
            any.push(idx);
        } else {
            map.entry(n).or_default().push(idx);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{CliRuleOverrides, Config, resolve_rules};

    fn set_of(select: Option<&[&str]>) -> RuleSet {
        let cli = CliRuleOverrides {
            select: select.map(|s| s.iter().map(|x| x.to_string()).collect()),
            ..Default::default()
        };
        RuleSet::new(resolve_rules(&Config::default(), &cli))
    }

    #[test]
    fn only_a_set_with_a_flow_rule_holds_the_built_in_models() {
        let default = set_of(None);
        assert!(!default.taint_bits.is_empty());
        assert!(Arc::ptr_eq(&default.models, crate::taint::builtin_models()));
        for select in [&["secrets"][..], &["undocumented-unsafe", "unwrap-used"]] {
            let set = set_of(Some(select));
            assert!(set.taint_bits.is_empty(), "{select:?}");
            assert!(!Arc::ptr_eq(&set.models, crate::taint::builtin_models()), "{select:?}");
            assert!(set.models.fn_sinks.is_empty(), "{select:?}");
        }
        let flow = set_of(Some(&["command-injection"]));
        assert!(Arc::ptr_eq(&flow.models, crate::taint::builtin_models()));
    }

    #[test]
    fn prewarm_builds_the_models_only_for_a_flow_rule() {
        let cli = |select: &[&str]| CliRuleOverrides {
            select: Some(select.iter().map(|x| x.to_string()).collect()),
            ..Default::default()
        };
        assert!(prewarm(&CliRuleOverrides::default()));
        assert!(prewarm(&cli(&["sql-injection", "secrets"])));
        assert!(!prewarm(&cli(&["secrets"])));
        assert!(!prewarm(&cli(&["undocumented-unsafe"])));
    }
}
