use crate::rules::prelude::*;
use crate::rules::taint::{PatternSafety, TaintSpec};

declare_rule! {
    /// ### What it does
    /// Finds untrusted input that reaches the text of an SQL query: sqlx
    /// `query*`/`raw_sql` and `Executor` methods, raw fragments pushed into
    /// a `QueryBuilder` (`push`; `push_bind` is safe), diesel `sql_query`/`sql`,
    /// rusqlite, postgres / tokio-postgres, mysql. Queries whose text is
    /// constant and whose values are bound (`.bind(…)`, `params![…]`,
    /// `&[&v]`) are not reported, nor are the compile-time checked `query!`
    /// macros. When the receiver's type is unknown, a query method is only a
    /// sink if its argument visibly builds SQL.
    ///
    /// A regex match (anchored at both ends) makes a value safe when no
    /// matched value can hold a quote, a backtick, `\`, `;`, `#`, `/`, `*`,
    /// parentheses, `=`, `<`, `>`, `|`, `&`, `,` or whitespace: it cannot
    /// leave a quoted literal nor add a clause (`^[\w.-]+$` is safe inside
    /// quotes; unquoted, `--` could still cut the statement short). Values
    /// that reach only an error (`Err(..)`, `bail!`) do not count.
    ///
    /// ### Why is this bad?
    /// Input such as `' OR '1'='1` or `'; DROP TABLE users; --` changes the
    /// meaning of the query: attackers read, change or delete data they
    /// should not reach.
    ///
    /// ### Example
    /// ```rust
    /// use axum::extract::{Query, State};
    /// use sqlx::PgPool;
    ///
    /// #[derive(serde::Deserialize)]
    /// struct Search { name: String }
    ///
    /// async fn search(State(pool): State<PgPool>, Query(q): Query<Search>) -> String {
    ///     let sql = format!("SELECT email FROM users WHERE name = '{}'", q.name);
    ///     let row: (String,) = sqlx::query_as(&sql).fetch_one(&pool).await.unwrap_or_default();
    ///     row.0
    /// }
    /// ```
    ///
    /// ### Use instead
    /// ```rust
    /// use axum::extract::{Query, State};
    /// use sqlx::PgPool;
    ///
    /// #[derive(serde::Deserialize)]
    /// struct Search { name: String }
    ///
    /// async fn search(State(pool): State<PgPool>, Query(q): Query<Search>) -> String {
    ///     let row: (String,) = sqlx::query_as("SELECT email FROM users WHERE name = $1")
    ///         .bind(&q.name)
    ///         .fetch_one(&pool)
    ///         .await
    ///         .unwrap_or_default();
    ///     row.0
    /// }
    /// ```
    ///
    /// ### References
    /// - CWE-89: Improper Neutralization of Special Elements used in an SQL Command
    /// - OWASP Top 10 2021 A03: Injection
    pub(crate) SqlInjection {
        id: "sql-injection",
        name: "SqlInjection",
        summary: "untrusted input reaches the text of an SQL query",
        severity: Critical,
        precision: High,
        measured: [
            Realworld { findings: 0, judged: 0, tp: 0, debatable: 0, when: "session 8 (a328b37)" },
            Corpus { findings: 0, judged: 0, tp: 0, debatable: 0, when: "session 8 (a328b37)" },
        ],
        cwe: [89],
        owasp: [A03],
        tags: ["injection", "taint", "sql"],
        options: [crate::rules::taint::sources_option("remote, network, command-line, environment, stdin, file, library")],
    }
}

/// Its sinks are the crate models' `rule = "sql-injection"` entries (`lints/models/`).
const SPEC: TaintSpec = TaintSpec {
    pattern: Some(PatternSafety { chars: "'\"`\\;#/*()=<>|&,", no_space: true, first: "", values: &[] }),
    ..TaintSpec::new()
};

crate::taint_rule!(SqlInjection, SPEC);
