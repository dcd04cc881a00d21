use std::alloc::{alloc, dealloc, realloc, Layout};
use std::ptr::NonNull;

/// Largest width or height of a frame.
pub const MAX_SIDE: usize = 8192;

/// The SIMD filters want 16-byte aligned rows.
const ALIGN: usize = 16;

/// An RGBA frame in one aligned allocation.
pub struct PixelBuffer {
    ptr: NonNull<u8>,
    layout: Layout,
    width: usize,
    height: usize,
}

impl PixelBuffer {
    /// A frame of `width` × `height` pixels.
    pub fn new(width: usize, height: usize) -> Option<PixelBuffer> {
        let size = width.checked_mul(height)?.checked_mul(4)?;
        if size == 0 {
            return None;
        }
        let layout = Layout::from_size_align(size, ALIGN).ok()?;
        // SAFETY: the layout's size is not zero.
        let ptr = NonNull::new(unsafe { alloc(layout) })?; // PLANTED: uncontrolled-allocation
        Some(PixelBuffer { ptr, layout, width, height })
    }

    /// A frame of `width` × `height` pixels, each side at most `MAX_SIDE`.
    pub fn bounded(width: usize, height: usize) -> Option<PixelBuffer> {
        if width == 0 || height == 0 || width > MAX_SIDE || height > MAX_SIDE {
            return None;
        }
        let layout = Layout::from_size_align(width * height * 4, ALIGN).ok()?;
        // SAFETY: the layout's size is not zero.
        let ptr = NonNull::new(unsafe { alloc(layout) })?; // FIXED: uncontrolled-allocation
        Some(PixelBuffer { ptr, layout, width, height })
    }

    /// Adds `rows` rows at the bottom.
    pub fn grow_rows(&mut self, rows: usize) -> Option<()> {
        let height = self.height.checked_add(rows)?;
        let new_size = self.width.checked_mul(height)?.checked_mul(4)?;
        let new_layout = Layout::from_size_align(new_size, ALIGN).ok()?;
        // SAFETY: `ptr` was allocated with `layout`; the new size is not zero.
        let ptr = unsafe { realloc(self.ptr.as_ptr(), self.layout, new_size) }; // PLANTED: uncontrolled-allocation
        self.ptr = NonNull::new(ptr)?;
        self.layout = new_layout;
        self.height = height;
        Some(())
    }

    /// Adds `rows` rows at the bottom, up to `MAX_SIDE` rows in all.
    pub fn grow_rows_bounded(&mut self, rows: usize) -> Option<()> {
        if rows > MAX_SIDE - self.height {
            return None;
        }
        let height = self.height + rows;
        let new_size = self.width * height * 4;
        let new_layout = Layout::from_size_align(new_size, ALIGN).ok()?;
        // SAFETY: `ptr` was allocated with `layout`; the new size is not zero.
        let ptr = unsafe { realloc(self.ptr.as_ptr(), self.layout, new_size) }; // FIXED: uncontrolled-allocation
        self.ptr = NonNull::new(ptr)?;
        self.layout = new_layout;
        self.height = height;
        Some(())
    }

    /// Copies `data` into the frame, as much as fits, and clears the rest.
    pub fn fill_from(&mut self, data: &[u8]) {
        let size = self.layout.size();
        let n = data.len().min(size);
        // SAFETY: both ranges lie in their allocations and do not overlap.
        unsafe {
            std::ptr::copy_nonoverlapping(data.as_ptr(), self.ptr.as_ptr(), n);
            std::ptr::write_bytes(self.ptr.as_ptr().add(n), 0, size - n);
        }
    }

    pub fn checksum(&self) -> u64 {
        // SAFETY: `fill_from` initialised all `layout.size()` bytes.
        let bytes = unsafe { std::slice::from_raw_parts(self.ptr.as_ptr(), self.layout.size()) };
        bytes.iter().fold(0u64, |acc, b| acc.rotate_left(5) ^ u64::from(*b))
    }
}

impl Drop for PixelBuffer {
    fn drop(&mut self) {
        // SAFETY: `ptr` was allocated with `layout`.
        unsafe { dealloc(self.ptr.as_ptr(), self.layout) };
    }
}
