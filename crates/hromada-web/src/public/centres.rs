//! A service centre's page (`/{community}/centres/{id}`): the community's
//! ЦНАП or one of its remote workplaces, with its address and phone, the
//! community's e-mail, the week's hours in a table (today's row marked in
//! words, by the server's clock in Kyiv time), its accessibility note, and the
//! services whose result is collected there.

use askama::Template;
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use hromada_domain::clock::kyiv_time;
use hromada_domain::place::{CentreKind, DayHours, format_time_of_day};
use time::Weekday;

use crate::AppState;
use crate::http::i18n::{Tr, time_span, weekday_name};
use crate::http::layout::{Base, CentreToday, Ui, centre_today};
use crate::http::render::{Reject, render};

/// One weekday's row of the hours table.
struct DayRow {
    day: String,
    today: bool,
    /// Opens, closes and the break; `None` on a day the centre is closed.
    hours: Option<(String, String, String)>,
}

#[derive(Template)]
#[template(path = "centre.html")]
struct CentrePage<'a> {
    base: Base<'a>,
    community: String,
    kind: String,
    centre: CentreToday,
    email: String,
    /// Empty when the centre gave no hours at all.
    week: Vec<DayRow>,
    accessibility: Vec<String>,
    /// The services collected here: their start page and title.
    services: Vec<(String, String)>,
}

/// A centre's id as we write it in its address: digits only.
fn centre_id(text: &str) -> Option<i64> {
    if text.is_empty() || text.len() > 18 || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

pub async fn page(State(state): State<AppState>, ui: Ui, path: Result<Path<(String, String)>, PathRejection>) -> Result<Response, Reject> {
    let Ok(Path((community_slug, id))) = path else { return Err(Reject::NotFound) };
    let catalogue = state.catalogue.get();
    // Only a published community's own centres have a page.
    let Some(community) = catalogue.community(&community_slug) else { return Err(Reject::NotFound) };
    let Some(centre) = centre_id(&id).and_then(|id| catalogue.centres_of(&community_slug).iter().find(|c| c.id == id)) else {
        return Err(Reject::NotFound);
    };
    let t = Tr { i18n: &state.i18n, lang: ui.lang };
    let now = state.clock.now();
    let today = kyiv_time(now).weekday();
    let week = if centre.hours.is_empty() {
        Vec::new()
    } else {
        let mut day = Weekday::Monday;
        let mut rows = Vec::with_capacity(7);
        for _ in 0..7 {
            rows.push(DayRow {
                day: weekday_name(&t, day),
                today: day == today,
                hours: centre.hours.day(day).map(|DayHours { opens, closes, break_ }| {
                    (
                        format_time_of_day(opens),
                        format_time_of_day(closes),
                        break_.map(|(from, to)| time_span(from, to)).unwrap_or_else(|| t.msg("centre-no-break")),
                    )
                }),
            });
            day = day.next();
        }
        rows
    };
    let services = catalogue
        .services_in(&community_slug)
        .iter()
        .filter(|s| catalogue.offer_details(&community_slug, &s.definition.id).is_some_and(|o| o.collect_at == Some(centre.id)))
        .map(|s| (format!("/{community_slug}/{}", s.definition.id), s.definition.title.get(ui.lang).to_string()))
        .collect();
    let community_name = community.name.get(ui.lang).to_string();
    let name = centre.name.get(ui.lang).to_string();
    let mut base = Base::in_community(&state, &ui, format!("{name} — {community_name}"), &community_slug);
    base.crumbs.push(("/".into(), t.msg("nav-home")));
    base.crumbs.push((format!("/{community_slug}"), community_name.clone()));
    let page = CentrePage {
        kind: t.msg(match centre.kind {
            CentreKind::Main => "centre-kind-main",
            CentreKind::Remote => "centre-kind-remote",
        }),
        centre: centre_today(&t, centre, now),
        email: community.email.clone(),
        week,
        accessibility: centre.accessibility.get(ui.lang).lines().map(str::trim).filter(|l| !l.is_empty()).map(str::to_string).collect(),
        services,
        community: community_name,
        base,
    };
    Ok(render(StatusCode::OK, &page))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_centre_id_is_digits_only() {
        assert_eq!(centre_id("12"), Some(12));
        for bad in ["", "-1", "+1", "1.0", "１", "12a", "9999999999999999999"] {
            assert_eq!(centre_id(bad), None, "{bad}");
        }
    }
}
