//! Advisories matched against the lock file, and each match made a
//! finding: dependency path, the smallest fix, reachability of the
//! affected functions, code frame and properties.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Arc;

use serde_json::{Value, json};

use super::advisory::Advisory;
use super::reach::{Certainty, Site, Target};
use crate::audit::AuditInput;
use crate::audit::AuditReport;
use crate::audit::Reach;
use crate::audit::Status;
use crate::audit::descriptor;
use crate::audit::reach;
use crate::audit::score;
use crate::audit::version;
use crate::config::AuditIgnore;
use crate::engine::outcome::RuleDescriptor;
use crate::finding::fingerprint;
use crate::finding::{Excerpt, Finding, Label, Location, NoteLevel, Notification, Suppression, SuppressionKind};
use crate::rules::Severity;
use crate::syntax::lines::LineIndex;
use crate::util::time::Date;
use crate::workspace::lockfile::{LockFile, LockPackage};
use crate::workspace::manifest::{DepKind, Manifest};

pub(super) struct Ctx<'a> {
    input: &'a AuditInput,
    lock: &'a LockFile,
    text: &'a str,
    lines: LineIndex,
    lock_rel: Arc<str>,
    roots: Vec<usize>,
    manifests: HashMap<String, Manifest>,
}

/// One vulnerable package version and the advisory it matches.
/// The way from the workspace to a package.
struct DepPath {
    /// Package indices, from a member to the package.
    path: Vec<usize>,
    /// Only dev-dependencies lead there.
    dev_only: bool,
    /// `name version` of each package on the path.
    labels: Vec<String>,
    /// The member manifest that declares the first hop.
    decl_file: Option<Arc<str>>,
}

/// The versions that fix an advisory, and what to do.
struct FixHelp {
    patched: Vec<String>,
    unaffected: Vec<String>,
    /// The smallest fixed version (exact or "after"), if any.
    fix: Option<(semver::Version, bool)>,
    help: String,
}

struct Match<'a> {
    adv: &'a Advisory,
    pkg: usize,
    fns: Vec<&'a str>,
    targets: Vec<usize>,
    direct: bool,
}

pub(super) fn pascal(s: &str) -> String {
    s.split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut c = w.chars();
            c.next().map(|f| f.to_ascii_uppercase().to_string() + c.as_str()).unwrap_or_default()
        })
        .collect()
}

fn list(items: &[String]) -> String {
    items.join(", ")
}

impl<'a> Ctx<'a> {
    pub(super) fn new(input: &'a AuditInput, lock: &'a LockFile, text: &'a str) -> Self {
        let members: HashSet<&str> = input.members.iter().map(|(n, _)| n.as_str()).collect();
        let mut roots: Vec<usize> = (0..lock.packages.len())
            .filter(|&i| lock.packages[i].source.is_none() && members.contains(lock.packages[i].name.as_str()))
            .collect();
        if roots.is_empty() {
            roots = (0..lock.packages.len()).filter(|&i| lock.packages[i].source.is_none()).collect();
        }
        let manifests = input
            .members
            .iter()
            .filter_map(|(n, p)| crate::workspace::manifest::read(p, &input.root).map(|m| (n.clone(), m)))
            .collect();
        let lock_rel: Arc<str> = crate::util::fspath::rel_path(&input.root, &input.lock_path).into();
        Ctx { input, lock, text, lines: LineIndex::new(text), lock_rel, roots, manifests }
    }

    fn severity(&self, a: &Advisory) -> Option<(Severity, String)> {
        let cfg = &self.input.config;
        if let Some(kind) = &a.informational {
            let key = match kind.as_str() {
                k @ ("unmaintained" | "unsound" | "notice") => k,
                _ => "other",
            };
            let default = if key == "unsound" { Severity::Medium } else { Severity::Low };
            let sev = match cfg.informational.get(key) {
                Some(s) => (*s)?,
                None => default,
            };
            return Some((
                sev,
                format!("informational advisory ({kind}): rated {sev} (`[audit.informational] {key}`)"),
            ));
        }
        match (a.score, &a.cvss) {
            (Some(s), Some(v)) => Some((score::severity(s), format!("CVSS base score {s:.1} ({v})"))),
            (None, Some(v)) => {
                let sev = cfg.unscored_severity.unwrap_or(Severity::High);
                Some((sev, format!("CVSS vector `{v}` could not be scored: rated {sev} (`[audit] unscored-severity`)")))
            }
            (None, None) | (Some(_), None) => {
                let sev = cfg.unscored_severity.unwrap_or(Severity::High);
                Some((sev, format!("no CVSS score in the advisory: rated {sev} (`[audit] unscored-severity`)")))
            }
        }
    }

    /// Is the edge `from → to` a non-dev dependency? (Only root edges are
    /// known from the members' manifests; the others count as normal.)
    fn normal_edge(&self, from: usize, to: usize) -> bool {
        if !self.roots.contains(&from) {
            return true;
        }
        let Some(m) = self.manifests.get(&self.lock.packages[from].name) else { return true };
        let to_name = &self.lock.packages[to].name;
        let decls: Vec<_> = m.decls.iter().filter(|d| &d.package == to_name).collect();
        decls.is_empty() || decls.iter().any(|d| d.kind != DepKind::Dev)
    }

    fn crate_names(&self, pkg: &str, fn_path: &str) -> HashSet<String> {
        let mut names: HashSet<String> = HashSet::new();
        names.insert(pkg.replace('-', "_"));
        if let Some(first) = fn_path.split("::").next() {
            names.insert(first.to_string());
        }
        for m in self.manifests.values() {
            for d in &m.decls {
                if d.package == pkg && d.key != pkg {
                    names.insert(d.extern_name());
                }
            }
        }
        names
    }

    fn location(&self, start: usize, end: usize) -> Location {
        Location {
            path: self.lock_rel.clone(),
            byte_start: start as u32,
            byte_end: end as u32,
            start: self.lines.pos(self.text, start as u32),
            end: self.lines.pos(self.text, end as u32),
        }
    }

    pub(super) fn findings(&self, advisories: &'a [Advisory], notes: &mut Vec<Notification>) -> AuditReport {
        let mut by_name: HashMap<&str, Vec<&Advisory>> = HashMap::new();
        for a in advisories.iter().filter(|a| a.withdrawn.is_none()) {
            by_name.entry(a.package.as_str()).or_default().push(a);
        }
        // Matches, and the functions to look for.
        let mut matches: Vec<Match<'_>> = Vec::new();
        let mut targets: Vec<Target> = Vec::new();
        for (i, p) in self.lock.packages.iter().enumerate() {
            for a in by_name.get(p.name.as_str()).into_iter().flatten() {
                if !a.applies_to_source(p.source.as_deref()) || !a.versions.is_vulnerable(&p.version) {
                    continue;
                }
                let fns = a.functions_for(&p.version);
                let direct = self.roots.iter().any(|&r| self.lock.packages[r].deps.contains(&i));
                let mut ids = Vec::new();
                if direct {
                    for f in &fns {
                        ids.push(targets.len());
                        targets.push(Target::new(f, self.crate_names(&p.name, f)));
                    }
                }
                matches.push(Match { adv: a, pkg: i, fns, targets: ids, direct });
            }
        }
        let sites = reach::find(&targets, &self.input.files, self.input.jobs, self.input.max_file_size);
        let mut by_target: HashMap<usize, Vec<&Site>> = HashMap::new();
        for s in &sites {
            by_target.entry(s.target).or_default().push(s);
        }

        let hash_lines: Vec<u32> = matches
            .iter()
            .map(|m| self.lines.pos(self.text, self.lock.packages[m.pkg].version_span.0 as u32).line)
            .collect();
        let hashes = fingerprint::line_hashes(self.text, &hash_lines);
        let mut findings = Vec::new();
        let mut rules: BTreeMap<String, RuleDescriptor> = BTreeMap::new();
        let mut used_ignores: HashSet<usize> = HashSet::new();
        for m in &matches {
            let Some((base, why)) = self.severity(m.adv) else { continue };
            let pkg_sites: Vec<&Site> =
                m.targets.iter().flat_map(|t| by_target.get(t).cloned().unwrap_or_default()).collect();
            let f = self.finding(m, base, &why, &pkg_sites, &targets, &hashes);
            let mut f = f;
            if let Some((idx, ign)) = self.ignore_for(m.adv) {
                used_ignores.insert(idx);
                let until = ign.expires.as_deref().map(|e| format!(" (until {e})")).unwrap_or_default();
                f.suppression = Some(Suppression {
                    kind: SuppressionKind::External,
                    justification: format!("{}{until}", ign.reason),
                    location: None,
                });
            }
            rules.entry(m.adv.id.clone()).or_insert_with(|| descriptor(m.adv, base));
            findings.push(f);
        }
        self.ignore_notes(&used_ignores, notes);
        AuditReport {
            status: Status::Audited,
            findings,
            rules: rules.into_values().collect(),
            notifications: Vec::new(),
            packages: 0,
            advisories: 0,
        }
    }

    /// The live ignore entry for an advisory (by id or alias).
    fn ignore_for(&self, a: &Advisory) -> Option<(usize, &'a AuditIgnore)> {
        self.input
            .config
            .ignore
            .iter()
            .enumerate()
            .find(|(_, ig)| (ig.id == a.id || a.aliases.contains(&ig.id)) && !self.expired(ig))
    }

    fn expired(&self, ig: &AuditIgnore) -> bool {
        ig.expires.as_deref().and_then(Date::parse_prefix).is_some_and(|d| self.input.today >= d)
    }

    fn ignore_notes(&self, used: &HashSet<usize>, notes: &mut Vec<Notification>) {
        for (i, ig) in self.input.config.ignore.iter().enumerate() {
            let path: Arc<str> = crate::util::fspath::rel_path(&self.input.root, &ig.source).into();
            let (level, kind, msg) = if self.expired(ig) {
                (
                    NoteLevel::Warning,
                    "audit-ignore-expired",
                    format!(
                        "the ignore of {} expired on {}: the advisory is reported again; fix it or renew the entry",
                        ig.id,
                        ig.expires.as_deref().unwrap_or("")
                    ),
                )
            } else if !used.contains(&i) {
                (
                    NoteLevel::Note,
                    "audit-ignore-unused",
                    format!("the ignore of {} matches no vulnerable package: remove it", ig.id),
                )
            } else {
                continue;
            };
            notes.push(Notification::new(level, kind, Some(path), msg).at(ig.line as u32, 1));
        }
    }

    fn reach(&self, m: &Match<'_>, sites: &[&Site]) -> Reach {
        if m.fns.is_empty() {
            return Reach::NoList;
        }
        if !m.direct {
            return Reach::Indirect;
        }
        let prod: Vec<&&Site> = sites.iter().filter(|s| !s.in_test).collect();
        if prod.iter().any(|s| s.certainty == Certainty::Certain) {
            return Reach::Called;
        }
        if !prod.is_empty() {
            return Reach::Possible;
        }
        if !sites.is_empty() {
            return Reach::TestsOnly;
        }
        let others: Vec<String> = self
            .lock
            .dependents(m.pkg)
            .into_iter()
            .filter(|d| !self.roots.contains(d))
            .map(|d| self.lock.packages[d].label())
            .collect();
        if others.is_empty() { Reach::NotCalled } else { Reach::NotCalledHere(others) }
    }

    fn finding(
        &self,
        m: &Match<'_>,
        base: Severity,
        why: &str,
        sites: &[&Site],
        targets: &[Target],
        hashes: &HashMap<u32, String>,
    ) -> Finding {
        let a = m.adv;
        let p = &self.lock.packages[m.pkg];
        let location = self.location(p.version_span.0, p.version_span.1);
        let line = location.start.line;
        let mut notes = Vec::new();
        let mut labels = Vec::new();
        let dep = self.dependency_path(m, &mut labels);
        notes.push(format!(
            "dependency path: {}{}",
            dep.labels.join(" → "),
            if dep.dev_only { " (only through dev-dependencies)" } else { "" }
        ));
        let fix = self.fix_help(a, p, &dep, &mut notes);
        let reach = self.reach(m, sites);
        let mut severity = self.reach_notes(m, &reach, base, sites, targets, &mut notes, &mut labels);
        let dev_only = dep.dev_only;
        if dev_only {
            severity = severity.lowered();
            notes
                .push("only dev-dependencies (tests, examples, benches) pull it in; severity lowered one level".into());
        }
        if !a.os.is_empty() || !a.arch.is_empty() {
            let mut only = Vec::new();
            if !a.os.is_empty() {
                only.push(format!("os {}", list(&a.os)));
            }
            if !a.arch.is_empty() {
                only.push(format!("arch {}", list(&a.arch)));
            }
            notes.push(format!("affects only targets with {}", only.join(" and ")));
        }
        notes.push(why.to_string());
        let mut refs = Vec::new();
        if !a.aliases.is_empty() {
            refs.push(format!("aliases: {}", list(&a.aliases)));
        }
        refs.push(format!("details: {}", a.page()));
        notes.push(refs.join("; "));

        let kind = match a.informational.as_deref() {
            None => "vulnerable".to_string(),
            Some(k) => k.to_string(),
        };
        let message = format!("{} {} is {kind}: {}", p.name, p.version, a.title.trim_end_matches('.'));

        let excerpt = self.excerpt(p, line);
        let props = self.properties(m, p, &fix, &dep, &reach);
        let id = crate::util::intern::intern(&a.id);
        Finding {
            rule: id,
            severity,
            message,
            location,
            labels,
            help: Some(fix.help),
            notes,
            flow: Vec::new(),
            in_test: dev_only,
            test_value: false,
            fingerprint: fingerprint::own(id, &self.lock_rel, &p.label(), 1),
            line_hash: hashes.get(&line).cloned().unwrap_or_default(),
            suppression: None,
            excerpt,
            masks: Vec::new(),
            properties: props,
            suggestions: Vec::new(),
        }
    }

    /// The dependency path to the package (preferring non-dev edges), and
    /// a label on the member's declaration of its first hop.
    fn dependency_path(&self, m: &Match<'_>, labels: &mut Vec<Label>) -> DepPath {
        let p = &self.lock.packages[m.pkg];
        // Dependency path, preferring non-dev edges.
        let normal = self.lock.path_to_with(&self.roots, m.pkg, &|f, t| self.normal_edge(f, t));
        let (path, dev_only) = match normal {
            Some(p) => (Some(p), false),
            None => (self.lock.path_to(&self.roots, m.pkg), true),
        };
        let dev_only = dev_only && path.is_some();
        let path = path.unwrap_or_else(|| vec![m.pkg]);
        let path_labels: Vec<String> = path.iter().map(|&i| self.lock.packages[i].label()).collect();
        // The member's declaration of the first hop.
        let mut decl_file: Option<Arc<str>> = None;
        if path.len() >= 2
            && let Some(man) = self.manifests.get(&self.lock.packages[path[0]].name)
        {
            let hop = &self.lock.packages[path[1]];
            if let Some(d) = man.decls.iter().find(|d| d.package == hop.name) {
                let lines = LineIndex::new(&man.text);
                let rel: Arc<str> = crate::util::fspath::rel_path(&self.input.root, &man.path).into();
                decl_file = Some(rel.clone());
                let loc = Location {
                    path: rel,
                    byte_start: d.span.0 as u32,
                    byte_end: d.span.1 as u32,
                    start: lines.pos(&man.text, d.span.0 as u32),
                    end: lines.pos(&man.text, d.span.1 as u32),
                };
                let msg = if path.len() == 2 {
                    format!("`{}` is declared here", hop.name)
                } else {
                    format!("`{}` pulls in {} here", hop.name, p.label())
                };
                labels.push(Label { location: loc, message: msg });
            }
        }
        DepPath { path, dev_only, labels: path_labels, decl_file }
    }

    /// The versions note, and the help: the smallest fix and how to get it.
    fn fix_help(&self, a: &Advisory, p: &LockPackage, dep: &DepPath, notes: &mut Vec<String>) -> FixHelp {
        let (path, decl_file) = (&dep.path, &dep.decl_file);
        // Versions and the smallest fix.
        let patched: Vec<String> = a.versions.patched.iter().map(ToString::to_string).collect();
        let unaffected: Vec<String> = a.versions.unaffected.iter().map(ToString::to_string).collect();
        let either = |v: &[String]| v.iter().map(|r| format!("`{r}`")).collect::<Vec<_>>().join(" or ");
        let mut v_note = if patched.is_empty() {
            "no patched version exists".to_string()
        } else {
            format!("patched versions: {}", either(&patched))
        };
        if !unaffected.is_empty() {
            v_note.push_str(&format!("; unaffected: {}", either(&unaffected)));
        }
        notes.push(v_note);
        let fix = a.versions.smallest_fix(&p.version);
        let help = match &fix {
            Some((v, true)) if version::compatible(&p.version, v) => format!(
                "upgrade `{}` to {v}, a compatible update: `cargo update -p {}@{} --precise {v}`",
                p.name, p.name, p.version
            ),
            Some((v, exact)) => {
                let at = if *exact { format!("{v}") } else { format!("a version after {v}") };
                if path.len() == 2 {
                    format!(
                        "upgrade `{}` to {at}: not semver-compatible with {}, so raise its version requirement in {}",
                        p.name,
                        p.version,
                        decl_file.as_deref().unwrap_or("Cargo.toml")
                    )
                } else {
                    format!(
                        "upgrade `{}` to {at}: not semver-compatible with {}, so upgrade what pulls it in ({}) to a release that depends on the fixed version",
                        p.name,
                        p.version,
                        path.get(1).map_or(String::new(), |&i| self.lock.packages[i].name.clone())
                    )
                }
            }
            None if a.informational.as_deref() == Some("unmaintained") => {
                format!("`{}` is no longer maintained: move to a maintained alternative (see the advisory)", p.name)
            }
            None => format!(
                "no fixed version of `{}` exists: remove the dependency, or apply the advisory's workaround",
                p.name
            ),
        };
        FixHelp { patched, unaffected, fix, help }
    }

    /// Reachability of the affected functions: labels on the call sites,
    /// a note, and the severity (lowered when only tests call them, or
    /// nothing does).
    #[allow(clippy::too_many_arguments)]
    fn reach_notes(
        &self,
        m: &Match<'_>,
        reach: &Reach,
        mut severity: Severity,
        sites: &[&Site],
        targets: &[Target],
        notes: &mut Vec<String>,
        labels: &mut Vec<Label>,
    ) -> Severity {
        let p = &self.lock.packages[m.pkg];
        let fn_list = m.fns.iter().map(|f| format!("`{f}`")).collect::<Vec<_>>().join(", ");
        match reach {
            Reach::NoList => {}
            Reach::Indirect => notes.push(format!(
                "reachability: the advisory names the affected functions ({fn_list}), but `{}` is not a direct dependency, and the crates that call into it are not analysed",
                p.name
            )),
            Reach::Called | Reach::Possible | Reach::TestsOnly => {
                for s in sites.iter().take(10) {
                    let f = targets.get(s.target).map_or("", |t| t.path.as_str());
                    let verb = if s.called { "called" } else { "referenced" };
                    let mut msg = match s.certainty {
                        Certainty::Certain => format!("vulnerable function `{f}` is {verb} here"),
                        Certainty::Possible => {
                            format!("possible call of vulnerable function `{f}` (the receiver's type is not known)")
                        }
                    };
                    if s.in_test {
                        msg.push_str(" (test code)");
                    }
                    labels.push(Label { location: s.location.clone(), message: msg });
                }
                let first = sites
                    .iter()
                    .find(|s| !s.in_test && s.certainty == Certainty::Certain)
                    .or_else(|| sites.iter().find(|s| !s.in_test))
                    .or(sites.first());
                if let Some(s) = first {
                    let f = targets.get(s.target).map_or("", |t| t.path.as_str());
                    let at = format!("{}:{}", s.location.path, s.location.start.line);
                    let more = if sites.len() > 1 { format!(" (and {} more)", sites.len() - 1) } else { String::new() };
                    notes.push(match reach {
                        Reach::Called => format!("reachability: vulnerable function `{f}` is called at {at}{more}"),
                        Reach::Possible => format!("reachability: vulnerable function `{f}` may be called at {at}{more}"),
                        _ => {
                            severity = severity.lowered();
                            format!(
                                "reachability: vulnerable function `{f}` is called only from test code, at {at}{more}; severity lowered one level"
                            )
                        }
                    });
                }
            }
            Reach::NotCalledHere(others) => notes.push(format!(
                "reachability: no call to the affected functions ({fn_list}) found in the workspace's code, but {} also depend{} on `{}` and may call them",
                list(&others[..others.len().min(3)]),
                if others.len() == 1 { "s" } else { "" },
                p.name
            )),
            Reach::NotCalled => {
                severity = severity.lowered();
                notes.push(format!(
                    "reachability: no call to the affected functions ({fn_list}) found in the workspace's code; severity lowered one level"
                ));
            }
        }
        severity
    }

    /// Code frame: the package's entry, from `[[package]]` to its version.
    fn excerpt(&self, p: &LockPackage, line: u32) -> Option<Excerpt> {
        let first_line = self.lines.pos(self.text, p.header as u32).line;
        let start = self.lines.line_start(first_line as usize - 1);
        let (_, end) = self.lines.line_range(self.text, line as usize - 1);
        self.text.get(start as usize..end).map(|t| Excerpt {
            first_line,
            byte_offset: start,
            text: t.to_string(),
            clipped: 0,
        })
    }

    /// The finding's properties (SARIF `properties`, JSON).
    fn properties(
        &self,
        m: &Match<'_>,
        p: &LockPackage,
        fix: &FixHelp,
        dep: &DepPath,
        reach: &Reach,
    ) -> serde_json::Map<String, Value> {
        let a = m.adv;
        let (patched, unaffected) = (&fix.patched, &fix.unaffected);
        let (path_labels, dev_only) = (&dep.labels, dep.dev_only);
        let mut props = serde_json::Map::new();
        props.insert("advisory".into(), json!(a.id));
        props.insert("package".into(), json!(p.name));
        props.insert("version".into(), json!(p.version.to_string()));
        props.insert("patched".into(), json!(patched));
        props.insert("unaffected".into(), json!(unaffected));
        props.insert("fixed_in".into(), fix.fix.as_ref().map_or(Value::Null, |(v, _)| json!(v.to_string())));
        props.insert("dependency_path".into(), json!(path_labels));
        props.insert("dev_only".into(), json!(dev_only));
        props.insert("reachability".into(), json!(reach.as_str()));
        if !m.fns.is_empty() {
            props.insert("affected_functions".into(), json!(m.fns));
        }
        if !a.aliases.is_empty() {
            props.insert("aliases".into(), json!(a.aliases));
        }
        if let Some(v) = &a.cvss {
            props.insert("cvss".into(), json!(v));
        }
        if let Some(s) = a.score {
            props.insert("cvss_score".into(), json!(s));
        }
        if let Some(k) = &a.informational {
            props.insert("informational".into(), json!(k));
        }
        props
    }
}
