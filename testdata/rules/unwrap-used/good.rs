use std::net::Ipv4Addr;
use std::sync::Mutex;

pub fn port(s: &str) -> Result<u16, std::num::ParseIntError> {
    s.parse()
}

pub fn defaults(x: Option<u8>, r: Result<u8, ()>) -> u8 {
    x.unwrap_or(0) + x.unwrap_or_default() + r.unwrap_or_else(|_| 1)
}

// Values fixed at compile time do not depend on input.
pub fn constants() -> Ipv4Addr {
    let _re = regex::Regex::new(r"^\d+$").unwrap();
    let _n = std::num::NonZeroU32::new(5).unwrap();
    "127.0.0.1".parse().unwrap()
}

// Lock poisoning (option `allow-lock-unwrap`, on by default).
pub fn locked(m: &Mutex<u8>) -> u8 {
    *m.lock().unwrap()
}

// A parser's own `expect` takes a token, not a message.
pub struct Parser;
pub enum Token {
    Comma,
}
impl Parser {
    pub fn expect(&mut self, _t: Token) -> Result<(), ()> {
        Ok(())
    }
    pub fn run(&mut self) -> Result<(), ()> {
        self.expect(Token::Comma)
    }
}

// A user type with its own `unwrap`, called on `self`.
pub struct Checked(u8);
impl Checked {
    pub fn unwrap(self) -> u8 {
        self.0
    }
    pub fn get(self) -> u8 {
        self.unwrap()
    }
}

#[allow(clippy::unwrap_used)]
pub fn allowed(x: Option<u8>) -> u8 {
    x.unwrap()
}

#[cfg(test)]
mod tests {
    #[test]
    fn t() {
        assert_eq!(Some(1).unwrap(), 1);
    }
}

#[test]
fn top_level_test() {
    Some(2).unwrap();
}

/// ```
/// let x: Option<u8> = None;
/// x.unwrap();
/// ```
pub fn doc_examples_are_not_code() {}

pub fn guarded(x: Option<u8>, r: Result<u8, ()>) -> u8 {
    if x.is_some() {
        return x.unwrap();
    }
    if r.is_err() {
        return 0;
    }
    r.unwrap()
}

pub fn joined(h: std::thread::JoinHandle<u8>) -> u8 {
    h.join().unwrap()
}

pub fn fixed_len(b: &[u8], i: usize) -> (u32, u16, u64) {
    (
        u32::from_le_bytes(b[0..4].try_into().unwrap()),
        u16::from_be_bytes(b[i..i + 2].try_into().expect("two bytes")),
        u64::from_le_bytes(<[u8; 8]>::try_from(&b[..8]).unwrap()),
    )
}

pub fn epoch() -> u64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs()
}

// A user type with its own `unwrap`, used on a variable in the defining file.
pub struct Sealed(u8);
impl Sealed {
    pub fn unwrap(self) -> u8 {
        self.0
    }
}
pub fn sealed(s: Sealed) -> u8 {
    s.unwrap()
}

const INTERNAL_ERROR_MSG: &str = "Fatal internal error. Please consider filing a bug report";
pub fn invariants(x: Option<u8>, y: Option<u8>) -> u8 {
    x.expect("span not found, this is a bug") + y.expect(INTERNAL_ERROR_MSG)
}

pub fn sizes<T>() -> u32 {
    std::mem::size_of::<T>().try_into().unwrap()
}
