//! The sinks' questions: for each flow into a sink, where its data comes
//! from across functions, as hits. `Join::run` asks them in parallel, a
//! share of the functions per `Query`.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use super::bounds::{self, Size};
use super::path::extend;
use super::{FnId, From, Func, MAX_ORIGINS, Origin, QUERY_BUDGET, Query, extend_flow, rule_bit};
use crate::taint::{Shape, SourceKind, TaintHit, Target};
/// How many shares `run` splits the sinks into (more: better balance over
/// the threads, less reuse of each share's memos).
const SHARES: usize = 8;

/// The functions in `SHARES` consecutive ranges of about as many sink flows.
pub(super) fn shares(funcs: &[Func<'_>]) -> Vec<std::ops::Range<FnId>> {
    let sinks = |f: &Func<'_>| f.s.sink_flows as usize;
    let total: usize = funcs.iter().map(sinks).sum();
    let per = total.div_ceil(SHARES).max(1);
    let mut out = Vec::with_capacity(SHARES);
    let (mut start, mut acc) = (0, 0);
    for (f, func) in funcs.iter().enumerate() {
        acc += sinks(func);
        if acc >= per {
            out.push(start..f + 1);
            (start, acc) = (f + 1, 0);
        }
    }
    if start < funcs.len() {
        out.push(start..funcs.len());
    }
    out
}

impl Query<'_, '_> {
    /// The hits of the sinks in the functions `fns`, in their order.
    pub(super) fn sinks_in(
        &mut self,
        fns: std::ops::Range<FnId>,
        callers: &HashMap<FnId, Vec<(FnId, u32)>>,
    ) -> Vec<TaintHit> {
        let mut hits = Vec::new();
        for f in fns {
            let s = self.funcs[f].s;
            if s.sink_flows == 0 {
                continue;
            }
            let body = self.body(f);
            for fl in body.flows.iter() {
                let Target::Sink(k) = fl.target else { continue };
                let Some(site) = body.sinks.get(k as usize) else { continue };
                let Some(bit) = rule_bit(site.rule) else { continue };
                self.budget = QUERY_BUDGET;
                // The size as the function each path has reached sees it
                // (see `bounds`).
                let size0 = bounds::of_site(site);
                let mut work: Vec<(FnId, Origin, Size)> = self
                    .origins_of(f, fl.label, 0)
                    .into_iter()
                    .map(|o| (f, extend_flow(o, fl), size0.clone()))
                    .collect();
                let mut seen: HashSet<(FnId, u16, Option<String>, Size)> = HashSet::default();
                let mut n = 0;
                while let Some((g, o, size)) = work.pop() {
                    n += 1;
                    if n > MAX_ORIGINS * 8 {
                        break;
                    }
                    if o.end.sanitized.contains(bit)
                        || (!site.any_shape && site.numeric != (o.end.shape == Shape::Number))
                        || (o.end.err && !crate::taint::errors_reach(site.rule))
                        // A directory chosen, not the program (`SinkModel::program`).
                        || (site.program && o.end.in_base)
                    {
                        continue;
                    }
                    match o.from {
                        From::Source { kind, desc, in_test } => {
                            let hit = TaintHit {
                                sink: site.clone(),
                                source_kind: kind,
                                source_desc: desc,
                                steps: o.steps,
                                in_test: in_test || s.in_test,
                            };
                            hits.push(bounds::with_size(hit, &size, &bounds::unbounded));
                        }
                        From::ApiParam(api, index) => {
                            let hit = self.library_hit(api, index, &o, site, s.in_test);
                            hits.extend(hit.map(|h| bounds::with_size(h, &size, &bounds::unbounded)));
                        }
                        // Stored in a field by another function: on from its callers.
                        From::ParamOf(h, index, ref field) => {
                            let size = bounds::closed(&size, &bounds::unbounded);
                            if seen.insert((h, index, field.clone(), size.clone())) {
                                let more = self.stored_param_origins(callers, h, index, field.as_deref(), &o);
                                work.extend(more.into_iter().map(|(h2, o2)| (h2, o2, size.clone())));
                            }
                        }
                        From::Param(index, ref field) => {
                            if !seen.insert((g, index, field.clone(), size.clone())) {
                                continue;
                            }
                            if field.is_none()
                                && let Some(hit) = self.library_hit(g, index, &o, site, s.in_test)
                            {
                                hits.push(bounds::with_size(hit, &size, &self.api_param(g)));
                            }
                            // A registered handler's extractor parameter is user input;
                            // so is one of a function that answers requests and that
                            // nothing in the workspace calls (registered out of sight).
                            let uncalled = || callers.get(&g).is_none_or(Vec::is_empty);
                            if (self.handlers.contains(&g) || (self.funcs[g].s.responds && uncalled()))
                                && let Some((_, desc, _)) =
                                    self.funcs[g].s.extractor_params.iter().find(|(i, _, _)| *i == index)
                            {
                                let hit = TaintHit {
                                    sink: site.clone(),
                                    source_kind: SourceKind::Remote,
                                    source_desc: desc.clone(),
                                    steps: o.steps.clone(),
                                    in_test: s.in_test,
                                };
                                hits.push(bounds::with_size(hit, &size, &bounds::unbounded));
                                continue;
                            }
                            // A request guard: what its `from_request` returns.
                            if let Some(hits2) = self.guard_origins(g, index, &o, site, s.in_test) {
                                hits.extend(hits2.into_iter().map(|h| bounds::with_size(h, &size, &bounds::unbounded)));
                                continue;
                            }
                            // A value a warp filter extracted from the request.
                            if self.filter_params.get(&g).is_some_and(|v| v.contains(&index)) {
                                let name = self.funcs[g].s.params.get(index as usize).cloned().unwrap_or_default();
                                let hit = TaintHit {
                                    sink: site.clone(),
                                    source_kind: SourceKind::Remote,
                                    source_desc: SourceKind::Remote.describe(&format!(
                                        "request data (warp filter) `{}`",
                                        name.trim_start_matches('#')
                                    )),
                                    steps: o.steps.clone(),
                                    in_test: s.in_test,
                                };
                                hits.push(bounds::with_size(hit, &size, &bounds::unbounded));
                                continue;
                            }
                            // Who passes this parameter in? Not a caller
                            // whose arguments bound the sink's size.
                            for &(h, c) in callers.get(&g).map(Vec::as_slice).unwrap_or_default() {
                                let Ok(size) = self.size_at_call(f, h, c, &size, bit) else { continue };
                                for o2 in self.caller_args(h, c, g, index, field.as_deref()) {
                                    work.push((h, extend(o2, &o.steps, o.end, None), size.clone()));
                                }
                            }
                        }
                    }
                }
            }
        }
        hits
    }
}
