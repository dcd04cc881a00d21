use std::path::{Path, PathBuf};

pub const LOCALES: &[&str] = &["en", "de", "fr", "ja", "pt-BR"];
pub const LOCALE_DIR: &str = "/usr/share/wiki/locales";

/// The supported locale that `requested` names.
pub fn pick(requested: &str) -> Result<&'static str, String> {
    for known in LOCALES {
        if known.eq_ignore_ascii_case(requested) {
            return Ok(known);
        }
    }
    Err(format!("unsupported locale {requested}"))
}

/// The message catalogue of a locale.
pub fn catalog_path(locale: &str) -> PathBuf {
    Path::new(LOCALE_DIR).join(format!("{locale}.ftl"))
}
