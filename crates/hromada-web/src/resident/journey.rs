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

use askama::Template;
use axum::Extension;
use axum::extract::{Path, Request, State};
use axum::http::StatusCode;
use axum::http::header::{self, HeaderMap, HeaderValue};
use axum::response::Response;
use hromada_domain::auth::SecretToken;
use hromada_domain::case::CaseChannel;
use hromada_domain::clock::kyiv_time;
use hromada_domain::deadline::{WorkCalendar, due_date};
use hromada_domain::definition::{AccountRule, Answers, FieldKind, FileType, Page, ServiceDefinition};
use hromada_domain::form::{self, FieldError};
use hromada_domain::glossary::Gloss;
use hromada_domain::upload;
use hromada_mail::Email;
use hromada_store::{
    CaseFile, CaseRecord, DRAFT_STATE, DraftPage, NewCase, NewCaseFile, PageRefused, StoreError, Submission, SubmitOutcome,
};

use crate::AppState;
use crate::access::client::{ClientAddr, DRAFTS_PER_ADDRESS, throttle, throttle_uploads};
use crate::access::ids::FileId;
use crate::access::owner::{Owned, case_cookie, case_secret, secret_owns};
use crate::access::session::Visitor;
use crate::http::csrf::CsrfToken;
use crate::http::forms::{Fields, field, read_form};
use crate::http::glossary;
use crate::http::i18n::{Tr, deadline_text, fee_text};
use crate::http::layout::{Base, Ui};
use crate::http::render::{ConfirmPage, Reject, private, render, see_other, text_page};
use crate::http::secret::random;
use crate::http::url::percent_encode;
use crate::http::widgets::{AnswerSection, Asked, Widget, answer_sections, problem_message, widget};
use crate::notify::{ShownNotice, resident_notices, submitted_job};
use crate::uploads::{Examined, check_upload, examine};

// ---- who owns a case ----------------------------------------------------------------

fn today(state: &AppState) -> time::Date {
    kyiv_time(state.clock.now()).date()
}

// ---- reading forms, with files --------------------------------------------------------

// ---- error messages -------------------------------------------------------------------

// ---- the question page ------------------------------------------------------------------

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

/// A page of questions as the resident filled it so far: the values typed
/// (kept when refused), the files uploaded, and what was wrong.
struct Filled<'a> {
    values: &'a Answers,
    files: &'a [CaseFile],
    errors: &'a [(String, String)],
}

fn question_page(state: &AppState, ui: &Ui, csrf: &CsrfToken, owned: &Owned, page: &Page, filled: Filled<'_>, returning: bool) -> Response {
    let Filled { values, files, errors } = filled;
    let t = Tr { i18n: &state.i18n, lang: ui.lang };
    let definition = &owned.definition;
    let by_field = files_by_field(files);
    let answers = form::prune(definition, values);
    let mut widgets: Vec<Widget> = page
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
            widget(&t, &Asked { definition, page, today: state.clock.today() }, f, &vals, &field_files, error)
        })
        .collect();
    // The first occurrence of each glossary term in the hints links to its entry.
    let mut terms = glossary::linker(Some(definition));
    for w in &mut widgets {
        w.gloss(&mut terms);
    }
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
    let mut base = Base::in_community(state, ui, page.title.get(ui.lang).to_string(), &owned.case.community_slug);
    base.error = !errors.is_empty();
    base.back_href = Some(back_href);
    base.feedback =
        crate::resident::feedback_form(owned, &format!("question.{}", page.id), format!("/applications/{id}/page/{}", page.id), csrf);
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
    Extension(csrf): Extension<CsrfToken>,
    Path((_, page_id)): Path<(String, String)>,
    owned: Owned,
) -> Result<Response, Reject> {
    if !owned.case.is_draft() {
        return Ok(see_other(&format!("/applications/{}/status", owned.case.id)));
    }
    let Some(page) = find_page(&owned.definition, &page_id) else { return Err(Reject::NotFound) };
    let answers = form::prune(&owned.definition, &owned.case.answers);
    let index = owned.definition.pages.iter().position(|p| p.id == page.id).unwrap_or(0);
    if !form::visible_pages(&owned.definition, &answers).contains(&index) {
        // Not asked with these answers: go where the draft continues.
        return Ok(see_other(&resume_href(&state, &owned)));
    }
    let files = state.store.case_files(owned.case.id).await?;
    Ok(question_page(
        &state,
        &ui,
        &csrf,
        &owned,
        page,
        Filled { values: &owned.case.answers, files: &files, errors: &[] },
        ui.param("return") == Some("check"),
    ))
}

/// An upload a page may keep: its field, its type and the file.
type Accepted = (String, FileType, Examined);

/// A page's uploads, checked (type, size, an image's declared size, the
/// application's total) but not stored: the files that may be kept, and an
/// error per field that refused one. Each field's count is checked with the
/// page's answers, and again by the store when the page is saved.
fn check_uploads(
    state: &AppState,
    t: &Tr<'_>,
    page: &Page,
    uploads: Vec<Examined>,
    existing: &[CaseFile],
) -> (Vec<Accepted>, Vec<(String, String)>) {
    let limits = &state.settings.uploads;
    let mut total: u64 = existing.iter().map(|f| f.size.max(0) as u64).sum();
    let mut errors: Vec<(String, String)> = Vec::new();
    let mut accepted = Vec::new();
    for file in uploads {
        let Some(field) = page.fields.iter().find(|f| f.id == file.part.field) else { continue };
        let FieldKind::File { accept, max_file_mb, .. } = &field.kind else { continue };
        if errors.iter().any(|(id, _)| *id == field.id) {
            continue;
        }
        let label = field.label.get(t.lang).to_string();
        let max_file = (u64::from(*max_file_mb) * 1024 * 1024).min(limits.file_bytes);
        let kind = match check_upload(t, &file, accept, max_file) {
            Ok(kind) => kind,
            Err(error) => {
                errors.push((field.id.clone(), error));
                continue;
            }
        };
        total += file.part.bytes.len() as u64;
        if total > limits.application_bytes {
            errors.push((field.id.clone(), application_full(state, t, &label)));
            continue;
        }
        accepted.push((field.id.clone(), kind, file));
    }
    (accepted, errors)
}

fn application_full(state: &AppState, t: &Tr<'_>, label: &str) -> String {
    t.args("upload-application-full", &[("label", label.to_string()), ("size", t.size(state.settings.uploads.application_bytes as i64))])
}

pub async fn answer(
    State(state): State<AppState>,
    ui: Ui,
    Extension(csrf): Extension<CsrfToken>,
    Path((_, page_id)): Path<(String, String)>,
    ClientAddr(ip): ClientAddr,
    owned: Owned,
    request: Request,
) -> Result<Response, Reject> {
    let mut body = read_form(&state, request, state.settings.uploads.application_bytes + 64 * 1024).await?;
    throttle_uploads(&state, &ui, &ip, &body.files).await?;
    if !owned.case.is_draft() {
        return Ok(see_other(&format!("/applications/{}/status", owned.case.id)));
    }
    let Some(page) = find_page(&owned.definition, &page_id) else { return Err(Reject::NotFound) };
    if body.get("_version").and_then(|v| v.parse::<i64>().ok()) != Some(owned.case.service_version) {
        return Ok(version_changed(&state, &ui, &owned));
    }
    let t = Tr { i18n: &state.i18n, lang: ui.lang };
    let returning = body.get("_return") == Some("check");
    let staying = body.get("_action") == Some("upload");
    let files = state.store.case_files(owned.case.id).await?;
    let mut submitted = body.answers();
    // The page's own values only; file fields' values are the ids of their files.
    submitted.retain(|k, _| page.fields.iter().any(|f| &f.id == k && !matches!(f.kind, FieldKind::File { .. })));
    let uploads = examine(std::mem::take(&mut body.files)).await?;
    let (accepted, upload_errors) = check_uploads(&state, &t, page, uploads, &files);
    // A file field's answer: the ids of the files it has, and a stand-in for each new one, so that its count is checked.
    let mut kept = submitted.clone();
    for field in page.fields.iter().filter(|f| matches!(f.kind, FieldKind::File { .. })) {
        let ids: Vec<String> = files.iter().filter(|f| f.field.as_deref() == Some(&field.id)).map(|f| f.id.to_string()).collect();
        let new = accepted.iter().filter(|(id, _, _)| *id == field.id).enumerate().map(|(i, _)| format!("new-{i}"));
        let with_new: Vec<String> = ids.iter().cloned().chain(new).collect();
        if !ids.is_empty() {
            kept.insert(field.id.clone(), ids);
        }
        if !with_new.is_empty() {
            submitted.insert(field.id.clone(), with_new);
        }
    }
    let (checked, problems) =
        form::check_sent_page(&owned.definition, page, &submitted, &body.unreadable, &owned.case.answers, today(&state));
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
    // Entered values come back as typed, with the files the draft had; nothing of the page is saved.
    let refused = |errors: &[(String, String)]| {
        let mut shown = owned.case.answers.clone();
        for field in &page.fields {
            shown.remove(&field.id);
        }
        shown.extend(kept.clone());
        question_page(&state, &ui, &csrf, &owned, page, Filled { values: &shown, files: &files, errors }, returning)
    };
    if !errors.is_empty() {
        return Ok(refused(&errors));
    }
    let mut answers = owned.case.answers.clone();
    for field in &page.fields {
        answers.remove(&field.id);
    }
    answers.extend(checked);
    let answers = form::prune(&owned.definition, &answers);
    // The content goes to disk only now that the page is accepted; the store
    // then writes the files and the answers together, or neither.
    let mut new_files = Vec::with_capacity(accepted.len());
    for (field, kind, file) in &accepted {
        if let Err(error) = state.files.put(&file.sha256, &file.part.bytes).await {
            tracing::error!(%error, "could not store an upload");
            let written: Vec<String> = new_files.iter().map(|f: &NewCaseFile| f.sha256.clone()).collect();
            state.forget_files(&written).await;
            return Ok(refused(&[(field.clone(), t.msg("upload-failed"))]));
        }
        new_files.push(NewCaseFile {
            case_id: owned.case.id,
            field: Some(field.clone()),
            name: upload::sanitise_file_name(&file.part.name, *kind),
            content_type: kind.code().to_string(),
            size: file.part.bytes.len() as i64,
            sha256: file.sha256.clone(),
            uploaded_at: state.clock.now(),
        });
    }
    let written: Vec<String> = new_files.iter().map(|f| f.sha256.clone()).collect();
    let draft_page = DraftPage {
        case_id: owned.case.id,
        answers,
        files: new_files,
        max_files: page
            .fields
            .iter()
            .filter_map(|f| match f.kind {
                FieldKind::File { max_files, .. } => Some((f.id.clone(), max_files)),
                _ => None,
            })
            .collect(),
        max_total_bytes: i64::try_from(state.settings.uploads.application_bytes).unwrap_or(i64::MAX),
        now: state.clock.now(),
    };
    let id = owned.case.id;
    match state.store.save_draft_page(&draft_page).await {
        Ok(Ok(_)) => {}
        // Another request of this draft added files meanwhile: this page is refused whole.
        Ok(Err(why)) => {
            state.forget_files(&written).await;
            let (field, message) = match why {
                PageRefused::TooManyFiles { field, max } => {
                    let message = owned.definition.field(&field).map(|f| problem_message(&t, f, &form::Problem::TooManyFiles { max }));
                    (field, message.unwrap_or_default())
                }
                PageRefused::TooManyBytes => {
                    let field = accepted.first().map(|(field, _, _)| field.clone()).unwrap_or_default();
                    let label = owned.definition.field(&field).map(|f| f.label.get(t.lang).to_string()).unwrap_or_default();
                    (field, application_full(&state, &t, &label))
                }
            };
            return Ok(refused(&[(field, message)]));
        }
        Err(StoreError::Conflict(_)) => {
            state.forget_files(&written).await;
            return Ok(see_other(&format!("/applications/{id}/status")));
        }
        Err(e) => {
            state.forget_files(&written).await;
            return Err(Reject::unavailable(e));
        }
    }
    let answers = &draft_page.answers;
    if staying {
        let suffix = if returning { "?return=check" } else { "" };
        return Ok(see_other(&format!("/applications/{id}/page/{}{suffix}", page.id)));
    }
    let next = if returning {
        form::first_unfinished_page(&owned.definition, answers, today(&state))
    } else {
        form::next_page(&owned.definition, answers, &page.id)
    };
    match next {
        Some(next) => Ok(see_other(&format!("/applications/{id}/page/{}", next.id))),
        None => Ok(see_other(&format!("/applications/{id}/check"))),
    }
}

fn version_changed(state: &AppState, ui: &Ui, owned: &Owned) -> Response {
    let t = Tr { i18n: &state.i18n, lang: ui.lang };
    let mut response = text_page(state, ui, StatusCode::CONFLICT, t.msg("version-changed-title"), t.msg("version-changed-text"));
    if let Ok(v) = HeaderValue::from_str(&resume_href(state, owned)) {
        response.headers_mut().insert(header::LINK, v);
    }
    private(response)
}

/// Remove one file of a draft, then go back to its page.
pub async fn remove_file(State(state): State<AppState>, FileId(file_id): FileId, owned: Owned, form: Fields) -> Result<Response, Reject> {
    let files = state.store.case_files(owned.case.id).await?;
    let Some(file) = files.iter().find(|f| f.id == file_id) else { return Err(Reject::NotFound) };
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
                state.store.save_draft_answers(owned.case.id, &answers, state.clock.now()).await?;
            }
            state.forget_files(std::slice::from_ref(&file.sha256)).await;
        }
        Ok(false) => return Ok(see_other(&format!("/applications/{}/status", owned.case.id))),
        Err(e) => return Err(Reject::unavailable(e)),
    }
    let page = field(&form, "_page");
    let page = find_page(&owned.definition, page).map(|p| p.id.clone()).unwrap_or_default();
    let suffix = if field(&form, "_return") == "check" { "?return=check" } else { "" };
    if page.is_empty() {
        Ok(see_other(&format!("/applications/{}", owned.case.id)))
    } else {
        Ok(see_other(&format!("/applications/{}/page/{page}{suffix}", owned.case.id)))
    }
}

// ---- start ------------------------------------------------------------------------------

#[derive(Template)]
#[template(path = "apply.html")]
struct StartPage<'a> {
    base: Base<'a>,
    service_title: String,
    // The summary and documents link the first occurrence of each glossary term.
    summary: Vec<Gloss>,
    documents: Vec<Vec<Gloss>>,
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
) -> Result<Response, Reject> {
    let catalogue = state.catalogue.get();
    let (Some(community), Some(service)) = (catalogue.community(&community_slug), catalogue.offered(&community_slug, &service_slug)) else {
        return Err(Reject::NotFound);
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
            Err(e) => return Err(Reject::unavailable(e)),
        }
    }
    let mut base = Base::in_community(&state, &ui, t.msg("apply-title"), &community_slug);
    base.crumbs.push(("/".into(), t.msg("nav-home")));
    base.crumbs.push((format!("/{community_slug}"), community.name.get(ui.lang).to_string()));
    base.crumbs.push((format!("/{community_slug}/{service_slug}"), title.clone()));
    let here = format!("/{community_slug}/{service_slug}/apply");
    let mut terms = glossary::linker(Some(definition));
    let page = StartPage {
        service_title: title,
        summary: terms.link(definition.summary.get(ui.lang)),
        documents: definition.required_documents.iter().map(|d| terms.link(d.get(ui.lang))).collect(),
        deadline: deadline_text(&t, definition),
        fee: fee_text(&t, definition, catalogue.offer_details(&community_slug, &service_slug).and_then(|o| o.fee_kopiykas)).0,
        can_start: signed_in || !needs_account,
        sign_in_href: format!("/account/sign-in?next={}", percent_encode(&here)),
        action: here,
        csrf: csrf.value().to_string(),
        drafts,
        back_href: format!("/{community_slug}/{service_slug}"),
        base,
    };
    Ok(private(render(StatusCode::OK, &page)))
}

pub async fn start(
    State(state): State<AppState>,
    ui: Ui,
    visitor: Visitor,
    ClientAddr(ip): ClientAddr,
    Path((community_slug, service_slug)): Path<(String, String)>,
) -> Result<Response, Reject> {
    let catalogue = state.catalogue.get();
    let (Some(_), Some(service)) = (catalogue.community(&community_slug), catalogue.offered(&community_slug, &service_slug)) else {
        return Err(Reject::NotFound);
    };
    let needs_account = service.definition.account == AccountRule::Required;
    let now = state.clock.now();
    let secure = state.settings.secure_cookies;
    let (applicant, secret) = match &visitor.signed_in {
        Some(s) => (Some(s.account.id), None),
        None if needs_account => {
            let here = format!("/{community_slug}/{service_slug}/apply");
            return Ok(see_other(&format!("/account/sign-in?next={}", percent_encode(&here))));
        }
        None => {
            throttle(&state, &ui, format!("draft:ip:{ip}"), DRAFTS_PER_ADDRESS).await?;
            // A new secret for each draft; the cookie then names the latest one.
            (None, Some(SecretToken::from_bytes(random()?)))
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
    let case = state.store.create_case(&new_case).await?;
    let first = service.definition.pages.first().map(|p| p.id.clone()).unwrap_or_default();
    let mut response = see_other(&format!("/applications/{}/page/{first}", case.id));
    if let Some(secret) = secret {
        response.headers_mut().append(header::SET_COOKIE, case_cookie(secure, &secret.to_string()));
    }
    Ok(response)
}

// ---- check your answers, submit, confirmation ----------------------------------------------

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

pub async fn check(State(state): State<AppState>, ui: Ui, Extension(csrf): Extension<CsrfToken>, owned: Owned) -> Result<Response, Reject> {
    if !owned.case.is_draft() {
        return Ok(see_other(&format!("/applications/{}/status", owned.case.id)));
    }
    check_page(&state, &ui, &csrf, &owned, StatusCode::OK).await
}

async fn check_page(state: &AppState, ui: &Ui, csrf: &CsrfToken, owned: &Owned, status: StatusCode) -> Result<Response, Reject> {
    let t = Tr { i18n: &state.i18n, lang: ui.lang };
    let files = state.store.case_files(owned.case.id).await?;
    let id = owned.case.id;
    let errors: Vec<(String, String)> = form::check_all(&owned.definition, &owned.case.answers, today(state))
        .into_iter()
        .filter_map(|(page, e)| {
            let field = owned.definition.field(&e.field)?;
            Some((format!("/applications/{id}/page/{page}?return=check#{}", e.field), problem_message(&t, field, &e.problem)))
        })
        .collect();
    let mut base = Base::in_community(state, ui, t.msg("check-title"), &owned.case.community_slug);
    base.error = !errors.is_empty();
    base.feedback = crate::resident::feedback_form(owned, "check", format!("/applications/{id}/check"), csrf);
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
    Ok(private(render(status, &page)))
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
    headers: HeaderMap,
    Extension(csrf): Extension<CsrfToken>,
    owned: Owned,
) -> Result<Response, Reject> {
    let id = owned.case.id;
    if owned.case.reference.is_some() {
        // Submitted before (a double click, Back and submit again): the same confirmation.
        return Ok(see_other(&format!("/applications/{id}/done")));
    }
    if !owned.case.is_draft() {
        return Ok(see_other(&format!("/applications/{id}/status")));
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
    let calendar = WorkCalendar::new(state.store.non_working_days().await?);
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
        jobs: vec![submitted_job(&state, id, &owned.definition.workflow.start, tracking_link)],
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
        Ok(SubmitOutcome::AlreadySubmitted { .. }) => return Ok(see_other(&format!("/applications/{id}/done"))),
        Err(StoreError::Conflict(_)) => return Ok(see_other(&format!("/applications/{id}/status"))),
        Err(e) => return Err(Reject::unavailable(e)),
    };
    Ok(see_other(&format!("/applications/{id}/done")))
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
    /// The guide to what happens next, with this service's deadline.
    help_href: String,
}

pub async fn done(
    State(state): State<AppState>,
    ui: Ui,
    headers: HeaderMap,
    Extension(csrf): Extension<CsrfToken>,
    owned: Owned,
) -> Result<Response, Reject> {
    let Some(reference) = owned.case.reference.clone() else { return Ok(see_other(&format!("/applications/{}", owned.case.id))) };
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
        help_href: format!("/help/after-applying?community={}&service={}", owned.case.community_slug, owned.case.service_slug),
        base: Base {
            feedback: crate::resident::feedback_form(&owned, "confirmation", format!("/applications/{}/done", owned.case.id), &csrf),
            ..Base::in_community(&state, &ui, t.msg("done-title"), &owned.case.community_slug)
        },
    };
    Ok(private(render(StatusCode::OK, &page)))
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
    /// A staff member: no applications of their own to claim; their work is in the queue.
    staff: bool,
    kept_note: String,
    /// The newest in-app notices (`crate::notify`), and how many are unread.
    notices: Vec<ShownNotice>,
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
) -> Result<Response, Reject> {
    let t = Tr { i18n: &state.i18n, lang: ui.lang };
    let mut cases = match &visitor.signed_in {
        Some(s) => state.store.cases_of_applicant(s.account.id).await?,
        None => Vec::new(),
    };
    if let Some(secret) = case_secret(&headers, state.settings.secure_cookies) {
        match state.store.case_by_owner_token(&secret.hash()).await {
            Ok(Some(case)) if !cases.iter().any(|c| c.id == case.id) => cases.push(case),
            Ok(_) => {}
            Err(e) => return Err(Reject::unavailable(e)),
        }
    }
    if visitor.signed_in.is_none() && cases.is_empty() {
        return Ok(see_other("/account/sign-in?next=%2Fapplications"));
    }
    let catalogue = state.catalogue.get();
    let keep = state.settings.drafts.keep;
    let mut drafts = Vec::new();
    let mut submitted = Vec::new();
    cases.sort_by_key(|c| std::cmp::Reverse(c.updated_at));
    for case in cases {
        let definition = state.definitions.get(state.store.as_ref(), &case.service_slug, case.service_version).await.ok().flatten();
        let title = definition.as_ref().map(|d| d.title.get(ui.lang).to_string()).unwrap_or_else(|| case.service_slug.clone());
        let community = catalogue.any_community(&case.community_slug).map(|c| c.name.get(ui.lang).to_string()).unwrap_or_default();
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
        Some(s) => resident_notices(&state, &t, s.account.id).await,
        None => Vec::new(),
    };
    let page = ApplicationsPage {
        base: Base::new(&state, &ui, t.msg("applications-title")),
        drafts,
        cases: submitted,
        signed_in: visitor.signed_in.is_some(),
        staff: visitor.signed_in.as_ref().is_some_and(|s| s.account.is_staff),
        kept_note: t.count("applications-drafts-kept", "days", (keep.as_secs() / 86_400) as i64),
        unread: notices.iter().filter(|n| n.unread).count(),
        // The token only when the "mark as read" form shows (a new one sets a cookie).
        csrf: if notices.iter().any(|n| n.unread) { csrf.value().to_string() } else { String::new() },
        notices,
        deleted: ui.param("deleted") == Some("1"),
    };
    Ok(private(render(StatusCode::OK, &page)))
}

/// `/applications/{id}`: a draft continues where it stopped; a case shows its status.
pub async fn resume(State(state): State<AppState>, owned: Owned) -> Result<Response, Reject> {
    if owned.case.is_draft() {
        Ok(see_other(&resume_href(&state, &owned)))
    } else {
        Ok(see_other(&format!("/applications/{}/status", owned.case.id)))
    }
}

pub async fn delete_form(
    State(state): State<AppState>,
    ui: Ui,
    Extension(csrf): Extension<CsrfToken>,
    owned: Owned,
) -> Result<Response, Reject> {
    if !owned.case.is_draft() {
        return Ok(see_other(&format!("/applications/{}/status", owned.case.id)));
    }
    let t = Tr { i18n: &state.i18n, lang: ui.lang };
    let page = ConfirmPage {
        base: Base::in_community(&state, &ui, t.msg("draft-delete-title"), &owned.case.community_slug),
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
        reason_error: None,
    };
    Ok(private(render(StatusCode::OK, &page)))
}

pub async fn delete(State(state): State<AppState>, visitor: Visitor, owned: Owned) -> Result<Response, Reject> {
    match state.store.delete_draft(owned.case.id).await {
        Ok(Some(files)) => {
            state.forget_files(&files).await;
            // After a redirect, reloading the page does not post the deletion again.
            let staff = visitor.signed_in.as_ref().is_some_and(|s| s.account.is_staff);
            Ok(see_other(if staff { "/staff" } else { "/applications?deleted=1" }))
        }
        Ok(None) => Ok(see_other(&format!("/applications/{}/status", owned.case.id))),
        Err(e) => Err(Reject::unavailable(e)),
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
            if let Err(error) = state.mailer.send(&Email { to, subject: t.msg("mail-draft-expiry-subject"), body, message_id: None }).await
            {
                tracing::warn!(%error, "a draft expiry warning was not sent");
                continue;
            }
        }
        state.store.mark_draft_warned(case.id, now).await?;
        warned += 1;
    }
    // Housekeeping may wait for a running backup before it removes anything.
    let lock = state.files.removal_lock(true).await.map_err(|e| StoreError::Unavailable(format!("the uploads' lock: {e}")))?;
    let files = state.store.purge_drafts(now - policy.keep).await?;
    let removed = state.remove_unreferenced(&files).await;
    drop(lock);
    Ok((warned, removed))
}

/// `POST /applications/notices/read`: mark every notice of the signed-in person read.
pub async fn mark_notices_read(State(state): State<AppState>, visitor: Visitor) -> Result<Response, Reject> {
    let Some(signed_in) = &visitor.signed_in else { return Ok(see_other("/account/sign-in?next=%2Fapplications")) };
    match state.store.mark_notifications_read(signed_in.account.id, state.clock.now()).await {
        Ok(_) => Ok(see_other("/applications")),
        Err(error) => Err(Reject::unavailable(error)),
    }
}
