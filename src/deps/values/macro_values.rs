//! What a macro call evaluates to: `env!`, `concat!`, `format!` and the
//! printing macros (their format string and arguments), `vec!` of bytes,
//! `include_str!` of a file of the package; any other macro is its
//! arguments' origins, unknown in value.

use syn::{Expr, Lit};

use super::{FileValues, Locals, Origin};
use crate::deps::origin::env_read;
use crate::syntax::macros::{self, Placeholder};

impl<'ast> FileValues<'_, 'ast> {
    pub(super) fn mac(&self, mac: &syn::Macro, locals: &Locals<'ast>, d: u32, seen: &mut Vec<String>) -> Origin {
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
            "include_str" => self.included_text(mac),
            "include_bytes" => Origin::unknown(),
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

    /// `include_str!("file")`: the text of a file of the package (at most 64 KiB).
    fn included_text(&self, mac: &syn::Macro) -> Origin {
        let (Some(dir), Some(pkg)) = (&self.file_dir, &self.pkg_dir) else { return Origin::unknown() };
        let Some(rel) = macros::parse_args(mac).first().and_then(|a| crate::syntax::exprs::str_lit(&a.expr)) else {
            return Origin::unknown();
        };
        let path = crate::util::fspath::absolutize(dir, std::path::Path::new(&rel));
        let inside = path.canonicalize().ok().zip(pkg.canonicalize().ok()).is_some_and(|(p, d)| p.starts_with(d));
        let text = inside
            .then(|| crate::util::fsread::read_at_most(&path, 64 * 1024).ok())
            .flatten()
            .and_then(|b| String::from_utf8(b).ok());
        text.map_or_else(Origin::unknown, Origin::literal)
    }

    pub(super) fn named(&self, name: &str, locals: &Locals<'ast>, d: u32, seen: &mut Vec<String>) -> Origin {
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
