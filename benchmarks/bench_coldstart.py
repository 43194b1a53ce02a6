"""A cold `briefgen build` of one brief against Typst compiling the same brief, each as a fresh process.

    python benchmarks/bench_coldstart.py [--runs 5] [--lang en]

Typst is the `typst` PyPI package (Python bindings bundling the compiler;
`pip install 'briefgen[bench]'`); its document is generated from the same
Brief (title, headings, paragraphs, bullets, the bundled fonts), so both do
the same typesetting work. briefgen is timed with the parsed-corpus cache
cold (BRIEFGEN_CORPUS_CACHE=off: every file parsed) and warm (the usual
case after the first run). Prints the median of --runs runs each, and the
import floor: a fresh interpreter that only imports the libraries a PDF
build stands on (PyYAML, pydantic, Jinja2, markdown-it, ReportLab,
uharfbuzz, ICU, pikepdf, Typer) and does no work, the least any cold
`build` on this stack can take.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FLOOR = ("import yaml, pydantic, jinja2, markdown_it, reportlab.pdfgen.canvas, reportlab.pdfbase.ttfonts, "
         "uharfbuzz, icu, pikepdf, typer")
TYPST_SPECIAL = str.maketrans({c: "\\" + c for c in "\\#[]*_`$@<>~=-+/\"'"})


def typst_source(lang: str) -> str:
    """The KZ country brief as Typst markup, from the Brief model itself."""
    from briefgen.assemble import BriefSpec
    from briefgen.brief import BulletList, Heading, Paragraph
    from briefgen.facts import load_corpus
    from briefgen.pipeline import make_brief

    brief = make_brief(load_corpus(ROOT / "briefs"), BriefSpec(kind="country", subject="KZ", lang=lang))

    def text(paragraph) -> str:
        return "".join(getattr(i, "text", getattr(i, "label", "")) for i in paragraph.inlines).translate(TYPST_SPECIAL)

    rtl = brief.meta.direction == "rtl"
    lines = ['#set page(paper: "a4", margin: 2cm, footer: context align(center)[#counter(page).display("1 / 1", both: true)])',
             f'#set text(font: ("{"Amiri" if rtl else "Noto Sans"}", "Noto Sans"), size: 10.5pt, lang: "{lang}", '
             f'dir: {"rtl" if rtl else "ltr"})',
             f'#set par(justify: {"true" if rtl else "false"})', "", f"#title[{brief.meta.title.translate(TYPST_SPECIAL)}]", ""]
    for block in brief.blocks():
        if isinstance(block, Heading):
            lines += [f"{'=' * block.level} {text(block)}", ""]
        elif isinstance(block, Paragraph):
            lines += [text(block), ""]
        elif isinstance(block, BulletList):
            lines += [f"- {text(item)}" for item in block.items] + [""]
    return "\n".join(lines)


def timed(args: list[str], env: dict | None = None) -> float:
    start = time.perf_counter()
    subprocess.run(args, check=True, capture_output=True, env={**os.environ, **(env or {})})
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--lang", default="en")
    options = parser.parse_args()
    briefgen = [str(Path(sys.executable).parent / "briefgen")]
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        build = briefgen + ["build", "--country", "KZ", "--lang", options.lang, "-f", "pdf", "-o", str(out / "b.pdf")]
        cold = [timed(build, {"BRIEFGEN_CORPUS_CACHE": "off"}) for _ in range(options.runs)]
        timed(build)  # fills the corpus cache
        warm = [timed(build) for _ in range(options.runs)]
        print(f"briefgen build (KZ, {options.lang}, PDF): corpus parsed {statistics.median(cold):.2f} s, "
              f"corpus cached {statistics.median(warm):.2f} s")
        floor = statistics.median(timed([sys.executable, "-c", FLOOR]) for _ in range(options.runs))
        print(f"import floor (python -c '{FLOOR}'): {floor:.2f} s")
        try:
            import typst  # noqa: F401
        except ImportError:
            print("typst: not installed (pip install 'briefgen[bench]'); no comparison")
            return
        source = out / "brief.typ"
        source.write_text(typst_source(options.lang), encoding="utf-8")
        compile_ = [sys.executable, "-c", "import sys, typst; typst.compile(sys.argv[1], output=sys.argv[2], "
                    "font_paths=[sys.argv[3]], ignore_system_fonts=True)", str(source), str(out / "t.pdf"), str(ROOT / "fonts")]
        typst_times = [timed(compile_) for _ in range(options.runs)]
        t = statistics.median(typst_times)
        print(f"typst compile, fresh process (python -c 'import typst; typst.compile(...)'): {t:.2f} s")
        print(f"ratio: parsed {statistics.median(cold) / t:.1f}x, cached {statistics.median(warm) / t:.1f}x, "
              f"import floor alone {floor / t:.1f}x (target ≤ 3x)")


if __name__ == "__main__":
    main()
