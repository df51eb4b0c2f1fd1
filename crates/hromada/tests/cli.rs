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
    for var in ["HROMADA_LISTEN", "HROMADA_DATA_DIR", "HROMADA_DATABASE_URL", "HROMADA_LOG_FORMAT", "HROMADA_LOG"] {
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
    let (code, out, err) =
        run(hromada().args(["audit", "verify", "--database-url", &url, "--data-dir"]).arg(data.path()));
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
    let mut child = hromada()
        .args(args)
        .args(["--listen", "127.0.0.1:0", "--data-dir"])
        .arg(data)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn");
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let mut stdout = Vec::new();
    let deadline = Instant::now() + Duration::from_secs(60);
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
    let mut server = start("demo", data.path());
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
    for role in ["operator buchanska", "officer buchanska", "supervisor buchanska", "community_admin buchanska", "officer ternopilska", "regional_admin kyivska", "auditor kyivska"] {
        let line = server.stdout.iter().find(|l| l.starts_with(role)).unwrap_or_else(|| panic!("no demo {role}"));
        let secret = line.split(' ').nth(4).expect("staff lines end with the TOTP secret");
        assert!(hromada_domain::auth::TotpSecret::from_base32(secret).is_some(), "{line}");
    }
    terminate(&mut server);
}

#[test]
fn serve_on_an_empty_database_says_what_to_do_and_shows_no_demo_banner() {
    let data = TempDir::new();
    let mut server = start("serve", data.path());
    assert!(server.stdout.iter().any(|l| l.contains("no communities yet")), "{:?}", server.stdout);
    let (status, body) = http_get(&server.address, "/");
    assert_eq!(status, 200);
    assert!(!body.contains("class=\"demo\""), "serve is not the demo");
    assert_eq!(http_get(&server.address, "/buchanska").0, 404);
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
