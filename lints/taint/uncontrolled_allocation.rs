use crate::rules::prelude::*;
use crate::rules::taint::{Guard, TaintSpec};

declare_rule! {
    /// ### What it does
    /// Finds sizes from untrusted input that reach an allocation:
    /// `Vec::with_capacity`, `vec![x; n]`, `String::with_capacity`,
    /// `reserve`, `resize`, `repeat`, the `with_capacity` of std's other
    /// collections and of `indexmap`, `hashbrown`, `smallvec`, `bytes`.
    /// A size bounded with `min`/`clamp`,
    /// a comparison against a limit (`if n > MAX { return … }`, `if
    /// u64::from(count) * 4 > box_size { return … }`: a limit of the
    /// format or the caller; each term of a sum so compared, `if offset +
    /// size > file_len { return … }`; a difference so compared, `if
    /// range.end - range.start > max { return … }`, where the same
    /// difference is the size while both sides hold what they held then)
    /// or against the length of data at hand (`if n > data.len() { return
    /// … }`) is not reported, nor is one its types bound to at most 2^20
    /// elements: a count read as a `u8` or `u16` (`read_u16`,
    /// `u16::from_be_bytes`, a `u16` field, `as u16`, `usize::from(n)` of
    /// one, what a function of the same file returns when its declared
    /// type or every value it returns is such a count: `fn segment_len(r)
    /// -> Result<usize>` returning `Ok(usize::from(len) - 2)` of a `u16`
    /// read), alone or times a small constant (`usize::from(n) * 4`); so
    /// is one another file of the crate bounds: a field its struct
    /// declares `u8` or `u16` there (`header.name_len as usize`), a
    /// function declared there to return one. A size only the program's
    /// constants make up (`if linked { kind.block_size() * 2 + WINDOW }
    /// else { kind.block_size() }`, `block_size` a `match` of constants in
    /// any file of the crate) is the program's choice, whatever its
    /// width, and is not reported either. A
    /// product of two such counts
    /// (`usize::from(width) * usize::from(height) * 4`: up to 16 GiB) is
    /// reported. `vec![a, b]` lists elements and has no size.
    ///
    /// A size a function's parameter decides (`fn buffer(len: usize) {
    /// vec![0u8; len + 16] }`) is judged at each call with what that
    /// caller passes: a `u16` read or field widened (`buffer(usize::
    /// from(n))`, `buffer(block.len as usize)`), a value checked against a
    /// limit before the call, a constant or a value no input reaches bound
    /// it there, also through calls that pass the parameter on. The
    /// allocation is reported only through a caller whose argument is
    /// unbounded (`buffer(r.read_u32()? as usize)`). An integer the caller
    /// of a public function passes is its own choice: in `pub fn
    /// tail(r: &mut R, size: u64)` allocating `size - name_len`, the
    /// input picks only `name_len`, and it is not reported.
    ///
    /// A count the input paid for is not reported below the loop that
    /// paid: after `for _ in 0..n { offsets.push(r.read_u32()?); }` ran
    /// to its end, `n` items came off the reader one by one, so an
    /// allocation of `n` elements made after it is proportional to the
    /// bytes received (the one before the loop still is reported; a read
    /// in a branch of the body, or a `break`, pays for nothing); so is a
    /// count a read filled a vector of (`let mut v = vec![0; count * 2];
    /// r.read_u32_into(&mut v)?;` pays for `count`, whatever the reader
    /// — the crate's own wrapper of the caller's reader too). A
    /// division keeps its dividend's width (`w.div_ceil(8)` of a `u16`),
    /// and a crate type's own method named like an allocation
    /// (`table.resize(n)` of `impl Table { fn resize .. }` in the same
    /// file) is that method: what it allocates is judged in its body.
    /// A `match` or an `if … else` is as wide as its widest branch that
    /// gives a value (`match r.read_u16() { Ok(n) => n, Err(e) => return
    /// Err(e) }` is a `u16`), an `Option` unwrapped as wide as its value
    /// (`b.last_chunk().map(|b| u16::from_le_bytes(*b)).unwrap()`), a
    /// division or a right shift by a literal narrower by the bits it
    /// takes off (`n.div_ceil(65536)` of a `u32` is 17 bits wide). An
    /// arm's binding keeps the scrutinee's width through a conversion
    /// (`match r.read_u16()? { 0 => 512, v => u32::from(v) }` is 16 bits
    /// wide), and so does a closure's parameter its receiver's
    /// (`n.checked_sub(HEADER).map(|v| v / ENTRY)` of a `u16`). A private
    /// field (no `pub`) declared `u32` or `usize` is no wider than the
    /// widest value its file writes into it (`Header { block_size:
    /// u32::from(r.read_u16()?) }`); a compound assignment or a `&mut` of
    /// it leaves it unknown. A
    /// difference is no bound: `end.checked_sub(start)` of two offsets
    /// read off the input is reported. What a buffer already holds plus such a step
    /// (`out.resize(out.len() + n_u16, 0)`, `let start = out.len()`) grows
    /// it by that step only, and is not reported.
    ///
    /// A check whose exit is a macro that only returns counts like one
    /// written out (`if n > 65536 { invalid_data!("too many rows"); }`),
    /// also when another file of the crate defines the macro (`#[macro_use]
    /// mod macros;`) and no other file defines one of that name otherwise.
    ///
    /// A regex match never makes a size safe; values that reach only an
    /// error (`Err(..)`, `bail!`) do not count.
    ///
    /// Untrusted sizes are request data, numbers read off a network or IPC
    /// stream (`read_u32` on a `TcpStream`), standard input, and — under
    /// the library threat model, in a library's public API — numbers
    /// decoded from the caller's bytes, string or reader parameters:
    /// `u32::from_be_bytes(..)`, byteorder's `read_u32`, `Buf::get_u32`,
    /// `hi << 8 | lo`, `s.parse::<usize>()`, a varint, `entry.size() as
    /// usize` of an object read from the caller's reader, what the crate's
    /// own cursor over the caller's bytes reads (`cursor.read_u32()`, also
    /// from bytes a decoder's constructor kept in a field), a number read
    /// off a `std::io::Cursor` the caller hands in, a number decoded from
    /// a buffer the crate's own read helper filled from the caller's
    /// reader (`read_exact_or_eof(reader, &mut buf)?;
    /// u32::from_le_bytes(buf)`: a function named `read…`/`fill…` handed
    /// a fresh `&mut` buffer). A size computed
    /// from what the caller already holds (`bytes.len() * 2`) is not
    /// reported, nor are `unsafe fn`s, `#[doc(hidden)]` items and test
    /// support (`pub mod test_helpers`, `#[cfg(feature = "test-util")]`).
    ///
    /// ### Why is this bad?
    /// One request with `count=10000000000` makes the service allocate
    /// gigabytes and abort (out of memory) or stall: a cheap denial of
    /// service.
    ///
    /// ### Example
    /// ```rust
    /// use axum::extract::Path;
    ///
    /// async fn buffer(Path(n): Path<usize>) -> usize {
    ///     let v: Vec<u8> = Vec::with_capacity(n);
    ///     v.capacity()
    /// }
    /// ```
    ///
    /// ### Use instead
    /// ```rust
    /// use axum::extract::Path;
    ///
    /// const MAX_LEN: usize = 64 * 1024;
    ///
    /// async fn buffer(Path(n): Path<usize>) -> usize {
    ///     let v: Vec<u8> = Vec::with_capacity(n.min(MAX_LEN));
    ///     v.capacity()
    /// }
    /// ```
    ///
    /// ### References
    /// - CWE-789: Memory Allocation with Excessive Size Value
    /// - CWE-770: Allocation of Resources Without Limits or Throttling
    /// - OWASP Top 10 2021 A04: Insecure Design
    pub(crate) UncontrolledAllocation {
        id: "uncontrolled-allocation",
        name: "UncontrolledAllocation",
        summary: "an allocation size comes from untrusted input",
        severity: Medium,
        precision: Medium,
        measured: [
            Realworld { findings: 0, judged: 0, tp: 0, debatable: 0, when: "session 8 (a328b37)" },
            Corpus { findings: 0, judged: 0, tp: 0, debatable: 0, when: "session 8 (a328b37)" },
            Library { findings: 99, judged: 99, tp: 70, debatable: 2, when: "session 12 (125 pinned crates)" },
        ],
        cwe: [789, 770],
        owasp: [A04],
        tags: ["taint", "availability"],
        options: [crate::rules::taint::sources_option("remote, network, stdin, library")],
    }
}

/// Its sinks are the crate models' `rule = "uncontrolled-allocation"` entries (`lints/models/`).
const SPEC: TaintSpec = TaintSpec {
    guards: &[Guard::UpperBound, Guard::ByteSized, Guard::SmallSize, Guard::LengthCheck, Guard::Compared, Guard::ReadLoop],
    ..TaintSpec::new()
};

crate::taint_rule!(UncontrolledAllocation, SPEC);
