//! The glossary (issue 21): its page lists every term in the reader's
//! language and finds a word however it was typed; service pages link the
//! first occurrence of a term to its entry, a service's own terms too.

use super::*;

both!(
    the_glossary_page_lists_every_term_in_both_languages,
    the_glossary_finds_rnokpp_typed_any_way,
    a_service_page_links_its_first_tsnap_to_the_glossary,
    a_question_page_links_terms_in_hints_and_never_in_labels,
    a_services_own_terms_are_linked_and_listed,
);

const VYTIAH: &str = "vytiah-z-reiestru-terytorialnoi-hromady";

#[test]
fn the_installation_glossary_parses_without_a_warning() {
    let parsed = hromada_domain::definition::parse_glossary(hromada_web::GLOSSARY_SOURCE);
    assert_eq!(parsed.diagnostics, vec![], "glossary.toml");
    let terms = parsed.terms.unwrap();
    assert!(terms.len() >= 20, "{}", terms.len());
    for id in ["tsnap", "rnokpp", "vpo", "vytiah", "dovidka", "subsydiia", "starosta", "hromada", "iban", "diia"] {
        assert!(terms.iter().any(|t| t.id == id), "{id}");
    }
}

async fn the_glossary_page_lists_every_term_in_both_languages(app: &App) {
    let (status, _, uk) = app.get("/glossary").await;
    assert_eq!(status, StatusCode::OK, "{uk}");
    assert!(uk.contains("<h1>Словник</h1>"), "{uk}");
    assert!(uk.contains("<dt id=\"tsnap\">ЦНАП</dt>"), "{uk}");
    assert!(uk.contains("Центр надання адміністративних послуг"), "{uk}");
    assert!(uk.contains("<dt id=\"rnokpp\">РНОКПП</dt>"), "{uk}");
    // Every term of the file has its entry.
    let terms = hromada_domain::definition::parse_glossary(hromada_web::GLOSSARY_SOURCE).terms.unwrap();
    for t in &terms {
        assert!(uk.contains(&format!("<dt id=\"{}\">", t.id)), "{}", t.id);
    }
    let (status, _, en) = app.get("/glossary?lang=en").await;
    assert_eq!(status, StatusCode::OK);
    assert!(en.contains("<h1>Glossary</h1>"), "{en}");
    // In English, the word as printed on the papers stands beside the English one.
    assert!(en.contains("<dt id=\"tsnap\">TsNAP <span lang=\"uk\">(ЦНАП)</span></dt>"), "{en}");
    assert!(en.contains("Administrative service centre"), "{en}");
    // The footer of every page leads here.
    let (_, _, home) = app.get("/").await;
    assert!(home.contains("<a href=\"/glossary\">"), "{home}");
}

async fn the_glossary_finds_rnokpp_typed_any_way(app: &App) {
    for q in ["рнокпп", "РНОКПП", "Рнокпп", "%20%20рНоКпП%20", "RNOKPP", "ідентифікаційний", "р%CC%81нокпп"]
    {
        let (status, _, body) = app.get(&format!("/glossary?q={q}")).await;
        assert_eq!(status, StatusCode::OK, "{q}");
        assert!(body.contains("<dt id=\"rnokpp\">"), "{q}: {body}");
        assert!(!body.contains("<dt id=\"subsydiia\">"), "{q}: only what matches is listed");
        assert!(body.contains("role=\"status\""), "{q}");
    }
    // An apostrophe of any form: "пам’ять" typed with ' or ʼ finds "пам’ятка"-like words alike.
    let (_, _, body) = app.get(&format!("/glossary?q={}", encode("з’ясовувати"))).await;
    let (_, _, typed) = app.get(&format!("/glossary?q={}", encode("з'ясовувати"))).await;
    assert!(body.contains("<dt id=\"zvernennia\">") && typed.contains("<dt id=\"zvernennia\">"), "{typed}");
    let (_, _, none) = app.get(&format!("/glossary?q={}", encode("абракадабра"))).await;
    assert!(none.contains("Такого слова в словнику немає"), "{none}");
    assert!(none.contains("<a href=\"/glossary\">Показати всі слова</a>"), "{none}");
}

async fn a_service_page_links_its_first_tsnap_to_the_glossary(app: &App) {
    let (status, _, body) = app.get("/buchanska/zhytlova-subsydiia").await;
    assert_eq!(status, StatusCode::OK);
    // The summary says "Субсидія … ЦНАП", and the page says ЦНАП again below: only the first links.
    assert!(body.contains("<a href=\"/glossary#subsydiia\">Субсидія</a>"), "{body}");
    assert!(body.contains("<a href=\"/glossary#tsnap\">ЦНАП</a>"), "{body}");
    assert_eq!(body.matches("href=\"/glossary#tsnap\"").count(), 1, "{body}");
    assert!(body.matches("ЦНАП").count() > 1);
    // The title is a heading, not linked.
    assert!(!body.contains("<h1><a"), "{body}");
    let (_, _, en) = app.get("/buchanska/zhytlova-subsydiia?lang=en").await;
    assert!(en.contains("<a href=\"/glossary#tsnap\">TsNAP</a>"), "{en}");
    assert_eq!(en.matches("href=\"/glossary#tsnap\"").count(), 1, "{en}");
}

async fn a_question_page_links_terms_in_hints_and_never_in_labels(app: &App) {
    let mut browser = resident(app, "hanna@example.org").await;
    let first = start(&mut browser, "/buchanska/zhytlova-subsydiia").await;
    let page = browser.get(&first).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let body = &page.body;
    // The hint "Для паспорта-книжечки … Для ID-картки …" links both words once.
    assert!(body.contains("<a href=\"/glossary#id-kartka\">ID-картки</a>"), "{body}");
    assert!(body.contains("<a href=\"/glossary#pasport-knyzhechka\">паспорта-книжечки</a>"), "{body}");
    assert_eq!(body.matches("href=\"/glossary#id-kartka\"").count(), 1, "{body}");
    // Labels keep their text: the control's name stays whole.
    assert!(body.contains("<label for=\"id_document\">Номер паспорта або ID-картки</label>"), "{body}");
    assert!(!body.contains("<label for=\"rnokpp\"><a"), "{body}");
}

async fn a_services_own_terms_are_linked_and_listed(app: &App) {
    app.db.store.import_service(VYTIAH, &demo_service(VYTIAH), NOW).await.unwrap();
    app.db.store.offer_service("buchanska", VYTIAH).await.unwrap();
    app.state.reload_catalogue().await.unwrap();
    let (status, _, body) = app.get(&format!("/buchanska/{VYTIAH}")).await;
    assert_eq!(status, StatusCode::OK);
    let anchor = format!("{VYTIAH}--zakonnyi-predstavnyk");
    assert!(body.contains(&format!("<a href=\"/glossary#{anchor}\">законний представник</a>")), "{body}");
    // The installation's words link on the same page.
    assert!(body.contains("<a href=\"/glossary#vytiah\">Витяг</a>"), "{body}");
    let (_, _, glossary) = app.get("/glossary").await;
    assert!(glossary.contains("Слова послуги «Витяг з реєстру територіальної громади»"), "{glossary}");
    assert!(glossary.contains(&format!("<dt id=\"{anchor}\">законний представник</dt>")), "{glossary}");
    let (_, _, found) = app.get(&format!("/glossary?q={}", encode("опікун"))).await;
    assert!(found.contains(&format!("<dt id=\"{anchor}\">")), "{found}");
    assert!(!found.contains("<dt id=\"tsnap\">"), "{found}");
}
