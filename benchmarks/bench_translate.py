"""Throughput of the translation stage against raw CTranslate2 on the same sentences and model.

    PYTHONPATH=src python benchmarks/bench_translate.py [--package DIR] [--repeat 3] [--limit N]

Sentences are the English texts of the curated facts, translated en→ru.

1. Stage vs raw: the stage (Translator.resolve without cache: glossary
   placeholders, sentence splitting, one batched engine call, restoring,
   number checks) against SentencePiece encode + `translate_batch` + decode
   with the same decoding options. The model is an installed package given
   with --package, or else a Transformer-base-sized model (6+6 layers,
   d=512, 8 heads, SentencePiece vocabulary trained on the corpus) with
   random weights that never emits </s>, so both sides decode exactly
   --steps tokens per sentence: the same work as a real model of that size.
2. Import time and peak memory of the direct path vs `argostranslate.translate`.
3. Stage vs `argostranslate.translate` (one call per text, its sentence
   splitter stubbed because the MiniSBD model it downloads at first use is
   unreachable offline) on the same random model.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "tests")]

from briefgen.facts import load_corpus  # noqa: E402
from briefgen.translate import ArgosEngine, Glossary, Request, Translator  # noqa: E402
from briefgen.translate.sentences import split_sentences  # noqa: E402

IMPORT_PROBE = """
import re, sys, time
start = time.perf_counter()
{imports}
seconds = time.perf_counter() - start
peak = int(re.search(r"VmHWM:\\s+(\\d+)", open("/proc/self/status").read()).group(1)) // 1024
print(round(seconds, 2), peak, "torch" in sys.modules)
"""

ARGOS_PROBE = """
import json, sys, time
from argostranslate import sbd, translate
texts = json.load(sys.stdin)
translation = translate.get_translation_from_codes("en", "ru")
try:
    translation.translate(texts[0])
    offline = "ok"
except Exception as error:
    offline = type(error).__name__ + ": " + str(error).splitlines()[0][:80]
sbd.MiniSBDSentencizer.split_sentences = lambda self, text: [text]
translation.translate(texts[0])
start = time.perf_counter()
for text in texts:
    translation.translate(text)
print(json.dumps({"seconds": time.perf_counter() - start, "offline": offline}))
"""


def base_sized_package(workdir: Path, lines: list[str], vocab_size: int = 8000) -> Path:
    """A Transformer-base-sized en→ru Argos package with random weights that never ends a sentence early."""
    import sentencepiece as spm
    from ctranslate2.specs import TransformerSpec

    model = io.BytesIO()
    spm.SentencePieceTrainer.train(sentence_iterator=iter(lines), model_writer=model, vocab_size=vocab_size,
                                   hard_vocab_limit=False, minloglevel=2, num_threads=2)
    processor = spm.SentencePieceProcessor(model_proto=model.getvalue())
    vocab = [processor.id_to_piece(i) for i in range(processor.get_piece_size())]
    spec = TransformerSpec.from_config(num_layers=6, num_heads=8)
    rng = np.random.default_rng(0)
    width = 512

    def linear(layer, rows: int, cols: int = width) -> None:
        layer.weight = rng.normal(0, 0.05, (rows, cols)).astype(np.float32)
        layer.bias = np.zeros(rows, dtype=np.float32)

    def norm(layer) -> None:
        layer.gamma, layer.beta = np.ones(width, dtype=np.float32), np.zeros(width, dtype=np.float32)

    for stack in (spec.encoder, spec.decoder):
        embeddings = stack.embeddings[0] if isinstance(stack.embeddings, list) else stack.embeddings
        embeddings.weight = rng.normal(0, 0.05, (len(vocab), width)).astype(np.float32)
        norm(stack.layer_norm)
        for layer in stack.layer:
            norm(layer.self_attention.layer_norm)
            linear(layer.self_attention.linear[0], 3 * width)
            linear(layer.self_attention.linear[1], width)
            if hasattr(layer, "attention"):
                norm(layer.attention.layer_norm)
                linear(layer.attention.linear[0], width)
                linear(layer.attention.linear[1], 2 * width)
                linear(layer.attention.linear[2], width)
            norm(layer.ffn.layer_norm)
            linear(layer.ffn.linear_0, 4 * width)
            linear(layer.ffn.linear_1, width, 4 * width)
    spec.decoder.projection.weight = rng.normal(0, 0.05, (len(vocab), width)).astype(np.float32)
    bias = np.zeros(len(vocab), dtype=np.float32)
    bias[vocab.index("</s>")] = -1e4
    spec.decoder.projection.bias = bias
    spec.register_source_vocabulary(vocab)
    spec.register_target_vocabulary(vocab)
    spec.validate()
    spec.optimize(quantization="int8")
    package = workdir / "base" / "translate-en_ru-0_1"
    (package / "model").mkdir(parents=True)
    spec.save(str(package / "model"))
    (package / "sentencepiece.model").write_bytes(model.getvalue())
    (package / "metadata.json").write_text(json.dumps({"package_version": "0.1", "from_code": "en", "to_code": "ru"}))
    return package.parent


def best_of(repeat: int, run) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def raw_ctranslate2(engine: ArgosEngine, model, sentences: list[str]) -> None:
    loaded = engine._load(model)
    tokens = loaded.tokenizer.encode(sentences, out_type=str)
    results = loaded.translator.translate_batch(
        tokens, beam_size=engine.beam_size, max_batch_size=engine.max_batch_size,
        max_decoding_length=engine.max_decoding_length, replace_unknowns=True, length_penalty=0.2)
    loaded.tokenizer.decode([r.hypotheses[0] for r in results])


def stage_vs_raw(engine: ArgosEngine, glossary: Glossary, sentences: list[str], repeat: int) -> tuple[float, float]:
    model = next(m for m in engine.models() if (m.source, m.target) == ("en", "ru"))
    requests = [Request("en", "ru", s) for s in sentences]
    raw_ctranslate2(engine, model, sentences[:8])
    raw = best_of(repeat, lambda: raw_ctranslate2(engine, model, sentences))
    stage = best_of(repeat, lambda: Translator(engine, glossary).resolve(requests))
    return len(sentences) / raw, len(sentences) / stage


def import_cost(imports: str) -> str:
    out = subprocess.run([sys.executable, "-c", IMPORT_PROBE.format(imports=imports)], capture_output=True, text=True,
                         env={**os.environ, "HOME": tempfile.mkdtemp()}).stdout.split()
    return f"{out[0]} s, peak RSS {out[1]} MiB, torch loaded: {out[2]}" if out else "failed"


def argostranslate_throughput(packages: Path, sentences: list[str]) -> dict:
    home = Path(tempfile.mkdtemp())
    env = {**os.environ, "HOME": str(home), "XDG_DATA_HOME": str(home / "data"), "XDG_CACHE_HOME": str(home / "cache"),
           "XDG_CONFIG_HOME": str(home / "config"), "ARGOS_PACKAGES_DIR": str(packages)}
    result = subprocess.run([sys.executable, "-c", ARGOS_PROBE], input=json.dumps(sentences), capture_output=True,
                            text=True, env=env)
    return json.loads(result.stdout) if result.returncode == 0 else {"error": result.stderr.strip().splitlines()[-1]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--package", type=Path, help="an installed en→ru Argos package directory (default: base-sized random model)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--limit", type=int, default=96, help="number of sentences")
    parser.add_argument("--steps", type=int, default=48, help="decoded tokens per sentence for the random model")
    args = parser.parse_args()

    corpus = load_corpus()
    english = [s for fact in corpus.facts.values() for s, _ in split_sentences(fact.text["en"].text, "en")]
    sentences = list(dict.fromkeys(english))[:args.limit]
    glossary = Glossary.from_corpus(corpus, extra=ROOT / "briefs" / "glossary.yaml")
    workdir = Path(tempfile.mkdtemp())

    if args.package:
        packages, label, engine = args.package.parent, f"package {args.package.name}", ArgosEngine([args.package.parent])
    else:
        lines = [t.text for fact in corpus.facts.values() for t in fact.text.values()]
        packages = base_sized_package(workdir, lines)
        label = f"base-sized random model (6+6 layers, d=512, int8), {args.steps} tokens per sentence"
        engine = ArgosEngine([packages], max_decoding_length=args.steps)
    raw, stage = stage_vs_raw(engine, glossary, sentences, args.repeat)
    print(f"{label}; {len(sentences)} sentences, beam {engine.beam_size}, best of {args.repeat}")
    print(f"  raw CTranslate2 (SentencePiece + translate_batch): {raw:7.1f} sentences/s")
    print(f"  translation stage (glossary, checks, batching):    {stage:7.1f} sentences/s = {100 * stage / raw:.0f}% of raw")

    print(f"import ctranslate2, sentencepiece, sentencex: {import_cost('import ctranslate2, sentencepiece, sentencex')}")
    print(f"import argostranslate.translate:              {import_cost('import argostranslate.translate')}")

    if args.package:
        return
    subset = sentences[:24]
    full_length = ArgosEngine([packages])
    _, stage_full = stage_vs_raw(full_length, glossary, subset, 1)
    argos = argostranslate_throughput(packages, subset)
    print(f"same model decoding to CTranslate2's default 256 tokens (argostranslate cannot lower it); {len(subset)} sentences:")
    print(f"  translation stage, one batched call:    {stage_full:7.2f} sentences/s")
    if "seconds" in argos:
        print(f"  argostranslate.translate, one per text: {len(subset) / argos['seconds']:7.2f} sentences/s"
              f" (offline first use without the stub: {argos['offline']})")
    else:
        print(f"  argostranslate.translate: {argos['error']}")

if __name__ == "__main__":
    main()
