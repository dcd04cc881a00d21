//! `cargo sast deps`: what every dependency can do, what its build runs,
//! and what changed in an update — from source, before anything is built.
//!
//! For every package of Cargo.lock (sources from a vendor directory, the
//! local cargo registry, git checkouts or path dependencies), the files
//! cargo compiles are parsed once and every use of a capability is
//! collected with its evidence: file system, network, processes,
//! environment, FFI, unsafe code, embedded binaries, code that runs before
//! `main`. Build scripts and proc macros are a column of their own, judged
//! against what a build is expected to do. `--diff <ref>` compares with the
//! lock file at a git ref; `[deps.allow]` in sast.toml is the approved
//! policy.
//!
//! - `sources`: where each package's sources are (found through the
//!   `workspace` model: `lockfile`, `manifest`, `deps`) and how its files
//!   are reported;
//! - `caps` (+ `data/capabilities.toml`): the API table (the vocabulary
//!   and the `[deps]` keys are `config::deps`);
//! - `extract`: the per-file syntax pass (evidence), with `values` (where
//!   a value comes from, what hidden data decodes to) and `blobs`;
//! - `analysis`: files cargo compiles and their role (run time, build
//!   script, proc macro), on the inventory's reachability;
//! - `judge`: build-time and run-time findings; `typosquat` (+
//!   `data/well-known-crates.txt`); `policy`: `[deps]`, evidence hashes;
//! - `lockdiff`: lock files compared, files read at a git ref (through
//!   `filter::diff`'s `BaseTree`);
//! - `run`: the pipeline; `findings`: report entries; `report`: table,
//!   JSON, the shared formats; `text`: making untrusted text safe to print.
//!
//! The finding kinds are `lints/deps.rs`; the command is `cli/cmd_deps`.
//!
//! Nothing is built, run or fetched, and everything read from a package
//! is untrusted: reads are bounded, nothing outside a package directory is
//! read through it, and printed text is escaped.

pub(crate) mod analysis;
mod bindings;
mod blobs;
mod caps;
mod evidence;
mod extract;
mod findings;
mod judge;
mod lockdiff;
mod origin;
pub(crate) mod policy;
mod programs;
pub(crate) mod report;
pub(crate) mod run;
mod shapes;
mod sources;
pub(crate) mod text;
mod typosquat;
mod values;

use std::path::{Path, PathBuf};

use crate::finding::{NoteLevel, Notification};
use crate::workspace::discover;

/// The workspace a command applies to.
pub(crate) struct Workspace {
    pub(crate) root: PathBuf,
    pub(crate) ws_root: PathBuf,
    pub(crate) lock: PathBuf,
    pub(crate) members: Vec<PathBuf>,
    pub(crate) notes: Vec<Notification>,
}

/// The workspace around `anchor`: its root, Cargo.lock and members (from
/// `cargo metadata`, else the manifest found and the lock file above it).
pub(crate) fn workspace(anchor: &Path) -> Result<Workspace, String> {
    let dir =
        if anchor.is_dir() { anchor.to_path_buf() } else { anchor.parent().map(Path::to_path_buf).unwrap_or_default() };
    let manifest =
        discover::find_manifest(&dir).ok_or_else(|| format!("no Cargo.toml at or above {}", dir.display()))?;
    let mut notes = Vec::new();
    let (ws_root, members) = match crate::workspace::metadata::cargo_metadata(&manifest) {
        Ok(m) => (m.workspace_root, m.packages.iter().map(|p| p.manifest.clone()).collect()),
        Err(why) => {
            let start = manifest.parent().map(Path::to_path_buf).unwrap_or_default();
            let root =
                start.ancestors().find(|d| d.join("Cargo.lock").is_file()).map_or(start.clone(), Path::to_path_buf);
            notes.push(Notification::new(
                NoteLevel::Warning,
                "cargo-metadata-failed",
                None,
                format!(
                    "`cargo metadata --no-deps --offline` failed ({why}); using the lock file in {}",
                    root.display()
                ),
            ));
            (root, vec![manifest])
        }
    };
    let lock = ws_root.join("Cargo.lock");
    if !lock.is_file() {
        return Err(format!(
            "no Cargo.lock in {}: `cargo sast deps` reads the packages from it; run `cargo generate-lockfile` first",
            ws_root.display()
        ));
    }
    let root = discover::find_git_root(&ws_root).unwrap_or_else(|| ws_root.clone());
    Ok(Workspace { root, ws_root, lock, members, notes })
}
