//! The pulse's roll-ups on SQLite: writing the [`Deltas`] of a change in its
//! transaction, reading the roll-ups in one read transaction, rebuilding
//! them from the cases, and inserting generated cases in batches.

use std::collections::HashMap;

use async_trait::async_trait;
use hromada_domain::case::CaseEventKind;
use hromada_domain::pulse::{Channel, Outcome, YearMonth};
use sqlx::SqliteConnection;
use sqlx::sqlite::{SqlitePool, SqliteRow};
use time::{Date, OffsetDateTime};

use super::{BEGIN_WRITE, SqliteStore, format_day, format_time, get, get_opt_time, map_err, parse_day, parse_time};
use crate::common::{answers_json, parse_case_channel};
use crate::documents::fields_json;
use crate::pulse::{
    AnswersRollup, ApplicationsRollup, CaseFacts, DecisionsRollup, Deltas, GENERATED_COUNT, GeneratedCase, GeneratedDocuments, OpenRollup,
    PulseRollups, PulseStore, REBUILD_FLAG, REBUILD_PAGE, WithdrawalsRollup, count, numbers_needed, parse_channel, parse_month,
    prepare_generated,
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
        None => Channel::of(parse_case_channel(&get::<String>(row, "channel")?)?, get::<i64>(row, "has_applicant")? == 1),
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

fn encode_err(e: serde_json::Error) -> StoreError {
    StoreError::Database(format!("cannot encode roll-up changes: {e}"))
}

/// Write the changes: one statement per table changed, whatever the number of
/// keys (the rows travel as one JSON array), tables in a fixed order.
pub(super) async fn apply(conn: &mut SqliteConnection, d: &Deltas) -> StoreResult<()> {
    if !d.applications.is_empty() {
        let rows: Vec<_> = d.applications.iter().map(|((m, c, s, ch), n)| (m, c, s, ch, n)).collect();
        sqlx::query(
            "INSERT INTO pulse_applications (month, community_slug, service_slug, channel, count) \
             SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]'), json_extract(value, '$[2]'), json_extract(value, '$[3]'), json_extract(value, '$[4]') FROM json_each(?) WHERE true \
             ON CONFLICT (month, community_slug, service_slug, channel) DO UPDATE SET count = count + excluded.count",
        )
        .bind(serde_json::to_string(&rows).map_err(encode_err)?)
        .execute(&mut *conn)
        .await
        .map_err(map_err)?;
    }
    if !d.decisions.is_empty() {
        let rows: Vec<_> = d.decisions.iter().map(|((m, c, s, days), (n, on_time))| (m, c, s, days, n, on_time)).collect();
        sqlx::query(
            "INSERT INTO pulse_decisions (month, community_slug, service_slug, days, count, on_time) \
             SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]'), json_extract(value, '$[2]'), json_extract(value, '$[3]'), json_extract(value, '$[4]'), json_extract(value, '$[5]') FROM json_each(?) WHERE true \
             ON CONFLICT (month, community_slug, service_slug, days) \
             DO UPDATE SET count = count + excluded.count, on_time = on_time + excluded.on_time",
        )
        .bind(serde_json::to_string(&rows).map_err(encode_err)?)
        .execute(&mut *conn)
        .await
        .map_err(map_err)?;
    }
    if !d.withdrawals.is_empty() {
        let rows: Vec<_> = d.withdrawals.iter().map(|((m, c, s), n)| (m, c, s, n)).collect();
        sqlx::query(
            "INSERT INTO pulse_withdrawals (month, community_slug, service_slug, count) \
             SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]'), json_extract(value, '$[2]'), json_extract(value, '$[3]') FROM json_each(?) WHERE true \
             ON CONFLICT (month, community_slug, service_slug) DO UPDATE SET count = count + excluded.count",
        )
        .bind(serde_json::to_string(&rows).map_err(encode_err)?)
        .execute(&mut *conn)
        .await
        .map_err(map_err)?;
    }
    if !d.answers.is_empty() {
        let rows: Vec<_> = d.answers.iter().map(|((m, c, s, score), n)| (m, c, s, score, n)).collect();
        sqlx::query(
            "INSERT INTO pulse_answers (month, community_slug, service_slug, score, count) \
             SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]'), json_extract(value, '$[2]'), json_extract(value, '$[3]'), json_extract(value, '$[4]') FROM json_each(?) WHERE true \
             ON CONFLICT (month, community_slug, service_slug, score) DO UPDATE SET count = count + excluded.count",
        )
        .bind(serde_json::to_string(&rows).map_err(encode_err)?)
        .execute(&mut *conn)
        .await
        .map_err(map_err)?;
    }
    if !d.open.is_empty() {
        let rows: Vec<(&String, &String, String, i64, &i64)> = d
            .open
            .iter()
            .map(|((c, s, due, paused), n)| Ok((c, s, format_day(*due)?, i64::from(*paused), n)))
            .collect::<StoreResult<_>>()?;
        sqlx::query(
            "INSERT INTO pulse_open (community_slug, service_slug, due_on, paused, count) \
             SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]'), json_extract(value, '$[2]'), json_extract(value, '$[3]'), json_extract(value, '$[4]') FROM json_each(?) WHERE true \
             ON CONFLICT (community_slug, service_slug, due_on, paused) DO UPDATE SET count = count + excluded.count",
        )
        .bind(serde_json::to_string(&rows).map_err(encode_err)?)
        .execute(&mut *conn)
        .await
        .map_err(map_err)?;
        // Buckets a case left (a move, a decision) go when they are empty.
        let emptied: Vec<_> = rows.iter().filter(|r| *r.4 < 0).map(|r| (r.0, r.1, &r.2, r.3)).collect();
        if !emptied.is_empty() {
            sqlx::query(
                "DELETE FROM pulse_open WHERE count = 0 AND (community_slug, service_slug, due_on, paused) IN \
                 (SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]'), json_extract(value, '$[2]'), json_extract(value, '$[3]') FROM json_each(?))",
            )
            .bind(serde_json::to_string(&emptied).map_err(encode_err)?)
            .execute(&mut *conn)
            .await
            .map_err(map_err)?;
        }
    }
    Ok(())
}

/// Cases just submitted (in the submitter's transaction, after their rows
/// were updated): remember the channel each was counted in, and count them —
/// a fixed handful of statements for the whole group.
pub(super) async fn count_submissions(conn: &mut SqliteConnection, case_ids: &[i64]) -> StoreResult<()> {
    if case_ids.is_empty() {
        return Ok(());
    }
    let rows = sqlx::query(concat!(facts!(), " WHERE id IN (SELECT value FROM json_each(?)) AND submitted_at IS NOT NULL"))
        .bind(serde_json::to_string(&case_ids).map_err(encode_err)?)
        .fetch_all(&mut *conn)
        .await
        .map_err(map_err)?;
    let mut deltas = Deltas::default();
    let mut channels = Vec::with_capacity(rows.len());
    for row in &rows {
        let facts = facts_from_row(row)?;
        channels.push((get::<i64>(row, "id")?, facts.channel.code()));
        deltas.case(&facts);
    }
    sqlx::query(
        "UPDATE cases SET pulse_channel = j.channel \
         FROM (SELECT json_extract(value, '$[0]') AS id, json_extract(value, '$[1]') AS channel FROM json_each(?)) AS j WHERE cases.id = j.id",
    )
    .bind(serde_json::to_string(&channels).map_err(encode_err)?)
    .execute(&mut *conn)
    .await
    .map_err(map_err)?;
    apply(conn, &deltas).await
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
    out.page_feedback = super::feedback::rollups(&mut tx, &from, &to).await?;
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
    let flag: Option<i64> =
        sqlx::query_scalar("SELECT value FROM meta WHERE key = ?").bind(REBUILD_FLAG).fetch_optional(&mut *tx).await.map_err(map_err)?;
    if flag.unwrap_or(0) != 0 {
        rebuild_in(&mut tx).await?;
    }
    tx.commit().await.map_err(map_err)
}

/// A batch of generated cases with a fixed handful of statements: the
/// reference counters, one `INSERT` each of the cases, their `submitted`
/// events, their workflow events, their documents and their survey answers
/// (rows as one JSON array), and the roll-ups.
async fn insert_generated(writer: &SqlitePool, cases: &[GeneratedCase], documents: &GeneratedDocuments<'_>) -> StoreResult<u64> {
    if cases.is_empty() {
        return Ok(0);
    }
    let mut tx = writer.begin_with(BEGIN_WRITE).await.map_err(map_err)?;
    let codes: HashMap<String, String> =
        sqlx::query_as("SELECT slug, code FROM communities").fetch_all(&mut *tx).await.map_err(map_err)?.into_iter().collect();
    let mut first = std::collections::BTreeMap::new();
    for ((code, year), n) in numbers_needed(cases, &codes)? {
        let last: i64 = sqlx::query_scalar(
            "INSERT INTO reference_counters (community_code, year, last) VALUES (?, ?, ?) \
             ON CONFLICT (community_code, year) DO UPDATE SET last = last + excluded.last RETURNING last",
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
    let mut rows = Vec::with_capacity(prepared.len());
    let mut answers = Vec::new();
    let mut events = Vec::new();
    let mut issued = Vec::new();
    for p in &prepared {
        let c = p.case;
        let at = format_time(p.submitted_at)?;
        let decided = p.decided_at.map(format_time).transpose()?;
        rows.push(serde_json::json!([
            c.community_slug,
            c.service_slug,
            c.service_version,
            c.state,
            at,
            c.applicant.map(|a| a.0),
            format_time(p.updated_at)?,
            c.lang.code(),
            c.channel.code(),
            c.assisted_by.map(|a| a.0),
            p.reference,
            c.due_on.map(format_day).transpose()?,
            p.paused_at.map(format_time).transpose()?,
            decided,
            p.outcome.map(Outcome::code),
            p.channel.code(),
            c.assignee.map(|a| a.0),
        ]));
        if let Some((score, at)) = p.answer {
            answers.push(serde_json::json!([p.reference, score, format_time(at)?]));
        }
        for (e, at) in c.events.iter().zip(&p.event_times) {
            events.push(serde_json::json!([
                p.reference,
                format_time(*at)?,
                e.action,
                e.from_state,
                e.to_state,
                i64::from(e.by_applicant),
                e.actor.map(|a| a.0),
                e.body,
                e.inputs.as_ref().map(answers_json).transpose()?,
            ]));
        }
        if let (Some(d), Some(at)) = (&p.document, p.event_times.last()) {
            issued.push(serde_json::json!([
                p.reference,
                d.number,
                d.code,
                d.kind,
                d.title.uk,
                d.title.en,
                d.issuer.uk,
                d.issuer.en,
                d.holder,
                fields_json(&d.fields)?,
                d.key_id,
                d.payload,
                format_day(d.issued_on)?,
                d.expires_on.map(format_day).transpose()?,
                format_time(*at)?,
            ]));
        }
    }
    let rows = serde_json::to_string(&rows).map_err(encode_err)?;
    sqlx::query(
        "INSERT INTO cases (community_slug, service_slug, service_version, state, created_at, applicant_account, updated_at, \
         lang, channel, assisted_by, reference, submitted_at, due_on, paused_at, decided_at, outcome, pulse_channel, assignee) \
         SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]'), json_extract(value, '$[2]'), json_extract(value, '$[3]'), \
           json_extract(value, '$[4]'), json_extract(value, '$[5]'), json_extract(value, '$[6]'), json_extract(value, '$[7]'), \
           json_extract(value, '$[8]'), json_extract(value, '$[9]'), json_extract(value, '$[10]'), json_extract(value, '$[4]'), \
           json_extract(value, '$[11]'), json_extract(value, '$[12]'), json_extract(value, '$[13]'), json_extract(value, '$[14]'), \
           json_extract(value, '$[15]'), json_extract(value, '$[16]') \
         FROM json_each(?) ORDER BY key",
    )
    .bind(&rows)
    .execute(&mut *tx)
    .await
    .map_err(map_err)?;
    sqlx::query(
        "INSERT INTO case_events (case_id, at, kind, to_state, by_applicant) \
         SELECT c.id, c.submitted_at, ?, c.state, 1 FROM json_each(?) AS j JOIN cases AS c ON c.reference = json_extract(j.value, '$[10]') \
         ORDER BY j.key",
    )
    .bind(CaseEventKind::Submitted.code())
    .bind(&rows)
    .execute(&mut *tx)
    .await
    .map_err(map_err)?;
    // The workflow's steps after each submission, in order (ids follow the array).
    if !events.is_empty() {
        sqlx::query(
            "INSERT INTO case_events (case_id, at, kind, action, from_state, to_state, by_applicant, actor_account, body, inputs) \
             SELECT c.id, json_extract(j.value, '$[1]'), ?, json_extract(j.value, '$[2]'), json_extract(j.value, '$[3]'), \
               json_extract(j.value, '$[4]'), json_extract(j.value, '$[5]'), json_extract(j.value, '$[6]'), \
               json_extract(j.value, '$[7]'), json_extract(j.value, '$[8]') \
             FROM json_each(?) AS j JOIN cases AS c ON c.reference = json_extract(j.value, '$[0]') ORDER BY j.key",
        )
        .bind(CaseEventKind::Action.code())
        .bind(serde_json::to_string(&events).map_err(encode_err)?)
        .execute(&mut *tx)
        .await
        .map_err(map_err)?;
    }
    // Each document with the event that issued it: its case's last.
    if !issued.is_empty() {
        sqlx::query(
            "INSERT INTO documents (case_id, event_id, number, code, kind, title_uk, title_en, issuer_uk, issuer_en, holder, \
             fields, key_id, payload, issued_on, expires_on, issued_at) \
             SELECT c.id, (SELECT MAX(e.id) FROM case_events AS e WHERE e.case_id = c.id), json_extract(j.value, '$[1]'), \
               json_extract(j.value, '$[2]'), json_extract(j.value, '$[3]'), json_extract(j.value, '$[4]'), json_extract(j.value, '$[5]'), \
               json_extract(j.value, '$[6]'), json_extract(j.value, '$[7]'), json_extract(j.value, '$[8]'), json_extract(j.value, '$[9]'), \
               json_extract(j.value, '$[10]'), json_extract(j.value, '$[11]'), json_extract(j.value, '$[12]'), \
               json_extract(j.value, '$[13]'), json_extract(j.value, '$[14]') \
             FROM json_each(?) AS j JOIN cases AS c ON c.reference = json_extract(j.value, '$[0]') ORDER BY j.key",
        )
        .bind(serde_json::to_string(&issued).map_err(encode_err)?)
        .execute(&mut *tx)
        .await
        .map_err(map_err)?;
    }
    if !answers.is_empty() {
        sqlx::query(
            "INSERT INTO satisfaction (case_id, score, at) \
             SELECT c.id, json_extract(j.value, '$[1]'), json_extract(j.value, '$[2]') \
             FROM json_each(?) AS j JOIN cases AS c ON c.reference = json_extract(j.value, '$[0]')",
        )
        .bind(serde_json::to_string(&answers).map_err(encode_err)?)
        .execute(&mut *tx)
        .await
        .map_err(map_err)?;
    }
    apply(&mut tx, &deltas).await?;
    sqlx::query("INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = value + excluded.value")
        .bind(GENERATED_COUNT)
        .bind(cases.len() as i64)
        .execute(&mut *tx)
        .await
        .map_err(map_err)?;
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

    async fn insert_generated_cases(&self, cases: &[GeneratedCase], documents: &GeneratedDocuments<'_>) -> StoreResult<u64> {
        insert_generated(&self.writer, cases, documents).await
    }

    async fn generated_cases(&self) -> StoreResult<u64> {
        let n: Option<i64> = sqlx::query_scalar("SELECT value FROM meta WHERE key = ?")
            .bind(GENERATED_COUNT)
            .fetch_optional(&self.readers)
            .await
            .map_err(map_err)?;
        Ok(count(n.unwrap_or(0)))
    }
}
