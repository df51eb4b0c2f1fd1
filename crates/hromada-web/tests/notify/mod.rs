//! Notifications through the job queue kept in the database: letters and
//! in-app notices of a case's news, retries with back-off and the dead state,
//! the resident's list of notices, and the daily reminders of cases due soon.
//! The worker runs one tick at a time (`run_due_jobs`), with a clock the test moves.

use super::*;

use hromada_domain::account::{AccountId, Role, Scope};
use hromada_domain::case::{CaseChannel, CaseEventKind};
use hromada_domain::clock::{Clock, ManualClock};
use hromada_domain::job::{JobKind, JobState};
use hromada_store::{NewCase, NewJob, Submission, SubmitOutcome};

both!(
    a_submission_letter_goes_through_the_queue,
    an_unreachable_mail_server_is_retried_with_back_off_then_left_dead,
    a_resident_sees_notices_and_marks_them_read,
    the_assignee_hears_when_the_resident_answers_a_request,
    the_daily_reminder_goes_once_a_day_to_the_assignee_and_the_supervisors,
    letters_left_running_by_a_crash_are_sent_at_once_by_the_same_instance_only,
    an_outbox_letter_written_again_after_a_crash_is_one_letter_and_done_only_once_written,
);

/// A staff member with `role` in Bucha (invited; the invitation itself sends nothing).
async fn bucha_staff(app: &App, email: &str, role: Role) -> AccountId {
    hromada_web::invite_staff(
        app.db.store.as_ref(),
        email,
        role,
        Scope::Community("buchanska".into()),
        None,
        time::OffsetDateTime::now_utc(),
        "http://hromada.test",
    )
    .await
    .expect("invite");
    app.db.store.account_by_email(email).await.unwrap().expect("the invited account").id
}

/// Apply for public information in `browser` (signed in or not), with `email` as the contact; the case's id.
async fn apply_for_information(browser: &mut Browser<'_>, email: &str) -> i64 {
    let first = start(browser, INFORMATION).await;
    let id = case_id(&first);
    let next = location(&answer(browser, &first, &[("request_text", "Протоколи засідань виконкому за 2026 рік"), ("urgent", "no")]).await);
    let next = location(&answer(browser, &next, &[("answer_channel", "email")]).await);
    let next = location(&answer(browser, &next, &[("requester_kind", "person"), ("full_name", "Марія Шевчук"), ("email", email)]).await);
    let check = location(&answer(browser, &next, &[("contacts_correct", "yes")]).await);
    assert_eq!(location(&browser.submit(&check, &format!("/applications/{id}/submit"), &[]).await), format!("/applications/{id}/done"));
    id
}

/// 01:00 Kyiv time tomorrow: later than any job queued by now, and hours before the reminders.
fn early_tomorrow() -> time::OffsetDateTime {
    let kyiv = hromada_domain::clock::kyiv_time(time::OffsetDateTime::now_utc());
    kyiv.date().next_day().unwrap().with_hms(1, 0, 0).unwrap().assume_offset(kyiv.offset())
}

/// The app's state with a clock of the test's own, for the worker's ticks.
fn worker(app: &App, clock: &Arc<ManualClock>) -> AppState {
    let mut state = app.state.clone();
    state.clock = clock.clone();
    state
}

fn count(counts: &[(JobState, i64)], state: &str) -> i64 {
    counts.iter().find(|(s, _)| s.code() == state).map_or(0, |(_, n)| *n)
}

fn letters_to(app: &App, address: &str) -> Vec<hromada_mail::testing::Received> {
    app.mail.messages().into_iter().filter(|m| m.rcpt_to == vec![address.to_string()]).collect()
}

async fn a_submission_letter_goes_through_the_queue(app: &App) {
    let supervisor = bucha_staff(app, "supervisor.q@buchanska.example.org", Role::Supervisor).await;
    bucha_staff(app, "officer.q@buchanska.example.org", Role::Officer).await;
    let mut browser = Browser::new(app);
    let id = apply_for_information(&mut browser, "maria.q@example.org").await;
    let reference = app.db.store.case(id).await.unwrap().unwrap().reference.unwrap();

    // Submitting queued the news and sent nothing itself.
    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    assert!(app.mail.messages().is_empty(), "no letter before the worker runs");
    assert_eq!(count(&app.db.store.job_counts().await.unwrap(), "queued"), 1, "one job for the news, however many are told");

    let clock = Arc::new(ManualClock::new(early_tomorrow()));
    let ran = hromada_web::run_due_jobs(&worker(app, &clock)).await;
    assert_eq!(ran, 4, "the news, then the resident's letter and the supervisor's letter and notice");
    let letters = app.mail.wait_for(2, std::time::Duration::from_secs(5)).await;
    let resident = letters.iter().find(|m| m.rcpt_to == vec!["maria.q@example.org".to_string()]).expect("the resident's letter");
    assert_eq!(resident.subject, format!("Заяву {reference} отримано"));
    assert!(resident.body.contains(&format!("Номер заяви: {reference}")), "{}", resident.body);
    let tracking = resident.first_link().expect("the tracking link");
    assert!(tracking.starts_with("http://hromada.test/track/"), "without an account the letter carries the tracking link: {tracking}");
    assert_eq!(
        location(&Browser::new(app).get(tracking.strip_prefix("http://hromada.test").unwrap()).await),
        format!("/applications/{id}/status")
    );

    // The office hears too: nobody is assigned yet, so the community's supervisors (not its officers).
    let staff =
        letters.iter().find(|m| m.rcpt_to == vec!["supervisor.q@buchanska.example.org".to_string()]).expect("the supervisor's letter");
    assert!(staff.subject.contains(&reference) && staff.subject.contains("Запит на публічну інформацію"), "{}", staff.subject);
    assert!(staff.body.contains(&format!("http://hromada.test/staff/cases/{id}")), "{}", staff.body);
    assert!(!staff.body.contains("/track/"), "the tracking link goes to the resident only");
    assert!(letters_to(app, "officer.q@buchanska.example.org").is_empty());
    let notices = app.db.store.notifications_of(supervisor, 10).await.unwrap();
    assert_eq!(notices.len(), 1);
    assert_eq!((notices[0].case_id, notices[0].read_at), (Some(id), None));
    assert!(notices[0].title.contains(&reference));

    let counts = app.db.store.job_counts().await.unwrap();
    assert_eq!((count(&counts, "done"), count(&counts, "queued"), count(&counts, "dead")), (4, 0, 0), "{counts:?}");
    assert_eq!(hromada_web::run_due_jobs(&worker(app, &clock)).await, 0, "nothing is sent twice");
    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    assert_eq!(app.mail.messages().len(), 2);
}

async fn an_unreachable_mail_server_is_retried_with_back_off_then_left_dead(app: &App) {
    let mut browser = Browser::new(app);
    apply_for_information(&mut browser, "maria.r@example.org").await;
    // The worker of this test: its own clock, and a mail server nobody answers at.
    let clock = Arc::new(ManualClock::new(early_tomorrow()));
    let mut worker = worker(app, &clock);
    worker.mailer = Arc::new(SmtpMailer::new("smtp://127.0.0.1:1", "Громада <noreply@hromada.test>").expect("mailer"));

    assert_eq!(hromada_web::run_due_jobs(&worker).await, 2, "the news, then the letter's first try");
    let counts = app.db.store.job_counts().await.unwrap();
    assert_eq!((count(&counts, "queued"), count(&counts, "done")), (1, 1), "the letter waits for its next try: {counts:?}");
    // Tries two to five come 1 minute, 5 minutes, 30 minutes and 2 hours after the one before.
    for pause in [60, 5 * 60, 30 * 60, 2 * 60 * 60] {
        clock.advance(time::Duration::seconds(pause - 1));
        assert_eq!(hromada_web::run_due_jobs(&worker).await, 0, "not before its time ({pause} s)");
        clock.advance(time::Duration::seconds(1));
        assert_eq!(hromada_web::run_due_jobs(&worker).await, 1, "tried again after {pause} s");
    }
    let counts = app.db.store.job_counts().await.unwrap();
    assert_eq!((count(&counts, "queued"), count(&counts, "dead")), (0, 1), "five tries, then dead: {counts:?}");
    clock.advance(time::Duration::days(2));
    assert_eq!(hromada_web::run_due_jobs(&worker).await, 0, "a dead job is not tried again");
    assert!(app.mail.messages().is_empty());

    let (_, _, metrics) = app.get("/metrics").await;
    for line in [
        "hromada_jobs{state=\"dead\"} 1",
        "hromada_jobs{state=\"done\"} 1",
        "hromada_jobs{state=\"queued\"} 0",
        "hromada_job_attempts_total{kind=\"mail\",outcome=\"retry\"} 4",
        "hromada_job_attempts_total{kind=\"mail\",outcome=\"dead\"} 1",
        "hromada_job_attempts_total{kind=\"news\",outcome=\"ok\"} 1",
    ] {
        assert!(metrics.contains(line), "{line} in {metrics}");
    }

    // A worker that took a job for its last try and died: once the lease ends, the job is left dead, not run.
    let job = NewJob {
        kind: JobKind::Mail,
        payload: r#"{"to":"someone@example.org","subject":"s","body":"b"}"#.into(),
        run_at: clock.now(),
        max_attempts: 1,
    };
    app.db.store.enqueue_job(&job).await.unwrap();
    assert_eq!(app.db.store.claim_jobs(clock.now(), std::time::Duration::from_secs(300), 10, "a-worker-that-died").await.unwrap().len(), 1);
    clock.advance(time::Duration::minutes(6));
    let working = self::worker(app, &clock);
    assert_eq!(hromada_web::run_due_jobs(&working).await, 1);
    assert_eq!(count(&app.db.store.job_counts().await.unwrap(), "dead"), 2);
    assert!(app.mail.messages().is_empty(), "the abandoned letter was not sent again");
}

async fn a_resident_sees_notices_and_marks_them_read(app: &App) {
    let mut browser = resident(app, "maria.n@example.org").await;
    let id = apply_for_information(&mut browser, "maria.n@example.org").await;
    let reference = app.db.store.case(id).await.unwrap().unwrap().reference.unwrap();
    let before = browser.get("/applications").await;
    assert!(!before.body.contains("Сповіщення"), "no notice before the worker ran");

    let mails_before = app.mail.messages().len();
    hromada_web::run_due_jobs(&app.state).await;
    let letter = app.mail.wait_for(mails_before + 1, std::time::Duration::from_secs(5)).await.pop().unwrap();
    assert_eq!(letter.rcpt_to, vec!["maria.n@example.org".to_string()]);
    assert_eq!(
        letter.first_link().as_deref(),
        Some(format!("http://hromada.test/applications/{id}/status").as_str()),
        "with an account, the status page"
    );

    let page = browser.get("/applications").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("<h2>Сповіщення</h2>"), "{}", page.body);
    assert!(
        page.body.contains(&format!("<strong class=\"tag\">Нове</strong> <strong>Заяву {reference} отримано</strong>")),
        "unread is said in words: {}",
        page.body
    );
    assert!(page.body.contains("Рішення — не пізніше"), "{}", page.body);
    assert!(page.body.contains(&format!("href=\"/applications/{id}/status\">Відкрити заяву")), "{}", page.body);
    assert!(page.body.contains("action=\"/applications/notices/read\""));

    let read = browser.submit("/applications", "/applications/notices/read", &[]).await;
    assert_eq!(location(&read), "/applications");
    let page = browser.get("/applications").await;
    assert!(page.body.contains(&format!("Заяву {reference} отримано")), "read notices stay in the list");
    assert!(!page.body.contains(">Нове<") && !page.body.contains("/applications/notices/read"), "nothing is unread: {}", page.body);

    let en = browser.get("/applications?lang=en").await;
    assert!(en.body.contains("<h2>Notifications</h2>"), "{}", en.body);
    // Another resident sees none of it.
    let mut other = resident(app, "taras.n@example.org").await;
    assert!(!other.get("/applications").await.body.contains(&reference));
}

async fn the_assignee_hears_when_the_resident_answers_a_request(app: &App) {
    let officer = bucha_staff(app, "officer.a@buchanska.example.org", Role::Officer).await;
    bucha_staff(app, "supervisor.a@buchanska.example.org", Role::Supervisor).await;
    let mut browser = Browser::new(app);
    let id = apply_for_information(&mut browser, "maria.a@example.org").await;
    let clock = Arc::new(ManualClock::new(early_tomorrow()));
    hromada_web::run_due_jobs(&worker(app, &clock)).await;
    let before = app.mail.messages().len();
    let reference = app.db.store.case(id).await.unwrap().unwrap().reference.unwrap();
    app.db.store.assign_cases(&[id], Some(officer), false, NOW).await.unwrap();
    // The office asks for information (the back-office's action, here straight through the store).
    for (from, to) in [("submitted", "in_review"), ("in_review", "waiting_for_resident")] {
        let event = hromada_store::NewCaseEvent {
            case_id: id,
            at: time::OffsetDateTime::now_utc(),
            kind: CaseEventKind::Action,
            action: None,
            transition: Some((from.into(), to.into())),
            by_applicant: false,
            actor: Some(officer),
            body: Some("Уточніть, будь ласка, за який період".into()),
            internal: false,
            files: Vec::new(),
            schedule: None,
            inputs: None,
            document: None,
        };
        app.db.store.record_case_event(&event).await.unwrap();
    }
    let status = format!("/applications/{id}/status");
    let sent =
        browser.post_multipart(&status, &format!("/applications/{id}/reply"), &[("message", "За січень–березень 2026 року")], &[]).await;
    assert_eq!(location(&sent), format!("{status}?sent=1"));
    assert_eq!(app.db.store.case(id).await.unwrap().unwrap().state, "in_review");

    hromada_web::run_due_jobs(&worker(app, &clock)).await;
    let letters = app.mail.wait_for(before + 1, std::time::Duration::from_secs(5)).await;
    let letter = letters.last().unwrap();
    assert_eq!(letter.rcpt_to, vec!["officer.a@buchanska.example.org".to_string()], "the assignee, not the supervisors");
    assert_eq!(letter.subject, format!("Заявник відповів на запит: {reference}"));
    assert!(letter.body.contains(&format!("http://hromada.test/staff/cases/{id}")), "{}", letter.body);
    assert!(!letter.body.contains("січень"), "the resident's words stay in the case, not in e-mail: {}", letter.body);
    assert_eq!(app.db.store.notifications_of(officer, 10).await.unwrap().len(), 1);
    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    assert_eq!(app.mail.messages().len(), before + 1);

    // A message while nobody waits for the resident is not an answer.
    let again = browser.post_multipart(&status, &format!("/applications/{id}/reply"), &[("message", "І ще одне питання")], &[]).await;
    assert_eq!(location(&again), format!("{status}?sent=1"));
    assert_eq!(hromada_web::run_due_jobs(&worker(app, &clock)).await, 0);
}

/// A submitted case of Bucha's request for information, due on `due`.
async fn submitted_case(app: &App, due: time::Date) -> (i64, String) {
    let store = app.db.store.as_ref();
    let case = store
        .create_case(&NewCase {
            community_slug: "buchanska".into(),
            service_slug: "zapyt-na-publichnu-informatsiiu".into(),
            service_version: 1,
            state: "draft".into(),
            created_at: NOW,
            applicant: None,
            lang: hromada_domain::Lang::Uk,
            contact_email: None,
            owner_token_hash: None,
            channel: CaseChannel::Online,
            assisted_by: None,
            assisted_note: None,
        })
        .await
        .unwrap();
    let submission = Submission {
        case_id: case.id,
        community_code: "BUC".into(),
        year: 2026,
        state: "submitted".into(),
        at: NOW,
        due_on: Some(due),
        answers: Default::default(),
        contact_email: None,
        owner_token_hash: None,
        jobs: Vec::new(),
    };
    match store.submit_case(&submission).await.unwrap() {
        SubmitOutcome::Submitted { reference } => (case.id, reference),
        other => panic!("{other:?}"),
    }
}

async fn the_daily_reminder_goes_once_a_day_to_the_assignee_and_the_supervisors(app: &App) {
    use time::macros::date;
    let officer = bucha_staff(app, "officer.d@buchanska.example.org", Role::Officer).await;
    let supervisor = bucha_staff(app, "supervisor.d@buchanska.example.org", Role::Supervisor).await;
    // Tuesday 1 December 2026: two working days ahead is Thursday the 3rd.
    let (soon, soon_ref) = submitted_case(app, date!(2026 - 12 - 03)).await;
    let (later, later_ref) = submitted_case(app, date!(2026 - 12 - 10)).await;
    let (_, unassigned_ref) = submitted_case(app, date!(2026 - 12 - 02)).await;
    assert_eq!(app.db.store.assign_cases(&[soon, later], Some(officer), false, NOW).await.unwrap(), 2);

    let clock = Arc::new(ManualClock::new(time::macros::datetime!(2026-12-01 06:30 +02:00)));
    let worker = worker(app, &clock);
    assert_eq!(hromada_web::run_due_jobs(&worker).await, 0, "not before 07:00 Kyiv time");

    clock.advance(time::Duration::minutes(35));
    hromada_web::run_due_jobs(&worker).await;
    assert_eq!(app.mail.wait_for(3, std::time::Duration::from_secs(5)).await.len(), 3);
    let to_officer = letters_to(app, "officer.d@buchanska.example.org");
    assert_eq!(to_officer.len(), 1, "the officer hears of their case due soon, not of the one due later");
    assert_eq!(to_officer[0].subject, format!("Строк розгляду заяви {soon_ref} спливає 3 грудня 2026"));
    assert!(to_officer[0].body.contains(&format!("http://hromada.test/staff/cases/{soon}")), "{}", to_officer[0].body);
    let to_supervisor: Vec<String> = letters_to(app, "supervisor.d@buchanska.example.org").into_iter().map(|m| m.subject).collect();
    assert_eq!(to_supervisor.len(), 2, "{to_supervisor:?}");
    assert!(to_supervisor.iter().any(|s| s.contains(&soon_ref)) && to_supervisor.iter().any(|s| s.contains(&unassigned_ref)));
    assert!(!app.mail.messages().iter().any(|m| m.subject.contains(&later_ref)));
    assert_eq!(app.db.store.notifications_of(officer, 10).await.unwrap().len(), 1);
    assert_eq!(app.db.store.notifications_of(supervisor, 10).await.unwrap().len(), 2);

    // The tick runs again that day, here and on another instance (a state of its own): no second round.
    clock.advance(time::Duration::hours(3));
    assert_eq!(hromada_web::run_due_jobs(&worker).await, 0);
    assert_eq!(hromada_web::run_due_jobs(&self::worker(app, &clock)).await, 0);
    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    assert_eq!(app.mail.messages().len(), 3);

    // The next morning the cases still open and due are reminded of again.
    clock.advance(time::Duration::hours(21));
    hromada_web::run_due_jobs(&worker).await;
    let letters = app.mail.wait_for(6, std::time::Duration::from_secs(5)).await;
    assert_eq!(letters.len(), 6, "{:?}", letters.iter().map(|m| &m.subject).collect::<Vec<_>>());
    assert!(!letters.iter().any(|m| m.subject.contains(&later_ref)), "due on the 10th: not yet");
}

/// A mail job as the worker queues it.
fn letter_job(to: &str, at: time::OffsetDateTime) -> NewJob {
    NewJob {
        kind: JobKind::Mail,
        payload: format!(r#"{{"to":"{to}","subject":"Лист","body":"Текст листа"}}"#),
        run_at: at,
        max_attempts: 5,
    }
}

/// The state of another start of the server on `data_dir`, with the test's clock.
async fn started(app: &App, data_dir: &std::path::Path, clock: &Arc<ManualClock>) -> AppState {
    let settings = WebSettings { data_dir: data_dir.to_path_buf(), ..(*app.state.settings).clone() };
    let mut state = AppState::new(Arc::clone(&app.db.store), Arc::clone(&app.state.mailer), settings).await.expect("state");
    state.clock = clock.clone();
    state
}

async fn letters_left_running_by_a_crash_are_sent_at_once_by_the_same_instance_only(app: &App) {
    let store = app.db.store.as_ref();
    let clock = Arc::new(ManualClock::new(early_tomorrow()));
    let lease = std::time::Duration::from_secs(300);
    // This instance took a letter and crashed before sending it; another instance holds a lease on a second one.
    let mine = store.enqueue_job(&letter_job("mine@example.org", clock.now())).await.unwrap();
    assert_eq!(store.claim_jobs(clock.now(), lease, 1, app.state.instance_id()).await.unwrap()[0].id, mine);
    let theirs = store.enqueue_job(&letter_job("theirs@example.org", clock.now())).await.unwrap();
    assert_eq!(store.claim_jobs(clock.now(), lease, 1, "instance-0123456789abcdef01234567").await.unwrap()[0].id, theirs);
    clock.advance(time::Duration::seconds(10));

    // A second process on the same data dir while the first still runs (a restart
    // that overlaps it): it is not that instance and takes nothing back.
    let overlapping = started(app, app.files.path(), &clock).await;
    assert_ne!(overlapping.instance_id(), app.state.instance_id());
    assert_eq!(hromada_web::run_due_jobs(&overlapping).await, 0, "no lease has ended");
    drop(overlapping);

    // The instance starts again after its crash: the same id, kept in its data dir.
    let data = TempDir::new();
    std::fs::copy(app.files.path().join("instance"), data.path().join("instance")).unwrap();
    let restarted = started(app, data.path(), &clock).await;
    assert_eq!(restarted.instance_id(), app.state.instance_id());
    assert_eq!(hromada_web::run_due_jobs(&restarted).await, 1, "its own letter at once, not 5 minutes later");
    let letters = app.mail.wait_for(1, std::time::Duration::from_secs(5)).await;
    assert_eq!(letters.len(), 1, "the other instance's letter waits for its lease");
    assert_eq!(letters[0].rcpt_to, vec!["mine@example.org".to_string()]);
    let id = format!("Message-ID: <{mine}.{}@hromada.test>", early_tomorrow().unix_timestamp());
    assert!(letters[0].raw.lines().any(|l| l.eq_ignore_ascii_case(&id)), "{id} in {}", letters[0].raw);
    let counts = store.job_counts().await.unwrap();
    assert_eq!((count(&counts, "done"), count(&counts, "running")), (1, 1), "{counts:?}");
    clock.advance(time::Duration::minutes(5));
    assert_eq!(hromada_web::run_due_jobs(&restarted).await, 1, "once its lease ended, the other instance's letter goes too");
}

/// Writes the letter, then "crashes": the worker hears of a failure the first time.
struct CrashesAfterWriting {
    outbox: hromada_mail::OutboxMailer,
    crashed: std::sync::atomic::AtomicBool,
}

#[async_trait::async_trait]
impl hromada_mail::Mailer for CrashesAfterWriting {
    async fn send(&self, email: &hromada_mail::Email) -> Result<(), hromada_mail::MailError> {
        self.outbox.send(email).await?;
        if self.crashed.swap(true, std::sync::atomic::Ordering::SeqCst) {
            Ok(())
        } else {
            Err(hromada_mail::MailError::Transport("stopped after writing, before recording it".into()))
        }
    }
}

fn outbox_files(dir: &std::path::Path) -> Vec<String> {
    let mut names: Vec<String> =
        std::fs::read_dir(dir).unwrap().filter_map(Result::ok).map(|e| e.file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    names
}

async fn an_outbox_letter_written_again_after_a_crash_is_one_letter_and_done_only_once_written(app: &App) {
    let store = app.db.store.as_ref();
    let clock = Arc::new(ManualClock::new(early_tomorrow()));
    let outbox = app.files.path().join("outbox");
    let mut worker = worker(app, &clock);
    worker.mailer = Arc::new(CrashesAfterWriting {
        outbox: hromada_mail::OutboxMailer::new(&outbox),
        crashed: std::sync::atomic::AtomicBool::new(false),
    });
    let job = store.enqueue_job(&letter_job("maria.o@example.org", clock.now())).await.unwrap();
    let name = format!("{job}.{}@hromada.test.txt", early_tomorrow().unix_timestamp());
    assert_eq!(hromada_web::run_due_jobs(&worker).await, 1);
    assert_eq!(outbox_files(&outbox), vec![name.clone()], "the letter is the file named by its Message-ID");
    assert_eq!(count(&store.job_counts().await.unwrap(), "queued"), 1, "not recorded as done: it is tried again");
    clock.advance(time::Duration::minutes(1));
    assert_eq!(hromada_web::run_due_jobs(&worker).await, 1);
    assert_eq!(
        outbox_files(&outbox),
        vec![name.clone()],
        "written again, it is the same letter: no second file, nothing half-written left"
    );
    let text = std::fs::read_to_string(outbox.join(&name)).unwrap();
    assert!(
        text.starts_with(&format!(
            "Message-ID: <{}>\nTo: maria.o@example.org\nSubject: Лист\n\nТекст листа",
            name.trim_end_matches(".txt")
        )),
        "{text}"
    );
    assert_eq!(count(&store.job_counts().await.unwrap(), "done"), 1);

    // An outbox that cannot be written leaves the letter to be tried again, never done.
    let blocked = app.files.path().join("blocked");
    std::fs::write(&blocked, "a file where the outbox should be").unwrap();
    worker.mailer = Arc::new(hromada_mail::OutboxMailer::new(&blocked));
    store.enqueue_job(&letter_job("maria.o@example.org", clock.now())).await.unwrap();
    assert_eq!(hromada_web::run_due_jobs(&worker).await, 1);
    let counts = store.job_counts().await.unwrap();
    assert_eq!((count(&counts, "done"), count(&counts, "queued")), (1, 1), "{counts:?}");
}
