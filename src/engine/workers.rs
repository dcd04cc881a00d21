//! The scan's workers: a pool of threads with big stacks, and the files
//! mapped over it largest first, their results in the files' order.

use rayon::prelude::*;

use crate::workspace::discover::SourceFile;

/// Stack size of worker threads: deep (but accepted) nesting must not
/// overflow the recursive parser, walker or drop glue.
pub const WORKER_STACK: usize = 256 * 1024 * 1024;

/// Run `work` on every file on `jobs` workers with big stacks, in order.
pub(crate) fn in_parallel<T: Send>(
    files: &[SourceFile],
    jobs: usize,
    work: &(dyn Fn(&SourceFile) -> T + Sync),
) -> Vec<T> {
    map_on(worker_pool(jobs).as_ref(), files, work)
}

/// Run `work` on every file on `pool` (in this thread without one); the
/// results in the files' order.
///
/// The files are analysed largest first: the largest file's syntax tree
/// sets the peak memory of a run (one 2.5 MB file of the bench corpus
/// takes ~290 MB while it is parsed), which then comes while little else
/// is held instead of on top of the results of the files before it; and
/// no large file starts late to run alone at the end.
pub(crate) fn map_on<T: Send>(
    pool: Option<&rayon::ThreadPool>,
    files: &[SourceFile],
    work: &(dyn Fn(&SourceFile) -> T + Sync),
) -> Vec<T> {
    let size = |f: &SourceFile| std::fs::metadata(&f.abs).map_or(0, |m| m.len());
    let one = |&i: &usize| (i, work(&files[i]));
    let mut order: Vec<usize> = (0..files.len()).collect();
    let mut out: Vec<(usize, T)> = match pool {
        Some(pool) => pool.install(|| {
            let sizes: Vec<u64> = files.par_iter().map(size).collect();
            order.sort_by_key(|&i| std::cmp::Reverse(sizes[i]));
            // One file per task: sorted by size, the first chunks hold most
            // of the work, and a worker can only steal what was split off.
            order.par_iter().with_max_len(1).map(one).collect()
        }),
        None => {
            let sizes: Vec<u64> = files.iter().map(size).collect();
            order.sort_by_key(|&i| std::cmp::Reverse(sizes[i]));
            order.iter().map(one).collect()
        }
    };
    out.sort_unstable_by_key(|&(i, _)| i);
    out.into_iter().map(|(_, t)| t).collect()
}

/// `jobs` workers with big stacks (`None` if the threads cannot start).
pub(crate) fn worker_pool(jobs: usize) -> Option<rayon::ThreadPool> {
    rayon::ThreadPoolBuilder::new().num_threads(jobs.max(1)).stack_size(WORKER_STACK).build().ok()
}

#[cfg(test)]
mod tests {
    use std::sync::{Arc, Mutex};

    use super::*;

    fn file(dir: &std::path::Path, name: &str, len: usize) -> SourceFile {
        let abs = dir.join(name);
        std::fs::write(&abs, "x".repeat(len)).expect("write");
        SourceFile {
            abs,
            rel: Arc::from(name),
            package: None,
            kind: crate::workspace::FileKind::Lib,
            edition: None,
            is_bin_root: false,
            is_crate_root: false,
        }
    }

    #[test]
    fn largest_file_first_results_in_the_files_order() {
        let dir = tempfile::tempdir().expect("tempdir");
        let files: Vec<SourceFile> =
            [("a.rs", 10), ("b.rs", 5000), ("c.rs", 1), ("d.rs", 300)].map(|(n, l)| file(dir.path(), n, l)).into();
        for pool in [None, worker_pool(1)] {
            let seen = Mutex::new(Vec::new());
            let work = |f: &SourceFile| {
                seen.lock().expect("lock").push(f.rel.to_string());
                f.rel.to_string()
            };
            let out = map_on(pool.as_ref(), &files, &work);
            assert_eq!(out, ["a.rs", "b.rs", "c.rs", "d.rs"]);
            assert_eq!(seen.into_inner().expect("lock"), ["b.rs", "d.rs", "a.rs", "c.rs"]);
        }
    }
}
