"""Page chrome from the style sheet: masthead, running header, marking, footer, legend."""

from __future__ import annotations

import io
from dataclasses import replace

from reportlab.lib.utils import ImageReader

from ...brief import Brief, localize_digits
from .pageflow import PageFlow
from .inline import MARKERS, StyledText, base_style, styled_plain
from .pages import Picture, Rule
from .styles import Typography

_MM = 72 / 25.4


def legend_height(typo: Typography, kinds: int) -> float:
    """Space kept free above the footer on every page when the brief has marked runs."""
    return kinds * typo.roles["legend"].leading + 8.0 if kinds else 0.0


def chrome_fields(brief: Brief, typo: Typography) -> dict[str, str]:
    """What header and footer templates of the style sheet may name."""
    style = typo.style
    return {"title": brief.meta.title, "date": brief.meta.date_text, "marking": style.marking or "",
            "organisation": style.organisation.name or ""}


def add_masthead(flow: PageFlow, brief: Brief, typo: Typography) -> None:
    """The organisation's logo and name at the top of page 1, on the reading-start side."""
    organisation = typo.style.organisation
    if organisation.logo_data is None and not organisation.name:
        return
    geo, style = flow.geo, typo.roles["subtitle"]
    height = organisation.logo_height_mm * _MM if organisation.logo_data is not None else style.leading
    top = flow.y
    text_x = geo.margin_side
    text_width = geo.content_width
    if organisation.logo_data is not None:
        pixels_w, pixels_h = ImageReader(io.BytesIO(organisation.logo_data)).getSize()
        width = height * pixels_w / pixels_h
        x = geo.margin_side + geo.content_width - width if flow.rtl else geo.margin_side
        flow.page.shapes.append(Picture(x, top - height, width, height, organisation.logo_data))
        text_width -= width + 10
        if not flow.rtl:
            text_x += width + 10
    if organisation.name:
        name_style = replace(style, bold=True, color=typo.colors["accent"], align="start")
        para = flow.setter.set(styled_plain(organisation.name, name_style, brief.meta.lang), name_style,
                                  text_width, align="start")
        baseline = top - height / 2 - name_style.size * 0.35
        flow.place_at(flow.page, para, text_x, baseline)
    flow.y = top - height - typo.body.size
    rule_y = flow.y + typo.body.size * 0.4
    flow.page.shapes.append(Rule(geo.margin_side, rule_y, geo.margin_side + geo.content_width, rule_y, 0.8,
                                 typo.colors["accent"]))
    flow.at_top = False


def add_chrome(flow: PageFlow, brief: Brief, typo: Typography) -> None:
    """Marking on every page, header from page 2 on, footer with 'n / N' on every page, legend where markers appear."""
    meta, geo, sheet = brief.meta, flow.geo, typo.style
    fields = chrome_fields(brief, typo)
    total = len(flow.pages)
    style = typo.chrome
    half = geo.content_width / 2 - 6
    for number, page in enumerate(flow.pages, start=1):
        if sheet.marking:
            marking_style = replace(style, bold=True, color=typo.colors["flag"], align="center")
            marking = flow.setter.set(styled_plain(sheet.marking, marking_style, meta.lang), marking_style,
                                         geo.content_width, align="center")
            flow.place_at(page, marking, geo.margin_side, geo.header_baseline + style.leading * 1.3)
        if number > 1:
            start = sheet.header.start.format(**fields)
            end = sheet.header.end.format(**fields)
            start_x, end_x = (geo.margin_side + half + 12, geo.margin_side) if flow.rtl else \
                (geo.margin_side, geo.margin_side + half + 12)
            for text, x, align in ((start, start_x, "start"), (end, end_x, "end")):
                if text:
                    para = flow.setter.set(styled_plain(text, style, meta.lang), style, half, align=align)
                    flow.place_at(page, para, x, geo.header_baseline)
            rule_y = geo.header_baseline - style.size * 0.9
            page.shapes.append(Rule(geo.margin_side, rule_y, geo.margin_side + geo.content_width, rule_y, 0.5,
                                    typo.colors["rule"]))
        page_label = meta.labels.get("page", "{page} / {pages}").format(page=number, pages=total)
        label = sheet.footer.center.format(**fields, page=page_label)
        if label:
            footer = flow.setter.set(styled_plain(localize_digits(label, meta.digits), style, meta.lang), style,
                                        geo.content_width, align="center")
            flow.place_at(page, footer, geo.margin_side, geo.footer_baseline)
        _legend(flow, brief, typo, page)


def _legend(flow: PageFlow, brief: Brief, typo: Typography, page) -> None:
    kinds = [kind for kind in MARKERS if kind in page.markers and kind in brief.meta.labels]
    if not kinds:
        return
    geo = flow.geo
    style = typo.roles["legend"]
    baseline = geo.content_bottom + (len(kinds) - 1) * style.leading + style.size * 0.4
    rule_y = baseline + style.leading * 0.85
    rule_width = geo.content_width / 4
    rule_x = geo.margin_side + geo.content_width - rule_width if flow.rtl else geo.margin_side
    page.shapes.append(Rule(rule_x, rule_y, rule_x + rule_width, rule_y, 0.5, typo.colors["rule"]))
    for kind in kinds:
        styled = StyledText(brief.meta.lang)
        styled.append(MARKERS[kind], replace(base_style(style, brief.meta.lang), color=typo.colors["flag"]))
        styled.append(" " + brief.meta.labels[kind], base_style(style, brief.meta.lang))
        flow.place_at(page, flow.setter.set(styled, style, geo.content_width), geo.margin_side, baseline)
        baseline -= style.leading
