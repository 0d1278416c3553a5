//! The built-in Validator and Coordinator of memaudit (workflow spec 2.2 and
//! 2.3).
//!
//! - [`validator`] re-reads each finding's code through the shared facts and
//!   checks it against a table of rules ([`validator::RULES`], one module
//!   per family): it rejects the classic false positives (an `Arc` clone
//!   moved into a thread, a clone whose source is mutated afterwards, a
//!   recursive enum's box, a `Box<dyn Trait>`, an allocation on a cold error
//!   path, …) and proposals that cannot work (a reused buffer for a value
//!   that is kept, a borrow of a value made in the loop), approves sound
//!   findings on hot paths with the gain said plainly, and asks one question
//!   when one fact it cannot read decides the rest. A finding whose proposal
//!   is only a sketch (or only trims spare capacity, shares a slice, or moves
//!   a type's nodes into an arena) is a LOW note ([`coordinator::is_note`]).
//! - [`checked`] lets the compiler overrule it: an edit that does not
//!   compile is never APPROVED, a borrow-check error rejects the premise, a
//!   compiled and tested edit is evidence.
//! - [`coordinator`] turns a round's findings, validations and decisions into
//!   the [`Report`](memaudit_model::Report): counts, quick wins, architectural
//!   recommendations, findings by crate, deferred, next-round focus and the
//!   termination criteria, plus `status.md` counts.
//!
//! This crate is pure and deterministic: the same input gives the same
//! output. It does no I/O besides reading the audited source files in
//! [`validator::validate`], never runs audited code, never panics on broken
//! user code, and knows nothing of markdown, SQLite or LLM providers.
//!
//! ```
//! use memaudit_model::*;
//! use memaudit_review::validator::validate_in_source;
//!
//! let source = "fn f(items: &[String]) {\n    let n = items.len();\n    let m = n.clone();\n    println!(\"{m}\");\n}\n";
//! # let finding = memaudit_review::example_finding();
//! let v = validate_in_source(source, &finding, None);
//! assert_eq!(v.verdict, Verdict::Rejected); // `n` is a `usize`: `Copy`.
//! ```

pub mod checked;
pub mod coordinator;
mod error;
mod facts;
mod proposal;
pub mod validator;

pub use error::ReviewError;

/// A finding for the crate-level example: `n.clone()` at line 3.
#[doc(hidden)]
pub fn example_finding() -> memaudit_model::Finding {
    use memaudit_model::*;
    Finding {
        id: "F-001".into(),
        fingerprint: "example".into(),
        category: Category::UnnecessaryClone,
        file: "src/lib.rs".into(),
        line_start: 3,
        line_end: 3,
        crate_name: "example".into(),
        priority: Priority::P0,
        item_path: "f".into(),
        confidence: Confidence::High,
        safety: Safety::Safe,
        code: "let m = n.clone();".into(),
        issue: "Clone of `n`.".into(),
        proposal: "let m = n;".into(),
        impact: Impact::default(),
        tradeoffs: Tradeoffs::default(),
        prerequisites: Vec::new(),
        source: FindingSource::Builtin,
        reach: None,
        edit: None,
    }
}
