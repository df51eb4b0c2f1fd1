//! Turning a template into a response, and the pages that only say something:
//! not found, unavailable, a refusal, a confirmation. Redirects after a POST.

use askama::Template;
use axum::extract::State;
use axum::http::header::HeaderValue;
use axum::http::{StatusCode, Uri, header};
use axum::response::{Html, IntoResponse, Redirect, Response};

use crate::AppState;
use crate::http::i18n::Tr;
use crate::http::layout::{Base, Ui};

pub(crate) fn render(status: StatusCode, template: &impl Template) -> Response {
    match template.render() {
        Ok(html) => (status, [(header::CONTENT_TYPE, HeaderValue::from_static("text/html; charset=utf-8"))], Html(html)).into_response(),
        Err(error) => {
            tracing::error!(%error, "template failed to render");
            (StatusCode::INTERNAL_SERVER_ERROR, "Internal error / Внутрішня помилка").into_response()
        }
    }
}

#[derive(Template)]
#[template(path = "message.html")]
struct MessagePage<'a> {
    base: Base<'a>,
    heading: String,
    text: String,
}

/// The 404 page, in the reader's language. A path with a trailing slash is
/// sent to the same path without it, since that is what people mean.
pub async fn not_found(State(state): State<AppState>, ui: Ui, uri: Uri) -> Response {
    let path = uri.path();
    if path.len() > 1 && path.ends_with('/') {
        let trimmed = path.trim_end_matches('/');
        let target = match uri.query() {
            Some(q) => format!("{trimmed}?{q}"),
            None => trimmed.to_string(),
        };
        if !target.starts_with("//") && !target.is_empty() {
            return Redirect::permanent(&target).into_response();
        }
    }
    not_found_page(&state, &ui)
}

pub fn not_found_page(state: &AppState, ui: &Ui) -> Response {
    message_page(state, ui, StatusCode::NOT_FOUND, "not-found-title", "not-found-text")
}

/// A page that only says something (an error, a refusal), in the reader's language.
pub fn message_page(state: &AppState, ui: &Ui, status: StatusCode, title_key: &str, text_key: &str) -> Response {
    let t = Tr { i18n: &state.i18n, lang: ui.lang };
    text_page(state, ui, status, t.msg(title_key), t.msg(text_key))
}

/// As [`message_page`], with texts already formatted.
pub fn text_page(state: &AppState, ui: &Ui, status: StatusCode, heading: String, text: String) -> Response {
    let page = MessagePage { base: Base::new(state, ui, heading.clone()), heading, text };
    render(status, &page)
}

/// Pages about an account hold personal data: never cached.
pub(crate) fn private(mut response: Response) -> Response {
    response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

pub(crate) fn message(state: &AppState, ui: &Ui, status: StatusCode, title_key: &str, text: String) -> Response {
    let t = Tr { i18n: &state.i18n, lang: ui.lang };
    private(crate::http::render::text_page(state, ui, status, t.msg(title_key), text))
}

pub(crate) fn unavailable(state: &AppState, ui: &Ui, error: impl std::fmt::Display) -> Response {
    tracing::error!(%error, "account request failed");
    crate::http::render::message_page(state, ui, StatusCode::SERVICE_UNAVAILABLE, "error-title", "error-text")
}

pub(crate) fn see_other(to: &str) -> Response {
    Redirect::to(to).into_response()
}

#[derive(Template)]
#[template(path = "confirm.html")]
pub(crate) struct ConfirmPage<'a> {
    pub base: Base<'a>,
    pub caption: String,
    pub heading: String,
    pub text: Vec<String>,
    pub action: String,
    pub csrf: String,
    pub button: String,
    pub warning: bool,
    pub cancel_href: String,
    pub cancel: String,
    pub reason_label: String,
}

pub(crate) enum BodyProblem {
    TooLarge,
    Malformed,
}

/// Largest form without files.
pub(crate) const MAX_FORM_BYTES: usize = 1024 * 1024;

pub(crate) fn body_problem_page(state: &AppState, ui: &Ui, problem: BodyProblem) -> Response {
    let t = Tr { i18n: &state.i18n, lang: ui.lang };
    let (status, text) = match problem {
        BodyProblem::TooLarge => (
            StatusCode::PAYLOAD_TOO_LARGE,
            t.args(
                "upload-body-too-large",
                &[
                    ("file", t.size(state.settings.uploads.file_bytes as i64)),
                    ("all", t.size(state.settings.uploads.application_bytes as i64)),
                ],
            ),
        ),
        BodyProblem::Malformed => (StatusCode::BAD_REQUEST, t.msg("form-malformed")),
    };
    private(crate::http::render::text_page(state, ui, status, t.msg("form-problem-title"), text))
}
