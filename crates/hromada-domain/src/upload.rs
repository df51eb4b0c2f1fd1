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

/// The most pixels on either side of an image we accept (and show): long
/// enough for a panorama or a scan of a long strip at 600 dpi (85 cm), short
/// of the degenerate 1 × 10⁹ strips that make a browser allocate gigabytes.
pub const MAX_IMAGE_SIDE: u32 = 20_000;

/// The most pixels of an image in all: 50 megapixels is more than a phone's
/// default photo (12–48 MP) and an A4 page scanned at 600 dpi (35 MP), and
/// decodes to 200 MB of RGBA at most, which a staff member's browser survives.
pub const MAX_IMAGE_PIXELS: u64 = 50_000_000;

/// The width and height an image's header declares, in pixels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Dimensions {
    pub width: u32,
    pub height: u32,
}

impl Dimensions {
    pub fn pixels(self) -> u64 {
        u64::from(self.width) * u64::from(self.height)
    }

    /// Whether an image this size may be accepted and shown: no side of zero
    /// or beyond [`MAX_IMAGE_SIDE`], at most [`MAX_IMAGE_PIXELS`] in all.
    pub fn within_limits(self) -> bool {
        self.width > 0
            && self.height > 0
            && self.width <= MAX_IMAGE_SIDE
            && self.height <= MAX_IMAGE_SIDE
            && self.pixels() <= MAX_IMAGE_PIXELS
    }

    /// The size to show it at inside a `max_width` × `max_height` box,
    /// keeping its proportions, never larger than it is, never below 1 px.
    pub fn fit(self, max_width: u32, max_height: u32) -> Dimensions {
        let (w, h) = (u64::from(self.width.max(1)), u64::from(self.height.max(1)));
        let (bw, bh) = (u64::from(max_width.max(1)), u64::from(max_height.max(1)));
        if w <= bw && h <= bh {
            return Dimensions { width: w as u32, height: h as u32 };
        }
        // Scale by the tighter of the two ratios, in integers: w/h fixed.
        let (width, height) = if w * bh >= h * bw { (bw, (h * bw / w).max(1)) } else { ((w * bh / h).max(1), bh) };
        Dimensions { width: width as u32, height: height as u32 }
    }
}

/// What an image's header says about its size.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageSize {
    /// Not a PNG or JPEG: nothing to measure.
    NotAnImage,
    /// A PNG or JPEG whose header is missing, cut short, contradictory or
    /// declares a side of zero: refused, never guessed at.
    Unreadable,
    /// Beyond [`Dimensions::within_limits`].
    TooLarge(Dimensions),
    Fine(Dimensions),
}

/// The size an uploaded image declares, read from its header alone (no pixel
/// is decoded), and whether it is within the limits. Only as many bytes as
/// the header needs are read; `bytes` may be the first part of a file.
pub fn image_size(bytes: &[u8]) -> ImageSize {
    let declared = match sniff(bytes) {
        Some(FileType::Png) => png_dimensions(bytes),
        Some(FileType::Jpeg) => jpeg_dimensions(bytes),
        _ => return ImageSize::NotAnImage,
    };
    match declared {
        None => ImageSize::Unreadable,
        Some(d) if d.width == 0 || d.height == 0 => ImageSize::Unreadable,
        Some(d) if d.within_limits() => ImageSize::Fine(d),
        Some(d) => ImageSize::TooLarge(d),
    }
}

fn be_u16(bytes: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_be_bytes([*bytes.get(at)?, *bytes.get(at + 1)?]))
}

fn be_u32(bytes: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_be_bytes([*bytes.get(at)?, *bytes.get(at + 1)?, *bytes.get(at + 2)?, *bytes.get(at + 3)?]))
}

/// PNG: the first chunk must be IHDR, 13 bytes long; width and height are its
/// first two big-endian numbers, at most 2³¹ − 1 by the standard.
fn png_dimensions(bytes: &[u8]) -> Option<Dimensions> {
    if be_u32(bytes, 8)? != 13 || bytes.get(12..16)? != b"IHDR" || bytes.len() < 8 + 8 + 13 {
        return None;
    }
    let (width, height) = (be_u32(bytes, 16)?, be_u32(bytes, 20)?);
    if width > i32::MAX as u32 || height > i32::MAX as u32 {
        return None;
    }
    Some(Dimensions { width, height })
}

/// JPEG: walk the segments from the start, skipping each by its length (so a
/// frame marker's bytes inside EXIF or a comment are never read as one), up
/// to the start of the scan. Exactly one frame header (SOF0–SOF15 but DHT,
/// JPG and DAC) must come before it; none, two, a height left for a later
/// DNL segment (0), or a segment cut short is unreadable.
fn jpeg_dimensions(bytes: &[u8]) -> Option<Dimensions> {
    let mut at = 2; // after SOI (FF D8)
    let mut found = None;
    loop {
        if *bytes.get(at)? != 0xFF {
            return None;
        }
        // Any number of FF fill bytes may precede a marker.
        while *bytes.get(at + 1)? == 0xFF {
            at += 1;
        }
        let marker = *bytes.get(at + 1)?;
        at += 2;
        match marker {
            // Markers without a length: TEM and RST0–7.
            0x01 | 0xD0..=0xD7 => continue,
            // The scan starts (or the image ends): the frame must be known by now.
            0xDA | 0xD9 => return found,
            // A second SOI is not a JPEG.
            0xD8 | 0x00 => return None,
            _ => {}
        }
        let length = usize::from(be_u16(bytes, at)?);
        if length < 2 {
            return None;
        }
        let is_frame = matches!(marker, 0xC0..=0xCF) && !matches!(marker, 0xC4 | 0xC8 | 0xCC);
        if is_frame {
            if length < 8 || found.is_some() {
                return None;
            }
            let height = be_u16(bytes, at + 3)?;
            let width = be_u16(bytes, at + 5)?;
            found = Some(Dimensions { width: u32::from(width), height: u32::from(height) });
        }
        at += length;
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

    fn png(width: u32, height: u32) -> Vec<u8> {
        let mut bytes = PNG.to_vec();
        bytes.extend_from_slice(&width.to_be_bytes());
        bytes.extend_from_slice(&height.to_be_bytes());
        bytes.extend_from_slice(&[8, 2, 0, 0, 0]);
        bytes
    }

    /// SOI, then the given segments (marker, content), then SOS.
    fn jpeg(segments: &[(u8, Vec<u8>)]) -> Vec<u8> {
        let mut bytes = vec![0xFF, 0xD8];
        for (marker, content) in segments {
            bytes.extend_from_slice(&[0xFF, *marker]);
            bytes.extend_from_slice(&((content.len() + 2) as u16).to_be_bytes());
            bytes.extend_from_slice(content);
        }
        bytes.extend_from_slice(&[0xFF, 0xDA, 0, 2]);
        bytes
    }

    fn sof(width: u16, height: u16) -> Vec<u8> {
        let mut content = vec![8];
        content.extend_from_slice(&height.to_be_bytes());
        content.extend_from_slice(&width.to_be_bytes());
        content.extend_from_slice(&[1, 1, 0x11, 0]);
        content
    }

    fn fine(width: u32, height: u32) -> ImageSize {
        ImageSize::Fine(Dimensions { width, height })
    }

    #[test]
    fn a_png_declares_its_size_in_ihdr() {
        assert_eq!(image_size(&png(1, 1)), fine(1, 1));
        assert_eq!(image_size(&png(4032, 3024)), fine(4032, 3024));
        assert_eq!(image_size(&png(100_000, 100_000)), ImageSize::TooLarge(Dimensions { width: 100_000, height: 100_000 }));
        // 20,001 × 10: a side beyond the limit, however few pixels.
        assert!(matches!(image_size(&png(20_001, 10)), ImageSize::TooLarge(_)));
        // 10,000 × 6,000 = 60 MP: each side fine, too many pixels.
        assert!(matches!(image_size(&png(10_000, 6_000)), ImageSize::TooLarge(_)));
        assert_eq!(image_size(&png(20_000, 2_500)), fine(20_000, 2_500));
    }

    #[test]
    fn a_hostile_png_header_is_unreadable() {
        assert_eq!(image_size(&png(0, 10)), ImageSize::Unreadable);
        assert_eq!(image_size(&png(10, 0)), ImageSize::Unreadable);
        assert_eq!(image_size(&png(u32::MAX, 1)), ImageSize::Unreadable, "beyond 2³¹ − 1");
        // The 16 bytes of a signature and a chunk header only, then cut anywhere before its end.
        let whole = png(10, 10);
        for cut in 8..whole.len() - 5 {
            assert_eq!(image_size(&whole[..cut]), ImageSize::Unreadable, "cut at {cut}");
        }
        // The first chunk is not IHDR, or has the wrong length.
        let mut other = whole.clone();
        other[12..16].copy_from_slice(b"tEXt");
        assert_eq!(image_size(&other), ImageSize::Unreadable);
        let mut long = whole;
        long[11] = 14;
        assert_eq!(image_size(&long), ImageSize::Unreadable);
    }

    #[test]
    fn a_jpeg_declares_its_size_in_its_one_frame_header() {
        assert_eq!(image_size(&jpeg(&[(0xE0, b"JFIF\0\x01\x01".to_vec()), (0xDB, vec![0; 65]), (0xC0, sof(640, 480))])), fine(640, 480));
        // Progressive (SOF2), and fill bytes before a marker.
        let mut progressive = jpeg(&[(0xC2, sof(3000, 2000))]);
        progressive.splice(2..2, [0xFF, 0xFF]);
        assert_eq!(image_size(&progressive), fine(3000, 2000));
        // DHT (C4) carries the bytes of a huge frame but is not one.
        assert_eq!(image_size(&jpeg(&[(0xC4, sof(65_535, 65_535)), (0xC0, sof(800, 600))])), fine(800, 600));
        assert_eq!(image_size(&jpeg(&[(0xC0, sof(65_535, 65_535))])), ImageSize::TooLarge(Dimensions { width: 65_535, height: 65_535 }));
    }

    #[test]
    fn frame_markers_in_odd_places_are_not_read_as_the_frame() {
        // An EXIF segment and a comment whose bytes contain FF C0 with a tiny "frame".
        let mut exif = b"Exif\0\0".to_vec();
        exif.extend_from_slice(&[0xFF, 0xC0, 0, 11]);
        exif.extend_from_slice(&sof(1, 1));
        let bomb = jpeg(&[(0xE1, exif.clone()), (0xFE, exif), (0xC0, sof(60_000, 60_000))]);
        assert!(matches!(image_size(&bomb), ImageSize::TooLarge(_)), "the real frame is the one counted");
        // A frame after the scan started is never reached: no frame, unreadable.
        let mut late = jpeg(&[(0xE0, b"JFIF\0".to_vec())]);
        late.extend_from_slice(&[0xFF, 0xC0, 0, 17]);
        late.extend_from_slice(&sof(10, 10));
        assert_eq!(image_size(&late), ImageSize::Unreadable);
        // Two frames (a small one to pass the check, a huge one for the browser): unreadable.
        assert_eq!(image_size(&jpeg(&[(0xC0, sof(10, 10)), (0xC2, sof(60_000, 60_000))])), ImageSize::Unreadable);
    }

    #[test]
    fn a_hostile_jpeg_header_is_unreadable() {
        // Height 0 (left to a DNL segment) or width 0.
        assert_eq!(image_size(&jpeg(&[(0xC0, sof(100, 0))])), ImageSize::Unreadable);
        assert_eq!(image_size(&jpeg(&[(0xC0, sof(0, 100))])), ImageSize::Unreadable);
        // A frame segment too short to hold its size.
        assert_eq!(image_size(&jpeg(&[(0xC0, vec![8, 0, 1])])), ImageSize::Unreadable);
        // A segment length below 2, and one that runs past the end.
        assert_eq!(image_size(&[0xFF, 0xD8, 0xFF, 0xE0, 0, 1, 0xFF, 0xC0]), ImageSize::Unreadable);
        assert_eq!(image_size(&[0xFF, 0xD8, 0xFF, 0xE0, 0xFF, 0xFF, 1, 2, 3]), ImageSize::Unreadable);
        // No marker where one must be; only SOI and a marker's first byte.
        assert_eq!(image_size(&[0xFF, 0xD8, 0xFF, 0xE0, 0, 4, 1, 2, 0x00, 0xC0]), ImageSize::Unreadable);
        assert_eq!(image_size(&[0xFF, 0xD8, 0xFF]), ImageSize::Unreadable);
        // Cut anywhere before the scan.
        let whole = jpeg(&[(0xE0, b"JFIF\0".to_vec()), (0xC0, sof(640, 480))]);
        for cut in 3..whole.len() - 4 {
            assert_eq!(image_size(&whole[..cut]), ImageSize::Unreadable, "cut at {cut}");
        }
        // A PDF is not measured at all.
        assert_eq!(image_size(b"%PDF-1.7\n"), ImageSize::NotAnImage);
    }

    #[test]
    fn an_image_is_shown_within_a_box_keeping_its_proportions() {
        let d = |width, height| Dimensions { width, height };
        assert_eq!(d(4000, 3000).fit(640, 480), d(640, 480));
        assert_eq!(d(3000, 4000).fit(640, 480), d(360, 480));
        assert_eq!(d(20_000, 10).fit(640, 480), d(640, 1));
        assert_eq!(d(100, 50).fit(640, 480), d(100, 50), "never enlarged");
    }

    proptest! {
        #[test]
        fn any_bytes_after_a_signature_are_measured_without_panic(rest in prop::collection::vec(any::<u8>(), 0..200), png_first in any::<bool>()) {
            let mut bytes = if png_first { PNG[..8].to_vec() } else { vec![0xFF, 0xD8, 0xFF] };
            bytes.extend_from_slice(&rest);
            if let ImageSize::Fine(d) = image_size(&bytes) {
                prop_assert!(d.within_limits());
            }
        }
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
