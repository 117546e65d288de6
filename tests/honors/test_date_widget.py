"""Dates as Chinese spreadsheets hold them."""

from datetime import date, datetime

import pytest

from honors.resources import ChineseDateWidget


@pytest.mark.parametrize(
    "value",
    [
        "2021-03-08",
        "2021/3/8",
        "2021.3.8",
        "2021年3月8日",
        " 2021-3-8 ",
        "2021-03-08 00:00:00",
        datetime(2021, 3, 8, 0, 0),
        date(2021, 3, 8),
        44263,
        44263.0,
        "44263",
    ],
)
def test_reads_the_usual_ways_of_writing_a_date(value):
    assert ChineseDateWidget().clean(value) == date(2021, 3, 8)


@pytest.mark.parametrize("value", [None, "", "   "])
def test_an_empty_cell_is_no_date(value):
    assert ChineseDateWidget().clean(value) is None


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("2021-02-30", "“2021-02-30”不是有效的日期。"),
        ("三月八日", "无法识别日期“三月八日”，请填写如 2021-03-08 或 2021/3/8 的日期。"),
        (44263.5, "无法识别日期“44263.5”，请填写如 2021-03-08 或 2021/3/8 的日期。"),
        (-3, "无法识别日期“-3”，请填写如 2021-03-08 或 2021/3/8 的日期。"),
    ],
)
def test_refuses_what_is_not_a_date_in_chinese(value, message):
    with pytest.raises(ValueError) as raised:
        ChineseDateWidget().clean(value)
    assert str(raised.value) == message


def test_renders_iso_dates():
    assert ChineseDateWidget().render(date(2021, 3, 8)) == "2021-03-08"
