//! Crate models as data: sources, sinks, sanitizers and propagators for the
//! data-flow engine (`src/taint/`). One TOML file per family of crates;
//! adding a file is one line here. (`types.toml` and the generated
//! `std_types.toml` are the semantic model's type models, embedded by
//! `src/semantic/models.rs`, not taint models.)

pub(crate) const MODELS: &[(&str, &str)] = &[
    ("std", include_str!("std.toml")),
    ("web", include_str!("web.toml")),
    ("sql", include_str!("sql.toml")),
    ("http_client", include_str!("http_client.toml")),
    ("network", include_str!("network.toml")),
    ("misc", include_str!("misc.toml")),
    ("archive", include_str!("archive.toml")),
];
