//! The installation's glossary (`glossary.toml` beside `Cargo.toml`, read at
//! build time; a test checks that it parses) and the linker of a page: a
//! service's own terms first, then the installation's.

use std::sync::LazyLock;

use hromada_domain::definition::{ServiceDefinition, parse_glossary};
use hromada_domain::glossary::{Linker, Term};

/// The source of the installation's glossary, as built in.
pub const SOURCE: &str = include_str!("../../glossary.toml");

static INSTALLATION: LazyLock<Vec<Term>> = LazyLock::new(|| parse_glossary(SOURCE).terms.unwrap_or_default());

/// The installation's terms, in the file's order.
pub(crate) fn installation() -> &'static [Term] {
    &INSTALLATION
}

/// A linker for one page: `service`'s own terms, then the installation's.
pub(crate) fn linker(service: Option<&ServiceDefinition>) -> Linker {
    let mut linker = Linker::new();
    if let Some(d) = service {
        linker.add(Some(&d.id), &d.glossary);
    }
    linker.add(None, installation());
    linker
}
