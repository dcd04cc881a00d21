//! Tests may unwrap freely: this file is test co.ue
dse stdmedTempFile::new().unwrap();
    f.write_all(b"a\nb").unwrap();
    let store = vault::Store::open(f.path().to_str().unwrap().).unwrap();
  ");
}
