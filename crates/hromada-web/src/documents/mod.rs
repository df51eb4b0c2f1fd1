//! Verifiable documents on the web (PRODUCT.md capability 8): a decision
//! whose transition `issues` a document makes it, signed, in the transaction
//! of the decision; the resident and the office read it as an HTML page and
//! as a PDF with the same fields, QR code and verification code; an officer
//! revokes it with a reason; anyone checks it at `/verify` (from the QR code,
//! or by typing the code), and offline with the keys published at
//! `/.well-known/hromada-keys.json`.

pub mod keys;

use std::fmt::Write as _;

use askama::Template;
use axum::Extension;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::http::header::{self, HeaderValue};
use axum::response::{IntoResponse, Response};
use hromada_domain::case::CaseEventKind;
use hromada_domain::clock::kyiv_time;
use hromada_domain::definition::{Answers, DocumentTemplate, Field, FieldKind, ServiceDefinition, Transition};
use hromada_domain::document::{
    self, DocumentNumber, KeysFile, Payload, Presented, PublicKey, PublishedKey, Revocation, Verdict, fields_hash, initials,
    read_public_key,
};
use hromada_domain::policy::Action;
use hromada_domain::{Lang, Text, form};
use hromada_store::{CaseRecord, DocumentChange, DocumentField, DocumentRecord, NewCaseEvent, NewDocument, StoreError};
use qrcode::{EcLevel, QrCode};
use serde::Deserialize;
use time::Date;

use crate::AppState;
use crate::access::audit::audit_case;
use crate::access::client::{ClientAddr, VERIFY_PER_ADDRESS, throttle};
use crate::access::owner::{Owned, note_of};
use crate::access::session::Visitor;
use crate::access::staff::{StaffCase, ToChange, ToView};
use crate::documents::keys::{KeyError, Signer};
use crate::http::csrf::CsrfToken;
use crate::http::forms::{Fields, field};
use crate::http::i18n::Tr;
use crate::http::layout::{Base, Ui};
use crate::http::render::{Reject, private, render, see_other};
use crate::notify::{CaseNews, case_news};

/// The action recorded on a case's timeline when a document is revoked.
pub(crate) const REVOKE_ACTION: &str = "revoke-document";
/// The longest revocation reason.
const MAX_REASON_CHARS: usize = 2000;

// ---- issuing --------------------------------------------------------------------------------

/// Why a document could not be issued (the decision is then not recorded).
#[derive(Debug, thiserror::Error)]
pub(crate) enum IssueError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Key(#[from] KeyError),
    #[error("the case has no reference to number its document")]
    NoReference,
    #[error("the payload cannot be made: {0}")]
    Payload(#[from] document::PayloadError),
}

/// A field a document may print: a form field or an input of a workflow action.
fn printable_field<'d>(definition: &'d ServiceDefinition, id: &str) -> Option<&'d Field> {
    definition.field(id).or_else(|| definition.workflow.transitions.iter().flat_map(|t| t.inputs.iter()).find(|f| f.id == id))
}

/// The holder's name: the first printed field that asks for a person's own
/// name, else any answered field that does, else the organisation's name.
fn holder_of(definition: &ServiceDefinition, printed: &[&str], answers: &Answers) -> Option<String> {
    let value = |f: &Field| answers.get(&f.id).and_then(|v| v.first()).map(|v| v.trim().to_string()).filter(|v| !v.is_empty());
    let with = |purpose: &str| {
        printed
            .iter()
            .filter_map(|id| printable_field(definition, id))
            .chain(definition.fields())
            .filter(|f| f.autocomplete.as_deref() == Some(purpose))
            .find_map(value)
    };
    with("name").or_else(|| with("organization"))
}

/// Cut a text to at most `max` bytes of UTF-8, on a character boundary.
fn cut(text: &str, max: usize) -> String {
    let mut end = text.len().min(max);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text[..end].to_string()
}

/// The document template that `transition` issues, if any.
pub fn issued_by<'d>(definition: &'d ServiceDefinition, transition: &Transition) -> Option<&'d DocumentTemplate> {
    transition.issues.as_deref().and_then(|id| definition.documents.iter().find(|d| d.id == id))
}

/// Everything a document is made of but its key.
pub struct Issuing<'a> {
    pub definition: &'a ServiceDefinition,
    pub template: &'a DocumentTemplate,
    /// The case's reference.
    pub number: &'a DocumentNumber,
    /// The case's answers and the inputs of its workflow actions, the later replacing the earlier.
    pub answers: &'a Answers,
    /// The community's name.
    pub issuer: Text,
    /// Whom it is issued to when no printed field names them (an assisted case's note).
    pub named: Option<String>,
    /// The Kyiv day of the decision.
    pub issued_on: Date,
}

/// The document of `issuing`, signed by `signer`: its printed fields (those
/// of the template that are answered, files left out), its holder, its
/// validity and the signed payload with its verification code. The one way a
/// document is made, for a decision taken now and for a generated history alike.
pub fn sign_document(issuing: &Issuing<'_>, signer: &Signer) -> Result<NewDocument, document::PayloadError> {
    let Issuing { definition, template, number, answers, .. } = *issuing;
    let fields: Vec<DocumentField> = template
        .shows
        .iter()
        .filter_map(|id| printable_field(definition, id))
        .filter(|f| !matches!(f.kind, FieldKind::File { .. }))
        .filter_map(|f| {
            let values = answers.get(&f.id).filter(|v| v.iter().any(|x| !x.trim().is_empty()))?;
            Some(DocumentField {
                id: f.id.clone(),
                label_uk: f.label.uk.clone(),
                label_en: f.label.en.clone(),
                value: form::display_value(f, values, Lang::Uk),
            })
        })
        .collect();
    let printed: Vec<&str> = template.shows.iter().map(String::as_str).collect();
    let holder = holder_of(definition, &printed, answers)
        .or_else(|| issuing.named.clone().filter(|n| !n.trim().is_empty()))
        .map(|h| cut(&h, document::MAX_HOLDER_BYTES))
        .unwrap_or_else(|| "—".to_string());
    let issued_on = issuing.issued_on;
    let expires_on = template.valid_for_days.map(|days| issued_on + time::Duration::days(i64::from(days)));
    let pairs: Vec<(&str, &str)> = fields.iter().map(|f| (f.id.as_str(), f.value.as_str())).collect();
    let payload = Payload {
        number: number.clone(),
        key: signer.record.number,
        kind: template.id.clone(),
        issued_on,
        expires_on,
        holder: holder.clone(),
        fields_hash: fields_hash(&issuing.issuer.uk, &template.title.uk, &pairs),
    };
    let signed = signer.sign(&payload)?;
    Ok(NewDocument {
        number: number.to_string(),
        code: signed.verification_code(),
        kind: template.id.clone(),
        title: template.title.clone(),
        issuer: issuing.issuer.clone(),
        holder,
        fields,
        key_id: signer.record.id.clone(),
        payload: signed.to_text(),
        issued_on,
        expires_on,
    })
}

/// The document that `transition` issues on `case`, signed with the
/// community's current key; `None` when the transition issues none.
/// `inputs` are the values the officer gives with the action now.
pub(crate) async fn issue(
    state: &AppState,
    case: &CaseRecord,
    definition: &ServiceDefinition,
    transition: &Transition,
    inputs: &Answers,
) -> Result<Option<NewDocument>, IssueError> {
    let Some(template) = issued_by(definition, transition) else {
        return Ok(None);
    };
    let number = case.reference.as_deref().and_then(DocumentNumber::parse).ok_or(IssueError::NoReference)?;
    let mut answers = case.answers.clone();
    answers.extend(state.store.action_inputs(case.id).await?);
    answers.extend(inputs.iter().map(|(k, v)| (k.clone(), v.clone())));
    let catalogue = state.catalogue.get();
    // Published or not: an unpublished community still decides the cases it has.
    let issuer = catalogue.any_community(&case.community_slug).map(|c| c.name.clone()).unwrap_or_default();
    let now = state.clock.now();
    let signer = state.keys.signer(state.store.as_ref(), &case.community_slug, &number.code, now).await?;
    let issuing = Issuing {
        definition,
        template,
        number: &number,
        answers: &answers,
        issuer,
        named: note_of(case).map(|n| n.for_name),
        issued_on: kyiv_time(now).date(),
    };
    Ok(Some(sign_document(&issuing, &signer)?))
}

// ---- the QR code --------------------------------------------------------------------------

/// The verification URL a document's QR code holds.
pub(crate) fn verification_url(state: &AppState, payload: &str) -> String {
    format!("{}/verify?d={payload}", state.settings.public_url)
}

/// The QR code of a verification URL: error correction M (15 %), which
/// survives a fold or a smudge on paper. The payload keeps it at version 11
/// (61 modules a side) for usual names (see the tests).
pub(crate) fn qr_code(url: &str) -> Option<QrCode> {
    QrCode::with_error_correction_level(url.as_bytes(), EcLevel::M).ok()
}

/// The QR version of a code (1–40).
#[cfg(test)]
fn qr_version(url: &str) -> Option<i16> {
    match qr_code(url)?.version() {
        qrcode::Version::Normal(v) | qrcode::Version::Micro(v) => Some(v),
    }
}

fn dark_modules(code: &QrCode) -> Vec<bool> {
    code.to_colors().into_iter().map(|c| c == qrcode::Color::Dark).collect()
}

/// The QR code as inline SVG: one path of horizontal runs (a few KB), with a
/// quiet zone of four modules, labelled for screen readers.
fn qr_svg(code: &QrCode, label: &str) -> String {
    let width = code.width();
    let dark = dark_modules(code);
    let quiet = 4;
    let size = width + 2 * quiet;
    let mut path = String::new();
    for y in 0..width {
        let mut x = 0;
        while x < width {
            if dark[y * width + x] {
                let start = x;
                while x < width && dark[y * width + x] {
                    x += 1;
                }
                let _ = write!(path, "M{} {}h{}v1h-{}z", start + quiet, y + quiet, x - start, x - start);
            } else {
                x += 1;
            }
        }
    }
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {size} {size}\" width=\"232\" height=\"232\" role=\"img\" aria-label=\"{}\" shape-rendering=\"crispEdges\"><rect width=\"{size}\" height=\"{size}\" fill=\"#fff\"/><path fill=\"#000\" d=\"{path}\"/></svg>",
        label.replace('&', "&amp;").replace('<', "&lt;").replace('"', "&quot;")
    )
}

// ---- reading a document ------------------------------------------------------------------------

struct DocumentLine {
    label: String,
    lines: Vec<String>,
}

#[derive(Template)]
#[template(path = "document.html")]
struct DocumentPage<'a> {
    base: Base<'a>,
    issuer: String,
    title: String,
    facts: Vec<(String, String)>,
    /// Worded in Ukrainian, as the document is (marked `lang="uk"` on English pages).
    holder: String,
    fields: Vec<DocumentLine>,
    revoked: Option<String>,
    expired: Option<String>,
    qr: String,
    code: String,
    verify_url: String,
    verify_page: String,
    pdf_href: String,
    pdf_label: String,
    revoke_href: Option<String>,
    back: (String, String),
}

fn lines(value: &str) -> Vec<String> {
    value.lines().map(str::to_string).collect()
}

/// The facts every rendering prints first: number, dates, holder.
fn facts(t: &Tr<'_>, doc: &NewDocument) -> Vec<(String, String)> {
    let mut facts = vec![
        (t.msg("document-number"), doc.number.clone()),
        (t.msg("document-issued-on"), t.date(doc.issued_on)),
        (t.msg("document-valid-until"), doc.expires_on.map(|d| t.date(d)).unwrap_or_else(|| t.msg("document-no-expiry"))),
        (t.msg("document-holder"), doc.holder.clone()),
    ];
    facts.retain(|(_, v)| !v.is_empty());
    facts
}

fn label(field: &DocumentField, lang: Lang) -> String {
    match lang {
        Lang::En => field.label_en.clone().filter(|l| !l.trim().is_empty()).unwrap_or_else(|| field.label_uk.clone()),
        Lang::Uk => field.label_uk.clone(),
    }
}

fn revoked_text(t: &Tr<'_>, record: &DocumentRecord) -> Option<String> {
    record.revoked_at.map(|at| {
        t.args(
            "document-revoked-banner",
            &[("date", t.date(kyiv_time(at).date())), ("reason", record.revoked_reason.clone().unwrap_or_default())],
        )
    })
}

/// `BUC-2026-000001` or `BUC-2026-000001.pdf`: which document, and whether as PDF.
fn wanted(file: &str) -> (&str, bool) {
    match file.strip_suffix(".pdf") {
        Some(number) => (number, true),
        None => (file, false),
    }
}

/// The HTML page or the PDF of a document, for its holder (`back` = their case) or the office.
async fn show(
    state: &AppState,
    ui: &Ui,
    record: &DocumentRecord,
    as_pdf: bool,
    base_href: &str,
    revoke_href: Option<String>,
    back: (String, String),
) -> Result<Response, Reject> {
    let doc = &record.document;
    let url = verification_url(state, &doc.payload);
    let Some(code) = qr_code(&url) else { return Err(Reject::unavailable("the verification URL does not fit a QR code")) };
    if as_pdf {
        return pdf_response(state, record, &code).await;
    }
    let t = Tr { i18n: &state.i18n, lang: ui.lang };
    let today = kyiv_time(state.clock.now()).date();
    let for_staff = back.0.starts_with("/staff/");
    let page = DocumentPage {
        issuer: doc.issuer.get(ui.lang).to_string(),
        title: doc.title.get(ui.lang).to_string(),
        facts: facts(&t, doc).into_iter().filter(|(k, _)| *k != t.msg("document-holder")).collect(),
        holder: doc.holder.clone(),
        fields: doc.fields.iter().map(|f| DocumentLine { label: label(f, ui.lang), lines: lines(&f.value) }).collect(),
        revoked: revoked_text(&t, record),
        expired: doc
            .expires_on
            .filter(|d| *d < today && record.revoked_at.is_none())
            .map(|d| t.with("document-expired-banner", "date", &t.date(d))),
        qr: qr_svg(&code, &t.msg("document-qr-label")),
        code: doc.code.clone(),
        verify_url: url,
        verify_page: format!("{}/verify", state.settings.public_url),
        pdf_href: format!("{base_href}.pdf"),
        pdf_label: t.with("document-pdf", "number", &doc.number),
        revoke_href,
        back,
        base: {
            let mut base = Base::new(state, ui, doc.title.get(ui.lang).to_string());
            // The holder's own list; staff come back through the case instead.
            if !for_staff {
                base.crumbs.push(("/documents".into(), t.msg("documents-title")));
            }
            base
        },
    };
    Ok(private(render(StatusCode::OK, &page)))
}

/// The PDF: in Ukrainian, the state language of official documents, with
/// the same fields, the QR code and the code to type.
async fn pdf_response(state: &AppState, record: &DocumentRecord, code: &QrCode) -> Result<Response, Reject> {
    let doc = &record.document;
    let t = Tr { i18n: &state.i18n, lang: Lang::Uk };
    let mut rows: Vec<(String, String)> = facts(&t, doc);
    rows.extend(doc.fields.iter().map(|f| (f.label_uk.clone(), f.value.clone())));
    if let Some(revoked) = revoked_text(&t, record) {
        rows.insert(0, (t.msg("document-status"), revoked));
    }
    let caption = [
        t.msg("document-pdf-scan"),
        t.with("document-pdf-or-visit", "address", &format!("{}/verify", state.settings.public_url)),
        t.with("document-pdf-code", "code", &doc.code),
    ];
    let footer = [
        t.with("document-pdf-signed", "key", &doc.key_id),
        t.with("document-pdf-keys", "address", &format!("{}/.well-known/hromada-keys.json", state.settings.public_url)),
    ];
    let dark = dark_modules(code);
    let width = code.width();
    let (issuer, title) = (doc.issuer.uk.clone(), doc.title.uk.clone());
    // Laying out and subsetting the fonts takes milliseconds of CPU: off the threads that serve requests.
    let rendered = tokio::task::spawn_blocking(move || {
        let row_refs: Vec<(&str, &str)> = rows.iter().map(|(l, v)| (l.as_str(), v.as_str())).collect();
        let caption_refs: Vec<&str> = caption.iter().map(String::as_str).collect();
        let footer_refs: Vec<&str> = footer.iter().map(String::as_str).collect();
        hromada_pdf::render(&hromada_pdf::Sheet {
            lang: "uk",
            issuer: &issuer,
            title: &title,
            rows: &row_refs,
            qr: Some(hromada_pdf::Qr { width, dark: &dark }),
            qr_caption: &caption_refs,
            footer: &footer_refs,
        })
    })
    .await;
    let bytes = rendered.map_err(|e| Reject::unavailable(format!("rendering the PDF failed: {e}")))?;
    let mut response = bytes.into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("application/pdf"));
    if let Ok(value) = HeaderValue::from_str(&format!("attachment; filename=\"{}.pdf\"", doc.number)) {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
    Ok(private(response))
}

/// `/applications/{id}/documents/{number}[.pdf]`: the holder's document.
pub async fn resident_document(
    State(state): State<AppState>,
    ui: Ui,
    Path((_, file)): Path<(String, String)>,
    owned: Owned,
) -> Result<Response, Reject> {
    let (number, as_pdf) = wanted(&file);
    let record = state.store.documents_of_case(owned.case.id).await?.into_iter().find(|d| d.document.number == number);
    let Some(record) = record else { return Err(Reject::NotFound) };
    let t = Tr { i18n: &state.i18n, lang: ui.lang };
    let base = format!("/applications/{}/documents/{}", owned.case.id, record.document.number);
    show(&state, &ui, &record, as_pdf, &base, None, (format!("/applications/{}/status", owned.case.id), t.msg("document-back-to-case")))
        .await
}

/// `/staff/cases/{id}/documents/{number}[.pdf]`: the office's view, audited.
pub async fn staff_document(
    State(state): State<AppState>,
    ui: Ui,
    StaffCase { staff, case, .. }: StaffCase<ToView>,
    Path((_, file)): Path<(String, String)>,
) -> Result<Response, Reject> {
    let (number, as_pdf) = wanted(&file);
    let documents = state.store.documents_of_case(case.id).await?;
    let record = documents.into_iter().find(|d| d.document.number == number).ok_or(Reject::NotFound)?;
    audit_case(
        &state,
        &staff,
        &case,
        "document.viewed",
        &[("document", record.document.number.clone()), ("as", if as_pdf { "pdf" } else { "html" }.into())],
    )
    .await;
    let t = Tr { i18n: &state.i18n, lang: ui.lang };
    let base = format!("/staff/cases/{}/documents/{}", case.id, record.document.number);
    let revoke = (record.revoked_at.is_none() && staff.may(&state, Action::Change, &case)).then(|| format!("{base}/revoke"));
    show(&state, &ui, &record, as_pdf, &base, revoke, (format!("/staff/cases/{}", case.id), t.msg("document-back-to-case"))).await
}

/// A case's documents as its pages list them: (title, HTML href, PDF href, status).
pub(crate) struct DocumentLink {
    pub title: String,
    pub number: String,
    pub href: String,
    pub pdf_href: String,
    pub revoked: Option<String>,
}

pub(crate) fn links(t: &Tr<'_>, records: &[DocumentRecord], base: &str) -> Vec<DocumentLink> {
    records
        .iter()
        .map(|r| DocumentLink {
            title: r.document.title.get(t.lang).to_string(),
            number: r.document.number.clone(),
            href: format!("{base}/{}", r.document.number),
            pdf_href: format!("{base}/{}.pdf", r.document.number),
            revoked: r.revoked_at.map(|at| t.with("document-revoked-on", "date", &t.date(kyiv_time(at).date()))),
        })
        .collect()
}

#[derive(Template)]
#[template(path = "documents.html")]
struct MyDocumentsPage<'a> {
    base: Base<'a>,
    documents: Vec<DocumentLink>,
}

/// `/documents`: the signed-in resident's documents.
pub async fn mine(State(state): State<AppState>, ui: Ui, visitor: Visitor) -> Result<Response, Reject> {
    let Some(signed_in) = &visitor.signed_in else { return Ok(see_other("/account/sign-in?next=/documents")) };
    let t = Tr { i18n: &state.i18n, lang: ui.lang };
    let records = state.store.documents_of_account(signed_in.account.id).await?;
    let documents =
        records.iter().flat_map(|r| links(&t, std::slice::from_ref(r), &format!("/applications/{}/documents", r.case_id))).collect();
    let mut base = Base::new(&state, &ui, t.msg("documents-title"));
    base.crumbs.push(("/applications".into(), t.msg("applications-title")));
    Ok(private(render(StatusCode::OK, &MyDocumentsPage { base, documents })))
}

// ---- revoking ---------------------------------------------------------------------------------

#[derive(Template)]
#[template(path = "document_revoke.html")]
struct RevokePage<'a> {
    base: Base<'a>,
    number: String,
    title: String,
    action: String,
    csrf: String,
    reason: String,
    errors: Vec<(String, String)>,
    reason_error: Option<String>,
    cancel: String,
}

/// The case's document `number` while it is in force: only that can be revoked.
async fn revocable(state: &AppState, case: &CaseRecord, number: &str) -> Result<DocumentRecord, Reject> {
    let documents = state.store.documents_of_case(case.id).await?;
    documents.into_iter().find(|d| d.document.number == number && d.revoked_at.is_none()).ok_or(Reject::NotFound)
}

fn revoke_page(
    state: &AppState,
    ui: &Ui,
    csrf: &CsrfToken,
    case: &CaseRecord,
    record: &DocumentRecord,
    reason: &str,
    error: Option<String>,
) -> Response {
    let t = Tr { i18n: &state.i18n, lang: ui.lang };
    let mut base = Base::new(state, ui, t.with("document-revoke-title", "number", &record.document.number));
    base.error = error.is_some();
    base.crumbs.push(("/staff".into(), t.msg("staff-queue-title")));
    base.crumbs.push((format!("/staff/cases/{}", case.id), case.reference.clone().unwrap_or_default()));
    let page = RevokePage {
        number: record.document.number.clone(),
        title: record.document.title.get(ui.lang).to_string(),
        action: format!("/staff/cases/{}/documents/{}/revoke", case.id, record.document.number),
        csrf: csrf.value().to_string(),
        reason: reason.to_string(),
        errors: error.iter().map(|e| ("reason".to_string(), e.clone())).collect(),
        reason_error: error,
        cancel: format!("/staff/cases/{}/documents/{}", case.id, record.document.number),
        base,
    };
    let status = if page.errors.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    private(render(status, &page))
}

pub async fn revoke_form(
    State(state): State<AppState>,
    ui: Ui,
    StaffCase { case, .. }: StaffCase<ToChange>,
    Extension(csrf): Extension<CsrfToken>,
    Path((_, number)): Path<(String, String)>,
) -> Result<Response, Reject> {
    let record = revocable(&state, &case, &number).await?;
    Ok(revoke_page(&state, &ui, &csrf, &case, &record, "", None))
}

pub async fn revoke(
    State(state): State<AppState>,
    ui: Ui,
    StaffCase { staff, case, definition, .. }: StaffCase<ToChange>,
    Extension(csrf): Extension<CsrfToken>,
    Path((_, number)): Path<(String, String)>,
    form: Fields,
) -> Result<Response, Reject> {
    let record = revocable(&state, &case, &number).await?;
    let t = Tr { i18n: &state.i18n, lang: ui.lang };
    let raw = field(&form, "reason");
    let reason = match form.text("reason").and_then(|raw| form::clean_text(raw, true)) {
        Ok(text) if text.is_empty() => Err(t.msg("document-revoke-reason-missing")),
        Ok(text) if text.chars().count() > MAX_REASON_CHARS => Err(t.count("document-revoke-reason-long", "max", MAX_REASON_CHARS as i64)),
        Ok(text) => Ok(text),
        Err(_) => Err(t.msg("reply-characters")),
    };
    let reason = match reason {
        Ok(r) => r,
        Err(error) => {
            return Ok(revoke_page(
                &state,
                &ui,
                &csrf,
                &case,
                &record,
                &raw.chars().take(MAX_REASON_CHARS).collect::<String>(),
                Some(error),
            ));
        }
    };
    let resident = Tr { i18n: &state.i18n, lang: case.lang };
    let body = resident.args("document-revoked-event", &[("number", record.document.number.clone()), ("reason", reason.clone())]);
    let event = NewCaseEvent {
        case_id: case.id,
        at: state.clock.now(),
        kind: CaseEventKind::Action,
        action: Some(REVOKE_ACTION.into()),
        transition: None,
        by_applicant: false,
        actor: Some(staff.account.id),
        body: Some(body.clone()),
        internal: false,
        files: Vec::new(),
        schedule: None,
        inputs: None,
        document: Some(DocumentChange::Revoke { number: record.document.number.clone(), reason }),
    };
    match state.store.record_case_event(&event).await {
        Ok(_) => {}
        Err(StoreError::Conflict(_)) => return Err(Reject::NotFound),
        Err(e) => return Err(Reject::unavailable(e)),
    }
    audit_case(&state, &staff, &case, "document.revoked", &[("document", record.document.number.clone())]).await;
    case_news(&state, &case, &definition, CaseNews::OfficeMessage, Some(&body)).await;
    Ok(see_other(&format!("/staff/cases/{}/documents/{}?revoked=1", case.id, record.document.number)))
}

// ---- verifying --------------------------------------------------------------------------------

#[derive(Debug, Default, Deserialize)]
pub struct VerifyQuery {
    /// The signed payload, as the QR code's URL carries it.
    d: Option<String>,
    /// What a person typed or pasted: a code, a URL or a payload.
    code: Option<String>,
}

struct Outcome {
    verdict: Verdict,
    heading: String,
    explanation: String,
    details: Vec<(String, String)>,
}

#[derive(Template)]
#[template(path = "verify.html")]
struct VerifyPage<'a> {
    base: Base<'a>,
    outcome: Option<Outcome>,
    tone: &'static str,
    value: String,
    errors: Vec<(String, String)>,
    code_error: Option<String>,
}

fn tone(verdict: &Verdict) -> &'static str {
    match verdict {
        Verdict::Valid => "good",
        Verdict::Revoked { .. } | Verdict::Expired { .. } => "warning",
        Verdict::NotIssuedHere | Verdict::Forged => "bad",
    }
}

/// What the page says of a verdict, with no more personal data than needed
/// to match the paper: type, number, dates, the holder's initials.
fn outcome(t: &Tr<'_>, verdict: Verdict, payload: Option<&Payload>, record: Option<&DocumentRecord>) -> Outcome {
    let (heading, explanation) = match &verdict {
        Verdict::Valid => (t.msg("verify-valid"), t.msg("verify-valid-text")),
        Verdict::Revoked { on } => (t.with("verify-revoked", "date", &t.date(*on)), t.msg("verify-revoked-text")),
        Verdict::Expired { on } => (t.with("verify-expired", "date", &t.date(*on)), t.msg("verify-expired-text")),
        Verdict::NotIssuedHere => (t.msg("verify-not-here"), t.msg("verify-not-here-text")),
        Verdict::Forged => (t.msg("verify-forged"), t.msg("verify-forged-text")),
    };
    let mut details = Vec::new();
    if let Some(p) = payload.filter(|_| !matches!(verdict, Verdict::Forged | Verdict::NotIssuedHere)) {
        let kind = record.map(|r| r.document.title.get(t.lang).to_string()).unwrap_or_else(|| p.kind.clone());
        details.push((t.msg("verify-type"), kind));
        if let Some(r) = record {
            details.push((t.msg("verify-issuer"), r.document.issuer.get(t.lang).to_string()));
        }
        details.push((t.msg("document-number"), p.number.to_string()));
        details.push((t.msg("document-issued-on"), t.date(p.issued_on)));
        details.push((t.msg("document-valid-until"), p.expires_on.map(|d| t.date(d)).unwrap_or_else(|| t.msg("document-no-expiry"))));
        details.push((t.msg("verify-holder-initials"), initials(&p.holder)));
    }
    Outcome { verdict, heading, explanation, details }
}

/// Check a payload against this installation's keys and records.
async fn check_payload(state: &AppState, text: &str) -> Result<(Verdict, Option<Payload>, Option<DocumentRecord>), StoreError> {
    let keys = state.store.signing_keys().await?;
    let today = kyiv_time(state.clock.now()).date();
    let record = match document::decode(text) {
        Some(p) => state.store.document_by_number(&p.number.to_string()).await?,
        None => None,
    };
    let revoked = record.as_ref().and_then(|r| r.revoked_at).map(|at| kyiv_time(at).date());
    let (verdict, payload) = document::verify(
        text,
        |id| {
            keys.iter().find(|k| k.id == id).and_then(|k| {
                Some(PublicKey { key: read_public_key(&k.public_key)?, retired_on: k.retired_at.map(|at| kyiv_time(at).date()) })
            })
        },
        |_| revoked,
        today,
    );
    let verdict = match (&verdict, &record) {
        // Signed by our key, yet no record of it: we do not vouch for it.
        (Verdict::Valid | Verdict::Expired { .. } | Verdict::Revoked { .. }, None) => Verdict::NotIssuedHere,
        // Well signed, but not what we issued under that number (a leaked key, say): forged.
        (Verdict::Valid | Verdict::Expired { .. } | Verdict::Revoked { .. }, Some(r)) if r.document.payload != text.trim() => {
            Verdict::Forged
        }
        _ => verdict,
    };
    let payload = payload.filter(|_| !matches!(verdict, Verdict::Forged | Verdict::NotIssuedHere));
    Ok((verdict, payload, record))
}

/// `/verify`: the form, and the answer for a payload (`?d=`) or what was typed (`?code=`).
pub async fn verify(
    State(state): State<AppState>,
    ui: Ui,
    ClientAddr(ip): ClientAddr,
    Query(query): Query<VerifyQuery>,
) -> Result<Response, Reject> {
    let t = Tr { i18n: &state.i18n, lang: ui.lang };
    let presented = match (&query.d, &query.code) {
        (Some(d), _) if !d.trim().is_empty() => Some(Presented::Payload(d.trim().to_string())),
        (_, Some(code)) if !code.trim().is_empty() => Some(Presented::read(code)),
        (_, Some(_)) => Some(Presented::Unreadable),
        _ => None,
    };
    let typed = query.code.clone().unwrap_or_default().chars().take(2000).collect::<String>();
    let page = |outcome: Option<Outcome>, error: Option<String>, status: StatusCode| {
        let title = match (&outcome, &error) {
            (Some(o), _) => o.heading.clone(),
            _ => t.msg("verify-title"),
        };
        let mut base = Base::new(&state, &ui, title);
        base.error = error.is_some();
        let page = VerifyPage {
            tone: outcome.as_ref().map(|o| tone(&o.verdict)).unwrap_or(""),
            outcome,
            value: if error.is_some() { typed.clone() } else { String::new() },
            errors: error.iter().map(|e| ("code".to_string(), e.clone())).collect(),
            code_error: error,
            base,
        };
        let mut response = render(status, &page);
        // What was checked is in the address; do not let a shared cache keep it.
        response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        response.headers_mut().insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
        response
    };
    // Each check is counted per address, so that codes cannot be guessed in bulk.
    if matches!(presented, Some(Presented::Payload(_) | Presented::Code(_))) {
        throttle(&state, &ui, format!("verify:ip:{ip}"), VERIFY_PER_ADDRESS).await?;
    }
    match presented {
        None => Ok(page(None, None, StatusCode::OK)),
        Some(Presented::Unreadable) => Ok(page(None, Some(t.msg("verify-code-unreadable")), StatusCode::UNPROCESSABLE_ENTITY)),
        Some(Presented::Payload(text)) => match check_payload(&state, &text).await {
            Ok((verdict, payload, record)) => Ok(page(Some(outcome(&t, verdict, payload.as_ref(), record.as_ref())), None, StatusCode::OK)),
            Err(e) => Err(Reject::unavailable(e)),
        },
        Some(Presented::Code(code)) => match state.store.document_by_code(&code).await {
            Ok(Some(record)) => match check_payload(&state, &record.document.payload).await {
                Ok((verdict, payload, record)) => {
                    Ok(page(Some(outcome(&t, verdict, payload.as_ref(), record.as_ref())), None, StatusCode::OK))
                }
                Err(e) => Err(Reject::unavailable(e)),
            },
            Ok(None) => {
                // Most often a typo: say so before suggesting the document is not ours.
                let unknown = Outcome {
                    verdict: Verdict::NotIssuedHere,
                    heading: t.msg("verify-code-not-found"),
                    explanation: t.msg("verify-code-not-found-text"),
                    details: Vec::new(),
                };
                Ok(page(Some(unknown), None, StatusCode::OK))
            }
            Err(e) => Err(Reject::unavailable(e)),
        },
    }
}

/// `/.well-known/hromada-keys.json`: every community's public keys, retired
/// ones too, and the numbers of revoked documents — all an offline verifier needs.
pub async fn keys_json(State(state): State<AppState>) -> Result<Response, Reject> {
    let (keys, revocations) = match (state.store.signing_keys().await, state.store.revocations().await) {
        (Ok(k), Ok(r)) => (k, r),
        (Err(e), _) | (_, Err(e)) => return Err(Reject::unavailable(e)),
    };
    let now = state.clock.now();
    let file = KeysFile {
        generated_at: now.format(&time::format_description::well_known::Rfc3339).unwrap_or_default(),
        keys: keys
            .into_iter()
            .map(|k| PublishedKey {
                id: k.id,
                community: k.community_slug,
                algorithm: "Ed25519".into(),
                public_key: k.public_key,
                created_on: document::format_day(kyiv_time(k.created_at).date()),
                retired_on: k.retired_at.map(|at| document::format_day(kyiv_time(at).date())),
            })
            .collect(),
        revoked: revocations
            .into_iter()
            .map(|(number, at)| Revocation { document: number, revoked_on: document::format_day(kyiv_time(at).date()) })
            .collect(),
    };
    let body = serde_json::to_string_pretty(&file).unwrap_or_default();
    let mut response = body.into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json; charset=utf-8"));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("public, max-age=300"));
    headers.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, HeaderValue::from_static("*"));
    Ok(response)
}

#[cfg(test)]
mod tests {
    use super::*;
    use hromada_domain::document::signing_key;
    use time::macros::date;

    fn url_for(holder: &str) -> String {
        let payload = Payload {
            number: DocumentNumber { code: "BUC".into(), year: 2026, serial: 123_456 },
            key: 3,
            kind: "certificate".into(),
            issued_on: date!(2026 - 11 - 28),
            expires_on: Some(date!(2027 - 11 - 28)),
            holder: holder.into(),
            fields_hash: fields_hash("Бучанська громада", "Довідка", &[]),
        };
        let signed = payload.sign(&signing_key(&[1; 32])).unwrap_or_else(|e| panic!("{e}"));
        format!("https://hromada.example.gov.ua/verify?d={}", signed.to_text())
    }

    /// The QR code an old phone camera must read from paper, at level M with
    /// a 31-character address: version 11 (61 modules) for a usual name, 12 (65)
    /// for a very long one.
    #[test]
    fn the_qr_code_stays_at_version_12_or_below() {
        assert_eq!(qr_version(&url_for("Олена Коваль")), Some(11));
        assert!(qr_version(&url_for("Олександра-Марія Шевченко-Григоренко")).is_some_and(|v| v <= 12));
    }

    #[test]
    fn the_qr_svg_draws_every_dark_module_and_escapes_its_label() {
        let code = qr_code("https://hromada.example.gov.ua/verify?d=abc").unwrap_or_else(|| panic!("qr"));
        let svg = qr_svg(&code, "QR \"code\" <x>");
        assert!(svg.contains("aria-label=\"QR &quot;code&quot; &lt;x>\""), "{svg}");
        // Each run is "M{x} {y}h{n}v1h-{n}z": the widths add up to the dark modules.
        let drawn: usize =
            svg.split("h-").skip(1).map(|rest| rest.split('z').next().and_then(|n| n.parse::<usize>().ok()).unwrap_or(0)).sum();
        assert_eq!(drawn, dark_modules(&code).iter().filter(|d| **d).count());
    }
}
