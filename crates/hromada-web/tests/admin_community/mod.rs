//! A community administrator's pages over HTTP (`/admin/communities/…`), on
//! both databases: who may open them (the community's admins and its
//! region's; everyone else the 404 of a page that does not exist), the
//! profile, the service centres with their hours and the offer with its
//! local details, each change written to the audit trail and seen on the
//! public catalogue at once, and bad input for every field refused with a
//! message on the field while nothing is stored.

use super::*;
use hromada_domain::account::{Role, Scope};
use hromada_domain::place::Offer;

both!(
    each_page_answers_by_role,
    the_profile_is_changed_audited_and_shown,
    a_bad_profile_changes_nothing,
    the_reference_code_is_fixed_once_a_case_uses_it,
    centres_are_added_changed_and_deleted,
    bad_hours_and_a_second_tsnap_change_nothing,
    a_service_is_enabled_withdrawn_and_given_local_details,
    bad_local_details_change_nothing,
    a_fee_left_to_the_community_is_shown_to_residents,
);

const PROFILE: &str = "/admin/communities/buchanska";
const CENTRES: &str = "/admin/communities/buchanska/centres";
const SERVICES: &str = "/admin/communities/buchanska/services";
const INFORMATION: &str = "zapyt-na-publichnu-informatsiiu";
/// Bucha's and Irpin's real КАТОТТГ codes (category H), and Kyiv oblast's Bucha raion (category P).
const BUCHA_KATOTTG: &str = "UA32080070000050759";
const IRPIN_KATOTTG: &str = "UA32080150000035443";
const BUCHA_RAION: &str = "UA32080000000084076";

fn ternopil() -> Scope {
    Scope::Community("ternopilska".into())
}

fn kyiv_region() -> Scope {
    Scope::Region("kyivska".into())
}

async fn admin(app: &App) -> Browser<'_> {
    staff_browser(app, "admin@buchanska.example.org", Role::CommunityAdmin, bucha()).await
}

async fn stored_community(app: &App, slug: &str) -> Community {
    app.db.store.communities().await.unwrap().into_iter().find(|c| c.slug == slug).unwrap()
}

async fn centres_of(app: &App, slug: &str) -> Vec<ServiceCentre> {
    app.db.store.service_centres().await.unwrap().into_iter().filter(|c| c.community_slug == slug).collect()
}

async fn offer_of(app: &App, slug: &str, service: &str) -> Option<Offer> {
    app.db.store.offers().await.unwrap().into_iter().find(|o| o.community_slug == slug && o.service_slug == service)
}

/// The details of the audit rows of `action`, newest last: (subject, details).
async fn audit_rows(app: &App, action: &str) -> Vec<(String, std::collections::BTreeMap<String, String>)> {
    let rows = app.db.store.audit_rows(0, 10_000).await.unwrap();
    rows.into_iter()
        .filter(|r| r.event.action == action)
        .map(|r| (r.event.subject.clone().unwrap_or_default(), r.event.details.clone().into_iter().collect()))
        .collect()
}

/// The profile form of Bucha as its seed has it, with `changes`.
fn profile_fields<'a>(changes: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
    let mut fields = vec![
        ("name_uk", "Бучанська громада"),
        ("name_en", "Bucha community"),
        ("katottg", ""),
        ("code", "BUC"),
        ("email", "cnap@buchanska.example.org"),
        ("phone", "+380 44 000 01 01"),
        ("website", ""),
    ];
    for (k, v) in changes {
        fields.iter_mut().find(|(f, _)| f == k).expect("a field of the profile").1 = v;
    }
    fields
}

/// A centre's form: a remote workplace open on weekdays 8:00–17:00 with a
/// lunch break, Saturdays 9:00–13:00, closed on Sundays; then `changes`.
fn centre_fields<'a>(changes: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
    let mut fields: Vec<(&str, &str)> = vec![
        ("kind", "remote"),
        ("name_uk", "Віддалене робоче місце ЦНАП у с. Блиставиця"),
        ("name_en", "Remote workplace in Blystavytsia"),
        ("address_uk", "с. Блиставиця, вул. Центральна, 1"),
        ("address_en", "1 Tsentralna St, Blystavytsia"),
        ("phone", "0 44 555 12 34"),
        ("access_uk", "Вхід без сходинок."),
        ("access_en", "Step-free entrance."),
    ];
    for (i, name) in WEEKDAY_TIMES.iter().enumerate() {
        fields.push((name, ["8:00", "17:00", "12.00", "13:00"][i % 4]));
    }
    fields.extend([("d5-opens", "09.00"), ("d5-closes", "13:00"), ("d6-closed", "yes")]);
    for (k, v) in changes {
        match fields.iter_mut().find(|(f, _)| f == k) {
            Some(found) => found.1 = v,
            None => fields.push((k, v)),
        }
    }
    // An empty value is a field not sent (a box not ticked).
    fields.retain(|(_, v)| !v.is_empty());
    fields
}

/// The time fields of Monday to Friday: opens, closes, break from, break to.
const WEEKDAY_TIMES: [&str; 20] = [
    "d0-opens",
    "d0-closes",
    "d0-break-from",
    "d0-break-to",
    "d1-opens",
    "d1-closes",
    "d1-break-from",
    "d1-break-to",
    "d2-opens",
    "d2-closes",
    "d2-break-from",
    "d2-break-to",
    "d3-opens",
    "d3-closes",
    "d3-break-from",
    "d3-break-to",
    "d4-opens",
    "d4-closes",
    "d4-break-from",
    "d4-break-to",
];

/// A form's fields changed from a good one, the field in error, and (part of) its message.
type BadInput<'a> = (Vec<(&'a str, &'a str)>, &'a str, &'a str);

/// Whether `body` shows `message` as the error of field `id` (the field's
/// message and the summary's link to it).
fn field_error(body: &str, id: &str, message: &str) -> bool {
    body.contains(&format!("href=\"#{id}\"")) && body.contains(message)
}

async fn each_page_answers_by_role(app: &App) {
    let centre = centres_of(app, "buchanska").await[0].id;
    let pages = [
        PROFILE.to_string(),
        CENTRES.to_string(),
        format!("{CENTRES}/new"),
        format!("{CENTRES}/{centre}"),
        format!("{CENTRES}/{centre}/delete"),
        SERVICES.to_string(),
        format!("{SERVICES}/{INFORMATION}"),
    ];
    let mut own = admin(app).await;
    let mut regional = staff_browser(app, "admin@kyivska.example.org", Role::RegionalAdmin, kyiv_region()).await;
    let mut other = staff_browser(app, "admin@ternopilska.example.org", Role::CommunityAdmin, ternopil()).await;
    let mut far = staff_browser(app, "admin@ternopil-oblast.example.org", Role::RegionalAdmin, Scope::Region("ternopilska".into())).await;
    let mut officer = staff_browser(app, "officer@buchanska.example.org", Role::Officer, bucha()).await;
    let mut supervisor = staff_browser(app, "supervisor@buchanska.example.org", Role::Supervisor, bucha()).await;
    let mut person = resident(app, "resident.admin@example.org").await;
    let mut anonymous = Browser::new(app);
    for page in &pages {
        assert_eq!(own.get(page).await.status, StatusCode::OK, "the community's admin: {page}");
        assert_eq!(regional.get(page).await.status, StatusCode::OK, "its region's admin: {page}");
        for (who, browser) in
            [("another community's admin", &mut other), ("another region's admin", &mut far), ("an officer", &mut officer)]
        {
            assert_eq!(browser.get(page).await.status, StatusCode::NOT_FOUND, "{who}: {page}");
        }
        assert_eq!(supervisor.get(page).await.status, StatusCode::NOT_FOUND, "a supervisor: {page}");
        assert_eq!(person.get(page).await.status, StatusCode::NOT_FOUND, "a resident: {page}");
        let signed_out = anonymous.get(page).await;
        assert_eq!(signed_out.status, StatusCode::SEE_OTHER, "{page}");
        assert!(location(&signed_out).starts_with("/account/sign-in?next="), "{page}");
    }
    // Each lists what they run; no one else has the list.
    let list = own.get("/admin/communities").await;
    assert_eq!(list.status, StatusCode::OK);
    assert!(list.body.contains("href=\"/admin/communities/buchanska\"") && !list.body.contains("/admin/communities/irpinska"));
    let list = regional.get("/admin/communities").await;
    assert!(list.body.contains("/admin/communities/buchanska") && list.body.contains("/admin/communities/irpinska"));
    assert!(!list.body.contains("/admin/communities/ternopilska"));
    assert_eq!(other.get("/admin/communities/ternopilska").await.status, StatusCode::OK, "their own community");
    assert_eq!(officer.get("/admin/communities").await.status, StatusCode::NOT_FOUND);
    assert_eq!(person.get("/admin/communities").await.status, StatusCode::NOT_FOUND);
    assert_eq!(own.get("/admin/communities/no-such-place").await.status, StatusCode::NOT_FOUND);
    assert_eq!(own.get(&format!("{CENTRES}/999999")).await.status, StatusCode::NOT_FOUND);
    assert_eq!(own.get(&format!("{CENTRES}/abc")).await.status, StatusCode::NOT_FOUND);
    assert_eq!(own.get(&format!("{SERVICES}/no-such-service")).await.status, StatusCode::NOT_FOUND);
    // A centre of another community is not reached through this one.
    let ternopil_centre = centres_of(app, "ternopilska").await[0].id;
    assert_eq!(own.get(&format!("{CENTRES}/{ternopil_centre}")).await.status, StatusCode::NOT_FOUND);

    // The staff pages lead the admins there, and nobody else.
    assert!(own.get("/account").await.body.contains("href=\"/admin/communities\""));
    assert!(own.get("/staff").await.body.contains("href=\"/admin/communities\""));
    assert!(!officer.get("/account").await.body.contains("href=\"/admin/communities\""));
    assert!(!officer.get("/staff").await.body.contains("href=\"/admin/communities\""));

    // Changes are refused the same way, with a valid token, and change nothing.
    let before = stored_community(app, "buchanska").await;
    for (who, browser) in [("another community's admin", &mut other), ("an officer", &mut officer), ("a resident", &mut person)] {
        let token = browser.get("/account").await.csrf();
        let body = format!("_csrf={token}&name_uk=X&code=XXX&email=x%40example.org&phone=0441234567");
        assert_eq!(browser.post_raw(PROFILE, body, &[]).await.status, StatusCode::NOT_FOUND, "{who}");
        let withdraw = format!("{SERVICES}/{INFORMATION}/withdraw");
        assert_eq!(browser.post_raw(&withdraw, format!("_csrf={token}"), &[]).await.status, StatusCode::NOT_FOUND, "{who}");
        let delete = format!("{CENTRES}/{centre}/delete");
        assert_eq!(browser.post_raw(&delete, format!("_csrf={token}"), &[]).await.status, StatusCode::NOT_FOUND, "{who}");
    }
    assert_eq!(stored_community(app, "buchanska").await, before);
    assert!(offer_of(app, "buchanska", INFORMATION).await.is_some());
    assert_eq!(centres_of(app, "buchanska").await.len(), 1);

    // An unpublished community: its admins set it up; residents find nothing, not even its admin pages.
    let irpin = stored_community(app, "irpinska").await;
    assert!(app.db.store.set_community_published(&irpin.slug, false).await.unwrap());
    app.state.refresh_catalogue_if_changed().await.unwrap();
    assert_eq!(regional.get("/admin/communities/irpinska").await.status, StatusCode::OK);
    assert!(regional.get("/admin/communities/irpinska").await.body.contains("ще не опубліковано"));
    assert_eq!(person.get("/admin/communities/irpinska").await.status, StatusCode::NOT_FOUND);
    assert_eq!(person.get("/irpinska").await.status, StatusCode::NOT_FOUND);
}

async fn the_profile_is_changed_audited_and_shown(app: &App) {
    let mut browser = admin(app).await;
    let form = browser.get(PROFILE).await;
    assert!(form.body.contains("value=\"Бучанська громада\"") && form.body.contains("value=\"BUC\""), "the stored profile");
    let fields = profile_fields(&[
        ("name_uk", "Бучанська міська територіальна громада"),
        ("name_en", "Bucha City Territorial Community"),
        ("katottg", " ua3208007000005 0759 "),
        ("code", "bch"),
        ("email", "CNAP@Bucha-Rada.gov.ua"),
        ("phone", "(044) 123-45-67"),
        ("website", "https://bucha-rada.gov.ua"),
    ]);
    let saved = browser.submit(PROFILE, PROFILE, &fields).await;
    assert_eq!(location(&saved), format!("{PROFILE}?saved=1"));
    assert!(browser.get(&location(&saved)).await.body.contains("Профіль збережено"));
    let stored = stored_community(app, "buchanska").await;
    assert_eq!(stored.name, Text::new("Бучанська міська територіальна громада", "Bucha City Territorial Community"));
    assert_eq!(stored.katottg.as_deref(), Some(BUCHA_KATOTTG), "spaces dropped, capitals");
    assert_eq!(stored.code, "BCH", "written in capitals");
    assert_eq!(stored.phone, "+380 44 123 45 67", "kept formatted");
    assert_eq!(stored.website, "https://bucha-rada.gov.ua");
    assert!(stored.published, "publication is not the community admin's");
    let rows = audit_rows(app, "community.profile").await;
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].0, "community:buchanska");
    assert_eq!(rows[0].1.get("fields").map(String::as_str), Some("name,katottg,code,email,phone,website"));
    // The public catalogue shows the new name now.
    let (_, _, home) = app.get("/").await;
    assert!(home.contains("Бучанська міська територіальна громада"), "the catalogue was read again");

    // The same form again changes nothing and writes no row.
    let again = profile_fields(&[
        ("name_uk", "Бучанська міська територіальна громада"),
        ("name_en", "Bucha City Territorial Community"),
        ("katottg", BUCHA_KATOTTG),
        ("code", "BCH"),
        ("email", &stored.email),
        ("phone", "+380 44 123 45 67"),
        ("website", "https://bucha-rada.gov.ua"),
    ]);
    let saved = browser.submit(PROFILE, PROFILE, &again).await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER);
    assert_eq!(audit_rows(app, "community.profile").await.len(), 1, "nothing changed, nothing audited");

    // English readers get the form and its messages in English.
    let english = browser.get(&format!("{PROFILE}?lang=en")).await;
    assert!(english.body.contains("Official name in Ukrainian"));
}

async fn a_bad_profile_changes_nothing(app: &App) {
    let irpin = stored_community(app, "irpinska").await;
    app.db.store.put_community(&Community { katottg: Some(IRPIN_KATOTTG.into()), ..irpin }).await.unwrap();
    // Bucha's oblast and Bucha itself have their codes: the import finds Bucha by its code.
    let kyiv = app.db.store.regions().await.unwrap().into_iter().find(|r| r.slug == "kyivska").unwrap();
    app.db.store.put_region(&Region { katottg: Some("UA32000000000030281".into()), ..kyiv }).await.unwrap();
    let bucha = stored_community(app, "buchanska").await;
    app.db.store.put_community(&Community { katottg: Some(BUCHA_KATOTTG.into()), ..bucha }).await.unwrap();
    app.state.refresh_catalogue_if_changed().await.unwrap();
    let before = stored_community(app, "buchanska").await;
    let mut browser = admin(app).await;
    let long = "б".repeat(201);
    // (the fields changed, the field in error, the message it shows)
    let cases: Vec<BadInput> = vec![
        (vec![("name_uk", "  ")], "name_uk", "Введіть офіційну назву громади українською"),
        (vec![("name_uk", &long)], "name_uk", "скоротіть текст до 200 символів"),
        (vec![("name_en", "Bucha\u{0}")], "name_en", "приберіть недруковані або нестандартні символи"),
        (vec![("katottg", "UA3208007000005075")], "katottg", "Код КАТОТТГ пишеться як UA і 17 цифр"),
        (vec![("katottg", BUCHA_RAION)], "katottg", "Це код не громади"),
        (vec![("katottg", IRPIN_KATOTTG)], "katottg", "Код UA32080150000035443 уже має Ірпінська громада"),
        // Ternopil community's real code: another oblast's, so the import would move Bucha there.
        (vec![("katottg", "UA61040490000035010")], "katottg", "Цей код не з області громади"),
        (vec![("katottg", "")], "katottg", "його можна виправити, але не стерти"),
        (vec![("code", "BU")], "code", "Введіть три латинські літери, наприклад BUC"),
        (vec![("code", "БУЧ")], "code", "Введіть три латинські літери, наприклад BUC"),
        (vec![("code", "TER")], "code", "Код TER уже використовує Тернопільська громада"),
        (vec![("email", "")], "email", "Введіть адресу електронної пошти громади"),
        (vec![("email", "cnap@bucha")], "email", "у форматі name@example.com"),
        (vec![("phone", "")], "phone", "Введіть номер телефону громади"),
        (vec![("phone", "+48 22 123 45 67")], "phone", "Введіть український номер телефону"),
        (vec![("website", "http://bucha-rada.gov.ua")], "website", "починається з https://"),
        (vec![("website", "https://bucha rada")], "website", "починається з https://"),
    ];
    for (changes, id, message) in cases {
        let refused = browser.submit(PROFILE, PROFILE, &profile_fields(&changes)).await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY, "{changes:?}");
        assert!(field_error(&refused.body, id, message), "{changes:?}: expected “{message}” on {id}: {}", refused.body);
        assert!(refused.body.contains("aria-invalid=\"true\""), "{changes:?}");
        assert!(refused.body.contains("<title>Помилка: "), "{changes:?}");
    }
    // Everything wrong at once: every field says so, and what was typed stays.
    let all = profile_fields(&[("name_uk", ""), ("katottg", "UA1"), ("code", "1"), ("email", "x"), ("phone", "x"), ("website", "ftp://x")]);
    let refused = browser.submit(PROFILE, PROFILE, &all).await;
    for id in ["name_uk", "katottg", "code", "email", "phone", "website"] {
        assert!(refused.body.contains(&format!("href=\"#{id}\"")), "the summary links to {id}");
    }
    assert!(refused.body.contains("value=\"ftp://x\"") && refused.body.contains("value=\"UA1\""), "typed values are shown again");
    // In English, in English.
    let english = browser.submit(PROFILE, &format!("{PROFILE}?lang=en"), &profile_fields(&[("code", "BU")])).await;
    assert!(english.body.contains("Enter three Latin letters, for example BUC"), "{}", english.body);
    browser.get(&format!("{PROFILE}?lang=uk")).await;

    assert_eq!(stored_community(app, "buchanska").await, before, "nothing was stored");
    assert!(audit_rows(app, "community.profile").await.is_empty());
}

async fn the_reference_code_is_fixed_once_a_case_uses_it(app: &App) {
    let mut browser = admin(app).await;
    // While no case uses it, the code can change (and back).
    let changed = browser.submit(PROFILE, PROFILE, &profile_fields(&[("code", "BCH")])).await;
    assert_eq!(changed.status, StatusCode::SEE_OTHER);
    let back = browser.submit(PROFILE, PROFILE, &profile_fields(&[("code", "BUC")])).await;
    assert_eq!(back.status, StatusCode::SEE_OTHER);
    assert!(!browser.get(PROFILE).await.body.contains(" readonly"));

    // A resident starts an application: the code is fixed.
    let mut applicant = Browser::new(app);
    start(&mut applicant, &format!("/buchanska/{INFORMATION}")).await;
    let form = browser.get(PROFILE).await;
    assert!(form.body.contains("value=\"BUC\" class=\"w10\" readonly"), "the field is read-only: {}", form.body);
    assert!(form.body.contains("Код BUC не можна змінити: за ним уже є заяви"), "and says why");
    let refused = browser.submit(PROFILE, PROFILE, &profile_fields(&[("code", "BCH"), ("website", "https://bucha-rada.gov.ua")])).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(field_error(&refused.body, "code", "Код не можна змінити, бо за ним уже є заяви: залиште BUC"), "{}", refused.body);
    let stored = stored_community(app, "buchanska").await;
    assert_eq!((stored.code.as_str(), stored.website.as_str()), ("BUC", ""), "nothing of the form was stored");
    // The rest of the profile still changes.
    let saved = browser.submit(PROFILE, PROFILE, &profile_fields(&[("website", "https://bucha-rada.gov.ua")])).await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER);
    assert_eq!(stored_community(app, "buchanska").await.website, "https://bucha-rada.gov.ua");
}

async fn centres_are_added_changed_and_deleted(app: &App) {
    let mut browser = admin(app).await;
    let new = format!("{CENTRES}/new");
    let form = browser.get(&new).await;
    assert!(form.body.contains("<legend>Понеділок</legend>") && form.body.contains("<legend>Неділя</legend>"), "a row per weekday");
    let added = browser.submit(&new, &new, &centre_fields(&[])).await;
    assert_eq!(location(&added), format!("{CENTRES}?done=added"));
    let centres = centres_of(app, "buchanska").await;
    assert_eq!(centres.len(), 2);
    let remote = centres.iter().find(|c| c.kind == CentreKind::Remote).expect("the remote workplace").clone();
    assert_eq!(remote.name, Text::new("Віддалене робоче місце ЦНАП у с. Блиставиця", "Remote workplace in Blystavytsia"));
    assert_eq!(remote.phone, "+380 44 555 12 34", "kept formatted");
    let weekday = DayHours::new(480, 1020, Some((720, 780))).unwrap();
    let saturday = DayHours::new(540, 780, None).unwrap();
    assert_eq!(remote.hours, WeekHours([Some(weekday), Some(weekday), Some(weekday), Some(weekday), Some(weekday), Some(saturday), None]));
    assert_eq!(remote.accessibility, Text::new("Вхід без сходинок.", "Step-free entrance."));
    let rows = audit_rows(app, "centre.add").await;
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].0, format!("centre:{}", remote.id));
    assert_eq!(rows[0].1.get("kind").map(String::as_str), Some("remote"));

    // The list shows it with its hours.
    let list = browser.get(&location(&added)).await;
    assert!(list.body.contains("Службовий центр додано"));
    assert!(list.body.contains("8:00–17:00, перерва 12:00–13:00") && list.body.contains("9:00–13:00"), "{}", list.body);

    // Changed: the form shows what is stored; only what changed is named.
    let edit = format!("{CENTRES}/{}", remote.id);
    let form = browser.get(&edit).await;
    assert!(
        form.body.contains("value=\"12:00\"")
            && form.body.contains("id=\"d6-closed\" name=\"d6-closed\" type=\"checkbox\" value=\"yes\" checked")
    );
    let changed = browser
        .submit(
            &edit,
            &edit,
            &centre_fields(&[
                ("name_uk", "Віддалене робоче місце, с. Блиставиця"),
                ("d5-opens", ""),
                ("d5-closes", ""),
                ("d5-closed", "yes"),
            ]),
        )
        .await;
    assert_eq!(location(&changed), format!("{CENTRES}?done=changed"));
    let stored = centres_of(app, "buchanska").await.into_iter().find(|c| c.id == remote.id).unwrap();
    assert_eq!(stored.name.uk, "Віддалене робоче місце, с. Блиставиця");
    assert_eq!(stored.hours.0[5], None, "closed on Saturdays now");
    let rows = audit_rows(app, "centre.change").await;
    assert_eq!(rows.last().map(|r| r.1.get("fields").cloned()), Some(Some("name,hours".to_string())));
    assert_eq!(app.state.catalogue.get().centres_of("buchanska").len(), 2, "read into the catalogue at once");

    // A result collected there no longer says where once it is deleted; the confirmation says so.
    let details = format!("{SERVICES}/{INFORMATION}");
    let id = remote.id.to_string();
    let saved = browser.submit(&details, &details, &[("collect_at", &id)]).await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER);
    let delete = format!("{CENTRES}/{}/delete", remote.id);
    let confirm = browser.get(&delete).await;
    assert_eq!(confirm.status, StatusCode::OK);
    assert!(confirm.body.contains("Видалити «Віддалене робоче місце, с. Блиставиця»?"));
    assert!(confirm.body.contains("Для 1 послуги тут отримують результат"), "{}", confirm.body);
    let deleted = browser.submit(&delete, &delete, &[]).await;
    assert_eq!(location(&deleted), format!("{CENTRES}?done=deleted"));
    assert_eq!(centres_of(app, "buchanska").await.len(), 1);
    assert_eq!(offer_of(app, "buchanska", INFORMATION).await.and_then(|o| o.collect_at), None);
    let rows = audit_rows(app, "centre.delete").await;
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].0, format!("centre:{}", remote.id));
    assert_eq!(browser.get(&edit).await.status, StatusCode::NOT_FOUND, "gone");
}

async fn bad_hours_and_a_second_tsnap_change_nothing(app: &App) {
    let mut browser = admin(app).await;
    let new = format!("{CENTRES}/new");
    let before = centres_of(app, "buchanska").await;
    // (changes, the field in error, the message)
    let cases: Vec<BadInput> = vec![
        (vec![("d1-opens", "17:00"), ("d1-closes", "8:00")], "d1-closes", "Вівторок: центр має зачинятися пізніше, ніж відчиняється"),
        (
            vec![("d2-break-from", "7:00"), ("d2-break-to", "8:30")],
            "d2-break-from",
            "Середа: перерва має бути всередині годин роботи (8:00–17:00)",
        ),
        (
            vec![("d3-break-from", "13:00"), ("d3-break-to", "12:00")],
            "d3-break-to",
            "Четвер: перерва має закінчуватися пізніше, ніж починається",
        ),
        (vec![("d0-break-to", "")], "d0-break-to", "Понеділок: вкажіть і початок, і кінець перерви"),
        (vec![("d4-closes", "5pm")], "d4-closes", "П’ятниця: «Зачиняється» — не вдалося прочитати «5pm»"),
        (vec![("d4-opens", "25:00")], "d4-opens", "не вдалося прочитати «25:00»"),
        (vec![("d5-closes", "")], "d5-closes", "Субота: заповніть поле «Зачиняється»"),
        (
            vec![("d6-closed", ""), ("d6-opens", ""), ("d6-closes", "")],
            "d6-opens",
            "Неділя: вкажіть, коли центр відчиняється й зачиняється, або позначте «Зачинено»",
        ),
        (vec![("d0-closed", "yes")], "d0-closed", "Понеділок: позначено «Зачинено», але вказано час"),
        (vec![("kind", "")], "kind", "Оберіть, ЦНАП це чи віддалене робоче місце"),
        (vec![("kind", "main")], "kind", "У громади вже є ЦНАП — «ЦНАП»"),
        (vec![("name_uk", "")], "name_uk", "Введіть назву центру українською"),
        (vec![("address_uk", "")], "address_uk", "Введіть адресу центру українською"),
        (vec![("phone", "")], "phone", "Введіть номер телефону центру"),
        (vec![("phone", "12345")], "phone", "Введіть український номер телефону"),
    ];
    for (changes, id, message) in cases {
        let refused = browser.submit(&new, &new, &centre_fields(&changes)).await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY, "{changes:?}");
        assert!(field_error(&refused.body, id, message), "{changes:?}: expected “{message}” on {id}: {}", refused.body);
        if !changes.iter().any(|(k, _)| *k == "name_uk") {
            assert!(refused.body.contains("value=\"Віддалене робоче місце ЦНАП у с. Блиставиця\""), "what was typed stays");
        }
    }
    // In English, the day is named in English.
    let english = browser.submit(&new, &format!("{new}?lang=en"), &centre_fields(&[("d1-opens", "17:00"), ("d1-closes", "8:00")])).await;
    assert!(english.body.contains("Tuesday: the centre must close later than it opens"), "{}", english.body);
    browser.get(&format!("{new}?lang=uk")).await;
    assert_eq!(centres_of(app, "buchanska").await, before, "nothing was stored");

    // The remote workplace cannot become a second ЦНАП either; the ЦНАП stays one.
    let added = browser.submit(&new, &new, &centre_fields(&[])).await;
    assert_eq!(added.status, StatusCode::SEE_OTHER);
    let remote = centres_of(app, "buchanska").await.into_iter().find(|c| c.kind == CentreKind::Remote).unwrap();
    let edit = format!("{CENTRES}/{}", remote.id);
    let refused = browser.submit(&edit, &edit, &centre_fields(&[("kind", "main")])).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(field_error(&refused.body, "kind", "У громади вже є ЦНАП"), "{}", refused.body);
    let main = before[0].clone();
    let main_edit = format!("{CENTRES}/{}", main.id);
    let kept = browser.submit(&main_edit, &main_edit, &centre_fields(&[("kind", "main"), ("name_uk", "ЦНАП Бучі")])).await;
    assert_eq!(kept.status, StatusCode::SEE_OTHER, "the ЦНАП itself stays a ЦНАП");
    let kinds: Vec<CentreKind> = centres_of(app, "buchanska").await.iter().map(|c| c.kind).collect();
    assert_eq!(kinds, vec![CentreKind::Main, CentreKind::Remote]);
    assert_eq!(audit_rows(app, "centre.add").await.len(), 1, "one centre added in all");
}

async fn a_service_is_enabled_withdrawn_and_given_local_details(app: &App) {
    let mut browser = admin(app).await;
    let public = format!("/buchanska/{INFORMATION}");
    let list = browser.get(SERVICES).await;
    assert!(list.body.contains("Громада надає 4 послуги"), "{}", list.body);
    assert!(list.body.contains(&format!("action=\"{SERVICES}/{INFORMATION}/withdraw\"")));

    let withdrawn = browser.submit(SERVICES, &format!("{SERVICES}/{INFORMATION}/withdraw"), &[]).await;
    assert_eq!(location(&withdrawn), format!("{SERVICES}?withdrawn={INFORMATION}"));
    assert!(browser.get(&location(&withdrawn)).await.body.contains("Громада більше не надає послугу «Запит на публічну інформацію»"));
    assert_eq!(app.get(&public).await.0, StatusCode::NOT_FOUND, "residents no longer find it");
    assert_eq!(
        browser.get(&format!("{SERVICES}/{INFORMATION}")).await.status,
        StatusCode::NOT_FOUND,
        "no details for a service not offered"
    );
    assert_eq!(audit_rows(app, "offer.withdraw").await.len(), 1);

    let enabled = browser.submit(SERVICES, &format!("{SERVICES}/{INFORMATION}/enable"), &[]).await;
    assert_eq!(location(&enabled), format!("{SERVICES}?enabled={INFORMATION}"));
    assert_eq!(app.get(&public).await.0, StatusCode::OK, "residents find it again");
    let rows = audit_rows(app, "offer.enable").await;
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].0, format!("offer:buchanska/{INFORMATION}"));

    // A service the community does not offer (Ternopil offers one) is enabled from its list too.
    let mut regional =
        staff_browser(app, "admin@ternopil-oblast.example.org", Role::RegionalAdmin, Scope::Region("ternopilska".into())).await;
    let theirs = "/admin/communities/ternopilska/services";
    let subsidy = "zhytlova-subsydiia";
    assert_eq!(app.get(&format!("/ternopilska/{subsidy}")).await.0, StatusCode::NOT_FOUND);
    let enabled = regional.submit(theirs, &format!("{theirs}/{subsidy}/enable"), &[]).await;
    assert_eq!(enabled.status, StatusCode::SEE_OTHER);
    assert_eq!(app.get(&format!("/ternopilska/{subsidy}")).await.0, StatusCode::OK);

    // The local details.
    let centre = centres_of(app, "buchanska").await[0].id.to_string();
    let details = format!("{SERVICES}/{INFORMATION}");
    let form = browser.get(&details).await;
    assert!(form.body.contains("Безоплатно.") && form.body.contains("Так встановлює опис послуги"), "the definition's fee, not a field");
    assert!(!form.body.contains("id=\"fee\" name=\"fee\""));
    let fields = [
        ("collect_at", centre.as_str()),
        ("department_uk", "Відділ документообігу"),
        ("department_en", "Records department"),
        ("note_uk", "Відповідь надсилаємо і поштою, якщо попросите."),
        ("note_en", ""),
    ];
    let saved = browser.submit(&details, &details, &fields).await;
    assert_eq!(location(&saved), format!("{SERVICES}?saved={INFORMATION}"));
    let offer = offer_of(app, "buchanska", INFORMATION).await.unwrap();
    assert_eq!(offer.collect_at, centre.parse().ok());
    assert_eq!(offer.department, Text::new("Відділ документообігу", "Records department"));
    assert_eq!(offer.note, Text { uk: "Відповідь надсилаємо і поштою, якщо попросите.".into(), en: None });
    assert_eq!(offer.fee_kopiykas, None);
    let rows = audit_rows(app, "offer.details").await;
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].1.get("fields").map(String::as_str), Some("collect_at,department,note"));
    // The form shows what is stored.
    let form = browser.get(&details).await;
    assert!(form.body.contains("value=\"Відділ документообігу\"") && form.body.contains(&format!("value=\"{centre}\" selected")));
}

async fn bad_local_details_change_nothing(app: &App) {
    let mut browser = admin(app).await;
    let details = format!("{SERVICES}/{INFORMATION}");
    let ternopil_centre = centres_of(app, "ternopilska").await[0].id.to_string();
    let long = "в".repeat(1001);
    let cases: Vec<BadInput> = vec![
        (vec![("collect_at", &ternopil_centre)], "collect_at", "Оберіть один зі службових центрів громади"),
        (vec![("collect_at", "not-a-number")], "collect_at", "Оберіть один зі службових центрів громади"),
        (vec![("fee", "120")], "fee", "Плату за цю послугу встановлює її опис (Безоплатно.); громада не встановлює свою"),
        (vec![("note_uk", &long)], "note_uk", "скоротіть текст до 1000 символів"),
        (vec![("department_uk", "Відділ\u{1b}[31m")], "department_uk", "приберіть недруковані або нестандартні символи"),
    ];
    for (fields, id, message) in cases {
        let refused = browser.submit(&details, &details, &fields).await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY, "{fields:?}");
        assert!(field_error(&refused.body, id, message), "{fields:?}: expected “{message}” on {id}: {}", refused.body);
    }
    // A fixed fee is the definition's too.
    let registration = format!("{SERVICES}/reiestratsiia-mistsia-prozhyvannia");
    let refused = browser.submit(&registration, &registration, &[("fee", "10")]).await;
    assert!(field_error(&refused.body, "fee", "встановлює її опис (49,92 грн.)"), "{}", refused.body);
    assert_eq!(offer_of(app, "buchanska", INFORMATION).await, Some(Offer::plain("buchanska", INFORMATION)), "nothing was stored");
    assert!(audit_rows(app, "offer.details").await.is_empty());
}

/// A definition that leaves its fee to each community, at most 250 hryvnias.
async fn a_fee_left_to_the_community_is_shown_to_residents(app: &App) {
    let free = "[fee]\nkind = \"free\"\n";
    let source = demo_service("zhytlova-subsydiia");
    assert!(source.contains(free), "the subsidy's definition is free");
    let source = source.replacen(free, "[fee]\nkind = \"set_by_community\"\nmax_uah = 250\n", 1);
    app.db.store.import_service("zhytlova-subsydiia", &source, NOW).await.unwrap();
    app.state.refresh_catalogue_if_changed().await.unwrap();
    let public = "/buchanska/zhytlova-subsydiia";
    let (_, _, page) = app.get(public).await;
    // (The start page links the word "громада" to the glossary.)
    assert!(page.contains("Розмір плати встановлює <a href=\"/glossary#hromada\">громада</a>"), "not set yet: {page}");
    let (_, _, page) = app.get(&format!("{public}/apply")).await;
    assert!(page.contains("Розмір плати встановлює громада; уточніть його в ЦНАП."), "the apply page says the same: {page}");

    let mut browser = admin(app).await;
    let details = format!("{SERVICES}/zhytlova-subsydiia");
    let form = browser.get(&details).await;
    assert!(form.body.contains("id=\"fee\" name=\"fee\"") && form.body.contains("не більше 250,00 грн"), "{}", form.body);
    for (typed, message) in [("300", "Не більше 250,00 грн: таку межу встановлює опис послуги"), ("сто", "Введіть суму в гривнях")]
    {
        let refused = browser.submit(&details, &details, &[("fee", typed)]).await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY, "{typed}");
        assert!(field_error(&refused.body, "fee", message), "{typed}: {}", refused.body);
        assert!(refused.body.contains(&format!("value=\"{typed}\"")), "what was typed stays");
    }
    assert_eq!(offer_of(app, "buchanska", "zhytlova-subsydiia").await.and_then(|o| o.fee_kopiykas), None);
    let saved = browser.submit(&details, &details, &[("fee", "120,50")]).await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER);
    assert_eq!(offer_of(app, "buchanska", "zhytlova-subsydiia").await.and_then(|o| o.fee_kopiykas), Some(12_050));
    assert_eq!(audit_rows(app, "offer.details").await[0].1.get("fields").map(String::as_str), Some("fee"));
    let (_, _, page) = app.get(public).await;
    assert!(page.contains("120,50 грн."), "the community's fee: {page}");
    let (_, _, page) = app.get_with(public, &[("cookie", "lang=en")]).await;
    assert!(page.contains("120.50"), "in English: {page}");
    // Another community offering it has set nothing.
    app.db.store.offer_service("ternopilska", "zhytlova-subsydiia").await.unwrap();
    app.state.refresh_catalogue_if_changed().await.unwrap();
    let (_, _, page) = app.get("/ternopilska/zhytlova-subsydiia").await;
    assert!(page.contains("Розмір плати встановлює <a href=\"/glossary#hromada\">громада</a>"));
    // Zero is free of charge.
    browser.submit(&details, &details, &[("fee", "0")]).await;
    let (_, _, page) = app.get(public).await;
    assert!(page.contains("Безоплатно."));
}
