//! Manifests: finds the workspace root for a path and lists its member crates
//! with their dependencies and targets, from `cargo metadata --no-deps
//! --offline` or, when cargo is missing or fails, by reading the `Cargo.toml`
//! files directly with the `toml` crate.
//!
//! The fallback exists because one broken member manifest makes cargo refuse
//! the whole workspace; reading manifests one by one keeps the good crates and
//! reports the broken one as a crate with an `error`. The fallback mirrors
//! cargo's rules (member globs, `exclude`, path dependencies inside the root,
//! target auto-discovery) closely enough for auditing, not for building.
//!
//! Must NOT: touch the network (cargo runs `--offline` with rustup
//! auto-install off), build anything, or read source files.

use std::collections::{BTreeSet, HashSet, VecDeque};
use std::path::{Path, PathBuf};

use cargo_metadata::{MetadataCommand, TargetKind};
use globset::Glob;
use memaudit_model::Warning;
use toml::{Table, Value};

use crate::paths::{normalize, relative, warning};
use crate::{DiscoverOptions, DiscoveryError};

/// A member crate as the manifests describe it; absolute paths.
#[derive(Debug, Clone)]
pub(crate) struct Member {
    pub name: String,
    pub dir: PathBuf,
    pub dependencies: Vec<String>,
    pub targets: Vec<MemberTarget>,
    pub error: Option<String>,
}

#[derive(Debug, Clone)]
pub(crate) struct MemberTarget {
    pub name: String,
    pub kind: String,
    pub root: PathBuf,
}

/// The root of the workspace containing `path`: the nearest manifest with a
/// `[workspace]` table that includes the package at or above `path` (cargo's
/// own rule), or that package alone when no workspace includes it.
pub(crate) fn find_root(path: &Path) -> Result<PathBuf, DiscoveryError> {
    let abs = path.canonicalize().map_err(|source| DiscoveryError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    let start = if abs.is_dir() {
        abs.as_path()
    } else {
        abs.parent().unwrap_or(&abs)
    };
    let manifests: Vec<&Path> = start
        .ancestors()
        .filter(|dir| dir.join("Cargo.toml").is_file())
        .collect();
    let Some(&nearest) = manifests.first() else {
        return Err(DiscoveryError::NoManifest {
            path: path.to_path_buf(),
        });
    };
    if let Ok(table) = read_manifest(&nearest.join("Cargo.toml")) {
        if table.contains_key("workspace") {
            return Ok(nearest.to_path_buf());
        }
        // `package.workspace = "../.."` names the root explicitly.
        let explicit = table
            .get("package")
            .and_then(|p| p.get("workspace"))
            .and_then(Value::as_str);
        if let Some(rel) = explicit {
            let root = normalize(&nearest.join(rel));
            if root.join("Cargo.toml").is_file() {
                return Ok(root);
            }
        }
    }
    for &dir in &manifests[1..] {
        let Ok(table) = read_manifest(&dir.join("Cargo.toml")) else {
            continue;
        };
        if table.contains_key("workspace") {
            let mut ignored = Vec::new();
            let dirs = member_dirs(dir, &table, &mut ignored);
            if dirs.iter().any(|d| d == nearest) {
                return Ok(dir.to_path_buf());
            }
        }
    }
    Ok(nearest.to_path_buf())
}

/// The members of the workspace at `root`, sorted by directory.
pub(crate) fn members(
    root: &Path,
    opts: &DiscoverOptions,
    warnings: &mut Vec<Warning>,
) -> Vec<Member> {
    if opts.use_cargo_metadata {
        match via_cargo(root) {
            Ok(members) => return sorted(members),
            Err(message) => warnings.push(warning(
                Some("Cargo.toml".into()),
                None,
                format!("`cargo metadata` failed, so the manifests were read directly: {message}"),
            )),
        }
    }
    sorted(via_manifests(root, warnings))
}

fn sorted(mut members: Vec<Member>) -> Vec<Member> {
    members.sort_by(|a, b| a.dir.cmp(&b.dir));
    members
}

fn via_cargo(root: &Path) -> Result<Vec<Member>, String> {
    let mut cmd = MetadataCommand::new();
    cmd.manifest_path(root.join("Cargo.toml"))
        .current_dir(root)
        .no_deps()
        .other_options(vec!["--offline".to_string()])
        // A `rust-toolchain.toml` in the audited workspace must not make
        // rustup download a toolchain: auditing stays offline.
        .env("RUSTUP_AUTO_INSTALL", "0")
        .env("CARGO_NET_OFFLINE", "true");
    let metadata = cmd.exec().map_err(|e| match e {
        cargo_metadata::Error::CargoMetadata { stderr } => first_error_lines(&stderr),
        cargo_metadata::Error::Io(io) => format!("cargo could not be run ({io})"),
        other => other.to_string(),
    })?;
    if metadata.workspace_root.as_std_path() != root {
        return Err(format!(
            "cargo reports the workspace root as {}, not {}",
            metadata.workspace_root,
            root.display()
        ));
    }
    let members = metadata
        .workspace_packages()
        .into_iter()
        .map(|pkg| {
            let dir = pkg
                .manifest_path
                .parent()
                .map(|p| p.as_std_path().to_path_buf())
                .unwrap_or_else(|| root.to_path_buf());
            let dependencies: BTreeSet<String> =
                pkg.dependencies.iter().map(|d| d.name.clone()).collect();
            let targets = pkg
                .targets
                .iter()
                .map(|t| MemberTarget {
                    name: t.name.clone(),
                    kind: t.kind.first().map(kind_name).unwrap_or("lib").to_string(),
                    root: t.src_path.as_std_path().to_path_buf(),
                })
                .collect();
            Member {
                name: pkg.name.to_string(),
                dir,
                dependencies: dependencies.into_iter().collect(),
                targets,
                error: None,
            }
        })
        .collect();
    Ok(members)
}

fn kind_name(kind: &TargetKind) -> &'static str {
    match kind {
        TargetKind::Bin => "bin",
        TargetKind::Example => "example",
        TargetKind::Test => "test",
        TargetKind::Bench => "bench",
        TargetKind::CustomBuild => "custom-build",
        _ => "lib",
    }
}

/// Cargo's stderr has progress lines and long "Caused by" chains; the
/// `error:` line and what follows it is what a user needs.
fn first_error_lines(stderr: &str) -> String {
    let lines: Vec<&str> = stderr
        .lines()
        .map(str::trim)
        .skip_while(|l| !l.starts_with("error"))
        .filter(|l| !l.is_empty())
        .take(4)
        .collect();
    if lines.is_empty() {
        stderr.trim().to_string()
    } else {
        lines.join(" ")
    }
}

fn via_manifests(root: &Path, warnings: &mut Vec<Warning>) -> Vec<Member> {
    let root_manifest = root.join("Cargo.toml");
    let root_table = match read_manifest(&root_manifest) {
        Ok(table) => table,
        Err(message) => {
            warnings.push(warning(Some("Cargo.toml".into()), None, message.clone()));
            return vec![broken(root, message)];
        }
    };
    let mut members = Vec::new();
    for dir in member_dirs(root, &root_table, warnings) {
        let manifest = dir.join("Cargo.toml");
        let shown = relative(root, &manifest).unwrap_or_else(|| manifest.display().to_string());
        match read_manifest(&manifest) {
            Ok(table) => match package(&dir, &table) {
                Ok(member) => members.push(member),
                Err(message) => {
                    warnings.push(warning(Some(shown), None, message.clone()));
                    members.push(broken(&dir, message));
                }
            },
            Err(message) => {
                warnings.push(warning(Some(shown), None, message.clone()));
                members.push(broken(&dir, message));
            }
        }
    }
    members
}

fn broken(dir: &Path, error: String) -> Member {
    Member {
        name: dir
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| ".".into()),
        dir: dir.to_path_buf(),
        dependencies: Vec::new(),
        targets: Vec::new(),
        error: Some(error),
    }
}

fn read_manifest(path: &Path) -> Result<Table, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    text.parse::<Table>().map_err(|e| {
        // toml's message is a multi-line excerpt; the position line and the
        // explanation fit on one line.
        let msg = e.to_string();
        let lines: Vec<&str> = msg
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect();
        let what = lines
            .last()
            .map(|l| l.trim_start_matches(['|', '^', ' ']))
            .unwrap_or("");
        format!(
            "invalid Cargo.toml: {}: {what}",
            lines.first().copied().unwrap_or("parse error")
        )
    })
}

/// Member directories of the workspace whose root manifest is `table`:
/// `members` (globs expanded), minus `exclude`, plus the root package, plus
/// path dependencies inside the root, transitively (cargo makes those members too).
fn member_dirs(root: &Path, table: &Table, warnings: &mut Vec<Warning>) -> Vec<PathBuf> {
    let ws = table.get("workspace").and_then(Value::as_table);
    let strings = |key: &str| -> Vec<String> {
        ws.and_then(|w| w.get(key))
            .and_then(Value::as_array)
            .map(|a| {
                a.iter()
                    .filter_map(Value::as_str)
                    .map(String::from)
                    .collect()
            })
            .unwrap_or_default()
    };
    let excluded: Vec<PathBuf> = strings("exclude")
        .iter()
        .map(|e| normalize(&root.join(e)))
        .collect();
    let is_excluded = |dir: &Path| excluded.iter().any(|e| dir.starts_with(e));

    let mut queue = VecDeque::new();
    if table.contains_key("package") {
        queue.push_back(root.to_path_buf());
    }
    for pattern in strings("members") {
        queue.extend(expand_member(root, &pattern, warnings));
    }
    let mut seen = HashSet::new();
    let mut dirs = Vec::new();
    while let Some(dir) = queue.pop_front() {
        let dir = normalize(&dir);
        if is_excluded(&dir) || !seen.insert(dir.clone()) {
            continue;
        }
        if let Ok(manifest) = read_manifest(&dir.join("Cargo.toml")) {
            for dep in path_dependencies(&manifest) {
                let dep_dir = normalize(&dir.join(dep));
                if dep_dir.starts_with(root) && dep_dir.join("Cargo.toml").is_file() {
                    queue.push_back(dep_dir);
                }
            }
        }
        dirs.push(dir);
    }
    dirs
}

/// Expands one `members` entry. Literal entries are kept even without a
/// manifest (so the user hears about them); glob matches must have one.
fn expand_member(root: &Path, pattern: &str, warnings: &mut Vec<Warning>) -> Vec<PathBuf> {
    let is_glob = |s: &str| s.contains(['*', '?', '[', '{']);
    let mut current = vec![root.to_path_buf()];
    for comp in pattern.split('/') {
        if comp.is_empty() || comp == "." {
            continue;
        }
        if !is_glob(comp) {
            current = current.into_iter().map(|d| d.join(comp)).collect();
            continue;
        }
        let matcher = match Glob::new(comp) {
            Ok(glob) => glob.compile_matcher(),
            Err(e) => {
                warnings.push(warning(
                    Some("Cargo.toml".into()),
                    None,
                    format!("workspace member pattern `{pattern}` is not a valid glob: {e}"),
                ));
                return Vec::new();
            }
        };
        let mut next = Vec::new();
        for dir in &current {
            let Ok(entries) = std::fs::read_dir(dir) else {
                continue;
            };
            for entry in entries.flatten() {
                if entry.path().is_dir() && matcher.is_match(entry.file_name()) {
                    next.push(entry.path());
                }
            }
        }
        next.sort();
        current = next;
    }
    if is_glob(pattern) {
        current.retain(|d| d.join("Cargo.toml").is_file());
    }
    current
}

/// Every dependency table of a manifest: normal, dev, build, and the same
/// under `[target.'cfg(..)'.*]`.
fn dependency_tables(table: &Table) -> Vec<&Table> {
    const KEYS: [&str; 3] = ["dependencies", "dev-dependencies", "build-dependencies"];
    let mut tables: Vec<&Table> = KEYS
        .iter()
        .filter_map(|k| table.get(*k)?.as_table())
        .collect();
    if let Some(targets) = table.get("target").and_then(Value::as_table) {
        for cfg in targets.values().filter_map(Value::as_table) {
            tables.extend(KEYS.iter().filter_map(|k| cfg.get(*k)?.as_table()));
        }
    }
    tables
}

fn path_dependencies(table: &Table) -> Vec<String> {
    dependency_tables(table)
        .into_iter()
        .flat_map(|t| t.values())
        .filter_map(|v| v.get("path")?.as_str().map(String::from))
        .collect()
}

fn package(dir: &Path, table: &Table) -> Result<Member, String> {
    let pkg = table
        .get("package")
        .and_then(Value::as_table)
        .ok_or("no [package] table: this manifest is not a crate")?;
    let name = pkg
        .get("name")
        .and_then(Value::as_str)
        .ok_or("[package] has no `name`")?
        .to_string();
    let dependencies: BTreeSet<String> = dependency_tables(table)
        .into_iter()
        .flat_map(|t| t.iter())
        .map(|(key, v)| {
            v.get("package")
                .and_then(Value::as_str)
                .unwrap_or(key)
                .to_string()
        })
        .collect();
    Ok(Member {
        targets: targets(dir, &name, table, pkg),
        name,
        dir: dir.to_path_buf(),
        dependencies: dependencies.into_iter().collect(),
        error: None,
    })
}

/// Cargo's target auto-discovery plus explicit `[lib]`, `[[bin]]`,
/// `[[example]]`, `[[test]]`, `[[bench]]` sections and the build script.
fn targets(dir: &Path, name: &str, table: &Table, pkg: &Table) -> Vec<MemberTarget> {
    let auto = |key: &str| pkg.get(key).and_then(Value::as_bool).unwrap_or(true);
    let mut out = Vec::new();

    let lib = table.get("lib");
    let lib_path = lib
        .and_then(|l| l.get("path"))
        .and_then(Value::as_str)
        .unwrap_or("src/lib.rs");
    if dir.join(lib_path).is_file() {
        let lib_name = lib.and_then(|l| l.get("name")).and_then(Value::as_str);
        out.push(MemberTarget {
            name: lib_name
                .map(String::from)
                .unwrap_or_else(|| name.replace('-', "_")),
            kind: "lib".into(),
            root: normalize(&dir.join(lib_path)),
        });
    }

    for (key, kind, folder, autokey) in [
        ("bin", "bin", "src/bin", "autobins"),
        ("example", "example", "examples", "autoexamples"),
        ("test", "test", "tests", "autotests"),
        ("bench", "bench", "benches", "autobenches"),
    ] {
        let mut found: Vec<MemberTarget> = Vec::new();
        for entry in table
            .get(key)
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            let Some(tname) = entry.get("name").and_then(Value::as_str) else {
                continue;
            };
            let path = match entry.get("path").and_then(Value::as_str) {
                Some(p) => dir.join(p),
                None if kind == "bin" && tname == name && dir.join("src/main.rs").is_file() => {
                    dir.join("src/main.rs")
                }
                None if dir.join(folder).join(format!("{tname}.rs")).is_file() => {
                    dir.join(folder).join(format!("{tname}.rs"))
                }
                None => dir.join(folder).join(tname).join("main.rs"),
            };
            found.push(MemberTarget {
                name: tname.into(),
                kind: kind.into(),
                root: normalize(&path),
            });
        }
        if auto(autokey) {
            let mut discovered = Vec::new();
            if kind == "bin" && dir.join("src/main.rs").is_file() {
                discovered.push((name.to_string(), dir.join("src/main.rs")));
            }
            discovered.extend(auto_targets(&dir.join(folder)));
            for (tname, path) in discovered {
                let path = normalize(&path);
                if !found.iter().any(|t| t.name == tname || t.root == path) {
                    found.push(MemberTarget {
                        name: tname,
                        kind: kind.into(),
                        root: path,
                    });
                }
            }
        }
        out.extend(found);
    }

    let build = match pkg.get("build") {
        Some(Value::String(path)) => Some(dir.join(path)),
        Some(Value::Boolean(false)) => None,
        _ => Some(dir.join("build.rs")).filter(|p| p.is_file()),
    };
    if let Some(path) = build {
        out.push(MemberTarget {
            name: "build-script-build".into(),
            kind: "custom-build".into(),
            root: normalize(&path),
        });
    }
    out
}

/// `folder/*.rs` and `folder/*/main.rs`, sorted by name.
fn auto_targets(folder: &Path) -> Vec<(String, PathBuf)> {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for entry in entries.flatten() {
        let path = entry.path();
        let Some(stem) = path.file_stem().and_then(|s| s.to_str()).map(String::from) else {
            continue;
        };
        if path.is_file() && path.extension().is_some_and(|e| e == "rs") {
            out.push((stem, path));
        } else if path.join("main.rs").is_file() {
            out.push((stem, path.join("main.rs")));
        }
    }
    out.sort();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cargo_stderr_is_cut_to_the_error() {
        let stderr = "    Updating index\nerror: failed to load manifest for workspace member `/w/crates/b`\n\nCaused by:\n  bad toml\n";
        assert_eq!(
            first_error_lines(stderr),
            "error: failed to load manifest for workspace member `/w/crates/b` Caused by: bad toml"
        );
    }

    #[test]
    fn dependency_names_follow_renames_and_targets() {
        let table: Table = r#"
            [package]
            name = "x"
            [dependencies]
            tokio = "1"
            fast = { package = "rayon", version = "1" }
            [target.'cfg(unix)'.dev-dependencies]
            arrow = "50"
        "#
        .parse()
        .unwrap();
        let member = package(Path::new("/nowhere"), &table).unwrap();
        assert_eq!(
            member.dependencies,
            ["arrow", "rayon", "tokio"],
            "renamed deps use the package name"
        );
    }
}
