"""Figures written the way Chinese reports write them."""

from decimal import Decimal

import pytest

from fedportal.indicators import format_value


@pytest.mark.parametrize(
    ("value", "unit", "approx", "text"),
    [
        (3, "户", "", "3户"),
        (2007, "桶", "", "2007桶"),
        (0, "件", "", "0件"),
        (Decimal("270000.00"), "元", "", "27万元"),
        (Decimal("345300.00"), "元", "", "34.53万元"),
        (Decimal("345300.00"), "元", "余", "34.5万余元"),
        (Decimal("345300.00"), "元", "近", "近34.6万元"),
        (Decimal("300000.00"), "元", "余", "30万元"),
        (Decimal("8000.50"), "元", "", "8000.5元"),
        (Decimal("9999.00"), "元", "", "9999元"),
        (412, "名", "余", "400余名"),
        (400, "名", "余", "400名"),
        (57, "名", "余", "50余名"),
        (7, "期", "余", "7期"),
        (2960, "人", "近", "近3000人"),
        (3000, "人", "近", "3000人"),
        (1260, "个", "余", "1000余个"),
    ],
)
def test_format_value(value, unit, approx, text):
    assert format_value(value, unit, approx=approx) == text


def test_without_unit():
    assert format_value(2960, "人", with_unit=False) == "2960"
    assert format_value(Decimal("270000"), "元", with_unit=False) == "27万"


def test_unknown_approximation():
    with pytest.raises(ValueError, match="约"):
        format_value(1, "名", approx="约")
