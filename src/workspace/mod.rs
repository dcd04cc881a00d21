//! The scanned workspace as one model: which files there are and what each
//! one is (`discover`: cargo metadata, targets, the `.gitignore`-aware
//! walk), the lock file (`lockfile`), members' manifests (`manifest`) and
//! the repository's provenance (`vcs`). Discovery, the dependency audit,
//! the unsafe inventory and `cargo sast deps` all read cargo's data
//! through here (`metadata`, `deps`: dependency packages and their sources).

use std::path::Path;

use serde::Serialize;

pub(crate) mod deps;
pub(crate) mod discover;
pub(crate) mod lockfile;
pub(crate) mod manifest;
pub(crate) mod metadata;
pub(crate) mod vcs;

/// What kind of code a file is, from its cargo target.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum FileKind {
    /// Library code (`src/lib.rs` and its modules).
    Lib,
    /// Binary code (`src/main.rs`, `src/bin/*`).
    Bin,
    /// Integration tests (`tests/`).
    Test,
    Example,
    Bench,
    BuildScript,
    /// A Rust file not attributed to any target (treated as production code).
    Other,
}

impl FileKind {
    /// Test, example, bench or build-script code.
    pub fn is_test_like(self) -> bool {
        matches!(self, Self::Test | Self::Example | Self::Bench | Self::BuildScript)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Lib => "lib",
            Self::Bin => "bin",
            Self::Test => "test",
            Self::Example => "example",
            Self::Bench => "bench",
            Self::BuildScript => "build-script",
            Self::Other => "other",
        }
    }
}

/// Does this file name commonly carry secrets?
pub(crate) fn is_text_file(path: &Path) -> bool {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else { return false };
    let lower = name.to_ascii_lowercase();
    if matches!(
        lower.as_str(),
        "package-lock.json"
            | "npm-shrinkwrap.json"
            | "composer.lock"
            | "cargo.lock"
            | "tsconfig.json"
            | ".cargo_vcs_info.json"
            | ".cargo-checksum.json"
    ) || lower.ends_with(".min.json")
        || lower.ends_with(".schema.json")
    {
        return false;
    }
    lower == ".env"
        || lower.starts_with(".env.")
        || lower.ends_with(".env")
        || lower == "dockerfile"
        || lower.starts_with("dockerfile.")
        || lower.ends_with(".dockerfile")
        || lower == ".npmrc"
        || lower == ".pypirc"
        || lower == "credentials"
        || [".toml", ".yaml", ".yml", ".json", ".ini", ".properties", ".cfg", ".conf", ".tfvars"]
            .iter()
            .any(|e| lower.ends_with(e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_file_names() {
        for p in [
            ".env",
            ".env.production",
            "config.toml",
            "a/b.yaml",
            "x.yml",
            "app.json",
            "db.ini",
            "app.properties",
            "Dockerfile",
            "Dockerfile.dev",
            ".npmrc",
        ] {
            assert!(is_text_file(Path::new(p)), "{p}");
        }
        for p in ["main.rs", "Cargo.lock", "package-lock.json", "README.md", "x.min.json"] {
            assert!(!is_text_file(Path::new(p)), "{p}");
        }
    }
}
