//! What an embedded file is: `include_bytes!` targets and byte-array
//! literals, recognised by their first bytes (magic numbers), never by
//! their names.

use std::path::Path;

/// The kind of an embedded blob.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum BlobKind {
    Elf,
    Pe,
    MachO,
    Wasm,
    /// A script with a `#!` line.
    Script,
    /// A static library or object archive (`!<arch>`).
    Archive,
    JavaClass,
    /// Compressed data or a zip/jar (may carry anything).
    Compressed,
    /// Other binary data (tables, fonts, images, keys).
    Data,
    /// UTF-8 text.
    Text,
    /// Produced by the build (`OUT_DIR`): not known before it runs.
    Generated,
    /// Not readable (missing, outside the package, not a regular file).
    Unknown,
}

impl BlobKind {
    /// Machine code or a script: something that runs.
    pub(crate) fn is_executable(self) -> bool {
        matches!(
            self,
            BlobKind::Elf
                | BlobKind::Pe
                | BlobKind::MachO
                | BlobKind::Script
                | BlobKind::Archive
                | BlobKind::Wasm
                | BlobKind::JavaClass
        )
    }

    /// Not text: a binary blob.
    pub(crate) fn is_binary(self) -> bool {
        !matches!(self, BlobKind::Text | BlobKind::Generated | BlobKind::Unknown)
    }

    pub(crate) fn describe(self) -> &'static str {
        match self {
            BlobKind::Elf => "an ELF executable or shared object",
            BlobKind::Pe => "a Windows PE executable or DLL",
            BlobKind::MachO => "a Mach-O executable or library",
            BlobKind::Wasm => "a WebAssembly module",
            BlobKind::Script => "an executable script",
            BlobKind::Archive => "a static library (object archive)",
            BlobKind::JavaClass => "a Java class file",
            BlobKind::Compressed => "compressed data or an archive",
            BlobKind::Data => "binary data",
            BlobKind::Text => "text",
            BlobKind::Generated => "a file produced by the build",
            BlobKind::Unknown => "a file that could not be read",
        }
    }
}

/// Recognise a blob from its first bytes.
pub(super) fn sniff(head: &[u8]) -> BlobKind {
    let starts = |m: &[u8]| head.starts_with(m);
    if starts(b"\x7fELF") {
        return BlobKind::Elf;
    }
    if starts(b"MZ") && head.len() >= 64 {
        let off = u32::from_le_bytes([head[60], head[61], head[62], head[63]]) as usize;
        if head.get(off..off + 4) == Some(b"PE\0\0") || off >= head.len() {
            return BlobKind::Pe;
        }
    }
    if [b"\xfe\xed\xfa\xce", b"\xfe\xed\xfa\xcf", b"\xce\xfa\xed\xfe", b"\xcf\xfa\xed\xfe"].iter().any(|m| starts(*m)) {
        return BlobKind::MachO;
    }
    if starts(b"\xca\xfe\xba\xbe") && head.len() >= 8 {
        // Fat Mach-O has a small architecture count; a class file a version.
        let n = u32::from_be_bytes([head[4], head[5], head[6], head[7]]);
        return if n < 40 { BlobKind::MachO } else { BlobKind::JavaClass };
    }
    if starts(b"\0asm") {
        return BlobKind::Wasm;
    }
    if starts(b"#!") {
        return BlobKind::Script;
    }
    if starts(b"!<arch>\n") {
        return BlobKind::Archive;
    }
    if [&b"\x1f\x8b"[..], b"PK\x03\x04", b"\xfd7zXZ\0", b"\x28\xb5\x2f\xfd", b"BZh", b"7z\xbc\xaf\x27\x1c"]
        .iter()
        .any(|m| starts(m))
    {
        return BlobKind::Compressed;
    }
    match std::str::from_utf8(head) {
        Ok(_) => BlobKind::Text,
        // A multi-byte character cut at the end of the head is still text.
        Err(e) if e.valid_up_to() + 4 > head.len() && e.error_len().is_none() => BlobKind::Text,
        Err(_) => BlobKind::Data,
    }
}

/// The kind of the file at `path`, which must be a regular file inside
/// `dir` (nothing outside the package is read); reads at most 512 bytes.
pub(super) fn sniff_file(path: &Path, dir: &Path) -> BlobKind {
    let inside = path.canonicalize().ok().zip(dir.canonicalize().ok()).is_some_and(|(p, d)| p.starts_with(d));
    if !inside || !path.is_file() {
        return BlobKind::Unknown;
    }
    match crate::util::fsread::read_at_most(path, 512) {
        Ok(head) => sniff(&head),
        Err(_) => BlobKind::Unknown,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn magic_numbers() {
        assert_eq!(sniff(b"\x7fELF\x02\x01\x01\0"), BlobKind::Elf);
        assert_eq!(sniff(b"\0asm\x01\0\0\0"), BlobKind::Wasm);
        assert_eq!(sniff(b"#!/bin/sh\ncurl x | sh\n"), BlobKind::Script);
        assert_eq!(sniff(b"\xca\xfe\xba\xbe\0\0\0\x02"), BlobKind::MachO);
        assert_eq!(sniff(b"\xca\xfe\xba\xbe\0\0\0\x34"), BlobKind::JavaClass);
        assert_eq!(sniff(b"\x1f\x8b\x08\0"), BlobKind::Compressed);
        assert_eq!(sniff("plain text, ünïcode".as_bytes()), BlobKind::Text);
        assert_eq!(sniff(&[0xff, 0x00, 0x13, 0x37, 0x80]), BlobKind::Data);
        let mut pe = vec![0u8; 128];
        pe[..2].copy_from_slice(b"MZ");
        pe[60] = 64;
        pe[64..68].copy_from_slice(b"PE\0\0");
        assert_eq!(sniff(&pe), BlobKind::Pe);
        assert!(BlobKind::Elf.is_executable() && !BlobKind::Data.is_executable() && BlobKind::Data.is_binary());
    }
}
