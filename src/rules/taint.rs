//! What a data-flow (taint) rule declares in its file: the `sources`
//! option every taint rule has. The engine (`src/taint/`) reads it.

/// The `sources` option every taint rule has: which source kinds it
/// reports (CodeQL calls these threat models). Local kinds — command line,
/// environment, stdin, files — are on by default only where they matter.
pub const fn sources_option(default: &'static str) -> super::RuleOption {
    super::RuleOption {
        name: "sources",
        kind: super::OptionKind::StrList,
        default,
        doc: "kinds of untrusted input reported: remote, network, command-line, environment, stdin, file",
    }
}
