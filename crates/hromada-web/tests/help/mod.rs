//! Help for people who rarely go online over HTTP: the short guides in both
//! languages, linked from the pages where they help; the photograph guide
//! states this installation's upload limits; the accessibility statement
//! shows the browser suite's figures; every page's footer links to both.

use super::*;

both!(
    every_guide_renders_in_both_languages,
    the_photograph_guide_states_the_default_limits,
    guides_are_linked_from_the_pages_where_they_help,
    the_after_applying_guide_states_the_services_deadline,
    the_statement_shows_the_suites_figures_in_both_languages,
    every_page_footer_links_to_the_guides_and_the_statement,
);

const GUIDES: [&str; 5] = ["photograph", "account", "after-applying", "someone-else", "check-qr"];

/// A page in the language asked for, with no message id showing through.
fn assert_in(lang: &str, uri: &str, body: &str) {
    assert!(body.contains(&format!("<html lang=\"{lang}\"")), "{uri}: not in {lang}");
    for id in ["guide-", "help-", "a11y-", "footer-"] {
        assert!(!body.contains(id), "{uri} [{lang}]: a message id shows: {id}…\n{body}");
    }
}

async fn every_guide_renders_in_both_languages(app: &App) {
    let (status, _, index) = app.get("/help").await;
    assert_eq!(status, StatusCode::OK);
    assert_in("uk", "/help", &index);
    assert!(index.contains("<h1>Довідка</h1>"), "{index}");
    let mut titles = std::collections::BTreeSet::new();
    for slug in GUIDES {
        assert!(index.contains(&format!("href=\"/help/{slug}\"")), "the index lists {slug}");
        for (lang, uri) in [("uk", format!("/help/{slug}")), ("en", format!("/help/{slug}?lang=en"))] {
            let (status, _, body) = app.get(&uri).await;
            assert_eq!(status, StatusCode::OK, "{uri}");
            assert_in(lang, &uri, &body);
            assert!(body.contains("<ol class=\"steps\">"), "{uri}: numbered steps");
            let title = body.split("<h1>").nth(1).and_then(|r| r.split("</h1>").next()).unwrap().to_string();
            assert!(titles.insert(title.clone()), "{uri}: its title {title} is another guide's or language's");
        }
    }
    let (status, _, _) = app.get("/help/no-such-guide").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

async fn the_photograph_guide_states_the_default_limits(app: &App) {
    let (_, _, uk) = app.get("/help/photograph").await;
    for wanted in ["не більше 10,0 МБ", "не більше 25,0 МБ", "20\u{a0}000", "50 Мп"] {
        assert!(uk.contains(wanted), "{wanted} is missing: {uk}");
    }
    let (_, _, en) = app.get("/help/photograph?lang=en").await;
    for wanted in ["up to 10.0 MB", "up to 25.0 MB", "20,000 pixels", "50 MP"] {
        assert!(en.contains(wanted), "{wanted} is missing: {en}");
    }
}

/// The limits come from the settings: an installation that allows less says less.
async fn the_photograph_guide_states_the_configured_limits(backend: Backend) {
    let Some(app) = app_with(backend, |settings| {
        settings.uploads = UploadLimits { file_bytes: 3 * 1024 * 1024, application_bytes: 7 * 1024 * 1024 + 512 * 1024 };
    })
    .await
    else {
        return;
    };
    let (_, _, uk) = app.get("/help/photograph").await;
    assert!(uk.contains("Один файл — не більше 3,0 МБ"), "{uk}");
    assert!(uk.contains("разом — не більше 7,5 МБ"), "{uk}");
    assert!(!uk.contains("10,0 МБ") && !uk.contains("25,0 МБ"), "the defaults are not stated: {uk}");
    let (_, _, en) = app.get("/help/photograph?lang=en").await;
    assert!(en.contains("One file can be up to 3.0 MB") && en.contains("up to 7.5 MB"), "{en}");
    app.db.cleanup().await;
}

#[tokio::test]
async fn the_photograph_guide_states_the_configured_limits_sqlite() {
    the_photograph_guide_states_the_configured_limits(Backend::Sqlite).await;
}

#[tokio::test]
async fn the_photograph_guide_states_the_configured_limits_postgres() {
    the_photograph_guide_states_the_configured_limits(Backend::Postgres).await;
}

async fn guides_are_linked_from_the_pages_where_they_help(app: &App) {
    for (page, guide) in [
        ("/account/sign-in", "/help/account"),
        ("/account/register", "/help/account"),
        (REGISTRATION, "/help/someone-else"),
        ("/verify", "/help/check-qr"),
    ] {
        let (status, _, body) = app.get(page).await;
        assert_eq!(status, StatusCode::OK, "{page}");
        assert!(body.contains(&format!("href=\"{guide}\"")), "{page} links to {guide}: {body}");
    }
    // A question with uploads: the photograph guide, in a new tab, so that typed answers stay.
    let mut browser = resident(app, "photo@example.org").await;
    let first = start(&mut browser, REGISTRATION).await;
    let whom = browser.get(&first).await;
    assert!(!whom.body.contains("/help/photograph"), "a page without uploads does not offer it");
    let next = location(&answer(&mut browser, &first, &[("registrant", "child")]).await);
    let next = location(
        &answer(
            &mut browser,
            &next,
            &[("full_name", "Олена Коваль"), ("date_of_birth", "12.05.1990"), ("id_document", "КА123456"), ("phone", "067 123 45 67")],
        )
        .await,
    );
    let child = browser.get(&next).await;
    assert!(child.body.contains("type=\"file\""), "{}", child.body);
    assert!(child.body.contains("<a href=\"/help/photograph\" target=\"_blank\" rel=\"noopener\">"), "{}", child.body);
    assert!(child.body.contains("(відкриється в новій вкладці)"));
    // The claim page of an application made at a service centre: someone else applying.
    let claim = browser.get("/applications/claim").await;
    assert!(claim.body.contains("href=\"/help/someone-else\""), "{}", claim.body);
}

async fn the_after_applying_guide_states_the_services_deadline(app: &App) {
    let (mut browser, id) = sent_request(app, "after@example.org").await;
    let guide = "/help/after-applying?community=buchanska&service=zapyt-na-publichnu-informatsiiu";
    for page in [format!("/applications/{id}/done"), format!("/applications/{id}/status")] {
        let shown = browser.get(&page).await;
        assert_eq!(shown.status, StatusCode::OK, "{page}");
        let href = shown.body.split("href=\"/help/after-applying").nth(1).and_then(|r| r.split('"').next()).unwrap_or_default();
        assert_eq!(format!("/help/after-applying{}", href.replace("&#38;", "&").replace("&amp;", "&")), guide, "{page}");
    }
    let (_, _, body) = app.get(guide).await;
    assert!(body.contains("<h2>Строк послуги «Запит на публічну інформацію»</h2>"), "{body}");
    assert!(body.contains("5 робочих днів"), "{body}");
    assert!(body.contains("до 20 робочих днів"), "the extension the definition allows: {body}");
    // Without a service, or with one not offered here, only the general rules.
    let (_, _, general) = app.get("/help/after-applying?community=ternopilska&service=zhytlova-subsydiia").await;
    assert!(!general.contains("Строк послуги"), "{general}");
    assert!(general.contains("Робочі дні"), "{general}");
}

async fn the_statement_shows_the_suites_figures_in_both_languages(app: &App) {
    let figures: serde_json::Value =
        serde_json::from_str(include_str!("../../../../docs/accessibility-figures.json")).expect("the suite's figures parse");
    for (lang, uri) in [("uk", "/accessibility"), ("en", "/accessibility?lang=en")] {
        let (status, _, body) = app.get(uri).await;
        assert_eq!(status, StatusCode::OK, "{uri}");
        assert_in(lang, uri, &body);
        assert!(body.contains("WCAG 2.2") && body.contains("EN 301 549"), "{body}");
        assert!(body.contains("частково") || body.contains("partially conformant"), "honest about its level: {body}");
        assert!(body.contains("<a href=\"/\">"), "leads to the communities' service centres: {body}");
        match figures["date"].as_str() {
            None => assert!(body.contains("ще не записав") || body.contains("has not recorded"), "{body}"),
            Some(date) => {
                let year = &date[..4];
                assert!(body.contains(year), "the date of the figures: {body}");
                for key in ["pages_checked", "reflowed_320", "axe_violations"] {
                    let n = figures[key].as_u64().expect(key).to_string();
                    assert!(body.contains(&format!("<dd>{n}")) || body.contains(&format!(">{n} ")), "{key} = {n}: {body}");
                }
                assert!(body.contains(figures["browser"].as_str().unwrap()), "{body}");
            }
        }
    }
}

async fn every_page_footer_links_to_the_guides_and_the_statement(app: &App) {
    for uri in ["/", "/?lang=en", "/buchanska", REGISTRATION, "/verify", "/account/sign-in", "/pulse", "/help", "/no-such-page"] {
        let (_, _, body) = app.get(uri).await;
        let footer = body.split("<footer").nth(1).unwrap_or_else(|| panic!("{uri} has a footer"));
        assert!(footer.contains("href=\"/help\""), "{uri}: {footer}");
        assert!(footer.contains("href=\"/accessibility\""), "{uri}: {footer}");
    }
}
