//! Writing the session folder and exports: the layout, atomicity, and the
//! refusals (unsafe names, symlink escapes, unwritable folders).

use std::fs;
use std::path::{Path, PathBuf};

use memaudit_render::files::{session_dir, write_export, write_session_files};
use memaudit_render::RenderError;

use crate::fixture;

fn rel(root: &Path, files: &[PathBuf]) -> Vec<String> {
    files
        .iter()
        .map(|f| {
            f.strip_prefix(root)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/")
        })
        .collect()
}

/// Files in `dir` (recursively) whose name marks them as leftovers of an
/// interrupted atomic write.
fn temp_leftovers(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(temp_leftovers(&path));
        } else if path
            .file_name()
            .unwrap()
            .to_string_lossy()
            .starts_with(".memaudit-")
        {
            out.push(path);
        }
    }
    out
}

#[test]
fn the_session_folder_has_the_spec_layout() {
    let root = tempfile::tempdir().unwrap();
    let export = fixture::export();
    let written =
        write_session_files(root.path(), &export, Some("# Memory Audit Scope\n")).unwrap();
    let base = "specs/meta/sessions/memory_audit_001";
    assert_eq!(
        rel(root.path(), &written),
        [
            format!("{base}/round_001/analyst.md"),
            format!("{base}/round_001/validator.md"),
            format!("{base}/round_001/report.md"),
            format!("{base}/round_002/analyst.md"),
            format!("{base}/round_002/validator.md"),
            format!("{base}/round_002/report.md"),
            format!("{base}/decisions.md"),
            format!("{base}/status.md"),
            format!("{base}/scope.md"),
        ]
    );
    let dir = root.path().join(base);
    let analyst2 = fs::read_to_string(dir.join("round_002/analyst.md")).unwrap();
    assert!(
        !analyst2.contains("## Finding: F-001"),
        "fixed findings are not re-listed"
    );
    assert!(analyst2.contains("## Finding: F-005"));
    let report1 = fs::read_to_string(dir.join("round_001/report.md")).unwrap();
    assert!(report1.starts_with("## Memory Audit Report - Round 1\n"));
    assert_eq!(
        fs::read_to_string(dir.join("scope.md")).unwrap(),
        "# Memory Audit Scope\n"
    );
    assert!(
        temp_leftovers(root.path()).is_empty(),
        "no temporary files left"
    );

    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = fs::metadata(dir.join("status.md"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(
            mode & 0o777,
            0o644,
            "documents are readable like any source file"
        );
    }

    // Rewriting replaces files in place and leaves nothing behind.
    let again = write_session_files(root.path(), &export, None).unwrap();
    assert_eq!(again.len(), 8, "no scope.md without scope text");
    assert_eq!(
        fs::read_to_string(dir.join("scope.md")).unwrap(),
        "# Memory Audit Scope\n"
    );
    assert!(temp_leftovers(root.path()).is_empty());
}

#[test]
fn a_round_without_report_gets_a_placeholder() {
    let root = tempfile::tempdir().unwrap();
    let mut export = fixture::export();
    export.rounds[1].report = None;
    export.rounds[1].status = memaudit_model::RoundStatus::Interrupted;
    export.rounds[1].error = Some(format!("{}/src/x.rs: cancelled", fixture::WORKSPACE));
    write_session_files(root.path(), &export, None).unwrap();
    let report = fs::read_to_string(
        root.path()
            .join("specs/meta/sessions/memory_audit_001/round_002/report.md"),
    )
    .unwrap();
    assert_eq!(
        report,
        "## Memory Audit Report - Round 2\n\nNo report yet: the round is interrupted.\n\n**Error:** src/x.rs: cancelled\n"
    );
}

#[test]
fn unsafe_session_names_are_refused() {
    let root = tempfile::tempdir().unwrap();
    for name in [
        "../x",
        "/abs",
        "a/b",
        "",
        "..",
        "a\\b",
        "x/../../y",
        "name with space",
    ] {
        let err = session_dir(root.path(), name).expect_err(name);
        assert!(
            matches!(err, RenderError::UnsafeSessionName { .. }),
            "{name:?} → {err}"
        );
        let mut export = fixture::export();
        export.session.name = name.to_owned();
        let err = write_session_files(root.path(), &export, None).expect_err(name);
        assert!(
            matches!(err, RenderError::UnsafeSessionName { .. }),
            "{name:?} → {err}"
        );
    }
    assert!(
        fs::read_dir(root.path()).unwrap().next().is_none(),
        "nothing was created for refused names"
    );
}

#[cfg(unix)]
#[test]
fn symlinks_leading_outside_are_refused() {
    use std::os::unix::fs::symlink;
    let outside = tempfile::tempdir().unwrap();

    // The session folder itself is a link to somewhere else.
    let root = tempfile::tempdir().unwrap();
    let sessions = root.path().join("specs/meta/sessions");
    fs::create_dir_all(&sessions).unwrap();
    symlink(outside.path(), sessions.join("memory_audit_001")).unwrap();
    let err = write_session_files(root.path(), &fixture::export(), None).unwrap_err();
    assert!(matches!(err, RenderError::UnsafePath { .. }), "{err}");
    assert!(
        err.to_string().contains("memory_audit_001"),
        "names the path: {err}"
    );

    // A folder above the sessions folder is a link out of the workspace.
    let root = tempfile::tempdir().unwrap();
    fs::create_dir_all(root.path().join("specs")).unwrap();
    symlink(outside.path(), root.path().join("specs/meta")).unwrap();
    let err = session_dir(root.path(), "memory_audit_001").unwrap_err();
    assert!(matches!(err, RenderError::UnsafePath { .. }), "{err}");

    // A round folder links out of the sessions folder.
    let root = tempfile::tempdir().unwrap();
    let dir = root.path().join("specs/meta/sessions/memory_audit_001");
    fs::create_dir_all(&dir).unwrap();
    symlink(outside.path(), dir.join("round_002")).unwrap();
    let err = write_session_files(root.path(), &fixture::export(), None).unwrap_err();
    assert!(matches!(err, RenderError::UnsafePath { .. }), "{err}");

    assert!(
        fs::read_dir(outside.path()).unwrap().next().is_none(),
        "nothing was written outside"
    );

    // A link that stays inside the workspace is fine.
    let root = tempfile::tempdir().unwrap();
    fs::create_dir_all(root.path().join("docs/specs")).unwrap();
    symlink(root.path().join("docs/specs"), root.path().join("specs")).unwrap();
    write_session_files(root.path(), &fixture::export(), None).expect("inside links are fine");
    assert!(root
        .path()
        .join("docs/specs/meta/sessions/memory_audit_001/status.md")
        .is_file());
}

/// A folder the process cannot write to. Root ignores permission bits, so
/// when they do not stop us (CI runs as root) the test uses `/proc`, where
/// nobody can create files.
fn unwritable_root() -> (Option<tempfile::TempDir>, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o555)).unwrap();
        if fs::write(dir.path().join("probe"), "x").is_err() {
            let path = dir.path().to_owned();
            return (Some(dir), path);
        }
        fs::remove_file(dir.path().join("probe")).unwrap();
        fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o755)).unwrap();
    }
    (None, PathBuf::from("/proc/self"))
}

#[cfg(target_os = "linux")]
#[test]
fn an_unwritable_folder_gives_an_error_naming_the_path() {
    let (_keep, root) = unwritable_root();
    let err = write_session_files(&root, &fixture::export(), None).unwrap_err();
    assert!(matches!(err, RenderError::Io { .. }), "{err}");
    let message = err.to_string();
    assert!(
        message.contains(&root.join("specs").display().to_string()),
        "the message names the folder: {message}"
    );

    let target = root.join("export.json");
    let err = write_export(&target, "{}").unwrap_err();
    assert!(matches!(err, RenderError::Io { .. }), "{err}");
    assert!(
        err.to_string().contains(&root.display().to_string()),
        "{err}"
    );
}

#[test]
fn a_file_in_the_way_gives_an_error_naming_the_path() {
    let root = tempfile::tempdir().unwrap();
    fs::write(root.path().join("specs"), "not a folder").unwrap();
    let err = write_session_files(root.path(), &fixture::export(), None).unwrap_err();
    let message = err.to_string();
    assert!(message.contains("specs"), "{message}");
}

#[test]
fn exports_are_written_atomically_where_asked() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("session.sarif");
    write_export(&path, "first").unwrap();
    write_export(&path, "second").unwrap();
    assert_eq!(fs::read_to_string(&path).unwrap(), "second");
    assert!(
        temp_leftovers(dir.path()).is_empty(),
        "no temporary files left"
    );

    let check = |path: PathBuf| {
        let err = write_export(&path, "x").unwrap_err();
        assert!(
            matches!(err, RenderError::InvalidExportPath { .. }),
            "{} → {err}",
            path.display()
        );
    };
    check(dir.path().join("missing/out.json"));
    check(dir.path().to_owned());
    check(dir.path().join(".."));
    check(dir.path().join("sub/.."));
    fs::create_dir(dir.path().join("folder")).unwrap();
    check(dir.path().join("folder"));
}
