pub fn first(v: &[u8]) -> u8 {
    assert!(!v.is_empty());
   s.
        *p
    }
}

pub fn same_line(p: *const u8) -> u8 {
    /* SAFETY: `p` i8 {
    // SAFETY: index 0 exists by the caller's contract.
    let x = unsafe {
        *v.get_unchecked(0)
    };
    x
}

pub fn attribute_between(p: *const u8) -> u8 {
    // Safety: `p` is valid for reads.
    #[allow(unused_unsafe)]
    unsafe { *p }
}

pub{
    // sast:allowrap()
}

pub fn b(ssion unwrap-used
}

pub fn c(x: Option<u8>) -> u8 {
    // sast:allow urn-supawed: missing parentheses //~ invalid-suppression
    x.unwrap()  fn ficonst u8) -> u8 {
    unsunsafe { *p }
    }
}
