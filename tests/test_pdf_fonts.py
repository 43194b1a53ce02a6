"""Font registry and coverage check, shared by the PDF and DOCX writers."""

from __future__ import annotations

import pytest

from briefgen.brief import Paragraph, Run, Section
from briefgen.errors import MissingGlyphError
from briefgen.render.fonts import FONT_DIR, check_coverage, face_for, faces_for_text, family_order
from make_sample_briefs import sample_brief


def test_bundled_fonts_come_with_licences_and_provenance():
    fonts = sorted(path.name for path in FONT_DIR.glob("*.ttf"))
    assert fonts == ["Amiri-Bold.ttf", "Amiri-Regular.ttf", "NotoSans-Bold.ttf", "NotoSans-Italic.ttf",
                     "NotoSans-Regular.ttf"]
    for licence in ("Amiri-OFL.txt", "NotoSans-OFL.txt"):
        assert "SIL OPEN FONT LICENSE Version 1.1" in (FONT_DIR / licence).read_text()
    readme = (FONT_DIR / "README.md").read_text()
    assert "fonts-hosny-amiri" in readme and "fonts-noto-core" in readme


def test_each_script_gets_a_face_that_has_it():
    assert family_order("ar")[0] == "Amiri" and family_order("en")[0] == "Noto Sans"
    assert face_for("ب", "ar").family == "Amiri"
    assert face_for("S", "ar").family == "Amiri"  # Amiri's own Latin, drawn to match its Naskh
    assert face_for("Ж", "ar").family == "Noto Sans"  # Cyrillic inside Arabic falls back
    assert face_for("ب", "en").family == "Amiri"  # an untranslated Arabic sentence in an English brief
    assert face_for("S", "en", bold=True).style == "bold"
    assert face_for("ب", "ar", italic=True).style == "regular"  # no Arabic italic: set upright
    assert face_for("\U00013000", "ar") is None


def test_a_mark_stays_with_its_base_face():
    base = face_for("S", "en")
    assert face_for("\u0301", "en", previous=base) is base


def test_a_mark_opening_a_string_stays_with_the_face_before_it():
    """The previous run's face carries over into a string that starts with a mark, even when every
    character of the string prefers another face."""
    amiri, noto = face_for("ب", "en"), face_for("a", "en")
    assert faces_for_text("\u0301 ab", "en", previous=amiri) == (amiri, noto, noto, noto)
    assert faces_for_text("\u0301 ab", "en", previous=noto) == (noto,) * 4
    assert faces_for_text("\u0301 ab", "en") == (noto,) * 4


def test_a_word_that_would_mix_families_is_drawn_in_one():
    text = "تقرير Gündəm 2025"
    faces = faces_for_text(text, "ar")
    word = faces[text.index("G"):text.index("m") + 1]
    assert {face.family for face in word} == {"Noto Sans"}
    assert faces[0].family == "Amiri" and faces[-1].family == "Amiri"
    assert faces_for_text("", "ar") == ()


@pytest.mark.parametrize("text", ["abc \u0591 def", "a\u0591b", "ب\U00013000\u0301", "x\u0301\U00013000", "Ж\u0301 \u0591"])
def test_coverage_refuses_the_first_character_the_writers_would_have_no_face_for(text: str) -> None:
    """check_coverage asks the fonts directly; it must agree with faces_for_text as the writers call it."""
    brief = sample_brief("ar")
    brief.meta.labels["machine"] = text
    first = next(index for index, face in enumerate(faces_for_text(text, "ar")) if face is None)
    with pytest.raises(MissingGlyphError, match=f"U\\+{ord(text[first]):04X} "):
        check_coverage(brief)


def test_sample_briefs_are_covered():
    for lang in ("ar", "en", "ru"):
        check_coverage(sample_brief(lang))


def test_uncovered_character_names_itself_its_facts_and_the_brief():
    brief = sample_brief("en")
    brief.sections.append(Section(id="x", blocks=[Paragraph(inlines=[
        Run(text="Ankh \U00013000 sign", lang="en", facts=["f-egypt", "f-2"])])]))
    with pytest.raises(MissingGlyphError) as error:
        check_coverage(brief)
    message = str(error.value)
    assert "U+13000 EGYPTIAN HIEROGLYPH A001" in message
    assert "facts f-egypt, f-2" in message and "country-KZ-en" in message


def test_uncovered_character_in_a_label_is_reported_too():
    brief = sample_brief("en")
    brief.meta.labels["machine"] = "Machine \U0001F600"
    with pytest.raises(MissingGlyphError, match="U\\+1F600 GRINNING FACE"):
        check_coverage(brief)


class _Outline:
    """A pen that records what a glyph draws."""

    def __init__(self) -> None:
        self.ops: list[tuple] = []

    def __getattr__(self, name):
        return lambda *args: self.ops.append((name, *args))


def _program(data: bytes):
    import struct

    import uharfbuzz as hb
    face = hb.Face(hb.Blob(data))
    cmap = face.reference_table("cmap").data
    glyphs = struct.unpack_from(f">{struct.unpack_from('>H', cmap, 20)[0]}H", cmap, 22)  # ReportLab: (1, 0) format 6
    font = hb.Font(face)

    def outline(glyph: int) -> list[tuple]:
        pen = _Outline()
        font.draw_glyph_with_pen(glyph, pen)
        return pen.ops
    return glyphs, font.get_glyph_h_advance, outline


def test_subset_codes_get_a_glyph_with_their_width_that_draws_the_same_outline():
    from reportlab.pdfbase.ttfonts import TTFontFace

    from briefgen.render.pdf.subsetwidths import with_own_advances

    face = TTFontFace(str(FONT_DIR / "Amiri-Regular.ttf"))
    codes = [0, ord(" "), ord("ب"), ord("ا"), ord("ﻻ"), ord("ب"), ord("1")]  # ب twice: two uses, two widths
    data = face.makeSubset(codes)
    glyphs, advance, outline = _program(data)
    wanted = [advance(glyph) for glyph in glyphs]
    wanted[1] += 250  # a stretched space (an empty glyph)
    wanted[2] += 300  # a letter given the advance of a kashida after it
    wanted[4] = 0
    wanted[5] += 300  # the same width again: shares the glyph made for code 2
    new_glyphs, new_advance, new_outline = _program(with_own_advances(data, wanted))
    assert [new_advance(glyph) for glyph in new_glyphs] == wanted
    assert all(new_outline(new) == outline(old) for new, old in zip(new_glyphs, glyphs))
    assert outline(glyphs[2])  # a real outline, drawn through the composite
    assert new_glyphs[2] == new_glyphs[5] != glyphs[2] and new_glyphs[1] != glyphs[1]
    assert [new_glyphs[i] for i in (0, 3, 6)] == [glyphs[i] for i in (0, 3, 6)]  # unchanged widths keep their glyph
    assert with_own_advances(data, [advance(glyph) for glyph in glyphs]) == data
