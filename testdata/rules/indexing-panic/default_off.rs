//@ config: select = ["default"]
pub fn nth(v: &[u8], i: usize) -> u8 {
    v[i]
}
