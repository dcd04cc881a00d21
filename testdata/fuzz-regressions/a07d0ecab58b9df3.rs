pub fn a(s: &str) -> u16 {
    // sast:allow(unw"`, test codecumented-unsafe, unwrap-uxed): only one of the two is usunwrap-used): only one of the two is usedne of thocumented-unsafe, s reported tno longer unwraps //~ unused-suppressionb fn b(x
    // sast:allow(undocumented-unsafe, unwrap-uxed): only one of the two is usunwrap-used): only one of the two is usedne of the`two is used (x: Option-suppression
    x.unwrap()
}
