//! What a path built from a value says of it: the value was the part
//! joined on (`base.join(input)`: `Fact::joined`, and the weak sink it
//! went through), or only the base (`dir.join("tool")`: `Fact::in_base`,
//! it chose a directory, not what is in it — `SinkModel::program`).

use syn::ExprMethodCall;

use super::values::types_match;
use super::{FnAnalysis, NO_PATH, Taint};

impl FnAnalysis<'_> {
    /// `base.join(input)`: the result remembers the weak sink, and what was
    /// pushed that it was built into a path — onto a base of the function's
    /// own: when the caller also passed the base (`dir.join(name)`, both
    /// parameters), it chose the whole path.
    fn built_path(&self, site: u32, all: &Taint, recv: &Taint, args: &[Taint]) -> Taint {
        let own_base = !recv.iter().any(|f| self.is_other_param(f.label));
        let mut t = all.clone();
        for f in &mut t {
            if f.weak == NO_PATH {
                f.weak = site;
            }
            let pushed = args.iter().flatten().any(|a| a.label == f.label);
            f.joined |= own_base && pushed;
            // Only in the base: it chose the directory, not what is in it.
            f.in_base = !pushed && (f.in_base || recv.iter().any(|r| r.label == f.label));
        }
        t
    }

    /// A path built on a tainted value: `base.join(input)` at the weak
    /// sink's `site` (`built_path`), or `dir.join("tool")` on a path with
    /// nothing tainted joined on, where the value chose the directory only
    /// (`Fact::in_base`; a string list's `join` is not this: its separator
    /// is not a name, and its receiver is no path type of a weak sink).
    pub(super) fn path_built(
        &mut self,
        weak_site: Option<u32>,
        m: &ExprMethodCall,
        name: &str,
        (all, recv, args): (&Taint, &Taint, &[Taint]),
        rty: &mut Option<Option<Vec<String>>>,
    ) -> Option<Taint> {
        if let Some(site) = weak_site {
            return Some(self.built_path(site, all, recv, args));
        }
        if name != "join" || recv.is_empty() || m.args.len() != 1 || args.iter().any(|a| !a.is_empty()) {
            return None;
        }
        // A path is what the models' weak `join` sink takes (`std::path::Path`,
        // `PathBuf`, or a user model's path type).
        let sinks = self.models.method_sinks.get(name)?;
        let rty = rty.get_or_insert_with(|| self.recv_type(m));
        if !sinks.iter().any(|(types, s)| s.weak && !types.is_empty() && types_match(types, rty.as_deref())) {
            return None;
        }
        Some(recv.iter().map(|f| super::Fact { in_base: true, ..*f }).collect())
    }
}
