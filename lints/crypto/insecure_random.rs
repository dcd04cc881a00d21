use crate::rules::prelude::*;
use crate::rules::chain::{self, Dest, NodeId};
use crate::syntax::exprs::{is_constant, strip_parens_and_refs};
use crate::rules::secret_names::{self, SecretKind};
use proc_macro2::Span;
use syn::{Expr, ExprCall, ExprMethodCall};

declare_rule! {
    /// ### What it does
    /// Flags secrets — tokens, keys, session ids, passwords, nonces, salts,
    /// one-time codes — generated with a generator that is not
    /// cryptographically secure or whose seed is predictable:
    /// `rand::rngs::SmallRng`, `StdRng::seed_from_u64(..)` (any 64-bit or
    /// time-based seed), `from_seed` with a constant, `rand::rngs::mock`,
    /// `rand_xorshift`, `rand_pcg`, `rand_xoshiro`, `fastrand`, `oorandom`,
    /// `nanorand`'s `WyRand`, `libc::rand`. Also flags secrets drawn from a
    /// secure generator with too few bits (`let token: u32 = rng.gen()`,
    /// `Alphanumeric.sample_string(&mut rng, 8)`): fewer than 64 bits is
    /// guessable online.
    ///
    /// What the value is comes from where it goes: the binding, field or
    /// struct it initialises (`session_id`, `Session { id }`), or the
    /// function that returns it (`fn generate_token()`). Random values for
    /// simulations, jitter, sampling or tests are not reported.
    ///
    /// ### Why is this bad?
    /// Non-cryptographic generators are designed for speed and statistics:
    /// a few outputs reveal their state, and a seed from a clock, a process
    /// id or a user id can be guessed. Anyone who predicts the next session
    /// id or reset token takes over the account.
    ///
    /// ### Example
    /// ```rust
    /// use rand::{Rng, SeedableRng};
    /// fn new_session_id() -> u64 {
    ///     let mut rng = rand::rngs::SmallRng::from_entropy();
    ///     rng.gen()
    /// }
    /// ```
    ///
    /// ### Use instead
    /// ```rust
    /// use rand::RngCore;
    /// fn new_session_id() -> [u8; 32] {
    ///     let mut id = [0u8; 32];
    ///     rand::rngs::OsRng.fill_bytes(&mut id); // or rand::thread_rng(), getrandom::getrandom
    ///     id
    /// }
    /// ```
    ///
    /// ### References
    /// - CWE-338: Use of Cryptographically Weak Pseudo-Random Number Generator (PRNG)
    /// - CWE-330: Use of Insufficiently Random Values
    /// - CWE-331: Insufficient Entropy
    /// - CWE-337: Predictable Seed in Pseudo-Random Number Generator (PRNG)
    /// - OWASP Top 10 2021 A02: Cryptographic Failures
    /// - OWASP Top 10 2021 A07: Identification and Authentication Failures
    pub(crate) InsecureRandom {
        id: "insecure-random",
        name: "PredictableSecretGeneration",
        summary: "a secret is generated with a predictable random number generator or too few bits",
        severity: High,
        precision: High,
        measured: [
            Realworld { findings: 0, judged: 0, tp: 0, debatable: 0, when: "session 8 (a328b37)" },
            Corpus { findings: 0, judged: 0, tp: 0, debatable: 0, when: "session 8 (a328b37)" },
        ],
        cwe: [338, 330, 331, 337],
        owasp: [A02, A07],
        tags: ["crypto", "auth"],
    }
}

/// Methods that draw values from an RNG (rand, fastrand, oorandom, nanorand).
const DRAW_METHODS: &[&str] = &[
    "gen", "gen_range", "random", "random_range", "next_u32", "next_u64", "fill_bytes", "try_fill_bytes", "fill",
    "sample", "sample_iter", "sample_string", "u8", "u16", "u32", "u64", "u128", "usize", "i32", "i64", "alphanumeric",
    "rand_u32", "rand_u64", "rand_range", "generate", "generate_range", "choose", "shuffle",
];

/// `fastrand`'s free functions.
const FASTRAND_FNS: &[&str] = &[
    "u8", "u16", "u32", "u64", "u128", "usize", "i8", "i16", "i32", "i64", "i128", "alphanumeric", "alphabetic",
    "lowercase", "uppercase", "digit", "fill", "choice", "char",
];

/// Generators that are never cryptographically secure.
const WEAK_RNGS: &[&str] = &[
    "SmallRng", "XorShiftRng", "Pcg32", "Pcg64", "Pcg64Mcg", "Lcg64Xsh32", "Mcg128Xsl64", "Xoshiro256PlusPlus",
    "Xoshiro256StarStar", "Xoshiro128PlusPlus", "Xoroshiro128PlusPlus", "SplitMix64", "StepRng", "Rand32", "Rand64",
    "WyRand", "Pcg", "Xorshift", "Wyrand",
];

/// How an RNG was made.
enum Source {
    /// Not cryptographically secure: a description for the message.
    Weak(String),
    /// Secure (OS entropy, `thread_rng`, `OsRng`).
    Secure,
}

impl Rule for InsecureRandom {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn interests(&self) -> Interests {
        Interests {
            keywords: &["rng", "Rng", "rand", "random", "Random"],
            methods: DRAW_METHODS,
            calls: &[
                "u8", "u16", "u32", "u64", "u128", "usize", "i32", "i64", "alphanumeric", "alphabetic", "lowercase",
                "uppercase", "digit", "fill", "rand", "random",
            ],
            ..Default::default()
        }
    }

    fn check_method_call<'ast>(&self, cx: &mut Cx<'_, 'ast>, m: &'ast ExprMethodCall) {
        let name = m.method.to_string();
        // The generator: the receiver, or the `&mut rng` argument of
        // `Alphanumeric.sample_string(&mut rng, n)` / `dist.sample(&mut rng)` /
        // `xs.choose(&mut rng)`.
        let rng_expr: &Expr = match name.as_str() {
            "sample_string" | "sample" | "choose" | "shuffle"
                if m.args.first().is_some_and(|a| matches!(a, Expr::Reference(r) if r.mutability.is_some()))
                    && !is_rng_ctor_chain(&m.receiver) =>
            {
                &m.args[0]
            }
            _ => &m.receiver,
        };
        // Where the value goes first (cheap), the generator only then.
        // `rng.fill_bytes(&mut key)`: the destination is the argument.
        let dest_name = if matches!(name.as_str(), "fill_bytes" | "try_fill_bytes" | "fill") {
            m.args.first().and_then(chain::root_local)
        } else {
            let up = chain::up(cx, NodeId::of(m));
            up.dest.as_ref().map(dest_label)
        };
        let Some(dest) = dest_name else { return };
        let Some(kind) = secret_kind(&dest) else { return };
        let Some((source, origin)) = rng_source(cx, rng_expr) else { return };
        match source {
            Source::Weak(how) => {
                let mut d = cx
                    .report_between(
                        m.method.span(),
                        m.paren_token.span.close(),
                        format!("`{dest}` ({}) is generated with {how}", describe(kind)),
                    )
                    .help(HELP);
                if let Some(o) = origin {
                    d = d.label(o, "the generator is created here");
                }
                drop(d);
            }
            Source::Secure => {
                if kind == Kind::Code {
                    return;
                }
                if let Some(bits) = bits_drawn(cx, m)
                    && bits < 64
                {
                    cx.report_between(
                        m.method.span(),
                        m.paren_token.span.close(),
                        format!("`{dest}` ({}) has only about {bits} bits of randomness", describe(kind)),
                    )
                    .severity(Severity::Medium)
                    .help("draw at least 128 bits: `let mut t = [0u8; 16]; OsRng.fill_bytes(&mut t)`, or `Alphanumeric.sample_string(&mut OsRng, 22)`");
                }
            }
        }
    }

    /// `fastrand::u64(..)`, `libc::rand()`, `rand::random::<u32>()`.
    fn check_call<'ast>(&self, cx: &mut Cx<'_, 'ast>, c: &'ast ExprCall, callee: &'ast syn::Path) {
        let r = cx.resolve(callee);
        let root = r.segs.first().map(String::as_str).unwrap_or("");
        let last = r.last();
        let weak = match root {
            "fastrand" if FASTRAND_FNS.contains(&last) && r.segs.len() == 2 => Some(format!("`fastrand::{last}`, which is not cryptographically secure")),
            "libc" if last == "rand" || last == "random" => Some(format!("`libc::{last}`, which is not cryptographically secure")),
            "rand" if last == "random" => None,
            _ => return,
        };
        let up = chain::up(cx, NodeId::of(c));
        let Some(dest) = up.dest.as_ref().map(dest_label) else { return };
        let Some(kind) = secret_kind(&dest) else { return };
        let (from, to) = (callee.segments.first().map(|s| s.ident.span()), c.paren_token.span.close());
        let Some(from) = from else { return };
        match weak {
            Some(how) => {
                cx.report_between(from, to, format!("`{dest}` ({}) is generated with {how}", describe(kind))).help(HELP);
            }
            None => {
                if kind == Kind::Code {
                    return;
                }
                let ty = turbofish_type(callee).or_else(|| let_type(&up.dest));
                if let Some(bits) = ty.as_deref().and_then(type_bits)
                    && bits < 64
                {
                    cx.report_between(from, to, format!("`{dest}` ({}) has only about {bits} bits of randomness", describe(kind)))
                        .severity(Severity::Medium)
                        .help("draw at least 128 bits: `let mut t = [0u8; 16]; OsRng.fill_bytes(&mut t)`");
                }
            }
        }
    }
}

const HELP: &str = "use a cryptographically secure generator: `rand::rngs::OsRng`, `rand::thread_rng()` (`rand::rng()` in rand 0.9), `getrandom::getrandom`, or `StdRng::from_entropy()` — never a fixed or time-based seed";

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Secret(SecretKind),
    Code,
    Nonce,
}

fn describe(k: Kind) -> &'static str {
    match k {
        Kind::Secret(s) => s.describe(),
        Kind::Code => "a one-time code",
        Kind::Nonce => "a value that must be unpredictable",
    }
}

/// What kind of secret a destination name denotes.
fn secret_kind(name: &str) -> Option<Kind> {
    match secret_names::classify(name) {
        Some(SecretKind::Code) => Some(Kind::Code),
        Some(k) => Some(Kind::Secret(k)),
        None if secret_names::is_unpredictable_value(name) => Some(Kind::Nonce),
        None => None,
    }
}

/// A name for a destination: `Session.id` reads as `session_id`.
fn dest_label(d: &Dest<'_>) -> String {
    match d {
        Dest::Field(f, ty) if secret_kind(f).is_none() && !ty.is_empty() => {
            let joined = format!("{ty}_{f}");
            if secret_kind(&joined).is_some() { format!("{ty}.{f}") } else { f.clone() }
        }
        other => other.name().to_string(),
    }
}

/// Where an RNG expression comes from: a constructor in the chain, or the
/// initialiser of the local it names.
fn rng_source(cx: &Cx<'_, '_>, e: &Expr) -> Option<(Source, Option<Span>)> {
    let e = strip(e);
    if let Some(name) = chain::local_name(e) {
        let f = cx.enclosing_fn()?;
        let local = chain::local_init(f, &name, chain::start_pos(e))?;
        let init = local.init.as_ref()?;
        let src = ctor_source(cx, strip(&init.expr))?;
        return Some((src, Some(local.let_token.span)));
    }
    ctor_source(cx, e).map(|s| (s, None))
}

fn strip(e: &Expr) -> &Expr {
    let mut e = strip_parens_and_refs(e);
    loop {
        e = match e {
            Expr::Try(t) => &t.expr,
            Expr::MethodCall(m) if matches!(m.method.to_string().as_str(), "unwrap" | "expect") => &m.receiver,
            Expr::Paren(p) => &p.expr,
            _ => return e,
        };
    }
}

/// The receiver is itself a generator constructor (`SmallRng::from_entropy()`).
fn is_rng_ctor_chain(e: &Expr) -> bool {
    matches!(strip(e), Expr::Call(c) if matches!(&*c.func, Expr::Path(p) if p.path.segments.iter().any(|s| s.ident.to_string().ends_with("Rng"))))
}

/// Classify a generator constructor call.
fn ctor_source(cx: &Cx<'_, '_>, e: &Expr) -> Option<Source> {
    match e {
        Expr::Path(p) => {
            let last = p.path.segments.last()?.ident.to_string();
            (last == "OsRng" || last == "ThreadRng").then_some(Source::Secure)
        }
        Expr::Call(c) => {
            let Expr::Path(p) = &*c.func else { return None };
            let r = cx.resolve(&p.path);
            let segs = &r.segs;
            let last = r.last();
            if matches!(last, "thread_rng" | "rng" | "OsRng") && segs.iter().any(|s| s == "rand") || last == "thread_rng" {
                return Some(Source::Secure);
            }
            if segs.len() < 2 {
                return None;
            }
            let ty = segs[segs.len() - 2].as_str();
            if segs.first().is_some_and(|s| s == "fastrand") && ty == "Rng" {
                return Some(Source::Weak("`fastrand::Rng`, which is not cryptographically secure".into()));
            }
            if WEAK_RNGS.contains(&ty) {
                return Some(Source::Weak(format!("`{ty}`, which is not cryptographically secure")));
            }
            match last {
                "seed_from_u64" => {
                    let seed = c.args.first().map(|a| cx.file.snippet(a.span()).to_string()).unwrap_or_default();
                    Some(Source::Weak(format!("`{ty}` seeded with `seed_from_u64({seed})`, which is predictable")))
                }
                "from_seed" if c.args.first().is_some_and(|a| is_constant(a) || matches!(strip_parens_and_refs(a), Expr::Repeat(_))) => {
                    Some(Source::Weak(format!("`{ty}` with a constant seed, which is predictable")))
                }
                "from_entropy" | "from_os_rng" | "from_rng" | "try_from_os_rng" | "from_thread_rng" => Some(Source::Secure),
                _ => None,
            }
        }
        _ => None,
    }
}

/// How many bits a draw yields, when the syntax says.
fn bits_drawn(cx: &Cx<'_, '_>, m: &ExprMethodCall) -> Option<u32> {
    let name = m.method.to_string();
    match name.as_str() {
        "gen" | "random" => {
            let ty = m
                .turbofish
                .as_ref()
                .and_then(|t| t.args.first())
                .map(|g| quote::quote!(#g).to_string())
                .or_else(|| let_type(&chain::up(cx, NodeId::of(m)).dest));
            ty.as_deref().and_then(type_bits)
        }
        "next_u32" | "u32" | "rand_u32" => Some(32),
        "u16" => Some(16),
        "u8" => Some(8),
        "gen_range" | "random_range" => {
            let Some(Expr::Range(r)) = m.args.first().map(strip_parens_and_refs) else { return None };
            let end = r.end.as_deref().and_then(int_lit)?;
            let start = r.start.as_deref().and_then(int_lit).unwrap_or(0);
            let span = end.saturating_sub(start).max(1);
            Some(128 - span.leading_zeros().min(127))
        }
        // `Alphanumeric.sample_string(&mut rng, n)`: ~5.95 bits a character.
        "sample_string" => m.args.get(1).and_then(int_lit).map(|n| (n as f64 * 5.95) as u32),
        _ => {
            // `rng.sample_iter(&Alphanumeric).take(n)`
            if name == "sample_iter" {
                let up = chain::up(cx, NodeId::of(m));
                let take = up.find("take")?;
                take.args.first().and_then(int_lit).map(|n| (n as f64 * 5.95) as u32)
            } else {
                None
            }
        }
    }
}

fn int_lit(e: &Expr) -> Option<u128> {
    match strip_parens_and_refs(e) {
        Expr::Lit(l) => match &l.lit {
            syn::Lit::Int(i) => i.base10_parse::<u128>().ok(),
            _ => None,
        },
        _ => None,
    }
}

fn type_bits(ty: &str) -> Option<u32> {
    Some(match ty.trim() {
        "u8" | "i8" | "bool" => 8,
        "u16" | "i16" => 16,
        "u32" | "i32" | "char" | "f32" => 32,
        _ => return None,
    })
}

fn turbofish_type(p: &syn::Path) -> Option<String> {
    match &p.segments.last()?.arguments {
        syn::PathArguments::AngleBracketed(a) => a.args.first().map(|g| quote::quote!(#g).to_string()),
        _ => None,
    }
}

/// The declared type of a `let x: T = ..` destination.
fn let_type(d: &Option<Dest<'_>>) -> Option<String> {
    match d {
        Some(Dest::Let(_, l)) => match &l.pat {
            syn::Pat::Type(t) => {
                let ty = &t.ty;
                Some(quote::quote!(#ty).to_string())
            }
            _ => None,
        },
        _ => None,
    }
}
