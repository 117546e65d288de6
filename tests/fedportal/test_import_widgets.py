"""Cells as staff type them in Excel or WPS, read the same way in every work area."""

from datetime import date, datetime
from decimal import Decimal

import pytest
from django.db import models

from fedportal.imports import (
    ChineseDateWidget,
    ChoiceLabelWidget,
    MoneyWidget,
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
        44263,
        "44263",
        datetime(2021, 3, 8, 9, 30),
        date(2021, 3, 8),
    ],
)
def test_dates_in_every_common_spelling(cell):
    assert ChineseDateWidget().clean(cell) == date(2021, 3, 8)


@pytest.mark.parametrize("cell", ["2021-02-30", "三月八日", "12", 5])
def test_a_cell_that_is_not_a_date_is_named(cell):
    with pytest.raises(ValueError, match="无法识别日期"):
        ChineseDateWidget().clean(cell)


@pytest.mark.parametrize(
    ("cell", "number"), [("1,200", 1200), (15, 15), (15.0, 15), ("  7 ", 7), ("", None)]
)
def test_whole_numbers(cell, number):
    assert WholeNumberWidget().clean(cell) == number


@pytest.mark.parametrize(
    ("cell", "reason"), [("十五", "不是数字"), ("1.5", "不是整数"), ("1e12", "过大")]
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
    [("是", True), ("否", False), ("√", True), (1.0, True), (None, False), ("", False)],
)
def test_yes_no(cell, value):
    assert YesNoWidget().clean(cell) is value


def test_choices_by_label_or_code():
    widget = ChoiceLabelWidget([("urban", "城镇"), ("rural", "农村")])
    assert widget.clean("农村") == "rural"
    assert widget.clean("urban") == "urban"
    assert widget.render("rural") == "农村"
    with pytest.raises(ValueError, match="可填：城镇、农村"):
        widget.clean("郊区")


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
