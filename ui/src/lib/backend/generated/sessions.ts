// Generated from memaudit's real pipeline by `cargo test -p memaudit --test ui_fixtures`
// (tests/ui_fixtures.rs audits tests/fixtures/workspaces/ingest and audit_demo).
// Do not edit: change the fixture workspaces or the core and run the test again.

import type { RoundOverview, RoundRecord, SessionExport, SessionInfo, SessionOverview, Status } from '../../bindings/types';

/** A round the fake installs when it simulates running it. */
export interface GeneratedRound {
  record: RoundRecord;
  overview: RoundOverview;
  /** The session and its status once the round finished. */
  session: SessionInfo;
  status: Status;
  /** The report HTML's file in this folder. */
  html: string;
}

export interface GeneratedSession {
  /** As the store loads it (finding pages take their records from it). */
  export: SessionExport;
  /** What `load_session` answers. */
  overview: SessionOverview;
  /** The report HTML's file of each round, in round order. */
  html: string[];
  /** Rounds after the last one, as the core ran them. */
  next: GeneratedRound[];
}

/** The report HTML of a round without a report yet. */
export interface Placeholder {
  round: number;
  running: string;
  interrupted: string;
}

export interface Fixtures {
  /** What the fake starts with: the finished session, then the active one. */
  sessions: GeneratedSession[];
  /** A new audit of the ingest workspace before its first round has finished, then after it. */
  fresh_started: SessionOverview;
  fresh: GeneratedSession;
  /** By round number. */
  placeholders: Placeholder[];
}

export const FIXTURES: Fixtures = {
  "sessions": [
    {
      "export": {
        "schema_version": 2,
        "session": {
          "id": 1,
          "name": "memory_audit_001",
          "workspace": "/home/lead/src/legacy-etl",
          "created_at": "2025-03-02T09:30:00.000Z",
          "updated_at": "2025-03-04T16:30:00.000Z",
          "status": "terminated",
          "rounds": 2,
          "findings": 10
        },
        "scope": {
          "workspace": "/home/lead/src/legacy-etl",
          "crates": [
            {
              "name": "ingest_worker",
              "path": "crates/ingest_worker",
              "priority": "P0",
              "score": 13,
              "reasons": [
                {
                  "signal": "code:hottest_file",
                  "file": "crates/ingest_worker/src/lib.rs",
                  "line": null,
                  "weight": 13,
                  "detail": "hottest file is crates/ingest_worker/src/lib.rs (P0, score 13: file I/O +9, iteration +4)"
                },
                {
                  "signal": "dep:tokio",
                  "file": "crates/ingest_worker/Cargo.toml",
                  "line": null,
                  "weight": 0,
                  "detail": "depends on `tokio` (async runtime; a hint, adds nothing)"
                },
                {
                  "signal": "name:worker",
                  "file": "crates/ingest_worker/Cargo.toml",
                  "line": null,
                  "weight": 0,
                  "detail": "crate name contains \"worker\": at least P0"
                }
              ],
              "files": [
                {
                  "path": "crates/ingest_worker/src/lib.rs",
                  "priority": "P0",
                  "score": 13,
                  "reasons": [
                    {
                      "signal": "code:hottest_function",
                      "file": "crates/ingest_worker/src/lib.rs",
                      "line": 19,
                      "weight": 0,
                      "detail": "hottest function `process_file` (P2, warm): entry: public API `process_file` of library `ingest_worker`: called per call of its user"
                    },
                    {
                      "signal": "code:async_file_open",
                      "file": "crates/ingest_worker/src/lib.rs",
                      "line": 20,
                      "weight": 6,
                      "detail": "`async fn process_file` does file I/O (`tokio::fs`)"
                    },
                    {
                      "signal": "code:file_io",
                      "file": "crates/ingest_worker/src/lib.rs",
                      "line": 20,
                      "weight": 3,
                      "detail": "uses `tokio::fs`"
                    },
                    {
                      "signal": "code:iteration",
                      "file": "crates/ingest_worker/src/lib.rs",
                      "line": 21,
                      "weight": 2,
                      "detail": "`for` loop over `lines`"
                    },
                    {
                      "signal": "code:iteration",
                      "file": "crates/ingest_worker/src/lib.rs",
                      "line": 34,
                      "weight": 2,
                      "detail": "`for` loop over `rows`"
                    },
                    {
                      "signal": "code:file_io",
                      "file": "crates/ingest_worker/src/lib.rs",
                      "line": 57,
                      "weight": 0,
                      "detail": "uses `File` (not counted: at most 3 units per kind)"
                    },
                    {
                      "signal": "code:file_io",
                      "file": "crates/ingest_worker/src/lib.rs",
                      "line": 60,
                      "weight": 0,
                      "detail": "uses `.read_line()` (not counted: at most 3 units per kind)"
                    }
                  ],
                  "lines": 68,
                  "in_module_tree": true,
                  "functions": [
                    {
                      "name": "process_file",
                      "line": 19,
                      "end": 30,
                      "priority": "P2",
                      "heat": "warm",
                      "reason": "entry: public API `process_file` of library `ingest_worker`: called per call of its user"
                    },
                    {
                      "name": "count_keys",
                      "line": 33,
                      "end": 38,
                      "priority": "P2",
                      "heat": "warm",
                      "reason": "entry: public API `count_keys` of library `ingest_worker`: called per call of its user"
                    },
                    {
                      "name": "label_rows",
                      "line": 41,
                      "end": 48,
                      "priority": "P2",
                      "heat": "warm",
                      "reason": "entry: public API `label_rows` of library `ingest_worker`: called per call of its user"
                    },
                    {
                      "name": "spawn_reporter",
                      "line": 51,
                      "end": 54,
                      "priority": "P2",
                      "heat": "warm",
                      "reason": "entry: public API `spawn_reporter` of library `ingest_worker`: called per call of its user"
                    },
                    {
                      "name": "read_header",
                      "line": 57,
                      "end": 68,
                      "priority": "P2",
                      "heat": "warm",
                      "reason": "entry: public API `read_header` of library `ingest_worker`: called per call of its user"
                    }
                  ]
                },
                {
                  "path": "crates/ingest_worker/src/pipeline.rs",
                  "priority": "P1",
                  "score": 4,
                  "reasons": [
                    {
                      "signal": "code:hottest_function",
                      "file": "crates/ingest_worker/src/pipeline.rs",
                      "line": 8,
                      "weight": 0,
                      "detail": "hottest function `encode_batches` (P2, warm): entry: public API `encode_batches` of library `ingest_worker`: called per call of its user"
                    },
                    {
                      "signal": "code:iteration",
                      "file": "crates/ingest_worker/src/pipeline.rs",
                      "line": 10,
                      "weight": 2,
                      "detail": "`for` loop over `batches`"
                    },
                    {
                      "signal": "code:iteration",
                      "file": "crates/ingest_worker/src/pipeline.rs",
                      "line": 12,
                      "weight": 2,
                      "detail": "`for` loop over `rows`"
                    }
                  ],
                  "lines": 36,
                  "in_module_tree": true,
                  "functions": [
                    {
                      "name": "encode_batches",
                      "line": 8,
                      "end": 18,
                      "priority": "P2",
                      "heat": "warm",
                      "reason": "entry: public API `encode_batches` of library `ingest_worker`: called per call of its user"
                    },
                    {
                      "name": "batch_names",
                      "line": 21,
                      "end": 27,
                      "priority": "P2",
                      "heat": "warm",
                      "reason": "entry: public API `batch_names` of library `ingest_worker`: called per call of its user"
                    },
                    {
                      "name": "small_box",
                      "line": 34,
                      "end": 36,
                      "priority": "P2",
                      "heat": "warm",
                      "reason": "entry: public API `small_box` of library `ingest_worker`: called per call of its user"
                    }
                  ]
                }
              ]
            },
            {
              "name": "table_render",
              "path": "crates/table_render",
              "priority": "P2",
              "score": 1,
              "reasons": [
                {
                  "signal": "code:hottest_file",
                  "file": "crates/table_render/src/lib.rs",
                  "line": null,
                  "weight": 1,
                  "detail": "hottest file is crates/table_render/src/lib.rs (P2, score 1: render +1)"
                }
              ],
              "files": [
                {
                  "path": "crates/table_render/src/lib.rs",
                  "priority": "P2",
                  "score": 1,
                  "reasons": [
                    {
                      "signal": "code:hottest_function",
                      "file": "crates/table_render/src/lib.rs",
                      "line": 9,
                      "weight": 0,
                      "detail": "hottest function `render` (P2, warm): entry: public API `render` of library `table_render`: called per call of its user"
                    },
                    {
                      "signal": "code:render",
                      "file": "crates/table_render/src/lib.rs",
                      "line": 9,
                      "weight": 1,
                      "detail": "TUI rendering: `fn render`"
                    }
                  ],
                  "lines": 17,
                  "in_module_tree": true,
                  "functions": [
                    {
                      "name": "render",
                      "line": 9,
                      "end": 17,
                      "priority": "P2",
                      "heat": "warm",
                      "reason": "entry: public API `render` of library `table_render`: called per call of its user"
                    }
                  ]
                }
              ]
            }
          ],
          "excluded": [],
          "warnings": [],
          "overrides": {
            "include": [],
            "exclude": [],
            "force_priority": []
          },
          "effects": [],
          "focus": "full",
          "priority_filter": "all",
          "scope_md": "specs/meta/sessions/memory_audit_001/scope.md"
        },
        "rounds": [
          {
            "number": 1,
            "status": "decided",
            "started_at": "2025-03-02T09:30:00.000Z",
            "finished_at": "2025-03-02T09:30:02.000Z",
            "error": null,
            "findings": [
              {
                "finding": {
                  "id": "F-001",
                  "fingerprint": "16fbde529b5b0f98",
                  "category": "ALLOCATION_LOOP",
                  "file": "crates/ingest_worker/src/lib.rs",
                  "line_start": 24,
                  "line_end": 24,
                  "crate": "ingest_worker",
                  "priority": "P0",
                  "item_path": "process_file",
                  "confidence": "MEDIUM",
                  "safety": "NEEDS_REVIEW",
                  "code": "            fields.push(part.to_string());",
                  "issue": "`.to_string()` allocates on every iteration of `for part in line.split(',')`.",
                  "proposal": "// The owned value is stored: consider interning repeated strings, a `Cow<'_, str>`\n// that borrows from the input, or one arena per batch.",
                  "impact": {
                    "allocations_avoided": 1,
                    "bytes_saved": null,
                    "unit": "iteration of `for part in line.split(',')`",
                    "applies_to": "iteration of `for part in line.split(',')`, nested 2 loops deep (inside iteration of `for line in text.lines()`) in `process_file`",
                    "level": "High"
                  },
                  "tradeoffs": {
                    "pros": [
                      "Fewer allocator calls on a path that runs once per element."
                    ],
                    "cons": [
                      "The value is stored, so removing the allocation changes the stored type (borrow, `Cow`, interning or an arena)."
                    ]
                  },
                  "prerequisites": [],
                  "source": "builtin",
                  "reach": {
                    "heat": "hot",
                    "loop_depth": 2,
                    "reasons": [
                      "runs per iteration of `for part in line.split(',')` in `process_file`",
                      "entry: public API `process_file` of library `ingest_worker`: called per call of its user"
                    ]
                  }
                },
                "state": "new",
                "validation": {
                  "finding_id": "F-001",
                  "fingerprint": "16fbde529b5b0f98",
                  "verdict": "REJECTED",
                  "lifetime": {
                    "status": "UNCLEAR",
                    "evidence": "`part.to_string()` at line 24 outlives its expression: it is passed to `.push(..)` at line 24, which keeps it"
                  },
                  "thread_safety": {
                    "status": "PASS",
                    "evidence": "the change stays local to one task (`async fn process_file`) and introduces no shared mutable state"
                  },
                  "no_undefined_behavior": {
                    "status": "PASS",
                    "evidence": "the proposal is safe Rust: no `unsafe`, `transmute` or raw parts"
                  },
                  "estimate_plausible": {
                    "answer": "MAYBE",
                    "evidence": "no concrete change, so no saving to check"
                  },
                  "hot_path": {
                    "answer": "YES",
                    "evidence": "per iteration of the `for` loop at line 23 in `fn process_file`; once per call of an entry point: runs per iteration of `for part in line.split(',')` in `process_file` ← entry: public API `process_file` of library `ingest_worker`: called per call of its user"
                  },
                  "complexity_justified": {
                    "answer": "YES",
                    "evidence": "impact High against effort Low (proposal of 0 line(s), 0 prerequisite(s))"
                  },
                  "issues": [
                    {
                      "id": "F-001-I1",
                      "description": "The proposal is a sketch, not a change to this code: the proposal has no code, only advice: \"The owned value is stored: consider interning repeated strings, a `Cow<'_, str>`\". The finding is kept as a LOW note. [rule: sketch-proposal]",
                      "risk": "A reader cannot apply or check a category of fixes; approving it would approve nothing concrete.",
                      "suggestion": "Write the change for this code (its names, its types), then validate again."
                    }
                  ],
                  "conditions": [],
                  "counterexample": "the proposal has no code, only advice: \"The owned value is stored: consider interning repeated strings, a `Cow<'_, str>`\": there is no code to compile or to review against lines 24-24, so there is nothing to approve; the observation stays as a note.",
                  "engine": "builtin"
                },
                "decision": {
                  "finding_id": "F-001",
                  "fingerprint": "16fbde529b5b0f98",
                  "kind": "reject_false_positive",
                  "note": "The Validator is right.",
                  "round": 1,
                  "decided_at": "2025-03-02T10:01:00.000Z"
                }
              },
              {
                "finding": {
                  "id": "F-002",
                  "fingerprint": "ad71078a016356a6",
                  "category": "ALLOCATION_LOOP",
                  "file": "crates/ingest_worker/src/lib.rs",
                  "line_start": 26,
                  "line_end": 26,
                  "crate": "ingest_worker",
                  "priority": "P0",
                  "item_path": "process_file",
                  "confidence": "MEDIUM",
                  "safety": "NEEDS_REVIEW",
                  "code": "        let key = format!(\"{}:{}\", path, fields.len());",
                  "issue": "`format!()` allocates on every iteration of `for line in text.lines()`.",
                  "proposal": "use std::fmt::Write;\nlet mut buf = String::new(); // once, before the loop\n// in the loop body:\nbuf.clear();\nwrite!(buf, \"{}:{}\", path, fields.len()).unwrap(); // writing to a String cannot fail\n// use `&buf` where the formatted value was used",
                  "impact": {
                    "allocations_avoided": 1,
                    "bytes_saved": null,
                    "unit": "iteration of `for line in text.lines()`",
                    "applies_to": "every call of `process_file`",
                    "level": "High"
                  },
                  "tradeoffs": {
                    "pros": [
                      "Fewer allocator calls on a path that runs once per element."
                    ],
                    "cons": [
                      "The value is stored, so removing the allocation changes the stored type (borrow, `Cow`, interning or an arena)."
                    ]
                  },
                  "prerequisites": [],
                  "source": "builtin",
                  "reach": {
                    "heat": "hot",
                    "loop_depth": 1,
                    "reasons": [
                      "runs per iteration of `for line in text.lines()` in `process_file`",
                      "entry: public API `process_file` of library `ingest_worker`: called per call of its user"
                    ]
                  }
                },
                "state": "new",
                "validation": {
                  "finding_id": "F-002",
                  "fingerprint": "ad71078a016356a6",
                  "verdict": "REJECTED",
                  "lifetime": {
                    "status": "UNCLEAR",
                    "evidence": "`format!(..)` at line 26 outlives its expression: `key` is moved into a field of `Record` at line 27, which keeps it"
                  },
                  "thread_safety": {
                    "status": "PASS",
                    "evidence": "the change stays local to one task (`async fn process_file`) and introduces no shared mutable state"
                  },
                  "no_undefined_behavior": {
                    "status": "PASS",
                    "evidence": "the proposal is safe Rust: no `unsafe`, `transmute` or raw parts"
                  },
                  "estimate_plausible": {
                    "answer": "NO",
                    "evidence": "the claimed saving cannot be realised: the code is needed as written"
                  },
                  "hot_path": {
                    "answer": "YES",
                    "evidence": "per iteration of the `for` loop at line 21 in `fn process_file`; once per call of an entry point: runs per iteration of `for line in text.lines()` in `process_file` ← entry: public API `process_file` of library `ingest_worker`: called per call of its user"
                  },
                  "complexity_justified": {
                    "answer": "YES",
                    "evidence": "impact High against effort Low (proposal of 4 line(s), 0 prerequisite(s))"
                  },
                  "issues": [
                    {
                      "id": "F-002-I1",
                      "description": "`format!(..)` does not stay local: `key` is moved into a field of `Record` at line 27, which keeps it; every value kept there must own its heap memory, so one buffer cleared and rewritten per iteration cannot replace it. [rule: value-escapes]",
                      "risk": "A reused buffer would be overwritten while the kept value still needs it.",
                      "suggestion": "Keep one allocation per kept value; pre-size the collection that keeps them if its length is known."
                    }
                  ],
                  "conditions": [],
                  "counterexample": "`format!(..)` at line 26: `key` is moved into a field of `Record` at line 27, which keeps it. With one reused buffer in its place, the next iteration (or the source's next change) would overwrite or outlive what is kept, so the proposal either does not compile or changes what is stored.",
                  "engine": "builtin"
                },
                "decision": {
                  "finding_id": "F-002",
                  "fingerprint": "ad71078a016356a6",
                  "kind": "reject_false_positive",
                  "note": "The Validator is right.",
                  "round": 1,
                  "decided_at": "2025-03-02T10:02:00.000Z"
                }
              },
              {
                "finding": {
                  "id": "F-003",
                  "fingerprint": "4b6f1a00b635e435",
                  "category": "ALLOCATION_LOOP",
                  "file": "crates/ingest_worker/src/lib.rs",
                  "line_start": 42,
                  "line_end": 42,
                  "crate": "ingest_worker",
                  "priority": "P0",
                  "item_path": "label_rows",
                  "confidence": "HIGH",
                  "safety": "SAFE",
                  "code": "    let mut out = Vec::new();",
                  "issue": "`out` starts empty and receives exactly one `push` per iteration of `for row in rows`, so it reallocates about log2(n) times while growing although the final length is known up front.",
                  "proposal": "let mut out = Vec::with_capacity(rows.len());",
                  "impact": {
                    "allocations_avoided": null,
                    "bytes_saved": null,
                    "unit": "call of `label_rows`",
                    "applies_to": "~log2(n) reallocations and copies per call of `label_rows`",
                    "level": "High"
                  },
                  "tradeoffs": {
                    "pros": [
                      "One allocation instead of a growth sequence; no copying on regrowth."
                    ],
                    "cons": [
                      "None when every iteration pushes."
                    ]
                  },
                  "prerequisites": [],
                  "source": "builtin",
                  "reach": {
                    "heat": "warm",
                    "loop_depth": 0,
                    "reasons": [
                      "entry: public API `label_rows` of library `ingest_worker`: called per call of its user"
                    ]
                  },
                  "edit": {
                    "summary": "reserve `rows.len()` up front with `Vec::with_capacity`",
                    "hunks": [
                      {
                        "file": "crates/ingest_worker/src/lib.rs",
                        "start": 1099,
                        "end": 1109,
                        "line": 42,
                        "original": "Vec::new()",
                        "replacement": "Vec::with_capacity(rows.len())"
                      }
                    ]
                  }
                },
                "state": "new",
                "validation": {
                  "finding_id": "F-003",
                  "fingerprint": "4b6f1a00b635e435",
                  "verdict": "APPROVED",
                  "lifetime": {
                    "status": "PASS",
                    "evidence": "`with_capacity` changes only the initial capacity of `out` (line 42); its owner, its pushes and where it goes afterwards stay as they are"
                  },
                  "thread_safety": {
                    "status": "N/A",
                    "evidence": "`fn label_rows` neither spawns nor runs in a task: the change is single-threaded"
                  },
                  "no_undefined_behavior": {
                    "status": "PASS",
                    "evidence": "the proposal is safe Rust: no `unsafe`, `transmute` or raw parts"
                  },
                  "estimate_plausible": {
                    "answer": "YES",
                    "evidence": "`out` grows from empty by one push per iteration of the `for` loop at line 43 (line 45); `rows` is a `&[Record]` (parameter `rows: &[Record]` of `fn label_rows`), so `rows` yields exactly `rows.len()` items: that is ~log2(n) reallocations with copies per call, and `with_capacity` makes it one allocation"
                  },
                  "hot_path": {
                    "answer": "YES",
                    "evidence": "per iteration of the `for` loop at line 43 in `fn label_rows`; once per call of an entry point: entry: public API `label_rows` of library `ingest_worker`: called per call of its user"
                  },
                  "complexity_justified": {
                    "answer": "YES",
                    "evidence": "impact High against effort Low (proposal of 1 line(s), 0 prerequisite(s))"
                  },
                  "issues": [],
                  "conditions": [
                    "Gain: the ~log2(n) reallocations and copies of `out` while it grows, per run of the `for` loop at line 43",
                    "`out` is created with the length of `rows` as its capacity",
                    "every iteration of the `for` loop at line 43 still pushes exactly once (no `continue` or early `break` before the push at line 45)",
                    "the crate's tests pass and a heap profile (DHAT) of a representative input shows fewer allocations"
                  ],
                  "counterexample": null,
                  "engine": "builtin"
                },
                "decision": null
              },
              {
                "finding": {
                  "id": "F-004",
                  "fingerprint": "766c341e04095ed0",
                  "category": "UNNECESSARY_CLONE",
                  "file": "crates/ingest_worker/src/lib.rs",
                  "line_start": 44,
                  "line_end": 44,
                  "crate": "ingest_worker",
                  "priority": "P0",
                  "item_path": "label_rows",
                  "confidence": "HIGH",
                  "safety": "SAFE",
                  "code": "        let l = label.clone();",
                  "issue": "`l` is a copy of `label` that is only read afterwards; a borrow gives the same reads without allocating.",
                  "proposal": "let l = &label;",
                  "impact": {
                    "allocations_avoided": 1,
                    "bytes_saved": null,
                    "unit": "iteration of `for row in rows`",
                    "applies_to": "every call of `label_rows`",
                    "level": "High"
                  },
                  "tradeoffs": {
                    "pros": [
                      "Removes an allocation and a copy per execution."
                    ],
                    "cons": [
                      "The borrow ties `l` to the source's lifetime; mutating the source while it lives will not compile."
                    ]
                  },
                  "prerequisites": [],
                  "source": "builtin",
                  "reach": {
                    "heat": "hot",
                    "loop_depth": 1,
                    "reasons": [
                      "runs per iteration of `for row in rows` in `label_rows`",
                      "entry: public API `label_rows` of library `ingest_worker`: called per call of its user"
                    ]
                  },
                  "edit": {
                    "summary": "borrow `label` instead of `.clone()`",
                    "hunks": [
                      {
                        "file": "crates/ingest_worker/src/lib.rs",
                        "start": 1149,
                        "end": 1162,
                        "line": 44,
                        "original": "label.clone()",
                        "replacement": "&label"
                      }
                    ]
                  }
                },
                "state": "new",
                "validation": {
                  "finding_id": "F-004",
                  "fingerprint": "766c341e04095ed0",
                  "verdict": "APPROVED",
                  "lifetime": {
                    "status": "PASS",
                    "evidence": "`label` is neither mutated nor moved after line 44 in `fn label_rows`, so a borrow can stand in for the clone"
                  },
                  "thread_safety": {
                    "status": "N/A",
                    "evidence": "`fn label_rows` neither spawns nor runs in a task: the change is single-threaded"
                  },
                  "no_undefined_behavior": {
                    "status": "PASS",
                    "evidence": "the proposal is safe Rust: no `unsafe`, `transmute` or raw parts"
                  },
                  "estimate_plausible": {
                    "answer": "YES",
                    "evidence": "1 allocation(s) per iteration of `for row in rows` against 1 allocating expression(s) at lines 44-44, each run once per iteration"
                  },
                  "hot_path": {
                    "answer": "YES",
                    "evidence": "per iteration of the `for` loop at line 43 in `fn label_rows`; once per call of an entry point: runs per iteration of `for row in rows` in `label_rows` ← entry: public API `label_rows` of library `ingest_worker`: called per call of its user"
                  },
                  "complexity_justified": {
                    "answer": "YES",
                    "evidence": "impact High against effort Low (proposal of 1 line(s), 0 prerequisite(s))"
                  },
                  "issues": [],
                  "conditions": [
                    "Gain: one copy of `label` per iteration of the `for` loop at line 43",
                    "`label` is not mutated or moved while the borrow is alive",
                    "every consumer of the value accepts a reference (`&T`, `&str`, `&[T]`)",
                    "the crate's tests pass and a heap profile (DHAT) of a representative input shows fewer allocations"
                  ],
                  "counterexample": null,
                  "engine": "builtin"
                },
                "decision": {
                  "finding_id": "F-004",
                  "fingerprint": "766c341e04095ed0",
                  "kind": "implement",
                  "note": "Small change; do it this sprint.",
                  "round": 1,
                  "decided_at": "2025-03-02T10:04:00.000Z"
                }
              },
              {
                "finding": {
                  "id": "F-005",
                  "fingerprint": "4db1e8a0d107e7dc",
                  "category": "ALLOCATION_LOOP",
                  "file": "crates/ingest_worker/src/pipeline.rs",
                  "line_start": 9,
                  "line_end": 9,
                  "crate": "ingest_worker",
                  "priority": "P1",
                  "item_path": "pipeline::encode_batches",
                  "confidence": "HIGH",
                  "safety": "SAFE",
                  "code": "    let mut encoded = Vec::new();",
                  "issue": "`encoded` starts empty and receives exactly one `push` per iteration of `for batch in batches`, so it reallocates about log2(n) times while growing although the final length is known up front.",
                  "proposal": "let mut encoded = Vec::with_capacity(batches.len());",
                  "impact": {
                    "allocations_avoided": null,
                    "bytes_saved": null,
                    "unit": "call of `pipeline::encode_batches`",
                    "applies_to": "~log2(n) reallocations and copies per call of `pipeline::encode_batches`",
                    "level": "High"
                  },
                  "tradeoffs": {
                    "pros": [
                      "One allocation instead of a growth sequence; no copying on regrowth."
                    ],
                    "cons": [
                      "None when every iteration pushes."
                    ]
                  },
                  "prerequisites": [],
                  "source": "builtin",
                  "reach": {
                    "heat": "warm",
                    "loop_depth": 0,
                    "reasons": [
                      "entry: public API `encode_batches` of library `ingest_worker`: called per call of its user"
                    ]
                  },
                  "edit": {
                    "summary": "reserve `batches.len()` up front with `Vec::with_capacity`",
                    "hunks": [
                      {
                        "file": "crates/ingest_worker/src/pipeline.rs",
                        "start": 216,
                        "end": 226,
                        "line": 9,
                        "original": "Vec::new()",
                        "replacement": "Vec::with_capacity(batches.len())"
                      }
                    ]
                  }
                },
                "state": "new",
                "validation": {
                  "finding_id": "F-005",
                  "fingerprint": "4db1e8a0d107e7dc",
                  "verdict": "APPROVED",
                  "lifetime": {
                    "status": "PASS",
                    "evidence": "`with_capacity` changes only the initial capacity of `encoded` (line 9); its owner, its pushes and where it goes afterwards stay as they are"
                  },
                  "thread_safety": {
                    "status": "N/A",
                    "evidence": "`fn encode_batches` neither spawns nor runs in a task: the change is single-threaded"
                  },
                  "no_undefined_behavior": {
                    "status": "PASS",
                    "evidence": "the proposal is safe Rust: no `unsafe`, `transmute` or raw parts"
                  },
                  "estimate_plausible": {
                    "answer": "YES",
                    "evidence": "`encoded` grows from empty by one push per iteration of the `for` loop at line 10 (line 15); `batches` is a `&[Batch]` (parameter `batches: &[Batch]` of `fn encode_batches`), so `batches` yields exactly `batches.len()` items: that is ~log2(n) reallocations with copies per call, and `with_capacity` makes it one allocation"
                  },
                  "hot_path": {
                    "answer": "YES",
                    "evidence": "per iteration of the `for` loop at line 10 in `fn encode_batches`; once per call of an entry point: entry: public API `encode_batches` of library `ingest_worker`: called per call of its user"
                  },
                  "complexity_justified": {
                    "answer": "YES",
                    "evidence": "impact High against effort Low (proposal of 1 line(s), 0 prerequisite(s))"
                  },
                  "issues": [],
                  "conditions": [
                    "Gain: the ~log2(n) reallocations and copies of `encoded` while it grows, per run of the `for` loop at line 10",
                    "`encoded` is created with the length of `batches` as its capacity",
                    "every iteration of the `for` loop at line 10 still pushes exactly once (no `continue` or early `break` before the push at line 15)",
                    "the crate's tests pass and a heap profile (DHAT) of a representative input shows fewer allocations"
                  ],
                  "counterexample": null,
                  "engine": "builtin"
                },
                "decision": {
                  "finding_id": "F-005",
                  "fingerprint": "4db1e8a0d107e7dc",
                  "kind": "implement",
                  "note": "Small change; do it this sprint.",
                  "round": 1,
                  "decided_at": "2025-03-02T10:05:00.000Z"
                }
              },
              {
                "finding": {
                  "id": "F-006",
                  "fingerprint": "d0f3762e57c020ba",
                  "category": "CACHE_HOSTILE",
                  "file": "crates/ingest_worker/src/pipeline.rs",
                  "line_start": 29,
                  "line_end": 32,
                  "crate": "ingest_worker",
                  "priority": "P1",
                  "item_path": "pipeline::Message",
                  "confidence": "HIGH",
                  "safety": "SAFE",
                  "code": "pub enum Message {\n    Ping,\n    Data([u8; 4096]),\n}",
                  "issue": "Variant `Data` is ~4096 bytes while the next largest is ~0: every `Message` value (in vectors, maps, channels) occupies the largest size.",
                  "proposal": "// Box the large payload so the enum shrinks to ~16 bytes:\nData(Box<[u8; 4096]>),",
                  "impact": {
                    "allocations_avoided": null,
                    "bytes_saved": 4088,
                    "unit": "`Message` value stored",
                    "applies_to": "every collection or message holding `Message`",
                    "level": "High"
                  },
                  "tradeoffs": {
                    "pros": [
                      "Smaller values: more per cache line, cheaper moves."
                    ],
                    "cons": [
                      "Building `Data` now allocates; worth it when it is the rare variant."
                    ]
                  },
                  "prerequisites": [],
                  "source": "builtin",
                  "reach": {
                    "heat": "warm",
                    "loop_depth": 0,
                    "reasons": [
                      "a type declaration: paid wherever its values are built or stored"
                    ]
                  }
                },
                "state": "new",
                "validation": {
                  "finding_id": "F-006",
                  "fingerprint": "d0f3762e57c020ba",
                  "verdict": "NEEDS_WORK",
                  "lifetime": {
                    "status": "N/A",
                    "evidence": "a layout change moves no ownership"
                  },
                  "thread_safety": {
                    "status": "N/A",
                    "evidence": "reordering fields changes no sharing between threads"
                  },
                  "no_undefined_behavior": {
                    "status": "PASS",
                    "evidence": "the proposal is safe Rust: no `unsafe`, `transmute` or raw parts"
                  },
                  "estimate_plausible": {
                    "answer": "NEEDS_MEASUREMENT",
                    "evidence": "layout and cache effects show only under a profiler (cache misses), not in the syntax"
                  },
                  "hot_path": {
                    "answer": "MAYBE",
                    "evidence": "a type definition in a P1 file (scope: `crates/ingest_worker/src/pipeline.rs` is P1); how hot depends on how many values are built"
                  },
                  "complexity_justified": {
                    "answer": "YES",
                    "evidence": "impact High against effort Low (proposal of 1 line(s), 0 prerequisite(s))"
                  },
                  "issues": [
                    {
                      "id": "F-006-I1",
                      "description": "The impact is not established: layout and cache effects show only under a profiler (cache misses), not in the syntax. [rule: impact-unknown]",
                      "risk": "Effort may be spent on a change that saves nothing measurable.",
                      "suggestion": "Give allocations avoided or bytes saved per unit, or attach a heap profile."
                    }
                  ],
                  "conditions": [
                    "Give allocations avoided or bytes saved per unit, or attach a heap profile."
                  ],
                  "counterexample": null,
                  "engine": "builtin"
                },
                "decision": null
              },
              {
                "finding": {
                  "id": "F-007",
                  "fingerprint": "6f330868d14b6358",
                  "category": "HEAP_AVOIDABLE",
                  "file": "crates/ingest_worker/src/pipeline.rs",
                  "line_start": 34,
                  "line_end": 34,
                  "crate": "ingest_worker",
                  "priority": "P1",
                  "item_path": "pipeline::small_box",
                  "confidence": "HIGH",
                  "safety": "SAFE",
                  "code": "pub fn small_box() -> Box<[u8; 8]> {",
                  "issue": "`Box<[u8; 8]>` puts a fixed 8-byte array (8 elements) behind a heap allocation; it fits inline.",
                  "proposal": "[u8; 8] // inline, no Box",
                  "impact": {
                    "allocations_avoided": 1,
                    "bytes_saved": 16,
                    "unit": "value built",
                    "applies_to": "every value of this type in `pipeline::small_box`",
                    "level": "Medium"
                  },
                  "tradeoffs": {
                    "pros": [
                      "No allocation, no pointer chase; the data sits with its owner."
                    ],
                    "cons": [
                      "The owner grows by 8 bytes; moving it copies them."
                    ]
                  },
                  "prerequisites": [],
                  "source": "builtin",
                  "reach": {
                    "heat": "warm",
                    "loop_depth": 0,
                    "reasons": [
                      "entry: public API `small_box` of library `ingest_worker`: called per call of its user"
                    ]
                  },
                  "edit": {
                    "summary": "`[u8; 8]` inline, no `Box`",
                    "hunks": [
                      {
                        "file": "crates/ingest_worker/src/pipeline.rs",
                        "start": 718,
                        "end": 730,
                        "line": 34,
                        "original": "Box<[u8; 8]>",
                        "replacement": "[u8; 8]"
                      }
                    ]
                  }
                },
                "state": "new",
                "validation": {
                  "finding_id": "F-007",
                  "fingerprint": "6f330868d14b6358",
                  "verdict": "NEEDS_WORK",
                  "lifetime": {
                    "status": "PASS",
                    "evidence": "`[u8; 8]` is sized and does not contain its container: it can live inline"
                  },
                  "thread_safety": {
                    "status": "N/A",
                    "evidence": "`fn small_box` neither spawns nor runs in a task: the change is single-threaded"
                  },
                  "no_undefined_behavior": {
                    "status": "PASS",
                    "evidence": "the proposal is safe Rust: no `unsafe`, `transmute` or raw parts"
                  },
                  "estimate_plausible": {
                    "answer": "YES",
                    "evidence": "1 allocation(s) per value built: every `Box<[u8; 8]>` value is one heap allocation"
                  },
                  "hot_path": {
                    "answer": "MAYBE",
                    "evidence": "a type in the return type of `fn small_box`, in a P1 file (scope: `crates/ingest_worker/src/pipeline.rs` is P1): one allocation per call; how hot depends on how often callers call it"
                  },
                  "complexity_justified": {
                    "answer": "YES",
                    "evidence": "impact Medium against effort Low (proposal of 1 line(s), 0 prerequisite(s))"
                  },
                  "issues": [
                    {
                      "id": "F-007-I1",
                      "description": "The proposal changes an API: `Box<[u8; 8]>` is written in the return type of `fn small_box`, and `small_box` is public: removing the box changes its signature. [rule: api-change]",
                      "risk": "Every caller changes too; a public API change is a breaking release.",
                      "suggestion": "List the callers and show the new signature, or find a change local to the function."
                    }
                  ],
                  "conditions": [
                    "List the callers and show the new signature, or find a change local to the function."
                  ],
                  "counterexample": null,
                  "engine": "builtin"
                },
                "decision": {
                  "finding_id": "F-007",
                  "fingerprint": "6f330868d14b6358",
                  "kind": "defer",
                  "note": "Measure with a heap profile first.",
                  "defer_until_round": 3,
                  "round": 1,
                  "decided_at": "2025-03-02T10:07:00.000Z"
                }
              },
              {
                "finding": {
                  "id": "F-008",
                  "fingerprint": "0331a249d4f68a0f",
                  "category": "ALLOCATION_LOOP",
                  "file": "crates/table_render/src/lib.rs",
                  "line_start": 10,
                  "line_end": 10,
                  "crate": "table_render",
                  "priority": "P2",
                  "item_path": "render",
                  "confidence": "HIGH",
                  "safety": "SAFE",
                  "code": "    let mut lines = Vec::new();",
                  "issue": "`lines` starts empty and receives exactly one `push` per iteration of `for job in jobs`, so it reallocates about log2(n) times while growing although the final length is known up front.",
                  "proposal": "let mut lines = Vec::with_capacity(jobs.len());",
                  "impact": {
                    "allocations_avoided": null,
                    "bytes_saved": null,
                    "unit": "call of `render`",
                    "applies_to": "~log2(n) reallocations and copies per call of `render`",
                    "level": "Medium"
                  },
                  "tradeoffs": {
                    "pros": [
                      "One allocation instead of a growth sequence; no copying on regrowth."
                    ],
                    "cons": [
                      "None when every iteration pushes."
                    ]
                  },
                  "prerequisites": [],
                  "source": "builtin",
                  "reach": {
                    "heat": "warm",
                    "loop_depth": 0,
                    "reasons": [
                      "entry: public API `render` of library `table_render`: called per call of its user"
                    ]
                  },
                  "edit": {
                    "summary": "reserve `jobs.len()` up front with `Vec::with_capacity`",
                    "hunks": [
                      {
                        "file": "crates/table_render/src/lib.rs",
                        "start": 216,
                        "end": 226,
                        "line": 10,
                        "original": "Vec::new()",
                        "replacement": "Vec::with_capacity(jobs.len())"
                      }
                    ]
                  }
                },
                "state": "new",
                "validation": {
                  "finding_id": "F-008",
                  "fingerprint": "0331a249d4f68a0f",
                  "verdict": "APPROVED",
                  "lifetime": {
                    "status": "PASS",
                    "evidence": "`with_capacity` changes only the initial capacity of `lines` (line 10); its owner, its pushes and where it goes afterwards stay as they are"
                  },
                  "thread_safety": {
                    "status": "N/A",
                    "evidence": "`fn render` neither spawns nor runs in a task: the change is single-threaded"
                  },
                  "no_undefined_behavior": {
                    "status": "PASS",
                    "evidence": "the proposal is safe Rust: no `unsafe`, `transmute` or raw parts"
                  },
                  "estimate_plausible": {
                    "answer": "YES",
                    "evidence": "`lines` grows from empty by one push per iteration of the `for` loop at line 11 (line 14); `jobs` is a `&[Job]` (parameter `jobs: &[Job]` of `fn render`), so `jobs` yields exactly `jobs.len()` items: that is ~log2(n) reallocations with copies per call, and `with_capacity` makes it one allocation"
                  },
                  "hot_path": {
                    "answer": "YES",
                    "evidence": "per iteration of the `for` loop at line 11 in `fn render`; once per call of an entry point: entry: public API `render` of library `table_render`: called per call of its user"
                  },
                  "complexity_justified": {
                    "answer": "YES",
                    "evidence": "impact Medium against effort Low (proposal of 1 line(s), 0 prerequisite(s))"
                  },
                  "issues": [],
                  "conditions": [
                    "Gain: the ~log2(n) reallocations and copies of `lines` while it grows, per run of the `for` loop at line 11",
                    "`lines` is created with the length of `jobs` as its capacity",
                    "every iteration of the `for` loop at line 11 still pushes exactly once (no `continue` or early `break` before the push at line 14)",
                    "the crate's tests pass and a heap profile (DHAT) of a representative input shows fewer allocations"
                  ],
                  "counterexample": null,
                  "engine": "builtin"
                },
                "decision": {
                  "finding_id": "F-008",
                  "fingerprint": "0331a249d4f68a0f",
                  "kind": "implement",
                  "note": "Small change; do it this sprint.",
                  "round": 1,
                  "decided_at": "2025-03-02T10:08:00.000Z"
                }
              },
              {
                "finding": {
                  "id": "F-009",
                  "fingerprint": "b7e11a0e394eb566",
                  "category": "HEAP_AVOIDABLE",
                  "file": "crates/table_render/src/lib.rs",
                  "line_start": 12,
                  "line_end": 12,
                  "crate": "table_render",
                  "priority": "P2",
                  "item_path": "render",
                  "confidence": "HIGH",
                  "safety": "SAFE",
                  "code": "        let header = String::from(\"| \");",
                  "issue": "`header` copies a string literal to the heap but is never changed or handed over; the literal itself is a `&'static str`.",
                  "proposal": "let header: &str = \"| \";",
                  "impact": {
                    "allocations_avoided": 1,
                    "bytes_saved": 2,
                    "unit": "iteration of `for job in jobs`",
                    "applies_to": "every call of `render`",
                    "level": "Medium"
                  },
                  "tradeoffs": {
                    "pros": [
                      "No allocation, no copy."
                    ],
                    "cons": [
                      "Callers that need a `String` must convert at the point of use."
                    ]
                  },
                  "prerequisites": [],
                  "source": "builtin",
                  "reach": {
                    "heat": "hot",
                    "loop_depth": 1,
                    "reasons": [
                      "runs per iteration of `for job in jobs` in `render`",
                      "entry: public API `render` of library `table_render`: called per call of its user"
                    ]
                  },
                  "edit": {
                    "summary": "keep the literal a `&'static str`",
                    "hunks": [
                      {
                        "file": "crates/table_render/src/lib.rs",
                        "start": 271,
                        "end": 289,
                        "line": 12,
                        "original": "String::from(\"| \")",
                        "replacement": "\"| \""
                      }
                    ]
                  }
                },
                "state": "new",
                "validation": {
                  "finding_id": "F-009",
                  "fingerprint": "b7e11a0e394eb566",
                  "verdict": "APPROVED",
                  "lifetime": {
                    "status": "PASS",
                    "evidence": "`String::from(..)` at line 12 has a bounded size and stays local"
                  },
                  "thread_safety": {
                    "status": "N/A",
                    "evidence": "`fn render` neither spawns nor runs in a task: the change is single-threaded"
                  },
                  "no_undefined_behavior": {
                    "status": "PASS",
                    "evidence": "the proposal is safe Rust: no `unsafe`, `transmute` or raw parts"
                  },
                  "estimate_plausible": {
                    "answer": "YES",
                    "evidence": "1 allocation(s) per iteration of `for job in jobs` against 1 allocating expression(s) at lines 12-12, each run once per iteration"
                  },
                  "hot_path": {
                    "answer": "YES",
                    "evidence": "per iteration of the `for` loop at line 11 in `fn render`; once per call of an entry point: runs per iteration of `for job in jobs` in `render` ← entry: public API `render` of library `table_render`: called per call of its user"
                  },
                  "complexity_justified": {
                    "answer": "YES",
                    "evidence": "impact Medium against effort Medium (proposal of 1 line(s), 0 prerequisite(s), an API change (trade-off says \"Callers that need a `String` must convert at the point of use.\"))"
                  },
                  "issues": [],
                  "conditions": [
                    "the inline size stays small (check `size_of` of the new type)",
                    "the crate's tests pass and a heap profile (DHAT) of a representative input shows fewer allocations"
                  ],
                  "counterexample": null,
                  "engine": "builtin"
                },
                "decision": null
              },
              {
                "finding": {
                  "id": "F-010",
                  "fingerprint": "3294a693f7d0ba8d",
                  "category": "UNNECESSARY_CLONE",
                  "file": "crates/table_render/src/lib.rs",
                  "line_start": 13,
                  "line_end": 13,
                  "crate": "table_render",
                  "priority": "P2",
                  "item_path": "render",
                  "confidence": "HIGH",
                  "safety": "SAFE",
                  "code": "        let name = job.name.clone();",
                  "issue": "`name` is a copy of `job.name` that is only read afterwards; a borrow gives the same reads without allocating.",
                  "proposal": "let name = &job.name;",
                  "impact": {
                    "allocations_avoided": 1,
                    "bytes_saved": null,
                    "unit": "iteration of `for job in jobs`",
                    "applies_to": "every call of `render`",
                    "level": "Medium"
                  },
                  "tradeoffs": {
                    "pros": [
                      "Removes an allocation and a copy per execution."
                    ],
                    "cons": [
                      "The borrow ties `name` to the source's lifetime; mutating the source while it lives will not compile."
                    ]
                  },
                  "prerequisites": [],
                  "source": "builtin",
                  "reach": {
                    "heat": "hot",
                    "loop_depth": 1,
                    "reasons": [
                      "runs per iteration of `for job in jobs` in `render`",
                      "entry: public API `render` of library `table_render`: called per call of its user"
                    ]
                  },
                  "edit": {
                    "summary": "borrow `job.name` instead of `.clone()`",
                    "hunks": [
                      {
                        "file": "crates/table_render/src/lib.rs",
                        "start": 310,
                        "end": 326,
                        "line": 13,
                        "original": "job.name.clone()",
                        "replacement": "&job.name"
                      }
                    ]
                  }
                },
                "state": "new",
                "validation": {
                  "finding_id": "F-010",
                  "fingerprint": "3294a693f7d0ba8d",
                  "verdict": "APPROVED",
                  "lifetime": {
                    "status": "PASS",
                    "evidence": "`job.name` is neither mutated nor moved after line 13 in `fn render`, so a borrow can stand in for the clone"
                  },
                  "thread_safety": {
                    "status": "N/A",
                    "evidence": "`fn render` neither spawns nor runs in a task: the change is single-threaded"
                  },
                  "no_undefined_behavior": {
                    "status": "PASS",
                    "evidence": "the proposal is safe Rust: no `unsafe`, `transmute` or raw parts"
                  },
                  "estimate_plausible": {
                    "answer": "YES",
                    "evidence": "1 allocation(s) per iteration of `for job in jobs` against 1 allocating expression(s) at lines 13-13, each run once per iteration"
                  },
                  "hot_path": {
                    "answer": "YES",
                    "evidence": "per iteration of the `for` loop at line 11 in `fn render`; once per call of an entry point: runs per iteration of `for job in jobs` in `render` ← entry: public API `render` of library `table_render`: called per call of its user"
                  },
                  "complexity_justified": {
                    "answer": "YES",
                    "evidence": "impact Medium against effort Low (proposal of 1 line(s), 0 prerequisite(s))"
                  },
                  "issues": [],
                  "conditions": [
                    "Gain: one copy of `job.name` per iteration of the `for` loop at line 11",
                    "`job.name` is not mutated or moved while the borrow is alive",
                    "every consumer of the value accepts a reference (`&T`, `&str`, `&[T]`)",
                    "the crate's tests pass and a heap profile (DHAT) of a representative input shows fewer allocations"
                  ],
                  "counterexample": null,
                  "engine": "builtin"
                },
                "decision": {
                  "finding_id": "F-010",
                  "fingerprint": "3294a693f7d0ba8d",
                  "kind": "implement",
                  "note": "Small change; do it this sprint.",
                  "round": 1,
                  "decided_at": "2025-03-02T10:10:00.000Z"
                }
              }
            ],
            "report": {
              "round": 1,
              "summary": {
                "total": 9,
                "approved": 6,
                "needs_work": 2,
                "rejected": 1,
                "new": 9,
                "estimated_bytes_saved": 2,
                "estimated_allocations_avoided": 3,
                "estimated_allocation_reduction_pct": 100.0,
                "measured": null,
                "figures": [
                  {
                    "key": "memory_impact",
                    "label": "Memory impact",
                    "value": "~2 B",
                    "unit": "saved at peak",
                    "kind": "estimated",
                    "basis": "Not measured: the sum of the byte savings stated by 1 of 6 approved findings.",
                    "action": "Profile a workload (`memaudit profile`) to measure it."
                  },
                  {
                    "key": "allocation_reduction",
                    "label": "Allocation reduction",
                    "value": "~100%",
                    "unit": "of the allocations flagged in hot code",
                    "kind": "estimated",
                    "basis": "Not measured. Hot-path findings state 3 allocations per pass through their code; approved findings remove 3 of them. Only what the audit flagged is counted, not the program's allocations: this is not the share of its allocations a program would lose.",
                    "action": "Profile a workload (`memaudit profile`) to measure it."
                  },
                  {
                    "key": "allocations",
                    "label": "Allocations removed per pass",
                    "value": "~3",
                    "unit": "summed over 3 approved findings",
                    "kind": "estimated",
                    "basis": "Each approved finding states the allocations one pass through its code (one loop iteration or call) would no longer make; this sums them over 3 findings. Not a count over a run: how often each pass runs is unknown without a profile.",
                    "action": "Profile a workload (`memaudit profile`) to measure it."
                  }
                ],
                "cold": 0,
                "notes": 1
              },
              "quick_wins": [
                {
                  "finding_id": "F-003",
                  "location": "ingest_worker/lib.rs",
                  "category": "ALLOCATION_LOOP",
                  "impact": "High",
                  "effort": "Low",
                  "score": 9.0,
                  "measured": false,
                  "at": "crates/ingest_worker/src/lib.rs:42",
                  "summary": "`out` starts empty and receives exactly one `push` per iteration of `for row in rows`, so it reallocates about log2(n) times while growing although the final length is known up front.",
                  "validation": "APPROVED (builtin): hot path YES — per iteration of the `for` loop at line 43 in `fn label_rows`; once per call of an entry point: entry: public API `label_rows` of library `ingest_worker`: calle…; lifetime PASS, thread safety N/A, no UB PASS",
                  "gain": "— not estimated; profile a workload (`memaudit profile`) to measure it",
                  "diff": "--- a/crates/ingest_worker/src/lib.rs\n+++ b/crates/ingest_worker/src/lib.rs\n@@ line 42 @@\n-Vec::new()\n+Vec::with_capacity(rows.len())\n",
                  "proposal": "let mut out = Vec::with_capacity(rows.len());"
                },
                {
                  "finding_id": "F-004",
                  "location": "ingest_worker/lib.rs",
                  "category": "UNNECESSARY_CLONE",
                  "impact": "High",
                  "effort": "Low",
                  "score": 9.0,
                  "measured": false,
                  "at": "crates/ingest_worker/src/lib.rs:44",
                  "summary": "`l` is a copy of `label` that is only read afterwards; a borrow gives the same reads without allocating.",
                  "validation": "APPROVED (builtin): hot path YES — per iteration of the `for` loop at line 43 in `fn label_rows`; once per call of an entry point: runs per iteration of `for row in rows` in `label_rows` ← entry:…; lifetime PASS, thread safety N/A, no UB PASS",
                  "gain": "~1 allocation per iteration of `for row in rows` (estimate, not measured)",
                  "diff": "--- a/crates/ingest_worker/src/lib.rs\n+++ b/crates/ingest_worker/src/lib.rs\n@@ line 44 @@\n-label.clone()\n+&label\n",
                  "proposal": "let l = &label;"
                },
                {
                  "finding_id": "F-005",
                  "location": "ingest_worker/pipeline.rs",
                  "category": "ALLOCATION_LOOP",
                  "impact": "High",
                  "effort": "Low",
                  "score": 9.0,
                  "measured": false,
                  "at": "crates/ingest_worker/src/pipeline.rs:9",
                  "summary": "`encoded` starts empty and receives exactly one `push` per iteration of `for batch in batches`, so it reallocates about log2(n) times while growing although the final length is known up front.",
                  "validation": "APPROVED (builtin): hot path YES — per iteration of the `for` loop at line 10 in `fn encode_batches`; once per call of an entry point: entry: public API `encode_batches` of library…; lifetime PASS, thread safety N/A, no UB PASS",
                  "gain": "— not estimated; profile a workload (`memaudit profile`) to measure it",
                  "diff": "--- a/crates/ingest_worker/src/pipeline.rs\n+++ b/crates/ingest_worker/src/pipeline.rs\n@@ line 9 @@\n-Vec::new()\n+Vec::with_capacity(batches.len())\n",
                  "proposal": "let mut encoded = Vec::with_capacity(batches.len());"
                },
                {
                  "finding_id": "F-008",
                  "location": "table_render/lib.rs",
                  "category": "ALLOCATION_LOOP",
                  "impact": "Medium",
                  "effort": "Low",
                  "score": 6.0,
                  "measured": false,
                  "at": "crates/table_render/src/lib.rs:10",
                  "summary": "`lines` starts empty and receives exactly one `push` per iteration of `for job in jobs`, so it reallocates about log2(n) times while growing although the final length is known up front.",
                  "validation": "APPROVED (builtin): hot path YES — per iteration of the `for` loop at line 11 in `fn render`; once per call of an entry point: entry: public API `render` of library `table_render`: called per cal…; lifetime PASS, thread safety N/A, no UB PASS",
                  "gain": "— not estimated; profile a workload (`memaudit profile`) to measure it",
                  "diff": "--- a/crates/table_render/src/lib.rs\n+++ b/crates/table_render/src/lib.rs\n@@ line 10 @@\n-Vec::new()\n+Vec::with_capacity(jobs.len())\n",
                  "proposal": "let mut lines = Vec::with_capacity(jobs.len());"
                },
                {
                  "finding_id": "F-010",
                  "location": "table_render/lib.rs",
                  "category": "UNNECESSARY_CLONE",
                  "impact": "Medium",
                  "effort": "Low",
                  "score": 6.0,
                  "measured": false,
                  "at": "crates/table_render/src/lib.rs:13",
                  "summary": "`name` is a copy of `job.name` that is only read afterwards; a borrow gives the same reads without allocating.",
                  "validation": "APPROVED (builtin): hot path YES — per iteration of the `for` loop at line 11 in `fn render`; once per call of an entry point: runs per iteration of `for job in jobs` in `render` ← entry: public…; lifetime PASS, thread safety N/A, no UB PASS",
                  "gain": "~1 allocation per iteration of `for job in jobs` (estimate, not measured)",
                  "diff": "--- a/crates/table_render/src/lib.rs\n+++ b/crates/table_render/src/lib.rs\n@@ line 13 @@\n-job.name.clone()\n+&job.name\n",
                  "proposal": "let name = &job.name;"
                },
                {
                  "finding_id": "F-009",
                  "location": "table_render/lib.rs",
                  "category": "HEAP_AVOIDABLE",
                  "impact": "Medium",
                  "effort": "Medium",
                  "score": 3.0,
                  "measured": false,
                  "at": "crates/table_render/src/lib.rs:12",
                  "summary": "`header` copies a string literal to the heap but is never changed or handed over; the literal itself is a `&'static str`.",
                  "validation": "APPROVED (builtin): hot path YES — per iteration of the `for` loop at line 11 in `fn render`; once per call of an entry point: runs per iteration of `for job in jobs` in `render` ← entry: public…; lifetime PASS, thread safety N/A, no UB PASS",
                  "gain": "~1 allocation and ~2 B per iteration of `for job in jobs` (estimate, not measured)",
                  "diff": "--- a/crates/table_render/src/lib.rs\n+++ b/crates/table_render/src/lib.rs\n@@ line 12 @@\n-String::from(\"| \")\n+\"| \"\n",
                  "proposal": "let header: &str = \"| \";"
                }
              ],
              "recommendations": [
                {
                  "pattern": "per-iteration `Vec` allocation",
                  "category": "ALLOCATION_LOOP",
                  "finding_ids": [
                    "F-003",
                    "F-005",
                    "F-008"
                  ],
                  "locations": [
                    "crates/ingest_worker/src/lib.rs:42",
                    "crates/ingest_worker/src/pipeline.rs:9",
                    "crates/table_render/src/lib.rs:10"
                  ],
                  "unified_fix": "Hoist one `Vec` above the loop and `clear()` it per iteration (capacity is kept); share a `BufferPool` where the loop spans functions."
                }
              ],
              "by_crate": [
                {
                  "crate": "ingest_worker",
                  "priority": "P0",
                  "findings": [
                    {
                      "finding_id": "F-001",
                      "summary": "`.to_string()` allocates on every iteration of `for part in line.split(',')`.",
                      "verdict": "REJECTED",
                      "state": "new"
                    },
                    {
                      "finding_id": "F-002",
                      "summary": "`format!()` allocates on every iteration of `for line in text.lines()`.",
                      "verdict": "REJECTED",
                      "state": "new"
                    },
                    {
                      "finding_id": "F-003",
                      "summary": "`out` starts empty and receives exactly one `push` per iteration of `for row in rows`, so it reallocates about log2(n) times while growing although the final length is known up front.",
                      "verdict": "APPROVED",
                      "state": "new"
                    },
                    {
                      "finding_id": "F-004",
                      "summary": "`l` is a copy of `label` that is only read afterwards; a borrow gives the same reads without allocating.",
                      "verdict": "APPROVED",
                      "state": "new"
                    },
                    {
                      "finding_id": "F-005",
                      "summary": "`encoded` starts empty and receives exactly one `push` per iteration of `for batch in batches`, so it reallocates about log2(n) times while growing although the final length is known up front.",
                      "verdict": "APPROVED",
                      "state": "new"
                    },
                    {
                      "finding_id": "F-006",
                      "summary": "Variant `Data` is ~4096 bytes while the next largest is ~0: every `Message` value (in vectors, maps, channels) occupies the largest size.",
                      "verdict": "NEEDS_WORK",
                      "state": "new"
                    },
                    {
                      "finding_id": "F-007",
                      "summary": "`Box<[u8; 8]>` puts a fixed 8-byte array (8 elements) behind a heap allocation; it fits inline.",
                      "verdict": "NEEDS_WORK",
                      "state": "new"
                    }
                  ]
                },
                {
                  "crate": "table_render",
                  "priority": "P2",
                  "findings": [
                    {
                      "finding_id": "F-008",
                      "summary": "`lines` starts empty and receives exactly one `push` per iteration of `for job in jobs`, so it reallocates about log2(n) times while growing although the final length is known up front.",
                      "verdict": "APPROVED",
                      "state": "new"
                    },
                    {
                      "finding_id": "F-009",
                      "summary": "`header` copies a string literal to the heap but is never changed or handed over; the literal itself is a `&'static str`.",
                      "verdict": "APPROVED",
                      "state": "new"
                    },
                    {
                      "finding_id": "F-010",
                      "summary": "`name` is a copy of `job.name` that is only read afterwards; a borrow gives the same reads without allocating.",
                      "verdict": "APPROVED",
                      "state": "new"
                    }
                  ]
                }
              ],
              "deferred": [
                {
                  "finding_id": "F-006",
                  "reason": "NEEDS_WORK: The impact is not established: layout and cache effects show only under a profiler (cache misses), not in the syntax. [rule: impact-unknown]"
                },
                {
                  "finding_id": "F-007",
                  "reason": "NEEDS_WORK: The proposal changes an API: `Box<[u8; 8]>` is written in the return type of `fn small_box`, and `small_box` is public: removing the box changes its signature. [rule: api-change]"
                }
              ],
              "next_focus": [
                "Rework 1 NEEDS_WORK finding(s) in HEAP_AVOIDABLE: F-007",
                "Rework 1 NEEDS_WORK finding(s) in CACHE_HOSTILE: F-006"
              ],
              "termination": [
                {
                  "name": "All P0 crates analysed",
                  "met": true,
                  "detail": "1 P0 crate(s) analysed: ingest_worker"
                },
                {
                  "name": "No new HIGH-impact findings in the last round",
                  "met": false,
                  "detail": "round 1 found 4 new HIGH-impact finding(s): F-003, F-004, F-005, F-006"
                },
                {
                  "name": "No findings awaiting rework",
                  "met": false,
                  "detail": "2 NEEDS_WORK finding(s) without a decision: F-006, F-007"
                },
                {
                  "name": "Actionable report generated",
                  "met": true,
                  "detail": "6 approved finding(s) ready to implement"
                },
                {
                  "name": "User satisfied with coverage",
                  "met": false,
                  "detail": "the user has not terminated the session"
                }
              ],
              "verified": []
            },
            "role_runs": [
              {
                "role": "analyst",
                "engine": "builtin",
                "started_at": "2025-03-02T09:30:00.000Z",
                "finished_at": "2025-03-02T09:30:00.820Z",
                "duration_ms": 820,
                "tokens_in": 0,
                "tokens_out": 0,
                "cost_usd": 0.0,
                "status": "finished",
                "error": null
              },
              {
                "role": "validator",
                "engine": "builtin",
                "started_at": "2025-03-02T09:30:00.820Z",
                "finished_at": "2025-03-02T09:30:01.160Z",
                "duration_ms": 340,
                "tokens_in": 0,
                "tokens_out": 0,
                "cost_usd": 0.0,
                "status": "finished",
                "error": null
              },
              {
                "role": "coordinator",
                "engine": "builtin",
                "started_at": "2025-03-02T09:30:01.160Z",
                "finished_at": "2025-03-02T09:30:01.205Z",
                "duration_ms": 45,
                "tokens_in": 0,
                "tokens_out": 0,
                "cost_usd": 0.0,
                "status": "finished",
                "error": null
              }
            ],
            "decision": {
              "kind": "continue",
              "focus": [],
              "note": "Everything once more after the fixes."
            },
            "focus": []
          },
          {
            "number": 2,
            "status": "decided",
            "started_at": "2025-03-04T09:30:00.000Z",
            "finished_at": "2025-03-04T09:30:02.000Z",
            "error": null,
            "findings": [
              {
                "finding": {
                  "id": "F-003",
                  "fingerprint": "4b6f1a00b635e435",
                  "category": "ALLOCATION_LOOP",
                  "file": "crates/ingest_worker/src/lib.rs",
                  "line_start": 42,
                  "line_end": 42,
                  "crate": "ingest_worker",
                  "priority": "P0",
                  "item_path": "label_rows",
                  "confidence": "HIGH",
                  "safety": "SAFE",
                  "code": "    let mut out = Vec::new();",
                  "issue": "`out` starts empty and receives exactly one `push` per iteration of `for row in rows`, so it reallocates about log2(n) times while growing although the final length is known up front.",
                  "proposal": "let mut out = Vec::with_capacity(rows.len());",
                  "impact": {
                    "allocations_avoided": null,
                    "bytes_saved": null,
                    "unit": "call of `label_rows`",
                    "applies_to": "~log2(n) reallocations and copies per call of `label_rows`",
                    "level": "High"
                  },
                  "tradeoffs": {
                    "pros": [
                      "One allocation instead of a growth sequence; no copying on regrowth."
                    ],
                    "cons": [
                      "None when every iteration pushes."
                    ]
                  },
                  "prerequisites": [],
                  "source": "builtin",
                  "reach": {
                    "heat": "warm",
                    "loop_depth": 0,
                    "reasons": [
                      "entry: public API `label_rows` of library `ingest_worker`: called per call of its user"
                    ]
                  },
                  "edit": {
                    "summary": "reserve `rows.len()` up front with `Vec::with_capacity`",
                    "hunks": [
                      {
                        "file": "crates/ingest_worker/src/lib.rs",
                        "start": 1099,
                        "end": 1109,
                        "line": 42,
                        "original": "Vec::new()",
                        "replacement": "Vec::with_capacity(rows.len())"
                      }
                    ]
                  }
                },
                "state": "persisting",
                "validation": {
                  "finding_id": "F-003",
                  "fingerprint": "4b6f1a00b635e435",
                  "verdict": "APPROVED",
                  "lifetime": {
                    "status": "PASS",
                    "evidence": "`with_capacity` changes only the initial capacity of `out` (line 42); its owner, its pushes and where it goes afterwards stay as they are"
                  },
                  "thread_safety": {
                    "status": "N/A",
                    "evidence": "`fn label_rows` neither spawns nor runs in a task: the change is single-threaded"
                  },
                  "no_undefined_behavior": {
                    "status": "PASS",
                    "evidence": "the proposal is safe Rust: no `unsafe`, `transmute` or raw parts"
                  },
                  "estimate_plausible": {
                    "answer": "YES",
                    "evidence": "`out` grows from empty by one push per iteration of the `for` loop at line 43 (line 45); `rows` is a `&[Record]` (parameter `rows: &[Record]` of `fn label_rows`), so `rows` yields exactly `rows.len()` items: that is ~log2(n) reallocations with copies per call, and `with_capacity` makes it one allocation"
                  },
                  "hot_path": {
                    "answer": "YES",
                    "evidence": "per iteration of the `for` loop at line 43 in `fn label_rows`; once per call of an entry point: entry: public API `label_rows` of library `ingest_worker`: called per call of its user"
                  },
                  "complexity_justified": {
                    "answer": "YES",
                    "evidence": "impact High against effort Low (proposal of 1 line(s), 0 prerequisite(s))"
                  },
                  "issues": [],
                  "conditions": [
                    "Gain: the ~log2(n) reallocations and copies of `out` while it grows, per run of the `for` loop at line 43",
                    "`out` is created with the length of `rows` as its capacity",
                    "every iteration of the `for` loop at line 43 still pushes exactly once (no `continue` or early `break` before the push at line 45)",
                    "the crate's tests pass and a heap profile (DHAT) of a representative input shows fewer allocations"
                  ],
                  "counterexample": null,
                  "engine": "builtin"
                },
                "decision": {
                  "finding_id": "F-003",
                  "fingerprint": "4b6f1a00b635e435",
                  "kind": "implement",
                  "note": "Small change; do it this sprint.",
                  "round": 2,
                  "decided_at": "2025-03-04T10:03:00.000Z"
                }
              },
              {
                "finding": {
                  "id": "F-004",
                  "fingerprint": "766c341e04095ed0",
                  "category": "UNNECESSARY_CLONE",
                  "file": "crates/ingest_worker/src/lib.rs",
                  "line_start": 44,
                  "line_end": 44,
                  "crate": "ingest_worker",
                  "priority": "P0",
                  "item_path": "label_rows",
                  "confidence": "HIGH",
                  "safety": "SAFE",
                  "code": "        let l = label.clone();",
                  "issue": "`l` is a copy of `label` that is only read afterwards; a borrow gives the same reads without allocating.",
                  "proposal": "let l = &label;",
                  "impact": {
                    "allocations_avoided": 1,
                    "bytes_saved": null,
                    "unit": "iteration of `for row in rows`",
                    "applies_to": "every call of `label_rows`",
                    "level": "High"
                  },
                  "tradeoffs": {
                    "pros": [
                      "Removes an allocation and a copy per execution."
                    ],
                    "cons": [
                      "The borrow ties `l` to the source's lifetime; mutating the source while it lives will not compile."
                    ]
                  },
                  "prerequisites": [],
                  "source": "builtin",
                  "reach": {
                    "heat": "hot",
                    "loop_depth": 1,
                    "reasons": [
                      "runs per iteration of `for row in rows` in `label_rows`",
                      "entry: public API `label_rows` of library `ingest_worker`: called per call of its user"
                    ]
                  },
                  "edit": {
                    "summary": "borrow `label` instead of `.clone()`",
                    "hunks": [
                      {
                        "file": "crates/ingest_worker/src/lib.rs",
                        "start": 1149,
                        "end": 1162,
                        "line": 44,
                        "original": "label.clone()",
                        "replacement": "&label"
                      }
                    ]
                  }
                },
                "state": "persisting",
                "validation": {
                  "finding_id": "F-004",
                  "fingerprint": "766c341e04095ed0",
                  "verdict": "APPROVED",
                  "lifetime": {
                    "status": "PASS",
                    "evidence": "`label` is neither mutated nor moved after line 44 in `fn label_rows`, so a borrow can stand in for the clone"
                  },
                  "thread_safety": {
                    "status": "N/A",
                    "evidence": "`fn label_rows` neither spawns nor runs in a task: the change is single-threaded"
                  },
                  "no_undefined_behavior": {
                    "status": "PASS",
                    "evidence": "the proposal is safe Rust: no `unsafe`, `transmute` or raw parts"
                  },
                  "estimate_plausible": {
                    "answer": "YES",
                    "evidence": "1 allocation(s) per iteration of `for row in rows` against 1 allocating expression(s) at lines 44-44, each run once per iteration"
                  },
                  "hot_path": {
                    "answer": "YES",
                    "evidence": "per iteration of the `for` loop at line 43 in `fn label_rows`; once per call of an entry point: runs per iteration of `for row in rows` in `label_rows` ← entry: public API `label_rows` of library `ingest_worker`: called per call of its user"
                  },
                  "complexity_justified": {
                    "answer": "YES",
                    "evidence": "impact High against effort Low (proposal of 1 line(s), 0 prerequisite(s))"
                  },
                  "issues": [],
                  "conditions": [
                    "Gain: one copy of `label` per iteration of the `for` loop at line 43",
                    "`label` is not mutated or moved while the borrow is alive",
                    "every consumer of the value accepts a reference (`&T`, `&str`, `&[T]`)",
                    "the crate's tests pass and a heap profile (DHAT) of a representative input shows fewer allocations"
                  ],
                  "counterexample": null,
                  "engine": "builtin"
                },
                "decision": {
                  "finding_id": "F-004",
                  "fingerprint": "766c341e04095ed0",
                  "kind": "implement",
                  "note": "Small change; do it this sprint.",
                  "round": 1,
                  "decided_at": "2025-03-02T10:04:00.000Z"
                }
              },
              {
                "finding": {
                  "id": "F-005",
                  "fingerprint": "4db1e8a0d107e7dc",
                  "category": "ALLOCATION_LOOP",
                  "file": "crates/ingest_worker/src/pipeline.rs",
                  "line_start": 9,
                  "line_end": 9,
                  "crate": "ingest_worker",
                  "priority": "P1",
                  "item_path": "pipeline::encode_batches",
                  "confidence": "HIGH",
                  "safety": "SAFE",
                  "code": "    let mut encoded = Vec::new();",
                  "issue": "`encoded` starts empty and receives exactly one `push` per iteration of `for batch in batches`, so it reallocates about log2(n) times while growing although the final length is known up front.",
                  "proposal": "let mut encoded = Vec::with_capacity(batches.len());",
                  "impact": {
                    "allocations_avoided": null,
                    "bytes_saved": null,
                    "unit": "call of `pipeline::encode_batches`",
                    "applies_to": "~log2(n) reallocations and copies per call of `pipeline::encode_batches`",
                    "level": "High"
                  },
                  "tradeoffs": {
                    "pros": [
                      "One allocation instead of a growth sequence; no copying on regrowth."
                    ],
                    "cons": [
                      "None when every iteration pushes."
                    ]
                  },
                  "prerequisites": [],
                  "source": "builtin",
                  "reach": {
                    "heat": "warm",
                    "loop_depth": 0,
                    "reasons": [
                      "entry: public API `encode_batches` of library `ingest_worker`: called per call of its user"
                    ]
                  },
                  "edit": {
                    "summary": "reserve `batches.len()` up front with `Vec::with_capacity`",
                    "hunks": [
                      {
                        "file": "crates/ingest_worker/src/pipeline.rs",
                        "start": 216,
                        "end": 226,
                        "line": 9,
                        "original": "Vec::new()",
                        "replacement": "Vec::with_capacity(batches.len())"
                      }
                    ]
                  }
                },
                "state": "persisting",
                "validation": {
                  "finding_id": "F-005",
                  "fingerprint": "4db1e8a0d107e7dc",
                  "verdict": "APPROVED",
                  "lifetime": {
                    "status": "PASS",
                    "evidence": "`with_capacity` changes only the initial capacity of `encoded` (line 9); its owner, its pushes and where it goes afterwards stay as they are"
                  },
                  "thread_safety": {
                    "status": "N/A",
                    "evidence": "`fn encode_batches` neither spawns nor runs in a task: the change is single-threaded"
                  },
                  "no_undefined_behavior": {
                    "status": "PASS",
                    "evidence": "the proposal is safe Rust: no `unsafe`, `transmute` or raw parts"
                  },
                  "estimate_plausible": {
                    "answer": "YES",
                    "evidence": "`encoded` grows from empty by one push per iteration of the `for` loop at line 10 (line 15); `batches` is a `&[Batch]` (parameter `batches: &[Batch]` of `fn encode_batches`), so `batches` yields exactly `batches.len()` items: that is ~log2(n) reallocations with copies per call, and `with_capacity` makes it one allocation"
                  },
                  "hot_path": {
                    "answer": "YES",
                    "evidence": "per iteration of the `for` loop at line 10 in `fn encode_batches`; once per call of an entry point: entry: public API `encode_batches` of library `ingest_worker`: called per call of its user"
                  },
                  "complexity_justified": {
                    "answer": "YES",
                    "evidence": "impact High against effort Low (proposal of 1 line(s), 0 prerequisite(s))"
                  },
                  "issues": [],
                  "conditions": [
                    "Gain: the ~log2(n) reallocations and copies of `encoded` while it grows, per run of the `for` loop at line 10",
                    "`encoded` is created with the length of `batches` as its capacity",
                    "every iteration of the `for` loop at line 10 still pushes exactly once (no `continue` or early `break` before the push at line 15)",
                    "the crate's tests pass and a heap profile (DHAT) of a representative input shows fewer allocations"
                  ],
                  "counterexample": null,
                  "engine": "builtin"
                },
                "decision": {
                  "finding_id": "F-005",
                  "fingerprint": "4db1e8a0d107e7dc",
                  "kind": "implement",
                  "note": "Small change; do it this sprint.",
                  "round": 1,
                  "decided_at": "2025-03-02T10:05:00.000Z"
                }
              },
              {
                "finding": {
                  "id": "F-006",
                  "fingerprint": "d0f3762e57c020ba",
                  "category": "CACHE_HOSTILE",
                  "file": "crates/ingest_worker/src/pipeline.rs",
                  "line_start": 29,
                  "line_end": 32,
                  "crate": "ingest_worker",
                  "priority": "P1",
                  "item_path": "pipeline::Message",
                  "confidence": "HIGH",
                  "safety": "SAFE",
                  "code": "pub enum Message {\n    Ping,\n    Data([u8; 4096]),\n}",
                  "issue": "Variant `Data` is ~4096 bytes while the next largest is ~0: every `Message` value (in vectors, maps, channels) occupies the largest size.",
                  "proposal": "// Box the large payload so the enum shrinks to ~16 bytes:\nData(Box<[u8; 4096]>),",
                  "impact": {
                    "allocations_avoided": null,
                    "bytes_saved": 4088,
                    "unit": "`Message` value stored",
                    "applies_to": "every collection or message holding `Message`",
                    "level": "High"
                  },
                  "tradeoffs": {
                    "pros": [
                      "Smaller values: more per cache line, cheaper moves."
                    ],
                    "cons": [
                      "Building `Data` now allocates; worth it when it is the rare variant."
                    ]
                  },
                  "prerequisites": [],
                  "source": "builtin",
                  "reach": {
                    "heat": "warm",
                    "loop_depth": 0,
                    "reasons": [
                      "a type declaration: paid wherever its values are built or stored"
                    ]
                  }
                },
                "state": "persisting",
                "validation": {
                  "finding_id": "F-006",
                  "fingerprint": "d0f3762e57c020ba",
                  "verdict": "NEEDS_WORK",
                  "lifetime": {
                    "status": "N/A",
                    "evidence": "a layout change moves no ownership"
                  },
                  "thread_safety": {
                    "status": "N/A",
                    "evidence": "reordering fields changes no sharing between threads"
                  },
                  "no_undefined_behavior": {
                    "status": "PASS",
                    "evidence": "the proposal is safe Rust: no `unsafe`, `transmute` or raw parts"
                  },
                  "estimate_plausible": {
                    "answer": "NEEDS_MEASUREMENT",
                    "evidence": "layout and cache effects show only under a profiler (cache misses), not in the syntax"
                  },
                  "hot_path": {
                    "answer": "MAYBE",
                    "evidence": "a type definition in a P1 file (scope: `crates/ingest_worker/src/pipeline.rs` is P1); how hot depends on how many values are built"
                  },
                  "complexity_justified": {
                    "answer": "YES",
                    "evidence": "impact High against effort Low (proposal of 1 line(s), 0 prerequisite(s))"
                  },
                  "issues": [
                    {
                      "id": "F-006-I1",
                      "description": "The impact is not established: layout and cache effects show only under a profiler (cache misses), not in the syntax. [rule: impact-unknown]",
                      "risk": "Effort may be spent on a change that saves nothing measurable.",
                      "suggestion": "Give allocations avoided or bytes saved per unit, or attach a heap profile."
                    }
                  ],
                  "conditions": [
                    "Give allocations avoided or bytes saved per unit, or attach a heap profile."
                  ],
                  "counterexample": null,
                  "engine": "builtin"
                },
                "decision": {
                  "finding_id": "F-006",
                  "fingerprint": "d0f3762e57c020ba",
                  "kind": "reject_wont_fix",
                  "note": "Not worth the API change.",
                  "round": 2,
                  "decided_at": "2025-03-04T10:06:00.000Z"
                }
              },
              {
                "finding": {
                  "id": "F-007",
                  "fingerprint": "6f330868d14b6358",
                  "category": "HEAP_AVOIDABLE",
                  "file": "crates/ingest_worker/src/pipeline.rs",
                  "line_start": 34,
                  "line_end": 34,
                  "crate": "ingest_worker",
                  "priority": "P1",
                  "item_path": "pipeline::small_box",
                  "confidence": "HIGH",
                  "safety": "SAFE",
                  "code": "pub fn small_box() -> Box<[u8; 8]> {",
                  "issue": "`Box<[u8; 8]>` puts a fixed 8-byte array (8 elements) behind a heap allocation; it fits inline.",
                  "proposal": "[u8; 8] // inline, no Box",
                  "impact": {
                    "allocations_avoided": 1,
                    "bytes_saved": 16,
                    "unit": "value built",
                    "applies_to": "every value of this type in `pipeline::small_box`",
                    "level": "Medium"
                  },
                  "tradeoffs": {
                    "pros": [
                      "No allocation, no pointer chase; the data sits with its owner."
                    ],
                    "cons": [
                      "The owner grows by 8 bytes; moving it copies them."
                    ]
                  },
                  "prerequisites": [],
                  "source": "builtin",
                  "reach": {
                    "heat": "warm",
                    "loop_depth": 0,
                    "reasons": [
                      "entry: public API `small_box` of library `ingest_worker`: called per call of its user"
                    ]
                  },
                  "edit": {
                    "summary": "`[u8; 8]` inline, no `Box`",
                    "hunks": [
                      {
                        "file": "crates/ingest_worker/src/pipeline.rs",
                        "start": 718,
                        "end": 730,
                        "line": 34,
                        "original": "Box<[u8; 8]>",
                        "replacement": "[u8; 8]"
                      }
                    ]
                  }
                },
                "state": "persisting",
                "validation": {
                  "finding_id": "F-007",
                  "fingerprint": "6f330868d14b6358",
                  "verdict": "NEEDS_WORK",
                  "lifetime": {
                    "status": "PASS",
                    "evidence": "`[u8; 8]` is sized and does not contain its container: it can live inline"
                  },
                  "thread_safety": {
                    "status": "N/A",
                    "evidence": "`fn small_box` neither spawns nor runs in a task: the change is single-threaded"
                  },
                  "no_undefined_behavior": {
                    "status": "PASS",
                    "evidence": "the proposal is safe Rust: no `unsafe`, `transmute` or raw parts"
                  },
                  "estimate_plausible": {
                    "answer": "YES",
                    "evidence": "1 allocation(s) per value built: every `Box<[u8; 8]>` value is one heap allocation"
                  },
                  "hot_path": {
                    "answer": "MAYBE",
                    "evidence": "a type in the return type of `fn small_box`, in a P1 file (scope: `crates/ingest_worker/src/pipeline.rs` is P1): one allocation per call; how hot depends on how often callers call it"
                  },
                  "complexity_justified": {
                    "answer": "YES",
                    "evidence": "impact Medium against effort Low (proposal of 1 line(s), 0 prerequisite(s))"
                  },
                  "issues": [
                    {
                      "id": "F-007-I1",
                      "description": "The proposal changes an API: `Box<[u8; 8]>` is written in the return type of `fn small_box`, and `small_box` is public: removing the box changes its signature. [rule: api-change]",
                      "risk": "Every caller changes too; a public API change is a breaking release.",
                      "suggestion": "List the callers and show the new signature, or find a change local to the function."
                    }
                  ],
                  "conditions": [
                    "List the callers and show the new signature, or find a change local to the function."
                  ],
                  "counterexample": null,
                  "engine": "builtin"
                },
                "decision": {
                  "finding_id": "F-007",
                  "fingerprint": "6f330868d14b6358",
                  "kind": "defer",
                  "note": "Measure with a heap profile first.",
                  "defer_until_round": 3,
                  "round": 1,
                  "decided_at": "2025-03-02T10:07:00.000Z"
                }
              },
              {
                "finding": {
                  "id": "F-008",
                  "fingerprint": "0331a249d4f68a0f",
                  "category": "ALLOCATION_LOOP",
                  "file": "crates/table_render/src/lib.rs",
                  "line_start": 10,
                  "line_end": 10,
                  "crate": "table_render",
                  "priority": "P2",
                  "item_path": "render",
                  "confidence": "HIGH",
                  "safety": "SAFE",
                  "code": "    let mut lines = Vec::new();",
                  "issue": "`lines` starts empty and receives exactly one `push` per iteration of `for job in jobs`, so it reallocates about log2(n) times while growing although the final length is known up front.",
                  "proposal": "let mut lines = Vec::with_capacity(jobs.len());",
                  "impact": {
                    "allocations_avoided": null,
                    "bytes_saved": null,
                    "unit": "call of `render`",
                    "applies_to": "~log2(n) reallocations and copies per call of `render`",
                    "level": "Medium"
                  },
                  "tradeoffs": {
                    "pros": [
                      "One allocation instead of a growth sequence; no copying on regrowth."
                    ],
                    "cons": [
                      "None when every iteration pushes."
                    ]
                  },
                  "prerequisites": [],
                  "source": "builtin",
                  "reach": {
                    "heat": "warm",
                    "loop_depth": 0,
                    "reasons": [
                      "entry: public API `render` of library `table_render`: called per call of its user"
                    ]
                  },
                  "edit": {
                    "summary": "reserve `jobs.len()` up front with `Vec::with_capacity`",
                    "hunks": [
                      {
                        "file": "crates/table_render/src/lib.rs",
                        "start": 216,
                        "end": 226,
                        "line": 10,
                        "original": "Vec::new()",
                        "replacement": "Vec::with_capacity(jobs.len())"
                      }
                    ]
                  }
                },
                "state": "persisting",
                "validation": {
                  "finding_id": "F-008",
                  "fingerprint": "0331a249d4f68a0f",
                  "verdict": "APPROVED",
                  "lifetime": {
                    "status": "PASS",
                    "evidence": "`with_capacity` changes only the initial capacity of `lines` (line 10); its owner, its pushes and where it goes afterwards stay as they are"
                  },
                  "thread_safety": {
                    "status": "N/A",
                    "evidence": "`fn render` neither spawns nor runs in a task: the change is single-threaded"
                  },
                  "no_undefined_behavior": {
                    "status": "PASS",
                    "evidence": "the proposal is safe Rust: no `unsafe`, `transmute` or raw parts"
                  },
                  "estimate_plausible": {
                    "answer": "YES",
                    "evidence": "`lines` grows from empty by one push per iteration of the `for` loop at line 11 (line 14); `jobs` is a `&[Job]` (parameter `jobs: &[Job]` of `fn render`), so `jobs` yields exactly `jobs.len()` items: that is ~log2(n) reallocations with copies per call, and `with_capacity` makes it one allocation"
                  },
                  "hot_path": {
                    "answer": "YES",
                    "evidence": "per iteration of the `for` loop at line 11 in `fn render`; once per call of an entry point: entry: public API `render` of library `table_render`: called per call of its user"
                  },
                  "complexity_justified": {
                    "answer": "YES",
                    "evidence": "impact Medium against effort Low (proposal of 1 line(s), 0 prerequisite(s))"
                  },
                  "issues": [],
                  "conditions": [
                    "Gain: the ~log2(n) reallocations and copies of `lines` while it grows, per run of the `for` loop at line 11",
                    "`lines` is created with the length of `jobs` as its capacity",
                    "every iteration of the `for` loop at line 11 still pushes exactly once (no `continue` or early `break` before the push at line 14)",
                    "the crate's tests pass and a heap profile (DHAT) of a representative input shows fewer allocations"
                  ],
                  "counterexample": null,
                  "engine": "builtin"
                },
                "decision": {
                  "finding_id": "F-008",
                  "fingerprint": "0331a249d4f68a0f",
                  "kind": "implement",
                  "note": "Small change; do it this sprint.",
                  "round": 1,
                  "decided_at": "2025-03-02T10:08:00.000Z"
                }
              },
              {
                "finding": {
                  "id": "F-009",
                  "fingerprint": "b7e11a0e394eb566",
                  "category": "HEAP_AVOIDABLE",
                  "file": "crates/table_render/src/lib.rs",
                  "line_start": 12,
                  "line_end": 12,
                  "crate": "table_render",
                  "priority": "P2",
                  "item_path": "render",
                  "confidence": "HIGH",
                  "safety": "SAFE",
                  "code": "        let header = String::from(\"| \");",
                  "issue": "`header` copies a string literal to the heap but is never changed or handed over; the literal itself is a `&'static str`.",
                  "proposal": "let header: &str = \"| \";",
                  "impact": {
                    "allocations_avoided": 1,
                    "bytes_saved": 2,
                    "unit": "iteration of `for job in jobs`",
                    "applies_to": "every call of `render`",
                    "level": "Medium"
                  },
                  "tradeoffs": {
                    "pros": [
                      "No allocation, no copy."
                    ],
                    "cons": [
                      "Callers that need a `String` must convert at the point of use."
                    ]
                  },
                  "prerequisites": [],
                  "source": "builtin",
                  "reach": {
                    "heat": "hot",
                    "loop_depth": 1,
                    "reasons": [
                      "runs per iteration of `for job in jobs` in `render`",
                      "entry: public API `render` of library `table_render`: called per call of its user"
                    ]
                  },
                  "edit": {
                    "summary": "keep the literal a `&'static str`",
                    "hunks": [
                      {
                        "file": "crates/table_render/src/lib.rs",
                        "start": 271,
                        "end": 289,
                        "line": 12,
                        "original": "String::from(\"| \")",
                        "replacement": "\"| \""
                      }
                    ]
                  }
                },
                "state": "persisting",
                "validation": {
                  "finding_id": "F-009",
                  "fingerprint": "b7e11a0e394eb566",
                  "verdict": "APPROVED",
                  "lifetime": {
                    "status": "PASS",
                    "evidence": "`String::from(..)` at line 12 has a bounded size and stays local"
                  },
                  "thread_safety": {
                    "status": "N/A",
                    "evidence": "`fn render` neither spawns nor runs in a task: the change is single-threaded"
                  },
                  "no_undefined_behavior": {
                    "status": "PASS",
                    "evidence": "the proposal is safe Rust: no `unsafe`, `transmute` or raw parts"
                  },
                  "estimate_plausible": {
                    "answer": "YES",
                    "evidence": "1 allocation(s) per iteration of `for job in jobs` against 1 allocating expression(s) at lines 12-12, each run once per iteration"
                  },
                  "hot_path": {
                    "answer": "YES",
                    "evidence": "per iteration of the `for` loop at line 11 in `fn render`; once per call of an entry point: runs per iteration of `for job in jobs` in `render` ← entry: public API `render` of library `table_render`: called per call of its user"
                  },
                  "complexity_justified": {
                    "answer": "YES",
                    "evidence": "impact Medium against effort Medium (proposal of 1 line(s), 0 prerequisite(s), an API change (trade-off says \"Callers that need a `String` must convert at the point of use.\"))"
                  },
                  "issues": [],
                  "conditions": [
                    "the inline size stays small (check `size_of` of the new type)",
                    "the crate's tests pass and a heap profile (DHAT) of a representative input shows fewer allocations"
                  ],
                  "counterexample": null,
                  "engine": "builtin"
                },
                "decision": {
                  "finding_id": "F-009",
                  "fingerprint": "b7e11a0e394eb566",
                  "kind": "implement",
                  "note": "Small change; do it this sprint.",
                  "round": 2,
                  "decided_at": "2025-03-04T10:09:00.000Z"
                }
              },
              {
                "finding": {
                  "id": "F-010",
                  "fingerprint": "3294a693f7d0ba8d",
                  "category": "UNNECESSARY_CLONE",
                  "file": "crates/table_render/src/lib.rs",
                  "line_start": 13,
                  "line_end": 13,
                  "crate": "table_render",
                  "priority": "P2",
                  "item_path": "render",
                  "confidence": "HIGH",
                  "safety": "SAFE",
                  "code": "        let name = job.name.clone();",
                  "issue": "`name` is a copy of `job.name` that is only read afterwards; a borrow gives the same reads without allocating.",
                  "proposal": "let name = &job.name;",
                  "impact": {
                    "allocations_avoided": 1,
                    "bytes_saved": null,
                    "unit": "iteration of `for job in jobs`",
                    "applies_to": "every call of `render`",
                    "level": "Medium"
                  },
                  "tradeoffs": {
                    "pros": [
                      "Removes an allocation and a copy per execution."
                    ],
                    "cons": [
                      "The borrow ties `name` to the source's lifetime; mutating the source while it lives will not compile."
                    ]
                  },
                  "prerequisites": [],
                  "source": "builtin",
                  "reach": {
                    "heat": "hot",
                    "loop_depth": 1,
                    "reasons": [
                      "runs per iteration of `for job in jobs` in `render`",
                      "entry: public API `render` of library `table_render`: called per call of its user"
                    ]
                  },
                  "edit": {
                    "summary": "borrow `job.name` instead of `.clone()`",
                    "hunks": [
                      {
                        "file": "crates/table_render/src/lib.rs",
                        "start": 310,
                        "end": 326,
                        "line": 13,
                        "original": "job.name.clone()",
                        "replacement": "&job.name"
                      }
                    ]
                  }
                },
                "state": "persisting",
                "validation": {
                  "finding_id": "F-010",
                  "fingerprint": "3294a693f7d0ba8d",
                  "verdict": "APPROVED",
                  "lifetime": {
                    "status": "PASS",
                    "evidence": "`job.name` is neither mutated nor moved after line 13 in `fn render`, so a borrow can stand in for the clone"
                  },
                  "thread_safety": {
                    "status": "N/A",
                    "evidence": "`fn render` neither spawns nor runs in a task: the change is single-threaded"
                  },
                  "no_undefined_behavior": {
                    "status": "PASS",
                    "evidence": "the proposal is safe Rust: no `unsafe`, `transmute` or raw parts"
                  },
                  "estimate_plausible": {
                    "answer": "YES",
                    "evidence": "1 allocation(s) per iteration of `for job in jobs` against 1 allocating expression(s) at lines 13-13, each run once per iteration"
                  },
                  "hot_path": {
                    "answer": "YES",
                    "evidence": "per iteration of the `for` loop at line 11 in `fn render`; once per call of an entry point: runs per iteration of `for job in jobs` in `render` ← entry: public API `render` of library `table_render`: called per call of its user"
                  },
                  "complexity_justified": {
                    "answer": "YES",
                    "evidence": "impact Medium against effort Low (proposal of 1 line(s), 0 prerequisite(s))"
                  },
                  "issues": [],
                  "conditions": [
                    "Gain: one copy of `job.name` per iteration of the `for` loop at line 11",
                    "`job.name` is not mutated or moved while the borrow is alive",
                    "every consumer of the value accepts a reference (`&T`, `&str`, `&[T]`)",
                    "the crate's tests pass and a heap profile (DHAT) of a representative input shows fewer allocations"
                  ],
                  "counterexample": null,
                  "engine": "builtin"
                },
                "decision": {
                  "finding_id": "F-010",
                  "fingerprint": "3294a693f7d0ba8d",
                  "kind": "implement",
                  "note": "Small change; do it this sprint.",
                  "round": 1,
                  "decided_at": "2025-03-02T10:10:00.000Z"
                }
              }
            ],
            "report": {
              "round": 2,
              "summary": {
                "total": 8,
                "approved": 6,
                "needs_work": 2,
                "rejected": 0,
                "new": 0,
                "estimated_bytes_saved": 2,
                "estimated_allocations_avoided": 3,
                "estimated_allocation_reduction_pct": 100.0,
                "measured": null,
                "figures": [
                  {
                    "key": "memory_impact",
                    "label": "Memory impact",
                    "value": "~2 B",
                    "unit": "saved at peak",
                    "kind": "estimated",
                    "basis": "Not measured: the sum of the byte savings stated by 1 of 6 approved findings.",
                    "action": "Profile a workload (`memaudit profile`) to measure it."
                  },
                  {
                    "key": "allocation_reduction",
                    "label": "Allocation reduction",
                    "value": "~100%",
                    "unit": "of the allocations flagged in hot code",
                    "kind": "estimated",
                    "basis": "Not measured. Hot-path findings state 3 allocations per pass through their code; approved findings remove 3 of them. Only what the audit flagged is counted, not the program's allocations: this is not the share of its allocations a program would lose.",
                    "action": "Profile a workload (`memaudit profile`) to measure it."
                  },
                  {
                    "key": "allocations",
                    "label": "Allocations removed per pass",
                    "value": "~3",
                    "unit": "summed over 3 approved findings",
                    "kind": "estimated",
                    "basis": "Each approved finding states the allocations one pass through its code (one loop iteration or call) would no longer make; this sums them over 3 findings. Not a count over a run: how often each pass runs is unknown without a profile.",
                    "action": "Profile a workload (`memaudit profile`) to measure it."
                  }
                ],
                "cold": 0,
                "notes": 0
              },
              "quick_wins": [
                {
                  "finding_id": "F-003",
                  "location": "ingest_worker/lib.rs",
                  "category": "ALLOCATION_LOOP",
                  "impact": "High",
                  "effort": "Low",
                  "score": 9.0,
                  "measured": false,
                  "at": "crates/ingest_worker/src/lib.rs:42",
                  "summary": "`out` starts empty and receives exactly one `push` per iteration of `for row in rows`, so it reallocates about log2(n) times while growing although the final length is known up front.",
                  "validation": "APPROVED (builtin): hot path YES — per iteration of the `for` loop at line 43 in `fn label_rows`; once per call of an entry point: entry: public API `label_rows` of library `ingest_worker`: calle…; lifetime PASS, thread safety N/A, no UB PASS",
                  "gain": "— not estimated; profile a workload (`memaudit profile`) to measure it",
                  "diff": "--- a/crates/ingest_worker/src/lib.rs\n+++ b/crates/ingest_worker/src/lib.rs\n@@ line 42 @@\n-Vec::new()\n+Vec::with_capacity(rows.len())\n",
                  "proposal": "let mut out = Vec::with_capacity(rows.len());"
                },
                {
                  "finding_id": "F-004",
                  "location": "ingest_worker/lib.rs",
                  "category": "UNNECESSARY_CLONE",
                  "impact": "High",
                  "effort": "Low",
                  "score": 9.0,
                  "measured": false,
                  "at": "crates/ingest_worker/src/lib.rs:44",
                  "summary": "`l` is a copy of `label` that is only read afterwards; a borrow gives the same reads without allocating.",
                  "validation": "APPROVED (builtin): hot path YES — per iteration of the `for` loop at line 43 in `fn label_rows`; once per call of an entry point: runs per iteration of `for row in rows` in `label_rows` ← entry:…; lifetime PASS, thread safety N/A, no UB PASS",
                  "gain": "~1 allocation per iteration of `for row in rows` (estimate, not measured)",
                  "diff": "--- a/crates/ingest_worker/src/lib.rs\n+++ b/crates/ingest_worker/src/lib.rs\n@@ line 44 @@\n-label.clone()\n+&label\n",
                  "proposal": "let l = &label;"
                },
                {
                  "finding_id": "F-005",
                  "location": "ingest_worker/pipeline.rs",
                  "category": "ALLOCATION_LOOP",
                  "impact": "High",
                  "effort": "Low",
                  "score": 9.0,
                  "measured": false,
                  "at": "crates/ingest_worker/src/pipeline.rs:9",
                  "summary": "`encoded` starts empty and receives exactly one `push` per iteration of `for batch in batches`, so it reallocates about log2(n) times while growing although the final length is known up front.",
                  "validation": "APPROVED (builtin): hot path YES — per iteration of the `for` loop at line 10 in `fn encode_batches`; once per call of an entry point: entry: public API `encode_batches` of library…; lifetime PASS, thread safety N/A, no UB PASS",
                  "gain": "— not estimated; profile a workload (`memaudit profile`) to measure it",
                  "diff": "--- a/crates/ingest_worker/src/pipeline.rs\n+++ b/crates/ingest_worker/src/pipeline.rs\n@@ line 9 @@\n-Vec::new()\n+Vec::with_capacity(batches.len())\n",
                  "proposal": "let mut encoded = Vec::with_capacity(batches.len());"
                },
                {
                  "finding_id": "F-008",
                  "location": "table_render/lib.rs",
                  "category": "ALLOCATION_LOOP",
                  "impact": "Medium",
                  "effort": "Low",
                  "score": 6.0,
                  "measured": false,
                  "at": "crates/table_render/src/lib.rs:10",
                  "summary": "`lines` starts empty and receives exactly one `push` per iteration of `for job in jobs`, so it reallocates about log2(n) times while growing although the final length is known up front.",
                  "validation": "APPROVED (builtin): hot path YES — per iteration of the `for` loop at line 11 in `fn render`; once per call of an entry point: entry: public API `render` of library `table_render`: called per cal…; lifetime PASS, thread safety N/A, no UB PASS",
                  "gain": "— not estimated; profile a workload (`memaudit profile`) to measure it",
                  "diff": "--- a/crates/table_render/src/lib.rs\n+++ b/crates/table_render/src/lib.rs\n@@ line 10 @@\n-Vec::new()\n+Vec::with_capacity(jobs.len())\n",
                  "proposal": "let mut lines = Vec::with_capacity(jobs.len());"
                },
                {
                  "finding_id": "F-010",
                  "location": "table_render/lib.rs",
                  "category": "UNNECESSARY_CLONE",
                  "impact": "Medium",
                  "effort": "Low",
                  "score": 6.0,
                  "measured": false,
                  "at": "crates/table_render/src/lib.rs:13",
                  "summary": "`name` is a copy of `job.name` that is only read afterwards; a borrow gives the same reads without allocating.",
                  "validation": "APPROVED (builtin): hot path YES — per iteration of the `for` loop at line 11 in `fn render`; once per call of an entry point: runs per iteration of `for job in jobs` in `render` ← entry: public…; lifetime PASS, thread safety N/A, no UB PASS",
                  "gain": "~1 allocation per iteration of `for job in jobs` (estimate, not measured)",
                  "diff": "--- a/crates/table_render/src/lib.rs\n+++ b/crates/table_render/src/lib.rs\n@@ line 13 @@\n-job.name.clone()\n+&job.name\n",
                  "proposal": "let name = &job.name;"
                },
                {
                  "finding_id": "F-009",
                  "location": "table_render/lib.rs",
                  "category": "HEAP_AVOIDABLE",
                  "impact": "Medium",
                  "effort": "Medium",
                  "score": 3.0,
                  "measured": false,
                  "at": "crates/table_render/src/lib.rs:12",
                  "summary": "`header` copies a string literal to the heap but is never changed or handed over; the literal itself is a `&'static str`.",
                  "validation": "APPROVED (builtin): hot path YES — per iteration of the `for` loop at line 11 in `fn render`; once per call of an entry point: runs per iteration of `for job in jobs` in `render` ← entry: public…; lifetime PASS, thread safety N/A, no UB PASS",
                  "gain": "~1 allocation and ~2 B per iteration of `for job in jobs` (estimate, not measured)",
                  "diff": "--- a/crates/table_render/src/lib.rs\n+++ b/crates/table_render/src/lib.rs\n@@ line 12 @@\n-String::from(\"| \")\n+\"| \"\n",
                  "proposal": "let header: &str = \"| \";"
                }
              ],
              "recommendations": [
                {
                  "pattern": "per-iteration `Vec` allocation",
                  "category": "ALLOCATION_LOOP",
                  "finding_ids": [
                    "F-003",
                    "F-005",
                    "F-008"
                  ],
                  "locations": [
                    "crates/ingest_worker/src/lib.rs:42",
                    "crates/ingest_worker/src/pipeline.rs:9",
                    "crates/table_render/src/lib.rs:10"
                  ],
                  "unified_fix": "Hoist one `Vec` above the loop and `clear()` it per iteration (capacity is kept); share a `BufferPool` where the loop spans functions."
                }
              ],
              "by_crate": [
                {
                  "crate": "ingest_worker",
                  "priority": "P0",
                  "findings": [
                    {
                      "finding_id": "F-003",
                      "summary": "`out` starts empty and receives exactly one `push` per iteration of `for row in rows`, so it reallocates about log2(n) times while growing although the final length is known up front.",
                      "verdict": "APPROVED",
                      "state": "persisting"
                    },
                    {
                      "finding_id": "F-004",
                      "summary": "`l` is a copy of `label` that is only read afterwards; a borrow gives the same reads without allocating.",
                      "verdict": "APPROVED",
                      "state": "persisting"
                    },
                    {
                      "finding_id": "F-005",
                      "summary": "`encoded` starts empty and receives exactly one `push` per iteration of `for batch in batches`, so it reallocates about log2(n) times while growing although the final length is known up front.",
                      "verdict": "APPROVED",
                      "state": "persisting"
                    },
                    {
                      "finding_id": "F-006",
                      "summary": "Variant `Data` is ~4096 bytes while the next largest is ~0: every `Message` value (in vectors, maps, channels) occupies the largest size.",
                      "verdict": "NEEDS_WORK",
                      "state": "persisting"
                    },
                    {
                      "finding_id": "F-007",
                      "summary": "`Box<[u8; 8]>` puts a fixed 8-byte array (8 elements) behind a heap allocation; it fits inline.",
                      "verdict": "NEEDS_WORK",
                      "state": "persisting"
                    }
                  ]
                },
                {
                  "crate": "table_render",
                  "priority": "P2",
                  "findings": [
                    {
                      "finding_id": "F-008",
                      "summary": "`lines` starts empty and receives exactly one `push` per iteration of `for job in jobs`, so it reallocates about log2(n) times while growing although the final length is known up front.",
                      "verdict": "APPROVED",
                      "state": "persisting"
                    },
                    {
                      "finding_id": "F-009",
                      "summary": "`header` copies a string literal to the heap but is never changed or handed over; the literal itself is a `&'static str`.",
                      "verdict": "APPROVED",
                      "state": "persisting"
                    },
                    {
                      "finding_id": "F-010",
                      "summary": "`name` is a copy of `job.name` that is only read afterwards; a borrow gives the same reads without allocating.",
                      "verdict": "APPROVED",
                      "state": "persisting"
                    }
                  ]
                }
              ],
              "deferred": [
                {
                  "finding_id": "F-006",
                  "reason": "NEEDS_WORK: The impact is not established: layout and cache effects show only under a profiler (cache misses), not in the syntax. [rule: impact-unknown]"
                },
                {
                  "finding_id": "F-007",
                  "reason": "deferred by the user until round 3: Measure with a heap profile first."
                }
              ],
              "next_focus": [
                "Rework 1 NEEDS_WORK finding(s) in CACHE_HOSTILE: F-006"
              ],
              "termination": [
                {
                  "name": "All P0 crates analysed",
                  "met": true,
                  "detail": "1 P0 crate(s) analysed: ingest_worker"
                },
                {
                  "name": "No new HIGH-impact findings in the last round",
                  "met": true,
                  "detail": "round 2 found no new HIGH-impact finding"
                },
                {
                  "name": "No findings awaiting rework",
                  "met": false,
                  "detail": "1 NEEDS_WORK finding(s) without a decision: F-006"
                },
                {
                  "name": "Actionable report generated",
                  "met": true,
                  "detail": "6 approved finding(s) ready to implement"
                },
                {
                  "name": "User satisfied with coverage",
                  "met": false,
                  "detail": "the user has not terminated the session"
                }
              ],
              "verified": []
            },
            "role_runs": [
              {
                "role": "analyst",
                "engine": "builtin",
                "started_at": "2025-03-04T09:30:00.000Z",
                "finished_at": "2025-03-04T09:30:00.820Z",
                "duration_ms": 820,
                "tokens_in": 0,
                "tokens_out": 0,
                "cost_usd": 0.0,
                "status": "finished",
                "error": null
              },
              {
                "role": "validator",
                "engine": "builtin",
                "started_at": "2025-03-04T09:30:00.820Z",
                "finished_at": "2025-03-04T09:30:01.160Z",
                "duration_ms": 340,
                "tokens_in": 0,
                "tokens_out": 0,
                "cost_usd": 0.0,
                "status": "finished",
                "error": null
              },
              {
                "role": "coordinator",
                "engine": "builtin",
                "started_at": "2025-03-04T09:30:01.160Z",
                "finished_at": "2025-03-04T09:30:01.205Z",
                "duration_ms": 45,
                "tokens_in": 0,
                "tokens_out": 0,
                "cost_usd": 0.0,
                "status": "finished",
                "error": null
              }
            ],
            "decision": {
              "kind": "terminate",
              "note": "Enough for this quarter."
            },
            "focus": []
          }
        ],
        "status": {
          "session": "memory_audit_001",
          "rounds": 2,
          "current_round": 2,
          "round_status": "decided",
          "total_findings": 8,
          "approved": 6,
          "needs_work": 2,
          "rejected": 0,
          "new": 0,
          "persisting": 8,
          "fixed": 0,
          "stale": 0,
          "decided_implement": 6,
          "decided_defer": 1,
          "decided_reject": 1,
          "undecided": 0
        }
      },
      "overview": {
        "session": {
          "id": 1,
          "name": "memory_audit_001",
          "workspace": "/home/lead/src/legacy-etl",
          "created_at": "2025-03-02T09:30:00.000Z",
          "updated_at": "2025-03-04T16:30:00.000Z",
          "status": "terminated",
          "rounds": 2,
          "findings": 10
        },
        "crates": [
          "ingest_worker",
          "table_render"
        ],
        "rounds": [
          {
            "number": 1,
            "status": "decided",
            "started_at": "2025-03-02T09:30:00.000Z",
            "finished_at": "2025-03-02T09:30:02.000Z",
            "error": null,
            "findings": [
              {
                "id": "F-001",
                "category": "ALLOCATION_LOOP",
                "file": "crates/ingest_worker/src/lib.rs",
                "line_start": 24,
                "line_end": 24,
                "crate": "ingest_worker",
                "priority": "P0",
                "item_path": "process_file",
                "summary": "`.to_string()` allocates on every iteration of `for part in line.split(',')`.",
                "impact": {
                  "allocations_avoided": 1,
                  "bytes_saved": null,
                  "unit": "iteration of `for part in line.split(',')`",
                  "applies_to": "iteration of `for part in line.split(',')`, nested 2 loops deep (inside iteration of `for line in text.lines()`) in `process_file`",
                  "level": "High"
                },
                "source": "builtin",
                "state": "new",
                "verdict": "REJECTED",
                "decision": {
                  "finding_id": "F-001",
                  "fingerprint": "16fbde529b5b0f98",
                  "kind": "reject_false_positive",
                  "note": "The Validator is right.",
                  "round": 1,
                  "decided_at": "2025-03-02T10:01:00.000Z"
                }
              },
              {
                "id": "F-002",
                "category": "ALLOCATION_LOOP",
                "file": "crates/ingest_worker/src/lib.rs",
                "line_start": 26,
                "line_end": 26,
                "crate": "ingest_worker",
                "priority": "P0",
                "item_path": "process_file",
                "summary": "`format!()` allocates on every iteration of `for line in text.lines()`.",
                "impact": {
                  "allocations_avoided": 1,
                  "bytes_saved": null,
                  "unit": "iteration of `for line in text.lines()`",
                  "applies_to": "every call of `process_file`",
                  "level": "High"
                },
                "source": "builtin",
                "state": "new",
                "verdict": "REJECTED",
                "decision": {
                  "finding_id": "F-002",
                  "fingerprint": "ad71078a016356a6",
                  "kind": "reject_false_positive",
                  "note": "The Validator is right.",
                  "round": 1,
                  "decided_at": "2025-03-02T10:02:00.000Z"
                }
              },
              {
                "id": "F-003",
                "category": "ALLOCATION_LOOP",
                "file": "crates/ingest_worker/src/lib.rs",
                "line_start": 42,
                "line_end": 42,
                "crate": "ingest_worker",
                "priority": "P0",
                "item_path": "label_rows",
                "summary": "`out` starts empty and receives exactly one `push` per iteration of `for row in rows`, so it reallocates about log2(n) times while growing although the final l…",
                "impact": {
                  "allocations_avoided": null,
                  "bytes_saved": null,
                  "unit": "call of `label_rows`",
                  "applies_to": "~log2(n) reallocations and copies per call of `label_rows`",
                  "level": "High"
                },
                "source": "builtin",
                "state": "new",
                "verdict": "APPROVED",
                "decision": null
              },
              {
                "id": "F-004",
                "category": "UNNECESSARY_CLONE",
                "file": "crates/ingest_worker/src/lib.rs",
                "line_start": 44,
                "line_end": 44,
                "crate": "ingest_worker",
                "priority": "P0",
                "item_path": "label_rows",
                "summary": "`l` is a copy of `label` that is only read afterwards; a borrow gives the same reads without allocating.",
                "impact": {
                  "allocations_avoided": 1,
                  "bytes_saved": null,
                  "unit": "iteration of `for row in rows`",
                  "applies_to": "every call of `label_rows`",
                  "level": "High"
                },
                "source": "builtin",
                "state": "new",
                "verdict": "APPROVED",
                "decision": {
                  "finding_id": "F-004",
                  "fingerprint": "766c341e04095ed0",
                  "kind": "implement",
                  "note": "Small change; do it this sprint.",
                  "round": 1,
                  "decided_at": "2025-03-02T10:04:00.000Z"
                }
              },
              {
                "id": "F-005",
                "category": "ALLOCATION_LOOP",
                "file": "crates/ingest_worker/src/pipeline.rs",
                "line_start": 9,
                "line_end": 9,
                "crate": "ingest_worker",
                "priority": "P1",
                "item_path": "pipeline::encode_batches",
                "summary": "`encoded` starts empty and receives exactly one `push` per iteration of `for batch in batches`, so it reallocates about log2(n) times while growing although th…",
                "impact": {
                  "allocations_avoided": null,
                  "bytes_saved": null,
                  "unit": "call of `pipeline::encode_batches`",
                  "applies_to": "~log2(n) reallocations and copies per call of `pipeline::encode_batches`",
                  "level": "High"
                },
                "source": "builtin",
                "state": "new",
                "verdict": "APPROVED",
                "decision": {
                  "finding_id": "F-005",
                  "fingerprint": "4db1e8a0d107e7dc",
                  "kind": "implement",
                  "note": "Small change; do it this sprint.",
                  "round": 1,
                  "decided_at": "2025-03-02T10:05:00.000Z"
                }
              },
              {
                "id": "F-006",
                "category": "CACHE_HOSTILE",
                "file": "crates/ingest_worker/src/pipeline.rs",
                "line_start": 29,
                "line_end": 32,
                "crate": "ingest_worker",
                "priority": "P1",
                "item_path": "pipeline::Message",
                "summary": "Variant `Data` is ~4096 bytes while the next largest is ~0: every `Message` value (in vectors, maps, channels) occupies the largest size.",
                "impact": {
                  "allocations_avoided": null,
                  "bytes_saved": 4088,
                  "unit": "`Message` value stored",
                  "applies_to": "every collection or message holding `Message`",
                  "level": "High"
                },
                "source": "builtin",
                "state": "new",
                "verdict": "NEEDS_WORK",
                "decision": null
              },
              {
                "id": "F-007",
                "category": "HEAP_AVOIDABLE",
                "file": "crates/ingest_worker/src/pipeline.rs",
                "line_start": 34,
                "line_end": 34,
                "crate": "ingest_worker",
                "priority": "P1",
                "item_path": "pipeline::small_box",
                "summary": "`Box<[u8; 8]>` puts a fixed 8-byte array (8 elements) behind a heap allocation; it fits inline.",
                "impact": {
                  "allocations_avoided": 1,
                  "bytes_saved": 16,
                  "unit": "value built",
                  "applies_to": "every value of this type in `pipeline::small_box`",
                  "level": "Medium"
                },
                "source": "builtin",
                "state": "new",
                "verdict": "NEEDS_WORK",
                "decision": {
                  "finding_id": "F-007",
                  "fingerprint": "6f330868d14b6358",
                  "kind": "defer",
                  "note": "Measure with a heap profile first.",
                  "defer_until_round": 3,
                  "round": 1,
                  "decided_at": "2025-03-02T10:07:00.000Z"
                }
              },
              {
                "id": "F-008",
                "category": "ALLOCATION_LOOP",
                "file": "crates/table_render/src/lib.rs",
                "line_start": 10,
                "line_end": 10,
                "crate": "table_render",
                "priority": "P2",
                "item_path": "render",
                "summary": "`lines` starts empty and receives exactly one `push` per iteration of `for job in jobs`, so it reallocates about log2(n) times while growing although the final…",
                "impact": {
                  "allocations_avoided": null,
                  "bytes_saved": null,
                  "unit": "call of `render`",
                  "applies_to": "~log2(n) reallocations and copies per call of `render`",
                  "level": "Medium"
                },
                "source": "builtin",
                "state": "new",
                "verdict": "APPROVED",
                "decision": {
                  "finding_id": "F-008",
                  "fingerprint": "0331a249d4f68a0f",
                  "kind": "implement",
                  "note": "Small change; do it this sprint.",
                  "round": 1,
                  "decided_at": "2025-03-02T10:08:00.000Z"
                }
              },
              {
                "id": "F-009",
                "category": "HEAP_AVOIDABLE",
                "file": "crates/table_render/src/lib.rs",
                "line_start": 12,
                "line_end": 12,
                "crate": "table_render",
                "priority": "P2",
                "item_path": "render",
                "summary": "`header` copies a string literal to the heap but is never changed or handed over; the literal itself is a `&'static str`.",
                "impact": {
                  "allocations_avoided": 1,
                  "bytes_saved": 2,
                  "unit": "iteration of `for job in jobs`",
                  "applies_to": "every call of `render`",
                  "level": "Medium"
                },
                "source": "builtin",
                "state": "new",
                "verdict": "APPROVED",
                "decision": null
              },
              {
                "id": "F-010",
                "category": "UNNECESSARY_CLONE",
                "file": "crates/table_render/src/lib.rs",
                "line_start": 13,
                "line_end": 13,
                "crate": "table_render",
                "priority": "P2",
                "item_path": "render",
                "summary": "`name` is a copy of `job.name` that is only read afterwards; a borrow gives the same reads without allocating.",
                "impact": {
                  "allocations_avoided": 1,
                  "bytes_saved": null,
                  "unit": "iteration of `for job in jobs`",
                  "applies_to": "every call of `render`",
                  "level": "Medium"
                },
                "source": "builtin",
                "state": "new",
                "verdict": "APPROVED",
                "decision": {
                  "finding_id": "F-010",
                  "fingerprint": "3294a693f7d0ba8d",
                  "kind": "implement",
                  "note": "Small change; do it this sprint.",
                  "round": 1,
                  "decided_at": "2025-03-02T10:10:00.000Z"
                }
              }
            ],
            "report": {
              "round": 1,
              "summary": {
                "total": 9,
                "approved": 6,
                "needs_work": 2,
                "rejected": 1,
                "new": 9,
                "estimated_bytes_saved": 2,
                "estimated_allocations_avoided": 3,
                "estimated_allocation_reduction_pct": 100.0,
                "measured": null,
                "figures": [
                  {
                    "key": "memory_impact",
                    "label": "Memory impact",
                    "value": "~2 B",
                    "unit": "saved at peak",
                    "kind": "estimated",
                    "basis": "Not measured: the sum of the byte savings stated by 1 of 6 approved findings.",
                    "action": "Profile a workload (`memaudit profile`) to measure it."
                  },
                  {
                    "key": "allocation_reduction",
                    "label": "Allocation reduction",
                    "value": "~100%",
                    "unit": "of the allocations flagged in hot code",
                    "kind": "estimated",
                    "basis": "Not measured. Hot-path findings state 3 allocations per pass through their code; approved findings remove 3 of them. Only what the audit flagged is counted, not the program's allocations: this is not the share of its allocations a program would lose.",
                    "action": "Profile a workload (`memaudit profile`) to measure it."
                  },
                  {
                    "key": "allocations",
                    "label": "Allocations removed per pass",
                    "value": "~3",
                    "unit": "summed over 3 approved findings",
                    "kind": "estimated",
                    "basis": "Each approved finding states the allocations one pass through its code (one loop iteration or call) would no longer make; this sums them over 3 findings. Not a count over a run: how often each pass runs is unknown without a profile.",
                    "action": "Profile a workload (`memaudit profile`) to measure it."
                  }
                ],
                "cold": 0,
                "notes": 1
              },
              "quick_wins": [
                {
                  "finding_id": "F-003",
                  "location": "ingest_worker/lib.rs",
                  "category": "ALLOCATION_LOOP",
                  "impact": "High",
                  "effort": "Low",
                  "score": 9.0,
                  "measured": false,
                  "at": "crates/ingest_worker/src/lib.rs:42",
                  "summary": "`out` starts empty and receives exactly one `push` per iteration of `for row in rows`, so it reallocates about log2(n) times while growing although the final length is known up front.",
                  "validation": "APPROVED (builtin): hot path YES — per iteration of the `for` loop at line 43 in `fn label_rows`; once per call of an entry point: entry: public API `label_rows` of library `ingest_worker`: calle…; lifetime PASS, thread safety N/A, no UB PASS",
                  "gain": "— not estimated; profile a workload (`memaudit profile`) to measure it",
                  "diff": "--- a/crates/ingest_worker/src/lib.rs\n+++ b/crates/ingest_worker/src/lib.rs\n@@ line 42 @@\n-Vec::new()\n+Vec::with_capacity(rows.len())\n",
                  "proposal": "let mut out = Vec::with_capacity(rows.len());"
                },
                {
                  "finding_id": "F-004",
                  "location": "ingest_worker/lib.rs",
                  "category": "UNNECESSARY_CLONE",
                  "impact": "High",
                  "effort": "Low",
                  "score": 9.0,
                  "measured": false,
                  "at": "crates/ingest_worker/src/lib.rs:44",
                  "summary": "`l` is a copy of `label` that is only read afterwards; a borrow gives the same reads without allocating.",
                  "validation": "APPROVED (builtin): hot path YES — per iteration of the `for` loop at line 43 in `fn label_rows`; once per call of an entry point: runs per iteration of `for row in rows` in `label_rows` ← entry:…; lifetime PASS, thread safety N/A, no UB PASS",
                  "gain": "~1 allocation per iteration of `for row in rows` (estimate, not measured)",
                  "diff": "--- a/crates/ingest_worker/src/lib.rs\n+++ b/crates/ingest_worker/src/lib.rs\n@@ line 44 @@\n-label.clone()\n+&label\n",
                  "proposal": "let l = &label;"
                },
                {
                  "finding_id": "F-005",
                  "location": "ingest_worker/pipeline.rs",
                  "category": "ALLOCATION_LOOP",
                  "impact": "High",
                  "effort": "Low",
                  "score": 9.0,
                  "measured": false,
                  "at": "crates/ingest_worker/src/pipeline.rs:9",
                  "summary": "`encoded` starts empty and receives exactly one `push` per iteration of `for batch in batches`, so it reallocates about log2(n) times while growing although the final length is known up front.",
                  "validation": "APPROVED (builtin): hot path YES — per iteration of the `for` loop at line 10 in `fn encode_batches`; once per call of an entry point: entry: public API `encode_batches` of library…; lifetime PASS, thread safety N/A, no UB PASS",
                  "gain": "— not estimated; profile a workload (`memaudit profile`) to measure it",
                  "diff": "--- a/crates/ingest_worker/src/pipeline.rs\n+++ b/crates/ingest_worker/src/pipeline.rs\n@@ line 9 @@\n-Vec::new()\n+Vec::with_capacity(batches.len())\n",
                  "proposal": "let mut encoded = Vec::with_capacity(batches.len());"
                },
                {
                  "finding_id": "F-008",
                  "location": "table_render/lib.rs",
                  "category": "ALLOCATION_LOOP",
                  "impact": "Medium",
                  "effort": "Low",
                  "score": 6.0,
                  "measured": false,
                  "at": "crates/table_render/src/lib.rs:10",
                  "summary": "`lines` starts empty and receives exactly one `push` per iteration of `for job in jobs`, so it reallocates about log2(n) times while growing although the final length is known up front.",
                  "validation": "APPROVED (builtin): hot path YES — per iteration of the `for` loop at line 11 in `fn render`; once per call of an entry point: entry: public API `render` of library `table_render`: called per cal…; lifetime PASS, thread safety N/A, no UB PASS",
                  "gain": "— not estimated; profile a workload (`memaudit profile`) to measure it",
                  "diff": "--- a/crates/table_render/src/lib.rs\n+++ b/crates/table_render/src/lib.rs\n@@ line 10 @@\n-Vec::new()\n+Vec::with_capacity(jobs.len())\n",
                  "proposal": "let mut lines = Vec::with_capacity(jobs.len());"
                },
                {
                  "finding_id": "F-010",
                  "location": "table_render/lib.rs",
                  "category": "UNNECESSARY_CLONE",
                  "impact": "Medium",
                  "effort": "Low",
                  "score": 6.0,
                  "measured": false,
                  "at": "crates/table_render/src/lib.rs:13",
                  "summary": "`name` is a copy of `job.name` that is only read afterwards; a borrow gives the same reads without allocating.",
                  "validation": "APPROVED (builtin): hot path YES — per iteration of the `for` loop at line 11 in `fn render`; once per call of an entry point: runs per iteration of `for job in jobs` in `render` ← entry: public…; lifetime PASS, thread safety N/A, no UB PASS",
                  "gain": "~1 allocation per iteration of `for job in jobs` (estimate, not measured)",
                  "diff": "--- a/crates/table_render/src/lib.rs\n+++ b/crates/table_render/src/lib.rs\n@@ line 13 @@\n-job.name.clone()\n+&job.name\n",
                  "proposal": "let name = &job.name;"
                },
                {
                  "finding_id": "F-009",
                  "location": "table_render/lib.rs",
                  "category": "HEAP_AVOIDABLE",
                  "impact": "Medium",
                  "effort": "Medium",
                  "score": 3.0,
                  "measured": false,
                  "at": "crates/table_render/src/lib.rs:12",
                  "summary": "`header` copies a string literal to the heap but is never changed or handed over; the literal itself is a `&'static str`.",
                  "validation": "APPROVED (builtin): hot path YES — per iteration of the `for` loop at line 11 in `fn render`; once per call of an entry point: runs per iteration of `for job in jobs` in `render` ← entry: public…; lifetime PASS, thread safety N/A, no UB PASS",
                  "gain": "~1 allocation and ~2 B per iteration of `for job in jobs` (estimate, not measured)",
                  "diff": "--- a/crates/table_render/src/lib.rs\n+++ b/crates/table_render/src/lib.rs\n@@ line 12 @@\n-String::from(\"| \")\n+\"| \"\n",
                  "proposal": "let header: &str = \"| \";"
                }
              ],
              "recommendations": 1,
              "deferred": 2,
              "next_focus": [
                "Rework 1 NEEDS_WORK finding(s) in HEAP_AVOIDABLE: F-007",
                "Rework 1 NEEDS_WORK finding(s) in CACHE_HOSTILE: F-006"
              ],
              "termination": [
                {
                  "name": "All P0 crates analysed",
                  "met": true,
                  "detail": "1 P0 crate(s) analysed: ingest_worker"
                },
                {
                  "name": "No new HIGH-impact findings in the last round",
                  "met": false,
                  "detail": "round 1 found 4 new HIGH-impact finding(s): F-003, F-004, F-005, F-006"
                },
                {
                  "name": "No findings awaiting rework",
                  "met": false,
                  "detail": "2 NEEDS_WORK finding(s) without a decision: F-006, F-007"
                },
                {
                  "name": "Actionable report generated",
                  "met": true,
                  "detail": "6 approved finding(s) ready to implement"
                },
                {
                  "name": "User satisfied with coverage",
                  "met": false,
                  "detail": "the user has not terminated the session"
                }
              ],
              "verified": []
            },
            "role_runs": [
              {
                "role": "analyst",
                "engine": "builtin",
                "started_at": "2025-03-02T09:30:00.000Z",
                "finished_at": "2025-03-02T09:30:00.820Z",
                "duration_ms": 820,
                "tokens_in": 0,
                "tokens_out": 0,
                "cost_usd": 0.0,
                "status": "finished",
                "error": null
              },
              {
                "role": "validator",
                "engine": "builtin",
                "started_at": "2025-03-02T09:30:00.820Z",
                "finished_at": "2025-03-02T09:30:01.160Z",
                "duration_ms": 340,
                "tokens_in": 0,
                "tokens_out": 0,
                "cost_usd": 0.0,
                "status": "finished",
                "error": null
              },
              {
                "role": "coordinator",
                "engine": "builtin",
                "started_at": "2025-03-02T09:30:01.160Z",
                "finished_at": "2025-03-02T09:30:01.205Z",
                "duration_ms": 45,
                "tokens_in": 0,
                "tokens_out": 0,
                "cost_usd": 0.0,
                "status": "finished",
                "error": null
              }
            ],
            "decision": {
              "kind": "continue",
              "focus": [],
              "note": "Everything once more after the fixes."
            },
            "focus": []
          },
          {
            "number": 2,
            "status": "decided",
            "started_at": "2025-03-04T09:30:00.000Z",
            "finished_at": "2025-03-04T09:30:02.000Z",
            "error": null,
            "findings": [
              {
                "id": "F-003",
                "category": "ALLOCATION_LOOP",
                "file": "crates/ingest_worker/src/lib.rs",
                "line_start": 42,
                "line_end": 42,
                "crate": "ingest_worker",
                "priority": "P0",
                "item_path": "label_rows",
                "summary": "`out` starts empty and receives exactly one `push` per iteration of `for row in rows`, so it reallocates about log2(n) times while growing although the final l…",
                "impact": {
                  "allocations_avoided": null,
                  "bytes_saved": null,
                  "unit": "call of `label_rows`",
                  "applies_to": "~log2(n) reallocations and copies per call of `label_rows`",
                  "level": "High"
                },
                "source": "builtin",
                "state": "persisting",
                "verdict": "APPROVED",
                "decision": {
                  "finding_id": "F-003",
                  "fingerprint": "4b6f1a00b635e435",
                  "kind": "implement",
                  "note": "Small change; do it this sprint.",
                  "round": 2,
                  "decided_at": "2025-03-04T10:03:00.000Z"
                }
              },
              {
                "id": "F-004",
                "category": "UNNECESSARY_CLONE",
                "file": "crates/ingest_worker/src/lib.rs",
                "line_start": 44,
                "line_end": 44,
                "crate": "ingest_worker",
                "priority": "P0",
                "item_path": "label_rows",
                "summary": "`l` is a copy of `label` that is only read afterwards; a borrow gives the same reads without allocating.",
                "impact": {
                  "allocations_avoided": 1,
                  "bytes_saved": null,
                  "unit": "iteration of `for row in rows`",
                  "applies_to": "every call of `label_rows`",
                  "level": "High"
                },
                "source": "builtin",
                "state": "persisting",
                "verdict": "APPROVED",
                "decision": {
                  "finding_id": "F-004",
                  "fingerprint": "766c341e04095ed0",
                  "kind": "implement",
                  "note": "Small change; do it this sprint.",
                  "round": 1,
                  "decided_at": "2025-03-02T10:04:00.000Z"
                }
              },
              {
                "id": "F-005",
                "category": "ALLOCATION_LOOP",
                "file": "crates/ingest_worker/src/pipeline.rs",
                "line_start": 9,
                "line_end": 9,
                "crate": "ingest_worker",
                "priority": "P1",
                "item_path": "pipeline::encode_batches",
                "summary": "`encoded` starts empty and receives exactly one `push` per iteration of `for batch in batches`, so it reallocates about log2(n) times while growing although th…",
                "impact": {
                  "allocations_avoided": null,
                  "bytes_saved": null,
                  "unit": "call of `pipeline::encode_batches`",
                  "applies_to": "~log2(n) reallocations and copies per call of `pipeline::encode_batches`",
                  "level": "High"
                },
                "source": "builtin",
                "state": "persisting",
                "verdict": "APPROVED",
                "decision": {
                  "finding_id": "F-005",
                  "fingerprint": "4db1e8a0d107e7dc",
                  "kind": "implement",
                  "note": "Small change; do it this sprint.",
                  "round": 1,
                  "decided_at": "2025-03-02T10:05:00.000Z"
                }
              },
              {
                "id": "F-006",
                "category": "CACHE_HOSTILE",
                "file": "crates/ingest_worker/src/pipeline.rs",
                "line_start": 29,
                "line_end": 32,
                "crate": "ingest_worker",
                "priority": "P1",
                "item_path": "pipeline::Message",
                "summary": "Variant `Data` is ~4096 bytes while the next largest is ~0: every `Message` value (in vectors, maps, channels) occupies the largest size.",
                "impact": {
                  "allocations_avoided": null,
                  "bytes_saved": 4088,
                  "unit": "`Message` value stored",
                  "applies_to": "every collection or message holding `Message`",
                  "level": "High"
                },
                "source": "builtin",
                "state": "persisting",
                "verdict": "NEEDS_WORK",
                "decision": {
                  "finding_id": "F-006",
                  "fingerprint": "d0f3762e57c020ba",
                  "kind": "reject_wont_fix",
                  "note": "Not worth the API change.",
                  "round": 2,
                  "decided_at": "2025-03-04T10:06:00.000Z"
                }
              },
              {
                "id": "F-007",
                "category": "HEAP_AVOIDABLE",
                "file": "crates/ingest_worker/src/pipeline.rs",
                "line_start": 34,
                "line_end": 34,
                "crate": "ingest_worker",
                "priority": "P1",
                "item_path": "pipeline::small_box",
                "summary": "`Box<[u8; 8]>` puts a fixed 8-byte array (8 elements) behind a heap allocation; it fits inline.",
                "impact": {
                  "allocations_avoided": 1,
                  "bytes_saved": 16,
                  "unit": "value built",
                  "applies_to": "every value of this type in `pipeline::small_box`",
                  "level": "Medium"
                },
                "source": "builtin",
                "state": "persisting",
                "verdict": "NEEDS_WORK",
                "decision": {
                  "finding_id": "F-007",
                  "fingerprint": "6f330868d14b6358",
                  "kind": "defer",
                  "note": "Measure with a heap profile first.",
                  "defer_until_round": 3,
                  "round": 1,
                  "decided_at": "2025-03-02T10:07:00.000Z"
                }
              },
              {
                "id": "F-008",
                "category": "ALLOCATION_LOOP",
                "file": "crates/table_render/src/lib.rs",
                "line_start": 10,
                "line_end": 10,
                "crate": "table_render",
                "priority": "P2",
                "item_path": "render",
                "summary": "`lines` starts empty and receives exactly one `push` per iteration of `for job in jobs`, so it reallocates about log2(n) times while growing although the final…",
                "impact": {
                  "allocations_avoided": null,
                  "bytes_saved": null,
                  "unit": "call of `render`",
                  "applies_to": "~log2(n) reallocations and copies per call of `render`",
                  "level": "Medium"
                },
                "source": "builtin",
                "state": "persisting",
                "verdict": "APPROVED",
                "decision": {
                  "finding_id": "F-008",
                  "fingerprint": "0331a249d4f68a0f",
                  "kind": "implement",
                  "note": "Small change; do it this sprint.",
                  "round": 1,
                  "decided_at": "2025-03-02T10:08:00.000Z"
                }
              },
              {
                "id": "F-009",
                "category": "HEAP_AVOIDABLE",
                "file": "crates/table_render/src/lib.rs",
                "line_start": 12,
                "line_end": 12,
                "crate": "table_render",
                "priority": "P2",
                "item_path": "render",
                "summary": "`header` copies a string literal to the heap but is never changed or handed over; the literal itself is a `&'static str`.",
                "impact": {
                  "allocations_avoided": 1,
                  "bytes_saved": 2,
                  "unit": "iteration of `for job in jobs`",
                  "applies_to": "every call of `render`",
                  "level": "Medium"
                },
                "source": "builtin",
                "state": "persisting",
                "verdict": "APPROVED",
                "decision": {
                  "finding_id": "F-009",
                  "fingerprint": "b7e11a0e394eb566",
                  "kind": "implement",
                  "note": "Small change; do it this sprint.",
                  "round": 2,
                  "decided_at": "2025-03-04T10:09:00.000Z"
                }
              },
              {
                "id": "F-010",
                "category": "UNNECESSARY_CLONE",
                "file": "crates/table_render/src/lib.rs",
                "line_start": 13,
                "line_end": 13,
                "crate": "table_render",
                "priority": "P2",
                "item_path": "render",
                "summary": "`name` is a copy of `job.name` that is only read afterwards; a borrow gives the same reads without allocating.",
                "impact": {
                  "allocations_avoided": 1,
                  "bytes_saved": null,
                  "unit": "iteration of `for job in jobs`",
                  "applies_to": "every call of `render`",
                  "level": "Medium"
                },
                "source": "builtin",
                "state": "persisting",
                "verdict": "APPROVED",
                "decision": {
                  "finding_id": "F-010",
                  "fingerprint": "3294a693f7d0ba8d",
                  "kind": "implement",
                  "note": "Small change; do it this sprint.",
                  "round": 1,
                  "decided_at": "2025-03-02T10:10:00.000Z"
                }
              }
            ],
            "report": {
              "round": 2,
              "summary": {
                "total": 8,
                "approved": 6,
                "needs_work": 2,
                "rejected": 0,
                "new": 0,
                "estimated_bytes_saved": 2,
                "estimated_allocations_avoided": 3,
                "estimated_allocation_reduction_pct": 100.0,
                "measured": null,
                "figures": [
                  {
                    "key": "memory_impact",
                    "label": "Memory impact",
                    "value": "~2 B",
                    "unit": "saved at peak",
                    "kind": "estimated",
                    "basis": "Not measured: the sum of the byte savings stated by 1 of 6 approved findings.",
                    "action": "Profile a workload (`memaudit profile`) to measure it."
                  },
                  {
                    "key": "allocation_reduction",
                    "label": "Allocation reduction",
                    "value": "~100%",
                    "unit": "of the allocations flagged in hot code",
                    "kind": "estimated",
                    "basis": "Not measured. Hot-path findings state 3 allocations per pass through their code; approved findings remove 3 of them. Only what the audit flagged is counted, not the program's allocations: this is not the share of its allocations a program would lose.",
                    "action": "Profile a workload (`memaudit profile`) to measure it."
                  },
                  {
                    "key": "allocations",
                    "label": "Allocations removed per pass",
                    "value": "~3",
                    "unit": "summed over 3 approved findings",
                    "kind": "estimated",
                    "basis": "Each approved finding states the allocations one pass through its code (one loop iteration or call) would no longer make; this sums them over 3 findings. Not a count over a run: how often each pass runs is unknown without a profile.",
                    "action": "Profile a workload (`memaudit profile`) to measure it."
                  }
                ],
                "cold": 0,
                "notes": 0
              },
              "quick_wins": [
                {
                  "finding_id": "F-003",
                  "location": "ingest_worker/lib.rs",
                  "category": "ALLOCATION_LOOP",
                  "impact": "High",
                  "effort": "Low",
                  "score": 9.0,
                  "measured": false,
                  "at": "crates/ingest_worker/src/lib.rs:42",
                  "summary": "`out` starts empty and receives exactly one `push` per iteration of `for row in rows`, so it reallocates about log2(n) times while growing although the final length is known up front.",
                  "validation": "APPROVED (builtin): hot path YES — per iteration of the `for` loop at line 43 in `fn label_rows`; once per call of an entry point: entry: public API `label_rows` of library `ingest_worker`: calle…; lifetime PASS, thread safety N/A, no UB PASS",
                  "gain": "— not estimated; profile a workload (`memaudit profile`) to measure it",
                  "diff": "--- a/crates/ingest_worker/src/lib.rs\n+++ b/crates/ingest_worker/src/lib.rs\n@@ line 42 @@\n-Vec::new()\n+Vec::with_capacity(rows.len())\n",
                  "proposal": "let mut out = Vec::with_capacity(rows.len());"
                },
                {
                  "finding_id": "F-004",
                  "location": "ingest_worker/lib.rs",
                  "category": "UNNECESSARY_CLONE",
                  "impact": "High",
                  "effort": "Low",
                  "score": 9.0,
                  "measured": false,
                  "at": "crates/ingest_worker/src/lib.rs:44",
                  "summary": "`l` is a copy of `label` that is only read afterwards; a borrow gives the same reads without allocating.",
                  "validation": "APPROVED (builtin): hot path YES — per iteration of the `for` loop at line 43 in `fn label_rows`; once per call of an entry point: runs per iteration of `for row in rows` in `label_rows` ← entry:…; lifetime PASS, thread safety N/A, no UB PASS",
                  "gain": "~1 allocation per iteration of `for row in rows` (estimate, not measured)",
                  "diff": "--- a/crates/ingest_worker/src/lib.rs\n+++ b/crates/ingest_worker/src/lib.rs\n@@ line 44 @@\n-label.clone()\n+&label\n",
                  "proposal": "let l = &label;"
                },
                {
                  "finding_id": "F-005",
                  "location": "ingest_worker/pipeline.rs",
                  "category": "ALLOCATION_LOOP",
                  "impact": "High",
                  "effort": "Low",
                  "score": 9.0,
                  "measured": false,
                  "at": "crates/ingest_worker/src/pipeline.rs:9",
                  "summary": "`encoded` starts empty and receives exactly one `push` per iteration of `for batch in batches`, so it reallocates about log2(n) times while growing although the final length is known up front.",
                  "validation": "APPROVED (builtin): hot path YES — per iteration of the `for` loop at line 10 in `fn encode_batches`; once per call of an entry point: entry: public API `encode_batches` of library…; lifetime PASS, thread safety N/A, no UB PASS",
                  "gain": "— not estimated; profile a workload (`memaudit profile`) to measure it",
                  "diff": "--- a/crates/ingest_worker/src/pipeline.rs\n+++ b/crates/ingest_worker/src/pipeline.rs\n@@ line 9 @@\n-Vec::new()\n+Vec::with_capacity(batches.len())\n",
                  "proposal": "let mut encoded = Vec::with_capacity(batches.len());"
                },
                {
                  "finding_id": "F-008",
                  "location": "table_render/lib.rs",
                  "category": "ALLOCATION_LOOP",
                  "impact": "Medium",
                  "effort": "Low",
                  "score": 6.0,
                  "measured": false,
                  "at": "crates/table_render/src/lib.rs:10",
                  "summary": "`lines` starts empty and receives exactly one `push` per iteration of `for job in jobs`, so it reallocates about log2(n) times while growing although the final length is known up front.",
                  "validation": "APPROVED (builtin): hot path YES — per iteration of the `for` loop at line 11 in `fn render`; once per call of an entry point: entry: public API `render` of library `table_render`: called per cal…; lifetime PASS, thread safety N/A, no UB PASS",
                  "gain": "— not estimated; profile a workload (`memaudit profile`) to measure it",
                  "diff": "--- a/crates/table_render/src/lib.rs\n+++ b/crates/table_render/src/lib.rs\n@@ line 10 @@\n-Vec::new()\n+Vec::with_capacity(jobs.len())\n",
                  "proposal": "let mut lines = Vec::with_capacity(jobs.len());"
                },
                {
                  "finding_id": "F-010",
                  "location": "table_render/lib.rs",
                  "category": "UNNECESSARY_CLONE",
                  "impact": "Medium",
                  "effort": "Low",
                  "score": 6.0,
                  "measured": false,
                  "at": "crates/table_render/src/lib.rs:13",
                  "summary": "`name` is a copy of `job.name` that is only read afterwards; a borrow gives the same reads without allocating.",
                  "validation": "APPROVED (builtin): hot path YES — per iteration of the `for` loop at line 11 in `fn render`; once per call of an entry point: runs per iteration of `for job in jobs` in `render` ← entry: public…; lifetime PASS, thread safety N/A, no UB PASS",
                  "gain": "~1 allocation per iteration of `for job in jobs` (estimate, not measured)",
                  "diff": "--- a/crates/table_render/src/lib.rs\n+++ b/crates/table_render/src/lib.rs\n@@ line 13 @@\n-job.name.clone()\n+&job.name\n",
                  "proposal": "let name = &job.name;"
                },
                {
                  "finding_id": "F-009",
                  "location": "table_render/lib.rs",
                  "category": "HEAP_AVOIDABLE",
                  "impact": "Medium",
                  "effort": "Medium",
                  "score": 3.0,
                  "measured": false,
                  "at": "crates/table_render/src/lib.rs:12",
                  "summary": "`header` copies a string literal to the heap but is never changed or handed over; the literal itself is a `&'static str`.",
                  "validation": "APPROVED (builtin): hot path YES — per iteration of the `for` loop at line 11 in `fn render`; once per call of an entry point: runs per iteration of `for job in jobs` in `render` ← entry: public…; lifetime PASS, thread safety N/A, no UB PASS",
                  "gain": "~1 allocation and ~2 B per iteration of `for job in jobs` (estimate, not measured)",
                  "diff": "--- a/crates/table_render/src/lib.rs\n+++ b/crates/table_render/src/lib.rs\n@@ line 12 @@\n-String::from(\"| \")\n+\"| \"\n",
                  "proposal": "let header: &str = \"| \";"
                }
              ],
              "recommendations": 1,
              "deferred": 2,
              "next_focus": [
                "Rework 1 NEEDS_WORK finding(s) in CACHE_HOSTILE: F-006"
              ],
              "termination": [
                {
                  "name": "All P0 crates analysed",
                  "met": true,
                  "detail": "1 P0 crate(s) analysed: ingest_worker"
                },
                {
                  "name": "No new HIGH-impact findings in the last round",
                  "met": true,
                  "detail": "round 2 found no new HIGH-impact finding"
                },
                {
                  "name": "No findings awaiting rework",
                  "met": false,
                  "detail": "1 NEEDS_WORK finding(s) without a decision: F-006"
                },
                {
                  "name": "Actionable report generated",
                  "met": true,
                  "detail": "6 approved finding(s) ready to implement"
                },
                {
                  "name": "User satisfied with coverage",
                  "met": false,
                  "detail": "the user has not terminated the session"
                }
              ],
              "verified": []
            },
            "role_runs": [
              {
                "role": "analyst",
                "engine": "builtin",
                "started_at": "2025-03-04T09:30:00.000Z",
                "finished_at": "2025-03-04T09:30:00.820Z",
                "duration_ms": 820,
                "tokens_in": 0,
                "tokens_out": 0,
                "cost_usd": 0.0,
                "status": "finished",
                "error": null
              },
              {
                "role": "validator",
                "engine": "builtin",
                "started_at": "2025-03-04T09:30:00.820Z",
                "finished_at": "2025-03-04T09:30:01.160Z",
                "duration_ms": 340,
                "tokens_in": 0,
                "tokens_out": 0,
                "cost_usd": 0.0,
                "status": "finished",
                "error": null
              },
              {
                "role": "coordinator",
                "engine": "builtin",
                "started_at": "2025-03-04T09:30:01.160Z",
                "finished_at": "2025-03-04T09:30:01.205Z",
                "duration_ms": 45,
                "tokens_in": 0,
                "tokens_out": 0,
                "cost_usd": 0.0,
                "status": "finished",
                "error": null
              }
            ],
            "decision": {
              "kind": "terminate",
              "note": "Enough for this quarter."
            },
            "focus": []
          }
        ],
        "status": {
          "session": "memory_audit_001",
          "rounds": 2,
          "current_round": 2,
          "round_status": "decided",
          "total_findings": 8,
          "approved": 6,
          "needs_work": 2,
          "rejected": 0,
          "new": 0,
          "persisting": 8,
          "fixed": 0,
          "stale": 0,
          "decided_implement": 6,
          "decided_defer": 1,
          "decided_reject": 1,
          "undecided": 0
        }
      },
      "html": [
        "report-s1-r1.html",
        "report-s1-r2.html"
      ],
      "next": []
    },
    {
      "export": {
        "schema_version": 2,
        "session": {
          "id": 2,
          "name": "memory_audit_001",
          "workspace": "/home/lead/src/ingest",
          "created_at": "2025-03-10T09:30:00.000Z",
          "updated_at": "2025-03-12T16:30:00.000Z",
          "status": "active",
          "rounds": 2,
          "findings": 22
        },
        "scope": {
          "workspace": "/home/lead/src/ingest",
          "crates": [
            {
              "name": "ingest-scan",
              "path": "crates/scan",
              "priority": "P0",
              "score": 6,
              "reasons": [
                {
                  "signal": "code:hottest_file",
                  "file": "crates/scan/src/walk.rs",
                  "line": null,
                  "weight": 6,
                  "detail": "hottest file is crates/scan/src/walk.rs (P0, score 6: iteration +6)"
                },
                {
                  "signal": "name:scan",
                  "file": "crates/scan/Cargo.toml",
                  "line": null,
                  "weight": 0,
                  "detail": "crate name contains \"scan\": at least P1"
                }
              ],
              "files": [
                {
                  "path": "crates/scan/src/walk.rs",
                  "priority": "P0",
                  "score": 6,
                  "reasons": [
                    {
                      "signal": "code:hottest_function",
                      "file": "crates/scan/src/walk.rs",
                      "line": 21,
                      "weight": 0,
                      "detail": "hottest function `Walker::visit` (P1, hot): called per iteration of `for entry in &entries` from `Walker::run` (crates/scan/src/walk.rs:16) ← entry: public API `Walker::run` of library `ingest_scan`: called per call of its user"
                    },
                    {
                      "signal": "code:fs_scan",
                      "file": "crates/scan/src/walk.rs",
                      "line": 14,
                      "weight": 2,
                      "detail": "walks the file system (`fs::read_dir`)"
                    },
                    {
                      "signal": "code:iteration",
                      "file": "crates/scan/src/walk.rs",
                      "line": 15,
                      "weight": 2,
                      "detail": "`for` loop over `entries`"
                    },
                    {
                      "signal": "code:fs_scan",
                      "file": "crates/scan/src/walk.rs",
                      "line": 41,
                      "weight": 2,
                      "detail": "walks the file system (`fs::metadata`)"
                    }
                  ],
                  "lines": 55,
                  "in_module_tree": true,
                  "functions": [
                    {
                      "name": "Walker::run",
                      "line": 13,
                      "end": 19,
                      "priority": "P2",
                      "heat": "warm",
                      "reason": "entry: public API `Walker::run` of library `ingest_scan`: called per call of its user"
                    },
                    {
                      "name": "Walker::visit",
                      "line": 21,
                      "end": 26,
                      "priority": "P1",
                      "heat": "hot",
                      "reason": "called per iteration of `for entry in &entries` from `Walker::run` (crates/scan/src/walk.rs:16) ← entry: public API `Walker::run` of library `ingest_scan`: called per call of its user"
                    },
                    {
                      "name": "normalise_path",
                      "line": 30,
                      "end": 34,
                      "priority": "P1",
                      "heat": "hot",
                      "reason": "called once per call from `Walker::visit` (crates/scan/src/walk.rs:22) ← called per iteration of `for entry in &entries` from `Walker::run` (crates/scan/src/walk.rs:16) ← entry: public API `Walker::run` of library `ingest_scan`: called per call of its user"
                    },
                    {
                      "name": "sizes",
                      "line": 37,
                      "end": 46,
                      "priority": "P2",
                      "heat": "warm",
                      "reason": "entry: public API `sizes` of library `ingest_scan`: called per call of its user"
                    },
                    {
                      "name": "file_names",
                      "line": 49,
                      "end": 55,
                      "priority": "P2",
                      "heat": "warm",
                      "reason": "entry: public API `file_names` of library `ingest_scan`: called per call of its user"
                    }
                  ]
                },
                {
                  "path": "crates/scan/src/watch.rs",
                  "priority": "P1",
                  "score": 4,
                  "reasons": [
                    {
                      "signal": "code:hottest_function",
                      "file": "crates/scan/src/watch.rs",
                      "line": 18,
                      "weight": 0,
                      "detail": "hottest function `Watcher::poll` (P2, warm): entry: public API `Watcher::poll` of library `ingest_scan`: called per call of its user"
                    },
                    {
                      "signal": "code:iteration",
                      "file": "crates/scan/src/watch.rs",
                      "line": 20,
                      "weight": 2,
                      "detail": "`for` loop over `files`"
                    },
                    {
                      "signal": "code:fs_scan",
                      "file": "crates/scan/src/watch.rs",
                      "line": 21,
                      "weight": 2,
                      "detail": "walks the file system (`fs::metadata`)"
                    },
                    {
                      "signal": "name:watch",
                      "file": "crates/scan/src/watch.rs",
                      "line": null,
                      "weight": 0,
                      "detail": "path contains \"watch\": at least P1"
                    }
                  ],
                  "lines": 41,
                  "in_module_tree": true,
                  "functions": [
                    {
                      "name": "Watcher::new",
                      "line": 11,
                      "end": 15,
                      "priority": "P3",
                      "heat": "cold",
                      "cold": "setup",
                      "reason": "entry: public API `Watcher::new` of library `ingest_scan`: it builds or configures, once per use of the library"
                    },
                    {
                      "name": "Watcher::poll",
                      "line": 18,
                      "end": 34,
                      "priority": "P2",
                      "heat": "warm",
                      "reason": "entry: public API `Watcher::poll` of library `ingest_scan`: called per call of its user"
                    },
                    {
                      "name": "Watcher::default",
                      "line": 38,
                      "end": 40,
                      "priority": "P3",
                      "heat": "cold",
                      "cold": "setup",
                      "reason": "entry: public API `Watcher::default` of library `ingest_scan`: it builds or configures, once per use of the library"
                    }
                  ]
                },
                {
                  "path": "crates/scan/src/lib.rs",
                  "priority": "P3",
                  "score": 0,
                  "reasons": [],
                  "lines": 4,
                  "in_module_tree": true
                }
              ]
            },
            {
              "name": "ingest-worker",
              "path": "crates/worker",
              "priority": "P0",
              "score": 5,
              "reasons": [
                {
                  "signal": "code:hottest_file",
                  "file": "crates/worker/src/lib.rs",
                  "line": null,
                  "weight": 5,
                  "detail": "hottest file is crates/worker/src/lib.rs (P0, score 5: file I/O +3, iteration +2)"
                },
                {
                  "signal": "name:worker",
                  "file": "crates/worker/Cargo.toml",
                  "line": null,
                  "weight": 0,
                  "detail": "crate name contains \"worker\": at least P0"
                },
                {
                  "signal": "override:force_priority",
                  "file": "crates/worker",
                  "line": null,
                  "weight": 0,
                  "detail": "scope.md forces P0 (`crates/worker`)"
                }
              ],
              "files": [
                {
                  "path": "crates/worker/src/lib.rs",
                  "priority": "P0",
                  "score": 5,
                  "reasons": [
                    {
                      "signal": "code:hottest_function",
                      "file": "crates/worker/src/lib.rs",
                      "line": 33,
                      "weight": 0,
                      "detail": "hottest function `Worker::process_file` (P0, hot): called per iteration of `for path in std::env::args().skip(1)` from `main` (crates/worker/src/main.rs:7) ← entry: `fn main` (crates/worker/src/main.rs:3)"
                    },
                    {
                      "signal": "code:file_io",
                      "file": "crates/worker/src/lib.rs",
                      "line": 34,
                      "weight": 3,
                      "detail": "uses `File::open`"
                    },
                    {
                      "signal": "code:iteration",
                      "file": "crates/worker/src/lib.rs",
                      "line": 37,
                      "weight": 2,
                      "detail": "`for` loop over `lines`"
                    },
                    {
                      "signal": "override:force_priority",
                      "file": "crates/worker/src/lib.rs",
                      "line": null,
                      "weight": 0,
                      "detail": "scope.md forces P0 (`crates/worker`)"
                    }
                  ],
                  "lines": 58,
                  "in_module_tree": true,
                  "overridden": "scope.md forces P0 (`crates/worker`)",
                  "functions": [
                    {
                      "name": "Worker::new",
                      "line": 23,
                      "end": 30,
                      "priority": "P3",
                      "heat": "cold",
                      "cold": "setup",
                      "reason": "called once per call from `main` (crates/worker/src/main.rs:5) ← entry: `fn main` (crates/worker/src/main.rs:3)"
                    },
                    {
                      "name": "Worker::process_file",
                      "line": 33,
                      "end": 47,
                      "priority": "P0",
                      "heat": "hot",
                      "reason": "called per iteration of `for path in std::env::args().skip(1)` from `main` (crates/worker/src/main.rs:7) ← entry: `fn main` (crates/worker/src/main.rs:3)"
                    },
                    {
                      "name": "Worker::spawn_reporter",
                      "line": 50,
                      "end": 53,
                      "priority": "P3",
                      "heat": "unknown",
                      "reason": "no caller of `Worker::spawn_reporter` found in the workspace (called through a macro, a function pointer, or not at all)"
                    },
                    {
                      "name": "Worker::finish",
                      "line": 55,
                      "end": 57,
                      "priority": "P3",
                      "heat": "cold",
                      "cold": "setup",
                      "reason": "called once per call from `main` (crates/worker/src/main.rs:11) ← entry: `fn main` (crates/worker/src/main.rs:3)"
                    }
                  ]
                },
                {
                  "path": "crates/worker/src/bridge.rs",
                  "priority": "P0",
                  "score": 2,
                  "reasons": [
                    {
                      "signal": "code:hottest_function",
                      "file": "crates/worker/src/bridge.rs",
                      "line": 22,
                      "weight": 0,
                      "detail": "hottest function `Bridge::flush` (P0, hot): called once per call from `Worker::process_file` (crates/worker/src/lib.rs:45) ← called per iteration of `for path in std::env::args().skip(1)` from `main` (crates/worker/src/main.rs:7) ← entry: `fn main` (crates/worker/src/main.rs:3)"
                    },
                    {
                      "signal": "code:iteration",
                      "file": "crates/worker/src/bridge.rs",
                      "line": 23,
                      "weight": 2,
                      "detail": "`for` loop over `rows`"
                    },
                    {
                      "signal": "override:force_priority",
                      "file": "crates/worker/src/bridge.rs",
                      "line": null,
                      "weight": 0,
                      "detail": "scope.md forces P0 (`crates/worker`)"
                    }
                  ],
                  "lines": 29,
                  "in_module_tree": true,
                  "overridden": "scope.md forces P0 (`crates/worker`)",
                  "functions": [
                    {
                      "name": "Bridge::new",
                      "line": 14,
                      "end": 19,
                      "priority": "P3",
                      "heat": "cold",
                      "cold": "setup",
                      "reason": "called once per call from `Worker::new` (crates/worker/src/lib.rs:28) ← called once per call from `main` (crates/worker/src/main.rs:5) ← entry: `fn main` (crates/worker/src/main.rs:3)"
                    },
                    {
                      "name": "Bridge::flush",
                      "line": 22,
                      "end": 28,
                      "priority": "P0",
                      "heat": "hot",
                      "reason": "called once per call from `Worker::process_file` (crates/worker/src/lib.rs:45) ← called per iteration of `for path in std::env::args().skip(1)` from `main` (crates/worker/src/main.rs:7) ← entry: `fn main` (crates/worker/src/main.rs:3)"
                    }
                  ]
                },
                {
                  "path": "crates/worker/src/batch.rs",
                  "priority": "P0",
                  "score": 0,
                  "reasons": [
                    {
                      "signal": "code:hottest_function",
                      "file": "crates/worker/src/batch.rs",
                      "line": 14,
                      "weight": 0,
                      "detail": "hottest function `BatchBuilder::new` (P1, hot): called once per call from `Worker::process_file` (crates/worker/src/lib.rs:36) ← called per iteration of `for path in std::env::args().skip(1)` from `main` (crates/worker/src/main.rs:7) ← entry: `fn main` (crates/worker/src/main.rs:3)"
                    },
                    {
                      "signal": "override:force_priority",
                      "file": "crates/worker/src/batch.rs",
                      "line": null,
                      "weight": 0,
                      "detail": "scope.md forces P0 (`crates/worker`)"
                    }
                  ],
                  "lines": 56,
                  "in_module_tree": true,
                  "overridden": "scope.md forces P0 (`crates/worker`)",
                  "functions": [
                    {
                      "name": "BatchBuilder::new",
                      "line": 14,
                      "end": 19,
                      "priority": "P1",
                      "heat": "hot",
                      "reason": "called once per call from `Worker::process_file` (crates/worker/src/lib.rs:36) ← called per iteration of `for path in std::env::args().skip(1)` from `main` (crates/worker/src/main.rs:7) ← entry: `fn main` (crates/worker/src/main.rs:3)"
                    },
                    {
                      "name": "BatchBuilder::push_row",
                      "line": 22,
                      "end": 28,
                      "priority": "P3",
                      "heat": "unknown",
                      "reason": "no caller of `BatchBuilder::push_row` found in the workspace (called through a macro, a function pointer, or not at all)"
                    },
                    {
                      "name": "BatchBuilder::build",
                      "line": 31,
                      "end": 42,
                      "priority": "P3",
                      "heat": "unknown",
                      "reason": "no caller of `BatchBuilder::build` found in the workspace (called through a macro, a function pointer, or not at all)"
                    },
                    {
                      "name": "encode_batches",
                      "line": 46,
                      "end": 56,
                      "priority": "P3",
                      "heat": "unknown",
                      "reason": "no caller of `encode_batches` found in the workspace (called through a macro, a function pointer, or not at all)"
                    }
                  ]
                },
                {
                  "path": "crates/worker/src/main.rs",
                  "priority": "P0",
                  "score": 0,
                  "reasons": [
                    {
                      "signal": "code:hottest_function",
                      "file": "crates/worker/src/main.rs",
                      "line": 3,
                      "weight": 0,
                      "detail": "hottest function `main` (P3, cold): entry: `fn main` (crates/worker/src/main.rs:3)"
                    },
                    {
                      "signal": "code:all_cold",
                      "file": "crates/worker/src/main.rs",
                      "line": null,
                      "weight": 0,
                      "detail": "every function is cold (tests, setup, error paths, diagnostics): P3"
                    },
                    {
                      "signal": "override:force_priority",
                      "file": "crates/worker/src/main.rs",
                      "line": null,
                      "weight": 0,
                      "detail": "scope.md forces P0 (`crates/worker`)"
                    }
                  ],
                  "lines": 12,
                  "in_module_tree": true,
                  "overridden": "scope.md forces P0 (`crates/worker`)",
                  "functions": [
                    {
                      "name": "main",
                      "line": 3,
                      "end": 12,
                      "priority": "P3",
                      "heat": "cold",
                      "cold": "setup",
                      "reason": "entry: `fn main` (crates/worker/src/main.rs:3)"
                    }
                  ]
                },
                {
                  "path": "crates/worker/src/pipeline.rs",
                  "priority": "P0",
                  "score": 0,
                  "reasons": [
                    {
                      "signal": "code:hottest_function",
                      "file": "crates/worker/src/pipeline.rs",
                      "line": 13,
                      "weight": 0,
                      "detail": "hottest function `Pipeline::route` (P0, hot): called per iteration of `for line in reader.lines()` from `Worker::process_file` (crates/worker/src/lib.rs:41) ← called per iteration of `for path in std::env::args().skip(1)` from `main` (crates/worker/src/main.rs:7) ← entry: `fn main` (crates/worker/src/main.rs:3)"
                    },
                    {
                      "signal": "override:force_priority",
                      "file": "crates/worker/src/pipeline.rs",
                      "line": null,
                      "weight": 0,
                      "detail": "scope.md forces P0 (`crates/worker`)"
                    }
                  ],
                  "lines": 37,
                  "in_module_tree": true,
                  "overridden": "scope.md forces P0 (`crates/worker`)",
                  "functions": [
                    {
                      "name": "Pipeline::route",
                      "line": 13,
                      "end": 20,
                      "priority": "P0",
                      "heat": "hot",
                      "reason": "called per iteration of `for line in reader.lines()` from `Worker::process_file` (crates/worker/src/lib.rs:41) ← called per iteration of `for path in std::env::args().skip(1)` from `main` (crates/worker/src/main.rs:7) ← entry: `fn main` (crates/worker/src/main.rs:3)"
                    },
                    {
                      "name": "Pipeline::label_rows",
                      "line": 23,
                      "end": 30,
                      "priority": "P3",
                      "heat": "cold",
                      "cold": "setup",
                      "reason": "called once per call from `Pipeline::drain` (crates/worker/src/pipeline.rs:34) ← called once per call from `Worker::finish` (crates/worker/src/lib.rs:56) ← called once per call from `main` (crates/worker/src/main.rs:11) ← entry: `fn main` (crates/worker/src/main.rs:3)"
                    },
                    {
                      "name": "Pipeline::drain",
                      "line": 32,
                      "end": 36,
                      "priority": "P3",
                      "heat": "cold",
                      "cold": "setup",
                      "reason": "called once per call from `Worker::finish` (crates/worker/src/lib.rs:56) ← called once per call from `main` (crates/worker/src/main.rs:11) ← entry: `fn main` (crates/worker/src/main.rs:3)"
                    }
                  ]
                }
              ]
            },
            {
              "name": "ingest-proto",
              "path": "crates/proto",
              "priority": "P0",
              "score": 0,
              "reasons": [
                {
                  "signal": "code:hottest_file",
                  "file": "crates/proto/src/codec.rs",
                  "line": null,
                  "weight": 0,
                  "detail": "hottest file is crates/proto/src/codec.rs (P0, score 0: no scored code signals)"
                }
              ],
              "files": [
                {
                  "path": "crates/proto/src/codec.rs",
                  "priority": "P0",
                  "score": 0,
                  "reasons": [
                    {
                      "signal": "code:hottest_function",
                      "file": "crates/proto/src/codec.rs",
                      "line": 14,
                      "weight": 0,
                      "detail": "hottest function `Writer::write` (P0, hot): called per iteration of `for row in &batch.rows` from `Bridge::flush` (crates/worker/src/bridge.rs:25) ← called once per call from `Worker::process_file` (crates/worker/src/lib.rs:45) ← called per iteration of `for path in std::env::args().skip(1)` from `main` (crates/worker/src/main.rs:7) ← entry: `fn main` (crates/worker/src/main.rs:3)"
                    }
                  ],
                  "lines": 45,
                  "in_module_tree": true,
                  "functions": [
                    {
                      "name": "Writer::write",
                      "line": 14,
                      "end": 17,
                      "priority": "P0",
                      "heat": "hot",
                      "reason": "called per iteration of `for row in &batch.rows` from `Bridge::flush` (crates/worker/src/bridge.rs:25) ← called once per call from `Worker::process_file` (crates/worker/src/lib.rs:45) ← called per iteration of `for path in std::env::args().skip(1)` from `main` (crates/worker/src/main.rs:7) ← entry: `fn main` (crates/worker/src/main.rs:3)"
                    },
                    {
                      "name": "encode_row",
                      "line": 21,
                      "end": 28,
                      "priority": "P0",
                      "heat": "hot",
                      "reason": "called per iteration of `for row in &batch.rows` from `Bridge::flush` (crates/worker/src/bridge.rs:24) ← called once per call from `Worker::process_file` (crates/worker/src/lib.rs:45) ← called per iteration of `for path in std::env::args().skip(1)` from `main` (crates/worker/src/main.rs:7) ← entry: `fn main` (crates/worker/src/main.rs:3)"
                    },
                    {
                      "name": "encode_all",
                      "line": 31,
                      "end": 41,
                      "priority": "P2",
                      "heat": "warm",
                      "reason": "entry: public API `encode_all` of library `ingest_proto`: called per call of its user"
                    },
                    {
                      "name": "header",
                      "line": 43,
                      "end": 45,
                      "priority": "P2",
                      "heat": "warm",
                      "reason": "entry: public API `header` of library `ingest_proto`: called per call of its user"
                    }
                  ]
                },
                {
                  "path": "crates/proto/src/gen.rs",
                  "priority": "P3",
                  "score": 0,
                  "reasons": [
                    {
                      "signal": "parse:skipped",
                      "file": "crates/proto/src/gen.rs",
                      "line": null,
                      "weight": 0,
                      "detail": "not parsed (see warnings): name signals only"
                    }
                  ],
                  "lines": 0,
                  "in_module_tree": false
                },
                {
                  "path": "crates/proto/src/lib.rs",
                  "priority": "P3",
                  "score": 0,
                  "reasons": [],
                  "lines": 3,
                  "in_module_tree": true
                }
              ]
            },
            {
              "name": "ingest-schema",
              "path": "crates/schema",
              "priority": "P0",
              "score": 0,
              "reasons": [
                {
                  "signal": "code:hottest_file",
                  "file": "crates/schema/src/infer.rs",
                  "line": null,
                  "weight": 0,
                  "detail": "hottest file is crates/schema/src/infer.rs (P0, score 0: no scored code signals)"
                }
              ],
              "files": [
                {
                  "path": "crates/schema/src/infer.rs",
                  "priority": "P0",
                  "score": 0,
                  "reasons": [
                    {
                      "signal": "code:hottest_function",
                      "file": "crates/schema/src/infer.rs",
                      "line": 34,
                      "weight": 0,
                      "detail": "hottest function `infer_one` (P0, hot): called per iteration of `for (i,value) in row.iter().enumerate()` from `infer_types` (crates/schema/src/infer.rs:23) ← entry: public API `infer_types` of library `ingest_schema`: called per call of its user"
                    }
                  ],
                  "lines": 50,
                  "in_module_tree": true,
                  "functions": [
                    {
                      "name": "infer_types",
                      "line": 19,
                      "end": 32,
                      "priority": "P2",
                      "heat": "warm",
                      "reason": "entry: public API `infer_types` of library `ingest_schema`: called per call of its user"
                    },
                    {
                      "name": "infer_one",
                      "line": 34,
                      "end": 42,
                      "priority": "P0",
                      "heat": "hot",
                      "reason": "called per iteration of `for (i,value) in row.iter().enumerate()` from `infer_types` (crates/schema/src/infer.rs:23) ← entry: public API `infer_types` of library `ingest_schema`: called per call of its user"
                    },
                    {
                      "name": "widen",
                      "line": 44,
                      "end": 50,
                      "priority": "P0",
                      "heat": "hot",
                      "reason": "called per iteration of `for (i,value) in row.iter().enumerate()` from `infer_types` (crates/schema/src/infer.rs:27) ← entry: public API `infer_types` of library `ingest_schema`: called per call of its user"
                    }
                  ]
                },
                {
                  "path": "crates/schema/src/validate.rs",
                  "priority": "P2",
                  "score": 2,
                  "reasons": [
                    {
                      "signal": "code:hottest_function",
                      "file": "crates/schema/src/validate.rs",
                      "line": 11,
                      "weight": 0,
                      "detail": "hottest function `Validator::check_rows` (P2, warm): entry: public API `Validator::check_rows` of library `ingest_schema`: called per call of its user"
                    },
                    {
                      "signal": "code:iteration",
                      "file": "crates/schema/src/validate.rs",
                      "line": 13,
                      "weight": 2,
                      "detail": "`for` loop over `rows`"
                    }
                  ],
                  "lines": 49,
                  "in_module_tree": true,
                  "functions": [
                    {
                      "name": "Validator::check_rows",
                      "line": 11,
                      "end": 21,
                      "priority": "P2",
                      "heat": "warm",
                      "reason": "entry: public API `Validator::check_rows` of library `ingest_schema`: called per call of its user"
                    },
                    {
                      "name": "Validator::empty_fields",
                      "line": 24,
                      "end": 32,
                      "priority": "P2",
                      "heat": "warm",
                      "reason": "entry: public API `Validator::empty_fields` of library `ingest_schema`: called per call of its user"
                    },
                    {
                      "name": "tests::counts_rows",
                      "line": 40,
                      "end": 48,
                      "priority": "P3",
                      "heat": "cold",
                      "cold": "test",
                      "reason": "`mod tests` is under `#[cfg(test)]`"
                    }
                  ]
                },
                {
                  "path": "crates/schema/src/lib.rs",
                  "priority": "P2",
                  "score": 0,
                  "reasons": [
                    {
                      "signal": "code:hottest_function",
                      "file": "crates/schema/src/lib.rs",
                      "line": 13,
                      "weight": 0,
                      "detail": "hottest function `Schema::from_config` (P2, warm): entry: public API `Schema::from_config` of library `ingest_schema`: called per call of its user"
                    }
                  ],
                  "lines": 19,
                  "in_module_tree": true,
                  "functions": [
                    {
                      "name": "Schema::from_config",
                      "line": 13,
                      "end": 18,
                      "priority": "P2",
                      "heat": "warm",
                      "reason": "entry: public API `Schema::from_config` of library `ingest_schema`: called per call of its user"
                    }
                  ]
                }
              ]
            },
            {
              "name": "ingest-config",
              "path": "crates/config",
              "priority": "P3",
              "score": 0,
              "reasons": [
                {
                  "signal": "code:hottest_file",
                  "file": "crates/config/Cargo.toml",
                  "line": null,
                  "weight": 0,
                  "detail": "no file has hot code or hot-path code signals"
                },
                {
                  "signal": "name:config",
                  "file": "crates/config/Cargo.toml",
                  "line": null,
                  "weight": 0,
                  "detail": "crate name contains \"config\": usually one-time setup (spec: P3) unless its code runs hot"
                }
              ],
              "files": [
                {
                  "path": "crates/config/src/lib.rs",
                  "priority": "P3",
                  "score": 0,
                  "reasons": [
                    {
                      "signal": "code:hottest_function",
                      "file": "crates/config/src/lib.rs",
                      "line": 10,
                      "weight": 0,
                      "detail": "hottest function `Config::load` (P3, cold): entry: public API `Config::load` of library `ingest_config`: it builds or configures, once per use of the library"
                    },
                    {
                      "signal": "code:all_cold",
                      "file": "crates/config/src/lib.rs",
                      "line": null,
                      "weight": 0,
                      "detail": "every function is cold (tests, setup, error paths, diagnostics): P3"
                    }
                  ],
                  "lines": 21,
                  "in_module_tree": true,
                  "functions": [
                    {
                      "name": "Config::load",
                      "line": 10,
                      "end": 20,
                      "priority": "P3",
                      "heat": "cold",
                      "cold": "setup",
                      "reason": "entry: public API `Config::load` of library `ingest_config`: it builds or configures, once per use of the library"
                    }
                  ]
                }
              ]
            }
          ],
          "excluded": [
            {
              "path": "crates/worker/benches/throughput.rs",
              "reason": "excluded by scope.md: `crates/*/benches/`"
            }
          ],
          "warnings": [
            {
              "file": "crates/proto/src/gen.rs",
              "message": "not UTF-8 text: listed without code signals"
            }
          ],
          "overrides": {
            "include": [],
            "exclude": [
              "crates/*/benches/"
            ],
            "force_priority": [
              {
                "pattern": "crates/worker",
                "priority": "P0"
              }
            ]
          },
          "effects": [
            {
              "kind": "exclude",
              "pattern": "crates/*/benches/",
              "matched": [
                "crates/worker/benches/throughput.rs"
              ],
              "summary": "excluded 1 file"
            },
            {
              "kind": "force_priority",
              "pattern": "crates/worker",
              "matched": [
                "crates/worker"
              ],
              "summary": "set 1 crate and their files to P0"
            }
          ],
          "focus": "full",
          "priority_filter": "all",
          "scope_md": "specs/meta/sessions/memory_audit_001/scope.md"
        },
        "rounds": [
          {
            "number": 1,
            "status": "decided",
            "started_at": "2025-03-10T09:30:00.000Z",
            "finished_at": "2025-03-10T09:30:02.000Z",
            "error": null,
            "findings": [
              {
                "finding": {
                  "id": "F-001",
                  "fingerprint": "55523db11db5e69a",
                  "category": "CACHE_HOSTILE",
                  "file": "crates/proto/src/codec.rs",
                  "line_start": 3,
                  "line_end": 6,
                  "crate": "ingest-proto",
                  "priority": "P0",
                  "item_path": "codec::Message",
                  "confidence": "HIGH",
                  "safety": "SAFE",
                  "code": "pub enum Message {\n    Ping,\n    Data([u8; 4096]),\n}",
                  "issue": "Variant `Data` is ~4096 bytes while the next largest is ~0: every `Message` value (in vectors, maps, channels) occupies the largest size.",
                  "proposal": "// Box the large payload so the enum shrinks to ~16 bytes:\nData(Box<[u8; 4096]>),",
                  "impact": {
                    "allocations_avoided": null,
                    "bytes_saved": 4088,
                    "unit": "`Message` value stored",
                    "applies_to": "every collection or message holding `Message`",
                    "level": "High"
                  },
                  "tradeoffs": {
                    "pros": [
                      "Smaller values: more per cache line, cheaper moves."
                    ],
                    "cons": [
                      "Building `Data` now allocates; worth it when it is the rare variant."
                    ]
                  },
                  "prerequisites": [],
                  "source": "builtin",
                  "reach": {
                    "heat": "warm",
                    "loop_depth": 0,
                    "reasons": [
                      "a type declaration: paid wherever its values are built or stored"
                    ]
                  }
                },
                "state": "new",
                "validation": {
                  "finding_id": "F-001",
                  "fingerprint": "55523db11db5e69a",
                  "verdict": "NEEDS_WORK",
                  "lifetime": {
                    "status": "N/A",
                    "evidence": "a layout change moves no ownership"
                  },
                  "thread_safety": {
                    "status": "N/A",
                    "evidence": "reordering fields changes no sharing between threads"
                  },
                  "no_undefined_behavior": {
                    "status": "PASS",
                    "evidence": "the proposal is safe Rust: no `unsafe`, `transmute` or raw parts"
                  },
                  "estimate_plausible": {
                    "answer": "NEEDS_MEASUREMENT",
                    "evidence": "layout and cache effects show only under a profiler (cache misses), not in the syntax"
                  },
                  "hot_path": {
                    "answer": "MAYBE",
                    "evidence": "a type definition in a P0 file (scope: `crates/proto/src/codec.rs` is P0); how hot depends on how many values are built"
                  },
                  "complexity_justified": {
                    "answer": "YES",
                    "evidence": "impact High against effort Low (proposal of 1 line(s), 0 prerequisite(s))"
                  },
                  "issues": [
                    {
                      "id": "F-001-I1",
                      "description": "The impact is not established: layout and cache effects show only under a profiler (cache misses), not in the syntax. [rule: impact-unknown]",
                      "risk": "Effort may be spent on a change that saves nothing measurable.",
                      "suggestion": "Give allocations avoided or bytes saved per unit, or attach a heap profile."
                    }
                  ],
                  "conditions": [
                    "Give allocations avoided or bytes saved per unit, or attach a heap profile."
                  ],
                  "counterexample": null,
                  "engine": "builtin"
                },
                "decision": {
                  "finding_id": "F-001",
                  "fingerprint": "55523db11db5e69a",
                  "kind": "defer",
                  "note": "Measure with a heap profile first.",
                  "defer_until_round": 3,
                  "round": 1,
                  "decided_at": "2025-03-10T10:01:00.000Z"
                }
              },
              {
                "finding": {
                  "id": "F-002",
                  "fingerprint": "818619be6a3b1f5f",
                  "category": "ALLOCATION_LOOP",
                  "file": "crates/proto/src/codec.rs",
                  "line_start": 24,
                  "line_end": 24,
                  "crate": "ingest-proto",
                  "priority": "P0",
                  "item_path": "codec::encode_row",
                  "confidence": "HIGH",
                  "safety": "SAFE",
                  "code": "        let pair = format!(\"{name}={value};\");",
                  "issue": "`format!()` allocates on every iteration of `for (name,value) in names.iter().zip(row)`.",
                  "proposal": "use std::fmt::Write;\nlet mut buf = String::new(); // once, before the loop\n// in the loop body:\nbuf.clear();\nwrite!(buf, \"{name}={value};\").unwrap(); // writing to a String cannot fail\n// use `&buf` where the formatted value was used",
                  "impact": {
                    "allocations_avoided": 1,
                    "bytes_saved": null,
                    "unit": "iteration of `for (name,value) in names.iter().zip(row)`",
                    "applies_to": "every call of `codec::encode_row`",
                    "level": "High"
                  },
                  "tradeoffs": {
                    "pros": [
                      "Fewer allocator calls on a path that runs once per element."
                    ],
                    "cons": [
                      "A reused buffer must be cleared at the top of each iteration."
                    ]
                  },
                  "prerequisites": [],
                  "source": "builtin",
                  "reach": {
                    "heat": "hot",
                    "loop_depth": 3,
                    "reasons": [
                      "runs per iteration of `for (name,value) in names.iter().zip(row)` in `encode_row`",
                      "called per iteration of `for row in &batch.rows` from `Bridge::flush` (crates/worker/src/bridge.rs:25)",
                      "called once per call from `Worker::process_file` (crates/worker/src/lib.rs:45)",
                      "called per iteration of `for path in std::env::args().skip(1)` from `main` (crates/worker/src/main.rs:7)",
                      "entry: `fn main` (crates/worker/src/main.rs:3)"
                    ]
                  },
                  "edit": {
                    "summary": "`write!` into one reused `String` (`pair_buf`) instead of `format!`",
                    "hunks": [
                      {
                        "file": "crates/proto/src/codec.rs",
                        "start": 450,
                        "end": 450,
                        "line": 23,
                        "original": "",
                        "replacement": "use std::fmt::Write as _;\n    let mut pair_buf = String::new();\n    "
                      },
                      {
                        "file": "crates/proto/src/codec.rs",
                        "start": 503,
                        "end": 541,
                        "line": 24,
                        "original": "let pair = format!(\"{name}={value};\");",
                        "replacement": "pair_buf.clear();\n        write!(pair_buf, \"{name}={value};\").unwrap();\n        let pair = pair_buf.as_str();"
                      }
                    ]
                  }
                },
                "state": "new",
                "validation": {
                  "finding_id": "F-002",
                  "fingerprint": "818619be6a3b1f5f",
                  "verdict": "APPROVED",
                  "lifetime": {
                    "status": "PASS",
                    "evidence": "`format!(..)` at line 24 stays within one iteration of the `for` loop at line 23: `pair` is only read or borrowed after it is made, and dropped at the end of its scope; one reused buffer in its place lives long enough"
                  },
                  "thread_safety": {
                    "status": "N/A",
                    "evidence": "`fn encode_row` neither spawns nor runs in a task: the change is single-threaded"
                  },
                  "no_undefined_behavior": {
                    "status": "PASS",
                    "evidence": "the proposal is safe Rust: no `unsafe`, `transmute` or raw parts"
                  },
                  "estimate_plausible": {
                    "answer": "YES",
                    "evidence": "1 allocation(s) per iteration of `for (name,value) in names.iter().zip(row)` against 1 allocating expression(s) at lines 24-24, each run once per iteration"
                  },
                  "hot_path": {
                    "answer": "YES",
                    "evidence": "per iteration of the `for` loop at line 23 in `fn encode_row`; called per item: runs per iteration of `for (name,value) in names.iter().zip(row)` in `encode_row` ← called per iteration of `for row in &batch.rows` from `Bridge::flush` (crates/worker/src/bridge.rs:25) ← called once per call from `Worker::process_file` (crates/worker/src/lib.rs:45) ← called per iteration of `for path in std::env::args().skip(1)` from `main` (crates/worker/src/main.rs:7) ← entry: `fn main` (crates/worker/src/main.rs:3)"
                  },
                  "complexity_justified": {
                    "answer": "YES",
                    "evidence": "impact High against effort Low (proposal of 4 line(s), 0 prerequisite(s))"
                  },
                  "issues": [],
                  "conditions": [
                    "Gain: one allocation of `format!(..)` per iteration of the `for` loop at line 23, after the first iterations (the buffer keeps its capacity)",
                    "the buffer is created once above the `for` loop at line 23 and `clear()`ed at the start of each iteration",
                    "the buffer is not stored, sent or returned from the loop body",
                    "the crate's tests pass and a heap profile (DHAT) of a representative input shows fewer allocations"
                  ],
                  "counterexample": null,
                  "engine": "builtin"
                },
                "decision": {
                  "finding_id": "F-002",
                  "fingerprint": "818619be6a3b1f5f",
                  "kind": "implement",
                  "note": "Small change; do it this sprint.",
                  "round": 1,
                  "decided_at": "2025-03-10T10:02:00.000Z"
                }
              },
              {
                "finding": {
                  "id": "F-003",
                  "fingerprint": "e52835a0bef85335",
                  "category": "ALLOCATION_LOOP",
                  "file": "crates/proto/src/codec.rs",
                  "line_start": 33,
                  "line_end": 33,
                  "crate": "ingest-proto",
                  "priority": "P0",
                  "item_path": "codec::encode_all",
                  "confidence": "HIGH",
                  "safety": "SAFE",
                  "code": "        let mut buf = Vec::new();",
                  "issue": "`buf` (Vec::new()) is created, filled and dropped on every iteration; its heap buffer is allocated (and regrown) each time.",
                  "proposal": "let mut buf = Vec::new(); // once, before the loop\n// in the loop body:\nbuf.clear(); // keeps the capacity",
                  "impact": {
                    "allocations_avoided": 1,
                    "bytes_saved": null,
                    "unit": "iteration of `for msg in messages`",
                    "applies_to": "every call of `codec::encode_all`",
                    "level": "High"
                  },
                  "tradeoffs": {
                    "pros": [
                      "After the first iterations the buffer stops allocating entirely."
                    ],
                    "cons": [
                      "The buffer keeps its peak capacity until the loop ends."
                    ]
                  },
                  "prerequisites": [],
                  "source": "builtin",
                  "reach": {
                    "heat": "hot",
                    "loop_depth": 1,
                    "reasons": [
                      "runs per iteration of `for msg in messages` in `encode_all`",
                      "entry: public API `encode_all` of library `ingest_proto`: called per call of its user"
                    ]
                  },
                  "edit": {
                    "summary": "hoist `buf` out of the loop and `clear()` it each iteration",
                    "hunks": [
                      {
                        "file": "crates/proto/src/codec.rs",
                        "start": 744,
                        "end": 744,
                        "line": 32,
                        "original": "",
                        "replacement": "let mut buf = Vec::new();\n    "
                      },
                      {
                        "file": "crates/proto/src/codec.rs",
                        "start": 774,
                        "end": 799,
                        "line": 33,
                        "original": "let mut buf = Vec::new();",
                        "replacement": "buf.clear();"
                      }
                    ]
                  }
                },
                "state": "new",
                "validation": {
                  "finding_id": "F-003",
                  "fingerprint": "e52835a0bef85335",
                  "verdict": "APPROVED",
                  "lifetime": {
                    "status": "PASS",
                    "evidence": "`Vec::new(..)` at line 33 stays within one iteration of the `for` loop at line 32: `buf` is only read or borrowed after it is made, and dropped at the end of its scope; one reused buffer in its place lives long enough"
                  },
                  "thread_safety": {
                    "status": "N/A",
                    "evidence": "`fn encode_all` neither spawns nor runs in a task: the change is single-threaded"
                  },
                  "no_undefined_behavior": {
                    "status": "PASS",
                    "evidence": "the proposal is safe Rust: no `unsafe`, `transmute` or raw parts"
                  },
                  "estimate_plausible": {
                    "answer": "YES",
                    "evidence": "1 allocation(s) per iteration of `for msg in messages` against 1 allocating expression(s) at lines 33-33, each run once per iteration"
                  },
                  "hot_path": {
                    "answer": "YES",
                    "evidence": "per iteration of the `for` loop at line 32 in `fn encode_all`; once per call of an entry point: runs per iteration of `for msg in messages` in `encode_all` ← entry: public API `encode_all` of library `ingest_proto`: called per call of its user"
                  },
                  "complexity_justified": {
                    "answer": "YES",
                    "evidence": "impact High against effort Low (proposal of 2 line(s), 0 prerequisite(s))"
                  },
                  "issues": [],
                  "conditions": [
                    "Gain: one allocation of `Vec::new(..)` per iteration of the `for` loop at line 32, after the first iterations (the buffer keeps its capacity)",
                    "the buffer is created once above the `for` loop at line 32 and `clear()`ed at the start of each iteration",
                    "the buffer is not stored, sent or returned from the loop body",
                    "the crate's tests pass and a heap profile (DHAT) of a representative input shows fewer allocations"
                  ],
                  "counterexample": null,
                  "engine": "builtin"
                },
                "decision": {
                  "finding_id": "F-003",
                  "fingerprint": "e52835a0bef85335",
                  "kind": "implement",
                  "note": "Small change; do it this sprint.",
                  "round": 1,
                  "decided_at": "2025-03-10T10:03:00.000Z"
                }
              },
              {
                "finding": {
                  "id": "F-004",
                  "fingerprint": "fb7847b964405a86",
                  "category": "HEAP_AVOIDABLE",
                  "file": "crates/proto/src/codec.rs",
                  "line_start": 43,
                  "line_end": 43,
                  "crate": "ingest-proto",
                  "priority": "P0",
                  "item_path": "codec::header",
                  "confidence": "HIGH",
                  "safety": "SAFE",
                  "code": "pub fn header() -> Box<[u8; 8]> {",
                  "issue": "`Box<[u8; 8]>` puts a fixed 8-byte array (8 elements) behind a heap allocation; it fits inline.",
                  "proposal": "[u8; 8] // inline, no Box",
                  "impact": {
                    "allocations_avoided": 1,
                    "bytes_saved": 16,
                    "unit": "value built",
                    "applies_to": "every value of this type in `codec::header`",
                    "level": "Medium"
                  },
                  "tradeoffs": {
                    "pros": [
                      "No allocation, no pointer chase; the data sits with its owner."
                    ],
                    "cons": [
                      "The owner grows by 8 bytes; moving it copies them."
                    ]
                  },
                  "prerequisites": [],
                  "source": "builtin",
                  "reach": {
                    "heat": "warm",
                    "loop_depth": 0,
                    "reasons": [
                      "entry: public API `header` of library `ingest_proto`: called per call of its user"
                    ]
                  },
                  "edit": {
                    "summary": "`[u8; 8]` inline, no `Box`",
                    "hunks": [
                      {
                        "file": "crates/proto/src/codec.rs",
                        "start": 998,
                        "end": 1010,
                        "line": 43,
                        "original": "Box<[u8; 8]>",
                        "replacement": "[u8; 8]"
                      }
                    ]
                  }
                },
                "state": "new",
                "validation": {
                  "finding_id": "F-004",
                  "fingerprint": "fb7847b964405a86",
                  "verdict": "NEEDS_WORK",
                  "lifetime": {
                    "status": "PASS",
                    "evidence": "`[u8; 8]` is sized and does not contain its container: it can live inline"
                  },
                  "thread_safety": {
                    "status": "N/A",
                    "evidence": "`fn header` neither spawns nor runs in a task: the change is single-threaded"
                  },
                  "no_undefined_behavior": {
                    "status": "PASS",
                    "evidence": "the proposal is safe Rust: no `unsafe`, `transmute` or raw parts"
                  },
                  "estimate_plausible": {
                    "answer": "YES",
                    "evidence": "1 allocation(s) per value built: every `Box<[u8; 8]>` value is one heap allocation"
                  },
                  "hot_path": {
                    "answer": "MAYBE",
                    "evidence": "a type in the return type of `fn header`, in a P0 file (scope: `crates/proto/src/codec.rs` is P0): one allocation per call; how hot depends on how often callers call it"
                  },
                  "complexity_justified": {
                    "answer": "YES",
                    "evidence": "impact Medium against effort Low (proposal of 1 line(s), 0 prerequisite(s))"
                  },
                  "issues": [
                    {
                      "id": "F-004-I1",
                      "description": "The proposal changes an API: `Box<[u8; 8]>` is written in the return type of `fn header`, and `header` is public: removing the box changes its signature. [rule: api-change]",
                      "risk": "Every caller changes too; a public API change is a breaking release.",
                      "suggestion": "List the callers and show the new signature, or find a change local to the function."
                    }
                  ],
                  "conditions": [
                    "List the callers and show the new signature, or find a change local to the function."
                  ],
                  "counterexample": null,
                  "engine": "builtin"
                },
                "decision": null
              },
              {
                "finding": {
                  "id": "F-005",
                  "fingerprint": "67fba6824a489f31",
                  "category": "ARENA_CANDIDATE",
                  "file": "crates/schema/src/infer.rs",
                  "line_start": 4,
                  "line_end": 10,
                  "crate": "ingest-schema",
                  "priority": "P0",
                  "item_path": "infer::Type",
                  "confidence": "MEDIUM",
                  "safety": "NEEDS_REVIEW",
                  "code": "pub enum Type {\n    Int,\n    Float,\n    Text,\n    List(Box<Type>),\n    Struct(Vec<Field>),\n}",
                  "issue": "`Type` is a recursive type whose nodes are each a separate heap allocation; a tree is typically built and dropped as a whole, which an arena does in one go.",
                  "proposal": "// Allocate nodes from an arena that lives as long as the tree:\nlet arena = bumpalo::Bump::new();\n// Type<'a> { children: &'a [&'a Type<'a>], .. } — or keep nodes in a Vec and link by index",
                  "impact": {
                    "allocations_avoided": null,
                    "bytes_saved": null,
                    "unit": "`Type` node",
                    "applies_to": "every structure built from `Type` nodes",
                    "level": "Medium"
                  },
                  "tradeoffs": {
                    "pros": [
                      "Allocation becomes a pointer bump; the whole tree is freed at once; nodes sit together in memory."
                    ],
                    "cons": [
                      "Adds a lifetime parameter (or indices) to the type; individual nodes cannot be freed early."
                    ]
                  },
                  "prerequisites": [
                    "add the `bumpalo` (or `typed-arena`/`slotmap`) dependency"
                  ],
                  "source": "builtin",
                  "reach": {
                    "heat": "warm",
                    "loop_depth": 0,
                    "reasons": [
                      "a type declaration: paid wherever its values are built or stored"
                    ]
                  }
                },
                "state": "new",
                "validation": {
                  "finding_id": "F-005",
                  "fingerprint": "67fba6824a489f31",
                  "verdict": "NEEDS_WORK",
                  "lifetime": {
                    "status": "UNCLEAR",
                    "evidence": "allocating the nodes of `Type` (line 4) in an arena adds a lifetime parameter or indices to the type and to everything that holds it; only the borrow checker proves that no node outlives the arena"
                  },
                  "thread_safety": {
                    "status": "N/A",
                    "evidence": "the enclosing item neither spawns nor runs in a task: the change is single-threaded"
                  },
                  "no_undefined_behavior": {
                    "status": "PASS",
                    "evidence": "the proposal is safe Rust: no `unsafe`, `transmute` or raw parts"
                  },
                  "estimate_plausible": {
                    "answer": "MAYBE",
                    "evidence": "`Type` is a type definition: its allocations are made where its values are built, which these lines do not show"
                  },
                  "hot_path": {
                    "answer": "MAYBE",
                    "evidence": "a type definition in a P0 file (scope: `crates/schema/src/infer.rs` is P0); how hot depends on how many values are built"
                  },
                  "complexity_justified": {
                    "answer": "YES",
                    "evidence": "impact Medium against effort Medium (proposal of 1 line(s), 1 prerequisite(s), an API change (trade-off says \"Adds a lifetime parameter (or indices) to the type; individual nodes cannot be freed early.\"))"
                  },
                  "issues": [
                    {
                      "id": "F-005-I1",
                      "description": "The proposal changes an API: trade-off says \"Adds a lifetime parameter (or indices) to the type; individual nodes cannot be freed early.\". [rule: api-change]",
                      "risk": "Every caller changes too; a public API change is a breaking release.",
                      "suggestion": "List the callers and show the new signature, or find a change local to the function."
                    }
                  ],
                  "conditions": [
                    "List the callers and show the new signature, or find a change local to the function."
                  ],
                  "counterexample": null,
                  "engine": "builtin"
                },
                "decision": {
                  "finding_id": "F-005",
                  "fingerprint": "67fba6824a489f31",
                  "kind": "defer",
                  "note": "Measure with a heap profile first.",
                  "defer_until_round": 3,
                  "round": 1,
                  "decided_at": "2025-03-10T10:05:00.000Z"
                }
              },
              {
                "finding": {
                  "id": "F-006",
                  "fingerprint": "ff3f57beab1018bb",
                  "category": "ALLOCATION_LOOP",
                  "file": "crates/worker/src/batch.rs",
                  "line_start": 23,
                  "line_end": 23,
                  "crate": "ingest-worker",
                  "priority": "P0",
                  "item_path": "batch::BatchBuilder::push_row",
                  "confidence": "HIGH",
                  "safety": "SAFE",
                  "code": "        let mut row = Vec::new();",
                  "issue": "`row` starts empty and receives exactly one `push` per iteration of `for field in fields`, so it reallocates about log2(n) times while growing although the final length is known up front.",
                  "proposal": "let mut row = Vec::with_capacity(fields.len());",
                  "impact": {
                    "allocations_avoided": null,
                    "bytes_saved": null,
                    "unit": "call of `batch::BatchBuilder::push_row`",
                    "applies_to": "~log2(n) reallocations and copies per call of `batch::BatchBuilder::push_row`",
                    "level": "High"
                  },
                  "tradeoffs": {
                    "pros": [
                      "One allocation instead of a growth sequence; no copying on regrowth."
                    ],
                    "cons": [
                      "None when every iteration pushes."
                    ]
                  },
                  "prerequisites": [],
                  "source": "builtin",
                  "reach": {
                    "heat": "unknown",
                    "loop_depth": 0,
                    "reasons": [
                      "no caller of `BatchBuilder::push_row` found in the workspace (called through a macro, a function pointer, or not at all)"
                    ]
                  },
                  "edit": {
                    "summary": "reserve `fields.len()` up front with `Vec::with_capacity`",
                    "hunks": [
                      {
                        "file": "crates/worker/src/batch.rs",
                        "start": 473,
                        "end": 483,
                        "line": 23,
                        "original": "Vec::new()",
                        "replacement": "Vec::with_capacity(fields.len())"
                      }
                    ]
                  }
                },
                "state": "new",
                "validation": {
                  "finding_id": "F-006",
                  "fingerprint": "ff3f57beab1018bb",
                  "verdict": "NEEDS_WORK",
                  "lifetime": {
                    "status": "PASS",
                    "evidence": "`with_capacity` changes only the initial capacity of `row` (line 23); its owner, its pushes and where it goes afterwards stay as they are"
                  },
                  "thread_safety": {
                    "status": "N/A",
                    "evidence": "`fn push_row` neither spawns nor runs in a task: the change is single-threaded"
                  },
                  "no_undefined_behavior": {
                    "status": "PASS",
                    "evidence": "the proposal is safe Rust: no `unsafe`, `transmute` or raw parts"
                  },
                  "estimate_plausible": {
                    "answer": "YES",
                    "evidence": "`row` grows from empty by one push per iteration of the `for` loop at line 24 (line 25); `fields` is a `&[String]` (parameter `fields: &[String]` of `fn push_row`), so `fields` yields exactly `fields.len()` items: that is ~log2(n) reallocations with copies per call, and `with_capacity` makes it one allocation"
                  },
                  "hot_path": {
                    "answer": "MAYBE",
                    "evidence": "per iteration of the `for` loop at line 24 in `fn push_row`; no caller known: no caller of `BatchBuilder::push_row` found in the workspace (called through a macro, a function pointer, or not at all)"
                  },
                  "complexity_justified": {
                    "answer": "YES",
                    "evidence": "impact High against effort Low (proposal of 1 line(s), 0 prerequisite(s))"
                  },
                  "issues": [
                    {
                      "id": "F-006-I1",
                      "description": "Is `fn push_row` called once per item of the program's data (a file, a line, a record, an event)? The call graph found no caller: no caller of `BatchBuilder::push_row` found in the workspace (called through a macro, a function pointer, or not at all). [rule: caller-unknown]",
                      "risk": "Code nobody calls per item saves nothing; code nobody calls at all is dead.",
                      "suggestion": "Name the caller of `fn push_row` and how often it runs, or attach a heap profile that shows these lines."
                    }
                  ],
                  "conditions": [
                    "Name the caller of `fn push_row` and how often it runs, or attach a heap profile that shows these lines."
                  ],
                  "counterexample": null,
                  "engine": "builtin"
                },
                "decision": {
                  "finding_id": "F-006",
                  "fingerprint": "ff3f57beab1018bb",
                  "kind": "reject_wont_fix",
                  "note": "Not worth the API change.",
                  "round": 1,
                  "decided_at": "2025-03-10T10:06:00.000Z"
                }
              },
              {
                "finding": {
                  "id": "F-007",
                  "fingerprint": "250647ddc25f517d",
                  "category": "ALLOCATION_LOOP",
                  "file": "crates/worker/src/batch.rs",
                  "line_start": 32,
                  "line_end": 32,
                  "crate": "ingest-worker",
                  "priority": "P0",
                  "item_path": "batch::BatchBuilder::build",
                  "confidence": "HIGH",
                  "safety": "SAFE",
                  "code": "        let mut cols = Vec::new();",
                  "issue": "`cols` starts empty and receives exactly one `push` per iteration of `for name in columns`, so it reallocates about log2(n) times while growing although the final length is known up front.",
                  "proposal": "let mut cols = Vec::with_capacity(columns.len());",
                  "impact": {
                    "allocations_avoided": null,
                    "bytes_saved": null,
                    "unit": "call of `batch::BatchBuilder::build`",
                    "applies_to": "~log2(n) reallocations and copies per call of `batch::BatchBuilder::build`",
                    "level": "High"
                  },
                  "tradeoffs": {
                    "pros": [
                      "One allocation instead of a growth sequence; no copying on regrowth."
                    ],
                    "cons": [
                      "None when every iteration pushes."
                    ]
                  },
                  "prerequisites": [],
                  "source": "builtin",
                  "reach": {
                    "heat": "unknown",
                    "loop_depth": 0,
                    "reasons": [
                      "no caller of `BatchBuilder::build` found in the workspace (called through a macro, a function pointer, or not at all)"
                    ]
                  },
                  "edit": {
                    "summary": "reserve `columns.len()` up front with `Vec::with_capacity`",
                    "hunks": [
                      {
                        "file": "crates/worker/src/batch.rs",
                        "start": 724,
                        "end": 734,
                        "line": 32,
                        "original": "Vec::new()",
                        "replacement": "Vec::with_capacity(columns.len())"
                      }
                    ]
                  }
                },
                "state": "new",
                "validation": {
                  "finding_id": "F-007",
                  "fingerprint": "250647ddc25f517d",
                  "verdict": "NEEDS_WORK",
                  "lifetime": {
                    "status": "PASS",
                    "evidence": "`with_capacity` changes only the initial capacity of `cols` (line 32); its owner, its pushes and where it goes afterwards stay as they are"
                  },
                  "thread_safety": {
                    "status": "N/A",
                    "evidence": "`fn build` neither spawns nor runs in a task: the change is single-threaded"
                  },
                  "no_undefined_behavior": {
                    "status": "PASS",
                    "evidence": "the proposal is safe Rust: no `unsafe`, `transmute` or raw parts"
                  },
                  "estimate_plausible": {
                    "answer": "YES",
                    "evidence": "`cols` grows from empty by one push per iteration of the `for` loop at line 33 (line 36); `columns` is a `&[String]` (parameter `columns: &[String]` of `fn build`), so `columns` yields exactly `columns.len()` items: that is ~log2(n) reallocations with copies per call, and `with_capacity` makes it one allocation"
                  },
                  "hot_path": {
                    "answer": "MAYBE",
                    "evidence": "per iteration of the `for` loop at line 33 in `fn build`; no caller known: no caller of `BatchBuilder::build` found in the workspace (called through a macro, a function pointer, or not at all)"
                  },
                  "complexity_justified": {
                    "answer": "YES",
                    "evidence": "impact High against effort Low (proposal of 1 line(s), 0 prerequisite(s))"
                  },
                  "issues": [
                    {
                      "id": "F-007-I1",
                      "description": "Is `fn build` called once per item of the program's data (a file, a line, a record, an event)? The call graph found no caller: no caller of `BatchBuilder::build` found in the workspace (called through a macro, a function pointer, or not at all). [rule: caller-unknown]",
                      "risk": "Code nobody calls per item saves nothing; code nobody calls at all is dead.",
                      "suggestion": "Name the caller of `fn build` and how often it runs, or attach a heap profile that shows these lines."
                    }
                  ],
                  "conditions": [
                    "Name the caller of `fn build` and how often it runs, or attach a heap profile that shows these lines."
                  ],
                  "counterexample": null,
                  "engine": "builtin"
                },
                "decision": {
                  "finding_id": "F-007",
                  "fingerprint": "250647ddc25f517d",
                  "kind": "defer",
                  "note": "Measure with a heap profile first.",
                  "defer_until_round": 3,
                  "round": 1,
                  "decided_at": "2025-03-10T10:07:00.000Z"
                }
              },
              {
                "finding": {
                  "id": "F-008",
                  "fingerprint": "2fef46c70f0ed6c8",
                  "category": "ALLOCATION_LOOP",
                  "file": "crates/worker/src/batch.rs",
                  "line_start": 47,
                  "line_end": 47,
                  "crate": "ingest-worker",
                  "priority": "P0",
                  "item_path": "batch::encode_batches",
                  "confidence": "HIGH",
                  "safety": "SAFE",
                  "code": "    let mut encoded = Vec::new();",
                  "issue": "`encoded` starts empty and receives exactly one `push` per iteration of `for batch in batches`, so it reallocates about log2(n) times while growing although the final length is known up front.",
                  "proposal": "let mut encoded = Vec::with_capacity(batches.len());",
                  "impact": {
                    "allocations_avoided": null,
                    "bytes_saved": null,
                    "unit": "call of `batch::encode_batches`",
                    "applies_to": "~log2(n) reallocations and copies per call of `batch::encode_batches`",
                    "level": "High"
                  },
                  "tradeoffs": {
                    "pros": [
                      "One allocation instead of a growth sequence; no copying on regrowth."
                    ],
                    "cons": [
                      "None when every iteration pushes."
                    ]
                  },
                  "prerequisites": [],
                  "source": "builtin",
                  "reach": {
                    "heat": "unknown",
                    "loop_depth": 0,
                    "reasons": [
                      "no caller of `encode_batches` found in the workspace (called through a macro, a function pointer, or not at all)"
                    ]
                  },
                  "edit": {
                    "summary": "reserve `batches.len()` up front with `Vec::with_capacity`",
                    "hunks": [
                      {
                        "file": "crates/worker/src/batch.rs",
                        "start": 1135,
                        "end": 1145,
                        "line": 47,
                        "original": "Vec::new()",
                        "replacement": "Vec::with_capacity(batches.len())"
                      }
                    ]
                  }
                },
                "state": "new",
                "validation": {
                  "finding_id": "F-008",
                  "fingerprint": "2fef46c70f0ed6c8",
                  "verdict": "NEEDS_WORK",
                  "lifetime": {
                    "status": "PASS",
                    "evidence": "`with_capacity` changes only the initial capacity of `encoded` (line 47); its owner, its pushes and where it goes afterwards stay as they are"
                  },
                  "thread_safety": {
                    "status": "N/A",
                    "evidence": "`fn encode_batches` neither spawns nor runs in a task: the change is single-threaded"
                  },
                  "no_undefined_behavior": {
                    "status": "PASS",
                    "evidence": "the proposal is safe Rust: no `unsafe`, `transmute` or raw parts"
                  },
                  "estimate_plausible": {
                    "answer": "YES",
                    "evidence": "`encoded` grows from empty by one push per iteration of the `for` loop at line 48 (line 53); `batches` is a `&[Batch]` (parameter `batches: &[Batch]` of `fn encode_batches`), so `batches` yields exactly `batches.len()` items: that is ~log2(n) reallocations with copies per call, and `with_capacity` makes it one allocation"
                  },
                  "hot_path": {
                    "answer": "MAYBE",
                    "evidence": "per iteration of the `for` loop at line 48 in `fn encode_batches`; no caller known: no caller of `encode_batches` found in the workspace (called through a macro, a function pointer, or not at all)"
                  },
                  "complexity_justified": {
                    "answer": "YES",
                    "evidence": "impact High against effort Low (proposal of 1 line(s), 0 prerequisite(s))"
                  },
                  "issues": [
                    {
                      "id": "F-008-I1",
                      "description": "Is `fn encode_batches` called once per item of the program's data (a file, a line, a record, an event)? The call graph found no caller: no caller of `encode_batches` found in the workspace (called through a macro, a function pointer, or not at all). [rule: caller-unknown]",
                      "risk": "Code nobody calls per item saves nothing; code nobody calls at all is dead.",
                      "suggestion": "Name the caller of `fn encode_batches` and how often it runs, or attach a heap profile that shows these lines."
                    }
                  ],
                  "conditions": [
                    "Name the caller of `fn encode_batches` and how often it runs, or attach a heap profile that shows these lines."
                  ],
                  "counterexample": null,
                  "engine": "builtin"
                },
                "decision": null
              },
              {
                "finding": {
                  "id": "F-009",
                  "fingerprint": "38a89a20f1df04bb",
                  "category": "UNNECESSARY_CLONE",
                  "file": "crates/worker/src/bridge.rs",
                  "line_start": 24,
                  "line_end": 24,
                  "crate": "ingest-worker",
                  "priority": "P0",
                  "item_path": "bridge::Bridge::flush",
                  "confidence": "MEDIUM",
                  "safety": "SAFE",
                  "code": "            let schema = self.schema.clone();",
                  "issue": "`schema` is a copy of `self.schema` that is only read afterwards; a borrow gives the same reads without allocating.",
                  "proposal": "let schema = &self.schema;",
                  "impact": {
                    "allocations_avoided": 1,
                    "bytes_saved": null,
                    "unit": "iteration of `for row in &batch.rows`",
                    "applies_to": "every call of `bridge::Bridge::flush`",
                    "level": "High"
                  },
                  "tradeoffs": {
                    "pros": [
                      "Removes an allocation and a copy per execution."
                    ],
                    "cons": [
                      "The borrow ties `schema` to the source's lifetime; mutating the source while it lives will not compile."
                    ]
                  },
                  "prerequisites": [],
                  "source": "builtin",
                  "reach": {
                    "heat": "hot",
                    "loop_depth": 2,
                    "reasons": [
                      "runs per iteration of `for row in &batch.rows` in `Bridge::flush`",
                      "called once per call from `Worker::process_file` (crates/worker/src/lib.rs:45)",
                      "called per iteration of `for path in std::env::args().skip(1)` from `main` (crates/worker/src/main.rs:7)",
                      "entry: `fn main` (crates/worker/src/main.rs:3)"
                    ]
                  },
                  "edit": {
                    "summary": "borrow `self.schema` instead of `.clone()`",
                    "hunks": [
                      {
                        "file": "crates/worker/src/bridge.rs",
                        "start": 546,
                        "end": 565,
                        "line": 24,
                        "original": "self.schema.clone()",
                        "replacement": "&self.schema"
                      }
                    ]
                  }
                },
                "state": "new",
                "validation": {
                  "finding_id": "F-009",
                  "fingerprint": "38a89a20f1df04bb",
                  "verdict": "APPROVED",
                  "lifetime": {
                    "status": "PASS",
                    "evidence": "`self.schema` is neither mutated nor moved after line 24 in `fn flush`, so a borrow can stand in for the clone"
                  },
                  "thread_safety": {
                    "status": "N/A",
                    "evidence": "`fn flush` neither spawns nor runs in a task: the change is single-threaded"
                  },
                  "no_undefined_behavior": {
                    "status": "PASS",
                    "evidence": "the proposal is safe Rust: no `unsafe`, `transmute` or raw parts"
                  },
                  "estimate_plausible": {
                    "answer": "YES",
                    "evidence": "1 allocation(s) per iteration of `for row in &batch.rows` against 1 allocating expression(s) at lines 24-24, each run once per iteration"
                  },
                  "hot_path": {
                    "answer": "YES",
                    "evidence": "per iteration of the `for` loop at line 23 in `fn flush`; called per item: runs per iteration of `for row in &batch.rows` in `Bridge::flush` ← called once per call from `Worker::process_file` (crates/worker/src/lib.rs:45) ← called per iteration of `for path in std::env::args().skip(1)` from `main` (crates/worker/src/main.rs:7) ← entry: `fn main` (crates/worker/src/main.rs:3)"
                  },
                  "complexity_justified": {
                    "answer": "YES",
                    "evidence": "impact High against effort Low (proposal of 1 line(s), 0 prerequisite(s))"
                  },
                  "issues": [],
                  "conditions": [
                    "Gain: one copy of `self.schema` per iteration of the `for` loop at line 23",
                    "`self.schema` is not mutated or moved while the borrow is alive",
                    "every consumer of the value accepts a reference (`&T`, `&str`, `&[T]`)",
                    "the crate's tests pass and a heap profile (DHAT) of a representative input shows fewer allocations"
                  ],
                  "counterexample": null,
                  "engine": "builtin"
                },
                "decision": {
                  "finding_id": "F-009",
                  "fingerprint": "38a89a20f1df04bb",
                  "kind": "implement",
                  "note": "Small change; do it this sprint.",
                  "round": 1,
                  "decided_at": "2025-03-10T10:09:00.000Z"
                }
              },
              {
                "finding": {
                  "id": "F-010",
                  "fingerprint": "a9b9446294809400",
                  "category": "ALLOCATION_LOOP",
                  "file": "crates/worker/src/lib.rs",
                  "line_start": 39,
                  "line_end": 39,
                  "crate": "ingest-worker",
                  "priority": "P0",
                  "item_path": "Worker::process_file",
                  "confidence": "HIGH",
                  "safety": "SAFE",
                  "code": "            let fields: Vec<String> = line.split(',').map(|s| s.to_string()).collect();",
                  "issue": "`.collect()` allocates on every iteration of `for line in reader.lines()`.",
                  "proposal": "let mut buf = Vec::new(); // once, before the loop\n// in the loop body:\nbuf.clear();\nbuf.extend(/* the same iterator */);",
                  "impact": {
                    "allocations_avoided": 1,
                    "bytes_saved": null,
                    "unit": "iteration of `for line in reader.lines()`",
                    "applies_to": "every call of `Worker::process_file`",
                    "level": "High"
                  },
                  "tradeoffs": {
                    "pros": [
                      "Fewer allocator calls on a path that runs once per element."
                    ],
                    "cons": [
                      "A reused buffer must be cleared at the top of each iteration."
                    ]
                  },
                  "prerequisites": [],
                  "source": "builtin",
                  "reach": {
                    "heat": "hot",
                    "loop_depth": 3,
                    "reasons": [
                      "runs per element of `line.split(',').map(..)` in `Worker::process_file`",
                      "called per iteration of `for path in std::env::args().skip(1)` from `main` (crates/worker/src/main.rs:7)",
                      "entry: `fn main` (crates/worker/src/main.rs:3)"
                    ]
                  },
                  "edit": {
                    "summary": "reuse one `Vec` for `fields`: `clear()` and `extend()` it each iteration",
                    "hunks": [
                      {
                        "file": "crates/worker/src/lib.rs",
                        "start": 985,
                        "end": 985,
                        "line": 37,
                        "original": "",
                        "replacement": "let mut fields: Vec<String> = Vec::new();\n        "
                      },
                      {
                        "file": "crates/worker/src/lib.rs",
                        "start": 1056,
                        "end": 1131,
                        "line": 39,
                        "original": "let fields: Vec<String> = line.split(',').map(|s| s.to_string()).collect();",
                        "replacement": "fields.clear();\n            fields.extend(line.split(',').map(|s| s.to_string()));"
                      }
                    ]
                  }
                },
                "state": "new",
                "validation": {
                  "finding_id": "F-010",
                  "fingerprint": "a9b9446294809400",
                  "verdict": "APPROVED",
                  "lifetime": {
                    "status": "PASS",
                    "evidence": "`line.split(',').map(|s|s.to_string()).collect()` at line 39 stays within one iteration of the `for` loop at line 37: `fields` is only read or borrowed after it is made, and dropped at the end of its scope; one reused buffer in its place lives long enough"
                  },
                  "thread_safety": {
                    "status": "N/A",
                    "evidence": "`fn process_file` neither spawns nor runs in a task: the change is single-threaded"
                  },
                  "no_undefined_behavior": {
                    "status": "PASS",
                    "evidence": "the proposal is safe Rust: no `unsafe`, `transmute` or raw parts"
                  },
                  "estimate_plausible": {
                    "answer": "YES",
                    "evidence": "1 allocation(s) per iteration of `for line in reader.lines()` against 2 allocating expression(s) at lines 39-39, each run once per iteration"
                  },
                  "hot_path": {
                    "answer": "YES",
                    "evidence": "per iteration of the `for` loop at line 37 in `fn process_file`; called per item: runs per element of `line.split(',').map(..)` in `Worker::process_file` ← called per iteration of `for path in std::env::args().skip(1)` from `main` (crates/worker/src/main.rs:7) ← entry: `fn main` (crates/worker/src/main.rs:3)"
                  },
                  "complexity_justified": {
                    "answer": "YES",
                    "evidence": "impact High against effort Low (proposal of 3 line(s), 0 prerequisite(s))"
                  },
                  "issues": [],
                  "conditions": [
                    "Gain: one allocation of `line.split(',').map(|s|s.to_string()).collect()` per iteration of the `for` loop at line 37, after the first iterations (the buffer keeps its capacity)",
                    "the buffer is created once above the `for` loop at line 37 and `clear()`ed at the start of each iteration",
                    "the buffer is not stored, sent or returned from the loop body",
                    "the crate's tests pass and a heap profile (DHAT) of a representative input shows fewer allocations"
                  ],
                  "counterexample": null,
                  "engine": "builtin"
                },
                "decision": {
                  "finding_id": "F-010",
                  "fingerprint": "a9b9446294809400",
                  "kind": "implement",
                  "note": "Small change; do it this sprint.",
                  "round": 1,
                  "decided_at": "2025-03-10T10:10:00.000Z"
                }
              },
              {
                "finding": {
                  "id": "F-011",
                  "fingerprint": "8c5a9dd8bdeed441",
                  "category": "ALLOCATION_LOOP",
                  "file": "crates/worker/src/lib.rs",
                  "line_start": 40,
                  "line_end": 40,
                  "crate": "ingest-worker",
                  "priority": "P0",
                  "item_path": "Worker::process_file",
                  "confidence": "HIGH",
                  "safety": "SAFE",
                  "code": "            let key = format!(\"{}:{}\", path, fields.len());",
                  "issue": "`format!()` allocates on every iteration of `for line in reader.lines()`.",
                  "proposal": "use std::fmt::Write;\nlet mut buf = String::new(); // once, before the loop\n// in the loop body:\nbuf.clear();\nwrite!(buf, \"{}:{}\", path, fields.len()).unwrap(); // writing to a String cannot fail\n// use `&buf` where the formatted value was used",
                  "impact": {
                    "allocations_avoided": 1,
                    "bytes_saved": null,
                    "unit": "iteration of `for line in reader.lines()`",
                    "applies_to": "every call of `Worker::process_file`",
                    "level": "High"
                  },
                  "tradeoffs": {
                    "pros": [
                      "Fewer allocator calls on a path that runs once per element."
                    ],
                    "cons": [
                      "A reused buffer must be cleared at the top of each iteration."
                    ]
                  },
                  "prerequisites": [],
                  "source": "builtin",
                  "reach": {
                    "heat": "hot",
                    "loop_depth": 2,
                    "reasons": [
                      "runs per iteration of `for line in reader.lines()` in `Worker::process_file`",
                      "called per iteration of `for path in std::env::args().skip(1)` from `main` (crates/worker/src/main.rs:7)",
                      "entry: `fn main` (crates/worker/src/main.rs:3)"
                    ]
                  }
                },
                "state": "new",
                "validation": {
                  "finding_id": "F-011",
                  "fingerprint": "8c5a9dd8bdeed441",
                  "verdict": "APPROVED",
                  "lifetime": {
                    "status": "PASS",
                    "evidence": "`format!(..)` at line 40 stays within one iteration of the `for` loop at line 37: `key` is only read or borrowed after it is made, and dropped at the end of its scope; one reused buffer in its place lives long enough"
                  },
                  "thread_safety": {
                    "status": "N/A",
                    "evidence": "`fn process_file` neither spawns nor runs in a task: the change is single-threaded"
                  },
                  "no_undefined_behavior": {
                    "status": "PASS",
                    "evidence": "the proposal is safe Rust: no `unsafe`, `transmute` or raw parts"
                  },
                  "estimate_plausible": {
                    "answer": "YES",
                    "evidence": "1 allocation(s) per iteration of `for line in reader.lines()` against 1 allocating expression(s) at lines 40-40, each run once per iteration"
                  },
                  "hot_path": {
                    "answer": "YES",
                    "evidence": "per iteration of the `for` loop at line 37 in `fn process_file`; called per item: runs per iteration of `for line in reader.lines()` in `Worker::process_file` ← called per iteration of `for path in std::env::args().skip(1)` from `main` (crates/worker/src/main.rs:7) ← entry: `fn main` (crates/worker/src/main.rs:3)"
                  },
                  "complexity_justified": {
                    "answer": "YES",
                    "evidence": "impact High against effort Low (proposal of 4 line(s), 0 prerequisite(s))"
                  },
                  "issues": [],
                  "conditions": [
                    "Gain: one allocation of `format!(..)` per iteration of the `for` loop at line 37, after the first iterations (the buffer keeps its capacity)",
                    "the buffer is created once above the `for` loop at line 37 and `clear()`ed at the start of each iteration",
                    "the buffer is not stored, sent or returned from the loop body",
                    "the crate's tests pass and a heap profile (DHAT) of a representative input shows fewer allocations"
                  ],
                  "counterexample": null,
                  "engine": "builtin"
                },
                "decision": {
                  "finding_id": "F-011",
                  "fingerprint": "8c5a9dd8bdeed441",
                  "kind": "implement",
                  "note": "Small change; do it this sprint.",
                  "round": 1,
                  "decided_at": "2025-03-10T10:11:00.000Z"
                }
              },
              {
                "finding": {
                  "id": "F-012",
                  "fingerprint": "10d5c2c3bc4b7a26",
                  "category": "UNNECESSARY_CLONE",
                  "file": "crates/worker/src/pipeline.rs",
                  "line_start": 26,
                  "line_end": 26,
                  "crate": "ingest-worker",
                  "priority": "P0",
                  "item_path": "pipeline::Pipeline::label_rows",
                  "confidence": "HIGH",
                  "safety": "SAFE",
                  "code": "                let l = label.clone();",
                  "issue": "`l` is a copy of `label` that is only read afterwards; a borrow gives the same reads without allocating.",
                  "proposal": "let l = &label;",
                  "impact": {
                    "allocations_avoided": 1,
                    "bytes_saved": null,
                    "unit": "iteration of `for row in rows`",
                    "applies_to": "iteration of `for row in rows`, nested 2 loops deep (inside iteration of `for (name,rows) in &self.sinks`) in `pipeline::Pipeline::label_rows`",
                    "level": "High"
                  },
                  "tradeoffs": {
                    "pros": [
                      "Removes an allocation and a copy per execution."
                    ],
                    "cons": [
                      "The borrow ties `l` to the source's lifetime; mutating the source while it lives will not compile."
                    ]
                  },
                  "prerequisites": [],
                  "source": "builtin",
                  "reach": {
                    "heat": "hot",
                    "loop_depth": 2,
                    "reasons": [
                      "runs per iteration of `for row in rows` in `Pipeline::label_rows`",
                      "called once per call from `Pipeline::drain` (crates/worker/src/pipeline.rs:34)",
                      "called once per call from `Worker::finish` (crates/worker/src/lib.rs:56)",
                      "called once per call from `main` (crates/worker/src/main.rs:11)",
                      "entry: `fn main` (crates/worker/src/main.rs:3)"
                    ]
                  },
                  "edit": {
                    "summary": "borrow `label` instead of `.clone()`",
                    "hunks": [
                      {
                        "file": "crates/worker/src/pipeline.rs",
                        "start": 761,
                        "end": 774,
                        "line": 26,
                        "original": "label.clone()",
                        "replacement": "&label"
                      }
                    ]
                  }
                },
                "state": "new",
                "validation": {
                  "finding_id": "F-012",
                  "fingerprint": "10d5c2c3bc4b7a26",
                  "verdict": "REJECTED",
                  "lifetime": {
                    "status": "PASS",
                    "evidence": "`label` is neither mutated nor moved after line 26 in `fn label_rows`, so a borrow can stand in for the clone"
                  },
                  "thread_safety": {
                    "status": "N/A",
                    "evidence": "`fn label_rows` neither spawns nor runs in a task: the change is single-threaded"
                  },
                  "no_undefined_behavior": {
                    "status": "PASS",
                    "evidence": "the proposal is safe Rust: no `unsafe`, `transmute` or raw parts"
                  },
                  "estimate_plausible": {
                    "answer": "NO",
                    "evidence": "the claimed saving cannot be realised: the code is needed as written"
                  },
                  "hot_path": {
                    "answer": "NO",
                    "evidence": "per iteration of the `for` loop at line 25 in `fn label_rows`; once per process: runs per iteration of `for row in rows` in `Pipeline::label_rows` ← called once per call from `Pipeline::drain` (crates/worker/src/pipeline.rs:34) ← called once per call from `Worker::finish` (crates/worker/src/lib.rs:56) ← called once per call from `main` (crates/worker/src/main.rs:11) ← entry: `fn main` (crates/worker/src/main.rs:3)"
                  },
                  "complexity_justified": {
                    "answer": "YES",
                    "evidence": "impact High against effort Low (proposal of 1 line(s), 0 prerequisite(s))"
                  },
                  "issues": [
                    {
                      "id": "F-012-I1",
                      "description": "The `for` loop at line 25 runs once per process: runs per iteration of `for row in rows` in `Pipeline::label_rows` ← called once per call from `Pipeline::drain` (crates/worker/src/pipeline.rs:34) ← called once per call from `Worker::finish` (crates/worker/src/lib.rs:56) ← called once per call from `main` (crates/worker/src/main.rs:11) ← entry: `fn main` (crates/worker/src/main.rs:3). [rule: once-per-process]",
                      "risk": "The saving is one allocation per element of a collection walked once per run, not per item of the program's data.",
                      "suggestion": "Leave it; look at the code that runs per item."
                    }
                  ],
                  "conditions": [],
                  "counterexample": "`label.clone()` at line 26 repeats only over the `for` loop at line 25, and that loop runs once per process (runs per iteration of `for row in rows` in `Pipeline::label_rows` ← called once per call from `Pipeline::drain` (crates/worker/src/pipeline.rs:34) ← called once per call from `Worker::finish` (crates/worker/src/lib.rs:56) ← called once per call from `main` (crates/worker/src/main.rs:11) ← entry: `fn main` (crates/worker/src/main.rs:3)): over a run it allocates as many times as the collection has elements, which no user of the program notices.",
                  "engine": "builtin"
                },
                "decision": null
              },
              {
                "finding": {
                  "id": "F-013",
                  "fingerprint": "9843d97f1fba2581",
                  "category": "HEAP_AVOIDABLE",
                  "file": "crates/worker/src/pipeline.rs",
                  "line_start": 33,
                  "line_end": 33,
                  "crate": "ingest-worker",
                  "priority": "P0",
                  "item_path": "pipeline::Pipeline::drain",
                  "confidence": "HIGH",
                  "safety": "SAFE",
                  "code": "        let label = String::from(\"final\");",
                  "issue": "`label` copies a string literal to the heap but is never changed or handed over; the literal itself is a `&'static str`.",
                  "proposal": "let label: &str = \"final\";",
                  "impact": {
                    "allocations_avoided": 1,
                    "bytes_saved": 5,
                    "unit": "call of `pipeline::Pipeline::drain`",
                    "applies_to": "every call of `pipeline::Pipeline::drain`",
                    "level": "Low"
                  },
                  "tradeoffs": {
                    "pros": [
                      "No allocation, no copy."
                    ],
                    "cons": [
                      "Callers that need a `String` must convert at the point of use."
                    ]
                  },
                  "prerequisites": [],
                  "source": "builtin",
                  "reach": {
                    "heat": "cold",
                    "cold": "setup",
                    "loop_depth": 0,
                    "reasons": [
                      "runs once per process, outside any loop of `Pipeline::drain`",
                      "called once per call from `Worker::finish` (crates/worker/src/lib.rs:56)",
                      "called once per call from `main` (crates/worker/src/main.rs:11)",
                      "entry: `fn main` (crates/worker/src/main.rs:3)"
                    ]
                  },
                  "edit": {
                    "summary": "keep the literal a `&'static str`",
                    "hunks": [
                      {
                        "file": "crates/worker/src/pipeline.rs",
                        "start": 928,
                        "end": 949,
                        "line": 33,
                        "original": "String::from(\"final\")",
                        "replacement": "\"final\""
                      }
                    ]
                  }
                },
                "state": "new",
                "validation": {
                  "finding_id": "F-013",
                  "fingerprint": "9843d97f1fba2581",
                  "verdict": "REJECTED",
                  "lifetime": {
                    "status": "N/A",
                    "evidence": "not assessed: the finding is rejected by rule `cold-reach`"
                  },
                  "thread_safety": {
                    "status": "N/A",
                    "evidence": "not assessed: `fn drain` needs no change"
                  },
                  "no_undefined_behavior": {
                    "status": "N/A",
                    "evidence": "nothing to change: the code stays as it is"
                  },
                  "estimate_plausible": {
                    "answer": "NO",
                    "evidence": "the claimed saving cannot be realised: the code is needed as written"
                  },
                  "hot_path": {
                    "answer": "NO",
                    "evidence": "one-time setup: runs once per process, outside any loop of `Pipeline::drain` ← called once per call from `Worker::finish` (crates/worker/src/lib.rs:56) ← called once per call from `main` (crates/worker/src/main.rs:11) ← entry: `fn main` (crates/worker/src/main.rs:3)"
                  },
                  "complexity_justified": {
                    "answer": "NO",
                    "evidence": "no saving to pay for the change"
                  },
                  "issues": [
                    {
                      "id": "F-013-I1",
                      "description": "The code runs in one-time setup: runs once per process, outside any loop of `Pipeline::drain` ← called once per call from `Worker::finish` (crates/worker/src/lib.rs:56) ← called once per call from `main` (crates/worker/src/main.rs:11) ← entry: `fn main` (crates/worker/src/main.rs:3). [rule: cold-reach]",
                      "risk": "An optimisation there saves nothing the user of the program feels.",
                      "suggestion": "Keep it as it is; look at the hot paths instead."
                    }
                  ],
                  "conditions": [],
                  "counterexample": "runs once per process, outside any loop of `Pipeline::drain` ← called once per call from `Worker::finish` (crates/worker/src/lib.rs:56) ← called once per call from `main` (crates/worker/src/main.rs:11) ← entry: `fn main` (crates/worker/src/main.rs:3): the allocation at line 33 runs once per process, not per item of the program's data.",
                  "engine": "builtin"
                },
                "decision": {
                  "finding_id": "F-013",
                  "fingerprint": "9843d97f1fba2581",
                  "kind": "reject_false_positive",
                  "note": "The Validator is right.",
                  "round": 1,
                  "decided_at": "2025-03-10T10:13:00.000Z"
                }
              },
              {
                "finding": {
                  "id": "F-014",
                  "fingerprint": "e6714918d747993c",
                  "category": "ARENA_CANDIDATE",
                  "file": "crates/worker/src/pipeline.rs",
                  "line_start": 35,
                  "line_end": 35,
                  "crate": "ingest-worker",
                  "priority": "P0",
                  "item_path": "pipeline::Pipeline::drain",
                  "confidence": "MEDIUM",
                  "safety": "NEEDS_REVIEW",
                  "code": "        self.sinks.clear();",
                  "issue": "`self.sinks.clear()` drops every `Vec<Vec<String>>` it holds together with the buffers each owns; refilling `sinks` allocates them all again (through every doubling) on the next cycle.",
                  "proposal": "// Keep the entries and clear what each holds:\n// walk `self.sinks.values_mut()` and clear the buffers of every value\n// (drop only the entries that are gone, e.g. with `retain`)",
                  "impact": {
                    "allocations_avoided": null,
                    "bytes_saved": null,
                    "unit": "call of `pipeline::Pipeline::drain`",
                    "applies_to": "every buffer held by a `Vec<Vec<String>>` in `self.sinks`",
                    "level": "Medium"
                  },
                  "tradeoffs": {
                    "pros": [
                      "The inner buffers are allocated once and reused by every cycle."
                    ],
                    "cons": [
                      "Kept buffers stay allocated between cycles (the peak of one cycle).",
                      "Kept frames or entries must be cleared before reuse, or stale data leaks into the next cycle."
                    ]
                  },
                  "prerequisites": [],
                  "source": "builtin",
                  "reach": {
                    "heat": "cold",
                    "cold": "setup",
                    "loop_depth": 0,
                    "reasons": [
                      "runs once per process, outside any loop of `Pipeline::drain`",
                      "called once per call from `Worker::finish` (crates/worker/src/lib.rs:56)",
                      "called once per call from `main` (crates/worker/src/main.rs:11)",
                      "entry: `fn main` (crates/worker/src/main.rs:3)"
                    ]
                  }
                },
                "state": "new",
                "validation": {
                  "finding_id": "F-014",
                  "fingerprint": "e6714918d747993c",
                  "verdict": "REJECTED",
                  "lifetime": {
                    "status": "UNCLEAR",
                    "evidence": "the code the finding describes was not located"
                  },
                  "thread_safety": {
                    "status": "UNCLEAR",
                    "evidence": "the code was not located"
                  },
                  "no_undefined_behavior": {
                    "status": "PASS",
                    "evidence": "the proposal is safe Rust: no `unsafe`, `transmute` or raw parts"
                  },
                  "estimate_plausible": {
                    "answer": "MAYBE",
                    "evidence": "no concrete change, so no saving to check"
                  },
                  "hot_path": {
                    "answer": "MAYBE",
                    "evidence": "the code was not located"
                  },
                  "complexity_justified": {
                    "answer": "YES",
                    "evidence": "impact Medium against effort Low (proposal of 0 line(s), 0 prerequisite(s))"
                  },
                  "issues": [
                    {
                      "id": "F-014-I1",
                      "description": "The proposal is a sketch, not a change to this code: the proposal has no code, only advice: \"Keep the entries and clear what each holds:\". The finding is kept as a LOW note. [rule: sketch-proposal]",
                      "risk": "A reader cannot apply or check a category of fixes; approving it would approve nothing concrete.",
                      "suggestion": "Write the change for this code (its names, its types), then validate again."
                    }
                  ],
                  "conditions": [],
                  "counterexample": "the proposal has no code, only advice: \"Keep the entries and clear what each holds:\": there is no code to compile or to review against lines 35-35, so there is nothing to approve; the observation stays as a note.",
                  "engine": "builtin"
                },
                "decision": {
                  "finding_id": "F-014",
                  "fingerprint": "e6714918d747993c",
                  "kind": "reject_false_positive",
                  "note": "The Validator is right.",
                  "round": 1,
                  "decided_at": "2025-03-10T10:14:00.000Z"
                }
              },
              {
                "finding": {
                  "id": "F-015",
                  "fingerprint": "2f8effc2e3da5786",
                  "category": "LIFETIME_EXTENSION",
                  "file": "crates/scan/src/watch.rs",
                  "line_start": 7,
                  "line_end": 7,
                  "crate": "ingest-scan",
                  "priority": "P1",
                  "item_path": "watch::Watcher",
                  "confidence": "MEDIUM",
                  "safety": "NEEDS_REVIEW",
                  "code": "    seen: HashMap<String, SystemTime>,",
                  "issue": "`seen` (field of `Watcher`) is used as a cache but entries are only ever inserted: nothing in this file removes, clears or bounds it, so it grows for as long as its owner lives.",
                  "proposal": "// Bound the cache: evict on insert once a limit is reached, e.g.\nif cache.len() >= MAX_ENTRIES {\n    cache.clear(); // or an LRU (`lru` crate) / `retain` by age\n}\ncache.insert(key, value);",
                  "impact": {
                    "allocations_avoided": null,
                    "bytes_saved": null,
                    "unit": "distinct key seen",
                    "applies_to": "memory held by `seen` over the process lifetime",
                    "level": "High"
                  },
                  "tradeoffs": {
                    "pros": [
                      "Memory stays bounded on long runs and large inputs."
                    ],
                    "cons": [
                      "Evicted entries are recomputed; a limit must be chosen."
                    ]
                  },
                  "prerequisites": [
                    "Check other files of the crate for eviction before changing it."
                  ],
                  "source": "builtin",
                  "reach": {
                    "heat": "warm",
                    "loop_depth": 0,
                    "reasons": [
                      "a type declaration: paid wherever its values are built or stored"
                    ],
                    "growth": {
                      "sites": [
                        "`Watcher::poll` (crates/scan/src/watch.rs:30): entry: public API `Watcher::poll` of library `ingest_scan`: called per call of its user"
                      ],
                      "unbounded": "`Watcher::poll` (crates/scan/src/watch.rs:30): entry: public API `Watcher::poll` of library `ingest_scan`: called per call of its user"
                    }
                  }
                },
                "state": "new",
                "validation": {
                  "finding_id": "F-015",
                  "fingerprint": "2f8effc2e3da5786",
                  "verdict": "NEEDS_WORK",
                  "lifetime": {
                    "status": "UNCLEAR",
                    "evidence": "the code the finding describes was not located"
                  },
                  "thread_safety": {
                    "status": "UNCLEAR",
                    "evidence": "the code was not located"
                  },
                  "no_undefined_behavior": {
                    "status": "PASS",
                    "evidence": "the proposal is safe Rust: no `unsafe`, `transmute` or raw parts"
                  },
                  "estimate_plausible": {
                    "answer": "NEEDS_MEASUREMENT",
                    "evidence": "the finding gives no allocation or byte count"
                  },
                  "hot_path": {
                    "answer": "MAYBE",
                    "evidence": "the code was not located"
                  },
                  "complexity_justified": {
                    "answer": "YES",
                    "evidence": "impact High against effort Medium (proposal of 4 line(s), 1 prerequisite(s))"
                  },
                  "issues": [
                    {
                      "id": "F-015-I1",
                      "description": "`seen` grows in `Watcher::poll` (crates/scan/src/watch.rs:30): entry: public API `Watcher::poll` of library `ingest_scan`: called per call of its user, and nothing in this file drains, clears or bounds it. Does each pass add a new entry for as long as the program runs, or does it refill the same keys (an intern table, a memo of a finite input)? [rule: field-growth]",
                      "risk": "A collection filled from a finite input is the program's data, not a leak; only growth per event of an unbounded loop keeps memory for nothing.",
                      "suggestion": "Show that `seen` takes new entries without end (a server, a watcher, a UI tick), or that its keys repeat."
                    }
                  ],
                  "conditions": [
                    "Show that `seen` takes new entries without end (a server, a watcher, a UI tick), or that its keys repeat."
                  ],
                  "counterexample": null,
                  "engine": "builtin"
                },
                "decision": {
                  "finding_id": "F-015",
                  "fingerprint": "2f8effc2e3da5786",
                  "kind": "defer",
                  "note": "Measure with a heap profile first.",
                  "defer_until_round": 3,
                  "round": 1,
                  "decided_at": "2025-03-10T10:15:00.000Z"
                }
              },
              {
                "finding": {
                  "id": "F-016",
                  "fingerprint": "946356c19bcd4279",
                  "category": "ALLOCATION_LOOP",
                  "file": "crates/schema/src/validate.rs",
                  "line_start": 14,
                  "line_end": 14,
                  "crate": "ingest-schema",
                  "priority": "P2",
                  "item_path": "validate::Validator::check_rows",
                  "confidence": "HIGH",
                  "safety": "SAFE",
                  "code": "            let ctx = format!(\"row {i}\");",
                  "issue": "`format!()` allocates on every iteration of `for (i,row) in rows.iter().enumerate()`.",
                  "proposal": "use std::fmt::Write;\nlet mut buf = String::new(); // once, before the loop\n// in the loop body:\nbuf.clear();\nwrite!(buf, \"row {i}\").unwrap(); // writing to a String cannot fail\n// use `&buf` where the formatted value was used",
                  "impact": {
                    "allocations_avoided": 1,
                    "bytes_saved": null,
                    "unit": "iteration of `for (i,row) in rows.iter().enumerate()`",
                    "applies_to": "every call of `validate::Validator::check_rows`",
                    "level": "High"
                  },
                  "tradeoffs": {
                    "pros": [
                      "Fewer allocator calls on a path that runs once per element."
                    ],
                    "cons": [
                      "A reused buffer must be cleared at the top of each iteration."
                    ]
                  },
                  "prerequisites": [],
                  "source": "builtin",
                  "reach": {
                    "heat": "hot",
                    "loop_depth": 1,
                    "reasons": [
                      "runs per iteration of `for (i,row) in rows.iter().enumerate()` in `Validator::check_rows`",
                      "entry: public API `Validator::check_rows` of library `ingest_schema`: called per call of its user"
                    ]
                  },
                  "edit": {
                    "summary": "`write!` into one reused `String` (`ctx_buf`) instead of `format!`",
                    "hunks": [
                      {
                        "file": "crates/schema/src/validate.rs",
                        "start": 303,
                        "end": 303,
                        "line": 13,
                        "original": "",
                        "replacement": "use std::fmt::Write as _;\n        let mut ctx_buf = String::new();\n        "
                      },
                      {
                        "file": "crates/schema/src/validate.rs",
                        "start": 357,
                        "end": 386,
                        "line": 14,
                        "original": "let ctx = format!(\"row {i}\");",
                        "replacement": "ctx_buf.clear();\n            write!(ctx_buf, \"row {i}\").unwrap();\n            let ctx = ctx_buf.as_str();"
                      }
                    ]
                  }
                },
                "state": "new",
                "validation": {
                  "finding_id": "F-016",
                  "fingerprint": "946356c19bcd4279",
                  "verdict": "APPROVED",
                  "lifetime": {
                    "status": "PASS",
                    "evidence": "`format!(..)` at line 14 stays within one iteration of the `for` loop at line 13: `ctx` is only read or borrowed after it is made, and dropped at the end of its scope; one reused buffer in its place lives long enough"
                  },
                  "thread_safety": {
                    "status": "N/A",
                    "evidence": "`fn check_rows` neither spawns nor runs in a task: the change is single-threaded"
                  },
                  "no_undefined_behavior": {
                    "status": "PASS",
                    "evidence": "the proposal is safe Rust: no `unsafe`, `transmute` or raw parts"
                  },
                  "estimate_plausible": {
                    "answer": "YES",
                    "evidence": "1 allocation(s) per iteration of `for (i,row) in rows.iter().enumerate()` against 1 allocating expression(s) at lines 14-14, each run once per iteration"
                  },
                  "hot_path": {
                    "answer": "YES",
                    "evidence": "per iteration of the `for` loop at line 13 in `fn check_rows`; once per call of an entry point: runs per iteration of `for (i,row) in rows.iter().enumerate()` in `Validator::check_rows` ← entry: public API `Validator::check_rows` of library `ingest_schema`: called per call of its user"
                  },
                  "complexity_justified": {
                    "answer": "YES",
                    "evidence": "impact High against effort Low (proposal of 4 line(s), 0 prerequisite(s))"
                  },
                  "issues": [],
                  "conditions": [
                    "Gain: one allocation of `format!(..)` per iteration of the `for` loop at line 13, after the first iterations (the buffer keeps its capacity)",
                    "the buffer is created once above the `for` loop at line 13 and `clear()`ed at the start of each iteration",
                    "the buffer is not stored, sent or returned from the loop body",
                    "the crate's tests pass and a heap profile (DHAT) of a representative input shows fewer allocations"
                  ],
                  "counterexample": null,
                  "engine": "builtin"
                },
                "decision": null
              },
              {
                "finding": {
                  "id": "F-017",
                  "fingerprint": "9cbd177bca9017a0",
                  "category": "ALLOCATION_LOOP",
                  "file": "crates/schema/src/validate.rs",
                  "line_start": 28,
                  "line_end": 28,
                  "crate": "ingest-schema",
                  "priority": "P2",
                  "item_path": "validate::Validator::empty_fields",
                  "confidence": "MEDIUM",
                  "safety": "NEEDS_REVIEW",
                  "code": "                names.push(name.to_owned());",
                  "issue": "`.to_owned()` allocates on each iteration of `for (name,value) in self.schema.names.iter().zip(row)` that takes this path (the branch at line 27), not on every iteration.",
                  "proposal": "// The owned value is stored: consider interning repeated strings, a `Cow<'_, str>`\n// that borrows from the input, or one arena per batch.",
                  "impact": {
                    "allocations_avoided": 1,
                    "bytes_saved": null,
                    "unit": "iteration of `for (name,value) in self.schema.names.iter().zip(row)`",
                    "applies_to": "every call of `validate::Validator::empty_fields`",
                    "level": "High"
                  },
                  "tradeoffs": {
                    "pros": [
                      "Fewer allocator calls on a path that runs once per element."
                    ],
                    "cons": [
                      "The value is stored, so removing the allocation changes the stored type (borrow, `Cow`, interning or an arena)."
                    ]
                  },
                  "prerequisites": [],
                  "source": "builtin",
                  "reach": {
                    "heat": "hot",
                    "loop_depth": 1,
                    "reasons": [
                      "runs per iteration of `for (name,value) in self.schema.names.iter().zip(row)` in `Validator::empty_fields`",
                      "entry: public API `Validator::empty_fields` of library `ingest_schema`: called per call of its user"
                    ]
                  }
                },
                "state": "new",
                "validation": {
                  "finding_id": "F-017",
                  "fingerprint": "9cbd177bca9017a0",
                  "verdict": "REJECTED",
                  "lifetime": {
                    "status": "UNCLEAR",
                    "evidence": "`name.to_owned()` at line 28 outlives its expression: it is passed to `.push(..)` at line 28, which keeps it"
                  },
                  "thread_safety": {
                    "status": "N/A",
                    "evidence": "`fn empty_fields` neither spawns nor runs in a task: the change is single-threaded"
                  },
                  "no_undefined_behavior": {
                    "status": "PASS",
                    "evidence": "the proposal is safe Rust: no `unsafe`, `transmute` or raw parts"
                  },
                  "estimate_plausible": {
                    "answer": "MAYBE",
                    "evidence": "no concrete change, so no saving to check"
                  },
                  "hot_path": {
                    "answer": "YES",
                    "evidence": "per iteration of the `for` loop at line 26 in `fn empty_fields`; once per call of an entry point: runs per iteration of `for (name,value) in self.schema.names.iter().zip(row)` in `Validator::empty_fields` ← entry: public API `Validator::empty_fields` of library `ingest_schema`: called per call of its user"
                  },
                  "complexity_justified": {
                    "answer": "YES",
                    "evidence": "impact High against effort Low (proposal of 0 line(s), 0 prerequisite(s))"
                  },
                  "issues": [
                    {
                      "id": "F-017-I1",
                      "description": "The proposal is a sketch, not a change to this code: the proposal has no code, only advice: \"The owned value is stored: consider interning repeated strings, a `Cow<'_, str>`\". The finding is kept as a LOW note. [rule: sketch-proposal]",
                      "risk": "A reader cannot apply or check a category of fixes; approving it would approve nothing concrete.",
                      "suggestion": "Write the change for this code (its names, its types), then validate again."
                    }
                  ],
                  "conditions": [],
                  "counterexample": "the proposal has no code, only advice: \"The owned value is stored: consider interning repeated strings, a `Cow<'_, str>`\": there is no code to compile or to review against lines 28-28, so there is nothing to approve; the observation stays as a note.",
                  "engine": "builtin"
                },
                "decision": {
                  "finding_id": "F-017",
                  "fingerprint": "9cbd177bca9017a0",
                  "kind": "reject_false_positive",
                  "note": "The Validator is right.",
                  "round": 1,
                  "decided_at": "2025-03-10T10:17:00.000Z"
                }
              },
              {
                "finding": {
                  "id": "F-018",
                  "fingerprint": "546c87452fe37e87",
                  "category": "ALLOCATION_LOOP",
                  "file": "crates/schema/src/validate.rs",
                  "line_start": 46,
                  "line_end": 46,
                  "crate": "ingest-schema",
                  "priority": "P2",
                  "item_path": "validate::tests::counts_rows",
                  "confidence": "MEDIUM",
                  "safety": "NEEDS_REVIEW",
                  "code": "        let rows: Vec<Vec<String>> = (0..3).map(|i| vec![i.to_string()]).collect();",
                  "issue": "`.to_string()` allocates on every element of `0..3.map(..)`.",
                  "proposal": "// The owned value is stored: consider interning repeated strings, a `Cow<'_, str>`\n// that borrows from the input, or one arena per batch.",
                  "impact": {
                    "allocations_avoided": 1,
                    "bytes_saved": null,
                    "unit": "element of `0..3.map(..)`",
                    "applies_to": "every call of `validate::tests::counts_rows`",
                    "level": "Medium"
                  },
                  "tradeoffs": {
                    "pros": [
                      "Fewer allocator calls on a path that runs once per element."
                    ],
                    "cons": [
                      "The value is stored, so removing the allocation changes the stored type (borrow, `Cow`, interning or an arena)."
                    ]
                  },
                  "prerequisites": [],
                  "source": "builtin",
                  "reach": {
                    "heat": "cold",
                    "cold": "test",
                    "loop_depth": 0,
                    "reasons": [
                      "`mod tests` is under `#[cfg(test)]`"
                    ]
                  }
                },
                "state": "new",
                "validation": {
                  "finding_id": "F-018",
                  "fingerprint": "546c87452fe37e87",
                  "verdict": "REJECTED",
                  "lifetime": {
                    "status": "N/A",
                    "evidence": "not assessed: the finding is rejected by rule `test-code`"
                  },
                  "thread_safety": {
                    "status": "N/A",
                    "evidence": "not assessed: `fn counts_rows` needs no change"
                  },
                  "no_undefined_behavior": {
                    "status": "N/A",
                    "evidence": "nothing to change: the code stays as it is"
                  },
                  "estimate_plausible": {
                    "answer": "NO",
                    "evidence": "the claimed saving cannot be realised: the code is needed as written"
                  },
                  "hot_path": {
                    "answer": "NO",
                    "evidence": "test code: `mod tests` is under `#[cfg(test)]`"
                  },
                  "complexity_justified": {
                    "answer": "NO",
                    "evidence": "no saving to pay for the change"
                  },
                  "issues": [
                    {
                      "id": "F-018-I1",
                      "description": "`(0..3).map(|i|__macro_vec(i.to_string())).collect()` is test code: `mod tests` is under `#[cfg(test)]`. [rule: test-code]",
                      "risk": "Optimising it changes nothing for users and makes tests harder to read.",
                      "suggestion": "Exclude test code from the audit (`tests/` and `#[cfg(test)]`)."
                    }
                  ],
                  "conditions": [],
                  "counterexample": "`mod tests` is under `#[cfg(test)]`: it runs only under `cargo test` or `cargo bench`, never in a release build, so the allocation at line 46 costs production nothing.",
                  "engine": "builtin"
                },
                "decision": {
                  "finding_id": "F-018",
                  "fingerprint": "546c87452fe37e87",
                  "kind": "reject_false_positive",
                  "note": "The Validator is right.",
                  "round": 1,
                  "decided_at": "2025-03-10T10:18:00.000Z"
                }
              },
              {
                "finding": {
                  "id": "F-019",
                  "fingerprint": "39956bb002c4f088",
                  "category": "UNNECESSARY_CLONE",
                  "file": "crates/schema/src/validate.rs",
                  "line_start": 47,
                  "line_end": 47,
                  "crate": "ingest-schema",
                  "priority": "P2",
                  "item_path": "validate::tests::counts_rows",
                  "confidence": "HIGH",
                  "safety": "SAFE",
                  "code": "        assert_eq!(v.check_rows(&rows.clone()), Ok(3));",
                  "issue": "`&rows.clone()` allocates a copy of `rows` only to lend it; the copy is dropped at the end of the statement.",
                  "proposal": "// Lend the original instead of a fresh copy:\n&rows",
                  "impact": {
                    "allocations_avoided": 1,
                    "bytes_saved": null,
                    "unit": "call of `validate::tests::counts_rows`",
                    "applies_to": "every call of `validate::tests::counts_rows`",
                    "level": "Low"
                  },
                  "tradeoffs": {
                    "pros": [
                      "One allocation and one copy fewer, no behaviour change."
                    ],
                    "cons": [
                      "None; if the borrow checker objects, the clone was breaking a borrow conflict and should stay."
                    ]
                  },
                  "prerequisites": [],
                  "source": "builtin",
                  "reach": {
                    "heat": "cold",
                    "cold": "test",
                    "loop_depth": 0,
                    "reasons": [
                      "`mod tests` is under `#[cfg(test)]`"
                    ]
                  },
                  "edit": {
                    "summary": "drop the `.clone()`",
                    "hunks": [
                      {
                        "file": "crates/schema/src/validate.rs",
                        "start": 1305,
                        "end": 1313,
                        "line": 47,
                        "original": ".clone()",
                        "replacement": ""
                      }
                    ]
                  }
                },
                "state": "new",
                "validation": {
                  "finding_id": "F-019",
                  "fingerprint": "39956bb002c4f088",
                  "verdict": "REJECTED",
                  "lifetime": {
                    "status": "N/A",
                    "evidence": "not assessed: the finding is rejected by rule `test-code`"
                  },
                  "thread_safety": {
                    "status": "N/A",
                    "evidence": "not assessed: `fn counts_rows` needs no change"
                  },
                  "no_undefined_behavior": {
                    "status": "N/A",
                    "evidence": "nothing to change: the code stays as it is"
                  },
                  "estimate_plausible": {
                    "answer": "NO",
                    "evidence": "the claimed saving cannot be realised: the code is needed as written"
                  },
                  "hot_path": {
                    "answer": "NO",
                    "evidence": "test code: `mod tests` is under `#[cfg(test)]`"
                  },
                  "complexity_justified": {
                    "answer": "NO",
                    "evidence": "no saving to pay for the change"
                  },
                  "issues": [
                    {
                      "id": "F-019-I1",
                      "description": "`rows.clone()` is test code: `mod tests` is under `#[cfg(test)]`. [rule: test-code]",
                      "risk": "Optimising it changes nothing for users and makes tests harder to read.",
                      "suggestion": "Exclude test code from the audit (`tests/` and `#[cfg(test)]`)."
                    }
                  ],
                  "conditions": [],
                  "counterexample": "`mod tests` is under `#[cfg(test)]`: it runs only under `cargo test` or `cargo bench`, never in a release build, so the allocation at line 47 costs production nothing.",
                  "engine": "builtin"
                },
                "decision": {
                  "finding_id": "F-019",
                  "fingerprint": "39956bb002c4f088",
                  "kind": "reject_false_positive",
                  "note": "The Validator is right.",
                  "round": 1,
                  "decided_at": "2025-03-10T10:19:00.000Z"
                }
              },
              {
                "finding": {
                  "id": "F-020",
                  "fingerprint": "63bf219bd2a29396",
                  "category": "ALLOCATION_LOOP",
                  "file": "crates/config/src/lib.rs",
                  "line_start": 14,
                  "line_end": 14,
                  "crate": "ingest-config",
                  "priority": "P3",
                  "item_path": "Config::load",
                  "confidence": "MEDIUM",
                  "safety": "NEEDS_REVIEW",
                  "code": "            columns.push(c.to_string());",
                  "issue": "`.to_string()` allocates on every iteration of `for c in text.split(',')`.",
                  "proposal": "// The owned value is stored: consider interning repeated strings, a `Cow<'_, str>`\n// that borrows from the input, or one arena per batch.",
                  "impact": {
                    "allocations_avoided": 1,
                    "bytes_saved": null,
                    "unit": "iteration of `for c in text.split(',')`",
                    "applies_to": "every call of `Config::load`",
                    "level": "Medium"
                  },
                  "tradeoffs": {
                    "pros": [
                      "Fewer allocator calls on a path that runs once per element."
                    ],
                    "cons": [
                      "The value is stored, so removing the allocation changes the stored type (borrow, `Cow`, interning or an arena)."
                    ]
                  },
                  "prerequisites": [],
                  "source": "builtin",
                  "reach": {
                    "heat": "hot",
                    "loop_depth": 1,
                    "reasons": [
                      "runs per iteration of `for c in text.split(',')` in `Config::load`",
                      "entry: public API `Config::load` of library `ingest_config`: it builds or configures, once per use of the library"
                    ]
                  }
                },
                "state": "new",
                "validation": {
                  "finding_id": "F-020",
                  "fingerprint": "63bf219bd2a29396",
                  "verdict": "REJECTED",
                  "lifetime": {
                    "status": "UNCLEAR",
                    "evidence": "`c.to_string()` at line 14 outlives its expression: it is passed to `.push(..)` at line 14, which keeps it"
                  },
                  "thread_safety": {
                    "status": "N/A",
                    "evidence": "`fn load` neither spawns nor runs in a task: the change is single-threaded"
                  },
                  "no_undefined_behavior": {
                    "status": "PASS",
                    "evidence": "the proposal is safe Rust: no `unsafe`, `transmute` or raw parts"
                  },
                  "estimate_plausible": {
                    "answer": "MAYBE",
                    "evidence": "no concrete change, so no saving to check"
                  },
                  "hot_path": {
                    "answer": "NO",
                    "evidence": "per iteration of the `for` loop at line 13 in `fn load`; once per process: runs per iteration of `for c in text.split(',')` in `Config::load` ← entry: public API `Config::load` of library `ingest_config`: it builds or configures, once per use of the library"
                  },
                  "complexity_justified": {
                    "answer": "YES",
                    "evidence": "impact Medium against effort Low (proposal of 0 line(s), 0 prerequisite(s))"
                  },
                  "issues": [
                    {
                      "id": "F-020-I1",
                      "description": "The proposal is a sketch, not a change to this code: the proposal has no code, only advice: \"The owned value is stored: consider interning repeated strings, a `Cow<'_, str>`\". The finding is kept as a LOW note. [rule: sketch-proposal]",
                      "risk": "A reader cannot apply or check a category of fixes; approving it would approve nothing concrete.",
                      "suggestion": "Write the change for this code (its names, its types), then validate again."
                    }
                  ],
                  "conditions": [],
                  "counterexample": "the proposal has no code, only advice: \"The owned value is stored: consider interning repeated strings, a `Cow<'_, str>`\": there is no code to compile or to review against lines 14-14, so there is nothing to approve; the observation stays as a note.",
                  "engine": "builtin"
                },
                "decision": null
              }
            ],
            "report": {
              "round": 1,
              "summary": {
                "total": 13,
                "approved": 6,
                "needs_work": 6,
                "rejected": 1,
                "new": 13,
                "estimated_bytes_saved": null,
                "estimated_allocations_avoided": 6,
                "estimated_allocation_reduction_pct": 100.0,
                "measured": null,
                "figures": [
                  {
                    "key": "memory_impact",
                    "label": "Memory impact",
                    "value": null,
                    "unit": "not estimated",
                    "kind": "unknown",
                    "basis": "No approved finding states a byte saving, and the session has no heap profile.",
                    "action": "Profile a workload (`memaudit profile`) to measure it."
                  },
                  {
                    "key": "allocation_reduction",
                    "label": "Allocation reduction",
                    "value": "~100%",
                    "unit": "of the allocations flagged in hot code",
                    "kind": "estimated",
                    "basis": "Not measured. Hot-path findings state 6 allocations per pass through their code; approved findings remove 6 of them. Only what the audit flagged is counted, not the program's allocations: this is not the share of its allocations a program would lose.",
                    "action": "Profile a workload (`memaudit profile`) to measure it."
                  },
                  {
                    "key": "allocations",
                    "label": "Allocations removed per pass",
                    "value": "~6",
                    "unit": "summed over 6 approved findings",
                    "kind": "estimated",
                    "basis": "Each approved finding states the allocations one pass through its code (one loop iteration or call) would no longer make; this sums them over 6 findings. Not a count over a run: how often each pass runs is unknown without a profile.",
                    "action": "Profile a workload (`memaudit profile`) to measure it."
                  }
                ],
                "cold": 4,
                "notes": 3
              },
              "quick_wins": [
                {
                  "finding_id": "F-002",
                  "location": "ingest-proto/codec.rs",
                  "category": "ALLOCATION_LOOP",
                  "impact": "High",
                  "effort": "Low",
                  "score": 9.0,
                  "measured": false,
                  "at": "crates/proto/src/codec.rs:24",
                  "summary": "`format!()` allocates on every iteration of `for (name,value) in names.iter().zip(row)`.",
                  "validation": "APPROVED (builtin): hot path YES — per iteration of the `for` loop at line 23 in `fn encode_row`; called per item: runs per iteration of `for (name,value) in names.iter().zip(row)` in…; lifetime PASS, thread safety N/A, no UB PASS",
                  "gain": "~1 allocation per iteration of `for (name,value) in names.iter().zip(row)` (estimate, not measured)",
                  "diff": "--- a/crates/proto/src/codec.rs\n+++ b/crates/proto/src/codec.rs\n@@ line 23 @@\n+use std::fmt::Write as _;\n+    let mut pair_buf = String::new();\n@@ line 24 @@\n-let pair = format!(\"{name}={value};\");\n+pair_buf.clear();\n+        write!(pair_buf, \"{name}={value};\").unwrap();\n+        let pair = pair_buf.as_str();\n",
                  "proposal": "use std::fmt::Write;\nlet mut buf = String::new(); // once, before the loop\n// in the loop body:\nbuf.clear();\nwrite!(buf, \"{name}={value};\").unwrap(); // writing to a String cannot fail\n// use `&buf` where the formatted value was used"
                },
                {
                  "finding_id": "F-003",
                  "location": "ingest-proto/codec.rs",
                  "category": "ALLOCATION_LOOP",
                  "impact": "High",
                  "effort": "Low",
                  "score": 9.0,
                  "measured": false,
                  "at": "crates/proto/src/codec.rs:33",
                  "summary": "`buf` (Vec::new()) is created, filled and dropped on every iteration; its heap buffer is allocated (and regrown) each time.",
                  "validation": "APPROVED (builtin): hot path YES — per iteration of the `for` loop at line 32 in `fn encode_all`; once per call of an entry point: runs per iteration of `for msg in messages` in `encode_all` ← en…; lifetime PASS, thread safety N/A, no UB PASS",
                  "gain": "~1 allocation per iteration of `for msg in messages` (estimate, not measured)",
                  "diff": "--- a/crates/proto/src/codec.rs\n+++ b/crates/proto/src/codec.rs\n@@ line 32 @@\n+let mut buf = Vec::new();\n@@ line 33 @@\n-let mut buf = Vec::new();\n+buf.clear();\n",
                  "proposal": "let mut buf = Vec::new(); // once, before the loop\n// in the loop body:\nbuf.clear(); // keeps the capacity"
                },
                {
                  "finding_id": "F-009",
                  "location": "ingest-worker/bridge.rs",
                  "category": "UNNECESSARY_CLONE",
                  "impact": "High",
                  "effort": "Low",
                  "score": 9.0,
                  "measured": false,
                  "at": "crates/worker/src/bridge.rs:24",
                  "summary": "`schema` is a copy of `self.schema` that is only read afterwards; a borrow gives the same reads without allocating.",
                  "validation": "APPROVED (builtin): hot path YES — per iteration of the `for` loop at line 23 in `fn flush`; called per item: runs per iteration of `for row in &batch.rows` in `Bridge::flush` ← called once per c…; lifetime PASS, thread safety N/A, no UB PASS",
                  "gain": "~1 allocation per iteration of `for row in &batch.rows` (estimate, not measured)",
                  "diff": "--- a/crates/worker/src/bridge.rs\n+++ b/crates/worker/src/bridge.rs\n@@ line 24 @@\n-self.schema.clone()\n+&self.schema\n",
                  "proposal": "let schema = &self.schema;"
                },
                {
                  "finding_id": "F-010",
                  "location": "ingest-worker/lib.rs",
                  "category": "ALLOCATION_LOOP",
                  "impact": "High",
                  "effort": "Low",
                  "score": 9.0,
                  "measured": false,
                  "at": "crates/worker/src/lib.rs:39",
                  "summary": "`.collect()` allocates on every iteration of `for line in reader.lines()`.",
                  "validation": "APPROVED (builtin): hot path YES — per iteration of the `for` loop at line 37 in `fn process_file`; called per item: runs per element of `line.split(',').map(..)` in `Worker::process_file` ← call…; lifetime PASS, thread safety N/A, no UB PASS",
                  "gain": "~1 allocation per iteration of `for line in reader.lines()` (estimate, not measured)",
                  "diff": "--- a/crates/worker/src/lib.rs\n+++ b/crates/worker/src/lib.rs\n@@ line 37 @@\n+let mut fields: Vec<String> = Vec::new();\n@@ line 39 @@\n-let fields: Vec<String> = line.split(',').map(|s| s.to_string()).collect();\n+fields.clear();\n+            fields.extend(line.split(',').map(|s| s.to_string()));\n",
                  "proposal": "let mut buf = Vec::new(); // once, before the loop\n// in the loop body:\nbuf.clear();\nbuf.extend(/* the same iterator */);"
                },
                {
                  "finding_id": "F-011",
                  "location": "ingest-worker/lib.rs",
                  "category": "ALLOCATION_LOOP",
                  "impact": "High",
                  "effort": "Low",
                  "score": 9.0,
                  "measured": false,
                  "at": "crates/worker/src/lib.rs:40",
                  "summary": "`format!()` allocates on every iteration of `for line in reader.lines()`.",
                  "validation": "APPROVED (builtin): hot path YES — per iteration of the `for` loop at line 37 in `fn process_file`; called per item: runs per iteration of `for line in reader.lines()` in `Worker::process_file` ←…; lifetime PASS, thread safety N/A, no UB PASS",
                  "gain": "~1 allocation per iteration of `for line in reader.lines()` (estimate, not measured)",
                  "diff": null,
                  "proposal": "use std::fmt::Write;\nlet mut buf = String::new(); // once, before the loop\n// in the loop body:\nbuf.clear();\nwrite!(buf, \"{}:{}\", path, fields.len()).unwrap(); // writing to a String cannot fail\n// use `&buf` where the formatted value was used"
                },
                {
                  "finding_id": "F-016",
                  "location": "ingest-schema/validate.rs",
                  "category": "ALLOCATION_LOOP",
                  "impact": "High",
                  "effort": "Low",
                  "score": 9.0,
                  "measured": false,
                  "at": "crates/schema/src/validate.rs:14",
                  "summary": "`format!()` allocates on every iteration of `for (i,row) in rows.iter().enumerate()`.",
                  "validation": "APPROVED (builtin): hot path YES — per iteration of the `for` loop at line 13 in `fn check_rows`; once per call of an entry point: runs per iteration of `for (i,row) in rows.iter().enumerate()` i…; lifetime PASS, thread safety N/A, no UB PASS",
                  "gain": "~1 allocation per iteration of `for (i,row) in rows.iter().enumerate()` (estimate, not measured)",
                  "diff": "--- a/crates/schema/src/validate.rs\n+++ b/crates/schema/src/validate.rs\n@@ line 13 @@\n+use std::fmt::Write as _;\n+        let mut ctx_buf = String::new();\n@@ line 14 @@\n-let ctx = format!(\"row {i}\");\n+ctx_buf.clear();\n+            write!(ctx_buf, \"row {i}\").unwrap();\n+            let ctx = ctx_buf.as_str();\n",
                  "proposal": "use std::fmt::Write;\nlet mut buf = String::new(); // once, before the loop\n// in the loop body:\nbuf.clear();\nwrite!(buf, \"row {i}\").unwrap(); // writing to a String cannot fail\n// use `&buf` where the formatted value was used"
                }
              ],
              "recommendations": [
                {
                  "pattern": "per-iteration `Vec` allocation",
                  "category": "ALLOCATION_LOOP",
                  "finding_ids": [
                    "F-003",
                    "F-006",
                    "F-007",
                    "F-008"
                  ],
                  "locations": [
                    "crates/proto/src/codec.rs:33",
                    "crates/worker/src/batch.rs:23",
                    "crates/worker/src/batch.rs:32",
                    "crates/worker/src/batch.rs:47"
                  ],
                  "unified_fix": "Hoist one `Vec` above the loop and `clear()` it per iteration (capacity is kept); share a `BufferPool` where the loop spans functions."
                },
                {
                  "pattern": "`format!` in a loop",
                  "category": "ALLOCATION_LOOP",
                  "finding_ids": [
                    "F-002",
                    "F-011",
                    "F-016"
                  ],
                  "locations": [
                    "crates/proto/src/codec.rs:24",
                    "crates/schema/src/validate.rs:14",
                    "crates/worker/src/lib.rs:40"
                  ],
                  "unified_fix": "Write into one reusable `String` with `write!` after `clear()`; where buffers cross functions, a small `BufferPool` hands them out and takes them back."
                }
              ],
              "by_crate": [
                {
                  "crate": "ingest-proto",
                  "priority": "P0",
                  "findings": [
                    {
                      "finding_id": "F-001",
                      "summary": "Variant `Data` is ~4096 bytes while the next largest is ~0: every `Message` value (in vectors, maps, channels) occupies the largest size.",
                      "verdict": "NEEDS_WORK",
                      "state": "new"
                    },
                    {
                      "finding_id": "F-002",
                      "summary": "`format!()` allocates on every iteration of `for (name,value) in names.iter().zip(row)`.",
                      "verdict": "APPROVED",
                      "state": "new"
                    },
                    {
                      "finding_id": "F-003",
                      "summary": "`buf` (Vec::new()) is created, filled and dropped on every iteration; its heap buffer is allocated (and regrown) each time.",
                      "verdict": "APPROVED",
                      "state": "new"
                    },
                    {
                      "finding_id": "F-004",
                      "summary": "`Box<[u8; 8]>` puts a fixed 8-byte array (8 elements) behind a heap allocation; it fits inline.",
                      "verdict": "NEEDS_WORK",
                      "state": "new"
                    }
                  ]
                },
                {
                  "crate": "ingest-schema",
                  "priority": "P0",
                  "findings": [
                    {
                      "finding_id": "F-005",
                      "summary": "`Type` is a recursive type whose nodes are each a separate heap allocation; a tree is typically built and dropped as a whole, which an arena does in one go.",
                      "verdict": "NEEDS_WORK",
                      "state": "new"
                    },
                    {
                      "finding_id": "F-016",
                      "summary": "`format!()` allocates on every iteration of `for (i,row) in rows.iter().enumerate()`.",
                      "verdict": "APPROVED",
                      "state": "new"
                    },
                    {
                      "finding_id": "F-017",
                      "summary": "`.to_owned()` allocates on each iteration of `for (name,value) in self.schema.names.iter().zip(row)` that takes this path (the branch at line 27), not on every iteration.",
                      "verdict": "REJECTED",
                      "state": "new"
                    },
                    {
                      "finding_id": "F-018",
                      "summary": "`.to_string()` allocates on every element of `0..3.map(..)`.",
                      "verdict": "REJECTED",
                      "state": "new"
                    },
                    {
                      "finding_id": "F-019",
                      "summary": "`&rows.clone()` allocates a copy of `rows` only to lend it; the copy is dropped at the end of the statement.",
                      "verdict": "REJECTED",
                      "state": "new"
                    }
                  ]
                },
                {
                  "crate": "ingest-worker",
                  "priority": "P0",
                  "findings": [
                    {
                      "finding_id": "F-006",
                      "summary": "`row` starts empty and receives exactly one `push` per iteration of `for field in fields`, so it reallocates about log2(n) times while growing although the final length is known up front.",
                      "verdict": "NEEDS_WORK",
                      "state": "new"
                    },
                    {
                      "finding_id": "F-007",
                      "summary": "`cols` starts empty and receives exactly one `push` per iteration of `for name in columns`, so it reallocates about log2(n) times while growing although the final length is known up front.",
                      "verdict": "NEEDS_WORK",
                      "state": "new"
                    },
                    {
                      "finding_id": "F-008",
                      "summary": "`encoded` starts empty and receives exactly one `push` per iteration of `for batch in batches`, so it reallocates about log2(n) times while growing although the final length is known up front.",
                      "verdict": "NEEDS_WORK",
                      "state": "new"
                    },
                    {
                      "finding_id": "F-009",
                      "summary": "`schema` is a copy of `self.schema` that is only read afterwards; a borrow gives the same reads without allocating.",
                      "verdict": "APPROVED",
                      "state": "new"
                    },
                    {
                      "finding_id": "F-010",
                      "summary": "`.collect()` allocates on every iteration of `for line in reader.lines()`.",
                      "verdict": "APPROVED",
                      "state": "new"
                    },
                    {
                      "finding_id": "F-011",
                      "summary": "`format!()` allocates on every iteration of `for line in reader.lines()`.",
                      "verdict": "APPROVED",
                      "state": "new"
                    },
                    {
                      "finding_id": "F-012",
                      "summary": "`l` is a copy of `label` that is only read afterwards; a borrow gives the same reads without allocating.",
                      "verdict": "REJECTED",
                      "state": "new"
                    },
                    {
                      "finding_id": "F-013",
                      "summary": "`label` copies a string literal to the heap but is never changed or handed over; the literal itself is a `&'static str`.",
                      "verdict": "REJECTED",
                      "state": "new"
                    },
                    {
                      "finding_id": "F-014",
                      "summary": "`self.sinks.clear()` drops every `Vec<Vec<String>>` it holds together with the buffers each owns; refilling `sinks` allocates them all again (through every doubling) on the next cycle.",
                      "verdict": "REJECTED",
                      "state": "new"
                    }
                  ]
                },
                {
                  "crate": "ingest-scan",
                  "priority": "P1",
                  "findings": [
                    {
                      "finding_id": "F-015",
                      "summary": "`seen` (field of `Watcher`) is used as a cache but entries are only ever inserted: nothing in this file removes, clears or bounds it, so it grows for as long as its owner lives.",
                      "verdict": "NEEDS_WORK",
                      "state": "new"
                    }
                  ]
                },
                {
                  "crate": "ingest-config",
                  "priority": "P3",
                  "findings": [
                    {
                      "finding_id": "F-020",
                      "summary": "`.to_string()` allocates on every iteration of `for c in text.split(',')`.",
                      "verdict": "REJECTED",
                      "state": "new"
                    }
                  ]
                }
              ],
              "deferred": [
                {
                  "finding_id": "F-001",
                  "reason": "NEEDS_WORK: The impact is not established: layout and cache effects show only under a profiler (cache misses), not in the syntax. [rule: impact-unknown]"
                },
                {
                  "finding_id": "F-004",
                  "reason": "NEEDS_WORK: The proposal changes an API: `Box<[u8; 8]>` is written in the return type of `fn header`, and `header` is public: removing the box changes its signature. [rule: api-change]"
                },
                {
                  "finding_id": "F-005",
                  "reason": "NEEDS_WORK: The proposal changes an API: trade-off says \"Adds a lifetime parameter (or indices) to the type; individual nodes cannot be freed early.\". [rule: api-change]"
                },
                {
                  "finding_id": "F-006",
                  "reason": "NEEDS_WORK: Is `fn push_row` called once per item of the program's data (a file, a line, a record, an event)? The call graph found no caller: no caller of `BatchBuilder::push_row` found in the workspace (called through a macro, a function pointer, or not at all). [rule: caller-unknown]"
                },
                {
                  "finding_id": "F-007",
                  "reason": "NEEDS_WORK: Is `fn build` called once per item of the program's data (a file, a line, a record, an event)? The call graph found no caller: no caller of `BatchBuilder::build` found in the workspace (called through a macro, a function pointer, or not at all). [rule: caller-unknown]"
                },
                {
                  "finding_id": "F-008",
                  "reason": "NEEDS_WORK: Is `fn encode_batches` called once per item of the program's data (a file, a line, a record, an event)? The call graph found no caller: no caller of `encode_batches` found in the workspace (called through a macro, a function pointer, or not at all). [rule: caller-unknown]"
                },
                {
                  "finding_id": "F-015",
                  "reason": "NEEDS_WORK: `seen` grows in `Watcher::poll` (crates/scan/src/watch.rs:30): entry: public API `Watcher::poll` of library `ingest_scan`: called per call of its user, and nothing in this file drains, clears or bounds it. Does each pass add a new entry for as long as the program runs, or does it refill the same keys (an intern table, a memo of a finite input)? [rule: field-growth]"
                }
              ],
              "next_focus": [
                "Rework 1 NEEDS_WORK finding(s) in HEAP_AVOIDABLE: F-004",
                "Rework 1 NEEDS_WORK finding(s) in LIFETIME_EXTENSION: F-015",
                "Rework 1 NEEDS_WORK finding(s) in CACHE_HOSTILE: F-001",
                "Rework 3 NEEDS_WORK finding(s) in ALLOCATION_LOOP: F-006, F-007, F-008"
              ],
              "termination": [
                {
                  "name": "All P0 crates analysed",
                  "met": true,
                  "detail": "3 P0 crate(s) analysed: ingest-worker, ingest-proto, ingest-schema"
                },
                {
                  "name": "No new HIGH-impact findings in the last round",
                  "met": false,
                  "detail": "round 1 found 11 new HIGH-impact finding(s): F-001, F-002, F-003, F-006, F-007, F-008, F-009, F-010, F-011, F-015, F-016"
                },
                {
                  "name": "No findings awaiting rework",
                  "met": false,
                  "detail": "6 NEEDS_WORK finding(s) without a decision: F-001, F-004, F-006, F-007, F-008, F-015"
                },
                {
                  "name": "Actionable report generated",
                  "met": true,
                  "detail": "6 approved finding(s) ready to implement"
                },
                {
                  "name": "User satisfied with coverage",
                  "met": false,
                  "detail": "the user has not terminated the session"
                }
              ],
              "verified": []
            },
            "role_runs": [
              {
                "role": "analyst",
                "engine": "builtin",
                "started_at": "2025-03-10T09:30:00.000Z",
                "finished_at": "2025-03-10T09:30:00.820Z",
                "duration_ms": 820,
                "tokens_in": 0,
                "tokens_out": 0,
                "cost_usd": 0.0,
                "status": "finished",
                "error": null
              },
              {
                "role": "validator",
                "engine": "builtin",
                "started_at": "2025-03-10T09:30:00.820Z",
                "finished_at": "2025-03-10T09:30:01.160Z",
                "duration_ms": 340,
                "tokens_in": 0,
                "tokens_out": 0,
                "cost_usd": 0.0,
                "status": "finished",
                "error": null
              },
              {
                "role": "coordinator",
                "engine": "builtin",
                "started_at": "2025-03-10T09:30:01.160Z",
                "finished_at": "2025-03-10T09:30:01.205Z",
                "duration_ms": 45,
                "tokens_in": 0,
                "tokens_out": 0,
                "cost_usd": 0.0,
                "status": "finished",
                "error": null
              }
            ],
            "decision": {
              "kind": "continue",
              "focus": [],
              "note": "Look again after the bridge fix."
            },
            "focus": []
          },
          {
            "number": 2,
            "status": "awaiting_decision",
            "started_at": "2025-03-12T09:30:00.000Z",
            "finished_at": "2025-03-12T09:30:02.000Z",
            "error": null,
            "findings": [
              {
                "finding": {
                  "id": "F-001",
                  "fingerprint": "55523db11db5e69a",
                  "category": "CACHE_HOSTILE",
                  "file": "crates/proto/src/codec.rs",
                  "line_start": 3,
                  "line_end": 6,
                  "crate": "ingest-proto",
                  "priority": "P0",
                  "item_path": "codec::Message",
                  "confidence": "HIGH",
                  "safety": "SAFE",
                  "code": "pub enum Message {\n    Ping,\n    Data([u8; 4096]),\n}",
                  "issue": "Variant `Data` is ~4096 bytes while the next largest is ~0: every `Message` value (in vectors, maps, channels) occupies the largest size.",
                  "proposal": "// Box the large payload so the enum shrinks to ~16 bytes:\nData(Box<[u8; 4096]>),",
                  "impact": {
                    "allocations_avoided": null,
                    "bytes_saved": 4088,
                    "unit": "`Message` value stored",
                    "applies_to": "every collection or message holding `Message`",
                    "level": "High"
                  },
                  "tradeoffs": {
                    "pros": [
                      "Smaller values: more per cache line, cheaper moves."
                    ],
                    "cons": [
                      "Building `Data` now allocates; worth it when it is the rare variant."
                    ]
                  },
                  "prerequisites": [],
                  "source": "builtin",
                  "reach": {
                    "heat": "warm",
                    "loop_depth": 0,
                    "reasons": [
                      "a type declaration: paid wherever its values are built or stored"
                    ]
                  }
                },
                "state": "persisting",
                "validation": {
                  "finding_id": "F-001",
                  "fingerprint": "55523db11db5e69a",
                  "verdict": "NEEDS_WORK",
                  "lifetime": {
                    "status": "N/A",
                    "evidence": "a layout change moves no ownership"
                  },
                  "thread_safety": {
                    "status": "N/A",
                    "evidence": "reordering fields changes no sharing between threads"
                  },
                  "no_undefined_behavior": {
                    "status": "PASS",
                    "evidence": "the proposal is safe Rust: no `unsafe`, `transmute` or raw parts"
                  },
                  "estimate_plausible": {
                    "answer": "NEEDS_MEASUREMENT",
                    "evidence": "layout and cache effects show only under a profiler (cache misses), not in the syntax"
                  },
                  "hot_path": {
                    "answer": "MAYBE",
                    "evidence": "a type definition in a P0 file (scope: `crates/proto/src/codec.rs` is P0); how hot depends on how many values are built"
                  },
                  "complexity_justified": {
                    "answer": "YES",
                    "evidence": "impact High against effort Low (proposal of 1 line(s), 0 prerequisite(s))"
                  },
                  "issues": [
                    {
                      "id": "F-001-I1",
                      "description": "The impact is not established: layout and cache effects show only under a profiler (cache misses), not in the syntax. [rule: impact-unknown]",
                      "risk": "Effort may be spent on a change that saves nothing measurable.",
                      "suggestion": "Give allocations avoided or bytes saved per unit, or attach a heap profile."
                    }
                  ],
                  "conditions": [
                    "Give allocations avoided or bytes saved per unit, or attach a heap profile."
                  ],
                  "counterexample": null,
                  "engine": "builtin"
                },
                "decision": {
                  "finding_id": "F-001",
                  "fingerprint": "55523db11db5e69a",
                  "kind": "defer",
                  "note": "Measure with a heap profile first.",
                  "defer_until_round": 3,
                  "round": 1,
                  "decided_at": "2025-03-10T10:01:00.000Z"
                }
              },
              {
                "finding": {
                  "id": "F-002",
                  "fingerprint": "818619be6a3b1f5f",
                  "category": "ALLOCATION_LOOP",
                  "file": "crates/proto/src/codec.rs",
                  "line_start": 24,
                  "line_end": 24,
                  "crate": "ingest-proto",
                  "priority": "P0",
                  "item_path": "codec::encode_row",
                  "confidence": "HIGH",
                  "safety": "SAFE",
                  "code": "        let pair = format!(\"{name}={value};\");",
                  "issue": "`format!()` allocates on every iteration of `for (name,value) in names.iter().zip(row)`.",
                  "proposal": "use std::fmt::Write;\nlet mut buf = String::new(); // once, before the loop\n// in the loop body:\nbuf.clear();\nwrite!(buf, \"{name}={value};\").unwrap(); // writing to a String cannot fail\n// use `&buf` where the formatted value was used",
                  "impact": {
                    "allocations_avoided": 1,
                    "bytes_saved": null,
                    "unit": "iteration of `for (name,value) in names.iter().zip(row)`",
                    "applies_to": "every call of `codec::encode_row`",
                    "level": "High"
                  },
                  "tradeoffs": {
                    "pros": [
                      "Fewer allocator calls on a path that runs once per element."
                    ],
                    "cons": [
                      "A reused buffer must be cleared at the top of each iteration."
                    ]
                  },
                  "prerequisites": [],
                  "source": "builtin",
                  "reach": {
                    "heat": "hot",
                    "loop_depth": 3,
                    "reasons": [
                      "runs per iteration of `for (name,value) in names.iter().zip(row)` in `encode_row`",
                      "called per iteration of `for row in &batch.rows` from `Bridge::flush` (crates/worker/src/bridge.rs:24)",
                      "called once per call from `Worker::process_file` (crates/worker/src/lib.rs:45)",
                      "called per iteration of `for path in std::env::args().skip(1)` from `main` (crates/worker/src/main.rs:7)",
                      "entry: `fn main` (crates/worker/src/main.rs:3)"
                    ]
                  },
                  "edit": {
                    "summary": "`write!` into one reused `String` (`pair_buf`) instead of `format!`",
                    "hunks": [
                      {
                        "file": "crates/proto/src/codec.rs",
                        "start": 450,
                        "end": 450,
                        "line": 23,
                        "original": "",
                        "replacement": "use std::fmt::Write as _;\n    let mut pair_buf = String::new();\n    "
                      },
                      {
                        "file": "crates/proto/src/codec.rs",
                        "start": 503,
                        "end": 541,
                        "line": 24,
                        "original": "let pair = format!(\"{name}={value};\");",
                        "replacement": "pair_buf.clear();\n        write!(pair_buf, \"{name}={value};\").unwrap();\n        let pair = pair_buf.as_str();"
                      }
                    ]
                  }
                },
                "state": "persisting",
                "validation": {
                  "finding_id": "F-002",
                  "fingerprint": "818619be6a3b1f5f",
                  "verdict": "APPROVED",
                  "lifetime": {
                    "status": "PASS",
                    "evidence": "`format!(..)` at line 24 stays within one iteration of the `for` loop at line 23: `pair` is only read or borrowed after it is made, and dropped at the end of its scope; one reused buffer in its place lives long enough"
                  },
                  "thread_safety": {
                    "status": "N/A",
                    "evidence": "`fn encode_row` neither spawns nor runs in a task: the change is single-threaded"
                  },
                  "no_undefined_behavior": {
                    "status": "PASS",
                    "evidence": "the proposal is safe Rust: no `unsafe`, `transmute` or raw parts"
                  },
                  "estimate_plausible": {
                    "answer": "YES",
                    "evidence": "1 allocation(s) per iteration of `for (name,value) in names.iter().zip(row)` against 1 allocating expression(s) at lines 24-24, each run once per iteration"
                  },
                  "hot_path": {
                    "answer": "YES",
                    "evidence": "per iteration of the `for` loop at line 23 in `fn encode_row`; called per item: runs per iteration of `for (name,value) in names.iter().zip(row)` in `encode_row` ← called per iteration of `for row in &batch.rows` from `Bridge::flush` (crates/worker/src/bridge.rs:24) ← called once per call from `Worker::process_file` (crates/worker/src/lib.rs:45) ← called per iteration of `for path in std::env::args().skip(1)` from `main` (crates/worker/src/main.rs:7) ← entry: `fn main` (crates/worker/src/main.rs:3)"
                  },
                  "complexity_justified": {
                    "answer": "YES",
                    "evidence": "impact High against effort Low (proposal of 4 line(s), 0 prerequisite(s))"
                  },
                  "issues": [],
                  "conditions": [
                    "Gain: one allocation of `format!(..)` per iteration of the `for` loop at line 23, after the first iterations (the buffer keeps its capacity)",
                    "the buffer is created once above the `for` loop at line 23 and `clear()`ed at the start of each iteration",
                    "the buffer is not stored, sent or returned from the loop body",
                    "the crate's tests pass and a heap profile (DHAT) of a representative input shows fewer allocations"
                  ],
                  "counterexample": null,
                  "engine": "builtin"
                },
                "decision": {
                  "finding_id": "F-002",
                  "fingerprint": "818619be6a3b1f5f",
                  "kind": "implement",
                  "note": "Small change; do it this sprint.",
                  "round": 1,
                  "decided_at": "2025-03-10T10:02:00.000Z"
                }
              },
              {
                "finding": {
                  "id": "F-003",
                  "fingerprint": "e52835a0bef85335",
                  "category": "ALLOCATION_LOOP",
                  "file": "crates/proto/src/codec.rs",
                  "line_start": 33,
                  "line_end": 33,
                  "crate": "ingest-proto",
                  "priority": "P0",
                  "item_path": "codec::encode_all",
                  "confidence": "HIGH",
                  "safety": "SAFE",
                  "code": "        let mut buf = Vec::new();",
                  "issue": "`buf` (Vec::new()) is created, filled and dropped on every iteration; its heap buffer is allocated (and regrown) each time.",
                  "proposal": "let mut buf = Vec::new(); // once, before the loop\n// in the loop body:\nbuf.clear(); // keeps the capacity",
                  "impact": {
                    "allocations_avoided": 1,
                    "bytes_saved": null,
                    "unit": "iteration of `for msg in messages`",
                    "applies_to": "every call of `codec::encode_all`",
                    "level": "High"
                  },
                  "tradeoffs": {
                    "pros": [
                      "After the first iterations the buffer stops allocating entirely."
                    ],
                    "cons": [
                      "The buffer keeps its peak capacity until the loop ends."
                    ]
                  },
                  "prerequisites": [],
                  "source": "builtin",
                  "reach": {
                    "heat": "hot",
                    "loop_depth": 1,
                    "reasons": [
                      "runs per iteration of `for msg in messages` in `encode_all`",
                      "entry: public API `encode_all` of library `ingest_proto`: called per call of its user"
                    ]
                  },
                  "edit": {
                    "summary": "hoist `buf` out of the loop and `clear()` it each iteration",
                    "hunks": [
                      {
                        "file": "crates/proto/src/codec.rs",
                        "start": 744,
                        "end": 744,
                        "line": 32,
                        "original": "",
                        "replacement": "let mut buf = Vec::new();\n    "
                      },
                      {
                        "file": "crates/proto/src/codec.rs",
                        "start": 774,
                        "end": 799,
                        "line": 33,
                        "original": "let mut buf = Vec::new();",
                        "replacement": "buf.clear();"
                      }
                    ]
                  }
                },
                "state": "persisting",
                "validation": {
                  "finding_id": "F-003",
                  "fingerprint": "e52835a0bef85335",
                  "verdict": "APPROVED",
                  "lifetime": {
                    "status": "PASS",
                    "evidence": "`Vec::new(..)` at line 33 stays within one iteration of the `for` loop at line 32: `buf` is only read or borrowed after it is made, and dropped at the end of its scope; one reused buffer in its place lives long enough"
                  },
                  "thread_safety": {
                    "status": "N/A",
                    "evidence": "`fn encode_all` neither spawns nor runs in a task: the change is single-threaded"
                  },
                  "no_undefined_behavior": {
                    "status": "PASS",
                    "evidence": "the proposal is safe Rust: no `unsafe`, `transmute` or raw parts"
                  },
                  "estimate_plausible": {
                    "answer": "YES",
                    "evidence": "1 allocation(s) per iteration of `for msg in messages` against 1 allocating expression(s) at lines 33-33, each run once per iteration"
                  },
                  "hot_path": {
                    "answer": "YES",
                    "evidence": "per iteration of the `for` loop at line 32 in `fn encode_all`; once per call of an entry point: runs per iteration of `for msg in messages` in `encode_all` ← entry: public API `encode_all` of library `ingest_proto`: called per call of its user"
                  },
                  "complexity_justified": {
                    "answer": "YES",
                    "evidence": "impact High against effort Low (proposal of 2 line(s), 0 prerequisite(s))"
                  },
                  "issues": [],
                  "conditions": [
                    "Gain: one allocation of `Vec::new(..)` per iteration of the `for` loop at line 32, after the first iterations (the buffer keeps its capacity)",
                    "the buffer is created once above the `for` loop at line 32 and `clear()`ed at the start of each iteration",
                    "the buffer is not stored, sent or returned from the loop body",
                    "the crate's tests pass and a heap profile (DHAT) of a representative input shows fewer allocations"
                  ],
                  "counterexample": null,
                  "engine": "builtin"
                },
                "decision": {
                  "finding_id": "F-003",
                  "fingerprint": "e52835a0bef85335",
                  "kind": "implement",
                  "note": "Small change; do it this sprint.",
                  "round": 1,
                  "decided_at": "2025-03-10T10:03:00.000Z"
                }
              },
              {
                "finding": {
                  "id": "F-004",
                  "fingerprint": "fb7847b964405a86",
                  "category": "HEAP_AVOIDABLE",
                  "file": "crates/proto/src/codec.rs",
                  "line_start": 43,
                  "line_end": 43,
                  "crate": "ingest-proto",
                  "priority": "P0",
                  "item_path": "codec::header",
                  "confidence": "HIGH",
                  "safety": "SAFE",
                  "code": "pub fn header() -> Box<[u8; 8]> {",
                  "issue": "`Box<[u8; 8]>` puts a fixed 8-byte array (8 elements) behind a heap allocation; it fits inline.",
                  "proposal": "[u8; 8] // inline, no Box",
                  "impact": {
                    "allocations_avoided": 1,
                    "bytes_saved": 16,
                    "unit": "value built",
                    "applies_to": "every value of this type in `codec::header`",
                    "level": "Medium"
                  },
                  "tradeoffs": {
                    "pros": [
                      "No allocation, no pointer chase; the data sits with its owner."
                    ],
                    "cons": [
                      "The owner grows by 8 bytes; moving it copies them."
                    ]
                  },
                  "prerequisites": [],
                  "source": "builtin",
                  "reach": {
                    "heat": "warm",
                    "loop_depth": 0,
                    "reasons": [
                      "entry: public API `header` of library `ingest_proto`: called per call of its user"
                    ]
                  },
                  "edit": {
                    "summary": "`[u8; 8]` inline, no `Box`",
                    "hunks": [
                      {
                        "file": "crates/proto/src/codec.rs",
                        "start": 998,
                        "end": 1010,
                        "line": 43,
                        "original": "Box<[u8; 8]>",
                        "replacement": "[u8; 8]"
                      }
                    ]
                  }
                },
                "state": "persisting",
                "validation": {
                  "finding_id": "F-004",
                  "fingerprint": "fb7847b964405a86",
                  "verdict": "NEEDS_WORK",
                  "lifetime": {
                    "status": "PASS",
                    "evidence": "`[u8; 8]` is sized and does not contain its container: it can live inline"
                  },
                  "thread_safety": {
                    "status": "N/A",
                    "evidence": "`fn header` neither spawns nor runs in a task: the change is single-threaded"
                  },
                  "no_undefined_behavior": {
                    "status": "PASS",
                    "evidence": "the proposal is safe Rust: no `unsafe`, `transmute` or raw parts"
                  },
                  "estimate_plausible": {
                    "answer": "YES",
                    "evidence": "1 allocation(s) per value built: every `Box<[u8; 8]>` value is one heap allocation"
                  },
                  "hot_path": {
                    "answer": "MAYBE",
                    "evidence": "a type in the return type of `fn header`, in a P0 file (scope: `crates/proto/src/codec.rs` is P0): one allocation per call; how hot depends on how often callers call it"
                  },
                  "complexity_justified": {
                    "answer": "YES",
                    "evidence": "impact Medium against effort Low (proposal of 1 line(s), 0 prerequisite(s))"
                  },
                  "issues": [
                    {
                      "id": "F-004-I1",
                      "description": "The proposal changes an API: `Box<[u8; 8]>` is written in the return type of `fn header`, and `header` is public: removing the box changes its signature. [rule: api-change]",
                      "risk": "Every caller changes too; a public API change is a breaking release.",
                      "suggestion": "List the callers and show the new signature, or find a change local to the function."
                    }
                  ],
                  "conditions": [
                    "List the callers and show the new signature, or find a change local to the function."
                  ],
                  "counterexample": null,
                  "engine": "builtin"
                },
                "decision": {
                  "finding_id": "F-004",
                  "fingerprint": "fb7847b964405a86",
                  "kind": "defer",
                  "note": "Measure with a heap profile first.",
                  "defer_until_round": 4,
                  "round": 2,
                  "decided_at": "2025-03-12T10:04:00.000Z"
                }
              },
              {
                "finding": {
                  "id": "F-021",
                  "fingerprint": "16746e1234cfc1ce",
                  "category": "ALLOCATION_LOOP",
                  "file": "crates/scan/src/walk.rs",
                  "line_start": 38,
                  "line_end": 38,
                  "crate": "ingest-scan",
                  "priority": "P0",
                  "item_path": "walk::sizes",
                  "confidence": "HIGH",
                  "safety": "SAFE",
                  "code": "    let mut out = Vec::new();",
                  "issue": "`out` starts empty and receives exactly one `push` per iteration of `for f in found`, so it reallocates about log2(n) times while growing although the final length is known up front.",
                  "proposal": "let mut out = Vec::with_capacity(found.len());",
                  "impact": {
                    "allocations_avoided": null,
                    "bytes_saved": null,
                    "unit": "call of `walk::sizes`",
                    "applies_to": "~log2(n) reallocations and copies per call of `walk::sizes`",
                    "level": "Medium"
                  },
                  "tradeoffs": {
                    "pros": [
                      "One allocation instead of a growth sequence; no copying on regrowth."
                    ],
                    "cons": [
                      "None when every iteration pushes."
                    ]
                  },
                  "prerequisites": [],
                  "source": "builtin",
                  "reach": {
                    "heat": "warm",
                    "loop_depth": 0,
                    "reasons": [
                      "entry: public API `sizes` of library `ingest_scan`: called per call of its user"
                    ]
                  },
                  "edit": {
                    "summary": "reserve `found.len()` up front with `Vec::with_capacity`",
                    "hunks": [
                      {
                        "file": "crates/scan/src/walk.rs",
                        "start": 1037,
                        "end": 1047,
                        "line": 38,
                        "original": "Vec::new()",
                        "replacement": "Vec::with_capacity(found.len())"
                      }
                    ]
                  }
                },
                "state": "new",
                "validation": {
                  "finding_id": "F-021",
                  "fingerprint": "16746e1234cfc1ce",
                  "verdict": "APPROVED",
                  "lifetime": {
                    "status": "PASS",
                    "evidence": "`with_capacity` changes only the initial capacity of `out` (line 38); its owner, its pushes and where it goes afterwards stay as they are"
                  },
                  "thread_safety": {
                    "status": "N/A",
                    "evidence": "`fn sizes` neither spawns nor runs in a task: the change is single-threaded"
                  },
                  "no_undefined_behavior": {
                    "status": "PASS",
                    "evidence": "the proposal is safe Rust: no `unsafe`, `transmute` or raw parts"
                  },
                  "estimate_plausible": {
                    "answer": "YES",
                    "evidence": "`out` grows from empty by one push per iteration of the `for` loop at line 39 (line 43); `found` is a `&[String]` (parameter `found: &[String]` of `fn sizes`), so `found` yields exactly `found.len()` items: that is ~log2(n) reallocations with copies per call, and `with_capacity` makes it one allocation"
                  },
                  "hot_path": {
                    "answer": "YES",
                    "evidence": "per iteration of the `for` loop at line 39 in `fn sizes`; once per call of an entry point: entry: public API `sizes` of library `ingest_scan`: called per call of its user"
                  },
                  "complexity_justified": {
                    "answer": "YES",
                    "evidence": "impact Medium against effort Low (proposal of 1 line(s), 0 prerequisite(s))"
                  },
                  "issues": [],
                  "conditions": [
                    "Gain: the ~log2(n) reallocations and copies of `out` while it grows, per run of the `for` loop at line 39",
                    "`out` is created with the length of `found` as its capacity",
                    "every iteration of the `for` loop at line 39 still pushes exactly once (no `continue` or early `break` before the push at line 43)",
                    "the crate's tests pass and a heap profile (DHAT) of a representative input shows fewer allocations"
                  ],
                  "counterexample": null,
                  "engine": "builtin"
                },
                "decision": null
              },
              {
                "finding": {
                  "id": "F-022",
                  "fingerprint": "f0781d27cf0f717a",
                  "category": "ALLOCATION_LOOP",
                  "file": "crates/scan/src/walk.rs",
                  "line_start": 42,
                  "line_end": 42,
                  "crate": "ingest-scan",
                  "priority": "P0",
                  "item_path": "walk::sizes",
                  "confidence": "HIGH",
                  "safety": "SAFE",
                  "code": "        let parts: Vec<&str> = f.split('/').collect();",
                  "issue": "`parts` collects every item into a new `Vec` on every iteration of `for f in found`, but it is only counted: the iterator gives the same answer without the allocation and the copy of each item.",
                  "proposal": "let parts_len = f.split('/').count();\n// then `parts_len` for `parts.len()`, `parts_len == 0` for `parts.is_empty()`",
                  "impact": {
                    "allocations_avoided": 1,
                    "bytes_saved": null,
                    "unit": "iteration of `for f in found`",
                    "applies_to": "every call of `walk::sizes`",
                    "level": "Medium"
                  },
                  "tradeoffs": {
                    "pros": [
                      "No allocation and no copy of the items; the walk stops early where the code only needs the first ones."
                    ],
                    "cons": [
                      "None when the iterator's closures have no side effects."
                    ]
                  },
                  "prerequisites": [],
                  "source": "builtin",
                  "reach": {
                    "heat": "hot",
                    "loop_depth": 1,
                    "reasons": [
                      "runs per iteration of `for f in found` in `sizes`",
                      "entry: public API `sizes` of library `ingest_scan`: called per call of its user"
                    ]
                  }
                },
                "state": "new",
                "validation": {
                  "finding_id": "F-022",
                  "fingerprint": "f0781d27cf0f717a",
                  "verdict": "APPROVED",
                  "lifetime": {
                    "status": "PASS",
                    "evidence": "`f.split('/').collect()` at line 42 is replaced by its iterator, which runs where `parts` was used (line 43) within its scope; nothing the chain reads changes in between"
                  },
                  "thread_safety": {
                    "status": "N/A",
                    "evidence": "`fn sizes` neither spawns nor runs in a task: the change is single-threaded"
                  },
                  "no_undefined_behavior": {
                    "status": "PASS",
                    "evidence": "the proposal is safe Rust: no `unsafe`, `transmute` or raw parts"
                  },
                  "estimate_plausible": {
                    "answer": "YES",
                    "evidence": "1 allocation(s) per iteration of `for f in found` against 1 allocating expression(s) at lines 42-42, each run once per iteration"
                  },
                  "hot_path": {
                    "answer": "YES",
                    "evidence": "per iteration of the `for` loop at line 39 in `fn sizes`; once per call of an entry point: runs per iteration of `for f in found` in `sizes` ← entry: public API `sizes` of library `ingest_scan`: called per call of its user"
                  },
                  "complexity_justified": {
                    "answer": "YES",
                    "evidence": "impact Medium against effort Low (proposal of 1 line(s), 0 prerequisite(s))"
                  },
                  "issues": [],
                  "conditions": [
                    "Gain: the allocation of `parts` and the copy of each item per iteration of the `for` loop at line 39",
                    "the buffer is created once above the `for` loop at line 39 and `clear()`ed at the start of each iteration",
                    "the buffer is not stored, sent or returned from the loop body",
                    "the crate's tests pass and a heap profile (DHAT) of a representative input shows fewer allocations"
                  ],
                  "counterexample": null,
                  "engine": "builtin"
                },
                "decision": {
                  "finding_id": "F-022",
                  "fingerprint": "f0781d27cf0f717a",
                  "kind": "implement",
                  "note": "Small change; do it this sprint.",
                  "round": 2,
                  "decided_at": "2025-03-12T10:22:00.000Z"
                }
              },
              {
                "finding": {
                  "id": "F-005",
                  "fingerprint": "67fba6824a489f31",
                  "category": "ARENA_CANDIDATE",
                  "file": "crates/schema/src/infer.rs",
                  "line_start": 4,
                  "line_end": 10,
                  "crate": "ingest-schema",
                  "priority": "P0",
                  "item_path": "infer::Type",
                  "confidence": "MEDIUM",
                  "safety": "NEEDS_REVIEW",
                  "code": "pub enum Type {\n    Int,\n    Float,\n    Text,\n    List(Box<Type>),\n    Struct(Vec<Field>),\n}",
                  "issue": "`Type` is a recursive type whose nodes are each a separate heap allocation; a tree is typically built and dropped as a whole, which an arena does in one go.",
                  "proposal": "// Allocate nodes from an arena that lives as long as the tree:\nlet arena = bumpalo::Bump::new();\n// Type<'a> { children: &'a [&'a Type<'a>], .. } — or keep nodes in a Vec and link by index",
                  "impact": {
                    "allocations_avoided": null,
                    "bytes_saved": null,
                    "unit": "`Type` node",
                    "applies_to": "every structure built from `Type` nodes",
                    "level": "Medium"
                  },
                  "tradeoffs": {
                    "pros": [
                      "Allocation becomes a pointer bump; the whole tree is freed at once; nodes sit together in memory."
                    ],
                    "cons": [
                      "Adds a lifetime parameter (or indices) to the type; individual nodes cannot be freed early."
                    ]
                  },
                  "prerequisites": [
                    "add the `bumpalo` (or `typed-arena`/`slotmap`) dependency"
                  ],
                  "source": "builtin",
                  "reach": {
                    "heat": "warm",
                    "loop_depth": 0,
                    "reasons": [
                      "a type declaration: paid wherever its values are built or stored"
                    ]
                  }
                },
                "state": "persisting",
                "validation": {
                  "finding_id": "F-005",
                  "fingerprint": "67fba6824a489f31",
                  "verdict": "NEEDS_WORK",
                  "lifetime": {
                    "status": "UNCLEAR",
                    "evidence": "allocating the nodes of `Type` (line 4) in an arena adds a lifetime parameter or indices to the type and to everything that holds it; only the borrow checker proves that no node outlives the arena"
                  },
                  "thread_safety": {
                    "status": "N/A",
                    "evidence": "the enclosing item neither spawns nor runs in a task: the change is single-threaded"
                  },
                  "no_undefined_behavior": {
                    "status": "PASS",
                    "evidence": "the proposal is safe Rust: no `unsafe`, `transmute` or raw parts"
                  },
                  "estimate_plausible": {
                    "answer": "MAYBE",
                    "evidence": "`Type` is a type definition: its allocations are made where its values are built, which these lines do not show"
                  },
                  "hot_path": {
                    "answer": "MAYBE",
                    "evidence": "a type definition in a P0 file (scope: `crates/schema/src/infer.rs` is P0); how hot depends on how many values are built"
                  },
                  "complexity_justified": {
                    "answer": "YES",
                    "evidence": "impact Medium against effort Medium (proposal of 1 line(s), 1 prerequisite(s), an API change (trade-off says \"Adds a lifetime parameter (or indices) to the type; individual nodes cannot be freed early.\"))"
                  },
                  "issues": [
                    {
                      "id": "F-005-I1",
                      "description": "The proposal changes an API: trade-off says \"Adds a lifetime parameter (or indices) to the type; individual nodes cannot be freed early.\". [rule: api-change]",
                      "risk": "Every caller changes too; a public API change is a breaking release.",
                      "suggestion": "List the callers and show the new signature, or find a change local to the function."
                    }
                  ],
                  "conditions": [
                    "List the callers and show the new signature, or find a change local to the function."
                  ],
                  "counterexample": null,
                  "engine": "builtin"
                },
                "decision": {
                  "finding_id": "F-005",
                  "fingerprint": "67fba6824a489f31",
                  "kind": "defer",
                  "note": "Measure with a heap profile first.",
                  "defer_until_round": 3,
                  "round": 1,
                  "decided_at": "2025-03-10T10:05:00.000Z"
                }
              },
              {
                "finding": {
                  "id": "F-007",
                  "fingerprint": "250647ddc25f517d",
                  "category": "ALLOCATION_LOOP",
                  "file": "crates/worker/src/batch.rs",
                  "line_start": 32,
                  "line_end": 32,
                  "crate": "ingest-worker",
                  "priority": "P0",
                  "item_path": "batch::BatchBuilder::build",
                  "confidence": "HIGH",
                  "safety": "SAFE",
                  "code": "        let mut cols = Vec::new();",
                  "issue": "`cols` starts empty and receives exactly one `push` per iteration of `for name in columns`, so it reallocates about log2(n) times while growing although the final length is known up front.",
                  "proposal": "let mut cols = Vec::with_capacity(columns.len());",
                  "impact": {
                    "allocations_avoided": null,
                    "bytes_saved": null,
                    "unit": "call of `batch::BatchBuilder::build`",
                    "applies_to": "~log2(n) reallocations and copies per call of `batch::BatchBuilder::build`",
                    "level": "High"
                  },
                  "tradeoffs": {
                    "pros": [
                      "One allocation instead of a growth sequence; no copying on regrowth."
                    ],
                    "cons": [
                      "None when every iteration pushes."
                    ]
                  },
                  "prerequisites": [],
                  "source": "builtin",
                  "reach": {
                    "heat": "unknown",
                    "loop_depth": 0,
                    "reasons": [
                      "no caller of `BatchBuilder::build` found in the workspace (called through a macro, a function pointer, or not at all)"
                    ]
                  },
                  "edit": {
                    "summary": "reserve `columns.len()` up front with `Vec::with_capacity`",
                    "hunks": [
                      {
                        "file": "crates/worker/src/batch.rs",
                        "start": 724,
                        "end": 734,
                        "line": 32,
                        "original": "Vec::new()",
                        "replacement": "Vec::with_capacity(columns.len())"
                      }
                    ]
                  }
                },
                "state": "stale",
                "validation": {
                  "finding_id": "F-007",
                  "fingerprint": "250647ddc25f517d",
                  "verdict": "NEEDS_WORK",
                  "lifetime": {
                    "status": "PASS",
                    "evidence": "`with_capacity` changes only the initial capacity of `cols` (line 32); its owner, its pushes and where it goes afterwards stay as they are"
                  },
                  "thread_safety": {
                    "status": "N/A",
                    "evidence": "`fn build` neither spawns nor runs in a task: the change is single-threaded"
                  },
                  "no_undefined_behavior": {
                    "status": "PASS",
                    "evidence": "the proposal is safe Rust: no `unsafe`, `transmute` or raw parts"
                  },
                  "estimate_plausible": {
                    "answer": "YES",
                    "evidence": "`cols` grows from empty by one push per iteration of the `for` loop at line 33 (line 36); `columns` is a `&[String]` (parameter `columns: &[String]` of `fn build`), so `columns` yields exactly `columns.len()` items: that is ~log2(n) reallocations with copies per call, and `with_capacity` makes it one allocation"
                  },
                  "hot_path": {
                    "answer": "MAYBE",
                    "evidence": "per iteration of the `for` loop at line 33 in `fn build`; no caller known: no caller of `BatchBuilder::build` found in the workspace (called through a macro, a function pointer, or not at all)"
                  },
                  "complexity_justified": {
                    "answer": "YES",
                    "evidence": "impact High against effort Low (proposal of 1 line(s), 0 prerequisite(s))"
                  },
                  "issues": [
                    {
                      "id": "F-007-I1",
                      "description": "Is `fn build` called once per item of the program's data (a file, a line, a record, an event)? The call graph found no caller: no caller of `BatchBuilder::build` found in the workspace (called through a macro, a function pointer, or not at all). [rule: caller-unknown]",
                      "risk": "Code nobody calls per item saves nothing; code nobody calls at all is dead.",
                      "suggestion": "Name the caller of `fn build` and how often it runs, or attach a heap profile that shows these lines."
                    }
                  ],
                  "conditions": [
                    "Name the caller of `fn build` and how often it runs, or attach a heap profile that shows these lines."
                  ],
                  "counterexample": null,
                  "engine": "builtin"
                },
                "decision": {
                  "finding_id": "F-007",
                  "fingerprint": "250647ddc25f517d",
                  "kind": "defer",
                  "note": "Measure with a heap profile first.",
                  "defer_until_round": 3,
                  "round": 1,
                  "decided_at": "2025-03-10T10:07:00.000Z"
                }
              },
              {
                "finding": {
                  "id": "F-008",
                  "fingerprint": "2fef46c70f0ed6c8",
                  "category": "ALLOCATION_LOOP",
                  "file": "crates/worker/src/batch.rs",
                  "line_start": 47,
                  "line_end": 47,
                  "crate": "ingest-worker",
                  "priority": "P0",
                  "item_path": "batch::encode_batches",
                  "confidence": "HIGH",
                  "safety": "SAFE",
                  "code": "    let mut encoded = Vec::new();",
                  "issue": "`encoded` starts empty and receives exactly one `push` per iteration of `for batch in batches`, so it reallocates about log2(n) times while growing although the final length is known up front.",
                  "proposal": "let mut encoded = Vec::with_capacity(batches.len());",
                  "impact": {
                    "allocations_avoided": null,
                    "bytes_saved": null,
                    "unit": "call of `batch::encode_batches`",
                    "applies_to": "~log2(n) reallocations and copies per call of `batch::encode_batches`",
                    "level": "High"
                  },
                  "tradeoffs": {
                    "pros": [
                      "One allocation instead of a growth sequence; no copying on regrowth."
                    ],
                    "cons": [
                      "None when every iteration pushes."
                    ]
                  },
                  "prerequisites": [],
                  "source": "builtin",
                  "reach": {
                    "heat": "unknown",
                    "loop_depth": 0,
                    "reasons": [
                      "no caller of `encode_batches` found in the workspace (called through a macro, a function pointer, or not at all)"
                    ]
                  },
                  "edit": {
                    "summary": "reserve `batches.len()` up front with `Vec::with_capacity`",
                    "hunks": [
                      {
                        "file": "crates/worker/src/batch.rs",
                        "start": 1135,
                        "end": 1145,
                        "line": 47,
                        "original": "Vec::new()",
                        "replacement": "Vec::with_capacity(batches.len())"
                      }
                    ]
                  }
                },
                "state": "stale",
                "validation": {
                  "finding_id": "F-008",
                  "fingerprint": "2fef46c70f0ed6c8",
                  "verdict": "NEEDS_WORK",
                  "lifetime": {
                    "status": "PASS",
                    "evidence": "`with_capacity` changes only the initial capacity of `encoded` (line 47); its owner, its pushes and where it goes afterwards stay as they are"
                  },
                  "thread_safety": {
                    "status": "N/A",
                    "evidence": "`fn encode_batches` neither spawns nor runs in a task: the change is single-threaded"
                  },
                  "no_undefined_behavior": {
                    "status": "PASS",
                    "evidence": "the proposal is safe Rust: no `unsafe`, `transmute` or raw parts"
                  },
                  "estimate_plausible": {
                    "answer": "YES",
                    "evidence": "`encoded` grows from empty by one push per iteration of the `for` loop at line 48 (line 53); `batches` is a `&[Batch]` (parameter `batches: &[Batch]` of `fn encode_batches`), so `batches` yields exactly `batches.len()` items: that is ~log2(n) reallocations with copies per call, and `with_capacity` makes it one allocation"
                  },
                  "hot_path": {
                    "answer": "MAYBE",
                    "evidence": "per iteration of the `for` loop at line 48 in `fn encode_batches`; no caller known: no caller of `encode_batches` found in the workspace (called through a macro, a function pointer, or not at all)"
                  },
                  "complexity_justified": {
                    "answer": "YES",
                    "evidence": "impact High against effort Low (proposal of 1 line(s), 0 prerequisite(s))"
                  },
                  "issues": [
                    {
                      "id": "F-008-I1",
                      "description": "Is `fn encode_batches` called once per item of the program's data (a file, a line, a record, an event)? The call graph found no caller: no caller of `encode_batches` found in the workspace (called through a macro, a function pointer, or not at all). [rule: caller-unknown]",
                      "risk": "Code nobody calls per item saves nothing; code nobody calls at all is dead.",
                      "suggestion": "Name the caller of `fn encode_batches` and how often it runs, or attach a heap profile that shows these lines."
                    }
                  ],
                  "conditions": [
                    "Name the caller of `fn encode_batches` and how often it runs, or attach a heap profile that shows these lines."
                  ],
                  "counterexample": null,
                  "engine": "builtin"
                },
                "decision": null
              },
              {
                "finding": {
                  "id": "F-010",
                  "fingerprint": "a9b9446294809400",
                  "category": "ALLOCATION_LOOP",
                  "file": "crates/worker/src/lib.rs",
                  "line_start": 39,
                  "line_end": 39,
                  "crate": "ingest-worker",
                  "priority": "P0",
                  "item_path": "Worker::process_file",
                  "confidence": "HIGH",
                  "safety": "SAFE",
                  "code": "            let fields: Vec<String> = line.split(',').map(|s| s.to_string()).collect();",
                  "issue": "`.collect()` allocates on every iteration of `for line in reader.lines()`.",
                  "proposal": "let mut buf = Vec::new(); // once, before the loop\n// in the loop body:\nbuf.clear();\nbuf.extend(/* the same iterator */);",
                  "impact": {
                    "allocations_avoided": 1,
                    "bytes_saved": null,
                    "unit": "iteration of `for line in reader.lines()`",
                    "applies_to": "every call of `Worker::process_file`",
                    "level": "High"
                  },
                  "tradeoffs": {
                    "pros": [
                      "Fewer allocator calls on a path that runs once per element."
                    ],
                    "cons": [
                      "A reused buffer must be cleared at the top of each iteration."
                    ]
                  },
                  "prerequisites": [],
                  "source": "builtin",
                  "reach": {
                    "heat": "hot",
                    "loop_depth": 3,
                    "reasons": [
                      "runs per element of `line.split(',').map(..)` in `Worker::process_file`",
                      "called per iteration of `for path in std::env::args().skip(1)` from `main` (crates/worker/src/main.rs:7)",
                      "entry: `fn main` (crates/worker/src/main.rs:3)"
                    ]
                  },
                  "edit": {
                    "summary": "reuse one `Vec` for `fields`: `clear()` and `extend()` it each iteration",
                    "hunks": [
                      {
                        "file": "crates/worker/src/lib.rs",
                        "start": 985,
                        "end": 985,
                        "line": 37,
                        "original": "",
                        "replacement": "let mut fields: Vec<String> = Vec::new();\n        "
                      },
                      {
                        "file": "crates/worker/src/lib.rs",
                        "start": 1056,
                        "end": 1131,
                        "line": 39,
                        "original": "let fields: Vec<String> = line.split(',').map(|s| s.to_string()).collect();",
                        "replacement": "fields.clear();\n            fields.extend(line.split(',').map(|s| s.to_string()));"
                      }
                    ]
                  }
                },
                "state": "persisting",
                "validation": {
                  "finding_id": "F-010",
                  "fingerprint": "a9b9446294809400",
                  "verdict": "APPROVED",
                  "lifetime": {
                    "status": "PASS",
                    "evidence": "`line.split(',').map(|s|s.to_string()).collect()` at line 39 stays within one iteration of the `for` loop at line 37: `fields` is only read or borrowed after it is made, and dropped at the end of its scope; one reused buffer in its place lives long enough"
                  },
                  "thread_safety": {
                    "status": "N/A",
                    "evidence": "`fn process_file` neither spawns nor runs in a task: the change is single-threaded"
                  },
                  "no_undefined_behavior": {
                    "status": "PASS",
                    "evidence": "the proposal is safe Rust: no `unsafe`, `transmute` or raw parts"
                  },
                  "estimate_plausible": {
                    "answer": "YES",
                    "evidence": "1 allocation(s) per iteration of `for line in reader.lines()` against 2 allocating expression(s) at lines 39-39, each run once per iteration"
                  },
                  "hot_path": {
                    "answer": "YES",
                    "evidence": "per iteration of the `for` loop at line 37 in `fn process_file`; called per item: runs per element of `line.split(',').map(..)` in `Worker::process_file` ← called per iteration of `for path in std::env::args().skip(1)` from `main` (crates/worker/src/main.rs:7) ← entry: `fn main` (crates/worker/src/main.rs:3)"
                  },
                  "complexity_justified": {
                    "answer": "YES",
                    "evidence": "impact High against effort Low (proposal of 3 line(s), 0 prerequisite(s))"
                  },
                  "issues": [],
                  "conditions": [
                    "Gain: one allocation of `line.split(',').map(|s|s.to_string()).collect()` per iteration of the `for` loop at line 37, after the first iterations (the buffer keeps its capacity)",
                    "the buffer is created once above the `for` loop at line 37 and `clear()`ed at the start of each iteration",
                    "the buffer is not stored, sent or returned from the loop body",
                    "the crate's tests pass and a heap profile (DHAT) of a representative input shows fewer allocations"
                  ],
                  "counterexample": null,
                  "engine": "builtin"
                },
                "decision": {
                  "finding_id": "F-010",
                  "fingerprint": "a9b9446294809400",
                  "kind": "implement",
                  "note": "Small change; do it this sprint.",
                  "round": 1,
                  "decided_at": "2025-03-10T10:10:00.000Z"
                }
              },
              {
                "finding": {
                  "id": "F-011",
                  "fingerprint": "8c5a9dd8bdeed441",
                  "category": "ALLOCATION_LOOP",
                  "file": "crates/worker/src/lib.rs",
                  "line_start": 40,
                  "line_end": 40,
                  "crate": "ingest-worker",
                  "priority": "P0",
                  "item_path": "Worker::process_file",
                  "confidence": "HIGH",
                  "safety": "SAFE",
                  "code": "            let key = format!(\"{}:{}\", path, fields.len());",
                  "issue": "`format!()` allocates on every iteration of `for line in reader.lines()`.",
                  "proposal": "use std::fmt::Write;\nlet mut buf = String::new(); // once, before the loop\n// in the loop body:\nbuf.clear();\nwrite!(buf, \"{}:{}\", path, fields.len()).unwrap(); // writing to a String cannot fail\n// use `&buf` where the formatted value was used",
                  "impact": {
                    "allocations_avoided": 1,
                    "bytes_saved": null,
                    "unit": "iteration of `for line in reader.lines()`",
                    "applies_to": "every call of `Worker::process_file`",
                    "level": "High"
                  },
                  "tradeoffs": {
                    "pros": [
                      "Fewer allocator calls on a path that runs once per element."
                    ],
                    "cons": [
                      "A reused buffer must be cleared at the top of each iteration."
                    ]
                  },
                  "prerequisites": [],
                  "source": "builtin",
                  "reach": {
                    "heat": "hot",
                    "loop_depth": 2,
                    "reasons": [
                      "runs per iteration of `for line in reader.lines()` in `Worker::process_file`",
                      "called per iteration of `for path in std::env::args().skip(1)` from `main` (crates/worker/src/main.rs:7)",
                      "entry: `fn main` (crates/worker/src/main.rs:3)"
                    ]
                  }
                },
                "state": "persisting",
                "validation": {
                  "finding_id": "F-011",
                  "fingerprint": "8c5a9dd8bdeed441",
                  "verdict": "APPROVED",
                  "lifetime": {
                    "status": "PASS",
                    "evidence": "`format!(..)` at line 40 stays within one iteration of the `for` loop at line 37: `key` is only read or borrowed after it is made, and dropped at the end of its scope; one reused buffer in its place lives long enough"
                  },
                  "thread_safety": {
                    "status": "N/A",
                    "evidence": "`fn process_file` neither spawns nor runs in a task: the change is single-threaded"
                  },
                  "no_undefined_behavior": {
                    "status": "PASS",
                    "evidence": "the proposal is safe Rust: no `unsafe`, `transmute` or raw parts"
                  },
                  "estimate_plausible": {
                    "answer": "YES",
                    "evidence": "1 allocation(s) per iteration of `for line in reader.lines()` against 1 allocating expression(s) at lines 40-40, each run once per iteration"
                  },
                  "hot_path": {
                    "answer": "YES",
                    "evidence": "per iteration of the `for` loop at line 37 in `fn process_file`; called per item: runs per iteration of `for line in reader.lines()` in `Worker::process_file` ← called per iteration of `for path in std::env::args().skip(1)` from `main` (crates/worker/src/main.rs:7) ← entry: `fn main` (crates/worker/src/main.rs:3)"
                  },
                  "complexity_justified": {
                    "answer": "YES",
                    "evidence": "impact High against effort Low (proposal of 4 line(s), 0 prerequisite(s))"
                  },
                  "issues": [],
                  "conditions": [
                    "Gain: one allocation of `format!(..)` per iteration of the `for` loop at line 37, after the first iterations (the buffer keeps its capacity)",
                    "the buffer is created once above the `for` loop at line 37 and `clear()`ed at the start of each iteration",
                    "the buffer is not stored, sent or returned from the loop body",
                    "the crate's tests pass and a heap profile (DHAT) of a representative input shows fewer allocations"
                  ],
                  "counterexample": null,
                  "engine": "builtin"
                },
                "decision": {
                  "finding_id": "F-011",
                  "fingerprint": "8c5a9dd8bdeed441",
                  "kind": "implement",
                  "note": "Small change; do it this sprint.",
                  "round": 1,
                  "decided_at": "2025-03-10T10:11:00.000Z"
                }
              },
              {
                "finding": {
                  "id": "F-012",
                  "fingerprint": "10d5c2c3bc4b7a26",
                  "category": "UNNECESSARY_CLONE",
                  "file": "crates/worker/src/pipeline.rs",
                  "line_start": 26,
                  "line_end": 26,
                  "crate": "ingest-worker",
                  "priority": "P0",
                  "item_path": "pipeline::Pipeline::label_rows",
                  "confidence": "HIGH",
                  "safety": "SAFE",
                  "code": "                let l = label.clone();",
                  "issue": "`l` is a copy of `label` that is only read afterwards; a borrow gives the same reads without allocating.",
                  "proposal": "let l = &label;",
                  "impact": {
                    "allocations_avoided": 1,
                    "bytes_saved": null,
                    "unit": "iteration of `for row in rows`",
                    "applies_to": "iteration of `for row in rows`, nested 2 loops deep (inside iteration of `for (name,rows) in &self.sinks`) in `pipeline::Pipeline::label_rows`",
                    "level": "High"
                  },
                  "tradeoffs": {
                    "pros": [
                      "Removes an allocation and a copy per execution."
                    ],
                    "cons": [
                      "The borrow ties `l` to the source's lifetime; mutating the source while it lives will not compile."
                    ]
                  },
                  "prerequisites": [],
                  "source": "builtin",
                  "reach": {
                    "heat": "hot",
                    "loop_depth": 2,
                    "reasons": [
                      "runs per iteration of `for row in rows` in `Pipeline::label_rows`",
                      "called once per call from `Pipeline::drain` (crates/worker/src/pipeline.rs:34)",
                      "called once per call from `Worker::finish` (crates/worker/src/lib.rs:56)",
                      "called once per call from `main` (crates/worker/src/main.rs:11)",
                      "entry: `fn main` (crates/worker/src/main.rs:3)"
                    ]
                  },
                  "edit": {
                    "summary": "borrow `label` instead of `.clone()`",
                    "hunks": [
                      {
                        "file": "crates/worker/src/pipeline.rs",
                        "start": 761,
                        "end": 774,
                        "line": 26,
                        "original": "label.clone()",
                        "replacement": "&label"
                      }
                    ]
                  }
                },
                "state": "persisting",
                "validation": {
                  "finding_id": "F-012",
                  "fingerprint": "10d5c2c3bc4b7a26",
                  "verdict": "REJECTED",
                  "lifetime": {
                    "status": "PASS",
                    "evidence": "`label` is neither mutated nor moved after line 26 in `fn label_rows`, so a borrow can stand in for the clone"
                  },
                  "thread_safety": {
                    "status": "N/A",
                    "evidence": "`fn label_rows` neither spawns nor runs in a task: the change is single-threaded"
                  },
                  "no_undefined_behavior": {
                    "status": "PASS",
                    "evidence": "the proposal is safe Rust: no `unsafe`, `transmute` or raw parts"
                  },
                  "estimate_plausible": {
                    "answer": "NO",
                    "evidence": "the claimed saving cannot be realised: the code is needed as written"
                  },
                  "hot_path": {
                    "answer": "NO",
                    "evidence": "per iteration of the `for` loop at line 25 in `fn label_rows`; once per process: runs per iteration of `for row in rows` in `Pipeline::label_rows` ← called once per call from `Pipeline::drain` (crates/worker/src/pipeline.rs:34) ← called once per call from `Worker::finish` (crates/worker/src/lib.rs:56) ← called once per call from `main` (crates/worker/src/main.rs:11) ← entry: `fn main` (crates/worker/src/main.rs:3)"
                  },
                  "complexity_justified": {
                    "answer": "YES",
                    "evidence": "impact High against effort Low (proposal of 1 line(s), 0 prerequisite(s))"
                  },
                  "issues": [
                    {
                      "id": "F-012-I1",
                      "description": "The `for` loop at line 25 runs once per process: runs per iteration of `for row in rows` in `Pipeline::label_rows` ← called once per call from `Pipeline::drain` (crates/worker/src/pipeline.rs:34) ← called once per call from `Worker::finish` (crates/worker/src/lib.rs:56) ← called once per call from `main` (crates/worker/src/main.rs:11) ← entry: `fn main` (crates/worker/src/main.rs:3). [rule: once-per-process]",
                      "risk": "The saving is one allocation per element of a collection walked once per run, not per item of the program's data.",
                      "suggestion": "Leave it; look at the code that runs per item."
                    }
                  ],
                  "conditions": [],
                  "counterexample": "`label.clone()` at line 26 repeats only over the `for` loop at line 25, and that loop runs once per process (runs per iteration of `for row in rows` in `Pipeline::label_rows` ← called once per call from `Pipeline::drain` (crates/worker/src/pipeline.rs:34) ← called once per call from `Worker::finish` (crates/worker/src/lib.rs:56) ← called once per call from `main` (crates/worker/src/main.rs:11) ← entry: `fn main` (crates/worker/src/main.rs:3)): over a run it allocates as many times as the collection has elements, which no user of the program notices.",
                  "engine": "builtin"
                },
                "decision": {
                  "finding_id": "F-012",
                  "fingerprint": "10d5c2c3bc4b7a26",
                  "kind": "reject_false_positive",
                  "note": "The Validator is right.",
                  "round": 2,
                  "decided_at": "2025-03-12T10:12:00.000Z"
                }
              },
              {
                "finding": {
                  "id": "F-015",
                  "fingerprint": "2f8effc2e3da5786",
                  "category": "LIFETIME_EXTENSION",
                  "file": "crates/scan/src/watch.rs",
                  "line_start": 7,
                  "line_end": 7,
                  "crate": "ingest-scan",
                  "priority": "P1",
                  "item_path": "watch::Watcher",
                  "confidence": "MEDIUM",
                  "safety": "NEEDS_REVIEW",
                  "code": "    seen: HashMap<String, SystemTime>,",
                  "issue": "`seen` (field of `Watcher`) is used as a cache but entries are only ever inserted: nothing in this file removes, clears or bounds it, so it grows for as long as its owner lives.",
                  "proposal": "// Bound the cache: evict on insert once a limit is reached, e.g.\nif cache.len() >= MAX_ENTRIES {\n    cache.clear(); // or an LRU (`lru` crate) / `retain` by age\n}\ncache.insert(key, value);",
                  "impact": {
                    "allocations_avoided": null,
                    "bytes_saved": null,
                    "unit": "distinct key seen",
                    "applies_to": "memory held by `seen` over the process lifetime",
                    "level": "High"
                  },
                  "tradeoffs": {
                    "pros": [
                      "Memory stays bounded on long runs and large inputs."
                    ],
                    "cons": [
                      "Evicted entries are recomputed; a limit must be chosen."
                    ]
                  },
                  "prerequisites": [
                    "Check other files of the crate for eviction before changing it."
                  ],
                  "source": "builtin",
                  "reach": {
                    "heat": "warm",
                    "loop_depth": 0,
                    "reasons": [
                      "a type declaration: paid wherever its values are built or stored"
                    ],
                    "growth": {
                      "sites": [
                        "`Watcher::poll` (crates/scan/src/watch.rs:30): entry: public API `Watcher::poll` of library `ingest_scan`: called per call of its user"
                      ],
                      "unbounded": "`Watcher::poll` (crates/scan/src/watch.rs:30): entry: public API `Watcher::poll` of library `ingest_scan`: called per call of its user"
                    }
                  }
                },
                "state": "persisting",
                "validation": {
                  "finding_id": "F-015",
                  "fingerprint": "2f8effc2e3da5786",
                  "verdict": "NEEDS_WORK",
                  "lifetime": {
                    "status": "UNCLEAR",
                    "evidence": "the code the finding describes was not located"
                  },
                  "thread_safety": {
                    "status": "UNCLEAR",
                    "evidence": "the code was not located"
                  },
                  "no_undefined_behavior": {
                    "status": "PASS",
                    "evidence": "the proposal is safe Rust: no `unsafe`, `transmute` or raw parts"
                  },
                  "estimate_plausible": {
                    "answer": "NEEDS_MEASUREMENT",
                    "evidence": "the finding gives no allocation or byte count"
                  },
                  "hot_path": {
                    "answer": "MAYBE",
                    "evidence": "the code was not located"
                  },
                  "complexity_justified": {
                    "answer": "YES",
                    "evidence": "impact High against effort Medium (proposal of 4 line(s), 1 prerequisite(s))"
                  },
                  "issues": [
                    {
                      "id": "F-015-I1",
                      "description": "`seen` grows in `Watcher::poll` (crates/scan/src/watch.rs:30): entry: public API `Watcher::poll` of library `ingest_scan`: called per call of its user, and nothing in this file drains, clears or bounds it. Does each pass add a new entry for as long as the program runs, or does it refill the same keys (an intern table, a memo of a finite input)? [rule: field-growth]",
                      "risk": "A collection filled from a finite input is the program's data, not a leak; only growth per event of an unbounded loop keeps memory for nothing.",
                      "suggestion": "Show that `seen` takes new entries without end (a server, a watcher, a UI tick), or that its keys repeat."
                    }
                  ],
                  "conditions": [
                    "Show that `seen` takes new entries without end (a server, a watcher, a UI tick), or that its keys repeat."
                  ],
                  "counterexample": null,
                  "engine": "builtin"
                },
                "decision": {
                  "finding_id": "F-015",
                  "fingerprint": "2f8effc2e3da5786",
                  "kind": "defer",
                  "note": "Measure with a heap profile first.",
                  "defer_until_round": 3,
                  "round": 1,
                  "decided_at": "2025-03-10T10:15:00.000Z"
                }
              },
              {
                "finding": {
                  "id": "F-016",
                  "fingerprint": "946356c19bcd4279",
                  "category": "ALLOCATION_LOOP",
                  "file": "crates/schema/src/validate.rs",
                  "line_start": 14,
                  "line_end": 14,
                  "crate": "ingest-schema",
                  "priority": "P2",
                  "item_path": "validate::Validator::check_rows",
                  "confidence": "HIGH",
                  "safety": "SAFE",
                  "code": "            let ctx = format!(\"row {i}\");",
                  "issue": "`format!()` allocates on every iteration of `for (i,row) in rows.iter().enumerate()`.",
                  "proposal": "use std::fmt::Write;\nlet mut buf = String::new(); // once, before the loop\n// in the loop body:\nbuf.clear();\nwrite!(buf, \"row {i}\").unwrap(); // writing to a String cannot fail\n// use `&buf` where the formatted value was used",
                  "impact": {
                    "allocations_avoided": 1,
                    "bytes_saved": null,
                    "unit": "iteration of `for (i,row) in rows.iter().enumerate()`",
                    "applies_to": "every call of `validate::Validator::check_rows`",
                    "level": "High"
                  },
                  "tradeoffs": {
                    "pros": [
                      "Fewer allocator calls on a path that runs once per element."
                    ],
                    "cons": [
                      "A reused buffer must be cleared at the top of each iteration."
                    ]
                  },
                  "prerequisites": [],
                  "source": "builtin",
                  "reach": {
                    "heat": "hot",
                    "loop_depth": 1,
                    "reasons": [
                      "runs per iteration of `for (i,row) in rows.iter().enumerate()` in `Validator::check_rows`",
                      "entry: public API `Validator::check_rows` of library `ingest_schema`: called per call of its user"
                    ]
                  },
                  "edit": {
                    "summary": "`write!` into one reused `String` (`ctx_buf`) instead of `format!`",
                    "hunks": [
                      {
                        "file": "crates/schema/src/validate.rs",
                        "start": 303,
                        "end": 303,
                        "line": 13,
                        "original": "",
                        "replacement": "use std::fmt::Write as _;\n        let mut ctx_buf = String::new();\n        "
                      },
                      {
                        "file": "crates/schema/src/validate.rs",
                        "start": 357,
                        "end": 386,
                        "line": 14,
                        "original": "let ctx = format!(\"row {i}\");",
                        "replacement": "ctx_buf.clear();\n            write!(ctx_buf, \"row {i}\").unwrap();\n            let ctx = ctx_buf.as_str();"
                      }
                    ]
                  }
                },
                "state": "persisting",
                "validation": {
                  "finding_id": "F-016",
                  "fingerprint": "946356c19bcd4279",
                  "verdict": "APPROVED",
                  "lifetime": {
                    "status": "PASS",
                    "evidence": "`format!(..)` at line 14 stays within one iteration of the `for` loop at line 13: `ctx` is only read or borrowed after it is made, and dropped at the end of its scope; one reused buffer in its place lives long enough"
                  },
                  "thread_safety": {
                    "status": "N/A",
                    "evidence": "`fn check_rows` neither spawns nor runs in a task: the change is single-threaded"
                  },
                  "no_undefined_behavior": {
                    "status": "PASS",
                    "evidence": "the proposal is safe Rust: no `unsafe`, `transmute` or raw parts"
                  },
                  "estimate_plausible": {
                    "answer": "YES",
                    "evidence": "1 allocation(s) per iteration of `for (i,row) in rows.iter().enumerate()` against 1 allocating expression(s) at lines 14-14, each run once per iteration"
                  },
                  "hot_path": {
                    "answer": "YES",
                    "evidence": "per iteration of the `for` loop at line 13 in `fn check_rows`; once per call of an entry point: runs per iteration of `for (i,row) in rows.iter().enumerate()` in `Validator::check_rows` ← entry: public API `Validator::check_rows` of library `ingest_schema`: called per call of its user"
                  },
                  "complexity_justified": {
                    "answer": "YES",
                    "evidence": "impact High against effort Low (proposal of 4 line(s), 0 prerequisite(s))"
                  },
                  "issues": [],
                  "conditions": [
                    "Gain: one allocation of `format!(..)` per iteration of the `for` loop at line 13, after the first iterations (the buffer keeps its capacity)",
                    "the buffer is created once above the `for` loop at line 13 and `clear()`ed at the start of each iteration",
                    "the buffer is not stored, sent or returned from the loop body",
                    "the crate's tests pass and a heap profile (DHAT) of a representative input shows fewer allocations"
                  ],
                  "counterexample": null,
                  "engine": "builtin"
                },
                "decision": null
              },
              {
                "finding": {
                  "id": "F-020",
                  "fingerprint": "63bf219bd2a29396",
                  "category": "ALLOCATION_LOOP",
                  "file": "crates/config/src/lib.rs",
                  "line_start": 14,
                  "line_end": 14,
                  "crate": "ingest-config",
                  "priority": "P3",
                  "item_path": "Config::load",
                  "confidence": "MEDIUM",
                  "safety": "NEEDS_REVIEW",
                  "code": "            columns.push(c.to_string());",
                  "issue": "`.to_string()` allocates on every iteration of `for c in text.split(',')`.",
                  "proposal": "// The owned value is stored: consider interning repeated strings, a `Cow<'_, str>`\n// that borrows from the input, or one arena per batch.",
                  "impact": {
                    "allocations_avoided": 1,
                    "bytes_saved": null,
                    "unit": "iteration of `for c in text.split(',')`",
                    "applies_to": "every call of `Config::load`",
                    "level": "Medium"
                  },
                  "tradeoffs": {
                    "pros": [
                      "Fewer allocator calls on a path that runs once per element."
                    ],
                    "cons": [
                      "The value is stored, so removing the allocation changes the stored type (borrow, `Cow`, interning or an arena)."
                    ]
                  },
                  "prerequisites": [],
                  "source": "builtin",
                  "reach": {
                    "heat": "hot",
                    "loop_depth": 1,
                    "reasons": [
                      "runs per iteration of `for c in text.split(',')` in `Config::load`",
                      "entry: public API `Config::load` of library `ingest_config`: it builds or configures, once per use of the library"
                    ]
                  }
                },
                "state": "persisting",
                "validation": {
                  "finding_id": "F-020",
                  "fingerprint": "63bf219bd2a29396",
                  "verdict": "REJECTED",
                  "lifetime": {
                    "status": "UNCLEAR",
                    "evidence": "`c.to_string()` at line 14 outlives its expression: it is passed to `.push(..)` at line 14, which keeps it"
                  },
                  "thread_safety": {
                    "status": "N/A",
                    "evidence": "`fn load` neither spawns nor runs in a task: the change is single-threaded"
                  },
                  "no_undefined_behavior": {
                    "status": "PASS",
                    "evidence": "the proposal is safe Rust: no `unsafe`, `transmute` or raw parts"
                  },
                  "estimate_plausible": {
                    "answer": "MAYBE",
                    "evidence": "no concrete change, so no saving to check"
                  },
                  "hot_path": {
                    "answer": "NO",
                    "evidence": "per iteration of the `for` loop at line 13 in `fn load`; once per process: runs per iteration of `for c in text.split(',')` in `Config::load` ← entry: public API `Config::load` of library `ingest_config`: it builds or configures, once per use of the library"
                  },
                  "complexity_justified": {
                    "answer": "YES",
                    "evidence": "impact Medium against effort Low (proposal of 0 line(s), 0 prerequisite(s))"
                  },
                  "issues": [
                    {
                      "id": "F-020-I1",
                      "description": "The proposal is a sketch, not a change to this code: the proposal has no code, only advice: \"The owned value is stored: consider interning repeated strings, a `Cow<'_, str>`\". The finding is kept as a LOW note. [rule: sketch-proposal]",
                      "risk": "A reader cannot apply or check a category of fixes; approving it would approve nothing concrete.",
                      "suggestion": "Write the change for this code (its names, its types), then validate again."
                    }
                  ],
                  "conditions": [],
                  "counterexample": "the proposal has no code, only advice: \"The owned value is stored: consider interning repeated strings, a `Cow<'_, str>`\": there is no code to compile or to review against lines 14-14, so there is nothing to approve; the observation stays as a note.",
                  "engine": "builtin"
                },
                "decision": {
                  "finding_id": "F-020",
                  "fingerprint": "63bf219bd2a29396",
                  "kind": "reject_false_positive",
                  "note": "The Validator is right.",
                  "round": 2,
                  "decided_at": "2025-03-12T10:20:00.000Z"
                }
              },
              {
                "finding": {
                  "id": "F-009",
                  "fingerprint": "38a89a20f1df04bb",
                  "category": "UNNECESSARY_CLONE",
                  "file": "crates/worker/src/bridge.rs",
                  "line_start": 24,
                  "line_end": 24,
                  "crate": "ingest-worker",
                  "priority": "P0",
                  "item_path": "bridge::Bridge::flush",
                  "confidence": "MEDIUM",
                  "safety": "SAFE",
                  "code": "            let schema = self.schema.clone();",
                  "issue": "`schema` is a copy of `self.schema` that is only read afterwards; a borrow gives the same reads without allocating.",
                  "proposal": "let schema = &self.schema;",
                  "impact": {
                    "allocations_avoided": 1,
                    "bytes_saved": null,
                    "unit": "iteration of `for row in &batch.rows`",
                    "applies_to": "every call of `bridge::Bridge::flush`",
                    "level": "High"
                  },
                  "tradeoffs": {
                    "pros": [
                      "Removes an allocation and a copy per execution."
                    ],
                    "cons": [
                      "The borrow ties `schema` to the source's lifetime; mutating the source while it lives will not compile."
                    ]
                  },
                  "prerequisites": [],
                  "source": "builtin",
                  "reach": {
                    "heat": "hot",
                    "loop_depth": 2,
                    "reasons": [
                      "runs per iteration of `for row in &batch.rows` in `Bridge::flush`",
                      "called once per call from `Worker::process_file` (crates/worker/src/lib.rs:45)",
                      "called per iteration of `for path in std::env::args().skip(1)` from `main` (crates/worker/src/main.rs:7)",
                      "entry: `fn main` (crates/worker/src/main.rs:3)"
                    ]
                  },
                  "edit": {
                    "summary": "borrow `self.schema` instead of `.clone()`",
                    "hunks": [
                      {
                        "file": "crates/worker/src/bridge.rs",
                        "start": 546,
                        "end": 565,
                        "line": 24,
                        "original": "self.schema.clone()",
                        "replacement": "&self.schema"
                      }
                    ]
                  }
                },
                "state": "fixed",
                "validation": null,
                "decision": {
                  "finding_id": "F-009",
                  "fingerprint": "38a89a20f1df04bb",
                  "kind": "implement",
                  "note": "Small change; do it this sprint.",
                  "round": 1,
                  "decided_at": "2025-03-10T10:09:00.000Z"
                }
              }
            ],
            "report": {
              "round": 2,
              "summary": {
                "total": 13,
                "approved": 7,
                "needs_work": 5,
                "rejected": 1,
                "new": 2,
                "estimated_bytes_saved": null,
                "estimated_allocations_avoided": 6,
                "estimated_allocation_reduction_pct": 100.0,
                "measured": null,
                "figures": [
                  {
                    "key": "memory_impact",
                    "label": "Memory impact",
                    "value": null,
                    "unit": "not estimated",
                    "kind": "unknown",
                    "basis": "No approved finding states a byte saving, and the session has no heap profile.",
                    "action": "Profile a workload (`memaudit profile`) to measure it."
                  },
                  {
                    "key": "allocation_reduction",
                    "label": "Allocation reduction",
                    "value": "~100%",
                    "unit": "of the allocations flagged in hot code",
                    "kind": "estimated",
                    "basis": "Not measured. Hot-path findings state 6 allocations per pass through their code; approved findings remove 6 of them. Only what the audit flagged is counted, not the program's allocations: this is not the share of its allocations a program would lose.",
                    "action": "Profile a workload (`memaudit profile`) to measure it."
                  },
                  {
                    "key": "allocations",
                    "label": "Allocations removed per pass",
                    "value": "~6",
                    "unit": "summed over 6 approved findings",
                    "kind": "estimated",
                    "basis": "Each approved finding states the allocations one pass through its code (one loop iteration or call) would no longer make; this sums them over 6 findings. Not a count over a run: how often each pass runs is unknown without a profile.",
                    "action": "Profile a workload (`memaudit profile`) to measure it."
                  }
                ],
                "cold": 0,
                "notes": 2
              },
              "quick_wins": [
                {
                  "finding_id": "F-002",
                  "location": "ingest-proto/codec.rs",
                  "category": "ALLOCATION_LOOP",
                  "impact": "High",
                  "effort": "Low",
                  "score": 9.0,
                  "measured": false,
                  "at": "crates/proto/src/codec.rs:24",
                  "summary": "`format!()` allocates on every iteration of `for (name,value) in names.iter().zip(row)`.",
                  "validation": "APPROVED (builtin): hot path YES — per iteration of the `for` loop at line 23 in `fn encode_row`; called per item: runs per iteration of `for (name,value) in names.iter().zip(row)` in…; lifetime PASS, thread safety N/A, no UB PASS",
                  "gain": "~1 allocation per iteration of `for (name,value) in names.iter().zip(row)` (estimate, not measured)",
                  "diff": "--- a/crates/proto/src/codec.rs\n+++ b/crates/proto/src/codec.rs\n@@ line 23 @@\n+use std::fmt::Write as _;\n+    let mut pair_buf = String::new();\n@@ line 24 @@\n-let pair = format!(\"{name}={value};\");\n+pair_buf.clear();\n+        write!(pair_buf, \"{name}={value};\").unwrap();\n+        let pair = pair_buf.as_str();\n",
                  "proposal": "use std::fmt::Write;\nlet mut buf = String::new(); // once, before the loop\n// in the loop body:\nbuf.clear();\nwrite!(buf, \"{name}={value};\").unwrap(); // writing to a String cannot fail\n// use `&buf` where the formatted value was used"
                },
                {
                  "finding_id": "F-003",
                  "location": "ingest-proto/codec.rs",
                  "category": "ALLOCATION_LOOP",
                  "impact": "High",
                  "effort": "Low",
                  "score": 9.0,
                  "measured": false,
                  "at": "crates/proto/src/codec.rs:33",
                  "summary": "`buf` (Vec::new()) is created, filled and dropped on every iteration; its heap buffer is allocated (and regrown) each time.",
                  "validation": "APPROVED (builtin): hot path YES — per iteration of the `for` loop at line 32 in `fn encode_all`; once per call of an entry point: runs per iteration of `for msg in messages` in `encode_all` ← en…; lifetime PASS, thread safety N/A, no UB PASS",
                  "gain": "~1 allocation per iteration of `for msg in messages` (estimate, not measured)",
                  "diff": "--- a/crates/proto/src/codec.rs\n+++ b/crates/proto/src/codec.rs\n@@ line 32 @@\n+let mut buf = Vec::new();\n@@ line 33 @@\n-let mut buf = Vec::new();\n+buf.clear();\n",
                  "proposal": "let mut buf = Vec::new(); // once, before the loop\n// in the loop body:\nbuf.clear(); // keeps the capacity"
                },
                {
                  "finding_id": "F-010",
                  "location": "ingest-worker/lib.rs",
                  "category": "ALLOCATION_LOOP",
                  "impact": "High",
                  "effort": "Low",
                  "score": 9.0,
                  "measured": false,
                  "at": "crates/worker/src/lib.rs:39",
                  "summary": "`.collect()` allocates on every iteration of `for line in reader.lines()`.",
                  "validation": "APPROVED (builtin): hot path YES — per iteration of the `for` loop at line 37 in `fn process_file`; called per item: runs per element of `line.split(',').map(..)` in `Worker::process_file` ← call…; lifetime PASS, thread safety N/A, no UB PASS",
                  "gain": "~1 allocation per iteration of `for line in reader.lines()` (estimate, not measured)",
                  "diff": "--- a/crates/worker/src/lib.rs\n+++ b/crates/worker/src/lib.rs\n@@ line 37 @@\n+let mut fields: Vec<String> = Vec::new();\n@@ line 39 @@\n-let fields: Vec<String> = line.split(',').map(|s| s.to_string()).collect();\n+fields.clear();\n+            fields.extend(line.split(',').map(|s| s.to_string()));\n",
                  "proposal": "let mut buf = Vec::new(); // once, before the loop\n// in the loop body:\nbuf.clear();\nbuf.extend(/* the same iterator */);"
                },
                {
                  "finding_id": "F-011",
                  "location": "ingest-worker/lib.rs",
                  "category": "ALLOCATION_LOOP",
                  "impact": "High",
                  "effort": "Low",
                  "score": 9.0,
                  "measured": false,
                  "at": "crates/worker/src/lib.rs:40",
                  "summary": "`format!()` allocates on every iteration of `for line in reader.lines()`.",
                  "validation": "APPROVED (builtin): hot path YES — per iteration of the `for` loop at line 37 in `fn process_file`; called per item: runs per iteration of `for line in reader.lines()` in `Worker::process_file` ←…; lifetime PASS, thread safety N/A, no UB PASS",
                  "gain": "~1 allocation per iteration of `for line in reader.lines()` (estimate, not measured)",
                  "diff": null,
                  "proposal": "use std::fmt::Write;\nlet mut buf = String::new(); // once, before the loop\n// in the loop body:\nbuf.clear();\nwrite!(buf, \"{}:{}\", path, fields.len()).unwrap(); // writing to a String cannot fail\n// use `&buf` where the formatted value was used"
                },
                {
                  "finding_id": "F-016",
                  "location": "ingest-schema/validate.rs",
                  "category": "ALLOCATION_LOOP",
                  "impact": "High",
                  "effort": "Low",
                  "score": 9.0,
                  "measured": false,
                  "at": "crates/schema/src/validate.rs:14",
                  "summary": "`format!()` allocates on every iteration of `for (i,row) in rows.iter().enumerate()`.",
                  "validation": "APPROVED (builtin): hot path YES — per iteration of the `for` loop at line 13 in `fn check_rows`; once per call of an entry point: runs per iteration of `for (i,row) in rows.iter().enumerate()` i…; lifetime PASS, thread safety N/A, no UB PASS",
                  "gain": "~1 allocation per iteration of `for (i,row) in rows.iter().enumerate()` (estimate, not measured)",
                  "diff": "--- a/crates/schema/src/validate.rs\n+++ b/crates/schema/src/validate.rs\n@@ line 13 @@\n+use std::fmt::Write as _;\n+        let mut ctx_buf = String::new();\n@@ line 14 @@\n-let ctx = format!(\"row {i}\");\n+ctx_buf.clear();\n+            write!(ctx_buf, \"row {i}\").unwrap();\n+            let ctx = ctx_buf.as_str();\n",
                  "proposal": "use std::fmt::Write;\nlet mut buf = String::new(); // once, before the loop\n// in the loop body:\nbuf.clear();\nwrite!(buf, \"row {i}\").unwrap(); // writing to a String cannot fail\n// use `&buf` where the formatted value was used"
                },
                {
                  "finding_id": "F-021",
                  "location": "ingest-scan/walk.rs",
                  "category": "ALLOCATION_LOOP",
                  "impact": "Medium",
                  "effort": "Low",
                  "score": 6.0,
                  "measured": false,
                  "at": "crates/scan/src/walk.rs:38",
                  "summary": "`out` starts empty and receives exactly one `push` per iteration of `for f in found`, so it reallocates about log2(n) times while growing although the final length is known up front.",
                  "validation": "APPROVED (builtin): hot path YES — per iteration of the `for` loop at line 39 in `fn sizes`; once per call of an entry point: entry: public API `sizes` of library `ingest_scan`: called per call o…; lifetime PASS, thread safety N/A, no UB PASS",
                  "gain": "— not estimated; profile a workload (`memaudit profile`) to measure it",
                  "diff": "--- a/crates/scan/src/walk.rs\n+++ b/crates/scan/src/walk.rs\n@@ line 38 @@\n-Vec::new()\n+Vec::with_capacity(found.len())\n",
                  "proposal": "let mut out = Vec::with_capacity(found.len());"
                },
                {
                  "finding_id": "F-022",
                  "location": "ingest-scan/walk.rs",
                  "category": "ALLOCATION_LOOP",
                  "impact": "Medium",
                  "effort": "Low",
                  "score": 6.0,
                  "measured": false,
                  "at": "crates/scan/src/walk.rs:42",
                  "summary": "`parts` collects every item into a new `Vec` on every iteration of `for f in found`, but it is only counted: the iterator gives the same answer without the allocation and the copy of each item.",
                  "validation": "APPROVED (builtin): hot path YES — per iteration of the `for` loop at line 39 in `fn sizes`; once per call of an entry point: runs per iteration of `for f in found` in `sizes` ← entry: public API…; lifetime PASS, thread safety N/A, no UB PASS",
                  "gain": "~1 allocation per iteration of `for f in found` (estimate, not measured)",
                  "diff": null,
                  "proposal": "let parts_len = f.split('/').count();\n// then `parts_len` for `parts.len()`, `parts_len == 0` for `parts.is_empty()`"
                }
              ],
              "recommendations": [
                {
                  "pattern": "per-iteration `Vec` allocation",
                  "category": "ALLOCATION_LOOP",
                  "finding_ids": [
                    "F-003",
                    "F-007",
                    "F-008",
                    "F-021"
                  ],
                  "locations": [
                    "crates/proto/src/codec.rs:33",
                    "crates/scan/src/walk.rs:38",
                    "crates/worker/src/batch.rs:32",
                    "crates/worker/src/batch.rs:47"
                  ],
                  "unified_fix": "Hoist one `Vec` above the loop and `clear()` it per iteration (capacity is kept); share a `BufferPool` where the loop spans functions."
                },
                {
                  "pattern": "`format!` in a loop",
                  "category": "ALLOCATION_LOOP",
                  "finding_ids": [
                    "F-002",
                    "F-011",
                    "F-016"
                  ],
                  "locations": [
                    "crates/proto/src/codec.rs:24",
                    "crates/schema/src/validate.rs:14",
                    "crates/worker/src/lib.rs:40"
                  ],
                  "unified_fix": "Write into one reusable `String` with `write!` after `clear()`; where buffers cross functions, a small `BufferPool` hands them out and takes them back."
                }
              ],
              "by_crate": [
                {
                  "crate": "ingest-proto",
                  "priority": "P0",
                  "findings": [
                    {
                      "finding_id": "F-001",
                      "summary": "Variant `Data` is ~4096 bytes while the next largest is ~0: every `Message` value (in vectors, maps, channels) occupies the largest size.",
                      "verdict": "NEEDS_WORK",
                      "state": "persisting"
                    },
                    {
                      "finding_id": "F-002",
                      "summary": "`format!()` allocates on every iteration of `for (name,value) in names.iter().zip(row)`.",
                      "verdict": "APPROVED",
                      "state": "persisting"
                    },
                    {
                      "finding_id": "F-003",
                      "summary": "`buf` (Vec::new()) is created, filled and dropped on every iteration; its heap buffer is allocated (and regrown) each time.",
                      "verdict": "APPROVED",
                      "state": "persisting"
                    },
                    {
                      "finding_id": "F-004",
                      "summary": "`Box<[u8; 8]>` puts a fixed 8-byte array (8 elements) behind a heap allocation; it fits inline.",
                      "verdict": "NEEDS_WORK",
                      "state": "persisting"
                    }
                  ]
                },
                {
                  "crate": "ingest-scan",
                  "priority": "P0",
                  "findings": [
                    {
                      "finding_id": "F-015",
                      "summary": "`seen` (field of `Watcher`) is used as a cache but entries are only ever inserted: nothing in this file removes, clears or bounds it, so it grows for as long as its owner lives.",
                      "verdict": "NEEDS_WORK",
                      "state": "persisting"
                    },
                    {
                      "finding_id": "F-021",
                      "summary": "`out` starts empty and receives exactly one `push` per iteration of `for f in found`, so it reallocates about log2(n) times while growing although the final length is known up front.",
                      "verdict": "APPROVED",
                      "state": "new"
                    },
                    {
                      "finding_id": "F-022",
                      "summary": "`parts` collects every item into a new `Vec` on every iteration of `for f in found`, but it is only counted: the iterator gives the same answer without the allocation and the copy of each item.",
                      "verdict": "APPROVED",
                      "state": "new"
                    }
                  ]
                },
                {
                  "crate": "ingest-schema",
                  "priority": "P0",
                  "findings": [
                    {
                      "finding_id": "F-005",
                      "summary": "`Type` is a recursive type whose nodes are each a separate heap allocation; a tree is typically built and dropped as a whole, which an arena does in one go.",
                      "verdict": "NEEDS_WORK",
                      "state": "persisting"
                    },
                    {
                      "finding_id": "F-016",
                      "summary": "`format!()` allocates on every iteration of `for (i,row) in rows.iter().enumerate()`.",
                      "verdict": "APPROVED",
                      "state": "persisting"
                    }
                  ]
                },
                {
                  "crate": "ingest-worker",
                  "priority": "P0",
                  "findings": [
                    {
                      "finding_id": "F-007",
                      "summary": "`cols` starts empty and receives exactly one `push` per iteration of `for name in columns`, so it reallocates about log2(n) times while growing although the final length is known up front.",
                      "verdict": "NEEDS_WORK",
                      "state": "persisting"
                    },
                    {
                      "finding_id": "F-008",
                      "summary": "`encoded` starts empty and receives exactly one `push` per iteration of `for batch in batches`, so it reallocates about log2(n) times while growing although the final length is known up front.",
                      "verdict": "NEEDS_WORK",
                      "state": "persisting"
                    },
                    {
                      "finding_id": "F-009",
                      "summary": "`schema` is a copy of `self.schema` that is only read afterwards; a borrow gives the same reads without allocating.",
                      "verdict": null,
                      "state": "fixed"
                    },
                    {
                      "finding_id": "F-010",
                      "summary": "`.collect()` allocates on every iteration of `for line in reader.lines()`.",
                      "verdict": "APPROVED",
                      "state": "persisting"
                    },
                    {
                      "finding_id": "F-011",
                      "summary": "`format!()` allocates on every iteration of `for line in reader.lines()`.",
                      "verdict": "APPROVED",
                      "state": "persisting"
                    },
                    {
                      "finding_id": "F-012",
                      "summary": "`l` is a copy of `label` that is only read afterwards; a borrow gives the same reads without allocating.",
                      "verdict": "REJECTED",
                      "state": "persisting"
                    }
                  ]
                },
                {
                  "crate": "ingest-config",
                  "priority": "P3",
                  "findings": [
                    {
                      "finding_id": "F-020",
                      "summary": "`.to_string()` allocates on every iteration of `for c in text.split(',')`.",
                      "verdict": "REJECTED",
                      "state": "persisting"
                    }
                  ]
                }
              ],
              "deferred": [
                {
                  "finding_id": "F-001",
                  "reason": "deferred by the user until round 3: Measure with a heap profile first."
                },
                {
                  "finding_id": "F-004",
                  "reason": "NEEDS_WORK: The proposal changes an API: `Box<[u8; 8]>` is written in the return type of `fn header`, and `header` is public: removing the box changes its signature. [rule: api-change]"
                },
                {
                  "finding_id": "F-005",
                  "reason": "deferred by the user until round 3: Measure with a heap profile first."
                },
                {
                  "finding_id": "F-007",
                  "reason": "deferred by the user until round 3: Measure with a heap profile first."
                },
                {
                  "finding_id": "F-008",
                  "reason": "NEEDS_WORK: Is `fn encode_batches` called once per item of the program's data (a file, a line, a record, an event)? The call graph found no caller: no caller of `encode_batches` found in the workspace (called through a macro, a function pointer, or not at all). [rule: caller-unknown]"
                },
                {
                  "finding_id": "F-015",
                  "reason": "deferred by the user until round 3: Measure with a heap profile first."
                }
              ],
              "next_focus": [
                "Rework 1 NEEDS_WORK finding(s) in HEAP_AVOIDABLE: F-004",
                "Rework 1 NEEDS_WORK finding(s) in ALLOCATION_LOOP: F-008"
              ],
              "termination": [
                {
                  "name": "All P0 crates analysed",
                  "met": true,
                  "detail": "4 P0 crate(s) analysed: ingest-scan, ingest-worker, ingest-proto, ingest-schema"
                },
                {
                  "name": "No new HIGH-impact findings in the last round",
                  "met": true,
                  "detail": "round 2 found no new HIGH-impact finding"
                },
                {
                  "name": "No findings awaiting rework",
                  "met": false,
                  "detail": "2 NEEDS_WORK finding(s) without a decision: F-004, F-008"
                },
                {
                  "name": "Actionable report generated",
                  "met": true,
                  "detail": "7 approved finding(s) ready to implement"
                },
                {
                  "name": "User satisfied with coverage",
                  "met": false,
                  "detail": "the user has not terminated the session"
                }
              ],
              "verified": []
            },
            "role_runs": [
              {
                "role": "analyst",
                "engine": "builtin",
                "started_at": "2025-03-12T09:30:00.000Z",
                "finished_at": "2025-03-12T09:30:00.820Z",
                "duration_ms": 820,
                "tokens_in": 0,
                "tokens_out": 0,
                "cost_usd": 0.0,
                "status": "finished",
                "error": null
              },
              {
                "role": "validator",
                "engine": "builtin",
                "started_at": "2025-03-12T09:30:00.820Z",
                "finished_at": "2025-03-12T09:30:01.160Z",
                "duration_ms": 340,
                "tokens_in": 0,
                "tokens_out": 0,
                "cost_usd": 0.0,
                "status": "finished",
                "error": null
              },
              {
                "role": "coordinator",
                "engine": "builtin",
                "started_at": "2025-03-12T09:30:01.160Z",
                "finished_at": "2025-03-12T09:30:01.205Z",
                "duration_ms": 45,
                "tokens_in": 0,
                "tokens_out": 0,
                "cost_usd": 0.0,
                "status": "finished",
                "error": null
              }
            ],
            "decision": null,
            "focus": []
          }
        ],
        "status": {
          "session": "memory_audit_001",
          "rounds": 2,
          "current_round": 2,
          "round_status": "awaiting_decision",
          "total_findings": 16,
          "approved": 7,
          "needs_work": 6,
          "rejected": 2,
          "new": 2,
          "persisting": 11,
          "fixed": 1,
          "stale": 2,
          "decided_implement": 6,
          "decided_defer": 5,
          "decided_reject": 2,
          "undecided": 3
        }
      },
      "overview": {
        "session": {
          "id": 2,
          "name": "memory_audit_001",
          "workspace": "/home/lead/src/ingest",
          "created_at": "2025-03-10T09:30:00.000Z",
          "updated_at": "2025-03-12T16:30:00.000Z",
          "status": "active",
          "rounds": 2,
          "findings": 22
        },
        "crates": [
          "ingest-scan",
          "ingest-worker",
          "ingest-proto",
          "ingest-schema",
          "ingest-config"
        ],
        "rounds": [
          {
            "number": 1,
            "status": "decided",
            "started_at": "2025-03-10T09:30:00.000Z",
            "finished_at": "2025-03-10T09:30:02.000Z",
            "error": null,
            "findings": [
              {
                "id": "F-001",
                "category": "CACHE_HOSTILE",
                "file": "crates/proto/src/codec.rs",
                "line_start": 3,
                "line_end": 6,
                "crate": "ingest-proto",
                "priority": "P0",
                "item_path": "codec::Message",
                "summary": "Variant `Data` is ~4096 bytes while the next largest is ~0: every `Message` value (in vectors, maps, channels) occupies the largest size.",
                "impact": {
                  "allocations_avoided": null,
                  "bytes_saved": 4088,
                  "unit": "`Message` value stored",
                  "applies_to": "every collection or message holding `Message`",
                  "level": "High"
                },
                "source": "builtin",
                "state": "new",
                "verdict": "NEEDS_WORK",
                "decision": {
                  "finding_id": "F-001",
                  "fingerprint": "55523db11db5e69a",
                  "kind": "defer",
                  "note": "Measure with a heap profile first.",
                  "defer_until_round": 3,
                  "round": 1,
                  "decided_at": "2025-03-10T10:01:00.000Z"
                }
              },
              {
                "id": "F-002",
                "category": "ALLOCATION_LOOP",
                "file": "crates/proto/src/codec.rs",
                "line_start": 24,
                "line_end": 24,
                "crate": "ingest-proto",
                "priority": "P0",
                "item_path": "codec::encode_row",
                "summary": "`format!()` allocates on every iteration of `for (name,value) in names.iter().zip(row)`.",
                "impact": {
                  "allocations_avoided": 1,
                  "bytes_saved": null,
                  "unit": "iteration of `for (name,value) in names.iter().zip(row)`",
                  "applies_to": "every call of `codec::encode_row`",
                  "level": "High"
                },
                "source": "builtin",
                "state": "new",
                "verdict": "APPROVED",
                "decision": {
                  "finding_id": "F-002",
                  "fingerprint": "818619be6a3b1f5f",
                  "kind": "implement",
                  "note": "Small change; do it this sprint.",
                  "round": 1,
                  "decided_at": "2025-03-10T10:02:00.000Z"
                }
              },
              {
                "id": "F-003",
                "category": "ALLOCATION_LOOP",
                "file": "crates/proto/src/codec.rs",
                "line_start": 33,
                "line_end": 33,
                "crate": "ingest-proto",
                "priority": "P0",
                "item_path": "codec::encode_all",
                "summary": "`buf` (Vec::new()) is created, filled and dropped on every iteration; its heap buffer is allocated (and regrown) each time.",
                "impact": {
                  "allocations_avoided": 1,
                  "bytes_saved": null,
                  "unit": "iteration of `for msg in messages`",
                  "applies_to": "every call of `codec::encode_all`",
                  "level": "High"
                },
                "source": "builtin",
                "state": "new",
                "verdict": "APPROVED",
                "decision": {
                  "finding_id": "F-003",
                  "fingerprint": "e52835a0bef85335",
                  "kind": "implement",
                  "note": "Small change; do it this sprint.",
                  "round": 1,
                  "decided_at": "2025-03-10T10:03:00.000Z"
                }
              },
              {
                "id": "F-004",
                "category": "HEAP_AVOIDABLE",
                "file": "crates/proto/src/codec.rs",
                "line_start": 43,
                "line_end": 43,
                "crate": "ingest-proto",
                "priority": "P0",
                "item_path": "codec::header",
                "summary": "`Box<[u8; 8]>` puts a fixed 8-byte array (8 elements) behind a heap allocation; it fits inline.",
                "impact": {
                  "allocations_avoided": 1,
                  "bytes_saved": 16,
                  "unit": "value built",
                  "applies_to": "every value of this type in `codec::header`",
                  "level": "Medium"
                },
                "source": "builtin",
                "state": "new",
                "verdict": "NEEDS_WORK",
                "decision": null
              },
              {
                "id": "F-005",
                "category": "ARENA_CANDIDATE",
                "file": "crates/schema/src/infer.rs",
                "line_start": 4,
                "line_end": 10,
                "crate": "ingest-schema",
                "priority": "P0",
                "item_path": "infer::Type",
                "summary": "`Type` is a recursive type whose nodes are each a separate heap allocation; a tree is typically built and dropped as a whole, which an arena does in one go.",
                "impact": {
                  "allocations_avoided": null,
                  "bytes_saved": null,
                  "unit": "`Type` node",
                  "applies_to": "every structure built from `Type` nodes",
                  "level": "Medium"
                },
                "source": "builtin",
                "state": "new",
                "verdict": "NEEDS_WORK",
                "decision": {
                  "finding_id": "F-005",
                  "fingerprint": "67fba6824a489f31",
                  "kind": "defer",
                  "note": "Measure with a heap profile first.",
                  "defer_until_round": 3,
                  "round": 1,
                  "decided_at": "2025-03-10T10:05:00.000Z"
                }
              },
              {
                "id": "F-006",
                "category": "ALLOCATION_LOOP",
                "file": "crates/worker/src/batch.rs",
                "line_start": 23,
                "line_end": 23,
                "crate": "ingest-worker",
                "priority": "P0",
                "item_path": "batch::BatchBuilder::push_row",
                "summary": "`row` starts empty and receives exactly one `push` per iteration of `for field in fields`, so it reallocates about log2(n) times while growing although the fin…",
                "impact": {
                  "allocations_avoided": null,
                  "bytes_saved": null,
                  "unit": "call of `batch::BatchBuilder::push_row`",
                  "applies_to": "~log2(n) reallocations and copies per call of `batch::BatchBuilder::push_row`",
                  "level": "High"
                },
                "source": "builtin",
                "state": "new",
                "verdict": "NEEDS_WORK",
                "decision": {
                  "finding_id": "F-006",
                  "fingerprint": "ff3f57beab1018bb",
                  "kind": "reject_wont_fix",
                  "note": "Not worth the API change.",
                  "round": 1,
                  "decided_at": "2025-03-10T10:06:00.000Z"
                }
              },
              {
                "id": "F-007",
                "category": "ALLOCATION_LOOP",
                "file": "crates/worker/src/batch.rs",
                "line_start": 32,
                "line_end": 32,
                "crate": "ingest-worker",
                "priority": "P0",
                "item_path": "batch::BatchBuilder::build",
                "summary": "`cols` starts empty and receives exactly one `push` per iteration of `for name in columns`, so it reallocates about log2(n) times while growing although the fi…",
                "impact": {
                  "allocations_avoided": null,
                  "bytes_saved": null,
                  "unit": "call of `batch::BatchBuilder::build`",
                  "applies_to": "~log2(n) reallocations and copies per call of `batch::BatchBuilder::build`",
                  "level": "High"
                },
                "source": "builtin",
                "state": "new",
                "verdict": "NEEDS_WORK",
                "decision": {
                  "finding_id": "F-007",
                  "fingerprint": "250647ddc25f517d",
                  "kind": "defer",
                  "note": "Measure with a heap profile first.",
                  "defer_until_round": 3,
                  "round": 1,
                  "decided_at": "2025-03-10T10:07:00.000Z"
                }
              },
              {
                "id": "F-008",
                "category": "ALLOCATION_LOOP",
                "file": "crates/worker/src/batch.rs",
                "line_start": 47,
                "line_end": 47,
                "crate": "ingest-worker",
                "priority": "P0",
                "item_path": "batch::encode_batches",
                "summary": "`encoded` starts empty and receives exactly one `push` per iteration of `for batch in batches`, so it reallocates about log2(n) times while growing although th…",
                "impact": {
                  "allocations_avoided": null,
                  "bytes_saved": null,
                  "unit": "call of `batch::encode_batches`",
                  "applies_to": "~log2(n) reallocations and copies per call of `batch::encode_batches`",
                  "level": "High"
                },
                "source": "builtin",
                "state": "new",
                "verdict": "NEEDS_WORK",
                "decision": null
              },
              {
                "id": "F-009",
                "category": "UNNECESSARY_CLONE",
                "file": "crates/worker/src/bridge.rs",
                "line_start": 24,
                "line_end": 24,
                "crate": "ingest-worker",
                "priority": "P0",
                "item_path": "bridge::Bridge::flush",
                "summary": "`schema` is a copy of `self.schema` that is only read afterwards; a borrow gives the same reads without allocating.",
                "impact": {
                  "allocations_avoided": 1,
                  "bytes_saved": null,
                  "unit": "iteration of `for row in &batch.rows`",
                  "applies_to": "every call of `bridge::Bridge::flush`",
                  "level": "High"
                },
                "source": "builtin",
                "state": "new",
                "verdict": "APPROVED",
                "decision": {
                  "finding_id": "F-009",
                  "fingerprint": "38a89a20f1df04bb",
                  "kind": "implement",
                  "note": "Small change; do it this sprint.",
                  "round": 1,
                  "decided_at": "2025-03-10T10:09:00.000Z"
                }
              },
              {
                "id": "F-010",
                "category": "ALLOCATION_LOOP",
                "file": "crates/worker/src/lib.rs",
                "line_start": 39,
                "line_end": 39,
                "crate": "ingest-worker",
                "priority": "P0",
                "item_path": "Worker::process_file",
                "summary": "`.collect()` allocates on every iteration of `for line in reader.lines()`.",
                "impact": {
                  "allocations_avoided": 1,
                  "bytes_saved": null,
                  "unit": "iteration of `for line in reader.lines()`",
                  "applies_to": "every call of `Worker::process_file`",
                  "level": "High"
                },
                "source": "builtin",
                "state": "new",
                "verdict": "APPROVED",
                "decision": {
                  "finding_id": "F-010",
                  "fingerprint": "a9b9446294809400",
                  "kind": "implement",
                  "note": "Small change; do it this sprint.",
                  "round": 1,
                  "decided_at": "2025-03-10T10:10:00.000Z"
                }
              },
              {
                "id": "F-011",
                "category": "ALLOCATION_LOOP",
                "file": "crates/worker/src/lib.rs",
                "line_start": 40,
                "line_end": 40,
                "crate": "ingest-worker",
                "priority": "P0",
                "item_path": "Worker::process_file",
                "summary": "`format!()` allocates on every iteration of `for line in reader.lines()`.",
                "impact": {
                  "allocations_avoided": 1,
                  "bytes_saved": null,
                  "unit": "iteration of `for line in reader.lines()`",
                  "applies_to": "every call of `Worker::process_file`",
                  "level": "High"
                },
                "source": "builtin",
                "state": "new",
                "verdict": "APPROVED",
                "decision": {
                  "finding_id": "F-011",
                  "fingerprint": "8c5a9dd8bdeed441",
                  "kind": "implement",
                  "note": "Small change; do it this sprint.",
                  "round": 1,
                  "decided_at": "2025-03-10T10:11:00.000Z"
                }
              },
              {
                "id": "F-012",
                "category": "UNNECESSARY_CLONE",
                "file": "crates/worker/src/pipeline.rs",
                "line_start": 26,
                "line_end": 26,
                "crate": "ingest-worker",
                "priority": "P0",
                "item_path": "pipeline::Pipeline::label_rows",
                "summary": "`l` is a copy of `label` that is only read afterwards; a borrow gives the same reads without allocating.",
                "impact": {
                  "allocations_avoided": 1,
                  "bytes_saved": null,
                  "unit": "iteration of `for row in rows`",
                  "applies_to": "iteration of `for row in rows`, nested 2 loops deep (inside iteration of `for (name,rows) in &self.sinks`) in `pipeline::Pipeline::label_rows`",
                  "level": "High"
                },
                "source": "builtin",
                "state": "new",
                "verdict": "REJECTED",
                "decision": null
              },
              {
                "id": "F-013",
                "category": "HEAP_AVOIDABLE",
                "file": "crates/worker/src/pipeline.rs",
                "line_start": 33,
                "line_end": 33,
                "crate": "ingest-worker",
                "priority": "P0",
                "item_path": "pipeline::Pipeline::drain",
                "summary": "`label` copies a string literal to the heap but is never changed or handed over; the literal itself is a `&'static str`.",
                "impact": {
                  "allocations_avoided": 1,
                  "bytes_saved": 5,
                  "unit": "call of `pipeline::Pipeline::drain`",
                  "applies_to": "every call of `pipeline::Pipeline::drain`",
                  "level": "Low"
                },
                "source": "builtin",
                "state": "new",
                "verdict": "REJECTED",
                "decision": {
                  "finding_id": "F-013",
                  "fingerprint": "9843d97f1fba2581",
                  "kind": "reject_false_positive",
                  "note": "The Validator is right.",
                  "round": 1,
                  "decided_at": "2025-03-10T10:13:00.000Z"
                }
              },
              {
                "id": "F-014",
                "category": "ARENA_CANDIDATE",
                "file": "crates/worker/src/pipeline.rs",
                "line_start": 35,
                "line_end": 35,
                "crate": "ingest-worker",
                "priority": "P0",
                "item_path": "pipeline::Pipeline::drain",
                "summary": "`self.sinks.clear()` drops every `Vec<Vec<String>>` it holds together with the buffers each owns; refilling `sinks` allocates them all again (through every dou…",
                "impact": {
                  "allocations_avoided": null,
                  "bytes_saved": null,
                  "unit": "call of `pipeline::Pipeline::drain`",
                  "applies_to": "every buffer held by a `Vec<Vec<String>>` in `self.sinks`",
                  "level": "Medium"
                },
                "source": "builtin",
                "state": "new",
                "verdict": "REJECTED",
                "decision": {
                  "finding_id": "F-014",
                  "fingerprint": "e6714918d747993c",
                  "kind": "reject_false_positive",
                  "note": "The Validator is right.",
                  "round": 1,
                  "decided_at": "2025-03-10T10:14:00.000Z"
                }
              },
              {
                "id": "F-015",
                "category": "LIFETIME_EXTENSION",
                "file": "crates/scan/src/watch.rs",
                "line_start": 7,
                "line_end": 7,
                "crate": "ingest-scan",
                "priority": "P1",
                "item_path": "watch::Watcher",
                "summary": "`seen` (field of `Watcher`) is used as a cache but entries are only ever inserted: nothing in this file removes, clears or bounds it, so it grows for as long a…",
                "impact": {
                  "allocations_avoided": null,
                  "bytes_saved": null,
                  "unit": "distinct key seen",
                  "applies_to": "memory held by `seen` over the process lifetime",
                  "level": "High"
                },
                "source": "builtin",
                "state": "new",
                "verdict": "NEEDS_WORK",
                "decision": {
                  "finding_id": "F-015",
                  "fingerprint": "2f8effc2e3da5786",
                  "kind": "defer",
                  "note": "Measure with a heap profile first.",
                  "defer_until_round": 3,
                  "round": 1,
                  "decided_at": "2025-03-10T10:15:00.000Z"
                }
              },
              {
                "id": "F-016",
                "category": "ALLOCATION_LOOP",
                "file": "crates/schema/src/validate.rs",
                "line_start": 14,
                "line_end": 14,
                "crate": "ingest-schema",
                "priority": "P2",
                "item_path": "validate::Validator::check_rows",
                "summary": "`format!()` allocates on every iteration of `for (i,row) in rows.iter().enumerate()`.",
                "impact": {
                  "allocations_avoided": 1,
                  "bytes_saved": null,
                  "unit": "iteration of `for (i,row) in rows.iter().enumerate()`",
                  "applies_to": "every call of `validate::Validator::check_rows`",
                  "level": "High"
                },
                "source": "builtin",
                "state": "new",
                "verdict": "APPROVED",
                "decision": null
              },
              {
                "id": "F-017",
                "category": "ALLOCATION_LOOP",
                "file": "crates/schema/src/validate.rs",
                "line_start": 28,
                "line_end": 28,
                "crate": "ingest-schema",
                "priority": "P2",
                "item_path": "validate::Validator::empty_fields",
                "summary": "`.to_owned()` allocates on each iteration of `for (name,value) in self.schema.names.iter().zip(row)` that takes this path (the branch at line 27), not on every…",
                "impact": {
                  "allocations_avoided": 1,
                  "bytes_saved": null,
                  "unit": "iteration of `for (name,value) in self.schema.names.iter().zip(row)`",
                  "applies_to": "every call of `validate::Validator::empty_fields`",
                  "level": "High"
                },
                "source": "builtin",
                "state": "new",
                "verdict": "REJECTED",
                "decision": {
                  "finding_id": "F-017",
                  "fingerprint": "9cbd177bca9017a0",
                  "kind": "reject_false_positive",
                  "note": "The Validator is right.",
                  "round": 1,
                  "decided_at": "2025-03-10T10:17:00.000Z"
                }
              },
              {
                "id": "F-018",
                "category": "ALLOCATION_LOOP",
                "file": "crates/schema/src/validate.rs",
                "line_start": 46,
                "line_end": 46,
                "crate": "ingest-schema",
                "priority": "P2",
                "item_path": "validate::tests::counts_rows",
                "summary": "`.to_string()` allocates on every element of `0..3.map(..)`.",
                "impact": {
                  "allocations_avoided": 1,
                  "bytes_saved": null,
                  "unit": "element of `0..3.map(..)`",
                  "applies_to": "every call of `validate::tests::counts_rows`",
                  "level": "Medium"
                },
                "source": "builtin",
                "state": "new",
                "verdict": "REJECTED",
                "decision": {
                  "finding_id": "F-018",
                  "fingerprint": "546c87452fe37e87",
                  "kind": "reject_false_positive",
                  "note": "The Validator is right.",
                  "round": 1,
                  "decided_at": "2025-03-10T10:18:00.000Z"
                }
              },
              {
                "id": "F-019",
                "category": "UNNECESSARY_CLONE",
                "file": "crates/schema/src/validate.rs",
                "line_start": 47,
                "line_end": 47,
                "crate": "ingest-schema",
                "priority": "P2",
                "item_path": "validate::tests::counts_rows",
                "summary": "`&rows.clone()` allocates a copy of `rows` only to lend it; the copy is dropped at the end of the statement.",
                "impact": {
                  "allocations_avoided": 1,
                  "bytes_saved": null,
                  "unit": "call of `validate::tests::counts_rows`",
                  "applies_to": "every call of `validate::tests::counts_rows`",
                  "level": "Low"
                },
                "source": "builtin",
                "state": "new",
                "verdict": "REJECTED",
                "decision": {
                  "finding_id": "F-019",
                  "fingerprint": "39956bb002c4f088",
                  "kind": "reject_false_positive",
                  "note": "The Validator is right.",
                  "round": 1,
                  "decided_at": "2025-03-10T10:19:00.000Z"
                }
              },
              {
                "id": "F-020",
                "category": "ALLOCATION_LOOP",
                "file": "crates/config/src/lib.rs",
                "line_start": 14,
                "line_end": 14,
                "crate": "ingest-config",
                "priority": "P3",
                "item_path": "Config::load",
                "summary": "`.to_string()` allocates on every iteration of `for c in text.split(',')`.",
                "impact": {
                  "allocations_avoided": 1,
                  "bytes_saved": null,
                  "unit": "iteration of `for c in text.split(',')`",
                  "applies_to": "every call of `Config::load`",
                  "level": "Medium"
                },
                "source": "builtin",
                "state": "new",
                "verdict": "REJECTED",
                "decision": null
              }
            ],
            "report": {
              "round": 1,
              "summary": {
                "total": 13,
                "approved": 6,
                "needs_work": 6,
                "rejected": 1,
                "new": 13,
                "estimated_bytes_saved": null,
                "estimated_allocations_avoided": 6,
                "estimated_allocation_reduction_pct": 100.0,
                "measured": null,
                "figures": [
                  {
                    "key": "memory_impact",
                    "label": "Memory impact",
                    "value": null,
                    "unit": "not estimated",
                    "kind": "unknown",
                    "basis": "No approved finding states a byte saving, and the session has no heap profile.",
                    "action": "Profile a workload (`memaudit profile`) to measure it."
                  },
                  {
                    "key": "allocation_reduction",
                    "label": "Allocation reduction",
                    "value": "~100%",
                    "unit": "of the allocations flagged in hot code",
                    "kind": "estimated",
                    "basis": "Not measured. Hot-path findings state 6 allocations per pass through their code; approved findings remove 6 of them. Only what the audit flagged is counted, not the program's allocations: this is not the share of its allocations a program would lose.",
                    "action": "Profile a workload (`memaudit profile`) to measure it."
                  },
                  {
                    "key": "allocations",
                    "label": "Allocations removed per pass",
                    "value": "~6",
                    "unit": "summed over 6 approved findings",
                    "kind": "estimated",
                    "basis": "Each approved finding states the allocations one pass through its code (one loop iteration or call) would no longer make; this sums them over 6 findings. Not a count over a run: how often each pass runs is unknown without a profile.",
                    "action": "Profile a workload (`memaudit profile`) to measure it."
                  }
                ],
                "cold": 4,
                "notes": 3
              },
              "quick_wins": [
                {
                  "finding_id": "F-002",
                  "location": "ingest-proto/codec.rs",
                  "category": "ALLOCATION_LOOP",
                  "impact": "High",
                  "effort": "Low",
                  "score": 9.0,
                  "measured": false,
                  "at": "crates/proto/src/codec.rs:24",
                  "summary": "`format!()` allocates on every iteration of `for (name,value) in names.iter().zip(row)`.",
                  "validation": "APPROVED (builtin): hot path YES — per iteration of the `for` loop at line 23 in `fn encode_row`; called per item: runs per iteration of `for (name,value) in names.iter().zip(row)` in…; lifetime PASS, thread safety N/A, no UB PASS",
                  "gain": "~1 allocation per iteration of `for (name,value) in names.iter().zip(row)` (estimate, not measured)",
                  "diff": "--- a/crates/proto/src/codec.rs\n+++ b/crates/proto/src/codec.rs\n@@ line 23 @@\n+use std::fmt::Write as _;\n+    let mut pair_buf = String::new();\n@@ line 24 @@\n-let pair = format!(\"{name}={value};\");\n+pair_buf.clear();\n+        write!(pair_buf, \"{name}={value};\").unwrap();\n+        let pair = pair_buf.as_str();\n",
                  "proposal": "use std::fmt::Write;\nlet mut buf = String::new(); // once, before the loop\n// in the loop body:\nbuf.clear();\nwrite!(buf, \"{name}={value};\").unwrap(); // writing to a String cannot fail\n// use `&buf` where the formatted value was used"
                },
                {
                  "finding_id": "F-003",
                  "location": "ingest-proto/codec.rs",
                  "category": "ALLOCATION_LOOP",
                  "impact": "High",
                  "effort": "Low",
                  "score": 9.0,
                  "measured": false,
                  "at": "crates/proto/src/codec.rs:33",
                  "summary": "`buf` (Vec::new()) is created, filled and dropped on every iteration; its heap buffer is allocated (and regrown) each time.",
                  "validation": "APPROVED (builtin): hot path YES — per iteration of the `for` loop at line 32 in `fn encode_all`; once per call of an entry point: runs per iteration of `for msg in messages` in `encode_all` ← en…; lifetime PASS, thread safety N/A, no UB PASS",
                  "gain": "~1 allocation per iteration of `for msg in messages` (estimate, not measured)",
                  "diff": "--- a/crates/proto/src/codec.rs\n+++ b/crates/proto/src/codec.rs\n@@ line 32 @@\n+let mut buf = Vec::new();\n@@ line 33 @@\n-let mut buf = Vec::new();\n+buf.clear();\n",
                  "proposal": "let mut buf = Vec::new(); // once, before the loop\n// in the loop body:\nbuf.clear(); // keeps the capacity"
                },
                {
                  "finding_id": "F-009",
                  "location": "ingest-worker/bridge.rs",
                  "category": "UNNECESSARY_CLONE",
                  "impact": "High",
                  "effort": "Low",
                  "score": 9.0,
                  "measured": false,
                  "at": "crates/worker/src/bridge.rs:24",
                  "summary": "`schema` is a copy of `self.schema` that is only read afterwards; a borrow gives the same reads without allocating.",
                  "validation": "APPROVED (builtin): hot path YES — per iteration of the `for` loop at line 23 in `fn flush`; called per item: runs per iteration of `for row in &batch.rows` in `Bridge::flush` ← called once per c…; lifetime PASS, thread safety N/A, no UB PASS",
                  "gain": "~1 allocation per iteration of `for row in &batch.rows` (estimate, not measured)",
                  "diff": "--- a/crates/worker/src/bridge.rs\n+++ b/crates/worker/src/bridge.rs\n@@ line 24 @@\n-self.schema.clone()\n+&self.schema\n",
                  "proposal": "let schema = &self.schema;"
                },
                {
                  "finding_id": "F-010",
                  "location": "ingest-worker/lib.rs",
                  "category": "ALLOCATION_LOOP",
                  "impact": "High",
                  "effort": "Low",
                  "score": 9.0,
                  "measured": false,
                  "at": "crates/worker/src/lib.rs:39",
                  "summary": "`.collect()` allocates on every iteration of `for line in reader.lines()`.",
                  "validation": "APPROVED (builtin): hot path YES — per iteration of the `for` loop at line 37 in `fn process_file`; called per item: runs per element of `line.split(',').map(..)` in `Worker::process_file` ← call…; lifetime PASS, thread safety N/A, no UB PASS",
                  "gain": "~1 allocation per iteration of `for line in reader.lines()` (estimate, not measured)",
                  "diff": "--- a/crates/worker/src/lib.rs\n+++ b/crates/worker/src/lib.rs\n@@ line 37 @@\n+let mut fields: Vec<String> = Vec::new();\n@@ line 39 @@\n-let fields: Vec<String> = line.split(',').map(|s| s.to_string()).collect();\n+fields.clear();\n+            fields.extend(line.split(',').map(|s| s.to_string()));\n",
                  "proposal": "let mut buf = Vec::new(); // once, before the loop\n// in the loop body:\nbuf.clear();\nbuf.extend(/* the same iterator */);"
                },
                {
                  "finding_id": "F-011",
                  "location": "ingest-worker/lib.rs",
                  "category": "ALLOCATION_LOOP",
                  "impact": "High",
                  "effort": "Low",
                  "score": 9.0,
                  "measured": false,
                  "at": "crates/worker/src/lib.rs:40",
                  "summary": "`format!()` allocates on every iteration of `for line in reader.lines()`.",
                  "validation": "APPROVED (builtin): hot path YES — per iteration of the `for` loop at line 37 in `fn process_file`; called per item: runs per iteration of `for line in reader.lines()` in `Worker::process_file` ←…; lifetime PASS, thread safety N/A, no UB PASS",
                  "gain": "~1 allocation per iteration of `for line in reader.lines()` (estimate, not measured)",
                  "diff": null,
                  "proposal": "use std::fmt::Write;\nlet mut buf = String::new(); // once, before the loop\n// in the loop body:\nbuf.clear();\nwrite!(buf, \"{}:{}\", path, fields.len()).unwrap(); // writing to a String cannot fail\n// use `&buf` where the formatted value was used"
                },
                {
                  "finding_id": "F-016",
                  "location": "ingest-schema/validate.rs",
                  "category": "ALLOCATION_LOOP",
                  "impact": "High",
                  "effort": "Low",
                  "score": 9.0,
                  "measured": false,
                  "at": "crates/schema/src/validate.rs:14",
                  "summary": "`format!()` allocates on every iteration of `for (i,row) in rows.iter().enumerate()`.",
                  "validation": "APPROVED (builtin): hot path YES — per iteration of the `for` loop at line 13 in `fn check_rows`; once per call of an entry point: runs per iteration of `for (i,row) in rows.iter().enumerate()` i…; lifetime PASS, thread safety N/A, no UB PASS",
                  "gain": "~1 allocation per iteration of `for (i,row) in rows.iter().enumerate()` (estimate, not measured)",
                  "diff": "--- a/crates/schema/src/validate.rs\n+++ b/crates/schema/src/validate.rs\n@@ line 13 @@\n+use std::fmt::Write as _;\n+        let mut ctx_buf = String::new();\n@@ line 14 @@\n-let ctx = format!(\"row {i}\");\n+ctx_buf.clear();\n+            write!(ctx_buf, \"row {i}\").unwrap();\n+            let ctx = ctx_buf.as_str();\n",
                  "proposal": "use std::fmt::Write;\nlet mut buf = String::new(); // once, before the loop\n// in the loop body:\nbuf.clear();\nwrite!(buf, \"row {i}\").unwrap(); // writing to a String cannot fail\n// use `&buf` where the formatted value was used"
                }
              ],
              "recommendations": 2,
              "deferred": 7,
              "next_focus": [
                "Rework 1 NEEDS_WORK finding(s) in HEAP_AVOIDABLE: F-004",
                "Rework 1 NEEDS_WORK finding(s) in LIFETIME_EXTENSION: F-015",
                "Rework 1 NEEDS_WORK finding(s) in CACHE_HOSTILE: F-001",
                "Rework 3 NEEDS_WORK finding(s) in ALLOCATION_LOOP: F-006, F-007, F-008"
              ],
              "termination": [
                {
                  "name": "All P0 crates analysed",
                  "met": true,
                  "detail": "3 P0 crate(s) analysed: ingest-worker, ingest-proto, ingest-schema"
                },
                {
                  "name": "No new HIGH-impact findings in the last round",
                  "met": false,
                  "detail": "round 1 found 11 new HIGH-impact finding(s): F-001, F-002, F-003, F-006, F-007, F-008, F-009, F-010, F-011, F-015, F-016"
                },
                {
                  "name": "No findings awaiting rework",
                  "met": false,
                  "detail": "6 NEEDS_WORK finding(s) without a decision: F-001, F-004, F-006, F-007, F-008, F-015"
                },
                {
                  "name": "Actionable report generated",
                  "met": true,
                  "detail": "6 approved finding(s) ready to implement"
                },
                {
                  "name": "User satisfied with coverage",
                  "met": false,
                  "detail": "the user has not terminated the session"
                }
              ],
              "verified": []
            },
            "role_runs": [
              {
                "role": "analyst",
                "engine": "builtin",
                "started_at": "2025-03-10T09:30:00.000Z",
                "finished_at": "2025-03-10T09:30:00.820Z",
                "duration_ms": 820,
                "tokens_in": 0,
                "tokens_out": 0,
                "cost_usd": 0.0,
                "status": "finished",
                "error": null
              },
              {
                "role": "validator",
                "engine": "builtin",
                "started_at": "2025-03-10T09:30:00.820Z",
                "finished_at": "2025-03-10T09:30:01.160Z",
                "duration_ms": 340,
                "tokens_in": 0,
                "tokens_out": 0,
                "cost_usd": 0.0,
                "status": "finished",
                "error": null
              },
              {
                "role": "coordinator",
                "engine": "builtin",
                "started_at": "2025-03-10T09:30:01.160Z",
                "finished_at": "2025-03-10T09:30:01.205Z",
                "duration_ms": 45,
                "tokens_in": 0,
                "tokens_out": 0,
                "cost_usd": 0.0,
                "status": "finished",
                "error": null
              }
            ],
            "decision": {
              "kind": "continue",
              "focus": [],
              "note": "Look again after the bridge fix."
            },
            "focus": []
          },
          {
            "number": 2,
            "status": "awaiting_decision",
            "started_at": "2025-03-12T09:30:00.000Z",
            "finished_at": "2025-03-12T09:30:02.000Z",
            "error": null,
            "findings": [
              {
                "id": "F-001",
                "category": "CACHE_HOSTILE",
                "file": "crates/proto/src/codec.rs",
                "line_start": 3,
                "line_end": 6,
                "crate": "ingest-proto",
                "priority": "P0",
                "item_path": "codec::Message",
                "summary": "Variant `Data` is ~4096 bytes while the next largest is ~0: every `Message` value (in vectors, maps, channels) occupies the largest size.",
                "impact": {
                  "allocations_avoided": null,
                  "bytes_saved": 4088,
                  "unit": "`Message` value stored",
                  "applies_to": "every collection or message holding `Message`",
                  "level": "High"
                },
                "source": "builtin",
                "state": "persisting",
                "verdict": "NEEDS_WORK",
                "decision": {
                  "finding_id": "F-001",
                  "fingerprint": "55523db11db5e69a",
                  "kind": "defer",
                  "note": "Measure with a heap profile first.",
                  "defer_until_round": 3,
                  "round": 1,
                  "decided_at": "2025-03-10T10:01:00.000Z"
                }
              },
              {
                "id": "F-002",
                "category": "ALLOCATION_LOOP",
                "file": "crates/proto/src/codec.rs",
                "line_start": 24,
                "line_end": 24,
                "crate": "ingest-proto",
                "priority": "P0",
                "item_path": "codec::encode_row",
                "summary": "`format!()` allocates on every iteration of `for (name,value) in names.iter().zip(row)`.",
                "impact": {
                  "allocations_avoided": 1,
                  "bytes_saved": null,
                  "unit": "iteration of `for (name,value) in names.iter().zip(row)`",
                  "applies_to": "every call of `codec::encode_row`",
                  "level": "High"
                },
                "source": "builtin",
                "state": "persisting",
                "verdict": "APPROVED",
                "decision": {
                  "finding_id": "F-002",
                  "fingerprint": "818619be6a3b1f5f",
                  "kind": "implement",
                  "note": "Small change; do it this sprint.",
                  "round": 1,
                  "decided_at": "2025-03-10T10:02:00.000Z"
                }
              },
              {
                "id": "F-003",
                "category": "ALLOCATION_LOOP",
                "file": "crates/proto/src/codec.rs",
                "line_start": 33,
                "line_end": 33,
                "crate": "ingest-proto",
                "priority": "P0",
                "item_path": "codec::encode_all",
                "summary": "`buf` (Vec::new()) is created, filled and dropped on every iteration; its heap buffer is allocated (and regrown) each time.",
                "impact": {
                  "allocations_avoided": 1,
                  "bytes_saved": null,
                  "unit": "iteration of `for msg in messages`",
                  "applies_to": "every call of `codec::encode_all`",
                  "level": "High"
                },
                "source": "builtin",
                "state": "persisting",
                "verdict": "APPROVED",
                "decision": {
                  "finding_id": "F-003",
                  "fingerprint": "e52835a0bef85335",
                  "kind": "implement",
                  "note": "Small change; do it this sprint.",
                  "round": 1,
                  "decided_at": "2025-03-10T10:03:00.000Z"
                }
              },
              {
                "id": "F-004",
                "category": "HEAP_AVOIDABLE",
                "file": "crates/proto/src/codec.rs",
                "line_start": 43,
                "line_end": 43,
                "crate": "ingest-proto",
                "priority": "P0",
                "item_path": "codec::header",
                "summary": "`Box<[u8; 8]>` puts a fixed 8-byte array (8 elements) behind a heap allocation; it fits inline.",
                "impact": {
                  "allocations_avoided": 1,
                  "bytes_saved": 16,
                  "unit": "value built",
                  "applies_to": "every value of this type in `codec::header`",
                  "level": "Medium"
                },
                "source": "builtin",
                "state": "persisting",
                "verdict": "NEEDS_WORK",
                "decision": {
                  "finding_id": "F-004",
                  "fingerprint": "fb7847b964405a86",
                  "kind": "defer",
                  "note": "Measure with a heap profile first.",
                  "defer_until_round": 4,
                  "round": 2,
                  "decided_at": "2025-03-12T10:04:00.000Z"
                }
              },
              {
                "id": "F-021",
                "category": "ALLOCATION_LOOP",
                "file": "crates/scan/src/walk.rs",
                "line_start": 38,
                "line_end": 38,
                "crate": "ingest-scan",
                "priority": "P0",
                "item_path": "walk::sizes",
                "summary": "`out` starts empty and receives exactly one `push` per iteration of `for f in found`, so it reallocates about log2(n) times while growing although the final le…",
                "impact": {
                  "allocations_avoided": null,
                  "bytes_saved": null,
                  "unit": "call of `walk::sizes`",
                  "applies_to": "~log2(n) reallocations and copies per call of `walk::sizes`",
                  "level": "Medium"
                },
                "source": "builtin",
                "state": "new",
                "verdict": "APPROVED",
                "decision": null
              },
              {
                "id": "F-022",
                "category": "ALLOCATION_LOOP",
                "file": "crates/scan/src/walk.rs",
                "line_start": 42,
                "line_end": 42,
                "crate": "ingest-scan",
                "priority": "P0",
                "item_path": "walk::sizes",
                "summary": "`parts` collects every item into a new `Vec` on every iteration of `for f in found`, but it is only counted: the iterator gives the same answer without the all…",
                "impact": {
                  "allocations_avoided": 1,
                  "bytes_saved": null,
                  "unit": "iteration of `for f in found`",
                  "applies_to": "every call of `walk::sizes`",
                  "level": "Medium"
                },
                "source": "builtin",
                "state": "new",
                "verdict": "APPROVED",
                "decision": {
                  "finding_id": "F-022",
                  "fingerprint": "f0781d27cf0f717a",
                  "kind": "implement",
                  "note": "Small change; do it this sprint.",
                  "round": 2,
                  "decided_at": "2025-03-12T10:22:00.000Z"
                }
              },
              {
                "id": "F-005",
                "category": "ARENA_CANDIDATE",
                "file": "crates/schema/src/infer.rs",
                "line_start": 4,
                "line_end": 10,
                "crate": "ingest-schema",
                "priority": "P0",
                "item_path": "infer::Type",
                "summary": "`Type` is a recursive type whose nodes are each a separate heap allocation; a tree is typically built and dropped as a whole, which an arena does in one go.",
                "impact": {
                  "allocations_avoided": null,
                  "bytes_saved": null,
                  "unit": "`Type` node",
                  "applies_to": "every structure built from `Type` nodes",
                  "level": "Medium"
                },
                "source": "builtin",
                "state": "persisting",
                "verdict": "NEEDS_WORK",
                "decision": {
                  "finding_id": "F-005",
                  "fingerprint": "67fba6824a489f31",
                  "kind": "defer",
                  "note": "Measure with a heap profile first.",
                  "defer_until_round": 3,
                  "round": 1,
                  "decided_at": "2025-03-10T10:05:00.000Z"
                }
              },
              {
                "id": "F-007",
                "category": "ALLOCATION_LOOP",
                "file": "crates/worker/src/batch.rs",
                "line_start": 32,
                "line_end": 32,
                "crate": "ingest-worker",
                "priority": "P0",
                "item_path": "batch::BatchBuilder::build",
                "summary": "`cols` starts empty and receives exactly one `push` per iteration of `for name in columns`, so it reallocates about log2(n) times while growing although the fi…",
                "impact": {
                  "allocations_avoided": null,
                  "bytes_saved": null,
                  "unit": "call of `batch::BatchBuilder::build`",
                  "applies_to": "~log2(n) reallocations and copies per call of `batch::BatchBuilder::build`",
                  "level": "High"
                },
                "source": "builtin",
                "state": "stale",
                "verdict": "NEEDS_WORK",
                "decision": {
                  "finding_id": "F-007",
                  "fingerprint": "250647ddc25f517d",
                  "kind": "defer",
                  "note": "Measure with a heap profile first.",
                  "defer_until_round": 3,
                  "round": 1,
                  "decided_at": "2025-03-10T10:07:00.000Z"
                }
              },
              {
                "id": "F-008",
                "category": "ALLOCATION_LOOP",
                "file": "crates/worker/src/batch.rs",
                "line_start": 47,
                "line_end": 47,
                "crate": "ingest-worker",
                "priority": "P0",
                "item_path": "batch::encode_batches",
                "summary": "`encoded` starts empty and receives exactly one `push` per iteration of `for batch in batches`, so it reallocates about log2(n) times while growing although th…",
                "impact": {
                  "allocations_avoided": null,
                  "bytes_saved": null,
                  "unit": "call of `batch::encode_batches`",
                  "applies_to": "~log2(n) reallocations and copies per call of `batch::encode_batches`",
                  "level": "High"
                },
                "source": "builtin",
                "state": "stale",
                "verdict": "NEEDS_WORK",
                "decision": null
              },
              {
                "id": "F-010",
                "category": "ALLOCATION_LOOP",
                "file": "crates/worker/src/lib.rs",
                "line_start": 39,
                "line_end": 39,
                "crate": "ingest-worker",
                "priority": "P0",
                "item_path": "Worker::process_file",
                "summary": "`.collect()` allocates on every iteration of `for line in reader.lines()`.",
                "impact": {
                  "allocations_avoided": 1,
                  "bytes_saved": null,
                  "unit": "iteration of `for line in reader.lines()`",
                  "applies_to": "every call of `Worker::process_file`",
                  "level": "High"
                },
                "source": "builtin",
                "state": "persisting",
                "verdict": "APPROVED",
                "decision": {
                  "finding_id": "F-010",
                  "fingerprint": "a9b9446294809400",
                  "kind": "implement",
                  "note": "Small change; do it this sprint.",
                  "round": 1,
                  "decided_at": "2025-03-10T10:10:00.000Z"
                }
              },
              {
                "id": "F-011",
                "category": "ALLOCATION_LOOP",
                "file": "crates/worker/src/lib.rs",
                "line_start": 40,
                "line_end": 40,
                "crate": "ingest-worker",
                "priority": "P0",
                "item_path": "Worker::process_file",
                "summary": "`format!()` allocates on every iteration of `for line in reader.lines()`.",
                "impact": {
                  "allocations_avoided": 1,
                  "bytes_saved": null,
                  "unit": "iteration of `for line in reader.lines()`",
                  "applies_to": "every call of `Worker::process_file`",
                  "level": "High"
                },
                "source": "builtin",
                "state": "persisting",
                "verdict": "APPROVED",
                "decision": {
                  "finding_id": "F-011",
                  "fingerprint": "8c5a9dd8bdeed441",
                  "kind": "implement",
                  "note": "Small change; do it this sprint.",
                  "round": 1,
                  "decided_at": "2025-03-10T10:11:00.000Z"
                }
              },
              {
                "id": "F-012",
                "category": "UNNECESSARY_CLONE",
                "file": "crates/worker/src/pipeline.rs",
                "line_start": 26,
                "line_end": 26,
                "crate": "ingest-worker",
                "priority": "P0",
                "item_path": "pipeline::Pipeline::label_rows",
                "summary": "`l` is a copy of `label` that is only read afterwards; a borrow gives the same reads without allocating.",
                "impact": {
                  "allocations_avoided": 1,
                  "bytes_saved": null,
                  "unit": "iteration of `for row in rows`",
                  "applies_to": "iteration of `for row in rows`, nested 2 loops deep (inside iteration of `for (name,rows) in &self.sinks`) in `pipeline::Pipeline::label_rows`",
                  "level": "High"
                },
                "source": "builtin",
                "state": "persisting",
                "verdict": "REJECTED",
                "decision": {
                  "finding_id": "F-012",
                  "fingerprint": "10d5c2c3bc4b7a26",
                  "kind": "reject_false_positive",
                  "note": "The Validator is right.",
                  "round": 2,
                  "decided_at": "2025-03-12T10:12:00.000Z"
                }
              },
              {
                "id": "F-015",
                "category": "LIFETIME_EXTENSION",
                "file": "crates/scan/src/watch.rs",
                "line_start": 7,
                "line_end": 7,
                "crate": "ingest-scan",
                "priority": "P1",
                "item_path": "watch::Watcher",
                "summary": "`seen` (field of `Watcher`) is used as a cache but entries are only ever inserted: nothing in this file removes, clears or bounds it, so it grows for as long a…",
                "impact": {
                  "allocations_avoided": null,
                  "bytes_saved": null,
                  "unit": "distinct key seen",
                  "applies_to": "memory held by `seen` over the process lifetime",
                  "level": "High"
                },
                "source": "builtin",
                "state": "persisting",
                "verdict": "NEEDS_WORK",
                "decision": {
                  "finding_id": "F-015",
                  "fingerprint": "2f8effc2e3da5786",
                  "kind": "defer",
                  "note": "Measure with a heap profile first.",
                  "defer_until_round": 3,
                  "round": 1,
                  "decided_at": "2025-03-10T10:15:00.000Z"
                }
              },
              {
                "id": "F-016",
                "category": "ALLOCATION_LOOP",
                "file": "crates/schema/src/validate.rs",
                "line_start": 14,
                "line_end": 14,
                "crate": "ingest-schema",
                "priority": "P2",
                "item_path": "validate::Validator::check_rows",
                "summary": "`format!()` allocates on every iteration of `for (i,row) in rows.iter().enumerate()`.",
                "impact": {
                  "allocations_avoided": 1,
                  "bytes_saved": null,
                  "unit": "iteration of `for (i,row) in rows.iter().enumerate()`",
                  "applies_to": "every call of `validate::Validator::check_rows`",
                  "level": "High"
                },
                "source": "builtin",
                "state": "persisting",
                "verdict": "APPROVED",
                "decision": null
              },
              {
                "id": "F-020",
                "category": "ALLOCATION_LOOP",
                "file": "crates/config/src/lib.rs",
                "line_start": 14,
                "line_end": 14,
                "crate": "ingest-config",
                "priority": "P3",
                "item_path": "Config::load",
                "summary": "`.to_string()` allocates on every iteration of `for c in text.split(',')`.",
                "impact": {
                  "allocations_avoided": 1,
                  "bytes_saved": null,
                  "unit": "iteration of `for c in text.split(',')`",
                  "applies_to": "every call of `Config::load`",
                  "level": "Medium"
                },
                "source": "builtin",
                "state": "persisting",
                "verdict": "REJECTED",
                "decision": {
                  "finding_id": "F-020",
                  "fingerprint": "63bf219bd2a29396",
                  "kind": "reject_false_positive",
                  "note": "The Validator is right.",
                  "round": 2,
                  "decided_at": "2025-03-12T10:20:00.000Z"
                }
              },
              {
                "id": "F-009",
                "category": "UNNECESSARY_CLONE",
                "file": "crates/worker/src/bridge.rs",
                "line_start": 24,
                "line_end": 24,
                "crate": "ingest-worker",
                "priority": "P0",
                "item_path": "bridge::Bridge::flush",
                "summary": "`schema` is a copy of `self.schema` that is only read afterwards; a borrow gives the same reads without allocating.",
                "impact": {
                  "allocations_avoided": 1,
                  "bytes_saved": null,
                  "unit": "iteration of `for row in &batch.rows`",
                  "applies_to": "every call of `bridge::Bridge::flush`",
                  "level": "High"
                },
                "source": "builtin",
                "state": "fixed",
                "verdict": null,
                "decision": {
                  "finding_id": "F-009",
                  "fingerprint": "38a89a20f1df04bb",
                  "kind": "implement",
                  "note": "Small change; do it this sprint.",
                  "round": 1,
                  "decided_at": "2025-03-10T10:09:00.000Z"
                }
              }
            ],
            "report": {
              "round": 2,
              "summary": {
                "total": 13,
                "approved": 7,
                "needs_work": 5,
                "rejected": 1,
                "new": 2,
                "estimated_bytes_saved": null,
                "estimated_allocations_avoided": 6,
                "estimated_allocation_reduction_pct": 100.0,
                "measured": null,
                "figures": [
                  {
                    "key": "memory_impact",
                    "label": "Memory impact",
                    "value": null,
                    "unit": "not estimated",
                    "kind": "unknown",
                    "basis": "No approved finding states a byte saving, and the session has no heap profile.",
                    "action": "Profile a workload (`memaudit profile`) to measure it."
                  },
                  {
                    "key": "allocation_reduction",
                    "label": "Allocation reduction",
                    "value": "~100%",
                    "unit": "of the allocations flagged in hot code",
                    "kind": "estimated",
                    "basis": "Not measured. Hot-path findings state 6 allocations per pass through their code; approved findings remove 6 of them. Only what the audit flagged is counted, not the program's allocations: this is not the share of its allocations a program would lose.",
                    "action": "Profile a workload (`memaudit profile`) to measure it."
                  },
                  {
                    "key": "allocations",
                    "label": "Allocations removed per pass",
                    "value": "~6",
                    "unit": "summed over 6 approved findings",
                    "kind": "estimated",
                    "basis": "Each approved finding states the allocations one pass through its code (one loop iteration or call) would no longer make; this sums them over 6 findings. Not a count over a run: how often each pass runs is unknown without a profile.",
                    "action": "Profile a workload (`memaudit profile`) to measure it."
                  }
                ],
                "cold": 0,
                "notes": 2
              },
              "quick_wins": [
                {
                  "finding_id": "F-002",
                  "location": "ingest-proto/codec.rs",
                  "category": "ALLOCATION_LOOP",
                  "impact": "High",
                  "effort": "Low",
                  "score": 9.0,
                  "measured": false,
                  "at": "crates/proto/src/codec.rs:24",
                  "summary": "`format!()` allocates on every iteration of `for (name,value) in names.iter().zip(row)`.",
                  "validation": "APPROVED (builtin): hot path YES — per iteration of the `for` loop at line 23 in `fn encode_row`; called per item: runs per iteration of `for (name,value) in names.iter().zip(row)` in…; lifetime PASS, thread safety N/A, no UB PASS",
                  "gain": "~1 allocation per iteration of `for (name,value) in names.iter().zip(row)` (estimate, not measured)",
                  "diff": "--- a/crates/proto/src/codec.rs\n+++ b/crates/proto/src/codec.rs\n@@ line 23 @@\n+use std::fmt::Write as _;\n+    let mut pair_buf = String::new();\n@@ line 24 @@\n-let pair = format!(\"{name}={value};\");\n+pair_buf.clear();\n+        write!(pair_buf, \"{name}={value};\").unwrap();\n+        let pair = pair_buf.as_str();\n",
                  "proposal": "use std::fmt::Write;\nlet mut buf = String::new(); // once, before the loop\n// in the loop body:\nbuf.clear();\nwrite!(buf, \"{name}={value};\").unwrap(); // writing to a String cannot fail\n// use `&buf` where the formatted value was used"
                },
                {
                  "finding_id": "F-003",
                  "location": "ingest-proto/codec.rs",
                  "category": "ALLOCATION_LOOP",
                  "impact": "High",
                  "effort": "Low",
                  "score": 9.0,
                  "measured": false,
                  "at": "crates/proto/src/codec.rs:33",
                  "summary": "`buf` (Vec::new()) is created, filled and dropped on every iteration; its heap buffer is allocated (and regrown) each time.",
                  "validation": "APPROVED (builtin): hot path YES — per iteration of the `for` loop at line 32 in `fn encode_all`; once per call of an entry point: runs per iteration of `for msg in messages` in `encode_all` ← en…; lifetime PASS, thread safety N/A, no UB PASS",
                  "gain": "~1 allocation per iteration of `for msg in messages` (estimate, not measured)",
                  "diff": "--- a/crates/proto/src/codec.rs\n+++ b/crates/proto/src/codec.rs\n@@ line 32 @@\n+let mut buf = Vec::new();\n@@ line 33 @@\n-let mut buf = Vec::new();\n+buf.clear();\n",
                  "proposal": "let mut buf = Vec::new(); // once, before the loop\n// in the loop body:\nbuf.clear(); // keeps the capacity"
                },
                {
                  "finding_id": "F-010",
                  "location": "ingest-worker/lib.rs",
                  "category": "ALLOCATION_LOOP",
                  "impact": "High",
                  "effort": "Low",
                  "score": 9.0,
                  "measured": false,
                  "at": "crates/worker/src/lib.rs:39",
                  "summary": "`.collect()` allocates on every iteration of `for line in reader.lines()`.",
                  "validation": "APPROVED (builtin): hot path YES — per iteration of the `for` loop at line 37 in `fn process_file`; called per item: runs per element of `line.split(',').map(..)` in `Worker::process_file` ← call…; lifetime PASS, thread safety N/A, no UB PASS",
                  "gain": "~1 allocation per iteration of `for line in reader.lines()` (estimate, not measured)",
                  "diff": "--- a/crates/worker/src/lib.rs\n+++ b/crates/worker/src/lib.rs\n@@ line 37 @@\n+let mut fields: Vec<String> = Vec::new();\n@@ line 39 @@\n-let fields: Vec<String> = line.split(',').map(|s| s.to_string()).collect();\n+fields.clear();\n+            fields.extend(line.split(',').map(|s| s.to_string()));\n",
                  "proposal": "let mut buf = Vec::new(); // once, before the loop\n// in the loop body:\nbuf.clear();\nbuf.extend(/* the same iterator */);"
                },
                {
                  "finding_id": "F-011",
                  "location": "ingest-worker/lib.rs",
                  "category": "ALLOCATION_LOOP",
                  "impact": "High",
                  "effort": "Low",
                  "score": 9.0,
                  "measured": false,
                  "at": "crates/worker/src/lib.rs:40",
                  "summary": "`format!()` allocates on every iteration of `for line in reader.lines()`.",
                  "validation": "APPROVED (builtin): hot path YES — per iteration of the `for` loop at line 37 in `fn process_file`; called per item: runs per iteration of `for line in reader.lines()` in `Worker::process_file` ←…; lifetime PASS, thread safety N/A, no UB PASS",
                  "gain": "~1 allocation per iteration of `for line in reader.lines()` (estimate, not measured)",
                  "diff": null,
                  "proposal": "use std::fmt::Write;\nlet mut buf = String::new(); // once, before the loop\n// in the loop body:\nbuf.clear();\nwrite!(buf, \"{}:{}\", path, fields.len()).unwrap(); // writing to a String cannot fail\n// use `&buf` where the formatted value was used"
                },
                {
                  "finding_id": "F-016",
                  "location": "ingest-schema/validate.rs",
                  "category": "ALLOCATION_LOOP",
                  "impact": "High",
                  "effort": "Low",
                  "score": 9.0,
                  "measured": false,
                  "at": "crates/schema/src/validate.rs:14",
                  "summary": "`format!()` allocates on every iteration of `for (i,row) in rows.iter().enumerate()`.",
                  "validation": "APPROVED (builtin): hot path YES — per iteration of the `for` loop at line 13 in `fn check_rows`; once per call of an entry point: runs per iteration of `for (i,row) in rows.iter().enumerate()` i…; lifetime PASS, thread safety N/A, no UB PASS",
                  "gain": "~1 allocation per iteration of `for (i,row) in rows.iter().enumerate()` (estimate, not measured)",
                  "diff": "--- a/crates/schema/src/validate.rs\n+++ b/crates/schema/src/validate.rs\n@@ line 13 @@\n+use std::fmt::Write as _;\n+        let mut ctx_buf = String::new();\n@@ line 14 @@\n-let ctx = format!(\"row {i}\");\n+ctx_buf.clear();\n+            write!(ctx_buf, \"row {i}\").unwrap();\n+            let ctx = ctx_buf.as_str();\n",
                  "proposal": "use std::fmt::Write;\nlet mut buf = String::new(); // once, before the loop\n// in the loop body:\nbuf.clear();\nwrite!(buf, \"row {i}\").unwrap(); // writing to a String cannot fail\n// use `&buf` where the formatted value was used"
                },
                {
                  "finding_id": "F-021",
                  "location": "ingest-scan/walk.rs",
                  "category": "ALLOCATION_LOOP",
                  "impact": "Medium",
                  "effort": "Low",
                  "score": 6.0,
                  "measured": false,
                  "at": "crates/scan/src/walk.rs:38",
                  "summary": "`out` starts empty and receives exactly one `push` per iteration of `for f in found`, so it reallocates about log2(n) times while growing although the final length is known up front.",
                  "validation": "APPROVED (builtin): hot path YES — per iteration of the `for` loop at line 39 in `fn sizes`; once per call of an entry point: entry: public API `sizes` of library `ingest_scan`: called per call o…; lifetime PASS, thread safety N/A, no UB PASS",
                  "gain": "— not estimated; profile a workload (`memaudit profile`) to measure it",
                  "diff": "--- a/crates/scan/src/walk.rs\n+++ b/crates/scan/src/walk.rs\n@@ line 38 @@\n-Vec::new()\n+Vec::with_capacity(found.len())\n",
                  "proposal": "let mut out = Vec::with_capacity(found.len());"
                },
                {
                  "finding_id": "F-022",
                  "location": "ingest-scan/walk.rs",
                  "category": "ALLOCATION_LOOP",
                  "impact": "Medium",
                  "effort": "Low",
                  "score": 6.0,
                  "measured": false,
                  "at": "crates/scan/src/walk.rs:42",
                  "summary": "`parts` collects every item into a new `Vec` on every iteration of `for f in found`, but it is only counted: the iterator gives the same answer without the allocation and the copy of each item.",
                  "validation": "APPROVED (builtin): hot path YES — per iteration of the `for` loop at line 39 in `fn sizes`; once per call of an entry point: runs per iteration of `for f in found` in `sizes` ← entry: public API…; lifetime PASS, thread safety N/A, no UB PASS",
                  "gain": "~1 allocation per iteration of `for f in found` (estimate, not measured)",
                  "diff": null,
                  "proposal": "let parts_len = f.split('/').count();\n// then `parts_len` for `parts.len()`, `parts_len == 0` for `parts.is_empty()`"
                }
              ],
              "recommendations": 2,
              "deferred": 6,
              "next_focus": [
                "Rework 1 NEEDS_WORK finding(s) in HEAP_AVOIDABLE: F-004",
                "Rework 1 NEEDS_WORK finding(s) in ALLOCATION_LOOP: F-008"
              ],
              "termination": [
                {
                  "name": "All P0 crates analysed",
                  "met": true,
                  "detail": "4 P0 crate(s) analysed: ingest-scan, ingest-worker, ingest-proto, ingest-schema"
                },
                {
                  "name": "No new HIGH-impact findings in the last round",
                  "met": true,
                  "detail": "round 2 found no new HIGH-impact finding"
                },
                {
                  "name": "No findings awaiting rework",
                  "met": false,
                  "detail": "2 NEEDS_WORK finding(s) without a decision: F-004, F-008"
                },
                {
                  "name": "Actionable report generated",
                  "met": true,
                  "detail": "7 approved finding(s) ready to implement"
                },
                {
                  "name": "User satisfied with coverage",
                  "met": false,
                  "detail": "the user has not terminated the session"
                }
              ],
              "verified": []
            },
            "role_runs": [
              {
                "role": "analyst",
                "engine": "builtin",
                "started_at": "2025-03-12T09:30:00.000Z",
                "finished_at": "2025-03-12T09:30:00.820Z",
                "duration_ms": 820,
                "tokens_in": 0,
                "tokens_out": 0,
                "cost_usd": 0.0,
                "status": "finished",
                "error": null
              },
              {
                "role": "validator",
                "engine": "builtin",
                "started_at": "2025-03-12T09:30:00.820Z",
                "finished_at": "2025-03-12T09:30:01.160Z",
                "duration_ms": 340,
                "tokens_in": 0,
                "tokens_out": 0,
                "cost_usd": 0.0,
                "status": "finished",
                "error": null
              },
              {
                "role": "coordinator",
                "engine": "builtin",
                "started_at": "2025-03-12T09:30:01.160Z",
                "finished_at": "2025-03-12T09:30:01.205Z",
                "duration_ms": 45,
                "tokens_in": 0,
                "tokens_out": 0,
                "cost_usd": 0.0,
                "status": "finished",
                "error": null
              }
            ],
            "decision": null,
            "focus": []
          }
        ],
        "status": {
          "session": "memory_audit_001",
          "rounds": 2,
          "current_round": 2,
          "round_status": "awaiting_decision",
          "total_findings": 16,
          "approved": 7,
          "needs_work": 6,
          "rejected": 2,
          "new": 2,
          "persisting": 11,
          "fixed": 1,
          "stale": 2,
          "decided_implement": 6,
          "decided_defer": 5,
          "decided_reject": 2,
          "undecided": 3
        }
      },
      "html": [
        "report-s2-r1.html",
        "report-s2-r2.html"
      ],
      "next": [
        {
          "record": {
            "number": 3,
            "status": "awaiting_decision",
            "started_at": "2025-03-14T09:30:00.000Z",
            "finished_at": "2025-03-14T09:30:02.000Z",
            "error": null,
            "findings": [
              {
                "finding": {
                  "id": "F-007",
                  "fingerprint": "250647ddc25f517d",
                  "category": "ALLOCATION_LOOP",
                  "file": "crates/worker/src/batch.rs",
                  "line_start": 32,
                  "line_end": 32,
                  "crate": "ingest-worker",
                  "priority": "P0",
                  "item_path": "batch::BatchBuilder::build",
                  "confidence": "HIGH",
                  "safety": "SAFE",
                  "code": "        let mut cols = Vec::new();",
                  "issue": "`cols` starts empty and receives exactly one `push` per iteration of `for name in columns`, so it reallocates about log2(n) times while growing although the final length is known up front.",
                  "proposal": "let mut cols = Vec::with_capacity(columns.len());",
                  "impact": {
                    "allocations_avoided": null,
                    "bytes_saved": null,
                    "unit": "call of `batch::BatchBuilder::build`",
                    "applies_to": "~log2(n) reallocations and copies per call of `batch::BatchBuilder::build`",
                    "level": "High"
                  },
                  "tradeoffs": {
                    "pros": [
                      "One allocation instead of a growth sequence; no copying on regrowth."
                    ],
                    "cons": [
                      "None when every iteration pushes."
                    ]
                  },
                  "prerequisites": [],
                  "source": "builtin",
                  "reach": {
                    "heat": "unknown",
                    "loop_depth": 0,
                    "reasons": [
                      "no caller of `BatchBuilder::build` found in the workspace (called through a macro, a function pointer, or not at all)"
                    ]
                  },
                  "edit": {
                    "summary": "reserve `columns.len()` up front with `Vec::with_capacity`",
                    "hunks": [
                      {
                        "file": "crates/worker/src/batch.rs",
                        "start": 724,
                        "end": 734,
                        "line": 32,
                        "original": "Vec::new()",
                        "replacement": "Vec::with_capacity(columns.len())"
                      }
                    ]
                  }
                },
                "state": "persisting",
                "validation": {
                  "finding_id": "F-007",
                  "fingerprint": "250647ddc25f517d",
                  "verdict": "NEEDS_WORK",
                  "lifetime": {
                    "status": "PASS",
                    "evidence": "`with_capacity` changes only the initial capacity of `cols` (line 32); its owner, its pushes and where it goes afterwards stay as they are"
                  },
                  "thread_safety": {
                    "status": "N/A",
                    "evidence": "`fn build` neither spawns nor runs in a task: the change is single-threaded"
                  },
                  "no_undefined_behavior": {
                    "status": "PASS",
                    "evidence": "the proposal is safe Rust: no `unsafe`, `transmute` or raw parts"
                  },
                  "estimate_plausible": {
                    "answer": "YES",
                    "evidence": "`cols` grows from empty by one push per iteration of the `for` loop at line 33 (line 36); `columns` is a `&[String]` (parameter `columns: &[String]` of `fn build`), so `columns` yields exactly `columns.len()` items: that is ~log2(n) reallocations with copies per call, and `with_capacity` makes it one allocation"
                  },
                  "hot_path": {
                    "answer": "MAYBE",
                    "evidence": "per iteration of the `for` loop at line 33 in `fn build`; no caller known: no caller of `BatchBuilder::build` found in the workspace (called through a macro, a function pointer, or not at all)"
                  },
                  "complexity_justified": {
                    "answer": "YES",
                    "evidence": "impact High against effort Low (proposal of 1 line(s), 0 prerequisite(s))"
                  },
                  "issues": [
                    {
                      "id": "F-007-I1",
                      "description": "Is `fn build` called once per item of the program's data (a file, a line, a record, an event)? The call graph found no caller: no caller of `BatchBuilder::build` found in the workspace (called through a macro, a function pointer, or not at all). [rule: caller-unknown]",
                      "risk": "Code nobody calls per item saves nothing; code nobody calls at all is dead.",
                      "suggestion": "Name the caller of `fn build` and how often it runs, or attach a heap profile that shows these lines."
                    }
                  ],
                  "conditions": [
                    "Name the caller of `fn build` and how often it runs, or attach a heap profile that shows these lines."
                  ],
                  "counterexample": null,
                  "engine": "builtin"
                },
                "decision": {
                  "finding_id": "F-007",
                  "fingerprint": "250647ddc25f517d",
                  "kind": "defer",
                  "note": "Measure with a heap profile first.",
                  "defer_until_round": 3,
                  "round": 1,
                  "decided_at": "2025-03-10T10:07:00.000Z"
                }
              },
              {
                "finding": {
                  "id": "F-008",
                  "fingerprint": "2fef46c70f0ed6c8",
                  "category": "ALLOCATION_LOOP",
                  "file": "crates/worker/src/batch.rs",
                  "line_start": 47,
                  "line_end": 47,
                  "crate": "ingest-worker",
                  "priority": "P0",
                  "item_path": "batch::encode_batches",
                  "confidence": "HIGH",
                  "safety": "SAFE",
                  "code": "    let mut encoded = Vec::new();",
                  "issue": "`encoded` starts empty and receives exactly one `push` per iteration of `for batch in batches`, so it reallocates about log2(n) times while growing although the final length is known up front.",
                  "proposal": "let mut encoded = Vec::with_capacity(batches.len());",
                  "impact": {
                    "allocations_avoided": null,
                    "bytes_saved": null,
                    "unit": "call of `batch::encode_batches`",
                    "applies_to": "~log2(n) reallocations and copies per call of `batch::encode_batches`",
                    "level": "High"
                  },
                  "tradeoffs": {
                    "pros": [
                      "One allocation instead of a growth sequence; no copying on regrowth."
                    ],
                    "cons": [
                      "None when every iteration pushes."
                    ]
                  },
                  "prerequisites": [],
                  "source": "builtin",
                  "reach": {
                    "heat": "unknown",
                    "loop_depth": 0,
                    "reasons": [
                      "no caller of `encode_batches` found in the workspace (called through a macro, a function pointer, or not at all)"
                    ]
                  },
                  "edit": {
                    "summary": "reserve `batches.len()` up front with `Vec::with_capacity`",
                    "hunks": [
                      {
                        "file": "crates/worker/src/batch.rs",
                        "start": 1135,
                        "end": 1145,
                        "line": 47,
                        "original": "Vec::new()",
                        "replacement": "Vec::with_capacity(batches.len())"
                      }
                    ]
                  }
                },
                "state": "persisting",
                "validation": {
                  "finding_id": "F-008",
                  "fingerprint": "2fef46c70f0ed6c8",
                  "verdict": "NEEDS_WORK",
                  "lifetime": {
                    "status": "PASS",
                    "evidence": "`with_capacity` changes only the initial capacity of `encoded` (line 47); its owner, its pushes and where it goes afterwards stay as they are"
                  },
                  "thread_safety": {
                    "status": "N/A",
                    "evidence": "`fn encode_batches` neither spawns nor runs in a task: the change is single-threaded"
                  },
                  "no_undefined_behavior": {
                    "status": "PASS",
                    "evidence": "the proposal is safe Rust: no `unsafe`, `transmute` or raw parts"
                  },
                  "estimate_plausible": {
                    "answer": "YES",
                    "evidence": "`encoded` grows from empty by one push per iteration of the `for` loop at line 48 (line 53); `batches` is a `&[Batch]` (parameter `batches: &[Batch]` of `fn encode_batches`), so `batches` yields exactly `batches.len()` items: that is ~log2(n) reallocations with copies per call, and `with_capacity` makes it one allocation"
                  },
                  "hot_path": {
                    "answer": "MAYBE",
                    "evidence": "per iteration of the `for` loop at line 48 in `fn encode_batches`; no caller known: no caller of `encode_batches` found in the workspace (called through a macro, a function pointer, or not at all)"
                  },
                  "complexity_justified": {
                    "answer": "YES",
                    "evidence": "impact High against effort Low (proposal of 1 line(s), 0 prerequisite(s))"
                  },
                  "issues": [
                    {
                      "id": "F-008-I1",
                      "description": "Is `fn encode_batches` called once per item of the program's data (a file, a line, a record, an event)? The call graph found no caller: no caller of `encode_batches` found in the workspace (called through a macro, a function pointer, or not at all). [rule: caller-unknown]",
                      "risk": "Code nobody calls per item saves nothing; code nobody calls at all is dead.",
                      "suggestion": "Name the caller of `fn encode_batches` and how often it runs, or attach a heap profile that shows these lines."
                    }
                  ],
                  "conditions": [
                    "Name the caller of `fn encode_batches` and how often it runs, or attach a heap profile that shows these lines."
                  ],
                  "counterexample": null,
                  "engine": "builtin"
                },
                "decision": null
              },
              {
                "finding": {
                  "id": "F-010",
                  "fingerprint": "a9b9446294809400",
                  "category": "ALLOCATION_LOOP",
                  "file": "crates/worker/src/lib.rs",
                  "line_start": 39,
                  "line_end": 39,
                  "crate": "ingest-worker",
                  "priority": "P0",
                  "item_path": "Worker::process_file",
                  "confidence": "HIGH",
                  "safety": "SAFE",
                  "code": "            let fields: Vec<String> = line.split(',').map(|s| s.to_string()).collect();",
                  "issue": "`.collect()` allocates on every iteration of `for line in reader.lines()`.",
                  "proposal": "let mut buf = Vec::new(); // once, before the loop\n// in the loop body:\nbuf.clear();\nbuf.extend(/* the same iterator */);",
                  "impact": {
                    "allocations_avoided": 1,
                    "bytes_saved": null,
                    "unit": "iteration of `for line in reader.lines()`",
                    "applies_to": "every call of `Worker::process_file`",
                    "level": "High"
                  },
                  "tradeoffs": {
                    "pros": [
                      "Fewer allocator calls on a path that runs once per element."
                    ],
                    "cons": [
                      "A reused buffer must be cleared at the top of each iteration."
                    ]
                  },
                  "prerequisites": [],
                  "source": "builtin",
                  "reach": {
                    "heat": "hot",
                    "loop_depth": 3,
                    "reasons": [
                      "runs per element of `line.split(',').map(..)` in `Worker::process_file`",
                      "called per iteration of `for path in std::env::args().skip(1)` from `main` (crates/worker/src/main.rs:7)",
                      "entry: `fn main` (crates/worker/src/main.rs:3)"
                    ]
                  },
                  "edit": {
                    "summary": "reuse one `Vec` for `fields`: `clear()` and `extend()` it each iteration",
                    "hunks": [
                      {
                        "file": "crates/worker/src/lib.rs",
                        "start": 985,
                        "end": 985,
                        "line": 37,
                        "original": "",
                        "replacement": "let mut fields: Vec<String> = Vec::new();\n        "
                      },
                      {
                        "file": "crates/worker/src/lib.rs",
                        "start": 1056,
                        "end": 1131,
                        "line": 39,
                        "original": "let fields: Vec<String> = line.split(',').map(|s| s.to_string()).collect();",
                        "replacement": "fields.clear();\n            fields.extend(line.split(',').map(|s| s.to_string()));"
                      }
                    ]
                  }
                },
                "state": "persisting",
                "validation": {
                  "finding_id": "F-010",
                  "fingerprint": "a9b9446294809400",
                  "verdict": "APPROVED",
                  "lifetime": {
                    "status": "PASS",
                    "evidence": "`line.split(',').map(|s|s.to_string()).collect()` at line 39 stays within one iteration of the `for` loop at line 37: `fields` is only read or borrowed after it is made, and dropped at the end of its scope; one reused buffer in its place lives long enough"
                  },
                  "thread_safety": {
                    "status": "N/A",
                    "evidence": "`fn process_file` neither spawns nor runs in a task: the change is single-threaded"
                  },
                  "no_undefined_behavior": {
                    "status": "PASS",
                    "evidence": "the proposal is safe Rust: no `unsafe`, `transmute` or raw parts"
                  },
                  "estimate_plausible": {
                    "answer": "YES",
                    "evidence": "1 allocation(s) per iteration of `for line in reader.lines()` against 2 allocating expression(s) at lines 39-39, each run once per iteration"
                  },
                  "hot_path": {
                    "answer": "YES",
                    "evidence": "per iteration of the `for` loop at line 37 in `fn process_file`; called per item: runs per element of `line.split(',').map(..)` in `Worker::process_file` ← called per iteration of `for path in std::env::args().skip(1)` from `main` (crates/worker/src/main.rs:7) ← entry: `fn main` (crates/worker/src/main.rs:3)"
                  },
                  "complexity_justified": {
                    "answer": "YES",
                    "evidence": "impact High against effort Low (proposal of 3 line(s), 0 prerequisite(s))"
                  },
                  "issues": [],
                  "conditions": [
                    "Gain: one allocation of `line.split(',').map(|s|s.to_string()).collect()` per iteration of the `for` loop at line 37, after the first iterations (the buffer keeps its capacity)",
                    "the buffer is created once above the `for` loop at line 37 and `clear()`ed at the start of each iteration",
                    "the buffer is not stored, sent or returned from the loop body",
                    "the crate's tests pass and a heap profile (DHAT) of a representative input shows fewer allocations"
                  ],
                  "counterexample": null,
                  "engine": "builtin"
                },
                "decision": {
                  "finding_id": "F-010",
                  "fingerprint": "a9b9446294809400",
                  "kind": "implement",
                  "note": "Small change; do it this sprint.",
                  "round": 1,
                  "decided_at": "2025-03-10T10:10:00.000Z"
                }
              },
              {
                "finding": {
                  "id": "F-011",
                  "fingerprint": "8c5a9dd8bdeed441",
                  "category": "ALLOCATION_LOOP",
                  "file": "crates/worker/src/lib.rs",
                  "line_start": 40,
                  "line_end": 40,
                  "crate": "ingest-worker",
                  "priority": "P0",
                  "item_path": "Worker::process_file",
                  "confidence": "HIGH",
                  "safety": "SAFE",
                  "code": "            let key = format!(\"{}:{}\", path, fields.len());",
                  "issue": "`format!()` allocates on every iteration of `for line in reader.lines()`.",
                  "proposal": "use std::fmt::Write;\nlet mut buf = String::new(); // once, before the loop\n// in the loop body:\nbuf.clear();\nwrite!(buf, \"{}:{}\", path, fields.len()).unwrap(); // writing to a String cannot fail\n// use `&buf` where the formatted value was used",
                  "impact": {
                    "allocations_avoided": 1,
                    "bytes_saved": null,
                    "unit": "iteration of `for line in reader.lines()`",
                    "applies_to": "every call of `Worker::process_file`",
                    "level": "High"
                  },
                  "tradeoffs": {
                    "pros": [
                      "Fewer allocator calls on a path that runs once per element."
                    ],
                    "cons": [
                      "A reused buffer must be cleared at the top of each iteration."
                    ]
                  },
                  "prerequisites": [],
                  "source": "builtin",
                  "reach": {
                    "heat": "hot",
                    "loop_depth": 2,
                    "reasons": [
                      "runs per iteration of `for line in reader.lines()` in `Worker::process_file`",
                      "called per iteration of `for path in std::env::args().skip(1)` from `main` (crates/worker/src/main.rs:7)",
                      "entry: `fn main` (crates/worker/src/main.rs:3)"
                    ]
                  }
                },
                "state": "persisting",
                "validation": {
                  "finding_id": "F-011",
                  "fingerprint": "8c5a9dd8bdeed441",
                  "verdict": "APPROVED",
                  "lifetime": {
                    "status": "PASS",
                    "evidence": "`format!(..)` at line 40 stays within one iteration of the `for` loop at line 37: `key` is only read or borrowed after it is made, and dropped at the end of its scope; one reused buffer in its place lives long enough"
                  },
                  "thread_safety": {
                    "status": "N/A",
                    "evidence": "`fn process_file` neither spawns nor runs in a task: the change is single-threaded"
                  },
                  "no_undefined_behavior": {
                    "status": "PASS",
                    "evidence": "the proposal is safe Rust: no `unsafe`, `transmute` or raw parts"
                  },
                  "estimate_plausible": {
                    "answer": "YES",
                    "evidence": "1 allocation(s) per iteration of `for line in reader.lines()` against 1 allocating expression(s) at lines 40-40, each run once per iteration"
                  },
                  "hot_path": {
                    "answer": "YES",
                    "evidence": "per iteration of the `for` loop at line 37 in `fn process_file`; called per item: runs per iteration of `for line in reader.lines()` in `Worker::process_file` ← called per iteration of `for path in std::env::args().skip(1)` from `main` (crates/worker/src/main.rs:7) ← entry: `fn main` (crates/worker/src/main.rs:3)"
                  },
                  "complexity_justified": {
                    "answer": "YES",
                    "evidence": "impact High against effort Low (proposal of 4 line(s), 0 prerequisite(s))"
                  },
                  "issues": [],
                  "conditions": [
                    "Gain: one allocation of `format!(..)` per iteration of the `for` loop at line 37, after the first iterations (the buffer keeps its capacity)",
                    "the buffer is created once above the `for` loop at line 37 and `clear()`ed at the start of each iteration",
                    "the buffer is not stored, sent or returned from the loop body",
                    "the crate's tests pass and a heap profile (DHAT) of a representative input shows fewer allocations"
                  ],
                  "counterexample": null,
                  "engine": "builtin"
                },
                "decision": {
                  "finding_id": "F-011",
                  "fingerprint": "8c5a9dd8bdeed441",
                  "kind": "implement",
                  "note": "Small change; do it this sprint.",
                  "round": 1,
                  "decided_at": "2025-03-10T10:11:00.000Z"
                }
              }
            ],
            "report": {
              "round": 3,
              "summary": {
                "total": 4,
                "approved": 2,
                "needs_work": 2,
                "rejected": 0,
                "new": 0,
                "estimated_bytes_saved": null,
                "estimated_allocations_avoided": 2,
                "estimated_allocation_reduction_pct": 100.0,
                "measured": null,
                "figures": [
                  {
                    "key": "memory_impact",
                    "label": "Memory impact",
                    "value": null,
                    "unit": "not estimated",
                    "kind": "unknown",
                    "basis": "No approved finding states a byte saving, and the session has no heap profile.",
                    "action": "Profile a workload (`memaudit profile`) to measure it."
                  },
                  {
                    "key": "allocation_reduction",
                    "label": "Allocation reduction",
                    "value": "~100%",
                    "unit": "of the allocations flagged in hot code",
                    "kind": "estimated",
                    "basis": "Not measured. Hot-path findings state 2 allocations per pass through their code; approved findings remove 2 of them. Only what the audit flagged is counted, not the program's allocations: this is not the share of its allocations a program would lose.",
                    "action": "Profile a workload (`memaudit profile`) to measure it."
                  },
                  {
                    "key": "allocations",
                    "label": "Allocations removed per pass",
                    "value": "~2",
                    "unit": "summed over 2 approved findings",
                    "kind": "estimated",
                    "basis": "Each approved finding states the allocations one pass through its code (one loop iteration or call) would no longer make; this sums them over 2 findings. Not a count over a run: how often each pass runs is unknown without a profile.",
                    "action": "Profile a workload (`memaudit profile`) to measure it."
                  }
                ],
                "cold": 0,
                "notes": 0
              },
              "quick_wins": [
                {
                  "finding_id": "F-010",
                  "location": "ingest-worker/lib.rs",
                  "category": "ALLOCATION_LOOP",
                  "impact": "High",
                  "effort": "Low",
                  "score": 9.0,
                  "measured": false,
                  "at": "crates/worker/src/lib.rs:39",
                  "summary": "`.collect()` allocates on every iteration of `for line in reader.lines()`.",
                  "validation": "APPROVED (builtin): hot path YES — per iteration of the `for` loop at line 37 in `fn process_file`; called per item: runs per element of `line.split(',').map(..)` in `Worker::process_file` ← call…; lifetime PASS, thread safety N/A, no UB PASS",
                  "gain": "~1 allocation per iteration of `for line in reader.lines()` (estimate, not measured)",
                  "diff": "--- a/crates/worker/src/lib.rs\n+++ b/crates/worker/src/lib.rs\n@@ line 37 @@\n+let mut fields: Vec<String> = Vec::new();\n@@ line 39 @@\n-let fields: Vec<String> = line.split(',').map(|s| s.to_string()).collect();\n+fields.clear();\n+            fields.extend(line.split(',').map(|s| s.to_string()));\n",
                  "proposal": "let mut buf = Vec::new(); // once, before the loop\n// in the loop body:\nbuf.clear();\nbuf.extend(/* the same iterator */);"
                },
                {
                  "finding_id": "F-011",
                  "location": "ingest-worker/lib.rs",
                  "category": "ALLOCATION_LOOP",
                  "impact": "High",
                  "effort": "Low",
                  "score": 9.0,
                  "measured": false,
                  "at": "crates/worker/src/lib.rs:40",
                  "summary": "`format!()` allocates on every iteration of `for line in reader.lines()`.",
                  "validation": "APPROVED (builtin): hot path YES — per iteration of the `for` loop at line 37 in `fn process_file`; called per item: runs per iteration of `for line in reader.lines()` in `Worker::process_file` ←…; lifetime PASS, thread safety N/A, no UB PASS",
                  "gain": "~1 allocation per iteration of `for line in reader.lines()` (estimate, not measured)",
                  "diff": null,
                  "proposal": "use std::fmt::Write;\nlet mut buf = String::new(); // once, before the loop\n// in the loop body:\nbuf.clear();\nwrite!(buf, \"{}:{}\", path, fields.len()).unwrap(); // writing to a String cannot fail\n// use `&buf` where the formatted value was used"
                }
              ],
              "recommendations": [],
              "by_crate": [
                {
                  "crate": "ingest-worker",
                  "priority": "P0",
                  "findings": [
                    {
                      "finding_id": "F-007",
                      "summary": "`cols` starts empty and receives exactly one `push` per iteration of `for name in columns`, so it reallocates about log2(n) times while growing although the final length is known up front.",
                      "verdict": "NEEDS_WORK",
                      "state": "persisting"
                    },
                    {
                      "finding_id": "F-008",
                      "summary": "`encoded` starts empty and receives exactly one `push` per iteration of `for batch in batches`, so it reallocates about log2(n) times while growing although the final length is known up front.",
                      "verdict": "NEEDS_WORK",
                      "state": "persisting"
                    },
                    {
                      "finding_id": "F-010",
                      "summary": "`.collect()` allocates on every iteration of `for line in reader.lines()`.",
                      "verdict": "APPROVED",
                      "state": "persisting"
                    },
                    {
                      "finding_id": "F-011",
                      "summary": "`format!()` allocates on every iteration of `for line in reader.lines()`.",
                      "verdict": "APPROVED",
                      "state": "persisting"
                    }
                  ]
                }
              ],
              "deferred": [
                {
                  "finding_id": "F-007",
                  "reason": "deferred by the user until round 3: Measure with a heap profile first."
                },
                {
                  "finding_id": "F-008",
                  "reason": "NEEDS_WORK: Is `fn encode_batches` called once per item of the program's data (a file, a line, a record, an event)? The call graph found no caller: no caller of `encode_batches` found in the workspace (called through a macro, a function pointer, or not at all). [rule: caller-unknown]"
                }
              ],
              "next_focus": [
                "User request: look deeper at crate ingest-worker",
                "Rework 1 NEEDS_WORK finding(s) in ALLOCATION_LOOP: F-008"
              ],
              "termination": [
                {
                  "name": "All P0 crates analysed",
                  "met": true,
                  "detail": "4 P0 crate(s) analysed: ingest-scan, ingest-worker, ingest-proto, ingest-schema"
                },
                {
                  "name": "No new HIGH-impact findings in the last round",
                  "met": true,
                  "detail": "round 3 found no new HIGH-impact finding"
                },
                {
                  "name": "No findings awaiting rework",
                  "met": false,
                  "detail": "1 NEEDS_WORK finding(s) without a decision: F-008"
                },
                {
                  "name": "Actionable report generated",
                  "met": true,
                  "detail": "2 approved finding(s) ready to implement"
                },
                {
                  "name": "User satisfied with coverage",
                  "met": false,
                  "detail": "the user has not terminated the session"
                }
              ],
              "verified": []
            },
            "role_runs": [
              {
                "role": "analyst",
                "engine": "builtin",
                "started_at": "2025-03-14T09:30:00.000Z",
                "finished_at": "2025-03-14T09:30:00.820Z",
                "duration_ms": 820,
                "tokens_in": 0,
                "tokens_out": 0,
                "cost_usd": 0.0,
                "status": "finished",
                "error": null
              },
              {
                "role": "validator",
                "engine": "builtin",
                "started_at": "2025-03-14T09:30:00.820Z",
                "finished_at": "2025-03-14T09:30:01.160Z",
                "duration_ms": 340,
                "tokens_in": 0,
                "tokens_out": 0,
                "cost_usd": 0.0,
                "status": "finished",
                "error": null
              },
              {
                "role": "coordinator",
                "engine": "builtin",
                "started_at": "2025-03-14T09:30:01.160Z",
                "finished_at": "2025-03-14T09:30:01.205Z",
                "duration_ms": 45,
                "tokens_in": 0,
                "tokens_out": 0,
                "cost_usd": 0.0,
                "status": "finished",
                "error": null
              }
            ],
            "decision": null,
            "focus": [
              {
                "kind": "crate",
                "value": "ingest-worker"
              }
            ]
          },
          "overview": {
            "number": 3,
            "status": "awaiting_decision",
            "started_at": "2025-03-14T09:30:00.000Z",
            "finished_at": "2025-03-14T09:30:02.000Z",
            "error": null,
            "findings": [
              {
                "id": "F-007",
                "category": "ALLOCATION_LOOP",
                "file": "crates/worker/src/batch.rs",
                "line_start": 32,
                "line_end": 32,
                "crate": "ingest-worker",
                "priority": "P0",
                "item_path": "batch::BatchBuilder::build",
                "summary": "`cols` starts empty and receives exactly one `push` per iteration of `for name in columns`, so it reallocates about log2(n) times while growing although the fi…",
                "impact": {
                  "allocations_avoided": null,
                  "bytes_saved": null,
                  "unit": "call of `batch::BatchBuilder::build`",
                  "applies_to": "~log2(n) reallocations and copies per call of `batch::BatchBuilder::build`",
                  "level": "High"
                },
                "source": "builtin",
                "state": "persisting",
                "verdict": "NEEDS_WORK",
                "decision": {
                  "finding_id": "F-007",
                  "fingerprint": "250647ddc25f517d",
                  "kind": "defer",
                  "note": "Measure with a heap profile first.",
                  "defer_until_round": 3,
                  "round": 1,
                  "decided_at": "2025-03-10T10:07:00.000Z"
                }
              },
              {
                "id": "F-008",
                "category": "ALLOCATION_LOOP",
                "file": "crates/worker/src/batch.rs",
                "line_start": 47,
                "line_end": 47,
                "crate": "ingest-worker",
                "priority": "P0",
                "item_path": "batch::encode_batches",
                "summary": "`encoded` starts empty and receives exactly one `push` per iteration of `for batch in batches`, so it reallocates about log2(n) times while growing although th…",
                "impact": {
                  "allocations_avoided": null,
                  "bytes_saved": null,
                  "unit": "call of `batch::encode_batches`",
                  "applies_to": "~log2(n) reallocations and copies per call of `batch::encode_batches`",
                  "level": "High"
                },
                "source": "builtin",
                "state": "persisting",
                "verdict": "NEEDS_WORK",
                "decision": null
              },
              {
                "id": "F-010",
                "category": "ALLOCATION_LOOP",
                "file": "crates/worker/src/lib.rs",
                "line_start": 39,
                "line_end": 39,
                "crate": "ingest-worker",
                "priority": "P0",
                "item_path": "Worker::process_file",
                "summary": "`.collect()` allocates on every iteration of `for line in reader.lines()`.",
                "impact": {
                  "allocations_avoided": 1,
                  "bytes_saved": null,
                  "unit": "iteration of `for line in reader.lines()`",
                  "applies_to": "every call of `Worker::process_file`",
                  "level": "High"
                },
                "source": "builtin",
                "state": "persisting",
                "verdict": "APPROVED",
                "decision": {
                  "finding_id": "F-010",
                  "fingerprint": "a9b9446294809400",
                  "kind": "implement",
                  "note": "Small change; do it this sprint.",
                  "round": 1,
                  "decided_at": "2025-03-10T10:10:00.000Z"
                }
              },
              {
                "id": "F-011",
                "category": "ALLOCATION_LOOP",
                "file": "crates/worker/src/lib.rs",
                "line_start": 40,
                "line_end": 40,
                "crate": "ingest-worker",
                "priority": "P0",
                "item_path": "Worker::process_file",
                "summary": "`format!()` allocates on every iteration of `for line in reader.lines()`.",
                "impact": {
                  "allocations_avoided": 1,
                  "bytes_saved": null,
                  "unit": "iteration of `for line in reader.lines()`",
                  "applies_to": "every call of `Worker::process_file`",
                  "level": "High"
                },
                "source": "builtin",
                "state": "persisting",
                "verdict": "APPROVED",
                "decision": {
                  "finding_id": "F-011",
                  "fingerprint": "8c5a9dd8bdeed441",
                  "kind": "implement",
                  "note": "Small change; do it this sprint.",
                  "round": 1,
                  "decided_at": "2025-03-10T10:11:00.000Z"
                }
              }
            ],
            "report": {
              "round": 3,
              "summary": {
                "total": 4,
                "approved": 2,
                "needs_work": 2,
                "rejected": 0,
                "new": 0,
                "estimated_bytes_saved": null,
                "estimated_allocations_avoided": 2,
                "estimated_allocation_reduction_pct": 100.0,
                "measured": null,
                "figures": [
                  {
                    "key": "memory_impact",
                    "label": "Memory impact",
                    "value": null,
                    "unit": "not estimated",
                    "kind": "unknown",
                    "basis": "No approved finding states a byte saving, and the session has no heap profile.",
                    "action": "Profile a workload (`memaudit profile`) to measure it."
                  },
                  {
                    "key": "allocation_reduction",
                    "label": "Allocation reduction",
                    "value": "~100%",
                    "unit": "of the allocations flagged in hot code",
                    "kind": "estimated",
                    "basis": "Not measured. Hot-path findings state 2 allocations per pass through their code; approved findings remove 2 of them. Only what the audit flagged is counted, not the program's allocations: this is not the share of its allocations a program would lose.",
                    "action": "Profile a workload (`memaudit profile`) to measure it."
                  },
                  {
                    "key": "allocations",
                    "label": "Allocations removed per pass",
                    "value": "~2",
                    "unit": "summed over 2 approved findings",
                    "kind": "estimated",
                    "basis": "Each approved finding states the allocations one pass through its code (one loop iteration or call) would no longer make; this sums them over 2 findings. Not a count over a run: how often each pass runs is unknown without a profile.",
                    "action": "Profile a workload (`memaudit profile`) to measure it."
                  }
                ],
                "cold": 0,
                "notes": 0
              },
              "quick_wins": [
                {
                  "finding_id": "F-010",
                  "location": "ingest-worker/lib.rs",
                  "category": "ALLOCATION_LOOP",
                  "impact": "High",
                  "effort": "Low",
                  "score": 9.0,
                  "measured": false,
                  "at": "crates/worker/src/lib.rs:39",
                  "summary": "`.collect()` allocates on every iteration of `for line in reader.lines()`.",
                  "validation": "APPROVED (builtin): hot path YES — per iteration of the `for` loop at line 37 in `fn process_file`; called per item: runs per element of `line.split(',').map(..)` in `Worker::process_file` ← call…; lifetime PASS, thread safety N/A, no UB PASS",
                  "gain": "~1 allocation per iteration of `for line in reader.lines()` (estimate, not measured)",
                  "diff": "--- a/crates/worker/src/lib.rs\n+++ b/crates/worker/src/lib.rs\n@@ line 37 @@\n+let mut fields: Vec<String> = Vec::new();\n@@ line 39 @@\n-let fields: Vec<String> = line.split(',').map(|s| s.to_string()).collect();\n+fields.clear();\n+            fields.extend(line.split(',').map(|s| s.to_string()));\n",
                  "proposal": "let mut buf = Vec::new(); // once, before the loop\n// in the loop body:\nbuf.clear();\nbuf.extend(/* the same iterator */);"
                },
                {
                  "finding_id": "F-011",
                  "location": "ingest-worker/lib.rs",
                  "category": "ALLOCATION_LOOP",
                  "impact": "High",
                  "effort": "Low",
                  "score": 9.0,
                  "measured": false,
                  "at": "crates/worker/src/lib.rs:40",
                  "summary": "`format!()` allocates on every iteration of `for line in reader.lines()`.",
                  "validation": "APPROVED (builtin): hot path YES — per iteration of the `for` loop at line 37 in `fn process_file`; called per item: runs per iteration of `for line in reader.lines()` in `Worker::process_file` ←…; lifetime PASS, thread safety N/A, no UB PASS",
                  "gain": "~1 allocation per iteration of `for line in reader.lines()` (estimate, not measured)",
                  "diff": null,
                  "proposal": "use std::fmt::Write;\nlet mut buf = String::new(); // once, before the loop\n// in the loop body:\nbuf.clear();\nwrite!(buf, \"{}:{}\", path, fields.len()).unwrap(); // writing to a String cannot fail\n// use `&buf` where the formatted value was used"
                }
              ],
              "recommendations": 0,
              "deferred": 2,
              "next_focus": [
                "User request: look deeper at crate ingest-worker",
                "Rework 1 NEEDS_WORK finding(s) in ALLOCATION_LOOP: F-008"
              ],
              "termination": [
                {
                  "name": "All P0 crates analysed",
                  "met": true,
                  "detail": "4 P0 crate(s) analysed: ingest-scan, ingest-worker, ingest-proto, ingest-schema"
                },
                {
                  "name": "No new HIGH-impact findings in the last round",
                  "met": true,
                  "detail": "round 3 found no new HIGH-impact finding"
                },
                {
                  "name": "No findings awaiting rework",
                  "met": false,
                  "detail": "1 NEEDS_WORK finding(s) without a decision: F-008"
                },
                {
                  "name": "Actionable report generated",
                  "met": true,
                  "detail": "2 approved finding(s) ready to implement"
                },
                {
                  "name": "User satisfied with coverage",
                  "met": false,
                  "detail": "the user has not terminated the session"
                }
              ],
              "verified": []
            },
            "role_runs": [
              {
                "role": "analyst",
                "engine": "builtin",
                "started_at": "2025-03-14T09:30:00.000Z",
                "finished_at": "2025-03-14T09:30:00.820Z",
                "duration_ms": 820,
                "tokens_in": 0,
                "tokens_out": 0,
                "cost_usd": 0.0,
                "status": "finished",
                "error": null
              },
              {
                "role": "validator",
                "engine": "builtin",
                "started_at": "2025-03-14T09:30:00.820Z",
                "finished_at": "2025-03-14T09:30:01.160Z",
                "duration_ms": 340,
                "tokens_in": 0,
                "tokens_out": 0,
                "cost_usd": 0.0,
                "status": "finished",
                "error": null
              },
              {
                "role": "coordinator",
                "engine": "builtin",
                "started_at": "2025-03-14T09:30:01.160Z",
                "finished_at": "2025-03-14T09:30:01.205Z",
                "duration_ms": 45,
                "tokens_in": 0,
                "tokens_out": 0,
                "cost_usd": 0.0,
                "status": "finished",
                "error": null
              }
            ],
            "decision": null,
            "focus": [
              {
                "kind": "crate",
                "value": "ingest-worker"
              }
            ]
          },
          "session": {
            "id": 2,
            "name": "memory_audit_001",
            "workspace": "/home/lead/src/ingest",
            "created_at": "2025-03-10T09:30:00.000Z",
            "updated_at": "2025-03-14T16:30:00.000Z",
            "status": "active",
            "rounds": 3,
            "findings": 22
          },
          "status": {
            "session": "memory_audit_001",
            "rounds": 3,
            "current_round": 3,
            "round_status": "awaiting_decision",
            "total_findings": 4,
            "approved": 2,
            "needs_work": 2,
            "rejected": 0,
            "new": 0,
            "persisting": 4,
            "fixed": 0,
            "stale": 0,
            "decided_implement": 2,
            "decided_defer": 1,
            "decided_reject": 0,
            "undecided": 1
          },
          "html": "report-s2-r3.html"
        }
      ]
    }
  ],
  "fresh_started": {
    "session": {
      "id": 3,
      "name": "memory_audit_002",
      "workspace": "/home/lead/src/ingest",
      "created_at": "2025-03-16T09:30:00.000Z",
      "updated_at": "2025-03-16T16:30:00.000Z",
      "status": "active",
      "rounds": 0,
      "findings": 0
    },
    "crates": [],
    "rounds": [],
    "status": {
      "session": "memory_audit_002",
      "rounds": 0,
      "current_round": 0,
      "round_status": "none",
      "total_findings": 0,
      "approved": 0,
      "needs_work": 0,
      "rejected": 0,
      "new": 0,
      "persisting": 0,
      "fixed": 0,
      "stale": 0,
      "decided_implement": 0,
      "decided_defer": 0,
      "decided_reject": 0,
      "undecided": 0
    }
  },
  "fresh": {
    "export": {
      "schema_version": 2,
      "session": {
        "id": 3,
        "name": "memory_audit_002",
        "workspace": "/home/lead/src/ingest",
        "created_at": "2025-03-16T09:30:00.000Z",
        "updated_at": "2025-03-16T16:30:00.000Z",
        "status": "active",
        "rounds": 1,
        "findings": 21
      },
      "scope": {
        "workspace": "/home/lead/src/ingest",
        "crates": [
          {
            "name": "ingest-scan",
            "path": "crates/scan",
            "priority": "P0",
            "score": 6,
            "reasons": [
              {
                "signal": "code:hottest_file",
                "file": "crates/scan/src/walk.rs",
                "line": null,
                "weight": 6,
                "detail": "hottest file is crates/scan/src/walk.rs (P0, score 6: iteration +6)"
              },
              {
                "signal": "name:scan",
                "file": "crates/scan/Cargo.toml",
                "line": null,
                "weight": 0,
                "detail": "crate name contains \"scan\": at least P1"
              }
            ],
            "files": [
              {
                "path": "crates/scan/src/walk.rs",
                "priority": "P0",
                "score": 6,
                "reasons": [
                  {
                    "signal": "code:hottest_function",
                    "file": "crates/scan/src/walk.rs",
                    "line": 21,
                    "weight": 0,
                    "detail": "hottest function `Walker::visit` (P1, hot): called per iteration of `for entry in &entries` from `Walker::run` (crates/scan/src/walk.rs:16) ← entry: public API `Walker::run` of library `ingest_scan`: called per call of its user"
                  },
                  {
                    "signal": "code:fs_scan",
                    "file": "crates/scan/src/walk.rs",
                    "line": 14,
                    "weight": 2,
                    "detail": "walks the file system (`fs::read_dir`)"
                  },
                  {
                    "signal": "code:iteration",
                    "file": "crates/scan/src/walk.rs",
                    "line": 15,
                    "weight": 2,
                    "detail": "`for` loop over `entries`"
                  },
                  {
                    "signal": "code:fs_scan",
                    "file": "crates/scan/src/walk.rs",
                    "line": 41,
                    "weight": 2,
                    "detail": "walks the file system (`fs::metadata`)"
                  }
                ],
                "lines": 55,
                "in_module_tree": true,
                "functions": [
                  {
                    "name": "Walker::run",
                    "line": 13,
                    "end": 19,
                    "priority": "P2",
                    "heat": "warm",
                    "reason": "entry: public API `Walker::run` of library `ingest_scan`: called per call of its user"
                  },
                  {
                    "name": "Walker::visit",
                    "line": 21,
                    "end": 26,
                    "priority": "P1",
                    "heat": "hot",
                    "reason": "called per iteration of `for entry in &entries` from `Walker::run` (crates/scan/src/walk.rs:16) ← entry: public API `Walker::run` of library `ingest_scan`: called per call of its user"
                  },
                  {
                    "name": "normalise_path",
                    "line": 30,
                    "end": 34,
                    "priority": "P1",
                    "heat": "hot",
                    "reason": "called once per call from `Walker::visit` (crates/scan/src/walk.rs:22) ← called per iteration of `for entry in &entries` from `Walker::run` (crates/scan/src/walk.rs:16) ← entry: public API `Walker::run` of library `ingest_scan`: called per call of its user"
                  },
                  {
                    "name": "sizes",
                    "line": 37,
                    "end": 46,
                    "priority": "P2",
                    "heat": "warm",
                    "reason": "entry: public API `sizes` of library `ingest_scan`: called per call of its user"
                  },
                  {
                    "name": "file_names",
                    "line": 49,
                    "end": 55,
                    "priority": "P2",
                    "heat": "warm",
                    "reason": "entry: public API `file_names` of library `ingest_scan`: called per call of its user"
                  }
                ]
              },
              {
                "path": "crates/scan/src/watch.rs",
                "priority": "P1",
                "score": 4,
                "reasons": [
                  {
                    "signal": "code:hottest_function",
                    "file": "crates/scan/src/watch.rs",
                    "line": 18,
                    "weight": 0,
                    "detail": "hottest function `Watcher::poll` (P2, warm): entry: public API `Watcher::poll` of library `ingest_scan`: called per call of its user"
                  },
                  {
                    "signal": "code:iteration",
                    "file": "crates/scan/src/watch.rs",
                    "line": 20,
                    "weight": 2,
                    "detail": "`for` loop over `files`"
                  },
                  {
                    "signal": "code:fs_scan",
                    "file": "crates/scan/src/watch.rs",
                    "line": 21,
                    "weight": 2,
                    "detail": "walks the file system (`fs::metadata`)"
                  },
                  {
                    "signal": "name:watch",
                    "file": "crates/scan/src/watch.rs",
                    "line": null,
                    "weight": 0,
                    "detail": "path contains \"watch\": at least P1"
                  }
                ],
                "lines": 41,
                "in_module_tree": true,
                "functions": [
                  {
                    "name": "Watcher::new",
                    "line": 11,
                    "end": 15,
                    "priority": "P3",
                    "heat": "cold",
                    "cold": "setup",
                    "reason": "entry: public API `Watcher::new` of library `ingest_scan`: it builds or configures, once per use of the library"
                  },
                  {
                    "name": "Watcher::poll",
                    "line": 18,
                    "end": 34,
                    "priority": "P2",
                    "heat": "warm",
                    "reason": "entry: public API `Watcher::poll` of library `ingest_scan`: called per call of its user"
                  },
                  {
                    "name": "Watcher::default",
                    "line": 38,
                    "end": 40,
                    "priority": "P3",
                    "heat": "cold",
                    "cold": "setup",
                    "reason": "entry: public API `Watcher::default` of library `ingest_scan`: it builds or configures, once per use of the library"
                  }
                ]
              },
              {
                "path": "crates/scan/src/lib.rs",
                "priority": "P3",
                "score": 0,
                "reasons": [],
                "lines": 4,
                "in_module_tree": true
              }
            ]
          },
          {
            "name": "ingest-worker",
            "path": "crates/worker",
            "priority": "P0",
            "score": 5,
            "reasons": [
              {
                "signal": "code:hottest_file",
                "file": "crates/worker/src/lib.rs",
                "line": null,
                "weight": 5,
                "detail": "hottest file is crates/worker/src/lib.rs (P0, score 5: file I/O +3, iteration +2)"
              },
              {
                "signal": "name:worker",
                "file": "crates/worker/Cargo.toml",
                "line": null,
                "weight": 0,
                "detail": "crate name contains \"worker\": at least P0"
              },
              {
                "signal": "override:force_priority",
                "file": "crates/worker",
                "line": null,
                "weight": 0,
                "detail": "scope.md forces P0 (`crates/worker`)"
              }
            ],
            "files": [
              {
                "path": "crates/worker/src/lib.rs",
                "priority": "P0",
                "score": 5,
                "reasons": [
                  {
                    "signal": "code:hottest_function",
                    "file": "crates/worker/src/lib.rs",
                    "line": 33,
                    "weight": 0,
                    "detail": "hottest function `Worker::process_file` (P0, hot): called per iteration of `for path in std::env::args().skip(1)` from `main` (crates/worker/src/main.rs:7) ← entry: `fn main` (crates/worker/src/main.rs:3)"
                  },
                  {
                    "signal": "code:file_io",
                    "file": "crates/worker/src/lib.rs",
                    "line": 34,
                    "weight": 3,
                    "detail": "uses `File::open`"
                  },
                  {
                    "signal": "code:iteration",
                    "file": "crates/worker/src/lib.rs",
                    "line": 37,
                    "weight": 2,
                    "detail": "`for` loop over `lines`"
                  },
                  {
                    "signal": "override:force_priority",
                    "file": "crates/worker/src/lib.rs",
                    "line": null,
                    "weight": 0,
                    "detail": "scope.md forces P0 (`crates/worker`)"
                  }
                ],
                "lines": 58,
                "in_module_tree": true,
                "overridden": "scope.md forces P0 (`crates/worker`)",
                "functions": [
                  {
                    "name": "Worker::new",
                    "line": 23,
                    "end": 30,
                    "priority": "P3",
                    "heat": "cold",
                    "cold": "setup",
                    "reason": "called once per call from `main` (crates/worker/src/main.rs:5) ← entry: `fn main` (crates/worker/src/main.rs:3)"
                  },
                  {
                    "name": "Worker::process_file",
                    "line": 33,
                    "end": 47,
                    "priority": "P0",
                    "heat": "hot",
                    "reason": "called per iteration of `for path in std::env::args().skip(1)` from `main` (crates/worker/src/main.rs:7) ← entry: `fn main` (crates/worker/src/main.rs:3)"
                  },
                  {
                    "name": "Worker::spawn_reporter",
                    "line": 50,
                    "end": 53,
                    "priority": "P3",
                    "heat": "unknown",
                    "reason": "no caller of `Worker::spawn_reporter` found in the workspace (called through a macro, a function pointer, or not at all)"
                  },
                  {
                    "name": "Worker::finish",
                    "line": 55,
                    "end": 57,
                    "priority": "P3",
                    "heat": "cold",
                    "cold": "setup",
                    "reason": "called once per call from `main` (crates/worker/src/main.rs:11) ← entry: `fn main` (crates/worker/src/main.rs:3)"
                  }
                ]
              },
              {
                "path": "crates/worker/src/bridge.rs",
                "priority": "P0",
                "score": 2,
                "reasons": [
                  {
                    "signal": "code:hottest_function",
                    "file": "crates/worker/src/bridge.rs",
                    "line": 22,
                    "weight": 0,
                    "detail": "hottest function `Bridge::flush` (P0, hot): called once per call from `Worker::process_file` (crates/worker/src/lib.rs:45) ← called per iteration of `for path in std::env::args().skip(1)` from `main` (crates/worker/src/main.rs:7) ← entry: `fn main` (crates/worker/src/main.rs:3)"
                  },
                  {
                    "signal": "code:iteration",
                    "file": "crates/worker/src/bridge.rs",
                    "line": 23,
                    "weight": 2,
                    "detail": "`for` loop over `rows`"
                  },
                  {
                    "signal": "override:force_priority",
                    "file": "crates/worker/src/bridge.rs",
                    "line": null,
                    "weight": 0,
                    "detail": "scope.md forces P0 (`crates/worker`)"
                  }
                ],
                "lines": 29,
                "in_module_tree": true,
                "overridden": "scope.md forces P0 (`crates/worker`)",
                "functions": [
                  {
                    "name": "Bridge::new",
                    "line": 14,
                    "end": 19,
                    "priority": "P3",
                    "heat": "cold",
                    "cold": "setup",
                    "reason": "called once per call from `Worker::new` (crates/worker/src/lib.rs:28) ← called once per call from `main` (crates/worker/src/main.rs:5) ← entry: `fn main` (crates/worker/src/main.rs:3)"
                  },
                  {
                    "name": "Bridge::flush",
                    "line": 22,
                    "end": 28,
                    "priority": "P0",
                    "heat": "hot",
                    "reason": "called once per call from `Worker::process_file` (crates/worker/src/lib.rs:45) ← called per iteration of `for path in std::env::args().skip(1)` from `main` (crates/worker/src/main.rs:7) ← entry: `fn main` (crates/worker/src/main.rs:3)"
                  }
                ]
              },
              {
                "path": "crates/worker/src/batch.rs",
                "priority": "P0",
                "score": 0,
                "reasons": [
                  {
                    "signal": "code:hottest_function",
                    "file": "crates/worker/src/batch.rs",
                    "line": 14,
                    "weight": 0,
                    "detail": "hottest function `BatchBuilder::new` (P1, hot): called once per call from `Worker::process_file` (crates/worker/src/lib.rs:36) ← called per iteration of `for path in std::env::args().skip(1)` from `main` (crates/worker/src/main.rs:7) ← entry: `fn main` (crates/worker/src/main.rs:3)"
                  },
                  {
                    "signal": "override:force_priority",
                    "file": "crates/worker/src/batch.rs",
                    "line": null,
                    "weight": 0,
                    "detail": "scope.md forces P0 (`crates/worker`)"
                  }
                ],
                "lines": 56,
                "in_module_tree": true,
                "overridden": "scope.md forces P0 (`crates/worker`)",
                "functions": [
                  {
                    "name": "BatchBuilder::new",
                    "line": 14,
                    "end": 19,
                    "priority": "P1",
                    "heat": "hot",
                    "reason": "called once per call from `Worker::process_file` (crates/worker/src/lib.rs:36) ← called per iteration of `for path in std::env::args().skip(1)` from `main` (crates/worker/src/main.rs:7) ← entry: `fn main` (crates/worker/src/main.rs:3)"
                  },
                  {
                    "name": "BatchBuilder::push_row",
                    "line": 22,
                    "end": 28,
                    "priority": "P3",
                    "heat": "unknown",
                    "reason": "no caller of `BatchBuilder::push_row` found in the workspace (called through a macro, a function pointer, or not at all)"
                  },
                  {
                    "name": "BatchBuilder::build",
                    "line": 31,
                    "end": 42,
                    "priority": "P3",
                    "heat": "unknown",
                    "reason": "no caller of `BatchBuilder::build` found in the workspace (called through a macro, a function pointer, or not at all)"
                  },
                  {
                    "name": "encode_batches",
                    "line": 46,
                    "end": 56,
                    "priority": "P3",
                    "heat": "unknown",
                    "reason": "no caller of `encode_batches` found in the workspace (called through a macro, a function pointer, or not at all)"
                  }
                ]
              },
              {
                "path": "crates/worker/src/main.rs",
                "priority": "P0",
                "score": 0,
                "reasons": [
                  {
                    "signal": "code:hottest_function",
                    "file": "crates/worker/src/main.rs",
                    "line": 3,
                    "weight": 0,
                    "detail": "hottest function `main` (P3, cold): entry: `fn main` (crates/worker/src/main.rs:3)"
                  },
                  {
                    "signal": "code:all_cold",
                    "file": "crates/worker/src/main.rs",
                    "line": null,
                    "weight": 0,
                    "detail": "every function is cold (tests, setup, error paths, diagnostics): P3"
                  },
                  {
                    "signal": "override:force_priority",
                    "file": "crates/worker/src/main.rs",
                    "line": null,
                    "weight": 0,
                    "detail": "scope.md forces P0 (`crates/worker`)"
                  }
                ],
                "lines": 12,
                "in_module_tree": true,
                "overridden": "scope.md forces P0 (`crates/worker`)",
                "functions": [
                  {
                    "name": "main",
                    "line": 3,
                    "end": 12,
                    "priority": "P3",
                    "heat": "cold",
                    "cold": "setup",
                    "reason": "entry: `fn main` (crates/worker/src/main.rs:3)"
                  }
                ]
              },
              {
                "path": "crates/worker/src/pipeline.rs",
                "priority": "P0",
                "score": 0,
                "reasons": [
                  {
                    "signal": "code:hottest_function",
                    "file": "crates/worker/src/pipeline.rs",
                    "line": 13,
                    "weight": 0,
                    "detail": "hottest function `Pipeline::route` (P0, hot): called per iteration of `for line in reader.lines()` from `Worker::process_file` (crates/worker/src/lib.rs:41) ← called per iteration of `for path in std::env::args().skip(1)` from `main` (crates/worker/src/main.rs:7) ← entry: `fn main` (crates/worker/src/main.rs:3)"
                  },
                  {
                    "signal": "override:force_priority",
                    "file": "crates/worker/src/pipeline.rs",
                    "line": null,
                    "weight": 0,
                    "detail": "scope.md forces P0 (`crates/worker`)"
                  }
                ],
                "lines": 37,
                "in_module_tree": true,
                "overridden": "scope.md forces P0 (`crates/worker`)",
                "functions": [
                  {
                    "name": "Pipeline::route",
                    "line": 13,
                    "end": 20,
                    "priority": "P0",
                    "heat": "hot",
                    "reason": "called per iteration of `for line in reader.lines()` from `Worker::process_file` (crates/worker/src/lib.rs:41) ← called per iteration of `for path in std::env::args().skip(1)` from `main` (crates/worker/src/main.rs:7) ← entry: `fn main` (crates/worker/src/main.rs:3)"
                  },
                  {
                    "name": "Pipeline::label_rows",
                    "line": 23,
                    "end": 30,
                    "priority": "P3",
                    "heat": "cold",
                    "cold": "setup",
                    "reason": "called once per call from `Pipeline::drain` (crates/worker/src/pipeline.rs:34) ← called once per call from `Worker::finish` (crates/worker/src/lib.rs:56) ← called once per call from `main` (crates/worker/src/main.rs:11) ← entry: `fn main` (crates/worker/src/main.rs:3)"
                  },
                  {
                    "name": "Pipeline::drain",
                    "line": 32,
                    "end": 36,
                    "priority": "P3",
                    "heat": "cold",
                    "cold": "setup",
                    "reason": "called once per call from `Worker::finish` (crates/worker/src/lib.rs:56) ← called once per call from `main` (crates/worker/src/main.rs:11) ← entry: `fn main` (crates/worker/src/main.rs:3)"
                  }
                ]
              }
            ]
          },
          {
            "name": "ingest-proto",
            "path": "crates/proto",
            "priority": "P0",
            "score": 0,
            "reasons": [
              {
                "signal": "code:hottest_file",
                "file": "crates/proto/src/codec.rs",
                "line": null,
                "weight": 0,
                "detail": "hottest file is crates/proto/src/codec.rs (P0, score 0: no scored code signals)"
              }
            ],
            "files": [
              {
                "path": "crates/proto/src/codec.rs",
                "priority": "P0",
                "score": 0,
                "reasons": [
                  {
                    "signal": "code:hottest_function",
                    "file": "crates/proto/src/codec.rs",
                    "line": 14,
                    "weight": 0,
                    "detail": "hottest function `Writer::write` (P0, hot): called per iteration of `for row in &batch.rows` from `Bridge::flush` (crates/worker/src/bridge.rs:25) ← called once per call from `Worker::process_file` (crates/worker/src/lib.rs:45) ← called per iteration of `for path in std::env::args().skip(1)` from `main` (crates/worker/src/main.rs:7) ← entry: `fn main` (crates/worker/src/main.rs:3)"
                  }
                ],
                "lines": 45,
                "in_module_tree": true,
                "functions": [
                  {
                    "name": "Writer::write",
                    "line": 14,
                    "end": 17,
                    "priority": "P0",
                    "heat": "hot",
                    "reason": "called per iteration of `for row in &batch.rows` from `Bridge::flush` (crates/worker/src/bridge.rs:25) ← called once per call from `Worker::process_file` (crates/worker/src/lib.rs:45) ← called per iteration of `for path in std::env::args().skip(1)` from `main` (crates/worker/src/main.rs:7) ← entry: `fn main` (crates/worker/src/main.rs:3)"
                  },
                  {
                    "name": "encode_row",
                    "line": 21,
                    "end": 28,
                    "priority": "P0",
                    "heat": "hot",
                    "reason": "called per iteration of `for row in &batch.rows` from `Bridge::flush` (crates/worker/src/bridge.rs:24) ← called once per call from `Worker::process_file` (crates/worker/src/lib.rs:45) ← called per iteration of `for path in std::env::args().skip(1)` from `main` (crates/worker/src/main.rs:7) ← entry: `fn main` (crates/worker/src/main.rs:3)"
                  },
                  {
                    "name": "encode_all",
                    "line": 31,
                    "end": 41,
                    "priority": "P2",
                    "heat": "warm",
                    "reason": "entry: public API `encode_all` of library `ingest_proto`: called per call of its user"
                  },
                  {
                    "name": "header",
                    "line": 43,
                    "end": 45,
                    "priority": "P2",
                    "heat": "warm",
                    "reason": "entry: public API `header` of library `ingest_proto`: called per call of its user"
                  }
                ]
              },
              {
                "path": "crates/proto/src/gen.rs",
                "priority": "P3",
                "score": 0,
                "reasons": [
                  {
                    "signal": "parse:skipped",
                    "file": "crates/proto/src/gen.rs",
                    "line": null,
                    "weight": 0,
                    "detail": "not parsed (see warnings): name signals only"
                  }
                ],
                "lines": 0,
                "in_module_tree": false
              },
              {
                "path": "crates/proto/src/lib.rs",
                "priority": "P3",
                "score": 0,
                "reasons": [],
                "lines": 3,
                "in_module_tree": true
              }
            ]
          },
          {
            "name": "ingest-schema",
            "path": "crates/schema",
            "priority": "P0",
            "score": 0,
            "reasons": [
              {
                "signal": "code:hottest_file",
                "file": "crates/schema/src/infer.rs",
                "line": null,
                "weight": 0,
                "detail": "hottest file is crates/schema/src/infer.rs (P0, score 0: no scored code signals)"
              }
            ],
            "files": [
              {
                "path": "crates/schema/src/infer.rs",
                "priority": "P0",
                "score": 0,
                "reasons": [
                  {
                    "signal": "code:hottest_function",
                    "file": "crates/schema/src/infer.rs",
                    "line": 34,
                    "weight": 0,
                    "detail": "hottest function `infer_one` (P0, hot): called per iteration of `for (i,value) in row.iter().enumerate()` from `infer_types` (crates/schema/src/infer.rs:23) ← entry: public API `infer_types` of library `ingest_schema`: called per call of its user"
                  }
                ],
                "lines": 50,
                "in_module_tree": true,
                "functions": [
                  {
                    "name": "infer_types",
                    "line": 19,
                    "end": 32,
                    "priority": "P2",
                    "heat": "warm",
                    "reason": "entry: public API `infer_types` of library `ingest_schema`: called per call of its user"
                  },
                  {
                    "name": "infer_one",
                    "line": 34,
                    "end": 42,
                    "priority": "P0",
                    "heat": "hot",
                    "reason": "called per iteration of `for (i,value) in row.iter().enumerate()` from `infer_types` (crates/schema/src/infer.rs:23) ← entry: public API `infer_types` of library `ingest_schema`: called per call of its user"
                  },
                  {
                    "name": "widen",
                    "line": 44,
                    "end": 50,
                    "priority": "P0",
                    "heat": "hot",
                    "reason": "called per iteration of `for (i,value) in row.iter().enumerate()` from `infer_types` (crates/schema/src/infer.rs:27) ← entry: public API `infer_types` of library `ingest_schema`: called per call of its user"
                  }
                ]
              },
              {
                "path": "crates/schema/src/validate.rs",
                "priority": "P2",
                "score": 2,
                "reasons": [
                  {
                    "signal": "code:hottest_function",
                    "file": "crates/schema/src/validate.rs",
                    "line": 11,
                    "weight": 0,
                    "detail": "hottest function `Validator::check_rows` (P2, warm): entry: public API `Validator::check_rows` of library `ingest_schema`: called per call of its user"
                  },
                  {
                    "signal": "code:iteration",
                    "file": "crates/schema/src/validate.rs",
                    "line": 13,
                    "weight": 2,
                    "detail": "`for` loop over `rows`"
                  }
                ],
                "lines": 49,
                "in_module_tree": true,
                "functions": [
                  {
                    "name": "Validator::check_rows",
                    "line": 11,
                    "end": 21,
                    "priority": "P2",
                    "heat": "warm",
                    "reason": "entry: public API `Validator::check_rows` of library `ingest_schema`: called per call of its user"
                  },
                  {
                    "name": "Validator::empty_fields",
                    "line": 24,
                    "end": 32,
                    "priority": "P2",
                    "heat": "warm",
                    "reason": "entry: public API `Validator::empty_fields` of library `ingest_schema`: called per call of its user"
                  },
                  {
                    "name": "tests::counts_rows",
                    "line": 40,
                    "end": 48,
                    "priority": "P3",
                    "heat": "cold",
                    "cold": "test",
                    "reason": "`mod tests` is under `#[cfg(test)]`"
                  }
                ]
              },
              {
                "path": "crates/schema/src/lib.rs",
                "priority": "P2",
                "score": 0,
                "reasons": [
                  {
                    "signal": "code:hottest_function",
                    "file": "crates/schema/src/lib.rs",
                    "line": 13,
                    "weight": 0,
                    "detail": "hottest function `Schema::from_config` (P2, warm): entry: public API `Schema::from_config` of library `ingest_schema`: called per call of its user"
                  }
                ],
                "lines": 19,
                "in_module_tree": true,
                "functions": [
                  {
                    "name": "Schema::from_config",
                    "line": 13,
                    "end": 18,
                    "priority": "P2",
                    "heat": "warm",
                    "reason": "entry: public API `Schema::from_config` of library `ingest_schema`: called per call of its user"
                  }
                ]
              }
            ]
          },
          {
            "name": "ingest-config",
            "path": "crates/config",
            "priority": "P3",
            "score": 0,
            "reasons": [
              {
                "signal": "code:hottest_file",
                "file": "crates/config/Cargo.toml",
                "line": null,
                "weight": 0,
                "detail": "no file has hot code or hot-path code signals"
              },
              {
                "signal": "name:config",
                "file": "crates/config/Cargo.toml",
                "line": null,
                "weight": 0,
                "detail": "crate name contains \"config\": usually one-time setup (spec: P3) unless its code runs hot"
              }
            ],
            "files": [
              {
                "path": "crates/config/src/lib.rs",
                "priority": "P3",
                "score": 0,
                "reasons": [
                  {
                    "signal": "code:hottest_function",
                    "file": "crates/config/src/lib.rs",
                    "line": 10,
                    "weight": 0,
                    "detail": "hottest function `Config::load` (P3, cold): entry: public API `Config::load` of library `ingest_config`: it builds or configures, once per use of the library"
                  },
                  {
                    "signal": "code:all_cold",
                    "file": "crates/config/src/lib.rs",
                    "line": null,
                    "weight": 0,
                    "detail": "every function is cold (tests, setup, error paths, diagnostics): P3"
                  }
                ],
                "lines": 21,
                "in_module_tree": true,
                "functions": [
                  {
                    "name": "Config::load",
                    "line": 10,
                    "end": 20,
                    "priority": "P3",
                    "heat": "cold",
                    "cold": "setup",
                    "reason": "entry: public API `Config::load` of library `ingest_config`: it builds or configures, once per use of the library"
                  }
                ]
              }
            ]
          }
        ],
        "excluded": [
          {
            "path": "crates/worker/benches/throughput.rs",
            "reason": "excluded by scope.md: `crates/*/benches/`"
          }
        ],
        "warnings": [
          {
            "file": "crates/proto/src/gen.rs",
            "message": "not UTF-8 text: listed without code signals"
          }
        ],
        "overrides": {
          "include": [],
          "exclude": [
            "crates/*/benches/"
          ],
          "force_priority": [
            {
              "pattern": "crates/worker",
              "priority": "P0"
            }
          ]
        },
        "effects": [
          {
            "kind": "exclude",
            "pattern": "crates/*/benches/",
            "matched": [
              "crates/worker/benches/throughput.rs"
            ],
            "summary": "excluded 1 file"
          },
          {
            "kind": "force_priority",
            "pattern": "crates/worker",
            "matched": [
              "crates/worker"
            ],
            "summary": "set 1 crate and their files to P0"
          }
        ],
        "focus": "full",
        "priority_filter": "all",
        "scope_md": "scope.md"
      },
      "rounds": [
        {
          "number": 1,
          "status": "awaiting_decision",
          "started_at": "2025-03-16T09:30:00.000Z",
          "finished_at": "2025-03-16T09:30:02.000Z",
          "error": null,
          "findings": [
            {
              "finding": {
                "id": "F-001",
                "fingerprint": "55523db11db5e69a",
                "category": "CACHE_HOSTILE",
                "file": "crates/proto/src/codec.rs",
                "line_start": 3,
                "line_end": 6,
                "crate": "ingest-proto",
                "priority": "P0",
                "item_path": "codec::Message",
                "confidence": "HIGH",
                "safety": "SAFE",
                "code": "pub enum Message {\n    Ping,\n    Data([u8; 4096]),\n}",
                "issue": "Variant `Data` is ~4096 bytes while the next largest is ~0: every `Message` value (in vectors, maps, channels) occupies the largest size.",
                "proposal": "// Box the large payload so the enum shrinks to ~16 bytes:\nData(Box<[u8; 4096]>),",
                "impact": {
                  "allocations_avoided": null,
                  "bytes_saved": 4088,
                  "unit": "`Message` value stored",
                  "applies_to": "every collection or message holding `Message`",
                  "level": "High"
                },
                "tradeoffs": {
                  "pros": [
                    "Smaller values: more per cache line, cheaper moves."
                  ],
                  "cons": [
                    "Building `Data` now allocates; worth it when it is the rare variant."
                  ]
                },
                "prerequisites": [],
                "source": "builtin",
                "reach": {
                  "heat": "warm",
                  "loop_depth": 0,
                  "reasons": [
                    "a type declaration: paid wherever its values are built or stored"
                  ]
                }
              },
              "state": "new",
              "validation": {
                "finding_id": "F-001",
                "fingerprint": "55523db11db5e69a",
                "verdict": "NEEDS_WORK",
                "lifetime": {
                  "status": "N/A",
                  "evidence": "a layout change moves no ownership"
                },
                "thread_safety": {
                  "status": "N/A",
                  "evidence": "reordering fields changes no sharing between threads"
                },
                "no_undefined_behavior": {
                  "status": "PASS",
                  "evidence": "the proposal is safe Rust: no `unsafe`, `transmute` or raw parts"
                },
                "estimate_plausible": {
                  "answer": "NEEDS_MEASUREMENT",
                  "evidence": "layout and cache effects show only under a profiler (cache misses), not in the syntax"
                },
                "hot_path": {
                  "answer": "MAYBE",
                  "evidence": "a type definition in a P0 file (scope: `crates/proto/src/codec.rs` is P0); how hot depends on how many values are built"
                },
                "complexity_justified": {
                  "answer": "YES",
                  "evidence": "impact High against effort Low (proposal of 1 line(s), 0 prerequisite(s))"
                },
                "issues": [
                  {
                    "id": "F-001-I1",
                    "description": "The impact is not established: layout and cache effects show only under a profiler (cache misses), not in the syntax. [rule: impact-unknown]",
                    "risk": "Effort may be spent on a change that saves nothing measurable.",
                    "suggestion": "Give allocations avoided or bytes saved per unit, or attach a heap profile."
                  }
                ],
                "conditions": [
                  "Give allocations avoided or bytes saved per unit, or attach a heap profile."
                ],
                "counterexample": null,
                "engine": "builtin"
              },
              "decision": null
            },
            {
              "finding": {
                "id": "F-002",
                "fingerprint": "818619be6a3b1f5f",
                "category": "ALLOCATION_LOOP",
                "file": "crates/proto/src/codec.rs",
                "line_start": 24,
                "line_end": 24,
                "crate": "ingest-proto",
                "priority": "P0",
                "item_path": "codec::encode_row",
                "confidence": "HIGH",
                "safety": "SAFE",
                "code": "        let pair = format!(\"{name}={value};\");",
                "issue": "`format!()` allocates on every iteration of `for (name,value) in names.iter().zip(row)`.",
                "proposal": "use std::fmt::Write;\nlet mut buf = String::new(); // once, before the loop\n// in the loop body:\nbuf.clear();\nwrite!(buf, \"{name}={value};\").unwrap(); // writing to a String cannot fail\n// use `&buf` where the formatted value was used",
                "impact": {
                  "allocations_avoided": 1,
                  "bytes_saved": null,
                  "unit": "iteration of `for (name,value) in names.iter().zip(row)`",
                  "applies_to": "every call of `codec::encode_row`",
                  "level": "High"
                },
                "tradeoffs": {
                  "pros": [
                    "Fewer allocator calls on a path that runs once per element."
                  ],
                  "cons": [
                    "A reused buffer must be cleared at the top of each iteration."
                  ]
                },
                "prerequisites": [],
                "source": "builtin",
                "reach": {
                  "heat": "hot",
                  "loop_depth": 3,
                  "reasons": [
                    "runs per iteration of `for (name,value) in names.iter().zip(row)` in `encode_row`",
                    "called per iteration of `for row in &batch.rows` from `Bridge::flush` (crates/worker/src/bridge.rs:24)",
                    "called once per call from `Worker::process_file` (crates/worker/src/lib.rs:45)",
                    "called per iteration of `for path in std::env::args().skip(1)` from `main` (crates/worker/src/main.rs:7)",
                    "entry: `fn main` (crates/worker/src/main.rs:3)"
                  ]
                },
                "edit": {
                  "summary": "`write!` into one reused `String` (`pair_buf`) instead of `format!`",
                  "hunks": [
                    {
                      "file": "crates/proto/src/codec.rs",
                      "start": 450,
                      "end": 450,
                      "line": 23,
                      "original": "",
                      "replacement": "use std::fmt::Write as _;\n    let mut pair_buf = String::new();\n    "
                    },
                    {
                      "file": "crates/proto/src/codec.rs",
                      "start": 503,
                      "end": 541,
                      "line": 24,
                      "original": "let pair = format!(\"{name}={value};\");",
                      "replacement": "pair_buf.clear();\n        write!(pair_buf, \"{name}={value};\").unwrap();\n        let pair = pair_buf.as_str();"
                    }
                  ]
                }
              },
              "state": "new",
              "validation": {
                "finding_id": "F-002",
                "fingerprint": "818619be6a3b1f5f",
                "verdict": "APPROVED",
                "lifetime": {
                  "status": "PASS",
                  "evidence": "`format!(..)` at line 24 stays within one iteration of the `for` loop at line 23: `pair` is only read or borrowed after it is made, and dropped at the end of its scope; one reused buffer in its place lives long enough"
                },
                "thread_safety": {
                  "status": "N/A",
                  "evidence": "`fn encode_row` neither spawns nor runs in a task: the change is single-threaded"
                },
                "no_undefined_behavior": {
                  "status": "PASS",
                  "evidence": "the proposal is safe Rust: no `unsafe`, `transmute` or raw parts"
                },
                "estimate_plausible": {
                  "answer": "YES",
                  "evidence": "1 allocation(s) per iteration of `for (name,value) in names.iter().zip(row)` against 1 allocating expression(s) at lines 24-24, each run once per iteration"
                },
                "hot_path": {
                  "answer": "YES",
                  "evidence": "per iteration of the `for` loop at line 23 in `fn encode_row`; called per item: runs per iteration of `for (name,value) in names.iter().zip(row)` in `encode_row` ← called per iteration of `for row in &batch.rows` from `Bridge::flush` (crates/worker/src/bridge.rs:24) ← called once per call from `Worker::process_file` (crates/worker/src/lib.rs:45) ← called per iteration of `for path in std::env::args().skip(1)` from `main` (crates/worker/src/main.rs:7) ← entry: `fn main` (crates/worker/src/main.rs:3)"
                },
                "complexity_justified": {
                  "answer": "YES",
                  "evidence": "impact High against effort Low (proposal of 4 line(s), 0 prerequisite(s))"
                },
                "issues": [],
                "conditions": [
                  "Gain: one allocation of `format!(..)` per iteration of the `for` loop at line 23, after the first iterations (the buffer keeps its capacity)",
                  "the buffer is created once above the `for` loop at line 23 and `clear()`ed at the start of each iteration",
                  "the buffer is not stored, sent or returned from the loop body",
                  "the crate's tests pass and a heap profile (DHAT) of a representative input shows fewer allocations"
                ],
                "counterexample": null,
                "engine": "builtin"
              },
              "decision": null
            },
            {
              "finding": {
                "id": "F-003",
                "fingerprint": "e52835a0bef85335",
                "category": "ALLOCATION_LOOP",
                "file": "crates/proto/src/codec.rs",
                "line_start": 33,
                "line_end": 33,
                "crate": "ingest-proto",
                "priority": "P0",
                "item_path": "codec::encode_all",
                "confidence": "HIGH",
                "safety": "SAFE",
                "code": "        let mut buf = Vec::new();",
                "issue": "`buf` (Vec::new()) is created, filled and dropped on every iteration; its heap buffer is allocated (and regrown) each time.",
                "proposal": "let mut buf = Vec::new(); // once, before the loop\n// in the loop body:\nbuf.clear(); // keeps the capacity",
                "impact": {
                  "allocations_avoided": 1,
                  "bytes_saved": null,
                  "unit": "iteration of `for msg in messages`",
                  "applies_to": "every call of `codec::encode_all`",
                  "level": "High"
                },
                "tradeoffs": {
                  "pros": [
                    "After the first iterations the buffer stops allocating entirely."
                  ],
                  "cons": [
                    "The buffer keeps its peak capacity until the loop ends."
                  ]
                },
                "prerequisites": [],
                "source": "builtin",
                "reach": {
                  "heat": "hot",
                  "loop_depth": 1,
                  "reasons": [
                    "runs per iteration of `for msg in messages` in `encode_all`",
                    "entry: public API `encode_all` of library `ingest_proto`: called per call of its user"
                  ]
                },
                "edit": {
                  "summary": "hoist `buf` out of the loop and `clear()` it each iteration",
                  "hunks": [
                    {
                      "file": "crates/proto/src/codec.rs",
                      "start": 744,
                      "end": 744,
                      "line": 32,
                      "original": "",
                      "replacement": "let mut buf = Vec::new();\n    "
                    },
                    {
                      "file": "crates/proto/src/codec.rs",
                      "start": 774,
                      "end": 799,
                      "line": 33,
                      "original": "let mut buf = Vec::new();",
                      "replacement": "buf.clear();"
                    }
                  ]
                }
              },
              "state": "new",
              "validation": {
                "finding_id": "F-003",
                "fingerprint": "e52835a0bef85335",
                "verdict": "APPROVED",
                "lifetime": {
                  "status": "PASS",
                  "evidence": "`Vec::new(..)` at line 33 stays within one iteration of the `for` loop at line 32: `buf` is only read or borrowed after it is made, and dropped at the end of its scope; one reused buffer in its place lives long enough"
                },
                "thread_safety": {
                  "status": "N/A",
                  "evidence": "`fn encode_all` neither spawns nor runs in a task: the change is single-threaded"
                },
                "no_undefined_behavior": {
                  "status": "PASS",
                  "evidence": "the proposal is safe Rust: no `unsafe`, `transmute` or raw parts"
                },
                "estimate_plausible": {
                  "answer": "YES",
                  "evidence": "1 allocation(s) per iteration of `for msg in messages` against 1 allocating expression(s) at lines 33-33, each run once per iteration"
                },
                "hot_path": {
                  "answer": "YES",
                  "evidence": "per iteration of the `for` loop at line 32 in `fn encode_all`; once per call of an entry point: runs per iteration of `for msg in messages` in `encode_all` ← entry: public API `encode_all` of library `ingest_proto`: called per call of its user"
                },
                "complexity_justified": {
                  "answer": "YES",
                  "evidence": "impact High against effort Low (proposal of 2 line(s), 0 prerequisite(s))"
                },
                "issues": [],
                "conditions": [
                  "Gain: one allocation of `Vec::new(..)` per iteration of the `for` loop at line 32, after the first iterations (the buffer keeps its capacity)",
                  "the buffer is created once above the `for` loop at line 32 and `clear()`ed at the start of each iteration",
                  "the buffer is not stored, sent or returned from the loop body",
                  "the crate's tests pass and a heap profile (DHAT) of a representative input shows fewer allocations"
                ],
                "counterexample": null,
                "engine": "builtin"
              },
              "decision": null
            },
            {
              "finding": {
                "id": "F-004",
                "fingerprint": "fb7847b964405a86",
                "category": "HEAP_AVOIDABLE",
                "file": "crates/proto/src/codec.rs",
                "line_start": 43,
                "line_end": 43,
                "crate": "ingest-proto",
                "priority": "P0",
                "item_path": "codec::header",
                "confidence": "HIGH",
                "safety": "SAFE",
                "code": "pub fn header() -> Box<[u8; 8]> {",
                "issue": "`Box<[u8; 8]>` puts a fixed 8-byte array (8 elements) behind a heap allocation; it fits inline.",
                "proposal": "[u8; 8] // inline, no Box",
                "impact": {
                  "allocations_avoided": 1,
                  "bytes_saved": 16,
                  "unit": "value built",
                  "applies_to": "every value of this type in `codec::header`",
                  "level": "Medium"
                },
                "tradeoffs": {
                  "pros": [
                    "No allocation, no pointer chase; the data sits with its owner."
                  ],
                  "cons": [
                    "The owner grows by 8 bytes; moving it copies them."
                  ]
                },
                "prerequisites": [],
                "source": "builtin",
                "reach": {
                  "heat": "warm",
                  "loop_depth": 0,
                  "reasons": [
                    "entry: public API `header` of library `ingest_proto`: called per call of its user"
                  ]
                },
                "edit": {
                  "summary": "`[u8; 8]` inline, no `Box`",
                  "hunks": [
                    {
                      "file": "crates/proto/src/codec.rs",
                      "start": 998,
                      "end": 1010,
                      "line": 43,
                      "original": "Box<[u8; 8]>",
                      "replacement": "[u8; 8]"
                    }
                  ]
                }
              },
              "state": "new",
              "validation": {
                "finding_id": "F-004",
                "fingerprint": "fb7847b964405a86",
                "verdict": "NEEDS_WORK",
                "lifetime": {
                  "status": "PASS",
                  "evidence": "`[u8; 8]` is sized and does not contain its container: it can live inline"
                },
                "thread_safety": {
                  "status": "N/A",
                  "evidence": "`fn header` neither spawns nor runs in a task: the change is single-threaded"
                },
                "no_undefined_behavior": {
                  "status": "PASS",
                  "evidence": "the proposal is safe Rust: no `unsafe`, `transmute` or raw parts"
                },
                "estimate_plausible": {
                  "answer": "YES",
                  "evidence": "1 allocation(s) per value built: every `Box<[u8; 8]>` value is one heap allocation"
                },
                "hot_path": {
                  "answer": "MAYBE",
                  "evidence": "a type in the return type of `fn header`, in a P0 file (scope: `crates/proto/src/codec.rs` is P0): one allocation per call; how hot depends on how often callers call it"
                },
                "complexity_justified": {
                  "answer": "YES",
                  "evidence": "impact Medium against effort Low (proposal of 1 line(s), 0 prerequisite(s))"
                },
                "issues": [
                  {
                    "id": "F-004-I1",
                    "description": "The proposal changes an API: `Box<[u8; 8]>` is written in the return type of `fn header`, and `header` is public: removing the box changes its signature. [rule: api-change]",
                    "risk": "Every caller changes too; a public API change is a breaking release.",
                    "suggestion": "List the callers and show the new signature, or find a change local to the function."
                  }
                ],
                "conditions": [
                  "List the callers and show the new signature, or find a change local to the function."
                ],
                "counterexample": null,
                "engine": "builtin"
              },
              "decision": null
            },
            {
              "finding": {
                "id": "F-005",
                "fingerprint": "16746e1234cfc1ce",
                "category": "ALLOCATION_LOOP",
                "file": "crates/scan/src/walk.rs",
                "line_start": 38,
                "line_end": 38,
                "crate": "ingest-scan",
                "priority": "P0",
                "item_path": "walk::sizes",
                "confidence": "HIGH",
                "safety": "SAFE",
                "code": "    let mut out = Vec::new();",
                "issue": "`out` starts empty and receives exactly one `push` per iteration of `for f in found`, so it reallocates about log2(n) times while growing although the final length is known up front.",
                "proposal": "let mut out = Vec::with_capacity(found.len());",
                "impact": {
                  "allocations_avoided": null,
                  "bytes_saved": null,
                  "unit": "call of `walk::sizes`",
                  "applies_to": "~log2(n) reallocations and copies per call of `walk::sizes`",
                  "level": "Medium"
                },
                "tradeoffs": {
                  "pros": [
                    "One allocation instead of a growth sequence; no copying on regrowth."
                  ],
                  "cons": [
                    "None when every iteration pushes."
                  ]
                },
                "prerequisites": [],
                "source": "builtin",
                "reach": {
                  "heat": "warm",
                  "loop_depth": 0,
                  "reasons": [
                    "entry: public API `sizes` of library `ingest_scan`: called per call of its user"
                  ]
                },
                "edit": {
                  "summary": "reserve `found.len()` up front with `Vec::with_capacity`",
                  "hunks": [
                    {
                      "file": "crates/scan/src/walk.rs",
                      "start": 1037,
                      "end": 1047,
                      "line": 38,
                      "original": "Vec::new()",
                      "replacement": "Vec::with_capacity(found.len())"
                    }
                  ]
                }
              },
              "state": "new",
              "validation": {
                "finding_id": "F-005",
                "fingerprint": "16746e1234cfc1ce",
                "verdict": "APPROVED",
                "lifetime": {
                  "status": "PASS",
                  "evidence": "`with_capacity` changes only the initial capacity of `out` (line 38); its owner, its pushes and where it goes afterwards stay as they are"
                },
                "thread_safety": {
                  "status": "N/A",
                  "evidence": "`fn sizes` neither spawns nor runs in a task: the change is single-threaded"
                },
                "no_undefined_behavior": {
                  "status": "PASS",
                  "evidence": "the proposal is safe Rust: no `unsafe`, `transmute` or raw parts"
                },
                "estimate_plausible": {
                  "answer": "YES",
                  "evidence": "`out` grows from empty by one push per iteration of the `for` loop at line 39 (line 43); `found` is a `&[String]` (parameter `found: &[String]` of `fn sizes`), so `found` yields exactly `found.len()` items: that is ~log2(n) reallocations with copies per call, and `with_capacity` makes it one allocation"
                },
                "hot_path": {
                  "answer": "YES",
                  "evidence": "per iteration of the `for` loop at line 39 in `fn sizes`; once per call of an entry point: entry: public API `sizes` of library `ingest_scan`: called per call of its user"
                },
                "complexity_justified": {
                  "answer": "YES",
                  "evidence": "impact Medium against effort Low (proposal of 1 line(s), 0 prerequisite(s))"
                },
                "issues": [],
                "conditions": [
                  "Gain: the ~log2(n) reallocations and copies of `out` while it grows, per run of the `for` loop at line 39",
                  "`out` is created with the length of `found` as its capacity",
                  "every iteration of the `for` loop at line 39 still pushes exactly once (no `continue` or early `break` before the push at line 43)",
                  "the crate's tests pass and a heap profile (DHAT) of a representative input shows fewer allocations"
                ],
                "counterexample": null,
                "engine": "builtin"
              },
              "decision": null
            },
            {
              "finding": {
                "id": "F-006",
                "fingerprint": "f0781d27cf0f717a",
                "category": "ALLOCATION_LOOP",
                "file": "crates/scan/src/walk.rs",
                "line_start": 42,
                "line_end": 42,
                "crate": "ingest-scan",
                "priority": "P0",
                "item_path": "walk::sizes",
                "confidence": "HIGH",
                "safety": "SAFE",
                "code": "        let parts: Vec<&str> = f.split('/').collect();",
                "issue": "`parts` collects every item into a new `Vec` on every iteration of `for f in found`, but it is only counted: the iterator gives the same answer without the allocation and the copy of each item.",
                "proposal": "let parts_len = f.split('/').count();\n// then `parts_len` for `parts.len()`, `parts_len == 0` for `parts.is_empty()`",
                "impact": {
                  "allocations_avoided": 1,
                  "bytes_saved": null,
                  "unit": "iteration of `for f in found`",
                  "applies_to": "every call of `walk::sizes`",
                  "level": "Medium"
                },
                "tradeoffs": {
                  "pros": [
                    "No allocation and no copy of the items; the walk stops early where the code only needs the first ones."
                  ],
                  "cons": [
                    "None when the iterator's closures have no side effects."
                  ]
                },
                "prerequisites": [],
                "source": "builtin",
                "reach": {
                  "heat": "hot",
                  "loop_depth": 1,
                  "reasons": [
                    "runs per iteration of `for f in found` in `sizes`",
                    "entry: public API `sizes` of library `ingest_scan`: called per call of its user"
                  ]
                }
              },
              "state": "new",
              "validation": {
                "finding_id": "F-006",
                "fingerprint": "f0781d27cf0f717a",
                "verdict": "APPROVED",
                "lifetime": {
                  "status": "PASS",
                  "evidence": "`f.split('/').collect()` at line 42 is replaced by its iterator, which runs where `parts` was used (line 43) within its scope; nothing the chain reads changes in between"
                },
                "thread_safety": {
                  "status": "N/A",
                  "evidence": "`fn sizes` neither spawns nor runs in a task: the change is single-threaded"
                },
                "no_undefined_behavior": {
                  "status": "PASS",
                  "evidence": "the proposal is safe Rust: no `unsafe`, `transmute` or raw parts"
                },
                "estimate_plausible": {
                  "answer": "YES",
                  "evidence": "1 allocation(s) per iteration of `for f in found` against 1 allocating expression(s) at lines 42-42, each run once per iteration"
                },
                "hot_path": {
                  "answer": "YES",
                  "evidence": "per iteration of the `for` loop at line 39 in `fn sizes`; once per call of an entry point: runs per iteration of `for f in found` in `sizes` ← entry: public API `sizes` of library `ingest_scan`: called per call of its user"
                },
                "complexity_justified": {
                  "answer": "YES",
                  "evidence": "impact Medium against effort Low (proposal of 1 line(s), 0 prerequisite(s))"
                },
                "issues": [],
                "conditions": [
                  "Gain: the allocation of `parts` and the copy of each item per iteration of the `for` loop at line 39",
                  "the buffer is created once above the `for` loop at line 39 and `clear()`ed at the start of each iteration",
                  "the buffer is not stored, sent or returned from the loop body",
                  "the crate's tests pass and a heap profile (DHAT) of a representative input shows fewer allocations"
                ],
                "counterexample": null,
                "engine": "builtin"
              },
              "decision": null
            },
            {
              "finding": {
                "id": "F-007",
                "fingerprint": "67fba6824a489f31",
                "category": "ARENA_CANDIDATE",
                "file": "crates/schema/src/infer.rs",
                "line_start": 4,
                "line_end": 10,
                "crate": "ingest-schema",
                "priority": "P0",
                "item_path": "infer::Type",
                "confidence": "MEDIUM",
                "safety": "NEEDS_REVIEW",
                "code": "pub enum Type {\n    Int,\n    Float,\n    Text,\n    List(Box<Type>),\n    Struct(Vec<Field>),\n}",
                "issue": "`Type` is a recursive type whose nodes are each a separate heap allocation; a tree is typically built and dropped as a whole, which an arena does in one go.",
                "proposal": "// Allocate nodes from an arena that lives as long as the tree:\nlet arena = bumpalo::Bump::new();\n// Type<'a> { children: &'a [&'a Type<'a>], .. } — or keep nodes in a Vec and link by index",
                "impact": {
                  "allocations_avoided": null,
                  "bytes_saved": null,
                  "unit": "`Type` node",
                  "applies_to": "every structure built from `Type` nodes",
                  "level": "Medium"
                },
                "tradeoffs": {
                  "pros": [
                    "Allocation becomes a pointer bump; the whole tree is freed at once; nodes sit together in memory."
                  ],
                  "cons": [
                    "Adds a lifetime parameter (or indices) to the type; individual nodes cannot be freed early."
                  ]
                },
                "prerequisites": [
                  "add the `bumpalo` (or `typed-arena`/`slotmap`) dependency"
                ],
                "source": "builtin",
                "reach": {
                  "heat": "warm",
                  "loop_depth": 0,
                  "reasons": [
                    "a type declaration: paid wherever its values are built or stored"
                  ]
                }
              },
              "state": "new",
              "validation": {
                "finding_id": "F-007",
                "fingerprint": "67fba6824a489f31",
                "verdict": "NEEDS_WORK",
                "lifetime": {
                  "status": "UNCLEAR",
                  "evidence": "allocating the nodes of `Type` (line 4) in an arena adds a lifetime parameter or indices to the type and to everything that holds it; only the borrow checker proves that no node outlives the arena"
                },
                "thread_safety": {
                  "status": "N/A",
                  "evidence": "the enclosing item neither spawns nor runs in a task: the change is single-threaded"
                },
                "no_undefined_behavior": {
                  "status": "PASS",
                  "evidence": "the proposal is safe Rust: no `unsafe`, `transmute` or raw parts"
                },
                "estimate_plausible": {
                  "answer": "MAYBE",
                  "evidence": "`Type` is a type definition: its allocations are made where its values are built, which these lines do not show"
                },
                "hot_path": {
                  "answer": "MAYBE",
                  "evidence": "a type definition in a P0 file (scope: `crates/schema/src/infer.rs` is P0); how hot depends on how many values are built"
                },
                "complexity_justified": {
                  "answer": "YES",
                  "evidence": "impact Medium against effort Medium (proposal of 1 line(s), 1 prerequisite(s), an API change (trade-off says \"Adds a lifetime parameter (or indices) to the type; individual nodes cannot be freed early.\"))"
                },
                "issues": [
                  {
                    "id": "F-007-I1",
                    "description": "The proposal changes an API: trade-off says \"Adds a lifetime parameter (or indices) to the type; individual nodes cannot be freed early.\". [rule: api-change]",
                    "risk": "Every caller changes too; a public API change is a breaking release.",
                    "suggestion": "List the callers and show the new signature, or find a change local to the function."
                  }
                ],
                "conditions": [
                  "List the callers and show the new signature, or find a change local to the function."
                ],
                "counterexample": null,
                "engine": "builtin"
              },
              "decision": null
            },
            {
              "finding": {
                "id": "F-008",
                "fingerprint": "ff3f57beab1018bb",
                "category": "ALLOCATION_LOOP",
                "file": "crates/worker/src/batch.rs",
                "line_start": 23,
                "line_end": 23,
                "crate": "ingest-worker",
                "priority": "P0",
                "item_path": "batch::BatchBuilder::push_row",
                "confidence": "HIGH",
                "safety": "SAFE",
                "code": "        let mut row = Vec::new();",
                "issue": "`row` starts empty and receives exactly one `push` per iteration of `for field in fields`, so it reallocates about log2(n) times while growing although the final length is known up front.",
                "proposal": "let mut row = Vec::with_capacity(fields.len());",
                "impact": {
                  "allocations_avoided": null,
                  "bytes_saved": null,
                  "unit": "call of `batch::BatchBuilder::push_row`",
                  "applies_to": "~log2(n) reallocations and copies per call of `batch::BatchBuilder::push_row`",
                  "level": "High"
                },
                "tradeoffs": {
                  "pros": [
                    "One allocation instead of a growth sequence; no copying on regrowth."
                  ],
                  "cons": [
                    "None when every iteration pushes."
                  ]
                },
                "prerequisites": [],
                "source": "builtin",
                "reach": {
                  "heat": "unknown",
                  "loop_depth": 0,
                  "reasons": [
                    "no caller of `BatchBuilder::push_row` found in the workspace (called through a macro, a function pointer, or not at all)"
                  ]
                },
                "edit": {
                  "summary": "reserve `fields.len()` up front with `Vec::with_capacity`",
                  "hunks": [
                    {
                      "file": "crates/worker/src/batch.rs",
                      "start": 473,
                      "end": 483,
                      "line": 23,
                      "original": "Vec::new()",
                      "replacement": "Vec::with_capacity(fields.len())"
                    }
                  ]
                }
              },
              "state": "new",
              "validation": {
                "finding_id": "F-008",
                "fingerprint": "ff3f57beab1018bb",
                "verdict": "NEEDS_WORK",
                "lifetime": {
                  "status": "PASS",
                  "evidence": "`with_capacity` changes only the initial capacity of `row` (line 23); its owner, its pushes and where it goes afterwards stay as they are"
                },
                "thread_safety": {
                  "status": "N/A",
                  "evidence": "`fn push_row` neither spawns nor runs in a task: the change is single-threaded"
                },
                "no_undefined_behavior": {
                  "status": "PASS",
                  "evidence": "the proposal is safe Rust: no `unsafe`, `transmute` or raw parts"
                },
                "estimate_plausible": {
                  "answer": "YES",
                  "evidence": "`row` grows from empty by one push per iteration of the `for` loop at line 24 (line 25); `fields` is a `&[String]` (parameter `fields: &[String]` of `fn push_row`), so `fields` yields exactly `fields.len()` items: that is ~log2(n) reallocations with copies per call, and `with_capacity` makes it one allocation"
                },
                "hot_path": {
                  "answer": "MAYBE",
                  "evidence": "per iteration of the `for` loop at line 24 in `fn push_row`; no caller known: no caller of `BatchBuilder::push_row` found in the workspace (called through a macro, a function pointer, or not at all)"
                },
                "complexity_justified": {
                  "answer": "YES",
                  "evidence": "impact High against effort Low (proposal of 1 line(s), 0 prerequisite(s))"
                },
                "issues": [
                  {
                    "id": "F-008-I1",
                    "description": "Is `fn push_row` called once per item of the program's data (a file, a line, a record, an event)? The call graph found no caller: no caller of `BatchBuilder::push_row` found in the workspace (called through a macro, a function pointer, or not at all). [rule: caller-unknown]",
                    "risk": "Code nobody calls per item saves nothing; code nobody calls at all is dead.",
                    "suggestion": "Name the caller of `fn push_row` and how often it runs, or attach a heap profile that shows these lines."
                  }
                ],
                "conditions": [
                  "Name the caller of `fn push_row` and how often it runs, or attach a heap profile that shows these lines."
                ],
                "counterexample": null,
                "engine": "builtin"
              },
              "decision": null
            },
            {
              "finding": {
                "id": "F-009",
                "fingerprint": "250647ddc25f517d",
                "category": "ALLOCATION_LOOP",
                "file": "crates/worker/src/batch.rs",
                "line_start": 32,
                "line_end": 32,
                "crate": "ingest-worker",
                "priority": "P0",
                "item_path": "batch::BatchBuilder::build",
                "confidence": "HIGH",
                "safety": "SAFE",
                "code": "        let mut cols = Vec::new();",
                "issue": "`cols` starts empty and receives exactly one `push` per iteration of `for name in columns`, so it reallocates about log2(n) times while growing although the final length is known up front.",
                "proposal": "let mut cols = Vec::with_capacity(columns.len());",
                "impact": {
                  "allocations_avoided": null,
                  "bytes_saved": null,
                  "unit": "call of `batch::BatchBuilder::build`",
                  "applies_to": "~log2(n) reallocations and copies per call of `batch::BatchBuilder::build`",
                  "level": "High"
                },
                "tradeoffs": {
                  "pros": [
                    "One allocation instead of a growth sequence; no copying on regrowth."
                  ],
                  "cons": [
                    "None when every iteration pushes."
                  ]
                },
                "prerequisites": [],
                "source": "builtin",
                "reach": {
                  "heat": "unknown",
                  "loop_depth": 0,
                  "reasons": [
                    "no caller of `BatchBuilder::build` found in the workspace (called through a macro, a function pointer, or not at all)"
                  ]
                },
                "edit": {
                  "summary": "reserve `columns.len()` up front with `Vec::with_capacity`",
                  "hunks": [
                    {
                      "file": "crates/worker/src/batch.rs",
                      "start": 724,
                      "end": 734,
                      "line": 32,
                      "original": "Vec::new()",
                      "replacement": "Vec::with_capacity(columns.len())"
                    }
                  ]
                }
              },
              "state": "new",
              "validation": {
                "finding_id": "F-009",
                "fingerprint": "250647ddc25f517d",
                "verdict": "NEEDS_WORK",
                "lifetime": {
                  "status": "PASS",
                  "evidence": "`with_capacity` changes only the initial capacity of `cols` (line 32); its owner, its pushes and where it goes afterwards stay as they are"
                },
                "thread_safety": {
                  "status": "N/A",
                  "evidence": "`fn build` neither spawns nor runs in a task: the change is single-threaded"
                },
                "no_undefined_behavior": {
                  "status": "PASS",
                  "evidence": "the proposal is safe Rust: no `unsafe`, `transmute` or raw parts"
                },
                "estimate_plausible": {
                  "answer": "YES",
                  "evidence": "`cols` grows from empty by one push per iteration of the `for` loop at line 33 (line 36); `columns` is a `&[String]` (parameter `columns: &[String]` of `fn build`), so `columns` yields exactly `columns.len()` items: that is ~log2(n) reallocations with copies per call, and `with_capacity` makes it one allocation"
                },
                "hot_path": {
                  "answer": "MAYBE",
                  "evidence": "per iteration of the `for` loop at line 33 in `fn build`; no caller known: no caller of `BatchBuilder::build` found in the workspace (called through a macro, a function pointer, or not at all)"
                },
                "complexity_justified": {
                  "answer": "YES",
                  "evidence": "impact High against effort Low (proposal of 1 line(s), 0 prerequisite(s))"
                },
                "issues": [
                  {
                    "id": "F-009-I1",
                    "description": "Is `fn build` called once per item of the program's data (a file, a line, a record, an event)? The call graph found no caller: no caller of `BatchBuilder::build` found in the workspace (called through a macro, a function pointer, or not at all). [rule: caller-unknown]",
                    "risk": "Code nobody calls per item saves nothing; code nobody calls at all is dead.",
                    "suggestion": "Name the caller of `fn build` and how often it runs, or attach a heap profile that shows these lines."
                  }
                ],
                "conditions": [
                  "Name the caller of `fn build` and how often it runs, or attach a heap profile that shows these lines."
                ],
                "counterexample": null,
                "engine": "builtin"
              },
              "decision": null
            },
            {
              "finding": {
                "id": "F-010",
                "fingerprint": "2fef46c70f0ed6c8",
                "category": "ALLOCATION_LOOP",
                "file": "crates/worker/src/batch.rs",
                "line_start": 47,
                "line_end": 47,
                "crate": "ingest-worker",
                "priority": "P0",
                "item_path": "batch::encode_batches",
                "confidence": "HIGH",
                "safety": "SAFE",
                "code": "    let mut encoded = Vec::new();",
                "issue": "`encoded` starts empty and receives exactly one `push` per iteration of `for batch in batches`, so it reallocates about log2(n) times while growing although the final length is known up front.",
                "proposal": "let mut encoded = Vec::with_capacity(batches.len());",
                "impact": {
                  "allocations_avoided": null,
                  "bytes_saved": null,
                  "unit": "call of `batch::encode_batches`",
                  "applies_to": "~log2(n) reallocations and copies per call of `batch::encode_batches`",
                  "level": "High"
                },
                "tradeoffs": {
                  "pros": [
                    "One allocation instead of a growth sequence; no copying on regrowth."
                  ],
                  "cons": [
                    "None when every iteration pushes."
                  ]
                },
                "prerequisites": [],
                "source": "builtin",
                "reach": {
                  "heat": "unknown",
                  "loop_depth": 0,
                  "reasons": [
                    "no caller of `encode_batches` found in the workspace (called through a macro, a function pointer, or not at all)"
                  ]
                },
                "edit": {
                  "summary": "reserve `batches.len()` up front with `Vec::with_capacity`",
                  "hunks": [
                    {
                      "file": "crates/worker/src/batch.rs",
                      "start": 1135,
                      "end": 1145,
                      "line": 47,
                      "original": "Vec::new()",
                      "replacement": "Vec::with_capacity(batches.len())"
                    }
                  ]
                }
              },
              "state": "new",
              "validation": {
                "finding_id": "F-010",
                "fingerprint": "2fef46c70f0ed6c8",
                "verdict": "NEEDS_WORK",
                "lifetime": {
                  "status": "PASS",
                  "evidence": "`with_capacity` changes only the initial capacity of `encoded` (line 47); its owner, its pushes and where it goes afterwards stay as they are"
                },
                "thread_safety": {
                  "status": "N/A",
                  "evidence": "`fn encode_batches` neither spawns nor runs in a task: the change is single-threaded"
                },
                "no_undefined_behavior": {
                  "status": "PASS",
                  "evidence": "the proposal is safe Rust: no `unsafe`, `transmute` or raw parts"
                },
                "estimate_plausible": {
                  "answer": "YES",
                  "evidence": "`encoded` grows from empty by one push per iteration of the `for` loop at line 48 (line 53); `batches` is a `&[Batch]` (parameter `batches: &[Batch]` of `fn encode_batches`), so `batches` yields exactly `batches.len()` items: that is ~log2(n) reallocations with copies per call, and `with_capacity` makes it one allocation"
                },
                "hot_path": {
                  "answer": "MAYBE",
                  "evidence": "per iteration of the `for` loop at line 48 in `fn encode_batches`; no caller known: no caller of `encode_batches` found in the workspace (called through a macro, a function pointer, or not at all)"
                },
                "complexity_justified": {
                  "answer": "YES",
                  "evidence": "impact High against effort Low (proposal of 1 line(s), 0 prerequisite(s))"
                },
                "issues": [
                  {
                    "id": "F-010-I1",
                    "description": "Is `fn encode_batches` called once per item of the program's data (a file, a line, a record, an event)? The call graph found no caller: no caller of `encode_batches` found in the workspace (called through a macro, a function pointer, or not at all). [rule: caller-unknown]",
                    "risk": "Code nobody calls per item saves nothing; code nobody calls at all is dead.",
                    "suggestion": "Name the caller of `fn encode_batches` and how often it runs, or attach a heap profile that shows these lines."
                  }
                ],
                "conditions": [
                  "Name the caller of `fn encode_batches` and how often it runs, or attach a heap profile that shows these lines."
                ],
                "counterexample": null,
                "engine": "builtin"
              },
              "decision": null
            },
            {
              "finding": {
                "id": "F-011",
                "fingerprint": "a9b9446294809400",
                "category": "ALLOCATION_LOOP",
                "file": "crates/worker/src/lib.rs",
                "line_start": 39,
                "line_end": 39,
                "crate": "ingest-worker",
                "priority": "P0",
                "item_path": "Worker::process_file",
                "confidence": "HIGH",
                "safety": "SAFE",
                "code": "            let fields: Vec<String> = line.split(',').map(|s| s.to_string()).collect();",
                "issue": "`.collect()` allocates on every iteration of `for line in reader.lines()`.",
                "proposal": "let mut buf = Vec::new(); // once, before the loop\n// in the loop body:\nbuf.clear();\nbuf.extend(/* the same iterator */);",
                "impact": {
                  "allocations_avoided": 1,
                  "bytes_saved": null,
                  "unit": "iteration of `for line in reader.lines()`",
                  "applies_to": "every call of `Worker::process_file`",
                  "level": "High"
                },
                "tradeoffs": {
                  "pros": [
                    "Fewer allocator calls on a path that runs once per element."
                  ],
                  "cons": [
                    "A reused buffer must be cleared at the top of each iteration."
                  ]
                },
                "prerequisites": [],
                "source": "builtin",
                "reach": {
                  "heat": "hot",
                  "loop_depth": 3,
                  "reasons": [
                    "runs per element of `line.split(',').map(..)` in `Worker::process_file`",
                    "called per iteration of `for path in std::env::args().skip(1)` from `main` (crates/worker/src/main.rs:7)",
                    "entry: `fn main` (crates/worker/src/main.rs:3)"
                  ]
                },
                "edit": {
                  "summary": "reuse one `Vec` for `fields`: `clear()` and `extend()` it each iteration",
                  "hunks": [
                    {
                      "file": "crates/worker/src/lib.rs",
                      "start": 985,
                      "end": 985,
                      "line": 37,
                      "original": "",
                      "replacement": "let mut fields: Vec<String> = Vec::new();\n        "
                    },
                    {
                      "file": "crates/worker/src/lib.rs",
                      "start": 1056,
                      "end": 1131,
                      "line": 39,
                      "original": "let fields: Vec<String> = line.split(',').map(|s| s.to_string()).collect();",
                      "replacement": "fields.clear();\n            fields.extend(line.split(',').map(|s| s.to_string()));"
                    }
                  ]
                }
              },
              "state": "new",
              "validation": {
                "finding_id": "F-011",
                "fingerprint": "a9b9446294809400",
                "verdict": "APPROVED",
                "lifetime": {
                  "status": "PASS",
                  "evidence": "`line.split(',').map(|s|s.to_string()).collect()` at line 39 stays within one iteration of the `for` loop at line 37: `fields` is only read or borrowed after it is made, and dropped at the end of its scope; one reused buffer in its place lives long enough"
                },
                "thread_safety": {
                  "status": "N/A",
                  "evidence": "`fn process_file` neither spawns nor runs in a task: the change is single-threaded"
                },
                "no_undefined_behavior": {
                  "status": "PASS",
                  "evidence": "the proposal is safe Rust: no `unsafe`, `transmute` or raw parts"
                },
                "estimate_plausible": {
                  "answer": "YES",
                  "evidence": "1 allocation(s) per iteration of `for line in reader.lines()` against 2 allocating expression(s) at lines 39-39, each run once per iteration"
                },
                "hot_path": {
                  "answer": "YES",
                  "evidence": "per iteration of the `for` loop at line 37 in `fn process_file`; called per item: runs per element of `line.split(',').map(..)` in `Worker::process_file` ← called per iteration of `for path in std::env::args().skip(1)` from `main` (crates/worker/src/main.rs:7) ← entry: `fn main` (crates/worker/src/main.rs:3)"
                },
                "complexity_justified": {
                  "answer": "YES",
                  "evidence": "impact High against effort Low (proposal of 3 line(s), 0 prerequisite(s))"
                },
                "issues": [],
                "conditions": [
                  "Gain: one allocation of `line.split(',').map(|s|s.to_string()).collect()` per iteration of the `for` loop at line 37, after the first iterations (the buffer keeps its capacity)",
                  "the buffer is created once above the `for` loop at line 37 and `clear()`ed at the start of each iteration",
                  "the buffer is not stored, sent or returned from the loop body",
                  "the crate's tests pass and a heap profile (DHAT) of a representative input shows fewer allocations"
                ],
                "counterexample": null,
                "engine": "builtin"
              },
              "decision": null
            },
            {
              "finding": {
                "id": "F-012",
                "fingerprint": "8c5a9dd8bdeed441",
                "category": "ALLOCATION_LOOP",
                "file": "crates/worker/src/lib.rs",
                "line_start": 40,
                "line_end": 40,
                "crate": "ingest-worker",
                "priority": "P0",
                "item_path": "Worker::process_file",
                "confidence": "HIGH",
                "safety": "SAFE",
                "code": "            let key = format!(\"{}:{}\", path, fields.len());",
                "issue": "`format!()` allocates on every iteration of `for line in reader.lines()`.",
                "proposal": "use std::fmt::Write;\nlet mut buf = String::new(); // once, before the loop\n// in the loop body:\nbuf.clear();\nwrite!(buf, \"{}:{}\", path, fields.len()).unwrap(); // writing to a String cannot fail\n// use `&buf` where the formatted value was used",
                "impact": {
                  "allocations_avoided": 1,
                  "bytes_saved": null,
                  "unit": "iteration of `for line in reader.lines()`",
                  "applies_to": "every call of `Worker::process_file`",
                  "level": "High"
                },
                "tradeoffs": {
                  "pros": [
                    "Fewer allocator calls on a path that runs once per element."
                  ],
                  "cons": [
                    "A reused buffer must be cleared at the top of each iteration."
                  ]
                },
                "prerequisites": [],
                "source": "builtin",
                "reach": {
                  "heat": "hot",
                  "loop_depth": 2,
                  "reasons": [
                    "runs per iteration of `for line in reader.lines()` in `Worker::process_file`",
                    "called per iteration of `for path in std::env::args().skip(1)` from `main` (crates/worker/src/main.rs:7)",
                    "entry: `fn main` (crates/worker/src/main.rs:3)"
                  ]
                }
              },
              "state": "new",
              "validation": {
                "finding_id": "F-012",
                "fingerprint": "8c5a9dd8bdeed441",
                "verdict": "APPROVED",
                "lifetime": {
                  "status": "PASS",
                  "evidence": "`format!(..)` at line 40 stays within one iteration of the `for` loop at line 37: `key` is only read or borrowed after it is made, and dropped at the end of its scope; one reused buffer in its place lives long enough"
                },
                "thread_safety": {
                  "status": "N/A",
                  "evidence": "`fn process_file` neither spawns nor runs in a task: the change is single-threaded"
                },
                "no_undefined_behavior": {
                  "status": "PASS",
                  "evidence": "the proposal is safe Rust: no `unsafe`, `transmute` or raw parts"
                },
                "estimate_plausible": {
                  "answer": "YES",
                  "evidence": "1 allocation(s) per iteration of `for line in reader.lines()` against 1 allocating expression(s) at lines 40-40, each run once per iteration"
                },
                "hot_path": {
                  "answer": "YES",
                  "evidence": "per iteration of the `for` loop at line 37 in `fn process_file`; called per item: runs per iteration of `for line in reader.lines()` in `Worker::process_file` ← called per iteration of `for path in std::env::args().skip(1)` from `main` (crates/worker/src/main.rs:7) ← entry: `fn main` (crates/worker/src/main.rs:3)"
                },
                "complexity_justified": {
                  "answer": "YES",
                  "evidence": "impact High against effort Low (proposal of 4 line(s), 0 prerequisite(s))"
                },
                "issues": [],
                "conditions": [
                  "Gain: one allocation of `format!(..)` per iteration of the `for` loop at line 37, after the first iterations (the buffer keeps its capacity)",
                  "the buffer is created once above the `for` loop at line 37 and `clear()`ed at the start of each iteration",
                  "the buffer is not stored, sent or returned from the loop body",
                  "the crate's tests pass and a heap profile (DHAT) of a representative input shows fewer allocations"
                ],
                "counterexample": null,
                "engine": "builtin"
              },
              "decision": null
            },
            {
              "finding": {
                "id": "F-013",
                "fingerprint": "10d5c2c3bc4b7a26",
                "category": "UNNECESSARY_CLONE",
                "file": "crates/worker/src/pipeline.rs",
                "line_start": 26,
                "line_end": 26,
                "crate": "ingest-worker",
                "priority": "P0",
                "item_path": "pipeline::Pipeline::label_rows",
                "confidence": "HIGH",
                "safety": "SAFE",
                "code": "                let l = label.clone();",
                "issue": "`l` is a copy of `label` that is only read afterwards; a borrow gives the same reads without allocating.",
                "proposal": "let l = &label;",
                "impact": {
                  "allocations_avoided": 1,
                  "bytes_saved": null,
                  "unit": "iteration of `for row in rows`",
                  "applies_to": "iteration of `for row in rows`, nested 2 loops deep (inside iteration of `for (name,rows) in &self.sinks`) in `pipeline::Pipeline::label_rows`",
                  "level": "High"
                },
                "tradeoffs": {
                  "pros": [
                    "Removes an allocation and a copy per execution."
                  ],
                  "cons": [
                    "The borrow ties `l` to the source's lifetime; mutating the source while it lives will not compile."
                  ]
                },
                "prerequisites": [],
                "source": "builtin",
                "reach": {
                  "heat": "hot",
                  "loop_depth": 2,
                  "reasons": [
                    "runs per iteration of `for row in rows` in `Pipeline::label_rows`",
                    "called once per call from `Pipeline::drain` (crates/worker/src/pipeline.rs:34)",
                    "called once per call from `Worker::finish` (crates/worker/src/lib.rs:56)",
                    "called once per call from `main` (crates/worker/src/main.rs:11)",
                    "entry: `fn main` (crates/worker/src/main.rs:3)"
                  ]
                },
                "edit": {
                  "summary": "borrow `label` instead of `.clone()`",
                  "hunks": [
                    {
                      "file": "crates/worker/src/pipeline.rs",
                      "start": 761,
                      "end": 774,
                      "line": 26,
                      "original": "label.clone()",
                      "replacement": "&label"
                    }
                  ]
                }
              },
              "state": "new",
              "validation": {
                "finding_id": "F-013",
                "fingerprint": "10d5c2c3bc4b7a26",
                "verdict": "REJECTED",
                "lifetime": {
                  "status": "PASS",
                  "evidence": "`label` is neither mutated nor moved after line 26 in `fn label_rows`, so a borrow can stand in for the clone"
                },
                "thread_safety": {
                  "status": "N/A",
                  "evidence": "`fn label_rows` neither spawns nor runs in a task: the change is single-threaded"
                },
                "no_undefined_behavior": {
                  "status": "PASS",
                  "evidence": "the proposal is safe Rust: no `unsafe`, `transmute` or raw parts"
                },
                "estimate_plausible": {
                  "answer": "NO",
                  "evidence": "the claimed saving cannot be realised: the code is needed as written"
                },
                "hot_path": {
                  "answer": "NO",
                  "evidence": "per iteration of the `for` loop at line 25 in `fn label_rows`; once per process: runs per iteration of `for row in rows` in `Pipeline::label_rows` ← called once per call from `Pipeline::drain` (crates/worker/src/pipeline.rs:34) ← called once per call from `Worker::finish` (crates/worker/src/lib.rs:56) ← called once per call from `main` (crates/worker/src/main.rs:11) ← entry: `fn main` (crates/worker/src/main.rs:3)"
                },
                "complexity_justified": {
                  "answer": "YES",
                  "evidence": "impact High against effort Low (proposal of 1 line(s), 0 prerequisite(s))"
                },
                "issues": [
                  {
                    "id": "F-013-I1",
                    "description": "The `for` loop at line 25 runs once per process: runs per iteration of `for row in rows` in `Pipeline::label_rows` ← called once per call from `Pipeline::drain` (crates/worker/src/pipeline.rs:34) ← called once per call from `Worker::finish` (crates/worker/src/lib.rs:56) ← called once per call from `main` (crates/worker/src/main.rs:11) ← entry: `fn main` (crates/worker/src/main.rs:3). [rule: once-per-process]",
                    "risk": "The saving is one allocation per element of a collection walked once per run, not per item of the program's data.",
                    "suggestion": "Leave it; look at the code that runs per item."
                  }
                ],
                "conditions": [],
                "counterexample": "`label.clone()` at line 26 repeats only over the `for` loop at line 25, and that loop runs once per process (runs per iteration of `for row in rows` in `Pipeline::label_rows` ← called once per call from `Pipeline::drain` (crates/worker/src/pipeline.rs:34) ← called once per call from `Worker::finish` (crates/worker/src/lib.rs:56) ← called once per call from `main` (crates/worker/src/main.rs:11) ← entry: `fn main` (crates/worker/src/main.rs:3)): over a run it allocates as many times as the collection has elements, which no user of the program notices.",
                "engine": "builtin"
              },
              "decision": null
            },
            {
              "finding": {
                "id": "F-014",
                "fingerprint": "9843d97f1fba2581",
                "category": "HEAP_AVOIDABLE",
                "file": "crates/worker/src/pipeline.rs",
                "line_start": 33,
                "line_end": 33,
                "crate": "ingest-worker",
                "priority": "P0",
                "item_path": "pipeline::Pipeline::drain",
                "confidence": "HIGH",
                "safety": "SAFE",
                "code": "        let label = String::from(\"final\");",
                "issue": "`label` copies a string literal to the heap but is never changed or handed over; the literal itself is a `&'static str`.",
                "proposal": "let label: &str = \"final\";",
                "impact": {
                  "allocations_avoided": 1,
                  "bytes_saved": 5,
                  "unit": "call of `pipeline::Pipeline::drain`",
                  "applies_to": "every call of `pipeline::Pipeline::drain`",
                  "level": "Low"
                },
                "tradeoffs": {
                  "pros": [
                    "No allocation, no copy."
                  ],
                  "cons": [
                    "Callers that need a `String` must convert at the point of use."
                  ]
                },
                "prerequisites": [],
                "source": "builtin",
                "reach": {
                  "heat": "cold",
                  "cold": "setup",
                  "loop_depth": 0,
                  "reasons": [
                    "runs once per process, outside any loop of `Pipeline::drain`",
                    "called once per call from `Worker::finish` (crates/worker/src/lib.rs:56)",
                    "called once per call from `main` (crates/worker/src/main.rs:11)",
                    "entry: `fn main` (crates/worker/src/main.rs:3)"
                  ]
                },
                "edit": {
                  "summary": "keep the literal a `&'static str`",
                  "hunks": [
                    {
                      "file": "crates/worker/src/pipeline.rs",
                      "start": 928,
                      "end": 949,
                      "line": 33,
                      "original": "String::from(\"final\")",
                      "replacement": "\"final\""
                    }
                  ]
                }
              },
              "state": "new",
              "validation": {
                "finding_id": "F-014",
                "fingerprint": "9843d97f1fba2581",
                "verdict": "REJECTED",
                "lifetime": {
                  "status": "N/A",
                  "evidence": "not assessed: the finding is rejected by rule `cold-reach`"
                },
                "thread_safety": {
                  "status": "N/A",
                  "evidence": "not assessed: `fn drain` needs no change"
                },
                "no_undefined_behavior": {
                  "status": "N/A",
                  "evidence": "nothing to change: the code stays as it is"
                },
                "estimate_plausible": {
                  "answer": "NO",
                  "evidence": "the claimed saving cannot be realised: the code is needed as written"
                },
                "hot_path": {
                  "answer": "NO",
                  "evidence": "one-time setup: runs once per process, outside any loop of `Pipeline::drain` ← called once per call from `Worker::finish` (crates/worker/src/lib.rs:56) ← called once per call from `main` (crates/worker/src/main.rs:11) ← entry: `fn main` (crates/worker/src/main.rs:3)"
                },
                "complexity_justified": {
                  "answer": "NO",
                  "evidence": "no saving to pay for the change"
                },
                "issues": [
                  {
                    "id": "F-014-I1",
                    "description": "The code runs in one-time setup: runs once per process, outside any loop of `Pipeline::drain` ← called once per call from `Worker::finish` (crates/worker/src/lib.rs:56) ← called once per call from `main` (crates/worker/src/main.rs:11) ← entry: `fn main` (crates/worker/src/main.rs:3). [rule: cold-reach]",
                    "risk": "An optimisation there saves nothing the user of the program feels.",
                    "suggestion": "Keep it as it is; look at the hot paths instead."
                  }
                ],
                "conditions": [],
                "counterexample": "runs once per process, outside any loop of `Pipeline::drain` ← called once per call from `Worker::finish` (crates/worker/src/lib.rs:56) ← called once per call from `main` (crates/worker/src/main.rs:11) ← entry: `fn main` (crates/worker/src/main.rs:3): the allocation at line 33 runs once per process, not per item of the program's data.",
                "engine": "builtin"
              },
              "decision": null
            },
            {
              "finding": {
                "id": "F-015",
                "fingerprint": "e6714918d747993c",
                "category": "ARENA_CANDIDATE",
                "file": "crates/worker/src/pipeline.rs",
                "line_start": 35,
                "line_end": 35,
                "crate": "ingest-worker",
                "priority": "P0",
                "item_path": "pipeline::Pipeline::drain",
                "confidence": "MEDIUM",
                "safety": "NEEDS_REVIEW",
                "code": "        self.sinks.clear();",
                "issue": "`self.sinks.clear()` drops every `Vec<Vec<String>>` it holds together with the buffers each owns; refilling `sinks` allocates them all again (through every doubling) on the next cycle.",
                "proposal": "// Keep the entries and clear what each holds:\n// walk `self.sinks.values_mut()` and clear the buffers of every value\n// (drop only the entries that are gone, e.g. with `retain`)",
                "impact": {
                  "allocations_avoided": null,
                  "bytes_saved": null,
                  "unit": "call of `pipeline::Pipeline::drain`",
                  "applies_to": "every buffer held by a `Vec<Vec<String>>` in `self.sinks`",
                  "level": "Medium"
                },
                "tradeoffs": {
                  "pros": [
                    "The inner buffers are allocated once and reused by every cycle."
                  ],
                  "cons": [
                    "Kept buffers stay allocated between cycles (the peak of one cycle).",
                    "Kept frames or entries must be cleared before reuse, or stale data leaks into the next cycle."
                  ]
                },
                "prerequisites": [],
                "source": "builtin",
                "reach": {
                  "heat": "cold",
                  "cold": "setup",
                  "loop_depth": 0,
                  "reasons": [
                    "runs once per process, outside any loop of `Pipeline::drain`",
                    "called once per call from `Worker::finish` (crates/worker/src/lib.rs:56)",
                    "called once per call from `main` (crates/worker/src/main.rs:11)",
                    "entry: `fn main` (crates/worker/src/main.rs:3)"
                  ]
                }
              },
              "state": "new",
              "validation": {
                "finding_id": "F-015",
                "fingerprint": "e6714918d747993c",
                "verdict": "REJECTED",
                "lifetime": {
                  "status": "UNCLEAR",
                  "evidence": "the code the finding describes was not located"
                },
                "thread_safety": {
                  "status": "UNCLEAR",
                  "evidence": "the code was not located"
                },
                "no_undefined_behavior": {
                  "status": "PASS",
                  "evidence": "the proposal is safe Rust: no `unsafe`, `transmute` or raw parts"
                },
                "estimate_plausible": {
                  "answer": "MAYBE",
                  "evidence": "no concrete change, so no saving to check"
                },
                "hot_path": {
                  "answer": "MAYBE",
                  "evidence": "the code was not located"
                },
                "complexity_justified": {
                  "answer": "YES",
                  "evidence": "impact Medium against effort Low (proposal of 0 line(s), 0 prerequisite(s))"
                },
                "issues": [
                  {
                    "id": "F-015-I1",
                    "description": "The proposal is a sketch, not a change to this code: the proposal has no code, only advice: \"Keep the entries and clear what each holds:\". The finding is kept as a LOW note. [rule: sketch-proposal]",
                    "risk": "A reader cannot apply or check a category of fixes; approving it would approve nothing concrete.",
                    "suggestion": "Write the change for this code (its names, its types), then validate again."
                  }
                ],
                "conditions": [],
                "counterexample": "the proposal has no code, only advice: \"Keep the entries and clear what each holds:\": there is no code to compile or to review against lines 35-35, so there is nothing to approve; the observation stays as a note.",
                "engine": "builtin"
              },
              "decision": null
            },
            {
              "finding": {
                "id": "F-016",
                "fingerprint": "2f8effc2e3da5786",
                "category": "LIFETIME_EXTENSION",
                "file": "crates/scan/src/watch.rs",
                "line_start": 7,
                "line_end": 7,
                "crate": "ingest-scan",
                "priority": "P1",
                "item_path": "watch::Watcher",
                "confidence": "MEDIUM",
                "safety": "NEEDS_REVIEW",
                "code": "    seen: HashMap<String, SystemTime>,",
                "issue": "`seen` (field of `Watcher`) is used as a cache but entries are only ever inserted: nothing in this file removes, clears or bounds it, so it grows for as long as its owner lives.",
                "proposal": "// Bound the cache: evict on insert once a limit is reached, e.g.\nif cache.len() >= MAX_ENTRIES {\n    cache.clear(); // or an LRU (`lru` crate) / `retain` by age\n}\ncache.insert(key, value);",
                "impact": {
                  "allocations_avoided": null,
                  "bytes_saved": null,
                  "unit": "distinct key seen",
                  "applies_to": "memory held by `seen` over the process lifetime",
                  "level": "High"
                },
                "tradeoffs": {
                  "pros": [
                    "Memory stays bounded on long runs and large inputs."
                  ],
                  "cons": [
                    "Evicted entries are recomputed; a limit must be chosen."
                  ]
                },
                "prerequisites": [
                  "Check other files of the crate for eviction before changing it."
                ],
                "source": "builtin",
                "reach": {
                  "heat": "warm",
                  "loop_depth": 0,
                  "reasons": [
                    "a type declaration: paid wherever its values are built or stored"
                  ],
                  "growth": {
                    "sites": [
                      "`Watcher::poll` (crates/scan/src/watch.rs:30): entry: public API `Watcher::poll` of library `ingest_scan`: called per call of its user"
                    ],
                    "unbounded": "`Watcher::poll` (crates/scan/src/watch.rs:30): entry: public API `Watcher::poll` of library `ingest_scan`: called per call of its user"
                  }
                }
              },
              "state": "new",
              "validation": {
                "finding_id": "F-016",
                "fingerprint": "2f8effc2e3da5786",
                "verdict": "NEEDS_WORK",
                "lifetime": {
                  "status": "UNCLEAR",
                  "evidence": "the code the finding describes was not located"
                },
                "thread_safety": {
                  "status": "UNCLEAR",
                  "evidence": "the code was not located"
                },
                "no_undefined_behavior": {
                  "status": "PASS",
                  "evidence": "the proposal is safe Rust: no `unsafe`, `transmute` or raw parts"
                },
                "estimate_plausible": {
                  "answer": "NEEDS_MEASUREMENT",
                  "evidence": "the finding gives no allocation or byte count"
                },
                "hot_path": {
                  "answer": "MAYBE",
                  "evidence": "the code was not located"
                },
                "complexity_justified": {
                  "answer": "YES",
                  "evidence": "impact High against effort Medium (proposal of 4 line(s), 1 prerequisite(s))"
                },
                "issues": [
                  {
                    "id": "F-016-I1",
                    "description": "`seen` grows in `Watcher::poll` (crates/scan/src/watch.rs:30): entry: public API `Watcher::poll` of library `ingest_scan`: called per call of its user, and nothing in this file drains, clears or bounds it. Does each pass add a new entry for as long as the program runs, or does it refill the same keys (an intern table, a memo of a finite input)? [rule: field-growth]",
                    "risk": "A collection filled from a finite input is the program's data, not a leak; only growth per event of an unbounded loop keeps memory for nothing.",
                    "suggestion": "Show that `seen` takes new entries without end (a server, a watcher, a UI tick), or that its keys repeat."
                  }
                ],
                "conditions": [
                  "Show that `seen` takes new entries without end (a server, a watcher, a UI tick), or that its keys repeat."
                ],
                "counterexample": null,
                "engine": "builtin"
              },
              "decision": null
            },
            {
              "finding": {
                "id": "F-017",
                "fingerprint": "946356c19bcd4279",
                "category": "ALLOCATION_LOOP",
                "file": "crates/schema/src/validate.rs",
                "line_start": 14,
                "line_end": 14,
                "crate": "ingest-schema",
                "priority": "P2",
                "item_path": "validate::Validator::check_rows",
                "confidence": "HIGH",
                "safety": "SAFE",
                "code": "            let ctx = format!(\"row {i}\");",
                "issue": "`format!()` allocates on every iteration of `for (i,row) in rows.iter().enumerate()`.",
                "proposal": "use std::fmt::Write;\nlet mut buf = String::new(); // once, before the loop\n// in the loop body:\nbuf.clear();\nwrite!(buf, \"row {i}\").unwrap(); // writing to a String cannot fail\n// use `&buf` where the formatted value was used",
                "impact": {
                  "allocations_avoided": 1,
                  "bytes_saved": null,
                  "unit": "iteration of `for (i,row) in rows.iter().enumerate()`",
                  "applies_to": "every call of `validate::Validator::check_rows`",
                  "level": "High"
                },
                "tradeoffs": {
                  "pros": [
                    "Fewer allocator calls on a path that runs once per element."
                  ],
                  "cons": [
                    "A reused buffer must be cleared at the top of each iteration."
                  ]
                },
                "prerequisites": [],
                "source": "builtin",
                "reach": {
                  "heat": "hot",
                  "loop_depth": 1,
                  "reasons": [
                    "runs per iteration of `for (i,row) in rows.iter().enumerate()` in `Validator::check_rows`",
                    "entry: public API `Validator::check_rows` of library `ingest_schema`: called per call of its user"
                  ]
                },
                "edit": {
                  "summary": "`write!` into one reused `String` (`ctx_buf`) instead of `format!`",
                  "hunks": [
                    {
                      "file": "crates/schema/src/validate.rs",
                      "start": 303,
                      "end": 303,
                      "line": 13,
                      "original": "",
                      "replacement": "use std::fmt::Write as _;\n        let mut ctx_buf = String::new();\n        "
                    },
                    {
                      "file": "crates/schema/src/validate.rs",
                      "start": 357,
                      "end": 386,
                      "line": 14,
                      "original": "let ctx = format!(\"row {i}\");",
                      "replacement": "ctx_buf.clear();\n            write!(ctx_buf, \"row {i}\").unwrap();\n            let ctx = ctx_buf.as_str();"
                    }
                  ]
                }
              },
              "state": "new",
              "validation": {
                "finding_id": "F-017",
                "fingerprint": "946356c19bcd4279",
                "verdict": "APPROVED",
                "lifetime": {
                  "status": "PASS",
                  "evidence": "`format!(..)` at line 14 stays within one iteration of the `for` loop at line 13: `ctx` is only read or borrowed after it is made, and dropped at the end of its scope; one reused buffer in its place lives long enough"
                },
                "thread_safety": {
                  "status": "N/A",
                  "evidence": "`fn check_rows` neither spawns nor runs in a task: the change is single-threaded"
                },
                "no_undefined_behavior": {
                  "status": "PASS",
                  "evidence": "the proposal is safe Rust: no `unsafe`, `transmute` or raw parts"
                },
                "estimate_plausible": {
                  "answer": "YES",
                  "evidence": "1 allocation(s) per iteration of `for (i,row) in rows.iter().enumerate()` against 1 allocating expression(s) at lines 14-14, each run once per iteration"
                },
                "hot_path": {
                  "answer": "YES",
                  "evidence": "per iteration of the `for` loop at line 13 in `fn check_rows`; once per call of an entry point: runs per iteration of `for (i,row) in rows.iter().enumerate()` in `Validator::check_rows` ← entry: public API `Validator::check_rows` of library `ingest_schema`: called per call of its user"
                },
                "complexity_justified": {
                  "answer": "YES",
                  "evidence": "impact High against effort Low (proposal of 4 line(s), 0 prerequisite(s))"
                },
                "issues": [],
                "conditions": [
                  "Gain: one allocation of `format!(..)` per iteration of the `for` loop at line 13, after the first iterations (the buffer keeps its capacity)",
                  "the buffer is created once above the `for` loop at line 13 and `clear()`ed at the start of each iteration",
                  "the buffer is not stored, sent or returned from the loop body",
                  "the crate's tests pass and a heap profile (DHAT) of a representative input shows fewer allocations"
                ],
                "counterexample": null,
                "engine": "builtin"
              },
              "decision": null
            },
            {
              "finding": {
                "id": "F-018",
                "fingerprint": "9cbd177bca9017a0",
                "category": "ALLOCATION_LOOP",
                "file": "crates/schema/src/validate.rs",
                "line_start": 28,
                "line_end": 28,
                "crate": "ingest-schema",
                "priority": "P2",
                "item_path": "validate::Validator::empty_fields",
                "confidence": "MEDIUM",
                "safety": "NEEDS_REVIEW",
                "code": "                names.push(name.to_owned());",
                "issue": "`.to_owned()` allocates on each iteration of `for (name,value) in self.schema.names.iter().zip(row)` that takes this path (the branch at line 27), not on every iteration.",
                "proposal": "// The owned value is stored: consider interning repeated strings, a `Cow<'_, str>`\n// that borrows from the input, or one arena per batch.",
                "impact": {
                  "allocations_avoided": 1,
                  "bytes_saved": null,
                  "unit": "iteration of `for (name,value) in self.schema.names.iter().zip(row)`",
                  "applies_to": "every call of `validate::Validator::empty_fields`",
                  "level": "High"
                },
                "tradeoffs": {
                  "pros": [
                    "Fewer allocator calls on a path that runs once per element."
                  ],
                  "cons": [
                    "The value is stored, so removing the allocation changes the stored type (borrow, `Cow`, interning or an arena)."
                  ]
                },
                "prerequisites": [],
                "source": "builtin",
                "reach": {
                  "heat": "hot",
                  "loop_depth": 1,
                  "reasons": [
                    "runs per iteration of `for (name,value) in self.schema.names.iter().zip(row)` in `Validator::empty_fields`",
                    "entry: public API `Validator::empty_fields` of library `ingest_schema`: called per call of its user"
                  ]
                }
              },
              "state": "new",
              "validation": {
                "finding_id": "F-018",
                "fingerprint": "9cbd177bca9017a0",
                "verdict": "REJECTED",
                "lifetime": {
                  "status": "UNCLEAR",
                  "evidence": "`name.to_owned()` at line 28 outlives its expression: it is passed to `.push(..)` at line 28, which keeps it"
                },
                "thread_safety": {
                  "status": "N/A",
                  "evidence": "`fn empty_fields` neither spawns nor runs in a task: the change is single-threaded"
                },
                "no_undefined_behavior": {
                  "status": "PASS",
                  "evidence": "the proposal is safe Rust: no `unsafe`, `transmute` or raw parts"
                },
                "estimate_plausible": {
                  "answer": "MAYBE",
                  "evidence": "no concrete change, so no saving to check"
                },
                "hot_path": {
                  "answer": "YES",
                  "evidence": "per iteration of the `for` loop at line 26 in `fn empty_fields`; once per call of an entry point: runs per iteration of `for (name,value) in self.schema.names.iter().zip(row)` in `Validator::empty_fields` ← entry: public API `Validator::empty_fields` of library `ingest_schema`: called per call of its user"
                },
                "complexity_justified": {
                  "answer": "YES",
                  "evidence": "impact High against effort Low (proposal of 0 line(s), 0 prerequisite(s))"
                },
                "issues": [
                  {
                    "id": "F-018-I1",
                    "description": "The proposal is a sketch, not a change to this code: the proposal has no code, only advice: \"The owned value is stored: consider interning repeated strings, a `Cow<'_, str>`\". The finding is kept as a LOW note. [rule: sketch-proposal]",
                    "risk": "A reader cannot apply or check a category of fixes; approving it would approve nothing concrete.",
                    "suggestion": "Write the change for this code (its names, its types), then validate again."
                  }
                ],
                "conditions": [],
                "counterexample": "the proposal has no code, only advice: \"The owned value is stored: consider interning repeated strings, a `Cow<'_, str>`\": there is no code to compile or to review against lines 28-28, so there is nothing to approve; the observation stays as a note.",
                "engine": "builtin"
              },
              "decision": null
            },
            {
              "finding": {
                "id": "F-019",
                "fingerprint": "546c87452fe37e87",
                "category": "ALLOCATION_LOOP",
                "file": "crates/schema/src/validate.rs",
                "line_start": 46,
                "line_end": 46,
                "crate": "ingest-schema",
                "priority": "P2",
                "item_path": "validate::tests::counts_rows",
                "confidence": "MEDIUM",
                "safety": "NEEDS_REVIEW",
                "code": "        let rows: Vec<Vec<String>> = (0..3).map(|i| vec![i.to_string()]).collect();",
                "issue": "`.to_string()` allocates on every element of `0..3.map(..)`.",
                "proposal": "// The owned value is stored: consider interning repeated strings, a `Cow<'_, str>`\n// that borrows from the input, or one arena per batch.",
                "impact": {
                  "allocations_avoided": 1,
                  "bytes_saved": null,
                  "unit": "element of `0..3.map(..)`",
                  "applies_to": "every call of `validate::tests::counts_rows`",
                  "level": "Medium"
                },
                "tradeoffs": {
                  "pros": [
                    "Fewer allocator calls on a path that runs once per element."
                  ],
                  "cons": [
                    "The value is stored, so removing the allocation changes the stored type (borrow, `Cow`, interning or an arena)."
                  ]
                },
                "prerequisites": [],
                "source": "builtin",
                "reach": {
                  "heat": "cold",
                  "cold": "test",
                  "loop_depth": 0,
                  "reasons": [
                    "`mod tests` is under `#[cfg(test)]`"
                  ]
                }
              },
              "state": "new",
              "validation": {
                "finding_id": "F-019",
                "fingerprint": "546c87452fe37e87",
                "verdict": "REJECTED",
                "lifetime": {
                  "status": "N/A",
                  "evidence": "not assessed: the finding is rejected by rule `test-code`"
                },
                "thread_safety": {
                  "status": "N/A",
                  "evidence": "not assessed: `fn counts_rows` needs no change"
                },
                "no_undefined_behavior": {
                  "status": "N/A",
                  "evidence": "nothing to change: the code stays as it is"
                },
                "estimate_plausible": {
                  "answer": "NO",
                  "evidence": "the claimed saving cannot be realised: the code is needed as written"
                },
                "hot_path": {
                  "answer": "NO",
                  "evidence": "test code: `mod tests` is under `#[cfg(test)]`"
                },
                "complexity_justified": {
                  "answer": "NO",
                  "evidence": "no saving to pay for the change"
                },
                "issues": [
                  {
                    "id": "F-019-I1",
                    "description": "`(0..3).map(|i|__macro_vec(i.to_string())).collect()` is test code: `mod tests` is under `#[cfg(test)]`. [rule: test-code]",
                    "risk": "Optimising it changes nothing for users and makes tests harder to read.",
                    "suggestion": "Exclude test code from the audit (`tests/` and `#[cfg(test)]`)."
                  }
                ],
                "conditions": [],
                "counterexample": "`mod tests` is under `#[cfg(test)]`: it runs only under `cargo test` or `cargo bench`, never in a release build, so the allocation at line 46 costs production nothing.",
                "engine": "builtin"
              },
              "decision": null
            },
            {
              "finding": {
                "id": "F-020",
                "fingerprint": "39956bb002c4f088",
                "category": "UNNECESSARY_CLONE",
                "file": "crates/schema/src/validate.rs",
                "line_start": 47,
                "line_end": 47,
                "crate": "ingest-schema",
                "priority": "P2",
                "item_path": "validate::tests::counts_rows",
                "confidence": "HIGH",
                "safety": "SAFE",
                "code": "        assert_eq!(v.check_rows(&rows.clone()), Ok(3));",
                "issue": "`&rows.clone()` allocates a copy of `rows` only to lend it; the copy is dropped at the end of the statement.",
                "proposal": "// Lend the original instead of a fresh copy:\n&rows",
                "impact": {
                  "allocations_avoided": 1,
                  "bytes_saved": null,
                  "unit": "call of `validate::tests::counts_rows`",
                  "applies_to": "every call of `validate::tests::counts_rows`",
                  "level": "Low"
                },
                "tradeoffs": {
                  "pros": [
                    "One allocation and one copy fewer, no behaviour change."
                  ],
                  "cons": [
                    "None; if the borrow checker objects, the clone was breaking a borrow conflict and should stay."
                  ]
                },
                "prerequisites": [],
                "source": "builtin",
                "reach": {
                  "heat": "cold",
                  "cold": "test",
                  "loop_depth": 0,
                  "reasons": [
                    "`mod tests` is under `#[cfg(test)]`"
                  ]
                },
                "edit": {
                  "summary": "drop the `.clone()`",
                  "hunks": [
                    {
                      "file": "crates/schema/src/validate.rs",
                      "start": 1305,
                      "end": 1313,
                      "line": 47,
                      "original": ".clone()",
                      "replacement": ""
                    }
                  ]
                }
              },
              "state": "new",
              "validation": {
                "finding_id": "F-020",
                "fingerprint": "39956bb002c4f088",
                "verdict": "REJECTED",
                "lifetime": {
                  "status": "N/A",
                  "evidence": "not assessed: the finding is rejected by rule `test-code`"
                },
                "thread_safety": {
                  "status": "N/A",
                  "evidence": "not assessed: `fn counts_rows` needs no change"
                },
                "no_undefined_behavior": {
                  "status": "N/A",
                  "evidence": "nothing to change: the code stays as it is"
                },
                "estimate_plausible": {
                  "answer": "NO",
                  "evidence": "the claimed saving cannot be realised: the code is needed as written"
                },
                "hot_path": {
                  "answer": "NO",
                  "evidence": "test code: `mod tests` is under `#[cfg(test)]`"
                },
                "complexity_justified": {
                  "answer": "NO",
                  "evidence": "no saving to pay for the change"
                },
                "issues": [
                  {
                    "id": "F-020-I1",
                    "description": "`rows.clone()` is test code: `mod tests` is under `#[cfg(test)]`. [rule: test-code]",
                    "risk": "Optimising it changes nothing for users and makes tests harder to read.",
                    "suggestion": "Exclude test code from the audit (`tests/` and `#[cfg(test)]`)."
                  }
                ],
                "conditions": [],
                "counterexample": "`mod tests` is under `#[cfg(test)]`: it runs only under `cargo test` or `cargo bench`, never in a release build, so the allocation at line 47 costs production nothing.",
                "engine": "builtin"
              },
              "decision": null
            },
            {
              "finding": {
                "id": "F-021",
                "fingerprint": "63bf219bd2a29396",
                "category": "ALLOCATION_LOOP",
                "file": "crates/config/src/lib.rs",
                "line_start": 14,
                "line_end": 14,
                "crate": "ingest-config",
                "priority": "P3",
                "item_path": "Config::load",
                "confidence": "MEDIUM",
                "safety": "NEEDS_REVIEW",
                "code": "            columns.push(c.to_string());",
                "issue": "`.to_string()` allocates on every iteration of `for c in text.split(',')`.",
                "proposal": "// The owned value is stored: consider interning repeated strings, a `Cow<'_, str>`\n// that borrows from the input, or one arena per batch.",
                "impact": {
                  "allocations_avoided": 1,
                  "bytes_saved": null,
                  "unit": "iteration of `for c in text.split(',')`",
                  "applies_to": "every call of `Config::load`",
                  "level": "Medium"
                },
                "tradeoffs": {
                  "pros": [
                    "Fewer allocator calls on a path that runs once per element."
                  ],
                  "cons": [
                    "The value is stored, so removing the allocation changes the stored type (borrow, `Cow`, interning or an arena)."
                  ]
                },
                "prerequisites": [],
                "source": "builtin",
                "reach": {
                  "heat": "hot",
                  "loop_depth": 1,
                  "reasons": [
                    "runs per iteration of `for c in text.split(',')` in `Config::load`",
                    "entry: public API `Config::load` of library `ingest_config`: it builds or configures, once per use of the library"
                  ]
                }
              },
              "state": "new",
              "validation": {
                "finding_id": "F-021",
                "fingerprint": "63bf219bd2a29396",
                "verdict": "REJECTED",
                "lifetime": {
                  "status": "UNCLEAR",
                  "evidence": "`c.to_string()` at line 14 outlives its expression: it is passed to `.push(..)` at line 14, which keeps it"
                },
                "thread_safety": {
                  "status": "N/A",
                  "evidence": "`fn load` neither spawns nor runs in a task: the change is single-threaded"
                },
                "no_undefined_behavior": {
                  "status": "PASS",
                  "evidence": "the proposal is safe Rust: no `unsafe`, `transmute` or raw parts"
                },
                "estimate_plausible": {
                  "answer": "MAYBE",
                  "evidence": "no concrete change, so no saving to check"
                },
                "hot_path": {
                  "answer": "NO",
                  "evidence": "per iteration of the `for` loop at line 13 in `fn load`; once per process: runs per iteration of `for c in text.split(',')` in `Config::load` ← entry: public API `Config::load` of library `ingest_config`: it builds or configures, once per use of the library"
                },
                "complexity_justified": {
                  "answer": "YES",
                  "evidence": "impact Medium against effort Low (proposal of 0 line(s), 0 prerequisite(s))"
                },
                "issues": [
                  {
                    "id": "F-021-I1",
                    "description": "The proposal is a sketch, not a change to this code: the proposal has no code, only advice: \"The owned value is stored: consider interning repeated strings, a `Cow<'_, str>`\". The finding is kept as a LOW note. [rule: sketch-proposal]",
                    "risk": "A reader cannot apply or check a category of fixes; approving it would approve nothing concrete.",
                    "suggestion": "Write the change for this code (its names, its types), then validate again."
                  }
                ],
                "conditions": [],
                "counterexample": "the proposal has no code, only advice: \"The owned value is stored: consider interning repeated strings, a `Cow<'_, str>`\": there is no code to compile or to review against lines 14-14, so there is nothing to approve; the observation stays as a note.",
                "engine": "builtin"
              },
              "decision": null
            }
          ],
          "report": {
            "round": 1,
            "summary": {
              "total": 14,
              "approved": 7,
              "needs_work": 6,
              "rejected": 1,
              "new": 14,
              "estimated_bytes_saved": null,
              "estimated_allocations_avoided": 6,
              "estimated_allocation_reduction_pct": 100.0,
              "measured": null,
              "figures": [
                {
                  "key": "memory_impact",
                  "label": "Memory impact",
                  "value": null,
                  "unit": "not estimated",
                  "kind": "unknown",
                  "basis": "No approved finding states a byte saving, and the session has no heap profile.",
                  "action": "Profile a workload (`memaudit profile`) to measure it."
                },
                {
                  "key": "allocation_reduction",
                  "label": "Allocation reduction",
                  "value": "~100%",
                  "unit": "of the allocations flagged in hot code",
                  "kind": "estimated",
                  "basis": "Not measured. Hot-path findings state 6 allocations per pass through their code; approved findings remove 6 of them. Only what the audit flagged is counted, not the program's allocations: this is not the share of its allocations a program would lose.",
                  "action": "Profile a workload (`memaudit profile`) to measure it."
                },
                {
                  "key": "allocations",
                  "label": "Allocations removed per pass",
                  "value": "~6",
                  "unit": "summed over 6 approved findings",
                  "kind": "estimated",
                  "basis": "Each approved finding states the allocations one pass through its code (one loop iteration or call) would no longer make; this sums them over 6 findings. Not a count over a run: how often each pass runs is unknown without a profile.",
                  "action": "Profile a workload (`memaudit profile`) to measure it."
                }
              ],
              "cold": 4,
              "notes": 3
            },
            "quick_wins": [
              {
                "finding_id": "F-002",
                "location": "ingest-proto/codec.rs",
                "category": "ALLOCATION_LOOP",
                "impact": "High",
                "effort": "Low",
                "score": 9.0,
                "measured": false,
                "at": "crates/proto/src/codec.rs:24",
                "summary": "`format!()` allocates on every iteration of `for (name,value) in names.iter().zip(row)`.",
                "validation": "APPROVED (builtin): hot path YES — per iteration of the `for` loop at line 23 in `fn encode_row`; called per item: runs per iteration of `for (name,value) in names.iter().zip(row)` in…; lifetime PASS, thread safety N/A, no UB PASS",
                "gain": "~1 allocation per iteration of `for (name,value) in names.iter().zip(row)` (estimate, not measured)",
                "diff": "--- a/crates/proto/src/codec.rs\n+++ b/crates/proto/src/codec.rs\n@@ line 23 @@\n+use std::fmt::Write as _;\n+    let mut pair_buf = String::new();\n@@ line 24 @@\n-let pair = format!(\"{name}={value};\");\n+pair_buf.clear();\n+        write!(pair_buf, \"{name}={value};\").unwrap();\n+        let pair = pair_buf.as_str();\n",
                "proposal": "use std::fmt::Write;\nlet mut buf = String::new(); // once, before the loop\n// in the loop body:\nbuf.clear();\nwrite!(buf, \"{name}={value};\").unwrap(); // writing to a String cannot fail\n// use `&buf` where the formatted value was used"
              },
              {
                "finding_id": "F-003",
                "location": "ingest-proto/codec.rs",
                "category": "ALLOCATION_LOOP",
                "impact": "High",
                "effort": "Low",
                "score": 9.0,
                "measured": false,
                "at": "crates/proto/src/codec.rs:33",
                "summary": "`buf` (Vec::new()) is created, filled and dropped on every iteration; its heap buffer is allocated (and regrown) each time.",
                "validation": "APPROVED (builtin): hot path YES — per iteration of the `for` loop at line 32 in `fn encode_all`; once per call of an entry point: runs per iteration of `for msg in messages` in `encode_all` ← en…; lifetime PASS, thread safety N/A, no UB PASS",
                "gain": "~1 allocation per iteration of `for msg in messages` (estimate, not measured)",
                "diff": "--- a/crates/proto/src/codec.rs\n+++ b/crates/proto/src/codec.rs\n@@ line 32 @@\n+let mut buf = Vec::new();\n@@ line 33 @@\n-let mut buf = Vec::new();\n+buf.clear();\n",
                "proposal": "let mut buf = Vec::new(); // once, before the loop\n// in the loop body:\nbuf.clear(); // keeps the capacity"
              },
              {
                "finding_id": "F-011",
                "location": "ingest-worker/lib.rs",
                "category": "ALLOCATION_LOOP",
                "impact": "High",
                "effort": "Low",
                "score": 9.0,
                "measured": false,
                "at": "crates/worker/src/lib.rs:39",
                "summary": "`.collect()` allocates on every iteration of `for line in reader.lines()`.",
                "validation": "APPROVED (builtin): hot path YES — per iteration of the `for` loop at line 37 in `fn process_file`; called per item: runs per element of `line.split(',').map(..)` in `Worker::process_file` ← call…; lifetime PASS, thread safety N/A, no UB PASS",
                "gain": "~1 allocation per iteration of `for line in reader.lines()` (estimate, not measured)",
                "diff": "--- a/crates/worker/src/lib.rs\n+++ b/crates/worker/src/lib.rs\n@@ line 37 @@\n+let mut fields: Vec<String> = Vec::new();\n@@ line 39 @@\n-let fields: Vec<String> = line.split(',').map(|s| s.to_string()).collect();\n+fields.clear();\n+            fields.extend(line.split(',').map(|s| s.to_string()));\n",
                "proposal": "let mut buf = Vec::new(); // once, before the loop\n// in the loop body:\nbuf.clear();\nbuf.extend(/* the same iterator */);"
              },
              {
                "finding_id": "F-012",
                "location": "ingest-worker/lib.rs",
                "category": "ALLOCATION_LOOP",
                "impact": "High",
                "effort": "Low",
                "score": 9.0,
                "measured": false,
                "at": "crates/worker/src/lib.rs:40",
                "summary": "`format!()` allocates on every iteration of `for line in reader.lines()`.",
                "validation": "APPROVED (builtin): hot path YES — per iteration of the `for` loop at line 37 in `fn process_file`; called per item: runs per iteration of `for line in reader.lines()` in `Worker::process_file` ←…; lifetime PASS, thread safety N/A, no UB PASS",
                "gain": "~1 allocation per iteration of `for line in reader.lines()` (estimate, not measured)",
                "diff": null,
                "proposal": "use std::fmt::Write;\nlet mut buf = String::new(); // once, before the loop\n// in the loop body:\nbuf.clear();\nwrite!(buf, \"{}:{}\", path, fields.len()).unwrap(); // writing to a String cannot fail\n// use `&buf` where the formatted value was used"
              },
              {
                "finding_id": "F-017",
                "location": "ingest-schema/validate.rs",
                "category": "ALLOCATION_LOOP",
                "impact": "High",
                "effort": "Low",
                "score": 9.0,
                "measured": false,
                "at": "crates/schema/src/validate.rs:14",
                "summary": "`format!()` allocates on every iteration of `for (i,row) in rows.iter().enumerate()`.",
                "validation": "APPROVED (builtin): hot path YES — per iteration of the `for` loop at line 13 in `fn check_rows`; once per call of an entry point: runs per iteration of `for (i,row) in rows.iter().enumerate()` i…; lifetime PASS, thread safety N/A, no UB PASS",
                "gain": "~1 allocation per iteration of `for (i,row) in rows.iter().enumerate()` (estimate, not measured)",
                "diff": "--- a/crates/schema/src/validate.rs\n+++ b/crates/schema/src/validate.rs\n@@ line 13 @@\n+use std::fmt::Write as _;\n+        let mut ctx_buf = String::new();\n@@ line 14 @@\n-let ctx = format!(\"row {i}\");\n+ctx_buf.clear();\n+            write!(ctx_buf, \"row {i}\").unwrap();\n+            let ctx = ctx_buf.as_str();\n",
                "proposal": "use std::fmt::Write;\nlet mut buf = String::new(); // once, before the loop\n// in the loop body:\nbuf.clear();\nwrite!(buf, \"row {i}\").unwrap(); // writing to a String cannot fail\n// use `&buf` where the formatted value was used"
              },
              {
                "finding_id": "F-005",
                "location": "ingest-scan/walk.rs",
                "category": "ALLOCATION_LOOP",
                "impact": "Medium",
                "effort": "Low",
                "score": 6.0,
                "measured": false,
                "at": "crates/scan/src/walk.rs:38",
                "summary": "`out` starts empty and receives exactly one `push` per iteration of `for f in found`, so it reallocates about log2(n) times while growing although the final length is known up front.",
                "validation": "APPROVED (builtin): hot path YES — per iteration of the `for` loop at line 39 in `fn sizes`; once per call of an entry point: entry: public API `sizes` of library `ingest_scan`: called per call o…; lifetime PASS, thread safety N/A, no UB PASS",
                "gain": "— not estimated; profile a workload (`memaudit profile`) to measure it",
                "diff": "--- a/crates/scan/src/walk.rs\n+++ b/crates/scan/src/walk.rs\n@@ line 38 @@\n-Vec::new()\n+Vec::with_capacity(found.len())\n",
                "proposal": "let mut out = Vec::with_capacity(found.len());"
              },
              {
                "finding_id": "F-006",
                "location": "ingest-scan/walk.rs",
                "category": "ALLOCATION_LOOP",
                "impact": "Medium",
                "effort": "Low",
                "score": 6.0,
                "measured": false,
                "at": "crates/scan/src/walk.rs:42",
                "summary": "`parts` collects every item into a new `Vec` on every iteration of `for f in found`, but it is only counted: the iterator gives the same answer without the allocation and the copy of each item.",
                "validation": "APPROVED (builtin): hot path YES — per iteration of the `for` loop at line 39 in `fn sizes`; once per call of an entry point: runs per iteration of `for f in found` in `sizes` ← entry: public API…; lifetime PASS, thread safety N/A, no UB PASS",
                "gain": "~1 allocation per iteration of `for f in found` (estimate, not measured)",
                "diff": null,
                "proposal": "let parts_len = f.split('/').count();\n// then `parts_len` for `parts.len()`, `parts_len == 0` for `parts.is_empty()`"
              }
            ],
            "recommendations": [
              {
                "pattern": "per-iteration `Vec` allocation",
                "category": "ALLOCATION_LOOP",
                "finding_ids": [
                  "F-003",
                  "F-005",
                  "F-008",
                  "F-009",
                  "F-010"
                ],
                "locations": [
                  "crates/proto/src/codec.rs:33",
                  "crates/scan/src/walk.rs:38",
                  "crates/worker/src/batch.rs:23",
                  "crates/worker/src/batch.rs:32",
                  "crates/worker/src/batch.rs:47"
                ],
                "unified_fix": "Hoist one `Vec` above the loop and `clear()` it per iteration (capacity is kept); share a `BufferPool` where the loop spans functions."
              },
              {
                "pattern": "`format!` in a loop",
                "category": "ALLOCATION_LOOP",
                "finding_ids": [
                  "F-002",
                  "F-012",
                  "F-017"
                ],
                "locations": [
                  "crates/proto/src/codec.rs:24",
                  "crates/schema/src/validate.rs:14",
                  "crates/worker/src/lib.rs:40"
                ],
                "unified_fix": "Write into one reusable `String` with `write!` after `clear()`; where buffers cross functions, a small `BufferPool` hands them out and takes them back."
              }
            ],
            "by_crate": [
              {
                "crate": "ingest-proto",
                "priority": "P0",
                "findings": [
                  {
                    "finding_id": "F-001",
                    "summary": "Variant `Data` is ~4096 bytes while the next largest is ~0: every `Message` value (in vectors, maps, channels) occupies the largest size.",
                    "verdict": "NEEDS_WORK",
                    "state": "new"
                  },
                  {
                    "finding_id": "F-002",
                    "summary": "`format!()` allocates on every iteration of `for (name,value) in names.iter().zip(row)`.",
                    "verdict": "APPROVED",
                    "state": "new"
                  },
                  {
                    "finding_id": "F-003",
                    "summary": "`buf` (Vec::new()) is created, filled and dropped on every iteration; its heap buffer is allocated (and regrown) each time.",
                    "verdict": "APPROVED",
                    "state": "new"
                  },
                  {
                    "finding_id": "F-004",
                    "summary": "`Box<[u8; 8]>` puts a fixed 8-byte array (8 elements) behind a heap allocation; it fits inline.",
                    "verdict": "NEEDS_WORK",
                    "state": "new"
                  }
                ]
              },
              {
                "crate": "ingest-scan",
                "priority": "P0",
                "findings": [
                  {
                    "finding_id": "F-005",
                    "summary": "`out` starts empty and receives exactly one `push` per iteration of `for f in found`, so it reallocates about log2(n) times while growing although the final length is known up front.",
                    "verdict": "APPROVED",
                    "state": "new"
                  },
                  {
                    "finding_id": "F-006",
                    "summary": "`parts` collects every item into a new `Vec` on every iteration of `for f in found`, but it is only counted: the iterator gives the same answer without the allocation and the copy of each item.",
                    "verdict": "APPROVED",
                    "state": "new"
                  },
                  {
                    "finding_id": "F-016",
                    "summary": "`seen` (field of `Watcher`) is used as a cache but entries are only ever inserted: nothing in this file removes, clears or bounds it, so it grows for as long as its owner lives.",
                    "verdict": "NEEDS_WORK",
                    "state": "new"
                  }
                ]
              },
              {
                "crate": "ingest-schema",
                "priority": "P0",
                "findings": [
                  {
                    "finding_id": "F-007",
                    "summary": "`Type` is a recursive type whose nodes are each a separate heap allocation; a tree is typically built and dropped as a whole, which an arena does in one go.",
                    "verdict": "NEEDS_WORK",
                    "state": "new"
                  },
                  {
                    "finding_id": "F-017",
                    "summary": "`format!()` allocates on every iteration of `for (i,row) in rows.iter().enumerate()`.",
                    "verdict": "APPROVED",
                    "state": "new"
                  },
                  {
                    "finding_id": "F-018",
                    "summary": "`.to_owned()` allocates on each iteration of `for (name,value) in self.schema.names.iter().zip(row)` that takes this path (the branch at line 27), not on every iteration.",
                    "verdict": "REJECTED",
                    "state": "new"
                  },
                  {
                    "finding_id": "F-019",
                    "summary": "`.to_string()` allocates on every element of `0..3.map(..)`.",
                    "verdict": "REJECTED",
                    "state": "new"
                  },
                  {
                    "finding_id": "F-020",
                    "summary": "`&rows.clone()` allocates a copy of `rows` only to lend it; the copy is dropped at the end of the statement.",
                    "verdict": "REJECTED",
                    "state": "new"
                  }
                ]
              },
              {
                "crate": "ingest-worker",
                "priority": "P0",
                "findings": [
                  {
                    "finding_id": "F-008",
                    "summary": "`row` starts empty and receives exactly one `push` per iteration of `for field in fields`, so it reallocates about log2(n) times while growing although the final length is known up front.",
                    "verdict": "NEEDS_WORK",
                    "state": "new"
                  },
                  {
                    "finding_id": "F-009",
                    "summary": "`cols` starts empty and receives exactly one `push` per iteration of `for name in columns`, so it reallocates about log2(n) times while growing although the final length is known up front.",
                    "verdict": "NEEDS_WORK",
                    "state": "new"
                  },
                  {
                    "finding_id": "F-010",
                    "summary": "`encoded` starts empty and receives exactly one `push` per iteration of `for batch in batches`, so it reallocates about log2(n) times while growing although the final length is known up front.",
                    "verdict": "NEEDS_WORK",
                    "state": "new"
                  },
                  {
                    "finding_id": "F-011",
                    "summary": "`.collect()` allocates on every iteration of `for line in reader.lines()`.",
                    "verdict": "APPROVED",
                    "state": "new"
                  },
                  {
                    "finding_id": "F-012",
                    "summary": "`format!()` allocates on every iteration of `for line in reader.lines()`.",
                    "verdict": "APPROVED",
                    "state": "new"
                  },
                  {
                    "finding_id": "F-013",
                    "summary": "`l` is a copy of `label` that is only read afterwards; a borrow gives the same reads without allocating.",
                    "verdict": "REJECTED",
                    "state": "new"
                  },
                  {
                    "finding_id": "F-014",
                    "summary": "`label` copies a string literal to the heap but is never changed or handed over; the literal itself is a `&'static str`.",
                    "verdict": "REJECTED",
                    "state": "new"
                  },
                  {
                    "finding_id": "F-015",
                    "summary": "`self.sinks.clear()` drops every `Vec<Vec<String>>` it holds together with the buffers each owns; refilling `sinks` allocates them all again (through every doubling) on the next cycle.",
                    "verdict": "REJECTED",
                    "state": "new"
                  }
                ]
              },
              {
                "crate": "ingest-config",
                "priority": "P3",
                "findings": [
                  {
                    "finding_id": "F-021",
                    "summary": "`.to_string()` allocates on every iteration of `for c in text.split(',')`.",
                    "verdict": "REJECTED",
                    "state": "new"
                  }
                ]
              }
            ],
            "deferred": [
              {
                "finding_id": "F-001",
                "reason": "NEEDS_WORK: The impact is not established: layout and cache effects show only under a profiler (cache misses), not in the syntax. [rule: impact-unknown]"
              },
              {
                "finding_id": "F-004",
                "reason": "NEEDS_WORK: The proposal changes an API: `Box<[u8; 8]>` is written in the return type of `fn header`, and `header` is public: removing the box changes its signature. [rule: api-change]"
              },
              {
                "finding_id": "F-007",
                "reason": "NEEDS_WORK: The proposal changes an API: trade-off says \"Adds a lifetime parameter (or indices) to the type; individual nodes cannot be freed early.\". [rule: api-change]"
              },
              {
                "finding_id": "F-008",
                "reason": "NEEDS_WORK: Is `fn push_row` called once per item of the program's data (a file, a line, a record, an event)? The call graph found no caller: no caller of `BatchBuilder::push_row` found in the workspace (called through a macro, a function pointer, or not at all). [rule: caller-unknown]"
              },
              {
                "finding_id": "F-009",
                "reason": "NEEDS_WORK: Is `fn build` called once per item of the program's data (a file, a line, a record, an event)? The call graph found no caller: no caller of `BatchBuilder::build` found in the workspace (called through a macro, a function pointer, or not at all). [rule: caller-unknown]"
              },
              {
                "finding_id": "F-010",
                "reason": "NEEDS_WORK: Is `fn encode_batches` called once per item of the program's data (a file, a line, a record, an event)? The call graph found no caller: no caller of `encode_batches` found in the workspace (called through a macro, a function pointer, or not at all). [rule: caller-unknown]"
              },
              {
                "finding_id": "F-016",
                "reason": "NEEDS_WORK: `seen` grows in `Watcher::poll` (crates/scan/src/watch.rs:30): entry: public API `Watcher::poll` of library `ingest_scan`: called per call of its user, and nothing in this file drains, clears or bounds it. Does each pass add a new entry for as long as the program runs, or does it refill the same keys (an intern table, a memo of a finite input)? [rule: field-growth]"
              }
            ],
            "next_focus": [
              "Rework 1 NEEDS_WORK finding(s) in HEAP_AVOIDABLE: F-004",
              "Rework 1 NEEDS_WORK finding(s) in LIFETIME_EXTENSION: F-016",
              "Rework 1 NEEDS_WORK finding(s) in CACHE_HOSTILE: F-001",
              "Rework 3 NEEDS_WORK finding(s) in ALLOCATION_LOOP: F-008, F-009, F-010"
            ],
            "termination": [
              {
                "name": "All P0 crates analysed",
                "met": true,
                "detail": "4 P0 crate(s) analysed: ingest-scan, ingest-worker, ingest-proto, ingest-schema"
              },
              {
                "name": "No new HIGH-impact findings in the last round",
                "met": false,
                "detail": "round 1 found 10 new HIGH-impact finding(s): F-001, F-002, F-003, F-008, F-009, F-010, F-011, F-012, F-016, F-017"
              },
              {
                "name": "No findings awaiting rework",
                "met": false,
                "detail": "6 NEEDS_WORK finding(s) without a decision: F-001, F-004, F-008, F-009, F-010, F-016"
              },
              {
                "name": "Actionable report generated",
                "met": true,
                "detail": "7 approved finding(s) ready to implement"
              },
              {
                "name": "User satisfied with coverage",
                "met": false,
                "detail": "the user has not terminated the session"
              }
            ],
            "verified": []
          },
          "role_runs": [
            {
              "role": "analyst",
              "engine": "builtin",
              "started_at": "2025-03-16T09:30:00.000Z",
              "finished_at": "2025-03-16T09:30:00.820Z",
              "duration_ms": 820,
              "tokens_in": 0,
              "tokens_out": 0,
              "cost_usd": 0.0,
              "status": "finished",
              "error": null
            },
            {
              "role": "validator",
              "engine": "builtin",
              "started_at": "2025-03-16T09:30:00.820Z",
              "finished_at": "2025-03-16T09:30:01.160Z",
              "duration_ms": 340,
              "tokens_in": 0,
              "tokens_out": 0,
              "cost_usd": 0.0,
              "status": "finished",
              "error": null
            },
            {
              "role": "coordinator",
              "engine": "builtin",
              "started_at": "2025-03-16T09:30:01.160Z",
              "finished_at": "2025-03-16T09:30:01.205Z",
              "duration_ms": 45,
              "tokens_in": 0,
              "tokens_out": 0,
              "cost_usd": 0.0,
              "status": "finished",
              "error": null
            }
          ],
          "decision": null,
          "focus": []
        }
      ],
      "status": {
        "session": "memory_audit_002",
        "rounds": 1,
        "current_round": 1,
        "round_status": "awaiting_decision",
        "total_findings": 21,
        "approved": 7,
        "needs_work": 7,
        "rejected": 7,
        "new": 21,
        "persisting": 0,
        "fixed": 0,
        "stale": 0,
        "decided_implement": 0,
        "decided_defer": 0,
        "decided_reject": 0,
        "undecided": 21
      }
    },
    "overview": {
      "session": {
        "id": 3,
        "name": "memory_audit_002",
        "workspace": "/home/lead/src/ingest",
        "created_at": "2025-03-16T09:30:00.000Z",
        "updated_at": "2025-03-16T16:30:00.000Z",
        "status": "active",
        "rounds": 1,
        "findings": 21
      },
      "crates": [
        "ingest-scan",
        "ingest-worker",
        "ingest-proto",
        "ingest-schema",
        "ingest-config"
      ],
      "rounds": [
        {
          "number": 1,
          "status": "awaiting_decision",
          "started_at": "2025-03-16T09:30:00.000Z",
          "finished_at": "2025-03-16T09:30:02.000Z",
          "error": null,
          "findings": [
            {
              "id": "F-001",
              "category": "CACHE_HOSTILE",
              "file": "crates/proto/src/codec.rs",
              "line_start": 3,
              "line_end": 6,
              "crate": "ingest-proto",
              "priority": "P0",
              "item_path": "codec::Message",
              "summary": "Variant `Data` is ~4096 bytes while the next largest is ~0: every `Message` value (in vectors, maps, channels) occupies the largest size.",
              "impact": {
                "allocations_avoided": null,
                "bytes_saved": 4088,
                "unit": "`Message` value stored",
                "applies_to": "every collection or message holding `Message`",
                "level": "High"
              },
              "source": "builtin",
              "state": "new",
              "verdict": "NEEDS_WORK",
              "decision": null
            },
            {
              "id": "F-002",
              "category": "ALLOCATION_LOOP",
              "file": "crates/proto/src/codec.rs",
              "line_start": 24,
              "line_end": 24,
              "crate": "ingest-proto",
              "priority": "P0",
              "item_path": "codec::encode_row",
              "summary": "`format!()` allocates on every iteration of `for (name,value) in names.iter().zip(row)`.",
              "impact": {
                "allocations_avoided": 1,
                "bytes_saved": null,
                "unit": "iteration of `for (name,value) in names.iter().zip(row)`",
                "applies_to": "every call of `codec::encode_row`",
                "level": "High"
              },
              "source": "builtin",
              "state": "new",
              "verdict": "APPROVED",
              "decision": null
            },
            {
              "id": "F-003",
              "category": "ALLOCATION_LOOP",
              "file": "crates/proto/src/codec.rs",
              "line_start": 33,
              "line_end": 33,
              "crate": "ingest-proto",
              "priority": "P0",
              "item_path": "codec::encode_all",
              "summary": "`buf` (Vec::new()) is created, filled and dropped on every iteration; its heap buffer is allocated (and regrown) each time.",
              "impact": {
                "allocations_avoided": 1,
                "bytes_saved": null,
                "unit": "iteration of `for msg in messages`",
                "applies_to": "every call of `codec::encode_all`",
                "level": "High"
              },
              "source": "builtin",
              "state": "new",
              "verdict": "APPROVED",
              "decision": null
            },
            {
              "id": "F-004",
              "category": "HEAP_AVOIDABLE",
              "file": "crates/proto/src/codec.rs",
              "line_start": 43,
              "line_end": 43,
              "crate": "ingest-proto",
              "priority": "P0",
              "item_path": "codec::header",
              "summary": "`Box<[u8; 8]>` puts a fixed 8-byte array (8 elements) behind a heap allocation; it fits inline.",
              "impact": {
                "allocations_avoided": 1,
                "bytes_saved": 16,
                "unit": "value built",
                "applies_to": "every value of this type in `codec::header`",
                "level": "Medium"
              },
              "source": "builtin",
              "state": "new",
              "verdict": "NEEDS_WORK",
              "decision": null
            },
            {
              "id": "F-005",
              "category": "ALLOCATION_LOOP",
              "file": "crates/scan/src/walk.rs",
              "line_start": 38,
              "line_end": 38,
              "crate": "ingest-scan",
              "priority": "P0",
              "item_path": "walk::sizes",
              "summary": "`out` starts empty and receives exactly one `push` per iteration of `for f in found`, so it reallocates about log2(n) times while growing although the final le…",
              "impact": {
                "allocations_avoided": null,
                "bytes_saved": null,
                "unit": "call of `walk::sizes`",
                "applies_to": "~log2(n) reallocations and copies per call of `walk::sizes`",
                "level": "Medium"
              },
              "source": "builtin",
              "state": "new",
              "verdict": "APPROVED",
              "decision": null
            },
            {
              "id": "F-006",
              "category": "ALLOCATION_LOOP",
              "file": "crates/scan/src/walk.rs",
              "line_start": 42,
              "line_end": 42,
              "crate": "ingest-scan",
              "priority": "P0",
              "item_path": "walk::sizes",
              "summary": "`parts` collects every item into a new `Vec` on every iteration of `for f in found`, but it is only counted: the iterator gives the same answer without the all…",
              "impact": {
                "allocations_avoided": 1,
                "bytes_saved": null,
                "unit": "iteration of `for f in found`",
                "applies_to": "every call of `walk::sizes`",
                "level": "Medium"
              },
              "source": "builtin",
              "state": "new",
              "verdict": "APPROVED",
              "decision": null
            },
            {
              "id": "F-007",
              "category": "ARENA_CANDIDATE",
              "file": "crates/schema/src/infer.rs",
              "line_start": 4,
              "line_end": 10,
              "crate": "ingest-schema",
              "priority": "P0",
              "item_path": "infer::Type",
              "summary": "`Type` is a recursive type whose nodes are each a separate heap allocation; a tree is typically built and dropped as a whole, which an arena does in one go.",
              "impact": {
                "allocations_avoided": null,
                "bytes_saved": null,
                "unit": "`Type` node",
                "applies_to": "every structure built from `Type` nodes",
                "level": "Medium"
              },
              "source": "builtin",
              "state": "new",
              "verdict": "NEEDS_WORK",
              "decision": null
            },
            {
              "id": "F-008",
              "category": "ALLOCATION_LOOP",
              "file": "crates/worker/src/batch.rs",
              "line_start": 23,
              "line_end": 23,
              "crate": "ingest-worker",
              "priority": "P0",
              "item_path": "batch::BatchBuilder::push_row",
              "summary": "`row` starts empty and receives exactly one `push` per iteration of `for field in fields`, so it reallocates about log2(n) times while growing although the fin…",
              "impact": {
                "allocations_avoided": null,
                "bytes_saved": null,
                "unit": "call of `batch::BatchBuilder::push_row`",
                "applies_to": "~log2(n) reallocations and copies per call of `batch::BatchBuilder::push_row`",
                "level": "High"
              },
              "source": "builtin",
              "state": "new",
              "verdict": "NEEDS_WORK",
              "decision": null
            },
            {
              "id": "F-009",
              "category": "ALLOCATION_LOOP",
              "file": "crates/worker/src/batch.rs",
              "line_start": 32,
              "line_end": 32,
              "crate": "ingest-worker",
              "priority": "P0",
              "item_path": "batch::BatchBuilder::build",
              "summary": "`cols` starts empty and receives exactly one `push` per iteration of `for name in columns`, so it reallocates about log2(n) times while growing although the fi…",
              "impact": {
                "allocations_avoided": null,
                "bytes_saved": null,
                "unit": "call of `batch::BatchBuilder::build`",
                "applies_to": "~log2(n) reallocations and copies per call of `batch::BatchBuilder::build`",
                "level": "High"
              },
              "source": "builtin",
              "state": "new",
              "verdict": "NEEDS_WORK",
              "decision": null
            },
            {
              "id": "F-010",
              "category": "ALLOCATION_LOOP",
              "file": "crates/worker/src/batch.rs",
              "line_start": 47,
              "line_end": 47,
              "crate": "ingest-worker",
              "priority": "P0",
              "item_path": "batch::encode_batches",
              "summary": "`encoded` starts empty and receives exactly one `push` per iteration of `for batch in batches`, so it reallocates about log2(n) times while growing although th…",
              "impact": {
                "allocations_avoided": null,
                "bytes_saved": null,
                "unit": "call of `batch::encode_batches`",
                "applies_to": "~log2(n) reallocations and copies per call of `batch::encode_batches`",
                "level": "High"
              },
              "source": "builtin",
              "state": "new",
              "verdict": "NEEDS_WORK",
              "decision": null
            },
            {
              "id": "F-011",
              "category": "ALLOCATION_LOOP",
              "file": "crates/worker/src/lib.rs",
              "line_start": 39,
              "line_end": 39,
              "crate": "ingest-worker",
              "priority": "P0",
              "item_path": "Worker::process_file",
              "summary": "`.collect()` allocates on every iteration of `for line in reader.lines()`.",
              "impact": {
                "allocations_avoided": 1,
                "bytes_saved": null,
                "unit": "iteration of `for line in reader.lines()`",
                "applies_to": "every call of `Worker::process_file`",
                "level": "High"
              },
              "source": "builtin",
              "state": "new",
              "verdict": "APPROVED",
              "decision": null
            },
            {
              "id": "F-012",
              "category": "ALLOCATION_LOOP",
              "file": "crates/worker/src/lib.rs",
              "line_start": 40,
              "line_end": 40,
              "crate": "ingest-worker",
              "priority": "P0",
              "item_path": "Worker::process_file",
              "summary": "`format!()` allocates on every iteration of `for line in reader.lines()`.",
              "impact": {
                "allocations_avoided": 1,
                "bytes_saved": null,
                "unit": "iteration of `for line in reader.lines()`",
                "applies_to": "every call of `Worker::process_file`",
                "level": "High"
              },
              "source": "builtin",
              "state": "new",
              "verdict": "APPROVED",
              "decision": null
            },
            {
              "id": "F-013",
              "category": "UNNECESSARY_CLONE",
              "file": "crates/worker/src/pipeline.rs",
              "line_start": 26,
              "line_end": 26,
              "crate": "ingest-worker",
              "priority": "P0",
              "item_path": "pipeline::Pipeline::label_rows",
              "summary": "`l` is a copy of `label` that is only read afterwards; a borrow gives the same reads without allocating.",
              "impact": {
                "allocations_avoided": 1,
                "bytes_saved": null,
                "unit": "iteration of `for row in rows`",
                "applies_to": "iteration of `for row in rows`, nested 2 loops deep (inside iteration of `for (name,rows) in &self.sinks`) in `pipeline::Pipeline::label_rows`",
                "level": "High"
              },
              "source": "builtin",
              "state": "new",
              "verdict": "REJECTED",
              "decision": null
            },
            {
              "id": "F-014",
              "category": "HEAP_AVOIDABLE",
              "file": "crates/worker/src/pipeline.rs",
              "line_start": 33,
              "line_end": 33,
              "crate": "ingest-worker",
              "priority": "P0",
              "item_path": "pipeline::Pipeline::drain",
              "summary": "`label` copies a string literal to the heap but is never changed or handed over; the literal itself is a `&'static str`.",
              "impact": {
                "allocations_avoided": 1,
                "bytes_saved": 5,
                "unit": "call of `pipeline::Pipeline::drain`",
                "applies_to": "every call of `pipeline::Pipeline::drain`",
                "level": "Low"
              },
              "source": "builtin",
              "state": "new",
              "verdict": "REJECTED",
              "decision": null
            },
            {
              "id": "F-015",
              "category": "ARENA_CANDIDATE",
              "file": "crates/worker/src/pipeline.rs",
              "line_start": 35,
              "line_end": 35,
              "crate": "ingest-worker",
              "priority": "P0",
              "item_path": "pipeline::Pipeline::drain",
              "summary": "`self.sinks.clear()` drops every `Vec<Vec<String>>` it holds together with the buffers each owns; refilling `sinks` allocates them all again (through every dou…",
              "impact": {
                "allocations_avoided": null,
                "bytes_saved": null,
                "unit": "call of `pipeline::Pipeline::drain`",
                "applies_to": "every buffer held by a `Vec<Vec<String>>` in `self.sinks`",
                "level": "Medium"
              },
              "source": "builtin",
              "state": "new",
              "verdict": "REJECTED",
              "decision": null
            },
            {
              "id": "F-016",
              "category": "LIFETIME_EXTENSION",
              "file": "crates/scan/src/watch.rs",
              "line_start": 7,
              "line_end": 7,
              "crate": "ingest-scan",
              "priority": "P1",
              "item_path": "watch::Watcher",
              "summary": "`seen` (field of `Watcher`) is used as a cache but entries are only ever inserted: nothing in this file removes, clears or bounds it, so it grows for as long a…",
              "impact": {
                "allocations_avoided": null,
                "bytes_saved": null,
                "unit": "distinct key seen",
                "applies_to": "memory held by `seen` over the process lifetime",
                "level": "High"
              },
              "source": "builtin",
              "state": "new",
              "verdict": "NEEDS_WORK",
              "decision": null
            },
            {
              "id": "F-017",
              "category": "ALLOCATION_LOOP",
              "file": "crates/schema/src/validate.rs",
              "line_start": 14,
              "line_end": 14,
              "crate": "ingest-schema",
              "priority": "P2",
              "item_path": "validate::Validator::check_rows",
              "summary": "`format!()` allocates on every iteration of `for (i,row) in rows.iter().enumerate()`.",
              "impact": {
                "allocations_avoided": 1,
                "bytes_saved": null,
                "unit": "iteration of `for (i,row) in rows.iter().enumerate()`",
                "applies_to": "every call of `validate::Validator::check_rows`",
                "level": "High"
              },
              "source": "builtin",
              "state": "new",
              "verdict": "APPROVED",
              "decision": null
            },
            {
              "id": "F-018",
              "category": "ALLOCATION_LOOP",
              "file": "crates/schema/src/validate.rs",
              "line_start": 28,
              "line_end": 28,
              "crate": "ingest-schema",
              "priority": "P2",
              "item_path": "validate::Validator::empty_fields",
              "summary": "`.to_owned()` allocates on each iteration of `for (name,value) in self.schema.names.iter().zip(row)` that takes this path (the branch at line 27), not on every…",
              "impact": {
                "allocations_avoided": 1,
                "bytes_saved": null,
                "unit": "iteration of `for (name,value) in self.schema.names.iter().zip(row)`",
                "applies_to": "every call of `validate::Validator::empty_fields`",
                "level": "High"
              },
              "source": "builtin",
              "state": "new",
              "verdict": "REJECTED",
              "decision": null
            },
            {
              "id": "F-019",
              "category": "ALLOCATION_LOOP",
              "file": "crates/schema/src/validate.rs",
              "line_start": 46,
              "line_end": 46,
              "crate": "ingest-schema",
              "priority": "P2",
              "item_path": "validate::tests::counts_rows",
              "summary": "`.to_string()` allocates on every element of `0..3.map(..)`.",
              "impact": {
                "allocations_avoided": 1,
                "bytes_saved": null,
                "unit": "element of `0..3.map(..)`",
                "applies_to": "every call of `validate::tests::counts_rows`",
                "level": "Medium"
              },
              "source": "builtin",
              "state": "new",
              "verdict": "REJECTED",
              "decision": null
            },
            {
              "id": "F-020",
              "category": "UNNECESSARY_CLONE",
              "file": "crates/schema/src/validate.rs",
              "line_start": 47,
              "line_end": 47,
              "crate": "ingest-schema",
              "priority": "P2",
              "item_path": "validate::tests::counts_rows",
              "summary": "`&rows.clone()` allocates a copy of `rows` only to lend it; the copy is dropped at the end of the statement.",
              "impact": {
                "allocations_avoided": 1,
                "bytes_saved": null,
                "unit": "call of `validate::tests::counts_rows`",
                "applies_to": "every call of `validate::tests::counts_rows`",
                "level": "Low"
              },
              "source": "builtin",
              "state": "new",
              "verdict": "REJECTED",
              "decision": null
            },
            {
              "id": "F-021",
              "category": "ALLOCATION_LOOP",
              "file": "crates/config/src/lib.rs",
              "line_start": 14,
              "line_end": 14,
              "crate": "ingest-config",
              "priority": "P3",
              "item_path": "Config::load",
              "summary": "`.to_string()` allocates on every iteration of `for c in text.split(',')`.",
              "impact": {
                "allocations_avoided": 1,
                "bytes_saved": null,
                "unit": "iteration of `for c in text.split(',')`",
                "applies_to": "every call of `Config::load`",
                "level": "Medium"
              },
              "source": "builtin",
              "state": "new",
              "verdict": "REJECTED",
              "decision": null
            }
          ],
          "report": {
            "round": 1,
            "summary": {
              "total": 14,
              "approved": 7,
              "needs_work": 6,
              "rejected": 1,
              "new": 14,
              "estimated_bytes_saved": null,
              "estimated_allocations_avoided": 6,
              "estimated_allocation_reduction_pct": 100.0,
              "measured": null,
              "figures": [
                {
                  "key": "memory_impact",
                  "label": "Memory impact",
                  "value": null,
                  "unit": "not estimated",
                  "kind": "unknown",
                  "basis": "No approved finding states a byte saving, and the session has no heap profile.",
                  "action": "Profile a workload (`memaudit profile`) to measure it."
                },
                {
                  "key": "allocation_reduction",
                  "label": "Allocation reduction",
                  "value": "~100%",
                  "unit": "of the allocations flagged in hot code",
                  "kind": "estimated",
                  "basis": "Not measured. Hot-path findings state 6 allocations per pass through their code; approved findings remove 6 of them. Only what the audit flagged is counted, not the program's allocations: this is not the share of its allocations a program would lose.",
                  "action": "Profile a workload (`memaudit profile`) to measure it."
                },
                {
                  "key": "allocations",
                  "label": "Allocations removed per pass",
                  "value": "~6",
                  "unit": "summed over 6 approved findings",
                  "kind": "estimated",
                  "basis": "Each approved finding states the allocations one pass through its code (one loop iteration or call) would no longer make; this sums them over 6 findings. Not a count over a run: how often each pass runs is unknown without a profile.",
                  "action": "Profile a workload (`memaudit profile`) to measure it."
                }
              ],
              "cold": 4,
              "notes": 3
            },
            "quick_wins": [
              {
                "finding_id": "F-002",
                "location": "ingest-proto/codec.rs",
                "category": "ALLOCATION_LOOP",
                "impact": "High",
                "effort": "Low",
                "score": 9.0,
                "measured": false,
                "at": "crates/proto/src/codec.rs:24",
                "summary": "`format!()` allocates on every iteration of `for (name,value) in names.iter().zip(row)`.",
                "validation": "APPROVED (builtin): hot path YES — per iteration of the `for` loop at line 23 in `fn encode_row`; called per item: runs per iteration of `for (name,value) in names.iter().zip(row)` in…; lifetime PASS, thread safety N/A, no UB PASS",
                "gain": "~1 allocation per iteration of `for (name,value) in names.iter().zip(row)` (estimate, not measured)",
                "diff": "--- a/crates/proto/src/codec.rs\n+++ b/crates/proto/src/codec.rs\n@@ line 23 @@\n+use std::fmt::Write as _;\n+    let mut pair_buf = String::new();\n@@ line 24 @@\n-let pair = format!(\"{name}={value};\");\n+pair_buf.clear();\n+        write!(pair_buf, \"{name}={value};\").unwrap();\n+        let pair = pair_buf.as_str();\n",
                "proposal": "use std::fmt::Write;\nlet mut buf = String::new(); // once, before the loop\n// in the loop body:\nbuf.clear();\nwrite!(buf, \"{name}={value};\").unwrap(); // writing to a String cannot fail\n// use `&buf` where the formatted value was used"
              },
              {
                "finding_id": "F-003",
                "location": "ingest-proto/codec.rs",
                "category": "ALLOCATION_LOOP",
                "impact": "High",
                "effort": "Low",
                "score": 9.0,
                "measured": false,
                "at": "crates/proto/src/codec.rs:33",
                "summary": "`buf` (Vec::new()) is created, filled and dropped on every iteration; its heap buffer is allocated (and regrown) each time.",
                "validation": "APPROVED (builtin): hot path YES — per iteration of the `for` loop at line 32 in `fn encode_all`; once per call of an entry point: runs per iteration of `for msg in messages` in `encode_all` ← en…; lifetime PASS, thread safety N/A, no UB PASS",
                "gain": "~1 allocation per iteration of `for msg in messages` (estimate, not measured)",
                "diff": "--- a/crates/proto/src/codec.rs\n+++ b/crates/proto/src/codec.rs\n@@ line 32 @@\n+let mut buf = Vec::new();\n@@ line 33 @@\n-let mut buf = Vec::new();\n+buf.clear();\n",
                "proposal": "let mut buf = Vec::new(); // once, before the loop\n// in the loop body:\nbuf.clear(); // keeps the capacity"
              },
              {
                "finding_id": "F-011",
                "location": "ingest-worker/lib.rs",
                "category": "ALLOCATION_LOOP",
                "impact": "High",
                "effort": "Low",
                "score": 9.0,
                "measured": false,
                "at": "crates/worker/src/lib.rs:39",
                "summary": "`.collect()` allocates on every iteration of `for line in reader.lines()`.",
                "validation": "APPROVED (builtin): hot path YES — per iteration of the `for` loop at line 37 in `fn process_file`; called per item: runs per element of `line.split(',').map(..)` in `Worker::process_file` ← call…; lifetime PASS, thread safety N/A, no UB PASS",
                "gain": "~1 allocation per iteration of `for line in reader.lines()` (estimate, not measured)",
                "diff": "--- a/crates/worker/src/lib.rs\n+++ b/crates/worker/src/lib.rs\n@@ line 37 @@\n+let mut fields: Vec<String> = Vec::new();\n@@ line 39 @@\n-let fields: Vec<String> = line.split(',').map(|s| s.to_string()).collect();\n+fields.clear();\n+            fields.extend(line.split(',').map(|s| s.to_string()));\n",
                "proposal": "let mut buf = Vec::new(); // once, before the loop\n// in the loop body:\nbuf.clear();\nbuf.extend(/* the same iterator */);"
              },
              {
                "finding_id": "F-012",
                "location": "ingest-worker/lib.rs",
                "category": "ALLOCATION_LOOP",
                "impact": "High",
                "effort": "Low",
                "score": 9.0,
                "measured": false,
                "at": "crates/worker/src/lib.rs:40",
                "summary": "`format!()` allocates on every iteration of `for line in reader.lines()`.",
                "validation": "APPROVED (builtin): hot path YES — per iteration of the `for` loop at line 37 in `fn process_file`; called per item: runs per iteration of `for line in reader.lines()` in `Worker::process_file` ←…; lifetime PASS, thread safety N/A, no UB PASS",
                "gain": "~1 allocation per iteration of `for line in reader.lines()` (estimate, not measured)",
                "diff": null,
                "proposal": "use std::fmt::Write;\nlet mut buf = String::new(); // once, before the loop\n// in the loop body:\nbuf.clear();\nwrite!(buf, \"{}:{}\", path, fields.len()).unwrap(); // writing to a String cannot fail\n// use `&buf` where the formatted value was used"
              },
              {
                "finding_id": "F-017",
                "location": "ingest-schema/validate.rs",
                "category": "ALLOCATION_LOOP",
                "impact": "High",
                "effort": "Low",
                "score": 9.0,
                "measured": false,
                "at": "crates/schema/src/validate.rs:14",
                "summary": "`format!()` allocates on every iteration of `for (i,row) in rows.iter().enumerate()`.",
                "validation": "APPROVED (builtin): hot path YES — per iteration of the `for` loop at line 13 in `fn check_rows`; once per call of an entry point: runs per iteration of `for (i,row) in rows.iter().enumerate()` i…; lifetime PASS, thread safety N/A, no UB PASS",
                "gain": "~1 allocation per iteration of `for (i,row) in rows.iter().enumerate()` (estimate, not measured)",
                "diff": "--- a/crates/schema/src/validate.rs\n+++ b/crates/schema/src/validate.rs\n@@ line 13 @@\n+use std::fmt::Write as _;\n+        let mut ctx_buf = String::new();\n@@ line 14 @@\n-let ctx = format!(\"row {i}\");\n+ctx_buf.clear();\n+            write!(ctx_buf, \"row {i}\").unwrap();\n+            let ctx = ctx_buf.as_str();\n",
                "proposal": "use std::fmt::Write;\nlet mut buf = String::new(); // once, before the loop\n// in the loop body:\nbuf.clear();\nwrite!(buf, \"row {i}\").unwrap(); // writing to a String cannot fail\n// use `&buf` where the formatted value was used"
              },
              {
                "finding_id": "F-005",
                "location": "ingest-scan/walk.rs",
                "category": "ALLOCATION_LOOP",
                "impact": "Medium",
                "effort": "Low",
                "score": 6.0,
                "measured": false,
                "at": "crates/scan/src/walk.rs:38",
                "summary": "`out` starts empty and receives exactly one `push` per iteration of `for f in found`, so it reallocates about log2(n) times while growing although the final length is known up front.",
                "validation": "APPROVED (builtin): hot path YES — per iteration of the `for` loop at line 39 in `fn sizes`; once per call of an entry point: entry: public API `sizes` of library `ingest_scan`: called per call o…; lifetime PASS, thread safety N/A, no UB PASS",
                "gain": "— not estimated; profile a workload (`memaudit profile`) to measure it",
                "diff": "--- a/crates/scan/src/walk.rs\n+++ b/crates/scan/src/walk.rs\n@@ line 38 @@\n-Vec::new()\n+Vec::with_capacity(found.len())\n",
                "proposal": "let mut out = Vec::with_capacity(found.len());"
              },
              {
                "finding_id": "F-006",
                "location": "ingest-scan/walk.rs",
                "category": "ALLOCATION_LOOP",
                "impact": "Medium",
                "effort": "Low",
                "score": 6.0,
                "measured": false,
                "at": "crates/scan/src/walk.rs:42",
                "summary": "`parts` collects every item into a new `Vec` on every iteration of `for f in found`, but it is only counted: the iterator gives the same answer without the allocation and the copy of each item.",
                "validation": "APPROVED (builtin): hot path YES — per iteration of the `for` loop at line 39 in `fn sizes`; once per call of an entry point: runs per iteration of `for f in found` in `sizes` ← entry: public API…; lifetime PASS, thread safety N/A, no UB PASS",
                "gain": "~1 allocation per iteration of `for f in found` (estimate, not measured)",
                "diff": null,
                "proposal": "let parts_len = f.split('/').count();\n// then `parts_len` for `parts.len()`, `parts_len == 0` for `parts.is_empty()`"
              }
            ],
            "recommendations": 2,
            "deferred": 7,
            "next_focus": [
              "Rework 1 NEEDS_WORK finding(s) in HEAP_AVOIDABLE: F-004",
              "Rework 1 NEEDS_WORK finding(s) in LIFETIME_EXTENSION: F-016",
              "Rework 1 NEEDS_WORK finding(s) in CACHE_HOSTILE: F-001",
              "Rework 3 NEEDS_WORK finding(s) in ALLOCATION_LOOP: F-008, F-009, F-010"
            ],
            "termination": [
              {
                "name": "All P0 crates analysed",
                "met": true,
                "detail": "4 P0 crate(s) analysed: ingest-scan, ingest-worker, ingest-proto, ingest-schema"
              },
              {
                "name": "No new HIGH-impact findings in the last round",
                "met": false,
                "detail": "round 1 found 10 new HIGH-impact finding(s): F-001, F-002, F-003, F-008, F-009, F-010, F-011, F-012, F-016, F-017"
              },
              {
                "name": "No findings awaiting rework",
                "met": false,
                "detail": "6 NEEDS_WORK finding(s) without a decision: F-001, F-004, F-008, F-009, F-010, F-016"
              },
              {
                "name": "Actionable report generated",
                "met": true,
                "detail": "7 approved finding(s) ready to implement"
              },
              {
                "name": "User satisfied with coverage",
                "met": false,
                "detail": "the user has not terminated the session"
              }
            ],
            "verified": []
          },
          "role_runs": [
            {
              "role": "analyst",
              "engine": "builtin",
              "started_at": "2025-03-16T09:30:00.000Z",
              "finished_at": "2025-03-16T09:30:00.820Z",
              "duration_ms": 820,
              "tokens_in": 0,
              "tokens_out": 0,
              "cost_usd": 0.0,
              "status": "finished",
              "error": null
            },
            {
              "role": "validator",
              "engine": "builtin",
              "started_at": "2025-03-16T09:30:00.820Z",
              "finished_at": "2025-03-16T09:30:01.160Z",
              "duration_ms": 340,
              "tokens_in": 0,
              "tokens_out": 0,
              "cost_usd": 0.0,
              "status": "finished",
              "error": null
            },
            {
              "role": "coordinator",
              "engine": "builtin",
              "started_at": "2025-03-16T09:30:01.160Z",
              "finished_at": "2025-03-16T09:30:01.205Z",
              "duration_ms": 45,
              "tokens_in": 0,
              "tokens_out": 0,
              "cost_usd": 0.0,
              "status": "finished",
              "error": null
            }
          ],
          "decision": null,
          "focus": []
        }
      ],
      "status": {
        "session": "memory_audit_002",
        "rounds": 1,
        "current_round": 1,
        "round_status": "awaiting_decision",
        "total_findings": 21,
        "approved": 7,
        "needs_work": 7,
        "rejected": 7,
        "new": 21,
        "persisting": 0,
        "fixed": 0,
        "stale": 0,
        "decided_implement": 0,
        "decided_defer": 0,
        "decided_reject": 0,
        "undecided": 21
      }
    },
    "html": [
      "report-s3-r1.html"
    ],
    "next": [
      {
        "record": {
          "number": 2,
          "status": "awaiting_decision",
          "started_at": "2025-03-18T09:30:00.000Z",
          "finished_at": "2025-03-18T09:30:02.000Z",
          "error": null,
          "findings": [
            {
              "finding": {
                "id": "F-001",
                "fingerprint": "55523db11db5e69a",
                "category": "CACHE_HOSTILE",
                "file": "crates/proto/src/codec.rs",
                "line_start": 3,
                "line_end": 6,
                "crate": "ingest-proto",
                "priority": "P0",
                "item_path": "codec::Message",
                "confidence": "HIGH",
                "safety": "SAFE",
                "code": "pub enum Message {\n    Ping,\n    Data([u8; 4096]),\n}",
                "issue": "Variant `Data` is ~4096 bytes while the next largest is ~0: every `Message` value (in vectors, maps, channels) occupies the largest size.",
                "proposal": "// Box the large payload so the enum shrinks to ~16 bytes:\nData(Box<[u8; 4096]>),",
                "impact": {
                  "allocations_avoided": null,
                  "bytes_saved": 4088,
                  "unit": "`Message` value stored",
                  "applies_to": "every collection or message holding `Message`",
                  "level": "High"
                },
                "tradeoffs": {
                  "pros": [
                    "Smaller values: more per cache line, cheaper moves."
                  ],
                  "cons": [
                    "Building `Data` now allocates; worth it when it is the rare variant."
                  ]
                },
                "prerequisites": [],
                "source": "builtin",
                "reach": {
                  "heat": "warm",
                  "loop_depth": 0,
                  "reasons": [
                    "a type declaration: paid wherever its values are built or stored"
                  ]
                }
              },
              "state": "persisting",
              "validation": {
                "finding_id": "F-001",
                "fingerprint": "55523db11db5e69a",
                "verdict": "NEEDS_WORK",
                "lifetime": {
                  "status": "N/A",
                  "evidence": "a layout change moves no ownership"
                },
                "thread_safety": {
                  "status": "N/A",
                  "evidence": "reordering fields changes no sharing between threads"
                },
                "no_undefined_behavior": {
                  "status": "PASS",
                  "evidence": "the proposal is safe Rust: no `unsafe`, `transmute` or raw parts"
                },
                "estimate_plausible": {
                  "answer": "NEEDS_MEASUREMENT",
                  "evidence": "layout and cache effects show only under a profiler (cache misses), not in the syntax"
                },
                "hot_path": {
                  "answer": "MAYBE",
                  "evidence": "a type definition in a P0 file (scope: `crates/proto/src/codec.rs` is P0); how hot depends on how many values are built"
                },
                "complexity_justified": {
                  "answer": "YES",
                  "evidence": "impact High against effort Low (proposal of 1 line(s), 0 prerequisite(s))"
                },
                "issues": [
                  {
                    "id": "F-001-I1",
                    "description": "The impact is not established: layout and cache effects show only under a profiler (cache misses), not in the syntax. [rule: impact-unknown]",
                    "risk": "Effort may be spent on a change that saves nothing measurable.",
                    "suggestion": "Give allocations avoided or bytes saved per unit, or attach a heap profile."
                  }
                ],
                "conditions": [
                  "Give allocations avoided or bytes saved per unit, or attach a heap profile."
                ],
                "counterexample": null,
                "engine": "builtin"
              },
              "decision": null
            },
            {
              "finding": {
                "id": "F-002",
                "fingerprint": "818619be6a3b1f5f",
                "category": "ALLOCATION_LOOP",
                "file": "crates/proto/src/codec.rs",
                "line_start": 24,
                "line_end": 24,
                "crate": "ingest-proto",
                "priority": "P0",
                "item_path": "codec::encode_row",
                "confidence": "HIGH",
                "safety": "SAFE",
                "code": "        let pair = format!(\"{name}={value};\");",
                "issue": "`format!()` allocates on every iteration of `for (name,value) in names.iter().zip(row)`.",
                "proposal": "use std::fmt::Write;\nlet mut buf = String::new(); // once, before the loop\n// in the loop body:\nbuf.clear();\nwrite!(buf, \"{name}={value};\").unwrap(); // writing to a String cannot fail\n// use `&buf` where the formatted value was used",
                "impact": {
                  "allocations_avoided": 1,
                  "bytes_saved": null,
                  "unit": "iteration of `for (name,value) in names.iter().zip(row)`",
                  "applies_to": "every call of `codec::encode_row`",
                  "level": "High"
                },
                "tradeoffs": {
                  "pros": [
                    "Fewer allocator calls on a path that runs once per element."
                  ],
                  "cons": [
                    "A reused buffer must be cleared at the top of each iteration."
                  ]
                },
                "prerequisites": [],
                "source": "builtin",
                "reach": {
                  "heat": "hot",
                  "loop_depth": 3,
                  "reasons": [
                    "runs per iteration of `for (name,value) in names.iter().zip(row)` in `encode_row`",
                    "called per iteration of `for row in &batch.rows` from `Bridge::flush` (crates/worker/src/bridge.rs:24)",
                    "called once per call from `Worker::process_file` (crates/worker/src/lib.rs:45)",
                    "called per iteration of `for path in std::env::args().skip(1)` from `main` (crates/worker/src/main.rs:7)",
                    "entry: `fn main` (crates/worker/src/main.rs:3)"
                  ]
                },
                "edit": {
                  "summary": "`write!` into one reused `String` (`pair_buf`) instead of `format!`",
                  "hunks": [
                    {
                      "file": "crates/proto/src/codec.rs",
                      "start": 450,
                      "end": 450,
                      "line": 23,
                      "original": "",
                      "replacement": "use std::fmt::Write as _;\n    let mut pair_buf = String::new();\n    "
                    },
                    {
                      "file": "crates/proto/src/codec.rs",
                      "start": 503,
                      "end": 541,
                      "line": 24,
                      "original": "let pair = format!(\"{name}={value};\");",
                      "replacement": "pair_buf.clear();\n        write!(pair_buf, \"{name}={value};\").unwrap();\n        let pair = pair_buf.as_str();"
                    }
                  ]
                }
              },
              "state": "persisting",
              "validation": {
                "finding_id": "F-002",
                "fingerprint": "818619be6a3b1f5f",
                "verdict": "APPROVED",
                "lifetime": {
                  "status": "PASS",
                  "evidence": "`format!(..)` at line 24 stays within one iteration of the `for` loop at line 23: `pair` is only read or borrowed after it is made, and dropped at the end of its scope; one reused buffer in its place lives long enough"
                },
                "thread_safety": {
                  "status": "N/A",
                  "evidence": "`fn encode_row` neither spawns nor runs in a task: the change is single-threaded"
                },
                "no_undefined_behavior": {
                  "status": "PASS",
                  "evidence": "the proposal is safe Rust: no `unsafe`, `transmute` or raw parts"
                },
                "estimate_plausible": {
                  "answer": "YES",
                  "evidence": "1 allocation(s) per iteration of `for (name,value) in names.iter().zip(row)` against 1 allocating expression(s) at lines 24-24, each run once per iteration"
                },
                "hot_path": {
                  "answer": "YES",
                  "evidence": "per iteration of the `for` loop at line 23 in `fn encode_row`; called per item: runs per iteration of `for (name,value) in names.iter().zip(row)` in `encode_row` ← called per iteration of `for row in &batch.rows` from `Bridge::flush` (crates/worker/src/bridge.rs:24) ← called once per call from `Worker::process_file` (crates/worker/src/lib.rs:45) ← called per iteration of `for path in std::env::args().skip(1)` from `main` (crates/worker/src/main.rs:7) ← entry: `fn main` (crates/worker/src/main.rs:3)"
                },
                "complexity_justified": {
                  "answer": "YES",
                  "evidence": "impact High against effort Low (proposal of 4 line(s), 0 prerequisite(s))"
                },
                "issues": [],
                "conditions": [
                  "Gain: one allocation of `format!(..)` per iteration of the `for` loop at line 23, after the first iterations (the buffer keeps its capacity)",
                  "the buffer is created once above the `for` loop at line 23 and `clear()`ed at the start of each iteration",
                  "the buffer is not stored, sent or returned from the loop body",
                  "the crate's tests pass and a heap profile (DHAT) of a representative input shows fewer allocations"
                ],
                "counterexample": null,
                "engine": "builtin"
              },
              "decision": null
            },
            {
              "finding": {
                "id": "F-003",
                "fingerprint": "e52835a0bef85335",
                "category": "ALLOCATION_LOOP",
                "file": "crates/proto/src/codec.rs",
                "line_start": 33,
                "line_end": 33,
                "crate": "ingest-proto",
                "priority": "P0",
                "item_path": "codec::encode_all",
                "confidence": "HIGH",
                "safety": "SAFE",
                "code": "        let mut buf = Vec::new();",
                "issue": "`buf` (Vec::new()) is created, filled and dropped on every iteration; its heap buffer is allocated (and regrown) each time.",
                "proposal": "let mut buf = Vec::new(); // once, before the loop\n// in the loop body:\nbuf.clear(); // keeps the capacity",
                "impact": {
                  "allocations_avoided": 1,
                  "bytes_saved": null,
                  "unit": "iteration of `for msg in messages`",
                  "applies_to": "every call of `codec::encode_all`",
                  "level": "High"
                },
                "tradeoffs": {
                  "pros": [
                    "After the first iterations the buffer stops allocating entirely."
                  ],
                  "cons": [
                    "The buffer keeps its peak capacity until the loop ends."
                  ]
                },
                "prerequisites": [],
                "source": "builtin",
                "reach": {
                  "heat": "hot",
                  "loop_depth": 1,
                  "reasons": [
                    "runs per iteration of `for msg in messages` in `encode_all`",
                    "entry: public API `encode_all` of library `ingest_proto`: called per call of its user"
                  ]
                },
                "edit": {
                  "summary": "hoist `buf` out of the loop and `clear()` it each iteration",
                  "hunks": [
                    {
                      "file": "crates/proto/src/codec.rs",
                      "start": 744,
                      "end": 744,
                      "line": 32,
                      "original": "",
                      "replacement": "let mut buf = Vec::new();\n    "
                    },
                    {
                      "file": "crates/proto/src/codec.rs",
                      "start": 774,
                      "end": 799,
                      "line": 33,
                      "original": "let mut buf = Vec::new();",
                      "replacement": "buf.clear();"
                    }
                  ]
                }
              },
              "state": "persisting",
              "validation": {
                "finding_id": "F-003",
                "fingerprint": "e52835a0bef85335",
                "verdict": "APPROVED",
                "lifetime": {
                  "status": "PASS",
                  "evidence": "`Vec::new(..)` at line 33 stays within one iteration of the `for` loop at line 32: `buf` is only read or borrowed after it is made, and dropped at the end of its scope; one reused buffer in its place lives long enough"
                },
                "thread_safety": {
                  "status": "N/A",
                  "evidence": "`fn encode_all` neither spawns nor runs in a task: the change is single-threaded"
                },
                "no_undefined_behavior": {
                  "status": "PASS",
                  "evidence": "the proposal is safe Rust: no `unsafe`, `transmute` or raw parts"
                },
                "estimate_plausible": {
                  "answer": "YES",
                  "evidence": "1 allocation(s) per iteration of `for msg in messages` against 1 allocating expression(s) at lines 33-33, each run once per iteration"
                },
                "hot_path": {
                  "answer": "YES",
                  "evidence": "per iteration of the `for` loop at line 32 in `fn encode_all`; once per call of an entry point: runs per iteration of `for msg in messages` in `encode_all` ← entry: public API `encode_all` of library `ingest_proto`: called per call of its user"
                },
                "complexity_justified": {
                  "answer": "YES",
                  "evidence": "impact High against effort Low (proposal of 2 line(s), 0 prerequisite(s))"
                },
                "issues": [],
                "conditions": [
                  "Gain: one allocation of `Vec::new(..)` per iteration of the `for` loop at line 32, after the first iterations (the buffer keeps its capacity)",
                  "the buffer is created once above the `for` loop at line 32 and `clear()`ed at the start of each iteration",
                  "the buffer is not stored, sent or returned from the loop body",
                  "the crate's tests pass and a heap profile (DHAT) of a representative input shows fewer allocations"
                ],
                "counterexample": null,
                "engine": "builtin"
              },
              "decision": null
            },
            {
              "finding": {
                "id": "F-004",
                "fingerprint": "fb7847b964405a86",
                "category": "HEAP_AVOIDABLE",
                "file": "crates/proto/src/codec.rs",
                "line_start": 43,
                "line_end": 43,
                "crate": "ingest-proto",
                "priority": "P0",
                "item_path": "codec::header",
                "confidence": "HIGH",
                "safety": "SAFE",
                "code": "pub fn header() -> Box<[u8; 8]> {",
                "issue": "`Box<[u8; 8]>` puts a fixed 8-byte array (8 elements) behind a heap allocation; it fits inline.",
                "proposal": "[u8; 8] // inline, no Box",
                "impact": {
                  "allocations_avoided": 1,
                  "bytes_saved": 16,
                  "unit": "value built",
                  "applies_to": "every value of this type in `codec::header`",
                  "level": "Medium"
                },
                "tradeoffs": {
                  "pros": [
                    "No allocation, no pointer chase; the data sits with its owner."
                  ],
                  "cons": [
                    "The owner grows by 8 bytes; moving it copies them."
                  ]
                },
                "prerequisites": [],
                "source": "builtin",
                "reach": {
                  "heat": "warm",
                  "loop_depth": 0,
                  "reasons": [
                    "entry: public API `header` of library `ingest_proto`: called per call of its user"
                  ]
                },
                "edit": {
                  "summary": "`[u8; 8]` inline, no `Box`",
                  "hunks": [
                    {
                      "file": "crates/proto/src/codec.rs",
                      "start": 998,
                      "end": 1010,
                      "line": 43,
                      "original": "Box<[u8; 8]>",
                      "replacement": "[u8; 8]"
                    }
                  ]
                }
              },
              "state": "persisting",
              "validation": {
                "finding_id": "F-004",
                "fingerprint": "fb7847b964405a86",
                "verdict": "NEEDS_WORK",
                "lifetime": {
                  "status": "PASS",
                  "evidence": "`[u8; 8]` is sized and does not contain its container: it can live inline"
                },
                "thread_safety": {
                  "status": "N/A",
                  "evidence": "`fn header` neither spawns nor runs in a task: the change is single-threaded"
                },
                "no_undefined_behavior": {
                  "status": "PASS",
                  "evidence": "the proposal is safe Rust: no `unsafe`, `transmute` or raw parts"
                },
                "estimate_plausible": {
                  "answer": "YES",
                  "evidence": "1 allocation(s) per value built: every `Box<[u8; 8]>` value is one heap allocation"
                },
                "hot_path": {
                  "answer": "MAYBE",
                  "evidence": "a type in the return type of `fn header`, in a P0 file (scope: `crates/proto/src/codec.rs` is P0): one allocation per call; how hot depends on how often callers call it"
                },
                "complexity_justified": {
                  "answer": "YES",
                  "evidence": "impact Medium against effort Low (proposal of 1 line(s), 0 prerequisite(s))"
                },
                "issues": [
                  {
                    "id": "F-004-I1",
                    "description": "The proposal changes an API: `Box<[u8; 8]>` is written in the return type of `fn header`, and `header` is public: removing the box changes its signature. [rule: api-change]",
                    "risk": "Every caller changes too; a public API change is a breaking release.",
                    "suggestion": "List the callers and show the new signature, or find a change local to the function."
                  }
                ],
                "conditions": [
                  "List the callers and show the new signature, or find a change local to the function."
                ],
                "counterexample": null,
                "engine": "builtin"
              },
              "decision": null
            },
            {
              "finding": {
                "id": "F-005",
                "fingerprint": "16746e1234cfc1ce",
                "category": "ALLOCATION_LOOP",
                "file": "crates/scan/src/walk.rs",
                "line_start": 38,
                "line_end": 38,
                "crate": "ingest-scan",
                "priority": "P0",
                "item_path": "walk::sizes",
                "confidence": "HIGH",
                "safety": "SAFE",
                "code": "    let mut out = Vec::new();",
                "issue": "`out` starts empty and receives exactly one `push` per iteration of `for f in found`, so it reallocates about log2(n) times while growing although the final length is known up front.",
                "proposal": "let mut out = Vec::with_capacity(found.len());",
                "impact": {
                  "allocations_avoided": null,
                  "bytes_saved": null,
                  "unit": "call of `walk::sizes`",
                  "applies_to": "~log2(n) reallocations and copies per call of `walk::sizes`",
                  "level": "Medium"
                },
                "tradeoffs": {
                  "pros": [
                    "One allocation instead of a growth sequence; no copying on regrowth."
                  ],
                  "cons": [
                    "None when every iteration pushes."
                  ]
                },
                "prerequisites": [],
                "source": "builtin",
                "reach": {
                  "heat": "warm",
                  "loop_depth": 0,
                  "reasons": [
                    "entry: public API `sizes` of library `ingest_scan`: called per call of its user"
                  ]
                },
                "edit": {
                  "summary": "reserve `found.len()` up front with `Vec::with_capacity`",
                  "hunks": [
                    {
                      "file": "crates/scan/src/walk.rs",
                      "start": 1037,
                      "end": 1047,
                      "line": 38,
                      "original": "Vec::new()",
                      "replacement": "Vec::with_capacity(found.len())"
                    }
                  ]
                }
              },
              "state": "persisting",
              "validation": {
                "finding_id": "F-005",
                "fingerprint": "16746e1234cfc1ce",
                "verdict": "APPROVED",
                "lifetime": {
                  "status": "PASS",
                  "evidence": "`with_capacity` changes only the initial capacity of `out` (line 38); its owner, its pushes and where it goes afterwards stay as they are"
                },
                "thread_safety": {
                  "status": "N/A",
                  "evidence": "`fn sizes` neither spawns nor runs in a task: the change is single-threaded"
                },
                "no_undefined_behavior": {
                  "status": "PASS",
                  "evidence": "the proposal is safe Rust: no `unsafe`, `transmute` or raw parts"
                },
                "estimate_plausible": {
                  "answer": "YES",
                  "evidence": "`out` grows from empty by one push per iteration of the `for` loop at line 39 (line 43); `found` is a `&[String]` (parameter `found: &[String]` of `fn sizes`), so `found` yields exactly `found.len()` items: that is ~log2(n) reallocations with copies per call, and `with_capacity` makes it one allocation"
                },
                "hot_path": {
                  "answer": "YES",
                  "evidence": "per iteration of the `for` loop at line 39 in `fn sizes`; once per call of an entry point: entry: public API `sizes` of library `ingest_scan`: called per call of its user"
                },
                "complexity_justified": {
                  "answer": "YES",
                  "evidence": "impact Medium against effort Low (proposal of 1 line(s), 0 prerequisite(s))"
                },
                "issues": [],
                "conditions": [
                  "Gain: the ~log2(n) reallocations and copies of `out` while it grows, per run of the `for` loop at line 39",
                  "`out` is created with the length of `found` as its capacity",
                  "every iteration of the `for` loop at line 39 still pushes exactly once (no `continue` or early `break` before the push at line 43)",
                  "the crate's tests pass and a heap profile (DHAT) of a representative input shows fewer allocations"
                ],
                "counterexample": null,
                "engine": "builtin"
              },
              "decision": null
            },
            {
              "finding": {
                "id": "F-006",
                "fingerprint": "f0781d27cf0f717a",
                "category": "ALLOCATION_LOOP",
                "file": "crates/scan/src/walk.rs",
                "line_start": 42,
                "line_end": 42,
                "crate": "ingest-scan",
                "priority": "P0",
                "item_path": "walk::sizes",
                "confidence": "HIGH",
                "safety": "SAFE",
                "code": "        let parts: Vec<&str> = f.split('/').collect();",
                "issue": "`parts` collects every item into a new `Vec` on every iteration of `for f in found`, but it is only counted: the iterator gives the same answer without the allocation and the copy of each item.",
                "proposal": "let parts_len = f.split('/').count();\n// then `parts_len` for `parts.len()`, `parts_len == 0` for `parts.is_empty()`",
                "impact": {
                  "allocations_avoided": 1,
                  "bytes_saved": null,
                  "unit": "iteration of `for f in found`",
                  "applies_to": "every call of `walk::sizes`",
                  "level": "Medium"
                },
                "tradeoffs": {
                  "pros": [
                    "No allocation and no copy of the items; the walk stops early where the code only needs the first ones."
                  ],
                  "cons": [
                    "None when the iterator's closures have no side effects."
                  ]
                },
                "prerequisites": [],
                "source": "builtin",
                "reach": {
                  "heat": "hot",
                  "loop_depth": 1,
                  "reasons": [
                    "runs per iteration of `for f in found` in `sizes`",
                    "entry: public API `sizes` of library `ingest_scan`: called per call of its user"
                  ]
                }
              },
              "state": "persisting",
              "validation": {
                "finding_id": "F-006",
                "fingerprint": "f0781d27cf0f717a",
                "verdict": "APPROVED",
                "lifetime": {
                  "status": "PASS",
                  "evidence": "`f.split('/').collect()` at line 42 is replaced by its iterator, which runs where `parts` was used (line 43) within its scope; nothing the chain reads changes in between"
                },
                "thread_safety": {
                  "status": "N/A",
                  "evidence": "`fn sizes` neither spawns nor runs in a task: the change is single-threaded"
                },
                "no_undefined_behavior": {
                  "status": "PASS",
                  "evidence": "the proposal is safe Rust: no `unsafe`, `transmute` or raw parts"
                },
                "estimate_plausible": {
                  "answer": "YES",
                  "evidence": "1 allocation(s) per iteration of `for f in found` against 1 allocating expression(s) at lines 42-42, each run once per iteration"
                },
                "hot_path": {
                  "answer": "YES",
                  "evidence": "per iteration of the `for` loop at line 39 in `fn sizes`; once per call of an entry point: runs per iteration of `for f in found` in `sizes` ← entry: public API `sizes` of library `ingest_scan`: called per call of its user"
                },
                "complexity_justified": {
                  "answer": "YES",
                  "evidence": "impact Medium against effort Low (proposal of 1 line(s), 0 prerequisite(s))"
                },
                "issues": [],
                "conditions": [
                  "Gain: the allocation of `parts` and the copy of each item per iteration of the `for` loop at line 39",
                  "the buffer is created once above the `for` loop at line 39 and `clear()`ed at the start of each iteration",
                  "the buffer is not stored, sent or returned from the loop body",
                  "the crate's tests pass and a heap profile (DHAT) of a representative input shows fewer allocations"
                ],
                "counterexample": null,
                "engine": "builtin"
              },
              "decision": null
            },
            {
              "finding": {
                "id": "F-007",
                "fingerprint": "67fba6824a489f31",
                "category": "ARENA_CANDIDATE",
                "file": "crates/schema/src/infer.rs",
                "line_start": 4,
                "line_end": 10,
                "crate": "ingest-schema",
                "priority": "P0",
                "item_path": "infer::Type",
                "confidence": "MEDIUM",
                "safety": "NEEDS_REVIEW",
                "code": "pub enum Type {\n    Int,\n    Float,\n    Text,\n    List(Box<Type>),\n    Struct(Vec<Field>),\n}",
                "issue": "`Type` is a recursive type whose nodes are each a separate heap allocation; a tree is typically built and dropped as a whole, which an arena does in one go.",
                "proposal": "// Allocate nodes from an arena that lives as long as the tree:\nlet arena = bumpalo::Bump::new();\n// Type<'a> { children: &'a [&'a Type<'a>], .. } — or keep nodes in a Vec and link by index",
                "impact": {
                  "allocations_avoided": null,
                  "bytes_saved": null,
                  "unit": "`Type` node",
                  "applies_to": "every structure built from `Type` nodes",
                  "level": "Medium"
                },
                "tradeoffs": {
                  "pros": [
                    "Allocation becomes a pointer bump; the whole tree is freed at once; nodes sit together in memory."
                  ],
                  "cons": [
                    "Adds a lifetime parameter (or indices) to the type; individual nodes cannot be freed early."
                  ]
                },
                "prerequisites": [
                  "add the `bumpalo` (or `typed-arena`/`slotmap`) dependency"
                ],
                "source": "builtin",
                "reach": {
                  "heat": "warm",
                  "loop_depth": 0,
                  "reasons": [
                    "a type declaration: paid wherever its values are built or stored"
                  ]
                }
              },
              "state": "persisting",
              "validation": {
                "finding_id": "F-007",
                "fingerprint": "67fba6824a489f31",
                "verdict": "NEEDS_WORK",
                "lifetime": {
                  "status": "UNCLEAR",
                  "evidence": "allocating the nodes of `Type` (line 4) in an arena adds a lifetime parameter or indices to the type and to everything that holds it; only the borrow checker proves that no node outlives the arena"
                },
                "thread_safety": {
                  "status": "N/A",
                  "evidence": "the enclosing item neither spawns nor runs in a task: the change is single-threaded"
                },
                "no_undefined_behavior": {
                  "status": "PASS",
                  "evidence": "the proposal is safe Rust: no `unsafe`, `transmute` or raw parts"
                },
                "estimate_plausible": {
                  "answer": "MAYBE",
                  "evidence": "`Type` is a type definition: its allocations are made where its values are built, which these lines do not show"
                },
                "hot_path": {
                  "answer": "MAYBE",
                  "evidence": "a type definition in a P0 file (scope: `crates/schema/src/infer.rs` is P0); how hot depends on how many values are built"
                },
                "complexity_justified": {
                  "answer": "YES",
                  "evidence": "impact Medium against effort Medium (proposal of 1 line(s), 1 prerequisite(s), an API change (trade-off says \"Adds a lifetime parameter (or indices) to the type; individual nodes cannot be freed early.\"))"
                },
                "issues": [
                  {
                    "id": "F-007-I1",
                    "description": "The proposal changes an API: trade-off says \"Adds a lifetime parameter (or indices) to the type; individual nodes cannot be freed early.\". [rule: api-change]",
                    "risk": "Every caller changes too; a public API change is a breaking release.",
                    "suggestion": "List the callers and show the new signature, or find a change local to the function."
                  }
                ],
                "conditions": [
                  "List the callers and show the new signature, or find a change local to the function."
                ],
                "counterexample": null,
                "engine": "builtin"
              },
              "decision": null
            },
            {
              "finding": {
                "id": "F-008",
                "fingerprint": "ff3f57beab1018bb",
                "category": "ALLOCATION_LOOP",
                "file": "crates/worker/src/batch.rs",
                "line_start": 23,
                "line_end": 23,
                "crate": "ingest-worker",
                "priority": "P0",
                "item_path": "batch::BatchBuilder::push_row",
                "confidence": "HIGH",
                "safety": "SAFE",
                "code": "        let mut row = Vec::new();",
                "issue": "`row` starts empty and receives exactly one `push` per iteration of `for field in fields`, so it reallocates about log2(n) times while growing although the final length is known up front.",
                "proposal": "let mut row = Vec::with_capacity(fields.len());",
                "impact": {
                  "allocations_avoided": null,
                  "bytes_saved": null,
                  "unit": "call of `batch::BatchBuilder::push_row`",
                  "applies_to": "~log2(n) reallocations and copies per call of `batch::BatchBuilder::push_row`",
                  "level": "High"
                },
                "tradeoffs": {
                  "pros": [
                    "One allocation instead of a growth sequence; no copying on regrowth."
                  ],
                  "cons": [
                    "None when every iteration pushes."
                  ]
                },
                "prerequisites": [],
                "source": "builtin",
                "reach": {
                  "heat": "unknown",
                  "loop_depth": 0,
                  "reasons": [
                    "no caller of `BatchBuilder::push_row` found in the workspace (called through a macro, a function pointer, or not at all)"
                  ]
                },
                "edit": {
                  "summary": "reserve `fields.len()` up front with `Vec::with_capacity`",
                  "hunks": [
                    {
                      "file": "crates/worker/src/batch.rs",
                      "start": 473,
                      "end": 483,
                      "line": 23,
                      "original": "Vec::new()",
                      "replacement": "Vec::with_capacity(fields.len())"
                    }
                  ]
                }
              },
              "state": "persisting",
              "validation": {
                "finding_id": "F-008",
                "fingerprint": "ff3f57beab1018bb",
                "verdict": "NEEDS_WORK",
                "lifetime": {
                  "status": "PASS",
                  "evidence": "`with_capacity` changes only the initial capacity of `row` (line 23); its owner, its pushes and where it goes afterwards stay as they are"
                },
                "thread_safety": {
                  "status": "N/A",
                  "evidence": "`fn push_row` neither spawns nor runs in a task: the change is single-threaded"
                },
                "no_undefined_behavior": {
                  "status": "PASS",
                  "evidence": "the proposal is safe Rust: no `unsafe`, `transmute` or raw parts"
                },
                "estimate_plausible": {
                  "answer": "YES",
                  "evidence": "`row` grows from empty by one push per iteration of the `for` loop at line 24 (line 25); `fields` is a `&[String]` (parameter `fields: &[String]` of `fn push_row`), so `fields` yields exactly `fields.len()` items: that is ~log2(n) reallocations with copies per call, and `with_capacity` makes it one allocation"
                },
                "hot_path": {
                  "answer": "MAYBE",
                  "evidence": "per iteration of the `for` loop at line 24 in `fn push_row`; no caller known: no caller of `BatchBuilder::push_row` found in the workspace (called through a macro, a function pointer, or not at all)"
                },
                "complexity_justified": {
                  "answer": "YES",
                  "evidence": "impact High against effort Low (proposal of 1 line(s), 0 prerequisite(s))"
                },
                "issues": [
                  {
                    "id": "F-008-I1",
                    "description": "Is `fn push_row` called once per item of the program's data (a file, a line, a record, an event)? The call graph found no caller: no caller of `BatchBuilder::push_row` found in the workspace (called through a macro, a function pointer, or not at all). [rule: caller-unknown]",
                    "risk": "Code nobody calls per item saves nothing; code nobody calls at all is dead.",
                    "suggestion": "Name the caller of `fn push_row` and how often it runs, or attach a heap profile that shows these lines."
                  }
                ],
                "conditions": [
                  "Name the caller of `fn push_row` and how often it runs, or attach a heap profile that shows these lines."
                ],
                "counterexample": null,
                "engine": "builtin"
              },
              "decision": null
            },
            {
              "finding": {
                "id": "F-009",
                "fingerprint": "250647ddc25f517d",
                "category": "ALLOCATION_LOOP",
                "file": "crates/worker/src/batch.rs",
                "line_start": 32,
                "line_end": 32,
                "crate": "ingest-worker",
                "priority": "P0",
                "item_path": "batch::BatchBuilder::build",
                "confidence": "HIGH",
                "safety": "SAFE",
                "code": "        let mut cols = Vec::new();",
                "issue": "`cols` starts empty and receives exactly one `push` per iteration of `for name in columns`, so it reallocates about log2(n) times while growing although the final length is known up front.",
                "proposal": "let mut cols = Vec::with_capacity(columns.len());",
                "impact": {
                  "allocations_avoided": null,
                  "bytes_saved": null,
                  "unit": "call of `batch::BatchBuilder::build`",
                  "applies_to": "~log2(n) reallocations and copies per call of `batch::BatchBuilder::build`",
                  "level": "High"
                },
                "tradeoffs": {
                  "pros": [
                    "One allocation instead of a growth sequence; no copying on regrowth."
                  ],
                  "cons": [
                    "None when every iteration pushes."
                  ]
                },
                "prerequisites": [],
                "source": "builtin",
                "reach": {
                  "heat": "unknown",
                  "loop_depth": 0,
                  "reasons": [
                    "no caller of `BatchBuilder::build` found in the workspace (called through a macro, a function pointer, or not at all)"
                  ]
                },
                "edit": {
                  "summary": "reserve `columns.len()` up front with `Vec::with_capacity`",
                  "hunks": [
                    {
                      "file": "crates/worker/src/batch.rs",
                      "start": 724,
                      "end": 734,
                      "line": 32,
                      "original": "Vec::new()",
                      "replacement": "Vec::with_capacity(columns.len())"
                    }
                  ]
                }
              },
              "state": "persisting",
              "validation": {
                "finding_id": "F-009",
                "fingerprint": "250647ddc25f517d",
                "verdict": "NEEDS_WORK",
                "lifetime": {
                  "status": "PASS",
                  "evidence": "`with_capacity` changes only the initial capacity of `cols` (line 32); its owner, its pushes and where it goes afterwards stay as they are"
                },
                "thread_safety": {
                  "status": "N/A",
                  "evidence": "`fn build` neither spawns nor runs in a task: the change is single-threaded"
                },
                "no_undefined_behavior": {
                  "status": "PASS",
                  "evidence": "the proposal is safe Rust: no `unsafe`, `transmute` or raw parts"
                },
                "estimate_plausible": {
                  "answer": "YES",
                  "evidence": "`cols` grows from empty by one push per iteration of the `for` loop at line 33 (line 36); `columns` is a `&[String]` (parameter `columns: &[String]` of `fn build`), so `columns` yields exactly `columns.len()` items: that is ~log2(n) reallocations with copies per call, and `with_capacity` makes it one allocation"
                },
                "hot_path": {
                  "answer": "MAYBE",
                  "evidence": "per iteration of the `for` loop at line 33 in `fn build`; no caller known: no caller of `BatchBuilder::build` found in the workspace (called through a macro, a function pointer, or not at all)"
                },
                "complexity_justified": {
                  "answer": "YES",
                  "evidence": "impact High against effort Low (proposal of 1 line(s), 0 prerequisite(s))"
                },
                "issues": [
                  {
                    "id": "F-009-I1",
                    "description": "Is `fn build` called once per item of the program's data (a file, a line, a record, an event)? The call graph found no caller: no caller of `BatchBuilder::build` found in the workspace (called through a macro, a function pointer, or not at all). [rule: caller-unknown]",
                    "risk": "Code nobody calls per item saves nothing; code nobody calls at all is dead.",
                    "suggestion": "Name the caller of `fn build` and how often it runs, or attach a heap profile that shows these lines."
                  }
                ],
                "conditions": [
                  "Name the caller of `fn build` and how often it runs, or attach a heap profile that shows these lines."
                ],
                "counterexample": null,
                "engine": "builtin"
              },
              "decision": null
            },
            {
              "finding": {
                "id": "F-010",
                "fingerprint": "2fef46c70f0ed6c8",
                "category": "ALLOCATION_LOOP",
                "file": "crates/worker/src/batch.rs",
                "line_start": 47,
                "line_end": 47,
                "crate": "ingest-worker",
                "priority": "P0",
                "item_path": "batch::encode_batches",
                "confidence": "HIGH",
                "safety": "SAFE",
                "code": "    let mut encoded = Vec::new();",
                "issue": "`encoded` starts empty and receives exactly one `push` per iteration of `for batch in batches`, so it reallocates about log2(n) times while growing although the final length is known up front.",
                "proposal": "let mut encoded = Vec::with_capacity(batches.len());",
                "impact": {
                  "allocations_avoided": null,
                  "bytes_saved": null,
                  "unit": "call of `batch::encode_batches`",
                  "applies_to": "~log2(n) reallocations and copies per call of `batch::encode_batches`",
                  "level": "High"
                },
                "tradeoffs": {
                  "pros": [
                    "One allocation instead of a growth sequence; no copying on regrowth."
                  ],
                  "cons": [
                    "None when every iteration pushes."
                  ]
                },
                "prerequisites": [],
                "source": "builtin",
                "reach": {
                  "heat": "unknown",
                  "loop_depth": 0,
                  "reasons": [
                    "no caller of `encode_batches` found in the workspace (called through a macro, a function pointer, or not at all)"
                  ]
                },
                "edit": {
                  "summary": "reserve `batches.len()` up front with `Vec::with_capacity`",
                  "hunks": [
                    {
                      "file": "crates/worker/src/batch.rs",
                      "start": 1135,
                      "end": 1145,
                      "line": 47,
                      "original": "Vec::new()",
                      "replacement": "Vec::with_capacity(batches.len())"
                    }
                  ]
                }
              },
              "state": "persisting",
              "validation": {
                "finding_id": "F-010",
                "fingerprint": "2fef46c70f0ed6c8",
                "verdict": "NEEDS_WORK",
                "lifetime": {
                  "status": "PASS",
                  "evidence": "`with_capacity` changes only the initial capacity of `encoded` (line 47); its owner, its pushes and where it goes afterwards stay as they are"
                },
                "thread_safety": {
                  "status": "N/A",
                  "evidence": "`fn encode_batches` neither spawns nor runs in a task: the change is single-threaded"
                },
                "no_undefined_behavior": {
                  "status": "PASS",
                  "evidence": "the proposal is safe Rust: no `unsafe`, `transmute` or raw parts"
                },
                "estimate_plausible": {
                  "answer": "YES",
                  "evidence": "`encoded` grows from empty by one push per iteration of the `for` loop at line 48 (line 53); `batches` is a `&[Batch]` (parameter `batches: &[Batch]` of `fn encode_batches`), so `batches` yields exactly `batches.len()` items: that is ~log2(n) reallocations with copies per call, and `with_capacity` makes it one allocation"
                },
                "hot_path": {
                  "answer": "MAYBE",
                  "evidence": "per iteration of the `for` loop at line 48 in `fn encode_batches`; no caller known: no caller of `encode_batches` found in the workspace (called through a macro, a function pointer, or not at all)"
                },
                "complexity_justified": {
                  "answer": "YES",
                  "evidence": "impact High against effort Low (proposal of 1 line(s), 0 prerequisite(s))"
                },
                "issues": [
                  {
                    "id": "F-010-I1",
                    "description": "Is `fn encode_batches` called once per item of the program's data (a file, a line, a record, an event)? The call graph found no caller: no caller of `encode_batches` found in the workspace (called through a macro, a function pointer, or not at all). [rule: caller-unknown]",
                    "risk": "Code nobody calls per item saves nothing; code nobody calls at all is dead.",
                    "suggestion": "Name the caller of `fn encode_batches` and how often it runs, or attach a heap profile that shows these lines."
                  }
                ],
                "conditions": [
                  "Name the caller of `fn encode_batches` and how often it runs, or attach a heap profile that shows these lines."
                ],
                "counterexample": null,
                "engine": "builtin"
              },
              "decision": null
            },
            {
              "finding": {
                "id": "F-011",
                "fingerprint": "a9b9446294809400",
                "category": "ALLOCATION_LOOP",
                "file": "crates/worker/src/lib.rs",
                "line_start": 39,
                "line_end": 39,
                "crate": "ingest-worker",
                "priority": "P0",
                "item_path": "Worker::process_file",
                "confidence": "HIGH",
                "safety": "SAFE",
                "code": "            let fields: Vec<String> = line.split(',').map(|s| s.to_string()).collect();",
                "issue": "`.collect()` allocates on every iteration of `for line in reader.lines()`.",
                "proposal": "let mut buf = Vec::new(); // once, before the loop\n// in the loop body:\nbuf.clear();\nbuf.extend(/* the same iterator */);",
                "impact": {
                  "allocations_avoided": 1,
                  "bytes_saved": null,
                  "unit": "iteration of `for line in reader.lines()`",
                  "applies_to": "every call of `Worker::process_file`",
                  "level": "High"
                },
                "tradeoffs": {
                  "pros": [
                    "Fewer allocator calls on a path that runs once per element."
                  ],
                  "cons": [
                    "A reused buffer must be cleared at the top of each iteration."
                  ]
                },
                "prerequisites": [],
                "source": "builtin",
                "reach": {
                  "heat": "hot",
                  "loop_depth": 3,
                  "reasons": [
                    "runs per element of `line.split(',').map(..)` in `Worker::process_file`",
                    "called per iteration of `for path in std::env::args().skip(1)` from `main` (crates/worker/src/main.rs:7)",
                    "entry: `fn main` (crates/worker/src/main.rs:3)"
                  ]
                },
                "edit": {
                  "summary": "reuse one `Vec` for `fields`: `clear()` and `extend()` it each iteration",
                  "hunks": [
                    {
                      "file": "crates/worker/src/lib.rs",
                      "start": 985,
                      "end": 985,
                      "line": 37,
                      "original": "",
                      "replacement": "let mut fields: Vec<String> = Vec::new();\n        "
                    },
                    {
                      "file": "crates/worker/src/lib.rs",
                      "start": 1056,
                      "end": 1131,
                      "line": 39,
                      "original": "let fields: Vec<String> = line.split(',').map(|s| s.to_string()).collect();",
                      "replacement": "fields.clear();\n            fields.extend(line.split(',').map(|s| s.to_string()));"
                    }
                  ]
                }
              },
              "state": "persisting",
              "validation": {
                "finding_id": "F-011",
                "fingerprint": "a9b9446294809400",
                "verdict": "APPROVED",
                "lifetime": {
                  "status": "PASS",
                  "evidence": "`line.split(',').map(|s|s.to_string()).collect()` at line 39 stays within one iteration of the `for` loop at line 37: `fields` is only read or borrowed after it is made, and dropped at the end of its scope; one reused buffer in its place lives long enough"
                },
                "thread_safety": {
                  "status": "N/A",
                  "evidence": "`fn process_file` neither spawns nor runs in a task: the change is single-threaded"
                },
                "no_undefined_behavior": {
                  "status": "PASS",
                  "evidence": "the proposal is safe Rust: no `unsafe`, `transmute` or raw parts"
                },
                "estimate_plausible": {
                  "answer": "YES",
                  "evidence": "1 allocation(s) per iteration of `for line in reader.lines()` against 2 allocating expression(s) at lines 39-39, each run once per iteration"
                },
                "hot_path": {
                  "answer": "YES",
                  "evidence": "per iteration of the `for` loop at line 37 in `fn process_file`; called per item: runs per element of `line.split(',').map(..)` in `Worker::process_file` ← called per iteration of `for path in std::env::args().skip(1)` from `main` (crates/worker/src/main.rs:7) ← entry: `fn main` (crates/worker/src/main.rs:3)"
                },
                "complexity_justified": {
                  "answer": "YES",
                  "evidence": "impact High against effort Low (proposal of 3 line(s), 0 prerequisite(s))"
                },
                "issues": [],
                "conditions": [
                  "Gain: one allocation of `line.split(',').map(|s|s.to_string()).collect()` per iteration of the `for` loop at line 37, after the first iterations (the buffer keeps its capacity)",
                  "the buffer is created once above the `for` loop at line 37 and `clear()`ed at the start of each iteration",
                  "the buffer is not stored, sent or returned from the loop body",
                  "the crate's tests pass and a heap profile (DHAT) of a representative input shows fewer allocations"
                ],
                "counterexample": null,
                "engine": "builtin"
              },
              "decision": null
            },
            {
              "finding": {
                "id": "F-012",
                "fingerprint": "8c5a9dd8bdeed441",
                "category": "ALLOCATION_LOOP",
                "file": "crates/worker/src/lib.rs",
                "line_start": 40,
                "line_end": 40,
                "crate": "ingest-worker",
                "priority": "P0",
                "item_path": "Worker::process_file",
                "confidence": "HIGH",
                "safety": "SAFE",
                "code": "            let key = format!(\"{}:{}\", path, fields.len());",
                "issue": "`format!()` allocates on every iteration of `for line in reader.lines()`.",
                "proposal": "use std::fmt::Write;\nlet mut buf = String::new(); // once, before the loop\n// in the loop body:\nbuf.clear();\nwrite!(buf, \"{}:{}\", path, fields.len()).unwrap(); // writing to a String cannot fail\n// use `&buf` where the formatted value was used",
                "impact": {
                  "allocations_avoided": 1,
                  "bytes_saved": null,
                  "unit": "iteration of `for line in reader.lines()`",
                  "applies_to": "every call of `Worker::process_file`",
                  "level": "High"
                },
                "tradeoffs": {
                  "pros": [
                    "Fewer allocator calls on a path that runs once per element."
                  ],
                  "cons": [
                    "A reused buffer must be cleared at the top of each iteration."
                  ]
                },
                "prerequisites": [],
                "source": "builtin",
                "reach": {
                  "heat": "hot",
                  "loop_depth": 2,
                  "reasons": [
                    "runs per iteration of `for line in reader.lines()` in `Worker::process_file`",
                    "called per iteration of `for path in std::env::args().skip(1)` from `main` (crates/worker/src/main.rs:7)",
                    "entry: `fn main` (crates/worker/src/main.rs:3)"
                  ]
                }
              },
              "state": "persisting",
              "validation": {
                "finding_id": "F-012",
                "fingerprint": "8c5a9dd8bdeed441",
                "verdict": "APPROVED",
                "lifetime": {
                  "status": "PASS",
                  "evidence": "`format!(..)` at line 40 stays within one iteration of the `for` loop at line 37: `key` is only read or borrowed after it is made, and dropped at the end of its scope; one reused buffer in its place lives long enough"
                },
                "thread_safety": {
                  "status": "N/A",
                  "evidence": "`fn process_file` neither spawns nor runs in a task: the change is single-threaded"
                },
                "no_undefined_behavior": {
                  "status": "PASS",
                  "evidence": "the proposal is safe Rust: no `unsafe`, `transmute` or raw parts"
                },
                "estimate_plausible": {
                  "answer": "YES",
                  "evidence": "1 allocation(s) per iteration of `for line in reader.lines()` against 1 allocating expression(s) at lines 40-40, each run once per iteration"
                },
                "hot_path": {
                  "answer": "YES",
                  "evidence": "per iteration of the `for` loop at line 37 in `fn process_file`; called per item: runs per iteration of `for line in reader.lines()` in `Worker::process_file` ← called per iteration of `for path in std::env::args().skip(1)` from `main` (crates/worker/src/main.rs:7) ← entry: `fn main` (crates/worker/src/main.rs:3)"
                },
                "complexity_justified": {
                  "answer": "YES",
                  "evidence": "impact High against effort Low (proposal of 4 line(s), 0 prerequisite(s))"
                },
                "issues": [],
                "conditions": [
                  "Gain: one allocation of `format!(..)` per iteration of the `for` loop at line 37, after the first iterations (the buffer keeps its capacity)",
                  "the buffer is created once above the `for` loop at line 37 and `clear()`ed at the start of each iteration",
                  "the buffer is not stored, sent or returned from the loop body",
                  "the crate's tests pass and a heap profile (DHAT) of a representative input shows fewer allocations"
                ],
                "counterexample": null,
                "engine": "builtin"
              },
              "decision": null
            },
            {
              "finding": {
                "id": "F-013",
                "fingerprint": "10d5c2c3bc4b7a26",
                "category": "UNNECESSARY_CLONE",
                "file": "crates/worker/src/pipeline.rs",
                "line_start": 26,
                "line_end": 26,
                "crate": "ingest-worker",
                "priority": "P0",
                "item_path": "pipeline::Pipeline::label_rows",
                "confidence": "HIGH",
                "safety": "SAFE",
                "code": "                let l = label.clone();",
                "issue": "`l` is a copy of `label` that is only read afterwards; a borrow gives the same reads without allocating.",
                "proposal": "let l = &label;",
                "impact": {
                  "allocations_avoided": 1,
                  "bytes_saved": null,
                  "unit": "iteration of `for row in rows`",
                  "applies_to": "iteration of `for row in rows`, nested 2 loops deep (inside iteration of `for (name,rows) in &self.sinks`) in `pipeline::Pipeline::label_rows`",
                  "level": "High"
                },
                "tradeoffs": {
                  "pros": [
                    "Removes an allocation and a copy per execution."
                  ],
                  "cons": [
                    "The borrow ties `l` to the source's lifetime; mutating the source while it lives will not compile."
                  ]
                },
                "prerequisites": [],
                "source": "builtin",
                "reach": {
                  "heat": "hot",
                  "loop_depth": 2,
                  "reasons": [
                    "runs per iteration of `for row in rows` in `Pipeline::label_rows`",
                    "called once per call from `Pipeline::drain` (crates/worker/src/pipeline.rs:34)",
                    "called once per call from `Worker::finish` (crates/worker/src/lib.rs:56)",
                    "called once per call from `main` (crates/worker/src/main.rs:11)",
                    "entry: `fn main` (crates/worker/src/main.rs:3)"
                  ]
                },
                "edit": {
                  "summary": "borrow `label` instead of `.clone()`",
                  "hunks": [
                    {
                      "file": "crates/worker/src/pipeline.rs",
                      "start": 761,
                      "end": 774,
                      "line": 26,
                      "original": "label.clone()",
                      "replacement": "&label"
                    }
                  ]
                }
              },
              "state": "persisting",
              "validation": {
                "finding_id": "F-013",
                "fingerprint": "10d5c2c3bc4b7a26",
                "verdict": "REJECTED",
                "lifetime": {
                  "status": "PASS",
                  "evidence": "`label` is neither mutated nor moved after line 26 in `fn label_rows`, so a borrow can stand in for the clone"
                },
                "thread_safety": {
                  "status": "N/A",
                  "evidence": "`fn label_rows` neither spawns nor runs in a task: the change is single-threaded"
                },
                "no_undefined_behavior": {
                  "status": "PASS",
                  "evidence": "the proposal is safe Rust: no `unsafe`, `transmute` or raw parts"
                },
                "estimate_plausible": {
                  "answer": "NO",
                  "evidence": "the claimed saving cannot be realised: the code is needed as written"
                },
                "hot_path": {
                  "answer": "NO",
                  "evidence": "per iteration of the `for` loop at line 25 in `fn label_rows`; once per process: runs per iteration of `for row in rows` in `Pipeline::label_rows` ← called once per call from `Pipeline::drain` (crates/worker/src/pipeline.rs:34) ← called once per call from `Worker::finish` (crates/worker/src/lib.rs:56) ← called once per call from `main` (crates/worker/src/main.rs:11) ← entry: `fn main` (crates/worker/src/main.rs:3)"
                },
                "complexity_justified": {
                  "answer": "YES",
                  "evidence": "impact High against effort Low (proposal of 1 line(s), 0 prerequisite(s))"
                },
                "issues": [
                  {
                    "id": "F-013-I1",
                    "description": "The `for` loop at line 25 runs once per process: runs per iteration of `for row in rows` in `Pipeline::label_rows` ← called once per call from `Pipeline::drain` (crates/worker/src/pipeline.rs:34) ← called once per call from `Worker::finish` (crates/worker/src/lib.rs:56) ← called once per call from `main` (crates/worker/src/main.rs:11) ← entry: `fn main` (crates/worker/src/main.rs:3). [rule: once-per-process]",
                    "risk": "The saving is one allocation per element of a collection walked once per run, not per item of the program's data.",
                    "suggestion": "Leave it; look at the code that runs per item."
                  }
                ],
                "conditions": [],
                "counterexample": "`label.clone()` at line 26 repeats only over the `for` loop at line 25, and that loop runs once per process (runs per iteration of `for row in rows` in `Pipeline::label_rows` ← called once per call from `Pipeline::drain` (crates/worker/src/pipeline.rs:34) ← called once per call from `Worker::finish` (crates/worker/src/lib.rs:56) ← called once per call from `main` (crates/worker/src/main.rs:11) ← entry: `fn main` (crates/worker/src/main.rs:3)): over a run it allocates as many times as the collection has elements, which no user of the program notices.",
                "engine": "builtin"
              },
              "decision": null
            },
            {
              "finding": {
                "id": "F-014",
                "fingerprint": "9843d97f1fba2581",
                "category": "HEAP_AVOIDABLE",
                "file": "crates/worker/src/pipeline.rs",
                "line_start": 33,
                "line_end": 33,
                "crate": "ingest-worker",
                "priority": "P0",
                "item_path": "pipeline::Pipeline::drain",
                "confidence": "HIGH",
                "safety": "SAFE",
                "code": "        let label = String::from(\"final\");",
                "issue": "`label` copies a string literal to the heap but is never changed or handed over; the literal itself is a `&'static str`.",
                "proposal": "let label: &str = \"final\";",
                "impact": {
                  "allocations_avoided": 1,
                  "bytes_saved": 5,
                  "unit": "call of `pipeline::Pipeline::drain`",
                  "applies_to": "every call of `pipeline::Pipeline::drain`",
                  "level": "Low"
                },
                "tradeoffs": {
                  "pros": [
                    "No allocation, no copy."
                  ],
                  "cons": [
                    "Callers that need a `String` must convert at the point of use."
                  ]
                },
                "prerequisites": [],
                "source": "builtin",
                "reach": {
                  "heat": "cold",
                  "cold": "setup",
                  "loop_depth": 0,
                  "reasons": [
                    "runs once per process, outside any loop of `Pipeline::drain`",
                    "called once per call from `Worker::finish` (crates/worker/src/lib.rs:56)",
                    "called once per call from `main` (crates/worker/src/main.rs:11)",
                    "entry: `fn main` (crates/worker/src/main.rs:3)"
                  ]
                },
                "edit": {
                  "summary": "keep the literal a `&'static str`",
                  "hunks": [
                    {
                      "file": "crates/worker/src/pipeline.rs",
                      "start": 928,
                      "end": 949,
                      "line": 33,
                      "original": "String::from(\"final\")",
                      "replacement": "\"final\""
                    }
                  ]
                }
              },
              "state": "persisting",
              "validation": {
                "finding_id": "F-014",
                "fingerprint": "9843d97f1fba2581",
                "verdict": "REJECTED",
                "lifetime": {
                  "status": "N/A",
                  "evidence": "not assessed: the finding is rejected by rule `cold-reach`"
                },
                "thread_safety": {
                  "status": "N/A",
                  "evidence": "not assessed: `fn drain` needs no change"
                },
                "no_undefined_behavior": {
                  "status": "N/A",
                  "evidence": "nothing to change: the code stays as it is"
                },
                "estimate_plausible": {
                  "answer": "NO",
                  "evidence": "the claimed saving cannot be realised: the code is needed as written"
                },
                "hot_path": {
                  "answer": "NO",
                  "evidence": "one-time setup: runs once per process, outside any loop of `Pipeline::drain` ← called once per call from `Worker::finish` (crates/worker/src/lib.rs:56) ← called once per call from `main` (crates/worker/src/main.rs:11) ← entry: `fn main` (crates/worker/src/main.rs:3)"
                },
                "complexity_justified": {
                  "answer": "NO",
                  "evidence": "no saving to pay for the change"
                },
                "issues": [
                  {
                    "id": "F-014-I1",
                    "description": "The code runs in one-time setup: runs once per process, outside any loop of `Pipeline::drain` ← called once per call from `Worker::finish` (crates/worker/src/lib.rs:56) ← called once per call from `main` (crates/worker/src/main.rs:11) ← entry: `fn main` (crates/worker/src/main.rs:3). [rule: cold-reach]",
                    "risk": "An optimisation there saves nothing the user of the program feels.",
                    "suggestion": "Keep it as it is; look at the hot paths instead."
                  }
                ],
                "conditions": [],
                "counterexample": "runs once per process, outside any loop of `Pipeline::drain` ← called once per call from `Worker::finish` (crates/worker/src/lib.rs:56) ← called once per call from `main` (crates/worker/src/main.rs:11) ← entry: `fn main` (crates/worker/src/main.rs:3): the allocation at line 33 runs once per process, not per item of the program's data.",
                "engine": "builtin"
              },
              "decision": null
            },
            {
              "finding": {
                "id": "F-015",
                "fingerprint": "e6714918d747993c",
                "category": "ARENA_CANDIDATE",
                "file": "crates/worker/src/pipeline.rs",
                "line_start": 35,
                "line_end": 35,
                "crate": "ingest-worker",
                "priority": "P0",
                "item_path": "pipeline::Pipeline::drain",
                "confidence": "MEDIUM",
                "safety": "NEEDS_REVIEW",
                "code": "        self.sinks.clear();",
                "issue": "`self.sinks.clear()` drops every `Vec<Vec<String>>` it holds together with the buffers each owns; refilling `sinks` allocates them all again (through every doubling) on the next cycle.",
                "proposal": "// Keep the entries and clear what each holds:\n// walk `self.sinks.values_mut()` and clear the buffers of every value\n// (drop only the entries that are gone, e.g. with `retain`)",
                "impact": {
                  "allocations_avoided": null,
                  "bytes_saved": null,
                  "unit": "call of `pipeline::Pipeline::drain`",
                  "applies_to": "every buffer held by a `Vec<Vec<String>>` in `self.sinks`",
                  "level": "Medium"
                },
                "tradeoffs": {
                  "pros": [
                    "The inner buffers are allocated once and reused by every cycle."
                  ],
                  "cons": [
                    "Kept buffers stay allocated between cycles (the peak of one cycle).",
                    "Kept frames or entries must be cleared before reuse, or stale data leaks into the next cycle."
                  ]
                },
                "prerequisites": [],
                "source": "builtin",
                "reach": {
                  "heat": "cold",
                  "cold": "setup",
                  "loop_depth": 0,
                  "reasons": [
                    "runs once per process, outside any loop of `Pipeline::drain`",
                    "called once per call from `Worker::finish` (crates/worker/src/lib.rs:56)",
                    "called once per call from `main` (crates/worker/src/main.rs:11)",
                    "entry: `fn main` (crates/worker/src/main.rs:3)"
                  ]
                }
              },
              "state": "persisting",
              "validation": {
                "finding_id": "F-015",
                "fingerprint": "e6714918d747993c",
                "verdict": "REJECTED",
                "lifetime": {
                  "status": "UNCLEAR",
                  "evidence": "the code the finding describes was not located"
                },
                "thread_safety": {
                  "status": "UNCLEAR",
                  "evidence": "the code was not located"
                },
                "no_undefined_behavior": {
                  "status": "PASS",
                  "evidence": "the proposal is safe Rust: no `unsafe`, `transmute` or raw parts"
                },
                "estimate_plausible": {
                  "answer": "MAYBE",
                  "evidence": "no concrete change, so no saving to check"
                },
                "hot_path": {
                  "answer": "MAYBE",
                  "evidence": "the code was not located"
                },
                "complexity_justified": {
                  "answer": "YES",
                  "evidence": "impact Medium against effort Low (proposal of 0 line(s), 0 prerequisite(s))"
                },
                "issues": [
                  {
                    "id": "F-015-I1",
                    "description": "The proposal is a sketch, not a change to this code: the proposal has no code, only advice: \"Keep the entries and clear what each holds:\". The finding is kept as a LOW note. [rule: sketch-proposal]",
                    "risk": "A reader cannot apply or check a category of fixes; approving it would approve nothing concrete.",
                    "suggestion": "Write the change for this code (its names, its types), then validate again."
                  }
                ],
                "conditions": [],
                "counterexample": "the proposal has no code, only advice: \"Keep the entries and clear what each holds:\": there is no code to compile or to review against lines 35-35, so there is nothing to approve; the observation stays as a note.",
                "engine": "builtin"
              },
              "decision": null
            },
            {
              "finding": {
                "id": "F-016",
                "fingerprint": "2f8effc2e3da5786",
                "category": "LIFETIME_EXTENSION",
                "file": "crates/scan/src/watch.rs",
                "line_start": 7,
                "line_end": 7,
                "crate": "ingest-scan",
                "priority": "P1",
                "item_path": "watch::Watcher",
                "confidence": "MEDIUM",
                "safety": "NEEDS_REVIEW",
                "code": "    seen: HashMap<String, SystemTime>,",
                "issue": "`seen` (field of `Watcher`) is used as a cache but entries are only ever inserted: nothing in this file removes, clears or bounds it, so it grows for as long as its owner lives.",
                "proposal": "// Bound the cache: evict on insert once a limit is reached, e.g.\nif cache.len() >= MAX_ENTRIES {\n    cache.clear(); // or an LRU (`lru` crate) / `retain` by age\n}\ncache.insert(key, value);",
                "impact": {
                  "allocations_avoided": null,
                  "bytes_saved": null,
                  "unit": "distinct key seen",
                  "applies_to": "memory held by `seen` over the process lifetime",
                  "level": "High"
                },
                "tradeoffs": {
                  "pros": [
                    "Memory stays bounded on long runs and large inputs."
                  ],
                  "cons": [
                    "Evicted entries are recomputed; a limit must be chosen."
                  ]
                },
                "prerequisites": [
                  "Check other files of the crate for eviction before changing it."
                ],
                "source": "builtin",
                "reach": {
                  "heat": "warm",
                  "loop_depth": 0,
                  "reasons": [
                    "a type declaration: paid wherever its values are built or stored"
                  ],
                  "growth": {
                    "sites": [
                      "`Watcher::poll` (crates/scan/src/watch.rs:30): entry: public API `Watcher::poll` of library `ingest_scan`: called per call of its user"
                    ],
                    "unbounded": "`Watcher::poll` (crates/scan/src/watch.rs:30): entry: public API `Watcher::poll` of library `ingest_scan`: called per call of its user"
                  }
                }
              },
              "state": "persisting",
              "validation": {
                "finding_id": "F-016",
                "fingerprint": "2f8effc2e3da5786",
                "verdict": "NEEDS_WORK",
                "lifetime": {
                  "status": "UNCLEAR",
                  "evidence": "the code the finding describes was not located"
                },
                "thread_safety": {
                  "status": "UNCLEAR",
                  "evidence": "the code was not located"
                },
                "no_undefined_behavior": {
                  "status": "PASS",
                  "evidence": "the proposal is safe Rust: no `unsafe`, `transmute` or raw parts"
                },
                "estimate_plausible": {
                  "answer": "NEEDS_MEASUREMENT",
                  "evidence": "the finding gives no allocation or byte count"
                },
                "hot_path": {
                  "answer": "MAYBE",
                  "evidence": "the code was not located"
                },
                "complexity_justified": {
                  "answer": "YES",
                  "evidence": "impact High against effort Medium (proposal of 4 line(s), 1 prerequisite(s))"
                },
                "issues": [
                  {
                    "id": "F-016-I1",
                    "description": "`seen` grows in `Watcher::poll` (crates/scan/src/watch.rs:30): entry: public API `Watcher::poll` of library `ingest_scan`: called per call of its user, and nothing in this file drains, clears or bounds it. Does each pass add a new entry for as long as the program runs, or does it refill the same keys (an intern table, a memo of a finite input)? [rule: field-growth]",
                    "risk": "A collection filled from a finite input is the program's data, not a leak; only growth per event of an unbounded loop keeps memory for nothing.",
                    "suggestion": "Show that `seen` takes new entries without end (a server, a watcher, a UI tick), or that its keys repeat."
                  }
                ],
                "conditions": [
                  "Show that `seen` takes new entries without end (a server, a watcher, a UI tick), or that its keys repeat."
                ],
                "counterexample": null,
                "engine": "builtin"
              },
              "decision": null
            },
            {
              "finding": {
                "id": "F-017",
                "fingerprint": "946356c19bcd4279",
                "category": "ALLOCATION_LOOP",
                "file": "crates/schema/src/validate.rs",
                "line_start": 14,
                "line_end": 14,
                "crate": "ingest-schema",
                "priority": "P2",
                "item_path": "validate::Validator::check_rows",
                "confidence": "HIGH",
                "safety": "SAFE",
                "code": "            let ctx = format!(\"row {i}\");",
                "issue": "`format!()` allocates on every iteration of `for (i,row) in rows.iter().enumerate()`.",
                "proposal": "use std::fmt::Write;\nlet mut buf = String::new(); // once, before the loop\n// in the loop body:\nbuf.clear();\nwrite!(buf, \"row {i}\").unwrap(); // writing to a String cannot fail\n// use `&buf` where the formatted value was used",
                "impact": {
                  "allocations_avoided": 1,
                  "bytes_saved": null,
                  "unit": "iteration of `for (i,row) in rows.iter().enumerate()`",
                  "applies_to": "every call of `validate::Validator::check_rows`",
                  "level": "High"
                },
                "tradeoffs": {
                  "pros": [
                    "Fewer allocator calls on a path that runs once per element."
                  ],
                  "cons": [
                    "A reused buffer must be cleared at the top of each iteration."
                  ]
                },
                "prerequisites": [],
                "source": "builtin",
                "reach": {
                  "heat": "hot",
                  "loop_depth": 1,
                  "reasons": [
                    "runs per iteration of `for (i,row) in rows.iter().enumerate()` in `Validator::check_rows`",
                    "entry: public API `Validator::check_rows` of library `ingest_schema`: called per call of its user"
                  ]
                },
                "edit": {
                  "summary": "`write!` into one reused `String` (`ctx_buf`) instead of `format!`",
                  "hunks": [
                    {
                      "file": "crates/schema/src/validate.rs",
                      "start": 303,
                      "end": 303,
                      "line": 13,
                      "original": "",
                      "replacement": "use std::fmt::Write as _;\n        let mut ctx_buf = String::new();\n        "
                    },
                    {
                      "file": "crates/schema/src/validate.rs",
                      "start": 357,
                      "end": 386,
                      "line": 14,
                      "original": "let ctx = format!(\"row {i}\");",
                      "replacement": "ctx_buf.clear();\n            write!(ctx_buf, \"row {i}\").unwrap();\n            let ctx = ctx_buf.as_str();"
                    }
                  ]
                }
              },
              "state": "persisting",
              "validation": {
                "finding_id": "F-017",
                "fingerprint": "946356c19bcd4279",
                "verdict": "APPROVED",
                "lifetime": {
                  "status": "PASS",
                  "evidence": "`format!(..)` at line 14 stays within one iteration of the `for` loop at line 13: `ctx` is only read or borrowed after it is made, and dropped at the end of its scope; one reused buffer in its place lives long enough"
                },
                "thread_safety": {
                  "status": "N/A",
                  "evidence": "`fn check_rows` neither spawns nor runs in a task: the change is single-threaded"
                },
                "no_undefined_behavior": {
                  "status": "PASS",
                  "evidence": "the proposal is safe Rust: no `unsafe`, `transmute` or raw parts"
                },
                "estimate_plausible": {
                  "answer": "YES",
                  "evidence": "1 allocation(s) per iteration of `for (i,row) in rows.iter().enumerate()` against 1 allocating expression(s) at lines 14-14, each run once per iteration"
                },
                "hot_path": {
                  "answer": "YES",
                  "evidence": "per iteration of the `for` loop at line 13 in `fn check_rows`; once per call of an entry point: runs per iteration of `for (i,row) in rows.iter().enumerate()` in `Validator::check_rows` ← entry: public API `Validator::check_rows` of library `ingest_schema`: called per call of its user"
                },
                "complexity_justified": {
                  "answer": "YES",
                  "evidence": "impact High against effort Low (proposal of 4 line(s), 0 prerequisite(s))"
                },
                "issues": [],
                "conditions": [
                  "Gain: one allocation of `format!(..)` per iteration of the `for` loop at line 13, after the first iterations (the buffer keeps its capacity)",
                  "the buffer is created once above the `for` loop at line 13 and `clear()`ed at the start of each iteration",
                  "the buffer is not stored, sent or returned from the loop body",
                  "the crate's tests pass and a heap profile (DHAT) of a representative input shows fewer allocations"
                ],
                "counterexample": null,
                "engine": "builtin"
              },
              "decision": null
            },
            {
              "finding": {
                "id": "F-018",
                "fingerprint": "9cbd177bca9017a0",
                "category": "ALLOCATION_LOOP",
                "file": "crates/schema/src/validate.rs",
                "line_start": 28,
                "line_end": 28,
                "crate": "ingest-schema",
                "priority": "P2",
                "item_path": "validate::Validator::empty_fields",
                "confidence": "MEDIUM",
                "safety": "NEEDS_REVIEW",
                "code": "                names.push(name.to_owned());",
                "issue": "`.to_owned()` allocates on each iteration of `for (name,value) in self.schema.names.iter().zip(row)` that takes this path (the branch at line 27), not on every iteration.",
                "proposal": "// The owned value is stored: consider interning repeated strings, a `Cow<'_, str>`\n// that borrows from the input, or one arena per batch.",
                "impact": {
                  "allocations_avoided": 1,
                  "bytes_saved": null,
                  "unit": "iteration of `for (name,value) in self.schema.names.iter().zip(row)`",
                  "applies_to": "every call of `validate::Validator::empty_fields`",
                  "level": "High"
                },
                "tradeoffs": {
                  "pros": [
                    "Fewer allocator calls on a path that runs once per element."
                  ],
                  "cons": [
                    "The value is stored, so removing the allocation changes the stored type (borrow, `Cow`, interning or an arena)."
                  ]
                },
                "prerequisites": [],
                "source": "builtin",
                "reach": {
                  "heat": "hot",
                  "loop_depth": 1,
                  "reasons": [
                    "runs per iteration of `for (name,value) in self.schema.names.iter().zip(row)` in `Validator::empty_fields`",
                    "entry: public API `Validator::empty_fields` of library `ingest_schema`: called per call of its user"
                  ]
                }
              },
              "state": "persisting",
              "validation": {
                "finding_id": "F-018",
                "fingerprint": "9cbd177bca9017a0",
                "verdict": "REJECTED",
                "lifetime": {
                  "status": "UNCLEAR",
                  "evidence": "`name.to_owned()` at line 28 outlives its expression: it is passed to `.push(..)` at line 28, which keeps it"
                },
                "thread_safety": {
                  "status": "N/A",
                  "evidence": "`fn empty_fields` neither spawns nor runs in a task: the change is single-threaded"
                },
                "no_undefined_behavior": {
                  "status": "PASS",
                  "evidence": "the proposal is safe Rust: no `unsafe`, `transmute` or raw parts"
                },
                "estimate_plausible": {
                  "answer": "MAYBE",
                  "evidence": "no concrete change, so no saving to check"
                },
                "hot_path": {
                  "answer": "YES",
                  "evidence": "per iteration of the `for` loop at line 26 in `fn empty_fields`; once per call of an entry point: runs per iteration of `for (name,value) in self.schema.names.iter().zip(row)` in `Validator::empty_fields` ← entry: public API `Validator::empty_fields` of library `ingest_schema`: called per call of its user"
                },
                "complexity_justified": {
                  "answer": "YES",
                  "evidence": "impact High against effort Low (proposal of 0 line(s), 0 prerequisite(s))"
                },
                "issues": [
                  {
                    "id": "F-018-I1",
                    "description": "The proposal is a sketch, not a change to this code: the proposal has no code, only advice: \"The owned value is stored: consider interning repeated strings, a `Cow<'_, str>`\". The finding is kept as a LOW note. [rule: sketch-proposal]",
                    "risk": "A reader cannot apply or check a category of fixes; approving it would approve nothing concrete.",
                    "suggestion": "Write the change for this code (its names, its types), then validate again."
                  }
                ],
                "conditions": [],
                "counterexample": "the proposal has no code, only advice: \"The owned value is stored: consider interning repeated strings, a `Cow<'_, str>`\": there is no code to compile or to review against lines 28-28, so there is nothing to approve; the observation stays as a note.",
                "engine": "builtin"
              },
              "decision": null
            },
            {
              "finding": {
                "id": "F-019",
                "fingerprint": "546c87452fe37e87",
                "category": "ALLOCATION_LOOP",
                "file": "crates/schema/src/validate.rs",
                "line_start": 46,
                "line_end": 46,
                "crate": "ingest-schema",
                "priority": "P2",
                "item_path": "validate::tests::counts_rows",
                "confidence": "MEDIUM",
                "safety": "NEEDS_REVIEW",
                "code": "        let rows: Vec<Vec<String>> = (0..3).map(|i| vec![i.to_string()]).collect();",
                "issue": "`.to_string()` allocates on every element of `0..3.map(..)`.",
                "proposal": "// The owned value is stored: consider interning repeated strings, a `Cow<'_, str>`\n// that borrows from the input, or one arena per batch.",
                "impact": {
                  "allocations_avoided": 1,
                  "bytes_saved": null,
                  "unit": "element of `0..3.map(..)`",
                  "applies_to": "every call of `validate::tests::counts_rows`",
                  "level": "Medium"
                },
                "tradeoffs": {
                  "pros": [
                    "Fewer allocator calls on a path that runs once per element."
                  ],
                  "cons": [
                    "The value is stored, so removing the allocation changes the stored type (borrow, `Cow`, interning or an arena)."
                  ]
                },
                "prerequisites": [],
                "source": "builtin",
                "reach": {
                  "heat": "cold",
                  "cold": "test",
                  "loop_depth": 0,
                  "reasons": [
                    "`mod tests` is under `#[cfg(test)]`"
                  ]
                }
              },
              "state": "persisting",
              "validation": {
                "finding_id": "F-019",
                "fingerprint": "546c87452fe37e87",
                "verdict": "REJECTED",
                "lifetime": {
                  "status": "N/A",
                  "evidence": "not assessed: the finding is rejected by rule `test-code`"
                },
                "thread_safety": {
                  "status": "N/A",
                  "evidence": "not assessed: `fn counts_rows` needs no change"
                },
                "no_undefined_behavior": {
                  "status": "N/A",
                  "evidence": "nothing to change: the code stays as it is"
                },
                "estimate_plausible": {
                  "answer": "NO",
                  "evidence": "the claimed saving cannot be realised: the code is needed as written"
                },
                "hot_path": {
                  "answer": "NO",
                  "evidence": "test code: `mod tests` is under `#[cfg(test)]`"
                },
                "complexity_justified": {
                  "answer": "NO",
                  "evidence": "no saving to pay for the change"
                },
                "issues": [
                  {
                    "id": "F-019-I1",
                    "description": "`(0..3).map(|i|__macro_vec(i.to_string())).collect()` is test code: `mod tests` is under `#[cfg(test)]`. [rule: test-code]",
                    "risk": "Optimising it changes nothing for users and makes tests harder to read.",
                    "suggestion": "Exclude test code from the audit (`tests/` and `#[cfg(test)]`)."
                  }
                ],
                "conditions": [],
                "counterexample": "`mod tests` is under `#[cfg(test)]`: it runs only under `cargo test` or `cargo bench`, never in a release build, so the allocation at line 46 costs production nothing.",
                "engine": "builtin"
              },
              "decision": null
            },
            {
              "finding": {
                "id": "F-020",
                "fingerprint": "39956bb002c4f088",
                "category": "UNNECESSARY_CLONE",
                "file": "crates/schema/src/validate.rs",
                "line_start": 47,
                "line_end": 47,
                "crate": "ingest-schema",
                "priority": "P2",
                "item_path": "validate::tests::counts_rows",
                "confidence": "HIGH",
                "safety": "SAFE",
                "code": "        assert_eq!(v.check_rows(&rows.clone()), Ok(3));",
                "issue": "`&rows.clone()` allocates a copy of `rows` only to lend it; the copy is dropped at the end of the statement.",
                "proposal": "// Lend the original instead of a fresh copy:\n&rows",
                "impact": {
                  "allocations_avoided": 1,
                  "bytes_saved": null,
                  "unit": "call of `validate::tests::counts_rows`",
                  "applies_to": "every call of `validate::tests::counts_rows`",
                  "level": "Low"
                },
                "tradeoffs": {
                  "pros": [
                    "One allocation and one copy fewer, no behaviour change."
                  ],
                  "cons": [
                    "None; if the borrow checker objects, the clone was breaking a borrow conflict and should stay."
                  ]
                },
                "prerequisites": [],
                "source": "builtin",
                "reach": {
                  "heat": "cold",
                  "cold": "test",
                  "loop_depth": 0,
                  "reasons": [
                    "`mod tests` is under `#[cfg(test)]`"
                  ]
                },
                "edit": {
                  "summary": "drop the `.clone()`",
                  "hunks": [
                    {
                      "file": "crates/schema/src/validate.rs",
                      "start": 1305,
                      "end": 1313,
                      "line": 47,
                      "original": ".clone()",
                      "replacement": ""
                    }
                  ]
                }
              },
              "state": "persisting",
              "validation": {
                "finding_id": "F-020",
                "fingerprint": "39956bb002c4f088",
                "verdict": "REJECTED",
                "lifetime": {
                  "status": "N/A",
                  "evidence": "not assessed: the finding is rejected by rule `test-code`"
                },
                "thread_safety": {
                  "status": "N/A",
                  "evidence": "not assessed: `fn counts_rows` needs no change"
                },
                "no_undefined_behavior": {
                  "status": "N/A",
                  "evidence": "nothing to change: the code stays as it is"
                },
                "estimate_plausible": {
                  "answer": "NO",
                  "evidence": "the claimed saving cannot be realised: the code is needed as written"
                },
                "hot_path": {
                  "answer": "NO",
                  "evidence": "test code: `mod tests` is under `#[cfg(test)]`"
                },
                "complexity_justified": {
                  "answer": "NO",
                  "evidence": "no saving to pay for the change"
                },
                "issues": [
                  {
                    "id": "F-020-I1",
                    "description": "`rows.clone()` is test code: `mod tests` is under `#[cfg(test)]`. [rule: test-code]",
                    "risk": "Optimising it changes nothing for users and makes tests harder to read.",
                    "suggestion": "Exclude test code from the audit (`tests/` and `#[cfg(test)]`)."
                  }
                ],
                "conditions": [],
                "counterexample": "`mod tests` is under `#[cfg(test)]`: it runs only under `cargo test` or `cargo bench`, never in a release build, so the allocation at line 47 costs production nothing.",
                "engine": "builtin"
              },
              "decision": null
            },
            {
              "finding": {
                "id": "F-021",
                "fingerprint": "63bf219bd2a29396",
                "category": "ALLOCATION_LOOP",
                "file": "crates/config/src/lib.rs",
                "line_start": 14,
                "line_end": 14,
                "crate": "ingest-config",
                "priority": "P3",
                "item_path": "Config::load",
                "confidence": "MEDIUM",
                "safety": "NEEDS_REVIEW",
                "code": "            columns.push(c.to_string());",
                "issue": "`.to_string()` allocates on every iteration of `for c in text.split(',')`.",
                "proposal": "// The owned value is stored: consider interning repeated strings, a `Cow<'_, str>`\n// that borrows from the input, or one arena per batch.",
                "impact": {
                  "allocations_avoided": 1,
                  "bytes_saved": null,
                  "unit": "iteration of `for c in text.split(',')`",
                  "applies_to": "every call of `Config::load`",
                  "level": "Medium"
                },
                "tradeoffs": {
                  "pros": [
                    "Fewer allocator calls on a path that runs once per element."
                  ],
                  "cons": [
                    "The value is stored, so removing the allocation changes the stored type (borrow, `Cow`, interning or an arena)."
                  ]
                },
                "prerequisites": [],
                "source": "builtin",
                "reach": {
                  "heat": "hot",
                  "loop_depth": 1,
                  "reasons": [
                    "runs per iteration of `for c in text.split(',')` in `Config::load`",
                    "entry: public API `Config::load` of library `ingest_config`: it builds or configures, once per use of the library"
                  ]
                }
              },
              "state": "persisting",
              "validation": {
                "finding_id": "F-021",
                "fingerprint": "63bf219bd2a29396",
                "verdict": "REJECTED",
                "lifetime": {
                  "status": "UNCLEAR",
                  "evidence": "`c.to_string()` at line 14 outlives its expression: it is passed to `.push(..)` at line 14, which keeps it"
                },
                "thread_safety": {
                  "status": "N/A",
                  "evidence": "`fn load` neither spawns nor runs in a task: the change is single-threaded"
                },
                "no_undefined_behavior": {
                  "status": "PASS",
                  "evidence": "the proposal is safe Rust: no `unsafe`, `transmute` or raw parts"
                },
                "estimate_plausible": {
                  "answer": "MAYBE",
                  "evidence": "no concrete change, so no saving to check"
                },
                "hot_path": {
                  "answer": "NO",
                  "evidence": "per iteration of the `for` loop at line 13 in `fn load`; once per process: runs per iteration of `for c in text.split(',')` in `Config::load` ← entry: public API `Config::load` of library `ingest_config`: it builds or configures, once per use of the library"
                },
                "complexity_justified": {
                  "answer": "YES",
                  "evidence": "impact Medium against effort Low (proposal of 0 line(s), 0 prerequisite(s))"
                },
                "issues": [
                  {
                    "id": "F-021-I1",
                    "description": "The proposal is a sketch, not a change to this code: the proposal has no code, only advice: \"The owned value is stored: consider interning repeated strings, a `Cow<'_, str>`\". The finding is kept as a LOW note. [rule: sketch-proposal]",
                    "risk": "A reader cannot apply or check a category of fixes; approving it would approve nothing concrete.",
                    "suggestion": "Write the change for this code (its names, its types), then validate again."
                  }
                ],
                "conditions": [],
                "counterexample": "the proposal has no code, only advice: \"The owned value is stored: consider interning repeated strings, a `Cow<'_, str>`\": there is no code to compile or to review against lines 14-14, so there is nothing to approve; the observation stays as a note.",
                "engine": "builtin"
              },
              "decision": null
            }
          ],
          "report": {
            "round": 2,
            "summary": {
              "total": 14,
              "approved": 7,
              "needs_work": 6,
              "rejected": 1,
              "new": 0,
              "estimated_bytes_saved": null,
              "estimated_allocations_avoided": 6,
              "estimated_allocation_reduction_pct": 100.0,
              "measured": null,
              "figures": [
                {
                  "key": "memory_impact",
                  "label": "Memory impact",
                  "value": null,
                  "unit": "not estimated",
                  "kind": "unknown",
                  "basis": "No approved finding states a byte saving, and the session has no heap profile.",
                  "action": "Profile a workload (`memaudit profile`) to measure it."
                },
                {
                  "key": "allocation_reduction",
                  "label": "Allocation reduction",
                  "value": "~100%",
                  "unit": "of the allocations flagged in hot code",
                  "kind": "estimated",
                  "basis": "Not measured. Hot-path findings state 6 allocations per pass through their code; approved findings remove 6 of them. Only what the audit flagged is counted, not the program's allocations: this is not the share of its allocations a program would lose.",
                  "action": "Profile a workload (`memaudit profile`) to measure it."
                },
                {
                  "key": "allocations",
                  "label": "Allocations removed per pass",
                  "value": "~6",
                  "unit": "summed over 6 approved findings",
                  "kind": "estimated",
                  "basis": "Each approved finding states the allocations one pass through its code (one loop iteration or call) would no longer make; this sums them over 6 findings. Not a count over a run: how often each pass runs is unknown without a profile.",
                  "action": "Profile a workload (`memaudit profile`) to measure it."
                }
              ],
              "cold": 4,
              "notes": 3
            },
            "quick_wins": [
              {
                "finding_id": "F-002",
                "location": "ingest-proto/codec.rs",
                "category": "ALLOCATION_LOOP",
                "impact": "High",
                "effort": "Low",
                "score": 9.0,
                "measured": false,
                "at": "crates/proto/src/codec.rs:24",
                "summary": "`format!()` allocates on every iteration of `for (name,value) in names.iter().zip(row)`.",
                "validation": "APPROVED (builtin): hot path YES — per iteration of the `for` loop at line 23 in `fn encode_row`; called per item: runs per iteration of `for (name,value) in names.iter().zip(row)` in…; lifetime PASS, thread safety N/A, no UB PASS",
                "gain": "~1 allocation per iteration of `for (name,value) in names.iter().zip(row)` (estimate, not measured)",
                "diff": "--- a/crates/proto/src/codec.rs\n+++ b/crates/proto/src/codec.rs\n@@ line 23 @@\n+use std::fmt::Write as _;\n+    let mut pair_buf = String::new();\n@@ line 24 @@\n-let pair = format!(\"{name}={value};\");\n+pair_buf.clear();\n+        write!(pair_buf, \"{name}={value};\").unwrap();\n+        let pair = pair_buf.as_str();\n",
                "proposal": "use std::fmt::Write;\nlet mut buf = String::new(); // once, before the loop\n// in the loop body:\nbuf.clear();\nwrite!(buf, \"{name}={value};\").unwrap(); // writing to a String cannot fail\n// use `&buf` where the formatted value was used"
              },
              {
                "finding_id": "F-003",
                "location": "ingest-proto/codec.rs",
                "category": "ALLOCATION_LOOP",
                "impact": "High",
                "effort": "Low",
                "score": 9.0,
                "measured": false,
                "at": "crates/proto/src/codec.rs:33",
                "summary": "`buf` (Vec::new()) is created, filled and dropped on every iteration; its heap buffer is allocated (and regrown) each time.",
                "validation": "APPROVED (builtin): hot path YES — per iteration of the `for` loop at line 32 in `fn encode_all`; once per call of an entry point: runs per iteration of `for msg in messages` in `encode_all` ← en…; lifetime PASS, thread safety N/A, no UB PASS",
                "gain": "~1 allocation per iteration of `for msg in messages` (estimate, not measured)",
                "diff": "--- a/crates/proto/src/codec.rs\n+++ b/crates/proto/src/codec.rs\n@@ line 32 @@\n+let mut buf = Vec::new();\n@@ line 33 @@\n-let mut buf = Vec::new();\n+buf.clear();\n",
                "proposal": "let mut buf = Vec::new(); // once, before the loop\n// in the loop body:\nbuf.clear(); // keeps the capacity"
              },
              {
                "finding_id": "F-011",
                "location": "ingest-worker/lib.rs",
                "category": "ALLOCATION_LOOP",
                "impact": "High",
                "effort": "Low",
                "score": 9.0,
                "measured": false,
                "at": "crates/worker/src/lib.rs:39",
                "summary": "`.collect()` allocates on every iteration of `for line in reader.lines()`.",
                "validation": "APPROVED (builtin): hot path YES — per iteration of the `for` loop at line 37 in `fn process_file`; called per item: runs per element of `line.split(',').map(..)` in `Worker::process_file` ← call…; lifetime PASS, thread safety N/A, no UB PASS",
                "gain": "~1 allocation per iteration of `for line in reader.lines()` (estimate, not measured)",
                "diff": "--- a/crates/worker/src/lib.rs\n+++ b/crates/worker/src/lib.rs\n@@ line 37 @@\n+let mut fields: Vec<String> = Vec::new();\n@@ line 39 @@\n-let fields: Vec<String> = line.split(',').map(|s| s.to_string()).collect();\n+fields.clear();\n+            fields.extend(line.split(',').map(|s| s.to_string()));\n",
                "proposal": "let mut buf = Vec::new(); // once, before the loop\n// in the loop body:\nbuf.clear();\nbuf.extend(/* the same iterator */);"
              },
              {
                "finding_id": "F-012",
                "location": "ingest-worker/lib.rs",
                "category": "ALLOCATION_LOOP",
                "impact": "High",
                "effort": "Low",
                "score": 9.0,
                "measured": false,
                "at": "crates/worker/src/lib.rs:40",
                "summary": "`format!()` allocates on every iteration of `for line in reader.lines()`.",
                "validation": "APPROVED (builtin): hot path YES — per iteration of the `for` loop at line 37 in `fn process_file`; called per item: runs per iteration of `for line in reader.lines()` in `Worker::process_file` ←…; lifetime PASS, thread safety N/A, no UB PASS",
                "gain": "~1 allocation per iteration of `for line in reader.lines()` (estimate, not measured)",
                "diff": null,
                "proposal": "use std::fmt::Write;\nlet mut buf = String::new(); // once, before the loop\n// in the loop body:\nbuf.clear();\nwrite!(buf, \"{}:{}\", path, fields.len()).unwrap(); // writing to a String cannot fail\n// use `&buf` where the formatted value was used"
              },
              {
                "finding_id": "F-017",
                "location": "ingest-schema/validate.rs",
                "category": "ALLOCATION_LOOP",
                "impact": "High",
                "effort": "Low",
                "score": 9.0,
                "measured": false,
                "at": "crates/schema/src/validate.rs:14",
                "summary": "`format!()` allocates on every iteration of `for (i,row) in rows.iter().enumerate()`.",
                "validation": "APPROVED (builtin): hot path YES — per iteration of the `for` loop at line 13 in `fn check_rows`; once per call of an entry point: runs per iteration of `for (i,row) in rows.iter().enumerate()` i…; lifetime PASS, thread safety N/A, no UB PASS",
                "gain": "~1 allocation per iteration of `for (i,row) in rows.iter().enumerate()` (estimate, not measured)",
                "diff": "--- a/crates/schema/src/validate.rs\n+++ b/crates/schema/src/validate.rs\n@@ line 13 @@\n+use std::fmt::Write as _;\n+        let mut ctx_buf = String::new();\n@@ line 14 @@\n-let ctx = format!(\"row {i}\");\n+ctx_buf.clear();\n+            write!(ctx_buf, \"row {i}\").unwrap();\n+            let ctx = ctx_buf.as_str();\n",
                "proposal": "use std::fmt::Write;\nlet mut buf = String::new(); // once, before the loop\n// in the loop body:\nbuf.clear();\nwrite!(buf, \"row {i}\").unwrap(); // writing to a String cannot fail\n// use `&buf` where the formatted value was used"
              },
              {
                "finding_id": "F-005",
                "location": "ingest-scan/walk.rs",
                "category": "ALLOCATION_LOOP",
                "impact": "Medium",
                "effort": "Low",
                "score": 6.0,
                "measured": false,
                "at": "crates/scan/src/walk.rs:38",
                "summary": "`out` starts empty and receives exactly one `push` per iteration of `for f in found`, so it reallocates about log2(n) times while growing although the final length is known up front.",
                "validation": "APPROVED (builtin): hot path YES — per iteration of the `for` loop at line 39 in `fn sizes`; once per call of an entry point: entry: public API `sizes` of library `ingest_scan`: called per call o…; lifetime PASS, thread safety N/A, no UB PASS",
                "gain": "— not estimated; profile a workload (`memaudit profile`) to measure it",
                "diff": "--- a/crates/scan/src/walk.rs\n+++ b/crates/scan/src/walk.rs\n@@ line 38 @@\n-Vec::new()\n+Vec::with_capacity(found.len())\n",
                "proposal": "let mut out = Vec::with_capacity(found.len());"
              },
              {
                "finding_id": "F-006",
                "location": "ingest-scan/walk.rs",
                "category": "ALLOCATION_LOOP",
                "impact": "Medium",
                "effort": "Low",
                "score": 6.0,
                "measured": false,
                "at": "crates/scan/src/walk.rs:42",
                "summary": "`parts` collects every item into a new `Vec` on every iteration of `for f in found`, but it is only counted: the iterator gives the same answer without the allocation and the copy of each item.",
                "validation": "APPROVED (builtin): hot path YES — per iteration of the `for` loop at line 39 in `fn sizes`; once per call of an entry point: runs per iteration of `for f in found` in `sizes` ← entry: public API…; lifetime PASS, thread safety N/A, no UB PASS",
                "gain": "~1 allocation per iteration of `for f in found` (estimate, not measured)",
                "diff": null,
                "proposal": "let parts_len = f.split('/').count();\n// then `parts_len` for `parts.len()`, `parts_len == 0` for `parts.is_empty()`"
              }
            ],
            "recommendations": [
              {
                "pattern": "per-iteration `Vec` allocation",
                "category": "ALLOCATION_LOOP",
                "finding_ids": [
                  "F-003",
                  "F-005",
                  "F-008",
                  "F-009",
                  "F-010"
                ],
                "locations": [
                  "crates/proto/src/codec.rs:33",
                  "crates/scan/src/walk.rs:38",
                  "crates/worker/src/batch.rs:23",
                  "crates/worker/src/batch.rs:32",
                  "crates/worker/src/batch.rs:47"
                ],
                "unified_fix": "Hoist one `Vec` above the loop and `clear()` it per iteration (capacity is kept); share a `BufferPool` where the loop spans functions."
              },
              {
                "pattern": "`format!` in a loop",
                "category": "ALLOCATION_LOOP",
                "finding_ids": [
                  "F-002",
                  "F-012",
                  "F-017"
                ],
                "locations": [
                  "crates/proto/src/codec.rs:24",
                  "crates/schema/src/validate.rs:14",
                  "crates/worker/src/lib.rs:40"
                ],
                "unified_fix": "Write into one reusable `String` with `write!` after `clear()`; where buffers cross functions, a small `BufferPool` hands them out and takes them back."
              }
            ],
            "by_crate": [
              {
                "crate": "ingest-proto",
                "priority": "P0",
                "findings": [
                  {
                    "finding_id": "F-001",
                    "summary": "Variant `Data` is ~4096 bytes while the next largest is ~0: every `Message` value (in vectors, maps, channels) occupies the largest size.",
                    "verdict": "NEEDS_WORK",
                    "state": "persisting"
                  },
                  {
                    "finding_id": "F-002",
                    "summary": "`format!()` allocates on every iteration of `for (name,value) in names.iter().zip(row)`.",
                    "verdict": "APPROVED",
                    "state": "persisting"
                  },
                  {
                    "finding_id": "F-003",
                    "summary": "`buf` (Vec::new()) is created, filled and dropped on every iteration; its heap buffer is allocated (and regrown) each time.",
                    "verdict": "APPROVED",
                    "state": "persisting"
                  },
                  {
                    "finding_id": "F-004",
                    "summary": "`Box<[u8; 8]>` puts a fixed 8-byte array (8 elements) behind a heap allocation; it fits inline.",
                    "verdict": "NEEDS_WORK",
                    "state": "persisting"
                  }
                ]
              },
              {
                "crate": "ingest-scan",
                "priority": "P0",
                "findings": [
                  {
                    "finding_id": "F-005",
                    "summary": "`out` starts empty and receives exactly one `push` per iteration of `for f in found`, so it reallocates about log2(n) times while growing although the final length is known up front.",
                    "verdict": "APPROVED",
                    "state": "persisting"
                  },
                  {
                    "finding_id": "F-006",
                    "summary": "`parts` collects every item into a new `Vec` on every iteration of `for f in found`, but it is only counted: the iterator gives the same answer without the allocation and the copy of each item.",
                    "verdict": "APPROVED",
                    "state": "persisting"
                  },
                  {
                    "finding_id": "F-016",
                    "summary": "`seen` (field of `Watcher`) is used as a cache but entries are only ever inserted: nothing in this file removes, clears or bounds it, so it grows for as long as its owner lives.",
                    "verdict": "NEEDS_WORK",
                    "state": "persisting"
                  }
                ]
              },
              {
                "crate": "ingest-schema",
                "priority": "P0",
                "findings": [
                  {
                    "finding_id": "F-007",
                    "summary": "`Type` is a recursive type whose nodes are each a separate heap allocation; a tree is typically built and dropped as a whole, which an arena does in one go.",
                    "verdict": "NEEDS_WORK",
                    "state": "persisting"
                  },
                  {
                    "finding_id": "F-017",
                    "summary": "`format!()` allocates on every iteration of `for (i,row) in rows.iter().enumerate()`.",
                    "verdict": "APPROVED",
                    "state": "persisting"
                  },
                  {
                    "finding_id": "F-018",
                    "summary": "`.to_owned()` allocates on each iteration of `for (name,value) in self.schema.names.iter().zip(row)` that takes this path (the branch at line 27), not on every iteration.",
                    "verdict": "REJECTED",
                    "state": "persisting"
                  },
                  {
                    "finding_id": "F-019",
                    "summary": "`.to_string()` allocates on every element of `0..3.map(..)`.",
                    "verdict": "REJECTED",
                    "state": "persisting"
                  },
                  {
                    "finding_id": "F-020",
                    "summary": "`&rows.clone()` allocates a copy of `rows` only to lend it; the copy is dropped at the end of the statement.",
                    "verdict": "REJECTED",
                    "state": "persisting"
                  }
                ]
              },
              {
                "crate": "ingest-worker",
                "priority": "P0",
                "findings": [
                  {
                    "finding_id": "F-008",
                    "summary": "`row` starts empty and receives exactly one `push` per iteration of `for field in fields`, so it reallocates about log2(n) times while growing although the final length is known up front.",
                    "verdict": "NEEDS_WORK",
                    "state": "persisting"
                  },
                  {
                    "finding_id": "F-009",
                    "summary": "`cols` starts empty and receives exactly one `push` per iteration of `for name in columns`, so it reallocates about log2(n) times while growing although the final length is known up front.",
                    "verdict": "NEEDS_WORK",
                    "state": "persisting"
                  },
                  {
                    "finding_id": "F-010",
                    "summary": "`encoded` starts empty and receives exactly one `push` per iteration of `for batch in batches`, so it reallocates about log2(n) times while growing although the final length is known up front.",
                    "verdict": "NEEDS_WORK",
                    "state": "persisting"
                  },
                  {
                    "finding_id": "F-011",
                    "summary": "`.collect()` allocates on every iteration of `for line in reader.lines()`.",
                    "verdict": "APPROVED",
                    "state": "persisting"
                  },
                  {
                    "finding_id": "F-012",
                    "summary": "`format!()` allocates on every iteration of `for line in reader.lines()`.",
                    "verdict": "APPROVED",
                    "state": "persisting"
                  },
                  {
                    "finding_id": "F-013",
                    "summary": "`l` is a copy of `label` that is only read afterwards; a borrow gives the same reads without allocating.",
                    "verdict": "REJECTED",
                    "state": "persisting"
                  },
                  {
                    "finding_id": "F-014",
                    "summary": "`label` copies a string literal to the heap but is never changed or handed over; the literal itself is a `&'static str`.",
                    "verdict": "REJECTED",
                    "state": "persisting"
                  },
                  {
                    "finding_id": "F-015",
                    "summary": "`self.sinks.clear()` drops every `Vec<Vec<String>>` it holds together with the buffers each owns; refilling `sinks` allocates them all again (through every doubling) on the next cycle.",
                    "verdict": "REJECTED",
                    "state": "persisting"
                  }
                ]
              },
              {
                "crate": "ingest-config",
                "priority": "P3",
                "findings": [
                  {
                    "finding_id": "F-021",
                    "summary": "`.to_string()` allocates on every iteration of `for c in text.split(',')`.",
                    "verdict": "REJECTED",
                    "state": "persisting"
                  }
                ]
              }
            ],
            "deferred": [
              {
                "finding_id": "F-001",
                "reason": "NEEDS_WORK: The impact is not established: layout and cache effects show only under a profiler (cache misses), not in the syntax. [rule: impact-unknown]"
              },
              {
                "finding_id": "F-004",
                "reason": "NEEDS_WORK: The proposal changes an API: `Box<[u8; 8]>` is written in the return type of `fn header`, and `header` is public: removing the box changes its signature. [rule: api-change]"
              },
              {
                "finding_id": "F-007",
                "reason": "NEEDS_WORK: The proposal changes an API: trade-off says \"Adds a lifetime parameter (or indices) to the type; individual nodes cannot be freed early.\". [rule: api-change]"
              },
              {
                "finding_id": "F-008",
                "reason": "NEEDS_WORK: Is `fn push_row` called once per item of the program's data (a file, a line, a record, an event)? The call graph found no caller: no caller of `BatchBuilder::push_row` found in the workspace (called through a macro, a function pointer, or not at all). [rule: caller-unknown]"
              },
              {
                "finding_id": "F-009",
                "reason": "NEEDS_WORK: Is `fn build` called once per item of the program's data (a file, a line, a record, an event)? The call graph found no caller: no caller of `BatchBuilder::build` found in the workspace (called through a macro, a function pointer, or not at all). [rule: caller-unknown]"
              },
              {
                "finding_id": "F-010",
                "reason": "NEEDS_WORK: Is `fn encode_batches` called once per item of the program's data (a file, a line, a record, an event)? The call graph found no caller: no caller of `encode_batches` found in the workspace (called through a macro, a function pointer, or not at all). [rule: caller-unknown]"
              },
              {
                "finding_id": "F-016",
                "reason": "NEEDS_WORK: `seen` grows in `Watcher::poll` (crates/scan/src/watch.rs:30): entry: public API `Watcher::poll` of library `ingest_scan`: called per call of its user, and nothing in this file drains, clears or bounds it. Does each pass add a new entry for as long as the program runs, or does it refill the same keys (an intern table, a memo of a finite input)? [rule: field-growth]"
              }
            ],
            "next_focus": [
              "Rework 1 NEEDS_WORK finding(s) in HEAP_AVOIDABLE: F-004",
              "Rework 1 NEEDS_WORK finding(s) in LIFETIME_EXTENSION: F-016",
              "Rework 1 NEEDS_WORK finding(s) in CACHE_HOSTILE: F-001",
              "Rework 3 NEEDS_WORK finding(s) in ALLOCATION_LOOP: F-008, F-009, F-010"
            ],
            "termination": [
              {
                "name": "All P0 crates analysed",
                "met": true,
                "detail": "4 P0 crate(s) analysed: ingest-scan, ingest-worker, ingest-proto, ingest-schema"
              },
              {
                "name": "No new HIGH-impact findings in the last round",
                "met": true,
                "detail": "round 2 found no new HIGH-impact finding"
              },
              {
                "name": "No findings awaiting rework",
                "met": false,
                "detail": "6 NEEDS_WORK finding(s) without a decision: F-001, F-004, F-008, F-009, F-010, F-016"
              },
              {
                "name": "Actionable report generated",
                "met": true,
                "detail": "7 approved finding(s) ready to implement"
              },
              {
                "name": "User satisfied with coverage",
                "met": false,
                "detail": "the user has not terminated the session"
              }
            ],
            "verified": []
          },
          "role_runs": [
            {
              "role": "analyst",
              "engine": "builtin",
              "started_at": "2025-03-18T09:30:00.000Z",
              "finished_at": "2025-03-18T09:30:00.820Z",
              "duration_ms": 820,
              "tokens_in": 0,
              "tokens_out": 0,
              "cost_usd": 0.0,
              "status": "finished",
              "error": null
            },
            {
              "role": "validator",
              "engine": "builtin",
              "started_at": "2025-03-18T09:30:00.820Z",
              "finished_at": "2025-03-18T09:30:01.160Z",
              "duration_ms": 340,
              "tokens_in": 0,
              "tokens_out": 0,
              "cost_usd": 0.0,
              "status": "finished",
              "error": null
            },
            {
              "role": "coordinator",
              "engine": "builtin",
              "started_at": "2025-03-18T09:30:01.160Z",
              "finished_at": "2025-03-18T09:30:01.205Z",
              "duration_ms": 45,
              "tokens_in": 0,
              "tokens_out": 0,
              "cost_usd": 0.0,
              "status": "finished",
              "error": null
            }
          ],
          "decision": null,
          "focus": []
        },
        "overview": {
          "number": 2,
          "status": "awaiting_decision",
          "started_at": "2025-03-18T09:30:00.000Z",
          "finished_at": "2025-03-18T09:30:02.000Z",
          "error": null,
          "findings": [
            {
              "id": "F-001",
              "category": "CACHE_HOSTILE",
              "file": "crates/proto/src/codec.rs",
              "line_start": 3,
              "line_end": 6,
              "crate": "ingest-proto",
              "priority": "P0",
              "item_path": "codec::Message",
              "summary": "Variant `Data` is ~4096 bytes while the next largest is ~0: every `Message` value (in vectors, maps, channels) occupies the largest size.",
              "impact": {
                "allocations_avoided": null,
                "bytes_saved": 4088,
                "unit": "`Message` value stored",
                "applies_to": "every collection or message holding `Message`",
                "level": "High"
              },
              "source": "builtin",
              "state": "persisting",
              "verdict": "NEEDS_WORK",
              "decision": null
            },
            {
              "id": "F-002",
              "category": "ALLOCATION_LOOP",
              "file": "crates/proto/src/codec.rs",
              "line_start": 24,
              "line_end": 24,
              "crate": "ingest-proto",
              "priority": "P0",
              "item_path": "codec::encode_row",
              "summary": "`format!()` allocates on every iteration of `for (name,value) in names.iter().zip(row)`.",
              "impact": {
                "allocations_avoided": 1,
                "bytes_saved": null,
                "unit": "iteration of `for (name,value) in names.iter().zip(row)`",
                "applies_to": "every call of `codec::encode_row`",
                "level": "High"
              },
              "source": "builtin",
              "state": "persisting",
              "verdict": "APPROVED",
              "decision": null
            },
            {
              "id": "F-003",
              "category": "ALLOCATION_LOOP",
              "file": "crates/proto/src/codec.rs",
              "line_start": 33,
              "line_end": 33,
              "crate": "ingest-proto",
              "priority": "P0",
              "item_path": "codec::encode_all",
              "summary": "`buf` (Vec::new()) is created, filled and dropped on every iteration; its heap buffer is allocated (and regrown) each time.",
              "impact": {
                "allocations_avoided": 1,
                "bytes_saved": null,
                "unit": "iteration of `for msg in messages`",
                "applies_to": "every call of `codec::encode_all`",
                "level": "High"
              },
              "source": "builtin",
              "state": "persisting",
              "verdict": "APPROVED",
              "decision": null
            },
            {
              "id": "F-004",
              "category": "HEAP_AVOIDABLE",
              "file": "crates/proto/src/codec.rs",
              "line_start": 43,
              "line_end": 43,
              "crate": "ingest-proto",
              "priority": "P0",
              "item_path": "codec::header",
              "summary": "`Box<[u8; 8]>` puts a fixed 8-byte array (8 elements) behind a heap allocation; it fits inline.",
              "impact": {
                "allocations_avoided": 1,
                "bytes_saved": 16,
                "unit": "value built",
                "applies_to": "every value of this type in `codec::header`",
                "level": "Medium"
              },
              "source": "builtin",
              "state": "persisting",
              "verdict": "NEEDS_WORK",
              "decision": null
            },
            {
              "id": "F-005",
              "category": "ALLOCATION_LOOP",
              "file": "crates/scan/src/walk.rs",
              "line_start": 38,
              "line_end": 38,
              "crate": "ingest-scan",
              "priority": "P0",
              "item_path": "walk::sizes",
              "summary": "`out` starts empty and receives exactly one `push` per iteration of `for f in found`, so it reallocates about log2(n) times while growing although the final le…",
              "impact": {
                "allocations_avoided": null,
                "bytes_saved": null,
                "unit": "call of `walk::sizes`",
                "applies_to": "~log2(n) reallocations and copies per call of `walk::sizes`",
                "level": "Medium"
              },
              "source": "builtin",
              "state": "persisting",
              "verdict": "APPROVED",
              "decision": null
            },
            {
              "id": "F-006",
              "category": "ALLOCATION_LOOP",
              "file": "crates/scan/src/walk.rs",
              "line_start": 42,
              "line_end": 42,
              "crate": "ingest-scan",
              "priority": "P0",
              "item_path": "walk::sizes",
              "summary": "`parts` collects every item into a new `Vec` on every iteration of `for f in found`, but it is only counted: the iterator gives the same answer without the all…",
              "impact": {
                "allocations_avoided": 1,
                "bytes_saved": null,
                "unit": "iteration of `for f in found`",
                "applies_to": "every call of `walk::sizes`",
                "level": "Medium"
              },
              "source": "builtin",
              "state": "persisting",
              "verdict": "APPROVED",
              "decision": null
            },
            {
              "id": "F-007",
              "category": "ARENA_CANDIDATE",
              "file": "crates/schema/src/infer.rs",
              "line_start": 4,
              "line_end": 10,
              "crate": "ingest-schema",
              "priority": "P0",
              "item_path": "infer::Type",
              "summary": "`Type` is a recursive type whose nodes are each a separate heap allocation; a tree is typically built and dropped as a whole, which an arena does in one go.",
              "impact": {
                "allocations_avoided": null,
                "bytes_saved": null,
                "unit": "`Type` node",
                "applies_to": "every structure built from `Type` nodes",
                "level": "Medium"
              },
              "source": "builtin",
              "state": "persisting",
              "verdict": "NEEDS_WORK",
              "decision": null
            },
            {
              "id": "F-008",
              "category": "ALLOCATION_LOOP",
              "file": "crates/worker/src/batch.rs",
              "line_start": 23,
              "line_end": 23,
              "crate": "ingest-worker",
              "priority": "P0",
              "item_path": "batch::BatchBuilder::push_row",
              "summary": "`row` starts empty and receives exactly one `push` per iteration of `for field in fields`, so it reallocates about log2(n) times while growing although the fin…",
              "impact": {
                "allocations_avoided": null,
                "bytes_saved": null,
                "unit": "call of `batch::BatchBuilder::push_row`",
                "applies_to": "~log2(n) reallocations and copies per call of `batch::BatchBuilder::push_row`",
                "level": "High"
              },
              "source": "builtin",
              "state": "persisting",
              "verdict": "NEEDS_WORK",
              "decision": null
            },
            {
              "id": "F-009",
              "category": "ALLOCATION_LOOP",
              "file": "crates/worker/src/batch.rs",
              "line_start": 32,
              "line_end": 32,
              "crate": "ingest-worker",
              "priority": "P0",
              "item_path": "batch::BatchBuilder::build",
              "summary": "`cols` starts empty and receives exactly one `push` per iteration of `for name in columns`, so it reallocates about log2(n) times while growing although the fi…",
              "impact": {
                "allocations_avoided": null,
                "bytes_saved": null,
                "unit": "call of `batch::BatchBuilder::build`",
                "applies_to": "~log2(n) reallocations and copies per call of `batch::BatchBuilder::build`",
                "level": "High"
              },
              "source": "builtin",
              "state": "persisting",
              "verdict": "NEEDS_WORK",
              "decision": null
            },
            {
              "id": "F-010",
              "category": "ALLOCATION_LOOP",
              "file": "crates/worker/src/batch.rs",
              "line_start": 47,
              "line_end": 47,
              "crate": "ingest-worker",
              "priority": "P0",
              "item_path": "batch::encode_batches",
              "summary": "`encoded` starts empty and receives exactly one `push` per iteration of `for batch in batches`, so it reallocates about log2(n) times while growing although th…",
              "impact": {
                "allocations_avoided": null,
                "bytes_saved": null,
                "unit": "call of `batch::encode_batches`",
                "applies_to": "~log2(n) reallocations and copies per call of `batch::encode_batches`",
                "level": "High"
              },
              "source": "builtin",
              "state": "persisting",
              "verdict": "NEEDS_WORK",
              "decision": null
            },
            {
              "id": "F-011",
              "category": "ALLOCATION_LOOP",
              "file": "crates/worker/src/lib.rs",
              "line_start": 39,
              "line_end": 39,
              "crate": "ingest-worker",
              "priority": "P0",
              "item_path": "Worker::process_file",
              "summary": "`.collect()` allocates on every iteration of `for line in reader.lines()`.",
              "impact": {
                "allocations_avoided": 1,
                "bytes_saved": null,
                "unit": "iteration of `for line in reader.lines()`",
                "applies_to": "every call of `Worker::process_file`",
                "level": "High"
              },
              "source": "builtin",
              "state": "persisting",
              "verdict": "APPROVED",
              "decision": null
            },
            {
              "id": "F-012",
              "category": "ALLOCATION_LOOP",
              "file": "crates/worker/src/lib.rs",
              "line_start": 40,
              "line_end": 40,
              "crate": "ingest-worker",
              "priority": "P0",
              "item_path": "Worker::process_file",
              "summary": "`format!()` allocates on every iteration of `for line in reader.lines()`.",
              "impact": {
                "allocations_avoided": 1,
                "bytes_saved": null,
                "unit": "iteration of `for line in reader.lines()`",
                "applies_to": "every call of `Worker::process_file`",
                "level": "High"
              },
              "source": "builtin",
              "state": "persisting",
              "verdict": "APPROVED",
              "decision": null
            },
            {
              "id": "F-013",
              "category": "UNNECESSARY_CLONE",
              "file": "crates/worker/src/pipeline.rs",
              "line_start": 26,
              "line_end": 26,
              "crate": "ingest-worker",
              "priority": "P0",
              "item_path": "pipeline::Pipeline::label_rows",
              "summary": "`l` is a copy of `label` that is only read afterwards; a borrow gives the same reads without allocating.",
              "impact": {
                "allocations_avoided": 1,
                "bytes_saved": null,
                "unit": "iteration of `for row in rows`",
                "applies_to": "iteration of `for row in rows`, nested 2 loops deep (inside iteration of `for (name,rows) in &self.sinks`) in `pipeline::Pipeline::label_rows`",
                "level": "High"
              },
              "source": "builtin",
              "state": "persisting",
              "verdict": "REJECTED",
              "decision": null
            },
            {
              "id": "F-014",
              "category": "HEAP_AVOIDABLE",
              "file": "crates/worker/src/pipeline.rs",
              "line_start": 33,
              "line_end": 33,
              "crate": "ingest-worker",
              "priority": "P0",
              "item_path": "pipeline::Pipeline::drain",
              "summary": "`label` copies a string literal to the heap but is never changed or handed over; the literal itself is a `&'static str`.",
              "impact": {
                "allocations_avoided": 1,
                "bytes_saved": 5,
                "unit": "call of `pipeline::Pipeline::drain`",
                "applies_to": "every call of `pipeline::Pipeline::drain`",
                "level": "Low"
              },
              "source": "builtin",
              "state": "persisting",
              "verdict": "REJECTED",
              "decision": null
            },
            {
              "id": "F-015",
              "category": "ARENA_CANDIDATE",
              "file": "crates/worker/src/pipeline.rs",
              "line_start": 35,
              "line_end": 35,
              "crate": "ingest-worker",
              "priority": "P0",
              "item_path": "pipeline::Pipeline::drain",
              "summary": "`self.sinks.clear()` drops every `Vec<Vec<String>>` it holds together with the buffers each owns; refilling `sinks` allocates them all again (through every dou…",
              "impact": {
                "allocations_avoided": null,
                "bytes_saved": null,
                "unit": "call of `pipeline::Pipeline::drain`",
                "applies_to": "every buffer held by a `Vec<Vec<String>>` in `self.sinks`",
                "level": "Medium"
              },
              "source": "builtin",
              "state": "persisting",
              "verdict": "REJECTED",
              "decision": null
            },
            {
              "id": "F-016",
              "category": "LIFETIME_EXTENSION",
              "file": "crates/scan/src/watch.rs",
              "line_start": 7,
              "line_end": 7,
              "crate": "ingest-scan",
              "priority": "P1",
              "item_path": "watch::Watcher",
              "summary": "`seen` (field of `Watcher`) is used as a cache but entries are only ever inserted: nothing in this file removes, clears or bounds it, so it grows for as long a…",
              "impact": {
                "allocations_avoided": null,
                "bytes_saved": null,
                "unit": "distinct key seen",
                "applies_to": "memory held by `seen` over the process lifetime",
                "level": "High"
              },
              "source": "builtin",
              "state": "persisting",
              "verdict": "NEEDS_WORK",
              "decision": null
            },
            {
              "id": "F-017",
              "category": "ALLOCATION_LOOP",
              "file": "crates/schema/src/validate.rs",
              "line_start": 14,
              "line_end": 14,
              "crate": "ingest-schema",
              "priority": "P2",
              "item_path": "validate::Validator::check_rows",
              "summary": "`format!()` allocates on every iteration of `for (i,row) in rows.iter().enumerate()`.",
              "impact": {
                "allocations_avoided": 1,
                "bytes_saved": null,
                "unit": "iteration of `for (i,row) in rows.iter().enumerate()`",
                "applies_to": "every call of `validate::Validator::check_rows`",
                "level": "High"
              },
              "source": "builtin",
              "state": "persisting",
              "verdict": "APPROVED",
              "decision": null
            },
            {
              "id": "F-018",
              "category": "ALLOCATION_LOOP",
              "file": "crates/schema/src/validate.rs",
              "line_start": 28,
              "line_end": 28,
              "crate": "ingest-schema",
              "priority": "P2",
              "item_path": "validate::Validator::empty_fields",
              "summary": "`.to_owned()` allocates on each iteration of `for (name,value) in self.schema.names.iter().zip(row)` that takes this path (the branch at line 27), not on every…",
              "impact": {
                "allocations_avoided": 1,
                "bytes_saved": null,
                "unit": "iteration of `for (name,value) in self.schema.names.iter().zip(row)`",
                "applies_to": "every call of `validate::Validator::empty_fields`",
                "level": "High"
              },
              "source": "builtin",
              "state": "persisting",
              "verdict": "REJECTED",
              "decision": null
            },
            {
              "id": "F-019",
              "category": "ALLOCATION_LOOP",
              "file": "crates/schema/src/validate.rs",
              "line_start": 46,
              "line_end": 46,
              "crate": "ingest-schema",
              "priority": "P2",
              "item_path": "validate::tests::counts_rows",
              "summary": "`.to_string()` allocates on every element of `0..3.map(..)`.",
              "impact": {
                "allocations_avoided": 1,
                "bytes_saved": null,
                "unit": "element of `0..3.map(..)`",
                "applies_to": "every call of `validate::tests::counts_rows`",
                "level": "Medium"
              },
              "source": "builtin",
              "state": "persisting",
              "verdict": "REJECTED",
              "decision": null
            },
            {
              "id": "F-020",
              "category": "UNNECESSARY_CLONE",
              "file": "crates/schema/src/validate.rs",
              "line_start": 47,
              "line_end": 47,
              "crate": "ingest-schema",
              "priority": "P2",
              "item_path": "validate::tests::counts_rows",
              "summary": "`&rows.clone()` allocates a copy of `rows` only to lend it; the copy is dropped at the end of the statement.",
              "impact": {
                "allocations_avoided": 1,
                "bytes_saved": null,
                "unit": "call of `validate::tests::counts_rows`",
                "applies_to": "every call of `validate::tests::counts_rows`",
                "level": "Low"
              },
              "source": "builtin",
              "state": "persisting",
              "verdict": "REJECTED",
              "decision": null
            },
            {
              "id": "F-021",
              "category": "ALLOCATION_LOOP",
              "file": "crates/config/src/lib.rs",
              "line_start": 14,
              "line_end": 14,
              "crate": "ingest-config",
              "priority": "P3",
              "item_path": "Config::load",
              "summary": "`.to_string()` allocates on every iteration of `for c in text.split(',')`.",
              "impact": {
                "allocations_avoided": 1,
                "bytes_saved": null,
                "unit": "iteration of `for c in text.split(',')`",
                "applies_to": "every call of `Config::load`",
                "level": "Medium"
              },
              "source": "builtin",
              "state": "persisting",
              "verdict": "REJECTED",
              "decision": null
            }
          ],
          "report": {
            "round": 2,
            "summary": {
              "total": 14,
              "approved": 7,
              "needs_work": 6,
              "rejected": 1,
              "new": 0,
              "estimated_bytes_saved": null,
              "estimated_allocations_avoided": 6,
              "estimated_allocation_reduction_pct": 100.0,
              "measured": null,
              "figures": [
                {
                  "key": "memory_impact",
                  "label": "Memory impact",
                  "value": null,
                  "unit": "not estimated",
                  "kind": "unknown",
                  "basis": "No approved finding states a byte saving, and the session has no heap profile.",
                  "action": "Profile a workload (`memaudit profile`) to measure it."
                },
                {
                  "key": "allocation_reduction",
                  "label": "Allocation reduction",
                  "value": "~100%",
                  "unit": "of the allocations flagged in hot code",
                  "kind": "estimated",
                  "basis": "Not measured. Hot-path findings state 6 allocations per pass through their code; approved findings remove 6 of them. Only what the audit flagged is counted, not the program's allocations: this is not the share of its allocations a program would lose.",
                  "action": "Profile a workload (`memaudit profile`) to measure it."
                },
                {
                  "key": "allocations",
                  "label": "Allocations removed per pass",
                  "value": "~6",
                  "unit": "summed over 6 approved findings",
                  "kind": "estimated",
                  "basis": "Each approved finding states the allocations one pass through its code (one loop iteration or call) would no longer make; this sums them over 6 findings. Not a count over a run: how often each pass runs is unknown without a profile.",
                  "action": "Profile a workload (`memaudit profile`) to measure it."
                }
              ],
              "cold": 4,
              "notes": 3
            },
            "quick_wins": [
              {
                "finding_id": "F-002",
                "location": "ingest-proto/codec.rs",
                "category": "ALLOCATION_LOOP",
                "impact": "High",
                "effort": "Low",
                "score": 9.0,
                "measured": false,
                "at": "crates/proto/src/codec.rs:24",
                "summary": "`format!()` allocates on every iteration of `for (name,value) in names.iter().zip(row)`.",
                "validation": "APPROVED (builtin): hot path YES — per iteration of the `for` loop at line 23 in `fn encode_row`; called per item: runs per iteration of `for (name,value) in names.iter().zip(row)` in…; lifetime PASS, thread safety N/A, no UB PASS",
                "gain": "~1 allocation per iteration of `for (name,value) in names.iter().zip(row)` (estimate, not measured)",
                "diff": "--- a/crates/proto/src/codec.rs\n+++ b/crates/proto/src/codec.rs\n@@ line 23 @@\n+use std::fmt::Write as _;\n+    let mut pair_buf = String::new();\n@@ line 24 @@\n-let pair = format!(\"{name}={value};\");\n+pair_buf.clear();\n+        write!(pair_buf, \"{name}={value};\").unwrap();\n+        let pair = pair_buf.as_str();\n",
                "proposal": "use std::fmt::Write;\nlet mut buf = String::new(); // once, before the loop\n// in the loop body:\nbuf.clear();\nwrite!(buf, \"{name}={value};\").unwrap(); // writing to a String cannot fail\n// use `&buf` where the formatted value was used"
              },
              {
                "finding_id": "F-003",
                "location": "ingest-proto/codec.rs",
                "category": "ALLOCATION_LOOP",
                "impact": "High",
                "effort": "Low",
                "score": 9.0,
                "measured": false,
                "at": "crates/proto/src/codec.rs:33",
                "summary": "`buf` (Vec::new()) is created, filled and dropped on every iteration; its heap buffer is allocated (and regrown) each time.",
                "validation": "APPROVED (builtin): hot path YES — per iteration of the `for` loop at line 32 in `fn encode_all`; once per call of an entry point: runs per iteration of `for msg in messages` in `encode_all` ← en…; lifetime PASS, thread safety N/A, no UB PASS",
                "gain": "~1 allocation per iteration of `for msg in messages` (estimate, not measured)",
                "diff": "--- a/crates/proto/src/codec.rs\n+++ b/crates/proto/src/codec.rs\n@@ line 32 @@\n+let mut buf = Vec::new();\n@@ line 33 @@\n-let mut buf = Vec::new();\n+buf.clear();\n",
                "proposal": "let mut buf = Vec::new(); // once, before the loop\n// in the loop body:\nbuf.clear(); // keeps the capacity"
              },
              {
                "finding_id": "F-011",
                "location": "ingest-worker/lib.rs",
                "category": "ALLOCATION_LOOP",
                "impact": "High",
                "effort": "Low",
                "score": 9.0,
                "measured": false,
                "at": "crates/worker/src/lib.rs:39",
                "summary": "`.collect()` allocates on every iteration of `for line in reader.lines()`.",
                "validation": "APPROVED (builtin): hot path YES — per iteration of the `for` loop at line 37 in `fn process_file`; called per item: runs per element of `line.split(',').map(..)` in `Worker::process_file` ← call…; lifetime PASS, thread safety N/A, no UB PASS",
                "gain": "~1 allocation per iteration of `for line in reader.lines()` (estimate, not measured)",
                "diff": "--- a/crates/worker/src/lib.rs\n+++ b/crates/worker/src/lib.rs\n@@ line 37 @@\n+let mut fields: Vec<String> = Vec::new();\n@@ line 39 @@\n-let fields: Vec<String> = line.split(',').map(|s| s.to_string()).collect();\n+fields.clear();\n+            fields.extend(line.split(',').map(|s| s.to_string()));\n",
                "proposal": "let mut buf = Vec::new(); // once, before the loop\n// in the loop body:\nbuf.clear();\nbuf.extend(/* the same iterator */);"
              },
              {
                "finding_id": "F-012",
                "location": "ingest-worker/lib.rs",
                "category": "ALLOCATION_LOOP",
                "impact": "High",
                "effort": "Low",
                "score": 9.0,
                "measured": false,
                "at": "crates/worker/src/lib.rs:40",
                "summary": "`format!()` allocates on every iteration of `for line in reader.lines()`.",
                "validation": "APPROVED (builtin): hot path YES — per iteration of the `for` loop at line 37 in `fn process_file`; called per item: runs per iteration of `for line in reader.lines()` in `Worker::process_file` ←…; lifetime PASS, thread safety N/A, no UB PASS",
                "gain": "~1 allocation per iteration of `for line in reader.lines()` (estimate, not measured)",
                "diff": null,
                "proposal": "use std::fmt::Write;\nlet mut buf = String::new(); // once, before the loop\n// in the loop body:\nbuf.clear();\nwrite!(buf, \"{}:{}\", path, fields.len()).unwrap(); // writing to a String cannot fail\n// use `&buf` where the formatted value was used"
              },
              {
                "finding_id": "F-017",
                "location": "ingest-schema/validate.rs",
                "category": "ALLOCATION_LOOP",
                "impact": "High",
                "effort": "Low",
                "score": 9.0,
                "measured": false,
                "at": "crates/schema/src/validate.rs:14",
                "summary": "`format!()` allocates on every iteration of `for (i,row) in rows.iter().enumerate()`.",
                "validation": "APPROVED (builtin): hot path YES — per iteration of the `for` loop at line 13 in `fn check_rows`; once per call of an entry point: runs per iteration of `for (i,row) in rows.iter().enumerate()` i…; lifetime PASS, thread safety N/A, no UB PASS",
                "gain": "~1 allocation per iteration of `for (i,row) in rows.iter().enumerate()` (estimate, not measured)",
                "diff": "--- a/crates/schema/src/validate.rs\n+++ b/crates/schema/src/validate.rs\n@@ line 13 @@\n+use std::fmt::Write as _;\n+        let mut ctx_buf = String::new();\n@@ line 14 @@\n-let ctx = format!(\"row {i}\");\n+ctx_buf.clear();\n+            write!(ctx_buf, \"row {i}\").unwrap();\n+            let ctx = ctx_buf.as_str();\n",
                "proposal": "use std::fmt::Write;\nlet mut buf = String::new(); // once, before the loop\n// in the loop body:\nbuf.clear();\nwrite!(buf, \"row {i}\").unwrap(); // writing to a String cannot fail\n// use `&buf` where the formatted value was used"
              },
              {
                "finding_id": "F-005",
                "location": "ingest-scan/walk.rs",
                "category": "ALLOCATION_LOOP",
                "impact": "Medium",
                "effort": "Low",
                "score": 6.0,
                "measured": false,
                "at": "crates/scan/src/walk.rs:38",
                "summary": "`out` starts empty and receives exactly one `push` per iteration of `for f in found`, so it reallocates about log2(n) times while growing although the final length is known up front.",
                "validation": "APPROVED (builtin): hot path YES — per iteration of the `for` loop at line 39 in `fn sizes`; once per call of an entry point: entry: public API `sizes` of library `ingest_scan`: called per call o…; lifetime PASS, thread safety N/A, no UB PASS",
                "gain": "— not estimated; profile a workload (`memaudit profile`) to measure it",
                "diff": "--- a/crates/scan/src/walk.rs\n+++ b/crates/scan/src/walk.rs\n@@ line 38 @@\n-Vec::new()\n+Vec::with_capacity(found.len())\n",
                "proposal": "let mut out = Vec::with_capacity(found.len());"
              },
              {
                "finding_id": "F-006",
                "location": "ingest-scan/walk.rs",
                "category": "ALLOCATION_LOOP",
                "impact": "Medium",
                "effort": "Low",
                "score": 6.0,
                "measured": false,
                "at": "crates/scan/src/walk.rs:42",
                "summary": "`parts` collects every item into a new `Vec` on every iteration of `for f in found`, but it is only counted: the iterator gives the same answer without the allocation and the copy of each item.",
                "validation": "APPROVED (builtin): hot path YES — per iteration of the `for` loop at line 39 in `fn sizes`; once per call of an entry point: runs per iteration of `for f in found` in `sizes` ← entry: public API…; lifetime PASS, thread safety N/A, no UB PASS",
                "gain": "~1 allocation per iteration of `for f in found` (estimate, not measured)",
                "diff": null,
                "proposal": "let parts_len = f.split('/').count();\n// then `parts_len` for `parts.len()`, `parts_len == 0` for `parts.is_empty()`"
              }
            ],
            "recommendations": 2,
            "deferred": 7,
            "next_focus": [
              "Rework 1 NEEDS_WORK finding(s) in HEAP_AVOIDABLE: F-004",
              "Rework 1 NEEDS_WORK finding(s) in LIFETIME_EXTENSION: F-016",
              "Rework 1 NEEDS_WORK finding(s) in CACHE_HOSTILE: F-001",
              "Rework 3 NEEDS_WORK finding(s) in ALLOCATION_LOOP: F-008, F-009, F-010"
            ],
            "termination": [
              {
                "name": "All P0 crates analysed",
                "met": true,
                "detail": "4 P0 crate(s) analysed: ingest-scan, ingest-worker, ingest-proto, ingest-schema"
              },
              {
                "name": "No new HIGH-impact findings in the last round",
                "met": true,
                "detail": "round 2 found no new HIGH-impact finding"
              },
              {
                "name": "No findings awaiting rework",
                "met": false,
                "detail": "6 NEEDS_WORK finding(s) without a decision: F-001, F-004, F-008, F-009, F-010, F-016"
              },
              {
                "name": "Actionable report generated",
                "met": true,
                "detail": "7 approved finding(s) ready to implement"
              },
              {
                "name": "User satisfied with coverage",
                "met": false,
                "detail": "the user has not terminated the session"
              }
            ],
            "verified": []
          },
          "role_runs": [
            {
              "role": "analyst",
              "engine": "builtin",
              "started_at": "2025-03-18T09:30:00.000Z",
              "finished_at": "2025-03-18T09:30:00.820Z",
              "duration_ms": 820,
              "tokens_in": 0,
              "tokens_out": 0,
              "cost_usd": 0.0,
              "status": "finished",
              "error": null
            },
            {
              "role": "validator",
              "engine": "builtin",
              "started_at": "2025-03-18T09:30:00.820Z",
              "finished_at": "2025-03-18T09:30:01.160Z",
              "duration_ms": 340,
              "tokens_in": 0,
              "tokens_out": 0,
              "cost_usd": 0.0,
              "status": "finished",
              "error": null
            },
            {
              "role": "coordinator",
              "engine": "builtin",
              "started_at": "2025-03-18T09:30:01.160Z",
              "finished_at": "2025-03-18T09:30:01.205Z",
              "duration_ms": 45,
              "tokens_in": 0,
              "tokens_out": 0,
              "cost_usd": 0.0,
              "status": "finished",
              "error": null
            }
          ],
          "decision": null,
          "focus": []
        },
        "session": {
          "id": 3,
          "name": "memory_audit_002",
          "workspace": "/home/lead/src/ingest",
          "created_at": "2025-03-16T09:30:00.000Z",
          "updated_at": "2025-03-18T16:30:00.000Z",
          "status": "active",
          "rounds": 2,
          "findings": 21
        },
        "status": {
          "session": "memory_audit_002",
          "rounds": 2,
          "current_round": 2,
          "round_status": "awaiting_decision",
          "total_findings": 21,
          "approved": 7,
          "needs_work": 7,
          "rejected": 7,
          "new": 0,
          "persisting": 21,
          "fixed": 0,
          "stale": 0,
          "decided_implement": 0,
          "decided_defer": 0,
          "decided_reject": 0,
          "undecided": 21
        },
        "html": "report-s3-r2.html"
      }
    ]
  },
  "placeholders": [
    {
      "round": 1,
      "running": "report-r1-running.html",
      "interrupted": "report-r1-interrupted.html"
    },
    {
      "round": 2,
      "running": "report-r2-running.html",
      "interrupted": "report-r2-interrupted.html"
    },
    {
      "round": 3,
      "running": "report-r3-running.html",
      "interrupted": "report-r3-interrupted.html"
    }
  ]
};
