"""Start-up imports only what a command uses: `briefgen --help` and a batch whose outputs are all
fresh never load the writers (ReportLab, python-docx, HarfBuzz), the assembler (Jinja2, markdown-it)
or Babel. Checked in a fresh interpreter, by the modules it has loaded."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "briefs"
WRITERS = ("reportlab", "docx", "uharfbuzz", "icu", "babel", "jinja2", "markdown_it", "briefgen.assemble.build",
           "briefgen.render.pdf", "briefgen.render.docx", "briefgen.translate")


def loaded_after(code: str, tmp_path: Path) -> set[str]:
    """The modules a fresh interpreter has loaded after running `code`."""
    script = code + "\nimport json, sys\nprint(json.dumps(sorted(sys.modules)), file=sys.__stderr__)"
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=tmp_path, timeout=120)
    return set(json.loads(done.stderr.strip().splitlines()[-1]))


def heavy(modules: set[str], allowed: tuple[str, ...] = ()) -> list[str]:
    return sorted(m for m in modules
                  if any(m == name or m.startswith(name + ".") for name in WRITERS if name not in allowed))


def test_importing_the_command_line_loads_no_writer_or_assembler(tmp_path: Path) -> None:
    modules = loaded_after("import briefgen.cli.app", tmp_path)
    assert "briefgen.cli.app" in modules
    assert heavy(modules) == []
    assert "pydantic" not in modules and "yaml" not in modules


def test_help_loads_no_writer_or_assembler(tmp_path: Path) -> None:
    modules = loaded_after("from briefgen.cli.app import run\nassert run(['--help']) == 0\n"
                           "assert run(['batch', '--help']) == 0", tmp_path)
    assert heavy(modules, allowed=("markdown_it",)) == []  # Typer's rich help reads markdown through it


def test_an_unchanged_batch_loads_no_writer_or_assembler(tmp_path: Path) -> None:
    out = tmp_path / "out"
    command = (f"from briefgen.cli.app import run\n"
               f"assert run(['batch', '--data', {str(DATA)!r}, '--out', {str(out)!r}, '-f', 'md', '-j', '1']) == 0")
    first = loaded_after(command, tmp_path)
    assert "briefgen.assemble.build" in first  # the first run builds every brief
    assert heavy(loaded_after(command, tmp_path)) == []  # the second finds every output fresh
