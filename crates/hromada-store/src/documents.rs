//! Verifiable documents in the store: the communities' signing keys (public
//! halves only — the private ones live in the data dir, see ARCHITECTURE.md)
//! and the documents that decisions issued. A document is written in the
//! transaction of the case event that issues it, and revoked in the
//! transaction of the case event that records the revocation (see
//! [`crate::NewCaseEvent::document`]).

use async_trait::async_trait;
use hromada_domain::Text;
use hromada_domain::definition::Answers;
use serde::{Deserialize, Serialize};
use time::{Date, OffsetDateTime};

use crate::{AccountId, StoreError, StoreResult};

/// A community's signing key, as published.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SigningKeyRecord {
    /// `BUC-2`.
    pub id: String,
    pub community_slug: String,
    pub number: u32,
    /// 32 bytes, base64url.
    pub public_key: String,
    pub created_at: OffsetDateTime,
    /// Set when a newer key took over; the key still verifies what it signed.
    pub retired_at: Option<OffsetDateTime>,
}

/// One field printed on a document: the definition's id, its label and the value as printed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentField {
    pub id: String,
    pub label_uk: String,
    pub label_en: Option<String>,
    pub value: String,
}

/// A document to write with the case event that issues it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewDocument {
    /// `BUC-2026-000123`.
    pub number: String,
    /// The verification code a person types, `7K3MQ-9XD2A`.
    pub code: String,
    /// The definition's document id.
    pub kind: String,
    pub title: Text,
    pub issuer: Text,
    pub holder: String,
    pub fields: Vec<DocumentField>,
    pub key_id: String,
    /// The signed payload, base64url.
    pub payload: String,
    pub issued_on: Date,
    pub expires_on: Option<Date>,
}

/// What a case event does to a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DocumentChange {
    Issue(Box<NewDocument>),
    /// Revoke the case's document with this number (the event's actor revokes it).
    Revoke {
        number: String,
        reason: String,
    },
}

/// A stored document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentRecord {
    pub id: i64,
    pub case_id: i64,
    pub community_slug: String,
    pub service_slug: String,
    pub document: NewDocument,
    pub issued_at: OffsetDateTime,
    pub revoked_at: Option<OffsetDateTime>,
    pub revoked_by: Option<AccountId>,
    pub revoked_reason: Option<String>,
}

/// The documents' part of the store.
#[async_trait]
pub trait DocumentStore: Send + Sync {
    /// Every key of every community, oldest first.
    async fn signing_keys(&self) -> StoreResult<Vec<SigningKeyRecord>>;
    /// Add a community's next key and retire the one in use, in one
    /// transaction; `Conflict` if another key was added meanwhile.
    async fn add_signing_key(&self, community_slug: &str, public_key: &str, at: OffsetDateTime) -> StoreResult<SigningKeyRecord>;
    async fn documents_of_case(&self, case_id: i64) -> StoreResult<Vec<DocumentRecord>>;
    /// The documents of the cases an account applied for, newest first.
    async fn documents_of_account(&self, account: AccountId) -> StoreResult<Vec<DocumentRecord>>;
    async fn document_by_number(&self, number: &str) -> StoreResult<Option<DocumentRecord>>;
    async fn document_by_code(&self, code: &str) -> StoreResult<Option<DocumentRecord>>;
    /// Number and day of every revoked document (for the published keys file).
    async fn revocations(&self) -> StoreResult<Vec<(String, OffsetDateTime)>>;
    /// The inputs that staff gave with the case's workflow actions, the later
    /// value of a field replacing the earlier.
    async fn action_inputs(&self, case_id: i64) -> StoreResult<Answers>;
}

pub(crate) fn fields_json(fields: &[DocumentField]) -> StoreResult<String> {
    serde_json::to_string(fields).map_err(|e| StoreError::Database(format!("cannot encode document fields: {e}")))
}

pub(crate) fn fields_from_json(json: &str) -> StoreResult<Vec<DocumentField>> {
    serde_json::from_str(json).map_err(|_| crate::common::bad_stored("documents.fields"))
}

/// Merge the inputs of events (in order) into one set of answers.
pub(crate) fn merge_inputs(jsons: Vec<String>) -> StoreResult<Answers> {
    let mut merged = Answers::new();
    for json in jsons {
        merged.extend(crate::common::answers_from_json(&json)?);
    }
    Ok(merged)
}

/// The columns `document_from_row` reads (documents `d` joined with cases `c`).
macro_rules! document_columns {
    () => {
        "d.id, d.case_id, c.community_slug, c.service_slug, d.number, d.code, d.kind, d.title_uk, d.title_en, \
         d.issuer_uk, d.issuer_en, d.holder, d.fields, d.key_id, d.payload, d.issued_on, d.expires_on, d.issued_at, \
         d.revoked_at, d.revoked_by, d.revoked_reason"
    };
}
pub(crate) use document_columns;
