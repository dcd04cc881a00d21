//! Judging what a package does: build-time code (build scripts, proc
//! macros) against what a build is expected to do, and the few run-time
//! findings (embedded executables, hidden URLs and commands). Expected
//! behaviour is quiet: compiling with `cc`, running `pkg-config` or
//! `rustc --version`, writing into `OUT_DIR`, reading `CARGO_*` and
//! `TARGET`. Nothing is excused by the crate's name: a program is a
//! toolchain program by how the build script obtains it.

use std::path::Path;

use super::analysis::{Analysed, Role, Use};
use super::blobs::BlobKind;
use super::caps::{Cap, Capability};
use super::extract::Detail;
use super::rules;
use super::text::short;
use super::values::{self, Origin, Shape};
use crate::rules::Severity;

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

/// A finding before it becomes a report entry.
#[derive(Debug, Clone)]
pub struct Hit<'a> {
    pub rule: &'static str,
    pub severity: Severity,
    pub message: String,
    pub at: &'a Use,
    /// Other places that make the finding (a download for an execution).
    pub related: Vec<(&'a Use, String)>,
    /// The capabilities an approval must cover to accept it.
    pub caps: Vec<Capability>,
}

/// How a started program was obtained.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Program {
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

fn classify(program: &Origin, args: &[Origin], pkg_dir: &Path) -> Program {
    if program.downloaded {
        return Program::Downloaded;
    }
    let name = program.value.as_deref().map(base_name);
    let is_toolchain = |n: &str| TOOLCHAIN_PROGRAMS.contains(&n) || n.ends_with("-config") || n.ends_with("_config");
    let arg_texts: Vec<String> = args.iter().flat_map(|a| a.value.iter().chain(a.literals.iter()).cloned()).collect();
    let mentions_net = arg_texts.iter().chain(program.value.iter()).any(|t| {
        values::shape(t) == Shape::Url
            || values::NETWORK_TOOLS.iter().any(|n| t.split_whitespace().any(|w| base_name(w) == *n))
    });
    if let Some(n) = &name {
        if values::NETWORK_TOOLS.contains(&n.as_str()) {
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
        let path = crate::discover::absolutize(pkg_dir, Path::new(rel.trim_start_matches(['/', '\\'])));
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

/// A name that holds a credential when it names an environment variable.
pub fn secret_env(name: &str) -> bool {
    let upper = name.to_ascii_uppercase();
    if matches!(upper.as_str(), "SSH_AUTH_SOCK" | "GPG_AGENT_INFO" | "NETRC") {
        return true;
    }
    let words = crate::syntax::secret_names::words(name);
    let last = words.last().map(String::as_str).unwrap_or("");
    crate::syntax::secret_names::classify(name).is_some()
        || matches!(last, "token" | "tokens" | "pat" | "secret" | "credentials" | "credential" | "password" | "passwd")
        || (last == "key"
            && words
                .iter()
                .any(|w| matches!(w.as_str(), "access" | "secret" | "private" | "api" | "signing" | "deploy")))
}

fn origin_secret(o: &Origin) -> Option<String> {
    o.literals
        .iter()
        .chain(o.value.iter())
        .find(|l| values::sensitive_path(l).is_some())
        .cloned()
        .or_else(|| o.env.iter().find(|e| secret_env(e)).cloned())
}

fn where_(o: &Origin) -> String {
    if let Some(v) = o.text().filter(|v| !v.is_empty()) {
        return format!("`{}`", short(&v, 80));
    }
    let mut parts = Vec::new();
    if o.out_dir {
        parts.push("OUT_DIR");
    }
    if o.home {
        parts.push("the home directory");
    }
    if o.temp {
        parts.push("the temporary directory");
    }
    if o.manifest_dir {
        parts.push("the package's own directory");
    }
    if parts.is_empty() { "a computed path".into() } else { parts.join(" + ") }
}

/// The build-time findings of a package.
pub fn build_time<'a>(a: &'a Analysed) -> Vec<Hit<'a>> {
    let uses: Vec<&'a Use> = a.uses.iter().filter(|u| u.role.is_build()).collect();
    let mut hits = Vec::new();
    if uses.is_empty() {
        return hits;
    }
    let who = |u: &Use| format!("the {} of `{}`", u.role.describe(), short(&a.label(), 80));
    let net_use = |u: &Use| {
        u.ev.cap == Some(Cap::Net)
            || matches!(&u.ev.detail, Detail::Run { program, args, .. } if classify(program, args, &a.pkg.dir) == Program::Network)
    };
    let net: Vec<&'a Use> = uses.iter().copied().filter(|u| net_use(u)).collect();
    let has_net = !net.is_empty();
    let net_related = |max: usize| -> Vec<(&'a Use, String)> {
        net.iter()
            .filter(|u| !matches!(u.ev.detail, Detail::TlsOff(_)))
            .take(max)
            .map(|u| (*u, format!("network access: `{}`", u.ev.snippet)))
            .collect()
    };
    let hidden_values: Vec<String> = uses
        .iter()
        .filter_map(|u| match &u.ev.detail {
            Detail::Run { program, .. } if !program.obfuscation.is_empty() => program.text(),
            Detail::Connect { target } | Detail::Write { dest: target } if !target.obfuscation.is_empty() => {
                target.text()
            }
            _ => None,
        })
        .collect();
    let b = |c: Cap| Capability::build(c);
    for u in &uses {
        let snippet = &u.ev.snippet;
        let mut hit = |rule: &'static str,
                       severity: Severity,
                       message: String,
                       caps: Vec<Capability>,
                       related: Vec<(&'a Use, String)>| {
            hits.push(Hit { rule, severity, message, at: u, related, caps });
        };
        match &u.ev.detail {
            Detail::Run { program, args, path_env } => {
                let all_args: Vec<&Origin> = std::iter::once(program).chain(args.iter()).collect();
                if let Some(o) = all_args.iter().find(|o| !o.obfuscation.is_empty() || super::extract::split_hidden(o))
                {
                    hit(
                        rules::OBFUSCATED,
                        Severity::Critical,
                        format!(
                            "{} runs a program with hidden data ({}) decoding to {}: `{snippet}`",
                            who(u),
                            hiding(o),
                            where_(o)
                        ),
                        vec![b(Cap::Process)],
                        Vec::new(),
                    );
                    continue;
                }
                let class = classify(program, args, &a.pkg.dir);
                let cmdline = command_line(program, args);
                let what = if program.text().is_some() {
                    format!("`{cmdline}`")
                } else {
                    format!("a program from {}: `{snippet}`", where_(program))
                };
                match class {
                    Program::Downloaded => hit(
                        rules::DOWNLOAD_EXEC,
                        Severity::Critical,
                        format!("{} runs a program it received over the network: `{cmdline}`", who(u)),
                        vec![b(Cap::Net), b(Cap::Process)],
                        net_related(5),
                    ),
                    Program::Built
                    | Program::Unknown
                    | Program::Shell { .. }
                    | Program::Other
                    | Program::Shipped(_)
                    | Program::Relative { .. }
                        if has_net =>
                    {
                        hit(
                            rules::DOWNLOAD_EXEC,
                            Severity::Critical,
                            format!("{} downloads and runs {what}, with network access in the same build code", who(u)),
                            vec![b(Cap::Net), b(Cap::Process)],
                            net_related(5),
                        )
                    }
                    Program::Shipped(kind) if kind.is_executable() && kind != BlobKind::Script => hit(
                        rules::PROCESS,
                        Severity::High,
                        format!(
                            "{} runs a prebuilt program shipped in the crate ({}): `{cmdline}`",
                            who(u),
                            kind.describe()
                        ),
                        vec![b(Cap::Process)],
                        Vec::new(),
                    ),
                    Program::Shipped(_) | Program::Relative { toolchain: true } => hit(
                        rules::PROCESS,
                        Severity::Low,
                        format!("{} runs `{cmdline}` from the package's directory", who(u)),
                        vec![b(Cap::Process)],
                        Vec::new(),
                    ),
                    Program::Relative { toolchain: false } => hit(
                        rules::PROCESS,
                        Severity::Medium,
                        format!("{} runs `{cmdline}`, a program at a relative path the package does not ship", who(u)),
                        vec![b(Cap::Process)],
                        Vec::new(),
                    ),
                    Program::Network => hit(
                        rules::NETWORK,
                        Severity::High,
                        format!("{} accesses the network by running `{cmdline}`", who(u)),
                        vec![b(Cap::Net), b(Cap::Process)],
                        Vec::new(),
                    ),
                    Program::Built => hit(
                        rules::PROCESS,
                        Severity::High,
                        format!("{} runs {what}, something the build wrote or put there", who(u)),
                        vec![b(Cap::Process)],
                        Vec::new(),
                    ),
                    Program::Shell { inline: true } => hit(
                        rules::PROCESS,
                        Severity::Medium,
                        format!("{} runs a shell command: `{cmdline}`", who(u)),
                        vec![b(Cap::Process)],
                        Vec::new(),
                    ),
                    Program::Other => hit(
                        rules::PROCESS,
                        Severity::Medium,
                        format!("{} runs `{cmdline}`, which is not a compiler or toolchain probe", who(u)),
                        vec![b(Cap::Process)],
                        Vec::new(),
                    ),
                    Program::Shell { inline: false } | Program::Vcs => hit(
                        rules::PROCESS,
                        Severity::Low,
                        format!("{} runs `{cmdline}`", who(u)),
                        vec![b(Cap::Process)],
                        Vec::new(),
                    ),
                    Program::Unknown => hit(
                        rules::PROCESS,
                        Severity::Low,
                        format!("{} runs a program whose name is computed out of sight: `{snippet}`", who(u)),
                        vec![b(Cap::Process)],
                        Vec::new(),
                    ),
                    Program::Toolchain if *path_env => hit(
                        rules::PROCESS,
                        Severity::Medium,
                        format!(
                            "{} runs `{cmdline}` with its own PATH, so the name may not be the toolchain's",
                            who(u)
                        ),
                        vec![b(Cap::Process)],
                        Vec::new(),
                    ),
                    Program::Toolchain => {}
                }
            }
            Detail::Connect { target } if !target.obfuscation.is_empty() || super::extract::split_hidden(target) => {
                hit(
                    rules::OBFUSCATED,
                    Severity::Critical,
                    format!("{} connects to {} hidden as {}: `{snippet}`", who(u), where_(target), hiding(target)),
                    vec![b(Cap::Net)],
                    Vec::new(),
                )
            }
            Detail::TlsOff(m) => hit(
                rules::TLS_DISABLED,
                Severity::High,
                format!("{} turns off TLS verification (`{m}`)", who(u)),
                vec![b(Cap::Net)],
                Vec::new(),
            ),
            _ if u.ev.cap == Some(Cap::Net) => {
                let to = match &u.ev.detail {
                    Detail::Connect { target } if target.text().is_some() => format!(" (to {})", where_(target)),
                    _ => String::new(),
                };
                let via = if u.ev.indirect { " (imported; the calls are not visible here)" } else { "" };
                hit(
                    rules::NETWORK,
                    Severity::High,
                    format!("{} accesses the network when cargo builds it: `{}`{to}{via}", who(u), u.ev.what),
                    vec![b(Cap::Net)],
                    Vec::new(),
                );
            }
            Detail::Write { dest } => {
                if !dest.obfuscation.is_empty() || super::extract::split_hidden(dest) {
                    hit(
                        rules::OBFUSCATED,
                        Severity::High,
                        format!("{} writes to {} hidden as {}: `{snippet}`", who(u), where_(dest), hiding(dest)),
                        vec![b(Cap::Fs)],
                        Vec::new(),
                    );
                    continue;
                }
                let sensitive = origin_secret(dest);
                let system = dest.value.as_deref().is_some_and(|v| {
                    let l = v.to_ascii_lowercase();
                    ["/etc/", "/usr/", "/bin/", "/sbin/", "/lib/", "/var/", "/opt/", "c:\\windows", "/library/"]
                        .iter()
                        .any(|p| l.starts_with(p))
                });
                let absolute = dest.value.as_deref().is_some_and(|v| Path::new(v).is_absolute() || v.starts_with('\\'));
                let (severity, place) = if sensitive.is_some() || system || (dest.home && !dest.out_dir) {
                    let what = sensitive.map(|s| format!(" (`{}`)", short(&s, 60))).unwrap_or_default();
                    (Severity::High, format!("{}{what}", where_(dest)))
                } else if dest.out_dir {
                    continue;
                } else if dest.temp || absolute {
                    (Severity::Medium, where_(dest))
                } else if dest.manifest_dir || (dest.value.is_some() && !dest.unknown) {
                    (Severity::Low, format!("{} in its own package directory", where_(dest)))
                } else {
                    (Severity::Low, "a place computed out of sight (maybe outside OUT_DIR)".into())
                };
                hit(
                    rules::FS_WRITE,
                    severity,
                    format!("{} writes to {place}, outside OUT_DIR: `{snippet}`", who(u)),
                    vec![b(Cap::Fs)],
                    Vec::new(),
                );
            }
            Detail::MakeExecutable if has_net => hit(
                rules::DOWNLOAD_EXEC,
                Severity::Critical,
                format!("{} marks a file executable, with network access in the same build code: `{snippet}`", who(u)),
                vec![b(Cap::Net), b(Cap::Fs)],
                net_related(5),
            ),
            Detail::MakeExecutable => hit(
                rules::FS_WRITE,
                Severity::Medium,
                format!("{} marks a file executable: `{snippet}`", who(u)),
                vec![b(Cap::Fs)],
                Vec::new(),
            ),
            Detail::Read { path } => {
                if let Some(s) = origin_secret(path) {
                    secret(
                        &mut hit,
                        has_net,
                        format!("{} reads `{}`: `{snippet}`", who(u), short(&s, 60)),
                        b(Cap::Fs),
                        net_related(3),
                    );
                } else if path.home {
                    hit(
                        rules::SECRET_READ,
                        Severity::Medium,
                        format!("{} reads files in the home directory: `{snippet}`", who(u)),
                        vec![b(Cap::Fs)],
                        Vec::new(),
                    );
                }
            }
            Detail::Env { name: Some(n), compile_time } if secret_env(n) => {
                let msg = if *compile_time {
                    format!(
                        "{} compiles the value of the environment variable `{}` into the crate",
                        who(u),
                        short(n, 60)
                    )
                } else {
                    format!("{} reads the environment variable `{}`", who(u), short(n, 60))
                };
                secret(&mut hit, has_net, msg, b(Cap::Env), net_related(3));
            }
            Detail::EnvAll if has_net => hit(
                rules::SECRET_READ,
                Severity::High,
                format!(
                    "{} reads every environment variable (tokens included), with network access in the same build code",
                    who(u)
                ),
                vec![b(Cap::Env), b(Cap::Net)],
                net_related(3),
            ),
            Detail::EnvAll => hit(
                rules::SECRET_READ,
                Severity::Low,
                format!("{} reads every environment variable (tokens included): `{snippet}`", who(u)),
                vec![b(Cap::Env)],
                Vec::new(),
            ),
            Detail::Home => hit(
                rules::SECRET_READ,
                Severity::Low,
                format!("{} looks up the home directory: `{snippet}`", who(u)),
                vec![b(Cap::Env)],
                Vec::new(),
            ),
            Detail::Sensitive(_) if covered(u, &uses) => {}
            Detail::Sensitive(marker) => {
                secret(
                    &mut hit,
                    has_net,
                    format!("{} names `{}` (a credential or system file)", who(u), short(marker, 60)),
                    b(Cap::Fs),
                    net_related(3),
                );
            }
            Detail::Decoded { value } => {
                let text = value.text().unwrap_or_default();
                if hidden_values.contains(&text) {
                    continue;
                }
                let shape = values::shape(&text);
                let severity = match shape {
                    Shape::Url | Shape::Command => Severity::Critical,
                    Shape::SensitivePath => Severity::High,
                    _ => Severity::Medium,
                };
                hit(
                    rules::OBFUSCATED,
                    severity,
                    format!(
                        "{} hides {} ({}): it decodes to `{}`",
                        who(u),
                        shape.describe(),
                        hiding(value),
                        short(&text, 100)
                    ),
                    Vec::new(),
                    Vec::new(),
                );
            }
            Detail::Blob { path, kind } if kind.is_executable() => hit(
                rules::EXEC_BLOB,
                Severity::Critical,
                format!(
                    "{} embeds {} ({})",
                    who(u),
                    kind.describe(),
                    if path.is_empty() { "a byte literal".into() } else { format!("`{}`", short(path, 80)) }
                ),
                vec![b(Cap::Blob)],
                Vec::new(),
            ),
            _ => {}
        }
    }
    hits
}

/// A literal inside a read, write, request or program start that is
/// judged on its own.
fn covered(u: &Use, uses: &[&Use]) -> bool {
    uses.iter().any(|o| {
        matches!(o.ev.detail, Detail::Read { .. } | Detail::Write { .. } | Detail::Run { .. } | Detail::Connect { .. })
            && o.ev.loc.path == u.ev.loc.path
            && o.ev.loc.byte_start <= u.ev.loc.byte_start
            && u.ev.loc.byte_end <= o.ev.loc.byte_end
    })
}

fn secret<'a>(
    hit: &mut impl FnMut(&'static str, Severity, String, Vec<Capability>, Vec<(&'a Use, String)>),
    has_net: bool,
    message: String,
    cap: Capability,
    related: Vec<(&'a Use, String)>,
) {
    if has_net {
        hit(
            rules::SECRET_READ,
            Severity::Critical,
            format!("{message}, and the same build code accesses the network: a credential-theft pattern"),
            vec![cap, Capability::build(Cap::Net)],
            related,
        );
    } else {
        hit(rules::SECRET_READ, Severity::High, message, vec![cap], Vec::new());
    }
}

/// The run-time findings of a package: embedded executables, and hidden
/// URLs or commands that reach a connection or a started program.
pub fn run_time(a: &Analysed) -> Vec<Hit<'_>> {
    let mut hits = Vec::new();
    for u in a.uses.iter().filter(|u| u.role == Role::Runtime) {
        let r = |c: Cap| Capability::runtime(c);
        match &u.ev.detail {
            Detail::Blob { path, kind } if kind.is_executable() => hits.push(Hit {
                rule: rules::EXEC_BLOB,
                severity: if *kind == super::blobs::BlobKind::Wasm { Severity::Medium } else { Severity::High },
                message: format!(
                    "`{}` embeds {} ({}) in its library",
                    short(&a.label(), 80),
                    kind.describe(),
                    if path.is_empty() { "a byte literal".into() } else { format!("`{}`", short(path, 80)) }
                ),
                at: u,
                related: Vec::new(),
                caps: vec![r(Cap::Blob)],
            }),
            Detail::Connect { target } | Detail::Run { program: target, .. }
                if (!target.obfuscation.is_empty() || super::extract::split_hidden(target))
                    && target.text().is_some_and(|t| matches!(values::shape(&t), Shape::Url | Shape::Command)) =>
            {
                hits.push(Hit {
                    rule: rules::OBFUSCATED,
                    severity: Severity::High,
                    message: format!(
                        "`{}` hides where it connects or what it runs ({}): {} in `{}`",
                        short(&a.label(), 80),
                        hiding(target),
                        where_(target),
                        u.ev.snippet
                    ),
                    at: u,
                    related: Vec::new(),
                    caps: vec![r(u.ev.cap.unwrap_or(Cap::Net))],
                })
            }
            _ => {}
        }
    }
    hits
}

fn hiding(o: &Origin) -> String {
    if o.obfuscation.is_empty() { format!("split into {} pieces", o.pieces) } else { o.obfuscation.join(" + ") }
}

/// `prog arg arg` as far as the constants go.
fn command_line(program: &Origin, args: &[Origin]) -> String {
    let mut parts = vec![program.text().unwrap_or_else(|| where_(program).trim_matches('`').to_string())];
    for a in args.iter().take(8) {
        parts.push(a.text().unwrap_or_else(|| "…".into()).replace('\u{0}', " "));
    }
    short(&parts.join(" "), 120)
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

    #[test]
    fn secret_environment_variables() {
        for n in [
            "CARGO_REGISTRY_TOKEN",
            "GITHUB_TOKEN",
            "AWS_SECRET_ACCESS_KEY",
            "NPM_TOKEN",
            "SSH_AUTH_SOCK",
            "DB_PASSWORD",
            "CARGO_REGISTRIES_MY_TOKEN",
        ] {
            assert!(secret_env(n), "{n}");
        }
        for n in ["TARGET", "OUT_DIR", "CARGO_CFG_TARGET_OS", "RUSTC", "PROFILE", "KEYBOARD_LAYOUT", "CC"] {
            assert!(!secret_env(n), "{n}");
        }
    }
}
