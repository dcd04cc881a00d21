//! A packed block, deflated: what a file keeps until the join and the
//! report (`Held::Packed`), and what the cache stores of it.
//!
//! A block numbers its own strings, but the same call names, messages and
//! paths repeat from file to file and deflate's Huffman codes take most of
//! what is left: on the bench corpus the blocks shrink about 2× (27.6 MiB
//! open → about 14), for ~1% of a scan's CPU. Layout: a tag byte, then
//! either the block as it is (`RAW`: short blocks, or a stream that would
//! not be shorter) or the block's length (u32, little-endian) and its
//! deflate stream (`DEFLATE`). A block read back from the cache is
//! untrusted: a length deflate cannot reach from its stream (over
//! [`MAX_RATIO`]× its size), a stream that ends early or runs past its
//! length, or an unknown tag is damage (`None`), never a large allocation.

use std::borrow::Cow;
use std::cell::RefCell;

use flate2::{Compress, Compression, Decompress, FlushCompress, FlushDecompress, Status};

const RAW: u8 = 0;
const DEFLATE: u8 = 1;

/// Shorter blocks are kept as they are: a deflater's reset clears ~300 KB
/// of tables, more work than a short block's few saved bytes are worth.
/// Blocks this long and over hold most of the bytes.
const MIN_LEN: usize = 8 * 1024;

/// A stream that inflates more than this is stored as it is (real blocks
/// shrink 2–3×), and a block read back that claims more is damage.
const MAX_RATIO: usize = 64;

thread_local! {
    // One (de)compressor per thread, reset between blocks: a new one
    // allocates and clears ~300 KB, more than a typical block costs.
    static DEFLATER: RefCell<Compress> = RefCell::new(Compress::new(Compression::fast(), false));
    static INFLATER: RefCell<Decompress> = RefCell::new(Decompress::new(false));
}

/// `raw`, deflated when that makes it shorter.
pub(crate) fn squeeze(raw: &[u8]) -> Box<[u8]> {
    if raw.len() >= MIN_LEN
        && let Ok(len) = u32::try_from(raw.len())
    {
        // Room for the header and the stream when it is no shorter
        // (`compress_vec` writes only into spare capacity).
        let mut out = Vec::with_capacity(raw.len() + 5);
        out.push(DEFLATE);
        out.extend_from_slice(&len.to_le_bytes());
        let done = DEFLATER.with_borrow_mut(|d| {
            d.reset();
            matches!(d.compress_vec(raw, &mut out, FlushCompress::Finish), Ok(Status::StreamEnd))
        });
        if done && out.len() <= raw.len() && raw.len() <= (out.len() - 5).saturating_mul(MAX_RATIO) {
            return out.into_boxed_slice();
        }
    }
    let mut out = Vec::with_capacity(raw.len() + 1);
    out.push(RAW);
    out.extend_from_slice(raw);
    out.into_boxed_slice()
}

/// [`squeeze`]'s block back, or `None` when it is damaged.
pub(crate) fn unsqueeze(block: &[u8]) -> Option<Cow<'_, [u8]>> {
    let (&tag, rest) = block.split_first()?;
    match tag {
        RAW => Some(Cow::Borrowed(rest)),
        DEFLATE => {
            let len = u32::from_le_bytes(rest.get(..4)?.try_into().ok()?) as usize;
            let stream = &rest[4..];
            if len > stream.len().saturating_mul(MAX_RATIO) {
                return None;
            }
            INFLATER.with_borrow_mut(|d| inflate(d, stream, len)).map(Cow::Owned)
        }
        _ => None,
    }
}

/// `stream` inflated, if it ends exactly at `len` bytes using all of its
/// own. The buffer grows with what the stream yields (`decompress_vec`
/// only writes into spare capacity), never to the length a damaged block
/// claims.
fn inflate(d: &mut Decompress, stream: &[u8], len: usize) -> Option<Vec<u8>> {
    d.reset(false);
    let mut out = Vec::with_capacity(stream.len().saturating_mul(4));
    loop {
        if out.len() == out.capacity() {
            if out.len() >= len {
                return None;
            }
            out.reserve(out.len().max(64));
        }
        let (read, wrote) = (d.total_in(), out.len());
        let status = d.decompress_vec(stream.get(usize::try_from(read).ok()?..)?, &mut out, FlushDecompress::None);
        match status.ok()? {
            Status::StreamEnd => break,
            // No progress with room left: the stream is cut short.
            _ if d.total_in() == read && out.len() == wrote => return None,
            _ => {}
        }
    }
    (d.total_in() == stream.len() as u64 && out.len() == len).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_come_back_and_damage_is_refused() {
        let long: Vec<u8> = (0..1000).flat_map(|i| format!("read_header_{i} ").into_bytes()).collect();
        let short = b"tiny".to_vec();
        // Not compressible: kept as it is, one byte longer.
        let mut x = 0x9e37_79b9_7f4a_7c15_u64;
        let noise: Vec<u8> = (0..10_000)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                (x >> 32) as u8
            })
            .collect();
        for raw in [&long, &short, &noise, &Vec::new()] {
            let block = squeeze(raw);
            assert!(unsqueeze(&block).as_deref() == Some(raw.as_slice()), "{} bytes", raw.len());
        }
        // Large and repetitive, as a file of 40,000 like functions makes.
        let large: Vec<u8> = (0..200_000).flat_map(|i| format!("f{} unwrap_or ", i % 200).into_bytes()).collect();
        assert!(unsqueeze(&squeeze(&large)).as_deref() == Some(large.as_slice()));
        let packed = squeeze(&long);
        assert_eq!(packed[0], DEFLATE);
        assert!(packed.len() < long.len() / 2, "{}", packed.len());
        // Deflated further than real blocks ever are: kept as it is.
        assert_eq!(squeeze(&[b'a'; 20_000])[0], RAW);
        assert_eq!(squeeze(&noise)[0], RAW);
        assert_eq!(squeeze(&short)[0], RAW);

        // A length the stream cannot reach, a wrong length either way,
        // a cut stream, an unknown tag, nothing at all.
        let mut claims = packed.to_vec();
        claims[1..5].copy_from_slice(&u32::MAX.to_le_bytes());
        assert_eq!(unsqueeze(&claims), None);
        for len in [long.len() - 1, long.len() + 1] {
            let mut wrong = packed.to_vec();
            wrong[1..5].copy_from_slice(&(len as u32).to_le_bytes());
            assert_eq!(unsqueeze(&wrong), None, "{len}");
        }
        assert_eq!(unsqueeze(&packed[..packed.len() / 2]), None);
        assert_eq!(unsqueeze(&packed[..3]), None);
        assert_eq!(unsqueeze(&[7, 1, 2]), None);
        assert_eq!(unsqueeze(&[]), None);
    }
}
