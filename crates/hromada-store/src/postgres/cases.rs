//! Cases on PostgreSQL: drafts, submission, files, timelines.
//!
//! Each submission is its own transaction that locks the case row (`FOR
//! UPDATE`), so concurrent submissions of one draft, from any number of
//! servers, submit it once; the reference counter row is taken by an upsert,
//! which serialises the numbering per community and year. PostgreSQL groups
//! concurrent commits into one WAL flush by itself.

use hromada_domain::account::AccountId;
use hromada_domain::case::CaseEventKind;
use hromada_domain::definition::Answers;
use sqlx::postgres::{PgPool, PgRow};
use sqlx::{PgConnection, Row};
use time::OffsetDateTime;

use super::map_err;
use crate::common::{
    answers_from_json, answers_json, case_columns, case_event_columns, case_file_columns, format_reference, parse_case_channel,
    parse_case_lang, parse_event_kind, stored_time,
};
use crate::common::{page_refusal, with_file_answers};
use crate::{
    CaseEvent, CaseFile, CaseRecord, DRAFT_STATE, DraftPage, NewCaseEvent, NewCaseFile, PageRefused, StoreError, StoreResult, Submission,
    SubmitOutcome,
};

fn get<'r, T>(row: &'r PgRow, column: &str) -> StoreResult<T>
where
    T: sqlx::Decode<'r, sqlx::Postgres> + sqlx::Type<sqlx::Postgres>,
{
    row.try_get(column).map_err(map_err)
}

pub(super) fn case_from_row(row: &PgRow) -> StoreResult<CaseRecord> {
    let created_at: OffsetDateTime = get(row, "created_at")?;
    Ok(CaseRecord {
        id: get(row, "id")?,
        community_slug: get(row, "community_slug")?,
        service_slug: get(row, "service_slug")?,
        service_version: get(row, "service_version")?,
        state: get(row, "state")?,
        created_at,
        applicant: get::<Option<i64>>(row, "applicant_account")?.map(AccountId),
        answers: answers_from_json(&get::<String>(row, "answers")?)?,
        updated_at: get::<Option<OffsetDateTime>>(row, "updated_at")?.unwrap_or(created_at),
        reference: get(row, "reference")?,
        submitted_at: get(row, "submitted_at")?,
        due_on: get(row, "due_on")?,
        contact_email: get(row, "contact_email")?,
        lang: parse_case_lang(&get::<String>(row, "lang")?)?,
        owner_token_hash: get(row, "owner_token_hash")?,
        expiry_warned_at: get(row, "expiry_warned_at")?,
        assignee: get::<Option<i64>>(row, "assignee")?.map(AccountId),
        paused_at: get(row, "paused_at")?,
        decided_at: get(row, "decided_at")?,
        channel: parse_case_channel(&get::<String>(row, "channel")?)?,
        assisted_by: get::<Option<i64>>(row, "assisted_by")?.map(AccountId),
        assisted_note: get(row, "assisted_note")?,
    })
}

fn event_from_row(row: &PgRow) -> StoreResult<CaseEvent> {
    Ok(CaseEvent {
        id: get(row, "id")?,
        case_id: get(row, "case_id")?,
        at: get(row, "at")?,
        kind: parse_event_kind(&get::<String>(row, "kind")?)?,
        action: get(row, "action")?,
        from_state: get(row, "from_state")?,
        to_state: get(row, "to_state")?,
        by_applicant: get(row, "by_applicant")?,
        actor: get::<Option<i64>>(row, "actor_account")?.map(AccountId),
        body: get(row, "body")?,
        internal: get(row, "internal")?,
    })
}

fn file_from_row(row: &PgRow) -> StoreResult<CaseFile> {
    Ok(CaseFile {
        id: get(row, "id")?,
        case_id: get(row, "case_id")?,
        field: get(row, "field")?,
        event_id: get(row, "event_id")?,
        name: get(row, "name")?,
        content_type: get(row, "content_type")?,
        size: get(row, "size")?,
        sha256: get(row, "sha256")?,
        uploaded_at: get(row, "uploaded_at")?,
    })
}

/// Which unique column a case is looked up by.
#[derive(Clone, Copy)]
pub(super) enum CaseKey {
    OwnerToken,
    Reference,
}

pub(super) async fn case_where(pool: &PgPool, key: CaseKey, value: &str) -> StoreResult<Option<CaseRecord>> {
    let sql = match key {
        CaseKey::OwnerToken => concat!("SELECT ", case_columns!(), " FROM cases WHERE owner_token_hash = $1"),
        CaseKey::Reference => concat!("SELECT ", case_columns!(), " FROM cases WHERE reference = $1"),
    };
    let row = sqlx::query(sql).bind(value).fetch_optional(pool).await.map_err(map_err)?;
    row.as_ref().map(case_from_row).transpose()
}

/// Lock the case row for the rest of the transaction: its state, or `NotFound`.
async fn lock_case(conn: &mut PgConnection, case_id: i64) -> StoreResult<(String, Option<String>)> {
    sqlx::query_as("SELECT state, reference FROM cases WHERE id = $1 FOR UPDATE")
        .bind(case_id)
        .fetch_optional(&mut *conn)
        .await
        .map_err(map_err)?
        .ok_or(StoreError::NotFound)
}

fn must_be_draft(state: &str) -> StoreResult<()> {
    if state == DRAFT_STATE { Ok(()) } else { Err(StoreError::Conflict("the case is no longer a draft".into())) }
}

pub(super) async fn save_draft_answers(pool: &PgPool, case_id: i64, answers: &Answers, now: OffsetDateTime) -> StoreResult<()> {
    let json = answers_json(answers)?;
    let mut tx = pool.begin().await.map_err(map_err)?;
    let (state, _) = lock_case(&mut tx, case_id).await?;
    must_be_draft(&state)?;
    sqlx::query("UPDATE cases SET answers = $1, updated_at = $2, expiry_warned_at = NULL WHERE id = $3")
        .bind(json)
        .bind(stored_time(now)?)
        .bind(case_id)
        .execute(&mut *tx)
        .await
        .map_err(map_err)?;
    tx.commit().await.map_err(map_err)
}

pub(super) async fn delete_draft(pool: &PgPool, case_id: i64) -> StoreResult<Option<Vec<String>>> {
    let mut tx = pool.begin().await.map_err(map_err)?;
    let state = match lock_case(&mut tx, case_id).await {
        Ok((state, _)) => state,
        Err(StoreError::NotFound) => return Ok(None),
        Err(e) => return Err(e),
    };
    if state != DRAFT_STATE {
        return Ok(None);
    }
    let files: Vec<String> =
        sqlx::query_scalar("SELECT sha256 FROM case_files WHERE case_id = $1").bind(case_id).fetch_all(&mut *tx).await.map_err(map_err)?;
    sqlx::query("DELETE FROM cases WHERE id = $1").bind(case_id).execute(&mut *tx).await.map_err(map_err)?;
    tx.commit().await.map_err(map_err)?;
    Ok(Some(files))
}

pub(super) async fn submit_case(pool: &PgPool, s: &Submission) -> StoreResult<SubmitOutcome> {
    let at = stored_time(s.at)?;
    let mut tx = pool.begin().await.map_err(map_err)?;
    match lock_case(&mut tx, s.case_id).await? {
        (_, Some(reference)) => return Ok(SubmitOutcome::AlreadySubmitted { reference }),
        (state, None) if state != DRAFT_STATE => {
            return Err(StoreError::Conflict("the case is neither a draft nor submitted".into()));
        }
        _ => {}
    }
    let seq: i64 = sqlx::query_scalar(
        "INSERT INTO reference_counters (community_code, year, last) VALUES ($1, $2, 1) \
         ON CONFLICT (community_code, year) DO UPDATE SET last = reference_counters.last + 1 RETURNING last",
    )
    .bind(&s.community_code)
    .bind(s.year)
    .fetch_one(&mut *tx)
    .await
    .map_err(map_err)?;
    let reference = format_reference(&s.community_code, s.year, seq);
    sqlx::query(
        "UPDATE cases SET state = $1, reference = $2, submitted_at = $3, updated_at = $3, due_on = $4, answers = $5, \
         contact_email = COALESCE($6, contact_email), owner_token_hash = COALESCE($7, owner_token_hash) WHERE id = $8",
    )
    .bind(&s.state)
    .bind(&reference)
    .bind(at)
    .bind(s.due_on)
    .bind(answers_json(&s.answers)?)
    .bind(&s.contact_email)
    .bind(&s.owner_token_hash)
    .bind(s.case_id)
    .execute(&mut *tx)
    .await
    .map_err(map_err)?;
    sqlx::query("INSERT INTO case_events (case_id, at, kind, to_state, by_applicant) VALUES ($1, $2, $3, $4, TRUE)")
        .bind(s.case_id)
        .bind(at)
        .bind(CaseEventKind::Submitted.code())
        .bind(&s.state)
        .execute(&mut *tx)
        .await
        .map_err(map_err)?;
    super::pulse::count_submission(&mut tx, s.case_id).await?;
    for job in &s.jobs {
        sqlx::query(
            "INSERT INTO jobs (kind, payload, state, attempts, max_attempts, run_at, created_at) VALUES ($1, $2, 'queued', 0, $3, $4, $4)",
        )
        .bind(job.kind.code())
        .bind(&job.payload)
        .bind(job.max_attempts)
        .bind(stored_time(job.run_at)?)
        .execute(&mut *tx)
        .await
        .map_err(map_err)?;
    }
    tx.commit().await.map_err(map_err)?;
    Ok(SubmitOutcome::Submitted { reference })
}

async fn insert_file(conn: &mut PgConnection, file: &NewCaseFile, event_id: Option<i64>) -> StoreResult<CaseFile> {
    let uploaded_at = stored_time(file.uploaded_at)?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO case_files (case_id, field, event_id, name, content_type, size, sha256, uploaded_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
    )
    .bind(file.case_id)
    .bind(&file.field)
    .bind(event_id)
    .bind(&file.name)
    .bind(&file.content_type)
    .bind(file.size)
    .bind(&file.sha256)
    .bind(uploaded_at)
    .fetch_one(&mut *conn)
    .await
    .map_err(map_err)?;
    Ok(CaseFile {
        id,
        case_id: file.case_id,
        field: file.field.clone(),
        event_id,
        name: file.name.clone(),
        content_type: file.content_type.clone(),
        size: file.size,
        sha256: file.sha256.clone(),
        uploaded_at,
    })
}

pub(super) async fn add_case_file(pool: &PgPool, file: &NewCaseFile) -> StoreResult<CaseFile> {
    let mut tx = pool.begin().await.map_err(map_err)?;
    let (state, _) = lock_case(&mut tx, file.case_id).await?;
    must_be_draft(&state)?;
    let stored = insert_file(&mut tx, file, None).await?;
    sqlx::query("UPDATE cases SET updated_at = $1, expiry_warned_at = NULL WHERE id = $2")
        .bind(stored.uploaded_at)
        .bind(file.case_id)
        .execute(&mut *tx)
        .await
        .map_err(map_err)?;
    tx.commit().await.map_err(map_err)?;
    Ok(stored)
}

pub(super) async fn save_draft_page(pool: &PgPool, page: &DraftPage) -> StoreResult<Result<Vec<CaseFile>, PageRefused>> {
    let mut tx = pool.begin().await.map_err(map_err)?;
    // The case's row lock: a second page of the same case waits here until this one commits.
    let (state, _) = lock_case(&mut tx, page.case_id).await?;
    must_be_draft(&state)?;
    // Counted inside the write transaction, so two pages sent at once cannot both pass.
    let counts: Vec<(String, i64)> = sqlx::query_as(
        "SELECT field, COUNT(*) FROM case_files WHERE case_id = $1 AND event_id IS NULL AND field IS NOT NULL GROUP BY field",
    )
    .bind(page.case_id)
    .fetch_all(&mut *tx)
    .await
    .map_err(map_err)?;
    let total: i64 = sqlx::query_scalar("SELECT CAST(COALESCE(SUM(size), 0) AS BIGINT) FROM case_files WHERE case_id = $1")
        .bind(page.case_id)
        .fetch_one(&mut *tx)
        .await
        .map_err(map_err)?;
    if let Some(refused) = page_refusal(page, &counts, total) {
        return Ok(Err(refused));
    }
    let mut stored = Vec::with_capacity(page.files.len());
    for file in &page.files {
        stored.push(insert_file(&mut tx, file, None).await?);
    }
    let files: Vec<(String, i64)> =
        sqlx::query_as("SELECT field, id FROM case_files WHERE case_id = $1 AND event_id IS NULL AND field IS NOT NULL ORDER BY id")
            .bind(page.case_id)
            .fetch_all(&mut *tx)
            .await
            .map_err(map_err)?;
    let answers = with_file_answers(page, &files);
    sqlx::query("UPDATE cases SET answers = $1, updated_at = $2, expiry_warned_at = NULL WHERE id = $3")
        .bind(answers_json(&answers)?)
        .bind(stored_time(page.now)?)
        .bind(page.case_id)
        .execute(&mut *tx)
        .await
        .map_err(map_err)?;
    tx.commit().await.map_err(map_err)?;
    Ok(Ok(stored))
}

pub(super) async fn case_files(pool: &PgPool, case_id: i64) -> StoreResult<Vec<CaseFile>> {
    let rows = sqlx::query(concat!("SELECT ", case_file_columns!(), " FROM case_files WHERE case_id = $1 ORDER BY id"))
        .bind(case_id)
        .fetch_all(pool)
        .await
        .map_err(map_err)?;
    rows.iter().map(file_from_row).collect()
}

pub(super) async fn remove_case_file(pool: &PgPool, case_id: i64, file_id: i64) -> StoreResult<bool> {
    let removed = sqlx::query(
        "DELETE FROM case_files WHERE id = $1 AND case_id = $2 AND event_id IS NULL \
         AND EXISTS (SELECT 1 FROM cases WHERE id = $2 AND state = $3)",
    )
    .bind(file_id)
    .bind(case_id)
    .bind(DRAFT_STATE)
    .execute(pool)
    .await
    .map_err(map_err)?
    .rows_affected();
    Ok(removed == 1)
}

pub(super) async fn unreferenced_files(pool: &PgPool, sha256: &[String]) -> StoreResult<Vec<String>> {
    let used: Vec<String> = sqlx::query_scalar("SELECT DISTINCT sha256 FROM case_files WHERE sha256 = ANY($1)")
        .bind(sha256)
        .fetch_all(pool)
        .await
        .map_err(map_err)?;
    let mut unused: Vec<String> = sha256.iter().filter(|s| !used.contains(s)).cloned().collect();
    unused.dedup();
    Ok(unused)
}

pub(super) async fn record_case_event(pool: &PgPool, event: &NewCaseEvent) -> StoreResult<CaseEvent> {
    let at = stored_time(event.at)?;
    let mut tx = pool.begin().await.map_err(map_err)?;
    let (current, _) = lock_case(&mut tx, event.case_id).await?;
    if let Some((from, to)) = &event.transition {
        if current != *from {
            return Err(StoreError::Conflict(format!("the case is in {current}, not {from}")));
        }
        sqlx::query("UPDATE cases SET state = $1, updated_at = $2 WHERE id = $3")
            .bind(to)
            .bind(at)
            .bind(event.case_id)
            .execute(&mut *tx)
            .await
            .map_err(map_err)?;
    } else {
        sqlx::query("UPDATE cases SET updated_at = $1 WHERE id = $2")
            .bind(at)
            .bind(event.case_id)
            .execute(&mut *tx)
            .await
            .map_err(map_err)?;
    }
    let (from_state, to_state) = match &event.transition {
        Some((from, to)) => (Some(from.clone()), Some(to.clone())),
        None => (None, None),
    };
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO case_events (case_id, at, kind, action, from_state, to_state, by_applicant, actor_account, body, internal, inputs) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id",
    )
    .bind(event.case_id)
    .bind(at)
    .bind(event.kind.code())
    .bind(&event.action)
    .bind(&from_state)
    .bind(&to_state)
    .bind(event.by_applicant)
    .bind(event.actor.map(|a| a.0))
    .bind(&event.body)
    .bind(event.internal)
    .bind(event.inputs.as_ref().map(answers_json).transpose()?)
    .fetch_one(&mut *tx)
    .await
    .map_err(map_err)?;
    if let Some(change) = &event.document {
        super::documents::apply_change(&mut tx, event.case_id, id, event.actor, at, change).await?;
    }
    if let Some(schedule) = &event.schedule {
        super::pulse::schedule_changed(&mut tx, event.case_id, schedule).await?;
        sqlx::query("UPDATE cases SET due_on = $1, paused_at = $2, decided_at = $3 WHERE id = $4")
            .bind(schedule.due_on)
            .bind(schedule.paused_at.map(stored_time).transpose()?)
            .bind(schedule.decided_at.map(stored_time).transpose()?)
            .bind(event.case_id)
            .execute(&mut *tx)
            .await
            .map_err(map_err)?;
    }
    for file in &event.files {
        insert_file(&mut tx, file, Some(id)).await?;
    }
    tx.commit().await.map_err(map_err)?;
    Ok(CaseEvent {
        id,
        case_id: event.case_id,
        at,
        kind: event.kind,
        action: event.action.clone(),
        from_state,
        to_state,
        by_applicant: event.by_applicant,
        actor: event.actor,
        body: event.body.clone(),
        internal: event.internal,
    })
}

pub(super) async fn case_events(pool: &PgPool, case_id: i64) -> StoreResult<Vec<CaseEvent>> {
    let rows = sqlx::query(concat!("SELECT ", case_event_columns!(), " FROM case_events WHERE case_id = $1 ORDER BY id"))
        .bind(case_id)
        .fetch_all(pool)
        .await
        .map_err(map_err)?;
    rows.iter().map(event_from_row).collect()
}

pub(super) async fn drafts_to_warn(pool: &PgPool, updated_before: OffsetDateTime, limit: i64) -> StoreResult<Vec<CaseRecord>> {
    let rows = sqlx::query(concat!(
        "SELECT ",
        case_columns!(),
        " FROM cases WHERE state = $1 AND updated_at < $2 AND expiry_warned_at IS NULL ORDER BY id LIMIT $3"
    ))
    .bind(DRAFT_STATE)
    .bind(stored_time(updated_before)?)
    .bind(limit)
    .fetch_all(pool)
    .await
    .map_err(map_err)?;
    rows.iter().map(case_from_row).collect()
}

pub(super) async fn mark_draft_warned(pool: &PgPool, case_id: i64, at: OffsetDateTime) -> StoreResult<()> {
    sqlx::query("UPDATE cases SET expiry_warned_at = $1 WHERE id = $2 AND state = $3")
        .bind(stored_time(at)?)
        .bind(case_id)
        .bind(DRAFT_STATE)
        .execute(pool)
        .await
        .map_err(map_err)?;
    Ok(())
}

pub(super) async fn purge_drafts(pool: &PgPool, updated_before: OffsetDateTime) -> StoreResult<Vec<String>> {
    let before = stored_time(updated_before)?;
    let mut tx = pool.begin().await.map_err(map_err)?;
    let files: Vec<String> =
        sqlx::query_scalar("SELECT f.sha256 FROM case_files f JOIN cases c ON c.id = f.case_id WHERE c.state = $1 AND c.updated_at < $2")
            .bind(DRAFT_STATE)
            .bind(before)
            .fetch_all(&mut *tx)
            .await
            .map_err(map_err)?;
    sqlx::query("DELETE FROM cases WHERE state = $1 AND updated_at < $2")
        .bind(DRAFT_STATE)
        .bind(before)
        .execute(&mut *tx)
        .await
        .map_err(map_err)?;
    tx.commit().await.map_err(map_err)?;
    Ok(files)
}
