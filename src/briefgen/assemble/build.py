"""Section templates + selected facts → one Brief.

Each file in templates/<kind>/ is one section, rendered by Jinja2 to
Markdown and parsed into blocks (see markdown.py). Template helpers turn
data into typed runs with provenance and citations, numbered in reading
order.

Templates are edited by policy officers, not programmers, and may come from
anyone's checkout, so they run in Jinja's immutable sandbox: no attribute
starting with `_` (the way out to Python's internals), no calls that change
the data, and only the helpers listed in `_context` plus `range`, `dict` and
`namespace`. Anything else is one error line naming the template file and line.
"""

from __future__ import annotations

import os
from pathlib import Path

import jinja2
from jinja2.sandbox import ImmutableSandboxedEnvironment

from .. import __version__
from ..brief import Brief, Cite, Inline, Metadata, Paragraph, Run, SourceEntry, SourceList, iter_paragraphs
from ..errors import BriefgenError
from ..resources import working
from ..facts.model import Corpus, CuratedText, Fact, Figure, Localized
from .locale import N_, Locale
from .markdown import Numeric, Role, SideTable, to_section
from .select import Selection, latest_date, select
from .specs import BriefSpec, check_subject

LABELS = {
    "page": N_("{page} / {pages}"),
    "draft": N_("DRAFT"),
    "machine": N_("Machine-translated text: check before use"),
    "missing": N_("Not yet translated: shown in the source language"),
    "sources": N_("Sources"),
}
TITLES = {"country": N_("Country brief: {subject}"), "theme": N_("Theme brief: {subject}")}


def _template_position(exc: jinja2.TemplateError, file: Path) -> str:
    """`file:line` of the template text at fault, an included template's when the error is there.

    Syntax errors carry their place; runtime errors (an undefined attribute)
    only show it in the traceback, where Jinja maps frames back to template lines.
    """
    if isinstance(exc, jinja2.TemplateSyntaxError) and exc.lineno:
        return f"{exc.filename or file}:{exc.lineno}"
    place = str(file)
    tb = exc.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename.endswith(".j2"):
            place = f"{tb.tb_frame.f_code.co_filename}:{tb.tb_lineno}"
        tb = tb.tb_next
    return place


# Python errors a template expression can cause; the template's line is what the author needs.
_TEMPLATE_MISTAKES = (TypeError, ValueError, LookupError, ArithmeticError, AttributeError)


class _ContainedLoader(jinja2.FileSystemLoader):
    """Templates from inside the templates folder only: a file there that is a link to one
    elsewhere (/etc/shadow, planted) is refused instead of being printed into a brief."""

    def get_source(self, environment, template):
        source, filename, uptodate = super().get_source(environment, template)
        real = os.path.realpath(filename)
        for root in self.searchpath:
            root = os.path.realpath(root)
            if os.path.commonpath([root, real]) == root:
                return source, filename, uptodate
        raise BriefgenError(f"{filename}: a link to {real}, outside the templates folder; templates are read "
                            f"only from inside it (replace the link with the file itself)")


class _Sandbox(ImmutableSandboxedEnvironment):
    """The immutable sandbox, where an attribute of an undefined name reports the name ('cycler' is undefined)."""

    def getattr(self, obj, attribute):
        if isinstance(obj, jinja2.Undefined):
            obj._fail_with_undefined_error()
        return super().getattr(obj, attribute)

    def getitem(self, obj, argument):
        if isinstance(obj, jinja2.Undefined):
            obj._fail_with_undefined_error()
        return super().getitem(obj, argument)


def _template_problem(exc: jinja2.TemplateError) -> str:
    if isinstance(exc, jinja2.exceptions.SecurityError):
        return f"not allowed in a template: {str(exc).rstrip('.')}"
    if isinstance(exc, jinja2.TemplateNotFound):
        return f"template not found: {exc.name} (included names are relative to the templates folder)"
    return str(exc)


def default_templates_dir() -> Path:
    """templates/ of the working directory, else the bundled one, overridable by BRIEFGEN_TEMPLATES."""
    return working("templates", "BRIEFGEN_TEMPLATES", "country")


def assemble(corpus: Corpus, spec: BriefSpec, templates_dir: Path | None = None) -> Brief:
    templates_dir = Path(templates_dir) if templates_dir is not None else default_templates_dir()
    check_subject(spec, corpus)
    locale = Locale(spec.lang, templates_dir / "locale", spec.digits)
    return _Assembler(corpus, spec, locale, templates_dir).build()


class _Assembler:
    def __init__(self, corpus: Corpus, spec: BriefSpec, locale: Locale, templates_dir: Path) -> None:
        self.corpus = corpus
        self.spec = spec
        self.locale = locale
        self.templates_dir = templates_dir
        self.side = SideTable()
        self.used: set[str] = set()
        self.source_numbers: dict[str, int] = {}
        self.selection: Selection = select(corpus, spec, spec.lang)

    def build(self) -> Brief:
        section_files = sorted((self.templates_dir / self.spec.kind).glob("*.md.j2"))
        if not section_files:
            raise BriefgenError(f"no section templates in {self.templates_dir / self.spec.kind}")
        env = self._environment()
        sections = []
        for file in section_files:
            section_id = file.name.removesuffix(".md.j2").split("_", 1)[-1]
            try:
                markdown = env.get_template(f"{self.spec.kind}/{file.name}").render(self._context())
            except jinja2.TemplateError as exc:
                raise BriefgenError(f"{_template_position(exc, file)}: {_template_problem(exc)}") from None
            except BriefgenError as exc:  # a helper refused what the template asked (a fact placed twice)
                place = _template_position(exc, file)
                raise BriefgenError(str(exc) if str(exc).startswith(f"{place}:") else f"{place}: {exc}") from None
            except _TEMPLATE_MISTAKES as exc:  # {{ fact() }}, {{ 1 / 0 }}, {{ sel.summary[99] }}
                raise BriefgenError(f"{_template_position(exc, file)}: {type(exc).__name__}: {exc}") from None
            try:
                section = to_section(section_id, markdown, self.side, self.spec.lang)
            except BriefgenError as exc:
                raise BriefgenError(f"{file}: {exc}") from None
            if section.blocks:
                sections.append(section)
        unplaced = [f.id for f in self.selection.placed() if f.id not in self.used]
        if unplaced:
            raise BriefgenError(f"{self.spec.id}: templates left facts out: {', '.join(unplaced)}")
        brief = Brief(meta=self._metadata(), sections=sections)
        self._localize_digits(brief)
        return brief

    def _localize_digits(self, brief: Brief) -> None:
        """Arabic-Indic digits everywhere in the brief's own language, once, after assembly."""
        if self.locale.digits == "latn":
            return
        for paragraph in iter_paragraphs(brief):
            for inline in paragraph.inlines:
                if isinstance(inline, Run) and inline.lang == self.spec.lang:
                    inline.text = self.locale.digits_of(inline.text)

    def _environment(self) -> jinja2.Environment:
        env = _Sandbox(
            loader=_ContainedLoader(self.templates_dir),
            undefined=jinja2.StrictUndefined,
            autoescape=False,
            keep_trailing_newline=True,
            trim_blocks=True,
            lstrip_blocks=True,
            extensions=["jinja2.ext.i18n"],
        )
        for unneeded in ("cycler", "joiner", "lipsum"):  # Jinja's default globals that no template uses
            env.globals.pop(unneeded, None)
        env.install_gettext_callables(self.locale.gettext, lambda s, p, n: self.locale.gettext(s if n == 1 else p), newstyle=True)
        return env

    def _context(self) -> dict:
        return {
            "spec": self.spec,
            "sel": self.selection,
            "corpus": self.corpus,
            "subject_name": self._subject_name(),
            "title": self._title(),
            "date_text": self.locale.date(latest_date(self.corpus)),
            "fact": self.fact,
            "text": self.text,
            "cite": self.cite,
            "name": self.name,
            "gen": self.gen,
            "date": self.date,
            "value": self.value,
            "figure_label": self.figure_label,
            "role": lambda r: self.side.put(Role(r)),
            "sources": self.sources,
        }

    # -- template helpers -------------------------------------------------

    def fact(self, fact: Fact) -> str:
        """A fact's text in the brief's language, with its citation; each fact at most once."""
        if fact.id in self.used:
            raise BriefgenError(f"{self.spec.id}: fact {fact.id} placed twice")
        self.used.add(fact.id)
        inlines: list[Inline] = [self._text_run(fact.text, [fact.id]), self._cite(fact)]
        return self.side.put(inlines)

    def text(self, texts: dict[str, CuratedText], facts: list[str] | None = None) -> str:
        return self.side.put([self._text_run(texts, facts or [])])

    def cite(self, fact: Fact | str) -> str:
        fact = self.corpus.facts[fact] if isinstance(fact, str) else fact
        return self.side.put([self._cite(fact)])

    def name(self, names: Localized) -> str:
        return self.gen(self.locale.name(names))

    def gen(self, text: str) -> str:
        return self.side.put([Run(text=text, lang=self.spec.lang, provenance="generated")])

    def date(self, value) -> str:
        return self.gen(self.locale.date(value))

    def value(self, figure: Figure) -> str:
        return self.side.put(Numeric([Run(text=self.locale.figure(figure), lang=self.spec.lang, provenance="generated")]))

    def figure_label(self, fact: Fact, figure: Figure) -> str:
        """What a figure measures: its curated label, else the English description marked untranslated."""
        if self.spec.lang in figure.label:
            return self.side.put([Run(text=figure.label[self.spec.lang], lang=self.spec.lang, provenance="curated", facts=[fact.id])])
        if self.spec.lang == "en":
            return self.side.put([Run(text=_capitalize(figure.measures), lang="en", provenance="curated", facts=[fact.id])])
        return self.side.put([Run(text=_capitalize(figure.measures), lang="en", provenance="missing",
                                  wanted_lang=self.spec.lang, facts=[fact.id])])

    def sources(self) -> str:
        entries = []
        for file, number in sorted(self.source_numbers.items(), key=lambda item: item[1]):
            source = self.corpus.sources[file]
            text = self.locale.gettext("{outlet}, “{title}”, {date} ({file})").format(
                outlet=self.locale.name(source.outlet), title=self.locale.name(source.title),
                date=self.locale.date(source.published), file=self.locale.isolate(file),
            )
            entries.append(SourceEntry(number=number, label=self._label([number]), file=file,
                                       content=Paragraph(inlines=[Run(text=text, lang=self.spec.lang, provenance="generated")])))
        return self.side.put(SourceList(entries=entries))

    # -- building blocks ---------------------------------------------------

    def _text_run(self, texts: dict[str, CuratedText], facts: list[str]) -> Run:
        lang = self.spec.lang
        if lang in texts:
            return Run(text=texts[lang].text, lang=lang, provenance="curated", facts=facts)
        source_lang = "en" if "en" in texts else next(iter(texts))
        return Run(text=texts[source_lang].text, lang=source_lang, provenance="missing", wanted_lang=lang, facts=facts)

    def _cite(self, fact: Fact) -> Cite:
        numbers = []
        for source in fact.sources:
            number = self.source_numbers.setdefault(source.file, len(self.source_numbers) + 1)
            if number not in numbers:
                numbers.append(number)
        numbers.sort()
        return Cite(label=self._label(numbers), numbers=numbers)

    def _label(self, numbers: list[int]) -> str:
        separator = "، " if self.spec.lang == "ar" else ", "
        return "[" + separator.join(self.locale.integer(n) for n in numbers) + "]"

    def _subject_name(self) -> str:
        if self.spec.kind == "country":
            return self.locale.name(self.corpus.countries[self.spec.subject].name)
        return self.locale.name(self.corpus.themes[self.spec.subject].name)

    def _title(self) -> str:
        return self.locale.gettext(TITLES[self.spec.kind]).format(subject=self._subject_name())

    def _metadata(self) -> Metadata:
        when = latest_date(self.corpus)
        return Metadata(
            id=self.spec.id,
            kind=self.spec.kind,
            subject=self.spec.subject,
            subject_name=self._subject_name(),
            title=self._title(),
            lang=self.spec.lang,
            direction=self.locale.direction,
            date=when,
            date_text=self.locale.date(when),
            digits=self.locale.digits,
            creator=f"briefgen {__version__}",
            labels={key: self.locale.gettext(text) for key, text in LABELS.items()},
        )


def _capitalize(text: str) -> str:
    return text[:1].upper() + text[1:]
