-- memaudit schema, version 2: heap profiles as evidence for findings.
--
-- Never edited after it ships (see docs/database.md). Conventions as in
-- 01-initial: RFC 3339 UTC timestamps with milliseconds, `*_json` columns of
-- serde_json text, enumerations checked here.
--
-- The store does not interpret the profiles: `summary_json` is the
-- serde_json of memaudit-profile's `ProfileSummary`, `verification_json` of
-- its `Verification`; the numbers the report needs are plain columns.

-- One heap profile tied to a session's round: run by memaudit (`target` is
-- the JSON of the target that was built and run) or imported (`target` is
-- `import`). `path` is the raw DHAT file as it was when read; the summary
-- keeps everything memaudit uses, so a deleted file loses nothing.
CREATE TABLE profiles (
    id              INTEGER PRIMARY KEY,
    session_id      INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    round           INTEGER NOT NULL,
    target          TEXT NOT NULL,
    summary_json    TEXT NOT NULL,
    path            TEXT NOT NULL,
    created_at      TEXT NOT NULL,
    FOREIGN KEY (session_id, round) REFERENCES rounds (session_id, number) ON DELETE CASCADE
);

CREATE INDEX profiles_by_session ON profiles (session_id, id);

-- What one profile measured inside one finding's lines.
CREATE TABLE measurements (
    profile_id      INTEGER NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
    session_id      INTEGER NOT NULL,
    fingerprint     TEXT NOT NULL,
    allocations     INTEGER NOT NULL CHECK (allocations >= 0),
    bytes           INTEGER NOT NULL CHECK (bytes >= 0),
    max_live_bytes  INTEGER NOT NULL CHECK (max_live_bytes >= 0),
    PRIMARY KEY (profile_id, fingerprint),
    FOREIGN KEY (session_id, fingerprint)
        REFERENCES findings (session_id, fingerprint) ON DELETE CASCADE
) WITHOUT ROWID;

CREATE INDEX measurements_by_finding ON measurements (session_id, fingerprint);

-- A fix re-measured: the finding's figures before and after, appended (a
-- finding verified twice keeps both rows).
CREATE TABLE verifications (
    id                  INTEGER PRIMARY KEY,
    session_id          INTEGER NOT NULL,
    fingerprint         TEXT NOT NULL,
    before_profile      INTEGER REFERENCES profiles (id) ON DELETE SET NULL,
    after_profile       INTEGER REFERENCES profiles (id) ON DELETE SET NULL,
    outcome             TEXT NOT NULL CHECK (outcome IN ('verified', 'no_effect', 'worse')),
    verification_json   TEXT NOT NULL,
    created_at          TEXT NOT NULL,
    FOREIGN KEY (session_id, fingerprint)
        REFERENCES findings (session_id, fingerprint) ON DELETE CASCADE
);

CREATE INDEX verifications_by_finding ON verifications (session_id, fingerprint, id);
