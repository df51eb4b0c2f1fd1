//! Reading what a browser sends: query strings and urlencoded forms, multipart
//! bodies with files (within their limits), and the simple form page of the
//! account pages with its fields and error summary.

use askama::Template;
use axum::extract::{FromRequest, Request};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::Response;
use hromada_domain::definition::Answers;
use hromada_domain::form::Problem;

use crate::AppState;
use crate::http::csrf::CsrfToken;
use crate::http::i18n::Tr;
use crate::http::layout::{Base, Ui};
use crate::http::render::{BodyProblem, MAX_FORM_BYTES, Reject, private, render};
use crate::http::url::{FormPairs, decode_form};
use crate::http::widgets::described_by;

/// A file part of a form.
pub(crate) struct UploadPart {
    pub field: String,
    pub name: String,
    pub bytes: Vec<u8>,
}

/// A form body: its text values, in order, its files, and the names of the
/// fields whose values were not text (bytes that are not UTF-8): those have
/// no value here, so no handler can take them for text.
#[derive(Default)]
pub(crate) struct FormBody {
    pub values: Vec<(String, String)>,
    pub files: Vec<UploadPart>,
    pub unreadable: Vec<String>,
}

impl FormBody {
    pub fn get(&self, name: &str) -> Option<&str> {
        self.values.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }

    /// A text field's value ("" when not sent), or [`Problem::BadCharacters`]
    /// when what was sent for it is not text.
    pub fn text(&self, name: &str) -> Result<&str, Problem> {
        if self.unreadable.iter().any(|k| k == name) { Err(Problem::BadCharacters) } else { Ok(self.get(name).unwrap_or("")) }
    }

    /// The values of every field, grouped (several for check boxes).
    pub fn answers(&self) -> Answers {
        let mut answers = Answers::new();
        for (key, value) in &self.values {
            if !key.starts_with('_') {
                answers.entry(key.clone()).or_default().push(value.clone());
            }
        }
        answers
    }
}

/// The most parts a multipart body may have, files and fields together: a
/// page has a few dozen at most (a file field holds 50 files at the very
/// most). Counted while reading, so thousands of tiny files are refused
/// before any of them is looked at.
pub(crate) const MAX_FORM_PARTS: usize = 200;

/// Read an urlencoded or multipart body; files are read up to `max_total`
/// bytes in all, and at most [`MAX_FORM_PARTS`] parts.
pub(crate) async fn read_form(state: &AppState, request: Request, max_total: u64) -> Result<FormBody, BodyProblem> {
    let content_type = request.headers().get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("").to_string();
    if content_type.starts_with("multipart/form-data") {
        let mut multipart = axum::extract::Multipart::from_request(request, state).await.map_err(|_| BodyProblem::Malformed)?;
        let mut body = FormBody::default();
        let mut total: u64 = 0;
        let mut parts: usize = 0;
        loop {
            let mut part = match multipart.next_field().await {
                Ok(Some(_)) if parts == MAX_FORM_PARTS => return Err(BodyProblem::TooManyParts),
                Ok(Some(part)) => part,
                Ok(None) => break,
                Err(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => return Err(BodyProblem::TooLarge),
                Err(_) => return Err(BodyProblem::Malformed),
            };
            parts += 1;
            let name = part.name().unwrap_or("").to_string();
            let file_name = part.file_name().map(str::to_string);
            let mut bytes = Vec::new();
            loop {
                match part.chunk().await {
                    Ok(Some(chunk)) => {
                        total += chunk.len() as u64;
                        if total > max_total {
                            return Err(BodyProblem::TooLarge);
                        }
                        bytes.extend_from_slice(&chunk);
                    }
                    Ok(None) => break,
                    Err(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => return Err(BodyProblem::TooLarge),
                    Err(_) => return Err(BodyProblem::Malformed),
                }
            }
            match file_name {
                Some(file_name) if !bytes.is_empty() || !file_name.is_empty() => {
                    if !bytes.is_empty() {
                        body.files.push(UploadPart { field: name, name: file_name, bytes });
                    }
                }
                Some(_) => {}
                None => match String::from_utf8(bytes) {
                    Ok(value) => body.values.push((name, value)),
                    Err(_) => body.unreadable.push(name),
                },
            }
        }
        Ok(body)
    } else {
        let FormPairs { pairs, unreadable } = read_urlencoded(request).await?;
        Ok(FormBody { values: pairs, files: Vec::new(), unreadable })
    }
}

/// An urlencoded body, decoded. Such a body is ASCII: one that is not even
/// UTF-8 is not a form (400); escapes that make bytes that are not UTF-8
/// leave their field's name in `unreadable`.
async fn read_urlencoded(request: Request) -> Result<FormPairs, BodyProblem> {
    let bytes = axum::body::to_bytes(request.into_body(), MAX_FORM_BYTES).await.map_err(|_| BodyProblem::TooLarge)?;
    let text = std::str::from_utf8(&bytes).map_err(|_| BodyProblem::Malformed)?;
    Ok(decode_form(text))
}

fn is_urlencoded(headers: &HeaderMap) -> bool {
    headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"))
}

/// The text fields of an urlencoded form (the account pages, notes, short
/// forms). A request that is not an urlencoded form has no fields; a value
/// that is not text is never given as text: [`field`] reads it as not sent,
/// and [`Fields::text`] says it has bad characters.
#[derive(Debug, Default)]
pub(crate) struct Fields {
    pairs: Vec<(String, String)>,
    unreadable: Vec<String>,
}

impl Fields {
    /// The value of `name` ("" when not sent; the last one when sent twice),
    /// or [`Problem::BadCharacters`] when what was sent for it is not text.
    pub(crate) fn text(&self, name: &str) -> Result<&str, Problem> {
        if self.is_unreadable(name) { Err(Problem::BadCharacters) } else { Ok(field(self, name)) }
    }

    /// Whether what was sent for `name` was not text.
    pub(crate) fn is_unreadable(&self, name: &str) -> bool {
        self.unreadable.iter().any(|k| k == name)
    }

    /// Each of the page's fields whose value was not text gets the message
    /// for bad characters, naming it, in place of any other.
    pub(crate) fn refuse_unreadable(&self, t: &Tr<'_>, fields: &mut [FormField]) {
        for f in fields.iter_mut().filter(|f| self.is_unreadable(f.id)) {
            f.error = Some(t.with("problem-characters", "label", &f.label));
        }
    }
}

impl<S: Send + Sync> FromRequest<S> for Fields {
    type Rejection = Reject;

    async fn from_request(request: Request, _state: &S) -> Result<Fields, Reject> {
        if !is_urlencoded(request.headers()) {
            return Ok(Fields::default());
        }
        let FormPairs { pairs, unreadable } = read_urlencoded(request).await?;
        Ok(Fields { pairs, unreadable })
    }
}

/// The text of field `name`: "" when it was not sent or was not text.
pub(crate) fn field<'a>(form: &'a Fields, name: &str) -> &'a str {
    form.pairs.iter().rev().find(|(k, _)| k == name).map(|(_, v)| v.as_str()).unwrap_or("")
}

pub(crate) struct FormField {
    pub id: &'static str,
    pub label: String,
    pub hint: Option<String>,
    pub kind: &'static str,
    pub autocomplete: &'static str,
    pub value: String,
    pub error: Option<String>,
}

impl FormField {
    pub(crate) fn new(t: &Tr<'_>, id: &'static str, label_key: &str, kind: &'static str, autocomplete: &'static str) -> FormField {
        FormField { id, label: t.msg(label_key), hint: None, kind, autocomplete, value: String::new(), error: None }
    }

    pub(crate) fn hint(mut self, t: &Tr<'_>, key: &str) -> FormField {
        self.hint = Some(t.msg(key));
        self
    }

    pub(crate) fn value(mut self, value: &str) -> FormField {
        self.value = value.to_string();
        self
    }

    /// What is wrong with the value, if anything.
    pub(crate) fn error(mut self, error: Option<String>) -> FormField {
        self.error = error;
        self
    }

    /// The ids of the hint and the error, for `aria-describedby`.
    pub fn described_by(&self) -> Option<String> {
        described_by(self.id, self.hint.is_some(), self.error.is_some())
    }
}

#[derive(Template)]
#[template(path = "form.html")]
struct FormPage<'a> {
    base: Base<'a>,
    heading: String,
    intro: Vec<String>,
    action: String,
    csrf: String,
    fields: Vec<FormField>,
    submit: String,
    errors: Vec<(String, String)>,
    links: Vec<(String, String)>,
}

pub(crate) struct Page<'a> {
    pub(crate) state: &'a AppState,
    pub(crate) ui: &'a Ui,
    pub(crate) csrf: &'a CsrfToken,
    pub(crate) title_key: &'a str,
    pub(crate) intro: Vec<String>,
    pub(crate) action: String,
    pub(crate) fields: Vec<FormField>,
    pub(crate) submit_key: &'a str,
    pub(crate) links: Vec<(String, String)>,
}

impl<'a> Page<'a> {
    /// A page with no intro, no fields and no links yet: set them with `Page { fields, ..Page::new(…) }`.
    pub(crate) fn new(
        state: &'a AppState,
        ui: &'a Ui,
        csrf: &'a CsrfToken,
        title_key: &'a str,
        action: impl Into<String>,
        submit_key: &'a str,
    ) -> Page<'a> {
        Page { state, ui, csrf, title_key, intro: Vec::new(), action: action.into(), fields: Vec::new(), submit_key, links: Vec::new() }
    }

    /// The page, answered 422 when a field reports an error and 200 otherwise.
    pub(crate) fn render(self) -> Response {
        let t = Tr { i18n: &self.state.i18n, lang: self.ui.lang };
        let errors: Vec<(String, String)> = self.fields.iter().filter_map(|f| f.error.clone().map(|e| (f.id.to_string(), e))).collect();
        let status = if errors.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
        let mut base = Base::new(self.state, self.ui, t.msg(self.title_key));
        base.error = !errors.is_empty();
        let page = FormPage {
            heading: t.msg(self.title_key),
            intro: self.intro,
            action: self.action,
            csrf: self.csrf.value().to_string(),
            fields: self.fields,
            submit: t.msg(self.submit_key),
            errors,
            links: self.links,
            base,
        };
        private(render(status, &page))
    }
}
