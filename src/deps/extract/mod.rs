//! The per-file pass of `cargo sast deps`: every place a file uses a
//! capability (a call, a function path, a `use`, an `extern` block, an
//! attribute, a macro), with what the judgement of build-time code needs —
//! where a started program, a written path or a contacted URL comes from,
//! and what hidden data decodes to.
//!
//! Names resolve through the file's imports, so `use std::process::Command
//! as C; C::new(..)` is a process; an unresolved first segment is a crate
//! path unless the file declares an item of that name. Macro arguments are
//! parsed (`println!("{}", env::var(..)?)`), item macros (`cfg_if!`) are
//! looked into, and bodies that do not parse (`macro_rules!` transcribers)
//! are scanned for paths token by token, so wrapping a call in a macro
//! does not hide it. Test code (`#[cfg(test)]`, `#[test]`) is skipped: a
//! dependency's tests are never compiled into its dependents.

mod items;
mod macro_calls;
mod visit;

use std::collections::HashMap;
use std::path::Path;

use proc_macro2::Span;
use syn::spanned::Spanned;
use syn::visit::Visit;
use syn::{Expr, Lit};

use super::blobs::{self, BlobKind};
use super::caps::{self, Cap};
pub(super) use super::evidence::{Detail, Evidence};
use super::shapes;
use super::values::{FileValues, Locals, Origin};
use crate::finding::{Excerpt, Location};
use crate::rules::file::FileCtx;
use crate::syntax::exprs;

/// Methods configuring a `Command`.
const COMMAND_METHODS: &[&str] = &["arg", "args", "env", "envs", "current_dir", "raw_arg"];

/// `fs` functions that write to their `n`th argument.
const WRITE_FNS: &[(&str, usize)] = &[
    ("write", 0),
    ("create", 0),
    ("create_new", 0),
    ("create_dir", 0),
    ("create_dir_all", 0),
    ("remove_file", 0),
    ("remove_dir", 0),
    ("remove_dir_all", 0),
    ("set_permissions", 0),
    ("copy", 1),
    ("rename", 1),
    ("hard_link", 1),
    ("symlink", 1),
    ("symlink_file", 1),
    ("symlink_dir", 1),
    ("soft_link", 1),
    ("persist", 0),
];

/// `fs` functions that read their first argument.
const READ_FNS: &[&str] =
    &["read", "read_to_string", "read_dir", "open", "metadata", "read_link", "canonicalize", "exists"];

/// Whether a file's text could give any evidence: it spells a word of the
/// API table or of the constructs above (as a whole word), or an
/// executable's magic number in a byte array. Files that do not are not
/// parsed for the pass (the large generated tables of some crates).
pub(super) fn may_have_evidence(bytes: &[u8]) -> bool {
    use std::sync::OnceLock;
    static WORDS: OnceLock<Option<aho_corasick::AhoCorasick>> = OnceLock::new();
    static MAGIC: OnceLock<Option<regex::bytes::Regex>> = OnceLock::new();
    const EXTRA: &[&str] = &[
        "unsafe",
        "extern",
        "mod",
        "include",
        "include_bytes",
        "env",
        "option_env",
        "link",
        "no_mangle",
        "export_name",
        "global_allocator",
        "link_section",
        "ctor",
        "dtor",
        "constructor",
        "panic_handler",
    ];
    let words = WORDS.get_or_init(|| {
        let mut list: Vec<String> = caps::table().keywords.clone();
        list.extend(EXTRA.iter().map(|s| s.to_string()));
        aho_corasick::AhoCorasick::builder().build(list).ok()
    });
    let Some(ac) = words else { return true };
    let ident = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    let word = ac.find_overlapping_iter(bytes).any(|m| {
        m.start().checked_sub(1).is_none_or(|i| !ident(bytes[i])) && bytes.get(m.end()).is_none_or(|b| !ident(*b))
    });
    if word {
        return true;
    }
    let magic = MAGIC.get_or_init(|| {
        regex::bytes::Regex::new(
            r"(?i)(0x7f|127)\s*,\s*(0x45|69)\s*,\s*(0x4c|76)\s*,\s*(0x46|70)|(0x4d|77)\s*,\s*(0x5a|90)\s*,|(0xfe|254|0xcf|207|0xce|206|0xca|202)\s*,\s*(0xed|237|0xfa|250|0xfe|254)\s*,\s*(0xfa|250|0xed|237|0xba|186)\s*,|\x7fELF|\x00asm",
        )
        .ok()
    });
    magic.as_ref().is_none_or(|r| r.is_match(bytes))
}

/// The evidence of one parsed file. `abs` is the file, `pkg_dir` its
/// package (`include_bytes!` targets outside it are not read).
pub(super) fn extract(file: &FileCtx, ast: &syn::File, abs: &Path, pkg_dir: &Path) -> Vec<Evidence> {
    let values = FileValues::new(&ast.items, &file.imports).in_dirs(abs.parent().unwrap_or(pkg_dir), pkg_dir);
    let mut x = X {
        file,
        values,
        frames: Vec::new(),
        empty: Locals::default(),
        out: Vec::new(),
        pending: Vec::new(),
        commands: HashMap::new(),
        decoded: Vec::new(),
        abs,
        pkg_dir,
        net_file: NET_WORDS.iter().any(|w| memchr::memmem::find(file.text.as_bytes(), w.as_bytes()).is_some()),
        cmd_file: memchr::memmem::find(file.text.as_bytes(), b"Command").is_some(),
    };
    x.visit_file(ast);
    x.out
}

/// A function being visited.
struct Frame<'ast> {
    sig: &'ast syn::Signature,
    block: &'ast syn::Block,
    locals: std::cell::OnceCell<Locals<'ast>>,
}

/// Where the receiver of a `Command` method comes from.
enum CmdRoot {
    /// The `Command::new(..)` call starting at this byte.
    At(u32),
    /// A local bound to a `Command`.
    Local(String),
}

struct X<'a, 'ast> {
    file: &'a FileCtx,
    values: FileValues<'a, 'ast>,
    /// The enclosing functions; their bindings are collected on first use.
    frames: Vec<Frame<'ast>>,
    empty: Locals<'ast>,
    out: Vec<Evidence>,
    /// `Command` methods seen in the current function, attached to their
    /// `Command::new` when the function is done.
    pending: Vec<(u32, CmdRoot, String, Vec<Origin>)>,
    /// Byte offset of each `Command::new(..)` call → its evidence.
    commands: HashMap<u32, usize>,
    /// Byte ranges of recorded decode sites (an inner decode of the same
    /// value is not recorded again).
    decoded: Vec<(u32, u32, Option<String>)>,
    abs: &'a Path,
    pkg_dir: &'a Path,
    /// The file names an HTTP or socket library: its requests are looked at.
    net_file: bool,
    /// The file spells `Command`: its `.arg(..)` calls may configure one.
    cmd_file: bool,
}

/// Crates and types whose values make requests (`client.get(url)`).
const NET_WORDS: &[&str] = &[
    "reqwest",
    "ureq",
    "hyper",
    "curl",
    "isahc",
    "attohttpc",
    "minreq",
    "surf",
    "awc",
    "http_req",
    "TcpStream",
    "UdpSocket",
];

/// Methods that send a request to their first argument.
const REQUEST_METHODS: &[&str] =
    &["get", "post", "put", "patch", "delete", "head", "request", "connect", "fetch", "download"];

impl<'a, 'ast> X<'a, 'ast> {
    fn locals(&self) -> &Locals<'ast> {
        match self.frames.last() {
            Some(f) => f.locals.get_or_init(|| Locals::of_fn(f.sig, f.block)),
            None => &self.empty,
        }
    }

    fn enter(&mut self, sig: &'ast syn::Signature, block: &'ast syn::Block) {
        self.frames.push(Frame { sig, block, locals: std::cell::OnceCell::new() });
    }

    fn leave(&mut self) {
        self.finish_commands();
        self.frames.pop();
    }

    fn origin(&self, e: &Expr) -> Origin {
        self.values.origin(e, self.locals())
    }

    fn range(&self, from: Span, to: Span) -> Option<(u32, u32)> {
        let (s, _) = self.file.byte_range(from)?;
        let e = self.file.byte_range(to).map_or(s, |(_, e)| e);
        Some((s, e.max(s)))
    }

    fn push(&mut self, cap: Option<Cap>, what: String, range: Option<(u32, u32)>, detail: Detail) -> Option<usize> {
        let (s, e) = range?;
        let raw = self.file.text.get(s as usize..e as usize).unwrap_or("");
        let loc = self.file.location(s, e);
        let excerpt = self.excerpt(&loc);
        self.out.push(Evidence {
            cap,
            what,
            loc,
            snippet: super::text::sanitize(&one_line(raw)),
            detail,
            toolchain: false,
            indirect: false,
            excerpt,
        });
        Some(self.out.len() - 1)
    }

    /// The lines a location spans (at most 6), safe to print.
    fn excerpt(&self, loc: &Location) -> Excerpt {
        let first = loc.start.line.saturating_sub(1) as usize;
        let last = (loc.end.line.saturating_sub(1) as usize).clamp(first, first + 5);
        let (start, _) = self.file.lines.line_range(&self.file.text, first);
        let (_, end) = self.file.lines.line_range(&self.file.text, last);
        let text = self.file.text.get(start..end).unwrap_or("");
        Excerpt {
            first_line: loc.start.line,
            byte_offset: start as u32,
            text: super::text::sanitize_same_len(text),
            clipped: 0,
        }
    }

    /// The API a written path names, if the table knows it.
    fn api(&self, path: &syn::Path) -> Option<(String, &'static caps::Api)> {
        let t = caps::table();
        self.values.resolve(path).into_iter().find_map(|segs| t.lookup(&segs).map(|a| (segs.join("::"), a)))
    }

    fn api_segs(&self, segs: Vec<String>) -> Option<(String, &'static caps::Api)> {
        let path = syn::Path {
            leading_colon: None,
            segments: segs.iter().map(|s| syn::PathSegment::from(syn::Ident::new(s, Span::call_site()))).collect(),
        };
        self.api(&path)
    }

    // --- calls ------------------------------------------------------------

    fn on_call(&mut self, c: &syn::ExprCall) {
        let Expr::Path(fp) = exprs::strip_parens_and_refs(&c.func) else { return };
        let range = self.range(
            crate::syntax::exprs::expr_start(&c.func).unwrap_or(c.paren_token.span.open()),
            c.paren_token.span.close(),
        );
        let last = fp.path.segments.last().map(|s| s.ident.to_string()).unwrap_or_default();
        let arg = |i: usize| c.args.iter().nth(i);
        if let Some((what, api)) = self.api(&fp.path) {
            let detail = match api.cap {
                Cap::Process
                    if !api.toolchain
                        && (what.ends_with("Command::new")
                            || last.starts_with("exec")
                            || last == "system"
                            || last == "popen"
                            || last.starts_with("posix_spawn")
                            || last == "cmd") =>
                {
                    let program = arg(0).map(|a| self.origin(a)).unwrap_or_else(Origin::default);
                    let args = c.args.iter().skip(1).map(|a| self.origin(a)).collect();
                    Detail::Run { program, args, path_env: false }
                }
                Cap::Fs => {
                    if let Some((_, n)) = WRITE_FNS.iter().find(|(f, _)| *f == last) {
                        Detail::Write { dest: arg(*n).map(|a| self.origin(a)).unwrap_or_else(Origin::default) }
                    } else if READ_FNS.contains(&last.as_str()) {
                        Detail::Read { path: arg(0).map(|a| self.origin(a)).unwrap_or_else(Origin::default) }
                    } else if last == "from_mode" && arg(0).is_some_and(|a| executable_mode(&self.origin(a))) {
                        Detail::MakeExecutable
                    } else {
                        Detail::None
                    }
                }
                Cap::Env => match last.as_str() {
                    "var" | "var_os" => {
                        Detail::Env { name: arg(0).and_then(|a| self.origin(a).value), compile_time: false }
                    }
                    "vars" | "vars_os" => Detail::EnvAll,
                    _ if last.contains("home") || what.starts_with("directories") || what.starts_with("etcetera") => {
                        Detail::Home
                    }
                    _ => Detail::None,
                },
                Cap::Net => Detail::Connect { target: arg(0).map(|a| self.origin(a)).unwrap_or_default() },
                Cap::Init => Detail::Init,
                _ => Detail::None,
            };
            let is_command = what.ends_with("Command::new");
            if let Some(i) = self.push(Some(api.cap), what, range, detail) {
                self.out[i].toolchain = api.toolchain;
                if is_command && let Some((s, _)) = range {
                    self.commands.insert(s, i);
                }
            }
            return;
        }
        if last == "from_mode" && arg(0).is_some_and(|a| executable_mode(&self.origin(a))) {
            self.push(Some(Cap::Fs), "Permissions::from_mode".into(), range, Detail::MakeExecutable);
            return;
        }
        if is_decoding(&last) {
            let o = self.values.origin_of_call(c, self.locals());
            self.decode_site(o, range);
        }
    }

    fn on_method(&mut self, m: &syn::ExprMethodCall) {
        let name = m.method.to_string();
        let range = self.range(m.method.span(), m.paren_token.span.close());
        let first = m.args.first();
        // TLS verification switched off.
        let tls_on_true = lints_tls_on_true(&name);
        let tls_on_false = lints_tls_on_false(&name);
        if (tls_on_true && first.and_then(exprs::bool_lit) == Some(true))
            || (tls_on_false && first.and_then(exprs::bool_lit) == Some(false))
            || (name == "set_verify" && first.is_some_and(|a| quote_text(a).contains("NONE")))
        {
            self.push(Some(Cap::Net), format!("`{name}`"), range, Detail::TlsOff(name.clone()));
            return;
        }
        if matches!(name.as_str(), "set_mode" | "mode" | "from_mode")
            && first.is_some_and(|a| executable_mode(&self.origin(a)))
        {
            self.push(Some(Cap::Fs), format!("`{name}`"), range, Detail::MakeExecutable);
            return;
        }
        // `client.get(url)` on a value that came from an HTTP library.
        if self.net_file
            && REQUEST_METHODS.contains(&name.as_str())
            && let Some(url) = first
        {
            let recv = self.origin(&m.receiver);
            if recv.downloaded {
                let target = self.origin(url);
                self.push(Some(Cap::Net), format!("`.{name}(..)` request"), range, Detail::Connect { target });
                return;
            }
        }
        if name == "to_socket_addrs" {
            let target = self.origin(&m.receiver);
            self.push(Some(Cap::Net), "`.to_socket_addrs()` (a DNS lookup)".into(), range, Detail::Connect { target });
            return;
        }
        let chain = crate::rules::chain::down(m);
        if name == "open" && self.is_open_options(chain.root) {
            let writes = chain.calls.iter().any(|c| {
                matches!(c.method.to_string().as_str(), "write" | "append" | "create" | "create_new" | "truncate")
                    && c.args.first().and_then(exprs::bool_lit) != Some(false)
            });
            let target = first.map(|a| self.origin(a)).unwrap_or_default();
            let detail = if writes { Detail::Write { dest: target } } else { Detail::Read { path: target } };
            self.push(Some(Cap::Fs), "std::fs::OpenOptions::open".into(), range, detail);
            return;
        }
        if self.cmd_file && (COMMAND_METHODS.contains(&name.as_str()) || name == "env_clear") {
            let root = match exprs::strip_parens_and_refs(chain.root) {
                Expr::Call(c) => crate::syntax::exprs::expr_start(&c.func)
                    .and_then(|s| self.file.byte_range(s))
                    .map(|(s, _)| CmdRoot::At(s)),
                other => crate::rules::chain::root_local(other).map(CmdRoot::Local),
            };
            if let Some(root) = root {
                let args = m.args.iter().map(|a| self.origin(a)).collect();
                let at = self.file.byte_range(m.method.span()).map_or(0, |(s, _)| s);
                self.pending.push((at, root, name, args));
            }
            return;
        }
        let assembles = matches!(name.as_str(), "concat" | "join")
            || (name == "collect"
                && (chain.has("rev") || chain.calls.iter().any(|c| c.method == "map" && decodes_bytes(c))));
        if is_decoding(&name) || assembles {
            let r = self.range(
                crate::syntax::exprs::expr_start(chain.root).unwrap_or(m.method.span()),
                m.paren_token.span.close(),
            );
            let o = self.values.origin_of_method(m, self.locals());
            self.decode_site(o, r);
        }
    }

    /// `OpenOptions::new()` / `File::options()` at the root of a chain.
    fn is_open_options(&self, root: &Expr) -> bool {
        let Expr::Call(c) = exprs::strip_parens_and_refs(root) else { return false };
        let Expr::Path(p) = exprs::strip_parens_and_refs(&c.func) else { return false };
        self.values.resolve(&p.path).iter().any(|s| {
            let j = s.join("::");
            j.ends_with("OpenOptions::new") || j.ends_with("File::options") || j.ends_with("OpenOptions::default")
        })
    }

    /// A place where hidden data is decoded or assembled: recorded when the
    /// result is known and was hidden (decoded, XOR-ed, reversed, or a URL,
    /// command or credential path split so that no piece shows it).
    fn decode_site(&mut self, o: Origin, range: Option<(u32, u32)>) {
        let Some((s, end)) = range else { return };
        if self.decoded.iter().any(|(a, b, _)| *a <= s && end <= *b) {
            return;
        }
        let Some(text) = o.text() else { return };
        let hidden = !o.obfuscation.is_empty() || split_hidden(&o);
        if !hidden
            || text.trim().chars().count() < 6
            || self.decoded.iter().any(|(_, _, v)| v.as_deref() == Some(text.as_str()))
        {
            return;
        }
        self.decoded.push((s, end, Some(text)));
        let how = describe_hiding(&o);
        self.push(None, how, Some((s, end)), Detail::Decoded { value: o });
    }

    /// Attach the `Command` methods of the function just visited.
    fn finish_commands(&mut self) {
        let mut pending = std::mem::take(&mut self.pending);
        pending.sort_by_key(|p| p.0);
        for (_, root, method, args) in pending {
            let mut targets = Vec::new();
            match root {
                CmdRoot::At(s) => targets.extend(self.commands.get(&s).copied()),
                CmdRoot::Local(name) => {
                    for (start, i) in &self.commands {
                        // The local's initialiser is (a chain on) that `Command::new`.
                        if self.local_starts_at(&name, *start) {
                            targets.push(*i);
                        }
                    }
                }
            }
            for i in targets {
                if let Some(Evidence { detail: Detail::Run { args: list, path_env, .. }, .. }) = self.out.get_mut(i) {
                    if method == "env" && args.first().and_then(|a| a.value.as_deref()) == Some("PATH") {
                        *path_env = true;
                    }
                    if method == "env" || method == "envs" || method == "env_clear" || method == "current_dir" {
                        continue;
                    }
                    list.extend(args.iter().cloned());
                }
            }
        }
    }

    fn local_starts_at(&self, name: &str, start: u32) -> bool {
        let Some(inits) = self.locals().vars_of(name) else { return false };
        inits.iter().any(|init| {
            let root = match exprs::strip_parens_and_refs(init) {
                Expr::MethodCall(m) => crate::rules::chain::down(m).root,
                other => other,
            };
            match exprs::strip_parens_and_refs(root) {
                Expr::Call(c) => crate::syntax::exprs::expr_start(&c.func)
                    .and_then(|s| self.file.byte_range(s))
                    .is_some_and(|(s, _)| s == start),
                _ => false,
            }
        })
    }

    fn on_path(&mut self, p: &syn::ExprPath) {
        if p.path.segments.len() < 2 && self.file.imports.lookup(&p.path.segments[0].ident.to_string()).is_none() {
            return;
        }
        if let Some((what, api)) = self.api(&p.path) {
            let r = self
                .range(p.path.segments[0].ident.span(), p.path.segments.last().map_or(p.span(), |s| s.ident.span()));
            if let Some(i) = self.push(Some(api.cap), what, r, Detail::None) {
                self.out[i].toolchain = api.toolchain;
            }
        }
    }

    /// The file `include_bytes!` reads, relative to the package, and its kind.
    fn blob_target(&self, o: &Origin) -> (String, BlobKind) {
        if o.out_dir {
            return ("$OUT_DIR/…".into(), BlobKind::Generated);
        }
        let rel = if o.manifest_dir {
            let tail: String = o.literals.concat();
            self.pkg_dir.join(tail.trim_start_matches(['/', '\\']))
        } else if let Some(v) = &o.value {
            self.abs.parent().unwrap_or(self.pkg_dir).join(v)
        } else {
            return ("?".into(), BlobKind::Unknown);
        };
        let path = crate::util::fspath::absolutize(self.pkg_dir, &rel);
        (crate::util::fspath::rel_path(self.pkg_dir, &path), blobs::sniff_file(&path, self.pkg_dir))
    }

    fn on_lit(&mut self, l: &syn::ExprLit) {
        match &l.lit {
            Lit::Str(s) => {
                let v = s.value();
                if let Some(marker) = shapes::sensitive_path(&v) {
                    let r = self.range(s.span(), s.span());
                    self.push(None, format!("mentions `{marker}`"), r, Detail::Sensitive(marker.to_string()));
                }
            }
            Lit::ByteStr(b) if b.value().len() >= 64 => {
                let kind = blobs::sniff(&b.value());
                if kind.is_executable() {
                    let r = self.range(b.span(), b.span());
                    self.push(Some(Cap::Blob), "byte string".into(), r, Detail::Blob { path: String::new(), kind });
                }
            }
            _ => {}
        }
    }

    fn on_array(&mut self, a: &syn::ExprArray) {
        if a.elems.len() < 64 {
            return;
        }
        let head: Vec<u8> = a
            .elems
            .iter()
            .take(64)
            .map_while(|e| match exprs::strip_parens_and_refs(e) {
                Expr::Lit(syn::ExprLit { lit: Lit::Int(i), .. }) => i.base10_parse::<u8>().ok(),
                _ => None,
            })
            .collect();
        if head.len() < 64 {
            return;
        }
        let kind = blobs::sniff(&head);
        if kind.is_executable() && kind != BlobKind::Script {
            let r = self.range(a.bracket_token.span.open(), a.bracket_token.span.close());
            self.push(Some(Cap::Blob), "byte array".into(), r, Detail::Blob { path: String::new(), kind });
        }
    }
}

/// `.map(|b| b ^ K)` or `.map(|c| c as char)`: turns bytes into something else.
fn decodes_bytes(m: &syn::ExprMethodCall) -> bool {
    let Some(Expr::Closure(c)) = m.args.first().map(exprs::strip_parens_and_refs) else { return false };
    let text = quote::ToTokens::to_token_stream(&c.body).to_string();
    text.contains('^') || text.contains("as char") || text.contains("char :: from")
}

/// `a + "b" + c`: an addition with a string literal in its chain.
fn adds_strings(b: &syn::ExprBinary) -> bool {
    let is_str = |e: &Expr| matches!(exprs::strip_parens_and_refs(e), Expr::Lit(syn::ExprLit { lit: Lit::Str(_), .. }));
    let mut e = b;
    loop {
        if is_str(&e.right) || is_str(&e.left) {
            return true;
        }
        match exprs::strip_parens_and_refs(&e.left) {
            Expr::Binary(inner) if matches!(inner.op, syn::BinOp::Add(_)) => e = inner,
            _ => return false,
        }
    }
}

/// Text of an expression's tokens (for `SslVerifyMode::NONE`-style checks).
fn quote_text(e: &Expr) -> String {
    quote::ToTokens::to_token_stream(e).to_string()
}

fn quote_text_tokens(m: &syn::Meta) -> String {
    quote::ToTokens::to_token_stream(m).to_string()
}

fn lints_tls_on_true(name: &str) -> bool {
    crate::lints::web::tls_verification_disabled::DISABLE_ON_TRUE.iter().any(|(m, _)| *m == name)
}

fn lints_tls_on_false(name: &str) -> bool {
    crate::lints::web::tls_verification_disabled::DISABLE_ON_FALSE.iter().any(|(m, _)| *m == name)
}

/// A file mode with an executable bit (`0o755`).
fn executable_mode(o: &Origin) -> bool {
    o.int.is_some_and(|m| m & 0o111 != 0)
}

fn is_decoding(name: &str) -> bool {
    matches!(
        name,
        "decode"
            | "decode_config"
            | "decode_to_vec"
            | "decode_vec"
            | "from_hex"
            | "decode_hex"
            | "hex_decode"
            | "unhex"
            | "from_base64"
            | "base64_decode"
            | "b64decode"
            | "b64_decode"
            | "from_utf8"
            | "from_utf8_lossy"
    )
}

/// A URL, command or credential path assembled from pieces none of which
/// shows what the whole is.
pub(super) fn split_hidden(o: &Origin) -> bool {
    let Some(v) = o.text() else { return false };
    let whole = shapes::shape(&v);
    if o.pieces < 2 || !matches!(whole, shapes::Shape::Url | shapes::Shape::Command | shapes::Shape::SensitivePath) {
        return false;
    }
    let marker = |s: &str| match whole {
        shapes::Shape::Url => s.contains("://") || s.to_ascii_lowercase().contains("http"),
        shapes::Shape::SensitivePath => shapes::sensitive_path(s).is_some(),
        _ => shapes::shape(s) == shapes::Shape::Command,
    };
    !o.literals.is_empty() && o.literals.iter().all(|l| !marker(l))
}

fn describe_hiding(o: &Origin) -> String {
    if o.obfuscation.is_empty() {
        format!("assembled from {} pieces", o.pieces)
    } else {
        format!("decoded ({})", o.obfuscation.join(", "))
    }
}

/// Code on one line, whitespace collapsed, at most 160 characters.
pub(super) fn one_line(s: &str) -> String {
    let mut out = String::new();
    let mut space = false;
    for c in s.chars() {
        if c.is_whitespace() {
            space = !out.is_empty();
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        out.push(c);
        if out.chars().count() >= 160 {
            out.push('…');
            break;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::paths::Imports;
    use crate::workspace::FileKind;

    /// (capability, API) of each use in `src`.
    fn uses(src: &str) -> Vec<(Option<Cap>, String)> {
        let mut file = FileCtx::new("lib.rs".into(), src.to_string(), FileKind::Lib);
        let ast = syn::parse_file(src).unwrap();
        file.imports = Imports::from_items(&ast.items);
        extract(&file, &ast, Path::new("/nonexistent/lib.rs"), Path::new("/nonexistent"))
            .into_iter()
            .map(|e| (e.cap, e.what))
            .collect()
    }

    fn has(src: &str, cap: Cap, what: &str) -> bool {
        uses(src).iter().any(|(c, w)| *c == Some(cap) && w == what)
    }

    #[test]
    fn names_resolve_through_imports_aliases_and_globs() {
        assert!(has(
            "use std::process::Command as C; fn f() { C::new(\"x\"); }",
            Cap::Process,
            "std::process::Command::new"
        ));
        assert!(has("fn f() { let f = std::fs::read; f(\"x\"); }", Cap::Fs, "std::fs::read"));
        assert!(has(
            "use std::process::*; fn f() { Command::new(\"x\"); }",
            Cap::Process,
            "std::process::Command::new"
        ));
        assert!(has("fn f() { reqwest::blocking::get(\"u\"); }", Cap::Net, "reqwest::blocking::get"));
        // A module of the crate named like a crate is not that crate.
        assert!(!has(
            "mod reqwest { pub fn get(_: &str) {} } fn f() { reqwest::get(\"u\"); }",
            Cap::Net,
            "reqwest::get"
        ));
        // clap's Command is not a process.
        assert!(uses("use clap::Command; fn f() { Command::new(\"app\"); }").is_empty());
    }

    #[test]
    fn macros_do_not_hide_calls() {
        assert!(has("fn f() { println!(\"{}\", std::env::var(\"X\").unwrap()); }", Cap::Env, "std::env::var"));
        assert!(has(
            "macro_rules! m { () => { std::process::Command::new(\"sh\") } }",
            Cap::Process,
            "std::process::Command::new"
        ));
        assert!(has(
            "cfg_if::cfg_if! { if #[cfg(unix)] { fn f() { std::net::TcpStream::connect(\"a:1\"); } } }",
            Cap::Net,
            "std::net::TcpStream::connect"
        ));
        // Generated code in a proc macro's `quote!` is not run by the proc macro.
        assert!(uses("fn f() -> T { quote::quote! { std::fs::remove_dir_all(\"/\") } }").is_empty());
    }

    #[test]
    fn ffi_init_and_test_code() {
        assert!(has("extern \"C\" { fn abs(x: i32) -> i32; }", Cap::Ffi, "extern \"C\" block"));
        assert!(has("#[link(name = \"z\")] extern \"C\" {}", Cap::Ffi, "#[link(name = \"z\")]"));
        assert!(has("#[global_allocator] static A: M = M;", Cap::Init, "#[global_allocator]"));
        assert!(has(
            "#[used] #[link_section = \".init_array\"] static I: extern \"C\" fn() = f;",
            Cap::Init,
            "#[used] #[link_section = \".init_array\"]"
        ));
        assert!(has("#[ctor::ctor] fn boot() {}", Cap::Init, "#[ctor::ctor]"));
        assert!(has("#[unsafe(no_mangle)] pub extern \"C\" fn malloc(n: usize) {}", Cap::Init, "exports `malloc`"));
        assert!(has("fn f() { std::panic::set_hook(Box::new(|_| {})); }", Cap::Init, "std::panic::set_hook"));
        assert!(uses("#[cfg(test)] mod t { fn f() { std::fs::write(\"a\", \"b\"); } } #[test] fn g() { std::fs::read(\"a\"); }").is_empty());
    }
}
