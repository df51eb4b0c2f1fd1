//! "Where do I find this?" beside the questions whose answer is printed on a
//! document: the words say where, a drawing shows it, and the lawful
//! alternatives say what to do without it — on the same page, so opening it
//! loses no typed answer.

use super::*;

both!(a_document_question_says_where_to_find_it_and_what_to_do_without, a_number_plate_is_asked_with_where_to_find_it_and_kept_as_printed,);

const PARKING: &str = "parkuvalne-mistse-dlia-osoby-z-invalidnistiu";

/// The "Where do I find this?" disclosures of a page, each from `<details` to `</details>`.
fn disclosures(body: &str) -> Vec<&str> {
    body.split("<details class=\"where\">").skip(1).map(|rest| rest.split("</details>").next().unwrap()).collect()
}

/// A disclosure neither leaves the page nor sends it: opening it keeps what was typed.
fn stays_on_the_page(disclosure: &str) {
    for leaving in ["<a ", "<form", "<button", "<input", "<script"] {
        assert!(!disclosure.contains(leaving), "a disclosure holds no {leaving}: {disclosure}");
    }
}

async fn a_document_question_says_where_to_find_it_and_what_to_do_without(app: &App) {
    let mut browser = resident(app, "where@example.org").await;
    let first = start(&mut browser, REGISTRATION).await;
    let applicant = location(&answer(&mut browser, &first, &[("registrant", "self")]).await);
    assert!(applicant.ends_with("/page/applicant"), "{applicant}");

    let page = browser.get(&applicant).await;
    let shown = disclosures(&page.body);
    // The passport or ID card, and the taxpayer number; not the name, date or phone.
    assert_eq!(shown.len(), 2, "{}", page.body);
    let (id_document, rnokpp) = (shown[0], shown[1]);
    for disclosure in &shown {
        assert!(disclosure.contains("<summary>Де це знайти?"), "{disclosure}");
        assert!(
            disclosure.contains("<svg viewBox=\"0 0 200 120\" role=\"img\" aria-label=\"Малюнок: "),
            "a drawing with its words: {disclosure}"
        );
        stays_on_the_page(disclosure);
    }
    // The words are the answer: where it is printed, and the other document that will do.
    assert!(id_document.contains("у рядку «Документ №»"), "{id_document}");
    assert!(id_document.contains("паспорт-книжечка або ID-картка"), "{id_document}");
    assert!(rnokpp.contains("на картці платника податків"), "{rnokpp}");
    assert!(rnokpp.contains("введіть у це поле серію та номер паспорта"), "the lawful alternative: {rnokpp}");
    // Each disclosure follows its own field, so the keyboard reaches it right after the answer.
    let after = |field: &str| page.body.split(&format!("id=\"{field}\"")).nth(1).unwrap().split("<div class=\"field").next().unwrap();
    assert!(after("id_document").contains("<details class=\"where\">"));
    assert!(after("rnokpp").contains("<details class=\"where\">"));
    assert!(!after("phone").contains("<details"));

    // A refused page keeps what was typed and still offers the help.
    let typed = [
        ("full_name", "Олена Коваль"),
        ("date_of_birth", "12.05.1990"),
        ("id_document", "КА123456"),
        ("rnokpp", "123"),
        ("phone", "067 123 45 67"),
    ];
    let refused = answer(&mut browser, &applicant, &typed).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.body.contains("value=\"КА123456\"") && refused.body.contains("value=\"123\""), "typed answers stay");
    assert_eq!(disclosures(&refused.body).len(), 2);

    // The passport the disclosure offers is taken in place of the taxpayer number.
    let typed = [typed[0], typed[1], typed[2], ("rnokpp", "кв 123456"), typed[4]];
    let next = answer(&mut browser, &applicant, &typed).await;
    assert_eq!(next.status, StatusCode::SEE_OTHER, "{}", next.body);
    let answers = app.db.store.case(case_id(&applicant)).await.unwrap().unwrap().answers;
    assert_eq!(answers["rnokpp"], ["КВ123456"]);

    // In English too.
    let english = browser.get(&format!("{applicant}?lang=en")).await;
    let shown = disclosures(&english.body);
    assert_eq!(shown.len(), 2);
    assert!(shown[0].contains("<summary>Where do I find this?"), "{}", shown[0]);
    assert!(shown[0].contains("aria-label=\"Drawing: "), "{}", shown[0]);
    assert!(shown[1].contains("enter your passport series and number"), "{}", shown[1]);
}

async fn a_number_plate_is_asked_with_where_to_find_it_and_kept_as_printed(app: &App) {
    app.db.store.import_service(PARKING, &demo_service(PARKING), NOW).await.unwrap();
    app.db.store.offer_service("buchanska", PARKING).await.unwrap();
    assert!(app.state.refresh_catalogue_if_changed().await.unwrap());
    let mut browser = resident(app, "plate@example.org").await;
    let first = start(&mut browser, &format!("/buchanska/{PARKING}")).await;
    let id = case_id(&first);
    let role = [("applicant_role", "self"), ("full_name", "Олена Коваль"), ("rnokpp", "3184710691"), ("phone", "067 123 45 67")];
    let disability = location(&answer(&mut browser, &first, &role).await);
    assert!(disability.ends_with("/page/disability"), "{disability}");
    let sent = browser
        .post_multipart(
            &disability,
            &disability,
            &[("_version", "1"), ("disability_group", "group_2")],
            &[("disability_document", "dovidka.png", PNG)],
        )
        .await;
    let vehicle = location(&sent);
    assert!(vehicle.ends_with("/page/vehicle"), "{vehicle}");

    let page = browser.get(&vehicle).await;
    let shown = disclosures(&page.body);
    assert_eq!(shown.len(), 1, "{}", page.body);
    assert!(shown[0].contains("на табличках спереду і ззаду автомобіля"), "{}", shown[0]);
    assert!(shown[0].contains(">АА 1234 ВВ</text>"), "the drawing is a plate: {}", shown[0]);
    stays_on_the_page(shown[0]);

    // A letter no plate has is refused, naming what a plate looks like; nothing is kept.
    let car = |plate: &'static str| [("_version", "1"), ("vehicle_make", "Renault Logan"), ("vehicle_plate", plate)];
    let refused = browser.post_multipart(&vehicle, &vehicle, &car("ББ 1234 ВВ"), &[]).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.body.contains("Введіть номерний знак: дві літери, чотири цифри і дві літери"), "{}", refused.body);
    assert!(!app.db.store.case(id).await.unwrap().unwrap().answers.contains_key("vehicle_plate"));

    // Latin look-alikes in either case are the plate's Cyrillic letters; the page shows it as printed.
    let registration = [("vehicle_registration", "svidotstvo.png", PNG)];
    let saved = browser.post_multipart(&vehicle, &vehicle, &car("ka 0007 xo"), &registration).await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    assert_eq!(app.db.store.case(id).await.unwrap().unwrap().answers["vehicle_plate"], ["КА0007ХО"]);
    assert!(browser.get(&vehicle).await.body.contains("value=\"КА 0007 ХО\""));
}
