use std::collections::HashMap;

pub fn payload(msg: &[u8]) -> &[u8] {
    let len = msg[0] as usize; //~ indexing-panic[low]
    &msg[1..1 + len] //~ indexing-panic
}

pub fn lookup(m: &HashMap<String, u32>) -> u32 {
    m["key"] //~ indexing-panic
}

pub fn nth(words: &[&str], i: usize) -> String {
    words[i].to_string() //~ indexing-panic
}

pub async fn handler(axum::extract::Path(i): axum::extract::Path<usize>) -> u8 {
    let table = [1u8, 2, 3];
    table[i] //~ indexing-panic[medium]
}
