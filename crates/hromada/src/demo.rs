//! The demo installation of `../shared/DEMO.md`: eight oblasts, one community
//! each, and the demo catalogue, offered everywhere. Idempotent.

use hromada_domain::Text;
use hromada_domain::place::{CentreKind, Community, DayHours, Region, ServiceCentre, WeekHours};
use hromada_domain::slug::slugify;

include!(concat!(env!("OUT_DIR"), "/demo_services.rs"));

/// The demo's places as Minregion's codifier (КАТОТТГ) has them: the rows of
/// the eight oblasts, the raion of each demo community, the community and its
/// settlements, cut from the codifier of 16.05.2025 (real codes). The demo
/// reads it with `hromada places import`'s own code.
pub const CODIFIER: &[u8] = include_bytes!("../demo/katottg.csv");

struct Place {
    region_uk: &'static str,
    region_en: &'static str,
    community_uk: &'static str,
    community_en: &'static str,
    code: &'static str,
    town_uk: &'static str,
    town_en: &'static str,
    street_uk: &'static str,
    street_en: &'static str,
    phone: &'static str,
}

const PLACES: &[Place] = &[
    Place {
        region_uk: "Київська",
        region_en: "Kyiv",
        community_uk: "Бучанська",
        community_en: "Bucha",
        code: "BUC",
        town_uk: "м. Буча",
        town_en: "Bucha",
        street_uk: "вул. Енергетиків, 12",
        street_en: "12 Enerhetykiv St",
        phone: "+380 44 000 01 01",
    },
    Place {
        region_uk: "Черкаська",
        region_en: "Cherkasy",
        community_uk: "Черкаська",
        community_en: "Cherkasy",
        code: "CHK",
        town_uk: "м. Черкаси",
        town_en: "Cherkasy",
        street_uk: "бул. Шевченка, 117",
        street_en: "117 Shevchenka Blvd",
        phone: "+380 47 000 01 02",
    },
    Place {
        region_uk: "Закарпатська",
        region_en: "Zakarpattia",
        community_uk: "Ужгородська",
        community_en: "Uzhhorod",
        code: "UZH",
        town_uk: "м. Ужгород",
        town_en: "Uzhhorod",
        street_uk: "пл. Поштова, 3",
        street_en: "3 Poshtova Sq",
        phone: "+380 31 000 01 03",
    },
    Place {
        region_uk: "Тернопільська",
        region_en: "Ternopil",
        community_uk: "Тернопільська",
        community_en: "Ternopil",
        code: "TER",
        town_uk: "м. Тернопіль",
        town_en: "Ternopil",
        street_uk: "вул. Листопадова, 5",
        street_en: "5 Lystopadova St",
        phone: "+380 35 000 01 04",
    },
    Place {
        region_uk: "Вінницька",
        region_en: "Vinnytsia",
        community_uk: "Вінницька",
        community_en: "Vinnytsia",
        code: "VIN",
        town_uk: "м. Вінниця",
        town_en: "Vinnytsia",
        street_uk: "вул. Соборна, 59",
        street_en: "59 Soborna St",
        phone: "+380 43 000 01 05",
    },
    Place {
        region_uk: "Волинська",
        region_en: "Volyn",
        community_uk: "Луцька",
        community_en: "Lutsk",
        code: "LUT",
        town_uk: "м. Луцьк",
        town_en: "Lutsk",
        street_uk: "вул. Богдана Хмельницького, 19",
        street_en: "19 Bohdana Khmelnytskoho St",
        phone: "+380 33 000 01 06",
    },
    Place {
        region_uk: "Дніпропетровська",
        region_en: "Dnipropetrovsk",
        community_uk: "Дніпровська",
        community_en: "Dnipro",
        code: "DNI",
        town_uk: "м. Дніпро",
        town_en: "Dnipro",
        street_uk: "просп. Дмитра Яворницького, 75",
        street_en: "75 Dmytra Yavornytskoho Ave",
        phone: "+380 56 000 01 07",
    },
    Place {
        region_uk: "Житомирська",
        region_en: "Zhytomyr",
        community_uk: "Житомирська",
        community_en: "Zhytomyr",
        code: "ZHY",
        town_uk: "м. Житомир",
        town_en: "Zhytomyr",
        street_uk: "майдан Корольова, 4/2",
        street_en: "4/2 Korolova Sq",
        phone: "+380 41 000 01 08",
    },
];

/// A demo person. Staff have a fixed TOTP secret (base32), printed so that a
/// tester can compute codes with `oathtool --totp -b SECRET`.
pub struct Person {
    pub role: &'static str,
    /// A community slug, a region slug for regional roles, or [`INSTALLATION`].
    pub place: &'static str,
    pub email: &'static str,
    pub name: &'static str,
    pub password: &'static str,
    pub totp: Option<&'static str>,
}

const fn staff(role: &'static str, place: &'static str, email: &'static str, name: &'static str, totp: &'static str) -> Person {
    Person { role, place, email, name, password: "Demo-Hromada-Pratsivnyk-2026", totp: Some(totp) }
}

/// Demo only: these passwords and secrets are printed at start and never exist in `serve`.
pub const PEOPLE: &[Person] = &[
    Person {
        role: "resident",
        place: "buchanska",
        email: "olena.koval@demo.hromada.example",
        name: "Олена Коваль",
        password: "Sonyashnyk-Vyshyvanka-2026",
        totp: None,
    },
    staff("operator", "buchanska", "operator.buchanska@demo.hromada.example", "Марія Бондар", "GAK452HWVWAD2542IODYA7AMDMOTHH52"),
    staff("officer", "buchanska", "officer.buchanska@demo.hromada.example", "Андрій Мельник", "ARIED7J2KJHA7NIQ56CRSPYV6OUTE7LS"),
    staff("supervisor", "buchanska", "supervisor.buchanska@demo.hromada.example", "Ірина Шевчук", "CUFRHPOSGXKRDK6HTD2HW5DE5WP6BXQ4"),
    staff("community_admin", "buchanska", "admin.buchanska@demo.hromada.example", "Тарас Кравченко", "NSWKFRGWGLIXO5NGFLCBVFTQJ6GL74D3"),
    staff("officer", "ternopilska", "officer.ternopilska@demo.hromada.example", "Наталія Гнатюк", "W73OCWRAWZ6X3X5SNPMOVKRC7WCEXF5F"),
    staff("regional_admin", "kyivska", "admin.kyivska@demo.hromada.example", "Олег Савчук", "VFDFG765PVRTC7U2QFXIQ33IMZKG3XV4"),
    staff("auditor", "kyivska", "auditor.kyivska@demo.hromada.example", "Світлана Лисенко", "NCNC3W7ZXELD6NZ2VNA2UHVBKCYKUI6E"),
    staff("installation_admin", INSTALLATION, "admin@demo.hromada.example", "Богдан Ткаченко", "7TFQMAI3JLSQROYSMYB6NO2V37QIASIU"),
];

/// The place of a demo person whose role is the whole installation's.
pub const INSTALLATION: &str = "installation";

/// The demo's regions and communities, each with its ЦНАП (made-up contact
/// details; phone numbers use a 000 exchange).
pub fn places() -> Vec<(Region, Community, ServiceCentre)> {
    PLACES
        .iter()
        .map(|p| {
            let region = Region {
                slug: slugify(p.region_uk),
                name: Text::new(format!("{} область", p.region_uk), format!("{} Oblast", p.region_en)),
                katottg: None,
            };
            let slug = slugify(p.community_uk);
            let community = Community {
                slug: slug.clone(),
                region_slug: region.slug.clone(),
                code: p.code.to_string(),
                name: Text::new(format!("{} громада", p.community_uk), format!("{} community", p.community_en)),
                katottg: None,
                phone: p.phone.to_string(),
                email: format!("cnap@{slug}.example.org"),
                website: String::new(),
                published: true,
            };
            // Monday to Thursday 8:00–17:00, Friday 8:00–16:00, no lunch break.
            let long = DayHours { opens: 8 * 60, closes: 17 * 60, break_: None };
            let friday = DayHours { opens: 8 * 60, closes: 16 * 60, break_: None };
            let centre = ServiceCentre {
                id: 0,
                community_slug: slug.clone(),
                kind: CentreKind::Main,
                name: Text::new("ЦНАП", "Administrative service centre"),
                address: Text::new(format!("{}, {}", p.street_uk, p.town_uk), format!("{}, {}", p.street_en, p.town_en)),
                phone: p.phone.to_string(),
                hours: WeekHours([Some(long), Some(long), Some(long), Some(long), Some(friday), None, None]),
                accessibility: Text::new(
                    "Вхід з вулиці без сходинок, кнопка виклику працівника біля дверей.",
                    "Step-free entrance from the street, a call button for staff by the door.",
                ),
            };
            (region, community, centre)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use hromada_domain::definition::parse_definition;

    /// `hromada demo` hashes these without checking them (see `seed_demo_people`).
    #[test]
    fn every_demo_password_meets_the_rules_of_a_new_one() {
        for person in PEOPLE {
            let context = [person.email, person.name];
            assert!(hromada_domain::auth::NewPassword::parse(person.password, &[]).is_ok(), "{}", person.email);
            assert!(
                hromada_domain::auth::NewPassword::parse(person.password, &context).is_ok(),
                "{} (with its e-mail and name)",
                person.email
            );
        }
    }

    #[test]
    fn the_demo_has_eight_communities_with_transliterated_slugs_and_unique_codes() {
        let places = places();
        let slugs: Vec<&str> = places.iter().map(|(_, c, _)| c.slug.as_str()).collect();
        assert_eq!(slugs, ["buchanska", "cherkaska", "uzhhorodska", "ternopilska", "vinnytska", "lutska", "dniprovska", "zhytomyrska"]);
        let mut codes: Vec<&str> = places.iter().map(|(_, c, _)| c.code.as_str()).collect();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), 8);
        assert_eq!(places[0].0.slug, "kyivska");
    }

    #[test]
    fn every_embedded_demo_service_is_valid_and_named_after_its_id() {
        assert!(DEMO_SERVICES.len() >= 11, "DEMO.md lists eleven services");
        for (file, source) in DEMO_SERVICES {
            let stem = file.trim_end_matches(".toml");
            let parsed = parse_definition(source, Some(stem));
            let errors: Vec<String> = parsed.errors().map(ToString::to_string).collect();
            assert!(errors.is_empty(), "{file}: {errors:?}");
        }
    }
}
