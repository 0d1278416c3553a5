//! The SQLite store: sessions, rounds, findings, validations, reports, decisions; migrations applied on open.
