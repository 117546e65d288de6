"""Cells as staff type them in Excel or WPS, read the same way in every work area."""

from datetime import date, datetime
from decimal import Decimal

import pytest
from django.db import models

from fedportal.imports import (
    ChineseDateWidget,
    ChoiceLabelWidget,
    MoneyWidget,
    TextWidget,
    WholeNumberWidget,
    YesNoWidget,
    escape_formula,
    widget_for_model_field,
)


@pytest.mark.parametrize(
    "cell",
    [
        "2021-03-08",
        "2021/3/8",
        "2021.3.8",
        "2021年3月8日",
        " 2021-3-8 ",
        " 2021 / 03 / 08 ",
        44263,
        44263.0,
        "44263",
        datetime(2021, 3, 8, 9, 30),
        date(2021, 3, 8),
    ],
)
def test_dates_in_every_common_spelling(cell):
    assert ChineseDateWidget().clean(cell) == date(2021, 3, 8)


@pytest.mark.parametrize(
    "cell",
    [
        # With a time of day, as a date-time cell or another system's export writes it.
        "2021-03-08 10:30",
        "2021-03-08 00:00:00",
        "2021/3/8 9:05",
        # A CSV saved from a number cell holding the day number.
        "44263.0",
    ],
)
def test_dates_with_a_time_or_as_a_saved_day_number(cell):
    assert ChineseDateWidget().clean(cell) == date(2021, 3, 8)


@pytest.mark.parametrize("cell", [None, "", "   "])
def test_an_empty_date_is_none(cell):
    assert ChineseDateWidget().clean(cell) is None


@pytest.mark.parametrize(
    "cell",
    [
        "2021-02-30",
        "2021-13-01",
        "三月八日",
        "下周一",
        "3/8/2021",
        "20210308",
        "2021-03-08 25",
        "12",
        5,
        -3,
        44263.5,
        True,
    ],
)
def test_a_cell_that_is_not_a_date_is_named(cell):
    with pytest.raises(ValueError, match="无法识别日期"):
        ChineseDateWidget().clean(cell)


def test_the_date_message_says_what_to_write():
    with pytest.raises(ValueError) as raised:
        ChineseDateWidget().clean("三月八日")
    assert str(raised.value) == "无法识别日期“三月八日”，请填写如 2021-03-08 或 2021/3/8 的日期。"


def test_dates_export_as_iso():
    assert ChineseDateWidget().render(date(2021, 3, 8)) == "2021-03-08"
    assert ChineseDateWidget().render(None) == ""


@pytest.mark.parametrize(
    ("cell", "number"),
    [("1,200", 1200), ("2,960", 2960), (15, 15), (15.0, 15), ("  7 ", 7), ("", None)],
)
def test_whole_numbers(cell, number):
    assert WholeNumberWidget().clean(cell) == number


@pytest.mark.parametrize(
    ("cell", "reason"),
    [("十五", "“十五”不是数字"), ("1.5", "不是整数"), (2.5, "“2.5”不是整数"), ("1e12", "过大")],
)
def test_bad_whole_numbers(cell, reason):
    with pytest.raises(ValueError, match=reason):
        WholeNumberWidget().clean(cell)


@pytest.mark.parametrize(
    ("cell", "amount"),
    [
        ("270,000", Decimal("270000")),
        ("10000.50元", Decimal("10000.50")),
        (345300, Decimal("345300")),
    ],
)
def test_money(cell, amount):
    assert MoneyWidget().clean(cell) == amount


def test_money_with_fractions_of_a_fen_is_refused():
    with pytest.raises(ValueError, match="最多保留两位小数"):
        MoneyWidget().clean("1.005")


@pytest.mark.parametrize(
    ("cell", "value"),
    [
        ("是", True),
        ("否", False),
        ("√", True),
        ("TRUE", True),
        (True, True),
        (1, True),
        (1.0, True),
        (0.0, False),
        (None, False),
        ("", False),
    ],
)
def test_yes_no(cell, value):
    assert YesNoWidget().clean(cell) is value


def test_an_unknown_yes_no_is_named():
    with pytest.raises(ValueError, match="请填写“是”或“否”"):
        YesNoWidget().clean("也许")


def test_yes_no_exports_in_chinese():
    assert [YesNoWidget().render(v) for v in (True, False)] == ["是", "否"]


def test_choices_by_label_or_code():
    widget = ChoiceLabelWidget([("urban", "城镇"), ("rural", "农村")])
    assert widget.clean("农村") == "rural"
    assert widget.clean("urban") == "urban"
    assert widget.render("rural") == "农村"
    with pytest.raises(ValueError, match="可填：城镇、农村"):
        widget.clean("郊区")


@pytest.mark.parametrize(
    ("cell", "text"),
    [(" 陈丽华 ", "陈丽华"), (13812345678, "13812345678"), (13812345678.0, "13812345678")],
)
def test_text_is_trimmed_and_number_cells_read_as_typed(cell, text):
    assert TextWidget().clean(cell) == text


@pytest.mark.parametrize("cell", [None, "", "   "])
def test_an_empty_text_cell(cell):
    assert TextWidget(allow_blank=True).clean(cell) == ""
    # A required column left empty stays None, so the import names the column.
    assert TextWidget(allow_blank=False).clean(cell) is None


def test_model_fields_get_the_matching_widget():
    assert isinstance(widget_for_model_field(models.DateField()), ChineseDateWidget)
    assert isinstance(widget_for_model_field(models.PositiveIntegerField()), WholeNumberWidget)
    assert isinstance(widget_for_model_field(models.DecimalField()), MoneyWidget)
    assert isinstance(widget_for_model_field(models.BooleanField()), YesNoWidget)
    assert isinstance(
        widget_for_model_field(models.CharField(choices=[("a", "甲")])), ChoiceLabelWidget
    )
    assert widget_for_model_field(models.TextField(blank=True)).clean(None) == ""


@pytest.mark.parametrize(
    ("cell", "escaped"),
    [
        ("=1+1", "'=1+1"),
        ("+86 138", "'+86 138"),
        ("+86", "+86"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("-5", "-5"),
        ("-x", "'-x"),
        ("正常", "正常"),
        (12, 12),
    ],
)
def test_formula_escaping(cell, escaped):
    assert escape_formula(cell) == escaped
