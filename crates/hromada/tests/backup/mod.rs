//! `hromada backup`, `backup verify` and `restore` as an operator runs them:
//! a backup of a running installation restores whole (its audit trail, its
//! uploads, its documents), on SQLite and on PostgreSQL; a damaged, foreign,
//! newer or misplaced backup is refused with one message and changes nothing.

use super::*;
use hromada_store::{NewCase, NewCaseFile};

/// An installation set up from nothing (init, the services, the codifier's
/// places) on `database_url` (SQLite in `data` when `None`), with one draft
/// holding an uploaded file on disk. The file's SHA-256.
fn installation_with_an_upload(data: &Path, database_url: Option<&str>) -> String {
    let with_database = |cmd: &mut Command| {
        cmd.arg("--data-dir").arg(data);
        if let Some(url) = database_url {
            cmd.args(["--database-url", url]);
        }
    };
    let mut init = hromada();
    init.args(["init", "--name", "Послуги Київщини", "--url", "https://poslugy.example.gov.ua", "--admin-email", "admin@example.gov.ua"]);
    with_database(&mut init);
    let (code, out, err) = run(init.stdin(Stdio::null()));
    assert_eq!(code, 0, "{out}{err}");
    let mut services = hromada();
    services.args(["services", "import"]).arg(services_dir());
    with_database(&mut services);
    let (code, out, err) = run(&mut services);
    assert_eq!(code, 0, "{out}{err}");
    let mut places = hromada();
    places.args(["places", "import"]).arg(codifier_fixture("katottg.csv"));
    with_database(&mut places);
    let (code, out, err) = run(&mut places);
    assert_eq!(code, 0, "{out}{err}");

    let content = format!("%PDF-1.4 a scan made for the backup test {}", hromada_store::testing::unique_name("scan"));
    let sha = hromada_domain::upload::sha256_hex(content.as_bytes());
    let dir = data.join("uploads").join(&sha[..2]);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join(&sha), &content).unwrap();
    let url = database_url.map_or_else(|| format!("sqlite://{}", data.join("hromada.db").display()), str::to_string);
    tokio::runtime::Runtime::new().unwrap().block_on(async {
        let store = hromada_store::connect(&url).await.unwrap();
        let community = store.communities().await.unwrap().into_iter().next().expect("a community from the codifier");
        let service = store.latest_services().await.unwrap().into_iter().next().expect("a service");
        let now = time::OffsetDateTime::now_utc();
        let case = store
            .create_case(&NewCase {
                community_slug: community.slug,
                service_slug: service.slug,
                service_version: service.version,
                state: hromada_store::DRAFT_STATE.into(),
                created_at: now,
                applicant: None,
                lang: hromada_domain::Lang::Uk,
                contact_email: Some("olena@example.org".into()),
                owner_token_hash: None,
                channel: hromada_domain::case::CaseChannel::Online,
                assisted_by: None,
                assisted_note: None,
            })
            .await
            .unwrap();
        store
            .add_case_file(&NewCaseFile {
                case_id: case.id,
                field: Some("scan".into()),
                name: "скан.pdf".into(),
                content_type: "application/pdf".into(),
                size: content.len() as i64,
                sha256: sha.clone(),
                uploaded_at: now,
            })
            .await
            .unwrap();
    });
    sha
}

// The commands run in English (`--lang en`) where a test reads what they say;
// `a_refusal_is_said_in_ukrainian_unless_english_is_asked_for` checks the choice of language.

fn backup(data: &Path, dest: &Path, database_url: Option<&str>) -> (i32, String, String) {
    let mut cmd = hromada();
    cmd.arg("backup").arg(dest).args(["--lang", "en", "--data-dir"]).arg(data);
    if let Some(url) = database_url {
        cmd.args(["--database-url", url]);
    }
    run(&mut cmd)
}

fn restore(src: &Path, data: &Path, database_url: Option<&str>, keys_secret: &str) -> (i32, String, String) {
    let mut cmd = hromada();
    cmd.arg("restore").arg(src).args(["--lang", "en", "--data-dir"]).arg(data).env("HROMADA_KEYS_SECRET", keys_secret);
    if let Some(url) = database_url {
        cmd.args(["--database-url", url]);
    }
    run(&mut cmd)
}

fn verify_backup(src: &Path) -> (i32, String, String) {
    run(hromada().args(["backup", "verify", "--lang", "en"]).arg(src))
}

/// Every file under `dir`, relative, with its content.
fn files_under(dir: &Path) -> std::collections::BTreeMap<PathBuf, Vec<u8>> {
    let mut found = std::collections::BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(at) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&at) else { continue };
        for entry in entries.flatten() {
            if entry.file_type().unwrap().is_dir() {
                stack.push(entry.path());
            } else {
                found.insert(entry.path().strip_prefix(dir).unwrap().to_path_buf(), std::fs::read(entry.path()).unwrap());
            }
        }
    }
    found
}

fn copy_dir(from: &Path, to: &Path) {
    for (path, bytes) in files_under(from) {
        let target = to.join(path);
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::write(target, bytes).unwrap();
    }
}

#[test]
fn a_backup_of_the_running_demo_restores_whole_and_its_documents_verify() {
    let data = TempDir::new();
    let mut server = start_with(&["demo", "--applications", "300"], data.path());
    let documents = generated_documents(data.path());
    assert!(!documents.is_empty(), "the demo's history has documents");
    let backups = TempDir::new();
    let dest = backups.path().join("first");
    let (code, out, err) = backup(data.path(), &dest, None);
    assert_eq!(code, 0, "a backup while the server runs: {out}{err}");
    assert!(out.starts_with(&format!("Backup written to {}", dest.display())), "{out}");
    assert!(out.contains("signing keys (sealed): 8"), "the eight demo communities' keys: {out}");
    let (code, out, err) = verify_backup(&dest);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("a whole backup (sqlite database"), "{out}");
    // The same folder twice: refused, the first backup untouched.
    let (code, _, err) = backup(data.path(), &dest, None);
    assert_eq!(code, 1);
    assert!(err.contains("is not empty: give a new folder for each backup"), "{err}");
    assert_eq!(verify_backup(&dest).0, 0);
    terminate(&mut server);

    let restored = TempDir::new();
    let (code, out, err) = restore(&dest, restored.path(), None, DEMO_KEYS_SECRET);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("signing keys in use open with keys_secret: 8"), "{out}");
    assert_eq!(files_under(&restored.path().join("keys")), files_under(&data.path().join("keys")), "the sealed keys, byte for byte");
    let (code, out, err) = run(hromada().args(["audit", "verify", "--data-dir"]).arg(restored.path()));
    assert_eq!(code, 0, "{out}{err}");
    assert_eq!(generated_documents(restored.path()), documents, "every document of the backup's moment");

    // The restored installation serves its documents as genuine, signed by the restored keys.
    let mut server = start_configured(&["serve"], restored.path(), &[("HROMADA_KEYS_SECRET", DEMO_KEYS_SECRET)], None);
    let (status, page) = http_get(&server.address, &format!("/verify?d={}", documents[0]));
    assert_eq!(status, 200);
    assert!(page.contains("Документ справжній і чинний"), "{page}");
    terminate(&mut server);

    // A published key whose private half is not in the data folder: no backup, which would
    // restore documents that no key of it signs; the folder is left as it was found.
    std::fs::remove_file(data.path().join("keys/BUC-1.ed25519")).unwrap();
    let lost = backups.path().join("without-a-key");
    let (code, _, err) = backup(data.path(), &lost, None);
    assert_eq!(code, 1);
    assert!(err.contains("the private key BUC-1 is not in") && err.contains("copy the keys folder"), "{err}");
    assert!(!lost.exists(), "nothing that looks like a backup is left");
}

#[test]
fn a_backup_restores_its_uploads_and_refuses_a_target_that_is_not_empty() {
    let data = TempDir::new();
    let sha = installation_with_an_upload(data.path(), None);
    let backups = TempDir::new();
    let dest = backups.path().join("b");
    let (code, out, err) = backup(data.path(), &dest, None);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("\n  uploads: 1 file, "), "{out}");
    let upload = PathBuf::from("uploads").join(&sha[..2]).join(&sha);
    assert_eq!(std::fs::read(dest.join(&upload)).unwrap(), std::fs::read(data.path().join(&upload)).unwrap());

    // `serve` with daily backups reports the newest one it finds, from its start.
    let daily = backups.path().join("daily");
    let (code, out, err) = backup(data.path(), &daily.join("hromada-2026-12-06-0230"), None);
    assert_eq!(code, 0, "{out}{err}");
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(daily.join("hromada-2026-12-06-0230/manifest.json")).unwrap()).unwrap();
    let made_at =
        time::OffsetDateTime::parse(manifest["made_at"].as_str().unwrap(), &time::format_description::well_known::Rfc3339).unwrap();
    let daily_text = daily.display().to_string();
    let mut server =
        start_configured(&["serve"], data.path(), &[("HROMADA_BACKUP_DIR", &daily_text), ("HROMADA_BACKUP_AT", "03:00")], None);
    assert!(server.stdout.iter().any(|l| l.starts_with("Daily backups at 03:00 (Kyiv time) into")), "{:?}", server.stdout);
    let (status, metrics) = http_get(&server.address, "/metrics");
    assert_eq!(status, 200);
    let at: i64 = metrics
        .lines()
        .find_map(|l| l.strip_prefix("hromada_backup_last_success_timestamp "))
        .expect("the backup's figure in /metrics")
        .parse()
        .unwrap();
    assert!((made_at.unix_timestamp()..=made_at.unix_timestamp() + 60).contains(&at), "{at} vs {made_at}");
    terminate(&mut server);

    let restored = TempDir::new();
    let secret = "a passphrase the test uses for its keys";
    let (code, out, err) = restore(&dest, restored.path(), None, secret);
    assert_eq!(code, 0, "{out}{err}");
    assert_eq!(std::fs::read(restored.path().join(&upload)).unwrap(), std::fs::read(data.path().join(&upload)).unwrap());
    let (code, out, err) = run(hromada().args(["audit", "verify", "--data-dir"]).arg(restored.path()));
    assert_eq!(code, 0, "{out}{err}");
    let installation_rows: usize = out.trim().trim_start_matches("audit trail intact: ").trim_end_matches(" rows").parse().unwrap();
    assert!(installation_rows >= 3, "init, places import and the restore itself are audited: {out}");
    let database = restored.path().join("hromada.db");
    let before = std::fs::read(&database).unwrap();

    // Again onto the restored installation: refused, nothing changed.
    let (code, _, err) = restore(&dest, restored.path(), None, secret);
    assert_eq!(code, 1);
    assert!(err.contains("already holds files: restore needs an empty data folder"), "{err}");
    assert_eq!(std::fs::read(&database).unwrap(), before);
    // A data folder without files but with a database: refused too.
    let other = TempDir::new();
    std::fs::copy(&database, other.path().join("hromada.db")).unwrap();
    let (code, _, err) = restore(&dest, other.path(), None, secret);
    assert_eq!(code, 1);
    assert!(err.contains("already exists: restore needs a new database"), "{err}");
    assert!(!other.path().join("uploads").exists());
}

#[test]
fn a_refusal_is_said_in_ukrainian_unless_english_is_asked_for() {
    let folder = TempDir::new();
    let shown = folder.path().display().to_string();
    let in_ukrainian =
        format!("hromada: у {shown} немає manifest.json: це не завершена резервна копія Hromada (маніфест записується останнім)");
    let in_english =
        format!("hromada: {shown} has no manifest.json: it is not a finished Hromada backup (a backup writes its manifest last)");
    let verify = || {
        let mut cmd = hromada();
        cmd.args(["backup", "verify"]).arg(folder.path());
        cmd
    };
    // No locale at all (as under systemd), or a Ukrainian one: Ukrainian.
    let (code, out, err) = run(&mut verify());
    assert_eq!((code, out.as_str(), err.trim()), (1, "", in_ukrainian.as_str()));
    let (code, _, err) = run(verify().env("LANG", "uk_UA.UTF-8"));
    assert_eq!((code, err.trim()), (1, in_ukrainian.as_str()));
    // An English locale, or `--lang en` over a Ukrainian one: English; LC_ALL before LANG.
    let (code, _, err) = run(verify().env("LANG", "en_GB.UTF-8"));
    assert_eq!((code, err.trim()), (1, in_english.as_str()));
    let (code, _, err) = run(verify().args(["--lang", "en"]).env("LANG", "uk_UA.UTF-8"));
    assert_eq!((code, err.trim()), (1, in_english.as_str()));
    let (code, _, err) = run(verify().env("LANG", "en_GB.UTF-8").env("LC_ALL", "uk_UA.UTF-8"));
    assert_eq!((code, err.trim()), (1, in_ukrainian.as_str()));
    let (code, _, err) = run(verify().args(["--lang", "de"]));
    assert_ne!(code, 0);
    assert!(err.contains("--lang de: say uk or en"), "{err}");

    // restore says the same of the same folder, and writes nothing.
    let target = TempDir::new();
    let restore = |lang: &[&str]| run(hromada().arg("restore").arg(folder.path()).args(lang).arg("--data-dir").arg(target.path()));
    let (code, _, err) = restore(&[]);
    assert_eq!((code, err.trim()), (1, in_ukrainian.as_str()));
    let (code, _, err) = restore(&["--lang", "en"]);
    assert_eq!((code, err.trim()), (1, in_english.as_str()));
    assert!(files_under(target.path()).is_empty());

    // backup of a data folder without a database: it names the file and what to check.
    let dest = target.path().join("backup");
    let database = target.path().join("hromada.db").display().to_string();
    let backup = |lang: &[&str]| run(hromada().arg("backup").arg(&dest).args(lang).arg("--data-dir").arg(target.path()));
    let (code, _, err) = backup(&[]);
    assert_eq!((code, err.trim()), (1, format!("hromada: файлу бази даних {database} немає: перевірте data_dir і database_url").as_str()));
    let (code, _, err) = backup(&["--lang", "en"]);
    assert_eq!((code, err.trim()), (1, format!("hromada: there is no database at {database}: check data_dir and database_url").as_str()));
    assert!(!dest.exists());
}

#[test]
fn a_damaged_foreign_or_newer_backup_is_refused_with_one_message_and_changes_nothing() {
    let data = TempDir::new();
    let sha = installation_with_an_upload(data.path(), None);
    let backups = TempDir::new();
    let good = backups.path().join("good");
    assert_eq!(backup(data.path(), &good, None).0, 0);
    let upload = PathBuf::from("uploads").join(&sha[..2]).join(&sha);
    let secret = "a passphrase the test uses for its keys";

    let refused = |name: &str, damage: &dyn Fn(&Path), expected: &str| {
        let copy = backups.path().join(name);
        copy_dir(&good, &copy);
        damage(&copy);
        let (code, _, err) = verify_backup(&copy);
        assert_eq!(code, 1, "{name}: verify fails");
        assert!(err.contains(expected), "{name}: {err}");
        assert_eq!(err.trim().lines().count(), 1, "one message: {err}");
        let target = TempDir::new();
        let (code, _, err) = restore(&copy, target.path(), None, secret);
        assert_eq!(code, 1, "{name}: restore refuses");
        assert!(err.contains(expected), "{name}: {err}");
        assert!(files_under(target.path()).is_empty(), "{name}: nothing written on the target");
    };
    refused(
        "changed byte",
        &|b| {
            let path = b.join(&upload);
            let mut bytes = std::fs::read(&path).unwrap();
            bytes[3] ^= 1;
            std::fs::write(path, bytes).unwrap();
        },
        &format!("{}: its content has changed since the backup", upload.display()),
    );
    refused("truncated", &|b| std::fs::write(b.join("database.sqlite"), b"SQLite").unwrap(), "the file is truncated or changed");
    refused("missing file", &|b| std::fs::remove_file(b.join(&upload)).unwrap(), "missing (the manifest lists it)");
    refused("unfinished", &|b| std::fs::remove_file(b.join("manifest.json")).unwrap(), "it is not a finished Hromada backup");
    let edit_manifest = |from: &'static str, to: &'static str| {
        move |b: &Path| {
            let path = b.join("manifest.json");
            let text = std::fs::read_to_string(&path).unwrap();
            assert!(text.contains(from), "{text}");
            std::fs::write(path, text.replace(from, to)).unwrap();
        }
    };
    refused(
        "newer format",
        &edit_manifest("\"format_version\": 1", "\"format_version\": 2"),
        "backup format 2 was made by a newer Hromada",
    );
    refused("foreign", &edit_manifest("\"format\": \"hromada-backup\"", "\"format\": \"other\""), "not the manifest of a Hromada backup");
    refused("hostile path", &edit_manifest("\"path\": \"uploads/", "\"path\": \"../../uploads/"), "a path outside the backup: refused");

    // A newer schema: the files are whole, so it verifies, but this Hromada cannot restore it.
    let newer = backups.path().join("newer");
    copy_dir(&good, &newer);
    edit_manifest("\"schema_version\": ", "\"schema_version\": 9")(&newer);
    assert_eq!(verify_backup(&newer).0, 0);
    let target = TempDir::new();
    let (code, _, err) = restore(&newer, target.path(), None, secret);
    assert_eq!(code, 1);
    assert!(err.contains("was made by a newer Hromada"), "{err}");
    assert!(files_under(target.path()).is_empty());

    // The wrong database kind.
    let target = TempDir::new();
    let (code, _, err) = restore(&good, target.path(), Some("postgres://nobody@127.0.0.1:1/none"), secret);
    assert_eq!(code, 1);
    assert!(err.contains("this backup is of a sqlite database"), "{err}");
}

#[test]
fn a_backup_on_postgresql_restores_onto_an_empty_database_only() {
    let Ok(admin_url) = std::env::var(hromada_store::testing::POSTGRES_URL_VAR) else {
        eprintln!("note: HROMADA_TEST_POSTGRES_URL is not set; skipping the PostgreSQL backup test");
        return;
    };
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let names = [hromada_store::testing::unique_name("hromada_backup"), hromada_store::testing::unique_name("hromada_restore")];
    for name in &names {
        runtime.block_on(hromada_store::testing::execute_raw(&admin_url, &format!("CREATE DATABASE \"{name}\""))).unwrap();
    }
    let [source, target] = names.clone().map(|name| hromada_store::testing::with_database(&admin_url, &name));
    let checked = std::panic::catch_unwind(|| {
        let data = TempDir::new();
        let sha = installation_with_an_upload(data.path(), Some(&source));
        let backups = TempDir::new();
        let dest = backups.path().join("pg");
        let (code, out, err) = backup(data.path(), &dest, Some(&source));
        assert_eq!(code, 0, "{out}{err}");
        assert!(out.contains("database (postgres, schema"), "{out}");
        assert!(dest.join("database.pgdump").is_file());
        let restored = TempDir::new();
        let secret = "a passphrase the test uses for its keys";
        let (code, out, err) = restore(&dest, restored.path(), Some(&target), secret);
        assert_eq!(code, 0, "{out}{err}");
        let upload = PathBuf::from("uploads").join(&sha[..2]).join(&sha);
        assert_eq!(std::fs::read(restored.path().join(&upload)).unwrap(), std::fs::read(data.path().join(&upload)).unwrap());
        let (code, out, err) =
            run(hromada().args(["audit", "verify", "--data-dir"]).arg(restored.path()).args(["--database-url", &target]));
        assert_eq!(code, 0, "{out}{err}");
        let cases = |url: &str| {
            tokio::runtime::Runtime::new().unwrap().block_on(async {
                let store = hromada_store::connect(url).await.unwrap();
                let ids = store.stored_file_hashes().await.unwrap();
                let communities = store.communities().await.unwrap();
                (ids, communities)
            })
        };
        assert_eq!(cases(&target), cases(&source), "the same places and uploads");
        // Onto a database with tables: refused.
        let again = TempDir::new();
        let (code, _, err) = restore(&dest, again.path(), Some(&target), secret);
        assert_eq!(code, 1);
        assert!(err.contains("tables: restore needs a new, empty database"), "{err}");
        assert!(files_under(again.path()).is_empty());
    });
    for name in &names {
        let _ =
            runtime.block_on(hromada_store::testing::execute_raw(&admin_url, &format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)")));
    }
    if let Err(panic) = checked {
        std::panic::resume_unwind(panic);
    }
}
