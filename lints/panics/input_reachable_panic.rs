use crate::rules::prelude::*;
use crate::rules::taint::{Guard, TaintSpec};

declare_rule! {
    /// ### What it does
    /// Finds panics that untrusted input triggers: `unwrap`/`expect` on the
    /// result of parsing, decoding or converting untrusted data
    /// (`str::parse`, `String::from_utf8`, `u16::try_from`,
    /// `HeaderValue::to_str`, `serde_json::from_slice`, …) or on a lookup
    /// of request data (`req.headers().get("x").unwrap()`); indexing and
    /// slicing with an untrusted offset (`data[first..=last]`, `&name[..n]`,
    /// where a `str` also panics inside a multi-byte character); an
    /// untrusted `str` cut at a byte offset worked out from its length
    /// (`&name[..name.len().min(32)]`, `&s[..s.len() - 1]`, `s.split_at(s.
    /// len() / 2)`: inside a character for non-ASCII text); and
    /// `split_at`, `split_off`, `Buf::copy_to_bytes`/`advance` with an
    /// untrusted length. Untrusted input is request data, bytes and numbers
    /// read off a network or IPC stream (`TcpStream`, `UnixStream`, TLS
    /// streams, through `Read`, `AsyncReadExt`, byteorder), HTTP
    /// responses, and the entry names and link targets of an archive
    /// (`std::str::from_utf8(&entry.path_bytes()).unwrap()`,
    /// `entry.path()?.to_str().unwrap()`: a name that is not UTF-8 panics
    /// whoever lists the archive). Opt-in (`sources = ["remote",
    /// "network", "archive", "library"]`:
    /// measured at 12% precision on the bench corpus's library crates, 3
    /// true of 24, and 0 of 36 on current format crates, see
    /// `benches/library/triage.toml`): under the library threat model, in a
    /// library's public API, the caller's bytes and strings parsed whole
    /// by a decoder (`std::str::from_utf8(bytes).unwrap()` in `parse_*`,
    /// `from_bytes`, `FrameDecoder::next`, or on what a reader parameter
    /// gave) and numbers decoded from them (`&buf[..u16::from_be_bytes(..)
    /// as usize]`, `read_u32`, varints, also off a reader a constructor
    /// kept in a field) — not an offset the library computed over the
    /// buffer, a slice made an array (`b.try_into().unwrap()`: the length
    /// is the caller's choice), a string handed to a builder or a setter
    /// (`set_port(p)`), the prefix `valid_up_to()` found valid, a value
    /// masked or reduced by a constant (`table[h & MASK]`), an `unsafe fn`
    /// or test support.
    ///
    /// Safe, and not reported: `get(..)` instead of indexing, a length check
    /// that returns first (`if n > buf.len() { return Err(..) }`,
    /// `remaining() >= n`, `is_char_boundary(n)`), `checked_*` arithmetic,
    /// `match`/`if let`/`?` on the result, offsets from `find` on the same
    /// string, a cut where the function looks for boundaries
    /// (`is_char_boundary`, `char_indices`) or checks `is_ascii`, a byte
    /// (`b as usize`, `read_u8()`, a `u8` field, `(w >> 24) as usize` of a
    /// `u32`) indexing a table of 256
    /// entries or more (`static CLASSES: [u8; 256]`), the count of bytes a
    /// helper returns beside its value (`let (n, nr) = read_u32(s)?; &s[nr..]`,
    /// also through `and_then(|(n, nr)| ..)`), the count a read into a
    /// buffer returns (`let n = s.peek(&mut buf)?; buf.advance(n)`: at most
    /// the buffer's length), text of a value its type validated parsed
    /// again (a `Uri`'s `path()`/`query()`, cut or formatted, `parse()`d or
    /// `HeaderValue::from_str(&uri.to_string())`: not after a decoder, not
    /// into a number, `parse::<u32>()`), test support modules (`#[cfg(any(
    /// test, feature = "__private"))] mod test_helpers`), and constants
    /// (`"127.0.0.1:80".parse().unwrap()`).
    ///
    /// ### Why is this bad?
    /// A panic ends the thread, the task or the whole process (with
    /// `panic = "abort"`): one malformed request or frame takes the service
    /// down for everyone (CWE-248, CWE-400). Real advisories of this shape:
    /// decoders that slice at a length read off the wire, servers that
    /// `unwrap` a header.
    ///
    /// ### Known problems
    /// A check made by a caller before it calls a helper that unwraps is
    /// not seen. Lookups that may find nothing (`get(..)`, `next()`, a
    /// literal key) are reported only inside request handlers; a route's
    /// own parameters (`match_info().get(..)`) and `split(..).next()` never
    /// fail. On the real-world benchmark its true findings are multipart
    /// fields and uploaded files decoded with
    /// `from_utf8(..).unwrap()`/`read_to_string(..).unwrap()`, the false
    /// one a header unwrapped in a helper its caller had checked. Valid
    /// text parsed into a number whose type only a `let` names (`let n:
    /// u32 = uri.path().parse().unwrap()`) is taken for a re-parse and not
    /// reported.
    ///
    /// ### Example
    /// ```rust
    /// use axum::extract::Query;
    /// use std::collections::HashMap;
    ///
    /// async fn page(Query(q): Query<HashMap<String, String>>) -> String {
    ///     let n: usize = q["page"].parse().unwrap();
    ///     format!("page {n}")
    /// }
    /// ```
    ///
    /// ### Use instead
    /// ```rust
    /// use axum::extract::Query;
    /// use std::collections::HashMap;
    ///
    /// async fn page(Query(q): Query<HashMap<String, String>>) -> String {
    ///     match q.get("page").map(|p| p.parse::<usize>()) {
    ///         Some(Ok(n)) => format!("page {n}"),
    ///         _ => "bad page".to_string(),
    ///     }
    /// }
    /// ```
    ///
    /// A length read off a socket, then a boundary check:
    ///
    /// ```rust
    /// use std::io::Read;
    /// use std::net::TcpStream;
    ///
    /// fn record(mut s: TcpStream, table: &[u8; 16]) -> std::io::Result<u8> {
    ///     let mut b = [0u8; 1];
    ///     s.read_exact(&mut b)?;
    ///     let i = usize::from(b[0]);
    ///     if i >= table.len() {
    ///         return Err(std::io::ErrorKind::InvalidData.into());
    ///     }
    ///     Ok(table[i])
    /// }
    /// ```
    ///
    /// ### References
    /// - CWE-248: Uncaught Exception
    /// - CWE-400: Uncontrolled Resource Consumption
    /// - OWASP Top 10 2021 A04: Insecure Design
    pub(crate) InputReachablePanic {
        id: "input-reachable-panic",
        name: "InputReachablePanic",
        summary: "untrusted input can make the code panic",
        severity: Medium,
        precision: High,
        measured: [
            Realworld { findings: 15, judged: 15, tp: 14, debatable: 0, when: "session 8 (a328b37)" },
            Corpus { findings: 0, judged: 0, tp: 0, debatable: 0, when: "session 8 (s8-panic: valid text, read counts, test support)" },
        ],
        cwe: [248, 400],
        owasp: [A04],
        tags: ["taint", "panic", "availability"],
        options: [crate::rules::taint::sources_option("remote, network, archive")],
    }
}

/// Its sinks are the crate models' `rule = "input-reachable-panic"` entries (`lints/models/`).
/// A library's caller's bytes or text parsed whole (`from_utf8(bytes).unwrap()`) count.
const SPEC: TaintSpec =
    TaintSpec { guards: &[Guard::UpperBound, Guard::LengthCheck], library_whole: true, ..TaintSpec::new() };

crate::taint_rule!(InputReachablePanic, SPEC);
