//! Resident accounts: register and confirm the address, sign in and out (also
//! everywhere), change a password, and reset a forgotten one by an e-mailed
//! single-use link. Unknown address and wrong password get the same answer in
//! the same time; every attempt is throttled per address and per account.

pub(crate) mod staff;

use std::time::Duration;

use askama::Template;
use axum::Extension;
use axum::extract::State;
use axum::http::StatusCode;
use axum::http::header::{self, HeaderValue};
use axum::response::{IntoResponse, Redirect, Response};
use hromada_domain::account::{Account, NewAccount, TokenPurpose, TokenRecord, canonical_email};
use hromada_domain::auth::{NewPassword, PasswordCheck, PasswordHash, PasswordProblem, SecretToken, dummy_verify};
use hromada_domain::policy::{Action, Resource, decide};
use hromada_domain::values::Email as EmailAddress;

use crate::AppState;
use crate::access::audit::audit;
use crate::access::client::{ClientAddr, password_check_passed, throttle, throttle_password_check};
use crate::access::session::{self, SignedIn, Visitor};
use crate::access::staff::{AccountHolder, admin_links, describe_roles, feedback_communities, may_invite, person_of, second_step};
use crate::http::csrf::CsrfToken;
use crate::http::forms::{Fields, FormField, Page, field};
use crate::http::i18n::Tr;
use crate::http::layout::{Base, Ui};
use crate::http::render::{Reject, message, private, render, with_cookies};
use crate::http::secret::random;
use crate::http::url::{local_path, percent_encode};
use crate::notify;

const CONFIRM_FOR: Duration = Duration::from_secs(24 * 60 * 60);
const RESET_FOR: Duration = Duration::from_secs(60 * 60);
const MAX_NAME_CHARS: usize = 100;

/// Attempts allowed per window: (key prefix, window, limit).
const SIGN_IN_PER_ACCOUNT: (Duration, u32) = (Duration::from_secs(15 * 60), 5);
// Generous: a service centre's residents may all come from one address.
const SIGN_IN_PER_ADDRESS: (Duration, u32) = (Duration::from_secs(15 * 60), 100);
const REGISTER_PER_ADDRESS: (Duration, u32) = (Duration::from_secs(60 * 60), 10);
const RESET_PER_ADDRESS: (Duration, u32) = (Duration::from_secs(60 * 60), 10);
const RESET_PER_ACCOUNT: (Duration, u32) = (Duration::from_secs(60 * 60), 3);

// ---- the form page ------------------------------------------------------------

pub(crate) fn password_error(t: &Tr<'_>, problem: PasswordProblem) -> String {
    t.msg(match problem {
        PasswordProblem::TooShort { .. } => "error-password-short",
        PasswordProblem::TooLong { .. } => "error-password-long",
        PasswordProblem::Common { .. } => "error-password-common",
        PasswordProblem::ContainsPersonalInfo => "error-password-personal",
    })
}

fn email_error(t: &Tr<'_>, typed: &str) -> Option<String> {
    if typed.trim().is_empty() {
        Some(t.msg("error-email-empty"))
    } else if EmailAddress::parse(typed).is_err() {
        Some(t.msg("error-email-format"))
    } else {
        None
    }
}

/// Argon2id takes tens of milliseconds on purpose: keep it off the async workers.
pub(crate) async fn hash_password(state: &AppState, password: NewPassword) -> Result<String, String> {
    let params = state.settings.password_params;
    let salt = random::<16>().map_err(|e| e.to_string())?;
    tokio::task::spawn_blocking(move || {
        PasswordHash::create_with(&password, salt, &params).map(|h| h.to_string()).map_err(|e| e.to_string())
    })
    .await
    .map_err(|e| e.to_string())?
}

async fn verify_password(state: &AppState, stored: Option<String>, candidate: String) -> bool {
    check_password(state, stored, candidate).await.is_right()
}

/// Checks a typed password (in NFC, and as typed for an old hash): whether it is right, and whether to rehash it.
async fn check_password(state: &AppState, stored: Option<String>, candidate: String) -> PasswordCheck {
    let params = state.settings.password_params;
    tokio::task::spawn_blocking(move || match stored.as_deref().map(PasswordHash::parse) {
        Some(Ok(hash)) => hash.check(&candidate, &params),
        _ => {
            dummy_verify(&candidate, &params);
            PasswordCheck::Wrong
        }
    })
    .await
    .unwrap_or(PasswordCheck::Wrong)
}

/// A new hash of a password just checked right, from its NFC form; kept in place of the old one.
async fn rehash_password(state: &AppState, account: &Account, typed: String) {
    let params = state.settings.password_params;
    let Ok(salt) = random::<16>() else { return };
    let hash = tokio::task::spawn_blocking(move || PasswordHash::rehash(&typed, salt, &params).map(|h| h.to_string())).await;
    if let Ok(Ok(hash)) = hash
        && let Err(error) = state.store.set_password_hash(account.id, &hash).await
    {
        tracing::warn!(%error, "could not rehash a password");
    }
}

/// Account letters go through the job queue: a request never waits on SMTP
/// (nor tells by its time whether it sent anything).
async fn send(state: &AppState, to: &str, subject: String, body: String) {
    notify::queue_letter(state, to, subject, body).await;
}

async fn new_link_token(state: &AppState, purpose: TokenPurpose, account: &Account, valid_for: Duration) -> Result<SecretToken, Reject> {
    let token = SecretToken::from_bytes(random::<32>()?);
    let now = state.clock.now();
    state
        .store
        .put_token(&TokenRecord {
            hash: token.hash(),
            purpose,
            account: Some(account.id),
            email: account.email.clone(),
            payload: None,
            created_at: now,
            expires_at: now + valid_for,
            used_at: None,
        })
        .await?;
    Ok(token)
}

async fn send_confirmation(state: &AppState, t: &Tr<'_>, account: &Account) -> Result<(), Reject> {
    let token = new_link_token(state, TokenPurpose::ConfirmEmail, account, CONFIRM_FOR).await?;
    let link = format!("{}/account/confirm?token={token}", state.settings.public_url);
    send(state, &account.email, t.msg("mail-confirm-subject"), t.with("mail-confirm-body", "link", &link)).await;
    Ok(())
}

// ---- register ---------------------------------------------------------------------

fn register_page<'a>(state: &'a AppState, ui: &'a Ui, csrf: &'a CsrfToken, fields: Vec<FormField>) -> Page<'a> {
    let t = Tr { i18n: &state.i18n, lang: ui.lang };
    Page {
        intro: vec![t.msg("register-intro")],
        fields,
        links: vec![("/account/sign-in".into(), t.msg("register-have-account")), ("/help/account".into(), t.msg("help-link-account"))],
        ..Page::new(state, ui, csrf, "register-title", "/account/register", "register-submit")
    }
}

fn register_fields(t: &Tr<'_>, email: &str, name: &str) -> Vec<FormField> {
    vec![
        FormField::new(t, "email", "field-email", "email", "email").hint(t, "field-email-hint").value(email),
        FormField::new(t, "name", "field-name", "text", "name").hint(t, "field-name-hint").value(name),
        FormField::new(t, "password", "field-password", "password", "new-password").hint(t, "field-password-hint"),
    ]
}

pub async fn register_form(State(state): State<AppState>, ui: Ui, Extension(csrf): Extension<CsrfToken>) -> Result<Response, Reject> {
    let t = Tr { i18n: &state.i18n, lang: ui.lang };
    Ok(register_page(&state, &ui, &csrf, register_fields(&t, "", "")).render())
}

pub async fn register(
    State(state): State<AppState>,
    ui: Ui,
    Extension(csrf): Extension<CsrfToken>,
    ClientAddr(ip): ClientAddr,
    form: Fields,
) -> Result<Response, Reject> {
    let t = Tr { i18n: &state.i18n, lang: ui.lang };
    throttle(&state, &ui, format!("register:ip:{ip}"), REGISTER_PER_ADDRESS).await?;
    let (email, name, password) = (field(&form, "email").trim(), field(&form, "name").trim(), field(&form, "password"));
    let mut fields = register_fields(&t, email, name);
    fields[0].error = email_error(&t, email);
    if name.chars().count() > MAX_NAME_CHARS {
        fields[1].error = Some(t.msg("error-name-long"));
    }
    let new_password = if password.is_empty() {
        fields[2].error = Some(t.msg("error-password-empty"));
        None
    } else {
        match NewPassword::parse(password, &[email, name]) {
            Ok(p) => Some(p),
            Err(problem) => {
                fields[2].error = Some(password_error(&t, problem));
                None
            }
        }
    };
    form.refuse_unreadable(&t, &mut fields);
    let Some(new_password) = new_password.filter(|_| fields.iter().all(|f| f.error.is_none())) else {
        return Ok(register_page(&state, &ui, &csrf, fields).render());
    };
    let email = canonical_email(email);
    let sent = message(&state, &ui, StatusCode::OK, "register-sent-title", t.with("register-sent-text", "email", &email));
    match state.store.account_by_email(&email).await {
        Ok(Some(existing)) => {
            // Same answer as for a new address; the owner learns of the attempt by e-mail.
            let link = format!("{}/account/sign-in", state.settings.public_url);
            send(&state, &existing.email, t.msg("mail-exists-subject"), t.with("mail-exists-body", "link", &link)).await;
            return Ok(sent);
        }
        Ok(None) => {}
        Err(e) => return Err(Reject::unavailable(e)),
    }
    let hash = hash_password(&state, new_password).await.map_err(Reject::unavailable)?;
    let new = NewAccount {
        email: email.clone(),
        display_name: name.to_string(),
        password_hash: Some(hash),
        is_staff: false,
        preferred_lang: ui.lang,
        created_at: state.clock.now(),
    };
    let account = match state.store.create_account(&new).await {
        Ok(a) => a,
        // Registered a moment ago by a double click: the first request sent the letter.
        Err(hromada_store::StoreError::Conflict(_)) => return Ok(sent),
        Err(e) => return Err(Reject::unavailable(e)),
    };
    audit(&state, Some(&account.id.to_string()), "account.register", None).await;
    send_confirmation(&state, &t, &account).await?;
    Ok(sent)
}

// ---- confirm ----------------------------------------------------------------------

pub async fn confirm(State(state): State<AppState>, ui: Ui) -> Result<Response, Reject> {
    let t = Tr { i18n: &state.i18n, lang: ui.lang };
    let now = state.clock.now();
    let token = ui.param("token").and_then(SecretToken::parse);
    let used = match token {
        Some(token) => state.store.use_token(&token.hash(), TokenPurpose::ConfirmEmail, now).await?,
        None => None,
    };
    let Some(TokenRecord { account: Some(account), .. }) = used else { return Ok(bad_link(&state, &ui)) };
    state.store.confirm_email(account, now).await?;
    audit(&state, Some(&account.to_string()), "account.confirm_email", None).await;
    Ok(message(&state, &ui, StatusCode::OK, "confirm-done-title", t.msg("confirm-done-text")))
}

// ---- sign in and out ----------------------------------------------------------------

/// Where to go after signing in (`?next=`): only a plain path on this site
/// (`url::local_path`), never another host; anything else is dropped, and the
/// caller's default applies.
pub(crate) fn local_next(ui: &Ui) -> Option<&str> {
    ui.param("next").and_then(local_path)
}

/// `path`, carrying on where the visitor was going (`?next=`), so that a step of signing in does not lose it.
pub(crate) fn keeping_next(ui: &Ui, path: &str) -> String {
    match local_next(ui) {
        Some(next) => format!("{path}?next={}", percent_encode(next)),
        None => path.to_string(),
    }
}

fn sign_in_page<'a>(state: &'a AppState, ui: &'a Ui, csrf: &'a CsrfToken, email: &str, error: Option<String>) -> Page<'a> {
    let t = Tr { i18n: &state.i18n, lang: ui.lang };
    Page {
        fields: vec![
            FormField::new(&t, "email", "field-email", "email", "email").value(email).error(error),
            FormField::new(&t, "password", "field-password", "password", "current-password"),
        ],
        links: vec![
            ("/account/forgot".into(), t.msg("sign-in-forgot")),
            ("/account/register".into(), t.msg("sign-in-register")),
            ("/help/account".into(), t.msg("help-link-account")),
        ],
        ..Page::new(state, ui, csrf, "sign-in-title", keeping_next(ui, "/account/sign-in"), "sign-in-submit")
    }
}

pub async fn sign_in_form(
    State(state): State<AppState>,
    ui: Ui,
    visitor: Visitor,
    Extension(csrf): Extension<CsrfToken>,
) -> Result<Response, Reject> {
    // A staff session past the password is sent on to its second step, keeping where it was going.
    if let Some(pending) = &visitor.second_factor_pending {
        return Ok(Redirect::to(&keeping_next(&ui, second_step(&state, &pending.account).await)).into_response());
    }
    Ok(sign_in_page(&state, &ui, &csrf, "", None).render())
}

pub async fn sign_in(
    State(state): State<AppState>,
    ui: Ui,
    visitor: Visitor,
    Extension(csrf): Extension<CsrfToken>,
    ClientAddr(ip): ClientAddr,
    form: Fields,
) -> Result<Response, Reject> {
    let t = Tr { i18n: &state.i18n, lang: ui.lang };
    let email = canonical_email(field(&form, "email"));
    let password = field(&form, "password").to_string();
    if let Some(error) = email_error(&t, &email) {
        return Ok(sign_in_page(&state, &ui, &csrf, &email, Some(error)).render());
    }
    throttle(&state, &ui, format!("signin:ip:{ip}"), SIGN_IN_PER_ADDRESS).await?;
    throttle(&state, &ui, format!("signin:email:{email}"), SIGN_IN_PER_ACCOUNT).await?;
    let account = match state.store.account_by_email(&email).await {
        Ok(a) => a.filter(|a| a.deleted_at.is_none()),
        Err(e) => return Err(Reject::unavailable(e)),
    };
    let stored = account.as_ref().and_then(|a| a.password_hash.clone());
    let check = check_password(&state, stored, password.clone()).await;
    let good = check.is_right() && account.is_some();
    let Some(account) = account.filter(|_| good) else {
        audit(&state, Some(&email), "sign_in.failed", None).await;
        return Ok(sign_in_page(&state, &ui, &csrf, &email, Some(t.msg("sign-in-wrong"))).render());
    };
    if account.email_confirmed_at.is_none() {
        send_confirmation(&state, &t, &account).await?;
        return Ok(sign_in_page(&state, &ui, &csrf, &email, Some(t.msg("sign-in-unconfirmed"))).render());
    }
    let _ = state.store.clear_throttle(&format!("signin:email:{email}")).await;
    if check == PasswordCheck::RightRehash {
        rehash_password(&state, &account, password).await;
    }
    let old = visitor.session().map(|s| s.session.id_hash.clone());
    let cookie = session::start(&state, &account, old.as_deref(), state.clock.now()).await?;
    // Staff have passed only the password: the session can do nothing until the second factor.
    let next = if account.is_staff {
        match second_step(&state, &account).await {
            // The second step keeps where the staff member was going (a link in a letter).
            code @ "/account/sign-in/code" => keeping_next(&ui, code),
            enrol => enrol.to_string(),
        }
    } else {
        local_next(&ui).unwrap_or("/account").to_string()
    };
    audit(&state, Some(&account.id.to_string()), if account.is_staff { "sign_in.password" } else { "sign_in" }, None).await;
    Ok(with_cookies(Redirect::to(&next).into_response(), cookie))
}

/// A page that says what was done, ending the session in this browser.
fn session_ended(state: &AppState, ui: &Ui, title_key: &str, text_key: &str) -> Response {
    let t = Tr { i18n: &state.i18n, lang: ui.lang };
    with_cookies(message(state, ui, StatusCode::OK, title_key, t.msg(text_key)), session::clear_cookie(state.settings.secure_cookies))
}

pub async fn sign_out(State(state): State<AppState>, ui: Ui, visitor: Visitor) -> Result<Response, Reject> {
    // Also a staff session that has not passed its second factor: signing out is all it may do besides.
    if let Some(signed_in) = visitor.session() {
        state.store.delete_session(&signed_in.session.id_hash).await?;
        audit(&state, Some(&signed_in.account.id.to_string()), "sign_out", None).await;
    }
    Ok(session_ended(&state, &ui, "signed-out-title", "signed-out-text"))
}

pub async fn sign_out_everywhere(
    State(state): State<AppState>,
    ui: Ui,
    AccountHolder(signed_in): AccountHolder,
) -> Result<Response, Reject> {
    state.store.delete_sessions_of(signed_in.account.id).await?;
    audit(&state, Some(&signed_in.account.id.to_string()), "sign_out.everywhere", None).await;
    Ok(session_ended(&state, &ui, "signed-out-title", "signed-out-everywhere-text"))
}

// ---- the account page ----------------------------------------------------------------

#[derive(Template)]
#[template(path = "account.html")]
struct AccountPage<'a> {
    base: Base<'a>,
    email: String,
    name: String,
    csrf: String,
    /// "Officer — Bucha community", for staff.
    roles: Vec<String>,
    can_invite: bool,
    can_read_feedback: bool,
    /// The administrators' pages of places they may open (address, label).
    admin_links: Vec<(String, String)>,
}

pub async fn overview(
    State(state): State<AppState>,
    ui: Ui,
    AccountHolder(signed_in): AccountHolder,
    Extension(csrf): Extension<CsrfToken>,
) -> Result<Response, Reject> {
    let t = Tr { i18n: &state.i18n, lang: ui.lang };
    let grants = state.store.roles_of(signed_in.account.id).await?;
    let roles = describe_roles(&state, &t, &grants);
    let person = if signed_in.account.is_staff {
        hromada_domain::policy::Person::Staff {
            id: signed_in.account.id,
            roles: grants.iter().map(|g| (g.role, g.scope.clone())).collect(),
        }
    } else {
        hromada_domain::policy::Person::Resident(signed_in.account.id)
    };
    let can_invite = may_invite(&state, &t, &person);
    let can_read_feedback = !feedback_communities(&state, &person).is_empty();
    let page = AccountPage {
        base: Base::new(&state, &ui, t.msg("account-title")),
        email: signed_in.account.email.clone(),
        name: signed_in.account.display_name.clone(),
        csrf: csrf.value().to_string(),
        roles,
        can_invite,
        can_read_feedback,
        admin_links: admin_links(&state, &t, &person),
    };
    Ok(private(render(StatusCode::OK, &page)))
}

// ---- change the password ----------------------------------------------------------------

fn password_page<'a>(state: &'a AppState, ui: &'a Ui, csrf: &'a CsrfToken, fields: Vec<FormField>) -> Page<'a> {
    let t = Tr { i18n: &state.i18n, lang: ui.lang };
    Page {
        fields,
        links: vec![("/account".into(), t.msg("account-title"))],
        ..Page::new(state, ui, csrf, "password-title", "/account/password", "password-submit")
    }
}

fn password_fields(t: &Tr<'_>) -> Vec<FormField> {
    vec![
        FormField::new(t, "current_password", "field-current-password", "password", "current-password"),
        FormField::new(t, "new_password", "field-new-password", "password", "new-password").hint(t, "field-password-hint"),
    ]
}

pub async fn password_form(
    State(state): State<AppState>,
    ui: Ui,
    _: AccountHolder,
    Extension(csrf): Extension<CsrfToken>,
) -> Result<Response, Reject> {
    let t = Tr { i18n: &state.i18n, lang: ui.lang };
    Ok(password_page(&state, &ui, &csrf, password_fields(&t)).render())
}

pub async fn change_password(
    State(state): State<AppState>,
    ui: Ui,
    AccountHolder(signed_in): AccountHolder,
    Extension(csrf): Extension<CsrfToken>,
    ClientAddr(ip): ClientAddr,
    form: Fields,
) -> Result<Response, Reject> {
    let t = Tr { i18n: &state.i18n, lang: ui.lang };
    let account = &signed_in.account;
    let mut fields = password_fields(&t);
    throttle_password_check(&state, &ui, &ip, account.id).await?;
    let current_ok = verify_password(&state, account.password_hash.clone(), field(&form, "current_password").to_string()).await;
    if current_ok {
        password_check_passed(&state, account.id).await;
    } else {
        fields[0].error = Some(t.msg("error-current-password"));
    }
    let new_password = match NewPassword::parse(field(&form, "new_password"), &[&account.email, &account.display_name]) {
        Ok(p) => Some(p),
        Err(problem) => {
            fields[1].error = Some(password_error(&t, problem));
            None
        }
    };
    form.refuse_unreadable(&t, &mut fields);
    let Some(new_password) = new_password.filter(|_| current_ok && fields.iter().all(|f| f.error.is_none())) else {
        return Ok(password_page(&state, &ui, &csrf, fields).render());
    };
    set_password(&state, account, new_password).await.map_err(Reject::unavailable)?;
    let cookie = session::start(&state, account, None, state.clock.now()).await?;
    notify_password_changed(&state, &t, account).await;
    Ok(with_cookies(message(&state, &ui, StatusCode::OK, "password-changed-title", t.msg("password-changed-text")), cookie))
}

/// Store a new hash and end every session of the account.
async fn set_password(state: &AppState, account: &Account, password: NewPassword) -> Result<(), String> {
    let hash = hash_password(state, password).await?;
    state.store.set_password_hash(account.id, &hash).await.map_err(|e| e.to_string())?;
    state.store.delete_sessions_of(account.id).await.map_err(|e| e.to_string())?;
    audit(state, Some(&account.id.to_string()), "account.password_changed", None).await;
    Ok(())
}

async fn notify_password_changed(state: &AppState, t: &Tr<'_>, account: &Account) {
    let link = format!("{}/account/forgot", state.settings.public_url);
    send(state, &account.email, t.msg("mail-password-changed-subject"), t.with("mail-password-changed-body", "link", &link)).await;
}

// ---- forgotten password -------------------------------------------------------------------

fn forgot_page<'a>(state: &'a AppState, ui: &'a Ui, csrf: &'a CsrfToken, email: &str, error: Option<String>) -> Page<'a> {
    let t = Tr { i18n: &state.i18n, lang: ui.lang };
    Page {
        intro: vec![t.msg("forgot-intro")],
        fields: vec![FormField::new(&t, "email", "field-email", "email", "email").value(email).error(error)],
        links: vec![("/account/sign-in".into(), t.msg("sign-in-title"))],
        ..Page::new(state, ui, csrf, "forgot-title", "/account/forgot", "forgot-submit")
    }
}

pub async fn forgot_form(State(state): State<AppState>, ui: Ui, Extension(csrf): Extension<CsrfToken>) -> Result<Response, Reject> {
    Ok(forgot_page(&state, &ui, &csrf, "", None).render())
}

pub async fn forgot(
    State(state): State<AppState>,
    ui: Ui,
    Extension(csrf): Extension<CsrfToken>,
    ClientAddr(ip): ClientAddr,
    form: Fields,
) -> Result<Response, Reject> {
    let t = Tr { i18n: &state.i18n, lang: ui.lang };
    let email = canonical_email(field(&form, "email"));
    if let Some(error) = email_error(&t, &email) {
        return Ok(forgot_page(&state, &ui, &csrf, &email, Some(error)).render());
    }
    throttle(&state, &ui, format!("reset:ip:{ip}"), RESET_PER_ADDRESS).await?;
    let sent = message(&state, &ui, StatusCode::OK, "forgot-sent-title", t.with("forgot-sent-text", "email", &email));
    let account = match state.store.account_by_email(&email).await {
        Ok(Some(a)) if a.deleted_at.is_none() => a,
        Ok(_) => return Ok(sent),
        Err(e) => return Err(Reject::unavailable(e)),
    };
    // Per account, silently: a limit that showed would tell that the address is registered.
    match state
        .store
        .hit_throttle(&format!("reset:account:{}", account.id), state.clock.now(), RESET_PER_ACCOUNT.0, RESET_PER_ACCOUNT.1)
        .await
    {
        Ok(d) if d.allowed => {}
        Ok(_) => return Ok(sent),
        Err(e) => return Err(Reject::unavailable(e)),
    }
    let token = new_link_token(&state, TokenPurpose::ResetPassword, &account, RESET_FOR).await?;
    let link = format!("{}/account/reset?token={token}", state.settings.public_url);
    send(&state, &account.email, t.msg("mail-reset-subject"), t.with("mail-reset-body", "link", &link)).await;
    audit(&state, Some(&account.id.to_string()), "account.reset_requested", None).await;
    Ok(sent)
}

/// The answer to a link that is wrong, used already or too old.
pub(crate) fn bad_link(state: &AppState, ui: &Ui) -> Response {
    let t = Tr { i18n: &state.i18n, lang: ui.lang };
    message(state, ui, StatusCode::NOT_FOUND, "confirm-bad-title", t.msg("confirm-bad-text"))
}

/// A page that an e-mailed link opens with a single-use token in its address,
/// whose form asks for one new password: resetting a password, accepting a staff invitation.
pub(crate) struct PasswordLink {
    pub(crate) path: &'static str,
    pub(crate) title_key: &'static str,
    pub(crate) intro_key: Option<&'static str>,
    pub(crate) submit_key: &'static str,
}

const RESET_LINK: PasswordLink =
    PasswordLink { path: "/account/reset", title_key: "reset-title", intro_key: None, submit_key: "reset-submit" };

impl PasswordLink {
    fn page<'a>(&self, state: &'a AppState, ui: &'a Ui, csrf: &'a CsrfToken, token: &SecretToken, error: Option<String>) -> Page<'a> {
        let t = Tr { i18n: &state.i18n, lang: ui.lang };
        let field = FormField::new(&t, "new_password", "field-new-password", "password", "new-password")
            .hint(&t, "field-password-hint")
            .error(error);
        // The token rides in the address of the form, as it came in the link.
        Page {
            intro: self.intro_key.iter().map(|key| t.msg(key)).collect(),
            fields: vec![field],
            ..Page::new(state, ui, csrf, self.title_key, format!("{}?token={token}", self.path), self.submit_key)
        }
    }

    /// The form, for an address with a token.
    pub(crate) fn form(&self, state: &AppState, ui: &Ui, csrf: &CsrfToken) -> Response {
        match ui.param("token").and_then(SecretToken::parse) {
            Some(token) => self.page(state, ui, csrf, &token, None).render(),
            None => bad_link(state, ui),
        }
    }

    /// The token and the new password the form sent; the password is checked
    /// before the single-use token is spent on it.
    pub(crate) fn read(&self, state: &AppState, ui: &Ui, csrf: &CsrfToken, form: &Fields) -> Result<(SecretToken, NewPassword), Reject> {
        let Some(token) = ui.param("token").and_then(SecretToken::parse) else { return Err(bad_link(state, ui).into()) };
        match NewPassword::parse(field(form, "new_password"), &[]) {
            Ok(password) => Ok((token, password)),
            Err(problem) => {
                let t = Tr { i18n: &state.i18n, lang: ui.lang };
                Err(self.page(state, ui, csrf, &token, Some(password_error(&t, problem))).render().into())
            }
        }
    }
}

/// The account a spent link was for, if there was one and it still `fits`.
pub(crate) async fn link_account(
    state: &AppState,
    used: Option<TokenRecord>,
    fits: impl Fn(&Account) -> bool,
) -> Result<Option<Account>, Reject> {
    let Some(TokenRecord { account: Some(id), .. }) = used else { return Ok(None) };
    Ok(state.store.account(id).await?.filter(|a| fits(a)))
}

pub async fn reset_form(State(state): State<AppState>, ui: Ui, Extension(csrf): Extension<CsrfToken>) -> Result<Response, Reject> {
    Ok(RESET_LINK.form(&state, &ui, &csrf))
}

pub async fn reset(State(state): State<AppState>, ui: Ui, Extension(csrf): Extension<CsrfToken>, form: Fields) -> Result<Response, Reject> {
    let t = Tr { i18n: &state.i18n, lang: ui.lang };
    let (token, new_password) = RESET_LINK.read(&state, &ui, &csrf, &form)?;
    let used = state.store.use_token(&token.hash(), TokenPurpose::ResetPassword, state.clock.now()).await?;
    let Some(account) = link_account(&state, used, |a| a.deleted_at.is_none()).await? else { return Ok(bad_link(&state, &ui)) };
    set_password(&state, &account, new_password).await.map_err(Reject::unavailable)?;
    // Opening the link proves the address.
    if account.email_confirmed_at.is_none() {
        let _ = state.store.confirm_email(account.id, state.clock.now()).await;
    }
    notify_password_changed(&state, &t, &account).await;
    Ok(session_ended(&state, &ui, "reset-done-title", "reset-done-text"))
}

// ---- what Hromada holds about me, and leaving ----------------------------------------

fn rfc3339(at: time::OffsetDateTime) -> String {
    at.format(&time::format_description::well_known::Rfc3339).unwrap_or_default()
}

/// The signed-in visitor, if the policy lets them take `action` on their own account.
async fn may(state: &AppState, visitor: &Visitor, action: Action) -> Option<SignedIn> {
    let signed_in = visitor.signed_in.clone()?;
    let person = person_of(state, visitor).await.ok()?;
    decide(&person, action, &Resource::Account(signed_in.account.id)).allowed().then_some(signed_in)
}

/// Everything Hromada holds about the signed-in person, as a JSON download.
pub async fn export(State(state): State<AppState>, _: AccountHolder, visitor: Visitor) -> Result<Response, Reject> {
    let Some(signed_in) = may(&state, &visitor, Action::View).await else { return Ok(Redirect::to("/account/sign-in").into_response()) };
    let a = &signed_in.account;
    let now = state.clock.now();
    let gathered = async {
        Ok::<_, hromada_store::StoreError>((
            state.store.roles_of(a.id).await?,
            state.store.sessions_of(a.id, now).await?,
            state.store.cases_of_applicant(a.id).await?,
        ))
    };
    let (roles, sessions, cases) = gathered.await?;
    let mut files = Vec::new();
    for case in &cases {
        match state.store.case_files(case.id).await {
            Ok(f) => files.extend(f),
            Err(e) => return Err(Reject::unavailable(e)),
        }
    }
    let json = serde_json::json!({
        "format": "hromada-personal-data/1",
        "generated_at": rfc3339(now),
        "account": {
            "email": a.email,
            "display_name": a.display_name,
            "preferred_language": a.preferred_lang.code(),
            "created_at": rfc3339(a.created_at),
            "email_confirmed_at": a.email_confirmed_at.map(rfc3339),
            "staff": a.is_staff,
        },
        "roles": roles.iter().map(|g| serde_json::json!({"role": g.role.code(), "scope": g.scope.kind(), "place": g.scope.slug(), "granted_at": rfc3339(g.granted_at)})).collect::<Vec<_>>(),
        "sessions": sessions.iter().map(|s| serde_json::json!({"signed_in_at": rfc3339(s.created_at), "last_seen_at": rfc3339(s.last_seen_at), "ends_at": rfc3339(s.idle_expires_at.min(s.absolute_expires_at))})).collect::<Vec<_>>(),
        "cases": cases.iter().map(|c| serde_json::json!({
            "id": c.id,
            "reference": c.reference,
            "community": c.community_slug,
            "service": c.service_slug,
            "service_version": c.service_version,
            "state": c.state,
            "created_at": rfc3339(c.created_at),
            "submitted_at": c.submitted_at.map(rfc3339),
            "answers": c.answers,
        })).collect::<Vec<_>>(),
        "files": files.iter().map(|f| serde_json::json!({
            "case": f.case_id,
            "name": f.name,
            "type": f.content_type,
            "bytes": f.size,
            "sha256": f.sha256,
            "uploaded_at": rfc3339(f.uploaded_at),
            "download": format!("{}/applications/{}/files/{}", state.settings.public_url, f.case_id, f.id),
        })).collect::<Vec<_>>(),
    });
    audit(&state, Some(&a.id.to_string()), "export", Some(format!("account:{}", a.id))).await;
    let body = serde_json::to_string_pretty(&json).unwrap_or_default();
    let mut response = private(body.into_response());
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json; charset=utf-8"));
    headers.insert(header::CONTENT_DISPOSITION, HeaderValue::from_static("attachment; filename=\"hromada-my-data.json\""));
    Ok(response)
}

fn delete_page<'a>(state: &'a AppState, ui: &'a Ui, csrf: &'a CsrfToken, error: Option<String>) -> Page<'a> {
    let t = Tr { i18n: &state.i18n, lang: ui.lang };
    Page {
        intro: vec![t.msg("delete-intro"), t.msg("delete-cases"), t.msg("delete-confirm")],
        fields: vec![FormField::new(&t, "password", "field-password", "password", "current-password").error(error)],
        links: vec![("/account".into(), t.msg("delete-keep"))],
        ..Page::new(state, ui, csrf, "delete-title", "/account/delete", "delete-submit")
    }
}

pub async fn delete_form(
    State(state): State<AppState>,
    ui: Ui,
    _: AccountHolder,
    visitor: Visitor,
    Extension(csrf): Extension<CsrfToken>,
) -> Result<Response, Reject> {
    let t = Tr { i18n: &state.i18n, lang: ui.lang };
    match may(&state, &visitor, Action::Manage).await {
        Some(_) => Ok(delete_page(&state, &ui, &csrf, None).render()),
        None => Ok(message(&state, &ui, StatusCode::OK, "delete-title", t.msg("delete-staff"))),
    }
}

pub async fn delete(
    State(state): State<AppState>,
    ui: Ui,
    _: AccountHolder,
    visitor: Visitor,
    Extension(csrf): Extension<CsrfToken>,
    ClientAddr(ip): ClientAddr,
    form: Fields,
) -> Result<Response, Reject> {
    let t = Tr { i18n: &state.i18n, lang: ui.lang };
    let Some(signed_in) = may(&state, &visitor, Action::Manage).await else {
        return Ok(message(&state, &ui, StatusCode::FORBIDDEN, "delete-title", t.msg("delete-staff")));
    };
    let account = &signed_in.account;
    throttle_password_check(&state, &ui, &ip, account.id).await?;
    if !verify_password(&state, account.password_hash.clone(), field(&form, "password").to_string()).await {
        return Ok(delete_page(&state, &ui, &csrf, Some(t.msg("error-current-password"))).render());
    }
    // The drafts go with the account; so do their files, unless another case holds the same content.
    let mut draft_files = Vec::new();
    if let Ok(cases) = state.store.cases_of_applicant(account.id).await {
        for case in cases.iter().filter(|c| c.is_draft()) {
            if let Ok(files) = state.store.case_files(case.id).await {
                draft_files.extend(files.into_iter().map(|f| f.sha256));
            }
        }
    }
    state.store.delete_account_personal_data(account.id, state.clock.now()).await?;
    state.forget_files(&draft_files).await;
    audit(&state, Some(&account.id.to_string()), "account.deleted", None).await;
    Ok(session_ended(&state, &ui, "deleted-title", "deleted-text"))
}
