//! What a value's own type already checked: the text of a valid value,
//! and the count a read returns.
//!
//! Text taken from a value its type validated — a `Uri`'s `path()`,
//! `query()` or `to_string()`, a `HeaderValue`'s `to_str()`, the types
//! the models list under `no-line-break` — parsed again (`parse()`,
//! `from_str`, `try_from`, `from_maybe_shared`) into such a value cannot
//! fail for what the input holds: the fact carries `valid_text`, and the
//! re-parse sinks skip it (`sink::reparses`). The mark survives locals,
//! cuts and `format!` (the literal parts are the code's own), not a
//! decoder (`%0A` decoded is a line break) and not a number made from the
//! text (`path.parse::<u32>()` fails on any word: `state::with_shape`).
//!
//! The count a read into a buffer returns (`n = s.read(&mut buf)?`,
//! `peek`, `recv`, `read_buf`) is at most that buffer's length: an offset
//! checked against what it indexes (`Guard::LengthCheck`).

use syn::ExprMethodCall;

use super::{FnAnalysis, Taint};
use crate::rules::taint::Guard;
use crate::taint::{Shape, mask};

/// Accessors of a validated value that give its text, or a part of it.
const ACCESSORS: &[&str] = &["path", "query", "path_and_query", "authority", "host", "as_str", "to_str", "to_string"];

/// Reads that return how many bytes they wrote into their buffer argument.
/// (`read_to_string`/`read_line` also decode: their `unwrap` is a sink.)
const READ_COUNTS: &[&str] =
    &["read", "peek", "recv", "read_buf", "try_read", "try_read_buf", "try_peek", "read_to_end", "read_until"];

impl FnAnalysis<'_> {
    /// A method call's result as what its receiver's type checked says
    /// (see the module).
    pub(super) fn valid_text_of_method(&mut self, m: &ExprMethodCall, t: Taint) -> Taint {
        if t.is_empty() {
            return t;
        }
        let name = m.method.to_string();
        if !m.args.is_empty() && READ_COUNTS.contains(&name.as_str()) {
            return super::sanitize(&t, mask::guarded_by(Guard::LengthCheck));
        }
        if self.models.decoder_methods.contains(&name) {
            return unmark(&t);
        }
        if m.args.is_empty() && ACCESSORS.contains(&name.as_str()) && self.receiver_line_safe(m.method.span()) {
            return t.iter().map(|f| super::Fact { valid_text: f.shape == Shape::Text, ..*f }).collect();
        }
        t
    }
}

/// The facts without the mark: what a decoder gives can hold anything.
pub(super) fn unmark(t: &[super::Fact]) -> Taint {
    t.iter().map(|f| super::Fact { valid_text: false, ..*f }).collect()
}
