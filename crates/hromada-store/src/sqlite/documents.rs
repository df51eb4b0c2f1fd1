//! Signing keys and documents on SQLite.

use async_trait::async_trait;
use hromada_domain::account::AccountId;
use hromada_domain::definition::Answers;
use sqlx::SqliteConnection;
use sqlx::sqlite::SqliteRow;
use time::OffsetDateTime;

use super::{BEGIN_WRITE, SqliteStore, format_day, format_time, get, get_opt_time, get_time, map_err, parse_day, text};
use crate::common::stored_time;
use crate::documents::{
    DocumentChange, DocumentRecord, DocumentStore, NewDocument, SigningKeyRecord, document_columns, fields_from_json, fields_json,
    merge_inputs,
};
use crate::{StoreError, StoreResult};

fn key_from_row(row: &SqliteRow) -> StoreResult<SigningKeyRecord> {
    Ok(SigningKeyRecord {
        id: get(row, "id")?,
        community_slug: get(row, "community_slug")?,
        number: u32::try_from(get::<i64>(row, "number")?).map_err(|_| crate::common::bad_stored("signing_keys.number"))?,
        public_key: get(row, "public_key")?,
        created_at: get_time(row, "created_at")?,
        retired_at: get_opt_time(row, "retired_at")?,
    })
}

fn document_from_row(row: &SqliteRow) -> StoreResult<DocumentRecord> {
    Ok(DocumentRecord {
        id: get(row, "id")?,
        case_id: get(row, "case_id")?,
        community_slug: get(row, "community_slug")?,
        service_slug: get(row, "service_slug")?,
        document: NewDocument {
            number: get(row, "number")?,
            code: get(row, "code")?,
            kind: get(row, "kind")?,
            title: text(get(row, "title_uk")?, get(row, "title_en")?),
            issuer: text(get(row, "issuer_uk")?, get(row, "issuer_en")?),
            holder: get(row, "holder")?,
            fields: fields_from_json(&get::<String>(row, "fields")?)?,
            key_id: get(row, "key_id")?,
            payload: get(row, "payload")?,
            issued_on: parse_day(&get::<String>(row, "issued_on")?)?,
            expires_on: get::<Option<String>>(row, "expires_on")?.as_deref().map(parse_day).transpose()?,
        },
        issued_at: get_time(row, "issued_at")?,
        revoked_at: get_opt_time(row, "revoked_at")?,
        revoked_by: get::<Option<i64>>(row, "revoked_by")?.map(AccountId),
        revoked_reason: get(row, "revoked_reason")?,
    })
}

/// Issue or revoke a document in the transaction of the case event `event_id`.
pub(super) async fn apply_change(
    conn: &mut SqliteConnection,
    case_id: i64,
    event_id: i64,
    actor: Option<AccountId>,
    at: OffsetDateTime,
    change: &DocumentChange,
) -> StoreResult<()> {
    match change {
        DocumentChange::Issue(d) => {
            sqlx::query(
                "INSERT INTO documents (case_id, event_id, number, code, kind, title_uk, title_en, issuer_uk, issuer_en, holder, \
                 fields, key_id, payload, issued_on, expires_on, issued_at) \
                 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            )
            .bind(case_id)
            .bind(event_id)
            .bind(&d.number)
            .bind(&d.code)
            .bind(&d.kind)
            .bind(&d.title.uk)
            .bind(&d.title.en)
            .bind(&d.issuer.uk)
            .bind(&d.issuer.en)
            .bind(&d.holder)
            .bind(fields_json(&d.fields)?)
            .bind(&d.key_id)
            .bind(&d.payload)
            .bind(format_day(d.issued_on)?)
            .bind(d.expires_on.map(format_day).transpose()?)
            .bind(format_time(at)?)
            .execute(&mut *conn)
            .await
            .map_err(map_err)?;
        }
        DocumentChange::Revoke { number, reason } => {
            let done = sqlx::query(
                "UPDATE documents SET revoked_at = ?, revoked_by = ?, revoked_reason = ? \
                 WHERE number = ? AND case_id = ? AND revoked_at IS NULL",
            )
            .bind(format_time(at)?)
            .bind(actor.map(|a| a.0))
            .bind(reason)
            .bind(number)
            .bind(case_id)
            .execute(&mut *conn)
            .await
            .map_err(map_err)?;
            if done.rows_affected() != 1 {
                return Err(StoreError::Conflict(format!("document {number} is not an unrevoked document of the case")));
            }
        }
    }
    Ok(())
}

macro_rules! key_columns {
    () => {
        "id, community_slug, number, public_key, created_at, retired_at"
    };
}

#[async_trait]
impl DocumentStore for SqliteStore {
    async fn signing_keys(&self) -> StoreResult<Vec<SigningKeyRecord>> {
        let rows = sqlx::query(concat!("SELECT ", key_columns!(), " FROM signing_keys ORDER BY community_slug, number"))
            .fetch_all(&self.readers)
            .await
            .map_err(map_err)?;
        rows.iter().map(key_from_row).collect()
    }

    async fn add_signing_key(&self, community_slug: &str, public_key: &str, at: OffsetDateTime) -> StoreResult<SigningKeyRecord> {
        let at = format_time(stored_time(at)?)?;
        let mut tx = self.writer.begin_with(BEGIN_WRITE).await.map_err(map_err)?;
        let code: Option<String> = sqlx::query_scalar("SELECT code FROM communities WHERE slug = ?")
            .bind(community_slug)
            .fetch_optional(&mut *tx)
            .await
            .map_err(map_err)?;
        let Some(code) = code else { return Err(StoreError::NotFound) };
        let last: Option<i64> = sqlx::query_scalar("SELECT MAX(number) FROM signing_keys WHERE community_slug = ?")
            .bind(community_slug)
            .fetch_one(&mut *tx)
            .await
            .map_err(map_err)?;
        let number = last.unwrap_or(0) + 1;
        sqlx::query("UPDATE signing_keys SET retired_at = ? WHERE community_slug = ? AND retired_at IS NULL")
            .bind(&at)
            .bind(community_slug)
            .execute(&mut *tx)
            .await
            .map_err(map_err)?;
        let id = hromada_domain::document::key_id(&code, u32::try_from(number).map_err(|_| StoreError::Conflict("too many keys".into()))?);
        let row = sqlx::query(concat!(
            "INSERT INTO signing_keys (id, community_slug, number, public_key, created_at) VALUES (?, ?, ?, ?, ?) RETURNING ",
            key_columns!()
        ))
        .bind(&id)
        .bind(community_slug)
        .bind(number)
        .bind(public_key)
        .bind(&at)
        .fetch_one(&mut *tx)
        .await
        .map_err(map_err)?;
        let key = key_from_row(&row)?;
        tx.commit().await.map_err(map_err)?;
        Ok(key)
    }

    async fn documents_of_case(&self, case_id: i64) -> StoreResult<Vec<DocumentRecord>> {
        let rows = sqlx::query(concat!(
            "SELECT ",
            document_columns!(),
            " FROM documents d JOIN cases c ON c.id = d.case_id WHERE d.case_id = ? ORDER BY d.id"
        ))
        .bind(case_id)
        .fetch_all(&self.readers)
        .await
        .map_err(map_err)?;
        rows.iter().map(document_from_row).collect()
    }

    async fn documents_of_account(&self, account: AccountId) -> StoreResult<Vec<DocumentRecord>> {
        let rows = sqlx::query(concat!(
            "SELECT ",
            document_columns!(),
            " FROM documents d JOIN cases c ON c.id = d.case_id WHERE c.applicant_account = ? ORDER BY d.id DESC"
        ))
        .bind(account.0)
        .fetch_all(&self.readers)
        .await
        .map_err(map_err)?;
        rows.iter().map(document_from_row).collect()
    }

    async fn document_by_number(&self, number: &str) -> StoreResult<Option<DocumentRecord>> {
        let row =
            sqlx::query(concat!("SELECT ", document_columns!(), " FROM documents d JOIN cases c ON c.id = d.case_id WHERE d.number = ?"))
                .bind(number)
                .fetch_optional(&self.readers)
                .await
                .map_err(map_err)?;
        row.as_ref().map(document_from_row).transpose()
    }

    async fn document_by_code(&self, code: &str) -> StoreResult<Option<DocumentRecord>> {
        let row =
            sqlx::query(concat!("SELECT ", document_columns!(), " FROM documents d JOIN cases c ON c.id = d.case_id WHERE d.code = ?"))
                .bind(code)
                .fetch_optional(&self.readers)
                .await
                .map_err(map_err)?;
        row.as_ref().map(document_from_row).transpose()
    }

    async fn revocations(&self) -> StoreResult<Vec<(String, OffsetDateTime)>> {
        let rows = sqlx::query("SELECT number, revoked_at FROM documents WHERE revoked_at IS NOT NULL ORDER BY number")
            .fetch_all(&self.readers)
            .await
            .map_err(map_err)?;
        rows.iter().map(|row| Ok((get(row, "number")?, get_time(row, "revoked_at")?))).collect()
    }

    async fn action_inputs(&self, case_id: i64) -> StoreResult<Answers> {
        let jsons: Vec<String> = sqlx::query_scalar("SELECT inputs FROM case_events WHERE case_id = ? AND inputs IS NOT NULL ORDER BY id")
            .bind(case_id)
            .fetch_all(&self.readers)
            .await
            .map_err(map_err)?;
        merge_inputs(jsons)
    }
}
