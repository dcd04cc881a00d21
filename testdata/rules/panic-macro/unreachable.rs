//@ config: [rule.panic-macro]
//@ config: include-unreachable = true
pub fn digit(x: u8) -> char {
    match x % 3 {
        0 => 'a',
        1 => 'b',
        2 => 'c',
        _ => unreachable!(), //~ panic-macro
    }
}
