//! Rich terminal diagnostics (codespan-reporting): severity, rule id,
//! message, a code frame with labels and the data-flow path, the fix, and a
//! summary.

use std::fmt::Write as _;
use std::io::{self, Write};
use std::ops::Range;

use codespan_reporting::diagnostic::{Diagnostic, Label, LabelStyle, Severity as CsSeverity};
use codespan_reporting::files::{Error as FilesError, Files};
use codespan_reporting::term::termcolor::{Buffer, ColorSpec, WriteColor};
use codespan_reporting::term::{self, Config, Styles, StylesWriter};

use crate::engine::outcome::{Outcome, severity_index};
use crate::finding::{Finding, Location, NoteLevel};
use crate::rules::Severity;
use crate::util::escape;

/// One excerpt of a file, standing in for the whole file.
struct Excerpt<'a> {
    name: &'a str,
    /// The excerpt, terminal-escaped.
    text: &'a str,
    /// As in the file (columns are counted there).
    orig: &'a str,
    map: &'a escape::Escaped,
    first_line: usize,
    starts: Vec<usize>,
    /// Characters of the first line before `text` (a window of a long line).
    clipped: usize,
}

struct ExcerptFiles<'a>(Vec<Excerpt<'a>>);

impl<'a> Files<'a> for ExcerptFiles<'a> {
    type FileId = usize;
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, id: usize) -> Result<&'a str, FilesError> {
        self.0.get(id).map(|e| e.name).ok_or(FilesError::FileMissing)
    }

    fn source(&'a self, id: usize) -> Result<&'a str, FilesError> {
        self.0.get(id).map(|e| e.text).ok_or(FilesError::FileMissing)
    }

    fn line_index(&'a self, id: usize, byte_index: usize) -> Result<usize, FilesError> {
        let e = self.0.get(id).ok_or(FilesError::FileMissing)?;
        Ok(e.starts.binary_search(&byte_index).unwrap_or_else(|i| i - 1))
    }

    fn line_number(&'a self, id: usize, line_index: usize) -> Result<usize, FilesError> {
        let e = self.0.get(id).ok_or(FilesError::FileMissing)?;
        Ok(e.first_line + line_index)
    }

    fn column_number(&'a self, id: usize, line_index: usize, byte_index: usize) -> Result<usize, FilesError> {
        let e = self.0.get(id).ok_or(FilesError::FileMissing)?;
        let range = self.line_range(id, line_index)?;
        let orig = e.map.unmap(range.start)..e.map.unmap(range.end);
        let col = codespan_reporting::files::column_index(e.orig, orig, e.map.unmap(byte_index)) + 1;
        Ok(col + if line_index == 0 { e.clipped } else { 0 })
    }

    fn line_range(&'a self, id: usize, line_index: usize) -> Result<Range<usize>, FilesError> {
        let e = self.0.get(id).ok_or(FilesError::FileMissing)?;
        let start =
            *e.starts.get(line_index).ok_or(FilesError::LineTooLarge { given: line_index, max: e.starts.len() })?;
        let end = e.starts.get(line_index + 1).copied().unwrap_or(e.text.len());
        Ok(start..end)
    }
}

pub fn cs_severity(s: Severity) -> CsSeverity {
    match s {
        Severity::Critical | Severity::High => CsSeverity::Error,
        Severity::Medium => CsSeverity::Warning,
        Severity::Low => CsSeverity::Note,
    }
}

fn rel_range(loc: &Location, base: u32, len: usize) -> Range<usize> {
    let s = (loc.byte_start.saturating_sub(base) as usize).min(len);
    let e = (loc.byte_end.saturating_sub(base) as usize).clamp(s, len);
    s..e
}

/// Render one finding as a codespan diagnostic. Every text from the
/// scanned tree (names, messages, the excerpt) is terminal-escaped.
fn render_finding(
    out: &mut dyn WriteColor,
    f: &Finding,
    o: &Outcome,
    config: &Config,
    styles: &Styles,
) -> io::Result<()> {
    let name = escape::line(o.display_path(&f.location.path));
    let mut diag: Diagnostic<usize> =
        Diagnostic::new(cs_severity(f.severity)).with_code(f.rule).with_message(escape::line(&f.message));
    let mut files = ExcerptFiles(Vec::new());
    let mut notes = Vec::new();
    let escaped = f.excerpt.as_ref().map(|ex| escape::lines(&ex.text));
    if let (Some(ex), Some(esc)) = (&f.excerpt, &escaped) {
        let mut starts = vec![0];
        starts.extend(esc.text.match_indices('\n').map(|(i, _)| i + 1));
        files.0.push(Excerpt {
            name: &name,
            text: &esc.text,
            orig: &ex.text,
            map: esc,
            first_line: ex.first_line as usize,
            starts,
            clipped: ex.clipped as usize,
        });
        let len = ex.text.len();
        let base = ex.byte_offset;
        let range = |l: &Location| {
            let r = rel_range(l, base, len);
            esc.map(r.start)..esc.map(r.end)
        };
        let mut labels = vec![Label::primary(0, range(&f.location)).with_message(escape::line(&primary_label(f)))];
        let same_file = |l: &Location| l.path == f.location.path && (l.start.line as usize) >= ex.first_line as usize;
        let in_excerpt = |l: &Location| same_file(l) && (l.byte_end.saturating_sub(base) as usize) <= len;
        for l in &f.labels {
            if in_excerpt(&l.location) {
                labels.push(Label::secondary(0, range(&l.location)).with_message(escape::line(&l.message)));
            } else {
                notes.push(format!("{}: {}", location_text(o, &l.location), escape::line(&l.message)));
            }
        }
        let n = f.flow.len();
        for (i, step) in f.flow.iter().enumerate() {
            let msg = format!("[{}/{n}] {}", i + 1, escape::line(&step.message));
            if in_excerpt(&step.location) && step.location != f.location {
                labels.push(Label::secondary(0, range(&step.location)).with_message(msg));
            } else if step.location != f.location {
                notes.push(format!("{msg} at {}", location_text(o, &step.location)));
            }
        }
        diag = diag.with_labels(labels);
    } else {
        notes.push(format!("at {}", location_text(o, &f.location)));
    }
    if let Some(help) = &f.help {
        notes.push(format!("help: {}", escape::line(help)));
    }
    notes.extend(f.notes.iter().map(|n| escape::line(n).into_owned()));
    notes.push(classification(f, o));
    if let Some(s) = &f.suppression {
        notes.push(format!("suppressed: {}", escape::line(&s.justification)));
    }
    diag = diag.with_notes(notes);
    let mut w = StylesWriter::new(out, styles);
    term::emit_to_write_style(&mut w, config, &files, &diag).map_err(|e| match e {
        FilesError::Io(e) => e,
        other => io::Error::other(other.to_string()),
    })
}

fn primary_label(f: &Finding) -> String {
    match f.flow.last() {
        Some(step) if step.location == f.location => step.message.clone(),
        _ => String::new(),
    }
}

fn location_text(o: &Outcome, l: &Location) -> String {
    format!("{}:{}:{}", escape::line(o.display_path(&l.path)), l.start.line, l.start.col)
}

/// `severity: high · CWE-248 · OWASP A04:2021 Insecure Design · cargo sast explain <id>`
fn classification(f: &Finding, o: &Outcome) -> String {
    let mut s = match o.rule(f.rule) {
        Some(r) => r.classification(f.severity),
        None => format!("severity: {}", f.severity),
    };
    if crate::lints::by_id(f.rule).is_some() || crate::lints::deps::by_id(f.rule).is_some() {
        let _ = write!(s, " · `cargo sast explain {}`", f.rule);
    }
    s
}

/// Options for the human format.
#[derive(Debug, Clone, Copy, Default)]
pub struct HumanOptions {
    pub color: bool,
    /// Also show suppressed findings.
    pub show_suppressed: bool,
    pub show_elapsed: bool,
}

/// Render the whole report.
pub fn write(o: &Outcome, opts: HumanOptions, w: &mut dyn Write) -> io::Result<()> {
    let mut buf = if opts.color { Buffer::ansi() } else { Buffer::no_color() };
    let config = Config::default();
    let styles = Styles::default();
    for f in &o.findings {
        if f.is_suppressed() && !opts.show_suppressed {
            continue;
        }
        render_finding(&mut buf, f, o, &config, &styles)?;
    }
    for n in &o.notifications {
        let (label, spec) = match n.level {
            NoteLevel::Error | NoteLevel::Warning => ("warning", warn_spec()),
            NoteLevel::Note => ("note", ColorSpec::new()),
        };
        buf.set_color(&spec)?;
        write!(buf, "{label}")?;
        buf.reset()?;
        let msg = escape::line(&n.message);
        match (&n.path, n.line) {
            (Some(p), Some(l)) => {
                writeln!(buf, ": {}:{}:{}: {msg}", escape::line(o.display_path(p)), l, n.col.unwrap_or(1))?
            }
            (Some(p), None) => writeln!(buf, ": {}: {msg}", escape::line(o.display_path(p)))?,
            _ => writeln!(buf, ": {msg}")?,
        }
    }
    if !o.notifications.is_empty() {
        writeln!(buf)?;
    }
    write_summary(o, opts, &mut buf)?;
    w.write_all(buf.as_slice())?;
    w.flush()
}

fn warn_spec() -> ColorSpec {
    let mut s = ColorSpec::new();
    s.set_fg(Some(codespan_reporting::term::termcolor::Color::Yellow)).set_bold(true);
    s
}

/// The summary: findings by severity, files scanned/skipped, suppressed,
/// elapsed time.
pub fn write_summary(o: &Outcome, opts: HumanOptions, buf: &mut dyn WriteColor) -> io::Result<()> {
    let st = &o.stats;
    let total: usize = st.by_severity.iter().sum();
    let mut bold = ColorSpec::new();
    bold.set_bold(true);
    buf.set_color(&bold)?;
    if total == 0 {
        write!(buf, "No findings")?;
    } else {
        write!(buf, "Found {total} finding{}", plural(total))?;
        let parts: Vec<String> = Severity::ALL
            .iter()
            .filter(|s| st.by_severity[severity_index(**s)] > 0)
            .map(|s| format!("{} {s}", st.by_severity[severity_index(*s)]))
            .collect();
        write!(buf, ": {}", parts.join(", "))?;
    }
    buf.reset()?;
    if st.suppressed > 0 {
        write!(buf, " ({} suppressed", st.suppressed)?;
        if st.baselined > 0 {
            write!(buf, ", {} by the baseline", st.baselined)?;
        }
        write!(buf, ")")?;
    }
    if st.outside_diff > 0 {
        write!(buf, "; {} on unchanged lines not shown (diff mode)", st.outside_diff)?;
    }
    writeln!(buf)?;
    let audit_only = st.files_scanned == 0 && st.files_skipped == 0 && st.packages_audited > 0;
    if !audit_only {
        write!(buf, "Scanned {} file{}", st.files_scanned, plural(st.files_scanned))?;
    }
    if st.files_skipped > 0 {
        write!(buf, ", {} not analysed (see warnings above)", st.files_skipped)?;
    }
    if st.files_partial > 0 {
        write!(buf, ", {} only in part (see warnings above)", st.files_partial)?;
    }
    if st.files_excluded > 0 {
        write!(buf, ", {} excluded by config", st.files_excluded)?;
    }
    if st.packages_audited > 0 {
        let n = st.packages_audited;
        let verb = if audit_only { "Audited" } else { ", audited" };
        write!(buf, "{verb} {n} package{} against {} advisories", plural(n), st.advisories)?;
    }
    if opts.show_elapsed {
        write!(buf, " in {:.2}s", o.elapsed.as_secs_f64())?;
        if st.files_cached > 0 {
            write!(buf, " ({} from the cache)", st.files_cached)?;
        }
    }
    writeln!(buf)
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// A config error as a codespan diagnostic pointing into the file (only
/// ever the config file itself: see `ConfigError`).
pub fn config_error(e: &crate::util::toml::ConfigError, color: bool, w: &mut dyn Write) -> io::Result<()> {
    if e.text.is_empty() {
        // The file could not be read: there is no position to show.
        return writeln!(w, "error: {}", e.message);
    }
    let mut buf = if color { Buffer::ansi() } else { Buffer::no_color() };
    let name = escape::line(&e.path.display().to_string()).into_owned();
    let esc = escape::lines(e.quoted_text());
    let mut files = codespan_reporting::files::SimpleFiles::new();
    let id = files.add(name.clone(), esc.text.as_str());
    let (line, col) = e.line_col();
    let mut diag = Diagnostic::error().with_message(format!("invalid configuration: {}", escape::line(&e.message)));
    if !e.quoted_text().is_empty() {
        let text = e.quoted_text();
        let end = e.span.end.max(e.span.start).min(text.len());
        let start = e.span.start.min(end);
        diag = diag.with_labels(vec![Label::new(LabelStyle::Primary, id, esc.map(start)..esc.map(end)).with_message(
            match &e.key {
                Some(k) => format!("in `{}`", escape::line(k)),
                None => String::new(),
            },
        )]);
    }
    diag = diag.with_notes(vec![format!("at {name}:{line}:{col}")]);
    let config = Config::default();
    let styles = Styles::default();
    let mut sw = StylesWriter::new(&mut buf, &styles);
    term::emit_to_write_style(&mut sw, &config, &files, &diag).map_err(|e| io::Error::other(e.to_string()))?;
    w.write_all(buf.as_slice())
}
