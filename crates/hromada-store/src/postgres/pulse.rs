//! The pulse's roll-ups on PostgreSQL: writing the [`Deltas`] of a change in
//! its transaction (upserts, in a fixed order of tables and keys so that
//! concurrent writers never wait on each other in a circle), reading them in
//! one repeatable-read transaction, rebuilding them from the cases under a
//! table lock that concurrent changes wait for, and inserting generated cases.

use std::collections::HashMap;

use async_trait::async_trait;
use hromada_domain::case::CaseEventKind;
use hromada_domain::pulse::{Channel, Outcome, YearMonth};
use sqlx::PgConnection;
use sqlx::postgres::{PgPool, PgRow};
use time::{Date, OffsetDateTime};

use super::{PgStore, get, map_err};
use crate::common::{answers_json, parse_case_channel};
use crate::documents::fields_json;
use crate::pulse::{
    AnswersRollup, ApplicationsRollup, CaseFacts, DecisionsRollup, Deltas, GENERATED_COUNT, GeneratedCase, GeneratedDocuments,
    GeneratedEvent, OpenRollup, PreparedCase, PulseRollups, PulseStore, REBUILD_FLAG, REBUILD_PAGE, WithdrawalsRollup, count,
    numbers_needed, parse_channel, parse_month, prepare_generated,
};
use crate::{CaseSchedule, NewDocument, StoreError, StoreResult};

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
        None => Channel::of(parse_case_channel(&get::<String>(row, "channel")?)?, get(row, "has_applicant")?),
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

/// Write the changes: one statement per table changed, whatever the number of
/// keys (the rows travel as arrays), tables in a fixed order and rows in key
/// order, so concurrent writers lock rows in the same order.
pub(super) async fn apply(conn: &mut PgConnection, d: &Deltas) -> StoreResult<()> {
    if !d.applications.is_empty() {
        let (mut m, mut c, mut s, mut ch, mut n) = (vec![], vec![], vec![], vec![], vec![]);
        for ((month, community, service, channel), count) in &d.applications {
            m.push(month.as_str());
            c.push(community.as_str());
            s.push(service.as_str());
            ch.push(*channel);
            n.push(*count);
        }
        sqlx::query(
            "INSERT INTO pulse_applications (month, community_slug, service_slug, channel, count) \
             SELECT * FROM UNNEST($1::TEXT[], $2::TEXT[], $3::TEXT[], $4::TEXT[], $5::BIGINT[]) \
             ON CONFLICT (month, community_slug, service_slug, channel) DO UPDATE SET count = pulse_applications.count + EXCLUDED.count",
        )
        .bind(m)
        .bind(c)
        .bind(s)
        .bind(ch)
        .bind(n)
        .execute(&mut *conn)
        .await
        .map_err(map_err)?;
    }
    if !d.decisions.is_empty() {
        let (mut m, mut c, mut s, mut days, mut n, mut on_time) = (vec![], vec![], vec![], vec![], vec![], vec![]);
        for ((month, community, service, d), (count, timely)) in &d.decisions {
            m.push(month.as_str());
            c.push(community.as_str());
            s.push(service.as_str());
            days.push(i32::try_from(*d).unwrap_or(i32::MAX));
            n.push(*count);
            on_time.push(*timely);
        }
        sqlx::query(
            "INSERT INTO pulse_decisions (month, community_slug, service_slug, days, count, on_time) \
             SELECT * FROM UNNEST($1::TEXT[], $2::TEXT[], $3::TEXT[], $4::INTEGER[], $5::BIGINT[], $6::BIGINT[]) \
             ON CONFLICT (month, community_slug, service_slug, days) \
             DO UPDATE SET count = pulse_decisions.count + EXCLUDED.count, on_time = pulse_decisions.on_time + EXCLUDED.on_time",
        )
        .bind(m)
        .bind(c)
        .bind(s)
        .bind(days)
        .bind(n)
        .bind(on_time)
        .execute(&mut *conn)
        .await
        .map_err(map_err)?;
    }
    if !d.withdrawals.is_empty() {
        let (mut m, mut c, mut s, mut n) = (vec![], vec![], vec![], vec![]);
        for ((month, community, service), count) in &d.withdrawals {
            m.push(month.as_str());
            c.push(community.as_str());
            s.push(service.as_str());
            n.push(*count);
        }
        sqlx::query(
            "INSERT INTO pulse_withdrawals (month, community_slug, service_slug, count) \
             SELECT * FROM UNNEST($1::TEXT[], $2::TEXT[], $3::TEXT[], $4::BIGINT[]) \
             ON CONFLICT (month, community_slug, service_slug) DO UPDATE SET count = pulse_withdrawals.count + EXCLUDED.count",
        )
        .bind(m)
        .bind(c)
        .bind(s)
        .bind(n)
        .execute(&mut *conn)
        .await
        .map_err(map_err)?;
    }
    if !d.answers.is_empty() {
        let (mut m, mut c, mut s, mut score, mut n) = (vec![], vec![], vec![], vec![], vec![]);
        for ((month, community, service, sc), count) in &d.answers {
            m.push(month.as_str());
            c.push(community.as_str());
            s.push(service.as_str());
            score.push(i32::try_from(*sc).unwrap_or(0));
            n.push(*count);
        }
        sqlx::query(
            "INSERT INTO pulse_answers (month, community_slug, service_slug, score, count) \
             SELECT * FROM UNNEST($1::TEXT[], $2::TEXT[], $3::TEXT[], $4::INTEGER[], $5::BIGINT[]) \
             ON CONFLICT (month, community_slug, service_slug, score) DO UPDATE SET count = pulse_answers.count + EXCLUDED.count",
        )
        .bind(m)
        .bind(c)
        .bind(s)
        .bind(score)
        .bind(n)
        .execute(&mut *conn)
        .await
        .map_err(map_err)?;
    }
    if !d.open.is_empty() {
        let (mut c, mut s, mut due, mut paused, mut n) = (vec![], vec![], vec![], vec![], vec![]);
        for ((community, service, due_on, p), count) in &d.open {
            c.push(community.as_str());
            s.push(service.as_str());
            due.push(*due_on);
            paused.push(*p);
            n.push(*count);
        }
        let emptied = n.iter().any(|n| *n < 0);
        sqlx::query(
            "INSERT INTO pulse_open (community_slug, service_slug, due_on, paused, count) \
             SELECT * FROM UNNEST($1::TEXT[], $2::TEXT[], $3::DATE[], $4::BOOLEAN[], $5::BIGINT[]) \
             ON CONFLICT (community_slug, service_slug, due_on, paused) DO UPDATE SET count = pulse_open.count + EXCLUDED.count",
        )
        .bind(&c)
        .bind(&s)
        .bind(&due)
        .bind(&paused)
        .bind(&n)
        .execute(&mut *conn)
        .await
        .map_err(map_err)?;
        if emptied {
            // Buckets a case left (a move, a decision) go when they are empty (rows this transaction holds).
            sqlx::query(
                "DELETE FROM pulse_open WHERE count = 0 AND (community_slug, service_slug, due_on, paused) IN \
                 (SELECT * FROM UNNEST($1::TEXT[], $2::TEXT[], $3::DATE[], $4::BOOLEAN[]))",
            )
            .bind(&c)
            .bind(&s)
            .bind(&due)
            .bind(&paused)
            .execute(&mut *conn)
            .await
            .map_err(map_err)?;
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
    out.page_feedback = super::feedback::rollups(&mut tx, &from, &to).await?;
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

/// A batch of generated cases with a fixed handful of statements: the
/// reference counters, one `INSERT` each of the cases, their `submitted`
/// events, their workflow events, their documents and their survey answers
/// (columns as arrays), and the roll-ups.
async fn insert_generated(pool: &PgPool, cases: &[GeneratedCase], documents: &GeneratedDocuments<'_>) -> StoreResult<u64> {
    if cases.is_empty() {
        return Ok(0);
    }
    let mut tx = pool.begin().await.map_err(map_err)?;
    let codes: HashMap<String, String> =
        sqlx::query_as("SELECT slug, code FROM communities").fetch_all(&mut *tx).await.map_err(map_err)?.into_iter().collect();
    let mut first = std::collections::BTreeMap::new();
    for ((code, year), n) in numbers_needed(cases, &codes)? {
        let last: i64 = sqlx::query_scalar(
            "INSERT INTO reference_counters (community_code, year, last) VALUES ($1, $2, $3) \
             ON CONFLICT (community_code, year) DO UPDATE SET last = reference_counters.last + EXCLUDED.last RETURNING last",
        )
        .bind(&code)
        .bind(year)
        .bind(n)
        .fetch_one(&mut *tx)
        .await
        .map_err(map_err)?;
        first.insert((code, year), last - n + 1);
    }
    let (prepared, deltas) = prepare_generated(cases, &codes, first, documents)?;
    let col = |f: &dyn Fn(&PreparedCase<'_>) -> String| prepared.iter().map(f).collect::<Vec<String>>();
    let community = col(&|p| p.case.community_slug.clone());
    let service = col(&|p| p.case.service_slug.clone());
    let state = col(&|p| p.case.state.clone());
    let lang = col(&|p| p.case.lang.code().to_string());
    let channel = col(&|p| p.case.channel.code().to_string());
    let reference = col(&|p| p.reference.clone());
    let pulse_channel = col(&|p| p.channel.code().to_string());
    let version: Vec<i64> = prepared.iter().map(|p| p.case.service_version).collect();
    let submitted: Vec<OffsetDateTime> = prepared.iter().map(|p| p.submitted_at).collect();
    let updated: Vec<OffsetDateTime> = prepared.iter().map(|p| p.updated_at).collect();
    let assignee: Vec<Option<i64>> = prepared.iter().map(|p| p.case.assignee.map(|a| a.0)).collect();
    let applicant: Vec<Option<i64>> = prepared.iter().map(|p| p.case.applicant.map(|a| a.0)).collect();
    let assisted_by: Vec<Option<i64>> = prepared.iter().map(|p| p.case.assisted_by.map(|a| a.0)).collect();
    let due: Vec<Option<Date>> = prepared.iter().map(|p| p.case.due_on).collect();
    let paused: Vec<Option<OffsetDateTime>> = prepared.iter().map(|p| p.paused_at).collect();
    let decided: Vec<Option<OffsetDateTime>> = prepared.iter().map(|p| p.decided_at).collect();
    let outcome: Vec<Option<String>> = prepared.iter().map(|p| p.outcome.map(|o| o.code().to_string())).collect();
    sqlx::query(
        "INSERT INTO cases (community_slug, service_slug, service_version, state, created_at, applicant_account, updated_at, \
         lang, channel, assisted_by, reference, submitted_at, due_on, paused_at, decided_at, outcome, pulse_channel, assignee) \
         SELECT c, s, v, st, sub, app, upd, l, ch, ab, r, sub, due, p, d, o, pc, a FROM UNNEST($1::TEXT[], $2::TEXT[], $3::BIGINT[], \
           $4::TEXT[], $5::TIMESTAMPTZ[], $6::BIGINT[], $7::TIMESTAMPTZ[], $8::TEXT[], $9::TEXT[], $10::BIGINT[], $11::TEXT[], \
           $12::DATE[], $13::TIMESTAMPTZ[], $14::TIMESTAMPTZ[], $15::TEXT[], $16::TEXT[], $17::BIGINT[]) \
           AS t(c, s, v, st, sub, app, upd, l, ch, ab, r, due, p, d, o, pc, a)",
    )
    .bind(&community)
    .bind(&service)
    .bind(&version)
    .bind(&state)
    .bind(&submitted)
    .bind(&applicant)
    .bind(&updated)
    .bind(&lang)
    .bind(&channel)
    .bind(&assisted_by)
    .bind(&reference)
    .bind(&due)
    .bind(&paused)
    .bind(&decided)
    .bind(&outcome)
    .bind(&pulse_channel)
    .bind(&assignee)
    .execute(&mut *tx)
    .await
    .map_err(map_err)?;
    sqlx::query(
        "INSERT INTO case_events (case_id, at, kind, to_state, by_applicant) \
         SELECT id, submitted_at, $2, state, TRUE FROM cases WHERE reference = ANY($1) ORDER BY id",
    )
    .bind(&reference)
    .bind(CaseEventKind::Submitted.code())
    .execute(&mut *tx)
    .await
    .map_err(map_err)?;
    insert_generated_events(&mut tx, &prepared).await?;
    insert_generated_documents(&mut tx, &prepared).await?;
    let answered: Vec<&PreparedCase<'_>> = prepared.iter().filter(|p| p.answer.is_some()).collect();
    if !answered.is_empty() {
        let refs: Vec<&str> = answered.iter().map(|p| p.reference.as_str()).collect();
        let scores: Vec<i32> = answered.iter().map(|p| p.answer.map_or(0, |(s, _)| i32::from(s))).collect();
        let ats: Vec<OffsetDateTime> = answered.iter().filter_map(|p| p.answer.map(|(_, at)| at)).collect();
        sqlx::query(
            "INSERT INTO satisfaction (case_id, score, at) \
             SELECT c.id, a.score, a.at FROM UNNEST($1::TEXT[], $2::INTEGER[], $3::TIMESTAMPTZ[]) AS a(reference, score, at) \
             JOIN cases AS c ON c.reference = a.reference",
        )
        .bind(&refs)
        .bind(&scores)
        .bind(&ats)
        .execute(&mut *tx)
        .await
        .map_err(map_err)?;
    }
    apply(&mut tx, &deltas).await?;
    sqlx::query("INSERT INTO meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = meta.value + EXCLUDED.value")
        .bind(GENERATED_COUNT)
        .bind(cases.len() as i64)
        .execute(&mut *tx)
        .await
        .map_err(map_err)?;
    tx.commit().await.map_err(map_err)?;
    Ok(cases.len() as u64)
}

/// The workflow's steps after each submission, in order (ids follow the arrays).
async fn insert_generated_events(conn: &mut PgConnection, prepared: &[PreparedCase<'_>]) -> StoreResult<()> {
    let steps: Vec<(&PreparedCase<'_>, &GeneratedEvent, OffsetDateTime)> =
        prepared.iter().flat_map(|p| p.case.events.iter().zip(&p.event_times).map(move |(e, at)| (p, e, *at))).collect();
    if steps.is_empty() {
        return Ok(());
    }
    let reference: Vec<&str> = steps.iter().map(|(p, _, _)| p.reference.as_str()).collect();
    let at: Vec<OffsetDateTime> = steps.iter().map(|(_, _, at)| *at).collect();
    let action: Vec<&str> = steps.iter().map(|(_, e, _)| e.action.as_str()).collect();
    let from: Vec<&str> = steps.iter().map(|(_, e, _)| e.from_state.as_str()).collect();
    let to: Vec<&str> = steps.iter().map(|(_, e, _)| e.to_state.as_str()).collect();
    let by_applicant: Vec<bool> = steps.iter().map(|(_, e, _)| e.by_applicant).collect();
    let actor: Vec<Option<i64>> = steps.iter().map(|(_, e, _)| e.actor.map(|a| a.0)).collect();
    let body: Vec<Option<&str>> = steps.iter().map(|(_, e, _)| e.body.as_deref()).collect();
    let inputs: Vec<Option<String>> =
        steps.iter().map(|(_, e, _)| e.inputs.as_ref().map(answers_json).transpose()).collect::<StoreResult<_>>()?;
    sqlx::query(
        "INSERT INTO case_events (case_id, at, kind, action, from_state, to_state, by_applicant, actor_account, body, inputs) \
         SELECT c.id, s.at, $1, s.action, s.from_state, s.to_state, s.by_applicant, s.actor, s.body, s.inputs \
         FROM UNNEST($2::TEXT[], $3::TIMESTAMPTZ[], $4::TEXT[], $5::TEXT[], $6::TEXT[], $7::BOOLEAN[], $8::BIGINT[], $9::TEXT[], \
           $10::TEXT[]) WITH ORDINALITY AS s(reference, at, action, from_state, to_state, by_applicant, actor, body, inputs, n) \
         JOIN cases AS c ON c.reference = s.reference ORDER BY s.n",
    )
    .bind(CaseEventKind::Action.code())
    .bind(&reference)
    .bind(&at)
    .bind(&action)
    .bind(&from)
    .bind(&to)
    .bind(&by_applicant)
    .bind(&actor)
    .bind(&body)
    .bind(&inputs)
    .execute(&mut *conn)
    .await
    .map_err(map_err)?;
    Ok(())
}

/// Each document with the event that issued it: its case's last.
async fn insert_generated_documents(conn: &mut PgConnection, prepared: &[PreparedCase<'_>]) -> StoreResult<()> {
    let issued: Vec<(&PreparedCase<'_>, &NewDocument, OffsetDateTime)> =
        prepared.iter().filter_map(|p| Some((p, p.document.as_ref()?, *p.event_times.last()?))).collect();
    if issued.is_empty() {
        return Ok(());
    }
    let col = |f: &dyn Fn(&NewDocument) -> String| issued.iter().map(|(_, d, _)| f(d)).collect::<Vec<String>>();
    let reference: Vec<&str> = issued.iter().map(|(p, _, _)| p.reference.as_str()).collect();
    let (number, code, kind) = (col(&|d| d.number.clone()), col(&|d| d.code.clone()), col(&|d| d.kind.clone()));
    let (title_uk, issuer_uk, holder) = (col(&|d| d.title.uk.clone()), col(&|d| d.issuer.uk.clone()), col(&|d| d.holder.clone()));
    let (key_id, payload) = (col(&|d| d.key_id.clone()), col(&|d| d.payload.clone()));
    let title_en: Vec<Option<String>> = issued.iter().map(|(_, d, _)| d.title.en.clone()).collect();
    let issuer_en: Vec<Option<String>> = issued.iter().map(|(_, d, _)| d.issuer.en.clone()).collect();
    let fields: Vec<String> = issued.iter().map(|(_, d, _)| fields_json(&d.fields)).collect::<StoreResult<_>>()?;
    let issued_on: Vec<Date> = issued.iter().map(|(_, d, _)| d.issued_on).collect();
    let expires_on: Vec<Option<Date>> = issued.iter().map(|(_, d, _)| d.expires_on).collect();
    let issued_at: Vec<OffsetDateTime> = issued.iter().map(|(_, _, at)| *at).collect();
    sqlx::query(
        "INSERT INTO documents (case_id, event_id, number, code, kind, title_uk, title_en, issuer_uk, issuer_en, holder, \
         fields, key_id, payload, issued_on, expires_on, issued_at) \
         SELECT c.id, (SELECT MAX(e.id) FROM case_events AS e WHERE e.case_id = c.id), d.number, d.code, d.kind, d.title_uk, \
           d.title_en, d.issuer_uk, d.issuer_en, d.holder, d.fields, d.key_id, d.payload, d.issued_on, d.expires_on, d.issued_at \
         FROM UNNEST($1::TEXT[], $2::TEXT[], $3::TEXT[], $4::TEXT[], $5::TEXT[], $6::TEXT[], $7::TEXT[], $8::TEXT[], $9::TEXT[], \
           $10::TEXT[], $11::TEXT[], $12::TEXT[], $13::DATE[], $14::DATE[], $15::TIMESTAMPTZ[]) WITH ORDINALITY \
           AS d(reference, number, code, kind, title_uk, title_en, issuer_uk, issuer_en, holder, fields, key_id, payload, issued_on, \
           expires_on, issued_at, n) \
         JOIN cases AS c ON c.reference = d.reference ORDER BY d.n",
    )
    .bind(&reference)
    .bind(&number)
    .bind(&code)
    .bind(&kind)
    .bind(&title_uk)
    .bind(&title_en)
    .bind(&issuer_uk)
    .bind(&issuer_en)
    .bind(&holder)
    .bind(&fields)
    .bind(&key_id)
    .bind(&payload)
    .bind(&issued_on)
    .bind(&expires_on)
    .bind(&issued_at)
    .execute(&mut *conn)
    .await
    .map_err(map_err)?;
    Ok(())
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

    async fn insert_generated_cases(&self, cases: &[GeneratedCase], documents: &GeneratedDocuments<'_>) -> StoreResult<u64> {
        insert_generated(&self.pool, cases, documents).await
    }

    async fn generated_cases(&self) -> StoreResult<u64> {
        let n: Option<i64> = sqlx::query_scalar("SELECT value FROM meta WHERE key = $1")
            .bind(GENERATED_COUNT)
            .fetch_optional(&self.pool)
            .await
            .map_err(map_err)?;
        Ok(count(n.unwrap_or(0)))
    }
}
