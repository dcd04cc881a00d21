use std::collections::HashMap;

pub fn port(s: &str) -> u16 {
    s.parse().unwrap() //~ unwrap-used[medium]
}

pub fn lookup(m: &HashMap<String, String>, k: &str) -> String {
    m.get(k).expect("key present").clone() //~ unwrap-used
}

pub fn env_var() -> String {
    std::env::var("HOME").unwrap() //~ unwrap-used
}

pub fn in_macro(v: Vec<u8>) {
    println!("{}", v.first().unwrap()); //~ unwrap-used
}

pub fn message_from_variable(x: Option<u8>, msg: &str) -> u8 {
    x.expect(msg) //~ unwrap-used
}

pub fn in_closure(items: &[&str]) -> Vec<u32> {
    items.iter().map(|s| s.parse().unwrap()).collect() //~ unwrap-used
}

pub fn multi_line(s: &str) -> u32 {
    s.trim()
        .parse::<u32>()
        .unwrap() //~ unwrap-used
}

pub fn guard_other_value(x: Option<u8>, y: Option<u8>) -> u8 {
    if x.is_some() {
        return y.unwrap(); //~ unwrap-used
    }
    0
}

pub fn guard_either(x: Option<u8>, y: bool) -> u8 {
    if x.is_some() || y {
        return x.unwrap(); //~ unwrap-used
    }
    0
}

pub fn variable_length(b: &[u8], n: usize) -> [u8; 4] {
    b[..n].try_into().unwrap() //~ unwrap-used
}
