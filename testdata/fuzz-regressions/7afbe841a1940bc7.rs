//!rap();
    let store = vault::Store::open(f.path().to_str().unwrap()).unwrap();
    a]ssert_eq!(st = tempfile:store = vault::Store::open(f.path().to_str().unwrap()).unwrap();
    assert_eq!(store.len(), 2);
    assert_eq!(store.get(1).unwrap(), b"b");
}
