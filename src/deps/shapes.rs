//! What a string looks like (a URL, a command, a credential path, …), the
//! credential files and network tools worth knowing by name, and decoding
//! base64 and hex.

use base64::Engine as _;

/// What a decoded or assembled string looks like.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Shape {
    Url,
    Command,
    /// A credential file or a system location (`~/.ssh`, `/etc/…`).
    SensitivePath,
    Path,
    Text,
    Binary,
}

impl Shape {
    pub(super) fn describe(self) -> &'static str {
        match self {
            Shape::Url => "a URL",
            Shape::Command => "a command",
            Shape::SensitivePath => "a credential or system path",
            Shape::Path => "a path",
            Shape::Text => "text",
            Shape::Binary => "binary data",
        }
    }
}

/// Credential files and directories, and places a build has no business
/// touching (matched case-insensitively within a string).
pub(super) const SENSITIVE_PATHS: &[&str] = &[
    ".ssh",
    "id_rsa",
    "id_dsa",
    "id_ecdsa",
    "id_ed25519",
    "authorized_keys",
    "known_hosts",
    ".git-credentials",
    ".gitconfig",
    ".cargo/credentials",
    "credentials.toml",
    ".aws/credentials",
    ".aws/config",
    ".azure",
    ".config/gcloud",
    ".kube/config",
    ".docker/config.json",
    ".netrc",
    ".npmrc",
    ".pypirc",
    ".gnupg",
    ".password-store",
    ".bash_history",
    ".zsh_history",
    ".bashrc",
    ".zshrc",
    ".profile",
    "login data",
    "wallet.dat",
    "keychain",
    "/etc/shadow",
    "/etc/passwd",
    "/etc/sudoers",
    ".cargo/config",
    ".git/hooks",
    ".git/config",
    "/proc/self/environ",
];

/// Programs that fetch from the network when run.
pub(super) const NETWORK_TOOLS: &[&str] = &[
    "curl",
    "wget",
    "aria2c",
    "nc",
    "ncat",
    "netcat",
    "socat",
    "telnet",
    "ftp",
    "tftp",
    "scp",
    "sftp",
    "rsync",
    "ssh",
    "certutil",
    "bitsadmin",
    "invoke-webrequest",
    "invoke-restmethod",
    "iwr",
    "irm",
    "start-bitstransfer",
];

/// A credential file or system location named in `s`.
pub(super) fn sensitive_path(s: &str) -> Option<&'static str> {
    static AC: std::sync::OnceLock<Option<aho_corasick::AhoCorasick>> = std::sync::OnceLock::new();
    let ac = AC
        .get_or_init(|| aho_corasick::AhoCorasick::builder().ascii_case_insensitive(true).build(SENSITIVE_PATHS).ok())
        .as_ref()?;
    let bytes = s.as_bytes();
    ac.find_overlapping_iter(s).find_map(|m| {
        let p = SENSITIVE_PATHS[m.pattern().as_usize()];
        // `.profile` and `.ssh` as path components, not as pieces of words.
        let before = m.start().checked_sub(1).map(|i| bytes[i]);
        let after = bytes.get(m.end()).copied();
        let starts = p.starts_with(['.', '/']) || before.is_none_or(|c| !c.is_ascii_alphanumeric());
        let ends = after.is_none_or(|c| !c.is_ascii_alphanumeric() && c != b'_');
        (starts && ends).then_some(p)
    })
}

/// What a string looks like.
pub(super) fn shape(s: &str) -> Shape {
    let t = s.trim();
    if t.chars().any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t')) || t.is_empty() {
        return if t.is_empty() { Shape::Text } else { Shape::Binary };
    }
    let lower = t.to_ascii_lowercase();
    if ["http://", "https://", "ftp://", "ws://", "wss://", "sftp://", "scp://", "file://", "git://", "ssh://"]
        .iter()
        .any(|p| lower.contains(p))
        || looks_like_host_port(&lower)
    {
        return Shape::Url;
    }
    let first = lower.split_whitespace().next().unwrap_or("");
    let prog = first.rsplit(['/', '\\']).next().unwrap_or(first);
    if NETWORK_TOOLS.contains(&prog)
        || (["sh", "bash", "zsh", "dash", "cmd", "cmd.exe", "powershell", "pwsh", "chmod", "python", "python3", "perl"]
            .contains(&prog)
            && lower.contains(' '))
        || lower.contains("| sh")
        || lower.contains("|sh")
        || lower.contains("| bash")
        || lower.contains("/bin/sh")
    {
        return Shape::Command;
    }
    if sensitive_path(t).is_some() || lower.starts_with("~/") || lower.starts_with("/etc/") {
        return Shape::SensitivePath;
    }
    if t.starts_with('/') || t.get(1..3) == Some(":\\") || (t.contains('/') && !t.contains(' ')) {
        return Shape::Path;
    }
    Shape::Text
}

/// `1.2.3.4:443`, `host.example:8080`.
fn looks_like_host_port(s: &str) -> bool {
    let Some((host, port)) = s.rsplit_once(':') else { return false };
    !host.is_empty()
        && !host.contains(['/', ' ', '\\'])
        && host.contains('.')
        && host.chars().all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-')
        && !port.is_empty()
        && port.len() <= 5
        && port.chars().all(|c| c.is_ascii_digit())
}

/// Base64 (standard or URL-safe, padded or not) of at least a few bytes.
pub(super) fn decode_base64(s: &str) -> Option<Vec<u8>> {
    use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
    let t: String = s.chars().filter(|c| !c.is_whitespace()).collect();
    if t.len() < 8 || !t.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '/' | '-' | '_' | '=')) {
        return None;
    }
    let cfg = GeneralPurposeConfig::new()
        .with_decode_padding_mode(DecodePaddingMode::Indifferent)
        .with_decode_allow_trailing_bits(true);
    let alphabet = if t.contains(['-', '_']) { &base64::alphabet::URL_SAFE } else { &base64::alphabet::STANDARD };
    GeneralPurpose::new(alphabet, cfg).decode(&t).ok()
}

/// Hex digits (two per byte, optional `0x`/`\x` prefixes and separators).
pub(super) fn decode_hex(s: &str) -> Option<Vec<u8>> {
    let t: String =
        s.replace("0x", "").replace("\\x", "").chars().filter(|c| !matches!(c, ' ' | ':' | ',' | '_')).collect();
    if t.len() < 8 || !t.len().is_multiple_of(2) || !t.chars().all(|c| c.is_ascii_hexdigit()) {
        return None;
    }
    (0..t.len()).step_by(2).map(|i| u8::from_str_radix(t.get(i..i + 2)?, 16).ok()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_and_sensitive_paths() {
        assert_eq!(shape("curl -s https://x | sh"), Shape::Url);
        assert_eq!(shape("sh -c 'echo hi'"), Shape::Command);
        assert_eq!(shape("/home/u/.ssh/id_ed25519"), Shape::SensitivePath);
        assert_eq!(shape("10.0.0.1:4444"), Shape::Url);
        assert_eq!(shape("hello world"), Shape::Text);
        assert_eq!(sensitive_path("my.profiler"), None);
        assert_eq!(sensitive_path("~/.profile"), Some(".profile"));
        assert_eq!(decode_hex("68747470"), Some(b"http".to_vec()));
        assert_eq!(decode_base64("aHR0cHM6Ly8"), Some(b"https://".to_vec()));
    }
}
