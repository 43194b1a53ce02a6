"""Genuine, tiny Argos Translate packages built from scratch for the tests.

A real package is a zip holding metadata.json, a CTranslate2 model directory
and a SentencePiece model; the code under test loads exactly those files. The
CTranslate2 Transformer here has hand-set weights instead of trained ones: its
cross-attention looks at the source position equal to the decoder step, and
its output layer maps the attended source piece through a lexicon. So the
model "translates" piece by piece (words of the lexicon become their
translation, every other piece is copied) and its output is predictable,
deterministic and produced by the same CTranslate2 decoding as a real model,
including `replace_unknowns` copying of pieces outside the vocabulary.

`build_package(..., drop_unknown=True)` makes a lossy model that turns every
out-of-vocabulary piece (placeholders included) into a word, so tests can see
how the pipeline flags a translation that lost a number or a name.
"""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path
from typing import Iterable, Mapping

import numpy as np

MAX_POSITIONS = 512

AR_EN = {
    "قال": "said", "إن": "that", "التجارة": "trade", "زادت": "grew", "إلى": "to", "مليار": "billion",
    "دولار": "dollars", "في": "in", "عام": "year", "مع": "with", "التقى": "met", "الرئيس": "President",
    "مليون": "million", "بنسبة": "by", "المئة": "percent", "و": "and",
}
EN_RU = {
    "said": "заявил", "that": "что", "trade": "торговля", "grew": "выросла", "to": "до", "billion": "млрд",
    "dollars": "долларов", "in": "в", "year": "году", "with": "с", "met": "встретился", "President": "президент",
    "million": "млн", "by": "на", "percent": "процентов", "and": "и",
}
EN_AR = {en: ar for ar, en in AR_EN.items()}
TRAINING_LINES = [
    " ".join([*AR_EN, *EN_RU, *EN_RU.values()]),
    "Prime Minister Sanae Takaichi launched the Tokyo Initiative with Central Asia and Kazakhstan .",
    "أعلنت رئيسة الوزراء عن إطلاق مبادرة طوكيو مع آسيا الوسطى وكازاخستان .",
    "Премьер-министр объявила о запуске инициативы с Центральной Азией и Казахстаном .",
    "0 1 2 3 4 5 6 7 8 9 , . ; : ( ) % - + « » ، ؟",
]


def train_sentencepiece(lexicon_words: Iterable[str]) -> bytes:
    """A unigram SentencePiece model whose lexicon words are single pieces."""
    import sentencepiece as spm

    model = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(TRAINING_LINES * 4), model_writer=model, model_type="unigram",
        vocab_size=200, hard_vocab_limit=False, character_coverage=1.0,
        user_defined_symbols=sorted(set(lexicon_words)), minloglevel=2, num_threads=1,
    )
    return model.getvalue()


def lexicon_transformer(vocab: list[str], lexicon: Mapping[str, str], *, drop_unknown: bool = False):
    """A one-layer Transformer spec that outputs lexicon[piece] (or the piece) for each source piece.

    Residual layout: [token one-hot | position one-hot | copied-token one-hot].
    Everything but the encoder-decoder attention and the output layer is zero,
    so each sublayer adds nothing to the residual stream.
    """
    from ctranslate2.specs import TransformerSpec

    size = len(vocab)
    index = {piece: i for i, piece in enumerate(vocab)}
    positions, copied = size, size + MAX_POSITIONS
    width = 2 * size + MAX_POSITIONS
    spec = TransformerSpec.from_config(num_layers=1, num_heads=1)
    spec.config.add_source_eos = True

    def zeros(*shape: int) -> np.ndarray:
        return np.zeros(shape, dtype=np.float32)

    def norm(layer) -> None:
        layer.gamma = np.ones(width, dtype=np.float32)
        layer.beta = zeros(width)

    def linear(layer, rows: int) -> None:
        layer.weight = zeros(rows, width)
        layer.bias = zeros(rows)

    def ffn(block) -> None:
        norm(block.layer_norm)
        block.linear_0.weight, block.linear_0.bias = zeros(8, width), zeros(8)
        block.linear_1.weight, block.linear_1.bias = zeros(width, 8), zeros(width)

    position_rows = zeros(MAX_POSITIONS, width)
    position_rows[np.arange(MAX_POSITIONS), positions + np.arange(MAX_POSITIONS)] = 1.0
    for stack in (spec.encoder, spec.decoder):
        stack.scale_embeddings = False
        embeddings = stack.embeddings[0] if isinstance(stack.embeddings, list) else stack.embeddings
        embeddings.weight = np.eye(size, width, dtype=np.float32)
        stack.position_encodings.encodings = position_rows.copy()
        norm(stack.layer_norm)
        layer = stack.layer[0]
        norm(layer.self_attention.layer_norm)
        linear(layer.self_attention.linear[0], 3 * width)
        linear(layer.self_attention.linear[1], width)
        ffn(layer.ffn)

    cross = spec.decoder.layer[0].attention
    norm(cross.layer_norm)
    on_position = np.arange(MAX_POSITIONS) + positions
    linear(cross.linear[0], width)
    cross.linear[0].weight[on_position, on_position] = 4.0
    linear(cross.linear[1], 2 * width)
    cross.linear[1].weight[on_position, on_position] = 4.0
    cross.linear[1].weight[width + copied + np.arange(size), np.arange(size)] = 1.0
    linear(cross.linear[2], width)
    cross.linear[2].weight[:, :] = np.eye(width, dtype=np.float32)

    projection = zeros(size, width)
    for piece, i in index.items():
        target = lexicon.get(piece, piece)
        if drop_unknown and piece == "<unk>":
            target = "▁"
        projection[index.get(target, i), copied + i] = 20.0
    spec.decoder.projection.weight = projection
    spec.decoder.projection.bias = zeros(size)
    spec.register_source_vocabulary(vocab)
    spec.register_target_vocabulary(vocab)
    spec.validate()
    spec.optimize(quantization="int8")
    return spec


def build_package(
    out_dir: Path, from_code: str, to_code: str, lexicon: Mapping[str, str], *,
    version: str = "1.0", drop_unknown: bool = False,
) -> Path:
    """Write `translate-<from>_<to>-<version>.argosmodel` into out_dir and return its path."""
    import sentencepiece as spm

    sp_bytes = train_sentencepiece([*lexicon, *lexicon.values()])
    processor = spm.SentencePieceProcessor(model_proto=sp_bytes)
    vocab = [processor.id_to_piece(i) for i in range(processor.get_piece_size())]
    stem = f"translate-{from_code}_{to_code}-{version.replace('.', '_')}"
    package_dir = out_dir / "build" / stem
    (package_dir / "model").mkdir(parents=True, exist_ok=True)
    lexicon_transformer(vocab, lexicon, drop_unknown=drop_unknown).save(str(package_dir / "model"))
    (package_dir / "sentencepiece.model").write_bytes(sp_bytes)
    metadata = {
        "package_version": version, "argos_version": "1.5", "from_code": from_code, "to_code": to_code,
        "from_name": from_code, "to_name": to_code, "type": "translate", "links": [],
    }
    (package_dir / "metadata.json").write_text(json.dumps(metadata, indent=1), encoding="utf-8")
    archive = out_dir / f"{stem}.argosmodel"
    with zipfile.ZipFile(archive, "w") as zipped:
        for path in sorted(package_dir.rglob("*")):
            zipped.write(path, Path(stem) / path.relative_to(package_dir))
    return archive


# -- pytest fixtures ------------------------------------------------------------

import dataclasses  # noqa: E402

import pytest  # noqa: E402


@dataclasses.dataclass(frozen=True)
class ArgosSetup:
    """Installed test packages: ar→en, en→ru, en→ar in `packages`; a lossy en→ru in `lossy`."""

    packages: Path
    lossy: Path
    archives: dict[str, Path]


_SETUP: list[ArgosSetup] = []


def _install(archive: Path, packages_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from argostranslate import package, settings

    monkeypatch.setattr(settings, "package_data_dir", packages_dir)
    monkeypatch.setattr(settings, "package_dirs", [packages_dir])
    package.install_from_path(archive)


@pytest.fixture(scope="session")
def argos(tmp_path_factory: pytest.TempPathFactory):
    """Tiny genuine packages installed with argostranslate into an isolated data directory."""
    if _SETUP:
        yield _SETUP[0]
        return
    root = tmp_path_factory.mktemp("argos")
    with pytest.MonkeyPatch.context() as monkeypatch:
        for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
            monkeypatch.setenv(name, str(root / name.lower()))
        monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(root / "packages"))
        monkeypatch.setenv("ARGOS_DEVICE_TYPE", "cpu")
        archives = {
            "ar_en": build_package(root / "dist", "ar", "en", AR_EN),
            "en_ru": build_package(root / "dist", "en", "ru", EN_RU),
            "en_ar": build_package(root / "dist", "en", "ar", EN_AR),
            "lossy_en_ru": build_package(root / "dist" / "lossy", "en", "ru", EN_RU, version="0.9", drop_unknown=True),
        }
        for name in ("ar_en", "en_ru", "en_ar"):
            _install(archives[name], root / "packages", monkeypatch)
        _install(archives["lossy_en_ru"], root / "lossy", monkeypatch)
        monkeypatch.setattr("argostranslate.settings.package_data_dir", root / "packages")
        monkeypatch.setattr("argostranslate.settings.package_dirs", [root / "packages"])
        _SETUP.append(ArgosSetup(root / "packages", root / "lossy", archives))
        yield _SETUP[0]
        _SETUP.clear()
