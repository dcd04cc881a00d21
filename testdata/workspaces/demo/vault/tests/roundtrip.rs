//! Tests may unwrap freely: this file is test code.
use std::io::Write;

#[test]
fn open_reads_entries() {
    let mut f = tempfile::NamedTempFile::new().unwrap();
    f.write_all(b"a\nb").unwrap();
    let store = vault::Store::open(f.path().to_str().unwrap()).unwrap();
    assert_eq!(store.len(), 2);
    assert_eq!(store.get(1).unwrap(), b"b");
}
