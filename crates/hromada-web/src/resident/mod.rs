//! The resident's side of a case: applying ([`journey`]: start, one page of
//! questions at a time, uploads, check your answers, submit, my applications),
//! following it ([`casefile`]: status, timeline, messages, withdrawal, files,
//! tracking links) and saying how it went ([`survey`]).

pub(crate) mod casefile;
pub(crate) mod journey;
pub(crate) mod survey;
