//! The catalogue as the public pages read it: places, the latest version of
//! every service, which community offers what, and search. Built once from
//! the store and held in memory; rebuilt when definitions change.

use std::collections::BTreeMap;
use std::sync::Arc;

use crate::Lang;
use crate::definition::{Category, LifeSituation, ServiceDefinition};
use crate::place::{Community, Offer, Region, ServiceCentre};
use crate::search;

#[derive(Debug)]
pub struct CatalogueService {
    pub definition: ServiceDefinition,
    /// The stored version this definition is.
    pub version: i64,
    haystack: String,
}

#[derive(Debug, Default)]
pub struct Catalogue {
    regions: Vec<Region>,
    /// Published communities: what residents see.
    communities: Vec<Community>,
    /// Every community, published or not: what staff work in.
    all_communities: Vec<Community>,
    /// Community slug → its service centres, the ЦНАП first.
    centres: BTreeMap<String, Vec<ServiceCentre>>,
    /// (community, service) → the offer's local details.
    details: BTreeMap<(String, String), Offer>,
    services: BTreeMap<String, Arc<CatalogueService>>,
    /// Published community slug → its services, in Ukrainian alphabetical order of title.
    offers: BTreeMap<String, Vec<Arc<CatalogueService>>>,
    /// The same for every community, published or not: what staff work in.
    all_offers: BTreeMap<String, Vec<Arc<CatalogueService>>>,
}

impl Catalogue {
    /// `keywords` gives extra searchable words of a service (its category and
    /// life situation names in both languages, which live in the message catalogue).
    pub fn new(
        mut regions: Vec<Region>,
        communities: Vec<Community>,
        services: Vec<(ServiceDefinition, i64)>,
        offers: &[Offer],
        centres: Vec<ServiceCentre>,
        keywords: impl Fn(&ServiceDefinition) -> String,
    ) -> Catalogue {
        regions.sort_by_key(|r| collation_key(&r.name.uk));
        let mut all_communities = communities;
        all_communities.sort_by_key(|c| collation_key(&c.name.uk));
        let communities: Vec<Community> = all_communities.iter().filter(|c| c.published).cloned().collect();
        let mut by_centre: BTreeMap<String, Vec<ServiceCentre>> = BTreeMap::new();
        for centre in centres {
            by_centre.entry(centre.community_slug.clone()).or_default().push(centre);
        }
        for list in by_centre.values_mut() {
            list.sort_by_key(|c| (c.kind, c.id));
        }
        let services: BTreeMap<String, Arc<CatalogueService>> = services
            .into_iter()
            .map(|(definition, version)| {
                let d = &definition;
                let haystack = search::normalize(
                    &[
                        d.title.uk.as_str(),
                        d.title.get(Lang::En),
                        &d.summary.uk,
                        d.summary.get(Lang::En),
                        &d.who_can_apply.uk,
                        d.who_can_apply.get(Lang::En),
                        &keywords(d),
                    ]
                    .join(" \n "),
                );
                (d.id.clone(), Arc::new(CatalogueService { definition, version, haystack }))
            })
            .collect();
        let mut all_offers: BTreeMap<String, Vec<Arc<CatalogueService>>> = BTreeMap::new();
        for offer in offers {
            if let Some(s) = services.get(&offer.service_slug)
                && all_communities.iter().any(|c| c.slug == offer.community_slug)
            {
                all_offers.entry(offer.community_slug.clone()).or_default().push(Arc::clone(s));
            }
        }
        let details = offers.iter().map(|o| ((o.community_slug.clone(), o.service_slug.clone()), o.clone())).collect();
        for list in all_offers.values_mut() {
            list.sort_by_key(|s| collation_key(&s.definition.title.uk));
        }
        let published_offers = all_offers
            .iter()
            .filter(|(slug, _)| communities.iter().any(|c| &c.slug == *slug))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        Catalogue { regions, communities, all_communities, centres: by_centre, details, services, offers: published_offers, all_offers }
    }

    pub fn regions(&self) -> &[Region] {
        &self.regions
    }

    pub fn region(&self, slug: &str) -> Option<&Region> {
        self.regions.iter().find(|r| r.slug == slug)
    }

    /// The published communities.
    pub fn communities(&self) -> &[Community] {
        &self.communities
    }

    /// Every community, published or not, for staff.
    pub fn all_communities(&self) -> &[Community] {
        &self.all_communities
    }

    /// A community, published or not, for staff.
    pub fn any_community(&self, slug: &str) -> Option<&Community> {
        self.all_communities.iter().find(|c| c.slug == slug)
    }

    /// A community's service centres, its ЦНАП first.
    pub fn centres_of(&self, community_slug: &str) -> &[ServiceCentre] {
        self.centres.get(community_slug).map(Vec::as_slice).unwrap_or(&[])
    }

    /// The local details of a community's offer of a service (published or not).
    pub fn offer_details(&self, community_slug: &str, service_slug: &str) -> Option<&Offer> {
        self.details.get(&(community_slug.to_string(), service_slug.to_string()))
    }

    pub fn communities_of<'a>(&'a self, region_slug: &'a str) -> impl Iterator<Item = &'a Community> + 'a {
        self.communities.iter().filter(move |c| c.region_slug == region_slug)
    }

    /// A published community.
    pub fn community(&self, slug: &str) -> Option<&Community> {
        self.communities.iter().find(|c| c.slug == slug)
    }

    pub fn service(&self, slug: &str) -> Option<&Arc<CatalogueService>> {
        self.services.get(slug)
    }

    /// The services a published community offers.
    pub fn services_in(&self, community_slug: &str) -> &[Arc<CatalogueService>] {
        self.offers.get(community_slug).map(Vec::as_slice).unwrap_or(&[])
    }

    /// Whether the published `community` offers `service`; the service if so.
    pub fn offered(&self, community_slug: &str, service_slug: &str) -> Option<&Arc<CatalogueService>> {
        self.services_in(community_slug).iter().find(|s| s.definition.id == service_slug)
    }

    /// The services a community offers, published or not, for staff (and for
    /// what residents already have there: an unpublished community is hidden
    /// from the public only).
    pub fn any_services_in(&self, community_slug: &str) -> &[Arc<CatalogueService>] {
        self.all_offers.get(community_slug).map(Vec::as_slice).unwrap_or(&[])
    }

    /// Whether a community, published or not, offers `service`; the service if so.
    pub fn any_offered(&self, community_slug: &str, service_slug: &str) -> Option<&Arc<CatalogueService>> {
        self.any_services_in(community_slug).iter().find(|s| s.definition.id == service_slug)
    }

    /// Every service, in Ukrainian alphabetical order of title.
    pub fn all_services(&self) -> Vec<&Arc<CatalogueService>> {
        let mut all: Vec<&Arc<CatalogueService>> = self.services.values().collect();
        all.sort_by_key(|s| collation_key(&s.definition.title.uk));
        all
    }

    /// A community's services filtered by a search query, a category and a life situation.
    pub fn find<'a>(
        &'a self,
        community_slug: &str,
        query: Option<&str>,
        category: Option<Category>,
        situation: Option<LifeSituation>,
    ) -> Vec<&'a Arc<CatalogueService>> {
        let query = query.map(search::normalize).filter(|q| !q.is_empty());
        self.services_in(community_slug)
            .iter()
            .filter(|s| category.is_none_or(|c| s.definition.category == c))
            .filter(|s| situation.is_none_or(|l| s.definition.life_situations.contains(&l)))
            .filter(|s| query.as_deref().is_none_or(|q| search::matches(q, &s.haystack)))
            .collect()
    }

    /// Services matching a query across the installation: (service, communities offering it).
    pub fn search_everywhere(&self, query: &str) -> Vec<(&Arc<CatalogueService>, Vec<&Community>)> {
        let q = search::normalize(query);
        if q.is_empty() {
            return Vec::new();
        }
        self.all_services()
            .into_iter()
            .filter(|s| search::matches(&q, &s.haystack))
            .map(|s| {
                let offering = self.communities.iter().filter(|c| self.offered(&c.slug, &s.definition.id).is_some()).collect();
                (s, offering)
            })
            .collect()
    }

    /// Categories used by a community's services, in the closed list's order.
    pub fn categories_in(&self, community_slug: &str) -> Vec<Category> {
        let services = self.services_in(community_slug);
        Category::ALL.iter().copied().filter(|c| services.iter().any(|s| s.definition.category == *c)).collect()
    }

    pub fn situations_in(&self, community_slug: &str) -> Vec<LifeSituation> {
        let services = self.services_in(community_slug);
        LifeSituation::ALL.iter().copied().filter(|l| services.iter().any(|s| s.definition.life_situations.contains(l))).collect()
    }
}

/// A sort key that puts Ukrainian words in alphabetical order
/// (а б в г ґ д е є ж з и і ї й …), which code-point order does not.
pub fn collation_key(text: &str) -> Vec<u32> {
    const ALPHABET: &str = "абвгґдеєжзиіїйклмнопрстуфхцчшщьюя";
    text.chars()
        .flat_map(char::to_lowercase)
        .filter(|c| !matches!(c, '\'' | '’' | 'ʼ'))
        .map(|c| match ALPHABET.chars().position(|a| a == c) {
            Some(i) => 0x1000 + i as u32,
            None => c as u32,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ukrainian_alphabetical_order_puts_ґ_after_г_and_і_after_и() {
        let mut words = vec!["Ґанок", "Дах", "Гора", "Їжак", "Іскра", "Єва", "Ехо", "Ищо"];
        words.sort_by_key(|w| collation_key(w));
        assert_eq!(words, vec!["Гора", "Ґанок", "Дах", "Ехо", "Єва", "Ищо", "Іскра", "Їжак"]);
    }
}
