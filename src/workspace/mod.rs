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
pub(crate) mod guess;
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

/// Text files in test-data directories: `tests/`, `test/`, `testdata/`,
/// `test_data/`, `test-data/`, `fixtures/`, `__tests__/`, `__fixtures__/`,
/// `spec/`, `testing/`, `benches/`, `examples/` (any component of the
/// path but the file name). Docker and compose files elsewhere are not:
/// their path says nothing about whether they are deployed as they are.
pub(crate) fn is_test_data_path(path: &str) -> bool {
    let mut comps: Vec<&str> = path.split(['/', '\\']).collect();
    comps.pop();
    comps.iter().any(|c| {
        let c = c.to_ascii_lowercase();
        matches!(
            c.as_str(),
            "tests"
                | "test"
                | "testdata"
                | "test_data"
                | "test-data"
                | "fixtures"
                | "fixture"
                | "test-fixtures"
                | "test_fixtures"
                | "__tests__"
                | "__fixtures__"
                | "__mocks__"
                | "spec"
                | "testing"
                | "benches"
                | "examples"
        )
    })
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
        || matches!(
            lower.as_str(),
            ".npmrc"
                | ".pypirc"
                | "credentials"
                | ".netrc"
                | "_netrc"
                | ".git-credentials"
                | ".dockercfg"
                | "id_rsa"
                | "id_dsa"
                | "id_ecdsa"
                | "id_ed25519"
        )
        // Private keys and key stores kept as PEM text (`.p12` and `.pfx`
        // too: binary ones hold nothing a detector matches).
        || [
            ".toml", ".yaml", ".yml", ".json", ".ini", ".properties", ".cfg", ".conf", ".tfvars", ".pem", ".key", ".p12",
            ".pfx",
        ]
            .iter()
            .any(|e| lower.ends_with(e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn test_data_paths() {
        assert!(is_test_data_path("tests/cmd/rage/decrypt.toml"));
        assert!(is_test_data_path("crates/x/testdata/config.yaml"));
        assert!(is_test_data_path("web/__tests__/fixtures.json"));
        assert!(!is_test_data_path("docker/object-storage/garage.toml"));
        assert!(!is_test_data_path("config/tests.toml"));
    }

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
            ".git-credentials",
            ".netrc",
            "id_ed25519",
            "deploy/server.key",
            "certs/client.pem",
            "store.p12",
        ] {
            assert!(is_text_file(Path::new(p)), "{p}");
        }
        for p in ["main.rs", "Cargo.lock", "package-lock.json", "README.md", "x.min.json", "id_ed25519.pub", "ca.crt"] {
            assert!(!is_text_file(Path::new(p)), "{p}");
        }
    }
}
