//! An official document as an A4 PDF: issuer, title, label/value rows, a QR
//! code with its caption, and small print at the foot of the last page.
//!
//! The text is real text in an embedded DejaVu Sans (a per-document subset,
//! with a ToUnicode map), so a reader can select, search and copy the
//! Ukrainian; the QR code is drawn as vector rectangles. The document is
//! tagged (headings, paragraphs, a figure with alternative text) and carries
//! its language and title.
//!
//! Architecture Invariant: rendering does no I/O; the fonts are compiled in,
//! and the same sheet always gives the same bytes.

mod layout;
mod pdf;
mod text;

/// A QR code's modules, row by row, `true` = dark; `width` modules a side (quiet zone not included).
///
/// `dark` must hold `width * width` modules; a code that does not is not
/// drawn (its caption still is).
pub struct Qr<'a> {
    pub width: usize,
    pub dark: &'a [bool],
}

pub struct Sheet<'a> {
    /// BCP 47 language of the text ("uk" or "en"): the PDF's /Lang.
    pub lang: &'a str,
    /// The issuer, printed first (e.g. "Бучанська міська територіальна громада").
    pub issuer: &'a str,
    /// The document's title (heading), also the PDF's /Title metadata.
    pub title: &'a str,
    /// Label/value rows, in order; a value may be long (wrap it) and contain '\n' (keep the breaks).
    pub rows: &'a [(&'a str, &'a str)],
    /// The QR code, printed with `qr_caption` lines beside or under it.
    pub qr: Option<Qr<'a>>,
    pub qr_caption: &'a [&'a str],
    /// Small print at the foot of the last page (how to verify, etc.).
    pub footer: &'a [&'a str],
}

/// Render the sheet as PDF bytes. Never panics on any input text (characters the font lacks become a visible replacement, not a crash).
///
/// Text is normalised to NFC; control characters other than line breaks and
/// tabs are drawn as "�", as is any character DejaVu Sans (as subset in
/// `fonts/`) has no glyph for, emoji among them. Long values wrap, and the
/// document runs onto as many pages as it needs.
pub fn render(sheet: &Sheet<'_>) -> Vec<u8> {
    match (text::Font::load(text::Weight::Regular), text::Font::load(text::Weight::Bold)) {
        (Some(regular), Some(bold)) => {
            let fonts = [regular, bold];
            let layout = layout::lay_out(sheet, &fonts);
            pdf::write(sheet, &layout, &fonts)
        }
        // The embedded fonts are tested to parse; should they not, an empty
        // page that says what it is beats a crash.
        _ => pdf::write(sheet, &layout::Layout { pages: vec![layout::Page::default()], elements: Vec::new() }, &[]),
    }
}
