//! Encodings tighter than a struct's fields one by one, for the values
//! there are most of: locations (millions in the bench corpus's
//! summaries) and flows.

use std::sync::Arc;

use super::{Codec, Reader, Writer, get_varint, put_varint};
use crate::finding::{Location, Pos};
use crate::taint::{FlowOut, Shape, Step, Target};

/// A location: its path, its start offset and line as distances from the
/// previous location's (a function's locations are near each other), its
/// column, and the rest relative to them — the end as a distance from the
/// start, each UTF-16 column as a marker when it equals the column (most
/// lines are ASCII) — so most take 7 to 9 bytes instead of 12 to 16.
impl Codec for Location {
    fn put(&self, w: &mut Writer) {
        self.path.put(w);
        put_from(self.byte_start, w.last.0, w);
        put_from(self.byte_end, self.byte_start, w);
        put_from(self.start.line, w.last.1, w);
        w.last = (self.byte_start, self.start.line);
        self.start.col.put(w);
        put_utf16(&self.start, w);
        put_from(self.end.line, self.start.line, w);
        self.end.col.put(w);
        put_utf16(&self.end, w);
    }
    fn get(r: &mut Reader<'_>) -> Option<Self> {
        let path = Arc::<str>::get(r)?;
        let byte_start = get_from(r.last.0, r)?;
        let byte_end = get_from(byte_start, r)?;
        let (line, col) = (get_from(r.last.1, r)?, u32::get(r)?);
        r.last = (byte_start, line);
        let start = Pos { line, col, col_utf16: get_utf16(col, r)? };
        let (line, col) = (get_from(start.line, r)?, u32::get(r)?);
        let end = Pos { line, col, col_utf16: get_utf16(col, r)? };
        Some(Location { path, byte_start, byte_end, start, end })
    }
}

/// `v` as its distance from `base`, the sign in the low bit.
fn put_from(v: u32, base: u32, w: &mut Writer) {
    let d = if v >= base { u64::from(v - base) * 2 } else { u64::from(base - v) * 2 + 1 };
    put_varint(d, w);
}

fn get_from(base: u32, r: &mut Reader<'_>) -> Option<u32> {
    let d = get_varint(r, 33)?;
    let dist = u32::try_from(d / 2).ok()?;
    if d % 2 == 0 { base.checked_add(dist) } else { base.checked_sub(dist) }
}

/// A position's UTF-16 column: 0 when it is the column, else one more.
fn put_utf16(p: &Pos, w: &mut Writer) {
    put_varint(if p.col_utf16 == p.col { 0 } else { u64::from(p.col_utf16) + 1 }, w);
}

fn get_utf16(col: u32, r: &mut Reader<'_>) -> Option<u32> {
    match get_varint(r, 33)? {
        0 => Some(col),
        n => u32::try_from(n - 1).ok(),
    }
}

/// A flow: its flags in one byte (there are 633k flows in the bench
/// corpus's summaries; five bytes each was 3 MB of what the join waits for).
impl Codec for FlowOut {
    fn put(&self, w: &mut Writer) {
        let FlowOut { label, target, steps, shape, sanitized, err, decoded, joined, in_base, wire } = self;
        label.put(w);
        target.put(w);
        steps.put(w);
        shape.put(w);
        sanitized.put(w);
        let flags = [*err, *decoded, *joined, *in_base, *wire];
        w.push(flags.iter().enumerate().fold(0u8, |acc, (i, &f)| acc | (u8::from(f) << i)));
    }
    fn get(r: &mut Reader<'_>) -> Option<Self> {
        let (label, target, steps, shape, sanitized) =
            (u32::get(r)?, Target::get(r)?, Vec::<Step>::get(r)?, Shape::get(r)?, crate::taint::Mask::get(r)?);
        let flags = u8::get(r)?;
        if flags >> 5 != 0 {
            return None;
        }
        let bit = |i: u8| flags & (1 << i) != 0;
        Some(FlowOut {
            label,
            target,
            steps,
            shape,
            sanitized,
            err: bit(0),
            decoded: bit(1),
            joined: bit(2),
            in_base: bit(3),
            wire: bit(4),
        })
    }
}
