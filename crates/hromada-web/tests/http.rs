//! The public catalogue over HTTP, through the real router, on a real store:
//! SQLite always, PostgreSQL too when `HROMADA_TEST_POSTGRES_URL` is set.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::sync::Arc;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use hromada_domain::Text;
use hromada_domain::auth::HashParams;
use hromada_domain::definition::parse_definition;
use hromada_domain::place::{CentreKind, Community, DayHours, Region, ServiceCentre, WeekHours};
use hromada_mail::SmtpMailer;
use hromada_mail::testing::SmtpSink;
use hromada_store::Store;
use hromada_store::testing::{Backend, TempDir, TestDb};
use hromada_web::{AppState, DraftPolicy, SessionTimeouts, UploadLimits, WebSettings, router};
use time::macros::datetime;
use tower::ServiceExt;

const NOW: time::OffsetDateTime = datetime!(2026-11-27 10:00 UTC);

fn demo_service(name: &str) -> String {
    let path = format!("{}/../../services/{name}.toml", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

const SERVICES: &[&str] = &[
    "zapyt-na-publichnu-informatsiiu",
    "kompensatsiia-za-poshkodzhene-zhytlo",
    "reiestratsiia-mistsia-prozhyvannia",
    "zhytlova-subsydiia",
];

fn community(slug: &str, region: &str, code: &str, uk: &str, en: &str) -> Community {
    Community {
        slug: slug.into(),
        region_slug: region.into(),
        code: code.into(),
        name: Text::new(uk, en),
        katottg: None,
        phone: "+380 44 000 01 01".into(),
        email: format!("cnap@{slug}.example.org"),
        website: String::new(),
        published: true,
    }
}

/// A community's ЦНАП, open Monday to Friday 8:00–17:00 with a break 12:00–13:00.
fn centre(community: &str) -> ServiceCentre {
    let day = DayHours::new(8 * 60, 17 * 60, Some((12 * 60, 13 * 60))).unwrap();
    ServiceCentre {
        id: 0,
        community_slug: community.into(),
        kind: CentreKind::Main,
        name: Text::new("ЦНАП", "Administrative service centre"),
        address: Text::new("вул. Енергетиків, 12", "12 Enerhetykiv St"),
        phone: "+380 44 000 01 01".into(),
        hours: WeekHours([Some(day), Some(day), Some(day), Some(day), Some(day), None, None]),
        accessibility: Text::new("Вхід без сходинок.", "Step-free entrance."),
    }
}

/// Two communities; Bucha offers four services, Ternopil only the request for information.
async fn seeded(store: &dyn Store) {
    store.put_region(&Region { slug: "kyivska".into(), name: Text::new("Київська область", "Kyiv Oblast"), katottg: None }).await.unwrap();
    store
        .put_region(&Region {
            slug: "ternopilska".into(), name: Text::new("Тернопільська область", "Ternopil Oblast"), katottg: None
        })
        .await
        .unwrap();
    store.put_community(&community("buchanska", "kyivska", "BUC", "Бучанська громада", "Bucha community")).await.unwrap();
    store.put_community(&community("ternopilska", "ternopilska", "TER", "Тернопільська громада", "Ternopil community")).await.unwrap();
    store.put_community(&community("irpinska", "kyivska", "IRP", "Ірпінська громада", "Irpin community")).await.unwrap();
    for slug in ["buchanska", "ternopilska", "irpinska"] {
        store.put_service_centre(&centre(slug)).await.unwrap();
    }
    for name in SERVICES {
        store.import_service(name, &demo_service(name), NOW).await.unwrap();
        store.offer_service("buchanska", name).await.unwrap();
    }
    store.offer_service("ternopilska", "zapyt-na-publichnu-informatsiiu").await.unwrap();
}

struct App {
    state: AppState,
    db: TestDb,
    mail: SmtpSink,
    files: TempDir,
}

impl App {
    async fn get(&self, uri: &str) -> (StatusCode, axum::http::HeaderMap, String) {
        self.get_with(uri, &[]).await
    }

    async fn get_with(&self, uri: &str, headers: &[(&str, &str)]) -> (StatusCode, axum::http::HeaderMap, String) {
        let mut request = Request::get(uri);
        for (k, v) in headers {
            request = request.header(*k, *v);
        }
        let response = router(self.state.clone()).oneshot(request.body(Body::empty()).unwrap()).await.unwrap();
        let status = response.status();
        let headers = response.headers().clone();
        let bytes = axum::body::to_bytes(response.into_body(), 10 << 20).await.unwrap();
        (status, headers, String::from_utf8_lossy(&bytes).into_owned())
    }
}

async fn app(backend: Backend) -> Option<App> {
    app_with(backend, |_| {}).await
}

/// An app whose settings `tweak` changed first.
async fn app_with(backend: Backend, tweak: impl FnOnce(&mut WebSettings)) -> Option<App> {
    let db = TestDb::new(backend).await?;
    seeded(db.store.as_ref()).await;
    let mail = SmtpSink::start().await;
    let files = TempDir::new();
    let mailer = Arc::new(SmtpMailer::new(&mail.url(), "Громада <noreply@hromada.test>").expect("mailer"));
    let settings = WebSettings {
        demo: true,
        secure_cookies: false,
        public_url: "http://hromada.test".into(),
        sessions: SessionTimeouts::default(),
        password_params: HashParams::fast_for_tests(),
        proxy_hops: 0,
        data_dir: files.path().to_path_buf(),
        uploads: UploadLimits::default(),
        drafts: DraftPolicy::default(),
        pulse: hromada_web::PulseSettings::default(),
        keys_secret: Some(hromada_web::keys::KeysSecret::new("the tests' own passphrase")),
        metrics: hromada_web::MetricsAccess::default(),
    };
    let mut settings = settings;
    tweak(&mut settings);
    let state = AppState::new(Arc::clone(&db.store), mailer, settings).await.expect("state");
    Some(App { state, db, mail, files })
}

/// A browser without JavaScript: keeps cookies, fills forms (with their hidden CSRF field).
struct Browser<'a> {
    app: &'a App,
    cookies: std::collections::BTreeMap<String, String>,
    /// The network address its requests come from, as a trusted proxy says (`X-Forwarded-For`).
    from: Option<&'static str>,
}

struct Page {
    status: StatusCode,
    headers: axum::http::HeaderMap,
    body: String,
}

impl Page {
    /// The value of the hidden `_csrf` field of the page's form.
    fn csrf(&self) -> String {
        let at = self.body.find("name=\"_csrf\" value=\"").expect("the page has a form with a CSRF field");
        self.body[at + 20..].split('"').next().unwrap().to_string()
    }
}

fn encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

impl<'a> Browser<'a> {
    fn new(app: &'a App) -> Browser<'a> {
        Browser { app, cookies: Default::default(), from: None }
    }

    fn cookie_header(&self) -> String {
        self.cookies.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join("; ")
    }

    async fn send(&mut self, mut request: Request<Body>) -> Page {
        if let Some(from) = self.from {
            request.headers_mut().insert("x-forwarded-for", header::HeaderValue::from_static(from));
        }
        let response = router(self.app.state.clone()).oneshot(request).await.unwrap();
        for set in response.headers().get_all(header::SET_COOKIE) {
            let text = set.to_str().unwrap();
            let (pair, attributes) = text.split_once(';').unwrap_or((text, ""));
            let (k, v) = pair.split_once('=').unwrap();
            if attributes.contains("Max-Age=0") {
                self.cookies.remove(k);
            } else {
                self.cookies.insert(k.to_string(), v.to_string());
            }
        }
        let status = response.status();
        let headers = response.headers().clone();
        let bytes = axum::body::to_bytes(response.into_body(), 10 << 20).await.unwrap();
        Page { status, headers, body: String::from_utf8_lossy(&bytes).into_owned() }
    }

    async fn get(&mut self, uri: &str) -> Page {
        let request = Request::get(uri).header("cookie", self.cookie_header()).body(Body::empty()).unwrap();
        self.send(request).await
    }

    /// Post `fields` as a form to `uri`, with the CSRF token of the page at `form_page`.
    async fn submit(&mut self, form_page: &str, uri: &str, fields: &[(&str, &str)]) -> Page {
        let token = self.get(form_page).await.csrf();
        let mut body: Vec<String> = fields.iter().map(|(k, v)| format!("{}={}", encode(k), encode(v))).collect();
        body.push(format!("_csrf={token}"));
        self.post_raw(uri, body.join("&"), &[]).await
    }

    /// Post a multipart form (text fields and files as (field, file name, bytes)) to `uri`,
    /// with the CSRF token in the query as the page's form does.
    async fn post_multipart(&mut self, form_page: &str, uri: &str, fields: &[(&str, &str)], files: &[(&str, &str, &[u8])]) -> Page {
        let token = self.get(form_page).await.csrf();
        let boundary = "----hromada-test-boundary";
        let mut body: Vec<u8> = Vec::new();
        for (k, v) in fields.iter().chain([("_csrf", token.as_str())].iter()) {
            body.extend_from_slice(format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n").as_bytes());
        }
        for (field, name, bytes) in files {
            body.extend_from_slice(
                format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{field}\"; filename=\"{name}\"\r\nContent-Type: application/octet-stream\r\n\r\n").as_bytes(),
            );
            body.extend_from_slice(bytes);
            body.extend_from_slice(b"\r\n");
        }
        body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
        let separator = if uri.contains('?') { '&' } else { '?' };
        let request = Request::post(format!("{uri}{separator}_csrf={token}"))
            .header("cookie", self.cookie_header())
            .header("content-type", format!("multipart/form-data; boundary={boundary}"))
            .header("host", "hromada.test")
            .body(Body::from(body))
            .unwrap();
        self.send(request).await
    }

    /// Post `body` as it is, bytes that may not be UTF-8, as an urlencoded form.
    async fn post_bytes(&mut self, uri: &str, body: Vec<u8>) -> Page {
        let request = Request::post(uri)
            .header("cookie", self.cookie_header())
            .header("content-type", "application/x-www-form-urlencoded")
            .header("host", "hromada.test");
        self.send(request.body(Body::from(body)).unwrap()).await
    }

    async fn post_raw(&mut self, uri: &str, body: String, headers: &[(&str, &str)]) -> Page {
        let mut request = Request::post(uri)
            .header("cookie", self.cookie_header())
            .header("content-type", "application/x-www-form-urlencoded")
            .header("host", "hromada.test");
        for (k, v) in headers {
            request = request.header(*k, *v);
        }
        self.send(request.body(Body::from(body)).unwrap()).await
    }
}

const PASSWORD: &str = "зелений чайник їде додому";

/// Register and confirm through the e-mailed link; returns the address.
async fn registered(app: &App, browser: &mut Browser<'_>, email: &str) -> String {
    let before = app.mail.messages().len();
    let page =
        browser.submit("/account/register", "/account/register", &[("email", email), ("name", "Олена"), ("password", PASSWORD)]).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(page.body.contains("Перевірте пошту"));
    hromada_web::run_due_jobs(&app.state).await;
    let mail = app.mail.wait_for(before + 1, std::time::Duration::from_secs(5)).await;
    // The worker sends whatever else was queued too (a case's news): find this letter.
    let letter = mail[before..]
        .iter()
        .rfind(|m| m.rcpt_to == vec![email.to_lowercase()] && m.first_link().is_some_and(|l| l.contains("/account/confirm?")))
        .expect("a confirmation letter");
    let link = letter.first_link().expect("a link");
    let path = link.strip_prefix("http://hromada.test").expect("the link points at the public URL");
    let confirmed = browser.get(path).await;
    assert_eq!(confirmed.status, StatusCode::OK, "{}", confirmed.body);
    assert!(confirmed.body.contains("Адресу підтверджено"));
    email.to_lowercase()
}

/// `both!(name);` runs scenario `name` on SQLite and on PostgreSQL.
macro_rules! both {
    ($($name:ident),* $(,)?) => {
        mod sqlite { $(#[tokio::test] async fn $name() { if let Some(app) = super::app(super::Backend::Sqlite).await { super::$name(&app).await; app.db.cleanup().await; } })* }
        mod postgres { $(#[tokio::test] async fn $name() { if let Some(app) = super::app(super::Backend::Postgres).await { super::$name(&app).await; app.db.cleanup().await; } })* }
    };
}

mod abuse;
mod admin_community;
mod admin_places;
mod assist;
mod backoffice;
mod centres;
mod documents;
mod feedback;
mod find;
mod glossary;
mod help;
mod notify;
mod pulse;
mod secrets;
mod tidy;
mod unpublished;
mod uploads;

both!(
    the_home_page_lists_regions_and_communities_in_ukrainian,
    a_community_lists_only_the_services_it_offers,
    a_start_page_tells_what_when_and_how_much,
    english_is_one_link_away_and_stays_chosen,
    search_ignores_case_and_apostrophe_forms,
    categories_and_life_situations_filter_the_catalogue,
    unknown_addresses_get_a_404_page_in_the_readers_language,
    every_response_carries_security_headers,
    a_new_definition_version_reaches_the_catalogue_without_a_restart,
    metrics_count_requests_by_route,
    metrics_can_need_a_token_and_an_address_of_their_own,
    a_resident_registers_confirms_signs_in_and_out,
    unknown_address_and_wrong_password_get_the_same_answer,
    every_post_route_refuses_a_missing_or_wrong_csrf_token,
    sign_in_is_throttled_per_account_with_retry_after,
    a_forgotten_password_is_reset_by_a_single_use_link,
    registration_errors_name_the_field_and_keep_the_answers,
    signing_out_everywhere_ends_every_session,
    staff_enrol_a_second_factor_and_need_it_at_every_sign_in,
    a_resident_downloads_their_data_and_deletes_the_account,
    who_may_invite_whom_is_decided_by_the_policy_over_http,
    a_resident_applies_from_start_to_one_confirmed_case,
    wrong_and_hostile_answers_change_nothing,
    text_that_is_not_utf8_is_refused_and_never_stored,
    without_an_account_a_tracking_link_follows_the_case,
    a_resident_replies_and_withdraws,
    a_withdrawal_waits_for_what_the_workflow_requires_first,
    a_draft_keeps_the_definition_version_it_was_started_under,
    malformed_case_and_file_ids_are_the_404_of_a_case_that_does_not_exist,
    a_hostile_next_never_leads_off_the_site_nor_fails,
    a_half_signed_in_staff_session_can_only_answer_its_second_factor,
);

#[tokio::test]
async fn untouched_drafts_are_warned_about_then_deleted_sqlite() {
    untouched_drafts_are_warned_about_then_deleted(Backend::Sqlite).await;
}

#[tokio::test]
async fn untouched_drafts_are_warned_about_then_deleted_postgres() {
    untouched_drafts_are_warned_about_then_deleted(Backend::Postgres).await;
}

async fn the_home_page_lists_regions_and_communities_in_ukrainian(app: &App) {
    let (status, headers, body) = app.get("/").await;
    assert_eq!(status, StatusCode::OK);
    assert!(headers[header::CONTENT_TYPE].to_str().unwrap().starts_with("text/html"));
    assert!(body.contains("<html lang=\"uk\">"));
    assert!(body.contains("Київська область"));
    assert!(body.contains("<a href=\"/buchanska\">Бучанська громада</a>"));
    assert!(body.contains("4 послуги"), "Ukrainian plural for 4 is 'послуги'");
    assert!(body.contains("1 послуга"), "and for 1 'послуга'");
    assert!(body.contains("class=\"demo\""), "the demo banner shows on every page");
    assert!(body.contains("href=\"#main\""), "a skip link");
}

async fn a_community_lists_only_the_services_it_offers(app: &App) {
    let (status, _, body) = app.get("/ternopilska").await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("href=\"/ternopilska/zapyt-na-publichnu-informatsiiu\""));
    assert!(!body.contains("kompensatsiia-za-poshkodzhene-zhytlo"));
    let (status, _, _) = app.get("/ternopilska/kompensatsiia-za-poshkodzhene-zhytlo").await;
    assert_eq!(status, StatusCode::NOT_FOUND, "a service the community does not offer has no start page there");
}

async fn a_start_page_tells_what_when_and_how_much(app: &App) {
    let (status, _, body) = app.get("/buchanska/zapyt-na-publichnu-informatsiiu").await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("<h1>Запит на публічну інформацію</h1>"));
    assert!(body.contains("5 робочих днів"), "the deadline from the definition, with its plural form");
    assert!(body.contains("до 20 робочих днів"), "an extension is counted in the same kind of days");
    assert!(body.contains("Безоплатно"));
    assert!(body.contains("Про доступ до публічної інформації"), "the legal basis");
    assert!(body.contains("href=\"/buchanska/zapyt-na-publichnu-informatsiiu/apply\""), "a Start button");
    let (_, _, body) = app.get("/buchanska/reiestratsiia-mistsia-prozhyvannia").await;
    assert!(body.contains("У день звернення"));
    let (status, _, body) = app.get("/buchanska/zapyt-na-publichnu-informatsiiu/apply").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        body.contains("method=\"post\" action=\"/buchanska/zapyt-na-publichnu-informatsiiu/apply\""),
        "no account needed: Start makes a draft"
    );
    let (status, _, body) = app.get("/buchanska/reiestratsiia-mistsia-prozhyvannia/apply").await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("href=\"/account/sign-in?next=%2Fbuchanska%2Freiestratsiia-mistsia-prozhyvannia%2Fapply\""), "{body}");
    assert!(!body.contains("method=\"post\" action=\"/buchanska/reiestratsiia"), "an account is needed first");
}

async fn english_is_one_link_away_and_stays_chosen(app: &App) {
    let (_, _, uk) = app.get("/buchanska/zapyt-na-publichnu-informatsiiu").await;
    assert!(uk.contains("href=\"/buchanska/zapyt-na-publichnu-informatsiiu?lang=en\""));
    let (status, headers, en) = app.get("/buchanska/zapyt-na-publichnu-informatsiiu?lang=en").await;
    assert_eq!(status, StatusCode::OK);
    assert!(en.contains("<html lang=\"en\">"));
    assert!(en.contains("<h1>Request for public information</h1>"));
    assert!(en.contains("5 working days"));
    // (The page's "Was this page useful?" form sets a CSRF cookie beside it.)
    let cookies: Vec<&str> = headers.get_all(header::SET_COOKIE).iter().map(|c| c.to_str().unwrap()).collect();
    assert!(cookies.iter().any(|c| c.starts_with("lang=en;")), "{cookies:?}");
    let (_, _, next) = app.get_with("/buchanska", &[("cookie", "lang=en")]).await;
    assert!(next.contains("<html lang=\"en\">"), "the choice holds on the next page");
    assert!(next.contains("href=\"/buchanska?lang=uk\""), "and the switch leads back");
}

async fn search_ignores_case_and_apostrophe_forms(app: &App) {
    // "сім’ї" is written with U+2019 in the subsidy definition.
    for q in ["%D1%81%D1%96%D0%BC%E2%80%99%D1%97", "%D0%A1%D0%86%D0%9C'%D0%87", "%D1%81%D1%96%D0%BC%CA%BC%D1%97"] {
        let (status, _, body) = app.get(&format!("/search?q={q}")).await;
        assert_eq!(status, StatusCode::OK);
        assert!(body.contains("href=\"/buchanska/zhytlova-subsydiia\""), "query {q} should find the subsidy");
    }
    let (_, _, body) = app.get("/buchanska?q=%D0%B7%D0%B0%D0%BF%D0%B8%D1%82").await; // "запит"
    assert!(body.contains("zapyt-na-publichnu-informatsiiu"));
    assert!(!body.contains("href=\"/buchanska/zhytlova-subsydiia\""));
    let (_, _, body) = app.get("/search?q=xyzzy").await;
    assert!(body.contains("Нічого не знайдено"));
}

async fn categories_and_life_situations_filter_the_catalogue(app: &App) {
    let (_, _, body) = app.get("/buchanska?category=transparency").await;
    assert!(body.contains("zapyt-na-publichnu-informatsiiu"));
    assert!(!body.contains("href=\"/buchanska/kompensatsiia-za-poshkodzhene-zhytlo\""));
    assert!(body.contains("aria-current=\"page\""));
    assert!(body.contains("<title>Доступ до інформації — Бучанська громада — Громада</title>"), "a filtered list says so in its title");
    let (_, _, body) = app.get("/buchanska?situation=home-damaged").await;
    assert!(body.contains("href=\"/buchanska/kompensatsiia-za-poshkodzhene-zhytlo\""));
    assert!(!body.contains("href=\"/buchanska/zapyt-na-publichnu-informatsiiu\""));
    let (status, _, body) = app.get("/buchanska?category=%3Cscript%3E").await;
    assert_eq!(status, StatusCode::OK, "an unknown category shows everything rather than failing");
    assert!(!body.contains("<script>"));
}

async fn unknown_addresses_get_a_404_page_in_the_readers_language(app: &App) {
    let (status, _, body) = app.get("/no-such-community").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(body.contains("Сторінку не знайдено"));
    assert!(body.contains("<main id=\"main\""));
    let (status, _, body) = app.get_with("/buchanska/no-such-service", &[("cookie", "lang=en")]).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(body.contains("Page not found"));
    let (status, headers, _) = app.get("/buchanska/").await;
    assert_eq!(status, StatusCode::PERMANENT_REDIRECT);
    assert_eq!(headers[header::LOCATION], "/buchanska");
    let (status, _, _) = app.get("/a/b/c/d").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    for broken in ["/%FF%FE", "/buchanska/%C0%AF", "/%00/x/apply"] {
        let (status, _, body) = app.get(broken).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{broken}");
        assert!(body.contains("Сторінку не знайдено"), "{broken}: {body}");
    }
}

async fn every_response_carries_security_headers(app: &App) {
    for uri in ["/", "/buchanska", "/nowhere", "/static/hromada.css"] {
        let (_, headers, _) = app.get(uri).await;
        let csp = headers[header::CONTENT_SECURITY_POLICY].to_str().unwrap();
        assert!(csp.contains("frame-ancestors 'none'") && !csp.contains("unsafe-inline") && !csp.contains("script-src"), "{uri}: {csp}");
        assert_eq!(headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff", "{uri}");
        assert!(headers.contains_key(header::REFERRER_POLICY), "{uri}");
        assert!(headers.contains_key("permissions-policy"), "{uri}");
    }
    let (_, headers, body) = app.get_with("/buchanska", &[("accept-encoding", "gzip")]).await;
    assert_eq!(headers[header::CONTENT_ENCODING], "gzip", "pages are compressed");
    assert!(body.len() < 30 * 1024);
}

async fn a_new_definition_version_reaches_the_catalogue_without_a_restart(app: &App) {
    let name = "zapyt-na-publichnu-informatsiiu";
    let changed =
        demo_service(name).replacen("uk = \"Запит на публічну інформацію\"", "uk = \"Запит на публічну інформацію (нова редакція)\"", 1);
    assert!(parse_definition(&changed, Some(name)).definition.is_some());
    app.db.store.import_service(name, &changed, NOW).await.unwrap();
    let (_, _, before) = app.get("/buchanska/zapyt-na-publichnu-informatsiiu").await;
    assert!(!before.contains("нова редакція"), "pages come from memory until the refresh");
    assert!(app.state.refresh_catalogue_if_changed().await.unwrap());
    let (_, _, after) = app.get("/buchanska/zapyt-na-publichnu-informatsiiu").await;
    assert!(after.contains("Запит на публічну інформацію (нова редакція)"));
    assert!(after.contains("Версія опису послуги: 2"));
    assert!(!app.state.refresh_catalogue_if_changed().await.unwrap(), "nothing changed since");
}

async fn metrics_count_requests_by_route(app: &App) {
    app.get("/buchanska").await;
    app.get("/ternopilska").await;
    app.get("/nowhere/at/all").await;
    let (status, _, body) = app.get("/metrics").await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("hromada_http_requests_total{route=\"/{community}\",status=\"200\"} 2"), "{body}");
    assert!(body.contains("route=\"unmatched\",status=\"404\"} 1"), "{body}");
    assert!(body.contains("hromada_http_request_duration_seconds_bucket{route=\"/{community}\",le=\"+Inf\"} 2"));
    assert!(body.contains("hromada_db_pool_connections{backend="));
    let (status, _, body) = app.get("/readyz").await;
    assert_eq!((status, body.as_str()), (StatusCode::OK, "ready\n"));
}

async fn metrics_can_need_a_token_and_an_address_of_their_own(app: &App) {
    use hromada_web::{MetricsAccess, MetricsToken, metrics_router};
    let with = |metrics: MetricsAccess| WebSettings { metrics, ..(*app.state.settings).clone() };
    let scrape = |state: AppState, router: fn(AppState) -> axum::Router, authorization: Option<&'static str>| async move {
        let mut request = Request::get("/metrics");
        if let Some(value) = authorization {
            request = request.header(header::AUTHORIZATION, value);
        }
        let response = router(state).oneshot(request.body(Body::empty()).unwrap()).await.unwrap();
        let status = response.status();
        let challenge = response.headers().get(header::WWW_AUTHENTICATE).map(|v| v.to_str().unwrap().to_string());
        let bytes = axum::body::to_bytes(response.into_body(), 10 << 20).await.unwrap();
        (status, challenge, String::from_utf8_lossy(&bytes).into_owned())
    };
    let token = "scrape-3f9a1c7e5b2d4f60";
    let guarded = MetricsAccess { token: Some(MetricsToken::new(token)), own_listener: false };
    let state = AppState::new(Arc::clone(&app.db.store), Arc::clone(&app.state.mailer), with(guarded)).await.unwrap();
    for wrong in [None, Some("Bearer scrape-3f9a1c7e5b2d4f6"), Some("Bearer scrape-3f9a1c7e5b2d4f600"), Some("Basic c2NyYXBl")] {
        let (status, challenge, body) = scrape(state.clone(), router, wrong).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "{wrong:?}");
        assert_eq!(challenge.as_deref(), Some("Bearer realm=\"metrics\""), "{wrong:?}");
        assert!(!body.contains("hromada_"), "{wrong:?}: {body}");
    }
    let (status, _, body) = scrape(state.clone(), router, Some("Bearer scrape-3f9a1c7e5b2d4f60")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("hromada_db_pool_connections{backend="), "{body}");

    let apart = MetricsAccess { token: Some(MetricsToken::new(token)), own_listener: true };
    let state = AppState::new(Arc::clone(&app.db.store), Arc::clone(&app.state.mailer), with(apart)).await.unwrap();
    let (status, _, body) = scrape(state.clone(), router, Some("Bearer scrape-3f9a1c7e5b2d4f60")).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "not on the main address: {body}");
    assert!(!body.contains("hromada_db_pool"), "{body}");
    assert_eq!(scrape(state.clone(), metrics_router, None).await.0, StatusCode::UNAUTHORIZED, "the token holds there too");
    let (status, _, body) = scrape(state.clone(), metrics_router, Some("Bearer scrape-3f9a1c7e5b2d4f60")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("hromada_db_pool_connections{backend="), "{body}");
    let response = metrics_router(state).oneshot(Request::get("/").body(Body::empty()).unwrap()).await.unwrap();
    assert_eq!(response.status(), StatusCode::NOT_FOUND, "the metrics address serves nothing else");
}

#[tokio::test]
async fn sessions_end_after_the_idle_and_the_absolute_time_out() {
    use hromada_domain::clock::ManualClock;
    let Some(mut app) = app(Backend::Sqlite).await else { return };
    let clock = Arc::new(ManualClock::new(time::OffsetDateTime::now_utc()));
    app.state.clock = clock.clone();
    let mut browser = Browser::new(&app);
    let email = registered(&app, &mut browser, "idle@example.org").await;
    browser.submit("/account/sign-in", "/account/sign-in", &[("email", &email), ("password", PASSWORD)]).await;
    // Use within the idle time-out keeps the session going, up to the absolute one.
    for _ in 0..13 {
        clock.advance(time::Duration::minutes(55));
        assert_eq!(browser.get("/account").await.status, StatusCode::OK, "still in use");
    }
    clock.advance(time::Duration::minutes(55));
    assert_eq!(browser.get("/account").await.status, StatusCode::SEE_OTHER, "12 hours after sign-in it ends, however busy");
    browser.submit("/account/sign-in", "/account/sign-in", &[("email", &email), ("password", PASSWORD)]).await;
    assert_eq!(browser.get("/account").await.status, StatusCode::OK);
    clock.advance(time::Duration::minutes(61));
    assert_eq!(browser.get("/account").await.status, StatusCode::SEE_OTHER, "an hour without use ends it");
    app.db.cleanup().await;
}

#[tokio::test]
async fn readyz_answers_503_when_the_database_goes_away() {
    let Some(app) = app(Backend::Postgres).await else { return };
    let (status, _, _) = app.get("/readyz").await;
    assert_eq!(status, StatusCode::OK);
    app.db.drop_database().await;
    let (status, _, body) = app.get("/readyz").await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE, "{body}");
    let (status, _, body) = app.get("/buchanska").await;
    assert_eq!(status, StatusCode::OK, "the catalogue is served from memory while the database is away");
    assert!(body.contains("Бучанська громада"));
}

async fn a_resident_registers_confirms_signs_in_and_out(app: &App) {
    let mut browser = Browser::new(app);
    let email = registered(app, &mut browser, "Olena.Koval@Example.org").await;
    let page = browser.submit("/account/sign-in", "/account/sign-in", &[("email", &email), ("password", PASSWORD)]).await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    let session_cookie = browser.cookies.get("hromada_session").cloned().expect("a session cookie");
    assert_eq!(session_cookie.len(), 43, "256 random bits, base64url");
    let account = browser.get("/account").await;
    assert_eq!(account.status, StatusCode::OK);
    assert!(account.body.contains("olena.koval@example.org"));
    assert_eq!(account.headers[header::CACHE_CONTROL], "no-store", "a page with personal data is never cached");
    // Signing in again gives a new session id.
    browser.submit("/account/sign-in", "/account/sign-in", &[("email", &email), ("password", PASSWORD)]).await;
    assert_ne!(browser.cookies.get("hromada_session"), Some(&session_cookie));
    let token = browser.get("/account").await.csrf();
    let out = browser.post_raw("/account/sign-out", format!("_csrf={token}"), &[]).await;
    assert_eq!(out.status, StatusCode::OK);
    assert!(!browser.cookies.contains_key("hromada_session"));
    let after = browser.get("/account").await;
    assert_eq!(after.status, StatusCode::SEE_OTHER, "signed out: the account page sends to sign-in");
}

async fn unknown_address_and_wrong_password_get_the_same_answer(app: &App) {
    let mut browser = Browser::new(app);
    let email = registered(app, &mut browser, "petro@example.org").await;
    let wrong = browser.submit("/account/sign-in", "/account/sign-in", &[("email", &email), ("password", "не той пароль зовсім")]).await;
    let unknown = browser
        .submit("/account/sign-in", "/account/sign-in", &[("email", "nobody@example.org"), ("password", "не той пароль зовсім")])
        .await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(wrong.status, unknown.status);
    let message = "Адреса або пароль неправильні";
    assert!(wrong.body.contains(message) && unknown.body.contains(message));
    assert!(wrong.body.contains("<title>Помилка: "), "the title says there is an error");
    assert!(wrong.body.contains("href=\"#email\""), "the error summary links to the field");
}

/// Every first segment of a path the router answers is a reserved slug, so the list a
/// community's slug is checked against (places import, issue 13) names every route:
/// a community called "help" or "feedback" would hide behind it.
#[test]
fn every_route_of_the_router_is_a_reserved_slug() {
    for route in hromada_web::ROUTES {
        let first = route.trim_start_matches('/').split('/').next().unwrap_or_default();
        // A slug has no dot ("pulse.csv", "robots.txt" cannot be one), and "{community}" is a slug itself.
        if first.is_empty() || first.starts_with('{') || first.contains('.') {
            continue;
        }
        assert!(hromada_domain::place::RESERVED_SLUGS.contains(&first), "{route}: \"{first}\" is not in RESERVED_SLUGS");
    }
}

async fn every_post_route_refuses_a_missing_or_wrong_csrf_token(app: &App) {
    let mut browser = Browser::new(app);
    let email = registered(app, &mut browser, "csrf@example.org").await;
    browser.submit("/account/sign-in", "/account/sign-in", &[("email", &email), ("password", PASSWORD)]).await;
    let good = browser.get("/account").await.csrf();
    // Every route the router answers to, and some it does not: no state-changing request passes the layer without the token.
    for path in hromada_web::ROUTES
        .iter()
        .map(|r| r.replace("{community}", "buchanska").replace("{service}", "zhytlova-subsydiia"))
        .chain(["/nowhere".to_string()])
    {
        let missing = browser.post_raw(&path, "email=a%40b.c".into(), &[]).await;
        assert_eq!(missing.status, StatusCode::FORBIDDEN, "POST {path} without a token");
        let wrong = browser.post_raw(&path, "_csrf=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA".into(), &[]).await;
        assert_eq!(wrong.status, StatusCode::FORBIDDEN, "POST {path} with a wrong token");
        let foreign = browser.post_raw(&path, format!("_csrf={good}"), &[("origin", "https://evil.example")]).await;
        assert_eq!(foreign.status, StatusCode::FORBIDDEN, "POST {path} from another origin");
    }
    assert!(browser.get("/account").await.status == StatusCode::OK, "none of it signed the resident out");
    let refused = browser.post_raw("/account/sign-out", String::new(), &[]).await;
    assert!(refused.body.contains("Форму не прийнято"), "the refusal is a page in the reader's language");
}

async fn sign_in_is_throttled_per_account_with_retry_after(app: &App) {
    let mut browser = Browser::new(app);
    let email = registered(app, &mut browser, "throttle@example.org").await;
    for _ in 0..5 {
        let page =
            browser.submit("/account/sign-in", "/account/sign-in", &[("email", &email), ("password", "неправильний пароль тут")]).await;
        assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    }
    let page = browser.submit("/account/sign-in", "/account/sign-in", &[("email", &email), ("password", PASSWORD)]).await;
    assert_eq!(page.status, StatusCode::TOO_MANY_REQUESTS, "even the right password waits after five failures");
    let retry: u64 = page.headers[header::RETRY_AFTER].to_str().unwrap().parse().unwrap();
    assert!(retry > 0 && retry <= 15 * 60, "{retry}");
    assert!(page.body.contains("Забагато спроб"));
}

async fn a_forgotten_password_is_reset_by_a_single_use_link(app: &App) {
    let mut browser = Browser::new(app);
    let email = registered(app, &mut browser, "reset@example.org").await;
    let before = app.mail.messages().len();
    let page = browser.submit("/account/forgot", "/account/forgot", &[("email", &email)]).await;
    assert_eq!(page.status, StatusCode::OK);
    let unknown = browser.submit("/account/forgot", "/account/forgot", &[("email", "ghost@example.org")]).await;
    assert_eq!(unknown.status, StatusCode::OK, "an unknown address gets the same answer");
    // The request only queued the letter: it talked to no mail server, so its time tells nothing.
    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    assert_eq!(app.mail.messages().len(), before, "no letter is sent by the request itself");
    let queued = app.db.store.job_counts().await.unwrap();
    assert!(queued.contains(&(hromada_domain::job::JobState::Queued, 1)), "one letter queued: {queued:?}");
    hromada_web::run_due_jobs(&app.state).await;
    let mail = app.mail.wait_for(before + 1, std::time::Duration::from_secs(5)).await;
    assert_eq!(mail.len(), before + 1, "only the registered address gets a letter");
    let link = mail.last().unwrap().first_link().unwrap();
    let path = link.strip_prefix("http://hromada.test").unwrap().to_string();
    let new_password = "синій автобус і кава вранці";
    let weak = browser.submit(&path, &path, &[("new_password", "12345678")]).await;
    assert_eq!(weak.status, StatusCode::UNPROCESSABLE_ENTITY, "a weak password is refused and does not spend the link");
    let done = browser.submit(&path, &path, &[("new_password", new_password)]).await;
    assert_eq!(done.status, StatusCode::OK, "{}", done.body);
    let again = browser.submit(&path, &path, &[("new_password", "ще один новий пароль для спроби")]).await;
    assert_eq!(again.status, StatusCode::NOT_FOUND, "the link works once");
    let old = browser.submit("/account/sign-in", "/account/sign-in", &[("email", &email), ("password", PASSWORD)]).await;
    assert_eq!(old.status, StatusCode::UNPROCESSABLE_ENTITY);
    let new = browser.submit("/account/sign-in", "/account/sign-in", &[("email", &email), ("password", new_password)]).await;
    assert_eq!(new.status, StatusCode::SEE_OTHER);
}

async fn registration_errors_name_the_field_and_keep_the_answers(app: &App) {
    let mut browser = Browser::new(app);
    let page = browser
        .submit("/account/register", "/account/register", &[("email", "not-an-address"), ("name", "Іван"), ("password", "short")])
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.body.contains("href=\"#email\"") && page.body.contains("href=\"#password\""), "the summary links to each field in error");
    assert!(page.body.contains("name@example.com"));
    assert!(page.body.contains("щонайменше 12 символів"));
    assert!(page.body.contains("value=\"not-an-address\"") && page.body.contains("value=\"Іван\""), "answers are kept");
    assert!(!page.body.contains("value=\"short\""), "a password is never sent back");
    let common = browser
        .submit("/account/register", "/account/register", &[("email", "ivan@example.org"), ("name", ""), ("password", "password1234")])
        .await;
    assert!(common.body.contains("надто поширений"), "a common password is refused");
}

async fn signing_out_everywhere_ends_every_session(app: &App) {
    let mut phone = Browser::new(app);
    let email = registered(app, &mut phone, "two@example.org").await;
    let mut laptop = Browser::new(app);
    phone.submit("/account/sign-in", "/account/sign-in", &[("email", &email), ("password", PASSWORD)]).await;
    laptop.submit("/account/sign-in", "/account/sign-in", &[("email", &email), ("password", PASSWORD)]).await;
    assert_eq!(laptop.get("/account").await.status, StatusCode::OK);
    let token = phone.get("/account").await.csrf();
    let page = phone.post_raw("/account/sign-out-everywhere", format!("_csrf={token}"), &[]).await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(laptop.get("/account").await.status, StatusCode::SEE_OTHER, "the other device is signed out too");
}

fn now_unix() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs() as i64
}

async fn staff_enrol_a_second_factor_and_need_it_at_every_sign_in(app: &App) {
    use hromada_domain::account::{Role, Scope};
    use hromada_domain::auth::TotpSecret;
    let link = hromada_web::invite_staff(
        app.db.store.as_ref(),
        "Officer@Example.org",
        Role::Officer,
        Scope::Community("buchanska".into()),
        None,
        time::OffsetDateTime::now_utc(),
        "http://hromada.test",
    )
    .await
    .expect("invite");
    let resident_refused = hromada_web::invite_staff(
        app.db.store.as_ref(),
        "x@y",
        Role::Officer,
        Scope::Community("atlantis".into()),
        None,
        time::OffsetDateTime::now_utc(),
        "http://hromada.test",
    )
    .await;
    assert!(resident_refused.is_err(), "an unknown community is refused");
    let path = link.strip_prefix("http://hromada.test").unwrap().to_string();
    let mut browser = Browser::new(app);
    let password = "службовий пароль для тестів";
    let page = browser.submit(&path, &path, &[("new_password", password)]).await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    assert_eq!(page.headers[header::LOCATION], "/staff/totp");
    // Before the second factor, the session can do nothing else.
    let account = browser.get("/account").await;
    assert_eq!(account.headers[header::LOCATION], "/staff/totp");
    let enrol = browser.get("/staff/totp").await;
    assert_eq!(enrol.status, StatusCode::OK);
    assert!(enrol.body.contains("<svg"), "a QR code");
    assert!(enrol.body.contains("otpauth://totp/Hromada:officer%40example.org?secret="), "the otpauth URI");
    let at = enrol.body.find("class=\"secret\" lang=\"en\">").expect("the secret in text");
    let text: String = enrol.body[at + 25..].split('<').next().unwrap().split_whitespace().collect();
    let secret = TotpSecret::from_base32(&text).expect("the text is the base32 secret");
    let wrong = browser.submit("/staff/totp", "/staff/totp", &[("code", "000000")]).await;
    assert!(wrong.status == StatusCode::UNPROCESSABLE_ENTITY || secret.code_at(now_unix()) == "000000");
    let codes = browser.submit("/staff/totp", "/staff/totp", &[("code", &secret.code_at(now_unix()))]).await;
    assert_eq!(codes.status, StatusCode::OK, "{}", codes.body);
    let recovery: Vec<String> = codes
        .body
        .split("<li>")
        .skip(1)
        .filter_map(|li| li.split("</li>").next())
        .filter(|c| c.len() == 23 && c.contains('-'))
        .map(str::to_string)
        .collect();
    assert_eq!(recovery.len(), 10, "ten recovery codes, shown once: {recovery:?}");
    let account = browser.get("/account").await;
    assert_eq!(account.status, StatusCode::OK);
    assert!(account.body.contains("Посадова особа — Бучанська громада"), "the roles show");
    let delete = browser.get("/account/delete").await;
    assert!(
        delete.body.contains("видаляє адміністратор") && !delete.body.contains("name=\"password\""),
        "staff cannot delete their own account"
    );

    // A new sign-in needs the password and then a code; a used code is refused (replay).
    let mut other = Browser::new(app);
    let page = other.submit("/account/sign-in", "/account/sign-in", &[("email", "officer@example.org"), ("password", password)]).await;
    assert_eq!(page.headers[header::LOCATION], "/account/sign-in/code");
    assert_eq!(other.get("/account").await.headers[header::LOCATION], "/account/sign-in/code", "the password alone opens nothing");
    let replay = other.submit("/account/sign-in/code", "/account/sign-in/code", &[("code", &secret.code_at(now_unix()))]).await;
    assert_eq!(replay.status, StatusCode::UNPROCESSABLE_ENTITY, "the code used at enrolment cannot be used again");
    let by_recovery = other.submit("/account/sign-in/code", "/account/sign-in/code", &[("code", &recovery[0].to_lowercase())]).await;
    assert_eq!(by_recovery.status, StatusCode::SEE_OTHER, "a recovery code works: {}", by_recovery.body);
    assert_eq!(other.get("/account").await.status, StatusCode::OK);

    let mut third = Browser::new(app);
    third.submit("/account/sign-in", "/account/sign-in", &[("email", "officer@example.org"), ("password", password)]).await;
    let again = third.submit("/account/sign-in/code", "/account/sign-in/code", &[("code", &recovery[0])]).await;
    assert_eq!(again.status, StatusCode::UNPROCESSABLE_ENTITY, "a recovery code works once");
    assert!(again.body.contains("Код не підходить"));
}

/// A case of `applicant`, submitted online in Bucha under `slug`'s `version`, made past the forms.
async fn submitted_case_of(
    app: &App,
    applicant: hromada_domain::account::AccountId,
    slug: &str,
    version: i64,
) -> hromada_store::CaseRecord {
    let case = hromada_store::NewCase {
        community_slug: "buchanska".into(),
        service_slug: slug.into(),
        service_version: version,
        state: "submitted".into(),
        created_at: NOW,
        applicant: Some(applicant),
        lang: hromada_domain::Lang::Uk,
        contact_email: None,
        owner_token_hash: None,
        channel: hromada_domain::case::CaseChannel::Online,
        assisted_by: None,
        assisted_note: None,
    };
    app.db.store.create_case(&case).await.unwrap()
}

async fn a_resident_downloads_their_data_and_deletes_the_account(app: &App) {
    let mut browser = Browser::new(app);
    let email = registered(app, &mut browser, "leaving@example.org").await;
    browser.submit("/account/sign-in", "/account/sign-in", &[("email", &email), ("password", PASSWORD)]).await;
    let account = app.db.store.account_by_email(&email).await.unwrap().unwrap();
    let case = submitted_case_of(app, account.id, "zhytlova-subsydiia", 1).await;
    let export = browser.get("/account/export").await;
    assert_eq!(export.status, StatusCode::OK);
    assert!(export.headers[header::CONTENT_DISPOSITION].to_str().unwrap().starts_with("attachment"));
    let json: serde_json::Value = serde_json::from_str(&export.body).expect("JSON");
    assert_eq!(json["account"]["email"], email);
    assert_eq!(json["cases"][0]["service"], "zhytlova-subsydiia");
    assert_eq!(json["sessions"].as_array().map(Vec::len), Some(1));

    let wrong = browser.submit("/account/delete", "/account/delete", &[("password", "не мій пароль взагалі")]).await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY, "deleting needs the password");
    let done = browser.submit("/account/delete", "/account/delete", &[("password", PASSWORD)]).await;
    assert_eq!(done.status, StatusCode::OK, "{}", done.body);
    assert!(!browser.cookies.contains_key("hromada_session"));
    assert!(app.db.store.account_by_email(&email).await.unwrap().is_none(), "the address is gone");
    let kept = app.db.store.case(case.id).await.unwrap().expect("the submitted case stays");
    assert_eq!(kept.applicant, None, "detached from the deleted account");
    let again = browser.submit("/account/sign-in", "/account/sign-in", &[("email", &email), ("password", PASSWORD)]).await;
    assert_eq!(again.status, StatusCode::UNPROCESSABLE_ENTITY);
    registered(app, &mut Browser::new(app), &email).await;
}

/// A staff member invited with `role` in `scope`, signed in with their second factor.
async fn staff_browser<'a>(
    app: &'a App,
    email: &str,
    role: hromada_domain::account::Role,
    scope: hromada_domain::account::Scope,
) -> Browser<'a> {
    use hromada_domain::auth::TotpSecret;
    let link =
        hromada_web::invite_staff(app.db.store.as_ref(), email, role, scope, None, time::OffsetDateTime::now_utc(), "http://hromada.test")
            .await
            .expect("invite");
    let path = link.strip_prefix("http://hromada.test").unwrap().to_string();
    let mut browser = Browser::new(app);
    browser.submit(&path, &path, &[("new_password", "службовий пароль для тестів")]).await;
    let enrol = browser.get("/staff/totp").await;
    let at = enrol.body.find("class=\"secret\" lang=\"en\">").expect("the secret in text");
    let text: String = enrol.body[at + 25..].split('<').next().unwrap().split_whitespace().collect();
    let secret = TotpSecret::from_base32(&text).unwrap();
    let page = browser.submit("/staff/totp", "/staff/totp", &[("code", &secret.code_at(now_unix()))]).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    browser
}

/// The community the scenarios' staff work in.
fn bucha() -> hromada_domain::account::Scope {
    hromada_domain::account::Scope::Community("buchanska".into())
}

/// Whether the audit trail records `action` on `subject`.
async fn audited(app: &App, action: &str, subject: &str) -> bool {
    app.db
        .store
        .audit_rows(0, 10_000)
        .await
        .unwrap()
        .iter()
        .any(|r| r.event.action == action && r.event.subject.as_deref() == Some(subject))
}

async fn who_may_invite_whom_is_decided_by_the_policy_over_http(app: &App) {
    use hromada_domain::account::{Role, Scope};
    let bucha = || Scope::Community("buchanska".into());
    let kyiv = || Scope::Region("kyivska".into());
    let targets = ["community:buchanska:officer", "community:irpinska:officer", "community:ternopilska:officer", "region:kyivska:auditor"];
    // Written out by hand: (role, scope, may open the page, may send each target).
    let expected: Vec<(Role, Scope, bool, [bool; 4])> = vec![
        (Role::Operator, bucha(), false, [false, false, false, false]),
        (Role::Officer, bucha(), false, [false, false, false, false]),
        (Role::Supervisor, bucha(), false, [false, false, false, false]),
        (Role::CommunityAdmin, bucha(), true, [true, false, false, false]),
        (Role::RegionalAdmin, kyiv(), true, [true, true, false, true]),
        (Role::Auditor, kyiv(), false, [false, false, false, false]),
    ];
    for (n, (role, scope, opens, sends)) in expected.into_iter().enumerate() {
        let mut browser = staff_browser(app, &format!("staff{n}@example.org"), role, scope).await;
        let form = browser.get("/staff/invite").await;
        assert_eq!(form.status == StatusCode::OK, opens, "{role:?} opening the invitation page: {}", form.status);
        let token = browser.get("/account").await.csrf();
        for (target, allowed) in targets.iter().zip(sends) {
            let invitee = format!("new{n}.{}@example.org", target.replace(':', "."));
            let page =
                browser.post_raw("/staff/invite", format!("_csrf={token}&email={}&grant={}", encode(&invitee), encode(target)), &[]).await;
            let expected_status = if allowed { StatusCode::OK } else { StatusCode::NOT_FOUND };
            assert_eq!(page.status, expected_status, "{role:?} inviting to {target}");
            let exists = app.db.store.account_by_email(&invitee).await.unwrap().is_some();
            assert_eq!(exists, allowed, "{role:?} → {target}: a refused invitation changes nothing");
        }
    }
    // A resident and an anonymous visitor do not even see the page.
    let mut resident = Browser::new(app);
    let email = registered(app, &mut resident, "nosy@example.org").await;
    resident.submit("/account/sign-in", "/account/sign-in", &[("email", &email), ("password", PASSWORD)]).await;
    assert_eq!(resident.get("/staff/invite").await.status, StatusCode::NOT_FOUND);
    let token = resident.get("/account").await.csrf();
    let page =
        resident.post_raw("/staff/invite", format!("_csrf={token}&email=x%40example.org&grant=community%3Abuchanska%3Aofficer"), &[]).await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
    assert_eq!(Browser::new(app).get("/staff/invite").await.status, StatusCode::NOT_FOUND);
    // The invitee got a letter with a working link.
    let letters = app.mail.messages();
    let invitation = letters
        .iter()
        .find(|m| m.rcpt_to == vec!["new3.community.buchanska.officer@example.org".to_string()])
        .expect("an invitation letter");
    assert!(invitation.first_link().unwrap().contains("/staff/welcome?token="));
}

// ---- the resident's journey ----------------------------------------------------------

const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00";
const REGISTRATION: &str = "/buchanska/reiestratsiia-mistsia-prozhyvannia";

fn location(page: &Page) -> String {
    assert_eq!(page.status, StatusCode::SEE_OTHER, "expected a redirect, got {}: {}", page.status, &page.body[..page.body.len().min(3000)]);
    page.headers[header::LOCATION].to_str().unwrap().to_string()
}

/// A registered, signed-in resident's browser.
async fn resident<'a>(app: &'a App, email: &str) -> Browser<'a> {
    let mut browser = Browser::new(app);
    let email = registered(app, &mut browser, email).await;
    browser.submit("/account/sign-in", "/account/sign-in", &[("email", &email), ("password", PASSWORD)]).await;
    browser
}

/// Start an application of `service` (a path) and give the first page's address.
async fn start(browser: &mut Browser<'_>, service: &str) -> String {
    let apply = format!("{service}/apply");
    let started = browser.submit(&apply, &apply, &[]).await;
    location(&started)
}

/// Answer the page at `page` with `fields`; the next address.
async fn answer(browser: &mut Browser<'_>, page: &str, fields: &[(&str, &str)]) -> Page {
    let mut all: Vec<(&str, &str)> = fields.to_vec();
    let form = browser.get(page).await;
    assert_eq!(form.status, StatusCode::OK, "{page}: {}", form.body);
    let version = form.body.split("name=\"_version\" value=\"").nth(1).and_then(|r| r.split('"').next()).unwrap().to_string();
    all.push(("_version", &version));
    let action = page.split('?').next().unwrap().to_string();
    if page.contains("return=check") {
        all.push(("_return", "check"));
    }
    browser.submit(page, &action, &all).await
}

fn case_id(path: &str) -> i64 {
    path.trim_start_matches("/applications/").split('/').next().unwrap().parse().unwrap()
}

async fn a_resident_applies_from_start_to_one_confirmed_case(app: &App) {
    let mut browser = resident(app, "applicant@example.org").await;
    let before_start = browser.get(&format!("{REGISTRATION}/apply")).await;
    assert!(before_start.body.contains("Почати"), "{}", before_start.body);
    let first = start(&mut browser, REGISTRATION).await;
    assert!(first.ends_with("/page/whom"), "{first}");
    let id = case_id(&first);
    let next = location(&answer(&mut browser, &first, &[("registrant", "child")]).await);
    assert_eq!(next, format!("/applications/{id}/page/applicant"));

    // Mistakes come back with the values kept, a summary linking to each field, and "Помилка: " in the title.
    let wrong = answer(
        &mut browser,
        &next,
        &[
            ("full_name", "Олена Коваль"),
            ("date_of_birth", "31.02.1990"),
            ("id_document", "КА123456"),
            ("rnokpp", "123"),
            ("phone", "067 123 45 67"),
        ],
    )
    .await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(wrong.body.contains("<title>Помилка: "), "{}", wrong.body);
    assert!(wrong.body.contains("href=\"#date_of_birth\""));
    assert!(wrong.body.contains("href=\"#rnokpp\""));
    assert!(wrong.body.contains("Введіть 10 цифр РНОКПП"));
    assert!(wrong.body.contains("value=\"Олена Коваль\""), "entered values stay");
    assert!(!app.db.store.case(id).await.unwrap().unwrap().answers.contains_key("full_name"), "nothing of a page with errors is saved");

    let next = location(
        &answer(
            &mut browser,
            &next,
            &[("full_name", "Олена Коваль"), ("date_of_birth", "12.05.1990"), ("id_document", "КА123456"), ("phone", "067 123 45 67")],
        )
        .await,
    );
    assert_eq!(next, format!("/applications/{id}/page/child"), "the conditional page is asked for a child");

    // A PNG named .pdf is a PNG; a text file named .pdf is refused with the file named.
    let lying = browser
        .post_multipart(
            &next,
            &next,
            &[("_version", "1"), ("child_full_name", "Марко Коваль"), ("child_birth_date", "01.09.2020"), ("child_relation", "parent")],
            &[("child_birth_certificate", "svidotstvo.pdf", b"just text, not a PDF")],
        )
        .await;
    assert_eq!(lying.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", lying.body);
    assert!(lying.body.contains("svidotstvo.pdf") && lying.body.contains("не є PDF, JPG, PNG"), "{}", lying.body);
    assert!(app.db.store.case_files(id).await.unwrap().is_empty());
    let uploaded = browser
        .post_multipart(
            &next,
            &next,
            &[
                ("_version", "1"),
                ("child_full_name", "Марко Коваль"),
                ("child_birth_date", "01.09.2020"),
                ("child_relation", "parent"),
                ("_action", "upload"),
            ],
            &[("child_birth_certificate", "свідоцтво.pdf", PNG)],
        )
        .await;
    assert_eq!(location(&uploaded), next, "upload and stay");
    let files = app.db.store.case_files(id).await.unwrap();
    assert_eq!(files.len(), 1);
    assert_eq!((files[0].name.as_str(), files[0].content_type.as_str()), ("свідоцтво.png", "image/png"));
    let stored = std::fs::read(app.files.path().join("uploads").join(&files[0].sha256[..2]).join(&files[0].sha256)).unwrap();
    assert_eq!(stored, PNG, "the content is kept on disk under its SHA-256");
    let child_page = browser.get(&next).await;
    assert!(child_page.body.contains("свідоцтво.png") && child_page.body.contains("value=\"Марко Коваль\""), "{}", child_page.body);

    let next = location(
        &answer(
            &mut browser,
            &next,
            &[("child_full_name", "Марко Коваль"), ("child_birth_date", "01.09.2020"), ("child_relation", "parent")],
        )
        .await,
    );
    assert_eq!(next, format!("/applications/{id}/page/new_address"));
    // Back never loses an answer, in either language.
    let back = browser.get(&format!("/applications/{id}/page/child?lang=en")).await;
    assert!(back.body.contains("value=\"Марко Коваль\"") && back.body.contains("lang=\"en\""), "{}", back.body);
    browser.get("/?lang=uk").await;
    let next =
        location(&answer(&mut browser, &next, &[("address", "м. Буча, вул. Вокзальна, 1, кв. 5"), ("right_to_live", "owner")]).await);
    let next = location(&answer(&mut browser, &next, &[("deregister_previous", "no")]).await);
    let check = location(&answer(&mut browser, &next, &[("truthful", "yes"), ("personal_data_consent", "yes")]).await);
    assert_eq!(check, format!("/applications/{id}/check"));

    let summary = browser.get(&check).await;
    assert_eq!(summary.status, StatusCode::OK, "{}", summary.body);
    for shown in [
        "Марко Коваль",
        "12.05.1990",
        "свідоцтво.png",
        "Мою дитину до 14 років",
        format!("/applications/{id}/page/whom?return=check").as_str(),
    ] {
        assert!(summary.body.contains(shown), "check page lacks {shown}: {}", summary.body);
    }

    // My applications lists the draft; it resumes at the check page.
    let mine = browser.get("/applications").await;
    assert!(mine.body.contains(&format!("/applications/{id}\"")), "{}", mine.body);
    assert_eq!(location(&browser.get(&format!("/applications/{id}")).await), check);

    // Submit twice (a double click): one case, one reference, one letter.
    let mails_before = app.mail.messages().len();
    let token = browser.get(&check).await.csrf();
    let first_submit = browser.post_raw(&format!("/applications/{id}/submit"), format!("_csrf={token}"), &[]).await;
    let second_submit = browser.post_raw(&format!("/applications/{id}/submit"), format!("_csrf={token}"), &[]).await;
    assert_eq!(location(&first_submit), format!("/applications/{id}/done"));
    assert_eq!(location(&second_submit), format!("/applications/{id}/done"));
    let case = app.db.store.case(id).await.unwrap().unwrap();
    assert_eq!(case.state, "submitted");
    assert_eq!(case.reference.as_deref(), Some("BUC-2026-000001"));
    let account = app.db.store.account_by_email("applicant@example.org").await.unwrap().unwrap();
    assert_eq!(app.db.store.cases_of_applicant(account.id).await.unwrap().len(), 1, "one case, not two");
    assert_eq!(app.db.store.case_events(id).await.unwrap().len(), 1);
    let done = browser.get(&format!("/applications/{id}/done")).await;
    assert!(done.body.contains("BUC-2026-000001") && done.body.contains("Заяву надіслано"), "{}", done.body);
    hromada_web::run_due_jobs(&app.state).await;
    let letters = app.mail.wait_for(mails_before + 1, std::time::Duration::from_secs(5)).await;
    let letter = letters.last().unwrap();
    assert!(letter.subject.contains("BUC-2026-000001"), "{}", letter.subject);
    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    assert_eq!(app.mail.messages().len(), mails_before + 1, "one letter for one case");

    // The submitted case no longer takes answers; its status page shows the timeline.
    let late = answer_raw(&mut browser, id, "whom", &[("registrant", "self"), ("_version", "1")]).await;
    assert_eq!(location(&late), format!("/applications/{id}/status"));
    let status = browser.get(&format!("/applications/{id}/status")).await;
    assert!(status.body.contains("Ви подали заяву") && status.body.contains("BUC-2026-000001"), "{}", status.body);
}

/// Post answers to a page straight, without reading the form first.
async fn answer_raw(browser: &mut Browser<'_>, id: i64, page: &str, fields: &[(&str, &str)]) -> Page {
    let token =
        browser.get("/applications").await.body.split("name=\"_csrf\" value=\"").nth(1).map(|r| r.split('"').next().unwrap().to_string());
    let token = match token {
        Some(t) => t,
        None => browser.get("/account").await.csrf(),
    };
    let mut body: Vec<String> = fields.iter().map(|(k, v)| format!("{}={}", encode(k), encode(v))).collect();
    body.push(format!("_csrf={token}"));
    browser.post_raw(&format!("/applications/{id}/page/{page}"), body.join("&"), &[]).await
}

async fn wrong_and_hostile_answers_change_nothing(app: &App) {
    let mut olena = resident(app, "olena.h@example.org").await;
    let first = start(&mut olena, REGISTRATION).await;
    let id = case_id(&first);
    location(&answer(&mut olena, &first, &[("registrant", "self")]).await);
    let saved = app.db.store.case(id).await.unwrap().unwrap();

    // A forged option, characters outside Unicode's assigned range, a ten-megabyte value.
    let forged = answer_raw(&mut olena, id, "whom", &[("registrant", "neighbour"), ("_version", "1")]).await;
    assert_eq!(forged.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(forged.body.contains("виберіть одну з запропонованих відповідей"), "{}", forged.body);
    let control = answer_raw(&mut olena, id, "applicant", &[("full_name", "Олена\u{0}\u{378}"), ("_version", "1")]).await;
    assert_eq!(control.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(control.body.contains("нестандартні символи"), "{}", control.body);
    let huge = "а".repeat(10 * 1024 * 1024);
    let oversized = answer_raw(&mut olena, id, "applicant", &[("full_name", &huge), ("_version", "1")]).await;
    assert_eq!(oversized.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(oversized.body.contains("забагато даних"), "{}", &oversized.body[..oversized.body.len().min(2000)]);
    // A page of another version of the form, and a page that does not exist.
    let stale = answer_raw(&mut olena, id, "whom", &[("registrant", "child"), ("_version", "7")]).await;
    assert_eq!(stale.status, StatusCode::CONFLICT);
    assert!(stale.body.contains("Форма цієї послуги змінилася"));
    let unknown = answer_raw(&mut olena, id, "nowhere", &[("_version", "1")]).await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
    // A page not asked with these answers sends the resident back where the draft continues.
    let skipped = olena.get(&format!("/applications/{id}/page/child")).await;
    assert_eq!(location(&skipped), format!("/applications/{id}/page/applicant"));
    // A file too big for the field.
    let big = vec![0x89u8; 11 * 1024 * 1024];
    let mut big_png = PNG.to_vec();
    big_png.extend_from_slice(&big);
    let page = format!("/applications/{id}/page/new_address");
    let too_big = olena
        .post_multipart(
            &format!("/applications/{id}/page/whom"),
            &page,
            &[("_version", "1")],
            &[("ownership_document", "scan.png", &big_png)],
        )
        .await;
    assert!(matches!(too_big.status, StatusCode::UNPROCESSABLE_ENTITY | StatusCode::PAYLOAD_TOO_LARGE), "{}", too_big.status);
    assert!(app.db.store.case_files(id).await.unwrap().is_empty());

    // Another resident sees nothing of Olena's draft: the same 404 as for no draft at all.
    let mut taras = resident(app, "taras.h@example.org").await;
    for path in [
        format!("/applications/{id}"),
        format!("/applications/{id}/page/whom"),
        format!("/applications/{id}/check"),
        format!("/applications/{id}/status"),
    ] {
        assert_eq!(taras.get(&path).await.status, StatusCode::NOT_FOUND, "{path}");
    }
    let theirs = answer_raw(&mut taras, id, "whom", &[("registrant", "child"), ("_version", "1")]).await;
    assert_eq!(theirs.status, StatusCode::NOT_FOUND);
    let token = taras.get("/account").await.csrf();
    for path in [format!("/applications/{id}/submit"), format!("/applications/{id}/delete")] {
        assert_eq!(taras.post_raw(&path, format!("_csrf={token}"), &[]).await.status, StatusCode::NOT_FOUND, "{path}");
    }
    let anonymous = Browser::new(app).get(&format!("/applications/{id}/page/whom")).await;
    assert_eq!(anonymous.status, StatusCode::NOT_FOUND);
    // Staff see residents' cases in the back-office, never through the resident's pages.
    let mut officer = staff_browser(
        app,
        "officer.h@buchanska.example.org",
        hromada_domain::account::Role::Officer,
        hromada_domain::account::Scope::Community("buchanska".into()),
    )
    .await;
    assert_eq!(officer.get(&format!("/applications/{id}/page/whom")).await.status, StatusCode::NOT_FOUND);
    assert_eq!(app.db.store.case(id).await.unwrap().unwrap(), saved, "the draft is as it was");

    // Deleting the draft is Olena's to do.
    let deleted = olena.submit(&format!("/applications/{id}/delete"), &format!("/applications/{id}/delete"), &[]).await;
    assert_eq!(location(&deleted), "/applications?deleted=1");
    assert_eq!(app.db.store.case(id).await.unwrap(), None);
}

/// Percent-encoded bytes that are not UTF-8 (`%FF%FE`) are refused with the
/// field's own message and never stored as replacement characters; a body that
/// is not UTF-8 at all is a form that could not be read, not a forged one.
async fn text_that_is_not_utf8_is_refused_and_never_stored(app: &App) {
    let mut olena = resident(app, "olena.bytes@example.org").await;
    let first = start(&mut olena, REGISTRATION).await;
    let id = case_id(&first);
    let applicant = location(&answer(&mut olena, &first, &[("registrant", "self")]).await);
    let fields = [("full_name", "Олена Коваль"), ("date_of_birth", "12.05.1990"), ("id_document", "КА123456"), ("phone", "067 123 45 67")];
    answer(&mut olena, &applicant, &fields).await;
    let saved = app.db.store.case(id).await.unwrap().unwrap();
    assert_eq!(saved.answers.get("full_name"), Some(&vec!["Олена Коваль".to_string()]), "{:?}", saved.answers);
    let token = olena.get(&applicant).await.csrf();
    let mut body: Vec<String> =
        fields.iter().filter(|(k, _)| *k != "full_name").map(|(k, v)| format!("{}={}", encode(k), encode(v))).collect();
    body.extend(["full_name=%FF%FE%FD".to_string(), "_version=1".to_string(), format!("_csrf={token}")]);
    let refused = olena.post_raw(&format!("/applications/{id}/page/applicant"), body.join("&"), &[]).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", refused.body);
    assert!(refused.body.contains("href=\"#full_name\"") && refused.body.contains("нестандартні символи"), "{}", refused.body);
    assert!(!refused.body.contains('\u{FFFD}'), "no replacement characters come back");
    assert_eq!(app.db.store.case(id).await.unwrap().unwrap(), saved, "the draft's answers are unchanged");

    // Raw bytes that are not UTF-8: 400, the form could not be read.
    let mut raw = format!("_version=1&_csrf={token}&full_name=").into_bytes();
    raw.extend_from_slice(&[0xFF, 0xFE, 0xFD]);
    let unreadable = olena.post_bytes(&format!("/applications/{id}/page/applicant"), raw).await;
    assert_eq!(unreadable.status, StatusCode::BAD_REQUEST, "{}", unreadable.body);
    assert!(unreadable.body.contains("Форму отримано пошкодженою"), "{}", unreadable.body);
    assert_eq!(app.db.store.case(id).await.unwrap().unwrap(), saved);

    // A reply to the office, and an account form.
    let (mut ivan, sent) = sent_request(app, "ivan.bytes@example.org").await;
    let status = format!("/applications/{sent}/status");
    let events = app.db.store.case_events(sent).await.unwrap().len();
    let token = ivan.get(&status).await.csrf();
    let reply = ivan.post_raw(&format!("/applications/{sent}/reply"), format!("message=%C3%28%A0&_csrf={token}"), &[]).await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", reply.body);
    assert!(reply.body.contains("Приберіть з повідомлення недруковані"), "{}", reply.body);
    assert_eq!(app.db.store.case_events(sent).await.unwrap().len(), events, "no message was recorded");
    let mut visitor = Browser::new(app);
    let token = visitor.get("/account/register").await.csrf();
    let body = format!("email=bytes%40example.org&name=%FF%FE&password={}&_csrf={token}", encode(PASSWORD));
    let register = visitor.post_raw("/account/register", body, &[]).await;
    assert_eq!(register.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", register.body);
    assert!(register.body.contains("href=\"#name\"") && register.body.contains("нестандартні символи"), "{}", register.body);
    assert!(app.db.store.account_by_email("bytes@example.org").await.unwrap().is_none(), "no account was made");

    // A withdrawal's reason: asked again with the reason's message, and the case stays.
    let token = ivan.get(&format!("/applications/{sent}/withdraw")).await.csrf();
    let withdraw = ivan.post_raw(&format!("/applications/{sent}/withdraw"), format!("reason=%FF%FE&_csrf={token}"), &[]).await;
    assert_eq!(withdraw.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", withdraw.body);
    assert!(withdraw.body.contains("id=\"reason-error\"") && withdraw.body.contains("нестандартні символи"), "{}", withdraw.body);
    assert_eq!(app.db.store.case(sent).await.unwrap().unwrap().state, "submitted", "not withdrawn");

    // A resident's claim code from a receipt.
    let token = olena.get("/applications/claim").await.csrf();
    let claim = olena.post_raw("/applications/claim", format!("code=%FF%FE&_csrf={token}"), &[]).await;
    assert_eq!(claim.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", claim.body);
    assert!(claim.body.contains("«Код з розписки»: приберіть недруковані"), "{}", claim.body);

    // A note of the calendar of non-working days.
    let region = hromada_domain::account::Scope::Region("kyivska".into());
    let mut admin = staff_browser(app, "calendar.bytes@example.org", hromada_domain::account::Role::RegionalAdmin, region).await;
    let days = app.db.store.non_working_days_noted().await.unwrap();
    let token = admin.get("/staff/calendar").await.csrf();
    let note = admin.post_raw("/staff/calendar", format!("day=24.08.2027&note=%FF%FE&_csrf={token}"), &[]).await;
    assert_eq!(note.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", note.body);
    assert!(note.body.contains("href=\"#note-text\"") && note.body.contains("нестандартні символи"), "{}", note.body);
    assert_eq!(app.db.store.non_working_days_noted().await.unwrap(), days, "no day was added");
}

const INFORMATION: &str = "/buchanska/zapyt-na-publichnu-informatsiiu";

/// A request for public information sent by a visitor without an account: their browser and the case id.
/// The extractors parse the path's ids once: letters, zero, a sign, a number too
/// large or escapes are the same page as an unknown case or file, for its owner
/// and for staff alike, and the case itself still answers.
async fn malformed_case_and_file_ids_are_the_404_of_a_case_that_does_not_exist(app: &App) {
    let (mut resident, id) = sent_request(app, "ids@example.com").await;
    let mut officer = staff_browser(app, "ids-officer@example.com", hromada_domain::account::Role::Officer, bucha()).await;
    assert_eq!(resident.get(&format!("/applications/{id}/status")).await.status, StatusCode::OK);
    assert_eq!(officer.get(&format!("/staff/cases/{id}")).await.status, StatusCode::OK);
    let digits = id.to_string();
    let escaped = format!("%{:X}{}", digits.as_bytes()[0], &digits[1..]);
    assert_eq!(resident.get(&format!("/applications/{escaped}/status")).await.status, StatusCode::OK, "an escaped digit is the digit");
    for bad in ["abc", "0", "-1", "+1", "01", "%201", "99999999999999999999", "1e3", "%FF"] {
        for path in [format!("/applications/{bad}/status"), format!("/applications/{bad}/files/1")] {
            let page = resident.get(&path).await;
            assert_eq!(page.status, StatusCode::NOT_FOUND, "{path}");
            assert!(page.body.contains("Сторінку не знайдено"), "{path}: the reader's 404 page");
        }
        for path in [format!("/staff/cases/{bad}"), format!("/staff/cases/{bad}/files/1")] {
            assert_eq!(officer.get(&path).await.status, StatusCode::NOT_FOUND, "{path}");
        }
        assert_eq!(resident.get(&format!("/applications/{id}/files/{bad}")).await.status, StatusCode::NOT_FOUND, "file {bad}");
        assert_eq!(officer.get(&format!("/staff/cases/{id}/files/{bad}")).await.status, StatusCode::NOT_FOUND, "file {bad}");
    }
    let unknown = id + 1000;
    assert_eq!(resident.get(&format!("/applications/{unknown}/status")).await.status, StatusCode::NOT_FOUND);
    assert_eq!(officer.get(&format!("/staff/cases/{unknown}")).await.status, StatusCode::NOT_FOUND);
}

async fn sent_request<'a>(app: &'a App, email: &str) -> (Browser<'a>, i64) {
    let mut browser = Browser::new(app);
    let first = start(&mut browser, INFORMATION).await;
    let id = case_id(&first);
    let next = location(&answer(&mut browser, &first, &[("request_text", "Копія договору на ремонт школи № 3"), ("urgent", "no")]).await);
    let next = location(&answer(&mut browser, &next, &[("answer_channel", "email")]).await);
    let next =
        location(&answer(&mut browser, &next, &[("requester_kind", "person"), ("full_name", "Ганна Мельник"), ("email", email)]).await);
    let check = location(&answer(&mut browser, &next, &[("contacts_correct", "yes")]).await);
    location(&browser.submit(&check, &format!("/applications/{id}/submit"), &[]).await);
    (browser, id)
}

async fn without_an_account_a_tracking_link_follows_the_case(app: &App) {
    let mut browser = Browser::new(app);
    let first = start(&mut browser, INFORMATION).await;
    let id = case_id(&first);
    assert!(browser.cookies.contains_key("hromada_case"), "the draft belongs to a secret in a cookie");
    let next =
        location(&answer(&mut browser, &first, &[("request_text", "Копія рішення виконкому від 01.02.2026 № 15"), ("urgent", "no")]).await);
    let next = location(&answer(&mut browser, &next, &[("answer_channel", "email")]).await);
    let next = location(
        &answer(&mut browser, &next, &[("requester_kind", "person"), ("full_name", "Іван Петренко"), ("email", "ivan@example.org")]).await,
    );
    let check = location(&answer(&mut browser, &next, &[("contacts_correct", "yes")]).await);
    let mails_before = app.mail.messages().len();
    let done = location(&browser.submit(&check, &format!("/applications/{id}/submit"), &[]).await);
    let confirmation = browser.get(&done).await;
    assert!(confirmation.body.contains("BUC-2026-"), "{}", confirmation.body);
    assert!(confirmation.body.contains("http://hromada.test/track/"), "the confirmation shows the tracking link");

    hromada_web::run_due_jobs(&app.state).await;
    let letters = app.mail.wait_for(mails_before + 1, std::time::Duration::from_secs(5)).await;
    let letter = letters.last().unwrap();
    assert_eq!(letter.rcpt_to, vec!["ivan@example.org".to_string()]);
    let link = letter.first_link().expect("a tracking link");
    let path = link.strip_prefix("http://hromada.test").unwrap().to_string();
    let token = path.trim_start_matches("/track/");
    assert!(token.len() >= 43, "at least 256 bits: {token}");

    // Another browser sees nothing without the link, and the case with it.
    let mut other = Browser::new(app);
    assert_eq!(other.get(&format!("/applications/{id}/status")).await.status, StatusCode::NOT_FOUND);
    assert_eq!(other.get("/track/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA").await.status, StatusCode::NOT_FOUND);
    let followed = other.get(&path).await;
    assert_eq!(location(&followed), format!("/applications/{id}/status"));
    let status = other.get(&format!("/applications/{id}/status")).await;
    assert_eq!(status.status, StatusCode::OK);
    assert!(status.body.contains("Іван Петренко") && status.body.contains("Подано"), "{}", status.body);
}

async fn a_resident_replies_and_withdraws(app: &App) {
    let mut browser = Browser::new(app);
    let first = start(&mut browser, INFORMATION).await;
    let id = case_id(&first);
    let next =
        location(&answer(&mut browser, &first, &[("request_text", "Скільки коштував ремонт дороги у 2025 році"), ("urgent", "no")]).await);
    let next = location(&answer(&mut browser, &next, &[("answer_channel", "email")]).await);
    let next = location(
        &answer(&mut browser, &next, &[("requester_kind", "person"), ("full_name", "Іван Петренко"), ("email", "ivan2@example.org")]).await,
    );
    let check = location(&answer(&mut browser, &next, &[("contacts_correct", "yes")]).await);
    location(&browser.submit(&check, &format!("/applications/{id}/submit"), &[]).await);
    let status = format!("/applications/{id}/status");

    let empty = browser.post_multipart(&status, &format!("/applications/{id}/reply"), &[("message", "  ")], &[]).await;
    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(empty.body.contains("Напишіть повідомлення або додайте файл"));
    let sent = browser
        .post_multipart(&status, &format!("/applications/{id}/reply"), &[("message", "Додаю фото ями")], &[("files", "яма.png", PNG)])
        .await;
    assert_eq!(location(&sent), format!("{status}?sent=1"));
    let page = browser.get(&format!("{status}?sent=1")).await;
    assert!(
        page.body.contains("Додаю фото ями") && page.body.contains("яма.png") && page.body.contains("Повідомлення надіслано"),
        "{}",
        page.body
    );
    let file = app.db.store.case_files(id).await.unwrap().into_iter().find(|f| f.name == "яма.png").expect("the message's file");
    let download = browser.get(&format!("/applications/{id}/files/{}", file.id)).await;
    assert_eq!(download.status, StatusCode::OK);
    assert_eq!(download.headers[header::CONTENT_TYPE], "image/png");
    assert!(download.headers[header::CONTENT_DISPOSITION].to_str().unwrap().starts_with("attachment"));
    assert_eq!(Browser::new(app).get(&format!("/applications/{id}/files/{}", file.id)).await.status, StatusCode::NOT_FOUND);

    let withdrawn = browser
        .submit(
            &format!("/applications/{id}/withdraw"),
            &format!("/applications/{id}/withdraw"),
            &[("reason", "Знайшов відповідь на сайті")],
        )
        .await;
    assert_eq!(location(&withdrawn), status);
    assert_eq!(app.db.store.case(id).await.unwrap().unwrap().state, "withdrawn");
    let page = browser.get(&status).await;
    assert!(page.body.contains("Запит відкликано"), "{}", page.body);
    assert!(!page.body.contains("/withdraw\""), "no second withdrawal");
    assert!(!page.body.contains("name=\"message\""), "a final case takes no more messages");
}

/// A withdrawal goes through the state machine like every workflow step: a
/// `requires` on it holds (here the office must have asked for information first).
async fn a_withdrawal_waits_for_what_the_workflow_requires_first(app: &App) {
    let slug = "zapyt-na-publichnu-informatsiiu";
    let source = demo_service(slug);
    let withdraw = "  action = \"withdraw\"\n";
    assert!(source.contains(withdraw));
    let changed = source.replace(withdraw, &format!("{withdraw}  requires = [\"request_information\"]\n"));
    let version = match app.db.store.import_service(slug, &changed, NOW).await.unwrap() {
        hromada_store::ImportOutcome::Created { version } => version,
        other => panic!("{other:?}"),
    };
    app.state.reload_catalogue().await.unwrap();
    let mut browser = Browser::new(app);
    let email = registered(app, &mut browser, "patient@example.org").await;
    browser.submit("/account/sign-in", "/account/sign-in", &[("email", &email), ("password", PASSWORD)]).await;
    let account = app.db.store.account_by_email(&email).await.unwrap().unwrap();
    let case = submitted_case_of(app, account.id, slug, version).await;
    let id = case.id;
    let status = format!("/applications/{id}/status");
    let page = browser.get(&status).await;
    assert!(!page.body.contains(&format!("/applications/{id}/withdraw")), "no withdrawal is offered that the workflow would refuse");
    let form = browser.get(&format!("/applications/{id}/withdraw")).await;
    assert_eq!(location(&form), status, "nor its confirmation page");
    let token = page.csrf();
    let refused = browser.post_raw(&format!("/applications/{id}/withdraw"), format!("_csrf={token}&reason=x"), &[]).await;
    assert_eq!(location(&refused), status);
    assert_eq!(app.db.store.case(id).await.unwrap().unwrap().state, "submitted", "the workflow requires a request for information first");
}

async fn untouched_drafts_are_warned_about_then_deleted(backend: Backend) {
    let Some(mut app) = app(backend).await else { return };
    let clock = Arc::new(hromada_domain::clock::ManualClock::new(NOW));
    app.state.clock = clock.clone();
    let mut browser = resident(&app, "slow@example.org").await;
    let first = start(&mut browser, REGISTRATION).await;
    let id = case_id(&first);
    location(&answer(&mut browser, &first, &[("registrant", "self")]).await);
    drop(browser);

    let day = time::Duration::days(1);
    clock.advance(day * 22);
    assert_eq!(hromada_web::expire_drafts(&app.state).await.unwrap(), (0, 0), "not yet: warnings go 7 days before");
    clock.advance(day * 2);
    let before = app.mail.messages().len();
    assert_eq!(hromada_web::expire_drafts(&app.state).await.unwrap().0, 1);
    let letters = app.mail.wait_for(before + 1, std::time::Duration::from_secs(5)).await;
    let letter = letters.last().unwrap();
    assert_eq!(letter.rcpt_to, vec!["slow@example.org".to_string()]);
    assert!(letter.body.contains(&format!("/applications/{id}")), "{}", letter.body);
    assert_eq!(hromada_web::expire_drafts(&app.state).await.unwrap().0, 0, "warned once");
    assert!(app.db.store.case(id).await.unwrap().is_some());
    clock.advance(day * 7);
    hromada_web::expire_drafts(&app.state).await.unwrap();
    assert_eq!(app.db.store.case(id).await.unwrap(), None, "gone after 30 days untouched");
    app.db.cleanup().await;
}

async fn a_draft_keeps_the_definition_version_it_was_started_under(app: &App) {
    let mut browser = Browser::new(app);
    let first = start(&mut browser, INFORMATION).await;
    let id = case_id(&first);
    let next = location(&answer(&mut browser, &first, &[("request_text", "Бюджет громади на 2026 рік"), ("urgent", "no")]).await);

    // The community changes the form meanwhile.
    let changed = demo_service("zapyt-na-publichnu-informatsiiu").replace("Як надіслати відповідь?", "Куди надіслати відповідь?");
    app.db.store.import_service("zapyt-na-publichnu-informatsiiu", &changed, NOW).await.unwrap();
    app.state.reload_catalogue().await.unwrap();

    let page = browser.get(&next).await;
    assert!(page.body.contains("Як надіслати відповідь?"), "the draft goes on with its own version: {}", page.body);
    let next = location(&answer(&mut browser, &next, &[("answer_channel", "email")]).await);
    let next = location(
        &answer(&mut browser, &next, &[("requester_kind", "person"), ("full_name", "Іван Петренко"), ("email", "ivan3@example.org")]).await,
    );
    let check = location(&answer(&mut browser, &next, &[("contacts_correct", "yes")]).await);
    location(&browser.submit(&check, &format!("/applications/{id}/submit"), &[]).await);
    assert_eq!(app.db.store.case(id).await.unwrap().unwrap().service_version, 1);

    // A new draft is made under the new version.
    let mut other = Browser::new(app);
    let newer = start(&mut other, INFORMATION).await;
    assert_eq!(app.db.store.case(case_id(&newer)).await.unwrap().unwrap().service_version, 2);
}

/// `next` values that must not be followed: whitespace and control characters
/// (browsers drop a tab or a newline and read `//evil.example`), backslashes,
/// another host, a scheme, and anything that is not plain ASCII.
const HOSTILE_NEXT: [&str; 12] = [
    "%2F%09%2Fevil.example",
    "%2F%0A%2Fevil.example",
    "%2F%0D%2Fevil.example",
    "%2F%0D%0ASet-Cookie%3A%20x%3Dy",
    "%2F%20%2Fevil.example",
    "%2F%00%2Fevil.example",
    "%2F%7F%2Fevil.example",
    "%2F%5Cevil.example",
    "%2F%2Fevil.example",
    "https%3A%2F%2Fevil.example",
    "evil.example",
    "%2F%D0%B7%D0%B0%D1%8F%D0%B2%D0%B0",
];

/// Staff sign-in up to the enrolled second factor; gives the password and the recovery codes.
async fn enrolled_staff(app: &App, email: &str) -> (&'static str, Vec<String>) {
    use hromada_domain::auth::TotpSecret;
    let password = "службовий пароль для тестів";
    let link = hromada_web::invite_staff(
        app.db.store.as_ref(),
        email,
        hromada_domain::account::Role::Officer,
        bucha(),
        None,
        time::OffsetDateTime::now_utc(),
        "http://hromada.test",
    )
    .await
    .expect("invite");
    let path = link.strip_prefix("http://hromada.test").unwrap().to_string();
    let mut browser = Browser::new(app);
    browser.submit(&path, &path, &[("new_password", password)]).await;
    let enrol = browser.get("/staff/totp").await;
    let at = enrol.body.find("class=\"secret\" lang=\"en\">").expect("the secret in text");
    let text: String = enrol.body[at + 25..].split('<').next().unwrap().split_whitespace().collect();
    let secret = TotpSecret::from_base32(&text).unwrap();
    let codes = browser.submit("/staff/totp", "/staff/totp", &[("code", &secret.code_at(now_unix()))]).await;
    assert_eq!(codes.status, StatusCode::OK, "{}", codes.body);
    let recovery = codes
        .body
        .split("<li>")
        .skip(1)
        .filter_map(|li| li.split("</li>").next())
        .filter(|c| c.len() == 23 && c.contains('-'))
        .map(str::to_string)
        .collect();
    (password, recovery)
}

async fn a_hostile_next_never_leads_off_the_site_nor_fails(app: &App) {
    let mut browser = Browser::new(app);
    let email = registered(app, &mut browser, "next@example.org").await;
    for hostile in HOSTILE_NEXT {
        let form = browser.get(&format!("/account/sign-in?next={hostile}")).await;
        assert_eq!(form.status, StatusCode::OK, "{hostile}");
        assert!(form.body.contains("action=\"/account/sign-in\""), "the form does not carry {hostile} on");
        let page = browser
            .submit("/account/sign-in", &format!("/account/sign-in?next={hostile}"), &[("email", &email), ("password", PASSWORD)])
            .await;
        assert_eq!(location(&page), "/account", "after signing in with next={hostile}");
    }
    // A path of this site is still followed, query and all.
    let page = browser
        .submit("/account/sign-in", "/account/sign-in?next=%2Fapplications%3Fdeleted%3D1", &[("email", &email), ("password", PASSWORD)])
        .await;
    assert_eq!(location(&page), "/applications?deleted=1");

    // After the second factor too.
    let (password, recovery) = enrolled_staff(app, "next-staff@example.org").await;
    for (hostile, code) in HOSTILE_NEXT.iter().take(4).zip(&recovery) {
        let mut staff = Browser::new(app);
        let page = staff
            .submit(
                "/account/sign-in",
                &format!("/account/sign-in?next={hostile}"),
                &[("email", "next-staff@example.org"), ("password", password)],
            )
            .await;
        assert_eq!(location(&page), "/account/sign-in/code", "the second step does not carry next={hostile} on");
        let page = staff.submit("/account/sign-in/code", &format!("/account/sign-in/code?next={hostile}"), &[("code", code)]).await;
        assert_eq!(location(&page), "/account", "after the second factor with next={hostile}");
    }
}

async fn a_half_signed_in_staff_session_can_only_answer_its_second_factor(app: &App) {
    let email = "half@example.org";
    let (password, recovery) = enrolled_staff(app, email).await;
    // The owner's own session, signed in all the way on another device.
    let mut owner = Browser::new(app);
    let page = owner.submit("/account/sign-in", "/account/sign-in", &[("email", email), ("password", password)]).await;
    assert_eq!(location(&page), "/account/sign-in/code");
    let page = owner.submit("/account/sign-in/code", "/account/sign-in/code", &[("code", &recovery[0])]).await;
    assert_eq!(location(&page), "/account");
    // Someone who knows the password, but not the second factor.
    let mut half = Browser::new(app);
    let page = half.submit("/account/sign-in", "/account/sign-in", &[("email", email), ("password", password)]).await;
    assert_eq!(location(&page), "/account/sign-in/code");

    let changed = half
        .submit(
            "/account/sign-in/code",
            "/account/password",
            &[("current_password", password), ("new_password", "зовсім інший пароль для служби")],
        )
        .await;
    assert_eq!(location(&changed), "/account/sign-in/code", "the password cannot be changed before the second factor");
    let everywhere = half.submit("/account/sign-in/code", "/account/sign-out-everywhere", &[]).await;
    assert_eq!(location(&everywhere), "/account/sign-in/code", "nor every session ended");
    let export = half.get("/account/export").await;
    assert_eq!(location(&export), "/account/sign-in/code", "nor the data downloaded");
    let delete = half.submit("/account/sign-in/code", "/account/delete", &[("password", password)]).await;
    assert_eq!(location(&delete), "/account/sign-in/code", "nor the account deleted");
    for page in ["/account", "/account/password", "/account/delete", "/staff"] {
        assert_eq!(location(&half.get(page).await), "/account/sign-in/code", "{page} sends to the second step");
    }
    // Pages of a signed-in resident see no one signed in: they send to sign in, which sends on to the second step.
    for page in ["/documents", "/applications"] {
        assert!(location(&half.get(page).await).starts_with("/account/sign-in?next="), "{page} is not opened");
    }
    assert_eq!(location(&half.get("/account/sign-in?next=%2Fapplications").await), "/account/sign-in/code?next=%2Fapplications");
    assert_eq!(half.get("/staff/invite").await.status, StatusCode::NOT_FOUND);

    let account = app.db.store.account_by_email(email).await.unwrap().expect("the account stays");
    assert!(account.deleted_at.is_none());
    let mut again = Browser::new(app);
    let page = again.submit("/account/sign-in", "/account/sign-in", &[("email", email), ("password", password)]).await;
    assert_eq!(location(&page), "/account/sign-in/code", "the password is the same");
    assert_eq!(owner.get("/account").await.status, StatusCode::OK, "the owner's session lives on");
    assert!(app.db.store.sessions_of(account.id, time::OffsetDateTime::now_utc()).await.unwrap().len() >= 3, "no session was ended");
    // Signing out of this browser is allowed.
    let out = half.submit("/account/sign-in/code", "/account/sign-out", &[]).await;
    assert_eq!(out.status, StatusCode::OK);
    assert!(!half.cookies.contains_key("hromada_session"));
}
