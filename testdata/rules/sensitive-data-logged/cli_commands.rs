// The commands of a command-line tool, in the library target its binary
// calls (a common layout): printing what the user asked for is the feature.
pub enum OutputMode {
    Text,
    Json,
}

pub fn show_client_secret(secret: &str, mode: OutputMode) {
    match mode {
        OutputMode::Text => println!("{secret}"),
        OutputMode::Json => println!("{{\"secret\": \"{secret}\"}}"),
    }
}

pub fn enroll_totp(totp_secret: &str) {
    println!("Secret: {}", totp_secret);
}

pub struct History {
    pub password: String,
}

pub fn history(entries: &[History]) {
    for h in entries {
        println!("{}", h.password);
    }
}
