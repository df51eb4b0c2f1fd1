//! A community's service centres over HTTP: every resident page in a
//! community's context says where to get help, with today's hours by the
//! server's clock in Kyiv time; each centre has a page with the week's hours in
//! a table; a service's start page says where its result is collected. Seeded
//! communities have a ЦНАП open Monday to Friday 8:00–17:00 with a break
//! 12:00–13:00 (`centre` in `tests/http.rs`).

use super::*;
use hromada_domain::clock::FixedClock;
use hromada_domain::place::Offer;

both!(
    need_help_gives_todays_hours_in_kyiv_time,
    need_help_is_on_every_resident_page_of_a_community,
    a_centre_page_has_the_weeks_hours_in_a_table_with_today_marked,
    unknown_and_other_communities_centres_are_not_found,
    a_start_page_says_where_to_collect_the_result,
    an_unpublished_communitys_centres_are_not_found,
);

/// Monday 30 November 2026, 10:00 in Kyiv (UTC+2 in winter).
const MONDAY_MORNING: time::OffsetDateTime = datetime!(2026-11-30 08:00 UTC);

/// `uri` as the app answers it when its clock says `at`.
async fn get_at(app: &App, at: time::OffsetDateTime, uri: &str) -> (StatusCode, String) {
    let mut state = app.state.clone();
    state.clock = Arc::new(FixedClock(at));
    let response = router(state).oneshot(Request::get(uri).body(Body::empty()).unwrap()).await.unwrap();
    let status = response.status();
    let bytes = axum::body::to_bytes(response.into_body(), 10 << 20).await.unwrap();
    (status, String::from_utf8_lossy(&bytes).into_owned())
}

/// The ids of a community's centres, as the store gave them.
async fn centre_ids(app: &App, community: &str) -> Vec<i64> {
    app.db.store.service_centres().await.unwrap().into_iter().filter(|c| c.community_slug == community).map(|c| c.id).collect()
}

/// The "Need help?" block of a page.
fn need_help(body: &str) -> &str {
    let from = body.find("<aside class=\"centres\"").unwrap_or_else(|| panic!("the page has no \"Need help?\": {body}"));
    let to = body[from..].find("</aside>").unwrap() + from;
    &body[from..to]
}

async fn need_help_gives_todays_hours_in_kyiv_time(app: &App) {
    let id = centre_ids(app, "buchanska").await[0];
    let (status, body) = get_at(app, MONDAY_MORNING, "/buchanska").await;
    assert_eq!(status, StatusCode::OK);
    let help = need_help(&body);
    assert!(help.contains("<h2 id=\"centres-h\">Потрібна допомога?</h2>"), "{help}");
    assert!(help.contains(&format!("<a href=\"/buchanska/centres/{id}\">ЦНАП</a>")), "the centre's name links to its page: {help}");
    assert!(help.contains("вул. Енергетиків, 12"), "its address: {help}");
    assert!(help.contains("Сьогодні 8:00–17:00, перерва 12:00–13:00, <strong>зараз відчинено</strong>"), "{help}");
    assert!(help.contains("href=\"tel:+380440000101\">+380 44 000 01 01</a>"), "the phone is a tel: link: {help}");
    assert!(help.contains("href=\"mailto:cnap@buchanska.example.org\""), "and the community's e-mail");
    assert!(!body.contains("Потрібна допомога? Зверніться"), "the footer's general advice gives way to the real centres");

    // 12:30 in Kyiv is the break; 10:30 UTC would be open, so the hours are Kyiv's.
    let (_, body) = get_at(app, datetime!(2026-11-30 10:30 UTC), "/buchanska").await;
    assert!(need_help(&body).contains("<strong>зараз перерва до 13:00</strong>"), "{}", need_help(&body));
    // 23:30 UTC on Sunday is already Monday 1:30 in Kyiv.
    let (_, body) = get_at(app, datetime!(2026-11-29 23:30 UTC), "/buchanska").await;
    assert!(need_help(&body).contains("Сьогодні 8:00–17:00, перерва 12:00–13:00, <strong>зараз зачинено, відчиниться о 8:00</strong>"));
    let (_, body) = get_at(app, datetime!(2026-11-30 15:00 UTC), "/buchanska?lang=en").await;
    assert!(need_help(&body).contains("Today 8:00–17:00, break 12:00–13:00, <strong>closed now</strong>"), "{}", need_help(&body));

    // Sunday: closed all day, and nothing more to say about now.
    let (_, body) = get_at(app, datetime!(2026-11-29 10:00 UTC), "/buchanska").await;
    let help = need_help(&body);
    assert!(help.contains("Сьогодні зачинено"), "{help}");
    assert!(!help.contains("8:00–17:00") && !help.contains("зараз"), "{help}");
    let (_, body) = get_at(app, datetime!(2026-11-29 10:00 UTC), "/buchanska?lang=en").await;
    assert!(need_help(&body).contains("Closed today"));
}

async fn need_help_is_on_every_resident_page_of_a_community(app: &App) {
    let id = centre_ids(app, "ternopilska").await[0];
    let link = format!("href=\"/ternopilska/centres/{id}\"");
    let service = "/ternopilska/zapyt-na-publichnu-informatsiiu";
    for uri in ["/ternopilska".to_string(), service.to_string(), format!("{service}/apply")] {
        let (status, _, body) = app.get(&uri).await;
        assert_eq!(status, StatusCode::OK, "{uri}");
        assert!(need_help(&body).contains(&link), "{uri}: its own community's centre");
    }
    // Through the journey without an account: question pages, check your answers, the confirmation and status.
    let mut browser = Browser::new(app);
    let first = start(&mut browser, service).await;
    let page = browser.get(&first).await;
    assert!(need_help(&page.body).contains(&link), "{first}");
    let id = case_id(&first);
    let deleting = browser.get(&format!("/applications/{id}/delete")).await;
    assert!(need_help(&deleting.body).contains(&link), "deleting a draft");
    // Pages about no one community keep the footer's general advice.
    for uri in ["/", "/help", "/glossary"] {
        let (_, _, body) = app.get(uri).await;
        assert!(!body.contains("<aside class=\"centres\""), "{uri}");
        assert!(body.contains("Потрібна допомога? Зверніться"), "{uri}");
    }
}

async fn a_centre_page_has_the_weeks_hours_in_a_table_with_today_marked(app: &App) {
    let id = centre_ids(app, "buchanska").await[0];
    let uri = format!("/buchanska/centres/{id}");
    let (status, body) = get_at(app, MONDAY_MORNING, &uri).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert!(body.contains("<h1>ЦНАП</h1>"));
    assert!(body.contains("Центр надання адміністративних послуг (ЦНАП)"), "its kind");
    assert!(body.contains("<title>ЦНАП — Бучанська громада — "), "{body}");
    assert!(body.contains("вул. Енергетиків, 12"));
    assert!(body.contains("href=\"tel:+380440000101\""));
    assert!(body.contains("href=\"mailto:cnap@buchanska.example.org\""), "the community's e-mail");
    assert!(body.contains("<h2>Доступність</h2>\n<p>Вхід без сходинок.</p>"), "the accessibility note");
    assert!(body.contains("<caption id=\"hours-caption\">Години роботи</caption>"), "a real table with a caption");
    for header in ["День", "Початок роботи", "Кінець роботи", "Перерва"] {
        assert!(body.contains(&format!("<th scope=\"col\">{header}</th>")), "column header {header}");
    }
    assert!(
        body.contains(
            "<tr class=\"today\"><th scope=\"row\">Понеділок (сьогодні)</th><td>8:00</td><td>17:00</td><td>12:00–13:00</td></tr>"
        ),
        "today's row says so in words: {body}"
    );
    assert_eq!(body.matches("(сьогодні)").count(), 1, "one day is today");
    assert!(body.contains("<th scope=\"row\">Вівторок</th><td>8:00</td>"));
    assert!(body.contains("<th scope=\"row\">Субота</th><td colspan=\"3\">Зачинено</td>"), "a closed day says so");
    assert!(body.contains("<th scope=\"row\">Неділя</th><td colspan=\"3\">Зачинено</td>"));

    // On Sunday in Kyiv (Saturday 22:30 UTC), Sunday's row is today's.
    let (_, body) = get_at(app, datetime!(2026-11-28 22:30 UTC), &format!("{uri}?lang=en")).await;
    assert!(body.contains("<tr class=\"today\"><th scope=\"row\">Sunday (today)</th><td colspan=\"3\">Closed</td></tr>"), "{body}");
    for header in ["Day", "Opens", "Closes", "Break"] {
        assert!(body.contains(&format!("<th scope=\"col\">{header}</th>")), "column header {header}");
    }
    assert!(body.contains("<th scope=\"row\">Monday</th><td>8:00</td><td>17:00</td><td>12:00–13:00</td>"));
}

async fn unknown_and_other_communities_centres_are_not_found(app: &App) {
    let ternopil = centre_ids(app, "ternopilska").await[0];
    let bucha = centre_ids(app, "buchanska").await[0];
    assert_eq!(app.get(&format!("/ternopilska/centres/{ternopil}")).await.0, StatusCode::OK);
    for uri in [
        format!("/buchanska/centres/{ternopil}"),
        format!("/nowhere/centres/{bucha}"),
        "/buchanska/centres/999999".to_string(),
        "/buchanska/centres/abc".to_string(),
        format!("/buchanska/centres/+{bucha}"),
        format!("/buchanska/centres/{bucha}.0"),
    ] {
        let (status, _, body) = app.get(&uri).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{uri}");
        assert!(body.contains("Сторінку не знайдено"), "{uri}: the 404 page in the reader's language: {body}");
    }
}

async fn a_start_page_says_where_to_collect_the_result(app: &App) {
    let service = "zhytlova-subsydiia";
    let uri = format!("/buchanska/{service}");
    let (_, _, before) = app.get(&uri).await;
    assert!(!before.contains("Де отримати результат"), "nothing is said when the community has not");
    assert!(!before.contains("Від громади"));

    let day = DayHours::new(9 * 60, 13 * 60, None).unwrap();
    let village = ServiceCentre {
        id: 0,
        community_slug: "buchanska".into(),
        kind: CentreKind::Remote,
        name: Text::new("Віддалене робоче місце в Гаврилівці", "Remote workplace in Havrylivka"),
        address: Text::new("с. Гаврилівка, вул. Шкільна, 3", "3 Shkilna St, Havrylivka"),
        phone: "+380 44 000 02 02".into(),
        hours: WeekHours([None, Some(day), None, Some(day), None, None, None]),
        accessibility: Text::default(),
    };
    let village_id = app.db.store.put_service_centre(&village).await.unwrap();
    app.db
        .store
        .put_offer(&Offer {
            collect_at: Some(village_id),
            department: Text::new("Управління соціального захисту", "Social protection department"),
            note: Text::new("Довідку про доходи можна взяти в нас.", "You can get the income certificate from us."),
            ..Offer::plain("buchanska", service)
        })
        .await
        .unwrap();
    assert!(app.state.refresh_catalogue_if_changed().await.unwrap(), "the change reaches the catalogue");

    let (_, body) = get_at(app, MONDAY_MORNING, &uri).await;
    let href = format!("/buchanska/centres/{village_id}");
    assert!(
        body.contains(&format!(
            "<h2>Де отримати результат</h2>\n<p><a href=\"{href}\">Віддалене робоче місце в Гаврилівці</a>, с. Гаврилівка, вул. Шкільна, 3</p>"
        )),
        "{body}"
    );
    assert!(body.contains("Відповідальний підрозділ: Управління соціального захисту"));
    assert!(body.contains("<p>Довідку про доходи можна взяти в нас.</p>"));
    let (_, body) = get_at(app, MONDAY_MORNING, &format!("{uri}?lang=en")).await;
    assert!(body.contains("<h2>Where to collect the result</h2>"));
    assert!(body.contains("Responsible department: Social protection department"));

    // "Need help?" lists the remote workplace behind a disclosure, closed on Mondays.
    let (_, body) = get_at(app, MONDAY_MORNING, "/buchanska").await;
    let help = need_help(&body);
    assert!(help.contains("<details><summary>1 віддалене робоче місце</summary>"), "{help}");
    assert!(
        help.contains(&format!(
            "<a href=\"{href}\">Віддалене робоче місце в Гаврилівці</a><br>с. Гаврилівка, вул. Шкільна, 3<br>Сьогодні зачинено<br>"
        )),
        "{help}"
    );
    assert!(help.find("ЦНАП</a>").unwrap() < help.find("<details>").unwrap(), "the ЦНАП first, in full");

    // The workplace's page lists what is collected there; the ЦНАП's does not.
    let (status, body) = get_at(app, MONDAY_MORNING, &href).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("Віддалене робоче місце ЦНАП"), "its kind");
    assert!(
        body.contains(&format!("<h2>Тут видають результат послуг</h2>\n<ul class=\"plain\">\n<li><a href=\"/buchanska/{service}\">")),
        "{body}"
    );
    assert!(body.contains("<th scope=\"row\">Вівторок</th><td>9:00</td><td>13:00</td><td>Без перерви</td>"), "{body}");
    assert!(!body.contains("<h2>Доступність</h2>"), "no accessibility note was given");
    let main = centre_ids(app, "buchanska").await[0];
    let (_, body) = get_at(app, MONDAY_MORNING, &format!("/buchanska/centres/{main}")).await;
    assert!(!body.contains("Тут видають результат послуг"));

    // Deleting the workplace leaves the service without a place to collect, and its page gone.
    assert!(app.db.store.delete_service_centre("buchanska", village_id).await.unwrap());
    assert!(app.state.refresh_catalogue_if_changed().await.unwrap());
    let (_, _, body) = app.get(&uri).await;
    assert!(!body.contains("Де отримати результат"), "{body}");
    assert!(body.contains("Відповідальний підрозділ"), "the rest of the offer's details stay");
    assert_eq!(app.get(&href).await.0, StatusCode::NOT_FOUND);
}

async fn an_unpublished_communitys_centres_are_not_found(app: &App) {
    let id = centre_ids(app, "irpinska").await[0];
    let uri = format!("/irpinska/centres/{id}");
    assert_eq!(app.get(&uri).await.0, StatusCode::OK);
    assert!(app.db.store.set_community_published("irpinska", false).await.unwrap());
    assert!(app.state.refresh_catalogue_if_changed().await.unwrap());
    let (status, _, body) = app.get(&uri).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "{body}");
    assert_eq!(app.get("/irpinska").await.0, StatusCode::NOT_FOUND);
}
