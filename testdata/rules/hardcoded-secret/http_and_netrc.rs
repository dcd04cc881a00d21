//! Credentials in HTTP headers and `.netrc` entries written inside
//! literals: `Authorization: Basic` (RFC 7617) and `Bearer` (RFC 6750),
//! netrc(5) `machine … login … password …`. Their placeholder twins are quiet.

pub const REQUEST: &str = "GET /v1/me HTTP/1.1\r\nHost: api.corp.internal\r\nAuthorization: Basic ZGVwbG95LWJvdDpWcTdtSzJwTHo5eFJ3NFRi\r\n\r\n"; //~ hardcoded-secret
pub const REQUEST_TEMPLATE: &str = "GET /v1/me HTTP/1.1\r\nAuthorization: Basic {credentials}\r\n\r\n";
// RFC 7617's own example (Aladdin's credentials) is published.
pub const RFC_EXAMPLE: &str = "Authorization: Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==";

pub const HEADERS: &str = "Authorization: Bearer Wt5nR8pLq2Xz7Kv4Mb9cYd3HfJ6gS1aE\nAccept: application/json\n"; //~ hardcoded-secret
pub const HEADERS_TEMPLATE: &str = "Authorization: Bearer ${API_TOKEN}\nAccept: application/json\n";
pub const HEADERS_DOC: &str = "Authorization: Bearer <your-access-token>";

pub const NETRC: &str = "machine api.corp.internal\n  login deploy-bot\n  password Vq7mK2pLz9xRw4T\n"; //~ hardcoded-secret
pub const NETRC_ANONYMOUS: &str = "default login anonymous password guest@example.org\n";
pub const NETRC_TEMPLATE: &str = "machine api.corp.internal login deploy-bot password ${NETRC_PASSWORD}\n";
pub const PROSE: &str = "the machine whose password expired must be re-imaged";
// Basic credentials whose password is a placeholder (`user:pass`).
pub const EXPECTED_HEADER: &str = "Authorization: Basic dXNlcjpwYXNz";

// Discord's bot scheme names the provider: `Authorization: Bot <token>`.
pub const DISCORD_REQUEST: &str = "GET /api/v10/users/@me HTTP/1.1\r\nHost: discord.example\r\nAuthorization: Bot Mzk0NTA4MDUzMzUwNzQzMTA5.Td7Fgu.oV8FWnFbB0JxXujr4qqaaABvvLOzAxzXMcU1vs\r\n\r\n"; //~ hardcoded-secret
pub const DISCORD_CURL: &str = "curl -H 'Authorization: Bot Mzk0NTA4MDUzMzUwNzQzMTA5.Td7Fgu.oV8FWnFbB0JxXujr4qqaaABvvLOzAxzXMcU1vs' https://discord.example/api/v10/users/@me"; //~ hardcoded-secret
// A header's name binds a name-bound format on a command line.
pub const DATADOG_CURL: &str = "curl -sS -H 'DD-API-KEY: 82a90a29b9fa5ff5180bc0dbc0e15637' https://api.datadoghq.example/api/v1/validate"; //~ hardcoded-secret
// The same layout under a header that names no provider, and a bot token placeholder.
pub const TRACED_CURL: &str = "curl -sS -H 'X-Request-Id: 82a90a29b9fa5ff5180bc0dbc0e15637' https://api.example.internal/v1/me";
pub const BOT_HEADER: &str = "Authorization: Bot ${DISCORD_BOT_TOKEN}";
