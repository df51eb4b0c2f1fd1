//! The pulse's roll-ups on PostgreSQL: writing the [`Deltas`] of a change in
//! its transaction (upserts, in a fixed order of tables and keys so that
//! concurrent writers never wait on each other in a circle), reading them in
//! one repeatable-read transaction, rebuilding them from the cases under a
//! table lock that concurrent changes wait for, and inserting generated cases.

use std::collections::HashMap;

use async_trait::async_trait;
use hromada_domain::clock::kyiv_time;
use hromada_domain::pulse::{Channel, Outcome, YearMonth};
use sqlx::PgConnection;
use sqlx::postgres::{PgPool, PgRow};
use time::{Date, OffsetDateTime};

use super::{PgStore, get, map_err};
use crate::common::{format_reference, stored_time};
use crate::pulse::{
    AnswersRollup, ApplicationsRollup, CaseFacts, DecisionsRollup, Deltas, GeneratedCase, OpenRollup, PulseRollups,
    PulseStore, REBUILD_FLAG, REBUILD_PAGE, WithdrawalsRollup, count, parse_channel, parse_month,
};
use crate::{CaseSchedule, StoreError, StoreResult};

/// What the roll-ups need of a case, as `facts_from_row` reads it.
macro_rules! facts {
    () => {
        "SELECT id, community_slug, service_slug, channel, applicant_account IS NOT NULL AS has_applicant, \
         pulse_channel, submitted_at, due_on, paused_at IS NOT NULL AS paused, decided_at, outcome FROM cases"
    };
}

/// The roll-up tables, in the order every writer writes them.
macro_rules! tables {
    () => {
        "pulse_applications, pulse_decisions, pulse_withdrawals, pulse_answers, pulse_open"
    };
}

fn facts_from_row(row: &PgRow) -> StoreResult<CaseFacts> {
    let channel = match get::<Option<String>>(row, "pulse_channel")? {
        Some(code) => parse_channel(&code)?,
        None => Channel::of(&get::<String>(row, "channel")?, get(row, "has_applicant")?),
    };
    Ok(CaseFacts {
        community_slug: get(row, "community_slug")?,
        service_slug: get(row, "service_slug")?,
        channel,
        submitted_at: get::<Option<OffsetDateTime>>(row, "submitted_at")?.ok_or(StoreError::NotFound)?,
        due_on: get(row, "due_on")?,
        paused: get(row, "paused")?,
        decided_at: get(row, "decided_at")?,
        outcome: get::<Option<String>>(row, "outcome")?.as_deref().and_then(Outcome::parse),
    })
}

/// The facts of a submitted case; `None` for a draft or no case.
async fn case_facts(conn: &mut PgConnection, case_id: i64) -> StoreResult<Option<CaseFacts>> {
    let row = sqlx::query(concat!(facts!(), " WHERE id = $1 AND submitted_at IS NOT NULL"))
        .bind(case_id)
        .fetch_optional(&mut *conn)
        .await
        .map_err(map_err)?;
    row.as_ref().map(facts_from_row).transpose()
}

/// Write the changes, table by table in a fixed order.
pub(super) async fn apply(conn: &mut PgConnection, d: &Deltas) -> StoreResult<()> {
    for ((month, community, service, channel), n) in &d.applications {
        sqlx::query(
            "INSERT INTO pulse_applications (month, community_slug, service_slug, channel, count) VALUES ($1, $2, $3, $4, $5) \
             ON CONFLICT (month, community_slug, service_slug, channel) DO UPDATE SET count = pulse_applications.count + EXCLUDED.count",
        )
        .bind(month)
        .bind(community)
        .bind(service)
        .bind(*channel)
        .bind(n)
        .execute(&mut *conn)
        .await
        .map_err(map_err)?;
    }
    for ((month, community, service, days), (n, on_time)) in &d.decisions {
        sqlx::query(
            "INSERT INTO pulse_decisions (month, community_slug, service_slug, days, count, on_time) VALUES ($1, $2, $3, $4, $5, $6) \
             ON CONFLICT (month, community_slug, service_slug, days) \
             DO UPDATE SET count = pulse_decisions.count + EXCLUDED.count, on_time = pulse_decisions.on_time + EXCLUDED.on_time",
        )
        .bind(month)
        .bind(community)
        .bind(service)
        .bind(i32::try_from(*days).unwrap_or(i32::MAX))
        .bind(n)
        .bind(on_time)
        .execute(&mut *conn)
        .await
        .map_err(map_err)?;
    }
    for ((month, community, service), n) in &d.withdrawals {
        sqlx::query(
            "INSERT INTO pulse_withdrawals (month, community_slug, service_slug, count) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (month, community_slug, service_slug) DO UPDATE SET count = pulse_withdrawals.count + EXCLUDED.count",
        )
        .bind(month)
        .bind(community)
        .bind(service)
        .bind(n)
        .execute(&mut *conn)
        .await
        .map_err(map_err)?;
    }
    for ((month, community, service, score), n) in &d.answers {
        sqlx::query(
            "INSERT INTO pulse_answers (month, community_slug, service_slug, score, count) VALUES ($1, $2, $3, $4, $5) \
             ON CONFLICT (month, community_slug, service_slug, score) DO UPDATE SET count = pulse_answers.count + EXCLUDED.count",
        )
        .bind(month)
        .bind(community)
        .bind(service)
        .bind(i32::try_from(*score).unwrap_or(0))
        .bind(n)
        .execute(&mut *conn)
        .await
        .map_err(map_err)?;
    }
    let mut emptied = false;
    for ((community, service, due_on, paused), n) in &d.open {
        sqlx::query(
            "INSERT INTO pulse_open (community_slug, service_slug, due_on, paused, count) VALUES ($1, $2, $3, $4, $5) \
             ON CONFLICT (community_slug, service_slug, due_on, paused) DO UPDATE SET count = pulse_open.count + EXCLUDED.count",
        )
        .bind(community)
        .bind(service)
        .bind(*due_on)
        .bind(*paused)
        .bind(n)
        .execute(&mut *conn)
        .await
        .map_err(map_err)?;
        emptied |= *n < 0;
    }
    if emptied {
        // Buckets emptied by a move or a decision go (only rows this transaction holds).
        for ((community, service, due_on, paused), n) in &d.open {
            if *n < 0 {
                sqlx::query("DELETE FROM pulse_open WHERE community_slug = $1 AND service_slug = $2 AND due_on = $3 AND paused = $4 AND count = 0")
                    .bind(community)
                    .bind(service)
                    .bind(*due_on)
                    .bind(*paused)
                    .execute(&mut *conn)
                    .await
                    .map_err(map_err)?;
            }
        }
    }
    Ok(())
}

/// A case was just submitted (in `submit_case`'s transaction): remember its
/// channel on it and count it.
pub(super) async fn count_submission(conn: &mut PgConnection, case_id: i64) -> StoreResult<()> {
    let Some(facts) = case_facts(conn, case_id).await? else { return Ok(()) };
    sqlx::query("UPDATE cases SET pulse_channel = $1 WHERE id = $2")
        .bind(facts.channel.code())
        .bind(case_id)
        .execute(&mut *conn)
        .await
        .map_err(map_err)?;
    apply(conn, &Deltas::submission(&facts)).await
}

/// A case's deadline bookkeeping is about to become `schedule` (in
/// `record_case_event`'s transaction, the case row locked, before it is
/// updated): move it between open buckets, or count its decision and record its outcome.
pub(super) async fn schedule_changed(conn: &mut PgConnection, case_id: i64, schedule: &CaseSchedule) -> StoreResult<()> {
    let Some(before) = case_facts(conn, case_id).await? else { return Ok(()) };
    let (deltas, outcome) = Deltas::schedule_changed(&before, schedule);
    if let Some(outcome) = outcome {
        sqlx::query("UPDATE cases SET outcome = $1 WHERE id = $2")
            .bind(outcome.code())
            .bind(case_id)
            .execute(&mut *conn)
            .await
            .map_err(map_err)?;
    }
    apply(conn, &deltas).await
}

/// The survey was answered (in `put_satisfaction`'s transaction).
pub(super) async fn count_answer(conn: &mut PgConnection, case_id: i64, score: u8, at: OffsetDateTime) -> StoreResult<()> {
    let place: Option<(String, String)> = sqlx::query_as("SELECT community_slug, service_slug FROM cases WHERE id = $1")
        .bind(case_id)
        .fetch_optional(&mut *conn)
        .await
        .map_err(map_err)?;
    let Some((community, service)) = place else { return Ok(()) };
    let mut deltas = Deltas::default();
    deltas.answered(&community, &service, score, at);
    apply(conn, &deltas).await
}

async fn rollups(pool: &PgPool, from: YearMonth, to: YearMonth, today: Date) -> StoreResult<PulseRollups> {
    let (from, to) = (from.to_string(), to.to_string());
    // One snapshot: every table as of one moment.
    let mut tx = pool.begin().await.map_err(map_err)?;
    sqlx::query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY").execute(&mut *tx).await.map_err(map_err)?;
    let mut out = PulseRollups::default();
    let rows = sqlx::query(
        "SELECT month, community_slug, service_slug, channel, count FROM pulse_applications \
         WHERE month BETWEEN $1 AND $2 AND count <> 0 ORDER BY month, community_slug, service_slug, channel",
    )
    .bind(&from)
    .bind(&to)
    .fetch_all(&mut *tx)
    .await
    .map_err(map_err)?;
    for r in &rows {
        out.applications.push(ApplicationsRollup {
            community_slug: get(r, "community_slug")?,
            service_slug: get(r, "service_slug")?,
            month: parse_month(&get::<String>(r, "month")?)?,
            channel: parse_channel(&get::<String>(r, "channel")?)?,
            count: count(get(r, "count")?),
        });
    }
    let rows = sqlx::query(
        "SELECT month, community_slug, service_slug, days, count, on_time FROM pulse_decisions \
         WHERE month BETWEEN $1 AND $2 AND count <> 0 ORDER BY month, community_slug, service_slug, days",
    )
    .bind(&from)
    .bind(&to)
    .fetch_all(&mut *tx)
    .await
    .map_err(map_err)?;
    for r in &rows {
        out.decisions.push(DecisionsRollup {
            community_slug: get(r, "community_slug")?,
            service_slug: get(r, "service_slug")?,
            month: parse_month(&get::<String>(r, "month")?)?,
            days: u32::try_from(get::<i32>(r, "days")?).unwrap_or(0),
            count: count(get(r, "count")?),
            on_time: count(get(r, "on_time")?),
        });
    }
    let rows = sqlx::query(
        "SELECT month, community_slug, service_slug, count FROM pulse_withdrawals \
         WHERE month BETWEEN $1 AND $2 AND count <> 0 ORDER BY month, community_slug, service_slug",
    )
    .bind(&from)
    .bind(&to)
    .fetch_all(&mut *tx)
    .await
    .map_err(map_err)?;
    for r in &rows {
        out.withdrawals.push(WithdrawalsRollup {
            community_slug: get(r, "community_slug")?,
            service_slug: get(r, "service_slug")?,
            month: parse_month(&get::<String>(r, "month")?)?,
            count: count(get(r, "count")?),
        });
    }
    let rows = sqlx::query(
        "SELECT month, community_slug, service_slug, score, count FROM pulse_answers \
         WHERE month BETWEEN $1 AND $2 AND count <> 0 ORDER BY month, community_slug, service_slug, score",
    )
    .bind(&from)
    .bind(&to)
    .fetch_all(&mut *tx)
    .await
    .map_err(map_err)?;
    for r in &rows {
        out.answers.push(AnswersRollup {
            community_slug: get(r, "community_slug")?,
            service_slug: get(r, "service_slug")?,
            month: parse_month(&get::<String>(r, "month")?)?,
            score: u8::try_from(get::<i32>(r, "score")?).unwrap_or(0),
            count: count(get(r, "count")?),
        });
    }
    let rows = sqlx::query(
        "SELECT community_slug, service_slug, SUM(count)::BIGINT AS open, \
         COALESCE(SUM(count) FILTER (WHERE due_on < $1 AND NOT paused), 0)::BIGINT AS overdue \
         FROM pulse_open GROUP BY community_slug, service_slug HAVING SUM(count) <> 0 ORDER BY community_slug, service_slug",
    )
    .bind(today)
    .fetch_all(&mut *tx)
    .await
    .map_err(map_err)?;
    for r in &rows {
        out.open.push(OpenRollup {
            community_slug: get(r, "community_slug")?,
            service_slug: get(r, "service_slug")?,
            open: count(get(r, "open")?),
            overdue: count(get(r, "overdue")?),
        });
    }
    tx.rollback().await.map_err(map_err)?;
    Ok(out)
}

/// Count every case again. The roll-up tables are locked first: a change
/// committed before is read from the cases; one still running waits for the
/// lock to write its deltas, so it is counted after this, exactly once.
async fn rebuild_in(conn: &mut PgConnection) -> StoreResult<()> {
    sqlx::query(concat!("LOCK TABLE ", tables!(), " IN EXCLUSIVE MODE")).execute(&mut *conn).await.map_err(map_err)?;
    for delete in [
        "DELETE FROM pulse_applications",
        "DELETE FROM pulse_decisions",
        "DELETE FROM pulse_withdrawals",
        "DELETE FROM pulse_answers",
        "DELETE FROM pulse_open",
    ] {
        sqlx::query(delete).execute(&mut *conn).await.map_err(map_err)?;
    }
    let mut deltas = Deltas::default();
    let mut after = 0i64;
    loop {
        let rows = sqlx::query(concat!(facts!(), " WHERE id > $1 AND submitted_at IS NOT NULL ORDER BY id LIMIT $2"))
            .bind(after)
            .bind(REBUILD_PAGE)
            .fetch_all(&mut *conn)
            .await
            .map_err(map_err)?;
        let Some(last) = rows.last() else { break };
        after = get(last, "id")?;
        for row in &rows {
            deltas.case(&facts_from_row(row)?);
        }
    }
    let mut after = 0i64;
    loop {
        let rows: Vec<(i64, String, String, i32, OffsetDateTime)> = sqlx::query_as(
            "SELECT s.case_id, c.community_slug, c.service_slug, s.score, s.at FROM satisfaction s JOIN cases c ON c.id = s.case_id \
             WHERE s.case_id > $1 ORDER BY s.case_id LIMIT $2",
        )
        .bind(after)
        .bind(REBUILD_PAGE)
        .fetch_all(&mut *conn)
        .await
        .map_err(map_err)?;
        let Some(last) = rows.last() else { break };
        after = last.0;
        for (_, community, service, score, at) in &rows {
            deltas.answered(community, service, u8::try_from(*score).unwrap_or(0), *at);
        }
    }
    apply(conn, &deltas).await?;
    sqlx::query("INSERT INTO meta (key, value) VALUES ($1, 0) ON CONFLICT (key) DO UPDATE SET value = 0")
        .bind(REBUILD_FLAG)
        .execute(&mut *conn)
        .await
        .map_err(map_err)?;
    Ok(())
}

/// After migrating: rebuild once if a migration asked for it (the flag row is
/// locked, so of several servers starting together one rebuilds).
pub(super) async fn rebuild_if_flagged(pool: &PgPool) -> StoreResult<()> {
    let mut tx = pool.begin().await.map_err(map_err)?;
    let flag: Option<i64> = sqlx::query_scalar("SELECT value FROM meta WHERE key = $1 FOR UPDATE")
        .bind(REBUILD_FLAG)
        .fetch_optional(&mut *tx)
        .await
        .map_err(map_err)?;
    if flag.unwrap_or(0) != 0 {
        rebuild_in(&mut tx).await?;
    }
    tx.commit().await.map_err(map_err)
}

async fn insert_generated(pool: &PgPool, cases: &[GeneratedCase]) -> StoreResult<u64> {
    let mut tx = pool.begin().await.map_err(map_err)?;
    let mut codes: HashMap<String, String> = HashMap::new();
    let mut deltas = Deltas::default();
    for case in cases {
        let code = match codes.get(&case.community_slug) {
            Some(code) => code.clone(),
            None => {
                let code: String = sqlx::query_scalar("SELECT code FROM communities WHERE slug = $1")
                    .bind(&case.community_slug)
                    .fetch_optional(&mut *tx)
                    .await
                    .map_err(map_err)?
                    .ok_or(StoreError::NotFound)?;
                codes.insert(case.community_slug.clone(), code.clone());
                code
            }
        };
        let submitted_at = stored_time(case.submitted_at)?;
        let decided_at = case.decided_at.map(stored_time).transpose()?;
        let year = kyiv_time(submitted_at).year();
        let seq: i64 = sqlx::query_scalar(
            "INSERT INTO reference_counters (community_code, year, last) VALUES ($1, $2, 1) \
             ON CONFLICT (community_code, year) DO UPDATE SET last = reference_counters.last + 1 RETURNING last",
        )
        .bind(&code)
        .bind(year)
        .fetch_one(&mut *tx)
        .await
        .map_err(map_err)?;
        let channel = Channel::of(&case.channel, case.applicant.is_some());
        let outcome = decided_at.map(|_| case.outcome.unwrap_or(Outcome::Unspecified));
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO cases (community_slug, service_slug, service_version, state, created_at, applicant_account, updated_at, \
             lang, channel, assisted_by, reference, submitted_at, due_on, paused_at, decided_at, outcome, pulse_channel) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $5, $12, $13, $14, $15, $16) RETURNING id",
        )
        .bind(&case.community_slug)
        .bind(&case.service_slug)
        .bind(case.service_version)
        .bind(&case.state)
        .bind(submitted_at)
        .bind(case.applicant.map(|a| a.0))
        .bind(decided_at.unwrap_or(submitted_at))
        .bind(case.lang.code())
        .bind(&case.channel)
        .bind(case.assisted_by.map(|a| a.0))
        .bind(format_reference(&code, year, seq))
        .bind(case.due_on)
        .bind(case.paused_at.filter(|_| decided_at.is_none()).map(stored_time).transpose()?)
        .bind(decided_at)
        .bind(outcome.map(Outcome::code))
        .bind(channel.code())
        .fetch_one(&mut *tx)
        .await
        .map_err(map_err)?;
        sqlx::query("INSERT INTO case_events (case_id, at, kind, to_state, by_applicant) VALUES ($1, $2, 'submitted', $3, TRUE)")
            .bind(id)
            .bind(submitted_at)
            .bind(&case.state)
            .execute(&mut *tx)
            .await
            .map_err(map_err)?;
        if let Some((score, answered_at)) = case.answer {
            let answered_at = stored_time(answered_at)?;
            sqlx::query("INSERT INTO satisfaction (case_id, score, at) VALUES ($1, $2, $3)")
                .bind(id)
                .bind(i32::from(score))
                .bind(answered_at)
                .execute(&mut *tx)
                .await
                .map_err(map_err)?;
            deltas.answered(&case.community_slug, &case.service_slug, score, answered_at);
        }
        deltas.case(&CaseFacts {
            community_slug: case.community_slug.clone(),
            service_slug: case.service_slug.clone(),
            channel,
            submitted_at,
            due_on: case.due_on,
            paused: case.paused_at.is_some(),
            decided_at,
            outcome,
        });
    }
    apply(&mut tx, &deltas).await?;
    tx.commit().await.map_err(map_err)?;
    Ok(cases.len() as u64)
}

#[async_trait]
impl PulseStore for PgStore {
    async fn pulse_rollups(&self, from: YearMonth, to: YearMonth, today: Date) -> StoreResult<PulseRollups> {
        rollups(&self.pool, from, to, today).await
    }

    async fn rebuild_pulse(&self) -> StoreResult<()> {
        let mut tx = self.pool.begin().await.map_err(map_err)?;
        rebuild_in(&mut tx).await?;
        tx.commit().await.map_err(map_err)
    }

    async fn insert_generated_cases(&self, cases: &[GeneratedCase]) -> StoreResult<u64> {
        insert_generated(&self.pool, cases).await
    }
}
