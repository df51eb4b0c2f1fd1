//! Following a submitted case: its status page with the due date and the
//! timeline, messages with the office (text and files), withdrawal while the
//! workflow allows it, downloads of the case's own files, every time someone
//! at the office opened the case (from the audit trail), and the tracking
//! link for cases made without an account.

use askama::Template;
use axum::Extension;
use axum::extract::{Path, Request, State};
use axum::http::StatusCode;
use axum::http::header::{self, HeaderMap, HeaderValue};
use axum::response::Response;
use hromada_domain::account::{AccountId, Role};
use hromada_domain::audit::AuditRow;
use hromada_domain::auth::SecretToken;
use hromada_domain::case::{CaseChannel, CaseEventKind};
use hromada_domain::clock::kyiv_time;
use hromada_domain::definition::{Actor, FileType, Phase, ServiceDefinition, Transition};
use hromada_domain::form::{self, Problem};
use hromada_domain::upload;
use hromada_store::{CaseEvent, CaseFile, CaseRecord, NewCaseEvent, NewCaseFile, StoreError};

use crate::AppState;
use crate::access::audit::{audit, case_openings};
use crate::access::client::{ClientAddr, throttle_uploads};
use crate::access::ids::FileId;
use crate::access::owner::{Owned, case_cookie, case_secret, made_by, note_of};
use crate::access::session::Visitor;
use crate::documents::{DocumentLink, REVOKE_ACTION, links};
use crate::http::csrf::CsrfToken;
use crate::http::forms::{Fields, field, read_form};
use crate::http::i18n::Tr;
use crate::http::layout::{Base, Ui};
use crate::http::render::{ConfirmPage, Reject, private, render, see_other};
use crate::http::widgets::{AnswerSection, answer_sections};
use crate::notify::{CaseNews, case_news};
use crate::resident::survey::{SurveyInput, SurveyView, view};
use crate::uploads::{check_upload, examine, file_response};
use crate::workflow::{machine, schedule_after, step_event};

/// The longest message a resident may send.
const MAX_MESSAGE_CHARS: u32 = 5000;
/// The most files one message may carry.
const MAX_MESSAGE_FILES: usize = 10;
/// The latest openings by the office on the status page; the rest are on their own page.
const OPENINGS_ON_STATUS: i64 = 5;
/// Openings per page of the full list.
const OPENINGS_PER_PAGE: i64 = 50;

pub(crate) struct TimelineEntry {
    pub when: String,
    pub what: String,
    pub by_office: bool,
    pub body: Vec<String>,
    pub files: Vec<(String, String)>,
}

#[derive(Template)]
#[template(path = "case.html")]
struct CasePage<'a> {
    base: Base<'a>,
    service_title: String,
    reference: String,
    status: String,
    final_state: bool,
    facts: Vec<(String, String)>,
    waiting_note: Option<String>,
    sent: bool,
    timeline: Vec<TimelineEntry>,
    sections: Vec<AnswerSection>,
    files: Vec<(String, String)>,
    can_reply: bool,
    reply_heading: String,
    reply_action: String,
    message: String,
    errors: Vec<(String, String)>,
    message_error: Option<String>,
    files_error: Option<String>,
    withdraw_href: Option<String>,
    csrf: String,
    survey: Option<SurveyView>,
    documents: Vec<DocumentLink>,
    openings: Vec<Opening>,
    /// The page of every opening, when there are more than the status page shows.
    openings_href: Option<String>,
    /// The guide to what happens after applying, with this service's deadline.
    help_href: String,
}

/// A time someone at the office opened the case or one of its files or documents.
pub(crate) struct Opening {
    pub when: String,
    pub who: String,
    pub what: String,
}

/// "7 грудня 2026, 14:05" in Kyiv time.
fn moment(t: &Tr<'_>, at: time::OffsetDateTime) -> String {
    let k = kyiv_time(at);
    format!("{}, {:02}:{:02}", t.date(k.date()), k.hour(), k.minute())
}

/// The audit rows of openings as the resident reads them: when, who (name,
/// roles, community) and what was opened.
async fn openings(state: &AppState, t: &Tr<'_>, rows: &[AuditRow]) -> Result<Vec<Opening>, Reject> {
    let catalogue = state.catalogue.get();
    let mut names: Vec<(String, String)> = Vec::new();
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        let event = &row.event;
        let actor = event.actor.clone().unwrap_or_default();
        let name = match names.iter().find(|(id, _)| *id == actor) {
            Some((_, name)) => name.clone(),
            None => {
                let account = match actor.parse::<i64>() {
                    Ok(id) => state.store.account(AccountId(id)).await?,
                    Err(_) => None,
                };
                // Their staff number, not their name: staff names are not shown to residents
                // (as for the operator of an assisted case); the office knows who the number is.
                let name = match account.filter(|a| a.deleted_at.is_none() && a.is_staff) {
                    Some(a) => t.with("opened-staff-number", "number", &a.id.to_string()),
                    None => t.msg("opened-someone"),
                };
                names.push((actor, name.clone()));
                name
            }
        };
        let roles: Vec<String> = event
            .actor_role
            .as_deref()
            .unwrap_or_default()
            .split(',')
            .filter_map(|code| Role::ALL.into_iter().find(|r| r.code() == code))
            .map(|r| t.msg(&format!("role-{}", r.code())))
            .collect();
        let roles = if roles.is_empty() { t.msg("opened-staff") } else { roles.join(", ") };
        let community = event
            .community
            .as_deref()
            .map(|slug| catalogue.any_community(slug).map(|c| c.name.get(t.lang).to_string()).unwrap_or_else(|| slug.to_string()))
            .unwrap_or_default();
        let detail = |key: &str| event.details.get(key).cloned().unwrap_or_default();
        let what = match event.action.as_str() {
            "case.file_opened" => t.with("opened-file", "file", &detail("file")),
            "document.viewed" => t.with("opened-document", "document", &detail("document")),
            _ => t.msg("opened-case"),
        };
        out.push(Opening {
            when: moment(t, event.at),
            who: t.args("opened-by", &[("name", name), ("roles", roles), ("community", community)]),
            what,
        });
    }
    Ok(out)
}

/// The transition the applicant takes by answering while the office waits for them.
fn answer_transition<'d>(definition: &'d ServiceDefinition, case: &CaseRecord) -> Option<&'d Transition> {
    let waiting = definition.workflow.state(&case.state).is_some_and(|s| s.phase == Phase::WaitingForResident);
    if !waiting {
        return None;
    }
    definition
        .workflow
        .transitions
        .iter()
        .filter(|t| t.from.contains(&case.state))
        .find(|t| t.roles.contains(&Actor::Applicant) && definition.workflow.state(&t.to).is_some_and(|s| s.phase != Phase::Withdrawn))
}

/// The withdrawal the workflow offers the applicant in the case's state, if any.
fn withdraw_transition<'d>(definition: &'d ServiceDefinition, case: &CaseRecord) -> Option<&'d Transition> {
    definition
        .workflow
        .transitions
        .iter()
        .filter(|t| t.from.contains(&case.state))
        .find(|t| t.roles.contains(&Actor::Applicant) && definition.workflow.state(&t.to).is_some_and(|s| s.phase == Phase::Withdrawn))
}

/// The withdrawal the applicant may take now: the one the workflow offers
/// from this state, if the state machine allows it (its `requires` included,
/// as for every workflow step). The status page offers only this one.
fn allowed_withdrawal<'d>(definition: &'d ServiceDefinition, case: &CaseRecord, events: &[CaseEvent]) -> Option<&'d Transition> {
    let offered = withdraw_transition(definition, case)?;
    machine(case, events).act(&definition.workflow, &offered.action, &[Actor::Applicant]).ok()
}

fn is_final(definition: &ServiceDefinition, case: &CaseRecord) -> bool {
    definition.workflow.state(&case.state).is_some_and(|s| s.phase.is_final())
}

fn file_link(case_id: i64, file: &CaseFile, t: &Tr<'_>) -> (String, String) {
    (format!("/applications/{case_id}/files/{}", file.id), format!("{} ({})", file.name, t.size(file.size)))
}

/// What the page's forms bring back (the reply, the survey), and who looks.
#[derive(Default)]
pub(crate) struct ReplyState {
    pub message: String,
    pub errors: Vec<(String, String)>,
    pub message_error: Option<String>,
    pub files_error: Option<String>,
    pub survey: Option<SurveyInput>,
    /// The operator who made an assisted case: they see it, but messages,
    /// withdrawal and the survey are the resident's.
    pub by_operator: bool,
}

pub(crate) async fn case_page(
    state: &AppState,
    ui: &Ui,
    csrf: &CsrfToken,
    owned: &Owned,
    reply: ReplyState,
    sent: bool,
) -> Result<Response, Reject> {
    let t = Tr { i18n: &state.i18n, lang: ui.lang };
    let (case, definition) = (&owned.case, &owned.definition);
    let (events, files) = match (state.store.case_events(case.id).await, state.store.case_files(case.id).await) {
        (Ok(e), Ok(f)) => (e, f),
        (Err(e), _) | (_, Err(e)) => return Err(Reject::unavailable(e)),
    };
    let state_of = |id: &str| definition.workflow.state(id);
    let status = state_of(&case.state).map(|s| s.title.get(ui.lang).to_string()).unwrap_or_else(|| case.state.clone());
    let phase = state_of(&case.state).map(|s| s.phase);
    let mut facts = vec![(t.msg("case-community"), owned.community.name.get(ui.lang).to_string())];
    if let Some(at) = case.submitted_at {
        facts.push((t.msg("case-submitted"), t.date(kyiv_time(at).date())));
    }
    if let Some(due) = case.due_on
        && !phase.is_some_and(Phase::is_final)
    {
        let text = if phase.is_some_and(Phase::pauses_deadline) { t.with("case-due-paused", "date", &t.date(due)) } else { t.date(due) };
        facts.push((t.msg("case-due"), text));
    }
    if case.channel == CaseChannel::Assisted {
        // Staff names are not shown to residents; for whom the operator applied is.
        let for_name = note_of(case).map(|n| n.for_name).unwrap_or_default();
        facts.push((t.msg("case-channel"), t.with("case-assisted", "name", &for_name)));
    }
    // The office's internal notes are never shown to the resident.
    let withdrawal = allowed_withdrawal(definition, case, &events).is_some();
    let events: Vec<_> = events.into_iter().filter(|e| !e.internal).collect();
    let timeline: Vec<TimelineEntry> = events
        .iter()
        .map(|e| {
            let what = match e.kind {
                CaseEventKind::Submitted if case.channel == CaseChannel::Assisted => t.msg("timeline-submitted-assisted"),
                CaseEventKind::Submitted => t.msg("timeline-submitted"),
                CaseEventKind::Message if e.by_applicant => t.msg("timeline-you-wrote"),
                CaseEventKind::Message => t.msg("timeline-office-wrote"),
                CaseEventKind::Action if e.action.as_deref() == Some(REVOKE_ACTION) => t.msg("timeline-document-revoked"),
                CaseEventKind::Action => {
                    // The resident reads where the case went, not the office's name for the step.
                    let to = e.to_state.as_deref().and_then(state_of).map(|s| s.title.get(ui.lang).to_string()).unwrap_or_default();
                    if e.by_applicant { t.with("timeline-you-moved", "state", &to) } else { t.with("timeline-moved", "state", &to) }
                }
            };
            TimelineEntry {
                when: moment(&t, e.at),
                what,
                by_office: !e.by_applicant,
                body: e.body.as_deref().map(|b| b.lines().map(str::to_string).collect()).unwrap_or_default(),
                files: files.iter().filter(|f| f.event_id == Some(e.id)).map(|f| file_link(case.id, f, &t)).collect(),
            }
        })
        .collect();
    let waiting_note = answer_transition(definition, case).map(|_| {
        let asked = events.iter().rev().find(|e| !e.by_applicant && e.body.is_some()).and_then(|e| e.body.clone()).unwrap_or_default();
        t.with("case-waiting", "request", &asked)
    });
    let final_state = is_final(definition, case);
    let survey = if reply.by_operator {
        None
    } else {
        view(state, &t, case, definition, reply.survey.as_ref(), ui.param("survey") == Some("1")).await?
    };
    let documents = links(&t, &state.store.documents_of_case(case.id).await?, &format!("/applications/{}/documents", case.id));
    let mut opened = case_openings(state, case, None, OPENINGS_ON_STATUS + 1).await?;
    let openings_href = (opened.len() > OPENINGS_ON_STATUS as usize).then(|| format!("/applications/{}/opened", case.id));
    opened.truncate(OPENINGS_ON_STATUS as usize);
    let openings = openings(state, &t, &opened).await?;
    let mut base = Base::in_community(state, ui, case.reference.clone().unwrap_or_default(), &case.community_slug);
    base.error = !reply.errors.is_empty();
    if !reply.by_operator {
        base.feedback = crate::resident::feedback_form(owned, "status", format!("/applications/{}/status", case.id), csrf);
    }
    base.crumbs.push(("/applications".into(), t.msg("applications-title")));
    let page = CasePage {
        service_title: definition.title.get(ui.lang).to_string(),
        reference: case.reference.clone().unwrap_or_default(),
        status,
        final_state,
        facts,
        waiting_note,
        sent,
        timeline,
        sections: answer_sections(&t, case, definition, &files, false),
        files: files.iter().filter(|f| f.field.is_some()).map(|f| file_link(case.id, f, &t)).collect(),
        can_reply: !final_state && !reply.by_operator,
        reply_heading: t.msg(if answer_transition(definition, case).is_some() { "reply-answer-heading" } else { "reply-heading" }),
        reply_action: format!("/applications/{}/reply?_csrf={}", case.id, csrf.value()),
        message: reply.message,
        errors: reply.errors,
        message_error: reply.message_error,
        files_error: reply.files_error,
        withdraw_href: withdrawal.then_some(()).filter(|_| !reply.by_operator).map(|_| format!("/applications/{}/withdraw", case.id)),
        csrf: csrf.value().to_string(),
        survey,
        documents,
        openings,
        openings_href,
        help_href: format!("/help/after-applying?community={}&service={}", case.community_slug, case.service_slug),
        base,
    };
    let status = if page.errors.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    Ok(private(render(status, &page)))
}

pub async fn status(
    State(state): State<AppState>,
    ui: Ui,
    visitor: Visitor,
    Extension(csrf): Extension<CsrfToken>,
    owned: Owned,
) -> Result<Response, Reject> {
    if owned.case.is_draft() {
        return Ok(see_other(&format!("/applications/{}", owned.case.id)));
    }
    let reply = ReplyState { by_operator: made_by(&owned.case, &visitor), ..ReplyState::default() };
    case_page(&state, &ui, &csrf, &owned, reply, ui.param("sent") == Some("1")).await
}

#[derive(Template)]
#[template(path = "case_opened.html")]
struct OpenedPage<'a> {
    base: Base<'a>,
    openings: Vec<Opening>,
    earlier_href: Option<String>,
    back_href: String,
}

/// `/applications/{id}/opened[?before=N]`: every time someone at the office
/// opened the case, newest first, in pages.
pub async fn opened(State(state): State<AppState>, ui: Ui, owned: Owned) -> Result<Response, Reject> {
    let case = &owned.case;
    if case.is_draft() {
        return Ok(see_other(&format!("/applications/{}", case.id)));
    }
    let t = Tr { i18n: &state.i18n, lang: ui.lang };
    let before = ui.param("before").and_then(|b| b.parse::<i64>().ok()).filter(|b| *b > 0);
    let mut rows = case_openings(&state, case, before, OPENINGS_PER_PAGE + 1).await?;
    let earlier_href = (rows.len() > OPENINGS_PER_PAGE as usize).then(|| {
        rows.truncate(OPENINGS_PER_PAGE as usize);
        format!("/applications/{}/opened?before={}", case.id, rows.last().map_or(0, |r| r.seq))
    });
    let reference = case.reference.clone().unwrap_or_default();
    let mut base = Base::in_community(&state, &ui, t.with("opened-title", "reference", &reference), &case.community_slug);
    base.crumbs.push(("/applications".into(), t.msg("applications-title")));
    base.crumbs.push((format!("/applications/{}/status", case.id), reference.clone()));
    let page = OpenedPage {
        openings: openings(&state, &t, &rows).await?,
        earlier_href,
        back_href: format!("/applications/{}/status", case.id),
        base,
    };
    Ok(private(render(StatusCode::OK, &page)))
}

pub async fn reply(
    State(state): State<AppState>,
    ui: Ui,
    visitor: Visitor,
    Extension(csrf): Extension<CsrfToken>,
    ClientAddr(ip): ClientAddr,
    owned: Owned,
    request: Request,
) -> Result<Response, Reject> {
    let limits = state.settings.uploads.clone();
    let mut body = read_form(&state, request, limits.application_bytes + 64 * 1024).await?;
    throttle_uploads(&state, &ui, &ip, &body.files).await?;
    let parts = std::mem::take(&mut body.files);
    let (case, definition) = (&owned.case, &owned.definition);
    if case.is_draft() {
        return Ok(see_other(&format!("/applications/{}", case.id)));
    }
    let t = Tr { i18n: &state.i18n, lang: ui.lang };
    let raw = body.get("message").unwrap_or("");
    let mut message_error = None;
    let text = match body.text("message").and_then(|raw| form::clean_text(raw, true)) {
        Ok(text) if text.chars().count() > MAX_MESSAGE_CHARS as usize => {
            message_error = Some(t.count("reply-too-long", "max", i64::from(MAX_MESSAGE_CHARS)));
            String::new()
        }
        Ok(text) => text,
        Err(Problem::BadCharacters) | Err(_) => {
            message_error = Some(t.msg("reply-characters"));
            String::new()
        }
    };
    let mut files_error = None;
    let mut accepted = Vec::new();
    let uploads = if parts.len() > MAX_MESSAGE_FILES {
        files_error = Some(t.count("reply-too-many-files", "max", MAX_MESSAGE_FILES as i64));
        Vec::new()
    } else {
        examine(parts).await?
    };
    for file in uploads {
        if files_error.is_some() {
            break;
        }
        match check_upload(&t, &file, &[FileType::Pdf, FileType::Jpeg, FileType::Png], limits.file_bytes) {
            Ok(kind) => accepted.push((kind, file)),
            Err(error) => files_error = Some(error),
        }
    }
    if message_error.is_none() && files_error.is_none() && text.is_empty() && accepted.is_empty() {
        message_error = Some(t.msg("reply-empty"));
    }
    if message_error.is_some() || files_error.is_some() {
        let errors: Vec<(String, String)> = [("message", &message_error), ("files", &files_error)]
            .into_iter()
            .filter_map(|(id, e)| e.clone().map(|e| (id.to_string(), e)))
            .collect();
        let reply = ReplyState {
            message: raw.chars().take(MAX_MESSAGE_CHARS as usize).collect(),
            errors,
            message_error,
            files_error,
            ..ReplyState::default()
        };
        return case_page(&state, &ui, &csrf, &owned, reply, false).await;
    }
    if is_final(definition, case) {
        return Ok(see_other(&format!("/applications/{}/status", case.id)));
    }
    let now = state.clock.now();
    let mut new_files = Vec::new();
    for (kind, file) in accepted {
        if let Err(error) = state.files.put(&file.sha256, &file.part.bytes).await {
            return Err(Reject::unavailable(error));
        }
        new_files.push(NewCaseFile {
            case_id: case.id,
            field: None,
            name: upload::sanitise_file_name(&file.part.name, kind),
            content_type: kind.code().to_string(),
            size: file.part.bytes.len() as i64,
            sha256: file.sha256,
            uploaded_at: now,
        });
    }
    // While the office waits for the resident, the answer moves the case back (and restarts the clock).
    let answering = answer_transition(definition, case);
    // Answering restarts the deadline clock from where it stood.
    let schedule = match answering {
        Some(tr) => match schedule_after(&state, case, definition, &tr.to).await {
            Ok(s) => Some(s),
            Err(e) => return Err(Reject::unavailable(e)),
        },
        None => None,
    };
    let event = NewCaseEvent {
        case_id: case.id,
        at: now,
        kind: if answering.is_some() { CaseEventKind::Action } else { CaseEventKind::Message },
        action: answering.map(|tr| tr.action.clone()),
        transition: answering.map(|tr| (case.state.clone(), tr.to.clone())),
        by_applicant: true,
        actor: visitor.signed_in.as_ref().map(|s| s.account.id),
        body: (!text.is_empty()).then_some(text),
        internal: false,
        files: new_files,
        schedule,
        inputs: None,
        document: None,
    };
    match state.store.record_case_event(&event).await {
        Ok(_) => {
            if answering.is_some() {
                case_news(&state, case, definition, CaseNews::ResidentAnswered, None).await;
            }
            Ok(see_other(&format!("/applications/{}/status?sent=1", case.id)))
        }
        Err(StoreError::Conflict(_)) => Ok(see_other(&format!("/applications/{}/status", case.id))),
        Err(e) => Err(Reject::unavailable(e)),
    }
}

pub async fn withdraw_form(
    State(state): State<AppState>,
    ui: Ui,
    Extension(csrf): Extension<CsrfToken>,
    owned: Owned,
) -> Result<Response, Reject> {
    let events = state.store.case_events(owned.case.id).await?;
    let Some(_) = allowed_withdrawal(&owned.definition, &owned.case, &events) else {
        return Ok(see_other(&format!("/applications/{}/status", owned.case.id)));
    };
    Ok(withdraw_page(&state, &ui, &csrf, &owned, None))
}

/// The question before withdrawing, with the reason's problem when it could not be read.
fn withdraw_page(state: &AppState, ui: &Ui, csrf: &CsrfToken, owned: &Owned, reason_error: Option<String>) -> Response {
    let t = Tr { i18n: &state.i18n, lang: ui.lang };
    let mut base = Base::in_community(state, ui, t.msg("withdraw-title"), &owned.case.community_slug);
    base.error = reason_error.is_some();
    let status = if reason_error.is_some() { StatusCode::UNPROCESSABLE_ENTITY } else { StatusCode::OK };
    let page = ConfirmPage {
        base,
        caption: owned.case.reference.clone().unwrap_or_default(),
        heading: t.msg("withdraw-title"),
        text: vec![t.msg("withdraw-text")],
        action: format!("/applications/{}/withdraw", owned.case.id),
        csrf: csrf.value().to_string(),
        button: t.msg("withdraw-button"),
        warning: true,
        cancel_href: format!("/applications/{}/status", owned.case.id),
        cancel: t.msg("withdraw-keep"),
        reason_label: t.msg("withdraw-reason"),
        reason_error,
    };
    private(render(status, &page))
}

pub async fn withdraw(
    State(state): State<AppState>,
    ui: Ui,
    Extension(csrf): Extension<CsrfToken>,
    visitor: Visitor,
    owned: Owned,
    form: Fields,
) -> Result<Response, Reject> {
    let case = &owned.case;
    // The state machine decides, as for every workflow step: its state, the applicant's role and `requires`.
    let events = state.store.case_events(case.id).await?;
    let Some(transition) = allowed_withdrawal(&owned.definition, case, &events) else {
        return Ok(see_other(&format!("/applications/{}/status", case.id)));
    };
    if form.is_unreadable("reason") {
        let t = Tr { i18n: &state.i18n, lang: ui.lang };
        let error = t.args("problem-characters", &[("label", t.msg("withdraw-reason"))]);
        return Ok(withdraw_page(&state, &ui, &csrf, &owned, Some(error)));
    }
    let reason =
        form::clean_text(field(&form, "reason"), true).unwrap_or_default().chars().take(MAX_MESSAGE_CHARS as usize).collect::<String>();
    // A withdrawal ends the case: it leaves the queues, and the pulse counts it (not as a decision).
    let schedule = schedule_after(&state, case, &owned.definition, &transition.to).await?;
    let actor = visitor.signed_in.as_ref().map(|s| s.account.id);
    let event = NewCaseEvent {
        body: (!reason.is_empty()).then_some(reason),
        ..step_event(case, transition, schedule, state.clock.now(), true, actor)
    };
    match state.store.record_case_event(&event).await {
        Ok(_) | Err(StoreError::Conflict(_)) => {}
        Err(e) => return Err(Reject::unavailable(e)),
    }
    let actor = visitor.signed_in.as_ref().map(|s| s.account.id.to_string());
    audit(&state, actor.as_deref(), "case.withdrawn", case.reference.clone()).await;
    Ok(see_other(&format!("/applications/{}/status", case.id)))
}

/// A file of the case, to its applicant: always as a download, never rendered inline.
pub async fn download(State(state): State<AppState>, FileId(file_id): FileId, owned: Owned) -> Result<Response, Reject> {
    let files = state.store.case_files(owned.case.id).await?;
    let Some(file) = files.into_iter().find(|f| f.id == file_id) else { return Err(Reject::NotFound) };
    let bytes = state.files.read(&file.sha256).await.map_err(Reject::unavailable)?;
    Ok(file_response(bytes, &file, false))
}

/// The tracking link of a case made without an account: remembers the secret
/// in a cookie and shows the case. A browser holds one such secret, so when it
/// already holds another case's, the link asks before replacing it: else a
/// link could swap a visitor's draft for someone else's, which they would then
/// fill in, losing their own.
pub async fn track(
    State(state): State<AppState>,
    ui: Ui,
    Extension(csrf): Extension<CsrfToken>,
    headers: HeaderMap,
    Path(token): Path<String>,
) -> Result<Response, Reject> {
    let (secret, case) = tracked(&state, &token).await?;
    let held = case_secret(&headers, state.settings.secure_cookies).filter(|held| held.hash() != secret.hash());
    let current = match held {
        Some(held) => state.store.case_by_owner_token(&held.hash()).await?.filter(|current| current.id != case.id),
        None => None,
    };
    let Some(current) = current else { return Ok(follow(&state, &case, &secret)) };
    let t = Tr { i18n: &state.i18n, lang: ui.lang };
    let page = ConfirmPage {
        base: Base::new(&state, &ui, t.msg("track-switch-title")),
        caption: t.msg("track-switch-caption"),
        heading: t.msg("track-switch-title"),
        text: vec![
            t.with("track-switch-current", "current", &named(&state, &t, &current).await?),
            t.with("track-switch-other", "other", &named(&state, &t, &case).await?),
            t.msg("track-switch-warning"),
        ],
        action: format!("/track/{token}"),
        csrf: csrf.value().to_string(),
        button: t.msg("track-switch-button"),
        warning: true,
        cancel_href: case_home(&current),
        cancel: t.msg("track-switch-keep"),
        reason_label: String::new(),
        reason_error: None,
    };
    // Its address holds the secret: no link or form of the page may send it on.
    let mut response = private(render(StatusCode::OK, &page));
    response.headers_mut().insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    Ok(response)
}

/// The answer to the question of [`track`]: switch to the link's case.
pub async fn track_switch(State(state): State<AppState>, Path(token): Path<String>) -> Result<Response, Reject> {
    let (secret, case) = tracked(&state, &token).await?;
    Ok(follow(&state, &case, &secret))
}

/// The case a tracking link's token owns, or the 404 of one that does not exist.
async fn tracked(state: &AppState, token: &str) -> Result<(SecretToken, CaseRecord), Reject> {
    let secret = SecretToken::parse(token).ok_or(Reject::NotFound)?;
    let case = state.store.case_by_owner_token(&secret.hash()).await?.ok_or(Reject::NotFound)?;
    Ok((secret, case))
}

/// Where a case is continued (a draft) or followed (a sent one).
fn case_home(case: &CaseRecord) -> String {
    if case.is_draft() { format!("/applications/{}", case.id) } else { format!("/applications/{}/status", case.id) }
}

/// Remember the secret in the cookie and go to the case.
fn follow(state: &AppState, case: &CaseRecord, secret: &SecretToken) -> Response {
    let mut response = see_other(&case_home(case));
    response.headers_mut().append(header::SET_COOKIE, case_cookie(state.settings.secure_cookies, &secret.to_string()));
    response.headers_mut().insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    response
}

/// A case as the question of [`track`] names it: its service, community and
/// reference, or when its draft was started — nothing anyone wrote in it.
async fn named(state: &AppState, t: &Tr<'_>, case: &CaseRecord) -> Result<String, Reject> {
    let definition = state.definitions.get(state.store.as_ref(), &case.service_slug, case.service_version).await?;
    let service = definition.map(|d| d.title.get(t.lang).to_string()).unwrap_or_else(|| case.service_slug.clone());
    let community = state
        .catalogue
        .get()
        .any_community(&case.community_slug)
        .map(|c| c.name.get(t.lang).to_string())
        .unwrap_or_else(|| case.community_slug.clone());
    Ok(match &case.reference {
        Some(reference) if !case.is_draft() => {
            t.args("track-case-sent", &[("service", service), ("community", community), ("reference", reference.clone())])
        }
        _ => t.args(
            "track-case-draft",
            &[("service", service), ("community", community), ("date", t.date(kyiv_time(case.created_at).date()))],
        ),
    })
}
