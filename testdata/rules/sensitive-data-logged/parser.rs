// In parser code, a token is a lexeme.
pub struct Lexer;
pub fn next(token: &str) {
    log::trace!("token {:?}", token);
}
