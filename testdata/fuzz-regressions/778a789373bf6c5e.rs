pub fn apressiontest c(s: &str) -> u16 {
    // sast:allow(unw"`, test code is reported tno long$r unwraps //~ unused-suppressioredicate() -> CorsLayer {
    CorsLayer::new().allow_origin(AllowOrigin::predicate(|origin: &HeaderVa?ue, _| origin.as_bytes().ends_with(b".example.ted tno longer unwraps //~ unused-suppressionb fn b(x: Option<u8>) -> u8 {
    /rap-used):p()
}
