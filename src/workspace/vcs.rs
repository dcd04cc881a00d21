//! Version-control facts for reports (SARIF `versionControlProvenance`),
//! read from the `.git` directory without running git: the remote URL
//! (credentials stripped), the checked-out commit and branch.

use std::path::{Path, PathBuf};

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Provenance {
    pub repository_uri: String,
    pub revision_id: Option<String>,
    pub branch: Option<String>,
}

/// A small git file: bounded, never blocking (the `.git` of a checkout is
/// as untrusted as the rest of it).
fn read(path: &Path) -> Option<String> {
    crate::util::fsread::read_string(path, crate::util::fsread::limit::GIT_META).ok()
}

/// The git directory for a work tree (`.git` may be a file pointing elsewhere).
fn git_dir(root: &Path) -> Option<PathBuf> {
    let dot = root.join(".git");
    if dot.is_dir() {
        return Some(dot);
    }
    let text = read(&dot)?;
    let p = text.trim().strip_prefix("gitdir:")?.trim();
    let p = Path::new(p);
    Some(if p.is_absolute() { p.to_path_buf() } else { root.join(p) })
}

/// The directory holding shared refs and config (differs for worktrees).
fn common_dir(git: &Path) -> PathBuf {
    match read(&git.join("commondir")).ok_or(()) {
        Ok(t) => {
            let p = Path::new(t.trim());
            if p.is_absolute() { p.to_path_buf() } else { git.join(p) }
        }
        Err(_) => git.to_path_buf(),
    }
}

fn read_ref(git: &Path, common: &Path, name: &str) -> Option<String> {
    for dir in [git, common] {
        if let Some(t) = read(&dir.join(name)) {
            let t = t.trim();
            if is_sha(t) {
                return Some(t.to_string());
            }
        }
    }
    let packed = read(&common.join("packed-refs"))?;
    packed.lines().find_map(|l| {
        let (sha, r) = l.split_once(' ')?;
        (r.trim() == name && is_sha(sha)).then(|| sha.to_string())
    })
}

fn is_sha(s: &str) -> bool {
    (s.len() == 40 || s.len() == 64) && s.bytes().all(|b| b.is_ascii_hexdigit())
}

/// `url` of `[remote "origin"]` (or the first remote) in a git config file.
fn remote_url(config: &str) -> Option<String> {
    let mut section = String::new();
    let mut first = None;
    for line in config.lines() {
        let l = line.trim();
        if l.starts_with('[') {
            section = l.to_string();
            continue;
        }
        let Some((k, v)) = l.split_once('=') else { continue };
        if k.trim() != "url" || !section.starts_with("[remote ") {
            continue;
        }
        let v = v.trim().trim_matches('"').to_string();
        if section == "[remote \"origin\"]" {
            return Some(v);
        }
        first.get_or_insert(v);
    }
    first
}

/// An absolute URI for a remote, without credentials: `https://host/o/r`
/// for scp-like `git@host:o/r.git`.
pub(crate) fn normalize_remote(url: &str) -> Option<String> {
    let url = url.trim();
    if let Some((scheme, rest)) = url.split_once("://") {
        let (auth_host, path) = rest.split_once('/').unwrap_or((rest, ""));
        let host = auth_host.rsplit('@').next().unwrap_or(auth_host);
        let scheme = if scheme == "ssh" || scheme == "git" { "https" } else { scheme };
        let host = host.split(':').next().unwrap_or(host);
        return Some(format!("{scheme}://{host}/{}", path.trim_end_matches(".git")));
    }
    // scp-like: [user@]host:path
    let (userhost, path) = url.split_once(':')?;
    if userhost.contains('/') {
        return None;
    }
    let host = userhost.rsplit('@').next().unwrap_or(userhost);
    Some(format!("https://{host}/{}", path.trim_start_matches('/').trim_end_matches(".git")))
}

pub(crate) fn provenance(root: &Path) -> Option<Provenance> {
    let git = git_dir(root)?;
    let common = common_dir(&git);
    let head = read(&git.join("HEAD"))?;
    let head = head.trim();
    let (revision_id, branch) = match head.strip_prefix("ref:") {
        Some(r) => {
            let r = r.trim();
            (read_ref(&git, &common, r), Some(r.to_string()))
        }
        None => (is_sha(head).then(|| head.to_string()), None),
    };
    // In GitHub Actions, the repository is known from the environment.
    let from_env = match (std::env::var("GITHUB_SERVER_URL"), std::env::var("GITHUB_REPOSITORY")) {
        (Ok(s), Ok(r)) if !s.is_empty() && !r.is_empty() => Some(format!("{}/{}", s.trim_end_matches('/'), r)),
        _ => None,
    };
    let repository_uri = from_env.or_else(|| {
        let config = read(&common.join("config"))?;
        normalize_remote(&remote_url(&config)?)
    })?;
    Some(Provenance { repository_uri, revision_id, branch })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn remotes_are_normalised_without_credentials() {
        assert_eq!(normalize_remote("git@github.com:acme/app.git").as_deref(), Some("https://github.com/acme/app"));
        assert_eq!(
            normalize_remote("https://user:ghp_secret@github.com/acme/app.git").as_deref(),
            Some("https://github.com/acme/app")
        );
        assert_eq!(normalize_remote("ssh://git@gitlab.com:2222/g/p.git").as_deref(), Some("https://gitlab.com/g/p"));
        let cfg = "[core]\n\tbare = false\n[remote \"upstream\"]\n\turl = https://a/b\n[remote \"origin\"]\n\turl = git@h:o/r.git\n";
        assert_eq!(remote_url(cfg).as_deref(), Some("git@h:o/r.git"));
    }

    #[test]
    fn reads_head_refs_and_packed_refs() {
        let dir = tempfile::tempdir().unwrap();
        let git = dir.path().join(".git");
        std::fs::create_dir_all(git.join("refs/heads")).unwrap();
        std::fs::write(git.join("HEAD"), "ref: refs/heads/main\n").unwrap();
        let sha = "0123456789abcdef0123456789abcdef01234567";
        std::fs::write(git.join("packed-refs"), format!("# pack-refs\n{sha} refs/heads/main\n")).unwrap();
        std::fs::write(git.join("config"), "[remote \"origin\"]\n\turl = https://example.com/x/y.git\n").unwrap();
        let p = provenance(dir.path());
        if std::env::var_os("GITHUB_REPOSITORY").is_none() {
            assert_eq!(p.as_ref().map(|p| p.repository_uri.as_str()), Some("https://example.com/x/y"));
        }
        assert_eq!(p.as_ref().and_then(|p| p.revision_id.as_deref()), Some(sha));
        assert_eq!(p.and_then(|p| p.branch), Some("refs/heads/main".into()));
    }
}
