use axum::extract::Path;

const LOCALES: &[&str] = &["en", "de", "fr"];

fn pick(requested: &str) -> Result<&'static str, String> {
    for known in LOCALES {
        if known.eq_ignore_ascii_case(requested) {
            return Ok(known);
        }
    }
    Err(format!("unsupported locale {requested}"))
}

// The error carries the request into a log line.
pub async fn messages(Path(lang): Path<String>) -> Result<String, String> {
    let locale = match pick(&lang) {
        Ok(locale) => locale,
        Err(e) => {
            tracing::warn!("{e}"); //~ log-injection
            return Err("not found".to_string());
        }
    };
    // The success value is a literal from `LOCALES`.
    tracing::info!("serving {locale}");
    std::fs::read_to_string(format!("/srv/locales/{locale}.ftl")).map_err(|e| e.to_string())
}

// `?` hands the error to the caller, where it is logged.
fn checked(lang: &str) -> Result<&'static str, String> {
    let locale = pick(lang)?;
    Ok(locale)
}

pub async fn logged(Path(lang): Path<String>) -> String {
    match checked(&lang) {
        Ok(locale) => std::fs::read_to_string(format!("/srv/locales/{locale}.ftl")).unwrap_or_default(),
        Err(e) => {
            log::error!("{}", e); //~ log-injection
            String::new()
        }
    }
}
