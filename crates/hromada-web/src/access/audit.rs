//! Writing to the audit trail: what a resident did, and every staff view of
//! and action on a case; and reading back, for a case's resident, every time
//! someone at the office opened it.

use hromada_domain::audit::{AuditEvent, AuditRow};
use hromada_store::{CaseRecord, StoreResult};

use crate::AppState;
use crate::access::staff::Staff;

pub(crate) async fn audit(state: &AppState, actor: Option<&str>, action: &str, subject: Option<String>) {
    let event = AuditEvent {
        at: state.clock.now(),
        actor: actor.map(str::to_string),
        actor_role: Some("resident".to_string()),
        community: None,
        action: action.to_string(),
        subject,
        details: Default::default(),
    };
    if let Err(error) = state.store.append_audit(&event).await {
        tracing::error!(%error, action, "could not write the audit trail");
    }
}

/// What staff do that opens a resident's case or one of its files or
/// documents: the rows its resident is shown.
pub(crate) const CASE_OPENED: &[&str] = &["case.viewed", "case.file_opened", "document.viewed"];

/// How the audit trail names a case: by its reference once it has one.
fn case_subject(case: &CaseRecord) -> String {
    format!("case:{}", case.reference.clone().unwrap_or_else(|| case.id.to_string()))
}

/// A staff member's view or action as the audit trail keeps it: in the roles
/// they hold in `community` (`officer,supervisor`; "staff" where the event
/// concerns no community, or none of their roles reaches it).
pub(crate) fn staff_event(
    state: &AppState,
    staff: &Staff,
    community: Option<&str>,
    action: &str,
    subject: String,
    details: &[(&str, String)],
) -> AuditEvent {
    let roles: Vec<&str> = community.map(|c| staff.roles_at(state, c)).unwrap_or_default().into_iter().map(|r| r.code()).collect();
    AuditEvent {
        at: state.clock.now(),
        actor: Some(staff.account.id.to_string()),
        actor_role: Some(if roles.is_empty() { "staff".to_string() } else { roles.join(",") }),
        community: community.map(str::to_string),
        action: action.to_string(),
        subject: Some(subject),
        details: details.iter().map(|(k, v)| (k.to_string(), v.clone())).collect(),
    }
}

/// Write a staff member's view or action on a case to the audit trail.
pub(crate) async fn audit_case(state: &AppState, staff: &Staff, case: &CaseRecord, action: &str, details: &[(&str, String)]) {
    let event = staff_event(state, staff, Some(&case.community_slug), action, case_subject(case), details);
    if let Err(error) = state.store.append_audit(&event).await {
        tracing::error!(%error, action, "could not write the audit trail");
    }
}

/// The times someone at the office opened `case` (or one of its files or
/// documents), newest first: up to `limit`, before row `before` when given.
pub(crate) async fn case_openings(state: &AppState, case: &CaseRecord, before: Option<i64>, limit: i64) -> StoreResult<Vec<AuditRow>> {
    state.store.audit_rows_about(&case_subject(case), CASE_OPENED, before, limit).await
}
