# SPDX-License-Identifier: GPL-2.0-or-later
"""The Progress dock's indicator chart as QGIS draws it at the dock's width, in English and
in Chinese: every text inked within the chart and clear of every other. Its English title
was cut at the edge ("now against 202"), its bold letters wider than the width it was broken
to; a 2035 target's label ran into the value beside the bar ("2020 314 平方千米" under
"2035 385")."""

from __future__ import annotations

import re

import numpy as np
import pytest
from qgis.core import QgsApplication
from qgis.PyQt.QtCore import QByteArray, QRectF
from qgis.PyQt.QtGui import QColor, QImage, QPainter
from qgis.PyQt.QtSvg import QSvgRenderer

from tests.qgis.conftest import qgis_speaking
from tests.qgis.test_docks_fit_their_width import LOCALES, _opened

_TEXT = re.compile(r"<text [^>]*>[^<]*</text>")


def _inked(svg: str, text: str, width: float, height: float):
    """Where ``text`` (one of ``svg``'s) is inked, drawn alone as Qt's SVG renderer draws
    it, at the chart's scale on a page wider than the chart: (left, top, right, bottom)."""
    head = re.match(r"(?s).*?<svg [^>]*>", svg).group(0)
    alone = head + text + "</svg>"
    renderer = QSvgRenderer(QByteArray(alone.encode("utf-8")))
    page = QImage(int(width) + 400, int(height), QImage.Format_ARGB32)
    page.fill(QColor("white"))
    painter = QPainter(page)
    renderer.render(painter, QRectF(0, 0, width, height))
    painter.end()
    bits = page.constBits()
    bits.setsize(page.sizeInBytes())
    pixels = np.frombuffer(bits, np.uint8).reshape(page.height(), page.bytesPerLine())
    pixels = pixels[:, :4 * page.width()].reshape(page.height(), page.width(), 4)
    ys, xs = np.nonzero((pixels[:, :, :3] < 200).any(axis=2))
    if not len(xs):
        return None
    return xs.min(), ys.min(), xs.max(), ys.max()


def _faults(svg: str) -> list[str]:
    width, height = (float(v) for v in re.search(
        r'<svg [^>]*width="([\d.]+)" height="([\d.]+)"', svg).groups())
    boxes = []
    for text in _TEXT.findall(svg):
        box = _inked(svg, text, width, height)
        if box is not None:
            boxes.append((re.sub(r"<[^>]+>", "", text), box))
    out = [f"{s!r} inked past the chart's edge" for s, (_, _, right, _) in boxes
           if right >= width]
    for n, (a, (l1, t1, r1, b1)) in enumerate(boxes):
        for b, (l2, t2, r2, b2) in boxes[n + 1:]:
            if l1 < r2 and l2 < r1 and t1 < b2 and t2 < b1:
                out.append(f"{a!r} and {b!r} overlap")
    return out


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_indicator_chart_is_drawn_whole_and_clear_at_the_docks_width(lang, iface, master,
                                                                          tmp_path):
    with qgis_speaking(LOCALES[lang], tmp_path / "qm"):
        plugin, dock = _opened(iface, master, "toksun_show_dashboard", height=700)
        try:
            chart = dock.indicator_chart
            for _ in range(3):
                QgsApplication.processEvents()
            svg = chart.draw(width=chart.drawn)
            assert chart.drawn == chart.width()  # (as shown)
            assert _faults(svg) == []
        finally:
            plugin.unload()
