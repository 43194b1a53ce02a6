"""Templates run in Jinja's immutable sandbox: the classic escapes are one error line naming file:line."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from briefgen.assemble import BriefSpec, assemble
from briefgen.errors import BriefgenError

ROOT = Path(__file__).resolve().parents[1]


def _with_line(tmp_path: Path, line: str) -> tuple[Path, Path, int]:
    templates = tmp_path / "templates"
    shutil.copytree(ROOT / "templates", templates)
    section = templates / "country" / "99_hostile.md.j2"  # a section of its own, after all the others
    section.write_text(f"## Hostile\n{line}\n", encoding="utf-8")
    return templates, section, 2


ESCAPES = [
    ("{{ cycler.__init__.__globals__.os.popen('touch MARKER').read() }}", "'cycler' is undefined"),
    ("{{ joiner.__init__.__globals__.os.popen('touch MARKER').read() }}", "'joiner' is undefined"),
    ("{{ lipsum.__globals__['os'].popen('touch MARKER').read() }}", "'lipsum' is undefined"),
    ("{{ ''.__class__.__mro__[1].__subclasses__() }}",
     "not allowed in a template: access to attribute '__class__' of 'str' object is unsafe"),
    ("{{ ''|attr('__class__') }}", "not allowed in a template: access to attribute '__class__' of 'str' object is unsafe"),
    ("{{ fact.__func__.__globals__['os'].popen('touch MARKER').read() }}",
     "not allowed in a template: access to attribute '__func__' of 'method' object is unsafe"),
    ("{{ fact.__self__.corpus }}", "not allowed in a template: access to attribute '__self__' of 'method' object is unsafe"),
    ("{{ namespace.__init__.__globals__ }}", "not allowed in a template: access to attribute '__init__' of 'type' object is unsafe"),
    ("{{ '{0.__class__.__base__}'.format(1) }}",
     "not allowed in a template: access to attribute '__class__' of 'int' object is unsafe"),
    ("{{ self._TemplateReference__context }}",
     "not allowed in a template: access to attribute '_TemplateReference__context' of 'TemplateReference' object is unsafe"),
    ("{{ sel.summary.append(1) }}", "not allowed in a template: access to attribute 'append' of 'list' object is unsafe"),
    ("{% include '../../../etc/passwd' %}",
     "template not found: ../../../etc/passwd (included names are relative to the templates folder)"),
]


@pytest.mark.parametrize("line, message", ESCAPES)
def test_sandbox_escape_is_one_error_naming_template_and_line(corpus, tmp_path: Path, monkeypatch, line: str,
                                                               message: str) -> None:
    monkeypatch.chdir(tmp_path)
    templates, section, number = _with_line(tmp_path, line)
    with pytest.raises(BriefgenError) as caught:
        assemble(corpus, BriefSpec(kind="country", subject="KZ", lang="en"), templates)
    assert str(caught.value) == f"{section}:{number}: {message}"
    assert not (tmp_path / "MARKER").exists()


def test_sandboxed_templates_still_render_every_section(corpus, tmp_path: Path) -> None:
    templates, _, _ = _with_line(tmp_path, "{% for i in range(2) %}{{ dict(a=i)['a'] }}{% endfor %}")
    brief = assemble(corpus, BriefSpec(kind="country", subject="KZ", lang="en"), templates)
    assert any(run.text.strip() == "01" for run in brief.runs())


def test_an_edited_template_is_compiled_afresh_in_the_same_process(corpus, tmp_path: Path) -> None:
    """Compiled templates are kept for the process (a batch worker compiles each once); a template
    edited between two briefs, as between two runs of a schedule, is read and compiled again."""
    templates, section, _ = _with_line(tmp_path, "first wording")
    spec = BriefSpec(kind="country", subject="KZ", lang="en")
    assert any("first wording" in run.text for run in assemble(corpus, spec, templates).runs())
    section.write_text("## Hostile\nsecond wording\n", encoding="utf-8")
    texts = [run.text for run in assemble(corpus, spec, templates).runs()]
    assert any("second wording" in text for text in texts) and not any("first wording" in text for text in texts)
