//! An installation's places as its own people keep them
//! (`migrations/*/0012_installation.sql`): regions and communities with their
//! КАТОТТГ codes, a community's service centres, the local details of what it
//! offers, and the installation's own name and address. Every change that
//! residents see bumps the catalogue generation in its transaction, so every
//! instance rebuilds its catalogue within seconds.

use async_trait::async_trait;
use hromada_domain::place::{Community, Installation, Offer, Region, ServiceCentre};

use crate::StoreResult;

/// How many places a write added, changed or left as they were.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub added: u64,
    pub changed: u64,
    pub unchanged: u64,
}

impl Counts {
    pub(crate) fn count(&mut self, change: Change) {
        match change {
            Change::Added => self.added += 1,
            Change::Changed => self.changed += 1,
            Change::Unchanged => self.unchanged += 1,
        }
    }
}

/// What [`PlaceStore::import_places`] did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PlacesOutcome {
    pub regions: Counts,
    pub communities: Counts,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Change {
    Added,
    Changed,
    Unchanged,
}

#[async_trait]
pub trait PlaceStore {
    /// Write a codifier's regions and communities in one transaction: each is
    /// found by its КАТОТТГ code (or else by its slug, if that place has no
    /// code yet) and its names, region and code updated — its slug, reference
    /// code, profile and publication kept — or added as given. `Invalid` (and
    /// nothing written) when a new place's slug or reference code is taken by
    /// another place, or a community's region is neither given nor stored.
    async fn import_places(&self, regions: &[Region], communities: &[Community]) -> StoreResult<PlacesOutcome>;

    /// What [`PlaceStore::import_places`] would do with the same places — its
    /// counts, or the error it would give — with nothing written: the same
    /// work, in a transaction that is rolled back (`places import --dry-run`).
    async fn preview_import_places(&self, regions: &[Region], communities: &[Community]) -> StoreResult<PlacesOutcome>;

    /// Add a community that does not exist yet: `Conflict` when its slug,
    /// reference code or КАТОТТГ code is taken, `NotFound` without its region.
    async fn add_community(&self, community: &Community) -> StoreResult<()>;

    /// Publish a community (residents see it) or unpublish it (hidden from the
    /// public; its staff and its residents' own cases carry on). Its own
    /// write, apart from the rest of the community (`put_community` leaves
    /// publication as stored), so a profile saved at the same time cannot
    /// undo it. Bumps the catalogue generation when it changes; `false` when
    /// there is no such community.
    async fn set_community_published(&self, slug: &str, published: bool) -> StoreResult<bool>;

    /// Whether any case (a draft included) was made in the community: its
    /// reference code is then fixed.
    async fn community_has_cases(&self, community_slug: &str) -> StoreResult<bool>;

    /// Every service centre, by community and then the ЦНАП first, then by id.
    async fn service_centres(&self) -> StoreResult<Vec<ServiceCentre>>;

    /// Store a centre: a new one when its id is 0 (the new id is returned),
    /// else the centre of that id, which must be of the same community
    /// (`NotFound` if not). A community has one ЦНАП at most: a second
    /// `CentreKind::Main` is `Invalid`, and nothing is written.
    async fn put_service_centre(&self, centre: &ServiceCentre) -> StoreResult<i64>;

    /// Remove one of a community's centres; offers collected there no longer
    /// say where. `false` when it has no such centre.
    async fn delete_service_centre(&self, community_slug: &str, id: i64) -> StoreResult<bool>;

    /// Offer a service with its local details, or change them. `NotFound`
    /// when the community or the service is unknown; `Invalid` when the
    /// centre it is collected at is not one of the community's.
    async fn put_offer(&self, offer: &Offer) -> StoreResult<()>;

    /// Stop offering a service (cases made under it stay). `false` if it was not offered.
    async fn withdraw_offer(&self, community_slug: &str, service_slug: &str) -> StoreResult<bool>;

    /// The installation's name and address, once `hromada init` has set them.
    async fn installation(&self) -> StoreResult<Option<Installation>>;

    async fn put_installation(&self, installation: &Installation) -> StoreResult<()>;
}
