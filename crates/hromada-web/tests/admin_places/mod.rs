//! The installation's and regions' administrators over HTTP (issue 13, point 3):
//! the installation administrator adds and edits regions and keeps the
//! installation's settings; a regional administrator adds, edits, publishes
//! and unpublishes the region's communities; both invite through
//! `/staff/invite`. Who may open what is the policy's (404 elsewhere); bad
//! input is refused on its field, in the reader's language, and changes
//! nothing; every change is audited; publication shows on the public pages
//! at once on this instance, and an unpublished community's staff keep working.
//!
//! The КАТОТТГ codes are real (the codifier's): Vinnytsia oblast
//! UA05000000000010236 and its Vinnytsia community UA05020030000031457, Kyiv
//! oblast UA32000000000030281, Volyn oblast UA07000000000024379, Bucha community UA32080070000050759, Irpin
//! community UA32080150000035443, Lutsk community (Volyn) UA07080170000013585.

use super::*;
use hromada_domain::account::{Role, Scope};
use hromada_domain::audit::AuditRow;

both!(
    the_installation_admin_adds_and_edits_regions_and_keeps_the_settings,
    bad_region_and_settings_input_is_refused_on_its_field_and_changes_nothing,
    a_regional_admin_adds_edits_and_publishes_communities,
    bad_community_input_is_refused_on_its_field_and_changes_nothing,
    a_reference_code_in_use_stays_and_the_form_says_why,
    an_unpublished_community_is_404_for_residents_while_its_staff_keep_working,
    who_may_open_the_admin_pages_is_the_policys_and_others_get_404,
    admins_invite_from_the_admin_pages_with_the_role_chosen,
);

const VINNYTSIA_OBLAST: &str = "UA05000000000010236";
const VOLYN_OBLAST: &str = "UA07000000000024379";
const VINNYTSIA_COMMUNITY: &str = "UA05020030000031457";
const KYIV_OBLAST: &str = "UA32000000000030281";
const BUCHA: &str = "UA32080070000050759";
const IRPIN: &str = "UA32080150000035443";
const LUTSK: &str = "UA07080170000013585";

fn installation() -> Scope {
    Scope::Installation
}

fn region(slug: &str) -> Scope {
    Scope::Region(slug.into())
}

/// The audit rows of `action` about `subject`.
async fn audit_rows(app: &App, action: &str, subject: &str) -> Vec<AuditRow> {
    let rows = app.db.store.audit_rows(0, 10_000).await.unwrap();
    rows.into_iter().filter(|r| r.event.action == action && r.event.subject.as_deref() == Some(subject)).collect()
}

/// The one audit row of `action` about `subject`, with its details.
async fn audited_once(app: &App, action: &str, subject: &str) -> std::collections::BTreeMap<String, String> {
    let rows = audit_rows(app, action, subject).await;
    assert_eq!(rows.len(), 1, "one {action} row about {subject}: {rows:?}");
    rows[0].event.details.clone()
}

/// Every audit row whose action starts with `prefix`.
async fn audited_actions(app: &App, prefix: &str) -> Vec<String> {
    let rows = app.db.store.audit_rows(0, 10_000).await.unwrap();
    rows.into_iter().filter(|r| r.event.action.starts_with(prefix)).map(|r| r.event.action).collect()
}

/// Vinnytsia oblast, stored with its code, and the catalogue reloaded: a region with no community yet.
async fn vinnytsia(app: &App) {
    app.db
        .store
        .put_region(&Region {
            slug: "vinnytska".into(),
            name: Text::new("Вінницька область", "Vinnytsia Oblast"),
            katottg: Some(VINNYTSIA_OBLAST.into()),
        })
        .await
        .unwrap();
    app.state.reload_catalogue().await.unwrap();
}

/// The form of `page` sent with `fields`, as a browser without JavaScript sends it.
async fn send(browser: &mut Browser<'_>, page: &str, fields: &[(&str, &str)]) -> Page {
    browser.submit(page, page, fields).await
}

/// The value of the input `id` as the page shows it.
fn value_of(page: &Page, id: &str) -> String {
    let at = page.body.find(&format!("id=\"{id}\" name=\"{id}\"")).unwrap_or_else(|| panic!("no #{id} in {}", page.body));
    let rest = &page.body[at..];
    let value = rest.split("value=\"").nth(1).unwrap();
    value.split('"').next().unwrap().to_string()
}

/// The error shown on the field `id`, if any.
fn error_of(page: &Page, id: &str) -> Option<String> {
    let at = page.body.find(&format!("id=\"{id}-error\""))?;
    let rest = &page.body[at..];
    let text = rest.split("</span>").nth(1)?.split("</p>").next()?;
    Some(text.to_string())
}

/// A page refused with the error summary linking to `id` and the field's error containing `words`.
fn refused_on(page: &Page, id: &str, words: &str) {
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", page.body);
    assert!(page.body.contains(&format!("href=\"#{id}\"")), "the error summary links to #{id}: {}", page.body);
    assert!(page.body.contains("<title>Помилка: ") || page.body.contains("<title>Error: "), "the title says there is an error");
    let error = error_of(page, id).unwrap_or_else(|| panic!("#{id} shows no error: {}", page.body));
    assert!(error.contains(words), "#{id}'s error should say “{words}”: {error}");
    assert!(page.body.contains(&format!("aria-describedby=\"{id}-hint {id}-error\"")), "#{id} is described by its error");
}

async fn the_installation_admin_adds_and_edits_regions_and_keeps_the_settings(app: &App) {
    let mut admin = staff_browser(app, "installation@example.org", Role::InstallationAdmin, installation()).await;

    // Reached from the account page and the staff's home.
    let account = admin.get("/account").await;
    assert!(account.body.contains("href=\"/admin/regions\""), "{}", account.body);
    assert!(account.body.contains("href=\"/admin/installation\""));
    assert!(admin.get("/staff").await.body.contains("href=\"/admin/regions\""));

    let list = admin.get("/admin/regions").await;
    assert_eq!(list.status, StatusCode::OK, "{}", list.body);
    assert!(list.body.contains("<h1>Області встановлення</h1>"));
    // Kyiv oblast: two communities, both published; its communities' page and an invitation of its administrator.
    assert!(
        list.body
            .contains("<a href=\"/admin/regions/kyivska/communities\">Київська область</a></th><td>—</td><td>2</td><td>2</td><td>0</td>"),
        "{}",
        list.body
    );
    assert!(list.body.contains("href=\"/staff/invite?grant=region%3Akyivska%3Aregional_admin\""));
    assert!(list.body.contains("href=\"/admin/regions/kyivska/edit\""));

    // A region added: the slug made from the Ukrainian name.
    let form = admin.get("/admin/regions/new").await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(form.body.contains("action=\"/admin/regions/new\""));
    let added = send(
        &mut admin,
        "/admin/regions/new",
        &[("name_uk", " Вінницька область "), ("name_en", "Vinnytsia Oblast"), ("katottg", VINNYTSIA_OBLAST), ("slug", "")],
    )
    .await;
    assert_eq!(location(&added), "/admin/regions?done=added&place=vinnytska");
    let stored = app.db.store.regions().await.unwrap().into_iter().find(|r| r.slug == "vinnytska").expect("the region is stored");
    assert_eq!(stored.name, Text::new("Вінницька область", "Vinnytsia Oblast"));
    assert_eq!(stored.katottg.as_deref(), Some(VINNYTSIA_OBLAST));
    let details = audited_once(app, "region.add", "region:vinnytska").await;
    assert_eq!(details.get("katottg").map(String::as_str), Some(VINNYTSIA_OBLAST));
    assert_eq!(details.get("name_uk").map(String::as_str), Some("Вінницька область"));
    let rows = audit_rows(app, "region.add", "region:vinnytska").await;
    assert_eq!(rows[0].event.actor_role.as_deref(), Some("installation_admin"));
    let volyn =
        Region {
            slug: "volynska".into(), name: Text::new("Волинська область", "Volyn Oblast"), katottg: Some(VOLYN_OBLAST.into())
        };
    app.db.store.put_region(&volyn).await.unwrap();
    let list = admin.get("/admin/regions?done=added&place=vinnytska").await;
    let at = |name: &str| list.body.find(&format!(">{name}</a>")).unwrap_or_else(|| panic!("{name} is listed"));
    assert!(at("Вінницька область") < at("Волинська область"), "in Ukrainian alphabetical order (і before о)");
    assert!(list.body.contains("Додано: Вінницька область."), "the list says what was added");
    assert!(list.body.contains(&format!("{VINNYTSIA_OBLAST}</td><td>0</td><td>0</td><td>0</td>")), "no communities yet: {}", list.body);
    // This instance's catalogue knows it at once: its administrators can be invited.
    let invite = admin.get("/staff/invite?grant=region:vinnytska:regional_admin").await;
    assert!(invite.body.contains("<option value=\"region:vinnytska:regional_admin\" selected>"), "{}", invite.body);

    // Kyiv oblast edited: its code and English name; the slug cannot change.
    let edit = admin.get("/admin/regions/kyivska/edit").await;
    assert_eq!(edit.status, StatusCode::OK);
    assert!(!edit.body.contains("name=\"slug\""), "the slug is fixed once made");
    assert!(edit.body.contains("kyivska"));
    assert_eq!(value_of(&edit, "name_uk"), "Київська область");
    let changed = send(
        &mut admin,
        "/admin/regions/kyivska/edit",
        &[("name_uk", "Київська область"), ("name_en", "Kyiv Region"), ("katottg", KYIV_OBLAST), ("slug", "kyiv")],
    )
    .await;
    assert_eq!(location(&changed), "/admin/regions?done=changed&place=kyivska");
    let kyiv = app.db.store.regions().await.unwrap().into_iter().find(|r| r.slug == "kyivska").unwrap();
    assert_eq!((kyiv.name.en.as_deref(), kyiv.katottg.as_deref()), (Some("Kyiv Region"), Some(KYIV_OBLAST)));
    assert!(app.db.store.regions().await.unwrap().iter().all(|r| r.slug != "kyiv"), "a slug sent anyway is not taken");
    let details = audited_once(app, "region.change", "region:kyivska").await;
    let expected: std::collections::BTreeMap<String, String> =
        [("katottg.old", ""), ("katottg.new", KYIV_OBLAST), ("name_en.old", "Kyiv Oblast"), ("name_en.new", "Kyiv Region")]
            .into_iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
    assert_eq!(details, expected, "the old and new values of what changed, nothing else");
    // Saving it unchanged writes nothing to the trail.
    send(
        &mut admin,
        "/admin/regions/kyivska/edit",
        &[("name_uk", "Київська область"), ("name_en", "Kyiv Region"), ("katottg", KYIV_OBLAST)],
    )
    .await;
    assert_eq!(audit_rows(app, "region.change", "region:kyivska").await.len(), 1);
    // The public home page names the region as changed, in English.
    let (_, _, home) = app.get("/?lang=en").await;
    assert!(home.contains("Kyiv Region"), "the catalogue was rebuilt");

    // The installation's settings.
    let settings = admin.get("/admin/installation").await;
    assert_eq!(settings.status, StatusCode::OK);
    assert_eq!(value_of(&settings, "public_url"), "");
    let saved = send(
        &mut admin,
        "/admin/installation",
        &[
            ("name_uk", "Громада — послуги Київщини"),
            ("name_en", "Hromada — Kyiv region services"),
            ("public_url", "https://Hromada.Example.gov.ua/"),
        ],
    )
    .await;
    assert_eq!(location(&saved), "/admin/installation?done=changed");
    let kept = app.db.store.installation().await.unwrap().expect("stored");
    assert_eq!(kept.public_url, "https://hromada.example.gov.ua");
    assert_eq!(kept.name, Text::new("Громада — послуги Київщини", "Hromada — Kyiv region services"));
    let details = audited_once(app, "installation.change", "installation").await;
    assert_eq!(details.get("public_url.new").map(String::as_str), Some("https://hromada.example.gov.ua"));
    let again = admin.get("/admin/installation?done=changed").await;
    assert!(again.body.contains("Налаштування збережено."));
    assert_eq!(value_of(&again, "public_url"), "https://hromada.example.gov.ua");
}

async fn bad_region_and_settings_input_is_refused_on_its_field_and_changes_nothing(app: &App) {
    let mut admin = staff_browser(app, "installation@example.org", Role::InstallationAdmin, installation()).await;
    vinnytsia(app).await;
    let before = app.db.store.regions().await.unwrap();
    let new = "/admin/regions/new";
    let region =
        |uk: &'static str, code: &'static str, slug: &'static str| [("name_uk", uk), ("name_en", ""), ("katottg", code), ("slug", slug)];

    let page = send(&mut admin, new, &region("", "UA1234", "")).await;
    refused_on(&page, "name_uk", "Введіть назву українською");
    refused_on(&page, "katottg", "UA і 17 цифр");
    assert_eq!(value_of(&page, "katottg"), "UA1234", "what was typed comes back");

    let page = send(&mut admin, new, &region("Бучанська область", BUCHA, "")).await;
    refused_on(&page, "katottg", "Це не код області");
    assert_eq!(value_of(&page, "name_uk"), "Бучанська область");

    let page = send(&mut admin, new, &region("Вінницька область (копія)", VINNYTSIA_OBLAST, "vinnytska-2")).await;
    refused_on(&page, "katottg", "уже має Вінницька область");

    let page = send(&mut admin, new, &region("Адмінська область", "", "admin")).await;
    refused_on(&page, "slug", "займають сторінки самого порталу");
    refused_on(&page, "katottg", "Введіть код КАТОТТГ");

    let page = send(&mut admin, new, &region("Київська область", KYIV_OBLAST, "")).await;
    refused_on(&page, "slug", "Адресу «kyivska» уже має Київська область");
    assert_eq!(value_of(&page, "slug"), "kyivska", "the slug made from the name is shown, to be changed");

    let page = send(&mut admin, new, &region("Київська область", KYIV_OBLAST, "Kyiv Oblast!")).await;
    refused_on(&page, "slug", "латинськими малими літерами");

    // In the reader's language.
    let mut english = admin.get("/admin/regions/new?lang=en").await;
    assert_eq!(english.status, StatusCode::OK);
    english = send(&mut admin, new, &region("Київська область", "UA3200000000003028", "")).await;
    refused_on(&english, "katottg", "Enter the code as UA and 17 digits");

    // The settings: an address that is not https, or has a path.
    admin.get("/admin/installation?lang=uk").await;
    let settings = [("name_uk", "Громада"), ("name_en", ""), ("public_url", "http://hromada.example.org")];
    refused_on(&send(&mut admin, "/admin/installation", &settings).await, "public_url", "починається з https://");
    let settings = [("name_uk", "Громада"), ("name_en", ""), ("public_url", "https://hromada.example.org/portal")];
    let page = send(&mut admin, "/admin/installation", &settings).await;
    refused_on(&page, "public_url", "без шляху");
    assert_eq!(value_of(&page, "public_url"), "https://hromada.example.org/portal");

    // A region edited with a code another region holds.
    let page = send(&mut admin, "/admin/regions/kyivska/edit", &[("name_uk", "Київська область"), ("katottg", VINNYTSIA_OBLAST)]).await;
    refused_on(&page, "katottg", "уже має Вінницька область");

    assert_eq!(app.db.store.regions().await.unwrap(), before, "nothing was stored");
    assert!(app.db.store.installation().await.unwrap().is_none());
    assert!(audited_actions(app, "region.").await.is_empty() && audited_actions(app, "installation.").await.is_empty());
}

async fn a_regional_admin_adds_edits_and_publishes_communities(app: &App) {
    vinnytsia(app).await;
    let mut admin = staff_browser(app, "admin@vinnytsia.example", Role::RegionalAdmin, region("vinnytska")).await;
    let account = admin.get("/account").await;
    assert!(account.body.contains("href=\"/admin/regions/vinnytska/communities\""), "{}", account.body);
    assert!(!account.body.contains("href=\"/admin/regions\""), "the installation's pages are not theirs");

    let list = admin.get("/admin/regions/vinnytska/communities").await;
    assert_eq!(list.status, StatusCode::OK, "{}", list.body);
    assert!(list.body.contains("<h1>Вінницька область</h1>"));
    assert!(list.body.contains("У цій області ще немає громад."));
    assert!(list.body.contains("href=\"/admin/regions/vinnytska/communities/new\""));

    let page = "/admin/regions/vinnytska/communities/new";
    let added = send(
        &mut admin,
        page,
        &[
            ("name_uk", "Вінницька громада"),
            ("name_en", "Vinnytsia community"),
            ("katottg", VINNYTSIA_COMMUNITY),
            ("code", "vin"),
            ("slug", ""),
        ],
    )
    .await;
    assert_eq!(location(&added), "/admin/regions/vinnytska/communities?done=added&place=vinnytska");
    let stored = app.db.store.communities().await.unwrap().into_iter().find(|c| c.slug == "vinnytska").expect("stored");
    assert_eq!(
        (stored.region_slug.as_str(), stored.code.as_str(), stored.katottg.as_deref()),
        ("vinnytska", "VIN", Some(VINNYTSIA_COMMUNITY))
    );
    assert!(!stored.published, "a new community starts unpublished");
    let details = audited_once(app, "community.add", "community:vinnytska").await;
    assert_eq!(details.get("code").map(String::as_str), Some("VIN"));
    assert_eq!(details.get("published").map(String::as_str), Some("false"));
    let rows = audit_rows(app, "community.add", "community:vinnytska").await;
    assert_eq!((rows[0].event.actor_role.as_deref(), rows[0].event.community.as_deref()), (Some("regional_admin"), Some("vinnytska")));

    let list = admin.get("/admin/regions/vinnytska/communities?done=added&place=vinnytska").await;
    assert!(list.body.contains("Додано: Вінницька громада."));
    assert!(list.body.contains("<strong class=\"tag\">Не опубліковано</strong>"), "{}", list.body);
    assert!(list.body.contains("href=\"/admin/regions/vinnytska/communities/vinnytska/publish\""));
    assert!(list.body.contains("href=\"/staff/invite?grant=community%3Avinnytska%3Acommunity_admin\""));
    assert_eq!(app.get("/vinnytska").await.0, StatusCode::NOT_FOUND, "residents do not see it yet");
    assert!(!app.get("/").await.2.contains("href=\"/vinnytska\""));

    // Edited: its English name and code (no case yet, so the code may change).
    let edit = admin.get("/admin/regions/vinnytska/communities/vinnytska/edit").await;
    assert_eq!(edit.status, StatusCode::OK);
    assert_eq!(value_of(&edit, "katottg"), VINNYTSIA_COMMUNITY);
    assert!(!edit.body.contains("name=\"slug\""), "the slug is fixed once made");
    let changed = send(
        &mut admin,
        "/admin/regions/vinnytska/communities/vinnytska/edit",
        &[("name_uk", "Вінницька громада"), ("name_en", "Vinnytsia city community"), ("katottg", VINNYTSIA_COMMUNITY), ("code", "VNT")],
    )
    .await;
    assert_eq!(location(&changed), "/admin/regions/vinnytska/communities?done=changed&place=vinnytska");
    let stored = app.db.store.communities().await.unwrap().into_iter().find(|c| c.slug == "vinnytska").unwrap();
    assert_eq!((stored.code.as_str(), stored.name.en.as_deref()), ("VNT", Some("Vinnytsia city community")));
    let details = audited_once(app, "community.change", "community:vinnytska").await;
    assert_eq!((details.get("code.old").map(String::as_str), details.get("code.new").map(String::as_str)), (Some("VIN"), Some("VNT")));
    assert!(!details.contains_key("katottg.old"), "what did not change is not in the row");

    // Published after the question: residents see it at once on this instance.
    let question = admin.get("/admin/regions/vinnytska/communities/vinnytska/publish").await;
    assert_eq!(question.status, StatusCode::OK);
    assert!(question.body.contains("<h1>Опублікувати: Вінницька громада?</h1>"), "{}", question.body);
    assert!(question.body.contains("action=\"/admin/regions/vinnytska/communities/vinnytska/publish\""));
    assert!(!app.db.store.communities().await.unwrap().iter().any(|c| c.slug == "vinnytska" && c.published), "asking changes nothing");
    let published = admin
        .submit("/admin/regions/vinnytska/communities/vinnytska/publish", "/admin/regions/vinnytska/communities/vinnytska/publish", &[])
        .await;
    assert_eq!(location(&published), "/admin/regions/vinnytska/communities?done=published&place=vinnytska");
    assert!(app.db.store.communities().await.unwrap().iter().any(|c| c.slug == "vinnytska" && c.published));
    let details = audited_once(app, "community.publish", "community:vinnytska").await;
    assert_eq!((details["published.old"].as_str(), details["published.new"].as_str()), ("false", "true"));
    let (status, _, body) = app.get("/vinnytska").await;
    assert_eq!(status, StatusCode::OK, "a published community's page is there");
    assert!(body.contains("<h1>Вінницька громада</h1>"), "{body}");
    assert!(
        !body.contains("href=\"tel:\"") && !body.contains("href=\"mailto:\""),
        "no empty link for contacts its admin has not given yet"
    );
    assert!(app.get("/").await.2.contains("href=\"/vinnytska\""), "and the home page lists it");
    let list = admin.get("/admin/regions/vinnytska/communities").await;
    assert!(list.body.contains("<a href=\"/vinnytska\">/vinnytska</a>"));
    assert!(list.body.contains("<strong class=\"tag final\">Опубліковано</strong>"));

    // Publishing again changes nothing and writes no row.
    admin
        .submit("/admin/regions/vinnytska/communities/vinnytska/publish", "/admin/regions/vinnytska/communities/vinnytska/publish", &[])
        .await;
    assert_eq!(audit_rows(app, "community.publish", "community:vinnytska").await.len(), 1);

    // Unpublished: 404 again.
    let question = admin.get("/admin/regions/vinnytska/communities/vinnytska/unpublish").await;
    assert!(question.body.contains("Зняти з публікації: Вінницька громада?"));
    let unpublished = admin
        .submit("/admin/regions/vinnytska/communities/vinnytska/unpublish", "/admin/regions/vinnytska/communities/vinnytska/unpublish", &[])
        .await;
    assert_eq!(location(&unpublished), "/admin/regions/vinnytska/communities?done=unpublished&place=vinnytska");
    assert_eq!(app.get("/vinnytska").await.0, StatusCode::NOT_FOUND);
    audited_once(app, "community.unpublish", "community:vinnytska").await;

    // Another instance, whose catalogue follows the generation the store bumped, sees it within its next refresh.
    let files = TempDir::new();
    let settings = WebSettings { data_dir: files.path().to_path_buf(), ..(*app.state.settings).clone() };
    let mailer = Arc::new(SmtpMailer::new(&app.mail.url(), "Громада <noreply@hromada.test>").unwrap());
    let other = AppState::new(Arc::clone(&app.db.store), mailer, settings).await.unwrap();
    assert!(other.catalogue.get().community("vinnytska").is_none());
    assert!(app.db.store.set_community_published(&stored.slug, true).await.unwrap());
    assert!(other.refresh_catalogue_if_changed().await.unwrap(), "the store's generation moved");
    assert!(other.catalogue.get().community("vinnytska").is_some());
}

async fn bad_community_input_is_refused_on_its_field_and_changes_nothing(app: &App) {
    vinnytsia(app).await;
    app.db
        .store
        .put_community(&Community {
            katottg: Some(IRPIN.into()),
            ..community("irpinska", "kyivska", "IRP", "Ірпінська громада", "Irpin community")
        })
        .await
        .unwrap();
    let mut kyiv = staff_browser(app, "admin@kyiv.example", Role::RegionalAdmin, region("kyivska")).await;
    let mut vinnytsia = staff_browser(app, "admin@vinnytsia.example", Role::RegionalAdmin, region("vinnytska")).await;
    let before = app.db.store.communities().await.unwrap();
    let new = "/admin/regions/kyivska/communities/new";
    let fields = |uk: &'static str, code: &'static str, reference: &'static str, slug: &'static str| {
        [("name_uk", uk), ("name_en", ""), ("katottg", code), ("code", reference), ("slug", slug)]
    };

    let page = send(&mut kyiv, new, &fields("Нова громада", "", "BUC", "")).await;
    refused_on(&page, "code", "Код BUC уже має Бучанська громада");
    refused_on(&page, "katottg", "Введіть код КАТОТТГ");
    assert_eq!(value_of(&page, "name_uk"), "Нова громада");
    assert_eq!(value_of(&page, "slug"), "nova", "the slug made from the name is shown");

    for bad in ["BU", "BU1", "БУЦ", "BUCH"] {
        let page = send(&mut kyiv, new, &fields("Нова громада", BUCHA, bad, "")).await;
        refused_on(&page, "code", "три латинські великі літери");
    }
    let page = send(&mut kyiv, new, &fields("Ірпінська громада", IRPIN, "IRQ", "irpinska-2")).await;
    refused_on(&page, "katottg", &format!("Код {IRPIN} уже має Ірпінська громада"));
    let page = send(&mut kyiv, new, &fields("Київська громада", KYIV_OBLAST, "KYI", "")).await;
    refused_on(&page, "katottg", "Це не код громади");
    let page = send(&mut kyiv, new, &fields("Бучанська громада", BUCHA, "BCH", "")).await;
    refused_on(&page, "slug", "Адресу «buchanska» уже має Бучанська громада");
    let page = send(&mut kyiv, new, &fields("Бучанська громада", BUCHA, "BCH", "staff")).await;
    refused_on(&page, "slug", "займають сторінки самого порталу");
    let page = send(&mut kyiv, new, &fields("Бучанська громада", BUCHA, "BCH", "new")).await;
    refused_on(&page, "slug", "займають сторінки самого порталу");

    // A community of another oblast, in a region whose code is known.
    let page = send(&mut vinnytsia, "/admin/regions/vinnytska/communities/new", &fields("Луцька громада", LUTSK, "LUT", "")).await;
    refused_on(&page, "katottg", "коди громад цієї області починаються з UA05");

    // English.
    vinnytsia.get("/admin/regions/vinnytska/communities?lang=en").await;
    let page =
        send(&mut vinnytsia, "/admin/regions/vinnytska/communities/new", &fields("Вінницька громада", VINNYTSIA_COMMUNITY, "V1N", ""))
            .await;
    refused_on(&page, "code", "Enter three Latin capital letters");

    // An edit that takes another community's codes.
    let page = send(
        &mut kyiv,
        "/admin/regions/kyivska/communities/buchanska/edit",
        &[("name_uk", "Бучанська громада"), ("katottg", IRPIN), ("code", "IRP")],
    )
    .await;
    refused_on(&page, "katottg", "уже має Ірпінська громада");
    refused_on(&page, "code", "уже має Ірпінська громада");
    let page = send(
        &mut kyiv,
        "/admin/regions/kyivska/communities/irpinska/edit",
        &[("name_uk", "Ірпінська громада"), ("katottg", ""), ("code", "IRP")],
    )
    .await;
    refused_on(&page, "katottg", "Введіть код КАТОТТГ");

    assert_eq!(app.db.store.communities().await.unwrap(), before, "nothing was stored");
    assert!(audited_actions(app, "community.").await.is_empty(), "nothing was audited");
}

async fn a_reference_code_in_use_stays_and_the_form_says_why(app: &App) {
    let mut admin = staff_browser(app, "admin@kyiv.example", Role::RegionalAdmin, region("kyivska")).await;
    let page = "/admin/regions/kyivska/communities/buchanska/edit";
    let form = admin.get(page).await;
    assert_eq!(value_of(&form, "code"), "BUC");
    // A case made in Bucha fixes its code.
    let _resident = resident(app, "olena@example.org").await;
    let id = app.db.store.account_by_email("olena@example.org").await.unwrap().unwrap().id;
    submitted_case_of(app, id, "zapyt-na-publichnu-informatsiiu", 1).await;
    let refused =
        send(&mut admin, page, &[("name_uk", "Бучанська міська громада"), ("name_en", ""), ("katottg", BUCHA), ("code", "BCH")]).await;
    refused_on(&refused, "code", "Справи громади вже пронумеровано кодом BUC");
    assert_eq!(value_of(&refused, "code"), "BCH", "what was typed comes back");
    assert_eq!(value_of(&refused, "name_uk"), "Бучанська міська громада");
    let bucha = app.db.store.communities().await.unwrap().into_iter().find(|c| c.slug == "buchanska").unwrap();
    assert_eq!(
        (bucha.code.as_str(), bucha.name.uk.as_str(), bucha.katottg.as_deref()),
        ("BUC", "Бучанська громада", None),
        "nothing changed"
    );
    assert!(audited_actions(app, "community.").await.is_empty());
    // Keeping the code, the rest is saved.
    let saved = send(
        &mut admin,
        page,
        &[("name_uk", "Бучанська міська громада"), ("name_en", "Bucha city community"), ("katottg", BUCHA), ("code", "BUC")],
    )
    .await;
    assert_eq!(location(&saved), "/admin/regions/kyivska/communities?done=changed&place=buchanska");
    let bucha = app.db.store.communities().await.unwrap().into_iter().find(|c| c.slug == "buchanska").unwrap();
    assert_eq!((bucha.code.as_str(), bucha.name.uk.as_str(), bucha.katottg.as_deref()), ("BUC", "Бучанська міська громада", Some(BUCHA)));
    assert_eq!(bucha.phone, "+380 44 000 01 01", "what the form does not hold is kept");
    assert!(bucha.published);
    let details = audited_once(app, "community.change", "community:buchanska").await;
    assert_eq!(details.get("katottg.new").map(String::as_str), Some(BUCHA));
    let (_, _, page) = app.get("/buchanska").await;
    assert!(page.contains("Бучанська міська громада"), "the public page shows the new name");
}

async fn an_unpublished_community_is_404_for_residents_while_its_staff_keep_working(app: &App) {
    let mut officer = staff_browser(app, "officer@bucha.example", Role::Officer, bucha()).await;
    let _resident = resident(app, "olena@example.org").await;
    let id = app.db.store.account_by_email("olena@example.org").await.unwrap().unwrap().id;
    let case = submitted_case_of(app, id, "zapyt-na-publichnu-informatsiiu", 1).await;
    let mut admin = staff_browser(app, "admin@kyiv.example", Role::RegionalAdmin, region("kyivska")).await;
    let gone = "/admin/regions/kyivska/communities/buchanska/unpublish";
    let unpublished = admin.submit(gone, gone, &[]).await;
    assert_eq!(unpublished.status, StatusCode::SEE_OTHER);
    for path in
        ["/buchanska", "/buchanska/zapyt-na-publichnu-informatsiiu", "/buchanska/zapyt-na-publichnu-informatsiiu/apply", "/buchanska/pulse"]
    {
        let (status, _, body) = app.get(path).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{path}");
        assert!(body.contains("Сторінку не знайдено"), "{path}: the 404 page");
    }
    assert!(!app.get("/").await.2.contains("href=\"/buchanska\""), "the home page leaves it out");
    let queue = officer.get("/staff").await;
    assert_eq!(queue.status, StatusCode::OK);
    assert!(queue.body.contains(&format!("href=\"/staff/cases/{}\"", case.id)), "the officer's queue still lists the case: {}", queue.body);
    let page = officer.get(&format!("/staff/cases/{}", case.id)).await;
    assert_eq!(page.status, StatusCode::OK, "and the case opens");
    assert!(page.body.contains("Бучанська громада"));
    // Published again, the pages are back.
    let back = "/admin/regions/kyivska/communities/buchanska/publish";
    admin.submit(back, back, &[]).await;
    assert_eq!(app.get("/buchanska").await.0, StatusCode::OK);
}

async fn who_may_open_the_admin_pages_is_the_policys_and_others_get_404(app: &App) {
    vinnytsia(app).await;
    let installation_pages = ["/admin/regions", "/admin/regions/new", "/admin/regions/kyivska/edit", "/admin/installation"];
    let kyiv_pages = [
        "/admin/regions/kyivska/communities/new",
        "/admin/regions/kyivska/communities/buchanska/edit",
        "/admin/regions/kyivska/communities/buchanska/unpublish",
        "/admin/regions/kyivska/communities/irpinska/publish",
    ];
    let changes: [(&str, &[(&str, &str)]); 5] = [
        ("/admin/regions/new", &[("name_uk", "Вінницька область 2"), ("katottg", ""), ("slug", "vin2")]),
        ("/admin/installation", &[("name_uk", "Громада"), ("public_url", "https://hromada.example.org")]),
        ("/admin/regions/kyivska/communities/new", &[("name_uk", "Нова"), ("katottg", BUCHA), ("code", "NOV")]),
        ("/admin/regions/kyivska/communities/buchanska/unpublish", &[]),
        ("/admin/regions/ternopilska/communities/ternopilska/unpublish", &[]),
    ];
    let before = (app.db.store.regions().await.unwrap(), app.db.store.communities().await.unwrap());

    // A visitor is asked to sign in; residents and staff without the role get the 404 of a page that does not exist.
    let mut visitor = Browser::new(app);
    let page = visitor.get("/admin/regions").await;
    assert_eq!(location(&page), "/account/sign-in?next=%2Fadmin%2Fregions");
    let mut people = vec![("resident", resident(app, "nosy@example.org").await)];
    for (who, role, scope) in [
        ("operator", Role::Operator, bucha()),
        ("officer", Role::Officer, bucha()),
        ("supervisor", Role::Supervisor, bucha()),
        ("community admin", Role::CommunityAdmin, bucha()),
        ("auditor", Role::Auditor, region("kyivska")),
    ] {
        people.push((who, staff_browser(app, &format!("{}@example.org", who.replace(' ', "-")), role, scope).await));
    }
    for (who, browser) in &mut people {
        for page in installation_pages.iter().chain(kyiv_pages.iter()).chain(["/admin/regions/kyivska/communities"].iter()) {
            assert_eq!(browser.get(page).await.status, StatusCode::NOT_FOUND, "{who}: {page}");
        }
        let token = browser.get("/account").await.csrf();
        for (page, fields) in &changes {
            let mut body: Vec<String> = fields.iter().map(|(k, v)| format!("{k}={}", encode(v))).collect();
            body.push(format!("_csrf={token}"));
            assert_eq!(browser.post_raw(page, body.join("&"), &[]).await.status, StatusCode::NOT_FOUND, "{who}: POST {page}");
        }
        let account = browser.get("/account").await.body;
        if *who == "community admin" {
            // Their own community's pages only.
            assert!(account.contains("href=\"/admin/communities\""), "{who}: a link to their community's pages");
            assert!(
                !account.contains("href=\"/admin/regions") && !account.contains("href=\"/admin/installation"),
                "{who}: no other admin link"
            );
        } else {
            assert!(!account.contains("href=\"/admin/"), "{who}: no link to the admin pages");
        }
    }

    // The region's administrator: their region only; guessed and other regions' places are the same 404.
    let mut kyiv = staff_browser(app, "admin@kyiv.example", Role::RegionalAdmin, region("kyivska")).await;
    for page in kyiv_pages.iter().chain(["/admin/regions/kyivska/communities"].iter()) {
        assert_eq!(kyiv.get(page).await.status, StatusCode::OK, "regional admin: {page}");
    }
    for page in installation_pages
        .iter()
        .chain(
            [
                "/admin/regions/ternopilska/communities",
                "/admin/regions/nowhere/communities",
                "/admin/regions/kyivska/communities/ternopilska/edit",
            ]
            .iter(),
        )
        .chain(
            ["/admin/regions/ternopilska/communities/ternopilska/unpublish", "/admin/regions/kyivska/communities/nowhere/publish"].iter(),
        )
        .chain(["/admin/regions/vinnytska/communities/new", "/admin/regions/%FF/communities"].iter())
    {
        assert_eq!(kyiv.get(page).await.status, StatusCode::NOT_FOUND, "regional admin: {page}");
    }
    let token = kyiv.get("/account").await.csrf();
    for (page, fields) in [&changes[0], &changes[1], &changes[4]] {
        let mut body: Vec<String> = fields.iter().map(|(k, v)| format!("{k}={}", encode(v))).collect();
        body.push(format!("_csrf={token}"));
        assert_eq!(kyiv.post_raw(page, body.join("&"), &[]).await.status, StatusCode::NOT_FOUND, "regional admin: POST {page}");
    }

    // The installation's administrator reads a region's communities, but does not change them.
    let mut admin = staff_browser(app, "installation@example.org", Role::InstallationAdmin, installation()).await;
    for page in installation_pages {
        assert_eq!(admin.get(page).await.status, StatusCode::OK, "installation admin: {page}");
    }
    let list = admin.get("/admin/regions/kyivska/communities").await;
    assert_eq!(list.status, StatusCode::OK);
    assert!(
        list.body.contains("Бучанська громада") && list.body.contains("Ірпінська громада") && !list.body.contains("Тернопільська громада")
    );
    assert!(
        !list.body.contains("/communities/new") && !list.body.contains("/edit\"") && !list.body.contains("/unpublish"),
        "read-only: {}",
        list.body
    );
    assert!(list.body.contains("href=\"/admin/regions\""), "back to all regions");
    for page in kyiv_pages {
        assert_eq!(admin.get(page).await.status, StatusCode::NOT_FOUND, "installation admin: {page}");
    }
    let token = admin.get("/account").await.csrf();
    for (page, fields) in [&changes[2], &changes[3], &changes[4]] {
        let mut body: Vec<String> = fields.iter().map(|(k, v)| format!("{k}={}", encode(v))).collect();
        body.push(format!("_csrf={token}"));
        assert_eq!(admin.post_raw(page, body.join("&"), &[]).await.status, StatusCode::NOT_FOUND, "installation admin: POST {page}");
    }
    assert_eq!(admin.get("/admin/regions/nowhere/edit").await.status, StatusCode::NOT_FOUND);

    // Without the CSRF token, not even the right person changes anything.
    let refused = kyiv.post_raw("/admin/regions/kyivska/communities/buchanska/unpublish", String::new(), &[]).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);

    assert_eq!((app.db.store.regions().await.unwrap(), app.db.store.communities().await.unwrap()), before, "nothing changed");
    assert!(app.db.store.installation().await.unwrap().is_none());
}

async fn admins_invite_from_the_admin_pages_with_the_role_chosen(app: &App) {
    vinnytsia(app).await;
    let mut admin = staff_browser(app, "installation@example.org", Role::InstallationAdmin, installation()).await;
    let form = admin.get("/staff/invite?grant=installation::installation_admin").await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(
        form.body
            .contains("<option value=\"installation::installation_admin\" selected>Адміністратор встановлення — усе встановлення</option>"),
        "{}",
        form.body
    );
    assert!(form.body.contains("<option value=\"region:ternopilska:auditor\">"), "regional roles of any region");
    assert!(!form.body.contains("community:"), "communities are their region's administrators' to staff");
    // A grant the person may not give is not chosen, whatever the address says.
    let form = admin.get("/staff/invite?grant=community:buchanska:officer").await;
    assert!(!form.body.contains(" selected>"));
    for (email, grant) in
        [("second@example.org", "installation::installation_admin"), ("vin@example.org", "region:vinnytska:regional_admin")]
    {
        let sent = admin.submit("/staff/invite", "/staff/invite", &[("email", email), ("grant", grant)]).await;
        assert_eq!(sent.status, StatusCode::OK, "{}", sent.body);
    }
    let second = app.db.store.account_by_email("second@example.org").await.unwrap().unwrap();
    assert!(
        app.db.store.roles_of(second.id).await.unwrap().iter().any(|g| g.role == Role::InstallationAdmin && g.scope == Scope::Installation)
    );
    let vin = app.db.store.account_by_email("vin@example.org").await.unwrap().unwrap();
    assert!(app.db.store.roles_of(vin.id).await.unwrap().iter().any(|g| g.role == Role::RegionalAdmin && g.scope == region("vinnytska")));

    // The new regional administrator adds a community and invites its administrator before it is published.
    let mut regional = staff_browser(app, "vin2@example.org", Role::RegionalAdmin, region("vinnytska")).await;
    let page = "/admin/regions/vinnytska/communities/new";
    send(&mut regional, page, &[("name_uk", "Вінницька громада"), ("katottg", VINNYTSIA_COMMUNITY), ("code", "VIN")]).await;
    let form = regional.get("/staff/invite?grant=community:vinnytska:community_admin").await;
    assert!(form.body.contains("<option value=\"community:vinnytska:community_admin\" selected>"), "{}", form.body);
    let sent = regional
        .submit("/staff/invite", "/staff/invite", &[("email", "cnap@vinnytsia.example"), ("grant", "community:vinnytska:community_admin")])
        .await;
    assert_eq!(sent.status, StatusCode::OK, "{}", sent.body);
    let invited = app.db.store.account_by_email("cnap@vinnytsia.example").await.unwrap().unwrap();
    assert!(
        app.db
            .store
            .roles_of(invited.id)
            .await
            .unwrap()
            .iter()
            .any(|g| g.role == Role::CommunityAdmin && g.scope == Scope::Community("vinnytska".into()))
    );
    assert!(audited(app, "role.grant", &format!("account:{}", invited.id)).await);
}
