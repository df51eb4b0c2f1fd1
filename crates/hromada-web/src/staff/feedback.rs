//! What residents wrote under "Was this page useful?" about a community's
//! service pages (`GET /staff/feedback`), newest first, in pages, for the
//! community's administrators and their region's (the policy's
//! `Resource::PageFeedback`). The comments are anonymous and had e-mail
//! addresses and digit runs taken out, but they are still text residents
//! wrote, which may name someone: each page read is written to the audit
//! trail (`page_feedback.viewed`, subject `community:{slug}`), as staff views
//! of residents' data are.

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;

use crate::AppState;
use crate::access::audit::staff_event;
use crate::access::staff::{Staff, feedback_communities};
use crate::http::i18n::Tr;
use crate::http::layout::{Base, Ui, feedback_page_label};
use crate::http::render::{Reject, private, render};

/// Comments per page.
const PAGE_SIZE: i64 = 50;

pub(crate) struct CommentRow {
    pub day: String,
    pub service: String,
    pub page: String,
    pub useful: String,
    pub lines: Vec<String>,
}

#[derive(Template)]
#[template(path = "staff_feedback.html")]
struct FeedbackPage<'a> {
    base: Base<'a>,
    /// (slug, name, chosen) of every community they may read.
    communities: Vec<(String, String, bool)>,
    community_name: String,
    rows: Vec<CommentRow>,
    older_href: Option<String>,
}

/// `GET /staff/feedback[?community=…&before=…]`.
pub async fn comments(State(state): State<AppState>, ui: Ui, staff: Staff) -> Result<Response, Reject> {
    let t = Tr { i18n: &state.i18n, lang: ui.lang };
    let allowed = feedback_communities(&state, &staff.person);
    // Another community's comments are a 404, as if it had none.
    let community = match ui.param("community") {
        Some(slug) => allowed.iter().find(|c| c.slug == slug).ok_or(Reject::NotFound)?,
        None => allowed.first().ok_or(Reject::NotFound)?,
    };
    let before = ui.param("before").and_then(|b| b.parse::<i64>().ok()).filter(|b| *b > 0);
    let mut found = state.store.page_comments(&community.slug, before, PAGE_SIZE + 1).await?;
    let more = found.len() as i64 > PAGE_SIZE;
    found.truncate(PAGE_SIZE as usize);

    let subject = format!("community:{}", community.slug);
    let event =
        staff_event(&state, &staff, Some(&community.slug), "page_feedback.viewed", subject, &[("comments", found.len().to_string())]);
    if let Err(error) = state.store.append_audit(&event).await {
        tracing::error!(%error, "could not write the audit trail");
        return Err(Reject::unavailable(error));
    }

    let catalogue = state.catalogue.get();
    let rows = found
        .iter()
        .map(|c| CommentRow {
            day: c.day.to_string(),
            service: catalogue
                .any_offered(&community.slug, &c.service_slug)
                .map(|s| s.definition.title.get(ui.lang).to_string())
                .unwrap_or_else(|| c.service_slug.clone()),
            page: feedback_page_label(&state, &t, &c.page_key),
            useful: t.msg(if c.useful { "feedback-yes" } else { "feedback-no" }),
            lines: c.comment.lines().map(str::to_string).collect(),
        })
        .collect();
    let older_href = match (more, found.last()) {
        (true, Some(last)) => Some(format!("/staff/feedback?community={}&before={}", community.slug, last.id)),
        _ => None,
    };
    let mut base = Base::new(&state, &ui, t.msg("staff-feedback-title"));
    base.staff_nav = true;
    let page = FeedbackPage {
        communities: allowed.iter().map(|c| (c.slug.clone(), c.name.get(ui.lang).to_string(), c.slug == community.slug)).collect(),
        community_name: community.name.get(ui.lang).to_string(),
        rows,
        older_href,
        base,
    };
    Ok(private(render(StatusCode::OK, &page)))
}
