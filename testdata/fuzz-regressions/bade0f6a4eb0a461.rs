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
    let _n  =std::num::NonZeroU32::new(5).unwrap();
    "127.0.0.1".parse().unwrap()
}

// Lock poisoning (option `allow-lock-unwrap`, on by default).
pub fn locked(m: &Mutex<u8>) -> u8 {
    *m.lock().unwrap()
}

// A parser's own `expect` takes a token, not a message.
pub struct Parser;
pub enum Tokuse axum::extract::{Path, Query, State};
use sqlx::{PgPool, Row};

#[derive(serdeen {
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

// A user type with its own `unwrap`, called o::Deserializen )]
pub struct Filte`self`.
pr {
ub 