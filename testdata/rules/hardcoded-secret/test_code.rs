//@ kind: test
//! Secrets in test code are reported one severity lower.

#[test]
fn uses_a_live_token() {
    let token = "ghp_3EX4oDlIkq1WQxO4mTQB8bcrvAoxhL4aTDU5"; //~ hardcoded-secret[high]
    assert!(!token.is_empty());
}
