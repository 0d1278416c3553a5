//! Crate files: follows every target's module tree (parsing each file once,
//! collecting its code signals on the way), then adds the crate's other `.rs`
//! files from the folder walk, parsed in a second parallel pass.
//!
//! This is the only place that reads source files during discovery. It must
//! NOT score anything; it hands `FileSignals` to `scoring`. A file that is too
//! large, not UTF-8 or not parsable is still listed, with a warning.

use std::collections::{HashMap, HashSet};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use memaudit_facts::callgraph::TargetKind;
use memaudit_facts::FileFacts;
use memaudit_model::Warning;

use crate::modules::{self, ModDecl, ModFile};
use crate::paths::{relative, warning};
use crate::signals::{self, FileSignals};
use crate::workspace::Member;
use crate::{pool, walk, CrateInfo, DiscoverOptions, FileVisitor, SourceFile, Target, VisitedFile};

/// One file after reading and parsing it.
pub(crate) struct Parsed<O> {
    pub bytes: u64,
    pub signals: FileSignals,
    pub mods: Vec<ModDecl>,
    /// Item-level `include!("…")`s: files pasted into this module.
    pub includes: Vec<modules::Include>,
    /// The test reason of each `mod` declaration, by name and line.
    pub mod_tests: Vec<(String, u32, Option<String>)>,
    pub facts: Option<Arc<FileFacts>>,
    pub visited: Option<O>,
    pub warnings: Vec<Warning>,
}

/// Where a file sits: its crate, module path and target, and why it is test
/// code when it is.
pub(crate) struct Place<'p> {
    pub crate_name: &'p str,
    pub module: &'p [String],
    pub target: TargetKind,
    pub test: Option<&'p str>,
}

/// Reads and parses one file once: size check, UTF-8, syn, code signals,
/// `mod` declarations, the shared facts, and the visitor's own work on the
/// same tree. `shown` is the path used in warnings.
pub(crate) fn parse<V: FileVisitor>(
    path: &Path,
    shown: &str,
    max_bytes: u64,
    place: &Place<'_>,
    visitor: &V,
) -> Parsed<V::Output> {
    let mut out = Parsed {
        bytes: 0,
        signals: FileSignals::default(),
        mods: Vec::new(),
        includes: Vec::new(),
        mod_tests: Vec::new(),
        facts: None,
        visited: None,
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
    match memaudit_facts::parse::parse_unexpanded(shown, &text) {
        Ok(mut tree) => {
            // One walk rewrites the standard macros and collects the code
            // signals (of the rewritten tree, as before).
            let (hits, rewrites) = signals::collect(&mut tree);
            let parsed = memaudit_facts::parse::Parsed { tree, rewrites };
            let file = &parsed.tree;
            out.signals.hits = hits;
            out.signals.parsed = true;
            out.mods = modules::mod_decls(file);
            out.includes = modules::includes(file);
            let mut syntax = memaudit_facts::Syntax::with_source(&text);
            let cx = memaudit_facts::FileContext {
                test: place.test.map(str::to_owned),
                crate_table: None,
            };
            let mut facts = memaudit_facts::items::gather(file, &cx, &mut syntax);
            facts.lines = out.signals.lines;
            out.mod_tests = facts
                .mods
                .iter()
                .map(|m| (m.name.to_string(), m.line, m.test.clone()))
                .collect();
            let visited = visitor.visit(&VisitedFile {
                crate_name: place.crate_name,
                path: shown,
                module: place.module,
                source: &text,
                tree: file,
                rewrites: &parsed.rewrites,
                facts: &facts,
                syntax: &syntax,
            });
            drop(syntax);
            if !visitor.keeps_facts(&visited) {
                facts.slim();
                // What stays is copied into fresh allocations and the rest
                // freed at once: left in place, it would sit scattered
                // between the freed parts, which the next files' trees then
                // fill piecemeal (measured: less peak memory and CPU both).
                facts = facts.clone();
            }
            out.visited = Some(visited);
            out.facts = Some(Arc::new(facts));
        }
        Err(memaudit_facts::parse::ParseError::Syntax { line, message, .. }) => {
            out.warnings.push(file_warning(
                Some(line).filter(|&l| l > 0),
                format!("syn could not parse this file ({message}): listed with name signals only"),
            ));
        }
        Err(memaudit_facts::parse::ParseError::TooComplex { reason, .. }) => {
            out.warnings.push(file_warning(
                None,
                format!("{reason}: listed with name signals only"),
            ));
        }
    }
    // With span locations on, every parse grows a thread-local source map;
    // all line numbers have been copied out, so release it.
    proc_macro2::extra::invalidate_current_thread_spans();
    out
}

fn line_count(bytes: &[u8]) -> u32 {
    // Counted in chunks into a byte-wide sum, which the compiler turns into
    // vector compares (a `usize` count per byte is several times slower).
    let newlines: usize = bytes
        .chunks(255)
        .map(|c| usize::from(c.iter().fold(0u8, |n, &b| n + u8::from(b == b'\n'))))
        .sum();
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
    module: Vec<String>,
    target: TargetKind,
    test: Option<String>,
}

struct Done<O> {
    krate: usize,
    path: PathBuf,
    in_module_tree: bool,
    module: Vec<String>,
    target: TargetKind,
    test: Option<String>,
    parsed: Parsed<O>,
}

/// A file to parse: one reached through a module tree, or one that no
/// module tree can reach (see `surely_stray`).
enum Work {
    Tree(Job),
    Early((usize, PathBuf)),
}

enum WorkDone<O> {
    Tree(Done<O>, Vec<Warning>),
    Early(Done<O>),
}

fn target_kind(kind: &str) -> TargetKind {
    match kind {
        "lib" | "rlib" | "dylib" | "cdylib" | "staticlib" | "proc-macro" => TargetKind::Lib,
        "bin" => TargetKind::Bin,
        "test" => TargetKind::Test,
        "bench" => TargetKind::Bench,
        "example" => TargetKind::Example,
        "custom-build" => TargetKind::Build,
        _ => TargetKind::Stray,
    }
}

/// Builds the `CrateInfo`s of the members: targets, module trees, stray
/// files; every file is parsed once and handed to `visitor`, whose outputs
/// come back by workspace-relative path.
pub(crate) fn collect<V: FileVisitor>(
    root: &Path,
    members: Vec<Member>,
    opts: &DiscoverOptions,
    visitor: &V,
    warnings: &mut Vec<Warning>,
) -> (Vec<CrateInfo>, Vec<(String, V::Output)>) {
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
                        base: None,
                    },
                    module: Vec::new(),
                    target: target_kind(&t.kind),
                    test: None,
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

    // The crates' folders are walked first: their files' sizes let the
    // module tree be followed towards the largest files first (see
    // `largest_below`), and the walk finds the stray files afterwards.
    let mut walk_warnings = Vec::new();
    let on_disk: Vec<Vec<PathBuf>> = members
        .iter()
        .map(|m| {
            if m.error.is_some() {
                Vec::new()
            } else {
                walk::rust_files(root, &m.dir, &mut walk_warnings)
            }
        })
        .collect();
    let largest = largest_below(&members, &on_disk);
    let tree_key = |job: &Job| {
        let dir = if job.file.owns_dir {
            job.file.path.parent().map(Path::to_path_buf)
        } else {
            Some(job.file.path.with_extension(""))
        };
        let own = largest.get(&job.file.path).copied().unwrap_or(0);
        dir.and_then(|d| largest.get(&d).copied())
            .unwrap_or(0)
            .max(own)
    };

    let max = opts.max_file_bytes;
    let names: Vec<String> = members.iter().map(|m| m.name.clone()).collect();
    let parse_stray = |(krate, path): (usize, PathBuf)| {
        let shown_path = shown(&path);
        // A file in no module tree is not compiled as the crate's code: a
        // test, bench or example found by walking, a script, a template.
        let target = TargetKind::guess(&shown_path);
        let place = Place {
            crate_name: &names[krate],
            module: &[],
            target: if target == TargetKind::Lib {
                TargetKind::Stray
            } else {
                target
            },
            test: None,
        };
        let parsed = parse(&path, &shown_path, max, &place, visitor);
        let done = Done {
            krate,
            path,
            in_module_tree: false,
            module: Vec::new(),
            target: place.target,
            test: None,
            parsed,
        };
        (Some(done), Vec::new())
    };
    // Large files that no module tree can reach join the same queue (the
    // largest first), so they too are parsed while few facts are kept
    // (generated bindings, one per platform).
    let roots: HashSet<(usize, PathBuf)> = lock(&visited).clone();
    let mut work: Vec<Work> = jobs.into_iter().map(Work::Tree).collect();
    work.extend(
        surely_stray(&members, &on_disk, &largest, &roots)
            .into_iter()
            .map(Work::Early),
    );
    let work_key = |w: &Work| match w {
        Work::Tree(job) => tree_key(job),
        Work::Early((_, path)) => largest.get(path).copied().unwrap_or(0),
    };
    let tree_work = |job: Job| {
        let shown_path = shown(&job.file.path);
        let place = Place {
            crate_name: &names[job.krate],
            module: &job.module,
            target: job.target,
            test: job.test.as_deref(),
        };
        let mut parsed = parse(&job.file.path, &shown_path, max, &place, visitor);
        let mut extra = Vec::new();
        let mut children = Vec::new();
        for decl in std::mem::take(&mut parsed.mods) {
            // A module declared under `#[cfg(test)]` is test code, file and all.
            let test = parsed
                .mod_tests
                .iter()
                .find(|(n, l, _)| *n == decl.name && *l == decl.line)
                .and_then(|(_, _, t)| t.clone())
                .map(|t| format!("{t} ({shown_path}:{})", decl.line))
                .or_else(|| job.test.clone());
            let mut module = job.module.clone();
            module.extend(decl.inline.iter().cloned());
            module.push(decl.name.clone());
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
                            module,
                            target: job.target,
                            test,
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
        // A file pasted in by `include!` is the same module: its items are
        // compiled with the includer's, its `mod`s load from its folder.
        for inc in std::mem::take(&mut parsed.includes) {
            let dir = job.file.path.parent().unwrap_or(Path::new(""));
            let path = crate::paths::normalize(&dir.join(&inc.path));
            if !path.is_file() {
                extra.push(warning(
                    Some(shown_path.clone()),
                    Some(inc.line),
                    format!(
                        "`include!(\"{}\")` has no file ({}); it may be generated",
                        inc.path,
                        shown(&path)
                    ),
                ));
            } else if relative(root, &path).is_none() {
                extra.push(warning(
                    Some(shown_path.clone()),
                    Some(inc.line),
                    format!(
                        "`include!` loads {} from outside the workspace; not audited",
                        path.display()
                    ),
                ));
            } else if lock(&visited).insert((job.krate, path.clone())) {
                children.push(Job {
                    krate: job.krate,
                    file: ModFile {
                        path,
                        owns_dir: true,
                        base: Some(modules::child_dir(&job.file)),
                    },
                    module: job.module.clone(),
                    target: job.target,
                    test: job.test.clone(),
                });
            }
        }
        let done = Done {
            krate: job.krate,
            path: job.file.path,
            in_module_tree: true,
            module: job.module,
            target: job.target,
            test: job.test,
            parsed,
        };
        (Some((done, extra)), children)
    };
    let parsed: Vec<WorkDone<V::Output>> =
        pool::run(work, opts.threads, work_key, |w: Work| match w {
            Work::Tree(job) => {
                let (done, children) = tree_work(job);
                (
                    done.map(|(d, extra)| WorkDone::Tree(d, extra)),
                    children.into_iter().map(Work::Tree).collect(),
                )
            }
            Work::Early(file) => (parse_stray(file).0.map(WorkDone::Early), Vec::new()),
        });

    let mut results: Vec<Done<V::Output>> = Vec::new();
    let mut early = Vec::new();
    for w in parsed {
        match w {
            WorkDone::Tree(done, extra) => {
                warnings.extend(extra);
                results.push(done);
            }
            WorkDone::Early(done) => early.push(done),
        }
    }

    // Stray files: on disk in the crate's folder but in no module tree.
    let in_tree: HashSet<(usize, PathBuf)> = lock(&visited).clone();
    let mut stray = Vec::new();
    warnings.append(&mut walk_warnings);
    for (krate, paths) in on_disk.into_iter().enumerate() {
        for path in paths {
            if !in_tree.contains(&(krate, path.clone())) {
                stray.push((krate, path));
            }
        }
    }
    // Files parsed before the module trees were followed and found stray
    // indeed are not parsed again.
    let mut early: HashMap<(usize, PathBuf), Done<V::Output>> = early
        .into_iter()
        .map(|d| ((d.krate, d.path.clone()), d))
        .collect();
    let mut later = Vec::new();
    for key in stray {
        match early.remove(&key) {
            Some(done) => results.push(done),
            None => later.push(key),
        }
    }
    results.extend(pool::run(
        later,
        opts.threads,
        |(_, path): &(usize, PathBuf)| largest.get(path).copied().unwrap_or(0),
        parse_stray,
    ));
    release_freed_memory();

    let mut visited_out = Vec::new();
    for mut done in results {
        warnings.append(&mut done.parsed.warnings);
        let Some(path) = relative(root, &done.path) else {
            continue;
        };
        if let Some(v) = done.parsed.visited.take() {
            visited_out.push((path.clone(), v));
        }
        crates[done.krate].files.push(SourceFile {
            path,
            in_module_tree: done.in_module_tree,
            bytes: done.parsed.bytes,
            signals: Some(done.parsed.signals),
            facts: done.parsed.facts,
            module: done.module,
            target: done.target,
            test: done.test,
        });
    }
    for c in &mut crates {
        c.files.sort_by(|a, b| a.path.cmp(&b.path));
    }
    (crates, visited_out)
}

/// Gives the free pages of the allocator's arenas back to the system: after
/// the parse (the freed syntax trees), and after the audit drops the facts
/// no finding needs.
///
/// glibc keeps freed memory in the arena of the thread that allocated it,
/// and the parse threads have ended: the call graph, the scope and the
/// store, which come next on another thread, could not reuse it, and the
/// audit's peak RSS was that memory plus theirs. Only whole free pages go;
/// what is live stays where it is.
pub fn release_freed_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        extern "C" {
            fn malloc_trim(pad: usize) -> std::os::raw::c_int;
        }
        // SAFETY: malloc_trim takes no pointers and is thread-safe; it only
        // returns free memory of the allocator's arenas to the system.
        unsafe {
            malloc_trim(0);
        }
    }
}

/// Files of at least this size that no `mod` declaration or `#[path]` can
/// name are queued with the module trees' roots, not after the trees.
const EARLY_BYTES: u64 = 256 * 1024;

/// Large files of each crate whose name no file of the crate mentions as
/// `mod name` or in a path (`name.rs`, `name/`): no module tree can reach
/// them, so they will be stray. A file named anyway (in a comment, a macro)
/// is simply parsed with the module trees; one the trees reach after all is
/// parsed again there, so this only changes when files are parsed.
fn surely_stray(
    members: &[Member],
    on_disk: &[Vec<PathBuf>],
    largest: &HashMap<PathBuf, u64>,
    roots: &HashSet<(usize, PathBuf)>,
) -> Vec<(usize, PathBuf)> {
    let mut out = Vec::new();
    for (krate, (m, paths)) in members.iter().zip(on_disk).enumerate() {
        let big: Vec<&PathBuf> = paths
            .iter()
            .filter(|p| largest.get(*p).is_some_and(|&s| s >= EARLY_BYTES))
            .filter(|p| !roots.contains(&(krate, (*p).clone())))
            .collect();
        // A target root outside the crate's folder may declare modules
        // whose text is not walked here: leave such crates alone.
        if big.is_empty() || m.targets.iter().any(|t| !t.root.starts_with(&m.dir)) {
            continue;
        }
        let texts: Vec<String> = paths
            .iter()
            .filter_map(|p| std::fs::read_to_string(p).ok())
            .collect();
        for p in big {
            if !texts.iter().any(|t| may_name(t, p)) {
                out.push((krate, p.clone()));
            }
        }
    }
    out
}

/// Whether `text` may declare the module in file `path`: it holds the
/// file's name as a path (`name.rs`, or `name/` for a `name/mod.rs`), or
/// `mod name` (`mod r#name`).
fn may_name(text: &str, path: &Path) -> bool {
    let Some(file) = path.file_name().and_then(|n| n.to_str()) else {
        return true;
    };
    let (name, needle) = if file == "mod.rs" {
        match path
            .parent()
            .and_then(|d| d.file_name())
            .and_then(|n| n.to_str())
        {
            Some(dir) => (dir, format!("{dir}/")),
            None => return true,
        }
    } else {
        match file.strip_suffix(".rs") {
            Some(stem) => (stem, file.to_owned()),
            None => return true,
        }
    };
    if name.is_empty() || text.contains(&needle) {
        return true;
    }
    let word = |c: char| c.is_alphanumeric() || c == '_';
    let mut from = 0;
    while let Some(i) = text[from..].find(name).map(|i| i + from) {
        from = i + name.len();
        if text[from..].chars().next().is_some_and(word) {
            continue;
        }
        let before = &text[..i];
        let before = before.strip_suffix("r#").unwrap_or(before);
        let spaced = before.trim_end();
        if spaced.len() < before.len()
            && spaced
                .strip_suffix("mod")
                .is_some_and(|b| !b.chars().next_back().is_some_and(word))
        {
            return true;
        }
    }
    false
}

/// The size of every walked file, and for every folder of a crate the size
/// of the largest file below it.
///
/// The peak memory of an audit is the largest file's syntax tree (a 1.9 MB
/// generated table is over 120 MiB of tokens and tree) on top of the facts
/// kept for every file parsed before it; parsing the files towards the
/// largest ones first keeps that peak near the tree alone. Only the order
/// of the parses changes: the results are sorted by path afterwards.
fn largest_below(members: &[Member], on_disk: &[Vec<PathBuf>]) -> HashMap<PathBuf, u64> {
    let mut largest: HashMap<PathBuf, u64> = HashMap::new();
    for (m, paths) in members.iter().zip(on_disk) {
        for path in paths {
            let Ok(size) = std::fs::metadata(path).map(|md| md.len()) else {
                continue;
            };
            largest.insert(path.clone(), size);
            for dir in path.ancestors().skip(1) {
                let at = largest.entry(dir.to_path_buf()).or_insert(0);
                *at = (*at).max(size);
                if dir == m.dir {
                    break;
                }
            }
        }
    }
    largest
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

#[cfg(test)]
mod tests {
    #[test]
    fn files_named_by_a_mod_or_a_path_may_be_declared() {
        let p = std::path::Path::new("src/gen/x86_crypto.rs");
        assert!(super::may_name("mod x86_crypto;", p));
        assert!(super::may_name("pub(crate) mod\n  r#x86_crypto {", p));
        assert!(super::may_name("#[path = \"gen/x86_crypto.rs\"] mod x;", p));
        assert!(!super::may_name("platform!(x86, x86_crypto);", p));
        assert!(!super::may_name(
            "mod x86_crypto_more; mod my_x86_crypto;",
            p
        ));
        let m = std::path::Path::new("src/tables/mod.rs");
        assert!(super::may_name("mod tables;", m));
        assert!(!super::may_name("mod table;", m));
    }

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
