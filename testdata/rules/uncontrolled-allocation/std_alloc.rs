// `std::alloc` with a `Layout` sized by the request.
use std::alloc::{Layout, alloc, realloc};

use axum::http::HeaderMap;

const MAX: usize = 4096;

pub async fn raw(headers: HeaderMap) -> usize {
    let n: usize = headers.get("x-len").and_then(|v| v.to_str().ok()).and_then(|s| s.parse().ok()).unwrap_or(0);
    let Ok(layout) = Layout::from_size_align(n, 8) else { return 0 };
    // SAFETY: the layout's size is not zero in this example.
    let p = unsafe { alloc(layout) }; //~ uncontrolled-allocation
    let Ok(arr) = Layout::array::<u64>(n) else { return 0 };
    // SAFETY: `p` came from `alloc` with `arr`'s alignment.
    let q = unsafe { realloc(p, arr, n * 8) }; //~ uncontrolled-allocation
    let bounded = n.min(MAX);
    let Ok(small) = Layout::from_size_align(bounded, 8) else { return 0 };
    // SAFETY: as above.
    let r = unsafe { alloc(small) };
    q as usize + r as usize
}
