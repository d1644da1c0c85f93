//! Views: what people see of an [`crate::analysis::Analysis`]. They never
//! judge: every decision about what to report is made before they run.
//!
//! - [`check`]: the diagnostics in every `--format`;
//! - [`diff`]: `stratlint diff`, what changed in the strategy between two states;
//! - [`init`]: the starter files `stratlint init` writes;
//! - [`mcp`]: `stratlint mcp`, the Model Context Protocol server for agents;
//! - [`map`]: the strategy as a graph (Mermaid, DOT, JSON);
//! - [`report`]: the strategy health report (Markdown, HTML, JSON);
//! - [`review`]: `stratlint review`, the one edit of user files;
//! - [`server`]: `stratlint server`, the language server;
//! - [`trace`]: `stratlint trace`, the strategy that governs code paths.

pub mod check;
pub mod diff;
pub mod init;
pub mod map;
pub mod mcp;
pub mod report;
pub mod review;
pub mod server;
pub mod trace;
