//! Official transliteration of Ukrainian into Latin (Cabinet of Ministers
//! resolution No. 55 of 27.01.2010) and URL slugs built from it.

/// Apostrophe characters: ASCII `'`, typographic `’`, modifier letter `ʼ`, backtick.
const APOSTROPHES: [char; 4] = ['\'', '’', 'ʼ', '`'];

/// The Latin for a lower-case Cyrillic letter: (at the start of a word,
/// elsewhere). `None` for characters outside the table.
fn table(c: char) -> Option<(&'static str, &'static str)> {
    let same = |s| Some((s, s));
    match c {
        'а' => same("a"),
        'б' => same("b"),
        'в' => same("v"),
        'г' => same("h"),
        'ґ' => same("g"),
        'д' => same("d"),
        'е' => same("e"),
        'є' => Some(("ye", "ie")),
        'ж' => same("zh"),
        'з' => same("z"),
        'и' => same("y"),
        'і' => same("i"),
        'ї' => Some(("yi", "i")),
        'й' => Some(("y", "i")),
        'к' => same("k"),
        'л' => same("l"),
        'м' => same("m"),
        'н' => same("n"),
        'о' => same("o"),
        'п' => same("p"),
        'р' => same("r"),
        'с' => same("s"),
        'т' => same("t"),
        'у' => same("u"),
        'ф' => same("f"),
        'х' => same("kh"),
        'ц' => same("ts"),
        'ч' => same("ch"),
        'ш' => same("sh"),
        'щ' => same("shch"),
        'ь' => same(""),
        'ю' => Some(("yu", "iu")),
        'я' => Some(("ya", "ia")),
        // Not Ukrainian and not in the resolution; read the usual way so
        // that a Russian or Belarusian name still gives a readable slug.
        'ё' => Some(("yo", "io")),
        'ы' => same("y"),
        'э' => same("e"),
        'ъ' => same(""),
        'ў' => same("u"),
        _ => None,
    }
}

fn is_cyrillic_letter(c: Option<char>) -> bool {
    c.is_some_and(|c| c.to_lowercase().next().and_then(table).is_some())
}

/// Transliterates Ukrainian text into Latin by the official rules.
///
/// `Є`, `Ї`, `Й`, `Ю`, `Я` give `Ye`, `Yi`, `Y`, `Yu`, `Ya` at the start of a
/// word and `ie`, `i`, `i`, `iu`, `ia` elsewhere; `зг` gives `zgh`; `ь` and
/// apostrophes between letters are dropped. A capital letter gives a
/// capitalised Latin group (`Ж` → `Zh`), or an all-capital one (`ZH`) when
/// its neighbouring letter is a capital too, so `ЖИТОМИР` → `ZHYTOMYR`.
/// Characters that are not Cyrillic letters pass through unchanged.
pub fn transliterate(uk: &str) -> String {
    let chars: Vec<char> = uk.chars().collect();
    let mut out = String::with_capacity(uk.len());
    for (i, &c) in chars.iter().enumerate() {
        let prev = i.checked_sub(1).and_then(|p| chars.get(p)).copied();
        let next = chars.get(i + 1).copied();
        if APOSTROPHES.contains(&c) {
            if is_cyrillic_letter(prev) && is_cyrillic_letter(next) {
                continue;
            }
            out.push(c);
            continue;
        }
        let lower = c.to_lowercase().next().unwrap_or(c);
        let Some((initial, medial)) = table(lower) else {
            out.push(c);
            continue;
        };
        // The start of a word: no letter before (an apostrophe does not
        // count as a break, as in Знам'янка).
        let word_start = chars[..i].iter().rev().find(|p| !APOSTROPHES.contains(p)).is_none_or(|p| !p.is_alphabetic());
        let mut latin = if word_start { initial } else { medial };
        if lower == 'г' && prev.is_some_and(|p| matches!(p, 'з' | 'З')) {
            latin = "gh";
        }
        if !c.is_uppercase() {
            out.push_str(latin);
            continue;
        }
        let neighbour = match next {
            Some(n) if n.is_alphabetic() => Some(n),
            _ => prev.filter(|p| p.is_alphabetic()),
        };
        if neighbour.is_some_and(char::is_uppercase) {
            out.push_str(&latin.to_uppercase());
        } else {
            let mut letters = latin.chars();
            if let Some(first) = letters.next() {
                out.extend(first.to_uppercase());
                out.push_str(letters.as_str());
            }
        }
    }
    out
}

/// A URL slug: the transliteration in lower case, every run of characters
/// other than `a-z` and `0-9` replaced by one `-`, with no `-` at either end.
/// May be empty (for input with no letters or digits).
pub fn slugify(uk: &str) -> String {
    let latin = transliterate(uk).to_ascii_lowercase();
    let mut slug = String::with_capacity(latin.len());
    for c in latin.chars() {
        if c.is_ascii_lowercase() || c.is_ascii_digit() {
            slug.push(c);
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    if slug.ends_with('-') {
        slug.pop();
    }
    slug
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The examples given in resolution No. 55 itself.
    const RESOLUTION_EXAMPLES: &[(&str, &str)] = &[
        ("Алушта", "Alushta"),
        ("Андрій", "Andrii"),
        ("Борщагівка", "Borshchahivka"),
        ("Борисенко", "Borysenko"),
        ("Вінниця", "Vinnytsia"),
        ("Володимир", "Volodymyr"),
        ("Гадяч", "Hadiach"),
        ("Богдан", "Bohdan"),
        ("Згурський", "Zghurskyi"),
        ("Ґалаґан", "Galagan"),
        ("Ґорґани", "Gorgany"),
        ("Донецьк", "Donetsk"),
        ("Дмитро", "Dmytro"),
        ("Рівне", "Rivne"),
        ("Олег", "Oleh"),
        ("Есмань", "Esman"),
        ("Єнакієве", "Yenakiieve"),
        ("Гаєвич", "Haievych"),
        ("Короп'є", "Koropie"),
        ("Житомир", "Zhytomyr"),
        ("Жанна", "Zhanna"),
        ("Жежелів", "Zhezheliv"),
        ("Закарпаття", "Zakarpattia"),
        ("Казимирчук", "Kazymyrchuk"),
        ("Медвин", "Medvyn"),
        ("Михайленко", "Mykhailenko"),
        ("Іванків", "Ivankiv"),
        ("Іващенко", "Ivashchenko"),
        ("Їжакевич", "Yizhakevych"),
        ("Кадиївка", "Kadyivka"),
        ("Мар'їне", "Marine"),
        ("Йосипівка", "Yosypivka"),
        ("Стрий", "Stryi"),
        ("Олексій", "Oleksii"),
        ("Київ", "Kyiv"),
        ("Коваленко", "Kovalenko"),
        ("Лебедин", "Lebedyn"),
        ("Леонід", "Leonid"),
        ("Миколаїв", "Mykolaiv"),
        ("Маринич", "Marynych"),
        ("Ніжин", "Nizhyn"),
        ("Наталія", "Nataliia"),
        ("Одеса", "Odesa"),
        ("Онищенко", "Onyshchenko"),
        ("Полтава", "Poltava"),
        ("Петро", "Petro"),
        ("Решетилівка", "Reshetylivka"),
        ("Рибчинський", "Rybchynskyi"),
        ("Суми", "Sumy"),
        ("Соломія", "Solomiia"),
        ("Тернопіль", "Ternopil"),
        ("Троць", "Trots"),
        ("Ужгород", "Uzhhorod"),
        ("Уляна", "Uliana"),
        ("Фастів", "Fastiv"),
        ("Філіпчук", "Filipchuk"),
        ("Харків", "Kharkiv"),
        ("Христина", "Khrystyna"),
        ("Біла Церква", "Bila Tserkva"),
        ("Стеценко", "Stetsenko"),
        ("Чернівці", "Chernivtsi"),
        ("Шевченко", "Shevchenko"),
        ("Шостка", "Shostka"),
        ("Кишеньки", "Kyshenky"),
        ("Щербухи", "Shcherbukhy"),
        ("Гоща", "Hoshcha"),
        ("Гаращенко", "Harashchenko"),
        ("Юрій", "Yurii"),
        ("Корюківка", "Koriukivka"),
        ("Яготин", "Yahotyn"),
        ("Ярошенко", "Yaroshenko"),
        ("Костянтин", "Kostiantyn"),
        ("Знам'янка", "Znamianka"),
        ("Феодосія", "Feodosiia"),
        ("Розгон", "Rozghon"),
        ("Згорани", "Zghorany"),
        ("Русь", "Rus"),
    ];

    /// The examples listed in the brief (a few repeat the above).
    const BRIEF_EXAMPLES: &[(&str, &str)] =
        &[("Дон", "Don"), ("Іршава", "Irshava"), ("Кадіївка", "Kadiivka"), ("Ромни", "Romny"), ("Тетерів", "Teteriv")];

    #[test]
    fn official_examples() {
        for (uk, latin) in RESOLUTION_EXAMPLES.iter().chain(BRIEF_EXAMPLES) {
            assert_eq!(transliterate(uk), *latin, "{uk}");
        }
    }

    #[test]
    fn every_apostrophe_is_dropped_between_letters() {
        for a in APOSTROPHES {
            assert_eq!(transliterate(&format!("Знам{a}янка")), "Znamianka");
            assert_eq!(transliterate(&format!("Об{a}єднання")), "Obiednannia");
        }
    }

    #[test]
    fn apostrophes_and_quotes_outside_words_stay() {
        assert_eq!(transliterate("'Київ'"), "'Kyiv'");
        assert_eq!(transliterate("Rock'n'roll"), "Rock'n'roll");
    }

    #[test]
    fn word_starts_after_spaces_hyphens_and_punctuation() {
        assert_eq!(transliterate("Нова Ялта"), "Nova Yalta");
        assert_eq!(transliterate("Запоріжжя-Ялта"), "Zaporizhzhia-Yalta");
        assert_eq!(transliterate("(Юрій)"), "(Yurii)");
        assert_eq!(transliterate("1-й"), "1-y");
        assert_eq!(transliterate("Київ, Їжакевич"), "Kyiv, Yizhakevych");
    }

    #[test]
    fn case_is_kept() {
        assert_eq!(transliterate("ЖИТОМИР"), "ZHYTOMYR");
        assert_eq!(transliterate("ЗГОРАНИ"), "ZGHORANY");
        assert_eq!(transliterate("ЩО"), "SHCHO");
        assert_eq!(transliterate("ЯЩ"), "YASHCH");
        assert_eq!(transliterate("Щ"), "Shch");
        assert_eq!(transliterate("ЦНАП"), "TSNAP");
        assert_eq!(transliterate("ЦНАП Києва"), "TSNAP Kyieva");
        assert_eq!(transliterate("житомир"), "zhytomyr");
        assert_eq!(transliterate("зГ"), "zGh");
    }

    #[test]
    fn other_characters_pass_through() {
        assert_eq!(transliterate("Київ 2026 — Kyiv!"), "Kyiv 2026 — Kyiv!");
        assert_eq!(transliterate(""), "");
    }

    #[test]
    fn slugs() {
        for (uk, slug) in [
            ("Бучанська", "buchanska"),
            ("Ужгородська", "uzhhorodska"),
            ("Луцька", "lutska"),
            ("Запит на публічну інформацію", "zapyt-na-publichnu-informatsiiu"),
            ("Компенсація за пошкоджене житло", "kompensatsiia-za-poshkodzhene-zhytlo"),
            ("Реєстрація місця проживання", "reiestratsiia-mistsia-prozhyvannia"),
            ("Знам'янська", "znamianska"),
            ("  Біла Церква  ", "bila-tserkva"),
            ("«Їжак» — 2026!", "yizhak-2026"),
            ("---", ""),
            ("", ""),
        ] {
            assert_eq!(slugify(uk), slug, "{uk}");
        }
    }

    proptest! {
        #[test]
        fn slugs_are_clean(s in "\\PC*") {
            let slug = slugify(&s);
            prop_assert!(slug.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'), "{}", slug);
            prop_assert!(!slug.starts_with('-') && !slug.ends_with('-'), "{}", slug);
            prop_assert!(!slug.contains("--"), "{}", slug);
        }

        #[test]
        fn ukrainian_slugs_are_clean(s in "[абвгґдеєжзиіїйклмнопрстуфхцчшщьюяАБВГҐДЕЄЖЗИІЇЙКЛМНОПРСТУФХЦЧШЩЬЮЯ' ’ʼ,.0-9-]{0,40}") {
            let slug = slugify(&s);
            prop_assert!(slug.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'), "{}", slug);
            prop_assert!(!slug.starts_with('-') && !slug.ends_with('-'), "{}", slug);
            prop_assert!(!slug.contains("--"), "{}", slug);
            prop_assert_eq!(slugify(&slug), slug.clone(), "slugify is idempotent");
        }

        #[test]
        fn ukrainian_text_becomes_ascii(s in "[абвгґдеєжзиіїйклмнопрстуфхцчшщьюяАБВГҐДЕЄЖЗИІЇЙКЛМНОПРСТУФХЦЧШЩЬЮЯ -]{0,40}") {
            prop_assert!(transliterate(&s).is_ascii());
        }

        #[test]
        fn transliteration_never_panics(s in "\\PC*") {
            let _ = transliterate(&s);
        }
    }
}
