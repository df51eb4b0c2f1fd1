//! A community administrator's pages: the profile, the service centres and the offer.
