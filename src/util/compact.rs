//! Results kept for the rest of a run (per-file facts, function
//! summaries) at their exact size.
//!
//! A vector grown by pushing has up to twice the room it needs, and
//! `shrink_to_fit` does not give it back under mimalloc: a reallocation
//! that wastes at most half of the block is done in place.

/// `v` in a block of exactly its length (moved when it has spare room).
pub(crate) fn exact<T>(v: Vec<T>) -> Vec<T> {
    if v.capacity() == v.len() {
        return v;
    }
    let mut out = Vec::with_capacity(v.len());
    out.extend(v);
    out
}

#[cfg(test)]
mod tests {
    use super::exact;

    #[test]
    fn exact_keeps_the_items_in_a_block_of_their_number() {
        let mut v: Vec<String> = Vec::new();
        for i in 0..33 {
            v.push(i.to_string());
        }
        assert!(v.capacity() > v.len());
        let e = exact(v);
        assert_eq!(e.capacity(), 33);
        let want: Vec<String> = (0..33).map(|i: usize| i.to_string()).collect();
        assert_eq!(e, want);
        let empty: Vec<u8> = exact(Vec::with_capacity(16));
        assert_eq!(empty.capacity(), 0);
    }
}
