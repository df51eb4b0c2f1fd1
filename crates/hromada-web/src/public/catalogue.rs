//! The public catalogue: the installation, a community's services, a
//! service's start page, search, and the pages that say something went wrong.

use askama::Template;
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use hromada_domain::catalogue::CatalogueService;
use hromada_domain::definition::{Category, DeadlineKind, LifeSituation};
use hromada_domain::glossary::Gloss;
use hromada_domain::{Lang, Text};

use crate::AppState;
use crate::http::glossary;
use crate::http::i18n::{Tr, category_key, deadline_text, fee_text, situation_key};
use crate::http::layout::{Base, Ui, centre_href};
use crate::http::render::{Reject, render};
use crate::http::url::percent_encode;

// ---- the installation ------------------------------------------------------

struct RegionView {
    name: String,
    communities: Vec<CommunityLink>,
}

struct CommunityLink {
    slug: String,
    name: String,
    services: String,
}

#[derive(Template)]
#[template(path = "home.html")]
struct HomePage<'a> {
    base: Base<'a>,
    search_action: &'static str,
    query: String,
    regions: Vec<RegionView>,
}

pub async fn home(State(state): State<AppState>, ui: Ui) -> Result<Response, Reject> {
    let catalogue = state.catalogue.get();
    let t = Tr { i18n: &state.i18n, lang: ui.lang };
    let regions = catalogue
        .regions()
        .iter()
        .map(|r| RegionView {
            name: r.name.get(ui.lang).to_string(),
            communities: catalogue
                .communities_of(&r.slug)
                .map(|c| CommunityLink {
                    slug: c.slug.clone(),
                    name: c.name.get(ui.lang).to_string(),
                    services: t.count("community-services-count", "count", catalogue.services_in(&c.slug).len() as i64),
                })
                .collect(),
        })
        .filter(|r| !r.communities.is_empty())
        .collect();
    let page = HomePage { base: Base::new(&state, &ui, t.msg("home-title")), search_action: "/search", query: String::new(), regions };
    Ok(render(StatusCode::OK, &page))
}

// ---- search across the installation ---------------------------------------

struct SearchResult {
    title: String,
    summary: String,
    places: Vec<(String, String)>,
}

#[derive(Template)]
#[template(path = "search.html")]
struct SearchPage<'a> {
    base: Base<'a>,
    search_action: &'static str,
    query: String,
    heading: String,
    found: String,
    results: Vec<SearchResult>,
}

pub async fn search(State(state): State<AppState>, ui: Ui) -> Result<Response, Reject> {
    let catalogue = state.catalogue.get();
    let t = Tr { i18n: &state.i18n, lang: ui.lang };
    let query: String = ui.param("q").unwrap_or("").trim().chars().take(200).collect();
    let results: Vec<SearchResult> = catalogue
        .search_everywhere(&query)
        .into_iter()
        .map(|(s, places)| SearchResult {
            title: s.definition.title.get(ui.lang).to_string(),
            summary: s.definition.summary.get(ui.lang).to_string(),
            places: places.iter().map(|c| (format!("/{}/{}", c.slug, s.definition.id), c.name.get(ui.lang).to_string())).collect(),
        })
        .collect();
    let title = if query.is_empty() { t.msg("search-title") } else { t.with("search-results", "query", &query) };
    let mut base = Base::new(&state, &ui, title);
    base.crumbs.push(("/".into(), t.msg("nav-home")));
    let page = SearchPage {
        heading: t.with("search-results", "query", &query),
        found: t.count("catalogue-found", "count", results.len() as i64),
        base,
        search_action: "/search",
        query,
        results,
    };
    Ok(render(StatusCode::OK, &page))
}

// ---- a community's catalogue ------------------------------------------------

struct ServiceCard {
    href: String,
    title: String,
    summary: String,
}

#[derive(Template)]
#[template(path = "community.html")]
struct CommunityPage<'a> {
    base: Base<'a>,
    search_action: String,
    query: String,
    slug: String,
    name: String,
    region: String,
    filtered: bool,
    categories: Vec<(String, String, bool)>,
    situations: Vec<(String, String, bool)>,
    heading: String,
    found: String,
    services: Vec<ServiceCard>,
}

pub async fn community(State(state): State<AppState>, ui: Ui, path: Result<Path<String>, PathRejection>) -> Result<Response, Reject> {
    // A path that does not decode (bad percent-escapes) names nothing we have.
    let Ok(Path(slug)) = path else { return Err(Reject::NotFound) };
    let catalogue = state.catalogue.get();
    let Some(community) = catalogue.community(&slug) else { return Err(Reject::NotFound) };
    let t = Tr { i18n: &state.i18n, lang: ui.lang };
    let query: String = ui.param("q").unwrap_or("").trim().chars().take(200).collect();
    let category = ui.param("category").and_then(Category::parse);
    let situation = ui.param("situation").and_then(LifeSituation::parse);
    let services = catalogue.find(&slug, Some(&query), category, situation);
    let filtered = !query.is_empty() || category.is_some() || situation.is_some();
    let heading = match (category, situation) {
        (Some(c), _) => t.msg(&category_key(c)),
        (None, Some(s)) => t.msg(&situation_key(s)),
        (None, None) if !query.is_empty() => t.with("search-results", "query", &query),
        _ => t.msg("catalogue-services"),
    };
    let region = catalogue.region(&community.region_slug).map(|r| r.name.get(ui.lang).to_string()).unwrap_or_default();
    let name = community.name.get(ui.lang).to_string();
    let title = if filtered { format!("{heading} — {name}") } else { name.clone() };
    let mut base = Base::in_community(&state, &ui, title, &slug);
    base.crumbs.push(("/".into(), t.msg("nav-home")));
    let page = CommunityPage {
        search_action: format!("/{slug}"),
        query,
        categories: catalogue
            .categories_in(&slug)
            .into_iter()
            .map(|c| (format!("/{slug}?category={}", percent_encode(c.code())), t.msg(&category_key(c)), category == Some(c)))
            .collect(),
        situations: catalogue
            .situations_in(&slug)
            .into_iter()
            .map(|s| (format!("/{slug}?situation={}", percent_encode(s.code())), t.msg(&situation_key(s)), situation == Some(s)))
            .collect(),
        found: t.count("catalogue-found", "count", services.len() as i64),
        services: services.iter().map(|s| card(&slug, s, ui.lang)).collect(),
        heading,
        filtered,
        region,
        name,
        slug,
        base,
    };
    Ok(render(StatusCode::OK, &page))
}

fn card(community: &str, s: &CatalogueService, lang: Lang) -> ServiceCard {
    ServiceCard {
        href: format!("/{community}/{}", s.definition.id),
        title: s.definition.title.get(lang).to_string(),
        summary: s.definition.summary.get(lang).to_string(),
    }
}

// ---- a service's start page -------------------------------------------------

#[derive(Template)]
#[template(path = "service.html")]
struct ServicePage<'a> {
    base: Base<'a>,
    community: String,
    title: String,
    // The texts below link the first occurrence of each glossary term, in page order.
    summary: Vec<Gloss>,
    who: Vec<Gloss>,
    documents: Vec<Vec<Gloss>>,
    deadline: Vec<Gloss>,
    deadline_notes: Vec<Vec<Gloss>>,
    fee: Vec<Gloss>,
    fee_note: Option<Vec<Gloss>>,
    account: Vec<Gloss>,
    start_href: String,
    in_person: Vec<Gloss>,
    // Titles of laws are cited as written: not linked.
    legal: String,
    version: String,
    /// Where the result is collected, when the community said: the centre's page, name and address.
    collect_at: Option<(String, String, String)>,
    /// The responsible department and the community's note, when set.
    department: String,
    note: Vec<String>,
}

pub async fn service(
    State(state): State<AppState>,
    ui: Ui,
    axum::Extension(csrf): axum::Extension<crate::http::csrf::CsrfToken>,
    path: Result<Path<(String, String)>, PathRejection>,
) -> Result<Response, Reject> {
    let Ok(Path((community_slug, service_slug))) = path else { return Err(Reject::NotFound) };
    let catalogue = state.catalogue.get();
    let (Some(community), Some(service)) = (catalogue.community(&community_slug), catalogue.offered(&community_slug, &service_slug)) else {
        return Err(Reject::NotFound);
    };
    let t = Tr { i18n: &state.i18n, lang: ui.lang };
    let d = &service.definition;
    let lang = ui.lang;
    let community_name = community.name.get(lang).to_string();
    let mut base = Base::in_community(&state, &ui, d.title.get(lang).to_string(), &community_slug);
    base.crumbs.push(("/".into(), t.msg("nav-home")));
    base.crumbs.push((format!("/{community_slug}"), community_name.clone()));
    base.feedback = crate::http::layout::FeedbackForm::about(
        &hromada_domain::feedback::PageKey::new(&community_slug, &service_slug, "start"),
        format!("/{community_slug}/{service_slug}"),
        csrf.value(),
    );
    let local_fee = catalogue.offer_details(&community_slug, &service_slug).and_then(|o| o.fee_kopiykas);
    let (fee, fee_note) = fee_text(&t, d, local_fee);
    let mut deadline_notes = Vec::new();
    if let Some(ext) = d.deadline.extendable_to {
        let key = if d.deadline.kind == DeadlineKind::Working { "deadline-extendable-working" } else { "deadline-extendable-calendar" };
        deadline_notes.push(t.count(key, "days", i64::from(ext)));
    }
    if let Some(note) = &d.deadline.note {
        deadline_notes.push(note.get(lang).to_string());
    }
    let offer = catalogue.offer_details(&community_slug, &service_slug);
    let collect_at = offer
        .and_then(|o| o.collect_at)
        .and_then(|id| catalogue.centres_of(&community_slug).iter().find(|c| c.id == id))
        .map(|c| (centre_href(c), c.name.get(lang).to_string(), c.address.get(lang).to_string()));
    let local = |text: Option<&Text>| text.map(|x| x.get(lang).trim().to_string()).unwrap_or_default();
    let mut terms = glossary::linker(Some(d));
    let page = ServicePage {
        community: community_name,
        title: d.title.get(lang).to_string(),
        summary: terms.link(d.summary.get(lang)),
        who: terms.link(d.who_can_apply.get(lang)),
        documents: d.required_documents.iter().map(|x| terms.link(x.get(lang))).collect(),
        deadline: terms.link(&deadline_text(&t, d)),
        deadline_notes: deadline_notes.iter().map(|n| terms.link(n)).collect(),
        fee: terms.link(&fee),
        fee_note: fee_note.map(|n| terms.link(&n)),
        account: terms.link(&t.msg(if d.needs_account() { "service-account-required" } else { "service-account-optional" })),
        start_href: format!("/{community_slug}/{service_slug}/apply"),
        in_person: terms.link(&t.msg("service-in-person")),
        legal: d.legal_basis.get(lang).to_string(),
        version: t.count("service-version", "version", service.version),
        collect_at,
        department: local(offer.map(|o| &o.department)),
        note: local(offer.map(|o| &o.note)).lines().map(str::trim).filter(|l| !l.is_empty()).map(str::to_string).collect(),
        base,
    };
    Ok(render(StatusCode::OK, &page))
}
