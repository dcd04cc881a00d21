//! Headers: `length u32 | body`, read through helpers that return the
//! value with the count of bytes they read.

use crate::Error;

fn try_read_u32(slice: &[u8]) -> Result<(u32, usize), Error> {
    let Some(head) = slice.first_chunk::<4>() else {
        return Err(Error::Short);
    };
    Ok((u32::from_be_bytes(*head), 4))
}

fn try_read_len(slice: &[u8]) -> Result<(usize, usize), Error> {
    try_read_u32(slice).and_then(|(n, nr)| usize::try_from(n).map(|n| (n, nr)).map_err(|_| Error::TooLarge))
}

fn try_read_count(slice: &[u8]) -> Result<(usize, usize), Error> {
    try_read_u32(slice).map(|(n, nr)| (n as usize, nr))
}

/// The body of a header: the declared length is believed.
pub fn body(mut slice: &[u8]) -> Result<&[u8], Error> {
    let (len, nr) = try_read_len(slice)?;
    slice = &slice[nr..]; // FIXED: input-reachable-panic
    Ok(&slice[..len]) // PLANTED: input-reachable-panic
}

/// The items of a header: the declared count is believed.
pub fn items(mut slice: &[u8]) -> Result<&[u8], Error> {
    let (count, nr) = try_read_count(slice)?;
    slice = &slice[nr..]; // FIXED: input-reachable-panic
    Ok(&slice[..count * 2]) // PLANTED: input-reachable-panic
}

/// The body of a header, checked against what is left.
pub fn body_checked(mut slice: &[u8]) -> Result<&[u8], Error> {
    let (len, nr) = try_read_len(slice)?;
    slice = &slice[nr..]; // FIXED: input-reachable-panic
    slice.get(..len).ok_or(Error::Short) // FIXED: input-reachable-panic
}

/// Marks the slot a record names: `slot u32`.
pub fn mark(record: &[u8], slots: &mut [bool]) -> Result<(), Error> {
    let (slot, _) = try_read_len(record)?;
    slots[slot] = true; // PLANTED: input-reachable-panic
    Ok(())
}

/// Marks the slot a record names, if there is one.
pub fn mark_checked(record: &[u8], slots: &mut [bool]) -> Result<(), Error> {
    let (slot, _) = try_read_len(record)?;
    if let Some(s) = slots.get_mut(slot) {
        *s = true; // FIXED: input-reachable-panic
    }
    Ok(())
}
