//! The capability vocabulary (`fs`, `net`, `process`, `env`, `ffi`,
//! `unsafe`, `blob`, `init`, each also at build time: `build:net`, …) and
//! the table of APIs that give each one (`data/capabilities.toml`).

use std::collections::HashMap;
use std::sync::OnceLock;

use serde::Deserialize;

/// What a package can do.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Cap {
    Fs,
    Net,
    Process,
    Env,
    Ffi,
    Unsafe,
    /// `include_bytes!` of a binary file, or a byte array holding an executable.
    Blob,
    /// Code that runs before `main` or hooks the runtime: constructors
    /// (`#[ctor]`, `.init_array`), a global allocator, a panic hook.
    Init,
}

impl Cap {
    pub const ALL: [Cap; 8] = [Cap::Fs, Cap::Net, Cap::Process, Cap::Env, Cap::Ffi, Cap::Unsafe, Cap::Blob, Cap::Init];

    pub fn as_str(self) -> &'static str {
        match self {
            Cap::Fs => "fs",
            Cap::Net => "net",
            Cap::Process => "process",
            Cap::Env => "env",
            Cap::Ffi => "ffi",
            Cap::Unsafe => "unsafe",
            Cap::Blob => "blob",
            Cap::Init => "init",
        }
    }

    pub fn parse(s: &str) -> Option<Cap> {
        Cap::ALL.into_iter().find(|c| c.as_str() == s)
    }

    pub fn describe(self) -> &'static str {
        match self {
            Cap::Fs => "file system access",
            Cap::Net => "network access",
            Cap::Process => "starting programs",
            Cap::Env => "environment variables",
            Cap::Ffi => "foreign code (FFI, native libraries, dynamic loading)",
            Cap::Unsafe => "unsafe code",
            Cap::Blob => "embedded binary files",
            Cap::Init => "code that runs before main or hooks the runtime",
        }
    }
}

/// A capability at run time or when cargo builds the package (its build
/// script, or the package is a proc macro).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Capability {
    pub build: bool,
    pub cap: Cap,
}

impl Capability {
    pub fn runtime(cap: Cap) -> Self {
        Capability { build: false, cap }
    }

    pub fn build(cap: Cap) -> Self {
        Capability { build: true, cap }
    }

    /// `fs` or `build:fs`.
    pub fn parse(s: &str) -> Option<Self> {
        match s.strip_prefix("build:") {
            Some(rest) => Cap::parse(rest).map(Capability::build),
            None => Cap::parse(s).map(Capability::runtime),
        }
    }

    /// Every capability, runtime ones first.
    pub fn all() -> impl Iterator<Item = Capability> {
        Cap::ALL.into_iter().map(Capability::runtime).chain(Cap::ALL.into_iter().map(Capability::build))
    }
}

impl std::fmt::Display for Capability {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.build { write!(f, "build:{}", self.cap.as_str()) } else { f.write_str(self.cap.as_str()) }
    }
}

/// One entry of the API table.
#[derive(Debug, Clone)]
pub struct Api {
    pub prefix: Vec<String>,
    pub cap: Cap,
    /// A build helper that runs compilers and toolchain probes.
    pub toolchain: bool,
}

/// The API table, indexed by first path segment.
#[derive(Debug, Default)]
pub struct ApiTable {
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
    pub fn lookup(&self, segs: &[String]) -> Option<&Api> {
        let first = segs.first()?;
        self.by_first
            .get(first)?
            .iter()
            .find(|a| a.prefix.len() <= segs.len() && a.prefix.iter().zip(segs).all(|(x, y)| x == y))
    }
}

/// The built-in API table.
pub fn table() -> &'static ApiTable {
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
        assert_eq!(Capability::parse("build:net"), Some(Capability::build(Cap::Net)));
        assert_eq!(Capability::build(Cap::Fs).to_string(), "build:fs");
        assert!(ApiTable::parse("[[api]]\ncap = \"nope\"\npaths = []\n").is_err());
    }
}
