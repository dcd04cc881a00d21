//! `formats.toml`: the formats and non-secrets, and the values built from
//! their layouts.

use serde::Deserialize;

use crate::encode::{self, Rng};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Catalog {
    #[serde(rename = "format")]
    pub formats: Vec<Format>,
    #[serde(rename = "negative")]
    pub negatives: Vec<Negative>,
}

#[derive(Deserialize, Clone, Copy, PartialEq, Eq, Debug)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Shape {
    /// One word: a token or key.
    Token,
    /// A human-made password.
    Password,
    /// A URL or connection string (no spaces but maybe `;` and `{}`).
    Url,
    /// Several lines: PEM blocks, JSON key files.
    Multiline,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Format {
    pub id: String,
    pub family: String,
    pub shape: Shape,
    pub name: String,
    #[serde(default)]
    pub header: Option<String>,
    #[serde(default)]
    pub needs_name: bool,
    pub layout: Vec<Piece>,
    pub source: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Negative {
    pub id: String,
    pub name: String,
    pub shape: Shape,
    #[serde(default)]
    pub parts: Vec<String>,
    #[serde(default)]
    pub layout: Vec<Piece>,
    pub scopes: Vec<String>,
    pub why: String,
    pub source: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Piece {
    #[serde(default)]
    lit: Option<String>,
    #[serde(default)]
    chars: Option<String>,
    #[serde(default)]
    len: Option<usize>,
    #[serde(default)]
    crc32: Option<String>,
    #[serde(default)]
    b64: Option<usize>,
    #[serde(default)]
    pw: Option<String>,
    #[serde(default)]
    #[serde(rename = "gen")]
    generator: Option<String>,
}

impl Catalog {
    pub(crate) fn parse(text: &str) -> Result<Catalog, String> {
        let c: Catalog = toml::from_str(text).map_err(|e| e.to_string())?;
        // Build one value of each, so a bad layout fails before anything is written.
        let mut rng = Rng::new(0);
        for f in &c.formats {
            if f.source.trim().is_empty() {
                return Err(format!("format `{}` names no source", f.id));
            }
            build(&f.layout, &mut rng).map_err(|e| format!("format `{}`: {e}", f.id))?;
        }
        for n in &c.negatives {
            if n.parts.is_empty() == n.layout.is_empty() {
                return Err(format!("negative `{}`: give exactly one of `parts` and `layout`", n.id));
            }
            if n.scopes.is_empty() || n.scopes.iter().any(|s| s != "prod" && s != "test") {
                return Err(format!("negative `{}`: scopes are `prod` and/or `test`", n.id));
            }
            if n.source.trim().is_empty() || n.why.trim().is_empty() {
                return Err(format!("negative `{}` needs `why` and `source`", n.id));
            }
            build(&n.layout, &mut rng).map_err(|e| format!("negative `{}`: {e}", n.id))?;
        }
        Ok(c)
    }
}

impl Negative {
    pub(crate) fn value(&self, rng: &mut Rng) -> Result<String, String> {
        if self.parts.is_empty() { build(&self.layout, rng) } else { Ok(self.parts.concat()) }
    }
}

/// A value from a layout.
pub(crate) fn build(layout: &[Piece], rng: &mut Rng) -> Result<String, String> {
    let mut out = String::new();
    let mut random = String::new();
    for p in layout {
        if let Some(l) = &p.lit {
            out.push_str(l);
        } else if let Some(set) = &p.chars {
            let chars = encode::charset(set).ok_or_else(|| format!("unknown character set `{set}`"))?;
            let s = rng.string(chars, p.len.ok_or("`chars` needs `len`")?);
            random.push_str(&s);
            out.push_str(&s);
        } else if let Some(enc) = &p.crc32 {
            if enc != "base62" {
                return Err(format!("unknown checksum encoding `{enc}`"));
            }
            out.push_str(&encode::base62(u64::from(encode::crc32(random.as_bytes())), 6));
        } else if let Some(n) = p.b64 {
            out.push_str(&encode::base64(&rng.bytes(n)));
        } else if let Some(kind) = &p.pw {
            out.push_str(&password(rng, kind == "url"));
        } else if let Some(g) = &p.generator {
            out.push_str(&structured(g, rng)?);
        } else {
            return Err("a layout piece needs one of lit, chars, crc32, b64, pw, gen".into());
        }
    }
    Ok(out)
}

const WORDS: &[&str] = &[
    "amber", "birch", "cobalt", "delta", "ember", "fjord", "granite", "harbor", "indigo", "juniper", "kestrel",
    "lumen", "marble", "nectar", "onyx", "pylon", "quartz", "raven", "sable", "tundra", "umber", "vortex", "willow",
    "zephyr",
];

/// A password a person or a provisioning script would set: words, digits
/// and a symbol, or 16-20 random characters. Never starts with a symbol
/// (YAML) and never holds quotes, backslashes, braces, `@`, `/` or spaces.
fn password(rng: &mut Rng, url_safe: bool) -> String {
    let symbols = if url_safe { "-._~!*" } else { "-._~!*#%+=?^" };
    if rng.below(2) == 0 {
        let mut w: Vec<String> = (0..3)
            .map(|_| {
                let word = *rng.pick(WORDS);
                let mut c = word.chars();
                c.next().map(|f| f.to_ascii_uppercase().to_string() + c.as_str()).unwrap_or_default()
            })
            .collect();
        w.push(rng.string("0123456789", 4));
        let sep = rng.string(symbols, 1);
        w.join(&sep)
    } else {
        let len = 16 + rng.below(5);
        let mut s = rng.string(encode::BASE62, 1);
        let all = format!("{}{symbols}", encode::BASE62);
        s.push_str(&rng.string(&all, len - 1));
        s
    }
}

fn pem(label: &str, der: &[u8], width: usize) -> String {
    let b64 = encode::base64(der);
    let mut out = format!("-----BEGIN {label}-----\n");
    for chunk in b64.as_bytes().chunks(width) {
        out.push_str(&String::from_utf8_lossy(chunk));
        out.push('\n');
    }
    out.push_str(&format!("-----END {label}-----"));
    out
}

/// DER-looking bytes: the real leading bytes of the structure, then random.
fn der(rng: &mut Rng, head: &[u8], len: usize) -> Vec<u8> {
    let mut v = head.to_vec();
    v.extend(rng.bytes(len.saturating_sub(head.len())));
    v
}

fn structured(name: &str, rng: &mut Rng) -> Result<String, String> {
    const RSA_HEAD: &[u8] = &[0x30, 0x82, 0x04, 0xa4, 0x02, 0x01, 0x00, 0x02, 0x82, 0x01, 0x01, 0x00];
    const PKCS8_HEAD: &[u8] = &[
        0x30, 0x82, 0x04, 0xbd, 0x02, 0x01, 0x00, 0x30, 0x0d, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01,
        0x01, 0x01, 0x05, 0x00, 0x04, 0x82, 0x04, 0xa7,
    ];
    Ok(match name {
        "pem-rsa" => pem("RSA PRIVATE KEY", &der(rng, RSA_HEAD, 1192), 64),
        "pem-pkcs8" => pem("PRIVATE KEY", &der(rng, PKCS8_HEAD, 1217), 64),
        "pem-ec" => pem("EC PRIVATE KEY", &der(rng, &[0x30, 0x77, 0x02, 0x01, 0x01, 0x04, 0x20], 121), 64),
        "pem-openssh" => {
            let mut head = b"openssh-key-v1\0".to_vec();
            head.extend([0, 0, 0, 4]);
            head.extend(b"none");
            head.extend([0, 0, 0, 4]);
            head.extend(b"none");
            pem("OPENSSH PRIVATE KEY", &der(rng, &head, 399), 70)
        }
        "pem-public" => pem("PUBLIC KEY", &der(rng, &[0x30, 0x82, 0x01, 0x22, 0x30, 0x0d, 0x06, 0x09], 294), 64),
        "pgp-private" => {
            let body = der(rng, &[0x95, 0x03, 0xc6], 920);
            let crc = encode::crc24(&body).to_be_bytes();
            let b64 = encode::base64(&body);
            let mut out = String::from("-----BEGIN PGP PRIVATE KEY BLOCK-----\n\n");
            for chunk in b64.as_bytes().chunks(64) {
                out.push_str(&String::from_utf8_lossy(chunk));
                out.push('\n');
            }
            out.push('=');
            out.push_str(&encode::base64(&crc[1..]));
            out.push_str("\n-----END PGP PRIVATE KEY BLOCK-----");
            out
        }
        "age-secret-key" => encode::bech32("age-secret-key-", &rng.bytes(32)).to_ascii_uppercase(),
        "uuid" => {
            let h = rng.string("0123456789abcdef", 32);
            let variant = rng.string("89ab", 1);
            format!("{}-{}-4{}-{variant}{}-{}", &h[..8], &h[8..12], &h[13..16], &h[17..20], &h[20..])
        }
        "jwt" => {
            let header = encode::base64url_nopad(br#"{"alg":"HS256","typ":"JWT"}"#);
            let payload = format!(
                r#"{{"sub":"svc-{}","iss":"https://auth.corp.internal","scope":"orders:write","exp":{}}}"#,
                rng.string("0123456789", 6),
                1_900_000_000 + rng.below(100_000_000)
            );
            let payload = encode::base64url_nopad(payload.as_bytes());
            format!("{header}.{payload}.{}", encode::base64url_nopad(&rng.bytes(32)))
        }
        "discord-bot" => {
            let id = format!("1{}", rng.string("0123456789", 17));
            let id = encode::base64(id.as_bytes());
            format!("{}.{}.{}", id.trim_end_matches('='), rng.string(encode::BASE62, 6), rng.string(encode::BASE62, 38))
        }
        "azure-sas" => {
            let sig = encode::base64(&rng.bytes(32)).replace('+', "%2B").replace('/', "%2F").replace('=', "%3D");
            format!(
                "https://ordersprod{}.blob.core.windows.net/invoices?sv=2022-11-02&ss=b&srt=co&sp=rl&se=2027-01-01T00:00:00Z&st=2025-01-01T00:00:00Z&spr=https&sig={sig}",
                rng.string("0123456789", 4)
            )
        }
        "gcp-service-account" => {
            let project = format!("orders-prod-{}", rng.string("0123456789", 4));
            let key = pem("PRIVATE KEY", &der(rng, PKCS8_HEAD, 1217), 64).replace('\n', "\\n");
            [
                "{".to_string(),
                r#"  "type": "service_account","#.to_string(),
                format!(r#"  "project_id": "{project}","#),
                format!(r#"  "private_key_id": "{}","#, rng.string("0123456789abcdef", 40)),
                format!(r#"  "private_key": "{key}\n","#),
                format!(r#"  "client_email": "deployer@{project}.iam.gserviceaccount.com","#),
                format!(r#"  "client_id": "1{}","#, rng.string("0123456789", 20)),
                r#"  "token_uri": "https://oauth2.googleapis.com/token""#.to_string(),
                "}".to_string(),
            ]
            .join("\n")
        }
        other => return Err(format!("unknown generator `{other}`")),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn layout(toml_text: &str) -> Vec<Piece> {
        #[derive(Deserialize)]
        struct L {
            layout: Vec<Piece>,
        }
        toml::from_str::<L>(toml_text).map(|l| l.layout).unwrap_or_default()
    }

    #[test]
    fn github_style_tokens_carry_a_valid_checksum() {
        let l = layout(r#"layout = [{ lit = "ghp_" }, { chars = "base62", len = 30 }, { crc32 = "base62" }]"#);
        let t = build(&l, &mut Rng::new(3)).unwrap_or_default();
        assert_eq!(t.len(), 40);
        let (body, check) = t[4..].split_at(30);
        assert_eq!(check, encode::base62(u64::from(encode::crc32(body.as_bytes())), 6));
    }

    #[test]
    fn structured_values_have_their_documented_shape() {
        let mut rng = Rng::new(1);
        let age = structured("age-secret-key", &mut rng).unwrap_or_default();
        assert!(age.starts_with("AGE-SECRET-KEY-1") && age.len() == 74, "{age}");
        let jwt = structured("jwt", &mut rng).unwrap_or_default();
        assert_eq!(jwt.split('.').count(), 3);
        assert!(jwt.starts_with("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9."));
        let rsa = structured("pem-rsa", &mut rng).unwrap_or_default();
        assert!(rsa.lines().nth(1).is_some_and(|l| l.starts_with("MIIEpAIBAAKCAQEA") && l.len() == 64));
        let ssh = structured("pem-openssh", &mut rng).unwrap_or_default();
        assert!(ssh.lines().nth(1).is_some_and(|l| l.starts_with("b3BlbnNzaC1rZXktdjEA")));
        assert!(structured("nope", &mut rng).is_err());
    }

    #[test]
    fn passwords_stay_inside_their_character_sets() {
        let mut rng = Rng::new(5);
        for _ in 0..200 {
            let p = password(&mut rng, true);
            assert!(p.chars().next().is_some_and(|c| c.is_ascii_alphanumeric()), "{p}");
            assert!(p.chars().all(|c| c.is_ascii_alphanumeric() || "-._~!*".contains(c)), "{p}");
        }
    }

    #[test]
    fn the_shipped_catalog_parses() {
        let c = Catalog::parse(include_str!("../formats.toml"));
        assert!(c.as_ref().is_ok_and(|c| c.formats.len() >= 40 && c.negatives.len() >= 30), "{:?}", c.err());
    }
}
