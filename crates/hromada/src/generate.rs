//! `hromada demo --applications N`: made-up applications for the demo and for
//! benchmarks, so that queues, deadlines and the pulse have a history to show.
//!
//! N cases over the two years before today (Kyiv), in every community (more in
//! bigger ones) and every service it offers, read from the store as imported:
//! each service's workflow states by phase and its deadline. Volume follows the
//! seasons, the days of the week and a slow growth; some services have seasons
//! of their own (subsidies before the heating season, trees in spring). Online
//! applications grow from one community's start share to its end share over
//! the two years; the rest are made at a service centre, on working days in
//! opening hours, with the resident's account (channel `assisted`) or for a
//! resident without one (`on_behalf`). Processing times are drawn per service
//! around its deadline (due dates by the domain's `deadline` rules on the
//! installation's calendar, extensions where the law allows them, the clock
//! stopped while the office waits for the resident): most on time, a
//! community's share late (shrinking over the two years), some withdrawn,
//! approvals and rejections at the service's rate, survey answers for about a
//! fifth of the decisions, better for a timely approval than for a refusal.
//! What is not decided by now is open — just submitted, in review or waiting
//! for the resident — and a few forgotten cases are open and overdue.
//!
//! A case that is not just submitted carries its timeline: the workflow's
//! actions that brought it from the start state to its own (the shortest way
//! its definition allows, their `requires` met, through the wait for the
//! resident when the clock stopped), at times in order from its submission to
//! its decision, staff actions in office hours where they fit. The office's
//! actions are taken by the community's staff holding a role the action
//! allows (the one who took the case on first, who is then its assignee),
//! where the community has such staff; the resident's by the applicant. An
//! action's inputs get made-up values, checked as the office's action form
//! checks them. The decision that issues a document in its service's workflow
//! issues it: made and signed as a decision taken now is
//! (`hromada_web::sign_document`), with the community's signing key in use,
//! so that it verifies at `/verify` and offline.
//!
//! No personal data: a case's applicant is nobody or one demo account without
//! a password (`GENERATED_APPLICANT_EMAIL`), the operator of an assisted case
//! the community's operator if it has one, and answers are empty (a document
//! names no holder: "—").
//!
//! Deterministic: the same seed, count, catalogue and moment give the same
//! cases (a small splitmix64 generator, no `rand`).
//!
//! A second run tops up: the store counts the cases it generated (in the
//! transaction of each batch), and a run adds only what is missing to reach N
//! — none when there are N or more already. The cases added then are drawn
//! with another seed, over the two years before that day.

use std::collections::{BTreeSet, HashMap, VecDeque};
use std::sync::Arc;
use std::time::{Duration as StdDuration, Instant};

use hromada_domain::account::{AccountId, NewAccount, Role};
use hromada_domain::case::CaseChannel;
use hromada_domain::clock::{Clock, kyiv_time};
use hromada_domain::deadline::{WorkCalendar, due_date_for_days, resume_due, working_days_between};
use hromada_domain::definition::{
    AccountRule, Actor, Answers, DeadlineKind, Field, FieldKind, Page, Phase, ServiceDefinition, parse_definition,
};
use hromada_domain::document::DocumentNumber;
use hromada_domain::pulse::Outcome;
use hromada_domain::{Lang, Text, form};
use hromada_store::{GeneratedCase, GeneratedEvent, NewDocument, Store, StoreError};
use hromada_web::keys::{KeyFolder, Signer};
use time::{Date, Duration, OffsetDateTime, PrimitiveDateTime, Time, UtcOffset, Weekday};

/// The seed when none is given.
pub const DEFAULT_SEED: u64 = 0x4855_524F_4D41_4441; // "HUROMADA"

/// The one demo account that stands for residents with an account. It has no
/// password: no one signs in as it.
pub const GENERATED_APPLICANT_EMAIL: &str = "generated.applicants@demo.hromada.example";

/// Days of history: two years, today included.
pub const HISTORY_DAYS: i64 = 730;

/// Cases per `insert_generated_cases` call (one transaction each). A batch is
/// made on the main thread with its documents; glibc keeps the heap it grew to
/// for the life of the demo: 5,000 left the demo idling at 74–82 MiB after its
/// 20,000 cases, 1,000 at 43–45 MiB, and generated as fast (bench/footprint.sh).
pub const BATCH: usize = 1_000;

/// How many applications `hromada demo` makes when not told.
pub const DEFAULT_APPLICATIONS: u64 = 20_000;

// ---- randomness --------------------------------------------------------------------------

/// splitmix64 (Steele, Lea, Flood 2014): small, fast, good enough for made-up data.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Uniform in 0..n (0 when n is 0).
    pub fn below(&mut self, n: u64) -> u64 {
        if n == 0 { 0 } else { self.next_u64() % n }
    }

    pub fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    /// Exponential with this mean.
    pub fn exponential(&mut self, mean: f64) -> f64 {
        -mean * (1.0 - self.unit()).ln()
    }

    /// An index drawn by weight (the last one if all weights are 0).
    pub fn weighted(&mut self, weights: &[f64]) -> usize {
        let total: f64 = weights.iter().sum();
        let mut x = self.unit() * total;
        for (i, w) in weights.iter().enumerate() {
            if x < *w {
                return i;
            }
            x -= w;
        }
        weights.len().saturating_sub(1)
    }

    fn pick<'a>(&mut self, items: &'a [String]) -> Option<&'a String> {
        items.get(self.below(items.len() as u64) as usize)
    }
}

// ---- the model: what the store holds, and how each place and service behaves --------------

/// How a service is used: demand relative to the others, how often it is
/// refused, how often it is done at a service centre, its season.
#[derive(Debug, Clone, PartialEq)]
pub struct ServiceProfile {
    pub demand: f64,
    pub reject: f64,
    /// Multiplies the community's share of service-centre applications.
    pub counter: f64,
    /// Demand by month, January first.
    pub season: [f64; 12],
    /// Demand at the start and at the end of the two years.
    pub trend: (f64, f64),
    /// Of the cases of each community, its demand is multiplied by this where named.
    pub local: &'static [(&'static str, f64)],
}

const FLAT: [f64; 12] = [1.0; 12];

/// Demo services by slug; others get a plain profile.
pub fn service_profile(slug: &str) -> ServiceProfile {
    let p = |demand, reject, counter, season, trend, local| ServiceProfile { demand, reject, counter, season, trend, local };
    match slug {
        "reiestratsiia-mistsia-prozhyvannia" => {
            p(24.0, 0.05, 1.1, [0.9, 0.95, 1.0, 1.0, 1.0, 1.05, 1.1, 1.35, 1.4, 1.05, 0.95, 0.9], (1.0, 1.0), &[])
        }
        "vytiah-z-reiestru-terytorialnoi-hromady" => p(14.0, 0.03, 1.0, FLAT, (1.0, 1.1), &[]),
        "dovidka-pro-vziattia-na-oblik-vpo" => {
            p(9.0, 0.06, 1.3, FLAT, (1.5, 0.7), &[("dniprovska", 2.0), ("zhytomyrska", 1.3), ("lutska", 1.2), ("uzhhorodska", 1.4)])
        }
        "zapyt-na-publichnu-informatsiiu" => p(5.0, 0.08, 0.3, FLAT, (0.9, 1.2), &[]),
        "zvernennia-hromadian" => p(11.0, 0.12, 0.6, [1.2, 1.2, 1.0, 0.95, 0.9, 0.9, 0.85, 0.85, 1.0, 1.05, 1.15, 1.2], (1.0, 1.0), &[]),
        "kompensatsiia-za-poshkodzhene-zhytlo" => p(
            4.0,
            0.25,
            1.2,
            [1.6, 1.5, 1.1, 0.9, 0.9, 0.8, 0.8, 0.8, 0.9, 1.0, 1.2, 1.5],
            (1.3, 0.9),
            &[
                ("buchanska", 5.0),
                ("dniprovska", 2.0),
                ("zhytomyrska", 1.5),
                ("cherkaska", 0.8),
                ("lutska", 0.4),
                ("uzhhorodska", 0.2),
                ("ternopilska", 0.4),
                ("vinnytska", 0.6),
            ],
        ),
        "zhytlova-subsydiia" => p(10.0, 0.15, 1.6, [1.0, 0.8, 0.6, 0.5, 0.5, 0.5, 0.5, 0.7, 1.4, 2.4, 2.2, 1.5], (1.0, 1.0), &[]),
        "dozvil-na-vydalennia-zelenykh-nasadzhen" => {
            p(1.5, 0.2, 0.7, [0.3, 0.4, 1.8, 2.2, 1.3, 0.8, 0.6, 0.6, 0.9, 1.7, 1.6, 0.5], (1.0, 1.0), &[])
        }
        "parkuvalne-mistse-dlia-osoby-z-invalidnistiu" => p(1.0, 0.1, 1.2, FLAT, (0.9, 1.2), &[]),
        "dozvil-na-rozmishchennia-zovnishnoi-reklamy" => {
            p(1.5, 0.2, 0.5, [0.7, 0.8, 1.1, 1.2, 1.1, 1.0, 0.9, 0.9, 1.1, 1.1, 1.2, 0.9], (0.9, 1.2), &[])
        }
        "odnorazova-materialna-dopomoha" => {
            p(7.0, 0.18, 1.4, [1.3, 1.2, 1.0, 1.0, 0.9, 0.8, 0.8, 0.9, 1.1, 1.0, 1.0, 1.3], (1.0, 1.0), &[])
        }
        _ => p(3.0, 0.1, 1.0, FLAT, (1.0, 1.0), &[]),
    }
}

/// How a community works: its size (residents, thousands), its share of late
/// decisions at the start, and its share of online applications at the start
/// and the end of the two years.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CommunityProfile {
    pub size: f64,
    pub late: f64,
    pub online: (f64, f64),
}

/// The demo's eight communities by slug; others get a middling profile.
pub fn community_profile(slug: &str) -> CommunityProfile {
    let p = |size, late, online| CommunityProfile { size, late, online };
    match slug {
        "buchanska" => p(70.0, 0.11, (0.40, 0.70)),
        "cherkaska" => p(280.0, 0.08, (0.35, 0.60)),
        "uzhhorodska" => p(130.0, 0.07, (0.30, 0.50)),
        "ternopilska" => p(225.0, 0.05, (0.45, 0.70)),
        "vinnytska" => p(375.0, 0.04, (0.55, 0.80)),
        "lutska" => p(215.0, 0.03, (0.50, 0.75)),
        "dniprovska" => p(960.0, 0.13, (0.40, 0.65)),
        "zhytomyrska" => p(265.0, 0.09, (0.35, 0.55)),
        _ => p(100.0, 0.07, (0.40, 0.60)),
    }
}

/// A service as generated cases need it: its latest version, deadline,
/// workflow states by phase, and the ways through its workflow.
#[derive(Debug, Clone)]
pub struct ServiceModel {
    pub slug: String,
    pub version: i64,
    pub kind: DeadlineKind,
    pub days: u32,
    pub extendable_to: Option<u32>,
    pub account_required: bool,
    /// State ids of each phase, in the definition's order.
    pub states: HashMap<Phase, Vec<String>>,
    pub profile: ServiceProfile,
    pub definition: Arc<ServiceDefinition>,
    /// Each transition's inputs as a page, as the office's action form checks them.
    pages: Vec<Page>,
    /// The way from the start to each state (transition indexes), without
    /// (`false`) and with (`true`) one wait for the resident.
    paths: HashMap<(String, bool), Vec<usize>>,
}

impl ServiceModel {
    pub fn of(slug: &str, version: i64, definition: ServiceDefinition) -> ServiceModel {
        let mut states: HashMap<Phase, Vec<String>> = HashMap::new();
        for state in &definition.workflow.states {
            states.entry(state.phase).or_default().push(state.id.clone());
        }
        let pages = definition
            .workflow
            .transitions
            .iter()
            .map(|t| Page { id: t.action.clone(), title: t.label.clone(), show_if: None, fields: t.inputs.clone() })
            .collect();
        let mut paths = HashMap::new();
        for state in &definition.workflow.states {
            for pause in [false, true] {
                if let Some(path) = way_to(&definition, &state.id, pause) {
                    paths.insert((state.id.clone(), pause), path);
                }
            }
        }
        ServiceModel {
            profile: service_profile(slug),
            slug: slug.to_string(),
            version,
            kind: definition.deadline.kind,
            days: definition.deadline.days,
            extendable_to: definition.deadline.extendable_to,
            account_required: definition.account == AccountRule::Required,
            states,
            definition: Arc::new(definition),
            pages,
            paths,
        }
    }

    fn state(&self, phase: Phase, rng: &mut Rng) -> Option<String> {
        self.states.get(&phase).and_then(|s| rng.pick(s)).cloned()
    }

    fn has(&self, phase: Phase) -> bool {
        self.states.get(&phase).is_some_and(|s| !s.is_empty())
    }
}

#[derive(Debug, Clone)]
pub struct CommunityModel {
    pub slug: String,
    /// Its reference code (`BUC`), which its documents' numbers and keys carry.
    pub code: String,
    /// Its name: the issuer of its documents.
    pub name: Text,
    pub profile: CommunityProfile,
    /// Indexes into [`Model::services`] of the services it offers.
    pub services: Vec<usize>,
    /// The operator named on its assisted cases.
    pub operator: Option<AccountId>,
    /// Its office, who take workflow actions: one account of each of its
    /// officers, supervisors and community admins (in that order), if it has them.
    pub staff: Vec<(Role, AccountId)>,
}

/// Everything the generator reads from the store.
#[derive(Debug, Clone)]
pub struct Model {
    pub communities: Vec<CommunityModel>,
    pub services: Vec<ServiceModel>,
    pub calendar: WorkCalendar,
    /// The demo account of residents with an account.
    pub applicant: Option<AccountId>,
}

impl Model {
    /// Read the communities, their offers and operators, the latest version of
    /// each service and the calendar; make the demo applicant account if it is missing.
    pub async fn load(store: &dyn Store, now: OffsetDateTime) -> Result<Model, String> {
        let fail = |e: hromada_store::StoreError| format!("generated applications: {e}");
        let mut services = Vec::new();
        let mut index = HashMap::new();
        for stored in store.latest_services().await.map_err(fail)? {
            let Some(definition) = parse_definition(&stored.source, None).definition else {
                return Err(format!("generated applications: the stored definition of {} does not parse", stored.slug));
            };
            index.insert(stored.slug.clone(), services.len());
            services.push(ServiceModel::of(&stored.slug, stored.version, definition));
        }
        let offers = store.offers().await.map_err(fail)?;
        let mut communities = Vec::new();
        for community in store.communities().await.map_err(fail)? {
            let offered: Vec<usize> =
                offers.iter().filter(|o| o.community_slug == community.slug).filter_map(|o| index.get(&o.service_slug).copied()).collect();
            let people = store.staff_of_community(&community.slug).await.map_err(fail)?;
            let first = |role: Role| people.iter().find(|(_, _, _, r)| *r == role).map(|(id, _, _, _)| *id);
            let staff =
                [Role::Officer, Role::Supervisor, Role::CommunityAdmin].into_iter().filter_map(|r| first(r).map(|id| (r, id))).collect();
            communities.push(CommunityModel {
                profile: community_profile(&community.slug),
                code: community.code,
                name: community.name,
                slug: community.slug,
                services: offered,
                operator: first(Role::Operator),
                staff,
            });
        }
        let calendar = WorkCalendar::new(store.non_working_days().await.map_err(fail)?);
        let applicant = match store.account_by_email(GENERATED_APPLICANT_EMAIL).await.map_err(fail)? {
            Some(account) => account.id,
            None => {
                store
                    .create_account(&NewAccount {
                        email: GENERATED_APPLICANT_EMAIL.to_string(),
                        display_name: "Згенеровані заявники (демо)".to_string(),
                        password_hash: None,
                        is_staff: false,
                        preferred_lang: Lang::Uk,
                        created_at: now,
                    })
                    .await
                    .map_err(fail)?
                    .id
            }
        };
        Ok(Model { communities, services, calendar, applicant: Some(applicant) })
    }
}

// ---- time ------------------------------------------------------------------------------------

/// The moment of `second` seconds after midnight of `day` in Kyiv.
fn kyiv_instant(day: Date, second: u32) -> OffsetDateTime {
    let local = PrimitiveDateTime::new(day, Time::MIDNIGHT) + Duration::seconds(i64::from(second.min(86_399)));
    let offset = kyiv_time(local.assume_utc() - Duration::hours(2)).offset();
    local.assume_offset(offset).to_offset(UtcOffset::UTC)
}

fn seconds_of_day(at: OffsetDateTime) -> u32 {
    let t = kyiv_time(at).time();
    u32::from(t.hour()) * 3600 + u32::from(t.minute()) * 60 + u32::from(t.second())
}

/// Volume by month (January first): quieter in the January holidays and in summer.
const MONTH: [f64; 12] = [0.85, 1.0, 1.05, 1.05, 1.0, 0.95, 0.85, 0.85, 1.1, 1.1, 1.1, 0.95];

fn weekday_factor(day: Date) -> f64 {
    match day.weekday() {
        Weekday::Monday => 1.25,
        Weekday::Tuesday => 1.15,
        Weekday::Wednesday => 1.1,
        Weekday::Thursday => 1.05,
        Weekday::Friday => 0.9,
        Weekday::Saturday => 0.3,
        Weekday::Sunday => 0.25,
    }
}

/// When residents apply online, by Kyiv hour.
const ONLINE_HOURS: [f64; 24] =
    [0.3, 0.15, 0.1, 0.1, 0.1, 0.2, 0.5, 1.2, 2.5, 4.0, 4.5, 4.5, 4.0, 4.0, 4.2, 4.0, 3.8, 3.5, 3.5, 3.2, 2.8, 2.0, 1.2, 0.6];

/// When the service centre is busiest, by hour from 8:00 (open 8:00–17:00, Friday to 16:00).
const COUNTER_HOURS: [f64; 9] = [0.8, 1.3, 1.5, 1.4, 1.1, 1.2, 1.2, 1.0, 0.7];

// ---- the generator ---------------------------------------------------------------------------

/// Generates the cases of each day, oldest first, in order of submission.
pub struct Generator {
    model: Model,
    rng: Rng,
    now: OffsetDateTime,
    today: Date,
    first_day: Date,
    /// Cases still to make on each day, from `first_day`.
    per_day: Vec<u64>,
    next_day: usize,
}

impl Generator {
    /// `n` cases over the [`HISTORY_DAYS`] days up to `now` (Kyiv), exactly.
    pub fn new(model: Model, n: u64, now: OffsetDateTime, seed: u64) -> Generator {
        let today = kyiv_time(now).date();
        let first_day = today - Duration::days(HISTORY_DAYS - 1);
        let elapsed_today = f64::from(seconds_of_day(now)) / 86_400.0;
        let weights: Vec<f64> = (0..HISTORY_DAYS)
            .map(|i| {
                let day = first_day + Duration::days(i);
                let progress = i as f64 / HISTORY_DAYS as f64;
                // A listed non-working weekday is quiet (weekends have their own factor).
                let weekend = matches!(day.weekday(), Weekday::Saturday | Weekday::Sunday);
                let holiday = if !weekend && !model.calendar.is_working_day(day) { 0.35 } else { 1.0 };
                let share_of_day = if day == today { elapsed_today } else { 1.0 };
                MONTH[usize::from(u8::from(day.month())) - 1] * weekday_factor(day) * holiday * (0.85 + 0.3 * progress) * share_of_day
            })
            .collect();
        let per_day = apportion(n, &weights);
        Generator { model, rng: Rng::new(seed), now, today, first_day, per_day, next_day: 0 }
    }

    /// How many cases are still to come.
    #[cfg(test)]
    pub fn remaining(&self) -> u64 {
        self.per_day[self.next_day.min(self.per_day.len())..].iter().sum()
    }

    /// The next day's cases in order of submission; `None` after today.
    pub fn next_day(&mut self) -> Option<Vec<GeneratedCase>> {
        let count = *self.per_day.get(self.next_day)?;
        let day = self.first_day + Duration::days(self.next_day as i64);
        let progress = self.next_day as f64 / HISTORY_DAYS as f64;
        self.next_day += 1;
        // Who applies for what on this day: community by size, service by demand.
        let month = usize::from(u8::from(day.month())) - 1;
        let demand: Vec<Vec<f64>> = self
            .model
            .communities
            .iter()
            .map(|c| {
                c.services
                    .iter()
                    .map(|&s| {
                        let p = &self.model.services[s].profile;
                        let local = p.local.iter().find(|(slug, _)| *slug == c.slug).map_or(1.0, |(_, f)| *f);
                        p.demand * p.season[month] * (p.trend.0 + (p.trend.1 - p.trend.0) * progress) * local
                    })
                    .collect()
            })
            .collect();
        let community_weights: Vec<f64> =
            self.model.communities.iter().zip(&demand).map(|(c, d)| c.profile.size * d.iter().sum::<f64>()).collect();
        if community_weights.iter().sum::<f64>() <= 0.0 {
            return Some(Vec::new());
        }
        let mut cases = Vec::with_capacity(count as usize);
        for _ in 0..count {
            let c = self.rng.weighted(&community_weights);
            let s = self.model.communities[c].services[self.rng.weighted(&demand[c])];
            cases.push(self.case(day, progress, c, s));
        }
        cases.sort_by_key(|case| case.submitted_at);
        Some(cases)
    }

    /// One case of community `c` and service `s` submitted on `day`, with its timeline.
    fn case(&mut self, day: Date, progress: f64, c: usize, s: usize) -> GeneratedCase {
        let (mut case, waited) = self.outline(day, progress, c, s);
        let model = &self.model;
        timeline(&mut self.rng, &model.services[s], &model.communities[c], &model.calendar, self.now, &mut case, waited);
        case
    }

    /// One case of community `c` and service `s` submitted on `day`: where it
    /// stands now, and when it waited for the resident (since when, and until
    /// when unless it still waits).
    fn outline(&mut self, day: Date, progress: f64, c: usize, s: usize) -> (GeneratedCase, Waited) {
        let community = &self.model.communities[c];
        let service = &self.model.services[s];
        let calendar = &self.model.calendar;
        let rng = &mut self.rng;
        let last_second = if day == self.today { seconds_of_day(self.now) } else { 86_400 };

        // Channel: online, or at the service centre on a working day in opening hours.
        let (online_from, online_to) = community.profile.online;
        let online_share = online_from + (online_to - online_from) * progress;
        let counter_closes = if day.weekday() == Weekday::Friday { 16 * 3600 } else { 17 * 3600 };
        let counter_open = calendar.is_working_day(day) && last_second > 8 * 3600;
        let at_counter = counter_open && rng.chance(((1.0 - online_share) * service.profile.counter).clamp(0.0, 0.95));
        let second = if at_counter {
            let hours = &COUNTER_HOURS[..((counter_closes - 8 * 3600) / 3600) as usize];
            let hour = rng.weighted(hours) as u32;
            (8 * 3600 + hour * 3600 + rng.below(3600) as u32).min(last_second.saturating_sub(1))
        } else {
            let hours: Vec<f64> =
                ONLINE_HOURS.iter().enumerate().map(|(h, w)| if (h as u32) * 3600 < last_second { *w } else { 0.0 }).collect();
            let hour = rng.weighted(&hours) as u32;
            (hour * 3600 + rng.below(3600) as u32).min(last_second.saturating_sub(1))
        };
        let submitted_at = kyiv_instant(day, second);
        let (channel, applicant, assisted_by) = if at_counter {
            // A third of the residents at the counter have an account the operator finds.
            let applicant = if rng.chance(0.35) { self.model.applicant } else { None };
            (CaseChannel::Assisted, applicant, community.operator)
        } else {
            let applicant = if service.account_required || rng.chance(0.5) { self.model.applicant } else { None };
            (CaseChannel::Online, applicant, None)
        };
        let lang = if rng.chance(0.03) { Lang::En } else { Lang::Uk };

        // The deadline, extended now and then where the law allows it.
        let mut days = service.days;
        if let Some(longer) = service.extendable_to
            && rng.chance(0.06)
        {
            days = longer;
        }
        let due = due_date_for_days(day, service.kind, days, calendar);
        let room = working_days_between(day, due, calendar);

        // When the office decides, in working days after submission: most well
        // within the deadline, a community's share late (fewer as it learns).
        let late_share = community.profile.late * (1.3 - 0.6 * progress);
        let late = rng.chance(late_share);
        let mut offset = if late {
            room + 1 + rng.exponential(f64::from(room).mul_add(0.3, 1.5)) as u32
        } else if service.kind == DeadlineKind::SameDay {
            if rng.chance(0.9) { 0 } else { room }
        } else {
            (f64::from(room + 1) * rng.unit().powf(1.4)).floor().min(f64::from(room)) as u32
        };
        if !calendar.is_working_day(day) {
            offset = offset.max(1);
        }

        // Now and then the office waits for the resident, and the clock stops.
        let mut pause = None;
        if service.kind != DeadlineKind::SameDay && service.has(Phase::WaitingForResident) && rng.chance(0.12) {
            offset = offset.max(1);
            let paused_on = calendar.add_working_days(day, 1 + rng.below(u64::from(offset)) as u32);
            let resumed_on = paused_on + Duration::days(1 + rng.exponential(5.0) as i64);
            pause = Some((paused_on, resumed_on));
        }
        let mut decision_day = calendar.add_working_days(day, offset);
        let mut due_on = due;
        if let Some((paused_on, resumed_on)) = pause {
            decision_day = calendar.add_working_days(decision_day, working_days_between(paused_on, resumed_on, calendar));
            decision_day = decision_day.max(calendar.this_or_next_working_day(resumed_on));
            due_on = resume_due(due, paused_on, resumed_on, service.kind, calendar);
        }
        let decided_at = if decision_day == day {
            let end_of_day = kyiv_instant(day, 86_399);
            (submitted_at + Duration::minutes(10 + rng.below(230) as i64)).min(end_of_day)
        } else {
            kyiv_instant(decision_day, 8 * 3600 + 1800 + rng.below(9 * 3600) as u32)
        };
        // A few cases are forgotten in a queue: open, and overdue, months later.
        let forgotten = self.today - day < Duration::days(180) && rng.chance(0.01);
        // Some residents withdraw before the decision.
        let withdrawn = !forgotten && service.has(Phase::Withdrawn) && rng.chance(0.03);

        let mut case = GeneratedCase {
            community_slug: community.slug.clone(),
            service_slug: service.slug.clone(),
            service_version: service.version,
            state: String::new(),
            channel,
            applicant,
            assisted_by,
            lang,
            submitted_at,
            due_on: Some(due),
            paused_at: None,
            decided_at: None,
            outcome: None,
            answer: None,
            assignee: None,
            events: Vec::new(),
        };
        // When the office asked the resident, as a moment of that day in office hours.
        let asked_at = |paused_on: Date, rng: &mut Rng| kyiv_instant(paused_on, 9 * 3600 + rng.below(8 * 3600) as u32).max(submitted_at);
        let can_decide = service.has(Phase::Approved) || service.has(Phase::Rejected);
        if withdrawn {
            let at = submitted_at + Duration::seconds(((decided_at - submitted_at).whole_seconds() as f64 * rng.unit()) as i64 + 60);
            if at <= self.now {
                case.state = service.state(Phase::Withdrawn, rng).unwrap_or_default();
                case.decided_at = Some(at);
                case.outcome = Some(Outcome::Withdrawn);
                // The clock moved only if the resident had answered before withdrawing.
                let answered = pause.filter(|(_, resumed)| kyiv_instant(*resumed, 8 * 3600) <= at);
                case.due_on = if answered.is_some() { Some(due_on) } else { Some(due) };
                let waited = answered.map(|(paused, resumed)| (asked_at(paused, rng), Some(kyiv_instant(resumed, 8 * 3600))));
                return (case, waited);
            }
        } else if !forgotten && can_decide && decided_at <= self.now {
            let reject = !service.has(Phase::Approved) || service.has(Phase::Rejected) && rng.chance(service.profile.reject);
            let (phase, outcome) = if reject { (Phase::Rejected, Outcome::Rejected) } else { (Phase::Approved, Outcome::Approved) };
            case.state = service.state(phase, rng).unwrap_or_default();
            case.decided_at = Some(decided_at);
            case.outcome = Some(outcome);
            case.due_on = Some(due_on);
            let waited = pause.map(|(paused, resumed)| {
                let asked = asked_at(paused, rng);
                (asked, Some(kyiv_instant(resumed, 9 * 3600 + rng.below(8 * 3600) as u32)))
            });
            // About a fifth answer the survey, soon after; a timely approval pleases most.
            let on_time = kyiv_time(decided_at).date() <= due_on;
            let answer_share = if channel == CaseChannel::Online { 0.25 } else { 0.15 };
            if rng.chance(answer_share) {
                let at = decided_at + Duration::minutes(5 + rng.exponential(1_440.0) as i64);
                let weights: [f64; 5] = match (outcome, on_time) {
                    (Outcome::Approved, true) => [0.03, 0.03, 0.08, 0.26, 0.60],
                    (Outcome::Approved, false) => [0.12, 0.13, 0.25, 0.28, 0.22],
                    _ => [0.35, 0.20, 0.20, 0.15, 0.10],
                };
                if at <= self.now {
                    case.answer = Some((rng.weighted(&weights) as u8 + 1, at));
                }
            }
            return (case, waited);
        }

        // Open now: just submitted, in review, or waiting for the resident.
        let since = self.now - submitted_at;
        let mut waited = None;
        match pause {
            Some((paused_on, resumed_on)) if !forgotten && service.has(Phase::WaitingForResident) => {
                let paused_at = asked_at(paused_on, rng);
                let resumed_at = kyiv_instant(resumed_on, 9 * 3600);
                if paused_at <= self.now && self.now < resumed_at {
                    case.state = service.state(Phase::WaitingForResident, rng).unwrap_or_default();
                    case.paused_at = Some(paused_at);
                    return (case, Some((paused_at, None)));
                }
                if resumed_at <= self.now {
                    case.due_on = Some(due_on);
                    waited = Some((paused_at, Some(resumed_at)));
                }
            }
            _ => {}
        }
        let waiting_to_start = if since < Duration::days(1) {
            0.6
        } else if forgotten {
            0.3
        } else {
            0.04
        };
        // A case the resident has answered is in review again, never back at its start.
        let phase = if waited.is_none() && service.has(Phase::Submitted) && rng.chance(waiting_to_start) || !service.has(Phase::InReview) {
            Phase::Submitted
        } else {
            Phase::InReview
        };
        case.state = service.state(phase, rng).or_else(|| service.state(Phase::Submitted, rng)).unwrap_or_default();
        (case, waited)
    }
}

/// When a case waited for the resident: since when, and until when unless it still waits.
type Waited = Option<(OffsetDateTime, Option<OffsetDateTime>)>;

// ---- a case's timeline ---------------------------------------------------------------------------

/// The shortest way through `definition`'s workflow from its start to
/// `target` (transition indexes): through a state of the waiting phase once
/// if `pause`, else never; never through another final state; each action's
/// `requires` met; only actions someone may take. `None` if there is none.
fn way_to(definition: &ServiceDefinition, target: &str, pause: bool) -> Option<Vec<usize>> {
    let workflow = &definition.workflow;
    let phase = |id: &str| workflow.state(id).map(|s| s.phase);
    // (state, actions taken, waited yet) → the way there.
    let start = (workflow.start.clone(), BTreeSet::<String>::new(), false);
    let mut seen = BTreeSet::from([start.clone()]);
    let mut queue = VecDeque::from([(start, Vec::new())]);
    while let Some(((state, taken, waited), way)) = queue.pop_front() {
        if state == target && waited == pause {
            return Some(way);
        }
        if way.len() >= 12 || phase(&state).is_some_and(Phase::is_final) {
            continue;
        }
        for (i, t) in workflow.transitions.iter().enumerate() {
            let to_phase = phase(&t.to);
            let possible = t.from.contains(&state)
                && t.to != state
                && !t.roles.is_empty()
                && t.requires.iter().all(|r| taken.contains(r))
                && (t.to == target || !to_phase.is_some_and(Phase::is_final))
                && (!to_phase.is_some_and(Phase::pauses_deadline) || pause && !waited);
            if !possible {
                continue;
            }
            let mut taken = taken.clone();
            taken.insert(t.action.clone());
            let next = (t.to.clone(), taken, waited || to_phase.is_some_and(Phase::pauses_deadline));
            if seen.insert(next.clone()) {
                let mut way = way.clone();
                way.push(i);
                queue.push_back((next, way));
            }
        }
    }
    None
}

/// Whether only the applicant takes this action (the resident's answer, a withdrawal).
fn by_applicant(roles: &[Actor]) -> bool {
    roles.iter().all(|r| *r == Actor::Applicant)
}

/// Whether a staff member in `role` may take an action of `roles` (a
/// community's officers and supervisors act for its groups, as on the web).
fn may_take(role: Role, roles: &[Actor]) -> bool {
    roles.iter().any(|actor| match actor {
        Actor::Officer => role == Role::Officer,
        Actor::Supervisor => role == Role::Supervisor,
        Actor::CommunityAdmin => role == Role::CommunityAdmin,
        Actor::Group(_) => matches!(role, Role::Officer | Role::Supervisor),
        Actor::Operator | Actor::Applicant => false,
    })
}

/// `at`, or a moment of office hours (8:00–17:00 on a working day) soon
/// after it that is still before `until`.
fn in_office_hours(at: OffsetDateTime, until: OffsetDateTime, calendar: &WorkCalendar, rng: &mut Rng) -> OffsetDateTime {
    let local = kyiv_time(at);
    let open = calendar.is_working_day(local.date()) && (8..17).contains(&local.hour());
    if open {
        return at;
    }
    let day =
        if calendar.is_working_day(local.date()) && local.hour() < 8 { local.date() } else { calendar.add_working_days(local.date(), 1) };
    let moved = kyiv_instant(day, 8 * 3600 + rng.below(3 * 3600) as u32);
    if moved <= until { moved } else { at }
}

/// Made-up values of an action's inputs on `day`, before the form's check:
/// a plain text saying it is made up, an amount, the day itself, the first option.
fn made_up_inputs(fields: &[Field], day: Date, rng: &mut Rng) -> Answers {
    let mut raw = Answers::new();
    for field in fields {
        let id = field.id.as_str();
        let value = match &field.kind {
            FieldKind::Text { max_length, .. } if id.contains("number") => {
                let text = format!("{}/{}", 1 + rng.below(400), day.year());
                (text.chars().count() <= *max_length as usize).then_some(text)
            }
            FieldKind::Text { .. } | FieldKind::Textarea { .. } => Some(made_up_text(id).to_string()),
            FieldKind::Number { min, max, .. } => {
                let (low, high) = if id.contains("uah") { (500.0, 60_000.0) } else { (1.0, 10.0) };
                let low = min.map_or(low, |m: f64| m.max(low));
                let high = max.map_or(high, |m: f64| m.min(high)).max(low);
                let mut n = low + (high - low) * rng.unit();
                if id.contains("uah") {
                    n = (n / 100.0).round() * 100.0;
                }
                Some(format!("{}", n.round().clamp(low.ceil(), high.floor().max(low.ceil())) as i64))
            }
            FieldKind::Date { .. } if id.ends_with("_to") => Some((day + Duration::days(181)).to_string()),
            FieldKind::Date { .. } => Some(day.to_string()),
            FieldKind::Choice { options } | FieldKind::MultiChoice { options } => options.first().map(|o| o.value.clone()),
            _ => None,
        };
        if let Some(value) = value.filter(|_| field.required || rng.chance(0.5)) {
            raw.insert(field.id.clone(), vec![value]);
        }
    }
    raw
}

/// A text for a made-up input, by what it is for; every one says it is made up.
fn made_up_text(id: &str) -> &'static str {
    if id == "message" {
        "Додайте, будь ласка, документ, якого бракує (демонстраційний запис)."
    } else if id.starts_with("answer") {
        "Додаю документ, якого бракувало (демонстраційний запис)."
    } else if id.contains("reason") || id.contains("remarks") || id.contains("ground") {
        "Подано не всі документи, яких вимагає закон (демонстраційний запис)."
    } else if id.contains("reply") {
        "Надаємо відповідь по суті звернення (демонстраційний запис)."
    } else if id.contains("report") || id.contains("findings") || id.contains("conclusion") || id.contains("notes") {
        "Огляд проведено, висновок складено (демонстраційний запис)."
    } else if id.contains("conditions") {
        "Без додаткових умов (демонстраційний запис)."
    } else {
        "Демонстраційний запис."
    }
}

/// Give `case` the workflow actions that brought it to its state: the way
/// there (through the wait for the resident if it `waited`), each action at
/// a time in order within its submission and decision (or now) — the wait's
/// start and end, and the decision, when they happened — by the applicant or
/// by the community's staff, with made-up inputs checked as the action form
/// checks them; its assignee is who took the first office action.
fn timeline(
    rng: &mut Rng,
    service: &ServiceModel,
    community: &CommunityModel,
    calendar: &WorkCalendar,
    now: OffsetDateTime,
    case: &mut GeneratedCase,
    waited: Waited,
) {
    let Some(way) = service.paths.get(&(case.state.clone(), waited.is_some())).or_else(|| service.paths.get(&(case.state.clone(), false)))
    else {
        return;
    };
    let workflow = &service.definition.workflow;
    let phase = |id: &str| workflow.state(id).map(|s| s.phase);
    let (start, end) = (case.submitted_at, case.decided_at.unwrap_or(now));
    // The states it passes through, and the moments that are known: the
    // wait's start and end, and its decision (the last action).
    let mut states = vec![workflow.start.clone()];
    states.extend(way.iter().map(|&t| workflow.transitions[t].to.clone()));
    let known: Vec<Option<OffsetDateTime>> = (0..way.len())
        .map(|i| {
            if i + 1 == way.len() && case.decided_at.is_some() {
                case.decided_at
            } else if phase(&states[i + 1]).is_some_and(Phase::pauses_deadline) {
                waited.map(|(asked, _)| asked)
            } else if phase(&states[i]).is_some_and(Phase::pauses_deadline) {
                waited.and_then(|(_, answered)| answered)
            } else {
                None
            }
        })
        .collect();
    let mut at = start;
    let mut taker: Option<AccountId> = None;
    for (i, &t) in way.iter().enumerate() {
        let transition = &workflow.transitions[t];
        let applicant = by_applicant(&transition.roles);
        // Until the next known moment (or the end), the actions not known are spread out.
        let (next, left) = match known[i..].iter().position(Option::is_some) {
            Some(k) => (known[i + k].unwrap_or(end), k + 1),
            None => (end, way.len() - i + 1),
        };
        let when = match known[i] {
            Some(moment) => moment,
            None => {
                let gap = (next.max(at) - at).whole_seconds() as f64;
                let first = if i == 0 { 0.3 } else { 1.0 };
                let drawn = at + Duration::seconds((gap * rng.unit() * first / left as f64) as i64);
                if applicant { drawn } else { in_office_hours(drawn, next.max(at), calendar, rng) }
            }
        };
        at = when.clamp(at, end);
        let day = kyiv_time(at).date();
        let (actor, body, inputs) = if applicant {
            let body = transition.inputs.iter().any(|f| f.id.starts_with("answer")).then(|| made_up_text("answer").to_string());
            (case.applicant, body, None)
        } else {
            let allowed = |who: &AccountId| community.staff.iter().any(|(role, id)| id == who && may_take(*role, &transition.roles));
            let actor = taker
                .filter(allowed)
                .or_else(|| community.staff.iter().find(|(role, _)| may_take(*role, &transition.roles)).map(|(_, id)| *id));
            taker = taker.or(actor);
            let page = &service.pages[t];
            let raw = made_up_inputs(&page.fields, day, rng);
            let (checked, _) = form::check_page(&service.definition, page, &raw, &Answers::new(), day);
            let body = hromada_web::action_text(&page.fields, &checked, case.lang);
            (actor, body, (!checked.is_empty()).then_some(checked))
        };
        case.events.push(GeneratedEvent {
            at,
            action: transition.action.clone(),
            from_state: states[i].clone(),
            to_state: transition.to.clone(),
            by_applicant: applicant,
            actor,
            body,
            inputs,
        });
    }
    case.assignee = taker;
}

/// Split `n` in proportion to `weights`, exactly (largest remainders first, ties to the earlier).
pub fn apportion(n: u64, weights: &[f64]) -> Vec<u64> {
    let total: f64 = weights.iter().map(|w| w.max(0.0)).sum();
    if weights.is_empty() {
        return Vec::new();
    }
    if total <= 0.0 {
        let mut out = vec![0; weights.len()];
        if let Some(last) = out.last_mut() {
            *last = n;
        }
        return out;
    }
    let exact: Vec<f64> = weights.iter().map(|w| n as f64 * w.max(0.0) / total).collect();
    let mut out: Vec<u64> = exact.iter().map(|x| x.floor() as u64).collect();
    let given: u64 = out.iter().sum();
    let mut order: Vec<usize> = (0..weights.len()).collect();
    order.sort_by(|&a, &b| (exact[b] - exact[b].floor()).total_cmp(&(exact[a] - exact[a].floor())).then(a.cmp(&b)));
    for &i in order.iter().cycle().take(n.saturating_sub(given) as usize) {
        out[i] += 1;
    }
    out
}

// ---- into the store --------------------------------------------------------------------------

/// What a run did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    /// Generated cases in the store before the run.
    pub before: u64,
    pub added: u64,
}

/// Top the store's generated cases up to `target`: generate what is missing
/// and insert it in batches, with the documents their decisions issue signed
/// by the communities' keys in `keys` (made where a community has none yet),
/// printing progress to stderr.
pub async fn applications(store: &dyn Store, clock: &dyn Clock, target: u64, seed: u64, keys: &KeyFolder) -> Result<Report, String> {
    let before = store.generated_cases().await.map_err(|e| format!("generated applications: {e}"))?;
    if before >= target {
        if target > 0 {
            eprintln!("{before} generated applications are already there (asked for {target}): adding none.");
        }
        return Ok(Report { before, added: 0 });
    }
    let now = clock.now();
    let model = Model::load(store, now).await?;
    if model.communities.iter().all(|c| c.services.is_empty()) {
        return Err("generated applications: no community offers a service".into());
    }
    let documents = Documents::prepare(store, &model, keys, now).await?;
    let wanted = target - before;
    // Another seed for a top-up, so that it does not repeat the first run's cases.
    let mut generator = Generator::new(model, wanted, now, seed ^ before.wrapping_mul(0x9E37_79B9_7F4A_7C15));
    eprintln!("Generating {wanted} applications over the two years before today ({before} already there, {target} asked for)…");
    let started = Instant::now();
    let mut last_report = Instant::now();
    let mut added = 0u64;
    let mut batch: Vec<GeneratedCase> = Vec::with_capacity(BATCH * 2);
    let fail = |e: hromada_store::StoreError| format!("generated applications: {e}");
    let make = |case: &GeneratedCase, reference: &str| documents.make(case, reference);
    while let Some(day) = generator.next_day() {
        batch.extend(day);
        while batch.len() >= BATCH {
            let rest = batch.split_off(BATCH);
            added += store.insert_generated_cases(&batch, &make).await.map_err(fail)?;
            batch = rest;
            if last_report.elapsed() >= StdDuration::from_secs(5) {
                last_report = Instant::now();
                progress(added, wanted, started);
            }
        }
    }
    if !batch.is_empty() {
        added += store.insert_generated_cases(&batch, &make).await.map_err(fail)?;
    }
    progress(added, wanted, started);
    Ok(Report { before, added })
}

/// What makes the documents of generated decisions: each service's
/// definition, and each community's name and key in use.
struct Documents {
    definitions: HashMap<(String, i64), Arc<ServiceDefinition>>,
    issuers: HashMap<String, (Text, Signer)>,
}

impl Documents {
    /// Open (or make) the key of every community that offers a service whose workflow issues a document.
    async fn prepare(store: &dyn Store, model: &Model, keys: &KeyFolder, now: OffsetDateTime) -> Result<Documents, String> {
        let definitions: HashMap<(String, i64), Arc<ServiceDefinition>> =
            model.services.iter().map(|s| ((s.slug.clone(), s.version), Arc::clone(&s.definition))).collect();
        let mut issuers = HashMap::new();
        for community in &model.communities {
            let issues =
                community.services.iter().any(|&s| model.services[s].definition.workflow.transitions.iter().any(|t| t.issues.is_some()));
            if issues {
                let signer = keys
                    .signer(store, &community.slug, &community.code, now)
                    .await
                    .map_err(|e| format!("generated applications: the signing key of {}: {e}", community.slug))?;
                issuers.insert(community.slug.clone(), (community.name.clone(), signer));
            }
        }
        Ok(Documents { definitions, issuers })
    }

    /// The document that the last action of `case`, numbered `reference`, issues, if its workflow says so.
    fn make(&self, case: &GeneratedCase, reference: &str) -> Result<Option<NewDocument>, StoreError> {
        let refused = |why: String| StoreError::Invalid(format!("the document of {reference}: {why}"));
        let Some(last) = case.events.last() else { return Ok(None) };
        let Some(definition) = self.definitions.get(&(case.service_slug.clone(), case.service_version)) else { return Ok(None) };
        let Some(template) = definition.workflow.transition(&last.action).and_then(|t| hromada_web::issued_by(definition, t)) else {
            return Ok(None);
        };
        let number = DocumentNumber::parse(reference).ok_or_else(|| refused("not a document number".into()))?;
        let (issuer, signer) = self.issuers.get(&case.community_slug).ok_or_else(|| refused("its community has no key".into()))?;
        // The values of every action, the later replacing the earlier, as `action_inputs` merges them.
        let mut answers = Answers::new();
        for event in &case.events {
            answers.extend(event.inputs.iter().flatten().map(|(k, v)| (k.clone(), v.clone())));
        }
        let issuing = hromada_web::Issuing {
            definition,
            template,
            number: &number,
            answers: &answers,
            issuer: issuer.clone(),
            named: None,
            issued_on: kyiv_time(last.at).date(),
        };
        hromada_web::sign_document(&issuing, signer).map(Some).map_err(|e| refused(e.to_string()))
    }
}

fn progress(done: u64, of: u64, started: Instant) {
    let seconds = started.elapsed().as_secs_f64();
    let rate = if seconds > 0.0 { done as f64 / seconds } else { 0.0 };
    eprintln!("generated {done} of {of} applications in {seconds:.1} s ({rate:.0} cases/s)");
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

    use std::collections::{BTreeMap, BTreeSet};
    use std::sync::Arc;

    use hromada_domain::account::{RoleGrant, Scope};
    use hromada_domain::clock::FixedClock;
    use hromada_domain::deadline::due_date;
    use hromada_domain::pulse::{Channel, YearMonth, decided_on_time};
    use hromada_store::testing::{TempDir, TestDb};
    use time::Month;
    use time::macros::{date, datetime};

    use super::*;

    /// Saturday morning in Kyiv; 1 and 2 December are listed non-working days.
    const NOW: OffsetDateTime = datetime!(2026-11-28 08:30 UTC);
    const OPERATOR: AccountId = AccountId(7);
    const OFFICER: AccountId = AccountId(8);
    const SUPERVISOR: AccountId = AccountId(9);
    const APPLICANT: AccountId = AccountId(3);

    /// The demo installation as the store would give it: every demo service
    /// offered in every community, an operator in Bucha only.
    fn demo_model() -> Model {
        let services: Vec<ServiceModel> = crate::demo::DEMO_SERVICES
            .iter()
            .map(|(file, source)| {
                let slug = file.trim_end_matches(".toml");
                ServiceModel::of(slug, 1, parse_definition(source, Some(slug)).definition.unwrap())
            })
            .collect();
        let communities = crate::demo::places()
            .into_iter()
            .map(|(_, c, _)| CommunityModel {
                operator: (c.slug == "buchanska").then_some(OPERATOR),
                staff: if c.slug == "buchanska" {
                    vec![(Role::Officer, OFFICER), (Role::Supervisor, SUPERVISOR)]
                } else if c.slug == "ternopilska" {
                    vec![(Role::Officer, AccountId(11))]
                } else {
                    Vec::new()
                },
                profile: community_profile(&c.slug),
                code: c.code,
                name: c.name,
                slug: c.slug,
                services: (0..services.len()).collect(),
            })
            .collect();
        Model {
            communities,
            services,
            calendar: WorkCalendar::new([date!(2026 - 12 - 01), date!(2026 - 12 - 02), date!(2026 - 05 - 01)]),
            applicant: Some(APPLICANT),
        }
    }

    fn generate_all(model: &Model, n: u64, seed: u64) -> Vec<GeneratedCase> {
        let mut generator = Generator::new(model.clone(), n, NOW, seed);
        let mut all = Vec::new();
        while let Some(day) = generator.next_day() {
            all.extend(day);
        }
        assert_eq!(generator.remaining(), 0);
        all
    }

    fn phase_of(model: &Model, case: &GeneratedCase) -> Phase {
        let service = model.services.iter().find(|s| s.slug == case.service_slug).unwrap();
        *service
            .states
            .iter()
            .find(|(_, ids)| ids.contains(&case.state))
            .unwrap_or_else(|| panic!("{} is not a state of {}", case.state, service.slug))
            .0
    }

    #[test]
    fn apportion_splits_exactly_and_in_proportion() {
        assert_eq!(apportion(10, &[1.0, 1.0, 2.0]), vec![3, 2, 5]);
        assert_eq!(apportion(7, &[0.0, 1.0]), vec![0, 7]);
        assert_eq!(apportion(5, &[0.0, 0.0]), vec![0, 5]);
        let weights: Vec<f64> = (1..=730).map(|i| f64::from(i % 7 + 1) * 0.37).collect();
        for n in [0, 1, 729, 731, 10_000_000] {
            assert_eq!(apportion(n, &weights).iter().sum::<u64>(), n);
        }
    }

    #[test]
    fn n_cases_cover_every_community_service_channel_and_phase() {
        let model = demo_model();
        let cases = generate_all(&model, 6_000, DEFAULT_SEED);
        assert_eq!(cases.len(), 6_000, "exactly N");
        let communities: BTreeSet<&str> = cases.iter().map(|c| c.community_slug.as_str()).collect();
        assert_eq!(communities.len(), 8, "{communities:?}");
        let services: BTreeSet<&str> = cases.iter().map(|c| c.service_slug.as_str()).collect();
        assert_eq!(services.len(), model.services.len(), "{services:?}");
        let channels: BTreeSet<Channel> = cases.iter().map(|c| Channel::of(c.channel, c.applicant.is_some())).collect();
        assert_eq!(channels.len(), 3, "self-service, assisted and on behalf");
        let phases: BTreeSet<&str> = cases.iter().map(|c| phase_of(&model, c).code()).collect();
        assert_eq!(phases.len(), 6, "every phase: {phases:?}");
        let today = kyiv_time(NOW).date();
        let open: Vec<&GeneratedCase> = cases.iter().filter(|c| c.decided_at.is_none()).collect();
        assert!(open.iter().any(|c| c.paused_at.is_none() && c.due_on.is_some_and(|d| d < today)), "some open cases are overdue");
        assert!(open.len() < cases.len() / 10, "most are decided: {} open", open.len());
        let answers = cases.iter().filter(|c| c.answer.is_some()).count();
        assert!((cases.len() / 10..cases.len() / 4).contains(&answers), "{answers} survey answers");
        // The biggest community has the most cases, the smallest the fewest.
        let mut per: BTreeMap<&str, usize> = BTreeMap::new();
        for c in &cases {
            *per.entry(c.community_slug.as_str()).or_default() += 1;
        }
        assert_eq!(per.iter().max_by_key(|(_, n)| **n).map(|(c, _)| *c), Some("dniprovska"), "{per:?}");
        assert_eq!(per.iter().min_by_key(|(_, n)| **n).map(|(c, _)| *c), Some("buchanska"), "{per:?}");
    }

    #[test]
    fn every_case_is_consistent_in_time_and_with_its_workflow() {
        let model = demo_model();
        let cases = generate_all(&model, 6_000, 42);
        let earliest = NOW - Duration::days(HISTORY_DAYS);
        let mut previous = earliest;
        for c in &cases {
            let phase = phase_of(&model, c);
            assert!(c.submitted_at > earliest && c.submitted_at <= NOW, "within two years before now: {c:?}");
            assert!(c.submitted_at >= previous, "in order of submission");
            previous = c.submitted_at;
            assert_eq!(c.submitted_at.offset(), UtcOffset::UTC);
            let service = model.services.iter().find(|s| s.slug == c.service_slug).unwrap();
            let submitted_on = kyiv_time(c.submitted_at).date();
            let rule = hromada_domain::definition::DeadlineRule { kind: service.kind, days: service.days, extendable_to: None, note: None };
            let due = c.due_on.expect("every case has a due date");
            assert!(due >= due_date(submitted_on, &rule, &model.calendar), "never due before the rule says: {c:?}");
            match c.decided_at {
                Some(decided) => {
                    assert!(decided >= c.submitted_at && decided <= NOW, "{c:?}");
                    assert!(phase.is_final() && c.paused_at.is_none(), "{c:?}");
                    assert_eq!(Outcome::of_phase(phase), c.outcome, "{c:?}");
                }
                None => {
                    assert!(!phase.is_final() && c.outcome.is_none(), "{c:?}");
                    assert_eq!(c.paused_at.is_some(), phase == Phase::WaitingForResident, "{c:?}");
                    if let Some(paused) = c.paused_at {
                        assert!(paused >= c.submitted_at && paused <= NOW, "{c:?}");
                    }
                }
            }
            if let Some((score, at)) = c.answer {
                assert!((1..=5).contains(&score));
                assert!(c.outcome.is_some_and(Outcome::is_decision), "only decisions are surveyed: {c:?}");
                assert!(at >= c.decided_at.unwrap() && at <= NOW);
            }
            if c.channel == CaseChannel::Assisted {
                let submitted = kyiv_time(c.submitted_at);
                assert!(
                    model.calendar.is_working_day(submitted.date()) && (8..17).contains(&submitted.hour()),
                    "the counter is open: {c:?}"
                );
                assert_eq!(c.assisted_by, (c.community_slug == "buchanska").then_some(OPERATOR), "the community's operator, if any");
            } else {
                assert_eq!(c.assisted_by, None);
            }
            assert!(c.applicant.is_none() || c.applicant == Some(APPLICANT), "no one but the demo account");
        }
    }

    #[test]
    fn the_two_years_tell_a_story_more_online_and_fewer_late() {
        let model = demo_model();
        let cases = generate_all(&model, 40_000, DEFAULT_SEED);
        let today = kyiv_time(NOW).date();
        let first_year = |c: &&GeneratedCase| today - kyiv_time(c.submitted_at).date() > Duration::days(365);
        let (old, new): (Vec<&GeneratedCase>, Vec<&GeneratedCase>) = cases.iter().partition(first_year);
        let online = |cs: &[&GeneratedCase]| cs.iter().filter(|c| c.channel == CaseChannel::Online).count() as f64 / cs.len() as f64;
        let late = |cs: &[&GeneratedCase]| {
            let decided: Vec<_> = cs.iter().filter(|c| c.outcome.is_some_and(Outcome::is_decision)).collect();
            decided.iter().filter(|c| !decided_on_time(c.decided_at.unwrap(), c.due_on)).count() as f64 / decided.len() as f64
        };
        assert!(online(&new) > online(&old) + 0.05, "online {} → {}", online(&old), online(&new));
        assert!(late(&new) < late(&old), "late {} → {}", late(&old), late(&new));
        assert!((0.02..0.2).contains(&late(&new)), "most decisions on time: {}", late(&new));
        // Subsidies come before the heating season.
        let subsidy_in =
            |m: Month| cases.iter().filter(|c| c.service_slug == "zhytlova-subsydiia" && kyiv_time(c.submitted_at).month() == m).count();
        assert!(subsidy_in(Month::October) > 2 * subsidy_in(Month::May));
    }

    /// The workflow actors of one of the model's accounts in a community, as the web gives staff theirs.
    fn actors_of(model: &Model, community: &str, service: &ServiceModel, account: Option<AccountId>) -> Vec<Actor> {
        let staff = &model.communities.iter().find(|c| c.slug == community).unwrap().staff;
        let mut actors = Vec::new();
        for (role, id) in staff.iter().filter(|(_, id)| Some(*id) == account) {
            actors.push(match role {
                Role::Officer => Actor::Officer,
                Role::Supervisor => Actor::Supervisor,
                _ => Actor::CommunityAdmin,
            });
            let _ = id;
            actors.extend(service.definition.workflow.groups.iter().map(|g| Actor::Group(g.id.clone())));
        }
        if account.is_none() {
            // Nobody named: the office as a whole.
            actors.extend([Actor::Officer, Actor::Supervisor, Actor::CommunityAdmin]);
            actors.extend(service.definition.workflow.groups.iter().map(|g| Actor::Group(g.id.clone())));
        }
        actors
    }

    #[test]
    fn every_timeline_follows_the_workflow_in_order_by_whom_it_allows() {
        use hromada_domain::case::{Case, CaseState};

        let model = demo_model();
        let cases = generate_all(&model, 6_000, 3);
        let (mut waits, mut by_supervisor, mut with_inputs) = (0, 0, 0);
        for c in &cases {
            let service = model.services.iter().find(|s| s.slug == c.service_slug).unwrap();
            let workflow = &service.definition.workflow;
            let mut machine = Case {
                service_id: service.slug.clone(),
                service_version: service.version,
                state: CaseState::Workflow(workflow.start.clone()),
                history: Vec::new(),
            };
            let end = c.decided_at.unwrap_or(NOW);
            let mut at = c.submitted_at;
            let mut first_office = None;
            for e in &c.events {
                assert_eq!(machine.state.as_str(), e.from_state, "{c:?}");
                let actors = if e.by_applicant {
                    assert_eq!(e.actor, c.applicant, "the applicant's own action: {c:?}");
                    vec![Actor::Applicant]
                } else {
                    first_office = first_office.or(Some(e.actor));
                    actors_of(&model, &c.community_slug, service, e.actor)
                };
                let transition = machine.act(workflow, &e.action, &actors).unwrap_or_else(|err| panic!("{err}: {e:?} of {c:?}"));
                assert_eq!(machine.state.as_str(), e.to_state);
                assert!(e.at >= at && e.at <= end, "in order, within submission and decision (or now): {c:?}");
                at = e.at;
                if !e.by_applicant {
                    // The inputs are what the action's form would keep, and all it requires.
                    let page = &service.pages[workflow.transitions.iter().position(|t| t.action == e.action).unwrap()];
                    let given = e.inputs.clone().unwrap_or_default();
                    let (kept, errors) = form::check_page(&service.definition, page, &given, &Answers::new(), kyiv_time(e.at).date());
                    assert!(errors.is_empty() && kept == given, "{errors:?}: {e:?}");
                    with_inputs += usize::from(!given.is_empty());
                    assert_eq!(e.body, hromada_web::action_text(&transition.inputs, &given, c.lang));
                }
                if e.actor == Some(SUPERVISOR) {
                    by_supervisor += 1;
                }
            }
            assert_eq!(machine.state.as_str(), c.state, "the timeline ends where the case is: {c:?}");
            assert_eq!(c.assignee, first_office.flatten(), "who took the first office action has it: {c:?}");
            let phase = phase_of(&model, c);
            match phase {
                Phase::Submitted => assert!(c.events.is_empty(), "{c:?}"),
                _ if phase.is_final() => assert_eq!(c.events.last().map(|e| e.at), c.decided_at, "the decision is its last action: {c:?}"),
                Phase::WaitingForResident => assert_eq!(c.events.last().map(|e| e.at), c.paused_at, "asked when the clock stopped: {c:?}"),
                _ => assert!(!c.events.is_empty(), "{c:?}"),
            }
            if c.events.iter().any(|e| e.action == "request_information") {
                waits += 1;
            }
            if !["buchanska", "ternopilska"].contains(&c.community_slug.as_str()) {
                assert!(c.events.iter().all(|e| e.by_applicant || e.actor.is_none()), "no staff there to name: {c:?}");
            }
        }
        assert!(waits > 100, "some waited for the resident: {waits}");
        assert!(by_supervisor > 0 && with_inputs > 1_000, "{by_supervisor} supervisor actions, {with_inputs} with inputs");
    }

    #[test]
    fn the_way_through_a_workflow_meets_its_requirements_and_waits_only_when_asked() {
        let model = demo_model();
        let service = |slug: &str| model.services.iter().find(|s| s.slug == slug).unwrap();
        let actions = |slug: &str, state: &str, pause: bool| -> Vec<String> {
            let s = service(slug);
            s.paths[&(state.to_string(), pause)].iter().map(|&t| s.definition.workflow.transitions[t].action.clone()).collect()
        };
        let compensation = "kompensatsiia-za-poshkodzhene-zhytlo";
        assert_eq!(actions(compensation, "approved", false), ["claim", "send_to_commission", "record_inspection", "approve"]);
        assert_eq!(actions(compensation, "rejected", false), ["claim", "reject"]);
        assert_eq!(actions(compensation, "withdrawn", false), ["withdraw"], "straight from the start");
        assert_eq!(
            actions(compensation, "approved", true),
            ["claim", "request_information", "answer", "send_to_commission", "record_inspection", "approve"]
        );
        assert_eq!(actions(compensation, "submitted", false), Vec::<String>::new());
        assert!(!service(compensation).paths.contains_key(&("submitted".to_string(), true)), "no wait before the start");
        assert_eq!(actions("odnorazova-materialna-dopomoha", "approved", false), ["claim", "submit_to_committee", "approve"]);
    }

    #[test]
    fn the_same_seed_makes_the_same_cases_and_another_seed_others() {
        let model = demo_model();
        assert_eq!(generate_all(&model, 500, 1), generate_all(&model, 500, 1));
        assert_ne!(generate_all(&model, 500, 1), generate_all(&model, 500, 2));
    }

    /// The demo's staff in Bucha (an operator, an officer, a supervisor), as `hromada demo` has them.
    async fn bucha_staff(store: &dyn Store) -> BTreeMap<Role, AccountId> {
        let mut staff = BTreeMap::new();
        for role in [Role::Operator, Role::Officer, Role::Supervisor] {
            let account = store
                .create_account(&NewAccount {
                    email: format!("{}@example.org", role.code()),
                    display_name: role.code().into(),
                    password_hash: None,
                    is_staff: true,
                    preferred_lang: Lang::Uk,
                    created_at: NOW,
                })
                .await
                .unwrap();
            let grant =
                RoleGrant { account: account.id, role, scope: Scope::Community("buchanska".into()), granted_by: None, granted_at: NOW };
            store.grant_role(&grant).await.unwrap();
            staff.insert(role, account.id);
        }
        staff
    }

    /// A folder of signing keys sealed with a passphrase of the tests.
    fn key_folder(dir: &TempDir) -> KeyFolder {
        KeyFolder::new(dir.path(), Some(hromada_web::keys::KeysSecret::new("the passphrase of the tests' keys")))
    }

    /// The demo installation, staff in Bucha, N generated; then the
    /// same N again adds none, and a bigger one tops up.
    async fn a_second_run_tops_up_instead_of_doubling(store: Arc<dyn Store>) {
        let store = store.as_ref();
        crate::seed_demo(store).await.unwrap();
        bucha_staff(store).await;
        let dir = TempDir::new();
        let keys = key_folder(&dir);
        let clock = FixedClock(NOW);
        let today = kyiv_time(NOW).date();
        let read = || async {
            let end = YearMonth::of(NOW);
            store.pulse_rollups(end.plus(-24), end, today).await.unwrap()
        };

        assert_eq!(applications(store, &clock, 0, DEFAULT_SEED, &keys).await.unwrap(), Report { before: 0, added: 0 }, "0 makes none");
        assert_eq!(store.generated_cases().await.unwrap(), 0);
        assert!(store.signing_keys().await.unwrap().is_empty(), "and no key");
        assert_eq!(applications(store, &clock, 2_000, DEFAULT_SEED, &keys).await.unwrap(), Report { before: 0, added: 2_000 });
        assert_eq!(store.generated_cases().await.unwrap(), 2_000);
        let r = read().await;
        assert_eq!(r.applications.iter().map(|a| a.count).sum::<u64>(), 2_000, "every case counted once, in its month");
        let communities: BTreeSet<&str> = r.applications.iter().map(|a| a.community_slug.as_str()).collect();
        assert_eq!(communities.len(), 8);
        let services: BTreeSet<&str> = r.applications.iter().map(|a| a.service_slug.as_str()).collect();
        assert_eq!(services.len(), crate::demo::DEMO_SERVICES.len());
        let channels: BTreeSet<Channel> = r.applications.iter().map(|a| a.channel).collect();
        assert_eq!(channels.len(), 3);
        assert!(r.open.iter().map(|o| o.open).sum::<u64>() > 0 && r.open.iter().map(|o| o.overdue).sum::<u64>() > 0, "{:?}", r.open);
        assert!(r.withdrawals.iter().map(|w| w.count).sum::<u64>() > 0);
        assert!(r.answers.iter().map(|a| a.count).sum::<u64>() > 0);
        let decisions: u64 = r.decisions.iter().map(|d| d.count).sum();
        let on_time: u64 = r.decisions.iter().map(|d| d.on_time).sum();
        assert!(on_time < decisions && on_time * 10 > decisions * 8, "mostly on time: {on_time} of {decisions}");
        let applicant = store.account_by_email(GENERATED_APPLICANT_EMAIL).await.unwrap().expect("the demo applicant");
        assert!(applicant.password_hash.is_none(), "no one signs in as it");
        let documents = store.documents_of_account(applicant.id).await.unwrap().len();
        assert!(documents > 0, "decisions issued documents");

        assert_eq!(
            applications(store, &clock, 2_000, DEFAULT_SEED, &keys).await.unwrap(),
            Report { before: 2_000, added: 0 },
            "the same command again adds none"
        );
        assert_eq!(read().await.applications.iter().map(|a| a.count).sum::<u64>(), 2_000);
        assert_eq!(store.documents_of_account(applicant.id).await.unwrap().len(), documents, "and no document");
        assert_eq!(applications(store, &clock, 2_500, DEFAULT_SEED, &keys).await.unwrap(), Report { before: 2_000, added: 500 });
        assert_eq!(store.generated_cases().await.unwrap(), 2_500);
        assert_eq!(read().await.applications.iter().map(|a| a.count).sum::<u64>(), 2_500);
        assert_eq!(
            store.account_by_email(GENERATED_APPLICANT_EMAIL).await.unwrap().map(|a| a.id),
            Some(applicant.id),
            "one demo applicant"
        );
        assert_eq!(store.signing_keys().await.unwrap().len(), 8, "one key per community, made once, kept for the top-up");
    }

    /// Every case of the installation, oldest first.
    async fn all_cases(store: &dyn Store) -> Vec<hromada_store::CaseRecord> {
        let communities = store.communities().await.unwrap().into_iter().map(|c| c.slug).collect();
        let mut query = hromada_store::CaseQuery { communities, sort: hromada_store::QueueSort::Oldest, limit: 500, ..Default::default() };
        let mut all = Vec::new();
        loop {
            let page = store.case_queue(&query).await.unwrap().cases;
            if page.is_empty() {
                return all;
            }
            query.offset += page.len() as i64;
            all.extend(page);
        }
    }

    /// What the store holds of generated cases, read back as the office and
    /// `/verify` read it: a decided case's timeline leads to its state by its
    /// workflow, by Bucha's staff there; an approval carries the document its
    /// workflow issues, numbered as the case, signed with the community's key
    /// in use, genuine online (as `/verify` checks it) and offline (as
    /// `hromada document verify` does); a refusal or a withdrawal carries none.
    async fn decided_cases_carry_their_timeline_and_documents_that_verify(store: Arc<dyn Store>) {
        use hromada_domain::document::{KeysFile, PublicKey, PublishedKey, Verdict, read_public_key};

        let store = store.as_ref();
        crate::seed_demo(store).await.unwrap();
        let staff = bucha_staff(store).await;
        let dir = TempDir::new();
        let keys = key_folder(&dir);
        applications(store, &FixedClock(NOW), 1_000, 11, &keys).await.unwrap();
        let today = kyiv_time(NOW).date();
        let signing_keys = store.signing_keys().await.unwrap();
        let keys_file = dir.path().join("hromada-keys.json");
        let published = KeysFile {
            generated_at: "2026-11-28T08:30:00Z".into(),
            keys: signing_keys
                .iter()
                .map(|k| PublishedKey {
                    id: k.id.clone(),
                    community: k.community_slug.clone(),
                    algorithm: "Ed25519".into(),
                    public_key: k.public_key.clone(),
                    created_on: hromada_domain::document::format_day(kyiv_time(k.created_at).date()),
                    retired_on: None,
                })
                .collect(),
            revoked: Vec::new(),
        };
        std::fs::write(&keys_file, serde_json::to_string(&published).unwrap()).unwrap();
        let definitions: BTreeMap<String, ServiceDefinition> = crate::demo::DEMO_SERVICES
            .iter()
            .map(|(file, source)| {
                let slug = file.trim_end_matches(".toml");
                (slug.to_string(), parse_definition(source, Some(slug)).definition.unwrap())
            })
            .collect();

        let cases = all_cases(store).await;
        assert_eq!(cases.len(), 1_000);
        let (mut issued, mut valid, mut by_supervisor) = (0, 0, 0);
        for case in &cases {
            let reference = case.reference.clone().unwrap();
            let definition = &definitions[&case.service_slug];
            let events = store.case_events(case.id).await.unwrap();
            let actions: Vec<&hromada_store::CaseEvent> =
                events.iter().filter(|e| e.kind == hromada_domain::case::CaseEventKind::Action).collect();
            let documents = store.documents_of_case(case.id).await.unwrap();
            let Some(decided_at) = case.decided_at else {
                assert!(documents.is_empty(), "{reference}: an open case has no document");
                continue;
            };
            let last = actions.last().unwrap_or_else(|| panic!("{reference}: a decided case has its decision on its timeline"));
            assert_eq!((last.to_state.as_deref(), last.at), (Some(case.state.as_str()), decided_at), "{reference}");
            assert!(actions.windows(2).all(|w| w[0].to_state == w[1].from_state && w[0].at <= w[1].at), "{reference}: {actions:?}");
            assert!(actions.iter().all(|e| e.at >= case.submitted_at.unwrap()), "{reference}");
            if case.community_slug == "buchanska" {
                let office: Vec<AccountId> = actions.iter().filter(|e| !e.by_applicant).filter_map(|e| e.actor).collect();
                assert!(office.iter().all(|a| *a == staff[&Role::Officer] || *a == staff[&Role::Supervisor]), "{reference}: {office:?}");
                by_supervisor += office.iter().filter(|a| **a == staff[&Role::Supervisor]).count();
                assert_eq!(case.assignee, office.first().copied(), "{reference}: who took it on first");
            }
            let issues = definition.workflow.transition(last.action.as_deref().unwrap()).and_then(|t| t.issues.as_ref());
            if issues.is_none() {
                assert!(documents.is_empty(), "{reference}: {} issues no document", case.state);
                continue;
            }
            assert_eq!(documents.len(), 1, "{reference}");
            let record = &documents[0];
            let document = &record.document;
            issued += 1;
            assert_eq!(document.number, reference);
            assert_eq!((record.issued_at, document.issued_on), (decided_at, kyiv_time(decided_at).date()), "issued with the decision");
            assert_eq!(store.document_by_code(&document.code).await.unwrap().map(|d| d.id), Some(record.id), "found by its code");
            let key = signing_keys.iter().find(|k| k.id == document.key_id).expect("its key is published");
            assert_eq!((key.community_slug.as_str(), key.retired_at), (case.community_slug.as_str(), None), "the community's key in use");
            // Online, as /verify checks it: the signature under the published key, and the payload as recorded.
            let (verdict, payload) = hromada_domain::document::verify(
                &document.payload,
                |id| {
                    signing_keys
                        .iter()
                        .find(|k| k.id == id)
                        .map(|k| PublicKey { key: read_public_key(&k.public_key).unwrap(), retired_on: None })
                },
                |_| None,
                today,
            );
            assert!(matches!(verdict, Verdict::Valid | Verdict::Expired { .. }), "{reference}: {verdict:?}");
            let payload = payload.unwrap();
            assert_eq!((payload.number.to_string(), payload.issued_on), (reference.clone(), document.issued_on));
            assert_eq!(store.document_by_number(&reference).await.unwrap().map(|d| d.document.payload), Some(document.payload.clone()));
            // Offline, as `hromada document verify` checks it with the published keys.
            let offline = crate::documents::verify(&keys_file, &document.payload, today);
            assert_eq!(offline.code == 0, verdict == Verdict::Valid, "{reference}: {}", offline.text);
            valid += usize::from(verdict == Verdict::Valid);
            // What the document prints of the officer's inputs is theirs.
            let inputs = store.action_inputs(case.id).await.unwrap();
            for field in &document.fields {
                assert!(inputs.contains_key(&field.id), "{reference}: {} is printed but was never given", field.id);
            }
        }
        assert!(issued > 300 && valid > 100, "{issued} documents, {valid} of them in force");
        assert!(by_supervisor > 0, "an approval only a supervisor may take is the supervisor's");
    }

    async fn on<F: std::future::Future<Output = ()> + Send + 'static>(db: TestDb, scenario: fn(Arc<dyn Store>) -> F) {
        let result = tokio::spawn(scenario(Arc::clone(&db.store))).await;
        db.cleanup().await;
        if let Err(e) = result {
            std::panic::resume_unwind(e.into_panic());
        }
    }

    #[tokio::test]
    async fn a_second_run_tops_up_instead_of_doubling_on_sqlite() {
        on(TestDb::sqlite().await, a_second_run_tops_up_instead_of_doubling).await;
    }

    #[tokio::test]
    async fn a_second_run_tops_up_instead_of_doubling_on_postgres() {
        if let Some(db) = TestDb::postgres().await {
            on(db, a_second_run_tops_up_instead_of_doubling).await;
        }
    }

    #[tokio::test]
    async fn decided_cases_carry_their_timeline_and_documents_that_verify_on_sqlite() {
        on(TestDb::sqlite().await, decided_cases_carry_their_timeline_and_documents_that_verify).await;
    }

    #[tokio::test]
    async fn decided_cases_carry_their_timeline_and_documents_that_verify_on_postgres() {
        if let Some(db) = TestDb::postgres().await {
            on(db, decided_cases_carry_their_timeline_and_documents_that_verify).await;
        }
    }
}
