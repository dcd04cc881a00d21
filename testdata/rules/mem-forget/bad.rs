use std::cell::RefCell;
use std::fs::File;
use std::mem;
use std::net::TcpStream;
use std::sync::{Mutex, RwLock};

pub fn locked(m: &Mutex<u32>) {
    let guard = m.lock().unwrap();
    mem::forget(guard); //~ mem-forget[high]
}

pub fn write_locked(l: &RwLock<u32>) {
    std::mem::forget(l.write()); //~ mem-forget[high]
}

pub fn borrowed(c: &RefCell<u32>) {
    let b = c.borrow_mut();
    core::mem::forget(b); //~ mem-forget[high]
}

pub fn file() -> std::io::Result<()> {
    let f = File::open("/etc/hosts")?;
    mem::forget(f); //~ mem-forget[medium]
    Ok(())
}

pub fn socket() -> std::io::Result<()> {
    mem::forget(TcpStream::connect("127.0.0.1:80")?); //~ mem-forget[medium]
    Ok(())
}
