//! Renders memaudit sessions for people and tools: the workflow spec's
//! markdown documents (`analyst.md`, `validator.md`, `report.md`,
//! `status.md`, `decisions.md`, a one-file session export), JSON and SARIF
//! exports, safe highlighted HTML for the desktop report view, and the
//! session folder in the workspace.
//!
//! Everything here is a pure function of the model types except [`files`],
//! which is the only module that touches the file system. This crate does not
//! decide anything about findings (no ranking, no verdicts, no counting that
//! the Coordinator should do): it renders what it is given. It never renders
//! an absolute path except the workspace line of a session export, and it
//! treats every string inside a finding as untrusted text.
//!
//! ```
//! let html = memaudit_render::html::markdown_to_html("**hi** <script>alert(1)</script>");
//! assert!(!html.contains("<script>"));
//! assert!(html.contains("&lt;script&gt;"));
//! assert!(html.contains("<strong>hi</strong>"));
//! ```

mod error;
mod evidence_md;
pub mod files;
pub mod html;
pub mod json;
pub mod markdown;
pub mod sarif;
mod text;

pub use error::RenderError;
