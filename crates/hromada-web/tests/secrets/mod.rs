//! Secrets at rest: TOTP secrets sealed with `keys_secret` (and old clear ones
//! sealed at start), salted recovery codes (old unsalted ones still work until
//! used), and passwords compared in Unicode NFC.
use super::*;
use hromada_domain::account::{AccountId, NewAccount, TotpAtRest};
use hromada_domain::auth::TotpSecret;
use hromada_store::testing::execute_raw;

both!(
    a_totp_secret_is_stored_sealed_and_an_old_clear_one_is_sealed_at_start,
    an_old_unsalted_recovery_code_still_signs_in_once,
    a_password_is_the_same_typed_on_any_keyboard,
);

fn bytes_literal(url: &str, bytes: &[u8]) -> String {
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    if url.starts_with("sqlite") { format!("X'{hex}'") } else { format!("'\\x{hex}'::bytea") }
}

async fn sign_in_with_code(app: &App, email: &str, password: &str, code: &str) -> Page {
    let mut browser = Browser::new(app);
    let page = browser.submit("/account/sign-in", "/account/sign-in", &[("email", email), ("password", password)]).await;
    assert_eq!(page.headers[header::LOCATION], "/account/sign-in/code", "{}", page.body);
    browser.submit("/account/sign-in/code", "/account/sign-in/code", &[("code", code)]).await
}

async fn account_id(app: &App, email: &str) -> AccountId {
    app.db.store.account_by_email(email).await.unwrap().unwrap().id
}

async fn a_totp_secret_is_stored_sealed_and_an_old_clear_one_is_sealed_at_start(app: &App) {
    let email = "sealed@example.org";
    let (password, _) = enrolled_staff(app, email).await;
    let id = account_id(app, email).await;
    let record = app.db.store.totp_of(id).await.unwrap().expect("enrolled");
    let TotpAtRest::Sealed(sealed) = &record.secret else { panic!("the secret is kept in clear") };
    assert_eq!(sealed.len(), 51);

    // A row as it was before secrets were sealed: the secret in clear.
    let secret = TotpSecret::from_bytes(*b"12345678901234567890");
    let lit = bytes_literal(&app.db.url, secret.as_bytes());
    execute_raw(&app.db.url, &format!("UPDATE totp SET sealed = NULL, secret = {lit} WHERE account_id = {}", id.0)).await.unwrap();
    // The server starts again with keys_secret: the secret is sealed, and its codes still work.
    let mailer = Arc::new(SmtpMailer::new(&app.mail.url(), "Громада <noreply@hromada.test>").unwrap());
    AppState::new(Arc::clone(&app.db.store), mailer, (*app.state.settings).clone()).await.expect("restart");
    let record = app.db.store.totp_of(id).await.unwrap().expect("enrolled");
    let TotpAtRest::Sealed(sealed) = &record.secret else { panic!("the old secret is still in clear after a start") };
    assert!(!sealed.windows(20).any(|w| w == secret.as_bytes()), "no clear secret inside the sealed one");
    let page = sign_in_with_code(app, email, password, &secret.code_at(now_unix() + 30)).await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "a code of the old secret signs in: {}", page.body);

    // A sealed secret copied onto another account does not open there.
    let other = "copied@example.org";
    let (password, _) = enrolled_staff(app, other).await;
    let other_id = account_id(app, other).await;
    app.db.store.put_totp(&hromada_domain::account::TotpRecord { account: other_id, ..record }).await.unwrap();
    let page = sign_in_with_code(app, other, password, &secret.code_at(now_unix() + 60)).await;
    assert_eq!(page.status, StatusCode::SERVICE_UNAVAILABLE, "{}", page.body);
}

#[tokio::test]
async fn without_keys_secret_there_is_no_second_factor_rather_than_a_secret_in_clear_sqlite() {
    without_keys_secret(Backend::Sqlite).await;
}

#[tokio::test]
async fn without_keys_secret_there_is_no_second_factor_rather_than_a_secret_in_clear_postgres() {
    without_keys_secret(Backend::Postgres).await;
}

async fn without_keys_secret(backend: Backend) {
    let Some(app) = app_with(backend, |settings| settings.keys_secret = None).await else { return };
    let link = hromada_web::invite_staff(
        app.db.store.as_ref(),
        "nokeys@example.org",
        hromada_domain::account::Role::Officer,
        bucha(),
        None,
        time::OffsetDateTime::now_utc(),
        "http://hromada.test",
    )
    .await
    .unwrap();
    let path = link.strip_prefix("http://hromada.test").unwrap().to_string();
    let mut browser = Browser::new(&app);
    let page = browser.submit(&path, &path, &[("new_password", "службовий пароль для тестів")]).await;
    assert_eq!(page.headers[header::LOCATION], "/staff/totp");
    assert_eq!(browser.get("/staff/totp").await.status, StatusCode::SERVICE_UNAVAILABLE, "no enrolment");
    let id = account_id(&app, "nokeys@example.org").await;
    assert_eq!(app.db.store.totp_of(id).await.unwrap(), None, "no secret was stored, in clear or otherwise");
    app.db.cleanup().await;
}

async fn an_old_unsalted_recovery_code_still_signs_in_once(app: &App) {
    let email = "oldcodes@example.org";
    let (password, recovery) = enrolled_staff(app, email).await;
    assert_eq!(recovery.len(), 10);
    assert!(recovery.iter().all(|c| c.split('-').count() == 4), "{recovery:?}");
    let id = account_id(app, email).await;
    // One code as codes were kept before salts: SHA-256 of its 8 characters, no salt.
    let old = "7KQ4-M2XD";
    let digest = hromada_domain::auth::legacy_recovery_code_hash(old).unwrap();
    execute_raw(&app.db.url, &format!("INSERT INTO recovery_codes (account_id, code_hash) VALUES ({}, '{digest}')", id.0)).await.unwrap();
    let page = sign_in_with_code(app, email, password, &old.to_lowercase()).await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "an old code works: {}", page.body);
    let page = sign_in_with_code(app, email, password, old).await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY, "once");
    // And a new one, typed in lower case with spaces.
    let page = sign_in_with_code(app, email, password, &recovery[3].to_lowercase().replace('-', " ")).await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "a new code works: {}", page.body);
}

async fn a_password_is_the_same_typed_on_any_keyboard(app: &App) {
    // "й" and "ї" typed as a base letter and a combining mark (NFD), as some keyboards send them.
    let composed = "Київ і Львів, й ще Суми";
    let decomposed = "Киі\u{308}в і Львів, и\u{306} ще Суми";
    // An account whose hash was made, as before, from the decomposed bytes.
    let params = argon2::Params::new(64, 1, 1, None).unwrap();
    let old = argon2::PasswordHasher::hash_password_with_salt(
        &argon2::Argon2::new(argon2::Algorithm::Argon2id, argon2::Version::V0x13, params),
        decomposed.as_bytes(),
        b"0123456789abcdef",
    )
    .unwrap()
    .to_string();
    let account = app
        .db
        .store
        .create_account(&NewAccount {
            email: "keyboard@example.org".into(),
            display_name: "Олена".into(),
            password_hash: Some(old.clone()),
            is_staff: false,
            preferred_lang: hromada_domain::Lang::Uk,
            created_at: time::OffsetDateTime::now_utc(),
        })
        .await
        .unwrap();
    app.db.store.confirm_email(account.id, time::OffsetDateTime::now_utc()).await.unwrap();
    let sign_in = |password: &'static str| async move {
        let mut browser = Browser::new(app);
        browser.submit("/account/sign-in", "/account/sign-in", &[("email", "keyboard@example.org"), ("password", password)]).await
    };
    assert_eq!(sign_in(decomposed).await.status, StatusCode::SEE_OTHER, "the old hash still signs in");
    let rehashed = app.db.store.account_by_email("keyboard@example.org").await.unwrap().unwrap().password_hash.unwrap();
    assert_ne!(rehashed, old, "and is made again");
    assert_eq!(sign_in(composed).await.status, StatusCode::SEE_OTHER, "now from either keyboard");
    assert_eq!(sign_in(decomposed).await.status, StatusCode::SEE_OTHER);
    assert_ne!(sign_in("Київ і Львів, й ще Суми!").await.status, StatusCode::SEE_OTHER, "a wrong password is still wrong");
}
