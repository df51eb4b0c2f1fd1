//! What anyone may read without signing in: the catalogue of services
//! ([`catalogue`]), a community's service centres ([`centres`]), the glossary
//! of the words services use ([`glossary`]), "Was this page useful?"
//! ([`feedback`]), the pulse of progress with its open data ([`pulse`]), and
//! the short guides with the accessibility statement ([`help`]).

pub(crate) mod catalogue;
pub(crate) mod centres;
pub(crate) mod feedback;
pub(crate) mod glossary;
pub(crate) mod help;
pub(crate) mod pulse;
