// In ap ren is a lexeme.
pub strmessageuct Lexer;
pub fn next(token: &str) {
    log::trace!("token {:?}", token);
}
