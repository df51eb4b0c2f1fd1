//! The installation administrator's pages: regions and the installation's settings.
//!
//! `/admin/regions` lists the regions with their КАТОТТГ codes and how many
//! communities each has (published and not), links to each region's
//! communities (read-only for them) and to inviting its administrators;
//! `/admin/regions/new` and `/admin/regions/{region}/edit` add and edit a
//! region (names, КАТОТТГ code; the slug is fixed once made);
//! `/admin/installation` keeps the installation's name and public address.
//! Every page asks the policy for `Resource::Regions`; anyone else gets a 404.

use askama::Template;
use axum::Extension;
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use hromada_domain::account::Role;
use hromada_domain::catalogue::collation_key;
use hromada_domain::place::{Installation, Region};
use hromada_domain::policy::{Action, Resource, decide};

use crate::AppState;
use crate::access::staff::Staff;
use crate::admin::region::{
    AdminForm, Tier, added, audit_change, changes, done_notice, field_mut, has_errors, invite_href, names, read_katottg, read_name,
    read_slug, refresh,
};
use crate::http::csrf::CsrfToken;
use crate::http::forms::{Fields, FormField};
use crate::http::i18n::Tr;
use crate::http::layout::{Base, Ui};
use crate::http::render::{Reject, private, render, see_other};

/// The person may run the installation (its regions and settings); else the 404.
fn runs_installation(staff: &Staff, action: Action) -> Result<(), Reject> {
    if decide(&staff.person, action, &Resource::Regions).allowed() { Ok(()) } else { Err(Reject::NotFound) }
}

// ---- the regions --------------------------------------------------------------------------------

struct RegionRow {
    slug: String,
    name: String,
    katottg: String,
    communities: usize,
    published: usize,
    unpublished: usize,
    invite_href: String,
}

#[derive(Template)]
#[template(path = "admin_regions.html")]
struct RegionsPage<'a> {
    base: Base<'a>,
    notice: Option<String>,
    rows: Vec<RegionRow>,
    invite_installation_href: String,
}

/// `GET /admin/regions`.
pub async fn regions(State(state): State<AppState>, ui: Ui, staff: Staff) -> Result<Response, Reject> {
    runs_installation(&staff, Action::View)?;
    let t = Tr { i18n: &state.i18n, lang: ui.lang };
    let mut regions = state.store.regions().await?;
    regions.sort_by_cached_key(|r| collation_key(&r.name.uk));
    let communities = state.store.communities().await?;
    let rows = regions
        .iter()
        .map(|r| {
            let of = || communities.iter().filter(|c| c.region_slug == r.slug);
            let published = of().filter(|c| c.published).count();
            let all = of().count();
            RegionRow {
                slug: r.slug.clone(),
                name: r.name.get(ui.lang).to_string(),
                katottg: r.katottg.clone().unwrap_or_else(|| "—".to_string()),
                communities: all,
                published,
                unpublished: all - published,
                invite_href: invite_href("region", &r.slug, Role::RegionalAdmin),
            }
        })
        .collect();
    let notice = done_notice(&t, &ui, |slug| regions.iter().find(|r| r.slug == slug).map(|r| r.name.get(ui.lang).to_string()));
    let mut base = Base::new(&state, &ui, t.msg("admin-regions-title"));
    base.staff_nav = true;
    let page = RegionsPage { base, notice, rows, invite_installation_href: invite_href("installation", "", Role::InstallationAdmin) };
    Ok(private(render(StatusCode::OK, &page)))
}

/// The region form's fields (the slug only while it is new), empty.
fn region_fields(t: &Tr<'_>, new: bool) -> Vec<FormField> {
    let mut fields = vec![
        FormField::new(t, "name_uk", "admin-field-name-uk", "text", "off").hint(t, "admin-hint-region-name-uk"),
        FormField::new(t, "name_en", "admin-field-name-en", "text", "off").hint(t, "admin-hint-name-en"),
        FormField::new(t, "katottg", "admin-field-katottg", "text", "off").hint(t, "admin-hint-region-katottg"),
    ];
    if new {
        fields.push(FormField::new(t, "slug", "admin-field-slug", "text", "off").hint(t, "admin-hint-region-slug"));
    }
    fields
}

fn region_form(state: &AppState, ui: &Ui, csrf: &CsrfToken, region: Option<&Region>, fields: Vec<FormField>) -> Response {
    let t = Tr { i18n: &state.i18n, lang: ui.lang };
    let mut page = match region {
        None => {
            let mut page = AdminForm::new(
                state,
                ui,
                csrf,
                t.msg("admin-region-add"),
                "/admin/regions/new".to_string(),
                t.msg("admin-region-add-submit"),
            );
            page.intro = vec![t.msg("admin-region-add-intro")];
            page
        }
        Some(r) => {
            let mut page = AdminForm::new(
                state,
                ui,
                csrf,
                r.name.get(ui.lang).to_string(),
                format!("/admin/regions/{}/edit", r.slug),
                t.msg("admin-save"),
            );
            page.caption = t.msg("admin-region");
            page.facts = vec![(t.msg("admin-region-slug"), r.slug.clone())];
            page.links = vec![
                (format!("/admin/regions/{}/communities", r.slug), t.msg("admin-region-communities")),
                (invite_href("region", &r.slug, Role::RegionalAdmin), t.msg("admin-invite-regional")),
            ];
            page
        }
    };
    page.fields = fields;
    page.links.push(("/admin/regions".to_string(), t.msg("admin-regions-all")));
    page.render()
}

/// A region as the form gives it, checked against the others; `None` when a
/// field has an error, which the fields then show.
fn read_region(t: &Tr<'_>, form: &Fields, stored: Option<&Region>, all: &[Region], fields: &mut [FormField]) -> Option<Region> {
    let lang = t.lang;
    let others = || all.iter().filter(|r| stored.is_none_or(|s| s.slug != r.slug));
    let name_uk = read_name(t, form, field_mut(fields, "name_uk"), true);
    let name_en = read_name(t, form, field_mut(fields, "name_en"), false);
    let katottg = read_katottg(t, form, field_mut(fields, "katottg"), Tier::Region, stored.is_none_or(|s| s.katottg.is_some()), |code| {
        others().find(|r| r.katottg.as_deref() == Some(code)).map(|r| r.name.get(lang).to_string())
    });
    let slug = match stored {
        Some(s) => Some(s.slug.clone()),
        None => read_slug(t, form, field_mut(fields, "slug"), name_uk.as_deref(), |slug| {
            all.iter().find(|r| r.slug == slug).map(|r| r.name.get(lang).to_string())
        }),
    };
    let (Some(name_uk), Some(name_en), Some(katottg), Some(slug)) = (name_uk, name_en, katottg, slug) else { return None };
    if has_errors(fields) {
        return None;
    }
    Some(Region { slug, name: names(name_uk, name_en), katottg })
}

/// `GET /admin/regions/new`.
pub async fn new_region_form(
    State(state): State<AppState>,
    ui: Ui,
    Extension(csrf): Extension<CsrfToken>,
    staff: Staff,
) -> Result<Response, Reject> {
    runs_installation(&staff, Action::Manage)?;
    let t = Tr { i18n: &state.i18n, lang: ui.lang };
    Ok(region_form(&state, &ui, &csrf, None, region_fields(&t, true)))
}

/// `POST /admin/regions/new`.
pub async fn add_region(
    State(state): State<AppState>,
    ui: Ui,
    Extension(csrf): Extension<CsrfToken>,
    staff: Staff,
    form: Fields,
) -> Result<Response, Reject> {
    runs_installation(&staff, Action::Manage)?;
    let t = Tr { i18n: &state.i18n, lang: ui.lang };
    let mut fields = region_fields(&t, true);
    let all = state.store.regions().await?;
    let Some(region) = read_region(&t, &form, None, &all, &mut fields) else {
        return Ok(region_form(&state, &ui, &csrf, None, fields));
    };
    if let Err(error) = state.store.put_region(&region).await {
        // A code taken meanwhile: the form says by which region.
        let all = state.store.regions().await?;
        let mut fields = region_fields(&t, true);
        if read_region(&t, &form, None, &all, &mut fields).is_none() {
            return Ok(region_form(&state, &ui, &csrf, None, fields));
        }
        return Err(error.into());
    }
    let details = added(&[
        ("slug", region.slug.clone()),
        ("name_uk", region.name.uk.clone()),
        ("name_en", region.name.en.clone().unwrap_or_default()),
        ("katottg", region.katottg.clone().unwrap_or_default()),
    ]);
    audit_change(&state, &staff, Role::InstallationAdmin, None, "region.add", format!("region:{}", region.slug), details).await;
    refresh(&state).await;
    Ok(see_other(&format!("/admin/regions?done=added&place={}", region.slug)))
}

/// The region of the path, for the installation's administrators; else the 404.
async fn stored_region(
    state: &AppState,
    staff: &Staff,
    path: Result<Path<String>, PathRejection>,
) -> Result<(Region, Vec<Region>), Reject> {
    runs_installation(staff, Action::Change)?;
    let Ok(Path(slug)) = path else { return Err(Reject::NotFound) };
    let all = state.store.regions().await?;
    let region = all.iter().find(|r| r.slug == slug).cloned().ok_or(Reject::NotFound)?;
    Ok((region, all))
}

/// `GET /admin/regions/{region}/edit`.
pub async fn edit_region_form(
    State(state): State<AppState>,
    ui: Ui,
    Extension(csrf): Extension<CsrfToken>,
    staff: Staff,
    path: Result<Path<String>, PathRejection>,
) -> Result<Response, Reject> {
    let (region, _) = stored_region(&state, &staff, path).await?;
    let t = Tr { i18n: &state.i18n, lang: ui.lang };
    let mut fields = region_fields(&t, false);
    field_mut(&mut fields, "name_uk").value = region.name.uk.clone();
    field_mut(&mut fields, "name_en").value = region.name.en.clone().unwrap_or_default();
    field_mut(&mut fields, "katottg").value = region.katottg.clone().unwrap_or_default();
    Ok(region_form(&state, &ui, &csrf, Some(&region), fields))
}

/// `POST /admin/regions/{region}/edit`: names and code (the slug stays).
pub async fn edit_region(
    State(state): State<AppState>,
    ui: Ui,
    Extension(csrf): Extension<CsrfToken>,
    staff: Staff,
    path: Result<Path<String>, PathRejection>,
    form: Fields,
) -> Result<Response, Reject> {
    let (stored, all) = stored_region(&state, &staff, path).await?;
    let t = Tr { i18n: &state.i18n, lang: ui.lang };
    let mut fields = region_fields(&t, false);
    let Some(region) = read_region(&t, &form, Some(&stored), &all, &mut fields) else {
        return Ok(region_form(&state, &ui, &csrf, Some(&stored), fields));
    };
    if let Err(error) = state.store.put_region(&region).await {
        let all = state.store.regions().await?;
        let mut fields = region_fields(&t, false);
        if read_region(&t, &form, Some(&stored), &all, &mut fields).is_none() {
            return Ok(region_form(&state, &ui, &csrf, Some(&stored), fields));
        }
        return Err(error.into());
    }
    let details = changes(&[
        ("name_uk", stored.name.uk.clone(), region.name.uk.clone()),
        ("name_en", stored.name.en.clone().unwrap_or_default(), region.name.en.clone().unwrap_or_default()),
        ("katottg", stored.katottg.clone().unwrap_or_default(), region.katottg.clone().unwrap_or_default()),
    ]);
    if !details.is_empty() {
        audit_change(&state, &staff, Role::InstallationAdmin, None, "region.change", format!("region:{}", region.slug), details).await;
        refresh(&state).await;
    }
    Ok(see_other(&format!("/admin/regions?done=changed&place={}", region.slug)))
}

// ---- the installation's settings --------------------------------------------------------------

/// A public address as the installation gives it: `https://` and a host
/// (with a port, if any), no path, query or user; lower case, without a trailing slash.
pub(crate) fn public_url(typed: &str) -> Result<String, &'static str> {
    let typed = typed.trim();
    let Some(rest) = typed.get(..8).filter(|scheme| scheme.eq_ignore_ascii_case("https://")).map(|_| &typed[8..]) else {
        return Err("admin-error-url-https");
    };
    let host = rest.strip_suffix('/').unwrap_or(rest);
    if host.contains(['/', '?', '#']) {
        return Err("admin-error-url-path");
    }
    let (name, port) = match host.rsplit_once(':') {
        Some((name, port)) => (name, Some(port)),
        None => (host, None),
    };
    let label_ok = |l: &str| {
        !l.is_empty()
            && l.len() <= 63
            && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
            && !l.starts_with('-')
            && !l.ends_with('-')
    };
    let port_ok = port.is_none_or(|p| {
        !p.is_empty() && p.len() <= 5 && p.bytes().all(|b| b.is_ascii_digit()) && p.parse::<u32>().is_ok_and(|n| (1..=65535).contains(&n))
    });
    if name.is_empty() || name.len() > 253 || !name.split('.').all(label_ok) || !port_ok {
        return Err("admin-error-url-format");
    }
    Ok(format!("https://{}", host.to_ascii_lowercase()))
}

fn settings_fields(t: &Tr<'_>) -> Vec<FormField> {
    vec![
        FormField::new(t, "name_uk", "admin-field-name-uk", "text", "off").hint(t, "admin-hint-installation-name-uk"),
        FormField::new(t, "name_en", "admin-field-name-en", "text", "off").hint(t, "admin-hint-name-en"),
        FormField::new(t, "public_url", "admin-field-public-url", "url", "off").hint(t, "admin-hint-public-url"),
    ]
}

fn settings_form(state: &AppState, ui: &Ui, csrf: &CsrfToken, fields: Vec<FormField>, notice: Option<String>) -> Response {
    let t = Tr { i18n: &state.i18n, lang: ui.lang };
    let mut page =
        AdminForm::new(state, ui, csrf, t.msg("admin-installation-title"), "/admin/installation".to_string(), t.msg("admin-save"));
    page.intro = vec![t.msg("admin-installation-intro")];
    page.notice = notice;
    page.fields = fields;
    page.links = vec![("/admin/regions".to_string(), t.msg("admin-regions-all"))];
    page.render()
}

/// `GET /admin/installation`.
pub async fn settings(
    State(state): State<AppState>,
    ui: Ui,
    Extension(csrf): Extension<CsrfToken>,
    staff: Staff,
) -> Result<Response, Reject> {
    runs_installation(&staff, Action::Change)?;
    let t = Tr { i18n: &state.i18n, lang: ui.lang };
    let mut fields = settings_fields(&t);
    if let Some(installation) = state.store.installation().await? {
        field_mut(&mut fields, "name_uk").value = installation.name.uk.clone();
        field_mut(&mut fields, "name_en").value = installation.name.en.clone().unwrap_or_default();
        field_mut(&mut fields, "public_url").value = installation.public_url.clone();
    }
    let notice = (ui.param("done") == Some("changed")).then(|| t.msg("admin-installation-saved"));
    Ok(settings_form(&state, &ui, &csrf, fields, notice))
}

/// `POST /admin/installation`.
pub async fn save_settings(
    State(state): State<AppState>,
    ui: Ui,
    Extension(csrf): Extension<CsrfToken>,
    staff: Staff,
    form: Fields,
) -> Result<Response, Reject> {
    runs_installation(&staff, Action::Change)?;
    let t = Tr { i18n: &state.i18n, lang: ui.lang };
    let mut fields = settings_fields(&t);
    let name_uk = read_name(&t, &form, field_mut(&mut fields, "name_uk"), true);
    let name_en = read_name(&t, &form, field_mut(&mut fields, "name_en"), false);
    let url = {
        let field = field_mut(&mut fields, "public_url");
        match form.text("public_url") {
            Err(_) => {
                field.error = Some(t.with("problem-characters", "label", &field.label));
                None
            }
            Ok(typed) => {
                field.value = typed.trim().to_string();
                match public_url(typed) {
                    Ok(url) => Some(url),
                    Err(key) => {
                        field.error = Some(t.msg(key));
                        None
                    }
                }
            }
        }
    };
    let (Some(name_uk), Some(name_en), Some(public_url)) = (name_uk, name_en, url) else {
        return Ok(settings_form(&state, &ui, &csrf, fields, None));
    };
    let installation = Installation { name: names(name_uk, name_en), public_url };
    let stored = state.store.installation().await?;
    state.store.put_installation(&installation).await?;
    let old = |f: fn(&Installation) -> String| stored.as_ref().map(f).unwrap_or_default();
    let details = changes(&[
        ("name_uk", old(|i| i.name.uk.clone()), installation.name.uk.clone()),
        ("name_en", old(|i| i.name.en.clone().unwrap_or_default()), installation.name.en.clone().unwrap_or_default()),
        ("public_url", old(|i| i.public_url.clone()), installation.public_url.clone()),
    ]);
    if !details.is_empty() {
        audit_change(&state, &staff, Role::InstallationAdmin, None, "installation.change", "installation".to_string(), details).await;
    }
    Ok(see_other("/admin/installation?done=changed"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_public_address_is_https_and_a_host_only() {
        assert_eq!(public_url(" https://Hromada.Example.org/ "), Ok("https://hromada.example.org".to_string()));
        assert_eq!(public_url("HTTPS://hromada.example.org:8443"), Ok("https://hromada.example.org:8443".to_string()));
        assert_eq!(public_url("http://hromada.example.org"), Err("admin-error-url-https"));
        assert_eq!(public_url("hromada.example.org"), Err("admin-error-url-https"));
        assert_eq!(public_url("https://hromada.example.org/portal"), Err("admin-error-url-path"));
        assert_eq!(public_url("https://hromada.example.org/?a=b"), Err("admin-error-url-path"));
        for bad in [
            "https://",
            "https://user@host.org",
            "https://-bad.org",
            "https://a..b",
            "https://host.org:0",
            "https://host.org:99999",
            "https://гром.укр",
        ] {
            assert_eq!(public_url(bad), Err("admin-error-url-format"), "{bad}");
        }
    }
}
