//! What taking a workflow step does to a case's clock: the deadline stops
//! while the office waits for the resident, resumes (moved by the days it
//! waited) when they answer, and stops for good at a final state.

use hromada_domain::account::AccountId;
use hromada_domain::case::{Case, CaseEventKind, CaseState};
use hromada_domain::clock::kyiv_time;
use hromada_domain::deadline::{WorkCalendar, resume_due};
use hromada_domain::definition::{Answers, Field, FieldKind, Phase, ServiceDefinition, Transition};
use hromada_domain::{Lang, form};
use hromada_store::{CaseEvent, CaseRecord, CaseSchedule, NewCaseEvent, StoreError};

use crate::AppState;

/// The event that moves a case along `transition` at `at`, by its applicant or
/// by `actor`, with the deadline bookkeeping of [`schedule_after`]; the caller
/// adds what was said and given with it.
/// The case as the state machine sees it: its state and the workflow's history
/// (actions taken, oldest first, for `requires`). Every workflow step, the
/// office's and the resident's withdrawal alike, goes through its `Case::act`.
pub(crate) fn machine(case: &CaseRecord, events: &[CaseEvent]) -> Case {
    Case {
        service_id: case.service_slug.clone(),
        service_version: case.service_version,
        state: CaseState::from_stored(&case.state),
        history: events.iter().filter(|e| e.kind == CaseEventKind::Action).filter_map(|e| e.action.clone()).collect(),
    }
}

pub(crate) fn step_event(
    case: &CaseRecord,
    transition: &Transition,
    schedule: CaseSchedule,
    at: time::OffsetDateTime,
    by_applicant: bool,
    actor: Option<AccountId>,
) -> NewCaseEvent {
    NewCaseEvent {
        case_id: case.id,
        at,
        kind: CaseEventKind::Action,
        action: Some(transition.action.clone()),
        transition: Some((case.state.clone(), transition.to.clone())),
        by_applicant,
        actor,
        body: None,
        internal: false,
        files: Vec::new(),
        schedule: Some(schedule),
        inputs: None,
        document: None,
    }
}

/// What a case's timeline shows of a workflow action's inputs, in the
/// resident's language: one input (a request, an answer) as it was written,
/// several each with its label; files are shown as files, not here.
pub fn action_text(fields: &[Field], checked: &Answers, lang: Lang) -> Option<String> {
    let given: Vec<(&Field, &Vec<String>)> =
        fields.iter().filter(|f| !matches!(f.kind, FieldKind::File { .. })).filter_map(|f| Some((f, checked.get(&f.id)?))).collect();
    let text: Vec<String> = match given.as_slice() {
        [(field, values)] => vec![form::display_value(field, values, lang)],
        _ => given.iter().map(|(f, v)| format!("{}: {}", f.label.get(lang), form::display_value(f, v, lang))).collect(),
    };
    (!text.is_empty()).then(|| text.join("\n"))
}

/// The deadline bookkeeping after moving from the case's state to `to`.
pub(crate) async fn schedule_after(
    state: &AppState,
    case: &CaseRecord,
    definition: &ServiceDefinition,
    to: &str,
) -> Result<CaseSchedule, StoreError> {
    let phase = |id: &str| definition.workflow.state(id).map(|s| s.phase);
    let (from_phase, to_phase) = (phase(&case.state), phase(to));
    let now = state.clock.now();
    let today = kyiv_time(now).date();
    let mut schedule = CaseSchedule { due_on: case.due_on, paused_at: case.paused_at, decided_at: case.decided_at, outcome: None };
    if to_phase.is_some_and(Phase::pauses_deadline) {
        if schedule.paused_at.is_none() {
            schedule.paused_at = Some(now);
        }
    } else if let Some(paused_at) = schedule.paused_at.take()
        && let Some(due) = case.due_on
    {
        let calendar = WorkCalendar::new(state.store.non_working_days().await?);
        schedule.due_on = Some(resume_due(due, kyiv_time(paused_at).date(), today, definition.deadline.kind, &calendar));
    }
    if to_phase.is_some_and(Phase::is_final) {
        schedule.decided_at = Some(now);
        schedule.paused_at = None;
        // How it ended, for the pulse (a withdrawal is not a decision).
        schedule.outcome = to_phase.and_then(hromada_domain::pulse::Outcome::of_phase);
    }
    let _ = from_phase;
    Ok(schedule)
}
