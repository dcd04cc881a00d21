//! Secrets behind base64: Kubernetes `Secret` `data:` values,
//! `.dockerconfigjson`, encoded PEM keys. A run of base64 characters is
//! decoded when it could hold a secret (at least [`MIN_RUN`] characters,
//! at most [`MAX_RUN`]: bounded work on any input) and decodes to text;
//! the provider-format detectors then run on that text.

use base64::Engine as _;
use base64::engine::general_purpose::{STANDARD_NO_PAD, URL_SAFE_NO_PAD};

use super::detect::{Detector, TABLE};

/// The shortest run worth decoding: 24 characters hold 18 bytes, about the
/// shortest provider token.
pub(crate) const MIN_RUN: usize = 24;
/// The longest run decoded (a PEM key of 4096-bit RSA is about 4.4 KiB,
/// 5.9 KiB once encoded).
pub(crate) const MAX_RUN: usize = 16 * 1024;

/// A secret found inside a base64 run: the run's byte range in the text and
/// the detector that matched the decoded text.
pub(crate) struct EncodedHit<'t> {
    pub start: usize,
    pub end: usize,
    pub detector: &'t Detector,
}

fn is_b64(c: u8) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, b'+' | b'/' | b'-' | b'_')
}

/// The runs of base64 characters (padding included) of `text` long enough
/// to decode.
fn runs(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let b = text.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < b.len() {
            if !b.get(i).copied().is_some_and(is_b64) {
                i += 1;
                continue;
            }
            let start = i;
            while b.get(i).copied().is_some_and(is_b64) {
                i += 1;
            }
            let body = i;
            while b.get(i) == Some(&b'=') && i - body < 2 {
                i += 1;
            }
            if (MIN_RUN..=MAX_RUN).contains(&(body - start)) {
                return Some((start, i));
            }
        }
        None
    })
}

/// Could `text` hold a base64 run worth decoding? (A cheap prefilter.)
pub(crate) fn may_hold(text: &str) -> bool {
    runs(text).next().is_some()
}

/// Decode a run (standard or URL-safe alphabet, padding optional) to text.
fn decode(run: &str) -> Option<String> {
    let body = run.trim_end_matches('=');
    let bytes = STANDARD_NO_PAD.decode(body).or_else(|_| URL_SAFE_NO_PAD.decode(body)).ok()?;
    let text = String::from_utf8(bytes).ok()?;
    // Text, not binary that happens to be UTF-8.
    text.chars().all(|c| !c.is_control() || c.is_whitespace()).then_some(text)
}

/// The text a whole value decodes to, when it is one base64 run (at least
/// 8 characters) of printable text: a Kubernetes `data:` value is judged
/// by what it encodes.
pub(crate) fn decoded_text(value: &str) -> Option<String> {
    let v = value.trim();
    let body = v.trim_end_matches('=');
    if body.len() < 8 || v.len() > MAX_RUN || !body.bytes().all(is_b64) || v.len() - body.len() > 2 {
        return None;
    }
    decode(v).filter(|d| !d.trim().is_empty())
}

/// A provider-format secret of a text, written plainly or behind base64.
pub(crate) struct FormatHit {
    pub start: usize,
    pub end: usize,
    pub detector: &'static Detector,
    pub encoded: bool,
}

impl FormatHit {
    /// "hardcoded GitHub personal access token (base64-encoded)".
    pub(crate) fn message(&self) -> String {
        format!("hardcoded {}{}", self.detector.name, if self.encoded { " (base64-encoded)" } else { "" })
    }
}

/// Every provider-format secret of `text`: the plain ones, then those
/// behind base64.
pub(crate) fn format_hits(text: &str) -> Vec<FormatHit> {
    let plain = TABLE.scan(text).into_iter().map(|h| FormatHit {
        start: h.start,
        end: h.end,
        detector: h.detector,
        encoded: false,
    });
    let encoded =
        scan(text).into_iter().map(|h| FormatHit { start: h.start, end: h.end, detector: h.detector, encoded: true });
    plain.chain(encoded).collect()
}

/// Provider-format secrets inside the base64 runs of `text`.
pub(crate) fn scan(text: &str) -> Vec<EncodedHit<'static>> {
    let mut out = Vec::new();
    for (s, e) in runs(text) {
        let Some(run) = text.get(s..e) else { continue };
        let Some(decoded) = decode(run) else { continue };
        if let Some(h) = TABLE.scan(&decoded).into_iter().next() {
            out.push(EncodedHit { start: s, end: e, detector: h.detector });
        }
    }
    out
}

/// Connection strings with a password inside the base64 runs of `text` (a
/// Kubernetes `Secret`'s `DATABASE_URL` under `data:`): each run's range
/// and what the decoded text holds ("PostgreSQL connection string"). A run
/// that also holds a provider format is `scan`'s.
pub(crate) fn connection_strings(text: &str) -> Vec<(usize, usize, String)> {
    let mut out = Vec::new();
    for (s, e) in runs(text) {
        let Some(run) = text.get(s..e) else { continue };
        let Some(decoded) = decode(run) else { continue };
        if !TABLE.scan(&decoded).is_empty() {
            continue;
        }
        if let Some(h) = super::connstr::find(&decoded).first() {
            out.push((s, e, super::connstr::what(h)));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn b64(s: &str) -> String {
        base64::engine::general_purpose::STANDARD.encode(s)
    }

    #[test]
    fn finds_secrets_behind_base64() {
        let token = "ghp_R8mzQ4vN2xLp7KwT9bYc3HdJ6fGs1aEu0Vo5"; // sast:allow(hardcoded-secret): made-up test vector
        let yaml = format!("data:\n  GITHUB_TOKEN: {}\n", b64(token));
        let hits = scan(&yaml);
        assert_eq!(hits.len(), 1);
        assert_eq!(&yaml[hits[0].start..hits[0].end], b64(token));
        // A dockerconfigjson-like JSON wrapping it.
        let json = b64(&format!("{{\"auths\":{{\"ghcr.io\":{{\"password\":\"{token}\"}}}}}}"));
        assert_eq!(scan(&format!("  .dockerconfigjson: {json}")).len(), 1);
    }

    #[test]
    fn finds_connection_strings_behind_base64() {
        let url = "postgresql://svc:Nx7qR2vKm4Lp@db.prod.internal:5432/orders"; // sast:allow(connection-string-password): made-up test vector
        let yaml = format!("data:\n  DATABASE_URL: {}\n", b64(url));
        let hits = connection_strings(&yaml);
        assert_eq!(hits.len(), 1);
        assert_eq!(&yaml[hits[0].0..hits[0].1], b64(url));
        assert!(connection_strings(&b64("postgresql://svc@db.prod.internal:5432/orders")).is_empty());
        assert!(connection_strings(&b64("postgresql://svc:${DB_PASSWORD}@db/orders")).is_empty());
    }

    #[test]
    fn leaves_other_base64_alone() {
        assert!(scan(&b64("just some harmless configuration text")).is_empty());
        assert!(scan("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08").is_empty());
        // Published examples stay quiet once decoded.
        assert!(scan(&b64("sk_test_4eC39HqLyjWDarjtT1zdp7dc")).is_empty());
        assert!(!may_hold("short c2hvcnQ="));
    }

    #[test]
    fn whole_values_decode_to_what_they_wrap() {
        assert_eq!(decoded_text(&b64("changeme")).as_deref(), Some("changeme"));
        assert_eq!(decoded_text("Xk8#mQ2vLp9wRz"), None);
        assert_eq!(decoded_text("c8Vn3Qx7Lk2Wm9Rz4Tp6Yb1Hd5Jf0Gs"), None);
    }
}
