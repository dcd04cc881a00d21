//! What a value is made of, from syntax alone: the origins of an
//! expression (string literals, environment variables, `OUT_DIR`, the home
//! directory, a network response, a toolchain helper, something unknown)
//! and, when the syntax fixes it, its constant value — decoding what was
//! hidden on the way (base64, hex, XOR with a constant, byte or char-code
//! arrays, reversed strings, strings split into pieces).
//!
//! The evaluation follows `let` bindings and assignments of the enclosing
//! function (flow-insensitively: every value a name is given counts),
//! constants and statics of the file, and calls of the file's own
//! functions with their arguments bound. It is bounded (depth and steps),
//! so hostile input cannot make it slow.

use std::cell::Cell;
use std::collections::{HashMap, HashSet};

use base64::Engine as _;
use syn::visit::Visit;
use syn::{Block, Expr, Item, Lit, Pat};

use crate::syntax::macros::{self, Placeholder};
use crate::syntax::paths::Imports;

/// How many values of each kind an origin keeps (the rest are dropped).
const MAX_LITERALS: usize = 16;
/// Longest constant kept, in bytes.
const MAX_VALUE: usize = 16 * 1024;
/// Evaluation limits per question.
const MAX_DEPTH: u32 = 12;
const MAX_STEPS: u32 = 4_000;

/// Where a value comes from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Origin {
    /// String literals it is made of (a few).
    pub literals: Vec<String>,
    /// Environment variables read for it (literal names).
    pub env: Vec<String>,
    /// An environment variable whose name is computed.
    pub env_computed: bool,
    /// `OUT_DIR` (the build script's output directory).
    pub out_dir: bool,
    /// `CARGO_MANIFEST_DIR` (the package's own sources).
    pub manifest_dir: bool,
    /// The user's home directory (`HOME`, `home_dir()`, …).
    pub home: bool,
    /// The temporary directory.
    pub temp: bool,
    /// A path or string joined from parts (`join`, `push`, `format!` with `/`).
    pub joined: bool,
    /// A toolchain helper's value (`cc::Build`, `pkg_config`, …).
    pub toolchain: bool,
    /// Data received over the network.
    pub downloaded: bool,
    /// Something syntax cannot see into (a parameter, a field, a call of
    /// another file's function).
    pub unknown: bool,
    /// How the value was hidden (`base64`, `hex`, `xor`, …), when it was.
    pub obfuscation: Vec<&'static str>,
    /// Literal pieces a constant string was assembled from.
    pub pieces: u32,
    /// The constant value, when the syntax fixes it (decoded).
    pub value: Option<String>,
    /// The constant bytes, for byte strings and arrays.
    pub bytes: Option<Vec<u8>>,
    /// A constant integer (XOR keys, file modes).
    pub int: Option<u64>,
}

impl Origin {
    fn literal(s: String) -> Origin {
        let mut o = Origin { pieces: 1, ..Default::default() };
        push_capped(&mut o.literals, s.chars().take(200).collect());
        o.value = Some(s);
        o
    }

    fn unknown() -> Origin {
        Origin { unknown: true, ..Default::default() }
    }

    /// Both origins (`a` or `b`, or a value made of both): flags and
    /// lists merge; the constant survives only when both agree.
    pub fn union(mut self, o: Origin) -> Origin {
        for l in o.literals {
            push_capped(&mut self.literals, l);
        }
        for e in o.env {
            push_capped(&mut self.env, e);
        }
        self.env_computed |= o.env_computed;
        self.out_dir |= o.out_dir;
        self.manifest_dir |= o.manifest_dir;
        self.home |= o.home;
        self.temp |= o.temp;
        self.joined |= o.joined;
        self.toolchain |= o.toolchain;
        self.downloaded |= o.downloaded;
        self.unknown |= o.unknown;
        for t in o.obfuscation {
            if !self.obfuscation.contains(&t) {
                self.obfuscation.push(t);
            }
        }
        self.pieces = self.pieces.max(o.pieces);
        if self.value != o.value {
            self.value = None;
        }
        if self.bytes != o.bytes {
            self.bytes = None;
        }
        if self.int != o.int {
            self.int = None;
        }
        self
    }

    /// The concatenation of two values (`a + b`, `push_str`, `concat!`).
    fn concat(self, o: Origin) -> Origin {
        let value = match (&self.value, &o.value) {
            (Some(a), Some(b)) if a.len() + b.len() <= MAX_VALUE => Some(format!("{a}{b}")),
            _ => None,
        };
        let pieces = self.pieces + o.pieces;
        let mut u = self.union(o);
        u.value = value;
        u.pieces = pieces;
        u.bytes = None;
        u.int = None;
        u
    }

    /// Only flags: the value is something new made from this one.
    fn derived(mut self) -> Origin {
        self.value = None;
        self.bytes = None;
        self.int = None;
        self
    }

    fn hidden(mut self, how: &'static str) -> Origin {
        if !self.obfuscation.contains(&how) {
            self.obfuscation.push(how);
        }
        self
    }

    /// Text of the constant (bytes read as UTF-8 when valid).
    pub fn text(&self) -> Option<String> {
        self.value.clone().or_else(|| self.bytes.as_ref().and_then(|b| String::from_utf8(b.clone()).ok()))
    }

    /// Any environment variable or literal is one of `names`.
    pub fn mentions_env(&self, names: &[&str]) -> bool {
        self.env.iter().any(|e| names.contains(&e.as_str()))
    }
}

fn push_capped(v: &mut Vec<String>, s: String) {
    if v.len() < MAX_LITERALS && !v.contains(&s) {
        v.push(s);
    }
}

/// What a decoded or assembled string looks like.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Shape {
    Url,
    Command,
    /// A credential file or a system location (`~/.ssh`, `/etc/…`).
    SensitivePath,
    Path,
    Text,
    Binary,
}

impl Shape {
    pub fn describe(self) -> &'static str {
        match self {
            Shape::Url => "a URL",
            Shape::Command => "a command",
            Shape::SensitivePath => "a credential or system path",
            Shape::Path => "a path",
            Shape::Text => "text",
            Shape::Binary => "binary data",
        }
    }
}

/// Credential files and directories, and places a build has no business
/// touching (matched case-insensitively within a string).
pub const SENSITIVE_PATHS: &[&str] = &[
    ".ssh",
    "id_rsa",
    "id_dsa",
    "id_ecdsa",
    "id_ed25519",
    "authorized_keys",
    "known_hosts",
    ".git-credentials",
    ".gitconfig",
    ".cargo/credentials",
    "credentials.toml",
    ".aws/credentials",
    ".aws/config",
    ".azure",
    ".config/gcloud",
    ".kube/config",
    ".docker/config.json",
    ".netrc",
    ".npmrc",
    ".pypirc",
    ".gnupg",
    ".password-store",
    ".bash_history",
    ".zsh_history",
    ".bashrc",
    ".zshrc",
    ".profile",
    "login data",
    "wallet.dat",
    "keychain",
    "/etc/shadow",
    "/etc/passwd",
    "/etc/sudoers",
];

/// Programs that fetch from the network when run.
pub const NETWORK_TOOLS: &[&str] = &[
    "curl",
    "wget",
    "aria2c",
    "nc",
    "ncat",
    "netcat",
    "socat",
    "telnet",
    "ftp",
    "tftp",
    "scp",
    "sftp",
    "rsync",
    "ssh",
    "certutil",
    "bitsadmin",
    "invoke-webrequest",
    "invoke-restmethod",
    "iwr",
    "irm",
    "start-bitstransfer",
];

/// A credential file or system location named in `s`.
pub fn sensitive_path(s: &str) -> Option<&'static str> {
    static AC: std::sync::OnceLock<Option<aho_corasick::AhoCorasick>> = std::sync::OnceLock::new();
    let ac = AC
        .get_or_init(|| aho_corasick::AhoCorasick::builder().ascii_case_insensitive(true).build(SENSITIVE_PATHS).ok())
        .as_ref()?;
    let bytes = s.as_bytes();
    ac.find_overlapping_iter(s).find_map(|m| {
        let p = SENSITIVE_PATHS[m.pattern().as_usize()];
        // `.profile` and `.ssh` as path components, not as pieces of words.
        let before = m.start().checked_sub(1).map(|i| bytes[i]);
        let after = bytes.get(m.end()).copied();
        let starts = p.starts_with(['.', '/']) || before.is_none_or(|c| !c.is_ascii_alphanumeric());
        let ends = after.is_none_or(|c| !c.is_ascii_alphanumeric() && c != b'_');
        (starts && ends).then_some(p)
    })
}

/// What a string looks like.
pub fn shape(s: &str) -> Shape {
    let t = s.trim();
    if t.chars().any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t')) || t.is_empty() {
        return if t.is_empty() { Shape::Text } else { Shape::Binary };
    }
    let lower = t.to_ascii_lowercase();
    if ["http://", "https://", "ftp://", "ws://", "wss://", "sftp://", "scp://", "file://", "git://", "ssh://"]
        .iter()
        .any(|p| lower.contains(p))
        || looks_like_host_port(&lower)
    {
        return Shape::Url;
    }
    let first = lower.split_whitespace().next().unwrap_or("");
    let prog = first.rsplit(['/', '\\']).next().unwrap_or(first);
    if NETWORK_TOOLS.contains(&prog)
        || (["sh", "bash", "zsh", "dash", "cmd", "cmd.exe", "powershell", "pwsh", "chmod", "python", "python3", "perl"]
            .contains(&prog)
            && lower.contains(' '))
        || lower.contains("| sh")
        || lower.contains("|sh")
        || lower.contains("| bash")
        || lower.contains("/bin/sh")
    {
        return Shape::Command;
    }
    if sensitive_path(t).is_some() || lower.starts_with("~/") || lower.starts_with("/etc/") {
        return Shape::SensitivePath;
    }
    if t.starts_with('/') || t.get(1..3) == Some(":\\") || (t.contains('/') && !t.contains(' ')) {
        return Shape::Path;
    }
    Shape::Text
}

/// `1.2.3.4:443`, `host.example:8080`.
fn looks_like_host_port(s: &str) -> bool {
    let Some((host, port)) = s.rsplit_once(':') else { return false };
    !host.is_empty()
        && !host.contains(['/', ' ', '\\'])
        && host.contains('.')
        && host.chars().all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-')
        && !port.is_empty()
        && port.len() <= 5
        && port.chars().all(|c| c.is_ascii_digit())
}

/// Base64 (standard or URL-safe, padded or not) of at least a few bytes.
pub fn decode_base64(s: &str) -> Option<Vec<u8>> {
    use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
    let t: String = s.chars().filter(|c| !c.is_whitespace()).collect();
    if t.len() < 8 || !t.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '/' | '-' | '_' | '=')) {
        return None;
    }
    let cfg = GeneralPurposeConfig::new()
        .with_decode_padding_mode(DecodePaddingMode::Indifferent)
        .with_decode_allow_trailing_bits(true);
    let alphabet = if t.contains(['-', '_']) { &base64::alphabet::URL_SAFE } else { &base64::alphabet::STANDARD };
    GeneralPurpose::new(alphabet, cfg).decode(&t).ok()
}

/// Hex digits (two per byte, optional `0x`/`\x` prefixes and separators).
pub fn decode_hex(s: &str) -> Option<Vec<u8>> {
    let t: String =
        s.replace("0x", "").replace("\\x", "").chars().filter(|c| !matches!(c, ' ' | ':' | ',' | '_')).collect();
    if t.len() < 8 || t.len() % 2 != 0 || !t.chars().all(|c| c.is_ascii_hexdigit()) {
        return None;
    }
    (0..t.len()).step_by(2).map(|i| u8::from_str_radix(t.get(i..i + 2)?, 16).ok()).collect()
}

/// A function definition of the file, for evaluating calls of it.
#[derive(Clone, Copy)]
pub struct FnDef<'ast> {
    name: &'ast syn::Ident,
    params: &'ast syn::punctuated::Punctuated<syn::FnArg, syn::Token![,]>,
    block: &'ast Block,
}

impl<'ast> FnDef<'ast> {
    pub fn new(sig: &'ast syn::Signature, block: &'ast Block) -> Self {
        FnDef { name: &sig.ident, params: &sig.inputs, block }
    }

    /// Position of a parameter (receivers not counted).
    fn param_index(&self, name: &str) -> Option<usize> {
        self.params
            .iter()
            .filter_map(|p| match p {
                syn::FnArg::Typed(t) => Some(crate::syntax::exprs::pat_ident(&t.pat).map(|i| i.ident.to_string())),
                syn::FnArg::Receiver(_) => None,
            })
            .position(|n| n.as_deref() == Some(name))
    }
}

/// Calls of the file's functions: callee name → (arguments, calling function).
type Callers<'ast> = HashMap<String, Vec<(&'ast syn::punctuated::Punctuated<Expr, syn::Token![,]>, FnDef<'ast>)>>;

/// The file-wide facts the evaluation needs.
pub struct FileValues<'a, 'ast> {
    imports: &'a Imports,
    items: &'ast [Item],
    /// Constants and functions by name, indexed on first use.
    index: std::cell::OnceCell<Index<'ast>>,
    /// Built on first use (most files never need it).
    callers: std::cell::OnceCell<Callers<'ast>>,
    /// Names of items the file declares (a `mod windows` is not the `windows` crate).
    pub local_items: HashSet<String>,
    steps: Cell<u32>,
}

/// The file's constants, statics and functions by name.
#[derive(Default)]
struct Index<'ast> {
    consts: HashMap<String, &'ast Expr>,
    fns: HashMap<String, FnDef<'ast>>,
}

impl<'ast> Index<'ast> {
    fn of(items: &'ast [Item]) -> Self {
        let mut ix = Index::default();
        ix.add(items);
        ix
    }

    fn add(&mut self, items: &'ast [Item]) {
        for item in items {
            match item {
                Item::Const(c) => {
                    self.consts.insert(c.ident.to_string(), &c.expr);
                }
                Item::Static(s) => {
                    self.consts.insert(s.ident.to_string(), &s.expr);
                }
                Item::Fn(f) => {
                    self.fns.insert(f.sig.ident.to_string(), FnDef::new(&f.sig, &f.block));
                }
                Item::Impl(i) => {
                    for ii in &i.items {
                        match ii {
                            syn::ImplItem::Fn(f) => {
                                self.fns.entry(f.sig.ident.to_string()).or_insert(FnDef::new(&f.sig, &f.block));
                            }
                            syn::ImplItem::Const(c) => {
                                self.consts.entry(c.ident.to_string()).or_insert(&c.expr);
                            }
                            _ => {}
                        }
                    }
                }
                Item::Mod(m) => {
                    if let Some((_, inner)) = &m.content {
                        self.add(inner);
                    }
                }
                _ => {}
            }
        }
    }
}

/// What the names of one function body are bound to.
#[derive(Default)]
pub struct Locals<'ast> {
    vars: HashMap<String, Vec<&'ast Expr>>,
    /// Locals XOR-ed in place with a constant key (`*b ^= 0x5a`).
    xor: HashMap<String, u8>,
    /// Parameters bound by a call being evaluated.
    params: HashMap<String, Origin>,
    /// The function these are the locals of (its parameters come from its callers).
    owner: Option<FnDef<'ast>>,
}

impl<'ast> Locals<'ast> {
    /// The bindings of a function body (and the closures in it).
    pub fn of_block(block: &'ast Block) -> Self {
        let mut c = Collect { out: Locals::default(), loops: HashMap::new() };
        c.visit_block(block);
        c.out
    }

    /// The bindings of a function's body; its parameters are what the
    /// file's calls of it pass.
    pub fn of_fn(sig: &'ast syn::Signature, block: &'ast Block) -> Self {
        let mut l = Self::of_block(block);
        l.owner = Some(FnDef::new(sig, block));
        l
    }

    fn of_def(def: FnDef<'ast>) -> Self {
        let mut l = Self::of_block(def.block);
        l.owner = Some(def);
        l
    }

    /// Every value a local is given.
    pub fn vars_of(&self, name: &str) -> Option<&[&'ast Expr]> {
        self.vars.get(name).map(Vec::as_slice)
    }

    /// The bindings of a free-standing expression (a constant's initialiser).
    pub fn of_expr(e: &'ast Expr) -> Self {
        let mut c = Collect { out: Locals::default(), loops: HashMap::new() };
        c.visit_expr(e);
        c.out
    }
}

struct Collect<'ast> {
    out: Locals<'ast>,
    /// Loop variable → the collection it iterates (`for b in buf.iter_mut()`).
    loops: HashMap<String, String>,
}

impl Collect<'_> {
    fn bind_pat<'ast>(vars: &mut HashMap<String, Vec<&'ast Expr>>, p: &Pat, e: &'ast Expr) {
        struct Names(Vec<String>);
        impl<'v> Visit<'v> for Names {
            fn visit_pat_ident(&mut self, i: &'v syn::PatIdent) {
                self.0.push(i.ident.to_string());
                syn::visit::visit_pat_ident(self, i);
            }
        }
        let mut n = Names(Vec::new());
        n.visit_pat(p);
        for name in n.0 {
            let list = vars.entry(name).or_default();
            if list.len() < 32 {
                list.push(e);
            }
        }
    }
}

impl<'ast> Visit<'ast> for Collect<'ast> {
    fn visit_local(&mut self, l: &'ast syn::Local) {
        if let Some(init) = &l.init {
            Self::bind_pat(&mut self.out.vars, &l.pat, &init.expr);
        }
        syn::visit::visit_local(self, l);
    }

    fn visit_expr_let(&mut self, l: &'ast syn::ExprLet) {
        Self::bind_pat(&mut self.out.vars, &l.pat, &l.expr);
        syn::visit::visit_expr_let(self, l);
    }

    fn visit_expr_for_loop(&mut self, f: &'ast syn::ExprForLoop) {
        Self::bind_pat(&mut self.out.vars, &f.pat, &f.expr);
        let collection = match crate::syntax::exprs::peel(&f.expr) {
            Expr::MethodCall(m) => crate::syntax::chain::down(m).root,
            other => other,
        };
        if let Some(name) = crate::syntax::exprs::pat_ident(&f.pat).map(|p| p.ident.to_string())
            && let Some(root) = crate::syntax::chain::root_local(collection)
        {
            self.loops.insert(name, root);
        }
        syn::visit::visit_expr_for_loop(self, f);
    }

    fn visit_expr_match(&mut self, m: &'ast syn::ExprMatch) {
        for arm in &m.arms {
            Self::bind_pat(&mut self.out.vars, &arm.pat, &m.expr);
        }
        syn::visit::visit_expr_match(self, m);
    }

    fn visit_expr_assign(&mut self, a: &'ast syn::ExprAssign) {
        if let Some(name) = crate::syntax::chain::root_local(&a.left) {
            let list = self.out.vars.entry(name).or_default();
            if list.len() < 32 {
                list.push(&a.right);
            }
        }
        syn::visit::visit_expr_assign(self, a);
    }

    fn visit_expr_binary(&mut self, b: &'ast syn::ExprBinary) {
        if let syn::BinOp::BitXorAssign(_) = b.op
            && let Some(key) = int_lit(&b.right).and_then(|k| u8::try_from(k).ok())
        {
            // `*b ^= K` on a loop variable, or `buf[i] ^= K`.
            let target = match crate::syntax::exprs::peel(&b.left) {
                Expr::Unary(u) => crate::syntax::chain::root_local(&u.expr).and_then(|v| self.loops.get(&v).cloned()),
                Expr::Index(i) => crate::syntax::chain::root_local(&i.expr),
                other => crate::syntax::chain::root_local(other).and_then(|v| self.loops.get(&v).cloned()),
            };
            if let Some(t) = target {
                self.out.xor.insert(t, key);
            }
        }
        syn::visit::visit_expr_binary(self, b);
    }

    fn visit_item(&mut self, _: &'ast Item) {}
}

fn int_lit(e: &Expr) -> Option<u64> {
    match crate::syntax::exprs::peel(e) {
        Expr::Lit(l) => match &l.lit {
            Lit::Int(i) => i.base10_parse::<u64>().ok(),
            Lit::Byte(b) => Some(u64::from(b.value())),
            Lit::Char(c) => Some(u64::from(u32::from(c.value()))),
            _ => None,
        },
        Expr::Cast(c) => int_lit(&c.expr),
        _ => None,
    }
}

/// Functions whose result is their argument, as far as origins go.
const PASS_FNS: &[&str] =
    &["new", "from", "from_str", "Some", "Ok", "Err", "Box", "into", "to_owned", "to_string", "clone", "as_ref"];

/// Methods whose result is (made from) their receiver, keeping its value.
const KEEP_METHODS: &[&str] = &[
    "unwrap",
    "expect",
    "unwrap_or_default",
    "unwrap_unchecked",
    "clone",
    "to_owned",
    "to_string",
    "into",
    "as_ref",
    "as_str",
    "as_path",
    "as_os_str",
    "to_path_buf",
    "to_str",
    "to_string_lossy",
    "into_owned",
    "into_string",
    "into_os_string",
    "as_deref",
    "ok",
    "map_err",
    "borrow",
    "deref",
    "display",
    "iter",
    "into_iter",
    "iter_mut",
    "copied",
    "cloned",
    "collect",
    "to_vec",
    "as_bytes",
    "into_bytes",
    "as_slice",
    "trim",
    "context",
    "with_context",
];

/// Methods that join a path or string from parts.
const JOIN_METHODS: &[&str] =
    &["join", "push", "push_str", "with_file_name", "with_extension", "set_file_name", "extend"];

/// Calls that decode data (the last segment of the path or the method).
const DECODE_FNS: &[&str] = &[
    "decode",
    "decode_config",
    "decode_to_vec",
    "decode_vec",
    "decode_engine",
    "from_hex",
    "decode_hex",
    "hex_decode",
    "unhex",
    "from_base64",
    "base64_decode",
    "b64decode",
    "b64_decode",
];

impl<'a, 'ast> FileValues<'a, 'ast> {
    pub fn new(items: &'ast [Item], imports: &'a Imports) -> Self {
        let mut local_items = HashSet::new();
        declared(items, &mut local_items);
        FileValues {
            imports,
            items,
            index: std::cell::OnceCell::new(),
            callers: std::cell::OnceCell::new(),
            local_items,
            steps: Cell::new(0),
        }
    }

    fn index(&self) -> &Index<'ast> {
        self.index.get_or_init(|| Index::of(self.items))
    }

    fn callers(&self) -> &Callers<'ast> {
        self.callers.get_or_init(|| {
            let mut callers: Callers<'ast> = HashMap::new();
            let fns = &self.index().fns;
            let mut defs: Vec<FnDef<'ast>> = fns.values().copied().collect();
            defs.sort_by_key(|d| d.name.to_string());
            for def in defs {
                struct Calls<'ast>(Vec<(String, &'ast syn::punctuated::Punctuated<Expr, syn::Token![,]>)>);
                impl<'ast> Visit<'ast> for Calls<'ast> {
                    fn visit_expr_call(&mut self, c: &'ast syn::ExprCall) {
                        if let Expr::Path(p) = crate::syntax::exprs::peel(&c.func)
                            && p.path.segments.len() <= 2
                            && let Some(last) = p.path.segments.last()
                            && self.0.len() < 256
                        {
                            self.0.push((last.ident.to_string(), &c.args));
                        }
                        syn::visit::visit_expr_call(self, c);
                    }
                    fn visit_item(&mut self, _: &'ast Item) {}
                }
                let mut calls = Calls(Vec::new());
                calls.visit_block(def.block);
                for (callee, args) in calls.0 {
                    if fns.contains_key(&callee) {
                        callers.entry(callee).or_default().push((args, def));
                    }
                }
            }
            callers
        })
    }

    /// The full path a written path stands for, if it can be known:
    /// through imports, as a crate path (a first segment the file does not
    /// declare), or through one of the file's glob imports.
    pub fn resolve(&self, path: &syn::Path) -> Vec<Vec<String>> {
        let r = self.imports.resolve(path);
        if r.via_import || r.segs.is_empty() {
            return vec![r.segs];
        }
        let mut out = Vec::new();
        if !self.local_items.contains(&r.segs[0]) {
            out.push(r.segs.clone());
        }
        for g in self.imports.globs() {
            if g.first().is_some_and(|f| f == "crate" || f == "self" || f == "super") {
                continue;
            }
            let mut full = g.clone();
            full.extend(r.segs.iter().cloned());
            out.push(full);
        }
        out
    }

    /// Origins of an expression in a function with these locals.
    pub fn origin(&self, e: &Expr, locals: &Locals<'ast>) -> Origin {
        self.steps.set(0);
        self.eval(e, locals, 0, &mut Vec::new())
    }

    /// [`Self::origin`] of a call.
    pub fn origin_of_call(&self, c: &syn::ExprCall, locals: &Locals<'ast>) -> Origin {
        self.steps.set(0);
        self.call(c, locals, 1, &mut Vec::new())
    }

    /// [`Self::origin`] of a method call.
    pub fn origin_of_method(&self, m: &syn::ExprMethodCall, locals: &Locals<'ast>) -> Origin {
        self.steps.set(0);
        self.method(m, locals, 1, &mut Vec::new())
    }

    /// [`Self::origin`] of a macro call (`format!`, `concat!`, …).
    pub fn origin_of_macro(&self, m: &syn::Macro, locals: &Locals<'ast>) -> Origin {
        self.steps.set(0);
        self.mac(m, locals, 1, &mut Vec::new())
    }

    /// [`Self::origin`] of a binary expression (`a + b`).
    pub fn origin_of_binary(&self, b: &syn::ExprBinary, locals: &Locals<'ast>) -> Origin {
        self.steps.set(0);
        let l = self.eval(&b.left, locals, 1, &mut Vec::new());
        let r = self.eval(&b.right, locals, 1, &mut Vec::new());
        if matches!(b.op, syn::BinOp::Add(_)) { l.concat(r) } else { l.union(r).derived() }
    }

    fn eval(&self, e: &Expr, locals: &Locals<'ast>, depth: u32, seen: &mut Vec<String>) -> Origin {
        let steps = self.steps.get() + 1;
        self.steps.set(steps);
        if depth > MAX_DEPTH || steps > MAX_STEPS {
            return Origin::unknown();
        }
        let d = depth + 1;
        match e {
            Expr::Lit(l) => match &l.lit {
                Lit::Str(s) => Origin::literal(s.value()),
                Lit::ByteStr(b) => Origin { bytes: Some(b.value()), pieces: 1, ..Default::default() },
                Lit::CStr(c) => Origin::literal(c.value().to_string_lossy().into_owned()),
                Lit::Int(_) | Lit::Byte(_) | Lit::Char(_) => Origin { int: int_lit(e), ..Default::default() },
                _ => Origin::default(),
            },
            Expr::Array(a) => self.array(a.elems.iter(), locals, d, seen),
            Expr::Path(p) => self.path(&p.path, locals, d, seen),
            Expr::Call(c) => self.call(c, locals, d, seen),
            Expr::MethodCall(m) => self.method(m, locals, d, seen),
            Expr::Macro(m) => self.mac(&m.mac, locals, d, seen),
            Expr::Binary(b) => {
                let l = self.eval(&b.left, locals, d, seen);
                let r = self.eval(&b.right, locals, d, seen);
                match b.op {
                    syn::BinOp::Add(_) => l.concat(r),
                    syn::BinOp::BitXor(_) => match (l.int, r.int) {
                        (Some(a), Some(b)) => Origin { int: Some(a ^ b), ..Default::default() },
                        _ => l.union(r).derived(),
                    },
                    syn::BinOp::BitOr(_) => match (l.int, r.int) {
                        (Some(a), Some(b)) => Origin { int: Some(a | b), ..Default::default() },
                        _ => l.union(r).derived(),
                    },
                    _ => l.union(r).derived(),
                }
            }
            Expr::Reference(r) => self.eval(&r.expr, locals, d, seen),
            Expr::Paren(p) => self.eval(&p.expr, locals, d, seen),
            Expr::Group(g) => self.eval(&g.expr, locals, d, seen),
            Expr::Cast(c) => self.eval(&c.expr, locals, d, seen),
            Expr::Unary(u) => self.eval(&u.expr, locals, d, seen),
            Expr::Try(t) => self.eval(&t.expr, locals, d, seen),
            Expr::Await(a) => self.eval(&a.base, locals, d, seen),
            Expr::Index(i) => self.eval(&i.expr, locals, d, seen).derived(),
            Expr::Field(f) => {
                let mut o = self.eval(&f.base, locals, d, seen).derived();
                o.unknown = true;
                o
            }
            Expr::Block(b) => self.block_value(&b.block, locals, d, seen),
            Expr::Unsafe(u) => self.block_value(&u.block, locals, d, seen),
            Expr::If(i) => {
                let mut o = self.block_value(&i.then_branch, locals, d, seen);
                if let Some((_, els)) = &i.else_branch {
                    o = o.union(self.eval(els, locals, d, seen));
                }
                o
            }
            Expr::Match(m) => {
                let mut o: Option<Origin> = None;
                for arm in &m.arms {
                    let a = self.eval(&arm.body, locals, d, seen);
                    o = Some(match o {
                        Some(x) => x.union(a),
                        None => a,
                    });
                }
                o.unwrap_or_default()
            }
            Expr::Tuple(t) => {
                t.elems.iter().fold(Origin::default(), |acc, x| acc.union(self.eval(x, locals, d, seen))).derived()
            }
            Expr::Return(r) => r.expr.as_ref().map(|x| self.eval(x, locals, d, seen)).unwrap_or_default(),
            Expr::Struct(s) => s
                .fields
                .iter()
                .fold(Origin::default(), |acc, f| acc.union(self.eval(&f.expr, locals, d, seen)))
                .derived(),
            _ => Origin::unknown(),
        }
    }

    fn block_value(&self, b: &Block, locals: &Locals<'ast>, d: u32, seen: &mut Vec<String>) -> Origin {
        match b.stmts.last() {
            Some(syn::Stmt::Expr(e, None)) => self.eval(e, locals, d, seen),
            _ => Origin::default(),
        }
    }

    fn array<'e>(
        &self,
        elems: impl Iterator<Item = &'e Expr>,
        locals: &Locals<'ast>,
        d: u32,
        seen: &mut Vec<String>,
    ) -> Origin {
        let mut ints = Vec::new();
        let mut all_ints = true;
        let mut acc = Origin::default();
        let mut strings: Vec<String> = Vec::new();
        let mut all_strings = true;
        for (n, x) in elems.enumerate() {
            if n >= MAX_VALUE {
                all_ints = false;
                all_strings = false;
                break;
            }
            let o = self.eval(x, locals, d, seen);
            match o.int {
                Some(i) if i <= 0xff => ints.push(i as u8),
                _ => all_ints = false,
            }
            match &o.value {
                Some(s) => strings.push(s.clone()),
                None => all_strings = false,
            }
            acc = acc.union(o);
        }
        let mut o = acc.derived();
        if all_ints && !ints.is_empty() {
            o.bytes = Some(ints);
        }
        if all_strings && !strings.is_empty() {
            // Kept as pieces: `[..].concat()` / `.join(sep)` assemble them.
            o.pieces = strings.len() as u32;
            o.literals = strings.iter().take(MAX_LITERALS).cloned().collect();
            o.value = Some(strings.join("\u{0}"));
        }
        o
    }

    fn path(&self, p: &syn::Path, locals: &Locals<'ast>, d: u32, seen: &mut Vec<String>) -> Origin {
        let Some(last) = p.segments.last().map(|s| s.ident.to_string()) else { return Origin::unknown() };
        if p.segments.len() == 1 {
            if let Some(o) = locals.params.get(&last) {
                return o.clone();
            }
            if let Some(inits) = locals.vars.get(&last) {
                if seen.contains(&last) {
                    return Origin::default();
                }
                seen.push(last.clone());
                let mut o: Option<Origin> = None;
                for init in inits {
                    let v = self.eval(init, locals, d, seen);
                    o = Some(match o {
                        Some(x) => x.union(v),
                        None => v,
                    });
                }
                seen.pop();
                let mut o = o.unwrap_or_default();
                if let Some(key) = locals.xor.get(&last) {
                    o = xor(o, *key);
                }
                return o;
            }
            // A parameter: what the file's calls of the function pass.
            if let Some(owner) = locals.owner
                && let Some(i) = owner.param_index(&last)
            {
                let key = format!("param {}#{i}", owner.name);
                let sites = self.callers().get(&owner.name.to_string()).map(Vec::as_slice).unwrap_or_default();
                if seen.contains(&key) || sites.is_empty() {
                    return Origin::unknown();
                }
                seen.push(key);
                let mut o: Option<Origin> = None;
                for (args, caller) in sites.iter().take(16) {
                    let v = match args.iter().nth(i) {
                        Some(a) => self.eval(a, &Locals::of_def(*caller), d, seen),
                        None => Origin::unknown(),
                    };
                    o = Some(match o {
                        Some(x) => x.union(v),
                        None => v,
                    });
                }
                seen.pop();
                return o.unwrap_or_else(Origin::unknown);
            }
        }
        // A constant or static of this file (`A`, `Self::A`, `consts::A`).
        if let Some(init) = self.index().consts.get(&last) {
            let key = format!("const {last}");
            if seen.contains(&key) {
                return Origin::default();
            }
            seen.push(key);
            let inner = Locals::of_expr(init);
            let o = self.eval(init, &inner, d, seen);
            seen.pop();
            return o;
        }
        Origin::unknown()
    }

    fn call(&self, c: &syn::ExprCall, locals: &Locals<'ast>, d: u32, seen: &mut Vec<String>) -> Origin {
        let Expr::Path(fp) = crate::syntax::exprs::peel(&c.func) else {
            return Origin::unknown();
        };
        let args: Vec<Origin> = c.args.iter().map(|a| self.eval(a, locals, d, seen)).collect();
        let first = || args.first().cloned().unwrap_or_default();
        let full = self.resolve(&fp.path);
        let last = fp.path.segments.last().map(|s| s.ident.to_string()).unwrap_or_default();
        let is = |canon: &str| full.iter().any(|segs| segs.join("::") == canon);
        let starts = |prefix: &str| full.iter().any(|segs| segs.first().is_some_and(|f| f == prefix));
        if is("std::env::var") || is("std::env::var_os") {
            return env_read(first());
        }
        if last == "home_dir" || is("std::env::home_dir") {
            return Origin { home: true, ..Default::default() };
        }
        if is("std::env::temp_dir") {
            return Origin { temp: true, ..Default::default() };
        }
        if DECODE_FNS.contains(&last.as_str()) {
            let hint = full.iter().flatten().find(|s| s.contains("hex") || s.contains("base64") || s.contains("b64"));
            return decode(first(), hint.map(String::as_str).unwrap_or(&last));
        }
        if matches!(last.as_str(), "from_utf8" | "from_utf8_lossy" | "from_utf8_unchecked") {
            return from_utf8(first());
        }
        if matches!(last.as_str(), "from_u32" | "from_digit")
            && full.iter().any(|s| s.first().is_some_and(|f| f == "char"))
        {
            return first().derived();
        }
        let table = super::caps::table();
        for segs in &full {
            if let Some(api) = table.lookup(segs) {
                let mut o = args.iter().cloned().fold(Origin::default(), Origin::union).derived();
                match api.cap {
                    super::caps::Cap::Net => o.downloaded = true,
                    _ if api.toolchain => o.toolchain = true,
                    _ => o.unknown = true,
                }
                return o;
            }
        }
        if (PASS_FNS.contains(&last.as_str()) && (fp.path.segments.len() > 1 || last.starts_with(char::is_uppercase)))
            || starts("std")
        {
            return args.into_iter().fold(Origin::default(), Origin::union);
        }
        // One of the file's own functions: its result with these arguments.
        if fp.path.segments.len() <= 2
            && let Some(def) = self.index().fns.get(&last)
        {
            let key = format!("fn {last}");
            if !seen.contains(&key) {
                seen.push(key);
                let o = self.call_fn(*def, args, d, seen);
                seen.pop();
                return o;
            }
        }
        let mut o = args.into_iter().fold(Origin::default(), Origin::union).derived();
        o.unknown = true;
        o
    }

    fn call_fn(&self, def: FnDef<'ast>, args: Vec<Origin>, d: u32, seen: &mut Vec<String>) -> Origin {
        let mut inner = Locals::of_def(def);
        let mut args = args.into_iter();
        for p in def.params {
            match p {
                syn::FnArg::Receiver(_) => {}
                syn::FnArg::Typed(t) => {
                    let a = args.next().unwrap_or_else(Origin::unknown);
                    if let Some(i) = crate::syntax::exprs::pat_ident(&t.pat) {
                        inner.params.insert(i.ident.to_string(), a);
                    }
                }
            }
        }
        let mut o = self.block_value(def.block, &inner, d, seen);
        struct Returns<'ast>(Vec<&'ast Expr>);
        impl<'ast> Visit<'ast> for Returns<'ast> {
            fn visit_expr_return(&mut self, r: &'ast syn::ExprReturn) {
                if let Some(e) = &r.expr {
                    self.0.push(e);
                }
            }
            fn visit_expr_closure(&mut self, _: &'ast syn::ExprClosure) {}
            fn visit_item(&mut self, _: &'ast Item) {}
        }
        let mut r = Returns(Vec::new());
        r.visit_block(def.block);
        for e in r.0.into_iter().take(8) {
            o = o.union(self.eval(e, &inner, d, seen));
        }
        o
    }

    fn method(&self, m: &syn::ExprMethodCall, locals: &Locals<'ast>, d: u32, seen: &mut Vec<String>) -> Origin {
        let name = m.method.to_string();
        let recv = self.eval(&m.receiver, locals, d, seen);
        let args: Vec<Origin> = m.args.iter().map(|a| self.eval(a, locals, d, seen)).collect();
        let first = || args.first().cloned().unwrap_or_default();
        if DECODE_FNS.contains(&name.as_str()) && !m.args.is_empty() {
            let hint = if recv.literals.is_empty() { name.as_str() } else { "decode" };
            let mut o = decode(first(), hint);
            let flags = recv.derived();
            o.toolchain |= flags.toolchain;
            o.unknown |= flags.unknown && o.value.is_none();
            return o;
        }
        match name.as_str() {
            n if KEEP_METHODS.contains(&n) => recv,
            "unwrap_or" | "unwrap_or_else" | "or" | "or_else" | "map_or" | "map_or_else" => {
                args.into_iter().fold(recv, Origin::union)
            }
            "concat" => match recv.value.clone() {
                Some(v) if recv.pieces > 1 => {
                    let pieces = recv.pieces;
                    let mut o = recv.derived();
                    o.value = Some(v.replace('\u{0}', ""));
                    o.pieces = pieces;
                    o
                }
                _ => recv.derived(),
            },
            "join" if recv.pieces > 1 && recv.value.as_ref().is_some_and(|v| v.contains('\u{0}')) => {
                let sep = first().value.unwrap_or_default();
                let pieces = recv.pieces;
                let v = recv.value.clone().unwrap_or_default().replace('\u{0}', &sep);
                let mut o = recv.union(first()).derived();
                o.value = Some(v);
                o.pieces = pieces;
                o
            }
            "push_str" | "push" | "extend" if recv.value.is_some() => recv.concat(first()),
            n if JOIN_METHODS.contains(&n) => {
                let mut o = args.into_iter().fold(recv, Origin::union).derived();
                o.joined = true;
                o
            }
            "rev" => match recv.value.as_ref().filter(|v| !v.contains('\u{0}')) {
                Some(v) => {
                    let mut o = recv.clone();
                    o.value = Some(v.chars().rev().collect());
                    o.hidden("reversed string")
                }
                None => recv.derived(),
            },
            "chars" | "bytes" => match &recv.value {
                Some(v) if name == "bytes" => {
                    let mut o = recv.clone();
                    o.bytes = Some(v.as_bytes().to_vec());
                    o.value = None;
                    o
                }
                _ => recv,
            },
            "map" => self.map_closure(recv, m.args.first()),
            _ => args.into_iter().fold(recv, Origin::union).derived(),
        }
    }

    /// `.map(|b| b ^ K)` over constant bytes, `.map(|c| c as char)`.
    fn map_closure(&self, recv: Origin, arg: Option<&Expr>) -> Origin {
        let Some(Expr::Closure(c)) = arg.map(crate::syntax::exprs::peel) else { return recv.derived() };
        let Some(bytes) = recv.bytes.clone() else { return recv.derived() };
        let body = crate::syntax::exprs::peel(&c.body);
        let body = match body {
            Expr::Block(b) if b.block.stmts.len() == 1 => match &b.block.stmts[0] {
                syn::Stmt::Expr(e, None) => crate::syntax::exprs::peel(e),
                _ => body,
            },
            _ => body,
        };
        match body {
            Expr::Binary(b) if matches!(b.op, syn::BinOp::BitXor(_)) => {
                match int_lit(&b.right).or_else(|| int_lit(&b.left)).and_then(|k| u8::try_from(k).ok()) {
                    Some(k) => xor(recv, k),
                    None => recv.derived(),
                }
            }
            Expr::Cast(cast) if matches!(&*cast.ty, syn::Type::Path(t) if t.path.is_ident("char")) => {
                let mut o = recv.derived();
                o.value = Some(bytes.iter().map(|&b| char::from(b)).collect());
                if bytes.len() >= 8 { o.hidden("character codes") } else { o }
            }
            _ => recv.derived(),
        }
    }

    fn mac(&self, mac: &syn::Macro, locals: &Locals<'ast>, d: u32, seen: &mut Vec<String>) -> Origin {
        let name = macros::macro_name(mac);
        match name.as_str() {
            "env" | "option_env" => {
                let lit = syn::parse2::<syn::LitStr>(mac.tokens.clone()).ok().or_else(|| {
                    macros::parse_args(mac).first().and_then(|a| match &a.expr {
                        Expr::Lit(syn::ExprLit { lit: Lit::Str(s), .. }) => Some(s.clone()),
                        _ => None,
                    })
                });
                env_read(lit.map(|l| Origin::literal(l.value())).unwrap_or_else(Origin::unknown))
            }
            "concat" => {
                let args = macros::parse_args(mac);
                let mut it = args.iter().map(|a| self.eval(&a.expr, locals, d, seen));
                let first = it.next().unwrap_or_default();
                it.fold(first, Origin::concat)
            }
            "format" | "format_args" | "print" | "println" | "eprint" | "eprintln" | "write" | "writeln" => {
                self.format(mac, locals, d, seen)
            }
            "vec" => {
                let args = macros::parse_args(mac);
                let owned: Vec<Origin> = args.iter().map(|a| self.eval(&a.expr, locals, d, seen)).collect();
                let mut ints = Vec::new();
                for o in &owned {
                    match o.int {
                        Some(i) if i <= 0xff => ints.push(i as u8),
                        _ => {
                            ints.clear();
                            break;
                        }
                    }
                }
                let mut o = owned.into_iter().fold(Origin::default(), Origin::union).derived();
                if !ints.is_empty() {
                    o.bytes = Some(ints);
                }
                o
            }
            "include_str" | "include_bytes" => Origin::unknown(),
            _ => {
                let args = macros::parse_args(mac);
                let mut o = args
                    .iter()
                    .map(|a| self.eval(&a.expr, locals, d, seen))
                    .fold(Origin::default(), Origin::union)
                    .derived();
                o.unknown = true;
                o
            }
        }
    }

    fn named(&self, name: &str, locals: &Locals<'ast>, d: u32, seen: &mut Vec<String>) -> Origin {
        let path: syn::Path = syn::Ident::new(name, proc_macro2::Span::call_site()).into();
        self.path(&path, locals, d, seen)
    }

    fn format(&self, mac: &syn::Macro, locals: &Locals<'ast>, d: u32, seen: &mut Vec<String>) -> Origin {
        let args = macros::parse_args(mac);
        let name = macros::macro_name(mac);
        let skip = usize::from(matches!(name.as_str(), "write" | "writeln"));
        let mut it = args.iter().skip(skip);
        let Some(fmt) = it.next() else { return Origin::default() };
        let Expr::Lit(syn::ExprLit { lit: Lit::Str(s), .. }) = &fmt.expr else {
            return Origin::unknown();
        };
        let fmt = s.value();
        let rest: Vec<(Option<String>, Origin)> =
            it.map(|a| (a.name.as_ref().map(ToString::to_string), self.eval(&a.expr, locals, d, seen))).collect();
        let positional: Vec<&Origin> = rest.iter().filter(|(n, _)| n.is_none()).map(|(_, o)| o).collect();
        let mut out = Origin::literal(String::new());
        out.pieces = 0;
        let mut next = 0usize;
        let mut i = 0usize;
        let bytes = fmt.as_bytes();
        let mut text = String::new();
        while i < bytes.len() {
            let c = bytes[i];
            if (c == b'{' || c == b'}') && bytes.get(i + 1) == Some(&c) {
                text.push(char::from(c));
                i += 2;
                continue;
            }
            if c == b'{'
                && let Some(end) = fmt[i + 1..].find('}')
            {
                if !text.is_empty() {
                    out = out.concat(Origin::literal(std::mem::take(&mut text)));
                }
                let inner = &fmt[i + 1..i + 1 + end];
                let ph = macros::format_placeholders(&format!("{{{inner}}}"));
                let arg = match ph.first() {
                    Some(Placeholder::Next) => {
                        next += 1;
                        positional.get(next - 1).map(|o| (*o).clone())
                    }
                    Some(Placeholder::Index(n)) => positional.get(*n).map(|o| (*o).clone()),
                    Some(Placeholder::Name(n)) => rest
                        .iter()
                        .find(|(k, _)| k.as_deref() == Some(n.as_str()))
                        .map(|(_, o)| o.clone())
                        .or_else(|| Some(self.named(n, locals, d, seen))),
                    None => None,
                };
                out = out.concat(arg.unwrap_or_else(Origin::unknown));
                i += end + 2;
                continue;
            }
            // A whole UTF-8 character.
            let ch_len = fmt[i..].chars().next().map_or(1, char::len_utf8);
            text.push_str(&fmt[i..i + ch_len]);
            i += ch_len;
        }
        if !text.is_empty() {
            out = out.concat(Origin::literal(text));
        }
        if fmt.contains(['/', '\\']) {
            out.joined = true;
        }
        out
    }
}

/// The names of the items a file declares, nested modules included.
fn declared(items: &[Item], out: &mut HashSet<String>) {
    for item in items {
        let id = match item {
            Item::Const(c) => &c.ident,
            Item::Static(s) => &s.ident,
            Item::Fn(f) => &f.sig.ident,
            Item::Struct(s) => &s.ident,
            Item::Enum(e) => &e.ident,
            Item::Type(t) => &t.ident,
            Item::Trait(t) => &t.ident,
            Item::Union(u) => &u.ident,
            Item::Mod(m) => {
                if let Some((_, inner)) = &m.content {
                    declared(inner, out);
                }
                &m.ident
            }
            _ => continue,
        };
        out.insert(id.to_string());
    }
}

/// An environment variable read: its name's origin is a constant or not.
fn env_read(name: Origin) -> Origin {
    let mut o = Origin::default();
    match name.value {
        Some(n) => {
            match n.as_str() {
                "OUT_DIR" => o.out_dir = true,
                "CARGO_MANIFEST_DIR" => o.manifest_dir = true,
                "HOME" | "USERPROFILE" | "HOMEPATH" | "XDG_CONFIG_HOME" | "APPDATA" | "LOCALAPPDATA" => o.home = true,
                "TMPDIR" | "TEMP" | "TMP" => o.temp = true,
                _ => {}
            }
            push_capped(&mut o.env, n);
        }
        None => o.env_computed = true,
    }
    o
}

/// Decode a constant (base64 or hex, by the hint and by what parses).
fn decode(arg: Origin, hint: &str) -> Origin {
    let hint = hint.to_ascii_lowercase();
    let text = arg.text();
    let mut o = arg.clone().derived();
    let Some(t) = text else { return o };
    let hex_first = hint.contains("hex");
    let tries: [(&'static str, fn(&str) -> Option<Vec<u8>>); 2] = if hex_first {
        [("hex", decode_hex), ("base64", decode_base64)]
    } else {
        [("base64", decode_base64), ("hex", decode_hex)]
    };
    for (how, f) in tries {
        if let Some(bytes) = f(&t) {
            o.value = String::from_utf8(bytes.clone()).ok();
            o.bytes = Some(bytes);
            o.pieces = arg.pieces;
            return o.hidden(how);
        }
    }
    o
}

/// `String::from_utf8(bytes)`: the bytes as text.
fn from_utf8(arg: Origin) -> Origin {
    let mut o = arg.clone();
    if o.value.is_none()
        && let Some(b) = &arg.bytes
    {
        o.value = Some(String::from_utf8_lossy(b).into_owned());
        if b.len() >= 8 && !o.obfuscation.iter().any(|t| *t != "byte array") && o.obfuscation.is_empty() {
            o = o.hidden("byte array");
        }
    }
    o
}

/// Constant bytes XOR-ed with a key.
fn xor(o: Origin, key: u8) -> Origin {
    match o.bytes.clone().or_else(|| o.value.as_ref().map(|v| v.as_bytes().to_vec())) {
        Some(b) => {
            let decoded: Vec<u8> = b.iter().map(|x| x ^ key).collect();
            let mut n = o.derived();
            n.value = String::from_utf8(decoded.clone()).ok();
            n.bytes = Some(decoded);
            n.hidden("xor")
        }
        None => o.derived(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn eval_in(src: &str, fn_name: &str, expr: &str) -> Origin {
        let file: &'static syn::File = Box::leak(Box::new(syn::parse_str(src).unwrap()));
        let imports: &'static Imports = Box::leak(Box::new(Imports::from_items(&file.items)));
        let values = FileValues::new(&file.items, imports);
        let f = file
            .items
            .iter()
            .find_map(|i| match i {
                Item::Fn(f) if f.sig.ident == fn_name => Some(f),
                _ => None,
            })
            .unwrap();
        let e: Expr = syn::parse_str(expr).unwrap();
        values.origin(&e, &Locals::of_block(&f.block))
    }

    #[test]
    fn split_base64_is_assembled_and_decoded() {
        let src = r#"
            const A: &str = "aHR0cHM6Ly9leGFt";
            const B: &str = "cGxlLmludmFsaWQvcGF5bG9hZA==";
            fn main() { let u = base64::decode(format!("{}{}", A, B)).unwrap(); let s = String::from_utf8(u).unwrap(); }
        "#;
        let o = eval_in(src, "main", "s");
        assert_eq!(o.value.as_deref(), Some("https://example.invalid/payload"));
        assert!(o.obfuscation.contains(&"base64"), "{o:?}");
        assert_eq!(shape("https://example.invalid/payload"), Shape::Url);
    }

    #[test]
    fn xor_reversed_and_char_codes() {
        let src = r#"
            const K: [u8; 4] = [0x32, 0x2e, 0x2e, 0x2a];
            fn main() {
                let a: Vec<u8> = K.iter().map(|b| b ^ 0x5a).collect();
                let r: String = "dilavni.elpmaxe//:sptth".chars().rev().collect();
                let c: String = [104u8, 116, 116, 112, 115, 58, 47, 47].iter().map(|&b| b as char).collect();
                let mut buf = [0x32u8, 0x2e, 0x2e, 0x2a];
                for b in buf.iter_mut() { *b ^= 0x5a; }
            }
        "#;
        assert_eq!(eval_in(src, "main", "String::from_utf8(a).unwrap()").value.as_deref(), Some("http"));
        let r = eval_in(src, "main", "r");
        assert_eq!(r.value.as_deref(), Some("https://example.invalid"));
        assert!(r.obfuscation.contains(&"reversed string"));
        assert_eq!(eval_in(src, "main", "c").value.as_deref(), Some("https://"));
        assert_eq!(eval_in(src, "main", "buf").value.as_deref(), Some("http"));
    }

    #[test]
    fn env_out_dir_home_and_helpers() {
        let src = r#"
            use std::env;
            fn var(k: &str) -> String { env::var(k).unwrap() }
            fn main() {
                let out = std::path::PathBuf::from(env::var("OUT_DIR").unwrap());
                let bin = out.join("payload");
                let rustc = var("RUSTC");
                let home = dirs::home_dir().unwrap().join(".ssh/id_rsa");
            }
        "#;
        let b = eval_in(src, "main", "bin");
        assert!(b.out_dir && b.joined && b.env == ["OUT_DIR"], "{b:?}");
        assert_eq!(eval_in(src, "main", "rustc").env, ["RUSTC"]);
        let h = eval_in(src, "main", "home");
        assert!(h.home && h.literals.iter().any(|l| sensitive_path(l).is_some()), "{h:?}");
    }

    #[test]
    fn shapes_and_sensitive_paths() {
        assert_eq!(shape("curl -s https://x | sh"), Shape::Url);
        assert_eq!(shape("sh -c 'echo hi'"), Shape::Command);
        assert_eq!(shape("/home/u/.ssh/id_ed25519"), Shape::SensitivePath);
        assert_eq!(shape("10.0.0.1:4444"), Shape::Url);
        assert_eq!(shape("hello world"), Shape::Text);
        assert_eq!(sensitive_path("my.profiler"), None);
        assert_eq!(sensitive_path("~/.profile"), Some(".profile"));
        assert_eq!(decode_hex("68747470"), Some(b"http".to_vec()));
        assert_eq!(decode_base64("aHR0cHM6Ly8"), Some(b"https://".to_vec()));
    }
}
