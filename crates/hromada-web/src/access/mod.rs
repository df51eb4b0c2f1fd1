//! Who is asking and what they may touch: ids from the path ([`ids`]), the visitor and their session
//! ([`session`]), the client's address and throttling ([`client`]), staff
//! members, their roles and the cases of their communities ([`staff`]), the
//! applicant's own case ([`owner`]), and the audit trail of who did what
//! ([`audit`]).
//!
//! Architecture Invariant: every decision about a person and a resource is
//! `policy::decide`'s; the extractors here load the resource and refuse (404)
//! once, so that a handler never sees what its asker may not.

pub(crate) mod audit;
pub(crate) mod client;
pub(crate) mod ids;
pub(crate) mod owner;
pub(crate) mod session;
pub(crate) mod staff;
