//! A function's summary in the two parts the join reads differently: the
//! head, read of every function to name it and resolve the calls to and
//! from it, and the body, read only by the sinks' questions that reach the
//! function. A file keeps them in two packed blocks (`facts::Summaries`);
//! the join opens every head and a file's bodies on the first question
//! that needs one of them (on the bench corpus the questions read the
//! bodies of 28% of the files).

use super::{ArgFields, ArgSize, CallSite, FlowOut, FnSummary, LabelOut, Location, Mask, Shape, SinkSite, Target};

/// What the join reads of every function ([`FnSummary`]'s fields of the
/// same names, and two it works out from the flows).
#[derive(Clone, Debug, Default)]
pub(crate) struct FnHead {
    pub name: String,
    pub impl_type: Option<String>,
    pub impl_trait: Option<String>,
    pub inline_mods: Vec<String>,
    pub params: Vec<String>,
    pub extractor_params: Vec<(u16, String, Shape)>,
    pub guard_params: Vec<(u16, String)>,
    pub responds: bool,
    pub has_self: bool,
    pub in_test: bool,
    pub api: bool,
    pub loc: Option<Location>,
    pub calls: Vec<CallSite>,
    pub self_fields: Vec<String>,
    pub self_pushed: Vec<u16>,
    /// The flows into fields of `self`: (index into the body's flows,
    /// index into `self_fields`).
    pub self_writes: Vec<(u32, u16)>,
    /// How many flows go into sinks: where the questions start.
    pub sink_flows: u32,
}

/// What only a question about the function reads ([`FnSummary`]'s fields
/// of the same names).
#[derive(Clone, Debug, Default)]
pub(crate) struct FnBody {
    pub labels: Vec<LabelOut>,
    pub label_steps: Vec<Option<super::Step>>,
    pub flows: Vec<FlowOut>,
    pub sinks: Vec<SinkSite>,
    pub checks: Vec<(u16, Mask)>,
    pub arg_fields: Vec<ArgFields>,
    pub arg_sizes: Vec<ArgSize>,
    pub ret_fields: Vec<String>,
    pub lib_params: Vec<(u16, String)>,
}

impl FnSummary {
    /// The summary's head and body.
    pub(crate) fn split(self) -> (FnHead, FnBody) {
        let FnSummary {
            name,
            impl_type,
            impl_trait,
            inline_mods,
            params,
            extractor_params,
            guard_params,
            responds,
            has_self,
            in_test,
            loc,
            labels,
            label_steps,
            flows,
            calls,
            sinks,
            checks,
            arg_fields,
            arg_sizes,
            ret_fields,
            api,
            lib_params,
            self_fields,
            self_pushed,
        } = self;
        let mut self_writes = Vec::new();
        let mut sink_flows = 0;
        for (k, fl) in flows.iter().enumerate() {
            match fl.target {
                Target::SelfField(i) => self_writes.push((k as u32, i)),
                Target::Sink(_) => sink_flows += 1,
                _ => {}
            }
        }
        let head = FnHead {
            name,
            impl_type,
            impl_trait,
            inline_mods,
            params,
            extractor_params,
            guard_params,
            responds,
            has_self,
            in_test,
            api,
            loc,
            calls,
            self_fields,
            self_pushed,
            self_writes,
            sink_flows,
        };
        let body = FnBody { labels, label_steps, flows, sinks, checks, arg_fields, arg_sizes, ret_fields, lib_params };
        (head, body)
    }
}
