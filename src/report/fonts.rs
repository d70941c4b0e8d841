//! The report's two faces, Noto Sans Regular and Bold (bundled, SIL Open Font License 1.1,
//! `themes/default/fonts/`): shaped with rustybuzz, so that the layout can measure text and
//! break lines, and embedded by krilla as subsets.
//!
//! A character the fonts lack (an emoji, a Chinese character) is drawn as the substitute glyph
//! (`�`, U+FFFD, which Noto Sans has), never as `.notdef`, which PDF/UA forbids; its text
//! stays the real character, so copying the text or a screen reader still gets it (krilla
//! marks such glyphs with `ActualText`). `lacking` tells the caller which characters of a text
//! those are, to warn.

use krilla::text::{Font, GlyphId, KrillaGlyph};
use rustybuzz::{Direction, ShapePlan, UnicodeBuffer};
use std::sync::{Arc, OnceLock};

/// Noto Sans Bold, beside the Regular that `charts` already bundles for the PNG card.
static BOLD: &[u8] = include_bytes!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/themes/default/fonts/NotoSans-Bold.ttf"
));

/// The family name the charts' SVG text is resolved to.
pub(super) const FAMILY: &str = "Noto Sans";

/// Characters tried, in order, as the glyph for a character the font lacks.
const SUBSTITUTES: [char; 2] = ['\u{FFFD}', '?'];

/// One face in its two forms: rustybuzz to shape, krilla to embed.
pub(super) struct Face {
    shaper: rustybuzz::Face<'static>,
    /// Left to right, Latin script: Vietnamese and English (a plan is built once; building one
    /// costs more than shaping a short text).
    plan: ShapePlan,
    pub pdf: Font,
    /// Ascender and descender (positive), in em.
    pub ascent: f32,
    pub descent: f32,
    /// The glyph drawn for a character the face lacks, with its advance in em.
    substitute: (GlyphId, f32),
}

/// The report's faces, and the font database the charts' SVG text uses.
pub(super) struct Fonts {
    pub regular: Face,
    pub bold: Face,
    pub svg: Arc<resvg::usvg::fontdb::Database>,
}

/// The bundled fonts, parsed once per process.
pub(super) fn bundled() -> Result<&'static Fonts, String> {
    static FONTS: OnceLock<Result<Fonts, String>> = OnceLock::new();
    FONTS
        .get_or_init(|| Fonts::new(crate::charts::NOTO_SANS_REGULAR, BOLD))
        .as_ref()
        .map_err(Clone::clone)
}

impl Fonts {
    fn new(regular: &'static [u8], bold: &'static [u8]) -> Result<Fonts, String> {
        let mut db = resvg::usvg::fontdb::Database::new();
        for data in [regular, bold] {
            db.load_font_source(resvg::usvg::fontdb::Source::Binary(Arc::new(data)));
        }
        db.set_sans_serif_family(FAMILY);
        Ok(Fonts {
            regular: Face::new(regular).ok_or("the bundled Noto Sans Regular cannot be read")?,
            bold: Face::new(bold).ok_or("the bundled Noto Sans Bold cannot be read")?,
            svg: Arc::new(db),
        })
    }
}

impl Face {
    fn new(data: &'static [u8]) -> Option<Face> {
        let shaper = rustybuzz::Face::from_slice(data, 0)?;
        let upem = f32::from(shaper.units_per_em().max(1) as u16);
        let plan = ShapePlan::new(
            &shaper,
            Direction::LeftToRight,
            Some(rustybuzz::script::LATIN),
            None,
            &[],
        );
        let substitute = SUBSTITUTES.iter().find_map(|c| {
            let id = shaper.glyph_index(*c)?;
            let advance = shaper.glyph_hor_advance(id)?;
            Some((GlyphId::new(u32::from(id.0)), f32::from(advance) / upem))
        })?;
        Some(Face {
            ascent: f32::from(shaper.ascender()) / upem,
            descent: -f32::from(shaper.descender()) / upem,
            pdf: Font::new(data.into(), 0)?,
            plan,
            substitute,
            shaper,
        })
    }

    /// Glyphs of `text` with advances in em and text ranges into `text`; a character the face
    /// lacks gets the substitute glyph.
    pub fn shape(&self, text: &str) -> Vec<KrillaGlyph> {
        let mut buffer = UnicodeBuffer::new();
        buffer.push_str(text);
        buffer.set_direction(Direction::LeftToRight);
        buffer.set_script(rustybuzz::script::LATIN);
        let out = rustybuzz::shape_with_plan(&self.shaper, &self.plan, buffer);
        let upem = self.shaper.units_per_em().max(1) as f32;
        let infos = out.glyph_infos();
        let mut glyphs = Vec::with_capacity(infos.len());
        for (i, (info, pos)) in infos.iter().zip(out.glyph_positions()).enumerate() {
            let start = info.cluster as usize;
            let end = infos[i + 1..]
                .iter()
                .find(|next| next.cluster != info.cluster)
                .map_or(text.len(), |next| next.cluster as usize);
            let (id, advance) = match info.glyph_id {
                0 => self.substitute,
                id => (GlyphId::new(id), pos.x_advance as f32 / upem),
            };
            glyphs.push(KrillaGlyph::new(
                id,
                advance,
                pos.x_offset as f32 / upem,
                pos.y_offset as f32 / upem,
                pos.y_advance as f32 / upem,
                start..end,
                None,
            ));
        }
        glyphs
    }

    fn has(&self, c: char) -> bool {
        self.shaper.glyph_index(c).is_some()
    }
}

/// The characters of `text` that the report's fonts cannot draw, each once, in order of
/// appearance (printed as `�`). Characters shaping hides (joiners, variation selectors)
/// are not counted.
pub fn lacking(text: &str) -> Vec<char> {
    let Ok(fonts) = bundled() else {
        return Vec::new();
    };
    let mut out: Vec<char> = Vec::new();
    for c in text.chars() {
        let hidden = c.is_whitespace() || c.is_control() || is_default_ignorable(c);
        let drawn = fonts.regular.has(c) && fonts.bold.has(c);
        if !hidden && !drawn && !out.contains(&c) {
            out.push(c);
        }
    }
    out
}

/// Characters that shaping makes invisible when the font lacks them (zero-width joiners and
/// spaces, variation selectors, bidi controls, …): Unicode's Default_Ignorable_Code_Point.
fn is_default_ignorable(c: char) -> bool {
    matches!(c as u32,
        0xAD | 0x34F | 0x61C | 0x115F..=0x1160 | 0x17B4..=0x17B5 | 0x180B..=0x180F
        | 0x200B..=0x200F | 0x202A..=0x202E | 0x2060..=0x206F | 0x3164 | 0xFE00..=0xFE0F
        | 0xFEFF | 0xFFA0 | 0xFFF0..=0xFFF8 | 0x1BCA0..=0x1BCA3 | 0x1D173..=0x1D17A
        | 0xE0000..=0xE0FFF)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vietnamese_is_covered_and_emoji_and_chinese_are_not() {
        assert!(lacking("Tỷ lệ hồ sơ được số hóa: 85,6 % – “đạt”").is_empty());
        assert_eq!(lacking("Hợp tác với 中国 🚀🚀\u{200d}"), ['中', '国', '🚀']);
    }

    #[test]
    fn a_missing_character_gets_the_substitute_glyph_and_keeps_its_text() {
        let fonts = bundled().expect("the bundled fonts");
        let glyphs = fonts.regular.shape("a中b");
        assert_eq!(glyphs.len(), 3);
        assert_eq!(glyphs[1].glyph_id, fonts.regular.substitute.0);
        assert_eq!(glyphs[1].text_range, 1..4);
        assert!(glyphs.iter().all(|g| g.glyph_id != GlyphId::new(0)));
    }
}
