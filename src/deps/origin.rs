//! The origins of a value (see `values`): what it is made of, its
//! constant value when known, and how it was hidden, with the operations
//! that combine and decode them.

use super::shapes::{decode_base64, decode_hex};

/// How many values of each kind an origin keeps (the rest are dropped).
pub(super) const MAX_LITERALS: usize = 16;
/// Longest constant kept, in bytes.
pub(super) const MAX_VALUE: usize = 16 * 1024;

/// Where a value comes from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Origin {
    /// String literals it is made of (a few).
    pub literals: Vec<String>,
    /// Environment variables read for it (literal names).
    pub env: Vec<String>,
    /// An environment variable whose name is computed.
    pub env_computed: bool,
    /// `OUT_DIR` (the build script's output directory).
    pub out_dir: bool,
    /// `CARGO_MANIFEST_DIR` (the package's own sources).
    pub manifest_dir: bool,
    /// The user's home directory (`HOME`, `home_dir()`, …).
    pub home: bool,
    /// The temporary directory.
    pub temp: bool,
    /// A path or string joined from parts (`join`, `push`, `format!` with `/`).
    pub joined: bool,
    /// A toolchain helper's value (`cc::Build`, `pkg_config`, …).
    pub toolchain: bool,
    /// Data received over the network.
    pub downloaded: bool,
    /// Something syntax cannot see into (a parameter, a field, a call of
    /// another file's function).
    pub unknown: bool,
    /// How the value was hidden (`base64`, `hex`, `xor`, …), when it was.
    pub obfuscation: Vec<&'static str>,
    /// Literal pieces a constant string was assembled from.
    pub pieces: u32,
    /// The constant value, when the syntax fixes it (decoded).
    pub value: Option<String>,
    /// The constant bytes, for byte strings and arrays.
    pub bytes: Option<Vec<u8>>,
    /// A constant integer (XOR keys, file modes).
    pub int: Option<u64>,
}

impl Origin {
    pub(super) fn literal(s: String) -> Origin {
        let mut o = Origin { pieces: 1, ..Default::default() };
        push_capped(&mut o.literals, s.chars().take(200).collect());
        o.value = Some(s);
        o
    }

    pub(super) fn unknown() -> Origin {
        Origin { unknown: true, ..Default::default() }
    }

    /// Both origins (`a` or `b`, or a value made of both): flags and
    /// lists merge; the constant survives only when both agree.
    pub(crate) fn union(mut self, o: Origin) -> Origin {
        for l in o.literals {
            push_capped(&mut self.literals, l);
        }
        for e in o.env {
            push_capped(&mut self.env, e);
        }
        self.env_computed |= o.env_computed;
        self.out_dir |= o.out_dir;
        self.manifest_dir |= o.manifest_dir;
        self.home |= o.home;
        self.temp |= o.temp;
        self.joined |= o.joined;
        self.toolchain |= o.toolchain;
        self.downloaded |= o.downloaded;
        self.unknown |= o.unknown;
        for t in o.obfuscation {
            if !self.obfuscation.contains(&t) {
                self.obfuscation.push(t);
            }
        }
        self.pieces = self.pieces.max(o.pieces);
        if self.value != o.value {
            self.value = None;
        }
        if self.bytes != o.bytes {
            self.bytes = None;
        }
        if self.int != o.int {
            self.int = None;
        }
        self
    }

    /// The concatenation of two values (`a + b`, `push_str`, `concat!`).
    pub(super) fn concat(self, o: Origin) -> Origin {
        let value = match (&self.value, &o.value) {
            (Some(a), Some(b)) if a.len() + b.len() <= MAX_VALUE => Some(format!("{a}{b}")),
            _ => None,
        };
        let pieces = self.pieces + o.pieces;
        let mut u = self.union(o);
        u.value = value;
        u.pieces = pieces;
        u.bytes = None;
        u.int = None;
        u
    }

    /// Only flags: the value is something new made from this one.
    pub(super) fn derived(mut self) -> Origin {
        self.value = None;
        self.bytes = None;
        self.int = None;
        self
    }

    pub(super) fn hidden(mut self, how: &'static str) -> Origin {
        if !self.obfuscation.contains(&how) {
            self.obfuscation.push(how);
        }
        self
    }

    /// Text of the constant (bytes read as UTF-8 when valid).
    pub(crate) fn text(&self) -> Option<String> {
        self.value.clone().or_else(|| self.bytes.as_ref().and_then(|b| String::from_utf8(b.clone()).ok()))
    }
}

fn push_capped(v: &mut Vec<String>, s: String) {
    if v.len() < MAX_LITERALS && !v.contains(&s) {
        v.push(s);
    }
}

/// An environment variable read: its name's origin is a constant or not.
pub(super) fn env_read(name: Origin) -> Origin {
    let mut o = Origin::default();
    match name.value {
        Some(n) => {
            match n.as_str() {
                "OUT_DIR" => o.out_dir = true,
                "CARGO_MANIFEST_DIR" => o.manifest_dir = true,
                "HOME" | "USERPROFILE" | "HOMEPATH" | "XDG_CONFIG_HOME" | "APPDATA" | "LOCALAPPDATA" | "CARGO_HOME"
                | "RUSTUP_HOME" => o.home = true,
                "TMPDIR" | "TEMP" | "TMP" => o.temp = true,
                _ => {}
            }
            push_capped(&mut o.env, n);
        }
        None => o.env_computed = true,
    }
    o
}

/// Decode a constant (base64 or hex, by the hint and by what parses).
pub(super) fn decode(arg: Origin, hint: &str) -> Origin {
    let hint = hint.to_ascii_lowercase();
    let text = arg.text();
    let mut o = arg.clone().derived();
    let Some(t) = text else { return o };
    let hex_first = hint.contains("hex");
    type Decoder = fn(&str) -> Option<Vec<u8>>;
    let tries: [(&'static str, Decoder); 2] = if hex_first {
        [("hex", decode_hex), ("base64", decode_base64)]
    } else {
        [("base64", decode_base64), ("hex", decode_hex)]
    };
    for (how, f) in tries {
        if let Some(bytes) = f(&t) {
            o.value = String::from_utf8(bytes.clone()).ok();
            o.bytes = Some(bytes);
            o.pieces = arg.pieces;
            return o.hidden(how);
        }
    }
    o
}

/// `String::from_utf8(bytes)`: the bytes as text.
pub(super) fn from_utf8(arg: Origin) -> Origin {
    let mut o = arg.clone();
    if o.value.is_none()
        && let Some(b) = &arg.bytes
    {
        o.value = Some(String::from_utf8_lossy(b).into_owned());
        if b.len() >= 8 && !o.obfuscation.iter().any(|t| *t != "byte array") && o.obfuscation.is_empty() {
            o = o.hidden("byte array");
        }
    }
    o
}

/// Constant bytes XOR-ed with a key.
pub(super) fn xor(o: Origin, key: u8) -> Origin {
    xor_with(o, &[key])
}

/// Constant bytes XOR-ed with a repeating key.
pub(super) fn xor_with(o: Origin, key: &[u8]) -> Origin {
    match o.bytes.clone().or_else(|| o.value.as_ref().map(|v| v.as_bytes().to_vec())).filter(|_| !key.is_empty()) {
        Some(b) => {
            let decoded: Vec<u8> = b.iter().zip(key.iter().cycle()).map(|(x, k)| x ^ k).collect();
            let mut n = o.derived();
            n.value = String::from_utf8(decoded.clone()).ok();
            n.bytes = Some(decoded);
            n.hidden("xor")
        }
        None => o.derived(),
    }
}
