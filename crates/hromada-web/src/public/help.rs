//! Help for people who rarely go online: short guides, one page each, linked
//! from the pages where they help (`/help`, `/help/{guide}`), and the
//! accessibility statement (`/accessibility`).
//!
//! A guide is a list of message ids ([`GUIDES`]); its words are in the Fluent
//! catalogues like every other text, so both languages are kept in step by the
//! same test, and `every_guide_exists_in_both_languages` fails when a guide's
//! message is missing from either. Every message of a guide is formatted with
//! the same arguments ([`Limits`]): the upload limits of this installation and
//! of the code, so a number a guide states is never typed twice.
//!
//! The statement's test figures are the browser suite's: `browser/suite.mjs`
//! writes `docs/accessibility-figures.json` at the end of a crawl without a
//! failure, and it is embedded here at build time.

use askama::Template;
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use hromada_domain::Lang;
use hromada_domain::definition::DeadlineKind;
use hromada_domain::upload::{MAX_IMAGE_PIXELS, MAX_IMAGE_SIDE};
use serde::Deserialize;

use crate::AppState;
use crate::http::i18n::{Tr, deadline_text};
use crate::http::layout::{Base, Ui};
use crate::http::render::{Reject, render};

// ---- the guides -------------------------------------------------------------

/// A guide: its address under `/help/`, its title, one sentence about it, and its sections.
pub(crate) struct Guide {
    pub slug: &'static str,
    pub title: &'static str,
    pub summary: &'static str,
    pub sections: &'static [Section],
}

/// A heading, its paragraphs, then its numbered steps (if any).
pub(crate) struct Section {
    pub heading: &'static str,
    pub text: &'static [&'static str],
    pub steps: &'static [&'static str],
}

/// The guides, in the index's order.
pub(crate) const GUIDES: &[Guide] = &[
    Guide {
        slug: "photograph",
        title: "guide-photograph-title",
        summary: "guide-photograph-summary",
        sections: &[
            Section {
                heading: "guide-photograph-prepare",
                text: &[],
                steps: &["guide-photograph-prepare-1", "guide-photograph-prepare-2", "guide-photograph-prepare-3"],
            },
            Section {
                heading: "guide-photograph-take",
                text: &[],
                steps: &["guide-photograph-take-1", "guide-photograph-take-2", "guide-photograph-take-3", "guide-photograph-take-4"],
            },
            Section { heading: "guide-photograph-pages", text: &["guide-photograph-pages-text"], steps: &[] },
            Section {
                heading: "guide-photograph-size",
                text: &[
                    "guide-photograph-size-file",
                    "guide-photograph-size-all",
                    "guide-photograph-size-image",
                    "guide-photograph-size-kinds",
                ],
                steps: &[],
            },
            Section { heading: "guide-photograph-stuck", text: &["guide-photograph-stuck-text"], steps: &[] },
        ],
    },
    Guide {
        slug: "account",
        title: "guide-account-title",
        summary: "guide-account-summary",
        sections: &[
            Section { heading: "guide-account-need", text: &["guide-account-need-text"], steps: &[] },
            Section {
                heading: "guide-account-create",
                text: &[],
                steps: &["guide-account-create-1", "guide-account-create-2", "guide-account-create-3", "guide-account-create-4"],
            },
            Section {
                heading: "guide-account-sign-in",
                text: &[],
                steps: &["guide-account-sign-in-1", "guide-account-sign-in-2", "guide-account-sign-in-3"],
            },
            Section {
                heading: "guide-account-forgot",
                text: &[],
                steps: &["guide-account-forgot-1", "guide-account-forgot-2", "guide-account-forgot-3"],
            },
            Section { heading: "guide-account-no-email", text: &["guide-account-no-email-text"], steps: &[] },
        ],
    },
    Guide {
        slug: "after-applying",
        title: "guide-after-title",
        summary: "guide-after-summary",
        sections: &[
            Section { heading: "guide-after-at-once", text: &["guide-after-at-once-text"], steps: &[] },
            Section {
                heading: "guide-after-steps",
                text: &[],
                steps: &["guide-after-steps-1", "guide-after-steps-2", "guide-after-steps-3", "guide-after-steps-4"],
            },
            Section {
                heading: "guide-after-time",
                text: &["guide-after-time-text", "guide-after-time-days", "guide-after-time-pause", "guide-after-time-due"],
                steps: &[],
            },
            Section {
                heading: "guide-after-watch",
                text: &["guide-after-watch-account", "guide-after-watch-link", "guide-after-watch-phone"],
                steps: &[],
            },
        ],
    },
    Guide {
        slug: "someone-else",
        title: "guide-else-title",
        summary: "guide-else-summary",
        sections: &[
            Section {
                heading: "guide-else-centre",
                text: &[],
                steps: &["guide-else-centre-1", "guide-else-centre-2", "guide-else-centre-3", "guide-else-centre-4"],
            },
            Section { heading: "guide-else-relative", text: &["guide-else-relative-text", "guide-else-relative-proxy"], steps: &[] },
            Section { heading: "guide-else-children", text: &["guide-else-children-text"], steps: &[] },
        ],
    },
    Guide {
        slug: "check-qr",
        title: "guide-qr-title",
        summary: "guide-qr-summary",
        sections: &[
            Section { heading: "guide-qr-camera", text: &[], steps: &["guide-qr-camera-1", "guide-qr-camera-2", "guide-qr-camera-3"] },
            Section { heading: "guide-qr-code", text: &[], steps: &["guide-qr-code-1", "guide-qr-code-2", "guide-qr-code-3"] },
            Section { heading: "guide-qr-result", text: &["guide-qr-result-text", "guide-qr-result-address"], steps: &[] },
        ],
    },
];

impl Guide {
    /// Every message id the guide uses.
    #[cfg(test)]
    pub(crate) fn message_ids(&self) -> impl Iterator<Item = &'static str> + '_ {
        [self.title, self.summary].into_iter().chain(
            self.sections.iter().flat_map(|s| std::iter::once(s.heading).chain(s.text.iter().copied()).chain(s.steps.iter().copied())),
        )
    }

    pub(crate) fn href(&self) -> String {
        format!("/help/{}", self.slug)
    }
}

/// The numbers a guide may state, from the settings and the code, as message arguments
/// (`$file`, `$application`, `$side`, `$megapixels`, `$idle`).
struct Limits(Vec<(&'static str, String)>);

impl Limits {
    fn of(state: &AppState, t: &Tr<'_>) -> Limits {
        let uploads = &state.settings.uploads;
        Limits(vec![
            ("file", t.size(i64::try_from(uploads.file_bytes).unwrap_or(i64::MAX))),
            ("application", t.size(i64::try_from(uploads.application_bytes).unwrap_or(i64::MAX))),
            ("side", grouped(u64::from(MAX_IMAGE_SIDE), t.lang)),
            ("megapixels", grouped(MAX_IMAGE_PIXELS / 1_000_000, t.lang)),
            ("idle", (state.settings.sessions.resident_idle.as_secs() / 60).to_string()),
        ])
    }

    fn text(&self, t: &Tr<'_>, key: &str) -> String {
        t.args(key, &self.0)
    }
}

/// A whole number with its thousands grouped as the language writes them: "20 000", "20,000".
fn grouped(n: u64, lang: Lang) -> String {
    let digits = n.to_string();
    let separator = if lang == Lang::Uk { '\u{a0}' } else { ',' };
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(separator);
        }
        out.push(c);
    }
    out
}

struct SectionView {
    heading: String,
    text: Vec<String>,
    steps: Vec<String>,
}

struct GuideLink {
    href: String,
    title: String,
    summary: String,
}

#[derive(Template)]
#[template(path = "help.html")]
struct HelpIndex<'a> {
    base: Base<'a>,
    guides: Vec<GuideLink>,
}

pub async fn index(State(state): State<AppState>, ui: Ui) -> Result<Response, Reject> {
    let t = Tr { i18n: &state.i18n, lang: ui.lang };
    let mut base = Base::new(&state, &ui, t.msg("help-title"));
    base.crumbs.push(("/".into(), t.msg("nav-home")));
    let guides = GUIDES.iter().map(|g| GuideLink { href: g.href(), title: t.msg(g.title), summary: t.msg(g.summary) }).collect();
    Ok(render(StatusCode::OK, &HelpIndex { base, guides }))
}

#[derive(Template)]
#[template(path = "guide.html")]
struct GuidePage<'a> {
    base: Base<'a>,
    summary: String,
    sections: Vec<SectionView>,
    others: Vec<GuideLink>,
}

pub async fn guide(State(state): State<AppState>, ui: Ui, path: Result<Path<String>, PathRejection>) -> Result<Response, Reject> {
    let Ok(Path(slug)) = path else { return Err(Reject::NotFound) };
    let Some(guide) = GUIDES.iter().find(|g| g.slug == slug) else { return Err(Reject::NotFound) };
    let t = Tr { i18n: &state.i18n, lang: ui.lang };
    let limits = Limits::of(&state, &t);
    let mut base = Base::new(&state, &ui, t.msg(guide.title));
    base.crumbs.push(("/".into(), t.msg("nav-home")));
    base.crumbs.push(("/help".into(), t.msg("help-title")));
    let mut sections = Vec::new();
    for s in guide.sections {
        sections.push(SectionView {
            heading: t.msg(s.heading),
            text: s.text.iter().map(|k| limits.text(&t, k)).collect(),
            steps: s.steps.iter().map(|k| limits.text(&t, k)).collect(),
        });
        // Opened from a case (`?community=…&service=…`): that service's own deadline, after the general rules.
        if s.heading == "guide-after-time"
            && let Some(own) = service_deadline(&state, &ui, &t)
        {
            sections.push(own);
        }
    }
    let others = GUIDES
        .iter()
        .filter(|g| g.slug != guide.slug)
        .map(|g| GuideLink { href: g.href(), title: t.msg(g.title), summary: String::new() })
        .collect();
    let page = GuidePage { summary: t.msg(guide.summary), base, sections, others };
    Ok(render(StatusCode::OK, &page))
}

/// `?community=…&service=…` names a service offered here: its deadline, as its start page states it.
fn service_deadline(state: &AppState, ui: &Ui, t: &Tr<'_>) -> Option<SectionView> {
    let catalogue = state.catalogue.get();
    let service = catalogue.offered(ui.param("community")?, ui.param("service")?)?;
    let d = &service.definition;
    let mut text = vec![deadline_text(t, d)];
    if let Some(ext) = d.deadline.extendable_to {
        let key = if d.deadline.kind == DeadlineKind::Working { "deadline-extendable-working" } else { "deadline-extendable-calendar" };
        text.push(t.count(key, "days", i64::from(ext)));
    }
    if let Some(note) = &d.deadline.note {
        text.push(note.get(t.lang).to_string());
    }
    Some(SectionView { heading: t.with("guide-after-this-service", "service", d.title.get(t.lang)), text, steps: Vec::new() })
}

// ---- the accessibility statement -------------------------------------------

/// What the browser suite wrote at the end of its last crawl without a failure.
const FIGURES_JSON: &str = include_str!("../../../../docs/accessibility-figures.json");

/// The suite's figures; every one is `null` in a file the suite has not yet written.
#[derive(Debug, Deserialize, PartialEq)]
pub(crate) struct Figures {
    pub date: Option<String>,
    pub pages_checked: Option<u64>,
    pub axe_violations: Option<u64>,
    pub heaviest_page: Option<String>,
    pub heaviest_kb: Option<f64>,
    pub budget_kb: Option<f64>,
    pub reflowed_320: Option<u64>,
    pub browser: Option<String>,
    pub axe_core: Option<String>,
}

/// The figures as the statement prints them, or `None` when the suite has not measured yet.
struct Measured {
    date: String,
    rows: Vec<(String, String)>,
}

impl Figures {
    pub(crate) fn parse(json: &str) -> Result<Figures, serde_json::Error> {
        serde_json::from_str(json)
    }

    fn measured(&self, t: &Tr<'_>) -> Option<Measured> {
        let date = time::Date::parse(self.date.as_deref()?, time::macros::format_description!("[year]-[month]-[day]")).ok()?;
        let kb = |x: f64| {
            let text = format!("{x:.1}");
            if t.lang == Lang::Uk { text.replace('.', ",") } else { text }
        };
        let rows = vec![
            (t.msg("a11y-figure-pages"), self.pages_checked?.to_string()),
            (t.msg("a11y-figure-axe"), self.axe_violations?.to_string()),
            (
                t.msg("a11y-figure-heaviest"),
                t.args(
                    "a11y-figure-heaviest-value",
                    &[("kb", kb(self.heaviest_kb?)), ("budget", kb(self.budget_kb?)), ("page", self.heaviest_page.clone()?)],
                ),
            ),
            (
                t.msg("a11y-figure-reflow"),
                t.args("a11y-figure-reflow-value", &[("n", self.reflowed_320?.to_string()), ("of", self.pages_checked?.to_string())]),
            ),
            (t.msg("a11y-figure-browser"), format!("{}; axe-core {}", self.browser.clone()?, self.axe_core.clone()?)),
        ];
        Some(Measured { date: t.date(date), rows })
    }
}

#[derive(Template)]
#[template(path = "accessibility.html")]
struct StatementPage<'a> {
    base: Base<'a>,
    measured: Option<Measured>,
    problems: Vec<String>,
}

/// The known problems, in the statement's order.
const KNOWN_PROBLEMS: &[&str] =
    &["a11y-problem-pdf", "a11y-problem-charts", "a11y-problem-timeout", "a11y-problem-staff-code", "a11y-problem-texts"];

pub async fn statement(State(state): State<AppState>, ui: Ui) -> Result<Response, Reject> {
    let t = Tr { i18n: &state.i18n, lang: ui.lang };
    let limits = Limits::of(&state, &t);
    let mut base = Base::new(&state, &ui, t.msg("a11y-title"));
    base.crumbs.push(("/".into(), t.msg("nav-home")));
    let measured = match Figures::parse(FIGURES_JSON) {
        Ok(figures) => figures.measured(&t),
        Err(error) => {
            tracing::error!(%error, "docs/accessibility-figures.json does not parse");
            None
        }
    };
    let problems = KNOWN_PROBLEMS.iter().map(|k| limits.text(&t, k)).collect();
    Ok(render(StatusCode::OK, &StatementPage { base, measured, problems }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::http::i18n::I18n;

    #[test]
    fn every_guide_exists_in_both_languages() {
        let i18n = I18n::load().expect("catalogues load");
        for guide in GUIDES {
            for key in guide.message_ids().chain(KNOWN_PROBLEMS.iter().copied()) {
                for lang in Lang::ALL {
                    assert!(i18n.has(lang, key), "guide `{}`: message `{key}` is missing from {}.ftl", guide.slug, lang.code());
                    assert!(
                        !i18n.msg(lang, key).trim().is_empty(),
                        "guide `{}`: message `{key}` is empty in {}.ftl",
                        guide.slug,
                        lang.code()
                    );
                }
            }
        }
    }

    #[test]
    fn every_guide_has_its_own_address_and_steps() {
        let mut slugs: Vec<&str> = GUIDES.iter().map(|g| g.slug).collect();
        slugs.sort_unstable();
        slugs.dedup();
        assert_eq!(slugs.len(), GUIDES.len(), "two guides share an address");
        for guide in GUIDES {
            assert!(guide.sections.iter().any(|s| !s.steps.is_empty()), "guide `{}` has no numbered steps", guide.slug);
        }
    }

    #[test]
    fn the_pages_link_only_to_guides_that_exist() {
        let root = env!("CARGO_MANIFEST_DIR");
        let mut dirs = vec![std::path::PathBuf::from(format!("{root}/templates")), std::path::PathBuf::from(format!("{root}/src"))];
        let mut found = 0;
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(&dir).expect("dir") {
                let path = entry.expect("entry").path();
                if path.is_dir() {
                    dirs.push(path);
                    continue;
                }
                let source = std::fs::read_to_string(&path).expect("read");
                // Every `"/help/…` in a template or a handler names a guide.
                for piece in source.split("\"/help/").skip(1) {
                    let slug = piece.split(['"', '?']).next().unwrap_or_default();
                    if !slug.is_empty() && slug.chars().all(|c| c.is_ascii_lowercase() || c == '-') {
                        found += 1;
                        assert!(GUIDES.iter().any(|g| g.slug == slug), "{} links to a guide that does not exist: {slug}", path.display());
                    }
                }
            }
        }
        assert!(found >= 5, "the scan found {found} links to guides; is it still reading the sources?");
    }

    #[test]
    fn the_embedded_figures_parse() {
        Figures::parse(FIGURES_JSON).expect("docs/accessibility-figures.json is what browser/figures.mjs writes");
    }

    #[test]
    fn measured_figures_are_printed_as_the_suite_wrote_them() {
        let i18n = I18n::load().expect("catalogues load");
        let figures = Figures::parse(
            r#"{"source":"browser/suite.mjs","date":"2026-03-05","pages_checked":412,"axe_violations":0,"heaviest_page":"/pulse [uk]",
               "heaviest_kb":27.4,"budget_kb":30,"reflowed_320":412,"browser":"Chromium 140.0.7339.0","axe_core":"4.14.1"}"#,
        )
        .expect("parses");
        let t = Tr { i18n: &i18n, lang: Lang::Uk };
        let measured = figures.measured(&t).expect("measured");
        assert_eq!(measured.date, "5 березня 2026");
        let all: String = measured.rows.iter().map(|(k, v)| format!("{k}: {v}\n")).collect();
        for wanted in ["412", "27,4", "/pulse [uk]", "Chromium 140.0.7339.0", "axe-core 4.14.1"] {
            assert!(all.contains(wanted), "{wanted} missing from {all}");
        }
        let unmeasured = Figures::parse(r#"{"source":"browser/suite.mjs","date":null}"#).expect("parses");
        assert!(unmeasured.measured(&t).is_none());
    }

    #[test]
    fn numbers_are_grouped_as_each_language_writes_them() {
        assert_eq!(grouped(20_000, Lang::Uk), "20\u{a0}000");
        assert_eq!(grouped(20_000, Lang::En), "20,000");
        assert_eq!(grouped(50, Lang::En), "50");
        assert_eq!(grouped(1_234_567, Lang::En), "1,234,567");
    }
}
