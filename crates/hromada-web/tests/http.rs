//! The public catalogue over HTTP, through the real router, on a real store:
//! SQLite always, PostgreSQL too when `HROMADA_TEST_POSTGRES_URL` is set.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::sync::Arc;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use hromada_domain::definition::parse_definition;
use hromada_domain::place::{Community, Region};
use hromada_domain::Text;
use hromada_store::testing::{Backend, TestDb};
use hromada_store::Store;
use hromada_web::{router, AppState, WebSettings};
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
        address: Text::new("вул. Енергетиків, 12", "12 Enerhetykiv St"),
        phone: "+380 44 000 01 01".into(),
        email: format!("cnap@{slug}.example.org"),
        opening_hours: Text::new("Пн–Пт 8:00–17:00", "Mon–Fri 8:00–17:00"),
    }
}

/// Two communities; Bucha offers four services, Ternopil only the request for information.
async fn seeded(store: &dyn Store) {
    store.put_region(&Region { slug: "kyivska".into(), name: Text::new("Київська область", "Kyiv Oblast") }).await.unwrap();
    store.put_region(&Region { slug: "ternopilska".into(), name: Text::new("Тернопільська область", "Ternopil Oblast") }).await.unwrap();
    store.put_community(&community("buchanska", "kyivska", "BUC", "Бучанська громада", "Bucha community")).await.unwrap();
    store.put_community(&community("ternopilska", "ternopilska", "TER", "Тернопільська громада", "Ternopil community")).await.unwrap();
    for name in SERVICES {
        store.import_service(name, &demo_service(name), NOW).await.unwrap();
        store.offer_service("buchanska", name).await.unwrap();
    }
    store.offer_service("ternopilska", "zapyt-na-publichnu-informatsiiu").await.unwrap();
}

struct App {
    state: AppState,
    db: TestDb,
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
    let db = TestDb::new(backend).await?;
    seeded(db.store.as_ref()).await;
    let state = AppState::new(Arc::clone(&db.store), WebSettings { demo: true }).await.expect("state");
    Some(App { state, db })
}

/// `both!(name);` runs scenario `name` on SQLite and on PostgreSQL.
macro_rules! both {
    ($($name:ident),* $(,)?) => {
        mod sqlite { $(#[tokio::test] async fn $name() { if let Some(app) = super::app(super::Backend::Sqlite).await { super::$name(&app).await; app.db.cleanup().await; } })* }
        mod postgres { $(#[tokio::test] async fn $name() { if let Some(app) = super::app(super::Backend::Postgres).await { super::$name(&app).await; app.db.cleanup().await; } })* }
    };
}

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
);

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
    assert!(body.contains("вул. Енергетиків, 12"), "until the online form exists, the page says where to apply in person");
}

async fn english_is_one_link_away_and_stays_chosen(app: &App) {
    let (_, _, uk) = app.get("/buchanska/zapyt-na-publichnu-informatsiiu").await;
    assert!(uk.contains("href=\"/buchanska/zapyt-na-publichnu-informatsiiu?lang=en\""));
    let (status, headers, en) = app.get("/buchanska/zapyt-na-publichnu-informatsiiu?lang=en").await;
    assert_eq!(status, StatusCode::OK);
    assert!(en.contains("<html lang=\"en\">"));
    assert!(en.contains("<h1>Request for public information</h1>"));
    assert!(en.contains("5 working days"));
    let cookie = headers[header::SET_COOKIE].to_str().unwrap();
    assert!(cookie.starts_with("lang=en;"), "{cookie}");
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
    let changed = demo_service(name).replacen("uk = \"Запит на публічну інформацію\"", "uk = \"Запит на публічну інформацію (нова редакція)\"", 1);
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
