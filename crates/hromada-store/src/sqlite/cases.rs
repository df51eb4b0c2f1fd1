//! Cases on SQLite: drafts, submission by group commit, files, timelines.
//!
//! Submissions go through one task, the *submitter*: it takes every
//! submission waiting at that moment, applies them in one write transaction,
//! commits once (one `fsync` of the WAL for the whole group) and only then
//! answers each caller. With `synchronous=FULL` a commit is the expensive part
//! of a write, so under load the rate of submissions grows with the size of the
//! groups while no one waits longer than one commit and the group before it.
//! Once the commit is shared, the next cost is the statements: each is a round
//! trip to the connection's thread. So a group takes a fixed handful of
//! statements whatever its size (one read of the cases, one counter update per
//! reference prefix and year, one `UPDATE`, one `INSERT`); only if that fails
//! is the group applied again one submission at a time, each in its own
//! savepoint, so that one that fails leaves the others.

use std::collections::{BTreeMap, HashMap};

use hromada_domain::account::AccountId;
use hromada_domain::case::CaseEventKind;
use hromada_domain::definition::Answers;
use sqlx::sqlite::{SqlitePool, SqliteRow};
use sqlx::{Acquire, SqliteConnection};
use time::OffsetDateTime;
use tokio::sync::{mpsc, oneshot};

use super::{BEGIN_WRITE, format_day, format_time, get, get_opt_time, get_time, map_err, parse_day};
use crate::common::{
    answers_from_json, answers_json, case_columns, case_event_columns, case_file_columns, format_reference, parse_case_channel,
    parse_case_lang, parse_event_kind, stored_time,
};
use crate::common::{page_refusal, with_file_answers};
use crate::{
    CaseEvent, CaseFile, CaseRecord, DRAFT_STATE, DraftPage, NewCaseEvent, NewCaseFile, PageRefused, StoreError, StoreResult, Submission,
    SubmitOutcome,
};

/// The most submissions one transaction takes.
const MAX_GROUP: usize = 512;

pub(super) fn case_from_row(row: &SqliteRow) -> StoreResult<CaseRecord> {
    let updated_at = get_opt_time(row, "updated_at")?;
    let created_at = get_time(row, "created_at")?;
    Ok(CaseRecord {
        id: get(row, "id")?,
        community_slug: get(row, "community_slug")?,
        service_slug: get(row, "service_slug")?,
        service_version: get(row, "service_version")?,
        state: get(row, "state")?,
        created_at,
        applicant: get::<Option<i64>>(row, "applicant_account")?.map(AccountId),
        answers: answers_from_json(&get::<String>(row, "answers")?)?,
        updated_at: updated_at.unwrap_or(created_at),
        reference: get(row, "reference")?,
        submitted_at: get_opt_time(row, "submitted_at")?,
        due_on: get::<Option<String>>(row, "due_on")?.as_deref().map(parse_day).transpose()?,
        contact_email: get(row, "contact_email")?,
        lang: parse_case_lang(&get::<String>(row, "lang")?)?,
        owner_token_hash: get(row, "owner_token_hash")?,
        expiry_warned_at: get_opt_time(row, "expiry_warned_at")?,
        assignee: get::<Option<i64>>(row, "assignee")?.map(AccountId),
        paused_at: get_opt_time(row, "paused_at")?,
        decided_at: get_opt_time(row, "decided_at")?,
        channel: parse_case_channel(&get::<String>(row, "channel")?)?,
        assisted_by: get::<Option<i64>>(row, "assisted_by")?.map(AccountId),
        assisted_note: get(row, "assisted_note")?,
    })
}

fn event_from_row(row: &SqliteRow) -> StoreResult<CaseEvent> {
    Ok(CaseEvent {
        id: get(row, "id")?,
        case_id: get(row, "case_id")?,
        at: get_time(row, "at")?,
        kind: parse_event_kind(&get::<String>(row, "kind")?)?,
        action: get(row, "action")?,
        from_state: get(row, "from_state")?,
        to_state: get(row, "to_state")?,
        by_applicant: get::<i64>(row, "by_applicant")? == 1,
        actor: get::<Option<i64>>(row, "actor_account")?.map(AccountId),
        body: get(row, "body")?,
        internal: get::<i64>(row, "internal")? == 1,
    })
}

fn file_from_row(row: &SqliteRow) -> StoreResult<CaseFile> {
    Ok(CaseFile {
        id: get(row, "id")?,
        case_id: get(row, "case_id")?,
        field: get(row, "field")?,
        event_id: get(row, "event_id")?,
        name: get(row, "name")?,
        content_type: get(row, "content_type")?,
        size: get(row, "size")?,
        sha256: get(row, "sha256")?,
        uploaded_at: get_time(row, "uploaded_at")?,
    })
}

/// Which unique column a case is looked up by.
#[derive(Clone, Copy)]
pub(super) enum CaseKey {
    OwnerToken,
    Reference,
}

pub(super) async fn case_where(readers: &SqlitePool, key: CaseKey, value: &str) -> StoreResult<Option<CaseRecord>> {
    let sql = match key {
        CaseKey::OwnerToken => concat!("SELECT ", case_columns!(), " FROM cases WHERE owner_token_hash = ?"),
        CaseKey::Reference => concat!("SELECT ", case_columns!(), " FROM cases WHERE reference = ?"),
    };
    let row = sqlx::query(sql).bind(value).fetch_optional(readers).await.map_err(map_err)?;
    row.as_ref().map(case_from_row).transpose()
}

pub(super) async fn save_draft_answers(writer: &SqlitePool, case_id: i64, answers: &Answers, now: OffsetDateTime) -> StoreResult<()> {
    let json = answers_json(answers)?;
    let mut tx = writer.begin_with(BEGIN_WRITE).await.map_err(map_err)?;
    let state: Option<String> =
        sqlx::query_scalar("SELECT state FROM cases WHERE id = ?").bind(case_id).fetch_optional(&mut *tx).await.map_err(map_err)?;
    match state.as_deref() {
        None => return Err(StoreError::NotFound),
        Some(DRAFT_STATE) => {}
        Some(_) => return Err(StoreError::Conflict("the case is no longer a draft".into())),
    }
    sqlx::query("UPDATE cases SET answers = ?, updated_at = ?, expiry_warned_at = NULL WHERE id = ?")
        .bind(json)
        .bind(format_time(now)?)
        .bind(case_id)
        .execute(&mut *tx)
        .await
        .map_err(map_err)?;
    tx.commit().await.map_err(map_err)
}

pub(super) async fn delete_draft(writer: &SqlitePool, case_id: i64) -> StoreResult<Option<Vec<String>>> {
    let mut tx = writer.begin_with(BEGIN_WRITE).await.map_err(map_err)?;
    let files: Vec<String> =
        sqlx::query_scalar("SELECT f.sha256 FROM case_files f JOIN cases c ON c.id = f.case_id WHERE c.id = ? AND c.state = ?")
            .bind(case_id)
            .bind(DRAFT_STATE)
            .fetch_all(&mut *tx)
            .await
            .map_err(map_err)?;
    let deleted = sqlx::query("DELETE FROM cases WHERE id = ? AND state = ?")
        .bind(case_id)
        .bind(DRAFT_STATE)
        .execute(&mut *tx)
        .await
        .map_err(map_err)?
        .rows_affected();
    tx.commit().await.map_err(map_err)?;
    Ok((deleted == 1).then_some(files))
}

/// One submission waiting for the submitter, with where to send its answer.
pub(super) type SubmitJob = (Submission, oneshot::Sender<StoreResult<SubmitOutcome>>);

/// Start the submitter task; it ends when the store (the last sender) is dropped.
pub(super) fn spawn_submitter(writer: SqlitePool) -> mpsc::UnboundedSender<SubmitJob> {
    let (sender, mut receiver) = mpsc::unbounded_channel::<SubmitJob>();
    tokio::spawn(async move {
        let mut group = Vec::with_capacity(MAX_GROUP);
        while receiver.recv_many(&mut group, MAX_GROUP).await > 0 {
            let jobs = std::mem::take(&mut group);
            let (submissions, replies): (Vec<_>, Vec<_>) = jobs.into_iter().unzip();
            match submit_group(&writer, &submissions).await {
                Ok(outcomes) => {
                    for (reply, outcome) in replies.into_iter().zip(outcomes) {
                        let _ = reply.send(outcome);
                    }
                }
                Err(error) => {
                    tracing::warn!(%error, submissions = submissions.len(), "a group of submissions was not committed");
                    for reply in replies {
                        let _ = reply.send(Err(error.clone()));
                    }
                }
            }
        }
    });
    sender
}

/// Apply every submission in one transaction: all together, or, if that fails,
/// one at a time, each in its own savepoint. The outer error is the commit's
/// (or the transaction's) own: then nothing of the group was stored.
async fn submit_group(writer: &SqlitePool, submissions: &[Submission]) -> StoreResult<Vec<StoreResult<SubmitOutcome>>> {
    let mut tx = writer.begin_with(BEGIN_WRITE).await.map_err(map_err)?;
    let mut together = tx.begin().await.map_err(map_err)?;
    let outcomes = match submit_together(&mut together, submissions).await {
        Ok(outcomes) => {
            together.commit().await.map_err(map_err)?;
            outcomes
        }
        Err(error) => {
            together.rollback().await.map_err(map_err)?;
            tracing::debug!(%error, submissions = submissions.len(), "a group of submissions is applied one at a time");
            let mut outcomes = Vec::with_capacity(submissions.len());
            for submission in submissions {
                let mut savepoint = tx.begin().await.map_err(map_err)?;
                match submit_together(&mut savepoint, std::slice::from_ref(submission)).await {
                    Ok(mut outcome) if outcome.len() == 1 => {
                        savepoint.commit().await.map_err(map_err)?;
                        outcomes.append(&mut outcome);
                    }
                    Ok(_) => return Err(StoreError::Database("a submission got no outcome".into())),
                    Err(error) => {
                        savepoint.rollback().await.map_err(map_err)?;
                        outcomes.push(Err(error));
                    }
                }
            }
            outcomes
        }
    };
    tx.commit().await.map_err(map_err)?;
    Ok(outcomes)
}

/// Submit the group with a fixed number of statements: one read of the cases,
/// one counter update per reference prefix and year, one `UPDATE` of the cases
/// and one `INSERT` of their events. Each submission gets what it would get
/// alone, in the order of the group: the next reference number, or
/// `AlreadySubmitted` (also for a draft that comes twice in one group),
/// `NotFound` or `Conflict`. An error is the whole group's: the caller rolls
/// back to before it.
async fn submit_together(conn: &mut SqliteConnection, submissions: &[Submission]) -> StoreResult<Vec<StoreResult<SubmitOutcome>>> {
    let json_err = |e: serde_json::Error| StoreError::Database(format!("cannot encode submissions: {e}"));
    let ids = serde_json::to_string(&submissions.iter().map(|s| s.case_id).collect::<Vec<_>>()).map_err(json_err)?;
    let found: HashMap<i64, (String, Option<String>)> = sqlx::query_as::<_, (i64, String, Option<String>)>(
        "SELECT id, state, reference FROM cases WHERE id IN (SELECT value FROM json_each(?))",
    )
    .bind(ids)
    .fetch_all(&mut *conn)
    .await
    .map_err(map_err)?
    .into_iter()
    .map(|(id, state, reference)| (id, (state, reference)))
    .collect();

    // What each submission gets; `None` for those submitted now, whose references come next.
    let mut outcomes: Vec<Option<StoreResult<SubmitOutcome>>> = Vec::with_capacity(submissions.len());
    let mut submitting: HashMap<i64, usize> = HashMap::new();
    let mut repeats: Vec<(usize, usize)> = Vec::new();
    let mut by_counter: BTreeMap<(&str, i32), Vec<usize>> = BTreeMap::new();
    for (i, s) in submissions.iter().enumerate() {
        outcomes.push(match found.get(&s.case_id) {
            None => Some(Err(StoreError::NotFound)),
            Some((_, Some(reference))) => Some(Ok(SubmitOutcome::AlreadySubmitted { reference: reference.clone() })),
            Some((state, None)) if state != DRAFT_STATE => {
                Some(Err(StoreError::Conflict("the case is neither a draft nor submitted".into())))
            }
            Some(_) => {
                if let Some(&first) = submitting.get(&s.case_id) {
                    // The same draft twice in one group (a double click): the second finds it submitted.
                    repeats.push((i, first));
                } else {
                    submitting.insert(s.case_id, i);
                    by_counter.entry((s.community_code.as_str(), s.year)).or_default().push(i);
                }
                None
            }
        });
    }
    if submitting.is_empty() {
        return Ok(outcomes.into_iter().flatten().collect());
    }

    let mut references: Vec<Option<String>> = vec![None; submissions.len()];
    for ((code, year), members) in &by_counter {
        let count = i64::try_from(members.len()).map_err(|e| StoreError::Database(e.to_string()))?;
        let last: i64 = sqlx::query_scalar(
            "INSERT INTO reference_counters (community_code, year, last) VALUES (?, ?, ?) \
             ON CONFLICT (community_code, year) DO UPDATE SET last = last + excluded.last RETURNING last",
        )
        .bind(*code)
        .bind(*year)
        .bind(count)
        .fetch_one(&mut *conn)
        .await
        .map_err(map_err)?;
        for (seq, &i) in (last - count + 1..).zip(members) {
            references[i] = Some(format_reference(code, *year, seq));
        }
    }

    // The new values of every case submitted now, as one JSON array for both statements.
    let mut rows = Vec::with_capacity(submitting.len());
    for (s, reference) in submissions.iter().zip(&references) {
        let Some(reference) = reference else { continue };
        rows.push(serde_json::json!({
            "id": s.case_id,
            "state": s.state,
            "reference": reference,
            "at": format_time(s.at)?,
            "due_on": s.due_on.map(format_day).transpose()?,
            "answers": answers_json(&s.answers)?,
            "contact_email": s.contact_email,
            "owner_token_hash": s.owner_token_hash,
        }));
    }
    let expected = u64::try_from(rows.len()).map_err(|e| StoreError::Database(e.to_string()))?;
    let rows = serde_json::to_string(&rows).map_err(json_err)?;
    let updated = sqlx::query(
        "UPDATE cases SET state = j.state, reference = j.reference, submitted_at = j.at, updated_at = j.at, \
           due_on = j.due_on, answers = j.answers, contact_email = COALESCE(j.contact_email, cases.contact_email), \
           owner_token_hash = COALESCE(j.owner_token_hash, cases.owner_token_hash) \
         FROM (SELECT json_extract(value, '$.id') AS id, json_extract(value, '$.state') AS state, \
                 json_extract(value, '$.reference') AS reference, json_extract(value, '$.at') AS at, \
                 json_extract(value, '$.due_on') AS due_on, json_extract(value, '$.answers') AS answers, \
                 json_extract(value, '$.contact_email') AS contact_email, \
                 json_extract(value, '$.owner_token_hash') AS owner_token_hash \
               FROM json_each(?)) AS j \
         WHERE cases.id = j.id",
    )
    .bind(&rows)
    .execute(&mut *conn)
    .await
    .map_err(map_err)?
    .rows_affected();
    let inserted = sqlx::query(
        "INSERT INTO case_events (case_id, at, kind, to_state, by_applicant) \
         SELECT json_extract(value, '$.id'), json_extract(value, '$.at'), ?, json_extract(value, '$.state'), 1 \
         FROM json_each(?) ORDER BY key",
    )
    .bind(CaseEventKind::Submitted.code())
    .bind(&rows)
    .execute(&mut *conn)
    .await
    .map_err(map_err)?
    .rows_affected();
    if updated != expected || inserted != expected {
        return Err(StoreError::Database(format!("{expected} submissions updated {updated} cases and wrote {inserted} events")));
    }
    // The jobs of the submissions made now (their letters), in one statement.
    let mut jobs = Vec::new();
    for (s, reference) in submissions.iter().zip(&references) {
        if reference.is_some() {
            for job in &s.jobs {
                jobs.push(serde_json::json!({"kind": job.kind.code(), "payload": job.payload, "run_at": format_time(job.run_at)?, "max_attempts": job.max_attempts}));
            }
        }
    }
    if !jobs.is_empty() {
        sqlx::query(
            "INSERT INTO jobs (kind, payload, state, attempts, max_attempts, run_at, created_at) \
             SELECT json_extract(value, '$.kind'), json_extract(value, '$.payload'), 'queued', 0, \
                    json_extract(value, '$.max_attempts'), json_extract(value, '$.run_at'), json_extract(value, '$.run_at') \
             FROM json_each(?) ORDER BY key",
        )
        .bind(serde_json::to_string(&jobs).map_err(json_err)?)
        .execute(&mut *conn)
        .await
        .map_err(map_err)?;
    }
    // The pulse's roll-ups (see `pulse.rs`): a fixed handful of statements for the group too.
    let submitted: Vec<i64> = submissions.iter().zip(&references).filter(|(_, r)| r.is_some()).map(|(s, _)| s.case_id).collect();
    super::pulse::count_submissions(conn, &submitted).await?;

    for (i, first) in repeats {
        outcomes[i] = references[first].clone().map(|reference| Ok(SubmitOutcome::AlreadySubmitted { reference }));
    }
    outcomes
        .into_iter()
        .zip(references)
        .map(|(outcome, reference)| match (outcome, reference) {
            (Some(outcome), _) => Ok(outcome),
            (None, Some(reference)) => Ok(Ok(SubmitOutcome::Submitted { reference })),
            (None, None) => Err(StoreError::Database("a submission got no outcome".into())),
        })
        .collect()
}

async fn insert_file(conn: &mut SqliteConnection, file: &NewCaseFile, event_id: Option<i64>) -> StoreResult<CaseFile> {
    let uploaded_at = stored_time(file.uploaded_at)?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO case_files (case_id, field, event_id, name, content_type, size, sha256, uploaded_at) \
         VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
    )
    .bind(file.case_id)
    .bind(&file.field)
    .bind(event_id)
    .bind(&file.name)
    .bind(&file.content_type)
    .bind(file.size)
    .bind(&file.sha256)
    .bind(format_time(uploaded_at)?)
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

pub(super) async fn add_case_file(writer: &SqlitePool, file: &NewCaseFile) -> StoreResult<CaseFile> {
    let mut tx = writer.begin_with(BEGIN_WRITE).await.map_err(map_err)?;
    let state: Option<String> =
        sqlx::query_scalar("SELECT state FROM cases WHERE id = ?").bind(file.case_id).fetch_optional(&mut *tx).await.map_err(map_err)?;
    match state.as_deref() {
        None => return Err(StoreError::NotFound),
        Some(DRAFT_STATE) => {}
        Some(_) => return Err(StoreError::Conflict("the case is no longer a draft".into())),
    }
    let stored = insert_file(&mut tx, file, None).await?;
    sqlx::query("UPDATE cases SET updated_at = ?, expiry_warned_at = NULL WHERE id = ?")
        .bind(format_time(stored.uploaded_at)?)
        .bind(file.case_id)
        .execute(&mut *tx)
        .await
        .map_err(map_err)?;
    tx.commit().await.map_err(map_err)?;
    Ok(stored)
}

pub(super) async fn save_draft_page(writer: &SqlitePool, page: &DraftPage) -> StoreResult<Result<Vec<CaseFile>, PageRefused>> {
    let mut tx = writer.begin_with(BEGIN_WRITE).await.map_err(map_err)?;
    let state: Option<String> =
        sqlx::query_scalar("SELECT state FROM cases WHERE id = ?").bind(page.case_id).fetch_optional(&mut *tx).await.map_err(map_err)?;
    match state.as_deref() {
        None => return Err(StoreError::NotFound),
        Some(DRAFT_STATE) => {}
        Some(_) => return Err(StoreError::Conflict("the case is no longer a draft".into())),
    }
    // Counted inside the write transaction, so two pages sent at once cannot both pass.
    let counts: Vec<(String, i64)> = sqlx::query_as(
        "SELECT field, COUNT(*) FROM case_files WHERE case_id = ? AND event_id IS NULL AND field IS NOT NULL GROUP BY field",
    )
    .bind(page.case_id)
    .fetch_all(&mut *tx)
    .await
    .map_err(map_err)?;
    let total: i64 = sqlx::query_scalar("SELECT CAST(COALESCE(SUM(size), 0) AS BIGINT) FROM case_files WHERE case_id = ?")
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
        sqlx::query_as("SELECT field, id FROM case_files WHERE case_id = ? AND event_id IS NULL AND field IS NOT NULL ORDER BY id")
            .bind(page.case_id)
            .fetch_all(&mut *tx)
            .await
            .map_err(map_err)?;
    let answers = with_file_answers(page, &files);
    sqlx::query("UPDATE cases SET answers = ?, updated_at = ?, expiry_warned_at = NULL WHERE id = ?")
        .bind(answers_json(&answers)?)
        .bind(format_time(stored_time(page.now)?)?)
        .bind(page.case_id)
        .execute(&mut *tx)
        .await
        .map_err(map_err)?;
    tx.commit().await.map_err(map_err)?;
    Ok(Ok(stored))
}

pub(super) async fn case_files(readers: &SqlitePool, case_id: i64) -> StoreResult<Vec<CaseFile>> {
    let rows = sqlx::query(concat!("SELECT ", case_file_columns!(), " FROM case_files WHERE case_id = ? ORDER BY id"))
        .bind(case_id)
        .fetch_all(readers)
        .await
        .map_err(map_err)?;
    rows.iter().map(file_from_row).collect()
}

pub(super) async fn remove_case_file(writer: &SqlitePool, case_id: i64, file_id: i64) -> StoreResult<bool> {
    let removed = sqlx::query(
        "DELETE FROM case_files WHERE id = ? AND case_id = ? AND event_id IS NULL \
         AND EXISTS (SELECT 1 FROM cases WHERE id = ? AND state = ?)",
    )
    .bind(file_id)
    .bind(case_id)
    .bind(case_id)
    .bind(DRAFT_STATE)
    .execute(writer)
    .await
    .map_err(map_err)?
    .rows_affected();
    Ok(removed == 1)
}

pub(super) async fn unreferenced_files(readers: &SqlitePool, sha256: &[String]) -> StoreResult<Vec<String>> {
    let mut unused = Vec::new();
    for sha in sha256 {
        let used: Option<i64> = sqlx::query_scalar("SELECT 1 FROM case_files WHERE sha256 = ? LIMIT 1")
            .bind(sha)
            .fetch_optional(readers)
            .await
            .map_err(map_err)?;
        if used.is_none() && !unused.contains(sha) {
            unused.push(sha.clone());
        }
    }
    Ok(unused)
}

pub(super) async fn record_case_event(writer: &SqlitePool, event: &NewCaseEvent) -> StoreResult<CaseEvent> {
    let at = stored_time(event.at)?;
    let at_text = format_time(at)?;
    let mut tx = writer.begin_with(BEGIN_WRITE).await.map_err(map_err)?;
    let exists: Option<String> =
        sqlx::query_scalar("SELECT state FROM cases WHERE id = ?").bind(event.case_id).fetch_optional(&mut *tx).await.map_err(map_err)?;
    let Some(current) = exists else { return Err(StoreError::NotFound) };
    if let Some((from, to)) = &event.transition {
        if current != *from {
            return Err(StoreError::Conflict(format!("the case is in {current}, not {from}")));
        }
        sqlx::query("UPDATE cases SET state = ?, updated_at = ? WHERE id = ? AND state = ?")
            .bind(to)
            .bind(&at_text)
            .bind(event.case_id)
            .bind(from)
            .execute(&mut *tx)
            .await
            .map_err(map_err)?;
    } else {
        sqlx::query("UPDATE cases SET updated_at = ? WHERE id = ?")
            .bind(&at_text)
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
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
    )
    .bind(event.case_id)
    .bind(&at_text)
    .bind(event.kind.code())
    .bind(&event.action)
    .bind(&from_state)
    .bind(&to_state)
    .bind(i64::from(event.by_applicant))
    .bind(event.actor.map(|a| a.0))
    .bind(&event.body)
    .bind(i64::from(event.internal))
    .bind(event.inputs.as_ref().map(answers_json).transpose()?)
    .fetch_one(&mut *tx)
    .await
    .map_err(map_err)?;
    if let Some(change) = &event.document {
        super::documents::apply_change(&mut tx, event.case_id, id, event.actor, at, change).await?;
    }
    if let Some(schedule) = &event.schedule {
        super::pulse::schedule_changed(&mut tx, event.case_id, schedule).await?;
        sqlx::query("UPDATE cases SET due_on = ?, paused_at = ?, decided_at = ? WHERE id = ?")
            .bind(schedule.due_on.map(format_day).transpose()?)
            .bind(schedule.paused_at.map(format_time).transpose()?)
            .bind(schedule.decided_at.map(format_time).transpose()?)
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

pub(super) async fn case_events(readers: &SqlitePool, case_id: i64) -> StoreResult<Vec<CaseEvent>> {
    let rows = sqlx::query(concat!("SELECT ", case_event_columns!(), " FROM case_events WHERE case_id = ? ORDER BY id"))
        .bind(case_id)
        .fetch_all(readers)
        .await
        .map_err(map_err)?;
    rows.iter().map(event_from_row).collect()
}

pub(super) async fn drafts_to_warn(readers: &SqlitePool, updated_before: OffsetDateTime, limit: i64) -> StoreResult<Vec<CaseRecord>> {
    let rows = sqlx::query(concat!(
        "SELECT ",
        case_columns!(),
        " FROM cases WHERE state = ? AND updated_at < ? AND expiry_warned_at IS NULL ORDER BY id LIMIT ?"
    ))
    .bind(DRAFT_STATE)
    .bind(format_time(updated_before)?)
    .bind(limit)
    .fetch_all(readers)
    .await
    .map_err(map_err)?;
    rows.iter().map(case_from_row).collect()
}

pub(super) async fn mark_draft_warned(writer: &SqlitePool, case_id: i64, at: OffsetDateTime) -> StoreResult<()> {
    sqlx::query("UPDATE cases SET expiry_warned_at = ? WHERE id = ? AND state = ?")
        .bind(format_time(at)?)
        .bind(case_id)
        .bind(DRAFT_STATE)
        .execute(writer)
        .await
        .map_err(map_err)?;
    Ok(())
}

pub(super) async fn purge_drafts(writer: &SqlitePool, updated_before: OffsetDateTime) -> StoreResult<Vec<String>> {
    let before = format_time(updated_before)?;
    let mut tx = writer.begin_with(BEGIN_WRITE).await.map_err(map_err)?;
    let files: Vec<String> =
        sqlx::query_scalar("SELECT f.sha256 FROM case_files f JOIN cases c ON c.id = f.case_id WHERE c.state = ? AND c.updated_at < ?")
            .bind(DRAFT_STATE)
            .bind(&before)
            .fetch_all(&mut *tx)
            .await
            .map_err(map_err)?;
    sqlx::query("DELETE FROM cases WHERE state = ? AND updated_at < ?")
        .bind(DRAFT_STATE)
        .bind(&before)
        .execute(&mut *tx)
        .await
        .map_err(map_err)?;
    tx.commit().await.map_err(map_err)?;
    Ok(files)
}
