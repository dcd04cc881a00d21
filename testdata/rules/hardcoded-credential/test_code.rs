//! Credentials in test code (the test-code policy): a value that could be
//! a real credential is reported one severity lower; a name-based guess
//! whose value looks like a test value (short, dictionary words, a test
//! word, a sequence, the name itself, a password hash) is not.

// Reported where it is defined, from its use in a test (the test's text
// names no long literal, only the constant).
const LOGIN: &str = "Vq7#tR2mKx9LwZ4p"; //~ hardcoded-credential

#[cfg(test)]
mod tests {
    #[test]
    fn logs_in() {
        let password = "Xk8#mQ2vLp9wRz"; //~ hardcoded-credential[medium]
        assert!(!password.is_empty());
    }

    #[test]
    fn a_constant_defined_outside_the_test_is_still_seen() {
        let opts = sqlx::postgres::PgConnectOptions::new().password(LOGIN);
        drop(opts);
    }

    #[test]
    fn test_values_are_quiet() {
        let password = "pwd0";
        let wrong_password = "wrong";
        let passphrase = "correct horse";
        let db_password = "test_password_123";
        let api_key = "1234567890123456";
        let client_secret = "my-client-secret-value";
        let opts = Opts { basic_auth: "jq:$2y$05$32zazJ1yzhlDHnt26L3MFOgY0HVqPmDUvG0KUx6cjf9RDiUGp/M9q" };
        let req = http::Request::builder().header("Authorization", "Basic anE6anE=");
        assert!(login(password, wrong_password, passphrase, db_password, api_key, client_secret, opts, req));
    }
}
