//! What anyone may read without signing in: the catalogue of services
//! ([`catalogue`]), the glossary of the words services use ([`glossary`])
//! and the pulse of progress with its open data ([`pulse`]).

pub(crate) mod catalogue;
pub(crate) mod glossary;
pub(crate) mod pulse;
