//! The findings of `cargo sast deps`, as rules of the report: stable ids,
//! names, documentation, CWE. They are not rules of the syntax scan
//! (nothing here runs; `deps/` reports them), but they belong to the
//! catalog: `cargo sast explain <id>` shows their documentation and the
//! human report points to it, like any rule's.

use crate::rules::Precision;

/// One kind of finding.
pub(crate) struct DepsRule {
    pub(crate) id: &'static str,
    pub(crate) name: &'static str,
    pub(crate) summary: &'static str,
    pub(crate) description: &'static str,
    pub(crate) help: &'static str,
    pub(crate) cwe: &'static [u32],
    pub(crate) precision: Precision,
}

pub(crate) const NETWORK: &str = "deps-build-network";
pub(crate) const PROCESS: &str = "deps-build-process";
pub(crate) const FS_WRITE: &str = "deps-build-fs-write";
pub(crate) const SECRET_READ: &str = "deps-build-secret-read";
pub(crate) const TLS_DISABLED: &str = "deps-build-tls-disabled";
pub(crate) const DOWNLOAD_EXEC: &str = "deps-build-download-exec";
pub(crate) const OBFUSCATED: &str = "deps-obfuscated-payload";
pub(crate) const EXEC_BLOB: &str = "deps-executable-blob";
pub(crate) const TYPOSQUAT: &str = "deps-typosquat";
pub(crate) const UNAPPROVED: &str = "deps-unapproved-capability";
pub(crate) const GAINED: &str = "deps-gained-capability";

const REVIEW: &str = "Read the code at the location (it is in the local cargo registry or the vendor directory) before building. If it is legitimate, approve the capability in `[deps.allow]` of sast.toml with a reason (`cargo sast deps --init` records the current state); the approval holds while the evidence stays the same.";

pub(crate) static ALL: &[DepsRule] = &[
    DepsRule {
        id: NETWORK,
        name: "BuildTimeNetworkAccess",
        summary: "A build script or proc macro accesses the network when cargo builds the package",
        description: "Cargo runs build scripts and proc macros on every machine that builds the project, developers' and CI's, with their credentials at hand. A build that downloads is not reproducible, and it is how the 2026 `proc-macro1` attack fetched its payload. Uses of network APIs (std::net, tokio/async-std net, HTTP clients, sockets) and programs that fetch (curl, wget, `git clone`) in build-time code are reported.",
        help: "Vendor what the build needs (or fetch it in a separate, reviewed step); a crate that must download at build time should let users point it at a local copy.",
        cwe: &[829, 494],
        precision: Precision::High,
    },
    DepsRule {
        id: PROCESS,
        name: "BuildTimeProcess",
        summary: "A build script or proc macro starts a program other than a compiler or toolchain probe",
        description: "Compiling C with `cc`, running `pkg-config`, `cmake` or `rustc --version` is what build scripts do, and is quiet. Anything else is reported, ranked by where the program comes from: a program the build wrote or computed a path to (high), a shell or an unknown program (medium), version control or a name computed out of sight (low). Programs count as toolchain by how they are obtained (a bare compiler or probe name, `RUSTC`/`CC`-style variables, the `cc`/`cmake`/`pkg-config` crates), never by the crate's name.",
        help: "Check what the program is and what it is given; a build script should only run the toolchain.",
        cwe: &[78, 829],
        precision: Precision::Medium,
    },
    DepsRule {
        id: FS_WRITE,
        name: "BuildTimeWriteOutsideOutDir",
        summary: "A build script or proc macro writes outside OUT_DIR",
        description: "Build scripts are expected to write only into `OUT_DIR`. Writes into the home directory, shell start-up files, credential stores or system directories are how build-time malware persists; writes into the package's own sources or the working directory are unusual. A write whose destination cannot be seen is reported low.",
        help: "Build output belongs in `OUT_DIR`; anything else should be done by a reviewed, explicit step.",
        cwe: &[73, 506],
        precision: Precision::Medium,
    },
    DepsRule {
        id: SECRET_READ,
        name: "BuildTimeSecretRead",
        summary: "A build script or proc macro reads credentials: SSH keys, git or cargo credentials, tokens in the environment",
        description: "Reading `~/.ssh`, `.git-credentials`, `~/.cargo/credentials.toml`, cloud credentials or secret-looking environment variables (`CARGO_REGISTRY_TOKEN`, `GITHUB_TOKEN`, `AWS_SECRET_ACCESS_KEY`, …) at build time has no legitimate use. Together with network access in the same build-time code it is reported critical: that is how credentials are stolen. `env!(\"…TOKEN\")` compiles the secret into the artifact.",
        help: "Do not build this version; report it to the crate's maintainers and to the RustSec advisory database if it is malicious.",
        cwe: &[522, 200, 506],
        precision: Precision::High,
    },
    DepsRule {
        id: TLS_DISABLED,
        name: "BuildTimeTlsVerificationDisabled",
        summary: "A build script or proc macro turns off TLS certificate verification",
        description: "A download with certificate checks off can be replaced by anyone on the path; the 2026 `proc-macro1` payload was fetched this way.",
        help: "Keep certificate verification on.",
        cwe: &[295],
        precision: Precision::High,
    },
    DepsRule {
        id: DOWNLOAD_EXEC,
        name: "BuildTimeDownloadAndExecute",
        summary: "A build script or proc macro downloads, marks executable and runs",
        description: "Network access together with making a file executable or running a program the build itself produced is the pattern of a dropper: whatever the server returns runs on the building machine.",
        help: "Do not build this version; report it.",
        cwe: &[494, 506],
        precision: Precision::High,
    },
    DepsRule {
        id: OBFUSCATED,
        name: "ObfuscatedPayload",
        summary: "A dependency decodes hidden data (base64, hex, XOR, split or reversed strings) into a URL, a command or a path",
        description: "Legitimate code has no reason to hide where it connects or what it runs. Long base64 or hex literals decoded at run time, XOR-ed byte arrays, character-code arrays and strings assembled from pieces none of which shows the whole are decoded statically and reported with what they decode to; critical when the result is a URL or a command, or reaches a network call, a started program or a written path.",
        help: "Do not build this version; report it.",
        cwe: &[506, 912],
        precision: Precision::High,
    },
    DepsRule {
        id: EXEC_BLOB,
        name: "EmbeddedExecutable",
        summary: "A dependency embeds an executable (ELF, PE, Mach-O, a script) in its code",
        description: "`include_bytes!` of a file recognised as machine code or a script by its first bytes (never by its name), or a byte-array literal holding one. A prebuilt binary cannot be reviewed from source; in build-time code it is reported critical.",
        help: "Ask why the crate ships a binary; prefer a version built from source.",
        cwe: &[506, 829],
        precision: Precision::High,
    },
    DepsRule {
        id: TYPOSQUAT,
        name: "TyposquatCandidate",
        summary: "A dependency's name is one or two edits from a well-known crate",
        description: "Typosquatting publishes a crate under a name a hurried developer mistypes (`proc-macro1` for `proc-macro2`). Names within one edit (two for long names) of a well-known crate, and not well-known themselves, are reported. The list of well-known names ships with cargo-sast (src/deps/data/well-known-crates.txt).",
        help: "Check that this is the crate you meant; approve it in `[deps.allow]` once reviewed.",
        cwe: &[1357],
        precision: Precision::Medium,
    },
    DepsRule {
        id: UNAPPROVED,
        name: "UnapprovedCapability",
        summary: "A dependency has a capability the `[deps]` policy does not approve (or its evidence changed since)",
        description: "With a `[deps.allow]` policy in sast.toml, every capability of every dependency must be approved, for the evidence that was reviewed: when a new version changes what backs an approved capability, it is asked again.",
        help: REVIEW,
        cwe: &[1357],
        precision: Precision::High,
    },
    DepsRule {
        id: GAINED,
        name: "GainedCapability",
        summary: "An added or updated dependency can do something its previous version could not",
        description: "`cargo sast deps --diff <ref>` compares Cargo.lock with its state at the ref and reports, for every added package and version change, what it gained: a build script, a proc macro, build-time network or process use, FFI, unsafe code, and so on.",
        help: REVIEW,
        cwe: &[1357],
        precision: Precision::High,
    },
];

pub(crate) fn by_id(id: &str) -> Option<&'static DepsRule> {
    ALL.iter().find(|r| r.id == id)
}

impl DepsRule {
    /// Documentation in the shape of a rule's (`cargo sast explain`).
    pub(crate) fn docs(&self) -> String {
        format!(
            "### What it does\n\n{}\n\n### Why is this bad?\n\n{}\n\n### What to do\n\n{}\n\n### References\n\n{}\n",
            self.summary,
            self.description,
            self.help,
            self.cwe.iter().map(|c| format!("- CWE-{c}")).collect::<Vec<_>>().join("\n")
        )
    }
}
