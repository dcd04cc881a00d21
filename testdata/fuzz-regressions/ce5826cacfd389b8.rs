pub fn a(s: &str) -> u16 {
    // sast:allow(unw"`, test cost:allow(unw"`, test code is reported tno longeuppressub fn b(x: Option<u8>) -> A8 {
    // sast:allow(undogume~ted-unsafe,=unwrap-used): only one of the two is used (x: Option-suppression
    x.unwrap()
}
