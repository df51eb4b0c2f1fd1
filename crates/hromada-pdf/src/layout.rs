//! Where everything goes: the sheet as pages of positioned lines, QR modules
//! and rules, grouped into blocks that belong to structure elements.
//!
//! Lengths are PDF points (1/72 inch), y upwards from the foot of the page.

use crate::text::{Font, Glyph, Weight, one_line, paragraphs};
use crate::{Qr, Sheet};

const MM: f32 = 72.0 / 25.4;
pub(crate) const PAGE_WIDTH: f32 = 210.0 * MM;
pub(crate) const PAGE_HEIGHT: f32 = 297.0 * MM;
const MARGIN: f32 = 20.0 * MM;
const LEFT: f32 = MARGIN;
const RIGHT: f32 = PAGE_WIDTH - MARGIN;
const TOP: f32 = PAGE_HEIGHT - MARGIN;
const BOTTOM: f32 = MARGIN;
const TEXT_WIDTH: f32 = RIGHT - LEFT;

/// The side of the QR code's dark area, quiet zone not included.
const QR_SIDE: f32 = 40.0 * MM;
/// Light modules kept around the code (ISO/IEC 18004 asks for four).
const QR_QUIET_MODULES: f32 = 4.0;
/// Between the quiet zone and the caption beside the code.
const QR_CAPTION_GAP: f32 = 3.0 * MM;

#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Style {
    pub(crate) weight: Weight,
    pub(crate) size: f32,
    /// 0 is black. Greys stay dark enough for 7:1 contrast on white.
    pub(crate) gray: f32,
    /// Line height as a multiple of the size.
    pub(crate) leading: f32,
}

impl Style {
    fn line_height(self) -> f32 {
        self.size * self.leading
    }
}

const ISSUER: Style = Style { weight: Weight::Bold, size: 11.0, gray: 0.0, leading: 1.3 };
const TITLE: Style = Style { weight: Weight::Bold, size: 18.0, gray: 0.0, leading: 1.25 };
const LABEL: Style = Style { weight: Weight::Bold, size: 9.0, gray: 0.3, leading: 1.3 };
const VALUE: Style = Style { weight: Weight::Regular, size: 11.5, gray: 0.0, leading: 1.4 };
const CAPTION: Style = Style { weight: Weight::Regular, size: 9.5, gray: 0.0, leading: 1.35 };
const FOOTER: Style = Style { weight: Weight::Regular, size: 8.5, gray: 0.25, leading: 1.35 };
const PAGE_NUMBER: Style = Style { weight: Weight::Regular, size: 8.5, gray: 0.25, leading: 1.0 };

/// The kinds of structure element a block can belong to (tagged PDF).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Role {
    H1,
    P,
    Figure,
}

#[derive(Debug)]
pub(crate) struct Element {
    pub(crate) role: Role,
    /// Alternative text, for a figure.
    pub(crate) alt: Option<String>,
}

#[derive(Debug)]
pub(crate) enum Mark {
    /// One line of text; `baseline` is the y of its baseline.
    Line { x: f32, baseline: f32, style: Style, glyphs: Vec<Glyph> },
    /// Dark QR modules as rectangles `[column, row, width, height]` in
    /// modules, row 0 at `top`, each module `module` points a side.
    Modules { x: f32, top: f32, module: f32, rects: Vec<[u32; 4]> },
    /// A horizontal rule.
    Rule { x1: f32, x2: f32, y: f32, width: f32 },
}

/// Marks drawn together: the content of one structure element on one page,
/// or an artifact (rules, page numbers) when `element` is `None`.
#[derive(Debug)]
pub(crate) struct Block {
    pub(crate) element: Option<usize>,
    pub(crate) marks: Vec<Mark>,
}

#[derive(Debug, Default)]
pub(crate) struct Page {
    pub(crate) blocks: Vec<Block>,
}

#[derive(Debug)]
pub(crate) struct Layout {
    pub(crate) pages: Vec<Page>,
    /// In reading order.
    pub(crate) elements: Vec<Element>,
}

pub(crate) fn lay_out(sheet: &Sheet<'_>, fonts: &[Font; 2]) -> Layout {
    let mut out = Layouter { fonts, pages: vec![Page::default()], elements: Vec::new(), y: TOP };

    let issuer = has_text(sheet.issuer);
    let title = has_text(sheet.title);
    if issuer {
        let element = out.element(Role::P, None);
        out.text(element, sheet.issuer, ISSUER, LEFT, TEXT_WIDTH);
        out.y -= 6.0;
    }
    if title {
        let element = out.element(Role::H1, None);
        out.text(element, sheet.title, TITLE, LEFT, TEXT_WIDTH);
    }
    if issuer || title {
        out.y -= 6.0;
        out.ensure(1.0);
        let y = out.y;
        out.mark(None, Mark::Rule { x1: LEFT, x2: RIGHT, y, width: 0.75 });
        out.y -= 16.0;
    }

    for (label, value) in sheet.rows {
        let label_lines = out.wrap(label, LABEL, TEXT_WIDTH);
        let value_lines = out.wrap(value, VALUE, TEXT_WIDTH);
        // Keep a label with the first line of its value.
        out.ensure(label_lines.len() as f32 * LABEL.line_height() + 2.0 + VALUE.line_height());
        let element = out.element(Role::P, None);
        out.lines(element, label_lines, LABEL, LEFT);
        out.y -= 2.0;
        let element = out.element(Role::P, None);
        out.lines(element, value_lines, VALUE, LEFT);
        out.y -= 10.0;
    }

    out.qr(sheet.qr.as_ref(), sheet.qr_caption);
    out.footer(sheet.footer);
    out.page_numbers();

    Layout { pages: out.pages, elements: out.elements }
}

fn has_text(text: &str) -> bool {
    !text.trim().is_empty()
}

struct Layouter<'f> {
    fonts: &'f [Font; 2],
    pages: Vec<Page>,
    elements: Vec<Element>,
    /// The top of the space left on the current page.
    y: f32,
}

impl Layouter<'_> {
    fn element(&mut self, role: Role, alt: Option<String>) -> usize {
        self.elements.push(Element { role, alt });
        self.elements.len() - 1
    }

    fn page_is_empty(&self) -> bool {
        self.pages.last().is_none_or(|page| page.blocks.is_empty())
    }

    fn new_page(&mut self) {
        self.pages.push(Page::default());
        self.y = TOP;
    }

    /// Starts a new page unless `height` fits on this one (or this one is
    /// still empty, so a new page would not help).
    fn ensure(&mut self, height: f32) {
        if self.y - height < BOTTOM && !self.page_is_empty() {
            self.new_page();
        }
    }

    fn mark(&mut self, element: Option<usize>, mark: Mark) {
        if self.pages.is_empty() {
            self.pages.push(Page::default());
        }
        let Some(page) = self.pages.last_mut() else {
            return;
        };
        match page.blocks.last_mut() {
            Some(block) if block.element == element && element.is_some() => block.marks.push(mark),
            _ => page.blocks.push(Block { element, marks: vec![mark] }),
        }
    }

    fn wrap(&self, text: &str, style: Style, width: f32) -> Vec<Vec<Glyph>> {
        let font = &self.fonts[style.weight.index()];
        let max = width * 1000.0 / style.size;
        let mut paragraphs = paragraphs(text);
        // One empty line is a gap between paragraphs; more would only be
        // blank space, or blank pages.
        paragraphs.dedup_by(|next, previous| next.is_empty() && previous.is_empty());
        let mut lines = Vec::new();
        for (index, paragraph) in paragraphs.iter().enumerate() {
            let mut wrapped = wrap(&font.glyphs(paragraph), max);
            // A space between paragraphs too, for those who read them run together.
            if index + 1 < paragraphs.len()
                && let Some(last) = wrapped.last_mut().filter(|line| !line.is_empty())
            {
                last.push(font.glyph(' '));
            }
            lines.append(&mut wrapped);
        }
        lines
    }

    fn text(&mut self, element: usize, text: &str, style: Style, x: f32, width: f32) {
        let lines = self.wrap(text, style, width);
        self.lines(element, lines, style, x);
    }

    /// Places lines one under another from `self.y`, onto new pages as needed.
    fn lines(&mut self, element: usize, lines: Vec<Vec<Glyph>>, style: Style, x: f32) {
        let height = style.line_height();
        let font = &self.fonts[style.weight.index()].face;
        let units = f32::from(font.units_per_em().max(1));
        let ascender = f32::from(font.ascender()) / units;
        let descender = f32::from(font.descender()) / units;
        for glyphs in lines {
            self.ensure(height);
            // The glyphs' box, from descender to ascender, centred in the line.
            let baseline = self.y - height / 2.0 - (ascender + descender) / 2.0 * style.size;
            if !glyphs.is_empty() {
                self.mark(Some(element), Mark::Line { x, baseline, style, glyphs });
            }
            self.y -= height;
        }
    }

    fn qr(&mut self, qr: Option<&Qr<'_>>, caption: &[&str]) {
        let Some(qr) = qr.filter(|qr| qr.width > 0 && qr.width.checked_mul(qr.width) == Some(qr.dark.len())) else {
            for line in caption {
                let element = self.element(Role::P, None);
                self.text(element, line, CAPTION, LEFT, TEXT_WIDTH);
            }
            return;
        };
        let module = QR_SIDE / qr.width as f32;
        let quiet = QR_QUIET_MODULES * module;
        self.y -= 4.0;
        self.ensure(QR_SIDE + 2.0 * quiet);
        let top = self.y - quiet;
        let alt = caption.iter().map(|line| one_line(line)).collect::<Vec<_>>().join(" ");
        let figure = self.element(Role::Figure, Some(if has_text(&alt) { alt } else { "QR".to_owned() }));
        self.mark(Some(figure), Mark::Modules { x: LEFT, top, module, rects: module_rects(qr) });

        let page = self.pages.len();
        self.y = top;
        let caption_x = LEFT + QR_SIDE + quiet + QR_CAPTION_GAP;
        for line in caption {
            let element = self.element(Role::P, None);
            self.text(element, line, CAPTION, caption_x, RIGHT - caption_x);
        }
        if self.pages.len() == page {
            self.y = self.y.min(top - QR_SIDE - quiet);
        }
    }

    /// The small print, at the foot of the last page.
    fn footer(&mut self, footer: &[&str]) {
        if !footer.iter().any(|line| has_text(line)) {
            return;
        }
        let lines: Vec<Vec<Glyph>> = footer.iter().flat_map(|line| self.wrap(line, FOOTER, TEXT_WIDTH)).collect();
        let rule_gap = 8.0;
        let height = lines.len() as f32 * FOOTER.line_height() + rule_gap;
        if height > TOP - BOTTOM - 24.0 {
            // Taller than a page: it flows like the rest.
            self.y -= 16.0;
        } else {
            if self.y - 24.0 - height < BOTTOM {
                self.new_page();
            }
            self.y = BOTTOM + height;
        }
        self.ensure(rule_gap);
        let y = self.y;
        self.mark(None, Mark::Rule { x1: LEFT, x2: RIGHT, y, width: 0.5 });
        self.y -= rule_gap;
        let element = self.element(Role::P, None);
        for paragraph in footer {
            let element_lines = self.wrap(paragraph, FOOTER, TEXT_WIDTH);
            self.lines(element, element_lines, FOOTER, LEFT);
        }
    }

    /// "2 / 3" under the text of each page, when there is more than one.
    fn page_numbers(&mut self) {
        let count = self.pages.len();
        if count < 2 {
            return;
        }
        let font = &self.fonts[PAGE_NUMBER.weight.index()];
        for (index, page) in self.pages.iter_mut().enumerate() {
            let glyphs = font.glyphs(&format!("{} / {count}", index + 1));
            let width = glyphs.iter().map(|glyph| glyph.advance).sum::<f32>() * PAGE_NUMBER.size / 1000.0;
            let mark = Mark::Line { x: RIGHT - width, baseline: BOTTOM - 10.0 * MM, style: PAGE_NUMBER, glyphs };
            page.blocks.push(Block { element: None, marks: vec![mark] });
        }
    }
}

/// The dark modules as few rectangles: each row's runs of dark modules, and
/// a run that repeats exactly in the next row grown down instead of repeated.
fn module_rects(qr: &Qr<'_>) -> Vec<[u32; 4]> {
    let mut rects: Vec<[u32; 4]> = Vec::new();
    // Indexes into `rects` of the previous row's runs.
    let mut open: Vec<usize> = Vec::new();
    for (row, modules) in qr.dark.chunks(qr.width).enumerate() {
        let row = u32::try_from(row).unwrap_or(u32::MAX);
        let mut next_open = Vec::new();
        let mut column = 0;
        while column < modules.len() {
            if !modules[column] {
                column += 1;
                continue;
            }
            let start = column;
            while column < modules.len() && modules[column] {
                column += 1;
            }
            let (x, width) = (u32::try_from(start).unwrap_or(u32::MAX), u32::try_from(column - start).unwrap_or(0));
            let above = open.iter().copied().find(|&index| {
                let [rx, ry, rw, rh] = rects[index];
                rx == x && rw == width && ry + rh == row
            });
            match above {
                Some(index) => {
                    rects[index][3] += 1;
                    next_open.push(index);
                }
                None => {
                    rects.push([x, row, width, 1]);
                    next_open.push(rects.len() - 1);
                }
            }
        }
        open = next_open;
    }
    rects
}

/// Breaks one paragraph into lines no wider than `max` (thousandths of an
/// em): at spaces; a word wider than a whole line is broken after its last
/// '/' that fits, else between any two characters, so nothing is ever cut
/// off. A break at spaces keeps one of them at the end of the line, past
/// `max`: it draws nothing, but extractors and screen readers that run the
/// lines together still read two words. An empty paragraph is one empty line.
pub(crate) fn wrap(glyphs: &[Glyph], max: f32) -> Vec<Vec<Glyph>> {
    let mut lines: Vec<Vec<Glyph>> = Vec::new();
    let mut line: Vec<Glyph> = Vec::new();
    let mut width = 0.0;
    let mut spaces: Vec<Glyph> = Vec::new();
    for token in tokens(glyphs) {
        if is_break_space(token[0].ch) {
            // Spaces that lead a wrapped line are dropped.
            if !line.is_empty() || lines.is_empty() {
                spaces.extend_from_slice(token);
            }
            continue;
        }
        let spaces_width = advance(&spaces);
        let word_width = advance(token);
        if width + spaces_width + word_width <= max {
            line.append(&mut spaces);
            line.extend_from_slice(token);
            width += spaces_width + word_width;
            continue;
        }
        if !line.is_empty() {
            line.extend(spaces.first());
            lines.push(std::mem::take(&mut line));
        }
        spaces.clear();
        // Kept up to date rather than summed again, so that a word of a
        // million characters takes time in proportion to its length.
        let (mut rest, mut rest_width) = (token, word_width);
        while rest_width > max && rest.len() > 1 {
            let split = split_point(rest, max);
            rest_width -= advance(&rest[..split]);
            lines.push(rest[..split].to_vec());
            rest = &rest[split..];
        }
        line.extend_from_slice(rest);
        width = advance(rest);
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

fn advance(glyphs: &[Glyph]) -> f32 {
    glyphs.iter().map(|glyph| glyph.advance).sum()
}

/// Spaces at which a line may break (no-break spaces are not among them).
fn is_break_space(c: char) -> bool {
    matches!(c, ' ' | '\u{1680}' | '\u{2000}'..='\u{2006}' | '\u{2008}'..='\u{200A}' | '\u{205F}' | '\u{3000}')
}

/// Runs of break spaces, and the words between them. A hyphen is no place
/// to break: text extractors (pdftotext among them) take a hyphen at the end
/// of a line for hyphenation and drop it.
fn tokens(glyphs: &[Glyph]) -> Vec<&[Glyph]> {
    let mut tokens = Vec::new();
    let mut start = 0;
    for index in 1..=glyphs.len() {
        let ends = index == glyphs.len() || is_break_space(glyphs[index - 1].ch) != is_break_space(glyphs[index].ch);
        if ends && index > start {
            tokens.push(&glyphs[start..index]);
            start = index;
        }
    }
    tokens
}

/// Where to break a word too wide for a line: after the last '/' that fits
/// in the second half of the line, else after as many characters as fit (at
/// least one).
fn split_point(word: &[Glyph], max: f32) -> usize {
    let mut width = 0.0;
    let mut fits = 0;
    for glyph in word {
        if width + glyph.advance > max {
            break;
        }
        width += glyph.advance;
        fits += 1;
    }
    let fits = fits.clamp(1, word.len());
    let soft = word[..fits].iter().rposition(|glyph| glyph.ch == '/');
    match soft {
        Some(index) if index + 1 < fits && 2 * (index + 1) >= fits => index + 1,
        _ => fits,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every character one em wide, so `max` counts characters (in thousandths).
    fn glyphs(text: &str) -> Vec<Glyph> {
        text.chars().map(|ch| Glyph { ch, id: 1, advance: 1000.0 }).collect()
    }

    fn wrapped(text: &str, characters: usize) -> Vec<String> {
        wrap(&glyphs(text), characters as f32 * 1000.0).iter().map(|line| line.iter().map(|glyph| glyph.ch).collect()).collect()
    }

    #[test]
    fn lines_break_at_spaces_and_keep_one_space_at_the_end_of_the_line() {
        assert_eq!(wrapped("Бучанська міська територіальна громада", 17), ["Бучанська міська ", "територіальна ", "громада"]);
        assert_eq!(wrapped("а  б", 10), ["а  б"]);
        assert_eq!(wrapped("а    б", 1), ["а ", "б"]);
    }

    #[test]
    fn a_word_wider_than_the_line_is_broken_and_nothing_is_lost() {
        assert_eq!(wrapped("абвгґдеєжз", 4), ["абвг", "ґдеє", "жз"]);
        let url = "https://hromada.example/d/0123456789abcdef";
        let lines = wrapped(url, 20);
        assert!(lines.iter().all(|line| line.chars().count() <= 20));
        assert_eq!(lines.concat(), url);
        assert_eq!(lines[0], "https://hromada.exam", "a '/' this early is not worth the break");
        assert_eq!(wrapped("https://hromada.example/d/0123456789abcdef", 30), ["https://hromada.example/d/", "0123456789abcdef"]);
    }

    #[test]
    fn a_hyphenated_word_moves_whole_to_the_next_line() {
        assert_eq!(wrapped("м. Київ-Святошинський", 20), ["м. ", "Київ-Святошинський"]);
        assert_eq!(wrapped("код 7Q4K-2M9X", 10), ["код ", "7Q4K-2M9X"]);
    }

    #[test]
    fn a_word_of_a_million_characters_wraps_in_time_in_proportion_to_its_length() {
        let word = glyphs(&"ж".repeat(1_000_000));
        let started = std::time::Instant::now();
        let lines = wrap(&word, 60_000.0);
        // Summing what is left of the word at each line would take minutes.
        assert!(started.elapsed().as_secs() < 5, "took {:?}", started.elapsed());
        assert_eq!(lines.len(), 1_000_000 / 60 + 1);
        assert!(lines.iter().all(|line| line.len() <= 60));
    }

    #[test]
    fn an_empty_paragraph_is_one_empty_line_and_leading_spaces_stay() {
        assert_eq!(wrapped("", 10), [""]);
        assert_eq!(wrapped("  а", 10), ["  а"]);
    }

    #[test]
    fn runs_of_dark_modules_become_few_rectangles() {
        #[rustfmt::skip]
        let dark = [
            true,  true,  false,
            true,  true,  false,
            false, true,  true,
        ];
        let rects = module_rects(&Qr { width: 3, dark: &dark });
        assert_eq!(rects, vec![[0, 0, 2, 2], [1, 2, 2, 1]]);
    }
}
