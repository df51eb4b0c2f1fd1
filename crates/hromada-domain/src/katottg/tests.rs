//! The fixture is cut from Minregion's codifier (version of 16.05.2025): real
//! rows, real codes, in the published layout. The inline files below are made
//! of real rows too, some changed on purpose to make one mistake each.

use super::*;

const FIXTURE: &[u8] = include_bytes!("../../tests/fixtures/katottg.csv");
/// The fixture converted to Windows-1251 by iconv, not by this code.
const FIXTURE_1251: &[u8] = include_bytes!("../../tests/fixtures/katottg-cp1251.csv");

const HEADER: &str = "Перший рівень;Другий рівень;Третій рівень;Четвертий рівень;Додатковий рівень;Категорія об’єкта;Назва об’єкта";
const KYIVSKA: &str = "UA32000000000030281;;;;;O;Київська";
const BUCHANSKYI: &str = "UA32000000000030281;UA32080000000084076;;;;P;Бучанський";
const BUCHANSKA: &str = "UA32000000000030281;UA32080000000084076;UA32080070000050759;;;H;Бучанська";
const BUCHA: &str = "UA32000000000030281;UA32080000000084076;UA32080070000050759;UA32080070010087821;;M;Буча";
const IRPINSKA: &str = "UA32000000000030281;UA32080000000084076;UA32080150000035443;;;H;Ірпінська";
const VINNYTSKA_OBLAST: &str = "UA05000000000010236;;;;;O;Вінницька";
const CRIMEA: &str = "UA01000000000013043;;;;;O;Автономна Республіка Крим";
const FEODOSIISKYI: &str = "UA01000000000013043;UA01180000000068971;;;;P;Феодосійський";
const YALTYNSKYI: &str = "UA01000000000013043;UA01200000000063976;;;;P;Ялтинський";
const PRYVITNENSKA_FEODOSIIA: &str = "UA01000000000013043;UA01180000000068971;UA01180490000091735;;;H;Привітненська ";
const PRYVITNENSKA_YALTA: &str = "UA01000000000013043;UA01200000000063976;UA01200250000065451;;;H;Привітненська ";

/// A file of the header and these rows, one a line.
fn file(rows: &[&str]) -> Vec<u8> {
    let mut text = String::from(HEADER);
    for row in rows {
        text.push('\n');
        text.push_str(row);
    }
    text.push('\n');
    text.into_bytes()
}

fn ok(bytes: &[u8]) -> Codifier {
    match parse(bytes) {
        Ok(c) => c,
        Err(mistakes) => panic!("expected no mistakes, got {mistakes:?}"),
    }
}

fn mistakes(bytes: &[u8]) -> Vec<Mistake> {
    match parse(bytes) {
        Ok(c) => panic!("expected mistakes, got {} regions and {} communities", c.regions.len(), c.communities.len()),
        Err(m) => m,
    }
}

fn at(line: usize, problem: Problem) -> Mistake {
    Mistake { line: Some(line), problem }
}

fn code(s: &str) -> Code {
    Code::parse(s).expect("a real code")
}

fn community<'a>(c: &'a Codifier, name: &str) -> &'a Community {
    c.communities.iter().find(|x| x.short_name == name).unwrap_or_else(|| panic!("no community {name}"))
}

// ---------------------------------------------------------------- what a good file gives

#[test]
fn the_published_layout_gives_the_regions_and_communities_with_their_real_codes() {
    let c = ok(FIXTURE);
    assert_eq!(c.encoding, Encoding::Utf8);
    assert_eq!(c.rows, 107);
    let regions: Vec<(&str, &str)> = c.regions.iter().map(|r| (r.code.as_str(), r.slug.as_str())).collect();
    assert_eq!(
        regions,
        [
            ("UA01000000000013043", "avtonomna-respublika-krym"),
            ("UA05000000000010236", "vinnytska"),
            ("UA07000000000024379", "volynska"),
            ("UA12000000000090473", "dnipropetrovska"),
            ("UA18000000000041385", "zhytomyrska"),
            ("UA21000000000011690", "zakarpatska"),
            ("UA32000000000030281", "kyivska"),
            ("UA61000000000060328", "ternopilska"),
            ("UA71000000000010357", "cherkaska"),
            ("UA80000000000093317", "kyiv"),
        ]
    );
    let kyivska = &c.regions[6];
    assert_eq!(kyivska.category, Category::Oblast);
    assert_eq!(kyivska.name, Text::new("Київська область", "Kyiv Oblast"));
    assert_eq!(c.regions[0].name, Text::new("Автономна Республіка Крим", "Autonomous Republic of Crimea"));
    assert_eq!(c.regions[9].category, Category::SpecialCity);
    assert_eq!(c.regions[9].name, Text::new("Київ", "Kyiv"));

    let bucha = community(&c, "Бучанська");
    assert_eq!(bucha.code, code("UA32080070000050759"));
    assert_eq!(bucha.region, code("UA32000000000030281"));
    assert_eq!(bucha.raion, code("UA32080000000084076"));
    assert_eq!(bucha.raion_name, "Бучанський");
    assert_eq!(bucha.slug, "buchanska");
    assert_eq!(bucha.name, Text::new("Бучанська громада", "Buchanska community"));
    assert_eq!(bucha.reference_code, "BUC");
    assert_eq!(bucha.line, 54);
}

#[test]
fn the_demo_communities_get_the_slugs_the_demo_uses() {
    let c = ok(FIXTURE);
    let demo = ["Бучанська", "Черкаська", "Ужгородська", "Тернопільська", "Вінницька", "Луцька", "Дніпровська", "Житомирська"];
    let slugs: Vec<&str> = demo.iter().map(|n| community(&c, n).slug.as_str()).collect();
    assert_eq!(slugs, ["buchanska", "cherkaska", "uzhhorodska", "ternopilska", "vinnytska", "lutska", "dniprovska", "zhytomyrska"]);
}

#[test]
fn communities_come_in_code_order_and_settlements_districts_and_raions_are_not_communities() {
    let c = ok(FIXTURE);
    let codes: Vec<&str> = c.communities.iter().map(|x| x.code.as_str()).collect();
    let mut sorted = codes.clone();
    sorted.sort_unstable();
    assert_eq!(codes, sorted);
    assert_eq!(c.communities.len(), 12);
    assert!(c.communities.iter().all(|x| x.code.level() == Level::Community));
}

#[test]
fn a_windows_1251_file_reads_the_same_as_its_utf8_original() {
    let utf8 = ok(FIXTURE);
    let cp1251 = ok(FIXTURE_1251);
    assert_eq!(cp1251.encoding, Encoding::Windows1251);
    assert_eq!(cp1251.regions, utf8.regions);
    assert_eq!(cp1251.communities, utf8.communities);
}

#[test]
fn windows_1251_letters_of_ukrainian_and_the_typographic_apostrophe() {
    let pairs = [
        (0xA5, 'Ґ'),
        (0xB4, 'ґ'),
        (0xAA, 'Є'),
        (0xBA, 'є'),
        (0xB2, 'І'),
        (0xB3, 'і'),
        (0xAF, 'Ї'),
        (0xBF, 'ї'),
        (0x92, '’'),
        (0xB9, '№'),
        (0xC0, 'А'),
        (0xDF, 'Я'),
        (0xE0, 'а'),
        (0xFF, 'я'),
        (b';', ';'),
    ];
    for (byte, expected) in pairs {
        assert_eq!(windows_1251(byte), expected, "byte {byte:#04x}");
    }
}

#[test]
fn utf16_with_its_mark_is_read_too() {
    let text = String::from_utf8(file(&[KYIVSKA, BUCHANSKYI, BUCHANSKA])).expect("utf-8");
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    let c = ok(&bytes);
    assert_eq!(c.encoding, Encoding::Utf16);
    assert_eq!(c.communities[0].slug, "buchanska");
}

#[test]
fn a_comma_separated_quoted_file_with_a_byte_order_mark_and_crlf_reads_the_same() {
    let original = ok(FIXTURE);
    let text = std::str::from_utf8(FIXTURE).expect("utf-8");
    let mut converted = String::from("\u{FEFF}");
    for line in text.lines() {
        let quoted: Vec<String> = line.split(';').map(|f| format!("\"{}\"", f.replace('"', "\"\""))).collect();
        converted.push_str(&quoted.join(","));
        converted.push_str("\r\n");
    }
    let c = ok(converted.as_bytes());
    assert_eq!(c.regions, original.regions);
    assert_eq!(c.communities, original.communities);
}

#[test]
fn a_tab_separated_file_reads_the_same() {
    let original = ok(FIXTURE);
    let text = std::str::from_utf8(FIXTURE).expect("utf-8").replace(';', "\t");
    let c = ok(text.as_bytes());
    assert_eq!(c.communities, original.communities);
}

#[test]
fn category_letters_are_read_in_latin_and_in_cyrillic() {
    // О, Р, Н in Cyrillic; the other rows keep their Latin letters.
    let c = ok(&file(&[
        "UA32000000000030281;;;;;О;Київська",
        BUCHANSKYI.replace(";P;", ";Р;").as_str(),
        BUCHANSKA.replace(";H;", ";Н;").as_str(),
        BUCHA,
    ]));
    assert_eq!(c.regions.len(), 1);
    assert_eq!(c.communities[0].slug, "buchanska");
    for (letter, category) in [("O", Category::Oblast), ("О", Category::Oblast), ("K", Category::SpecialCity), ("К", Category::SpecialCity)]
    {
        assert_eq!(Category::parse(letter), Some(category));
    }
    for (latin, cyrillic) in [("P", "Р"), ("H", "Н"), ("M", "М"), ("X", "Х"), ("C", "С"), ("B", "В"), ("T", "Т")] {
        assert_eq!(Category::parse(latin), Category::parse(cyrillic));
        assert!(Category::parse(latin).is_some());
    }
}

#[test]
fn columns_in_another_order_title_lines_the_numbering_row_and_extra_columns_are_read() {
    let text = "Кодифікатор адміністративно-територіальних одиниць;;;;;;;\n\
                ;;;;;;;\n\
                Назва об'єкта;Категорія об’єкта;Перший рівень;Другий рівень;Третій рівень;Четвертий рівень;Додатковий рівень;Примітка\n\
                1;2;3;4;5;6;7;8\n\
                Київська;O;UA32000000000030281;;;;;\n\
                Бучанський;P;UA32000000000030281;UA32080000000084076;;;;\n\
                Бучанська;H;UA32000000000030281;UA32080000000084076;UA32080070000050759;;;нова\n";
    let c = ok(text.as_bytes());
    assert_eq!(c.communities.len(), 1);
    assert_eq!(c.communities[0].line, 7);
    assert_eq!(c.communities[0].raion_name, "Бучанський");
}

#[test]
fn a_file_without_a_header_is_read_in_the_published_order() {
    let text = [KYIVSKA, BUCHANSKYI, BUCHANSKA].join("\n");
    let c = ok(text.as_bytes());
    assert_eq!(c.communities[0].line, 3);
}

#[test]
fn names_are_trimmed_and_spaces_inside_made_one() {
    let c = ok(&file(&[CRIMEA, FEODOSIISKYI, PRYVITNENSKA_FEODOSIIA, "UA32000000000030281;;;;;O;  Київська  "]));
    assert_eq!(c.communities[0].short_name, "Привітненська");
    assert_eq!(c.communities[0].name.uk, "Привітненська громада");
    assert_eq!(c.regions[1].name.uk, "Київська область");
}

#[test]
fn quoted_fields_keep_separators_doubled_quotes_and_line_breaks() {
    let (records, unclosed) = split_records("a;\"b;c\"\"d\";e\r\n\"x\ny\";z\n", ';');
    assert_eq!(unclosed, None);
    assert_eq!(records.len(), 2);
    assert_eq!(records[0].fields, ["a", "b;c\"d", "e"]);
    assert_eq!((records[1].line, records[1].fields.clone()), (2, vec!["x\ny".to_string(), "z".to_string()]));
}

// ---------------------------------------------------------------- slugs and reference codes

#[test]
fn namesakes_in_different_oblasts_take_their_oblasts_slug() {
    let c = ok(FIXTURE);
    let ternivska: Vec<(&str, &str)> =
        c.communities.iter().filter(|x| x.short_name == "Тернівська").map(|x| (x.code.as_str(), x.slug.as_str())).collect();
    assert_eq!(ternivska, [("UA01020430000077222", "ternivska-avtonomna-respublika-krym"), ("UA71080450000083423", "ternivska-cherkaska")]);
}

#[test]
fn namesakes_in_one_oblast_take_their_raions_slug_as_well_whatever_the_order() {
    let rows = [CRIMEA, FEODOSIISKYI, YALTYNSKYI, PRYVITNENSKA_FEODOSIIA, PRYVITNENSKA_YALTA];
    let c = ok(&file(&rows));
    let slugs: Vec<&str> = c.communities.iter().map(|x| x.slug.as_str()).collect();
    assert_eq!(slugs, ["pryvitnenska-feodosiiskyi-avtonomna-respublika-krym", "pryvitnenska-yaltynskyi-avtonomna-respublika-krym"]);
    let reversed = ok(&file(&[CRIMEA, YALTYNSKYI, FEODOSIISKYI, PRYVITNENSKA_YALTA, PRYVITNENSKA_FEODOSIIA]));
    let again: Vec<(&str, &str)> = reversed.communities.iter().map(|x| (x.slug.as_str(), x.reference_code.as_str())).collect();
    let first: Vec<(&str, &str)> = c.communities.iter().map(|x| (x.slug.as_str(), x.reference_code.as_str())).collect();
    assert_eq!(again, first);
}

#[test]
fn a_unique_name_keeps_its_plain_slug_and_offers_the_longer_ones_for_a_database_clash() {
    let c = ok(FIXTURE);
    assert_eq!(community(&c, "Бучанська").other_slugs, ["buchanska-kyivska", "buchanska-buchanskyi-kyivska"]);
}

#[test]
fn reference_codes_start_with_the_names_first_three_letters_and_are_unique_in_the_file() {
    let c = ok(FIXTURE);
    let code_of = |name: &str| community(&c, name).reference_code.as_str();
    assert_eq!(
        [
            code_of("Бучанська"),
            code_of("Ужгородська"),
            code_of("Вінницька"),
            code_of("Луцька"),
            code_of("Дніпровська"),
            code_of("Житомирська")
        ],
        ["BUC", "UZH", "VIN", "LUT", "DNI", "ZHY"]
    );
    // Тернівська (Crimea, UA01…) comes first in code order and takes TER;
    // Тернопільська (UA61…) and Тернівська (UA71…) take the next pairs.
    let ternivska_crimea = c.communities.iter().find(|x| x.code.as_str() == "UA01020430000077222").map(|x| x.reference_code.as_str());
    assert_eq!(ternivska_crimea, Some("TER"));
    assert_eq!(code_of("Тернопільська"), "TEN");
    let ternivska_cherkasy = c.communities.iter().find(|x| x.code.as_str() == "UA71080450000083423").map(|x| x.reference_code.as_str());
    assert_eq!(ternivska_cherkasy, Some("TEI"));
    let mut all: Vec<&str> = c.communities.iter().map(|x| x.reference_code.as_str()).collect();
    all.sort_unstable();
    all.dedup();
    assert_eq!(all.len(), c.communities.len());
    assert!(all.iter().all(|x| x.len() == 3 && x.bytes().all(|b| b.is_ascii_uppercase())));
}

#[test]
fn reference_codes_skip_those_a_database_already_holds() {
    let mut codes = ReferenceCodes::new(["BUC".to_string(), "BUH".to_string()]);
    assert_eq!(codes.allocate("Бучанська").as_deref(), Some("BUA"));
    assert_eq!(codes.allocate("Бучанська").as_deref(), Some("BUN"));
    assert!(!codes.take("BUC"));
    assert!(codes.take("ZZZ"));
    let first: Vec<String> = candidates("Бучанська").take(4).collect();
    assert_eq!(first, ["BUC", "BUH", "BUA", "BUN"]);
}

#[test]
fn reference_codes_run_out_only_after_every_three_letters() {
    let letters = || b'A'..=b'Z';
    let all: Vec<String> = letters()
        .flat_map(|a| letters().flat_map(move |b| letters().map(move |c| String::from_utf8_lossy(&[a, b, c]).into_owned())))
        .collect();
    assert_eq!(all.len(), 26 * 26 * 26);
    let mut codes = ReferenceCodes::new(all.into_iter().filter(|c| c != "QQQ"));
    assert_eq!(codes.allocate("Бучанська").as_deref(), Some("QQQ"));
    assert_eq!(codes.allocate("Бучанська"), None);
}

#[test]
fn code_levels_follow_the_digits() {
    assert_eq!(code("UA32000000000030281").level(), Level::Oblast);
    assert_eq!(code("UA80000000000093317").level(), Level::Oblast);
    assert_eq!(code("UA32080000000084076").level(), Level::Raion);
    assert_eq!(code("UA32080070000050759").level(), Level::Community);
    assert_eq!(code("UA32080070010087821").level(), Level::Settlement);
    assert_eq!(code("UA12020010010114149").level(), Level::CityDistrict);
    for bad in ["UA3208007000005075", "UA320800700000507590", "ua32080070000050759", "UA3208007000005075X", "32080070000050759", ""] {
        assert_eq!(Code::parse(bad), None, "{bad}");
    }
}

// ---------------------------------------------------------------- bad input

#[test]
fn a_spreadsheet_is_refused_with_a_request_for_csv() {
    for start in [&b"PK\x03\x04\x14\x00\x06\x00"[..], &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]] {
        assert_eq!(mistakes(start), [Mistake { line: None, problem: Problem::Spreadsheet }]);
    }
}

#[test]
fn a_file_over_fifty_megabytes_is_refused() {
    let big = vec![b' '; usize::try_from(MAX_FILE_BYTES).expect("fits") + 1];
    assert_eq!(mistakes(&big), [Mistake { line: None, problem: Problem::TooLarge { bytes: MAX_FILE_BYTES + 1 } }]);
    assert_eq!(Problem::TooLarge { bytes: MAX_FILE_BYTES + 1 }.args(), [("megabytes", "51".to_string()), ("limit", "50".to_string())]);
}

#[test]
fn bytes_that_are_no_text_are_refused() {
    // Not UTF-8, and 0x98 is no character of Windows-1251.
    assert_eq!(mistakes(&[0xC0, 0x98, 0x41]), [Mistake { line: None, problem: Problem::NotText }]);
    assert_eq!(mistakes(b"UA32000000000030281\0;;;;;O"), [Mistake { line: None, problem: Problem::NotText }]);
}

#[test]
fn a_file_with_neither_header_nor_codifier_rows_is_refused_on_its_first_line() {
    assert_eq!(mistakes("\n\nКод;Назва;Тип\n1;Буча;місто\n".as_bytes()), [at(3, Problem::NoHeader)]);
    assert_eq!(mistakes(b""), [at(1, Problem::NoHeader)]);
}

#[test]
fn a_missing_or_doubled_column_is_named() {
    let header = HEADER.replace(";Назва об’єкта", ";Примітка");
    let text = format!("{header}\n{KYIVSKA}\n");
    assert_eq!(mistakes(text.as_bytes()), [at(1, Problem::MissingColumn { column: Column::Name })]);
    let header = format!("{HEADER};Перший рівень");
    let text = format!("{header}\n{KYIVSKA};UA32000000000030281\n");
    assert_eq!(mistakes(text.as_bytes()), [at(1, Problem::DuplicateColumn { column: Column::Level1 })]);
}

#[test]
fn a_row_with_too_few_or_too_many_fields_is_refused_but_empty_padding_is_not() {
    let m = mistakes(&file(&[KYIVSKA, "UA32000000000030281;UA32080000000084076;;;P;Бучанський", &format!("{BUCHANSKA};зайве")]));
    assert_eq!(m, [at(3, Problem::FieldCount { found: 6, expected: 7 }), at(4, Problem::FieldCount { found: 8, expected: 7 })]);
    ok(&file(&[&format!("{KYIVSKA};;"), BUCHANSKYI, BUCHANSKA]));
}

#[test]
fn a_code_that_is_not_ua_and_seventeen_digits_is_named_with_its_column() {
    let m = mistakes(&file(&[
        KYIVSKA,
        BUCHANSKYI,
        "UA32000000000030281;UA32080000000084076;UA3208007000005075;;;H;Бучанська",
        "UA32000000000030281;UA32080000000084076;UA32080070000050759;UA32080070010O87821;;M;Буча",
    ]));
    assert_eq!(
        m,
        [
            at(4, Problem::BadCode { column: Column::Level3, value: "UA3208007000005075".into() }),
            at(5, Problem::BadCode { column: Column::Level4, value: "UA32080070010O87821".into() }),
        ]
    );
}

#[test]
fn an_unknown_category_letter_and_an_empty_name_are_refused() {
    let m = mistakes(&file(&[KYIVSKA, BUCHANSKYI, &BUCHANSKA.replace(";H;", ";Г;"), &IRPINSKA.replace("Ірпінська", " ")]));
    assert_eq!(m, [at(4, Problem::UnknownCategory { value: "Г".into() }), at(5, Problem::EmptyName)]);
}

#[test]
fn a_duplicate_code_names_the_line_it_first_appears_on() {
    let m = mistakes(&file(&[KYIVSKA, BUCHANSKYI, BUCHANSKA, IRPINSKA, &BUCHANSKA.replace("Бучанська", "Буча")]));
    assert_eq!(m, [at(6, Problem::DuplicateCode { code: code("UA32080070000050759"), first_line: 4 })]);
}

#[test]
fn a_community_or_raion_whose_oblast_is_not_in_the_file_is_refused() {
    let m = mistakes(&file(&[BUCHANSKYI, BUCHANSKA, BUCHA, IRPINSKA]));
    let oblast = code("UA32000000000030281");
    assert_eq!(
        m,
        [
            at(2, Problem::OblastMissing { code: oblast.clone() }),
            at(3, Problem::OblastMissing { code: oblast.clone() }),
            at(5, Problem::OblastMissing { code: oblast }),
        ]
    );
}

#[test]
fn a_community_whose_raion_is_not_in_the_file_is_refused() {
    let m = mistakes(&file(&[KYIVSKA, BUCHANSKA]));
    assert_eq!(m, [at(3, Problem::RaionMissing { code: code("UA32080000000084076") })]);
}

#[test]
fn a_community_filed_under_another_oblast_or_raion_is_refused() {
    // Бучанська with Вінницька's code in the first column; Привітненська of
    // the Feodosiia raion filed under the Yalta raion.
    let wrong_oblast = BUCHANSKA.replacen("UA32000000000030281", "UA05000000000010236", 1);
    let wrong_raion = PRYVITNENSKA_FEODOSIIA.replace("UA01180000000068971", "UA01200000000063976");
    let m = mistakes(&file(&[KYIVSKA, VINNYTSKA_OBLAST, BUCHANSKYI, &wrong_oblast, CRIMEA, YALTYNSKYI, &wrong_raion]));
    assert_eq!(
        m,
        [
            at(5, Problem::OutsideOblast { code: code("UA32080070000050759"), oblast: code("UA05000000000010236") }),
            at(8, Problem::OutsideRaion { code: code("UA01180490000091735"), raion: code("UA01200000000063976") }),
        ]
    );
}

#[test]
fn codes_in_the_wrong_columns_for_the_category_are_refused() {
    let m = mistakes(&file(&[
        // An oblast row holding a community's code.
        "UA32080070000050759;;;;;O;Київська",
        KYIVSKA,
        BUCHANSKYI,
        // A community row with a settlement's code, and one without its own.
        "UA32000000000030281;UA32080000000084076;UA32080070000050759;UA32080070010087821;;H;Бучанська",
        "UA32000000000030281;UA32080000000084076;;;;H;Ірпінська",
        // A city without its code.
        "UA32000000000030281;UA32080000000084076;UA32080070000050759;;;M;Буча",
    ]));
    assert_eq!(
        m,
        [
            at(2, Problem::WrongLevel { column: Column::Level1, code: code("UA32080070000050759"), expected: Level::Oblast }),
            at(5, Problem::UnexpectedCode { column: Column::Level4, category: Category::Community }),
            at(6, Problem::MissingCode { column: Column::Level3, category: Category::Community }),
            at(7, Problem::MissingCode { column: Column::Level4, category: Category::City }),
        ]
    );
}

#[test]
fn a_name_whose_slug_the_server_reserves_or_that_gives_none_is_refused() {
    let m = mistakes(&file(&[KYIVSKA, BUCHANSKYI, &BUCHANSKA.replace("Бучанська", "Адмін"), &IRPINSKA.replace("Ірпінська", "—")]));
    assert_eq!(m, [at(4, Problem::ReservedSlug { slug: "admin".into() }), at(5, Problem::EmptySlug)]);
}

#[test]
fn two_regions_with_one_name_are_refused() {
    let m = mistakes(&file(&[KYIVSKA, &VINNYTSKA_OBLAST.replace("Вінницька", "Київська")]));
    assert_eq!(m, [at(3, Problem::SlugTaken { slug: "kyivska".into(), other_line: 2 })]);
}

#[test]
fn a_quote_never_closed_is_reported_on_the_line_it_opens() {
    let m =
        mistakes(&file(&[KYIVSKA, BUCHANSKYI, "UA32000000000030281;UA32080000000084076;UA32080070000050759;;;H;\"Бучанська", IRPINSKA]));
    assert_eq!(m, [at(4, Problem::UnclosedQuote)]);
}

#[test]
fn a_file_of_settlements_only_has_nothing_to_import() {
    assert_eq!(mistakes(&file(&[BUCHA])), [Mistake { line: None, problem: Problem::NothingToImport }]);
}

#[test]
fn every_mistake_is_reported_not_only_the_first() {
    let m = mistakes(&file(&[
        KYIVSKA,
        &BUCHANSKYI.replace(";P;", ";Q;"),
        BUCHANSKA,
        &BUCHA.replace("UA32080070010087821", "UA3208007001008782"),
        &IRPINSKA.replace("Ірпінська", ""),
    ]));
    let lines: Vec<Option<usize>> = m.iter().map(|x| x.line).collect();
    assert_eq!(lines, [Some(3), Some(4), Some(5), Some(6)]);
    assert_eq!(m[1].problem, Problem::RaionMissing { code: code("UA32080000000084076") });
}

#[test]
fn every_problem_has_a_message_key_listed_once() {
    let problems = [
        Problem::TooLarge { bytes: 1 },
        Problem::Spreadsheet,
        Problem::NotText,
        Problem::NoHeader,
        Problem::MissingColumn { column: Column::Name },
        Problem::DuplicateColumn { column: Column::Name },
        Problem::FieldCount { found: 1, expected: 7 },
        Problem::UnclosedQuote,
        Problem::BadCode { column: Column::Level1, value: String::new() },
        Problem::MissingCode { column: Column::Level1, category: Category::Oblast },
        Problem::UnexpectedCode { column: Column::Level1, category: Category::Oblast },
        Problem::WrongLevel { column: Column::Level1, code: code("UA32000000000030281"), expected: Level::Oblast },
        Problem::UnknownCategory { value: String::new() },
        Problem::EmptyName,
        Problem::DuplicateCode { code: code("UA32000000000030281"), first_line: 1 },
        Problem::OblastMissing { code: code("UA32000000000030281") },
        Problem::RaionMissing { code: code("UA32000000000030281") },
        Problem::OutsideOblast { code: code("UA32000000000030281"), oblast: code("UA32000000000030281") },
        Problem::OutsideRaion { code: code("UA32000000000030281"), raion: code("UA32000000000030281") },
        Problem::EmptySlug,
        Problem::ReservedSlug { slug: String::new() },
        Problem::SlugTaken { slug: String::new(), other_line: 1 },
        Problem::NoReferenceCode,
        Problem::NothingToImport,
    ];
    let keys: Vec<&str> = problems.iter().map(Problem::key).collect();
    assert_eq!(keys, Problem::KEYS);
}
