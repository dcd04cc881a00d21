//! A second look at the files that call a macro another file of their
//! crate defines to only return (`taint::macros`): each file's analysis
//! sees only that file, so after every file was analysed, a file that
//! asked about such a macro is analysed again, told of it. A file told of
//! nothing new is not analysed again, so a warm run whose files come from
//! the cache (their facts say what they were told) looks at none.

use crate::taint::macros::{MacroFacts, crate_returning, to_tell};
use crate::workspace::discover::SourceFile;

/// Analyse again (with `redo`, on `pool`) every file of `results` whose
/// crate defines a returning macro it asked about, and put the new result
/// in its place; the replaced results come back (their cache entries are
/// still worth keeping).
pub(crate) fn look_again<T: Send>(
    pool: Option<&rayon::ThreadPool>,
    files: &[SourceFile],
    results: &mut [T],
    macros_of: fn(&T) -> &MacroFacts,
    redo: &(dyn Fn(&SourceFile, &[String]) -> T + Sync),
) -> Vec<T> {
    let again = {
        let by_crate =
            crate_returning(files.iter().zip(results.iter()).map(|(f, r)| (f.package.as_deref(), macros_of(r))));
        if by_crate.is_empty() {
            return Vec::new();
        }
        let mut again: Vec<(usize, Vec<String>)> = Vec::new();
        for (i, (f, r)) in files.iter().zip(results.iter()).enumerate() {
            let m = macros_of(r);
            if m.asked.is_empty() && m.told.is_empty() {
                continue;
            }
            if let Some(tell) = to_tell(m, by_crate.get(&f.package.as_deref())) {
                again.push((i, tell));
            }
        }
        again
    };
    if again.is_empty() {
        return Vec::new();
    }
    let subset: Vec<SourceFile> = again.iter().map(|(i, _)| files[*i].clone()).collect();
    let tell: std::collections::HashMap<&std::path::Path, &[String]> =
        again.iter().map(|(i, t)| (files[*i].abs.as_path(), t.as_slice())).collect();
    let redone = super::workers::map_on(pool, &subset, &|f: &SourceFile| {
        redo(f, tell.get(f.abs.as_path()).copied().unwrap_or_default())
    });
    again.iter().zip(redone).map(|((i, _), new)| std::mem::replace(&mut results[*i], new)).collect()
}
