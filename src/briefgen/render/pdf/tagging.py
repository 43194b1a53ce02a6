"""The logical structure of a tagged PDF (PDF/UA-1): built while flowing, written after painting.

The block flow builds a tree of `Element`s that mirrors the Brief (Document →
H1–H3, P, L/LI/Lbl/LBody, Table/Caption/THead/TBody/TR/TH/TD, Reference/Link
for citations, Span with /Lang for runs in another language) and hangs a
`ParagraphTag` on every set paragraph: the element its text belongs to, and
the child elements that own stretches of it. Painting (paint.py) then wraps
what it draws in marked content: each stretch of glyphs in a BDC with an
MCID recorded on its element here, and everything without a tag (running
header and footer, page numbers, legend, rules, boxes, bullets, markers) in
/Artifact. Link annotations are recorded with the element they belong to.

`write_structure` turns the tree into PDF objects with pikepdf over the
bytes ReportLab wrote (ReportLab has no tagging of its own): the
StructTreeRoot, a ParentTree number tree, /StructParents on pages and
/StructParent, /Contents on link annotations, /MarkInfo, /Tabs /S. The tree
is in the Brief's logical order whatever the page layout or direction did.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pikepdf
from pikepdf import Array, Dictionary, Name, String


@dataclass(eq=False)
class Content:
    """Marked content on a page: the MCID-th BDC of the page's content stream."""

    page: int
    mcid: int


@dataclass(eq=False)
class Annotation:
    """The `index`-th annotation of a page (link annotations are the only ones briefgen makes)."""

    page: int
    index: int


@dataclass(eq=False)
class Element:
    """A structure element; `kids` in reading order."""

    role: str
    lang: str | None = None
    contents: str | None = None  # a link's description (the annotation's /Contents) and /Alt
    attributes: dict[str, str] | None = None  # layout/table attributes, e.g. {"O": "Table", "Scope": "Column"}
    kids: list["Element | Content | Annotation"] = field(default_factory=list)
    parent: "Element | None" = None
    attached: bool = True

    def add(self, role: str, inline: bool = False, **kwargs) -> "Element":
        """A child element; an `inline` one (a citation, a foreign-language span) joins its parent's
        kids only when its first content is painted, so it stands between the text around it."""
        child = Element(role, parent=self, attached=not inline, **kwargs)
        if not inline:
            self.kids.append(child)
        return child

    def attach(self) -> None:
        if not self.attached and self.parent is not None:
            self.parent.attach()
            self.parent.kids.append(self)
            self.attached = True


@dataclass(eq=False)
class ParagraphTag:
    """The element a set paragraph's text belongs to, and the elements owning stretches of it.

    `spans` are (start, end, element) over the paragraph's text; the last span containing a
    character wins, so nested spans (a citation inside a list body) come after their parent.
    """

    element: Element
    spans: list[tuple[int, int, Element]] = field(default_factory=list)

    def leaf(self, index: int) -> Element:
        for start, end, element in reversed(self.spans):
            if start <= index < end:
                return element
        return self.element


class Tagger:
    """The document's structure tree and, per page, what each MCID and annotation belongs to."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.root = Element("Document")
        self.marked: list[list[Element]] = []  # per page: MCID → element
        self.annotations: list[list[Element]] = []  # per page: annotation index → Link element

    def start_page(self) -> int:
        self.marked.append([])
        self.annotations.append([])
        return len(self.marked) - 1

    def content(self, element: Element) -> int:
        """A new MCID on the current page for `element`."""
        page = len(self.marked) - 1
        mcid = len(self.marked[page])
        element.attach()
        self.marked[page].append(element)
        element.kids.append(Content(page, mcid))
        return mcid

    def annotation(self, element: Element) -> None:
        page = len(self.annotations) - 1
        element.kids.append(Annotation(page, len(self.annotations[page])))
        self.annotations[page].append(element)


def write_structure(pdf: pikepdf.Pdf, tagger: Tagger) -> None:
    """Add the structure tree, parent tree and tagging flags to `pdf` (ReportLab's output, opened).

    Objects are made whole (one Dictionary, one Array each): every call into pikepdf costs
    more than the Python around it, and this pass is part of every PDF's render time.
    """
    pages = [page.obj for page in pdf.pages]
    tree = pdf.make_indirect(Dictionary(Type=Name.StructTreeRoot))
    made: dict[int, pikepdf.Object] = {}
    annotation_keys: dict[tuple[int, int], int] = {}
    next_key = len(pages)
    for page, links in enumerate(tagger.annotations):
        for index, _ in enumerate(links):
            annotation_keys[(page, index)] = next_key
            next_key += 1
    names: dict[str, Name] = {}

    def name(value: str) -> Name:
        if value not in names:
            names[value] = Name(f"/{value}")
        return names[value]

    def build(element: Element, parent: pikepdf.Object) -> pikepdf.Object | None:
        first_page = next((kid.page for kid in element.kids if not isinstance(kid, Element)), None)
        if first_page is None and not any(isinstance(kid, Element) for kid in element.kids):
            return None  # an element nothing was painted for (an empty cell) is left out
        entries = {"/S": name(element.role), "/P": parent}
        if first_page is not None:
            entries["/Pg"] = pages[first_page]
        if element.lang:
            entries["/Lang"] = String(element.lang)
        if element.contents:
            entries["/Alt"] = String(element.contents)
        if element.attributes:
            entries["/A"] = Dictionary({f"/{key}": name(value) for key, value in element.attributes.items()})
        node = pdf.make_indirect(Dictionary(entries))
        kids: list = []
        for kid in element.kids:
            if isinstance(kid, Element):
                built = build(kid, node)
                if built is not None:
                    kids.append(built)
            elif isinstance(kid, Content):
                kids.append(kid.mcid if kid.page == first_page else
                            Dictionary(Type=Name.MCR, Pg=pages[kid.page], MCID=kid.mcid))
            else:
                annotation = pages[kid.page].Annots[kid.index]
                annotation.StructParent = annotation_keys[(kid.page, kid.index)]
                if element.contents:
                    annotation.Contents = String(element.contents)
                kids.append(Dictionary(Type=Name.OBJR, Pg=pages[kid.page], Obj=annotation))
        if not kids:
            return None
        node.K = Array(kids)
        made[id(element)] = node
        return node

    document = build(tagger.root, tree)
    nums: list = []
    for page, elements in enumerate(tagger.marked):
        nums += [page, Array([made[id(element)] for element in elements])]
        pages[page].StructParents = page
        pages[page].Tabs = Name.S
    for (page, index), key in annotation_keys.items():
        nums += [key, made[id(tagger.annotations[page][index])]]
    tree.K = Array([document] if document is not None else [])
    tree.ParentTree = pdf.make_indirect(Dictionary(Nums=Array(nums)))
    tree.ParentTreeNextKey = next_key
    root = pdf.Root
    root.StructTreeRoot = tree
    root.MarkInfo = Dictionary(Marked=True)
    root.Lang = String(tagger.lang)
    root.ViewerPreferences = Dictionary(DisplayDocTitle=True)
