//! Uploads under hostile use: a refused page stores nothing, a flood of tiny
//! parts is refused while reading, the per-field count and the application's
//! size hold under two requests at once, and image bombs reach no browser.

use super::*;

both!(
    a_refused_page_stores_no_file_and_a_fixed_one_stores_them_once,
    thousands_of_tiny_parts_are_refused_while_reading,
    image_bombs_are_refused_with_a_message_in_both_languages,
    staff_see_images_inline_only_within_bounds,
);

/// A PNG that declares `width` × `height`, padded to `len` bytes (at least 29).
fn png(width: u32, height: u32, len: usize) -> Vec<u8> {
    let mut bytes = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR".to_vec();
    bytes.extend_from_slice(&width.to_be_bytes());
    bytes.extend_from_slice(&height.to_be_bytes());
    bytes.extend_from_slice(&[8, 2, 0, 0, 0]);
    bytes.resize(len.max(bytes.len()), 0);
    bytes
}

/// Every content file kept under `<data_dir>/uploads/`.
fn contents_on_disk(app: &App) -> usize {
    let root = app.files.path().join("uploads");
    let Ok(dirs) = std::fs::read_dir(&root) else { return 0 };
    dirs.flatten().filter_map(|d| std::fs::read_dir(d.path()).ok()).map(|files| files.flatten().count()).sum()
}

/// A resident's draft of the registration for a child, at the child's page
/// (its birth certificate: at most 2 files): the browser, the case and the page.
async fn at_the_child_page<'a>(app: &'a App, email: &str) -> (Browser<'a>, i64, String) {
    let mut browser = resident(app, email).await;
    let first = start(&mut browser, REGISTRATION).await;
    let id = case_id(&first);
    let next = location(&answer(&mut browser, &first, &[("registrant", "child")]).await);
    let child = location(
        &answer(
            &mut browser,
            &next,
            &[("full_name", "Олена Коваль"), ("date_of_birth", "12.05.1990"), ("id_document", "КА123456"), ("phone", "067 123 45 67")],
        )
        .await,
    );
    assert_eq!(child, format!("/applications/{id}/page/child"));
    (browser, id, child)
}

const CHILD: [(&str, &str); 4] =
    [("_version", "1"), ("child_full_name", "Марко Коваль"), ("child_birth_date", "01.09.2020"), ("child_relation", "parent")];

async fn a_refused_page_stores_no_file_and_a_fixed_one_stores_them_once(app: &App) {
    let (mut browser, id, child) = at_the_child_page(app, "refused.page@example.org").await;
    let scans: Vec<Vec<u8>> = (0..11).map(|n| png(10 + n, 10, 64)).collect();

    // Eleven files for a field of at most two: refused, and none kept.
    let eleven: Vec<(&str, &str, &[u8])> = scans.iter().map(|s| ("child_birth_certificate", "скан.png", s.as_slice())).collect();
    let too_many = browser.post_multipart(&child, &child, &CHILD, &eleven).await;
    assert_eq!(too_many.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", too_many.body);
    assert!(too_many.body.contains("не більше 2"), "{}", too_many.body);
    assert!(app.db.store.case_files(id).await.unwrap().is_empty(), "a refused page stores no file");

    // Files fine, another field wrong: refused whole, three times over, and still nothing kept.
    let mut wrong = CHILD.to_vec();
    wrong[2] = ("child_birth_date", "31.02.2020");
    for _ in 0..3 {
        let page = browser.post_multipart(&child, &child, &wrong, &[("child_birth_certificate", "скан.png", &scans[0])]).await;
        assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", page.body);
        assert!(page.body.contains("href=\"#child_birth_date\""), "{}", page.body);
    }
    assert!(app.db.store.case_files(id).await.unwrap().is_empty(), "a page refused for another field stores no file");
    assert_eq!(contents_on_disk(app), 0, "the content of a refused page is never written");
    let case = app.db.store.case(id).await.unwrap().unwrap();
    assert!(!case.answers.contains_key("child_full_name"), "nor any answer");

    // Fixed: the two files are stored once, and the field's answer lists them.
    let two =
        [("child_birth_certificate", "лице.png", scans[1].as_slice()), ("child_birth_certificate", "зворот.png", scans[2].as_slice())];
    let next = location(&browser.post_multipart(&child, &child, &CHILD, &two).await);
    assert_eq!(next, format!("/applications/{id}/page/new_address"));
    let files = app.db.store.case_files(id).await.unwrap();
    assert_eq!(files.iter().map(|f| f.name.as_str()).collect::<Vec<_>>(), ["лице.png", "зворот.png"]);
    let ids: Vec<String> = files.iter().map(|f| f.id.to_string()).collect();
    assert_eq!(app.db.store.case(id).await.unwrap().unwrap().answers.get("child_birth_certificate"), Some(&ids));
    assert_eq!(contents_on_disk(app), 2);

    // A third file for the full field: refused, the two stay as they were.
    let third = browser.post_multipart(&child, &child, &CHILD, &[("child_birth_certificate", "ще.png", &scans[3])]).await;
    assert_eq!(third.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", third.body);
    assert_eq!(app.db.store.case_files(id).await.unwrap(), files);
    assert_eq!(contents_on_disk(app), 2);
}

async fn thousands_of_tiny_parts_are_refused_while_reading(app: &App) {
    let (mut browser, id, child) = at_the_child_page(app, "tiny.parts@example.org").await;
    let tiny = png(1, 1, 29);
    let flood: Vec<(&str, &str, &[u8])> = (0..2000).map(|_| ("child_birth_certificate", "a.png", tiny.as_slice())).collect();
    let page = browser.post_multipart(&child, &child, &CHILD, &flood).await;
    assert_eq!(page.status, StatusCode::PAYLOAD_TOO_LARGE, "{}", &page.body[..page.body.len().min(2000)]);
    assert!(page.body.contains("забагато файлів чи полів"), "{}", page.body);
    assert!(app.db.store.case_files(id).await.unwrap().is_empty());
    assert_eq!(contents_on_disk(app), 0);
}

async fn image_bombs_are_refused_with_a_message_in_both_languages(app: &App) {
    let (mut browser, id, child) = at_the_child_page(app, "image.bomb@example.org").await;
    // 100000 × 100000 declared in a few bytes: ten gigapixels for whoever opens it.
    let bomb = png(100_000, 100_000, 65 * 1024);
    let refused = browser.post_multipart(&child, &child, &CHILD, &[("child_birth_certificate", "bomb.png", &bomb)]).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", refused.body);
    assert!(refused.body.contains("Зображення «bomb.png» завелике: 100000 × 100000 px"), "{}", refused.body);
    assert!(refused.body.contains("20000 px по стороні і 50 Мп"), "{}", refused.body);
    browser.get("/?lang=en").await;
    let in_english = browser.post_multipart(&child, &child, &CHILD, &[("child_birth_certificate", "bomb.png", &bomb)]).await;
    assert_eq!(in_english.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(in_english.body.contains("The image “bomb.png” is too large: 100000 × 100000 px"), "{}", in_english.body);
    // A header that cannot be read (cut short, or a side of zero) is refused too, naming the file.
    for (name, bytes) in [("cut.png", png(10, 10, 29)[..20].to_vec()), ("zero.png", png(0, 10, 29))] {
        let page = browser.post_multipart(&child, &child, &CHILD, &[("child_birth_certificate", name, &bytes)]).await;
        assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY, "{name}");
        assert!(page.body.contains(&format!("The file “{name}” is damaged")), "{}", page.body);
    }
    assert!(app.db.store.case_files(id).await.unwrap().is_empty());
}

async fn staff_see_images_inline_only_within_bounds(app: &App) {
    let (_, id) = sent_request(app, "bomb.before@example.org").await;
    // Two images of the case's answers kept before images were measured: a sane one and a bomb.
    let sane = png(4000, 3000, 64);
    let bomb = png(100_000, 100_000, 64);
    for (n, (name, bytes)) in [("photo.png", &sane), ("bomb.png", &bomb)].into_iter().enumerate() {
        let sha = hromada_domain::upload::sha256_hex(bytes);
        app.state.files.put(&sha, bytes).await.unwrap();
        let sql = format!(
            "INSERT INTO case_files (case_id, field, name, content_type, size, sha256, uploaded_at) \
             VALUES ({id}, 'attachment_{n}', '{name}', 'image/png', {}, '{sha}', '2026-11-27T10:00:00Z')",
            bytes.len()
        );
        app.db.execute_raw(&sql).await.unwrap();
    }
    let files = app.db.store.case_files(id).await.unwrap();
    let href = |name: &str| format!("/staff/cases/{id}/files/{}", files.iter().find(|f| f.name == name).unwrap().id);
    let mut officer = staff_browser(app, "officer.images@buchanska.example.org", hromada_domain::account::Role::Officer, bucha()).await;
    let page = officer.get(&format!("/staff/cases/{id}")).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    // The sane image is shown, scaled into its box with its proportions; the bomb is a link only.
    let img =
        page.body.split(&format!("<img src=\"{}\"", href("photo.png"))).nth(1).expect("the sane image is shown").split('>').next().unwrap();
    assert!(img.contains("width=\"426\" height=\"320\""), "{img}");
    assert!(page.body.contains(&format!("<a href=\"{}\">bomb.png", href("bomb.png"))), "{}", page.body);
    assert!(!page.body.contains(&format!("<img src=\"{}\"", href("bomb.png"))), "{}", page.body);
    // Opened by its address, the bomb comes as a download, never inline.
    let opened = officer.get(&href("bomb.png")).await;
    assert_eq!(opened.status, StatusCode::OK);
    assert!(opened.headers[header::CONTENT_DISPOSITION].to_str().unwrap().starts_with("attachment"), "{:?}", opened.headers);
    let shown = officer.get(&href("photo.png")).await;
    assert!(shown.headers[header::CONTENT_DISPOSITION].to_str().unwrap().starts_with("inline"), "{:?}", shown.headers);
}

// ---- two requests at once -----------------------------------------------------------------

/// A multipart request of the child's page with `files`, as `browser` would send it.
fn child_page_request(browser: &Browser<'_>, child: &str, token: &str, files: &[(&str, &[u8])]) -> Request<Body> {
    let boundary = "----hromada-race-boundary";
    let mut body: Vec<u8> = Vec::new();
    for (k, v) in CHILD.iter().chain([("_csrf", token)].iter()) {
        body.extend_from_slice(format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n").as_bytes());
    }
    for (name, bytes) in files {
        body.extend_from_slice(
            format!("--{boundary}\r\nContent-Disposition: form-data; name=\"child_birth_certificate\"; filename=\"{name}\"\r\n\r\n")
                .as_bytes(),
        );
        body.extend_from_slice(bytes);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    Request::post(format!("{child}?_csrf={token}"))
        .header("cookie", browser.cookie_header())
        .header("content-type", format!("multipart/form-data; boundary={boundary}"))
        .header("host", "hromada.test")
        .body(Body::from(body))
        .unwrap()
}

/// Send both requests at once through the router; their statuses.
async fn at_once(app: &App, first: Request<Body>, second: Request<Body>) -> [StatusCode; 2] {
    let (a, b) = tokio::join!(router(app.state.clone()).oneshot(first), router(app.state.clone()).oneshot(second));
    [a.unwrap().status(), b.unwrap().status()]
}

async fn two_pages_at_once_cannot_both_pass_the_limits(app: &App) {
    // Two files each for a field of at most two: each fits alone, not both.
    let (mut browser, id, child) = at_the_child_page(app, "race.count@example.org").await;
    let token = browser.get(&child).await.csrf();
    let (a, b, c, d) = (png(1, 2, 64), png(2, 2, 64), png(3, 2, 64), png(4, 2, 64));
    let first = child_page_request(&browser, &child, &token, &[("a.png", &a), ("b.png", &b)]);
    let second = child_page_request(&browser, &child, &token, &[("c.png", &c), ("d.png", &d)]);
    let statuses = at_once(app, first, second).await;
    assert!(statuses.contains(&StatusCode::SEE_OTHER), "one of them passes: {statuses:?}");
    assert!(statuses.contains(&StatusCode::UNPROCESSABLE_ENTITY), "the other is refused: {statuses:?}");
    let files = app.db.store.case_files(id).await.unwrap();
    assert_eq!(files.len(), 2, "{files:?}");
    let ids: Vec<String> = files.iter().map(|f| f.id.to_string()).collect();
    assert_eq!(app.db.store.case(id).await.unwrap().unwrap().answers.get("child_birth_certificate"), Some(&ids));
    assert_eq!(contents_on_disk(app), 2, "the refused page's content does not stay");

    // The application's size: one file each, within the count, each fitting alone, not both.
    let (mut browser, id, child) = at_the_child_page(app, "race.size@example.org").await;
    let token = browser.get(&child).await.csrf();
    let (e, f) = (png(5, 2, 6000), png(6, 2, 6000));
    let first = child_page_request(&browser, &child, &token, &[("e.png", &e)]);
    let second = child_page_request(&browser, &child, &token, &[("f.png", &f)]);
    let statuses = at_once(app, first, second).await;
    assert!(statuses.contains(&StatusCode::SEE_OTHER) && statuses.contains(&StatusCode::UNPROCESSABLE_ENTITY), "{statuses:?}");
    assert_eq!(app.db.store.case_files(id).await.unwrap().len(), 1);
}

/// The race runs with an application limit of 10,000 bytes, so that two
/// files of 6,000 bytes each fit alone and not together.
async fn with_small_applications(backend: Backend) {
    let Some(mut app) = app(backend).await else { return };
    let mut settings = (*app.state.settings).clone();
    settings.uploads.application_bytes = 10_000;
    app.state.settings = Arc::new(settings);
    two_pages_at_once_cannot_both_pass_the_limits(&app).await;
    app.db.cleanup().await;
}

#[tokio::test]
async fn two_pages_at_once_cannot_both_pass_the_limits_sqlite() {
    with_small_applications(Backend::Sqlite).await;
}

#[tokio::test]
async fn two_pages_at_once_cannot_both_pass_the_limits_postgres() {
    with_small_applications(Backend::Postgres).await;
}
