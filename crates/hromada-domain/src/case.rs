//! The case and its state machine. Before submission a case is a draft; after
//! it, it moves through the states of the workflow of the definition version
//! it was made under, and only by the transitions that workflow allows.

use crate::definition::{Actor, Phase, Transition, Workflow};

/// Where a case is: a draft, or a state of its workflow.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CaseState {
    Draft,
    Workflow(String),
}

impl CaseState {
    pub const DRAFT: &'static str = "draft";

    /// As stored: `draft` or the workflow state id.
    pub fn as_str(&self) -> &str {
        match self {
            CaseState::Draft => Self::DRAFT,
            CaseState::Workflow(s) => s,
        }
    }

    pub fn from_stored(s: &str) -> CaseState {
        if s == Self::DRAFT { CaseState::Draft } else { CaseState::Workflow(s.to_string()) }
    }
}

/// How an application was made, as a case records it (`cases.channel`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CaseChannel {
    /// The resident applied online.
    Online,
    /// An operator at a service centre applied with or for the resident.
    Assisted,
}

impl CaseChannel {
    pub const ALL: [CaseChannel; 2] = [CaseChannel::Online, CaseChannel::Assisted];

    /// As stored.
    pub fn code(self) -> &'static str {
        match self {
            CaseChannel::Online => "online",
            CaseChannel::Assisted => "assisted",
        }
    }

    /// The channel of a code as [`CaseChannel::code`] writes it, exactly.
    pub fn parse(code: &str) -> Option<CaseChannel> {
        CaseChannel::ALL.into_iter().find(|c| c.code() == code)
    }
}

/// What an entry of a case's timeline is (`case_events.kind`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CaseEventKind {
    /// The draft was submitted.
    Submitted,
    /// A workflow action (a transition, or a platform action such as revoking a document).
    Action,
    /// A message or an internal note.
    Message,
}

impl CaseEventKind {
    pub const ALL: [CaseEventKind; 3] = [CaseEventKind::Submitted, CaseEventKind::Action, CaseEventKind::Message];

    /// As stored.
    pub fn code(self) -> &'static str {
        match self {
            CaseEventKind::Submitted => "submitted",
            CaseEventKind::Action => "action",
            CaseEventKind::Message => "message",
        }
    }

    /// The kind of a code as [`CaseEventKind::code`] writes it, exactly.
    pub fn parse(code: &str) -> Option<CaseEventKind> {
        CaseEventKind::ALL.into_iter().find(|k| k.code() == code)
    }
}

/// The platform's view of where a case stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CasePhase {
    Draft,
    Workflow(Phase),
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CaseError {
    #[error("the case is no longer a draft")]
    NotADraft,
    #[error("a draft cannot take workflow actions; submit it first")]
    StillADraft,
    #[error("the service has no action \"{0}\"")]
    UnknownAction(String),
    #[error("\"{action}\" is not possible while the case is in \"{state}\"")]
    NotInThisState { action: String, state: String },
    #[error("this person's roles may not take \"{0}\"")]
    RoleNotAllowed(String),
    #[error("\"{action}\" needs \"{first}\" to have happened first")]
    RequiresFirst { action: String, first: String },
    #[error("the case is in state \"{0}\", which its workflow does not define")]
    UnknownState(String),
}

/// A case as the state machine sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Case {
    pub service_id: String,
    /// The definition version the case was made under; it never changes.
    pub service_version: i64,
    pub state: CaseState,
    /// Actions taken so far, oldest first (for `requires`).
    pub history: Vec<String>,
}

impl Case {
    pub fn new_draft(service_id: impl Into<String>, service_version: i64) -> Case {
        Case { service_id: service_id.into(), service_version, state: CaseState::Draft, history: Vec::new() }
    }

    pub fn phase(&self, workflow: &Workflow) -> Result<CasePhase, CaseError> {
        match &self.state {
            CaseState::Draft => Ok(CasePhase::Draft),
            CaseState::Workflow(s) => {
                workflow.state(s).map(|st| CasePhase::Workflow(st.phase)).ok_or_else(|| CaseError::UnknownState(s.clone()))
            }
        }
    }

    /// Draft → the workflow's start state.
    pub fn submit(&mut self, workflow: &Workflow) -> Result<(), CaseError> {
        if self.state != CaseState::Draft {
            return Err(CaseError::NotADraft);
        }
        self.state = CaseState::Workflow(workflow.start.clone());
        Ok(())
    }

    /// The actions a person holding `actors` may take now.
    pub fn available_actions<'w>(&self, workflow: &'w Workflow, actors: &[Actor]) -> Vec<&'w Transition> {
        workflow.transitions.iter().filter(|t| self.check(workflow, t, actors).is_ok()).collect()
    }

    /// Take `action` as a person holding `actors`; refuses anything the workflow does not allow.
    pub fn act<'w>(&mut self, workflow: &'w Workflow, action: &str, actors: &[Actor]) -> Result<&'w Transition, CaseError> {
        let transition = workflow.transition(action).ok_or_else(|| CaseError::UnknownAction(action.to_string()))?;
        self.check(workflow, transition, actors)?;
        self.state = CaseState::Workflow(transition.to.clone());
        self.history.push(transition.action.clone());
        Ok(transition)
    }

    fn check(&self, workflow: &Workflow, transition: &Transition, actors: &[Actor]) -> Result<(), CaseError> {
        let CaseState::Workflow(state) = &self.state else { return Err(CaseError::StillADraft) };
        if workflow.state(state).is_none() {
            return Err(CaseError::UnknownState(state.clone()));
        }
        if !transition.from.iter().any(|f| f == state) {
            return Err(CaseError::NotInThisState { action: transition.action.clone(), state: state.clone() });
        }
        if !transition.roles.iter().any(|r| actors.contains(r)) {
            return Err(CaseError::RoleNotAllowed(transition.action.clone()));
        }
        if let Some(first) = transition.requires.iter().find(|r| !self.history.contains(r)) {
            return Err(CaseError::RequiresFirst { action: transition.action.clone(), first: first.clone() });
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Text;
    use crate::definition::State;

    fn state(id: &str, phase: Phase) -> State {
        State { id: id.into(), phase, title: Text::new(id, id) }
    }

    fn transition(action: &str, from: &[&str], to: &str, roles: Vec<Actor>, requires: &[&str]) -> Transition {
        Transition {
            action: action.into(),
            label: Text::new(action, action),
            from: from.iter().map(|s| s.to_string()).collect(),
            to: to.into(),
            roles,
            inputs: vec![],
            issues: None,
            requires: requires.iter().map(|s| s.to_string()).collect(),
        }
    }

    fn compensation() -> Workflow {
        let commission = Actor::Group("commission".into());
        Workflow {
            start: "submitted".into(),
            groups: vec![],
            states: vec![
                state("submitted", Phase::Submitted),
                state("in_review", Phase::InReview),
                state("waiting", Phase::WaitingForResident),
                state("inspection", Phase::InReview),
                state("approved", Phase::Approved),
                state("withdrawn", Phase::Withdrawn),
            ],
            transitions: vec![
                transition("claim", &["submitted"], "in_review", vec![Actor::Officer], &[]),
                transition("request_information", &["in_review"], "waiting", vec![Actor::Officer], &[]),
                transition("answer", &["waiting"], "in_review", vec![Actor::Applicant], &[]),
                transition("send_to_commission", &["in_review"], "inspection", vec![Actor::Officer], &[]),
                transition("record_inspection", &["inspection"], "in_review", vec![commission], &[]),
                transition("approve", &["in_review"], "approved", vec![Actor::Supervisor], &["record_inspection"]),
                transition("withdraw", &["submitted", "in_review", "waiting"], "withdrawn", vec![Actor::Applicant], &[]),
            ],
        }
    }

    #[test]
    fn channels_and_event_kinds_round_trip_as_stored() {
        for channel in CaseChannel::ALL {
            assert_eq!(CaseChannel::parse(channel.code()), Some(channel));
        }
        assert_eq!(CaseChannel::ALL.map(CaseChannel::code), ["online", "assisted"], "the stored texts never change");
        for kind in CaseEventKind::ALL {
            assert_eq!(CaseEventKind::parse(kind.code()), Some(kind));
        }
        assert_eq!(CaseEventKind::ALL.map(CaseEventKind::code), ["submitted", "action", "message"], "the stored texts never change");
        for unknown in ["", "Online", "kiosk", "assisted ", "self_service"] {
            assert_eq!(CaseChannel::parse(unknown), None, "{unknown:?}");
        }
        for unknown in ["", "Action", "note", "submitted\n", "revoke-document"] {
            assert_eq!(CaseEventKind::parse(unknown), None, "{unknown:?}");
        }
    }

    #[test]
    fn a_case_walks_its_workflow_only_by_allowed_transitions() {
        let wf = compensation();
        let mut case = Case::new_draft("kompensatsiia", 3);
        assert_eq!(case.act(&wf, "claim", &[Actor::Officer]).err(), Some(CaseError::StillADraft));
        case.submit(&wf).expect("submit");
        assert_eq!(case.phase(&wf), Ok(CasePhase::Workflow(Phase::Submitted)));
        assert_eq!(case.submit(&wf), Err(CaseError::NotADraft));
        assert!(matches!(case.act(&wf, "claim", &[Actor::Applicant]), Err(CaseError::RoleNotAllowed(_))));
        case.act(&wf, "claim", &[Actor::Officer]).expect("claim");
        assert!(matches!(case.act(&wf, "claim", &[Actor::Officer]), Err(CaseError::NotInThisState { .. })));
        assert_eq!(
            case.act(&wf, "approve", &[Actor::Supervisor]).err(),
            Some(CaseError::RequiresFirst { action: "approve".into(), first: "record_inspection".into() })
        );
        case.act(&wf, "send_to_commission", &[Actor::Officer]).expect("to commission");
        case.act(&wf, "record_inspection", &[Actor::Group("commission".into())]).expect("inspection");
        case.act(&wf, "approve", &[Actor::Supervisor]).expect("approve");
        assert_eq!(case.phase(&wf), Ok(CasePhase::Workflow(Phase::Approved)));
        assert_eq!(case.service_version, 3);
        assert!(case.available_actions(&wf, &[Actor::Applicant, Actor::Officer, Actor::Supervisor]).is_empty());
    }

    #[test]
    fn the_applicant_sees_only_their_own_actions() {
        let wf = compensation();
        let mut case = Case::new_draft("kompensatsiia", 1);
        case.submit(&wf).expect("submit");
        let actions: Vec<&str> = case.available_actions(&wf, &[Actor::Applicant]).iter().map(|t| t.action.as_str()).collect();
        assert_eq!(actions, vec!["withdraw"]);
        assert_eq!(case.act(&wf, "fly", &[Actor::Applicant]).err(), Some(CaseError::UnknownAction("fly".into())));
    }

    #[test]
    fn stored_state_round_trips() {
        assert_eq!(CaseState::from_stored("draft"), CaseState::Draft);
        assert_eq!(CaseState::from_stored("in_review").as_str(), "in_review");
    }
}
