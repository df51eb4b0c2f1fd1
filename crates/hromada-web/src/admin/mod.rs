//! Running the installation from the browser, by role (`/admin/…`): the
//! installation's administrators keep its regions ([`installation`]), a
//! region's administrators its communities ([`region`]), and a community's
//! administrators its profile ([`community`]), service centres ([`centres`])
//! and offer ([`offers`]).

pub(crate) mod centres;
pub(crate) mod community;
pub(crate) mod installation;
pub(crate) mod offers;
pub(crate) mod region;
