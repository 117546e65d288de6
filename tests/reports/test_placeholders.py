"""The placeholder syntax: figures by indicator key, options, literal braces, and every
mistake kept visible rather than dropped."""

import pytest
from django.core.exceptions import ValidationError

from reports.models import validate_placeholders
from reports.placeholders import (
    ChartPlaceholder,
    Placeholder,
    Problem,
    keys,
    parse,
    placeholder_errors,
)

# The built-in figures are definitions in the database, as a federation's own are.
pytestmark = pytest.mark.django_db


def test_text_and_placeholders_in_order():
    assert parse("荣获{families.city_green}，举办{families.lecture_sessions}宣讲") == [
        "荣获",
        Placeholder("{families.city_green}", "families.city_green"),
        "，举办",
        Placeholder("{families.lecture_sessions}", "families.lecture_sessions"),
        "宣讲",
    ]


@pytest.mark.parametrize(
    ("source", "approx", "with_unit"),
    [
        ("{welfare.fundraising|余}", "余", True),
        ("{families.lecture_beneficiaries｜近}", "近", True),
        ("{families.lecture_beneficiaries|数}", "", False),
        ("{families.lecture_beneficiaries | 近 | 数}", "近", False),
    ],
)
def test_options(source, approx, with_unit):
    [placeholder] = parse(source)
    assert (placeholder.approx, placeholder.with_unit) == (approx, with_unit)


def test_doubled_braces_are_literal_braces():
    assert parse("{{不是占位符}}") == ["{不是占位符}"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{families.no_such_figure}", "没有代码为“families.no_such_figure”的指标。"),
        ("{最美家庭}", "没有名为 {最美家庭} 的指标。您是不是要写"),
        ("{families.city_green|约}", "“约”不是可用的写法"),
        ("{families.city_green|余|近}", "不能同时用“余”和“近”"),
    ],
)
def test_mistakes_are_problems_with_chinese_messages(text, message):
    [problem] = parse(text)
    assert isinstance(problem, Problem)
    assert problem.source == text
    assert message in problem.message


def test_an_unclosed_brace_stays_as_text():
    assert parse("共{families.city_green户") == ["共{families.city_green户"]


def test_keys_in_order_of_first_use():
    text = "{families.city_green}{welfare.fundraising|余}{families.city_green}"
    assert keys(text) == ["families.city_green", "welfare.fundraising"]


def test_the_model_validator_lists_every_mistake():
    assert placeholder_errors("{a.b}与{families.city_green}与{c.d}") == [
        "没有代码为“a.b”的指标。",
        "没有代码为“c.d”的指标。",
    ]
    with pytest.raises(ValidationError, match=r"a\.b"):
        validate_placeholders("{a.b}")
    validate_placeholders("只有文字，没有数字。")


@pytest.mark.parametrize(
    ("text", "dimension"),
    [
        ("{families.awards@级别}", "级别"),
        ("{rights.cases_received@月份}", "月份"),
        ("{welfare.grant_amount@下级单位}", "下级单位"),
    ],
)
def test_chart_placeholders(text, dimension):
    [chart] = parse(text)
    assert isinstance(chart, ChartPlaceholder)
    assert (chart.key, chart.dimension) == (text[1:].split("@")[0], dimension)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{families.awards@颜色}", "不能按“颜色”分解（可用：级别、类别、下级单位、月份）"),
        ("{families.parent_schools@月份}", "不能按“月份”分解"),  # it has no date
        ("{families.none@级别}", "没有代码为“families.none”的指标。"),
        ("{家庭@级别}", "不是图表占位符"),
    ],
)
def test_chart_placeholder_mistakes(text, message):
    [problem] = parse(text)
    assert isinstance(problem, Problem)
    assert message in problem.message
