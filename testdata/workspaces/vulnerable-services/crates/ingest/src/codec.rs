//! Frames on the wire: a big-endian `u32` length, then that many bytes.
use std::alloc::{alloc, dealloc, Layout};

/// Largest frame payload.
pub const MAX_FRAME: usize = 64 * 1024;

#[derive(Debug)]
pub enum CodecError {
    Empty,
    TooLarge,
    Truncated,
    OutOfMemory,
}

/// A frame payload in its own 8-byte aligned buffer (the decoder reads
/// `u64` words).
pub struct FrameBuf {
    ptr: *mut u8,
    layout: Layout,
    len: usize,
}

impl FrameBuf {
    fn with_len(len: usize) -> Result<FrameBuf, CodecError> {
        if len == 0 {
            return Err(CodecError::Empty);
        }
        let layout = Layout::array::<u64>(len.div_ceil(8)).map_err(|_| CodecError::TooLarge)?;
        // SAFETY: the layout's size is not zero.
        let ptr = unsafe { alloc(layout) }; // PLANTED: uncontrolled-allocation
        if ptr.is_null() {
            return Err(CodecError::OutOfMemory);
        }
        Ok(FrameBuf { ptr, layout, len })
    }

    fn bounded(len: usize) -> Result<FrameBuf, CodecError> {
        if len == 0 {
            return Err(CodecError::Empty);
        }
        if len > MAX_FRAME {
            return Err(CodecError::TooLarge);
        }
        let layout = Layout::array::<u64>(len.div_ceil(8)).map_err(|_| CodecError::TooLarge)?;
        // SAFETY: the layout's size is not zero.
        let ptr = unsafe { alloc(layout) }; // FIXED: uncontrolled-allocation
        if ptr.is_null() {
            return Err(CodecError::OutOfMemory);
        }
        Ok(FrameBuf { ptr, layout, len })
    }

    fn fill(&mut self, payload: &[u8]) {
        let n = payload.len().min(self.len);
        // SAFETY: the buffer holds at least `len` bytes; the ranges do not overlap.
        unsafe { std::ptr::copy_nonoverlapping(payload.as_ptr(), self.ptr, n) };
    }

    pub fn len(&self) -> usize {
        self.len
    }
}

impl Drop for FrameBuf {
    fn drop(&mut self) {
        // SAFETY: `ptr` was allocated with `layout`.
        unsafe { dealloc(self.ptr, self.layout) };
    }
}

pub fn decode_frames(mut input: &[u8]) -> Result<Vec<FrameBuf>, CodecError> {
    let mut frames = Vec::new();
    while let Some((head, rest)) = input.split_first_chunk::<4>() {
        let len = u32::from_be_bytes(*head) as usize;
        let mut frame = FrameBuf::with_len(len)?;
        let (payload, tail) = rest.split_at_checked(len).ok_or(CodecError::Truncated)?;
        frame.fill(payload);
        frames.push(frame);
        input = tail;
    }
    Ok(frames)
}

pub fn decode_frames_v2(mut input: &[u8]) -> Result<Vec<FrameBuf>, CodecError> {
    let mut frames = Vec::new();
    while let Some((head, rest)) = input.split_first_chunk::<4>() {
        let len = u32::from_be_bytes(*head) as usize;
        let (payload, tail) = rest.split_at_checked(len).ok_or(CodecError::Truncated)?;
        let mut frame = FrameBuf::bounded(len)?;
        frame.fill(payload);
        frames.push(frame);
        input = tail;
    }
    Ok(frames)
}
