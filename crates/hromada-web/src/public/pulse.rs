//! The pulse of progress (PRODUCT.md capability 9): a public dashboard of the
//! installation (`/pulse`), of each region (`/pulse/{region}`) and of each
//! community (`/{community}/pulse`), each also as open data (`.csv`,
//! `.json`), with the data described at `/pulse/data` and as JSON Schema at
//! `/pulse/schema.json`.
//!
//! Architecture Invariant: a pulse page reads the store's roll-ups, never
//! cases. The figures of every scope are computed together into a
//! [`Snapshot`] kept in memory; a page older than [`SNAPSHOT_MAX_AGE`] is
//! still served while a new snapshot is made in the background, so a page
//! waits on the database only when there is no snapshot at all.
//!
//! No personal data: a count from 1 to `min_count − 1` is published as
//! "fewer than `min_count`" and every other count rounded to the nearest
//! multiple of `min_count` (all through [`shown`]: pages, tables, charts,
//! their summaries and the files), so that no small count follows from
//! taking one published count from another; a figure computed from cases (a
//! median, a share, a mean) is published only from at least `min_count` of
//! them, and a 90th percentile from twice as many ([`p90_shown`]). Shares,
//! medians, means and the index are computed from the exact counts. Charts
//! draw no bar for a hidden figure and draw the rounded count of a shown one,
//! so their geometry reveals nothing the table hides.
//!
//! The open data has one shape for every page — [`COLUMNS`], one row per
//! figure, named by [`MEASURES`] — written by the CSV and the JSON writer and
//! described by the data page and the JSON Schema from the same lists.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, RwLock};
use std::time::Duration;

use askama::Template;
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::http::header::{self, HeaderValue};
use axum::response::{IntoResponse, Response};
use fluent_bundle::FluentValue;
use hromada_domain::Lang;
use hromada_domain::clock::kyiv_time;
use hromada_domain::pulse::{
    Cell, Channel, Component, INDEX_WEIGHTS, IndexInputs, SPEED_HORIZON_DAYS, Shown, Tally, YearMonth, competition_ranks, component_scores,
    enough, fully_online, index, p90_shown, pages_not_useful_shown, published_mean, published_share, share_shown, shown, shown_parts,
};
use hromada_store::StoreError;
use serde_json::{Map, Value, json};
use time::format_description::well_known::Rfc3339;
use time::{Date, OffsetDateTime};

use crate::AppState;
use crate::http::i18n::Tr;
use crate::http::layout::{Base, Ui, feedback_page_label};
use crate::http::render::{Reject, render};

/// How many months the figures cover: this month and the eleven before it.
pub const WINDOW_MONTHS: u32 = 12;
/// A snapshot older than this is made again (in the background).
pub const SNAPSHOT_MAX_AGE: Duration = Duration::from_secs(60);
const LICENCE_NAME: &str = "CC BY 4.0";
const LICENCE_URL: &str = "https://creativecommons.org/licenses/by/4.0/";
const SCHEMA_VERSION: u32 = 1;

/// The pulse's settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PulseSettings {
    /// The threshold: smaller counts are shown as "fewer than" it, the others
    /// rounded to its nearest multiple, and figures need at least so many cases.
    pub min_count: u64,
}

impl Default for PulseSettings {
    fn default() -> Self {
        PulseSettings { min_count: 5 }
    }
}

// ---- the snapshot ---------------------------------------------------------------------------

/// The figures of one place.
#[derive(Debug, Clone, Default)]
pub(crate) struct Scope {
    tally: Tally,
    offered: BTreeSet<String>,
    fully_online: usize,
    index: Option<f64>,
    /// The place among its peers (communities of its region, or regions) by index, and how many were ranked.
    rank: Option<u32>,
    ranked: usize,
}

impl Scope {
    fn inputs(&self) -> IndexInputs {
        IndexInputs::of(&self.tally.total, self.offered.len() as u64, self.fully_online as u64)
    }
}

/// Every scope's figures at one moment.
#[derive(Debug)]
pub(crate) struct Snapshot {
    at: OffsetDateTime,
    today: Date,
    months: Vec<YearMonth>,
    min_count: u64,
    installation: Scope,
    regions: BTreeMap<String, Scope>,
    communities: BTreeMap<String, Scope>,
}

/// The last snapshot and when it was made.
#[derive(Debug, Default)]
pub struct PulseCache {
    current: RwLock<Option<(Arc<Snapshot>, tokio::time::Instant)>>,
    refreshing: AtomicBool,
}

impl PulseCache {
    fn get(&self) -> Option<(Arc<Snapshot>, tokio::time::Instant)> {
        match self.current.read() {
            Ok(guard) => guard.clone(),
            Err(poisoned) => poisoned.into_inner().clone(),
        }
    }

    fn set(&self, snapshot: Arc<Snapshot>) {
        let value = Some((snapshot, tokio::time::Instant::now()));
        match self.current.write() {
            Ok(mut guard) => *guard = value,
            Err(poisoned) => *poisoned.into_inner() = value,
        }
    }
}

/// The snapshot to render from: the last one (made again in the background
/// when it is old), or a new one when there is none yet.
async fn snapshot(state: &AppState) -> Result<Arc<Snapshot>, StoreError> {
    if let Some((current, made)) = state.pulse.get() {
        if made.elapsed() >= SNAPSHOT_MAX_AGE && !state.pulse.refreshing.swap(true, Ordering::AcqRel) {
            let state = state.clone();
            tokio::spawn(async move {
                match build(&state).await {
                    Ok(fresh) => state.pulse.set(Arc::new(fresh)),
                    Err(error) => tracing::warn!(%error, "the pulse snapshot was not renewed; serving the last one"),
                }
                state.pulse.refreshing.store(false, Ordering::Release);
            });
        }
        return Ok(current);
    }
    let fresh = Arc::new(build(state).await?);
    state.pulse.set(Arc::clone(&fresh));
    Ok(fresh)
}

impl AppState {
    /// Make the pulse's snapshot now and again every [`SNAPSHOT_MAX_AGE`], so
    /// that no visitor waits for one (without this task, the first visitor does).
    pub fn spawn_pulse_refresh(&self) -> tokio::task::JoinHandle<()> {
        let state = self.clone();
        tokio::spawn(async move {
            let mut ticker = tokio::time::interval(SNAPSHOT_MAX_AGE);
            loop {
                ticker.tick().await;
                // One renewal at a time: a page that found the snapshot old may be making one now.
                if state.pulse.refreshing.swap(true, Ordering::AcqRel) {
                    continue;
                }
                match build(&state).await {
                    Ok(fresh) => state.pulse.set(Arc::new(fresh)),
                    Err(error) => tracing::warn!(%error, "the pulse snapshot was not renewed; serving the last one"),
                }
                state.pulse.refreshing.store(false, Ordering::Release);
            }
        })
    }
}

/// Read the roll-ups of the window and compute every scope's figures, index and rank.
async fn build(state: &AppState) -> Result<Snapshot, StoreError> {
    let catalogue = state.catalogue.get();
    let min_count = state.settings.pulse.min_count;
    let at = state.clock.now();
    let today = kyiv_time(at).date();
    let end = YearMonth::of_date(today);
    let months = end.window_ending(WINDOW_MONTHS);
    let first = months.first().copied().unwrap_or(end);
    let started = std::time::Instant::now();
    let rollups = state.store.pulse_rollups(first, end, today).await?;
    let read = started.elapsed();
    let rows =
        rollups.applications.len() + rollups.decisions.len() + rollups.withdrawals.len() + rollups.answers.len() + rollups.open.len();

    let online: BTreeSet<String> =
        catalogue.all_services().iter().filter(|s| fully_online(&s.definition)).map(|s| s.definition.id.clone()).collect();
    let scope_of = |offered: BTreeSet<String>| Scope { fully_online: offered.intersection(&online).count(), offered, ..Scope::default() };
    let mut communities: BTreeMap<String, Scope> = catalogue
        .communities()
        .iter()
        .map(|c| (c.slug.clone(), scope_of(catalogue.services_in(&c.slug).iter().map(|s| s.definition.id.clone()).collect())))
        .collect();
    for r in &rollups.applications {
        if let Some(s) = communities.get_mut(&r.community_slug) {
            s.tally.add_applications(r.month, &r.service_slug, r.channel, r.count);
        }
    }
    for r in &rollups.decisions {
        if let Some(s) = communities.get_mut(&r.community_slug) {
            s.tally.add_decisions(r.month, &r.service_slug, r.days, r.count, r.on_time);
        }
    }
    for r in &rollups.withdrawals {
        if let Some(s) = communities.get_mut(&r.community_slug) {
            s.tally.add_withdrawals(r.month, &r.service_slug, r.count);
        }
    }
    for r in &rollups.answers {
        if let Some(s) = communities.get_mut(&r.community_slug) {
            s.tally.add_answers(r.month, &r.service_slug, r.score, r.count);
        }
    }
    for r in &rollups.open {
        if let Some(s) = communities.get_mut(&r.community_slug) {
            s.tally.add_open(&r.service_slug, r.open, r.overdue);
        }
    }
    for r in &rollups.page_feedback {
        if let Some(s) = communities.get_mut(&r.community_slug) {
            s.tally.add_page_answers(r.month, &r.service_slug, &r.page_key, r.useful, r.count);
        }
    }
    for scope in communities.values_mut() {
        scope.index = index(&scope.inputs(), min_count);
    }

    let mut regions = BTreeMap::new();
    let mut installation_offered = BTreeSet::new();
    let mut installation_tally = Tally::default();
    for region in catalogue.regions() {
        let members: Vec<String> = catalogue.communities_of(&region.slug).map(|c| c.slug.clone()).collect();
        if members.is_empty() {
            continue;
        }
        let ranks = competition_ranks(&members.iter().map(|m| communities.get(m).and_then(|s| s.index)).collect::<Vec<_>>());
        let ranked = ranks.iter().flatten().count();
        let mut offered = BTreeSet::new();
        let mut tally = Tally::default();
        for (member, rank) in members.iter().zip(ranks) {
            if let Some(s) = communities.get_mut(member) {
                s.rank = rank;
                s.ranked = ranked;
                offered.extend(s.offered.iter().cloned());
                tally.merge(&s.tally);
            }
        }
        installation_offered.extend(offered.iter().cloned());
        installation_tally.merge(&tally);
        let mut scope = scope_of(offered);
        scope.tally = tally;
        scope.index = index(&scope.inputs(), min_count);
        regions.insert(region.slug.clone(), scope);
    }
    let slugs: Vec<String> = regions.keys().cloned().collect();
    let ranks = competition_ranks(&slugs.iter().map(|s| regions.get(s).and_then(|r| r.index)).collect::<Vec<_>>());
    let ranked = ranks.iter().flatten().count();
    for (slug, rank) in slugs.iter().zip(ranks) {
        if let Some(r) = regions.get_mut(slug) {
            r.rank = rank;
            r.ranked = ranked;
        }
    }
    let mut installation = scope_of(installation_offered);
    installation.tally = installation_tally;
    installation.index = index(&installation.inputs(), min_count);
    // How long a renewal takes (bench/pulse.sh reads it at debug level).
    tracing::debug!(rows, read_ms = read.as_secs_f64() * 1e3, total_ms = started.elapsed().as_secs_f64() * 1e3, "pulse snapshot built");
    Ok(Snapshot { at, today, months, min_count, installation, regions, communities })
}

// ---- figures as they may be published -------------------------------------------------------------

/// A figure computed from cases.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Derived {
    Value(f64),
    /// From 1 to `min_count − 1` cases: not published.
    TooFew,
    /// From no case at all.
    NoData,
}

fn derived(basis: u64, min_count: u64, value: Option<f64>) -> Derived {
    match value {
        _ if basis == 0 => Derived::NoData,
        _ if !enough(basis, min_count) => Derived::TooFew,
        Some(v) => Derived::Value(v),
        None => Derived::NoData,
    }
}

/// A cell's figures, hidden as the threshold rule says.
struct Figures {
    applications: Shown,
    by_channel: [Shown; 3],
    decisions: Shown,
    on_time: Shown,
    withdrawn: Shown,
    on_time_share: Derived,
    median: Derived,
    p90: Derived,
    answers: Shown,
    satisfaction: Derived,
    open_now: Shown,
    overdue_now: Shown,
}

impl Figures {
    fn of(cell: &Cell, min: u64) -> Figures {
        let decided = cell.decided();
        Figures {
            applications: shown(cell.applications_total(), min),
            by_channel: {
                let parts = shown_parts(&Channel::ALL.map(|c| cell.applications(c)), min);
                [parts[0], parts[1], parts[2]]
            },
            decisions: shown(decided, min),
            // A part of the decisions: the late ones must not follow from it either.
            on_time: shown_parts(&[cell.on_time, decided.saturating_sub(cell.on_time)], min)[0],
            withdrawn: shown(cell.withdrawn, min),
            on_time_share: match decided {
                0 => Derived::NoData,
                _ if share_shown(cell.on_time, decided, min) => {
                    published_share(cell.on_time, decided, min).map_or(Derived::NoData, Derived::Value)
                }
                _ => Derived::TooFew,
            },
            median: derived(decided, min, cell.decisions.median()),
            p90: match derived(decided, min, cell.decisions.p90().map(f64::from)) {
                Derived::Value(_) if !p90_shown(decided, min) => Derived::TooFew,
                d => d,
            },
            answers: shown(cell.answers(), min),
            satisfaction: derived(cell.answers(), min, published_mean(cell.score_sum(), cell.answers(), min)),
            open_now: shown(cell.open_now, min),
            overdue_now: shown_parts(&[cell.overdue_now, cell.open_now.saturating_sub(cell.overdue_now)], min)[0],
        }
    }
}

/// The index, published only where there is enough data.
fn index_figure(scope: &Scope) -> Derived {
    match scope.index {
        Some(v) => Derived::Value(v),
        None if scope.tally.total.decided() == 0 => Derived::NoData,
        None => Derived::TooFew,
    }
}

// ---- the open data's shape -------------------------------------------------------------------

/// A column of the open data.
pub(crate) struct Column {
    pub name: &'static str,
    /// JSON Schema of its values.
    schema: fn() -> Value,
    /// What the column holds, in the message catalogue.
    key: &'static str,
}

/// Every row of every download has exactly these columns, in this order.
pub(crate) const COLUMNS: [Column; 10] = [
    Column { name: "snapshot_at", schema: || json!({"type": "string", "format": "date-time"}), key: "pulse-column-snapshot-at" },
    Column { name: "scope_type", schema: || json!({"enum": ["installation", "region", "community"]}), key: "pulse-column-scope-type" },
    Column { name: "scope", schema: || json!({"type": ["string", "null"], "pattern": "^[a-z0-9-]+$"}), key: "pulse-column-scope" },
    Column { name: "region", schema: || json!({"type": ["string", "null"], "pattern": "^[a-z0-9-]+$"}), key: "pulse-column-region" },
    Column {
        name: "period",
        schema: || json!({"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}(-[0-9]{2}|/[0-9]{4}-[0-9]{2})?$"}),
        key: "pulse-column-period",
    },
    Column { name: "service", schema: || json!({"type": ["string", "null"], "pattern": "^[a-z0-9-]+$"}), key: "pulse-column-service" },
    Column { name: "channel", schema: || json!({"enum": ["self_service", "assisted", "on_behalf", null]}), key: "pulse-column-channel" },
    Column {
        name: "measure",
        schema: || json!({"enum": MEASURES.iter().map(|m| m.name).collect::<Vec<_>>()}),
        key: "pulse-column-measure",
    },
    Column {
        name: "value",
        schema: || {
            json!({
                "type": ["number", "null"],
                "description": "A count of applications, decisions, answers or cases is 0 or a multiple of min_count (rounded to the nearest, halves up); from 1 to min_count - 1 it is null, flagged suppressed."
            })
        },
        key: "pulse-column-value",
    },
    Column { name: "flag", schema: || json!({"enum": ["suppressed", "no_data", null]}), key: "pulse-column-flag" },
];

/// A measure: what a row counts or computes.
pub(crate) struct Measure {
    pub name: &'static str,
    /// The unit's message key.
    unit: &'static str,
}

pub(crate) const MEASURES: [Measure; 16] = [
    Measure { name: "services_offered", unit: "pulse-unit-services" },
    Measure { name: "services_fully_online", unit: "pulse-unit-services" },
    Measure { name: "applications", unit: "pulse-unit-applications" },
    Measure { name: "decisions", unit: "pulse-unit-decisions" },
    Measure { name: "decided_on_time", unit: "pulse-unit-decisions" },
    Measure { name: "on_time_share", unit: "pulse-unit-ratio" },
    Measure { name: "processing_days_median", unit: "pulse-unit-days" },
    Measure { name: "processing_days_p90", unit: "pulse-unit-days" },
    Measure { name: "withdrawn", unit: "pulse-unit-applications" },
    Measure { name: "open_now", unit: "pulse-unit-cases" },
    Measure { name: "overdue_now", unit: "pulse-unit-cases" },
    Measure { name: "satisfaction_answers", unit: "pulse-unit-answers" },
    Measure { name: "satisfaction_mean", unit: "pulse-unit-score" },
    Measure { name: "index", unit: "pulse-unit-points" },
    Measure { name: "index_rank", unit: "pulse-unit-place" },
    Measure { name: "index_ranked", unit: "pulse-unit-places" },
];

/// A value of a row.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Number {
    Count(u64),
    /// A value and its decimals.
    Decimal(f64, usize),
}

/// One row of the open data.
#[derive(Debug, Clone, PartialEq)]
struct Row {
    scope_type: &'static str,
    scope: Option<String>,
    region: Option<String>,
    period: String,
    service: Option<String>,
    channel: Option<&'static str>,
    measure: &'static str,
    value: Option<Number>,
    flag: Option<&'static str>,
}

/// A value of a row as the writers see it, column by column.
enum Field<'a> {
    Text(&'a str),
    Number(Number),
    Null,
}

impl Row {
    fn field<'a>(&'a self, column: &str, snapshot_at: &'a str) -> Field<'a> {
        let text = |v: &'a Option<String>| v.as_deref().map_or(Field::Null, Field::Text);
        match column {
            "snapshot_at" => Field::Text(snapshot_at),
            "scope_type" => Field::Text(self.scope_type),
            "scope" => text(&self.scope),
            "region" => text(&self.region),
            "period" => Field::Text(&self.period),
            "service" => text(&self.service),
            "channel" => self.channel.map_or(Field::Null, Field::Text),
            "measure" => Field::Text(self.measure),
            "value" => self.value.map_or(Field::Null, Field::Number),
            "flag" => self.flag.map_or(Field::Null, Field::Text),
            _ => Field::Null,
        }
    }
}

fn number_text(n: Number) -> String {
    match n {
        Number::Count(n) => n.to_string(),
        Number::Decimal(v, places) => {
            let text = format!("{v:.places$}");
            if text.contains('.') { text.trim_end_matches('0').trim_end_matches('.').to_string() } else { text }
        }
    }
}

/// Where a scope's rows go and how they are labelled.
struct RowScope {
    scope_type: &'static str,
    scope: Option<String>,
    region: Option<String>,
    /// The period of figures of now: the snapshot's day.
    today: String,
}

impl RowScope {
    fn row(
        &self,
        period: &str,
        service: Option<&str>,
        channel: Option<Channel>,
        measure: &'static str,
        value: Option<Number>,
        flag: Option<&'static str>,
    ) -> Row {
        Row {
            scope_type: self.scope_type,
            scope: self.scope.clone(),
            region: self.region.clone(),
            period: period.to_string(),
            service: service.map(str::to_string),
            channel: channel.map(Channel::code),
            measure,
            value,
            flag,
        }
    }

    fn count(&self, out: &mut Vec<Row>, period: &str, service: Option<&str>, channel: Option<Channel>, measure: &'static str, n: Shown) {
        let (value, flag) = match n {
            Shown::Rounded(n) => (Some(Number::Count(n)), None),
            Shown::FewerThan(_) | Shown::Hidden => (None, Some("suppressed")),
        };
        out.push(self.row(period, service, channel, measure, value, flag));
    }

    fn derived(&self, out: &mut Vec<Row>, period: &str, service: Option<&str>, measure: &'static str, d: Derived, places: usize) {
        let (value, flag) = match d {
            Derived::Value(v) => (Some(Number::Decimal(v, places)), None),
            Derived::TooFew => (None, Some("suppressed")),
            Derived::NoData => (None, Some("no_data")),
        };
        out.push(self.row(period, service, None, measure, value, flag));
    }

    /// The figures of a cell: the counts, then what is computed from them.
    fn cell(&self, out: &mut Vec<Row>, period: &str, service: Option<&str>, f: &Figures, with_channels: bool, with_open: bool) {
        self.count(out, period, service, None, "applications", f.applications);
        if with_channels {
            for (channel, n) in Channel::ALL.into_iter().zip(f.by_channel) {
                self.count(out, period, service, Some(channel), "applications", n);
            }
        }
        self.count(out, period, service, None, "decisions", f.decisions);
        self.count(out, period, service, None, "decided_on_time", f.on_time);
        self.derived(out, period, service, "on_time_share", f.on_time_share, 3);
        self.derived(out, period, service, "processing_days_median", f.median, 1);
        self.derived(out, period, service, "processing_days_p90", f.p90, 0);
        self.count(out, period, service, None, "withdrawn", f.withdrawn);
        self.count(out, period, service, None, "satisfaction_answers", f.answers);
        self.derived(out, period, service, "satisfaction_mean", f.satisfaction, 2);
        if with_open {
            self.count(out, &self.today, service, None, "open_now", f.open_now);
            self.count(out, &self.today, service, None, "overdue_now", f.overdue_now);
        }
    }
}

// ---- which page ------------------------------------------------------------------------------

/// The place a page (and its data) is about.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Target {
    Installation,
    Region(String),
    Community(String),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Html,
    Csv,
    Json,
}

impl Format {
    /// A path segment with its format: `kyivska.csv` → (`kyivska`, CSV).
    fn split(segment: &str) -> (&str, Format) {
        if let Some(slug) = segment.strip_suffix(".csv") {
            (slug, Format::Csv)
        } else if let Some(slug) = segment.strip_suffix(".json") {
            (slug, Format::Json)
        } else {
            (segment, Format::Html)
        }
    }
}

impl Target {
    /// The page's address without a format suffix.
    fn path(&self) -> String {
        match self {
            Target::Installation => "/pulse".into(),
            Target::Region(slug) => format!("/pulse/{slug}"),
            Target::Community(slug) => format!("/{slug}/pulse"),
        }
    }

    fn slug(&self) -> Option<&str> {
        match self {
            Target::Installation => None,
            Target::Region(slug) | Target::Community(slug) => Some(slug),
        }
    }

    fn kind(&self) -> &'static str {
        match self {
            Target::Installation => "installation",
            Target::Region(_) => "region",
            Target::Community(_) => "community",
        }
    }

    fn scope<'s>(&self, snap: &'s Snapshot) -> Option<&'s Scope> {
        match self {
            Target::Installation => Some(&snap.installation),
            Target::Region(slug) => snap.regions.get(slug),
            Target::Community(slug) => snap.communities.get(slug),
        }
    }
}

/// The period of the whole window: `2025-12/2026-11`.
fn window_period(snap: &Snapshot) -> String {
    match (snap.months.first(), snap.months.last()) {
        (Some(first), Some(last)) => format!("{first}/{last}"),
        _ => String::new(),
    }
}

/// The members a page compares: the regions of the installation, the communities of a region.
fn members(state: &AppState, snap: &Snapshot, target: &Target) -> Vec<(Target, String, String)> {
    let catalogue = state.catalogue.get();
    match target {
        Target::Installation => catalogue
            .regions()
            .iter()
            .filter(|r| snap.regions.contains_key(&r.slug))
            .map(|r| (Target::Region(r.slug.clone()), r.name.uk.clone(), r.name.en.clone().unwrap_or_else(|| r.name.uk.clone())))
            .collect(),
        Target::Region(slug) => catalogue
            .communities_of(slug)
            .map(|c| (Target::Community(c.slug.clone()), c.name.uk.clone(), c.name.en.clone().unwrap_or_else(|| c.name.uk.clone())))
            .collect(),
        Target::Community(_) => Vec::new(),
    }
}

fn region_of(state: &AppState, target: &Target) -> Option<String> {
    match target {
        Target::Community(slug) => state.catalogue.get().community(slug).map(|c| c.region_slug.clone()),
        _ => None,
    }
}

fn row_scope(state: &AppState, snap: &Snapshot, target: &Target) -> RowScope {
    RowScope {
        scope_type: target.kind(),
        scope: target.slug().map(str::to_string),
        region: region_of(state, target),
        today: snap.today.to_string(),
    }
}

/// Every figure of a page, as rows: the place over the whole period, each
/// month, each service, and the places it compares.
fn rows_for(state: &AppState, snap: &Snapshot, target: &Target) -> Vec<Row> {
    let Some(scope) = target.scope(snap) else { return Vec::new() };
    let min = snap.min_count;
    let window = window_period(snap);
    let place = row_scope(state, snap, target);
    let mut out = Vec::new();
    out.push(place.row(&window, None, None, "services_offered", Some(Number::Count(scope.offered.len() as u64)), None));
    out.push(place.row(&window, None, None, "services_fully_online", Some(Number::Count(scope.fully_online as u64)), None));
    place.cell(&mut out, &window, None, &Figures::of(&scope.tally.total, min), true, true);
    index_rows(&place, &mut out, &window, scope, !matches!(target, Target::Installation));
    let empty = Cell::default();
    for month in &snap.months {
        let cell = scope.tally.months.get(month).unwrap_or(&empty);
        place.cell(&mut out, &month.to_string(), None, &Figures::of(cell, min), true, false);
    }
    for service in services_of(scope) {
        let cell = scope.tally.services.get(&service).unwrap_or(&empty);
        place.cell(&mut out, &window, Some(&service), &Figures::of(cell, min), false, true);
    }
    for (member, _, _) in members(state, snap, target) {
        let Some(m) = member.scope(snap) else { continue };
        let rs = row_scope(state, snap, &member);
        let f = Figures::of(&m.tally.total, min);
        rs.count(&mut out, &window, None, None, "applications", f.applications);
        rs.count(&mut out, &window, None, None, "decisions", f.decisions);
        rs.derived(&mut out, &window, None, "on_time_share", f.on_time_share, 3);
        rs.derived(&mut out, &window, None, "processing_days_median", f.median, 1);
        rs.derived(&mut out, &window, None, "satisfaction_mean", f.satisfaction, 2);
        index_rows(&rs, &mut out, &window, m, true);
    }
    out
}

fn index_rows(place: &RowScope, out: &mut Vec<Row>, window: &str, scope: &Scope, ranked: bool) {
    let figure = index_figure(scope);
    place.derived(out, window, None, "index", figure, 1);
    if ranked {
        match scope.rank {
            Some(rank) => out.push(place.row(window, None, None, "index_rank", Some(Number::Count(u64::from(rank))), None)),
            None => place.derived(out, window, None, "index_rank", figure, 0),
        }
        out.push(place.row(window, None, None, "index_ranked", Some(Number::Count(scope.ranked as u64)), None));
    }
}

/// The services a place offers or has figures of, in slug order.
fn services_of(scope: &Scope) -> Vec<String> {
    let mut all: BTreeSet<String> = scope.offered.clone();
    all.extend(scope.tally.services.keys().cloned());
    all.into_iter().collect()
}

// ---- the writers -----------------------------------------------------------------------------

fn snapshot_time(snap: &Snapshot) -> String {
    snap.at.replace_nanosecond(0).unwrap_or(snap.at).to_offset(time::UtcOffset::UTC).format(&Rfc3339).unwrap_or_default()
}

fn csv(rows: &[Row], snapshot_at: &str) -> String {
    let mut out = String::new();
    out.push_str(&COLUMNS.iter().map(|c| c.name).collect::<Vec<_>>().join(","));
    out.push_str("\r\n");
    for row in rows {
        let fields: Vec<String> = COLUMNS
            .iter()
            .map(|c| match row.field(c.name, snapshot_at) {
                Field::Text(text) if text.contains([',', '"', '\n', '\r']) => format!("\"{}\"", text.replace('"', "\"\"")),
                Field::Text(text) => text.to_string(),
                Field::Number(n) => number_text(n),
                Field::Null => String::new(),
            })
            .collect();
        out.push_str(&fields.join(","));
        out.push_str("\r\n");
    }
    out
}

fn json_number(n: Number) -> Value {
    match n {
        Number::Count(n) => Value::from(n),
        Number::Decimal(..) => number_text(n).parse::<f64>().ok().and_then(serde_json::Number::from_f64).map_or(Value::Null, Value::Number),
    }
}

fn json_document(state: &AppState, snap: &Snapshot, target: &Target, rows: &[Row]) -> Value {
    let at = snapshot_time(snap);
    let rows: Vec<Value> = rows
        .iter()
        .map(|row| {
            let mut object = Map::new();
            for c in &COLUMNS {
                let value = match row.field(c.name, &at) {
                    Field::Text(text) => Value::from(text),
                    Field::Number(n) => json_number(n),
                    Field::Null => Value::Null,
                };
                object.insert(c.name.to_string(), value);
            }
            Value::Object(object)
        })
        .collect();
    json!({
        "dataset": "hromada-pulse",
        "schema_version": SCHEMA_VERSION,
        "description": format!("{}/pulse/data", state.settings.public_url),
        "schema": format!("{}/pulse/schema.json", state.settings.public_url),
        "licence": {"name": LICENCE_NAME, "url": LICENCE_URL},
        "snapshot_at": at,
        "period": window_period(snap),
        "min_count": snap.min_count,
        "scope": {"type": target.kind(), "slug": target.slug()},
        "columns": COLUMNS.iter().map(|c| c.name).collect::<Vec<_>>(),
        "rows": rows,
    })
}

/// The JSON Schema of the JSON downloads; the CSV has the same columns.
pub(crate) fn json_schema(public_url: &str) -> Value {
    let mut columns = Map::new();
    for c in &COLUMNS {
        columns.insert(c.name.to_string(), (c.schema)());
    }
    let names: Vec<&str> = COLUMNS.iter().map(|c| c.name).collect();
    json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": format!("{public_url}/pulse/schema.json"),
        "title": "Hromada: the pulse of progress, open data",
        "description": format!("Described at {public_url}/pulse/data. The CSV downloads have the same columns, in this order, with empty fields for null."),
        "type": "object",
        "required": ["dataset", "schema_version", "description", "schema", "licence", "snapshot_at", "period", "min_count", "scope", "columns", "rows"],
        "additionalProperties": false,
        "properties": {
            "dataset": {"const": "hromada-pulse"},
            "schema_version": {"const": SCHEMA_VERSION},
            "description": {"type": "string", "format": "uri"},
            "schema": {"type": "string", "format": "uri"},
            "licence": {
                "type": "object",
                "required": ["name", "url"],
                "additionalProperties": false,
                "properties": {"name": {"const": LICENCE_NAME}, "url": {"const": LICENCE_URL}}
            },
            "snapshot_at": {"type": "string", "format": "date-time"},
            "period": {"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}/[0-9]{4}-[0-9]{2}$"},
            "min_count": {
                "type": "integer",
                "minimum": 1,
                "description": "The threshold: a count from 1 to min_count - 1 is suppressed, any other rounded to the nearest multiple of min_count; a median, share or mean needs at least min_count cases, a 90th percentile twice as many (1: everything exact)."
            },
            "scope": {
                "type": "object",
                "required": ["type", "slug"],
                "additionalProperties": false,
                "properties": {"type": {"enum": ["installation", "region", "community"]}, "slug": {"type": ["string", "null"]}}
            },
            "columns": {"const": names},
            "rows": {
                "type": "array",
                "items": {"type": "object", "required": names, "additionalProperties": false, "properties": columns}
            }
        }
    })
}

fn link_header() -> HeaderValue {
    HeaderValue::from_static("<https://creativecommons.org/licenses/by/4.0/>; rel=\"license\", </pulse/data>; rel=\"describedby\"")
}

fn download(state: &AppState, snap: &Snapshot, target: &Target, format: Format) -> Response {
    let rows = rows_for(state, snap, target);
    let at = snapshot_time(snap);
    let name = format!("pulse-{}-{}", target.slug().unwrap_or("all"), snap.today);
    let mut response = match format {
        Format::Csv => {
            let mut r = csv(&rows, &at).into_response();
            r.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("text/csv; charset=utf-8; header=present"));
            if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"{name}.csv\"")) {
                r.headers_mut().insert(header::CONTENT_DISPOSITION, v);
            }
            r
        }
        _ => {
            let body = serde_json::to_string_pretty(&json_document(state, snap, target, &rows)).unwrap_or_default();
            let mut r = body.into_response();
            r.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json; charset=utf-8"));
            r
        }
    };
    response.headers_mut().insert(header::LINK, link_header());
    response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("public, max-age=60"));
    response
}

// ---- numbers as people read them ---------------------------------------------------------------

/// Numbers in the reader's language.
#[derive(Clone, Copy)]
struct Fmt<'a> {
    t: Tr<'a>,
}

impl Fmt<'_> {
    fn int(&self, n: u64) -> String {
        let digits = n.to_string();
        let separator = if self.t.lang == Lang::Uk { '\u{a0}' } else { ',' };
        let mut out = String::new();
        for (i, d) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                out.push(separator);
            }
            out.push(d);
        }
        out
    }

    fn decimal(&self, v: f64, places: usize) -> String {
        let text = format!("{v:.places$}");
        if self.t.lang == Lang::Uk { text.replace('.', ",") } else { text }
    }

    fn shown(&self, s: Shown) -> String {
        match s {
            Shown::Rounded(n) => self.int(n),
            Shown::FewerThan(m) => self.t.count("pulse-fewer-than", "n", m as i64),
            Shown::Hidden => self.t.msg("pulse-hidden"),
        }
    }

    /// The short form for a chart's label.
    fn shown_short(&self, s: Shown) -> String {
        match s {
            Shown::Rounded(n) => self.int(n),
            Shown::FewerThan(m) => format!("<{m}"),
            Shown::Hidden => "–".to_string(),
        }
    }

    fn missing(&self, d: Derived) -> String {
        self.t.msg(if d == Derived::TooFew { "pulse-too-few" } else { "pulse-no-data" })
    }

    fn number(&self, d: Derived, places: usize) -> String {
        match d {
            Derived::Value(v) => self.decimal(v, places),
            other => self.missing(other),
        }
    }

    fn percent(&self, d: Derived) -> String {
        match d {
            Derived::Value(v) => self.t.with("pulse-percent", "value", &self.decimal(v * 100.0, 0)),
            other => self.missing(other),
        }
    }

    /// "3 дні", "2,5 дня".
    fn days(&self, d: Derived) -> String {
        match d {
            Derived::Value(v) => {
                let whole = v.fract() == 0.0;
                let shown = self.decimal(v, if whole { 0 } else { 1 });
                let n = if whole { FluentValue::from(v as i64) } else { FluentValue::from(v) };
                self.t.i18n.msg_args(self.t.lang, "pulse-days", &[("n", n), ("shown", FluentValue::from(shown))])
            }
            other => self.missing(other),
        }
    }

    /// "листопад 2026".
    fn month(&self, m: YearMonth) -> String {
        format!("{} {}", self.t.msg(&format!("pulse-month-{}", m.month())), m.year())
    }
}

// ---- charts ----------------------------------------------------------------------------------

/// A bar chart drawn on the server: bars, their labels and a baseline, in the
/// units of its viewBox; the SVG scales to the width of the page.
pub(crate) struct Chart {
    id: &'static str,
    /// `months` or `places`, for the stylesheet.
    kind: &'static str,
    title: String,
    /// What kind of chart it is, for screen readers (the figures are in the table).
    desc: String,
    /// What it shows, in words, for everyone.
    summary: String,
    drawing: Drawing,
}

/// What a chart function draws: its size, bars (x, y, width, height), texts and baseline.
pub(crate) struct Drawing {
    width: u32,
    height: u32,
    rects: Vec<(String, String, String, String)>,
    texts: Vec<ChartText>,
    /// x1, y1, x2, y2.
    baseline: (u32, u32, u32, u32),
}

pub(crate) struct ChartText {
    x: String,
    y: String,
    anchor: &'static str,
    class: &'static str,
    text: String,
}

fn px(v: f64) -> String {
    format!("{v:.1}")
}

/// One bar per month: its value, or nothing drawn when the value is not published.
fn month_chart(months: &[YearMonth], values: &[(Option<f64>, String)], fmt: Fmt<'_>) -> Drawing {
    let (width, height) = (480u32, 224u32);
    let (left, top, baseline) = (8.0, 28.0, 176.0);
    let slot = (f64::from(width) - 2.0 * left) / months.len().max(1) as f64;
    let bar = (slot * 0.66).min(28.0);
    let max = values.iter().filter_map(|(v, _)| *v).fold(0.0f64, f64::max);
    // Labels too wide for their slot (a big region's thousands) would run into
    // each other: then only the highest bar and the latest month are labelled,
    // and the table beside the chart has every number.
    let too_wide = values.iter().any(|(_, label)| label.chars().count() as f64 * 8.5 > slot - 2.0);
    let highest = values.iter().position(|(v, _)| v.is_some_and(|v| v > 0.0 && v == max));
    let latest = values.iter().rposition(|(v, _)| v.is_some());
    let mut rects = Vec::new();
    let mut texts = Vec::new();
    for (i, (month, (value, label))) in months.iter().zip(values).enumerate() {
        let labelled = !too_wide || Some(i) == highest || Some(i) == latest;
        let centre = left + slot * (i as f64 + 0.5);
        let h = match value {
            Some(v) if *v > 0.0 && max > 0.0 => (baseline - top) * v / max,
            _ => 0.0,
        };
        if h > 0.0 {
            rects.push((px(centre - bar / 2.0), px(baseline - h), px(bar), px(h)));
        }
        if labelled {
            // At the chart's edges a wide label is anchored inwards, so it stays inside.
            let (anchor, x) = match i {
                0 if too_wide => ("start", centre - bar / 2.0),
                _ if too_wide && i + 1 == months.len() => ("end", centre + bar / 2.0),
                _ => ("middle", centre),
            };
            texts.push(ChartText { x: px(x), y: px(baseline - h - 6.0), anchor, class: "value", text: label.clone() });
        }
        texts.push(ChartText {
            x: px(centre),
            y: px(baseline + 18.0),
            anchor: "middle",
            class: "axis",
            text: fmt.t.msg(&format!("pulse-mon-{}", month.month())),
        });
        if i == 0 || month.month() == 1 {
            texts.push(ChartText {
                x: px(centre),
                y: px(baseline + 38.0),
                anchor: "middle",
                class: "axis",
                text: month.year().to_string(),
            });
        }
    }
    Drawing { width, height, rects, texts, baseline: (0, baseline as u32, width, baseline as u32) }
}

/// One bar per place, on a scale of 0 to 100 (the index), highest first.
fn index_chart(items: &[(String, Option<f64>, String)]) -> Drawing {
    let width = 560u32;
    let row = 50.0;
    let (left, span) = (4.0, 440.0);
    let height = (row * items.len().max(1) as f64 + 8.0) as u32;
    let mut rects = Vec::new();
    let mut texts = Vec::new();
    for (i, (name, value, label)) in items.iter().enumerate() {
        let y = 8.0 + row * i as f64;
        texts.push(ChartText { x: px(left), y: px(y + 16.0), anchor: "start", class: "axis", text: name.clone() });
        let w = value.map_or(0.0, |v| span * v.clamp(0.0, 100.0) / 100.0);
        if w > 0.0 {
            rects.push((px(left), px(y + 22.0), px(w), px(18.0)));
        }
        texts.push(ChartText { x: px(left + w + 6.0), y: px(y + 37.0), anchor: "start", class: "value", text: label.clone() });
    }
    Drawing { width, height, rects, texts, baseline: (left as u32, 4, left as u32, height - 4) }
}

// ---- the page --------------------------------------------------------------------------------

struct Figure {
    label: String,
    value: String,
    note: Option<String>,
}

struct MonthRow {
    month: String,
    channels: Vec<String>,
    total: String,
    decisions: String,
    on_time: String,
    median: String,
    p90: String,
    satisfaction: String,
}

struct ServiceRow {
    name: String,
    href: Option<String>,
    applications: String,
    decisions: String,
    on_time: String,
    median: String,
    p90: String,
    satisfaction: String,
    open: String,
    overdue: String,
}

/// "Was this page useful?" for one service (or all of them): the answers, the
/// share of "yes" and the pages most often answered "no" — through the same
/// threshold rules as every other figure (`shown`, `share_shown`, and a page
/// listed only from `min_count` "no" answers).
struct UsefulRow {
    name: String,
    answers: String,
    share: String,
    pages: Vec<String>,
}

/// How many of the pages most often answered "no" are listed per service.
const PAGES_NOT_USEFUL: usize = 3;

fn useful_row(state: &AppState, t: &Tr<'_>, fmt: Fmt<'_>, name: String, cell: &Cell, min: u64) -> UsefulRow {
    let answers = cell.page_answers();
    let share = match answers {
        0 => Derived::NoData,
        _ if share_shown(cell.page_useful(), answers, min) => {
            published_share(cell.page_useful(), answers, min).map_or(Derived::NoData, Derived::Value)
        }
        _ => Derived::TooFew,
    };
    let pages = pages_not_useful_shown(&cell.pages_not_useful, min, PAGES_NOT_USEFUL)
        .into_iter()
        .map(|(key, n)| format!("{} ({})", feedback_page_label(state, t, &key), fmt.shown(n)))
        .collect();
    UsefulRow { name, answers: fmt.shown(shown(answers, min)), share: fmt.percent(share), pages }
}

struct CompareRow {
    name: String,
    href: String,
    applications: String,
    decisions: String,
    on_time: String,
    median: String,
    satisfaction: String,
    index: String,
    rank: String,
}

#[derive(Template)]
#[template(path = "pulse.html")]
struct PulsePage<'a> {
    base: Base<'a>,
    caption: Option<String>,
    heading: String,
    intro: String,
    figures: Vec<Figure>,
    channel_names: Vec<String>,
    applications_chart: Chart,
    days_chart: Chart,
    months: Vec<MonthRow>,
    services: Vec<ServiceRow>,
    useful: Vec<UsefulRow>,
    compare_heading: Option<String>,
    compare_chart: Option<Chart>,
    compare: Vec<CompareRow>,
    index_value: String,
    index_parts: Vec<(String, String, String)>,
    /// What is hidden and rounded, and why.
    privacy: String,
    csv_href: String,
    json_href: String,
}

/// The month of the highest value, the first of equals.
fn peak<T: PartialOrd + Copy>(values: impl Iterator<Item = (T, YearMonth)>) -> Option<(T, YearMonth)> {
    values.fold(None, |best, (v, m)| if best.is_none_or(|(b, _)| v > b) { Some((v, m)) } else { best })
}

fn chart(id: &'static str, title: String, desc: String, summary: String, drawing: Drawing) -> Chart {
    let kind = if id == "pulse-index" { "places" } else { "months" };
    Chart { id, kind, title, desc, summary, drawing }
}

fn name_of(state: &AppState, target: &Target, lang: Lang) -> Option<String> {
    let catalogue = state.catalogue.get();
    match target {
        Target::Installation => Some(String::new()),
        Target::Region(slug) => catalogue.region(slug).map(|r| r.name.get(lang).to_string()),
        Target::Community(slug) => catalogue.community(slug).map(|c| c.name.get(lang).to_string()),
    }
}

fn html_page(state: &AppState, ui: &Ui, snap: &Snapshot, target: &Target) -> Result<Response, Reject> {
    let Some(scope) = target.scope(snap) else { return Err(Reject::NotFound) };
    let Some(name) = name_of(state, target, ui.lang) else { return Err(Reject::NotFound) };
    let t = Tr { i18n: &state.i18n, lang: ui.lang };
    let fmt = Fmt { t };
    let min = snap.min_count;
    let catalogue = state.catalogue.get();
    let total = Figures::of(&scope.tally.total, min);

    let heading = match target {
        Target::Installation => t.msg("pulse-title"),
        _ => t.with("pulse-title-of", "name", &name),
    };
    let mut base = Base::new(state, ui, heading.clone());
    base.crumbs.push(("/".into(), t.msg("nav-home")));
    let mut caption = None;
    match target {
        Target::Installation => {}
        Target::Region(_) => base.crumbs.push(("/pulse".into(), t.msg("pulse-title"))),
        Target::Community(slug) => {
            base.crumbs.push(("/pulse".into(), t.msg("pulse-title")));
            if let Some(region) = catalogue.community(slug).and_then(|c| catalogue.region(&c.region_slug)) {
                base.crumbs.push((format!("/pulse/{}", region.slug), region.name.get(ui.lang).to_string()));
                caption = Some(region.name.get(ui.lang).to_string());
            }
            base.crumbs.push((format!("/{slug}"), name.clone()));
        }
    }
    let (first, last) = (snap.months.first().copied(), snap.months.last().copied());
    let at_kyiv = kyiv_time(snap.at);
    let intro = t.args(
        "pulse-intro",
        &[
            ("from", first.map(|m| fmt.month(m)).unwrap_or_default()),
            ("to", last.map(|m| fmt.month(m)).unwrap_or_default()),
            ("date", t.date(at_kyiv.date())),
            ("time", format!("{:02}:{:02}", at_kyiv.hour(), at_kyiv.minute())),
        ],
    );

    // The figures of the whole period.
    let channels = |f: &Figures| -> String {
        t.args(
            "pulse-channels-note",
            &[("own", fmt.shown(f.by_channel[0])), ("assisted", fmt.shown(f.by_channel[1])), ("on_behalf", fmt.shown(f.by_channel[2]))],
        )
    };
    let rank_note = match (target, scope.rank) {
        (Target::Community(_), Some(rank)) => {
            Some(t.args("pulse-rank-in-region", &[("rank", rank.to_string()), ("of", scope.ranked.to_string())]))
        }
        (Target::Region(_), Some(rank)) => {
            Some(t.args("pulse-rank-among-regions", &[("rank", rank.to_string()), ("of", scope.ranked.to_string())]))
        }
        _ => None,
    };
    let index_value = match index_figure(scope) {
        Derived::Value(v) => t.with("pulse-index-value", "index", &fmt.decimal(v, 1)),
        other => fmt.missing(other),
    };
    let figures = vec![
        Figure {
            label: t.msg("pulse-fig-services"),
            value: t.args(
                "pulse-services-value",
                &[("online", fmt.int(scope.fully_online as u64)), ("offered", fmt.int(scope.offered.len() as u64))],
            ),
            note: None,
        },
        Figure { label: t.msg("pulse-fig-applications"), value: fmt.shown(total.applications), note: Some(channels(&total)) },
        Figure {
            label: t.msg("pulse-fig-decisions"),
            value: fmt.shown(total.decisions),
            note: Some(t.with("pulse-withdrawn-note", "withdrawn", &fmt.shown(total.withdrawn))),
        },
        Figure { label: t.msg("pulse-fig-on-time"), value: fmt.percent(total.on_time_share), note: None },
        Figure {
            label: t.msg("pulse-fig-time"),
            value: t.args("pulse-time-value", &[("median", fmt.days(total.median)), ("p90", fmt.days(total.p90))]),
            note: None,
        },
        Figure {
            label: t.msg("pulse-fig-open"),
            value: t.args("pulse-open-value", &[("open", fmt.shown(total.open_now)), ("overdue", fmt.shown(total.overdue_now))]),
            note: None,
        },
        Figure {
            label: t.msg("pulse-fig-satisfaction"),
            value: match total.satisfaction {
                Derived::Value(v) => t.with("pulse-satisfaction-value", "mean", &fmt.decimal(v, 1)),
                other => fmt.missing(other),
            },
            note: Some(t.with("pulse-answers-note", "answers", &fmt.shown(total.answers))),
        },
        Figure { label: t.msg("pulse-fig-index"), value: index_value.clone(), note: rank_note },
    ];

    // Month by month.
    let empty = Cell::default();
    let month_figures: Vec<Figures> = snap.months.iter().map(|m| Figures::of(scope.tally.months.get(m).unwrap_or(&empty), min)).collect();
    let months: Vec<MonthRow> = snap
        .months
        .iter()
        .zip(&month_figures)
        .map(|(m, f)| MonthRow {
            month: fmt.month(*m),
            channels: f.by_channel.iter().map(|s| fmt.shown(*s)).collect(),
            total: fmt.shown(f.applications),
            decisions: fmt.shown(f.decisions),
            on_time: fmt.percent(f.on_time_share),
            median: fmt.number(f.median, 1),
            p90: fmt.number(f.p90, 0),
            satisfaction: fmt.number(f.satisfaction, 1),
        })
        .collect();
    let application_bars: Vec<(Option<f64>, String)> = month_figures
        .iter()
        .map(|f| match f.applications {
            Shown::Rounded(n) => (Some(n as f64), fmt.shown_short(f.applications)),
            Shown::FewerThan(_) | Shown::Hidden => (None, fmt.shown_short(f.applications)),
        })
        .collect();
    // The busiest month by its published (rounded) count, the first of equals:
    // choosing by the exact counts would tell which of two equal figures is bigger.
    let busiest = peak(snap.months.iter().zip(&month_figures).filter_map(|(m, f)| match f.applications {
        Shown::Rounded(n) if n > 0 => Some((n, *m)),
        _ => None,
    }));
    let applications_summary = match busiest {
        Some((n, m)) => t.args(
            "pulse-chart-applications-summary",
            &[("total", fmt.shown(total.applications)), ("month", fmt.month(m)), ("max", fmt.shown(Shown::Rounded(n)))],
        ),
        None => t.with("pulse-chart-applications-few", "total", &fmt.shown(total.applications)),
    };
    let applications_chart = chart(
        "pulse-applications",
        t.msg("pulse-chart-applications-title"),
        t.msg("pulse-chart-months-desc"),
        applications_summary,
        month_chart(&snap.months, &application_bars, fmt),
    );
    let day_bars: Vec<(Option<f64>, String)> = month_figures
        .iter()
        .map(|f| match f.median {
            Derived::Value(v) => (Some(v), fmt.decimal(v, if v.fract() == 0.0 { 0 } else { 1 })),
            _ => (None, "–".to_string()),
        })
        .collect();
    let slowest = peak(snap.months.iter().zip(&month_figures).filter_map(|(m, f)| match f.median {
        Derived::Value(v) => Some((v, *m)),
        _ => None,
    }));
    let days_summary = match slowest {
        Some((v, m)) => t.args(
            "pulse-chart-days-summary",
            &[("median", fmt.days(total.median)), ("month", fmt.month(m)), ("max", fmt.days(Derived::Value(v)))],
        ),
        None => t.count("pulse-chart-days-few", "n", min as i64),
    };
    let days_chart = chart(
        "pulse-days",
        t.msg("pulse-chart-days-title"),
        t.msg("pulse-chart-months-desc"),
        days_summary,
        month_chart(&snap.months, &day_bars, fmt),
    );

    // Service by service.
    let services: Vec<ServiceRow> = services_of(scope)
        .into_iter()
        .map(|slug| {
            let f = Figures::of(scope.tally.services.get(&slug).unwrap_or(&empty), min);
            let name = catalogue.service(&slug).map_or_else(|| slug.clone(), |s| s.definition.title.get(ui.lang).to_string());
            let href = match target {
                Target::Community(c) if scope.offered.contains(&slug) => Some(format!("/{c}/{slug}")),
                _ => None,
            };
            ServiceRow {
                name,
                href,
                applications: fmt.shown(f.applications),
                decisions: fmt.shown(f.decisions),
                on_time: fmt.percent(f.on_time_share),
                median: fmt.number(f.median, 1),
                p90: fmt.number(f.p90, 0),
                satisfaction: fmt.number(f.satisfaction, 1),
                open: fmt.shown(f.open_now),
                overdue: fmt.shown(f.overdue_now),
            }
        })
        .collect();

    // "Was this page useful?", service by service, then all of them.
    let mut useful: Vec<UsefulRow> = services_of(scope)
        .into_iter()
        .filter_map(|slug| {
            let cell = scope.tally.services.get(&slug).filter(|c| c.page_answers() > 0)?;
            let name = catalogue.service(&slug).map_or_else(|| slug.clone(), |s| s.definition.title.get(ui.lang).to_string());
            Some(useful_row(state, &t, fmt, name, cell, min))
        })
        .collect();
    if !useful.is_empty() {
        useful.push(useful_row(state, &t, fmt, t.msg("pulse-useful-all"), &scope.tally.total, min));
    }

    // The places compared.
    let mut compared: Vec<(String, Target, &Scope)> = members(state, snap, target)
        .into_iter()
        .filter_map(|(member, uk, en)| member.scope(snap).map(|s| (if ui.lang == Lang::Uk { uk } else { en }, member.clone(), s)))
        .collect();
    compared.sort_by(|a, b| {
        let rank = |s: &Scope| s.rank.unwrap_or(u32::MAX);
        rank(a.2)
            .cmp(&rank(b.2))
            .then_with(|| hromada_domain::catalogue::collation_key(&a.0).cmp(&hromada_domain::catalogue::collation_key(&b.0)))
    });
    let compare: Vec<CompareRow> = compared
        .iter()
        .map(|(name, member, s)| {
            let f = Figures::of(&s.tally.total, min);
            CompareRow {
                name: name.clone(),
                href: member.path(),
                applications: fmt.shown(f.applications),
                decisions: fmt.shown(f.decisions),
                on_time: fmt.percent(f.on_time_share),
                median: fmt.number(f.median, 1),
                satisfaction: fmt.number(f.satisfaction, 1),
                index: fmt.number(index_figure(s), 1),
                rank: s.rank.map_or_else(|| "–".to_string(), |r| r.to_string()),
            }
        })
        .collect();
    let (compare_heading, compare_chart) = match target {
        Target::Community(_) => (None, None),
        _ => {
            let items: Vec<(String, Option<f64>, String)> =
                compared.iter().map(|(name, _, s)| (name.clone(), s.index, fmt.number(index_figure(s), 1))).collect();
            let ranked: Vec<&(String, Option<f64>, String)> = items.iter().filter(|i| i.1.is_some()).collect();
            let summary = match (ranked.first(), ranked.last()) {
                (Some(best), Some(worst)) if ranked.len() > 1 => t.args(
                    "pulse-chart-index-summary",
                    &[
                        ("best", best.0.clone()),
                        ("best_value", best.2.clone()),
                        ("worst", worst.0.clone()),
                        ("worst_value", worst.2.clone()),
                    ],
                ),
                (Some(only), _) => t.args("pulse-chart-index-one", &[("name", only.0.clone()), ("value", only.2.clone())]),
                _ => t.count("pulse-chart-index-none", "n", min as i64),
            };
            let key = if matches!(target, Target::Installation) { "pulse-compare-regions" } else { "pulse-compare-communities" };
            (Some(t.msg(key)), Some(chart("pulse-index", t.msg(key), t.msg("pulse-chart-index-desc"), summary, index_chart(&items))))
        }
    };

    // The index, part by part.
    let scores = component_scores(&scope.inputs(), min);
    let index_parts = INDEX_WEIGHTS
        .iter()
        .map(|(component, weight)| {
            let score =
                scores.iter().find(|(c, _)| c == component).map_or_else(|| t.msg("pulse-too-few"), |(_, s)| fmt.decimal(s * 100.0, 0));
            (t.msg(&component_key(*component)), weight.to_string(), score)
        })
        .collect();

    let path = target.path();
    let page = PulsePage {
        base,
        caption,
        heading,
        intro,
        figures,
        channel_names: Channel::ALL.iter().map(|c| t.msg(&channel_key(*c))).collect(),
        applications_chart,
        days_chart,
        months,
        services,
        useful,
        compare_heading,
        compare_chart,
        compare,
        index_value,
        index_parts,
        privacy: match min {
            0 | 1 => t.msg("pulse-privacy-exact"),
            n => t.numbers("pulse-privacy", &threshold_args(n)),
        },
        csv_href: format!("{path}.csv"),
        json_href: format!("{path}.json"),
    };
    Ok(render(StatusCode::OK, &page))
}

/// The numbers the texts about a threshold `n` (2 or more) use: the largest
/// count shown as "fewer than", the decisions a 90th percentile needs, and an
/// example of rounding (`low` is shown as `n`, `high` as `double`).
/// The threshold's figures, as numbers, so that the words after them agree.
fn threshold_args(n: u64) -> Vec<(&'static str, i64)> {
    let number = |x: u64| i64::try_from(x).unwrap_or(i64::MAX);
    vec![
        ("n", number(n)),
        ("below", number(n.saturating_sub(1))),
        ("twice", number(n.saturating_mul(2))),
        ("low", number(n.saturating_add(n.saturating_sub(1) / 2))),
        ("high", number(n.saturating_add(n.div_ceil(2)))),
        ("double", number(n.saturating_mul(2))),
    ]
}

fn channel_key(c: Channel) -> String {
    format!("pulse-channel-{}", c.code().replace('_', "-"))
}

fn component_key(c: Component) -> String {
    format!("pulse-component-{}", c.code().replace('_', "-"))
}

fn measure_key(name: &str) -> String {
    format!("pulse-measure-{}", name.replace('_', "-"))
}

// ---- handlers --------------------------------------------------------------------------------

async fn answer(state: &AppState, ui: &Ui, target: Target, format: Format) -> Result<Response, Reject> {
    let snap = snapshot(state).await?;
    if target.scope(&snap).is_none() || name_of(state, &target, ui.lang).is_none() {
        return Err(Reject::NotFound);
    }
    match format {
        Format::Html => html_page(state, ui, &snap, &target),
        _ => Ok(download(state, &snap, &target, format)),
    }
}

/// `GET /pulse`: the installation.
pub async fn installation(State(state): State<AppState>, ui: Ui) -> Result<Response, Reject> {
    answer(&state, &ui, Target::Installation, Format::Html).await
}

pub async fn installation_csv(State(state): State<AppState>, ui: Ui) -> Result<Response, Reject> {
    answer(&state, &ui, Target::Installation, Format::Csv).await
}

pub async fn installation_json(State(state): State<AppState>, ui: Ui) -> Result<Response, Reject> {
    answer(&state, &ui, Target::Installation, Format::Json).await
}

/// `GET /pulse/{region}`, `…/{region}.csv`, `…/{region}.json`.
pub async fn region(State(state): State<AppState>, ui: Ui, path: Result<Path<String>, PathRejection>) -> Result<Response, Reject> {
    let Ok(Path(segment)) = path else { return Err(Reject::NotFound) };
    let (slug, format) = Format::split(&segment);
    answer(&state, &ui, Target::Region(slug.to_string()), format).await
}

/// `GET /{community}/pulse`.
pub async fn community(State(state): State<AppState>, ui: Ui, path: Result<Path<String>, PathRejection>) -> Result<Response, Reject> {
    let Ok(Path(slug)) = path else { return Err(Reject::NotFound) };
    answer(&state, &ui, Target::Community(slug), Format::Html).await
}

pub async fn community_csv(State(state): State<AppState>, ui: Ui, path: Result<Path<String>, PathRejection>) -> Result<Response, Reject> {
    let Ok(Path(slug)) = path else { return Err(Reject::NotFound) };
    answer(&state, &ui, Target::Community(slug), Format::Csv).await
}

pub async fn community_json(State(state): State<AppState>, ui: Ui, path: Result<Path<String>, PathRejection>) -> Result<Response, Reject> {
    let Ok(Path(slug)) = path else { return Err(Reject::NotFound) };
    answer(&state, &ui, Target::Community(slug), Format::Json).await
}

/// `GET /pulse/schema.json`.
pub async fn schema(State(state): State<AppState>) -> Result<Response, Reject> {
    let body = serde_json::to_string_pretty(&json_schema(&state.settings.public_url)).unwrap_or_default();
    let mut r = body.into_response();
    r.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("application/schema+json"));
    r.headers_mut().insert(header::LINK, link_header());
    Ok(r)
}

#[derive(Template)]
#[template(path = "pulse_data.html")]
struct DataPage<'a> {
    base: Base<'a>,
    intro: String,
    snapshot: String,
    threshold: String,
    files: Vec<(String, String)>,
    columns: Vec<(&'static str, String)>,
    measures: Vec<(&'static str, String, String)>,
    channels: Vec<(&'static str, String)>,
    weights: Vec<(String, u32, String)>,
    formula: String,
    horizon: String,
}

/// `GET /pulse/data`: what the downloads hold, how every figure is computed, and the licence.
pub async fn data_page(State(state): State<AppState>, ui: Ui) -> Result<Response, Reject> {
    let snap = snapshot(&state).await?;
    let t = Tr { i18n: &state.i18n, lang: ui.lang };
    let at_kyiv = kyiv_time(snap.at);
    let mut base = Base::new(&state, &ui, t.msg("pulse-data-title"));
    base.crumbs.push(("/".into(), t.msg("nav-home")));
    base.crumbs.push(("/pulse".into(), t.msg("pulse-title")));
    let catalogue = state.catalogue.get();
    let mut files = vec![
        ("/pulse.csv".to_string(), t.msg("pulse-file-installation-csv")),
        ("/pulse.json".to_string(), t.msg("pulse-file-installation-json")),
        ("/pulse/schema.json".to_string(), t.msg("pulse-file-schema")),
    ];
    if let Some(region) = catalogue.regions().iter().find(|r| snap.regions.contains_key(&r.slug)) {
        files.push((format!("/pulse/{}.csv", region.slug), t.with("pulse-file-region", "name", region.name.get(ui.lang))));
    }
    if let Some(community) = catalogue.communities().first() {
        files.push((format!("/{}/pulse.csv", community.slug), t.with("pulse-file-community", "name", community.name.get(ui.lang))));
    }
    let mut formula = String::new();
    for (i, (component, weight)) in INDEX_WEIGHTS.iter().enumerate() {
        if i > 0 {
            formula.push_str(" + ");
        }
        let _ = write!(formula, "{weight} × {}", component.code());
    }
    let page = DataPage {
        intro: t.msg("pulse-data-intro"),
        snapshot: t.args(
            "pulse-data-snapshot",
            &[
                ("date", t.date(at_kyiv.date())),
                ("time", format!("{:02}:{:02}", at_kyiv.hour(), at_kyiv.minute())),
                ("utc", snapshot_time(&snap)),
            ],
        ),
        threshold: match snap.min_count {
            0 | 1 => t.msg("pulse-data-threshold-none"),
            n => t.numbers("pulse-data-threshold", &threshold_args(n)),
        },
        files,
        columns: COLUMNS.iter().map(|c| (c.name, t.msg(c.key))).collect(),
        measures: MEASURES.iter().map(|m| (m.name, t.msg(m.unit), t.msg(&measure_key(m.name)))).collect(),
        channels: Channel::ALL.iter().map(|c| (c.code(), t.msg(&format!("{}-rule", channel_key(*c))))).collect(),
        weights: INDEX_WEIGHTS.iter().map(|(c, w)| (c.code().to_string(), *w, t.msg(&format!("{}-rule", component_key(*c))))).collect(),
        formula: t.with("pulse-data-formula", "sum", &formula),
        horizon: t.count("pulse-data-horizon", "days", SPEED_HORIZON_DAYS as i64),
        base,
    };
    Ok(render(StatusCode::OK, &page))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::http::i18n::I18n;

    #[test]
    fn every_message_the_pulse_makes_up_exists_in_both_languages() {
        let i18n = I18n::load().expect("catalogues load");
        let mut keys: Vec<String> = Vec::new();
        keys.extend(COLUMNS.iter().map(|c| c.key.to_string()));
        keys.extend(MEASURES.iter().flat_map(|m| [m.unit.to_string(), measure_key(m.name)]));
        keys.extend(Channel::ALL.iter().flat_map(|c| [channel_key(*c), format!("{}-rule", channel_key(*c))]));
        keys.extend(INDEX_WEIGHTS.iter().flat_map(|(c, _)| [component_key(*c), format!("{}-rule", component_key(*c))]));
        keys.extend((1..=12).flat_map(|m| [format!("pulse-month-{m}"), format!("pulse-mon-{m}")]));
        keys.extend(["pulse-days", "pulse-too-few", "pulse-no-data", "pulse-fewer-than"].map(str::to_string));
        for key in &keys {
            for lang in Lang::ALL {
                assert!(i18n.has(lang, key), "message `{key}` is missing from {}.ftl", lang.code());
            }
        }
    }

    #[test]
    fn days_and_percentages_read_naturally() {
        let i18n = I18n::load().expect("catalogues load");
        let uk = Fmt { t: Tr { i18n: &i18n, lang: Lang::Uk } };
        let en = Fmt { t: Tr { i18n: &i18n, lang: Lang::En } };
        assert_eq!(uk.days(Derived::Value(1.0)), "1 день");
        assert_eq!(uk.days(Derived::Value(3.0)), "3 дні");
        assert_eq!(uk.days(Derived::Value(20.0)), "20 днів");
        assert_eq!(uk.days(Derived::Value(2.5)), "2,5 дня");
        assert_eq!(en.days(Derived::Value(1.0)), "1 day");
        assert_eq!(en.days(Derived::Value(2.5)), "2.5 days");
        assert_eq!(uk.percent(Derived::Value(0.714)), "71 %");
        assert_eq!(en.percent(Derived::Value(0.714)), "71%");
        assert_eq!(uk.int(1_234_567), "1\u{a0}234\u{a0}567");
        assert_eq!(en.int(1_234_567), "1,234,567");
        assert_eq!(uk.shown(Shown::FewerThan(5)), "менше ніж 5");
        assert_eq!(uk.days(Derived::TooFew), "замало даних");
    }

    #[test]
    fn numbers_in_the_files_are_plain() {
        assert_eq!(number_text(Number::Decimal(0.714_285, 3)), "0.714");
        assert_eq!(number_text(Number::Decimal(3.0, 1)), "3");
        assert_eq!(number_text(Number::Decimal(4.333, 2)), "4.33");
        assert_eq!(number_text(Number::Count(12)), "12");
        let row = Row {
            scope_type: "community",
            scope: Some("a,b".into()),
            region: None,
            period: "2026-11".into(),
            service: None,
            channel: None,
            measure: "applications",
            value: None,
            flag: Some("suppressed"),
        };
        assert_eq!(
            csv(&[row], "2026-11-27T10:00:00Z").lines().nth(1),
            Some("2026-11-27T10:00:00Z,community,\"a,b\",,2026-11,,,applications,,suppressed")
        );
    }

    #[test]
    fn a_hidden_figure_draws_no_bar() {
        let i18n = I18n::load().expect("catalogues load");
        let fmt = Fmt { t: Tr { i18n: &i18n, lang: Lang::Uk } };
        let months = YearMonth::new(2026, 1).map(|m| m.window_ending(3)).unwrap_or_default();
        let d = month_chart(&months, &[(Some(10.0), "10".into()), (None, "<5".into()), (Some(0.0), "0".into())], fmt);
        assert_eq!(d.rects.len(), 1, "only the published, non-zero value has a bar");
        assert!(d.texts.iter().any(|t| t.text == "<5"));
        assert!(d.texts.iter().any(|t| t.text == "2025"), "the year under the first month");
    }

    #[test]
    fn labels_too_wide_for_twelve_bars_are_kept_to_the_highest_and_the_latest() {
        let i18n = I18n::load().expect("catalogues load");
        let fmt = Fmt { t: Tr { i18n: &i18n, lang: Lang::Uk } };
        let months = YearMonth::new(2026, 11).map(|m| m.window_ending(12)).unwrap_or_default();
        let values = |n: &[u64]| n.iter().map(|v| (Some(*v as f64), fmt.int(*v))).collect::<Vec<_>>();
        let small = month_chart(&months, &values(&[10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110, 120]), fmt);
        assert_eq!(small.texts.iter().filter(|t| t.class == "value").count(), 12, "short numbers: every bar labelled");
        let big: Vec<u64> = (0..12).map(|i| 400_000 + i * 1_000 + if i == 4 { 90_000 } else { 0 }).collect();
        let wide = month_chart(&months, &values(&big), fmt);
        let labels: Vec<&str> = wide.texts.iter().filter(|t| t.class == "value").map(|t| t.text.as_str()).collect();
        assert_eq!(labels, [fmt.int(big[4]), fmt.int(big[11])], "the highest and the latest month");
        let last = wide.texts.iter().find(|t| t.class == "value" && t.text == fmt.int(big[11])).unwrap();
        assert_eq!(last.anchor, "end", "the last label stays inside the chart");
        assert_eq!(wide.rects.len(), 12, "every bar is still drawn");
    }
}
