//! Hromada's HTTP side: the public catalogue and the operations endpoints.
//!
//! Architecture Invariant: a catalogue page never touches the database. The
//! catalogue is held in memory ([`CatalogueCell`]) and rebuilt when the
//! store's catalogue generation changes.

// The rooms, lowest floor first. Doors open one way (tests/tidy.rs checks it):
// features (public, resident, staff, account, operations) use the services (documents,
// notify, uploads, workflow), which use `access`, which uses `http`. The crate root
// (this file) composes them: it holds the state every request shares and the router.
mod http;

mod access;

mod documents;
mod notify;
mod uploads;
mod workflow;

mod account;
mod admin;
mod operations;
mod public;
mod resident;
mod staff;

pub use documents::keys;
pub use documents::{Issuing, issued_by, sign_document};

use std::sync::{Arc, RwLock};
use std::time::Duration;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::routing::get;
use hromada_domain::Lang;
use hromada_domain::auth::HashParams;
use hromada_domain::catalogue::Catalogue;
use hromada_domain::clock::{Clock, SystemClock};
use hromada_domain::definition::{ServiceDefinition, parse_definition};
use hromada_mail::Mailer;
use hromada_store::{Store, StoreError};
use tower_http::compression::CompressionLayer;

pub use access::session::SessionTimeouts;
pub use account::staff::{INVITATION_VALID_FOR, InviteError, invite as invite_staff};
pub use http::glossary::SOURCE as GLOSSARY_SOURCE;
pub use http::i18n::{I18n, Tr, message_ids};
pub use http::metrics::Metrics;
pub use notify::run_due_jobs;
pub use operations::MetricsToken;
pub use public::pulse::PulseSettings;
pub use resident::journey::expire_drafts;
pub use uploads::FileStore;
pub use workflow::action_text;

/// What the web needs to know about how it runs.
#[derive(Debug, Clone)]
pub struct WebSettings {
    /// The address people reach the installation at, without a trailing slash (links in e-mails).
    pub public_url: String,
    pub sessions: SessionTimeouts,
    /// Argon2id cost of new password hashes.
    pub password_params: HashParams,
    /// How many trusted reverse proxies stand in front (0: none; `X-Forwarded-For` is ignored).
    pub proxy_hops: u8,
    /// Show the "demo" banner on every page.
    pub demo: bool,
    /// Served over TLS (directly or behind a proxy): cookies get `Secure` and the `__Host-` prefix.
    pub secure_cookies: bool,
    /// Where uploaded files are kept (under `uploads/`).
    pub data_dir: std::path::PathBuf,
    pub uploads: UploadLimits,
    pub drafts: DraftPolicy,
    /// The public dashboard: the threshold below which counts are hidden.
    pub pulse: PulseSettings,
    /// The passphrase that encrypts the documents' signing keys at rest; without it no document is issued.
    pub keys_secret: Option<keys::KeysSecret>,
    pub metrics: MetricsAccess,
}

/// Who may read `/metrics`, and where. The default is open on the main address.
#[derive(Debug, Clone, Default)]
pub struct MetricsAccess {
    /// Answer only requests with `Authorization: Bearer <token>`; others get a 401.
    pub token: Option<MetricsToken>,
    /// Served only by [`metrics_router`] (on an address of its own), not by [`router`].
    pub own_listener: bool,
}

/// How much a resident may upload.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UploadLimits {
    /// One file (a field's own limit may be lower).
    pub file_bytes: u64,
    /// All files of one application together.
    pub application_bytes: u64,
}

impl Default for UploadLimits {
    fn default() -> Self {
        UploadLimits { file_bytes: 10 * 1024 * 1024, application_bytes: 25 * 1024 * 1024 }
    }
}

/// How long an untouched draft is kept, and when its owner is warned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DraftPolicy {
    pub keep: Duration,
    pub warn_before: Duration,
}

impl Default for DraftPolicy {
    fn default() -> Self {
        DraftPolicy { keep: Duration::from_secs(30 * 86_400), warn_before: Duration::from_secs(7 * 86_400) }
    }
}

/// Parsed definition versions, kept once read: a stored version never changes.
#[derive(Debug, Default)]
pub struct Definitions {
    parsed: RwLock<std::collections::HashMap<(String, i64), Arc<ServiceDefinition>>>,
}

impl Definitions {
    /// The definition of a stored version; `None` if there is no such version
    /// (or it no longer parses, which is logged).
    pub async fn get(&self, store: &dyn Store, slug: &str, version: i64) -> Result<Option<Arc<ServiceDefinition>>, StoreError> {
        let key = (slug.to_string(), version);
        if let Some(found) = self.parsed.read().ok().and_then(|m| m.get(&key).cloned()) {
            return Ok(Some(found));
        }
        let Some(stored) = store.service_version(slug, version).await? else { return Ok(None) };
        let Some(definition) = parse_definition(&stored.source, None).definition else {
            tracing::error!(service = slug, version, "a stored definition no longer parses");
            return Ok(None);
        };
        let definition = Arc::new(definition);
        if let Ok(mut map) = self.parsed.write() {
            map.insert(key, Arc::clone(&definition));
        }
        Ok(Some(definition))
    }
}

/// The catalogue in memory, swapped whole when it changes.
#[derive(Debug, Default)]
pub struct CatalogueCell {
    current: RwLock<(Arc<Catalogue>, i64)>,
}

impl CatalogueCell {
    pub fn get(&self) -> Arc<Catalogue> {
        match self.current.read() {
            Ok(guard) => Arc::clone(&guard.0),
            Err(poisoned) => Arc::clone(&poisoned.into_inner().0),
        }
    }

    fn generation(&self) -> i64 {
        match self.current.read() {
            Ok(guard) => guard.1,
            Err(poisoned) => poisoned.into_inner().1,
        }
    }

    fn set(&self, catalogue: Catalogue, generation: i64) {
        let value = (Arc::new(catalogue), generation);
        match self.current.write() {
            Ok(mut guard) => *guard = value,
            Err(poisoned) => *poisoned.into_inner() = value,
        }
    }
}

/// Shared state of every request.
#[derive(Clone)]
pub struct AppState {
    pub store: Arc<dyn Store>,
    pub mailer: Arc<dyn Mailer>,
    pub clock: Arc<dyn Clock>,
    pub catalogue: Arc<CatalogueCell>,
    pub i18n: Arc<I18n>,
    pub metrics: Arc<Metrics>,
    /// Tries of the job queue's jobs by kind and outcome, for `/metrics`.
    pub(crate) job_stats: Arc<notify::JobStats>,
    pub settings: Arc<WebSettings>,
    pub definitions: Arc<Definitions>,
    pub files: FileStore,
    /// Wakes this instance's job worker when something was queued.
    pub(crate) job_signal: Arc<tokio::sync::Notify>,
    /// The pulse's figures, computed from the store's roll-ups at most once a minute.
    pub(crate) pulse: Arc<public::pulse::PulseCache>,
    /// The communities' private signing keys (`<data_dir>/keys/`).
    pub(crate) keys: keys::KeyFolder,
    /// Who this instance is to the job queue (its id, kept in `<data_dir>/instance`).
    pub(crate) instance: Arc<notify::Instance>,
}

impl AppState {
    /// Load the messages and the catalogue; fails if either cannot be loaded.
    pub async fn new(store: Arc<dyn Store>, mailer: Arc<dyn Mailer>, settings: WebSettings) -> Result<AppState, StartError> {
        let i18n = Arc::new(I18n::load().map_err(StartError::Messages)?);
        let state = AppState {
            store,
            mailer,
            clock: Arc::new(SystemClock),
            catalogue: Arc::new(CatalogueCell::default()),
            i18n,
            metrics: Arc::new(Metrics::default()),
            job_stats: Arc::new(notify::JobStats::default()),
            files: FileStore::new(&settings.data_dir),
            job_signal: Arc::new(tokio::sync::Notify::new()),
            pulse: Arc::new(public::pulse::PulseCache::default()),
            keys: keys::KeyFolder::new(&settings.data_dir, settings.keys_secret.clone()),
            instance: Arc::new(notify::Instance::open(&settings.data_dir)),
            settings: Arc::new(settings),
            definitions: Arc::new(Definitions::default()),
        };
        state.reload_catalogue().await?;
        // Before any worker runs: what a crash of this instance left running is due again now.
        notify::take_back_own_jobs(&state).await;
        // TOTP secrets from before they were sealed are sealed now, when the passphrase is known.
        match keys::seal_clear_totp_secrets(state.store.as_ref(), state.settings.keys_secret.as_ref()).await {
            Ok(0) => {}
            Ok(sealed) => tracing::info!(sealed, "TOTP secrets kept in clear were sealed with keys_secret"),
            Err(error) => tracing::warn!(%error, "TOTP secrets left in clear"),
        }
        Ok(state)
    }

    /// Rebuild the in-memory catalogue from the store.
    pub async fn reload_catalogue(&self) -> Result<(), StoreError> {
        let generation = self.store.catalogue_generation().await?;
        let catalogue = load_catalogue(self.store.as_ref(), &self.i18n).await?;
        self.catalogue.set(catalogue, generation);
        Ok(())
    }

    /// Reload if definitions or offers changed since the last load (by this or another instance).
    pub async fn refresh_catalogue_if_changed(&self) -> Result<bool, StoreError> {
        let generation = self.store.catalogue_generation().await?;
        if generation == self.catalogue.generation() {
            return Ok(false);
        }
        self.reload_catalogue().await?;
        Ok(true)
    }

    /// Keep the catalogue fresh in the background: every `every`, one cheap query.
    pub fn spawn_catalogue_refresh(&self, every: Duration) -> tokio::task::JoinHandle<()> {
        let state = self.clone();
        tokio::spawn(async move {
            let mut ticker = tokio::time::interval(every);
            ticker.tick().await;
            loop {
                ticker.tick().await;
                match state.refresh_catalogue_if_changed().await {
                    Ok(true) => tracing::info!("catalogue reloaded"),
                    Ok(false) => {}
                    Err(error) => tracing::warn!(%error, "catalogue refresh failed; serving the last one"),
                }
            }
        })
    }
}

impl AppState {
    /// Every hour, drop expired sessions, links and throttle windows, warn about
    /// drafts that will expire, and delete expired drafts.
    pub fn spawn_housekeeping(&self) -> tokio::task::JoinHandle<()> {
        let state = self.clone();
        tokio::spawn(async move {
            let mut ticker = tokio::time::interval(Duration::from_secs(60 * 60));
            loop {
                ticker.tick().await;
                match state.store.purge_expired(state.clock.now()).await {
                    Ok(0) => {}
                    Ok(n) => tracing::info!(rows = n, "expired sessions and links removed"),
                    Err(error) => tracing::warn!(%error, "housekeeping failed; will try again in an hour"),
                }
                match resident::journey::expire_drafts(&state).await {
                    Ok((0, 0)) => {}
                    Ok((warned, files)) => tracing::info!(warned, files, "draft expiry: owners warned, files of expired drafts removed"),
                    Err(error) => tracing::warn!(%error, "draft expiry failed; will try again in an hour"),
                }
            }
        })
    }
}

#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error("the message catalogue is broken: {0}")]
    Messages(String),
    #[error(transparent)]
    Store(#[from] StoreError),
}

async fn load_catalogue(store: &dyn Store, i18n: &I18n) -> Result<Catalogue, StoreError> {
    let regions = store.regions().await?;
    let communities = store.communities().await?;
    let mut services = Vec::new();
    for stored in store.latest_services().await? {
        let parsed = parse_definition(&stored.source, None);
        match parsed.definition {
            Some(definition) => services.push((definition, stored.version)),
            None => {
                let first = parsed.errors().next().map(ToString::to_string).unwrap_or_default();
                tracing::error!(service = %stored.slug, version = stored.version, %first, "stored definition does not parse; left out of the catalogue");
            }
        }
    }
    let offers = store.offers().await?;
    let centres = store.service_centres().await?;
    Ok(Catalogue::new(regions, communities, services, &offers, centres, |d| keywords(i18n, d)))
}

/// Category and life-situation names in both languages, so that search finds them.
fn keywords(i18n: &I18n, definition: &ServiceDefinition) -> String {
    let mut words = Vec::new();
    for lang in Lang::ALL {
        words.push(i18n.msg(lang, &http::i18n::category_key(definition.category)));
        for situation in &definition.life_situations {
            words.push(i18n.msg(lang, &http::i18n::situation_key(*situation)));
        }
    }
    words.join(" ")
}

/// Every path the router answers, for tests that walk them all (the CSRF
/// layer covers every one of them and any added later, being a layer).
pub const ROUTES: &[&str] = &[
    "/",
    "/search",
    "/healthz",
    "/readyz",
    "/metrics",
    "/static/hromada.css",
    "/robots.txt",
    "/account",
    "/account/register",
    "/account/confirm",
    "/account/sign-in",
    "/account/sign-in/code",
    "/staff/welcome",
    "/staff/totp",
    "/staff/invite",
    "/account/sign-out",
    "/account/sign-out-everywhere",
    "/account/password",
    "/account/export",
    "/account/delete",
    "/account/forgot",
    "/account/reset",
    "/{community}",
    "/{community}/{service}",
    "/{community}/{service}/apply",
    "/{community}/centres/{id}",
    "/applications",
    "/applications/{id}",
    "/applications/{id}/page/{page}",
    "/applications/{id}/check",
    "/applications/{id}/submit",
    "/applications/{id}/done",
    "/applications/{id}/delete",
    "/applications/{id}/status",
    "/applications/{id}/opened",
    "/applications/{id}/reply",
    "/applications/{id}/withdraw",
    "/applications/{id}/files/{file}",
    "/applications/{id}/files/{file}/remove",
    "/track/{token}",
    "/staff/assist",
    "/applications/claim",
    "/applications/{id}/receipt",
    "/applications/{id}/survey",
    "/applications/notices/read",
    "/staff",
    "/staff/assign",
    "/staff/overview",
    "/staff/calendar",
    "/staff/cases/{id}",
    "/staff/cases/{id}/claim",
    "/staff/cases/{id}/note",
    "/staff/cases/{id}/message",
    "/staff/cases/{id}/act/{action}",
    "/staff/cases/{id}/files/{file}",
    "/staff/cases/{id}/documents/{file}",
    "/staff/cases/{id}/documents/{number}/revoke",
    "/applications/{id}/documents/{file}",
    "/documents",
    "/verify",
    "/.well-known/hromada-keys.json",
    "/pulse",
    "/pulse.csv",
    "/pulse.json",
    "/pulse/data",
    "/pulse/schema.json",
    "/pulse/{region}",
    "/{community}/pulse",
    "/{community}/pulse.csv",
    "/{community}/pulse.json",
    "/help",
    "/help/{guide}",
    "/accessibility",
    "/glossary",
    "/feedback",
    "/staff/feedback",
    "/admin/communities",
    "/admin/communities/{community}",
    "/admin/communities/{community}/centres",
    "/admin/communities/{community}/centres/new",
    "/admin/communities/{community}/centres/{id}",
    "/admin/communities/{community}/centres/{id}/delete",
    "/admin/communities/{community}/services",
    "/admin/communities/{community}/services/{service}",
    "/admin/communities/{community}/services/{service}/enable",
    "/admin/communities/{community}/services/{service}/withdraw",
];

/// `/metrics` alone, for an address of its own (setting `metrics_listen`);
/// anything else there is a plain 404.
pub fn metrics_router(state: AppState) -> Router {
    Router::new().route("/metrics", get(operations::metrics)).with_state(state)
}

/// The whole HTTP application (without `/metrics` when it has an address of its own).
pub fn router(state: AppState) -> Router {
    // Pages with uploads take a whole application's files at once, and a little more for the form.
    let body_limit = usize::try_from(state.settings.uploads.application_bytes).unwrap_or(usize::MAX).saturating_add(256 * 1024);
    let metrics = if state.settings.metrics.own_listener { get(http::render::not_found) } else { get(operations::metrics) };
    Router::new()
        .route("/", get(public::catalogue::home))
        .route("/search", get(public::catalogue::search))
        .route("/healthz", get(operations::healthz))
        .route("/readyz", get(operations::readyz))
        .route("/metrics", metrics)
        .route("/static/hromada.css", get(http::layout::stylesheet))
        .route("/robots.txt", get(http::layout::robots))
        .route("/account", get(account::overview))
        .route("/account/register", get(account::register_form).post(account::register))
        .route("/account/confirm", get(account::confirm))
        .route("/account/sign-in", get(account::sign_in_form).post(account::sign_in))
        .route("/account/sign-out", axum::routing::post(account::sign_out))
        .route("/account/sign-out-everywhere", axum::routing::post(account::sign_out_everywhere))
        .route("/account/sign-in/code", get(account::staff::code_form).post(account::staff::code))
        .route("/staff/welcome", get(account::staff::welcome_form).post(account::staff::welcome))
        .route("/staff/totp", get(account::staff::totp_form).post(account::staff::totp_enrol))
        .route("/staff/invite", get(account::staff::invite_form).post(account::staff::invite_staff))
        .route("/account/password", get(account::password_form).post(account::change_password))
        .route("/account/export", get(account::export))
        .route("/account/delete", get(account::delete_form).post(account::delete))
        .route("/account/forgot", get(account::forgot_form).post(account::forgot))
        .route("/account/reset", get(account::reset_form).post(account::reset))
        .route("/{community}", get(public::catalogue::community))
        .route("/{community}/{service}", get(public::catalogue::service))
        .route("/{community}/{service}/apply", get(resident::journey::start_page).post(resident::journey::start))
        .route("/{community}/centres/{id}", get(public::centres::page))
        .route("/applications", get(resident::journey::applications))
        .route("/applications/notices/read", axum::routing::post(resident::journey::mark_notices_read))
        .route("/applications/{id}", get(resident::journey::resume))
        .route(
            "/applications/{id}/page/{page}",
            get(resident::journey::question).post(resident::journey::answer).layer(DefaultBodyLimit::max(body_limit)),
        )
        .route("/applications/{id}/check", get(resident::journey::check))
        .route("/applications/{id}/submit", axum::routing::post(resident::journey::submit))
        .route("/applications/{id}/done", get(resident::journey::done))
        .route("/applications/{id}/delete", get(resident::journey::delete_form).post(resident::journey::delete))
        .route("/applications/{id}/status", get(resident::casefile::status))
        .route("/applications/{id}/opened", get(resident::casefile::opened))
        .route("/applications/{id}/reply", axum::routing::post(resident::casefile::reply).layer(DefaultBodyLimit::max(body_limit)))
        .route("/applications/{id}/withdraw", get(resident::casefile::withdraw_form).post(resident::casefile::withdraw))
        .route("/applications/{id}/files/{file}", get(resident::casefile::download))
        .route("/applications/{id}/files/{file}/remove", axum::routing::post(resident::journey::remove_file))
        .route("/track/{token}", get(resident::casefile::track).post(resident::casefile::track_switch))
        .route("/staff/assist", get(staff::assist::form).post(staff::assist::submit))
        .route("/applications/claim", get(staff::assist::claim_form).post(staff::assist::claim))
        .route("/applications/{id}/receipt", get(staff::assist::receipt).post(staff::assist::issue_code))
        .route("/applications/{id}/survey", axum::routing::post(resident::survey::answer))
        .route("/staff", get(staff::backoffice::queue))
        .route("/staff/assign", axum::routing::post(staff::backoffice::assign))
        .route("/staff/overview", get(staff::backoffice::overview))
        .route("/staff/calendar", get(staff::backoffice::calendar).post(staff::backoffice::calendar_change))
        .route("/staff/cases/{id}", get(staff::backoffice::case_page))
        .route("/staff/cases/{id}/claim", axum::routing::post(staff::backoffice::claim))
        .route("/staff/cases/{id}/note", axum::routing::post(staff::backoffice::note))
        .route("/staff/cases/{id}/message", axum::routing::post(staff::backoffice::message))
        .route(
            "/staff/cases/{id}/act/{action}",
            get(staff::backoffice::action_get).post(staff::backoffice::action_post).layer(DefaultBodyLimit::max(body_limit)),
        )
        .route("/staff/cases/{id}/files/{file}", get(staff::backoffice::file))
        .route("/staff/cases/{id}/documents/{file}", get(documents::staff_document))
        .route("/staff/cases/{id}/documents/{number}/revoke", get(documents::revoke_form).post(documents::revoke))
        .route("/applications/{id}/documents/{file}", get(documents::resident_document))
        .route("/documents", get(documents::mine))
        .route("/verify", get(documents::verify))
        .route("/.well-known/hromada-keys.json", get(documents::keys_json))
        .route("/pulse", get(public::pulse::installation))
        .route("/pulse.csv", get(public::pulse::installation_csv))
        .route("/pulse.json", get(public::pulse::installation_json))
        .route("/pulse/data", get(public::pulse::data_page))
        .route("/pulse/schema.json", get(public::pulse::schema))
        .route("/pulse/{region}", get(public::pulse::region))
        .route("/{community}/pulse", get(public::pulse::community))
        .route("/{community}/pulse.csv", get(public::pulse::community_csv))
        .route("/{community}/pulse.json", get(public::pulse::community_json))
        .route("/help", get(public::help::index))
        .route("/help/{guide}", get(public::help::guide))
        .route("/accessibility", get(public::help::statement))
        .route("/glossary", get(public::glossary::page))
        .route("/feedback", axum::routing::post(public::feedback::answer))
        .route("/staff/feedback", get(staff::feedback::comments))
        .route("/admin/communities", get(admin::community::index))
        .route("/admin/communities/{community}", get(admin::community::profile).post(admin::community::profile_save))
        .route("/admin/communities/{community}/centres", get(admin::centres::list))
        .route("/admin/communities/{community}/centres/new", get(admin::centres::new_form).post(admin::centres::add))
        .route("/admin/communities/{community}/centres/{id}", get(admin::centres::edit_form).post(admin::centres::change))
        .route("/admin/communities/{community}/centres/{id}/delete", get(admin::centres::delete_form).post(admin::centres::delete))
        .route("/admin/communities/{community}/services", get(admin::offers::list))
        .route("/admin/communities/{community}/services/{service}", get(admin::offers::details).post(admin::offers::details_save))
        .route("/admin/communities/{community}/services/{service}/enable", axum::routing::post(admin::offers::enable))
        .route("/admin/communities/{community}/services/{service}/withdraw", axum::routing::post(admin::offers::withdraw))
        .route("/admin/regions", get(admin::installation::regions))
        .route("/admin/regions/new", get(admin::installation::new_region_form).post(admin::installation::add_region))
        .route("/admin/regions/{region}/edit", get(admin::installation::edit_region_form).post(admin::installation::edit_region))
        .route("/admin/installation", get(admin::installation::settings).post(admin::installation::save_settings))
        .route("/admin/regions/{region}/communities", get(admin::region::communities))
        .route("/admin/regions/{region}/communities/new", get(admin::region::new_community_form).post(admin::region::add_community))
        .route(
            "/admin/regions/{region}/communities/{community}/edit",
            get(admin::region::edit_community_form).post(admin::region::edit_community),
        )
        .route("/admin/regions/{region}/communities/{community}/publish", get(admin::region::publish_form).post(admin::region::publish))
        .route(
            "/admin/regions/{region}/communities/{community}/unpublish",
            get(admin::region::unpublish_form).post(admin::region::unpublish),
        )
        .fallback(http::render::not_found)
        .layer(axum::middleware::from_fn_with_state(state.clone(), http::csrf::protect))
        .layer(axum::middleware::from_fn_with_state(state.clone(), http::render::error_pages))
        .layer(axum::middleware::from_fn_with_state(state.clone(), http::layout::every_response))
        .layer(axum::middleware::from_fn_with_state(state.clone(), http::metrics::track))
        .layer(CompressionLayer::new())
        .with_state(state)
}
