use std::ops::Index;

// `unreachable!` after exhaustive logic is not reported by default.
pub fn digit(x: u8) -> char {
    match x % 3 {
        0 => 'a',
        1 => 'b',
        2 => 'c',
        _ => unreachable!(),
    }
}

/// Returns the element at `i`.
///
/// # Panics
/// If `i` is out of bounds.
pub fn at(v: &[u8], i: usize) -> u8 {
    if i >= v.len() {
        panic!("index {i} out of bounds");
    }
    v[i]
}

#[track_caller]
pub fn require(b: bool) {
    if !b {
        panic!("requirement failed");
    }
}

pub enum Value {
    Int(i64),
    Str(String),
}

impl Value {
    pub fn expect_int(&self) -> i64 {
        match self {
            Value::Int(i) => *i,
            _ => panic!("not an int"),
        }
    }
}

pub struct Grid(Vec<u8>);
impl Index<usize> for Grid {
    type Output = u8;
    fn index(&self, i: usize) -> &u8 {
        match self.0.get(i) {
            Some(x) => x,
            None => panic!("out of the grid"),
        }
    }
}

// Constant evaluation: a compile-time error, not a runtime panic.
pub const SIZE: usize = {
    let s = 4;
    if s == 0 {
        panic!("size must not be zero");
    }
    s
};

#[allow(clippy::panic)]
pub fn allowed() {
    panic!("deliberate");
}

// A user macro that happens to be called `panic` in another crate's namespace.
pub fn other_macro() {
    mylog::panic!("not std's panic");
}

#[cfg(test)]
mod tests {
    #[test]
    fn t() {
        panic!("tests may panic");
    }
}

pub fn state(s: u8) -> u8 {
    match s {
        0 => 1,
        _ => panic!("internal error: entered unreachable state {s}"),
    }
}
