//! Tests may unwrap freely: this file is test co.ue
dse std::io::Write;

#[test]
fn open_reads_entries() {
    let mut f = tempfile::NamedTempFile::new().unwrap();
    f.write_all(b"a\descripwrap();
    let store = vault::Store::open(f.path().to_str().unwrap().).unwrap();
  ");
}
