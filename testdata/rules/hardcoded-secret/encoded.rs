//! Secrets behind base64: Kubernetes `Secret` manifests (`data:` values),
//! encoded tokens; the detectors run on the decoded text.

pub const MANIFEST: &str = r#"apiVersion: v1 //~ hardcoded-secret
kind: Secret
metadata:
  name: app
data:
  GITHUB_TOKEN: Z2hwX1I4bXpRNHZOMnhMcDdLd1Q5YlljM0hkSjZmR3MxYUV1MFZvNQ==
"#;

pub fn slack() -> &'static str {
    "eG94Yi0yNDAxODYyNDE5LTczOTg1NDIxNTYtUWY4WmtUM21XOXhSMnZMN3BONHNKNmhE" //~ hardcoded-secret
}

// Base64 that decodes to something else is not a secret.
pub const SETTINGS: &str = "bG9nX2xldmVsPWluZm8KcmVnaW9uPWV1LXdlc3QtMQo=";
pub const CHECKSUM: &str = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
