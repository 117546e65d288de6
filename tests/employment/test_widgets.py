"""How import cells are read: dates as staff type them, 是/否 flags."""

from datetime import date, datetime

import pytest

from employment.resources import ChineseBooleanWidget, ChineseDateWidget


@pytest.mark.parametrize(
    "value",
    [
        "2021-03-08",
        "2021/3/8",
        "2021.3.8",
        "2021年3月8日",
        " 2021 / 03 / 08 ",
        datetime(2021, 3, 8, 0, 0),
        date(2021, 3, 8),
        44263,
        44263.0,
    ],
)
def test_dates_in_the_usual_forms(value):
    assert ChineseDateWidget().clean(value) == date(2021, 3, 8)


@pytest.mark.parametrize("value", ["", None])
def test_empty_date(value):
    assert ChineseDateWidget().clean(value) is None


@pytest.mark.parametrize("value", ["2021-02-30", "3/8/2021", "下周一", 12, True])
def test_not_a_date(value):
    with pytest.raises(ValueError, match="不是有效日期"):
        ChineseDateWidget().clean(value)


def test_dates_export_as_iso():
    assert ChineseDateWidget().render(date(2021, 3, 8)) == "2021-03-08"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("是", True),
        ("否", False),
        ("", False),
        (None, False),
        (1, True),
        (0.0, False),
        ("TRUE", True),
        ("√", True),
        (True, True),
    ],
)
def test_yes_and_no(value, expected):
    assert ChineseBooleanWidget().clean(value) is expected


def test_unknown_flag_is_an_error():
    with pytest.raises(ValueError, match="请填写“是”或“否”"):
        ChineseBooleanWidget().clean("也许")


def test_flags_export_as_yes_and_no():
    widget = ChineseBooleanWidget()
    assert (widget.render(True), widget.render(False)) == ("是", "否")
