//! The back-office: the work queues of the communities a staff member works
//! for, claiming and assigning cases, the supervisor's overview, the officer's
//! case page (answers, files, timeline, internal notes, messages) with exactly
//! the actions the service's workflow allows in the case's state for the
//! person's roles, and the installation's calendar of non-working days.
//!
//! Every request asks `policy::decide` against the case's community; a
//! refusal is the 404 of a case that does not exist. Every view of a case and
//! every action is written to the audit trail.

use std::collections::BTreeMap;

use askama::Template;
use axum::Extension;
use axum::extract::{Path, Request, State};
use axum::http::StatusCode;
use axum::http::header::{self, HeaderValue};
use axum::response::Response;
use hromada_domain::account::AccountId;
use hromada_domain::case::{CaseChannel, CaseEventKind};
use hromada_domain::clock::kyiv_time;
use hromada_domain::deadline::WorkCalendar;
use hromada_domain::definition::{Actor, Answers, DateBound, Field, FieldKind, Page, Phase, ServiceDefinition, Transition};
use hromada_domain::policy::{Action, Person, Resource, decide};
use hromada_domain::{Lang, Text, form, upload};
use hromada_store::{AssigneeFilter, CaseFile, CaseQuery, CaseRecord, NewCaseEvent, NewCaseFile, QueueSort, StoreError};
use time::Date;

use crate::AppState;
use crate::access::audit::{audit_case, staff_event};
use crate::access::ids::FileId;
use crate::access::staff::{Staff, StaffCase, ToChange, ToView, admin_links, case_workers, feedback_communities};
use crate::documents::{DocumentLink, REVOKE_ACTION, issue, links};
use crate::http::csrf::CsrfToken;
use crate::http::forms::{Fields, field, read_form};
use crate::http::i18n::Tr;
use crate::http::layout::{Base, Ui};
use crate::http::render::{Reject, private, render, see_other, text_page};
use crate::http::url::percent_encode;
use crate::http::widgets::{AnswerSection, Asked, Widget, answer_sections, problem_message, widget};
use crate::notify::{CaseNews, case_news};
use crate::uploads::{check_upload, examine, file_response};
use crate::workflow::{action_text, machine, schedule_after, step_event};

/// Cases per page of a queue.
const PAGE_SIZE: i64 = 25;
/// The longest note or message from the office.
const MAX_TEXT_CHARS: usize = 5000;

// ---- who is asking ------------------------------------------------------------------------

fn today(state: &AppState) -> Date {
    kyiv_time(state.clock.now()).date()
}

// ---- the queue ----------------------------------------------------------------------------

pub(crate) struct QueueRow {
    pub id: i64,
    pub href: String,
    pub reference: String,
    pub service: String,
    pub community: String,
    pub status: String,
    pub assignee: String,
    pub submitted: String,
    pub due: String,
    pub overdue: bool,
    pub paused: bool,
    pub can_claim: bool,
}

pub(crate) struct FilterLink {
    pub href: String,
    pub label: String,
    pub current: bool,
}

#[derive(Template)]
#[template(path = "staff_queue.html")]
struct QueuePageTemplate<'a> {
    base: Base<'a>,
    rows: Vec<QueueRow>,
    total_text: String,
    quick: Vec<FilterLink>,
    services: Vec<(String, String, bool)>,
    states: Vec<(String, String, bool)>,
    assignee: String,
    due: String,
    sort: String,
    prev_href: Option<String>,
    next_href: Option<String>,
    page_text: String,
    csrf: String,
    can_assign: bool,
    assignees: Vec<(String, String)>,
    notices: Vec<(String, String, String, bool)>,
    is_supervisor: bool,
    can_assist: bool,
    /// A link to what residents wrote about the community's pages.
    can_read_feedback: bool,
    /// The administrators' pages of places they may open (address, label).
    admin_links: Vec<(String, String)>,
    /// How many cases were just assigned (after the supervisor's form).
    assigned: Option<String>,
    /// Drafts this operator started for residents: (href, service, for whom, saved on).
    assisted_drafts: Vec<(String, String, String, String)>,
}

/// Names of accounts, for queues and pages.
async fn names(state: &AppState, ids: Vec<AccountId>) -> BTreeMap<AccountId, String> {
    let mut out = BTreeMap::new();
    for id in ids {
        if out.contains_key(&id) {
            continue;
        }
        if let Ok(Some(a)) = state.store.account(id).await {
            let name = if a.display_name.is_empty() { a.email.clone() } else { a.display_name.clone() };
            out.insert(id, name);
        }
    }
    out
}

fn query_href(params: &[(&str, String)]) -> String {
    let mut href = "/staff".to_string();
    let mut first = true;
    for (k, v) in params.iter().filter(|(_, v)| !v.is_empty()) {
        href.push(if first { '?' } else { '&' });
        first = false;
        href.push_str(k);
        href.push('=');
        href.push_str(&percent_encode(v));
    }
    href
}

pub async fn queue(State(state): State<AppState>, ui: Ui, Extension(csrf): Extension<CsrfToken>, staff: Staff) -> Result<Response, Reject> {
    let t = Tr { i18n: &state.i18n, lang: ui.lang };
    let catalogue = state.catalogue.get();
    let communities: Vec<String> = staff.communities.iter().map(|c| c.slug.clone()).collect();
    let param = |name: &str| ui.param(name).unwrap_or("").to_string();
    let (service, status, assignee, due, sort) = (param("service"), param("state"), param("assignee"), param("due"), param("sort"));
    let page: i64 = ui.param("page").and_then(|p| p.parse().ok()).filter(|p: &i64| *p >= 1).unwrap_or(1);
    let today = today(&state);
    let calendar = WorkCalendar::new(state.store.non_working_days().await?);
    let soon = calendar.add_working_days(today, 2);
    let me = staff.account.id;
    let base_query = CaseQuery { communities: communities.clone(), open_only: true, limit: PAGE_SIZE, ..Default::default() };
    let query = CaseQuery {
        service: (!service.is_empty()).then(|| service.clone()),
        state: (!status.is_empty()).then(|| status.clone()),
        assignee: match assignee.as_str() {
            "me" => AssigneeFilter::Account(me),
            "none" => AssigneeFilter::Unassigned,
            other => other.parse::<i64>().map(|id| AssigneeFilter::Account(AccountId(id))).unwrap_or_default(),
        },
        open_only: status.is_empty(),
        due_before: (due == "overdue").then_some(today),
        due_by: (due == "soon").then_some(soon),
        sort: match sort.as_str() {
            "newest" => QueueSort::Newest,
            "oldest" => QueueSort::Oldest,
            _ => QueueSort::DueDate,
        },
        offset: (page - 1) * PAGE_SIZE,
        ..base_query.clone()
    };
    let result = if communities.is_empty() {
        hromada_store::QueuePage { cases: Vec::new(), total: 0 }
    } else {
        state.store.case_queue(&query).await?
    };
    // Counts of the quick filters, each its own query on the same communities.
    let quick_defs: [(&str, &str, &str, CaseQuery); 5] = [
        ("", "", "staff-filter-all", base_query.clone()),
        ("me", "", "staff-filter-mine", CaseQuery { assignee: AssigneeFilter::Account(me), ..base_query.clone() }),
        ("none", "", "staff-filter-unassigned", CaseQuery { assignee: AssigneeFilter::Unassigned, ..base_query.clone() }),
        ("", "overdue", "staff-filter-overdue", CaseQuery { due_before: Some(today), ..base_query.clone() }),
        ("", "soon", "staff-filter-soon", CaseQuery { due_by: Some(soon), ..base_query.clone() }),
    ];
    let mut quick = Vec::new();
    for (a, d, key, q) in quick_defs {
        let count = if communities.is_empty() {
            0
        } else {
            state.store.case_queue(&CaseQuery { limit: 1, ..q }).await.map(|p| p.total).unwrap_or(0)
        };
        quick.push(FilterLink {
            href: query_href(&[("assignee", a.to_string()), ("due", d.to_string())]),
            label: t.args(key, &[("n", count.to_string())]),
            current: assignee == a && due == d && service.is_empty() && status.is_empty(),
        });
    }
    let people = names(&state, result.cases.iter().filter_map(|c| c.assignee).collect()).await;
    let mut rows = Vec::new();
    for case in &result.cases {
        let definition = state.definitions.get(state.store.as_ref(), &case.service_slug, case.service_version).await.ok().flatten();
        let status = definition
            .as_ref()
            .and_then(|d| d.workflow.state(&case.state))
            .map(|s| s.title.get(ui.lang).to_string())
            .unwrap_or_else(|| case.state.clone());
        let overdue = case.decided_at.is_none() && case.paused_at.is_none() && case.due_on.is_some_and(|d| d < today);
        rows.push(QueueRow {
            id: case.id,
            href: format!("/staff/cases/{}", case.id),
            reference: case.reference.clone().unwrap_or_default(),
            service: definition.as_ref().map(|d| d.title.get(ui.lang).to_string()).unwrap_or_else(|| case.service_slug.clone()),
            community: catalogue.any_community(&case.community_slug).map(|c| c.name.get(ui.lang).to_string()).unwrap_or_default(),
            status,
            assignee: case.assignee.and_then(|a| people.get(&a).cloned()).unwrap_or_else(|| t.msg("staff-nobody")),
            submitted: case.submitted_at.map(|d| t.date(kyiv_time(d).date())).unwrap_or_default(),
            due: case.due_on.map(|d| t.date(d)).unwrap_or_default(),
            overdue,
            paused: case.paused_at.is_some(),
            can_claim: case.assignee.is_none() && case.decided_at.is_none() && staff.may(&state, Action::Change, case),
        });
    }
    let services: Vec<(String, String, bool)> = {
        let mut seen: BTreeMap<String, String> = BTreeMap::new();
        for community in &staff.communities {
            for offered in catalogue.any_services_in(&community.slug) {
                seen.entry(offered.definition.id.clone()).or_insert_with(|| offered.definition.title.get(ui.lang).to_string());
            }
        }
        seen.into_iter().map(|(id, title)| (id.clone(), title, id == service)).collect()
    };
    let states: Vec<(String, String, bool)> = [("", "staff-state-open")]
        .iter()
        .map(|(v, k)| (v.to_string(), t.msg(k), status == *v))
        .chain(service_states(&state, &service, ui.lang).into_iter().map(|(id, title)| {
            let current = id == status;
            (id, title, current)
        }))
        .collect();
    let pages = (result.total + PAGE_SIZE - 1) / PAGE_SIZE;
    let keep = |p: i64| {
        query_href(&[
            ("service", service.clone()),
            ("state", status.clone()),
            ("assignee", assignee.clone()),
            ("due", due.clone()),
            ("sort", sort.clone()),
            ("page", if p > 1 { p.to_string() } else { String::new() }),
        ])
    };
    let supervisor_of: Vec<String> = staff.communities.iter().filter(|c| staff.manages(&state, &c.slug)).map(|c| c.slug.clone()).collect();
    let mut assignees = Vec::new();
    for community in &supervisor_of {
        if let Ok(people) = state.store.staff_of_community(community).await {
            for (id, name, email) in case_workers(&state, community, &people) {
                if !assignees.iter().any(|(i, _): &(String, String)| *i == id.to_string()) {
                    assignees.push((id.to_string(), if name.is_empty() { email } else { name }));
                }
            }
        }
    }
    let notices = match state.store.notifications_of(me, 5).await {
        Ok(n) => n
            .into_iter()
            .map(|n| (n.title, n.body, n.case_id.map(|c| format!("/staff/cases/{c}")).unwrap_or_default(), n.read_at.is_none()))
            .collect(),
        Err(_) => Vec::new(),
    };
    let can_assist = staff
        .communities
        .iter()
        .any(|c| decide(&staff.person, Action::Change, &Resource::Counter(staff.place_of(&state, &c.slug))).allowed());
    let mut assisted_drafts = Vec::new();
    for case in state.store.drafts_assisted_by(me).await.unwrap_or_default() {
        let service = catalogue
            .service(&case.service_slug)
            .map(|s| s.definition.title.get(ui.lang).to_string())
            .unwrap_or_else(|| case.service_slug.clone());
        let for_whom = case
            .assisted_note
            .as_deref()
            .and_then(|n| serde_json::from_str::<serde_json::Value>(n).ok())
            .and_then(|v| v.get("for_name").and_then(|n| n.as_str()).map(str::to_string))
            .unwrap_or_default();
        assisted_drafts.push((format!("/applications/{}", case.id), service, for_whom, t.date(kyiv_time(case.updated_at).date())));
    }
    let page_template = QueuePageTemplate {
        base: Base::new(&state, &ui, t.msg("staff-queue-title")),
        total_text: t.count("staff-total", "n", result.total),
        rows,
        quick,
        services,
        states,
        assignee: assignee.clone(),
        due: due.clone(),
        sort: sort.clone(),
        prev_href: (page > 1).then(|| keep(page - 1)),
        next_href: (page < pages).then(|| keep(page + 1)),
        page_text: t.args("staff-page", &[("n", page.to_string()), ("total", pages.max(1).to_string())]),
        csrf: csrf.value().to_string(),
        can_assign: !supervisor_of.is_empty(),
        assignees,
        notices,
        is_supervisor: !supervisor_of.is_empty(),
        can_assist,
        can_read_feedback: !feedback_communities(&state, &staff.person).is_empty(),
        admin_links: admin_links(&state, &t, &staff.person),
        assigned: ui.param("assigned").and_then(|n| n.parse::<i64>().ok()).map(|n| t.count("staff-assigned", "n", n)),
        assisted_drafts,
    };
    Ok(private(render(StatusCode::OK, &page_template)))
}

/// The workflow states of a service (its latest version), for the state filter.
fn service_states(state: &AppState, service: &str, lang: hromada_domain::Lang) -> Vec<(String, String)> {
    if service.is_empty() {
        return Vec::new();
    }
    let catalogue = state.catalogue.get();
    let Some(def) = catalogue.all_communities().iter().find_map(|c| catalogue.any_offered(&c.slug, service)).map(|o| o.definition.clone())
    else {
        return Vec::new();
    };
    def.workflow.states.iter().map(|s| (s.id.clone(), s.title.get(lang).to_string())).collect()
}

// ---- claiming and assigning ---------------------------------------------------------------

pub async fn claim(
    State(state): State<AppState>,
    ui: Ui,
    StaffCase { staff, case, definition, .. }: StaffCase<ToChange>,
) -> Result<Response, Reject> {
    match state.store.assign_cases(&[case.id], Some(staff.account.id), true, state.clock.now()).await {
        Ok(1) => {
            audit_case(&state, &staff, &case, "case.claimed", &[]).await;
            // A workflow that has its own "claim" step takes it now, if this person may.
            let events = state.store.case_events(case.id).await.unwrap_or_default();
            let actors = staff.actors(&case.community_slug, &definition);
            if let Some(t) =
                machine(&case, &events).available_actions(&definition.workflow, &actors).into_iter().find(|t| t.action == "claim")
            {
                let t = t.clone();
                let step = Step {
                    staff: &staff,
                    case: &case,
                    definition: &definition,
                    transition: &t,
                    body: None,
                    files: Vec::new(),
                    inputs: Answers::new(),
                };
                take_action(&state, &ui, step).await?;
            }
        }
        Ok(_) => {}
        Err(e) => return Err(Reject::unavailable(e)),
    }
    Ok(see_other(&format!("/staff/cases/{}", case.id)))
}

pub async fn assign(State(state): State<AppState>, _ui: Ui, staff: Staff, request: Request) -> Result<Response, Reject> {
    let body = read_form(&state, request, 64 * 1024).await?;
    let assignee = match body.get("assignee").unwrap_or("") {
        "" | "none" => None,
        id => match id.parse::<i64>() {
            Ok(id) => Some(AccountId(id)),
            Err(_) => return Err(Reject::NotFound),
        },
    };
    let mut ids = Vec::new();
    for (k, v) in &body.values {
        if k == "case" {
            let Ok(id) = v.parse::<i64>() else { continue };
            // Assigning is managing: supervisors of the case's community only; the
            // assignee must work there as an officer or supervisor.
            let Ok(Some(case)) = state.store.case(id).await else { continue };
            if !staff.may(&state, Action::Manage, &case) {
                continue;
            }
            if let Some(who) = assignee {
                let works_there = state
                    .store
                    .staff_of_community(&case.community_slug)
                    .await
                    .map(|people| case_workers(&state, &case.community_slug, &people).iter().any(|(a, _, _)| *a == who))
                    .unwrap_or(false);
                if !works_there {
                    continue;
                }
            }
            ids.push((id, case));
        }
    }
    let case_ids: Vec<i64> = ids.iter().map(|(id, _)| *id).collect();
    let changed = state.store.assign_cases(&case_ids, assignee, false, state.clock.now()).await?;
    for (_, case) in &ids {
        audit_case(&state, &staff, case, "case.assigned", &[("to", assignee.map(|a| a.to_string()).unwrap_or_default())]).await;
    }
    let back = body.get("_back").filter(|b| b.starts_with("/staff")).unwrap_or("/staff");
    let separator = if back.contains('?') { '&' } else { '?' };
    Ok(see_other(&format!("{back}{separator}assigned={changed}")))
}

// ---- the supervisor's overview --------------------------------------------------------------

pub(crate) struct WorkloadRow {
    pub name: String,
    pub open: i64,
    pub overdue: i64,
}

#[derive(Template)]
#[template(path = "staff_overview.html")]
struct OverviewPage<'a> {
    base: Base<'a>,
    by_officer: Vec<WorkloadRow>,
    by_service: Vec<WorkloadRow>,
}

pub async fn overview(State(state): State<AppState>, ui: Ui, staff: Staff) -> Result<Response, Reject> {
    let t = Tr { i18n: &state.i18n, lang: ui.lang };
    let communities: Vec<String> = staff.communities.iter().filter(|c| staff.manages(&state, &c.slug)).map(|c| c.slug.clone()).collect();
    if communities.is_empty() {
        return Err(Reject::NotFound);
    }
    let load = state.store.workload(&communities, today(&state)).await?;
    let people = names(&state, load.iter().filter_map(|w| w.assignee).collect()).await;
    let catalogue = state.catalogue.get();
    let mut by_officer: BTreeMap<String, (i64, i64)> = BTreeMap::new();
    let mut by_service: BTreeMap<String, (i64, i64)> = BTreeMap::new();
    for w in &load {
        let who = w.assignee.and_then(|a| people.get(&a).cloned()).unwrap_or_else(|| t.msg("staff-nobody"));
        let e = by_officer.entry(who).or_default();
        e.0 += w.open;
        e.1 += w.overdue;
        let service = catalogue
            .all_communities()
            .iter()
            .find_map(|c| catalogue.any_offered(&c.slug, &w.service_slug))
            .map(|o| o.definition.title.get(ui.lang).to_string())
            .unwrap_or_else(|| w.service_slug.clone());
        let e = by_service.entry(service).or_default();
        e.0 += w.open;
        e.1 += w.overdue;
    }
    let rows = |m: BTreeMap<String, (i64, i64)>| m.into_iter().map(|(name, (open, overdue))| WorkloadRow { name, open, overdue }).collect();
    let mut base = Base::new(&state, &ui, t.msg("staff-overview-title"));
    base.crumbs.push(("/staff".into(), t.msg("staff-queue-title")));
    Ok(private(render(StatusCode::OK, &OverviewPage { base, by_officer: rows(by_officer), by_service: rows(by_service) })))
}

// ---- the case page ----------------------------------------------------------------------------

pub(crate) struct StaffEvent {
    pub when: String,
    pub who: String,
    pub what: String,
    pub internal: bool,
    pub body: Vec<String>,
    pub files: Vec<(String, String)>,
}

pub(crate) struct ShownFile {
    pub href: String,
    pub name: String,
    /// The size to show an image at (within the page's box), or `None`: a link only.
    pub image: Option<hromada_domain::upload::Dimensions>,
}

#[derive(Template)]
#[template(path = "staff_case.html")]
struct StaffCasePage<'a> {
    base: Base<'a>,
    service_title: String,
    reference: String,
    status: String,
    facts: Vec<(String, String)>,
    overdue: bool,
    sections: Vec<AnswerSection>,
    files: Vec<ShownFile>,
    timeline: Vec<StaffEvent>,
    actions: Vec<(String, String)>,
    can_claim: bool,
    can_change: bool,
    /// Internal notes are written by those who may change the case, decided or not.
    can_note: bool,
    claim_action: String,
    note_action: String,
    message_action: String,
    csrf: String,
    errors: Vec<(String, String)>,
    note_error: Option<String>,
    message_error: Option<String>,
    notice: Option<String>,
    documents: Vec<DocumentLink>,
}

pub async fn case_page(
    State(state): State<AppState>,
    ui: Ui,
    Extension(csrf): Extension<CsrfToken>,
    StaffCase { staff, case, definition, .. }: StaffCase<ToView>,
) -> Result<Response, Reject> {
    audit_case(&state, &staff, &case, "case.viewed", &[]).await;
    let notice = ui.param("done").map(|_| Tr { i18n: &state.i18n, lang: ui.lang }.msg("staff-done"));
    render_case(&state, &ui, &csrf, &staff, &case, &definition, Feedback { notice, ..Feedback::default() }).await
}

/// What the officer's case page says about the last thing they did: a note or
/// message refused (the page answers 422 then), or a notice that it was done.
#[derive(Default)]
struct Feedback {
    errors: Vec<(String, String)>,
    note_error: Option<String>,
    message_error: Option<String>,
    notice: Option<String>,
}

async fn render_case(
    state: &AppState,
    ui: &Ui,
    csrf: &CsrfToken,
    staff: &Staff,
    case: &CaseRecord,
    definition: &ServiceDefinition,
    feedback: Feedback,
) -> Result<Response, Reject> {
    let Feedback { errors, note_error, message_error, notice } = feedback;
    let status = if errors.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    let t = Tr { i18n: &state.i18n, lang: ui.lang };
    let (events, files) = match (state.store.case_events(case.id).await, state.store.case_files(case.id).await) {
        (Ok(e), Ok(f)) => (e, f),
        (Err(e), _) | (_, Err(e)) => return Err(Reject::unavailable(e)),
    };
    let people =
        names(state, events.iter().filter_map(|e| e.actor).chain(case.assignee).chain(case.applicant).chain(case.assisted_by).collect())
            .await;
    let state_title = |id: &str| definition.workflow.state(id).map(|s| s.title.get(ui.lang).to_string()).unwrap_or_else(|| id.to_string());
    let catalogue = state.catalogue.get();
    let mut facts = vec![
        (
            t.msg("case-community"),
            catalogue.any_community(&case.community_slug).map(|c| c.name.get(ui.lang).to_string()).unwrap_or_default(),
        ),
        (t.msg("case-submitted"), case.submitted_at.map(|d| t.date(kyiv_time(d).date())).unwrap_or_default()),
    ];
    let today = today(state);
    let overdue = case.decided_at.is_none() && case.paused_at.is_none() && case.due_on.is_some_and(|d| d < today);
    if let Some(due) = case.due_on {
        let text = if case.paused_at.is_some() {
            t.with("staff-due-paused", "date", &t.date(due))
        } else if overdue {
            t.with("staff-due-overdue", "date", &t.date(due))
        } else {
            t.date(due)
        };
        facts.push((t.msg("case-due"), text));
    }
    facts.push((t.msg("staff-assignee"), case.assignee.and_then(|a| people.get(&a).cloned()).unwrap_or_else(|| t.msg("staff-nobody"))));
    let applicant = match (case.applicant.and_then(|a| people.get(&a).cloned()), &case.contact_email) {
        (Some(name), _) => name,
        (None, Some(email)) => email.clone(),
        (None, None) => t.msg("staff-applicant-unknown"),
    };
    facts.push((t.msg("staff-applicant"), applicant));
    if case.channel == CaseChannel::Assisted {
        let operator = case.assisted_by.and_then(|a| people.get(&a).cloned()).unwrap_or_default();
        facts.push((t.msg("staff-channel"), t.with("staff-channel-assisted", "operator", &operator)));
    }
    let timeline = events
        .iter()
        .map(|e| {
            let what = match (e.kind, e.internal) {
                (CaseEventKind::Submitted, _) => t.msg("staff-event-submitted"),
                (CaseEventKind::Message, true) => t.msg("staff-event-note"),
                (CaseEventKind::Message, false) if e.by_applicant => t.msg("staff-event-resident-message"),
                (CaseEventKind::Message, false) => t.msg("staff-event-office-message"),
                (CaseEventKind::Action, _) if e.action.as_deref() == Some(REVOKE_ACTION) => t.msg("staff-event-document-revoked"),
                (CaseEventKind::Action, _) => {
                    let label = e
                        .action
                        .as_deref()
                        .and_then(|a| definition.workflow.transition(a))
                        .map(|tr| tr.label.get(ui.lang).to_string())
                        .unwrap_or_default();
                    t.args("timeline-action", &[("action", label), ("state", e.to_state.as_deref().map(state_title).unwrap_or_default())])
                }
            };
            let k = kyiv_time(e.at);
            StaffEvent {
                when: format!("{}, {:02}:{:02}", t.date(k.date()), k.hour(), k.minute()),
                who: if e.by_applicant {
                    t.msg("staff-by-applicant")
                } else {
                    e.actor.and_then(|a| people.get(&a).cloned()).unwrap_or_default()
                },
                what,
                internal: e.internal,
                body: e.body.as_deref().map(|b| b.lines().map(str::to_string).collect()).unwrap_or_default(),
                files: files
                    .iter()
                    .filter(|f| f.event_id == Some(e.id))
                    .map(|f| (file_href(case.id, f), format!("{} ({})", f.name, t.size(f.size))))
                    .collect(),
            }
        })
        .collect();
    let actors = staff.actors(&case.community_slug, definition);
    let can_change = staff.may(state, Action::Change, case);
    let actions = if can_change {
        machine(case, &events)
            .available_actions(&definition.workflow, &actors)
            .into_iter()
            .filter(|tr| !tr.roles.contains(&Actor::Applicant) || tr.roles.len() > 1)
            .map(|tr| (format!("/staff/cases/{}/act/{}", case.id, tr.action), tr.label.get(ui.lang).to_string()))
            .collect()
    } else {
        Vec::new()
    };
    let documents = links(&t, &state.store.documents_of_case(case.id).await?, &format!("/staff/cases/{}/documents", case.id));
    // An image is shown only at the size its header, read again now, declares within the limits; otherwise it is a link.
    let mut shown_files = Vec::new();
    for f in files.iter().filter(|f| f.field.is_some()) {
        shown_files.push(ShownFile {
            href: file_href(case.id, f),
            name: format!("{} ({})", f.name, t.size(f.size)),
            image: state.files.shown_size(f).await,
        });
    }
    let mut base = Base::new(state, ui, case.reference.clone().unwrap_or_default());
    base.error = !errors.is_empty() || note_error.is_some() || message_error.is_some();
    base.crumbs.push(("/staff".into(), t.msg("staff-queue-title")));
    let page = StaffCasePage {
        service_title: definition.title.get(ui.lang).to_string(),
        reference: case.reference.clone().unwrap_or_default(),
        status: state_title(&case.state),
        facts,
        overdue,
        sections: answer_sections(&t, case, definition, &files, false),
        files: shown_files,
        timeline,
        actions,
        can_claim: case.assignee.is_none() && case.decided_at.is_none() && can_change,
        can_change: can_change && case.decided_at.is_none(),
        can_note: can_change,
        claim_action: format!("/staff/cases/{}/claim", case.id),
        note_action: format!("/staff/cases/{}/note", case.id),
        message_action: format!("/staff/cases/{}/message", case.id),
        csrf: csrf.value().to_string(),
        errors,
        note_error,
        message_error,
        notice,
        documents,
        base,
    };
    Ok(private(render(status, &page)))
}

fn file_href(case_id: i64, file: &CaseFile) -> String {
    format!("/staff/cases/{case_id}/files/{}", file.id)
}

/// A file of the case, to staff who may see it: images inline (so the page can
/// show them), everything else as a download. Each is written to the audit trail.
pub async fn file(
    State(state): State<AppState>,
    FileId(file_id): FileId,
    StaffCase { staff, case, .. }: StaffCase<ToView>,
) -> Result<Response, Reject> {
    let files = state.store.case_files(case.id).await?;
    let file = files.into_iter().find(|f| f.id == file_id).ok_or(Reject::NotFound)?;
    let bytes = state.files.read(&file.sha256).await.map_err(Reject::unavailable)?;
    audit_case(&state, &staff, &case, "case.file_opened", &[("file", file.name.clone())]).await;
    Ok(file_response(bytes, &file, true))
}

// ---- notes and messages ----------------------------------------------------------------------

/// An internal note (`internal`) or a message to the resident. Both need the
/// policy's `Change` on the case (`StaffCase<ToChange>`): seeing a case, as an
/// operator does, is not writing on it.
async fn write<A>(state: &AppState, ui: &Ui, csrf: &CsrfToken, at: StaffCase<A>, form: Fields, internal: bool) -> Result<Response, Reject> {
    let StaffCase { staff, case, definition, .. } = at;
    let t = Tr { i18n: &state.i18n, lang: ui.lang };
    let text = match form.text("text").and_then(|raw| form::clean_text(raw, true)) {
        Ok(text) if text.is_empty() => Err(t.msg("staff-text-empty")),
        Ok(text) if text.chars().count() > MAX_TEXT_CHARS => Err(t.count("reply-too-long", "max", MAX_TEXT_CHARS as i64)),
        Ok(text) => Ok(text),
        Err(_) => Err(t.msg("reply-characters")),
    };
    let text = match text {
        Ok(text) => text,
        Err(error) => {
            let field = if internal { "note" } else { "message" };
            let errors = vec![(field.to_string(), error.clone())];
            let (note_error, message_error) = if internal { (Some(error), None) } else { (None, Some(error)) };
            let feedback = Feedback { errors, note_error, message_error, notice: None };
            return render_case(state, ui, csrf, &staff, &case, &definition, feedback).await;
        }
    };
    let event = NewCaseEvent {
        case_id: case.id,
        at: state.clock.now(),
        kind: CaseEventKind::Message,
        action: None,
        transition: None,
        by_applicant: false,
        actor: Some(staff.account.id),
        body: Some(text.clone()),
        internal,
        files: Vec::new(),
        schedule: None,
        inputs: None,
        document: None,
    };
    state.store.record_case_event(&event).await?;
    audit_case(state, &staff, &case, if internal { "case.note" } else { "case.message" }, &[]).await;
    if !internal {
        case_news(state, &case, &definition, CaseNews::OfficeMessage, Some(&text)).await;
    }
    Ok(see_other(&format!("/staff/cases/{}?done=1", case.id)))
}

pub async fn note(
    State(state): State<AppState>,
    ui: Ui,
    at: StaffCase<ToChange>,
    Extension(csrf): Extension<CsrfToken>,
    form: Fields,
) -> Result<Response, Reject> {
    write(&state, &ui, &csrf, at, form, true).await
}

pub async fn message(
    State(state): State<AppState>,
    ui: Ui,
    at: StaffCase<ToChange>,
    Extension(csrf): Extension<CsrfToken>,
    form: Fields,
) -> Result<Response, Reject> {
    write(&state, &ui, &csrf, at, form, false).await
}

// ---- workflow actions ---------------------------------------------------------------------------

/// The form of an action: its inputs, and a reason when it ends in a refusal
/// and its inputs ask for none (the resident is always told why).
fn action_fields(state: &AppState, transition: &Transition, definition: &ServiceDefinition) -> Vec<Field> {
    let mut fields = transition.inputs.clone();
    let refuses = definition.workflow.state(&transition.to).is_some_and(|s| s.phase == Phase::Rejected);
    let has_reason = fields.iter().any(|f| f.required && matches!(f.kind, FieldKind::Textarea { .. }));
    if refuses && !has_reason {
        fields.push(Field {
            id: "reason".into(),
            label: Text::new(state.i18n.msg(Lang::Uk, "staff-refusal-reason"), state.i18n.msg(Lang::En, "staff-refusal-reason")),
            help: None,
            required: true,
            show_if: None,
            kind: FieldKind::Textarea { min_length: Some(10), max_length: 5000 },
            autocomplete: None,
        });
    }
    fields
}

fn action_page(state: &AppState, transition: &Transition, definition: &ServiceDefinition) -> Page {
    Page {
        id: transition.action.clone(),
        title: transition.label.clone(),
        show_if: None,
        fields: action_fields(state, transition, definition),
    }
}

#[derive(Template)]
#[template(path = "staff_action.html")]
struct ActionPage<'a> {
    base: Base<'a>,
    reference: String,
    heading: String,
    action: String,
    multipart: bool,
    csrf: String,
    widgets: Vec<Widget>,
    errors: Vec<(String, String)>,
    back_href: String,
}

/// The transition `action` if this staff member may take it on this case now.
async fn allowed_transition(
    state: &AppState,
    staff: &Staff,
    case: &CaseRecord,
    definition: &ServiceDefinition,
    action: &str,
) -> Option<Transition> {
    let events = state.store.case_events(case.id).await.ok()?;
    let actors = staff.actors(&case.community_slug, definition);
    let mut machine = machine(case, &events);
    machine.act(&definition.workflow, action, &actors).ok().cloned()
}

/// A workflow action's form as the officer filled it: the values typed (kept when refused) and what was wrong.
struct ActionInput<'a> {
    transition: &'a Transition,
    values: &'a Answers,
    errors: Vec<(String, String)>,
}

fn action_form(
    state: &AppState,
    ui: &Ui,
    csrf: &CsrfToken,
    case: &CaseRecord,
    definition: &ServiceDefinition,
    input: ActionInput<'_>,
) -> Response {
    let ActionInput { transition, values, errors } = input;
    let t = Tr { i18n: &state.i18n, lang: ui.lang };
    let page = action_page(state, transition, definition);
    let widgets = page
        .fields
        .iter()
        .map(|f| {
            let error = errors.iter().find(|(id, _)| *id == f.id).map(|(_, m)| m.clone());
            widget(
                &t,
                &Asked { definition, page: &page, today: state.clock.today() },
                f,
                values.get(&f.id).map(Vec::as_slice).unwrap_or(&[]),
                &[],
                error,
            )
        })
        .collect();
    let multipart = page.fields.iter().any(|f| matches!(f.kind, FieldKind::File { .. }));
    let mut action = format!("/staff/cases/{}/act/{}", case.id, transition.action);
    if multipart {
        action.push_str(&format!("?_csrf={}", csrf.value()));
    }
    let mut base = Base::new(state, ui, transition.label.get(ui.lang).to_string());
    base.error = !errors.is_empty();
    base.back_href = Some(format!("/staff/cases/{}", case.id));
    let status = if errors.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    private(render(
        status,
        &ActionPage {
            base,
            reference: case.reference.clone().unwrap_or_default(),
            heading: transition.label.get(ui.lang).to_string(),
            action,
            multipart,
            csrf: csrf.value().to_string(),
            widgets,
            errors,
            back_href: format!("/staff/cases/{}", case.id),
        },
    ))
}

pub async fn action_get(
    State(state): State<AppState>,
    ui: Ui,
    Extension(csrf): Extension<CsrfToken>,
    Path((_, action)): Path<(String, String)>,
    StaffCase { staff, case, definition, .. }: StaffCase<ToChange>,
) -> Result<Response, Reject> {
    let Some(transition) = allowed_transition(&state, &staff, &case, &definition, &action).await else {
        return Ok(refused(&state, &ui, &case));
    };
    Ok(action_form(
        &state,
        &ui,
        &csrf,
        &case,
        &definition,
        ActionInput { transition: &transition, values: &Answers::new(), errors: Vec::new() },
    ))
}

/// An action the workflow does not allow now (or at all, or not for this role): nothing happens.
fn refused(state: &AppState, ui: &Ui, case: &CaseRecord) -> Response {
    let t = Tr { i18n: &state.i18n, lang: ui.lang };
    let mut response = text_page(state, ui, StatusCode::CONFLICT, t.msg("staff-refused-title"), t.msg("staff-refused-text"));
    if let Ok(v) = HeaderValue::from_str(&format!("/staff/cases/{}", case.id)) {
        response.headers_mut().insert(header::LINK, v);
    }
    private(response)
}

pub async fn action_post(
    State(state): State<AppState>,
    ui: Ui,
    Extension(csrf): Extension<CsrfToken>,
    Path((_, action)): Path<(String, String)>,
    StaffCase { staff, case, definition, .. }: StaffCase<ToChange>,
    request: Request,
) -> Result<Response, Reject> {
    let mut body = read_form(&state, request, state.settings.uploads.application_bytes + 64 * 1024).await?;
    let Some(transition) = allowed_transition(&state, &staff, &case, &definition, &action).await else {
        audit_case(&state, &staff, &case, "case.action_refused", &[("action", action.chars().take(64).collect())]).await;
        return Ok(refused(&state, &ui, &case));
    };
    let t = Tr { i18n: &state.i18n, lang: ui.lang };
    let page = action_page(&state, &transition, &definition);
    let mut submitted = body.answers();
    submitted.retain(|k, _| page.fields.iter().any(|f| &f.id == k && !matches!(f.kind, FieldKind::File { .. })));
    // Files of the action's inputs: checked by content and size, then counted as the field's values.
    let mut files = Vec::new();
    let mut errors: Vec<(String, String)> = Vec::new();
    for file in examine(std::mem::take(&mut body.files)).await? {
        let Some(field) = page.fields.iter().find(|f| f.id == file.part.field) else { continue };
        let FieldKind::File { accept, max_file_mb, .. } = &field.kind else { continue };
        let max = (u64::from(*max_file_mb) * 1024 * 1024).min(state.settings.uploads.file_bytes);
        match check_upload(&t, &file, accept, max) {
            Ok(kind) => files.push((field.id.clone(), kind, file)),
            Err(error) => errors.push((field.id.clone(), error)),
        }
    }
    for (field, _, _) in &files {
        let entry = submitted.entry(field.clone()).or_default();
        entry.push(format!("new-{}", entry.len()));
    }
    let (checked, problems) = form::check_sent_page(&definition, &page, &submitted, &body.unreadable, &Answers::new(), today(&state));
    for problem in &problems {
        if errors.iter().any(|(id, _)| *id == problem.field) {
            continue;
        }
        if let Some(field) = page.fields.iter().find(|f| f.id == problem.field) {
            errors.push((problem.field.clone(), problem_message(&t, field, &problem.problem)));
        }
    }
    if !errors.is_empty() {
        return Ok(action_form(
            &state,
            &ui,
            &csrf,
            &case,
            &definition,
            ActionInput { transition: &transition, values: &submitted, errors },
        ));
    }
    let mut stored = Vec::new();
    for (field, kind, file) in files {
        state.files.put(&file.sha256, &file.part.bytes).await.map_err(Reject::unavailable)?;
        stored.push(NewCaseFile {
            case_id: case.id,
            field: Some(field),
            name: upload::sanitise_file_name(&file.part.name, kind),
            content_type: kind.code().to_string(),
            size: file.part.bytes.len() as i64,
            sha256: file.sha256,
            uploaded_at: state.clock.now(),
        });
    }
    let body_text = action_text(&page.fields, &checked, case.lang);
    // Kept for documents that print them; files are kept as files.
    let mut inputs = checked;
    inputs.retain(|k, _| page.fields.iter().any(|f| &f.id == k && !matches!(f.kind, FieldKind::File { .. })));
    let step =
        Step { staff: &staff, case: &case, definition: &definition, transition: &transition, body: body_text, files: stored, inputs };
    take_action(&state, &ui, step).await?;
    Ok(see_other(&format!("/staff/cases/{}?done=1", case.id)))
}

/// A workflow action a staff member takes on a case, with what they gave for it.
struct Step<'a> {
    staff: &'a Staff,
    case: &'a CaseRecord,
    definition: &'a ServiceDefinition,
    transition: &'a Transition,
    /// The text the case's timeline shows (a reason, the inputs).
    body: Option<String>,
    files: Vec<NewCaseFile>,
    /// The action's inputs, kept for the documents that print them.
    inputs: Answers,
}

/// Record a workflow action taken by staff, with its deadline bookkeeping, audit and news.
async fn take_action(state: &AppState, ui: &Ui, step: Step<'_>) -> Result<(), Reject> {
    let Step { staff, case, definition, transition, body, files, inputs } = step;
    let schedule = schedule_after(state, case, definition, &transition.to).await?;
    // The document the decision issues is signed now and written with the decision, or neither is.
    let document = match issue(state, case, definition, transition, &inputs).await {
        Ok(d) => d,
        Err(error) => {
            tracing::error!(case = case.id, %error, "cannot issue the decision's document; the decision is not recorded");
            return Err(Reject::unavailable(error));
        }
    };
    let event = NewCaseEvent {
        body: body.clone(),
        files,
        inputs: (!inputs.is_empty()).then_some(inputs),
        document: document.map(|d| hromada_store::DocumentChange::Issue(Box::new(d))),
        ..step_event(case, transition, schedule, state.clock.now(), false, Some(staff.account.id))
    };
    match state.store.record_case_event(&event).await {
        Ok(_) => {}
        // Someone else moved the case meanwhile: nothing was recorded.
        Err(StoreError::Conflict(_)) => return Err(refused(state, ui, case).into()),
        Err(e) => return Err(Reject::unavailable(e)),
    }
    audit_case(
        state,
        staff,
        case,
        "case.action",
        &[("action", transition.action.clone()), ("from", case.state.clone()), ("to", transition.to.clone())],
    )
    .await;
    let phase = definition.workflow.state(&transition.to).map(|s| s.phase);
    let news = match phase {
        Some(Phase::WaitingForResident) => Some(CaseNews::InformationRequested),
        Some(Phase::Approved | Phase::Rejected) => Some(CaseNews::Decided),
        _ => None,
    };
    if let Some(news) = news {
        let moved = CaseRecord { state: transition.to.clone(), ..case.clone() };
        case_news(state, &moved, definition, news, body.as_deref()).await;
    }
    Ok(())
}

// ---- the calendar of non-working days ----------------------------------------------------------

#[derive(Template)]
#[template(path = "staff_calendar.html")]
struct CalendarPage<'a> {
    base: Base<'a>,
    days: Vec<(String, String, String)>,
    csrf: String,
    can_edit: bool,
    day_value: String,
    /// "For example, 15.12.2026.": a day to come, as non-working days are added.
    day_hint: String,
    note_value: String,
    day_error: Option<String>,
    note_error: Option<String>,
    errors: Vec<(String, String)>,
}

fn may_edit_calendar(person: &Person) -> bool {
    decide(person, Action::Change, &Resource::WorkCalendar).allowed()
}

async fn calendar_page(
    state: &AppState,
    ui: &Ui,
    csrf: &CsrfToken,
    staff: &Staff,
    day_value: &str,
    note_value: &str,
    error: Option<(&'static str, String)>,
) -> Result<Response, Reject> {
    let t = Tr { i18n: &state.i18n, lang: ui.lang };
    let days = state.store.non_working_days_noted().await?;
    let mut base = Base::new(state, ui, t.msg("calendar-title"));
    base.error = error.is_some();
    base.crumbs.push(("/staff".into(), t.msg("staff-queue-title")));
    let status = if error.is_some() { StatusCode::UNPROCESSABLE_ENTITY } else { StatusCode::OK };
    let error_of = |id: &str| error.as_ref().filter(|(field, _)| *field == id).map(|(_, message)| message.clone());
    let (day_error, note_error) = (error_of("day"), error_of("note-text"));
    let errors = error.iter().map(|(field, message)| (field.to_string(), message.clone())).collect();
    let example = form::date_example(Some(DateBound::Today), None, state.clock.today());
    let day_hint = t.with("hint-date", "example", &format!("{:02}.{:02}.{}", example.day(), u8::from(example.month()), example.year()));
    Ok(private(render(
        status,
        &CalendarPage {
            base,
            days: days.into_iter().map(|(d, note)| (t.date(d), note, d.to_string())).collect(),
            csrf: csrf.value().to_string(),
            can_edit: may_edit_calendar(&staff.person),
            day_value: day_value.to_string(),
            day_hint,
            note_value: note_value.to_string(),
            day_error,
            note_error,
            errors,
        },
    )))
}

pub async fn calendar(
    State(state): State<AppState>,
    ui: Ui,
    Extension(csrf): Extension<CsrfToken>,
    staff: Staff,
) -> Result<Response, Reject> {
    calendar_page(&state, &ui, &csrf, &staff, "", "", None).await
}

pub async fn calendar_change(
    State(state): State<AppState>,
    ui: Ui,
    Extension(csrf): Extension<CsrfToken>,
    staff: Staff,
    form: Fields,
) -> Result<Response, Reject> {
    if !may_edit_calendar(&staff.person) {
        return Err(Reject::NotFound);
    }
    let t = Tr { i18n: &state.i18n, lang: ui.lang };
    let remove = field(&form, "remove");
    if !remove.is_empty() {
        let Ok(day) = Date::parse(remove, time::macros::format_description!("[year]-[month]-[day]")) else {
            return Err(Reject::NotFound);
        };
        state.store.delete_non_working_day(day).await?;
        audit_staff(&state, &staff, "calendar.day_removed", &day.to_string()).await;
        return Ok(see_other("/staff/calendar"));
    }
    let day_text = field(&form, "day");
    let note = form::clean_text(field(&form, "note"), false).unwrap_or_default().chars().take(200).collect::<String>();
    if form.is_unreadable("note") {
        let error = t.args("problem-characters", &[("label", t.msg("calendar-note"))]);
        return calendar_page(&state, &ui, &csrf, &staff, day_text, "", Some(("note-text", error))).await;
    }
    let day = match hromada_domain::values::UaDate::parse(day_text) {
        Ok(d) => d.date(),
        Err(_) => return calendar_page(&state, &ui, &csrf, &staff, day_text, &note, Some(("day", t.msg("calendar-day-error")))).await,
    };
    state.store.put_non_working_day(day, &note).await?;
    audit_staff(&state, &staff, "calendar.day_added", &day.to_string()).await;
    Ok(see_other("/staff/calendar"))
}

async fn audit_staff(state: &AppState, staff: &Staff, action: &str, subject: &str) {
    let event = staff_event(state, staff, None, action, subject.to_string(), &[]);
    if let Err(error) = state.store.append_audit(&event).await {
        tracing::error!(%error, action, "could not write the audit trail");
    }
}
