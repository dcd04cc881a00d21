//! Credentials in test code are reported one severity lower.

#[cfg(test)]
mod tests {
    #[test]
    fn logs_in() {
        let password = "Xk8#mQ2vLp9wRz"; //~ hardcoded-credential[medium]
        assert!(!password.is_empty());
    }
}
