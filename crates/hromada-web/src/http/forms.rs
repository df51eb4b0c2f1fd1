//! Reading what a browser sends: query strings and urlencoded forms, multipart
//! bodies with files (within their limits), and the simple form page of the
//! account pages with its fields and error summary.

use std::collections::HashMap;

use askama::Template;
use axum::Form;
use axum::extract::rejection::FormRejection;
use axum::extract::{FromRequest, Request};
use axum::http::{StatusCode, header};
use axum::response::Response;
use hromada_domain::definition::Answers;

use crate::AppState;
use crate::http::csrf::CsrfToken;
use crate::http::i18n::Tr;
use crate::http::layout::{Base, Ui};
use crate::http::render::private;

/// Decode `a=1&b=x+y` the way HTML forms encode it.
pub fn form_urlencoded_pairs(query: &str) -> Vec<(String, String)> {
    query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|pair| {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            (percent_decode(k), percent_decode(v))
        })
        .collect()
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => {
                let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).ok().and_then(|h| u8::from_str_radix(h, 16).ok());
                match hex {
                    Some(b) => {
                        out.push(b);
                        i += 2;
                    }
                    None => out.push(b'%'),
                }
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

pub fn percent_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => out.push(b as char),
            b' ' => out.push('+'),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// A file part of a form.
pub(crate) struct UploadPart {
    pub field: String,
    pub name: String,
    pub bytes: Vec<u8>,
}

/// A form body: its text values, in order, and its files.
#[derive(Default)]
pub(crate) struct FormBody {
    pub values: Vec<(String, String)>,
    pub files: Vec<UploadPart>,
}

impl FormBody {
    pub fn get(&self, name: &str) -> Option<&str> {
        self.values.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
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

pub(crate) enum BodyProblem {
    TooLarge,
    Malformed,
}

/// Largest form without files.
pub(crate) const MAX_FORM_BYTES: usize = 1024 * 1024;

/// Read an urlencoded or multipart body; files are read up to `max_total` bytes in all.
pub(crate) async fn read_form(state: &AppState, request: Request, max_total: u64) -> Result<FormBody, BodyProblem> {
    let content_type = request.headers().get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("").to_string();
    if content_type.starts_with("multipart/form-data") {
        let mut multipart = axum::extract::Multipart::from_request(request, state).await.map_err(|_| BodyProblem::Malformed)?;
        let mut body = FormBody::default();
        let mut total: u64 = 0;
        loop {
            let mut part = match multipart.next_field().await {
                Ok(Some(part)) => part,
                Ok(None) => break,
                Err(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => return Err(BodyProblem::TooLarge),
                Err(_) => return Err(BodyProblem::Malformed),
            };
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
                None => {
                    let value = String::from_utf8(bytes).map_err(|_| BodyProblem::Malformed)?;
                    body.values.push((name, value));
                }
            }
        }
        Ok(body)
    } else {
        let bytes = axum::body::to_bytes(request.into_body(), MAX_FORM_BYTES).await.map_err(|_| BodyProblem::TooLarge)?;
        let text = std::str::from_utf8(&bytes).map_err(|_| BodyProblem::Malformed)?;
        Ok(FormBody { values: form_urlencoded_pairs(text), files: Vec::new() })
    }
}

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

pub(crate) type Fields = Result<Form<HashMap<String, String>>, FormRejection>;

pub(crate) fn field<'a>(form: &'a Fields, name: &str) -> &'a str {
    form.as_ref().ok().and_then(|f| f.0.get(name)).map(|s| s.as_str()).unwrap_or("")
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

    /// The ids of the hint and the error, for `aria-describedby`.
    pub fn described_by(&self) -> Option<String> {
        let ids: Vec<String> =
            [self.hint.as_ref().map(|_| format!("{}-hint", self.id)), self.error.as_ref().map(|_| format!("{}-error", self.id))]
                .into_iter()
                .flatten()
                .collect();
        (!ids.is_empty()).then(|| ids.join(" "))
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

impl Page<'_> {
    pub(crate) fn render(self, status: StatusCode) -> Response {
        let t = Tr { i18n: &self.state.i18n, lang: self.ui.lang };
        let errors: Vec<(String, String)> = self.fields.iter().filter_map(|f| f.error.clone().map(|e| (f.id.to_string(), e))).collect();
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
        private(crate::http::render::render(status, &page))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Query strings and form bodies come from anyone: decoding never panics,
        /// and what we encode decodes back to itself.
        #[test]
        fn decoding_untrusted_forms_never_panics(raw in "\\PC{0,200}", bytes in proptest::collection::vec(any::<u8>(), 0..200)) {
            let _ = form_urlencoded_pairs(&raw);
            let _ = form_urlencoded_pairs(&String::from_utf8_lossy(&bytes));
        }
    }

    proptest! {
        #[test]
        fn encoding_round_trips(value in "\\PC{0,100}") {
            let pairs = form_urlencoded_pairs(&format!("k={}", percent_encode(&value)));
            prop_assert_eq!(pairs, vec![("k".to_string(), value)]);
        }
    }

    #[test]
    fn query_decoding_handles_cyrillic_plus_and_broken_escapes() {
        let pairs = form_urlencoded_pairs("q=%D0%BF%D0%B0%D0%BC%E2%80%99%D1%8F%D1%82%D0%BA%D0%B0+x&bad=%ZZ%&lang=en");
        assert_eq!(pairs[0], ("q".to_string(), "пам’ятка x".to_string()));
        assert_eq!(pairs[1], ("bad".to_string(), "%ZZ%".to_string()));
        assert_eq!(percent_decode(&percent_encode("пам’ятка x&y=z")), "пам’ятка x&y=z");
    }
}
