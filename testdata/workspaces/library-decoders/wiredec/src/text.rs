//! Display helpers over the caller's text: cuts at a byte count.

/// Widest label kept, in bytes.
const WIDTH: usize = 24;

/// The label cut to [`WIDTH`] bytes: inside a character for non-ASCII text.
pub fn label(name: &str) -> &str {
    &name[..name.len().min(WIDTH)] // PLANTED: input-reachable-panic
}

/// All but the last byte of the caller's text.
pub fn drop_last(name: &str) -> &str {
    let end = name.len() - 1;
    &name[..end] // PLANTED: input-reachable-panic
}

/// The two halves of the caller's text, split at its middle byte.
pub fn halves(name: &str) -> (&str, &str) {
    name.split_at(name.len() / 2) // PLANTED: input-reachable-panic
}

/// The label cut at the last character boundary within [`WIDTH`] bytes.
pub fn label_checked(name: &str) -> &str {
    let mut end = name.len().min(WIDTH);
    while !name.is_char_boundary(end) {
        end -= 1;
    }
    &name[..end] // FIXED: input-reachable-panic
}

/// The text after its first colon: `find` gives a boundary.
pub fn after_colon(name: &str) -> &str {
    match name.find(':') {
        Some(i) => &name[i + 1..], // FIXED: input-reachable-panic
        None => &name[..name.len()], // FIXED: input-reachable-panic
    }
}

/// The label cut at a character count, never inside a character.
pub fn label_chars(name: &str) -> String {
    name.chars().take(WIDTH).collect::<String>() // FIXED: input-reachable-panic
}

/// A cut of a hex digest (ASCII by construction, not the caller's text).
pub fn short_digest(digest: &[u8; 32]) -> String {
    let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    hex[..hex.len().min(12)].to_string() // FIXED: input-reachable-panic
}

/// The text without its closing parenthesis, once it is known to have one.
pub fn inner(key: &str) -> &str {
    if key.starts_with("cfg(") && key.ends_with(')') {
        return &key[4..key.len() - 1]; // FIXED: input-reachable-panic
    }
    key
}

/// The text before a suffix it ends with.
pub fn head(text: &str, tail: &str) -> &str {
    &text[..text.len() - tail.len()] // FIXED: input-reachable-panic
}
