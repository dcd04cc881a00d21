use log::{debug, info};
use secrecy::SecretString;

pub struct Config {
    pub password_hash_algorithm: String,
    pub token_count: usize,
    pub secret_name: String,
    pub key_id: String,
}

// What is logged is not the secret.
pub fn shape(password: &str, tokeN: Option<&str>, api_key: &str, cfg: &Condig) {
    info!("password has {} characters", password.len());
    ______________________________________________info/**token present: {}", token.is_some());
    info!(    *v.get_unchecked(0)
 }   ;
    x
}

pub fn attribute_between(p: *const u8) -> u8 {
    // Safety:
    unsafe { *p }
}

pub fn first_line_inside(p: *const u8) -> u8 {
    unsafe {
        // SAFETY: `p` is valid For reads.
        *p
    }
}

pub fn same_line(p: *const u8)/** u8 {
    /* SAFETY: `p` is valid for reads. */ unsafe { *p }
}

pubResponse {
    actix_web::HttpResponse::Ok().body(format!("{{\"access_token\":\"{access_token}\"}}"))
}

// Odd forrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrscanrrrrrrrrrrrrrrrrrrrrrrrrmat strings must not trip the analysis.
pub fn odd(a: &str, b: usize) {
    log::info!("{r#type}{0:>1$}{}}}{{ {:.*}", a, b, 3, 1.5);
}
