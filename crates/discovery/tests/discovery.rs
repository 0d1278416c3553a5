//! Discovery end to end: every fixture workspace shape and every bad input
//! the product spec names (no manifest, broken member, unparsable file,
//! symlink loop, unreadable folder, non-UTF-8 name, huge file, empty workspace).

use std::path::{Path, PathBuf};

use memaudit_discovery::{discover, load_scope, score, DiscoverOptions, DiscoveryError, Workspace};
use memaudit_model::{Priority, Scope};

/// Each file of a crate as "path tree" or "path stray".
fn tree_or_stray(c: &memaudit_discovery::CrateInfo) -> Vec<String> {
    c.files
        .iter()
        .map(|f| {
            format!(
                "{} {}",
                f.path,
                if f.in_module_tree { "tree" } else { "stray" }
            )
        })
        .collect()
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/workspaces")
        .join(name)
}

fn fallback() -> DiscoverOptions {
    DiscoverOptions {
        use_cargo_metadata: false,
        ..DiscoverOptions::default()
    }
}

/// The scope as JSON with the absolute workspace path replaced, so snapshots
/// hold on any machine.
fn redacted(scope: &Scope) -> serde_json::Value {
    let text = serde_json::to_string(scope)
        .unwrap()
        .replace(&scope.workspace, "[workspace]");
    serde_json::from_str(&text).unwrap()
}

fn scope_of(name: &str, opts: &DiscoverOptions) -> Scope {
    load_scope(&fixture(name), None, opts).unwrap_or_else(|e| panic!("fixture {name}: {e}"))
}

fn priorities(scope: &Scope) -> Vec<String> {
    scope
        .crates
        .iter()
        .map(|c| format!("{} {}", c.name, c.priority))
        .collect()
}

fn warnings(scope_or_ws: &[memaudit_model::Warning]) -> Vec<String> {
    scope_or_ws.iter().map(ToString::to_string).collect()
}

/// A temp copy of a fixture, for tests that write into it.
fn copy_fixture(name: &str) -> tempfile::TempDir {
    fn copy(from: &Path, to: &Path) {
        std::fs::create_dir_all(to).unwrap();
        for entry in std::fs::read_dir(from).unwrap() {
            let entry = entry.unwrap();
            let target = to.join(entry.file_name());
            if entry.file_type().unwrap().is_dir() {
                copy(&entry.path(), &target);
            } else {
                std::fs::copy(entry.path(), target).unwrap();
            }
        }
    }
    let dir = tempfile::tempdir().unwrap();
    copy(&fixture(name), dir.path());
    dir
}

/// A one-crate workspace in a temp dir with the given files.
fn temp_crate(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let all = [(
        "Cargo.toml",
        "[package]\nname = \"tmp\"\nversion = \"0.1.0\"\nedition = \"2021\"\n",
    )];
    for (path, text) in all.iter().chain(files) {
        let p = dir.path().join(path);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }
    dir
}

// ---- fixture shapes -------------------------------------------------------

#[test]
fn snapshot_virtual_workspace() {
    insta::assert_json_snapshot!(
        "virtual",
        redacted(&scope_of("virtual", &DiscoverOptions::default()))
    );
}

#[test]
fn snapshot_single_crate() {
    insta::assert_json_snapshot!(
        "single",
        redacted(&scope_of("single", &DiscoverOptions::default()))
    );
}

#[test]
fn snapshot_multi_target() {
    insta::assert_json_snapshot!(
        "multi_target",
        redacted(&scope_of("multi_target", &DiscoverOptions::default()))
    );
}

#[test]
fn snapshot_spec_example() {
    insta::assert_json_snapshot!(
        "spec_example",
        redacted(&scope_of("spec_example", &DiscoverOptions::default()))
    );
}

#[test]
fn snapshot_unparsable() {
    insta::assert_json_snapshot!(
        "unparsable",
        redacted(&scope_of("unparsable", &DiscoverOptions::default()))
    );
}

#[test]
fn snapshot_broken_member_from_manifests() {
    // Read directly: cargo's own error text varies between cargo versions.
    insta::assert_json_snapshot!(
        "broken_member",
        redacted(&scope_of("broken_member", &fallback()))
    );
}

#[test]
fn virtual_workspace_members_exclusions_and_path_deps() {
    let ws = discover(&fixture("virtual"), &DiscoverOptions::default()).unwrap();
    let dirs: Vec<(&str, &str)> = ws
        .crates
        .iter()
        .map(|c| (c.name.as_str(), c.dir.as_str()))
        .collect();
    assert_eq!(
        dirs,
        [
            ("core_lib", "crates/core"),
            ("shared", "libs/shared"),
            ("inner_tool", "tools/nested/inner")
        ],
        "glob members, the nested member and the path dependency are in; the excluded crate is out"
    );
    assert!(
        ws.warnings.is_empty(),
        "a clean workspace has no warnings: {:?}",
        ws.warnings
    );
}

#[test]
fn discovery_from_any_path_inside_finds_the_same_root() {
    let root = fixture("virtual").canonicalize().unwrap();
    for inside in [
        "crates/core/src",
        "crates/core/src/model.rs",
        "tools/nested/inner",
        "libs/shared/src/lib.rs",
        ".",
    ] {
        let ws = discover(
            &fixture("virtual").join(inside),
            &DiscoverOptions::default(),
        )
        .unwrap();
        assert_eq!(ws.root, root, "discovering from {inside}");
    }
    // The excluded crate is not part of the workspace: it stands alone.
    let alone = discover(&fixture("virtual").join("crates/skipped"), &fallback()).unwrap();
    assert_eq!(
        alone.root,
        root.join("crates/skipped"),
        "an excluded member is its own root"
    );
}

#[test]
fn cargo_metadata_and_manifest_reading_agree() {
    for name in [
        "virtual",
        "single",
        "multi_target",
        "spec_example",
        "unparsable",
        "empty",
    ] {
        let with_cargo = discover(&fixture(name), &DiscoverOptions::default()).unwrap();
        let without = discover(&fixture(name), &fallback()).unwrap();
        let shape = |ws: &Workspace| -> Vec<String> {
            ws.crates
                .iter()
                .flat_map(|c| {
                    let mut targets: Vec<String> = c
                        .targets
                        .iter()
                        .map(|t| format!("{} {} {} {}", c.name, t.kind, t.name, t.root))
                        .collect();
                    targets.sort();
                    targets
                        .into_iter()
                        .chain(
                            c.files
                                .iter()
                                .map(|f| format!("{} {} {}", c.name, f.path, f.in_module_tree)),
                        )
                        .chain(c.dependencies.iter().map(|d| format!("{} dep {d}", c.name)))
                })
                .collect()
        };
        assert_eq!(
            shape(&with_cargo),
            shape(&without),
            "fixture {name}: cargo metadata vs reading manifests"
        );
    }
}

#[test]
fn multi_target_module_tree() {
    let ws = discover(&fixture("multi_target"), &DiscoverOptions::default()).unwrap();
    let c = &ws.crates[0];
    let files = tree_or_stray(c);
    assert_eq!(
        files,
        [
            "benches/speed.rs tree",
            "build.rs tree",
            "examples/demo.rs tree",
            "src/bin/daemon/helper.rs tree",
            "src/bin/daemon/main.rs tree",
            "src/bin/tool.rs tree",
            "src/gen/generated.rs tree",
            "src/gen/sibling.rs tree",
            "src/lib.rs tree",
            "src/main.rs tree",
            "src/net.rs tree",
            "src/net/http.rs tree",
            "src/outer/custom/deep.rs tree",
            "src/outer/inner.rs tree",
            "tests/it.rs tree",
        ],
        "#[path], inline modules, non-mod-rs folders and every target kind are followed"
    );
    let kinds: Vec<&str> = c.targets.iter().map(|t| t.kind.as_str()).collect();
    for kind in ["lib", "bin", "example", "test", "bench", "custom-build"] {
        assert!(kinds.contains(&kind), "target kind {kind} in {kinds:?}");
    }
}

#[test]
fn single_crate_lists_stray_files() {
    let ws = discover(&fixture("single"), &DiscoverOptions::default()).unwrap();
    let orphan = ws.crates[0]
        .files
        .iter()
        .find(|f| f.path == "src/orphan.rs")
        .expect("stray file listed");
    assert!(
        !orphan.in_module_tree,
        "a file no `mod` declares is marked as outside the module tree"
    );
}

#[test]
fn spec_example_priorities() {
    let scope = scope_of("spec_example", &DiscoverOptions::default());
    assert_eq!(
        priorities(&scope),
        [
            "casparian_worker P0",
            "casparian_scout P1",
            "casparian_tui P1",
            "casparian_auth P3"
        ],
        "the workflow spec's example: worker P0, scout and TUI P1, auth P3"
    );
    let bridge = scope.crates[0]
        .files
        .iter()
        .find(|f| f.path.ends_with("bridge.rs"))
        .unwrap();
    assert_eq!(bridge.priority, Priority::P0);
    assert!(
        bridge
            .reasons
            .iter()
            .any(|r| r.signal == "code:async_file_open" && r.line == Some(8)),
        "the async file open is a reason with its line: {:#?}",
        bridge.reasons
    );
}

#[test]
fn empty_workspace_has_no_crates() {
    let scope = scope_of("empty", &DiscoverOptions::default());
    assert!(scope.crates.is_empty(), "no members, no crates");
    assert!(
        scope.warnings.is_empty(),
        "an empty workspace is not a problem: {:?}",
        scope.warnings
    );
}

// ---- bad inputs -----------------------------------------------------------

#[test]
fn no_manifest_is_an_error_naming_the_path() {
    let dir = tempfile::tempdir().unwrap();
    let err = discover(dir.path(), &DiscoverOptions::default()).unwrap_err();
    assert!(
        matches!(err, DiscoveryError::NoManifest { .. }),
        "got {err:?}"
    );
    assert!(
        err.to_string().contains(&dir.path().display().to_string()),
        "message names the path: {err}"
    );
}

#[test]
fn a_missing_path_is_an_io_error_naming_it() {
    let err = discover(
        Path::new("/no/such/folder/anywhere"),
        &DiscoverOptions::default(),
    )
    .unwrap_err();
    assert!(matches!(err, DiscoveryError::Io { .. }), "got {err:?}");
    assert!(
        err.to_string().contains("/no/such/folder/anywhere"),
        "message names the path: {err}"
    );
}

#[test]
fn broken_member_with_cargo_keeps_the_good_crates() {
    let ws = discover(&fixture("broken_member"), &DiscoverOptions::default()).unwrap();
    let crates: Vec<(&str, bool)> = ws
        .crates
        .iter()
        .map(|c| (c.name.as_str(), c.error.is_some()))
        .collect();
    assert_eq!(
        crates,
        [("bad", true), ("good", false)],
        "cargo fails for the whole workspace; the fallback still finds the good crate"
    );
    let w = warnings(&ws.warnings);
    assert!(
        w.iter().any(|w| w.contains("`cargo metadata` failed")),
        "the cargo failure is reported: {w:?}"
    );
    assert!(
        w.iter()
            .any(|w| w.starts_with("crates/bad/Cargo.toml: invalid Cargo.toml")),
        "the broken manifest is named: {w:?}"
    );
}

#[test]
fn unparsable_file_is_listed_with_a_warning_and_line() {
    let scope = scope_of("unparsable", &DiscoverOptions::default());
    let w = warnings(&scope.warnings);
    assert!(
        w.iter()
            .any(|w| w.starts_with("src/broken.rs:3: syn could not parse")),
        "warning with file and line: {w:?}"
    );
    let broken = scope.crates[0]
        .files
        .iter()
        .find(|f| f.path == "src/broken.rs")
        .expect("still listed");
    assert!(
        broken.reasons.iter().any(|r| r.signal == "parse:skipped"),
        "the reason says it was not parsed"
    );
    let fine = scope.crates[0]
        .files
        .iter()
        .find(|f| f.path == "src/fine.rs")
        .unwrap();
    assert!(
        fine.priority <= Priority::P1 && fine.reasons.iter().any(|r| r.signal == "code:file_io"),
        "the rest of the crate is scored from its code (a public function that opens a file): {:#?}",
        fine.reasons
    );
}

#[cfg(unix)]
#[test]
fn symlink_loop_is_a_warning() {
    let dir = temp_crate(&[("src/lib.rs", "pub fn f() {}\n"), ("src/sub/a.rs", "")]);
    std::os::unix::fs::symlink(dir.path().join("src"), dir.path().join("src/sub/again")).unwrap();
    let ws = discover(dir.path(), &fallback()).unwrap();
    let w = warnings(&ws.warnings);
    assert!(
        w.iter().any(|w| w.contains("symlink loop")),
        "loop reported: {w:?}"
    );
    let files: Vec<&str> = ws.crates[0].files.iter().map(|f| f.path.as_str()).collect();
    assert!(
        files.contains(&"src/sub/a.rs") && files.contains(&"src/lib.rs"),
        "files still found: {files:?}"
    );
}

#[cfg(unix)]
#[test]
fn symlink_out_of_the_workspace_is_not_followed() {
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("secret.rs"), "").unwrap();
    let dir = temp_crate(&[("src/lib.rs", "")]);
    std::os::unix::fs::symlink(outside.path(), dir.path().join("src/elsewhere")).unwrap();
    let ws = discover(dir.path(), &fallback()).unwrap();
    assert!(
        ws.crates[0]
            .files
            .iter()
            .all(|f| !f.path.contains("secret")),
        "nothing from outside the workspace"
    );
    assert!(
        warnings(&ws.warnings)
            .iter()
            .any(|w| w.contains("outside the workspace")),
        "{:?}",
        ws.warnings
    );
}

#[cfg(unix)]
#[test]
fn unreadable_folder_is_a_warning_or_readable_as_root() {
    use std::os::unix::fs::PermissionsExt;
    let dir = temp_crate(&[("src/lib.rs", ""), ("src/private/x.rs", "")]);
    let private = dir.path().join("src/private");
    std::fs::set_permissions(&private, std::fs::Permissions::from_mode(0o000)).unwrap();
    // Root (CAP_DAC_OVERRIDE) reads the folder anyway; then the honest
    // expectation is that the file is found, not that a warning appears.
    let enforced = std::fs::read_dir(&private).is_err();
    let ws = discover(dir.path(), &fallback()).unwrap();
    std::fs::set_permissions(&private, std::fs::Permissions::from_mode(0o755)).unwrap();
    let files: Vec<&str> = ws.crates[0].files.iter().map(|f| f.path.as_str()).collect();
    if enforced {
        let w = warnings(&ws.warnings);
        assert!(
            w.iter()
                .any(|w| w.starts_with("src/private: cannot read this folder")),
            "warning names the folder: {w:?}"
        );
        assert_eq!(files, ["src/lib.rs"], "the rest is still found");
    } else {
        assert_eq!(
            files,
            ["src/lib.rs", "src/private/x.rs"],
            "as root the folder is readable and listed"
        );
    }
}

#[cfg(unix)]
#[test]
fn non_utf8_file_name_is_skipped_with_a_lossy_warning() {
    use std::os::unix::ffi::OsStrExt;
    let dir = temp_crate(&[("src/lib.rs", "")]);
    let name = std::ffi::OsStr::from_bytes(b"caf\xe9.rs");
    std::fs::write(dir.path().join("src").join(name), "").unwrap();
    let ws = discover(dir.path(), &fallback()).unwrap();
    let w = warnings(&ws.warnings);
    assert!(
        w.iter()
            .any(|w| w.contains("not valid UTF-8") && w.contains("src/caf\u{FFFD}.rs")),
        "{w:?}"
    );
    assert_eq!(ws.crates[0].files.len(), 1, "only the valid file is listed");
}

#[test]
fn huge_file_is_listed_but_not_parsed() {
    let dir = temp_crate(&[("src/lib.rs", "mod huge;\n")]);
    // 50 MB of valid Rust, written in chunks.
    let mut text = String::with_capacity(1 << 20);
    for i in 0..20_000 {
        text.push_str(&format!(
            "pub fn f{i}() {{ let v: Vec<u8> = Vec::new(); drop(v); }}\n"
        ));
    }
    let mut out =
        std::io::BufWriter::new(std::fs::File::create(dir.path().join("src/huge.rs")).unwrap());
    let mut written = 0usize;
    while written < 50 * 1024 * 1024 {
        std::io::Write::write_all(&mut out, text.as_bytes()).unwrap();
        written += text.len();
    }
    drop(out);
    let scope = load_scope(dir.path(), None, &fallback()).unwrap();
    let w = warnings(&scope.warnings);
    assert!(
        w.iter()
            .any(|w| w.starts_with("src/huge.rs:") && w.contains("above the 10.0 MiB limit")),
        "{w:?}"
    );
    let huge = scope.crates[0]
        .files
        .iter()
        .find(|f| f.path == "src/huge.rs")
        .expect("listed");
    assert!(
        huge.lines > 500_000,
        "lines are still counted: {}",
        huge.lines
    );
    assert!(
        huge.reasons.iter().any(|r| r.signal == "parse:skipped"),
        "reason says why it has no code signals"
    );
}

#[test]
fn hand_built_workspace_is_parsed_by_score() {
    let mut ws = discover(&fixture("spec_example"), &DiscoverOptions::default()).unwrap();
    let expected = score(&ws);
    for c in &mut ws.crates {
        for f in &mut c.files {
            f.signals = None;
        }
    }
    assert_eq!(
        score(&ws),
        expected,
        "score parses files that discovery did not"
    );
}

#[test]
fn a_function_run_once_that_loops_over_the_input_is_hot_and_main_stays_the_entry() {
    let dir = temp_crate(&[(
        "src/main.rs",
        "fn main() {\n    let mut lines = std::io::stdin().lines();\n    consume(&mut lines);\n    loop { if lines.next().is_none() { break; } }\n}\nfn consume(lines: &mut std::io::Lines<std::io::StdinLock<'_>>) {\n    while let Some(Ok(line)) = lines.next() {\n        print(&line);\n    }\n}\nfn print(l: &str) { let _ = l; }\nfn load_config() { for _ in 0..3 {} }\n",
    )]);
    let scope = score(&discover(dir.path(), &DiscoverOptions::default()).unwrap());
    let fns = &scope.crates[0].files[0].functions;
    let of = |n: &str| {
        fns.iter()
            .find(|f| f.name == n)
            .unwrap_or_else(|| panic!("{n} in {fns:?}"))
    };
    let consume = of("consume");
    assert_eq!(consume.priority, Priority::P1, "{consume:?}");
    assert!(
        consume
            .reason
            .starts_with("holds the loop over the program's input (`while` loop at line 7)"),
        "{consume:?}"
    );
    assert_eq!(of("print").priority, Priority::P1, "called per line");
    assert_eq!(of("main").priority, Priority::P3, "the entry itself");
}

#[test]
fn a_binary_calls_its_library_by_the_lib_name() {
    let dir = tempfile::tempdir().unwrap();
    for (path, text) in [
        (
            "Cargo.toml",
            "[package]\nname = \"disk-tool\"\nversion = \"0.1.0\"\nedition = \"2021\"\n\n[lib]\nname = \"dt\"\npath = \"src/lib.rs\"\n",
        ),
        ("src/lib.rs", "pub mod snapshot;\n"),
        (
            "src/snapshot.rs",
            "pub fn write(nodes: &[u32]) -> usize {\n    let mut n = 0;\n    for x in nodes { n += encode(*x); }\n    n\n}\nfn encode(x: u32) -> usize { x as usize }\n",
        ),
        (
            "src/main.rs",
            "fn main() {\n    let mut lines = std::io::stdin().lines();\n    while let Some(Ok(line)) = lines.next() {\n        let nodes: Vec<u32> = line.bytes().map(u32::from).collect();\n        dt::snapshot::write(&nodes);\n    }\n}\n",
        ),
    ] {
        let p = dir.path().join(path);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }
    let scope = score(&discover(dir.path(), &DiscoverOptions::default()).unwrap());
    let write = scope.crates[0]
        .files
        .iter()
        .flat_map(|f| &f.functions)
        .find(|f| f.name == "write")
        .expect("snapshot::write is listed");
    assert!(
        write.reason.contains("main"),
        "`dt::snapshot::write` from the binary is an edge of the graph: {write:?}"
    );
    assert!(write.priority <= Priority::P1, "{write:?}");
}

// ---- scope.md and overrides -------------------------------------------------

const USER_SCOPE_MD: &str = "# Memory Audit Scope

**Session:** memory_audit_001
**Started:** 2026-01-14
**Auto-discovered:** Yes
**Focus:** arena

## Discovered Targets (auto-prioritized)

### P0 - Critical (processes user data)
- stale generated content that is replaced

## User Overrides (optional)
<!-- Uncomment to customize -->

### Force Include
- crates/casparian_auth/src/lib.rs
- crates/casparian_worker/generated/hot.rs
- crates/nothing/here.rs

### Force Exclude
- crates/*/src/config.rs
- crates/casparian_auth

### Force Priority
- crates/casparian_tui: P0
- bogus line

## Focus Areas
- Arena opportunities in file processing
- My own note: look at bridge.rs first
";

/// The spec example with a user-written scope.md and a git-ignored file.
fn spec_example_with_scope_md() -> tempfile::TempDir {
    let dir = copy_fixture("spec_example");
    let session = dir.path().join("specs/meta/sessions/memory_audit_001");
    std::fs::create_dir_all(&session).unwrap();
    std::fs::write(session.join("scope.md"), USER_SCOPE_MD).unwrap();
    std::fs::write(dir.path().join(".gitignore"), "generated/\n").unwrap();
    let generated = dir.path().join("crates/casparian_worker/generated");
    std::fs::create_dir_all(&generated).unwrap();
    std::fs::write(
        generated.join("hot.rs"),
        "pub fn read() { let _ = std::fs::File::open(\"x\"); }\n",
    )
    .unwrap();
    dir
}

const SCOPE_MD: &str = "specs/meta/sessions/memory_audit_001/scope.md";

#[test]
fn overrides_from_scope_md_take_effect_and_report_it() {
    let dir = spec_example_with_scope_md();
    let scope = load_scope(dir.path(), Some(Path::new(SCOPE_MD)), &fallback()).unwrap();
    let effects: Vec<String> = scope
        .effects
        .iter()
        .map(|e| format!("{} {}: {}", e.kind, e.pattern, e.summary))
        .collect();
    assert_eq!(
        effects,
        [
            "exclude crates/*/src/config.rs: excluded 1 file",
            "exclude crates/casparian_auth: excluded 0 files; 1 kept by Include",
            "include crates/casparian_auth/src/lib.rs: kept 1 file in scope",
            "include crates/casparian_worker/generated/hot.rs: added 1 file that discovery had left out",
            "include crates/nothing/here.rs: matched nothing",
            "force_priority crates/casparian_tui: set 1 crate and their files to P0",
        ],
        "every override says what it did"
    );
    assert_eq!(scope.excluded.len(), 1, "{:?}", scope.excluded);
    assert_eq!(
        scope.excluded[0].path,
        "crates/casparian_worker/src/config.rs"
    );
    assert_eq!(
        scope.focus,
        memaudit_model::Focus::Arena,
        "the Focus line is read"
    );
    let hot = scope
        .crates
        .iter()
        .flat_map(|c| &c.files)
        .find(|f| f.path.ends_with("generated/hot.rs"))
        .expect("included file added");
    assert_eq!(
        hot.priority,
        Priority::P1,
        "an added file is scored like any other: {:#?}",
        hot.reasons
    );
    assert!(hot.overridden.is_some(), "and marked as overridden");
    let tui = scope
        .crates
        .iter()
        .find(|c| c.name == "casparian_tui")
        .unwrap();
    assert!(
        tui.priority == Priority::P0 && tui.files.iter().all(|f| f.priority == Priority::P0),
        "forced crate and files"
    );
    let w = warnings(&scope.warnings);
    assert!(
        w.contains(&format!(
            "{SCOPE_MD}:27: expected `- path/or/glob: P0`, found `- bogus line`"
        )),
        "malformed line reported with file and line: {w:?}"
    );
}

#[test]
fn render_keeps_user_sections_and_is_stable() {
    let dir = spec_example_with_scope_md();
    let scope = load_scope(dir.path(), Some(Path::new(SCOPE_MD)), &fallback()).unwrap();
    let once = memaudit_discovery::scope_md::render(
        &scope,
        "memory_audit_001",
        "2026-01-14",
        Some(USER_SCOPE_MD),
    );
    for kept in [
        "### Force Exclude\n- crates/*/src/config.rs",
        "- My own note: look at bridge.rs first",
        "- bogus line",
        "**Focus:** arena",
    ] {
        assert!(
            once.contains(kept),
            "user text `{kept}` kept verbatim:\n{once}"
        );
    }
    assert!(
        !once.contains("stale generated content"),
        "generated section replaced:\n{once}"
    );
    let twice =
        memaudit_discovery::scope_md::render(&scope, "memory_audit_001", "2026-01-14", Some(&once));
    assert_eq!(once, twice, "rendering over its own output changes nothing");
    let (reparsed, _) = memaudit_discovery::scope_md::parse(&once);
    assert_eq!(
        reparsed, scope.overrides,
        "the rendered file parses back to the same overrides"
    );
    insta::assert_snapshot!("spec_example_scope_md", once);
}

#[test]
fn fresh_scope_md_has_the_spec_shape() {
    let scope = scope_of("spec_example", &DiscoverOptions::default());
    let md = memaudit_discovery::scope_md::render(&scope, "memory_audit_001", "2026-01-14", None);
    insta::assert_snapshot!("spec_example_fresh_scope_md", md);
    let (overrides, warnings) = memaudit_discovery::scope_md::parse(&md);
    assert!(
        warnings.is_empty(),
        "a fresh file parses cleanly: {warnings:?}"
    );
    assert!(
        overrides.include.is_empty() && overrides.exclude.is_empty(),
        "commented examples are not overrides"
    );
}

#[test]
fn missing_scope_md_is_not_an_error() {
    let scope = load_scope(
        &fixture("single"),
        Some(Path::new("no/such/scope.md")),
        &DiscoverOptions::default(),
    )
    .unwrap();
    assert!(scope.effects.is_empty(), "nothing applied");
}

#[test]
fn files_pasted_in_by_include_are_in_the_module_tree() {
    let ws = discover(&fixture("included"), &DiscoverOptions::default()).unwrap();
    let files = tree_or_stray(&ws.crates[0]);
    assert_eq!(
        files,
        [
            "src/columns.rs tree",
            "src/columns/env.rs tree",
            "src/columns/os_linux.rs tree",
            "src/columns/os_other.rs tree",
            "src/lib.rs tree",
        ],
        "an included file is the includer's module; its `mod env;` loads from the includer's folder"
    );
}
