//! The `hromada` binary as an operator uses it: exit codes, messages, and a
//! server that starts, answers and stops cleanly.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use hromada_store::testing::TempDir;

fn hromada() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_hromada"));
    for var in [
        "HROMADA_LISTEN",
        "HROMADA_DATA_DIR",
        "HROMADA_DATABASE_URL",
        "HROMADA_LOG_FORMAT",
        "HROMADA_LOG",
        "HROMADA_HEADER_TIMEOUT_SECONDS",
        "HROMADA_SHUTDOWN_WAIT_SECONDS",
        "HROMADA_MAX_CONNECTIONS",
        "HROMADA_METRICS_TOKEN",
        "HROMADA_METRICS_LISTEN",
        // The language of places import's, backup's and restore's messages: a test that reads them says which.
        "LC_ALL",
        "LC_MESSAGES",
        "LANG",
    ] {
        cmd.env_remove(var);
    }
    cmd
}

fn services_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../services")
}

fn run(cmd: &mut Command) -> (i32, String, String) {
    let Output { status, stdout, stderr } = cmd.output().expect("run hromada");
    (status.code().unwrap_or(-1), String::from_utf8_lossy(&stdout).into_owned(), String::from_utf8_lossy(&stderr).into_owned())
}

#[test]
fn validate_accepts_the_demo_catalogue() {
    let (code, out, err) = run(hromada().args(["services", "validate"]).arg(services_dir()));
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("11 definition file(s) are valid"), "{out}");
}

#[test]
fn validate_points_at_every_mistake_and_exits_1() {
    let dir = TempDir::new();
    let good = std::fs::read_to_string(services_dir().join("zapyt-na-publichnu-informatsiiu.toml")).unwrap();
    let broken = good.replacen("type = \"email\"", "type = \"e-mail\"", 1).replacen("to = \"in_review\"", "to = \"in_reviw\"", 1);
    assert_ne!(broken, good);
    let file = dir.path().join("zapyt-na-publichnu-informatsiiu.toml");
    std::fs::write(&file, &broken).unwrap();
    let (code, _, err) = run(hromada().args(["services", "validate"]).arg(&file));
    assert_eq!(code, 1, "{err}");
    let line_of = |needle: &str| broken.lines().position(|l| l.contains(needle)).unwrap() + 1;
    let expect_type = format!("{}:{}:", file.display(), line_of("type = \"e-mail\""));
    let expect_state = format!("{}:{}:", file.display(), line_of("to = \"in_reviw\""));
    assert!(err.contains(&expect_type) && err.contains("unknown field type `e-mail`; did you mean `email`?"), "{err}");
    assert!(err.contains(&expect_state) && err.contains("which is not a defined state"), "{err}");
    assert!(err.contains("error(s) in 1 of 1 file(s)"), "{err}");
}

#[test]
fn a_wrong_setting_stops_start_up_with_exit_code_2_naming_it() {
    let (code, _, err) = run(hromada().args(["serve", "--listen", "everywhere"]));
    assert_eq!(code, 2);
    assert!(err.contains("listen: \"everywhere\""), "{err}");
    let (code, _, err) = run(hromada().arg("migrate").env("HROMADA_DATABASE_URL", "mysql://root:hunter2@db/x"));
    assert_eq!(code, 2);
    assert!(err.contains("database_url") && !err.contains("hunter2"), "{err}");
}

#[test]
fn a_database_that_is_down_at_start_is_named_without_its_password() {
    let (code, _, err) = run(hromada().args(["migrate", "--database-url", "postgres://hromada:s3cret@127.0.0.1:1/nowhere"]));
    assert_eq!(code, 1);
    assert!(err.contains("cannot open the database postgres://hromada:***@127.0.0.1:1/nowhere"), "{err}");
    assert!(!err.contains("s3cret"), "{err}");
}

#[test]
fn import_is_all_or_nothing() {
    let data = TempDir::new();
    let defs = TempDir::new();
    std::fs::copy(services_dir().join("zhytlova-subsydiia.toml"), defs.path().join("zhytlova-subsydiia.toml")).unwrap();
    std::fs::write(defs.path().join("zzz.toml"), "id = \"zzz\"\n").unwrap();
    let (code, out, err) = run(hromada().args(["services", "import", "--data-dir"]).arg(data.path()).arg(defs.path()));
    assert_eq!(code, 1, "{out}{err}");
    assert!(err.contains("nothing imported"), "{err}");
    // The database was not even opened, so nothing is half-written.
    assert!(!data.path().join("hromada.db").exists());

    std::fs::remove_file(defs.path().join("zzz.toml")).unwrap();
    let (code, out, err) = run(hromada().args(["services", "import", "--data-dir"]).arg(data.path()).arg(defs.path()));
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("zhytlova-subsydiia: imported as version 1"), "{out}");
    let (_, out, _) = run(hromada().args(["services", "import", "--data-dir"]).arg(data.path()).arg(defs.path()));
    assert!(out.contains("zhytlova-subsydiia: unchanged (version 1)"), "{out}");
}

/// Files that all parse, but the database refuses one of them midway (here a
/// trigger, as a full disk or a lost connection would): the files before it
/// are not left imported either — one transaction.
#[test]
fn an_import_failing_midway_stores_none_of_its_files() {
    let data = TempDir::new();
    let defs = TempDir::new();
    for name in ["dovidka-pro-vziattia-na-oblik-vpo.toml", "zhytlova-subsydiia.toml"] {
        std::fs::copy(services_dir().join(name), defs.path().join(name)).unwrap();
    }
    let (code, _, err) = run(hromada().args(["migrate", "--data-dir"]).arg(data.path()));
    assert_eq!(code, 0, "{err}");
    let url = format!("sqlite://{}", data.path().join("hromada.db").display());
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let refuse = "CREATE TRIGGER refuse_second BEFORE INSERT ON services WHEN NEW.slug = 'zhytlova-subsydiia' \
                  BEGIN SELECT RAISE(ABORT, 'the disk is full'); END;";
    runtime.block_on(hromada_store::testing::execute_raw(&url, refuse)).unwrap();
    let (code, out, err) = run(hromada().args(["services", "import", "--data-dir"]).arg(data.path()).arg(defs.path()));
    assert_eq!(code, 1, "{out}{err}");
    assert!(err.contains("nothing imported"), "{err}");
    let stored = runtime.block_on(async {
        let store = hromada_store::connect(&url).await.unwrap();
        store.latest_services().await.unwrap()
    });
    assert!(stored.is_empty(), "the first file was left imported: {:?}", stored.iter().map(|s| &s.slug).collect::<Vec<_>>());
}

#[test]
fn audit_verify_names_the_changed_row() {
    let data = TempDir::new();
    let (code, _, err) = run(hromada().args(["migrate", "--data-dir"]).arg(data.path()));
    assert_eq!(code, 0, "{err}");
    let (code, out, err) = run(hromada().args(["audit", "verify", "--data-dir"]).arg(data.path()));
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("audit trail intact: 0 rows"), "{out}");

    let url = format!("sqlite://{}", data.path().join("hromada.db").display());
    let runtime = tokio::runtime::Runtime::new().unwrap();
    runtime.block_on(async {
        let store = hromada_store::connect(&url).await.unwrap();
        for (i, action) in ["sign_in", "case.view", "file.download", "export"].into_iter().enumerate() {
            let at = time::macros::datetime!(2026-03-01 09:30:00 UTC) + time::Duration::minutes(i as i64);
            let mut event = hromada_domain::audit::AuditEvent::new(at, action);
            event.actor = Some("officer@bucha.example".into());
            event.subject = Some("case:BUC-2026-000123".into());
            store.append_audit(&event).await.unwrap();
        }
    });
    let (code, out, err) = run(hromada().args(["audit", "verify", "--data-dir"]).arg(data.path()));
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("audit trail intact: 4 rows"), "{out}");

    // An intruder drops the guard and changes who viewed the case.
    runtime.block_on(async {
        hromada_store::testing::execute_raw(
            &url,
            "DROP TRIGGER audit_log_no_update; UPDATE audit_log SET actor = 'someone-else@example.com' WHERE seq = 2",
        )
        .await
        .unwrap();
    });
    let (code, out, err) = run(hromada().args(["audit", "verify", "--database-url", &url, "--data-dir"]).arg(data.path()));
    assert_eq!(code, 1, "{out}{err}");
    assert!(err.contains("row 2 was changed after it was written"), "{err}");
    assert!(!out.contains("intact"), "{out}");
}

/// A server started by the test; killed if the test fails midway.
struct Server {
    child: std::process::Child,
    address: String,
    stdout: Vec<String>,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start(command: &str, data: &Path) -> Server {
    start_with(&[command], data)
}

/// `args` (the command and its options), listening on a free port, on `data`.
fn start_with(args: &[&str], data: &Path) -> Server {
    start_configured(args, data, &[], None)
}

/// As [`start_with`], with `HROMADA_*` variables and, if given, the log written to `log`.
fn start_configured(args: &[&str], data: &Path, env: &[(&str, &str)], log: Option<&Path>) -> Server {
    let stderr = match log {
        Some(path) => Stdio::from(std::fs::File::create(path).expect("log file")),
        None => Stdio::null(),
    };
    let mut child = hromada()
        .args(args)
        .args(["--listen", "127.0.0.1:0", "--data-dir"])
        .arg(data)
        .envs(env.iter().copied())
        .stdout(Stdio::piped())
        .stderr(stderr)
        .spawn()
        .expect("spawn");
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let mut stdout = Vec::new();
    // The demo makes its history before it listens: seconds, more on a debug build under load.
    let deadline = Instant::now() + Duration::from_secs(180);
    while Instant::now() < deadline {
        let Some(Ok(line)) = lines.next() else { break };
        stdout.push(line.clone());
        if let Some(url) = line.strip_prefix("Listening on http://") {
            return Server { child, address: url.trim_end_matches('/').to_string(), stdout };
        }
    }
    let _ = child.kill();
    let _ = child.wait();
    panic!("the server did not say where it listens: {stdout:?}");
}

fn http_get(address: &str, path: &str) -> (u16, String) {
    let mut stream = TcpStream::connect(address).expect("connect");
    stream.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
    write!(stream, "GET {path} HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\r\n").unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    let status = response.split(' ').nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    (status, response)
}

fn terminate(server: &mut Server) -> Duration {
    let started = Instant::now();
    let killed = Command::new("kill").args(["-TERM", &server.child.id().to_string()]).status().expect("kill");
    assert!(killed.success());
    loop {
        if let Some(status) = server.child.try_wait().unwrap() {
            assert!(status.success(), "a clean shutdown exits 0, got {status}");
            return started.elapsed();
        }
        assert!(started.elapsed() < Duration::from_secs(10), "the server did not stop within 10 s of SIGTERM");
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn demo_serves_the_catalogue_and_stops_on_sigterm() {
    let data = TempDir::new();
    let mut server = start_with(&["demo", "--applications", "0"], data.path());
    let (status, body) = http_get(&server.address, "/buchanska/kompensatsiia-za-poshkodzhene-zhytlo");
    assert_eq!(status, 200, "{body}");
    assert!(body.contains("Компенсація за пошкоджене житло"));
    let (status, body) = http_get(&server.address, "/");
    assert_eq!(status, 200);
    for community in ["buchanska", "cherkaska", "uzhhorodska", "ternopilska", "vinnytska", "lutska", "dniprovska", "zhytomyrska"] {
        assert!(body.contains(&format!("href=\"/{community}\"")), "{community} is missing from the home page");
    }
    assert_eq!(http_get(&server.address, "/healthz").0, 200);
    let resident = server.stdout.iter().find(|l| l.starts_with("resident ")).expect("the demo prints its resident");
    let fields: Vec<&str> = resident.split(' ').collect();
    assert_eq!(fields.len(), 4, "role community e-mail password: {resident}");
    assert_eq!(fields[1], "buchanska");
    for role in [
        "operator buchanska",
        "officer buchanska",
        "supervisor buchanska",
        "community_admin buchanska",
        "officer ternopilska",
        "regional_admin kyivska",
        "auditor kyivska",
        "installation_admin installation",
    ] {
        let line = server.stdout.iter().find(|l| l.starts_with(role)).unwrap_or_else(|| panic!("no demo {role}"));
        let secret = line.split(' ').nth(4).expect("staff lines end with the TOTP secret");
        assert!(hromada_domain::auth::TotpSecret::from_base32(secret).is_some(), "{line}");
    }
    // --applications 0: no history, so no case, and no document nor key.
    assert_eq!(applications_in_the_pulse(&server.address), 0);
    let (status, keys) = http_get(&server.address, "/.well-known/hromada-keys.json");
    assert_eq!(status, 200);
    assert!(keys.contains("\"keys\": []"), "{keys}");
    terminate(&mut server);
    // The demo's places came through the codifier import, found again by their codes: importing
    // its rows adds none (only the demo's English names give way to the codifier's transliterations).
    let codifier = Path::new(env!("CARGO_MANIFEST_DIR")).join("demo/katottg.csv");
    let (code, out, err) = run(hromada().args(["places", "import", "--lang", "en", "--data-dir"]).arg(data.path()).arg(&codifier));
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("Regions: 0 added, 0 changed, 8 left alone."), "{out}");
    assert!(out.contains("Communities: 0 added, 8 changed, 0 left alone."), "{out}");
}

#[test]
fn serve_on_an_empty_database_says_what_to_do_and_shows_no_demo_banner() {
    let data = TempDir::new();
    let mut server = start("serve", data.path());
    assert!(server.stdout.iter().any(|l| l.contains("not set up yet") && l.contains("hromada init")), "{:?}", server.stdout);
    let (status, body) = http_get(&server.address, "/");
    assert_eq!(status, 200);
    assert!(!body.contains("class=\"demo\""), "serve is not the demo");
    assert_eq!(http_get(&server.address, "/buchanska").0, 404);
    terminate(&mut server);
}

/// Opens a connection and sends the start of a request's head, never its end.
#[test]
fn init_sets_an_installation_up_once_and_prints_its_first_administrators_invitation() {
    let data = TempDir::new();
    let init = |extra: &[&str]| {
        let mut cmd = hromada();
        cmd.args(["init", "--data-dir"]).arg(data.path()).args(extra).stdin(Stdio::null());
        run(&mut cmd)
    };
    // What is missing or wrong is named, and nothing is set up.
    let (code, _, err) = init(&["--name", "Послуги Київщини", "--admin-email", "admin@example.gov.ua"]);
    assert_eq!(code, 1);
    assert!(err.contains("--url is missing"), "{err}");
    let (code, _, err) = init(&["--name", "Послуги Київщини", "--url", "poslugy", "--admin-email", "admin@example.gov.ua"]);
    assert_eq!(code, 1);
    assert!(err.contains("--url: \"poslugy\" is not the address"), "{err}");
    let (code, _, err) = init(&["--name", "Послуги Київщини", "--url", "https://poslugy.example.gov.ua", "--admin-email", "admin"]);
    assert_eq!(code, 1);
    assert!(err.contains("--admin-email: \"admin\" is not an e-mail address"), "{err}");

    let args = ["--name", "Послуги Київщини", "--name-en", "Kyiv Region Services", "--url", "https://poslugy.example.gov.ua/"];
    let (code, out, err) = init(&[&args[..], &["--admin-email", "Admin@Example.gov.ua"]].concat());
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("Set up «Послуги Київщини» at https://poslugy.example.gov.ua"), "{out}");
    let link = out.lines().find(|l| l.starts_with("https://poslugy.example.gov.ua/staff/welcome?token=")).expect("the invitation link");
    // Audited: the installation's setting up and its administrator's role.
    let (code, out, err) = run(hromada().args(["audit", "verify", "--data-dir"]).arg(data.path()));
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("audit trail intact: 2 rows"), "{out}");

    // Once only: a second init names what is there and changes nothing.
    let (code, _, err) = init(&[&args[..], &["--admin-email", "other@example.gov.ua"]].concat());
    assert_eq!(code, 1);
    assert!(err.contains("set up already, as «Послуги Київщини» at https://poslugy.example.gov.ua"), "{err}");

    // The link opens the administrator's welcome page on the running server.
    let mut server = start("serve", data.path());
    let said = server.stdout.join("\n");
    assert!(said.contains("no communities yet") && said.contains("hromada places import FILE"), "{said}");
    let path = link.trim_start_matches("https://poslugy.example.gov.ua");
    let (status, body) = http_get(&server.address, path);
    assert_eq!(status, 200, "{body}");
    assert!(body.contains("type=\"password\""), "the welcome page asks for a password: {body}");
    terminate(&mut server);
}

fn half_a_request(address: &str) -> TcpStream {
    let mut stream = TcpStream::connect(address).expect("connect");
    write!(stream, "GET /healthz HTTP/1.1\r\nHost: {address}\r\nX-Slow: ").unwrap();
    stream.flush().unwrap();
    stream
}

/// Whether the server closes `stream` (end of stream or reset) within `limit`; `false` if it still holds it open.
fn closed_within(stream: &mut TcpStream, limit: Duration) -> bool {
    stream.set_read_timeout(Some(limit)).unwrap();
    let mut buffer = [0u8; 1024];
    loop {
        match stream.read(&mut buffer) {
            Ok(0) => return true,
            Ok(_) => continue,
            Err(e) if matches!(e.kind(), std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut) => return false,
            Err(_) => return true,
        }
    }
}

#[test]
fn a_client_that_never_finishes_its_request_head_is_cut_off_after_the_header_timeout() {
    let data = TempDir::new();
    let mut server = start_configured(&["serve"], data.path(), &[("HROMADA_HEADER_TIMEOUT_SECONDS", "2")], None);
    let mut slow = half_a_request(&server.address);
    // Generous: the timeout is 2 s; before it existed the connection stayed open as long as the client liked.
    assert!(closed_within(&mut slow, Duration::from_secs(30)), "the half-sent request was not closed within 30 s");
    assert_eq!(http_get(&server.address, "/healthz").0, 200);
    terminate(&mut server);
}

#[test]
fn sigterm_stops_the_server_within_the_shutdown_wait_even_with_a_client_holding_a_connection() {
    let data = TempDir::new();
    // The header timeout is long, so only the bounded shutdown wait can end the slow connection.
    let env = [("HROMADA_HEADER_TIMEOUT_SECONDS", "300"), ("HROMADA_SHUTDOWN_WAIT_SECONDS", "2")];
    let mut server = start_configured(&["serve"], data.path(), &env, None);
    let _slow = half_a_request(&server.address);
    assert_eq!(http_get(&server.address, "/healthz").0, 200, "the server answers others meanwhile");
    // `terminate` fails if the process is still there 10 s after SIGTERM.
    terminate(&mut server);
}

#[test]
fn at_the_connection_cap_the_server_logs_it_and_answers_again_once_idle_connections_time_out() {
    let data = TempDir::new();
    let log = data.path().join("server.log");
    let env = [("HROMADA_MAX_CONNECTIONS", "3"), ("HROMADA_HEADER_TIMEOUT_SECONDS", "2")];
    let mut server = start_configured(&["serve"], data.path(), &env, Some(&log));
    let idle: Vec<TcpStream> = (0..3).map(|_| TcpStream::connect(&server.address).expect("connect")).collect();
    // This one waits for a free place; the idle ones are closed after the header timeout and it is answered.
    let (status, body) = http_get(&server.address, "/healthz");
    assert_eq!(status, 200, "{body}");
    let written = std::fs::read_to_string(&log).unwrap();
    assert!(written.contains("connection limit reached") && written.contains("max_connections"), "{written}");
    drop(idle);
    terminate(&mut server);
}

#[test]
fn metrics_listen_and_metrics_token_keep_metrics_to_whoever_has_both() {
    let data = TempDir::new();
    let token = "0f8c2a9d4e6b1c3a5f7e9d2b";
    let env = [("HROMADA_METRICS_LISTEN", "127.0.0.1:0"), ("HROMADA_METRICS_TOKEN", token)];
    let mut server = start_configured(&["serve"], data.path(), &env, None);
    let metrics = server.stdout.iter().find_map(|l| l.strip_prefix("Metrics on http://")).expect("says where metrics are").to_string();
    let metrics = metrics.trim_end_matches("/metrics").to_string();
    assert_eq!(http_get(&server.address, "/metrics").0, 404, "not on the public address");
    assert_eq!(http_get(&metrics, "/metrics").0, 401, "not without the token");
    let mut stream = TcpStream::connect(&metrics).unwrap();
    write!(stream, "GET /metrics HTTP/1.1\r\nHost: {metrics}\r\nAuthorization: Bearer {token}\r\nConnection: close\r\n\r\n").unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    assert!(response.starts_with("HTTP/1.1 200") && response.contains("hromada_http_requests_total"), "{response}");
    terminate(&mut server);
}

/// The installation's applications of the last 12 months, from its pulse's CSV.
fn applications_in_the_pulse(address: &str) -> u64 {
    let (status, response) = http_get(address, "/pulse.csv");
    assert_eq!(status, 200, "{response}");
    let row = response
        .lines()
        .find(|l| l.contains(",installation,,,") && l.contains("/") && l.contains(",,,applications,"))
        .unwrap_or_else(|| panic!("no 12-month applications row: {response}"));
    row.split(',').nth(8).unwrap().parse().unwrap()
}

#[test]
fn demo_applications_fill_the_pulse_and_a_second_run_adds_none() {
    let data = TempDir::new();
    let mut server = start_with(&["demo", "--applications", "400"], data.path());
    let first = applications_in_the_pulse(&server.address);
    assert!((100..400).contains(&first), "about half of two years' 400 fall in the last 12 months: {first}");
    terminate(&mut server);
    let mut server = start_with(&["demo", "--applications", "400"], data.path());
    assert_eq!(applications_in_the_pulse(&server.address), first, "the same command again tops up to 400: adds none");
    terminate(&mut server);
}

/// The signed payloads of the documents issued to the demo's generated applicants, newest first, read from the database.
fn generated_documents(data: &Path) -> Vec<String> {
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    runtime.block_on(async {
        let store = hromada_store::connect(&format!("sqlite://{}", data.join("hromada.db").display())).await.unwrap();
        let applicant = store.account_by_email("generated.applicants@demo.hromada.example").await.unwrap().expect("the demo's applicant");
        store.documents_of_account(applicant.id).await.unwrap().into_iter().map(|d| d.document.payload).collect()
    })
}

/// The body of an HTTP response.
fn body(response: &str) -> &str {
    response.split_once("\r\n\r\n").map_or("", |(_, body)| body)
}

#[test]
fn the_demo_has_a_history_by_default_whose_documents_verify_online_and_offline() {
    let data = TempDir::new();
    let mut server = start("demo", data.path());
    let year = applications_in_the_pulse(&server.address);
    assert!((8_000..14_000).contains(&year), "about half of two years' 20,000 fall in the last 12 months: {year}");
    let documents = generated_documents(data.path());
    assert!(documents.len() > 10_000, "most decisions are approvals, each with its document: {}", documents.len());
    let newest = &documents[0];
    let (status, page) = http_get(&server.address, &format!("/verify?d={newest}"));
    assert_eq!(status, 200);
    assert!(page.contains("Документ справжній і чинний"), "{page}");
    let (status, keys) = http_get(&server.address, "/.well-known/hromada-keys.json");
    assert_eq!(status, 200);
    let file = data.path().join("keys.json");
    std::fs::write(&file, body(&keys)).unwrap();
    let (code, out, err) = run(hromada().args(["document", "verify", "--keys"]).arg(&file).arg(newest));
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.starts_with("GENUINE AND VALID"), "{out}");
    terminate(&mut server);
    // Started again, it keeps its history: nothing more is made.
    let mut server = start("demo", data.path());
    assert_eq!(applications_in_the_pulse(&server.address), year);
    assert_eq!(generated_documents(data.path()).len(), documents.len());
    terminate(&mut server);
}

/// The demo's passphrase for its sealed keys (`hromada_web::keys::DEMO_KEYS_SECRET`).
const DEMO_KEYS_SECRET: &str = "hromada demo: not for real documents";

#[test]
fn keys_rotate_and_list_as_an_operator_runs_them() {
    let data = TempDir::new();
    let mut server = start_with(&["demo", "--applications", "0"], data.path());
    terminate(&mut server);
    let keys = |args: &[&str], secret: Option<&str>| {
        let mut cmd = hromada();
        cmd.arg("keys").args(args).arg("--data-dir").arg(data.path()).env_remove("HROMADA_KEYS_SECRET");
        if let Some(secret) = secret {
            cmd.env("HROMADA_KEYS_SECRET", secret);
        }
        run(&mut cmd)
    };
    let (code, _, err) = keys(&["rotate", "--community", "buchanska"], None);
    assert_eq!(code, 1, "no passphrase, no key");
    assert!(err.contains("HROMADA_KEYS_SECRET"), "{err}");
    let (code, _, err) = keys(&["rotate", "--community", "atlantyda"], Some(DEMO_KEYS_SECRET));
    assert_eq!(code, 1);
    assert!(err.contains("no community atlantyda"), "{err}");
    for expected in ["BUC-1", "BUC-2"] {
        let (code, out, err) = keys(&["rotate", "--community", "buchanska"], Some(DEMO_KEYS_SECRET));
        assert_eq!(code, 0, "{err}");
        assert!(out.contains(&format!("new signing key {expected} for buchanska")), "{out}");
    }
    let private = std::fs::read_dir(data.path().join("keys")).unwrap().count();
    assert_eq!(private, 2, "one sealed private key per key");
    let (code, out, err) = keys(&["list"], None);
    assert_eq!(code, 0, "{err}");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 2, "{out}");
    assert!(lines.iter().any(|l| l.starts_with("BUC-1\tbuchanska\t") && l.contains("\tretired ")), "{out}");
    assert!(lines.iter().any(|l| l.starts_with("BUC-2\tbuchanska\t") && l.contains("\tin use\t")), "{out}");
    // Whatever keys list prints, no private half: every line ends with the published key, 43 characters.
    assert!(lines.iter().all(|l| l.rsplit('\t').next().is_some_and(|k| k.len() == 43)), "{out}");
}

#[test]
fn document_verify_offline_exits_0_only_for_a_genuine_document_in_force() {
    use hromada_domain::document::{DocumentNumber, KeysFile, Payload, PublishedKey, fields_hash, public_key_text, signing_key};
    use time::macros::date;

    let dir = TempDir::new();
    let (old, new, ternopil) = (signing_key(&[1; 32]), signing_key(&[2; 32]), signing_key(&[3; 32]));
    let published = |id: &str, community: &str, key: &ed25519_dalek::SigningKey, created: &str, retired: Option<&str>| PublishedKey {
        id: id.into(),
        community: community.into(),
        algorithm: "Ed25519".into(),
        public_key: public_key_text(&key.verifying_key()),
        created_on: created.into(),
        retired_on: retired.map(Into::into),
    };
    let file = KeysFile {
        generated_at: "2026-12-01T10:00:00Z".into(),
        keys: vec![
            published("BUC-1", "buchanska", &old, "2026-01-01", Some("2026-06-30")),
            published("BUC-2", "buchanska", &new, "2026-06-30", None),
            published("TER-1", "ternopilska", &ternopil, "2026-01-01", None),
        ],
        revoked: vec![],
    };
    let keys = dir.path().join("keys.json");
    std::fs::write(&keys, serde_json::to_string_pretty(&file).unwrap()).unwrap();
    let payload = |key: u32, issued_on: time::Date, expires_on: Option<time::Date>| Payload {
        number: DocumentNumber { code: "BUC".into(), year: 2026, serial: 42 },
        key,
        kind: "extract".into(),
        issued_on,
        expires_on,
        holder: "Олена Коваль".into(),
        fields_hash: fields_hash("Бучанська громада", "Витяг", &[("full_name", "Олена Коваль")]),
    };
    let check = |what: &str| run(hromada().args(["document", "verify", "--keys"]).arg(&keys).arg(what));
    let url = |text: String| format!("https://hromada.example/verify?d={text}");

    let good = payload(2, date!(2026 - 11 - 30), None).sign(&new).unwrap();
    let (code, out, err) = check(&url(good.to_text()));
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.starts_with("GENUINE AND VALID") && out.contains("BUC-2026-000042") && out.contains("Олена Коваль"), "{out}");

    // Each change of what the signature covers, re-encoded with the old signature: forged.
    let with_signature_of = |changed: Payload| {
        let mut bytes = changed.sign(&signing_key(&[9; 32])).unwrap().bytes;
        let n = bytes.len();
        bytes[n - 64..].copy_from_slice(&good.bytes[good.bytes.len() - 64..]);
        base64::Engine::encode(&base64::engine::general_purpose::URL_SAFE_NO_PAD, bytes)
    };
    let changed_field = Payload {
        fields_hash: fields_hash("Бучанська громада", "Витяг", &[("full_name", "Олег Коваль")]),
        ..payload(2, date!(2026 - 11 - 30), None)
    };
    let changed_date = payload(2, date!(2026 - 11 - 30), Some(date!(2099 - 01 - 01)));
    let foreign = Payload {
        number: DocumentNumber { code: "TER".into(), year: 2026, serial: 42 },
        key: 1,
        ..payload(2, date!(2026 - 11 - 30), None)
    };
    let cases = [
        ("a changed field", url(with_signature_of(changed_field))),
        ("a changed date", url(with_signature_of(changed_date))),
        ("a truncated payload", url(good.to_text()[..good.to_text().len() - 5].to_string())),
        ("Ternopil's key id on a document that Bucha's key signed", url(foreign.sign(&new).unwrap().to_text())),
        ("Bucha's document signed with Ternopil's key", url(payload(2, date!(2026 - 11 - 30), None).sign(&ternopil).unwrap().to_text())),
        (
            "the retired key on a document dated after its retirement",
            url(payload(1, date!(2026 - 11 - 30), None).sign(&old).unwrap().to_text()),
        ),
    ];
    for (what, presented) in &cases {
        let (code, out, err) = check(presented);
        assert_eq!(code, 1, "{what}: {out}{err}");
        assert!(out.starts_with("FORGED OR DAMAGED"), "{what}: {out}");
        assert!(!out.contains("Олена Коваль"), "{what}: nothing of a forged document is printed");
    }
    let (code, out, _) = check(&url(payload(1, date!(2026 - 03 - 02), None).sign(&old).unwrap().to_text()));
    assert_eq!(code, 0, "a retired key still vouches for what it signed while in use: {out}");
    let (code, out, _) = check(&url(payload(2, date!(2026 - 07 - 01), Some(date!(2026 - 10 - 01))).sign(&new).unwrap().to_text()));
    assert_eq!(code, 1);
    assert!(out.starts_with("EXPIRED on 2026-10-01"), "{out}");
    let (code, _, err) = run(hromada().args(["document", "verify", "--keys"]).arg(dir.path().join("none.json")).arg(url(good.to_text())));
    assert_eq!(code, 2, "no keys file: cannot answer");
    assert!(err.contains("none.json"), "{err}");
}

fn codifier_fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../hromada-domain/tests/fixtures").join(name)
}

/// `places import` as an operator runs it, messages in English.
fn places_import(data: &Path, file: &Path, extra: &[&str]) -> (i32, String, String) {
    run(hromada().args(["places", "import", "--data-dir"]).arg(data).args(extra).arg(file).env("LANG", "en_GB.UTF-8").env_remove("LC_ALL"))
}

fn stored_communities(data: &Path) -> Vec<hromada_domain::place::Community> {
    let url = format!("sqlite://{}", data.join("hromada.db").display());
    tokio::runtime::Runtime::new().unwrap().block_on(async { hromada_store::connect(&url).await.unwrap().communities().await.unwrap() })
}

#[test]
fn places_import_reads_the_codifier_once_and_a_second_run_changes_nothing() {
    let data = TempDir::new();
    let utf8 = codifier_fixture("katottg.csv");
    // A dry run counts and writes nothing.
    let (code, out, err) = places_import(data.path(), &utf8, &["--dry-run"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("Regions: 10 added, 0 changed, 0 left alone.") && out.contains("nothing written"), "{out}");
    assert!(stored_communities(data.path()).is_empty());

    let (code, out, err) = places_import(data.path(), &utf8, &[]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("Regions: 10 added, 0 changed, 0 left alone."), "{out}");
    assert!(out.contains("Communities: 12 added, 0 changed, 0 left alone."), "{out}");
    let stored = stored_communities(data.path());
    let bucha = stored.iter().find(|c| c.slug == "buchanska").expect("Bucha is stored");
    assert_eq!(
        (bucha.katottg.as_deref(), bucha.code.as_str(), bucha.region_slug.as_str()),
        (Some("UA32080070000050759"), "BUC", "kyivska")
    );
    assert_eq!(bucha.name.uk, "Бучанська громада");
    assert!(!bucha.published, "new communities wait for their administrators to publish them");
    assert!(stored.iter().any(|c| c.slug == "ternivska-cherkaska"), "namesakes are told apart by oblast");

    // Again, and the same file saved in Windows-1251: nothing to change.
    let (code, out, err) = places_import(data.path(), &utf8, &[]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("Regions: 0 added, 0 changed, 10 left alone."), "{out}");
    assert!(out.contains("Communities: 0 added, 0 changed, 12 left alone."), "{out}");
    let (code, out, err) = places_import(data.path(), &codifier_fixture("katottg-cp1251.csv"), &[]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("Windows-1251") && out.contains("Communities: 0 added, 0 changed, 12 left alone."), "{out}");

    // A later codifier renames Bucha's community: found by its code, it keeps its slug and reference code.
    let dir = TempDir::new();
    let renamed = dir.path().join("renamed.csv");
    let text = std::fs::read_to_string(&utf8).unwrap().replace(";H;Бучанська\n", ";H;Бучанська міська\n");
    std::fs::write(&renamed, text).unwrap();
    let (code, out, err) = places_import(data.path(), &renamed, &[]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("Communities: 0 added, 1 changed, 11 left alone."), "{out}");
    let bucha = stored_communities(data.path()).into_iter().find(|c| c.katottg.as_deref() == Some("UA32080070000050759")).unwrap();
    assert_eq!((bucha.slug.as_str(), bucha.code.as_str(), bucha.name.uk.as_str()), ("buchanska", "BUC", "Бучанська міська громада"));
}

#[test]
fn a_bad_codifier_file_is_refused_line_by_line_and_changes_nothing() {
    let data = TempDir::new();
    let dir = TempDir::new();
    let good = std::fs::read_to_string(codifier_fixture("katottg.csv")).unwrap();
    // A renamed community (which would be a change) among three mistakes.
    let bad = good
        .replace(";H;Бучанська\n", ";H;Бучанська міська\n")
        .replace("UA61040490000035010;;;H;Тернопільська", "UA6104049000003501;;;H;Тернопільська")
        .replace(";P;Луцький", ";Q;Луцький")
        .replace("UA21000000000011690;;;;;O;Закарпатська\n", "");
    let file = dir.path().join("bad.csv");
    std::fs::write(&file, &bad).unwrap();

    // On a new installation the database is not even made.
    let (code, out, err) = places_import(data.path(), &file, &[]);
    assert_eq!(code, 1, "{out}{err}");
    assert!(!data.path().join("hromada.db").exists());
    let at = |line: usize| format!("{}:{line}: ", file.display());
    let bad_line = |needle: &str| bad.lines().position(|l| l.contains(needle)).unwrap() + 1;
    assert!(
        err.contains(&format!(
            "{}“UA6104049000003501” in the column “Третій рівень” is not a KATOTTG code",
            at(bad_line("UA6104049000003501"))
        )),
        "{err}"
    );
    assert!(err.contains(&format!("{}unknown category “Q”", at(bad_line(";Q;Луцький")))), "{err}");
    assert!(err.contains(&format!("{}the oblast UA21000000000011690", at(bad_line(";H;Ужгородська")))), "{err}");
    assert!(err.contains("nothing written"), "{err}");

    // On an installation that has the places, it changes none of them.
    let (code, _, err) = places_import(data.path(), &codifier_fixture("katottg.csv"), &[]);
    assert_eq!(code, 0, "{err}");
    let before = stored_communities(data.path());
    let (code, _, err) = places_import(data.path(), &file, &[]);
    assert_eq!(code, 1, "{err}");
    assert_eq!(stored_communities(data.path()), before);
    assert!(before.iter().any(|c| c.name.uk == "Бучанська громада"), "the rename was not written");

    // A spreadsheet gets a request for CSV.
    let xlsx = dir.path().join("kodifikator.xlsx");
    std::fs::write(&xlsx, b"PK\x03\x04\x14\x00\x06\x00rest of a workbook").unwrap();
    let (code, _, err) = places_import(data.path(), &xlsx, &[]);
    assert_eq!(code, 1);
    assert!(err.contains(&format!("{}: this is an Excel spreadsheet", xlsx.display())) && err.contains("CSV UTF-8"), "{err}");
}

mod backup;
