//@ config: extend-select = ["unsafe-code"]
pub fn first(v: &[u8]) -> Option<u8> {
    v.first().copied()
}

#[allow(unsafe_code)]
pub fn reviewed(v: &[u8]) -> u8 {
    // SAFETY: callers never pass an empty slice.
    unsafe { *v.get_unchecked(0) }
}

#[cfg(test)]
mod tests {
    fn t(p: *const u8) -> u8 {
        unsafe { *p }
    }
}
