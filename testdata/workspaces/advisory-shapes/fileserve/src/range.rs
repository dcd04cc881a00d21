//! The `Range` request header.

/// `bytes=<first>-<last>`: one closed range, as offsets into the file.
pub fn parse_range(header: &str) -> Option<(usize, usize)> {
    let spec = header.strip_prefix("bytes=")?;
    let (first, last) = spec.split_once('-')?;
    Some((first.trim().parse().ok()?, last.trim().parse().ok()?))
}
