"""Where the bundled fonts, templates and default briefs are.

They live at the top of the repository, where curators and translators look
for them; `_data/` in the package links to them, so a source checkout, an
editable install and a wheel all find them the same way.
"""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = PACKAGE_DIR / "_data"


def bundled(name: str) -> Path:
    """`fonts`, `templates` or `briefs`, as a real path (error messages then name the file a person edits)."""
    return (DATA_DIR / name).resolve()


def working(name: str, env: str, marker: str) -> Path:
    """$env when set, else ./name when it holds `marker` (a project of one's own), else the bundled one."""
    if value := os.environ.get(env):
        return Path(value)
    here = Path.cwd() / name
    if (here / marker).exists():
        return here
    return bundled(name)
