//! A function's summary in the two parts the join reads differently: the
//! head, read of every function to name it and resolve the calls to and
//! from it, and the body, read only by the sinks' questions that reach the
//! function. A file keeps them packed in one block, the heads first
//! (`facts::Summaries`); the join opens every file's heads, and a file's
//! bodies on the first question that needs one of them (on the bench
//! corpus, 28% of the files).

use super::{
    ArgFields, ArgSize, CallSite, FlowOut, FnSummary, LabelOut, Location, Mask, Shape, SinkSite, Step, Target,
};

/// What the join reads of every function: to name it, resolve the calls
/// to and from it, and find where its questions start.
#[derive(Clone, Debug, Default)]
pub(crate) struct FnHead {
    pub name: String,
    pub impl_type: Option<String>,
    /// The crate trait the method implements (`impl Store for Disk`), or
    /// declares with this default body (then `impl_type` is `None`): the
    /// join dispatches calls on a receiver known by the trait to these.
    pub impl_trait: Option<String>,
    /// Enclosing inline modules (`mod a { fn f() {} }` → `["a"]`).
    pub inline_mods: Vec<String>,
    pub params: Vec<String>,
    /// Parameters with request-extractor types in a function not known to be
    /// a handler: sources if a router registers it (index, description, shape).
    pub extractor_params: Vec<(u16, String, Shape)>,
    /// Parameters of a handler whose type may be a request guard (type name):
    /// what its `from_request` returns, if that reads request data.
    pub guard_params: Vec<(u16, String)>,
    /// An `async fn` declared to return a web response (`web::returns_response`):
    /// with no caller in the workspace, a handler registered out of sight, so
    /// its `extractor_params` are request data.
    pub responds: bool,
    pub has_self: bool,
    pub in_test: bool,
    /// A `pub fn` or a `pub` inherent method: part of the crate's API if
    /// its module is nameable from outside (the join decides, `api`).
    pub api: bool,
    pub loc: Option<Location>,
    pub calls: Vec<CallSite>,
    /// Fields of the own type written (`Target::SelfField` names them).
    pub self_fields: Vec<String>,
    /// Those of `self_fields` written through a container method
    /// (`self.queue.push(x)`, `self.jobs.insert(k, x)`): what any caller
    /// passes stays there for the type's other methods to read.
    pub self_pushed: Vec<u16>,
    /// The flows into fields of `self`: (index into the body's flows,
    /// index into `self_fields`). Set by [`FnSummary::split`].
    pub self_writes: Vec<(u32, u16)>,
    /// How many flows go into sinks: where the questions start. Set by
    /// [`FnSummary::split`].
    pub sink_flows: u32,
}

/// What only a question about the function reads.
#[derive(Clone, Debug, Default)]
pub(crate) struct FnBody {
    pub labels: Vec<LabelOut>,
    /// The first step of each label (where the value enters the function).
    pub label_steps: Vec<Option<Step>>,
    pub flows: Vec<FlowOut>,
    pub sinks: Vec<SinkSite>,
    /// A predicate's checks: when it returns true, parameter `.0` is safe
    /// for `.1` (`fn is_local(t: &str) -> bool { t.starts_with('/') && … }`).
    pub checks: Vec<(u16, Mask)>,
    /// Arguments passed with their fields tracked one by one.
    pub arg_fields: Vec<ArgFields>,
    /// Arguments bounded as sizes (see [`ArgSize`]).
    pub arg_sizes: Vec<ArgSize>,
    /// The fields of the struct literal every tainted return gives
    /// (`Target::RetField`); empty when the return value is not one.
    pub ret_fields: Vec<String>,
    /// Parameters that carry the library caller's data (bytes, a string,
    /// a reader, a path): (index, what it is).
    pub lib_params: Vec<(u16, String)>,
}

impl FnSummary {
    /// The summary's head, with what the join reads of the flows worked
    /// out, and its body.
    pub(crate) fn split(self) -> (FnHead, FnBody) {
        let FnSummary { mut head, body } = self;
        (head.self_writes, head.sink_flows) = (Vec::new(), 0);
        for (k, fl) in body.flows.iter().enumerate() {
            match fl.target {
                Target::SelfField(i) => head.self_writes.push((k as u32, i)),
                Target::Sink(_) => head.sink_flows += 1,
                _ => {}
            }
        }
        (head, body)
    }
}
