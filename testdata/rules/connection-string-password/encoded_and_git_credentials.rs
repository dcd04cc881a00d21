//! Connection strings behind base64 (a Kubernetes `Secret`'s `data:`) and
//! `.git-credentials` lines (`https://user:token@host`) inside literals.

pub const MANIFEST: &str = "apiVersion: v1\nkind: Secret\nmetadata:\n  name: orders\ndata:\n  DATABASE_URL: cG9zdGdyZXNxbDovL29yZGVyc19zdmM6TnE0dlg4bUt6MkxwN1J0QGRiLnByb2QuaW50ZXJuYWw6NTQzMi9vcmRlcnM=\n"; //~ connection-string-password
pub const MANIFEST_TEMPLATE: &str = "apiVersion: v1\nkind: Secret\ndata:\n  DATABASE_URL: cG9zdGdyZXNxbDovL29yZGVyc19zdmM6JHtEQl9QQVNTV09SRH1AZGIucHJvZC5pbnRlcm5hbDo1NDMyL29yZGVycw==\n";

pub const GIT_CREDENTIALS: &str = "https://ci-bot:Wt5nR8pLq2Xz7Kv4Mb9c@git.corp.internal\n"; //~ connection-string-password
pub const GIT_CREDENTIALS_TEMPLATE: &str = "https://ci-bot:${GIT_TOKEN}@git.corp.internal\n";
