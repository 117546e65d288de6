"""Bar charts as server-rendered SVG, for the officials' dashboard and the report PDF.

pygal lays a chart out; lxml then finishes pygal's tree: every bar gets a `<title>` tooltip
("腊市镇：12户"), its value printed at its end and, when it has a drill-down URL, a link that
opens in the same tab; the root gets `role="img"`, an `aria-label` that reads the whole
chart, and scales to the width of its container. pygal's script, stylesheet, comments and
JavaScript-tooltip scaffolding are removed: colours and fonts are set as attributes on the
elements, so a chart runs no code, needs no inline style (which the Content-Security-Policy
refuses; the hover colour of linked bars is in fedportal/static/fedportal/portal.css) and
names no URL but its own links.

Labels come from reference lists staff can edit, so they never become markup as strings:
every text and attribute is set on lxml elements and escaped when serialised, which is why
the result can be marked safe.

In the report PDF a chart goes inline into the HTML, as it is: WeasyPrint draws inline SVG
with its text as text (copyable, in the embedded CJK font). An `<img>` with a data: URL
would be refused by the report's URL fetcher, which allows no protocol at all.
"""

import re
import unicodedata
from dataclasses import dataclass, replace
from decimal import Decimal
from urllib.parse import urlsplit

from django.utils.safestring import SafeString, mark_safe

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"

FONT_FAMILY = (
    '"Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", sans-serif'
)
RED = "#b3261e"  # the federation's colour
TEXT = "#1f1f1f"
MUTED = "#5f6368"

# Sizes are in viewBox units. A chart scales with its container, so they are chosen to stay
# readable when 480 units shrink to a phone's ~330 px (a 14-unit label becomes ~10 px).
WIDTH = 480
MARGIN = 8
FONT_SIZE = 14
MIN_FONT_SIZE = 9
TITLE_SIZE = 16
LINE = FONT_SIZE + 4
ROW = 28  # one bar of a horizontal chart
PLOT_HEIGHT = 220  # the bars of a vertical chart
MAX_LABEL_CHARS = 10  # programme names run to ~10 characters; longer ones end in "…"

MONTHS = [f"{month}月" for month in range(1, 13)]
NO_DATA = "暂无数据"

# Characters XML cannot hold; lxml refuses them, and a stray one pasted into a reference
# list must not break the dashboard.
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


@dataclass(frozen=True)
class Bar:
    label: str  # e.g. "腊市镇", "省", "12338热线"
    value: int | Decimal
    url: str | None = None  # a drill-down link, or None
    text: str = ""  # the value as shown, e.g. "27万元"; by default the value and the unit


def bar_chart(title: str, bars: list[Bar], unit: str, *, horizontal: bool = True) -> SafeString:
    """One series of bars, in the given order: top to bottom, or left to right.

    Horizontal charts grow a row per bar, so they suit long lists and phones; vertical ones
    keep their height and wrap labels onto two lines. A bar's `url` must be a path or an
    http(s) URL; anything else is a programming error and raises ValueError. No bars, or
    only zeros, give a chart that says "暂无数据".
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
    return mark_safe(_render(title, bars, texts, horizontal))


def month_chart(title: str, values: list[int | Decimal], unit: str) -> SafeString:
    """Twelve vertical bars, January to December."""
    if len(values) != 12:
        raise ValueError(f"month_chart needs 12 values, got {len(values)}")
    bars = [Bar(label, value) for label, value in zip(MONTHS, values, strict=True)]
    return bar_chart(title, bars, unit, horizontal=False)


# Building ----------------------------------------------------------------------------------


def _render(title: str, bars: list[Bar], texts: list[str], horizontal: bool) -> str:
    # pygal and lxml take 30–60 ms to import: only what draws a chart
    # pays it, not every management command.
    import pygal
    from pygal.style import Style

    labels = [_shorten(bar.label) for bar in bars]
    title_lines = _wrap(title, WIDTH - 2 * MARGIN, TITLE_SIZE, max_lines=3)
    top = MARGIN + len(title_lines) * (TITLE_SIZE + 6) + 4
    # pygal's stylesheet is dropped below, but it lays the chart out with these sizes.
    style = Style(
        font_family=FONT_FAMILY,
        colors=(RED,),
        label_font_size=FONT_SIZE,
        major_label_font_size=FONT_SIZE,
        value_font_size=FONT_SIZE,
        title_font_size=TITLE_SIZE,
    )
    config = dict(
        style=style,
        js=[],
        width=WIDTH,
        show_legend=False,
        truncate_label=-1,  # labels are shortened here, by display width, not by pygal
        margin=MARGIN,
        spacing=8,
        print_values=False,  # printed below, at the bar's end, in the caller's wording
        show_x_guides=False,
        show_y_guides=False,
    )
    if horizontal:
        # pygal draws the first bar at the bottom; a list reads top down.
        order = list(reversed(range(len(bars))))
        value_size = FONT_SIZE
        label_lines = [[label] for label in labels]
        chart = pygal.HorizontalBar(
            **config,
            height=top + len(bars) * ROW + MARGIN,
            margin_top=top,
            # pygal reserves 0.6 em a character for labels, too little for Chinese.
            margin_left=MARGIN + _widest(labels, FONT_SIZE) - _pygal_widest(labels),
            margin_right=_widest(texts, FONT_SIZE) + 8,
            show_x_labels=False,  # the value axis: each bar prints its own value
        )
    else:
        order = list(range(len(bars)))
        slot = (WIDTH - 2 * MARGIN) / len(bars)
        # Values sit above their bars; shrink them rather than let neighbours overlap.
        value_size = max(MIN_FONT_SIZE, min(FONT_SIZE, int((slot - 2) / _em(texts))))
        label_lines = [_wrap(label, slot - 4, FONT_SIZE, max_lines=2) for label in labels]
        extra_lines = max(len(lines) for lines in label_lines) - 1
        margin_top = top + value_size + 6
        margin_bottom = MARGIN + extra_lines * LINE
        chart = pygal.Bar(
            **config,
            # pygal puts the labels 8 + 14 units under the plot.
            height=margin_top + PLOT_HEIGHT + 8 + FONT_SIZE + margin_bottom,
            margin_top=margin_top,
            margin_bottom=margin_bottom,
            show_y_labels=False,
        )
    chart.x_labels = [labels[i] for i in order]
    chart.add("", [float(bars[i].value) for i in order])
    root = chart.render_tree()
    plot = root.find(".//g[@class='plot']/rect[@class='background']")
    plot_size = float(plot.get("width")), float(plot.get("height"))

    _strip(root)
    _draw_title(root, title_lines)
    _finish_bars(
        root,
        [bars[i] for i in order],
        [texts[i] for i in order],
        horizontal=horizontal,
        plot_size=plot_size,
        value_size=value_size,
    )
    _finish_labels(
        root,
        [label_lines[i] for i in order],
        [bars[i].label for i in order],
        horizontal,
    )
    summary = "，".join(f"{bar.label}{text}" for bar, text in zip(bars, texts, strict=True))
    _finish_root(root, f"{title}：{summary}")
    return _serialise(root)


def _no_data(title: str) -> str:
    from lxml import etree

    lines = _wrap(title, WIDTH - 2 * MARGIN, TITLE_SIZE, max_lines=3)
    top = MARGIN + len(lines) * (TITLE_SIZE + 6) + 4
    height = top + 36
    root = etree.Element("svg", nsmap={None: SVG_NS})
    root.set("viewBox", f"0 0 {WIDTH} {height}")
    _draw_title(root, lines)
    _text(root, NO_DATA, x=WIDTH / 2, y=top + 20, fill=MUTED, anchor="middle")
    _finish_root(root, f"{title}：{NO_DATA}")
    return _serialise(root)


def _strip(root) -> None:
    """Remove what pygal adds for its JavaScript, its look and its credits."""
    from lxml import etree

    for node in list(root.iter(etree.Comment, etree.PI)):
        node.getparent().remove(node)
    for path in ("defs", ".//title", ".//desc", ".//rect[@class='background']", ".//path"):
        for node in root.findall(path):
            node.getparent().remove(node)
    for node in root.findall(".//g"):
        if {"tooltip-overlay", "overlay", "text-overlay", "titles"} & set(
            node.get("class", "").split()
        ):
            node.getparent().remove(node)


def _draw_title(root, lines: list[str]) -> None:
    for i, line in enumerate(lines):
        text = _text(
            root, line, x=WIDTH / 2, y=MARGIN + TITLE_SIZE + i * (TITLE_SIZE + 6), anchor="middle"
        )
        text.set("font-size", str(TITLE_SIZE))
        text.set("font-weight", "bold")


def _finish_bars(
    root,
    bars: list[Bar],
    texts: list[str],
    *,
    horizontal: bool,
    plot_size: tuple[float, float],
    value_size: int,
) -> None:
    from lxml import etree

    plot_width, plot_height = plot_size
    groups = root.findall(".//g[@class='bar']")
    for group, bar, text in zip(groups, bars, texts, strict=True):
        fill = group.find("rect")
        x, y = float(fill.get("x", 0)), float(fill.get("y", 0))
        width, height = float(fill.get("width", 0)), float(fill.get("height", 0))
        fill.attrib.clear()
        # pygal writes 16 decimals; two make the 100-bar chart a third smaller.
        fill.attrib.update(
            {"x": _number(x), "y": _number(y), "width": _number(width), "height": _number(height)}
        )
        fill.set("class", "bar-fill")
        fill.set("fill", RED)
        # The whole row (or column) answers to pointer and tap: a bar of 1 is too thin to hit.
        if horizontal:
            hit = _rect(x=0, y=y, width=plot_width, height=height)
            value = _text(group, text, x=x + width + 4, y=y + height / 2 + value_size * 0.35)
        else:
            hit = _rect(x=x, y=0, width=width, height=plot_height)
            value = _text(group, text, x=x + width / 2, y=y - 5, anchor="middle")
        value.set("font-size", str(value_size))
        group.insert(0, hit)
        tooltip = etree.Element("title")
        tooltip.text = f"{bar.label}：{text}"
        if bar.url:
            link = etree.Element("a")
            link.set("href", bar.url)
            link.set(f"{{{XLINK_NS}}}href", bar.url)  # for viewers before SVG 2
            link.set("target", "_self")
            link.append(tooltip)
            link.extend(list(group))
            group.append(link)
        else:
            group.insert(0, tooltip)


def _finish_labels(root, lines: list[list[str]], full_labels: list[str], horizontal: bool) -> None:
    """Write the category labels, wrapped, and give shortened ones their full text."""
    from lxml import etree

    axis_class = "y" if horizontal else "x"
    axis = next(
        node
        for node in root.iter("g")
        if {"axis", axis_class} <= set(node.get("class", "").split())
    )
    for text, label_lines, full in zip(axis.iter("text"), lines, full_labels, strict=True):
        text.attrib.pop("class", None)
        text.set("x", _number(float(text.get("x"))))
        text.set("y", _number(float(text.get("y"))))
        text.set("fill", TEXT)
        text.set("font-size", str(FONT_SIZE))
        text.set("text-anchor", "end" if horizontal else "middle")
        if len(label_lines) > 1:
            text.text = None
            for i, line in enumerate(label_lines):
                span = etree.SubElement(text, "tspan", x=text.get("x"))
                if i:
                    span.set("dy", str(LINE))
                span.text = line
        if "".join(label_lines) != full:
            etree.SubElement(text, "title").text = full


def _finish_root(root, label: str) -> None:
    root.set("role", "img")
    root.set("aria-label", label)
    root.set("width", "100%")  # and no height: the viewBox keeps the proportions
    root.set("font-family", FONT_FAMILY)
    root.set("fill", TEXT)


def _serialise(root) -> str:
    from lxml import etree

    return etree.tostring(root, encoding="unicode")


def _node(parent, tag: str, **attributes):
    from lxml import etree

    return etree.SubElement(parent, tag, {key: _number(value) for key, value in attributes.items()})


def _rect(**attributes):
    from lxml import etree

    # Transparent, not "none": an unpainted rect would not catch the pointer.
    return etree.Element(
        "rect",
        {key: _number(value) for key, value in attributes.items()},
        fill="transparent",
        stroke="none",
    )


def _text(parent, content: str, *, x: float, y: float, anchor: str = "", fill: str = TEXT):
    text = _node(parent, "text", x=x, y=y, fill=fill)
    text.set("font-size", str(FONT_SIZE))
    if anchor:
        text.set("text-anchor", anchor)
    text.text = content
    return text


def _number(value) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".") if isinstance(value, float) else str(value)


def _clean(text: str | None) -> str | None:
    return text and NOT_XML.sub("", text)


def _check_url(url: str | None) -> None:
    if url is not None and urlsplit(url).scheme not in ("", "http", "https"):
        raise ValueError(f"not a link a chart may carry: {url!r}")


# Text measures -----------------------------------------------------------------------------


def _char_em(char: str) -> float:
    """Width of a character in em: Chinese characters are square, Latin ones narrower."""
    return 1.0 if unicodedata.east_asian_width(char) in "WF" else 0.6


def _em(texts: list[str]) -> float:
    return max(sum(_char_em(char) for char in text) for text in texts)


def _widest(texts: list[str], size: float) -> float:
    return _em(texts) * size


def _pygal_widest(labels: list[str]) -> float:
    """The label room pygal reserves by itself, which the left margin makes up to size."""
    return max(len(label) for label in labels) * 0.6 * FONT_SIZE


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
