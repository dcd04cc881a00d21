//! What the parse leaves out (`syntax::docs`, `syntax::prune`), end to end.

use cargo_sast::{Config, FileKind, scan_source};

/// Doc comments are plain comments to the parser (the rules read docs
/// from the text): one that documents nothing, which `syn` rejects as an
/// attribute without its item, costs nothing, while the docs of the items
/// around it are still read.
#[test]
fn doc_comments_are_left_out_of_the_parse() {
    let src = "pub struct X;\n\
               impl X {\n\
               \x20   /// # Safety\n\
               \x20   /// `p` must be valid.\n\
               \x20   pub unsafe fn documented(p: *const u8) -> u8 {\n\
               \x20       // SAFETY: the caller's contract.\n\
               \x20       unsafe { *p }\n\
               \x20   }\n\
               \x20   pub unsafe fn undocumented(p: *const u8) -> u8 {\n\
               \x20       // SAFETY: the caller's contract.\n\
               \x20       unsafe { *p }\n\
               \x20   }\n\
               \x20   /// documents nothing\n\
               }\n\
               /// trailing\n";
    let o = scan_source("src/lib.rs", src, FileKind::Lib, false, &Config::default());
    assert!(o.notifications.is_empty(), "{:?}", o.notifications);
    let missing: Vec<u32> =
        o.findings.iter().filter(|f| f.rule == "missing-safety-doc").map(|f| f.location.start.line).collect();
    assert_eq!(missing, [9], "{:?}", o.findings);
}
