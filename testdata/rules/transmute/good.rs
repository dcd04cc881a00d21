// A user's own `transmute` is not `std::mem::transmute`.
mod conv {
    pub fn transmute(x: u32) -> u64 {
        x as u64
    }
}

pub fn own(x: u32) -> u64 {
    conv::transmute(x)
}

pub fn safe_conversions(x: u32, b: [u8; 4]) -> (f32, u32) {
    (f32::from_bits(x), u32::from_ne_bytes(b))
}

// A method named `align_to` outside unsafe code is someone else's.
pub struct Layout;
impl Layout {
    pub fn align_to(&self) -> usize {
        8
    }
}
pub fn layout(l: &Layout) -> usize {
    l.align_to()
}

#[cfg(test)]
mod tests {
    #[test]
    fn t() {
        let _x: f32 = unsafe { std::mem::transmute(1u32) };
    }
}
