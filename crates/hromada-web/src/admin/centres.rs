//! A community's service centres (`/admin/communities/{community}/centres…`):
//! the ЦНАП and its remote workplaces — listed, added, changed and deleted
//! (after a confirmation) by the community's administrators and their
//! region's. A centre has a kind, a name and an address in both languages, a
//! phone (read as any Ukrainian number and kept formatted), its opening hours
//! for each weekday (closed, or opening and closing times with an optional
//! break, typed as `8:00` or `08.00`) and a note on accessibility. A
//! community has one ЦНАП at most. The hours' wording and formatting are
//! this module's own.

use askama::Template;
use axum::Extension;
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use hromada_domain::place::{CentreKind, Community, DayHours, HoursProblem, Minute, ServiceCentre, WeekHours, parse_time_of_day};
use hromada_domain::policy::Action;
use hromada_domain::values::Phone;
use hromada_store::StoreError;

use crate::AppState;
use crate::access::staff::Staff;
use crate::admin::community::{
    Errors, Input, admin_base, audit_change, changed_catalogue, managed, profile_href, sections, slug_of, text_field, two_languages, typed,
};
use crate::http::csrf::CsrfToken;
use crate::http::forms::Fields;
use crate::http::i18n::Tr;
use crate::http::layout::{Base, Ui};
use crate::http::render::{ConfirmPage, Reject, private, render, see_other};

/// The weekdays, Monday first, as their messages name them.
const DAYS: [&str; 7] = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

fn centres_href(slug: &str) -> String {
    format!("{}/centres", profile_href(slug))
}

/// `8:00` as people write it; 24:00 stays 24:00.
fn time_text(minute: Minute) -> String {
    format!("{}:{:02}", minute / 60, minute % 60)
}

/// A day's hours in words: "8:00–17:00, перерва 12:00–13:00", or "closed".
fn day_text(t: &Tr<'_>, day: Option<DayHours>) -> String {
    match day {
        None => t.msg("cadmin-hours-closed"),
        Some(DayHours { opens, closes, break_: None }) => format!("{}–{}", time_text(opens), time_text(closes)),
        Some(DayHours { opens, closes, break_: Some((from, to)) }) => {
            let args = [("hours", format!("{}–{}", time_text(opens), time_text(closes))), ("from", time_text(from)), ("to", time_text(to))];
            t.args("cadmin-hours-with-break", &args)
        }
    }
}

/// A community's centre of `id`, or the 404 of one that does not exist.
async fn centre_of(state: &AppState, slug: &str, id: i64) -> Result<ServiceCentre, Reject> {
    let centres = state.store.service_centres().await?;
    centres.into_iter().find(|c| c.id == id && c.community_slug == slug).ok_or(Reject::NotFound)
}

fn community_and_id(path: Result<Path<(String, i64)>, PathRejection>) -> Result<(String, i64), Reject> {
    path.map(|Path(p)| p).map_err(|_| Reject::NotFound)
}

// ---- the list -----------------------------------------------------------------------------

struct CentreRow {
    kind: String,
    name: String,
    address: String,
    phone: String,
    /// (weekday, hours)
    hours: Vec<(String, String)>,
    edit_href: String,
    delete_href: String,
}

#[derive(Template)]
#[template(path = "admin_centres.html")]
struct ListPage<'a> {
    base: Base<'a>,
    name: String,
    sections: Vec<(String, String, bool)>,
    notice: Option<String>,
    centres: Vec<CentreRow>,
    add_href: String,
}

/// `GET /admin/communities/{community}/centres`.
pub async fn list(
    State(state): State<AppState>,
    ui: Ui,
    staff: Staff,
    path: Result<Path<String>, PathRejection>,
) -> Result<Response, Reject> {
    let slug = slug_of(path)?;
    let community = managed(&state, &staff.person, &slug, Action::View)?;
    let t = Tr { i18n: &state.i18n, lang: ui.lang };
    let lang = ui.lang;
    let centres = state.store.service_centres().await?;
    let rows = centres
        .iter()
        .filter(|c| c.community_slug == slug)
        .map(|c| CentreRow {
            kind: t.msg(&format!("cadmin-kind-{}", c.kind.code())),
            name: c.name.get(lang).to_string(),
            address: c.address.get(lang).to_string(),
            phone: c.phone.clone(),
            hours: DAYS.iter().zip(c.hours.0).map(|(day, hours)| (t.msg(&format!("cadmin-day-{day}")), day_text(&t, hours))).collect(),
            edit_href: format!("{}/{}", centres_href(&slug), c.id),
            delete_href: format!("{}/{}/delete", centres_href(&slug), c.id),
        })
        .collect();
    let notice = match ui.param("done") {
        Some("added") => Some(t.msg("cadmin-centre-added")),
        Some("changed") => Some(t.msg("cadmin-centre-changed")),
        Some("deleted") => Some(t.msg("cadmin-centre-deleted")),
        _ => None,
    };
    let base = admin_base(&state, &ui, t.msg("cadmin-centres-title"), &community, false);
    let page = ListPage {
        name: community.name.get(lang).to_string(),
        sections: sections(&t, &slug, "centres"),
        notice,
        centres: rows,
        add_href: format!("{}/new", centres_href(&slug)),
        base,
    };
    Ok(private(render(StatusCode::OK, &page)))
}

// ---- the form -------------------------------------------------------------------------

/// A weekday's row of the form, as typed.
#[derive(Default, Clone)]
struct DayForm {
    closed: bool,
    opens: String,
    closes: String,
    break_from: String,
    break_to: String,
}

/// A weekday's part of the form as the template draws it.
struct DayInputs {
    /// `d0` … `d6`
    id: String,
    name: String,
    closed: bool,
    inputs: Vec<Input>,
    error: Option<String>,
}

impl DayInputs {
    /// The ids that describe the day's group: its error.
    fn described(&self) -> String {
        if self.error.is_some() { format!("{}-error", self.id) } else { String::new() }
    }
}

/// The centre as typed (or as stored).
struct CentreForm {
    kind: String,
    name_uk: String,
    name_en: String,
    address_uk: String,
    address_en: String,
    phone: String,
    access_uk: String,
    access_en: String,
    days: [DayForm; 7],
}

impl CentreForm {
    fn of(c: &ServiceCentre) -> CentreForm {
        let mut days: [DayForm; 7] = Default::default();
        for (form, day) in days.iter_mut().zip(c.hours.0) {
            *form = match day {
                None => DayForm { closed: true, ..DayForm::default() },
                Some(d) => DayForm {
                    closed: false,
                    opens: time_text(d.opens),
                    closes: time_text(d.closes),
                    break_from: d.break_.map(|(f, _)| time_text(f)).unwrap_or_default(),
                    break_to: d.break_.map(|(_, to)| time_text(to)).unwrap_or_default(),
                },
            };
        }
        CentreForm {
            kind: c.kind.code().to_string(),
            name_uk: c.name.uk.clone(),
            name_en: c.name.en.clone().unwrap_or_default(),
            address_uk: c.address.uk.clone(),
            address_en: c.address.en.clone().unwrap_or_default(),
            phone: c.phone.clone(),
            access_uk: c.accessibility.uk.clone(),
            access_en: c.accessibility.en.clone().unwrap_or_default(),
            days,
        }
    }

    /// A new centre: a remote workplace, nothing typed yet.
    fn blank() -> CentreForm {
        CentreForm {
            kind: CentreKind::Remote.code().to_string(),
            name_uk: String::new(),
            name_en: String::new(),
            address_uk: String::new(),
            address_en: String::new(),
            phone: String::new(),
            access_uk: String::new(),
            access_en: String::new(),
            days: Default::default(),
        }
    }

    fn typed(form: &Fields) -> CentreForm {
        let mut days: [DayForm; 7] = Default::default();
        for (i, day) in days.iter_mut().enumerate() {
            *day = DayForm {
                closed: !typed(form, &format!("d{i}-closed")).is_empty(),
                opens: typed(form, &format!("d{i}-opens")),
                closes: typed(form, &format!("d{i}-closes")),
                break_from: typed(form, &format!("d{i}-break-from")),
                break_to: typed(form, &format!("d{i}-break-to")),
            };
        }
        CentreForm {
            kind: typed(form, "kind"),
            name_uk: typed(form, "name_uk"),
            name_en: typed(form, "name_en"),
            address_uk: typed(form, "address_uk"),
            address_en: typed(form, "address_en"),
            phone: typed(form, "phone"),
            access_uk: typed(form, "access_uk"),
            access_en: typed(form, "access_en"),
            days,
        }
    }
}

#[derive(Template)]
#[template(path = "admin_centre.html")]
struct CentrePage<'a> {
    base: Base<'a>,
    csrf: String,
    caption: String,
    heading: String,
    action: String,
    kind: String,
    kind_error: Option<String>,
    before: Vec<Input>,
    days: Vec<DayInputs>,
    after: Vec<Input>,
    cancel_href: String,
    errors: Errors,
}

/// Reads a day's hours; an error names the day and the field (its id) to fix.
fn read_day(t: &Tr<'_>, i: usize, day: &DayForm) -> Result<Option<DayHours>, (String, String)> {
    let name = t.msg(&format!("cadmin-day-{}", DAYS[i]));
    let id = |field: &str| format!("d{i}-{field}");
    let problem = |field: &str, key: &str, extra: &[(&str, String)]| -> (String, String) {
        let mut args = vec![("day", name.clone())];
        args.extend(extra.iter().cloned());
        (id(field), t.args(key, &args))
    };
    let fail = |field: &str, key: &str, extra: &[(&str, String)]| Err(problem(field, key, extra));
    let given = |s: &str| !s.trim().is_empty();
    let any_time = given(&day.opens) || given(&day.closes) || given(&day.break_from) || given(&day.break_to);
    if day.closed {
        return if any_time { fail("closed", "cadmin-hours-closed-with-times", &[]) } else { Ok(None) };
    }
    if !given(&day.opens) && !given(&day.closes) {
        return fail("opens", "cadmin-hours-missing", &[]);
    }
    let time = |field: &str, value: &str, label_key: &str| -> Result<Minute, (String, String)> {
        if !given(value) {
            let label = t.msg(label_key);
            return Err(problem(field, "cadmin-hours-time-missing", &[("label", label)]));
        }
        parse_time_of_day(value).ok_or_else(|| {
            let args = [("day", name.clone()), ("label", t.msg(label_key)), ("value", value.trim().to_string())];
            (id(field), t.args("cadmin-hours-time-unread", &args))
        })
    };
    let opens = time("opens", &day.opens, "cadmin-hours-opens")?;
    let closes = time("closes", &day.closes, "cadmin-hours-closes")?;
    let break_ = match (given(&day.break_from), given(&day.break_to)) {
        (false, false) => None,
        (true, false) => return fail("break-to", "cadmin-hours-break-half", &[]),
        (false, true) => return fail("break-from", "cadmin-hours-break-half", &[]),
        (true, true) => Some((
            time("break-from", &day.break_from, "cadmin-hours-break-from")?,
            time("break-to", &day.break_to, "cadmin-hours-break-to")?,
        )),
    };
    DayHours::new(opens, closes, break_).map(Some).map_err(|problem| {
        let hours = [("hours", format!("{}–{}", time_text(opens), time_text(closes)))];
        match problem {
            HoursProblem::ClosesBeforeOpening => (id("closes"), t.args("cadmin-hours-closes-before", &[("day", name.clone())])),
            HoursProblem::BreakEndsBeforeStart => (id("break-to"), t.args("cadmin-hours-break-backwards", &[("day", name.clone())])),
            HoursProblem::BreakOutsideHours => {
                (id("break-from"), t.args("cadmin-hours-break-outside", &[("day", name.clone()), hours[0].clone()]))
            }
        }
    })
}

fn centre_page(
    state: &AppState,
    ui: &Ui,
    csrf: &CsrfToken,
    community: &Community,
    id: Option<i64>,
    form: CentreForm,
    errors: Errors,
) -> Response {
    let t = Tr { i18n: &state.i18n, lang: ui.lang };
    let status = if errors.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    let heading = t.msg(if id.is_some() { "cadmin-centre-edit-title" } else { "cadmin-centre-add-title" });
    let mut phone = Input::new(&t, "phone", "cadmin-centre-phone", "tel", &form.phone).hint(t.msg("cadmin-phone-hint")).width("w20");
    phone.autocomplete = "tel";
    let before = vec![
        Input::new(&t, "name_uk", "cadmin-centre-name-uk", "text", &form.name_uk).hint(t.msg("cadmin-centre-name-hint")),
        Input::new(&t, "name_en", "cadmin-centre-name-en", "text", &form.name_en).english(),
        Input::new(&t, "address_uk", "cadmin-centre-address-uk", "text", &form.address_uk).hint(t.msg("cadmin-centre-address-hint")),
        Input::new(&t, "address_en", "cadmin-centre-address-en", "text", &form.address_en).english(),
        phone,
    ]
    .into_iter()
    .map(|f| f.errors(&errors))
    .collect();
    let after = vec![
        Input::new(&t, "access_uk", "cadmin-centre-access-uk", "textarea", &form.access_uk).hint(t.msg("cadmin-centre-access-hint")),
        Input::new(&t, "access_en", "cadmin-centre-access-en", "textarea", &form.access_en).english(),
    ]
    .into_iter()
    .map(|f| f.errors(&errors))
    .collect();
    let days = form
        .days
        .iter()
        .enumerate()
        .map(|(i, day)| {
            let day_id = format!("d{i}");
            let error = errors.iter().find(|(f, _)| f.starts_with(&format!("{day_id}-"))).map(|(_, e)| e.clone());
            let inputs = [
                ("opens", "cadmin-hours-opens", &day.opens),
                ("closes", "cadmin-hours-closes", &day.closes),
                ("break-from", "cadmin-hours-break-from", &day.break_from),
                ("break-to", "cadmin-hours-break-to", &day.break_to),
            ]
            .into_iter()
            .map(|(field, label, value)| {
                let mut input = Input::new(&t, &format!("{day_id}-{field}"), label, "text", value).width("time");
                if errors.iter().any(|(f, _)| *f == input.id) {
                    input.error = error.clone();
                }
                input
            })
            .collect();
            DayInputs { name: t.msg(&format!("cadmin-day-{}", DAYS[i])), closed: day.closed, inputs, error, id: day_id }
        })
        .collect();
    let kind_error = errors.iter().find(|(f, _)| f == "kind").map(|(_, e)| e.clone());
    let action = match id {
        Some(id) => format!("{}/{id}", centres_href(&community.slug)),
        None => format!("{}/new", centres_href(&community.slug)),
    };
    let base = admin_base(state, ui, heading.clone(), community, !errors.is_empty());
    let page = CentrePage {
        csrf: csrf.value().to_string(),
        caption: community.name.get(ui.lang).to_string(),
        heading,
        action,
        kind: form.kind,
        kind_error,
        before,
        days,
        after,
        cancel_href: centres_href(&community.slug),
        errors,
        base,
    };
    private(render(status, &page))
}

/// `GET /admin/communities/{community}/centres/new`.
pub async fn new_form(
    State(state): State<AppState>,
    ui: Ui,
    staff: Staff,
    Extension(csrf): Extension<CsrfToken>,
    path: Result<Path<String>, PathRejection>,
) -> Result<Response, Reject> {
    let slug = slug_of(path)?;
    let community = managed(&state, &staff.person, &slug, Action::View)?;
    Ok(centre_page(&state, &ui, &csrf, &community, None, CentreForm::blank(), Errors::new()))
}

/// `GET /admin/communities/{community}/centres/{id}`.
pub async fn edit_form(
    State(state): State<AppState>,
    ui: Ui,
    staff: Staff,
    Extension(csrf): Extension<CsrfToken>,
    path: Result<Path<(String, i64)>, PathRejection>,
) -> Result<Response, Reject> {
    let (slug, id) = community_and_id(path)?;
    let community = managed(&state, &staff.person, &slug, Action::View)?;
    let centre = centre_of(&state, &slug, id).await?;
    Ok(centre_page(&state, &ui, &csrf, &community, Some(id), CentreForm::of(&centre), Errors::new()))
}

/// `POST /admin/communities/{community}/centres/new`.
pub async fn add(
    State(state): State<AppState>,
    ui: Ui,
    staff: Staff,
    Extension(csrf): Extension<CsrfToken>,
    path: Result<Path<String>, PathRejection>,
    form: Fields,
) -> Result<Response, Reject> {
    let slug = slug_of(path)?;
    let community = managed(&state, &staff.person, &slug, Action::Change)?;
    save(&state, &ui, &staff, &csrf, &community, None, &form).await
}

/// `POST /admin/communities/{community}/centres/{id}`.
pub async fn change(
    State(state): State<AppState>,
    ui: Ui,
    staff: Staff,
    Extension(csrf): Extension<CsrfToken>,
    path: Result<Path<(String, i64)>, PathRejection>,
    form: Fields,
) -> Result<Response, Reject> {
    let (slug, id) = community_and_id(path)?;
    let community = managed(&state, &staff.person, &slug, Action::Change)?;
    let stored = centre_of(&state, &slug, id).await?;
    save(&state, &ui, &staff, &csrf, &community, Some(stored), &form).await
}

/// The message of a second ЦНАП, naming the one there is.
fn second_main(t: &Tr<'_>, lang: hromada_domain::Lang, existing: Option<&ServiceCentre>) -> String {
    let name = existing.map(|c| c.name.get(lang).to_string()).unwrap_or_default();
    t.with("cadmin-error-second-main", "name", &name)
}

/// Checks the whole form; stores it (a new centre when `stored` is `None`) only when every field is right.
async fn save(
    state: &AppState,
    ui: &Ui,
    staff: &Staff,
    csrf: &CsrfToken,
    community: &Community,
    stored: Option<ServiceCentre>,
    form: &Fields,
) -> Result<Response, Reject> {
    let t = Tr { i18n: &state.i18n, lang: ui.lang };
    let slug = &community.slug;
    let id = stored.as_ref().map(|c| c.id);
    let mut errors = Errors::new();

    let kind = CentreKind::parse(&typed(form, "kind"));
    let all = state.store.service_centres().await?;
    let other_main = all.iter().find(|c| c.community_slug == *slug && c.kind == CentreKind::Main && Some(c.id) != id);
    match kind {
        None => errors.push(("kind".into(), t.msg("cadmin-error-kind"))),
        Some(CentreKind::Main) if other_main.is_some() => errors.push(("kind".into(), second_main(&t, ui.lang, other_main))),
        Some(_) => {}
    }
    let name_uk = text_field(&t, form, "name_uk", "cadmin-centre-name-uk", false, &mut errors);
    if name_uk.is_empty() && !errors.iter().any(|(f, _)| f == "name_uk") {
        errors.push(("name_uk".into(), t.msg("cadmin-error-centre-name")));
    }
    let name_en = text_field(&t, form, "name_en", "cadmin-centre-name-en", false, &mut errors);
    let address_uk = text_field(&t, form, "address_uk", "cadmin-centre-address-uk", false, &mut errors);
    if address_uk.is_empty() && !errors.iter().any(|(f, _)| f == "address_uk") {
        errors.push(("address_uk".into(), t.msg("cadmin-error-centre-address")));
    }
    let address_en = text_field(&t, form, "address_en", "cadmin-centre-address-en", false, &mut errors);
    let phone_typed = typed(form, "phone");
    let phone = match Phone::parse(&phone_typed) {
        Ok(phone) => phone.formatted(),
        Err(_) => {
            let key = if phone_typed.trim().is_empty() { "cadmin-error-centre-phone-empty" } else { "cadmin-error-phone" };
            errors.push(("phone".into(), t.msg(key)));
            String::new()
        }
    };
    let typed_form = CentreForm::typed(form);
    let mut hours = WeekHours::default();
    for (i, day) in typed_form.days.iter().enumerate() {
        match read_day(&t, i, day) {
            Ok(h) => hours.0[i] = h,
            Err(error) => errors.push(error),
        }
    }
    let access_uk = text_field(&t, form, "access_uk", "cadmin-centre-access-uk", true, &mut errors);
    let access_en = text_field(&t, form, "access_en", "cadmin-centre-access-en", true, &mut errors);

    let (Some(kind), true) = (kind, errors.is_empty()) else {
        return Ok(centre_page(state, ui, csrf, community, id, typed_form, errors));
    };
    let centre = ServiceCentre {
        id: id.unwrap_or(0),
        community_slug: slug.clone(),
        kind,
        name: two_languages(name_uk, name_en),
        address: two_languages(address_uk, address_en),
        phone,
        hours,
        accessibility: two_languages(access_uk, access_en),
    };
    let fields: Vec<&str> = match &stored {
        None => vec!["kind", "name", "address", "phone", "hours", "accessibility"],
        Some(old) => [
            ("kind", old.kind != centre.kind),
            ("name", old.name != centre.name),
            ("address", old.address != centre.address),
            ("phone", old.phone != centre.phone),
            ("hours", old.hours != centre.hours),
            ("accessibility", old.accessibility != centre.accessibility),
        ]
        .into_iter()
        .filter_map(|(name, differs)| differs.then_some(name))
        .collect(),
    };
    if fields.is_empty() {
        return Ok(see_other(&format!("{}?done=changed", centres_href(slug))));
    }
    let saved = match state.store.put_service_centre(&centre).await {
        Ok(saved) => saved,
        // Another ЦНАП was added since the check above.
        Err(StoreError::Invalid(_)) => {
            let centres = state.store.service_centres().await?;
            let main = centres.iter().find(|c| c.community_slug == *slug && c.kind == CentreKind::Main && Some(c.id) != id);
            let errors = vec![("kind".to_string(), second_main(&t, ui.lang, main))];
            return Ok(centre_page(state, ui, csrf, community, id, typed_form, errors));
        }
        Err(StoreError::NotFound) => return Err(Reject::NotFound),
        Err(error) => return Err(error.into()),
    };
    let action = if stored.is_some() { "centre.change" } else { "centre.add" };
    let details = [("fields", fields.join(",")), ("kind", kind.code().to_string())];
    audit_change(state, staff, slug, action, format!("centre:{saved}"), &details).await;
    changed_catalogue(state).await;
    let done = if stored.is_some() { "changed" } else { "added" };
    Ok(see_other(&format!("{}?done={done}", centres_href(slug))))
}

// ---- deleting --------------------------------------------------------------------------------

/// `GET /admin/communities/{community}/centres/{id}/delete`: are you sure?
pub async fn delete_form(
    State(state): State<AppState>,
    ui: Ui,
    staff: Staff,
    Extension(csrf): Extension<CsrfToken>,
    path: Result<Path<(String, i64)>, PathRejection>,
) -> Result<Response, Reject> {
    let (slug, id) = community_and_id(path)?;
    let community = managed(&state, &staff.person, &slug, Action::View)?;
    let centre = centre_of(&state, &slug, id).await?;
    let t = Tr { i18n: &state.i18n, lang: ui.lang };
    let name = centre.name.get(ui.lang).to_string();
    let mut text = vec![t.with("cadmin-centre-delete-text", "name", &name)];
    let collected = state.store.offers().await?.iter().filter(|o| o.community_slug == slug && o.collect_at == Some(id)).count();
    if collected > 0 {
        text.push(t.count("cadmin-centre-delete-offers", "count", collected as i64));
    }
    let heading = t.with("cadmin-centre-delete-title", "name", &name);
    let page = ConfirmPage {
        base: admin_base(&state, &ui, heading.clone(), &community, false),
        caption: community.name.get(ui.lang).to_string(),
        heading,
        text,
        action: format!("{}/{id}/delete", centres_href(&slug)),
        csrf: csrf.value().to_string(),
        button: t.msg("cadmin-centre-delete-button"),
        warning: true,
        cancel_href: centres_href(&slug),
        cancel: t.msg("cadmin-centre-delete-keep"),
        reason_label: String::new(),
        reason_error: None,
    };
    Ok(private(render(StatusCode::OK, &page)))
}

/// `POST /admin/communities/{community}/centres/{id}/delete`.
pub async fn delete(
    State(state): State<AppState>,
    staff: Staff,
    path: Result<Path<(String, i64)>, PathRejection>,
) -> Result<Response, Reject> {
    let (slug, id) = community_and_id(path)?;
    managed(&state, &staff.person, &slug, Action::Change)?;
    let centre = centre_of(&state, &slug, id).await?;
    if !state.store.delete_service_centre(&slug, id).await? {
        return Err(Reject::NotFound);
    }
    let details = [("kind", centre.kind.code().to_string()), ("name", centre.name.uk.clone())];
    audit_change(&state, &staff, &slug, "centre.delete", format!("centre:{id}"), &details).await;
    changed_catalogue(&state).await;
    Ok(see_other(&format!("{}?done=deleted", centres_href(&slug))))
}
