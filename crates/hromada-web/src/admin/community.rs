//! A community administrator's pages (`/admin/communities/…`): the list of
//! the communities one may run, and a community's profile — official names,
//! КАТОТТГ code, the reference code of its cases (fixed once a case uses
//! it), contacts and website. Its service centres are [`super::centres`], its
//! offer [`super::offers`]; what the three share (the community of the path
//! for the asker, the form's fields, the audit row) is here.
//!
//! Every request asks the policy (`Resource::CommunityProfile`: `View` to
//! read, `Change` to write); anyone it does not let in, and any community
//! that does not exist, gets the same 404. Every change is written to the
//! audit trail with the names of the fields that changed, bumps the
//! catalogue generation (the store does it) and is read back into this
//! instance's catalogue at once; a refused form changes nothing and comes
//! back with what was typed and a message on each field.

use askama::Template;
use axum::Extension;
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use hromada_domain::Text;
use hromada_domain::form::clean_text;
use hromada_domain::place::{Community, is_community_katottg_code, is_katottg_code, is_reference_code, is_website};
use hromada_domain::policy::{Action, Person, Place, Resource, decide};
use hromada_domain::values::{Email, Phone};
use hromada_store::StoreError;

use crate::AppState;
use crate::access::audit::staff_event;
use crate::access::staff::{Staff, profile_communities};
use crate::http::csrf::CsrfToken;
use crate::http::forms::Fields;
use crate::http::i18n::Tr;
use crate::http::layout::{Base, Ui};
use crate::http::render::{Reject, private, render, see_other};
use crate::http::widgets::described_by;

/// The longest one-line text (a name, an address, a department).
pub(crate) const MAX_LINE: i64 = 200;
/// The longest note (accessibility, a local note).
pub(crate) const MAX_NOTE: i64 = 1000;

// ---- what the pages share ----------------------------------------------------------

/// The community of the path when the policy lets the asker do `action` on
/// its profile (published or not); otherwise the 404 of a page that does not exist.
pub(crate) fn managed(state: &AppState, person: &Person, slug: &str, action: Action) -> Result<Community, Reject> {
    let catalogue = state.catalogue.get();
    let community = catalogue.any_community(slug).ok_or(Reject::NotFound)?;
    let place = Place { community: community.slug.clone(), region: community.region_slug.clone() };
    if decide(person, action, &Resource::CommunityProfile(place)).allowed() { Ok(community.clone()) } else { Err(Reject::NotFound) }
}

/// The community slug of a path whose only parameter it is; a path that does not decode names nothing.
pub(crate) fn slug_of(path: Result<Path<String>, PathRejection>) -> Result<String, Reject> {
    path.map(|Path(slug)| slug).map_err(|_| Reject::NotFound)
}

/// The layout of a community's admin page: staff links, the way back to the
/// list of communities (and to the profile from the other pages).
pub(crate) fn admin_base<'a>(state: &'a AppState, ui: &Ui, title: String, community: &Community, errors: bool) -> Base<'a> {
    let t = Tr { i18n: &state.i18n, lang: ui.lang };
    let mut base = Base::new(state, ui, title);
    base.staff_nav = true;
    base.error = errors;
    base.crumbs.push(("/account".into(), t.msg("nav-account")));
    base.crumbs.push(("/admin/communities".into(), t.msg("cadmin-index-title")));
    if ui.path != profile_href(&community.slug) {
        base.crumbs.push((profile_href(&community.slug), community.name.get(ui.lang).to_string()));
    }
    base
}

pub(crate) fn profile_href(slug: &str) -> String {
    format!("/admin/communities/{slug}")
}

/// The three parts of a community's admin pages (href, label, whether it is this one).
pub(crate) fn sections(t: &Tr<'_>, slug: &str, current: &str) -> Vec<(String, String, bool)> {
    [
        ("profile", profile_href(slug)),
        ("centres", format!("{}/centres", profile_href(slug))),
        ("services", format!("{}/services", profile_href(slug))),
    ]
    .into_iter()
    .map(|(key, href)| (href, t.msg(&format!("cadmin-section-{key}")), key == current))
    .collect()
}

/// A control of an admin form, as the template `admin_input.html` draws it.
pub(crate) struct Input {
    pub id: String,
    pub label: String,
    pub hint: Option<String>,
    pub value: String,
    pub error: Option<String>,
    /// `text`, `email`, `tel`, `url` or `textarea`.
    pub kind: &'static str,
    pub autocomplete: &'static str,
    /// The language of what is typed, when it is not the page's.
    pub lang: Option<&'static str>,
    pub readonly: bool,
    /// A CSS class for a narrower box (`w10`, `w20`), or empty.
    pub width: &'static str,
}

impl Input {
    pub(crate) fn new(t: &Tr<'_>, id: &str, label_key: &str, kind: &'static str, value: &str) -> Input {
        Input {
            id: id.to_string(),
            label: t.msg(label_key),
            hint: None,
            value: value.to_string(),
            error: None,
            kind,
            autocomplete: "off",
            lang: None,
            readonly: false,
            width: "",
        }
    }

    pub(crate) fn hint(mut self, text: String) -> Input {
        self.hint = Some(text);
        self
    }

    pub(crate) fn english(mut self) -> Input {
        self.lang = Some("en");
        self
    }

    pub(crate) fn width(mut self, width: &'static str) -> Input {
        self.width = width;
        self
    }

    /// Takes its message from the form's errors, if one is about it.
    pub(crate) fn errors(mut self, errors: &[(String, String)]) -> Input {
        self.error = errors.iter().find(|(id, _)| *id == self.id).map(|(_, e)| e.clone());
        self
    }

    pub fn described_by(&self) -> Option<String> {
        described_by(&self.id, self.hint.is_some(), self.error.is_some())
    }
}

/// The errors of a form, in order: (id of the field, message).
pub(crate) type Errors = Vec<(String, String)>;

/// A one-line or multi-line text from the form, cleaned; "" when not given.
/// A message (naming the field by `label_key`) when it is not text or too long.
pub(crate) fn text_field(t: &Tr<'_>, form: &Fields, id: &str, label_key: &str, multiline: bool, errors: &mut Errors) -> String {
    let max = if multiline { MAX_NOTE } else { MAX_LINE };
    let raw = match form.text(id) {
        Ok(raw) => raw,
        Err(_) => {
            errors.push((id.to_string(), t.with("problem-characters", "label", &t.msg(label_key))));
            return String::new();
        }
    };
    match clean_text(raw, multiline) {
        Ok(text) if text.chars().count() as i64 > max => {
            errors.push((id.to_string(), t.args_count("cadmin-error-too-long", &[("label", t.msg(label_key))], "max", max)));
            text
        }
        Ok(text) => text,
        Err(_) => {
            errors.push((id.to_string(), t.with("problem-characters", "label", &t.msg(label_key))));
            raw.trim().to_string()
        }
    }
}

/// What a form sent for `id`, as typed (for showing it again).
pub(crate) fn typed(form: &Fields, id: &str) -> String {
    form.text(id).unwrap_or("").to_string()
}

/// A two-language text: the English may be empty (readers of English then see the Ukrainian).
pub(crate) fn two_languages(uk: String, en: String) -> Text {
    Text { uk, en: (!en.is_empty()).then_some(en) }
}

/// Write a community administrator's change to the audit trail (`action` on
/// `subject`, with the changed fields and anything else in `details`). The
/// change is made already: a trail that cannot be written is logged.
pub(crate) async fn audit_change(
    state: &AppState,
    staff: &Staff,
    community: &str,
    action: &str,
    subject: String,
    details: &[(&str, String)],
) {
    let event = staff_event(state, staff, Some(community), action, subject, details);
    if let Err(error) = state.store.append_audit(&event).await {
        tracing::error!(%error, action, "could not write the audit trail");
    }
}

/// After a change: this instance reads the catalogue again at once (others
/// within their refresh interval, from the generation the store bumped).
pub(crate) async fn changed_catalogue(state: &AppState) {
    if let Err(error) = state.refresh_catalogue_if_changed().await {
        tracing::warn!(%error, "the catalogue was not read again after a change; the next refresh will");
    }
}

// ---- the communities one may run ---------------------------------------------------------

#[derive(Template)]
#[template(path = "admin_communities.html")]
struct IndexPage<'a> {
    base: Base<'a>,
    /// (href, name, region, published)
    communities: Vec<(String, String, String, bool)>,
}

/// `GET /admin/communities`: the communities whose profile the person may
/// change; a 404 for anyone who may change none.
pub async fn index(State(state): State<AppState>, ui: Ui, staff: Staff) -> Result<Response, Reject> {
    let t = Tr { i18n: &state.i18n, lang: ui.lang };
    let mine = profile_communities(&state, &staff.person);
    if mine.is_empty() {
        return Err(Reject::NotFound);
    }
    let catalogue = state.catalogue.get();
    let mut base = Base::new(&state, &ui, t.msg("cadmin-index-title"));
    base.staff_nav = true;
    base.crumbs.push(("/account".into(), t.msg("nav-account")));
    let communities = mine
        .iter()
        .map(|c| {
            let region = catalogue.region(&c.region_slug).map(|r| r.name.get(ui.lang).to_string()).unwrap_or_default();
            (profile_href(&c.slug), c.name.get(ui.lang).to_string(), region, c.published)
        })
        .collect();
    Ok(private(render(StatusCode::OK, &IndexPage { base, communities })))
}

// ---- the profile -------------------------------------------------------------------------

#[derive(Template)]
#[template(path = "admin_community.html")]
struct ProfilePage<'a> {
    base: Base<'a>,
    csrf: String,
    name: String,
    action: String,
    sections: Vec<(String, String, bool)>,
    public_href: Option<String>,
    saved: bool,
    fields: Vec<Input>,
    errors: Errors,
}

/// The profile as typed (or as stored, before anything is typed).
struct ProfileForm {
    name_uk: String,
    name_en: String,
    katottg: String,
    code: String,
    email: String,
    phone: String,
    website: String,
}

impl ProfileForm {
    fn of(c: &Community) -> ProfileForm {
        ProfileForm {
            name_uk: c.name.uk.clone(),
            name_en: c.name.en.clone().unwrap_or_default(),
            katottg: c.katottg.clone().unwrap_or_default(),
            code: c.code.clone(),
            email: c.email.clone(),
            phone: c.phone.clone(),
            website: c.website.clone(),
        }
    }

    fn typed(form: &Fields) -> ProfileForm {
        ProfileForm {
            name_uk: typed(form, "name_uk"),
            name_en: typed(form, "name_en"),
            katottg: typed(form, "katottg"),
            code: typed(form, "code"),
            email: typed(form, "email"),
            phone: typed(form, "phone"),
            website: typed(form, "website"),
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn profile_page(
    state: &AppState,
    ui: &Ui,
    csrf: &CsrfToken,
    community: &Community,
    code_fixed: bool,
    form: ProfileForm,
    errors: Errors,
    saved: bool,
) -> Response {
    let t = Tr { i18n: &state.i18n, lang: ui.lang };
    let status = if errors.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    let code_hint = if code_fixed { t.with("cadmin-code-fixed-hint", "code", &community.code) } else { t.msg("cadmin-code-hint") };
    let mut code = Input::new(&t, "code", "cadmin-code", "text", &form.code).hint(code_hint).width("w10");
    code.readonly = code_fixed;
    let mut email = Input::new(&t, "email", "cadmin-email", "email", &form.email).width("w20");
    email.autocomplete = "email";
    let mut phone = Input::new(&t, "phone", "cadmin-phone", "tel", &form.phone).hint(t.msg("cadmin-phone-hint")).width("w20");
    phone.autocomplete = "tel";
    let mut website = Input::new(&t, "website", "cadmin-website", "url", &form.website).hint(t.msg("cadmin-website-hint"));
    website.autocomplete = "url";
    let fields = vec![
        Input::new(&t, "name_uk", "cadmin-name-uk", "text", &form.name_uk),
        Input::new(&t, "name_en", "cadmin-name-en", "text", &form.name_en).english(),
        Input::new(&t, "katottg", "cadmin-katottg", "text", &form.katottg).hint(t.msg("cadmin-katottg-hint")).width("w20"),
        code,
        email,
        phone,
        website,
    ];
    let fields = fields.into_iter().map(|f| f.errors(&errors)).collect();
    let base = admin_base(state, ui, t.msg("cadmin-profile-title"), community, !errors.is_empty());
    let page = ProfilePage {
        csrf: csrf.value().to_string(),
        name: community.name.get(ui.lang).to_string(),
        action: profile_href(&community.slug),
        sections: sections(&t, &community.slug, "profile"),
        public_href: community.published.then(|| format!("/{}", community.slug)),
        saved,
        fields,
        errors,
        base,
    };
    private(render(status, &page))
}

/// `GET /admin/communities/{community}`: the profile form.
pub async fn profile(
    State(state): State<AppState>,
    ui: Ui,
    staff: Staff,
    Extension(csrf): Extension<CsrfToken>,
    path: Result<Path<String>, PathRejection>,
) -> Result<Response, Reject> {
    let slug = slug_of(path)?;
    let community = managed(&state, &staff.person, &slug, Action::View)?;
    let fixed = state.store.community_has_cases(&slug).await?;
    let saved = ui.param("saved").is_some();
    Ok(profile_page(&state, &ui, &csrf, &community, fixed, ProfileForm::of(&community), Vec::new(), saved))
}

/// `POST /admin/communities/{community}`: the profile, checked as a whole;
/// stored only when every field is right.
pub async fn profile_save(
    State(state): State<AppState>,
    ui: Ui,
    staff: Staff,
    Extension(csrf): Extension<CsrfToken>,
    path: Result<Path<String>, PathRejection>,
    form: Fields,
) -> Result<Response, Reject> {
    let slug = slug_of(path)?;
    let community = managed(&state, &staff.person, &slug, Action::Change)?;
    let t = Tr { i18n: &state.i18n, lang: ui.lang };
    // What is stored now (the catalogue may be a few seconds behind another instance).
    let all = state.store.communities().await?;
    let Some(stored) = all.iter().find(|c| c.slug == slug).cloned() else { return Err(Reject::NotFound) };
    let others: Vec<&Community> = all.iter().filter(|c| c.slug != slug).collect();
    let fixed = state.store.community_has_cases(&slug).await?;
    let mut errors = Errors::new();

    let name_uk = text_field(&t, &form, "name_uk", "cadmin-name-uk", false, &mut errors);
    if name_uk.is_empty() && !errors.iter().any(|(id, _)| id == "name_uk") {
        errors.push(("name_uk".into(), t.msg("cadmin-error-name-uk")));
    }
    let name_en = text_field(&t, &form, "name_en", "cadmin-name-en", false, &mut errors);

    let katottg: String = typed(&form, "katottg").chars().filter(|c| !c.is_whitespace()).collect::<String>().to_uppercase();
    // The codifier import finds a community by this code: it must stay in the region's oblast, and once given stays given.
    let oblast = state.store.regions().await?.into_iter().find(|r| r.slug == stored.region_slug).and_then(|r| r.katottg);
    let katottg = if katottg.is_empty() && stored.katottg.is_some() {
        errors.push(("katottg".into(), t.msg("cadmin-error-katottg-required")));
        None
    } else if katottg.is_empty() {
        None
    } else if !is_katottg_code(&katottg) {
        errors.push(("katottg".into(), t.msg("cadmin-error-katottg-format")));
        None
    } else if !is_community_katottg_code(&katottg) {
        errors.push(("katottg".into(), t.msg("cadmin-error-katottg-level")));
        None
    } else if let Some(oblast) = oblast.as_deref().filter(|oblast| oblast.get(..4) != katottg.get(..4)) {
        errors.push(("katottg".into(), t.with("cadmin-error-katottg-oblast", "oblast", oblast)));
        None
    } else if let Some(holder) = others.iter().find(|c| c.katottg.as_deref() == Some(katottg.as_str())) {
        let args = [("code", katottg.clone()), ("community", holder.name.get(ui.lang).to_string())];
        errors.push(("katottg".into(), t.args("cadmin-error-katottg-taken", &args)));
        None
    } else {
        Some(katottg)
    };

    let code = typed(&form, "code").trim().to_ascii_uppercase();
    if fixed && code != stored.code {
        errors.push(("code".into(), t.with("cadmin-error-code-fixed", "code", &stored.code)));
    } else if !is_reference_code(&code) {
        errors.push(("code".into(), t.msg("cadmin-error-code-format")));
    } else if let Some(holder) = others.iter().find(|c| c.code == code) {
        let args = [("code", code.clone()), ("community", holder.name.get(ui.lang).to_string())];
        errors.push(("code".into(), t.args("cadmin-error-code-taken", &args)));
    }

    let email_typed = typed(&form, "email");
    let email = match Email::parse(email_typed.trim()) {
        Ok(email) => email.as_str().to_string(),
        Err(_) => {
            let key = if email_typed.trim().is_empty() { "cadmin-error-email-empty" } else { "error-email-format" };
            errors.push(("email".into(), t.msg(key)));
            String::new()
        }
    };
    let phone_typed = typed(&form, "phone");
    let phone = match Phone::parse(&phone_typed) {
        Ok(phone) => phone.formatted(),
        Err(_) => {
            let key = if phone_typed.trim().is_empty() { "cadmin-error-phone-empty" } else { "cadmin-error-phone" };
            errors.push(("phone".into(), t.msg(key)));
            String::new()
        }
    };
    let website = typed(&form, "website").trim().to_string();
    if !website.is_empty() && !is_website(&website) {
        errors.push(("website".into(), t.msg("cadmin-error-website")));
    }
    // Fields whose value was not text at all are named as such.
    for id in ["katottg", "code", "email", "phone", "website"] {
        if form.is_unreadable(id) {
            errors.retain(|(f, _)| f != id);
            let label = t.msg(&format!("cadmin-{}", id.replace('_', "-")));
            errors.push((id.to_string(), t.with("problem-characters", "label", &label)));
        }
    }
    if !errors.is_empty() {
        return Ok(profile_page(&state, &ui, &csrf, &community, fixed, ProfileForm::typed(&form), errors, false));
    }

    let updated = Community { name: two_languages(name_uk, name_en), katottg, code, email, phone, website, ..stored.clone() };
    let mut fields = Vec::new();
    for (name, differs) in [
        ("name", updated.name != stored.name),
        ("katottg", updated.katottg != stored.katottg),
        ("code", updated.code != stored.code),
        ("email", updated.email != stored.email),
        ("phone", updated.phone != stored.phone),
        ("website", updated.website != stored.website),
    ] {
        if differs {
            fields.push(name);
        }
    }
    if !fields.is_empty() {
        match state.store.put_community(&updated).await {
            Ok(()) => {}
            // A case was made, or another community took a code, since the checks above.
            Err(StoreError::Invalid(_)) => {
                let errors = vec![("code".to_string(), t.with("cadmin-error-code-fixed", "code", &stored.code))];
                return Ok(profile_page(&state, &ui, &csrf, &community, true, ProfileForm::typed(&form), errors, false));
            }
            Err(StoreError::Conflict(_)) => {
                let field = if updated.katottg != stored.katottg { "katottg" } else { "code" };
                let errors = vec![(field.to_string(), t.msg("cadmin-error-taken-meanwhile"))];
                return Ok(profile_page(&state, &ui, &csrf, &community, fixed, ProfileForm::typed(&form), errors, false));
            }
            Err(error) => return Err(error.into()),
        }
        audit_change(&state, &staff, &slug, "community.profile", format!("community:{slug}"), &[("fields", fields.join(","))]).await;
        changed_catalogue(&state).await;
    }
    Ok(see_other(&format!("{}?saved=1", profile_href(&slug))))
}
