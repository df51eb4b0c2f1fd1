//! The resident's side of a case: applying ([`journey`]: start, one page of
//! questions at a time, uploads, check your answers, submit, my applications),
//! following it ([`casefile`]: status, timeline, messages, withdrawal, files,
//! tracking links) and saying how it went ([`survey`]). Each page of the
//! journey ends with "Was this page useful?" ([`feedback_form`]).

pub(crate) mod casefile;
pub(crate) mod journey;
pub(crate) mod survey;

use hromada_domain::case::CaseChannel;
use hromada_domain::feedback::PageKey;

use crate::access::owner::Owned;
use crate::http::csrf::CsrfToken;
use crate::http::layout::FeedbackForm;

/// "Was this page useful?" for a page of the case's journey (`page`: `check`,
/// `confirmation`, `status` or `question.{id}`), coming back to `back`; none on
/// a case an operator is applying for at a counter, whose reader is staff, nor
/// in a community that is not published (whose pages take no answers).
pub(crate) fn feedback_form(owned: &Owned, page: &str, back: String, csrf: &CsrfToken) -> Option<FeedbackForm> {
    let case = &owned.case;
    if case.channel == CaseChannel::Assisted || !owned.community.published {
        return None;
    }
    FeedbackForm::about(&PageKey::new(&case.community_slug, &case.service_slug, page), back, csrf.value())
}
