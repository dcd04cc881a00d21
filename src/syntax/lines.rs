//! Line table: byte offset → 1-based line and column (in chars and in
//! UTF-16 code units), correct for multi-byte text and CRLF endings.

use serde::Serialize;

/// A 1-based position. `col` counts Unicode scalar values, `col_utf16`
/// counts UTF-16 code units (SARIF's default `columnKind`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Default)]
pub struct Pos {
    pub line: u32,
    pub col: u32,
    #[serde(skip)]
    pub col_utf16: u32,
}

#[derive(Debug, Clone, Default)]
pub struct LineIndex {
    /// Byte offset of the start of each line.
    starts: Vec<u32>,
    /// The text is ASCII: columns are byte offsets within the line.
    ascii: bool,
    /// In long lines of non-ASCII text, every [`MARK_EVERY`] bytes: (byte
    /// offset, chars and UTF-16 units from the line's start to it), so a
    /// column is counted from the mark before it, not from the line's
    /// start (thousands of findings on one long line stay linear).
    marks: Vec<(u32, u32, u32)>,
}

const MARK_EVERY: usize = 256;

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut starts = Vec::with_capacity(text.len() / 32 + 1);
        starts.push(0);
        push_line_starts(text.as_bytes(), &mut starts);
        let ascii = text.is_ascii();
        let mut marks = Vec::new();
        if !ascii {
            for (i, &s) in starts.iter().enumerate() {
                let e = starts.get(i + 1).map_or(text.len(), |&e| e as usize);
                let line = text.get(s as usize..e).unwrap_or("");
                if line.len() <= MARK_EVERY || line.is_ascii() {
                    continue;
                }
                let (mut chars, mut units, mut next) = (0u32, 0u32, MARK_EVERY);
                for (at, c) in line.char_indices() {
                    if at >= next {
                        marks.push((s + at as u32, chars, units));
                        next = at + MARK_EVERY;
                    }
                    chars += 1;
                    units += c.len_utf16() as u32;
                }
            }
        }
        LineIndex { starts, ascii, marks }
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
        // Start from the last mark of this line at or before the column.
        let lo = self.marks.partition_point(|&(at, _, _)| (at as usize) < start);
        let hi = self.marks.partition_point(|&(at, _, _)| (at as usize) < end);
        let line_marks = &self.marks[lo..hi];
        let (from, skipped) = match line_marks.partition_point(|&(_, chars, _)| chars as usize <= col) {
            0 => (start, 0),
            i => (line_marks[i - 1].0 as usize, line_marks[i - 1].1 as usize),
        };
        let rest = text.get(from..end).unwrap_or("");
        let within = rest.char_indices().nth(col - skipped).map_or(rest.len(), |(i, _)| i);
        (from + within) as u32
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
        // Count from the last mark of this line before `byte`, if any.
        let (from, chars, units) = match self.marks.partition_point(|&(at, _, _)| at as usize <= byte) {
            0 => (start, 0, 0),
            i => match self.marks[i - 1] {
                (at, c, u) if at as usize >= start => (at as usize, c, u),
                _ => (start, 0, 0),
            },
        };
        let prefix = &text[from..byte];
        let col = chars + prefix.chars().count() as u32 + 1;
        let col_utf16 = units + prefix.chars().map(|c| c.len_utf16() as u32).sum::<u32>() + 1;
        Pos { line: line as u32 + 1, col, col_utf16 }
    }
}

/// The offset after every `\n` of `b`, in order (`memchr`'s word-at-a-time
/// search: a byte-by-byte loop was 1% of a scan's instructions).
fn push_line_starts(b: &[u8], starts: &mut Vec<u32>) {
    starts.extend(memchr::memchr_iter(b'\n', b).map(|i| (i + 1) as u32));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_starts_are_found_at_every_alignment_next_to_every_byte() {
        // Each byte value before and after a newline, at every offset
        // within an eight-byte word, and in the tail after the last word.
        let mut text = Vec::new();
        for c in 0..=255u8 {
            for pad in 0..9 {
                text.extend(std::iter::repeat_n(c, pad));
                text.push(b'\n');
                text.push(c);
            }
        }
        for len in [text.len(), text.len() - 3, 7, 1, 0] {
            let b = &text[..len];
            let mut got = Vec::new();
            push_line_starts(b, &mut got);
            let want: Vec<u32> = (0..b.len()).filter(|&i| b[i] == b'\n').map(|i| i as u32 + 1).collect();
            assert_eq!(got, want, "{len}");
        }
    }

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
    fn long_non_ascii_lines_count_columns_from_marks() {
        let line: String = (0..2000).map(|i| if i % 7 == 0 { "é😀" } else { "ab" }).collect();
        let text = format!("first\n{line}\nlast é\n");
        let idx = LineIndex::new(&text);
        assert!(!idx.marks.is_empty());
        let start = text.find('\n').unwrap() + 1;
        for (at, _) in line.char_indices().step_by(97) {
            let p = idx.pos(&text, (start + at) as u32);
            let prefix = &line[..at];
            assert_eq!(p.line, 2);
            assert_eq!(p.col, prefix.chars().count() as u32 + 1, "at {at}");
            assert_eq!(p.col_utf16, prefix.encode_utf16().count() as u32 + 1, "at {at}");
        }
        assert_eq!(idx.pos(&text, text.find("last").unwrap() as u32).col, 1);
        for (n, (at, _)) in line.char_indices().enumerate().step_by(89) {
            assert_eq!(idx.offset(&text, 2, n, 0) as usize, start + at, "col {n}");
        }
        assert_eq!(idx.offset(&text, 2, 1_000_000, 0) as usize, start + line.len() + 1);
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
