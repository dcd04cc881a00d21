use crate::rules::prelude::*;
use crate::rules::taint::{Guard, PatternSafety, TaintSpec};

declare_rule! {
    /// ### What it does
    /// Finds untrusted input that chooses the URL of an outgoing HTTP
    /// request (reqwest, ureq, surf, awc, hyper, isahc), or the address of
    /// an outgoing connection (`TcpStream::connect` of std, tokio,
    /// async-std and smol; tungstenite's websocket `connect`). A URL parsed with
    /// `Url::parse` whose `host_str()` is checked against fixed hosts
    /// (`==`, `matches!(u.host_str(), Some("a") | Some("b"))`, a `match`
    /// arm of literal hosts) is not reported, nor one whose host was resolved (`lookup_host`,
    /// `to_socket_addrs`) and every resolved address checked before the
    /// request, a failed check refusing it (`for a in addrs { if
    /// is_internal(a.ip()) { return Err(..) } }`, `if addrs.iter().any(..)
    /// { return .. }`).
    ///
    /// A regex match (anchored at both ends) makes a value safe when no
    /// matched value can hold `/`, `\`, `:`, `@`, `?`, `#`, `%`, `.` or
    /// whitespace: it can name neither a host nor another path. Values that
    /// reach only an error (`Err(..)`, `bail!`) do not count.
    ///
    /// Input only in the path or query after a fixed `scheme://host/`
    /// (`format!("https://api.example.com/users/{id}")`, a constant base
    /// followed by `/`: `format!("{BASE}/users/{id}")`) cannot choose the
    /// host and is not reported (a request forgery of the path alone is
    /// the called API's concern, as CodeQL's partial-SSRF split has it);
    /// input that can still reach the host is: `https://{x}/…`,
    /// `https://api.{x}`, a prefix without `/` after the host
    /// (`"https://api.example.com"` + `.evil.net`), or a base from input.
    /// So is a relative URL checked as a local path (`t.starts_with('/')
    /// && !t.starts_with("//") && !t.contains('\\')`).
    ///
    /// ### Why is this bad?
    /// Server-side request forgery: the server fetches
    /// `http://169.254.169.254/` (cloud credentials), internal admin
    /// services, or `file://` URLs on the attacker's behalf, from inside the
    /// network perimeter.
    ///
    /// A request sent unchecked in a branch the program's configuration
    /// selects (`if config.allow_local { .. } else { <checks>; .. }`), when
    /// the sibling branch checks the same value, is the operator's opt-out:
    /// not reported. A switch the request sets still is.
    ///
    /// ### Known problems
    /// Its real-world finding is debatable: every resolved address checked
    /// inside a `web::block` closure, with a DNS-rebinding window.
    /// from a parameter whose type carries no text (`allow_local: bool`)
    /// counts as the request's, so such an opt-out is still reported.
    ///
    /// ### Example
    /// ```rust
    /// use axum::extract::Query;
    /// use std::collections::HashMap;
    ///
    /// async fn preview(Query(p): Query<HashMap<String, String>>) -> String {
    ///     let url = p.get("url").cloned().unwrap_or_default();
    ///     match reqwest::get(&url).await {
    ///         Ok(r) => r.text().await.unwrap_or_default(),
    ///         Err(_) => String::new(),
    ///     }
    /// }
    /// ```
    ///
    /// ### Use instead
    /// ```rust
    /// use axum::extract::Query;
    /// use std::collections::HashMap;
    ///
    /// async fn preview(Query(p): Query<HashMap<String, String>>) -> String {
    ///     let id = p.get("id").and_then(|s| s.parse::<u64>().ok()).unwrap_or(0);
    ///     let url = format!("https://previews.internal.example/{id}");
    ///     match reqwest::get(&url).await {
    ///         Ok(r) => r.text().await.unwrap_or_default(),
    ///         Err(_) => String::new(),
    ///     }
    /// }
    /// ```
    ///
    /// ### References
    /// - CWE-918: Server-Side Request Forgery (SSRF)
    /// - OWASP Top 10 2021 A10: Server-Side Request Forgery
    pub(crate) Ssrf {
        id: "ssrf",
        name: "ServerSideRequestForgery",
        summary: "untrusted input chooses the URL of an outgoing request",
        severity: High,
        precision: High,
        measured: [
            Realworld { findings: 1, judged: 1, tp: 0, debatable: 1, when: "session 8 (a328b37)" },
            Corpus { findings: 0, judged: 0, tp: 0, debatable: 0, when: "session 8 (a328b37)" },
        ],
        cwe: [918],
        owasp: [A10],
        tags: ["injection", "taint", "network"],
        options: [crate::rules::taint::sources_option("remote, network")],
    }
}

/// Its sinks are the crate models' `rule = "ssrf"` entries (`lints/models/`).
const SPEC: TaintSpec = TaintSpec {
    guards: &[Guard::HostAllowList, Guard::ResolvedAddressCheck, Guard::LocalPath],
    pattern: Some(PatternSafety { chars: "/\\:@?#%.", no_space: true, first: "", values: &[] }),
    ..TaintSpec::new()
};

crate::taint_rule!(Ssrf, SPEC);
