//! Notifications: what a case's news means for whom (letters and in-app
//! notices, each in its recipient's language), the worker of the job queue
//! kept in the database that sends them, the daily reminders of cases due
//! soon, and the resident's list of notices.
//!
//! The web records news with one job (`news`: the case, what happened, the
//! office's text), so a request waits on one insert however many people are
//! told. The worker turns it into one job per letter (`mail`) and per in-app
//! notice (`notice`), written from the case as the store has it then; each
//! is tried up to [`MAX_ATTEMPTS`] times with a growing pause
//! ([`retry_at`]) and then left `dead`. Jobs are claimed with a lease, one
//! worker at a time across server instances (`FOR UPDATE SKIP LOCKED` on
//! PostgreSQL), so several instances share the queue. The lease names the
//! instance ([`Instance`], whose id is kept in `<data_dir>/instance`): an
//! instance starting again after a crash takes back the jobs it was running
//! at once, while other instances' leases run out first.
//!
//! A letter is done only when it is durable: the SMTP server accepted it, or
//! the outbox's file and folder are flushed to disk. Delivery is at least
//! once (a worker that dies after sending and before recording it sends
//! again), but each letter has its own stable Message-ID ([`message_id`], from
//! the job's id and time and the public URL's host): the outbox writes the
//! same file again, and mail systems know the second copy for the same letter.
//!
//! Account letters (confirming an address, a reset link, a changed password)
//! are queued too ([`queue_letter`]), so that no request waits on SMTP, and
//! the forgotten-password form answers in the same time whether the address
//! is registered or not.
//!
//! Letter bodies carry links and personal data: they are never logged.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::sync::Mutex;
use std::time::Duration;

use hromada_domain::account::{Account, AccountId, Role};
use hromada_domain::case::CaseChannel;
use hromada_domain::clock::kyiv_time;
use hromada_domain::deadline::WorkCalendar;
use hromada_domain::definition::{Phase, ServiceDefinition};
use hromada_domain::job::{JobKind, JobState};
use hromada_mail::{Email, MailError};
use hromada_store::{CaseRecord, Job, NewJob, Notification, StoreError};
use serde::{Deserialize, Serialize};
use time::{Date, OffsetDateTime};

use crate::AppState;
use crate::http::i18n::Tr;
use crate::http::secret::random;

/// Tries of a job before it is left dead.
pub(crate) const MAX_ATTEMPTS: i32 = 5;
/// How long a claimed job is the claiming worker's; then another may take it.
const LEASE: Duration = Duration::from_secs(5 * 60);
/// Jobs claimed at once. With [`JOB_TIMEOUT`] a whole batch ends well within the lease.
const BATCH: i64 = 10;
/// The longest one job may take (an SMTP server that does not answer).
const JOB_TIMEOUT: Duration = Duration::from_secs(25);
/// Batches one tick runs at most, so that a flood of jobs does not starve the reminders check.
const MAX_BATCHES_PER_TICK: usize = 100;
/// How often the worker looks for due jobs when nobody wakes it.
const POLL: Duration = Duration::from_secs(2);
/// The pause after each failed try: after the first, 1 minute; after the second, 5; …
const BACKOFF: [Duration; 5] = [
    Duration::from_secs(60),
    Duration::from_secs(5 * 60),
    Duration::from_secs(30 * 60),
    Duration::from_secs(2 * 60 * 60),
    Duration::from_secs(12 * 60 * 60),
];
/// Reminders go out once a day, from this hour Kyiv time, on working days.
const REMINDER_HOUR: u8 = 7;
/// Cases due within this many working days are reminded of.
const REMINDER_WORKING_DAYS: u32 = 2;
/// Notices shown in a list.
const NOTICES_SHOWN: i64 = 10;

/// What happened to a case that people should hear about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum CaseNews {
    /// The resident submitted (or an operator submitted for them): the resident and the office hear.
    Submitted,
    /// The office asked the resident for information: the resident hears, with the request.
    InformationRequested,
    /// The resident answered the office's request: the office hears.
    ResidentAnswered,
    /// The case reached a final state (its phase says approved or rejected): the resident hears, with the reason.
    Decided,
    /// The office wrote to the resident: the resident hears, with the text.
    OfficeMessage,
}

impl CaseNews {
    fn for_resident(self) -> bool {
        !matches!(self, CaseNews::ResidentAnswered)
    }

    fn for_office(self) -> bool {
        matches!(self, CaseNews::Submitted | CaseNews::ResidentAnswered)
    }
}

// ---- the jobs' payloads ---------------------------------------------------------------

#[derive(Debug, Serialize, Deserialize)]
struct NewsJob {
    case: i64,
    news: CaseNews,
    /// The case's state when the news was made (a decision names it).
    state: String,
    message: Option<String>,
    /// The tracking link of a case without an account, known only at submission.
    link: Option<String>,
}

#[derive(Serialize, Deserialize)]
struct MailJob {
    to: String,
    subject: String,
    body: String,
}

#[derive(Serialize, Deserialize)]
struct NoticeJob {
    account: i64,
    case: Option<i64>,
    title: String,
    body: String,
}

#[derive(Debug, Serialize, Deserialize)]
struct RemindersJob {
    /// `YYYY-MM-DD`, Kyiv time.
    day: String,
}

enum Outgoing {
    Mail(MailJob),
    Notice(NoticeJob),
}

// ---- what the rest of the web calls -------------------------------------------------------

/// Queue the letters and in-app notices this news means, in each recipient's
/// language. Never fails the caller: a store error is logged. `message` is the
/// text the office wrote (request, reason, reply), if any.
///
/// The texts are written by the worker from the case as it is then (its
/// reference, due date, assignee); `definition` is the case's own version,
/// which the worker reads from the same cache.
pub(crate) async fn case_news(state: &AppState, case: &CaseRecord, _definition: &ServiceDefinition, news: CaseNews, message: Option<&str>) {
    queue_news(state, case, news, message, None).await;
}

/// [`case_news`] for a submission: `tracking_link` is the link of a case made
/// without an account, which only the submitting request knows (the store
/// keeps only its hash); the confirmation letter carries it.
/// The job of a submission's news, to go into the submission's own transaction
/// (`Submission::jobs`): the letter is queued exactly when the case is
/// submitted, with no commit of its own. Signal the worker after the commit.
pub(crate) fn submitted_job(state: &AppState, case_id: i64, case_state: &str, tracking_link: Option<String>) -> NewJob {
    let job = NewsJob { case: case_id, news: CaseNews::Submitted, state: case_state.to_string(), message: None, link: tracking_link };
    NewJob {
        kind: JobKind::News,
        payload: serde_json::to_string(&job).unwrap_or_default(),
        run_at: state.clock.now(),
        max_attempts: MAX_ATTEMPTS,
    }
}

async fn queue_news(state: &AppState, case: &CaseRecord, news: CaseNews, message: Option<&str>, link: Option<String>) {
    let job = NewsJob { case: case.id, news, state: case.state.clone(), message: message.map(str::to_string), link };
    match enqueue(state, JobKind::News, &job).await {
        Ok(_) => state.job_signal.notify_one(),
        Err(error) => tracing::error!(%error, case = case.id, ?news, "the case's notifications were not queued"),
    }
}

/// Queue one letter (an account's confirmation, reset or notice) and wake the
/// worker: the request that wants it sent waits on one insert, never on SMTP.
/// Its body may carry a single-use link: the payload is emptied when the job
/// is done or dead. Never fails the caller: a store error is logged.
pub(crate) async fn queue_letter(state: &AppState, to: &str, subject: String, body: String) {
    match enqueue(state, JobKind::Mail, &MailJob { to: to.to_string(), subject, body }).await {
        Ok(_) => state.job_signal.notify_one(),
        Err(error) => tracing::error!(%error, "a letter could not be queued"),
    }
}

/// The newest in-app notices of a staff member (or anyone), for their home
/// page. Empty when the store fails (logged): a page does not fail for them.
pub(crate) async fn notices_for(state: &AppState, account: AccountId) -> Vec<Notification> {
    match state.store.notifications_of(account, NOTICES_SHOWN).await {
        Ok(notices) => notices,
        Err(error) => {
            tracing::warn!(%error, "notices could not be read");
            Vec::new()
        }
    }
}

/// A notice as a list shows it.
pub(crate) struct ShownNotice {
    pub title: String,
    pub when: String,
    pub body: Vec<String>,
    pub href: Option<String>,
    pub unread: bool,
}

/// The resident's newest notices, linked to their cases' status pages.
pub(crate) async fn resident_notices(state: &AppState, t: &Tr<'_>, account: AccountId) -> Vec<ShownNotice> {
    notices_for(state, account)
        .await
        .into_iter()
        .map(|n| {
            let at = kyiv_time(n.at);
            ShownNotice {
                title: n.title,
                when: format!("{}, {:02}:{:02}", t.date(at.date()), at.hour(), at.minute()),
                body: n.body.lines().map(str::to_string).collect(),
                href: n.case_id.map(|id| format!("/applications/{id}/status")),
                unread: n.read_at.is_none(),
            }
        })
        .collect()
}

// ---- the worker ------------------------------------------------------------------------

/// Who this server instance is to the job queue: the id its leases carry.
///
/// The id is kept in `<data_dir>/instance`, made at the first start, and the
/// file is locked for as long as the process runs. Only the process holding
/// the lock is the instance: at start it takes back the jobs leased under
/// that id (a crash left them running). A second process on the same data
/// dir at once (a restart that overlaps the old process, or instances
/// sharing the folder) finds the lock taken and runs under an id of its own
/// making, taking nothing back: the other's leases still run out first.
pub(crate) struct Instance {
    id: String,
    /// Whether this process holds the lock of the id's file.
    owns_id: bool,
    /// Held, never read: the lock lasts as long as the file is open.
    _lock: Option<std::fs::File>,
}

impl Instance {
    /// The instance of `data_dir` (see the type). Never fails: without a
    /// file of its own it runs under a new id and takes nothing back.
    pub(crate) fn open(data_dir: &Path) -> Instance {
        match Instance::locked(data_dir) {
            Ok(Some((id, file))) => Instance { id, owns_id: true, _lock: Some(file) },
            Ok(None) => {
                let id = new_instance_id();
                tracing::info!(instance = %id, "another process holds this data dir's instance id; running under an id of its own");
                Instance { id, owns_id: false, _lock: None }
            }
            Err(error) => {
                let id = new_instance_id();
                tracing::warn!(%error, instance = %id, "the instance id could not be kept in the data dir; jobs left running by a crash wait for their leases to end");
                Instance { id, owns_id: false, _lock: None }
            }
        }
    }

    /// The id kept in `data_dir/instance` and its locked file, or `None` when another process holds it.
    fn locked(data_dir: &Path) -> std::io::Result<Option<(String, std::fs::File)>> {
        use std::io::{Read as _, Seek as _, Write as _};
        std::fs::create_dir_all(data_dir)?;
        let path = data_dir.join("instance");
        let mut file = std::fs::OpenOptions::new().read(true).write(true).create(true).truncate(false).open(&path)?;
        match file.try_lock() {
            Ok(()) => {}
            Err(std::fs::TryLockError::WouldBlock) => return Ok(None),
            Err(std::fs::TryLockError::Error(error)) => return Err(error),
        }
        let mut text = String::new();
        file.read_to_string(&mut text)?;
        let kept = text.trim();
        if is_instance_id(kept) {
            return Ok(Some((kept.to_string(), file)));
        }
        // The first start (or a file that is not ours): make the id, on disk before any lease carries it.
        let id = new_instance_id();
        if !is_instance_id(&id) {
            return Err(std::io::Error::other("no randomness for an instance id"));
        }
        file.set_len(0)?;
        file.rewind()?;
        file.write_all(format!("{id}\n").as_bytes())?;
        file.sync_all()?;
        std::fs::File::open(data_dir)?.sync_all()?;
        Ok(Some((id, file)))
    }
}

/// `instance-` and 24 hex digits; empty without randomness.
fn new_instance_id() -> String {
    match random::<12>() {
        Ok(bytes) => format!("instance-{}", bytes.iter().map(|b| format!("{b:02x}")).collect::<String>()),
        Err(_) => String::new(),
    }
}

fn is_instance_id(text: &str) -> bool {
    text.strip_prefix("instance-").is_some_and(|hex| hex.len() == 24 && hex.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// At start, before the worker's first tick: the jobs this instance leased
/// before it stopped (a crash, a power cut) are queued again, due at once,
/// rather than waiting for their leases to end. Only a process that holds its
/// id does it; a store error is logged and the leases then run out as usual.
pub(crate) async fn take_back_own_jobs(state: &AppState) {
    if !state.instance.owns_id {
        return;
    }
    match state.store.take_back_jobs(&state.instance.id).await {
        Ok(0) => {}
        Ok(n) => {
            tracing::info!(jobs = n, instance = %state.instance.id, "jobs left running by this instance before it stopped are taken back")
        }
        Err(error) => tracing::warn!(%error, "jobs left running before a restart could not be taken back; they run when their leases end"),
    }
}

impl AppState {
    /// The id this instance's job leases carry.
    pub fn instance_id(&self) -> &str {
        &self.instance.id
    }
}

impl AppState {
    /// Run the job queue in the background: every 2 s, and at once when this
    /// instance queues something, run the jobs that are due; once a day queue
    /// the reminders.
    pub fn spawn_jobs(&self) -> tokio::task::JoinHandle<()> {
        let state = self.clone();
        tokio::spawn(async move {
            let mut reminders_seen = None;
            loop {
                tick(&state, &mut reminders_seen).await;
                tokio::select! {
                    _ = tokio::time::sleep(POLL) => {}
                    _ = state.job_signal.notified() => {}
                }
            }
        })
    }
}

/// One tick of the worker, as the background task runs it: queue the day's
/// reminders if it is time and no instance has, then run every job that is due
/// (those the jobs run queue too). How many jobs ran.
pub async fn run_due_jobs(state: &AppState) -> usize {
    tick(state, &mut None).await
}

async fn tick(state: &AppState, reminders_seen: &mut Option<Date>) -> usize {
    daily_reminders(state, reminders_seen).await;
    let mut ran = 0;
    for _ in 0..MAX_BATCHES_PER_TICK {
        let jobs = match state.store.claim_jobs(state.clock.now(), LEASE, BATCH, &state.instance.id).await {
            Ok(jobs) => jobs,
            Err(error) => {
                tracing::warn!(%error, "jobs could not be claimed; trying again shortly");
                break;
            }
        };
        if jobs.is_empty() {
            break;
        }
        for job in jobs {
            run_job(state, &job).await;
            ran += 1;
        }
    }
    ran
}

/// When a job that failed its `attempt`-th try (counting from 1) runs again,
/// or `None` when that was its last (`max_attempts`): it is dead.
pub(crate) fn retry_at(attempt: i32, max_attempts: i32, now: OffsetDateTime) -> Option<OffsetDateTime> {
    if attempt >= max_attempts {
        return None;
    }
    let index = usize::try_from(attempt.max(1) - 1).unwrap_or(0).min(BACKOFF.len() - 1);
    Some(now + BACKOFF[index])
}

/// Why a job did not succeed.
#[derive(Debug)]
enum JobError {
    /// Worth trying again later (the mail server or the database was away).
    Retry(String),
    /// Trying again cannot help (a malformed payload, an address nobody can send to).
    Permanent(String),
}

impl std::fmt::Display for JobError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            JobError::Retry(e) | JobError::Permanent(e) => f.write_str(e),
        }
    }
}

impl From<StoreError> for JobError {
    fn from(error: StoreError) -> JobError {
        JobError::Retry(error.to_string())
    }
}

async fn run_job(state: &AppState, job: &Job) {
    if job.attempts > job.max_attempts {
        // A worker took it for its last try and stopped before recording how it went.
        tracing::warn!(job = job.id, kind = %job.kind, attempts = job.attempts, "a job abandoned on its last try is left dead");
        if let Err(error) = state.store.fail_job(job.id, "abandoned by a worker on its last try", None).await {
            tracing::warn!(%error, job = job.id, "a job's failure could not be recorded");
        }
        state.job_stats.record(job.kind, Outcome::Dead);
        return;
    }
    let result = match tokio::time::timeout(JOB_TIMEOUT, perform(state, job)).await {
        Ok(result) => result,
        Err(_) => Err(JobError::Retry(format!("took longer than {} s", JOB_TIMEOUT.as_secs()))),
    };
    let now = state.clock.now();
    match result {
        Ok(()) => {
            if let Err(error) = state.store.finish_job(job.id, now).await {
                // It will run again once the lease ends: at least once, not exactly once.
                tracing::warn!(%error, job = job.id, kind = %job.kind, "a finished job could not be recorded");
            }
            state.job_stats.record(job.kind, Outcome::Ok);
        }
        Err(error) => {
            let next = match &error {
                JobError::Retry(_) => retry_at(job.attempts, job.max_attempts, now),
                JobError::Permanent(_) => None,
            };
            match next {
                Some(at) => {
                    tracing::warn!(job = job.id, kind = %job.kind, attempt = job.attempts, %error, retry_at = %at, "a job failed; it will be tried again")
                }
                None => {
                    tracing::error!(job = job.id, kind = %job.kind, attempt = job.attempts, %error, "a job failed for the last time and is left dead")
                }
            }
            if let Err(store_error) = state.store.fail_job(job.id, &error.to_string(), next).await {
                tracing::warn!(error = %store_error, job = job.id, "a job's failure could not be recorded");
            }
            state.job_stats.record(job.kind, if next.is_some() { Outcome::Retry } else { Outcome::Dead });
        }
    }
}

async fn perform(state: &AppState, job: &Job) -> Result<(), JobError> {
    match job.kind {
        JobKind::Mail => {
            let mail: MailJob = payload(job)?;
            let email = Email { to: mail.to, subject: mail.subject, body: mail.body, message_id: Some(message_id(state, job)) };
            // `Ok` only once the letter is durable (accepted by the server, or on disk in the outbox).
            state.mailer.send(&email).await.map_err(|error| match error {
                MailError::BadAddress(_) => JobError::Permanent(error.to_string()),
                MailError::Settings(_) | MailError::Transport(_) => JobError::Retry(error.to_string()),
            })
        }
        JobKind::Notice => {
            let notice: NoticeJob = payload(job)?;
            state.store.add_notification(AccountId(notice.account), notice.case, state.clock.now(), &notice.title, &notice.body).await?;
            Ok(())
        }
        JobKind::News => {
            let news: NewsJob = payload(job)?;
            let outgoing = news_items(state, &news).await?;
            enqueue_all(state, outgoing).await
        }
        JobKind::Reminders => {
            let reminders: RemindersJob = payload(job)?;
            let day = parse_day(&reminders.day).ok_or_else(|| JobError::Permanent(format!("not a day: {}", reminders.day)))?;
            let outgoing = reminder_items(state, day).await?;
            enqueue_all(state, outgoing).await
        }
    }
}

/// The Message-ID of a `mail` job's letter: the same on every try of the job,
/// and unlike any other letter's (the job's id with the time it was queued,
/// which tells apart the jobs of a database made anew), at the host of the
/// public URL.
fn message_id(state: &AppState, job: &Job) -> String {
    format!("<{}.{}@{}>", job.id, job.created_at.unix_timestamp(), message_host(&state.settings.public_url))
}

/// The host of a public URL, as the right side of a Message-ID: no scheme,
/// user, port or path, only letters, digits, dots and hyphens.
fn message_host(public_url: &str) -> String {
    let after_scheme = public_url.split_once("://").map_or(public_url, |(_, rest)| rest);
    let authority = after_scheme.split(['/', '?', '#']).next().unwrap_or("");
    let host_port = authority.rsplit_once('@').map_or(authority, |(_, host)| host);
    // An IPv6 address (`[::1]`) names no host a Message-ID could carry.
    let host = if host_port.starts_with('[') { "" } else { host_port.split(':').next().unwrap_or("") };
    let host: String = host.chars().filter(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-')).collect();
    if host.is_empty() { "hromada.invalid".to_string() } else { host }
}

fn payload<T: serde::de::DeserializeOwned>(job: &Job) -> Result<T, JobError> {
    // The error names the place, never the content (a letter's body).
    serde_json::from_str(&job.payload)
        .map_err(|e| JobError::Permanent(format!("malformed payload at line {} column {}", e.line(), e.column())))
}

async fn enqueue<T: Serialize>(state: &AppState, kind: JobKind, payload: &T) -> Result<i64, StoreError> {
    let payload = serde_json::to_string(payload).map_err(|e| StoreError::Database(format!("cannot encode a job: {e}")))?;
    state.store.enqueue_job(&NewJob { kind, payload, run_at: state.clock.now(), max_attempts: MAX_ATTEMPTS }).await
}

async fn enqueue_all(state: &AppState, outgoing: Vec<Outgoing>) -> Result<(), JobError> {
    for item in outgoing {
        match item {
            Outgoing::Mail(mail) => enqueue(state, JobKind::Mail, &mail).await?,
            Outgoing::Notice(notice) => enqueue(state, JobKind::Notice, &notice).await?,
        };
    }
    Ok(())
}

fn parse_day(text: &str) -> Option<Date> {
    let mut parts = text.splitn(3, '-');
    let year = parts.next()?.parse().ok()?;
    let month = time::Month::try_from(parts.next()?.parse::<u8>().ok()?).ok()?;
    let day = parts.next()?.parse().ok()?;
    Date::from_calendar_date(year, month, day).ok()
}

// ---- the texts --------------------------------------------------------------------------

/// The facts every text names, in one language.
fn facts(state: &AppState, t: &Tr<'_>, case: &CaseRecord, definition: Option<&ServiceDefinition>) -> Vec<(&'static str, String)> {
    let catalogue = state.catalogue.get();
    vec![
        ("service", definition.map(|d| d.title.get(t.lang).to_string()).unwrap_or_else(|| case.service_slug.clone())),
        (
            "community",
            catalogue
                .any_community(&case.community_slug)
                .map(|c| c.name.get(t.lang).to_string())
                .unwrap_or_else(|| case.community_slug.clone()),
        ),
        ("reference", case.reference.clone().unwrap_or_default()),
        ("due", case.due_on.map(|d| t.date(d)).unwrap_or_else(|| "—".to_string())),
    ]
}

fn with_arg(mut args: Vec<(&'static str, String)>, name: &'static str, value: String) -> Vec<(&'static str, String)> {
    args.push((name, value));
    args
}

/// A labelled text of the office ("Пояснення громади:" and the text), if there is one.
fn quoted(t: &Tr<'_>, label_key: &str, message: Option<&str>) -> Option<String> {
    message.map(str::trim).filter(|m| !m.is_empty()).map(|m| format!("{}\n{m}", t.msg(label_key)))
}

fn paragraphs(parts: impl IntoIterator<Item = Option<String>>) -> String {
    parts.into_iter().flatten().collect::<Vec<_>>().join("\n\n")
}

async fn news_items(state: &AppState, news: &NewsJob) -> Result<Vec<Outgoing>, JobError> {
    let Some(case) = state.store.case(news.case).await? else { return Ok(Vec::new()) };
    let definition = state.definitions.get(state.store.as_ref(), &case.service_slug, case.service_version).await?;
    let definition = definition.as_deref();
    let mut out = Vec::new();
    if news.news.for_resident() {
        let documents = if news.news == CaseNews::Decided { state.store.documents_of_case(case.id).await? } else { Vec::new() };
        out.extend(resident_items(state, &case, definition, news, &documents));
    }
    if news.news.for_office() {
        for account in office_of(state, &case, false).await? {
            out.extend(staff_items(state, &case, definition, news.news, &account));
        }
    }
    Ok(out)
}

/// The resident's letter (to the case's contact address) and in-app notice (to its account).
fn resident_items(
    state: &AppState,
    case: &CaseRecord,
    definition: Option<&ServiceDefinition>,
    news: &NewsJob,
    documents: &[hromada_store::DocumentRecord],
) -> Vec<Outgoing> {
    let t = Tr { i18n: &state.i18n, lang: case.lang };
    let args = facts(state, &t, case, definition);
    let link = match (&news.link, case.applicant) {
        (Some(link), _) => link.clone(),
        // Made at a service centre for someone without an account: the receipt's code attaches it to one.
        (None, None) if case.channel == CaseChannel::Assisted => {
            t.with("mail-link-claim", "link", &format!("{}/applications/claim", state.settings.public_url))
        }
        // Without an account the status page needs the case's secret: the letter does not carry it again.
        (None, None) => t.msg("mail-link-anonymous"),
        (None, Some(_)) => format!("{}/applications/{}/status", state.settings.public_url, case.id),
    };
    let status_line = Some(t.with("mail-status-line", "link", &link));
    let message = news.message.as_deref();
    let (subject, letter, notice) = match news.news {
        CaseNews::Submitted => (
            t.args("mail-submitted-subject", &args),
            t.args("mail-submitted-body", &with_arg(args.clone(), "link", link.clone())),
            t.args("notice-submitted-body", &args),
        ),
        CaseNews::InformationRequested => {
            let main = t.args("mail-requested-body", &args);
            let request = quoted(&t, "mail-request-label", message);
            (
                t.args("mail-requested-subject", &args),
                paragraphs([Some(t.msg("mail-greeting")), Some(main.clone()), request.clone(), status_line]),
                paragraphs([Some(main), request]),
            )
        }
        CaseNews::Decided => {
            // The state the decision reached: the one the news was made in, or, if the caller
            // passed the case as it was before the action, the state the case is in now.
            let final_state = |id: &str| definition.and_then(|d| d.workflow.state(id)).filter(|s| s.phase.is_final());
            let workflow_state = final_state(&news.state).or_else(|| final_state(&case.state));
            let title = workflow_state.map(|s| s.title.get(case.lang).to_string()).unwrap_or_else(|| case.state.clone());
            let key = match workflow_state.map(|s| s.phase) {
                Some(Phase::Approved) => "mail-approved-body",
                Some(Phase::Rejected) => "mail-rejected-body",
                _ => "mail-closed-body",
            };
            let main = t.args(key, &with_arg(args.clone(), "state", title));
            let reason = quoted(&t, "mail-reason-label", message);
            // The document the decision issued: where to find it (the letter carries no document itself).
            let document = documents.iter().find(|d| d.revoked_at.is_none()).map(|d| {
                t.args(
                    "mail-document-issued",
                    &[("title", d.document.title.get(case.lang).to_string()), ("number", d.document.number.clone())],
                )
            });
            (
                t.args("mail-decided-subject", &args),
                paragraphs([Some(t.msg("mail-greeting")), Some(main.clone()), reason.clone(), document.clone(), status_line]),
                paragraphs([Some(main), reason, document]),
            )
        }
        CaseNews::OfficeMessage => {
            let main = t.args("mail-message-body", &args);
            let text = quoted(&t, "mail-message-label", message);
            (
                t.args("mail-message-subject", &args),
                paragraphs([Some(t.msg("mail-greeting")), Some(main.clone()), text.clone(), status_line]),
                paragraphs([Some(main), text]),
            )
        }
        CaseNews::ResidentAnswered => return Vec::new(),
    };
    let mut out = Vec::new();
    if let Some(to) = &case.contact_email {
        out.push(Outgoing::Mail(MailJob { to: to.clone(), subject: subject.clone(), body: letter }));
    }
    if let Some(account) = case.applicant {
        out.push(Outgoing::Notice(NoticeJob { account: account.0, case: Some(case.id), title: subject, body: notice }));
    }
    out
}

/// A staff member's letter and notice, in their language.
fn staff_items(
    state: &AppState,
    case: &CaseRecord,
    definition: Option<&ServiceDefinition>,
    news: CaseNews,
    account: &Account,
) -> Vec<Outgoing> {
    let (subject_key, body_key) = match news {
        CaseNews::Submitted => ("mail-staff-submitted-subject", "mail-staff-submitted-body"),
        CaseNews::ResidentAnswered => ("mail-staff-answered-subject", "mail-staff-answered-body"),
        _ => return Vec::new(),
    };
    staff_letter(state, case, definition, account, subject_key, body_key)
}

fn staff_letter(
    state: &AppState,
    case: &CaseRecord,
    definition: Option<&ServiceDefinition>,
    account: &Account,
    subject_key: &str,
    body_key: &str,
) -> Vec<Outgoing> {
    let t = Tr { i18n: &state.i18n, lang: account.preferred_lang };
    let args = facts(state, &t, case, definition);
    let subject = t.args(subject_key, &args);
    let main = t.args(body_key, &args);
    let link = t.with("mail-staff-link", "link", &format!("{}/staff/cases/{}", state.settings.public_url, case.id));
    vec![
        Outgoing::Mail(MailJob { to: account.email.clone(), subject: subject.clone(), body: paragraphs([Some(main.clone()), Some(link)]) }),
        Outgoing::Notice(NoticeJob { account: account.id.0, case: Some(case.id), title: subject, body: main }),
    ]
}

/// Who at the office hears of the case: its assignee, else (or also, with
/// `assignee_and_supervisors`) the community's supervisors. Deleted accounts never.
async fn office_of(state: &AppState, case: &CaseRecord, assignee_and_supervisors: bool) -> Result<Vec<Account>, StoreError> {
    let mut ids = BTreeSet::new();
    if let Some(assignee) = case.assignee {
        ids.insert(assignee);
    }
    if ids.is_empty() || assignee_and_supervisors {
        for (id, _, _, role) in state.store.staff_of_community(&case.community_slug).await? {
            if role == Role::Supervisor {
                ids.insert(id);
            }
        }
    }
    let mut accounts = Vec::new();
    for id in ids {
        if let Some(account) = state.store.account(id).await?
            && account.deleted_at.is_none()
        {
            accounts.push(account);
        }
    }
    Ok(accounts)
}

// ---- daily reminders ----------------------------------------------------------------------

/// From 07:00 Kyiv time, the first instance to ask takes the day's latch (a
/// throttle window of one hit per day key, atomic in the store) and queues the
/// `reminders` job. `seen` keeps an instance from asking again that day.
async fn daily_reminders(state: &AppState, seen: &mut Option<Date>) {
    let now = state.clock.now();
    let local = kyiv_time(now);
    let today = local.date();
    if local.hour() < REMINDER_HOUR || *seen == Some(today) {
        return;
    }
    let key = format!("reminders:{today}");
    match state.store.hit_throttle(&key, now, Duration::from_secs(24 * 60 * 60), 1).await {
        Ok(decision) => {
            *seen = Some(today);
            if decision.allowed {
                match enqueue(state, JobKind::Reminders, &RemindersJob { day: today.to_string() }).await {
                    Ok(_) => tracing::info!(day = %today, "the day's reminders are queued"),
                    Err(error) => tracing::error!(%error, day = %today, "the day's reminders could not be queued; none go today"),
                }
            }
        }
        Err(error) => tracing::warn!(%error, "the reminders latch could not be read; trying again shortly"),
    }
}

/// A letter and a notice to the assignee and to the supervisors of each open
/// case due within two working days of `day` (none on a day the office does not work).
async fn reminder_items(state: &AppState, day: Date) -> Result<Vec<Outgoing>, JobError> {
    let calendar = WorkCalendar::new(state.store.non_working_days().await?);
    if !calendar.is_working_day(day) {
        return Ok(Vec::new());
    }
    let until = calendar.add_working_days(day, REMINDER_WORKING_DAYS);
    let mut out = Vec::new();
    for case in state.store.cases_due_between(day, until).await? {
        let definition = state.definitions.get(state.store.as_ref(), &case.service_slug, case.service_version).await?;
        for account in office_of(state, &case, true).await? {
            out.extend(staff_letter(
                state,
                &case,
                definition.as_deref(),
                &account,
                "mail-staff-reminder-subject",
                "mail-staff-reminder-body",
            ));
        }
    }
    Ok(out)
}

// ---- metrics ------------------------------------------------------------------------------

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Outcome {
    Ok,
    Retry,
    Dead,
}

impl Outcome {
    fn code(self) -> &'static str {
        match self {
            Outcome::Ok => "ok",
            Outcome::Retry => "retry",
            Outcome::Dead => "dead",
        }
    }
}

/// Tries of jobs by kind and outcome, since the process started.
#[derive(Debug, Default)]
pub struct JobStats {
    attempts: Mutex<BTreeMap<(&'static str, Outcome), u64>>,
}

impl JobStats {
    pub(crate) fn record(&self, kind: JobKind, outcome: Outcome) {
        let kind = kind.code();
        let mut attempts = match self.attempts.lock() {
            Ok(g) => g,
            Err(p) => p.into_inner(),
        };
        *attempts.entry((kind, outcome)).or_default() += 1;
    }

    /// The Prometheus text of the queue: jobs by state (`counts` from the
    /// store, left out when it could not be read) and tries by kind and outcome.
    pub(crate) fn render(&self, counts: Option<&[(JobState, i64)]>) -> String {
        use std::fmt::Write as _;
        let mut out = String::new();
        if let Some(counts) = counts {
            let _ = writeln!(out, "# HELP hromada_jobs Jobs of the queue kept in the database, by state.");
            let _ = writeln!(out, "# TYPE hromada_jobs gauge");
            for job_state in JobState::ALL {
                let n = counts.iter().find(|(s, _)| *s == job_state).map_or(0, |(_, n)| *n);
                let _ = writeln!(out, "hromada_jobs{{state=\"{}\"}} {n}", job_state.code());
            }
        }
        let attempts = match self.attempts.lock() {
            Ok(g) => g.clone(),
            Err(p) => p.into_inner().clone(),
        };
        let _ = writeln!(out, "# HELP hromada_job_attempts_total Tries of jobs by this process, by kind and outcome.");
        let _ = writeln!(out, "# TYPE hromada_job_attempts_total counter");
        for ((kind, outcome), n) in &attempts {
            let _ = writeln!(out, "hromada_job_attempts_total{{kind=\"{kind}\",outcome=\"{}\"}} {n}", outcome.code());
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn failed_jobs_wait_longer_each_time_and_die_after_the_last_try() {
        let now = datetime!(2026-12-01 10:00 UTC);
        let minutes = |attempt| retry_at(attempt, 5, now).map(|at| (at - now).whole_minutes());
        assert_eq!(minutes(1), Some(1));
        assert_eq!(minutes(2), Some(5));
        assert_eq!(minutes(3), Some(30));
        assert_eq!(minutes(4), Some(120));
        assert_eq!(minutes(5), None, "the fifth try was the last");
        assert_eq!(minutes(6), None);
        assert_eq!(retry_at(5, 8, now).map(|at| (at - now).whole_hours()), Some(12));
        assert_eq!(retry_at(7, 8, now).map(|at| (at - now).whole_hours()), Some(12), "the longest pause repeats");
        assert_eq!(retry_at(0, 5, now).map(|at| (at - now).whole_minutes()), Some(1));
    }

    /// A state on a fresh SQLite store with Bucha offering the request for
    /// information, and a submitted case of it made without an account.
    async fn bucha_with_a_case(
        mail: &hromada_mail::testing::SmtpSink,
        dir: &hromada_store::testing::TempDir,
    ) -> (AppState, hromada_store::testing::TestDb, CaseRecord) {
        use hromada_domain::Text;
        use hromada_domain::place::{Community, Region};
        let db = hromada_store::testing::TestDb::sqlite().await;
        let store = db.store.as_ref();
        let now = datetime!(2026-11-27 10:00 UTC);
        store
            .put_region(&Region {
                slug: "kyivska".into(), name: Text::new("Київська область", "Kyiv Oblast"), katottg: None
            })
            .await
            .unwrap();
        store
            .put_community(&Community {
                slug: "buchanska".into(),
                region_slug: "kyivska".into(),
                code: "BUC".into(),
                name: Text::new("Бучанська громада", "Bucha community"),
                katottg: None,
                phone: "+380 44 000 01 01".into(),
                email: "cnap@buchanska.example.org".into(),
                website: String::new(),
                published: true,
            })
            .await
            .unwrap();
        let source =
            std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../services/zapyt-na-publichnu-informatsiiu.toml")).unwrap();
        store.import_service("zapyt-na-publichnu-informatsiiu", &source, now).await.unwrap();
        store.offer_service("buchanska", "zapyt-na-publichnu-informatsiiu").await.unwrap();
        let draft = store
            .create_case(&hromada_store::NewCase {
                community_slug: "buchanska".into(),
                service_slug: "zapyt-na-publichnu-informatsiiu".into(),
                service_version: 1,
                state: "draft".into(),
                created_at: now,
                applicant: None,
                lang: hromada_domain::Lang::En,
                contact_email: None,
                owner_token_hash: None,
                channel: CaseChannel::Online,
                assisted_by: None,
                assisted_note: None,
            })
            .await
            .unwrap();
        let submission = hromada_store::Submission {
            case_id: draft.id,
            community_code: "BUC".into(),
            year: 2026,
            state: "submitted".into(),
            at: now,
            due_on: Some(time::macros::date!(2026 - 12 - 04)),
            answers: Default::default(),
            contact_email: Some("olena@example.org".into()),
            owner_token_hash: None,
            jobs: Vec::new(),
        };
        store.submit_case(&submission).await.unwrap();
        let case = store.case(draft.id).await.unwrap().unwrap();
        let mailer = std::sync::Arc::new(hromada_mail::SmtpMailer::new(&mail.url(), "Hromada <noreply@hromada.test>").unwrap());
        let settings = crate::WebSettings {
            public_url: "http://hromada.test".into(),
            sessions: crate::SessionTimeouts::default(),
            password_params: hromada_domain::auth::HashParams::fast_for_tests(),
            proxy_hops: 0,
            demo: false,
            secure_cookies: false,
            data_dir: dir.path().to_path_buf(),
            uploads: crate::UploadLimits::default(),
            drafts: crate::DraftPolicy::default(),
            pulse: crate::PulseSettings::default(),
            keys_secret: None,
            metrics: crate::MetricsAccess::default(),
        };
        let mut state = AppState::new(std::sync::Arc::clone(&db.store), mailer, settings).await.unwrap();
        // Before 07:00 Kyiv time: no reminders in these ticks.
        state.clock = std::sync::Arc::new(hromada_domain::clock::FixedClock(datetime!(2026-11-28 03:00 UTC)));
        (state, db, case)
    }

    #[tokio::test]
    async fn the_resident_hears_of_requests_messages_and_decisions_in_their_language() {
        let mail = hromada_mail::testing::SmtpSink::start().await;
        let dir = hromada_store::testing::TempDir::new();
        let (state, _db, case) = bucha_with_a_case(&mail, &dir).await;
        let definition = state.definitions.get(state.store.as_ref(), &case.service_slug, 1).await.unwrap().unwrap();
        let reference = case.reference.clone().unwrap();
        let refused = CaseRecord { state: "rejected".into(), ..case.clone() };
        case_news(&state, &case, &definition, CaseNews::InformationRequested, Some("Which year do you mean?")).await;
        case_news(&state, &case, &definition, CaseNews::OfficeMessage, Some("We are on it.")).await;
        case_news(&state, &refused, &definition, CaseNews::Decided, Some("The information is not public.")).await;
        // Told with the case as it was before the action, the letter names the state it is in by then.
        let approved = hromada_store::NewCaseEvent {
            case_id: case.id,
            at: datetime!(2026-11-28 03:00 UTC),
            kind: hromada_domain::case::CaseEventKind::Action,
            action: None,
            transition: Some(("submitted".into(), "approved".into())),
            by_applicant: false,
            actor: None,
            body: None,
            internal: false,
            files: Vec::new(),
            schedule: None,
            inputs: None,
            document: None,
        };
        state.store.record_case_event(&approved).await.unwrap();
        case_news(&state, &case, &definition, CaseNews::Decided, None).await;
        case_news(&state, &case, &definition, CaseNews::ResidentAnswered, None).await;
        assert_eq!(run_due_jobs(&state).await, 9, "five news, four letters: nobody at the office to tell");
        let letters = mail.wait_for(4, Duration::from_secs(5)).await;
        assert!(letters.iter().all(|m| m.rcpt_to == vec!["olena@example.org".to_string()]));
        let [asked, wrote, decided] = [&letters[0], &letters[1], &letters[2]];
        assert_eq!(asked.subject, format!("The community asks about application {reference}"));
        assert!(asked.body.contains("What the community asks:\nWhich year do you mean?"), "{}", asked.body);
        assert!(
            asked.body.contains("Status: through the link you were given when you applied"),
            "no secret in later letters: {}",
            asked.body
        );
        assert!(!asked.body.contains("http"), "{}", asked.body);
        assert_eq!(wrote.subject, format!("New message about application {reference}"));
        assert!(wrote.body.contains("The community’s message:\nWe are on it."), "{}", wrote.body);
        assert_eq!(decided.subject, format!("Decision on application {reference}"));
        assert!(decided.body.contains("and refused it. Status: Refused."), "the phase says refused, the state names it: {}", decided.body);
        assert!(decided.body.contains("The community’s explanation:\nThe information is not public."), "{}", decided.body);
        assert!(letters[3].body.contains("and granted it. Status: Answered."), "{}", letters[3].body);
        assert!(!letters[3].body.contains("explanation"), "no reason given, none shown: {}", letters[3].body);
    }

    #[test]
    fn a_message_id_is_at_the_public_urls_host() {
        assert_eq!(message_host("https://hromada.gov.ua"), "hromada.gov.ua");
        assert_eq!(message_host("http://127.0.0.1:8080/"), "127.0.0.1");
        assert_eq!(message_host("https://user:pw@bucha.example.org:8443/path?x#y"), "bucha.example.org");
        assert_eq!(message_host("http://[::1]:8080"), "hromada.invalid");
        assert_eq!(message_host(""), "hromada.invalid");
    }

    #[test]
    fn days_in_payloads_read_back() {
        let day = time::macros::date!(2026 - 12 - 01);
        assert_eq!(parse_day(&day.to_string()), Some(day));
        assert_eq!(parse_day("2026-13-01"), None);
        assert_eq!(parse_day("yesterday"), None);
    }

    #[test]
    fn job_metrics_name_every_state_and_only_known_kinds() {
        let stats = JobStats::default();
        stats.record(JobKind::Mail, Outcome::Retry);
        stats.record(JobKind::Mail, Outcome::Retry);
        stats.record(JobKind::Mail, Outcome::Dead);
        stats.record(JobKind::Reminders, Outcome::Ok);
        let text = stats.render(Some(&[(JobState::Dead, 1), (JobState::Done, 3)]));
        assert!(text.contains("hromada_jobs{state=\"queued\"} 0"), "{text}");
        assert!(text.contains("hromada_jobs{state=\"done\"} 3"), "{text}");
        assert!(text.contains("hromada_jobs{state=\"dead\"} 1"), "{text}");
        assert!(text.contains("hromada_job_attempts_total{kind=\"mail\",outcome=\"retry\"} 2"), "{text}");
        assert!(text.contains("hromada_job_attempts_total{kind=\"reminders\",outcome=\"ok\"} 1"), "{text}");
        assert!(!stats.render(None).contains("hromada_jobs{"), "no gauge when the store could not be read");
    }
}
