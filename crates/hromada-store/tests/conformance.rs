//! Conformance of every `Store` backend: each scenario runs against a fresh
//! SQLite file and, when `HROMADA_TEST_POSTGRES_URL` is set (for example
//! `postgres://postgres@127.0.0.1:5432/test`), against a fresh PostgreSQL
//! database created for it and dropped afterwards. Without the variable the
//! PostgreSQL half is skipped with a note on stderr.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::sync::Arc;

use hromada_domain::Text;
use hromada_domain::audit::{AuditEvent, AuditHead, AuditRow, ChainBreak, GENESIS_HASH, row_hash, verify_chain};
use hromada_domain::place::{Community, Region};
use hromada_store::testing::{TempDir, TestDb, execute_raw};
use hromada_store::{ImportOutcome, NewCase, PgStore, SqliteStore, Store, StoreError, verify_audit_trail};
use time::macros::{date, datetime};
use time::{OffsetDateTime, UtcOffset};

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
    concurrent_imports_get_distinct_versions =>
        concurrent_imports_get_distinct_versions_sqlite, concurrent_imports_get_distinct_versions_postgres;
    case_keeps_its_definition_version =>
        case_keeps_its_definition_version_sqlite, case_keeps_its_definition_version_postgres;
    offers_are_idempotent_and_checked => offers_are_idempotent_and_checked_sqlite, offers_are_idempotent_and_checked_postgres;
    non_working_days_round_trip => non_working_days_round_trip_sqlite, non_working_days_round_trip_postgres;
    ping_and_stats => ping_and_stats_sqlite, ping_and_stats_postgres;
    audit_appends_make_a_chain => audit_appends_make_a_chain_sqlite, audit_appends_make_a_chain_postgres;
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
}

// ---------------------------------------------------------------------------
// Fixtures
// ---------------------------------------------------------------------------

fn kyivska() -> Region {
    Region { slug: "kyivska".into(), name: Text::new("Київська область", "Kyiv Oblast") }
}

fn lvivska() -> Region {
    // No English name: `Text::en == None` must come back as `None`.
    Region { slug: "lvivska".into(), name: Text { uk: "Львівська область".into(), en: None } }
}

fn buchanska() -> Community {
    Community {
        slug: "buchanska".into(),
        region_slug: "kyivska".into(),
        code: "BUC".into(),
        name: Text::new("Бучанська міська територіальна громада", "Bucha City Community"),
        address: Text::new("вул. Енергетиків, 12, м. Буча, 08292", "12 Enerhetykiv St, Bucha, 08292"),
        phone: "+380 4597 4-94-00".into(),
        email: "cnap@bucha-rada.gov.ua".into(),
        opening_hours: Text::new("Пн–Пт 08:00–17:00; «ЦНАП» — до 20:00 у ср", "Mon–Fri 08:00–17:00"),
    }
}

fn irpinska() -> Community {
    Community {
        slug: "irpinska".into(),
        region_slug: "kyivska".into(),
        code: "IRP".into(),
        name: Text { uk: "Ірпінська міська громада".into(), en: None },
        address: Text { uk: "вул. Шевченка, 2-а, м. Ірпінь".into(), en: None },
        phone: "+380 4597 5-70-00".into(),
        email: "irpin@example.gov.ua".into(),
        opening_hours: Text {
            uk: "Пн–Пт 09:00–18:00, обідня перерва 13:00–13:45".into(), en: Some(String::new())
        },
    }
}

const SOURCE_V1: &str =
    "slug = \"dovidka\"\n[title]\nuk = \"Довідка про склад сім'ї\"\nen = \"Family composition certificate\"\n";
const SOURCE_V2: &str = "slug = \"dovidka\"\n[title]\nuk = \"Довідка про склад сім’ї (оновлено)\"\nen = \"Family composition certificate\"\n";

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
    community.address.en = Some("Bucha, Kyiv Oblast".into());
    community.opening_hours = Text::new("Пн–Сб 08:00–20:00", "Mon–Sat 08:00–20:00");
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
    let other = store.import_service("aktovi-zapysy", "slug = \"aktovi-zapysy\"\n", later).await.expect("import");
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
    store.import_service("abc", "abc", later).await.expect("import abc");
    let abc = store.service_version("abc", 1).await.expect("abc").expect("abc v1");
    assert_eq!(abc.sha256, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");

    // Going back to an earlier text is a change against the latest version.
    let back = store.import_service("dovidka", SOURCE_V1, later).await.expect("revert import");
    assert_eq!(back, ImportOutcome::Created { version: 3 });
}

async fn concurrent_imports_get_distinct_versions(store: &dyn Store) {
    let sources: Vec<String> = (0..4).map(|i| format!("slug = \"dovidka\"\nrevision = {i}\n")).collect();
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
    let (x, y) = tokio::join!(
        store.import_service("dovidka", SOURCE_V1, moment()),
        store.import_service("dovidka", SOURCE_V1, moment()),
    );
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
    store.import_service("aktovi-zapysy", "slug = \"aktovi-zapysy\"\n", moment()).await.expect("import");
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
    let expected = vec![
        ("buchanska".to_string(), "aktovi-zapysy".to_string()),
        ("buchanska".to_string(), "dovidka".to_string()),
        ("irpinska".to_string(), "dovidka".to_string()),
    ];
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
            assert!(
                message.contains("append-only") || message.contains("audit_head"),
                "{sql}: unexpected error: {message}"
            );
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
    assert_eq!(
        reopened.import_service("dovidka", SOURCE_V1, moment()).await.expect("import"),
        ImportOutcome::Unchanged { version: 1 }
    );
}

#[tokio::test]
async fn postgres_connect_failure_is_unavailable_without_password() {
    let url = "postgres://hromada:Sup3r-S3cret@127.0.0.1:1/hromada";
    let err = PgStore::connect(url).await.expect_err("nothing listens on port 1");
    let shown = format!("{err} / {err:?}");
    assert!(!shown.contains("Sup3r-S3cret"), "password leaked: {shown}");
    assert!(matches!(err, StoreError::Unavailable(_)), "expected Unavailable, got {err:?}");
}
