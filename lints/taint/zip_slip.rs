use crate::rules::prelude::*;
use crate::rules::taint::{Guard, PatternSafety, TaintSpec};

declare_rule! {
    /// ### What it does
    /// Finds archive entry names and link targets that reach the file
    /// system while an archive is extracted, unchecked. Sources (kind
    /// `archive`): tar's `Entry::path`/`path_bytes`/`link_name` and
    /// `Header::path`/`link_name` (`let name = entry.path()?;`), zip's
    /// `ZipFile::name`/`name_raw` (`dest.join(file.name())`), and a
    /// symbolic link's target stored as a zip entry's data
    /// (`file.read_to_string(&mut target)`). Sinks: file creation and
    /// writes (`File::create(dest.join(&name))`, `fs::write`,
    /// `OpenOptions::open`), directories (`fs::create_dir_all(&out)`),
    /// permissions (`fs::set_permissions(&out, mode)`), links
    /// (`std::os::unix::fs::symlink(&target, &out)`, `fs::hard_link`),
    /// and tar's `Entry::unpack(dest.join(&name))`.
    ///
    /// Safe: zip's `enclosed_name()` (and `mangled_name()`), keeping only
    /// `Component::Normal` parts of a name (a helper that does so and
    /// returns the checked path counts for its callers), a containment
    /// check on a canonicalized path (`canonical.starts_with(&root)`),
    /// `Path::file_name`, and tar's `Entry::unpack_in(root)`, which
    /// refuses names that leave `root`.
    ///
    /// ### Why is this bad?
    /// An archive is data from whoever made it. A name like
    /// `../../home/u/.bashrc` or `/etc/cron.d/x` writes outside the
    /// destination directory; a symbolic link entry (`a -> /etc`) makes
    /// later entries (`a/cron.d/x`) write through it. Attackers overwrite
    /// configuration, keys or code, often to run commands.
    ///
    /// ### Example
    /// ```rust
    /// use std::path::Path;
    ///
    /// fn unpack<R: std::io::Read>(reader: R, dest: &Path) -> std::io::Result<()> {
    ///     let mut archive = tar::Archive::new(reader);
    ///     for entry in archive.entries()? {
    ///         let mut entry = entry?;
    ///         let name = entry.path()?.into_owned();
    ///         let mut out = std::fs::File::create(dest.join(&name))?;
    ///         std::io::copy(&mut entry, &mut out)?;
    ///     }
    ///     Ok(())
    /// }
    /// ```
    ///
    /// ### Use instead
    /// ```rust
    /// use std::path::Path;
    ///
    /// fn unpack<R: std::io::Read>(reader: R, dest: &Path) -> std::io::Result<()> {
    ///     let mut archive = tar::Archive::new(reader);
    ///     for entry in archive.entries()? {
    ///         let mut entry = entry?;
    ///         entry.unpack_in(dest)?;
    ///     }
    ///     Ok(())
    /// }
    /// ```
    ///
    /// ### References
    /// - CWE-22: Improper Limitation of a Pathname to a Restricted Directory
    /// - CWE-59: Improper Link Resolution Before File Access
    /// - OWASP Top 10 2021 A01: Broken Access Control
    pub(crate) ZipSlip {
        id: "zip-slip",
        name: "ZipSlip",
        summary: "an archive entry's name or link target is used as a path unchecked",
        severity: High,
        precision: High,
        measured: [
            Realworld { findings: 0, judged: 0, tp: 0, debatable: 0, when: "session 8 (a328b37)" },
            Corpus { findings: 0, judged: 0, tp: 0, debatable: 0, when: "session 8 (a328b37)" },
        ],
        cwe: [22, 59],
        owasp: [A01],
        tags: ["taint", "filesystem", "archive"],
        options: [crate::rules::taint::sources_option("archive")],
    }
}

/// Its sinks are the crate models' `rule = "zip-slip"` entries (`lints/models/archive.toml`).
const SPEC: TaintSpec = TaintSpec {
    guards: &[Guard::PathContainment],
    pattern: Some(PatternSafety { chars: "/\\:", no_space: true, first: "", values: &[".."] }),
    ..TaintSpec::new()
};

crate::taint_rule!(ZipSlip, SPEC);
