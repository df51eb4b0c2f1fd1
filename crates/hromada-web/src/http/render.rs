//! Turning a template into a response, and the pages that only say something:
//! not found, unavailable, a refusal, a confirmation. Redirects after a POST.

use askama::Template;
use axum::extract::{Request, State};
use axum::http::header::{HeaderMap, HeaderValue};
use axum::http::{StatusCode, Uri, header};
use axum::middleware::Next;
use axum::response::{Html, IntoResponse, Redirect, Response};
use hromada_store::StoreError;

use crate::AppState;
use crate::http::i18n::Tr;
use crate::http::layout::{Base, Ui, ui_from};
use crate::http::secret::NoRandomness;

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
pub async fn not_found(uri: Uri) -> Result<Response, Reject> {
    let path = uri.path();
    if path.len() > 1 && path.ends_with('/') {
        let trimmed = path.trim_end_matches('/');
        let target = match uri.query() {
            Some(q) => format!("{trimmed}?{q}"),
            None => trimmed.to_string(),
        };
        if !target.starts_with("//") && !target.is_empty() {
            return Ok(Redirect::permanent(&target).into_response());
        }
    }
    Err(Reject::NotFound)
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

/// The response, setting a cookie too.
pub(crate) fn with_cookies(mut response: Response, cookies: impl IntoIterator<Item = HeaderValue>) -> Response {
    for cookie in cookies {
        response.headers_mut().append(header::SET_COOKIE, cookie);
    }
    response
}

pub(crate) fn message(state: &AppState, ui: &Ui, status: StatusCode, title_key: &str, text: String) -> Response {
    let t = Tr { i18n: &state.i18n, lang: ui.lang };
    private(text_page(state, ui, status, t.msg(title_key), text))
}

fn unavailable_page(state: &AppState, ui: &Ui) -> Response {
    message_page(state, ui, StatusCode::SERVICE_UNAVAILABLE, "error-title", "error-text")
}

/// Why a request is not answered with the page it asked for. Handlers return
/// `Result<Response, Reject>` and use `?`: a lookup that finds nothing, or
/// nothing the asker may see, is `NotFound` (one 404 for both); a store that
/// fails is `Unavailable` (logged where it is made, once); any other answer —
/// a redirect to sign in, a 409, a form with errors — is a response made
/// already. The pages of the first two are made by [`error_pages`], which
/// knows the reader's language.
#[derive(Debug)]
pub(crate) enum Reject {
    NotFound,
    Unavailable,
    /// A body too large or not a form: 413 or 400, with the limits.
    Body(BodyProblem),
    Answer(Box<Response>),
}

impl Reject {
    /// Log what failed and answer 503.
    pub(crate) fn unavailable(error: impl std::fmt::Display) -> Reject {
        tracing::error!(%error, "a request failed: the database or another part is unavailable");
        Reject::Unavailable
    }
}

impl From<StoreError> for Reject {
    fn from(error: StoreError) -> Reject {
        Reject::unavailable(error)
    }
}

impl From<NoRandomness> for Reject {
    fn from(error: NoRandomness) -> Reject {
        Reject::unavailable(error)
    }
}

impl From<BodyProblem> for Reject {
    fn from(problem: BodyProblem) -> Reject {
        Reject::Body(problem)
    }
}

impl From<Response> for Reject {
    fn from(response: Response) -> Reject {
        Reject::Answer(Box::new(response))
    }
}

/// The mark a rejection leaves on its bare response, for [`error_pages`].
#[derive(Debug, Clone, Copy)]
enum ErrorPage {
    NotFound,
    Unavailable,
    Body(BodyProblem),
}

impl IntoResponse for Reject {
    fn into_response(self) -> Response {
        let (status, page) = match self {
            Reject::Answer(response) => return *response,
            Reject::NotFound => (StatusCode::NOT_FOUND, ErrorPage::NotFound),
            Reject::Unavailable => (StatusCode::SERVICE_UNAVAILABLE, ErrorPage::Unavailable),
            Reject::Body(problem) => (problem.status(), ErrorPage::Body(problem)),
        };
        let mut response = status.into_response();
        response.extensions_mut().insert(page);
        response
    }
}

/// The layer that gives a rejection its page, in the reader's language.
/// It keeps only what the page needs of the request (the address and the
/// cookies, both shared, not copied) and reads the reader's language from them
/// only when there is a page to make: an answered request pays nothing.
pub(crate) async fn error_pages(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let uri = request.uri().clone();
    let mut cookies = HeaderMap::new();
    for value in request.headers().get_all(header::COOKIE) {
        cookies.append(header::COOKIE, value.clone());
    }
    let response = next.run(request).await;
    let Some(page) = response.extensions().get::<ErrorPage>().copied() else { return response };
    let ui = ui_from(&uri, &cookies);
    let mut rendered = match page {
        ErrorPage::NotFound => not_found_page(&state, &ui),
        ErrorPage::Unavailable => unavailable_page(&state, &ui),
        ErrorPage::Body(problem) => body_problem_page(&state, &ui, problem),
    };
    // Cookies set on the way out (the CSRF layer's) stay with the page.
    for cookie in response.headers().get_all(header::SET_COOKIE) {
        rendered.headers_mut().append(header::SET_COOKIE, cookie.clone());
    }
    rendered
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
    /// Why the reason given could not be taken (the page answers 422 then).
    pub reason_error: Option<String>,
}

/// What is wrong with a request's body as a whole.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum BodyProblem {
    TooLarge,
    /// A multipart body of more parts than any page has fields and files.
    TooManyParts,
    Malformed,
}

impl BodyProblem {
    fn status(self) -> StatusCode {
        match self {
            BodyProblem::TooLarge | BodyProblem::TooManyParts => StatusCode::PAYLOAD_TOO_LARGE,
            BodyProblem::Malformed => StatusCode::BAD_REQUEST,
        }
    }
}

/// Largest form without files.
pub(crate) const MAX_FORM_BYTES: usize = 1024 * 1024;

pub(crate) fn body_problem_page(state: &AppState, ui: &Ui, problem: BodyProblem) -> Response {
    let t = Tr { i18n: &state.i18n, lang: ui.lang };
    let text = match problem {
        BodyProblem::TooLarge => t.args(
            "upload-body-too-large",
            &[("file", t.size(state.settings.uploads.file_bytes as i64)), ("all", t.size(state.settings.uploads.application_bytes as i64))],
        ),
        BodyProblem::TooManyParts => t.msg("form-too-many-parts"),
        BodyProblem::Malformed => t.msg("form-malformed"),
    };
    private(text_page(state, ui, problem.status(), t.msg("form-problem-title"), text))
}
