//! Parsing and attribution of committed real profiles: one written by
//! valgrind DHAT (the `alloc_fixture` test, trimmed to the program points that
//! matter plus a few of libtest's, paths rewritten to `/ws`), one written by
//! dhat-rs (`tests/fixtures/profile/dhat_rs_fixture`), and broken copies.

use std::path::{Path, PathBuf};

use memaudit_profile::{attribute, parse_file, ProfileError, Tool, WorkspaceFiles};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/profile")
        .join(name)
}

/// `(file, line, blocks, bytes)` of every site, heaviest first.
fn sites(profile: &str, workspace: &WorkspaceFiles) -> Vec<(String, u32, u64, u64)> {
    let p = parse_file(&fixture(profile)).expect("the committed profile parses");
    attribute(&p, workspace)
        .sites
        .into_iter()
        .map(|s| (s.file, s.line, s.total_blocks, s.total_bytes))
        .collect()
}

#[test]
fn a_valgrind_profile_parses_and_attributes() {
    let path = fixture("valgrind_alloc_fixture.json");
    let p = parse_file(&path).unwrap();
    assert_eq!(
        (p.tool, p.mode.as_str(), p.time_unit.as_str()),
        (Tool::Valgrind, "heap", "instrs")
    );
    assert_eq!(p.program_points.len(), 9);
    assert_eq!(p.frames.len(), 117);
    assert!(
        p.frames
            .iter()
            .any(|f| f.object.is_some() && f.file.is_none()),
        "frames without debug info keep their object file"
    );
    let ws = WorkspaceFiles::new(
        Path::new("/ws/alloc_fixture"),
        ["src/lib.rs".to_owned()],
        ["alloc_fixture".to_owned()],
    );
    let summary = attribute(&p, &ws);
    assert_eq!((summary.total_blocks, summary.total_bytes), (1019, 18960));
    assert_eq!(summary.peak_live_bytes, Some(176), "the sum of gb");
    let got = sites("valgrind_alloc_fixture.json", &ws);
    assert_eq!(
        got[0],
        ("src/lib.rs".to_owned(), 12, 1000, 16000),
        "{got:?}"
    );
    assert!(
        got.contains(&("src/lib.rs".to_owned(), 23, 10, 640)),
        "{got:?}"
    );
    assert!(
        got.iter().all(|s| s.1 != 1),
        "libtest's generated main (lib.rs:1) is never a site: {got:?}"
    );
    let labels = summary
        .functions
        .iter()
        .find(|f| f.function == "alloc_fixture::label_lengths");
    assert_eq!(labels.map(|f| f.total_blocks), Some(1000));
}

#[test]
fn a_dhat_rs_profile_parses_and_attributes_through_trimmed_paths() {
    let p = parse_file(&fixture("dhat_rs_heap.json")).unwrap();
    assert_eq!((p.tool, p.time_unit.as_str()), (Tool::DhatRs, "µs"));
    let ws = WorkspaceFiles::new(
        Path::new("/somewhere/else"),
        ["src/main.rs".to_owned()],
        ["dhat_rs_fixture".to_owned()],
    );
    let summary = attribute(&p, &ws);
    assert_eq!(
        summary.peak_live_bytes,
        Some(5056),
        "dhat-rs printed `At t-gmax: 5,056 bytes`"
    );
    assert_eq!(
        summary.at_exit_bytes,
        Some(1056),
        "dhat-rs printed `At t-end: 1,056 bytes`"
    );
    let got = sites("dhat_rs_heap.json", &ws);
    let f = |line, blocks, bytes| ("src/main.rs".to_owned(), line, blocks, bytes);
    assert_eq!(
        got,
        vec![
            f(9, 1, 2400),
            f(11, 100, 1600),
            f(25, 1, 1024),
            f(23, 1, 32)
        ],
        "`dhat_rs_fixture/src/main.rs` frames map to the workspace's src/main.rs"
    );
}

fn check_broken(name: &str, text: &str, line: usize, detail_has: &str) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, text).unwrap();
    match parse_file(&path) {
        Err(ProfileError::Malformed {
            path: p,
            line: l,
            detail,
            ..
        }) => {
            assert_eq!(p, path, "the error names the file");
            assert_eq!(l, line, "the error names the line: {detail}");
            assert!(
                detail.contains(detail_has),
                "{detail:?} should mention {detail_has:?}"
            );
        }
        other => panic!("{name}: expected Malformed, got {other:?}"),
    }
}

#[test]
fn truncated_and_malformed_profiles_name_file_and_position() {
    let full = std::fs::read_to_string(fixture("valgrind_alloc_fixture.json")).unwrap();
    // Cut in the middle of the frame table.
    let cut: String = full.lines().take(120).collect::<Vec<_>>().join("\n");
    check_broken("truncated.json", &cut, 120, "truncated");
    let broken = full.replacen("\"tb\":16000", "\"tb\":-16000", 1);
    let line = full[..full.find("\"tb\":16000").unwrap()].lines().count();
    check_broken("negative.json", &broken, line, "invalid value");
    let dhat_rs = std::fs::read_to_string(fixture("dhat_rs_heap.json")).unwrap();
    check_broken(
        "garbage.json",
        &dhat_rs.replacen("\"fs\": [", "\"fs\": [}", 1),
        25,
        "expected value",
    );
    assert!(
        matches!(
            parse_file(&fixture("missing.json")),
            Err(ProfileError::Io { .. })
        ),
        "a missing file is an I/O error"
    );
}
