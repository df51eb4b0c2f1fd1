//! "Was this page useful?" on SQLite (see `crate::feedback`).

use hromada_domain::pulse::YearMonth;
use sqlx::SqliteConnection;
use sqlx::sqlite::SqlitePool;

use super::{BEGIN_WRITE, format_day, get, map_err, parse_day};
use crate::pulse::{count, parse_month};
use crate::{NewPageFeedback, PageComment, PageFeedbackRollup, StoreResult};

pub(super) async fn put(writer: &SqlitePool, feedback: &NewPageFeedback) -> StoreResult<()> {
    let key = feedback.page.to_string();
    let mut tx = writer.begin_with(BEGIN_WRITE).await.map_err(map_err)?;
    sqlx::query("INSERT INTO page_feedback (community_slug, service_slug, page_key, useful, comment, day) VALUES (?, ?, ?, ?, ?, ?)")
        .bind(&feedback.page.community)
        .bind(&feedback.page.service)
        .bind(&key)
        .bind(i64::from(feedback.useful))
        .bind(feedback.comment.as_deref())
        .bind(format_day(feedback.day)?)
        .execute(&mut *tx)
        .await
        .map_err(map_err)?;
    sqlx::query(
        "INSERT INTO pulse_page_feedback (month, community_slug, service_slug, page_key, useful, count) VALUES (?, ?, ?, ?, ?, 1) \
         ON CONFLICT (month, community_slug, service_slug, page_key, useful) DO UPDATE SET count = count + 1",
    )
    .bind(YearMonth::of_date(feedback.day).to_string())
    .bind(&feedback.page.community)
    .bind(&feedback.page.service)
    .bind(&key)
    .bind(i64::from(feedback.useful))
    .execute(&mut *tx)
    .await
    .map_err(map_err)?;
    tx.commit().await.map_err(map_err)
}

pub(super) async fn comments(readers: &SqlitePool, community: &str, before_id: Option<i64>, limit: i64) -> StoreResult<Vec<PageComment>> {
    let rows = sqlx::query(
        "SELECT id, service_slug, page_key, useful, comment, day FROM page_feedback \
         WHERE community_slug = ? AND comment IS NOT NULL AND id < ? ORDER BY id DESC LIMIT ?",
    )
    .bind(community)
    .bind(before_id.unwrap_or(i64::MAX))
    .bind(limit.max(0))
    .fetch_all(readers)
    .await
    .map_err(map_err)?;
    rows.iter()
        .map(|r| {
            Ok(PageComment {
                id: get(r, "id")?,
                service_slug: get(r, "service_slug")?,
                page_key: get(r, "page_key")?,
                useful: get::<i64>(r, "useful")? == 1,
                comment: get(r, "comment")?,
                day: parse_day(&get::<String>(r, "day")?)?,
            })
        })
        .collect()
}

/// The roll-up of the months `from` to `to`, inside the pulse's read transaction.
pub(super) async fn rollups(conn: &mut SqliteConnection, from: &str, to: &str) -> StoreResult<Vec<PageFeedbackRollup>> {
    let rows = sqlx::query(
        "SELECT month, community_slug, service_slug, page_key, useful, count FROM pulse_page_feedback \
         WHERE month BETWEEN ? AND ? AND count <> 0 ORDER BY month, community_slug, service_slug, page_key, useful",
    )
    .bind(from)
    .bind(to)
    .fetch_all(conn)
    .await
    .map_err(map_err)?;
    rows.iter()
        .map(|r| {
            Ok(PageFeedbackRollup {
                community_slug: get(r, "community_slug")?,
                service_slug: get(r, "service_slug")?,
                month: parse_month(&get::<String>(r, "month")?)?,
                page_key: get(r, "page_key")?,
                useful: get::<i64>(r, "useful")? == 1,
                count: count(get(r, "count")?),
            })
        })
        .collect()
}
