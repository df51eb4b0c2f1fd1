//! A regional administrator's pages: the communities of the region, their publication.
//!
//! `/admin/regions/{region}/communities` lists every community of the region,
//! published or not, with its КАТОТТГ code, reference code and address; the
//! region's administrators (`Manage` on `Resource::RegionCommunities`) add
//! communities (unpublished at first), edit their names and codes, publish or
//! unpublish them (`Manage` on `Resource::CommunityProfile`, after a
//! confirmation) and invite their administrators through `/staff/invite`;
//! the installation's administrators read the list. Anyone else, and a
//! region or community that does not exist or is not in the region, gets
//! the same 404.
//!
//! The checks the installation's pages share (names, КАТОТТГ codes, slugs)
//! and the audit of an administrator's change live here too.

use askama::Template;
use axum::Extension;
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use hromada_domain::Text;
use hromada_domain::account::Role;
use hromada_domain::catalogue::collation_key;
use hromada_domain::form::clean_text;
use hromada_domain::place::{Community, RESERVED_SLUGS, Region, is_katottg_code, is_reference_code};
use hromada_domain::policy::{Action, Place, Resource, decide};
use hromada_domain::slug::slugify;
use hromada_store::StoreError;

use crate::AppState;
use crate::access::audit::staff_event;
use crate::access::staff::Staff;
use crate::http::csrf::CsrfToken;
use crate::http::forms::{Fields, FormField};
use crate::http::i18n::Tr;
use crate::http::layout::{Base, Ui};
use crate::http::render::{ConfirmPage, Reject, private, render, see_other};
use crate::http::url::percent_encode;

// ---- what the administrators' pages share ------------------------------------------------

/// The longest name of a place, in characters.
/// The same limit as a community's own profile form (`admin/community.rs`), so that a
/// name one form saves the other can save again.
pub(crate) const NAME_MAX: usize = 200;
/// The longest slug.
pub(crate) const SLUG_MAX: usize = 60;

/// A form of the admin pages (`templates/admin_form.html`): its fields with
/// what was typed and what is wrong, facts that cannot change, and links.
#[derive(Template)]
#[template(path = "admin_form.html")]
pub(crate) struct AdminForm<'a> {
    pub base: Base<'a>,
    pub caption: String,
    pub heading: String,
    pub intro: Vec<String>,
    pub notice: Option<String>,
    pub facts: Vec<(String, String)>,
    pub action: String,
    pub csrf: String,
    pub fields: Vec<FormField>,
    pub submit: String,
    pub errors: Vec<(String, String)>,
    pub links: Vec<(String, String)>,
}

impl<'a> AdminForm<'a> {
    pub(crate) fn new(state: &'a AppState, ui: &Ui, csrf: &CsrfToken, heading: String, action: String, submit: String) -> AdminForm<'a> {
        let mut base = Base::new(state, ui, heading.clone());
        base.staff_nav = true;
        AdminForm {
            base,
            caption: String::new(),
            heading,
            intro: Vec::new(),
            notice: None,
            facts: Vec::new(),
            action,
            csrf: csrf.value().to_string(),
            fields: Vec::new(),
            submit,
            errors: Vec::new(),
            links: Vec::new(),
        }
    }

    /// The page; a 422 with the error summary when a field has an error.
    pub(crate) fn render(mut self) -> Response {
        self.errors = self.fields.iter().filter_map(|f| f.error.clone().map(|e| (f.id.to_string(), e))).collect();
        self.base.error = !self.errors.is_empty();
        let status = if self.errors.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
        private(render(status, &self))
    }
}

/// Whether any field has an error.
pub(crate) fn has_errors(fields: &[FormField]) -> bool {
    fields.iter().any(|f| f.error.is_some())
}

/// The field `id` of `fields`.
pub(crate) fn field_mut<'f>(fields: &'f mut [FormField], id: &str) -> &'f mut FormField {
    // The forms are made by the same code that asks: a missing id is a bug caught by the tests.
    let at = fields.iter().position(|f| f.id == id).unwrap_or(0);
    &mut fields[at]
}

/// A text field as sent: its text, or `None` (and the field's error) when it
/// was not text. What was typed is put back into the field.
fn sent<'f>(t: &Tr<'_>, form: &'f Fields, field: &mut FormField) -> Option<&'f str> {
    match form.text(field.id) {
        Ok(raw) => {
            field.value = raw.to_string();
            Some(raw)
        }
        Err(_) => {
            field.value = String::new();
            field.error = Some(t.with("problem-characters", "label", &field.label));
            None
        }
    }
}

/// A place's name in one language: cleaned (NFC, trimmed, printable), at most
/// [`NAME_MAX`] characters; empty is `Some("")` unless `required`.
pub(crate) fn read_name(t: &Tr<'_>, form: &Fields, field: &mut FormField, required: bool) -> Option<String> {
    let raw = sent(t, form, field)?;
    match clean_text(raw, false) {
        Err(_) => {
            field.error = Some(t.with("problem-characters", "label", &field.label));
            None
        }
        Ok(name) if name.is_empty() && required => {
            field.error = Some(t.msg("admin-error-name-empty"));
            None
        }
        Ok(name) if name.chars().count() > NAME_MAX => {
            field.error = Some(t.msg("admin-error-name-long"));
            None
        }
        Ok(name) => {
            field.value = name.clone();
            Some(name)
        }
    }
}

/// A text in both languages from the two names; English left empty falls back to Ukrainian.
pub(crate) fn names(uk: String, en: String) -> Text {
    Text { uk, en: (!en.is_empty()).then_some(en) }
}

/// Whether the digits `from..to` of a КАТОТТГ code (after `UA`) are all zeros.
fn zeros(code: &str, from: usize, to: usize) -> bool {
    code.get(2 + from..2 + to).is_some_and(|d| d.bytes().all(|b| b == b'0'))
}

/// Whether a КАТОТТГ code is at the first tier: an oblast (category O) or a
/// city with special status (K), whose digits after the first two are zeros
/// down to the unit's own number.
pub(crate) fn is_region_code(code: &str) -> bool {
    is_katottg_code(code) && !zeros(code, 0, 2) && zeros(code, 2, 12)
}

/// Whether a КАТОТТГ code is at the third tier, a community (category H):
/// a community of a raion, no settlement.
pub(crate) fn is_community_code(code: &str) -> bool {
    is_katottg_code(code) && !zeros(code, 0, 2) && !zeros(code, 4, 7) && zeros(code, 7, 12)
}

/// The tier a code must name, with the region's code a community's must share its first digits with.
pub(crate) enum Tier<'a> {
    Region,
    Community { region: Option<&'a str> },
}

/// The КАТОТТГ code typed (spaces around dropped, `ua` as `UA`): of the tier
/// asked for, not another place's (`taken` names the place holding it).
/// `Some(None)` for an empty field where `required` is false; `None` with the
/// field's error when it cannot be taken.
pub(crate) fn read_katottg(
    t: &Tr<'_>,
    form: &Fields,
    field: &mut FormField,
    tier: Tier<'_>,
    required: bool,
    taken: impl Fn(&str) -> Option<String>,
) -> Option<Option<String>> {
    let raw = sent(t, form, field)?;
    let code: String = raw.trim().to_ascii_uppercase();
    field.value = code.clone();
    if code.is_empty() {
        if required {
            field.error = Some(t.msg("admin-error-katottg-empty"));
            return None;
        }
        return Some(None);
    }
    let (example, right_tier) = match tier {
        Tier::Region => ("UA32000000000030281", is_region_code(&code)),
        Tier::Community { .. } => ("UA32080070000050759", is_community_code(&code)),
    };
    if !is_katottg_code(&code) {
        field.error = Some(t.with("admin-error-katottg-format", "example", example));
        return None;
    }
    if !right_tier {
        let key = match tier {
            Tier::Region => "admin-error-katottg-not-region",
            Tier::Community { .. } => "admin-error-katottg-not-community",
        };
        field.error = Some(t.with(key, "example", example));
        return None;
    }
    if let Tier::Community { region: Some(region) } = tier
        && region.get(..4) != code.get(..4)
    {
        field.error = Some(t.with("admin-error-katottg-other-region", "prefix", region.get(..4).unwrap_or_default()));
        return None;
    }
    if let Some(place) = taken(&code) {
        field.error = Some(t.args("admin-error-katottg-taken", &[("code", code.clone()), ("place", place)]));
        return None;
    }
    Some(Some(code))
}

/// Whether `slug` is written as a slug is: Latin lower-case letters and
/// digits in runs joined by single hyphens, at most [`SLUG_MAX`] long.
pub(crate) fn is_slug(slug: &str) -> bool {
    !slug.is_empty()
        && slug.len() <= SLUG_MAX
        && slug.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !slug.starts_with('-')
        && !slug.ends_with('-')
        && !slug.contains("--")
}

/// The slug a name gives: its transliteration, without the word that says
/// what kind of place it is ("Київська область" → `kyivska`).
pub(crate) fn slug_of_name(name_uk: &str) -> String {
    let words: Vec<&str> = name_uk.split_whitespace().collect();
    let kind = ["область", "громада"];
    let words = match words.split_last() {
        Some((last, rest)) if !rest.is_empty() && kind.contains(&last.to_lowercase().as_str()) => rest,
        _ => &words[..],
    };
    slugify(&words.join(" ")).chars().take(SLUG_MAX).collect::<String>().trim_end_matches('-').to_string()
}

/// The slug typed, or made from the Ukrainian name when left empty: written
/// as a slug, not one of the server's own words, not another place's
/// (`taken` names the place holding it). The field shows the slug made.
pub(crate) fn read_slug(
    t: &Tr<'_>,
    form: &Fields,
    field: &mut FormField,
    name_uk: Option<&str>,
    taken: impl Fn(&str) -> Option<String>,
) -> Option<String> {
    let raw = sent(t, form, field)?;
    let typed = raw.trim().to_ascii_lowercase();
    let slug = if typed.is_empty() {
        // Without a name there is nothing to make it from; the name's own error says so.
        let name = name_uk?;
        let made = slug_of_name(name);
        if made.is_empty() {
            field.error = Some(t.msg("admin-error-slug-empty"));
            return None;
        }
        made
    } else {
        typed
    };
    field.value = slug.clone();
    if !is_slug(&slug) {
        field.error = Some(t.msg("admin-error-slug-format"));
        return None;
    }
    // `new` is the address of the admin pages' forms that add a place.
    if RESERVED_SLUGS.contains(&slug.as_str()) || slug == "new" {
        field.error = Some(t.with("admin-error-slug-reserved", "slug", &slug));
        return None;
    }
    if let Some(place) = taken(&slug) {
        field.error = Some(t.args("admin-error-slug-taken", &[("slug", slug.clone()), ("place", place)]));
        return None;
    }
    Some(slug)
}

/// The values that changed, as the audit trail keeps them: `field.old` and
/// `field.new` for each (field, old, new) that differs.
pub(crate) fn changes(pairs: &[(&str, String, String)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .filter(|(_, old, new)| old != new)
        .flat_map(|(name, old, new)| [(format!("{name}.old"), old.clone()), (format!("{name}.new"), new.clone())])
        .collect()
}

/// The values of a new place, as the audit trail keeps them.
pub(crate) fn added(pairs: &[(&str, String)]) -> Vec<(String, String)> {
    pairs.iter().map(|(name, value)| (name.to_string(), value.clone())).collect()
}

/// Write an administrator's change of a place to the audit trail, in the role
/// that allowed it; names and codes of places only, never personal data.
pub(crate) async fn audit_change(
    state: &AppState,
    staff: &Staff,
    role: Role,
    community: Option<&str>,
    action: &str,
    subject: String,
    details: Vec<(String, String)>,
) {
    let mut event = staff_event(state, staff, community, action, subject, &[]);
    event.actor_role = Some(role.code().to_string());
    event.details = details.into_iter().collect();
    if let Err(error) = state.store.append_audit(&event).await {
        tracing::error!(%error, action, "could not write the audit trail");
    }
}

/// After a change: this instance's catalogue now, the others' within seconds
/// (they follow the generation the store bumped).
pub(crate) async fn refresh(state: &AppState) {
    if let Err(error) = state.refresh_catalogue_if_changed().await {
        tracing::warn!(%error, "the catalogue was not reloaded after an administrator's change; the background refresh will");
    }
}

/// The invitation form with a role and place chosen.
pub(crate) fn invite_href(kind: &str, slug: &str, role: Role) -> String {
    format!("/staff/invite?grant={}", percent_encode(&format!("{kind}:{slug}:{}", role.code())))
}

/// The notice after a change (`?done=…&place=…`) about a place named `name_of`.
pub(crate) fn done_notice(t: &Tr<'_>, ui: &Ui, name_of: impl Fn(&str) -> Option<String>) -> Option<String> {
    let key = match ui.param("done")? {
        "added" => "admin-done-added",
        "changed" => "admin-done-changed",
        "published" => "admin-done-published",
        "unpublished" => "admin-done-unpublished",
        _ => return None,
    };
    let name = name_of(ui.param("place")?)?;
    Some(t.with(key, "name", &name))
}

// ---- the region's communities ---------------------------------------------------------------

/// The region of the path when the person may `action` its communities; the
/// same 404 for a region that does not exist and for one outside their reach.
async fn region_for(state: &AppState, staff: &Staff, path: Result<Path<String>, PathRejection>, action: Action) -> Result<Region, Reject> {
    let Ok(Path(slug)) = path else { return Err(Reject::NotFound) };
    let region = state.store.regions().await?.into_iter().find(|r| r.slug == slug).ok_or(Reject::NotFound)?;
    if !decide(&staff.person, action, &Resource::RegionCommunities { region: region.slug.clone() }).allowed() {
        return Err(Reject::NotFound);
    }
    Ok(region)
}

/// The region and community of the path, the community in the region, when
/// the person may `action` the region's communities and `profile` the
/// community's profile; else the 404. With every community, for the checks.
async fn community_for(
    state: &AppState,
    staff: &Staff,
    path: Result<Path<(String, String)>, PathRejection>,
    action: Action,
    profile: Action,
) -> Result<(Region, Community, Vec<Community>), Reject> {
    let Ok(Path((region, community))) = path else { return Err(Reject::NotFound) };
    let region = region_for(state, staff, Ok(Path(region)), action).await?;
    let all = state.store.communities().await?;
    let community = all.iter().find(|c| c.slug == community && c.region_slug == region.slug).cloned().ok_or(Reject::NotFound)?;
    let place = Place { community: community.slug.clone(), region: region.slug.clone() };
    if !decide(&staff.person, profile, &Resource::CommunityProfile(place)).allowed() {
        return Err(Reject::NotFound);
    }
    Ok((region, community, all))
}

struct CommunityRow {
    slug: String,
    name: String,
    katottg: String,
    code: String,
    published: bool,
    invite_href: String,
}

#[derive(Template)]
#[template(path = "admin_region.html")]
struct RegionPage<'a> {
    base: Base<'a>,
    region_slug: String,
    region_name: String,
    notice: Option<String>,
    can_manage: bool,
    show_regions_link: bool,
    rows: Vec<CommunityRow>,
    invite_region_href: String,
}

fn communities_href(region: &str) -> String {
    format!("/admin/regions/{region}/communities")
}

/// `GET /admin/regions/{region}/communities`: every community of the region, published or not.
pub async fn communities(
    State(state): State<AppState>,
    ui: Ui,
    staff: Staff,
    path: Result<Path<String>, PathRejection>,
) -> Result<Response, Reject> {
    let region = region_for(&state, &staff, path, Action::View).await?;
    let t = Tr { i18n: &state.i18n, lang: ui.lang };
    let can_manage = decide(&staff.person, Action::Manage, &Resource::RegionCommunities { region: region.slug.clone() }).allowed();
    let mut list: Vec<Community> = state.store.communities().await?.into_iter().filter(|c| c.region_slug == region.slug).collect();
    list.sort_by_cached_key(|c| collation_key(&c.name.uk));
    let notice = done_notice(&t, &ui, |slug| list.iter().find(|c| c.slug == slug).map(|c| c.name.get(ui.lang).to_string()));
    let rows = list
        .iter()
        .map(|c| CommunityRow {
            slug: c.slug.clone(),
            name: c.name.get(ui.lang).to_string(),
            katottg: c.katottg.clone().unwrap_or_else(|| "—".to_string()),
            code: c.code.clone(),
            published: c.published,
            invite_href: invite_href("community", &c.slug, Role::CommunityAdmin),
        })
        .collect();
    let mut base = Base::new(&state, &ui, region.name.get(ui.lang).to_string());
    base.staff_nav = true;
    let page = RegionPage {
        base,
        region_slug: region.slug.clone(),
        region_name: region.name.get(ui.lang).to_string(),
        notice,
        can_manage,
        show_regions_link: decide(&staff.person, Action::View, &Resource::Regions).allowed(),
        rows,
        invite_region_href: invite_href("region", &region.slug, Role::RegionalAdmin),
    };
    Ok(private(render(StatusCode::OK, &page)))
}

/// The community form's fields (the slug only while it is new), empty.
fn community_fields(t: &Tr<'_>, new: bool) -> Vec<FormField> {
    let mut fields = vec![
        FormField::new(t, "name_uk", "admin-field-name-uk", "text", "off").hint(t, "admin-hint-community-name-uk"),
        FormField::new(t, "name_en", "admin-field-name-en", "text", "off").hint(t, "admin-hint-name-en"),
        FormField::new(t, "katottg", "admin-field-katottg", "text", "off").hint(t, "admin-hint-community-katottg"),
        FormField::new(t, "code", "admin-field-code", "text", "off").hint(t, "admin-hint-code"),
    ];
    if new {
        fields.push(FormField::new(t, "slug", "admin-field-slug", "text", "off").hint(t, "admin-hint-community-slug"));
    }
    fields
}

/// The community form page: a new community's, or `community`'s.
fn community_form(
    state: &AppState,
    ui: &Ui,
    csrf: &CsrfToken,
    region: &Region,
    community: Option<&Community>,
    fields: Vec<FormField>,
) -> Response {
    let t = Tr { i18n: &state.i18n, lang: ui.lang };
    let (heading, action, submit) = match community {
        None => (t.msg("admin-community-add"), format!("{}/new", communities_href(&region.slug)), t.msg("admin-community-add-submit")),
        Some(c) => (c.name.get(ui.lang).to_string(), format!("{}/{}/edit", communities_href(&region.slug), c.slug), t.msg("admin-save")),
    };
    let mut page = AdminForm::new(state, ui, csrf, heading, action, submit);
    page.caption = region.name.get(ui.lang).to_string();
    page.fields = fields;
    match community {
        None => page.intro = vec![t.msg("admin-community-add-intro")],
        Some(c) => {
            page.facts = vec![
                (t.msg("admin-address"), format!("/{}", c.slug)),
                (t.msg("admin-state"), t.msg(if c.published { "admin-published" } else { "admin-unpublished" })),
            ];
            let (publish_path, publish_key) = if c.published { ("unpublish", "admin-unpublish") } else { ("publish", "admin-publish") };
            page.links = vec![
                (format!("{}/{}/{publish_path}", communities_href(&region.slug), c.slug), t.msg(publish_key)),
                (invite_href("community", &c.slug, Role::CommunityAdmin), t.msg("admin-invite-community")),
            ];
        }
    }
    page.links.push((communities_href(&region.slug), t.with("admin-back-to-region", "region", region.name.get(ui.lang))));
    page.render()
}

/// A community as the form gives it, checked against the others (`all`, which
/// holds `stored` when editing): `None` when a field has an error, which the
/// fields then show.
async fn read_community(
    state: &AppState,
    t: &Tr<'_>,
    form: &Fields,
    region: &Region,
    stored: Option<&Community>,
    all: &[Community],
    fields: &mut [FormField],
) -> Result<Option<Community>, Reject> {
    let lang = t.lang;
    // The other communities, whose codes this one may not take.
    let others = || all.iter().filter(|c| stored.is_none_or(|s| s.slug != c.slug));
    let name_uk = read_name(t, form, field_mut(fields, "name_uk"), true);
    let name_en = read_name(t, form, field_mut(fields, "name_en"), false);
    let katottg = read_katottg(
        t,
        form,
        field_mut(fields, "katottg"),
        Tier::Community { region: region.katottg.as_deref() },
        stored.is_none_or(|s| s.katottg.is_some()),
        |code| others().find(|c| c.katottg.as_deref() == Some(code)).map(|c| c.name.get(lang).to_string()),
    );
    let code = {
        let field = field_mut(fields, "code");
        match sent(t, form, field) {
            None => None,
            Some(raw) => {
                let code = raw.trim().to_ascii_uppercase();
                field.value = code.clone();
                if code.is_empty() {
                    field.error = Some(t.msg("admin-error-code-empty"));
                    None
                } else if !is_reference_code(&code) {
                    field.error = Some(t.msg("admin-error-code-format"));
                    None
                } else if let Some(other) = others().find(|c| c.code == code) {
                    field.error =
                        Some(t.args("admin-error-code-taken", &[("code", code.clone()), ("place", other.name.get(lang).to_string())]));
                    None
                } else if let Some(s) = stored.filter(|s| s.code != code)
                    && state.store.community_has_cases(&s.slug).await?
                {
                    field.error = Some(t.with("admin-error-code-fixed", "code", &s.code));
                    None
                } else {
                    Some(code)
                }
            }
        }
    };
    let slug = match stored {
        Some(s) => Some(s.slug.clone()),
        None => read_slug(t, form, field_mut(fields, "slug"), name_uk.as_deref(), |slug| {
            all.iter().find(|c| c.slug == slug).map(|c| c.name.get(lang).to_string())
        }),
    };
    let (Some(name_uk), Some(name_en), Some(katottg), Some(code), Some(slug)) = (name_uk, name_en, katottg, code, slug) else {
        return Ok(None);
    };
    if has_errors(fields) {
        return Ok(None);
    }
    Ok(Some(match stored {
        Some(s) => Community { name: names(name_uk, name_en), katottg, code, ..s.clone() },
        None => Community {
            slug,
            region_slug: region.slug.clone(),
            code,
            name: names(name_uk, name_en),
            katottg,
            phone: String::new(),
            email: String::new(),
            website: String::new(),
            published: false,
        },
    }))
}

/// `GET /admin/regions/{region}/communities/new`.
pub async fn new_community_form(
    State(state): State<AppState>,
    ui: Ui,
    Extension(csrf): Extension<CsrfToken>,
    staff: Staff,
    path: Result<Path<String>, PathRejection>,
) -> Result<Response, Reject> {
    let region = region_for(&state, &staff, path, Action::Manage).await?;
    let t = Tr { i18n: &state.i18n, lang: ui.lang };
    Ok(community_form(&state, &ui, &csrf, &region, None, community_fields(&t, true)))
}

/// `POST /admin/regions/{region}/communities/new`: a community, unpublished, or the form again with what is wrong.
pub async fn add_community(
    State(state): State<AppState>,
    ui: Ui,
    Extension(csrf): Extension<CsrfToken>,
    staff: Staff,
    path: Result<Path<String>, PathRejection>,
    form: Fields,
) -> Result<Response, Reject> {
    let region = region_for(&state, &staff, path, Action::Manage).await?;
    let t = Tr { i18n: &state.i18n, lang: ui.lang };
    let mut fields = community_fields(&t, true);
    let all = state.store.communities().await?;
    let Some(community) = read_community(&state, &t, &form, &region, None, &all, &mut fields).await? else {
        return Ok(community_form(&state, &ui, &csrf, &region, None, fields));
    };
    match state.store.add_community(&community).await {
        Ok(()) => {}
        // Taken meanwhile by another administrator: the form says by whom.
        Err(StoreError::Conflict(_)) => {
            let all = state.store.communities().await?;
            let mut fields = community_fields(&t, true);
            if read_community(&state, &t, &form, &region, None, &all, &mut fields).await?.is_none() {
                return Ok(community_form(&state, &ui, &csrf, &region, None, fields));
            }
            return Err(Reject::unavailable("a community could not be added though no field is taken"));
        }
        Err(error) => return Err(error.into()),
    }
    let details = added(&[
        ("slug", community.slug.clone()),
        ("region", region.slug.clone()),
        ("name_uk", community.name.uk.clone()),
        ("name_en", community.name.en.clone().unwrap_or_default()),
        ("katottg", community.katottg.clone().unwrap_or_default()),
        ("code", community.code.clone()),
        ("published", "false".to_string()),
    ]);
    audit_change(&state, &staff, Role::RegionalAdmin, Some(&community.slug), "community.add", subject(&community), details).await;
    refresh(&state).await;
    Ok(see_other(&format!("{}?done=added&place={}", communities_href(&region.slug), community.slug)))
}

fn subject(community: &Community) -> String {
    format!("community:{}", community.slug)
}

/// The form's fields filled with a stored community.
fn filled(t: &Tr<'_>, community: &Community) -> Vec<FormField> {
    let mut fields = community_fields(t, false);
    field_mut(&mut fields, "name_uk").value = community.name.uk.clone();
    field_mut(&mut fields, "name_en").value = community.name.en.clone().unwrap_or_default();
    field_mut(&mut fields, "katottg").value = community.katottg.clone().unwrap_or_default();
    field_mut(&mut fields, "code").value = community.code.clone();
    fields
}

/// `GET /admin/regions/{region}/communities/{community}/edit`.
pub async fn edit_community_form(
    State(state): State<AppState>,
    ui: Ui,
    Extension(csrf): Extension<CsrfToken>,
    staff: Staff,
    path: Result<Path<(String, String)>, PathRejection>,
) -> Result<Response, Reject> {
    let (region, community, _) = community_for(&state, &staff, path, Action::Manage, Action::Change).await?;
    let t = Tr { i18n: &state.i18n, lang: ui.lang };
    Ok(community_form(&state, &ui, &csrf, &region, Some(&community), filled(&t, &community)))
}

/// `POST /admin/regions/{region}/communities/{community}/edit`: names and codes (the slug stays).
pub async fn edit_community(
    State(state): State<AppState>,
    ui: Ui,
    Extension(csrf): Extension<CsrfToken>,
    staff: Staff,
    path: Result<Path<(String, String)>, PathRejection>,
    form: Fields,
) -> Result<Response, Reject> {
    let (region, stored, all) = community_for(&state, &staff, path, Action::Manage, Action::Change).await?;
    let t = Tr { i18n: &state.i18n, lang: ui.lang };
    let mut fields = community_fields(&t, false);
    let Some(community) = read_community(&state, &t, &form, &region, Some(&stored), &all, &mut fields).await? else {
        return Ok(community_form(&state, &ui, &csrf, &region, Some(&stored), fields));
    };
    match state.store.put_community(&community).await {
        Ok(()) => {}
        // A case made or a code taken meanwhile: the form says which.
        Err(StoreError::Conflict(_) | StoreError::Invalid(_)) => {
            let all = state.store.communities().await?;
            let mut fields = community_fields(&t, false);
            if read_community(&state, &t, &form, &region, Some(&stored), &all, &mut fields).await?.is_none() {
                return Ok(community_form(&state, &ui, &csrf, &region, Some(&stored), fields));
            }
            return Err(Reject::unavailable("a community could not be changed though no field is wrong"));
        }
        Err(error) => return Err(error.into()),
    }
    let details = changes(&[
        ("name_uk", stored.name.uk.clone(), community.name.uk.clone()),
        ("name_en", stored.name.en.clone().unwrap_or_default(), community.name.en.clone().unwrap_or_default()),
        ("katottg", stored.katottg.clone().unwrap_or_default(), community.katottg.clone().unwrap_or_default()),
        ("code", stored.code.clone(), community.code.clone()),
    ]);
    if !details.is_empty() {
        audit_change(&state, &staff, Role::RegionalAdmin, Some(&community.slug), "community.change", subject(&community), details).await;
        refresh(&state).await;
    }
    Ok(see_other(&format!("{}?done=changed&place={}", communities_href(&region.slug), community.slug)))
}

// ---- publication ------------------------------------------------------------------------------

/// The question before publishing (`publish`) or unpublishing a community.
fn publication_page(state: &AppState, ui: &Ui, csrf: &CsrfToken, region: &Region, community: &Community, publish: bool) -> Response {
    let t = Tr { i18n: &state.i18n, lang: ui.lang };
    let name = community.name.get(ui.lang);
    let (heading, text, button, path) = if publish {
        (t.with("admin-publish-title", "name", name), t.msg("admin-publish-text"), t.msg("admin-publish"), "publish")
    } else {
        (t.with("admin-unpublish-title", "name", name), t.msg("admin-unpublish-text"), t.msg("admin-unpublish"), "unpublish")
    };
    let mut base = Base::new(state, ui, heading.clone());
    base.staff_nav = true;
    let page = ConfirmPage {
        base,
        caption: region.name.get(ui.lang).to_string(),
        heading,
        text: vec![text],
        action: format!("{}/{}/{path}", communities_href(&region.slug), community.slug),
        csrf: csrf.value().to_string(),
        button,
        warning: !publish,
        cancel_href: communities_href(&region.slug),
        cancel: t.msg("admin-publication-cancel"),
        reason_label: String::new(),
        reason_error: None,
    };
    private(render(StatusCode::OK, &page))
}

/// Publishing and unpublishing are the region's administrators' (`Manage` on the community's profile).
async fn publication_form(
    state: AppState,
    ui: Ui,
    csrf: CsrfToken,
    staff: Staff,
    path: Result<Path<(String, String)>, PathRejection>,
    publish: bool,
) -> Result<Response, Reject> {
    let (region, community, _) = community_for(&state, &staff, path, Action::Manage, Action::Manage).await?;
    Ok(publication_page(&state, &ui, &csrf, &region, &community, publish))
}

/// Publish or unpublish: residents see the community's pages (or a 404) within
/// seconds on every instance; its staff keep working either way.
async fn set_published(
    state: AppState,
    staff: Staff,
    path: Result<Path<(String, String)>, PathRejection>,
    publish: bool,
) -> Result<Response, Reject> {
    let (region, stored, _) = community_for(&state, &staff, path, Action::Manage, Action::Manage).await?;
    let done = if publish { "published" } else { "unpublished" };
    if stored.published != publish {
        // Its own write: a profile saved meanwhile (`put_community`) leaves publication alone.
        if !state.store.set_community_published(&stored.slug, publish).await? {
            return Err(Reject::NotFound);
        }
        let details = changes(&[("published", stored.published.to_string(), publish.to_string())]);
        let action = if publish { "community.publish" } else { "community.unpublish" };
        audit_change(&state, &staff, Role::RegionalAdmin, Some(&stored.slug), action, subject(&stored), details).await;
        refresh(&state).await;
    }
    Ok(see_other(&format!("{}?done={done}&place={}", communities_href(&region.slug), stored.slug)))
}

/// `GET /admin/regions/{region}/communities/{community}/publish`: are you sure?
pub async fn publish_form(
    State(state): State<AppState>,
    ui: Ui,
    Extension(csrf): Extension<CsrfToken>,
    staff: Staff,
    path: Result<Path<(String, String)>, PathRejection>,
) -> Result<Response, Reject> {
    publication_form(state, ui, csrf, staff, path, true).await
}

/// `POST /admin/regions/{region}/communities/{community}/publish`.
pub async fn publish(
    State(state): State<AppState>,
    staff: Staff,
    path: Result<Path<(String, String)>, PathRejection>,
) -> Result<Response, Reject> {
    set_published(state, staff, path, true).await
}

/// `GET /admin/regions/{region}/communities/{community}/unpublish`: are you sure?
pub async fn unpublish_form(
    State(state): State<AppState>,
    ui: Ui,
    Extension(csrf): Extension<CsrfToken>,
    staff: Staff,
    path: Result<Path<(String, String)>, PathRejection>,
) -> Result<Response, Reject> {
    publication_form(state, ui, csrf, staff, path, false).await
}

/// `POST /admin/regions/{region}/communities/{community}/unpublish`.
pub async fn unpublish(
    State(state): State<AppState>,
    staff: Staff,
    path: Result<Path<(String, String)>, PathRejection>,
) -> Result<Response, Reject> {
    set_published(state, staff, path, false).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_of_regions_and_communities_are_told_apart_by_their_digits() {
        // Real codes from the codifier: Kyiv oblast (O), Kyiv (K), Bucha community (H), its raion (P), Bucha (M).
        assert!(is_region_code("UA32000000000030281"));
        assert!(is_region_code("UA80000000000093317"));
        assert!(!is_region_code("UA32080070000050759"));
        assert!(!is_region_code("UA32080000000084076"));
        assert!(is_community_code("UA32080070000050759"));
        assert!(!is_community_code("UA32080000000084076"), "a raion is not a community");
        assert!(!is_community_code("UA32080070010087821"), "a settlement is not a community");
        assert!(!is_community_code("UA32000000000030281"));
        assert!(!is_region_code("UA00000000000000001"));
        assert!(!is_community_code("UA3208007000005075"), "one digit short");
    }

    #[test]
    fn slugs_are_made_from_names_without_the_kind_of_place() {
        assert_eq!(slug_of_name("Київська область"), "kyivska");
        assert_eq!(slug_of_name("Бучанська громада"), "buchanska");
        assert_eq!(slug_of_name("Бучанська міська громада"), "buchanska-miska");
        assert_eq!(slug_of_name("Громада"), "hromada", "a name that is only the word stays");
        assert_eq!(slug_of_name("Автономна Республіка Крим"), "avtonomna-respublika-krym");
        assert!(is_slug("buchanska-2") && !is_slug("Buchanska") && !is_slug("a--b") && !is_slug("-a") && !is_slug(""));
    }

    #[test]
    fn only_changed_values_are_audited() {
        let details = changes(&[("name_uk", "А".into(), "Б".into()), ("code", "BUC".into(), "BUC".into())]);
        assert_eq!(details, vec![("name_uk.old".to_string(), "А".to_string()), ("name_uk.new".to_string(), "Б".to_string())]);
    }
}
