static mut COUNT: usize = 0; //~ static-mut[medium]
static mut NAMES: Vec<String> = Vec::new(); //~ static-mut

pub fn bump() -> usize {
    // SAFETY: documented, still a global without synchronisation.
    unsafe {
        COUNT += 1;
        COUNT
    }
}

pub fn names() -> &'static Vec<String> {
    unsafe { &NAMES } //~ static-mut[high]
}

pub fn add(n: String) {
    unsafe { NAMES.push(n) } //~ static-mut[high]
}

pub fn first() -> &'static mut String {
    unsafe { &mut NAMES[0] } //~ static-mut[high]
}

pub fn local() -> u32 {
    static mut CALLS: u32 = 0; //~ static-mut
    unsafe {
        CALLS = CALLS.wrapping_add(1);
        CALLS
    }
}
