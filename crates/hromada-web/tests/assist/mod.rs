//! Assisted applications at a service centre (an operator applies on a
//! resident's behalf; a receipt with a one-time claim code; the resident
//! claims the case) and the one-question survey after a decision.

use super::*;

use hromada_domain::account::{Role, Scope};
use hromada_store::{CaseSchedule, NewCaseEvent};

both!(
    an_operator_applies_for_a_resident_without_an_account_who_claims_it_later,
    an_operator_finds_a_registered_resident_by_e_mail,
    only_the_operator_who_made_an_assisted_draft_reaches_it,
    the_survey_asks_once_after_a_decision,
);

const INFORMATION_SERVICE: &str = "buchanska/zapyt-na-publichnu-informatsiiu";

/// The form of `/staff/assist` for a resident without an account, as `(name, value)` pairs.
fn for_new_resident<'a>(service: &'a str, name: &'a str, email: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("service", service),
        ("who", "new"),
        ("full_name", name),
        ("email", email),
        ("phone", "067 123 45 67"),
        ("identity", "id_card"),
        ("consent", "yes"),
    ]
}

/// Through the check page to the draft's first page.
async fn start_assisted(operator: &mut Browser<'_>, fields: &[(&str, &str)]) -> String {
    let check = operator.submit("/staff/assist", "/staff/assist", fields).await;
    assert_eq!(check.status, StatusCode::OK, "{}", check.body);
    assert!(check.body.contains("Перевірте, перш ніж почати заяву"), "{}", check.body);
    let mut start = fields.to_vec();
    start.push(("_step", "start"));
    location(&operator.submit("/staff/assist", "/staff/assist", &start).await)
}

/// Fill in the request for information from its first page and send it; the case's id.
async fn fill_and_send_information(browser: &mut Browser<'_>, first: &str, name: &str, email: &str) -> i64 {
    let id = case_id(first);
    let next = location(&answer(browser, first, &[("request_text", "Копія рішення виконкому про тарифи"), ("urgent", "no")]).await);
    let next = location(&answer(browser, &next, &[("answer_channel", "email")]).await);
    let next = location(&answer(browser, &next, &[("requester_kind", "person"), ("full_name", name), ("email", email)]).await);
    let check = location(&answer(browser, &next, &[("contacts_correct", "yes")]).await);
    assert_eq!(check, format!("/applications/{id}/check"));
    let done = location(&browser.submit(&check, &format!("/applications/{id}/submit"), &[]).await);
    assert_eq!(done, format!("/applications/{id}/done"));
    id
}

fn claim_code_on(page: &Page) -> String {
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    page.body.split("class=\"claim-code\">").nth(1).and_then(|r| r.split('<').next()).expect("the receipt shows a claim code").to_string()
}

async fn an_operator_applies_for_a_resident_without_an_account_who_claims_it_later(app: &App) {
    let mut operator = staff_browser(app, "operator@buchanska.example.org", Role::Operator, bucha()).await;
    let operator_id = app.db.store.account_by_email("operator@buchanska.example.org").await.unwrap().unwrap().id;
    let form = operator.get("/staff/assist").await;
    assert_eq!(form.status, StatusCode::OK, "{}", form.body);
    assert!(form.body.contains("за номером телефону поки не можна"), "the hint says phones cannot be searched: {}", form.body);
    assert!(form.body.contains("<legend>Як ви перевірили особу мешканця?</legend>"));

    // Mistakes come back with an error summary, field by field; nothing is made.
    let wrong = operator
        .submit(
            "/staff/assist",
            "/staff/assist",
            &[("service", INFORMATION_SERVICE), ("who", "new"), ("phone", "123"), ("identity", "other"), ("full_name", "Марія\u{0}")],
        )
        .await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(wrong.body.contains("<title>Помилка: "), "{}", wrong.body);
    for field in ["full_name", "phone", "identity_note", "consent"] {
        assert!(wrong.body.contains(&format!("href=\"#{field}\"")), "{field}: {}", wrong.body);
    }
    assert!(wrong.body.contains("value=\"123\""), "typed values stay");
    let nobody = operator
        .submit(
            "/staff/assist",
            "/staff/assist",
            &[
                ("service", "ternopilska/zapyt-na-publichnu-informatsiiu"),
                ("who", "new"),
                ("full_name", "Марія Шевчук"),
                ("identity", "passport"),
                ("consent", "yes"),
            ],
        )
        .await;
    assert_eq!(nobody.status, StatusCode::UNPROCESSABLE_ENTITY, "not this operator's counter");
    assert!(nobody.body.contains("href=\"#service\""));

    // The check page, then the same journey as anyone's.
    let fields = for_new_resident(INFORMATION_SERVICE, "Марія Шевчук", "maria@example.org");
    let first = start_assisted(&mut operator, &fields).await;
    let id = case_id(&first);
    let case = app.db.store.case(id).await.unwrap().unwrap();
    assert_eq!((case.channel, case.assisted_by, case.applicant), (hromada_domain::case::CaseChannel::Assisted, Some(operator_id), None));
    assert_eq!(case.contact_email.as_deref(), Some("maria@example.org"));
    let note: serde_json::Value = serde_json::from_str(case.assisted_note.as_deref().unwrap()).unwrap();
    assert_eq!(note["for_name"], "Марія Шевчук");
    assert_eq!(note["identity_check"], "id_card");
    assert_eq!(note["phone"], "+380671234567");
    assert!(note["consent_at"].as_str().unwrap().starts_with("20"), "{note}");
    assert!(audited(app, "case.assisted_started", &format!("case:{id}")).await);
    let back = operator.get(&first).await;
    assert!(back.body.contains("href=\"/staff/assist\""), "Back from the first page returns to the counter");
    fill_and_send_information(&mut operator, &first, "Марія Шевчук", "maria@example.org").await;
    let reference = app.db.store.case(id).await.unwrap().unwrap().reference.unwrap();

    let done = operator.get(&format!("/applications/{id}/done")).await;
    assert!(done.body.contains(&format!("/applications/{id}/receipt")), "{}", done.body);
    assert!(!done.body.contains("/track/"), "no tracking link of some other case");

    // The receipt: everything but the code, until the operator makes one (shown once).
    let receipt = format!("/applications/{id}/receipt");
    let plain = operator.get(&receipt).await;
    assert_eq!(plain.status, StatusCode::OK);
    assert!(plain.body.contains(&reference) && plain.body.contains("Марія Шевчук"), "{}", plain.body);
    assert!(!plain.body.contains("class=\"claim-code\""));
    let spoiled = claim_code_on(&operator.submit(&receipt, &receipt, &[]).await);
    let printed_page = operator.submit(&receipt, &receipt, &[]).await;
    let code = claim_code_on(&printed_page);
    assert!(printed_page.body.contains(&reference) && printed_page.body.contains("/applications/claim"));
    assert_ne!(spoiled, code, "a new code replaces the old one");
    assert_eq!(code.len(), 12, "{code}");
    assert!(code.chars().all(|c| c == '-' || "0123456789ABCDEFGHJKMNPQRSTVWXYZ".contains(c)), "{code}");
    assert!(!operator.get(&receipt).await.body.contains(&code), "the code is not shown again");
    assert!(audited(app, "case.claim_code_issued", &format!("case:{id}")).await);

    // The operator sees the case, but writing to the office, withdrawing and the survey are the resident's.
    let status = operator.get(&format!("/applications/{id}/status")).await;
    assert_eq!(status.status, StatusCode::OK);
    assert!(!status.body.contains("name=\"message\"") && !status.body.contains("/withdraw\""), "{}", status.body);
    let token = operator.get("/account").await.csrf();
    for path in [format!("/applications/{id}/reply"), format!("/applications/{id}/withdraw"), format!("/applications/{id}/survey")] {
        assert_eq!(operator.post_raw(&path, format!("_csrf={token}&message=x&score=5"), &[]).await.status, StatusCode::NOT_FOUND, "{path}");
    }

    // The resident registers and claims the case with the code printed last.
    let mut maria = resident(app, "maria@example.org").await;
    assert_eq!(maria.get(&format!("/applications/{id}/status")).await.status, StatusCode::NOT_FOUND, "not hers yet");
    assert!(maria.get("/applications").await.body.contains("href=\"/applications/claim\""));
    let old = maria.submit("/applications/claim", "/applications/claim", &[("code", &spoiled)]).await;
    assert_eq!(old.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(old.body.contains("Код не підходить") && old.body.contains("href=\"#code\""), "{}", old.body);
    let typed = code.to_lowercase().replace('-', " ");
    let claimed = maria.submit("/applications/claim", "/applications/claim", &[("code", &typed)]).await;
    assert_eq!(location(&claimed), format!("/applications/{id}/status"));
    let maria_id = app.db.store.account_by_email("maria@example.org").await.unwrap().unwrap().id;
    assert_eq!(app.db.store.case(id).await.unwrap().unwrap().applicant, Some(maria_id));
    assert!(audited(app, "case.claimed", &format!("case:{id}")).await);
    let hers = maria.get(&format!("/applications/{id}/status")).await;
    assert_eq!(hers.status, StatusCode::OK);
    assert!(hers.body.contains("Подано в ЦНАП оператором від вашого імені (Марія Шевчук)"), "{}", hers.body);
    assert!(!hers.body.contains("operator@buchanska"), "no staff names for residents");
    assert!(maria.get("/applications").await.body.contains(&reference));

    // Used once: the same code is wrong for anyone now, with the same answer; guessing is throttled.
    let mut taras = resident(app, "taras.claim@example.org").await;
    let again = taras.submit("/applications/claim", "/applications/claim", &[("code", &code)]).await;
    assert_eq!(again.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(again.body.contains("Код не підходить"));
    let token = taras.get("/applications/claim").await.csrf();
    let mut statuses = Vec::new();
    for _ in 0..10 {
        statuses.push(taras.post_raw("/applications/claim", format!("_csrf={token}&code=0000-0000-00"), &[]).await.status);
    }
    assert_eq!(statuses.iter().filter(|s| **s == StatusCode::UNPROCESSABLE_ENTITY).count(), 9, "{statuses:?}");
    assert_eq!(statuses.last(), Some(&StatusCode::TOO_MANY_REQUESTS));
    // A claimed case gets no new code.
    let token = operator.get("/account").await.csrf();
    let after = operator.post_raw(&receipt, format!("_csrf={token}"), &[]).await;
    assert_eq!(location(&after), receipt);
}

async fn an_operator_finds_a_registered_resident_by_e_mail(app: &App) {
    let mut olena = resident(app, "olena.assisted@example.org").await;
    let olena_id = app.db.store.account_by_email("olena.assisted@example.org").await.unwrap().unwrap().id;
    let mut operator = staff_browser(app, "officer@buchanska.example.org", Role::Officer, bucha()).await;
    let service = "buchanska/reiestratsiia-mistsia-prozhyvannia";
    let by_email = |email: &'static str| {
        vec![("service", service), ("who", "account"), ("email", email), ("identity", "passport"), ("consent", "yes")]
    };

    // An address without an account, and a staff member's, find nobody.
    for email in ["nobody@example.org", "officer@buchanska.example.org"] {
        let page = operator.submit("/staff/assist", "/staff/assist", &by_email(email)).await;
        assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY, "{email}");
        assert!(page.body.contains("Облікового запису з цією адресою немає"), "{}", page.body);
    }
    let check = operator.submit("/staff/assist", "/staff/assist", &by_email("Olena.Assisted@example.org")).await;
    assert!(check.body.contains("Олена (обліковий запис olena.assisted@example.org)"), "{}", check.body);
    // "Change" brings the form back as it was.
    let mut change = by_email("Olena.Assisted@example.org");
    change.push(("_step", "change"));
    let again = operator.submit("/staff/assist", "/staff/assist", &change).await;
    assert!(
        again.body.contains("value=\"Olena.Assisted@example.org\"") && again.body.contains("value=\"account\" checked"),
        "{}",
        again.body
    );

    let first = start_assisted(&mut operator, &by_email("Olena.Assisted@example.org")).await;
    assert!(first.ends_with("/page/whom"), "{first}");
    let id = case_id(&first);
    let case = app.db.store.case(id).await.unwrap().unwrap();
    assert_eq!((case.applicant, case.contact_email.as_deref()), (Some(olena_id), Some("olena.assisted@example.org")));
    assert_eq!(location(&answer(&mut operator, &first, &[("registrant", "self")]).await), format!("/applications/{id}/page/applicant"));
    // The draft lands in Olena's list; she can go on with it herself.
    let mine = olena.get("/applications").await;
    assert!(mine.body.contains(&format!("/applications/{id}\"")), "{}", mine.body);
    assert_eq!(olena.get(&format!("/applications/{id}/page/applicant")).await.status, StatusCode::OK);
}

async fn only_the_operator_who_made_an_assisted_draft_reaches_it(app: &App) {
    let mut maker = staff_browser(app, "maker@buchanska.example.org", Role::Operator, bucha()).await;
    let first = start_assisted(&mut maker, &for_new_resident(INFORMATION_SERVICE, "Іван Бойко", "")).await;
    let id = case_id(&first);
    let draft = app.db.store.case(id).await.unwrap().unwrap();
    assert_eq!(draft.contact_email, None, "no e-mail typed, none kept");

    let mut irpin = staff_browser(app, "operator@irpinska.example.org", Role::Operator, Scope::Community("irpinska".into())).await;
    let mut colleague = staff_browser(app, "colleague@buchanska.example.org", Role::Operator, bucha()).await;
    let mut supervisor = staff_browser(app, "supervisor@buchanska.example.org", Role::Supervisor, bucha()).await;
    let mut resident = resident(app, "curious@example.org").await;
    let mut anonymous = Browser::new(app);
    for (who, browser) in [
        ("irpin", &mut irpin),
        ("colleague", &mut colleague),
        ("supervisor", &mut supervisor),
        ("resident", &mut resident),
        ("anonymous", &mut anonymous),
    ] {
        for path in
            [format!("/applications/{id}"), first.clone(), format!("/applications/{id}/check"), format!("/applications/{id}/receipt")]
        {
            assert_eq!(browser.get(&path).await.status, StatusCode::NOT_FOUND, "{who}: {path}");
        }
        let account = browser.get("/account").await;
        let token = if account.body.contains("name=\"_csrf\"") { account.csrf() } else { browser.get("/account/sign-in").await.csrf() };
        for path in [format!("/applications/{id}/submit"), format!("/applications/{id}/delete"), first.clone()] {
            assert_eq!(
                browser.post_raw(&path, format!("_csrf={token}&_version=1"), &[]).await.status,
                StatusCode::NOT_FOUND,
                "{who}: POST {path}"
            );
        }
    }
    assert_eq!(app.db.store.case(id).await.unwrap().unwrap(), draft, "nothing changed");
    // The counter itself: only for operators, officers and supervisors of a community with services.
    assert_eq!(irpin.get("/staff/assist").await.status, StatusCode::NOT_FOUND, "Irpin offers no services");
    assert_eq!(resident.get("/staff/assist").await.status, StatusCode::NOT_FOUND);
    assert_eq!(anonymous.get("/staff/assist").await.status, StatusCode::NOT_FOUND);
    let mut admin = staff_browser(app, "admin@buchanska.example.org", Role::CommunityAdmin, bucha()).await;
    assert_eq!(admin.get("/staff/assist").await.status, StatusCode::NOT_FOUND);
    let token = admin.get("/account").await.csrf();
    let forged = admin.post_raw("/staff/assist", format!("_csrf={token}&service=buchanska%2Fzapyt-na-publichnu-informatsiiu&who=new&full_name=X&identity=passport&consent=yes&_step=start"), &[]).await;
    assert_eq!(forged.status, StatusCode::NOT_FOUND);
    assert_eq!(supervisor.get("/staff/assist").await.status, StatusCode::OK);
    // The maker goes on (the staff home lists the draft), and may delete the draft the resident no longer wants.
    assert_eq!(maker.get(&first).await.status, StatusCode::OK);
    assert!(maker.get("/staff").await.body.contains(&format!("href=\"/applications/{id}\"")), "the operator finds their unfinished drafts");
    let deleted = maker.submit(&format!("/applications/{id}/delete"), &format!("/applications/{id}/delete"), &[]).await;
    assert_eq!(location(&deleted), "/staff");
    assert_eq!(app.db.store.case(id).await.unwrap(), None);
}

/// Put the case in `to` as the office would, with the decision's time.
async fn decide(app: &App, id: i64, action: &str, to: &str) {
    let case = app.db.store.case(id).await.unwrap().unwrap();
    let event = NewCaseEvent {
        case_id: id,
        at: time::OffsetDateTime::now_utc(),
        kind: hromada_domain::case::CaseEventKind::Action,
        action: Some(action.into()),
        transition: Some((case.state.clone(), to.into())),
        by_applicant: false,
        actor: None,
        body: None,
        internal: false,
        files: Vec::new(),
        schedule: Some(CaseSchedule { due_on: case.due_on, decided_at: Some(time::OffsetDateTime::now_utc()), ..Default::default() }),
        inputs: None,
        document: None,
    };
    app.db.store.record_case_event(&event).await.unwrap();
}

async fn the_survey_asks_once_after_a_decision(app: &App) {
    let mut browser = Browser::new(app);
    let first = start(&mut browser, INFORMATION).await;
    let id = fill_and_send_information(&mut browser, &first, "Іван Петренко", "ivan.survey@example.org").await;
    let status = format!("/applications/{id}/status");
    let survey = format!("/applications/{id}/survey");
    assert!(!browser.get(&status).await.body.contains("name=\"score\""), "no survey before a decision");
    assert_eq!(location(&browser.submit(&status, &survey, &[("score", "5")]).await), status);
    assert_eq!(app.db.store.satisfaction(id).await.unwrap(), None);

    decide(app, id, "approve", "approved").await;
    let page = browser.get(&status).await;
    assert!(page.body.contains("<legend>Наскільки ви задоволені тим, як розглянули вашу заяву?</legend>"), "{}", page.body);
    assert!(page.body.contains("1 — зовсім не задоволені") && page.body.contains("5 — дуже задоволені"));
    assert!(page.body.contains("<label for=\"comment\">"));

    // Wrong answers: 422, the error summary, nothing kept.
    let long = "д".repeat(1001);
    for (score, comment, field) in [
        ("0", "", "score"),
        ("6", "", "score"),
        ("abc", "", "score"),
        ("", "", "score"),
        ("3", "Дякую\u{0}\u{378}", "comment"),
        ("3", long.as_str(), "comment"),
    ] {
        let refused = browser.submit(&status, &survey, &[("score", score), ("comment", comment)]).await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY, "{score} / {comment}");
        assert!(refused.body.contains("<title>Помилка: ") && refused.body.contains(&format!("href=\"#{field}\"")), "{}", refused.body);
    }
    assert_eq!(app.db.store.satisfaction(id).await.unwrap(), None);

    let thanked = browser.submit(&status, &survey, &[("score", "4"), ("comment", "  Швидко і ввічливо  ")]).await;
    assert_eq!(location(&thanked), format!("{status}?survey=1"));
    let page = browser.get(&format!("{status}?survey=1")).await;
    assert!(
        page.body.contains("Дякуємо за відповідь")
            && page.body.contains("4 — скоріше задоволені")
            && page.body.contains("Швидко і ввічливо"),
        "{}",
        page.body
    );
    assert!(!page.body.contains("name=\"score\""), "asked once");
    // A second answer changes nothing.
    let token = browser.get("/account/sign-in").await.csrf();
    assert_eq!(location(&browser.post_raw(&survey, format!("_csrf={token}&score=1"), &[]).await), status);
    let (score, comment, _) = app.db.store.satisfaction(id).await.unwrap().unwrap();
    assert_eq!((score, comment.as_deref()), (4, Some("Швидко і ввічливо")));

    // A withdrawn case was not decided: no survey.
    let mut other = Browser::new(app);
    let first = start(&mut other, INFORMATION).await;
    let withdrawn = fill_and_send_information(&mut other, &first, "Іван Петренко", "ivan.survey2@example.org").await;
    decide(app, withdrawn, "withdraw", "withdrawn").await;
    assert!(!other.get(&format!("/applications/{withdrawn}/status")).await.body.contains("name=\"score\""));
    let token = other.get("/account/sign-in").await.csrf();
    let refused = other.post_raw(&format!("/applications/{withdrawn}/survey"), format!("_csrf={token}&score=5"), &[]).await;
    assert_eq!(location(&refused), format!("/applications/{withdrawn}/status"));
    assert_eq!(app.db.store.satisfaction(withdrawn).await.unwrap(), None);
}
