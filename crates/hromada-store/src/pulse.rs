//! The pulse's roll-ups: counts of cases per community, service, Kyiv month
//! and a few more keys (`migrations/*/0006_pulse.sql`), changed in the same
//! transaction as the case they count — a submission, a change of the
//! deadline clock or a decision (`record_case_event` with a schedule), an
//! answer to the survey — so that the public dashboard reads them and never
//! scans cases.
//!
//! What a change adds or takes away is decided here, once for both backends,
//! as [`Deltas`]; each backend only writes them (`sqlite/pulse.rs`,
//! `postgres/pulse.rs`). Which bucket a case falls in is the domain's rule
//! (`hromada_domain::pulse`).
//!
//! [`PulseStore`] is a part of [`crate::Store`] (a supertrait), kept in its
//! own trait so that the pulse lives in its own files.

use std::collections::BTreeMap;

use async_trait::async_trait;
use hromada_domain::Lang;
use hromada_domain::account::AccountId;
use hromada_domain::case::CaseChannel;
use hromada_domain::pulse::{Channel, Outcome, YearMonth, decided_on_time, processing_days};
use time::{Date, OffsetDateTime};

use crate::{CaseSchedule, StoreResult};

/// Submitted applications of one community, service, month and channel.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApplicationsRollup {
    pub community_slug: String,
    pub service_slug: String,
    pub month: YearMonth,
    pub channel: Channel,
    pub count: u64,
}

/// Decisions of one community, service and month that took `days` days, and how many of them came on time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecisionsRollup {
    pub community_slug: String,
    pub service_slug: String,
    pub month: YearMonth,
    pub days: u32,
    pub count: u64,
    pub on_time: u64,
}

/// Withdrawals of one community, service and month.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WithdrawalsRollup {
    pub community_slug: String,
    pub service_slug: String,
    pub month: YearMonth,
    pub count: u64,
}

/// Survey answers of one community, service and month with one score (1 to 5).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnswersRollup {
    pub community_slug: String,
    pub service_slug: String,
    pub month: YearMonth,
    pub score: u8,
    pub count: u64,
}

/// Cases of one community and service open now, and how many of them are overdue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenRollup {
    pub community_slug: String,
    pub service_slug: String,
    pub open: u64,
    pub overdue: u64,
}

/// Everything the dashboard reads, read at one moment (one read transaction).
/// Rows are ordered by month (where they have one), community and service.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PulseRollups {
    pub applications: Vec<ApplicationsRollup>,
    pub decisions: Vec<DecisionsRollup>,
    pub withdrawals: Vec<WithdrawalsRollup>,
    pub answers: Vec<AnswersRollup>,
    pub open: Vec<OpenRollup>,
    /// Answers to "Was this page useful?".
    pub page_feedback: Vec<crate::PageFeedbackRollup>,
}

/// A case made by a generator (demo data, benchmarks): submitted at
/// `submitted_at` and, if `decided_at` is given, decided then with `outcome`.
/// It gets the next reference number of its community and year, a
/// `submitted` event, its workflow `events` and, with `answer`, a survey
/// answer — and is counted in the roll-ups as a real case would be. The
/// document its last event issues, if any, is made once the case has its
/// number (see [`GeneratedDocuments`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeneratedCase {
    pub community_slug: String,
    pub service_slug: String,
    pub service_version: i64,
    /// A workflow state of the definition version (final if decided).
    pub state: String,
    pub channel: CaseChannel,
    pub applicant: Option<AccountId>,
    pub assisted_by: Option<AccountId>,
    pub lang: Lang,
    pub submitted_at: OffsetDateTime,
    pub due_on: Option<Date>,
    /// Since when the office waits for the resident (an open case).
    pub paused_at: Option<OffsetDateTime>,
    pub decided_at: Option<OffsetDateTime>,
    /// How it ended, when decided (`None` counts as `Unspecified`).
    pub outcome: Option<Outcome>,
    /// The survey: score 1 to 5 and when it was answered.
    pub answer: Option<(u8, OffsetDateTime)>,
    /// Who took it on (`cases.assignee`): the staff member of its first office action.
    pub assignee: Option<AccountId>,
    /// The workflow actions after the submission, oldest first: each from
    /// the state the one before left, the last to `state`, at times from
    /// `submitted_at` to `decided_at` (when decided) in order.
    pub events: Vec<GeneratedEvent>,
}

/// A workflow action on a generated case's timeline (`case_events`, kind `action`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeneratedEvent {
    pub at: OffsetDateTime,
    pub action: String,
    pub from_state: String,
    pub to_state: String,
    pub by_applicant: bool,
    /// The staff account, or the applicant's account, that took it.
    pub actor: Option<AccountId>,
    /// What the timeline shows with it (a request, a reason, the inputs).
    pub body: Option<String>,
    /// The values of the action's inputs, for the documents that print them.
    pub inputs: Option<hromada_domain::definition::Answers>,
}

/// Makes the document that a generated case's last event issues, once the
/// batch has numbered the case: given the case and its reference number, the
/// signed document, or `None` when that event issues none. It is called
/// inside the batch's transaction, so that a case and its document are
/// written together or not at all.
pub type GeneratedDocuments<'a> = dyn Fn(&GeneratedCase, &str) -> StoreResult<Option<crate::NewDocument>> + Send + Sync + 'a;

/// The dashboard's part of the store.
#[async_trait]
pub trait PulseStore: Send + Sync {
    /// The roll-ups of the months `from` to `to` (both included), and the
    /// cases open now per community and service with how many of them are
    /// overdue on `today` (due before it, clock running).
    async fn pulse_rollups(&self, from: YearMonth, to: YearMonth, today: Date) -> StoreResult<PulseRollups>;
    /// Count every case again from the cases themselves and replace the
    /// roll-ups with the result, in one transaction that concurrent changes
    /// wait for. `migrate` does it once after the migration that made them.
    async fn rebuild_pulse(&self) -> StoreResult<()>;
    /// Insert generated cases with their events, the documents `documents`
    /// makes for them and their roll-ups, all in one transaction (a batch:
    /// call it with a few thousand at a time), and count them among the
    /// generated ones. How many were inserted; `Invalid`, with nothing
    /// written, for a case whose events do not lead from one state to the
    /// next up to its own, in order of time within its submission and decision.
    async fn insert_generated_cases(&self, cases: &[GeneratedCase], documents: &GeneratedDocuments<'_>) -> StoreResult<u64>;
    /// How many cases `insert_generated_cases` inserted, ever (so that a
    /// generator tops up rather than doubles).
    async fn generated_cases(&self) -> StoreResult<u64>;
}

/// The open-cases bucket of a case without a due date.
pub(crate) const NO_DUE_DATE: Date = time::macros::date!(9999 - 12 - 31);

/// Changes to the roll-ups, to be written in the transaction of the change
/// they count. Keys are ordered, and backends write the tables in one fixed
/// order, so concurrent writers take row locks in the same order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Deltas {
    /// (month, community, service, channel) → count.
    pub applications: BTreeMap<(String, String, String, &'static str), i64>,
    /// (month, community, service, days) → (count, on time).
    pub decisions: BTreeMap<(String, String, String, i64), (i64, i64)>,
    /// (month, community, service) → count.
    pub withdrawals: BTreeMap<(String, String, String), i64>,
    /// (month, community, service, score) → count.
    pub answers: BTreeMap<(String, String, String, i64), i64>,
    /// (community, service, due date, paused) → count.
    pub open: BTreeMap<(String, String, Date, bool), i64>,
}

/// What the roll-ups need to know of a submitted case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct CaseFacts {
    pub community_slug: String,
    pub service_slug: String,
    /// The channel it was counted in at submission.
    pub channel: Channel,
    pub submitted_at: OffsetDateTime,
    pub due_on: Option<Date>,
    pub paused: bool,
    pub decided_at: Option<OffsetDateTime>,
    pub outcome: Option<Outcome>,
}

impl Deltas {
    #[cfg(test)]
    pub fn is_empty(&self) -> bool {
        self.applications.is_empty()
            && self.decisions.is_empty()
            && self.withdrawals.is_empty()
            && self.answers.is_empty()
            && self.open.is_empty()
    }

    /// A submission: one application in its month and channel.
    pub fn submitted(&mut self, case: &CaseFacts) {
        let key =
            (YearMonth::of(case.submitted_at).to_string(), case.community_slug.clone(), case.service_slug.clone(), case.channel.code());
        *self.applications.entry(key).or_default() += 1;
    }

    /// One more (`by` = 1) or one less (−1) open case in its bucket.
    pub fn open(&mut self, community: &str, service: &str, due_on: Option<Date>, paused: bool, by: i64) {
        let key = (community.to_string(), service.to_string(), due_on.unwrap_or(NO_DUE_DATE), paused);
        let entry = self.open.entry(key.clone()).or_default();
        *entry += by;
        if *entry == 0 {
            self.open.remove(&key);
        }
    }

    /// A case that reached its end: a decision with its days and timeliness, or a withdrawal.
    pub fn decided(
        &mut self,
        community: &str,
        service: &str,
        submitted_at: OffsetDateTime,
        decided_at: OffsetDateTime,
        due_on: Option<Date>,
        outcome: Outcome,
    ) {
        let month = YearMonth::of(decided_at).to_string();
        if outcome.is_decision() {
            let days = i64::from(processing_days(submitted_at, decided_at));
            let entry = self.decisions.entry((month, community.to_string(), service.to_string(), days)).or_default();
            entry.0 += 1;
            entry.1 += i64::from(decided_on_time(decided_at, due_on));
        } else {
            *self.withdrawals.entry((month, community.to_string(), service.to_string())).or_default() += 1;
        }
    }

    /// An answer to the survey.
    pub fn answered(&mut self, community: &str, service: &str, score: u8, at: OffsetDateTime) {
        let key = (YearMonth::of(at).to_string(), community.to_string(), service.to_string(), i64::from(score));
        *self.answers.entry(key).or_default() += 1;
    }

    /// A whole submitted case as it stands: its application, and either its end or its open bucket.
    pub fn case(&mut self, case: &CaseFacts) {
        self.submitted(case);
        match case.decided_at {
            Some(decided_at) => self.decided(
                &case.community_slug,
                &case.service_slug,
                case.submitted_at,
                decided_at,
                case.due_on,
                case.outcome.unwrap_or(Outcome::Unspecified),
            ),
            None => self.open(&case.community_slug, &case.service_slug, case.due_on, case.paused, 1),
        }
    }

    /// A case at submission: its application, and open.
    pub fn submission(case: &CaseFacts) -> Deltas {
        let mut deltas = Deltas::default();
        deltas.case(case);
        deltas
    }

    /// The deadline bookkeeping of a submitted case changed from `before` to
    /// `schedule`: it moves between open buckets, or leaves them decided. The
    /// outcome to record on the case, when this is its first decision.
    pub fn schedule_changed(before: &CaseFacts, schedule: &CaseSchedule) -> (Deltas, Option<Outcome>) {
        let mut deltas = Deltas::default();
        let (community, service) = (&before.community_slug, &before.service_slug);
        if before.decided_at.is_none() {
            deltas.open(community, service, before.due_on, before.paused, -1);
        }
        if schedule.decided_at.is_none() {
            deltas.open(community, service, schedule.due_on, schedule.paused_at.is_some(), 1);
        }
        let mut first_outcome = None;
        if before.decided_at.is_none()
            && let Some(decided_at) = schedule.decided_at
        {
            let outcome = schedule.outcome.unwrap_or(Outcome::Unspecified);
            deltas.decided(community, service, before.submitted_at, decided_at, schedule.due_on, outcome);
            first_outcome = Some(outcome);
        }
        (deltas, first_outcome)
    }
}

/// A generated case made ready for a set-based insert: its reference number,
/// its times as stored and its document.
pub(crate) struct PreparedCase<'a> {
    pub case: &'a GeneratedCase,
    pub reference: String,
    pub channel: Channel,
    pub submitted_at: OffsetDateTime,
    pub paused_at: Option<OffsetDateTime>,
    pub decided_at: Option<OffsetDateTime>,
    pub outcome: Option<Outcome>,
    pub answer: Option<(u8, OffsetDateTime)>,
    /// When it last changed: its last event, or its submission.
    pub updated_at: OffsetDateTime,
    /// Its events' times as stored, in order.
    pub event_times: Vec<OffsetDateTime>,
    pub document: Option<crate::NewDocument>,
}

/// Whether a generated case's events are a timeline: each from the state the
/// one before left, the last to the case's state, in order of time from its
/// submission to its decision.
fn check_events(case: &GeneratedCase) -> StoreResult<()> {
    let refuse = |why: &str| {
        Err(crate::StoreError::Invalid(format!(
            "generated case of {}/{} submitted at {}: {why}",
            case.community_slug, case.service_slug, case.submitted_at
        )))
    };
    let mut at = case.submitted_at;
    let mut state: Option<&str> = None;
    for event in &case.events {
        if state.is_some_and(|s| s != event.from_state) {
            return refuse(&format!("{} starts from {}, not where the event before left it", event.action, event.from_state));
        }
        if event.at < at || case.decided_at.is_some_and(|end| event.at > end) {
            return refuse(&format!("{} at {} is out of order or outside its submission and decision", event.action, event.at));
        }
        at = event.at;
        state = Some(&event.to_state);
    }
    if state.is_some_and(|s| s != case.state) {
        return refuse(&format!("its last event leaves it in {}, not in {}", state.unwrap_or_default(), case.state));
    }
    Ok(())
}

/// How many reference numbers a batch takes per community code and Kyiv year
/// of submission; `NotFound` for a community without a code (an unknown one).
pub(crate) fn numbers_needed(
    cases: &[GeneratedCase],
    codes: &std::collections::HashMap<String, String>,
) -> StoreResult<BTreeMap<(String, i32), i64>> {
    let mut needed: BTreeMap<(String, i32), i64> = BTreeMap::new();
    for case in cases {
        let code = codes.get(&case.community_slug).ok_or(crate::StoreError::NotFound)?;
        let year = hromada_domain::clock::kyiv_time(case.submitted_at).year();
        *needed.entry((code.clone(), year)).or_default() += 1;
    }
    Ok(needed)
}

/// Number the batch in its order from the first free number of each code and
/// year (`first`), and count it: the rows to insert and the roll-ups' changes.
pub(crate) fn prepare_generated<'a>(
    cases: &'a [GeneratedCase],
    codes: &std::collections::HashMap<String, String>,
    mut first: BTreeMap<(String, i32), i64>,
    documents: &GeneratedDocuments<'_>,
) -> StoreResult<(Vec<PreparedCase<'a>>, Deltas)> {
    let mut prepared = Vec::with_capacity(cases.len());
    let mut deltas = Deltas::default();
    for case in cases {
        check_events(case)?;
        let code = codes.get(&case.community_slug).ok_or(crate::StoreError::NotFound)?;
        let submitted_at = crate::common::stored_time(case.submitted_at)?;
        let year = hromada_domain::clock::kyiv_time(case.submitted_at).year();
        let next = first.entry((code.clone(), year)).or_insert(1);
        let reference = crate::common::format_reference(code, year, *next);
        *next += 1;
        let decided_at = case.decided_at.map(crate::common::stored_time).transpose()?;
        let outcome = decided_at.map(|_| case.outcome.unwrap_or(Outcome::Unspecified));
        let answer = case.answer.map(|(score, at)| crate::common::stored_time(at).map(|at| (score, at))).transpose()?;
        let channel = Channel::of(case.channel, case.applicant.is_some());
        let paused_at = case.paused_at.filter(|_| decided_at.is_none()).map(crate::common::stored_time).transpose()?;
        if let Some((score, at)) = answer {
            deltas.answered(&case.community_slug, &case.service_slug, score, at);
        }
        deltas.case(&CaseFacts {
            community_slug: case.community_slug.clone(),
            service_slug: case.service_slug.clone(),
            channel,
            submitted_at,
            due_on: case.due_on,
            paused: paused_at.is_some(),
            decided_at,
            outcome,
        });
        let event_times = case.events.iter().map(|e| crate::common::stored_time(e.at)).collect::<StoreResult<Vec<_>>>()?;
        let updated_at = decided_at.or(event_times.last().copied()).unwrap_or(submitted_at);
        let document = if case.events.is_empty() { None } else { documents(case, &reference)? };
        prepared.push(PreparedCase {
            case,
            reference,
            channel,
            submitted_at,
            paused_at,
            decided_at,
            outcome,
            answer,
            updated_at,
            event_times,
            document,
        });
    }
    Ok((prepared, deltas))
}

/// A stored month, or a database error naming it.
pub(crate) fn parse_month(text: &str) -> StoreResult<YearMonth> {
    YearMonth::parse(text).ok_or_else(|| crate::StoreError::Database(format!("bad stored month {text:?}")))
}

pub(crate) fn parse_channel(text: &str) -> StoreResult<Channel> {
    Channel::parse(text).ok_or_else(|| crate::StoreError::Database(format!("bad stored channel {text:?}")))
}

/// A stored count as an unsigned number (a negative one would be a bug: it reads as 0).
pub(crate) fn count(n: i64) -> u64 {
    u64::try_from(n).unwrap_or(0)
}

/// How many cases a rebuild reads at a time.
pub(crate) const REBUILD_PAGE: i64 = 5_000;

/// The meta key that asks `migrate` for a rebuild.
pub(crate) const REBUILD_FLAG: &str = "pulse_rebuild";

/// The meta key that counts generated cases.
pub(crate) const GENERATED_COUNT: &str = "pulse_generated";

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::{date, datetime};

    fn facts() -> CaseFacts {
        CaseFacts {
            community_slug: "buchanska".into(),
            service_slug: "dovidka".into(),
            channel: Channel::OnBehalf,
            submitted_at: datetime!(2026-03-31 22:30 UTC),
            due_on: Some(date!(2026 - 04 - 10)),
            paused: false,
            decided_at: None,
            outcome: None,
        }
    }

    #[test]
    fn a_submission_counts_an_application_in_its_kyiv_month_and_channel_and_an_open_case() {
        let d = Deltas::submission(&facts());
        let key = ("2026-04".to_string(), "buchanska".to_string(), "dovidka".to_string(), "on_behalf");
        assert_eq!(d.applications.get(&key), Some(&1), "{d:?}");
        assert_eq!(d.open.values().sum::<i64>(), 1);
    }

    #[test]
    fn a_pause_moves_the_case_between_open_buckets_and_a_decision_takes_it_out() {
        let paused = CaseSchedule {
            due_on: Some(date!(2026 - 04 - 10)),
            paused_at: Some(datetime!(2026-04-02 08:00 UTC)),
            decided_at: None,
            outcome: None,
        };
        let (d, outcome) = Deltas::schedule_changed(&facts(), &paused);
        assert_eq!(outcome, None);
        assert_eq!(d.open.len(), 2);
        assert_eq!(d.open.values().sum::<i64>(), 0, "one out, one in");
        // The same bucket again is no change at all.
        let same = CaseSchedule { paused_at: None, ..paused.clone() };
        assert!(Deltas::schedule_changed(&facts(), &same).0.is_empty());
        let decided = CaseSchedule { decided_at: Some(datetime!(2026-04-12 08:00 UTC)), outcome: Some(Outcome::Approved), ..same };
        let (d, outcome) = Deltas::schedule_changed(&facts(), &decided);
        assert_eq!(outcome, Some(Outcome::Approved));
        assert_eq!(d.open.values().sum::<i64>(), -1);
        assert_eq!(d.decisions.get(&("2026-04".into(), "buchanska".into(), "dovidka".into(), 11)), Some(&(1, 0)), "11 days, late");
        // Decided before: nothing moves again.
        let before = CaseFacts { decided_at: Some(datetime!(2026-04-12 08:00 UTC)), ..facts() };
        assert!(Deltas::schedule_changed(&before, &decided).0.is_empty());
    }

    #[test]
    fn a_withdrawal_has_no_processing_time() {
        let withdrawn = CaseSchedule {
            due_on: None,
            paused_at: None,
            decided_at: Some(datetime!(2026-04-03 08:00 UTC)),
            outcome: Some(Outcome::Withdrawn),
        };
        let (d, _) = Deltas::schedule_changed(&facts(), &withdrawn);
        assert!(d.decisions.is_empty());
        assert_eq!(d.withdrawals.values().sum::<i64>(), 1);
    }
}
