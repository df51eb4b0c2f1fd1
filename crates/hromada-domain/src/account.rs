//! Accounts as the store keeps them: residents and staff, staff roles and
//! their scopes, server-side sessions, e-mailed single-use tokens, TOTP and
//! throttling. Plain data: the rules (hashing, TOTP codes, time-outs) live in
//! `auth` and in the web layer; the store keeps only what it is given.
//!
//! Secrets never appear here in the clear: a session or e-mailed token is
//! known only by the SHA-256 hex of its text, a password by its PHC hash
//! string, a recovery code by its hash. The TOTP secret is the exception (a
//! code cannot be checked without it).

use std::fmt;

use time::OffsetDateTime;

use crate::Lang;

/// The number an account is known by (the store gives it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct AccountId(pub i64);

impl fmt::Display for AccountId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// The form in which an e-mail address is stored and looked up: trimmed and
/// lower-cased (the whole address, so `Olena@Ukr.net` and `olena@ukr.net`
/// are one account).
pub fn canonical_email(email: &str) -> String {
    email.trim().to_lowercase()
}

/// The e-mail a deleted account keeps: unique, and never a deliverable
/// address (the `invalid` top-level domain of RFC 2606; the e-mail parser
/// refuses a domain of one label, so nobody can register it).
pub fn tombstone_email(id: AccountId) -> String {
    format!("deleted-{id}@invalid")
}

/// A resident or a staff member.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Account {
    pub id: AccountId,
    /// Canonical ([`canonical_email`]); unique among accounts.
    pub email: String,
    pub display_name: String,
    /// The Argon2id PHC string; `None` for an invited staff member who has not
    /// chosen a password yet, and for a deleted account.
    pub password_hash: Option<String>,
    pub email_confirmed_at: Option<OffsetDateTime>,
    /// Staff sign in with a second factor and have shorter time-outs. Granting
    /// a role makes an account staff.
    pub is_staff: bool,
    pub preferred_lang: Lang,
    pub created_at: OffsetDateTime,
    /// Set when the resident deleted the account: its personal details are gone
    /// and its e-mail is a tombstone ([`tombstone_email`]).
    pub deleted_at: Option<OffsetDateTime>,
}

/// What registration or an invitation gives to make an account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewAccount {
    /// Stored in canonical form whatever its case.
    pub email: String,
    pub display_name: String,
    pub password_hash: Option<String>,
    pub is_staff: bool,
    pub preferred_lang: Lang,
    pub created_at: OffsetDateTime,
}

/// A staff role. Codes are those the workflow of a service definition uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Role {
    Operator,
    Officer,
    Supervisor,
    CommunityAdmin,
    RegionalAdmin,
    Auditor,
    /// Runs the installation: its regions and their administrators.
    InstallationAdmin,
}

impl Role {
    pub const ALL: [Role; 7] = [
        Role::Operator,
        Role::Officer,
        Role::Supervisor,
        Role::CommunityAdmin,
        Role::RegionalAdmin,
        Role::Auditor,
        Role::InstallationAdmin,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Role::Operator => "operator",
            Role::Officer => "officer",
            Role::Supervisor => "supervisor",
            Role::CommunityAdmin => "community_admin",
            Role::RegionalAdmin => "regional_admin",
            Role::Auditor => "auditor",
            Role::InstallationAdmin => "installation_admin",
        }
    }

    /// The role of a code as [`Role::code`] writes it, exactly.
    pub fn parse(code: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|role| role.code() == code)
    }
}

/// Where a role applies: one community, every community of a region, or the
/// whole installation (its administrators only).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Scope {
    /// A community's slug.
    Community(String),
    /// A region's slug.
    Region(String),
    /// Everything this installation holds.
    Installation,
}

impl Scope {
    /// `community` or `region`.
    pub fn kind(&self) -> &'static str {
        match self {
            Scope::Community(_) => "community",
            Scope::Region(_) => "region",
            Scope::Installation => "installation",
        }
    }

    pub fn slug(&self) -> &str {
        match self {
            Scope::Community(slug) | Scope::Region(slug) => slug,
            Scope::Installation => "",
        }
    }

    /// The scope of a kind as [`Scope::kind`] writes it and a slug.
    pub fn parse(kind: &str, slug: &str) -> Option<Scope> {
        match kind {
            "community" => Some(Scope::Community(slug.to_string())),
            "region" => Some(Scope::Region(slug.to_string())),
            "installation" if slug.is_empty() => Some(Scope::Installation),
            _ => None,
        }
    }
}

/// One role one account holds in one scope.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoleGrant {
    pub account: AccountId,
    pub role: Role,
    pub scope: Scope,
    /// The administrator who granted it; `None` for the first administrator
    /// (made from the command line).
    pub granted_by: Option<AccountId>,
    pub granted_at: OffsetDateTime,
}

/// A server-side session. The cookie holds the id; the store keeps only
/// `id_hash`, the SHA-256 hex of the id's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionRecord {
    pub id_hash: String,
    pub account: AccountId,
    pub created_at: OffsetDateTime,
    pub last_seen_at: OffsetDateTime,
    /// The session ends here unless it is used (and touched) before.
    pub idle_expires_at: OffsetDateTime,
    /// The session ends here however much it is used.
    pub absolute_expires_at: OffsetDateTime,
    /// The second factor (TOTP or a recovery code) was given for this session.
    pub second_factor_done: bool,
}

impl SessionRecord {
    /// Live at `now`: neither time-out has passed.
    pub fn is_live(&self, now: OffsetDateTime) -> bool {
        now < self.idle_expires_at && now < self.absolute_expires_at
    }
}

/// What an e-mailed token is for; a token is accepted only for its purpose.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TokenPurpose {
    ConfirmEmail,
    ResetPassword,
    StaffInvite,
}

impl TokenPurpose {
    pub const ALL: [TokenPurpose; 3] = [TokenPurpose::ConfirmEmail, TokenPurpose::ResetPassword, TokenPurpose::StaffInvite];

    pub fn code(self) -> &'static str {
        match self {
            TokenPurpose::ConfirmEmail => "confirm_email",
            TokenPurpose::ResetPassword => "reset_password",
            TokenPurpose::StaffInvite => "staff_invite",
        }
    }

    pub fn parse(code: &str) -> Option<TokenPurpose> {
        TokenPurpose::ALL.into_iter().find(|purpose| purpose.code() == code)
    }
}

/// An e-mailed single-use token, known by the SHA-256 hex of its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenRecord {
    pub hash: String,
    pub purpose: TokenPurpose,
    /// The account it is for; `None` for an invitation of someone who has no
    /// account yet.
    pub account: Option<AccountId>,
    /// Where it was sent (stored canonical).
    pub email: String,
    /// Anything the purpose needs (an invitation's role and scope, as text).
    pub payload: Option<String>,
    pub created_at: OffsetDateTime,
    /// Refused from this moment on.
    pub expires_at: OffsetDateTime,
    /// When it was used; a used token is refused.
    pub used_at: Option<OffsetDateTime>,
}

/// A TOTP secret as the store keeps it. `Debug` hides the bytes.
#[derive(Clone, PartialEq, Eq)]
pub enum TotpAtRest {
    /// Sealed by the web layer under a key derived from `keys_secret`: the only form the store writes.
    Sealed(Vec<u8>),
    /// The 20 bytes in clear, as kept before secrets were sealed: only read
    /// back from an old row, until it is sealed (`Store::seal_totp_secret`).
    Clear(Vec<u8>),
}

impl std::fmt::Debug for TotpAtRest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            TotpAtRest::Sealed(_) => f.write_str("Sealed(***)"),
            TotpAtRest::Clear(_) => f.write_str("Clear(***)"),
        }
    }
}

/// An account's TOTP second factor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TotpRecord {
    pub account: AccountId,
    /// The shared secret as the store keeps it.
    pub secret: TotpAtRest,
    /// When the first code was accepted; until then the enrolment is pending.
    pub confirmed_at: Option<OffsetDateTime>,
    /// The last time step whose code was accepted: a code of this step or an
    /// earlier one is a replay.
    pub last_used_step: Option<i64>,
}

/// The answer of a throttle to one more attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ThrottleDecision {
    pub allowed: bool,
    /// When refused: how long until the window ends (for `Retry-After`); zero when allowed.
    pub retry_after: std::time::Duration,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for role in Role::ALL {
            assert_eq!(Role::parse(role.code()), Some(role));
        }
        for purpose in TokenPurpose::ALL {
            assert_eq!(TokenPurpose::parse(purpose.code()), Some(purpose));
        }
        assert_eq!(Role::parse("Officer"), None);
        assert_eq!(Role::parse("admin"), None);
        assert_eq!(TokenPurpose::parse(""), None);
        let scope = Scope::Community("buchanska".into());
        assert_eq!(Scope::parse(scope.kind(), scope.slug()), Some(scope));
        assert_eq!(Scope::parse("region", "kyivska"), Some(Scope::Region("kyivska".into())));
        assert_eq!(Scope::parse("country", "ua"), None);
    }

    #[test]
    fn emails_are_canonical_and_tombstones_are_not_addresses() {
        assert_eq!(canonical_email("  Olena.Koval@UKR.net "), "olena.koval@ukr.net");
        assert_eq!(canonical_email("ОЛЕНА@Пошта.УКР"), "олена@пошта.укр");
        let tombstone = tombstone_email(AccountId(42));
        assert_eq!(tombstone, "deleted-42@invalid");
        assert!(crate::values::Email::parse(&tombstone).is_err());
    }

    #[test]
    fn session_liveness_needs_both_time_outs() {
        let t = time::macros::datetime!(2026-03-01 09:00:00 UTC);
        let session = SessionRecord {
            id_hash: "h".into(),
            account: AccountId(1),
            created_at: t,
            last_seen_at: t,
            idle_expires_at: t + time::Duration::minutes(30),
            absolute_expires_at: t + time::Duration::hours(12),
            second_factor_done: false,
        };
        assert!(session.is_live(t));
        assert!(!session.is_live(t + time::Duration::minutes(30)));
        let touched = SessionRecord { idle_expires_at: t + time::Duration::hours(13), ..session };
        assert!(!touched.is_live(t + time::Duration::hours(12)));
    }
}
