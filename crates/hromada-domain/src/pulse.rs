//! The pulse of progress: what the public dashboard counts and how it
//! computes its figures (PRODUCT.md capability 9).
//!
//! The store keeps *roll-ups* — counts per community, service, month and a
//! few more keys, changed in the same transaction as the case they count — and
//! this module says which bucket a case falls in ([`Channel::of`],
//! [`YearMonth::of`], [`processing_days`], [`decided_on_time`]) and turns
//! buckets into figures: a median and a 90th percentile from a histogram of
//! days ([`DayHistogram`]), shares, the rule that hides small counts and
//! rounds the others ([`shown`], [`round_to_base`], [`p90_shown`]), the
//! composite index with its published weights ([`index`]) and ranks
//! ([`competition_ranks`]).
//!
//! Everything is at day resolution, in Kyiv dates: a decision made on the day
//! of submission took 0 days.

use std::collections::BTreeMap;

use time::{Date, Month, OffsetDateTime};

use crate::case::CaseChannel;
use crate::clock::kyiv_time;
use crate::definition::{Actor, Phase, ServiceDefinition};

// ---- buckets -----------------------------------------------------------------------------

/// How an application reached the office, as the pulse counts it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Channel {
    /// The resident applied online themselves.
    SelfService,
    /// An operator at a service centre (ЦНАП) applied with the resident, whose account was found.
    Assisted,
    /// An operator applied on behalf of a resident recorded without an account.
    OnBehalf,
}

impl Channel {
    pub const ALL: [Channel; 3] = [Channel::SelfService, Channel::Assisted, Channel::OnBehalf];

    pub fn code(self) -> &'static str {
        match self {
            Channel::SelfService => "self_service",
            Channel::Assisted => "assisted",
            Channel::OnBehalf => "on_behalf",
        }
    }

    pub fn parse(code: &str) -> Option<Channel> {
        Channel::ALL.into_iter().find(|c| c.code() == code)
    }

    /// The channel of a case from what it records: its `channel` (online or
    /// assisted) and whether it has an applicant account at submission.
    pub fn of(case_channel: CaseChannel, has_applicant: bool) -> Channel {
        match (case_channel, has_applicant) {
            (CaseChannel::Assisted, true) => Channel::Assisted,
            (CaseChannel::Assisted, false) => Channel::OnBehalf,
            (CaseChannel::Online, _) => Channel::SelfService,
        }
    }

    fn index(self) -> usize {
        match self {
            Channel::SelfService => 0,
            Channel::Assisted => 1,
            Channel::OnBehalf => 2,
        }
    }
}

/// How a case ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Outcome {
    Approved,
    Rejected,
    Withdrawn,
    /// Decided before outcomes were recorded: counted as a decision.
    Unspecified,
}

impl Outcome {
    pub fn code(self) -> &'static str {
        match self {
            Outcome::Approved => "approved",
            Outcome::Rejected => "rejected",
            Outcome::Withdrawn => "withdrawn",
            Outcome::Unspecified => "unspecified",
        }
    }

    pub fn parse(code: &str) -> Option<Outcome> {
        [Outcome::Approved, Outcome::Rejected, Outcome::Withdrawn, Outcome::Unspecified].into_iter().find(|o| o.code() == code)
    }

    /// The outcome a final phase means; `None` for a phase that is not final.
    pub fn of_phase(phase: Phase) -> Option<Outcome> {
        match phase {
            Phase::Approved => Some(Outcome::Approved),
            Phase::Rejected => Some(Outcome::Rejected),
            Phase::Withdrawn => Some(Outcome::Withdrawn),
            Phase::Submitted | Phase::InReview | Phase::WaitingForResident => None,
        }
    }

    /// Whether the office decided: a withdrawal is not a decision and has no processing time.
    pub fn is_decision(self) -> bool {
        self != Outcome::Withdrawn
    }
}

/// A calendar month, in Kyiv: the bucket of every roll-up.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct YearMonth {
    year: i32,
    month: u8,
}

impl YearMonth {
    /// `None` unless 1 ≤ month ≤ 12 and the year has four digits.
    pub fn new(year: i32, month: u8) -> Option<YearMonth> {
        ((1..=12).contains(&month) && (1000..=9999).contains(&year)).then_some(YearMonth { year, month })
    }

    /// The Kyiv month of a moment.
    pub fn of(at: OffsetDateTime) -> YearMonth {
        YearMonth::of_date(kyiv_time(at).date())
    }

    pub fn of_date(day: Date) -> YearMonth {
        YearMonth { year: day.year(), month: u8::from(day.month()) }
    }

    /// `2026-03`.
    pub fn parse(text: &str) -> Option<YearMonth> {
        let (year, month) = text.split_once('-')?;
        if year.len() != 4 || month.len() != 2 || !year.bytes().chain(month.bytes()).all(|b| b.is_ascii_digit()) {
            return None;
        }
        YearMonth::new(year.parse().ok()?, month.parse().ok()?)
    }

    pub fn year(self) -> i32 {
        self.year
    }

    /// 1 to 12.
    pub fn month(self) -> u8 {
        self.month
    }

    /// The month `n` months later (earlier for negative `n`).
    pub fn plus(self, n: i32) -> YearMonth {
        let index = self.year * 12 + i32::from(self.month) - 1 + n;
        YearMonth { year: index.div_euclid(12), month: (index.rem_euclid(12) + 1) as u8 }
    }

    pub fn first_day(self) -> Date {
        let month = Month::try_from(self.month).unwrap_or(Month::January);
        Date::from_calendar_date(self.year, month, 1).unwrap_or(Date::MIN)
    }

    /// The `n` months that end with `self`, oldest first.
    pub fn window_ending(self, n: u32) -> Vec<YearMonth> {
        (0..n as i32).rev().map(|back| self.plus(-back)).collect()
    }
}

impl std::fmt::Display for YearMonth {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

/// Calendar days from submission to decision, between their Kyiv dates (0 on
/// the same day). The days the office waited for the resident count too: it
/// is the time the resident waited.
pub fn processing_days(submitted_at: OffsetDateTime, decided_at: OffsetDateTime) -> u32 {
    let days = (kyiv_time(decided_at).date() - kyiv_time(submitted_at).date()).whole_days();
    u32::try_from(days.max(0)).unwrap_or(u32::MAX)
}

/// Whether a decision came on time: on or before the due date (as the
/// deadline clock left it, pauses included) in Kyiv. A case without a due date cannot be late.
pub fn decided_on_time(decided_at: OffsetDateTime, due_on: Option<Date>) -> bool {
    due_on.is_none_or(|due| kyiv_time(decided_at).date() <= due)
}

/// Whether a service can be completed fully online: every service here is
/// applied for online (its definition is the online form), and this one's
/// workflow reaches a decision (an approved or rejected state) from its start
/// without a step that only a service-centre operator may take — such a step
/// would mean a visit. Documents to be shown in person are not recorded in
/// definitions, so they are not seen here.
pub fn fully_online(definition: &ServiceDefinition) -> bool {
    let workflow = &definition.workflow;
    let mut reached = vec![workflow.start.as_str()];
    let mut next = 0;
    while next < reached.len() {
        let state = reached[next];
        next += 1;
        if workflow.state(state).is_some_and(|s| matches!(s.phase, Phase::Approved | Phase::Rejected)) {
            return true;
        }
        for t in workflow.transitions_from(state) {
            let online = t.roles.iter().any(|r| *r != Actor::Operator);
            if online && !reached.contains(&t.to.as_str()) {
                reached.push(t.to.as_str());
            }
        }
    }
    false
}

// ---- figures -----------------------------------------------------------------------------

/// How many decisions took how many days.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DayHistogram {
    counts: BTreeMap<u32, u64>,
}

impl DayHistogram {
    pub fn add(&mut self, days: u32, n: u64) {
        if n > 0 {
            *self.counts.entry(days).or_default() += n;
        }
    }

    pub fn merge(&mut self, other: &DayHistogram) {
        for (days, n) in &other.counts {
            self.add(*days, *n);
        }
    }

    pub fn total(&self) -> u64 {
        self.counts.values().sum()
    }

    /// The value at 1-based position `rank` in ascending order.
    fn at_rank(&self, rank: u64) -> Option<u32> {
        let mut seen = 0;
        for (days, n) in &self.counts {
            seen += n;
            if seen >= rank {
                return Some(*days);
            }
        }
        None
    }

    /// The middle value; with an even number of decisions, the mean of the two middle ones.
    pub fn median(&self) -> Option<f64> {
        let n = self.total();
        if n == 0 {
            return None;
        }
        let upper = self.at_rank(n / 2 + 1)?;
        if n % 2 == 1 {
            return Some(f64::from(upper));
        }
        let lower = self.at_rank(n / 2)?;
        Some((f64::from(lower) + f64::from(upper)) / 2.0)
    }

    /// The `percent`th percentile by the nearest-rank method: the smallest
    /// number of days within which at least `percent` % of decisions were made.
    pub fn percentile(&self, percent: u32) -> Option<u32> {
        let n = self.total();
        if n == 0 {
            return None;
        }
        let rank = (u64::from(percent.min(100)) * n).div_ceil(100).max(1);
        self.at_rank(rank)
    }

    pub fn p90(&self) -> Option<u32> {
        self.percentile(90)
    }
}

/// A count as it may be published.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shown {
    /// The count rounded to the nearest multiple of the threshold (see
    /// [`round_to_base`]); 0 for none, and exact with a threshold of 1.
    Rounded(u64),
    /// Between 1 and the threshold less one: shown as "fewer than N".
    FewerThan(u64),
    /// Hidden although not small, so that a small hidden count cannot be
    /// worked out from the others (see [`shown_parts`]).
    Hidden,
}

/// `n` rounded to the nearest multiple of `base`, halves up (with 5: 7 → 5,
/// 8 → 10, 12 → 10, 13 → 15); `n` itself with a base of 0 or 1.
pub fn round_to_base(n: u64, base: u64) -> u64 {
    if base <= 1 {
        return n;
    }
    let multiples = n / base + u64::from(n % base >= base.div_ceil(2));
    multiples.saturating_mul(base)
}

/// A share as the pulse publishes it, 0 to 1: to the nearest 10 percent from
/// fewer than 20 cases, 5 percent from fewer than 100, whole percent from 100
/// — with a threshold above 1 (with 1, exactly). A share to three decimals
/// over a rounded count would give the exact count back (0.583 of "10" can
/// only be 7 of 12); this coarser one fits several of the counts that the
/// rounded one allows — always from 20 cases up (see the tests); below 20 a
/// few shares still fit one count only.
pub fn published_share(part: u64, whole: u64, min_count: u64) -> Option<f64> {
    if whole == 0 {
        return None;
    }
    let share = part as f64 / whole as f64;
    Some(match (min_count, whole) {
        (0 | 1, _) => share,
        (_, 100..) => (share * 100.0).round() / 100.0,
        (_, 20..) => (share * 20.0).round() / 20.0,
        _ => (share * 10.0).round() / 10.0,
    })
}

/// A mean score (1 to 5) as the pulse publishes it: to one decimal (with a
/// threshold above 1), for the same reason as [`published_share`].
pub fn published_mean(sum: u64, n: u64, min_count: u64) -> Option<f64> {
    if n == 0 {
        return None;
    }
    let mean = sum as f64 / n as f64;
    Some(if min_count <= 1 { mean } else { (mean * 10.0).round() / 10.0 })
}

/// The threshold rule: a count of people's cases from 1 to `min_count − 1` is
/// published only as "fewer than `min_count`"; 0 as it is; and any other
/// count rounded to the nearest multiple of `min_count`, so that a small
/// count cannot be worked out by taking one published count from another
/// (a community from its region, a month from the year).
pub fn shown(n: u64, min_count: u64) -> Shown {
    if n > 0 && n < min_count { Shown::FewerThan(min_count) } else { Shown::Rounded(round_to_base(n, min_count)) }
}

/// The threshold rule for the parts of a whole that is published too (the
/// channels of the applications): a hidden part must not be found by taking
/// the shown parts from the whole, so while the hidden parts add up to 1 to
/// `min_count − 1`, the smallest shown non-zero part is [`Shown::Hidden`] as
/// well. This stays with rounding: a whole of 7 and a part of 5 both publish
/// as 5, which would narrow the other part to 1 or 2.
pub fn shown_parts(parts: &[u64], min_count: u64) -> Vec<Shown> {
    let mut shown_parts: Vec<Shown> = parts.iter().map(|n| shown(*n, min_count)).collect();
    loop {
        let hidden: u64 = parts.iter().zip(&shown_parts).filter(|(_, s)| !matches!(s, Shown::Rounded(_))).map(|(n, _)| n).sum();
        if hidden == 0 || hidden >= min_count {
            return shown_parts;
        }
        let next = parts
            .iter()
            .enumerate()
            .filter(|(i, n)| **n > 0 && matches!(shown_parts[*i], Shown::Rounded(_)))
            .min_by_key(|(_, n)| **n)
            .map(|(i, _)| i);
        match next {
            Some(i) => shown_parts[i] = Shown::Hidden,
            None => return shown_parts,
        }
    }
}

/// Whether the share `part / whole` may be published: from at least
/// `min_count` cases, and neither the part nor the rest fewer than
/// `min_count` (unless none), so that no small count follows from it.
pub fn share_shown(part: u64, whole: u64, min_count: u64) -> bool {
    let small = |n: u64| n > 0 && n < min_count;
    enough(whole, min_count) && part <= whole && !small(part) && !small(whole - part)
}

/// Whether a figure computed from `n` cases (a median, a share, a mean) may be
/// published: only from at least `min_count` of them, so that no one's own
/// case is shown through it.
pub fn enough(n: u64, min_count: u64) -> bool {
    n >= min_count.max(1)
}

/// Whether a 90th percentile of `n` decisions may be published: only from at
/// least twice the threshold (10 with the default 5). By nearest rank the
/// 90th percentile of up to 9 decisions is the slowest one, one person's
/// case; from 10 on it never is. A threshold of 1 hides nothing.
pub fn p90_shown(n: u64, min_count: u64) -> bool {
    if min_count <= 1 { enough(n, 1) } else { n >= min_count.saturating_mul(2) }
}

/// What the roll-ups say about one place, one service or one month.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Cell {
    applications: [u64; 3],
    pub decisions: DayHistogram,
    pub on_time: u64,
    pub withdrawn: u64,
    /// Answers with score 1 to 5.
    answers: [u64; 5],
    pub open_now: u64,
    pub overdue_now: u64,
    /// Answers to "Was this page useful?": no, yes.
    useful: [u64; 2],
    /// "No" answers per page key (the whole period's cells; not the months').
    pub pages_not_useful: BTreeMap<String, u64>,
}

impl Cell {
    pub fn applications(&self, channel: Channel) -> u64 {
        self.applications[channel.index()]
    }

    pub fn applications_total(&self) -> u64 {
        self.applications.iter().sum()
    }

    pub fn decided(&self) -> u64 {
        self.decisions.total()
    }

    pub fn answers(&self) -> u64 {
        self.answers.iter().sum()
    }

    /// The sum of the scores given.
    pub fn score_sum(&self) -> u64 {
        self.answers.iter().zip(1u64..).map(|(n, score)| n * score).sum()
    }

    /// Share of decisions made on time, 0 to 1, exact (as a threshold of 1 publishes it).
    pub fn on_time_share(&self) -> Option<f64> {
        published_share(self.on_time, self.decided(), 1)
    }

    /// The mean score, 1 to 5, exact.
    pub fn satisfaction_mean(&self) -> Option<f64> {
        published_mean(self.score_sum(), self.answers(), 1)
    }

    /// Answers to "Was this page useful?".
    pub fn page_answers(&self) -> u64 {
        self.useful.iter().sum()
    }

    /// Of them, "yes".
    pub fn page_useful(&self) -> u64 {
        self.useful[1]
    }

    pub fn merge(&mut self, other: &Cell) {
        for i in 0..2 {
            self.useful[i] += other.useful[i];
        }
        for (page, n) in &other.pages_not_useful {
            *self.pages_not_useful.entry(page.clone()).or_default() += n;
        }
        for i in 0..3 {
            self.applications[i] += other.applications[i];
        }
        self.decisions.merge(&other.decisions);
        self.on_time += other.on_time;
        self.withdrawn += other.withdrawn;
        for i in 0..5 {
            self.answers[i] += other.answers[i];
        }
        self.open_now += other.open_now;
        self.overdue_now += other.overdue_now;
    }
}

/// The roll-ups of one scope (a community, a region, the installation):
/// the whole period, each month and each service.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tally {
    pub total: Cell,
    pub months: BTreeMap<YearMonth, Cell>,
    pub services: BTreeMap<String, Cell>,
}

impl Tally {
    /// The whole period's cell and the service's.
    fn cells(&mut self, service: &str) -> [&mut Cell; 2] {
        let service = self.services.entry(service.to_string()).or_default();
        [&mut self.total, service]
    }

    fn month(&mut self, month: YearMonth) -> &mut Cell {
        self.months.entry(month).or_default()
    }

    pub fn add_applications(&mut self, month: YearMonth, service: &str, channel: Channel, n: u64) {
        self.month(month).applications[channel.index()] += n;
        for cell in self.cells(service) {
            cell.applications[channel.index()] += n;
        }
    }

    pub fn add_decisions(&mut self, month: YearMonth, service: &str, days: u32, n: u64, on_time: u64) {
        let m = self.month(month);
        m.decisions.add(days, n);
        m.on_time += on_time;
        for cell in self.cells(service) {
            cell.decisions.add(days, n);
            cell.on_time += on_time;
        }
    }

    pub fn add_withdrawals(&mut self, month: YearMonth, service: &str, n: u64) {
        self.month(month).withdrawn += n;
        for cell in self.cells(service) {
            cell.withdrawn += n;
        }
    }

    /// `score` outside 1 to 5 is ignored.
    pub fn add_answers(&mut self, month: YearMonth, service: &str, score: u8, n: u64) {
        let Some(i) = usize::from(score).checked_sub(1).filter(|i| *i < 5) else { return };
        self.month(month).answers[i] += n;
        for cell in self.cells(service) {
            cell.answers[i] += n;
        }
    }

    /// Answers to "Was this page useful?" about one page of a service.
    pub fn add_page_answers(&mut self, month: YearMonth, service: &str, page: &str, useful: bool, n: u64) {
        self.month(month).useful[usize::from(useful)] += n;
        for cell in self.cells(service) {
            cell.useful[usize::from(useful)] += n;
            if !useful && n > 0 {
                *cell.pages_not_useful.entry(page.to_string()).or_default() += n;
            }
        }
    }

    /// Cases open now (and of them overdue), which belong to no month.
    pub fn add_open(&mut self, service: &str, open: u64, overdue: u64) {
        for cell in self.cells(service) {
            cell.open_now += open;
            cell.overdue_now += overdue;
        }
    }

    pub fn merge(&mut self, other: &Tally) {
        self.total.merge(&other.total);
        for (month, cell) in &other.months {
            self.month(*month).merge(cell);
        }
        for (service, cell) in &other.services {
            self.services.entry(service.clone()).or_default().merge(cell);
        }
    }
}

/// The pages with the most "no" answers, as they may be published: only
/// pages with at least `min_count` of them ([`enough`]), each count through
/// [`shown`], ordered by the published count (highest first, then by key,
/// so that the order tells no more than the counts), at most `limit`.
pub fn pages_not_useful_shown(pages: &BTreeMap<String, u64>, min_count: u64, limit: usize) -> Vec<(String, Shown)> {
    let mut listed: Vec<(String, u64)> =
        pages.iter().filter(|(_, n)| enough(**n, min_count)).map(|(page, n)| (page.clone(), round_to_base(*n, min_count))).collect();
    listed.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    listed.truncate(limit);
    listed.into_iter().map(|(page, n)| (page, Shown::Rounded(n))).collect()
}

// ---- the composite index -------------------------------------------------------------

/// The parts of the index.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Component {
    /// Decisions made on time: the on-time share.
    OnTime,
    /// Residents' satisfaction: (mean score − 1) / 4.
    Satisfaction,
    /// Speed: 1 − median processing days / 30, at least 0.
    Speed,
    /// No backlog: 1 − overdue now / open now (1 with nothing open).
    Backlog,
    /// Services completed fully online: their share of the services offered.
    ServicesOnline,
    /// Self-service: the share of applications residents made online themselves.
    SelfService,
}

/// The published weights; they add up to 100.
pub const INDEX_WEIGHTS: [(Component, u32); 6] = [
    (Component::OnTime, 30),
    (Component::Satisfaction, 20),
    (Component::Speed, 15),
    (Component::Backlog, 15),
    (Component::ServicesOnline, 10),
    (Component::SelfService, 10),
];

/// A median of this many days or more scores 0 for speed: 30 calendar days
/// is the general longest term of an administrative service in Ukraine.
pub const SPEED_HORIZON_DAYS: f64 = 30.0;

impl Component {
    pub fn code(self) -> &'static str {
        match self {
            Component::OnTime => "on_time",
            Component::Satisfaction => "satisfaction",
            Component::Speed => "speed",
            Component::Backlog => "backlog",
            Component::ServicesOnline => "services_online",
            Component::SelfService => "self_service",
        }
    }

    pub fn weight(self) -> u32 {
        INDEX_WEIGHTS.iter().find(|(c, _)| *c == self).map_or(0, |(_, w)| *w)
    }
}

/// What the index is computed from.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct IndexInputs {
    pub services_offered: u64,
    pub services_fully_online: u64,
    pub applications: u64,
    pub self_service: u64,
    pub decisions: u64,
    pub on_time: u64,
    pub median_days: Option<f64>,
    pub answers: u64,
    pub score_sum: u64,
    pub open_now: u64,
    pub overdue_now: u64,
}

impl IndexInputs {
    pub fn of(cell: &Cell, services_offered: u64, services_fully_online: u64) -> IndexInputs {
        IndexInputs {
            services_offered,
            services_fully_online,
            applications: cell.applications_total(),
            self_service: cell.applications(Channel::SelfService),
            decisions: cell.decided(),
            on_time: cell.on_time,
            median_days: cell.decisions.median(),
            answers: cell.answers(),
            score_sum: cell.score_sum(),
            open_now: cell.open_now,
            overdue_now: cell.overdue_now,
        }
    }
}

/// Each component's score, 0 to 1, for the components with enough data to
/// publish (see [`enough`] and [`share_shown`]); the others are left out.
pub fn component_scores(x: &IndexInputs, min_count: u64) -> Vec<(Component, f64)> {
    let ratio = |part: u64, whole: u64| part.min(whole) as f64 / whole as f64;
    let mut scores = Vec::new();
    for (component, _) in INDEX_WEIGHTS {
        let score = match component {
            Component::OnTime => share_shown(x.on_time, x.decisions, min_count).then(|| ratio(x.on_time, x.decisions)),
            Component::Satisfaction => enough(x.answers, min_count).then(|| ((x.score_sum as f64 / x.answers as f64) - 1.0) / 4.0),
            Component::Speed => {
                if enough(x.decisions, min_count) {
                    x.median_days.map(|m| (1.0 - m / SPEED_HORIZON_DAYS).max(0.0))
                } else {
                    None
                }
            }
            Component::Backlog => match x.open_now {
                0 => Some(1.0),
                n if share_shown(x.overdue_now, n, min_count) => Some(1.0 - ratio(x.overdue_now, n)),
                _ => None,
            },
            Component::ServicesOnline => (x.services_offered > 0).then(|| ratio(x.services_fully_online, x.services_offered)),
            Component::SelfService => share_shown(x.self_service, x.applications, min_count).then(|| ratio(x.self_service, x.applications)),
        };
        if let Some(score) = score {
            scores.push((component, score.clamp(0.0, 1.0)));
        }
    }
    scores
}

/// The composite index, 0 to 100 to one decimal: 100 × Σ weight × score / Σ
/// weight over the components with enough data. Published only for a scope
/// with at least `min_count` decisions in the period; `None` otherwise.
pub fn index(x: &IndexInputs, min_count: u64) -> Option<f64> {
    if !enough(x.decisions, min_count) {
        return None;
    }
    let scores = component_scores(x, min_count);
    let weights: u32 = scores.iter().map(|(c, _)| c.weight()).sum();
    if weights == 0 {
        return None;
    }
    let sum: f64 = scores.iter().map(|(c, s)| f64::from(c.weight()) * s).sum();
    Some((1000.0 * sum / f64::from(weights)).round() / 10.0)
}

/// Ranks by value, highest first, ties sharing a rank ("1, 2, 2, 4"); no
/// value, no rank.
pub fn competition_ranks(values: &[Option<f64>]) -> Vec<Option<u32>> {
    values
        .iter()
        .map(|v| {
            v.map(|v| {
                let better = values.iter().filter(|o| o.is_some_and(|o| o > v)).count();
                u32::try_from(better).unwrap_or(u32::MAX).saturating_add(1)
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use time::macros::{date, datetime};

    fn histogram(days: &[u32]) -> DayHistogram {
        let mut h = DayHistogram::default();
        for d in days {
            h.add(*d, 1);
        }
        h
    }

    #[test]
    fn median_is_the_middle_value_or_the_mean_of_the_two_middle_ones() {
        assert_eq!(histogram(&[]).median(), None);
        assert_eq!(histogram(&[7]).median(), Some(7.0));
        assert_eq!(histogram(&[1, 2, 9]).median(), Some(2.0));
        assert_eq!(histogram(&[1, 2, 3, 10]).median(), Some(2.5));
        assert_eq!(histogram(&[0, 0, 0, 5, 5, 30]).median(), Some(2.5));
        assert_eq!(histogram(&[4, 4, 4, 4]).median(), Some(4.0));
    }

    #[test]
    fn the_90th_percentile_is_the_nearest_rank() {
        // Ten decisions: the 9th smallest.
        assert_eq!(histogram(&[1, 2, 3, 4, 5, 6, 7, 8, 9, 10]).p90(), Some(9));
        // Eleven: rank ceil(9.9) = 10.
        assert_eq!(histogram(&[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 50]).p90(), Some(10));
        assert_eq!(histogram(&[3]).p90(), Some(3));
        assert_eq!(histogram(&[]).p90(), None);
        assert_eq!(histogram(&[2, 2, 2, 2, 2, 2, 2, 2, 2, 40]).p90(), Some(2), "9 of 10 within 2 days");
        assert_eq!(histogram(&[1, 2]).percentile(0), Some(1), "rank at least 1");
        assert_eq!(histogram(&[1, 2]).percentile(100), Some(2));
    }

    #[test]
    fn the_threshold_hides_small_counts_but_not_zero() {
        assert_eq!(shown(0, 5), Shown::Rounded(0));
        assert_eq!(shown(1, 5), Shown::FewerThan(5));
        assert_eq!(shown(4, 5), Shown::FewerThan(5));
        assert_eq!(shown(5, 5), Shown::Rounded(5));
        assert_eq!(shown(3, 1), Shown::Rounded(3), "a threshold of 1 hides nothing");
        assert!(!enough(4, 5) && enough(5, 5) && !enough(0, 0), "a figure needs at least one case");
    }

    #[test]
    fn counts_are_rounded_to_the_nearest_multiple_of_the_threshold() {
        let rounded = |n| shown(n, 5);
        assert_eq!(
            [5, 6, 7, 8, 9, 10, 12, 13, 14, 16].map(rounded),
            [5, 5, 5, 10, 10, 10, 10, 15, 15, 15].map(Shown::Rounded),
            "halves up"
        );
        assert_eq!(rounded(1_234_567), Shown::Rounded(1_234_565));
        // A threshold of 1 is the administrator's choice of exact counts.
        assert_eq!([0, 1, 7, 13].map(|n| shown(n, 1)), [0, 1, 7, 13].map(Shown::Rounded));
        // An even base rounds its half up; a base of 0 or 1 changes nothing.
        assert_eq!((round_to_base(14, 10), round_to_base(15, 10), round_to_base(6, 4)), (10, 20, 8));
        assert_eq!((round_to_base(7, 0), round_to_base(7, 1), round_to_base(0, 5)), (7, 7, 0));
        assert_eq!(round_to_base(u64::MAX, 5) % 5, 0, "no overflow at the top");
        // Bucha 14 and Irpin 2 make 16: both totals publish as 15, and 15 − 15 tells nothing of Irpin's 2.
        assert_eq!((shown(16, 5), shown(14, 5), shown(2, 5)), (Shown::Rounded(15), Shown::Rounded(15), Shown::FewerThan(5)));
    }

    /// The small counts `h` (1 to `min − 1`) that fit what `whole = part + small` and `part` publish as.
    fn small_counts_that_fit(part: u64, small: u64, min: u64) -> Vec<u64> {
        let (whole, shown_part) = (shown(part + small, min), shown(part, min));
        (1..min).filter(|h| (0..part + 2 * min).any(|p| shown(p, min) == shown_part && shown(p + h, min) == whole)).collect()
    }

    #[test]
    fn one_subtraction_never_tells_a_small_count() {
        // With a threshold of 5 or more, at least two small counts fit any whole and part.
        for min in 5..=12 {
            for part in min..=80 {
                for small in 1..min {
                    let fits = small_counts_that_fit(part, small, min);
                    assert!(fits.len() >= 2 && fits.contains(&small), "{} − {part} with threshold {min}: {fits:?}", part + small);
                }
            }
        }
        // Bucha's 14 and Irpin's 2: 15 and 15, and any of 1 to 4 fits.
        assert_eq!(small_counts_that_fit(14, 2, 5), [1, 2, 3, 4]);
        // Below 5 rounding guards less: with 3, 4 and 3 both publish as 3, and only a 1 fits.
        assert_eq!(small_counts_that_fit(3, 1, 3), [1]);
    }

    #[test]
    fn the_90th_percentile_needs_twice_the_threshold() {
        assert!(!p90_shown(9, 5) && p90_shown(10, 5), "up to 9 decisions, the 90th percentile is the slowest one");
        assert!(!p90_shown(19, 10) && p90_shown(20, 10));
        assert!(p90_shown(1, 1) && !p90_shown(0, 1), "a threshold of 1 hides nothing, and nothing is no figure");
        // From 10 decisions on, the nearest rank is never the last one.
        for n in 10u64..200 {
            assert!((90 * n).div_ceil(100) < n, "{n}");
        }
        assert_eq!((90u64 * 9).div_ceil(100), 9, "of 9, rank 9: the slowest");
    }

    #[test]
    fn a_hidden_part_cannot_be_found_by_subtraction() {
        let (f, h, r) = (Shown::FewerThan(5), Shown::Hidden, Shown::Rounded);
        // 9 + 0 + 2 = 11: the 2 alone would follow from 11 − 9, so the 9 goes too.
        assert_eq!(shown_parts(&[9, 0, 2], 5), vec![h, r(0), f]);
        // Two hidden parts that add up to 5 or more reveal nothing by subtraction.
        assert_eq!(shown_parts(&[20, 3, 2], 5), vec![r(20), f, f]);
        // The smallest shown part goes first.
        assert_eq!(shown_parts(&[40, 6, 1], 5), vec![r(40), h, f]);
        assert_eq!(shown_parts(&[12, 7, 0], 5), vec![r(10), r(5), r(0)], "shown parts are rounded");
        assert_eq!(shown_parts(&[3, 0, 0], 5), vec![f, r(0), r(0)], "the whole is hidden too");
    }

    #[test]
    fn a_share_is_shown_only_when_neither_side_is_small() {
        assert!(share_shown(5, 10, 5));
        assert!(share_shown(0, 7, 5) && share_shown(7, 7, 5), "none on one side hides no one");
        assert!(!share_shown(5, 7, 5), "7 − 5 = 2 would follow");
        assert!(!share_shown(2, 9, 5));
        assert!(!share_shown(3, 4, 5) && !share_shown(0, 0, 5), "too few in all");
        assert!(!share_shown(8, 7, 5), "a part cannot be more than the whole");
    }

    #[test]
    fn channels_come_from_the_channel_and_the_account() {
        assert_eq!(Channel::of(CaseChannel::Online, false), Channel::SelfService);
        assert_eq!(Channel::of(CaseChannel::Online, true), Channel::SelfService);
        assert_eq!(Channel::of(CaseChannel::Assisted, true), Channel::Assisted);
        assert_eq!(Channel::of(CaseChannel::Assisted, false), Channel::OnBehalf);
        for c in Channel::ALL {
            assert_eq!(Channel::parse(c.code()), Some(c));
        }
        assert_eq!(Outcome::parse("withdrawn"), Some(Outcome::Withdrawn));
        assert!(!Outcome::Withdrawn.is_decision() && Outcome::Unspecified.is_decision());
        assert_eq!(Outcome::of_phase(Phase::InReview), None);
    }

    #[test]
    fn months_and_days_are_kyivs() {
        // 23:30 UTC on 31 January is 1 February in Kyiv.
        assert_eq!(YearMonth::of(datetime!(2026-01-31 23:30 UTC)).to_string(), "2026-02");
        assert_eq!(YearMonth::of(datetime!(2026-01-31 21:30 UTC)).to_string(), "2026-01");
        assert_eq!(YearMonth::parse("2026-03").map(|m| m.plus(-3).to_string()), Some("2025-12".into()));
        assert_eq!(YearMonth::parse("2026-3"), None);
        assert_eq!(YearMonth::parse("2026-13"), None);
        assert_eq!(YearMonth::parse("+026-03"), None);
        let window = YearMonth::of_date(date!(2026 - 11 - 27)).window_ending(12);
        assert_eq!((window[0].to_string(), window[11].to_string(), window.len()), ("2025-12".into(), "2026-11".into(), 12));
        assert_eq!(YearMonth::of_date(date!(2026 - 11 - 27)).first_day(), date!(2026 - 11 - 01));
        // Submitted late on the 1st (the 2nd in Kyiv), decided on the 2nd: the same day.
        assert_eq!(processing_days(datetime!(2026-03-01 22:30 UTC), datetime!(2026-03-02 08:00 UTC)), 0);
        assert_eq!(processing_days(datetime!(2026-03-01 08:00 UTC), datetime!(2026-03-11 08:00 UTC)), 10);
        assert_eq!(processing_days(datetime!(2026-03-11 08:00 UTC), datetime!(2026-03-01 08:00 UTC)), 0, "never negative");
        assert!(decided_on_time(datetime!(2026-03-10 21:59 UTC), Some(date!(2026 - 03 - 10))));
        assert!(!decided_on_time(datetime!(2026-03-10 22:00 UTC), Some(date!(2026 - 03 - 10))), "midnight in Kyiv is the next day");
        assert!(decided_on_time(datetime!(2030-01-01 00:00 UTC), None));
    }

    #[test]
    fn a_tally_sums_into_the_period_each_month_and_each_service() {
        let march = YearMonth::new(2026, 3).unwrap();
        let april = march.plus(1);
        let mut t = Tally::default();
        t.add_applications(march, "a", Channel::SelfService, 3);
        t.add_applications(april, "b", Channel::OnBehalf, 2);
        t.add_decisions(march, "a", 2, 3, 2);
        t.add_decisions(april, "a", 10, 1, 0);
        t.add_withdrawals(april, "b", 1);
        t.add_answers(april, "a", 5, 2);
        t.add_answers(april, "a", 2, 1);
        t.add_answers(april, "a", 9, 1);
        t.add_open("b", 4, 1);
        assert_eq!(t.total.applications_total(), 5);
        assert_eq!(t.total.applications(Channel::OnBehalf), 2);
        assert_eq!(t.months[&march].applications_total(), 3);
        assert_eq!((t.total.decided(), t.total.on_time), (4, 2));
        assert_eq!(t.total.on_time_share(), Some(0.5));
        assert_eq!(t.total.decisions.median(), Some(2.0));
        assert_eq!(t.services["a"].decided(), 4);
        assert_eq!(t.services["b"].withdrawn, 1);
        assert_eq!((t.total.answers(), t.total.score_sum()), (3, 12), "a score of 9 is not a score");
        assert_eq!(t.total.satisfaction_mean(), Some(4.0));
        assert_eq!((t.services["b"].open_now, t.total.overdue_now), (4, 1));
        let mut both = t.clone();
        both.merge(&t);
        assert_eq!((both.total.applications_total(), both.months[&april].decided(), both.services["a"].answers()), (10, 2, 6));
    }

    fn inputs() -> IndexInputs {
        IndexInputs {
            services_offered: 4,
            services_fully_online: 4,
            applications: 100,
            self_service: 80,
            decisions: 50,
            on_time: 45,
            median_days: Some(6.0),
            answers: 20,
            score_sum: 80,
            open_now: 25,
            overdue_now: 5,
        }
    }

    #[test]
    fn the_index_weighs_its_published_components() {
        assert_eq!(INDEX_WEIGHTS.iter().map(|(_, w)| w).sum::<u32>(), 100);
        // on time 0.9×30 + satisfaction 0.75×20 + speed 0.8×15 + backlog 0.8×15 + online 1×10 + self 0.8×10 = 84.
        assert_eq!(index(&inputs(), 5), Some(84.0));
        // Too few answers: satisfaction is left out and the rest weigh 80.
        let few = IndexInputs { answers: 3, score_sum: 3, ..inputs() };
        assert_eq!(component_scores(&few, 5).len(), 5);
        assert_eq!(index(&few, 5), Some(86.3), "(84 − 15) / 80 × 100 = 86.25, rounded");
        // Too few decisions: no index at all.
        assert_eq!(index(&IndexInputs { decisions: 4, on_time: 4, ..inputs() }, 5), None);
        // A share that would tell a small number is left out: 2 overdue of 10 open.
        let two_overdue = IndexInputs { open_now: 10, overdue_now: 2, ..inputs() };
        assert!(!component_scores(&two_overdue, 5).iter().any(|(c, _)| *c == Component::Backlog));
        // A slow office scores nothing for speed, never less.
        let slow = IndexInputs { median_days: Some(90.0), ..inputs() };
        assert!(component_scores(&slow, 5).contains(&(Component::Speed, 0.0)));
        // Nothing open: no backlog.
        let clear = IndexInputs { open_now: 0, overdue_now: 0, ..inputs() };
        assert!(component_scores(&clear, 5).contains(&(Component::Backlog, 1.0)));
    }

    #[test]
    fn a_service_is_fully_online_unless_a_decision_needs_the_counter() {
        let source = include_str!("../../../services/zapyt-na-publichnu-informatsiiu.toml");
        let parse = |s: &str| crate::definition::parse_definition(s, None).definition.expect("the demo definition parses");
        assert!(fully_online(&parse(source)));
        // Every office step taken only by a service-centre operator: a visit before any decision.
        let at_the_counter = source.replace("[\"officer\", \"supervisor\"]", "[\"operator\"]").replace("[\"officer\"]", "[\"operator\"]");
        assert_ne!(at_the_counter, source);
        assert!(!fully_online(&parse(&at_the_counter)));
    }

    #[test]
    fn ranks_share_places_on_ties() {
        assert_eq!(
            competition_ranks(&[Some(50.0), Some(80.0), None, Some(50.0), Some(10.0)]),
            vec![Some(2), Some(1), None, Some(2), Some(4)]
        );
        assert!(competition_ranks(&[]).is_empty());
    }

    proptest! {
        #[test]
        fn median_and_percentiles_match_sorting(mut days in proptest::collection::vec(0u32..400, 1..200), p in 1u32..=100) {
            let h = histogram(&days);
            days.sort_unstable();
            let n = days.len();
            let median = if n % 2 == 1 { f64::from(days[n / 2]) } else { (f64::from(days[n / 2 - 1]) + f64::from(days[n / 2])) / 2.0 };
            prop_assert_eq!(h.median(), Some(median));
            let rank = ((p as usize) * n).div_ceil(100).max(1);
            prop_assert_eq!(h.percentile(p), Some(days[rank - 1]));
            prop_assert!(h.p90() >= h.percentile(50));
        }

        #[test]
        fn the_index_stays_between_0_and_100(
            offered in 0u64..20, online in 0u64..20, applications in 0u64..500, own in 0u64..500,
            decisions in 0u64..500, on_time in 0u64..500, median in proptest::option::of(0.0f64..400.0),
            answers in 0u64..100, score_sum in 0u64..600, open in 0u64..100, overdue in 0u64..100, min in 1u64..10,
        ) {
            let x = IndexInputs { services_offered: offered, services_fully_online: online, applications, self_service: own, decisions, on_time, median_days: median, answers, score_sum: score_sum.clamp(answers, answers * 5), open_now: open, overdue_now: overdue };
            if let Some(i) = index(&x, min) {
                prop_assert!((0.0..=100.0).contains(&i), "{}", i);
            }
            for (_, s) in component_scores(&x, min) {
                prop_assert!((0.0..=1.0).contains(&s));
            }
        }

        /// Whatever the parts, the hidden ones add up to none or to at least the threshold.
        #[test]
        fn hidden_parts_never_add_up_to_a_small_number(parts in proptest::collection::vec(0u64..30, 1..5), min in 1u64..10) {
            let shown = shown_parts(&parts, min);
            let hidden: u64 = parts.iter().zip(&shown).filter(|(_, s)| !matches!(s, Shown::Rounded(_))).map(|(n, _)| n).sum();
            let total: u64 = parts.iter().sum();
            prop_assert!(hidden == 0 || hidden >= min || total < min, "{:?} → {:?}", parts, shown);
            for (n, s) in parts.iter().zip(&shown) {
                if *n > 0 && *n < min {
                    prop_assert_eq!(*s, Shown::FewerThan(min));
                }
            }
        }

        /// A published count is 0, "fewer than" the threshold, or a multiple of it at
        /// least as big, no further than half the threshold from the count.
        #[test]
        fn a_published_count_is_a_multiple_of_the_threshold(n in 0u64..100_000, min in 1u64..50) {
            match shown(n, min) {
                Shown::Rounded(r) => {
                    prop_assert!(r % min == 0 && (r == 0) == (n == 0) && (n == 0 || r >= min), "{} → {}", n, r);
                    prop_assert!(2 * r.abs_diff(n) <= min, "{} → {}", n, r);
                }
                Shown::FewerThan(m) => prop_assert!(m == min && n > 0 && n < min),
                Shown::Hidden => prop_assert!(false, "a lone count is never hidden"),
            }
        }

        #[test]
        fn year_months_round_trip(year in 1000i32..9999, month in 1u8..=12, n in -240i32..240) {
            let m = YearMonth::new(year, month).unwrap();
            prop_assert_eq!(YearMonth::parse(&m.to_string()), Some(m));
            let moved = m.plus(n);
            if (1000..=9999).contains(&moved.year()) {
                prop_assert_eq!(moved.plus(-n), m);
                prop_assert_eq!(YearMonth::of_date(moved.first_day()), moved);
            }
        }
    }

    #[test]
    fn shares_and_means_are_published_too_coarse_to_give_a_rounded_count_back() {
        // 7 of 12 on time: 0.583 would say "12" behind a published "10"; 0.6 fits 6 of 10 as well.
        assert_eq!(published_share(7, 12, 5), Some(0.6));
        assert_eq!(published_share(6, 10, 5), Some(0.6));
        assert_eq!(published_share(13, 20, 5), Some(0.65), "5 percent from 20 cases");
        assert_eq!(published_share(583, 1000, 5), Some(0.58), "whole percent from 100 cases");
        assert_eq!(published_share(7, 12, 1), Some(7.0 / 12.0), "a threshold of 1 publishes exact figures");
        assert_eq!(published_share(0, 0, 5), None);
        // 26 points from 6 answers: 4.333 would say "6" behind a published "5"; 4.3 fits 13 of 3 and 30 of 7 too.
        assert_eq!(published_mean(26, 6, 5), Some(4.3));
        assert_eq!(published_mean(13, 3, 5), Some(4.3));
        assert_eq!(published_mean(30, 7, 5), Some(4.3));
        assert_eq!(published_mean(26, 6, 1), Some(26.0 / 6.0));
        // From 10 answers up, every mean fits another number of answers behind the same rounded one.
        for rounded in [10u64, 15, 20, 50, 100] {
            let behind = || rounded - 2..=rounded + 2;
            for n in behind() {
                for sum in n..=5 * n {
                    let published = published_mean(sum, n, 5);
                    let others = behind().filter(|m| *m != n && (*m..=5 * *m).any(|t| published_mean(t, *m, 5) == published)).count();
                    assert!(others > 0, "a sum of {sum} from {n} answers is the only one behind {published:?}");
                }
            }
        }
        // From 20 cases up, every share that is shown fits another count of decisions behind the same rounded one.
        for rounded in [20u64, 25, 50, 95, 100, 105, 200, 1000] {
            let behind = || (rounded - 2).max(5)..=rounded + 2;
            let shown = |part: u64, whole: u64| share_shown(part, whole, 5).then(|| published_share(part, whole, 5)).flatten();
            for whole in behind() {
                for part in 0..=whole {
                    let Some(published) = shown(part, whole) else { continue };
                    let others = behind().filter(|w| *w != whole && (0..=*w).any(|p| shown(p, *w) == Some(published))).count();
                    assert!(others > 0, "{part} of {whole} is the only count behind {published} (published count {rounded})");
                }
            }
        }
    }

    #[test]
    fn usefulness_counts_per_service_and_lists_only_pages_with_enough_no_answers() {
        let mut tally = Tally::default();
        let march = YearMonth::new(2026, 3).unwrap();
        tally.add_page_answers(march, "dovidka", "service:b/dovidka:page:start", true, 9);
        tally.add_page_answers(march, "dovidka", "service:b/dovidka:page:start", false, 4);
        tally.add_page_answers(march, "dovidka", "service:b/dovidka:page:check", false, 7);
        tally.add_page_answers(march, "dovidka", "service:b/dovidka:page:status", false, 12);
        let cell = &tally.services["dovidka"];
        assert_eq!((cell.page_answers(), cell.page_useful()), (32, 9));
        assert_eq!(tally.total.page_answers(), 32);
        assert_eq!(tally.months[&march].page_answers(), 32);
        // 4 "no" is fewer than the threshold: that page is not listed at all; the others are rounded.
        assert_eq!(
            pages_not_useful_shown(&cell.pages_not_useful, 5, 10),
            vec![
                ("service:b/dovidka:page:status".to_string(), Shown::Rounded(10)),
                ("service:b/dovidka:page:check".to_string(), Shown::Rounded(5))
            ]
        );
        assert_eq!(pages_not_useful_shown(&cell.pages_not_useful, 5, 1).len(), 1);
        // The share of "yes" follows the share rule: 9 of 32 is shown, 4 of 32 would not be.
        assert!(share_shown(cell.page_useful(), cell.page_answers(), 5));
        assert!(!share_shown(4, 32, 5));
    }
}
