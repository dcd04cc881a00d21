//! Path globs as the configuration writes them: `dir/` and `dir` also match
//! everything below.

/// Compile path globs (already validated when the config was read).
pub(crate) fn build_globs(globs: &[String]) -> Option<globset::GlobSet> {
    let mut b = globset::GlobSetBuilder::new();
    for g in globs {
        for pat in glob_variants(g) {
            if let Ok(glob) = globset::GlobBuilder::new(&pat).literal_separator(false).build() {
                b.add(glob);
            }
        }
    }
    b.build().ok()
}

/// `dir/` or `dir` also match everything below it.
pub(crate) fn glob_variants(g: &str) -> Vec<String> {
    let g = g.trim_start_matches("./");
    let base = g.trim_end_matches('/');
    if base.contains(['*', '?', '[']) { vec![base.to_string()] } else { vec![base.to_string(), format!("{base}/**")] }
}
