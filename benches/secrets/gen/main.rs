//! The secrets pack's recall/precision benchmark (run it through
//! `benches/secrets/run.sh`; see benches/secrets/README.md).
//!
//! `secbench generate --formats FILE --seed N --out DIR` writes a corpus
//! of Rust and configuration files that plant provider-format secrets and
//! published non-secrets in the contexts of issue 14, and its answer key
//! (`DIR/answers.json`, the corpus in `DIR/corpus`). The directory must be
//! outside the repository: the corpus holds format-valid tokens.
//!
//! `secbench report --answers FILE --scan NAME=REPORT.json …` scores each
//! scan (cargo-sast JSON) against the key and prints recall per kind,
//! context, scope and family, precision, the misses and the false alarms.

mod contexts;
mod corpus;
mod encode;
mod report;
mod values;

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    match run(std::env::args().skip(1).collect()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("secbench: {e}");
            ExitCode::from(2)
        }
    }
}

const USAGE: &str = "usage: secbench generate --formats FILE --seed N --out DIR\n       secbench report --answers FILE --scan NAME=REPORT.json [--scan …] [--details]";

fn read(path: &PathBuf) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))
}

fn run(argv: Vec<String>) -> Result<(), String> {
    let (cmd, rest) = argv.split_first().ok_or(USAGE)?;
    let mut opts: Vec<(String, String)> = Vec::new();
    let mut details = false;
    let mut it = rest.iter();
    while let Some(flag) = it.next() {
        if flag == "--details" {
            details = true;
            continue;
        }
        let value = it.next().ok_or_else(|| format!("{flag} needs a value\n{USAGE}"))?;
        opts.push((flag.clone(), value.clone()));
    }
    let one = |name: &str| -> Result<String, String> {
        opts.iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .ok_or_else(|| format!("{name} is required\n{USAGE}"))
    };
    if let Some((k, _)) =
        opts.iter().find(|(k, _)| !matches!(k.as_str(), "--formats" | "--seed" | "--out" | "--answers" | "--scan"))
    {
        return Err(format!("unknown option {k}\n{USAGE}"));
    }
    match cmd.as_str() {
        "generate" => {
            let formats = PathBuf::from(one("--formats")?);
            let seed: u64 = one("--seed")?.parse().map_err(|_| "--seed: not a number".to_string())?;
            let out = PathBuf::from(one("--out")?);
            let catalog =
                values::Catalog::parse(&read(&formats)?).map_err(|e| format!("{}: {e}", formats.display()))?;
            let key = corpus::generate(&catalog, seed, &out.join("corpus"))?;
            let json = serde_json::to_string_pretty(&key).map_err(|e| e.to_string())?;
            let answers = out.join("answers.json");
            std::fs::write(&answers, json).map_err(|e| format!("{}: {e}", answers.display()))?;
            let secrets = key.cases.iter().filter(|c| c.secret).count();
            eprintln!(
                "secbench: {} cases ({secrets} secrets, {} non-secrets) of {} formats and {} non-secret kinds in {}",
                key.cases.len(),
                key.cases.len() - secrets,
                catalog.formats.len(),
                catalog.negatives.len(),
                out.join("corpus").display()
            );
            Ok(())
        }
        "report" => {
            let answers = PathBuf::from(one("--answers")?);
            let key: corpus::AnswerKey =
                serde_json::from_str(&read(&answers)?).map_err(|e| format!("{}: {e}", answers.display()))?;
            let mut passes = Vec::new();
            for (_, spec) in opts.iter().filter(|(k, _)| k == "--scan") {
                let (name, file) = spec.split_once('=').ok_or("--scan takes NAME=REPORT.json")?;
                let file = PathBuf::from(file);
                let found = report::findings(&read(&file)?).map_err(|e| format!("{}: {e}", file.display()))?;
                passes.push((name.to_string(), report::score(&key, &found)));
            }
            if passes.is_empty() {
                return Err(format!("give at least one --scan\n{USAGE}"));
            }
            for (name, s) in &passes {
                println!("{}", s.render(name, details));
            }
            println!("{}", report::compare(&passes));
            Ok(())
        }
        _ => Err(USAGE.into()),
    }
}
