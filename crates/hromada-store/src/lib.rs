//! The Store: everything Hromada keeps, behind one trait with a SQLite and a
//! PostgreSQL implementation.
//!
//! Architecture Invariant: only this crate knows SQL. Callers see domain types.

mod backup;
mod common;
mod documents;
mod feedback;
mod places;
mod postgres;
mod pulse;
mod sqlite;
pub mod testing;

use std::collections::BTreeMap;
use std::time::Duration;

use async_trait::async_trait;
use hromada_domain::Lang;
use hromada_domain::account::{
    Account, AccountId, NewAccount, Role, RoleGrant, Scope, SessionRecord, ThrottleDecision, TokenPurpose, TokenRecord, TotpRecord,
};
use hromada_domain::audit::{AuditEvent, AuditHead, AuditRow, ChainBreak, ChainVerifier};
use hromada_domain::case::{CaseChannel, CaseEventKind};
use hromada_domain::definition::Answers;
use hromada_domain::job::{JobKind, JobState};
use hromada_domain::place::{Community, Offer, Region};
use time::{Date, OffsetDateTime};

pub use backup::BackupStore;
pub use documents::{DocumentChange, DocumentField, DocumentRecord, DocumentStore, NewDocument, SigningKeyRecord};
pub use feedback::{NewPageFeedback, PageComment, PageFeedbackRollup};
pub use places::{Counts, PlaceStore, PlacesOutcome};
pub use postgres::PgStore;
pub use pulse::{
    AnswersRollup, ApplicationsRollup, DecisionsRollup, GeneratedCase, GeneratedDocuments, GeneratedEvent, OpenRollup, PulseRollups,
    PulseStore, WithdrawalsRollup,
};
pub use sqlite::SqliteStore;

#[derive(Debug, Clone, thiserror::Error)]
pub enum StoreError {
    #[error("the database is unavailable: {0}")]
    Unavailable(String),
    #[error("not found")]
    NotFound,
    #[error("conflict: {0}")]
    Conflict(String),
    #[error("database error: {0}")]
    Database(String),
    #[error("migration failed: {0}")]
    Migration(String),
    /// What was given may not be stored as it is (a definition with errors).
    #[error("refused: {0}")]
    Invalid(String),
}

pub type StoreResult<T> = Result<T, StoreError>;

/// One stored version of a service definition. `source` is the TOML text as imported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredService {
    pub slug: String,
    pub version: i64,
    pub source: String,
    /// Hex SHA-256 of `source`; an import of identical text makes no new version.
    pub sha256: String,
    pub imported_at: OffsetDateTime,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportOutcome {
    Created { version: i64 },
    Unchanged { version: i64 },
}

/// A case: which community, which service version it was made under, its
/// state, who applied, the answers, and once submitted its reference number
/// and due date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseRecord {
    pub id: i64,
    pub community_slug: String,
    pub service_slug: String,
    pub service_version: i64,
    /// `draft` or a workflow state id of the definition version.
    pub state: String,
    pub created_at: OffsetDateTime,
    /// The resident's account; `None` for a case made without an account or at
    /// the counter, and once the resident deleted the account (the case stays, detached).
    pub applicant: Option<AccountId>,
    /// The answers of the form, field id → values (as `form::check_page` normalised them).
    pub answers: Answers,
    /// Last change of the answers, the files or the state.
    pub updated_at: OffsetDateTime,
    /// `BUC-2026-000123`, given at submission.
    pub reference: Option<String>,
    pub submitted_at: Option<OffsetDateTime>,
    /// The day by which the office must decide (set at submission).
    pub due_on: Option<Date>,
    /// Where news of the case goes: the account's address or, without an account, the one given.
    pub contact_email: Option<String>,
    /// The language the resident applied in; letters about the case use it.
    pub lang: Lang,
    /// Without an account: SHA-256 (hex) of the secret that owns the case — the
    /// draft cookie's while a draft, the tracking link's once submitted.
    pub owner_token_hash: Option<String>,
    /// When the resident was warned that the draft will expire.
    pub expiry_warned_at: Option<OffsetDateTime>,
    /// The officer working on the case.
    pub assignee: Option<AccountId>,
    /// Since when the office waits for the resident (the deadline clock is stopped).
    pub paused_at: Option<OffsetDateTime>,
    /// When the case reached a final state.
    pub decided_at: Option<OffsetDateTime>,
    /// Online (the resident applied) or assisted (an operator applied with or for them).
    pub channel: CaseChannel,
    /// The operator who made an assisted application.
    pub assisted_by: Option<AccountId>,
    /// For an assisted application: for whom, their consent and how identity was checked (JSON).
    pub assisted_note: Option<String>,
}

impl CaseRecord {
    pub fn is_draft(&self) -> bool {
        self.state == DRAFT_STATE
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewCase {
    pub community_slug: String,
    pub service_slug: String,
    pub service_version: i64,
    pub state: String,
    pub created_at: OffsetDateTime,
    pub applicant: Option<AccountId>,
    pub lang: Lang,
    pub contact_email: Option<String>,
    pub owner_token_hash: Option<String>,
    pub channel: CaseChannel,
    pub assisted_by: Option<AccountId>,
    pub assisted_note: Option<String>,
}

/// What submitting a draft sets, all at once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Submission {
    pub case_id: i64,
    /// The community's reference prefix (`BUC`); the sequence runs per prefix and year.
    pub community_code: String,
    pub year: i32,
    /// The workflow's start state.
    pub state: String,
    pub at: OffsetDateTime,
    pub due_on: Option<Date>,
    /// The answers as checked at submission (pruned of what no longer applies).
    pub answers: Answers,
    pub contact_email: Option<String>,
    /// Without an account: the hash of the tracking link's secret, which
    /// replaces the draft cookie's as the owner.
    pub owner_token_hash: Option<String>,
    /// Jobs (the confirmation letter) queued in the same transaction, only if
    /// the case is submitted now: a letter is never lost after the commit, and
    /// costs no commit of its own.
    pub jobs: Vec<NewJob>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SubmitOutcome {
    /// Submitted now, with this reference number.
    Submitted { reference: String },
    /// It had been submitted before (a double click, a retried request): nothing changed.
    AlreadySubmitted { reference: String },
}

/// A file attached to a case: to a form field while a draft, or to a message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseFile {
    pub id: i64,
    pub case_id: i64,
    /// The form field, for a file of the application.
    pub field: Option<String>,
    /// The case event (a message) the file came with.
    pub event_id: Option<i64>,
    /// The sanitised name to show.
    pub name: String,
    /// The type decided from the content (`application/pdf`, …).
    pub content_type: String,
    pub size: i64,
    /// Hex SHA-256 of the content; the content lives in the data dir under it.
    pub sha256: String,
    pub uploaded_at: OffsetDateTime,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewCaseFile {
    pub case_id: i64,
    pub field: Option<String>,
    pub name: String,
    pub content_type: String,
    pub size: i64,
    pub sha256: String,
    pub uploaded_at: OffsetDateTime,
}

/// A page of a draft as the resident sent it: the draft's answers after it
/// and the files it brings, written together only if the files fit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DraftPage {
    pub case_id: i64,
    /// The draft's answers after the page. A file field of `max_files` that
    /// they hold gets, as its answer, the ids of all its files.
    pub answers: Answers,
    /// The page's new files (their content already on disk), each of a field of `max_files`.
    pub files: Vec<NewCaseFile>,
    /// The page's file fields and the most files each may hold, those it has included.
    pub max_files: BTreeMap<String, u32>,
    /// The most bytes all the case's files together may come to.
    pub max_total_bytes: i64,
    pub now: OffsetDateTime,
}

/// Why [`Store::save_draft_page`] wrote nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PageRefused {
    /// The field would hold more files than it may (another request added some meanwhile).
    TooManyFiles { field: String, max: u32 },
    /// The case's files would come to more than `max_total_bytes`.
    TooManyBytes,
}

/// One entry of a case's timeline: submission, a workflow action, a message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseEvent {
    pub id: i64,
    pub case_id: i64,
    pub at: OffsetDateTime,
    /// Submitted, action (a workflow transition) or message.
    pub kind: CaseEventKind,
    /// The workflow action, for `action`.
    pub action: Option<String>,
    pub from_state: Option<String>,
    pub to_state: Option<String>,
    /// Whether the applicant (or someone for them) did it; otherwise the office.
    pub by_applicant: bool,
    /// The staff account or the resident's account that acted, if any.
    pub actor: Option<AccountId>,
    /// Text of the event (a message, a reason, an action's inputs).
    pub body: Option<String>,
    /// An internal note of the office: never shown to the resident.
    pub internal: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewCaseEvent {
    pub case_id: i64,
    pub at: OffsetDateTime,
    pub kind: CaseEventKind,
    pub action: Option<String>,
    /// For a state change: the state the case must be in now, and the one it moves to.
    /// The event is recorded only if the case is still in `from` (`Conflict` otherwise).
    pub transition: Option<(String, String)>,
    pub by_applicant: bool,
    pub actor: Option<AccountId>,
    pub body: Option<String>,
    pub internal: bool,
    /// Files (already stored on disk) that come with the event.
    pub files: Vec<NewCaseFile>,
    /// The case's deadline bookkeeping after the event, set in the same transaction.
    pub schedule: Option<CaseSchedule>,
    /// The values of the workflow action's inputs, kept for the documents that print them.
    pub inputs: Option<Answers>,
    /// A document issued or revoked with the event, in the same transaction.
    pub document: Option<DocumentChange>,
}

/// Due date and clock of a case, as a workflow action leaves them.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CaseSchedule {
    pub due_on: Option<Date>,
    pub paused_at: Option<OffsetDateTime>,
    pub decided_at: Option<OffsetDateTime>,
    /// How the case ended, given with the `decided_at` that ends it (the
    /// phase of its final state); the pulse counts withdrawals apart from decisions.
    pub outcome: Option<hromada_domain::pulse::Outcome>,
}

/// Which cases a work queue shows.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CaseQuery {
    /// The communities whose cases the person may see (never empty for a real query).
    pub communities: Vec<String>,
    pub service: Option<String>,
    pub state: Option<String>,
    pub assignee: AssigneeFilter,
    /// Open cases only (not decided), the default of a queue.
    pub open_only: bool,
    /// Only cases due before this day (overdue: before today) and not paused.
    pub due_before: Option<Date>,
    /// Only cases due on or before this day (due soon), not paused.
    pub due_by: Option<Date>,
    pub sort: QueueSort,
    pub offset: i64,
    pub limit: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum AssigneeFilter {
    #[default]
    Anyone,
    Unassigned,
    Account(AccountId),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum QueueSort {
    /// Soonest due first (no due date last), then oldest submitted.
    #[default]
    DueDate,
    /// Newest submitted first.
    Newest,
    /// Oldest submitted first.
    Oldest,
}

/// One page of a queue and how many cases match in all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueuePage {
    pub cases: Vec<CaseRecord>,
    pub total: i64,
}

/// Open and overdue cases of one assignee (or none) and service, for supervisors.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Workload {
    pub community_slug: String,
    pub service_slug: String,
    pub assignee: Option<AccountId>,
    pub open: i64,
    pub overdue: i64,
}

/// A job of the queue kept in the database.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Job {
    pub id: i64,
    pub kind: JobKind,
    /// JSON.
    pub payload: String,
    pub attempts: i32,
    pub max_attempts: i32,
    /// When it was queued; with `id`, it names the job across database resets
    /// (a letter's Message-ID is made of both).
    pub created_at: OffsetDateTime,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewJob {
    pub kind: JobKind,
    pub payload: String,
    pub run_at: OffsetDateTime,
    pub max_attempts: i32,
}

/// An in-app notice for an account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notification {
    pub id: i64,
    pub account: AccountId,
    pub case_id: Option<i64>,
    pub at: OffsetDateTime,
    pub title: String,
    pub body: String,
    pub read_at: Option<OffsetDateTime>,
}

/// The state of a case that is still a draft: drafts go with their account.
pub const DRAFT_STATE: &str = "draft";

/// The pulse's roll-ups, the documents and the places are parts of it: see
/// [`PulseStore`], [`DocumentStore`], [`PlaceStore`], [`BackupStore`].
#[async_trait]
pub trait Store: PulseStore + DocumentStore + PlaceStore + BackupStore + Send + Sync + 'static {
    /// "sqlite" or "postgres", for logs and metrics.
    fn backend(&self) -> &'static str;
    /// Apply every pending migration. Idempotent.
    async fn migrate(&self) -> StoreResult<()>;
    /// A cheap round trip, for `/readyz`.
    async fn ping(&self) -> StoreResult<()>;
    /// (size, idle) of the connection pool(s), for `/metrics`.
    fn pool_stats(&self) -> PoolStats;

    /// Insert or update by slug.
    async fn put_region(&self, region: &Region) -> StoreResult<()>;
    /// Insert or update by slug; the region must exist (`NotFound`). Its
    /// reference code may change only while no case uses it (`Invalid`). A new
    /// community takes the `published` given; an update leaves publication as
    /// stored (see [`PlaceStore::set_community_published`]).
    async fn put_community(&self, community: &Community) -> StoreResult<()>;
    async fn regions(&self) -> StoreResult<Vec<Region>>;
    async fn communities(&self) -> StoreResult<Vec<Community>>;

    /// Store `source` as the next version of service `slug`, unless the latest
    /// version has the same SHA-256. Bumps the catalogue generation on change.
    /// `Invalid` (and nothing stored) when `parse_definition` finds an error in it.
    async fn import_service(&self, slug: &str, source: &str, now: OffsetDateTime) -> StoreResult<ImportOutcome> {
        let mut outcomes = self.import_services(&[(slug.to_string(), source.to_string())], &[], now).await?;
        outcomes.pop().ok_or(StoreError::NotFound)
    }
    /// Import several definitions `(slug, source)` and offer each in every
    /// community of `offer_in`, in one transaction: all of it or none of it.
    /// `Invalid` when a definition has an error, `NotFound` for an unknown
    /// community; then nothing is stored. Outcomes in the order given.
    async fn import_services(
        &self,
        services: &[(String, String)],
        offer_in: &[String],
        now: OffsetDateTime,
    ) -> StoreResult<Vec<ImportOutcome>>;
    /// The latest version of every service.
    async fn latest_services(&self) -> StoreResult<Vec<StoredService>>;
    async fn service_version(&self, slug: &str, version: i64) -> StoreResult<Option<StoredService>>;
    /// Make a service available in a community (idempotent: an offer's local
    /// details stay as they are). Bumps the generation.
    async fn offer_service(&self, community_slug: &str, service_slug: &str) -> StoreResult<()>;
    /// What every community offers, with the local details, by community and service.
    async fn offers(&self) -> StoreResult<Vec<Offer>>;
    /// A number that grows whenever the catalogue changes, so that servers
    /// holding it in memory know when to reload.
    async fn catalogue_generation(&self) -> StoreResult<i64>;

    /// Days that are not working days (public holidays in peace time, …).
    async fn put_non_working_day(&self, day: Date, note: &str) -> StoreResult<()>;
    async fn non_working_days(&self) -> StoreResult<Vec<Date>>;

    async fn create_case(&self, case: &NewCase) -> StoreResult<CaseRecord>;
    async fn case(&self, id: i64) -> StoreResult<Option<CaseRecord>>;
    /// The case owned by the secret with this hash (an anonymous draft or tracking link).
    async fn case_by_owner_token(&self, token_hash: &str) -> StoreResult<Option<CaseRecord>>;
    /// The case with this reference number.
    async fn case_by_reference(&self, reference: &str) -> StoreResult<Option<CaseRecord>>;
    /// Replace a draft's answers. `Conflict` when the case is no longer a draft,
    /// `NotFound` when there is no such case.
    async fn save_draft_answers(&self, case_id: i64, answers: &Answers, now: OffsetDateTime) -> StoreResult<()>;
    /// Delete a draft with its files' rows: the SHA-256 of its files (pass them to
    /// [`Store::unreferenced_files`] before removing content), or `None` if it is
    /// not a draft (or gone).
    async fn delete_draft(&self, case_id: i64) -> StoreResult<Option<Vec<String>>>;
    /// Submit a draft: give it the next reference number of its community and
    /// year, its start state, due date and final answers, and record the
    /// `submitted` event — in one transaction, acknowledged only after it is
    /// durably committed. Exactly once: a case submitted before gives
    /// `AlreadySubmitted` with its reference and changes nothing. `NotFound`
    /// for an unknown case; `Conflict` for a case that is neither a draft nor submitted.
    async fn submit_case(&self, submission: &Submission) -> StoreResult<SubmitOutcome>;
    /// Attach a file to a draft's field, with no limit. `Conflict` when the case is no longer a draft.
    async fn add_case_file(&self, file: &NewCaseFile) -> StoreResult<CaseFile>;
    /// Save a page of a draft: its new files and the answers, in one
    /// transaction that first counts, under the case's write lock (SQLite's
    /// single writer; a row lock on the case on PostgreSQL), each field's
    /// files and all the case's bytes with the new ones. Over a limit, nothing
    /// is written and the refusal says which. `Conflict` when the case is no
    /// longer a draft, `NotFound` when there is no such case.
    async fn save_draft_page(&self, page: &DraftPage) -> StoreResult<Result<Vec<CaseFile>, PageRefused>>;
    /// The case's files, in upload order.
    async fn case_files(&self, case_id: i64) -> StoreResult<Vec<CaseFile>>;
    /// Remove a file from a draft: `false` if there is no such file of this case or it is no longer a draft.
    async fn remove_case_file(&self, case_id: i64, file_id: i64) -> StoreResult<bool>;
    /// Of these SHA-256 hashes, those no case file refers to any more (their content may go).
    async fn unreferenced_files(&self, sha256: &[String]) -> StoreResult<Vec<String>>;
    /// Record a timeline event, with its state change (compare-and-set on the
    /// state, `Conflict` if the case moved meanwhile) and files, in one transaction.
    async fn record_case_event(&self, event: &NewCaseEvent) -> StoreResult<CaseEvent>;
    /// The case's timeline, oldest first.
    async fn case_events(&self, case_id: i64) -> StoreResult<Vec<CaseEvent>>;
    /// Drafts last changed before `updated_before` and not yet warned about expiry.
    async fn drafts_to_warn(&self, updated_before: OffsetDateTime, limit: i64) -> StoreResult<Vec<CaseRecord>>;
    async fn mark_draft_warned(&self, case_id: i64, at: OffsetDateTime) -> StoreResult<()>;
    /// Delete drafts last changed before `updated_before`; the SHA-256 of their files.
    async fn purge_drafts(&self, updated_before: OffsetDateTime) -> StoreResult<Vec<String>>;

    // --- Back-office ----------------------------------------------------------

    /// A page of submitted cases matching the query, and how many match in all.
    async fn case_queue(&self, query: &CaseQuery) -> StoreResult<QueuePage>;
    /// Open and overdue (due before `today`, not paused) cases per community, service and assignee.
    async fn workload(&self, communities: &[String], today: Date) -> StoreResult<Vec<Workload>>;
    /// Set the assignee of these submitted, undecided cases; with `only_unassigned`
    /// (claiming) only of those nobody has. How many changed.
    async fn assign_cases(&self, ids: &[i64], assignee: Option<AccountId>, only_unassigned: bool, now: OffsetDateTime) -> StoreResult<u64>;
    /// Open cases due between the two days (inclusive), not paused: for reminders.
    async fn cases_due_between(&self, from: Date, to: Date) -> StoreResult<Vec<CaseRecord>>;
    /// The drafts an operator started for residents at a service centre, newest first.
    async fn drafts_assisted_by(&self, operator: AccountId) -> StoreResult<Vec<CaseRecord>>;
    /// The staff of a community: (account, its name, its e-mail, role), by name.
    async fn staff_of_community(&self, community_slug: &str) -> StoreResult<Vec<(AccountId, String, String, Role)>>;
    /// The installation's non-working days with their notes, by date.
    async fn non_working_days_noted(&self) -> StoreResult<Vec<(Date, String)>>;
    /// `true` if the day was listed.
    async fn delete_non_working_day(&self, day: Date) -> StoreResult<bool>;
    /// Attach the one-time claim code (its SHA-256) of an assisted case.
    async fn set_claim_code(&self, case_id: i64, code_hash: &str) -> StoreResult<()>;
    /// Attach the case whose claim code has this hash to `account`, once: the
    /// code is cleared. The case's id, or `None` for an unknown or used code.
    async fn claim_case(&self, code_hash: &str, account: AccountId, now: OffsetDateTime) -> StoreResult<Option<i64>>;

    // --- The job queue ----------------------------------------------------------

    async fn enqueue_job(&self, job: &NewJob) -> StoreResult<i64>;
    /// Take up to `limit` jobs that are due (queued with `run_at <= now`, or
    /// running with an expired lease: a worker died), mark them running with a
    /// lease until `now + lease` held by `worker` (an instance's id) and one
    /// more attempt. A job is given to one worker at a time, across server
    /// instances (`FOR UPDATE SKIP LOCKED` on PostgreSQL).
    async fn claim_jobs(&self, now: OffsetDateTime, lease: Duration, limit: i64, worker: &str) -> StoreResult<Vec<Job>>;
    /// The running jobs whose lease `worker` holds are queued again, due at
    /// once (their attempt counts): an instance starting again after a crash
    /// takes back what it was doing rather than wait for its leases to end.
    /// Only the instance itself may call it, and only when no other process
    /// of the same id is running. How many were taken back.
    async fn take_back_jobs(&self, worker: &str) -> StoreResult<u64>;
    /// The job is done; its payload is emptied (a letter may carry a tracking link).
    async fn finish_job(&self, id: i64, now: OffsetDateTime) -> StoreResult<()>;
    /// A failed attempt: queued again at `retry_at`, or dead (`None`: no retries
    /// left; the payload is emptied, the kind and the last error stay).
    async fn fail_job(&self, id: i64, error: &str, retry_at: Option<OffsetDateTime>) -> StoreResult<()>;
    /// How many jobs are in each state (that has any).
    async fn job_counts(&self) -> StoreResult<Vec<(JobState, i64)>>;

    // --- In-app notices and the survey ----------------------------------------

    async fn add_notification(
        &self,
        account: AccountId,
        case_id: Option<i64>,
        at: OffsetDateTime,
        title: &str,
        body: &str,
    ) -> StoreResult<i64>;
    /// The newest `limit` notices of the account.
    async fn notifications_of(&self, account: AccountId, limit: i64) -> StoreResult<Vec<Notification>>;
    async fn mark_notifications_read(&self, account: AccountId, now: OffsetDateTime) -> StoreResult<u64>;
    /// The resident's answer to the survey, once per case: `false` if it was answered before.
    async fn put_satisfaction(&self, case_id: i64, score: u8, comment: Option<&str>, at: OffsetDateTime) -> StoreResult<bool>;
    async fn satisfaction(&self, case_id: i64) -> StoreResult<Option<(u8, Option<String>, OffsetDateTime)>>;

    // --- "Was this page useful?" ----------------------------------------------

    /// Store an answer and count it in the pulse's roll-up, in one transaction.
    async fn put_page_feedback(&self, feedback: &NewPageFeedback) -> StoreResult<()>;
    /// The answers with a comment about the community's pages, newest first:
    /// up to `limit`, only those with `id < before_id` when it is given (the
    /// next page starts before the last `id` of the page before).
    async fn page_comments(&self, community: &str, before_id: Option<i64>, limit: i64) -> StoreResult<Vec<PageComment>>;

    /// Append `event` to the audit trail as the next row, chained to the last
    /// one, and give the row as stored (`at` to the whole second, UTC). Appends
    /// are serialised by the database, so concurrent appends, from any number
    /// of servers, make one unbroken chain. `event.details` must hold no secrets.
    async fn append_audit(&self, event: &AuditEvent) -> StoreResult<AuditRow>;
    /// Up to `limit` rows with `seq > after_seq`, in `seq` order: walk the
    /// trail in pages with `after_seq` = the last `seq` of the page before.
    async fn audit_rows(&self, after_seq: i64, limit: i64) -> StoreResult<Vec<AuditRow>>;
    /// The rows about `subject` (`case:BUC-2026-000123`) whose action is one
    /// of `actions`, newest first: up to `limit`, only those with `seq <
    /// before_seq` when it is given (the next page starts before the last
    /// `seq` of the page before). An index on the subject keeps it quick.
    async fn audit_rows_about(&self, subject: &str, actions: &[&str], before_seq: Option<i64>, limit: i64) -> StoreResult<Vec<AuditRow>>;
    /// The number and hash of the last row the store appended (0 and 64 zeros
    /// while the trail is empty), to compare the end of a walk with.
    async fn audit_head(&self) -> StoreResult<AuditHead>;

    // --- Accounts -----------------------------------------------------------
    //
    // The store keeps what it is given: a PHC password hash, the SHA-256 hex of
    // a session id or an e-mailed token, a TOTP secret's bytes, hashes of
    // recovery codes. E-mail addresses are stored and looked up in canonical
    // form (`account::canonical_email`), so case never makes a second account.
    // Timestamps are stored to the whole second, in UTC.

    /// A new account; `Conflict` when an account (of any case) has the e-mail.
    async fn create_account(&self, account: &NewAccount) -> StoreResult<Account>;
    async fn account(&self, id: AccountId) -> StoreResult<Option<Account>>;
    /// The account with this e-mail, whatever its case.
    async fn account_by_email(&self, email: &str) -> StoreResult<Option<Account>>;
    /// `NotFound` for an unknown or deleted account.
    async fn set_password_hash(&self, id: AccountId, password_hash: &str) -> StoreResult<()>;
    /// Mark the e-mail confirmed at `at` (a second confirmation keeps the first
    /// time). `NotFound` for an unknown or deleted account.
    async fn confirm_email(&self, id: AccountId, at: OffsetDateTime) -> StoreResult<()>;
    /// `NotFound` for an unknown or deleted account.
    async fn update_profile(&self, id: AccountId, display_name: &str, preferred_lang: Lang) -> StoreResult<()>;

    /// Grant a role in a scope; makes the account staff. `true` if new, `false`
    /// if it was held already (the first grant's time and granter stay).
    /// `NotFound` for an unknown or deleted account, or an unknown community or region.
    async fn grant_role(&self, grant: &RoleGrant) -> StoreResult<bool>;
    /// `true` if the account held the role in the scope.
    async fn revoke_role(&self, account: AccountId, role: Role, scope: &Scope) -> StoreResult<bool>;
    /// Every role the account holds, ordered by scope (communities first) and role.
    async fn roles_of(&self, account: AccountId) -> StoreResult<Vec<RoleGrant>>;

    /// `Conflict` for a hash in use, `NotFound` for an unknown account.
    async fn create_session(&self, session: &SessionRecord) -> StoreResult<()>;
    /// The session, if it is live at `now` (both time-outs after `now`): an
    /// expired session is never returned, whether or not it was purged yet.
    async fn session_by_hash(&self, id_hash: &str, now: OffsetDateTime) -> StoreResult<Option<SessionRecord>>;
    /// Record a use of a live session: `last_seen_at = now`, and the idle
    /// time-out moves to `idle_expires_at` (the absolute one never moves).
    /// `false` when the session is gone or expired.
    async fn touch_session(&self, id_hash: &str, now: OffsetDateTime, idle_expires_at: OffsetDateTime) -> StoreResult<bool>;
    /// Remove the session `old_hash` and create `session` in one transaction
    /// (a new id at sign-in and at every change of privilege). `NotFound`, and
    /// nothing created, when `old_hash` is gone (signed out meanwhile).
    async fn replace_session(&self, old_hash: &str, session: &SessionRecord) -> StoreResult<()>;
    /// Sign out: `true` if the session existed.
    async fn delete_session(&self, id_hash: &str) -> StoreResult<bool>;
    /// Sign out everywhere: how many sessions ended.
    async fn delete_sessions_of(&self, account: AccountId) -> StoreResult<u64>;
    /// The account's sessions live at `now`, oldest first.
    async fn sessions_of(&self, account: AccountId, now: OffsetDateTime) -> StoreResult<Vec<SessionRecord>>;

    /// Keep an e-mailed token (`used_at` as given, normally `None`; the e-mail
    /// is stored canonical). `Conflict` for a hash in use.
    async fn put_token(&self, token: &TokenRecord) -> StoreResult<()>;
    /// Use a token: atomically mark it used at `now` and return it, only if it
    /// has this purpose, was never used and expires after `now`. Of any number
    /// of concurrent calls with one hash, at most one gets `Some`.
    async fn use_token(&self, hash: &str, purpose: TokenPurpose, now: OffsetDateTime) -> StoreResult<Option<TokenRecord>>;

    /// Start (or restart) TOTP enrolment: replaces any secret the account had,
    /// with its confirmation and last step. `NotFound` for an unknown account;
    /// `Conflict` for a secret in clear: the store keeps only sealed ones.
    async fn put_totp(&self, totp: &TotpRecord) -> StoreResult<()>;
    async fn totp_of(&self, account: AccountId) -> StoreResult<Option<TotpRecord>>;
    /// The accounts whose TOTP secret is still in clear (rows made before
    /// secrets were sealed), with those secrets.
    async fn clear_totp_secrets(&self) -> StoreResult<Vec<(AccountId, Vec<u8>)>>;
    /// Replace the clear secret `clear` of the account by `sealed`: `true` if
    /// the row still held that clear secret (a compare-and-set, so two
    /// instances starting at once seal it once).
    async fn seal_totp_secret(&self, account: AccountId, clear: &[u8], sealed: &[u8]) -> StoreResult<bool>;
    /// Confirm a pending enrolment: `true` if it was pending.
    async fn confirm_totp(&self, account: AccountId, at: OffsetDateTime) -> StoreResult<bool>;
    /// Record that the code of time step `step` was accepted: `true` only if
    /// `step` is later than the last accepted step (an atomic compare, so a
    /// replayed code, even one sent twice at once, is accepted once).
    async fn advance_totp_step(&self, account: AccountId, step: i64) -> StoreResult<bool>;

    /// Replace the account's recovery codes (old ones included) by these
    /// hashes, made with the account's new `salt`. `NotFound` for an unknown
    /// account, `Conflict` if a hash is given twice.
    async fn put_recovery_codes(&self, account: AccountId, salt: &[u8; 16], code_hashes: &[String]) -> StoreResult<()>;
    /// The salt of the account's recovery codes, if it has a salted set.
    async fn recovery_salt(&self, account: AccountId) -> StoreResult<Option<[u8; 16]>>;
    /// Use a recovery code: `true` once per code (atomic), `false` for an
    /// unknown or used one.
    async fn use_recovery_code(&self, account: AccountId, code_hash: &str, now: OffsetDateTime) -> StoreResult<bool>;
    /// How many unused recovery codes the account has.
    async fn recovery_codes_left(&self, account: AccountId) -> StoreResult<u32>;

    /// Count one attempt under `key` (`signin:acct:<id>`, `signin:ip:<addr>`, …)
    /// in a fixed window: the first attempt after a window ended opens a new
    /// one of length `window`; up to `limit` attempts in a window are allowed,
    /// later ones refused with the time left in it. Atomic: concurrent
    /// attempts each count. Refused attempts count too.
    async fn hit_throttle(&self, key: &str, now: OffsetDateTime, window: Duration, limit: u32) -> StoreResult<ThrottleDecision> {
        self.hit_throttle_by(key, now, window, limit, 1).await
    }
    /// Like [`Store::hit_throttle`], for an attempt that weighs `cost` (kibibytes
    /// uploaded, say; at least 1): the window allows `limit` in all, and the
    /// attempt that crosses it is refused (its cost counts all the same).
    async fn hit_throttle_by(
        &self,
        key: &str,
        now: OffsetDateTime,
        window: Duration,
        limit: u32,
        cost: u32,
    ) -> StoreResult<ThrottleDecision>;
    /// Forget the attempts under `key` (after a successful sign-in, say).
    async fn clear_throttle(&self, key: &str) -> StoreResult<()>;

    /// Delete what has expired by `now`: sessions, tokens, throttle windows.
    /// How many rows went.
    async fn purge_expired(&self, now: OffsetDateTime) -> StoreResult<u64>;

    /// The cases the account applied for (drafts included), by id.
    async fn cases_of_applicant(&self, account: AccountId) -> StoreResult<Vec<CaseRecord>>;
    /// Delete an account's personal data, in one transaction: its sessions,
    /// tokens (those sent to its e-mail too), TOTP, recovery codes, roles and
    /// draft cases go; its other cases stay, detached (`applicant` = `None`);
    /// the account row stays as a tombstone (`account::tombstone_email`, empty
    /// name, no password, `deleted_at = now`), so its e-mail can register
    /// again. `NotFound` for an unknown account; again on a deleted one, nothing changes.
    async fn delete_account_personal_data(&self, account: AccountId, now: OffsetDateTime) -> StoreResult<()>;
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PoolStats {
    pub size: u32,
    pub idle: u32,
}

/// Walk the whole audit trail in pages of `page_size` rows and check the
/// chain, then compare its end with the head the store recorded: the number of
/// rows checked, or the first break. Safe while servers keep appending: rows
/// appended during the walk are walked too.
pub async fn verify_audit_trail(store: &dyn Store, page_size: i64) -> StoreResult<Result<u64, ChainBreak>> {
    let mut verifier = ChainVerifier::new();
    let mut after = 0;
    loop {
        let page = store.audit_rows(after, page_size.max(1)).await?;
        let Some(last) = page.last() else {
            // The head is read after the walk, and an append writes its row and
            // the head in one transaction, so every row the walk saw is at or
            // before this head. A head beyond the walk is a row appended since,
            // unless there is none to read: then rows were removed from the end.
            let head = store.audit_head().await?;
            if head.seq > after && !store.audit_rows(after, 1).await?.is_empty() {
                continue;
            }
            return Ok(verifier.finish(Some(&head)));
        };
        after = last.seq;
        for row in &page {
            if let Err(chain_break) = verifier.check(row) {
                return Ok(Err(chain_break));
            }
        }
    }
}

/// Open the store that a database URL names: `sqlite://path` (or a bare
/// file path ending in `.db`/`.sqlite`) or `postgres://…`.
pub async fn connect(url: &str) -> StoreResult<std::sync::Arc<dyn Store>> {
    if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        Ok(std::sync::Arc::new(PgStore::connect(url).await?))
    } else if let Some(path) = sqlite_path(url) {
        Ok(std::sync::Arc::new(SqliteStore::open(path).await?))
    } else {
        Err(StoreError::Unavailable(format!("unsupported database URL (expected sqlite://PATH or postgres://…): {}", redact_url(url))))
    }
}

/// The newest migration this build knows for a backend (`sqlite` or `postgres`).
pub fn known_schema_version(backend: &str) -> i64 {
    match backend {
        "sqlite" => sqlite::known_schema_version(),
        _ => postgres::known_schema_version(),
    }
}

/// The file of a `sqlite:PATH` (or `sqlite://PATH`) database URL; `None` for any other.
pub fn sqlite_path(url: &str) -> Option<&std::path::Path> {
    url.strip_prefix("sqlite://").or_else(|| url.strip_prefix("sqlite:")).map(std::path::Path::new)
}

/// A URL with any password replaced by `***`, safe for logs and messages:
/// the user part's, and a `password=` parameter of the query.
pub fn redact_url(url: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((base, query)) => (base, Some(query)),
        None => (url, None),
    };
    let base = match (base.find("://"), base.rfind('@')) {
        (Some(scheme_end), Some(at)) if at > scheme_end => {
            let userinfo = &base[scheme_end + 3..at];
            match userinfo.find(':') {
                Some(colon) => format!("{}{}:***{}", &base[..scheme_end + 3], &userinfo[..colon], &base[at..]),
                None => base.to_string(),
            }
        }
        _ => base.to_string(),
    };
    match query {
        None => base,
        Some(query) => {
            let pairs: Vec<&str> = query.split('&').map(|pair| if pair.starts_with("password=") { "password=***" } else { pair }).collect();
            format!("{base}?{}", pairs.join("&"))
        }
    }
}

#[cfg(test)]
mod redact_tests {
    use super::redact_url;

    #[test]
    fn passwords_in_urls_are_never_shown() {
        assert_eq!(redact_url("postgres://hromada:s3cret@db:5432/hromada"), "postgres://hromada:***@db:5432/hromada");
        assert_eq!(
            redact_url("postgres://hromada@db/hromada?sslmode=require&password=s3cret"),
            "postgres://hromada@db/hromada?sslmode=require&password=***"
        );
        assert_eq!(redact_url("postgres://db/hromada?user=a@b.example"), "postgres://db/hromada?user=a@b.example");
        assert_eq!(redact_url("smtp://mail:pw@mail.example:587?tls=required"), "smtp://mail:***@mail.example:587?tls=required");
        assert_eq!(redact_url("sqlite:///var/lib/hromada/hromada.db"), "sqlite:///var/lib/hromada/hromada.db");
    }
}
