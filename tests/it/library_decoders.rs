//! The library threat model on small decoders (issue 21):
//! testdata/workspaces/library-decoders, one library crate whose API takes
//! the caller's bytes and readers, with the panic rule's `library` source
//! on (its `sast.toml`). Every `// PLANTED: <rule>` line must be reported
//! with that rule and every `// FIXED: <rule>` line must not: elements of
//! a `(value, count)` tuple through `and_then`/`map` closures, bytes
//! indexing tables of 256 entries, numbers decoded from a parameter's
//! bytes used as offsets in the same function, a byte element of a byte
//! slice (`*src.get_unchecked(i)`, `usize::from(b)`) indexing a table, and
//! a length check whose exit is a macro of the file that returns (`fail!`).

use crate::taint_service::{assert_answer_key, scan_answer_key};

#[test]
fn planted_decoder_bugs_are_found_and_fixed_twins_are_quiet() {
    let (found, planted, fixed) = scan_answer_key("library-decoders", ".");
    assert!(planted.len() >= 5 && fixed.len() >= 5, "{planted:?} {fixed:?}");
    assert_answer_key(&found, &planted, &fixed);
}
