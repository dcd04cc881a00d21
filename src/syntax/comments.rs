//! Comments, read from the source text (syn drops non-doc comments).

use super::FileCtx;

/// Classify a line for comment scanning.
fn comment_body(line: &str) -> Option<&str> {
    let t = line.trim_start();
    for p in ["///", "//!", "//", "/**", "/*!", "/*", "*/", "*"] {
        if let Some(rest) = t.strip_prefix(p) {
            return Some(rest);
        }
    }
    None
}

fn is_attribute_line(line: &str) -> bool {
    let t = line.trim_start();
    t.starts_with("#[") || t.starts_with("#![")
}

/// `true` if the text carries a safety justification (`SAFETY:`, any case,
/// the convention clippy's `undocumented_unsafe_blocks` uses, or a
/// `# Safety` doc heading).
pub fn has_safety_marker(text: &str) -> bool {
    let upper = text.to_ascii_uppercase();
    upper.contains("SAFETY:") || upper.contains("# SAFETY")
}

/// The comment block directly above 0-based `line` (skipping attribute
/// lines between them), as one string. Stops at the first line that is
/// neither comment nor attribute; blank lines end the block.
pub fn comment_block_above(file: &FileCtx, line: usize) -> String {
    let mut out = Vec::new();
    let mut l = line;
    while l > 0 {
        l -= 1;
        let text = file.line_text(l);
        if let Some(body) = comment_body(text) {
            out.push(body);
        } else if is_attribute_line(text) {
            continue;
        } else {
            break;
        }
    }
    out.reverse();
    out.join("\n")
}

/// The comment (if any) on 0-based `line` before byte column `before`.
pub fn comment_before_on_line(file: &FileCtx, line: usize, before_byte: u32) -> &str {
    let start = file.lines.line_start(line);
    let text = file.text.get(start as usize..before_byte as usize).unwrap_or("");
    match (text.find("//"), text.find("/*")) {
        (Some(a), Some(b)) => &text[a.min(b)..],
        (Some(a), None) | (None, Some(a)) => &text[a..],
        (None, None) => "",
    }
}

/// A trailing `// …` comment on 0-based `line` (after code).
pub fn trailing_comment(file: &FileCtx, line: usize) -> &str {
    let text = file.line_text(line);
    text.find("//").map_or("", |i| &text[i..])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::FileKind;

    #[test]
    fn finds_comment_block_above_attributes() {
        let src = "fn f() {\n    // SAFETY: checked above\n    #[allow(unused)]\n    let x = unsafe { 1 };\n}\n";
        let file = FileCtx::new("a.rs".into(), src.to_string(), FileKind::Lib);
        let block = comment_block_above(&file, 3);
        assert!(has_safety_marker(&block), "{block}");
        assert!(!has_safety_marker(&comment_block_above(&file, 1)));
    }
}
