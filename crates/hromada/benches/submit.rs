//! Helpers of `bench/submit.sh` (durable submissions over HTTP against a bare
//! SQLite insert loop) and `bench/backup.sh` (submissions while a backup runs).
//! Not a Criterion benchmark: a small command-line tool, built by
//! `cargo bench --no-run -p hromada --bench submit`.
//!
//!     submit prepare     --db PATH --drafts N   # one resident with a session, N complete drafts
//!     submit baseline    --db PATH --seconds S --row-bytes B
//!     submit count       --db PATH [--uploads DIR]   # submitted cases, files (missing from DIR)
//!     submit attach      --db PATH --data-dir DIR --mb M [--file-kb K]   # ~M MB of uploads
//!     submit drop-drafts --db PATH --from ID --to ID   # a run's unused drafts
//!
//! `prepare` and `attach` expect the demo installation in the database (the
//! scripts run `hromada demo` once on the data folder first); the commands print
//! `KEY=VALUE` lines for the shell. `cargo bench` adds a `--bench` argument; it is ignored.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::str::FromStr;
use std::time::{Duration, Instant};

use hromada_domain::account::{NewAccount, SessionRecord};
use hromada_domain::auth::SecretToken;
use hromada_domain::clock::{Clock, SystemClock, kyiv_time};
use hromada_domain::deadline::{WorkCalendar, due_date};
use hromada_domain::definition::{Answers, ServiceDefinition, parse_definition};
use hromada_domain::{Lang, form};
use hromada_store::{DRAFT_STATE, NewCase, SqliteStore, Store, Submission, SubmitOutcome};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqliteSynchronous};
use sqlx::{AssertSqlSafe, ConnectOptions, Connection, SqliteConnection};

/// The service every draft is made for: account optional, nine simple fields,
/// an e-mail on submission.
const SERVICE: &str = "zapyt-na-publichnu-informatsiiu";
const COMMUNITY: &str = "buchanska";
const EMAIL: &str = "bench.resident@bench.hromada.example";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).filter(|a| a != "--bench").collect();
    let Some((command, rest)) = args.split_first() else {
        eprintln!("usage: submit prepare|baseline|count|attach|drop-drafts --db PATH [...]");
        return ExitCode::from(2);
    };
    let flag = |name: &str| -> Option<String> { rest.iter().position(|a| a == name).and_then(|i| rest.get(i + 1)).cloned() };
    let number = |name: &str, default: u64| -> u64 {
        flag(name).map_or(default, |v| u64::from_str(&v).unwrap_or_else(|_| panic!("{name}: not a number: {v}")))
    };
    let Some(db) = flag("--db").map(PathBuf::from) else {
        eprintln!("--db PATH is required");
        return ExitCode::from(2);
    };
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().expect("runtime");
    let result = runtime.block_on(async {
        match command.as_str() {
            "prepare" => prepare(&db, number("--drafts", 10_000)).await,
            "baseline" => baseline(&db, Duration::from_secs(number("--seconds", 10)), number("--row-bytes", 700)).await,
            "count" => count(&db, flag("--uploads").map(PathBuf::from).as_deref()).await,
            "attach" => {
                let Some(data_dir) = flag("--data-dir").map(PathBuf::from) else {
                    return Err("attach needs --data-dir DIR (where uploads/ is)".to_string());
                };
                attach(&db, &data_dir, number("--mb", 1024), number("--file-kb", 512)).await
            }
            "drop-drafts" => drop_drafts(&db, number("--from", 0), number("--to", 0)).await,
            other => Err(format!("unknown command {other}")),
        }
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("submit: {message}");
            ExitCode::FAILURE
        }
    }
}

fn random_token() -> SecretToken {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).expect("random");
    SecretToken::from_bytes(bytes)
}

/// What a resident would type, page by page, checked and normalised by the
/// same `form::check_page` the web uses.
fn answers_for(definition: &ServiceDefinition, today: time::Date) -> Result<Answers, String> {
    let raw: &[(&str, &str)] = &[
        (
            "request_text",
            "Копія рішення виконавчого комітету від 01.02.2026 № 15 «Про ремонт дороги на вул. Шевченка» з додатками та кошторисом робіт",
        ),
        ("urgent", "no"),
        ("answer_channel", "email"),
        ("requester_kind", "person"),
        ("full_name", "Коваль Олена Петрівна"),
        ("email", EMAIL),
        ("phone", "+380 44 000 01 01"),
        ("contacts_correct", form::DECLARATION_TICKED),
    ];
    let mut answers = Answers::new();
    for page in &definition.pages {
        let submitted: Answers = raw
            .iter()
            .filter(|(id, _)| page.fields.iter().any(|f| f.id == *id))
            .map(|(id, v)| ((*id).to_string(), vec![(*v).to_string()]))
            .collect();
        let (checked, errors) = form::check_page(definition, page, &submitted, &answers, today);
        if !errors.is_empty() {
            return Err(format!("page {}: {errors:?}", page.id));
        }
        answers.extend(checked);
    }
    let answers = form::prune(definition, &answers);
    let errors = form::check_all(definition, &answers, today);
    if errors.is_empty() { Ok(answers) } else { Err(format!("the answers do not pass check_all: {errors:?}")) }
}

async fn raw_connection(db: &Path) -> Result<SqliteConnection, String> {
    SqliteConnectOptions::new()
        .filename(db)
        .foreign_keys(true)
        .synchronous(SqliteSynchronous::Full)
        .busy_timeout(Duration::from_secs(30))
        .connect()
        .await
        .map_err(|e| format!("cannot open {}: {e}", db.display()))
}

/// One resident with a fresh session, and `drafts` complete drafts of [`SERVICE`] in [`COMMUNITY`].
async fn prepare(db: &Path, drafts: u64) -> Result<(), String> {
    let fail = |e: hromada_store::StoreError| e.to_string();
    let store = SqliteStore::open(db).await.map_err(fail)?;
    store.migrate().await.map_err(fail)?;
    let community = store
        .communities()
        .await
        .map_err(fail)?
        .into_iter()
        .find(|c| c.slug == COMMUNITY)
        .ok_or("no demo data: run `hromada demo` on this data folder first")?;
    let service = store
        .latest_services()
        .await
        .map_err(fail)?
        .into_iter()
        .find(|s| s.slug == SERVICE)
        .ok_or("no demo services: run `hromada demo` on this data folder first")?;
    let definition = parse_definition(&service.source, Some(SERVICE)).definition.ok_or("the stored definition does not parse")?;
    let now = SystemClock.now();
    let today = kyiv_time(now).date();
    let answers = answers_for(&definition, today)?;

    // The resident, as registration and confirmation leave them (no password: nobody signs in).
    let account = match store.account_by_email(EMAIL).await.map_err(fail)? {
        Some(account) => account,
        None => {
            let account = store
                .create_account(&NewAccount {
                    email: EMAIL.into(),
                    display_name: "Олена Коваль".into(),
                    password_hash: None,
                    is_staff: false,
                    preferred_lang: Lang::Uk,
                    created_at: now,
                })
                .await
                .map_err(fail)?;
            store.confirm_email(account.id, now).await.map_err(fail)?;
            account
        }
    };
    // A session as `session::start` makes one (resident time-outs: 60 min idle, 12 h absolute).
    let session = random_token();
    store
        .create_session(&SessionRecord {
            id_hash: session.hash(),
            account: account.id,
            created_at: now,
            last_seen_at: now,
            idle_expires_at: now + Duration::from_secs(60 * 60),
            absolute_expires_at: now + Duration::from_secs(12 * 60 * 60),
            second_factor_done: false,
        })
        .await
        .map_err(fail)?;
    let csrf = random_token();

    // The first draft exactly as the journey makes it: `start` creates the case,
    // each page saves the answers so far.
    let new_case = NewCase {
        community_slug: community.slug.clone(),
        service_slug: service.slug.clone(),
        service_version: service.version,
        state: DRAFT_STATE.into(),
        created_at: now,
        applicant: Some(account.id),
        lang: Lang::Uk,
        contact_email: Some(account.email.clone()),
        owner_token_hash: None,
        channel: hromada_domain::case::CaseChannel::Online,
        assisted_by: None,
        assisted_note: None,
    };
    let sample = store.create_case(&new_case).await.map_err(fail)?;
    store.save_draft_answers(sample.id, &answers, now).await.map_err(fail)?;
    let template = store.create_case(&new_case).await.map_err(fail)?;
    store.save_draft_answers(template.id, &answers, now).await.map_err(fail)?;

    // The sample is submitted through the store, as the handler does, to measure
    // what one submission writes.
    let calendar = WorkCalendar::new(store.non_working_days().await.map_err(fail)?);
    let submission = Submission {
        case_id: sample.id,
        community_code: community.code.clone(),
        year: today.year(),
        state: definition.workflow.start.clone(),
        at: now,
        due_on: Some(due_date(today, &definition.deadline, &calendar)),
        answers: form::prune(&definition, &answers),
        contact_email: Some(account.email.clone()),
        owner_token_hash: None,
        jobs: Vec::new(),
    };
    match store.submit_case(&submission).await.map_err(fail)? {
        SubmitOutcome::Submitted { .. } => {}
        other => return Err(format!("the sample draft was not submitted: {other:?}")),
    }
    drop(store);

    let mut conn = raw_connection(db).await?;
    let sql_err = |e: sqlx::Error| e.to_string();
    // Bytes of the values one submission writes: the case row (rewritten whole),
    // its `submitted` event and the reference counter row.
    // Every value counts its length as text or blob (an integer as its digits).
    let mut sizes = Vec::new();
    for table in ["cases", "case_events", "reference_counters"] {
        let columns: Vec<String> = sqlx::query_scalar(AssertSqlSafe(format!("SELECT name FROM pragma_table_info('{table}')")))
            .fetch_all(&mut conn)
            .await
            .map_err(sql_err)?;
        sizes.push(columns.iter().map(|c| format!("coalesce(length(CAST(\"{c}\" AS BLOB)), 0)")).collect::<Vec<_>>().join(" + "));
    }
    let (case_bytes, event_bytes, counter_bytes): (i64, i64, i64) = sqlx::query_as(AssertSqlSafe(format!(
        "SELECT (SELECT {} FROM cases WHERE id = ?1), \
                (SELECT {} FROM case_events WHERE case_id = ?1), \
                (SELECT {} FROM reference_counters WHERE community_code = ?2 AND year = ?3)",
        sizes[0], sizes[1], sizes[2]
    )))
    .bind(sample.id)
    .bind(&community.code)
    .bind(today.year())
    .fetch_one(&mut conn)
    .await
    .map_err(sql_err)?;

    // The other drafts are copies of the template row, made in one transaction:
    // N drafts made one by one through the store would cost 2N commits.
    let columns: Vec<String> = sqlx::query_scalar("SELECT name FROM pragma_table_info('cases') WHERE name <> 'id' ORDER BY cid")
        .fetch_all(&mut conn)
        .await
        .map_err(sql_err)?;
    let columns = columns.join(", ");
    let mut tx = conn.begin().await.map_err(sql_err)?;
    let copies = drafts.saturating_sub(1);
    if copies > 0 {
        sqlx::query(AssertSqlSafe(format!(
            "INSERT INTO cases ({columns}) WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?) \
             SELECT {columns} FROM n, cases WHERE cases.id = ? ORDER BY n.i"
        )))
        .bind(i64::try_from(copies).map_err(|e| e.to_string())?)
        .bind(template.id)
        .execute(&mut *tx)
        .await
        .map_err(sql_err)?;
    }
    let last: i64 = sqlx::query_scalar("SELECT max(id) FROM cases").fetch_one(&mut *tx).await.map_err(sql_err)?;
    tx.commit().await.map_err(sql_err)?;
    let expected = i64::try_from(drafts).map_err(|e| e.to_string())?;
    if last - template.id + 1 != expected {
        return Err(format!("ids are not contiguous: {}..={last} for {drafts} drafts", template.id));
    }
    conn.close().await.map_err(sql_err)?;

    println!("FIRST_ID={}", template.id);
    println!("LAST_ID={last}");
    println!("SESSION={session}");
    println!("CSRF={csrf}");
    println!("CASE_BYTES={case_bytes}");
    println!("EVENT_BYTES={event_bytes}");
    println!("COUNTER_BYTES={counter_bytes}");
    println!("ROW_BYTES={}", case_bytes + event_bytes + counter_bytes);
    Ok(())
}

/// The bare loop: one row of `row_bytes` bytes per transaction, for `seconds`, into
/// a fresh file at `db` (WAL, synchronous=FULL); prints inserts/s and commit latencies.
async fn baseline(db: &Path, seconds: Duration, row_bytes: u64) -> Result<(), String> {
    for suffix in ["", "-wal", "-shm"] {
        let mut path = db.as_os_str().to_owned();
        path.push(suffix);
        let _ = std::fs::remove_file(PathBuf::from(path));
    }
    let sql_err = |e: sqlx::Error| e.to_string();
    let mut conn = SqliteConnectOptions::new()
        .filename(db)
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Full)
        .connect()
        .await
        .map_err(|e| format!("cannot create {}: {e}", db.display()))?;
    sqlx::query("CREATE TABLE rows (id INTEGER PRIMARY KEY, body BLOB NOT NULL)").execute(&mut conn).await.map_err(sql_err)?;
    let mut body = vec![0u8; usize::try_from(row_bytes).map_err(|e| e.to_string())?];
    getrandom::fill(&mut body).map_err(|e| e.to_string())?;
    let mut latencies = Vec::with_capacity(100_000);
    let start = Instant::now();
    while start.elapsed() < seconds {
        let t = Instant::now();
        // Autocommit: the statement is its own transaction, committed (and fsynced) before it returns.
        sqlx::query("INSERT INTO rows (body) VALUES (?)").bind(&body).execute(&mut conn).await.map_err(sql_err)?;
        latencies.push(t.elapsed());
    }
    let elapsed = start.elapsed().as_secs_f64();
    conn.close().await.map_err(sql_err)?;
    latencies.sort_unstable();
    let pct = |p: f64| -> f64 {
        let i = ((latencies.len() as f64 * p).ceil() as usize).clamp(1, latencies.len()) - 1;
        latencies[i].as_secs_f64() * 1000.0
    };
    println!("INSERTS={}", latencies.len());
    println!("RATE={:.1}", latencies.len() as f64 / elapsed);
    println!("P50_MS={:.3}", pct(0.50));
    println!("P99_MS={:.3}", pct(0.99));
    Ok(())
}

/// Submitted cases (those with a reference), their `submitted` events, and the
/// distinct uploads the cases refer to; with `uploads` (an `uploads/` folder laid
/// out as `ab/abcdef…`), how many of those are not in it.
async fn count(db: &Path, uploads: Option<&Path>) -> Result<(), String> {
    let mut conn = SqliteConnectOptions::new()
        .filename(db)
        .read_only(true)
        .connect()
        .await
        .map_err(|e| format!("cannot open {}: {e}", db.display()))?;
    let (submitted, events): (i64, i64) = sqlx::query_as(
        "SELECT (SELECT count(*) FROM cases WHERE reference IS NOT NULL), \
                (SELECT count(*) FROM case_events WHERE kind = 'submitted')",
    )
    .fetch_one(&mut conn)
    .await
    .map_err(|e| e.to_string())?;
    let hashes: Vec<String> =
        sqlx::query_scalar("SELECT DISTINCT sha256 FROM case_files").fetch_all(&mut conn).await.map_err(|e| e.to_string())?;
    println!("SUBMITTED={submitted}");
    println!("EVENTS={events}");
    println!("FILES={}", hashes.len());
    if let Some(dir) = uploads {
        let missing = hashes.iter().filter(|sha| sha.len() < 2 || !dir.join(&sha[..2]).join(sha.as_str()).is_file()).count();
        println!("MISSING_UPLOADS={missing}");
    }
    Ok(())
}

/// Files of unique random content totalling `mb` MiB (each between a quarter
/// and 7/4 of `file_kb` KiB, so `file_kb` on average), each a resident's
/// message with an attachment on a submitted case picked at random: the
/// content written by the server's own [`hromada_web::FileStore`] (temporary
/// name, fsync, rename, fsync of the folder) to `<data_dir>/uploads/ab/<sha256>`,
/// the `case_files` row by [`Store::record_case_event`], as the resident's
/// page does.
async fn attach(db: &Path, data_dir: &Path, mb: u64, file_kb: u64) -> Result<(), String> {
    use hromada_domain::case::CaseEventKind;
    use hromada_store::{NewCaseEvent, NewCaseFile};

    let started = Instant::now();
    let fail = |e: hromada_store::StoreError| e.to_string();
    let store = SqliteStore::open(db).await.map_err(fail)?;
    let files = hromada_web::FileStore::new(data_dir);
    let target = mb * 1024 * 1024;
    let mean = file_kb.max(4) * 1024;
    let (low, span) = (mean / 4, mean * 3 / 2);
    let mut sizes = Vec::new();
    let mut total = 0u64;
    while total < target {
        let size = (low + random_u64() % span).min(target - total);
        sizes.push(size);
        total += size;
    }
    // Submitted cases only (a message goes on a submitted case), spread over the whole table.
    let mut conn = raw_connection(db).await?;
    let cases: Vec<i64> = sqlx::query_scalar("SELECT id FROM cases WHERE reference IS NOT NULL ORDER BY random() LIMIT ?")
        .bind(i64::try_from(sizes.len()).map_err(|e| e.to_string())?)
        .fetch_all(&mut conn)
        .await
        .map_err(|e| e.to_string())?;
    conn.close().await.map_err(|e| e.to_string())?;
    if cases.is_empty() {
        return Err("no submitted case to attach files to: run `hromada demo --applications N` on this data folder first".into());
    }
    let now = SystemClock.now();
    for (i, size) in sizes.iter().enumerate() {
        // A PDF's header, then random bytes: every content unique, none compressible.
        let mut bytes = vec![0u8; usize::try_from(*size).map_err(|e| e.to_string())?];
        getrandom::fill(&mut bytes).map_err(|e| e.to_string())?;
        let header = b"%PDF-1.7\n";
        let n = header.len().min(bytes.len());
        bytes[..n].copy_from_slice(&header[..n]);
        let sha256 = hromada_domain::upload::sha256_hex(&bytes);
        files.put(&sha256, &bytes).await.map_err(|e| format!("cannot write the upload {sha256}: {e}"))?;
        let case_id = cases[i % cases.len()];
        let event = NewCaseEvent {
            case_id,
            at: now,
            kind: CaseEventKind::Message,
            action: None,
            transition: None,
            by_applicant: true,
            actor: None,
            body: Some("Додаю скан документа.".into()),
            internal: false,
            files: vec![NewCaseFile {
                case_id,
                field: None,
                name: format!("skan-{i:05}.pdf"),
                content_type: "application/pdf".into(),
                size: i64::try_from(*size).map_err(|e| e.to_string())?,
                sha256,
                uploaded_at: now,
            }],
            schedule: None,
            inputs: None,
            document: None,
        };
        store.record_case_event(&event).await.map_err(fail)?;
    }
    println!("FILES={}", sizes.len());
    println!("BYTES={total}");
    println!("CASES_WITH_FILES={}", sizes.len().min(cases.len()));
    println!("SECONDS={:.1}", started.elapsed().as_secs_f64());
    Ok(())
}

fn random_u64() -> u64 {
    let mut bytes = [0u8; 8];
    getrandom::fill(&mut bytes).expect("random");
    u64::from_le_bytes(bytes)
}

/// Removes the drafts `from..=to` still drafts (those a run did not submit), so
/// that the database does not grow by each run's spare drafts.
async fn drop_drafts(db: &Path, from: u64, to: u64) -> Result<(), String> {
    let mut conn = raw_connection(db).await?;
    let dropped = sqlx::query("DELETE FROM cases WHERE id BETWEEN ? AND ? AND state = ?")
        .bind(i64::try_from(from).map_err(|e| e.to_string())?)
        .bind(i64::try_from(to).map_err(|e| e.to_string())?)
        .bind(DRAFT_STATE)
        .execute(&mut conn)
        .await
        .map_err(|e| e.to_string())?
        .rows_affected();
    conn.close().await.map_err(|e| e.to_string())?;
    println!("DROPPED={dropped}");
    Ok(())
}
