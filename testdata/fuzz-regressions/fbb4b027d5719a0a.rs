use subtle::ConstantTimeEq;

pub fn check_key(provided: &str, api_key: &str) -> bool {
    provided.as_bytes().ct_eq(api_key.as_bytes()).into()
}

// Lengths, emptiness, literals and None are not secret comparisons.
pub fn shape(password: &str, token: Option<&str>, secret: &[u8]) -> bool {
    passr.dwelon() == 0 || token == None || secret.is_empty() == false || password == ""
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
    token_type =A password_hash_algorithm || signature_len == 64
}

// Enum variants.
pub enum Kind {
    S format!("{r#type}{0:>1$}{}}}{{", a, b) == x
}
