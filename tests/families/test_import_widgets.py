"""The cell readers of the family-work imports, on their own."""

from datetime import date, datetime

import pytest

from families.models import ParentSchool
from families.resources import ChoiceLabelWidget, FlexibleDateWidget, WholeNumberWidget, YesNoWidget


@pytest.mark.parametrize(
    "cell",
    ["2021-03-08", "2021/3/8", "2021.3.8", "2021年3月8日", " 2021 / 03 / 08 ", 44263, 44263.0,
     "44263", datetime(2021, 3, 8, 0, 0), date(2021, 3, 8)],
)  # fmt: skip
def test_dates_in_the_forms_staff_type(cell):
    assert FlexibleDateWidget().clean(cell) == date(2021, 3, 8)


@pytest.mark.parametrize("cell", [None, "", "  "])
def test_an_empty_date_is_none(cell):
    assert FlexibleDateWidget().clean(cell) is None


@pytest.mark.parametrize("cell", ["2021-02-30", "3/8/2021", "明年", 12, "20210308"])
def test_what_is_not_a_date_gets_a_chinese_message(cell):
    with pytest.raises(ValueError, match="无法识别日期"):
        FlexibleDateWidget().clean(cell)


def test_dates_export_as_iso():
    assert FlexibleDateWidget().render(date(2021, 3, 8)) == "2021-03-08"
    assert FlexibleDateWidget().render(None) == ""


@pytest.mark.parametrize(("cell", "number"), [(15, 15), (15.0, 15), ("2,960", 2960), (" 3 ", 3)])
def test_whole_numbers(cell, number):
    assert WholeNumberWidget().clean(cell) == number


@pytest.mark.parametrize(
    ("cell", "message"),
    [("十五", "“十五”不是数字"), (2.5, "“2.5”不是整数"), ("1e12", "过大")],
)
def test_what_is_not_a_whole_number_gets_a_chinese_message(cell, message):
    with pytest.raises(ValueError, match=message):
        WholeNumberWidget().clean(cell)


@pytest.mark.parametrize(
    ("cell", "value"),
    [("是", True), ("√", True), (1, True), (1.0, True), ("否", False), ("", False), (None, False)],
)
def test_yes_and_no(cell, value):
    assert YesNoWidget().clean(cell) is value


def test_yes_no_exports_in_chinese():
    assert [YesNoWidget().render(v) for v in (True, False)] == ["是", "否"]


def test_choices_by_label_or_code():
    widget = ChoiceLabelWidget(ParentSchool.Kind)
    assert widget.clean("社区家长学校") == widget.clean("community") == "community"
    assert widget.render("agency") == "机关家长学校"
