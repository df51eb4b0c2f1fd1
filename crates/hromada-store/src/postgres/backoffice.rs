//! The back-office on PostgreSQL: work queues, workload, assignment,
//! reminders, claim codes, the job queue (`FOR UPDATE SKIP LOCKED`, so
//! several servers share it and each job runs once at a time), in-app
//! notices and the survey.

use std::time::Duration;

use hromada_domain::account::AccountId;
use hromada_domain::job::{JobKind, JobState};
use sqlx::Row;
use sqlx::postgres::PgPool;
use time::{Date, OffsetDateTime};

use super::cases::case_from_row;
use super::map_err;
use crate::common::{case_columns, parse_job_state, stored_time, unknown_job_kind};
use crate::{AssigneeFilter, CaseQuery, CaseRecord, Job, NewJob, Notification, QueuePage, QueueSort, StoreError, StoreResult, Workload};

macro_rules! queue_where {
    () => {
        " FROM cases WHERE state <> 'draft' \
          AND community_slug = ANY($1) \
          AND ($2::TEXT IS NULL OR service_slug = $2) \
          AND ($3::TEXT IS NULL OR state = $3) \
          AND ($4 = 0 OR ($4 = 1 AND assignee IS NULL) OR ($4 = 2 AND assignee = $5)) \
          AND (NOT $6 OR decided_at IS NULL) \
          AND ($7::DATE IS NULL OR (due_on < $7 AND paused_at IS NULL AND decided_at IS NULL)) \
          AND ($8::DATE IS NULL OR (due_on <= $8 AND paused_at IS NULL AND decided_at IS NULL))"
    };
}

pub(super) async fn case_queue(pool: &PgPool, q: &CaseQuery) -> StoreResult<QueuePage> {
    let (mode, account) = match q.assignee {
        AssigneeFilter::Anyone => (0i32, None),
        AssigneeFilter::Unassigned => (1, None),
        AssigneeFilter::Account(a) => (2, Some(a.0)),
    };
    let sql = match q.sort {
        QueueSort::DueDate => {
            concat!("SELECT ", case_columns!(), queue_where!(), " ORDER BY due_on NULLS LAST, submitted_at, id LIMIT $9 OFFSET $10")
        }
        QueueSort::Newest => {
            concat!("SELECT ", case_columns!(), queue_where!(), " ORDER BY submitted_at DESC, id DESC LIMIT $9 OFFSET $10")
        }
        QueueSort::Oldest => concat!("SELECT ", case_columns!(), queue_where!(), " ORDER BY submitted_at, id LIMIT $9 OFFSET $10"),
    };
    let rows = sqlx::query(sql)
        .bind(&q.communities)
        .bind(&q.service)
        .bind(&q.state)
        .bind(mode)
        .bind(account)
        .bind(q.open_only)
        .bind(q.due_before)
        .bind(q.due_by)
        .bind(q.limit.clamp(1, 500))
        .bind(q.offset.max(0))
        .fetch_all(pool)
        .await
        .map_err(map_err)?;
    let total: i64 = sqlx::query_scalar(concat!("SELECT COUNT(*)", queue_where!()))
        .bind(&q.communities)
        .bind(&q.service)
        .bind(&q.state)
        .bind(mode)
        .bind(account)
        .bind(q.open_only)
        .bind(q.due_before)
        .bind(q.due_by)
        .fetch_one(pool)
        .await
        .map_err(map_err)?;
    Ok(QueuePage { cases: rows.iter().map(case_from_row).collect::<StoreResult<_>>()?, total })
}

pub(super) async fn workload(pool: &PgPool, communities: &[String], today: Date) -> StoreResult<Vec<Workload>> {
    let rows = sqlx::query(
        "SELECT community_slug, service_slug, assignee, COUNT(*) AS open, \
         COUNT(*) FILTER (WHERE due_on < $2 AND paused_at IS NULL) AS overdue \
         FROM cases WHERE state <> 'draft' AND decided_at IS NULL AND community_slug = ANY($1) \
         GROUP BY community_slug, service_slug, assignee ORDER BY community_slug, service_slug, assignee NULLS FIRST",
    )
    .bind(communities)
    .bind(today)
    .fetch_all(pool)
    .await
    .map_err(map_err)?;
    rows.iter()
        .map(|r| {
            Ok(Workload {
                community_slug: r.try_get("community_slug").map_err(map_err)?,
                service_slug: r.try_get("service_slug").map_err(map_err)?,
                assignee: r.try_get::<Option<i64>, _>("assignee").map_err(map_err)?.map(AccountId),
                open: r.try_get("open").map_err(map_err)?,
                overdue: r.try_get("overdue").map_err(map_err)?,
            })
        })
        .collect()
}

pub(super) async fn assign_cases(
    pool: &PgPool,
    ids: &[i64],
    assignee: Option<AccountId>,
    only_unassigned: bool,
    now: OffsetDateTime,
) -> StoreResult<u64> {
    Ok(sqlx::query(
        "UPDATE cases SET assignee = $1, updated_at = $2 WHERE id = ANY($3) AND state <> 'draft' AND decided_at IS NULL \
         AND (NOT $4 OR assignee IS NULL)",
    )
    .bind(assignee.map(|a| a.0))
    .bind(stored_time(now)?)
    .bind(ids)
    .bind(only_unassigned)
    .execute(pool)
    .await
    .map_err(map_err)?
    .rows_affected())
}

pub(super) async fn cases_due_between(pool: &PgPool, from: Date, to: Date) -> StoreResult<Vec<CaseRecord>> {
    let rows = sqlx::query(concat!(
        "SELECT ",
        case_columns!(),
        " FROM cases WHERE state <> 'draft' AND decided_at IS NULL AND paused_at IS NULL AND due_on BETWEEN $1 AND $2 ORDER BY due_on, id"
    ))
    .bind(from)
    .bind(to)
    .fetch_all(pool)
    .await
    .map_err(map_err)?;
    rows.iter().map(case_from_row).collect()
}

pub(super) async fn set_claim_code(pool: &PgPool, case_id: i64, code_hash: &str) -> StoreResult<()> {
    let changed = sqlx::query("UPDATE cases SET claim_code_hash = $1 WHERE id = $2")
        .bind(code_hash)
        .bind(case_id)
        .execute(pool)
        .await
        .map_err(map_err)?
        .rows_affected();
    if changed == 0 { Err(StoreError::NotFound) } else { Ok(()) }
}

pub(super) async fn claim_case(pool: &PgPool, code_hash: &str, account: AccountId, now: OffsetDateTime) -> StoreResult<Option<i64>> {
    sqlx::query_scalar(
        "UPDATE cases SET applicant_account = $1, claim_code_hash = NULL, updated_at = $2 \
         WHERE claim_code_hash = $3 AND applicant_account IS NULL RETURNING id",
    )
    .bind(account.0)
    .bind(stored_time(now)?)
    .bind(code_hash)
    .fetch_optional(pool)
    .await
    .map_err(map_err)
}

pub(super) async fn enqueue_job(pool: &PgPool, job: &NewJob) -> StoreResult<i64> {
    // A job is made when it is first due: `created_at` is its first `run_at`.
    let first_due = stored_time(job.run_at)?;
    sqlx::query_scalar(
        "INSERT INTO jobs (kind, payload, state, attempts, max_attempts, run_at, created_at) \
         VALUES ($1, $2, 'queued', 0, $3, $4, $4) RETURNING id",
    )
    .bind(job.kind.code())
    .bind(&job.payload)
    .bind(job.max_attempts)
    .bind(first_due)
    .fetch_one(pool)
    .await
    .map_err(map_err)
}

pub(super) async fn claim_jobs(pool: &PgPool, now: OffsetDateTime, lease: Duration, limit: i64, worker: &str) -> StoreResult<Vec<Job>> {
    let rows = sqlx::query(
        "UPDATE jobs SET state = 'running', attempts = attempts + 1, locked_until = $1, locked_by = $4 \
         WHERE id IN (SELECT id FROM jobs WHERE (state = 'queued' AND run_at <= $2) OR (state = 'running' AND locked_until < $2) \
                      ORDER BY run_at, id LIMIT $3 FOR UPDATE SKIP LOCKED) \
         RETURNING id, kind, payload, attempts, max_attempts, created_at",
    )
    .bind(stored_time(now + lease)?)
    .bind(stored_time(now)?)
    .bind(limit.max(1))
    .bind(worker)
    .fetch_all(pool)
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
            let _ = fail_job(pool, id, &unknown_job_kind(&kind), None).await;
            continue;
        };
        jobs.push(Job {
            id,
            kind,
            payload: r.try_get("payload").map_err(map_err)?,
            attempts: r.try_get("attempts").map_err(map_err)?,
            max_attempts: r.try_get("max_attempts").map_err(map_err)?,
            created_at: r.try_get("created_at").map_err(map_err)?,
        });
    }
    jobs.sort_by_key(|j| j.id);
    Ok(jobs)
}

pub(super) async fn take_back_jobs(pool: &PgPool, worker: &str) -> StoreResult<u64> {
    let done =
        sqlx::query("UPDATE jobs SET state = 'queued', locked_until = NULL, locked_by = NULL WHERE state = 'running' AND locked_by = $1")
            .bind(worker)
            .execute(pool)
            .await
            .map_err(map_err)?;
    Ok(done.rows_affected())
}

pub(super) async fn finish_job(pool: &PgPool, id: i64, now: OffsetDateTime) -> StoreResult<()> {
    sqlx::query("UPDATE jobs SET state = 'done', payload = '{}', done_at = $1, locked_until = NULL WHERE id = $2")
        .bind(stored_time(now)?)
        .bind(id)
        .execute(pool)
        .await
        .map_err(map_err)?;
    Ok(())
}

pub(super) async fn fail_job(pool: &PgPool, id: i64, error: &str, retry_at: Option<OffsetDateTime>) -> StoreResult<()> {
    let error: String = error.chars().take(1000).collect();
    match retry_at {
        Some(at) => sqlx::query("UPDATE jobs SET state = 'queued', run_at = $1, last_error = $2, locked_until = NULL WHERE id = $3")
            .bind(stored_time(at)?)
            .bind(error)
            .bind(id)
            .execute(pool)
            .await
            .map_err(map_err)?,
        None => sqlx::query("UPDATE jobs SET state = 'dead', payload = '{}', last_error = $1, locked_until = NULL WHERE id = $2")
            .bind(error)
            .bind(id)
            .execute(pool)
            .await
            .map_err(map_err)?,
    };
    Ok(())
}

pub(super) async fn job_counts(pool: &PgPool) -> StoreResult<Vec<(JobState, i64)>> {
    let counts: Vec<(String, i64)> =
        sqlx::query_as("SELECT state, COUNT(*) FROM jobs GROUP BY state ORDER BY state").fetch_all(pool).await.map_err(map_err)?;
    counts.into_iter().map(|(state, n)| Ok((parse_job_state(&state)?, n))).collect()
}

pub(super) async fn add_notification(
    pool: &PgPool,
    account: AccountId,
    case_id: Option<i64>,
    at: OffsetDateTime,
    title: &str,
    body: &str,
) -> StoreResult<i64> {
    sqlx::query_scalar("INSERT INTO notifications (account_id, case_id, at, title, body) VALUES ($1, $2, $3, $4, $5) RETURNING id")
        .bind(account.0)
        .bind(case_id)
        .bind(stored_time(at)?)
        .bind(title)
        .bind(body)
        .fetch_one(pool)
        .await
        .map_err(map_err)
}

pub(super) async fn notifications_of(pool: &PgPool, account: AccountId, limit: i64) -> StoreResult<Vec<Notification>> {
    let rows = sqlx::query(
        "SELECT id, account_id, case_id, at, title, body, read_at FROM notifications WHERE account_id = $1 ORDER BY id DESC LIMIT $2",
    )
    .bind(account.0)
    .bind(limit.max(1))
    .fetch_all(pool)
    .await
    .map_err(map_err)?;
    rows.iter()
        .map(|r| {
            Ok(Notification {
                id: r.try_get("id").map_err(map_err)?,
                account: AccountId(r.try_get("account_id").map_err(map_err)?),
                case_id: r.try_get("case_id").map_err(map_err)?,
                at: r.try_get("at").map_err(map_err)?,
                title: r.try_get("title").map_err(map_err)?,
                body: r.try_get("body").map_err(map_err)?,
                read_at: r.try_get("read_at").map_err(map_err)?,
            })
        })
        .collect()
}

pub(super) async fn mark_notifications_read(pool: &PgPool, account: AccountId, now: OffsetDateTime) -> StoreResult<u64> {
    Ok(sqlx::query("UPDATE notifications SET read_at = $1 WHERE account_id = $2 AND read_at IS NULL")
        .bind(stored_time(now)?)
        .bind(account.0)
        .execute(pool)
        .await
        .map_err(map_err)?
        .rows_affected())
}

pub(super) async fn put_satisfaction(
    pool: &PgPool,
    case_id: i64,
    score: u8,
    comment: Option<&str>,
    at: OffsetDateTime,
) -> StoreResult<bool> {
    let mut tx = pool.begin().await.map_err(map_err)?;
    let inserted =
        sqlx::query("INSERT INTO satisfaction (case_id, score, comment, at) VALUES ($1, $2, $3, $4) ON CONFLICT (case_id) DO NOTHING")
            .bind(case_id)
            .bind(i32::from(score))
            .bind(comment)
            .bind(stored_time(at)?)
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

pub(super) async fn satisfaction(pool: &PgPool, case_id: i64) -> StoreResult<Option<(u8, Option<String>, OffsetDateTime)>> {
    let row = sqlx::query("SELECT score, comment, at FROM satisfaction WHERE case_id = $1")
        .bind(case_id)
        .fetch_optional(pool)
        .await
        .map_err(map_err)?;
    row.map(|r| {
        Ok((
            r.try_get::<i32, _>("score").map_err(map_err)? as u8,
            r.try_get("comment").map_err(map_err)?,
            r.try_get("at").map_err(map_err)?,
        ))
    })
    .transpose()
}

pub(super) async fn staff_of_community(
    pool: &PgPool,
    community: &str,
) -> StoreResult<Vec<(AccountId, String, String, hromada_domain::account::Role)>> {
    let rows = sqlx::query(
        "SELECT a.id, a.display_name, a.email, g.role FROM role_grants g JOIN accounts a ON a.id = g.account_id \
         WHERE g.community_slug = $1 AND a.deleted_at IS NULL ORDER BY a.display_name, a.id, g.role",
    )
    .bind(community)
    .fetch_all(pool)
    .await
    .map_err(map_err)?;
    rows.iter()
        .map(|r| {
            Ok((
                AccountId(r.try_get("id").map_err(map_err)?),
                r.try_get("display_name").map_err(map_err)?,
                r.try_get("email").map_err(map_err)?,
                crate::common::parse_role(&r.try_get::<String, _>("role").map_err(map_err)?)?,
            ))
        })
        .collect()
}

pub(super) async fn non_working_days_noted(pool: &PgPool) -> StoreResult<Vec<(Date, String)>> {
    sqlx::query_as("SELECT day, note FROM non_working_days ORDER BY day").fetch_all(pool).await.map_err(map_err)
}

pub(super) async fn delete_non_working_day(pool: &PgPool, day: Date) -> StoreResult<bool> {
    Ok(sqlx::query("DELETE FROM non_working_days WHERE day = $1").bind(day).execute(pool).await.map_err(map_err)?.rows_affected() == 1)
}

pub(super) async fn drafts_assisted_by(pool: &PgPool, operator: AccountId) -> StoreResult<Vec<CaseRecord>> {
    let rows = sqlx::query(concat!(
        "SELECT ",
        case_columns!(),
        " FROM cases WHERE assisted_by = $1 AND state = 'draft' ORDER BY updated_at DESC, id DESC"
    ))
    .bind(operator.0)
    .fetch_all(pool)
    .await
    .map_err(map_err)?;
    rows.iter().map(case_from_row).collect()
}
