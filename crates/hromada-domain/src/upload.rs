//! Uploaded files: their type from their content, a name safe to show, and
//! their SHA-256. Nothing here trusts what the browser said about a file.

use unicode_normalization::UnicodeNormalization;

use crate::definition::FileType;

/// The most characters a sanitised file name has, extension included.
pub const MAX_FILE_NAME_CHARS: usize = 100;

/// The type of an uploaded file from its first bytes, never its name: PDF
/// (`%PDF-`), JPEG (FF D8 FF), PNG (89 50 4E 47 0D 0A 1A 0A). None otherwise.
pub fn sniff(bytes: &[u8]) -> Option<FileType> {
    if bytes.starts_with(b"%PDF-") {
        Some(FileType::Pdf)
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some(FileType::Jpeg)
    } else if bytes.starts_with(&[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A]) {
        Some(FileType::Png)
    } else {
        None
    }
}

/// The extension a file of this type is given.
pub fn extension(kind: FileType) -> &'static str {
    match kind {
        FileType::Pdf => "pdf",
        FileType::Jpeg => "jpg",
        FileType::Png => "png",
    }
}

fn extension_matches(ext: &str, kind: FileType) -> bool {
    let ext = ext.to_ascii_lowercase();
    match kind {
        FileType::Pdf => ext == "pdf",
        FileType::Jpeg => ext == "jpg" || ext == "jpeg",
        FileType::Png => ext == "png",
    }
}

/// Whether the part after the last dot looks like an extension (`pdf`,
/// `exe`, `jpeg`) rather than part of the name (`2026`, `Шевченка`).
fn looks_like_extension(ext: &str) -> bool {
    (1..=5).contains(&ext.len()) && ext.bytes().all(|b| b.is_ascii_alphanumeric()) && ext.bytes().any(|b| b.is_ascii_alphabetic())
}

/// Characters removed outright: controls, and the bidi embeddings, overrides
/// and isolates that can make `exe.pdf` look like `fdp.exe`.
fn removed(c: char) -> bool {
    c.is_control() || ('\u{202A}'..='\u{202E}').contains(&c) || ('\u{2066}'..='\u{2069}').contains(&c)
}

fn kept(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, ' ' | '.' | '-' | '_' | '(' | ')')
}

/// A file name safe to show and to put in a Content-Disposition header: the
/// last path component only (split on `/` and `\`), control and
/// bidi-override characters (U+202A–202E, U+2066–2069) removed, NFC,
/// characters outside [letters, digits, space, `. - _ ( )`] replaced by `_`,
/// no leading dots or surrounding spaces, at most [`MAX_FILE_NAME_CHARS`]
/// characters keeping the extension, `file` if nothing remains; the
/// extension made to match the sniffed type (`.pdf`, `.jpg`, `.png`) when it
/// does not — a wrong extension (`photo.pdf` for a PNG) is replaced, and a
/// name without one (`Довідка`, `звіт.2026`) gets one added.
pub fn sanitise_file_name(name: &str, kind: FileType) -> String {
    let last = name.rsplit(['/', '\\']).next().unwrap_or("");
    let visible: String = last.chars().filter(|&c| !removed(c)).collect();
    let safe: String = visible.nfc().map(|c| if kept(c) { c } else { '_' }).collect();
    let safe = safe.trim_start_matches([' ', '.']).trim_end_matches(' ');
    let (stem, ext) = match safe.rsplit_once('.') {
        Some((stem, ext)) if extension_matches(ext, kind) => (stem, ext.to_owned()),
        Some((stem, ext)) if looks_like_extension(ext) => (stem, extension(kind).to_owned()),
        _ => (safe, extension(kind).to_owned()),
    };
    let room = MAX_FILE_NAME_CHARS - 1 - ext.chars().count();
    let stem: String = stem.chars().take(room).collect();
    let stem = stem.trim_end_matches([' ', '.']);
    let stem = if stem.is_empty() { "file" } else { stem };
    format!("{stem}.{ext}")
}

/// Hex SHA-256 of the content, lower case.
pub fn sha256_hex(bytes: &[u8]) -> String {
    crate::auth::sha256_hex(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const PNG: &[u8] = &[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, b'I', b'H', b'D', b'R'];

    #[test]
    fn the_type_comes_from_the_content_not_the_name() {
        assert_eq!(sniff(PNG), Some(FileType::Png));
        assert_eq!(sanitise_file_name("photo.pdf", FileType::Png), "photo.png");
        assert_eq!(sniff(b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n"), Some(FileType::Pdf));
        assert_eq!(sniff(&[0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, b'J', b'F', b'I', b'F']), Some(FileType::Jpeg));
    }

    #[test]
    fn other_content_is_refused_whatever_its_name() {
        assert_eq!(sniff(b"Hello, this is x.pdf"), None);
        assert_eq!(sniff(b"MZ\x90\x00"), None);
        assert_eq!(sniff(b"%PDF"), None);
        assert_eq!(sniff(&PNG[..7]), None);
        assert_eq!(sniff(b""), None);
    }

    #[test]
    fn only_the_last_path_component_is_kept() {
        assert_eq!(sanitise_file_name("../../etc/passwd", FileType::Pdf), "passwd.pdf");
        assert!(sanitise_file_name("../../etc/passwd", FileType::Pdf).starts_with("passwd"));
        assert_eq!(sanitise_file_name("C:\\Users\\Олена\\скан.JPG", FileType::Jpeg), "скан.JPG");
        assert_eq!(sanitise_file_name("dir/", FileType::Pdf), "file.pdf");
        assert_eq!(sanitise_file_name("", FileType::Png), "file.png");
        assert_eq!(sanitise_file_name("...", FileType::Png), "file.png");
        assert_eq!(sanitise_file_name(".bashrc.pdf", FileType::Pdf), "bashrc.pdf");
    }

    #[test]
    fn cyrillic_names_are_kept() {
        assert_eq!(sanitise_file_name("Довідка 2026.pdf", FileType::Pdf), "Довідка 2026.pdf");
        assert_eq!(sanitise_file_name("Довідка", FileType::Pdf), "Довідка.pdf");
        assert_eq!(sanitise_file_name("звіт.2026", FileType::Pdf), "звіт.2026.pdf");
        assert_eq!(sanitise_file_name("фото (1).jpeg", FileType::Jpeg), "фото (1).jpeg");
        // Decomposed й (as macOS writes names) becomes one character.
        assert_eq!(sanitise_file_name("Тернопіл\u{438}\u{306}.png", FileType::Png), "Тернопілй.png");
    }

    #[test]
    fn characters_that_could_break_a_header_or_trick_the_eye_are_replaced() {
        assert_eq!(sanitise_file_name("a\"b;c\r\nd.pdf", FileType::Pdf), "a_b_cd.pdf");
        assert_eq!(sanitise_file_name("м'ясо <1>.pdf", FileType::Pdf), "м_ясо _1_.pdf");
    }

    #[test]
    fn a_right_to_left_override_cannot_hide_an_extension() {
        // Shown as "exe.pdf" by a bidi-aware viewer.
        let name = sanitise_file_name("\u{202E}fdp.exe", FileType::Pdf);
        assert_eq!(name, "fdp.pdf");
        let name = sanitise_file_name("invoice\u{2067}fdp.exe\u{2069}", FileType::Pdf);
        assert_eq!(name, "invoicefdp.pdf");
    }

    #[test]
    fn long_names_are_cut_keeping_the_extension() {
        let name = sanitise_file_name(&format!("{}.pdf", "Д".repeat(300)), FileType::Pdf);
        assert_eq!(name.chars().count(), MAX_FILE_NAME_CHARS);
        assert!(name.ends_with(".pdf"));
        assert!(name.starts_with("ДДД"));
        let name = sanitise_file_name(&"x".repeat(300), FileType::Jpeg);
        assert_eq!(name.chars().count(), MAX_FILE_NAME_CHARS);
        assert!(name.ends_with("x.jpg"));
    }

    #[test]
    fn sha256_of_known_content() {
        assert_eq!(sha256_hex(b"abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    fn any_kind() -> impl Strategy<Value = FileType> {
        prop::sample::select(FileType::ALL.to_vec())
    }

    proptest! {
        #[test]
        fn every_sanitised_name_is_short_safe_and_of_the_right_type(name in any::<String>(), kind in any_kind()) {
            let safe = sanitise_file_name(&name, kind);
            prop_assert!(safe.chars().count() <= MAX_FILE_NAME_CHARS);
            prop_assert!(safe.chars().all(kept), "{:?}", safe);
            prop_assert!(!safe.starts_with('.'));
            let ext = safe.rsplit_once('.').map(|(_, e)| e).unwrap_or("");
            prop_assert!(extension_matches(ext, kind), "{:?}", safe);
            prop_assert_eq!(sanitise_file_name(&safe, kind), safe.clone());
        }
    }
}
