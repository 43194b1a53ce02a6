"""What ends up on a page: positioned text lines and simple vector shapes."""

from __future__ import annotations

from dataclasses import dataclass, field

from .inline import StyledText
from .lines import Line
from .styles import Color
from .tagging import ParagraphTag


@dataclass
class PlacedLine:
    styled: StyledText
    line: Line
    x: float  # left edge of the line box
    y: float  # baseline
    paragraph: int  # serial number of the paragraph the line belongs to
    rtl: bool
    tag: ParagraphTag | None = None  # the structure it belongs to; None: drawn as an artifact


@dataclass
class Box:
    x: float
    y: float
    width: float
    height: float
    fill: Color


@dataclass
class Rule:
    x1: float
    y1: float
    x2: float
    y2: float
    width: float
    color: Color


@dataclass
class Dot:
    x: float
    y: float
    radius: float
    color: Color


@dataclass
class Picture:
    """An image (an organisation's logo, PNG or JPEG bytes) drawn in the box (x, y, width, height)."""

    x: float
    y: float
    width: float
    height: float
    data: bytes


@dataclass
class Anchor:
    """Where a heading starts, for the document outline (bookmarks) a reader navigates by."""

    title: str
    level: int
    top: float


@dataclass
class Page:
    """Shapes are decoration (artifacts in a tagged PDF); lines carry their structure tags."""

    shapes: list[Box | Rule | Dot | Picture] = field(default_factory=list)
    lines: list[PlacedLine] = field(default_factory=list)
    markers: set[str] = field(default_factory=set)
    anchors: list[Anchor] = field(default_factory=list)
    destinations: list[tuple[str, float]] = field(default_factory=list)  # (name, top): link targets
