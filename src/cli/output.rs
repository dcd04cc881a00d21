//! Writing reports: regular files atomically (temp file + rename in the same
//! directory, so a killed run never leaves half a report), anything else
//! (`/dev/null`, `/dev/stdout`, a FIFO) in place, and stdout tolerant of a
//! closed pipe. Inside the scanned repository nothing is followed: see
//! [`crate::util::safe_write`].

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use super::exit;
use crate::engine::outcome::Outcome;
use crate::report::{self, Format, human};

/// How a command renders its own formats (the others are the same for all).
pub(crate) struct Writers<'a> {
    pub(crate) human: &'a dyn Fn(human::HumanOptions, &mut Vec<u8>) -> io::Result<()>,
    pub(crate) json: &'a dyn Fn(&mut Vec<u8>) -> io::Result<()>,
}

/// Render each planned format and deliver it; then, when stdout carries a
/// machine format, the human summary on stderr. `Err` is the exit code.
pub(crate) fn deliver_reports(
    outcome: &Outcome,
    plan: &[(Format, Option<PathBuf>)],
    hopts: human::HumanOptions,
    quiet: bool,
    ecolor: bool,
    writers: &Writers<'_>,
    boundary: Option<&Path>,
) -> Result<(), u8> {
    for (fmt, dest) in plan {
        let mut buf = Vec::new();
        let res = match fmt {
            Format::Human => {
                (writers.human)(human::HumanOptions { color: hopts.color && dest.is_none(), ..hopts }, &mut buf)
            }
            Format::Json => (writers.json)(&mut buf),
            Format::Sarif => report::sarif::write(outcome, &mut buf),
            Format::Github => report::github::write(outcome, &mut buf),
            Format::Gitlab => report::gitlab::write(outcome, &mut buf),
        };
        if let Err(e) = res {
            eprint_error(&format!("cannot render the {} report: {e}", fmt.as_str()));
            return Err(exit::ERROR);
        }
        match deliver(dest.as_deref(), &buf, boundary) {
            Ok(StdoutWrite::Ok) => {}
            Ok(StdoutWrite::Closed) => break,
            Err(e) => {
                eprint_error(&e);
                return Err(exit::ERROR);
            }
        }
    }
    // Human summary on stderr when stdout carries a machine format.
    if !quiet && !plan.iter().any(|(f, d)| *f == Format::Human && d.is_none()) {
        let mut buf = if ecolor {
            codespan_reporting::term::termcolor::Buffer::ansi()
        } else {
            codespan_reporting::term::termcolor::Buffer::no_color()
        };
        for n in &outcome.notifications {
            let _ = writeln!(buf, "{}", crate::util::escape::line(&n.warning_line()));
        }
        if human::write_summary(outcome, hopts, &mut buf).is_ok() {
            let _ = io::stderr().write_all(buf.as_slice());
        }
    }
    Ok(())
}

/// Write `bytes` to `path`.
///
/// A path that does not exist yet, or names a regular file, is replaced
/// atomically, keeping the old file's permissions (a new file gets the
/// umask's). Inside `boundary` (the scanned repository) a symbolic link in
/// the file's place is replaced, never followed, and one in a directory
/// component is an error. Outside it a symbolic link is followed and what
/// it points at is written the same way, so the link stays a link; anything
/// else — a character device such as `/dev/null`, a FIFO — is opened and
/// written in place: renaming over it would put a regular file where the
/// device was, and as root that breaks `/dev/null` for every program on
/// the machine. A directory fails, as it should.
pub(crate) fn write_atomic(path: &Path, bytes: &[u8], boundary: Option<&Path>) -> io::Result<()> {
    crate::util::safe_write::write_file(path, bytes, boundary)
}

/// Write a rendered report to `dest`, or to stdout when there is none.
/// `Err` is the message for the user.
pub(crate) fn deliver(dest: Option<&Path>, bytes: &[u8], boundary: Option<&Path>) -> Result<StdoutWrite, String> {
    match dest {
        Some(path) => write_atomic(path, bytes, boundary)
            .map(|()| StdoutWrite::Ok)
            .map_err(|e| format!("cannot write {}: {e}", path.display())),
        None => write_stdout(bytes).map_err(|e| format!("cannot write to stdout: {e}")),
    }
}

/// `error: MSG` on stderr (terminal-escaped: messages carry names from
/// the scanned tree).
pub(crate) fn eprint_error(msg: &str) {
    let _ = writeln!(io::stderr(), "error: {}", crate::util::escape::line(msg));
}

/// Outcome of writing to stdout.
pub(crate) enum StdoutWrite {
    Ok,
    /// The reader went away (`| head`): stop quietly.
    Closed,
}

pub(crate) fn write_stdout(bytes: &[u8]) -> io::Result<StdoutWrite> {
    let mut out = io::stdout().lock();
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Ok(()) => Ok(StdoutWrite::Ok),
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(StdoutWrite::Closed),
        Err(e) => Err(e),
    }
}
