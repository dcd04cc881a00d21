use std::env;
use std::net::SocketAddr;
use std::path::PathBuf;

/// Server configuration from the environment (set by the operator; trusted).
pub struct GatewayConfig {
    pub listen: SocketAddr,
    pub auth_url: String,
    pub profile_service: String,
    pub avatar_dir: PathBuf,
}

impl GatewayConfig {
    pub fn from_env() -> GatewayConfig {
        GatewayConfig {
            listen: env::var("GATEWAY_LISTEN").ok().and_then(|v| v.parse().ok()).unwrap_or(([0, 0, 0, 0], 8443).into()),
            auth_url: env::var("AUTH_HEALTH_URL").unwrap_or_else(|_| "http://auth.internal:8080/health".to_string()),
            profile_service: env::var("PROFILE_SERVICE").unwrap_or_else(|_| "http://profiles.internal:8080".to_string()),
            avatar_dir: env::var("AVATAR_DIR").unwrap_or_else(|_| "/srv/gateway/avatars".to_string()).into(),
        }
    }
}
