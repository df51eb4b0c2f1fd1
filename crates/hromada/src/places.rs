//! `hromada places import FILE [--dry-run]`: the codifier of
//! administrative-territorial units (КАТОТТГ) as Minregion publishes it, into
//! the installation's regions and communities.
//!
//! The file is read and checked whole first (`hromada_domain::katottg`); any
//! mistake is printed as `FILE:LINE: message` in the reader's language and
//! nothing is written — the database is not even opened. Then the places are
//! matched with the stored ones by КАТОТТГ code (a renamed community keeps its
//! slug, reference code, profile and publication), a new community gets the
//! first of its slugs that no other community holds and a reference code no
//! community uses, and everything is written in one transaction
//! (`PlaceStore::import_places`), or only counted (`--dry-run`, the same work
//! rolled back).

use std::collections::{HashMap, HashSet};
use std::io::Read;
use std::path::Path;

use hromada_domain::Lang;
use hromada_domain::katottg::{self, Codifier, Encoding, MAX_FILE_BYTES, Mistake, Problem, ReferenceCodes};
use hromada_domain::place::{Community, Region};
use hromada_store::{Counts, PlacesOutcome, Store};
use hromada_web::{I18n, Tr};

/// At most this many mistakes are printed; a last line counts the rest.
const SHOWN_MISTAKES: usize = 100;

/// A mistake worded: its line (none for the whole file) and its text.
pub type Worded = (Option<usize>, String);

/// The language of the messages: `--lang`, else the locale (`LC_ALL`,
/// `LC_MESSAGES`, `LANG`): English when it is English, Ukrainian otherwise.
pub fn language(flag: Option<&str>, env: &dyn Fn(&str) -> Option<String>) -> Result<Lang, String> {
    if let Some(flag) = flag {
        return Lang::parse(flag).ok_or_else(|| format!("--lang {flag}: say uk or en"));
    }
    let locale = ["LC_ALL", "LC_MESSAGES", "LANG"].iter().filter_map(|k| env(k)).find(|v| !v.is_empty()).unwrap_or_default();
    Ok(if locale.to_ascii_lowercase().starts_with("en") { Lang::En } else { Lang::Uk })
}

/// Prints a message per line to stderr, `FILE:LINE: ` first.
struct Report<'a> {
    t: Tr<'a>,
    file: String,
}

impl Report<'_> {
    fn print(&self, line: Option<usize>, text: &str) {
        match line {
            Some(line) => eprintln!("{}:{line}: {text}", self.file),
            None => eprintln!("{}: {text}", self.file),
        }
    }

    fn mistake(&self, mistake: &Mistake) {
        self.print(mistake.line, &self.t.args(mistake.problem.key(), &mistake.problem.args()));
    }

    /// Prints the mistakes (the first [`SHOWN_MISTAKES`]) and gives the line that ends the run.
    fn refuse(&self, mistakes: &[Worded]) -> String {
        for (line, text) in mistakes.iter().take(SHOWN_MISTAKES) {
            self.print(*line, text);
        }
        if mistakes.len() > SHOWN_MISTAKES {
            let more = (mistakes.len() - SHOWN_MISTAKES).to_string();
            eprintln!("{}", self.t.args("places-import-more", &[("count", more), ("shown", SHOWN_MISTAKES.to_string())]));
        }
        self.t.args("places-import-refused", &[("count", mistakes.len().to_string())])
    }
}

/// Reads and checks the file; on any mistake prints them all and gives the
/// closing line. Refuses a file over [`MAX_FILE_BYTES`] before reading it.
fn read(path: &Path, report: &Report<'_>) -> Result<Codifier, String> {
    let t = report.t;
    let failed = |e: std::io::Error| {
        report.print(None, &t.with("places-import-read-failed", "error", &e.to_string()));
        t.args("places-import-refused", &[("count", "1".into())])
    };
    let size = std::fs::metadata(path).map_err(failed)?.len();
    let too_large = |bytes: u64| {
        report.mistake(&Mistake { line: None, problem: Problem::TooLarge { bytes } });
        t.args("places-import-refused", &[("count", "1".into())])
    };
    if size > MAX_FILE_BYTES {
        return Err(too_large(size));
    }
    // A file that grows while it is read is not read past the limit either.
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    std::fs::File::open(path).and_then(|f| f.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes)).map_err(failed)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_large(bytes.len() as u64));
    }
    katottg::parse(&bytes).map_err(|mistakes| {
        let texts: Vec<Worded> = mistakes.iter().map(|m| (m.line, t.args(m.problem.key(), &m.problem.args()))).collect();
        report.refuse(&texts)
    })
}

/// The places to write: the file's, matched with the stored ones. A mistake
/// here is a place of the file that clashes with a stored one.
pub fn plan(
    codifier: &Codifier,
    stored_regions: &[Region],
    stored_communities: &[Community],
    t: Tr<'_>,
) -> Result<(Vec<Region>, Vec<Community>), Vec<Worded>> {
    let mut mistakes = Vec::new();
    let region_codes: HashSet<&str> = stored_regions.iter().filter_map(|r| r.katottg.as_deref()).collect();
    let mut regions = Vec::new();
    for r in &codifier.regions {
        let holder = stored_regions.iter().find(|s| s.slug == r.slug).and_then(|s| s.katottg.as_deref());
        if !region_codes.contains(r.code.as_str()) && holder.is_some_and(|code| code != r.code.as_str()) {
            let args = [("slug", r.slug.clone()), ("code", holder.unwrap_or_default().to_string())];
            mistakes.push((Some(r.line), t.args("places-import-region-slug-taken", &args)));
            continue;
        }
        regions.push(Region { slug: r.slug.clone(), name: r.name.clone(), katottg: Some(r.code.to_string()) });
    }

    let by_code: HashMap<&str, &Community> = stored_communities.iter().filter_map(|c| Some((c.katottg.as_deref()?, c))).collect();
    let by_slug: HashMap<&str, &Community> = stored_communities.iter().map(|c| (c.slug.as_str(), c)).collect();
    let mut codes = ReferenceCodes::new(stored_communities.iter().map(|c| c.code.clone()));
    let mut chosen: HashSet<String> = HashSet::new();
    let mut communities = Vec::new();
    for c in &codifier.communities {
        let region_slug = codifier.regions.iter().find(|r| r.code == c.region).map(|r| r.slug.clone()).unwrap_or_default();
        let new = |slug: String, code: String| Community {
            slug,
            region_slug: region_slug.clone(),
            code,
            name: c.name.clone(),
            katottg: Some(c.code.to_string()),
            phone: String::new(),
            email: String::new(),
            website: String::new(),
            // Its region's administrators publish it once it has its ЦНАП and services.
            published: false,
        };
        if let Some(stored) = by_code.get(c.code.as_str()) {
            chosen.insert(stored.slug.clone());
            communities.push(new(stored.slug.clone(), stored.code.clone()));
            continue;
        }
        // A stored community without a code is this one if it has its slug (the store adopts it).
        let candidates = std::iter::once(&c.slug).chain(&c.other_slugs);
        let free = candidates
            .clone()
            .find(|slug| !chosen.contains(slug.as_str()) && by_slug.get(slug.as_str()).is_none_or(|s| s.katottg.is_none()));
        let Some(slug) = free else {
            let slugs = candidates.map(|s| format!("«{s}»")).collect::<Vec<_>>().join(", ");
            mistakes.push((Some(c.line), t.with("places-import-slugs-taken", "slugs", &slugs)));
            continue;
        };
        chosen.insert(slug.clone());
        let code = match by_slug.get(slug.as_str()) {
            Some(adopted) => Some(adopted.code.clone()),
            None => codes.allocate(&c.short_name),
        };
        match code {
            Some(code) => communities.push(new(slug.clone(), code)),
            None => mistakes.push((Some(c.line), t.args(Problem::NoReferenceCode.key(), &[]))),
        }
    }
    if mistakes.is_empty() { Ok((regions, communities)) } else { Err(mistakes) }
}

fn counts_line(t: Tr<'_>, key: &str, counts: Counts) -> String {
    let args = [("added", counts.added.to_string()), ("changed", counts.changed.to_string()), ("unchanged", counts.unchanged.to_string())];
    t.args(key, &args)
}

/// Checks the file, then (the database opened by `open`) writes or previews
/// the import; the summary is printed, a refusal is the error.
pub async fn import<F, Fut>(path: &Path, dry_run: bool, lang: Lang, open: F) -> Result<PlacesOutcome, String>
where
    F: FnOnce() -> Fut,
    Fut: std::future::Future<Output = Result<std::sync::Arc<dyn Store>, String>>,
{
    let i18n = I18n::load()?;
    let t = Tr { i18n: &i18n, lang };
    let report = Report { t, file: path.display().to_string() };
    let codifier = read(path, &report)?;
    if codifier.encoding == Encoding::Windows1251 {
        println!("{}", t.msg("places-import-windows-1251"));
    }
    let store = open().await?;
    let stored_regions = store.regions().await.map_err(|e| e.to_string())?;
    let stored_communities = store.communities().await.map_err(|e| e.to_string())?;
    let (regions, communities) = plan(&codifier, &stored_regions, &stored_communities, t).map_err(|m| report.refuse(&m))?;
    let outcome =
        if dry_run { store.preview_import_places(&regions, &communities).await } else { store.import_places(&regions, &communities).await }
            .map_err(|e| t.with("places-import-store-refused", "error", &e.to_string()))?;
    if !dry_run && outcome.regions.added + outcome.regions.changed + outcome.communities.added + outcome.communities.changed > 0 {
        let counts = |c: Counts| format!("{} added, {} changed, {} unchanged", c.added, c.changed, c.unchanged);
        let event = hromada_domain::audit::AuditEvent {
            at: time::OffsetDateTime::now_utc(),
            actor: None,
            actor_role: None,
            community: None,
            action: "places.import".to_string(),
            subject: Some("places".to_string()),
            details: [
                ("file".to_string(), path.file_name().map(|f| f.to_string_lossy().into_owned()).unwrap_or_default()),
                ("regions".to_string(), counts(outcome.regions)),
                ("communities".to_string(), counts(outcome.communities)),
            ]
            .into_iter()
            .collect(),
        };
        store.append_audit(&event).await.map_err(|e| format!("the places are imported, but the audit row was not written: {e}"))?;
    }
    println!("{}", counts_line(t, "places-import-regions", outcome.regions));
    println!("{}", counts_line(t, "places-import-communities", outcome.communities));
    if outcome.communities.added > 0 {
        println!("{}", t.msg("places-import-unpublished"));
    }
    if dry_run {
        println!("{}", t.msg("places-import-dry-run"));
    }
    Ok(outcome)
}

#[cfg(test)]
mod tests {
    use super::*;
    use hromada_domain::Text;

    const FIXTURE: &[u8] = include_bytes!("../../hromada-domain/tests/fixtures/katottg.csv");

    fn env(pairs: &'static [(&'static str, &'static str)]) -> impl Fn(&str) -> Option<String> {
        move |k| pairs.iter().find(|(name, _)| *name == k).map(|(_, v)| (*v).to_string())
    }

    #[test]
    fn messages_are_ukrainian_unless_the_flag_or_the_locale_says_english() {
        assert_eq!(language(None, &env(&[])), Ok(Lang::Uk));
        assert_eq!(language(None, &env(&[("LANG", "C.UTF-8")])), Ok(Lang::Uk));
        assert_eq!(language(None, &env(&[("LANG", "uk_UA.UTF-8")])), Ok(Lang::Uk));
        assert_eq!(language(None, &env(&[("LANG", "en_GB.UTF-8")])), Ok(Lang::En));
        assert_eq!(language(None, &env(&[("LANG", "en_GB.UTF-8"), ("LC_ALL", "uk_UA.UTF-8")])), Ok(Lang::Uk));
        assert_eq!(language(Some("en"), &env(&[("LANG", "uk_UA.UTF-8")])), Ok(Lang::En));
        assert!(language(Some("de"), &env(&[])).is_err());
    }

    #[test]
    fn every_message_of_a_codifier_mistake_exists_in_both_languages() {
        let i18n = I18n::load().expect("catalogues");
        let keys = katottg::Problem::KEYS.iter().copied().chain([
            "places-import-more",
            "places-import-refused",
            "places-import-read-failed",
            "places-import-region-slug-taken",
            "places-import-slugs-taken",
            "places-import-store-refused",
            "places-import-regions",
            "places-import-communities",
            "places-import-unpublished",
            "places-import-dry-run",
            "places-import-windows-1251",
        ]);
        for key in keys {
            for lang in Lang::ALL {
                assert!(i18n.has(lang, key), "{key} is missing in {}", lang.code());
            }
        }
    }

    fn stored(slug: &str, code: &str, katottg: Option<&str>) -> Community {
        Community {
            slug: slug.into(),
            region_slug: "kyivska".into(),
            code: code.into(),
            name: Text::new("Громада", "Community"),
            katottg: katottg.map(str::to_string),
            phone: String::new(),
            email: String::new(),
            website: String::new(),
            published: true,
        }
    }

    #[test]
    fn a_new_community_takes_a_free_slug_and_reference_code_and_a_stored_one_keeps_its_own() {
        let i18n = I18n::load().expect("catalogues");
        let t = Tr { i18n: &i18n, lang: Lang::En };
        let codifier = katottg::parse(FIXTURE).expect("the fixture reads");
        let stored = [
            // Irpin is stored by its code under another slug and reference code.
            stored("irpin", "IRP", Some("UA32080150000035443")),
            // A community made by hand, with no code, holds Lutsk's slug: the import adopts it.
            stored("lutska", "LTS", None),
            // A community of another code holds Bucha's slug, and BUC is taken.
            stored("buchanska", "BUC", Some("UA32080110000056605")),
        ];
        let (_, communities) = plan(&codifier, &[], &stored, t).expect("no clash");
        let find = |k: &str| communities.iter().find(|c| c.katottg.as_deref() == Some(k)).expect("planned");
        let irpin = find("UA32080150000035443");
        assert_eq!((irpin.slug.as_str(), irpin.code.as_str()), ("irpin", "IRP"));
        let lutsk = find("UA07080170000013585");
        assert_eq!((lutsk.slug.as_str(), lutsk.code.as_str()), ("lutska", "LTS"));
        let bucha = find("UA32080070000050759");
        assert_eq!((bucha.slug.as_str(), bucha.code.as_str(), bucha.published), ("buchanska-kyivska", "BUH", false));
    }

    #[test]
    fn a_community_whose_every_slug_another_holds_is_named_by_its_line() {
        let i18n = I18n::load().expect("catalogues");
        let t = Tr { i18n: &i18n, lang: Lang::En };
        let codifier = katottg::parse(FIXTURE).expect("the fixture reads");
        let other = Some("UA32080110000056605");
        let stored = [
            stored("buchanska", "AAA", other),
            stored("buchanska-kyivska", "AAB", Some("UA32080130000056481")),
            stored("buchanska-buchanskyi-kyivska", "AAC", Some("UA32080190000081428")),
        ];
        let mistakes = plan(&codifier, &[], &stored, t).expect_err("every slug taken");
        assert_eq!(mistakes.len(), 1);
        assert_eq!(mistakes[0].0, Some(54));
        assert!(mistakes[0].1.contains("«buchanska», «buchanska-kyivska», «buchanska-buchanskyi-kyivska»"), "{}", mistakes[0].1);
    }

    #[test]
    fn a_new_region_whose_slug_a_region_of_another_code_holds_is_named_by_its_line() {
        let i18n = I18n::load().expect("catalogues");
        let t = Tr { i18n: &i18n, lang: Lang::Uk };
        let codifier = katottg::parse(FIXTURE).expect("the fixture reads");
        let region =
            Region { slug: "kyivska".into(), name: Text::new("Київська", "Kyiv"), katottg: Some("UA05000000000010236".into()) };
        let mistakes = plan(&codifier, &[region], &[], t).expect_err("slug taken");
        assert_eq!(mistakes.len(), 1);
        assert_eq!(mistakes[0].0, Some(52));
        assert!(mistakes[0].1.contains("kyivska") && mistakes[0].1.contains("UA05000000000010236"), "{}", mistakes[0].1);
    }
}
