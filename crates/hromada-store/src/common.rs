//! What both backends share: hashing, the time representation, error mapping.

use std::collections::BTreeMap;
use std::time::Duration;

use hromada_domain::Lang;
use hromada_domain::account::{Role, RoleGrant, Scope, ThrottleDecision, TokenPurpose};
use hromada_domain::case::{CaseChannel, CaseEventKind};
use hromada_domain::job::JobState;
use sha2::{Digest, Sha256};
use time::OffsetDateTime;

use crate::{StoreError, StoreResult};

/// The `meta` key of the catalogue generation.
pub(crate) const GENERATION_KEY: &str = "catalogue_generation";

/// How many times an import is tried when a concurrent import took the version
/// number it meant to use (the primary key rejects the second insert).
pub(crate) const IMPORT_ATTEMPTS: usize = 3;

/// Lower-case hex SHA-256 of `source`.
/// A definition enters the store only when `parse_definition` finds no error in it.
pub(crate) fn check_definition(slug: &str, source: &str) -> StoreResult<()> {
    let parsed = hromada_domain::definition::parse_definition(source, Some(slug));
    let errors = parsed.diagnostics.iter().filter(|d| d.severity == hromada_domain::definition::Severity::Error).count();
    if errors > 0 {
        return Err(StoreError::Invalid(format!("the definition of {slug} has {errors} error(s); `hromada services validate` names them")));
    }
    Ok(())
}

pub(crate) fn sha256_hex(source: &str) -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let digest = Sha256::digest(source.as_bytes());
    let mut out = String::with_capacity(64);
    for byte in digest.iter() {
        out.push(char::from(HEX[usize::from(byte >> 4)]));
        out.push(char::from(HEX[usize::from(byte & 0x0f)]));
    }
    out
}

/// Timestamps are stored to the whole second, in UTC, by both backends, so that
/// what is read back equals what was written (after this normalisation) and is
/// the same whichever backend holds it.
pub(crate) fn stored_time(t: OffsetDateTime) -> StoreResult<OffsetDateTime> {
    OffsetDateTime::from_unix_timestamp(t.unix_timestamp()).map_err(|e| StoreError::Database(format!("timestamp out of range: {e}")))
}

/// Audit `details` as stored: a JSON object of strings.
pub(crate) fn details_json(details: &BTreeMap<String, String>) -> StoreResult<String> {
    serde_json::to_string(details).map_err(|e| StoreError::Database(format!("cannot encode audit details: {e}")))
}

/// Audit `details` read back. A row whose details are not a JSON object of
/// strings is read as a row with one `details` entry holding the raw text, so
/// that a walk still reaches it and its hash check names it as changed.
pub(crate) fn details_from_json(text: &str) -> BTreeMap<String, String> {
    serde_json::from_str(text).unwrap_or_else(|_| BTreeMap::from([(String::from("details"), text.to_string())]))
}

/// The `audit_head` row is gone: only someone who dropped its trigger could do that.
pub(crate) fn missing_audit_head() -> StoreError {
    StoreError::Database("the head of the audit trail (audit_head) is missing: it was deleted".into())
}

/// How many audit rows one page may hold.
pub(crate) const MAX_AUDIT_PAGE: i64 = 10_000;

/// A count from the pool as the `u32` of [`crate::PoolStats`].
pub(crate) fn count_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// The columns of `accounts` that make an [`hromada_domain::account::Account`].
macro_rules! account_columns {
    () => {
        "id, email, display_name, password_hash, email_confirmed_at, is_staff, preferred_lang, created_at, deleted_at"
    };
}
pub(crate) use account_columns;

/// The columns of `sessions` that make a [`hromada_domain::account::SessionRecord`].
macro_rules! session_columns {
    () => {
        "id_hash, account_id, created_at, last_seen_at, idle_expires_at, absolute_expires_at, second_factor_done"
    };
}
pub(crate) use session_columns;

/// The columns of `tokens` that make a [`hromada_domain::account::TokenRecord`].
macro_rules! token_columns {
    () => {
        "hash, purpose, account_id, email, payload, created_at, expires_at, used_at"
    };
}
pub(crate) use token_columns;

/// The columns of `cases` that make a [`crate::CaseRecord`].
macro_rules! case_columns {
    () => {
        "id, community_slug, service_slug, service_version, state, created_at, applicant_account, answers, \
         updated_at, reference, submitted_at, due_on, contact_email, lang, owner_token_hash, expiry_warned_at, \
         assignee, paused_at, decided_at, channel, assisted_by, assisted_note"
    };
}
pub(crate) use case_columns;

/// The columns of `communities` that make a [`hromada_domain::place::Community`].
macro_rules! community_columns {
    () => {
        "slug, region_slug, code, name_uk, name_en, katottg, phone, email, website, published"
    };
}
pub(crate) use community_columns;

/// The columns of `service_centres` that make a [`hromada_domain::place::ServiceCentre`].
macro_rules! centre_columns {
    () => {
        "id, community_slug, kind, name_uk, name_en, address_uk, address_en, phone, hours, accessibility_uk, accessibility_en"
    };
}
pub(crate) use centre_columns;

/// A place table the places code looks up by slug or КАТОТТГ code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum PlaceTable {
    Regions,
    Communities,
}

/// A stored value that is not what the schema's CHECKs allow: someone wrote
/// past the store. Names the column, not the value.
pub(crate) fn bad_stored(column: &str) -> StoreError {
    StoreError::Database(format!("unexpected stored value in {column}"))
}

pub(crate) fn parse_lang(code: &str) -> StoreResult<Lang> {
    Lang::parse(code).ok_or_else(|| bad_stored("accounts.preferred_lang"))
}

pub(crate) fn parse_role(code: &str) -> StoreResult<Role> {
    Role::parse(code).ok_or_else(|| bad_stored("role_grants.role"))
}

pub(crate) fn parse_purpose(code: &str) -> StoreResult<TokenPurpose> {
    TokenPurpose::parse(code).ok_or_else(|| bad_stored("tokens.purpose"))
}

/// `(community_slug, region_slug)` of a scope as `role_grants` keeps it.
pub(crate) fn scope_columns(scope: &Scope) -> (Option<&str>, Option<&str>) {
    match scope {
        Scope::Community(slug) => (Some(slug), None),
        Scope::Region(slug) => (None, Some(slug)),
        Scope::Installation => (None, None),
    }
}

pub(crate) fn scope_from_columns(community: Option<String>, region: Option<String>) -> StoreResult<Scope> {
    match (community, region) {
        (Some(slug), None) => Ok(Scope::Community(slug)),
        (None, Some(slug)) => Ok(Scope::Region(slug)),
        // The schema allows it for the installation's administrators only.
        (None, None) => Ok(Scope::Installation),
        _ => Err(bad_stored("role_grants.community_slug/region_slug")),
    }
}

/// Grants in the order `roles_of` promises (communities first, by slug, then
/// regions; within a scope by role), the same on both backends.
pub(crate) fn sort_grants(grants: &mut [RoleGrant]) {
    grants.sort_by(|a, b| (&a.scope, a.role).cmp(&(&b.scope, b.role)));
}

/// An e-mail address in use: says so without repeating it.
pub(crate) fn email_taken(err: StoreError) -> StoreError {
    match err {
        StoreError::Conflict(_) => StoreError::Conflict("an account with this e-mail address exists".into()),
        other => other,
    }
}

/// The end of a throttle window that opens at `now` (already stored form).
pub(crate) fn window_end(now: OffsetDateTime, window: Duration) -> StoreResult<OffsetDateTime> {
    time::Duration::try_from(window)
        .ok()
        .and_then(|window| now.checked_add(window))
        .ok_or_else(|| StoreError::Database("throttle window out of range".into()))
        .and_then(stored_time)
}

/// The decision on an attempt that is number `hits` of the window ending at `window_end`.
pub(crate) fn throttle_decision(hits: i64, window_end: OffsetDateTime, now: OffsetDateTime, limit: u32) -> ThrottleDecision {
    if hits <= i64::from(limit) {
        ThrottleDecision { allowed: true, retry_after: Duration::ZERO }
    } else {
        let left = (window_end - now).max(time::Duration::ZERO);
        ThrottleDecision { allowed: false, retry_after: Duration::try_from(left).unwrap_or(Duration::ZERO) }
    }
}

/// Map an sqlx error after the backend has picked out its own "unavailable"
/// codes: I/O and pool exhaustion are `Unavailable`, a unique violation is a
/// `Conflict`, a foreign-key violation means a referenced row is missing
/// (`NotFound`), everything else is `Database`. Messages come from the
/// database or the driver, never from the connection URL.
pub(crate) fn map_sqlx(err: sqlx::Error, unavailable_code: fn(&str) -> bool) -> StoreError {
    match err {
        sqlx::Error::PoolTimedOut | sqlx::Error::PoolClosed | sqlx::Error::Io(_) | sqlx::Error::Tls(_) | sqlx::Error::WorkerCrashed => {
            StoreError::Unavailable(err.to_string())
        }
        sqlx::Error::Database(db) => {
            if db.is_unique_violation() {
                StoreError::Conflict(db.message().to_string())
            } else if db.is_foreign_key_violation() {
                StoreError::NotFound
            } else if db.code().is_some_and(|code| unavailable_code(&code)) {
                StoreError::Unavailable(db.message().to_string())
            } else {
                StoreError::Database(db.message().to_string())
            }
        }
        other => StoreError::Database(other.to_string()),
    }
}

/// `message` with the password of `url` (if any) blanked out, for errors that
/// might echo parts of the URL back.
pub(crate) fn scrub_password(message: &str, url: &str) -> String {
    let password = url
        .find("://")
        .and_then(|scheme_end| {
            let rest = &url[scheme_end + 3..];
            let userinfo = &rest[..rest.rfind('@')?];
            userinfo.find(':').map(|colon| &userinfo[colon + 1..])
        })
        .filter(|password| !password.is_empty());
    match password {
        Some(password) => message.replace(password, "***"),
        None => message.to_string(),
    }
}

/// A case's answers as stored: a JSON object of arrays of strings.
pub(crate) fn answers_json(answers: &hromada_domain::definition::Answers) -> StoreResult<String> {
    serde_json::to_string(answers).map_err(|e| StoreError::Database(format!("cannot encode answers: {e}")))
}

pub(crate) fn answers_from_json(text: &str) -> StoreResult<hromada_domain::definition::Answers> {
    serde_json::from_str(text).map_err(|_| bad_stored("cases.answers"))
}

pub(crate) fn parse_case_lang(code: &str) -> StoreResult<Lang> {
    Lang::parse(code).ok_or_else(|| bad_stored("cases.lang"))
}

pub(crate) fn parse_case_channel(code: &str) -> StoreResult<CaseChannel> {
    CaseChannel::parse(code).ok_or_else(|| bad_stored("cases.channel"))
}

pub(crate) fn parse_event_kind(code: &str) -> StoreResult<CaseEventKind> {
    CaseEventKind::parse(code).ok_or_else(|| bad_stored("case_events.kind"))
}

pub(crate) fn parse_job_state(code: &str) -> StoreResult<JobState> {
    JobState::parse(code).ok_or_else(|| bad_stored("jobs.state"))
}

/// A claimed job whose kind this server does not know (no CHECK guards
/// `jobs.kind`: an intruder, or a newer server's kind) is failed for good with
/// this error, as a worker failed it before kinds were typed.
pub(crate) fn unknown_job_kind(code: &str) -> String {
    format!("unknown job kind `{code}`")
}

/// `BUC-2026-000123`: the community's prefix, the year, the sequence (at least six digits).
pub(crate) fn format_reference(code: &str, year: i32, seq: i64) -> String {
    format!("{code}-{year}-{seq:06}")
}

macro_rules! case_event_columns {
    () => {
        "id, case_id, at, kind, action, from_state, to_state, by_applicant, actor_account, body, internal"
    };
}
pub(crate) use case_event_columns;

macro_rules! case_file_columns {
    () => {
        "id, case_id, field, event_id, name, content_type, size, sha256, uploaded_at"
    };
}
pub(crate) use case_file_columns;

/// Whether a page's new files fit beside the case's own: `counts` are the
/// files each field holds now, `total` the bytes of all the case's files.
pub(crate) fn page_refusal(page: &crate::DraftPage, counts: &[(String, i64)], total: i64) -> Option<crate::PageRefused> {
    for file in &page.files {
        // A file of a field the page does not limit may not be added at all.
        let field = file.field.clone().unwrap_or_default();
        let max = page.max_files.get(&field).copied().unwrap_or(0);
        let held = counts.iter().find(|(f, _)| *f == field).map_or(0, |(_, n)| *n);
        let new = page.files.iter().filter(|f| f.field.as_deref().unwrap_or_default() == field).count() as i64;
        if held + new > i64::from(max) {
            return Some(crate::PageRefused::TooManyFiles { field, max });
        }
    }
    let new: i64 = page.files.iter().map(|f| f.size.max(0)).sum();
    (total.saturating_add(new) > page.max_total_bytes).then_some(crate::PageRefused::TooManyBytes)
}

/// The page's answers, with each file field they hold answered by the ids of
/// all its files (`files`: field and id of every file of a field, in order).
pub(crate) fn with_file_answers(page: &crate::DraftPage, files: &[(String, i64)]) -> hromada_domain::definition::Answers {
    let mut answers = page.answers.clone();
    for field in page.max_files.keys() {
        if let Some(value) = answers.get_mut(field) {
            *value = files.iter().filter(|(f, _)| f == field).map(|(_, id)| id.to_string()).collect();
            if value.is_empty() {
                answers.remove(field);
            }
        }
    }
    answers
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sha256_of_known_vectors() {
        assert_eq!(sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assert_eq!(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    #[test]
    fn stored_time_is_utc_whole_seconds() {
        let t = time::macros::datetime!(2026-03-01 11:30:05.987654321 +02:00);
        let s = stored_time(t).unwrap_or(OffsetDateTime::UNIX_EPOCH);
        assert_eq!(s, time::macros::datetime!(2026-03-01 09:30:05 UTC));
        assert_eq!(s.offset(), time::UtcOffset::UTC);
    }

    #[test]
    fn throttle_decisions() {
        let now = time::macros::datetime!(2026-03-01 09:00:00 UTC);
        let end = window_end(now, Duration::from_millis(60_500)).unwrap_or(now);
        assert_eq!(end, time::macros::datetime!(2026-03-01 09:01:00 UTC));
        assert!(throttle_decision(3, end, now, 3).allowed);
        let refused = throttle_decision(4, end, now + time::Duration::seconds(15), 3);
        assert_eq!(refused, ThrottleDecision { allowed: false, retry_after: Duration::from_secs(45) });
        assert!(!throttle_decision(1, end, now, 0).allowed);
        assert!(window_end(now, Duration::from_secs(u64::MAX)).is_err());
    }

    #[test]
    fn scrubs_password() {
        let url = "postgres://hromada:s3cr%40t@db:5432/hromada";
        assert_eq!(scrub_password("auth failed for s3cr%40t", url), "auth failed for ***");
        assert_eq!(scrub_password("no secret here", "postgres://hromada@db/x"), "no secret here");
    }
}
