//! Geography of an installation: region (oblast) → community (hromada).

use crate::Text;

/// An oblast. `slug` is its URL segment (`kyivska`), `code` a short code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Region {
    pub slug: String,
    pub name: Text,
}

/// A community (hromada).
///
/// `code` is the three-letter Latin prefix of its reference numbers
/// (`BUC-2026-000123`); `slug` is its URL segment (`buchanska`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Community {
    pub slug: String,
    pub region_slug: String,
    pub code: String,
    pub name: Text,
    pub address: Text,
    pub phone: String,
    pub email: String,
    pub opening_hours: Text,
}

/// URL segments that a community slug may never take, because the server uses them.
pub const RESERVED_SLUGS: &[&str] = &[
    "static",
    "healthz",
    "readyz",
    "metrics",
    "search",
    "pulse",
    "glossary",
    "api",
    "verify",
    "account",
    "staff",
    "admin",
    "login",
    "logout",
    "register",
    "lang",
    "well-known",
    ".well-known",
    "favicon.ico",
    "robots.txt",
    "regions",
    "help",
    "accessibility",
    "feedback",
    "applications",
    "track",
    "cases",
    "documents",
];
