//! The back-office over HTTP: queues, claiming, the workflow's actions and
//! refusals, deadlines that stop while the office waits, supervisors'
//! assignment and overview, the calendar, and the audit of every staff view.

use super::*;
use hromada_domain::account::{Role, Scope};

both!(
    an_application_goes_from_the_resident_to_a_decision_and_back,
    the_workflow_refuses_every_action_it_does_not_allow,
    supervisors_assign_cases_and_see_the_workload,
    regional_admins_keep_the_calendar_of_non_working_days,
    a_link_in_a_letter_survives_the_second_factor,
    residents_see_who_at_the_office_opened_their_case,
    staff_find_their_work_queue_in_the_header,
);

/// Post a staff form found on `page` (its CSRF token) to `action`.
async fn staff_post(browser: &mut Browser<'_>, page: &str, action: &str, fields: &[(&str, &str)]) -> Page {
    browser.submit(page, action, fields).await
}

async fn an_application_goes_from_the_resident_to_a_decision_and_back(app: &App) {
    let (mut resident, id) = sent_request(app, "hanna@example.org").await;
    let reference = app.db.store.case(id).await.unwrap().unwrap().reference.unwrap();
    let mut officer = staff_browser(app, "officer.loop@buchanska.example.org", Role::Officer, bucha()).await;

    // The queue is a real table with the new case in it, unassigned.
    let queue = officer.get("/staff").await;
    assert_eq!(queue.status, StatusCode::OK, "{}", queue.body);
    assert!(queue.body.contains("<table") && queue.body.contains(&reference), "{}", queue.body);
    assert!(queue.body.contains("Не призначені (1)"), "{}", queue.body);

    // Claiming assigns it and takes the workflow's own "claim" step.
    let claimed = staff_post(&mut officer, "/staff", &format!("/staff/cases/{id}/claim"), &[]).await;
    assert_eq!(location(&claimed), format!("/staff/cases/{id}"));
    let case = app.db.store.case(id).await.unwrap().unwrap();
    assert_eq!(case.state, "in_review");
    assert!(case.assignee.is_some());
    let page = officer.get(&format!("/staff/cases/{id}")).await;
    assert!(page.body.contains("Копія договору на ремонт школи № 3"), "the answers as the definition labels them");
    assert!(audited(app, "case.viewed", &format!("case:{reference}")).await, "every staff view is audited");

    // An internal note stays inside the office.
    staff_post(&mut officer, &format!("/staff/cases/{id}"), &format!("/staff/cases/{id}/note"), &[("text", "Перевірити архів 2019 року")])
        .await;
    assert!(officer.get(&format!("/staff/cases/{id}")).await.body.contains("Перевірити архів 2019 року"));
    assert!(!resident.get(&format!("/applications/{id}/status")).await.body.contains("Перевірити архів"), "never shown to the resident");

    // Asking for information stops the clock.
    let asked = staff_post(
        &mut officer,
        &format!("/staff/cases/{id}/act/request_information"),
        &format!("/staff/cases/{id}/act/request_information"),
        &[("message", "Уточніть, будь ласка, рік договору")],
    )
    .await;
    assert_eq!(location(&asked), format!("/staff/cases/{id}?done=1"));
    let case = app.db.store.case(id).await.unwrap().unwrap();
    assert_eq!(case.state, "waiting_for_resident");
    assert!(case.paused_at.is_some(), "the deadline clock stops while the office waits");
    let due_before = case.due_on;
    let status = resident.get(&format!("/applications/{id}/status")).await;
    assert!(status.body.contains("Уточніть, будь ласка, рік договору") && status.body.contains("Надіслати уточнення"), "{}", status.body);
    assert!(!status.body.contains("Що потрібно уточнити:"), "the resident reads the request, not the staff form's label");

    // The resident's answer moves the case back and restarts the clock.
    let answered = resident
        .post_multipart(
            &format!("/applications/{id}/status"),
            &format!("/applications/{id}/reply"),
            &[("message", "Договір 2021 року")],
            &[],
        )
        .await;
    assert_eq!(location(&answered), format!("/applications/{id}/status?sent=1"));
    let case = app.db.store.case(id).await.unwrap().unwrap();
    assert_eq!(case.state, "in_review");
    assert_eq!(case.paused_at, None);
    assert!(case.due_on >= due_before, "the due date never moves earlier");

    // The decision.
    let approved = staff_post(
        &mut officer,
        &format!("/staff/cases/{id}/act/approve"),
        &format!("/staff/cases/{id}/act/approve"),
        &[("reply_text", "Надсилаємо копію договору від 12.03.2021")],
    )
    .await;
    assert_eq!(location(&approved), format!("/staff/cases/{id}?done=1"));
    let case = app.db.store.case(id).await.unwrap().unwrap();
    assert_eq!(case.state, "approved");
    assert!(case.decided_at.is_some());
    let status = resident.get(&format!("/applications/{id}/status")).await;
    assert!(status.body.contains("Відповідь надано") && status.body.contains("Надсилаємо копію договору"), "{}", status.body);
    assert!(audited(app, "case.action", &format!("case:{reference}")).await);
    // A decided case leaves the open queue.
    assert!(!officer.get("/staff").await.body.contains(&reference));
}

async fn the_workflow_refuses_every_action_it_does_not_allow(app: &App) {
    let (_, id) = sent_request(app, "refused@example.org").await;
    let mut officer = staff_browser(app, "officer.rules@buchanska.example.org", Role::Officer, bucha()).await;
    let before = app.db.store.case(id).await.unwrap().unwrap();
    let page = format!("/staff/cases/{id}");
    // Not from this state (approve needs in_review), not an action of this service, not for staff (withdraw is the applicant's).
    for action in ["approve", "reject", "publish_everything", "withdraw", "answer"] {
        let refused = staff_post(
            &mut officer,
            &page,
            &format!("/staff/cases/{id}/act/{action}"),
            &[("reply_text", "x"), ("refusal_ground", "not_held"), ("rejection_reason", "пояснення відмови")],
        )
        .await;
        assert_eq!(refused.status, StatusCode::CONFLICT, "{action}: {}", refused.body);
        assert_eq!(app.db.store.case(id).await.unwrap().unwrap(), before, "{action} changed nothing");
    }
    assert!(!officer.get(&page).await.body.contains("/act/approve\""), "the page offers only what the workflow allows");
    // A refusal needs its reason; the resident is always told why.
    staff_post(&mut officer, "/staff", &format!("/staff/cases/{id}/claim"), &[]).await;
    let no_reason = staff_post(
        &mut officer,
        &format!("/staff/cases/{id}/act/reject"),
        &format!("/staff/cases/{id}/act/reject"),
        &[("refusal_ground", "not_held")],
    )
    .await;
    assert_eq!(no_reason.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(no_reason.body.contains("href=\"#rejection_reason\""), "{}", no_reason.body);
    assert_eq!(app.db.store.case(id).await.unwrap().unwrap().state, "in_review");

    // An operator sees the case but takes no decision; other communities' staff and residents see nothing.
    let mut operator = staff_browser(app, "operator.rules@buchanska.example.org", Role::Operator, bucha()).await;
    assert_eq!(operator.get(&page).await.status, StatusCode::OK);
    // The operator's case page has no form now (no note, no action): the token of another page is the same.
    let token = operator.get("/account").await.csrf();
    let by_operator = operator.post_raw(&format!("/staff/cases/{id}/act/approve"), format!("_csrf={token}&reply_text=x"), &[]).await;
    assert_eq!(by_operator.status, StatusCode::NOT_FOUND);
    // Seeing a case is not writing on it: no internal note from an operator, and no form for one.
    let events = app.db.store.case_events(id).await.unwrap().len();
    let note = operator.post_raw(&format!("/staff/cases/{id}/note"), format!("_csrf={token}&text=note"), &[]).await;
    assert_eq!(note.status, StatusCode::NOT_FOUND, "{}", note.body);
    assert_eq!(app.db.store.case_events(id).await.unwrap().len(), events, "no note was written");
    assert!(!operator.get(&page).await.body.contains(&format!("/staff/cases/{id}/note\"")), "no note form for an operator");
    let mut stranger = staff_browser(app, "officer@ternopilska.example.org", Role::Officer, Scope::Community("ternopilska".into())).await;
    assert_eq!(stranger.get(&page).await.status, StatusCode::NOT_FOUND);
    assert!(!stranger.get("/staff").await.body.contains(&format!("/staff/cases/{id}\"")));
    let mut resident = resident(app, "curious@example.org").await;
    assert_eq!(resident.get(&page).await.status, StatusCode::NOT_FOUND);
    assert_eq!(resident.get("/staff").await.status, StatusCode::NOT_FOUND);
    assert_eq!(Browser::new(app).get(&page).await.status, StatusCode::SEE_OTHER, "a visitor is asked to sign in");
    assert_eq!(app.db.store.case(id).await.unwrap().unwrap().state, "in_review");
}

async fn supervisors_assign_cases_and_see_the_workload(app: &App) {
    let (_, first) = sent_request(app, "one@example.org").await;
    let (_, second) = sent_request(app, "two@example.org").await;
    let mut officer = staff_browser(app, "officer.team@buchanska.example.org", Role::Officer, bucha()).await;
    let officer_id = app.db.store.account_by_email("officer.team@buchanska.example.org").await.unwrap().unwrap().id;
    // An officer cannot hand out cases.
    let token = officer.get("/staff").await.csrf();
    officer.post_raw("/staff/assign", format!("_csrf={token}&case={first}&assignee={}", officer_id.0), &[]).await;
    assert_eq!(app.db.store.case(first).await.unwrap().unwrap().assignee, None);

    let mut supervisor = staff_browser(app, "supervisor.team@buchanska.example.org", Role::Supervisor, bucha()).await;
    let queue = supervisor.get("/staff").await;
    assert!(queue.body.contains(&format!("value=\"{}\"", officer_id.0)), "the officer is offered as an assignee");
    let assigned = supervisor
        .submit(
            "/staff",
            "/staff/assign",
            &[("case", &first.to_string()), ("case", &second.to_string()), ("assignee", &officer_id.0.to_string())],
        )
        .await;
    assert_eq!(location(&assigned), "/staff?assigned=2");
    assert!(supervisor.get("/staff?assigned=2").await.body.contains("Призначено 2 заяви"), "the supervisor is told");
    for id in [first, second] {
        assert_eq!(app.db.store.case(id).await.unwrap().unwrap().assignee, Some(officer_id));
    }
    let mine = officer.get("/staff?assignee=me").await;
    assert!(mine.body.contains("2 заяви"), "{}", mine.body);
    let overview = supervisor.get("/staff/overview").await;
    assert_eq!(overview.status, StatusCode::OK);
    assert!(overview.body.contains("officer.team@buchanska.example.org") || overview.body.contains("<td>2</td>"), "{}", overview.body);
    assert_eq!(officer.get("/staff/overview").await.status, StatusCode::NOT_FOUND, "the overview is for supervisors");
}

async fn regional_admins_keep_the_calendar_of_non_working_days(app: &App) {
    let mut admin = staff_browser(app, "admin.calendar@kyivska.example.org", Role::RegionalAdmin, Scope::Region("kyivska".into())).await;
    let added = admin.submit("/staff/calendar", "/staff/calendar", &[("day", "24.08.2026"), ("note", "День Незалежності")]).await;
    assert_eq!(location(&added), "/staff/calendar");
    assert_eq!(app.db.store.non_working_days().await.unwrap(), vec![time::macros::date!(2026 - 08 - 24)]);
    let wrong = admin.submit("/staff/calendar", "/staff/calendar", &[("day", "32.08.2026")]).await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(wrong.body.contains("href=\"#day\""));
    // The day's hint gives a day to come as its example, on the 15th so the day is not read as the month.
    let hint = wrong.body.split("id=\"day-hint\">").nth(1).and_then(|h| h.split('<').next()).unwrap_or_default().to_string();
    let example = hint.strip_prefix("Наприклад, ").and_then(|e| e.strip_suffix('.')).unwrap_or_default();
    let day = hromada_domain::values::UaDate::parse(example).map(|d| d.date());
    assert!(day.is_ok_and(|d| d.day() == 15 && d >= app.state.clock.today()), "hint: {hint}");
    let mut officer = staff_browser(app, "officer.calendar@buchanska.example.org", Role::Officer, bucha()).await;
    let seen = officer.get("/staff/calendar").await;
    assert!(seen.body.contains("24 серпня 2026") && !seen.body.contains("name=\"remove\""), "officers read it, only admins change it");
    let token = officer.get("/account").await.csrf();
    assert_eq!(officer.post_raw("/staff/calendar", format!("_csrf={token}&remove=2026-08-24"), &[]).await.status, StatusCode::NOT_FOUND);
    let removed = admin.submit("/staff/calendar", "/staff/calendar", &[("remove", "2026-08-24")]).await;
    assert_eq!(location(&removed), "/staff/calendar");
    assert!(app.db.store.non_working_days().await.unwrap().is_empty());
}

async fn a_link_in_a_letter_survives_the_second_factor(app: &App) {
    use hromada_domain::auth::TotpSecret;
    let (_, id) = sent_request(app, "link@example.org").await;
    let email = "officer.link@buchanska.example.org";
    let link = hromada_web::invite_staff(
        app.db.store.as_ref(),
        email,
        Role::Officer,
        bucha(),
        None,
        time::OffsetDateTime::now_utc(),
        "http://hromada.test",
    )
    .await
    .unwrap();
    let path = link.strip_prefix("http://hromada.test").unwrap().to_string();
    let mut browser = Browser::new(app);
    browser.submit(&path, &path, &[("new_password", "службовий пароль для тестів")]).await;
    let enrol = browser.get("/staff/totp").await;
    let at = enrol.body.find("class=\"secret\" lang=\"en\">").unwrap();
    let secret = TotpSecret::from_base32(&enrol.body[at + 25..].split('<').next().unwrap().split_whitespace().collect::<String>()).unwrap();
    let now = time::OffsetDateTime::now_utc().unix_timestamp();
    browser.submit("/staff/totp", "/staff/totp", &[("code", &secret.code_at(now))]).await;
    let out = browser.get("/account").await.csrf();
    browser.post_raw("/account/sign-out", format!("_csrf={out}"), &[]).await;

    // Opening a case from a letter while signed out: sign in, second factor, and land on the case.
    let target = format!("/staff/cases/{id}");
    let asked = location(&browser.get(&target).await);
    let signed = browser.submit(&asked, &asked, &[("email", email), ("password", "службовий пароль для тестів")]).await;
    let code_page = location(&signed);
    assert!(code_page.starts_with("/account/sign-in/code?next="), "{code_page}");
    let done = browser.submit(&code_page, &code_page, &[("code", &secret.code_at(now + 30))]).await;
    assert_eq!(location(&done), target);
}

/// The resident reads, from the audit trail, every time someone at the office
/// opened their case or one of its files: when, who (name or staff number,
/// roles, community) and what; the latest few on the status page, all of them
/// in pages of their own, only for the case's owner.
async fn residents_see_who_at_the_office_opened_their_case(app: &App) {
    let (mut resident, id) = sent_request(app, "opened@example.org").await;
    let status_path = format!("/applications/{id}/status");
    let opened_path = format!("/applications/{id}/opened");
    let status = resident.get(&status_path).await;
    assert!(status.body.contains("Ніхто з працівників громади ще не відкривав вашу заяву"), "{}", status.body);

    resident
        .post_multipart(&status_path, &format!("/applications/{id}/reply"), &[("message", "Додаю скан")], &[("files", "скан.png", PNG)])
        .await;
    let file = app.db.store.case_files(id).await.unwrap().into_iter().find(|f| f.name.ends_with(".png")).expect("the reply's file");

    let mut officer = staff_browser(app, "officer.opened@buchanska.example.org", Role::Officer, bucha()).await;
    let officer_id = app.db.store.account_by_email("officer.opened@buchanska.example.org").await.unwrap().unwrap().id;
    assert_eq!(officer.get(&format!("/staff/cases/{id}")).await.status, StatusCode::OK);
    let opened_file = officer.get(&format!("/staff/cases/{id}/files/{}", file.id)).await;
    assert_eq!(opened_file.status, StatusCode::OK);
    // A note is not an opening, and is never shown to the resident.
    staff_post(&mut officer, &format!("/staff/cases/{id}"), &format!("/staff/cases/{id}/note"), &[("text", "Службова примітка")]).await;

    let status = resident.get(&status_path).await;
    assert_eq!(status.status, StatusCode::OK);
    let who = format!("Працівник № {officer_id} (Посадова особа), Бучанська громада");
    assert!(status.body.contains(&who), "who opened it: {}", status.body);
    assert!(status.body.contains("Переглянуто заяву"), "{}", status.body);
    assert!(status.body.contains(&format!("Відкрито файл «{}»", file.name)), "{}", status.body);
    assert!(!status.body.contains("Ніхто з працівників"), "{}", status.body);
    assert!(!status.body.contains("Службова примітка"));
    assert!(!status.body.contains(&opened_path), "no link to more while everything is shown");

    // Many views: the status page shows the latest five and links to all of them.
    for _ in 0..60 {
        officer.get(&format!("/staff/cases/{id}")).await;
    }
    let status = resident.get(&status_path).await;
    assert_eq!(status.body.matches(&who).count(), 5, "{}", status.body);
    assert!(status.body.contains(&format!("href=\"{opened_path}\"")), "{}", status.body);
    let all = resident.get(&opened_path).await;
    assert_eq!(all.status, StatusCode::OK, "{}", all.body);
    assert_eq!(all.body.matches(&who).count(), 50, "a page of fifty, newest first");
    let earlier = all.body.split(&format!("href=\"{opened_path}?before=")).nth(1).expect("a link to earlier entries");
    let before: String = earlier.chars().take_while(char::is_ascii_digit).collect();
    let rest = resident.get(&format!("{opened_path}?before={before}")).await;
    assert_eq!(rest.body.matches(&who).count(), 13, "63 openings in all (the note was posted from the case page): 50 + 13");
    assert!(rest.body.contains("Відкрито файл"), "the oldest entries come last");
    assert!(!rest.body.contains("?before="), "no link past the first opening");

    // In English too.
    let en = resident.get(&format!("{opened_path}?lang=en")).await;
    assert!(en.body.contains(&format!("Staff member no. {officer_id} (Officer), Bucha community")), "{}", en.body);

    // Only the case's owner sees who opened it.
    assert_eq!(Browser::new(app).get(&opened_path).await.status, StatusCode::NOT_FOUND);
    let (mut other, _) = sent_request(app, "someone.else@example.org").await;
    assert_eq!(other.get(&opened_path).await.status, StatusCode::NOT_FOUND);
}

/// A staff member's header leads to their work queue, not to a resident's
/// applications, and "My applications" offers them no claim link (it would
/// answer them 404); signing out gives the header back to residents.
async fn staff_find_their_work_queue_in_the_header(app: &App) {
    let header = |page: &Page| page.body.split("<main").next().unwrap_or_default().to_string();
    let mut resident = Browser::new(app);
    let home = resident.get("/").await;
    assert!(header(&home).contains("href=\"/applications\"") && !header(&home).contains("href=\"/staff\""), "{}", header(&home));

    let mut officer = staff_browser(app, "officer.header@buchanska.example.org", Role::Officer, bucha()).await;
    let home = officer.get("/").await;
    assert!(header(&home).contains("<a href=\"/staff\">Робоча черга</a>"), "{}", header(&home));
    assert!(!header(&home).contains("href=\"/applications\""), "{}", header(&home));
    let mine = officer.get("/applications").await;
    assert_eq!(mine.status, StatusCode::OK);
    assert!(!mine.body.contains("/applications/claim"), "no link that answers staff 404: {}", mine.body);
    assert!(mine.body.contains("Службовий обліковий запис не подає заяв"), "{}", mine.body);
    assert_eq!(officer.get("/applications/claim").await.status, StatusCode::NOT_FOUND);

    officer.submit("/account", "/account/sign-out", &[]).await;
    let home = officer.get("/").await;
    assert!(header(&home).contains("href=\"/applications\"") && !header(&home).contains("href=\"/staff\""), "{}", header(&home));
}
