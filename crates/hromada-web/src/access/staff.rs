//! Staff members: who they are to the policy (roles and scopes), where they
//! go after the password, the communities whose cases they may see, and a
//! case loaded for an action the policy allows them.

use std::marker::PhantomData;
use std::sync::Arc;

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use hromada_domain::account::{Account, AccountId, Role, RoleGrant, Scope, TotpRecord};
use hromada_domain::definition::{Actor, ServiceDefinition};
use hromada_domain::place::Community;
use hromada_domain::policy;
use hromada_domain::policy::{Action, Person, Place, Resource, decide};
use hromada_store::CaseRecord;

use crate::AppState;
use crate::access::ids::CaseId;
use crate::access::session::{SignedIn, Visitor};
use crate::http::i18n::Tr;
use crate::http::render::{Reject, see_other};
use crate::http::url::percent_encode;

/// Where a staff member goes after the password: enrol a second factor, or enter a code.
pub async fn second_step(state: &AppState, account: &Account) -> &'static str {
    match state.store.totp_of(account.id).await {
        Ok(Some(TotpRecord { confirmed_at: Some(_), .. })) => "/account/sign-in/code",
        _ => "/staff/totp",
    }
}

/// "Officer — Bucha community" for each role.
pub fn describe_roles(state: &AppState, t: &Tr<'_>, grants: &[RoleGrant]) -> Vec<String> {
    let catalogue = state.catalogue.get();
    grants
        .iter()
        .map(|g| {
            let place = match &g.scope {
                Scope::Community(slug) => catalogue.any_community(slug).map(|c| c.name.get(t.lang).to_string()),
                Scope::Region(slug) => catalogue.region(slug).map(|r| r.name.get(t.lang).to_string()),
                Scope::Installation => Some(t.msg("scope-installation")),
            }
            .unwrap_or_else(|| g.scope.slug().to_string());
            format!("{} — {place}", t.msg(&format!("role-{}", g.role.code())))
        })
        .collect()
}

/// The person asking, signed in all the way (a resident, or staff after their
/// second factor): what every page of one's own account asks for. A visitor
/// is sent to sign in; a staff session that still owes its second factor is
/// sent to it, whatever it asked for, and so can do nothing with the account.
pub(crate) struct AccountHolder(pub SignedIn);

impl FromRequestParts<AppState> for AccountHolder {
    type Rejection = Reject;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<AccountHolder, Reject> {
        let Ok(visitor) = Visitor::from_request_parts(parts, state).await;
        match (visitor.signed_in, &visitor.second_factor_pending) {
            (Some(signed_in), _) => Ok(AccountHolder(signed_in)),
            (None, Some(pending)) => Err(see_other(second_step(state, &pending.account).await).into()),
            (None, None) => Err(see_other("/account/sign-in").into()),
        }
    }
}

/// The policy's view of a visitor: staff count as staff only after their second factor.
pub async fn person_of(state: &AppState, visitor: &Visitor) -> Result<Person, hromada_store::StoreError> {
    Ok(match &visitor.signed_in {
        None => Person::Anonymous,
        Some(s) if !s.account.is_staff => Person::Resident(s.account.id),
        Some(s) if !s.session.second_factor_done => Person::Anonymous,
        Some(s) => Person::Staff {
            id: s.account.id,
            roles: state.store.roles_of(s.account.id).await?.into_iter().map(|g| (g.role, g.scope)).collect(),
        },
    })
}

/// Every (role, scope) the person may grant, with its label, e.g.
/// "community:buchanska:officer", "installation::installation_admin";
/// communities published or not (their staff are invited before residents see them).
pub(crate) fn grants_of(state: &AppState, t: &Tr<'_>, person: &Person) -> Vec<(String, String, hromada_domain::account::Role, Scope)> {
    let catalogue = state.catalogue.get();
    let mut out = Vec::new();
    for role in policy::grantable_roles(person, &Scope::Installation, "") {
        out.push((
            format!("installation::{}", role.code()),
            format!("{} — {}", t.msg(&format!("role-{}", role.code())), t.msg("scope-installation")),
            role,
            Scope::Installation,
        ));
    }
    for region in catalogue.regions() {
        let scope = Scope::Region(region.slug.clone());
        for role in policy::grantable_roles(person, &scope, "") {
            out.push((
                format!("region:{}:{}", region.slug, role.code()),
                format!("{} — {}", t.msg(&format!("role-{}", role.code())), region.name.get(t.lang)),
                role,
                scope.clone(),
            ));
        }
    }
    for community in catalogue.all_communities() {
        let scope = Scope::Community(community.slug.clone());
        for role in policy::grantable_roles(person, &scope, &community.region_slug) {
            out.push((
                format!("community:{}:{}", community.slug, role.code()),
                format!("{} — {}", t.msg(&format!("role-{}", role.code())), community.name.get(t.lang)),
                role,
                scope.clone(),
            ));
        }
    }
    out
}

/// Whether the person may invite anyone anywhere (the policy decides, per place).
pub fn may_invite(state: &AppState, t: &Tr<'_>, person: &Person) -> bool {
    !grants_of(state, t, person).is_empty()
}

/// The administrators' pages of places the person may open, as (address,
/// label): the installation's regions and settings, and the communities of
/// each region they administer (the policy decides).
pub fn admin_links(state: &AppState, t: &Tr<'_>, person: &Person) -> Vec<(String, String)> {
    let mut links = Vec::new();
    if decide(person, Action::View, &Resource::Regions).allowed() {
        links.push(("/admin/regions".to_string(), t.msg("admin-regions-title")));
        links.push(("/admin/installation".to_string(), t.msg("admin-installation-title")));
    }
    for region in state.catalogue.get().regions() {
        if decide(person, Action::Manage, &Resource::RegionCommunities { region: region.slug.clone() }).allowed() {
            links.push((
                format!("/admin/regions/{}/communities", region.slug),
                t.with("admin-communities-of", "region", region.name.get(t.lang)),
            ));
        }
    }
    if !profile_communities(state, person).is_empty() {
        links.push(("/admin/communities".to_string(), t.msg("cadmin-index-title")));
    }
    links
}

/// The communities, published or not and in catalogue order, on which the
/// policy lets the person take `action` on the resource `of` makes of its place.
fn communities_where(state: &AppState, person: &Person, action: Action, of: fn(Place) -> Resource) -> Vec<Community> {
    let catalogue = state.catalogue.get();
    catalogue
        .all_communities()
        .iter()
        .filter(|c| decide(person, action, &of(Place { community: c.slug.clone(), region: c.region_slug.clone() })).allowed())
        .cloned()
        .collect()
}

/// The communities whose page feedback (what residents wrote under "Was this
/// page useful?") the person may read, published or not: what was written
/// while it was published stays readable.
pub fn feedback_communities(state: &AppState, person: &Person) -> Vec<Community> {
    communities_where(state, person, Action::View, Resource::PageFeedback)
}

/// The communities whose profile, service centres and offer the person may
/// change (published or not): what the admin pages of `/admin/communities` list.
pub fn profile_communities(state: &AppState, person: &Person) -> Vec<Community> {
    communities_where(state, person, Action::Change, Resource::CommunityProfile)
}

/// A staff member who passed the second factor, with the communities whose cases they may see.
pub(crate) struct Staff {
    pub account: Account,
    pub person: Person,
    /// Communities where the policy lets them view cases, in catalogue order, published or not.
    pub communities: Vec<Community>,
}

impl Staff {
    pub(crate) fn place_of(&self, state: &AppState, community_slug: &str) -> Place {
        let catalogue = state.catalogue.get();
        // Published or not: a community's region holds while it is being set up too.
        let region = catalogue.any_community(community_slug).map(|c| c.region_slug.clone()).unwrap_or_default();
        Place { community: community_slug.to_string(), region }
    }

    pub(crate) fn may(&self, state: &AppState, action: Action, case: &CaseRecord) -> bool {
        let resource = Resource::Case { place: self.place_of(state, &case.community_slug), applicant: case.applicant };
        decide(&self.person, action, &resource).allowed()
    }

    /// The workflow actors this person is in the case's community. Until
    /// definitions say who sits in a group (a commission), a community's
    /// officers and supervisors act for its groups.
    pub(crate) fn actors(&self, community_slug: &str, definition: &ServiceDefinition) -> Vec<Actor> {
        let Person::Staff { roles, .. } = &self.person else { return Vec::new() };
        let mut actors = Vec::new();
        for (role, scope) in roles {
            if !matches!(scope, Scope::Community(c) if c == community_slug) {
                continue;
            }
            let actor = match role {
                Role::Operator => Some(Actor::Operator),
                Role::Officer => Some(Actor::Officer),
                Role::Supervisor => Some(Actor::Supervisor),
                Role::CommunityAdmin => Some(Actor::CommunityAdmin),
                _ => None,
            };
            if let Some(actor) = actor {
                if matches!(role, Role::Officer | Role::Supervisor) {
                    actors.extend(definition.workflow.groups.iter().map(|g| Actor::Group(g.id.clone())));
                }
                actors.push(actor);
            }
        }
        actors
    }

    /// The roles this person holds in a community, directly or through its
    /// region, in `Role::ALL` order: what a view of a case is written to the
    /// audit trail as, and what its resident reads.
    pub(crate) fn roles_at(&self, state: &AppState, community_slug: &str) -> Vec<Role> {
        let Person::Staff { roles, .. } = &self.person else { return Vec::new() };
        let place = self.place_of(state, community_slug);
        let held = |wanted: &Role| {
            roles.iter().any(|(role, scope)| {
                role == wanted
                    && match scope {
                        Scope::Community(c) => *c == place.community,
                        Scope::Region(r) => *r == place.region,
                        Scope::Installation => false,
                    }
            })
        };
        Role::ALL.into_iter().filter(held).collect()
    }

    /// Whether the policy lets this person manage (assign) the cases of a community.
    pub(crate) fn manages(&self, state: &AppState, community_slug: &str) -> bool {
        let resource = Resource::Case { place: self.place_of(state, community_slug), applicant: None };
        decide(&self.person, Action::Manage, &resource).allowed()
    }
}

/// The staff member asking, or the response to give instead: sign in, the
/// second step, or a 404 for residents and visitors.
impl FromRequestParts<AppState> for Staff {
    type Rejection = Reject;

    /// The staff member asking; a visitor is sent to sign in (and back), a
    /// staff member without the second factor to it, anyone else gets a 404.
    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Staff, Reject> {
        let Ok(visitor) = Visitor::from_request_parts(parts, state).await;
        if let Some(pending) = &visitor.second_factor_pending {
            return Err(see_other(second_step(state, &pending.account).await).into());
        }
        let Some(signed_in) = &visitor.signed_in else {
            return Err(see_other(&format!("/account/sign-in?next={}", percent_encode(parts.uri.path()))).into());
        };
        if !signed_in.account.is_staff || !signed_in.session.second_factor_done {
            return Err(Reject::NotFound);
        }
        let person = person_of(state, &visitor).await?;
        let catalogue = state.catalogue.get();
        // Published or not: an unpublished community's staff keep working.
        let communities = catalogue
            .all_communities()
            .iter()
            .filter(|c| {
                let place = Place { community: c.slug.clone(), region: c.region_slug.clone() };
                decide(&person, Action::View, &Resource::Case { place, applicant: None }).allowed()
            })
            .cloned()
            .collect();
        Ok(Staff { account: signed_in.account.clone(), person, communities })
    }
}

/// Load a case for a staff member allowed `action` on it, or 404.
/// Case `id` for a staff member the policy allows `action` on it; drafts and
/// cases of other communities are a 404, as if they did not exist.
pub(crate) async fn case_for(
    state: &AppState,
    staff: &Staff,
    id: i64,
    action: Action,
) -> Result<(CaseRecord, Arc<ServiceDefinition>), Reject> {
    let case = match state.store.case(id).await? {
        Some(c) if !c.is_draft() && staff.may(state, action, &c) => c,
        _ => return Err(Reject::NotFound),
    };
    let definition = state.definitions.get(state.store.as_ref(), &case.service_slug, case.service_version).await?;
    Ok((case, definition.ok_or(Reject::NotFound)?))
}

/// What a staff member does with a case, as the extractor asks the policy.
pub(crate) trait CaseAccess {
    const ACTION: Action;
}

/// Reading a case (its page, files, documents).
pub(crate) struct ToView;

impl CaseAccess for ToView {
    const ACTION: Action = Action::View;
}

/// Changing a case (claiming, notes, messages, workflow actions, revocations).
pub(crate) struct ToChange;

impl CaseAccess for ToChange {
    const ACTION: Action = Action::Change;
}

/// The case of the path's `{id}`, loaded for the staff member asking when the
/// policy allows them `A` on it; otherwise the request ends in a 404.
pub(crate) struct StaffCase<A> {
    pub staff: Staff,
    pub case: CaseRecord,
    pub definition: Arc<ServiceDefinition>,
    access: PhantomData<A>,
}

impl<A: CaseAccess> FromRequestParts<AppState> for StaffCase<A> {
    type Rejection = Reject;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<StaffCase<A>, Reject> {
        let staff = Staff::from_request_parts(parts, state).await?;
        let CaseId(id) = CaseId::from_request_parts(parts, state).await?;
        let (case, definition) = case_for(state, &staff, id, A::ACTION).await?;
        Ok(StaffCase { staff, case, definition, access: PhantomData })
    }
}
/// The people of a community's staff (as `Store::staff_of_community` lists
/// them) whom the policy lets work its cases: those a case can be assigned to.
pub(crate) fn case_workers(
    state: &AppState,
    community_slug: &str,
    people: &[(AccountId, String, String, Role)],
) -> Vec<(AccountId, String, String)> {
    let catalogue = state.catalogue.get();
    let region = catalogue.any_community(community_slug).map(|c| c.region_slug.clone()).unwrap_or_default();
    let place = Place { community: community_slug.to_string(), region };
    let mut workers: Vec<(AccountId, String, String)> = Vec::new();
    for (id, name, email, _) in people {
        if workers.iter().any(|(w, _, _)| w == id) {
            continue;
        }
        let roles = people.iter().filter(|(a, ..)| a == id).map(|(_, _, _, role)| (*role, Scope::Community(community_slug.to_string())));
        let person = Person::Staff { id: *id, roles: roles.collect() };
        if decide(&person, Action::Change, &Resource::Case { place: place.clone(), applicant: None }).allowed() {
            workers.push((*id, name.clone(), email.clone()));
        }
    }
    workers
}
