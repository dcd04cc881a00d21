//! Line table: byte offset → 1-based line and column (in chars and in
//! UTF-16 code units), correct for multi-byte text and CRLF endings.

use crate::finding::Pos;

#[derive(Debug, Clone, Default)]
pub struct LineIndex {
    /// Byte offset of the start of each line.
    starts: Vec<u32>,
    /// The text is ASCII: columns are byte offsets within the line.
    ascii: bool,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut starts = Vec::with_capacity(text.len() / 32 + 1);
        starts.push(0);
        starts.extend(memchr_iter(b'\n', text.as_bytes()).map(|i| (i + 1) as u32));
        LineIndex { starts, ascii: text.is_ascii() }
    }

    /// The text is ASCII (columns in chars, UTF-16 units and bytes agree).
    pub fn is_ascii(&self) -> bool {
        self.ascii
    }

    /// Byte offset of a 1-based line and 0-based char column (clamped to
    /// the line's end), `skip` bytes into the line (a BOM on line 1).
    pub fn offset(&self, text: &str, line: usize, col: usize, skip: usize) -> u32 {
        let start = self.starts.get(line.saturating_sub(1)).map_or(text.len(), |&s| s as usize) + skip;
        let end = self.starts.get(line).map_or(text.len(), |&s| s as usize).max(start);
        if self.ascii {
            return (start + col).min(end) as u32;
        }
        let line_text = text.get(start..end).unwrap_or("");
        let within = line_text.char_indices().nth(col).map_or(line_text.len(), |(i, _)| i);
        (start + within) as u32
    }

    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// 0-based line index of a byte offset.
    pub fn line_of(&self, byte: u32) -> usize {
        match self.starts.binary_search(&byte) {
            Ok(i) => i,
            Err(i) => i - 1,
        }
    }

    /// Byte range of a 0-based line, without its line terminator.
    pub fn line_range(&self, text: &str, line: usize) -> (usize, usize) {
        let start = self.starts.get(line).map_or(text.len(), |&s| s as usize);
        let mut end = self.starts.get(line + 1).map_or(text.len(), |&s| s as usize);
        let bytes = text.as_bytes();
        if end > start && bytes.get(end - 1) == Some(&b'\n') {
            end -= 1;
        }
        if end > start && bytes.get(end - 1) == Some(&b'\r') {
            end -= 1;
        }
        (start, end.max(start))
    }

    /// Text of a 0-based line, without its terminator.
    pub fn line_text<'t>(&self, text: &'t str, line: usize) -> &'t str {
        let (s, e) = self.line_range(text, line);
        text.get(s..e).unwrap_or("")
    }

    /// Byte offset where a 0-based line starts.
    pub fn line_start(&self, line: usize) -> u32 {
        self.starts.get(line).copied().unwrap_or(u32::MAX)
    }

    /// Position of a byte offset (clamped to the text and to a char boundary).
    pub fn pos(&self, text: &str, byte: u32) -> Pos {
        let mut byte = (byte as usize).min(text.len());
        while !text.is_char_boundary(byte) {
            byte -= 1;
        }
        let line = self.line_of(byte as u32);
        let start = self.starts[line] as usize;
        if self.ascii {
            let col = (byte - start) as u32 + 1;
            return Pos { line: line as u32 + 1, col, col_utf16: col };
        }
        let prefix = &text[start..byte];
        let col = prefix.chars().count() as u32 + 1;
        let col_utf16 = prefix.chars().map(|c| c.len_utf16() as u32).sum::<u32>() + 1;
        Pos { line: line as u32 + 1, col, col_utf16 }
    }
}

fn memchr_iter(needle: u8, haystack: &[u8]) -> impl Iterator<Item = usize> + '_ {
    haystack.iter().enumerate().filter_map(move |(i, &b)| (b == needle).then_some(i))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_chars_and_utf16_units() {
        let text = "ab\nçé😀x\r\nlast";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_count(), 3);
        let x = text.find('x').unwrap() as u32;
        let p = idx.pos(text, x);
        assert_eq!((p.line, p.col, p.col_utf16), (2, 4, 5));
        assert_eq!(idx.line_text(text, 1), "çé😀x");
        let l = text.find("last").unwrap() as u32;
        assert_eq!(idx.pos(text, l).line, 3);
        // Offsets inside a multi-byte char clamp to its start.
        let e = text.find('é').unwrap() as u32 + 1;
        assert_eq!(idx.pos(text, e).col, 2);
        assert!(!idx.is_ascii());
        // Line 2, char column 3 is `x` (after three multi-byte chars).
        assert_eq!(idx.offset(text, 2, 3, 0), x);
        assert_eq!(idx.offset(text, 2, 99, 0), text.find("\r\n").unwrap() as u32 + 2);
    }

    #[test]
    fn ascii_text_takes_the_fast_path() {
        let text = "fn main() {\r\n    let x = 1;\n}";
        let idx = LineIndex::new(text);
        assert!(idx.is_ascii());
        let x = text.find('x').unwrap() as u32;
        let p = idx.pos(text, x);
        assert_eq!((p.line, p.col, p.col_utf16), (2, 9, 9));
        assert_eq!(idx.offset(text, 2, 8, 0), x);
        assert_eq!(idx.offset(text, 9, 0, 0), text.len() as u32);
    }
}
