//! `[deps]` in sast.toml (`cargo sast deps`): the capabilities a team
//! approved per crate, each approval recording the version reviewed, a
//! hash of the evidence and a reason; and the capability vocabulary the
//! approvals name (`fs`, `net`, … and `build:<same>`). What an approval
//! means — evidence hashes, the verdict, `--init` — is `deps::policy`.
//!
//! ```toml
//! [deps]
//! vendor = "vendor"                   # a `cargo vendor` directory
//! well-known-crates = ["acme-core"]   # more names for the typosquatting check
//!
//! [deps.allow]
//! ring = { version = "0.17.14", capabilities = ["ffi", "unsafe", "build:process"], evidence = "sha256:…", reason = "…" }
//! windows-sys = [{ version = "0.48.0", … }, { version = "0.52.0", … }]
//! ```

use std::path::{Path, PathBuf};

use toml::de::DeValue;

use crate::util::toml::{ConfigError, Reader, SV};

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
    pub(crate) const ALL: [Cap; 8] =
        [Cap::Fs, Cap::Net, Cap::Process, Cap::Env, Cap::Ffi, Cap::Unsafe, Cap::Blob, Cap::Init];

    pub(crate) fn as_str(self) -> &'static str {
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

    pub(crate) fn parse(s: &str) -> Option<Cap> {
        Cap::ALL.into_iter().find(|c| c.as_str() == s)
    }

    pub(crate) fn describe(self) -> &'static str {
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
    pub(crate) fn runtime(cap: Cap) -> Self {
        Capability { build: false, cap }
    }

    pub(crate) fn build(cap: Cap) -> Self {
        Capability { build: true, cap }
    }

    /// `fs` or `build:fs`.
    pub(crate) fn parse(s: &str) -> Option<Self> {
        match s.strip_prefix("build:") {
            Some(rest) => Cap::parse(rest).map(Capability::build),
            None => Cap::parse(s).map(Capability::runtime),
        }
    }

    /// Every capability, runtime ones first.
    pub(crate) fn all() -> impl Iterator<Item = Capability> {
        Cap::ALL.into_iter().map(Capability::runtime).chain(Cap::ALL.into_iter().map(Capability::build))
    }
}

impl std::fmt::Display for Capability {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.build { write!(f, "build:{}", self.cap.as_str()) } else { f.write_str(self.cap.as_str()) }
    }
}

/// `[deps]`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DepsConfig {
    /// A `cargo vendor` directory (relative paths: from the config file).
    pub vendor: Option<PathBuf>,
    /// More well-known crate names for the typosquatting check.
    pub well_known: Vec<String>,
    /// `[deps.allow]`: `None` when there is no policy.
    pub allow: Option<Vec<Approval>>,
}

/// One approval of `[deps.allow]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Approval {
    pub krate: String,
    /// The version reviewed (for messages).
    pub version: String,
    pub capabilities: Vec<Capability>,
    /// `sha256:<hex>` of the evidence reviewed.
    pub evidence: String,
    pub reason: String,
    /// Where the entry is.
    pub source: PathBuf,
    pub line: usize,
}

keys! {
    /// `[deps]`.
    DepsKey {
        Vendor = "vendor",
        WellKnownCrates = "well-known-crates",
        Allow = "allow",
    }
}

keys! {
    /// One approval of `[deps.allow]`.
    ApprovalKey {
        Version = "version",
        Capabilities = "capabilities",
        Evidence = "evidence",
        Reason = "reason",
    }
}

/// Parse `[deps]`.
pub(super) fn parse(r: &Reader<'_>, v: &SV<'_>, prefix: &str) -> Result<DepsConfig, ConfigError> {
    let DeValue::Table(t) = v.get_ref() else {
        return Err(r.err(v.span(), prefix, "expected a table (`[deps]`)"));
    };
    let mut c = DepsConfig::default();
    for (k, v) in t.iter() {
        let key = k.get_ref().as_ref();
        let full = format!("{prefix}.{key}");
        match DepsKey::parse(key) {
            Some(DepsKey::Vendor) => {
                let p = PathBuf::from(r.string(v, &full)?);
                let base = r.path.parent().unwrap_or(Path::new(""));
                c.vendor = Some(if p.is_absolute() { p } else { base.join(p) });
            }
            Some(DepsKey::WellKnownCrates) => c.well_known = r.strings(v, &full)?,
            Some(DepsKey::Allow) => {
                let DeValue::Table(crates) = v.get_ref() else {
                    return Err(r.err(v.span(), full, "expected a table of crates: `ring = { version = …, capabilities = […], evidence = …, reason = … }`"));
                };
                let mut list = Vec::new();
                for (ck, cv) in crates.iter() {
                    let krate = ck.get_ref().to_string();
                    let cfull = format!("{full}.{krate}");
                    match cv.get_ref() {
                        DeValue::Array(entries) => {
                            for e in entries.iter() {
                                list.push(entry(r, &krate, e, &cfull)?);
                            }
                        }
                        _ => list.push(entry(r, &krate, cv, &cfull)?),
                    }
                }
                c.allow = Some(list);
            }
            None => return Err(r.unknown_key(k, full, DepsKey::NAMES)),
        }
    }
    Ok(c)
}

fn entry(r: &Reader<'_>, krate: &str, v: &SV<'_>, prefix: &str) -> Result<Approval, ConfigError> {
    let DeValue::Table(t) = v.get_ref() else {
        return Err(r.err(
            v.span(),
            prefix,
            "expected `{ version = \"…\", capabilities = […], evidence = \"sha256:…\", reason = \"…\" }`",
        ));
    };
    let (mut version, mut caps, mut evidence, mut reason) = (None, None, None, None);
    for (k, v) in t.iter() {
        let key = k.get_ref().as_ref();
        let full = format!("{prefix}.{key}");
        match ApprovalKey::parse(key) {
            Some(ApprovalKey::Version) => version = Some(r.string(v, &full)?),
            Some(ApprovalKey::Evidence) => {
                let e = r.string(v, &full)?;
                if !e.starts_with("sha256:") {
                    return Err(r.err(
                        v.span(),
                        full,
                        "expected `sha256:<hex>`, as `cargo sast deps --init` writes it",
                    ));
                }
                evidence = Some(e);
            }
            Some(ApprovalKey::Reason) => reason = Some(r.string(v, &full)?),
            Some(ApprovalKey::Capabilities) => caps = Some(capabilities(r, v, &full)?),
            None => return Err(r.unknown_key(k, full, ApprovalKey::NAMES)),
        }
    }
    let missing = |what: &str| {
        r.err(v.span(), prefix, format!("missing `{what}` (an approval records the version reviewed, the capabilities, a hash of the evidence and a reason; `cargo sast deps --init` writes them)"))
    };
    let line = r.text[..v.span().start.min(r.text.len())].matches('\n').count() + 1;
    Ok(Approval {
        krate: krate.to_string(),
        version: version.ok_or_else(|| missing("version"))?,
        capabilities: caps.ok_or_else(|| missing("capabilities"))?,
        evidence: evidence.ok_or_else(|| missing("evidence"))?,
        reason: reason.ok_or_else(|| missing("reason"))?,
        source: r.path.to_path_buf(),
        line,
    })
}

/// `capabilities = ["ffi", "build:process"]`.
fn capabilities(r: &Reader<'_>, v: &SV<'_>, full: &str) -> Result<Vec<Capability>, ConfigError> {
    let mut list = Vec::new();
    for (s, span) in r.spanned_strings(v, full)? {
        let Some(c) = Capability::parse(&s) else {
            let all: Vec<String> = Capability::all().map(|c| c.to_string()).collect();
            return Err(r.err(span, full, format!("unknown capability `{s}`; expected one of: {}", all.join(", "))));
        };
        list.push(c);
    }
    Ok(list)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(text: &str) -> Result<crate::config::Config, ConfigError> {
        crate::config::parse_config(Path::new("sast.toml"), text, &[])
    }

    #[test]
    fn approvals_are_read() {
        let c = load(
            "[deps]\nwell-known-crates = [\"acme\"]\n[deps.allow]\nring = { version = \"0.17.14\", capabilities = [\"ffi\", \"build:process\"], evidence = \"sha256:00\", reason = \"crypto\" }\nwindows-sys = [{ version = \"0.48.0\", capabilities = [], evidence = \"sha256:01\", reason = \"\" }, { version = \"0.52.0\", capabilities = [\"ffi\"], evidence = \"sha256:02\", reason = \"\" }]\n",
        )
        .unwrap();
        let d = c.deps.unwrap();
        let allow = d.allow.unwrap();
        assert_eq!(allow.len(), 3);
        assert_eq!(allow[0].krate, "ring");
        assert_eq!(
            allow[0].capabilities,
            vec![Capability::parse("ffi").unwrap(), Capability::parse("build:process").unwrap()]
        );
        assert_eq!(allow[0].line, 4);
        assert_eq!(d.well_known, ["acme"]);
        assert_eq!(Capability::parse("build:net"), Some(Capability::build(Cap::Net)));
        assert_eq!(Capability::build(Cap::Fs).to_string(), "build:fs");
    }

    #[test]
    fn bad_entries_name_the_key() {
        let e = load("[deps.allow]\nring = { version = \"1\", capabilities = [\"telepathy\"], evidence = \"sha256:0\", reason = \"\" }\n").unwrap_err();
        assert_eq!(e.key.as_deref(), Some("deps.allow.ring.capabilities"));
        assert!(e.message.contains("unknown capability"), "{}", e.message);
        let e = load("[deps.allow]\nring = { version = \"1\", capabilities = [] }\n").unwrap_err();
        assert!(e.message.contains("missing `evidence`"), "{}", e.message);
        let e = load("[deps]\nvendr = \"v\"\n").unwrap_err();
        assert!(e.message.contains("did you mean `vendor`"), "{}", e.message);
        let e = load("[deps.allow]\nring = { version = \"1\", capabilities = [], evidence = \"sha256:0\", reason = \"\", note = 1 }\n")
            .unwrap_err();
        assert!(e.message.contains("expected one of: version, capabilities, evidence, reason"), "{}", e.message);
    }
}
