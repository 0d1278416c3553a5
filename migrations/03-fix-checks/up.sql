-- memaudit schema, version 3: fixes the compiler has checked, and fixes
-- applied to the workspace on request.
--
-- Never edited after it ships (see docs/database.md). Conventions as in
-- 01-initial: RFC 3339 UTC timestamps with milliseconds, `*_json` columns of
-- serde_json text, enumerations checked here.

-- The compiler's verdict on one finding's edit, applied in a scratch copy of
-- the workspace (`check_json` is memaudit-model's `FixCheck`, with the edit
-- that was checked and the hashes of the files it was checked against).
-- Every check is kept; the latest per finding is the current one.
CREATE TABLE fix_checks (
    id              INTEGER PRIMARY KEY,
    session_id      INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    round           INTEGER NOT NULL,
    finding         INTEGER NOT NULL REFERENCES findings (id) ON DELETE CASCADE,
    edit_hash       TEXT NOT NULL,
    status          TEXT NOT NULL CHECK (status IN ('compiles', 'fails', 'not_checked')),
    -- NULL when the tests were not run.
    tests           TEXT CHECK (tests IN ('pass', 'fail', 'error')),
    duration_ms     INTEGER NOT NULL CHECK (duration_ms >= 0),
    check_json      TEXT NOT NULL,
    -- The finding's validation of `round` before this check was applied to
    -- it (memaudit-model's `Validation`), so a later check of the same
    -- round starts from the Validator's own verdict; NULL when the finding
    -- had none.
    validation_json TEXT,
    checked_at      TEXT NOT NULL,
    FOREIGN KEY (session_id, round) REFERENCES rounds (session_id, number) ON DELETE CASCADE
);

CREATE INDEX fix_checks_by_finding ON fix_checks (finding, id);
CREATE INDEX fix_checks_by_round ON fix_checks (session_id, round);

-- An edit written into the workspace on the user's request. `files_json`
-- holds each file's text before the write and the hash of what was
-- written, so that undo restores exactly and refuses when the file changed
-- since. A row is never deleted; undoing sets `undone_at`.
CREATE TABLE fix_applications (
    id              INTEGER PRIMARY KEY,
    session_id      INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    finding         INTEGER NOT NULL REFERENCES findings (id) ON DELETE CASCADE,
    check_id        INTEGER NOT NULL REFERENCES fix_checks (id) ON DELETE CASCADE,
    files_json      TEXT NOT NULL,
    applied_at      TEXT NOT NULL,
    undone_at       TEXT
);

CREATE INDEX fix_applications_by_finding ON fix_applications (finding, id);
