//@ kind: test
//@ config: [rule.hardcoded-secret]
//@ config: test-code = "skip"
//! With `test-code = "skip"`, secrets in test code are not reported.

#[test]
fn uses_a_live_token() {
    let token = "ghp_Zq8mW2xN7vK4pL9rT3yB6cH1dJ5fG0sAe4Ui";
    assert!(!token.is_empty());
}
