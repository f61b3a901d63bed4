# SPDX-License-Identifier: GPL-2.0-or-later
"""Small SVG charts of the progress figures, drawn once for the dock and the PDF.

Plain SVG 1.1 that Qt's SVG Tiny renderer draws too (rect, line, text; attributes, no CSS),
with Chinese and English labels. Standard library only.

- :func:`target_bars`: horizontal bars, each a value against its 2025 and 2035 marks.
- :func:`status_bars`: stacked bars of patches by remediation status, per group.
- :func:`percent_bars`: percent of target per project target, with the 100 % line.

The charts of a :class:`Progress` are drawn to a width (the PDF's, or a dock's narrower one):
labels, values and titles broken into lines to fit it, never cut at its edge.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from xml.sax.saxutils import escape

from ..bilingual import Text
from ..plan import rules, units
from .progress import NOT_VERIFIED, STATUS_LABELS, Progress, StatusCounts

FONT = "Noto Sans CJK SC, Noto Sans, sans-serif"
WIDTH = 640
STATUS_COLOURS = {  # the codes' own colours; not verified grey (a white bar would not show)
    **rules.STATUS_COLOURS, NOT_VERIFIED: "#bdbdbd",
}
STATUS_ORDER = ("B", "D", "C", "A", NOT_VERIFIED)
BAR = "#2b83ba"
MARK_2025 = "#f46d43"
MARK_2035 = "#5e3c99"
BOLD = 1.1  # bold letters are this much wider than text_width's estimate of regular ones
MARK_ROW = 11  # a mark label that would meet another goes this far below it


@dataclass
class Bar:
    label: str
    value: float | None
    marks: list[tuple[float, str, str]] = field(default_factory=list)  # (value, label, colour)
    value_text: str = ""
    baseline: float | None = None  # drawn as a lighter part of the bar


def _text(x, y, s, size=12, anchor="start", weight="normal", fill="#222") -> str:
    return (f'<text x="{x:.1f}" y="{y:.1f}" font-family="{FONT}" font-size="{size}" '
            f'font-weight="{weight}" fill="{fill}" text-anchor="{anchor}">{escape(s)}</text>')


def text_width(s: str, size: float) -> float:
    """A generous estimate of ``s``'s width at font ``size`` (px): SVG text does not wrap and
    the charts cannot measure it, so labels are broken to fit by this."""
    w = 0.0
    for ch in s:
        if ord(ch) > 0x2E7F:  # CJK and full-width forms: a square each
            w += 1.0
        elif ch in " .,:;'!|()[]-/ilIjtfr":
            w += 0.4
        elif ch.isupper() or ch in "mwMW%@":
            w += 0.8
        else:
            w += 0.62
    return w * size


def wrap(s: str, size: float, width: float) -> list[str]:
    """``s`` broken into lines no wider than ``width``: between words, or anywhere in a
    run of Chinese (which has no spaces); a single word too long is broken too."""
    lines: list[str] = []
    line = ""
    for word in _words(s):
        joined = line + word
        if line and text_width(joined.rstrip(), size) > width:
            lines.append(line.rstrip())
            line = word.lstrip()
        else:
            line = joined
        while text_width(line.rstrip(), size) > width and len(line) > 1:  # one long word
            cut = max(n for n in range(1, len(line)) if text_width(line[:n], size) <= width
                      or n == 1)
            lines.append(line[:cut])
            line = line[cut:]
    if line.strip() or not lines:
        lines.append(line.rstrip())
    return lines


CLOSING = "）)】]」』，。、；：！？,.;:!?"  # never the first character of a line


def _words(s: str) -> list[str]:
    """Pieces a line may break after: each word with its following space, each Chinese
    character alone (closing brackets and punctuation kept with what they close)."""
    out: list[str] = []
    for ch in s:
        if ch in CLOSING and out:
            out[-1] += ch
        elif ord(ch) > 0x2E7F or not out or out[-1].endswith(" ") or ord(out[-1][-1]) > 0x2E7F:
            out.append(ch)
        else:
            out[-1] += ch
    return out


def _lines(x, y, lines: list[str], size, step) -> list[str]:
    return [_text(x, y + k * step, line, size) for k, line in enumerate(lines)]


def _title(title: str, width: int) -> tuple[list[str], int]:
    """The chart's title, broken to its width, and where the bars start below it."""
    if not title:
        return [], 8
    lines = wrap(title, 14 * BOLD, width - 16)
    return [_text(8, 20 + 18 * k, line, 14, weight="bold") for k, line in enumerate(lines)], \
        30 + 18 * (len(lines) - 1)


def _fit(width: int, own_width: int, part: int, least: int) -> int:
    """``part`` of a chart drawn ``own_width`` wide, narrowed with it to ``width``, not under
    ``least`` (a column of labels stays wide enough for a word)."""
    return max(least, round(part * min(1.0, width / own_width)))


def _rect(x, y, w, h, fill, stroke="none") -> str:
    return (f'<rect x="{x:.1f}" y="{y:.1f}" width="{max(w, 0):.1f}" height="{h:.1f}" '
            f'fill="{fill}" stroke="{stroke}"/>')


def _line(x1, y1, x2, y2, stroke, width=2, dash="") -> str:
    d = f' stroke-dasharray="{dash}"' if dash else ""
    return (f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke="{stroke}" '
            f'stroke-width="{width}"{d}/>')


def _svg(body: list[str], height: float, width: int = WIDTH) -> str:
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg" '
            f'version="1.1" width="{width}" height="{height:.0f}" '
            f'viewBox="0 0 {width} {height:.0f}">\n'
            + _rect(0, 0, width, height, "#ffffff") + "\n" + "\n".join(body) + "\n</svg>\n")


def target_bars(bars: list[Bar], title: str = "", label_width: int = 200,
                width: int = WIDTH, value_width: int = 90) -> str:
    """Each bar's value against its marks (e.g. the 2025 and 2035 targets); mark labels
    alternate left and right of their line so two close marks stay readable."""
    body, top = _title(title, width)
    row = 44
    x0, x1 = label_width, width - value_width
    scale_max = max([b.value or 0 for b in bars] + [m[0] for b in bars for m in b.marks] + [1e-9])
    scale_max *= 1.05

    def x(v):
        return x0 + (x1 - x0) * (v / scale_max)

    y = top - row
    height = row
    for b in bars:
        y += height
        lines = wrap(b.label, 12, x0 - 16)
        values = wrap(b.value_text or ("—" if b.value is None else f"{b.value:g}"), 11,
                      value_width - 12)
        marks = _mark_labels(b.marks, x, x0, x1)
        below = MARK_ROW * max((level for *_, level in marks), default=0)
        # a long label or value, mark labels on two rows: a taller row, never cut
        height = max(row + below, 14 * len(lines) + 10, 12 * len(values) + 21)
        body.extend(_lines(8, y + (20 if len(lines) == 1 else 14), lines, 12, 14))
        body.append(_rect(x0, y + 8, x1 - x0, 16, "#f0f0f0"))
        if b.value is not None:
            body.append(_rect(x0, y + 8, x(b.value) - x0, 16, BAR))
            if b.baseline is not None:
                body.append(_rect(x0, y + 8, x(min(b.baseline, b.value)) - x0, 16, "#abd9e9"))
        body.extend(_text(x1 + 6, y + 21 + 12 * k, v, 11) for k, v in enumerate(values))
        for (v, label, colour), (left, level) in zip(b.marks, marks):
            body.append(_line(x(v), y + 3, x(v), y + 29, colour, 2))
            body.append(_text(left, y + 39 + MARK_ROW * level, label, 9, fill=colour))
    return _svg(body, y + height + 6, width)


def _mark_labels(marks, x: Callable[[float], float], x0: float, x1: float
                 ) -> list[tuple[float, int]]:
    """Where each mark's label starts and on which row below the bar: beside its line, left
    and right by turns so two close marks stay readable, kept within the bars (not into
    the labels or the values beside them); one that would still meet another a row lower."""
    out: list[tuple[float, int]] = []
    taken: list[tuple[float, float, int]] = []
    for k, (v, label, _) in enumerate(marks):
        w = text_width(label, 9)
        left = x(v) - 2 - w if k % 2 == 0 and len(marks) > 1 else x(v) + 2
        left = max(x0, min(left, x1 - w))
        level = 0
        while any(a < left + w + 4 and left < b + 4 for a, b, n in taken if n == level):
            level += 1
        taken.append((left, left + w, level))
        out.append((left, level))
    return out


def status_bars(groups: list[StatusCounts], title: str = "", lang: str = "zh",
                label_width: int | None = None, width: int = WIDTH,
                names: Callable[[str], str] = str) -> str:
    """Patches of each group stacked by latest status, counts written in the segments;
    ``names`` gives a group's name as shown (English ones are wider)."""
    if label_width is None:
        label_width = 110 if lang == "zh" else 170
    body, top = _title(title, width)
    row = 26
    x0, x1 = label_width, width - 40
    most = max([g.patches for g in groups] + [1])
    y = top - row
    height = row
    for g in groups:
        y += height
        lines = wrap(names(g.group), 12, x0 - 16)
        height = max(row, 14 * len(lines) + 12)  # a long name: a taller row, never cut
        body.extend(_lines(8, y + 16, lines, 12, 14))
        counts = g.by_status()
        x = float(x0)
        for s in STATUS_ORDER:
            n = counts[s]
            if not n:
                continue
            w = (x1 - x0) * n / most
            body.append(_rect(x, y + 3, w, 18, STATUS_COLOURS[s], "#ffffff"))
            body.append(_text(x + w / 2, y + 16, str(n), 11, anchor="middle",
                              fill="#000" if s in ("C", "D", NOT_VERIFIED) else "#fff"))
            x += w
        body.append(_text(x + 4, y + 16, f"{g.patches}", 11, fill="#555"))
    # legend, on as many lines as the width needs
    y += height + 8
    x = 8.0
    for s in STATUS_ORDER:
        label = STATUS_LABELS[s].both() if lang == "both" else STATUS_LABELS[s](lang)
        room = 24 + 12 * len(label) * (1 if lang == "zh" else 0.6)
        if x > 8 and x + room - 8 > width - 8:
            x, y = 8.0, y + 18
        body.append(_rect(x, y, 12, 12, STATUS_COLOURS[s]))
        body.append(_text(x + 16, y + 11, label, 11))
        x += room
    return _svg(body, y + 22, width)


def percent_bars(rows: list[tuple[str, float | None, str]], title: str = "",
                 label_width: int = 250, width: int = WIDTH, value_width: int = 150,
                 min_bar: int = 120) -> str:
    """(label, percent or None, value text) rows on a 0-100 % scale (over 100 % is capped).
    The value column widens to its longest text, the bars giving way down to ``min_bar``;
    a text longer still is broken into lines, so none runs past the chart's edge."""
    body, top = _title(title, width)
    row = 24
    size = 10
    pad = 12  # the text starts 6 after the 100 % line and ends 6 before the edge
    widest = max([text_width(text, size) for _, _, text in rows] + [0.0])
    value_width = min(max(value_width, math.ceil(widest) + pad), width - label_width - min_bar)
    x0, x1 = label_width, width - value_width
    y = top
    for label, pct, text in rows:
        lines = wrap(label, 11, x0 - 16)
        values = wrap(text, size, value_width - pad)
        body.extend(_lines(8, y + 15, lines, 11, 13))
        body.append(_rect(x0, y + 4, x1 - x0, 14, "#f0f0f0"))
        if pct is not None:
            body.append(_rect(x0, y + 4, (x1 - x0) * min(pct, 100) / 100, 14,
                              "#1a9850" if pct >= 100 else BAR))
        body.extend(_lines(x1 + 6, y + 15, values, size, 12))
        # a long label or value: a taller row, never cut
        y += row + max(13 * (len(lines) - 1), 12 * (len(values) - 1))
    body.append(_line(x1, top, x1, y, MARK_2035, 1, "3,2"))
    body.append(_text(x1, y + 12, "100%", 9, anchor="middle", fill=MARK_2035))
    return _svg(body, y + 18, width)


# --- the charts of a Progress ---------------------------------------------------------

def mine_area_chart(p: Progress, lang: str = "zh", width: int = WIDTH) -> str:
    """The legacy-mine remediation area now against the 2025 and 2035 targets."""
    m = p.mine_area
    if m is None:
        return _svg([_text(8, 20, "—")], 30, width)
    mark = Text("{year}年 {target:g}", "{year}: {target:g}")
    marks = [(target, mark.format(year=year, target=target)(lang), colour)
             for year, target, colour in ((2025, m.target_2025_km2, MARK_2025),
                                          (2035, m.target_2035_km2, MARK_2035))
             if target is not None]
    bar = Bar(Text("历史遗留矿山综合治理面积", "Legacy mines remediated")(lang), m.current_km2,
              marks, f"{m.current_text()} {units.symbol('平方千米', lang)}",
              baseline=m.baseline_2020_km2)
    title = Text("历史遗留矿山综合治理面积（平方千米）", "Legacy-mine remediation area (km²)")
    return target_bars([bar], title(lang), label_width=_fit(width, WIDTH, 170, 120), width=width,
                       value_width=_fit(width, WIDTH, 100, 90))


def indicator_chart(p: Progress, lang: str = "zh", width: int = WIDTH + 60) -> str:
    """Every indicator of 专栏3-1: its current value (or 2020) against 2025 and 2035,
    each on its own scale (as a percentage of the 2035 value)."""
    zh = lang == "zh"
    bars = []
    for i in p.indicators:
        if not i.value_2035:
            continue
        now = i.current if i.current is not None else i.value_2020
        unit = i.unit if zh else i.unit_en
        marks = []
        if i.value_2025 is not None:
            marks.append((100 * i.value_2025 / i.value_2035, f"2025 {i.value_2025:g}", MARK_2025))
        marks.append((100.0, f"2035 {i.value_2035:g}", MARK_2035))
        where = (Text("现状", "now") if i.current is not None else Text("2020年", "2020"))(lang)
        bars.append(Bar(i.name_zh if zh else i.name_en,
                        None if now is None else 100 * now / i.value_2035, marks,
                        "—" if now is None else f"{where} {now:g} {unit}"))
    title = Text("专栏3-1 指标：现状对照2025、2035年目标",
                 "Indicators (专栏3-1): now against 2025 and 2035")
    own = WIDTH + 60
    return target_bars(bars, title(lang), label_width=_fit(width, own, 200, 130), width=width,
                       value_width=_fit(width, own, 170, 90))


def township_chart(p: Progress, lang: str = "zh", by: str = "township",
                   width: int = WIDTH) -> str:
    groups = (p.by_township if by == "township" else p.by_phase) + [p.total]
    title = (Text("各乡镇历史遗留矿山图斑核查与治理状态", "Legacy-mine patches by township")
             if by == "township" else Text("各治理阶段图斑状态", "Patches by phase"))
    return status_bars(groups, title(lang), lang, width=width,
                       label_width=_fit(width, WIDTH, 110 if lang == "zh" else 170, 100),
                       names=lambda g: p.group_label(g, lang))


def targets_chart(p: Progress, lang: str = "zh", width: int = WIDTH) -> str:
    zh = lang == "zh"
    rows = []
    for t in p.targets:
        label = f"{t.project_id} {t.target_zh if zh else t.target_en}"
        done = "—" if t.completed is None else f"{t.completed:g}"
        text = f"{done} / {t.as_written(t.quantity)} {t.unit_in(lang, t.quantity)}"
        if t.patch_restored:  # mine projects: what the verified patches say
            n = f"{t.patch_restored:.4g}"
            text += Text("（图斑 {n}）", " (patches {n})").format(n=n)(lang)
        rows.append((label, t.percent, text))
    title = Text("重点项目目标完成情况（按规划单位）", "Project targets (in the plan's units)")
    return percent_bars(rows, title(lang), label_width=_fit(width, WIDTH, 250, 130), width=width,
                        value_width=_fit(width, WIDTH, 150, 90),
                        min_bar=_fit(width, WIDTH, 120, 60))
