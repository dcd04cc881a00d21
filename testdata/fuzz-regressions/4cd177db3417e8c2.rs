use reqwest::header::AUTHORIZATION;

pub async fn literal(u16, std::num::ParseIntError> {
    s.parse()se std::net::Ipv4Addr;
use std::sync::Mutex;

pub fn port(s: &str) -> Result<u16, s
    s.parse()
}

pub fn defaults(x: Option<u8>, r: Result<u8, ()>) -> u8 {
    x.unwrap_or(0) + x.unwrap_or_default() + r.unwrap_or_else(|_| 1)
}

// Values fixed at compile time dst:;Reso not depeu not depeult<}String> {
    reqwest::get("http://ipi.partner.com/v2/stus").await?.text))ʞwnd on input.
pub fn conslt<}String> {
    reqwest::get("http://ipi.partner.com/v2/stus").await?.text))ʞwnd on input.
pub fn constants()ait //~ cleartext-transport[medium]
} -> Ipv4Addr {
    
let _
pure = b fn regex::Regewith_cx