//! Models as data: which calls are sources, sinks, sanitizers and
//! propagators. Built-in models live in `lints/models/*.toml`; users add
//! their own under `[taint]` in sast.toml (same schema), without rebuilding.
//!
//! ```toml
//! [[source]]
//! kind = "environment"            # remote | command-line | environment | stdin | file | network | archive
//! functions = ["std::env::var"]   # calls whose result is tainted
//! methods = ["read_line"]         # or methods (optionally on `receiver-types`)
//! taints = "result"               # or "arg0" (the method writes into its first argument)
//! shape = "number"                # optional: the source yields a number (`read_u32`)
//! types = ["std::net::TcpStream"] # or: values of these types are the source (parameters)
//! rules = ["uncontrolled-allocation"] # optional: the only rules whose sinks it reaches
//! label = "environment variable"
//! checked = ["zip-slip"]           # optional: already checked (lexically) for these rules
//!
//! [[sink]]
//! rule = "sql-injection"
//! functions = ["sqlx::query"]     # and/or methods + receiver-types
//! args = [0]                      # which arguments are dangerous (receiver = "self")
//! operators = ["index"]           # or indexing and slicing: `v[i]` (the offset is argument 0)
//! shape = "any"                   # optional: numbers reach it too (`numeric = true`: only numbers)
//! what = "an SQL query"
//! help = "pass values with `.bind(…)`"
//! unknown-receiver = "ignore"     # methods when the receiver's type is unknown:
//!                                 # "report", "ignore", or "sql-text" / "url-text" evidence
//! link = true                     # optional: the sink creates a link (see `SinkModel::link`)
//!
//! [[sanitizer]]
//! rules = ["regex-injection"]     # or ["*"]
//! functions = ["regex::escape"]
//! methods = ["file_name"]
//! headers = ["referer"]           # or a header looked up by this name (`get(REFERER)`)
//!
//! [[propagator]]                  # results that carry their inputs' taint
//! functions = ["std::path::Path::new"]
//! methods = ["to_string"]
//! shape = "number"                # optional: the result is a number (`len`)
//!
//! [[cleanser]]                    # results that carry no taint (`is_empty`)
//! methods = ["is_empty"]
//!
//! [[no-line-break]]                # values that cannot hold a line break
//! types = ["http::Uri"]            # by canonical type (a call's result, a parameter)
//! methods = ["lines"]              # or the results of these calls
//!
//! [[decoder]]                      # results that can hold any character again
//! functions = ["urlencoding::decode"]
//! types = ["headers::authorization::Basic"]  # calls whose type arguments name one
//! ```

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::path::Path;

use toml::de::{DeTable, DeValue};

use crate::util::toml::{ConfigError, Reader};

/// Where untrusted data comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SourceKind {
    Remote,
    CommandLine,
    Environment,
    Stdin,
    File,
    Network,
    /// Under the library threat model: a parameter of a public function of
    /// a library crate (bytes, a string, a reader, a path).
    Library,
    /// An archive's entry names and link targets.
    Archive,
}

impl SourceKind {
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "remote" => Self::Remote,
            "command-line" => Self::CommandLine,
            "environment" => Self::Environment,
            "stdin" => Self::Stdin,
            "file" => Self::File,
            "network" => Self::Network,
            "library" => Self::Library,
            "archive" => Self::Archive,
            _ => return None,
        })
    }

    /// How findings describe data from this source.
    pub fn noun(self) -> &'static str {
        match self {
            Self::Remote => "user input",
            Self::CommandLine => "a command-line argument",
            Self::Environment => "an environment variable",
            Self::Stdin => "standard input",
            Self::File => "file contents",
            Self::Network => "data from the network",
            Self::Library => "the library caller's data",
            Self::Archive => "an archive entry's name",
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Remote => "remote",
            Self::CommandLine => "command-line",
            Self::Environment => "environment",
            Self::Stdin => "stdin",
            Self::File => "file",
            Self::Network => "network",
            Self::Library => "library",
            Self::Archive => "archive",
        }
    }

    /// A noun phrase for a source with this model label.
    pub fn describe(self, label: &str) -> String {
        match self {
            Self::Remote => format!("user input from {label}"),
            Self::CommandLine => format!("command-line input from {label}"),
            Self::Environment => label.to_string(),
            Self::Stdin => format!("input from {label}"),
            Self::File => label.to_string(),
            Self::Network => label.to_string(),
            Self::Library => label.to_string(),
            Self::Archive => label.to_string(),
        }
    }

    /// Local sources (the attacker must control the process's environment)
    /// are reported one severity lower than remote ones.
    pub fn is_local(self) -> bool {
        matches!(self, Self::CommandLine | Self::Environment | Self::File | Self::Stdin)
    }
}

/// What a sink argument must look like to be dangerous.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Evidence {
    /// Report whenever tainted data arrives.
    Always,
    /// The receiver's type is unknown: report only with text evidence.
    SqlText,
    UrlText,
    /// The receiver's type is unknown: do not report.
    Never,
}

#[derive(Clone, Debug)]
pub struct SourceModel {
    pub kind: SourceKind,
    pub label: String,
    /// The method writes into its first argument instead of returning.
    pub taints_arg0: bool,
    /// Rules the value is already checked for, lexically (zip's
    /// `enclosed_name`: no absolute path, no `..`); see `SinkModel::link`.
    pub checked: Vec<String>,
    /// What the source yields: text, or a number (`read_u32` off a socket).
    pub(crate) shape: super::Shape,
    /// The only rules whose sinks it reaches (`rules = [..]`; empty: all).
    pub rules: Vec<String>,
}

#[derive(Clone, Debug)]
pub struct SinkModel {
    pub rule: String,
    /// Argument positions (0-based; receiver is `usize::MAX`).
    pub args: Vec<usize>,
    pub what: String,
    pub help: String,
    pub unknown_receiver: Evidence,
    /// Extra condition checked by the engine (`shell`, `html-response`, `xml-entities`).
    pub when: Option<String>,
    /// Reported only when no stronger sink of the same rule is reached (`Path::join`).
    pub weak: bool,
    /// The argument must be a number (allocation sizes).
    pub numeric: bool,
    /// The sink creates a link: once data nothing checked made one, later
    /// sinks of the rule in the function are reached even by values
    /// checked lexically (a write through the link), unless the function
    /// resolves links (`canonicalize`, `symlink_metadata`).
    pub link: bool,
    /// Text and numbers alike reach it (`x.parse::<u16>().unwrap()`).
    pub any_shape: bool,
    /// The value names the program to run (`Command::new`): a value that
    /// only chose the directory a path was built in (`dir.join("tool")`)
    /// does not choose the program.
    pub program: bool,
}

#[derive(Clone, Debug, Default)]
pub struct Models {
    pub fn_sources: HashMap<String, SourceModel>,
    /// method name → (receiver types (empty: any), model)
    pub method_sources: HashMap<String, Vec<(Vec<String>, SourceModel)>>,
    /// Handler parameter types (canonical path) → source label.
    pub extractors: HashMap<String, String>,
    /// Last segment → the extractor's canonical path, for parameter types
    /// nothing in their file places (a glob import of an unmodelled
    /// crate); only names no two frameworks' extractors share a meaning of.
    pub extractors_by_last: HashMap<String, String>,
    /// Types whose values are untrusted streams wherever they come from
    /// (a `TcpStream` parameter): canonical path → source.
    pub type_sources: HashMap<String, SourceModel>,
    pub fn_sinks: HashMap<String, Vec<SinkModel>>,
    /// `fn_sinks` whose last segment is capitalised (`Html`), by that
    /// segment: for calls through a prelude or glob import.
    pub fn_sinks_by_last: HashMap<String, Vec<SinkModel>>,
    pub method_sinks: HashMap<String, Vec<(Vec<String>, SinkModel)>>,
    pub macro_sinks: HashMap<String, Vec<SinkModel>>,
    /// Sinks on indexing and slicing (`operators = ["index"]`): the
    /// offset is argument 0, the indexed value argument 1.
    pub index_sinks: Vec<SinkModel>,
    /// fn path / method name → rules it sanitizes for (`*`: all).
    pub fn_sanitizers: HashMap<String, Vec<String>>,
    pub method_sanitizers: HashMap<String, Vec<String>>,
    /// Header name (lower case) → rules a value looked up by that name
    /// is safe for (`headers().get(REFERER)`: the browser sets it).
    pub header_sanitizers: HashMap<String, Vec<String>>,
    pub fn_propagators: HashMap<String, bool>,
    /// method name → result is a number
    pub method_propagators: HashMap<String, bool>,
    pub method_cleansers: HashSet<String>,
    pub fn_cleansers: HashSet<String>,
    /// Last segments of the paths `functions` name (`execute` for
    /// `sqlx::Executor::execute`): method calls of these names are
    /// resolved through the semantic model and matched by path.
    pub fn_last: HashSet<String>,
    /// The same for sources only (asked whatever the arguments carry).
    pub fn_last_sources: HashSet<String>,
    /// Rules with a sink that creates a link (`SinkModel::link`).
    pub link_rules: HashSet<String>,
    /// Crate names models mention (first path segments), to tell library
    /// calls from workspace calls.
    pub known_crates: HashSet<String>,
    /// Types whose values cannot hold a line break or another control
    /// character (`http::Uri`, `http::HeaderValue`), by canonical path.
    pub line_safe_types: HashSet<String>,
    /// Calls whose results hold no line break (`lines`: each line).
    pub line_safe_methods: HashSet<String>,
    pub line_safe_fns: HashSet<String>,
    /// Calls whose results can hold any character again, whatever went in
    /// (percent and base64 decoding).
    pub decoder_methods: HashSet<String>,
    pub decoder_fns: HashSet<String>,
    /// Calls whose type arguments name one of these decode too.
    pub decoder_types: HashSet<String>,
    /// fn path → the type it returns (`std::io::stdin` → `std::io::Stdin`).
    pub returns: HashMap<String, Vec<String>>,
    /// Hashes of the model tables loaded, in order (part of the cache key).
    pub origin: Vec<u64>,
    /// The last segments of the types a parameter's type is looked up
    /// among (see [`Self::may_name_param_type`]), on first use.
    param_type_lasts: std::sync::OnceLock<HashSet<String>>,
    /// [`Self::method_path_crates`], worked out on first use.
    method_path_crates: std::sync::OnceLock<HashMap<String, Vec<String>>>,
}

const SECTION_KEYS: &[&str] =
    &["source", "sink", "sanitizer", "propagator", "cleanser", "no-line-break", "decoder", "returns"];

impl Models {
    /// The built-in models.
    pub fn builtin() -> Result<Models, ConfigError> {
        let mut m = Models::default();
        for (name, text) in crate::lints::models::MODELS {
            m.load_str(Path::new(&format!("lints/models/{name}.toml")), text, &[])?;
        }
        // Built into the binary, whose identity is part of the cache key.
        m.origin.clear();
        Ok(m)
    }

    /// Can a parameter type written with this last segment resolve to a
    /// type the engine looks parameters up by (a request extractor, a
    /// type source, a `no-line-break` or decoder type)? Its canonical path
    /// ends with the segment, or another spelling of it does (a model's
    /// re-export under another name). A type renamed by a `use … as` is
    /// the caller's to check.
    pub(crate) fn may_name_param_type(&self, last: &str) -> bool {
        self.param_type_lasts.get_or_init(|| self.param_type_lasts()).contains(last)
    }

    fn param_type_lasts(&self) -> HashSet<String> {
        let keys: HashSet<&str> = (self.extractors.keys())
            .chain(self.type_sources.keys())
            .chain(&self.line_safe_types)
            .chain(&self.decoder_types)
            .map(String::as_str)
            .collect();
        let spellings = crate::semantic::Models::get().spellings().filter(|(_, canonical)| keys.contains(canonical));
        let last = |p: &str| p.rsplit("::").next().unwrap_or(p).to_string();
        (keys.iter().map(|k| last(k)))
            .chain(spellings.map(|(alias, _)| last(alias)))
            .chain(self.extractors_by_last.keys().cloned())
            .collect()
    }

    /// A method call of this name resolves to a path a model names in
    /// `functions` (a source, sink, sanitizer, cleanser or propagator) only
    /// in a file whose text names one of these crates: each such path's
    /// crate, or one whose type models lead to it (the semantic model of a
    /// file gives a crate's types only through paths the file writes, or
    /// through the models from another crate's). `None`: any file may
    /// (a path of the standard library's, or one std's models lead to).
    pub(crate) fn method_path_crates(&self, name: &str) -> Option<&[String]> {
        self.method_path_crates.get_or_init(|| self.method_path_crates_of()).get(name).map(Vec::as_slice)
    }

    fn method_path_crates_of(&self) -> HashMap<String, Vec<String>> {
        let leading = crate::semantic::Models::get().crates_leading_to();
        let anywhere = leading.get("?");
        // The modelled paths by their last segment, in the order above.
        let mut by_last: HashMap<&str, Vec<&str>> = HashMap::default();
        for p in (self.fn_sources.keys())
            .chain(self.fn_sinks.keys())
            .chain(self.fn_sanitizers.keys())
            .chain(&self.fn_cleansers)
            .chain(self.fn_propagators.keys())
        {
            by_last.entry(p.rsplit("::").next().unwrap_or(p)).or_default().push(p);
        }
        let mut out = HashMap::default();
        'names: for name in &self.fn_last {
            let mut crates: HashSet<String> = HashSet::default();
            for p in by_last.get(name.as_str()).into_iter().flatten() {
                let Some((root, _)) = p.split_once("::") else { continue 'names };
                crates.insert(root.to_string());
                for k in leading.get(root).into_iter().chain(anywhere).flatten() {
                    crates.insert(k.to_string());
                }
            }
            if crates.is_empty() || crates.iter().any(|c| matches!(c.as_str(), "std" | "core" | "alloc" | "?")) {
                continue;
            }
            let mut crates: Vec<String> = crates.into_iter().collect();
            crates.sort();
            out.insert(name.clone(), crates);
        }
        out
    }

    /// Add models from TOML text (a model file, or `[taint]` of sast.toml).
    pub fn load_str(&mut self, path: &Path, text: &str, prefix: &[&str]) -> Result<(), ConfigError> {
        let r = Reader { path, text, boundary: None };
        let doc = DeTable::parse(text)
            .map_err(|e| r.err(e.span().unwrap_or(0..0), "", format!("invalid TOML: {}", e.message().trim())))?;
        let mut table = doc.get_ref();
        for key in prefix {
            match table.get(*key).map(|v| v.get_ref()) {
                Some(DeValue::Table(t)) => table = t,
                _ => return Ok(()),
            }
        }
        self.load_table(&r, table, &prefix.join("."))
    }

    pub(crate) fn load_table(&mut self, r: &Reader<'_>, table: &DeTable<'_>, prefix: &str) -> Result<(), ConfigError> {
        self.load_sections(r, table, prefix, false)
    }

    /// Sections that only add what is reported (`--untrusted-repo` keeps
    /// just these from the repository's `[taint]`).
    pub const TIGHTENING: &'static [&'static str] = &["source", "sink"];

    /// [`Self::load_table`]; `strict`: only the [`Self::TIGHTENING`]
    /// sections, and no source that redefines a function already modelled.
    pub(crate) fn load_sections(
        &mut self,
        r: &Reader<'_>,
        table: &DeTable<'_>,
        prefix: &str,
        strict: bool,
    ) -> Result<(), ConfigError> {
        self.origin.push(xxhash_rust::xxh3::xxh3_64(format!("{prefix}\n{strict}\n{table:?}").as_bytes()));
        self.param_type_lasts = std::sync::OnceLock::new();
        for (k, v) in table.iter() {
            let key = k.get_ref().as_ref();
            let full = if prefix.is_empty() { key.to_string() } else { format!("{prefix}.{key}") };
            if !SECTION_KEYS.contains(&key) {
                return Err(r.err(
                    k.span(),
                    full,
                    format!("unknown key `{key}`; expected one of: {}", SECTION_KEYS.join(", ")),
                ));
            }
            let DeValue::Array(items) = v.get_ref() else {
                return Err(r.err(v.span(), full, format!("expected `[[{key}]]` entries")));
            };
            for (i, item) in items.iter().enumerate() {
                let DeValue::Table(t) = item.get_ref() else {
                    return Err(r.err(item.span(), full.clone(), "expected a table"));
                };
                let mut entry = Entry::read(r, t, &format!("{full}[{i}]"), key)?;
                if strict {
                    if !Self::TIGHTENING.contains(&key) {
                        continue;
                    }
                    if key == "source" {
                        entry.functions.retain(|f| !self.fn_sources.contains_key(f));
                    }
                }
                self.add(key, entry, r, item.span(), &format!("{full}[{i}]"))?;
            }
        }
        Ok(())
    }

    fn add(
        &mut self,
        section: &str,
        e: Entry,
        r: &Reader<'_>,
        span: std::ops::Range<usize>,
        key: &str,
    ) -> Result<(), ConfigError> {
        let mut e = e;
        // Also by the canonical spelling the semantic model resolves to
        // (`axum::Json` → `axum::json::Json`).
        let sem = crate::semantic::Models::get();
        let canon: Vec<String> = e.functions.iter().filter_map(|f| sem.canonicalize(f)).collect();
        for c in canon {
            if !e.functions.contains(&c) {
                e.functions.push(c);
            }
        }
        for f in &e.functions {
            if let Some(root) = f.split("::").next() {
                self.known_crates.insert(root.to_string());
            }
            if let Some(last) = f.rsplit("::").next()
                && matches!(section, "source" | "sink" | "sanitizer")
            {
                self.fn_last.insert(last.to_string());
                if section == "source" {
                    self.fn_last_sources.insert(last.to_string());
                }
            }
        }
        match section {
            "source" => self.add_source(&e, r, span, key)?,
            "sink" => self.add_sink(&e, r, span, key)?,
            "sanitizer" => {
                let rules = if e.rules.is_empty() { vec!["*".to_string()] } else { e.rules.clone() };
                for f in &e.functions {
                    self.fn_sanitizers.entry(f.clone()).or_default().extend(rules.iter().cloned());
                }
                for m in &e.methods {
                    self.method_sanitizers.entry(m.clone()).or_default().extend(rules.iter().cloned());
                }
                for h in &e.headers {
                    self.header_sanitizers.entry(h.clone()).or_default().extend(rules.iter().cloned());
                }
            }
            "propagator" => {
                let number = e.shape.as_deref() == Some("number");
                for f in &e.functions {
                    self.fn_propagators.insert(f.clone(), number);
                }
                for m in &e.methods {
                    self.method_propagators.insert(m.clone(), number);
                }
            }
            "cleanser" => {
                self.method_cleansers.extend(e.methods.iter().cloned());
                self.fn_cleansers.extend(e.functions.iter().cloned());
            }
            "no-line-break" | "decoder" => self.add_line_model(section, &e),
            "returns" => {
                let ty = e.ty.clone().ok_or_else(|| r.err(span.clone(), key, "missing `type`"))?;
                let segs: Vec<String> = normalize_path(&ty).split("::").map(String::from).collect();
                for f in &e.functions {
                    self.returns.insert(f.clone(), segs.clone());
                }
            }
            _ => {}
        }
        Ok(())
    }

    fn add_source(
        &mut self,
        e: &Entry,
        r: &Reader<'_>,
        span: std::ops::Range<usize>,
        key: &str,
    ) -> Result<(), ConfigError> {
        let sem = crate::semantic::Models::get();
        let kind = e.kind.as_deref().and_then(SourceKind::parse).ok_or_else(|| {
            r.err(
                span.clone(),
                key,
                "`kind` must be one of: remote, command-line, environment, stdin, file, network, library, archive",
            )
        })?;
        if let Some(unknown) = e.rules.iter().find(|id| crate::lints::by_id(id).is_none()) {
            return Err(r.err(span, key, format!("unknown rule `{unknown}` in `rules`")));
        }
        let model = SourceModel {
            kind,
            label: e.label.clone().unwrap_or_else(|| kind.noun().to_string()),
            taints_arg0: e.taints.as_deref() == Some("arg0"),
            shape: if e.shape.as_deref() == Some("number") { super::Shape::Number } else { super::Shape::Text },
            rules: e.rules.clone(),
            checked: e.checked.clone(),
        };
        for t in &e.types {
            let t = sem.canonicalize(t).unwrap_or_else(|| t.clone());
            self.type_sources.insert(t, model.clone());
        }
        for f in &e.functions {
            self.fn_sources.insert(f.clone(), model.clone());
        }
        for m in &e.methods {
            self.method_sources.entry(m.clone()).or_default().push((e.receiver_types.clone(), model.clone()));
        }
        for x in &e.extractors {
            let x = sem.canonicalize(x).unwrap_or_else(|| x.clone());
            let last = x.rsplit("::").next().unwrap_or(&x).to_string();
            self.extractors_by_last.entry(last).or_insert_with(|| x.clone());
            let label = e.label.clone().unwrap_or_else(|| "`{type}` parameter".to_string());
            self.extractors.insert(x, label);
        }
        Ok(())
    }

    /// A `[[sink]]` entry.
    fn add_sink(
        &mut self,
        e: &Entry,
        r: &Reader<'_>,
        span: std::ops::Range<usize>,
        key: &str,
    ) -> Result<(), ConfigError> {
        let rule = e.rule.clone().ok_or_else(|| r.err(span.clone(), key, "missing `rule`"))?;
        if crate::lints::by_id(&rule).is_none() {
            return Err(r.err(span.clone(), key, format!("unknown rule `{rule}`")));
        }
        let unknown_receiver = match e.unknown_receiver.as_deref() {
            None | Some("ignore") => Evidence::Never,
            Some("report") => Evidence::Always,
            Some("sql-text") => Evidence::SqlText,
            Some("url-text") => Evidence::UrlText,
            Some(o) => return Err(r.err(span.clone(), key, format!("unknown `unknown-receiver` value `{o}`"))),
        };
        let model = SinkModel {
            rule,
            args: if e.args.is_empty() { vec![0] } else { e.args.clone() },
            what: e.what.clone().unwrap_or_else(|| "a dangerous operation".into()),
            help: e.help.clone().unwrap_or_default(),
            unknown_receiver,
            when: e.when.clone(),
            weak: e.weak,
            numeric: e.numeric,
            link: e.link,
            any_shape: e.shape.as_deref() == Some("any"),
            program: e.program,
        };
        if model.link {
            self.link_rules.insert(model.rule.clone());
        }
        for o in &e.operators {
            match o.as_str() {
                "index" => self.index_sinks.push(model.clone()),
                other => {
                    return Err(r.err(span.clone(), key, format!("unknown operator `{other}`; expected: index")));
                }
            }
        }
        for f in &e.functions {
            self.fn_sinks.entry(f.clone()).or_default().push(model.clone());
            let last = f.rsplit("::").next().unwrap_or(f);
            if last.starts_with(char::is_uppercase) {
                self.fn_sinks_by_last.entry(last.to_string()).or_default().push(model.clone());
            }
        }
        for m in &e.methods {
            self.method_sinks.entry(m.clone()).or_default().push((e.receiver_types.clone(), model.clone()));
        }
        for m in &e.macros {
            self.macro_sinks.entry(m.clone()).or_default().push(model.clone());
        }
        Ok(())
    }
}

impl Models {
    /// A `[[no-line-break]]` or `[[decoder]]` entry; types by the spelling
    /// written and the canonical one.
    fn add_line_model(&mut self, section: &str, e: &Entry) {
        let sem = crate::semantic::Models::get();
        let types = e.types.iter().flat_map(|t| [t.clone(), sem.canonicalize(t).unwrap_or_else(|| t.clone())]);
        if section == "decoder" {
            self.decoder_methods.extend(e.methods.iter().cloned());
            self.decoder_fns.extend(e.functions.iter().cloned());
            self.decoder_types.extend(types);
        } else {
            self.line_safe_methods.extend(e.methods.iter().cloned());
            self.line_safe_fns.extend(e.functions.iter().cloned());
            self.line_safe_types.extend(types);
        }
    }
}

/// One model entry as written.
#[derive(Default)]
struct Entry {
    kind: Option<String>,
    rule: Option<String>,
    rules: Vec<String>,
    functions: Vec<String>,
    methods: Vec<String>,
    macros: Vec<String>,
    operators: Vec<String>,
    extractors: Vec<String>,
    types: Vec<String>,
    receiver_types: Vec<String>,
    args: Vec<usize>,
    label: Option<String>,
    taints: Option<String>,
    what: Option<String>,
    help: Option<String>,
    unknown_receiver: Option<String>,
    when: Option<String>,
    shape: Option<String>,
    ty: Option<String>,
    weak: bool,
    numeric: bool,
    checked: Vec<String>,
    link: bool,
    program: bool,
    headers: Vec<String>,
}

const ENTRY_KEYS: &[&str] = &[
    "kind",
    "rule",
    "rules",
    "functions",
    "methods",
    "macros",
    "operators",
    "extractors",
    "types",
    "receiver-types",
    "args",
    "label",
    "taints",
    "what",
    "help",
    "unknown-receiver",
    "when",
    "shape",
    "type",
    "weak",
    "numeric",
    "checked",
    "link",
    "program",
    "headers",
];

impl Entry {
    fn read(r: &Reader<'_>, t: &DeTable<'_>, prefix: &str, section: &str) -> Result<Entry, ConfigError> {
        let mut e = Entry::default();
        for (k, v) in t.iter() {
            let key = k.get_ref().as_ref();
            let full = format!("{prefix}.{key}");
            match key {
                "kind" => e.kind = Some(r.string(v, &full)?),
                "rule" => e.rule = Some(r.string(v, &full)?),
                "rules" => e.rules = r.strings(v, &full)?,
                "functions" => e.functions = r.strings(v, &full)?.into_iter().map(|f| normalize_path(&f)).collect(),
                "methods" => e.methods = r.strings(v, &full)?,
                "macros" => e.macros = r.strings(v, &full)?,
                "operators" => e.operators = r.strings(v, &full)?,
                "extractors" => e.extractors = r.strings(v, &full)?,
                "types" => e.types = r.strings(v, &full)?.into_iter().map(|f| normalize_path(&f)).collect(),
                "receiver-types" => {
                    e.receiver_types = r.strings(v, &full)?.into_iter().map(|f| normalize_path(&f)).collect()
                }
                "args" => {
                    e.args = match v.get_ref() {
                        DeValue::Array(a) => a
                            .iter()
                            .map(|x| match x.get_ref() {
                                DeValue::String(s) if s.as_ref() == "self" => Ok(usize::MAX),
                                _ => r.int(x, &full).and_then(|n| {
                                    usize::try_from(n).map_err(|_| r.err(x.span(), full.clone(), "must be ≥ 0"))
                                }),
                            })
                            .collect::<Result<_, _>>()?,
                        _ => return Err(r.err(v.span(), full, "expected an array of argument positions")),
                    }
                }
                "label" => e.label = Some(r.string(v, &full)?),
                "taints" => e.taints = Some(r.string(v, &full)?),
                "what" => e.what = Some(r.string(v, &full)?),
                "help" => e.help = Some(r.string(v, &full)?),
                "unknown-receiver" => e.unknown_receiver = Some(r.string(v, &full)?),
                "when" => e.when = Some(r.string(v, &full)?),
                "shape" => e.shape = Some(r.string(v, &full)?),
                "type" => e.ty = Some(r.string(v, &full)?),
                "weak" => e.weak = r.bool(v, &full)?,
                "numeric" => e.numeric = r.bool(v, &full)?,
                "checked" => e.checked = r.strings(v, &full)?,
                "link" => e.link = r.bool(v, &full)?,
                "program" => e.program = r.bool(v, &full)?,
                "headers" => e.headers = r.strings(v, &full)?.into_iter().map(|h| h.to_ascii_lowercase()).collect(),
                _ => {
                    return Err(r.err(
                        k.span(),
                        full,
                        format!("unknown key `{key}` in `[[{section}]]`; expected one of: {}", ENTRY_KEYS.join(", ")),
                    ));
                }
            }
        }
        Ok(e)
    }
}

/// `core::`/`alloc::` → `std::`, no leading `::`.
pub(crate) fn normalize_path(p: &str) -> String {
    let p = p.trim().trim_start_matches("::");
    for root in ["core::", "alloc::"] {
        if let Some(rest) = p.strip_prefix(root) {
            return format!("std::{rest}");
        }
    }
    p.to_string()
}

#[cfg(test)]
mod tests;
