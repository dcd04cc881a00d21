use super::*;
use crate::engine::facts::{Held, Summaries};
use crate::finding::{Location, Pos};
use crate::taint::{FlowOut, FnSummary};

fn loc(path: &str, line: u32) -> Location {
    Location {
        path: path.into(),
        byte_start: 10,
        byte_end: 20,
        start: Pos { line, col: 3, col_utf16: 3 },
        end: Pos { line, col: 9, col_utf16: 8 },
    }
}

fn sample() -> FileFacts {
    let mut props = serde_json::Map::new();
    props.insert("package".into(), serde_json::json!({"name": "x", "n": [1, 2]}));
    let finding = Finding {
        rule: "unwrap-used",
        severity: Severity::Medium,
        message: "m é".into(),
        location: loc("src/a.rs", 4),
        labels: vec![Label { location: loc("src/a.rs", 5), message: "l".into() }],
        help: Some("h".into()),
        notes: vec!["n1".into(), "n2".into()],
        flow: vec![FlowStep { location: loc("src/b.rs", 1), message: "f".into() }],
        in_test: true,
        test_value: true,
        fingerprint: "fp".into(),
        line_hash: "lh:1".into(),
        suppression: Some(Suppression {
            kind: SuppressionKind::InSource,
            justification: "why".into(),
            location: Some(loc("src/a.rs", 3)),
        }),
        excerpt: Some(Excerpt { first_line: 2, byte_offset: 7, text: "let x = y;\n".into(), clipped: 0 }),
        masks: vec![(1, 2), (5, 9)],
        properties: props,
        suggestions: vec![crate::finding::Suggestion {
            message: "s".into(),
            applicability: crate::finding::Applicability::MaybeIncorrect,
            edits: vec![crate::finding::Edit { location: loc("src/a.rs", 4), replacement: "r".into() }],
        }],
    };
    let sink = SinkSite {
        rule: "sql-injection",
        loc: loc("src/db.rs", 9),
        what: "w".into(),
        help: "h".into(),
        built_with: Some("format!".into()),
        weak: true,
        numeric: false,
        any_shape: true,
        program: true,
        parses: true,
        converts_length: true,
        documented_panics: true,
        char_cut: true,
        size: vec![
            SizeOp::Field(Some("H".into()), "n".into()),
            SizeOp::Ret(None, "size".into(), true),
            SizeOp::Mul,
            SizeOp::Const("MAX".into()),
            SizeOp::Bits(16),
            SizeOp::Konst(3),
            SizeOp::Add,
            SizeOp::Max,
            SizeOp::Param(2),
            SizeOp::Min,
        ],
        excerpt: None,
        line_hash: String::new(),
        norm_line: "q".into(),
        suppression: None,
        in_test: false,
        severity: Some(Severity::High),
        fix: vec![crate::finding::Edit { location: loc("src/a.rs", 9), replacement: ":?".into() }],
    };
    FileFacts {
        path: "src/a.rs".into(),
        findings: vec![finding].into(),
        notifications: vec![Notification::new(NoteLevel::Warning, "parse-error", Some("src/a.rs".into()), "x")],
        child_mods: vec![ChildMod {
            name: "m".into(),
            path_attr: Some("p.rs".into()),
            cfg_paths: vec!["u.rs".into()],
            is_test: true,
            inline_parents: vec!["a".into()],
        }],
        unsafe_stats: UnsafeStats {
            functions: 1,
            methods: 2,
            blocks: 3,
            blocks_documented: 4,
            impls: 5,
            traits: 6,
            extern_blocks: 7,
        },
        forbids_unsafe: true,
        denies_unsafe: false,
        unsafe_lint_conditional: true,
        includes: vec!["gen.rs".into()],
        lines: 99,
        bytes: 1 << 40,
        analysed: true,
        taint_hits: vec![TaintHit {
            sink: sink.clone(),
            source_kind: SourceKind::Environment,
            source_desc: "env".into(),
            steps: vec![Step { loc: loc("src/a.rs", 2), msg: "s".into() }],
            in_test: false,
        }],
        summaries: vec![sample_summary(sink)].into(),
        routes: vec![(vec!["api".into(), "h".into()], true, vec![1])],
        sem_stats: SemStats { fns: 1, bodies: 2, calls: 3, calls_resolved: 4, methods: 5, receivers_known: 6 },
        api: ApiFacts {
            mods: vec![(vec!["a".into()], true)],
            uses: vec![(vec![], vec!["a".into(), "f".into()], false)],
            types: vec![(vec!["a".into()], "T".into())],
        },
        sizes: SizeFacts {
            fields: vec![("H".into(), "n".into(), 8)],
            rets: vec![(Some("K".into()), "size".into(), true, Some((23, false))), (None, "f".into(), false, None)],
            consts: vec![("MAX".into(), 17)],
        },
        macros: crate::taint::macros::MacroFacts {
            returning: vec!["invalid_data".into()],
            other: vec!["log".into()],
            asked: vec!["fail".into(), "invalid_data".into()],
            told: vec!["fail".into()],
        },
    }
}

fn sample_summary(sink: SinkSite) -> FnSummary {
    // A flow that adds nothing on the way (the first flow below sets every flag).
    let plain = |label, target, shape| FlowOut {
        label,
        target,
        steps: vec![],
        shape,
        sanitized: crate::taint::Mask::EMPTY,
        err: false,
        decoded: false,
        joined: false,
        in_base: false,
        wire: false,
    };
    FnSummary {
        head: FnHead {
            name: "f".into(),
            impl_type: Some("T".into()),
            impl_trait: Some("Store".into()),
            inline_mods: vec!["a".into()],
            params: vec!["x".into()],
            extractor_params: vec![(1, "Query".into(), Shape::Number)],
            guard_params: vec![(2, "Tenant".into())],
            responds: true,
            has_self: true,
            in_test: false,
            loc: Some(loc("src/a.rs", 1)),
            calls: vec![
                CallSite {
                    callee: Callee::Path { segs: vec!["db".into(), "run".into()], via_import: true },
                    loc: None,
                    name: "run".into(),
                    arity: 2,
                },
                CallSite {
                    callee: Callee::Method { name: "exec".into(), recv_type: None, on_self: true },
                    loc: Some(loc("src/a.rs", 7)),
                    name: "exec".into(),
                    arity: 1,
                },
            ],
            api: true,
            self_fields: vec!["len".into()],
            self_pushed: vec![0],
            // Worked out by `split`.
            self_writes: vec![],
            sink_flows: 0,
        },
        body: FnBody {
            labels: vec![
                LabelOut::Source { kind: SourceKind::Remote, desc: "d".into() },
                LabelOut::Param(2),
                LabelOut::CallRet(0),
                LabelOut::CallOk(0),
                LabelOut::Checked { call: 1, arg: 2 },
                LabelOut::ParamField { param: 1, field: "base".into() },
                LabelOut::CallRetField { call: 1, field: "path".into() },
            ],
            label_steps: vec![None, Some(Step { loc: loc("src/a.rs", 2), msg: "p".into() })],
            flows: vec![
                FlowOut {
                    label: 0,
                    target: Target::Ret,
                    steps: vec![],
                    shape: Shape::Text,
                    sanitized: crate::taint::Mask::of(0).union(crate::taint::Mask::of(1)),
                    err: true,
                    decoded: true,
                    joined: true,
                    in_base: true,
                    wire: true,
                },
                plain(1, Target::Arg { call: 0, arg: 1 }, Shape::Text),
                plain(5, Target::ArgField { call: 0, arg: 1, field: 1 }, Shape::Text),
                plain(6, Target::RetField { field: 0 }, Shape::Text),
                plain(2, Target::Sink(0), Shape::Number),
                plain(1, Target::SelfField(0), Shape::Text),
            ],
            sinks: vec![sink],
            checks: vec![(1, crate::taint::Mask::of(2))],
            arg_fields: vec![ArgFields { call: 0, arg: 1, fields: vec!["base".into(), "name".into()] }],
            arg_sizes: vec![ArgSize { call: 0, arg: 1, ops: vec![SizeOp::Param(0), SizeOp::Bits(16), SizeOp::Min] }],
            ret_fields: vec!["path".into()],
            lib_params: vec![(1, "a path".into())],
        },
    }
}

#[test]
fn facts_round_trip_exactly() {
    trait Block {
        fn packed_block(&self) -> Vec<u8>;
    }
    impl<T> Block for Held<T> {
        fn packed_block(&self) -> Vec<u8> {
            let Held::Packed(b) = self else { panic!("not packed") };
            b.to_vec()
        }
    }
    let facts = sample();
    let bytes = encode(&facts);
    let mut back = decode(&bytes).expect("decodes");
    // Summaries come back packed, and open to what was encoded.
    let Summaries::Packed(summaries) = &back.summaries else { panic!("not packed: {:?}", back.summaries) };
    let summaries = summaries.to_vec();
    assert_eq!(encode(&back), bytes);
    // A block may be deflated: what it says is read once inflated.
    let mut text = String::from_utf8_lossy(&bytes).into_owned();
    for block in [summaries.clone(), back.findings.packed_block()] {
        let plain = deflated::unsqueeze(&block).expect("inflates").into_owned();
        text = text.replacen(&*String::from_utf8_lossy(&block), &String::from_utf8_lossy(&plain), 1);
    }
    let (heads, bodies) = (unpack_heads(&back.path, &summaries), unpack_bodies(&back.path, &summaries));
    let (heads, bodies) = (heads.expect("heads open"), bodies.expect("bodies open"));
    // What the join reads of the flows without the body: the write into
    // a field of `self` (the sixth flow, into `self_fields[0]`) and the
    // one flow into a sink.
    assert_eq!((heads[0].self_writes.as_slice(), heads[0].sink_flows), (&[(5, 0)][..], 1));
    assert_eq!(bodies[0].flows.len(), 6);
    back.summaries = Summaries::Open(heads, bodies);
    assert!(matches!(back.findings, Held::Packed(_)), "{:?}", back.findings);
    let own = back.findings.take_open(&back.path).expect("opens");
    back.findings = own.into();
    assert_eq!(format!("{back:?}"), format!("{facts:?}"));
    // The file's own path is stored once; other paths in full.
    assert_eq!(text.matches("src/a.rs").count(), 1);
    assert_eq!(text.matches("src/db.rs").count(), 2);
    let Held::Open(own) = &back.findings else { unreachable!() };
    assert!(Arc::ptr_eq(&back.path, &own[0].location.path));
    assert_eq!(encode(&back), bytes);
    assert!(std::ptr::eq(own[0].rule, crate::lints::by_id("unwrap-used").unwrap().meta().id));
}

#[test]
fn damaged_entries_are_rejected_not_misread() {
    let bytes = encode(&sample());
    // Every truncation fails; so does a trailing byte.
    for cut in 0..bytes.len() {
        assert!(decode(&bytes[..cut]).is_none(), "truncated at {cut}");
    }
    let mut longer = bytes.clone();
    longer.push(0);
    assert!(decode(&longer).is_none());
    // A huge length is refused before anything is allocated (the
    // entry starts with the path's length plus one, one byte here).
    assert_eq!(bytes[0] as usize, "src/a.rs".len() + 1);
    let with_first = |v: u32| {
        let mut w = Writer::new(0, None, false);
        v.put(&mut w);
        w.buf.extend_from_slice(&bytes[1..]);
        w.buf
    };
    assert!(decode(&with_first(u32::MAX - 1)).is_none());
    // The same-file marker before the file is known is damage too.
    assert!(decode(&with_first(SAME_FILE)).is_none());
}

#[test]
fn integers_are_varints_and_bad_ones_are_damage() {
    let enc = |f: &dyn Fn(&mut Writer)| {
        let mut w = Writer::new(0, None, false);
        f(&mut w);
        w.buf
    };
    for v in [0u64, 1, 127, 128, 300, u64::from(u32::MAX), u64::MAX - 1, u64::MAX] {
        let b = enc(&|w| v.put(w));
        assert_eq!(u64::get(&mut Reader::new(&b)), Some(v), "{v}");
        assert_eq!(b.len(), (64 - v.leading_zeros()).div_ceil(7).max(1) as usize, "{v}");
    }
    assert_eq!(enc(&|w| 5u32.put(w)), [5]);
    assert_eq!(enc(&|w| 300u16.put(w)), [0xac, 0x02]);
    for v in [0u32, 200, u32::MAX] {
        assert_eq!(u32::get(&mut Reader::new(&enc(&|w| v.put(w)))), Some(v));
    }
    // Too wide for the type, past ten bytes, cut short: damage.
    let wide = enc(&|w| (u64::from(u32::MAX) + 1).put(w));
    assert_eq!(u32::get(&mut Reader::new(&wide)), None);
    assert_eq!(u16::get(&mut Reader::new(&enc(&|w| 65_536u32.put(w)))), None);
    assert_eq!(u64::get(&mut Reader::new(&[0xff; 11])), None);
    assert_eq!(u64::get(&mut Reader::new(&[0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x02])), None);
    assert_eq!(u32::get(&mut Reader::new(&[0x80, 0x80])), None);
    assert_eq!(u32::get(&mut Reader::new(&[])), None);
}

#[test]
fn a_block_writes_each_string_once_and_refuses_a_number_never_written() {
    let path: Arc<str> = "src/a.rs".into();
    let names = vec!["read_header".to_string(), "ab".to_string(), "read_header".to_string(), "ab".to_string()];
    let block = encode_list(Some(path.clone()), &names);
    let text = String::from_utf8_lossy(&block);
    assert_eq!(text.matches("read_header").count(), 1, "{block:?}");
    // Shorter than MIN_LEN: written out each time.
    assert_eq!(text.matches("ab").count(), 2, "{block:?}");
    assert_eq!(decode_list::<String>(&path, &block), Some(names.clone()));
    assert_eq!(unpack_list::<String>(&path, &pack_list(&path, &names)), Some(names));
    // Count 1, then string number 5 (2 * 5 + 1): never written, damage.
    assert_eq!(decode_list::<String>(&path, &[1, 11]), None);
    // Locations far apart and going backwards come back exactly.
    let far = |line: u32, byte: u32| Location {
        path: path.clone(),
        byte_start: byte,
        byte_end: byte.saturating_add(7),
        start: Pos { line, col: 9, col_utf16: 5 },
        end: Pos { line: line.saturating_add(2), col: 1, col_utf16: 1 },
    };
    let locs = vec![far(900, 70_000), far(3, 12), far(u32::MAX - 2, u32::MAX - 7), far(0, 0)];
    let back = unpack_list::<Location>(&path, &pack_list(&path, &locs)).expect("decodes");
    assert_eq!(format!("{back:?}"), format!("{locs:?}"));
}

#[test]
fn summaries_open_their_heads_alone_and_their_bodies_after_them() {
    let path: Arc<str> = "src/a.rs".into();
    let sink = || SinkSite { rule: "sql-injection", loc: loc("src/a.rs", 9), ..Default::default() };
    let (heads, bodies): (Vec<_>, Vec<_>) =
        [sample_summary(sink()), sample_summary(sink())].into_iter().map(FnSummary::split).unzip();
    let plain = encode_summaries(Some(path.clone()), &heads, &bodies);
    let block = pack_summaries(&path, &heads, &bodies);
    let heads_back = unpack_heads(&path, &block).expect("heads open");
    assert_eq!(format!("{heads_back:?}"), format!("{heads:?}"));
    let bodies_back = unpack_bodies(&path, &block).expect("bodies open");
    assert_eq!(format!("{bodies_back:?}"), format!("{bodies:?}"));
    // One block numbers the strings of both parts (the bodies are read
    // after the heads, whose strings they may name): each written once.
    let text = String::from_utf8_lossy(&plain);
    assert_eq!((text.matches("Tenant").count(), text.matches("base").count()), (1, 1), "{text:?}");
    // Damage anywhere in the block: the bodies do not open, never a wrong one.
    let raw = deflated::squeeze(&plain);
    for cut in 0..raw.len() {
        assert!(unpack_bodies(&path, &raw[..cut]).is_none(), "cut at {cut}");
    }
    let mut longer = plain.clone();
    longer.push(0);
    assert!(unpack_bodies(&path, &deflated::squeeze(&longer)).is_none());
}
