//! The provider-format detector table (`lints/models/secrets.toml`): parsed
//! once, lazily; each detector's regex is compiled the first time one of
//! its keywords shows up, so the table costs nothing on code without
//! candidates.

use std::sync::{LazyLock, OnceLock};

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};
use regex::{Regex, RegexBuilder};
use serde::Deserialize;

use super::{names, values};
use crate::finding::Severity;

/// The table shipped with cargo-sast.
pub(crate) const TABLE_TOML: &str = include_str!("../../lints/models/secrets.toml");

/// The parsed table (an empty table if the embedded TOML were broken; a
/// test makes sure it is not).
pub(crate) static TABLE: LazyLock<Table> = LazyLock::new(|| Table::parse(TABLE_TOML).unwrap_or_default());

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTable {
    detector: Vec<RawDetector>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDetector {
    id: String,
    name: String,
    #[serde(default)]
    keywords: Vec<String>,
    #[serde(default)]
    context: Vec<String>,
    regex: String,
    #[serde(default)]
    entropy: f64,
    #[serde(default)]
    allow: Vec<String>,
    #[serde(default)]
    severity: Option<String>,
    /// The secret is HTTP Basic credentials, `base64(user ":" password)`
    /// (RFC 7617): it counts when it decodes so and the password is not a
    /// placeholder.
    #[serde(default)]
    basic_credentials: bool,
    /// The secret is a human-chosen password (a `.netrc` entry, `curl -u`):
    /// a test value is quiet in test code, as a name-based guess's is.
    #[serde(default)]
    password: bool,
}

/// One detector.
#[derive(Debug)]
pub(crate) struct Detector {
    pub id: String,
    /// What it finds, e.g. "GitHub personal access token".
    pub name: String,
    /// The value is only distinctive next to a name with a keyword.
    pub contextual: bool,
    pub source: String,
    pub entropy: f64,
    pub severity: Severity,
    basic_credentials: bool,
    password: bool,
    allow_src: Vec<String>,
    regex: OnceLock<Option<Regex>>,
    allow: OnceLock<Vec<Regex>>,
}

impl Detector {
    /// The compiled regex (anchored for contextual detectors); `None` if it
    /// does not compile (a test checks that every shipped one does).
    pub(crate) fn regex(&self) -> Option<&Regex> {
        self.regex
            .get_or_init(|| {
                let src = if self.contextual { format!("^(?:{})$", self.source) } else { self.source.clone() };
                RegexBuilder::new(&src).size_limit(1 << 24).build().ok()
            })
            .as_ref()
    }

    /// The password a hit of this detector holds, when it is a
    /// human-chosen one (the test-code policy judges it like a name-based
    /// guess): the secret itself, or the password of Basic credentials.
    pub(crate) fn password_of(&self, secret: &str) -> Option<String> {
        if self.basic_credentials {
            basic_credentials(secret).map(|(_, p)| p)
        } else {
            self.password.then(|| secret.to_string())
        }
    }

    fn allowed(&self, secret: &str) -> bool {
        let allow =
            self.allow.get_or_init(|| self.allow_src.iter().filter_map(|a| Regex::new(a).ok()).collect::<Vec<_>>());
        allow.iter().any(|r| r.is_match(secret)) || self.basic_credentials && !real_basic_credentials(secret)
    }
}

/// `base64(user ":" password)` whose password is neither short (under 6
/// characters: `user:pass`) nor a placeholder.
fn real_basic_credentials(secret: &str) -> bool {
    basic_credentials(secret).is_some_and(|(user, password)| {
        !user.is_empty() && password.chars().count() >= 6 && !values::is_placeholder(&password)
    })
}

/// `base64(user ":" password)` decoded.
fn basic_credentials(secret: &str) -> Option<(String, String)> {
    use base64::Engine as _;
    let body = secret.trim_end_matches('=');
    let bytes = base64::engine::general_purpose::STANDARD_NO_PAD.decode(body).ok()?;
    let text = String::from_utf8(bytes).ok()?;
    let (user, password) = text.split_once(':')?;
    Some((user.to_string(), password.to_string()))
}

/// A match: the secret's byte range in the scanned text.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Hit<'t> {
    pub detector: &'t Detector,
    pub start: usize,
    pub end: usize,
}

#[derive(Default)]
pub(crate) struct Table {
    pub detectors: Vec<Detector>,
    value_ac: Option<AhoCorasick>,
    value_map: Vec<Vec<usize>>,
    context_ac: Option<AhoCorasick>,
    context_map: Vec<Vec<usize>>,
    /// Every keyword of both kinds: "any format here?" in one pass.
    any_ac: Option<AhoCorasick>,
    /// `any_ac`'s pattern index → detectors (of both kinds).
    any_map: Vec<Vec<usize>>,
}

fn automaton(map: &[(String, usize)]) -> (Option<AhoCorasick>, Vec<Vec<usize>>) {
    let mut pats: Vec<&str> = Vec::new();
    let mut out: Vec<Vec<usize>> = Vec::new();
    for (kw, d) in map {
        match pats.iter().position(|p| p == kw) {
            Some(i) => out[i].push(*d),
            None => {
                pats.push(kw);
                out.push(vec![*d]);
            }
        }
    }
    let ac = AhoCorasickBuilder::new()
        .ascii_case_insensitive(true)
        .match_kind(MatchKind::Standard)
        .kind(Some(AhoCorasickKind::DFA))
        .build(&pats)
        .ok();
    (ac, out)
}

impl Table {
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.detectors.len()
    }

    pub(crate) fn parse(text: &str) -> Result<Table, String> {
        let raw: RawTable = toml::from_str(text).map_err(|e| e.to_string())?;
        let mut detectors = Vec::with_capacity(raw.detector.len());
        let mut value_kw = Vec::new();
        let mut context_kw = Vec::new();
        for (i, d) in raw.detector.into_iter().enumerate() {
            let contextual = !d.context.is_empty();
            let keywords: Vec<String> =
                if contextual { d.context } else { d.keywords }.into_iter().map(|k| k.to_ascii_lowercase()).collect();
            if keywords.is_empty() {
                return Err(format!("detector `{}` has neither keywords nor context", d.id));
            }
            for k in &keywords {
                if contextual { &mut context_kw } else { &mut value_kw }.push((k.clone(), i));
            }
            let severity = match d.severity.as_deref() {
                None => Severity::High,
                Some(s) => Severity::parse(s).ok_or_else(|| format!("detector `{}`: unknown severity `{s}`", d.id))?,
            };
            detectors.push(Detector {
                id: d.id,
                name: d.name,
                contextual,
                source: d.regex,
                entropy: d.entropy,
                severity,
                basic_credentials: d.basic_credentials,
                password: d.password,
                allow_src: d.allow,
                regex: OnceLock::new(),
                allow: OnceLock::new(),
            });
        }
        let (value_ac, value_map) = automaton(&value_kw);
        let (context_ac, context_map) = automaton(&context_kw);
        let (any_ac, any_map) = automaton(&[value_kw, context_kw].concat());
        Ok(Table { detectors, value_ac, value_map, context_ac, context_map, any_ac, any_map })
    }

    /// Detectors whose keywords occur in `text`, in table order.
    fn candidates(ac: &Option<AhoCorasick>, map: &[Vec<usize>], text: &str, word_start: bool) -> Vec<usize> {
        let Some(ac) = ac else { return Vec::new() };
        let mut seen: Vec<usize> = Vec::new();
        for m in ac.find_overlapping_iter(text) {
            if word_start && !names::is_word_start(text, m.start()) {
                continue;
            }
            seen.extend(&map[m.pattern().as_usize()]);
        }
        seen.sort_unstable();
        seen.dedup();
        seen
    }

    /// Does any value keyword occur in `text`? (Cheap prefilter.)
    pub(crate) fn has_candidates(&self, text: &str) -> bool {
        self.value_ac.as_ref().is_some_and(|ac| ac.is_match(text))
    }

    /// Does any keyword, of a self-identifying or a name-bound format,
    /// occur in `text`? One pass (the prefilter of every comment and
    /// literal): the same answer as `has_candidates || has_context_candidates`.
    pub(crate) fn has_any_candidates(&self, text: &str) -> bool {
        match &self.any_ac {
            Some(ac) => ac.is_match(text),
            None => self.has_candidates(text) || self.has_context_candidates(text),
        }
    }

    /// Does any context keyword occur in this name? (Cheap prefilter.)
    pub(crate) fn has_context_candidates(&self, name: &str) -> bool {
        self.context_ac.as_ref().is_some_and(|ac| ac.is_match(name))
    }

    /// Self-identifying secrets anywhere in `text` (a literal's value or a
    /// whole text file). Overlapping hits keep the first detector in table
    /// order.
    pub(crate) fn scan<'t>(&'t self, text: &str) -> Vec<Hit<'t>> {
        self.scan_candidates(text, Self::candidates(&self.value_ac, &self.value_map, text, false))
    }

    /// [`scan`](Self::scan) and [`has_context_candidates`](Self::has_context_candidates)
    /// of the same text, from one pass of the automaton of both keyword kinds.
    pub(crate) fn scan_and_context<'t>(&'t self, text: &str) -> (Vec<Hit<'t>>, bool) {
        if self.any_ac.is_none() {
            return (self.scan(text), self.has_context_candidates(text));
        }
        let (context, value): (Vec<usize>, Vec<usize>) = Self::candidates(&self.any_ac, &self.any_map, text, false)
            .into_iter()
            .partition(|&d| self.detectors[d].contextual);
        (self.scan_candidates(text, value), !context.is_empty())
    }

    /// The hits of these detectors (indices in table order) in `text`.
    fn scan_candidates<'t>(&'t self, text: &str, candidates: Vec<usize>) -> Vec<Hit<'t>> {
        // Accepted hits by start (disjoint): an overlap check is a lookup
        // of the one starting last before the new hit ends.
        let mut hits: std::collections::BTreeMap<usize, Hit<'t>> = std::collections::BTreeMap::new();
        for i in candidates {
            let d = &self.detectors[i];
            let Some(re) = d.regex() else { continue };
            for caps in re.captures_iter(text) {
                let Some(m) = caps.get(1).or_else(|| caps.get(0)) else { continue };
                let secret = m.as_str();
                if secret.is_empty()
                    || values::entropy(secret) < d.entropy
                    || d.allowed(secret)
                    || values::is_example_token(secret)
                    || super::examples::is_published(secret)
                {
                    continue;
                }
                if hits.range(..m.end()).next_back().is_some_and(|(_, h)| m.start() < h.end) {
                    continue;
                }
                hits.insert(m.start(), Hit { detector: d, start: m.start(), end: m.end() });
            }
        }
        hits.into_values().collect()
    }

    /// A value that is a provider secret because of the name it is bound
    /// to (`DATADOG_API_KEY = "<32 hex>"`). The whole (trimmed) value must
    /// match.
    pub(crate) fn scan_named<'t>(&'t self, name: &str, value: &str) -> Option<&'t Detector> {
        let v = value.trim();
        if v.is_empty() || !names::name_may_hold_secret(name) {
            return None;
        }
        for i in Self::candidates(&self.context_ac, &self.context_map, name, true) {
            let d = &self.detectors[i];
            let Some(re) = d.regex() else { continue };
            if re.is_match(v)
                && values::entropy(v) >= d.entropy
                && !d.allowed(v)
                && !values::is_example_token(v)
                && !super::examples::is_published(v)
            {
                return Some(d);
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn any_candidates_is_either_kind() {
        let t = &*TABLE;
        let texts = [
            "",
            "nothing here at all",
            "ghp_",
            "GHP_0123",
            "AKIA",
            "my datadog thing",
            "DATADOG",
            "a twilio key and an xoxb- token",
            "fn main() { let x = 1; }",
            "mistral_api",
        ];
        let mut both = (false, false);
        for text in texts {
            let value = t.has_candidates(text);
            let context = t.has_context_candidates(text);
            both = (both.0 || value && !context, both.1 || context && !value);
            assert_eq!(t.has_any_candidates(text), value || context, "{text}");
        }
        assert_eq!(both, (true, true), "each kind alone is exercised");
    }

    #[test]
    fn scan_and_context_is_scan_and_has_context_candidates() {
        let t = &*TABLE;
        let texts = [
            "",
            "nothing here at all",
            "token: ghp_R8mzQ4vN2xLp7KwT9bYc3HdJ6fGs1aEu0Vo5 and a DATADOG_API_KEY", // sast:allow(hardcoded-secret): made-up test vector
            "AKIA4QWERTYUIOPA7XZQ then AKIAIOSFODNN7EXAMPLE", // sast:allow(hardcoded-secret): made-up test vector
            "a twilio key and an xoxb- token",
            "a task with sk in it",
            "the okta path",
        ];
        let mut kinds = (false, false);
        for text in texts {
            let (hits, context) = t.scan_and_context(text);
            let spans = |h: &[Hit<'_>]| h.iter().map(|h| (h.detector.id.clone(), h.start, h.end)).collect::<Vec<_>>();
            assert_eq!(spans(&hits), spans(&t.scan(text)), "{text}");
            assert_eq!(context, t.has_context_candidates(text), "{text}");
            kinds = (kinds.0 || !hits.is_empty(), kinds.1 || context);
        }
        assert_eq!(kinds, (true, true), "hits and context words are both exercised");
    }

    #[test]
    fn shipped_table_parses_and_every_regex_compiles() {
        let t = Table::parse(TABLE_TOML).unwrap();
        assert!(t.len() >= 200, "only {} detectors", t.len());
        let mut ids = std::collections::HashSet::new();
        for d in &t.detectors {
            assert!(ids.insert(d.id.clone()), "duplicate detector id {}", d.id);
            assert!(d.regex().is_some(), "detector {} has an invalid regex: {}", d.id, d.source);
            for a in &d.allow_src {
                assert!(Regex::new(a).is_ok(), "detector {}: bad allow regex {a}", d.id);
            }
            assert!(
                d.id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
                "detector id {} is not kebab-case",
                d.id
            );
        }
    }

    #[test]
    fn broken_tables_are_rejected() {
        assert!(Table::parse("[[detector]]\nid = \"x\"\nname = \"x\"\nregex = \"a\"\n").is_err());
        assert!(
            Table::parse("[[detector]]\nid = \"x\"\nname = \"x\"\nkeywords=[\"a\"]\nregex = \"a\"\nbogus = 1\n")
                .is_err()
        );
    }

    fn ids(text: &str) -> Vec<String> {
        TABLE.scan(text).iter().map(|h| h.detector.id.clone()).collect()
    }

    #[test]
    fn prefixed_tokens_are_found_with_their_ranges() {
        let text = "token: ghp_R8mzQ4vN2xLp7KwT9bYc3HdJ6fGs1aEu0Vo5 and more"; // sast:allow(hardcoded-secret): made-up test vector
        let hits = TABLE.scan(text);
        assert_eq!(hits.len(), 1);
        assert_eq!(hits[0].detector.id, "github-pat");
        assert_eq!(&text[hits[0].start..hits[0].end], "ghp_R8mzQ4vN2xLp7KwT9bYc3HdJ6fGs1aEu0Vo5"); // sast:allow(hardcoded-secret): made-up test vector
        assert_eq!(ids("AKIAIOSFODNN7EXAMPLE"), Vec::<String>::new(), "AWS's documented example key");
        assert_eq!(ids("AKIA4QWERTYUIOPA7XZQ"), vec!["aws-access-key-id"]); // sast:allow(hardcoded-secret): made-up test vector
        assert!(ids("ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx").is_empty(), "placeholder");
    }

    #[test]
    fn contextual_detectors_need_the_name() {
        let sample = "mX9sK2vL8pQ4wR7tY1uZ3aB6cD0eF5gH2jK8lN4o";
        assert_eq!(
            TABLE.scan_named("AWS_SECRET_ACCESS_KEY", sample).map(|d| d.id.as_str()),
            Some("aws-secret-access-key")
        );
        assert!(TABLE.scan_named("CHECKSUM", sample).is_none());
        assert!(TABLE.scan("x = \"mX9sK2vL8pQ4wR7tY1uZ3aB6cD0eF5gH2jK8lN4o\"").is_empty());
        // Keywords count only at the start of a word of the name.
        assert!(TABLE.scan_named("incoherent_value", "A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8S9t0").is_none());
        assert!(TABLE.scan_named("cohere_api_key", "A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8S9t0").is_some());
    }
}
