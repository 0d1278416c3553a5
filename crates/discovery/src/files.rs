//! Crate files: follows every target's module tree (parsing each file once,
//! collecting its code signals on the way), then adds the crate's other `.rs`
//! files from the folder walk, parsed in a second parallel pass.
//!
//! This is the only place that reads source files during discovery. It must
//! NOT score anything; it hands `FileSignals` to `scoring`. A file that is too
//! large, not UTF-8 or not parsable is still listed, with a warning.

use std::collections::HashSet;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use memaudit_model::Warning;

use crate::modules::{self, ModDecl, ModFile};
use crate::paths::{relative, warning};
use crate::signals::{self, FileSignals};
use crate::workspace::Member;
use crate::{pool, walk, CrateInfo, DiscoverOptions, SourceFile, Target};

/// One file after reading and parsing it.
pub(crate) struct Parsed {
    pub bytes: u64,
    pub signals: FileSignals,
    pub mods: Vec<ModDecl>,
    pub warnings: Vec<Warning>,
}

/// Reads and parses one file: size check, UTF-8, syn, code signals, `mod`
/// declarations. `shown` is the path used in warnings.
pub(crate) fn parse(path: &Path, shown: &str, max_bytes: u64) -> Parsed {
    let mut out = Parsed {
        bytes: 0,
        signals: FileSignals::default(),
        mods: Vec::new(),
        warnings: Vec::new(),
    };
    let file_warning = |line: Option<u32>, msg: String| warning(Some(shown.to_string()), line, msg);
    match std::fs::metadata(path) {
        Ok(meta) => out.bytes = meta.len(),
        Err(e) => {
            out.warnings
                .push(file_warning(None, format!("cannot read: {e}")));
            return out;
        }
    }
    if out.bytes > max_bytes {
        out.signals.lines = count_lines(path).unwrap_or(0);
        out.warnings.push(file_warning(
            None,
            format!(
                "{:.1} MiB is above the {:.1} MiB limit: listed, but not parsed (no code signals, its `mod` declarations not followed)",
                out.bytes as f64 / 1048576.0,
                max_bytes as f64 / 1048576.0
            ),
        ));
        return out;
    }
    let text = match std::fs::read(path).map(String::from_utf8) {
        Ok(Ok(text)) => text,
        Ok(Err(_)) => {
            out.warnings.push(file_warning(
                None,
                "not UTF-8 text: listed without code signals".into(),
            ));
            return out;
        }
        Err(e) => {
            out.warnings
                .push(file_warning(None, format!("cannot read: {e}")));
            return out;
        }
    };
    out.signals.lines = line_count(text.as_bytes());
    match syn::parse_file(&text) {
        Ok(file) => {
            out.signals.hits = signals::collect(&file);
            out.signals.parsed = true;
            out.mods = modules::mod_decls(&file);
        }
        Err(e) => {
            let line = e.span().start().line as u32;
            out.warnings.push(file_warning(
                Some(line).filter(|&l| l > 0),
                format!("syn could not parse this file ({e}): listed with name signals only"),
            ));
        }
    }
    // With span locations on, every parse grows a thread-local source map;
    // all line numbers have been copied out, so release it.
    proc_macro2::extra::invalidate_current_thread_spans();
    out
}

fn line_count(bytes: &[u8]) -> u32 {
    let newlines = bytes.iter().filter(|&&b| b == b'\n').count();
    let unterminated = usize::from(bytes.last().is_some_and(|&b| b != b'\n'));
    (newlines + unterminated) as u32
}

/// Counts lines with a fixed buffer, so a huge file costs no memory.
fn count_lines(path: &Path) -> std::io::Result<u32> {
    let mut file = std::fs::File::open(path)?;
    let mut buf = vec![0u8; 64 * 1024];
    let (mut lines, mut last) = (0usize, b'\n');
    loop {
        let n = file.read(&mut buf)?;
        if n == 0 {
            break;
        }
        lines += buf[..n].iter().filter(|&&b| b == b'\n').count();
        last = buf[n - 1];
    }
    Ok((lines + usize::from(last != b'\n')) as u32)
}

struct Job {
    krate: usize,
    file: ModFile,
}

struct Done {
    krate: usize,
    path: PathBuf,
    in_module_tree: bool,
    parsed: Parsed,
}

/// Builds the `CrateInfo`s of the members: targets, module trees, stray files.
pub(crate) fn collect(
    root: &Path,
    members: Vec<Member>,
    opts: &DiscoverOptions,
    warnings: &mut Vec<Warning>,
) -> Vec<CrateInfo> {
    let shown = |p: &Path| relative(root, p).unwrap_or_else(|| p.to_string_lossy().into_owned());
    let mut crates: Vec<CrateInfo> = Vec::with_capacity(members.len());
    let mut jobs = Vec::new();
    let visited: Mutex<HashSet<(usize, PathBuf)>> = Mutex::default();
    for (krate, m) in members.iter().enumerate() {
        let dir = shown(&m.dir);
        let mut targets = Vec::new();
        for t in &m.targets {
            targets.push(Target {
                name: t.name.clone(),
                kind: t.kind.clone(),
                root: shown(&t.root),
            });
            if !t.root.is_file() {
                warnings.push(warning(
                    Some(shown(&m.dir.join("Cargo.toml"))),
                    None,
                    format!(
                        "{} target `{}` has no root file {}",
                        t.kind,
                        t.name,
                        shown(&t.root)
                    ),
                ));
            } else if lock(&visited).insert((krate, t.root.clone())) {
                jobs.push(Job {
                    krate,
                    file: ModFile {
                        path: t.root.clone(),
                        owns_dir: true,
                    },
                });
            }
        }
        crates.push(CrateInfo {
            name: m.name.clone(),
            manifest: crate::paths::join_rel(&dir, "Cargo.toml"),
            dir,
            dependencies: m.dependencies.clone(),
            targets,
            files: Vec::new(),
            error: m.error.clone(),
        });
    }

    let max = opts.max_file_bytes;
    let tree: Vec<(Done, Vec<Warning>)> = pool::run(jobs, |job: Job| {
        let shown_path = shown(&job.file.path);
        let mut parsed = parse(&job.file.path, &shown_path, max);
        let mut extra = Vec::new();
        let mut children = Vec::new();
        for decl in std::mem::take(&mut parsed.mods) {
            match modules::resolve(&job.file, &decl) {
                Ok(child) => {
                    if relative(root, &child.path).is_none() {
                        extra.push(warning(
                            Some(shown_path.clone()),
                            Some(decl.line),
                            format!("`mod {}` loads {} from outside the workspace; not audited", decl.name, child.path.display()),
                        ));
                    } else if lock(&visited).insert((job.krate, child.path.clone())) {
                        children.push(Job {
                            krate: job.krate,
                            file: child,
                        });
                    }
                }
                Err(tried) => extra.push(warning(
                    Some(shown_path.clone()),
                    Some(decl.line),
                    format!(
                        "`mod {};` has no file (looked for {}); it may be generated or behind a cfg",
                        decl.name,
                        tried.iter().map(|p| shown(p)).collect::<Vec<_>>().join(", ")
                    ),
                )),
            }
        }
        let done = Done {
            krate: job.krate,
            path: job.file.path,
            in_module_tree: true,
            parsed,
        };
        (Some((done, extra)), children)
    });

    let mut results: Vec<Done> = Vec::new();
    for (done, extra) in tree {
        warnings.extend(extra);
        results.push(done);
    }

    // Stray files: on disk in the crate's folder but in no module tree.
    let in_tree: HashSet<(usize, PathBuf)> = lock(&visited).clone();
    let mut stray = Vec::new();
    for (krate, m) in members.iter().enumerate() {
        if m.error.is_some() {
            continue;
        }
        for path in walk::rust_files(root, &m.dir, warnings) {
            if !in_tree.contains(&(krate, path.clone())) {
                stray.push((krate, path));
            }
        }
    }
    results.extend(pool::run(stray, |(krate, path): (usize, PathBuf)| {
        let parsed = parse(&path, &shown(&path), max);
        let done = Done {
            krate,
            path,
            in_module_tree: false,
            parsed,
        };
        (Some(done), Vec::new())
    }));

    for mut done in results {
        warnings.append(&mut done.parsed.warnings);
        let Some(path) = relative(root, &done.path) else {
            continue;
        };
        crates[done.krate].files.push(SourceFile {
            path,
            in_module_tree: done.in_module_tree,
            bytes: done.parsed.bytes,
            signals: Some(done.parsed.signals),
        });
    }
    for c in &mut crates {
        c.files.sort_by(|a, b| a.path.cmp(&b.path));
    }
    crates
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

#[cfg(test)]
mod tests {
    #[test]
    fn line_counts_include_an_unterminated_last_line() {
        for (text, lines) in [("", 0), ("a", 1), ("a\n", 1), ("a\nb", 2), ("a\n\n", 2)] {
            assert_eq!(
                super::line_count(text.as_bytes()),
                lines,
                "lines of {text:?}"
            );
        }
    }
}
