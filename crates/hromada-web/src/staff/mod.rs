//! The office's side: work queues, the officer's case page with its workflow
//! actions, the supervisor's overview and the calendar ([`backoffice`]), and
//! applications made for residents at a service centre ([`assist`]), and
//! what residents wrote about the community's pages ([`feedback`]).

pub(crate) mod assist;
pub(crate) mod backoffice;
pub(crate) mod feedback;
