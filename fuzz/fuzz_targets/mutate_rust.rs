//! Real Rust from the fixtures, mutated at token level: valid-looking
//! programs that reach deep into the rules and the data-flow engine.
#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;

#[derive(Arbitrary, Debug)]
enum Op {
    Delete { at: u16, len: u8 },
    Duplicate { at: u16, len: u8 },
    Insert { at: u16, token: u8 },
    Swap { a: u16, b: u16, len: u8 },
}

#[derive(Arbitrary, Debug)]
struct Input {
    seed: u8,
    ops: Vec<Op>,
}

fn clamp(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fuzz_target!(|input: Input| {
    let seeds = cargo_sast_fuzz::SEEDS;
    let mut text = seeds[input.seed as usize % seeds.len()].to_string();
    for op in input.ops.iter().take(64) {
        let n = text.len().max(1);
        match *op {
            Op::Delete { at, len } => {
                let s = clamp(&text, at as usize * n / 65536);
                let e = clamp(&text, s + len as usize);
                text.replace_range(s..e, "");
            }
            Op::Duplicate { at, len } => {
                let s = clamp(&text, at as usize * n / 65536);
                let e = clamp(&text, s + len as usize);
                let piece = text[s..e].to_string();
                text.insert_str(e, &piece);
            }
            Op::Insert { at, token } => {
                let s = clamp(&text, at as usize * n / 65536);
                let vocab = cargo_sast_fuzz::VOCAB;
                text.insert_str(s, vocab[token as usize % vocab.len()]);
            }
            Op::Swap { a, b, len } => {
                let a = clamp(&text, a as usize * n / 65536);
                let ae = clamp(&text, a + len as usize);
                let b = clamp(&text, b as usize * n / 65536);
                let be = clamp(&text, b + len as usize);
                if ae <= b {
                    let (x, y) = (text[a..ae].to_string(), text[b..be].to_string());
                    text.replace_range(b..be, &x);
                    text.replace_range(a..ae, &y);
                }
            }
        }
        if text.len() > 200_000 {
            break;
        }
    }
    cargo_sast_fuzz::check(&text);
});
