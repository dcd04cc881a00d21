pub fn hello() -> u8 { 1 }
