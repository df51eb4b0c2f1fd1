//! Places on SQLite (see `crate::places`).

use hromada_domain::place::{CentreKind, Community, Installation, Offer, Region, ServiceCentre, WeekHours};
use sqlx::SqliteConnection;
use sqlx::sqlite::{SqlitePool, SqliteRow};

use super::{BEGIN_WRITE, BUMP_GENERATION, get, map_err, text};
use crate::common::{GENERATION_KEY, PlaceTable, bad_stored, centre_columns, community_columns};
use crate::places::{Change, PlacesOutcome};
use crate::{StoreError, StoreResult};

fn community_from_row(row: &SqliteRow) -> StoreResult<Community> {
    Ok(Community {
        slug: get(row, "slug")?,
        region_slug: get(row, "region_slug")?,
        code: get(row, "code")?,
        name: text(get(row, "name_uk")?, get(row, "name_en")?),
        katottg: get(row, "katottg")?,
        phone: get(row, "phone")?,
        email: get(row, "email")?,
        website: get(row, "website")?,
        published: get::<i64>(row, "published")? == 1,
    })
}

fn region_from_row(row: &SqliteRow) -> StoreResult<Region> {
    Ok(Region { slug: get(row, "slug")?, name: text(get(row, "name_uk")?, get(row, "name_en")?), katottg: get(row, "katottg")? })
}

fn centre_from_row(row: &SqliteRow) -> StoreResult<ServiceCentre> {
    let kind: String = get(row, "kind")?;
    let hours: String = get(row, "hours")?;
    Ok(ServiceCentre {
        id: get(row, "id")?,
        community_slug: get(row, "community_slug")?,
        kind: CentreKind::parse(&kind).ok_or_else(|| bad_stored("service_centres.kind"))?,
        name: text(get(row, "name_uk")?, get(row, "name_en")?),
        address: text(get(row, "address_uk")?, get(row, "address_en")?),
        phone: get(row, "phone")?,
        hours: WeekHours::from_stored(&hours).ok_or_else(|| bad_stored("service_centres.hours"))?,
        accessibility: text(get(row, "accessibility_uk")?, get(row, "accessibility_en")?),
    })
}

async fn bump(conn: &mut SqliteConnection) -> StoreResult<()> {
    sqlx::query(BUMP_GENERATION).bind(GENERATION_KEY).execute(conn).await.map_err(map_err)?;
    Ok(())
}

pub(super) async fn regions(readers: &SqlitePool) -> StoreResult<Vec<Region>> {
    let rows =
        sqlx::query("SELECT slug, name_uk, name_en, katottg FROM regions ORDER BY slug").fetch_all(readers).await.map_err(map_err)?;
    rows.iter().map(region_from_row).collect()
}

pub(super) async fn communities(readers: &SqlitePool) -> StoreResult<Vec<Community>> {
    let rows = sqlx::query(concat!("SELECT ", community_columns!(), " FROM communities ORDER BY slug"))
        .fetch_all(readers)
        .await
        .map_err(map_err)?;
    rows.iter().map(community_from_row).collect()
}

/// Insert or update a region by slug.
async fn upsert_region(conn: &mut SqliteConnection, region: &Region) -> StoreResult<Change> {
    let existing = sqlx::query("SELECT slug, name_uk, name_en, katottg FROM regions WHERE slug = ?")
        .bind(&region.slug)
        .fetch_optional(&mut *conn)
        .await
        .map_err(map_err)?;
    match existing.as_ref().map(region_from_row).transpose()? {
        None => {
            sqlx::query("INSERT INTO regions (slug, name_uk, name_en, katottg) VALUES (?, ?, ?, ?)")
                .bind(&region.slug)
                .bind(&region.name.uk)
                .bind(&region.name.en)
                .bind(&region.katottg)
                .execute(&mut *conn)
                .await
                .map_err(map_err)?;
            Ok(Change::Added)
        }
        Some(stored) if stored == *region => Ok(Change::Unchanged),
        Some(_) => {
            sqlx::query("UPDATE regions SET name_uk = ?, name_en = ?, katottg = ? WHERE slug = ?")
                .bind(&region.name.uk)
                .bind(&region.name.en)
                .bind(&region.katottg)
                .bind(&region.slug)
                .execute(&mut *conn)
                .await
                .map_err(map_err)?;
            Ok(Change::Changed)
        }
    }
}

/// Insert or update a community by slug; its reference code may change only
/// while it has no case. An update leaves its publication as stored: that is
/// [`set_community_published`]'s alone, so a profile saved from a page read
/// before a publish does not undo it.
async fn upsert_community(conn: &mut SqliteConnection, community: &Community) -> StoreResult<Change> {
    let existing = sqlx::query(concat!("SELECT ", community_columns!(), " FROM communities WHERE slug = ?"))
        .bind(&community.slug)
        .fetch_optional(&mut *conn)
        .await
        .map_err(map_err)?;
    let Some(stored) = existing.as_ref().map(community_from_row).transpose()? else {
        insert_community(conn, community).await?;
        return Ok(Change::Added);
    };
    if stored == (Community { published: stored.published, ..community.clone() }) {
        return Ok(Change::Unchanged);
    }
    if stored.code != community.code && has_cases(conn, &community.slug).await? {
        return Err(StoreError::Invalid(format!(
            "the reference code {} of community {} is fixed: cases use it",
            stored.code, community.slug
        )));
    }
    sqlx::query(
        "UPDATE communities SET region_slug = ?, code = ?, name_uk = ?, name_en = ?, katottg = ?, phone = ?, email = ?, \
         website = ? WHERE slug = ?",
    )
    .bind(&community.region_slug)
    .bind(&community.code)
    .bind(&community.name.uk)
    .bind(&community.name.en)
    .bind(&community.katottg)
    .bind(&community.phone)
    .bind(&community.email)
    .bind(&community.website)
    .bind(&community.slug)
    .execute(&mut *conn)
    .await
    .map_err(map_err)?;
    Ok(Change::Changed)
}

async fn insert_community(conn: &mut SqliteConnection, community: &Community) -> StoreResult<()> {
    sqlx::query(concat!("INSERT INTO communities (", community_columns!(), ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"))
        .bind(&community.slug)
        .bind(&community.region_slug)
        .bind(&community.code)
        .bind(&community.name.uk)
        .bind(&community.name.en)
        .bind(&community.katottg)
        .bind(&community.phone)
        .bind(&community.email)
        .bind(&community.website)
        .bind(i64::from(community.published))
        .execute(&mut *conn)
        .await
        .map_err(map_err)?;
    Ok(())
}

async fn has_cases(conn: &mut SqliteConnection, community_slug: &str) -> StoreResult<bool> {
    sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM cases WHERE community_slug = ?)")
        .bind(community_slug)
        .fetch_one(conn)
        .await
        .map_err(map_err)
}

pub(super) async fn put_region(writer: &SqlitePool, region: &Region) -> StoreResult<()> {
    let mut tx = writer.begin_with(BEGIN_WRITE).await.map_err(map_err)?;
    if upsert_region(&mut tx, region).await? != Change::Unchanged {
        bump(&mut tx).await?;
    }
    tx.commit().await.map_err(map_err)
}

pub(super) async fn put_community(writer: &SqlitePool, community: &Community) -> StoreResult<()> {
    let mut tx = writer.begin_with(BEGIN_WRITE).await.map_err(map_err)?;
    if upsert_community(&mut tx, community).await? != Change::Unchanged {
        bump(&mut tx).await?;
    }
    tx.commit().await.map_err(map_err)
}

pub(super) async fn add_community(writer: &SqlitePool, community: &Community) -> StoreResult<()> {
    let mut tx = writer.begin_with(BEGIN_WRITE).await.map_err(map_err)?;
    insert_community(&mut tx, community).await?;
    bump(&mut tx).await?;
    tx.commit().await.map_err(map_err)
}

pub(super) async fn set_community_published(writer: &SqlitePool, slug: &str, published: bool) -> StoreResult<bool> {
    let mut tx = writer.begin_with(BEGIN_WRITE).await.map_err(map_err)?;
    let stored: Option<i64> = sqlx::query_scalar("SELECT published FROM communities WHERE slug = ?")
        .bind(slug)
        .fetch_optional(&mut *tx)
        .await
        .map_err(map_err)?;
    let Some(stored) = stored else { return Ok(false) };
    if (stored == 1) != published {
        sqlx::query("UPDATE communities SET published = ? WHERE slug = ?")
            .bind(i64::from(published))
            .bind(slug)
            .execute(&mut *tx)
            .await
            .map_err(map_err)?;
        bump(&mut tx).await?;
    }
    tx.commit().await.map_err(map_err)?;
    Ok(true)
}

pub(super) async fn community_has_cases(readers: &SqlitePool, community_slug: &str) -> StoreResult<bool> {
    let mut conn = readers.acquire().await.map_err(map_err)?;
    has_cases(&mut conn, community_slug).await
}

/// The slug of the place of `table` with КАТОТТГ code `code`, if any.
async fn slug_by_code(conn: &mut SqliteConnection, table: PlaceTable, code: Option<&str>) -> StoreResult<Option<String>> {
    let Some(code) = code else { return Ok(None) };
    let sql = match table {
        PlaceTable::Regions => "SELECT slug FROM regions WHERE katottg = ?",
        PlaceTable::Communities => "SELECT slug FROM communities WHERE katottg = ?",
    };
    sqlx::query_scalar(sql).bind(code).fetch_optional(conn).await.map_err(map_err)
}

/// Whether the place of `table` with `slug` has another КАТОТТГ code than `code`.
async fn slug_taken(conn: &mut SqliteConnection, table: PlaceTable, slug: &str, code: Option<&str>) -> StoreResult<bool> {
    let sql = match table {
        PlaceTable::Regions => "SELECT katottg FROM regions WHERE slug = ?",
        PlaceTable::Communities => "SELECT katottg FROM communities WHERE slug = ?",
    };
    let stored: Option<Option<String>> = sqlx::query_scalar(sql).bind(slug).fetch_optional(conn).await.map_err(map_err)?;
    Ok(matches!(stored, Some(Some(stored)) if Some(stored.as_str()) != code))
}

/// `write`: commit, or else roll back (a preview that counts what an import would do).
pub(super) async fn import_places(
    writer: &SqlitePool,
    regions: &[Region],
    communities: &[Community],
    write: bool,
) -> StoreResult<PlacesOutcome> {
    let mut tx = writer.begin_with(BEGIN_WRITE).await.map_err(map_err)?;
    let mut outcome = PlacesOutcome::default();
    // A region given under one slug may be stored under another (found by its code).
    let mut region_slugs = std::collections::HashMap::new();
    for region in regions {
        let stored_slug = slug_by_code(&mut tx, PlaceTable::Regions, region.katottg.as_deref()).await?;
        if stored_slug.is_none() && slug_taken(&mut tx, PlaceTable::Regions, &region.slug, region.katottg.as_deref()).await? {
            return Err(StoreError::Invalid(format!("the slug {} is taken by another region", region.slug)));
        }
        let slug = stored_slug.unwrap_or_else(|| region.slug.clone());
        region_slugs.insert(region.slug.clone(), slug.clone());
        outcome.regions.count(upsert_region(&mut tx, &Region { slug, ..region.clone() }).await?);
    }
    for community in communities {
        let region_slug = region_slugs.get(&community.region_slug).cloned().unwrap_or_else(|| community.region_slug.clone());
        let stored_slug = slug_by_code(&mut tx, PlaceTable::Communities, community.katottg.as_deref()).await?;
        let slug = match stored_slug {
            Some(slug) => slug,
            None if slug_taken(&mut tx, PlaceTable::Communities, &community.slug, community.katottg.as_deref()).await? => {
                return Err(StoreError::Invalid(format!("the slug {} is taken by another community", community.slug)));
            }
            None => community.slug.clone(),
        };
        let stored = sqlx::query(concat!("SELECT ", community_columns!(), " FROM communities WHERE slug = ?"))
            .bind(&slug)
            .fetch_optional(&mut *tx)
            .await
            .map_err(map_err)?;
        let change = match stored.as_ref().map(community_from_row).transpose()? {
            // Its code, profile and publication are its administrators'.
            Some(stored) => {
                let updated = Community { name: community.name.clone(), region_slug, katottg: community.katottg.clone(), ..stored };
                upsert_community(&mut tx, &updated).await?
            }
            None => {
                let taken: bool = sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM communities WHERE code = ?)")
                    .bind(&community.code)
                    .fetch_one(&mut *tx)
                    .await
                    .map_err(map_err)?;
                if taken {
                    return Err(StoreError::Invalid(format!("the reference code {} is taken by another community", community.code)));
                }
                upsert_community(&mut tx, &Community { slug, region_slug, ..community.clone() }).await.map_err(|e| match e {
                    StoreError::NotFound => {
                        StoreError::Invalid(format!("the region {} of community {} is unknown", community.region_slug, community.slug))
                    }
                    other => other,
                })?
            }
        };
        outcome.communities.count(change);
    }
    if !write {
        tx.rollback().await.map_err(map_err)?;
        return Ok(outcome);
    }
    if outcome.regions.added + outcome.regions.changed + outcome.communities.added + outcome.communities.changed > 0 {
        bump(&mut tx).await?;
    }
    tx.commit().await.map_err(map_err)?;
    Ok(outcome)
}

pub(super) async fn service_centres(readers: &SqlitePool) -> StoreResult<Vec<ServiceCentre>> {
    let rows = sqlx::query(concat!("SELECT ", centre_columns!(), " FROM service_centres ORDER BY community_slug, kind <> 'main', id"))
        .fetch_all(readers)
        .await
        .map_err(map_err)?;
    rows.iter().map(centre_from_row).collect()
}

pub(super) async fn put_service_centre(writer: &SqlitePool, centre: &ServiceCentre) -> StoreResult<i64> {
    let mut tx = writer.begin_with(BEGIN_WRITE).await.map_err(map_err)?;
    // One ЦНАП per community: the write transaction holds the catalogue's
    // lock, so two requests cannot both find none.
    if centre.kind == CentreKind::Main {
        let other: bool =
            sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM service_centres WHERE community_slug = ? AND kind = 'main' AND id <> ?)")
                .bind(&centre.community_slug)
                .bind(centre.id)
                .fetch_one(&mut *tx)
                .await
                .map_err(map_err)?;
        if other {
            return Err(StoreError::Invalid(format!("community {} has a ЦНАП already", centre.community_slug)));
        }
    }
    let id = if centre.id == 0 {
        sqlx::query_scalar(
            "INSERT INTO service_centres (community_slug, kind, name_uk, name_en, address_uk, address_en, phone, hours, \
             accessibility_uk, accessibility_en) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        )
        .bind(&centre.community_slug)
        .bind(centre.kind.code())
        .bind(&centre.name.uk)
        .bind(&centre.name.en)
        .bind(&centre.address.uk)
        .bind(&centre.address.en)
        .bind(&centre.phone)
        .bind(centre.hours.to_stored())
        .bind(&centre.accessibility.uk)
        .bind(&centre.accessibility.en)
        .fetch_one(&mut *tx)
        .await
        .map_err(map_err)?
    } else {
        let updated = sqlx::query(
            "UPDATE service_centres SET kind = ?, name_uk = ?, name_en = ?, address_uk = ?, address_en = ?, phone = ?, hours = ?, \
             accessibility_uk = ?, accessibility_en = ? WHERE id = ? AND community_slug = ?",
        )
        .bind(centre.kind.code())
        .bind(&centre.name.uk)
        .bind(&centre.name.en)
        .bind(&centre.address.uk)
        .bind(&centre.address.en)
        .bind(&centre.phone)
        .bind(centre.hours.to_stored())
        .bind(&centre.accessibility.uk)
        .bind(&centre.accessibility.en)
        .bind(centre.id)
        .bind(&centre.community_slug)
        .execute(&mut *tx)
        .await
        .map_err(map_err)?
        .rows_affected();
        if updated == 0 {
            return Err(StoreError::NotFound);
        }
        centre.id
    };
    bump(&mut tx).await?;
    tx.commit().await.map_err(map_err)?;
    Ok(id)
}

pub(super) async fn delete_service_centre(writer: &SqlitePool, community_slug: &str, id: i64) -> StoreResult<bool> {
    let mut tx = writer.begin_with(BEGIN_WRITE).await.map_err(map_err)?;
    let deleted = sqlx::query("DELETE FROM service_centres WHERE id = ? AND community_slug = ?")
        .bind(id)
        .bind(community_slug)
        .execute(&mut *tx)
        .await
        .map_err(map_err)?
        .rows_affected();
    if deleted > 0 {
        bump(&mut tx).await?;
    }
    tx.commit().await.map_err(map_err)?;
    Ok(deleted > 0)
}

pub(super) async fn offers(readers: &SqlitePool) -> StoreResult<Vec<Offer>> {
    let rows = sqlx::query(
        "SELECT community_slug, service_slug, fee_kopiykas, collect_at, department_uk, department_en, note_uk, note_en \
         FROM offers ORDER BY community_slug, service_slug",
    )
    .fetch_all(readers)
    .await
    .map_err(map_err)?;
    rows.iter()
        .map(|row| {
            let fee: Option<i64> = get(row, "fee_kopiykas")?;
            Ok(Offer {
                community_slug: get(row, "community_slug")?,
                service_slug: get(row, "service_slug")?,
                fee_kopiykas: fee.map(|fee| u64::try_from(fee).map_err(|_| bad_stored("offers.fee_kopiykas"))).transpose()?,
                collect_at: get(row, "collect_at")?,
                department: text(get(row, "department_uk")?, get(row, "department_en")?),
                note: text(get(row, "note_uk")?, get(row, "note_en")?),
            })
        })
        .collect()
}

const INSERT_OFFER: &str = "INSERT INTO offers (community_slug, service_slug, fee_kopiykas, collect_at, department_uk, department_en, note_uk, note_en) \
     VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (community_slug, service_slug) DO NOTHING";

const UPSERT_OFFER: &str = "INSERT INTO offers (community_slug, service_slug, fee_kopiykas, collect_at, department_uk, department_en, note_uk, note_en) \
     VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (community_slug, service_slug) DO UPDATE SET \
       fee_kopiykas = excluded.fee_kopiykas, collect_at = excluded.collect_at, \
       department_uk = excluded.department_uk, department_en = excluded.department_en, \
       note_uk = excluded.note_uk, note_en = excluded.note_en \
     WHERE offers.fee_kopiykas IS NOT excluded.fee_kopiykas OR offers.collect_at IS NOT excluded.collect_at \
        OR offers.department_uk IS NOT excluded.department_uk OR offers.department_en IS NOT excluded.department_en \
        OR offers.note_uk IS NOT excluded.note_uk OR offers.note_en IS NOT excluded.note_en";

/// Offer a service with its details; `only_new` leaves an existing offer's details as they are.
pub(super) async fn put_offer(writer: &SqlitePool, offer: &Offer, only_new: bool) -> StoreResult<()> {
    let mut tx = writer.begin_with(BEGIN_WRITE).await.map_err(map_err)?;
    let community: bool = sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM communities WHERE slug = ?)")
        .bind(&offer.community_slug)
        .fetch_one(&mut *tx)
        .await
        .map_err(map_err)?;
    let service: bool = sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM services WHERE slug = ?)")
        .bind(&offer.service_slug)
        .fetch_one(&mut *tx)
        .await
        .map_err(map_err)?;
    if !community || !service {
        return Err(StoreError::NotFound);
    }
    if let Some(centre) = offer.collect_at {
        let own: bool = sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM service_centres WHERE id = ? AND community_slug = ?)")
            .bind(centre)
            .bind(&offer.community_slug)
            .fetch_one(&mut *tx)
            .await
            .map_err(map_err)?;
        if !own {
            return Err(StoreError::Invalid(format!("centre {centre} is not one of {}'s", offer.community_slug)));
        }
    }
    let fee =
        offer.fee_kopiykas.map(|fee| i64::try_from(fee).map_err(|_| StoreError::Invalid("the fee is too large".into()))).transpose()?;
    let changed = sqlx::query(if only_new { INSERT_OFFER } else { UPSERT_OFFER })
        .bind(&offer.community_slug)
        .bind(&offer.service_slug)
        .bind(fee)
        .bind(offer.collect_at)
        .bind(&offer.department.uk)
        .bind(&offer.department.en)
        .bind(&offer.note.uk)
        .bind(&offer.note.en)
        .execute(&mut *tx)
        .await
        .map_err(map_err)?
        .rows_affected();
    if changed > 0 {
        bump(&mut tx).await?;
    }
    tx.commit().await.map_err(map_err)
}

pub(super) async fn withdraw_offer(writer: &SqlitePool, community_slug: &str, service_slug: &str) -> StoreResult<bool> {
    let mut tx = writer.begin_with(BEGIN_WRITE).await.map_err(map_err)?;
    let deleted = sqlx::query("DELETE FROM offers WHERE community_slug = ? AND service_slug = ?")
        .bind(community_slug)
        .bind(service_slug)
        .execute(&mut *tx)
        .await
        .map_err(map_err)?
        .rows_affected();
    if deleted > 0 {
        bump(&mut tx).await?;
    }
    tx.commit().await.map_err(map_err)?;
    Ok(deleted > 0)
}

pub(super) async fn installation(readers: &SqlitePool) -> StoreResult<Option<Installation>> {
    let row =
        sqlx::query("SELECT name_uk, name_en, public_url FROM installation WHERE id = 1").fetch_optional(readers).await.map_err(map_err)?;
    row.map(|row| Ok(Installation { name: text(get(&row, "name_uk")?, get(&row, "name_en")?), public_url: get(&row, "public_url")? }))
        .transpose()
}

pub(super) async fn put_installation(writer: &SqlitePool, installation: &Installation) -> StoreResult<()> {
    let mut tx = writer.begin_with(BEGIN_WRITE).await.map_err(map_err)?;
    sqlx::query(
        "INSERT INTO installation (id, name_uk, name_en, public_url) VALUES (1, ?, ?, ?) \
         ON CONFLICT (id) DO UPDATE SET name_uk = excluded.name_uk, name_en = excluded.name_en, public_url = excluded.public_url",
    )
    .bind(&installation.name.uk)
    .bind(&installation.name.en)
    .bind(&installation.public_url)
    .execute(&mut *tx)
    .await
    .map_err(map_err)?;
    bump(&mut tx).await?;
    tx.commit().await.map_err(map_err)
}
