"""The house style sheet: merging a user's style over it, and one clear error per bad key."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from briefgen.errors import InputError
from briefgen.style import house_style, load_style

PNG_1PX = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360f8cfc0f01f0005010200a72f6b3f0000000049454e44ae426082"
)


def _style(tmp_path: Path, text: str) -> Path:
    file = tmp_path / "style.yaml"
    file.write_text(text, encoding="utf-8")
    return file


def test_house_style_loads_and_names_every_role_colour():
    style = house_style()
    assert style.page.size == "A4"
    assert style.color(style.role("h1").color) == style.colors["accent"]


def test_branding_merges_key_by_key(tmp_path):
    (tmp_path / "img").mkdir()
    (tmp_path / "img" / "logo.png").write_bytes(PNG_1PX)
    file = _style(tmp_path, 'organisation:\n  name: Policy Planning Unit\n  logo: img/logo.png\n'
                            'marking: FOR OFFICIAL USE ONLY\ncolors:\n  accent: "#8b1a1a"\npage:\n  size: Letter\n')
    style = load_style(file)
    house = house_style()
    assert style.organisation.name == "Policy Planning Unit"
    assert style.organisation.logo == (tmp_path / "img" / "logo.png").resolve()
    assert style.marking == "FOR OFFICIAL USE ONLY"
    assert style.colors["accent"] == "#8B1A1A"
    assert style.colors["ink"] == house.colors["ink"]  # untouched keys keep the house values
    assert style.page.size == "Letter" and style.page.size_mm == (215.9, 279.4)
    assert style.page.margins_mm == house.page.margins_mm
    assert style.fingerprint() != house.fingerprint()


def test_logo_bytes_are_part_of_the_fingerprint(tmp_path):
    logo = tmp_path / "logo.png"
    logo.write_bytes(PNG_1PX)
    file = _style(tmp_path, "organisation:\n  logo: logo.png\n")
    first = load_style(file).fingerprint()
    logo.write_bytes(PNG_1PX + b"\0")
    assert load_style(file).fingerprint() != first


@pytest.mark.parametrize("text, message", [
    ('colours:\n  accent: "#8B1A1A"\n', "style.yaml:1: unknown style key 'colours' (did you mean 'colors'?)"),
    ('colors:\n  accent: "#8B1A1"\n', "style.yaml:2: style key 'colors.accent': '#8B1A1' is not a colour"),
    ("page:\n  size: Legal\n", "style.yaml:2: style key 'page.size': Input should be 'A4' or 'Letter'"),
    ("organisation:\n  logo: missing.png\n", "style.yaml:2: style key 'organisation.logo': no file"),
    ("roles:\n  h1: {color: crimson}\n", "style.yaml:2: style key 'roles.h1.color': 'crimson' is neither"),
    ("roles:\n  h4: {size: 1}\n", "style.yaml:2: unknown style key 'roles.h4'"),
    ("- a\n- b\n", "style.yaml:1: a style file is a mapping"),
])
def test_bad_style_is_one_error_naming_file_line_and_key(tmp_path, text, message):
    with pytest.raises(InputError) as caught:
        load_style(_style(tmp_path, text))
    assert message in str(caught.value)
    assert "\n" not in str(caught.value)


def test_logo_must_be_an_image(tmp_path):
    (tmp_path / "logo.png").write_text("not an image")
    with pytest.raises(InputError, match="logo.png is not a PNG or JPEG image"):
        load_style(_style(tmp_path, "organisation:\n  logo: logo.png\n"))


def test_style_show_prints_the_effective_style(tmp_path):
    file = _style(tmp_path, 'colors:\n  accent: "#8B1A1A"\n')
    shown = subprocess.run([sys.executable, "-m", "briefgen", "style", "show", "--style", str(file)],
                           capture_output=True, text=True, check=True).stdout
    assert "accent: '#8B1A1A'" in shown and "size: A4" in shown
    bad = _style(tmp_path, "colours: {}\n")
    result = subprocess.run([sys.executable, "-m", "briefgen", "style", "show", "--style", str(bad)],
                            capture_output=True, text=True)
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert result.stderr.strip() == f"error: {bad}:1: unknown style key 'colours' (did you mean 'colors'?)"


def test_a_loaded_style_travels_whole(tmp_path):
    """The logo's bytes are in the style: it pickles (to batch workers) and outlives the file."""
    import pickle

    logo = tmp_path / "logo.png"
    logo.write_bytes(PNG_1PX)
    style = load_style(_style(tmp_path, "organisation:\n  name: PPU\n  logo: logo.png\n"))
    logo.unlink()
    copy = pickle.loads(pickle.dumps(style))
    assert copy.organisation.logo_data == PNG_1PX and copy.fingerprint() == style.fingerprint()
