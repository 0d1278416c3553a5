//! Reading DHAT JSON heap profiles (file version 2) into compact typed data.
//!
//! Both writers are read: valgrind's `--tool=dhat` (mode `heap`, frames like
//! `0x13AA67: crate::func (/abs/src/lib.rs:12)` or `0x1B9DD9: func (in /bin)`)
//! and dhat-rs (mode `rust-heap`, frames like
//! `0x5625…: crate::func (crate/src/lib.rs:12:5)` with paths trimmed to their
//! last components, `(???:0:0)` when a symbol has no location, and `mb`/`gb`/
//! `eb` optional). The profile is deserialised straight from a buffered
//! reader into typed structs: per-block access histograms (`acc`), lifetimes
//! and read/write counts are skipped without being kept, each frame string is
//! parsed as it is read (its text is never stored whole) and frame file paths
//! are interned, so a profile costs about one copy of what attribution needs.
//!
//! Version 1 profiles (`aps`) are refused with
//! [`ProfileError::UnsupportedVersion`]; non-heap modes (`ad-hoc`, `copy`)
//! with [`ProfileError::UnsupportedMode`]. This module does no attribution and
//! knows nothing about workspaces or findings.

use std::collections::HashMap;
use std::fmt;
use std::fs::File;
use std::io::{BufReader, Read};
use std::path::Path;

use serde::de::{DeserializeSeed, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};

use crate::{ProfileError, Result};

/// Which program wrote the profile, told apart by its `mode`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum Tool {
    /// valgrind `--tool=dhat` (mode `heap`, or no mode at all).
    Valgrind,
    /// The dhat crate (mode `rust-heap`).
    DhatRs,
}

/// One entry of the frame table, parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Frame {
    /// The symbol as written, e.g. `alloc_fixture::labels` or
    /// `with_capacity_in<u8, alloc::alloc::Global>` for an inlined frame.
    /// Empty for `[root]`; `???` when the writer had no symbol.
    pub function: String,
    /// Index into [`Profile::files`] of the source file, when the frame has
    /// debug info.
    pub file: Option<u32>,
    /// 1-based source line; 0 when unknown.
    pub line: u32,
    /// 1-based column (dhat-rs only); `None` when absent or 0.
    pub column: Option<u32>,
    /// Index into [`Profile::files`] of the object file for frames without
    /// debug info (`(in /path/binary)`).
    pub object: Option<u32>,
}

/// One program point: an allocation stack and what was allocated there.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct ProgramPoint {
    /// Total bytes allocated (`tb`).
    #[serde(rename = "tb")]
    pub total_bytes: u64,
    /// Total blocks allocated (`tbk`).
    #[serde(rename = "tbk")]
    pub total_blocks: u64,
    /// Bytes live at this point's own maximum (`mb`).
    #[serde(rename = "mb", default)]
    pub max_bytes: Option<u64>,
    #[serde(rename = "mbk", default)]
    pub max_blocks: Option<u64>,
    /// Bytes live from this point at the global peak (`gb`).
    #[serde(rename = "gb", default)]
    pub at_peak_bytes: Option<u64>,
    #[serde(rename = "gbk", default)]
    pub at_peak_blocks: Option<u64>,
    /// Bytes still live at exit (`eb`).
    #[serde(rename = "eb", default)]
    pub at_exit_bytes: Option<u64>,
    #[serde(rename = "ebk", default)]
    pub at_exit_blocks: Option<u64>,
    /// Frame indexes into [`Profile::frames`], innermost first.
    #[serde(rename = "fs")]
    pub frames: Vec<u32>,
}

/// A parsed DHAT profile.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Profile {
    pub tool: Tool,
    /// `heap` (valgrind) or `rust-heap` (dhat-rs).
    pub mode: String,
    /// The time unit of lifetimes: `instrs` (valgrind) or `µs` (dhat-rs).
    pub time_unit: String,
    /// The profiled command line (`cmd`).
    pub command: String,
    /// Interned frame file and object paths, as written in the profile.
    pub files: Vec<String>,
    /// The frame table (`ftbl`), index 0 being `[root]`.
    pub frames: Vec<Frame>,
    pub program_points: Vec<ProgramPoint>,
}

impl Profile {
    /// The source file of a frame, as written in the profile.
    pub fn frame_file(&self, frame: &Frame) -> Option<&str> {
        frame
            .file
            .and_then(|i| self.files.get(i as usize))
            .map(String::as_str)
    }
}

/// Reads and checks a profile file.
pub fn parse_file(path: &Path) -> Result<Profile> {
    let file = File::open(path).map_err(|source| ProfileError::Io {
        path: path.to_owned(),
        source,
    })?;
    parse_reader(BufReader::with_capacity(1 << 16, file), path)
}

/// Reads and checks a profile from any reader; `path` only names it in errors.
pub fn parse_reader(reader: impl Read, path: &Path) -> Result<Profile> {
    let raw: RawProfile = serde_json::from_reader(reader).map_err(|e| json_error(path, &e))?;
    if raw.version != 2 {
        return Err(ProfileError::UnsupportedVersion {
            path: path.to_owned(),
            version: raw.version,
        });
    }
    let mode = raw.mode.unwrap_or_else(|| "heap".to_owned());
    let tool = match mode.as_str() {
        "heap" => Tool::Valgrind,
        "rust-heap" => Tool::DhatRs,
        _ => {
            return Err(ProfileError::UnsupportedMode {
                path: path.to_owned(),
                mode,
            })
        }
    };
    let table = raw.ftbl;
    let frame_count = table.frames.len();
    for (n, pp) in raw.pps.iter().enumerate() {
        if let Some(&bad) = pp.frames.iter().find(|&&i| i as usize >= frame_count) {
            return Err(ProfileError::Malformed {
                path: path.to_owned(),
                line: 0,
                column: 0,
                detail: format!(
                    "program point {n} refers to frame {bad}, but ftbl has {frame_count} entries"
                ),
            });
        }
    }
    Ok(Profile {
        tool,
        mode,
        time_unit: raw.tu.unwrap_or_default(),
        command: raw.cmd.unwrap_or_default(),
        files: table.files,
        frames: table.frames,
        program_points: raw.pps,
    })
}

fn json_error(path: &Path, e: &serde_json::Error) -> ProfileError {
    // serde_json appends " at line L column C" to its message; the position
    // is reported in our own fields, so keep only the description.
    let text = e.to_string();
    let detail = match text.rfind(" at line ") {
        Some(i) => text[..i].to_owned(),
        None => text,
    };
    let detail = if e.is_eof() {
        format!("the file ends early, the profile is truncated ({detail})")
    } else {
        detail
    };
    ProfileError::Malformed {
        path: path.to_owned(),
        line: e.line(),
        column: e.column(),
        detail,
    }
}

#[derive(Deserialize)]
struct RawProfile {
    #[serde(rename = "dhatFileVersion")]
    version: u32,
    #[serde(default)]
    mode: Option<String>,
    #[serde(default)]
    tu: Option<String>,
    #[serde(default)]
    cmd: Option<String>,
    // Absent in version 1 files, which are refused after the version check.
    #[serde(default)]
    pps: Vec<ProgramPoint>,
    #[serde(default)]
    ftbl: FrameTable,
}

/// The frame table as it is deserialised: frames parsed, paths interned.
#[derive(Default)]
struct FrameTable {
    files: Vec<String>,
    index: HashMap<String, u32>,
    frames: Vec<Frame>,
}

impl FrameTable {
    fn intern(&mut self, path: &str) -> u32 {
        if let Some(&i) = self.index.get(path) {
            return i;
        }
        let i = self.files.len() as u32;
        self.files.push(path.to_owned());
        self.index.insert(path.to_owned(), i);
        i
    }

    fn push(&mut self, text: &str) {
        let parsed = parse_frame(text);
        let (file, line, column, object) = match parsed.location {
            Location::Source { file, line, column } => {
                (Some(self.intern(file)), line, column, None)
            }
            Location::Object(path) => (None, 0, None, Some(self.intern(path))),
            Location::Unknown => (None, 0, None, None),
        };
        self.frames.push(Frame {
            function: parsed.function.to_owned(),
            file,
            line,
            column,
            object,
        });
    }
}

impl<'de> Deserialize<'de> for FrameTable {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct TableVisitor;
        impl<'de> Visitor<'de> for TableVisitor {
            type Value = FrameTable;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an array of frame strings")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<FrameTable, A::Error> {
                let mut table = FrameTable::default();
                while seq.next_element_seed(FrameSeed(&mut table))?.is_some() {}
                // The lookup map is only needed while reading.
                table.index = HashMap::new();
                Ok(table)
            }
        }
        deserializer.deserialize_seq(TableVisitor)
    }
}

/// Parses one frame string in place, so the string itself is never kept.
struct FrameSeed<'t>(&'t mut FrameTable);

impl<'de> DeserializeSeed<'de> for FrameSeed<'_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for FrameSeed<'_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a frame string")
    }
    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<(), E> {
        self.0.push(v);
        Ok(())
    }
}

/// Where a frame points.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Location<'a> {
    Source {
        file: &'a str,
        line: u32,
        column: Option<u32>,
    },
    /// `(in /path/object)`: no debug info.
    Object(&'a str),
    Unknown,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct ParsedFrame<'a> {
    pub function: &'a str,
    pub location: Location<'a>,
}

/// Splits `0xADDR: function (file:line[:col])`, `0xADDR: function (in obj)`,
/// `0xADDR: function` and `[root]` into their parts.
pub(crate) fn parse_frame(text: &str) -> ParsedFrame<'_> {
    let text = text.trim();
    if text == "[root]" {
        return ParsedFrame {
            function: "",
            location: Location::Unknown,
        };
    }
    // The address prefix is dropped: it differs between runs and carries no
    // meaning for attribution.
    let rest = match text.split_once(": ") {
        Some((addr, rest)) if addr.starts_with("0x") => rest,
        _ => text,
    };
    // The location is the last parenthesised group; function names can hold
    // parentheses themselves (`<fn() -> T as Trait>`), so search from the end.
    let (function, inside) = match rest
        .strip_suffix(')')
        .and_then(|r| r.rfind(" (").map(|i| (r[..i].trim_end(), &r[i + 2..])))
    {
        Some(parts) => parts,
        None => {
            return ParsedFrame {
                function: rest,
                location: Location::Unknown,
            }
        }
    };
    let location = if let Some(object) = inside.strip_prefix("in ") {
        Location::Object(object)
    } else {
        parse_source_location(inside)
    };
    ParsedFrame { function, location }
}

/// `file:line` or `file:line:col`; `???` files and line 0 mean "unknown".
fn parse_source_location(inside: &str) -> Location<'_> {
    let Some((head, last)) = inside.rsplit_once(':') else {
        return Location::Unknown;
    };
    let Ok(last) = last.parse::<u32>() else {
        return Location::Unknown;
    };
    // A second number before the last one makes them line and column.
    let (file, line, column) = match head
        .rsplit_once(':')
        .and_then(|(f, l)| l.parse::<u32>().ok().map(|l| (f, l)))
    {
        Some((file, line)) => (file, line, Some(last)),
        None => (head, last, None),
    };
    if file.is_empty() || file == "???" || line == 0 {
        return Location::Unknown;
    }
    Location::Source {
        file,
        line,
        column: column.filter(|&c| c > 0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check_frame(text: &str, function: &str, location: Location<'_>) {
        let parsed = parse_frame(text);
        assert_eq!(
            parsed,
            ParsedFrame { function, location },
            "frame text {text:?} should parse to {function:?} at {location:?}"
        );
    }

    #[test]
    fn frames_of_both_writers_parse() {
        check_frame(
            "0x13AA67: alloc_fixture::labels (/work/x/src/lib.rs:12)",
            "alloc_fixture::labels",
            Location::Source {
                file: "/work/x/src/lib.rs",
                line: 12,
                column: None,
            },
        );
        check_frame(
            "0x1B9DD9: <alloc::raw_vec::RawVecInner>::try_allocate_in (in /tmp/t/deps/fx-44b8)",
            "<alloc::raw_vec::RawVecInner>::try_allocate_in",
            Location::Object("/tmp/t/deps/fx-44b8"),
        );
        check_frame(
            "0x562521228e50: dhat_rs_fixture::labels (dhat_rs_fixture/src/main.rs:11:21)",
            "dhat_rs_fixture::labels",
            Location::Source {
                file: "dhat_rs_fixture/src/main.rs",
                line: 11,
                column: Some(21),
            },
        );
        check_frame(
            "0x13C4FA: call_once<fn() -> core::result::Result<(), alloc::string::String>, ()> (/rustc/abc/library/core/src/ops/function.rs:250)",
            "call_once<fn() -> core::result::Result<(), alloc::string::String>, ()>",
            Location::Source {
                file: "/rustc/abc/library/core/src/ops/function.rs",
                line: 250,
                column: None,
            },
        );
        check_frame("0x5625: ??? (???:0:0)", "???", Location::Unknown);
        check_frame("0x4A0B2C3: ???", "???", Location::Unknown);
        check_frame("[root]", "", Location::Unknown);
        check_frame(
            "0x1: f (C:\\src\\lib.rs:7:3)",
            "f",
            Location::Source {
                file: "C:\\src\\lib.rs",
                line: 7,
                column: Some(3),
            },
        );
    }

    fn parse_str(text: &str) -> Result<Profile> {
        parse_reader(text.as_bytes(), Path::new("p.json"))
    }

    #[test]
    fn minimal_profile_reads_with_optional_fields_absent() {
        let p = parse_str(
            r#"{"dhatFileVersion":2,"mode":"rust-heap","tu":"µs","cmd":"x",
                "pps":[{"tb":10,"tbk":2,"fs":[1,2],"acc":[1,2,3]}],
                "ftbl":["[root]","0x1: a::f (a/src/lib.rs:3:1)","0x2: a::g (a/src/lib.rs:9:1)"]}"#,
        )
        .unwrap();
        assert_eq!(p.tool, Tool::DhatRs);
        assert_eq!(p.program_points.len(), 1);
        assert_eq!(p.program_points[0].max_bytes, None, "mb is optional");
        assert_eq!(
            p.files,
            vec!["a/src/lib.rs".to_owned()],
            "paths are interned once"
        );
        assert_eq!(p.frames[2].line, 9);
    }

    fn check_error(text: &str, expected: &str) {
        let err = parse_str(text).expect_err("the profile must be refused");
        assert_eq!(err.to_string(), expected, "error for {text:?}");
    }

    #[test]
    fn broken_profiles_are_refused_with_a_position() {
        check_error(
            "{\"dhatFileVersion\":2,\n\"pps\":[{\"tb\":1,",
            "p.json:2:15: malformed DHAT profile: the file ends early, the profile is truncated (EOF while parsing a value)",
        );
        check_error(
            "{\"dhatFileVersion\":2,\"pps\":[{\"tb\":\"x\",\"tbk\":1,\"fs\":[]}]}",
            "p.json:1:37: malformed DHAT profile: invalid type: string \"x\", expected u64",
        );
        check_error(
            "{\"dhatFileVersion\":1,\"aps\":[]}",
            "p.json: DHAT file version 1 is not supported (memaudit reads version 2, written by valgrind ≥ 3.15 and dhat-rs); re-profile with a current valgrind or dhat-rs",
        );
        check_error(
            "{\"dhatFileVersion\":2,\"mode\":\"rust-ad-hoc\",\"pps\":[],\"ftbl\":[\"[root]\"]}",
            "p.json: DHAT mode `rust-ad-hoc` is not a heap profile; run with `--mode=heap` (valgrind) or `dhat::Profiler::new_heap()` (dhat-rs)",
        );
        check_error(
            "{\"dhatFileVersion\":2,\"pps\":[{\"tb\":1,\"tbk\":1,\"fs\":[4]}],\"ftbl\":[\"[root]\"]}",
            "p.json:0:0: malformed DHAT profile: program point 0 refers to frame 4, but ftbl has 1 entries",
        );
        check_error(
            "not json",
            "p.json:1:2: malformed DHAT profile: expected ident",
        );
    }
}
