//! Conformance of every `Store` backend: each scenario runs against a fresh
//! SQLite file and, when `HROMADA_TEST_POSTGRES_URL` is set (for example
//! `postgres://postgres@127.0.0.1:5432/test`), against a fresh PostgreSQL
//! database created for it and dropped afterwards. Without the variable the
//! PostgreSQL half is skipped with a note on stderr.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use hromada_domain::account::{
    Account, AccountId, NewAccount, Role, RoleGrant, Scope, SessionRecord, ThrottleDecision, TokenPurpose, TokenRecord, TotpAtRest,
    TotpRecord,
};
use hromada_domain::audit::{AuditEvent, AuditHead, AuditRow, ChainBreak, GENESIS_HASH, row_hash, verify_chain};
use hromada_domain::case::{CaseChannel, CaseEventKind};
use hromada_domain::job::{JobKind, JobState};
use hromada_domain::place::{Community, Offer, Region};
use hromada_domain::{Lang, Text};
use hromada_store::testing::{TempDir, TestDb, execute_raw};
use hromada_store::{
    CaseRecord, DRAFT_STATE, DraftPage, ImportOutcome, NewCase, NewCaseEvent, NewCaseFile, PageRefused, PgStore, SqliteStore, Store,
    StoreError, Submission, SubmitOutcome, verify_audit_trail,
};
use time::macros::{date, datetime};
use time::{Duration as TimeDuration, OffsetDateTime, UtcOffset};

// ---------------------------------------------------------------------------
// Harness
// ---------------------------------------------------------------------------

/// A scenario gets the store and the database URL (for tests that tamper
/// with the data past the store, through `hromada_store::testing::execute_raw`).
type ScenarioFuture = std::pin::Pin<Box<dyn Future<Output = ()> + Send>>;

/// Run `scenario` on its own task so that a failing assertion still lets the
/// caller clean up; re-raise the panic afterwards with [`finish`].
async fn run_scenario<F>(db: &TestDb, scenario: F) -> Result<(), tokio::task::JoinError>
where
    F: FnOnce(Arc<dyn Store>, String) -> ScenarioFuture + Send + 'static,
{
    tokio::spawn(scenario(Arc::clone(&db.store), db.url.clone())).await
}

fn finish(result: Result<(), tokio::task::JoinError>) {
    if let Err(err) = result {
        if err.is_panic() {
            std::panic::resume_unwind(err.into_panic());
        }
        panic!("scenario task failed: {err}");
    }
}

async fn on_sqlite<F>(scenario: F)
where
    F: FnOnce(Arc<dyn Store>, String) -> ScenarioFuture + Send + 'static,
{
    let db = TestDb::sqlite().await;
    let result = run_scenario(&db, scenario).await;
    db.cleanup().await;
    finish(result);
}

async fn on_postgres<F>(scenario: F)
where
    F: FnOnce(Arc<dyn Store>, String) -> ScenarioFuture + Send + 'static,
{
    let Some(db) = TestDb::postgres().await else { return };
    let result = run_scenario(&db, scenario).await;
    db.cleanup().await;
    finish(result);
}

/// `conformance!(scenario => scenario_sqlite, scenario_postgres);` makes the
/// two tests of one scenario taking `&dyn Store`.
/// `conformance!(with database: scenario => …);` does the same for scenarios
/// taking `(Arc<dyn Store>, url)`, which may spawn tasks and tamper with the
/// database; those run on a multi-threaded runtime.
macro_rules! conformance {
    (with database: $($scenario:ident => $sqlite:ident, $postgres:ident;)*) => {$(
        #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
        async fn $sqlite() {
            on_sqlite(|store, url| Box::pin($scenario(store, url))).await;
        }

        #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
        async fn $postgres() {
            on_postgres(|store, url| Box::pin($scenario(store, url))).await;
        }
    )*};
    ($($scenario:ident => $sqlite:ident, $postgres:ident;)*) => {$(
        #[tokio::test]
        async fn $sqlite() {
            on_sqlite(|store, _url| Box::pin(async move { $scenario(store.as_ref()).await })).await;
        }

        #[tokio::test]
        async fn $postgres() {
            on_postgres(|store, _url| Box::pin(async move { $scenario(store.as_ref()).await })).await;
        }
    )*};
}

conformance! {
    migrate_is_idempotent => migrate_is_idempotent_sqlite, migrate_is_idempotent_postgres;
    places_round_trip => places_round_trip_sqlite, places_round_trip_postgres;
    community_with_unknown_region_is_refused =>
        community_with_unknown_region_is_refused_sqlite, community_with_unknown_region_is_refused_postgres;
    import_versions_by_content => import_versions_by_content_sqlite, import_versions_by_content_postgres;
    an_import_of_several_is_all_or_nothing =>
        an_import_of_several_is_all_or_nothing_sqlite, an_import_of_several_is_all_or_nothing_postgres;
    concurrent_imports_get_distinct_versions =>
        concurrent_imports_get_distinct_versions_sqlite, concurrent_imports_get_distinct_versions_postgres;
    case_keeps_its_definition_version =>
        case_keeps_its_definition_version_sqlite, case_keeps_its_definition_version_postgres;
    offers_are_idempotent_and_checked => offers_are_idempotent_and_checked_sqlite, offers_are_idempotent_and_checked_postgres;
    non_working_days_round_trip => non_working_days_round_trip_sqlite, non_working_days_round_trip_postgres;
    ping_and_stats => ping_and_stats_sqlite, ping_and_stats_postgres;
    audit_appends_make_a_chain => audit_appends_make_a_chain_sqlite, audit_appends_make_a_chain_postgres;
    audit_rows_about_a_subject_newest_first =>
        audit_rows_about_a_subject_newest_first_sqlite, audit_rows_about_a_subject_newest_first_postgres;
}

conformance! {
    with database:
    audit_concurrent_appends_make_one_chain =>
        audit_concurrent_appends_make_one_chain_sqlite, audit_concurrent_appends_make_one_chain_postgres;
    audit_log_refuses_update_and_delete =>
        audit_log_refuses_update_and_delete_sqlite, audit_log_refuses_update_and_delete_postgres;
    audit_edit_is_found => audit_edit_is_found_sqlite, audit_edit_is_found_postgres;
    audit_removal_is_found => audit_removal_is_found_sqlite, audit_removal_is_found_postgres;
    audit_forged_insertion_is_found => audit_forged_insertion_is_found_sqlite, audit_forged_insertion_is_found_postgres;
    totp_secrets_are_kept_sealed => totp_secrets_are_kept_sealed_sqlite, totp_secrets_are_kept_sealed_postgres;
    recovery_codes_keep_their_salt => recovery_codes_keep_their_salt_sqlite, recovery_codes_keep_their_salt_postgres;
}

conformance! {
    account_emails_ignore_case => account_emails_ignore_case_sqlite, account_emails_ignore_case_postgres;
    sessions_expire_idle_and_absolute =>
        sessions_expire_idle_and_absolute_sqlite, sessions_expire_idle_and_absolute_postgres;
    sessions_rotate_and_sign_out_everywhere =>
        sessions_rotate_and_sign_out_everywhere_sqlite, sessions_rotate_and_sign_out_everywhere_postgres;
    tokens_are_single_use_of_one_purpose =>
        tokens_are_single_use_of_one_purpose_sqlite, tokens_are_single_use_of_one_purpose_postgres;
    totp_steps_refuse_replays => totp_steps_refuse_replays_sqlite, totp_steps_refuse_replays_postgres;
    recovery_codes_are_single_use => recovery_codes_are_single_use_sqlite, recovery_codes_are_single_use_postgres;
    throttle_counts_in_a_fixed_window =>
        throttle_counts_in_a_fixed_window_sqlite, throttle_counts_in_a_fixed_window_postgres;
    a_throttle_weighs_each_attempt_by_its_cost =>
        a_throttle_weighs_each_attempt_by_its_cost_sqlite, a_throttle_weighs_each_attempt_by_its_cost_postgres;
    roles_in_several_scopes => roles_in_several_scopes_sqlite, roles_in_several_scopes_postgres;
    deleting_an_account_detaches_its_cases =>
        deleting_an_account_detaches_its_cases_sqlite, deleting_an_account_detaches_its_cases_postgres;
}

conformance! {
    drafts_are_saved_and_submitted_once =>
        drafts_are_saved_and_submitted_once_sqlite, drafts_are_saved_and_submitted_once_postgres;
    files_belong_to_drafts => files_belong_to_drafts_sqlite, files_belong_to_drafts_postgres;
    a_page_adds_its_files_only_within_the_limits =>
        a_page_adds_its_files_only_within_the_limits_sqlite, a_page_adds_its_files_only_within_the_limits_postgres;
    case_events_move_the_state_only_from_where_it_is =>
        case_events_move_the_state_only_from_where_it_is_sqlite, case_events_move_the_state_only_from_where_it_is_postgres;
    old_drafts_are_warned_about_then_purged =>
        old_drafts_are_warned_about_then_purged_sqlite, old_drafts_are_warned_about_then_purged_postgres;
}

conformance! {
    work_queues_filter_sort_and_count =>
        work_queues_filter_sort_and_count_sqlite, work_queues_filter_sort_and_count_postgres;
    claiming_takes_only_unassigned_cases =>
        claiming_takes_only_unassigned_cases_sqlite, claiming_takes_only_unassigned_cases_postgres;
    jobs_retry_then_die_and_leases_expire =>
        jobs_retry_then_die_and_leases_expire_sqlite, jobs_retry_then_die_and_leases_expire_postgres;
    an_instance_takes_back_only_its_own_leases =>
        an_instance_takes_back_only_its_own_leases_sqlite, an_instance_takes_back_only_its_own_leases_postgres;
    notices_claim_codes_and_the_survey =>
        notices_claim_codes_and_the_survey_sqlite, notices_claim_codes_and_the_survey_postgres;
    a_communitys_staff_and_the_calendar =>
        a_communitys_staff_and_the_calendar_sqlite, a_communitys_staff_and_the_calendar_postgres;
    page_feedback_is_kept_per_community_and_counted_for_the_pulse =>
        page_feedback_is_kept_per_community_and_counted_for_the_pulse_sqlite,
        page_feedback_is_kept_per_community_and_counted_for_the_pulse_postgres;
}

conformance! {
    with database:
    two_workers_never_get_the_same_job =>
        two_workers_never_get_the_same_job_sqlite, two_workers_never_get_the_same_job_postgres;
    unknown_kinds_channels_and_states_are_errors =>
        unknown_kinds_channels_and_states_are_errors_sqlite, unknown_kinds_channels_and_states_are_errors_postgres;
    concurrent_submissions_make_one_case_each_and_no_gaps =>
        concurrent_submissions_make_one_case_each_and_no_gaps_sqlite,
        concurrent_submissions_make_one_case_each_and_no_gaps_postgres;
}

conformance! {
    with database:
    concurrent_token_uses_succeed_once =>
        concurrent_token_uses_succeed_once_sqlite, concurrent_token_uses_succeed_once_postgres;
    concurrent_totp_steps_succeed_once =>
        concurrent_totp_steps_succeed_once_sqlite, concurrent_totp_steps_succeed_once_postgres;
    concurrent_recovery_code_uses_succeed_once =>
        concurrent_recovery_code_uses_succeed_once_sqlite, concurrent_recovery_code_uses_succeed_once_postgres;
    concurrent_throttle_hits_all_count =>
        concurrent_throttle_hits_all_count_sqlite, concurrent_throttle_hits_all_count_postgres;
}

mod backup;
mod documents;
mod places;
mod pulse;

// ---------------------------------------------------------------------------
// Fixtures
// ---------------------------------------------------------------------------

fn kyivska() -> Region {
    Region {
        slug: "kyivska".into(), name: Text::new("Київська область", "Kyiv Oblast"), katottg: Some("UA32000000000030281".into())
    }
}

fn lvivska() -> Region {
    // No English name: `Text::en == None` must come back as `None`.
    Region { slug: "lvivska".into(), name: Text { uk: "Львівська область".into(), en: None }, katottg: None }
}

fn buchanska() -> Community {
    Community {
        slug: "buchanska".into(),
        region_slug: "kyivska".into(),
        code: "BUC".into(),
        name: Text::new("Бучанська міська територіальна громада", "Bucha City Community"),
        katottg: None,
        phone: "+380 4597 4-94-00".into(),
        email: "cnap@bucha-rada.gov.ua".into(),
        website: "https://bucha-rada.gov.ua".into(),
        published: true,
    }
}

fn irpinska() -> Community {
    Community {
        slug: "irpinska".into(),
        region_slug: "kyivska".into(),
        code: "IRP".into(),
        name: Text { uk: "Ірпінська міська громада".into(), en: None },
        katottg: None,
        phone: "+380 4597 5-70-00".into(),
        email: "irpin@example.gov.ua".into(),
        website: String::new(),
        published: false,
    }
}

/// A small but complete definition (the store keeps only definitions that
/// parse): `definition!("id", "title in Ukrainian")`, a literal.
macro_rules! definition {
    ($id:literal, $title:literal) => {
        concat!(
            "id = \"",
            $id,
            "\"\n",
            r#"category = "transparency"
life_situations = ["need-information"]
account = "required"
"#,
            "title = { uk = \"",
            $title,
            "\", en = \"Certificate\" }\n",
            r#"summary = { uk = "Запитайте", en = "Ask" }
who_can_apply = { uk = "Будь-хто", en = "Anyone" }
legal_basis = { uk = "Закон", en = "Law" }

[fee]
kind = "free"

[deadline]
kind = "working"
days = 5
extendable_to = 20

[[required_documents]]
uk = "Нічого"
en = "Nothing"

[[pages]]
id = "answer"
title = { uk = "Як відповісти?", en = "How to answer?" }

  [[pages.fields]]
  id = "channel"
  type = "choice"
  required = true
  label = { uk = "Спосіб", en = "Channel" }
  options = [
    { value = "email", uk = "Пошта", en = "E-mail" },
    { value = "post", uk = "Пошта", en = "Post" },
  ]

  [[pages.fields]]
  id = "postal_address"
  type = "address"
  required = true
  show_if = { field = "channel", equals = "post" }
  label = { uk = "Адреса", en = "Address" }

[[pages]]
id = "declaration"
title = { uk = "Підтвердження", en = "Declaration" }

  [[pages.fields]]
  id = "truthful"
  type = "declaration"
  required = true
  label = { uk = "Правда", en = "True" }

[workflow]
start = "submitted"

  [[workflow.states]]
  id = "submitted"
  phase = "submitted"
  title = { uk = "Подано", en = "Submitted" }

  [[workflow.states]]
  id = "in_review"
  phase = "in_review"
  title = { uk = "Розгляд", en = "In review" }

  [[workflow.states]]
  id = "answered"
  phase = "approved"
  title = { uk = "Відповідь надано", en = "Answered" }

  [[workflow.transitions]]
  action = "claim"
  label = { uk = "Взяти", en = "Claim" }
  from = ["submitted"]
  to = "in_review"
  roles = ["officer"]

  [[workflow.transitions]]
  action = "answer"
  label = { uk = "Відповісти", en = "Answer" }
  from = ["in_review"]
  to = "answered"
  roles = ["officer"]
  issues = "reply"
  inputs = [{ id = "reply_text", type = "textarea", required = true, label = { uk = "Відповідь", en = "Answer" } }]

[documents.reply]
title = { uk = "Відповідь", en = "Reply" }
shows = ["reply_text"]
"#
        )
    };
}

const SOURCE_V1: &str = definition!("dovidka", "Довідка про склад сім'ї");
const SOURCE_V2: &str = definition!("dovidka", "Довідка про склад сім’ї (оновлено)");
const AKTY: &str = definition!("aktovi-zapysy", "Актові записи");

/// A moment with sub-second precision and a non-UTC offset, to check the
/// documented normalisation (UTC, whole seconds).
fn moment() -> OffsetDateTime {
    datetime!(2026-03-01 11:30:05.987654 +02:00)
}

fn moment_stored() -> OffsetDateTime {
    datetime!(2026-03-01 09:30:05 UTC)
}

async fn seed_places(store: &dyn Store) {
    store.put_region(&kyivska()).await.expect("put region");
    store.put_community(&buchanska()).await.expect("put community");
}

// ---------------------------------------------------------------------------
// Scenarios
// ---------------------------------------------------------------------------

async fn migrate_is_idempotent(store: &dyn Store) {
    // The harness migrated once already.
    seed_places(store).await;
    store.import_service("dovidka", SOURCE_V1, moment()).await.expect("import");
    let generation = store.catalogue_generation().await.expect("generation");

    store.migrate().await.expect("second migrate");
    store.migrate().await.expect("third migrate");

    assert_eq!(store.regions().await.expect("regions"), vec![kyivska()], "migrate must not touch data");
    assert_eq!(store.communities().await.expect("communities"), vec![buchanska()]);
    assert_eq!(store.latest_services().await.expect("services").len(), 1);
    assert_eq!(store.catalogue_generation().await.expect("generation"), generation);
}

async fn places_round_trip(store: &dyn Store) {
    assert!(store.regions().await.expect("regions").is_empty());
    assert!(store.communities().await.expect("communities").is_empty());

    // Inserted out of slug order; read back in slug order.
    store.put_region(&lvivska()).await.expect("put lvivska");
    store.put_region(&kyivska()).await.expect("put kyivska");
    assert_eq!(store.regions().await.expect("regions"), vec![kyivska(), lvivska()]);

    store.put_community(&irpinska()).await.expect("put irpinska");
    store.put_community(&buchanska()).await.expect("put buchanska");
    assert_eq!(store.communities().await.expect("communities"), vec![buchanska(), irpinska()]);

    // Upserts change values (including to and from a missing English text).
    let mut region = lvivska();
    region.name = Text::new("Львівська обл.", "Lviv Oblast");
    store.put_region(&region).await.expect("update region");
    let mut community = buchanska();
    community.name = Text { uk: "Бучанська громада".into(), en: None };
    community.phone = "+380 44 000-00-00".into();
    community.email = "hromada@bucha.example".into();
    community.website = String::new();
    store.put_community(&community).await.expect("update community");
    assert_eq!(store.regions().await.expect("regions"), vec![kyivska(), region.clone()]);
    assert_eq!(store.communities().await.expect("communities"), vec![community.clone(), irpinska()]);

    // Moving a community to another (existing) region works too.
    community.region_slug = "lvivska".into();
    store.put_community(&community).await.expect("move community");
    assert_eq!(store.communities().await.expect("communities")[0].region_slug, "lvivska");

    // Writing identical values is not a catalogue change; a real change is.
    let generation = store.catalogue_generation().await.expect("generation");
    store.put_region(&region).await.expect("same region again");
    store.put_community(&community).await.expect("same community again");
    assert_eq!(store.catalogue_generation().await.expect("generation"), generation);
    community.phone = "+380 44 111-11-11".into();
    store.put_community(&community).await.expect("changed community");
    assert!(store.catalogue_generation().await.expect("generation") > generation);
}

async fn community_with_unknown_region_is_refused(store: &dyn Store) {
    let mut orphan = buchanska();
    orphan.region_slug = "nowhere".into();
    let err = store.put_community(&orphan).await.expect_err("a community needs its region");
    assert!(matches!(err, StoreError::NotFound), "unexpected error: {err:?}");
    assert!(store.communities().await.expect("communities").is_empty(), "nothing may be written");

    // Nor may an existing community be moved to an unknown region.
    seed_places(store).await;
    let generation = store.catalogue_generation().await.expect("generation");
    let err = store.put_community(&orphan).await.expect_err("moving to an unknown region");
    assert!(matches!(err, StoreError::NotFound), "unexpected error: {err:?}");
    assert_eq!(store.communities().await.expect("communities"), vec![buchanska()]);

    // Two communities cannot share a reference-number code.
    let mut twin = irpinska();
    twin.code = buchanska().code;
    let err = store.put_community(&twin).await.expect_err("duplicate code");
    assert!(matches!(err, StoreError::Conflict(_)), "unexpected error: {err:?}");
    assert_eq!(store.communities().await.expect("communities"), vec![buchanska()]);
    assert_eq!(store.catalogue_generation().await.expect("generation"), generation);
}

async fn import_versions_by_content(store: &dyn Store) {
    let g0 = store.catalogue_generation().await.expect("generation");

    let created = store.import_service("dovidka", SOURCE_V1, moment()).await.expect("first import");
    assert_eq!(created, ImportOutcome::Created { version: 1 });
    let g1 = store.catalogue_generation().await.expect("generation");
    assert!(g1 > g0, "a new service is a catalogue change");

    let again = store.import_service("dovidka", SOURCE_V1, moment()).await.expect("identical import");
    assert_eq!(again, ImportOutcome::Unchanged { version: 1 });
    assert_eq!(store.catalogue_generation().await.expect("generation"), g1, "no change, no new generation");

    let later = datetime!(2026-03-02 08:00:00 UTC);
    let changed = store.import_service("dovidka", SOURCE_V2, later).await.expect("changed import");
    assert_eq!(changed, ImportOutcome::Created { version: 2 });
    let g2 = store.catalogue_generation().await.expect("generation");
    assert!(g2 > g1);

    // Another service; latest_services is ordered by slug and holds latest versions only.
    let other = store.import_service("aktovi-zapysy", AKTY, later).await.expect("import");
    assert_eq!(other, ImportOutcome::Created { version: 1 });

    let latest = store.latest_services().await.expect("latest");
    let summary: Vec<(&str, i64)> = latest.iter().map(|s| (s.slug.as_str(), s.version)).collect();
    assert_eq!(summary, vec![("aktovi-zapysy", 1), ("dovidka", 2)]);
    assert_eq!(latest[1].source, SOURCE_V2);
    assert_eq!(latest[1].imported_at, later);

    let v1 = store.service_version("dovidka", 1).await.expect("v1").expect("v1 is kept");
    assert_eq!(v1.source, SOURCE_V1, "text is stored exactly, Ukrainian apostrophes included");
    assert_eq!(v1.version, 1);
    assert_eq!(v1.sha256.len(), 64);
    assert!(v1.sha256.chars().all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase()));
    assert_ne!(v1.sha256, latest[1].sha256);
    assert_eq!(v1.imported_at, moment_stored(), "timestamps are stored in UTC to the second");
    assert_eq!(v1.imported_at.offset(), UtcOffset::UTC);
    assert_eq!(store.service_version("dovidka", 3).await.expect("v3"), None);
    assert_eq!(store.service_version("nemaie", 1).await.expect("unknown"), None);

    // The hash is the SHA-256 of the source text.
    let digest: String = <sha2::Sha256 as sha2::Digest>::digest(SOURCE_V1.as_bytes()).iter().map(|b| format!("{b:02x}")).collect();
    assert_eq!(v1.sha256, digest);
    // Text that is not a definition without errors is refused, and nothing is stored.
    for bad in ["abc", "id = \"abc\"\n", &SOURCE_V1.replace("dovidka", "abc").replace("[workflow]", "[workflo]")] {
        let err = store.import_service("abc", bad, later).await.expect_err("not a definition");
        assert!(matches!(err, StoreError::Invalid(_)), "unexpected error: {err:?}");
    }
    assert_eq!(store.service_version("abc", 1).await.expect("abc"), None);
    // A definition whose id is not its slug is refused too.
    assert!(matches!(store.import_service("abc", SOURCE_V1, later).await, Err(StoreError::Invalid(_))));

    // Going back to an earlier text is a change against the latest version.
    let back = store.import_service("dovidka", SOURCE_V1, later).await.expect("revert import");
    assert_eq!(back, ImportOutcome::Created { version: 3 });
}

/// Several definitions and their offers are imported in one transaction:
/// a definition with errors, or an unknown community, and nothing is stored.
async fn an_import_of_several_is_all_or_nothing(store: &dyn Store) {
    seed_places(store).await;
    let g0 = store.catalogue_generation().await.expect("generation");
    let broken = SOURCE_V1.replace("dovidka", "zlamana").replace("start = \"submitted\"", "start = \"nowhere\"");
    let batch = |third: &str| {
        vec![("dovidka".to_string(), SOURCE_V1.to_string()), ("aktovi-zapysy".into(), AKTY.into()), ("zlamana".into(), third.to_string())]
    };
    let err = store.import_services(&batch(&broken), &["buchanska".into()], moment()).await.expect_err("a broken definition");
    assert!(matches!(err, StoreError::Invalid(_)), "unexpected error: {err:?}");
    let good_third = SOURCE_V2.replace("dovidka", "zlamana");
    let err =
        store.import_services(&batch(&good_third), &["buchanska".into(), "nowhere".into()], moment()).await.expect_err("unknown community");
    assert!(matches!(err, StoreError::NotFound), "unexpected error: {err:?}");
    assert!(store.latest_services().await.expect("latest").is_empty(), "nothing stored");
    assert!(store.offers().await.expect("offers").is_empty(), "nothing offered");
    assert_eq!(store.catalogue_generation().await.expect("generation"), g0);

    let outcomes = store.import_services(&batch(&good_third), &["buchanska".into()], moment()).await.expect("import");
    assert_eq!(outcomes, vec![ImportOutcome::Created { version: 1 }; 3]);
    assert_eq!(store.offers().await.expect("offers").len(), 3);
    let again = store.import_services(&batch(&good_third), &["buchanska".into()], moment()).await.expect("again");
    assert_eq!(again, vec![ImportOutcome::Unchanged { version: 1 }; 3]);
}

async fn concurrent_imports_get_distinct_versions(store: &dyn Store) {
    let sources: Vec<String> = (0..4).map(|i| format!("{SOURCE_V2}# revision {i}\n")).collect();
    let (a, b, c, d) = tokio::join!(
        store.import_service("dovidka", &sources[0], moment()),
        store.import_service("dovidka", &sources[1], moment()),
        store.import_service("dovidka", &sources[2], moment()),
        store.import_service("dovidka", &sources[3], moment()),
    );
    let mut versions = BTreeSet::new();
    for outcome in [a, b, c, d] {
        match outcome.expect("concurrent import") {
            ImportOutcome::Created { version } => assert!(versions.insert(version), "version {version} given twice"),
            other => panic!("distinct sources must each make a version, got {other:?}"),
        }
    }
    assert_eq!(versions, BTreeSet::from([1, 2, 3, 4]));
    for version in 1..=4 {
        let stored = store.service_version("dovidka", version).await.expect("read").expect("stored");
        assert!(sources.contains(&stored.source));
    }

    // Identical concurrent imports make exactly one new version.
    let (x, y) = tokio::join!(store.import_service("dovidka", SOURCE_V1, moment()), store.import_service("dovidka", SOURCE_V1, moment()),);
    let mut outcomes = [x.expect("import x"), y.expect("import y")];
    outcomes.sort_by_key(|o| matches!(o, ImportOutcome::Unchanged { .. }));
    assert_eq!(outcomes, [ImportOutcome::Created { version: 5 }, ImportOutcome::Unchanged { version: 5 }]);
}

async fn case_keeps_its_definition_version(store: &dyn Store) {
    seed_places(store).await;
    store.import_service("dovidka", SOURCE_V1, moment()).await.expect("import v1");

    let new_case = NewCase {
        community_slug: "buchanska".into(),
        service_slug: "dovidka".into(),
        service_version: 1,
        state: "submitted".into(),
        created_at: moment(),
        applicant: None,
        lang: Lang::Uk,
        contact_email: None,
        owner_token_hash: None,
        channel: CaseChannel::Online,
        assisted_by: None,
        assisted_note: None,
    };
    let created = store.create_case(&new_case).await.expect("create case");
    assert_eq!(created.service_version, 1);
    assert_eq!(created.created_at, moment_stored());

    let changed = store.import_service("dovidka", SOURCE_V2, datetime!(2026-04-01 00:00:00 UTC)).await;
    assert_eq!(changed.expect("import v2"), ImportOutcome::Created { version: 2 });

    // Submitted applications keep the definition version they were made under.
    let read = store.case(created.id).await.expect("read case").expect("case exists");
    assert_eq!(read, created);
    assert_eq!(read.service_version, 1);
    let definition = store.service_version(&read.service_slug, read.service_version).await.expect("read v1");
    assert_eq!(definition.expect("v1 still there").source, SOURCE_V1);

    // A second case gets another id; a case made now uses version 2.
    let second = store.create_case(&NewCase { service_version: 2, state: "draft".into(), ..new_case.clone() }).await;
    let second = second.expect("second case");
    assert_ne!(second.id, created.id);
    assert_eq!(store.case(second.id).await.expect("read").expect("exists").service_version, 2);
    assert_eq!(store.case(created.id).await.expect("read").expect("exists").service_version, 1);

    // A case must reference a community and a service version that exist.
    for bad in [
        NewCase { service_version: 3, ..new_case.clone() },
        NewCase { service_slug: "nemaie".into(), ..new_case.clone() },
        NewCase { community_slug: "nowhere".into(), ..new_case.clone() },
    ] {
        let err = store.create_case(&bad).await.expect_err("dangling case");
        assert!(matches!(err, StoreError::NotFound), "unexpected error for {bad:?}: {err:?}");
    }
    assert_eq!(store.case(created.id.max(second.id) + 1).await.expect("read"), None);
}

async fn offers_are_idempotent_and_checked(store: &dyn Store) {
    seed_places(store).await;
    store.put_community(&irpinska()).await.expect("put irpinska");
    store.import_service("dovidka", SOURCE_V1, moment()).await.expect("import");
    store.import_service("aktovi-zapysy", AKTY, moment()).await.expect("import");
    let g0 = store.catalogue_generation().await.expect("generation");

    let err = store.offer_service("nowhere", "dovidka").await.expect_err("unknown community");
    assert!(matches!(err, StoreError::NotFound), "unexpected error: {err:?}");
    let err = store.offer_service("buchanska", "nemaie").await.expect_err("unknown service");
    assert!(matches!(err, StoreError::NotFound), "unexpected error: {err:?}");
    assert!(store.offers().await.expect("offers").is_empty(), "a refused offer writes nothing");
    assert_eq!(store.catalogue_generation().await.expect("generation"), g0);

    store.offer_service("irpinska", "dovidka").await.expect("offer");
    let g1 = store.catalogue_generation().await.expect("generation");
    assert!(g1 > g0, "a new offer is a catalogue change");
    store.offer_service("irpinska", "dovidka").await.expect("offer again");
    assert_eq!(store.catalogue_generation().await.expect("generation"), g1, "a repeated offer changes nothing");

    store.offer_service("buchanska", "dovidka").await.expect("offer");
    store.offer_service("buchanska", "aktovi-zapysy").await.expect("offer");
    let expected =
        vec![Offer::plain("buchanska", "aktovi-zapysy"), Offer::plain("buchanska", "dovidka"), Offer::plain("irpinska", "dovidka")];
    assert_eq!(store.offers().await.expect("offers"), expected);
}

async fn non_working_days_round_trip(store: &dyn Store) {
    assert!(store.non_working_days().await.expect("days").is_empty());
    store.put_non_working_day(date!(2026 - 08 - 24), "День Незалежності").await.expect("put");
    store.put_non_working_day(date!(2026 - 01 - 01), "Новий рік").await.expect("put");
    store.put_non_working_day(date!(2027 - 01 - 01), "Новий рік").await.expect("put");
    store.put_non_working_day(date!(2026 - 08 - 24), "День Незалежності України").await.expect("put again");
    assert_eq!(
        store.non_working_days().await.expect("days"),
        vec![date!(2026 - 01 - 01), date!(2026 - 08 - 24), date!(2027 - 01 - 01)],
        "ordered, no duplicates"
    );
}

async fn ping_and_stats(store: &dyn Store) {
    store.ping().await.expect("ping");
    assert!(matches!(store.backend(), "sqlite" | "postgres"));
    let stats = store.pool_stats();
    assert!(stats.size >= 1, "an open store holds a connection: {stats:?}");
    assert!(stats.idle <= stats.size, "{stats:?}");
}

// ---------------------------------------------------------------------------
// Audit trail
// ---------------------------------------------------------------------------

fn audit_event(i: i64) -> AuditEvent {
    let mut event = AuditEvent::new(moment() + time::Duration::minutes(i), "case.view");
    event.actor = Some(format!("officer{i}@bucha.example"));
    event.actor_role = Some("officer".into());
    event.community = Some("buchanska".into());
    event.subject = Some(format!("case:BUC-2026-{i:06}"));
    event.details = BTreeMap::from([("reason".to_string(), format!("розгляд № {i} — «заява»"))]);
    event
}

async fn append_events(store: &dyn Store, n: i64) -> Vec<AuditRow> {
    let mut rows = Vec::new();
    for i in 1..=n {
        rows.push(store.append_audit(&audit_event(i)).await.expect("append"));
    }
    rows
}

/// Every row, walked in small pages so that paging is exercised.
async fn all_audit_rows(store: &dyn Store) -> Vec<AuditRow> {
    let mut rows: Vec<AuditRow> = Vec::new();
    loop {
        let after = rows.last().map_or(0, |r| r.seq);
        let page = store.audit_rows(after, 3).await.expect("audit rows");
        assert!(page.len() <= 3, "a page holds at most the limit");
        if page.is_empty() {
            return rows;
        }
        rows.extend(page);
    }
}

/// What `hromada audit verify` does, in pages of two rows.
async fn verify_audit(store: &dyn Store) -> Result<u64, ChainBreak> {
    verify_audit_trail(store, 2).await.expect("read the audit trail")
}

async fn raw(url: &str, sql: &str) {
    execute_raw(url, sql).await.unwrap_or_else(|e| panic!("{sql}: {e}"));
}

/// What an intruder with the database's owner rights can do first.
async fn drop_audit_triggers(store: &dyn Store, url: &str) {
    let on = if store.backend() == "postgres" { " ON audit_log" } else { "" };
    for trigger in ["audit_log_no_update", "audit_log_no_delete", "audit_log_append_at_head"] {
        raw(url, &format!("DROP TRIGGER {trigger}{on}")).await;
    }
}

/// A case's page of who opened it reads only that case's rows of the asked
/// actions, newest first, in pages.
async fn audit_rows_about_a_subject_newest_first(store: &dyn Store) {
    let event = |minute: i64, action: &str, subject: &str| AuditEvent {
        subject: Some(subject.to_string()),
        ..AuditEvent::new(moment_stored() + time::Duration::minutes(minute), action)
    };
    for (minute, action, subject) in [
        (1, "case.viewed", "case:BUC-2026-000001"),
        (2, "case.viewed", "case:BUC-2026-000002"),
        (3, "case.note", "case:BUC-2026-000001"),
        (4, "case.file_opened", "case:BUC-2026-000001"),
        (5, "case.viewed", "case:BUC-2026-0000011"),
        (6, "case.viewed", "case:BUC-2026-000001"),
    ] {
        store.append_audit(&event(minute, action, subject)).await.expect("append");
    }
    let seqs = |rows: Vec<AuditRow>| rows.iter().map(|r| r.seq).collect::<Vec<_>>();
    let opened = ["case.viewed", "case.file_opened"];
    let about = |before, limit| store.audit_rows_about("case:BUC-2026-000001", &opened, before, limit);
    assert_eq!(seqs(about(None, 10).await.expect("rows")), vec![6, 4, 1], "only this case's views, newest first");
    assert_eq!(seqs(about(None, 2).await.expect("rows")), vec![6, 4]);
    assert_eq!(seqs(about(Some(4), 2).await.expect("rows")), vec![1], "the next page starts before the last row shown");
    assert!(store.audit_rows_about("case:BUC-2026-000001", &[], None, 10).await.expect("rows").is_empty());
    assert!(store.audit_rows_about("case:BUC-2026-000009", &opened, None, 10).await.expect("rows").is_empty());
    let row = &about(None, 1).await.expect("rows")[0];
    assert!(row.is_intact(), "rows come back as the chain has them");
}

async fn audit_appends_make_a_chain(store: &dyn Store) {
    assert!(store.audit_rows(0, 100).await.expect("rows").is_empty());
    assert_eq!(store.audit_head().await.expect("head"), AuditHead::genesis());
    assert_eq!(verify_audit(store).await, Ok(0));

    // Sub-second, non-UTC time; a system event with nothing optional; an empty detail.
    let first = audit_event(1);
    let system = AuditEvent::new(datetime!(2026-03-01 12:00:00.5 +03:00), "export");
    let mut third = audit_event(3);
    third.details.insert("empty".into(), String::new());
    third.details.insert("Їжак".into(), "\"quoted\" {json}".into());

    let mut written = Vec::new();
    for event in [&first, &system, &third] {
        written.push(store.append_audit(event).await.expect("append"));
    }
    assert_eq!(written.iter().map(|r| r.seq).collect::<Vec<_>>(), vec![1, 2, 3]);
    assert_eq!(written[0].prev_hash, GENESIS_HASH);
    assert_eq!(written[1].prev_hash, written[0].hash);
    assert_eq!(written[2].prev_hash, written[1].hash);
    assert_eq!(written[0].event.at, moment_stored() + time::Duration::minutes(1), "stored to the second, in UTC");
    assert_eq!(written[1].event.at, datetime!(2026-03-01 09:00:00 UTC));
    assert_eq!(written[1].event.actor, None);
    assert_eq!(written[1].event.action, "export");
    assert_eq!(written[2].event.details, third.details);
    assert!(written.iter().all(AuditRow::is_intact));

    // What is read back is what was written, in pages.
    assert_eq!(all_audit_rows(store).await, written);
    assert_eq!(store.audit_rows(1, 1).await.expect("rows"), vec![written[1].clone()]);
    assert!(store.audit_rows(3, 10).await.expect("rows").is_empty());
    assert_eq!(store.audit_head().await.expect("head"), AuditHead { seq: 3, hash: written[2].hash.clone() });
    assert_eq!(verify_chain(written.iter().cloned()), Ok(3));
    assert_eq!(verify_audit(store).await, Ok(3));

    // Migrating again keeps the trail.
    store.migrate().await.expect("migrate again");
    assert_eq!(verify_audit(store).await, Ok(3));
}

async fn audit_concurrent_appends_make_one_chain(store: Arc<dyn Store>, _url: String) {
    let tasks: Vec<_> = (1..=20)
        .map(|i| {
            let store = Arc::clone(&store);
            tokio::spawn(async move { store.append_audit(&audit_event(i)).await.expect("concurrent append") })
        })
        .collect();
    let mut written = Vec::new();
    for task in tasks {
        written.push(task.await.expect("append task"));
    }
    written.sort_by_key(|r| r.seq);
    assert_eq!(written.iter().map(|r| r.seq).collect::<Vec<_>>(), (1..=20).collect::<Vec<_>>());
    let stored = all_audit_rows(store.as_ref()).await;
    assert_eq!(stored, written, "every append got its own place in one chain");
    assert_eq!(verify_chain(stored.into_iter()), Ok(20));
    assert_eq!(verify_audit(store.as_ref()).await, Ok(20));
}

async fn audit_log_refuses_update_and_delete(store: Arc<dyn Store>, url: String) {
    let store = store.as_ref();
    let written = append_events(store, 3).await;
    let refused = |sql: &'static str| {
        let url = url.clone();
        async move {
            let err = execute_raw(&url, sql).await.expect_err(sql);
            let message = err.to_string();
            assert!(message.contains("append-only") || message.contains("audit_head"), "{sql}: unexpected error: {message}");
        }
    };
    refused("UPDATE audit_log SET action = 'case.transition' WHERE seq = 2").await;
    refused("UPDATE audit_log SET seq = seq + 10").await;
    refused("DELETE FROM audit_log WHERE seq = 3").await;
    refused("DELETE FROM audit_log").await;
    // An insert that does not continue the chain from the head.
    refused(
        "INSERT INTO audit_log (seq, at, action, details, prev_hash, hash) VALUES \
         (2, '2026-03-01T09:30:00Z', 'role.grant', '{}', \
          '0000000000000000000000000000000000000000000000000000000000000000', \
          '1111111111111111111111111111111111111111111111111111111111111111')",
    )
    .await;
    // The head moves only one step forward, onto the last row.
    refused("UPDATE audit_head SET seq = 1").await;
    refused("DELETE FROM audit_head").await;
    if store.backend() == "postgres" {
        refused("TRUNCATE audit_log").await;
    }
    assert_eq!(all_audit_rows(store).await, written, "nothing was changed");
    assert_eq!(verify_audit(store).await, Ok(3));
}

async fn audit_edit_is_found(store: Arc<dyn Store>, url: String) {
    let store = store.as_ref();
    append_events(store, 5).await;
    drop_audit_triggers(store, &url).await;
    raw(&url, "UPDATE audit_log SET action = 'case.transition' WHERE seq = 3").await;
    let err = verify_audit(store).await.expect_err("an edited row");
    assert_eq!(err, ChainBreak::Edited { seq: 3 });
    assert_eq!(err.to_string(), "row 3 was changed after it was written");

    // Details are covered by the hash too, even when they are no longer JSON.
    raw(&url, "UPDATE audit_log SET action = 'case.view' WHERE seq = 3").await;
    assert_eq!(verify_audit(store).await, Ok(5), "putting it back mends it");
    raw(&url, "UPDATE audit_log SET details = '{\"reason\":\"інше\"}' WHERE seq = 2").await;
    assert_eq!(verify_audit(store).await, Err(ChainBreak::Edited { seq: 2 }));
    raw(&url, "UPDATE audit_log SET details = 'not json' WHERE seq = 1").await;
    assert_eq!(verify_audit(store).await, Err(ChainBreak::Edited { seq: 1 }));
}

async fn audit_removal_is_found(store: Arc<dyn Store>, url: String) {
    let store = store.as_ref();
    append_events(store, 5).await;
    drop_audit_triggers(store, &url).await;
    // The last row: only the head shows it.
    raw(&url, "DELETE FROM audit_log WHERE seq = 5").await;
    let err = verify_audit(store).await.expect_err("a removed last row");
    assert_eq!(err, ChainBreak::Truncated { last_seq: 4, head_seq: 5 });
    assert_eq!(err.to_string(), "row 5 was removed: the trail ends at row 4, but 5 rows were written");
    // A row in the middle.
    raw(&url, "DELETE FROM audit_log WHERE seq = 3").await;
    let err = verify_audit(store).await.expect_err("a removed row");
    assert_eq!(err, ChainBreak::Removed { after_seq: 2, expected_seq: 3 });
    assert!(err.to_string().starts_with("row 3 was removed"), "{err}");
}

async fn audit_forged_insertion_is_found(store: Arc<dyn Store>, url: String) {
    let store = store.as_ref();
    let written = append_events(store, 5).await;
    drop_audit_triggers(store, &url).await;
    // The intruder knows the algorithm: they make room at row 3 and write a
    // row that links to row 2 and hashes correctly.
    raw(&url, "UPDATE audit_log SET seq = seq + 1000 WHERE seq >= 3").await;
    raw(&url, "UPDATE audit_log SET seq = seq - 999 WHERE seq >= 1000").await;
    let mut forged = AuditEvent::new(datetime!(2026-03-01 09:31:00 UTC), "role.grant");
    forged.actor = Some("intruder@example.com".into());
    let hash = row_hash(3, &written[1].hash, &forged);
    raw(
        &url,
        &format!(
            "INSERT INTO audit_log (seq, at, actor, action, details, prev_hash, hash) \
             VALUES (3, '2026-03-01T09:31:00Z', 'intruder@example.com', 'role.grant', '{{}}', '{}', '{hash}')",
            written[1].hash
        ),
    )
    .await;
    let rows = all_audit_rows(store).await;
    assert_eq!(rows.len(), 6);
    assert_eq!(rows[2].event, forged, "the forged row reads back as written");
    assert!(rows[2].is_intact());
    let err = verify_audit(store).await.expect_err("a forged row");
    assert_eq!(err, ChainBreak::Inserted { seq: 3 });
    assert!(err.to_string().starts_with("row 3 was inserted"), "{err}");
}

// ---------------------------------------------------------------------------
// Accounts
// ---------------------------------------------------------------------------

/// A stand-in for the SHA-256 hex the store is given (of a session id or an e-mailed token).
fn h(label: &str) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(label.as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}

fn new_account(email: &str) -> NewAccount {
    NewAccount {
        email: email.into(),
        display_name: "Олена Коваль".into(),
        password_hash: Some("$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNo".into()),
        is_staff: false,
        preferred_lang: Lang::Uk,
        created_at: moment(),
    }
}

async fn resident(store: &dyn Store, email: &str) -> Account {
    store.create_account(&new_account(email)).await.expect("create account")
}

/// A session of `account` made at `moment_stored()`: idle time-out in 30
/// minutes, absolute in 8 hours.
fn session(label: &str, account: AccountId) -> SessionRecord {
    let t = moment_stored();
    SessionRecord {
        id_hash: h(label),
        account,
        created_at: t,
        last_seen_at: t,
        idle_expires_at: t + TimeDuration::minutes(30),
        absolute_expires_at: t + TimeDuration::hours(8),
        second_factor_done: false,
    }
}

fn token(label: &str, purpose: TokenPurpose, account: Option<AccountId>, email: &str) -> TokenRecord {
    TokenRecord {
        hash: h(label),
        purpose,
        account,
        email: email.into(),
        payload: None,
        created_at: moment_stored(),
        expires_at: moment_stored() + TimeDuration::hours(1),
        used_at: None,
    }
}

fn at(minutes: i64) -> OffsetDateTime {
    moment_stored() + TimeDuration::minutes(minutes)
}

async fn account_emails_ignore_case(store: &dyn Store) {
    let created = resident(store, "  Olena.Koval@Ukr.NET ").await;
    assert_eq!(created.email, "olena.koval@ukr.net", "stored canonical");
    assert_eq!(created.created_at, moment_stored());
    assert_eq!(created.deleted_at, None);
    assert_eq!(created.email_confirmed_at, None);
    assert!(!created.is_staff);
    assert_eq!(store.account(created.id).await.expect("read"), Some(created.clone()));

    for twin in ["olena.koval@ukr.net", "OLENA.KOVAL@UKR.NET", "Olena.Koval@ukr.net"] {
        let err = store.create_account(&new_account(twin)).await.expect_err("one account per address");
        assert!(matches!(err, StoreError::Conflict(_)), "unexpected error: {err:?}");
        assert!(!err.to_string().to_lowercase().contains("olena"), "the address is not repeated: {err}");
    }
    let found = store.account_by_email("OLENA.koval@UKR.net").await.expect("by e-mail");
    assert_eq!(found, Some(created.clone()));
    assert_eq!(store.account_by_email("olena@ukr.net").await.expect("by e-mail"), None);
    assert_eq!(store.account(AccountId(created.id.0 + 100)).await.expect("read"), None);

    // Cyrillic addresses fold too.
    let cyrillic = resident(store, "ОЛЕНА@Пошта.УКР").await;
    assert_ne!(cyrillic.id, created.id);
    assert_eq!(store.account_by_email("олена@пошта.укр").await.expect("by e-mail"), Some(cyrillic));

    // Changes of a live account; a second confirmation keeps the first time.
    store.set_password_hash(created.id, "$argon2id$new").await.expect("set password");
    store.confirm_email(created.id, moment()).await.expect("confirm");
    store.confirm_email(created.id, at(60)).await.expect("confirm again");
    store.update_profile(created.id, "Олена К.", Lang::En).await.expect("profile");
    let read = store.account(created.id).await.expect("read").expect("exists");
    assert_eq!(read.password_hash.as_deref(), Some("$argon2id$new"));
    assert_eq!(read.email_confirmed_at, Some(moment_stored()));
    assert_eq!(read.display_name, "Олена К.");
    assert_eq!(read.preferred_lang, Lang::En);

    let ghost = AccountId(created.id.0 + 100);
    assert!(matches!(store.set_password_hash(ghost, "x").await, Err(StoreError::NotFound)));
    assert!(matches!(store.confirm_email(ghost, moment()).await, Err(StoreError::NotFound)));
    assert!(matches!(store.update_profile(ghost, "x", Lang::Uk).await, Err(StoreError::NotFound)));

    // An invited staff member without a password yet.
    let invited = store
        .create_account(&NewAccount { password_hash: None, is_staff: true, ..new_account("officer@bucha.example") })
        .await
        .expect("invited");
    assert_eq!(invited.password_hash, None);
    assert!(store.account(invited.id).await.expect("read").expect("exists").is_staff);
}

async fn sessions_expire_idle_and_absolute(store: &dyn Store) {
    let olena = resident(store, "olena@ukr.net").await;
    let s = session("s1", olena.id);
    store.create_session(&s).await.expect("create session");
    assert_eq!(store.session_by_hash(&s.id_hash, at(0)).await.expect("lookup"), Some(s.clone()));
    assert_eq!(store.session_by_hash(&h("nope"), at(0)).await.expect("lookup"), None);

    // Idle time-out: unused for 30 minutes, it is gone (and cannot be revived).
    assert_eq!(store.session_by_hash(&s.id_hash, at(29)).await.expect("lookup"), Some(s.clone()));
    assert_eq!(store.session_by_hash(&s.id_hash, at(30)).await.expect("lookup"), None, "idle time-out");
    assert!(!store.touch_session(&s.id_hash, at(31), at(61)).await.expect("touch"), "an expired session stays so");

    // Used, it lives on: each touch moves the idle time-out.
    let s2 = session("s2", olena.id);
    store.create_session(&s2).await.expect("create session");
    assert!(store.touch_session(&s2.id_hash, at(20), at(50)).await.expect("touch"));
    let touched = store.session_by_hash(&s2.id_hash, at(45)).await.expect("lookup").expect("live at 45");
    assert_eq!(touched.last_seen_at, at(20));
    assert_eq!(touched.idle_expires_at, at(50));
    assert_eq!(touched.absolute_expires_at, s2.absolute_expires_at, "the absolute time-out never moves");
    assert_eq!(touched.created_at, s2.created_at);

    // Absolute time-out: however recently used, it ends after 8 hours.
    assert!(!store.touch_session(&s2.id_hash, at(50), at(80)).await.expect("touch"), "idle since 20 minutes");
    let s3 = session("s3", olena.id);
    store.create_session(&s3).await.expect("create session");
    for minutes in (20..8 * 60).step_by(20) {
        assert!(store.touch_session(&s3.id_hash, at(minutes), at(minutes + 30)).await.expect("touch"), "{minutes}");
    }
    assert!(store.touch_session(&s3.id_hash, at(8 * 60 - 1), at(9 * 60)).await.expect("touch"));
    assert!(store.session_by_hash(&s3.id_hash, at(8 * 60 - 1)).await.expect("lookup").is_some());
    assert_eq!(store.session_by_hash(&s3.id_hash, at(8 * 60)).await.expect("lookup"), None, "absolute time-out");
    assert!(!store.touch_session(&s3.id_hash, at(8 * 60), at(9 * 60)).await.expect("touch"));
    assert!(!store.touch_session(&h("nope"), at(0), at(30)).await.expect("touch"));

    // sessions_of lists the live ones; purge_expired removes the others.
    let s4 = session("s4", olena.id);
    store.create_session(&s4).await.expect("create session");
    let live_at = |minutes: i64| async move {
        let live = store.sessions_of(olena.id, at(minutes)).await.expect("sessions");
        live.into_iter().map(|s| s.id_hash).collect::<BTreeSet<_>>()
    };
    // (s2 was last touched at 20 minutes, until 50; s3 until its eighth hour.)
    assert_eq!(live_at(25).await, BTreeSet::from([h("s1"), h("s2"), h("s3"), h("s4")]));
    assert_eq!(live_at(35).await, BTreeSet::from([h("s2"), h("s3")]));
    assert_eq!(live_at(8 * 60).await, BTreeSet::new());
    assert_eq!(store.purge_expired(at(35)).await.expect("purge"), 2, "s1 and s4");
    assert!(!store.delete_session(&s.id_hash).await.expect("delete"), "purged already");
    assert!(store.delete_session(&s2.id_hash).await.expect("delete"), "s2 was live at 35 minutes");

    // What is refused: a hash in use, an unknown account, a raw token instead of its hash.
    let err = store.create_session(&s3).await.expect_err("duplicate");
    assert!(matches!(err, StoreError::Conflict(_)), "unexpected error: {err:?}");
    let err = store.create_session(&session("s6", AccountId(olena.id.0 + 100))).await.expect_err("no account");
    assert!(matches!(err, StoreError::NotFound), "unexpected error: {err:?}");
    let raw_token = SessionRecord { id_hash: "A".repeat(43), ..session("s5", olena.id) };
    assert!(store.create_session(&raw_token).await.is_err(), "only a 64-character hash is kept");
}

async fn sessions_rotate_and_sign_out_everywhere(store: &dyn Store) {
    let olena = resident(store, "olena@ukr.net").await;
    let taras = resident(store, "taras@ukr.net").await;
    let before = session("before-sign-in", olena.id);
    store.create_session(&before).await.expect("create");

    // A new id at a change of privilege: the old one stops working at once.
    let after = SessionRecord { second_factor_done: true, ..session("after-totp", olena.id) };
    store.replace_session(&before.id_hash, &after).await.expect("replace");
    assert_eq!(store.session_by_hash(&before.id_hash, at(1)).await.expect("lookup"), None);
    assert_eq!(store.session_by_hash(&after.id_hash, at(1)).await.expect("lookup"), Some(after.clone()));

    // Replacing a session that is gone (signed out meanwhile) creates nothing.
    let orphan = session("orphan", olena.id);
    let err = store.replace_session(&before.id_hash, &orphan).await.expect_err("old id is gone");
    assert!(matches!(err, StoreError::NotFound), "unexpected error: {err:?}");
    assert_eq!(store.session_by_hash(&orphan.id_hash, at(1)).await.expect("lookup"), None);
    // A failed insert keeps the old session (one transaction).
    let err = store.replace_session(&after.id_hash, &session("x", AccountId(olena.id.0 + 100))).await;
    assert!(err.is_err(), "a session of an unknown account");
    assert!(store.session_by_hash(&after.id_hash, at(1)).await.expect("lookup").is_some(), "rolled back");

    // Sign out everywhere: every session of the account, none of another's.
    for label in ["phone", "laptop"] {
        store.create_session(&session(label, olena.id)).await.expect("create");
    }
    let other = session("taras", taras.id);
    store.create_session(&other).await.expect("create");
    assert_eq!(store.sessions_of(olena.id, at(1)).await.expect("sessions").len(), 3);
    assert_eq!(store.delete_sessions_of(olena.id).await.expect("sign out everywhere"), 3);
    assert!(store.sessions_of(olena.id, at(1)).await.expect("sessions").is_empty());
    for label in ["after-totp", "phone", "laptop"] {
        assert_eq!(store.session_by_hash(&h(label), at(1)).await.expect("lookup"), None, "{label}");
    }
    assert_eq!(store.session_by_hash(&other.id_hash, at(1)).await.expect("lookup"), Some(other.clone()));
    assert!(store.delete_session(&other.id_hash).await.expect("sign out"));
    assert!(!store.delete_session(&other.id_hash).await.expect("sign out again"));
}

async fn tokens_are_single_use_of_one_purpose(store: &dyn Store) {
    let olena = resident(store, "olena@ukr.net").await;
    let confirm = token("confirm", TokenPurpose::ConfirmEmail, Some(olena.id), "Olena@UKR.net");
    store.put_token(&confirm).await.expect("put");
    let err = store.put_token(&confirm).await.expect_err("a hash is kept once");
    assert!(matches!(err, StoreError::Conflict(_)), "unexpected error: {err:?}");

    // The wrong purpose gets nothing, and does not use it up.
    for purpose in [TokenPurpose::ResetPassword, TokenPurpose::StaffInvite] {
        assert_eq!(store.use_token(&confirm.hash, purpose, at(1)).await.expect("use"), None, "{purpose:?}");
    }
    let used = store.use_token(&confirm.hash, TokenPurpose::ConfirmEmail, moment() + TimeDuration::minutes(1));
    let used = used.await.expect("use").expect("a fresh token of its purpose works");
    assert_eq!(used, TokenRecord { email: "olena@ukr.net".into(), used_at: Some(at(1)), ..confirm.clone() });
    assert_eq!(store.use_token(&confirm.hash, TokenPurpose::ConfirmEmail, at(2)).await.expect("use"), None, "once");

    // Never at or after its expiry.
    let reset = token("reset", TokenPurpose::ResetPassword, Some(olena.id), "olena@ukr.net");
    store.put_token(&reset).await.expect("put");
    assert_eq!(store.use_token(&reset.hash, TokenPurpose::ResetPassword, at(60)).await.expect("use"), None);
    assert_eq!(store.use_token(&reset.hash, TokenPurpose::ResetPassword, at(61)).await.expect("use"), None);
    assert!(store.purge_expired(at(60)).await.expect("purge") >= 2, "expired tokens go");

    // An invitation for someone without an account, with its payload.
    let invite = TokenRecord {
        payload: Some("officer community:buchanska".into()),
        ..token("invite", TokenPurpose::StaffInvite, None, "new.officer@bucha.example")
    };
    store.put_token(&invite).await.expect("put");
    let used = store.use_token(&invite.hash, TokenPurpose::StaffInvite, at(59)).await.expect("use");
    assert_eq!(used, Some(TokenRecord { used_at: Some(at(59)), ..invite.clone() }));
    assert_eq!(store.use_token(&h("unknown"), TokenPurpose::StaffInvite, at(1)).await.expect("use"), None);

    let raw_token = TokenRecord { hash: "A".repeat(43), ..token("raw", TokenPurpose::ConfirmEmail, None, "a@b.ua") };
    assert!(store.put_token(&raw_token).await.is_err(), "only a 64-character hash is kept");
    let ghost = token("ghost", TokenPurpose::ResetPassword, Some(AccountId(olena.id.0 + 100)), "a@b.ua");
    assert!(matches!(store.put_token(&ghost).await, Err(StoreError::NotFound)));
}

async fn totp_steps_refuse_replays(store: &dyn Store) {
    let officer = resident(store, "officer@bucha.example").await;
    assert_eq!(store.totp_of(officer.id).await.expect("totp"), None);
    let secret: Vec<u8> = (0u8..20).chain([0, 255]).collect();
    let pending = TotpRecord { account: officer.id, secret: TotpAtRest::Sealed(secret.clone()), confirmed_at: None, last_used_step: None };
    store.put_totp(&pending).await.expect("enrol");
    assert_eq!(store.totp_of(officer.id).await.expect("totp"), Some(pending.clone()), "bytes kept exactly");

    assert!(store.advance_totp_step(officer.id, 100).await.expect("first code"));
    assert!(store.confirm_totp(officer.id, moment()).await.expect("confirm"));
    assert!(!store.confirm_totp(officer.id, at(5)).await.expect("confirm again"), "confirmed once");
    assert!(!store.advance_totp_step(officer.id, 100).await.expect("replay"), "the same step again");
    assert!(!store.advance_totp_step(officer.id, 99).await.expect("older"), "an earlier step");
    assert!(store.advance_totp_step(officer.id, 102).await.expect("later"));
    assert!(!store.advance_totp_step(officer.id, 101).await.expect("older"));
    let read = store.totp_of(officer.id).await.expect("totp").expect("enrolled");
    assert_eq!(read, TotpRecord { confirmed_at: Some(moment_stored()), last_used_step: Some(102), ..pending.clone() });

    // Enrolling again replaces the secret and starts over.
    let renewed = TotpRecord { secret: TotpAtRest::Sealed(vec![7; 60]), ..pending.clone() };
    store.put_totp(&renewed).await.expect("re-enrol");
    assert_eq!(store.totp_of(officer.id).await.expect("totp"), Some(renewed));

    // Nothing for an account without TOTP.
    let resident = resident(store, "olena@ukr.net").await;
    assert!(!store.advance_totp_step(resident.id, 1).await.expect("no totp"));
    assert!(!store.confirm_totp(resident.id, moment()).await.expect("no totp"));
    let ghost = TotpRecord { account: AccountId(resident.id.0 + 100), ..pending };
    assert!(matches!(store.put_totp(&ghost).await, Err(StoreError::NotFound)));
}

const SALT: [u8; 16] = *b"the account salt";

/// A byte string as an SQL literal of the backend at `url`.
fn bytes_literal(url: &str, bytes: &[u8]) -> String {
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    if url.starts_with("sqlite") { format!("X'{hex}'") } else { format!("'\\x{hex}'::bytea") }
}

/// A TOTP secret is kept only sealed: the store refuses one in clear, and the
/// row holds the sealed bytes and no clear secret. A row from before sealing
/// still reads (as clear) until it is sealed, once, by a compare-and-set.
async fn totp_secrets_are_kept_sealed(store: Arc<dyn Store>, url: String) {
    let officer = resident(store.as_ref(), "officer@bucha.example").await;
    let clear = TotpRecord { account: officer.id, secret: TotpAtRest::Clear(vec![3; 20]), confirmed_at: None, last_used_step: None };
    let err = store.put_totp(&clear).await.expect_err("a clear secret");
    assert!(matches!(err, StoreError::Conflict(_)), "unexpected error: {err:?}");
    assert_eq!(store.totp_of(officer.id).await.expect("totp"), None, "nothing kept");

    let sealed_bytes: Vec<u8> = (0u8..64).collect();
    let sealed = TotpRecord { secret: TotpAtRest::Sealed(sealed_bytes.clone()), ..clear.clone() };
    store.put_totp(&sealed).await.expect("enrol");
    assert_eq!(store.totp_of(officer.id).await.expect("totp"), Some(sealed.clone()), "sealed bytes round-trip");
    assert!(store.clear_totp_secrets().await.expect("clear ones").is_empty());
    // The row holds exactly the sealed bytes and no secret in clear: only such a row is deleted here.
    let id = officer.id.0;
    let lit = bytes_literal(&url, &sealed_bytes);
    raw(&url, &format!("DELETE FROM totp WHERE account_id = {id} AND secret IS NULL AND sealed = {lit}")).await;
    assert_eq!(store.totp_of(officer.id).await.expect("totp"), None, "the row was the sealed one");

    // A row as it was before secrets were sealed.
    store.put_totp(&sealed).await.expect("enrol");
    assert!(store.advance_totp_step(officer.id, 7).await.expect("step"));
    let old = vec![9u8; 20];
    raw(&url, &format!("UPDATE totp SET sealed = NULL, secret = {} WHERE account_id = {id}", bytes_literal(&url, &old))).await;
    let read = store.totp_of(officer.id).await.expect("totp").expect("old row");
    assert_eq!(read.secret, TotpAtRest::Clear(old.clone()));
    assert_eq!(read.last_used_step, Some(7));
    assert_eq!(store.clear_totp_secrets().await.expect("clear ones"), vec![(officer.id, old.clone())]);
    assert!(!store.seal_totp_secret(officer.id, &[8; 20], &[1; 60]).await.expect("seal"), "not the secret in the row");
    assert!(store.seal_totp_secret(officer.id, &old, &[1; 60]).await.expect("seal"));
    assert!(!store.seal_totp_secret(officer.id, &old, &[2; 60]).await.expect("seal"), "sealed once");
    let read = store.totp_of(officer.id).await.expect("totp").expect("sealed row");
    assert_eq!(read.secret, TotpAtRest::Sealed(vec![1; 60]));
    assert_eq!(read.last_used_step, Some(7), "the step is kept");
    assert!(store.clear_totp_secrets().await.expect("clear ones").is_empty());
}

/// A set of recovery codes keeps its salt; codes from before salts (no salt
/// on their rows) still work until used or replaced.
async fn recovery_codes_keep_their_salt(store: Arc<dyn Store>, url: String) {
    let officer = resident(store.as_ref(), "officer@bucha.example").await;
    assert_eq!(store.recovery_salt(officer.id).await.expect("salt"), None);
    let codes: Vec<String> = (0..3).map(|i| h(&format!("code {i}"))).collect();
    store.put_recovery_codes(officer.id, &SALT, &codes).await.expect("put codes");
    assert_eq!(store.recovery_salt(officer.id).await.expect("salt"), Some(SALT));
    assert!(store.use_recovery_code(officer.id, &codes[0], at(1)).await.expect("use"));

    // The set as it was before salts: unsalted hashes, no salt.
    raw(&url, &format!("UPDATE recovery_codes SET salt = NULL WHERE account_id = {}", officer.id.0)).await;
    assert_eq!(store.recovery_salt(officer.id).await.expect("salt"), None);
    assert!(store.use_recovery_code(officer.id, &codes[1], at(2)).await.expect("an old code still works"));
    assert!(!store.use_recovery_code(officer.id, &codes[1], at(3)).await.expect("once"));
    // A new set replaces the old codes.
    let fresh = vec![h("fresh")];
    store.put_recovery_codes(officer.id, &[1; 16], &fresh).await.expect("replace");
    assert!(!store.use_recovery_code(officer.id, &codes[2], at(4)).await.expect("replaced"));
    assert_eq!(store.recovery_salt(officer.id).await.expect("salt"), Some([1; 16]));
}

async fn recovery_codes_are_single_use(store: &dyn Store) {
    let officer = resident(store, "officer@bucha.example").await;
    let other = resident(store, "other@bucha.example").await;
    let codes: Vec<String> = (0..10).map(|i| h(&format!("code {i}"))).collect();
    store.put_recovery_codes(officer.id, &SALT, &codes).await.expect("put codes");
    assert_eq!(store.recovery_codes_left(officer.id).await.expect("left"), 10);

    assert!(!store.use_recovery_code(other.id, &codes[3], at(1)).await.expect("use"), "another account's code");
    assert!(store.use_recovery_code(officer.id, &codes[3], at(1)).await.expect("use"));
    assert!(!store.use_recovery_code(officer.id, &codes[3], at(2)).await.expect("use"), "single use");
    assert!(!store.use_recovery_code(officer.id, &h("not a code"), at(2)).await.expect("use"));
    assert_eq!(store.recovery_codes_left(officer.id).await.expect("left"), 9);

    // New codes replace the old ones, used or not.
    let fresh: Vec<String> = (0..10).map(|i| h(&format!("fresh {i}"))).collect();
    store.put_recovery_codes(officer.id, &SALT, &fresh).await.expect("replace codes");
    assert_eq!(store.recovery_codes_left(officer.id).await.expect("left"), 10);
    assert!(!store.use_recovery_code(officer.id, &codes[0], at(3)).await.expect("use"), "old codes are void");
    assert!(store.use_recovery_code(officer.id, &fresh[0], at(3)).await.expect("use"));

    // A list with a repeated hash is refused whole; the codes before it stay.
    let repeated = vec![h("a"), h("b"), h("a")];
    let err = store.put_recovery_codes(officer.id, &SALT, &repeated).await.expect_err("repeated hash");
    assert!(matches!(err, StoreError::Conflict(_)), "unexpected error: {err:?}");
    assert_eq!(store.recovery_codes_left(officer.id).await.expect("left"), 9);
    let err = store.put_recovery_codes(AccountId(other.id.0 + 100), &SALT, &fresh).await.expect_err("no account");
    assert!(matches!(err, StoreError::NotFound), "unexpected error: {err:?}");
}

async fn throttle_counts_in_a_fixed_window(store: &dyn Store) {
    let window = Duration::from_secs(60);
    let t = moment_stored();
    let secs = |s: i64| t + TimeDuration::seconds(s);
    let key = "signin:acct:1";
    for s in [0, 1, 2] {
        let decision = store.hit_throttle(key, secs(s), window, 3).await.expect("hit");
        assert_eq!(decision, ThrottleDecision { allowed: true, retry_after: Duration::ZERO }, "hit at {s}s");
    }
    let refused = store.hit_throttle(key, secs(10), window, 3).await.expect("hit");
    assert_eq!(refused, ThrottleDecision { allowed: false, retry_after: Duration::from_secs(50) });
    let refused = store.hit_throttle(key, secs(59) + TimeDuration::milliseconds(900), window, 3).await.expect("hit");
    assert_eq!(refused, ThrottleDecision { allowed: false, retry_after: Duration::from_secs(1) });

    // Another key has its own count.
    assert!(store.hit_throttle("signin:ip:203.0.113.7", secs(10), window, 3).await.expect("hit").allowed);

    // The window ends 60 s after its first hit; the next hit opens a new one.
    for s in [60, 61, 62] {
        assert!(store.hit_throttle(key, secs(s), window, 3).await.expect("hit").allowed, "hit at {s}s");
    }
    let refused = store.hit_throttle(key, secs(63), window, 3).await.expect("hit");
    assert_eq!(refused, ThrottleDecision { allowed: false, retry_after: Duration::from_secs(57) });

    // Cleared after a success; a limit of zero refuses everything.
    store.clear_throttle(key).await.expect("clear");
    assert!(store.hit_throttle(key, secs(64), window, 3).await.expect("hit").allowed);
    assert!(!store.hit_throttle("reset:ip:203.0.113.7", secs(64), window, 0).await.expect("hit").allowed);

    // Ended windows are purged; a purged key starts from zero.
    assert!(store.purge_expired(secs(200)).await.expect("purge") >= 3);
    assert!(store.hit_throttle("reset:ip:203.0.113.7", secs(200), window, 1).await.expect("hit").allowed);
}

/// Uploads are counted by their size: what a window allows is a budget, spent
/// by each attempt's cost, and the attempt that would overspend it is refused.
async fn a_throttle_weighs_each_attempt_by_its_cost(store: &dyn Store) {
    let window = Duration::from_secs(3600);
    let t = moment_stored();
    let secs = |s: i64| t + TimeDuration::seconds(s);
    let key = "upload:ip:203.0.113.9";
    assert!(store.hit_throttle_by(key, secs(0), window, 1000, 600).await.expect("hit").allowed);
    assert!(store.hit_throttle_by(key, secs(1), window, 1000, 400).await.expect("hit").allowed, "exactly the budget");
    let refused = store.hit_throttle_by(key, secs(10), window, 1000, 1).await.expect("hit");
    assert_eq!(refused, ThrottleDecision { allowed: false, retry_after: Duration::from_secs(3590) });
    // A first attempt bigger than the budget is refused too; a cost of 0 counts as 1.
    assert!(!store.hit_throttle_by("upload:ip:198.51.100.4", secs(0), window, 1000, 1001).await.expect("hit").allowed);
    assert!(store.hit_throttle_by("verify:ip:198.51.100.4", secs(0), window, 1, 0).await.expect("hit").allowed);
    assert!(!store.hit_throttle_by("verify:ip:198.51.100.4", secs(0), window, 1, 0).await.expect("hit").allowed);
    // A new window starts from the new attempt's cost alone.
    assert!(store.hit_throttle_by(key, secs(3600), window, 1000, 1000).await.expect("hit").allowed);
    assert!(!store.hit_throttle(key, secs(3601), window, 1000).await.expect("hit").allowed, "plain hits weigh 1 on the same count");
}

async fn roles_in_several_scopes(store: &dyn Store) {
    seed_places(store).await;
    store.put_community(&irpinska()).await.expect("put irpinska");
    let admin = resident(store, "admin@kyiv.example").await;
    let officer = resident(store, "officer@bucha.example").await;
    assert!(!officer.is_staff);

    let grant = |role: Role, scope: Scope| RoleGrant { account: officer.id, role, scope, granted_by: Some(admin.id), granted_at: moment() };
    let irpin_supervisor = grant(Role::Supervisor, Scope::Community("irpinska".into()));
    let bucha_officer = grant(Role::Officer, Scope::Community("buchanska".into()));
    let bucha_operator = grant(Role::Operator, Scope::Community("buchanska".into()));
    let kyiv_auditor = RoleGrant { granted_by: None, ..grant(Role::Auditor, Scope::Region("kyivska".into())) };
    for g in [&kyiv_auditor, &irpin_supervisor, &bucha_officer, &bucha_operator] {
        assert!(store.grant_role(g).await.expect("grant"), "{g:?}");
    }
    let later = RoleGrant { granted_at: at(60), granted_by: None, ..bucha_officer.clone() };
    assert!(!store.grant_role(&later).await.expect("grant again"), "held already");

    let stored = |g: &RoleGrant| RoleGrant { granted_at: stored_moment_of(g.granted_at), ..g.clone() };
    let expected: Vec<RoleGrant> = [&bucha_operator, &bucha_officer, &irpin_supervisor, &kyiv_auditor].into_iter().map(stored).collect();
    assert_eq!(store.roles_of(officer.id).await.expect("roles"), expected, "two communities and a region, in order");
    assert!(store.account(officer.id).await.expect("read").expect("exists").is_staff, "a role holder is staff");
    assert!(store.roles_of(admin.id).await.expect("roles").is_empty());

    // Revoking takes one role in one scope.
    assert!(store.revoke_role(officer.id, Role::Officer, &Scope::Community("buchanska".into())).await.expect("revoke"));
    assert!(!store.revoke_role(officer.id, Role::Officer, &Scope::Community("buchanska".into())).await.expect("again"));
    assert!(!store.revoke_role(officer.id, Role::Supervisor, &Scope::Region("irpinska".into())).await.expect("scope"));
    let roles = store.roles_of(officer.id).await.expect("roles");
    assert_eq!(roles, vec![stored(&bucha_operator), stored(&irpin_supervisor), stored(&kyiv_auditor)]);

    // Unknown community, region or account.
    for bad in [
        grant(Role::Officer, Scope::Community("nowhere".into())),
        grant(Role::RegionalAdmin, Scope::Region("buchanska".into())),
        RoleGrant { account: AccountId(officer.id.0 + 100), ..bucha_officer.clone() },
    ] {
        let err = store.grant_role(&bad).await.expect_err("dangling grant");
        assert!(matches!(err, StoreError::NotFound), "unexpected error for {bad:?}: {err:?}");
    }
    assert_eq!(store.roles_of(officer.id).await.expect("roles").len(), 3);
}

fn stored_moment_of(t: OffsetDateTime) -> OffsetDateTime {
    OffsetDateTime::from_unix_timestamp(t.unix_timestamp()).expect("in range")
}

async fn deleting_an_account_detaches_its_cases(store: &dyn Store) {
    seed_places(store).await;
    store.import_service("dovidka", SOURCE_V1, moment()).await.expect("import");
    let olena = resident(store, "Olena@ukr.net").await;
    let taras = resident(store, "taras@ukr.net").await;
    let case = |state: &str, applicant: &Account| NewCase {
        community_slug: "buchanska".into(),
        service_slug: "dovidka".into(),
        service_version: 1,
        state: state.into(),
        created_at: moment(),
        applicant: Some(applicant.id),
        lang: Lang::Uk,
        contact_email: None,
        owner_token_hash: None,
        channel: CaseChannel::Online,
        assisted_by: None,
        assisted_note: None,
    };
    let submitted = store.create_case(&case("submitted", &olena)).await.expect("case");
    let draft = store.create_case(&case(DRAFT_STATE, &olena)).await.expect("draft");
    let tarass = store.create_case(&case(DRAFT_STATE, &taras)).await.expect("other's draft");
    assert_eq!(submitted.applicant, Some(olena.id));
    assert_eq!(store.cases_of_applicant(olena.id).await.expect("cases"), vec![submitted.clone(), draft.clone()]);

    // Everything an account can have.
    store.create_session(&session("olena", olena.id)).await.expect("session");
    store.create_session(&session("taras", taras.id)).await.expect("session");
    store.put_token(&token("confirm", TokenPurpose::ConfirmEmail, Some(olena.id), &olena.email)).await.expect("t");
    store.put_token(&token("invite", TokenPurpose::StaffInvite, None, "OLENA@ukr.net")).await.expect("t");
    store.put_token(&token("taras", TokenPurpose::ResetPassword, Some(taras.id), &taras.email)).await.expect("t");
    let totp = TotpRecord { account: olena.id, secret: TotpAtRest::Sealed(vec![1; 60]), confirmed_at: None, last_used_step: None };
    store.put_totp(&totp).await.expect("totp");
    store.put_recovery_codes(olena.id, &[5; 16], &[h("r1"), h("r2")]).await.expect("codes");
    let role = RoleGrant {
        account: olena.id,
        role: Role::Operator,
        scope: Scope::Community("buchanska".into()),
        granted_by: None,
        granted_at: moment(),
    };
    store.grant_role(&role).await.expect("grant");
    store.confirm_email(olena.id, moment()).await.expect("confirm");

    store.delete_account_personal_data(olena.id, at(10)).await.expect("delete");

    let tombstone = store.account(olena.id).await.expect("read").expect("the row stays");
    assert_eq!(tombstone.email, format!("deleted-{}@invalid", olena.id.0));
    assert_eq!(tombstone.display_name, "");
    assert_eq!(tombstone.password_hash, None);
    assert_eq!(tombstone.email_confirmed_at, None);
    assert_eq!(tombstone.deleted_at, Some(at(10)));
    assert_eq!(store.account_by_email("olena@ukr.net").await.expect("by e-mail"), None);

    assert_eq!(store.session_by_hash(&h("olena"), at(11)).await.expect("lookup"), None);
    assert!(store.sessions_of(olena.id, at(11)).await.expect("sessions").is_empty());
    for (label, purpose) in [("confirm", TokenPurpose::ConfirmEmail), ("invite", TokenPurpose::StaffInvite)] {
        assert_eq!(store.use_token(&h(label), purpose, at(11)).await.expect("use"), None, "{label}");
    }
    assert_eq!(store.totp_of(olena.id).await.expect("totp"), None);
    assert_eq!(store.recovery_codes_left(olena.id).await.expect("codes"), 0);
    assert!(store.roles_of(olena.id).await.expect("roles").is_empty());

    // The submitted case stays, detached; the draft is gone.
    let kept = store.case(submitted.id).await.expect("read").expect("a submitted case stays");
    assert_eq!(kept, CaseRecord { applicant: None, ..submitted.clone() });
    assert_eq!(store.case(draft.id).await.expect("read"), None, "drafts go");
    assert!(store.cases_of_applicant(olena.id).await.expect("cases").is_empty());

    // The other account is untouched.
    assert!(store.session_by_hash(&h("taras"), at(11)).await.expect("lookup").is_some());
    assert!(store.use_token(&h("taras"), TokenPurpose::ResetPassword, at(11)).await.expect("use").is_some());
    assert_eq!(store.case(tarass.id).await.expect("read"), Some(tarass.clone()));

    // A deleted account takes no new password, role or codes; deleting it again changes nothing.
    assert!(matches!(store.set_password_hash(olena.id, "x").await, Err(StoreError::NotFound)));
    assert!(matches!(store.grant_role(&role).await, Err(StoreError::NotFound)));
    assert!(matches!(store.put_recovery_codes(olena.id, &[5; 16], &[h("r3")]).await, Err(StoreError::NotFound)));
    store.delete_account_personal_data(olena.id, at(20)).await.expect("delete again");
    assert_eq!(store.account(olena.id).await.expect("read"), Some(tombstone));
    let err = store.delete_account_personal_data(AccountId(olena.id.0 + 100), at(20)).await.expect_err("unknown");
    assert!(matches!(err, StoreError::NotFound), "unexpected error: {err:?}");

    // The address is free again.
    let again = resident(store, "olena@ukr.net").await;
    assert_ne!(again.id, olena.id);
    assert_eq!(store.account_by_email("OLENA@ukr.net").await.expect("by e-mail"), Some(again));
}

/// Run `n` copies of `call` at once, each on its own task, and give their results.
async fn all_at_once<T, F, Fut>(store: &Arc<dyn Store>, n: usize, call: F) -> Vec<T>
where
    T: Send + 'static,
    F: Fn(Arc<dyn Store>, usize) -> Fut,
    Fut: Future<Output = T> + Send + 'static,
{
    let barrier = Arc::new(tokio::sync::Barrier::new(n));
    let tasks: Vec<_> = (0..n)
        .map(|i| {
            let barrier = Arc::clone(&barrier);
            let call = call(Arc::clone(store), i);
            tokio::spawn(async move {
                barrier.wait().await;
                call.await
            })
        })
        .collect();
    let mut results = Vec::new();
    for task in tasks {
        results.push(task.await.expect("task"));
    }
    results
}

async fn concurrent_token_uses_succeed_once(store: Arc<dyn Store>, _url: String) {
    let olena = resident(store.as_ref(), "olena@ukr.net").await;
    let reset = token("reset", TokenPurpose::ResetPassword, Some(olena.id), &olena.email);
    store.put_token(&reset).await.expect("put");
    let results =
        all_at_once(
            &store,
            10,
            |store, _| async move { store.use_token(&h("reset"), TokenPurpose::ResetPassword, at(1)).await.expect("use") },
        )
        .await;
    assert_eq!(results.iter().filter(|r| r.is_some()).count(), 1, "exactly one use succeeds: {results:?}");
}

async fn concurrent_totp_steps_succeed_once(store: Arc<dyn Store>, _url: String) {
    let officer = resident(store.as_ref(), "officer@bucha.example").await;
    let totp = TotpRecord { account: officer.id, secret: TotpAtRest::Sealed(vec![3; 51]), confirmed_at: None, last_used_step: Some(41) };
    store.put_totp(&totp).await.expect("enrol");
    // One code sent ten times at once: accepted once.
    let results =
        all_at_once(&store, 10, move |store, _| async move { store.advance_totp_step(officer.id, 42).await.expect("advance") }).await;
    assert_eq!(results.iter().filter(|ok| **ok).count(), 1, "{results:?}");
    // Codes of several steps at once: the step only ever moves forward, to the latest.
    let results = all_at_once(&store, 10, move |store, i| async move {
        store.advance_totp_step(officer.id, 43 + i64::try_from(i).expect("small")).await.expect("advance")
    })
    .await;
    assert!(results.iter().any(|ok| *ok));
    assert!(results[9], "the latest step is always later than the last accepted one");
    let read = store.totp_of(officer.id).await.expect("totp").expect("enrolled");
    assert_eq!(read.last_used_step, Some(52));
}

async fn concurrent_recovery_code_uses_succeed_once(store: Arc<dyn Store>, _url: String) {
    let officer = resident(store.as_ref(), "officer@bucha.example").await;
    store.put_recovery_codes(officer.id, &SALT, &[h("code"), h("other")]).await.expect("codes");
    let results =
        all_at_once(&store, 10, move |store, _| async move { store.use_recovery_code(officer.id, &h("code"), at(1)).await.expect("use") })
            .await;
    assert_eq!(results.iter().filter(|ok| **ok).count(), 1, "{results:?}");
    assert_eq!(store.recovery_codes_left(officer.id).await.expect("left"), 1);
}

async fn concurrent_throttle_hits_all_count(store: Arc<dyn Store>, _url: String) {
    // Twenty attempts at once on a fresh key (the first ones race to create
    // it) with a limit of five: exactly five get through.
    let results = all_at_once(&store, 20, |store, _| async move {
        store.hit_throttle("signin:ip:198.51.100.1", at(0), Duration::from_secs(900), 5).await.expect("hit")
    })
    .await;
    assert_eq!(results.iter().filter(|d| d.allowed).count(), 5, "{results:?}");
    for refused in results.iter().filter(|d| !d.allowed) {
        assert_eq!(refused.retry_after, Duration::from_secs(900));
    }
}

// ---------------------------------------------------------------------------
// Backend-specific and static checks
// ---------------------------------------------------------------------------

#[test]
fn migration_folders_hold_the_same_files() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("migrations");
    let names = |backend: &str| -> BTreeSet<String> {
        std::fs::read_dir(root.join(backend))
            .unwrap_or_else(|e| panic!("read migrations/{backend}: {e}"))
            .map(|entry| entry.expect("dir entry").file_name().to_string_lossy().into_owned())
            .collect()
    };
    let sqlite = names("sqlite");
    let postgres = names("postgres");
    assert!(!sqlite.is_empty(), "no migrations");
    assert_eq!(sqlite, postgres, "migrations/sqlite and migrations/postgres have drifted apart");
}

#[tokio::test]
async fn sqlite_pragmas_are_durable() {
    let dir = TempDir::new();
    let store = SqliteStore::open(&dir.path().join("hromada.db")).await.expect("open");
    store.migrate().await.expect("migrate");
    let (journal_mode, foreign_keys, synchronous) = store.pragmas().await.expect("pragmas");
    assert_eq!(journal_mode.to_lowercase(), "wal");
    assert_eq!(foreign_keys, 1);
    assert_eq!(synchronous, 2, "synchronous must be FULL");
}

#[tokio::test]
async fn sqlite_open_creates_directories_and_keeps_data() {
    let dir = TempDir::new();
    let path = dir.path().join("nested").join("deeper").join("hromada.db");
    {
        let store = hromada_store::connect(&format!("sqlite://{}", path.display())).await.expect("connect");
        assert_eq!(store.backend(), "sqlite");
        store.migrate().await.expect("migrate");
        store.put_region(&kyivska()).await.expect("put region");
        store.import_service("dovidka", SOURCE_V1, moment()).await.expect("import");
    }
    assert!(path.is_file(), "the database file is created");
    let reopened = SqliteStore::open(&path).await.expect("reopen");
    reopened.migrate().await.expect("migrate again");
    assert_eq!(reopened.regions().await.expect("regions"), vec![kyivska()]);
    assert_eq!(reopened.import_service("dovidka", SOURCE_V1, moment()).await.expect("import"), ImportOutcome::Unchanged { version: 1 });
}

#[tokio::test]
async fn postgres_connect_failure_is_unavailable_without_password() {
    let url = "postgres://hromada:Sup3r-S3cret@127.0.0.1:1/hromada";
    let err = PgStore::connect(url).await.expect_err("nothing listens on port 1");
    let shown = format!("{err} / {err:?}");
    assert!(!shown.contains("Sup3r-S3cret"), "password leaked: {shown}");
    assert!(matches!(err, StoreError::Unavailable(_)), "expected Unavailable, got {err:?}");
}

// ---------------------------------------------------------------------------
// The resident journey: drafts, submission, files, timelines
// ---------------------------------------------------------------------------

fn draft_of(applicant: Option<AccountId>, owner_token_hash: Option<String>) -> NewCase {
    NewCase {
        community_slug: "buchanska".into(),
        service_slug: "dovidka".into(),
        service_version: 1,
        state: DRAFT_STATE.into(),
        created_at: moment(),
        applicant,
        lang: Lang::En,
        contact_email: None,
        owner_token_hash,
        channel: CaseChannel::Online,
        assisted_by: None,
        assisted_note: None,
    }
}

fn submission(case_id: i64, year: i32) -> Submission {
    Submission {
        case_id,
        community_code: "BUC".into(),
        year,
        state: "submitted".into(),
        at: at(5),
        due_on: Some(date!(2026 - 03 - 31)),
        answers: answers(&[("full_name", "Олена Коваль")]),
        contact_email: Some("olena@ukr.net".into()),
        owner_token_hash: None,
        jobs: Vec::new(),
    }
}

fn answers(pairs: &[(&str, &str)]) -> BTreeMap<String, Vec<String>> {
    pairs.iter().map(|(k, v)| (k.to_string(), vec![v.to_string()])).collect()
}

fn file_of(case_id: i64, field: &str, sha: &str) -> NewCaseFile {
    NewCaseFile {
        case_id,
        field: Some(field.into()),
        name: "довідка.pdf".into(),
        content_type: "application/pdf".into(),
        size: 1234,
        sha256: h(sha),
        uploaded_at: at(2),
    }
}

async fn drafts_are_saved_and_submitted_once(store: &dyn Store) {
    seed_places(store).await;
    store.import_service("dovidka", SOURCE_V1, moment()).await.expect("import");
    let olena = resident(store, "olena@ukr.net").await;
    let draft = store.create_case(&draft_of(Some(olena.id), None)).await.expect("draft");
    assert!(draft.is_draft());
    assert_eq!((draft.reference.clone(), draft.lang, draft.updated_at), (None, Lang::En, moment_stored()));
    assert!(draft.answers.is_empty());

    // Every page saves the answers so far.
    let so_far = answers(&[("full_name", "Олена Коваль"), ("moved_on", "2026-02-01")]);
    store.save_draft_answers(draft.id, &so_far, at(1)).await.expect("save");
    let read = store.case(draft.id).await.expect("read").expect("exists");
    assert_eq!((read.answers.clone(), read.updated_at), (so_far.clone(), at(1)));

    // Submitting gives the first number of the community and year, once.
    let letter = hromada_store::NewJob { kind: JobKind::News, payload: "{}".into(), run_at: at(5), max_attempts: 5 };
    let with_letter = |s: Submission| Submission { jobs: vec![letter.clone()], ..s };
    let first = store.submit_case(&with_letter(submission(draft.id, 2026))).await.expect("submit");
    assert_eq!(first, SubmitOutcome::Submitted { reference: "BUC-2026-000001".into() });
    let again = store.submit_case(&with_letter(Submission { year: 2027, ..submission(draft.id, 2026) })).await.expect("again");
    assert_eq!(store.job_counts().await.expect("jobs"), vec![(JobState::Queued, 1)], "the letter is queued with the submission, once");
    assert_eq!(again, SubmitOutcome::AlreadySubmitted { reference: "BUC-2026-000001".into() });
    let submitted = store.case(draft.id).await.expect("read").expect("exists");
    assert_eq!(submitted.state, "submitted");
    assert_eq!(submitted.reference.as_deref(), Some("BUC-2026-000001"));
    assert_eq!(submitted.submitted_at, Some(at(5)));
    assert_eq!(submitted.due_on, Some(date!(2026 - 03 - 31)));
    assert_eq!(submitted.answers, answers(&[("full_name", "Олена Коваль")]), "the checked answers replace the draft's");
    assert_eq!(submitted.contact_email.as_deref(), Some("olena@ukr.net"));
    assert_eq!(store.case_by_reference("BUC-2026-000001").await.expect("by reference"), Some(submitted.clone()));
    let events = store.case_events(draft.id).await.expect("events");
    assert_eq!(events.len(), 1, "one submission event, not two: {events:?}");
    assert_eq!(
        (events[0].kind, events[0].to_state.as_deref(), events[0].by_applicant),
        (CaseEventKind::Submitted, Some("submitted"), true)
    );

    // A submitted case's answers no longer change.
    assert!(matches!(store.save_draft_answers(draft.id, &so_far, at(6)).await, Err(StoreError::Conflict(_))));
    assert_eq!(store.case(draft.id).await.expect("read").expect("exists").answers, submitted.answers);
    assert!(matches!(store.save_draft_answers(999_999, &so_far, at(6)).await, Err(StoreError::NotFound)));
    assert!(matches!(store.submit_case(&submission(999_999, 2026)).await, Err(StoreError::NotFound)));

    // Numbers run per community prefix and year.
    for (code, year, expected) in [("BUC", 2026, "BUC-2026-000002"), ("BUC", 2027, "BUC-2027-000001"), ("TER", 2026, "TER-2026-000001")] {
        let d = store.create_case(&draft_of(Some(olena.id), None)).await.expect("draft");
        let outcome = store.submit_case(&Submission { community_code: code.into(), ..submission(d.id, year) }).await;
        assert_eq!(outcome.expect("submit"), SubmitOutcome::Submitted { reference: expected.into() });
    }

    // Without an account: the draft belongs to a secret; at submission the tracking link's secret replaces it.
    let anonymous = store.create_case(&draft_of(None, Some(h("draft-cookie")))).await.expect("anonymous draft");
    assert_eq!(store.case_by_owner_token(&h("draft-cookie")).await.expect("by token").map(|c| c.id), Some(anonymous.id));
    let tracked = Submission { owner_token_hash: Some(h("tracking")), ..submission(anonymous.id, 2026) };
    store.submit_case(&tracked).await.expect("submit");
    assert_eq!(store.case_by_owner_token(&h("draft-cookie")).await.expect("by token"), None);
    assert_eq!(store.case_by_owner_token(&h("tracking")).await.expect("by token").map(|c| c.id), Some(anonymous.id));
}

async fn concurrent_submissions_make_one_case_each_and_no_gaps(store: Arc<dyn Store>, _url: String) {
    seed_places(store.as_ref()).await;
    store.import_service("dovidka", SOURCE_V1, moment()).await.expect("import");
    let mut drafts = Vec::new();
    for _ in 0..20 {
        drafts.push(store.create_case(&draft_of(None, None)).await.expect("draft").id);
    }
    // Every draft is submitted three times at once (a double click and a retry).
    let mut tasks = Vec::new();
    for round in 0..3 {
        for &id in &drafts {
            let store = Arc::clone(&store);
            tasks.push(tokio::spawn(async move { (id, round, store.submit_case(&submission(id, 2026)).await) }));
        }
    }
    let mut by_case: BTreeMap<i64, BTreeSet<String>> = BTreeMap::new();
    let mut fresh = 0;
    for task in tasks {
        let (id, _, outcome) = task.await.expect("task");
        let reference = match outcome.expect("submit") {
            SubmitOutcome::Submitted { reference } => {
                fresh += 1;
                reference
            }
            SubmitOutcome::AlreadySubmitted { reference } => reference,
        };
        by_case.entry(id).or_default().insert(reference);
    }
    assert_eq!(fresh, 20, "each draft is submitted once");
    let references: BTreeSet<String> = by_case
        .values()
        .map(|r| {
            assert_eq!(r.len(), 1, "one reference per case: {r:?}");
            r.iter().next().cloned().unwrap_or_default()
        })
        .collect();
    let expected: BTreeSet<String> = (1..=20).map(|n| format!("BUC-2026-{n:06}")).collect();
    assert_eq!(references, expected, "numbers without gaps or repeats");
    for id in drafts {
        assert_eq!(store.case_events(id).await.expect("events").len(), 1);
    }
}

async fn files_belong_to_drafts(store: &dyn Store) {
    seed_places(store).await;
    store.import_service("dovidka", SOURCE_V1, moment()).await.expect("import");
    let draft = store.create_case(&draft_of(None, None)).await.expect("draft");
    let other = store.create_case(&draft_of(None, None)).await.expect("other draft");
    let a = store.add_case_file(&file_of(draft.id, "passport", "a")).await.expect("file a");
    let b = store.add_case_file(&file_of(draft.id, "passport", "b")).await.expect("file b");
    let shared = store.add_case_file(&file_of(other.id, "passport", "a")).await.expect("same content elsewhere");
    assert_eq!((a.name.as_str(), a.size, a.uploaded_at, a.event_id), ("довідка.pdf", 1234, at(2), None));
    assert_eq!(store.case_files(draft.id).await.expect("files"), vec![a.clone(), b.clone()]);
    assert_eq!(store.case(draft.id).await.expect("read").expect("exists").updated_at, at(2), "an upload keeps the draft fresh");

    // A file is removed only from its own case.
    assert!(!store.remove_case_file(other.id, a.id).await.expect("remove elsewhere"));
    assert!(store.remove_case_file(draft.id, b.id).await.expect("remove"));
    assert!(!store.remove_case_file(draft.id, b.id).await.expect("remove again"));
    assert_eq!(store.case_files(draft.id).await.expect("files"), vec![a.clone()]);
    assert_eq!(store.unreferenced_files(&[h("a"), h("b")]).await.expect("unreferenced"), vec![h("b")]);

    // Deleting a draft gives its files' hashes; content shared with another case stays referenced.
    assert_eq!(store.delete_draft(draft.id).await.expect("delete"), Some(vec![h("a")]));
    assert_eq!(store.case(draft.id).await.expect("read"), None);
    assert!(store.unreferenced_files(&[h("a")]).await.expect("unreferenced").is_empty());
    assert_eq!(store.delete_draft(draft.id).await.expect("delete again"), None);

    // Once submitted, files stay as they were.
    store.submit_case(&submission(other.id, 2026)).await.expect("submit");
    assert!(matches!(store.add_case_file(&file_of(other.id, "passport", "c")).await, Err(StoreError::Conflict(_))));
    assert!(!store.remove_case_file(other.id, shared.id).await.expect("remove after submission"));
    assert_eq!(store.delete_draft(other.id).await.expect("delete submitted"), None);
    assert_eq!(store.case_files(other.id).await.expect("files"), vec![shared]);
}

/// A page of `files` (field, content label) with a field `photos` of at most
/// 3 files and `passport` of at most 1, within `max_total_bytes`.
fn page_of(case_id: i64, files: &[(&str, &str)], max_total_bytes: i64) -> DraftPage {
    let mut answers = answers(&[("full_name", "Олена Коваль")]);
    for (field, _) in files {
        answers.entry(field.to_string()).or_default().push("new".into());
    }
    DraftPage {
        case_id,
        answers,
        files: files.iter().map(|(field, sha)| file_of(case_id, field, sha)).collect(),
        max_files: [("photos".to_string(), 3), ("passport".to_string(), 1)].into_iter().collect(),
        max_total_bytes,
        now: at(3),
    }
}

async fn a_page_adds_its_files_only_within_the_limits(store: &dyn Store) {
    seed_places(store).await;
    store.import_service("dovidka", SOURCE_V1, moment()).await.expect("import");
    let draft = store.create_case(&draft_of(None, None)).await.expect("draft");
    let saved = store.save_draft_page(&page_of(draft.id, &[("photos", "a"), ("photos", "b")], 10_000)).await.expect("page");
    let saved = saved.expect("within the limits");
    assert_eq!(saved.len(), 2);
    let case = store.case(draft.id).await.expect("read").expect("exists");
    let ids: Vec<String> = saved.iter().map(|f| f.id.to_string()).collect();
    assert_eq!(case.answers.get("photos"), Some(&ids), "the field is answered by its files");
    assert_eq!(case.answers.get("full_name"), Some(&vec!["Олена Коваль".to_string()]));
    assert_eq!(case.updated_at, at(3));

    // Over a field's count, or over the bytes: nothing written, and the refusal says which.
    let before = store.case_files(draft.id).await.expect("files");
    let too_many = store.save_draft_page(&page_of(draft.id, &[("passport", "p"), ("photos", "c"), ("photos", "d")], 10_000)).await;
    assert_eq!(too_many.expect("answered"), Err(PageRefused::TooManyFiles { field: "photos".into(), max: 3 }));
    let too_big = store.save_draft_page(&page_of(draft.id, &[("passport", "p")], 3 * 1234 - 1)).await;
    assert_eq!(too_big.expect("answered"), Err(PageRefused::TooManyBytes));
    let unlisted = store.save_draft_page(&page_of(draft.id, &[("elsewhere", "e")], 10_000)).await;
    assert!(matches!(unlisted.expect("answered"), Err(PageRefused::TooManyFiles { max: 0, .. })), "a field the page does not limit");
    assert_eq!(store.case_files(draft.id).await.expect("files"), before);
    assert_eq!(store.case(draft.id).await.expect("read").expect("exists"), case, "the answers are as they were");

    // Two pages at once, each fitting alone, not both: one is written, whole, and the other not at all.
    let first = page_of(draft.id, &[("photos", "x")], 10_000);
    let second = page_of(draft.id, &[("photos", "y")], 10_000);
    let (a, b) = tokio::join!(store.save_draft_page(&first), store.save_draft_page(&second));
    let outcomes = [a.expect("first"), b.expect("second")];
    assert_eq!(outcomes.iter().filter(|o| o.is_ok()).count(), 1, "{outcomes:?}");
    let photos = store.case_files(draft.id).await.expect("files").iter().filter(|f| f.field.as_deref() == Some("photos")).count();
    assert_eq!(photos, 3);

    // A page of a submitted case is a conflict.
    store.submit_case(&submission(draft.id, 2026)).await.expect("submit");
    let late = store.save_draft_page(&page_of(draft.id, &[("passport", "p")], 10_000)).await;
    assert!(matches!(late, Err(StoreError::Conflict(_))), "{late:?}");
}

async fn case_events_move_the_state_only_from_where_it_is(store: &dyn Store) {
    seed_places(store).await;
    store.import_service("dovidka", SOURCE_V1, moment()).await.expect("import");
    let olena = resident(store, "olena@ukr.net").await;
    let case = store.create_case(&draft_of(Some(olena.id), None)).await.expect("draft");
    store.submit_case(&submission(case.id, 2026)).await.expect("submit");

    let withdraw = |from: &str| NewCaseEvent {
        case_id: case.id,
        at: at(9),
        kind: CaseEventKind::Action,
        action: Some("withdraw".into()),
        transition: Some((from.into(), "withdrawn".into())),
        by_applicant: true,
        actor: Some(olena.id),
        body: None,
        internal: false,
        files: Vec::new(),
        schedule: None,
        inputs: None,
        document: None,
    };
    // From a state the case is not in: refused, nothing recorded.
    assert!(matches!(store.record_case_event(&withdraw("in_review")).await, Err(StoreError::Conflict(_))));
    assert_eq!(store.case_events(case.id).await.expect("events").len(), 1);
    assert_eq!(store.case(case.id).await.expect("read").expect("exists").state, "submitted");

    // A message with a file, then the withdrawal.
    let message = NewCaseEvent {
        kind: CaseEventKind::Message,
        action: None,
        transition: None,
        body: Some("Додаю довідку".into()),
        internal: false,
        files: vec![file_of(case.id, "ignored", "m")],
        schedule: None,
        inputs: None,
        document: None,
        ..withdraw("submitted")
    };
    let recorded = store.record_case_event(&message).await.expect("message");
    assert_eq!((recorded.kind, recorded.body.as_deref(), recorded.at), (CaseEventKind::Message, Some("Додаю довідку"), at(9)));
    let files = store.case_files(case.id).await.expect("files");
    assert_eq!(files.len(), 1);
    assert_eq!(files[0].event_id, Some(recorded.id));
    assert!(!store.remove_case_file(case.id, files[0].id).await.expect("remove"), "a message's file stays");

    let moved = store.record_case_event(&withdraw("submitted")).await.expect("withdraw");
    assert_eq!((moved.from_state.as_deref(), moved.to_state.as_deref()), (Some("submitted"), Some("withdrawn")));
    let read = store.case(case.id).await.expect("read").expect("exists");
    assert_eq!((read.state.as_str(), read.updated_at), ("withdrawn", at(9)));
    let kinds: Vec<CaseEventKind> = store.case_events(case.id).await.expect("events").into_iter().map(|e| e.kind).collect();
    assert_eq!(kinds, [CaseEventKind::Submitted, CaseEventKind::Message, CaseEventKind::Action]);
    assert!(matches!(
        store.record_case_event(&NewCaseEvent { case_id: 999_999, ..withdraw("submitted") }).await,
        Err(StoreError::NotFound)
    ));
}

async fn old_drafts_are_warned_about_then_purged(store: &dyn Store) {
    seed_places(store).await;
    store.import_service("dovidka", SOURCE_V1, moment()).await.expect("import");
    let old = store.create_case(&draft_of(None, None)).await.expect("old draft");
    store.add_case_file(&file_of(old.id, "passport", "old")).await.expect("file");
    let fresh = store.create_case(&draft_of(None, None)).await.expect("fresh draft");
    store.save_draft_answers(fresh.id, &answers(&[("a", "b")]), at(60)).await.expect("save");
    let submitted = store.create_case(&draft_of(None, None)).await.expect("submitted");
    store.submit_case(&submission(submitted.id, 2026)).await.expect("submit");

    // Drafts untouched since before at(30) are due a warning, once.
    let due: Vec<i64> = store.drafts_to_warn(at(30), 10).await.expect("due").into_iter().map(|c| c.id).collect();
    assert_eq!(due, vec![old.id]);
    store.mark_draft_warned(old.id, at(31)).await.expect("warned");
    assert!(store.drafts_to_warn(at(30), 10).await.expect("due").is_empty());
    assert_eq!(store.case(old.id).await.expect("read").expect("exists").expiry_warned_at, Some(at(31)));

    // Purging takes only old drafts, and gives their files' hashes.
    assert_eq!(store.purge_drafts(at(30)).await.expect("purge"), vec![h("old")]);
    assert_eq!(store.case(old.id).await.expect("read"), None);
    assert!(store.case(fresh.id).await.expect("read").is_some());
    assert!(store.case(submitted.id).await.expect("read").is_some(), "submitted cases never expire");
    // Saving again clears the warning, so a returning resident is warned again next time.
    store.mark_draft_warned(fresh.id, at(61)).await.expect("warned");
    store.save_draft_answers(fresh.id, &answers(&[("a", "c")]), at(62)).await.expect("save");
    assert_eq!(store.case(fresh.id).await.expect("read").expect("exists").expiry_warned_at, None);
}

// ---------------------------------------------------------------------------
// The back-office
// ---------------------------------------------------------------------------

/// A submitted case of `service` in Bucha, due on `due`, submitted at minute `minute`.
async fn submitted_case(store: &dyn Store, service: &str, due: time::Date, minute: i64) -> CaseRecord {
    let draft = store.create_case(&NewCase { service_slug: service.into(), ..draft_of(None, None) }).await.expect("draft");
    let s = Submission { at: at(minute), due_on: Some(due), ..submission(draft.id, 2026) };
    store.submit_case(&s).await.expect("submit");
    store.case(draft.id).await.expect("read").expect("exists")
}

fn bucha_query() -> hromada_store::CaseQuery {
    hromada_store::CaseQuery { communities: vec!["buchanska".into()], open_only: true, limit: 50, ..Default::default() }
}

async fn work_queues_filter_sort_and_count(store: &dyn Store) {
    use hromada_store::{AssigneeFilter, CaseSchedule, QueueSort};
    seed_places(store).await;
    store.import_service("dovidka", SOURCE_V1, moment()).await.expect("import");
    store.import_service("inshe", &SOURCE_V1.replace("id = \"dovidka\"", "id = \"inshe\""), moment()).await.expect("import");
    let officer = resident(store, "officer@buchanska.example.org").await;
    let late = submitted_case(store, "dovidka", date!(2026 - 03 - 02), 1).await;
    let soon = submitted_case(store, "dovidka", date!(2026 - 03 - 10), 2).await;
    let other = submitted_case(store, "inshe", date!(2026 - 03 - 20), 3).await;
    let paused = submitted_case(store, "inshe", date!(2026 - 03 - 01), 4).await;
    let decided = submitted_case(store, "dovidka", date!(2026 - 03 - 01), 5).await;
    store.create_case(&draft_of(None, None)).await.expect("a draft is never in a queue");
    let event = |case: &CaseRecord, schedule: CaseSchedule| NewCaseEvent {
        case_id: case.id,
        at: at(20),
        kind: CaseEventKind::Action,
        action: Some("x".into()),
        transition: None,
        by_applicant: false,
        actor: Some(officer.id),
        body: None,
        internal: false,
        files: Vec::new(),
        schedule: Some(schedule),
        inputs: None,
        document: None,
    };
    store
        .record_case_event(&event(&paused, CaseSchedule { due_on: paused.due_on, paused_at: Some(at(20)), ..Default::default() }))
        .await
        .expect("pause");
    store
        .record_case_event(&event(&decided, CaseSchedule { due_on: decided.due_on, decided_at: Some(at(21)), ..Default::default() }))
        .await
        .expect("decide");
    let read = store.case(paused.id).await.expect("read").expect("exists");
    assert_eq!((read.paused_at, read.decided_at), (Some(at(20)), None));
    store.assign_cases(&[soon.id], Some(officer.id), false, at(22)).await.expect("assign");

    let ids = |page: hromada_store::QueuePage| (page.cases.iter().map(|c| c.id).collect::<Vec<_>>(), page.total);
    let q = bucha_query();
    assert_eq!(
        ids(store.case_queue(&q).await.expect("queue")),
        (vec![paused.id, late.id, soon.id, other.id], 4),
        "open cases, soonest due first"
    );
    let newest = hromada_store::CaseQuery { sort: QueueSort::Newest, ..q.clone() };
    assert_eq!(ids(store.case_queue(&newest).await.expect("queue")).0, vec![paused.id, other.id, soon.id, late.id]);
    let all = hromada_store::CaseQuery { open_only: false, sort: QueueSort::Oldest, ..q.clone() };
    assert_eq!(ids(store.case_queue(&all).await.expect("queue")).1, 5, "decided cases too when asked");
    let service = hromada_store::CaseQuery { service: Some("inshe".into()), ..q.clone() };
    assert_eq!(ids(store.case_queue(&service).await.expect("queue")), (vec![paused.id, other.id], 2));
    let mine = hromada_store::CaseQuery { assignee: AssigneeFilter::Account(officer.id), ..q.clone() };
    assert_eq!(ids(store.case_queue(&mine).await.expect("queue")), (vec![soon.id], 1));
    let unassigned = hromada_store::CaseQuery { assignee: AssigneeFilter::Unassigned, ..q.clone() };
    assert_eq!(ids(store.case_queue(&unassigned).await.expect("queue")).1, 3);
    let overdue = hromada_store::CaseQuery { due_before: Some(date!(2026 - 03 - 05)), ..q.clone() };
    assert_eq!(ids(store.case_queue(&overdue).await.expect("queue")), (vec![late.id], 1), "a paused case is not overdue");
    let due_soon = hromada_store::CaseQuery { due_by: Some(date!(2026 - 03 - 10)), ..q.clone() };
    assert_eq!(ids(store.case_queue(&due_soon).await.expect("queue")), (vec![late.id, soon.id], 2));
    let paged = hromada_store::CaseQuery { limit: 2, offset: 2, ..q.clone() };
    assert_eq!(ids(store.case_queue(&paged).await.expect("queue")), (vec![soon.id, other.id], 4), "a page and the total");
    let elsewhere = hromada_store::CaseQuery { communities: vec!["irpinska".into()], ..q.clone() };
    assert_eq!(ids(store.case_queue(&elsewhere).await.expect("queue")), (vec![], 0), "another community's queue is empty");

    let load = store.workload(&["buchanska".into()], date!(2026 - 03 - 05)).await.expect("workload");
    let row = |service: &str, who: Option<AccountId>| {
        load.iter().find(|w| w.service_slug == service && w.assignee == who).map(|w| (w.open, w.overdue))
    };
    assert_eq!(row("dovidka", None), Some((1, 1)));
    assert_eq!(row("dovidka", Some(officer.id)), Some((1, 0)));
    assert_eq!(row("inshe", None), Some((2, 0)), "the paused case is open but not overdue");
    let due = store.cases_due_between(date!(2026 - 03 - 01), date!(2026 - 03 - 10)).await.expect("due");
    assert_eq!(due.iter().map(|c| c.id).collect::<Vec<_>>(), vec![late.id, soon.id]);
}

async fn claiming_takes_only_unassigned_cases(store: &dyn Store) {
    seed_places(store).await;
    store.import_service("dovidka", SOURCE_V1, moment()).await.expect("import");
    let a = resident(store, "a@buchanska.example.org").await;
    let b = resident(store, "b@buchanska.example.org").await;
    let case = submitted_case(store, "dovidka", date!(2026 - 03 - 10), 1).await;
    let draft = store.create_case(&draft_of(None, None)).await.expect("draft");
    assert_eq!(store.assign_cases(&[case.id], Some(a.id), true, at(2)).await.expect("claim"), 1);
    assert_eq!(store.assign_cases(&[case.id], Some(b.id), true, at(3)).await.expect("claim again"), 0, "taken already");
    assert_eq!(store.case(case.id).await.expect("read").expect("exists").assignee, Some(a.id));
    assert_eq!(store.assign_cases(&[case.id, draft.id], Some(b.id), false, at(4)).await.expect("reassign"), 1, "drafts are not assigned");
    assert_eq!(store.case(case.id).await.expect("read").expect("exists").assignee, Some(b.id));
    assert_eq!(store.assign_cases(&[case.id], None, false, at(5)).await.expect("unassign"), 1);
    assert_eq!(store.case(case.id).await.expect("read").expect("exists").assignee, None);

    // An operator's drafts made for residents, and only drafts.
    let assisted =
        NewCase { channel: CaseChannel::Assisted, assisted_by: Some(a.id), assisted_note: Some("{}".into()), ..draft_of(None, None) };
    let made = store.create_case(&assisted).await.expect("assisted draft");
    let sent = store.create_case(&assisted).await.expect("assisted draft");
    store.submit_case(&submission(sent.id, 2026)).await.expect("submit");
    let drafts: Vec<i64> = store.drafts_assisted_by(a.id).await.expect("drafts").into_iter().map(|c| c.id).collect();
    assert_eq!(drafts, vec![made.id]);
    assert!(store.drafts_assisted_by(b.id).await.expect("drafts").is_empty());
    assert_eq!(store.case(made.id).await.expect("read").expect("exists").channel, CaseChannel::Assisted);
}

fn job(kind: JobKind, minute: i64) -> hromada_store::NewJob {
    hromada_store::NewJob { kind, payload: format!("{{\"n\":{minute}}}"), run_at: at(minute), max_attempts: 2 }
}

async fn jobs_retry_then_die_and_leases_expire(store: &dyn Store) {
    let lease = Duration::from_secs(60);
    let first = store.enqueue_job(&job(JobKind::Mail, 0)).await.expect("enqueue");
    let later = store.enqueue_job(&job(JobKind::Mail, 30)).await.expect("enqueue");
    let taken = store.claim_jobs(at(1), lease, 10, "worker-a").await.expect("claim");
    assert_eq!(taken.iter().map(|j| (j.id, j.attempts)).collect::<Vec<_>>(), vec![(first, 1)], "only what is due");
    assert!(store.claim_jobs(at(1), lease, 10, "worker-a").await.expect("claim").is_empty(), "a running job is not given twice");
    store.fail_job(first, "SMTP 451", Some(at(5))).await.expect("fail");
    assert!(store.claim_jobs(at(4), lease, 10, "worker-a").await.expect("claim").is_empty(), "back-off: not before its time");
    let again = store.claim_jobs(at(5), lease, 10, "worker-a").await.expect("claim");
    assert_eq!(again.iter().map(|j| (j.id, j.attempts)).collect::<Vec<_>>(), vec![(first, 2)]);
    store.fail_job(first, "SMTP 451", None).await.expect("dead");
    // A worker that died leaves a running job whose lease expires: it is taken again.
    let crashed = store.claim_jobs(at(30), lease, 10, "worker-a").await.expect("claim");
    assert_eq!(crashed.iter().map(|j| j.id).collect::<Vec<_>>(), vec![later]);
    assert!(store.claim_jobs(at(30) + TimeDuration::seconds(30), lease, 10, "worker-a").await.expect("claim").is_empty());
    let retaken = store.claim_jobs(at(32), lease, 10, "worker-a").await.expect("claim");
    assert_eq!(retaken.iter().map(|j| (j.id, j.attempts)).collect::<Vec<_>>(), vec![(later, 2)]);
    store.finish_job(later, at(33)).await.expect("finish");
    let counts = store.job_counts().await.expect("counts");
    assert_eq!(counts, vec![(JobState::Dead, 1), (JobState::Done, 1)]);
}

/// An instance starting again after a crash takes back the jobs it had
/// leased, due at once with their attempt counted; another instance's leases
/// still run out first. A job knows when it was queued (its letter's Message-ID uses it).
async fn an_instance_takes_back_only_its_own_leases(store: &dyn Store) {
    let lease = Duration::from_secs(300);
    let mine = store.enqueue_job(&job(JobKind::Mail, 0)).await.expect("enqueue");
    let theirs = store.enqueue_job(&job(JobKind::Mail, 0)).await.expect("enqueue");
    let done = store.enqueue_job(&job(JobKind::Mail, 0)).await.expect("enqueue");
    let taken = store.claim_jobs(at(1), lease, 1, "instance-a").await.expect("claim");
    assert_eq!(taken.iter().map(|j| (j.id, j.created_at)).collect::<Vec<_>>(), vec![(mine, at(0))]);
    assert_eq!(store.claim_jobs(at(1), lease, 1, "instance-b").await.expect("claim")[0].id, theirs);
    assert_eq!(store.claim_jobs(at(1), lease, 1, "instance-a").await.expect("claim")[0].id, done);
    store.finish_job(done, at(2)).await.expect("finish");

    // Instance A crashed and starts again, a minute later: its running job is its own again at once.
    assert_eq!(store.take_back_jobs("instance-a").await.expect("take back"), 1, "only the running job A leased");
    let again = store.claim_jobs(at(2), lease, 10, "instance-a").await.expect("claim");
    assert_eq!(again.iter().map(|j| (j.id, j.attempts)).collect::<Vec<_>>(), vec![(mine, 2)], "B's lease is respected");
    assert_eq!(store.take_back_jobs("instance-c").await.expect("take back"), 0);
    let counts = store.job_counts().await.expect("counts");
    assert_eq!(counts, vec![(JobState::Done, 1), (JobState::Running, 2)]);
}

async fn two_workers_never_get_the_same_job(store: Arc<dyn Store>, _url: String) {
    for n in 0..60 {
        store.enqueue_job(&job(JobKind::Mail, n % 3)).await.expect("enqueue");
    }
    let mut workers = Vec::new();
    for _ in 0..2 {
        let store = Arc::clone(&store);
        workers.push(tokio::spawn(async move {
            let mut mine = Vec::new();
            loop {
                let jobs = store.claim_jobs(at(10), Duration::from_secs(300), 5, "worker-a").await.expect("claim");
                if jobs.is_empty() {
                    break;
                }
                for j in jobs {
                    store.finish_job(j.id, at(11)).await.expect("finish");
                    mine.push(j.id);
                }
            }
            mine
        }));
    }
    let mut all = Vec::new();
    for w in workers {
        all.extend(w.await.expect("worker"));
    }
    let unique: BTreeSet<i64> = all.iter().copied().collect();
    assert_eq!(all.len(), 60, "every job ran");
    assert_eq!(unique.len(), 60, "and each once");
}

/// Write `value` into `table.column` of the row `id` past the store and past
/// the column's CHECK (what only someone with the database's owner rights can do).
async fn write_past_check(store: &dyn Store, url: &str, table: &str, column: &str, value: &str, id: i64) {
    let update = format!("UPDATE {table} SET {column} = '{value}' WHERE id = {id}");
    if store.backend() == "postgres" {
        raw(url, &format!("ALTER TABLE {table} DROP CONSTRAINT {table}_{column}_check; {update}")).await;
    } else {
        raw(url, &format!("PRAGMA ignore_check_constraints = ON; {update}")).await;
    }
}

fn is_bad_stored(result: &Result<impl std::fmt::Debug, StoreError>, column: &str) -> bool {
    matches!(result, Err(StoreError::Database(message)) if message.contains(column))
}

/// Channels, event kinds and job states the enums do not know are reported as
/// errors, never a panic; a job of an unknown kind dies without stopping the others.
async fn unknown_kinds_channels_and_states_are_errors(store: Arc<dyn Store>, url: String) {
    let store = store.as_ref();
    seed_places(store).await;
    store.import_service("dovidka", SOURCE_V1, moment()).await.expect("import");
    let case = submitted_case(store, "dovidka", date!(2026 - 03 - 10), 1).await;
    let other = submitted_case(store, "dovidka", date!(2026 - 03 - 10), 2).await;
    let event = store.case_events(case.id).await.expect("events")[0].id;

    write_past_check(store, &url, "cases", "channel", "kiosk", case.id).await;
    let read = store.case(case.id).await;
    assert!(is_bad_stored(&read, "cases.channel"), "{read:?}");
    let reference = case.reference.as_deref().expect("a reference");
    assert!(is_bad_stored(&store.case_by_reference(reference).await, "cases.channel"));
    assert!(is_bad_stored(&store.case_queue(&bucha_query()).await, "cases.channel"), "a queue with the case in it");
    assert_eq!(store.case(other.id).await.expect("the other case reads").expect("exists").channel, CaseChannel::Online);

    write_past_check(store, &url, "case_events", "kind", "note", event).await;
    let events = store.case_events(case.id).await;
    assert!(is_bad_stored(&events, "case_events.kind"), "{events:?}");
    assert_eq!(store.case_events(other.id).await.expect("the other case's events")[0].kind, CaseEventKind::Submitted);

    // `jobs.kind` has no CHECK: a kind no worker knows is failed for good when claimed.
    let unknown = store.enqueue_job(&job(JobKind::Mail, 0)).await.expect("enqueue");
    let known = store.enqueue_job(&job(JobKind::Notice, 0)).await.expect("enqueue");
    raw(&url, &format!("UPDATE jobs SET kind = 'sms' WHERE id = {unknown}")).await;
    let taken = store.claim_jobs(at(1), Duration::from_secs(60), 10, "worker-a").await.expect("claim");
    assert_eq!(taken.iter().map(|j| (j.id, j.kind)).collect::<Vec<_>>(), vec![(known, JobKind::Notice)]);
    assert_eq!(store.job_counts().await.expect("counts"), vec![(JobState::Dead, 1), (JobState::Running, 1)]);
    assert!(store.claim_jobs(at(100), Duration::from_secs(60), 10, "worker-a").await.expect("claim").iter().all(|j| j.id == known));

    write_past_check(store, &url, "jobs", "state", "paused", known).await;
    let counts = store.job_counts().await;
    assert!(is_bad_stored(&counts, "jobs.state"), "{counts:?}");
}

async fn notices_claim_codes_and_the_survey(store: &dyn Store) {
    seed_places(store).await;
    store.import_service("dovidka", SOURCE_V1, moment()).await.expect("import");
    let olena = resident(store, "olena@ukr.net").await;
    let taras = resident(store, "taras@ukr.net").await;
    let case = submitted_case(store, "dovidka", date!(2026 - 03 - 10), 1).await;
    store.add_notification(olena.id, Some(case.id), at(2), "Заяву отримано", "BUC-2026-000001").await.expect("notice");
    store.add_notification(olena.id, None, at(3), "Друге", "…").await.expect("notice");
    let notices = store.notifications_of(olena.id, 10).await.expect("notices");
    assert_eq!(notices.iter().map(|n| n.title.as_str()).collect::<Vec<_>>(), vec!["Друге", "Заяву отримано"], "newest first");
    assert!(store.notifications_of(taras.id, 10).await.expect("notices").is_empty());
    assert_eq!(store.mark_notifications_read(olena.id, at(4)).await.expect("read"), 2);
    assert_eq!(store.notifications_of(olena.id, 10).await.expect("notices")[0].read_at, Some(at(4)));

    store.set_claim_code(case.id, &h("code")).await.expect("code");
    assert_eq!(store.claim_case(&h("wrong"), taras.id, at(5)).await.expect("claim"), None);
    assert_eq!(store.claim_case(&h("code"), olena.id, at(5)).await.expect("claim"), Some(case.id));
    assert_eq!(store.claim_case(&h("code"), taras.id, at(6)).await.expect("claim again"), None, "a code works once");
    assert_eq!(store.case(case.id).await.expect("read").expect("exists").applicant, Some(olena.id));

    assert!(store.put_satisfaction(case.id, 4, Some("Швидко"), at(7)).await.expect("survey"));
    assert!(!store.put_satisfaction(case.id, 1, None, at(8)).await.expect("again"), "one answer per case");
    assert_eq!(store.satisfaction(case.id).await.expect("read"), Some((4, Some("Швидко".to_string()), at(7))));
}

async fn a_communitys_staff_and_the_calendar(store: &dyn Store) {
    seed_places(store).await;
    let officer = resident(store, "officer@buchanska.example.org").await;
    let admin = resident(store, "admin@kyivska.example.org").await;
    let grant = |account: AccountId, role: Role, scope: Scope| RoleGrant { account, role, scope, granted_by: None, granted_at: moment() };
    store.grant_role(&grant(officer.id, Role::Officer, Scope::Community("buchanska".into()))).await.expect("grant");
    store.grant_role(&grant(officer.id, Role::Supervisor, Scope::Community("buchanska".into()))).await.expect("grant");
    store.grant_role(&grant(admin.id, Role::RegionalAdmin, Scope::Region("kyivska".into()))).await.expect("grant");
    let staff = store.staff_of_community("buchanska").await.expect("staff");
    let roles: Vec<(AccountId, Role)> = staff.iter().map(|(id, _, _, role)| (*id, *role)).collect();
    assert_eq!(roles, vec![(officer.id, Role::Officer), (officer.id, Role::Supervisor)], "regional roles are not a community's staff");
    assert_eq!(staff[0].2, "officer@buchanska.example.org");

    store.put_non_working_day(date!(2026 - 01 - 01), "Новий рік").await.expect("day");
    store.put_non_working_day(date!(2026 - 03 - 08), "8 Березня").await.expect("day");
    assert_eq!(
        store.non_working_days_noted().await.expect("days"),
        vec![(date!(2026 - 01 - 01), "Новий рік".to_string()), (date!(2026 - 03 - 08), "8 Березня".to_string())]
    );
    assert!(store.delete_non_working_day(date!(2026 - 03 - 08)).await.expect("delete"));
    assert!(!store.delete_non_working_day(date!(2026 - 03 - 08)).await.expect("again"));
    assert_eq!(store.non_working_days().await.expect("days"), vec![date!(2026 - 01 - 01)]);
}

async fn page_feedback_is_kept_per_community_and_counted_for_the_pulse(store: &dyn Store) {
    use hromada_domain::feedback::PageKey;
    use hromada_domain::pulse::YearMonth;
    use hromada_store::NewPageFeedback;

    let answer = |community: &str, page: &str, useful: bool, comment: Option<&str>, day| NewPageFeedback {
        page: PageKey::new(community, "dovidka", page),
        useful,
        comment: comment.map(str::to_string),
        day,
    };
    store.put_page_feedback(&answer("buchanska", "start", true, None, date!(2026 - 03 - 10))).await.expect("yes");
    store.put_page_feedback(&answer("buchanska", "check", false, Some("Незрозуміло"), date!(2026 - 03 - 11))).await.expect("no");
    store.put_page_feedback(&answer("buchanska", "check", false, None, date!(2026 - 04 - 01))).await.expect("no");
    store.put_page_feedback(&answer("buchanska", "start", true, Some("Дякую"), date!(2026 - 04 - 02))).await.expect("yes");
    store.put_page_feedback(&answer("irpinska", "start", false, Some("Інша громада"), date!(2026 - 04 - 02))).await.expect("other");

    // Comments: the community's own, newest first, in pages.
    let comments = store.page_comments("buchanska", None, 10).await.expect("comments");
    assert_eq!(comments.iter().map(|c| c.comment.as_str()).collect::<Vec<_>>(), vec!["Дякую", "Незрозуміло"]);
    assert_eq!(comments[1].page_key, "service:buchanska/dovidka:page:check");
    assert_eq!((comments[1].useful, comments[1].day, comments[1].service_slug.as_str()), (false, date!(2026 - 03 - 11), "dovidka"));
    let first = store.page_comments("buchanska", None, 1).await.expect("first page");
    let next = store.page_comments("buchanska", Some(first[0].id), 1).await.expect("next page");
    assert_eq!((first[0].comment.as_str(), next[0].comment.as_str()), ("Дякую", "Незрозуміло"));
    assert!(store.page_comments("buchanska", Some(next[0].id), 1).await.expect("end").is_empty());
    assert!(store.page_comments("ternopilska", None, 10).await.expect("none").is_empty());

    // The pulse's roll-up counts every answer by month, page and answer.
    let rollups = store
        .pulse_rollups(YearMonth::new(2026, 3).unwrap(), YearMonth::new(2026, 4).unwrap(), date!(2026 - 04 - 10))
        .await
        .expect("rollups");
    let counted: Vec<(String, String, String, bool, u64)> = rollups
        .page_feedback
        .iter()
        .map(|r| (r.month.to_string(), r.community_slug.clone(), r.page_key.clone(), r.useful, r.count))
        .collect();
    assert_eq!(
        counted,
        vec![
            ("2026-03".into(), "buchanska".into(), "service:buchanska/dovidka:page:check".into(), false, 1),
            ("2026-03".into(), "buchanska".into(), "service:buchanska/dovidka:page:start".into(), true, 1),
            ("2026-04".into(), "buchanska".into(), "service:buchanska/dovidka:page:check".into(), false, 1),
            ("2026-04".into(), "buchanska".into(), "service:buchanska/dovidka:page:start".into(), true, 1),
            ("2026-04".into(), "irpinska".into(), "service:irpinska/dovidka:page:start".into(), false, 1),
        ]
    );
    store.put_page_feedback(&answer("buchanska", "check", false, None, date!(2026 - 04 - 03))).await.expect("again");
    let april = store
        .pulse_rollups(YearMonth::new(2026, 4).unwrap(), YearMonth::new(2026, 4).unwrap(), date!(2026 - 04 - 10))
        .await
        .expect("april");
    assert_eq!(april.page_feedback.iter().find(|r| r.page_key.ends_with(":check")).map(|r| r.count), Some(2));
}
