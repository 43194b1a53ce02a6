"""What an output is built from, as digests.

Two levels, so an unchanged batch costs almost nothing and an edit rebuilds
only what it changes:

- `inputs_digest`: every input file (data, templates, fonts, code) and the
  options. When it matches what an intact output was last checked against,
  the output is fresh without even reading the facts.
- `brief_fingerprint`: the assembled Brief itself (every fact, conflict,
  name, label and date it shows, after translation), the format, its writer
  options (the house style and an organisation's style merged over it, logo
  bytes included), and the fonts and code that draw it. The writers see nothing else,
  so equal fingerprints mean equal bytes, whatever the rules that chose the
  brief's facts: a fact edit re-renders exactly the briefs that show it.
"""

from __future__ import annotations

import functools
import hashlib
import os
from pathlib import Path

from .. import __version__
from ..brief import Brief
from ..pipeline import Options
from ..resources import PACKAGE_DIR, bundled
from .cache import tree_digest


@functools.lru_cache(maxsize=1)
def environment_digest() -> str:
    """briefgen's code and version and the bundled fonts: what turns a Brief into bytes."""
    digest = hashlib.sha256(__version__.encode())
    for file in sorted(PACKAGE_DIR.rglob("*.py")):
        if "_data" in file.relative_to(PACKAGE_DIR).parts:
            continue
        digest.update(str(file.relative_to(PACKAGE_DIR)).encode())
        digest.update(hashlib.sha256(file.read_bytes()).digest())
    digest.update(tree_digest(bundled("fonts")).encode())
    return digest.hexdigest()


def writer_settings(fmt: str, options: Options) -> str:
    """The options and environment a writer reads besides the Brief."""
    from ..render import writer

    embed = "embed_fonts" in writer(fmt).options and options.embed_fonts
    style = options.style_fingerprint() if "style" in writer(fmt).options else ""
    return (f"{fmt}|embed_fonts={embed}|style={style}"
            f"|SOURCE_DATE_EPOCH={os.environ.get('SOURCE_DATE_EPOCH', '').strip()}")


def inputs_digest(data_dir: Path, templates_dir: Path, options: Options) -> str:
    shared = tree_digest(data_dir, templates_dir)
    settings = (f"{options.allow_missing}|{options.translate}|{options.embed_fonts}|{options.style_fingerprint()}"
                f"|{os.environ.get('SOURCE_DATE_EPOCH', '').strip()}")
    return hashlib.sha256(f"{shared}|{environment_digest()}|{settings}".encode()).hexdigest()


def brief_fingerprint(brief: Brief, fmt: str, options: Options, environment: str) -> str:
    digest = hashlib.sha256(brief.model_dump_json().encode("utf-8"))
    digest.update(f"|{writer_settings(fmt, options)}|{environment}".encode())
    return digest.hexdigest()
