//! Staff sign-in: an invitation link sets the password, then a TOTP second
//! factor is enrolled (QR code, and the secret in text for people who cannot
//! scan) with ten single-use recovery codes. At every sign-in, after the
//! password, a code from the app (or a recovery code) is needed before a staff
//! session can do anything.
//!
//! The TOTP secret is stored sealed with `keys_secret` (`documents::keys`);
//! without that setting no secret is made or read, and the second factor
//! answers 503 rather than keep a secret in clear.

use askama::Template;
use axum::Extension;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use hromada_domain::account::{Account, RoleGrant, Scope, TokenPurpose, TokenRecord, TotpAtRest, TotpRecord};
use hromada_domain::auth::{RECOVERY_RANDOM_BYTES, RecoveryCodes, SecretToken, TotpSecret, legacy_recovery_code_hash, recovery_code_hash};
use time::OffsetDateTime;

use crate::AppState;
use crate::access::audit::audit;
use crate::access::client::throttle;
use crate::access::session::{self, SignedIn, Visitor};
use crate::access::staff::{grants_of, person_of};
use crate::account::{PasswordLink, bad_link, hash_password, keeping_next, link_account, local_next};
use crate::documents::keys::KeysSecret;
use crate::http::csrf::CsrfToken;
use crate::http::forms::{Fields, FormField, Page, field};
use crate::http::i18n::Tr;
use crate::http::layout::{Base, Ui};
use crate::http::render::{Reject, message, private, render, with_cookies};
use crate::http::secret::random;

/// Wrong codes allowed per account in 15 minutes.
const CODE_ATTEMPTS: (std::time::Duration, u32) = (std::time::Duration::from_secs(15 * 60), 5);
const ISSUER: &str = "Hromada";

/// Wrong codes are counted per account, at enrolment and at sign-in alike.
fn code_throttle_key(account: &Account) -> String {
    format!("totp:account:{}", account.id)
}

fn unix(at: OffsetDateTime) -> i64 {
    at.unix_timestamp()
}

// ---- the invitation -------------------------------------------------------------

const WELCOME_LINK: PasswordLink =
    PasswordLink { path: "/staff/welcome", title_key: "welcome-title", intro_key: Some("welcome-intro"), submit_key: "welcome-submit" };

pub async fn welcome_form(State(state): State<AppState>, ui: Ui, Extension(csrf): Extension<CsrfToken>) -> Result<Response, Reject> {
    Ok(WELCOME_LINK.form(&state, &ui, &csrf))
}

pub async fn welcome(
    State(state): State<AppState>,
    ui: Ui,
    Extension(csrf): Extension<CsrfToken>,
    form: Fields,
) -> Result<Response, Reject> {
    let (token, password) = WELCOME_LINK.read(&state, &ui, &csrf, &form)?;
    let now = state.clock.now();
    // A token the store cannot spend is a bad link here.
    let used = state.store.use_token(&token.hash(), TokenPurpose::StaffInvite, now).await.unwrap_or(None);
    let Some(account) = link_account(&state, used, |a| a.is_staff && a.deleted_at.is_none()).await? else {
        return Ok(bad_link(&state, &ui));
    };
    let hash = hash_password(&state, password).await.map_err(Reject::unavailable)?;
    state.store.set_password_hash(account.id, &hash).await?;
    if account.email_confirmed_at.is_none() {
        let _ = state.store.confirm_email(account.id, now).await;
    }
    audit(&state, Some(&account.id.to_string()), "staff.invitation_accepted", None).await;
    let cookie = session::start(&state, &account, None, now).await?;
    Ok(with_cookies(Redirect::to("/staff/totp").into_response(), cookie))
}

// ---- enrolling the second factor ---------------------------------------------------

#[derive(Template)]
#[template(path = "totp.html")]
struct TotpPage<'a> {
    base: Base<'a>,
    csrf: String,
    qr_svg: String,
    secret_groups: String,
    uri: String,
    error: Option<String>,
    errors: Vec<(String, String)>,
}

#[derive(Template)]
#[template(path = "codes.html")]
struct CodesPage<'a> {
    base: Base<'a>,
    codes: Vec<String>,
}

/// A staff member signed in with a password but without a second factor yet; anyone else is sent to their account.
fn enrolling(visitor: &Visitor) -> Result<&SignedIn, Reject> {
    visitor.second_factor_pending.as_ref().ok_or_else(|| Redirect::to("/account").into_response().into())
}

/// The passphrase that seals TOTP secrets; without it there is no second factor (503), never a secret in clear.
fn sealing(state: &AppState) -> Result<&KeysSecret, Reject> {
    state
        .settings
        .keys_secret
        .as_ref()
        .ok_or_else(|| Reject::unavailable("no second factor without keys_secret (HROMADA_KEYS_SECRET), which seals the TOTP secrets"))
}

/// The secret of a stored record, opened; a 503 when it cannot be (still in
/// clear, sealed under another passphrase, or not this account's).
async fn open_secret(state: &AppState, record: &TotpRecord) -> Result<TotpSecret, Reject> {
    let keys = sealing(state)?;
    let TotpAtRest::Sealed(sealed) = &record.secret else {
        return Err(Reject::unavailable("a TOTP secret is still in clear: start the server with keys_secret to seal it"));
    };
    let bytes = keys
        .open_totp(record.account, sealed)
        .await
        .ok_or_else(|| Reject::unavailable("a TOTP secret does not open: keys_secret is not the passphrase it was sealed with"))?;
    Ok(TotpSecret::from_bytes(bytes))
}

/// The unconfirmed secret of this account, made now if there is none.
async fn pending_secret(state: &AppState, account: &Account) -> Result<Option<TotpSecret>, Reject> {
    match state.store.totp_of(account.id).await? {
        Some(TotpRecord { confirmed_at: Some(_), .. }) => Ok(None),
        Some(record) => open_secret(state, &record).await.map(Some),
        None => {
            let keys = sealing(state)?;
            let secret = TotpSecret::from_bytes(random::<20>()?);
            let sealed = keys.seal_totp(account.id, secret.as_bytes()).await.map_err(Reject::unavailable)?;
            state
                .store
                .put_totp(&TotpRecord { account: account.id, secret: TotpAtRest::Sealed(sealed), confirmed_at: None, last_used_step: None })
                .await?;
            Ok(Some(secret))
        }
    }
}

fn qr_svg(text: &str) -> Option<String> {
    let code = qrcode::QrCode::new(text.as_bytes()).ok()?;
    Some(
        code.render::<qrcode::render::svg::Color<'_>>()
            .min_dimensions(200, 200)
            .dark_color(qrcode::render::svg::Color("#0b0c0c"))
            .light_color(qrcode::render::svg::Color("#ffffff"))
            .quiet_zone(true)
            .build(),
    )
}

fn totp_page(
    state: &AppState,
    ui: &Ui,
    csrf: &CsrfToken,
    account: &Account,
    secret: &TotpSecret,
    error: Option<String>,
    status: StatusCode,
) -> Response {
    let t = Tr { i18n: &state.i18n, lang: ui.lang };
    let uri = secret.otpauth_uri(ISSUER, &account.email);
    // The XML prolog is not allowed inside HTML.
    let svg = qr_svg(&uri).map(|s| s.split_once("?>").map(|(_, rest)| rest.to_string()).unwrap_or(s)).unwrap_or_default();
    let b32 = secret.to_base32();
    let groups: Vec<String> = b32.as_bytes().chunks(4).map(|c| String::from_utf8_lossy(c).into_owned()).collect();
    let mut base = Base::new(state, ui, t.msg("totp-title"));
    base.error = error.is_some();
    let errors = error.iter().map(|e| ("code".to_string(), e.clone())).collect();
    let page = TotpPage { base, csrf: csrf.value().to_string(), qr_svg: svg, secret_groups: groups.join(" "), uri, error, errors };
    private(render(status, &page))
}

pub async fn totp_form(
    State(state): State<AppState>,
    ui: Ui,
    visitor: Visitor,
    Extension(csrf): Extension<CsrfToken>,
) -> Result<Response, Reject> {
    let signed_in = enrolling(&visitor)?;
    match pending_secret(&state, &signed_in.account).await? {
        Some(secret) => Ok(totp_page(&state, &ui, &csrf, &signed_in.account, &secret, None, StatusCode::OK)),
        None => Ok(Redirect::to("/account/sign-in/code").into_response()),
    }
}

pub async fn totp_enrol(
    State(state): State<AppState>,
    ui: Ui,
    visitor: Visitor,
    Extension(csrf): Extension<CsrfToken>,
    form: Fields,
) -> Result<Response, Reject> {
    let signed_in = enrolling(&visitor)?;
    let t = Tr { i18n: &state.i18n, lang: ui.lang };
    let account = &signed_in.account;
    throttle(&state, &ui, code_throttle_key(account), CODE_ATTEMPTS).await?;
    let Some(secret) = pending_secret(&state, account).await? else { return Ok(Redirect::to("/account/sign-in/code").into_response()) };
    let now = state.clock.now();
    let Some(step) = secret.verify(field(&form, "code"), unix(now), None) else {
        return Ok(totp_page(&state, &ui, &csrf, account, &secret, Some(t.msg("error-code")), StatusCode::UNPROCESSABLE_ENTITY));
    };
    let RecoveryCodes { shown: codes, salt, hashes } = RecoveryCodes::generate(random::<RECOVERY_RANDOM_BYTES>()?);
    let stored = async {
        state.store.confirm_totp(account.id, now).await?;
        state.store.advance_totp_step(account.id, step).await?;
        state.store.put_recovery_codes(account.id, &salt, &hashes).await
    };
    stored.await?;
    audit(&state, Some(&account.id.to_string()), "staff.totp_enrolled", None).await;
    let cookie = session::start_with(&state, account, Some(&signed_in.session.id_hash), now, true).await?;
    let page = CodesPage { base: Base::new(&state, &ui, t.msg("codes-title")), codes };
    Ok(with_cookies(private(render(StatusCode::OK, &page)), cookie))
}

// ---- the second step of every sign-in ------------------------------------------------

fn code_page<'a>(state: &'a AppState, ui: &'a Ui, csrf: &'a CsrfToken, error: Option<String>) -> Page<'a> {
    let t = Tr { i18n: &state.i18n, lang: ui.lang };
    Page {
        fields: vec![FormField::new(&t, "code", "field-code", "text", "one-time-code").hint(&t, "field-code-hint").error(error)],
        ..Page::new(state, ui, csrf, "code-title", keeping_next(ui, "/account/sign-in/code"), "code-submit")
    }
}

pub async fn code_form(
    State(state): State<AppState>,
    ui: Ui,
    visitor: Visitor,
    Extension(csrf): Extension<CsrfToken>,
) -> Result<Response, Reject> {
    enrolling(&visitor)?;
    Ok(code_page(&state, &ui, &csrf, None).render())
}

pub async fn code(
    State(state): State<AppState>,
    ui: Ui,
    visitor: Visitor,
    Extension(csrf): Extension<CsrfToken>,
    form: Fields,
) -> Result<Response, Reject> {
    let signed_in = enrolling(&visitor)?;
    let t = Tr { i18n: &state.i18n, lang: ui.lang };
    let account = &signed_in.account;
    throttle(&state, &ui, code_throttle_key(account), CODE_ATTEMPTS).await?;
    let now = state.clock.now();
    let typed = field(&form, "code").trim().to_string();
    let record = match state.store.totp_of(account.id).await {
        Ok(Some(r)) if r.confirmed_at.is_some() => r,
        Ok(_) => return Ok(Redirect::to("/staff/totp").into_response()),
        Err(e) => return Err(Reject::unavailable(e)),
    };
    let secret = open_secret(&state, &record).await?;
    let by_app = match secret.verify(&typed, unix(now), record.last_used_step) {
        // The store refuses a step used already, also by a concurrent request.
        Some(step) => state.store.advance_totp_step(account.id, step).await.unwrap_or(false),
        None => false,
    };
    let by_recovery = !by_app && typed.len() >= 8 && use_recovery_code(&state, account, &typed, now).await?;
    if !by_app && !by_recovery {
        audit(&state, Some(&account.id.to_string()), "sign_in.second_factor_failed", None).await;
        return Ok(code_page(&state, &ui, &csrf, Some(t.msg("error-code"))).render());
    }
    let _ = state.store.clear_throttle(&code_throttle_key(account)).await;
    audit(&state, Some(&account.id.to_string()), if by_app { "sign_in" } else { "sign_in.recovery_code" }, None).await;
    let cookie = session::start_with(&state, account, Some(&signed_in.session.id_hash), now, true).await?;
    Ok(with_cookies(Redirect::to(local_next(&ui).unwrap_or("/account")).into_response(), cookie))
}

/// Spend a recovery code: one of the account's salted set, or one made before
/// salts (8 characters, unsalted), which works until used or replaced.
async fn use_recovery_code(state: &AppState, account: &Account, typed: &str, now: OffsetDateTime) -> Result<bool, Reject> {
    if let Some(salt) = state.store.recovery_salt(account.id).await?
        && state.store.use_recovery_code(account.id, &recovery_code_hash(&salt, typed), now).await?
    {
        return Ok(true);
    }
    match legacy_recovery_code_hash(typed) {
        Some(hash) => Ok(state.store.use_recovery_code(account.id, &hash, now).await?),
        None => Ok(false),
    }
}

// ---- inviting staff ------------------------------------------------------------------

/// How long an invitation link works.
pub const INVITATION_VALID_FOR: std::time::Duration = std::time::Duration::from_secs(7 * 24 * 60 * 60);

#[derive(Debug, thiserror::Error)]
pub enum InviteError {
    #[error("\"{0}\" is not an e-mail address")]
    BadEmail(String),
    #[error("{0} is a resident's account; staff need an address of their own")]
    ResidentAccount(String),
    #[error("no {kind} \"{slug}\" in this installation")]
    UnknownPlace { kind: &'static str, slug: String },
    #[error(transparent)]
    Store(#[from] hromada_store::StoreError),
    #[error("cannot make the invitation's link: {0}")]
    NoRandomness(String),
}

/// Make (or find) a staff account for `email`, grant it `role` in `scope`, and
/// return the link with which the person sets a password and a second factor
/// (the account's first sign-in). `granted_by` is the inviting admin, if any.
pub async fn invite(
    store: &dyn hromada_store::Store,
    email: &str,
    role: hromada_domain::account::Role,
    scope: Scope,
    granted_by: Option<hromada_domain::account::AccountId>,
    now: OffsetDateTime,
    public_url: &str,
) -> Result<String, InviteError> {
    let email = hromada_domain::values::Email::parse(email).map_err(|_| InviteError::BadEmail(email.to_string()))?;
    let email = hromada_domain::account::canonical_email(email.as_str());
    let known = match &scope {
        Scope::Community(slug) => store.communities().await?.iter().any(|c| &c.slug == slug),
        Scope::Region(slug) => store.regions().await?.iter().any(|r| &r.slug == slug),
        Scope::Installation => true,
    };
    if !known {
        return Err(InviteError::UnknownPlace { kind: scope.kind(), slug: scope.slug().to_string() });
    }
    let account = match store.account_by_email(&email).await? {
        Some(a) if !a.is_staff => return Err(InviteError::ResidentAccount(email)),
        Some(a) => a,
        None => {
            store
                .create_account(&hromada_domain::account::NewAccount {
                    email: email.clone(),
                    display_name: String::new(),
                    password_hash: None,
                    is_staff: true,
                    preferred_lang: hromada_domain::Lang::Uk,
                    created_at: now,
                })
                .await?
        }
    };
    store.grant_role(&RoleGrant { account: account.id, role, scope: scope.clone(), granted_by, granted_at: now }).await?;
    let token = SecretToken::from_bytes(random::<32>().map_err(|e| InviteError::NoRandomness(e.to_string()))?);
    store
        .put_token(&TokenRecord {
            hash: token.hash(),
            purpose: TokenPurpose::StaffInvite,
            account: Some(account.id),
            email: account.email.clone(),
            payload: Some(format!("{} {} {}", role.code(), scope.kind(), scope.slug())),
            created_at: now,
            expires_at: now + INVITATION_VALID_FOR,
            used_at: None,
        })
        .await?;
    let event = hromada_domain::audit::AuditEvent {
        at: now,
        actor: granted_by.map(|id| id.to_string()),
        actor_role: None,
        community: match &scope {
            Scope::Community(slug) => Some(slug.clone()),
            Scope::Region(_) | Scope::Installation => None,
        },
        action: "role.grant".to_string(),
        subject: Some(format!("account:{}", account.id)),
        details: [("role".to_string(), role.code().to_string()), ("scope".to_string(), format!("{}:{}", scope.kind(), scope.slug()))]
            .into_iter()
            .collect(),
    };
    store.append_audit(&event).await?;
    Ok(format!("{public_url}/staff/welcome?token={token}"))
}

// ---- admins invite staff from the web --------------------------------------------------

use hromada_domain::policy::{self, Action, Person, Place, Resource};

#[derive(Template)]
#[template(path = "invite.html")]
struct InvitePage<'a> {
    base: Base<'a>,
    csrf: String,
    email: String,
    email_error: Option<String>,
    grants: Vec<(String, String)>,
    selected: String,
    errors: Vec<(String, String)>,
}

/// The invitation form as the admin filled it: the address, the role chosen, and what was wrong with the address.
#[derive(Default)]
struct InviteForm<'a> {
    email: &'a str,
    selected: &'a str,
    email_error: Option<String>,
}

fn invite_page(
    state: &AppState,
    ui: &Ui,
    csrf: &CsrfToken,
    grants: &[(String, String, hromada_domain::account::Role, Scope)],
    form: InviteForm<'_>,
) -> Result<Response, Reject> {
    let InviteForm { email, selected, email_error } = form;
    let status = if email_error.is_some() { StatusCode::UNPROCESSABLE_ENTITY } else { StatusCode::OK };
    let t = Tr { i18n: &state.i18n, lang: ui.lang };
    let mut base = Base::new(state, ui, t.msg("invite-title"));
    base.error = email_error.is_some();
    let page = InvitePage {
        base,
        csrf: csrf.value().to_string(),
        email: email.to_string(),
        errors: email_error.iter().map(|e| ("email".to_string(), e.clone())).collect(),
        email_error,
        grants: grants.iter().map(|(v, l, _, _)| (v.clone(), l.clone())).collect(),
        selected: selected.to_string(),
    };
    Ok(private(render(status, &page)))
}

pub async fn invite_form(
    State(state): State<AppState>,
    ui: Ui,
    visitor: Visitor,
    Extension(csrf): Extension<CsrfToken>,
) -> Result<Response, Reject> {
    let person = person_of(&state, &visitor).await?;
    let t = Tr { i18n: &state.i18n, lang: ui.lang };
    let grants = grants_of(&state, &t, &person);
    if grants.is_empty() {
        // Not an admin anywhere: the page does not exist for them.
        return Err(Reject::NotFound);
    }
    // The admin pages link here with a role and place chosen (`?grant=region:kyivska:regional_admin`).
    let selected = ui.param("grant").filter(|g| grants.iter().any(|(value, ..)| value == g)).unwrap_or("");
    invite_page(&state, &ui, &csrf, &grants, InviteForm { selected, ..InviteForm::default() })
}

pub async fn invite_staff(
    State(state): State<AppState>,
    ui: Ui,
    visitor: Visitor,
    Extension(csrf): Extension<CsrfToken>,
    form: Fields,
) -> Result<Response, Reject> {
    let person = person_of(&state, &visitor).await?;
    let t = Tr { i18n: &state.i18n, lang: ui.lang };
    let grants = grants_of(&state, &t, &person);
    let wanted = field(&form, "grant");
    // Whatever the form says, only what the policy lets this person grant can be granted.
    let Some((_, label, role, scope)) = grants.iter().find(|(v, ..)| v == wanted) else {
        return Err(Reject::NotFound);
    };
    let Person::Staff { id: admin, .. } = &person else { return Err(Reject::NotFound) };
    let place = match scope {
        Scope::Community(c) => {
            state.catalogue.get().any_community(c).map(|c| Place { community: c.slug.clone(), region: c.region_slug.clone() })
        }
        Scope::Region(_) | Scope::Installation => None,
    };
    let resource = match (&place, scope) {
        (Some(p), _) => Resource::CommunityStaff(p.clone()),
        (None, Scope::Region(r)) => Resource::RegionStaff { region: r.clone() },
        (None, Scope::Installation) => Resource::Regions,
        (None, Scope::Community(_)) => return Err(Reject::NotFound),
    };
    if !policy::decide(&person, Action::Manage, &resource).allowed() {
        return Err(Reject::NotFound);
    }
    let email = field(&form, "email").trim().to_string();
    let now = state.clock.now();
    let link = match invite(state.store.as_ref(), &email, *role, scope.clone(), Some(*admin), now, &state.settings.public_url).await {
        Ok(link) => link,
        Err(InviteError::BadEmail(_)) => {
            let error = if email.is_empty() { t.msg("error-email-empty") } else { t.msg("error-email-format") };
            return invite_page(&state, &ui, &csrf, &grants, InviteForm { email: &email, selected: wanted, email_error: Some(error) });
        }
        Err(InviteError::ResidentAccount(_)) => {
            let form = InviteForm { email: &email, selected: wanted, email_error: Some(t.msg("invite-resident")) };
            return invite_page(&state, &ui, &csrf, &grants, form);
        }
        Err(e) => return Err(Reject::unavailable(e)),
    };
    let body = t.i18n.msg_args(t.lang, "mail-invite-body", &[("role", label.clone().into()), ("link", link.into())]);
    if let Err(error) =
        state.mailer.send(&hromada_mail::Email { to: email.clone(), subject: t.msg("mail-invite-subject"), body, message_id: None }).await
    {
        tracing::error!(%error, "could not send an invitation");
    }
    Ok(message(&state, &ui, StatusCode::OK, "invite-sent-title", t.with("invite-sent-text", "email", &email)))
}
