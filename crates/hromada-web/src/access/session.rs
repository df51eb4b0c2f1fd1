//! Server-side sessions. The cookie holds a 256-bit random id; the store keeps
//! only its SHA-256. A session ends when it has been idle too long or is too
//! old, whichever comes first; staff sessions are shorter.

use std::time::Duration;

use axum::extract::FromRequestParts;
use axum::http::header::{HeaderMap, HeaderValue};
use axum::http::request::Parts;
use hromada_domain::account::{Account, SessionRecord};
use hromada_domain::auth::SecretToken;
use time::OffsetDateTime;

use crate::AppState;
use crate::http::layout::nav_cookie;
use crate::http::render::Reject;
use crate::http::secret::random;
use crate::http::url::cookie;

/// How long sessions last.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SessionTimeouts {
    pub resident_idle: Duration,
    pub resident_absolute: Duration,
    pub staff_idle: Duration,
    pub staff_absolute: Duration,
}

impl Default for SessionTimeouts {
    fn default() -> Self {
        SessionTimeouts {
            resident_idle: Duration::from_secs(60 * 60),
            resident_absolute: Duration::from_secs(12 * 60 * 60),
            staff_idle: Duration::from_secs(15 * 60),
            staff_absolute: Duration::from_secs(8 * 60 * 60),
        }
    }
}

impl SessionTimeouts {
    fn for_account(&self, account: &Account) -> (Duration, Duration) {
        if account.is_staff { (self.staff_idle, self.staff_absolute) } else { (self.resident_idle, self.resident_absolute) }
    }
}

/// A session is touched (its idle time-out pushed back) at most this often, to spare the writer.
const TOUCH_EVERY: Duration = Duration::from_secs(60);

pub fn cookie_name(secure: bool) -> &'static str {
    if secure { "__Host-hromada_session" } else { "hromada_session" }
}

/// Who is asking: a signed-in account with its live session, or nobody.
///
/// A staff session that has passed the password but not yet its second factor
/// is not signed in: it is kept apart in `second_factor_pending`, which only
/// the second step itself (enrolling, typing the code) and signing out of
/// this browser look at. Every other page sees nobody signed in, so that such
/// a session can do nothing with the account (change its password, end its
/// other sessions, export or delete it) until the second factor is passed.
#[derive(Debug, Clone, Default)]
pub struct Visitor {
    /// Signed in all the way: a resident, or staff after their second factor.
    pub signed_in: Option<SignedIn>,
    /// A staff session that still owes its second factor.
    pub second_factor_pending: Option<SignedIn>,
}

impl Visitor {
    /// This browser's session, whatever step of signing in it is at: the one a
    /// new sign-in replaces, or signing out ends.
    pub fn session(&self) -> Option<&SignedIn> {
        self.signed_in.as_ref().or(self.second_factor_pending.as_ref())
    }
}

#[derive(Debug, Clone)]
pub struct SignedIn {
    pub account: Account,
    pub session: SessionRecord,
}

impl FromRequestParts<AppState> for Visitor {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Visitor, Self::Rejection> {
        if let Some(visitor) = parts.extensions.get::<Visitor>() {
            return Ok(visitor.clone());
        }
        let visitor = find_visitor(&parts.headers, state).await;
        parts.extensions.insert(visitor.clone());
        Ok(visitor)
    }
}

async fn find_visitor(headers: &HeaderMap, state: &AppState) -> Visitor {
    let Some(token) = cookie(headers, cookie_name(state.settings.secure_cookies)).and_then(SecretToken::parse) else {
        return Visitor::default();
    };
    let now = state.clock.now();
    let hash = token.hash();
    let session = match state.store.session_by_hash(&hash, now).await {
        Ok(Some(s)) if s.is_live(now) => s,
        Ok(_) => return Visitor::default(),
        Err(error) => {
            tracing::warn!(%error, "session lookup failed; treating the visitor as signed out");
            return Visitor::default();
        }
    };
    let account = match state.store.account(session.account).await {
        Ok(Some(a)) if a.deleted_at.is_none() => a,
        _ => return Visitor::default(),
    };
    let mut session = session;
    if now - session.last_seen_at >= TOUCH_EVERY {
        let (idle, _) = state.settings.sessions.for_account(&account);
        let idle_expires_at = (now + idle).min(session.absolute_expires_at);
        if state.store.touch_session(&hash, now, idle_expires_at).await.is_ok() {
            session.last_seen_at = now;
            session.idle_expires_at = idle_expires_at;
        }
    }
    let pending = account.is_staff && !session.second_factor_done;
    let found = Some(SignedIn { account, session });
    if pending {
        Visitor { signed_in: None, second_factor_pending: found }
    } else {
        Visitor { signed_in: found, second_factor_pending: None }
    }
}

/// A new session for `account`; the old one (if any) is replaced, so the id
/// changes at sign-in. Returns the `Set-Cookie` values (the session's, and the
/// header's hint, which only a staff session past its second factor sets).
pub async fn start(state: &AppState, account: &Account, replacing: Option<&str>, now: OffsetDateTime) -> Result<[HeaderValue; 2], Reject> {
    start_with(state, account, replacing, now, false).await
}

/// As [`start`]; `second_factor_done` marks a staff session that passed its TOTP
/// (a change of privilege, so it always gets a new id too).
pub async fn start_with(
    state: &AppState,
    account: &Account,
    replacing: Option<&str>,
    now: OffsetDateTime,
    second_factor_done: bool,
) -> Result<[HeaderValue; 2], Reject> {
    // No random bytes, no session: never an id anyone could guess.
    let token = SecretToken::from_bytes(random()?);
    let (idle, absolute) = state.settings.sessions.for_account(account);
    let record = SessionRecord {
        id_hash: token.hash(),
        account: account.id,
        created_at: now,
        last_seen_at: now,
        idle_expires_at: now + idle,
        absolute_expires_at: now + absolute,
        second_factor_done,
    };
    match replacing {
        Some(old) => state.store.replace_session(old, &record).await?,
        None => state.store.create_session(&record).await?,
    }
    let secure = if state.settings.secure_cookies { "; Secure" } else { "" };
    let session =
        HeaderValue::from_str(&format!("{}={token}; Path=/; HttpOnly; SameSite=Lax{secure}", cookie_name(state.settings.secure_cookies)))
            .map_err(Reject::unavailable)?;
    Ok([session, nav_cookie(account.is_staff && second_factor_done, state.settings.secure_cookies)])
}

/// The `Set-Cookie` values that remove the session cookie and the header's hint.
pub fn clear_cookie(secure: bool) -> [HeaderValue; 2] {
    let value = if secure {
        "__Host-hromada_session=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax; Secure"
    } else {
        "hromada_session=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax"
    };
    [HeaderValue::from_static(value), nav_cookie(false, secure)]
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use axum::body::Body;
    use axum::http::{Request, StatusCode, header};
    use hromada_domain::account::NewAccount;
    use tower::ServiceExt;

    use super::*;
    use crate::http::secret::fail_in_this_thread;

    async fn state(dir: &hromada_store::testing::TempDir) -> (AppState, hromada_store::testing::TestDb) {
        let db = hromada_store::testing::TestDb::sqlite().await;
        let mailer = Arc::new(hromada_mail::SmtpMailer::new("smtp://127.0.0.1:9", "Hromada <noreply@hromada.test>").unwrap());
        let settings = crate::WebSettings {
            public_url: "http://hromada.test".into(),
            sessions: SessionTimeouts::default(),
            password_params: hromada_domain::auth::HashParams::fast_for_tests(),
            proxy_hops: 0,
            demo: false,
            secure_cookies: false,
            data_dir: dir.path().to_path_buf(),
            uploads: crate::UploadLimits::default(),
            drafts: crate::DraftPolicy::default(),
            pulse: crate::PulseSettings::default(),
            keys_secret: None,
            metrics: crate::MetricsAccess::default(),
        };
        (AppState::new(Arc::clone(&db.store), mailer, settings).await.unwrap(), db)
    }

    /// Without the system's generator nothing secret is made: no session, no
    /// CSRF token, and the page that would embed one is the 503 page.
    #[tokio::test]
    async fn without_randomness_no_session_nor_form_token_is_made() {
        let dir = hromada_store::testing::TempDir::new();
        let (state, _db) = state(&dir).await;
        let now = state.clock.now();
        let account = state
            .store
            .create_account(&NewAccount {
                email: "olena@example.org".into(),
                display_name: "Олена".into(),
                password_hash: None,
                is_staff: false,
                preferred_lang: hromada_domain::Lang::Uk,
                created_at: now,
            })
            .await
            .unwrap();
        fail_in_this_thread(true);
        let started = start(&state, &account, None, now).await;
        let page = crate::router(state.clone()).oneshot(Request::get("/account/sign-in").body(Body::empty()).unwrap()).await.unwrap();
        fail_in_this_thread(false);
        assert!(started.is_err(), "a session needs random bytes");
        assert!(state.store.sessions_of(account.id, now).await.unwrap().is_empty(), "and none was stored");
        assert_eq!(page.status(), StatusCode::SERVICE_UNAVAILABLE, "a form needs its token");
        assert!(page.headers().get(header::SET_COOKIE).is_none(), "no token is handed out");
        // With the generator back, the same page works.
        let page = crate::router(state.clone()).oneshot(Request::get("/account/sign-in").body(Body::empty()).unwrap()).await.unwrap();
        assert_eq!(page.status(), StatusCode::OK);
    }
}
