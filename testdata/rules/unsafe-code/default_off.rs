// Off by default: no finding without `extend-select`.
//@ config: select = ["default"]
pub fn first(v: &[u8]) -> u8 {
    unsafe { *v.get_unchecked(0) }
}
