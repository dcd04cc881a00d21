//! `--format github`: GitHub Actions workflow commands, so findings show
//! up as annotations on the pull request's diff — for repositories without
//! code scanning.

use std::io::{self, Write};

use crate::engine::outcome::Outcome;
use crate::finding::NoteLevel;
use crate::rules::Severity;

/// Escape message data (`%`, CR, LF).
fn escape_data(s: &str) -> String {
    s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// Escape a property value (also `:` and `,`).
fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

fn command(s: Severity) -> &'static str {
    match s {
        Severity::Critical | Severity::High => "error",
        Severity::Medium => "warning",
        Severity::Low => "notice",
    }
}

pub fn write(o: &Outcome, w: &mut dyn Write) -> io::Result<()> {
    use crate::util::escape::line;
    for f in o.active() {
        let l = &f.location;
        // Text from the scanned tree is made one line first (control
        // characters shown as escapes); our own line breaks are encoded.
        let mut msg = line(&f.message).into_owned();
        if let Some(h) = &f.help {
            msg.push_str("\nhelp: ");
            msg.push_str(&line(h));
        }
        if let Some(r) = o.rule(f.rule) {
            msg.push('\n');
            msg.push_str(&r.classification(f.severity));
        }
        writeln!(
            w,
            "::{} file={},line={},endLine={},col={},endColumn={},title={}::{}",
            command(f.severity),
            escape_property(&line(&l.path)),
            l.start.line,
            l.end.line,
            l.start.col,
            l.end.col,
            escape_property(&format!("cargo-sast {} ({})", f.rule, f.severity)),
            escape_data(&msg)
        )?;
    }
    for n in &o.notifications {
        let level = if n.level == NoteLevel::Note { "notice" } else { "warning" };
        match &n.path {
            Some(p) => writeln!(
                w,
                "::{level} file={},line={},title={}::{}",
                escape_property(&line(p)),
                n.line.unwrap_or(1),
                escape_property("cargo-sast"),
                escape_data(&line(&n.message))
            )?,
            None => writeln!(w, "::{level} title=cargo-sast::{}", escape_data(&line(&n.message)))?,
        }
    }
    let total: usize = o.stats.by_severity.iter().sum();
    writeln!(
        w,
        "cargo-sast: {total} finding(s), {} suppressed, {} file(s) scanned",
        o.stats.suppressed, o.stats.files_scanned
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_workflow_command_syntax() {
        assert_eq!(escape_data("50% done\nnext"), "50%25 done%0Anext");
        assert_eq!(escape_property("a:b,c"), "a%3Ab%2Cc");
    }
}
