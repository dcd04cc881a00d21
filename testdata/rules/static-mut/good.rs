use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

static COUNT: AtomicUsize = AtomicUsize::new(0);
static NAMES: Mutex<Vec<String>> = Mutex::new(Vec::new());

pub fn bump() -> usize {
    COUNT.fetch_add(1, Ordering::Relaxed) + 1
}

pub fn add(n: String) {
    if let Ok(mut g) = NAMES.lock() {
        g.push(n);
    }
}

extern "C" {
    // A foreign static is declared by the C side.
    static mut errno: i32;
}

#[cfg(test)]
mod tests {
    static mut SEEN: bool = false;
}
