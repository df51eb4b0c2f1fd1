//! A regional administrator's pages: the communities of the region, their publication.
