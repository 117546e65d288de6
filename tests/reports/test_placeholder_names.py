"""A figure may be written by its Chinese name, quote marks optional; a name that fits no
figure or several is a problem naming the candidates. Lists of figures in one pair of
braces."""

import pytest

from fedportal.models import FigureDefinition
from reports.placeholders import ListPlaceholder, Placeholder, Problem, keys, parse


@pytest.fixture
def xiangdong(unit):
    return unit("湘东区")


@pytest.mark.parametrize(
    "text",
    [
        "{市级“绿色（清洁）家庭”}",
        "{市级绿色（清洁）家庭}",
        '{市级"绿色（清洁）家庭"}',
        "{ 市级“绿色（清洁）家庭” }",
    ],
)
def test_a_figure_by_its_chinese_name(xiangdong, text):
    [placeholder] = parse(text, xiangdong)
    assert placeholder == Placeholder(text, "families.city_green")


def test_a_name_with_options_and_in_a_list(xiangdong):
    [named] = parse("{“两癌救助金”|余}", xiangdong)
    assert (named.key, named.approx) == ("welfare.liangai_relief_amount", "余")
    [listed] = parse("{全国“三八红旗手”、honors.city_red_banner_women|零}", xiangdong)
    assert isinstance(listed, ListPlaceholder)
    assert [(i.key, i.keep_zero) for i in listed.items] == [
        ("honors.national_red_banner_women", False),
        ("honors.city_red_banner_women", True),
    ]
    assert keys("获评{全国“三八红旗手”、honors.city_red_banner_women}", xiangdong) == [
        "honors.national_red_banner_women",
        "honors.city_red_banner_women",
    ]


def test_an_unknown_name_offers_the_nearest(xiangdong):
    [problem] = parse("{市级绿色家庭}", xiangdong)
    assert isinstance(problem, Problem)
    assert problem.message.startswith("没有名为 {市级绿色家庭} 的指标。您是不是要写 {")
    assert "{市级“绿色（清洁）家庭”}" in problem.message


def test_an_ambiguous_name_names_the_candidates(xiangdong):
    for key in ("welfare.kits_a", "welfare.kits_b"):
        FigureDefinition.objects.create(
            key=key, label="助学礼包", unit_word="个", source="welfare.grant", measure="count"
        )
    [problem] = parse("{“助学礼包”}", xiangdong)
    assert problem.message == (
        "{“助学礼包”} 对应多个指标：助学礼包（welfare.kits_a）、助学礼包（welfare.kits_b），"
        "请改写为其中一个的代码。"
    )


def test_keys_keep_working(xiangdong):
    [placeholder] = parse("{families.city_green|数}", xiangdong)
    assert placeholder == Placeholder("{families.city_green|数}", "families.city_green", "", False)


def test_each_unit_reads_a_name_in_its_own_words(xiangdong, unit):
    lashi = unit("腊市镇")
    other = unit("湘东镇")
    for key, owner in (("welfare.kits_here", lashi), ("welfare.kits_there", other)):
        FigureDefinition.objects.create(
            key=key, label="助学礼包", unit_word="个", source="welfare.grant",
            measure="count", org_unit=owner,
        )  # fmt: skip
    assert parse("{助学礼包}", lashi)[0].key == "welfare.kits_here"
    assert parse("{助学礼包}", other)[0].key == "welfare.kits_there"
    [problem] = parse("{助学礼包}", xiangdong)
    assert problem.message.startswith("没有名为 {助学礼包} 的指标。")
