//! Places as an installation's own people keep them, on every backend: a
//! codifier's import (found by КАТОТТГ code, added / changed / left alone, and
//! nothing written when it cannot all be), a reference code fixed once a case
//! uses it, service centres, the local details of offers, the installation's
//! settings and its administrators. КАТОТТГ codes are real ones.

use super::*;
use hromada_domain::place::{CentreKind, DayHours, Installation, ServiceCentre, WeekHours};
use hromada_store::{Counts, PlacesOutcome};

conformance! {
    a_codifier_import_adds_changes_and_leaves_alone =>
        a_codifier_import_adds_changes_and_leaves_alone_sqlite, a_codifier_import_adds_changes_and_leaves_alone_postgres;
    a_refused_import_writes_nothing => a_refused_import_writes_nothing_sqlite, a_refused_import_writes_nothing_postgres;
    a_previewed_import_counts_as_the_import_would_and_writes_nothing =>
        a_previewed_import_counts_as_the_import_would_and_writes_nothing_sqlite,
        a_previewed_import_counts_as_the_import_would_and_writes_nothing_postgres;
    publication_is_its_own_write => publication_is_its_own_write_sqlite, publication_is_its_own_write_postgres;
    a_reference_code_is_fixed_once_a_case_uses_it =>
        a_reference_code_is_fixed_once_a_case_uses_it_sqlite, a_reference_code_is_fixed_once_a_case_uses_it_postgres;
    service_centres_belong_to_their_community =>
        service_centres_belong_to_their_community_sqlite, service_centres_belong_to_their_community_postgres;
    offers_keep_their_local_details => offers_keep_their_local_details_sqlite, offers_keep_their_local_details_postgres;
    a_community_has_one_tsnap_at_most => a_community_has_one_tsnap_at_most_sqlite, a_community_has_one_tsnap_at_most_postgres;
    the_installation_has_its_settings_and_administrators =>
        the_installation_has_its_settings_and_administrators_sqlite, the_installation_has_its_settings_and_administrators_postgres;
}

const KYIV_OBLAST: &str = "UA32000000000030281";
const LVIV_OBLAST: &str = "UA46000000000026241";
const BUCHA: &str = "UA32080070000050759";
const IRPIN: &str = "UA32080150000035443";

fn coded_region(region: Region, code: &str) -> Region {
    Region { katottg: Some(code.into()), ..region }
}

fn coded(community: Community, code: &str) -> Community {
    Community { katottg: Some(code.into()), ..community }
}

fn counts(added: u64, changed: u64, unchanged: u64) -> Counts {
    Counts { added, changed, unchanged }
}

async fn a_codifier_import_adds_changes_and_leaves_alone(store: &dyn Store) {
    let regions = vec![coded_region(kyivska(), KYIV_OBLAST), coded_region(lvivska(), LVIV_OBLAST)];
    let communities = vec![coded(buchanska(), BUCHA), coded(irpinska(), IRPIN)];
    let g0 = store.catalogue_generation().await.expect("generation");
    let first = store.import_places(&regions, &communities).await.expect("first import");
    assert_eq!(first, PlacesOutcome { regions: counts(2, 0, 0), communities: counts(2, 0, 0) });
    assert!(store.catalogue_generation().await.expect("generation") > g0);
    assert_eq!(store.communities().await.expect("communities"), communities);

    // The same file again changes nothing, not even the generation.
    let g1 = store.catalogue_generation().await.expect("generation");
    let again = store.import_places(&regions, &communities).await.expect("second import");
    assert_eq!(again, PlacesOutcome { regions: counts(0, 0, 2), communities: counts(0, 0, 2) });
    assert_eq!(store.catalogue_generation().await.expect("generation"), g1);

    // Its administrators changed Bucha's profile and unpublished it; a renamed
    // community in a later codifier is found by its code under a new slug, and
    // keeps its slug, reference code, profile and publication.
    let mut profile = coded(buchanska(), BUCHA);
    profile.phone = "+380 44 222-22-22".into();
    store.put_community(&profile).await.expect("profile");
    assert!(store.set_community_published("buchanska", false).await.expect("unpublish"));
    let mut renamed = coded(buchanska(), BUCHA);
    renamed.slug = "buchanska-mihska".into();
    renamed.code = "BMG".into();
    renamed.name = Text::new("Бучанська міська громада", "Bucha City Community");
    let third = store.import_places(&regions, &[renamed, coded(irpinska(), IRPIN)]).await.expect("third import");
    assert_eq!(third, PlacesOutcome { regions: counts(0, 0, 2), communities: counts(0, 1, 1) });
    let stored = store.communities().await.expect("communities");
    let bucha = stored.iter().find(|c| c.katottg.as_deref() == Some(BUCHA)).expect("bucha");
    assert_eq!((bucha.slug.as_str(), bucha.code.as_str()), ("buchanska", "BUC"));
    assert_eq!(bucha.name.uk, "Бучанська міська громада");
    assert_eq!(bucha.phone, "+380 44 222-22-22");
    assert!(!bucha.published);
    assert_eq!(stored.len(), 2);
}

async fn is_published(store: &dyn Store, slug: &str) -> Option<bool> {
    store.communities().await.expect("communities").into_iter().find(|c| c.slug == slug).map(|c| c.published)
}

async fn publication_is_its_own_write(store: &dyn Store) {
    store.put_region(&kyivska()).await.expect("region");
    store.put_community(&buchanska()).await.expect("a published community");
    assert_eq!(is_published(store, "buchanska").await, Some(true));

    // A profile saved from a page read before a publish (or an unpublish)
    // carries the old `published`: it changes the profile, not the publication.
    let g0 = store.catalogue_generation().await.expect("generation");
    let stale = Community { phone: "+380 44 333-33-33".into(), published: false, ..buchanska() };
    store.put_community(&stale).await.expect("profile");
    let stored = store.communities().await.expect("communities");
    assert_eq!(stored, vec![Community { published: true, ..stale.clone() }]);
    let g1 = store.catalogue_generation().await.expect("generation");
    assert!(g1 > g0, "the profile changed");

    // A stale `published` alone is no change at all.
    store.put_community(&stale).await.expect("the same profile again");
    assert_eq!(store.catalogue_generation().await.expect("generation"), g1);
    assert_eq!(is_published(store, "buchanska").await, Some(true));

    // Publication is set on its own, and residents' catalogue is rebuilt for it.
    assert!(store.set_community_published("buchanska", false).await.expect("unpublish"));
    assert_eq!(is_published(store, "buchanska").await, Some(false));
    let g2 = store.catalogue_generation().await.expect("generation");
    assert!(g2 > g1, "unpublishing bumps the generation");
    // Setting what is already stored changes nothing.
    assert!(store.set_community_published("buchanska", false).await.expect("unpublish again"));
    assert_eq!(store.catalogue_generation().await.expect("generation"), g2);
    // The profile saved after it keeps it unpublished, however it was read.
    store.put_community(&Community { published: true, ..stale.clone() }).await.expect("profile");
    assert_eq!(is_published(store, "buchanska").await, Some(false));
    assert!(store.set_community_published("buchanska", true).await.expect("publish"));
    assert_eq!(is_published(store, "buchanska").await, Some(true));
    assert!(store.catalogue_generation().await.expect("generation") > g2, "publishing bumps the generation");

    // An unknown community: nothing to set, nothing changed.
    let g3 = store.catalogue_generation().await.expect("generation");
    assert!(!store.set_community_published("nowhere", true).await.expect("unknown"));
    assert_eq!(store.catalogue_generation().await.expect("generation"), g3);
    assert_eq!(store.communities().await.expect("communities").len(), 1);

    // A new community still takes the publication it is given.
    store.put_community(&irpinska()).await.expect("an unpublished community");
    assert_eq!(is_published(store, "irpinska").await, Some(false));
}

async fn a_refused_import_writes_nothing(store: &dyn Store) {
    // A place made by hand, without a code, holds the slug a new place would take.
    store.put_region(&kyivska()).await.expect("region");
    store.put_community(&coded(buchanska(), BUCHA)).await.expect("community");
    let g0 = store.catalogue_generation().await.expect("generation");
    let lviv = coded_region(lvivska(), LVIV_OBLAST);

    // Irpin under Bucha's slug: a new community whose slug is taken.
    let mut clash = coded(irpinska(), IRPIN);
    clash.slug = "buchanska".into();
    let err = store.import_places(std::slice::from_ref(&lviv), &[clash]).await.expect_err("slug taken");
    assert!(matches!(err, StoreError::Invalid(ref m) if m.contains("buchanska")), "unexpected error: {err:?}");

    // Irpin with Bucha's reference code.
    let mut twin = coded(irpinska(), IRPIN);
    twin.code = "BUC".into();
    let err = store.import_places(std::slice::from_ref(&lviv), &[twin]).await.expect_err("code taken");
    assert!(matches!(err, StoreError::Invalid(ref m) if m.contains("BUC")), "unexpected error: {err:?}");

    // Irpin in a region that is neither given nor stored.
    let mut orphan = coded(irpinska(), IRPIN);
    orphan.region_slug = "nowhere".into();
    let err = store.import_places(std::slice::from_ref(&lviv), &[orphan]).await.expect_err("no region");
    assert!(matches!(err, StoreError::Invalid(ref m) if m.contains("nowhere")), "unexpected error: {err:?}");

    // Lviv oblast, given first each time, was not written by any of them.
    assert_eq!(store.regions().await.expect("regions"), vec![kyivska()]);
    assert_eq!(store.communities().await.expect("communities"), vec![coded(buchanska(), BUCHA)]);
    assert_eq!(store.catalogue_generation().await.expect("generation"), g0);
}

async fn a_previewed_import_counts_as_the_import_would_and_writes_nothing(store: &dyn Store) {
    let regions = vec![coded_region(kyivska(), KYIV_OBLAST), coded_region(lvivska(), LVIV_OBLAST)];
    let communities = vec![coded(buchanska(), BUCHA), coded(irpinska(), IRPIN)];
    let g0 = store.catalogue_generation().await.expect("generation");
    let preview = store.preview_import_places(&regions, &communities).await.expect("preview");
    assert_eq!(preview, PlacesOutcome { regions: counts(2, 0, 0), communities: counts(2, 0, 0) });
    assert_eq!(store.regions().await.expect("regions"), vec![]);
    assert_eq!(store.communities().await.expect("communities"), vec![]);
    assert_eq!(store.catalogue_generation().await.expect("generation"), g0);

    assert_eq!(store.import_places(&regions, &communities).await.expect("import"), preview);
    let again = store.preview_import_places(&regions, &communities).await.expect("preview again");
    assert_eq!(again, PlacesOutcome { regions: counts(0, 0, 2), communities: counts(0, 0, 2) });

    // A preview refuses what the import would refuse, and says why.
    // Hostomel (a new community) under Bucha's slug.
    let mut clash = coded(irpinska(), "UA32080110000056605");
    clash.slug = "buchanska".into();
    clash.code = "HOS".into();
    let mut renamed = coded(buchanska(), BUCHA);
    renamed.name = Text::new("Бучанська міська громада", "Bucha City Community");
    let err = store.preview_import_places(&regions, &[renamed.clone(), clash]).await.expect_err("slug taken");
    assert!(matches!(err, StoreError::Invalid(ref m) if m.contains("buchanska")), "unexpected error: {err:?}");
    let renaming = store.preview_import_places(&regions, &[renamed]).await.expect("preview of a rename");
    assert_eq!(renaming.communities, counts(0, 1, 0));
    assert_eq!(store.communities().await.expect("communities"), communities);
}

async fn a_reference_code_is_fixed_once_a_case_uses_it(store: &dyn Store) {
    seed_places(store).await;
    store.import_service("dovidka", SOURCE_V1, moment()).await.expect("import");
    let mut community = buchanska();
    community.code = "BCH".into();
    store.put_community(&community).await.expect("no case yet: the code may change");
    assert!(!store.community_has_cases("buchanska").await.expect("cases"));

    store
        .create_case(&NewCase {
            community_slug: "buchanska".into(),
            service_slug: "dovidka".into(),
            service_version: 1,
            state: DRAFT_STATE.into(),
            created_at: moment(),
            applicant: None,
            lang: Lang::Uk,
            contact_email: None,
            owner_token_hash: None,
            channel: CaseChannel::Online,
            assisted_by: None,
            assisted_note: None,
        })
        .await
        .expect("a draft");
    assert!(store.community_has_cases("buchanska").await.expect("cases"));
    community.code = "BUC".into();
    let err = store.put_community(&community).await.expect_err("the code is fixed now");
    assert!(matches!(err, StoreError::Invalid(_)), "unexpected error: {err:?}");
    community.code = "BCH".into();
    community.phone = "+380 44 333-33-33".into();
    store.put_community(&community).await.expect("the rest of the profile still changes");
    assert_eq!(store.communities().await.expect("communities"), vec![community]);

    // A new community may not take a code or slug that is in use.
    let err = store.add_community(&Community { slug: "insha".into(), code: "BCH".into(), ..buchanska() }).await.expect_err("code in use");
    assert!(matches!(err, StoreError::Conflict(_)), "unexpected error: {err:?}");
    let err = store.add_community(&Community { code: "IRP".into(), ..buchanska() }).await.expect_err("slug in use");
    assert!(matches!(err, StoreError::Conflict(_)), "unexpected error: {err:?}");
    let err = store.add_community(&Community { region_slug: "nowhere".into(), ..irpinska() }).await.expect_err("no region");
    assert!(matches!(err, StoreError::NotFound), "unexpected error: {err:?}");
    store.add_community(&irpinska()).await.expect("a new community");
    assert_eq!(store.communities().await.expect("communities").len(), 2);
}

fn centre(community: &str, kind: CentreKind, name: &str) -> ServiceCentre {
    let day = DayHours::new(8 * 60, 17 * 60, Some((12 * 60, 12 * 60 + 45))).expect("hours");
    ServiceCentre {
        id: 0,
        community_slug: community.into(),
        kind,
        name: Text::new(name, "Centre"),
        address: Text { uk: "вул. Енергетиків, 12, м. Буча".into(), en: None },
        phone: "+380 4597 4-94-00".into(),
        hours: WeekHours([Some(day), Some(day), Some(day), Some(day), Some(day), None, None]),
        accessibility: Text::new("Пандус, індукційна петля.", "A ramp, a hearing loop."),
    }
}

async fn service_centres_belong_to_their_community(store: &dyn Store) {
    seed_places(store).await;
    store.put_community(&irpinska()).await.expect("irpinska");
    let g0 = store.catalogue_generation().await.expect("generation");
    let remote = store.put_service_centre(&centre("buchanska", CentreKind::Remote, "Віддалене місце, с. Луб'янка")).await.expect("remote");
    let main = store.put_service_centre(&centre("buchanska", CentreKind::Main, "ЦНАП")).await.expect("main");
    assert!(store.catalogue_generation().await.expect("generation") > g0, "residents see centres");
    let stored = store.service_centres().await.expect("centres");
    assert_eq!(stored.iter().map(|c| c.id).collect::<Vec<_>>(), vec![main, remote], "the ЦНАП first");
    assert_eq!(stored[0], ServiceCentre { id: main, ..centre("buchanska", CentreKind::Main, "ЦНАП") });

    // Changed in place; never through another community.
    let mut changed = stored[1].clone();
    changed.hours = WeekHours::default();
    changed.accessibility = Text::default();
    assert_eq!(store.put_service_centre(&changed).await.expect("change"), remote);
    assert_eq!(store.service_centres().await.expect("centres")[1], changed);
    let err = store.put_service_centre(&ServiceCentre { community_slug: "irpinska".into(), ..changed.clone() }).await;
    assert!(matches!(err, Err(StoreError::NotFound)), "unexpected: {err:?}");
    assert!(!store.delete_service_centre("irpinska", remote).await.expect("delete elsewhere"));
    let err = store.put_service_centre(&centre("nowhere", CentreKind::Main, "ЦНАП")).await;
    assert!(matches!(err, Err(StoreError::NotFound)), "unexpected: {err:?}");
    assert_eq!(store.service_centres().await.expect("centres").len(), 2);

    assert!(store.delete_service_centre("buchanska", remote).await.expect("delete"));
    assert!(!store.delete_service_centre("buchanska", remote).await.expect("again"));
    assert_eq!(store.service_centres().await.expect("centres").len(), 1);
}

/// A second ЦНАП is refused, added or made by changing a remote workplace,
/// and nothing of it is written; another community has its own.
async fn a_community_has_one_tsnap_at_most(store: &dyn Store) {
    seed_places(store).await;
    store.put_community(&irpinska()).await.expect("irpinska");
    let main = store.put_service_centre(&centre("buchanska", CentreKind::Main, "ЦНАП")).await.expect("main");
    let remote = store.put_service_centre(&centre("buchanska", CentreKind::Remote, "Віддалене місце")).await.expect("remote");
    let g0 = store.catalogue_generation().await.expect("generation");
    let err = store.put_service_centre(&centre("buchanska", CentreKind::Main, "Другий ЦНАП")).await;
    assert!(matches!(err, Err(StoreError::Invalid(_))), "unexpected: {err:?}");
    let promoted = ServiceCentre { id: remote, ..centre("buchanska", CentreKind::Main, "Віддалене місце") };
    let err = store.put_service_centre(&promoted).await;
    assert!(matches!(err, Err(StoreError::Invalid(_))), "unexpected: {err:?}");
    assert_eq!(store.catalogue_generation().await.expect("generation"), g0, "nothing written");
    let kinds: Vec<(i64, CentreKind)> = store.service_centres().await.expect("centres").iter().map(|c| (c.id, c.kind)).collect();
    assert_eq!(kinds, vec![(main, CentreKind::Main), (remote, CentreKind::Remote)]);
    // The ЦНАП itself is changed as a ЦНАП; Irpin has its own.
    store.put_service_centre(&ServiceCentre { id: main, ..centre("buchanska", CentreKind::Main, "ЦНАП Бучі") }).await.expect("itself");
    store.put_service_centre(&centre("irpinska", CentreKind::Main, "ЦНАП")).await.expect("irpin's");
}

async fn offers_keep_their_local_details(store: &dyn Store) {
    seed_places(store).await;
    store.put_community(&irpinska()).await.expect("irpinska");
    store.import_service("dovidka", SOURCE_V1, moment()).await.expect("import");
    let main = store.put_service_centre(&centre("buchanska", CentreKind::Main, "ЦНАП")).await.expect("centre");
    let irpin = store.put_service_centre(&centre("irpinska", CentreKind::Main, "ЦНАП")).await.expect("centre");
    let offer = Offer {
        community_slug: "buchanska".into(),
        service_slug: "dovidka".into(),
        fee_kopiykas: Some(8_500),
        collect_at: Some(main),
        department: Text::new("Відділ реєстрації місця проживання", "Residence registration department"),
        note: Text { uk: "Довідку видають у вікні 3.".into(), en: None },
    };
    store.put_offer(&offer).await.expect("offer");
    assert_eq!(store.offers().await.expect("offers"), vec![offer.clone()]);

    // Offering it again without details keeps the details; the same details are no change.
    let g0 = store.catalogue_generation().await.expect("generation");
    store.offer_service("buchanska", "dovidka").await.expect("offer again");
    store.put_offer(&offer).await.expect("same details");
    assert_eq!(store.offers().await.expect("offers"), vec![offer.clone()]);
    assert_eq!(store.catalogue_generation().await.expect("generation"), g0);

    // Collected at another community's centre: refused, nothing changed.
    let err = store.put_offer(&Offer { collect_at: Some(irpin), ..offer.clone() }).await.expect_err("another's centre");
    assert!(matches!(err, StoreError::Invalid(_)), "unexpected error: {err:?}");
    let err = store.put_offer(&Offer { service_slug: "nemaie".into(), ..offer.clone() }).await.expect_err("unknown service");
    assert!(matches!(err, StoreError::NotFound), "unexpected error: {err:?}");
    assert_eq!(store.offers().await.expect("offers"), vec![offer.clone()]);

    // The centre closes: the offer stays, without a place to collect.
    assert!(store.delete_service_centre("buchanska", main).await.expect("delete"));
    assert_eq!(store.offers().await.expect("offers"), vec![Offer { collect_at: None, ..offer }]);

    assert!(store.withdraw_offer("buchanska", "dovidka").await.expect("withdraw"));
    assert!(!store.withdraw_offer("buchanska", "dovidka").await.expect("again"));
    assert!(store.offers().await.expect("offers").is_empty());
}

async fn the_installation_has_its_settings_and_administrators(store: &dyn Store) {
    assert_eq!(store.installation().await.expect("installation"), None, "a fresh database is not set up");
    let settings = Installation {
        name: Text::new("Послуги Київщини", "Kyiv Region Services"),
        public_url: "https://poslugy.example.gov.ua".into(),
    };
    store.put_installation(&settings).await.expect("put");
    assert_eq!(store.installation().await.expect("installation"), Some(settings.clone()));
    let renamed = Installation { name: Text { uk: "Послуги".into(), en: None }, ..settings };
    store.put_installation(&renamed).await.expect("put again");
    assert_eq!(store.installation().await.expect("installation"), Some(renamed));

    let admin = store.create_account(&new_account("admin@example.gov.ua")).await.expect("account");
    let grant = RoleGrant {
        account: admin.id,
        role: Role::InstallationAdmin,
        scope: Scope::Installation,
        granted_by: None,
        granted_at: moment_stored(),
    };
    assert!(store.grant_role(&grant).await.expect("grant"));
    assert!(!store.grant_role(&grant).await.expect("grant again"), "held once");
    assert_eq!(store.roles_of(admin.id).await.expect("roles"), vec![grant]);
    // The role has no place, and other roles must have one.
    let misplaced =
        RoleGrant { account: admin.id, role: Role::Officer, scope: Scope::Installation, granted_by: None, granted_at: moment_stored() };
    assert!(store.grant_role(&misplaced).await.is_err(), "an officer of nowhere");
    assert!(store.revoke_role(admin.id, Role::InstallationAdmin, &Scope::Installation).await.expect("revoke"));
    assert!(store.roles_of(admin.id).await.expect("roles").is_empty());
}
