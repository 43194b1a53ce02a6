"""A wheel carries the fonts, templates and default briefs, so `pip install` without the checkout works."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

from briefgen.resources import bundled

from conftest import ROOT


def test_bundled_resources_are_the_top_level_folders_people_edit() -> None:
    for name in ("fonts", "templates", "briefs"):
        assert bundled(name) == ROOT / name


def test_wheel_holds_every_bundled_file(tmp_path: Path) -> None:
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--wheel-dir", str(tmp_path), str(ROOT)],
                   check=True, capture_output=True)
    (wheel,) = tmp_path.glob("briefgen-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    tracked = subprocess.run(["git", "ls-files", "fonts", "templates", "briefs"], cwd=ROOT, check=True,
                             capture_output=True, text=True).stdout.split()
    assert tracked
    missing = [path for path in tracked if f"briefgen/_data/{path}" not in names]
    assert not missing
