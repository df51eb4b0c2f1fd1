//! The layout written as PDF objects: fonts as Type0/CIDFontType2 with a
//! per-document subset and a ToUnicode map, flate-compressed content, the
//! structure tree, and the metadata.

use std::collections::HashMap;

use pdf_writer::types::{CidFontType, FontFlags, StructRole, SystemInfo};
use pdf_writer::writers::StructTreeRoot;
use pdf_writer::{Content, Filter, Finish, Name, Pdf, Rect, Ref, Settings, Str, TextStr};

use crate::Sheet;
use crate::layout::{Layout, Mark, PAGE_HEIGHT, PAGE_WIDTH, Role};
use crate::text::{Font, Weight, one_line};

const PRODUCER: &str = "Hromada (hromada-pdf)";

pub(crate) fn write(sheet: &Sheet<'_>, layout: &Layout, fonts: &[Font]) -> Vec<u8> {
    let mut refs = Refs(0);
    let catalog_ref = refs.next();
    let info_ref = refs.next();
    let metadata_ref = refs.next();
    let page_tree_ref = refs.next();
    let struct_root_ref = refs.next();
    let document_ref = refs.next();
    let page_refs: Vec<Ref> = layout.pages.iter().map(|_| refs.next()).collect();
    let element_refs: Vec<Ref> = layout.elements.iter().map(|_| refs.next()).collect();

    let used = UsedGlyphs::collect(layout);
    let font_refs: Vec<Option<Ref>> = used.iter().map(|glyphs| (!glyphs.chars.is_empty()).then(|| refs.next())).collect();

    let settings = Settings { pretty: false };
    let mut pdf = Pdf::with_settings(settings);
    let title = one_line(sheet.title);
    let lang = one_line(sheet.lang);

    let mut catalog = pdf.catalog(catalog_ref);
    catalog.pages(page_tree_ref);
    if !lang.trim().is_empty() {
        catalog.lang(TextStr(lang.trim()));
    }
    catalog.viewer_preferences().display_doc_title(true);
    catalog.metadata(metadata_ref);
    catalog.mark_info().marked(true);
    catalog.pair(Name(b"StructTreeRoot"), struct_root_ref);
    catalog.finish();

    let mut info = pdf.document_info(info_ref);
    info.title(TextStr(&title));
    info.producer(TextStr(PRODUCER));
    info.finish();

    pdf.metadata(metadata_ref, xmp(&title, lang.trim()).as_bytes());

    pdf.pages(page_tree_ref).kids(page_refs.iter().copied()).count(i32::try_from(page_refs.len()).unwrap_or(i32::MAX));

    // Pages and their content; what each structure element marks, and where.
    let mut element_content: Vec<Vec<(Ref, i32)>> = vec![Vec::new(); layout.elements.len()];
    let mut parent_tree: Vec<(i32, Ref)> = Vec::new();
    for (index, (page, &page_ref)) in layout.pages.iter().zip(&page_refs).enumerate() {
        let mut content = Content::with_settings(settings);
        let mut parents = Vec::new();
        for block in &page.blocks {
            match block.element {
                Some(element) => {
                    let mcid = i32::try_from(parents.len()).unwrap_or(i32::MAX);
                    let role = layout.elements.get(element).map_or(Role::P, |element| element.role);
                    content.begin_marked_content_with_properties(role_name(role)).properties().identify(mcid);
                    parents.push(element_refs.get(element).copied().unwrap_or(document_ref));
                    if let Some(marks) = element_content.get_mut(element) {
                        marks.push((page_ref, mcid));
                    }
                }
                None => {
                    content.begin_marked_content(Name(b"Artifact"));
                }
            }
            for mark in &block.marks {
                draw(&mut content, mark, &used);
            }
            content.end_marked_content();
        }
        let content_ref = refs.next();
        pdf.stream(content_ref, &deflate(&content.finish())).filter(Filter::FlateDecode);

        let mut page_writer = pdf.page(page_ref);
        page_writer.media_box(Rect::new(0.0, 0.0, PAGE_WIDTH, PAGE_HEIGHT)).parent(page_tree_ref).contents(content_ref);
        let mut resources = page_writer.resources();
        let mut font_dict = resources.fonts();
        for weight in Weight::ALL {
            if let Some(Some(font_ref)) = font_refs.get(weight.index()) {
                font_dict.pair(font_name(weight), *font_ref);
            }
        }
        font_dict.finish();
        resources.finish();
        if !parents.is_empty() {
            let key = i32::try_from(index).unwrap_or(i32::MAX);
            page_writer.struct_parents(key);
            let parents_ref = refs.next();
            parent_tree.push((key, parents_ref));
            page_writer.finish();
            pdf.indirect(parents_ref).array().items(parents);
        }
    }

    // The structure tree: a Document holding the elements in reading order.
    let mut root: StructTreeRoot = pdf.indirect(struct_root_ref).start();
    root.child(document_ref);
    let mut tree = root.parent_tree();
    let mut nums = tree.nums();
    for &(key, parents_ref) in &parent_tree {
        nums.insert(key, parents_ref);
    }
    nums.finish();
    tree.finish();
    root.parent_tree_next_key(i32::try_from(layout.pages.len()).unwrap_or(i32::MAX));
    root.finish();

    let mut document = pdf.struct_element(document_ref);
    document.kind(StructRole::Document).parent(struct_root_ref);
    document.children().items(element_refs.iter().copied());
    document.finish();
    for ((element, &element_ref), content) in layout.elements.iter().zip(&element_refs).zip(&element_content) {
        let mut writer = pdf.struct_element(element_ref);
        writer.kind(struct_role(element.role)).parent(document_ref);
        if let Some(alt) = &element.alt {
            writer.alt(TextStr(alt));
        }
        let mut children = writer.children();
        for &(page_ref, mcid) in content {
            children.marked_content_ref().page(page_ref).marked_content_id(mcid);
        }
        children.finish();
        writer.finish();
    }

    for weight in Weight::ALL {
        let (Some(Some(font_ref)), Some(font), Some(glyphs)) =
            (font_refs.get(weight.index()), fonts.get(weight.index()), used.get(weight.index()))
        else {
            continue;
        };
        write_font(&mut pdf, &mut refs, *font_ref, font, glyphs);
    }

    pdf.finish()
}

struct Refs(i32);

impl Refs {
    fn next(&mut self) -> Ref {
        self.0 += 1;
        Ref::new(self.0)
    }
}

fn font_name(weight: Weight) -> Name<'static> {
    match weight {
        Weight::Regular => Name(b"F1"),
        Weight::Bold => Name(b"F2"),
    }
}

fn role_name(role: Role) -> Name<'static> {
    match role {
        Role::H1 => Name(b"H1"),
        Role::P => Name(b"P"),
        Role::Figure => Name(b"Figure"),
    }
}

fn struct_role(role: Role) -> StructRole {
    match role {
        Role::H1 => StructRole::H1,
        Role::P => StructRole::P,
        Role::Figure => StructRole::Figure,
    }
}

fn draw(content: &mut Content, mark: &Mark, used: &[UsedGlyphs]) {
    match mark {
        Mark::Line { x, baseline, style, glyphs } => {
            let Some(cids) = used.get(style.weight.index()) else {
                return;
            };
            let mut codes = Vec::with_capacity(glyphs.len() * 2);
            for glyph in glyphs {
                codes.extend_from_slice(&cids.cid(glyph.ch).to_be_bytes());
            }
            content
                .begin_text()
                .set_font(font_name(style.weight), style.size)
                .set_fill_gray(style.gray)
                .set_text_matrix([1.0, 0.0, 0.0, 1.0, *x, *baseline])
                .show(Str(&codes))
                .end_text();
        }
        Mark::Modules { x, top, module, rects } => {
            // One path filled once, so abutting rectangles show no seams.
            content.save_state().set_fill_gray(0.0).transform([*module, 0.0, 0.0, -*module, *x, *top]);
            for &[column, row, width, height] in rects {
                content.rect(column as f32, row as f32, width as f32, height as f32);
            }
            if !rects.is_empty() {
                content.fill_nonzero();
            }
            content.restore_state();
        }
        Mark::Rule { x1, x2, y, width } => {
            content
                .save_state()
                .set_stroke_gray(0.0)
                .set_line_width(width.max(0.0))
                .move_to(*x1, *y)
                .line_to(*x2, *y)
                .stroke()
                .restore_state();
        }
    }
}

/// The characters one face draws in this document. Each distinct character
/// gets its own CID (1, 2, …; 0 is .notdef), so the ToUnicode map gives every
/// character back exactly, even where a face draws two characters (Latin "A"
/// and Cyrillic "А", say) with one glyph.
#[derive(Default)]
struct UsedGlyphs {
    /// By CID - 1: the character, its glyph in the embedded face, its advance.
    chars: Vec<(char, u16, f32)>,
    cids: HashMap<char, u16>,
}

impl UsedGlyphs {
    fn collect(layout: &Layout) -> [UsedGlyphs; 2] {
        let mut used = [UsedGlyphs::default(), UsedGlyphs::default()];
        let lines = layout.pages.iter().flat_map(|page| &page.blocks).flat_map(|block| &block.marks);
        for mark in lines {
            if let Mark::Line { style, glyphs, .. } = mark {
                let used = &mut used[style.weight.index()];
                for glyph in glyphs {
                    if !used.cids.contains_key(&glyph.ch) {
                        // The faces map fewer characters than a CID can count.
                        let Ok(cid) = u16::try_from(used.chars.len() + 1) else {
                            continue;
                        };
                        used.cids.insert(glyph.ch, cid);
                        used.chars.push((glyph.ch, glyph.id, glyph.advance));
                    }
                }
            }
        }
        used
    }

    fn cid(&self, c: char) -> u16 {
        self.cids.get(&c).copied().unwrap_or(0)
    }
}

fn write_font(pdf: &mut Pdf, refs: &mut Refs, type0_ref: Ref, font: &Font, used: &UsedGlyphs) {
    let cid_font_ref = refs.next();
    let descriptor_ref = refs.next();
    let to_unicode_ref = refs.next();
    let cid_to_gid_ref = refs.next();
    let font_file_ref = refs.next();

    // Only the glyphs this document uses. Should the subsetter refuse, the
    // whole (pre-subset) face goes in with its own glyph ids.
    let mut remapper = subsetter::GlyphRemapper::new();
    for &(_, glyph, _) in &used.chars {
        remapper.remap(glyph);
    }
    let (program, new_ids): (Vec<u8>, Vec<u16>) = match subsetter::subset(font.data, 0, &remapper) {
        Ok(program) => (program, used.chars.iter().map(|&(_, glyph, _)| remapper.get(glyph).unwrap_or(0)).collect()),
        Err(_) => (font.data.to_vec(), used.chars.iter().map(|&(_, glyph, _)| glyph).collect()),
    };

    let base_font = format!("{}+{}", subset_tag(font.postscript_name, &used.chars), font.postscript_name);
    let base_font = Name(base_font.as_bytes());
    let system_info = SystemInfo { registry: Str(b"Adobe"), ordering: Str(b"Identity"), supplement: 0 };

    pdf.type0_font(type0_ref)
        .base_font(base_font)
        .encoding_predefined(Name(b"Identity-H"))
        .descendant_font(cid_font_ref)
        .to_unicode(to_unicode_ref);

    let mut cid_font = pdf.cid_font(cid_font_ref);
    cid_font
        .subtype(CidFontType::Type2)
        .base_font(base_font)
        .system_info(system_info)
        .font_descriptor(descriptor_ref)
        .cid_to_gid_map_stream(cid_to_gid_ref);
    cid_font.widths().consecutive(1, used.chars.iter().map(|&(_, _, advance)| advance.round()));
    cid_font.finish();

    let face = &font.face;
    let scale = |units: i16| font.to_milli_em(f32::from(units)).round();
    let bbox = face.global_bounding_box();
    let weight = face.weight().to_number();
    let mut flags = FontFlags::SYMBOLIC;
    if face.is_italic() {
        flags |= FontFlags::ITALIC;
    }
    if face.is_monospaced() {
        flags |= FontFlags::FIXED_PITCH;
    }
    pdf.font_descriptor(descriptor_ref)
        .name(base_font)
        .flags(flags)
        .bbox(Rect::new(scale(bbox.x_min), scale(bbox.y_min), scale(bbox.x_max), scale(bbox.y_max)))
        .italic_angle(face.italic_angle())
        .ascent(scale(face.ascender()))
        .descent(scale(face.descender()))
        .cap_height(scale(face.capital_height().unwrap_or(face.ascender())))
        .stem_v((10.0 + 0.244 * (f32::from(weight) - 50.0)).round())
        .weight(weight)
        .font_file2(font_file_ref);

    let mut cmap = pdf_writer::types::UnicodeCmap::new(Name(b"Hromada-UTF16"), system_info);
    for (index, &(c, _, _)) in used.chars.iter().enumerate() {
        if let Ok(cid) = u16::try_from(index + 1) {
            cmap.pair(cid, c);
        }
    }
    pdf.stream(to_unicode_ref, &deflate(&cmap.finish())).filter(Filter::FlateDecode);

    // CID 0 is .notdef, glyph 0; then each CID's glyph, two bytes each.
    let mut cid_to_gid = vec![0, 0];
    for id in new_ids {
        cid_to_gid.extend_from_slice(&id.to_be_bytes());
    }
    pdf.stream(cid_to_gid_ref, &deflate(&cid_to_gid)).filter(Filter::FlateDecode);

    pdf.stream(font_file_ref, &deflate(&program))
        .filter(Filter::FlateDecode)
        .pair(Name(b"Length1"), i32::try_from(program.len()).unwrap_or(i32::MAX));
}

/// The six capital letters that name a subset ("ABCDEF+DejaVuSans"),
/// derived from the characters in it, so one document's bytes never vary.
fn subset_tag(name: &str, chars: &[(char, u16, f32)]) -> String {
    // FNV-1a, 64 bits.
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let bytes = name.bytes().chain(chars.iter().flat_map(|&(c, _, _)| u32::from(c).to_le_bytes()));
    for byte in bytes {
        hash = (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3);
    }
    (0..6)
        .map(|_| {
            let letter = char::from(b'A' + (hash % 26) as u8);
            hash /= 26;
            letter
        })
        .collect()
}

fn deflate(data: &[u8]) -> Vec<u8> {
    miniz_oxide::deflate::compress_to_vec_zlib(data, 9)
}

/// XMP metadata: the title and language, as PDF/A and PDF/UA expect them.
fn xmp(title: &str, lang: &str) -> String {
    let language = if lang.is_empty() {
        String::new()
    } else {
        format!("<dc:language><rdf:Bag><rdf:li>{}</rdf:li></rdf:Bag></dc:language>\n", xml_escape(lang))
    };
    format!(
        "<?xpacket begin=\"\u{FEFF}\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n\
         <x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n\
         <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n\
         <rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" \
         xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\">\n\
         <dc:format>application/pdf</dc:format>\n\
         <dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">{}</rdf:li></rdf:Alt></dc:title>\n\
         {language}\
         <pdf:Producer>{PRODUCER}</pdf:Producer>\n\
         </rdf:Description>\n\
         </rdf:RDF>\n\
         </x:xmpmeta>\n\
         <?xpacket end=\"w\"?>",
        xml_escape(title)
    )
}

/// Text safe inside an XML element: markup escaped, and characters XML 1.0
/// does not allow dropped.
fn xml_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if c < ' ' || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subset_tags_are_six_capitals_that_follow_the_characters() {
        let a = subset_tag("DejaVuSans", &[('а', 1, 600.0)]);
        let b = subset_tag("DejaVuSans", &[('б', 2, 600.0)]);
        assert_eq!(a.len(), 6);
        assert!(a.bytes().all(|byte| byte.is_ascii_uppercase()));
        assert_ne!(a, b);
        assert_eq!(a, subset_tag("DejaVuSans", &[('а', 1, 600.0)]));
    }

    #[test]
    fn xmp_escapes_markup_and_drops_what_xml_cannot_hold() {
        let xmp = xmp("Довідка <b>&\u{1}", "uk");
        assert!(xmp.contains("Довідка &lt;b&gt;&amp;</rdf:li>"));
        assert!(xmp.contains("<rdf:li>uk</rdf:li>"));
    }
}
