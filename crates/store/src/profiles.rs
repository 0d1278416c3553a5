//! Heap profiles, the measurements they gave findings, and verifications of
//! fixes (migration `02-profiles`).
//!
//! The store keeps what memaudit-profile produces as JSON text plus the plain
//! numbers a report needs (allocations, bytes, outcome). This module must not
//! depend on memaudit-profile or interpret a profile: the API layer encodes
//! and decodes `ProfileSummary` and `Verification`, the store only checks that
//! the session, round and findings they name exist.

use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};

use crate::rounds::ensure_round;
use crate::sessions::{ensure_session, touch_session};
use crate::{clock, to_i64, Result, Store, StoreError};

/// The `target` of a profile the user made and imported (nothing was run).
pub const IMPORTED_TARGET: &str = "import";

/// The outcomes a verification can have, in memaudit-profile's spelling.
pub const OUTCOMES: [&str; 3] = ["verified", "no_effect", "worse"];

/// A stored heap profile.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredProfile {
    pub id: i64,
    pub session_id: i64,
    /// The round whose findings it was tied to.
    pub round: u32,
    /// JSON of the target that was run, or [`IMPORTED_TARGET`].
    pub target: String,
    /// serde_json of memaudit-profile's `ProfileSummary`.
    pub summary_json: String,
    /// The raw DHAT file as it was when read.
    pub path: String,
    pub created_at: String,
}

/// What one profile measured inside one finding's lines.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredMeasurement {
    pub profile_id: i64,
    pub fingerprint: String,
    /// The id the session knows the finding by (`F-007`).
    pub finding_id: String,
    pub allocations: u64,
    pub bytes: u64,
    pub max_live_bytes: u64,
    /// Bytes at these lines live at the run's global peak; `None` for rows
    /// stored before memaudit kept it.
    #[serde(default)]
    pub at_peak_bytes: Option<u64>,
    /// When the profile was stored.
    pub created_at: String,
}

/// A stored re-measurement of a fix.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredVerification {
    pub id: i64,
    pub fingerprint: String,
    pub finding_id: String,
    pub before_profile: Option<i64>,
    pub after_profile: Option<i64>,
    /// `verified`, `no_effect` or `worse`.
    pub outcome: String,
    /// serde_json of memaudit-profile's `Verification`.
    pub verification_json: String,
    pub created_at: String,
}

/// A verification to store; see [`Store::save_verification`].
#[derive(Debug, Clone, Copy)]
pub struct NewVerification<'a> {
    pub fingerprint: &'a str,
    pub before_profile: Option<i64>,
    pub after_profile: Option<i64>,
    /// One of [`OUTCOMES`].
    pub outcome: &'a str,
    pub verification_json: &'a str,
}

const PROFILE_COLUMNS: &str =
    "id, session_id, round, target, summary_json, path, created_at FROM profiles";

const VERIFICATION_COLUMNS: &str = "v.id, v.fingerprint, f.finding_id, v.before_profile, \
     v.after_profile, v.outcome, v.verification_json, v.created_at \
     FROM verifications v JOIN findings f \
     ON f.session_id = v.session_id AND f.fingerprint = v.fingerprint";

const MEASUREMENT_COLUMNS: &str = "m.profile_id, m.fingerprint, f.finding_id, m.allocations, \
     m.bytes, m.max_live_bytes, p.created_at, m.at_peak_bytes \
     FROM measurements m \
     JOIN profiles p ON p.id = m.profile_id \
     JOIN findings f ON f.session_id = m.session_id AND f.fingerprint = m.fingerprint";

impl Store {
    /// Stores a profile tied to `round` of the session; returns its id.
    /// `summary_json` must be JSON (it is not otherwise interpreted).
    pub fn save_profile(
        &self,
        session_id: i64,
        round: u32,
        target: &str,
        summary_json: &str,
        path: &str,
    ) -> Result<i64> {
        check_json("profile summary", summary_json)?;
        let now = clock::now();
        self.write(|tx| {
            ensure_round(tx, session_id, round)?;
            tx.prepare_cached(
                "INSERT INTO profiles (session_id, round, target, summary_json, path, created_at) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?
            .execute(params![session_id, round, target, summary_json, path, now])?;
            let id = tx.last_insert_rowid();
            touch_session(tx, session_id, &now)?;
            Ok(id)
        })
    }

    /// The session's profiles, oldest first.
    pub fn profiles(&self, session_id: i64) -> Result<Vec<StoredProfile>> {
        self.read(|conn| {
            ensure_session(conn, session_id)?;
            let rows = conn
                .prepare_cached(&format!(
                    "SELECT {PROFILE_COLUMNS} WHERE session_id = ?1 ORDER BY id"
                ))?
                .query_map([session_id], profile_from_row)?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            Ok(rows)
        })
    }

    /// The session's most recent profile, if any.
    pub fn latest_profile(&self, session_id: i64) -> Result<Option<StoredProfile>> {
        self.read(|conn| {
            ensure_session(conn, session_id)?;
            Ok(conn
                .prepare_cached(&format!(
                    "SELECT {PROFILE_COLUMNS} WHERE session_id = ?1 ORDER BY id DESC LIMIT 1"
                ))?
                .query_row([session_id], profile_from_row)
                .optional()?)
        })
    }

    /// One profile of the session by id.
    pub fn profile(&self, session_id: i64, profile_id: i64) -> Result<StoredProfile> {
        self.read(|conn| {
            conn.prepare_cached(&format!(
                "SELECT {PROFILE_COLUMNS} WHERE session_id = ?1 AND id = ?2"
            ))?
            .query_row(params![session_id, profile_id], profile_from_row)
            .optional()?
            .ok_or_else(|| {
                StoreError::not_found(format!("profile {profile_id} of session {session_id}"))
            })
        })
    }

    /// Stores what a profile measured per finding, in one transaction:
    /// `(fingerprint, allocations, bytes, max_live_bytes, at_peak_bytes)`. Measuring the
    /// same finding with the same profile again replaces the row. A
    /// fingerprint the session does not know is [`StoreError::NotFound`] and
    /// nothing is stored.
    pub fn save_measurements(
        &self,
        session_id: i64,
        profile_id: i64,
        measured: &[(String, u64, u64, u64, u64)],
    ) -> Result<()> {
        self.write(|tx| {
            ensure_profile(tx, session_id, profile_id)?;
            let mut known = tx.prepare_cached(
                "SELECT 1 FROM findings WHERE session_id = ?1 AND fingerprint = ?2",
            )?;
            let mut insert = tx.prepare_cached(
                "INSERT INTO measurements \
                 (profile_id, session_id, fingerprint, allocations, bytes, max_live_bytes, \
                 at_peak_bytes) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) \
                 ON CONFLICT (profile_id, fingerprint) DO UPDATE SET \
                 allocations = excluded.allocations, bytes = excluded.bytes, \
                 max_live_bytes = excluded.max_live_bytes, \
                 at_peak_bytes = excluded.at_peak_bytes",
            )?;
            for (fingerprint, allocations, bytes, max_live, at_peak) in measured {
                if !known.exists(params![session_id, fingerprint])? {
                    return Err(StoreError::not_found(format!(
                        "finding with fingerprint {fingerprint} in session {session_id}"
                    )));
                }
                insert.execute(params![
                    profile_id,
                    session_id,
                    fingerprint,
                    to_i64(*allocations),
                    to_i64(*bytes),
                    to_i64(*max_live),
                    to_i64(*at_peak)
                ])?;
            }
            Ok(())
        })
    }

    /// Every measurement of the session, newest profile first (then by
    /// finding id), with the finding's id.
    pub fn measurements(&self, session_id: i64) -> Result<Vec<StoredMeasurement>> {
        self.read(|conn| {
            ensure_session(conn, session_id)?;
            let rows = conn
                .prepare_cached(&format!(
                    "SELECT {MEASUREMENT_COLUMNS} WHERE m.session_id = ?1 \
                     ORDER BY m.profile_id DESC, f.number, f.finding_id"
                ))?
                .query_map([session_id], measurement_from_row)?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            Ok(rows)
        })
    }

    /// The newest measurement of each measured finding of the session, by
    /// finding id: what a report shows next to the estimate.
    pub fn latest_measurements(&self, session_id: i64) -> Result<Vec<StoredMeasurement>> {
        let mut all = self.measurements(session_id)?;
        let mut seen = std::collections::HashSet::new();
        // Newest profile first, so the first row per fingerprint wins.
        all.retain(|m| seen.insert(m.fingerprint.clone()));
        all.sort_by(|a, b| {
            finding_order(&a.finding_id)
                .cmp(&finding_order(&b.finding_id))
                .then_with(|| a.finding_id.cmp(&b.finding_id))
        });
        Ok(all)
    }

    /// Appends a verification of a finding's fix; returns its id. The
    /// outcome must be one of [`OUTCOMES`]; the profiles, when given, must be
    /// the session's.
    pub fn save_verification(&self, session_id: i64, v: &NewVerification<'_>) -> Result<i64> {
        if !OUTCOMES.contains(&v.outcome) {
            return Err(StoreError::Invalid {
                what: format!(
                    "verification outcome `{}` (expected one of {})",
                    v.outcome,
                    OUTCOMES.join(", ")
                ),
            });
        }
        check_json("verification", v.verification_json)?;
        let now = clock::now();
        self.write(|tx| {
            ensure_session(tx, session_id)?;
            for profile in [v.before_profile, v.after_profile].into_iter().flatten() {
                ensure_profile(tx, session_id, profile)?;
            }
            let known = tx
                .prepare_cached(
                    "SELECT 1 FROM findings WHERE session_id = ?1 AND fingerprint = ?2",
                )?
                .exists(params![session_id, v.fingerprint])?;
            if !known {
                return Err(StoreError::not_found(format!(
                    "finding with fingerprint {} in session {session_id}",
                    v.fingerprint
                )));
            }
            tx.prepare_cached(
                "INSERT INTO verifications (session_id, fingerprint, before_profile, \
                 after_profile, outcome, verification_json, created_at) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )?
            .execute(params![
                session_id,
                v.fingerprint,
                v.before_profile,
                v.after_profile,
                v.outcome,
                v.verification_json,
                now
            ])?;
            let id = tx.last_insert_rowid();
            touch_session(tx, session_id, &now)?;
            Ok(id)
        })
    }

    /// Every verification of the session, oldest first; the latest per
    /// finding is the current one.
    pub fn verifications(&self, session_id: i64) -> Result<Vec<StoredVerification>> {
        self.read(|conn| {
            ensure_session(conn, session_id)?;
            let rows = conn
                .prepare_cached(&format!(
                    "SELECT {VERIFICATION_COLUMNS} WHERE v.session_id = ?1 ORDER BY v.id"
                ))?
                .query_map([session_id], verification_from_row)?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            Ok(rows)
        })
    }
}

impl Store {
    /// The newest measurement of one finding (by fingerprint): what its page
    /// shows. One indexed lookup, so paging through findings never reads
    /// the session's other measurements.
    pub fn finding_measurement(
        &self,
        session_id: i64,
        fingerprint: &str,
    ) -> Result<Option<StoredMeasurement>> {
        self.read(|conn| {
            Ok(conn
                .prepare_cached(&format!(
                    "SELECT {MEASUREMENT_COLUMNS} WHERE m.session_id = ?1 AND m.fingerprint = ?2 \
                     ORDER BY m.profile_id DESC LIMIT 1"
                ))?
                .query_row(params![session_id, fingerprint], measurement_from_row)
                .optional()?)
        })
    }

    /// The latest verification of one finding's fix, if any.
    pub fn finding_verification(
        &self,
        session_id: i64,
        fingerprint: &str,
    ) -> Result<Option<StoredVerification>> {
        self.read(|conn| {
            Ok(conn
                .prepare_cached(&format!(
                    "SELECT {VERIFICATION_COLUMNS} WHERE v.session_id = ?1 AND v.fingerprint = ?2 \
                     ORDER BY v.id DESC LIMIT 1"
                ))?
                .query_row(params![session_id, fingerprint], verification_from_row)
                .optional()?)
        })
    }

    /// Whether the session has a profile memaudit ran (not imported), which
    /// `verify` can run again. Reads no profile's summary.
    pub fn has_rerunnable_profile(&self, session_id: i64) -> Result<bool> {
        self.read(|conn| {
            Ok(conn
                .prepare_cached("SELECT 1 FROM profiles WHERE session_id = ?1 AND target != ?2")?
                .exists(params![session_id, IMPORTED_TARGET])?)
        })
    }
}

fn verification_from_row(r: &Row<'_>) -> rusqlite::Result<StoredVerification> {
    Ok(StoredVerification {
        id: r.get(0)?,
        fingerprint: r.get(1)?,
        finding_id: r.get(2)?,
        before_profile: r.get(3)?,
        after_profile: r.get(4)?,
        outcome: r.get(5)?,
        verification_json: r.get(6)?,
        created_at: r.get(7)?,
    })
}

fn ensure_profile(conn: &Connection, session_id: i64, profile_id: i64) -> Result<()> {
    let exists = conn
        .prepare_cached("SELECT 1 FROM profiles WHERE session_id = ?1 AND id = ?2")?
        .exists(params![session_id, profile_id])?;
    if exists {
        Ok(())
    } else {
        ensure_session(conn, session_id)?;
        Err(StoreError::not_found(format!(
            "profile {profile_id} of session {session_id}"
        )))
    }
}

/// Refuses text that is not JSON, so every reader can decode the column.
fn check_json(what: &str, text: &str) -> Result<()> {
    serde_json::from_str::<serde::de::IgnoredAny>(text)
        .map(|_| ())
        .map_err(|e| StoreError::json(what, e))
}

/// `F-007` sorts by 7; other ids after every numbered one.
fn finding_order(id: &str) -> u32 {
    id.strip_prefix("F-")
        .and_then(|n| n.parse().ok())
        .unwrap_or(u32::MAX)
}

fn profile_from_row(r: &Row<'_>) -> rusqlite::Result<StoredProfile> {
    Ok(StoredProfile {
        id: r.get(0)?,
        session_id: r.get(1)?,
        round: r.get(2)?,
        target: r.get(3)?,
        summary_json: r.get(4)?,
        path: r.get(5)?,
        created_at: r.get(6)?,
    })
}

fn measurement_from_row(r: &Row<'_>) -> rusqlite::Result<StoredMeasurement> {
    // Written from u64 with saturation; a negative value can only come from
    // another writer and reads as 0 (the CHECK constraints refuse it anyway).
    let count =
        |i: usize| -> rusqlite::Result<u64> { Ok(u64::try_from(r.get::<_, i64>(i)?).unwrap_or(0)) };
    Ok(StoredMeasurement {
        profile_id: r.get(0)?,
        fingerprint: r.get(1)?,
        finding_id: r.get(2)?,
        allocations: count(3)?,
        bytes: count(4)?,
        max_live_bytes: count(5)?,
        created_at: r.get(6)?,
        at_peak_bytes: r
            .get::<_, Option<i64>>(7)?
            .map(|v| u64::try_from(v).unwrap_or(0)),
    })
}

#[cfg(test)]
mod tests {
    use memaudit_model::FindingState;

    use crate::fixtures::{finding, scope};
    use crate::*;

    use super::*;

    /// A session with one round and findings F-001 (`fp-a`) and F-002 (`fp-b`).
    fn session() -> (Store, i64) {
        let store = Store::open_in_memory().unwrap();
        let s = store.create_session("/src/a", &scope("/src/a")).unwrap();
        store.begin_round(s.id, &[], 1).unwrap();
        store
            .save_findings(
                s.id,
                1,
                &[
                    (finding(1, "fp-a", "src/a.rs"), FindingState::New),
                    (finding(2, "fp-b", "src/b.rs"), FindingState::New),
                ],
            )
            .unwrap();
        (store, s.id)
    }

    #[test]
    fn profiles_round_trip_newest_last() {
        let (store, s) = session();
        assert_eq!(store.latest_profile(s).unwrap(), None, "no profile yet");
        let first = store
            .save_profile(s, 1, r#"{"kind":"test"}"#, r#"{"sites":[]}"#, "/tmp/a.json")
            .unwrap();
        let second = store
            .save_profile(s, 1, IMPORTED_TARGET, "{}", "/tmp/b.json")
            .unwrap();
        let all = store.profiles(s).unwrap();
        let ids: Vec<_> = all.iter().map(|p| (p.id, p.target.as_str())).collect();
        assert_eq!(
            ids,
            vec![(first, r#"{"kind":"test"}"#), (second, IMPORTED_TARGET)],
            "oldest first"
        );
        assert_eq!(all[0].summary_json, r#"{"sites":[]}"#);
        assert_eq!(all[0].path, "/tmp/a.json");
        let latest = store.latest_profile(s).unwrap().unwrap();
        assert_eq!(latest.id, second, "the latest is the newest");
        assert_eq!(store.profile(s, first).unwrap(), all[0]);
    }

    #[test]
    fn profiles_refuse_what_they_cannot_tie() {
        let (store, s) = session();
        let check = |r: Result<i64>, code: &str, why: &str| {
            let err = r.expect_err(why);
            assert_eq!(err.code(), code, "{why}: {err}");
        };
        check(
            store.save_profile(s, 2, "import", "{}", "p.json"),
            "not_found",
            "round 2 does not exist",
        );
        check(
            store.save_profile(s + 1, 1, "import", "{}", "p.json"),
            "not_found",
            "no such session",
        );
        check(
            store.save_profile(s, 1, "import", "not json", "p.json"),
            "json",
            "the summary must be JSON",
        );
        assert!(store.profiles(s).unwrap().is_empty(), "nothing was stored");
    }

    #[test]
    fn measurements_name_their_findings_and_the_latest_wins() {
        let (store, s) = session();
        let old = store
            .save_profile(s, 1, "import", "{}", "old.json")
            .unwrap();
        let new = store
            .save_profile(s, 1, "import", "{}", "new.json")
            .unwrap();
        store
            .save_measurements(
                s,
                old,
                &[
                    ("fp-a".into(), 1_000, 16_000, 16, 0),
                    ("fp-b".into(), 10, 640, 640, 320),
                ],
            )
            .unwrap();
        store
            .save_measurements(s, new, &[("fp-a".into(), 1, 16, 16, 0)])
            .unwrap();
        let all: Vec<_> = store
            .measurements(s)
            .unwrap()
            .into_iter()
            .map(|m| (m.profile_id, m.finding_id, m.allocations))
            .collect();
        assert_eq!(
            all,
            vec![
                (new, "F-001".to_owned(), 1),
                (old, "F-001".to_owned(), 1_000),
                (old, "F-002".to_owned(), 10)
            ],
            "newest profile first, then by finding"
        );
        let peak = store.finding_measurement(s, "fp-b").unwrap().unwrap();
        assert_eq!(peak.at_peak_bytes, Some(320), "the peak share is kept");
        let latest: Vec<_> = store
            .latest_measurements(s)
            .unwrap()
            .into_iter()
            .map(|m| (m.finding_id, m.allocations, m.bytes, m.max_live_bytes))
            .collect();
        assert_eq!(
            latest,
            vec![
                ("F-001".to_owned(), 1, 16, 16),
                ("F-002".to_owned(), 10, 640, 640)
            ],
            "one row per finding, from its newest profile"
        );
        for m in store.latest_measurements(s).unwrap() {
            assert_eq!(
                store.finding_measurement(s, &m.fingerprint).unwrap(),
                Some(m),
                "one finding's lookup agrees with the whole list"
            );
        }
        assert_eq!(store.finding_measurement(s, "fp-nobody").unwrap(), None);
        assert!(!store.has_rerunnable_profile(s).unwrap(), "only imports");
        store
            .save_profile(s, 1, r#"{"kind":"test"}"#, "{}", "run.json")
            .unwrap();
        assert!(store.has_rerunnable_profile(s).unwrap());

        // Saving again replaces; a figure beyond i64 saturates.
        store
            .save_measurements(s, new, &[("fp-a".into(), u64::MAX, 0, 0, 0)])
            .unwrap();
        let again = store.latest_measurements(s).unwrap();
        assert_eq!(again[0].allocations, i64::MAX as u64, "saturated, replaced");
        assert_eq!(
            store.measurements(s).unwrap().len(),
            3,
            "replaced, not added"
        );
    }

    #[test]
    fn measurements_of_unknown_findings_store_nothing() {
        let (store, s) = session();
        let p = store.save_profile(s, 1, "import", "{}", "p.json").unwrap();
        let err = store
            .save_measurements(
                s,
                p,
                &[
                    ("fp-a".into(), 1, 1, 1, 0),
                    ("fp-nobody".into(), 1, 1, 1, 0),
                ],
            )
            .expect_err("an unknown fingerprint is refused");
        assert!(
            err.to_string().contains("fp-nobody"),
            "names the fingerprint: {err}"
        );
        assert!(
            store.measurements(s).unwrap().is_empty(),
            "one transaction: the known finding was not stored either"
        );
        let err = store
            .save_measurements(s, p + 7, &[("fp-a".into(), 1, 1, 1, 0)])
            .expect_err("an unknown profile is refused");
        assert_eq!(err.code(), "not_found");
    }

    #[test]
    fn verifications_are_appended_and_checked() {
        let (store, s) = session();
        let before = store.save_profile(s, 1, "import", "{}", "b.json").unwrap();
        let after = store.save_profile(s, 1, "import", "{}", "a.json").unwrap();
        let v = |outcome, json| NewVerification {
            fingerprint: "fp-a",
            before_profile: Some(before),
            after_profile: Some(after),
            outcome,
            verification_json: json,
        };
        let first = store
            .save_verification(s, &v("no_effect", r#"{"outcome":"no_effect"}"#))
            .unwrap();
        let second = store
            .save_verification(s, &v("verified", r#"{"outcome":"verified"}"#))
            .unwrap();
        let all = store.verifications(s).unwrap();
        let got: Vec<_> = all
            .iter()
            .map(|v| (v.id, v.finding_id.as_str(), v.outcome.as_str()))
            .collect();
        assert_eq!(
            got,
            vec![(first, "F-001", "no_effect"), (second, "F-001", "verified")],
            "both kept, oldest first"
        );
        assert_eq!(
            (all[1].before_profile, all[1].after_profile),
            (Some(before), Some(after))
        );
        assert_eq!(all[1].verification_json, r#"{"outcome":"verified"}"#);
        assert_eq!(
            store.finding_verification(s, "fp-a").unwrap().as_ref(),
            all.last(),
            "the latest is the current one"
        );
        assert_eq!(store.finding_verification(s, "fp-b").unwrap(), None);

        for (bad, why) in [
            (v("better", "{}"), "an unknown outcome"),
            (v("verified", "{"), "broken JSON"),
            (
                NewVerification {
                    fingerprint: "fp-nobody",
                    ..v("verified", "{}")
                },
                "an unknown finding",
            ),
            (
                NewVerification {
                    after_profile: Some(after + 9),
                    ..v("verified", "{}")
                },
                "an unknown profile",
            ),
        ] {
            assert!(
                store.save_verification(s, &bad).is_err(),
                "{why} is refused"
            );
        }
        assert_eq!(store.verifications(s).unwrap().len(), 2, "nothing added");
    }

    #[test]
    fn a_deleted_session_takes_its_profiles_along() {
        let (store, s) = session();
        let p = store.save_profile(s, 1, "import", "{}", "p.json").unwrap();
        store
            .save_measurements(s, p, &[("fp-a".into(), 1, 1, 1, 0)])
            .unwrap();
        store
            .save_verification(
                s,
                &NewVerification {
                    fingerprint: "fp-a",
                    before_profile: Some(p),
                    after_profile: None,
                    outcome: "worse",
                    verification_json: "{}",
                },
            )
            .unwrap();
        store
            .conn()
            .execute("DELETE FROM sessions WHERE id = ?1", [s])
            .unwrap();
        let conn = store.conn();
        for table in ["profiles", "measurements", "verifications"] {
            let n: i64 = conn
                .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
                .unwrap();
            assert_eq!(n, 0, "{table} rows go with their session");
        }
    }
}
