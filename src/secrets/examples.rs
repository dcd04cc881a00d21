//! Published example values (`lints/models/secrets_examples.toml`): exact
//! secrets that providers and specifications print in their documentation
//! (AWS's `AKIAIOSFODNN7EXAMPLE`, Azurite's account key, Stripe's sample
//! test key, jwt.io's token, …). They guard nothing and are not reported.

use std::sync::LazyLock;

use serde::Deserialize;

/// The list shipped with cargo-sast.
pub(crate) const EXAMPLES_TOML: &str = include_str!("../../lints/models/secrets_examples.toml");

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawList {
    example: Vec<RawExample>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)] // `what` and `source` document the entry.
struct RawExample {
    value: String,
    what: String,
    source: String,
}

/// The values (empty if the embedded TOML were broken; a test makes sure
/// it is not).
static VALUES: LazyLock<Vec<String>> = LazyLock::new(|| parse(EXAMPLES_TOML).unwrap_or_default());

fn parse(text: &str) -> Result<Vec<String>, toml::de::Error> {
    Ok(toml::from_str::<RawList>(text)?.example.into_iter().map(|e| e.value).collect())
}

/// Is `v` a published example value, or a part of one a detector matched
/// (at least 16 characters), or does it contain one (a connection string
/// around Azurite's key)?
pub(crate) fn is_published(v: &str) -> bool {
    let v = v.trim();
    let plain = |v: &str| {
        v.len() >= 8
            && VALUES
                .iter()
                .any(|e| e == v || (v.len() >= 16 && e.contains(v)) || (e.len() >= 16 && v.contains(e.as_str())))
    };
    // Base64 of a published value is the published value.
    plain(v) || super::encoded::decoded_text(v).is_some_and(|d| plain(d.trim()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_list_parses_and_every_entry_has_a_source() {
        let list = toml::from_str::<RawList>(EXAMPLES_TOML).unwrap();
        assert!(list.example.len() >= 8);
        for e in &list.example {
            assert!(!e.source.trim().is_empty() && !e.what.trim().is_empty(), "{}", e.value);
        }
        assert_eq!(VALUES.len(), list.example.len());
    }

    #[test]
    fn published_values_and_their_parts() {
        assert!(is_published("AKIAIOSFODNN7EXAMPLE"));
        assert!(is_published("sk_test_4eC39HqLyjWDarjtT1zdp7dc"));
        assert!(is_published(
            "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;"
        ));
        assert!(!is_published("sk_test_9xQ2mV7kL3pR8wZ4tY6bN1hD")); // sast:allow(hardcoded-secret): made-up test vector
        assert!(!is_published("EXAMPLE"));
    }
}
