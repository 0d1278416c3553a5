-- memaudit schema, version 1.
--
-- This file is applied once, inside a transaction, by rusqlite_migration and
-- recorded in `PRAGMA user_version`. It is never edited after it ships: a
-- schema change is a new folder `NN-what_changed/up.sql` (see docs/database.md).
--
-- Conventions:
-- * Timestamps are RFC 3339 UTC text with milliseconds (`2026-11-02T09:30:00.123Z`),
--   so that text order is time order.
-- * `*_json` columns hold serde_json text of memaudit-model types.
-- * Enumerations are stored as the model's own spelling and checked here, so
--   that a bug in one writer cannot store a value every reader then rejects.
-- * Rows that the user entered (decisions, round decisions) are appended to a
--   history table and never deleted.

-- A workspace root seen by memaudit (absolute path as discovered).
CREATE TABLE workspaces (
    id              INTEGER PRIMARY KEY,
    root            TEXT NOT NULL UNIQUE,
    created_at      TEXT NOT NULL,
    last_opened_at  TEXT NOT NULL
);

CREATE INDEX workspaces_by_last_opened ON workspaces (last_opened_at DESC);

-- One audit effort on one workspace: `memory_audit_NNN` where NNN = number.
-- round_count and finding_count are kept by the triggers below so that
-- listing thousands of sessions never counts rows.
CREATE TABLE sessions (
    id              INTEGER PRIMARY KEY,
    workspace_id    INTEGER NOT NULL REFERENCES workspaces (id),
    number          INTEGER NOT NULL CHECK (number >= 1),
    name            TEXT NOT NULL,
    status          TEXT NOT NULL DEFAULT 'active'
                    CHECK (status IN ('active', 'terminated')),
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    round_count     INTEGER NOT NULL DEFAULT 0,
    finding_count   INTEGER NOT NULL DEFAULT 0,
    UNIQUE (workspace_id, number)
);

CREATE INDEX sessions_by_name ON sessions (name);

-- The scope snapshot a session was (last) run with.
CREATE TABLE scopes (
    session_id      INTEGER PRIMARY KEY REFERENCES sessions (id) ON DELETE CASCADE,
    scope_json      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);

-- Analyst -> Validator -> Coordinator -> the user's decisions.
CREATE TABLE rounds (
    id              INTEGER PRIMARY KEY,
    session_id      INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    number          INTEGER NOT NULL CHECK (number >= 1),
    status          TEXT NOT NULL
                    CHECK (status IN ('running', 'awaiting_decision', 'decided',
                                      'interrupted', 'failed')),
    -- The process running the round, so a restart can tell a live round from
    -- an interrupted one.
    pid             INTEGER,
    focus_json      TEXT NOT NULL DEFAULT '[]',
    error           TEXT,
    started_at      TEXT NOT NULL,
    finished_at     TEXT,
    UNIQUE (session_id, number)
);

-- One run of one role in a round.
CREATE TABLE role_runs (
    id              INTEGER PRIMARY KEY,
    session_id      INTEGER NOT NULL,
    round           INTEGER NOT NULL,
    role            TEXT NOT NULL CHECK (role IN ('analyst', 'validator', 'coordinator')),
    engine          TEXT NOT NULL,
    status          TEXT NOT NULL,
    error           TEXT,
    started_at      TEXT NOT NULL,
    finished_at     TEXT,
    duration_ms     INTEGER,
    tokens_in       INTEGER NOT NULL DEFAULT 0,
    tokens_out      INTEGER NOT NULL DEFAULT 0,
    cost_usd        REAL NOT NULL DEFAULT 0,
    FOREIGN KEY (session_id, round) REFERENCES rounds (session_id, number) ON DELETE CASCADE
);

CREATE INDEX role_runs_by_round ON role_runs (session_id, round);

-- Every finding ever seen in a session, keyed by (session, fingerprint), with
-- its latest snapshot. `finding_id` is the user-facing `F-001`; `number` is its
-- numeric part when it has that shape.
CREATE TABLE findings (
    id                  INTEGER PRIMARY KEY,
    session_id          INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    number              INTEGER,
    finding_id          TEXT NOT NULL,
    fingerprint         TEXT NOT NULL,
    category            TEXT NOT NULL
                        CHECK (category IN ('ARENA_CANDIDATE', 'UNNECESSARY_CLONE',
                                            'HEAP_AVOIDABLE', 'LIFETIME_EXTENSION',
                                            'CACHE_HOSTILE', 'ALLOCATION_LOOP')),
    file                TEXT NOT NULL,
    line_start          INTEGER NOT NULL,
    line_end            INTEGER NOT NULL,
    crate               TEXT NOT NULL,
    priority            TEXT NOT NULL CHECK (priority IN ('P0', 'P1', 'P2', 'P3')),
    item_path           TEXT NOT NULL,
    confidence          TEXT NOT NULL CHECK (confidence IN ('HIGH', 'MEDIUM', 'LOW')),
    safety              TEXT NOT NULL CHECK (safety IN ('SAFE', 'NEEDS_REVIEW', 'UNSAFE')),
    code                TEXT NOT NULL,
    issue               TEXT NOT NULL,
    proposal            TEXT NOT NULL,
    impact_json         TEXT NOT NULL,
    tradeoffs_json      TEXT NOT NULL,
    prerequisites_json  TEXT NOT NULL,
    source              TEXT NOT NULL,
    first_round         INTEGER NOT NULL,
    last_round          INTEGER NOT NULL,
    -- Set by the file watcher: the code changed since this round.
    stale_since_round   INTEGER,
    UNIQUE (session_id, fingerprint),
    UNIQUE (session_id, finding_id)
);

-- mark_stale looks findings up by file.
CREATE INDEX findings_by_file ON findings (session_id, file);

-- next_finding_number reads the highest number of a session.
CREATE INDEX findings_by_number ON findings (session_id, number);

-- A finding's appearance in one round: its state and the whole finding as of
-- that round (serde_json of memaudit_model::Finding), so each round's records
-- can be rebuilt exactly even after later rounds moved the code.
CREATE TABLE finding_rounds (
    session_id      INTEGER NOT NULL,
    round           INTEGER NOT NULL,
    finding         INTEGER NOT NULL REFERENCES findings (id) ON DELETE CASCADE,
    -- Order in which the round listed it.
    position        INTEGER NOT NULL,
    state           TEXT NOT NULL CHECK (state IN ('new', 'persisting', 'fixed', 'stale')),
    finding_json    TEXT NOT NULL,
    PRIMARY KEY (session_id, round, finding),
    FOREIGN KEY (session_id, round) REFERENCES rounds (session_id, number) ON DELETE CASCADE
) WITHOUT ROWID;

CREATE INDEX finding_rounds_by_finding ON finding_rounds (finding);

-- The Validator's review of a finding in a round.
CREATE TABLE validations (
    session_id      INTEGER NOT NULL,
    round           INTEGER NOT NULL,
    finding         INTEGER NOT NULL REFERENCES findings (id) ON DELETE CASCADE,
    verdict         TEXT NOT NULL CHECK (verdict IN ('APPROVED', 'NEEDS_WORK', 'REJECTED')),
    engine          TEXT NOT NULL,
    validation_json TEXT NOT NULL,
    PRIMARY KEY (session_id, round, finding),
    FOREIGN KEY (session_id, round) REFERENCES rounds (session_id, number) ON DELETE CASCADE
) WITHOUT ROWID;

CREATE INDEX validations_by_finding ON validations (finding);

-- The Coordinator's report of a round.
CREATE TABLE reports (
    session_id      INTEGER NOT NULL,
    round           INTEGER NOT NULL,
    report_json     TEXT NOT NULL,
    created_at      TEXT NOT NULL,
    PRIMARY KEY (session_id, round),
    FOREIGN KEY (session_id, round) REFERENCES rounds (session_id, number) ON DELETE CASCADE
);

-- The user's current decision per finding ...
CREATE TABLE decisions (
    finding             INTEGER PRIMARY KEY REFERENCES findings (id) ON DELETE CASCADE,
    session_id          INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    kind                TEXT NOT NULL
                        CHECK (kind IN ('implement', 'defer', 'reject-fp', 'reject-wontfix')),
    note                TEXT NOT NULL,
    defer_until_date    TEXT,
    defer_until_round   INTEGER,
    round               INTEGER NOT NULL,
    decided_at          TEXT NOT NULL
);

CREATE INDEX decisions_by_session ON decisions (session_id);

-- ... and every decision ever taken, in order: nothing the user entered is lost.
CREATE TABLE decision_history (
    id                  INTEGER PRIMARY KEY,
    finding             INTEGER NOT NULL REFERENCES findings (id) ON DELETE CASCADE,
    session_id          INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    kind                TEXT NOT NULL
                        CHECK (kind IN ('implement', 'defer', 'reject-fp', 'reject-wontfix')),
    note                TEXT NOT NULL,
    defer_until_date    TEXT,
    defer_until_round   INTEGER,
    round               INTEGER NOT NULL,
    decided_at          TEXT NOT NULL,
    recorded_at         TEXT NOT NULL
);

CREATE INDEX decision_history_by_session ON decision_history (session_id, finding, id);

-- The user's end-of-round decisions, appended; the latest per round is the
-- current one, earlier ones are kept.
CREATE TABLE round_decisions (
    id              INTEGER PRIMARY KEY,
    session_id      INTEGER NOT NULL,
    round           INTEGER NOT NULL,
    kind            TEXT NOT NULL CHECK (kind IN ('continue', 'terminate')),
    decision_json   TEXT NOT NULL,
    decided_at      TEXT NOT NULL,
    FOREIGN KEY (session_id, round) REFERENCES rounds (session_id, number) ON DELETE CASCADE
);

CREATE INDEX round_decisions_by_round ON round_decisions (session_id, round, id);

-- The app's settings: key -> JSON text.
CREATE TABLE settings (
    key             TEXT PRIMARY KEY,
    value_json      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
) WITHOUT ROWID;

-- Counters for list_sessions, kept in the same transaction as the rows.
CREATE TRIGGER rounds_count_insert AFTER INSERT ON rounds BEGIN
    UPDATE sessions SET round_count = round_count + 1 WHERE id = NEW.session_id;
END;

CREATE TRIGGER rounds_count_delete AFTER DELETE ON rounds BEGIN
    UPDATE sessions SET round_count = round_count - 1 WHERE id = OLD.session_id;
END;

CREATE TRIGGER findings_count_insert AFTER INSERT ON findings BEGIN
    UPDATE sessions SET finding_count = finding_count + 1 WHERE id = NEW.session_id;
END;

CREATE TRIGGER findings_count_delete AFTER DELETE ON findings BEGIN
    UPDATE sessions SET finding_count = finding_count - 1 WHERE id = OLD.session_id;
END;
