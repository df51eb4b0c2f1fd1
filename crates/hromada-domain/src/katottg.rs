//! The codifier of administrative-territorial units and territories of
//! territorial communities (КАТОТТГ; Minregion's order No. 290 of 26.11.2020,
//! as amended), read from the CSV that Minregion and data.gov.ua publish.
//!
//! # The layout
//!
//! One row per unit, with a header row naming the columns (in any order;
//! unknown columns are ignored; title lines above the header and the row of
//! column numbers under it are skipped; a file without a header is read in
//! the published order):
//!
//! | Перший рівень | Другий рівень | Третій рівень | Четвертий рівень | Додатковий рівень | Категорія об’єкта | Назва об’єкта |
//! |---|---|---|---|---|---|---|
//! | `UA32000000000030281` | | | | | O | Київська |
//! | `UA32000000000030281` | `UA32080000000084076` | | | | P | Бучанський |
//! | `UA32000000000030281` | `UA32080000000084076` | `UA32080070000050759` | | | H | Бучанська |
//! | `UA32000000000030281` | `UA32080000000084076` | `UA32080070000050759` | `UA32080070010087821` | | M | Буча |
//!
//! A code is `UA` and 17 digits: 2 of the oblast, 2 of the raion, 3 of the
//! community, 3 of the settlement, 2 of the city district and 5 that identify
//! the unit. The category letter is O (oblast or the Autonomous Republic of
//! Crimea), K (city with special status), P (raion), H (territorial
//! community), M (city), X (settlement), C (village), B (city district) or T
//! (urban-type settlement, in versions before 2024); real files write these
//! letters in Latin or in Cyrillic (О К Р Н М Х С В Т), both are read.
//!
//! The separator is found (`;`, `,` or tab); fields may be quoted (`""` is a
//! quote inside one); the text may be UTF-8 (with or without a byte-order
//! mark), UTF-16 with its mark, or Windows-1251, which a spreadsheet in a
//! Ukrainian locale writes by default. A spreadsheet itself (XLSX, XLS) is
//! refused with a request to save it as CSV.
//!
//! # What comes out
//!
//! The regions — oblasts, Crimea and the cities with special status (O, K) —
//! and the communities (H) with their oblast's code and their raion's code and
//! name. Other rows are checked for the form of their codes and skipped.
//!
//! Names: a region is "Київська область" / "Kyiv Oblast" (the English form of
//! every oblast is known; an unknown name is transliterated); a community is
//! "Бучанська громада" / "Buchanska community" (transliterated by KMU
//! resolution 55, as `slug.rs` does).
//!
//! Slugs (the URL segment): the slug of the name (`buchanska`). Names that
//! several communities of the file share get the oblast's slug appended
//! (`ternivska-cherkaska`, `ternivska-avtonomna-respublika-krym`), and, where
//! two of them are in one oblast, the raion's slug before it
//! (`pryvitnenska-feodosiiskyi-avtonomna-respublika-krym`). So a slug depends
//! only on the set of communities in the file, never on their order.
//!
//! Reference codes (the `BUC` of `BUC-2026-000123`): the first Latin letter of
//! the transliterated name and two later letters, in order — first the two
//! that follow it (`BUC`), then the next pairs (`BUH`, `BUA`, …); failing
//! those, the first letter and any two letters, then any three. Communities
//! take their code in the order of their КАТОТТГ codes, each the first
//! candidate not yet taken; [`ReferenceCodes`] does the same against codes
//! that a database already holds.
//!
//! Every mistake is collected, each with the line it is on (the line a record
//! starts on, counting from 1), never only the first.

use std::collections::{HashMap, HashSet};

use unicode_normalization::UnicodeNormalization;

use crate::Text;
use crate::place::RESERVED_SLUGS;
use crate::slug::{slugify, transliterate};

/// Files larger than this are refused before they are read whole. The full
/// codifier is about 3 MB as UTF-8 CSV.
pub const MAX_FILE_BYTES: u64 = 50 * 1024 * 1024;

/// A КАТОТТГ code: `UA` and 17 digits.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Code(String);

impl Code {
    /// `UA` (capitals) and exactly 17 ASCII digits; spaces around are trimmed.
    pub fn parse(s: &str) -> Option<Code> {
        let s = s.trim();
        let digits = s.strip_prefix("UA")?;
        (digits.len() == 17 && digits.bytes().all(|b| b.is_ascii_digit())).then(|| Code(s.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    fn digits(&self) -> &str {
        self.0.get(2..).unwrap_or_default()
    }

    fn zeros(&self, from: usize, to: usize) -> bool {
        self.digits().get(from..to).is_some_and(|d| d.bytes().all(|b| b == b'0'))
    }

    /// The tier of the hierarchy the code's digits place it at.
    pub fn level(&self) -> Level {
        if self.zeros(2, 12) {
            Level::Oblast
        } else if self.zeros(4, 12) {
            Level::Raion
        } else if self.zeros(7, 12) {
            Level::Community
        } else if self.zeros(10, 12) {
            Level::Settlement
        } else {
            Level::CityDistrict
        }
    }

    /// The first `n` digits, which a unit shares with the units above it.
    fn prefix(&self, n: usize) -> &str {
        self.digits().get(..n).unwrap_or_default()
    }
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Where a code's digits place it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Oblast,
    Raion,
    Community,
    Settlement,
    CityDistrict,
}

impl Level {
    /// The value Fluent messages select on.
    pub fn code(self) -> &'static str {
        match self {
            Level::Oblast => "oblast",
            Level::Raion => "raion",
            Level::Community => "community",
            Level::Settlement => "settlement",
            Level::CityDistrict => "city-district",
        }
    }
}

/// The category of a row («Категорія об’єкта»).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Category {
    /// O: an oblast or the Autonomous Republic of Crimea.
    Oblast,
    /// K: a city with special status (Kyiv, Sevastopol).
    SpecialCity,
    /// P: a raion.
    Raion,
    /// H: a territorial community.
    Community,
    /// M: a city.
    City,
    /// T: an urban-type settlement (versions before 2024).
    UrbanSettlement,
    /// X: a settlement.
    Settlement,
    /// C: a village.
    Village,
    /// B: a district of a city.
    CityDistrict,
}

impl Category {
    /// The letter, Latin or Cyrillic, either case, spaces trimmed.
    pub fn parse(s: &str) -> Option<Category> {
        let mut chars = s.trim().chars();
        let c = chars.next()?;
        if chars.next().is_some() {
            return None;
        }
        Some(match c.to_uppercase().next()? {
            'O' | 'О' => Category::Oblast,
            'K' | 'К' => Category::SpecialCity,
            'P' | 'Р' => Category::Raion,
            'H' | 'Н' => Category::Community,
            'M' | 'М' => Category::City,
            'T' | 'Т' => Category::UrbanSettlement,
            'X' | 'Х' => Category::Settlement,
            'C' | 'С' => Category::Village,
            'B' | 'В' => Category::CityDistrict,
            _ => return None,
        })
    }

    /// The Latin letter.
    pub fn letter(self) -> char {
        match self {
            Category::Oblast => 'O',
            Category::SpecialCity => 'K',
            Category::Raion => 'P',
            Category::Community => 'H',
            Category::City => 'M',
            Category::UrbanSettlement => 'T',
            Category::Settlement => 'X',
            Category::Village => 'C',
            Category::CityDistrict => 'B',
        }
    }

    /// The deepest level column a row of this category fills, and whether the
    /// columns below it must stay empty (checked for the rows imported).
    fn own_column(self) -> Column {
        match self {
            Category::Oblast | Category::SpecialCity => Column::Level1,
            Category::Raion => Column::Level2,
            Category::Community => Column::Level3,
            Category::City | Category::UrbanSettlement | Category::Settlement | Category::Village => Column::Level4,
            Category::CityDistrict => Column::Extra,
        }
    }

    fn imported(self) -> bool {
        matches!(self, Category::Oblast | Category::SpecialCity | Category::Raion | Category::Community)
    }
}

/// A column of the layout.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Column {
    Level1,
    Level2,
    Level3,
    Level4,
    Extra,
    Category,
    Name,
}

impl Column {
    pub const ALL: [Column; 7] =
        [Column::Level1, Column::Level2, Column::Level3, Column::Level4, Column::Extra, Column::Category, Column::Name];
    const LEVELS: [Column; 5] = [Column::Level1, Column::Level2, Column::Level3, Column::Level4, Column::Extra];

    /// The column's name in the published header; messages quote it as is.
    pub fn header(self) -> &'static str {
        match self {
            Column::Level1 => "Перший рівень",
            Column::Level2 => "Другий рівень",
            Column::Level3 => "Третій рівень",
            Column::Level4 => "Четвертий рівень",
            Column::Extra => "Додатковий рівень",
            Column::Category => "Категорія об’єкта",
            Column::Name => "Назва об’єкта",
        }
    }

    fn index(self) -> usize {
        self as usize
    }

    /// A header cell, whatever its case, spacing or apostrophe.
    fn recognise(cell: &str) -> Option<Column> {
        let normal: String = cell
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
            .chars()
            .map(|c| if matches!(c, '’' | 'ʼ' | '`' | '‘') { '\'' } else { c })
            .collect();
        Some(match normal.as_str() {
            "перший рівень" => Column::Level1,
            "другий рівень" => Column::Level2,
            "третій рівень" => Column::Level3,
            "четвертий рівень" => Column::Level4,
            "додатковий рівень" => Column::Extra,
            "категорія об'єкта" | "категорія" => Column::Category,
            "назва об'єкта" | "назва" => Column::Name,
            _ => return None,
        })
    }
}

/// The text encoding the file was read in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16,
    Windows1251,
}

/// What is wrong, in a form the reader's language can word (see [`Problem::key`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// The file is over [`MAX_FILE_BYTES`].
    TooLarge {
        bytes: u64,
    },
    /// An XLSX, XLS or other ZIP file, not CSV.
    Spreadsheet,
    /// Neither UTF-8, UTF-16 nor Windows-1251 text.
    NotText,
    /// No row names the columns, and the first row is not data in the published order.
    NoHeader,
    MissingColumn {
        column: Column,
    },
    DuplicateColumn {
        column: Column,
    },
    /// The row has `found` fields where the header has `expected`.
    FieldCount {
        found: usize,
        expected: usize,
    },
    /// A quoted field that starts on this line is never closed.
    UnclosedQuote,
    BadCode {
        column: Column,
        value: String,
    },
    /// A row of this category needs a code in this column.
    MissingCode {
        column: Column,
        category: Category,
    },
    /// A row of this category has a code in a column that must be empty.
    UnexpectedCode {
        column: Column,
        category: Category,
    },
    /// The code in this column is of another tier (a community's code where an oblast's belongs).
    WrongLevel {
        column: Column,
        code: Code,
        expected: Level,
    },
    UnknownCategory {
        value: String,
    },
    EmptyName,
    DuplicateCode {
        code: Code,
        first_line: usize,
    },
    /// The oblast (column 1) of a raion or community has no row of its own.
    OblastMissing {
        code: Code,
    },
    /// The raion (column 2) of a community has no row of its own.
    RaionMissing {
        code: Code,
    },
    /// A code whose oblast digits are not those of the oblast in column 1.
    OutsideOblast {
        code: Code,
        oblast: Code,
    },
    /// A community code whose raion digits are not those of the raion in column 2.
    OutsideRaion {
        code: Code,
        raion: Code,
    },
    /// The name has no letter or digit to make a URL segment of.
    EmptySlug,
    /// The name's slug is one the server's own pages use.
    ReservedSlug {
        slug: String,
    },
    /// Another row of the file already gives this slug.
    SlugTaken {
        slug: String,
        other_line: usize,
    },
    /// All 17,576 three-letter reference codes are taken.
    NoReferenceCode,
    /// No oblast, city with special status or community in the whole file.
    NothingToImport,
}

impl Problem {
    /// Every message key, for the test that both catalogues have them.
    pub const KEYS: &'static [&'static str] = &[
        "katottg-too-large",
        "katottg-spreadsheet",
        "katottg-not-text",
        "katottg-no-header",
        "katottg-missing-column",
        "katottg-duplicate-column",
        "katottg-field-count",
        "katottg-unclosed-quote",
        "katottg-bad-code",
        "katottg-missing-code",
        "katottg-unexpected-code",
        "katottg-wrong-level",
        "katottg-unknown-category",
        "katottg-empty-name",
        "katottg-duplicate-code",
        "katottg-oblast-missing",
        "katottg-raion-missing",
        "katottg-outside-oblast",
        "katottg-outside-raion",
        "katottg-empty-slug",
        "katottg-reserved-slug",
        "katottg-slug-taken",
        "katottg-no-reference-code",
        "katottg-nothing-to-import",
    ];

    /// The Fluent message key (`locales/*.ftl`).
    pub fn key(&self) -> &'static str {
        match self {
            Problem::TooLarge { .. } => "katottg-too-large",
            Problem::Spreadsheet => "katottg-spreadsheet",
            Problem::NotText => "katottg-not-text",
            Problem::NoHeader => "katottg-no-header",
            Problem::MissingColumn { .. } => "katottg-missing-column",
            Problem::DuplicateColumn { .. } => "katottg-duplicate-column",
            Problem::FieldCount { .. } => "katottg-field-count",
            Problem::UnclosedQuote => "katottg-unclosed-quote",
            Problem::BadCode { .. } => "katottg-bad-code",
            Problem::MissingCode { .. } => "katottg-missing-code",
            Problem::UnexpectedCode { .. } => "katottg-unexpected-code",
            Problem::WrongLevel { .. } => "katottg-wrong-level",
            Problem::UnknownCategory { .. } => "katottg-unknown-category",
            Problem::EmptyName => "katottg-empty-name",
            Problem::DuplicateCode { .. } => "katottg-duplicate-code",
            Problem::OblastMissing { .. } => "katottg-oblast-missing",
            Problem::RaionMissing { .. } => "katottg-raion-missing",
            Problem::OutsideOblast { .. } => "katottg-outside-oblast",
            Problem::OutsideRaion { .. } => "katottg-outside-raion",
            Problem::EmptySlug => "katottg-empty-slug",
            Problem::ReservedSlug { .. } => "katottg-reserved-slug",
            Problem::SlugTaken { .. } => "katottg-slug-taken",
            Problem::NoReferenceCode => "katottg-no-reference-code",
            Problem::NothingToImport => "katottg-nothing-to-import",
        }
    }

    /// The message's variables.
    pub fn args(&self) -> Vec<(&'static str, String)> {
        match self {
            Problem::TooLarge { bytes } => {
                vec![("megabytes", bytes.div_ceil(1024 * 1024).to_string()), ("limit", (MAX_FILE_BYTES / 1024 / 1024).to_string())]
            }
            Problem::MissingColumn { column } | Problem::DuplicateColumn { column } => vec![("column", column.header().into())],
            Problem::FieldCount { found, expected } => vec![("found", found.to_string()), ("expected", expected.to_string())],
            Problem::BadCode { column, value } => vec![("column", column.header().into()), ("value", value.clone())],
            Problem::MissingCode { column, category } | Problem::UnexpectedCode { column, category } => {
                vec![("column", column.header().into()), ("category", category.letter().to_string())]
            }
            Problem::WrongLevel { column, code, expected } => {
                vec![("column", column.header().into()), ("code", code.to_string()), ("level", expected.code().into())]
            }
            Problem::UnknownCategory { value } => vec![("value", value.clone())],
            Problem::DuplicateCode { code, first_line } => vec![("code", code.to_string()), ("line", first_line.to_string())],
            Problem::OblastMissing { code } | Problem::RaionMissing { code } => vec![("code", code.to_string())],
            Problem::OutsideOblast { code, oblast } => vec![("code", code.to_string()), ("oblast", oblast.to_string())],
            Problem::OutsideRaion { code, raion } => vec![("code", code.to_string()), ("raion", raion.to_string())],
            Problem::ReservedSlug { slug } => vec![("slug", slug.clone())],
            Problem::SlugTaken { slug, other_line } => vec![("slug", slug.clone()), ("line", other_line.to_string())],
            Problem::Spreadsheet
            | Problem::NotText
            | Problem::NoHeader
            | Problem::UnclosedQuote
            | Problem::EmptyName
            | Problem::EmptySlug
            | Problem::NoReferenceCode
            | Problem::NothingToImport => Vec::new(),
        }
    }
}

/// A mistake and where it is: a line (from 1), or the whole file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mistake {
    pub line: Option<usize>,
    pub problem: Problem,
}

impl Mistake {
    fn at(line: usize, problem: Problem) -> Mistake {
        Mistake { line: Some(line), problem }
    }

    fn file(problem: Problem) -> Mistake {
        Mistake { line: None, problem }
    }
}

/// An oblast, the Autonomous Republic of Crimea, or a city with special status.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Region {
    pub line: usize,
    pub code: Code,
    /// O or K.
    pub category: Category,
    /// As the file writes it: "Київська", "Київ".
    pub short_name: String,
    pub slug: String,
    /// "Київська область" / "Kyiv Oblast".
    pub name: Text,
}

/// A territorial community.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Community {
    pub line: usize,
    pub code: Code,
    /// The code of its region (column 1).
    pub region: Code,
    /// The code of its raion (column 2) and the raion's name ("Бучанський").
    pub raion: Code,
    pub raion_name: String,
    /// As the file writes it: "Бучанська".
    pub short_name: String,
    /// See the module documentation for how a shared name is told apart.
    pub slug: String,
    /// "Бучанська громада" / "Buchanska community".
    pub name: Text,
    /// Three Latin capitals, unique within the file; see [`ReferenceCodes`].
    pub reference_code: String,
    /// The slugs to try, in order, when [`Community::slug`] is taken by a
    /// community that is not this one (in a database): the name with the
    /// oblast's slug, then with the raion's and the oblast's.
    pub other_slugs: Vec<String>,
}

/// What a codifier file holds for Hromada.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Codifier {
    pub encoding: Encoding,
    /// Records read after the header (every category).
    pub rows: usize,
    /// In the order of the file.
    pub regions: Vec<Region>,
    /// In the order of their codes.
    pub communities: Vec<Community>,
}

/// Reads a codifier file; every mistake, or what it holds.
pub fn parse(bytes: &[u8]) -> Result<Codifier, Vec<Mistake>> {
    let (text, encoding) = decode(bytes).map_err(|p| vec![Mistake::file(p)])?;
    let table = read_table(&text)?;
    let mut mistakes = Vec::new();
    let rows: Vec<Row> = table.records.iter().filter_map(|r| read_row(r, &table, &mut mistakes)).collect();
    let (regions, communities) = assemble(&rows, &mut mistakes);
    if regions.is_empty() && communities.is_empty() && mistakes.is_empty() {
        mistakes.push(Mistake::file(Problem::NothingToImport));
    }
    if !mistakes.is_empty() {
        mistakes.sort_by_key(|m| m.line);
        return Err(mistakes);
    }
    Ok(Codifier { encoding, rows: rows.len(), regions, communities })
}

// ---------------------------------------------------------------- encodings

/// The text of the file, from UTF-8, UTF-16 (with its byte-order mark) or Windows-1251.
pub fn decode(bytes: &[u8]) -> Result<(String, Encoding), Problem> {
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(Problem::TooLarge { bytes: bytes.len() as u64 });
    }
    // ZIP (XLSX, ODS) and the compound file of the old XLS.
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") || bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return Err(Problem::Spreadsheet);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return utf16(rest, u16::from_le_bytes).map(|t| (t, Encoding::Utf16));
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return utf16(rest, u16::from_be_bytes).map(|t| (t, Encoding::Utf16));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if let Ok(text) = std::str::from_utf8(bytes) {
        if text.contains('\0') {
            return Err(Problem::NotText);
        }
        return Ok((text.to_string(), Encoding::Utf8));
    }
    // Windows-1251 has no character at 0x98, and text has no NUL.
    if bytes.iter().any(|&b| b == 0x98 || b == 0) {
        return Err(Problem::NotText);
    }
    Ok((bytes.iter().map(|&b| windows_1251(b)).collect(), Encoding::Windows1251))
}

fn utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> Result<String, Problem> {
    if !bytes.len().is_multiple_of(2) {
        return Err(Problem::NotText);
    }
    let units: Vec<u16> = bytes.chunks_exact(2).map(|p| unit([p[0], p[1]])).collect();
    String::from_utf16(&units).map_err(|_| Problem::NotText)
}

/// Windows-1251 (the Cyrillic code page of Windows) to Unicode.
fn windows_1251(b: u8) -> char {
    /// 0x80..=0xBF; 0x98 has no character.
    const HIGH: [char; 64] = [
        'Ђ', 'Ѓ', '‚', 'ѓ', '„', '…', '†', '‡', '€', '‰', 'Љ', '‹', 'Њ', 'Ќ', 'Ћ', 'Џ', //
        'ђ', '‘', '’', '“', '”', '•', '–', '—', '\u{FFFD}', '™', 'љ', '›', 'њ', 'ќ', 'ћ', 'џ', //
        '\u{A0}', 'Ў', 'ў', 'Ј', '¤', 'Ґ', '¦', '§', 'Ё', '©', 'Є', '«', '¬', '\u{AD}', '®', 'Ї', //
        '°', '±', 'І', 'і', 'ґ', 'µ', '¶', '·', 'ё', '№', 'є', '»', 'ј', 'Ѕ', 'ѕ', 'ї',
    ];
    match b {
        0x00..=0x7F => char::from(b),
        0x80..=0xBF => HIGH[usize::from(b - 0x80)],
        // А..я are in alphabetical order from U+0410.
        _ => char::from_u32(0x0410 + u32::from(b - 0xC0)).unwrap_or('\u{FFFD}'),
    }
}

// ---------------------------------------------------------------- CSV

/// One record: the line it starts on and its fields.
#[derive(Debug)]
struct Record {
    line: usize,
    fields: Vec<String>,
}

/// Splits text into records: `sep` between fields, a line break between
/// records (LF, CRLF or CR), `"` around a field that may hold either, `""`
/// for a quote inside one. An unclosed quote is reported on the line it opened.
fn split_records(text: &str, sep: char) -> (Vec<Record>, Option<usize>) {
    let mut records = Vec::new();
    let mut fields = Vec::new();
    let mut field = String::new();
    let mut line = 1;
    let mut start = 1;
    let mut chars = text.chars().peekable();
    let mut quoted = false;
    let mut at_field_start = true;
    while let Some(c) = chars.next() {
        if quoted {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                '"' => quoted = false,
                '\r' if chars.peek() == Some(&'\n') => {}
                '\n' | '\r' => {
                    line += 1;
                    field.push('\n');
                }
                _ => field.push(c),
            }
            continue;
        }
        match c {
            '"' if at_field_start => {
                quoted = true;
                at_field_start = false;
            }
            c if c == sep => {
                fields.push(std::mem::take(&mut field));
                at_field_start = true;
            }
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' | '\r' => {
                fields.push(std::mem::take(&mut field));
                records.push(Record { line: start, fields: std::mem::take(&mut fields) });
                line += 1;
                start = line;
                at_field_start = true;
            }
            ' ' if at_field_start => field.push(c),
            _ => {
                field.push(c);
                at_field_start = false;
            }
        }
    }
    if quoted {
        return (records, Some(start));
    }
    if !field.is_empty() || !fields.is_empty() {
        fields.push(field);
        records.push(Record { line: start, fields });
    }
    (records, None)
}

fn is_blank(record: &Record) -> bool {
    record.fields.iter().all(|f| f.trim().is_empty())
}

/// Where each column is, and the records after the header.
struct Table {
    /// The field index of each of [`Column::ALL`].
    columns: [usize; 7],
    width: usize,
    records: Vec<Record>,
}

/// How far down a header row is looked for (title lines above it are skipped).
const HEADER_SEARCH: usize = 20;

fn read_table(text: &str) -> Result<Table, Vec<Mistake>> {
    // The separator under which a header row appears, or else the first row
    // reads as data in the published order.
    let mut headerless = None;
    for sep in [';', ',', '\t'] {
        let (records, unclosed) = split_records(text, sep);
        let header = records.iter().take(HEADER_SEARCH).position(|r| r.fields.iter().filter_map(|f| Column::recognise(f)).count() >= 3);
        if let Some(at) = header {
            let mut mistakes = Vec::new();
            let table = header_table(records, at, &mut mistakes);
            if let Some(line) = unclosed {
                mistakes.push(Mistake::at(line, Problem::UnclosedQuote));
            }
            return match table {
                Some(table) if mistakes.is_empty() => Ok(table),
                _ => Err(mistakes),
            };
        }
        let first = records.iter().find(|r| !is_blank(r));
        if headerless.is_none()
            && first.is_some_and(|r| r.fields.len() >= Column::ALL.len() && r.fields.first().and_then(|f| Code::parse(f)).is_some())
        {
            headerless = Some((records, unclosed));
        }
    }
    if let Some((records, unclosed)) = headerless {
        if let Some(line) = unclosed {
            return Err(vec![Mistake::at(line, Problem::UnclosedQuote)]);
        }
        return Ok(Table { columns: [0, 1, 2, 3, 4, 5, 6], width: Column::ALL.len(), records });
    }
    let line = split_records(text, ';').0.iter().find(|r| !is_blank(r)).map_or(1, |r| r.line);
    Err(vec![Mistake::at(line, Problem::NoHeader)])
}

fn header_table(mut records: Vec<Record>, at: usize, mistakes: &mut Vec<Mistake>) -> Option<Table> {
    let rest = records.split_off(at + 1);
    let header = records.pop()?;
    let mut found: HashMap<Column, usize> = HashMap::new();
    for (i, cell) in header.fields.iter().enumerate() {
        if let Some(column) = Column::recognise(cell)
            && found.insert(column, i).is_some()
        {
            mistakes.push(Mistake::at(header.line, Problem::DuplicateColumn { column }));
        }
    }
    let mut columns = [0; 7];
    for column in Column::ALL {
        match found.get(&column) {
            Some(&i) => columns[column.index()] = i,
            None => mistakes.push(Mistake::at(header.line, Problem::MissingColumn { column })),
        }
    }
    // The published table numbers its columns in a row under the header.
    let records = rest
        .into_iter()
        .enumerate()
        .filter(|(i, r)| !(*i == 0 && r.fields.iter().all(|f| f.trim().is_empty() || f.trim().parse::<u8>().is_ok())))
        .map(|(_, r)| r)
        .collect();
    Some(Table { columns, width: header.fields.len(), records })
}

// ---------------------------------------------------------------- rows

/// A record read into its parts.
struct Row {
    line: usize,
    levels: [Option<Code>; 5],
    category: Category,
    name: String,
}

impl Row {
    fn level(&self, column: Column) -> Option<&Code> {
        self.levels.get(column.index()).and_then(Option::as_ref)
    }

    /// The code of the unit the row is about: its deepest filled level.
    fn own(&self) -> Option<&Code> {
        self.level(self.category.own_column())
    }
}

/// Spaces trimmed and runs of them made one, in NFC.
fn clean_name(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ").nfc().collect()
}

fn read_row(record: &Record, table: &Table, mistakes: &mut Vec<Mistake>) -> Option<Row> {
    if is_blank(record) {
        return None;
    }
    let line = record.line;
    let needed = table.columns.iter().max().map_or(0, |m| m + 1);
    // Fields past the header's last one are allowed only if empty (spreadsheets pad rows).
    let extra_filled = record.fields.iter().skip(table.width).any(|f| !f.trim().is_empty());
    if record.fields.len() < needed || extra_filled {
        mistakes.push(Mistake::at(line, Problem::FieldCount { found: record.fields.len(), expected: table.width }));
        return None;
    }
    let table_columns = &table.columns;
    let cell = |column: Column| record.fields.get(table_columns[column.index()]).map_or("", |s| s.trim());
    let before = mistakes.len();
    let mut levels: [Option<Code>; 5] = Default::default();
    for column in Column::LEVELS {
        let value = cell(column);
        if value.is_empty() {
            continue;
        }
        match Code::parse(value) {
            Some(code) => levels[column.index()] = Some(code),
            None => mistakes.push(Mistake::at(line, Problem::BadCode { column, value: value.to_string() })),
        }
    }
    let category = Category::parse(cell(Column::Category));
    if category.is_none() {
        mistakes.push(Mistake::at(line, Problem::UnknownCategory { value: cell(Column::Category).to_string() }));
    }
    let name = clean_name(cell(Column::Name));
    if name.is_empty() {
        mistakes.push(Mistake::at(line, Problem::EmptyName));
    }
    let row = Row { line, levels, category: category?, name };
    if mistakes.len() > before {
        return None;
    }
    check_columns(&row, mistakes);
    (mistakes.len() == before).then_some(row)
}

/// The level columns a row of its category fills and leaves empty, and the
/// tier of each code, for the rows imported; the own code for the others.
fn check_columns(row: &Row, mistakes: &mut Vec<Mistake>) {
    let own = row.category.own_column();
    if !row.category.imported() {
        if row.level(own).is_none() {
            mistakes.push(Mistake::at(row.line, Problem::MissingCode { column: own, category: row.category }));
        }
        return;
    }
    let expected = [Level::Oblast, Level::Raion, Level::Community];
    for (i, column) in Column::LEVELS.into_iter().enumerate() {
        match (row.level(column), column <= own) {
            (None, true) => mistakes.push(Mistake::at(row.line, Problem::MissingCode { column, category: row.category })),
            (Some(_), false) => mistakes.push(Mistake::at(row.line, Problem::UnexpectedCode { column, category: row.category })),
            (Some(code), true) => {
                if let Some(&level) = expected.get(i)
                    && code.level() != level
                {
                    mistakes.push(Mistake::at(row.line, Problem::WrongLevel { column, code: code.clone(), expected: level }));
                }
            }
            (None, false) => {}
        }
    }
}

// ---------------------------------------------------------------- assembly

/// The English names of the regions, by their Ukrainian ones.
const REGION_NAMES_EN: &[(&str, &str)] = &[
    ("Автономна Республіка Крим", "Autonomous Republic of Crimea"),
    ("Вінницька", "Vinnytsia Oblast"),
    ("Волинська", "Volyn Oblast"),
    ("Дніпропетровська", "Dnipropetrovsk Oblast"),
    ("Донецька", "Donetsk Oblast"),
    ("Житомирська", "Zhytomyr Oblast"),
    ("Закарпатська", "Zakarpattia Oblast"),
    ("Запорізька", "Zaporizhzhia Oblast"),
    ("Івано-Франківська", "Ivano-Frankivsk Oblast"),
    ("Київська", "Kyiv Oblast"),
    ("Кіровоградська", "Kirovohrad Oblast"),
    ("Луганська", "Luhansk Oblast"),
    ("Львівська", "Lviv Oblast"),
    ("Миколаївська", "Mykolaiv Oblast"),
    ("Одеська", "Odesa Oblast"),
    ("Полтавська", "Poltava Oblast"),
    ("Рівненська", "Rivne Oblast"),
    ("Сумська", "Sumy Oblast"),
    ("Тернопільська", "Ternopil Oblast"),
    ("Харківська", "Kharkiv Oblast"),
    ("Херсонська", "Kherson Oblast"),
    ("Хмельницька", "Khmelnytskyi Oblast"),
    ("Черкаська", "Cherkasy Oblast"),
    ("Чернівецька", "Chernivtsi Oblast"),
    ("Чернігівська", "Chernihiv Oblast"),
    ("Київ", "Kyiv"),
    ("Севастополь", "Sevastopol"),
];

fn region_name(category: Category, short: &str) -> Text {
    let en = REGION_NAMES_EN.iter().find(|(uk, _)| *uk == short).map(|(_, en)| (*en).to_string());
    match category {
        Category::Oblast if !short.contains(' ') => {
            Text::new(format!("{short} область"), en.unwrap_or_else(|| format!("{} Oblast", transliterate(short))))
        }
        _ => Text::new(short, en.unwrap_or_else(|| transliterate(short))),
    }
}

/// "Київська область" as a name gives the slug and names of "Київська".
fn region_short_name(name: &str) -> &str {
    name.strip_suffix(" область").or_else(|| name.strip_suffix(" Область")).unwrap_or(name)
}

fn assemble(rows: &[Row], mistakes: &mut Vec<Mistake>) -> (Vec<Region>, Vec<Community>) {
    // Own codes of the rows imported, and the lines they are on.
    let mut first_line: HashMap<&Code, usize> = HashMap::new();
    let mut by_code: HashMap<&Code, &Row> = HashMap::new();
    for row in rows.iter().filter(|r| r.category.imported()) {
        let Some(code) = row.own() else { continue };
        match first_line.get(code) {
            Some(&first) => mistakes.push(Mistake::at(row.line, Problem::DuplicateCode { code: code.clone(), first_line: first })),
            None => {
                first_line.insert(code, row.line);
                by_code.insert(code, row);
            }
        }
    }
    let is_region = |code: &Code| by_code.get(code).is_some_and(|r| matches!(r.category, Category::Oblast | Category::SpecialCity));

    let mut regions = Vec::new();
    let mut region_slugs: HashMap<String, usize> = HashMap::new();
    for row in rows.iter().filter(|r| matches!(r.category, Category::Oblast | Category::SpecialCity)) {
        let Some(code) = row.own() else { continue };
        if by_code.get(code).is_none_or(|r| r.line != row.line) {
            continue;
        }
        let short = region_short_name(&row.name).to_string();
        let slug = slugify(&short);
        if slug.is_empty() {
            mistakes.push(Mistake::at(row.line, Problem::EmptySlug));
            continue;
        }
        if let Some(&other_line) = region_slugs.get(&slug) {
            mistakes.push(Mistake::at(row.line, Problem::SlugTaken { slug, other_line }));
            continue;
        }
        region_slugs.insert(slug.clone(), row.line);
        let name = region_name(row.category, &short);
        regions.push(Region { line: row.line, code: code.clone(), category: row.category, short_name: short, slug, name });
    }

    // Raions: their oblast must be in the file and hold their digits.
    for row in rows.iter().filter(|r| r.category == Category::Raion) {
        let (Some(oblast), Some(raion)) = (row.level(Column::Level1), row.level(Column::Level2)) else { continue };
        if !is_region(oblast) {
            mistakes.push(Mistake::at(row.line, Problem::OblastMissing { code: oblast.clone() }));
        } else if raion.prefix(2) != oblast.prefix(2) {
            mistakes.push(Mistake::at(row.line, Problem::OutsideOblast { code: raion.clone(), oblast: oblast.clone() }));
        }
    }

    struct Draft<'a> {
        row: &'a Row,
        code: &'a Code,
        oblast: &'a Code,
        raion: &'a Row,
        raion_code: &'a Code,
        base: String,
    }
    let mut drafts = Vec::new();
    for row in rows.iter().filter(|r| r.category == Category::Community) {
        let (Some(oblast), Some(raion_code), Some(code)) = (row.level(Column::Level1), row.level(Column::Level2), row.own()) else {
            continue;
        };
        if by_code.get(code).is_none_or(|r| r.line != row.line) {
            continue;
        }
        let before = mistakes.len();
        if !is_region(oblast) {
            mistakes.push(Mistake::at(row.line, Problem::OblastMissing { code: oblast.clone() }));
        }
        let raion = by_code.get(raion_code).copied().filter(|r| r.category == Category::Raion);
        if raion.is_none() {
            mistakes.push(Mistake::at(row.line, Problem::RaionMissing { code: raion_code.clone() }));
        }
        if code.prefix(2) != oblast.prefix(2) || raion.is_some_and(|r| r.level(Column::Level1) != Some(oblast)) {
            mistakes.push(Mistake::at(row.line, Problem::OutsideOblast { code: code.clone(), oblast: oblast.clone() }));
        } else if code.prefix(4) != raion_code.prefix(4) {
            mistakes.push(Mistake::at(row.line, Problem::OutsideRaion { code: code.clone(), raion: raion_code.clone() }));
        }
        let base = slugify(&row.name);
        if base.is_empty() {
            mistakes.push(Mistake::at(row.line, Problem::EmptySlug));
        }
        if let (Some(raion), true) = (raion, mistakes.len() == before) {
            drafts.push(Draft { row, code, oblast, raion, raion_code, base });
        }
    }

    // Slugs: the name's; shared names take the oblast's slug, and within one
    // oblast the raion's too (module documentation).
    let region_slug: HashMap<&Code, &str> = regions.iter().map(|r| (&r.code, r.slug.as_str())).collect();
    let mut by_base: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, d) in drafts.iter().enumerate() {
        by_base.entry(d.base.as_str()).or_default().push(i);
    }
    let mut communities = Vec::new();
    let mut slugs: HashMap<String, usize> = HashMap::new();
    for d in &drafts {
        let oblast_slug = region_slug.get(d.oblast).copied().unwrap_or_default();
        let with_oblast = format!("{}-{oblast_slug}", d.base);
        let with_raion = format!("{}-{}-{oblast_slug}", d.base, slugify(&d.raion.name));
        let namesakes = by_base.get(d.base.as_str()).map_or(&[][..], Vec::as_slice);
        let slug = if namesakes.len() <= 1 {
            d.base.clone()
        } else if namesakes.iter().filter(|&&i| drafts[i].oblast == d.oblast).count() == 1 {
            with_oblast.clone()
        } else {
            with_raion.clone()
        };
        if RESERVED_SLUGS.contains(&slug.as_str()) {
            mistakes.push(Mistake::at(d.row.line, Problem::ReservedSlug { slug }));
            continue;
        }
        if let Some(&other_line) = slugs.get(&slug) {
            mistakes.push(Mistake::at(d.row.line, Problem::SlugTaken { slug, other_line }));
            continue;
        }
        slugs.insert(slug.clone(), d.row.line);
        let other_slugs = [with_oblast, with_raion].into_iter().filter(|s| *s != slug).collect();
        communities.push(Community {
            line: d.row.line,
            code: d.code.clone(),
            region: d.oblast.clone(),
            raion: d.raion_code.clone(),
            raion_name: d.raion.name.clone(),
            short_name: d.row.name.clone(),
            slug,
            name: Text::new(format!("{} громада", d.row.name), format!("{} community", transliterate(&d.row.name))),
            reference_code: String::new(),
            other_slugs,
        });
    }
    communities.sort_by(|a, b| a.code.cmp(&b.code));
    let mut codes = ReferenceCodes::default();
    for c in &mut communities {
        match codes.allocate(&c.short_name) {
            Some(code) => c.reference_code = code,
            None => mistakes.push(Mistake::at(c.line, Problem::NoReferenceCode)),
        }
    }
    (regions, communities)
}

// ---------------------------------------------------------------- reference codes

/// Hands out three-letter reference codes, each once (module documentation).
#[derive(Debug, Clone, Default)]
pub struct ReferenceCodes {
    taken: HashSet<String>,
}

impl ReferenceCodes {
    /// Codes already in use (a database's), which are never handed out.
    pub fn new<I: IntoIterator<Item = String>>(taken: I) -> ReferenceCodes {
        ReferenceCodes { taken: taken.into_iter().collect() }
    }

    /// Marks a code as used; false if it already was.
    pub fn take(&mut self, code: &str) -> bool {
        self.taken.insert(code.to_string())
    }

    /// The first free candidate for a name, now taken; `None` when all 17,576 are.
    pub fn allocate(&mut self, name_uk: &str) -> Option<String> {
        let code = candidates(name_uk).find(|c| !self.taken.contains(c))?;
        self.taken.insert(code.clone());
        Some(code)
    }
}

/// The reference codes a name may take, best first, each once.
pub fn candidates(name_uk: &str) -> impl Iterator<Item = String> {
    let letters: Vec<u8> = transliterate(name_uk).bytes().filter(u8::is_ascii_alphabetic).map(|b| b.to_ascii_uppercase()).collect();
    let first = letters.first().copied();
    let n = letters.len();
    let pairs = (1..n).flat_map(move |i| (i + 1..n).map(move |j| (i, j)));
    let from_name: Vec<String> = match first {
        Some(f) => pairs.map(|(i, j)| String::from_utf8_lossy(&[f, letters[i], letters[j]]).into_owned()).collect(),
        None => Vec::new(),
    };
    let alphabet = || b'A'..=b'Z';
    let with_first = first
        .into_iter()
        .flat_map(move |f| alphabet().flat_map(move |a| alphabet().map(move |b| String::from_utf8_lossy(&[f, a, b]).into_owned())));
    let any = alphabet()
        .flat_map(move |a| alphabet().flat_map(move |b| alphabet().map(move |c| String::from_utf8_lossy(&[a, b, c]).into_owned())));
    let mut seen = HashSet::new();
    from_name.into_iter().chain(with_first).chain(any).filter(move |c| seen.insert(c.clone()))
}

#[cfg(test)]
mod tests;
