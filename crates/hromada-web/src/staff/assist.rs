//! Assisted applications at a service centre (ЦНАП). An operator starts an
//! application on a resident's behalf — a resident found by the e-mail of
//! their account, or one recorded without an account — with the resident's
//! consent and a note of how their identity was checked, then fills it in
//! through the same journey pages as anyone. The case records who applied
//! (`assisted_by`) for whom (`assisted_note`).
//!
//! After submission the operator prints a receipt: the reference number and,
//! for a resident without an account, a one-time claim code with which the
//! resident later attaches the case to an account of their own
//! (`/applications/claim`).
//!
//! The claim code is shown once. The store keeps only its SHA-256, so the
//! code can be shown only in the answer to the request that made it: the
//! receipt page (a safe GET) shows everything but the code, and its button
//! (a POST, CSRF-checked and audited) makes a new code and shows the receipt
//! with it, ready to print. Making another code — a spoiled or lost printout —
//! replaces the hash, so only the code printed last works.

use std::sync::Arc;
use std::time::Duration;

use askama::Template;
use axum::Extension;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use hromada_domain::account::{Account, AccountId, Role, Scope, canonical_email};
use hromada_domain::audit::AuditEvent;
use hromada_domain::case::CaseChannel;
use hromada_domain::catalogue::CatalogueService;
use hromada_domain::clock::kyiv_time;
use hromada_domain::form::clean_text;
use hromada_domain::place::Community;
use hromada_domain::policy::{Action, Person, Place, Resource, decide};
use hromada_domain::values::{Email, Phone};
use hromada_store::{CaseRecord, DRAFT_STATE, NewCase, StoreError};

use crate::AppState;
use crate::access::audit::audit;
use crate::access::client::throttle;
use crate::access::owner::{AssistedNote, Owned, made_by, note_of};
use crate::access::session::Visitor;
use crate::access::staff::person_of;
use crate::http::csrf::CsrfToken;
use crate::http::forms::{Fields, FormField, Page, field};
use crate::http::i18n::Tr;
use crate::http::layout::{Base, Ui};
use crate::http::render::{Reject, private, render, see_other};
use crate::http::secret::random;
use crate::http::widgets::{Choice, Widget, blank_widget, radios, text_widget};

const MAX_NAME_CHARS: usize = 100;
const MAX_IDENTITY_NOTE_CHARS: usize = 200;
/// How identity was checked: the values of the form and of `AssistedNote::identity_check`.
const IDENTITY_CHECKS: [&str; 3] = ["passport", "id_card", "other"];
/// Wrong claim codes allowed per account and hour: 50-bit codes stay out of reach.
const CLAIM_ATTEMPTS: (Duration, u32) = (Duration::from_secs(60 * 60), 10);

// ---- the claim code -------------------------------------------------------------------

/// Crockford's base32: no I, L, O or U, so no character reads as another.
const CLAIM_ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
/// Ten characters of five bits: 50 bits of randomness.
const CLAIM_CHARS: usize = 10;

/// A claim code from ten random bytes, as printed: `K7Q2-M9XW-3P`.
pub(crate) fn claim_code(random: [u8; CLAIM_CHARS]) -> String {
    // 32 divides 256: every character is equally likely.
    let chars: Vec<char> = random.iter().map(|b| char::from(CLAIM_ALPHABET[usize::from(b & 31)])).collect();
    let group = |r: std::ops::Range<usize>| chars[r].iter().collect::<String>();
    format!("{}-{}-{}", group(0..4), group(4..8), group(8..10))
}

/// A code as a person typed it, in its canonical form, or `None` if it cannot
/// be one. Case, spaces and dashes do not matter; O reads as 0, I and L as 1,
/// and Cyrillic letters that look like Latin ones (a Ukrainian keyboard) as those.
pub(crate) fn normalise_claim_code(typed: &str) -> Option<String> {
    let mut out = String::with_capacity(CLAIM_CHARS);
    for c in typed.chars() {
        let upper = c.to_uppercase().next().unwrap_or(c);
        let c = match upper {
            ' ' | '\t' | '-' | '\u{2010}'..='\u{2015}' | '\u{2212}' => continue,
            'O' | 'О' => '0',
            'I' | 'L' | 'І' => '1',
            'А' => 'A',
            'В' => 'B',
            'Е' => 'E',
            'К' => 'K',
            'М' => 'M',
            'Н' => 'H',
            'Р' => 'P',
            'С' => 'C',
            'Т' => 'T',
            'Х' => 'X',
            c if c.is_ascii() && CLAIM_ALPHABET.contains(&(c as u8)) => c,
            _ => return None,
        };
        out.push(c);
        if out.len() > CLAIM_CHARS {
            return None;
        }
    }
    (out.len() == CLAIM_CHARS).then_some(out)
}

/// What the store keeps of a claim code: the SHA-256 (hex) of its canonical form.
pub(crate) fn claim_code_hash(canonical: &str) -> String {
    hromada_domain::upload::sha256_hex(canonical.as_bytes())
}

// ---- who applied for whom ----------------------------------------------------------------

/// The role a staff member acts in at a community's counter, for the audit trail.
fn counter_role(person: &Person, community: &Community) -> Option<String> {
    let Person::Staff { roles, .. } = person else { return None };
    [Role::Operator, Role::Officer, Role::Supervisor]
        .into_iter()
        .find(|wanted| {
            roles.iter().any(|(role, scope)| {
                role == wanted
                    && match scope {
                        Scope::Community(c) => *c == community.slug,
                        Scope::Region(r) => *r == community.region_slug,
                        Scope::Installation => false,
                    }
            })
        })
        .map(|r| r.code().to_string())
}

async fn staff_audit(state: &AppState, person: &Person, community: &Community, action: &str, case_id: i64, details: &[(&str, &str)]) {
    let Person::Staff { id, .. } = person else { return };
    let event = AuditEvent {
        at: state.clock.now(),
        actor: Some(id.to_string()),
        actor_role: counter_role(person, community),
        community: Some(community.slug.clone()),
        action: action.to_string(),
        subject: Some(format!("case:{case_id}")),
        details: details.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect(),
    };
    if let Err(error) = state.store.append_audit(&event).await {
        tracing::error!(%error, action, "could not write the audit trail");
    }
}

// ---- starting an assisted application -------------------------------------------------

/// The communities at whose counter the person may apply, with the services each offers.
fn counters(state: &AppState, person: &Person) -> Vec<(Community, Vec<Arc<CatalogueService>>)> {
    let catalogue = state.catalogue.get();
    catalogue
        .communities()
        .iter()
        .filter(|c| {
            let place = Place { community: c.slug.clone(), region: c.region_slug.clone() };
            decide(person, Action::Change, &Resource::Counter(place)).allowed()
        })
        .map(|c| (c.clone(), catalogue.services_in(&c.slug).to_vec()))
        .filter(|(_, services)| !services.is_empty())
        .collect()
}

/// The form as typed.
#[derive(Debug, Clone, Default)]
struct AssistInput {
    /// `community/service`.
    service: String,
    /// `account` (found by e-mail) or `new` (recorded without an account).
    who: String,
    email: String,
    full_name: String,
    phone: String,
    identity: String,
    identity_note: String,
    consent: bool,
}

impl AssistInput {
    fn read(form: &Fields) -> AssistInput {
        let text = |name: &str| field(form, name).trim().chars().take(1000).collect::<String>();
        AssistInput {
            service: text("service"),
            who: text("who"),
            email: text("email"),
            full_name: text("full_name"),
            phone: text("phone"),
            identity: text("identity"),
            identity_note: text("identity_note"),
            consent: field(form, "consent") == "yes",
        }
    }
}

/// The form as checked.
struct Checked {
    community: Community,
    service: Arc<CatalogueService>,
    account: Option<Account>,
    for_name: String,
    email: Option<String>,
    phone: Option<String>,
    identity: String,
    identity_note: Option<String>,
}

enum Refusal {
    Invalid(Vec<(String, String)>),
    Store(StoreError),
}

/// A value that may be left empty: `None` if it is, else its canonical form, or `None` and `problem` for `id` if it has none.
fn optional(
    errors: &mut Vec<(String, String)>,
    id: &str,
    typed: &str,
    canonical: impl FnOnce(&str) -> Option<String>,
    problem: String,
) -> Option<String> {
    if typed.is_empty() {
        return None;
    }
    let value = canonical(typed);
    if value.is_none() {
        errors.push((id.into(), problem));
    }
    value
}

async fn check(
    state: &AppState,
    t: &Tr<'_>,
    counters: &[(Community, Vec<Arc<CatalogueService>>)],
    input: &AssistInput,
) -> Result<Checked, Refusal> {
    let mut errors: Vec<(String, String)> = Vec::new();
    let chosen = input.service.split_once('/').and_then(|(community, service)| {
        counters
            .iter()
            .find(|(c, _)| c.slug == community)
            .and_then(|(c, services)| services.iter().find(|s| s.definition.id == service).map(|s| (c.clone(), Arc::clone(s))))
    });
    if chosen.is_none() {
        errors.push(("service".into(), t.msg("assist-error-service")));
    }
    let email =
        optional(&mut errors, "email", &input.email, |e| Email::parse(e).ok().map(|e| e.as_str().to_string()), t.msg("error-email-format"));
    let mut account = None;
    match input.who.as_str() {
        "account" if input.email.is_empty() => errors.push(("email".into(), t.msg("assist-error-email-empty"))),
        "account" => {
            if let Some(email) = &email {
                match state.store.account_by_email(&canonical_email(email)).await {
                    Ok(Some(a)) if !a.is_staff && a.deleted_at.is_none() => account = Some(a),
                    Ok(_) => errors.push(("email".into(), t.msg("assist-error-no-account"))),
                    Err(e) => return Err(Refusal::Store(e)),
                }
            }
        }
        "new" => {}
        _ => errors.push(("who".into(), t.msg("assist-error-who"))),
    }
    let full_name = match clean_text(&input.full_name, false) {
        Ok(name) if name.chars().count() > MAX_NAME_CHARS => {
            errors.push(("full_name".into(), t.msg("assist-error-name-long")));
            String::new()
        }
        Ok(name) => name,
        Err(_) => {
            errors.push(("full_name".into(), t.msg("assist-error-characters")));
            String::new()
        }
    };
    if input.who == "new" && full_name.is_empty() && !errors.iter().any(|(id, _)| id == "full_name") {
        errors.push(("full_name".into(), t.msg("assist-error-name")));
    }
    let phone =
        optional(&mut errors, "phone", &input.phone, |p| Phone::parse(p).ok().map(|p| p.as_str().to_string()), t.msg("problem-phone"));
    let identity = IDENTITY_CHECKS.iter().find(|c| **c == input.identity).map(|c| c.to_string());
    if identity.is_none() {
        errors.push(("identity".into(), t.msg("assist-error-identity")));
    }
    let identity_note = match clean_text(&input.identity_note, false) {
        Ok(note) if note.chars().count() > MAX_IDENTITY_NOTE_CHARS => {
            errors.push(("identity_note".into(), t.msg("assist-error-identity-note-long")));
            None
        }
        Ok(note) if note.is_empty() => {
            if input.identity == "other" {
                errors.push(("identity_note".into(), t.msg("assist-error-identity-note")));
            }
            None
        }
        Ok(note) => Some(note),
        Err(_) => {
            errors.push(("identity_note".into(), t.msg("assist-error-characters")));
            None
        }
    };
    if !input.consent {
        errors.push(("consent".into(), t.msg("assist-error-consent")));
    }
    // In the order of the form, so the error summary reads top to bottom.
    let order = ["service", "who", "email", "full_name", "phone", "identity", "identity_note", "consent"];
    errors.sort_by_key(|(id, _)| order.iter().position(|o| o == id));
    match (chosen, identity) {
        (Some((community, service)), Some(identity)) if errors.is_empty() => {
            // The name the operator typed, else the account's own (or its address, if it has none).
            let for_name = match &account {
                Some(a) if full_name.is_empty() && !a.display_name.trim().is_empty() => a.display_name.trim().to_string(),
                Some(a) if full_name.is_empty() => a.email.clone(),
                _ => full_name,
            };
            Ok(Checked {
                community,
                service,
                email: account.as_ref().map(|a| a.email.clone()).or(email),
                account,
                for_name,
                phone,
                identity_note: if identity == "other" { identity_note } else { None },
                identity,
            })
        }
        _ => Err(Refusal::Invalid(errors)),
    }
}

/// One option of the service list: `community/service`, its title, and whether it is chosen.
struct ServiceOption {
    value: String,
    label: String,
    selected: bool,
}

#[derive(Template)]
#[template(path = "assist.html")]
struct AssistPage<'a> {
    base: Base<'a>,
    csrf: String,
    errors: Vec<(String, String)>,
    /// (community name, its services); the name is shown only when there are several.
    groups: Vec<(String, Vec<ServiceOption>)>,
    service_error: Option<String>,
    /// Who the application is for: the account or not, then the person's details.
    who: Vec<Widget>,
    /// How identity was checked, and consent.
    identity: Vec<Widget>,
}

fn form_page(
    state: &AppState,
    ui: &Ui,
    csrf: &CsrfToken,
    counters: &[(Community, Vec<Arc<CatalogueService>>)],
    input: &AssistInput,
    errors: Vec<(String, String)>,
    status: StatusCode,
) -> Response {
    let t = Tr { i18n: &state.i18n, lang: ui.lang };
    let error = |id: &str| errors.iter().find(|(e, _)| e == id).map(|(_, m)| m.clone());
    let groups = counters
        .iter()
        .map(|(community, services)| {
            let options = services
                .iter()
                .map(|s| {
                    let value = format!("{}/{}", community.slug, s.definition.id);
                    ServiceOption { selected: value == input.service, label: s.definition.title.get(ui.lang).to_string(), value }
                })
                .collect();
            (community.name.get(ui.lang).to_string(), options)
        })
        .collect();
    let mut email = text_widget("email", t.msg("assist-email"), Some(t.msg("assist-email-hint")), &input.email, error("email"));
    email.input_type = "email";
    email.spellcheck = false;
    let mut phone = text_widget("phone", t.msg("assist-phone"), Some(t.msg("assist-phone-hint")), &input.phone, error("phone"));
    phone.input_type = "tel";
    phone.spellcheck = false;
    phone.width = "w20";
    let who = vec![
        radios(
            "who",
            t.msg("assist-who"),
            None,
            vec![("account", t.msg("assist-who-account")), ("new", t.msg("assist-who-new"))],
            &input.who,
            error("who"),
        ),
        email,
        text_widget("full_name", t.msg("assist-full-name"), Some(t.msg("assist-full-name-hint")), &input.full_name, error("full_name")),
        phone,
    ];
    let mut consent = blank_widget("consent", t.msg("assist-consent"));
    consent.control = "declaration";
    consent.hint = Some(t.msg("assist-consent-hint"));
    consent.error = error("consent");
    consent.choices = vec![Choice { id: "consent".into(), value: "yes".into(), label: t.msg("assist-consent"), checked: input.consent }];
    let identity = vec![
        radios(
            "identity",
            t.msg("assist-identity"),
            None,
            vec![
                ("passport", t.msg("assist-identity-passport")),
                ("id_card", t.msg("assist-identity-id-card")),
                ("other", t.msg("assist-identity-other")),
            ],
            &input.identity,
            error("identity"),
        ),
        text_widget(
            "identity_note",
            t.msg("assist-identity-note"),
            Some(t.msg("assist-identity-note-hint")),
            &input.identity_note,
            error("identity_note"),
        ),
        consent,
    ];
    let mut base = Base::new(state, ui, t.msg("assist-title"));
    base.error = !errors.is_empty();
    let page = AssistPage { base, csrf: csrf.value().to_string(), service_error: error("service"), groups, who, identity, errors };
    private(render(status, &page))
}

pub async fn form(
    State(state): State<AppState>,
    ui: Ui,
    visitor: Visitor,
    Extension(csrf): Extension<CsrfToken>,
) -> Result<Response, Reject> {
    let person = person_of(&state, &visitor).await?;
    let counters = counters(&state, &person);
    if counters.is_empty() {
        // Not at any counter: the page does not exist for them.
        return Err(Reject::NotFound);
    }
    let mut input = AssistInput::default();
    if let [(community, services)] = counters.as_slice()
        && let [service] = services.as_slice()
    {
        input.service = format!("{}/{}", community.slug, service.definition.id);
    }
    Ok(form_page(&state, &ui, &csrf, &counters, &input, Vec::new(), StatusCode::OK))
}

#[derive(Template)]
#[template(path = "assist_check.html")]
struct AssistCheckPage<'a> {
    base: Base<'a>,
    csrf: String,
    rows: Vec<(String, String)>,
    /// The form's values, sent again with the answer.
    hidden: Vec<(&'static str, String)>,
}

fn check_page(state: &AppState, ui: &Ui, csrf: &CsrfToken, input: &AssistInput, checked: &Checked) -> Response {
    let t = Tr { i18n: &state.i18n, lang: ui.lang };
    let none = t.msg("answer-none");
    let for_whom = match &checked.account {
        Some(a) => t.args("assist-check-account", &[("name", checked.for_name.clone()), ("email", a.email.clone())]),
        None => checked.for_name.clone(),
    };
    let identity = identity_text(&t, &checked.identity, checked.identity_note.as_deref());
    let rows = vec![
        (t.msg("case-community"), checked.community.name.get(ui.lang).to_string()),
        (t.msg("done-service"), checked.service.definition.title.get(ui.lang).to_string()),
        (t.msg("assist-check-for"), for_whom),
        (t.msg("assist-email"), checked.email.clone().unwrap_or_else(|| none.clone())),
        (t.msg("assist-phone"), checked.phone.clone().unwrap_or(none)),
        (t.msg("assist-identity"), identity),
        (t.msg("assist-check-consent"), t.msg("answer-confirmed")),
    ];
    let hidden = vec![
        ("service", input.service.clone()),
        ("who", input.who.clone()),
        ("email", input.email.clone()),
        ("full_name", input.full_name.clone()),
        ("phone", input.phone.clone()),
        ("identity", input.identity.clone()),
        ("identity_note", input.identity_note.clone()),
        ("consent", if input.consent { "yes".to_string() } else { String::new() }),
    ];
    let page = AssistCheckPage { base: Base::new(state, ui, t.msg("assist-check-title")), csrf: csrf.value().to_string(), rows, hidden };
    private(render(StatusCode::OK, &page))
}

fn identity_text(t: &Tr<'_>, check: &str, note: Option<&str>) -> String {
    let kind = match check {
        "passport" => t.msg("assist-identity-passport"),
        "id_card" => t.msg("assist-identity-id-card"),
        _ => t.msg("assist-identity-other"),
    };
    match note {
        Some(note) => format!("{kind}: {note}"),
        None => kind,
    }
}

/// `POST /staff/assist`: the form (`_step` absent), its check page (`start`
/// starts the draft, `change` goes back to the form). Every step checks it all again.
pub async fn submit(
    State(state): State<AppState>,
    ui: Ui,
    visitor: Visitor,
    Extension(csrf): Extension<CsrfToken>,
    form: Fields,
) -> Result<Response, Reject> {
    let person = person_of(&state, &visitor).await?;
    let counters = counters(&state, &person);
    let Person::Staff { id: operator, .. } = &person else { return Err(Reject::NotFound) };
    if counters.is_empty() {
        return Err(Reject::NotFound);
    }
    let t = Tr { i18n: &state.i18n, lang: ui.lang };
    let input = AssistInput::read(&form);
    let step = field(&form, "_step");
    if step == "change" {
        return Ok(form_page(&state, &ui, &csrf, &counters, &input, Vec::new(), StatusCode::OK));
    }
    let checked = match check(&state, &t, &counters, &input).await {
        Ok(c) => c,
        Err(Refusal::Invalid(errors)) => {
            return Ok(form_page(&state, &ui, &csrf, &counters, &input, errors, StatusCode::UNPROCESSABLE_ENTITY));
        }
        Err(Refusal::Store(e)) => return Err(Reject::unavailable(e)),
    };
    if step != "start" {
        return Ok(check_page(&state, &ui, &csrf, &input, &checked));
    }
    let now = state.clock.now();
    let note = AssistedNote {
        for_name: checked.for_name.clone(),
        phone: checked.phone.clone(),
        email: checked.email.clone(),
        identity_check: checked.identity.clone(),
        identity_note: checked.identity_note.clone(),
        consent_at: now.format(&time::format_description::well_known::Rfc3339).unwrap_or_default(),
    };
    let definition = &checked.service.definition;
    let new_case = NewCase {
        community_slug: checked.community.slug.clone(),
        service_slug: definition.id.clone(),
        service_version: checked.service.version,
        state: DRAFT_STATE.to_string(),
        created_at: now,
        applicant: checked.account.as_ref().map(|a| a.id),
        // Letters about the case go in the resident's language, if their account says which.
        lang: checked.account.as_ref().map_or(ui.lang, |a| a.preferred_lang),
        contact_email: checked.email.clone(),
        owner_token_hash: None,
        channel: CaseChannel::Assisted,
        assisted_by: Some(*operator),
        assisted_note: serde_json::to_string(&note).ok(),
    };
    let case = state.store.create_case(&new_case).await?;
    let resident = if checked.account.is_some() { "account" } else { "no_account" };
    staff_audit(
        &state,
        &person,
        &checked.community,
        "case.assisted_started",
        case.id,
        &[("service", &definition.id), ("resident", resident), ("identity_check", &checked.identity)],
    )
    .await;
    let first = definition.pages.first().map(|p| p.id.clone()).unwrap_or_default();
    Ok(see_other(&format!("/applications/{}/page/{first}", case.id)))
}

// ---- the receipt -------------------------------------------------------------------------

#[derive(Template)]
#[template(path = "receipt.html")]
struct ReceiptPage<'a> {
    base: Base<'a>,
    reference: String,
    service_title: String,
    facts: Vec<(String, String)>,
    /// The claim code just made, shown this once.
    code: Option<String>,
    claim_steps: Vec<String>,
    /// The operator may make a (new) claim code.
    can_issue: bool,
    action: String,
    csrf: String,
    status_href: String,
}

/// Whether a claim code may be made for this case by this visitor: an
/// assisted, submitted case nobody has claimed, and its operator asking.
fn may_issue(case: &CaseRecord, visitor: &Visitor) -> bool {
    made_by(case, visitor) && case.applicant.is_none() && case.reference.is_some()
}

/// The receipt of an assisted case for its operator (or resident), with a new claim code when `issue`.
async fn receipt_page(
    state: &AppState,
    ui: &Ui,
    csrf: &CsrfToken,
    visitor: &Visitor,
    owned: Owned,
    issue: bool,
) -> Result<Response, Reject> {
    let case = &owned.case;
    let Some(reference) = case.reference.clone() else { return Ok(see_other(&format!("/applications/{}", case.id))) };
    let can_issue = may_issue(case, visitor);
    if issue && !can_issue {
        return Ok(see_other(&format!("/applications/{}/receipt", case.id)));
    }
    let t = Tr { i18n: &state.i18n, lang: ui.lang };
    let community = &owned.community;
    let mut facts =
        vec![(t.msg("receipt-reference"), reference.clone()), (t.msg("case-community"), community.name.get(ui.lang).to_string())];
    if let Some(at) = case.submitted_at {
        let k = kyiv_time(at);
        facts.push((t.msg("case-submitted"), format!("{}, {:02}:{:02}", t.date(k.date()), k.hour(), k.minute())));
    }
    if let Some(due) = case.due_on {
        facts.push((t.msg("case-due"), t.date(due)));
    }
    if case.channel == CaseChannel::Assisted {
        let for_name = note_of(case).map(|n| n.for_name).unwrap_or_default();
        facts.push((t.msg("receipt-applied"), t.with("receipt-applied-by-operator", "name", &for_name)));
    }
    let office = match state.catalogue.get().centres_of(&community.slug).first() {
        Some(centre) => format!("{}, {}", centre.address.get(ui.lang), centre.phone),
        None => community.phone.clone(),
    };
    facts.push((t.msg("receipt-office"), office));
    let mut code = None;
    if issue {
        let person = person_of(state, visitor).await?;
        let made = claim_code(random::<CLAIM_CHARS>()?);
        let Some(canonical) = normalise_claim_code(&made) else { return Err(Reject::unavailable("a made claim code does not read back")) };
        state.store.set_claim_code(case.id, &claim_code_hash(&canonical)).await?;
        staff_audit(state, &person, community, "case.claim_code_issued", case.id, &[]).await;
        code = Some(made);
    }
    let claim_url = format!("{}/applications/claim", state.settings.public_url);
    let page = ReceiptPage {
        base: Base::new(state, ui, t.msg("receipt-title")),
        reference,
        service_title: owned.definition.title.get(ui.lang).to_string(),
        facts,
        code,
        claim_steps: vec![
            t.with("receipt-claim-step-account", "site", &state.settings.public_url),
            t.with("receipt-claim-step-code", "link", &claim_url),
        ],
        can_issue,
        action: format!("/applications/{}/receipt", case.id),
        csrf: csrf.value().to_string(),
        status_href: format!("/applications/{}/status", case.id),
    };
    Ok(private(render(StatusCode::OK, &page)))
}

/// `GET /applications/{id}/receipt`: the receipt, without a claim code.
pub async fn receipt(
    State(state): State<AppState>,
    ui: Ui,
    visitor: Visitor,
    owned: Owned,
    Extension(csrf): Extension<CsrfToken>,
) -> Result<Response, Reject> {
    receipt_page(&state, &ui, &csrf, &visitor, owned, false).await
}

/// `POST /applications/{id}/receipt`: a new claim code (the old one stops
/// working) and the receipt with it, to print now.
pub async fn issue_code(
    State(state): State<AppState>,
    ui: Ui,
    visitor: Visitor,
    owned: Owned,
    Extension(csrf): Extension<CsrfToken>,
) -> Result<Response, Reject> {
    receipt_page(&state, &ui, &csrf, &visitor, owned, true).await
}

// ---- the resident claims the case -----------------------------------------------------------

fn claim_page<'a>(state: &'a AppState, ui: &'a Ui, csrf: &'a CsrfToken, typed: &str, error: Option<String>) -> Page<'a> {
    let t = Tr { i18n: &state.i18n, lang: ui.lang };
    let typed: String = typed.chars().take(40).collect();
    Page {
        intro: vec![t.msg("claim-intro")],
        fields: vec![FormField::new(&t, "code", "claim-field", "text", "off").hint(&t, "claim-field-hint").value(&typed).error(error)],
        links: vec![("/applications".into(), t.msg("applications-title")), ("/help/someone-else".into(), t.msg("help-link-else"))],
        ..Page::new(state, ui, csrf, "claim-title", "/applications/claim", "claim-submit")
    }
}

/// The signed-in account, when the policy lets it take a case into its own
/// cases (`OwnCases`, `Change`): a resident's, never a staff member's.
async fn resident(state: &AppState, visitor: &Visitor) -> Result<Option<AccountId>, Reject> {
    let Some(signed_in) = &visitor.signed_in else { return Ok(None) };
    let person = person_of(state, visitor).await?;
    let id = signed_in.account.id;
    Ok(decide(&person, Action::Change, &Resource::OwnCases(id)).allowed().then_some(id))
}

/// The answer to anyone else: sign in first; staff have no cases of their own.
fn not_a_resident(visitor: &Visitor) -> Reject {
    match &visitor.signed_in {
        Some(_) => Reject::NotFound,
        None => see_other("/account/sign-in?next=%2Fapplications%2Fclaim").into(),
    }
}

pub async fn claim_form(
    State(state): State<AppState>,
    ui: Ui,
    visitor: Visitor,
    Extension(csrf): Extension<CsrfToken>,
) -> Result<Response, Reject> {
    if resident(&state, &visitor).await?.is_none() {
        return Err(not_a_resident(&visitor));
    }
    Ok(claim_page(&state, &ui, &csrf, "", None).render())
}

pub async fn claim(
    State(state): State<AppState>,
    ui: Ui,
    visitor: Visitor,
    Extension(csrf): Extension<CsrfToken>,
    form: Fields,
) -> Result<Response, Reject> {
    let Some(account) = resident(&state, &visitor).await? else { return Err(not_a_resident(&visitor)) };
    let t = Tr { i18n: &state.i18n, lang: ui.lang };
    let typed = field(&form, "code").trim();
    if form.is_unreadable("code") {
        let error = t.args("problem-characters", &[("label", t.msg("claim-field"))]);
        return Ok(claim_page(&state, &ui, &csrf, "", Some(error)).render());
    }
    if typed.is_empty() {
        return Ok(claim_page(&state, &ui, &csrf, typed, Some(t.msg("claim-error-empty"))).render());
    }
    throttle(&state, &ui, format!("claim:account:{account}"), CLAIM_ATTEMPTS).await?;
    let claimed = match normalise_claim_code(typed) {
        Some(code) => state.store.claim_case(&claim_code_hash(&code), account, state.clock.now()).await?,
        None => None,
    };
    let Some(case_id) = claimed else {
        // A code that never was, and one used already, get the same answer.
        return Ok(claim_page(&state, &ui, &csrf, typed, Some(t.msg("claim-error-wrong"))).render());
    };
    audit(&state, Some(&account.to_string()), "case.claimed", Some(format!("case:{case_id}"))).await;
    Ok(see_other(&format!("/applications/{case_id}/status")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_claim_code_is_ten_unambiguous_characters_in_three_groups() {
        let code = claim_code([0, 1, 31, 32, 200, 255, 7, 18, 21, 30]);
        assert_eq!(code, "01Z0-8Z7J-NY");
        assert!(code.chars().all(|c| c == '-' || CLAIM_ALPHABET.contains(&(c as u8))));
        assert!(!code.contains(['I', 'L', 'O', 'U']));
    }

    #[test]
    fn typing_a_code_forgives_case_spaces_dashes_lookalikes_and_a_ukrainian_keyboard() {
        let canonical = Some("K7Q2M9XW3P".to_string());
        for typed in ["K7Q2-M9XW-3P", "k7q2 m9xw 3p", " K7Q2M9XW3P ", "К7Q2–М9XW–3Р", "k7q2-m9xw-3p\t"] {
            assert_eq!(normalise_claim_code(typed), canonical, "{typed}");
        }
        assert_eq!(normalise_claim_code("O1IL-0000-00"), Some("0111000000".to_string()));
        for wrong in ["", "K7Q2-M9XW", "K7Q2-M9XW-3P1", "K7Q2-M9XW-3U", "K7Q2-M9XW-3Ж", "K7Q2/M9XW/3P"] {
            assert_eq!(normalise_claim_code(wrong), None, "{wrong}");
        }
    }

    proptest! {
        /// Every code made reads back as itself, and codes from different bytes differ.
        #[test]
        fn made_codes_read_back(bytes in any::<[u8; 10]>(), other in any::<[u8; 10]>()) {
            let code = claim_code(bytes);
            let canonical = normalise_claim_code(&code).expect("reads back");
            prop_assert_eq!(canonical.len(), 10);
            prop_assert_eq!(canonical, code.replace('-', ""));
            let same = bytes.iter().zip(other.iter()).all(|(a, b)| a & 31 == b & 31);
            prop_assert_eq!(claim_code(other) == code, same);
        }

        /// Whatever is typed, reading it never panics.
        #[test]
        fn any_typing_is_read_safely(typed in "\\PC{0,40}") {
            let _ = normalise_claim_code(&typed);
        }
    }
}
