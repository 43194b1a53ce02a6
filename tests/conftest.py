"""Shared fixtures: the real corpus, and a tiny corpus to break on purpose."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "fixtures"))
pytest_plugins = ["argos_fixture"]  # the tiny Argos packages, for the translation tests

SEEDS = ROOT.parent / "shared" / "seeds"

VALID_FACT = """\
- id: t-freight-share
  event: tokyo_summit_2025
  status: held
  countries: [KZ]
  themes: [transport_logistics]
  speaker: tokayev
  kind: statement
  text:
    ar: {text: "أكثر من 80 بالمئة من الشحن البري بين آسيا وأوروبا يمر عبر كازاخستان.", curated: true}
    en: {text: "More than 80% of overland freight between Asia and Europe passes through Kazakhstan.", curated: true}
  figures:
    - number: 80
      unit: percent
      measures: share of Asia-Europe overland freight via Kazakhstan
      qualifier: more_than
      label: {ar: حصة الشحن البري عبر كازاخستان, en: Overland freight via Kazakhstan, ru: Доля сухопутных грузов через Казахстан}
  sources:
    - file: 000_2d1b1e867ba90598.txt
      quote: "أكثر من 80 بالمئة من الشحن البري بين آسيا وأوروبا يمر عبر كازاخستان"
"""


@pytest.fixture(scope="session")
def corpus():
    from briefgen.facts import load_corpus

    return load_corpus(ROOT / "briefs")


@pytest.fixture
def tiny_data(tmp_path: Path) -> Path:
    """A data directory with the real reference files and one valid fact."""
    data = tmp_path / "briefs"
    shutil.copytree(ROOT / "briefs" / "reference", data / "reference")
    (data / "facts").mkdir()
    (data / "facts" / "one.yaml").write_text(VALID_FACT, encoding="utf-8")
    # the brief list without pinned leads: they name facts this one-fact corpus does not have
    briefs = (ROOT / "briefs" / "briefs.yaml").read_text(encoding="utf-8").split("\nleads:\n")[0]
    (data / "briefs.yaml").write_text(briefs + "\n", encoding="utf-8")
    return data
