//! Writing to the audit trail: what a resident did, and every staff view of
//! and action on a case.

use hromada_domain::audit::AuditEvent;
use hromada_store::CaseRecord;

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

/// Write a staff member's view or action on a case to the audit trail.
pub(crate) async fn audit_case(state: &AppState, staff: &Staff, case: &CaseRecord, action: &str, details: &[(&str, String)]) {
    let event = AuditEvent {
        at: state.clock.now(),
        actor: Some(staff.account.id.to_string()),
        actor_role: Some("staff".to_string()),
        community: Some(case.community_slug.clone()),
        action: action.to_string(),
        subject: Some(format!("case:{}", case.reference.clone().unwrap_or_else(|| case.id.to_string()))),
        details: details.iter().map(|(k, v)| (k.to_string(), v.clone())).collect(),
    };
    if let Err(error) = state.store.append_audit(&event).await {
        tracing::error!(%error, action, "could not write the audit trail");
    }
}
