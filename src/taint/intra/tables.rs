//! Lookup tables a byte indexes: `TABLE[b as usize]`, `&tmp[..len as
//! usize]` with `len` a `u8`, `TABLE[(w >> 24) as usize]` with `w` a `u32`,
//! cannot panic when the table has at least 256 entries (a byte is at
//! most 255). The table's length is what the file
//! declares for its name: `[T; N]` in a `const`/`static`, a field, a
//! parameter or a `let` (`let tmp = [0u8; 256]`), or a literal list's
//! element count; the smallest of the declarations, and nothing when one
//! is a slice.

use syn::Expr;

use super::{FnAnalysis, Taint, strip_parens_refs_derefs};
use crate::rules::taint::Guard;
use crate::taint::mask;

/// Entries a byte-indexed table needs so that no byte is out of bounds.
const BYTE_VALUES: u64 = 256;

impl FnAnalysis<'_> {
    /// Every tainted part of the offset is a byte, and the indexed value a
    /// table of at least 256 entries.
    pub(super) fn byte_into_table(&self, base: &Expr, offset: &Taint) -> bool {
        let byte = mask::guarded_by(Guard::ByteSized);
        !offset.is_empty()
            && !byte.is_empty()
            && offset.iter().all(|f| f.sanitized.intersection(byte) == byte)
            && self.table_len(base).is_some_and(|n| n >= BYTE_VALUES)
    }

    /// `header.id_length` where the struct declares the field a `u8`/`i8`.
    pub(super) fn byte_field(&self, e: &Expr) -> bool {
        let Expr::Field(f) = strip_parens_refs_derefs(e) else { return false };
        self.field_type(&f.base, &f.member).is_some_and(|t| matches!(t.path.as_slice(), [n] if n == "u8" || n == "i8"))
    }

    /// `w >> s` keeps at most 8 bits: `w` an integer of at most `s + 8`
    /// bits (`(w0 >> 24)` of a `u32`).
    pub(super) fn shifted_to_a_byte(&self, value: &Expr, shift: &Expr) -> bool {
        let Expr::Lit(syn::ExprLit { lit: syn::Lit::Int(s), .. }) = strip_parens_refs_derefs(shift) else {
            return false;
        };
        let Ok(s) = s.base10_parse::<u32>() else { return false };
        self.int_bits(value).is_some_and(|w| u32::from(w) <= s.saturating_add(8))
    }

    /// The width in bits of an unsigned integer expression, when its syntax says:
    /// a cast, a suffixed literal, `uN::from_*_bytes`, a reader's
    /// `read_uN`/`get_uN`, a local bound to one of these or declared
    /// `uN`, and arithmetic on one (both sides of `^`, `&`, `|`, `+`, … have
    /// one type; a shift has its left side's).
    pub(super) fn int_bits(&self, e: &Expr) -> Option<u8> {
        match strip_parens_refs_derefs(e) {
            Expr::Cast(c) => type_bits(&c.ty),
            Expr::Lit(syn::ExprLit { lit: syn::Lit::Int(i), .. }) => name_bits(i.suffix()),
            Expr::Try(t) => self.int_bits(&t.expr),
            Expr::Binary(b) => match b.op {
                syn::BinOp::Shl(_) | syn::BinOp::Shr(_) => self.int_bits(&b.left),
                syn::BinOp::BitXor(_)
                | syn::BinOp::BitAnd(_)
                | syn::BinOp::BitOr(_)
                | syn::BinOp::Add(_)
                | syn::BinOp::Sub(_)
                | syn::BinOp::Mul(_)
                | syn::BinOp::Div(_)
                | syn::BinOp::Rem(_) => self.int_bits(&b.left).or_else(|| self.int_bits(&b.right)),
                _ => None,
            },
            Expr::Call(c) => self.call_bits(c),
            // `src[i]` of a `&[u8]`: one element.
            Expr::Index(ix) if !matches!(strip_parens_refs_derefs(&ix.index), Expr::Range(_)) => {
                self.elem_bits(&ix.expr)
            }
            Expr::Unsafe(u) => match u.block.stmts.as_slice() {
                [syn::Stmt::Expr(e, None)] => self.int_bits(e),
                _ => None,
            },
            Expr::MethodCall(m) if matches!(m.method.to_string().as_str(), "get_unchecked" | "get_unchecked_mut") => {
                self.elem_bits(&m.receiver)
            }
            Expr::MethodCall(m) => {
                let name = m.method.to_string();
                let ty = name.strip_prefix("read_").or_else(|| name.strip_prefix("get_"))?;
                name_bits(
                    ty.strip_suffix("_le")
                        .or_else(|| ty.strip_suffix("_be"))
                        .or_else(|| ty.strip_suffix("_ne"))
                        .unwrap_or(ty),
                )
            }
            Expr::Path(p) if p.path.segments.len() == 1 => {
                let h = self.hints.get(&p.path.segments[0].ident.to_string())?;
                h.int_bits.or_else(|| match h.ty.as_deref() {
                    Some([t]) => name_bits(t),
                    _ => None,
                })
            }
            _ => None,
        }
    }

    /// The width of what a call gives: `uN::from_*_bytes`, `uN::from(x)`,
    /// and the value a lossless conversion keeps (`usize::from(b)`).
    pub(super) fn call_bits(&self, c: &syn::ExprCall) -> Option<u8> {
        let Expr::Path(p) = &*c.func else { return None };
        let [f, ty] = p.path.segments.iter().rev().take(2).collect::<Vec<_>>()[..] else { return None };
        let f = f.ident.to_string();
        if f.starts_with("from_") && f.ends_with("_bytes") {
            return name_bits(&ty.ident.to_string());
        }
        match (f.as_str(), &c.args.iter().collect::<Vec<_>>()[..]) {
            // `u32::from(b)` is a `u32`; `usize::from(b)` (whose width
            // the target decides) what `b` holds.
            ("from", [_]) if name_bits(&ty.ident.to_string()).is_some() => name_bits(&ty.ident.to_string()),
            ("from", [a]) if ty.ident == "usize" => self.int_bits(a),
            _ => None,
        }
    }

    /// The width of the elements of the slice, array or `Vec` a local
    /// holds (`src: &[u8]`).
    fn elem_bits(&self, base: &Expr) -> Option<u8> {
        match strip_parens_refs_derefs(base) {
            Expr::Path(p) => self.hints.get(&p.path.get_ident()?.to_string())?.elem_bits,
            // `self.widths[i]` of a `widths: Vec<u16>` field; a field of an
            // owner of unknown type when every struct of the file that has
            // one by that name declares the same elements.
            Expr::Field(f) => match self.field_type(&f.base, &f.member) {
                Some(t) => name_bits(t.elem.as_deref()?),
                None => self.field_by_name(&f.member, |t| name_bits(t.elem.as_deref()?)),
            },
            _ => None,
        }
    }

    /// What `get` says of a field whose owner's type is not known
    /// (`block.size` of a block picked by an `if`): the same for every
    /// struct of the file that declares a field by that name, or nothing.
    pub(super) fn field_by_name<T: PartialEq>(
        &self,
        member: &syn::Member,
        get: impl Fn(&crate::rules::file::FieldType) -> Option<T>,
    ) -> Option<T> {
        let syn::Member::Named(name) = member else { return None };
        let name = name.to_string();
        let mut all = self.file.fields.iter().filter(|((_, f), _)| *f == name).map(|(_, t)| get(t));
        let first = all.next()??;
        all.all(|w| w.as_ref() == Some(&first)).then_some(first)
    }

    /// A binding's declared slice, array or `Vec` of unsigned integers
    /// (`src: &[u8]`, `buf: &mut [u16; 4]`, `v: Vec<u8>`): its elements'
    /// width.
    pub(super) fn elem_bits_hint(&mut self, pt: &syn::PatType) {
        let Some(bits) = crate::syntax::exprs::elem_type(&pt.ty).and_then(type_bits) else { return };
        if let syn::Pat::Ident(pi) = &*pt.pat {
            self.hints.entry(pi.ident.to_string()).or_default().elem_bits = Some(bits);
        }
    }

    fn table_len(&self, base: &Expr) -> Option<u64> {
        self.table_len_at(base, 0)
    }

    /// The length of the table `base` names, `nested` levels of indexing
    /// down (`TABLE16[12]`: the rows of `[[u32; 256]; 16]`). A constant
    /// table (`CRC32_TABLE`) declared in another file counts as
    /// byte-sized: a table shorter than the values of the byte that
    /// indexes it fails on the first input that has one.
    fn table_len_at(&self, base: &Expr, nested: u8) -> Option<u64> {
        let name = match strip_parens_refs_derefs(base) {
            Expr::Index(ix) if nested < 3 => return self.table_len_at(&ix.expr, nested + 1),
            Expr::Path(p) if p.qself.is_none() => {
                let name = p.path.segments.last()?.ident.to_string();
                let constant = crate::syntax::exprs::is_const_name(&name);
                if constant && !self.file.text_contains(&format!("{name}:")) {
                    return Some(BYTE_VALUES);
                }
                name
            }
            Expr::Field(f) => match &f.member {
                syn::Member::Named(n) => n.to_string(),
                syn::Member::Unnamed(_) => return None,
            },
            Expr::MethodCall(m)
                if m.args.is_empty() && matches!(m.method.to_string().as_str(), "as_slice" | "as_ref") =>
            {
                return self.table_len_at(&m.receiver, nested);
            }
            _ => return None,
        };
        self.file.array_len(&name, nested, |text| declared_len(text, &name, nested, 0))
    }
}

/// The smallest array length declared for `name` in `text` (`name: [T;
/// N]`, `name: &mut [T; N]`, `name = [x; N]`, `name: [a, b, …]`); `None`
/// when there is none or one is a slice (`name: &[T]`).
fn declared_len(text: &str, name: &str, nested: u8, depth: u8) -> Option<u64> {
    let mut min: Option<u64> = None;
    for (i, _) in text.match_indices(name) {
        let before = text[..i].chars().next_back();
        let after = &text[i + name.len()..];
        if before.is_some_and(is_ident_char) || after.chars().next().is_some_and(is_ident_char) {
            continue;
        }
        let after = after.trim_start();
        let rest = if let Some(r) = after.strip_prefix(':').filter(|r| !r.starts_with(':')) {
            r
        } else if let Some(r) = after.strip_prefix('=').filter(|r| !r.starts_with('=')) {
            r
        } else {
            continue;
        };
        let rest = rest.trim_start().trim_start_matches('&').trim_start();
        let rest = rest.strip_prefix("mut ").unwrap_or(rest).trim_start();
        if !rest.starts_with('[') {
            continue;
        }
        let n = bracket_len(text, element(rest, nested)?, depth)?;
        min = Some(min.map_or(n, |m| m.min(n)));
    }
    min
}

/// The type of the elements `nested` levels into the array type at the
/// start of `s` (`[[u32; 256]; 16]`, 1: `[u32; 256]`).
fn element(s: &str, nested: u8) -> Option<&str> {
    let mut s = s;
    for _ in 0..nested {
        s = s.strip_prefix('[')?.trim_start();
        if !s.starts_with('[') {
            return None;
        }
    }
    Some(s)
}

/// The length a `[…]` at the start of `s` says: `[T; N]` or `[x; N]`
/// gives N, a list of two or more its element count, `[T]` nothing.
fn bracket_len(text: &str, s: &str, depth: u8) -> Option<u64> {
    let (mut level, mut semi, mut commas, mut any) = (0i32, None, 0u64, false);
    for (i, c) in s.char_indices() {
        match c {
            '[' | '(' | '{' => level += 1,
            ']' | ')' | '}' => {
                level -= 1;
                if level == 0 {
                    return match semi {
                        Some(at) => eval_len(text, s.get(at + 1..i)?.trim(), depth),
                        // A list (`[1, 2, 3]`); `[T]` is a slice, no length.
                        None if any && commas > 0 => Some(commas + u64::from(!s[..i].trim_end().ends_with(','))),
                        None => None,
                    };
                }
            }
            ';' if level == 1 => semi = Some(i),
            ',' if level == 1 => commas += 1,
            _ if level == 1 && !c.is_whitespace() => any = true,
            _ => {}
        }
    }
    None
}

/// A length written as a literal (`256`, `0x100`, `256usize`), a constant
/// of the file (`TABLE_SIZE`), or `a * b`, `a << b`, `a + b` of those.
fn eval_len(text: &str, len: &str, depth: u8) -> Option<u64> {
    let e = syn::parse_str::<Expr>(len).ok()?;
    eval(text, &e, depth)
}

/// An integer the expression is: a literal, a constant of the file, or
/// `a * b`, `a << b`, `a + b` of those.
pub(super) fn file_int(text: &str, e: &Expr) -> Option<u64> {
    eval(text, e, 0)
}

fn eval(text: &str, e: &Expr, depth: u8) -> Option<u64> {
    match strip_parens_refs_derefs(e) {
        Expr::Lit(l) => match &l.lit {
            syn::Lit::Int(i) => i.base10_parse::<u64>().ok(),
            _ => None,
        },
        Expr::Binary(b) => {
            let (l, r) = (eval(text, &b.left, depth)?, eval(text, &b.right, depth)?);
            match b.op {
                syn::BinOp::Mul(_) => l.checked_mul(r),
                syn::BinOp::Add(_) => l.checked_add(r),
                syn::BinOp::Shl(_) => u32::try_from(r).ok().and_then(|r| l.checked_shl(r)),
                _ => None,
            }
        }
        Expr::Cast(c) => eval(text, &c.expr, depth),
        Expr::Path(p) if depth < 3 => {
            let name = p.path.get_ident()?.to_string();
            const_value(text, &name, depth + 1)
        }
        _ => None,
    }
}

/// `const NAME: T = value;` in the file: its value.
fn const_value(text: &str, name: &str, depth: u8) -> Option<u64> {
    let decl = format!("const {name}:");
    let at = text.find(&decl)?;
    let rest = &text[at + decl.len()..];
    let value = rest.split_once('=')?.1.split_once(';')?.0.trim();
    eval_len(text, value, depth)
}

fn is_ident_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// `u8` … `u128`: the unsigned integer's width in bits. Signed types are
/// left out: a negative value shifted right stays negative, and `as usize`
/// makes it huge.
pub(super) fn name_bits(name: &str) -> Option<u8> {
    crate::taint::size::uint_bits(name)
}

pub(super) fn type_bits(ty: &syn::Type) -> Option<u8> {
    match ty {
        syn::Type::Path(p) if p.qself.is_none() => name_bits(&p.path.get_ident()?.to_string()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::declared_len;

    #[test]
    fn table_lengths_from_declarations() {
        let text = "const SIZE: usize = 1 << 8;\nstatic TABLE: [u16; SIZE] = [0; SIZE];\nfn f(small: &[u8; 16]) { let mut tmp = [0u8; 0x100]; }\nstruct D { table: [u8; 384] }\nconst L: [u8; 3] = [1, 2, 3,];\nfn g(s: &[u8]) {}\n";
        assert_eq!(declared_len(text, "TABLE", 0, 0), Some(256));
        assert_eq!(declared_len(text, "tmp", 0, 0), Some(256));
        assert_eq!(declared_len(text, "small", 0, 0), Some(16));
        assert_eq!(declared_len(text, "table", 0, 0), Some(384));
        assert_eq!(declared_len(text, "L", 0, 0), Some(3));
        // A slice has no length: nothing is known.
        assert_eq!(declared_len(text, "s", 0, 0), None);
        assert_eq!(declared_len(text, "missing", 0, 0), None);
        let nested = "static ROWS: [[u32; 256]; 16] = [[0; 256]; 16];";
        assert_eq!(declared_len(nested, "ROWS", 0, 0), Some(16));
        assert_eq!(declared_len(nested, "ROWS", 1, 0), Some(256));
    }
}
