"""The house style: one style sheet, read by every writer.

The PDF and DOCX writers used to carry their own copies of sizes, colours
and margins, and the copies drifted. Here the style is data: the default
`house.yaml` shipped with briefgen, with a user's style file merged over it
key by key. Writers ask the resolved `Style` for every visual value, so a
brief's PDF and DOCX cannot disagree and an organisation's branding is a
file, not a code change.
"""

from __future__ import annotations

import difflib
import hashlib
import json
import re
from functools import cache
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError

from ..errors import InputError
from ..facts.yamlfile import LocatedData, load_yaml

HOUSE_STYLE = Path(__file__).with_name("house.yaml")

_HEX = re.compile(r"#[0-9A-Fa-f]{6}")
Align = Literal["start", "end", "center", "justify"]
PAGE_SIZES_MM: dict[str, tuple[float, float]] = {"A4": (210.0, 297.0), "Letter": (215.9, 279.4)}
LOGO_TYPES = {b"\x89PNG\r\n\x1a\n": "png", b"\xff\xd8\xff": "jpeg"}


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _colour(value: str) -> str:
    if not isinstance(value, str) or not _HEX.fullmatch(value):
        raise ValueError(f"{value!r} is not a colour; write it as \"#RRGGBB\"")
    return value.upper()


Colour = Annotated[str, AfterValidator(_colour)]


class Organisation(_Strict):
    name: str | None = None
    logo: Path | None = None
    logo_height_mm: float = Field(14, gt=0, le=60)
    logo_data: bytes | None = Field(None, exclude=True, repr=False)
    """The logo's bytes, read once when the style is loaded: a style travels whole (to batch workers on
    other machines, say) and a brief never depends on the file staying where it was."""


class Margins(_Strict):
    top: float = Field(gt=0, lt=100)
    bottom: float = Field(gt=0, lt=100)
    side: float = Field(gt=0, lt=100)


class Page(_Strict):
    size: Literal["A4", "Letter"]
    margins_mm: Margins
    header_mm: float = Field(gt=0, lt=100)
    footer_mm: float = Field(gt=0, lt=100)

    @property
    def size_mm(self) -> tuple[float, float]:
        return PAGE_SIZES_MM[self.size]


class Body(_Strict):
    size_pt: float = Field(gt=4, lt=40)
    leading: float = Field(ge=1.0, le=3.0)
    align: Align


class Bodies(_Strict):
    rtl: Body
    ltr: Body


class Role(_Strict):
    """One text role: size as a factor of the body size, spacing in body-size ems."""

    size: float = Field(1.0, gt=0.3, le=4)
    bold: bool = False
    italic: bool = False
    color: str = "ink"
    align: Align | None = None  # None: the body's alignment
    before: float = Field(0.0, ge=0, le=5)
    after: float = Field(0.0, ge=0, le=5)


ROLE_NAMES = ("title", "subtitle", "dateline", "body", "lead", "list", "note", "conflict", "caption", "legend",
              "source", "table", "chrome", "citation", "h1", "h2", "h3")


class Roles(_Strict):
    title: Role
    subtitle: Role
    dateline: Role
    body: Role
    lead: Role
    list: Role
    note: Role
    conflict: Role
    caption: Role
    legend: Role
    source: Role
    table: Role
    chrome: Role
    citation: Role
    h1: Role
    h2: Role
    h3: Role


class CellPad(_Strict):
    x: float = Field(ge=0, le=40)
    y: float = Field(ge=0, le=40)


class TableStyle(_Strict):
    header_fill: Colour
    zebra_fill: Colour | None
    rule: Colour
    cell_pad_pt: CellPad


class Callout(_Strict):
    fill: Colour | None
    bar: Colour


class Callouts(_Strict):
    conflict: Callout
    note: Callout


class ListStyle(_Strict):
    indent_pt: float = Field(ge=0, le=72)


class Header(_Strict):
    start: str = ""
    end: str = ""


class Footer(_Strict):
    center: str = ""


class Style(_Strict):
    """The effective style of a brief: the house style with the user's file merged over it."""

    organisation: Organisation
    marking: str | None = None
    page: Page
    body: Bodies
    colors: dict[str, Colour]
    roles: Roles
    table: TableStyle
    callouts: Callouts
    list: ListStyle
    header: Header
    footer: Footer

    def role(self, name: str) -> Role:
        return getattr(self.roles, name)

    def color(self, name_or_hex: str) -> str:
        """'#RRGGBB' for a colour name of `colors` or a literal colour."""
        return self.colors.get(name_or_hex) or _colour(name_or_hex)

    def body_for(self, rtl: bool) -> Body:
        return self.body.rtl if rtl else self.body.ltr

    def fingerprint(self) -> str:
        """Digest of every value and of the logo's bytes: a style change rebuilds what it affects."""
        digest = hashlib.sha256(json.dumps(self.model_dump(mode="json"), sort_keys=True).encode())
        if self.organisation.logo_data is not None:
            digest.update(self.organisation.logo_data)
        return digest.hexdigest()


def rgb(hex_: str) -> tuple[float, float, float]:
    """'#RRGGBB' as 0–1 floats (ReportLab's colour space)."""
    return tuple(int(hex_[i:i + 2], 16) / 255 for i in (1, 3, 5))  # type: ignore[return-value]


def load_style(file: Path | None = None) -> Style:
    """The house style, with `file` (a user's partial style) merged over it when given."""
    if file is None:
        return house_style()
    return _load_style(Path(file).resolve())


@cache
def house_style() -> Style:
    return _validate(load_yaml(HOUSE_STYLE), load_yaml(HOUSE_STYLE).data, HOUSE_STYLE.parent)


def _load_style(file: Path) -> Style:
    """Read afresh on every call: a scheduled batch picks up an edited style or logo on its next run."""
    if not file.is_file():
        raise InputError("style file not found", str(file))
    user = load_yaml(file)
    if user.data is None:
        return house_style()
    if not isinstance(user.data, dict):
        raise InputError("a style file is a mapping of keys (organisation, colors, page, ...)", user.where(()))
    house = load_yaml(HOUSE_STYLE)
    _check_keys(user, house.data, user.data, ())
    merged = _merge(house.data, user.data)
    return _validate(user, merged, file.parent)


def _check_keys(user: LocatedData, house: Any, data: dict, path: tuple) -> None:
    """Unknown keys are typos: name the key, its file:line, and the nearest known one."""
    for key, value in data.items():
        if path == ("colors",):  # colour names are open: a user may add their own
            continue
        if not isinstance(house, dict) or key not in house:
            known = list(house) if isinstance(house, dict) else []
            close = difflib.get_close_matches(str(key), known, n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else f"; known keys: {', '.join(known)}" if known else ""
            dotted = ".".join(map(str, path + (key,)))
            raise InputError(f"unknown style key {dotted!r}{hint}", user.where(path + (key,)))
        if isinstance(value, dict) and isinstance(house[key], dict):
            _check_keys(user, house[key], value, path + (key,))


def _merge(base: Any, over: Any) -> Any:
    if isinstance(base, dict) and isinstance(over, dict):
        merged = dict(base)
        for key, value in over.items():
            merged[key] = _merge(base.get(key), value) if key in base else value
        return merged
    return over


def _validate(source: LocatedData, data: dict, base_dir: Path) -> Style:
    try:
        style = Style.model_validate(data)
    except ValidationError as exc:
        error = exc.errors()[0]
        loc = tuple(error["loc"])
        dotted = ".".join(map(str, loc))
        message = error["msg"].removeprefix("Value error, ")
        raise InputError(f"style key {dotted!r}: {message}", source.where(loc)) from None
    missing = {"ink", "muted", "accent", "cite", "flag", "rule"} - style.colors.keys()
    if missing:
        raise InputError(f"style key 'colors': missing {', '.join(sorted(missing))}", source.where(("colors",)))
    for name in ROLE_NAMES:
        colour = style.role(name).color
        if colour not in style.colors and not _HEX.fullmatch(colour):
            raise InputError(f"style key 'roles.{name}.color': {colour!r} is neither a name under colors "
                             f"({', '.join(style.colors)}) nor \"#RRGGBB\"", source.where(("roles", name, "color")))
    logo = style.organisation.logo
    if logo is not None:
        path = logo if logo.is_absolute() else (base_dir / logo)
        where = source.where(("organisation", "logo"))
        if not path.is_file():
            raise InputError(f"style key 'organisation.logo': no file {str(path)!r}", where)
        data = path.read_bytes()
        if not any(data.startswith(magic) for magic in LOGO_TYPES):
            raise InputError(f"style key 'organisation.logo': {path.name} is not a PNG or JPEG image", where)
        organisation = style.organisation.model_copy(update={"logo": path, "logo_data": data})
        style = style.model_copy(update={"organisation": organisation})
    return style


def style_yaml(style: Style) -> str:
    """The effective style as YAML, for `briefgen style show`."""
    import yaml

    data = style.model_dump(mode="json")
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)
