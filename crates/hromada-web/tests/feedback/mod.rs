//! "Was this page useful?" over HTTP: an answer is stored without personal
//! data; an empty, a huge or a repeated answer is refused with a message and
//! stores nothing; a community's admins read its comments and no other's; the
//! pulse shows usefulness only past its threshold.

use super::*;
use hromada_domain::account::{Role, Scope};
use hromada_domain::pulse::YearMonth;

both!(
    an_answer_is_kept_without_personal_data,
    empty_huge_and_repeated_answers_are_refused_and_store_nothing,
    admins_read_the_comments_of_their_community_only,
    the_pulse_shows_usefulness_only_past_the_threshold,
);

const SERVICE_PAGE: &str = "/buchanska/zapyt-na-publichnu-informatsiiu";
const START_KEY: &str = "service:buchanska/zapyt-na-publichnu-informatsiiu:page:start";

/// Every answer about pages counted for the pulse (community, page, useful, count).
async fn counted(app: &App) -> Vec<(String, String, bool, u64)> {
    let month = YearMonth::of(time::OffsetDateTime::now_utc());
    let today = time::OffsetDateTime::now_utc().date();
    let rollups = app.db.store.pulse_rollups(month.plus(-1), month.plus(1), today).await.unwrap();
    rollups.page_feedback.iter().map(|r| (r.community_slug.clone(), r.page_key.clone(), r.useful, r.count)).collect()
}

async fn comments(app: &App, community: &str) -> Vec<String> {
    app.db.store.page_comments(community, None, 100).await.unwrap().into_iter().map(|c| c.comment).collect()
}

async fn an_answer_is_kept_without_personal_data(app: &App) {
    let mut browser = Browser::new(app);
    let page = browser.get(SERVICE_PAGE).await;
    assert!(page.body.contains("action=\"/feedback\""), "the service page asks: {}", page.body);
    assert!(page.body.contains(START_KEY));
    let comment = "Не знайшла, куди писати. Мій телефон +380 67 123 45 67, пошта olena@ukr.net, РНОКПП 1234567890";
    let answered = browser
        .submit(SERVICE_PAGE, "/feedback", &[("page", START_KEY), ("back", SERVICE_PAGE), ("useful", "no"), ("comment", comment)])
        .await;
    assert_eq!(answered.status, StatusCode::OK, "{}", answered.body);
    assert!(answered.body.contains("Дякуємо за відгук"));
    assert!(answered.body.contains("вилучили"), "the page says what was taken out");
    assert!(answered.body.contains(&format!("href=\"{SERVICE_PAGE}\"")), "a link back to the page");
    let kept = comments(app, "buchanska").await;
    assert_eq!(kept, vec!["Не знайшла, куди писати. Мій телефон […], пошта […], РНОКПП […]".to_string()]);
    assert_eq!(counted(app).await, vec![("buchanska".into(), START_KEY.into(), false, 1)]);

    // A question page of a journey asks too, about the page and not the case.
    let mut resident = resident(app, "olena@example.org").await;
    let first = start(&mut resident, SERVICE_PAGE).await;
    let question = resident.get(&first).await;
    let page_id = first.rsplit('/').next().unwrap();
    let key = format!("service:buchanska/zapyt-na-publichnu-informatsiiu:page:question.{page_id}");
    assert!(question.body.contains(&key), "{}", question.body);
    let yes = resident.submit(&first, "/feedback", &[("page", &key), ("back", &first), ("useful", "yes")]).await;
    assert_eq!(yes.status, StatusCode::OK, "{}", yes.body);
    assert!(counted(app).await.contains(&("buchanska".into(), key.clone(), true, 1)));
    assert_eq!(comments(app, "buchanska").await.len(), 1, "no comment, nothing to read");

    // A page that is not one of a service's resident pages is not answered about; a foreign "back" is not followed.
    let odd = resident.submit(&first, "/feedback", &[("page", "/applications/1/status"), ("useful", "yes")]).await;
    assert_eq!(odd.status, StatusCode::NOT_FOUND);
    let mut other = Browser::new(app);
    let away = other
        .submit(
            SERVICE_PAGE,
            "/feedback",
            &[("page", &START_KEY.replace(":start", ":check")), ("back", "//evil.example/"), ("useful", "yes")],
        )
        .await;
    assert_eq!(away.status, StatusCode::OK);
    assert!(!away.body.contains("evil.example"));
}

async fn empty_huge_and_repeated_answers_are_refused_and_store_nothing(app: &App) {
    let mut browser = Browser::new(app);
    let empty = browser.submit(SERVICE_PAGE, "/feedback", &[("page", START_KEY), ("back", SERVICE_PAGE), ("comment", "Щось")]).await;
    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(empty.body.contains("href=\"#feedback-useful\""), "the error names the question: {}", empty.body);
    assert!(empty.body.contains("Виберіть «Так» або «Ні»"));
    assert!(empty.body.contains(">Щось</textarea>"), "what was typed stays");

    let huge = "я".repeat(1001);
    let long = browser.submit(SERVICE_PAGE, "/feedback", &[("page", START_KEY), ("useful", "no"), ("comment", &huge)]).await;
    assert_eq!(long.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(long.body.contains("href=\"#feedback-comment\""));
    assert!(long.body.contains("Скоротіть коментар до 1000 символів"));

    let mut english = Browser::new(app);
    let refused = english.submit(&format!("{SERVICE_PAGE}?lang=en"), "/feedback", &[("page", START_KEY)]).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.body.contains("Choose “Yes” or “No”"), "in the reader's language");
    assert!(counted(app).await.is_empty() && comments(app, "buchanska").await.is_empty(), "nothing stored");

    let first = browser.submit(SERVICE_PAGE, "/feedback", &[("page", START_KEY), ("useful", "yes"), ("comment", "Дякую")]).await;
    assert_eq!(first.status, StatusCode::OK);
    let again = browser.submit(SERVICE_PAGE, "/feedback", &[("page", START_KEY), ("useful", "yes"), ("comment", "Дякую")]).await;
    assert_eq!(again.status, StatusCode::TOO_MANY_REQUESTS, "{}", again.body);
    assert!(again.body.contains("Ви вже відповіли про цю сторінку"));
    assert!(again.headers.contains_key(header::RETRY_AFTER));
    assert_eq!(counted(app).await, vec![("buchanska".into(), START_KEY.into(), true, 1)], "the repeat is not counted");
    assert_eq!(comments(app, "buchanska").await, vec!["Дякую".to_string()]);
}

async fn admins_read_the_comments_of_their_community_only(app: &App) {
    let mut browser = Browser::new(app);
    browser.submit(SERVICE_PAGE, "/feedback", &[("page", START_KEY), ("useful", "no"), ("comment", "Бучанський коментар")]).await;
    let ternopil = "service:ternopilska/zapyt-na-publichnu-informatsiiu:page:start";
    browser.submit(SERVICE_PAGE, "/feedback", &[("page", ternopil), ("useful", "no"), ("comment", "Тернопільський коментар")]).await;

    let mut admin = staff_browser(app, "admin@bucha.example", Role::CommunityAdmin, bucha()).await;
    let account = admin.get("/account").await;
    assert!(account.body.contains("href=\"/staff/feedback\""), "reached from the staff's pages");
    let page = admin.get("/staff/feedback").await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(page.body.contains("Бучанський коментар"));
    assert!(!page.body.contains("Тернопільський коментар"));
    assert!(audited(app, "page_feedback.viewed", "community:buchanska").await, "the view is audited");
    assert_eq!(admin.get("/staff/feedback?community=ternopilska").await.status, StatusCode::NOT_FOUND);

    let mut other = staff_browser(app, "admin@ternopil.example", Role::CommunityAdmin, Scope::Community("ternopilska".into())).await;
    let theirs = other.get("/staff/feedback").await;
    assert!(theirs.body.contains("Тернопільський коментар") && !theirs.body.contains("Бучанський коментар"));
    assert_eq!(other.get("/staff/feedback?community=buchanska").await.status, StatusCode::NOT_FOUND);

    let mut officer = staff_browser(app, "officer@bucha.example", Role::Officer, bucha()).await;
    assert_eq!(officer.get("/staff/feedback").await.status, StatusCode::NOT_FOUND, "an officer does not read them");
    assert_eq!(Browser::new(app).get("/staff/feedback").await.status, StatusCode::SEE_OTHER);
}

async fn the_pulse_shows_usefulness_only_past_the_threshold(app: &App) {
    use hromada_domain::feedback::PageKey;
    use hromada_store::NewPageFeedback;
    // As answered from many addresses: 6 "yes" and 4 "no" about the start page, 6 "no" about "check".
    let day = hromada_domain::clock::kyiv_time(time::OffsetDateTime::now_utc()).date();
    let service = "zapyt-na-publichnu-informatsiiu";
    for (page, useful, n) in [("start", true, 6), ("start", false, 4), ("check", false, 6)] {
        for _ in 0..n {
            let answer = NewPageFeedback { page: PageKey::new("buchanska", service, page), useful, comment: None, day };
            app.db.store.put_page_feedback(&answer).await.unwrap();
        }
    }
    let (status, _, page) = app.get("/buchanska/pulse").await;
    assert_eq!(status, StatusCode::OK);
    let useful = page.split("id=\"pulse-useful-h\"").nth(1).unwrap().split("</section>").next().unwrap().to_string();
    // 16 answers are published rounded (15); 6 of 16 "yes" as a coarse share (to 10 percent under 20 answers).
    assert!(useful.contains("<td>15</td>"), "{useful}");
    assert!(useful.contains("40"), "{useful}");
    // "Check your answers" had 6 "no" (shown as 5); the start page's 4 are fewer than the threshold: not listed.
    assert!(useful.contains("Перевірка відповідей (5)"), "{useful}");
    assert!(!useful.contains("Сторінка послуги ("), "{useful}");
}
