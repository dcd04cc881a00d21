//@ config: [secrets]
//@ config: allow-regexes = ["^ghp_AllowListed"]
//@ config: [[secrets.pattern]]
//@ config: id = "acme-api-key"
//@ config: description = "ACME API key"
//@ config: regex = "acme_live_[a-z0-9]{32}"
//@ config: keywords = ["acme_live_"]
//! User patterns and allowlists from `[secrets]`.

const ALLOWED: &str = "ghp_AllowListedK8uSGR3MhvYYDTFy8XJfMUt1Q";
const ACME: &str = "acme_live_5n1qcexv1x9qmgqiqjfmfkxei9qr1hys"; //~ hardcoded-secret

// A name-bound format inside a config snippet literal.
pub const DD_ENV: &str = "export DD_API_KEY=8f3a9c2e7b1d4f6a0c5e9b2d7f1a3c8e\nexport DD_SITE=datadoghq.eu"; //~ hardcoded-secret

// One environment-file line, rendered for a child process or a `.env` file.
pub fn env_line(stage: &str) -> String {
    format!("DD_API_KEY=4c1e8a7f2b9d3e6a0f5c8b1d7e2a9f3c # rendered for {stage}") //~ hardcoded-secret
}

// Not a config line: lower-case prose, an empty value, a placeholder.
pub const PROSE: &str = "set dd_api_key=<your key> in the environment";
pub const EMPTY: &str = "DD_API_KEY=";
pub const HOLE: &str = "DD_API_KEY=${DD_API_KEY}";
