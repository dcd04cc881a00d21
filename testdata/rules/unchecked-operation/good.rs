pub fn at(v: &[u8], i: usize) -> u8 {
    assert!(i < v.len());
    // SAFETY: `i < v.len()` is asserted above.
    unsafe { *v.get_unchecked(i) }
}

pub unsafe fn documented_contract(v: &[u8], i: usize) -> u8 {
    // SAFETY: the caller guarantees `i < v.len()` (see `# Safety`).
    unsafe { *v.get_unchecked(i) }
}

// A safe method of the same name on a user type, outside unsafe code.
pub struct Table(Vec<u8>);
impl Table {
    pub fn get_unchecked(&self, i: usize) -> u8 {
        self.0.get(i).copied().unwrap_or(0)
    }
}
pub fn table(t: &Table) -> u8 {
    t.get_unchecked(3)
}

// A user type's `new_unchecked` is not the standard library's.
pub struct Id(u32);
impl Id {
    pub unsafe fn new_unchecked(x: u32) -> Id {
        Id(x)
    }
}
pub fn id() -> Id {
    // SAFETY: 3 is a valid id.
    unsafe { Id::new_unchecked(3) }
}
pub fn id2() -> Id {
    unsafe { Id::new_unchecked(4) }
}

const READABLE: u8 = 1;
pub fn constant() -> std::num::NonZeroU8 {
    unsafe { std::num::NonZeroU8::new_unchecked(READABLE) }
}
