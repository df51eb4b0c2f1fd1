//! The back-office on SQLite: work queues, workload, assignment, reminders,
//! claim codes, the job queue, in-app notices and the survey.
//!
//! Lists of communities travel as one JSON array parameter (`json_each`), so
//! every statement is a fixed string.

use std::time::Duration;

use hromada_domain::account::AccountId;
use hromada_domain::job::{JobKind, JobState};
use sqlx::Row;
use sqlx::sqlite::SqlitePool;
use time::{Date, OffsetDateTime};

use super::cases::case_from_row;
use super::{BEGIN_WRITE, format_day, format_time, get, get_opt_time, get_time, map_err};
use crate::common::{case_columns, parse_job_state, stored_time, unknown_job_kind};
use crate::{AssigneeFilter, CaseQuery, CaseRecord, Job, NewJob, Notification, QueuePage, QueueSort, StoreError, StoreResult, Workload};

macro_rules! queue_where {
    () => {
        " FROM cases WHERE state <> 'draft' \
          AND community_slug IN (SELECT value FROM json_each(?1)) \
          AND (?2 IS NULL OR service_slug = ?2) \
          AND (?3 IS NULL OR state = ?3) \
          AND (?4 = 0 OR (?4 = 1 AND assignee IS NULL) OR (?4 = 2 AND assignee = ?5)) \
          AND (?6 = 0 OR decided_at IS NULL) \
          AND (?7 IS NULL OR (due_on < ?7 AND paused_at IS NULL AND decided_at IS NULL)) \
          AND (?8 IS NULL OR (due_on <= ?8 AND paused_at IS NULL AND decided_at IS NULL))"
    };
}

fn json_list(items: &[String]) -> StoreResult<String> {
    serde_json::to_string(items).map_err(|e| StoreError::Database(format!("cannot encode a list: {e}")))
}

pub(super) async fn case_queue(readers: &SqlitePool, q: &CaseQuery) -> StoreResult<QueuePage> {
    let communities = json_list(&q.communities)?;
    let (mode, account) = match q.assignee {
        AssigneeFilter::Anyone => (0i64, None),
        AssigneeFilter::Unassigned => (1, None),
        AssigneeFilter::Account(a) => (2, Some(a.0)),
    };
    let due_before = q.due_before.map(format_day).transpose()?;
    let due_by = q.due_by.map(format_day).transpose()?;
    let sql = match q.sort {
        QueueSort::DueDate => {
            concat!("SELECT ", case_columns!(), queue_where!(), " ORDER BY due_on IS NULL, due_on, submitted_at, id LIMIT ?9 OFFSET ?10")
        }
        QueueSort::Newest => {
            concat!("SELECT ", case_columns!(), queue_where!(), " ORDER BY submitted_at DESC, id DESC LIMIT ?9 OFFSET ?10")
        }
        QueueSort::Oldest => concat!("SELECT ", case_columns!(), queue_where!(), " ORDER BY submitted_at, id LIMIT ?9 OFFSET ?10"),
    };
    let rows = sqlx::query(sql)
        .bind(&communities)
        .bind(&q.service)
        .bind(&q.state)
        .bind(mode)
        .bind(account)
        .bind(i64::from(q.open_only))
        .bind(&due_before)
        .bind(&due_by)
        .bind(q.limit.clamp(1, 500))
        .bind(q.offset.max(0))
        .fetch_all(readers)
        .await
        .map_err(map_err)?;
    let total: i64 = sqlx::query_scalar(concat!("SELECT COUNT(*)", queue_where!()))
        .bind(&communities)
        .bind(&q.service)
        .bind(&q.state)
        .bind(mode)
        .bind(account)
        .bind(i64::from(q.open_only))
        .bind(&due_before)
        .bind(&due_by)
        .fetch_one(readers)
        .await
        .map_err(map_err)?;
    Ok(QueuePage { cases: rows.iter().map(case_from_row).collect::<StoreResult<_>>()?, total })
}

pub(super) async fn workload(readers: &SqlitePool, communities: &[String], today: Date) -> StoreResult<Vec<Workload>> {
    let rows = sqlx::query(
        "SELECT community_slug, service_slug, assignee, COUNT(*) AS open, \
         SUM(CASE WHEN due_on < ?2 AND paused_at IS NULL THEN 1 ELSE 0 END) AS overdue \
         FROM cases WHERE state <> 'draft' AND decided_at IS NULL AND community_slug IN (SELECT value FROM json_each(?1)) \
         GROUP BY community_slug, service_slug, assignee ORDER BY community_slug, service_slug, assignee",
    )
    .bind(json_list(communities)?)
    .bind(format_day(today)?)
    .fetch_all(readers)
    .await
    .map_err(map_err)?;
    rows.iter()
        .map(|r| {
            Ok(Workload {
                community_slug: get(r, "community_slug")?,
                service_slug: get(r, "service_slug")?,
                assignee: get::<Option<i64>>(r, "assignee")?.map(AccountId),
                open: get(r, "open")?,
                overdue: get(r, "overdue")?,
            })
        })
        .collect()
}

pub(super) async fn assign_cases(
    writer: &SqlitePool,
    ids: &[i64],
    assignee: Option<AccountId>,
    only_unassigned: bool,
    now: OffsetDateTime,
) -> StoreResult<u64> {
    let mut tx = writer.begin_with(BEGIN_WRITE).await.map_err(map_err)?;
    let mut changed = 0;
    for id in ids {
        changed += sqlx::query(
            "UPDATE cases SET assignee = ?1, updated_at = ?2 WHERE id = ?3 AND state <> 'draft' AND decided_at IS NULL \
             AND (?4 = 0 OR assignee IS NULL)",
        )
        .bind(assignee.map(|a| a.0))
        .bind(format_time(now)?)
        .bind(id)
        .bind(i64::from(only_unassigned))
        .execute(&mut *tx)
        .await
        .map_err(map_err)?
        .rows_affected();
    }
    tx.commit().await.map_err(map_err)?;
    Ok(changed)
}

pub(super) async fn cases_due_between(readers: &SqlitePool, from: Date, to: Date) -> StoreResult<Vec<CaseRecord>> {
    let rows = sqlx::query(concat!(
        "SELECT ",
        case_columns!(),
        " FROM cases WHERE state <> 'draft' AND decided_at IS NULL AND paused_at IS NULL AND due_on BETWEEN ? AND ? ORDER BY due_on, id"
    ))
    .bind(format_day(from)?)
    .bind(format_day(to)?)
    .fetch_all(readers)
    .await
    .map_err(map_err)?;
    rows.iter().map(case_from_row).collect()
}

pub(super) async fn set_claim_code(writer: &SqlitePool, case_id: i64, code_hash: &str) -> StoreResult<()> {
    let changed = sqlx::query("UPDATE cases SET claim_code_hash = ? WHERE id = ?")
        .bind(code_hash)
        .bind(case_id)
        .execute(writer)
        .await
        .map_err(map_err)?
        .rows_affected();
    if changed == 0 { Err(StoreError::NotFound) } else { Ok(()) }
}

pub(super) async fn claim_case(writer: &SqlitePool, code_hash: &str, account: AccountId, now: OffsetDateTime) -> StoreResult<Option<i64>> {
    sqlx::query_scalar(
        "UPDATE cases SET applicant_account = ?, claim_code_hash = NULL, updated_at = ? \
         WHERE claim_code_hash = ? AND applicant_account IS NULL RETURNING id",
    )
    .bind(account.0)
    .bind(format_time(now)?)
    .bind(code_hash)
    .fetch_optional(writer)
    .await
    .map_err(map_err)
}

pub(super) async fn enqueue_job(writer: &SqlitePool, job: &NewJob) -> StoreResult<i64> {
    // A job is made when it is first due: `created_at` is its first `run_at`.
    let first_due = format_time(job.run_at)?;
    sqlx::query_scalar(
        "INSERT INTO jobs (kind, payload, state, attempts, max_attempts, run_at, created_at) \
         VALUES (?, ?, 'queued', 0, ?, ?, ?) RETURNING id",
    )
    .bind(job.kind.code())
    .bind(&job.payload)
    .bind(job.max_attempts)
    .bind(&first_due)
    .bind(&first_due)
    .fetch_one(writer)
    .await
    .map_err(map_err)
}

pub(super) async fn claim_jobs(
    writer: &SqlitePool,
    now: OffsetDateTime,
    lease: Duration,
    limit: i64,
    worker: &str,
) -> StoreResult<Vec<Job>> {
    let lease_end = now + lease;
    let rows = sqlx::query(
        "UPDATE jobs SET state = 'running', attempts = attempts + 1, locked_until = ?1, locked_by = ?4 \
         WHERE id IN (SELECT id FROM jobs WHERE (state = 'queued' AND run_at <= ?2) OR (state = 'running' AND locked_until < ?2) \
                      ORDER BY run_at, id LIMIT ?3) \
         RETURNING id, kind, payload, attempts, max_attempts, created_at",
    )
    .bind(format_time(lease_end)?)
    .bind(format_time(now)?)
    .bind(limit.max(1))
    .bind(worker)
    .fetch_all(writer)
    .await
    .map_err(map_err)?;
    let mut jobs = Vec::with_capacity(rows.len());
    for r in &rows {
        let id: i64 = r.try_get("id").map_err(map_err)?;
        let kind: String = r.try_get("kind").map_err(map_err)?;
        let Some(kind) = JobKind::parse(&kind) else {
            // No worker could run it: it dies here (as a worker would fail it)
            // and the others are handed out. Should recording that fail, the
            // lease ends and a later claim tries again.
            let _ = fail_job(writer, id, &unknown_job_kind(&kind), None).await;
            continue;
        };
        jobs.push(Job {
            id,
            kind,
            payload: r.try_get("payload").map_err(map_err)?,
            attempts: r.try_get::<i64, _>("attempts").map_err(map_err)? as i32,
            max_attempts: r.try_get::<i64, _>("max_attempts").map_err(map_err)? as i32,
            created_at: get_time(r, "created_at")?,
        });
    }
    jobs.sort_by_key(|j| j.id);
    Ok(jobs)
}

pub(super) async fn take_back_jobs(writer: &SqlitePool, worker: &str) -> StoreResult<u64> {
    let done =
        sqlx::query("UPDATE jobs SET state = 'queued', locked_until = NULL, locked_by = NULL WHERE state = 'running' AND locked_by = ?")
            .bind(worker)
            .execute(writer)
            .await
            .map_err(map_err)?;
    Ok(done.rows_affected())
}

pub(super) async fn finish_job(writer: &SqlitePool, id: i64, now: OffsetDateTime) -> StoreResult<()> {
    sqlx::query("UPDATE jobs SET state = 'done', payload = '{}', done_at = ?, locked_until = NULL WHERE id = ?")
        .bind(format_time(now)?)
        .bind(id)
        .execute(writer)
        .await
        .map_err(map_err)?;
    Ok(())
}

pub(super) async fn fail_job(writer: &SqlitePool, id: i64, error: &str, retry_at: Option<OffsetDateTime>) -> StoreResult<()> {
    let error: String = error.chars().take(1000).collect();
    match retry_at {
        Some(at) => sqlx::query("UPDATE jobs SET state = 'queued', run_at = ?, last_error = ?, locked_until = NULL WHERE id = ?")
            .bind(format_time(at)?)
            .bind(error)
            .bind(id)
            .execute(writer)
            .await
            .map_err(map_err)?,
        None => sqlx::query("UPDATE jobs SET state = 'dead', payload = '{}', last_error = ?, locked_until = NULL WHERE id = ?")
            .bind(error)
            .bind(id)
            .execute(writer)
            .await
            .map_err(map_err)?,
    };
    Ok(())
}

pub(super) async fn job_counts(readers: &SqlitePool) -> StoreResult<Vec<(JobState, i64)>> {
    let counts: Vec<(String, i64)> =
        sqlx::query_as("SELECT state, COUNT(*) FROM jobs GROUP BY state ORDER BY state").fetch_all(readers).await.map_err(map_err)?;
    counts.into_iter().map(|(state, n)| Ok((parse_job_state(&state)?, n))).collect()
}

pub(super) async fn add_notification(
    writer: &SqlitePool,
    account: AccountId,
    case_id: Option<i64>,
    at: OffsetDateTime,
    title: &str,
    body: &str,
) -> StoreResult<i64> {
    sqlx::query_scalar("INSERT INTO notifications (account_id, case_id, at, title, body) VALUES (?, ?, ?, ?, ?) RETURNING id")
        .bind(account.0)
        .bind(case_id)
        .bind(format_time(at)?)
        .bind(title)
        .bind(body)
        .fetch_one(writer)
        .await
        .map_err(map_err)
}

pub(super) async fn notifications_of(readers: &SqlitePool, account: AccountId, limit: i64) -> StoreResult<Vec<Notification>> {
    let rows = sqlx::query(
        "SELECT id, account_id, case_id, at, title, body, read_at FROM notifications WHERE account_id = ? ORDER BY id DESC LIMIT ?",
    )
    .bind(account.0)
    .bind(limit.max(1))
    .fetch_all(readers)
    .await
    .map_err(map_err)?;
    rows.iter()
        .map(|r| {
            Ok(Notification {
                id: get(r, "id")?,
                account: AccountId(get(r, "account_id")?),
                case_id: get(r, "case_id")?,
                at: get_time(r, "at")?,
                title: get(r, "title")?,
                body: get(r, "body")?,
                read_at: get_opt_time(r, "read_at")?,
            })
        })
        .collect()
}

pub(super) async fn mark_notifications_read(writer: &SqlitePool, account: AccountId, now: OffsetDateTime) -> StoreResult<u64> {
    Ok(sqlx::query("UPDATE notifications SET read_at = ? WHERE account_id = ? AND read_at IS NULL")
        .bind(format_time(now)?)
        .bind(account.0)
        .execute(writer)
        .await
        .map_err(map_err)?
        .rows_affected())
}

pub(super) async fn put_satisfaction(
    writer: &SqlitePool,
    case_id: i64,
    score: u8,
    comment: Option<&str>,
    at: OffsetDateTime,
) -> StoreResult<bool> {
    let mut tx = writer.begin_with(BEGIN_WRITE).await.map_err(map_err)?;
    let inserted =
        sqlx::query("INSERT INTO satisfaction (case_id, score, comment, at) VALUES (?, ?, ?, ?) ON CONFLICT (case_id) DO NOTHING")
            .bind(case_id)
            .bind(i64::from(score))
            .bind(comment)
            .bind(format_time(stored_time(at)?)?)
            .execute(&mut *tx)
            .await
            .map_err(map_err)?
            .rows_affected();
    if inserted == 1 {
        super::pulse::count_answer(&mut tx, case_id, score, stored_time(at)?).await?;
    }
    tx.commit().await.map_err(map_err)?;
    Ok(inserted == 1)
}

pub(super) async fn satisfaction(readers: &SqlitePool, case_id: i64) -> StoreResult<Option<(u8, Option<String>, OffsetDateTime)>> {
    let row = sqlx::query("SELECT score, comment, at FROM satisfaction WHERE case_id = ?")
        .bind(case_id)
        .fetch_optional(readers)
        .await
        .map_err(map_err)?;
    row.map(|r| Ok((get::<i64>(&r, "score")? as u8, get(&r, "comment")?, get_time(&r, "at")?))).transpose()
}

pub(super) async fn staff_of_community(
    readers: &SqlitePool,
    community: &str,
) -> StoreResult<Vec<(AccountId, String, String, hromada_domain::account::Role)>> {
    let rows = sqlx::query(
        "SELECT a.id, a.display_name, a.email, g.role FROM role_grants g JOIN accounts a ON a.id = g.account_id \
         WHERE g.community_slug = ? AND a.deleted_at IS NULL ORDER BY a.display_name, a.id, g.role",
    )
    .bind(community)
    .fetch_all(readers)
    .await
    .map_err(map_err)?;
    rows.iter()
        .map(|r| {
            Ok((
                AccountId(get(r, "id")?),
                get(r, "display_name")?,
                get(r, "email")?,
                crate::common::parse_role(&get::<String>(r, "role")?)?,
            ))
        })
        .collect()
}

pub(super) async fn non_working_days_noted(readers: &SqlitePool) -> StoreResult<Vec<(Date, String)>> {
    let rows: Vec<(String, String)> =
        sqlx::query_as("SELECT day, note FROM non_working_days ORDER BY day").fetch_all(readers).await.map_err(map_err)?;
    rows.into_iter().map(|(d, n)| Ok((super::parse_day(&d)?, n))).collect()
}

pub(super) async fn delete_non_working_day(writer: &SqlitePool, day: Date) -> StoreResult<bool> {
    Ok(sqlx::query("DELETE FROM non_working_days WHERE day = ?")
        .bind(format_day(day)?)
        .execute(writer)
        .await
        .map_err(map_err)?
        .rows_affected()
        == 1)
}

pub(super) async fn drafts_assisted_by(readers: &SqlitePool, operator: AccountId) -> StoreResult<Vec<CaseRecord>> {
    let rows = sqlx::query(concat!(
        "SELECT ",
        case_columns!(),
        " FROM cases WHERE assisted_by = ? AND state = 'draft' ORDER BY updated_at DESC, id DESC"
    ))
    .bind(operator.0)
    .fetch_all(readers)
    .await
    .map_err(map_err)?;
    rows.iter().map(case_from_row).collect()
}
