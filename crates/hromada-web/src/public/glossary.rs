//! `/glossary`: every term of the installation's glossary and of the
//! services' own, in the reader's language, each with its anchor (the target
//! of the links on service pages), searchable with `?q=` (a GET form: no
//! JavaScript) ignoring case, apostrophe forms and stress marks.

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use hromada_domain::Lang;
use hromada_domain::glossary::{Term, anchor};

use crate::AppState;
use crate::http::glossary;
use crate::http::i18n::Tr;
use crate::http::layout::{Base, Ui};
use crate::http::render::{Reject, render};

struct Entry {
    anchor: String,
    term: String,
    /// The Ukrainian headword, shown beside another language's (the word on the papers).
    original: Option<String>,
    explanation: String,
}

struct Section {
    heading: String,
    entries: Vec<Entry>,
}

#[derive(Template)]
#[template(path = "glossary.html")]
struct GlossaryPage<'a> {
    base: Base<'a>,
    query: String,
    found: String,
    sections: Vec<Section>,
}

fn entries(service: Option<&str>, terms: &[Term], query: &str, lang: Lang) -> Vec<Entry> {
    terms
        .iter()
        .filter(|t| query.is_empty() || t.matches(query))
        .map(|t| Entry {
            anchor: anchor(service, &t.id),
            term: t.term.get(lang).to_string(),
            original: (t.term.get(lang) != t.term.uk).then(|| t.term.uk.clone()),
            explanation: t.explanation.get(lang).to_string(),
        })
        .collect()
}

pub async fn page(State(state): State<AppState>, ui: Ui) -> Result<Response, Reject> {
    let catalogue = state.catalogue.get();
    let t = Tr { i18n: &state.i18n, lang: ui.lang };
    let query: String = ui.param("q").unwrap_or("").trim().chars().take(200).collect();
    let mut sections =
        vec![Section { heading: t.msg("glossary-common"), entries: entries(None, glossary::installation(), &query, ui.lang) }];
    for s in catalogue.all_services() {
        let d = &s.definition;
        sections.push(Section {
            heading: t.with("glossary-service", "service", d.title.get(ui.lang)),
            entries: entries(Some(&d.id), &d.glossary, &query, ui.lang),
        });
    }
    sections.retain(|s| !s.entries.is_empty());
    let found = sections.iter().map(|s| s.entries.len()).sum::<usize>();
    let mut base = Base::new(&state, &ui, t.msg("glossary-title"));
    base.crumbs.push(("/".into(), t.msg("nav-home")));
    let page = GlossaryPage { found: t.count("glossary-found", "count", found as i64), base, query, sections };
    Ok(render(StatusCode::OK, &page))
}
