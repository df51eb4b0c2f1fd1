//! The two embedded faces, and text turned into glyphs that can be measured.

use ttf_parser::{Face, GlyphId};
use unicode_normalization::UnicodeNormalization;

/// DejaVu Sans, pre-subset to the scripts a Ukrainian document needs (see the
/// crate's README.md for the command that made it).
static REGULAR: &[u8] = include_bytes!("../fonts/DejaVuSans.subset.ttf");
/// DejaVu Sans Bold, subset the same way.
static BOLD: &[u8] = include_bytes!("../fonts/DejaVuSans-Bold.subset.ttf");

/// The character shown for one the faces lack, and the one a control
/// character becomes.
pub(crate) const REPLACEMENT: char = '\u{FFFD}';

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Weight {
    Regular,
    Bold,
}

impl Weight {
    pub(crate) const ALL: [Weight; 2] = [Weight::Regular, Weight::Bold];

    pub(crate) fn index(self) -> usize {
        match self {
            Weight::Regular => 0,
            Weight::Bold => 1,
        }
    }
}

/// One face: its bytes (embedded in the PDF) and its parsed tables.
pub(crate) struct Font {
    pub(crate) data: &'static [u8],
    pub(crate) face: Face<'static>,
    pub(crate) postscript_name: &'static str,
    replacement: u16,
    units_per_em: f32,
}

impl Font {
    /// Parses the embedded face; `None` only if the bytes compiled in are not
    /// a font (a unit test shows that they are).
    pub(crate) fn load(weight: Weight) -> Option<Font> {
        let (data, postscript_name) = match weight {
            Weight::Regular => (REGULAR, "DejaVuSans"),
            Weight::Bold => (BOLD, "DejaVuSans-Bold"),
        };
        let face = Face::parse(data, 0).ok()?;
        let replacement = face.glyph_index(REPLACEMENT).map_or(0, |id| id.0);
        let units_per_em = f32::from(face.units_per_em().max(1));
        Some(Font { data, face, postscript_name, replacement, units_per_em })
    }

    /// A length in font units as thousandths of an em, the unit of PDF glyph widths.
    pub(crate) fn to_milli_em(&self, units: f32) -> f32 {
        units * 1000.0 / self.units_per_em
    }

    /// The glyph for `c`, or the replacement glyph (and character) if the face lacks it.
    pub(crate) fn glyph(&self, c: char) -> Glyph {
        let (ch, id) = match self.face.glyph_index(c) {
            Some(id) => (c, id.0),
            None => (REPLACEMENT, self.replacement),
        };
        let advance = self.face.glyph_hor_advance(GlyphId(id)).unwrap_or(0);
        Glyph { ch, id, advance: self.to_milli_em(f32::from(advance)) }
    }

    /// Glyphs for a paragraph made by [`clean`] (no line breaks in it).
    pub(crate) fn glyphs(&self, text: &str) -> Vec<Glyph> {
        text.chars().map(|c| self.glyph(c)).collect()
    }
}

/// A character as drawn: the character it stands for (the text a reader
/// extracts), the glyph in the face, and its advance in thousandths of an em.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Glyph {
    pub(crate) ch: char,
    pub(crate) id: u16,
    pub(crate) advance: f32,
}

/// Text as paragraphs ready to draw: NFC (so "и" + combining breve is the one
/// glyph "й"), line breaks of any convention split paragraphs, tabs become
/// spaces, invisible formatting characters go, and any other control
/// character becomes [`REPLACEMENT`], so nothing is silently lost.
pub(crate) fn paragraphs(text: &str) -> Vec<String> {
    let mut out = vec![String::new()];
    let mut after_cr = false;
    for c in text.nfc() {
        let was_cr = std::mem::replace(&mut after_cr, c == '\r');
        match c {
            '\n' if was_cr => {}
            '\r' | '\n' | '\u{0B}' | '\u{0C}' | '\u{85}' | '\u{2028}' | '\u{2029}' => {
                out.push(String::new());
            }
            '\t' => push(&mut out, ' '),
            c if is_default_ignorable(c) => {}
            c if c.is_control() => push(&mut out, REPLACEMENT),
            c => push(&mut out, c),
        }
    }
    out
}

/// The text on one line, with line breaks and controls treated as in [`paragraphs`].
pub(crate) fn one_line(text: &str) -> String {
    paragraphs(text).join(" ")
}

fn push(out: &mut [String], c: char) {
    if let Some(last) = out.last_mut() {
        last.push(c);
    }
}

/// Unicode's Default_Ignorable_Code_Point (DerivedCoreProperties.txt): drawn
/// as nothing, so drawn here as nothing rather than as a replacement box.
/// Emoji variation selectors and joiners are among them.
fn is_default_ignorable(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{034F}'
            | '\u{061C}'
            | '\u{115F}'..='\u{1160}'
            | '\u{17B4}'..='\u{17B5}'
            | '\u{180B}'..='\u{180F}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{206F}'
            | '\u{3164}'
            | '\u{FE00}'..='\u{FE0F}'
            | '\u{FEFF}'
            | '\u{FFA0}'
            | '\u{FFF0}'..='\u{FFF8}'
            | '\u{1BCA0}'..='\u{1BCA3}'
            | '\u{1D173}'..='\u{1D17A}'
            | '\u{E0000}'..='\u{E0FFF}'
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_embedded_faces_parse_and_cover_ukrainian_and_the_signs_documents_use() {
        for weight in Weight::ALL {
            let font = Font::load(weight).expect("the embedded face parses");
            for c in "АБВГҐДЕЄЖЗИІЇЙКЛМНОПРСТУФХЦЧШЩЬЮЯабвгґдеєжзиіїйклмнопрстуфхцчшщьюя’ʼ'₴№«»—–…€".chars()
            {
                let glyph = font.glyph(c);
                assert_eq!(glyph.ch, c, "{weight:?} lacks {c:?}");
                assert!(glyph.id != 0 && glyph.advance > 0.0, "{weight:?} draws {c:?} as nothing");
            }
            assert_ne!(font.replacement, 0, "{weight:?} has a replacement glyph");
        }
    }

    #[test]
    fn a_character_the_face_lacks_becomes_the_replacement_glyph() {
        let font = Font::load(Weight::Regular).expect("the embedded face parses");
        let glyph = font.glyph('😀');
        assert_eq!(glyph.ch, REPLACEMENT);
        assert_eq!(glyph.id, font.replacement);
        assert!(glyph.advance > 0.0);
    }

    #[test]
    fn paragraphs_split_on_every_line_break_convention_and_replace_controls() {
        assert_eq!(paragraphs("а\r\nб\rв\nг\u{2028}ґ"), ["а", "б", "в", "г", "ґ"]);
        assert_eq!(paragraphs("a\tb\u{0}c\u{7F}d"), ["a b\u{FFFD}c\u{FFFD}d"]);
        assert_eq!(paragraphs(""), [""]);
        assert_eq!(paragraphs("\n"), ["", ""]);
    }

    #[test]
    fn decomposed_letters_are_composed_and_invisible_characters_dropped() {
        // "й" and "ї" typed as a base letter and a combining mark.
        assert_eq!(paragraphs("и\u{306} і\u{308}"), ["й ї"]);
        // Thumbs up with a variation selector, a zero-width space and a soft hyphen.
        assert_eq!(paragraphs("👍\u{FE0F}a\u{200B}b\u{AD}c"), ["👍abc"]);
    }
}
