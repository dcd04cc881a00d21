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
use super::programs::{Program, classify};
use super::rules;
use super::shapes::{self, Shape};
use super::text::short;
use super::values::Origin;
use crate::rules::Severity;

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
        .find(|l| shapes::sensitive_path(l).is_some())
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
                    Program::Network if runs_what_it_fetches(program, args) => hit(
                        rules::DOWNLOAD_EXEC,
                        Severity::Critical,
                        format!("{} downloads and runs what it downloads: `{cmdline}`", who(u)),
                        vec![b(Cap::Net), b(Cap::Process)],
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
                Severity::Critical,
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
                let shape = shapes::shape(&text);
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

/// A command line that runs what it fetches (`curl … | sh`, `wget … && chmod +x …`).
fn runs_what_it_fetches(program: &Origin, args: &[Origin]) -> bool {
    let text: String = std::iter::once(program)
        .chain(args)
        .map(|o| o.text().unwrap_or_else(|| o.literals.join(" ")))
        .collect::<Vec<_>>()
        .join(" ")
        .to_ascii_lowercase();
    [
        "| sh",
        "|sh",
        "| bash",
        "|bash",
        "| zsh",
        "| python",
        "| perl",
        "| iex",
        "|iex",
        "invoke-expression",
        "chmod +x",
        "chmod 7",
        "chmod a+x",
        "chmod u+x",
        "&& ./",
        "; ./",
        "&& sh ",
        "; sh ",
        "&& bash ",
        "; bash ",
        "start-process",
    ]
    .iter()
    .any(|p| text.contains(p))
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
                    && target.text().is_some_and(|t| matches!(shapes::shape(&t), Shape::Url | Shape::Command)) =>
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
