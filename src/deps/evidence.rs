//! What the per-file pass finds: one use of a capability (or a signal for
//! the judgement), where it is, and what the judgement needs to know.

use super::blobs::BlobKind;
use super::caps::Cap;
use super::values::Origin;
use crate::finding::{Excerpt, Location};

/// One use of a capability, or a signal the build-time judgement needs.
#[derive(Debug, Clone)]
pub(crate) struct Evidence {
    /// The capability used (`None`: a signal only, like decoded data).
    pub cap: Option<Cap>,
    /// The API or construct (`std::process::Command::new`, `extern block`).
    pub what: String,
    pub loc: Location,
    /// The code, on one line, shortened.
    pub snippet: String,
    pub detail: Detail,
    /// A build helper that runs compilers and toolchain probes (`cc`, …).
    pub toolchain: bool,
    /// Only imported here (`use`), or named in a macro body: the calls
    /// themselves are elsewhere or not visible.
    pub indirect: bool,
    /// The lines of the location (control characters replaced), for code frames.
    pub excerpt: Excerpt,
}

impl Evidence {
    /// What identifies this use for approvals and comparisons: the API, the
    /// code, and for a started program its arguments (added by other calls).
    pub(crate) fn key(&self) -> String {
        match &self.detail {
            Detail::Run { args, path_env, .. } => {
                let args: Vec<String> = args.iter().map(|a| a.text().unwrap_or_else(|| a.literals.join("+"))).collect();
                format!("{}\t{}\t{}{}", self.what, self.snippet, args.join(" "), if *path_env { " PATH=" } else { "" })
            }
            _ => format!("{}\t{}", self.what, self.snippet),
        }
    }
}

/// What the judgement of build-time code needs to know about a use.
#[derive(Debug, Clone)]
pub(crate) enum Detail {
    None,
    /// A program started: where its name comes from, and its arguments.
    Run {
        program: Origin,
        args: Vec<Origin>,
        path_env: bool,
    },
    /// A file written, created, copied or moved to, or removed.
    Write {
        dest: Origin,
    },
    /// A file read or opened.
    Read {
        path: Origin,
    },
    /// File permissions with an executable bit.
    MakeExecutable,
    /// An environment variable read (at run time, or by `env!` when compiled).
    Env {
        name: Option<String>,
        compile_time: bool,
    },
    /// The whole environment read (`env::vars()`).
    EnvAll,
    /// The home directory looked up.
    Home,
    /// A network connection or request, to this target.
    Connect {
        target: Origin,
    },
    /// TLS certificate or host name verification turned off.
    TlsOff(String),
    /// Data decoded or assembled so that it does not appear in the source.
    Decoded {
        value: Origin,
    },
    /// An embedded file (its path relative to the package) and its kind.
    Blob {
        path: String,
        kind: BlobKind,
    },
    /// A constructor, allocator or hook.
    Init,
    /// A literal naming a credential file or a system location.
    Sensitive(String),
    /// A native library linked.
    Link,
}
