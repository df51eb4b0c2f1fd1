//! "Was this page useful?": the answers residents give about a service's
//! pages (`migrations/*/0011_page_feedback.sql`). An answer carries no one's
//! identity — no account, no address, no case, only the day — and its comment
//! has had personal data taken out by the web before it comes here
//! (`hromada_domain::feedback::scrub_comment`). Storing an answer counts it in
//! the pulse's roll-up (`pulse_page_feedback`) in the same transaction.

use hromada_domain::feedback::PageKey;
use hromada_domain::pulse::YearMonth;
use time::Date;

/// An answer to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewPageFeedback {
    pub page: PageKey,
    pub useful: bool,
    /// Already cleaned and scrubbed; 1 to 1000 characters.
    pub comment: Option<String>,
    /// The Kyiv day it was given (it is counted in that day's month).
    pub day: Date,
}

/// A stored answer with a comment, as the community's admins read it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageComment {
    pub id: i64,
    pub service_slug: String,
    pub page_key: String,
    pub useful: bool,
    pub comment: String,
    pub day: Date,
}

/// Answers about one page of a community's service, in one month, with one answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageFeedbackRollup {
    pub community_slug: String,
    pub service_slug: String,
    pub month: YearMonth,
    pub page_key: String,
    pub useful: bool,
    pub count: u64,
}
