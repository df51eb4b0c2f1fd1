//! What a reader of the PDF gets back: the text (through the fonts' ToUnicode
//! maps, as a text extractor or a screen reader reads it), the pages, the QR
//! modules and the metadata. A small reader of our own output below does the
//! reading, so the tests need nothing outside Rust.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use hromada_pdf::{Qr, Sheet, render};

const ISSUER: &str = "Бучанська міська територіальна громада";
const TITLE: &str = "Довідка про склад сім’ї";

fn sheet<'a>(rows: &'a [(&'a str, &'a str)]) -> Sheet<'a> {
    Sheet { lang: "uk", issuer: ISSUER, title: TITLE, rows, qr: None, qr_caption: &[], footer: &[] }
}

#[test]
fn output_is_a_complete_pdf_file() {
    let bytes = render(&sheet(&[("Ім’я", "Олена Коваль")]));
    assert!(bytes.starts_with(b"%PDF-"));
    assert!(bytes.trim_ascii_end().ends_with(b"%%EOF"));
    let pdf = Parsed::new(&bytes);
    assert_eq!(pdf.pages().len(), 1);
}

#[test]
fn the_ukrainian_text_comes_back_exactly_from_the_pdf() {
    let rows = [
        ("Прізвище, ім’я, по батькові", "Коваль Олена Петрівна"),
        ("Адреса", "м. Буча, вул. Їжакевича, 4; ґанок, під’їзд №2, Марʼяна"),
        ("Збір", "0,00 ₴ — «безоплатно» (ст. 12)"),
        ("Latin", "ABC xyz 0123 & <tag> \\ (дужки)"),
    ];
    let bytes = render(&sheet(&rows));
    let text = Parsed::new(&bytes).text();
    let lines: Vec<&str> = text[0].iter().map(String::as_str).collect();
    let mut expected = vec![ISSUER, TITLE];
    for (label, value) in rows {
        expected.extend([label, value]);
    }
    assert_eq!(lines, expected);
}

#[test]
fn cyrillic_and_latin_letters_that_look_alike_stay_apart() {
    // Latin A, E, I, O, i then Cyrillic А, Е, І, О, і.
    let value = "AEIOi АЕІОі";
    let text = Parsed::new(&render(&sheet(&[("x", value)]))).text();
    assert!(text[0].iter().any(|line| line == value), "{text:?}");
}

#[test]
fn line_breaks_in_a_value_are_kept() {
    let value = "Коваль Андрій — чоловік;\nКоваль Ігор — син;\n\nкінець";
    let text = Parsed::new(&render(&sheet(&[("Склад сім’ї", value)]))).text();
    let lines = &text[0];
    let start = lines.iter().position(|line| line.starts_with("Коваль Андрій")).expect("the first line");
    // A line that ends a paragraph keeps a space for readers that run lines
    // together; the empty line is space on the page, not text.
    assert_eq!(lines[start..], ["Коваль Андрій — чоловік; ", "Коваль Ігор — син; ", "кінець"]);
}

#[test]
fn a_long_value_wraps_and_runs_onto_more_pages_without_losing_a_word() {
    let words: Vec<String> = (1..=1500).map(|n| format!("слово{n}")).collect();
    let long = words.join(" ");
    let short_pdf = Parsed::new(&render(&sheet(&[("Зміст", "коротко")])));
    let long_pdf = Parsed::new(&render(&sheet(&[("Зміст", &long), ("Після", "кінець")])));
    assert_eq!(short_pdf.pages().len(), 1);
    let pages = long_pdf.pages().len();
    assert!(pages >= 3, "{pages} pages");

    let text = long_pdf.text();
    assert_eq!(text.len(), pages);
    // Every page but the last is numbered "n / N", drawn last on the page.
    for (index, page) in text.iter().enumerate() {
        assert_eq!(page.last().map(String::as_str), Some(format!("{} / {pages}", index + 1).as_str()));
    }
    let body: Vec<&str> = text
        .iter()
        .flat_map(|page| &page[..page.len() - 1])
        .map(String::as_str)
        .skip_while(|line| *line != "Зміст")
        .skip(1)
        .take_while(|line| *line != "Після")
        .collect();
    assert!(body.len() > 100, "wrapped into {} lines", body.len());
    assert!(body.iter().all(|line| line.chars().count() < 120), "no line runs off the page");
    // Each wrapped line keeps the space it broke at, so the lines run together
    // are the value.
    assert!(body[..body.len() - 1].iter().all(|line| line.ends_with(' ')));
    assert!(body.concat() == long, "the value comes back whole and in order");
    assert_eq!(text.last().and_then(|page| page.iter().rev().nth(1)).map(String::as_str), Some("кінець"));
}

#[test]
fn an_empty_sheet_is_one_blank_page() {
    let empty = Sheet { lang: "", issuer: "", title: "", rows: &[], qr: None, qr_caption: &[], footer: &[] };
    let bytes = render(&empty);
    assert!(bytes.starts_with(b"%PDF-") && bytes.trim_ascii_end().ends_with(b"%%EOF"));
    let pdf = Parsed::new(&bytes);
    assert_eq!(pdf.pages().len(), 1);
    assert!(pdf.text()[0].is_empty());
}

#[test]
fn hostile_text_renders_with_visible_replacements() {
    let huge: String = "ї".repeat(10_000);
    let rows = [
        ("Керівні", "a\u{0}b\u{7}c\u{1B}[31md\u{7F}e\u{9B}f"),
        ("Емодзі", "Олена 👩\u{200D}💻 🇺🇦 👍\u{FE0F}"),
        ("Справа наліво", "\u{202E}abc\u{202C} שלום"),
        ("Величезне", &huge),
        ("", ""),
        ("\n\n\n", "\r\r\r"),
    ];
    let bytes = render(&Sheet {
        lang: "uk)\\(\u{0}",
        issuer: "\u{0}\u{FFFF}\u{10FFFF}",
        title: "<x>&\"\u{1}",
        rows: &rows,
        qr: None,
        qr_caption: &["🙂"],
        footer: &["\u{FFFD}"],
    });
    let pdf = Parsed::new(&bytes);
    let text: Vec<String> = pdf.text().concat();
    let line = |prefix: &str| text.iter().find(|line| line.starts_with(prefix)).cloned();
    assert_eq!(line("a").as_deref(), Some("a�b�c�[31md�e�f"));
    // Joiners and variation selectors are dropped, the rest replaced.
    assert_eq!(line("Олена").as_deref(), Some("Олена �� �� �"));
    // Bidi overrides are dropped; Hebrew is not in the font.
    assert_eq!(line("abc").as_deref(), Some("abc ����"));
    let huge_back: String = text.iter().filter(|line| line.starts_with('ї')).map(String::as_str).collect();
    assert_eq!(huge_back, huge);
    assert!(pdf.pages().len() >= 2);
}

#[test]
fn runs_of_blank_lines_close_up_to_one_and_make_no_blank_pages() {
    let value = format!("перший{}другий", "\n".repeat(10_000));
    let bytes = render(&sheet(&[("Рядки", &value)]));
    let pdf = Parsed::new(&bytes);
    assert_eq!(pdf.pages().len(), 1);
    let baselines = pdf.baselines(0);
    let gap = baselines[baselines.len() - 2] - baselines[baselines.len() - 1];
    // Two value lines (11.5 pt type, 1.4 leading) apart: one blank line between.
    assert!((gap - 2.0 * 11.5 * 1.4).abs() < 0.1, "{gap}");
}

#[test]
fn the_qr_code_is_drawn_module_for_module_with_its_caption_beside_it() {
    let code = qrcode::QrCode::with_error_correction_level("https://hromada.example/v/ABCD", qrcode::EcLevel::M).expect("a QR code");
    let dark: Vec<bool> = code.to_colors().into_iter().map(|color| color == qrcode::Color::Dark).collect();
    let caption = ["Перевірити документ:", "https://hromada.example/v/ABCD"];
    let bytes =
        render(&Sheet {
            qr: Some(Qr { width: code.width(), dark: &dark }), qr_caption: &caption, ..sheet(&[("Ім’я", "Олена Коваль")])
        });
    let pdf = Parsed::new(&bytes);
    let drawn = pdf.modules(0, code.width());
    assert_eq!(drawn, dark, "the dark modules and nothing else");
    let text = pdf.text();
    assert_eq!(text[0][text[0].len() - 2..], caption);
    assert!(pdf.object_containing("/S/Figure").contains("/Alt"), "the figure has alternative text");
}

#[test]
fn a_malformed_qr_code_is_left_out_rather_than_crashing() {
    let dark = [true; 10];
    let text = ["caption"];
    for qr in [Qr { width: 3, dark: &dark }, Qr { width: 0, dark: &[] }, Qr { width: usize::MAX, dark: &dark }] {
        let bytes = render(&Sheet { qr: Some(qr), qr_caption: &text, ..sheet(&[]) });
        let pdf = Parsed::new(&bytes);
        assert!(pdf.modules(0, 3).iter().all(|dark| !dark));
        assert!(pdf.text()[0].iter().any(|line| line == "caption"));
    }
}

#[test]
fn the_footer_sits_at_the_foot_of_the_last_page() {
    let footer = ["Перевірте справжність на hromada.example/v", "Код: 7Q4K-2M9X"];
    let bytes = render(&Sheet { footer: &footer, ..sheet(&[("Ім’я", "Олена Коваль")]) });
    let pdf = Parsed::new(&bytes);
    let text = pdf.text();
    assert_eq!(text[0][text[0].len() - 2..], footer);
    let baselines = pdf.baselines(0);
    let last = baselines.last().copied().unwrap_or(f32::MAX);
    // Bottom margin 20 mm = 56.7 pt; the last footer line is just above it.
    assert!((56.0..80.0).contains(&last), "last baseline at {last}");
}

#[test]
fn the_document_says_its_language_and_title_and_is_tagged() {
    let bytes = render(&sheet(&[("Ім’я", "Олена Коваль")]));
    let pdf = Parsed::new(&bytes);
    let catalog = pdf.object_containing("/Type/Catalog");
    assert!(catalog.contains("/Lang(uk)"), "{catalog}");
    assert!(catalog.contains("/DisplayDocTitle true"));
    assert!(catalog.contains("/MarkInfo<</Marked true>>"));
    assert!(catalog.contains("/StructTreeRoot"));
    let info = pdf.object_containing("/Producer");
    let title_hex: String = std::iter::once(0xFEFF).chain(TITLE.encode_utf16()).map(|unit| format!("{unit:04X}")).collect();
    assert!(info.contains(&format!("/Title<{title_hex}>")), "{info}");
    let xmp = pdf.objects.values().find(|(dict, _)| dict.contains("/Subtype/XML")).expect("XMP metadata");
    let xmp = std::str::from_utf8(&xmp.1).expect("UTF-8");
    assert!(xmp.contains(&format!(">{TITLE}</rdf:li>")) && xmp.contains("<rdf:li>uk</rdf:li>"), "{xmp}");
    assert!(pdf.object_containing("/S/H1").contains("/K"), "the title is a heading");
}

#[test]
fn a_one_page_certificate_is_small_and_the_same_every_time() {
    let rows = [
        ("Прізвище, ім’я, по батькові", "Коваль Олена Петрівна"),
        ("Дата народження", "14.03.1987"),
        ("Адреса", "Київська обл., м. Буча, вул. Вокзальна, буд. 42, кв. 17"),
        ("Адміністративний збір", "0,00 ₴"),
        ("Реєстраційний номер", "№ 01-27/4521 від 05.05.2025"),
    ];
    let code = qrcode::QrCode::with_error_correction_level("https://bucha.hromada.example/v/7Q4K-2M9X-HT3R", qrcode::EcLevel::M)
        .expect("a QR code");
    let dark: Vec<bool> = code.to_colors().into_iter().map(|color| color == qrcode::Color::Dark).collect();
    let certificate = Sheet {
        qr: Some(Qr { width: code.width(), dark: &dark }),
        qr_caption: &["Перевірити справжність документа:", "https://bucha.hromada.example/v/7Q4K-2M9X-HT3R"],
        footer: &["Документ сформовано в електронній формі та підписано кваліфікованою електронною печаткою."],
        ..sheet(&rows)
    };
    let bytes = render(&certificate);
    assert!(bytes.len() < 40_000, "{} bytes", bytes.len());
    assert_eq!(bytes, render(&certificate));
    let fonts = Parsed::new(&bytes).fonts_embedded();
    assert_eq!(fonts.len(), 2, "regular and bold");
    for (name, length) in fonts {
        // Each whole face is about 60 KB; a document needs a few of its glyphs.
        assert!(length < 25_000, "{name} embeds {length} bytes");
        assert_eq!(name.as_bytes()[6], b'+', "{name} is named as a subset");
    }
}

/// Just enough of a PDF reader for what `render` writes: objects through the
/// cross-reference table, flate streams, Type0 fonts' ToUnicode maps, and the
/// text and rectangle operators of content streams.
struct Parsed {
    /// Object number → (dictionary and other text before any stream, decoded stream).
    objects: std::collections::BTreeMap<u32, (String, Vec<u8>)>,
}

impl Parsed {
    fn new(bytes: &[u8]) -> Parsed {
        let startxref = find_last(bytes, b"startxref").expect("startxref");
        let offset: usize = ascii(&bytes[startxref + 9..]).split_whitespace().next().expect("offset").parse().expect("a number");
        let xref = ascii(&bytes[offset..]);
        let mut lines = xref.lines().skip(1);
        let header = lines.next().expect("subsection");
        let count: u32 = header.split(' ').nth(1).expect("count").parse().expect("a number");
        let mut objects = std::collections::BTreeMap::new();
        for (number, line) in (0..count).zip(lines) {
            let mut fields = line.split(' ');
            let at: usize = fields.next().expect("offset").parse().expect("a number");
            if fields.nth(1) != Some("n") {
                continue;
            }
            let object = &bytes[at..];
            let end = find(object, b"endobj").expect("endobj");
            let (dict, stream) = match find(&object[..end], b"stream\n") {
                Some(start) => {
                    let dict = ascii(&object[..start]);
                    let length = value_of(&dict, "/Length").expect("/Length");
                    let length: usize =
                        length[..length.find(|c: char| !c.is_ascii_digit()).unwrap_or(length.len())].parse().expect("a number");
                    let data = &object[start + 7..start + 7 + length];
                    let data = if dict.contains("/FlateDecode") {
                        miniz_oxide::inflate::decompress_to_vec_zlib(data).expect("a flate stream")
                    } else {
                        data.to_vec()
                    };
                    (dict, data)
                }
                None => (ascii(&object[..end]), Vec::new()),
            };
            objects.insert(number, (dict, stream));
        }
        Parsed { objects }
    }

    fn object(&self, number: u32) -> &(String, Vec<u8>) {
        self.objects.get(&number).unwrap_or_else(|| panic!("object {number}"))
    }

    fn object_containing(&self, needle: &str) -> &str {
        self.objects.values().map(|(dict, _)| dict.as_str()).find(|dict| dict.contains(needle)).unwrap_or_else(|| panic!("{needle}"))
    }

    /// The page objects, in page order.
    fn pages(&self) -> Vec<u32> {
        let tree = self.object_containing("/Type/Pages");
        let kids = value_of(tree, "/Kids").expect("/Kids");
        let kids = &kids[1..kids.find(']').expect("]")];
        kids.split(" 0 R").filter_map(|kid| kid.trim().parse().ok()).collect()
    }

    /// The text on each page, one string per line drawn.
    fn text(&self) -> Vec<Vec<String>> {
        self.pages().into_iter().map(|page| self.page_ops(page).0).collect()
    }

    /// The baselines of the lines on a page, in drawing order.
    fn baselines(&self, page: usize) -> Vec<f32> {
        self.page_ops(self.pages()[page]).1
    }

    /// The QR modules that the rectangles on a page cover, as a `width`-square grid.
    fn modules(&self, page: usize, width: usize) -> Vec<bool> {
        let mut grid = vec![false; width * width];
        for [x, y, w, h] in self.page_ops(self.pages()[page]).2 {
            for row in y..y + h {
                for column in x..x + w {
                    grid[row * width + column] = true;
                }
            }
        }
        grid
    }

    /// Each font's subset name and the length of its font program.
    fn fonts_embedded(&self) -> Vec<(String, usize)> {
        self.objects
            .values()
            .filter(|(dict, _)| dict.contains("/FontFile2"))
            .map(|(dict, _)| {
                let name = value_of(dict, "/FontName").expect("/FontName")[1..].split('/').next().expect("name");
                let program = self.object(reference(value_of(dict, "/FontFile2").expect("/FontFile2")));
                (name.to_owned(), program.1.len())
            })
            .collect()
    }

    /// Lines of text, their baselines, and rectangles in module units.
    fn page_ops(&self, page: u32) -> (Vec<String>, Vec<f32>, Vec<[usize; 4]>) {
        let (dict, _) = self.object(page);
        let fonts = &dict[dict.find("/Font<<").map_or(dict.len(), |at| at + 7)..];
        let fonts = &fonts[..fonts.find(">>").unwrap_or(0)];
        let to_unicode = |name: &str| -> std::collections::HashMap<u16, String> {
            let font = reference(value_of(fonts, &format!("/{name}")).expect("the font"));
            let cmap = self.object(reference(value_of(&self.object(font).0, "/ToUnicode").expect("/ToUnicode")));
            parse_cmap(&ascii(&cmap.1))
        };
        let content = self.object(reference(value_of(dict, "/Contents").expect("/Contents")));
        let mut lines = Vec::new();
        let mut baselines = Vec::new();
        let mut rects = Vec::new();
        let mut map = std::collections::HashMap::new();
        let mut operands: Vec<Token> = Vec::new();
        for token in tokenize(&content.1) {
            let Token::Operator(operator) = &token else {
                operands.push(token);
                continue;
            };
            match operator.as_str() {
                "Tf" => {
                    if let Some(Token::Name(name)) = operands.first() {
                        map = to_unicode(name);
                    }
                }
                "Tm" => {
                    lines.push(String::new());
                    if let Some(Token::Number(y)) = operands.get(5) {
                        baselines.push(*y);
                    }
                }
                "Tj" => {
                    if let (Some(Token::String(codes)), Some(line)) = (operands.first(), lines.last_mut()) {
                        for pair in codes.chunks(2) {
                            let code = u16::from_be_bytes([pair[0], pair[1]]);
                            line.push_str(map.get(&code).unwrap_or_else(|| panic!("code {code} has no ToUnicode entry")));
                        }
                    }
                }
                "re" => {
                    let numbers: Vec<usize> = operands
                        .iter()
                        .map(|token| match token {
                            Token::Number(number) if number.fract() == 0.0 && *number >= 0.0 => *number as usize,
                            _ => panic!("rectangles are in whole modules: {operands:?}"),
                        })
                        .collect();
                    rects.push([numbers[0], numbers[1], numbers[2], numbers[3]]);
                }
                _ => {}
            }
            operands.clear();
        }
        (lines, baselines, rects)
    }
}

#[derive(Debug)]
enum Token {
    Number(f32),
    Name(String),
    String(Vec<u8>),
    Operator(String),
    /// An array or a dictionary, not looked into.
    Other,
}

fn tokenize(content: &[u8]) -> Vec<Token> {
    let mut tokens = Vec::new();
    let mut at = 0;
    let delimiter = |byte: u8| byte.is_ascii_whitespace() || b"()<>[]{}/%".contains(&byte);
    while at < content.len() {
        let byte = content[at];
        if byte.is_ascii_whitespace() {
            at += 1;
        } else if content[at..].starts_with(b"<<") {
            let end = find(&content[at..], b">>").expect(">>");
            at += end + 2;
            tokens.push(Token::Other);
        } else if byte == b'<' {
            let end = at + find(&content[at..], b">").expect(">");
            let hex: Vec<u8> = content[at + 1..end].iter().copied().filter(u8::is_ascii_hexdigit).collect();
            let bytes = hex.chunks(2).map(|pair| u8::from_str_radix(&ascii(pair), 16).expect("hex")).collect();
            tokens.push(Token::String(bytes));
            at = end + 1;
        } else if byte == b'(' {
            let (bytes, end) = literal_string(content, at);
            tokens.push(Token::String(bytes));
            at = end;
        } else if byte == b'[' {
            let end = at + find(&content[at..], b"]").expect("]");
            tokens.push(Token::Other);
            at = end + 1;
        } else {
            let start = at + usize::from(byte == b'/');
            at = start;
            while at < content.len() && !delimiter(content[at]) {
                at += 1;
            }
            let word = ascii(&content[start..at]);
            tokens.push(if byte == b'/' {
                Token::Name(word)
            } else if let Ok(number) = word.parse() {
                Token::Number(number)
            } else {
                Token::Operator(word)
            });
        }
    }
    tokens
}

/// A literal string starting at `start` ('('), and the index after its ')'.
fn literal_string(content: &[u8], start: usize) -> (Vec<u8>, usize) {
    let mut bytes = Vec::new();
    let mut depth = 0;
    let mut at = start;
    loop {
        let byte = content[at];
        at += 1;
        match byte {
            b'(' if depth == 0 => depth = 1,
            b'(' => {
                depth += 1;
                bytes.push(byte);
            }
            b')' => {
                depth -= 1;
                if depth == 0 {
                    return (bytes, at);
                }
                bytes.push(byte);
            }
            b'\\' => {
                let escaped = content[at];
                at += 1;
                match escaped {
                    b'n' => bytes.push(b'\n'),
                    b'r' => bytes.push(b'\r'),
                    b't' => bytes.push(b'\t'),
                    b'b' => bytes.push(0x08),
                    b'f' => bytes.push(0x0C),
                    b'0'..=b'7' => {
                        let mut value = u32::from(escaped - b'0');
                        for _ in 0..2 {
                            if matches!(content[at], b'0'..=b'7') {
                                value = value * 8 + u32::from(content[at] - b'0');
                                at += 1;
                            }
                        }
                        bytes.push(value as u8);
                    }
                    other => bytes.push(other),
                }
            }
            other => bytes.push(other),
        }
    }
}

/// `<0001> <0041>` lines of a ToUnicode map's bfchar sections.
fn parse_cmap(cmap: &str) -> std::collections::HashMap<u16, String> {
    let mut map = std::collections::HashMap::new();
    let mut inside = false;
    for line in cmap.lines() {
        if line.ends_with("beginbfchar") {
            inside = true;
        } else if line == "endbfchar" {
            inside = false;
        } else if inside {
            let mut parts = line.split_whitespace().map(|part| part.trim_matches(['<', '>']));
            let code = u16::from_str_radix(parts.next().expect("a code"), 16).expect("hex");
            let hex = parts.next().expect("the text");
            let units: Vec<u16> = (0..hex.len()).step_by(4).map(|at| u16::from_str_radix(&hex[at..at + 4], 16).expect("hex")).collect();
            map.insert(code, String::from_utf16(&units).expect("UTF-16"));
        }
    }
    map
}

/// The text after `key` (a whole key: "/Font" does not match "/FontFile2").
fn value_of<'a>(dict: &'a str, key: &str) -> Option<&'a str> {
    let mut from = 0;
    while let Some(at) = dict[from..].find(key) {
        let end = from + at + key.len();
        if !dict[end..].starts_with(|c: char| c.is_ascii_alphanumeric()) {
            return Some(dict[end..].trim_start());
        }
        from = end;
    }
    None
}

/// The object number of "12 0 R".
fn reference(text: &str) -> u32 {
    text.split(' ').next().and_then(|number| number.parse().ok()).unwrap_or_else(|| panic!("a reference: {text}"))
}

fn ascii(bytes: &[u8]) -> String {
    bytes.iter().map(|&byte| char::from(byte)).collect()
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|window| window == needle)
}

fn find_last(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).rposition(|window| window == needle)
}
