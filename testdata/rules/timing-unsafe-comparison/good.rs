use subtle::ConstantTimeEq;

pub fn check_key(provided: &str, api_key: &str) -> bool {
    provided.as_bytes().ct_eq(api_key.as_bytes()).into()
}

// Lengths, emptiness, literals and None are not secret comparisons.
pub fn shape(password: &str, token: Option<&str>, secret: &[u8]) -> bool {
    password.len() == 0 || token == None || secret.is_empty() == false || password == ""
}

// A password and its confirmation are both typed by the same user.
pub fn signup(password: &str, password_confirmation: &str) -> bool {
    password == password_confirmation
}

pub fn change(new_password: &str, old_password: &str) -> bool {
    new_password != old_password
}

// Structural equality.
#[derive(Debug)]
pub struct Creds {
    pub secret: String,
}
impl PartialEq for Creds {
    fn eq(&self, other: &Self) -> bool {
        self.secret == other.secret
    }
}

// Names that mention a secret but are not one.
pub fn meta(token_type: &str, password_hash_algorithm: &str, signature_len: usize) -> bool {
    token_type == password_hash_algorithm || signature_len == 64
}

// Enum variants.
pub enum Kind {
    Secret,
    Public,
}
pub fn kind_is(secret_kind: &Kind) -> bool {
    matches!(secret_kind, Kind::Secret)
}

// Shapes from real code that are not secret comparisons.
pub const DEAD: u32 = 0;
pub const SIGNATURE: &[u8] = b"#?RADIANCE";
pub fn state(sid: u32) -> bool {
    sid == DEAD
}
pub fn magic(signature: &[u8]) -> bool {
    signature != SIGNATURE || signature != &b"BM"[..]
}
pub struct Hello {
    pub session_id: Vec<u8>,
}
pub fn resumed(a: &Hello, b: &Hello) -> bool {
    a.session_id == b.session_id
}
pub const TOKEN_WAKEUP: usize = 1;
pub fn dispatch(token: usize) -> bool {
    token == TOKEN_WAKEUP
}
pub fn find_event(events: &[usize], token: usize) -> Option<usize> {
    events.iter().position(|e| *e == token)
}

// A parser combinator looking for a token (a character).
pub fn find_token(haystack: &str, token: char) -> bool {
    haystack.chars().any(|c| c == token)
}

// Odd format strings must not trip the analysis.
pub fn odd(a: &str, b: usize, x: &str) -> bool {
    format!("{r#type}{0:>1$}{}}}{{", a, b) == x
}

// Emptiness tests through a dereferenced literal.
pub fn blank(password: String) -> bool {
    password == *"" || password != *""
}

// A stored token checked against its own normalised form (a migration):
// both sides are the same stored value.
pub struct DeleteToken(String);
impl DeleteToken {
    pub fn from_existing(s: &str) -> Self {
        DeleteToken(s.trim().to_string())
    }
}
impl std::fmt::Display for DeleteToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}
pub fn needs_fix(old_token: String) -> bool {
    let fixed_token = DeleteToken::from_existing(&old_token);
    fixed_token.to_string() != old_token
}

// What a password decrypts, compared with a public id: the plaintext, not
// the password.
pub fn unlocks(encrypted_key: &str, password: &str, id: u64) -> bool {
    let res = decrypt(encrypted_key, password);
    if let Ok(decrypted_key) = res {
        return decrypted_key == id.to_string();
    }
    false
}
fn decrypt(_data: &str, _password: &str) -> Result<String, ()> {
    Err(())
}
