//! The capability vocabulary (`fs`, `net`, `process`, `env`, `ffi`,
//! `unsafe`, `blob`, `init`, each also at build time: `build:net`, …) and
//! the table of APIs that give each one (`data/capabilities.toml`).

use std::collections::HashMap;
use std::sync::OnceLock;

use serde::Deserialize;

pub(crate) use crate::config::deps::{Cap, Capability};

/// One entry of the API table.
#[derive(Debug, Clone)]
pub(super) struct Api {
    pub prefix: Vec<String>,
    pub cap: Cap,
    /// A build helper that runs compilers and toolchain probes.
    pub toolchain: bool,
}

/// The API table, indexed by first path segment.
#[derive(Debug, Default)]
pub(super) struct ApiTable {
    by_first: HashMap<String, Vec<Api>>,
    /// Words whose presence in a file means it may use some API of the table.
    pub keywords: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTable {
    api: Vec<RawApi>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawApi {
    cap: String,
    #[serde(default)]
    toolchain: bool,
    paths: Vec<String>,
}

const TABLE: &str = include_str!("data/capabilities.toml");

impl ApiTable {
    fn parse(text: &str) -> Result<ApiTable, String> {
        let raw: RawTable = toml::from_str(text).map_err(|e| e.to_string())?;
        let mut t = ApiTable::default();
        for a in raw.api {
            let cap = Cap::parse(&a.cap).ok_or_else(|| format!("unknown capability `{}`", a.cap))?;
            for p in a.paths {
                let prefix: Vec<String> = p.split("::").map(String::from).collect();
                let word = if prefix[0] == "std" { prefix.get(1).cloned() } else { Some(prefix[0].clone()) };
                if let Some(w) = word
                    && !t.keywords.contains(&w)
                {
                    t.keywords.push(w);
                }
                t.by_first.entry(prefix[0].clone()).or_default().push(Api { prefix, cap, toolchain: a.toolchain });
            }
        }
        // Longest prefixes first: `std::env::var` before `std::env`.
        for list in t.by_first.values_mut() {
            list.sort_by_key(|a| std::cmp::Reverse(a.prefix.len()));
        }
        Ok(t)
    }

    /// The entry whose path is the longest prefix of `segs`.
    pub(super) fn lookup(&self, segs: &[String]) -> Option<&Api> {
        let first = segs.first()?;
        self.by_first
            .get(first)?
            .iter()
            .find(|a| a.prefix.len() <= segs.len() && a.prefix.iter().zip(segs).all(|(x, y)| x == y))
    }
}

/// The built-in API table.
pub(super) fn table() -> &'static ApiTable {
    static T: OnceLock<ApiTable> = OnceLock::new();
    // The table ships with the binary; a test checks that it parses.
    T.get_or_init(|| ApiTable::parse(TABLE).unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn segs(p: &str) -> Vec<String> {
        p.split("::").map(String::from).collect()
    }

    #[test]
    fn the_shipped_table_parses_and_longest_prefix_wins() {
        let t = ApiTable::parse(TABLE).unwrap();
        assert_eq!(t.lookup(&segs("std::process::Command::new")).map(|a| a.cap), Some(Cap::Process));
        assert_eq!(t.lookup(&segs("std::env::var")).map(|a| a.cap), Some(Cap::Env));
        assert!(t.lookup(&segs("std::env::consts::OS")).is_none());
        assert_eq!(t.lookup(&segs("libc::dlopen")).map(|a| a.cap), Some(Cap::Ffi));
        assert_eq!(t.lookup(&segs("libc::execve")).map(|a| a.cap), Some(Cap::Process));
        assert!(t.lookup(&segs("cc::Build::new")).is_some_and(|a| a.toolchain && a.cap == Cap::Process));
        assert_eq!(t.lookup(&segs("reqwest::blocking::get")).map(|a| a.cap), Some(Cap::Net));
        assert!(t.keywords.contains(&"process".to_string()) && t.keywords.contains(&"reqwest".to_string()));
        assert!(ApiTable::parse("[[api]]\ncap = \"nope\"\npaths = []\n").is_err());
    }
}
