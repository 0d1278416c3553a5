//! Session documents as MCP resources, so a client can attach them to a
//! conversation without a tool call:
//!
//! - `memaudit://session/{session}/round/{round}/{report|analyst|validator}.md`
//! - `memaudit://session/{session}/{status|decisions}.md`
//!
//! `{session}` is the id or the folder name. The list names the documents of
//! the most recently updated sessions' latest rounds; the templates reach
//! every round. Parsing only — the documents come from [`crate::documents`].

use crate::documents::Document;

pub const SCHEME: &str = "memaudit://session/";

/// How many sessions `resources/list` names documents of.
pub const LISTED_SESSIONS: usize = 20;

/// A parsed resource address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Address {
    pub session: String,
    pub round: Option<u32>,
    pub document: Document,
}

impl Address {
    pub fn uri(&self) -> String {
        match self.round {
            Some(r) => format!(
                "{SCHEME}{}/round/{r}/{}.md",
                self.session,
                self.document.as_str()
            ),
            None => format!("{SCHEME}{}/{}.md", self.session, self.document.as_str()),
        }
    }
}

/// Reads a `memaudit://session/…` address; the error says what a valid one
/// looks like.
pub fn parse(uri: &str) -> Result<Address, String> {
    let usage = || {
        format!(
            "`{uri}` is not a memaudit resource; use {SCHEME}{{session}}/round/{{n}}/report.md \
             (or analyst.md, validator.md) or {SCHEME}{{session}}/status.md (or decisions.md)"
        )
    };
    let rest = uri.strip_prefix(SCHEME).ok_or_else(usage)?;
    let parts: Vec<&str> = rest.split('/').collect();
    let doc = |name: &str| -> Result<Document, String> {
        name.strip_suffix(".md")
            .ok_or_else(usage)?
            .parse::<Document>()
            .map_err(|_| usage())
    };
    match parts.as_slice() {
        [session, name] if !session.is_empty() => {
            let document = doc(name)?;
            if document.per_round() {
                return Err(format!(
                    "`{uri}`: {}.md belongs to a round: {SCHEME}{session}/round/{{n}}/{}.md",
                    document.as_str(),
                    document.as_str()
                ));
            }
            Ok(Address {
                session: (*session).to_owned(),
                round: None,
                document,
            })
        }
        [session, "round", n, name] if !session.is_empty() => {
            let round = n.parse::<u32>().map_err(|_| usage())?;
            let document = doc(name)?;
            if !document.per_round() {
                return Err(format!(
                    "`{uri}`: {}.md is the session's: {SCHEME}{session}/{}.md",
                    document.as_str(),
                    document.as_str()
                ));
            }
            Ok(Address {
                session: (*session).to_owned(),
                round: Some(round),
                document,
            })
        }
        _ => Err(usage()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(uri: &str, expected: Result<(&str, Option<u32>, Document), ()>) {
        let got = parse(uri);
        match expected {
            Ok((session, round, document)) => {
                let a = got.unwrap_or_else(|e| panic!("{uri} should parse: {e}"));
                assert_eq!(
                    a,
                    Address {
                        session: session.into(),
                        round,
                        document
                    }
                );
                assert_eq!(a.uri(), uri, "addresses round-trip");
            }
            Err(()) => assert!(got.is_err(), "{uri} must be refused, got {got:?}"),
        }
    }

    #[test]
    fn addresses() {
        check(
            "memaudit://session/3/round/2/report.md",
            Ok(("3", Some(2), Document::Report)),
        );
        check(
            "memaudit://session/memory_audit_001/status.md",
            Ok(("memory_audit_001", None, Document::Status)),
        );
        check(
            "memaudit://session/3/round/1/validator.md",
            Ok(("3", Some(1), Document::Validator)),
        );
        check("memaudit://session/3/report.md", Err(()));
        check("memaudit://session/3/round/1/status.md", Err(()));
        check("memaudit://session/3/round/x/report.md", Err(()));
        check("memaudit://session//status.md", Err(()));
        check("file:///etc/passwd", Err(()));
        check("memaudit://session/3/round/1/report", Err(()));
    }
}
