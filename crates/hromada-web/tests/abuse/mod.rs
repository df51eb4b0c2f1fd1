//! Abuse over HTTP: what one network address or one account may do in a
//! window (drafts without an account, uploads by their size, `/verify`
//! checks, a signed-in person's password checks), refused with the 429 page
//! and `Retry-After`, changing nothing; and a tracking link that asks before
//! it replaces another case's secret in the visitor's cookie.

use super::*;

both!(password_checks_of_a_signed_in_person_are_throttled_per_account, a_tracking_link_asks_before_replacing_the_visitors_case,);

/// Scenarios that need their own settings: one trusted proxy (so that
/// `X-Forwarded-For` names the address), and small uploads.
macro_rules! behind_a_proxy {
    ($($name:ident),* $(,)?) => {
        mod proxied_sqlite { $(#[tokio::test] async fn $name() { if let Some(app) = super::proxied(super::Backend::Sqlite).await { super::$name(&app).await; app.db.cleanup().await; } })* }
        mod proxied_postgres { $(#[tokio::test] async fn $name() { if let Some(app) = super::proxied(super::Backend::Postgres).await { super::$name(&app).await; app.db.cleanup().await; } })* }
    };
}

behind_a_proxy!(
    drafts_without_an_account_are_throttled_per_address,
    uploads_are_throttled_by_their_size_per_address,
    verify_checks_are_throttled_per_address,
);

/// 64 KiB a file, 128 KiB an application: an address may upload 20 applications' worth, 2,560 KiB, an hour.
const FILE_BYTES: u64 = 64 * 1024;

async fn proxied(backend: Backend) -> Option<App> {
    app_with(backend, |settings| {
        settings.proxy_hops = 1;
        settings.uploads = UploadLimits { file_bytes: FILE_BYTES, application_bytes: 2 * FILE_BYTES };
    })
    .await
}

const ROBOT: &str = "203.0.113.66";
const CENTRE: &str = "198.51.100.20";

/// The 429 page in the reader's language, with `Retry-After` within `window_secs`.
fn assert_throttled(page: &Page, window_secs: u64, what: &str) {
    assert_eq!(page.status, StatusCode::TOO_MANY_REQUESTS, "{what}: {}", &page.body[..page.body.len().min(2000)]);
    let retry: u64 = page.headers[header::RETRY_AFTER].to_str().unwrap().parse().unwrap();
    assert!(retry > 0 && retry <= window_secs, "{what}: Retry-After {retry}");
    assert!(page.body.contains("Забагато спроб") || page.body.contains("Too many attempts"), "{what}: {}", page.body);
    assert!(
        page.headers.get_all(header::SET_COOKIE).iter().all(|c| !c.to_str().unwrap().starts_with("hromada_case=")),
        "{what}: a refusal sets no case cookie"
    );
}

async fn drafts_without_an_account_are_throttled_per_address(app: &App) {
    let apply = format!("{INFORMATION}/apply");
    let mut robot = Browser::new(app);
    robot.from = Some(ROBOT);
    let token = robot.get(&apply).await.csrf();
    let mut last = 0;
    for n in 0..100 {
        let started = robot.post_raw(&apply, format!("_csrf={token}"), &[]).await;
        assert_eq!(started.status, StatusCode::SEE_OTHER, "draft {n}: a hundred an hour is what a busy centre never reaches");
        last = case_id(&location(&started));
    }
    let refused = robot.post_raw(&apply, format!("_csrf={token}"), &[]).await;
    assert_throttled(&refused, 3600, "the 101st draft from one address");
    let refused = robot.post_raw(&format!("{apply}?lang=en"), format!("_csrf={token}"), &[]).await;
    assert_throttled(&refused, 3600, "in English");
    assert!(refused.body.contains("Too many attempts"), "{}", refused.body);
    assert!(app.db.store.case(last + 1).await.unwrap().is_none(), "a refused start makes no draft");
    // Another address is not held back by this one.
    let mut centre = Browser::new(app);
    centre.from = Some(CENTRE);
    let first = start(&mut centre, INFORMATION).await;
    assert_eq!(case_id(&first), last + 1);
}

/// A PNG of exactly `FILE_BYTES`.
fn scan() -> Vec<u8> {
    let mut bytes = PNG.to_vec();
    bytes.resize(FILE_BYTES as usize, 0);
    bytes
}

async fn uploads_are_throttled_by_their_size_per_address(app: &App) {
    let scan = scan();
    // A resident on a question page with an upload, from the robot's address.
    let mut olena = resident(app, "olena.uploads@example.org").await;
    olena.from = Some(ROBOT);
    let first = start(&mut olena, REGISTRATION).await;
    let id = case_id(&first);
    let next = location(&answer(&mut olena, &first, &[("registrant", "child")]).await);
    let child = location(
        &answer(
            &mut olena,
            &next,
            &[("full_name", "Олена Коваль"), ("date_of_birth", "12.05.1990"), ("id_document", "КА123456"), ("phone", "067 123 45 67")],
        )
        .await,
    );
    let fields = [
        ("_version", "1"),
        ("child_full_name", "Марко Коваль"),
        ("child_birth_date", "01.09.2020"),
        ("child_relation", "parent"),
        ("_action", "upload"),
    ];
    // 2,560 KiB an hour: forty uploads of 64 KiB pass (the third on is refused for the application's own limit, but counts).
    for n in 0..40 {
        let page = olena.post_multipart(&child, &child, &fields, &[("child_birth_certificate", "scan.png", &scan)]).await;
        assert_ne!(page.status, StatusCode::TOO_MANY_REQUESTS, "upload {n}");
    }
    let files = app.db.store.case_files(id).await.unwrap().len();
    assert_eq!(files, 2, "the application's own limit took two");
    let remove = app.db.store.case_files(id).await.unwrap()[0].id;
    location(&olena.submit(&child, &format!("/applications/{id}/files/{remove}/remove"), &[]).await);
    let refused = olena.post_multipart(&child, &child, &fields, &[("child_birth_certificate", "scan.png", &scan)]).await;
    assert_throttled(&refused, 3600, "the 41st upload from one address");
    assert_eq!(app.db.store.case_files(id).await.unwrap().len(), 1, "a refused upload keeps nothing, though there is room");

    // A reply with a file from the same address is refused too; from another it goes.
    let (mut ganna, sent) = sent_request(app, "ganna.uploads@example.org").await;
    ganna.from = Some(ROBOT);
    let status = format!("/applications/{sent}/status");
    let reply = format!("/applications/{sent}/reply");
    let events = app.db.store.case_events(sent).await.unwrap().len();
    let refused = ganna.post_multipart(&status, &reply, &[("message", "Додаю скан")], &[("files", "скан.png", &scan)]).await;
    assert_throttled(&refused, 3600, "a reply's file");
    assert_eq!(app.db.store.case_events(sent).await.unwrap().len(), events, "a refused reply is not sent");
    ganna.from = Some(CENTRE);
    let accepted = ganna.post_multipart(&status, &reply, &[("message", "Додаю скан")], &[("files", "скан.png", &scan)]).await;
    assert_eq!(location(&accepted), format!("{status}?sent=1"));
    // A reply without files weighs nothing.
    ganna.from = Some(ROBOT);
    let text = ganna.post_multipart(&status, &reply, &[("message", "І ще одне питання")], &[]).await;
    assert_eq!(location(&text), format!("{status}?sent=1"));
}

async fn verify_checks_are_throttled_per_address(app: &App) {
    let mut robot = Browser::new(app);
    robot.from = Some(ROBOT);
    for n in 0..30 {
        let page = robot.get(&format!("/verify?code=7K3MQ-9XD{n:02}")).await;
        assert_eq!(page.status, StatusCode::OK, "check {n}: {}", page.body);
    }
    let refused = robot.get("/verify?code=7K3MQ-9XD2A").await;
    assert_throttled(&refused, 60, "the 31st check in a minute");
    let refused = robot.get("/verify?d=AAAA").await;
    assert_throttled(&refused, 60, "a payload is a check too");
    assert_eq!(robot.get("/verify").await.status, StatusCode::OK, "the empty form checks nothing and is not counted");
    let mut centre = Browser::new(app);
    centre.from = Some(CENTRE);
    assert_eq!(centre.get("/verify?code=7K3MQ-9XD2A").await.status, StatusCode::OK, "another address checks on");
}

async fn password_checks_of_a_signed_in_person_are_throttled_per_account(app: &App) {
    let mut browser = resident(app, "guessed@example.org").await;
    let account = app.db.store.account_by_email("guessed@example.org").await.unwrap().unwrap();
    let new_password = "синій трамвай співає вночі";
    // A right password clears the failures before it, as at sign-in.
    for _ in 0..4 {
        let page = browser
            .submit(
                "/account/password",
                "/account/password",
                &[("current_password", "не той пароль зовсім"), ("new_password", new_password)],
            )
            .await;
        assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    }
    let page = browser.submit("/account/password", "/account/password", &[("current_password", PASSWORD), ("new_password", "123")]).await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY, "a weak new password, but the current one was right");
    for _ in 0..5 {
        let page = browser
            .submit(
                "/account/password",
                "/account/password",
                &[("current_password", "не той пароль зовсім"), ("new_password", new_password)],
            )
            .await;
        assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    }
    let refused =
        browser.submit("/account/password", "/account/password", &[("current_password", PASSWORD), ("new_password", new_password)]).await;
    assert_throttled(&refused, 15 * 60, "the right password after five failures");
    let refused = browser.submit("/account/delete", "/account/delete", &[("password", PASSWORD)]).await;
    assert_throttled(&refused, 15 * 60, "deleting the account checks the same password");
    let after = app.db.store.account_by_email("guessed@example.org").await.unwrap().unwrap();
    assert_eq!(after.password_hash, account.password_hash, "the password is unchanged");
    assert!(after.deleted_at.is_none(), "the account is still there");
    assert_eq!(browser.get("/account").await.status, StatusCode::OK, "and still signed in");
}

/// The secret in a browser's case cookie: the token of its tracking link.
fn case_token(browser: &Browser<'_>) -> String {
    browser.cookies.get("hromada_case").expect("a case cookie").clone()
}

async fn a_tracking_link_asks_before_replacing_the_visitors_case(app: &App) {
    // Someone else's draft, whose link is sent to the victim.
    let mut planter = Browser::new(app);
    let planted = case_id(&start(&mut planter, INFORMATION).await);
    let link = format!("/track/{}", case_token(&planter));
    // The victim is filling in a draft of their own.
    let mut victim = Browser::new(app);
    let own = case_id(&start(&mut victim, INFORMATION).await);
    let own_token = case_token(&victim);

    let asked = victim.get(&link).await;
    assert_eq!(asked.status, StatusCode::OK, "{}", asked.body);
    assert_eq!(case_token(&victim), own_token, "asking replaces nothing");
    assert!(asked.body.contains("<h1>Відкрити іншу заяву?</h1>"), "{}", asked.body);
    let named = "чернетка «Запит на публічну інформацію» (Бучанська громада)";
    assert_eq!(asked.body.matches(named).count(), 2, "both cases named by their service, not their answers: {}", asked.body);
    assert!(asked.body.contains(&format!("method=\"post\" action=\"{link}\"")), "{}", asked.body);
    assert!(asked.body.contains("name=\"_csrf\""));
    assert!(asked.body.contains(&format!("href=\"/applications/{own}\"")), "a link keeps the current one");
    assert_eq!(asked.headers[header::CACHE_CONTROL], "no-store");
    assert_eq!(asked.headers[header::REFERRER_POLICY], "no-referrer", "the page's address holds a secret: it is never sent on");
    assert_eq!(victim.get(&format!("/applications/{own}")).await.status, StatusCode::SEE_OTHER, "the victim's draft is still theirs");

    let english = victim.get(&format!("{link}?lang=en")).await;
    assert!(english.body.contains("<h1>Open another application?</h1>"), "{}", english.body);
    assert!(english.body.contains("a draft of “Request for public information” (Bucha community)"), "{}", english.body);

    // A sent case is named by its reference.
    let (mut sender, sent) = sent_request(app, "sender@example.org").await;
    let reference = app.db.store.case(sent).await.unwrap().unwrap().reference.unwrap();
    let asked = sender.get(&link).await;
    assert!(asked.body.contains(&format!("Запит на публічну інформацію (Бучанська громада), номер {reference}")), "{}", asked.body);
    assert!(asked.body.contains(&format!("href=\"/applications/{sent}/status\"")));

    // Switching takes the form (and its token), and then the link's case is the one the cookie holds.
    let switched = victim.submit(&link, &link, &[]).await;
    assert_eq!(location(&switched), format!("/applications/{planted}"));
    assert_eq!(switched.headers[header::REFERRER_POLICY], "no-referrer", "nor by the redirect that follows it");
    assert_eq!(format!("/track/{}", case_token(&victim)), link);
    let refused = victim.post_raw(&link, String::new(), &[]).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN, "not without the form's token");

    // With the same case's cookie, or none, the link goes straight to the case as before.
    assert_eq!(location(&victim.get(&link).await), format!("/applications/{planted}"));
    let mut fresh = Browser::new(app);
    assert_eq!(location(&fresh.get(&link).await), format!("/applications/{planted}"));
    // A cookie whose case is gone is nothing to keep.
    let mut stale = Browser::new(app);
    stale.cookies.insert("hromada_case".into(), "A".repeat(43));
    assert_eq!(location(&stale.get(&link).await), format!("/applications/{planted}"));
}
