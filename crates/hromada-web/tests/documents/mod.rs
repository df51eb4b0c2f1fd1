//! Verifiable documents over HTTP: a decision issues a signed document that
//! its holder reads as a page and a PDF; anyone checks it at /verify, online,
//! and offline with the published keys — genuine, changed, cut, signed by a
//! key that is not ours, revoked, expired; keys rotate and old documents
//! still verify; strangers see nothing.

use super::*;
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hromada_domain::account::{Role, Scope};
use hromada_domain::document::{self, KeysFile, Payload, Verdict};

both!(
    an_approval_issues_a_document_its_holder_reads_and_anyone_checks,
    a_changed_cut_or_foreign_document_is_not_taken_for_genuine,
    a_revoked_document_says_so_online_and_offline,
    rotated_keys_keep_old_documents_genuine,
);

/// A request for information sent without an account and answered by an officer: the resident's browser, the officer's, the case id.
async fn answered_request<'a>(app: &'a App, email: &str) -> (Browser<'a>, Browser<'a>, i64) {
    let (resident, id) = sent_request(app, email).await;
    let mut officer = staff_browser(app, &format!("officer.{id}@buchanska.example.org"), Role::Officer, bucha()).await;
    location(&officer.submit("/staff", &format!("/staff/cases/{id}/claim"), &[]).await);
    let page = format!("/staff/cases/{id}/act/approve");
    let approved = officer.submit(&page, &page, &[("reply_text", "Надсилаємо копію договору від 12.03.2021")]).await;
    assert_eq!(location(&approved), format!("/staff/cases/{id}?done=1"));
    (resident, officer, id)
}

async fn keys_file(app: &App) -> KeysFile {
    let (status, headers, body) = app.get("/.well-known/hromada-keys.json").await;
    assert_eq!(status, StatusCode::OK);
    assert!(headers[header::CONTENT_TYPE].to_str().unwrap().starts_with("application/json"));
    serde_json::from_str(&body).expect("the keys file reads as published")
}

async fn verdict_page(app: &App, query: &str) -> String {
    let (status, headers, body) = app.get(&format!("/verify?{query}")).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(headers[header::CACHE_CONTROL], "no-store");
    body
}

fn today() -> time::Date {
    hromada_domain::clock::kyiv_time(time::OffsetDateTime::now_utc()).date()
}

async fn an_approval_issues_a_document_its_holder_reads_and_anyone_checks(app: &App) {
    let (mut resident, mut officer, id) = answered_request(app, "hanna.doc@example.org").await;
    let case = app.db.store.case(id).await.unwrap().unwrap();
    let reference = case.reference.clone().unwrap();
    let documents = app.db.store.documents_of_case(id).await.unwrap();
    assert_eq!(documents.len(), 1, "the approval issued the service's document");
    let doc = &documents[0].document;
    assert_eq!(doc.number, reference, "numbered as the case");
    assert_eq!((doc.kind.as_str(), doc.holder.as_str(), doc.key_id.as_str()), ("reply", "Ганна Мельник", "BUC-1"));
    assert_eq!(doc.issued_on, today());
    assert_eq!(doc.expires_on, None, "this definition sets no validity");
    let printed: Vec<(&str, &str)> = doc.fields.iter().map(|f| (f.id.as_str(), f.value.as_str())).collect();
    assert_eq!(
        printed,
        vec![
            ("full_name", "Ганна Мельник"),
            ("request_text", "Копія договору на ремонт школи № 3"),
            ("reply_text", "Надсилаємо копію договору від 12.03.2021")
        ],
        "the fields the definition names, in its order, from the answers and the decision's input (an unanswered one left out)"
    );
    // The private key is in the data dir, readable by the server's user only; the store has the public half.
    let key_file = app.files.path().join("keys").join("BUC-1.ed25519");
    let meta = std::fs::metadata(&key_file).expect("the private key file");
    assert_eq!(meta.len(), 90, "sealed with keys_secret");
    // Without the passphrase, or with another one, the key cannot be used.
    let record = app.db.store.signing_keys().await.unwrap().remove(0);
    let now = time::OffsetDateTime::now_utc();
    let locked = hromada_web::keys::KeyFolder::new(app.files.path(), Some(hromada_web::keys::KeysSecret::new("some other passphrase")));
    assert!(matches!(locked.current(app.db.store.as_ref(), "buchanska", now).await, Err(hromada_web::keys::KeyError::Locked { .. })));
    let none = hromada_web::keys::KeyFolder::new(app.files.path(), None);
    assert!(matches!(none.current(app.db.store.as_ref(), "buchanska", now).await, Err(hromada_web::keys::KeyError::NoSecret { .. })));
    assert_eq!(app.db.store.signing_keys().await.unwrap(), vec![record], "a folder that cannot open the key makes no other");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        assert_eq!(meta.permissions().mode() & 0o777, 0o600);
        assert_eq!(std::fs::metadata(app.files.path().join("keys")).unwrap().permissions().mode() & 0o777, 0o700);
    }

    // The decision letter says where the document is.
    for _ in 0..3 {
        hromada_web::run_due_jobs(&app.state).await;
    }
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
    let letter = loop {
        let found = app
            .mail
            .messages()
            .into_iter()
            .find(|m| m.rcpt_to == vec!["hanna.doc@example.org".to_string()] && m.subject.starts_with("Рішення щодо заяви"));
        match found {
            Some(letter) => break letter,
            None if std::time::Instant::now() < deadline => tokio::time::sleep(std::time::Duration::from_millis(100)).await,
            None => panic!("no decision letter: {:?}", app.mail.messages().iter().map(|m| m.subject.clone()).collect::<Vec<_>>()),
        }
    };
    assert!(
        letter.body.contains(&format!("Громада видала документ «Відповідь на запит на публічну інформацію» № {reference}")),
        "{}",
        letter.body
    );

    // The resident finds it on the case page, reads it and downloads the PDF.
    let status = resident.get(&format!("/applications/{id}/status")).await;
    let href = format!("/applications/{id}/documents/{reference}");
    assert!(status.body.contains(&format!("href=\"{href}\"")) && status.body.contains(&format!("href=\"{href}.pdf\"")), "{}", status.body);
    let page = resident.get(&href).await;
    assert_eq!(page.status, StatusCode::OK);
    for text in [
        "Відповідь на запит на публічну інформацію",
        "Бучанська громада",
        "Ганна Мельник",
        "Надсилаємо копію договору",
        &doc.code,
        "<svg",
        "role=\"img\"",
        "Безстроково",
    ] {
        assert!(page.body.contains(text), "the page shows {text}: {}", page.body);
    }
    assert!(page.body.contains(&format!("http://hromada.test/verify?d={}", doc.payload)), "the QR code's URL is on the page too");
    let pdf = resident.get(&format!("{href}.pdf")).await;
    assert_eq!(pdf.status, StatusCode::OK);
    assert_eq!(pdf.headers[header::CONTENT_TYPE], "application/pdf");
    assert!(pdf.headers[header::CONTENT_DISPOSITION].to_str().unwrap().contains(&format!("{reference}.pdf")));
    assert!(pdf.body.starts_with("%PDF-"), "a PDF");
    // Nobody else reads it: another resident, a visitor, another community's officer.
    let mut stranger = super::resident(app, "stranger.doc@example.org").await;
    assert_eq!(stranger.get(&href).await.status, StatusCode::NOT_FOUND);
    assert_eq!(stranger.get(&format!("{href}.pdf")).await.status, StatusCode::NOT_FOUND);
    assert_eq!(Browser::new(app).get(&href).await.status, StatusCode::NOT_FOUND);
    let mut elsewhere =
        staff_browser(app, "officer.doc@ternopilska.example.org", Role::Officer, Scope::Community("ternopilska".into())).await;
    assert_eq!(elsewhere.get(&format!("/staff/cases/{id}/documents/{reference}")).await.status, StatusCode::NOT_FOUND);
    // The office reads it, and the view is audited.
    let staff_view = officer.get(&format!("/staff/cases/{id}/documents/{reference}")).await;
    assert_eq!(staff_view.status, StatusCode::OK);
    assert!(staff_view.body.contains("Відкликати документ"));
    let audited = app
        .db
        .store
        .audit_rows(0, 10_000)
        .await
        .unwrap()
        .iter()
        .any(|r| r.event.action == "document.viewed" && r.event.subject.as_deref() == Some(&format!("case:{reference}")));
    assert!(audited, "every staff view of a document is audited");

    // Anyone checks it: from the QR code's URL, or by typing the code however they type it.
    let checked = verdict_page(app, &format!("d={}", doc.payload)).await;
    assert!(checked.contains("Документ справжній і чинний"), "{checked}");
    assert!(
        checked.contains(&reference) && checked.contains("Г. М.") && checked.contains("Відповідь на запит на публічну інформацію"),
        "{checked}"
    );
    assert!(!checked.contains("Мельник"), "only the holder's initials");
    assert!(
        checked.contains("Сам QR-код містить ім’я власника повністю"),
        "the page says honestly that the QR code carries the full name: {checked}"
    );
    let typed = doc.code.to_lowercase().replace('-', " ");
    let by_code = verdict_page(app, &format!("code={}", encode(&typed))).await;
    assert!(by_code.contains("Документ справжній і чинний"), "{by_code}");
    let pasted = verdict_page(app, &format!("code={}", encode(&format!("http://hromada.test/verify?d={}", doc.payload)))).await;
    assert!(pasted.contains("Документ справжній і чинний"), "a pasted link works as well");
    let unknown = verdict_page(app, "code=00000-00000").await;
    assert!(unknown.contains("Документа з таким кодом немає"), "an unknown code asks to check what was typed: {unknown}");
    let (status, _, nonsense) = app.get("/verify?code=hello").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        nonsense.contains("href=\"#code\"") && nonsense.contains("value=\"hello\""),
        "an error that names the field, the input kept: {nonsense}"
    );
    let (status, _, form) = app.get("/verify").await;
    assert_eq!(status, StatusCode::OK);
    assert!(form.contains("<label for=\"code\">"));

    // Offline: the published keys alone say the same.
    let keys = keys_file(app).await;
    assert_eq!(keys.keys.len(), 1);
    assert_eq!(
        (keys.keys[0].id.as_str(), keys.keys[0].community.as_str(), keys.keys[0].retired_on.as_deref()),
        ("BUC-1", "buchanska", None)
    );
    let (verdict, payload) = keys.verify(&doc.payload, today());
    assert_eq!(verdict, Verdict::Valid);
    assert_eq!(payload.unwrap().holder, "Ганна Мельник");
}

/// A payload with `change` applied, keeping the original signature.
fn tampered(payload: &str, change: impl FnOnce(&mut Payload)) -> String {
    let bytes = URL_SAFE_NO_PAD.decode(payload).unwrap();
    let signature = &bytes[bytes.len() - 64..];
    let mut p = document::decode(payload).unwrap();
    change(&mut p);
    // Sign with any key, then put the original signature back: the contents changed, the signature did not.
    let mut forged = p.sign(&document::signing_key(&[9; 32])).unwrap().bytes;
    let len = forged.len();
    forged[len - 64..].copy_from_slice(signature);
    URL_SAFE_NO_PAD.encode(forged)
}

async fn a_changed_cut_or_foreign_document_is_not_taken_for_genuine(app: &App) {
    let (_, _, id) = answered_request(app, "forger@example.org").await;
    let doc = app.db.store.documents_of_case(id).await.unwrap().remove(0).document;
    let keys = keys_file(app).await;
    let forged = [
        ("a changed name", tampered(&doc.payload, |p| p.holder = "Ганна Мельниченко".into())),
        ("a changed date", tampered(&doc.payload, |p| p.expires_on = Some(time::macros::date!(2099 - 01 - 01)))),
        (
            "a changed field",
            tampered(&doc.payload, |p| {
                p.fields_hash = document::fields_hash("Бучанська громада", "Відповідь", &[("reply_text", "Відмовлено")])
            }),
        ),
        ("a cut payload", doc.payload[..doc.payload.len() - 10].to_string()),
        ("a payload cut in the middle", format!("{}{}", &doc.payload[..40], &doc.payload[60..])),
    ];
    for (what, payload) in &forged {
        let page = verdict_page(app, &format!("d={payload}")).await;
        assert!(page.contains("Документ підроблений або пошкоджений"), "{what}: {page}");
        assert!(!page.contains("Г. М."), "{what}: nothing of a forged document is shown");
        assert_eq!(keys.verify(payload, today()).0, Verdict::Forged, "{what}, offline");
    }
    // Signed by a key that is not the community's: under its id, forged; under an id we do not know, not ours.
    let stranger = document::signing_key(&[7; 32]);
    let theirs = |key: u32, code: &str| {
        let mut p = document::decode(&doc.payload).unwrap();
        p.key = key;
        p.number.code = code.into();
        p.sign(&stranger).unwrap().to_text()
    };
    let under_our_id = theirs(1, "BUC");
    assert!(verdict_page(app, &format!("d={under_our_id}")).await.contains("Документ підроблений або пошкоджений"));
    assert_eq!(keys.verify(&under_our_id, today()).0, Verdict::Forged);
    let other_installation = theirs(1, "XYZ");
    assert!(verdict_page(app, &format!("d={other_installation}")).await.contains("Цей документ видано не тут"));
    assert_eq!(keys.verify(&other_installation, today()).0, Verdict::NotIssuedHere);
    // Another community's real key of this installation does not vouch for Bucha's documents.
    let folder = hromada_web::keys::KeyFolder::new(app.files.path(), app.state.settings.keys_secret.clone());
    let (ternopil, ternopil_key) = folder.current(app.db.store.as_ref(), "ternopilska", time::OffsetDateTime::now_utc()).await.unwrap();
    assert_eq!(ternopil.id, "TER-1");
    let keys = keys_file(app).await;
    let by_ternopil = document::decode(&doc.payload).unwrap().sign(&ternopil_key).unwrap().to_text();
    assert!(verdict_page(app, &format!("d={by_ternopil}")).await.contains("Документ підроблений або пошкоджений"));
    assert_eq!(keys.verify(&by_ternopil, today()).0, Verdict::Forged, "offline");

    // Bucha's own key, leaked: a real number with another holder is not what the office issued.
    let (_, bucha_key) = folder.current(app.db.store.as_ref(), "buchanska", time::OffsetDateTime::now_utc()).await.unwrap();
    let mut renamed = document::decode(&doc.payload).unwrap();
    renamed.holder = "Іван Підробко".into();
    let renamed = renamed.sign(&bucha_key).unwrap().to_text();
    let page = verdict_page(app, &format!("d={renamed}")).await;
    assert!(page.contains("Документ підроблений або пошкоджений") && !page.contains("І. П."), "online, the record tells: {page}");
    let mut made_up = document::decode(&doc.payload).unwrap();
    made_up.number.serial += 1000;
    let made_up = made_up.sign(&bucha_key).unwrap().to_text();
    assert!(verdict_page(app, &format!("d={made_up}")).await.contains("Цей документ видано не тут"), "a number the office never issued");

    // A typed code that matches nothing is most often a typo: the page says so.
    let typo = verdict_page(app, "code=ZZZZZ-ZZZZZ").await;
    assert!(typo.contains("Документа з таким кодом немає") && typo.contains("Перевірте, чи код введено"), "{typo}");
}

async fn a_revoked_document_says_so_online_and_offline(app: &App) {
    let (mut resident, mut officer, id) = answered_request(app, "revoked@example.org").await;
    let doc = app.db.store.documents_of_case(id).await.unwrap().remove(0).document;
    let revoke = format!("/staff/cases/{id}/documents/{}/revoke", doc.number);
    // An operator may read the case but not revoke; a reason is required.
    let mut operator = staff_browser(app, "operator.revoke@buchanska.example.org", Role::Operator, bucha()).await;
    assert_eq!(operator.get(&revoke).await.status, StatusCode::NOT_FOUND);
    let token = operator.get("/account").await.csrf();
    assert_eq!(operator.post_raw(&revoke, format!("_csrf={token}&reason=x"), &[]).await.status, StatusCode::NOT_FOUND);
    let empty = officer.submit(&revoke, &revoke, &[("reason", "  ")]).await;
    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(empty.body.contains("href=\"#reason\"") && empty.body.contains("Напишіть причину відкликання"), "{}", empty.body);
    assert_eq!(app.db.store.documents_of_case(id).await.unwrap()[0].revoked_at, None, "a refused revocation changes nothing");

    let done = officer.submit(&revoke, &revoke, &[("reason", "Помилка в даті договору; видано нову відповідь")]).await;
    assert_eq!(location(&done), format!("/staff/cases/{id}/documents/{}?revoked=1", doc.number));
    let record = app.db.store.documents_of_case(id).await.unwrap().remove(0);
    assert!(record.revoked_at.is_some());
    assert_eq!(record.revoked_reason.as_deref(), Some("Помилка в даті договору; видано нову відповідь"));
    assert_eq!(officer.get(&revoke).await.status, StatusCode::NOT_FOUND, "a revoked document is not revoked twice");

    let day = hromada_domain::clock::kyiv_time(record.revoked_at.unwrap()).date();
    let page = verdict_page(app, &format!("d={}", doc.payload)).await;
    assert!(page.contains("Документ відкликано"), "{page}");
    let by_code = verdict_page(app, &format!("code={}", doc.code)).await;
    assert!(by_code.contains("Документ відкликано"), "{by_code}");
    let keys = keys_file(app).await;
    assert_eq!(keys.revoked.len(), 1);
    assert_eq!(keys.revoked[0].document, doc.number);
    assert_eq!(keys.verify(&doc.payload, today()).0, Verdict::Revoked { on: day }, "offline, with the keys file of after the revocation");

    // The holder is told, on the case page and on the document.
    let status = resident.get(&format!("/applications/{id}/status")).await;
    assert!(status.body.contains("Документ відкликано") && status.body.contains("Помилка в даті договору"), "{}", status.body);
    let shown = resident.get(&format!("/applications/{id}/documents/{}", doc.number)).await;
    assert!(shown.body.contains("Цей документ відкликано"), "{}", shown.body);
}

async fn rotated_keys_keep_old_documents_genuine(app: &App) {
    let (_, _, first) = answered_request(app, "first.rotation@example.org").await;
    let old = app.db.store.documents_of_case(first).await.unwrap().remove(0).document;
    let folder = hromada_web::keys::KeyFolder::new(app.files.path(), app.state.settings.keys_secret.clone());
    let (_, old_key) = folder.current(app.db.store.as_ref(), "buchanska", time::OffsetDateTime::now_utc()).await.unwrap();
    let new_key = folder.rotate(app.db.store.as_ref(), "buchanska", time::OffsetDateTime::now_utc()).await.unwrap();
    assert_eq!(new_key.id, "BUC-2");
    let (_, _, second) = answered_request(app, "second.rotation@example.org").await;
    let new = app.db.store.documents_of_case(second).await.unwrap().remove(0).document;
    assert_eq!((old.key_id.as_str(), new.key_id.as_str()), ("BUC-1", "BUC-2"), "new documents are signed with the new key");
    let keys = keys_file(app).await;
    assert_eq!(keys.keys.len(), 2, "the retired key stays published");
    assert!(keys.keys.iter().any(|k| k.id == "BUC-1" && k.retired_on.is_some()));
    for doc in [&old, &new] {
        assert!(verdict_page(app, &format!("d={}", doc.payload)).await.contains("Документ справжній і чинний"), "{}", doc.number);
        assert_eq!(keys.verify(&doc.payload, today()).0, Verdict::Valid, "{} offline", doc.number);
    }
    // The retired key signs nothing dated after its retirement, were it to leak.
    let mut later = document::decode(&old.payload).unwrap();
    later.issued_on = today() + time::Duration::days(1);
    later.number.serial += 1000;
    let later = later.sign(&old_key).unwrap().to_text();
    assert!(verdict_page(app, &format!("d={later}")).await.contains("Документ підроблений або пошкоджений"));
    assert_eq!(keys.verify(&later, today()).0, Verdict::Forged, "offline");
}

/// A document with a validity, read after it ended: both backends, with a clock moved on.
mod expiry {
    use super::super::*;

    async fn an_expired_document_says_so(backend: Backend) {
        let Some(mut app) = app(backend).await else { return };
        // This installation's information replies are valid for 30 days.
        let source =
            demo_service("zapyt-na-publichnu-informatsiiu").replace("[documents.reply]\n", "[documents.reply]\nvalid_for_days = 30\n");
        assert!(source.contains("valid_for_days = 30"));
        app.db.store.import_service("zapyt-na-publichnu-informatsiiu", &source, NOW).await.unwrap();
        app.state.reload_catalogue().await.unwrap();
        let clock = Arc::new(hromada_domain::clock::ManualClock::new(time::OffsetDateTime::now_utc()));
        app.state.clock = clock.clone();
        let (_, _, id) = super::answered_request(&app, "expiry@example.org").await;
        let doc = app.db.store.documents_of_case(id).await.unwrap().remove(0).document;
        let issued = super::today();
        assert_eq!(doc.expires_on, Some(issued + time::Duration::days(30)));
        let page = app.get(&format!("/verify?d={}", doc.payload)).await.2;
        assert!(page.contains("Документ справжній і чинний"), "{page}");
        clock.advance(time::Duration::days(32));
        let page = app.get(&format!("/verify?d={}", doc.payload)).await.2;
        assert!(page.contains("Строк дії документа закінчився"), "{page}");
        let keys: hromada_domain::document::KeysFile = serde_json::from_str(&app.get("/.well-known/hromada-keys.json").await.2).unwrap();
        assert_eq!(
            keys.verify(&doc.payload, issued + time::Duration::days(31)).0,
            hromada_domain::document::Verdict::Expired { on: issued + time::Duration::days(30) }
        );
        app.db.cleanup().await;
    }

    #[tokio::test]
    async fn sqlite() {
        an_expired_document_says_so(Backend::Sqlite).await;
    }

    #[tokio::test]
    async fn postgres() {
        an_expired_document_says_so(Backend::Postgres).await;
    }
}
