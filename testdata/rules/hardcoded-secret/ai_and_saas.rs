//! AI APIs, SaaS and monitoring.

pub const OPENAI_API_KEY: &str = "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"; //~ hardcoded-secret[critical]
pub const ANTHROPIC_API_KEY: &str = "sk-ant-api03-uXDhKD1-9w79-4EEPCskp57bsb-rofi24xpcQ3RCu__PgOb_fAyGJMDE4i_9DQ1HBU3aOptEOKETFLn9GpIfsnm4MsCOPAA"; //~ hardcoded-secret[critical]

fn hugging_face() -> &'static str {
    "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" //~ hardcoded-secret
}

fn others() -> [&'static str; 4] {
    [
        "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", //~ hardcoded-secret
        "r8_o2FEqerfN49LJsTBcQ4D7dQldoBH13LjnwpRe", //~ hardcoded-secret
        "lin_api_XHBloC8595PFKY3iC8k3xEh4DteDuQ7x1M7UpeGr", //~ hardcoded-secret
        "NRAK-XT7CWXWKOY70XR00OLBVCGM174H", //~ hardcoded-secret
    ]
}

fn sentry() -> sentry::ClientInitGuard {
    sentry::init("https://d6b7c31ca7b5da89fa571ea72fb9294a:f5f6ce8063d50a800bd375a96c54f9ce@o1234.ingest.sentry.io/5678") //~ hardcoded-secret
}

fn databricks() -> String {
    "dapia8aa19cf782323d3b4fd1fba8363f42b".to_owned() //~ hardcoded-secret
}
