//! Where a parameter's data comes from besides the function's callers in
//! the workspace: the library's API callers (the library threat model)
//! and Rocket request guards.

use super::{FnId, From, Join, MAX_PATH, Origin, Query};
use crate::taint::{Shape, SourceKind, TaintHit, keep_ends};

impl Join<'_> {
    /// Parameter `index` of `g` carries the library caller's data and `g`
    /// is nameable from outside its crate: a `library` source, when the
    /// rule counts what reaches it (see `TaintSpec::library_whole`).
    pub(super) fn library_hit(
        &self,
        g: FnId,
        index: u16,
        o: &Origin,
        site: &crate::taint::SinkSite,
        in_test: bool,
    ) -> Option<TaintHit> {
        let func = &self.funcs[g];
        let s = func.s;
        if !s.api || s.in_test {
            return None;
        }
        let (_, what) = self.body(g).lib_params.iter().find(|(i, _)| *i == index)?;
        let built = match o.end.shape {
            // A number decoded from the caller's bytes or text, not a count
            // or an offset the library computed over them (`bytes.len()`,
            // a position it found).
            Shape::Number => o.end.wire,
            // A whole text where the rule says so — where any shape
            // reaches the sink, only a parse that fails on it (not an
            // offset: those are numbers).
            Shape::Text => {
                o.end.joined
                    || site.built_with.is_some()
                    || site.char_cut
                    || (crate::taint::library_whole(site.rule) && (!site.any_shape || site.parses))
            }
        };
        // A panic the function documents (`# Panics`) is its contract; a
        // path that is not UTF-8 is the caller's to avoid (`to_str().unwrap()`).
        let panics = site.any_shape;
        if !built || (panics && (site.documented_panics || (site.parses && what == "a path"))) {
            return None;
        }
        // A panic on the caller's whole text or bytes: only a decode of
        // their content (not a slice made an array, whose length the caller
        // chose) in an API meant to take data from outside — a reader, or a
        // decoder by its name (`parse_*`, `from_bytes`, `Decoder::next`);
        // a string handed to a builder or a setter is the caller's own.
        if panics
            && !site.char_cut
            && o.end.shape == Shape::Text
            && (site.converts_length || (what != "a reader" && !decoder_like(&s.name, s.impl_type.as_deref())))
        {
            return None;
        }
        // A text that came back out of a call (an object built from it,
        // tainted whole) is not known to be the caller's value any more.
        if o.via_return && o.end.shape == Shape::Text {
            return None;
        }
        let crate_key = &self.units[func.unit].crate_key;
        if !self.exposure.reachable(crate_key, &func.module, s.impl_type.as_deref(), &s.name) {
            return None;
        }
        let mut path = func.module.to_vec();
        path.extend(s.impl_type.iter().cloned());
        path.push(s.name.clone());
        let param = s.params.get(index as usize).map_or("", |p| p.trim_start_matches('#'));
        Some(TaintHit {
            sink: site.clone(),
            source_kind: SourceKind::Library,
            source_desc: format!("{what} parameter `{param}` of the public `{}`", path.join("::")),
            steps: o.steps.clone(),
            in_test,
        })
    }
}

impl Query<'_, '_> {
    /// Parameter `index` of `g` is a request guard (`Tenant` with a
    /// `FromRequest` impl in the crate): the sources its `from_request`
    /// returns reach the sink.
    pub(super) fn guard_origins(
        &mut self,
        g: FnId,
        index: u16,
        o: &Origin,
        site: &crate::taint::SinkSite,
        in_test: bool,
    ) -> Option<Vec<TaintHit>> {
        let (_, ty) = self.funcs[g].s.guard_params.iter().find(|(i, _)| *i == index)?;
        let h = self.of_type(ty, "from_request")?;
        let mut out = Vec::new();
        for r in self.ret_origins(h, 0) {
            if let From::Source { kind, desc, .. } = r.from {
                let mut steps = r.steps;
                steps.extend(o.steps.iter().cloned());
                keep_ends(&mut steps, 4, MAX_PATH);
                out.push(TaintHit { sink: site.clone(), source_kind: kind, source_desc: desc, steps, in_test });
            }
        }
        Some(out)
    }
}

/// A function or type that decodes data by its name: a word of the
/// function's snake-case name (`parse_header`, `from_bytes`, `read_frame`)
/// or of its type's camel-case name (`FrameDecoder`, `Parser`).
fn decoder_like(name: &str, impl_type: Option<&str>) -> bool {
    const VERBS: &[&str] = &[
        "parse",
        "decode",
        "read",
        "from",
        "deserialize",
        "load",
        "unpack",
        "unmarshal",
        "scan",
        "lex",
        "tokenize",
        "decompress",
        "inflate",
        "extract",
        "split",
        "unescape",
        "demux",
    ];
    const NOUNS: &[&str] =
        &["decoder", "parser", "reader", "deserializer", "lexer", "tokenizer", "scanner", "unpacker"];
    name.split('_').any(|w| VERBS.contains(&w))
        || impl_type.is_some_and(|t| {
            let t = t.to_ascii_lowercase();
            NOUNS.iter().any(|n| t.ends_with(n))
        })
}
