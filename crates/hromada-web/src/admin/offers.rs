//! A community's offer (`/admin/communities/{community}/services…`): every
//! service of the installation (the catalogue's latest definitions) and
//! whether the community offers it, enabled or withdrawn by a button each,
//! and for each offered service the local details its definition leaves
//! open: where the result is collected (one of the community's centres, or
//! not said), the responsible department and a note in both languages, and
//! the fee where the definition leaves it to the community (`[fee] kind =
//! "set_by_community"`, at most its `max_uah`). A fee for a service whose
//! definition fixes it is refused.

use askama::Template;
use axum::Extension;
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use std::sync::Arc;

use hromada_domain::catalogue::{CatalogueService, collation_key};
use hromada_domain::definition::{Fee, ServiceDefinition};
use hromada_domain::place::{Community, Offer};
use hromada_domain::policy::Action;
use hromada_store::StoreError;

use crate::AppState;
use crate::access::staff::Staff;
use crate::admin::community::{
    Errors, Input, admin_base, audit_change, changed_catalogue, managed, profile_href, sections, slug_of, text_field, two_languages, typed,
};
use crate::http::csrf::CsrfToken;
use crate::http::forms::Fields;
use crate::http::i18n::{Tr, fee_text, hryvnias};
use crate::http::layout::{Base, Ui};
use crate::http::render::{Reject, private, render, see_other};

fn services_href(slug: &str) -> String {
    format!("{}/services", profile_href(slug))
}

fn community_and_service(path: Result<Path<(String, String)>, PathRejection>) -> Result<(String, String), Reject> {
    path.map(|Path(p)| p).map_err(|_| Reject::NotFound)
}

/// An amount of hryvnias as people type it: `120`, `85,50`, `85.5`, `1 200`
/// (spaces anywhere, an optional `грн`); kopiykas, or `None` if it is not one.
fn parse_uah(text: &str) -> Option<u64> {
    let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let compact = compact.strip_suffix("грн.").or_else(|| compact.strip_suffix("грн")).unwrap_or(&compact);
    let (whole, part) = match compact.split_once([',', '.']) {
        Some((whole, part)) => (whole, part),
        None => (compact, ""),
    };
    if whole.is_empty() || whole.len() > 9 || part.len() > 2 || !whole.bytes().chain(part.bytes()).all(|b| b.is_ascii_digit()) {
        return None;
    }
    let kopiykas = if part.len() == 1 { format!("{part}0") } else { format!("{part:0<2}") };
    Some(whole.parse::<u64>().ok()? * 100 + kopiykas.parse::<u64>().ok()?)
}

// ---- the list -----------------------------------------------------------------------------

struct ServiceRow {
    slug: String,
    title: String,
    offered: bool,
    details_href: String,
    public_href: Option<String>,
    /// "enable" or "withdraw": the button's form.
    action: String,
}

#[derive(Template)]
#[template(path = "admin_offers.html")]
struct ListPage<'a> {
    base: Base<'a>,
    csrf: String,
    name: String,
    sections: Vec<(String, String, bool)>,
    notice: Option<String>,
    /// "4 services offered"
    offered: String,
    rows: Vec<ServiceRow>,
}

/// `GET /admin/communities/{community}/services`.
pub async fn list(
    State(state): State<AppState>,
    ui: Ui,
    staff: Staff,
    Extension(csrf): Extension<CsrfToken>,
    path: Result<Path<String>, PathRejection>,
) -> Result<Response, Reject> {
    let slug = slug_of(path)?;
    let community = managed(&state, &staff.person, &slug, Action::View)?;
    let t = Tr { i18n: &state.i18n, lang: ui.lang };
    let catalogue = state.catalogue.get();
    let mut services = catalogue.all_services();
    services.sort_by_key(|s| collation_key(s.definition.title.get(ui.lang)));
    let href = services_href(&slug);
    let rows: Vec<ServiceRow> = services
        .iter()
        .map(|s| {
            let id = &s.definition.id;
            let offered = catalogue.offer_details(&slug, id).is_some();
            ServiceRow {
                slug: id.clone(),
                title: s.definition.title.get(ui.lang).to_string(),
                offered,
                details_href: format!("{href}/{id}"),
                public_href: (offered && community.published).then(|| format!("/{slug}/{id}")),
                action: format!("{href}/{id}/{}", if offered { "withdraw" } else { "enable" }),
            }
        })
        .collect();
    let title_of = |id: &str| catalogue.service(id).map(|s| s.definition.title.get(ui.lang).to_string()).unwrap_or_default();
    let notice = match (ui.param("enabled"), ui.param("withdrawn"), ui.param("saved")) {
        (Some(id), _, _) => Some(t.with("cadmin-offer-enabled", "service", &title_of(id))),
        (_, Some(id), _) => Some(t.with("cadmin-offer-withdrawn", "service", &title_of(id))),
        (_, _, Some(id)) => Some(t.with("cadmin-offer-saved", "service", &title_of(id))),
        _ => None,
    };
    let base = admin_base(&state, &ui, t.msg("cadmin-offers-title"), &community, false);
    let page = ListPage {
        csrf: csrf.value().to_string(),
        name: community.name.get(ui.lang).to_string(),
        sections: sections(&t, &slug, "services"),
        notice,
        offered: t.count("cadmin-offers-count", "count", rows.iter().filter(|r| r.offered).count() as i64),
        rows,
        base,
    };
    Ok(private(render(StatusCode::OK, &page)))
}

/// `POST /admin/communities/{community}/services/{service}/enable`: the
/// community offers the service, without local details (withdrawing an offer
/// removes them; offering an offered service again leaves them as they are).
pub async fn enable(
    State(state): State<AppState>,
    staff: Staff,
    path: Result<Path<(String, String)>, PathRejection>,
) -> Result<Response, Reject> {
    let (slug, service) = community_and_service(path)?;
    managed(&state, &staff.person, &slug, Action::Change)?;
    if state.catalogue.get().service(&service).is_none() {
        return Err(Reject::NotFound);
    }
    match state.store.offer_service(&slug, &service).await {
        Ok(()) => {}
        Err(StoreError::NotFound) => return Err(Reject::NotFound),
        Err(error) => return Err(error.into()),
    }
    audit_change(&state, &staff, &slug, "offer.enable", format!("offer:{slug}/{service}"), &[]).await;
    changed_catalogue(&state).await;
    Ok(see_other(&format!("{}?enabled={service}", services_href(&slug))))
}

/// `POST /admin/communities/{community}/services/{service}/withdraw`: the
/// community no longer offers the service (cases made under it stay); its
/// local details go with the offer, as the page's message says.
pub async fn withdraw(
    State(state): State<AppState>,
    staff: Staff,
    path: Result<Path<(String, String)>, PathRejection>,
) -> Result<Response, Reject> {
    let (slug, service) = community_and_service(path)?;
    managed(&state, &staff.person, &slug, Action::Change)?;
    if state.catalogue.get().service(&service).is_none() {
        return Err(Reject::NotFound);
    }
    if state.store.withdraw_offer(&slug, &service).await? {
        audit_change(&state, &staff, &slug, "offer.withdraw", format!("offer:{slug}/{service}"), &[]).await;
        changed_catalogue(&state).await;
    }
    Ok(see_other(&format!("{}?withdrawn={service}", services_href(&slug))))
}

// ---- the local details ----------------------------------------------------------------------

/// The details as typed (or as stored).
struct DetailsForm {
    fee: String,
    collect_at: String,
    department_uk: String,
    department_en: String,
    note_uk: String,
    note_en: String,
}

impl DetailsForm {
    fn of(t: &Tr<'_>, offer: &Offer) -> DetailsForm {
        DetailsForm {
            fee: offer.fee_kopiykas.map(|k| hryvnias(t, k)).unwrap_or_default(),
            collect_at: offer.collect_at.map(|id| id.to_string()).unwrap_or_default(),
            department_uk: offer.department.uk.clone(),
            department_en: offer.department.en.clone().unwrap_or_default(),
            note_uk: offer.note.uk.clone(),
            note_en: offer.note.en.clone().unwrap_or_default(),
        }
    }

    fn typed(form: &Fields) -> DetailsForm {
        DetailsForm {
            fee: typed(form, "fee"),
            collect_at: typed(form, "collect_at"),
            department_uk: typed(form, "department_uk"),
            department_en: typed(form, "department_en"),
            note_uk: typed(form, "note_uk"),
            note_en: typed(form, "note_en"),
        }
    }
}

#[derive(Template)]
#[template(path = "admin_offer.html")]
struct DetailsPage<'a> {
    base: Base<'a>,
    csrf: String,
    caption: String,
    heading: String,
    action: String,
    /// The fee's input, where the community sets it.
    fee: Option<Input>,
    /// What the definition says of the fee, where the community does not set it.
    fee_fixed: String,
    fee_error: Option<String>,
    collect_at: String,
    collect_error: Option<String>,
    /// (id, name) of the community's centres.
    centres: Vec<(String, String)>,
    fields: Vec<Input>,
    cancel_href: String,
    public_href: Option<String>,
    errors: Errors,
}

fn details_page(
    state: &AppState,
    ui: &Ui,
    csrf: &CsrfToken,
    community: &Community,
    definition: &ServiceDefinition,
    form: DetailsForm,
    errors: Errors,
) -> Response {
    let t = Tr { i18n: &state.i18n, lang: ui.lang };
    let status = if errors.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    let catalogue = state.catalogue.get();
    let id = &definition.id;
    let fee = match &definition.fee {
        Fee::SetByCommunity { max_kopiykas, .. } => {
            let hint = match max_kopiykas {
                Some(max) => t.with("cadmin-fee-hint-max", "max", &hryvnias(&t, *max)),
                None => t.msg("cadmin-fee-hint"),
            };
            Some(Input::new(&t, "fee", "cadmin-fee", "text", &form.fee).hint(hint).width("w10").errors(&errors))
        }
        Fee::Free { .. } | Fee::Fixed { .. } => None,
    };
    let fee_error = if fee.is_none() { errors.iter().find(|(f, _)| f == "fee").map(|(_, e)| e.clone()) } else { None };
    let fields = vec![
        Input::new(&t, "department_uk", "cadmin-department-uk", "text", &form.department_uk).hint(t.msg("cadmin-department-hint")),
        Input::new(&t, "department_en", "cadmin-department-en", "text", &form.department_en).english(),
        Input::new(&t, "note_uk", "cadmin-note-uk", "textarea", &form.note_uk).hint(t.msg("cadmin-note-hint")),
        Input::new(&t, "note_en", "cadmin-note-en", "textarea", &form.note_en).english(),
    ]
    .into_iter()
    .map(|f| f.errors(&errors))
    .collect();
    let heading = definition.title.get(ui.lang).to_string();
    let base = admin_base(state, ui, heading.clone(), community, !errors.is_empty());
    let page = DetailsPage {
        csrf: csrf.value().to_string(),
        caption: community.name.get(ui.lang).to_string(),
        heading,
        action: format!("{}/{id}", services_href(&community.slug)),
        fee,
        fee_fixed: fee_text(&t, definition, None).0,
        fee_error,
        collect_at: form.collect_at,
        collect_error: errors.iter().find(|(f, _)| f == "collect_at").map(|(_, e)| e.clone()),
        centres: catalogue.centres_of(&community.slug).iter().map(|c| (c.id.to_string(), c.name.get(ui.lang).to_string())).collect(),
        fields,
        cancel_href: services_href(&community.slug),
        public_href: community.published.then(|| format!("/{}/{id}", community.slug)),
        errors,
        base,
    };
    private(render(status, &page))
}

/// The offered service of the path, with its definition and its offer; a 404 when the community does not offer it.
fn offered(state: &AppState, slug: &str, service: &str) -> Result<(Arc<CatalogueService>, Offer), Reject> {
    let catalogue = state.catalogue.get();
    let found = catalogue.service(service).map(Arc::clone).ok_or(Reject::NotFound)?;
    let offer = catalogue.offer_details(slug, service).cloned().ok_or(Reject::NotFound)?;
    Ok((found, offer))
}

/// `GET /admin/communities/{community}/services/{service}`.
pub async fn details(
    State(state): State<AppState>,
    ui: Ui,
    staff: Staff,
    Extension(csrf): Extension<CsrfToken>,
    path: Result<Path<(String, String)>, PathRejection>,
) -> Result<Response, Reject> {
    let (slug, service) = community_and_service(path)?;
    let community = managed(&state, &staff.person, &slug, Action::View)?;
    let (found, offer) = offered(&state, &slug, &service)?;
    let t = Tr { i18n: &state.i18n, lang: ui.lang };
    Ok(details_page(&state, &ui, &csrf, &community, &found.definition, DetailsForm::of(&t, &offer), Errors::new()))
}

/// `POST /admin/communities/{community}/services/{service}`: the local
/// details, checked as a whole and stored only when every field is right.
pub async fn details_save(
    State(state): State<AppState>,
    ui: Ui,
    staff: Staff,
    Extension(csrf): Extension<CsrfToken>,
    path: Result<Path<(String, String)>, PathRejection>,
    form: Fields,
) -> Result<Response, Reject> {
    let (slug, service) = community_and_service(path)?;
    let community = managed(&state, &staff.person, &slug, Action::Change)?;
    let (found, stored) = offered(&state, &slug, &service)?;
    let definition = &found.definition;
    let t = Tr { i18n: &state.i18n, lang: ui.lang };
    let mut errors = Errors::new();

    let fee_typed = typed(&form, "fee");
    let fee = if form.is_unreadable("fee") {
        errors.push(("fee".into(), t.with("problem-characters", "label", &t.msg("cadmin-fee"))));
        None
    } else if fee_typed.trim().is_empty() {
        None
    } else {
        match &definition.fee {
            Fee::Free { .. } | Fee::Fixed { .. } => {
                let fixed = fee_text(&t, definition, None).0;
                errors.push(("fee".into(), t.with("cadmin-error-fee-fixed", "fee", &fixed)));
                None
            }
            Fee::SetByCommunity { max_kopiykas, .. } => match parse_uah(&fee_typed) {
                None => {
                    errors.push(("fee".into(), t.msg("cadmin-error-fee-format")));
                    None
                }
                Some(amount) if max_kopiykas.is_some_and(|max| amount > max) => {
                    let max = hryvnias(&t, max_kopiykas.unwrap_or_default());
                    errors.push(("fee".into(), t.with("cadmin-error-fee-max", "max", &max)));
                    None
                }
                Some(amount) => Some(amount),
            },
        }
    };

    let centres: Vec<i64> = state.store.service_centres().await?.iter().filter(|c| c.community_slug == slug).map(|c| c.id).collect();
    let collect_typed = typed(&form, "collect_at");
    let collect_at = if collect_typed.is_empty() {
        None
    } else {
        match collect_typed.parse::<i64>() {
            Ok(id) if centres.contains(&id) => Some(id),
            _ => {
                errors.push(("collect_at".into(), t.msg("cadmin-error-collect-at")));
                None
            }
        }
    };
    let department_uk = text_field(&t, &form, "department_uk", "cadmin-department-uk", false, &mut errors);
    let department_en = text_field(&t, &form, "department_en", "cadmin-department-en", false, &mut errors);
    let note_uk = text_field(&t, &form, "note_uk", "cadmin-note-uk", true, &mut errors);
    let note_en = text_field(&t, &form, "note_en", "cadmin-note-en", true, &mut errors);
    if !errors.is_empty() {
        return Ok(details_page(&state, &ui, &csrf, &community, definition, DetailsForm::typed(&form), errors));
    }

    let offer = Offer {
        community_slug: slug.clone(),
        service_slug: service.clone(),
        fee_kopiykas: fee,
        collect_at,
        department: two_languages(department_uk, department_en),
        note: two_languages(note_uk, note_en),
    };
    let fields: Vec<&str> = [
        ("fee", offer.fee_kopiykas != stored.fee_kopiykas),
        ("collect_at", offer.collect_at != stored.collect_at),
        ("department", offer.department != stored.department),
        ("note", offer.note != stored.note),
    ]
    .into_iter()
    .filter_map(|(name, differs)| differs.then_some(name))
    .collect();
    if !fields.is_empty() {
        match state.store.put_offer(&offer).await {
            Ok(()) => {}
            // The centre was deleted since the form was read.
            Err(StoreError::Invalid(_)) => {
                let errors = vec![("collect_at".to_string(), t.msg("cadmin-error-collect-at"))];
                return Ok(details_page(&state, &ui, &csrf, &community, definition, DetailsForm::typed(&form), errors));
            }
            Err(StoreError::NotFound) => return Err(Reject::NotFound),
            Err(error) => return Err(error.into()),
        }
        audit_change(&state, &staff, &slug, "offer.details", format!("offer:{slug}/{service}"), &[("fields", fields.join(","))]).await;
        changed_catalogue(&state).await;
    }
    Ok(see_other(&format!("{}?saved={service}", services_href(&slug))))
}

#[cfg(test)]
mod tests {
    use super::parse_uah;

    #[test]
    fn amounts_read_as_people_type_them() {
        assert_eq!(parse_uah("120"), Some(12_000));
        assert_eq!(parse_uah("85,50"), Some(8_550));
        assert_eq!(parse_uah("85.5"), Some(8_550));
        assert_eq!(parse_uah("1 200 грн"), Some(120_000));
        assert_eq!(parse_uah("0"), Some(0));
        for bad in ["", "сто", "12,345", "-5", "1,2,3", ",50", "1e3"] {
            assert_eq!(parse_uah(bad), None, "{bad}");
        }
    }
}
