//! Macro calls in the per-file pass: `include_bytes!` of a binary, the
//! compile-time environment (`env!`), foreign functions declared by
//! `link!`, link directives printed by a build script, pieces assembled by
//! `format!`/`concat!`, and the code inside any other macro's arguments or
//! body (item macros, blocks, token soup of `macro_rules!`).

use proc_macro2::{TokenStream, TokenTree};
use syn::visit::Visit;

use super::visit::Fwd;
use super::{BlobKind, Cap, Detail, X};
use crate::syntax::{exprs, macros};

/// Macros whose bodies are code generated for someone else (a proc macro's
/// output), not code that runs here.
const GENERATED: &[&str] = &["quote", "quote_spanned", "parse_quote", "parse_quote_spanned", "stringify"];

impl X<'_, '_> {
    pub(super) fn on_macro(&mut self, mac: &syn::Macro) {
        let name = macros::macro_name(mac);
        if GENERATED.contains(&name.as_str()) {
            return;
        }
        let range = self.range(
            mac.path.segments.first().map_or(mac.bang_token.span, |s| s.ident.span()),
            mac.delimiter.span().close(),
        );
        match name.as_str() {
            "include_bytes" => {
                let Some(arg) = macros::parse_args(mac).into_iter().next() else { return };
                let o = self.origin(&arg.expr);
                let (path, kind) = self.blob_target(&o);
                if kind.is_binary() || kind == BlobKind::Generated {
                    self.push(Some(Cap::Blob), "include_bytes!".into(), range, Detail::Blob { path, kind });
                }
            }
            "env" | "option_env" => {
                let var = macros::parse_args(mac).first().and_then(|a| exprs::str_lit(&a.expr));
                if var.as_deref().is_some_and(|n| !boring_compile_env(n)) {
                    self.push(None, format!("{name}!"), range, Detail::Env { name: var, compile_time: true });
                }
            }
            "macro_rules" => self.scan_tokens(&mac.tokens, "in `macro_rules!`"),
            // `windows_targets::link!("kernel32.dll" "system" fn CreateFileW(..))`: a foreign function.
            "link" if mac.path.segments.len() > 1 || mac.tokens.to_string().contains(" fn ") => {
                self.push(Some(Cap::Ffi), "link!".into(), range, Detail::Link);
            }
            "include" | "include_str" | "concat_idents" | "cfg" | "compile_error" | "asm" | "global_asm"
            | "naked_asm" => {}
            _ => {
                let items = macros::body_items(mac);
                if !items.is_empty() {
                    let mut f = Fwd(self);
                    for item in &items {
                        f.visit_item(item);
                    }
                    return;
                }
                let args = macros::parse_args_cached(mac);
                if args.is_empty() {
                    let braced =
                        TokenTree::Group(proc_macro2::Group::new(proc_macro2::Delimiter::Brace, mac.tokens.clone()));
                    if let Ok(block) = syn::parse2::<syn::Block>(TokenStream::from(braced)) {
                        Fwd(self).visit_block(&block);
                    } else if !mac.tokens.is_empty() {
                        self.scan_tokens(&mac.tokens, &format!("in `{name}!`"));
                    }
                    return;
                }
                if matches!(name.as_str(), "println" | "print" | "eprintln" | "write" | "writeln")
                    && let Some(l) = args.iter().find_map(|a| exprs::str_lit(&a.expr))
                    && link_directive(&l).is_some()
                {
                    self.push(Some(Cap::Ffi), "cargo:rustc-link-lib".into(), range, Detail::Link);
                }
                if matches!(name.as_str(), "format" | "concat") && args.len() >= 2 && only_pieces(&args) {
                    let o = self.values.origin_of_macro(mac, self.locals());
                    self.decode_site(o, range);
                }
                let mut f = Fwd(self);
                for a in args.iter() {
                    f.visit_expr(&a.expr);
                }
            }
        }
    }
}

/// `format!("{}{}", a, b)` / `concat!(a, b)`: the text is only the pieces
/// (a string spelled out in the format is not hidden).
fn only_pieces(args: &[macros::MacroArg]) -> bool {
    match args.first().and_then(|a| exprs::str_lit(&a.expr)) {
        Some(fmt) => {
            let mut rest = String::new();
            let mut depth = 0;
            for c in fmt.chars() {
                match c {
                    '{' => depth += 1,
                    '}' => depth -= 1,
                    _ if depth == 0 => rest.push(c),
                    _ => {}
                }
            }
            rest.chars().filter(|c| c.is_alphanumeric()).count() <= 2
        }
        None => true,
    }
}

/// `cargo:rustc-link-lib=[KIND=]NAME` (or `cargo::`): the library.
fn link_directive(s: &str) -> Option<String> {
    let rest = s.strip_prefix("cargo::rustc-link-lib=").or_else(|| s.strip_prefix("cargo:rustc-link-lib="))?;
    Some(rest.rsplit('=').next().unwrap_or(rest).trim().to_string())
}

/// Compile-time variables cargo sets for every crate: not worth recording.
fn boring_compile_env(name: &str) -> bool {
    name == "OUT_DIR"
        || [
            "CARGO_PKG_",
            "CARGO_CRATE_",
            "CARGO_MANIFEST_",
            "CARGO_BIN_",
            "CARGO_CFG_",
            "CARGO_FEATURE_",
            "CARGO_PRIMARY_",
            "CARGO_TARGET_TMPDIR",
        ]
        .iter()
        .any(|p| name.starts_with(p))
}
