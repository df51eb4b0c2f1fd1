//! What anyone may read without signing in: the catalogue of services
//! ([`catalogue`]) and the pulse of progress with its open data ([`pulse`]).

pub(crate) mod catalogue;
pub(crate) mod pulse;
