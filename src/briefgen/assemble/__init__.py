"""Assembly: curated facts + section templates → one format-neutral Brief.

Names are imported on first use: a batch whose outputs are all fresh needs
`BriefSpec` and `default_specs`, not Jinja2, markdown-it and the assembler.
"""

from __future__ import annotations

import importlib

_LAZY = {
    "assemble": ".build",
    "BriefSpec": ".specs", "default_templates_dir": ".specs", "briefs_style": ".specs", "default_specs": ".specs",
}


def __getattr__(name: str):
    if name in _LAZY:
        value = getattr(importlib.import_module(_LAZY[name], __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["BriefSpec", "assemble", "briefs_style", "default_specs", "default_templates_dir"]
