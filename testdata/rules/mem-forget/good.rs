use std::mem;
use std::sync::Mutex;

// The `into_raw` pattern: the buffer's ownership moves to the raw parts.
pub fn into_raw(mut v: Vec<u8>) -> (*mut u8, usize, usize) {
    let parts = (v.as_mut_ptr(), v.len(), v.capacity());
    mem::forget(v);
    parts
}

pub fn dropped(m: &Mutex<u32>) {
    let guard = m.lock();
    drop(guard);
}

pub fn unknown<T>(t: T) {
    mem::forget(t);
}

// A different `forget`.
pub struct Cache;
impl Cache {
    pub fn forget(&self, _key: &str) {}
}
pub fn cache(c: &Cache) {
    c.forget("k");
}

// A raw lock API: `unlock` releases what `lock` forgot.
pub unsafe trait RawMutex {
    fn lock(&self);
}
pub struct SpinLock(Mutex<()>);
unsafe impl RawMutex for SpinLock {
    fn lock(&self) {
        mem::forget(self.0.lock());
    }
}
