//! An unpublished community is hidden from the public only (issue 13's
//! review): once its region's administrator unpublishes it, nobody can find it
//! or start a new application there, but the residents who already have a
//! case there keep it — its status page, replies, withdrawal, a draft, the
//! list of their applications, the letters about it — and its staff keep working: the
//! queue lists its cases and its services in the filters, and the documents
//! they issue name the community, on the document and on the page that
//! checks it.

use super::*;
use hromada_domain::account::{Role, Scope};

both!(an_unpublished_communitys_residents_keep_their_cases_and_its_staff_their_work);

const INFORMATION_SLUG: &str = "zapyt-na-publichnu-informatsiiu";

async fn an_unpublished_communitys_residents_keep_their_cases_and_its_staff_their_work(app: &App) {
    // Before: two sent requests, a draft and Bucha's officer.
    let (mut resident, id) = sent_request(app, "oksana.unpublished@example.org").await;
    let (mut changed_mind, other) = sent_request(app, "taras.unpublished@example.org").await;
    let mut drafter = Browser::new(app);
    let draft_page = start(&mut drafter, INFORMATION).await;
    let draft = case_id(&draft_page);
    let mut officer = staff_browser(app, "officer.unpublished@buchanska.example.org", Role::Officer, bucha()).await;
    let status = format!("/applications/{id}/status");
    assert!(resident.get(&status).await.body.contains("action=\"/feedback\""), "while published, the page asks whether it was useful");

    // The region's administrator unpublishes Bucha.
    let mut admin = staff_browser(app, "admin.unpublished@kyiv.example", Role::RegionalAdmin, Scope::Region("kyivska".into())).await;
    let unpublish = "/admin/regions/kyivska/communities/buchanska/unpublish";
    assert_eq!(admin.submit(unpublish, unpublish, &[]).await.status, StatusCode::SEE_OTHER);
    assert!(!app.db.store.communities().await.unwrap().iter().any(|c| c.slug == "buchanska" && c.published));

    // The public finds nothing, and nobody starts a new application there.
    assert_eq!(app.get("/buchanska").await.0, StatusCode::NOT_FOUND);
    let apply = format!("{INFORMATION}/apply");
    assert_eq!(resident.get(&apply).await.status, StatusCode::NOT_FOUND);
    let refused = resident.submit("/account/sign-in", &apply, &[]).await;
    assert_eq!(refused.status, StatusCode::NOT_FOUND, "a new application in an unpublished community");
    assert!(app.db.store.case(draft + 1).await.unwrap().is_none(), "and no draft is made");

    // The resident's own case still opens, with its community named, and takes a reply.
    let page = resident.get(&status).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(page.body.contains("Бучанська громада"), "{}", page.body);
    assert!(!page.body.contains("action=\"/feedback\""), "no question whose answer the unpublished community's pages would refuse");
    let sent =
        resident.post_multipart(&status, &format!("/applications/{id}/reply"), &[("message", "Уточнюю: договір 2021 року")], &[]).await;
    assert_eq!(location(&sent), format!("{status}?sent=1"));
    let page = resident.get(&format!("{status}?sent=1")).await;
    assert!(page.body.contains("Уточнюю: договір 2021 року") && page.body.contains("Повідомлення надіслано"), "{}", page.body);
    let listed = resident.get("/applications").await;
    assert_eq!(listed.status, StatusCode::OK);
    assert!(listed.body.contains("Бучанська громада"), "the list of their applications names the community: {}", listed.body);
    // Another resident withdraws theirs.
    let withdraw = format!("/applications/{other}/withdraw");
    let withdrawn = changed_mind.submit(&withdraw, &withdraw, &[("reason", "Вже не потрібно")]).await;
    assert_eq!(location(&withdrawn), format!("/applications/{other}/status"));
    assert_eq!(app.db.store.case(other).await.unwrap().unwrap().state, "withdrawn");
    // And a draft made before stays its maker's.
    assert_eq!(drafter.get(&draft_page).await.status, StatusCode::OK, "draft {draft}");

    // The officer's queue lists the case, and its filters the community's services and their states.
    let queue = officer.get("/staff").await;
    assert_eq!(queue.status, StatusCode::OK);
    assert!(queue.body.contains(&format!("href=\"/staff/cases/{id}\"")), "{}", queue.body);
    assert!(queue.body.contains(&format!("<option value=\"{INFORMATION_SLUG}\">")), "the service filter lists it: {}", queue.body);
    // A service only Bucha offers: its states come from Bucha's offer.
    let subsidy = parse_definition(&demo_service("zhytlova-subsydiia"), Some("zhytlova-subsydiia")).definition.unwrap();
    let filtered = officer.get("/staff?service=zhytlova-subsydiia").await;
    let first_state = &subsidy.workflow.states[0].id;
    assert!(filtered.body.contains(&format!("<option value=\"{first_state}\">")), "the state filter lists its states: {}", filtered.body);

    // The officer decides; the document they issue names the community.
    location(&officer.submit("/staff", &format!("/staff/cases/{id}/claim"), &[]).await);
    let act = format!("/staff/cases/{id}/act/approve");
    let approved = officer.submit(&act, &act, &[("reply_text", "Надсилаємо копію договору")]).await;
    assert_eq!(location(&approved), format!("/staff/cases/{id}?done=1"));
    let documents = app.db.store.documents_of_case(id).await.unwrap();
    assert_eq!(documents.len(), 1, "the approval issued the service's document");
    let doc = &documents[0].document;
    assert_eq!(doc.issuer.uk, "Бучанська громада", "the issuer is signed into the document");
    let shown = resident.get(&format!("/applications/{id}/documents/{}", doc.number)).await;
    assert_eq!(shown.status, StatusCode::OK);
    assert!(shown.body.contains("Бучанська громада"), "{}", shown.body);
    let (verify_status, _, checked) = app.get(&format!("/verify?d={}", doc.payload)).await;
    assert_eq!(verify_status, StatusCode::OK);
    assert!(checked.contains("Документ справжній і чинний") && checked.contains("Бучанська громада"), "{checked}");

    // The decision letter names the community, not its slug.
    for _ in 0..3 {
        hromada_web::run_due_jobs(&app.state).await;
    }
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
    let letter = loop {
        let found = app
            .mail
            .messages()
            .into_iter()
            .find(|m| m.rcpt_to == vec!["oksana.unpublished@example.org".to_string()] && m.subject.starts_with("Рішення щодо заяви"));
        match found {
            Some(letter) => break letter,
            None if std::time::Instant::now() < deadline => tokio::time::sleep(std::time::Duration::from_millis(100)).await,
            None => panic!("no decision letter: {:?}", app.mail.messages().iter().map(|m| m.subject.clone()).collect::<Vec<_>>()),
        }
    };
    assert!(letter.body.contains("«Бучанська громада»") && !letter.body.contains("«buchanska»"), "{}", letter.body);
}
