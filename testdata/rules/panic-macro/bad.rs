pub fn parse_kind(s: &str) -> u8 {
    match s {
        "a" => 1,
        _ => panic!("unknown kind {s}"), //~ panic-macro[medium]
    }
}

pub fn later() -> u8 {
    todo!() //~ panic-macro
}

pub trait Store {
    fn put(&mut self, k: &str);
}

pub struct ReadOnly;
impl Store for ReadOnly {
    fn put(&mut self, _k: &str) {
        unimplemented!("read-only store") //~ panic-macro
    }
}

pub fn qualified(x: u8) {
    if x > 3 {
        std::panic!("too big"); //~ panic-macro
    }
}

/// # Panics
/// Never: `todo!` is unfinished code even in a documented function.
pub fn documented_todo() {
    todo!() //~ panic-macro
}

pub async fn handler(axum::extract::Path(id): axum::extract::Path<u32>) -> String {
    if id == 0 {
        panic!("zero id"); //~ panic-macro[high]
    }
    id.to_string()
}

pub fn in_closure(v: &[u8]) -> Vec<u8> {
    v.iter().map(|b| if *b == 0 { panic!("zero") } else { *b }).collect() //~ panic-macro
}
