//! What a data-flow (taint) rule declares in its file: the `sources`
//! option every taint rule has. The engine (`src/taint/`) reads it.

/// The `sources` option every taint rule has: which source kinds it
/// reports (CodeQL calls these threat models). Local kinds — command line,
/// environment, stdin, files — are on by default only where they matter.
pub(crate) const fn sources_option(default: &'static str) -> super::RuleOption {
    super::RuleOption {
        name: "sources",
        kind: super::OptionKind::StrList,
        default,
        doc: "kinds of untrusted input reported: remote, network, command-line, environment, stdin, file, library, archive",
    }
}

/// What a data-flow rule declares besides its docs and metadata: the
/// conditions in code that make a value safe for its sinks, and how the
/// arguments of its macro sinks carry data. Its sinks are in the crate
/// models (`lints/models/*.toml`, `rule = "<id>"`). The engine reads specs
/// from the enabled rules ([`super::Rule::taint`]) and names no rule.
#[derive(Debug, Clone, Copy)]
pub struct TaintSpec {
    /// Guards that make a tested value safe for this rule, besides those
    /// every rule accepts (an exact match, an allow-list, a validator).
    pub guards: &'static [Guard],
    /// How the arguments of a formatting macro sink reach it.
    pub macro_args: MacroArgs,
    /// Values that travel only inside errors (`Err(..)`, `bail!`,
    /// `anyhow!`) reach this rule's sinks: error messages are logged and
    /// rendered, never opened, run or queried.
    pub error_values: bool,
    /// What a value matched against a literal regular expression anchored
    /// at both ends must not be able to hold to be safe for this rule;
    /// `None`: no pattern makes a value safe for it.
    pub pattern: Option<PatternSafety>,
    /// Only a line break (or another control character) makes text
    /// dangerous at this rule's sinks: values of the models'
    /// `no-line-break` types (`http::Uri`, `http::HeaderValue`) and lines
    /// split with `lines()` are safe for it, until a `decoder` (percent,
    /// base64) makes them able to hold any character again.
    pub single_line: bool,
    /// Under the library threat model, a parameter that reaches this
    /// rule's sinks whole is an attack (an argument at a position the
    /// library chose). `false`: only values the library builds into
    /// something (joined onto a base path, formatted into a text, decoded
    /// into a number) are; a path or command the caller hands in whole is
    /// the caller's own choice.
    pub library_whole: bool,
}

impl TaintSpec {
    pub const fn new() -> Self {
        TaintSpec {
            guards: &[],
            macro_args: MacroArgs::All,
            error_values: false,
            pattern: None,
            single_line: false,
            library_whole: false,
        }
    }
}

/// What a regex-validated value must not be able to hold for a rule (see
/// `taint::intra::pattern`): the pattern's language is analysed, not its
/// text.
#[derive(Debug, Clone, Copy)]
pub struct PatternSafety {
    /// Characters that must not occur anywhere in a matched value.
    pub chars: &'static str,
    /// Whitespace and control characters (line breaks, NUL, escapes) must
    /// not occur either.
    pub no_space: bool,
    /// Characters a matched value must not start with (`-`: an option).
    pub first: &'static str,
    /// Whole values the pattern must not match (`..`).
    pub values: &'static [&'static str],
}

impl Default for TaintSpec {
    fn default() -> Self {
        Self::new()
    }
}

/// A test in code that makes a value safe for some rules only.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Guard {
    /// `n > MAX` / `n < MAX` against a constant: an upper bound on a size.
    UpperBound,
    /// A number that fits in a byte (`read_u8`, `as u8`): at most 255.
    ByteSized,
    /// A size its types bound to at most 2^20 (a `u16` count, `u8 * 4`:
    /// `taint::intra::size_bound`), checked at the sink.
    SmallSize,
    /// `u64::from(n) > box_size`, `n > limit`: a size compared with
    /// another value (a limit of the format or the caller) before use.
    Compared,
    /// `n > buf.len()`, `buf.remaining() < n`, `s.is_char_boundary(n)`: an
    /// offset checked against what it indexes.
    LengthCheck,
    /// `for _ in 0..n { v.push(r.read_u32()?); }` ran to its end: `n`
    /// items came off the input one by one, a count proportional to the
    /// data received (`taint::intra::read_loop`).
    ReadLoop,
    /// `x.contains("..")` rejected, or `canonical.starts_with(&base)`: the
    /// path stays inside a directory.
    PathContainment,
    /// `url.host_str() == Some("api.example.com")`: an allowed host.
    HostAllowList,
    /// Every address the URL's host resolves to (`lookup_host`,
    /// `to_socket_addrs`) checked before the request, refusing it on a
    /// failed check (`for a in addrs { if is_local(a) { return Err(..) } }`,
    /// `if addrs.iter().any(|a| a.is_loopback()) { return .. }`).
    ResolvedAddressCheck,
    /// `t.starts_with('/') && !t.starts_with("//") && !t.contains('\\')`:
    /// a path on this site.
    LocalPath,
    /// `if x.starts_with('-') { return }`, or `x.starts_with("https://")`
    /// true: the value cannot be read as a program's option.
    NoLeadingDash,
}

/// How a formatting macro sink's arguments reach it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MacroArgs {
    /// Every argument, the format string's captures included.
    All,
    /// Arguments formatted with `Debug` (`{:?}`, tracing's `?x`) are
    /// escaped (newlines become `\n`): only the others reach the sink.
    DebugEscaped,
}

/// The `Rule` impl of a data-flow rule: its metadata, no syntax hooks (the
/// data-flow engine, `src/taint/`, checks it) and its spec.
#[macro_export]
macro_rules! taint_rule {
    ($rule:ident, $spec:ident) => {
        impl $crate::rules::Rule for $rule {
            fn meta(&self) -> &'static $crate::rules::RuleMeta {
                &Self::META
            }

            /// Checked by the data-flow engine (`src/taint/`).
            fn interests(&self) -> $crate::rules::Interests {
                $crate::rules::Interests::default()
            }

            fn taint(&self) -> Option<&'static $crate::rules::taint::TaintSpec> {
                Some(&$spec)
            }
        }
    };
}
