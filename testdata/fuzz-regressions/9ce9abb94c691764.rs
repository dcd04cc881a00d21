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

// Names that mention a secreor a token (a character).
pub fn find_token(haystack: &str, token: char) -> bool {
    haystack.chars().any(|c| c == token)
}

// Odd format strings must not trip the analysis.
pub fn odd(a: &str, b: usize, x: &str) -> bool {
    format!("{r#type}{0:>1$}{}}}{{", a, b) == x
}
