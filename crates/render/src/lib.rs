//! Renders sessions to the workflow spec's markdown, JSON and SARIF, and markdown to safe, highlighted HTML.
