//! What `hromada backup` and `hromada restore` ask of every backend: the
//! schema's version against the build's, whether a database is empty, the
//! uploaded contents the cases refer to, and (SQLite) a consistent copy made
//! while another connection goes on writing, with the uploaded contents the
//! copy refers to.

use super::*;
use hromada_store::BackupStore as _;

conformance! {
    a_migrated_database_names_its_schema_version =>
        a_migrated_database_names_its_schema_version_sqlite, a_migrated_database_names_its_schema_version_postgres;
    stored_file_hashes_are_each_content_once =>
        stored_file_hashes_are_each_content_once_sqlite, stored_file_hashes_are_each_content_once_postgres;
}

async fn a_migrated_database_names_its_schema_version(store: &dyn Store) {
    let known = store.known_schema_version();
    assert!(known >= 12, "the build knows its migrations (0012 is the installation's): {known}");
    assert_eq!(store.schema_version().await.expect("version"), Some(known), "a migrated database is at the build's version");
    assert!(store.table_count().await.expect("tables") > 10, "a migrated database has the schema's tables");
}

async fn stored_file_hashes_are_each_content_once(store: &dyn Store) {
    seed_places(store).await;
    store.import_service("dovidka", SOURCE_V1, moment()).await.expect("import");
    assert!(store.stored_file_hashes().await.expect("none yet").is_empty());
    let draft = store.create_case(&draft_of(None, None)).await.expect("draft");
    let other = store.create_case(&draft_of(None, None)).await.expect("other draft");
    store.add_case_file(&file_of(draft.id, "passport", "b")).await.expect("file b");
    store.add_case_file(&file_of(draft.id, "passport", "a")).await.expect("file a");
    store.add_case_file(&file_of(other.id, "passport", "a")).await.expect("the same content in another case");
    let mut expected = vec![h("a"), h("b")];
    expected.sort();
    assert_eq!(store.stored_file_hashes().await.expect("hashes"), expected);
}

/// The uploads a backup copies are those its copy of the database refers to,
/// read from the copy: a file row deleted from the live database after the
/// copy's moment (a draft's file removed) must still be copied, and one added
/// after it is not the copy's.
#[tokio::test]
async fn a_sqlite_snapshot_names_the_uploads_of_its_copy_each_once() {
    let db = TestDb::sqlite().await;
    let store = db.store.as_ref();
    seed_places(store).await;
    store.import_service("dovidka", SOURCE_V1, moment()).await.expect("import");
    let dir = TempDir::new();
    assert!(store.snapshot_into(&dir.path().join("empty.sqlite")).await.expect("a copy without uploads").is_empty());
    let draft = store.create_case(&draft_of(None, None)).await.expect("draft");
    let other = store.create_case(&draft_of(None, None)).await.expect("other draft");
    let removed = store.add_case_file(&file_of(draft.id, "passport", "b")).await.expect("file b");
    store.add_case_file(&file_of(draft.id, "passport", "a")).await.expect("file a");
    store.add_case_file(&file_of(other.id, "passport", "a")).await.expect("the same content in another case");
    let mut expected = vec![h("a"), h("b")];
    expected.sort();
    assert_eq!(store.snapshot_into(&dir.path().join("copy.sqlite")).await.expect("copy"), expected);
    // After the copy: b's row goes, c's comes; the copy's list is the copy's.
    assert!(store.remove_case_file(draft.id, removed.id).await.expect("remove"), "b's row is removed from the draft");
    store.add_case_file(&file_of(other.id, "passport", "c")).await.expect("file c");
    let copied = SqliteStore::open(&dir.path().join("copy.sqlite")).await.expect("the copy opens");
    assert_eq!(copied.case_files(draft.id).await.expect("files").len(), 2, "the copy still refers to b");
    let mut later = vec![h("a"), h("c")];
    later.sort();
    assert_eq!(store.snapshot_into(&dir.path().join("later.sqlite")).await.expect("a later copy"), later);
    db.cleanup().await;
}

#[tokio::test]
async fn a_new_database_has_no_schema_and_no_tables() {
    let dir = TempDir::new();
    let store = SqliteStore::open(&dir.path().join("new.db")).await.expect("open");
    assert_eq!(store.schema_version().await.expect("version"), None);
    assert_eq!(store.table_count().await.expect("tables"), 0);
    if let Some(db) = TestDb::postgres().await {
        // TestDb migrates: drop its tables to see an empty one.
        execute_raw(&db.url, "DROP SCHEMA public CASCADE; CREATE SCHEMA public").await.expect("drop the tables");
        let result = tokio::spawn({
            let store = Arc::clone(&db.store);
            async move {
                assert_eq!(store.schema_version().await.expect("version"), None);
                assert_eq!(store.table_count().await.expect("tables"), 0);
            }
        })
        .await;
        db.cleanup().await;
        finish(result);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_sqlite_snapshot_is_consistent_while_submissions_go_on() {
    let db = TestDb::sqlite().await;
    let store = Arc::clone(&db.store);
    seed_places(store.as_ref()).await;
    store.import_service("dovidka", SOURCE_V1, moment()).await.expect("import");
    let mut before = Vec::new();
    for _ in 0..50 {
        before.push(store.create_case(&draft_of(None, None)).await.expect("draft").id);
    }
    // A writer that goes on making drafts during the copy.
    let writing = tokio::spawn({
        let store = Arc::clone(&store);
        async move {
            let mut made = Vec::new();
            for _ in 0..200 {
                made.push(store.create_case(&draft_of(None, None)).await.expect("a draft during the copy").id);
            }
            made
        }
    });
    let dir = TempDir::new();
    let copy = dir.path().join("copy.sqlite");
    store.snapshot_into(&copy).await.expect("snapshot");
    let during = writing.await.expect("the copy did not stop the writer");
    assert_eq!(during.len(), 200);
    assert!(store.snapshot_into(&copy).await.is_err(), "a copy never overwrites a file");

    let copied = SqliteStore::open(&copy).await.expect("the copy opens");
    assert_eq!(copied.schema_version().await.expect("version"), Some(store.known_schema_version()));
    for id in &before {
        assert!(copied.case(*id).await.expect("read").is_some(), "case {id}, made before the copy, is in it");
    }
    // A moment's copy: the drafts made during it are a first part of them, never one with a gap.
    let mut present = Vec::new();
    for id in &during {
        present.push(copied.case(*id).await.expect("read").is_some());
    }
    let first_missing = present.iter().position(|p| !p).unwrap_or(present.len());
    assert!(present[first_missing..].iter().all(|p| !p), "the copy is of one moment: {present:?}");
    db.cleanup().await;
}
