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
from ..facts.model import Claim, Corpus, CuratedText, Fact, Figure, Localized, Person, split_cites
from .locale import N_, Locale
from .markdown import Numeric, Role, SideTable, to_section
from .select import Segment, Selection, attribution_source, latest_date, select
from .specs import BriefSpec, check_subject, default_templates_dir

LABELS = {
    "page": N_("{page} / {pages}"),
    "draft": N_("DRAFT"),
    "machine": N_("Machine-translated text: check before use"),
    "missing": N_("Not yet translated: shown in the source language"),
    "sources": N_("Sources"),
}
TITLES = {"country": N_("Country brief: {subject}"), "theme": N_("Theme brief: {subject}")}
GENRES = {"news_report": N_("news report"), "preview": N_("preview, written before the event"),
          "opinion": N_("opinion article"), "newspaper_article": N_("newspaper article")}
SOURCE_ENTRY = N_("{outlet}, “{title}”, {genre}, {date}")
SOURCE_ENTRY_UNNAMED = N_("“{title}”, {genre}, {date}")
SPEAKER_LEAD = N_("{name}:")
SPEAKER_LEAD_EVENT = N_("{name} ({event}):")
EVENT_LABEL = N_("{event}:")


def drop_phrase(text: str, phrase: str | None, lang: str) -> str:
    """Text without an attribution phrase ('In his article before the Astana meeting,') that a heading
    or label beside it already gives. Arabic puts it after verb and name, the others open with it."""
    if not phrase:
        return text
    if lang == "ar":
        return text.replace(f" {phrase} ", " ", 1)
    return text[len(phrase) + 1:] if text.startswith(phrase + " ") else text


def elide_speaker(text: str, person: Person, lang: str, phrase: str | None = None) -> str | None:
    """A point without its opening speaker name, for a list under a lead sentence that names them.

    English and Russian open with the name ('Tokayev proposed …' → 'proposed …'); Arabic opens with
    the verb, the name second ('اقترح توكاييف …' → 'اقترح …', the verb carries the subject). `phrase`
    is an attribution the heading above already makes ('In his article before the Astana meeting,'),
    dropped with the name. None when the text does not open that way; the point is then shown whole.
    """
    short = person.short.get(lang)
    text = drop_phrase(text, phrase, lang)
    if lang == "ar":
        words = text.split(" ")
        if len(words) > 3 and words[1] == short:
            return " ".join(words[:1] + words[2:])
        return None
    rest = text[len(short) + 1:]
    if text.startswith(short + " ") and rest[:1].islower():
        return rest
    return None


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


class _CompiledTemplates(jinja2.BytecodeCache):
    """Compiled templates kept in memory for the life of the process, so a batch worker compiles each
    template once, not once per brief. Every brief's environment is configured alike (see
    `_environment`), so their compiled code is the same; Jinja keys an entry by the template's name
    and file and checks the source's checksum, so an edited template is compiled afresh. Nothing is
    written to disk, so there is no cache file anyone else could plant code in."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


_COMPILED = _CompiledTemplates()


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
            bytecode_cache=_COMPILED,
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
            "point": self.point,
            "attribution": self.attribution,
            "speaker_lead": self.speaker_lead,
            "elides": self.elides,
            "text": self.text,
            "cite": self.cite,
            "cite_files": self.cite_files,
            "cite_claim": self.cite_claim,
            "cite_conflict": self.cite_conflict,
            "name": self.name,
            "gen": self.gen,
            "date": self.date,
            "value": self.value,
            "figure_label": self.figure_label,
            "role": lambda r: self.side.put(Role(r)),
            "sources": self.sources,
        }

    # -- template helpers -------------------------------------------------

    def attribution(self, fact: Fact, alone: bool = False) -> str:
        """A label naming the preview or opinion article facts come from: a paragraph's opening, or
        (`alone`) a line of its own above a list of points from that source."""
        source = attribution_source(self.corpus, fact, self.spec.lang)
        if source is None:
            return ""
        text = _capitalize(self.locale.gettext(EVENT_LABEL).format(event=self._attribution_text(source)))
        label = Run(text=text, lang=self.spec.lang, provenance="generated", bold=True)
        return self.side.put([label] if alone else [label, Run(text=" ", lang=self.spec.lang, provenance="generated")])

    def _attribution_text(self, source) -> str:
        return self.locale.name(source.attribution) if source.attribution else self.locale.gettext(GENRES[source.genre])

    def fact(self, fact: Fact, label: bool = False, attribute: bool = True, under: str | None = None) -> str:
        """A fact's text in the brief's language with a citation after each claim; each fact at most once.

        With `label`, an event label goes first ('Tokyo summit, Dec 2025:'), for lists that mix events
        and for the lead, whose points must each make sense alone."""
        return self.side.put(self._fact_inlines(fact, label=label, attribute=attribute, under=under))

    def point(self, fact: Fact, segment: Segment, label: bool = False) -> str:
        """A point in a list: under a speaker's lead sentence, without the speaker's name again."""
        return self.side.put(self._fact_inlines(fact, label=label, elide=segment.speaker is not None))

    def elides(self, segment: Segment) -> bool:
        """Whether every point of a speaker's run opens with their name, so a list under one lead
        sentence can drop it; otherwise the run reads as a paragraph of whole sentences."""
        person = self.corpus.people[segment.speaker]
        for fact in segment.facts:
            run = self._text_run(fact.text, [fact.id])
            in_text = self.corpus.events[fact.event].in_text
            phrase = in_text.get(run.lang) if in_text is not None else None
            if run.provenance != "curated" or elide_speaker(run.text, person, run.lang, phrase) is None:
                return False
        return True

    def speaker_lead(self, segment: Segment, label: bool = False) -> str:
        """'Tokayev:' ('Tokayev (Tokyo summit, Dec 2025):' in a list that mixes events); an analyst's
        points say what they come from ('Fayziev (opinion article):'), as his views are not news."""
        person = self.corpus.people[segment.speaker]
        name = self.locale.name(person.short)
        events = {f.event for f in segment.facts}
        files = {s.file for f in segment.facts for s in f.sources}
        if person.kind == "analyst" and len(files) == 1:
            genre = self.locale.gettext(GENRES[self.corpus.sources[files.pop()].genre])
            text = self.locale.gettext(SPEAKER_LEAD_EVENT).format(name=name, event=genre)
        elif label and len(events) == 1:
            text = self.locale.gettext(SPEAKER_LEAD_EVENT).format(name=name, event=self._event_label(next(iter(events))))
        else:
            text = self.locale.gettext(SPEAKER_LEAD).format(name=name)
        return self.side.put([Run(text=text, lang=self.spec.lang, provenance="generated", bold=True)])

    def _fact_inlines(self, fact: Fact, label: bool = False, elide: bool = False, attribute: bool = True,
                      under: str | None = None) -> list[Inline]:
        if fact.id in self.used:
            raise BriefgenError(f"{self.spec.id}: fact {fact.id} placed twice")
        self.used.add(fact.id)
        inlines: list[Inline] = []
        parts = [self._event_label(fact.event)] if label else []
        source = attribution_source(self.corpus, fact, self.spec.lang) if attribute else None
        if source is not None:  # previews and opinion pieces say so
            parts.append(self._attribution_text(source))
        if parts:
            text = _capitalize(self.locale.gettext(EVENT_LABEL).format(event=" — ".join(parts)))
            inlines.append(Run(text=text, lang=self.spec.lang, provenance="generated", bold=True))
            inlines.append(Run(text=" ", lang=self.spec.lang, provenance="generated"))
        run = self._text_run(fact.text, [fact.id])
        in_text = self.corpus.events[fact.event].in_text
        if (label or under == fact.event) and in_text is not None and run.provenance == "curated":  # label or heading says it
            run = run.model_copy(update={"text": drop_phrase(run.text, in_text.get(run.lang), run.lang)})
        if elide and fact.speaker is not None and run.provenance == "curated":
            in_text = self.corpus.events[fact.event].in_text
            phrase = in_text.get(run.lang) if in_text is not None else None
            shorter = elide_speaker(run.text, self.corpus.people[fact.speaker], run.lang, phrase)
            if shorter is not None:
                run = run.model_copy(update={"text": shorter})
        parts = split_cites(run.text)
        if all(indexes is None for _, indexes in parts):  # no marks: the whole text cites every source
            return inlines + [run, self._cite_files([s.file for s in fact.sources])]
        for stretch, indexes in parts:
            if indexes is None:  # only space can follow the last mark (facts.model checks)
                continue
            inlines.append(run.model_copy(update={"text": stretch}))
            inlines.append(self._cite_files([fact.sources[i].file for i in indexes]))
        return inlines

    def _event_label(self, event_id: str) -> str:
        event = self.corpus.events[event_id]
        return self.locale.name(event.label or event.name)

    def cite_files(self, files: list[str]) -> str:
        return self.side.put([self._cite_files(files)])

    def cite_claim(self, claim: Claim) -> str:
        """A disagreement's claim cites exactly the source that makes it."""
        fact = self.corpus.facts[claim.fact]
        return self.cite_files(claim.sources or [fact.sources[0].file])

    def cite_conflict(self, conflict) -> str:
        """A disagreement told in short cites every source that takes part in it."""
        files: list[str] = []
        for claim in conflict.claims:
            for file in claim.sources or [self.corpus.facts[claim.fact].sources[0].file]:
                if file not in files:
                    files.append(file)
        return self.cite_files(files)

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
        """Outlet, title, genre and date a reader can look up; the seed file name stays in the data (JSON)."""
        entries = []
        for file, number in sorted(self.source_numbers.items(), key=lambda item: item[1]):
            source = self.corpus.sources[file]
            fields = dict(title=self.locale.inner_quotes(self.locale.name(source.title)), genre=self.locale.gettext(GENRES[source.genre]),
                          date=self.locale.date(source.published))
            if source.outlet is not None:
                text = self.locale.gettext(SOURCE_ENTRY).format(outlet=self.locale.name(source.outlet), **fields)
            else:
                text = self.locale.gettext(SOURCE_ENTRY_UNNAMED).format(**fields)
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
        return self._cite_files([source.file for source in fact.sources])

    def _cite_files(self, files: list[str]) -> Cite:
        numbers = []
        for file in files:
            number = self.source_numbers.setdefault(file, len(self.source_numbers) + 1)
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
