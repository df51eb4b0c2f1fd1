//! Who may do what: the one place that decides every permission. Handlers
//! describe the person and the resource and ask; they never decide themselves.
//!
//! A refusal says nothing about whether the resource exists: the web answers
//! it with 404 wherever existence would leak (another resident's case, another
//! community's staff).

use crate::account::{AccountId, Role, Scope};

/// The person asking, with every role they hold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Person {
    Anonymous,
    Resident(AccountId),
    /// A staff member who has passed the second factor. One who has not is
    /// `Anonymous` to the policy.
    Staff {
        id: AccountId,
        roles: Vec<(Role, Scope)>,
    },
}

/// Where a community-scoped resource lives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    pub community: String,
    pub region: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resource {
    /// An account's own pages and data.
    Account(AccountId),
    /// A case (or a draft, a file or a message of it) in a community.
    Case { place: Place, applicant: Option<AccountId> },
    /// A community's staff: who works there, invitations, roles.
    CommunityStaff(Place),
    /// A region's own staff (regional admins, auditors).
    RegionStaff { region: String },
    /// The audit trail of a region's communities.
    AuditTrail { region: String },
    /// The installation's calendar of non-working days (one for all communities).
    WorkCalendar,
    /// A community's service centre (ЦНАП) counter: `Change` is applying there
    /// on a resident's behalf (an assisted application).
    Counter(Place),
    /// The cases kept under an account: `View` lists them, `Change` takes an
    /// assisted case into them with its claim code. Only a resident's own
    /// account has cases; a staff account has none.
    OwnCases(AccountId),
    /// What residents wrote in "Was this page useful?" about a community's
    /// service pages: anonymous, but written by residents. Only `View`.
    PageFeedback(Place),
    /// The installation's regions and its own settings (name, address).
    Regions,
    /// The communities of a region: `Manage` adds them.
    RegionCommunities { region: String },
    /// A community's profile, service centres and offer: `Change` edits them,
    /// `Manage` publishes or unpublishes the community.
    CommunityProfile(Place),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    View,
    /// Change it: an account's settings, a case's workflow actions.
    Change,
    /// Invite someone with a role, change roles, assign cases, delete an account.
    Manage,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    Allow,
    Deny,
}

impl Decision {
    pub fn allowed(self) -> bool {
        self == Decision::Allow
    }
}

fn holds(roles: &[(Role, Scope)], wanted: &[Role], place: &Place) -> bool {
    roles.iter().any(|(role, scope)| {
        wanted.contains(role)
            && match scope {
                Scope::Community(c) => *c == place.community,
                Scope::Region(r) => *r == place.region,
                Scope::Installation => false,
            }
    })
}

fn runs_installation(roles: &[(Role, Scope)]) -> bool {
    roles.iter().any(|(role, scope)| *role == Role::InstallationAdmin && *scope == Scope::Installation)
}

fn holds_in_region(roles: &[(Role, Scope)], wanted: &[Role], region: &str) -> bool {
    roles.iter().any(|(role, scope)| wanted.contains(role) && matches!(scope, Scope::Region(r) if r == region))
}

/// The decision for `person` taking `action` on `resource`.
pub fn decide(person: &Person, action: Action, resource: &Resource) -> Decision {
    let allowed = match (person, resource) {
        (Person::Anonymous, _) => false,
        // An account is its owner's alone. Managing it (deleting it) is for residents;
        // staff accounts are removed by their administrators.
        (Person::Resident(me), Resource::Account(owner)) => me == owner,
        (Person::Staff { id: me, .. }, Resource::Account(owner)) => me == owner && action != Action::Manage,
        (Person::Resident(me), Resource::Case { applicant, .. }) => applicant.as_ref() == Some(me) && action != Action::Manage,
        (Person::Resident(me), Resource::OwnCases(owner)) => me == owner && action != Action::Manage,
        (Person::Resident(_), _) => false,
        (Person::Staff { .. }, Resource::OwnCases(_)) => false,
        (Person::Staff { roles, .. }, Resource::Case { place, .. }) => match action {
            // Operators see the cases of their service centre's community: they help people in person.
            Action::View => holds(roles, &[Role::Operator, Role::Officer, Role::Supervisor], place),
            Action::Change => holds(roles, &[Role::Officer, Role::Supervisor], place),
            Action::Manage => holds(roles, &[Role::Supervisor], place),
        },
        (Person::Staff { roles, .. }, Resource::CommunityStaff(place)) => match action {
            Action::View => holds(roles, &[Role::Supervisor, Role::CommunityAdmin, Role::RegionalAdmin], place),
            Action::Change | Action::Manage => holds(roles, &[Role::CommunityAdmin, Role::RegionalAdmin], place),
        },
        // The installation's administrators appoint each region's first administrators.
        (Person::Staff { roles, .. }, Resource::RegionStaff { region }) => {
            holds_in_region(roles, &[Role::RegionalAdmin], region) || runs_installation(roles)
        }
        (Person::Staff { roles, .. }, Resource::AuditTrail { region }) => {
            action == Action::View && holds_in_region(roles, &[Role::Auditor], region)
        }
        // Every officer reads the calendar that counts their deadlines; regional administrators keep it.
        (Person::Staff { roles, .. }, Resource::WorkCalendar) => {
            action == Action::View
                || runs_installation(roles)
                || roles.iter().any(|(role, scope)| *role == Role::RegionalAdmin && matches!(scope, Scope::Region(_)))
        }
        // Whoever may see the community's cases may take an application at its counter; nobody manages a counter.
        (Person::Staff { roles, .. }, Resource::Counter(place)) => {
            action != Action::Manage && holds(roles, &[Role::Operator, Role::Officer, Role::Supervisor], place)
        }
        // The community's administrators (and their region's) read what residents said of its pages; nobody changes it.
        (Person::Staff { roles, .. }, Resource::PageFeedback(place)) => {
            action == Action::View && holds(roles, &[Role::CommunityAdmin, Role::RegionalAdmin], place)
        }
        (Person::Staff { roles, .. }, Resource::Regions) => runs_installation(roles),
        // A region's administrators make its communities; the installation's see which there are.
        (Person::Staff { roles, .. }, Resource::RegionCommunities { region }) => {
            holds_in_region(roles, &[Role::RegionalAdmin], region) || (action == Action::View && runs_installation(roles))
        }
        (Person::Staff { roles, .. }, Resource::CommunityProfile(place)) => match action {
            Action::View | Action::Change => holds(roles, &[Role::CommunityAdmin, Role::RegionalAdmin], place),
            Action::Manage => holds(roles, &[Role::RegionalAdmin], place),
        },
    };
    if allowed { Decision::Allow } else { Decision::Deny }
}

/// The roles `person` may give in `scope`, in the order a form lists them.
pub fn grantable_roles(person: &Person, scope: &Scope, region_of_community: &str) -> Vec<Role> {
    match scope {
        Scope::Community(community) => {
            let place = Place { community: community.clone(), region: region_of_community.to_string() };
            if decide(person, Action::Manage, &Resource::CommunityStaff(place)).allowed() {
                vec![Role::Operator, Role::Officer, Role::Supervisor, Role::CommunityAdmin]
            } else {
                Vec::new()
            }
        }
        Scope::Region(region) => {
            if decide(person, Action::Manage, &Resource::RegionStaff { region: region.clone() }).allowed() {
                vec![Role::RegionalAdmin, Role::Auditor]
            } else {
                Vec::new()
            }
        }
        Scope::Installation => {
            if decide(person, Action::Manage, &Resource::Regions).allowed() {
                vec![Role::InstallationAdmin]
            } else {
                Vec::new()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ME: AccountId = AccountId(1);
    const OTHER: AccountId = AccountId(2);

    /// How the resource relates to the person's role scope.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    enum Relation {
        /// Their own (their account, their case), or in the community / region of their role.
        Own,
        /// Another community of the same region.
        SameRegion,
        /// A community of another region.
        OtherRegion,
    }

    const RELATIONS: [Relation; 3] = [Relation::Own, Relation::SameRegion, Relation::OtherRegion];

    fn place(relation: Relation) -> Place {
        match relation {
            Relation::Own => Place { community: "buchanska".into(), region: "kyivska".into() },
            Relation::SameRegion => Place { community: "irpinska".into(), region: "kyivska".into() },
            Relation::OtherRegion => Place { community: "ternopilska".into(), region: "ternopilska".into() },
        }
    }

    fn resource(kind: &str, relation: Relation) -> Resource {
        let p = place(relation);
        match kind {
            "account" => Resource::Account(if relation == Relation::Own { ME } else { OTHER }),
            "case" => Resource::Case { applicant: Some(if relation == Relation::Own { ME } else { OTHER }), place: p },
            "community-staff" => Resource::CommunityStaff(p),
            "region-staff" => Resource::RegionStaff { region: p.region },
            "audit" => Resource::AuditTrail { region: p.region },
            "calendar" => Resource::WorkCalendar,
            "counter" => Resource::Counter(p),
            "own-cases" => Resource::OwnCases(if relation == Relation::Own { ME } else { OTHER }),
            "feedback" => Resource::PageFeedback(p),
            "regions" => Resource::Regions,
            "region-communities" => Resource::RegionCommunities { region: p.region },
            "community-profile" => Resource::CommunityProfile(p),
            _ => unreachable!(),
        }
    }

    fn person(who: &str) -> Person {
        let community = Scope::Community("buchanska".into());
        let region = Scope::Region("kyivska".into());
        let staff = |role, scope| Person::Staff { id: ME, roles: vec![(role, scope)] };
        match who {
            "anonymous" => Person::Anonymous,
            "resident" => Person::Resident(ME),
            "operator" => staff(Role::Operator, community),
            "officer" => staff(Role::Officer, community),
            "supervisor" => staff(Role::Supervisor, community),
            "community_admin" => staff(Role::CommunityAdmin, community),
            "regional_admin" => staff(Role::RegionalAdmin, region),
            "auditor" => staff(Role::Auditor, region),
            "installation_admin" => staff(Role::InstallationAdmin, Scope::Installation),
            _ => unreachable!(),
        }
    }

    /// The expected matrix, written out by hand (not derived from the code):
    /// for each person and resource kind, the actions allowed on their own /
    /// same-region / other-region resource, as `V` view, `C` change, `M` manage.
    const MATRIX: &[(&str, &str, [&str; 3])] = &[
        ("anonymous", "account", ["", "", ""]),
        ("anonymous", "case", ["", "", ""]),
        ("anonymous", "community-staff", ["", "", ""]),
        ("anonymous", "region-staff", ["", "", ""]),
        ("anonymous", "audit", ["", "", ""]),
        ("anonymous", "counter", ["", "", ""]),
        ("anonymous", "calendar", ["", "", ""]),
        ("anonymous", "own-cases", ["", "", ""]),
        ("anonymous", "feedback", ["", "", ""]),
        ("anonymous", "regions", ["", "", ""]),
        ("anonymous", "region-communities", ["", "", ""]),
        ("anonymous", "community-profile", ["", "", ""]),
        ("resident", "account", ["VCM", "", ""]),
        ("resident", "case", ["VC", "", ""]),
        ("resident", "community-staff", ["", "", ""]),
        ("resident", "region-staff", ["", "", ""]),
        ("resident", "audit", ["", "", ""]),
        ("resident", "counter", ["", "", ""]),
        ("resident", "calendar", ["", "", ""]),
        ("resident", "own-cases", ["VC", "", ""]),
        ("resident", "feedback", ["", "", ""]),
        ("resident", "regions", ["", "", ""]),
        ("resident", "region-communities", ["", "", ""]),
        ("resident", "community-profile", ["", "", ""]),
        ("operator", "account", ["VC", "", ""]),
        ("operator", "case", ["V", "", ""]),
        ("operator", "community-staff", ["", "", ""]),
        ("operator", "region-staff", ["", "", ""]),
        ("operator", "audit", ["", "", ""]),
        ("operator", "counter", ["VC", "", ""]),
        ("operator", "calendar", ["V", "V", "V"]),
        ("operator", "own-cases", ["", "", ""]),
        ("operator", "feedback", ["", "", ""]),
        ("operator", "regions", ["", "", ""]),
        ("operator", "region-communities", ["", "", ""]),
        ("operator", "community-profile", ["", "", ""]),
        ("officer", "account", ["VC", "", ""]),
        ("officer", "case", ["VC", "", ""]),
        ("officer", "community-staff", ["", "", ""]),
        ("officer", "region-staff", ["", "", ""]),
        ("officer", "audit", ["", "", ""]),
        ("officer", "counter", ["VC", "", ""]),
        ("officer", "calendar", ["V", "V", "V"]),
        ("officer", "own-cases", ["", "", ""]),
        ("officer", "feedback", ["", "", ""]),
        ("officer", "regions", ["", "", ""]),
        ("officer", "region-communities", ["", "", ""]),
        ("officer", "community-profile", ["", "", ""]),
        ("supervisor", "account", ["VC", "", ""]),
        ("supervisor", "case", ["VCM", "", ""]),
        ("supervisor", "community-staff", ["V", "", ""]),
        ("supervisor", "region-staff", ["", "", ""]),
        ("supervisor", "audit", ["", "", ""]),
        ("supervisor", "counter", ["VC", "", ""]),
        ("supervisor", "calendar", ["V", "V", "V"]),
        ("supervisor", "own-cases", ["", "", ""]),
        ("supervisor", "feedback", ["", "", ""]),
        ("supervisor", "regions", ["", "", ""]),
        ("supervisor", "region-communities", ["", "", ""]),
        ("supervisor", "community-profile", ["", "", ""]),
        ("community_admin", "account", ["VC", "", ""]),
        ("community_admin", "case", ["", "", ""]),
        ("community_admin", "community-staff", ["VCM", "", ""]),
        ("community_admin", "region-staff", ["", "", ""]),
        ("community_admin", "audit", ["", "", ""]),
        ("community_admin", "counter", ["", "", ""]),
        ("community_admin", "calendar", ["V", "V", "V"]),
        ("community_admin", "own-cases", ["", "", ""]),
        ("community_admin", "feedback", ["V", "", ""]),
        ("community_admin", "regions", ["", "", ""]),
        ("community_admin", "region-communities", ["", "", ""]),
        ("community_admin", "community-profile", ["VC", "", ""]),
        ("regional_admin", "account", ["VC", "", ""]),
        ("regional_admin", "case", ["", "", ""]),
        ("regional_admin", "community-staff", ["VCM", "VCM", ""]),
        ("regional_admin", "region-staff", ["VCM", "VCM", ""]),
        ("regional_admin", "audit", ["", "", ""]),
        ("regional_admin", "counter", ["", "", ""]),
        ("regional_admin", "calendar", ["VCM", "VCM", "VCM"]),
        ("regional_admin", "own-cases", ["", "", ""]),
        ("regional_admin", "feedback", ["V", "V", ""]),
        ("regional_admin", "regions", ["", "", ""]),
        ("regional_admin", "region-communities", ["VCM", "VCM", ""]),
        ("regional_admin", "community-profile", ["VCM", "VCM", ""]),
        ("auditor", "account", ["VC", "", ""]),
        ("auditor", "case", ["", "", ""]),
        ("auditor", "community-staff", ["", "", ""]),
        ("auditor", "region-staff", ["", "", ""]),
        ("auditor", "audit", ["V", "V", ""]),
        ("auditor", "counter", ["", "", ""]),
        ("auditor", "calendar", ["V", "V", "V"]),
        ("auditor", "own-cases", ["", "", ""]),
        ("auditor", "feedback", ["", "", ""]),
        ("auditor", "regions", ["", "", ""]),
        ("auditor", "region-communities", ["", "", ""]),
        ("auditor", "community-profile", ["", "", ""]),
        ("installation_admin", "account", ["VC", "", ""]),
        ("installation_admin", "case", ["", "", ""]),
        ("installation_admin", "community-staff", ["", "", ""]),
        ("installation_admin", "region-staff", ["VCM", "VCM", "VCM"]),
        ("installation_admin", "audit", ["", "", ""]),
        ("installation_admin", "counter", ["", "", ""]),
        ("installation_admin", "calendar", ["VCM", "VCM", "VCM"]),
        ("installation_admin", "own-cases", ["", "", ""]),
        ("installation_admin", "feedback", ["", "", ""]),
        ("installation_admin", "regions", ["VCM", "VCM", "VCM"]),
        ("installation_admin", "region-communities", ["V", "V", "V"]),
        ("installation_admin", "community-profile", ["", "", ""]),
    ];

    #[test]
    fn every_role_against_every_resource_kind_and_relation() {
        let mut checked = 0;
        for (who, kind, expected) in MATRIX {
            for (relation, allowed) in RELATIONS.iter().zip(expected) {
                for (action, letter) in [(Action::View, 'V'), (Action::Change, 'C'), (Action::Manage, 'M')] {
                    let got = decide(&person(who), action, &resource(kind, *relation)).allowed();
                    assert_eq!(got, allowed.contains(letter), "{who} {action:?} {kind} ({relation:?})");
                    checked += 1;
                }
            }
        }
        assert_eq!(checked, 9 * 12 * 3 * 3, "the matrix covers every person × kind × relation × action");
    }

    #[test]
    fn roles_in_two_communities_do_not_mix() {
        let person = Person::Staff {
            id: ME,
            roles: vec![(Role::Officer, Scope::Community("buchanska".into())), (Role::CommunityAdmin, Scope::Community("irpinska".into()))],
        };
        let bucha = place(Relation::Own);
        let irpin = place(Relation::SameRegion);
        assert!(decide(&person, Action::Change, &Resource::Case { place: bucha.clone(), applicant: None }).allowed());
        assert!(!decide(&person, Action::Manage, &Resource::CommunityStaff(bucha)).allowed());
        assert!(decide(&person, Action::Manage, &Resource::CommunityStaff(irpin.clone())).allowed());
        assert!(!decide(&person, Action::View, &Resource::Case { place: irpin, applicant: None }).allowed());
    }

    #[test]
    fn what_an_admin_may_grant() {
        let admin = person("community_admin");
        assert_eq!(grantable_roles(&admin, &Scope::Community("buchanska".into()), "kyivska").len(), 4);
        assert!(grantable_roles(&admin, &Scope::Community("irpinska".into()), "kyivska").is_empty());
        assert!(grantable_roles(&admin, &Scope::Region("kyivska".into()), "").is_empty());
        let regional = person("regional_admin");
        assert_eq!(grantable_roles(&regional, &Scope::Region("kyivska".into()), ""), vec![Role::RegionalAdmin, Role::Auditor]);
        assert_eq!(grantable_roles(&regional, &Scope::Community("irpinska".into()), "kyivska").len(), 4);
        assert!(grantable_roles(&regional, &Scope::Community("ternopilska".into()), "ternopilska").is_empty());
        assert!(grantable_roles(&regional, &Scope::Installation, "").is_empty());
        let installation = person("installation_admin");
        assert_eq!(grantable_roles(&installation, &Scope::Installation, ""), vec![Role::InstallationAdmin]);
        assert_eq!(grantable_roles(&installation, &Scope::Region("ternopilska".into()), ""), vec![Role::RegionalAdmin, Role::Auditor]);
        assert!(
            grantable_roles(&installation, &Scope::Community("buchanska".into()), "kyivska").is_empty(),
            "communities are their region's"
        );
    }
}
