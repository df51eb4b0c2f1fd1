//! The resident's journey: start an application, answer its pages one at a
//! time (the draft is saved at every page), check the answers, submit once,
//! and see the confirmation. Pages follow the GOV.UK Design System's patterns
//! (one thing per page, error summary, check your answers) and need no JavaScript.
//!
//! Who may touch a case: the signed-in resident who applied, or, for services
//! that need no account, whoever holds the case's secret (a cookie set when
//! the draft was made, the same secret as the tracking link e-mailed at
//! submission). Anyone else gets the same 404 as for a case that does not exist.

use std::collections::BTreeMap;
use std::sync::Arc;

use askama::Template;
use axum::Extension;
use axum::extract::{FromRequest, Path, Request, State};
use axum::http::StatusCode;
use axum::http::header::{self, HeaderMap, HeaderValue};
use axum::response::{IntoResponse, Redirect, Response};
use hromada_domain::auth::SecretToken;
use hromada_domain::case::CaseChannel;
use hromada_domain::clock::kyiv_time;
use hromada_domain::deadline::{WorkCalendar, due_date};
use hromada_domain::definition::{AccountRule, Answers, Field, FieldKind, Page, ServiceDefinition};
use hromada_domain::form::{self, FieldError, Problem};
use hromada_domain::place::Community;
use hromada_domain::policy::{Action, Person, Place, Resource, decide};
use hromada_domain::upload;
use hromada_mail::Email;
use hromada_store::{CaseFile, CaseRecord, DRAFT_STATE, NewCase, NewCaseFile, StoreError, Submission, SubmitOutcome};

use crate::AppState;
use crate::account::{private, unavailable};
use crate::csrf::CsrfToken;
use crate::i18n::Tr;
use crate::pages::{not_found_page, render};
use crate::session::Visitor;
use crate::ui::{Base, Ui, form_urlencoded_pairs};

// ---- who owns a case ----------------------------------------------------------------

/// The cookie that holds the secret of a case made without an account.
pub(crate) fn case_cookie_name(secure: bool) -> &'static str {
    if secure { "__Host-hromada_case" } else { "hromada_case" }
}

pub(crate) fn case_cookie(secure: bool, token: &str) -> HeaderValue {
    let attributes = if secure { "; Secure" } else { "" };
    let value = format!("{}={token}; Path=/; Max-Age=31536000; HttpOnly; SameSite=Lax{attributes}", case_cookie_name(secure));
    HeaderValue::from_str(&value).unwrap_or_else(|_| HeaderValue::from_static(""))
}

/// The case secret the visitor's cookie carries, if any.
pub(crate) fn case_secret(headers: &HeaderMap, secure: bool) -> Option<SecretToken> {
    crate::ui::cookie(headers, case_cookie_name(secure)).and_then(SecretToken::parse)
}

/// Whether this visitor may see and change this case as its applicant.
pub(crate) fn owns(case: &CaseRecord, visitor: &Visitor, headers: &HeaderMap, secure: bool) -> bool {
    // The applicant's own pages: the policy decides, for the person as a resident of the case.
    let by_account = visitor.signed_in.as_ref().is_some_and(|s| {
        let place = Place { community: case.community_slug.clone(), region: String::new() };
        decide(&Person::Resident(s.account.id), Action::Change, &Resource::Case { place, applicant: case.applicant }).allowed()
    });
    let by_secret = match (&case.owner_token_hash, case_secret(headers, secure)) {
        (Some(hash), Some(secret)) => crate::csrf::constant_time_eq(hash, &secret.hash()),
        _ => false,
    };
    // An operator at a service centre acts for the resident on the assisted case they made.
    by_account || by_secret || crate::assist::made_by(case, visitor)
}

/// Whether the visitor's cookie holds the secret that owns this case (so the
/// tracking link made of it leads to this case, not to another draft of theirs).
fn secret_owns(case: &CaseRecord, secret: &SecretToken) -> bool {
    case.owner_token_hash.as_deref().is_some_and(|hash| crate::csrf::constant_time_eq(hash, &secret.hash()))
}

/// A case the visitor owns, with its definition and community.
pub(crate) struct Owned {
    pub case: CaseRecord,
    pub definition: Arc<ServiceDefinition>,
    pub community: Community,
}

/// Load case `id` for its applicant, or answer 404 (unknown, not theirs) or 503.
pub(crate) async fn load_owned(state: &AppState, ui: &Ui, visitor: &Visitor, headers: &HeaderMap, id: &str) -> Result<Owned, Response> {
    let Ok(id) = id.parse::<i64>() else { return Err(not_found_page(state, ui)) };
    let case = match state.store.case(id).await {
        Ok(Some(case)) if owns(&case, visitor, headers, state.settings.secure_cookies) => case,
        Ok(_) => return Err(not_found_page(state, ui)),
        Err(e) => return Err(unavailable(state, ui, e)),
    };
    match crate::assist::operator_may_act(state, &ui.path, visitor, &case).await {
        Ok(true) => {}
        Ok(false) => return Err(not_found_page(state, ui)),
        Err(e) => return Err(unavailable(state, ui, e)),
    }
    let definition = match state.definitions.get(state.store.as_ref(), &case.service_slug, case.service_version).await {
        Ok(Some(d)) => d,
        Ok(None) => return Err(not_found_page(state, ui)),
        Err(e) => return Err(unavailable(state, ui, e)),
    };
    let catalogue = state.catalogue.get();
    let Some(community) = catalogue.community(&case.community_slug).cloned() else { return Err(not_found_page(state, ui)) };
    Ok(Owned { case, definition, community })
}

fn today(state: &AppState) -> time::Date {
    kyiv_time(state.clock.now()).date()
}

pub(crate) fn see_other(to: &str) -> Response {
    Redirect::to(to).into_response()
}

// ---- reading forms, with files --------------------------------------------------------

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
    private(crate::pages::text_page(state, ui, status, t.msg("form-problem-title"), text))
}

// ---- error messages -------------------------------------------------------------------

/// What to tell the resident, in their language, about a refused value.
pub(crate) fn problem_message(t: &Tr<'_>, field: &Field, problem: &Problem) -> String {
    let label = field.label.get(t.lang).to_string();
    let label_arg = [("label", label.clone())];
    match problem {
        Problem::Required => match &field.kind {
            FieldKind::Choice { .. } | FieldKind::MultiChoice { .. } => t.args("problem-choose", &label_arg),
            FieldKind::Declaration => t.msg("problem-declaration"),
            FieldKind::File { .. } => t.args("problem-file-required", &label_arg),
            _ => t.args("problem-required", &label_arg),
        },
        Problem::TooShort { min } => t.args("problem-too-short", &[("label", label), ("min", min.to_string())]),
        Problem::TooLong { max } => t.args("problem-too-long", &[("label", label), ("max", max.to_string())]),
        Problem::NotANumber => t.args("problem-number", &label_arg),
        Problem::NotWhole => t.args("problem-whole", &label_arg),
        Problem::TooSmall { min } => t.args("problem-too-small", &[("label", label), ("min", min.clone())]),
        Problem::TooLarge { max } => t.args("problem-too-large", &[("label", label), ("max", max.clone())]),
        Problem::NotADate => t.args("problem-date", &label_arg),
        Problem::DateTooEarly { earliest } => t.args("problem-date-early", &[("label", label), ("date", t.date(*earliest))]),
        Problem::DateTooLate { latest } => t.args("problem-date-late", &[("label", label), ("date", t.date(*latest))]),
        Problem::NotAnOption => t.args("problem-option", &label_arg),
        Problem::NotAPhone => t.msg("problem-phone"),
        Problem::NotAnEmail => t.msg("problem-email"),
        Problem::NotAnRnokpp => t.msg("problem-rnokpp"),
        Problem::NotAnEdrpou => t.msg("problem-edrpou"),
        Problem::NotAnIban => t.msg("problem-iban"),
        Problem::NotAnIdDocument => t.msg("problem-id-document"),
        Problem::TooManyFiles { max } => t.args("problem-too-many-files", &[("label", label), ("max", max.to_string())]),
        Problem::BadCharacters => t.args("problem-characters", &label_arg),
    }
}

// ---- the question page ------------------------------------------------------------------

pub(crate) struct Choice {
    pub id: String,
    pub value: String,
    pub label: String,
    pub checked: bool,
}

pub(crate) struct ShownFile {
    pub id: i64,
    pub name: String,
    pub size: String,
}

/// One field as the page shows it.
pub(crate) struct Widget {
    pub id: String,
    /// `input`, `textarea`, `radios`, `checkboxes`, `declaration`, `file`.
    pub control: &'static str,
    pub input_type: &'static str,
    pub inputmode: &'static str,
    pub autocomplete: &'static str,
    pub spellcheck: bool,
    pub label: String,
    pub hint: Option<String>,
    pub error: Option<String>,
    pub value: String,
    pub choices: Vec<Choice>,
    pub files: Vec<ShownFile>,
    pub accept: String,
    pub multiple: bool,
    pub rows: u32,
    pub width: &'static str,
}

impl Widget {
    pub fn described_by(&self) -> Option<String> {
        let ids: Vec<String> =
            [self.hint.as_ref().map(|_| format!("{}-hint", self.id)), self.error.as_ref().map(|_| format!("{}-error", self.id))]
                .into_iter()
                .flatten()
                .collect();
        (!ids.is_empty()).then(|| ids.join(" "))
    }
}

/// The hint a field shows: its own help, limits, the format, and when it applies.
fn hint_of(t: &Tr<'_>, definition: &ServiceDefinition, field: &Field, page: &Page) -> Option<String> {
    let mut parts = Vec::new();
    if let Some(condition) = &field.show_if
        && page.fields.iter().any(|f| f.id == condition.field)
        && let Some(source) = definition.field(&condition.field)
    {
        // The condition is on this page: without JavaScript the field is always
        // there, so say when it needs an answer.
        use hromada_domain::definition::ConditionTest;
        let label_of = |v: &str| -> String {
            source
                .kind
                .options()
                .and_then(|o| o.iter().find(|o| o.value == v))
                .map(|o| o.label.get(t.lang).to_string())
                .unwrap_or_else(|| v.to_string())
        };
        let question = source.label.get(t.lang).to_string();
        let quoted = |values: &[String]| {
            values.iter().map(|v| t.with("hint-answer", "answer", &label_of(v))).collect::<Vec<_>>().join(&t.msg("hint-or"))
        };
        match &condition.test {
            ConditionTest::Equals(v) | ConditionTest::Includes(v) => {
                parts.push(t.args("hint-only-if", &[("question", question), ("answer", quoted(std::slice::from_ref(v)))]));
            }
            ConditionTest::OneOf(vs) => parts.push(t.args("hint-only-if", &[("question", question), ("answer", quoted(vs))])),
            ConditionTest::NotEquals(v) => {
                parts.push(t.args("hint-only-if-not", &[("question", question), ("answer", quoted(std::slice::from_ref(v)))]));
            }
        }
    }
    if let Some(help) = &field.help {
        parts.push(help.get(t.lang).to_string());
    }
    match &field.kind {
        FieldKind::Date { .. } => parts.push(t.msg("hint-date")),
        FieldKind::Textarea { max_length, .. } => parts.push(t.count("hint-max-chars", "n", i64::from(*max_length))),
        FieldKind::File { accept, max_files, max_file_mb } => {
            let kinds: Vec<&str> = accept.iter().map(|k| upload::extension(*k)).collect();
            parts.push(t.args(
                "hint-files",
                &[("kinds", kinds.join(", ").to_uppercase()), ("size", max_file_mb.to_string()), ("count", max_files.to_string())],
            ));
        }
        _ => {}
    }
    // "Optional", unless the label or the help already says so.
    let optional = t.msg("hint-optional");
    let says_so = |text: &str| text.to_lowercase().contains(optional.trim_end_matches('.').to_lowercase().as_str());
    if !field.required
        && !matches!(field.kind, FieldKind::Declaration)
        && !says_so(field.label.get(t.lang))
        && !field.help.as_ref().is_some_and(|h| says_so(h.get(t.lang)))
    {
        parts.push(optional);
    }
    (!parts.is_empty()).then(|| parts.join(" "))
}

/// The `autocomplete` attribute for a declared input purpose (a `'static` token from the closed list).
fn autocomplete_token(purpose: &str) -> &'static str {
    hromada_domain::definition::AUTOCOMPLETE.iter().find(|t| **t == purpose).copied().unwrap_or("off")
}

pub(crate) fn widget(
    t: &Tr<'_>,
    definition: &ServiceDefinition,
    page: &Page,
    field: &Field,
    values: &[String],
    files: &[&CaseFile],
    error: Option<String>,
) -> Widget {
    let first = values.first().cloned().unwrap_or_default();
    let mut w = Widget {
        id: field.id.clone(),
        control: "input",
        input_type: "text",
        inputmode: "",
        // Only the applicant's own data is offered for filling in (WCAG 1.3.5);
        // a child's or an owner's never is.
        autocomplete: field.autocomplete.as_deref().map(autocomplete_token).unwrap_or("off"),
        spellcheck: true,
        label: field.label.get(t.lang).to_string(),
        hint: hint_of(t, definition, field, page),
        error,
        value: first.clone(),
        choices: Vec::new(),
        files: Vec::new(),
        accept: String::new(),
        multiple: false,
        rows: 5,
        width: "",
    };
    let choices = |options: &[hromada_domain::definition::ChoiceOption]| -> Vec<Choice> {
        options
            .iter()
            .enumerate()
            .map(|(i, o)| Choice {
                id: if i == 0 { field.id.clone() } else { format!("{}-{}", field.id, i + 1) },
                value: o.value.clone(),
                label: o.label.get(t.lang).to_string(),
                checked: values.contains(&o.value),
            })
            .collect()
    };
    match &field.kind {
        FieldKind::Text { .. } => {}
        FieldKind::Address => {}
        FieldKind::Textarea { max_length, .. } => {
            w.control = "textarea";
            w.rows = if *max_length > 2000 { 8 } else { 5 };
        }
        FieldKind::Number { integer, .. } => {
            w.inputmode = if *integer { "numeric" } else { "decimal" };
            w.width = "w10";
            w.spellcheck = false;
        }
        FieldKind::Date { .. } => {
            // As Ukrainians write dates: 27.11.2026, shown as stored (ISO) turned back.
            w.value = hromada_domain::values::UaDate::parse(&first).map(|d| d.to_string()).unwrap_or(first);
            w.width = "w10";
            w.spellcheck = false;
        }
        FieldKind::Choice { options } => {
            w.control = "radios";
            w.choices = choices(options);
        }
        FieldKind::MultiChoice { options } => {
            w.control = "checkboxes";
            w.choices = choices(options);
        }
        FieldKind::Phone => {
            w.input_type = "tel";
            w.spellcheck = false;
            w.width = "w20";
            // As people write it back: +380 67 123 45 67.
            if let Ok(phone) = hromada_domain::values::Phone::parse(&first) {
                w.value = phone.formatted();
            }
        }
        FieldKind::Email => {
            w.input_type = "email";
            w.spellcheck = false;
        }
        FieldKind::Rnokpp | FieldKind::Edrpou => {
            w.spellcheck = false;
            w.width = "w10";
        }
        FieldKind::Iban | FieldKind::IdDocument => {
            w.spellcheck = false;
            w.width = "w20";
        }
        FieldKind::File { accept, max_files, .. } => {
            w.control = "file";
            w.accept = accept.iter().map(|k| k.code()).collect::<Vec<_>>().join(",");
            w.multiple = *max_files > 1;
            w.files = files.iter().map(|f| ShownFile { id: f.id, name: f.name.clone(), size: t.size(f.size) }).collect();
        }
        FieldKind::Declaration => {
            w.control = "declaration";
            w.choices = vec![Choice {
                id: field.id.clone(),
                value: form::DECLARATION_TICKED.to_string(),
                label: field.label.get(t.lang).to_string(),
                checked: first == form::DECLARATION_TICKED,
            }];
        }
    }
    w
}

#[derive(Template)]
#[template(path = "question.html")]
struct QuestionPage<'a> {
    base: Base<'a>,
    service_title: String,
    heading: String,
    step: String,
    action: String,
    multipart: bool,
    csrf: String,
    version: i64,
    widgets: Vec<Widget>,
    errors: Vec<(String, String)>,
    case_id: i64,
    page_id: String,
    returning: bool,
    save_later_href: String,
}

/// Ids of the files of each field of the draft.
fn files_by_field(files: &[CaseFile]) -> BTreeMap<String, Vec<&CaseFile>> {
    let mut by_field: BTreeMap<String, Vec<&CaseFile>> = BTreeMap::new();
    for file in files {
        if let Some(field) = &file.field {
            by_field.entry(field.clone()).or_default().push(file);
        }
    }
    by_field
}

#[allow(clippy::too_many_arguments)]
fn question_page(
    state: &AppState,
    ui: &Ui,
    csrf: &CsrfToken,
    owned: &Owned,
    page: &Page,
    values: &Answers,
    files: &[CaseFile],
    errors: &[(String, String)],
    returning: bool,
) -> Response {
    let t = Tr { i18n: &state.i18n, lang: ui.lang };
    let definition = &owned.definition;
    let by_field = files_by_field(files);
    let answers = form::prune(definition, values);
    let widgets: Vec<Widget> = page
        .fields
        .iter()
        .filter(|f| {
            // Fields whose condition is on an earlier page show only when it holds.
            match &f.show_if {
                Some(c) if !page.fields.iter().any(|o| o.id == c.field) => c.holds(&answers),
                _ => true,
            }
        })
        .map(|f| {
            let error = errors.iter().find(|(id, _)| *id == f.id).map(|(_, m)| m.clone());
            let vals = values.get(&f.id).cloned().unwrap_or_default();
            let field_files: Vec<&CaseFile> = by_field.get(&f.id).cloned().unwrap_or_default();
            widget(&t, definition, page, f, &vals, &field_files, error)
        })
        .collect();
    let visible = form::visible_pages(definition, &answers);
    let position = visible.iter().position(|&i| definition.pages[i].id == page.id).map_or(1, |p| p + 1);
    let id = owned.case.id;
    let back_href = if returning {
        format!("/applications/{id}/check")
    } else {
        match form::previous_page(definition, &answers, &page.id) {
            Some(previous) => format!("/applications/{id}/page/{}", previous.id),
            None if owned.case.channel == CaseChannel::Assisted => "/staff/assist".to_string(),
            None => format!("/{}/{}/apply", owned.case.community_slug, owned.case.service_slug),
        }
    };
    let multipart = page.fields.iter().any(|f| matches!(f.kind, FieldKind::File { .. }));
    let mut action = format!("/applications/{id}/page/{}", page.id);
    if multipart {
        // A multipart body is not read before the handler: the CSRF token travels in the query.
        action.push_str(&format!("?_csrf={}", csrf.value()));
    }
    let mut base = Base::new(state, ui, page.title.get(ui.lang).to_string());
    base.error = !errors.is_empty();
    base.back_href = Some(back_href);
    let page = QuestionPage {
        service_title: definition.title.get(ui.lang).to_string(),
        heading: page.title.get(ui.lang).to_string(),
        step: t.args("apply-step", &[("n", position.to_string()), ("total", visible.len().to_string())]),
        action,
        multipart,
        csrf: csrf.value().to_string(),
        version: owned.case.service_version,
        widgets,
        errors: errors.to_vec(),
        case_id: id,
        page_id: page.id.clone(),
        returning,
        save_later_href: "/applications".to_string(),
        base,
    };
    let status = if errors.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    private(render(status, &page))
}

fn find_page<'a>(definition: &'a ServiceDefinition, page_id: &str) -> Option<&'a Page> {
    definition.pages.iter().find(|p| p.id == page_id)
}

/// Where a draft continues: its first unfinished page, or the check page.
fn resume_href(state: &AppState, owned: &Owned) -> String {
    let id = owned.case.id;
    match form::first_unfinished_page(&owned.definition, &owned.case.answers, today(state)) {
        Some(page) => format!("/applications/{id}/page/{}", page.id),
        None => format!("/applications/{id}/check"),
    }
}

pub async fn question(
    State(state): State<AppState>,
    ui: Ui,
    visitor: Visitor,
    headers: HeaderMap,
    Extension(csrf): Extension<CsrfToken>,
    Path((id, page_id)): Path<(String, String)>,
) -> Response {
    let owned = match load_owned(&state, &ui, &visitor, &headers, &id).await {
        Ok(o) => o,
        Err(r) => return r,
    };
    if !owned.case.is_draft() {
        return see_other(&format!("/applications/{}/status", owned.case.id));
    }
    let Some(page) = find_page(&owned.definition, &page_id) else { return not_found_page(&state, &ui) };
    let answers = form::prune(&owned.definition, &owned.case.answers);
    let index = owned.definition.pages.iter().position(|p| p.id == page.id).unwrap_or(0);
    if !form::visible_pages(&owned.definition, &answers).contains(&index) {
        // Not asked with these answers: go where the draft continues.
        return see_other(&resume_href(&state, &owned));
    }
    let files = match state.store.case_files(owned.case.id).await {
        Ok(f) => f,
        Err(e) => return unavailable(&state, &ui, e),
    };
    question_page(&state, &ui, &csrf, &owned, page, &owned.case.answers, &files, &[], ui.param("return") == Some("check"))
}

/// Store the uploads of a page; an error per field that refused one (nothing is kept then).
async fn take_uploads(
    state: &AppState,
    t: &Tr<'_>,
    owned: &Owned,
    page: &Page,
    uploads: Vec<UploadPart>,
    existing: &[CaseFile],
) -> Result<Vec<CaseFile>, Vec<(String, String)>> {
    let limits = &state.settings.uploads;
    let mut total: u64 = existing.iter().map(|f| f.size.max(0) as u64).sum();
    let mut errors = Vec::new();
    let mut accepted = Vec::new();
    for part in uploads {
        let Some(field) = page.fields.iter().find(|f| f.id == part.field) else { continue };
        let FieldKind::File { accept, max_file_mb, .. } = &field.kind else { continue };
        let label = field.label.get(t.lang).to_string();
        let max_file = (u64::from(*max_file_mb) * 1024 * 1024).min(limits.file_bytes);
        let kind = match crate::files::check_upload(t, &part.name, &part.bytes, accept, max_file) {
            Ok(kind) => kind,
            Err(error) => {
                errors.push((field.id.clone(), error));
                continue;
            }
        };
        total += part.bytes.len() as u64;
        if total > limits.application_bytes {
            errors.push((
                field.id.clone(),
                t.args("upload-application-full", &[("label", label), ("size", t.size(limits.application_bytes as i64))]),
            ));
            continue;
        }
        accepted.push((field.id.clone(), kind, part));
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let mut stored = Vec::new();
    for (field, kind, part) in accepted {
        let sha256 = upload::sha256_hex(&part.bytes);
        if let Err(error) = state.files.put(&sha256, &part.bytes).await {
            tracing::error!(%error, "could not store an upload");
            return Err(vec![(field, t.msg("upload-failed"))]);
        }
        let file = NewCaseFile {
            case_id: owned.case.id,
            field: Some(field.clone()),
            name: upload::sanitise_file_name(&part.name, kind),
            content_type: kind.code().to_string(),
            size: part.bytes.len() as i64,
            sha256,
            uploaded_at: state.clock.now(),
        };
        match state.store.add_case_file(&file).await {
            Ok(f) => stored.push(f),
            Err(error) => {
                tracing::error!(%error, "could not record an upload");
                return Err(vec![(field, t.msg("upload-failed"))]);
            }
        }
    }
    Ok(stored)
}

pub async fn answer(
    State(state): State<AppState>,
    ui: Ui,
    visitor: Visitor,
    Extension(csrf): Extension<CsrfToken>,
    Path((id, page_id)): Path<(String, String)>,
    request: Request,
) -> Response {
    let headers = request.headers().clone();
    let owned = match load_owned(&state, &ui, &visitor, &headers, &id).await {
        Ok(o) => o,
        Err(r) => return r,
    };
    let body = match read_form(&state, request, state.settings.uploads.application_bytes + 64 * 1024).await {
        Ok(b) => b,
        Err(p) => return body_problem_page(&state, &ui, p),
    };
    if !owned.case.is_draft() {
        return see_other(&format!("/applications/{}/status", owned.case.id));
    }
    let Some(page) = find_page(&owned.definition, &page_id) else { return not_found_page(&state, &ui) };
    if body.get("_version").and_then(|v| v.parse::<i64>().ok()) != Some(owned.case.service_version) {
        return version_changed(&state, &ui, &owned);
    }
    let t = Tr { i18n: &state.i18n, lang: ui.lang };
    let returning = body.get("_return") == Some("check");
    let staying = body.get("_action") == Some("upload");
    let mut files = match state.store.case_files(owned.case.id).await {
        Ok(f) => f,
        Err(e) => return unavailable(&state, &ui, e),
    };
    let mut submitted = body.answers();
    // The page's own values only; file fields' values are the ids of their files.
    submitted.retain(|k, _| page.fields.iter().any(|f| &f.id == k && !matches!(f.kind, FieldKind::File { .. })));
    let uploads = body.files;
    let upload_errors = match take_uploads(&state, &t, &owned, page, uploads, &files).await {
        Ok(stored) => {
            files.extend(stored);
            Vec::new()
        }
        Err(errors) => errors,
    };
    for field in page.fields.iter().filter(|f| matches!(f.kind, FieldKind::File { .. })) {
        let ids: Vec<String> = files.iter().filter(|f| f.field.as_deref() == Some(&field.id)).map(|f| f.id.to_string()).collect();
        if !ids.is_empty() {
            submitted.insert(field.id.clone(), ids);
        }
    }
    let (checked, problems) = form::check_page(&owned.definition, page, &submitted, &owned.case.answers, today(&state));
    let mut errors: Vec<(String, String)> = upload_errors;
    for FieldError { field, problem } in &problems {
        // An upload refused for a field says more than "add a file" for the same field.
        if errors.iter().any(|(id, _)| id == field) {
            continue;
        }
        if let Some(f) = owned.definition.field(field) {
            errors.push((field.clone(), problem_message(&t, f, problem)));
        }
    }
    if !errors.is_empty() {
        // Entered values come back as typed; nothing of the page is saved.
        let mut shown = owned.case.answers.clone();
        for field in &page.fields {
            shown.remove(&field.id);
        }
        shown.extend(submitted);
        return question_page(&state, &ui, &csrf, &owned, page, &shown, &files, &errors, returning);
    }
    let mut answers = owned.case.answers.clone();
    for field in &page.fields {
        answers.remove(&field.id);
    }
    answers.extend(checked);
    let answers = form::prune(&owned.definition, &answers);
    match state.store.save_draft_answers(owned.case.id, &answers, state.clock.now()).await {
        Ok(()) => {}
        Err(StoreError::Conflict(_)) => return see_other(&format!("/applications/{}/status", owned.case.id)),
        Err(e) => return unavailable(&state, &ui, e),
    }
    let id = owned.case.id;
    if staying {
        let suffix = if returning { "?return=check" } else { "" };
        return see_other(&format!("/applications/{id}/page/{}{suffix}", page.id));
    }
    let next = if returning {
        form::first_unfinished_page(&owned.definition, &answers, today(&state))
    } else {
        form::next_page(&owned.definition, &answers, &page.id)
    };
    match next {
        Some(next) => see_other(&format!("/applications/{id}/page/{}", next.id)),
        None => see_other(&format!("/applications/{id}/check")),
    }
}

fn version_changed(state: &AppState, ui: &Ui, owned: &Owned) -> Response {
    let t = Tr { i18n: &state.i18n, lang: ui.lang };
    let mut response =
        crate::pages::text_page(state, ui, StatusCode::CONFLICT, t.msg("version-changed-title"), t.msg("version-changed-text"));
    if let Ok(v) = HeaderValue::from_str(&resume_href(state, owned)) {
        response.headers_mut().insert(header::LINK, v);
    }
    private(response)
}

/// Remove one file of a draft, then go back to its page.
pub async fn remove_file(
    State(state): State<AppState>,
    ui: Ui,
    visitor: Visitor,
    headers: HeaderMap,
    Path((id, file_id)): Path<(String, String)>,
    form: crate::account::Fields,
) -> Response {
    let owned = match load_owned(&state, &ui, &visitor, &headers, &id).await {
        Ok(o) => o,
        Err(r) => return r,
    };
    let Ok(file_id) = file_id.parse::<i64>() else { return not_found_page(&state, &ui) };
    let files = match state.store.case_files(owned.case.id).await {
        Ok(f) => f,
        Err(e) => return unavailable(&state, &ui, e),
    };
    let Some(file) = files.iter().find(|f| f.id == file_id) else { return not_found_page(&state, &ui) };
    match state.store.remove_case_file(owned.case.id, file_id).await {
        Ok(true) => {
            if let Some(field) = &file.field {
                // The answer lists the field's files: drop this one from it.
                let mut answers = owned.case.answers.clone();
                if let Some(ids) = answers.get_mut(field) {
                    ids.retain(|i| *i != file_id.to_string());
                    if ids.is_empty() {
                        answers.remove(field);
                    }
                }
                if let Err(e) = state.store.save_draft_answers(owned.case.id, &answers, state.clock.now()).await {
                    return unavailable(&state, &ui, e);
                }
            }
            state.forget_files(std::slice::from_ref(&file.sha256)).await;
        }
        Ok(false) => return see_other(&format!("/applications/{}/status", owned.case.id)),
        Err(e) => return unavailable(&state, &ui, e),
    }
    let page = crate::account::field(&form, "_page");
    let page = find_page(&owned.definition, page).map(|p| p.id.clone()).unwrap_or_default();
    let suffix = if crate::account::field(&form, "_return") == "check" { "?return=check" } else { "" };
    if page.is_empty() {
        see_other(&format!("/applications/{}", owned.case.id))
    } else {
        see_other(&format!("/applications/{}/page/{page}{suffix}", owned.case.id))
    }
}

// ---- start ------------------------------------------------------------------------------

#[derive(Template)]
#[template(path = "apply.html")]
struct StartPage<'a> {
    base: Base<'a>,
    service_title: String,
    summary: String,
    documents: Vec<String>,
    deadline: String,
    fee: String,
    can_start: bool,
    sign_in_href: String,
    action: String,
    csrf: String,
    drafts: Vec<(String, String)>,
    back_href: String,
}

pub async fn start_page(
    State(state): State<AppState>,
    ui: Ui,
    visitor: Visitor,
    Extension(csrf): Extension<CsrfToken>,
    Path((community_slug, service_slug)): Path<(String, String)>,
) -> Response {
    let catalogue = state.catalogue.get();
    let (Some(community), Some(service)) = (catalogue.community(&community_slug), catalogue.offered(&community_slug, &service_slug)) else {
        return not_found_page(&state, &ui);
    };
    let t = Tr { i18n: &state.i18n, lang: ui.lang };
    let definition = &service.definition;
    let title = definition.title.get(ui.lang).to_string();
    let signed_in = visitor.signed_in.is_some();
    let needs_account = definition.account == AccountRule::Required;
    let mut drafts = Vec::new();
    if let Some(s) = &visitor.signed_in {
        match state.store.cases_of_applicant(s.account.id).await {
            Ok(cases) => {
                for case in cases.iter().filter(|c| c.is_draft() && c.service_slug == service_slug && c.community_slug == community_slug) {
                    let saved = t.date(kyiv_time(case.updated_at).date());
                    drafts.push((format!("/applications/{}", case.id), t.with("apply-resume-draft", "date", &saved)));
                }
            }
            Err(e) => return unavailable(&state, &ui, e),
        }
    }
    let mut base = Base::new(&state, &ui, t.msg("apply-title"));
    base.crumbs.push(("/".into(), t.msg("nav-home")));
    base.crumbs.push((format!("/{community_slug}"), community.name.get(ui.lang).to_string()));
    base.crumbs.push((format!("/{community_slug}/{service_slug}"), title.clone()));
    let here = format!("/{community_slug}/{service_slug}/apply");
    let page = StartPage {
        service_title: title,
        summary: definition.summary.get(ui.lang).to_string(),
        documents: definition.required_documents.iter().map(|d| d.get(ui.lang).to_string()).collect(),
        deadline: crate::pages::deadline_text(&t, definition),
        fee: crate::pages::fee_text(&t, definition).0,
        can_start: signed_in || !needs_account,
        sign_in_href: format!("/account/sign-in?next={}", crate::ui::percent_encode(&here)),
        action: here,
        csrf: csrf.value().to_string(),
        drafts,
        back_href: format!("/{community_slug}/{service_slug}"),
        base,
    };
    private(render(StatusCode::OK, &page))
}

pub async fn start(
    State(state): State<AppState>,
    ui: Ui,
    visitor: Visitor,
    Path((community_slug, service_slug)): Path<(String, String)>,
) -> Response {
    let catalogue = state.catalogue.get();
    let (Some(_), Some(service)) = (catalogue.community(&community_slug), catalogue.offered(&community_slug, &service_slug)) else {
        return not_found_page(&state, &ui);
    };
    let needs_account = service.definition.account == AccountRule::Required;
    let now = state.clock.now();
    let secure = state.settings.secure_cookies;
    let (applicant, secret) = match &visitor.signed_in {
        Some(s) => (Some(s.account.id), None),
        None if needs_account => {
            let here = format!("/{community_slug}/{service_slug}/apply");
            return see_other(&format!("/account/sign-in?next={}", crate::ui::percent_encode(&here)));
        }
        None => {
            // A new secret for each draft; the cookie then names the latest one.
            let mut bytes = [0u8; 32];
            crate::csrf::fill_random(&mut bytes);
            (None, Some(SecretToken::from_bytes(bytes)))
        }
    };
    let new_case = NewCase {
        community_slug: community_slug.clone(),
        service_slug: service_slug.clone(),
        service_version: service.version,
        state: DRAFT_STATE.to_string(),
        created_at: now,
        applicant,
        lang: ui.lang,
        contact_email: visitor.signed_in.as_ref().map(|s| s.account.email.clone()),
        owner_token_hash: secret.as_ref().map(SecretToken::hash),
        channel: CaseChannel::Online,
        assisted_by: None,
        assisted_note: None,
    };
    let case = match state.store.create_case(&new_case).await {
        Ok(c) => c,
        Err(e) => return unavailable(&state, &ui, e),
    };
    let first = service.definition.pages.first().map(|p| p.id.clone()).unwrap_or_default();
    let mut response = see_other(&format!("/applications/{}/page/{first}", case.id));
    if let Some(secret) = secret {
        response.headers_mut().append(header::SET_COOKIE, case_cookie(secure, &secret.to_string()));
    }
    response
}

// ---- check your answers, submit, confirmation ----------------------------------------------

pub(crate) struct AnswerRow {
    pub question: String,
    pub answer: Vec<String>,
    pub change_href: String,
}

pub(crate) struct AnswerSection {
    pub title: String,
    pub rows: Vec<AnswerRow>,
}

/// Every answer of the visible pages, with names of files; `change` adds Change links.
pub(crate) fn answer_sections(
    t: &Tr<'_>,
    case: &CaseRecord,
    definition: &ServiceDefinition,
    files: &[CaseFile],
    change: bool,
) -> Vec<AnswerSection> {
    let answers = form::prune(definition, &case.answers);
    let mut sections = Vec::new();
    for index in form::visible_pages(definition, &answers) {
        let page = &definition.pages[index];
        let mut rows = Vec::new();
        for field in page.fields.iter().filter(|f| form::field_applies(f, &answers)) {
            let values = answers.get(&field.id).cloned().unwrap_or_default();
            let answer = match &field.kind {
                FieldKind::File { .. } => {
                    let names: Vec<String> = files
                        .iter()
                        .filter(|f| f.field.as_deref() == Some(&field.id))
                        .map(|f| format!("{} ({})", f.name, t.size(f.size)))
                        .collect();
                    if names.is_empty() { vec![t.msg("answer-none")] } else { names }
                }
                _ if values.is_empty() => vec![t.msg("answer-none")],
                FieldKind::Declaration => vec![t.msg("answer-confirmed")],
                FieldKind::Textarea { .. } => values.iter().flat_map(|v| v.lines().map(str::to_string)).collect(),
                _ => vec![form::display_value(field, &values, t.lang)],
            };
            let question = field.label.get(t.lang).to_string();
            rows.push(AnswerRow {
                change_href: if change {
                    format!("/applications/{}/page/{}?return=check#{}", case.id, page.id, field.id)
                } else {
                    String::new()
                },
                question,
                answer,
            });
        }
        if !rows.is_empty() {
            sections.push(AnswerSection { title: page.title.get(t.lang).to_string(), rows });
        }
    }
    sections
}

#[derive(Template)]
#[template(path = "check.html")]
struct CheckPage<'a> {
    base: Base<'a>,
    service_title: String,
    sections: Vec<AnswerSection>,
    errors: Vec<(String, String)>,
    action: String,
    csrf: String,
    email_note: String,
}

pub async fn check(
    State(state): State<AppState>,
    ui: Ui,
    visitor: Visitor,
    headers: HeaderMap,
    Extension(csrf): Extension<CsrfToken>,
    Path(id): Path<String>,
) -> Response {
    let owned = match load_owned(&state, &ui, &visitor, &headers, &id).await {
        Ok(o) => o,
        Err(r) => return r,
    };
    if !owned.case.is_draft() {
        return see_other(&format!("/applications/{}/status", owned.case.id));
    }
    check_page(&state, &ui, &csrf, &owned, StatusCode::OK).await
}

async fn check_page(state: &AppState, ui: &Ui, csrf: &CsrfToken, owned: &Owned, status: StatusCode) -> Response {
    let t = Tr { i18n: &state.i18n, lang: ui.lang };
    let files = match state.store.case_files(owned.case.id).await {
        Ok(f) => f,
        Err(e) => return unavailable(state, ui, e),
    };
    let id = owned.case.id;
    let errors: Vec<(String, String)> = form::check_all(&owned.definition, &owned.case.answers, today(state))
        .into_iter()
        .filter_map(|(page, e)| {
            let field = owned.definition.field(&e.field)?;
            Some((format!("/applications/{id}/page/{page}?return=check#{}", e.field), problem_message(&t, field, &e.problem)))
        })
        .collect();
    let mut base = Base::new(state, ui, t.msg("check-title"));
    base.error = !errors.is_empty();
    let back = form::visible_pages(&owned.definition, &form::prune(&owned.definition, &owned.case.answers))
        .last()
        .map(|&i| format!("/applications/{id}/page/{}", owned.definition.pages[i].id))
        .unwrap_or_else(|| "/applications".to_string());
    base.back_href = Some(back);
    let page = CheckPage {
        service_title: owned.definition.title.get(ui.lang).to_string(),
        sections: answer_sections(&t, &owned.case, &owned.definition, &files, true),
        errors,
        action: format!("/applications/{id}/submit"),
        csrf: csrf.value().to_string(),
        email_note: match contact_email(&owned.case, &owned.definition) {
            Some(email) => t.with("check-email-note", "email", &email),
            None => String::new(),
        },
        base,
    };
    let status = if page.errors.is_empty() { status } else { StatusCode::UNPROCESSABLE_ENTITY };
    private(render(status, &page))
}

/// Where news of the case goes: the account's address, else the first e-mail answer.
fn contact_email(case: &CaseRecord, definition: &ServiceDefinition) -> Option<String> {
    case.contact_email.clone().or_else(|| {
        definition
            .fields()
            .filter(|f| matches!(f.kind, FieldKind::Email))
            .find_map(|f| case.answers.get(&f.id).and_then(|v| v.first().cloned()))
    })
}

pub async fn submit(
    State(state): State<AppState>,
    ui: Ui,
    visitor: Visitor,
    headers: HeaderMap,
    Extension(csrf): Extension<CsrfToken>,
    Path(id): Path<String>,
) -> Response {
    let owned = match load_owned(&state, &ui, &visitor, &headers, &id).await {
        Ok(o) => o,
        Err(r) => return r,
    };
    let id = owned.case.id;
    if owned.case.reference.is_some() {
        // Submitted before (a double click, Back and submit again): the same confirmation.
        return see_other(&format!("/applications/{id}/done"));
    }
    if !owned.case.is_draft() {
        return see_other(&format!("/applications/{id}/status"));
    }
    let today = today(&state);
    if !form::check_all(&owned.definition, &owned.case.answers, today).is_empty() {
        return check_page(&state, &ui, &csrf, &owned, StatusCode::UNPROCESSABLE_ENTITY).await;
    }
    // Files of questions that no longer apply (an earlier answer changed) do not go with the case.
    let answers = form::prune(&owned.definition, &owned.case.answers);
    if let Ok(files) = state.store.case_files(id).await {
        for file in files
            .iter()
            .filter(|f| f.field.as_ref().is_some_and(|field| !answers.get(field).is_some_and(|ids| ids.contains(&f.id.to_string()))))
        {
            if let Ok(true) = state.store.remove_case_file(id, file.id).await {
                state.forget_files(std::slice::from_ref(&file.sha256)).await;
            }
        }
    }
    let calendar = match state.store.non_working_days().await {
        Ok(days) => WorkCalendar::new(days),
        Err(e) => return unavailable(&state, &ui, e),
    };
    let contact = contact_email(&owned.case, &owned.definition);
    // The letters go through the job queue, queued in the submission's own transaction
    // (the worker sends them): the resident is not kept waiting on SMTP, and no letter is lost.
    let tracking_link = match case_secret(&headers, state.settings.secure_cookies) {
        Some(secret) if owned.case.applicant.is_none() && secret_owns(&owned.case, &secret) => {
            Some(format!("{}/track/{secret}", state.settings.public_url))
        }
        _ => None,
    };
    let submission = Submission {
        jobs: vec![crate::notify::submitted_job(&state, id, &owned.definition.workflow.start, tracking_link)],
        case_id: id,
        community_code: owned.community.code.clone(),
        year: today.year(),
        state: owned.definition.workflow.start.clone(),
        at: state.clock.now(),
        due_on: Some(due_date(today, &owned.definition.deadline, &calendar)),
        answers,
        contact_email: contact.clone(),
        owner_token_hash: None,
    };
    match state.store.submit_case(&submission).await {
        Ok(SubmitOutcome::Submitted { .. }) => state.job_signal.notify_one(),
        Ok(SubmitOutcome::AlreadySubmitted { .. }) => return see_other(&format!("/applications/{id}/done")),
        Err(StoreError::Conflict(_)) => return see_other(&format!("/applications/{id}/status")),
        Err(e) => return unavailable(&state, &ui, e),
    };
    see_other(&format!("/applications/{id}/done"))
}

#[derive(Template)]
#[template(path = "done.html")]
struct DonePage<'a> {
    base: Base<'a>,
    reference: String,
    service_title: String,
    community: String,
    due: String,
    email_note: String,
    tracking_link: String,
    status_href: String,
    next_steps: String,
    /// For an assisted application: the receipt to print for the resident.
    receipt_href: String,
}

pub async fn done(State(state): State<AppState>, ui: Ui, visitor: Visitor, headers: HeaderMap, Path(id): Path<String>) -> Response {
    let owned = match load_owned(&state, &ui, &visitor, &headers, &id).await {
        Ok(o) => o,
        Err(r) => return r,
    };
    let Some(reference) = owned.case.reference.clone() else { return see_other(&format!("/applications/{}", owned.case.id)) };
    let t = Tr { i18n: &state.i18n, lang: ui.lang };
    let tracking_link = match case_secret(&headers, state.settings.secure_cookies) {
        Some(secret) if owned.case.applicant.is_none() && secret_owns(&owned.case, &secret) => {
            format!("{}/track/{secret}", state.settings.public_url)
        }
        _ => String::new(),
    };
    let page = DonePage {
        reference,
        service_title: owned.definition.title.get(ui.lang).to_string(),
        community: owned.community.name.get(ui.lang).to_string(),
        due: owned.case.due_on.map(|d| t.date(d)).unwrap_or_default(),
        email_note: owned.case.contact_email.as_ref().map(|e| t.with("done-email", "email", e)).unwrap_or_default(),
        tracking_link,
        status_href: format!("/applications/{}/status", owned.case.id),
        next_steps: t.msg(if owned.definition.needs_account() { "done-next-account" } else { "done-next" }),
        receipt_href: if owned.case.channel == CaseChannel::Assisted {
            format!("/applications/{}/receipt", owned.case.id)
        } else {
            String::new()
        },
        base: Base::new(&state, &ui, t.msg("done-title")),
    };
    private(render(StatusCode::OK, &page))
}

// ---- my applications, deleting a draft ------------------------------------------------------

pub(crate) struct ListedCase {
    pub href: String,
    pub title: String,
    pub community: String,
    pub reference: String,
    pub status: String,
    pub date: String,
    pub delete_href: String,
}

#[derive(Template)]
#[template(path = "applications.html")]
struct ApplicationsPage<'a> {
    base: Base<'a>,
    drafts: Vec<ListedCase>,
    cases: Vec<ListedCase>,
    signed_in: bool,
    kept_note: String,
    /// The newest in-app notices (`crate::notify`), and how many are unread.
    notices: Vec<crate::notify::ShownNotice>,
    unread: usize,
    csrf: String,
    /// Just deleted a draft.
    deleted: bool,
}

pub async fn applications(
    State(state): State<AppState>,
    ui: Ui,
    visitor: Visitor,
    headers: HeaderMap,
    Extension(csrf): Extension<CsrfToken>,
) -> Response {
    let t = Tr { i18n: &state.i18n, lang: ui.lang };
    let mut cases = match &visitor.signed_in {
        Some(s) => match state.store.cases_of_applicant(s.account.id).await {
            Ok(c) => c,
            Err(e) => return unavailable(&state, &ui, e),
        },
        None => Vec::new(),
    };
    if let Some(secret) = case_secret(&headers, state.settings.secure_cookies) {
        match state.store.case_by_owner_token(&secret.hash()).await {
            Ok(Some(case)) if !cases.iter().any(|c| c.id == case.id) => cases.push(case),
            Ok(_) => {}
            Err(e) => return unavailable(&state, &ui, e),
        }
    }
    if visitor.signed_in.is_none() && cases.is_empty() {
        return see_other("/account/sign-in?next=%2Fapplications");
    }
    let catalogue = state.catalogue.get();
    let keep = state.settings.drafts.keep;
    let mut drafts = Vec::new();
    let mut submitted = Vec::new();
    cases.sort_by_key(|c| std::cmp::Reverse(c.updated_at));
    for case in cases {
        let definition = state.definitions.get(state.store.as_ref(), &case.service_slug, case.service_version).await.ok().flatten();
        let title = definition.as_ref().map(|d| d.title.get(ui.lang).to_string()).unwrap_or_else(|| case.service_slug.clone());
        let community = catalogue.community(&case.community_slug).map(|c| c.name.get(ui.lang).to_string()).unwrap_or_default();
        if case.is_draft() {
            let expires = kyiv_time(case.updated_at + keep).date();
            drafts.push(ListedCase {
                href: format!("/applications/{}", case.id),
                title,
                community,
                reference: String::new(),
                status: t.msg("status-draft"),
                date: t.with("applications-draft-until", "date", &t.date(expires)),
                delete_href: format!("/applications/{}/delete", case.id),
            });
        } else {
            let status = definition
                .as_ref()
                .and_then(|d| d.workflow.state(&case.state))
                .map(|s| s.title.get(ui.lang).to_string())
                .unwrap_or_else(|| case.state.clone());
            submitted.push(ListedCase {
                href: format!("/applications/{}/status", case.id),
                title,
                community,
                reference: case.reference.clone().unwrap_or_default(),
                status,
                date: case.submitted_at.map(|d| t.date(kyiv_time(d).date())).unwrap_or_default(),
                delete_href: String::new(),
            });
        }
    }
    let notices = match &visitor.signed_in {
        Some(s) => crate::notify::resident_notices(&state, &t, s.account.id).await,
        None => Vec::new(),
    };
    let page = ApplicationsPage {
        base: Base::new(&state, &ui, t.msg("applications-title")),
        drafts,
        cases: submitted,
        signed_in: visitor.signed_in.is_some(),
        kept_note: t.count("applications-drafts-kept", "days", (keep.as_secs() / 86_400) as i64),
        unread: notices.iter().filter(|n| n.unread).count(),
        // The token only when the "mark as read" form shows (a new one sets a cookie).
        csrf: if notices.iter().any(|n| n.unread) { csrf.value().to_string() } else { String::new() },
        notices,
        deleted: ui.param("deleted") == Some("1"),
    };
    private(render(StatusCode::OK, &page))
}

/// `/applications/{id}`: a draft continues where it stopped; a case shows its status.
pub async fn resume(State(state): State<AppState>, ui: Ui, visitor: Visitor, headers: HeaderMap, Path(id): Path<String>) -> Response {
    let owned = match load_owned(&state, &ui, &visitor, &headers, &id).await {
        Ok(o) => o,
        Err(r) => return r,
    };
    if owned.case.is_draft() {
        see_other(&resume_href(&state, &owned))
    } else {
        see_other(&format!("/applications/{}/status", owned.case.id))
    }
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

pub async fn delete_form(
    State(state): State<AppState>,
    ui: Ui,
    visitor: Visitor,
    headers: HeaderMap,
    Extension(csrf): Extension<CsrfToken>,
    Path(id): Path<String>,
) -> Response {
    let owned = match load_owned(&state, &ui, &visitor, &headers, &id).await {
        Ok(o) => o,
        Err(r) => return r,
    };
    if !owned.case.is_draft() {
        return see_other(&format!("/applications/{}/status", owned.case.id));
    }
    let t = Tr { i18n: &state.i18n, lang: ui.lang };
    let page = ConfirmPage {
        base: Base::new(&state, &ui, t.msg("draft-delete-title")),
        caption: owned.definition.title.get(ui.lang).to_string(),
        heading: t.msg("draft-delete-title"),
        text: vec![t.msg("draft-delete-text")],
        action: format!("/applications/{}/delete", owned.case.id),
        csrf: csrf.value().to_string(),
        button: t.msg("draft-delete-button"),
        warning: true,
        cancel_href: "/applications".to_string(),
        cancel: t.msg("draft-delete-keep"),
        reason_label: String::new(),
    };
    private(render(StatusCode::OK, &page))
}

pub async fn delete(State(state): State<AppState>, ui: Ui, visitor: Visitor, headers: HeaderMap, Path(id): Path<String>) -> Response {
    let owned = match load_owned(&state, &ui, &visitor, &headers, &id).await {
        Ok(o) => o,
        Err(r) => return r,
    };
    match state.store.delete_draft(owned.case.id).await {
        Ok(Some(files)) => {
            state.forget_files(&files).await;
            // After a redirect, reloading the page does not post the deletion again.
            let staff = visitor.signed_in.as_ref().is_some_and(|s| s.account.is_staff);
            see_other(if staff { "/staff" } else { "/applications?deleted=1" })
        }
        Ok(None) => see_other(&format!("/applications/{}/status", owned.case.id)),
        Err(e) => unavailable(&state, &ui, e),
    }
}

// ---- housekeeping: drafts that have waited too long ----------------------------------------

/// Warn about drafts that expire soon, and delete those that have expired:
/// how many were warned and how many files went with the expired ones.
pub async fn expire_drafts(state: &AppState) -> Result<(u64, u64), StoreError> {
    let now = state.clock.now();
    let policy = &state.settings.drafts;
    let mut warned = 0;
    let warn_before = now - (policy.keep - policy.warn_before.min(policy.keep));
    for case in state.store.drafts_to_warn(warn_before, 500).await? {
        let definition = state.definitions.get(state.store.as_ref(), &case.service_slug, case.service_version).await?;
        let to = match (&case.contact_email, &definition) {
            (Some(email), _) => Some(email.clone()),
            (None, Some(d)) => contact_email(&case, d),
            _ => None,
        };
        if let (Some(to), Some(definition)) = (to, definition) {
            let t = Tr { i18n: &state.i18n, lang: case.lang };
            let expires = kyiv_time(case.updated_at + policy.keep).date();
            let body = t.args(
                "mail-draft-expiry-body",
                &[
                    ("service", definition.title.get(case.lang).to_string()),
                    ("date", t.date(expires)),
                    ("link", format!("{}/applications/{}", state.settings.public_url, case.id)),
                ],
            );
            if let Err(error) = state.mailer.send(&Email { to, subject: t.msg("mail-draft-expiry-subject"), body }).await {
                tracing::warn!(%error, "a draft expiry warning was not sent");
                continue;
            }
        }
        state.store.mark_draft_warned(case.id, now).await?;
        warned += 1;
    }
    let files = state.store.purge_drafts(now - policy.keep).await?;
    let unused = state.store.unreferenced_files(&files).await?;
    for sha in &unused {
        state.files.remove(sha).await;
    }
    Ok((warned, unused.len() as u64))
}
