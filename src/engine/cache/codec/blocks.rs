//! The blocks a file keeps packed from its analysis to their use
//! (`facts::Held`, `facts::Summaries`): a list, or a file's summaries
//! (the heads, then the bodies), encoded with its strings numbered and
//! deflated when large, and as a cache entry holds them.

use std::sync::Arc;

use super::{Codec, Reader, Writer, deflated, put_slice};
use crate::engine::facts::{Held, Summaries};
use crate::taint::{FnBody, FnHead};

/// A list of the file at `path` (its findings), encoded and
/// deflated in one block of its exact size (`Held::Packed`).
pub(crate) fn pack_list<T: Codec>(path: &Arc<str>, list: &[T]) -> Box<[u8]> {
    deflated::squeeze(&encode_list(Some(path.clone()), list))
}

/// [`pack_list`]'s block back; a damaged stream or trailing bytes mean damage.
pub(crate) fn unpack_list<T: Codec>(path: &Arc<str>, block: &[u8]) -> Option<Vec<T>> {
    decode_list(path, &deflated::unsqueeze(block)?)
}

/// A file's summaries packed in one block: the heads, then the bodies
/// (strings written once for both), deflated as [`pack_list`]'s.
pub(crate) fn pack_summaries(path: &Arc<str>, heads: &[FnHead], bodies: &[FnBody]) -> Box<[u8]> {
    deflated::squeeze(&encode_summaries(Some(path.clone()), heads, bodies))
}

pub(super) fn encode_summaries(file: Option<Arc<str>>, heads: &[FnHead], bodies: &[FnBody]) -> Vec<u8> {
    let mut w = Writer::new(4096, file, true);
    put_slice(heads, &mut w);
    put_slice(bodies, &mut w);
    w.buf
}

/// The heads of [`pack_summaries`]'s block (the bytes after them are
/// read only by [`unpack_bodies`]).
pub(crate) fn unpack_heads(path: &Arc<str>, block: &[u8]) -> Option<Vec<FnHead>> {
    let bytes = deflated::unsqueeze(block)?;
    Vec::<FnHead>::get(&mut Reader::numbered(&bytes, Some(path.clone())))
}

/// The bodies of [`pack_summaries`]'s block (its heads read again, for
/// the strings they number); trailing bytes mean damage.
pub(crate) fn unpack_bodies(path: &Arc<str>, block: &[u8]) -> Option<Vec<FnBody>> {
    let bytes = deflated::unsqueeze(block)?;
    let mut r = Reader::numbered(&bytes, Some(path.clone()));
    Vec::<FnHead>::get(&mut r)?;
    let out = Vec::<FnBody>::get(&mut r)?;
    r.is_empty().then_some(out)
}

/// A list's encoding before it is deflated (strings numbered; paths equal
/// to `file` written as a marker).
pub(super) fn encode_list<T: Codec>(file: Option<Arc<str>>, list: &[T]) -> Vec<u8> {
    let mut w = Writer::new(4096, file, true);
    put_slice(list, &mut w);
    w.buf
}

pub(super) fn decode_list<T: Codec>(path: &Arc<str>, bytes: &[u8]) -> Option<Vec<T>> {
    let mut r = Reader::numbered(bytes, Some(path.clone()));
    let out = Vec::<T>::get(&mut r)?;
    r.is_empty().then_some(out)
}

/// A held block (a file's summaries, its findings) as an entry holds it:
/// its length, then its bytes (an open list is written as it would be
/// packed; none at all is the one-byte block `[0]`, a count of 0). Read
/// back packed, unchecked: the entry's checksum vouches for the block,
/// and it is opened only where it is used (`Held::take_open`,
/// `Summaries::take_heads`).
fn put_block(w: &mut Writer, block: &[u8]) {
    (block.len() as u32).put(w);
    w.extend_from_slice(block);
}

/// [`put_block`]'s block (`None` inside: the empty one).
fn get_block<'a>(r: &mut Reader<'a>) -> Option<Option<&'a [u8]>> {
    let n = r.len()?;
    let block = r.take(n)?;
    Some((block != [0u8]).then_some(block))
}

impl<T: Codec> Codec for Held<T> {
    fn put(&self, w: &mut Writer) {
        match self {
            Held::Open(v) if v.is_empty() => put_block(w, &[0]),
            Held::Open(v) => put_block(w, &deflated::squeeze(&encode_list(w.file.clone(), v))),
            Held::Packed(b) => put_block(w, b),
        }
    }
    fn get(r: &mut Reader<'_>) -> Option<Self> {
        Some(get_block(r)?.map_or_else(|| Held::Open(Vec::new()), |b| Held::Packed(Box::from(b))))
    }
}

impl Codec for Summaries {
    fn put(&self, w: &mut Writer) {
        match self {
            Summaries::Open(heads, _) if heads.is_empty() => put_block(w, &[0]),
            Summaries::Open(heads, bodies) => {
                put_block(w, &deflated::squeeze(&encode_summaries(w.file.clone(), heads, bodies)))
            }
            Summaries::Packed(b) => put_block(w, b),
        }
    }
    fn get(r: &mut Reader<'_>) -> Option<Self> {
        Some(get_block(r)?.map_or_else(Summaries::default, |b| Summaries::Packed(Box::from(b))))
    }
}
