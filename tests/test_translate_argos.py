"""The Argos engine on installed packages: discovery, batching, sentence splitting, routing, lazy imports."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


from briefgen.translate import ArgosEngine, ModelInfo, find_route

SRC = Path(__file__).resolve().parents[1] / "src"


class CountingBatches:
    """Stands in for a loaded ctranslate2.Translator and counts translate_batch calls."""

    def __init__(self, translator) -> None:
        self.translator, self.calls = translator, []

    def translate_batch(self, tokens, **options):
        self.calls.append(len(tokens))
        return self.translator.translate_batch(tokens, **options)


def test_default_engine_finds_packages_where_argostranslate_installed_them(argos) -> None:
    models = {m.id: m for m in ArgosEngine().models()}
    assert set(models) == {"translate-ar_en-1.0", "translate-en_ru-1.0", "translate-en_ar-1.0"}
    assert models["translate-ar_en-1.0"].path == argos.packages / "translate-ar_en-1_0"
    assert (models["translate-en_ru-1.0"].source, models["translate-en_ru-1.0"].target) == ("en", "ru")


def test_all_texts_and_sentences_go_to_one_batch_call(argos) -> None:
    engine = ArgosEngine([argos.packages])
    model = next(m for m in engine.models() if m.id == "translate-en_ru-1.0")
    loaded = engine._load(model)
    loaded.translator = CountingBatches(loaded.translator)
    texts = ["trade grew. Tokayev met President Mirziyoyev.", "trade grew in year 2024.", "said that"]
    assert engine.translate(model, texts) == [
        "торговля выросла. Tokayev встретился президент Mirziyoyev.", "торговля выросла в году 2024.", "заявил что"]
    assert loaded.translator.calls == [4]


def test_fingerprint_changes_when_package_files_change(argos, tmp_path: Path) -> None:
    import shutil

    copy = tmp_path / "packages"
    shutil.copytree(argos.packages, copy)
    before = {m.id: m.fingerprint for m in ArgosEngine([copy]).models()}
    metadata = copy / "translate-en_ru-1_0" / "metadata.json"
    metadata.write_text(metadata.read_text(encoding="utf-8").replace('"to_name": "ru"', '"to_name": "Russian"'), encoding="utf-8")
    after = {m.id: m.fingerprint for m in ArgosEngine([copy]).models()}
    assert before["translate-en_ru-1.0"] != after["translate-en_ru-1.0"]
    assert before["translate-ar_en-1.0"] == after["translate-ar_en-1.0"]


def model(source: str, target: str, version: str = "1.0") -> ModelInfo:
    return ModelInfo(f"translate-{source}_{target}-{version}", source, target, version, "f")


def test_routes_prefer_direct_then_pivot_then_none() -> None:
    models = [model("ar", "en"), model("en", "ru"), model("ar", "fr"), model("fr", "ru"), model("en", "ru", "1.10")]
    assert find_route(models, "ar", "ru") == (model("ar", "en"), model("en", "ru", "1.10"))
    assert find_route([*models, model("ar", "ru")], "ar", "ru") == (model("ar", "ru"),)
    assert find_route(models, "ar", "ru", pivots=("fr",)) == (model("ar", "fr"), model("fr", "ru"))
    assert find_route(models, "ru", "ar") is None


def test_base_install_without_translation_dependencies() -> None:
    """Everything but translating works when ctranslate2 & co. are not installed."""
    script = """
import sys
class Block:
    def find_spec(self, name, path=None, target=None):
        if name.split('.')[0] in {'ctranslate2', 'sentencepiece', 'argostranslate', 'sentencex', 'torch'}:
            raise ModuleNotFoundError(name)
sys.meta_path.insert(0, Block())
import briefgen.translate as t
from briefgen.errors import TranslationUnavailable
g = t.Glossary.from_mapping({'kz': {'en': 'Kazakhstan', 'ru': 'Казахстан'}})
assert [m.term.id for m in g.find('in Kazakhstan', 'en')] == ['kz']
try:
    t.ArgosEngine().models()
except TranslationUnavailable as error:
    print(error)
"""
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env={"PYTHONPATH": str(SRC)})
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == (
        "machine translation needs the 'translate' extra (missing: ctranslate2, sentencepiece, argostranslate, "
        "sentencex): pip install 'briefgen[translate]'")
