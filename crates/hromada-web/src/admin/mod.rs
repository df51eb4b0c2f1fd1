//! Running the installation from the browser, by role (`/admin/…`): the
//! installation's administrators keep its regions ([`installation`]), a
//! region's administrators its communities ([`region`]), and a community's
//! administrators its profile, service centres and offer ([`community`]).

pub(crate) mod community;
pub(crate) mod installation;
pub(crate) mod region;
