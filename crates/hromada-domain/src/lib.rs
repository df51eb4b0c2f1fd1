//! Pure types and rules of Hromada.
//!
//! Architecture Invariant: this crate does no I/O, no async and no SQL. Time
//! comes in through [`clock::Clock`]; text comes in as `&str`.

pub mod account;
pub mod audit;
pub mod auth;
pub mod case;
pub mod catalogue;
pub mod clock;
pub mod deadline;
pub mod definition;
pub mod document;
pub mod feedback;
pub mod form;
pub mod glossary;
pub mod job;
pub mod katottg;
pub mod place;
pub mod policy;
pub mod pulse;
pub mod search;
pub mod slug;
pub mod text;
pub mod upload;
pub mod values;

pub use text::{Lang, Text};
