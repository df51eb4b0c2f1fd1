//! The ground floor: what every page and every answer needs, and no feature.
//! Rendering and the pages that say something went wrong ([`render`]), the
//! layout and the headers of every response ([`layout`]), reading forms and
//! their limits ([`forms`]), query strings and cookies ([`url`]), the controls a definition's questions become
//! ([`widgets`]), CSRF protection ([`csrf`]), random secrets and comparing
//! them ([`secret`]), the message catalogue ([`i18n`]), the installation's glossary
//! ([`glossary`]) and request metrics ([`metrics`]).
//!
//! Architecture Invariant: nothing here names a feature, a service or `access`.

pub(crate) mod csrf;
pub(crate) mod forms;
pub(crate) mod glossary;
pub(crate) mod i18n;
pub(crate) mod layout;
pub(crate) mod metrics;
pub(crate) mod render;
pub(crate) mod secret;
pub(crate) mod url;
pub(crate) mod widgets;
