use crate::rules::prelude::*;
use crate::rules::taint::{Guard, PatternSafety, TaintSpec};

declare_rule! {
    /// ### What it does
    /// Finds untrusted values passed as arguments (`Command::arg`/`args`)
    /// to programs that parse options — git, ssh, scp, rsync, curl, wget,
    /// tar, zip, unzip, find and more (the list, with the options that
    /// take a value, is data: `lints/models/programs.toml`) — where a value
    /// starting with `-` is read as an option. Sources: request data,
    /// data from the network (`reqwest::blocking::get(u)?.json()?` of a
    /// forge's API), command-line arguments, and — under the library
    /// threat model — the string and path parameters of a library's public
    /// functions (`pub fn clone(url: &str)` running `git clone <url>`).
    ///
    /// Safe: a `--` (git's `--end-of-options` for revisions) earlier in
    /// the same command; a value after an option that takes one (`curl -o
    /// <out>`, `tar -f <archive> -C <dir>`, `ssh -o <option>`); a value
    /// that starts with text of its own (`format!("ssh://{host}/{path}")`,
    /// `format!("--depth={n}")`); a value checked first
    /// (`if rev.starts_with('-') { return Err(..) }`, or
    /// `if !url.starts_with("https://") { return Err(..) }`). `sh -c`
    /// command lines are `command-injection`'s.
    ///
    /// ### Why is this bad?
    /// `git clone --upload-pack='touch /tmp/x' x`, `ssh -oProxyCommand='sh
    /// -c …' host`, `tar --to-command=…`, `curl -K /tmp/evil` run commands
    /// or write files chosen by whoever picked the value, without any shell.
    ///
    /// ### Example
    /// ```rust
    /// use std::process::Command;
    ///
    /// pub fn clone(url: &str, dest: &std::path::Path) -> std::io::Result<std::process::ExitStatus> {
    ///     Command::new("git").arg("clone").arg(url).arg(dest).status()
    /// }
    /// ```
    ///
    /// ### Use instead
    /// ```rust
    /// use std::process::Command;
    ///
    /// pub fn clone(url: &str, dest: &std::path::Path) -> std::io::Result<std::process::ExitStatus> {
    ///     Command::new("git").args(["clone", "--"]).arg(url).arg(dest).status()
    /// }
    /// ```
    ///
    /// ### References
    /// - CWE-88: Improper Neutralization of Argument Delimiters in a Command ('Argument Injection')
    /// - OWASP Top 10 2021 A03: Injection
    pub(crate) ArgumentInjection {
        id: "argument-injection",
        name: "ArgumentInjection",
        summary: "an untrusted value may be read as an option by the program it is passed to",
        severity: High,
        precision: High,
        measured: [
            Realworld { findings: 0, judged: 0, tp: 0, debatable: 0, when: "session 8 (a328b37)" },
            Corpus { findings: 0, judged: 0, tp: 0, debatable: 0, when: "session 8 (a328b37)" },
        ],
        cwe: [88],
        owasp: [A03],
        tags: ["injection", "taint"],
        options: [crate::rules::taint::sources_option("remote, network, command-line, library")],
    }
}

/// Its sinks are the crate models' `rule = "argument-injection"` entries (`lints/models/std.toml`).
const SPEC: TaintSpec = TaintSpec {
    guards: &[Guard::NoLeadingDash],
    pattern: Some(PatternSafety { chars: "", no_space: false, first: "-", values: &[] }),
    library_whole: true,
    ..TaintSpec::new()
};

crate::taint_rule!(ArgumentInjection, SPEC);
