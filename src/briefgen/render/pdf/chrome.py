"""Running header, page footer and the legend explaining translation markers."""

from __future__ import annotations

from dataclasses import replace

from ...brief import Brief, localize_digits
from .flow import Flow
from .inline import MARKERS, StyledText, base_style, styled_plain
from .pages import Rule
from .styles import (
    CONTENT_BOTTOM, CONTENT_WIDTH, FLAG, FOOTER_BASELINE, HEADER_BASELINE, MARGIN_SIDE, RULE, Typography,
)


def legend_height(typo: Typography, kinds: int) -> float:
    """Space kept free above the footer on every page when the brief has marked runs."""
    return kinds * typo.roles["legend"].leading + 8.0 if kinds else 0.0


def add_chrome(flow: Flow, brief: Brief, typo: Typography) -> None:
    """Header from page 2 on, footer with 'n / N' on every page, legend where markers appear."""
    meta = brief.meta
    total = len(flow.pages)
    style = typo.chrome
    half = CONTENT_WIDTH / 2 - 6
    for number, page in enumerate(flow.pages, start=1):
        if number > 1:
            title = flow.set_paragraph(styled_plain(meta.title, style, meta.lang), style, half, align="start")
            date = flow.set_paragraph(styled_plain(meta.date_text, style, meta.lang), style, half, align="end")
            start_x, end_x = (MARGIN_SIDE + half + 12, MARGIN_SIDE) if flow.rtl else (MARGIN_SIDE, MARGIN_SIDE + half + 12)
            flow.place_at(page, title, start_x, HEADER_BASELINE)
            flow.place_at(page, date, end_x, HEADER_BASELINE)
            rule_y = HEADER_BASELINE - style.size * 0.9
            page.shapes.append(Rule(MARGIN_SIDE, rule_y, MARGIN_SIDE + CONTENT_WIDTH, rule_y, 0.5, RULE))
        label = meta.labels.get("page", "{page} / {pages}").format(page=number, pages=total)
        footer = flow.set_paragraph(styled_plain(localize_digits(label, meta.digits), style, meta.lang), style,
                                    CONTENT_WIDTH, align="center")
        flow.place_at(page, footer, MARGIN_SIDE, FOOTER_BASELINE)
        _legend(flow, brief, typo, page)


def _legend(flow: Flow, brief: Brief, typo: Typography, page) -> None:
    kinds = [kind for kind in MARKERS if kind in page.markers and kind in brief.meta.labels]
    if not kinds:
        return
    style = typo.roles["legend"]
    baseline = CONTENT_BOTTOM + (len(kinds) - 1) * style.leading + style.size * 0.4
    rule_y = baseline + style.leading * 0.85
    rule_width = CONTENT_WIDTH / 4
    rule_x = MARGIN_SIDE + CONTENT_WIDTH - rule_width if flow.rtl else MARGIN_SIDE
    page.shapes.append(Rule(rule_x, rule_y, rule_x + rule_width, rule_y, 0.5, RULE))
    for kind in kinds:
        styled = StyledText(brief.meta.lang)
        styled.append(MARKERS[kind], replace(base_style(style, brief.meta.lang), color=FLAG))
        styled.append(" " + brief.meta.labels[kind], base_style(style, brief.meta.lang))
        flow.place_at(page, flow.set_paragraph(styled, style, CONTENT_WIDTH), MARGIN_SIDE, baseline)
        baseline -= style.leading
