"""Bar charts as server-rendered SVG, for the officials' dashboard and the report PDF.

Two shapes: a list of bars across (one row each, label on the left, value at the bar's
end) and bars upright (twelve months, or a few categories, labels underneath). Every bar
has a `<title>` tooltip ("某某镇：12户"), its value printed at its end and, when it has a
drill-down URL, a link that opens in the same tab; the root has `role="img"`, an
`aria-label` that reads the whole chart, and scales to the width of its container.
Colours and fonts are presentation attributes: a chart runs no code and needs no inline
style (which the Content-Security-Policy refuses; the hover colour of linked bars is in
fedportal/static/fedportal/portal.css).

Labels come from reference lists staff can edit, so they never become markup as strings:
every text and attribute is set on ElementTree elements and escaped when serialised, which
is why the result can be marked safe.

Text is laid out without a font at hand, by display width: a Chinese character (and any
full-width or ambiguous-width one, which CJK fonts draw full width) takes 1 em, anything
else 0.6 em — a little more than digits and Latin letters need, so nothing overlaps.

In the report PDF a chart goes inline into the HTML, as it is: WeasyPrint draws inline SVG
with its text as text (copyable, in the embedded CJK font). An `<img>` with a data: URL
would be refused by the report's URL fetcher, which allows no protocol at all.
"""

import re
import unicodedata
from dataclasses import dataclass, replace
from decimal import Decimal
from urllib.parse import urlsplit
from xml.etree.ElementTree import Element, SubElement, tostring

from django.utils.safestring import SafeString, mark_safe

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"

FONT_FAMILY = (
    '"Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", sans-serif'
)
RED = "#b3261e"  # the federation's colour
TEXT = "#1f1f1f"
MUTED = "#5f6368"
AXIS = "#9aa0a6"

# Sizes are in viewBox units. A chart scales with its container, so they are chosen to stay
# readable when 480 units shrink to a phone's ~330 px (a 14-unit label becomes ~10 px).
WIDTH = 480
MARGIN = 8
GAP = 6  # between a label and its bar
FONT_SIZE = 14
MIN_FONT_SIZE = 9
TITLE_SIZE = 16
TITLE_LINE = TITLE_SIZE + 6
LINE = FONT_SIZE + 4
ROW = 28  # one bar of a horizontal chart
BAR_SPACE = 4  # above and below a horizontal bar
PLOT_HEIGHT = 220  # the bars of a vertical chart
BAR_SHARE = 0.7  # of its column, for an upright bar
MAX_LABEL_CHARS = 10  # programme names run to ~10 characters; longer ones end in "…"
BASELINE = 0.35  # of the font size: from a line's middle to its baseline

MONTHS = [f"{month}月" for month in range(1, 13)]
NO_DATA = "暂无数据"

# Characters XML cannot hold; a stray one pasted into a reference list must neither break
# the dashboard nor make the SVG unreadable.
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


@dataclass(frozen=True)
class Bar:
    label: str  # e.g. a township's name, "省", "12338热线"
    value: int | Decimal
    url: str | None = None  # a drill-down link, or None
    text: str = ""  # the value as shown, e.g. "27万元"; by default the value and the unit


def bar_chart(title: str, bars: list[Bar], unit: str, *, horizontal: bool = True) -> SafeString:
    """One series of bars, in the given order: top to bottom, or left to right.

    Horizontal charts grow a row per bar, so they suit long lists and phones; vertical ones
    keep their height and wrap labels onto two lines. Bars are measured from zero against
    the largest value (figures are counts and sums, never negative; a negative value draws
    no bar). A bar's `url` must be a path or an http(s) URL; anything else is a programming
    error and raises ValueError. No bars, or only zeros, give a chart that says "暂无数据".
    """
    title, unit = _clean(title), _clean(unit)
    bars = [
        replace(bar, label=_clean(bar.label), text=_clean(bar.text), url=_clean(bar.url))
        for bar in bars
    ]
    for bar in bars:
        _check_url(bar.url)  # after cleaning, which could join "java\0script:" up
    if not bars or all(bar.value == 0 for bar in bars):
        return mark_safe(_no_data(title))
    texts = [bar.text or f"{bar.value}{unit}" for bar in bars]
    draw = _horizontal if horizontal else _vertical
    root, groups = draw(title, bars, texts)
    for group, bar, text in zip(groups, bars, texts, strict=True):
        _tooltip_and_link(group, bar, text)
    summary = "，".join(f"{bar.label}{text}" for bar, text in zip(bars, texts, strict=True))
    _finish_root(root, f"{title}：{summary}")
    return mark_safe(_serialise(root))


def month_chart(title: str, values: list[int | Decimal], unit: str) -> SafeString:
    """Twelve vertical bars, January to December."""
    if len(values) != 12:
        raise ValueError(f"month_chart needs 12 values, got {len(values)}")
    bars = [Bar(label, value) for label, value in zip(MONTHS, values, strict=True)]
    return bar_chart(title, bars, unit, horizontal=False)


# The two shapes ----------------------------------------------------------------------------


def _horizontal(title: str, bars: list[Bar], texts: list[str]) -> tuple[Element, list[Element]]:
    """Label, bar, value: one row a bar, the labels right-aligned against the bars."""
    labels = [_shorten(bar.label) for bar in bars]
    root, top = _root_with_title(title)
    plot_left = MARGIN + _widest(labels, FONT_SIZE) + GAP
    value_room = 4 + _widest(texts, FONT_SIZE)
    # Long values cannot squeeze the bars to nothing; the label column gives way instead.
    plot_width = max(WIDTH - MARGIN - value_room - plot_left, WIDTH / 4)
    plot_left = min(plot_left, WIDTH - MARGIN - value_room - plot_width)
    largest = _largest(bars)
    groups = []
    for i, (bar, label, text) in enumerate(zip(bars, labels, texts, strict=True)):
        row_top = top + i * ROW
        middle = row_top + ROW / 2 + FONT_SIZE * BASELINE
        length = _length(bar.value, largest, plot_width)
        group = SubElement(root, "g", {"class": "bar"})
        # The whole row answers to pointer and tap: a bar of 1 is too thin to hit.
        _rect(group, x=MARGIN, y=row_top, width=WIDTH - 2 * MARGIN, height=ROW, fill="transparent")
        _rect(
            group,
            x=plot_left,
            y=row_top + BAR_SPACE,
            width=length,
            height=ROW - 2 * BAR_SPACE,
            fill=RED,
            **{"class": "bar-fill"},
        )
        _text(group, text, x=plot_left + length + 4, y=middle)
        _label(group, [label], bar.label, x=plot_left - GAP, y=middle, anchor="end")
        groups.append(group)
    bottom = top + len(bars) * ROW
    _line(root, x1=plot_left, y1=top, x2=plot_left, y2=bottom)
    root.set("viewBox", f"0 0 {WIDTH} {_number(bottom + MARGIN)}")
    return root, groups


def _vertical(title: str, bars: list[Bar], texts: list[str]) -> tuple[Element, list[Element]]:
    """Columns side by side, values above them and labels (up to two lines) beneath."""
    slot = (WIDTH - 2 * MARGIN) / len(bars)
    # Values sit above their bars; shrink them rather than let neighbours overlap.
    value_size = max(MIN_FONT_SIZE, min(FONT_SIZE, int((slot - 2) / _em(texts))))
    label_lines = [_wrap(_shorten(bar.label), slot - 4, FONT_SIZE, max_lines=2) for bar in bars]
    root, top = _root_with_title(title)
    plot_top = top + value_size + 6
    plot_bottom = plot_top + PLOT_HEIGHT
    labels_bottom = plot_bottom + 4 + max(len(lines) for lines in label_lines) * LINE
    bar_width = slot * BAR_SHARE
    largest = _largest(bars)
    groups = []
    for i, (bar, lines, text) in enumerate(zip(bars, label_lines, texts, strict=True)):
        left = MARGIN + i * slot
        centre = left + slot / 2
        length = _length(bar.value, largest, PLOT_HEIGHT)
        group = SubElement(root, "g", {"class": "bar"})
        _rect(group, x=left, y=top, width=slot, height=labels_bottom - top, fill="transparent")
        _rect(
            group,
            x=centre - bar_width / 2,
            y=plot_bottom - length,
            width=bar_width,
            height=length,
            fill=RED,
            **{"class": "bar-fill"},
        )
        value = _text(group, text, x=centre, y=plot_bottom - length - 5, anchor="middle")
        value.set("font-size", str(value_size))
        _label(group, lines, bar.label, x=centre, y=plot_bottom + 4 + FONT_SIZE, anchor="middle")
        groups.append(group)
    _line(root, x1=MARGIN, y1=plot_bottom, x2=WIDTH - MARGIN, y2=plot_bottom)
    root.set("viewBox", f"0 0 {WIDTH} {_number(labels_bottom + MARGIN)}")
    return root, groups


def _no_data(title: str) -> str:
    root, top = _root_with_title(title)
    _text(root, NO_DATA, x=WIDTH / 2, y=top + 20, fill=MUTED, anchor="middle")
    root.set("viewBox", f"0 0 {WIDTH} {_number(top + 36)}")
    _finish_root(root, f"{title}：{NO_DATA}")
    return _serialise(root)


# Pieces ------------------------------------------------------------------------------------


def _root_with_title(title: str) -> tuple[Element, float]:
    """The `<svg>` with its title drawn, centred on up to three lines, and where the
    chart below it starts."""
    root = Element("svg", {"xmlns": SVG_NS})
    lines = _wrap(title, WIDTH - 2 * MARGIN, TITLE_SIZE, max_lines=3)
    for i, line in enumerate(lines):
        text = _text(root, line, x=WIDTH / 2, y=MARGIN + TITLE_SIZE + i * TITLE_LINE)
        text.set("text-anchor", "middle")
        text.set("font-size", str(TITLE_SIZE))
        text.set("font-weight", "bold")
    return root, MARGIN + len(lines) * TITLE_LINE + 4


def _tooltip_and_link(group: Element, bar: Bar, text: str) -> None:
    """Put the bar's tooltip first in its group and, with a URL, wrap it all in a link."""
    tooltip = Element("title")
    tooltip.text = f"{bar.label}：{text}"
    parts = [tooltip, *group]
    for part in list(group):
        group.remove(part)
    if bar.url:
        link = SubElement(group, "a", {"href": bar.url, "xlink:href": bar.url, "target": "_self"})
        link.extend(parts)
    else:
        group.extend(parts)


def _label(group, lines: list[str], full: str, *, x: float, y: float, anchor: str) -> None:
    """A category label, one `<tspan>` a line when wrapped, with the full label as its
    tooltip when it had to be shortened."""
    text = _text(group, lines[0], x=x, y=y, anchor=anchor)
    text.set("class", "bar-label")
    if len(lines) > 1:
        text.text = None
        for i, line in enumerate(lines):
            span = SubElement(text, "tspan", x=_number(x))
            if i:
                span.set("dy", str(LINE))
            span.text = line
    if "".join(lines) != full:
        SubElement(text, "title").text = full


def _finish_root(root: Element, label: str) -> None:
    if root.find(".//a") is not None:
        root.set("xmlns:xlink", XLINK_NS)
    root.set("role", "img")
    root.set("aria-label", label)
    root.set("width", "100%")  # and no height: the viewBox keeps the proportions
    root.set("font-family", FONT_FAMILY)
    root.set("fill", TEXT)


def _serialise(root: Element) -> str:
    return tostring(root, encoding="unicode", short_empty_elements=True)


def _rect(parent: Element, **attributes) -> Element:
    # Transparent, not "none", where a rect only catches the pointer: an unpainted one would not.
    return SubElement(parent, "rect", {key: _number(value) for key, value in attributes.items()})


def _line(parent: Element, **ends: float) -> Element:
    return SubElement(
        parent,
        "line",
        {**{key: _number(value) for key, value in ends.items()}, "stroke": AXIS},
    )


def _text(parent, content: str, *, x: float, y: float, anchor: str = "", fill: str = TEXT):
    text = SubElement(parent, "text", {"x": _number(x), "y": _number(y), "fill": fill})
    text.set("font-size", str(FONT_SIZE))
    if anchor:
        text.set("text-anchor", anchor)
    text.text = content
    return text


def _largest(bars: list[Bar]) -> float:
    return max(float(bar.value) for bar in bars)


def _length(value, largest: float, room: float) -> float:
    """A bar's length; any value above zero stays visible, however small beside the rest."""
    if value <= 0:
        return 0.0
    return max(room * float(value) / largest, 1.0)


def _number(value) -> str:
    """Two decimals at most: enough for a chart, and the 100-bar chart stays small."""
    return f"{value:.2f}".rstrip("0").rstrip(".") if isinstance(value, float) else str(value)


def _clean(text: str | None) -> str | None:
    return text and NOT_XML.sub("", text)


def _check_url(url: str | None) -> None:
    if url is not None and urlsplit(url).scheme not in ("", "http", "https"):
        raise ValueError(f"not a link a chart may carry: {url!r}")


# Text measures -----------------------------------------------------------------------------


def _char_em(char: str) -> float:
    """Width of a character in em: Chinese characters (and the full-width and ambiguous ones,
    which CJK fonts draw full width) are square; others are narrower."""
    return 1.0 if unicodedata.east_asian_width(char) in "WFA" else 0.6


def _em(texts: list[str]) -> float:
    return max(sum(_char_em(char) for char in text) for text in texts)


def _widest(texts: list[str], size: float) -> float:
    return _em(texts) * size


def _shorten(label: str) -> str:
    return label if len(label) <= MAX_LABEL_CHARS else label[: MAX_LABEL_CHARS - 1] + "…"


def _wrap(text: str, width: float, size: float, *, max_lines: int) -> list[str]:
    """Break text into lines that fit `width`; what does not fit ends in "…"."""
    lines, line, line_width = [], "", 0.0
    for char in text:
        char_width = _char_em(char) * size
        if line and line_width + char_width > width:
            lines.append(line)
            line, line_width = "", 0.0
        line += char
        line_width += char_width
    lines.append(line)
    if len(lines) > max_lines:
        last = lines[max_lines - 1]
        while last and _widest([last + "…"], size) > width:
            last = last[:-1]
        lines = [*lines[: max_lines - 1], last + "…"]
    return lines
