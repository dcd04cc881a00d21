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
use super::shapes::{self, Shape};
use super::text::short;
use super::values::Origin;
use crate::lints::deps as rules;
use crate::rules::Severity;

/// A finding before it becomes a report entry.
#[derive(Debug, Clone)]
pub(super) struct Hit<'a> {
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
pub(super) fn secret_env(name: &str) -> bool {
    let upper = name.to_ascii_uppercase();
    if matches!(upper.as_str(), "SSH_AUTH_SOCK" | "GPG_AGENT_INFO" | "NETRC") {
        return true;
    }
    let words = crate::rules::secret_names::words(name);
    let last = words.last().map(String::as_str).unwrap_or("");
    crate::rules::secret_names::classify(name).is_some()
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
pub(super) fn build_time<'a>(a: &'a Analysed) -> Vec<Hit<'a>> {
    let uses: Vec<&'a Use> = a.uses.iter().filter(|u| u.role.is_build()).collect();
    if uses.is_empty() {
        return Vec::new();
    }
    let net_use = |u: &Use| {
        u.ev.cap == Some(Cap::Net)
            || matches!(&u.ev.detail, Detail::Run { program, args, .. } if classify(program, args, &a.pkg.dir) == Program::Network)
    };
    let net: Vec<&'a Use> = uses.iter().copied().filter(|u| net_use(u)).collect();
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
    let mut j = BuildJudge { a, uses, net, hidden_values, hits: Vec::new() };
    for u in j.uses.clone() {
        j.judge(u);
    }
    j.hits
}

/// The build-time code of one package, judged use by use.
struct BuildJudge<'a> {
    a: &'a Analysed,
    uses: Vec<&'a Use>,
    /// The uses that access the network.
    net: Vec<&'a Use>,
    /// What hidden programs, targets and destinations decode to (reported
    /// where they are used, not again where they are decoded).
    hidden_values: Vec<String>,
    hits: Vec<Hit<'a>>,
}

fn b(c: Cap) -> Capability {
    Capability::build(c)
}

impl<'a> BuildJudge<'a> {
    fn who(&self, u: &Use) -> String {
        format!("the {} of `{}`", u.role.describe(), short(&self.a.label(), 80))
    }

    fn has_net(&self) -> bool {
        !self.net.is_empty()
    }

    fn net_related(&self, max: usize) -> Vec<(&'a Use, String)> {
        self.net
            .iter()
            .filter(|u| !matches!(u.ev.detail, Detail::TlsOff(_)))
            .take(max)
            .map(|u| (*u, format!("network access: `{}`", u.ev.snippet)))
            .collect()
    }

    fn hit(
        &mut self,
        at: &'a Use,
        rule: &'static str,
        severity: Severity,
        message: String,
        caps: Vec<Capability>,
        related: Vec<(&'a Use, String)>,
    ) {
        self.hits.push(Hit { rule, severity, message, at, related, caps });
    }

    /// A credential read: critical with network access in the same build code.
    fn secret(&mut self, u: &'a Use, message: String, cap: Capability) {
        if self.has_net() {
            let related = self.net_related(3);
            self.hit(
                u,
                rules::SECRET_READ,
                Severity::Critical,
                format!("{message}, and the same build code accesses the network: a credential-theft pattern"),
                vec![cap, Capability::build(Cap::Net)],
                related,
            );
        } else {
            self.hit(u, rules::SECRET_READ, Severity::High, message, vec![cap], Vec::new());
        }
    }

    fn judge(&mut self, u: &'a Use) {
        let snippet = &u.ev.snippet;
        let who = self.who(u);
        match &u.ev.detail {
            Detail::Run { program, args, path_env } => self.run(u, program, args, *path_env),
            Detail::Connect { target } if !target.obfuscation.is_empty() || super::extract::split_hidden(target) => {
                let message = format!("{who} connects to {} hidden as {}: `{snippet}`", where_(target), hiding(target));
                self.hit(u, rules::OBFUSCATED, Severity::Critical, message, vec![b(Cap::Net)], Vec::new());
            }
            Detail::TlsOff(m) => {
                let message = format!("{who} turns off TLS verification (`{m}`)");
                self.hit(u, rules::TLS_DISABLED, Severity::High, message, vec![b(Cap::Net)], Vec::new());
            }
            _ if u.ev.cap == Some(Cap::Net) => {
                let to = match &u.ev.detail {
                    Detail::Connect { target } if target.text().is_some() => format!(" (to {})", where_(target)),
                    _ => String::new(),
                };
                let via = if u.ev.indirect { " (imported; the calls are not visible here)" } else { "" };
                let message = format!("{who} accesses the network when cargo builds it: `{}`{to}{via}", u.ev.what);
                self.hit(u, rules::NETWORK, Severity::High, message, vec![b(Cap::Net)], Vec::new());
            }
            Detail::Write { dest } => self.write(u, dest),
            Detail::MakeExecutable if self.has_net() => {
                let message =
                    format!("{who} marks a file executable, with network access in the same build code: `{snippet}`");
                let related = self.net_related(5);
                self.hit(u, rules::DOWNLOAD_EXEC, Severity::Critical, message, vec![b(Cap::Net), b(Cap::Fs)], related);
            }
            Detail::MakeExecutable => {
                let message = format!("{who} marks a file executable: `{snippet}`");
                self.hit(u, rules::FS_WRITE, Severity::Medium, message, vec![b(Cap::Fs)], Vec::new());
            }
            Detail::Read { path } => {
                if let Some(s) = origin_secret(path) {
                    self.secret(u, format!("{who} reads `{}`: `{snippet}`", short(&s, 60)), b(Cap::Fs));
                } else if path.home {
                    let message = format!("{who} reads files in the home directory: `{snippet}`");
                    self.hit(u, rules::SECRET_READ, Severity::Medium, message, vec![b(Cap::Fs)], Vec::new());
                }
            }
            Detail::Env { name: Some(n), compile_time } if secret_env(n) => {
                let msg = if *compile_time {
                    format!("{who} compiles the value of the environment variable `{}` into the crate", short(n, 60))
                } else {
                    format!("{who} reads the environment variable `{}`", short(n, 60))
                };
                self.secret(u, msg, b(Cap::Env));
            }
            Detail::EnvAll if self.has_net() => {
                let message = format!(
                    "{who} reads every environment variable (tokens included), with network access in the same build code"
                );
                let related = self.net_related(3);
                self.hit(u, rules::SECRET_READ, Severity::Critical, message, vec![b(Cap::Env), b(Cap::Net)], related);
            }
            Detail::EnvAll => {
                let message = format!("{who} reads every environment variable (tokens included): `{snippet}`");
                self.hit(u, rules::SECRET_READ, Severity::Low, message, vec![b(Cap::Env)], Vec::new());
            }
            Detail::Home => {
                let message = format!("{who} looks up the home directory: `{snippet}`");
                self.hit(u, rules::SECRET_READ, Severity::Low, message, vec![b(Cap::Env)], Vec::new());
            }
            Detail::Sensitive(_) if covered(u, &self.uses) => {}
            Detail::Sensitive(marker) => {
                let message = format!("{who} names `{}` (a credential or system file)", short(marker, 60));
                self.secret(u, message, b(Cap::Fs));
            }
            Detail::Decoded { value } => self.decoded(u, value),
            Detail::Blob { path, kind } if kind.is_executable() => {
                let what = if path.is_empty() { "a byte literal".into() } else { format!("`{}`", short(path, 80)) };
                let message = format!("{who} embeds {} ({what})", kind.describe());
                self.hit(u, rules::EXEC_BLOB, Severity::Critical, message, vec![b(Cap::Blob)], Vec::new());
            }
            _ => {}
        }
    }

    /// Hidden data decoded in build-time code (unless a program, target or
    /// destination already reports it).
    fn decoded(&mut self, u: &'a Use, value: &Origin) {
        let text = value.text().unwrap_or_default();
        if self.hidden_values.contains(&text) {
            return;
        }
        let shape = shapes::shape(&text);
        let severity = match shape {
            Shape::Url | Shape::Command => Severity::Critical,
            Shape::SensitivePath => Severity::High,
            _ => Severity::Medium,
        };
        let message = format!(
            "{} hides {} ({}): it decodes to `{}`",
            self.who(u),
            shape.describe(),
            hiding(value),
            short(&text, 100)
        );
        self.hit(u, rules::OBFUSCATED, severity, message, Vec::new(), Vec::new());
    }

    /// A program started at build time, judged by how it is obtained.
    fn run(&mut self, u: &'a Use, program: &Origin, args: &[Origin], path_env: bool) {
        let who = self.who(u);
        let snippet = &u.ev.snippet;
        let all_args: Vec<&Origin> = std::iter::once(program).chain(args.iter()).collect();
        if let Some(o) = all_args.iter().find(|o| !o.obfuscation.is_empty() || super::extract::split_hidden(o)) {
            let message =
                format!("{who} runs a program with hidden data ({}) decoding to {}: `{snippet}`", hiding(o), where_(o));
            self.hit(u, rules::OBFUSCATED, Severity::Critical, message, vec![b(Cap::Process)], Vec::new());
            return;
        }
        let class = classify(program, args, &self.a.pkg.dir);
        let cmdline = command_line(program, args);
        let what = if program.text().is_some() {
            format!("`{cmdline}`")
        } else {
            format!("a program from {}: `{snippet}`", where_(program))
        };
        let downloads = vec![b(Cap::Net), b(Cap::Process)];
        let (rule, severity, message, caps, related) = match class {
            Program::Downloaded => (
                rules::DOWNLOAD_EXEC,
                Severity::Critical,
                format!("{who} runs a program it received over the network: `{cmdline}`"),
                downloads,
                self.net_related(5),
            ),
            Program::Built
            | Program::Unknown
            | Program::Shell { .. }
            | Program::Other
            | Program::Shipped(_)
            | Program::Relative { .. }
                if self.has_net() =>
            {
                (
                    rules::DOWNLOAD_EXEC,
                    Severity::Critical,
                    format!("{who} downloads and runs {what}, with network access in the same build code"),
                    downloads,
                    self.net_related(5),
                )
            }
            Program::Network if runs_what_it_fetches(program, args) => (
                rules::DOWNLOAD_EXEC,
                Severity::Critical,
                format!("{who} downloads and runs what it downloads: `{cmdline}`"),
                downloads,
                Vec::new(),
            ),
            Program::Network => (
                rules::NETWORK,
                Severity::High,
                format!("{who} accesses the network by running `{cmdline}`"),
                downloads,
                Vec::new(),
            ),
            Program::Toolchain if !path_env => return,
            class => {
                let Some((severity, message)) = process(class, &who, &cmdline, &what, snippet) else { return };
                (rules::PROCESS, severity, message, vec![b(Cap::Process)], Vec::new())
            }
        };
        self.hit(u, rule, severity, message, caps, related);
    }

    /// A write at build time, outside OUT_DIR.
    fn write(&mut self, u: &'a Use, dest: &Origin) {
        let who = self.who(u);
        let snippet = &u.ev.snippet;
        if !dest.obfuscation.is_empty() || super::extract::split_hidden(dest) {
            let message = format!("{who} writes to {} hidden as {}: `{snippet}`", where_(dest), hiding(dest));
            self.hit(u, rules::OBFUSCATED, Severity::High, message, vec![b(Cap::Fs)], Vec::new());
            return;
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
            return;
        } else if dest.temp || absolute {
            (Severity::Medium, where_(dest))
        } else if dest.manifest_dir || (dest.value.is_some() && !dest.unknown) {
            (Severity::Low, format!("{} in its own package directory", where_(dest)))
        } else {
            (Severity::Low, "a place computed out of sight (maybe outside OUT_DIR)".into())
        };
        let message = format!("{who} writes to {place}, outside OUT_DIR: `{snippet}`");
        self.hit(u, rules::FS_WRITE, severity, message, vec![b(Cap::Fs)], Vec::new());
    }
}

/// A program that is neither downloaded nor run with network access in
/// the same build code: its severity and message (`None`: the toolchain).
fn process(class: Program, who: &str, cmdline: &str, what: &str, snippet: &str) -> Option<(Severity, String)> {
    Some(match class {
        Program::Shipped(kind) if kind.is_executable() && kind != BlobKind::Script => (
            Severity::High,
            format!("{who} runs a prebuilt program shipped in the crate ({}): `{cmdline}`", kind.describe()),
        ),
        Program::Shipped(_) | Program::Relative { toolchain: true } => {
            (Severity::Low, format!("{who} runs `{cmdline}` from the package's directory"))
        }
        Program::Relative { toolchain: false } => (
            Severity::Medium,
            format!("{who} runs `{cmdline}`, a program at a relative path the package does not ship"),
        ),
        Program::Built => (Severity::High, format!("{who} runs {what}, something the build wrote or put there")),
        Program::Shell { inline: true } => (Severity::Medium, format!("{who} runs a shell command: `{cmdline}`")),
        Program::Other => {
            (Severity::Medium, format!("{who} runs `{cmdline}`, which is not a compiler or toolchain probe"))
        }
        Program::Shell { inline: false } | Program::Vcs => (Severity::Low, format!("{who} runs `{cmdline}`")),
        Program::Unknown => {
            (Severity::Low, format!("{who} runs a program whose name is computed out of sight: `{snippet}`"))
        }
        Program::Toolchain => (
            Severity::Medium,
            format!("{who} runs `{cmdline}` with its own PATH, so the name may not be the toolchain's"),
        ),
        Program::Downloaded | Program::Network => return None,
    })
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

/// The run-time findings of a package: embedded executables, and hidden
/// URLs or commands that reach a connection or a started program.
pub(super) fn run_time(a: &Analysed) -> Vec<Hit<'_>> {
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
