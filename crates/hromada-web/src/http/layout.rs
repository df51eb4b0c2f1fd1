//! What every page shares: the reader's language, the layout's data, the
//! stylesheet, and the headers every response carries.

use std::sync::OnceLock;

use axum::extract::{FromRequestParts, Request, State};
use axum::http::Uri;
use axum::http::header::{self, HeaderMap, HeaderValue};
use axum::http::request::Parts;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use hromada_domain::Lang;
use hromada_domain::clock::kyiv_time;
use hromada_domain::place::{CentreKind, ServiceCentre};

use crate::AppState;
use crate::http::i18n::{Tr, open_now, today_hours};
use crate::http::url::{cookie, form_urlencoded_pairs, percent_encode};

const LANG_COOKIE: &str = "lang";
/// A hint for the header, set when a staff member passes their second factor
/// and cleared by every other sign-in and by signing out: it shows the links
/// of their work instead of a resident's. It opens nothing (every staff page
/// checks the session), and it keeps public pages from reading the session.
const NAV_COOKIE: &str = "hromada_nav";
const CSS: &str = include_str!("../../static/hromada.css");

/// The reader's language and where they are, for the language switch.
#[derive(Debug, Clone)]
pub struct Ui {
    pub lang: Lang,
    pub path: String,
    /// Query pairs other than `lang`, already decoded.
    pub query: Vec<(String, String)>,
    /// The header shows a staff member's links (their work queue) rather than
    /// a resident's: see `NAV_COOKIE`.
    pub staff_nav: bool,
}

impl<S: Send + Sync> FromRequestParts<S> for Ui {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Ui, Self::Rejection> {
        Ok(ui_of(parts))
    }
}

pub(crate) fn ui_of(parts: &Parts) -> Ui {
    ui_from(&parts.uri, &parts.headers)
}

/// The reader's language and place, from the address asked for and the cookies sent.
pub(crate) fn ui_from(uri: &Uri, headers: &HeaderMap) -> Ui {
    let pairs: Vec<(String, String)> = uri.query().map(form_urlencoded_pairs).unwrap_or_default();
    let from_query = pairs.iter().find(|(k, _)| k == "lang").and_then(|(_, v)| Lang::parse(v));
    let lang = from_query.or_else(|| lang_cookie(headers)).unwrap_or_default();
    Ui {
        lang,
        path: uri.path().to_string(),
        query: pairs.into_iter().filter(|(k, _)| k != "lang").collect(),
        staff_nav: cookie(headers, NAV_COOKIE) == Some("staff"),
    }
}

/// The `Set-Cookie` value of the header's hint: a staff member's links, or
/// (`staff` false) a resident's, which removes it.
pub fn nav_cookie(staff: bool, secure: bool) -> HeaderValue {
    let secure = if secure { "; Secure" } else { "" };
    let value = if staff { "staff; Path=/" } else { "; Path=/; Max-Age=0" };
    HeaderValue::from_str(&format!("{NAV_COOKIE}={value}; HttpOnly; SameSite=Lax{secure}")).unwrap_or(HeaderValue::from_static(""))
}

fn lang_cookie(headers: &HeaderMap) -> Option<Lang> {
    cookie(headers, LANG_COOKIE).and_then(Lang::parse)
}

impl Ui {
    /// This page in the other language.
    pub fn switch_href(&self) -> String {
        let mut href = self.path.clone();
        href.push_str("?lang=");
        href.push_str(self.lang.other().code());
        for (k, v) in &self.query {
            href.push('&');
            href.push_str(&percent_encode(k));
            href.push('=');
            href.push_str(&percent_encode(v));
        }
        href
    }

    pub fn param(&self, name: &str) -> Option<&str> {
        self.query.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }
}

/// The layout's data, shared by every page template.
pub struct Base<'a> {
    pub t: Tr<'a>,
    pub title: String,
    pub switch_href: String,
    pub demo: bool,
    pub css: &'static str,
    /// Breadcrumbs (href, label), the current page not included.
    pub crumbs: Vec<(String, String)>,
    /// The page reports an error: its title starts with "Error: ".
    pub error: bool,
    /// A "Back" link shown above `<main>` (GOV.UK's back link), if the page has one.
    pub back_href: Option<String>,
    /// The header links to a staff member's work instead of a resident's applications.
    pub staff_nav: bool,
    /// "Was this page useful?" at the foot of a resident page of a service.
    pub feedback: Option<FeedbackForm>,
    /// "Need help?": the community's service centres, on every resident page
    /// in a community's context (`templates/need_help.html`, after `<main>`).
    pub help: Option<NeedHelp>,
}

/// "Need help?" of a community: its ЦНАП in full, its remote workplaces in a
/// disclosure, each with today's hours in Kyiv time, and the community's e-mail.
#[derive(Debug, Clone, Default)]
pub struct NeedHelp {
    /// The ЦНАП (centres of kind `Main`).
    pub main: Vec<CentreToday>,
    /// Remote workplaces.
    pub remote: Vec<CentreToday>,
    /// "2 віддалені робочі місця", the disclosure's summary.
    pub remote_summary: String,
    pub phone: String,
    pub phone_href: String,
    pub email: String,
}

/// A service centre as "Need help?" shows it.
#[derive(Debug, Clone)]
pub struct CentreToday {
    /// Its page (`/{community}/centres/{id}`).
    pub href: String,
    pub name: String,
    pub address: String,
    /// "Сьогодні 8:00–17:00, перерва 12:00–13:00", "Сьогодні зачинено".
    pub today: String,
    /// "зараз відчинено", "перерва до 13:00", … (empty on a closed day).
    pub now: String,
    pub phone: String,
    pub phone_href: String,
}

/// A phone number as a `tel:` address: its digits and a leading `+`.
pub fn tel_href(phone: &str) -> String {
    phone.chars().filter(|ch| ch.is_ascii_digit() || *ch == '+').collect()
}

/// The address of a service centre's page.
pub fn centre_href(centre: &ServiceCentre) -> String {
    format!("/{}/centres/{}", centre.community_slug, centre.id)
}

/// A centre's hours today and whether it is open now, at `now` in Kyiv time.
pub fn centre_today(t: &Tr<'_>, centre: &ServiceCentre, now: time::OffsetDateTime) -> CentreToday {
    let kyiv = kyiv_time(now);
    let minute = u16::from(kyiv.hour()) * 60 + u16::from(kyiv.minute());
    CentreToday {
        href: centre_href(centre),
        name: centre.name.get(t.lang).to_string(),
        address: centre.address.get(t.lang).to_string(),
        today: today_hours(t, &centre.hours, kyiv.weekday()),
        now: open_now(t, centre.hours.day(kyiv.weekday()), minute),
        phone: centre.phone.clone(),
        phone_href: tel_href(&centre.phone),
    }
}

/// "Need help?" for a page of the published community `community_slug`, by
/// the server's clock; none for a community residents cannot see.
pub fn need_help(state: &AppState, lang: Lang, community_slug: &str) -> Option<NeedHelp> {
    let catalogue = state.catalogue.get();
    let community = catalogue.community(community_slug)?;
    let t = Tr { i18n: &state.i18n, lang };
    let now = state.clock.now();
    let (main, remote): (Vec<&ServiceCentre>, Vec<&ServiceCentre>) =
        catalogue.centres_of(community_slug).iter().partition(|c| c.kind == CentreKind::Main);
    Some(NeedHelp {
        main: main.into_iter().map(|c| centre_today(&t, c, now)).collect(),
        remote_summary: t.count("need-help-remote", "count", remote.len() as i64),
        remote: remote.into_iter().map(|c| centre_today(&t, c, now)).collect(),
        phone: community.phone.clone(),
        phone_href: tel_href(&community.phone),
        email: community.email.clone(),
    })
}

/// The "Was this page useful?" form (`templates/feedback.html`): which page
/// it is about (a page key, never the address with a case id), where to come
/// back to, and, when it was refused, what was typed and what was wrong.
#[derive(Debug, Clone, Default)]
pub struct FeedbackForm {
    pub page: String,
    /// A local path to come back to after answering.
    pub back: String,
    pub csrf: String,
    /// "yes", "no" or nothing chosen.
    pub useful: String,
    pub comment: String,
    pub useful_error: Option<String>,
    pub comment_error: Option<String>,
    /// On its own page (after a refusal): the page's heading asks the question.
    pub standalone: bool,
}

impl FeedbackForm {
    /// The form about the page `page` (a `hromada_domain::feedback::PageKey`), coming back to `back`.
    pub fn about(page: &hromada_domain::feedback::PageKey, back: String, csrf: &str) -> Option<FeedbackForm> {
        Some(FeedbackForm::new(page.to_string(), back, csrf))
    }

    pub fn new(page: String, back: String, csrf: &str) -> FeedbackForm {
        FeedbackForm { page, back, csrf: csrf.to_string(), ..FeedbackForm::default() }
    }

    /// The ids of what describes the comment box.
    pub fn comment_described_by(&self) -> String {
        if self.comment_error.is_some() { "feedback-comment-hint feedback-comment-error".into() } else { "feedback-comment-hint".into() }
    }
}

/// A page key of "Was this page useful?" in words: "Check your answers",
/// "Question: About you" (the title of the page in the service's latest
/// version — the one every community offers, published or not, or offered once).
pub fn feedback_page_label(state: &AppState, t: &Tr<'_>, key: &str) -> String {
    let Some(key) = hromada_domain::feedback::PageKey::parse(key) else { return key.to_string() };
    match key.question_id() {
        Some(id) => {
            let catalogue = state.catalogue.get();
            let title = catalogue
                .service(&key.service)
                .and_then(|s| s.definition.pages.iter().find(|p| p.id == id).map(|p| p.title.get(t.lang).to_string()))
                .unwrap_or_else(|| id.to_string());
            t.with("feedback-page-question", "title", &title)
        }
        None => match key.page.as_str() {
            "start" => t.msg("feedback-page-start"),
            "check" => t.msg("feedback-page-check"),
            "confirmation" => t.msg("feedback-page-confirmation"),
            _ => t.msg("feedback-page-status"),
        },
    }
}

impl<'a> Base<'a> {
    /// The layout of a resident page in the community `community_slug`'s context: with "Need help?".
    pub fn in_community(state: &'a AppState, ui: &Ui, title: String, community_slug: &str) -> Base<'a> {
        Base { help: need_help(state, ui.lang, community_slug), ..Base::new(state, ui, title) }
    }

    pub fn new(state: &'a AppState, ui: &Ui, title: String) -> Base<'a> {
        Base {
            t: Tr { i18n: &state.i18n, lang: ui.lang },
            title,
            switch_href: ui.switch_href(),
            demo: state.settings.demo,
            css: css_href(),
            crumbs: Vec::new(),
            error: false,
            back_href: None,
            staff_nav: ui.staff_nav,
            feedback: None,
            help: None,
        }
    }
}

/// The stylesheet's URL, versioned by its content so browsers can keep it for a year.
fn css_href() -> &'static str {
    static HREF: OnceLock<String> = OnceLock::new();
    HREF.get_or_init(|| {
        // FNV-1a: stable across builds and platforms, enough to tell versions apart.
        let hash = CSS.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3));
        format!("/static/hromada.css?v={:08x}", hash as u32)
    })
}

pub async fn stylesheet() -> Response {
    (
        [
            (header::CONTENT_TYPE, HeaderValue::from_static("text/css; charset=utf-8")),
            (header::CACHE_CONTROL, HeaderValue::from_static("public, max-age=31536000, immutable")),
        ],
        CSS,
    )
        .into_response()
}

pub async fn robots() -> Response {
    ([(header::CONTENT_TYPE, HeaderValue::from_static("text/plain; charset=utf-8"))], "User-agent: *\nAllow: /\n").into_response()
}

/// Security headers on every response, and the language cookie when the reader switched.
pub async fn every_response(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let (parts, body) = request.into_parts();
    let switched =
        parts.uri.query().and_then(|q| form_urlencoded_pairs(q).into_iter().find(|(k, _)| k == "lang")).and_then(|(_, v)| Lang::parse(&v));
    let mut response = next.run(Request::from_parts(parts, body)).await;
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
        ),
    );
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    // A page may ask for a stricter one: an address with a secret in it (a tracking link) sends no referrer at all.
    headers.entry(header::REFERRER_POLICY).or_insert(HeaderValue::from_static("same-origin"));
    headers.insert(
        header::HeaderName::from_static("permissions-policy"),
        HeaderValue::from_static("camera=(), microphone=(), geolocation=(), payment=()"),
    );
    if state.settings.secure_cookies {
        headers.insert(header::STRICT_TRANSPORT_SECURITY, HeaderValue::from_static("max-age=31536000; includeSubDomains"));
    }
    if let Some(lang) = switched
        && let Ok(cookie) =
            HeaderValue::from_str(&format!("{LANG_COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax; HttpOnly", lang.code()))
    {
        headers.append(header::SET_COOKIE, cookie);
    }
    let is_html = headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).is_some_and(|v| v.starts_with("text/html"));
    if is_html {
        headers.insert(header::VARY, HeaderValue::from_static("Cookie, Accept-Encoding"));
        headers.entry(header::CACHE_CONTROL).or_insert(HeaderValue::from_static("no-cache"));
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {

        /// A cookie header of any shape yields a language or none, never a panic.
        #[test]
        fn cookie_headers_of_any_shape(raw in "[ -~]{0,200}") {
            let mut headers = HeaderMap::new();
            if let Ok(v) = HeaderValue::from_str(&raw) {
                headers.insert(header::COOKIE, v);
            }
            let _ = lang_cookie(&headers);
        }
    }
}
