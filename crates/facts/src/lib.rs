//! memaudit's one reading of Rust syntax, shared by every consumer the way
//! a compiler's semantic layer serves its tools: discovery's priorities, the
//! call graph, the built-in Analyst's detectors and the built-in Validator's
//! rules all ask these facts, so they never disagree about what a loop, a
//! mutation, a move or a cold path is. The consumers stay independent in
//! their *judgements*; they do not re-read syntax.
//!
//! - [`parse`]: read-guard, parse, rewrite standard macros into calls;
//! - [`items`]: one file's functions, types, `Box` sites, `mod`/`use`
//!   declarations and impls;
//! - [`body`]: per-function bindings, uses, loops, closures, allocation and
//!   clone sites, calls;
//! - [`ty`], [`types`], [`infer`]: types as written and inferred;
//! - [`names`]: what memaudit knows about std's methods and macros;
//!   [`ident`]: an identifier's text without allocating, to match names;
//! - [`callgraph`], [`hotness`]: the workspace call graph, entry points, how
//!   often each function runs and why, and cold code.
//!
//! Facts are owned values: no syn tree or span outlives the walk of its file
//! (the caller clears the thread's span table after each file). This crate
//! must NOT decide what is a finding, a verdict or a priority's consequence,
//! must NOT do I/O beyond what [`parse`] is asked to read, and must NOT run
//! code from the workspace.
//!
//! ```
//! use memaudit_facts::{parse, items};
//! let src = "fn f(rows: &[String]) { for r in rows { let s = r.clone(); drop(s); } }";
//! let parsed = parse::parse_source("src/lib.rs", src).unwrap();
//! let mut syntax = memaudit_facts::body::Syntax::default();
//! let facts = items::gather(&parsed.tree, &items::FileContext::default(), &mut syntax);
//! assert_eq!(facts.fns[0].facts.loops.len(), 2, "no-loop entry plus the for loop");
//! drop(syntax);
//! proc_macro2::extra::invalidate_current_thread_spans();
//! ```

pub mod body;
pub mod callgraph;
pub mod costly;
pub mod guard;
pub mod hotness;
pub mod ident;
pub mod infer;
pub mod items;
pub mod macros;
pub mod names;
pub mod parse;
pub mod pos;
pub mod ty;
pub mod types;

pub use body::{FnFacts, Syntax};
pub use items::{FileContext, FileFacts, FnItem};
pub use pos::{Pos, Range};
pub use ty::{Ty, View};
pub use types::TypeTable;
