//! The schema as data: which kinds exist and what fields each accepts
//! ([`kinds`]), and every rule code with the facts about it ([`codes`]).
//! Parsing, reference resolution, the graph, help texts, the JSON Schemas
//! and the rules all read these tables; nothing else lists them.

pub mod codes;
pub mod kinds;

pub use codes::{Code, Need, RULES, Rule, Severity};
pub use kinds::{COMMON, Field, KINDS, Kind, KindSpec, Relation, Requirement, Type};
