"""The dashboard's and the report's SVG charts: what each bar says and links to, how the
chart reads to a screen reader, that no label can become markup, and that WeasyPrint draws
the same SVG with its Chinese text kept as text."""

import io
import re
from decimal import Decimal

import pytest
from lxml import etree
from pypdf import PdfReader

from reports.charts import Bar, bar_chart, month_chart

SVG = "{http://www.w3.org/2000/svg}"
XLINK_HREF = "{http://www.w3.org/1999/xlink}href"
NAMESPACES = ("http://www.w3.org/2000/svg", "http://www.w3.org/1999/xlink")

TOWNS = [("峡山口街道", 27), ("湘东镇", 12), ("腊市镇", 3), ("老关镇", 0)]


def parse(svg: str):
    return etree.fromstring(svg)


def bar_groups(root):
    return [g for g in root.iter(f"{SVG}g") if g.get("class") == "bar"]


def tooltips(root) -> list[str]:
    return [group.find(f".//{SVG}title").text for group in bar_groups(root)]


def drawn(text) -> str:
    """What a `<text>` shows: its own text and its lines, not its tooltip."""
    return "".join(text.xpath("text()|svg:tspan/text()", namespaces={"svg": SVG[1:-1]}))


def drawn_texts(root) -> list[str]:
    return [drawn(text) for text in root.iter(f"{SVG}text")]


@pytest.fixture
def towns_svg():
    bars = [
        Bar(name, value, url=f"/admin/families/award/?unit={i}&year=2021" if i < 2 else None)
        for i, (name, value) in enumerate(TOWNS)
    ]
    return bar_chart("2021年各乡镇最美家庭户数", bars, "户")


def test_bars_carry_labels_values_and_tooltips(towns_svg):
    root = parse(towns_svg)
    texts = drawn_texts(root)
    for name, value in TOWNS:
        assert name in texts
        assert f"{value}户" in texts
    assert "2021年各乡镇最美家庭户数" in texts
    assert sorted(tooltips(root)) == sorted(f"{name}：{value}户" for name, value in TOWNS)


def test_bars_keep_the_given_order_top_down(towns_svg):
    root = parse(towns_svg)
    bars = sorted(
        (float(group.find(f".//{SVG}rect[@class='bar-fill']").get("y")), title)
        for group, title in zip(bar_groups(root), tooltips(root), strict=True)
    )
    assert [title for _, title in bars] == [f"{name}：{value}户" for name, value in TOWNS]


def test_bars_with_a_url_link_in_the_same_tab_and_others_do_not(towns_svg):
    root = parse(towns_svg)
    links = {
        link.find(f"{SVG}title").text: link
        for group in bar_groups(root)
        for link in group.iter(f"{SVG}a")
    }
    assert set(links) == {"峡山口街道：27户", "湘东镇：12户"}
    link = links["峡山口街道：27户"]
    assert link.get("href") == "/admin/families/award/?unit=0&year=2021"
    assert link.get(XLINK_HREF) == link.get("href")
    assert all(link.get("target") == "_self" for link in links.values())
    assert "_blank" not in towns_svg


def test_root_is_an_accessible_image_that_scales(towns_svg):
    root = parse(towns_svg)
    assert root.get("role") == "img"
    assert root.get("aria-label") == (
        "2021年各乡镇最美家庭户数：峡山口街道27户，湘东镇12户，腊市镇3户，老关镇0户"
    )
    assert re.fullmatch(r"0 0 \d+ \d+", root.get("viewBox"))
    assert root.get("width") == "100%"
    assert root.get("height") is None
    assert root.get("style") is None


def test_chart_uses_the_federation_red_and_cjk_fonts(towns_svg):
    root = parse(towns_svg)
    fills = {rect.get("fill") for rect in root.iter(f"{SVG}rect") if rect.get("class")}
    assert fills == {"#b3261e"}
    assert root.get("font-family").startswith('"Noto Sans CJK SC", "Source Han Sans SC"')


def test_chart_runs_no_code_and_names_no_outside_url(towns_svg):
    root = parse(towns_svg)
    assert root.find(f".//{SVG}script") is None
    assert not [
        name for node in root.iter() for name in node.attrib if name.lower().startswith("on")
    ]
    for namespace in NAMESPACES:
        towns_svg = towns_svg.replace(namespace, "")
    assert "http" not in towns_svg
    assert "<!--" not in towns_svg


def fills(root) -> list:
    return [group.find(f".//{SVG}rect[@class='bar-fill']") for group in bar_groups(root)]


def value_text(group, text):
    return next(node for node in group.iter(f"{SVG}text") if drawn(node) == text)


def test_bar_lengths_follow_the_values_from_zero(towns_svg):
    widths = [float(rect.get("width")) for rect in fills(parse(towns_svg))]
    longest = widths[0]
    assert widths[1] == pytest.approx(longest * 12 / 27, abs=0.01)
    assert widths[2] == pytest.approx(longest * 3 / 27, abs=0.01)
    assert widths[3] == 0
    assert len({rect.get("x") for rect in fills(parse(towns_svg))}) == 1


def test_a_small_value_beside_a_large_one_still_shows_a_bar():
    root = parse(bar_chart("各乡镇", [Bar("甲镇", 100_000), Bar("乙镇", 1)], "户"))
    assert float(fills(root)[1].get("width")) >= 1


def test_values_are_printed_at_the_bars_end(towns_svg):
    root = parse(towns_svg)
    for group, rect, (_, value) in zip(bar_groups(root), fills(root), TOWNS, strict=True):
        text = value_text(group, f"{value}户")
        end = float(rect.get("x")) + float(rect.get("width"))
        assert float(text.get("x")) == pytest.approx(end + 4, abs=0.01)
        top, height = float(rect.get("y")), float(rect.get("height"))
        assert top < float(text.get("y")) < top + height
    root = parse(month_chart("各月来电", list(range(1, 13)), "件"))
    for month, (group, rect) in enumerate(zip(bar_groups(root), fills(root), strict=True), 1):
        text = value_text(group, f"{month}件")
        assert float(text.get("y")) < float(rect.get("y"))
        centre = float(rect.get("x")) + float(rect.get("width")) / 2
        assert float(text.get("x")) == pytest.approx(centre, abs=0.01)


def test_chinese_labels_are_measured_full_width():
    def label_room(label):
        root = parse(bar_chart("各乡镇", [Bar(label, 3)], "户"))
        text = next(node for node in root.iter(f"{SVG}text") if drawn(node) == label)
        right = float(text.get("x"))
        assert text.get("text-anchor") == "end"
        assert right < float(fills(root)[0].get("x"))
        return right, float(text.get("font-size"))

    right, size = label_room("峡山口街道")
    assert right - 5 * size >= 0  # five square characters fit inside the chart
    latin, _ = label_room("ABCDE")
    assert latin < right  # Latin letters are narrower and get less room


def test_vertical_labels_wrap_onto_two_lines_under_their_bars():
    bars = [Bar(f"第{i}个很长名称的项目", i + 1) for i in range(6)]
    root = parse(bar_chart("各项目", bars, "人", horizontal=False))
    for group, bar in zip(bar_groups(root), bars, strict=True):
        label = next(
            node for node in group.iter(f"{SVG}text") if node.find(f"{SVG}tspan") is not None
        )
        lines = [span.text for span in label.iter(f"{SVG}tspan")]
        assert len(lines) == 2
        assert "".join(lines) == bar.label


def test_text_defaults_to_value_and_unit_and_can_be_given():
    root = parse(
        bar_chart(
            "各项目资金",
            [Bar("春蕾计划", Decimal("27.5")), Bar("两癌救助", 270000, text="27万元")],
            "万元",
            horizontal=False,
        )
    )
    assert "27.5万元" in drawn_texts(root)
    assert "27万元" in drawn_texts(root)
    assert sorted(tooltips(root)) == ["两癌救助：27万元", "春蕾计划：27.5万元"]


def test_long_labels_are_shortened_with_the_full_label_as_tooltip():
    name = "99公益日网络募捐活动项目"  # 13 characters
    for horizontal in (True, False):
        root = parse(
            bar_chart("项目", [Bar(name, 5), Bar("春蕾计划", 3)], "人", horizontal=horizontal)
        )
        label = next(text for text in root.iter(f"{SVG}text") if drawn(text).startswith("99"))
        assert drawn(label) == "99公益日网络募捐…"
        assert label.find(f"{SVG}title").text == name
        assert f"{name}：5人" in tooltips(root)


@pytest.mark.parametrize("bars", [[], [Bar("腊市镇", 0), Bar("湘东镇", Decimal("0.00"))]])
def test_no_data_gives_a_small_chart_that_says_so(bars):
    svg = bar_chart("各乡镇户数", bars, "户")
    root = parse(svg)
    assert drawn_texts(root) == ["各乡镇户数", "暂无数据"]
    assert root.get("role") == "img"
    assert root.get("aria-label") == "各乡镇户数：暂无数据"
    assert root.get("width") == "100%"
    assert root.get("viewBox")
    assert "<p" not in svg


HOSTILE = "\"'><script>alert(1)</script>&amp;<b>"


def test_hostile_labels_stay_text():
    svg = bar_chart(HOSTILE, [Bar(HOSTILE, 3, url="/x/?a=\"'><script>"), Bar("湘东镇", 2)], HOSTILE)
    assert "<script" not in svg
    assert "<b>" not in svg
    root = parse(svg)
    assert root.find(f".//{SVG}script") is None
    assert root.find(f".//{SVG}b") is None
    assert HOSTILE in drawn_texts(root)  # the title and the label, as typed
    assert root.get("aria-label").startswith(f"{HOSTILE}：{HOSTILE}3{HOSTILE}，")
    assert f"{HOSTILE}：3{HOSTILE}" in tooltips(root)
    assert root.find(f".//{SVG}a").get("href") == "/x/?a=\"'><script>"


def test_hostile_text_in_the_empty_chart_stays_text():
    svg = bar_chart(HOSTILE, [], "户")
    assert "<script" not in svg
    assert parse(svg).get("aria-label") == f"{HOSTILE}：暂无数据"


def test_characters_xml_cannot_hold_are_dropped():
    root = parse(bar_chart("各乡镇\x00", [Bar("腊市\x0b镇", 3, text="3\x1f户")], "户"))
    assert tooltips(root) == ["腊市镇：3户"]


@pytest.mark.parametrize(
    "url", ["javascript:alert(1)", " JavaScript:alert(1)", "java\tscript:x", "java\x00script:x"]
)
def test_links_other_than_paths_and_http_are_refused(url):
    with pytest.raises(ValueError):
        bar_chart("各乡镇", [Bar("腊市镇", 3, url=url)], "户")


def test_month_chart_has_twelve_months_in_order():
    root = parse(month_chart("各月来电", list(range(1, 13)), "件"))
    months = [f"{month}月" for month in range(1, 13)]
    assert [text for text in drawn_texts(root) if text.endswith("月")] == months
    assert tooltips(root) == [f"{month}月：{month}件" for month in range(1, 13)]
    assert root.get("aria-label").startswith("各月来电：1月1件，2月2件，")


def test_month_chart_needs_twelve_values():
    with pytest.raises(ValueError):
        month_chart("各月来电", [1] * 11, "件")


def test_weasyprint_draws_an_inline_chart_with_its_chinese_text():
    import weasyprint

    chart = bar_chart(
        "各乡镇最美家庭户数",
        [Bar(name, value, url=f"/x/?unit={i}") for i, (name, value) in enumerate(TOWNS)],
        "户",
    )
    html = f'<html lang="zh-CN"><body><p>正文</p>{chart}</body></html>'
    # The report's own fetcher: no protocol at all, so nothing may need fetching.
    fetcher = weasyprint.URLFetcher(allowed_protocols=())
    pdf = weasyprint.HTML(string=html, url_fetcher=fetcher).write_pdf()
    page = PdfReader(io.BytesIO(pdf)).pages[0]
    text = page.extract_text()
    for name, value in TOWNS:
        assert name in text
        assert f"{value}户" in text
    assert "各乡镇最美家庭户数" in text
    fonts = page["/Resources"]["/Font"]
    assert any("CJK" in str(fonts[key].get_object()["/BaseFont"]) for key in fonts)
