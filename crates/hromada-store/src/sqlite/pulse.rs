//! The pulse's roll-ups on SQLite: writing the [`Deltas`] of a change in its
//! transaction, reading the roll-ups in one read transaction, rebuilding
//! them from the cases, and inserting generated cases in batches.

use std::collections::HashMap;

use async_trait::async_trait;
use hromada_domain::clock::kyiv_time;
use hromada_domain::pulse::{Channel, Outcome, YearMonth};
use sqlx::SqliteConnection;
use sqlx::sqlite::{SqlitePool, SqliteRow};
use time::{Date, OffsetDateTime};

use super::{BEGIN_WRITE, SqliteStore, format_day, format_time, get, get_opt_time, map_err, parse_day, parse_time};
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

fn facts_from_row(row: &SqliteRow) -> StoreResult<CaseFacts> {
    let channel = match get::<Option<String>>(row, "pulse_channel")? {
        Some(code) => parse_channel(&code)?,
        None => Channel::of(&get::<String>(row, "channel")?, get::<i64>(row, "has_applicant")? == 1),
    };
    let submitted_at = get::<Option<String>>(row, "submitted_at")?.ok_or(StoreError::NotFound)?;
    Ok(CaseFacts {
        community_slug: get(row, "community_slug")?,
        service_slug: get(row, "service_slug")?,
        channel,
        submitted_at: parse_time(&submitted_at)?,
        due_on: get::<Option<String>>(row, "due_on")?.as_deref().map(parse_day).transpose()?,
        paused: get::<i64>(row, "paused")? == 1,
        decided_at: get_opt_time(row, "decided_at")?,
        outcome: get::<Option<String>>(row, "outcome")?.as_deref().and_then(Outcome::parse),
    })
}

/// The facts of a submitted case; `None` for a draft or no case.
async fn case_facts(conn: &mut SqliteConnection, case_id: i64) -> StoreResult<Option<CaseFacts>> {
    let row = sqlx::query(concat!(facts!(), " WHERE id = ? AND submitted_at IS NOT NULL"))
        .bind(case_id)
        .fetch_optional(&mut *conn)
        .await
        .map_err(map_err)?;
    row.as_ref().map(facts_from_row).transpose()
}

/// Write the changes, table by table in a fixed order.
pub(super) async fn apply(conn: &mut SqliteConnection, d: &Deltas) -> StoreResult<()> {
    for ((month, community, service, channel), n) in &d.applications {
        sqlx::query(
            "INSERT INTO pulse_applications (month, community_slug, service_slug, channel, count) VALUES (?, ?, ?, ?, ?) \
             ON CONFLICT (month, community_slug, service_slug, channel) DO UPDATE SET count = count + excluded.count",
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
            "INSERT INTO pulse_decisions (month, community_slug, service_slug, days, count, on_time) VALUES (?, ?, ?, ?, ?, ?) \
             ON CONFLICT (month, community_slug, service_slug, days) \
             DO UPDATE SET count = count + excluded.count, on_time = on_time + excluded.on_time",
        )
        .bind(month)
        .bind(community)
        .bind(service)
        .bind(days)
        .bind(n)
        .bind(on_time)
        .execute(&mut *conn)
        .await
        .map_err(map_err)?;
    }
    for ((month, community, service), n) in &d.withdrawals {
        sqlx::query(
            "INSERT INTO pulse_withdrawals (month, community_slug, service_slug, count) VALUES (?, ?, ?, ?) \
             ON CONFLICT (month, community_slug, service_slug) DO UPDATE SET count = count + excluded.count",
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
            "INSERT INTO pulse_answers (month, community_slug, service_slug, score, count) VALUES (?, ?, ?, ?, ?) \
             ON CONFLICT (month, community_slug, service_slug, score) DO UPDATE SET count = count + excluded.count",
        )
        .bind(month)
        .bind(community)
        .bind(service)
        .bind(score)
        .bind(n)
        .execute(&mut *conn)
        .await
        .map_err(map_err)?;
    }
    for ((community, service, due_on, paused), n) in &d.open {
        sqlx::query(
            "INSERT INTO pulse_open (community_slug, service_slug, due_on, paused, count) VALUES (?, ?, ?, ?, ?) \
             ON CONFLICT (community_slug, service_slug, due_on, paused) DO UPDATE SET count = count + excluded.count",
        )
        .bind(community)
        .bind(service)
        .bind(format_day(*due_on)?)
        .bind(i64::from(*paused))
        .bind(n)
        .execute(&mut *conn)
        .await
        .map_err(map_err)?;
    }
    // Buckets emptied by a move or a decision go.
    sqlx::query("DELETE FROM pulse_open WHERE count = 0").execute(&mut *conn).await.map_err(map_err)?;
    Ok(())
}

/// A case was just submitted (in `submit_one`'s transaction): remember its
/// channel on it and count it.
pub(super) async fn count_submission(conn: &mut SqliteConnection, case_id: i64) -> StoreResult<()> {
    let Some(facts) = case_facts(conn, case_id).await? else { return Ok(()) };
    sqlx::query("UPDATE cases SET pulse_channel = ? WHERE id = ?")
        .bind(facts.channel.code())
        .bind(case_id)
        .execute(&mut *conn)
        .await
        .map_err(map_err)?;
    apply(conn, &Deltas::submission(&facts)).await
}

/// A case's deadline bookkeeping is about to become `schedule` (in
/// `record_case_event`'s transaction, before the case is updated): move it
/// between open buckets, or count its decision and record its outcome.
pub(super) async fn schedule_changed(conn: &mut SqliteConnection, case_id: i64, schedule: &CaseSchedule) -> StoreResult<()> {
    let Some(before) = case_facts(conn, case_id).await? else { return Ok(()) };
    let (deltas, outcome) = Deltas::schedule_changed(&before, schedule);
    if let Some(outcome) = outcome {
        sqlx::query("UPDATE cases SET outcome = ? WHERE id = ?")
            .bind(outcome.code())
            .bind(case_id)
            .execute(&mut *conn)
            .await
            .map_err(map_err)?;
    }
    apply(conn, &deltas).await
}

/// The survey was answered (in `put_satisfaction`'s transaction).
pub(super) async fn count_answer(conn: &mut SqliteConnection, case_id: i64, score: u8, at: OffsetDateTime) -> StoreResult<()> {
    let place: Option<(String, String)> = sqlx::query_as("SELECT community_slug, service_slug FROM cases WHERE id = ?")
        .bind(case_id)
        .fetch_optional(&mut *conn)
        .await
        .map_err(map_err)?;
    let Some((community, service)) = place else { return Ok(()) };
    let mut deltas = Deltas::default();
    deltas.answered(&community, &service, score, at);
    apply(conn, &deltas).await
}

async fn rollups(readers: &SqlitePool, from: YearMonth, to: YearMonth, today: Date) -> StoreResult<PulseRollups> {
    let (from, to) = (from.to_string(), to.to_string());
    // One read transaction: every table as of one moment.
    let mut tx = readers.begin().await.map_err(map_err)?;
    let mut out = PulseRollups::default();
    let rows = sqlx::query(
        "SELECT month, community_slug, service_slug, channel, count FROM pulse_applications \
         WHERE month BETWEEN ? AND ? AND count <> 0 ORDER BY month, community_slug, service_slug, channel",
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
         WHERE month BETWEEN ? AND ? AND count <> 0 ORDER BY month, community_slug, service_slug, days",
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
            days: u32::try_from(get::<i64>(r, "days")?).unwrap_or(0),
            count: count(get(r, "count")?),
            on_time: count(get(r, "on_time")?),
        });
    }
    let rows = sqlx::query(
        "SELECT month, community_slug, service_slug, count FROM pulse_withdrawals \
         WHERE month BETWEEN ? AND ? AND count <> 0 ORDER BY month, community_slug, service_slug",
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
         WHERE month BETWEEN ? AND ? AND count <> 0 ORDER BY month, community_slug, service_slug, score",
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
            score: u8::try_from(get::<i64>(r, "score")?).unwrap_or(0),
            count: count(get(r, "count")?),
        });
    }
    let rows = sqlx::query(
        "SELECT community_slug, service_slug, SUM(count) AS open, \
         SUM(CASE WHEN due_on < ? AND paused = 0 THEN count ELSE 0 END) AS overdue \
         FROM pulse_open GROUP BY community_slug, service_slug HAVING SUM(count) <> 0 ORDER BY community_slug, service_slug",
    )
    .bind(format_day(today)?)
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

/// Count every case again, in a write transaction (SQLite has one writer: no change can slip in between).
async fn rebuild_in(conn: &mut SqliteConnection) -> StoreResult<()> {
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
        let rows = sqlx::query(concat!(facts!(), " WHERE id > ? AND submitted_at IS NOT NULL ORDER BY id LIMIT ?"))
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
        let rows: Vec<(i64, String, String, i64, String)> = sqlx::query_as(
            "SELECT s.case_id, c.community_slug, c.service_slug, s.score, s.at FROM satisfaction s JOIN cases c ON c.id = s.case_id \
             WHERE s.case_id > ? ORDER BY s.case_id LIMIT ?",
        )
        .bind(after)
        .bind(REBUILD_PAGE)
        .fetch_all(&mut *conn)
        .await
        .map_err(map_err)?;
        let Some(last) = rows.last() else { break };
        after = last.0;
        for (_, community, service, score, at) in &rows {
            deltas.answered(community, service, u8::try_from(*score).unwrap_or(0), parse_time(at)?);
        }
    }
    apply(conn, &deltas).await?;
    sqlx::query("INSERT INTO meta (key, value) VALUES (?, 0) ON CONFLICT (key) DO UPDATE SET value = 0")
        .bind(REBUILD_FLAG)
        .execute(&mut *conn)
        .await
        .map_err(map_err)?;
    Ok(())
}

/// After migrating: rebuild once if a migration asked for it.
pub(super) async fn rebuild_if_flagged(writer: &SqlitePool) -> StoreResult<()> {
    let mut tx = writer.begin_with(BEGIN_WRITE).await.map_err(map_err)?;
    let flag: Option<i64> = sqlx::query_scalar("SELECT value FROM meta WHERE key = ?")
        .bind(REBUILD_FLAG)
        .fetch_optional(&mut *tx)
        .await
        .map_err(map_err)?;
    if flag.unwrap_or(0) != 0 {
        rebuild_in(&mut tx).await?;
    }
    tx.commit().await.map_err(map_err)
}

async fn insert_generated(writer: &SqlitePool, cases: &[GeneratedCase]) -> StoreResult<u64> {
    let mut tx = writer.begin_with(BEGIN_WRITE).await.map_err(map_err)?;
    let mut codes: HashMap<String, String> = HashMap::new();
    let mut deltas = Deltas::default();
    for case in cases {
        let code = match codes.get(&case.community_slug) {
            Some(code) => code.clone(),
            None => {
                let code: String = sqlx::query_scalar("SELECT code FROM communities WHERE slug = ?")
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
        let year = kyiv_time(submitted_at).year();
        let seq: i64 = sqlx::query_scalar(
            "INSERT INTO reference_counters (community_code, year, last) VALUES (?, ?, 1) \
             ON CONFLICT (community_code, year) DO UPDATE SET last = last + 1 RETURNING last",
        )
        .bind(&code)
        .bind(year)
        .fetch_one(&mut *tx)
        .await
        .map_err(map_err)?;
        let channel = Channel::of(&case.channel, case.applicant.is_some());
        let outcome = case.decided_at.map(|_| case.outcome.unwrap_or(Outcome::Unspecified));
        let at = format_time(submitted_at)?;
        let decided_at = case.decided_at.map(format_time).transpose()?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO cases (community_slug, service_slug, service_version, state, created_at, applicant_account, updated_at, \
             lang, channel, assisted_by, reference, submitted_at, due_on, paused_at, decided_at, outcome, pulse_channel) \
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        )
        .bind(&case.community_slug)
        .bind(&case.service_slug)
        .bind(case.service_version)
        .bind(&case.state)
        .bind(&at)
        .bind(case.applicant.map(|a| a.0))
        .bind(decided_at.as_deref().unwrap_or(&at))
        .bind(case.lang.code())
        .bind(&case.channel)
        .bind(case.assisted_by.map(|a| a.0))
        .bind(format_reference(&code, year, seq))
        .bind(&at)
        .bind(case.due_on.map(format_day).transpose()?)
        .bind(case.paused_at.filter(|_| case.decided_at.is_none()).map(format_time).transpose()?)
        .bind(&decided_at)
        .bind(outcome.map(Outcome::code))
        .bind(channel.code())
        .fetch_one(&mut *tx)
        .await
        .map_err(map_err)?;
        sqlx::query("INSERT INTO case_events (case_id, at, kind, to_state, by_applicant) VALUES (?, ?, 'submitted', ?, 1)")
            .bind(id)
            .bind(&at)
            .bind(&case.state)
            .execute(&mut *tx)
            .await
            .map_err(map_err)?;
        if let Some((score, answered_at)) = case.answer {
            sqlx::query("INSERT INTO satisfaction (case_id, score, at) VALUES (?, ?, ?)")
                .bind(id)
                .bind(i64::from(score))
                .bind(format_time(answered_at)?)
                .execute(&mut *tx)
                .await
                .map_err(map_err)?;
            deltas.answered(&case.community_slug, &case.service_slug, score, stored_time(answered_at)?);
        }
        deltas.case(&CaseFacts {
            community_slug: case.community_slug.clone(),
            service_slug: case.service_slug.clone(),
            channel,
            submitted_at,
            due_on: case.due_on,
            paused: case.paused_at.is_some(),
            decided_at: case.decided_at.map(stored_time).transpose()?,
            outcome,
        });
    }
    apply(&mut tx, &deltas).await?;
    tx.commit().await.map_err(map_err)?;
    Ok(cases.len() as u64)
}

#[async_trait]
impl PulseStore for SqliteStore {
    async fn pulse_rollups(&self, from: YearMonth, to: YearMonth, today: Date) -> StoreResult<PulseRollups> {
        rollups(&self.readers, from, to, today).await
    }

    async fn rebuild_pulse(&self) -> StoreResult<()> {
        let mut tx = self.writer.begin_with(BEGIN_WRITE).await.map_err(map_err)?;
        rebuild_in(&mut tx).await?;
        tx.commit().await.map_err(map_err)
    }

    async fn insert_generated_cases(&self, cases: &[GeneratedCase]) -> StoreResult<u64> {
        insert_generated(&self.writer, cases).await
    }
}
