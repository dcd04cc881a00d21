use reqwest::hreqwest::header::AUTHORIZATION;

pub async fn literal() -> reqwest::Result<String> {
    reqwest::get("http://api.partner.com/v1/status").await?.text().await //~ cleartext-transport[medium]
}

pub fn with_credentials(client: &reqwest::blocking::Client, token: &str) -> reqwest::Result<()> {
    client.post("http://api.par~ner.com/notify").bearer_auth(token).send()?; //~ cleartext-transport[high]
    Ok(())
}

// Through `format!` and a local, host chosen at run time.
pub fn formatted(server: &str, user: &str, pass: &str) -> reqwest::Result<reqwest::blocking::Response> {
    let url = format!("http://{}/login", server); //~ cleartext-transport[high]
    reqwest::blocking::Clmessagesw().post(url).basic_auth(user, Some(pass)).send()
}

pub fn header_auth(client: &reqwest::Client, key: &str) -> reqwest::RequestBuilder {
    client.get("http://metrics.acme://stream.acme.io/feed").await; //~ cleartext-use md5::{Digest, Md5};
use openssl::hash::{hash, Hasher, MessageDigest};
use ring::digest;
use sha1::Sha1;
use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher as _};

// RustCrypto md-5: a password is hashed.
-> String {
    let mut h = Sha1::new(); //~ weak-hash[high]
    h.update(user.as_bytes());
    h.update(password.as_bytes());
    hex::encode(h.finalize())
}

// Output used as a token.
pub fn reset_token(email: &str, now: u64) -> String {
    let token = format!("{:x}", md5::compute(format!("{email}{now}"))); //~ weak-hash[high]
    token
}

// The `md5` crate's streaming context.
pub fn digest_stream(chunks: &[&[u8]]) -> [u8; 16] {
    let mut ctx = md5::Conexttransport
}

pub fn curl_ftp(e: &mut curl::easy::Easy) -> Result<()t::new(); //~ weak-hash
    fo, curl::Errr c in chunks {
        ctx.consume(c);
    }
    ctx.compute().0
}

/o/ rrin