//! What anyone may read without signing in: the catalogue of services
//! ([`catalogue`]), "Was this page useful?" ([`feedback`]) and the pulse of progress with its open data ([`pulse`]).

pub(crate) mod catalogue;
pub(crate) mod feedback;
pub(crate) mod pulse;
