use crate::rules::prelude::*;
use crate::rules::taint::{Guard, PatternSafety, TaintSpec};

declare_rule! {
    /// ### What it does
    /// Finds untrusted input used as a file system path: `std::fs` and
    /// `tokio::fs` functions, `File::open`/`create`, `OpenOptions::open`,
    /// `actix_files::NamedFile`, salvo `NamedFile::builder`/`send_file`, and
    /// paths built with `Path::join`/`push`. Keeping only the file name
    /// (`Path::file_name`, `sanitize_filename::sanitize`) or checking a
    /// canonicalized path with `starts_with(base)` makes it safe.
    ///
    /// A regex match (anchored at both ends) makes a value safe when no
    /// matched value can hold `/`, `\`, `:` or a control character, nor be
    /// `..` (`^[a-z0-9_]+$` does; `^[\w.-]+$` does not). A lexical
    /// `starts_with(base)` on a joined path that was not normalised
    /// (`canonicalize`, `path_clean`, `normpath`, `absolutize`) is not a
    /// check; keeping only `Component::Normal` parts is, and so is a
    /// workspace function returning `Result` that refuses paths outside its
    /// base — for its result, and for its argument below `check(base, p)?`.
    /// Values that reach only an error (`Err(..)`, `bail!`) do not count.
    ///
    /// ### Why is this bad?
    /// `../../etc/passwd` or an absolute path escapes the intended
    /// directory: attackers read secrets, overwrite files, or delete data.
    /// `Path::join` with an absolute path even replaces the base entirely.
    ///
    /// ### Known problems
    /// A check the caller made before it calls a helper is not seen.
    /// The 36 false findings judged on the real-world benchmark since its
    /// first triage (paths the server built, `Component::Normal` filters,
    /// validators returning `Result`, fields of a looked-up record, tuple
    /// elements) are no longer reported.
    ///
    /// ### Example
    /// ```rust
    /// use axum::extract::Path;
    ///
    /// async fn download(Path(name): Path<String>) -> Vec<u8> {
    ///     std::fs::read(format!("/srv/files/{name}")).unwrap_or_default()
    /// }
    /// ```
    ///
    /// ### Use instead
    /// ```rust
    /// use axum::extract::Path;
    ///
    /// async fn download(Path(name): Path<String>) -> Vec<u8> {
    ///     let Some(file) = std::path::Path::new(&name).file_name() else { return Vec::new() };
    ///     std::fs::read(std::path::Path::new("/srv/files").join(file)).unwrap_or_default()
    /// }
    /// ```
    ///
    /// ### References
    /// - CWE-22: Improper Limitation of a Pathname to a Restricted Directory
    /// - OWASP Top 10 2021 A01: Broken Access Control
    pub(crate) PathTraversal {
        id: "path-traversal",
        name: "PathTraversal",
        summary: "untrusted input is used as a file system path",
        severity: High,
        precision: High,
        measured: [
            Realworld { findings: 1, judged: 1, tp: 1, debatable: 0, when: "session 8 (a328b37)" },
            Corpus { findings: 0, judged: 0, tp: 0, debatable: 0, when: "session 8 (a328b37)" },
        ],
        cwe: [22],
        owasp: [A01],
        tags: ["injection", "taint", "filesystem"],
        options: [crate::rules::taint::sources_option("remote, network, library")],
    }
}

/// Its sinks are the crate models' `rule = "path-traversal"` entries (`lints/models/`).
const SPEC: TaintSpec = TaintSpec {
    guards: &[Guard::PathContainment],
    pattern: Some(PatternSafety { chars: "/\\:", no_space: true, first: "", values: &[".."] }),
    ..TaintSpec::new()
};

crate::taint_rule!(PathTraversal, SPEC);
