use std::ffi::CString;
use std::os::raw::c_char;

pub fn round_trip(s: CString) -> CString {
    let p: *mut c_char = s.into_raw();
    // SAFETY: `p` comes from `CString::into_raw` just above and is used once.
    unsafe { CString::from_raw(p) }
}

pub fn justified(p: *const u8, n: usize) -> usize {
    // SAFETY: `p` points to `n` initialized bytes owned by the caller for this call.
    let s = unsafe { std::slice::from_raw_parts(p, n) };
    s.len()
}

// Safe constructors of user types that happen to be called `from_raw`.
pub struct Fd(i32);
impl Fd {
    pub fn from_raw(fd: i32) -> Fd {
        Fd(fd)
    }
}
pub fn fd() -> Fd {
    Fd::from_raw(3)
}

// `ptr::slice_from_raw_parts` builds a raw slice pointer: safe.
pub fn raw_slice(p: *const u8, n: usize) -> *const [u8] {
    std::ptr::slice_from_raw_parts(p, n)
}

mod mine {
    pub struct Box;
    impl Box {
        pub unsafe fn from_raw(_p: *mut u8) -> Box {
            Box
        }
    }
}

pub fn own_box(p: *mut u8) {
    use mine::Box;
    // SAFETY: `mine::Box::from_raw` accepts any pointer.
    let _ = unsafe { Box::from_raw(p) };
}

// Inside an `unsafe fn`, its contract (here documented) covers the call.
/// # Safety
/// `p` must be valid for `n` bytes for `'static`.
pub unsafe fn forwarded(p: *const u8, n: usize) -> &'static [u8] {
    std::slice::from_raw_parts(p, n)
}

// `NonNull::as_ptr` of a pointer from `Box::into_raw`.
pub struct Node(u8);
pub fn free(node: std::ptr::NonNull<Node>) {
    // SAFETY: `node` came from `Box::into_raw` in `alloc_node`.
    drop(unsafe { Box::from_raw(node.as_ptr()) });
}
pub fn free_unjustified(node: std::ptr::NonNull<Node>) {
    let _ = node;
}

// `NonNull::as_ptr` cast to another pointee: not judged.
pub fn cast_back(buf: std::ptr::NonNull<u8>, len: usize) -> Vec<u32> {
    // SAFETY: `buf` came from a `Vec<u32>` of capacity `len`.
    unsafe { Vec::from_raw_parts(buf.as_ptr() as *mut u32, len, len) }
}

// The justification sits inside a larger unsafe block, directly above
// the statement that makes the call.
pub fn message(p: *const std::os::raw::c_char, fallback: bool) -> String {
    unsafe {
        let len = p as usize;
        if !fallback {
            // SAFETY: `p` points at a NUL-terminated static string of the C library.
            std::ffi::CStr::from_ptr(p).to_string_lossy().into_owned()
        } else {
            len.to_string()
        }
    }
}

// The justification is one statement above, in the same paragraph.
pub fn as_blocks(bytes: &[[u8; 4]]) -> &[u32] {
    // SAFETY: `[u8; 4]` and `u32` have the same size; the slice's own length is kept.
    let p = bytes.as_ptr() as *const u32;
    unsafe { std::slice::from_raw_parts(p, bytes.len()) }
}
