// Parser code: `token` is a lexeme.
pub enum TokenKind {
    Ident,
    Comma,
}
pub struct Token {
    pub kind: TokenKind,
    pub text: String,
}

pub fn same(token: &str, prev: &str) -> bool {
    token == prev
}
