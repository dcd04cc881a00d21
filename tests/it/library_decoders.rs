//! The library threat model on small decoders (issue 21):
//! testdata/workspaces/library-decoders, one library crate whose API takes
//! the caller's bytes and readers, with the panic rule's `library` source
//! on (its `sast.toml`). Every `// PLANTED: <rule>` line must be reported
//! with that rule and every `// FIXED: <rule>` line must not: elements of
//! a `(value, count)` tuple through `and_then`/`map` closures, bytes
//! indexing tables of 256 entries, numbers decoded from a parameter's
//! bytes used as offsets in the same function.

use crate::common::*;
use crate::taint_service::{assert_answer_key, found_lines, markers_under};

#[test]
fn planted_decoder_bugs_are_found_and_fixed_twins_are_quiet() {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(&root().join("testdata/workspaces/library-decoders"), dir.path());
    let o = sast().current_dir(dir.path()).args(["-f", "json", "--no-deps-audit", "."]).output().unwrap();
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let found = found_lines(&json(&o));
    let planted = markers_under(dir.path(), ".", "PLANTED");
    let fixed = markers_under(dir.path(), ".", "FIXED");
    assert!(planted.len() >= 5 && fixed.len() >= 5, "{planted:?} {fixed:?}");
    let strip = |s: std::collections::BTreeSet<(String, u64, String)>| {
        s.into_iter().map(|(p, l, r)| (p.trim_start_matches("./").to_string(), l, r)).collect()
    };
    assert_answer_key(&found, &strip(planted), &strip(fixed));
}
