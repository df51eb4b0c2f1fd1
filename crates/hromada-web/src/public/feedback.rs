//! "Was this page useful?" (`POST /feedback`): the small form at the foot of
//! a service's resident pages (`templates/feedback.html`, placed by `Base`).
//!
//! An answer is about a page key (`service:{community}/{service}:page:{page}`),
//! never the address the resident was on, and keeps no one's identity: no
//! account, no address, no case, only the Kyiv day. Its comment is cleaned
//! (`form::clean_text`), at most 1000 characters, and loses e-mail addresses
//! and runs of six or more digits (`feedback::scrub_comment`) before it is
//! stored. No answer chosen or a comment too long is a 422 page with the form
//! again; a second answer about the same page from the same address within
//! the window, or too many from one address, is a 429: nothing is stored.
//! An answer taken is thanked on a small page that links back to the page.

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use hromada_domain::clock::kyiv_time;
use hromada_domain::feedback::{MAX_COMMENT_CHARS, PageKey, scrub_comment};
use hromada_domain::form::clean_text;
use hromada_store::NewPageFeedback;

use crate::AppState;
use crate::access::client::{ClientAddr, throttle_feedback};
use crate::http::csrf::CsrfToken;
use crate::http::forms::{Fields, field};
use crate::http::i18n::Tr;
use crate::http::layout::{Base, FeedbackForm, Ui};
use crate::http::render::{Reject, render};
use crate::http::url::local_path;

#[derive(Template)]
#[template(path = "feedback_page.html")]
struct FeedbackPage<'a> {
    base: Base<'a>,
    errors: Vec<(String, String)>,
    form: Option<FeedbackForm>,
    /// After an answer was taken: whether something was taken out of the comment.
    thanked: Option<bool>,
    back: String,
}

/// The page an answer is about, if it is one of an offered service's resident pages.
fn known_page(state: &AppState, raw: &str) -> Option<PageKey> {
    let key = PageKey::parse(raw)?;
    let catalogue = state.catalogue.get();
    let service = catalogue.offered(&key.community, &key.service)?;
    match key.question_id() {
        Some(id) => service.definition.pages.iter().any(|p| p.id == id).then_some(key),
        None => Some(key),
    }
}

/// `POST /feedback`.
pub async fn answer(
    State(state): State<AppState>,
    ui: Ui,
    ClientAddr(ip): ClientAddr,
    axum::Extension(csrf): axum::Extension<CsrfToken>,
    form: Fields,
) -> Result<Response, Reject> {
    let Some(key) = known_page(&state, field(&form, "page")) else { return Err(Reject::NotFound) };
    let t = Tr { i18n: &state.i18n, lang: ui.lang };
    let start = format!("/{}/{}", key.community, key.service);
    let back = local_path(field(&form, "back")).filter(|p| p.len() <= 512).unwrap_or(&start).to_string();

    let mut input = FeedbackForm::new(key.to_string(), back.clone(), csrf.value());
    input.standalone = true;
    input.comment = field(&form, "comment").chars().take(MAX_COMMENT_CHARS + 100).collect();
    let useful = match field(&form, "useful") {
        "yes" => Some(true),
        "no" => Some(false),
        _ => None,
    };
    input.useful = field(&form, "useful").chars().take(3).collect();
    if useful.is_none() {
        input.useful_error = Some(t.msg("feedback-error-useful"));
    }
    let comment = match form.text("comment").and_then(|raw| clean_text(raw, true)) {
        Ok(c) if c.chars().count() > MAX_COMMENT_CHARS => {
            input.comment_error = Some(t.count("feedback-error-comment-long", "max", MAX_COMMENT_CHARS as i64));
            None
        }
        Ok(c) => Some(c).filter(|c| !c.is_empty()),
        Err(_) => {
            input.comment_error = Some(t.msg("feedback-error-comment-characters"));
            None
        }
    };
    let Some(useful) = useful.filter(|_| input.comment_error.is_none()) else {
        let errors = [("feedback-useful", &input.useful_error), ("feedback-comment", &input.comment_error)]
            .into_iter()
            .filter_map(|(id, e)| e.clone().map(|e| (id.to_string(), e)))
            .collect();
        let mut base = Base::new(&state, &ui, t.msg("feedback-question"));
        base.error = true;
        base.back_href = Some(back.clone());
        let page = FeedbackPage { base, errors, form: Some(input), thanked: None, back };
        return Ok(render(StatusCode::UNPROCESSABLE_ENTITY, &page));
    };

    throttle_feedback(&state, &ui, &ip, &key.to_string()).await?;
    let (comment, removed) = match comment {
        Some(c) => {
            let (scrubbed, removed) = scrub_comment(&c);
            (Some(scrubbed), removed)
        }
        None => (None, false),
    };
    let day = kyiv_time(state.clock.now()).date();
    state.store.put_page_feedback(&NewPageFeedback { page: key, useful, comment, day }).await?;

    let page = FeedbackPage {
        base: Base::new(&state, &ui, t.msg("feedback-thanks-title")),
        errors: Vec::new(),
        form: None,
        thanked: Some(removed),
        back,
    };
    Ok(render(StatusCode::OK, &page))
}
