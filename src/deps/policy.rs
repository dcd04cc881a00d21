//! The `[deps]` policy applied: the hash of the evidence an approval
//! covers, the verdict on a package, and the `[deps.allow]` table
//! `--init` writes. An approval applies while the evidence of the
//! capabilities it covers hashes the same, so a new version that changes
//! what backs them is asked for again; anything not approved is a finding.
//! (The keys and their reading are `config::deps`.)

use std::collections::{BTreeMap, BTreeSet};

use sha2::Digest;

use super::analysis::Analysed;
use super::caps::Capability;
pub(crate) use crate::config::deps::Approval;

/// The hash of the evidence behind these capabilities of a package: each
/// use's capability, file (relative to the package), API and code,
/// sorted; positions do not count, so moved code keeps its approval.
pub(crate) fn evidence_hash(a: &Analysed, caps: &[Capability]) -> String {
    let mut items: Vec<String> = a
        .uses
        .iter()
        .filter_map(|u| {
            let c = Capability { build: u.role.is_build(), cap: u.ev.cap? };
            caps.contains(&c).then(|| format!("{c}\t{}\t{}", a.rel(&u.ev.loc), u.ev.key()))
        })
        .collect();
    items.sort();
    items.dedup();
    let mut sorted: Vec<String> = caps.iter().map(ToString::to_string).collect();
    sorted.sort();
    let mut h = sha2::Sha256::new();
    h.update(sorted.join(",").as_bytes());
    for i in items {
        h.update(b"\n");
        h.update(i.as_bytes());
    }
    let digest = h.finalize();
    let hex: String = digest.iter().take(16).map(|b| format!("{b:02x}")).collect();
    format!("sha256:{hex}")
}

/// What the policy says about one package.
#[derive(Debug, Default)]
pub(crate) struct Verdict<'p> {
    /// Approved capabilities and the approval that covers each.
    pub approved: BTreeMap<Capability, &'p Approval>,
    /// Capabilities approved with evidence that no longer matches.
    pub stale: BTreeMap<Capability, &'p Approval>,
    /// The approvals of this crate (its name was reviewed), whether their
    /// evidence still matches or not.
    pub entries: Vec<&'p Approval>,
}

/// Check a package against the approvals.
pub(crate) fn check<'p>(a: &Analysed, approvals: &'p [Approval]) -> Verdict<'p> {
    let mut v = Verdict::default();
    for ap in approvals.iter().filter(|ap| ap.krate == a.pkg.name) {
        v.entries.push(ap);
        let matches = evidence_hash(a, &ap.capabilities) == ap.evidence;
        for c in &ap.capabilities {
            if matches {
                v.approved.insert(*c, ap);
            } else {
                v.stale.entry(*c).or_insert(ap);
            }
        }
    }
    for c in v.approved.keys() {
        v.stale.remove(c);
    }
    v
}

/// The `[deps.allow]` table for these packages: every capability each one
/// has now, with its evidence hash; reasons kept from `previous` entries of
/// the same crate.
/// `review` gives the findings to point out above a package's entry.
pub(crate) fn allow_table(
    packages: &[Analysed],
    previous: &[Approval],
    today: &str,
    review: &dyn Fn(&Analysed) -> Vec<String>,
) -> String {
    let mut by_crate: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    let mut notes: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for a in packages {
        let caps: BTreeSet<Capability> = a.capabilities().into_keys().collect();
        let to_review = review(a);
        // A package with nothing to approve but a finding (a typosquat name) gets an entry too.
        if caps.is_empty() && to_review.is_empty() {
            continue;
        }
        let caps: Vec<Capability> = caps.into_iter().collect();
        let reason = previous
            .iter()
            .filter(|p| p.krate == a.pkg.name)
            .find(|p| p.version == a.pkg.version)
            .or_else(|| previous.iter().find(|p| p.krate == a.pkg.name))
            .map_or("", |p| p.reason.as_str());
        notes.entry(a.pkg.name.as_str()).or_default().extend(
            to_review
                .into_iter()
                .map(|r| format!("# review: {} {}: {}", a.pkg.name, a.pkg.version, super::text::sanitize(&r))),
        );
        by_crate.entry(a.pkg.name.as_str()).or_default().push(format!(
            "{{ version = {}, capabilities = [{}], evidence = \"{}\", reason = {} }}",
            toml_str(&a.pkg.version),
            caps.iter().map(|c| format!("\"{c}\"")).collect::<Vec<_>>().join(", "),
            evidence_hash(a, &caps),
            toml_str(reason)
        ));
    }
    let mut s = String::from("[deps.allow]\n");
    s.push_str(&format!(
        "# Written by `cargo sast deps --init` on {today}: what each dependency can do now. Review each entry and\n\
         # give a reason; an approval holds while the evidence hash matches (a new version that changes what\n\
         # backs a capability is asked for again). Capabilities: fs, net, process, env, ffi, unsafe, blob, init,\n\
         # and build:<same> for build scripts and proc macros.\n"
    ));
    for (krate, entries) in by_crate {
        for n in notes.get(krate).into_iter().flatten() {
            s.push_str(n);
            s.push('\n');
        }
        let key = toml_key(krate);
        if entries.len() == 1 {
            s.push_str(&format!("{key} = {}\n", entries[0]));
        } else {
            s.push_str(&format!("{key} = [\n"));
            for e in entries {
                s.push_str(&format!("    {e},\n"));
            }
            s.push_str("]\n");
        }
    }
    s
}

/// `text` with its `[deps.allow]` table replaced by `table` (or `table`
/// appended). `Err` when the existing table cannot be found as one block.
pub(crate) fn replace_allow(text: &str, table: &str) -> Result<String, String> {
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let is_header = |l: &str| l.trim_start().starts_with('[');
    let is_allow = |l: &str| {
        let t = l.trim();
        t.starts_with("[deps.allow") && (t.starts_with("[deps.allow]") || t.starts_with("[deps.allow."))
    };
    let starts: Vec<usize> = lines.iter().enumerate().filter(|(_, l)| is_allow(l)).map(|(i, _)| i).collect();
    let Some(&first) = starts.first() else {
        let mut out = text.to_string();
        if !out.is_empty() && !out.ends_with('\n') {
            out.push('\n');
        }
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(table);
        return Ok(out);
    };
    let mut end = first + 1;
    while end < lines.len() && (!is_header(lines[end]) || is_allow(lines[end])) {
        end += 1;
    }
    if lines[end..].iter().any(|l| is_allow(l)) {
        return Err("the `[deps.allow]` tables of the config file are not together; put them in one place (or remove them) and run --init again".into());
    }
    // Keep the comments and blank lines that lead into the next section.
    let mut cut = end;
    while cut > first + 1
        && (lines[cut - 1].trim().is_empty() || lines[cut - 1].trim_start().starts_with('#'))
        && end < lines.len()
    {
        cut -= 1;
    }
    let mut out: String = lines[..first].concat();
    out.push_str(table);
    if end < lines.len() {
        out.push('\n');
        out.push_str(lines[cut..].concat().trim_start_matches('\n'));
    }
    Ok(out)
}

fn toml_str(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

fn toml_key(s: &str) -> String {
    if !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_') {
        s.to_string()
    } else {
        toml_str(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_allow_table_is_replaced_in_place() {
        let text = "fail-on = \"high\"\n\n[deps.allow]\nold = { }\n\n# next\n[audit]\nenabled = false\n";
        let out = replace_allow(text, "[deps.allow]\nnew = 1\n").unwrap();
        assert_eq!(out, "fail-on = \"high\"\n\n[deps.allow]\nnew = 1\n\n# next\n[audit]\nenabled = false\n");
        let out = replace_allow("fail-on = \"high\"", "[deps.allow]\n").unwrap();
        assert_eq!(out, "fail-on = \"high\"\n\n[deps.allow]\n");
        assert!(replace_allow("[deps.allow]\na=1\n[x]\n[deps.allow.b]\n", "").is_err());
    }
}
