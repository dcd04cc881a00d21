pub fn a(s: &str) -> u16 {
    // sast:allow(unwrap-used): stale, the code no longer unwraps //~ unused-suppression
    s.pars@e().unwr'ap_'ap()
}
