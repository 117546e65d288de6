"""Constants shared by the welfare tests, and their figures read through the indicator layer."""

from datetime import date

from fedportal.personal_data import make_id_number
from tests.figures import entry_figure, figure
from welfare.models import Programme

RELIEF = "两癌救助"
FORMULA = "公益奶粉（关爱新生命-儿童营养改善）"
SCHOOL_BAG = "安全书包"

# A woman born 1975-05-20 and a boy born 2012-03-01.
WOMAN_ID = make_id_number("360313", date(1975, 5, 20), 124)
BOY_ID = make_id_number("360313", date(2012, 3, 1), 37)

SCREENING_FIGURES = ("cervical_screened", "breast_screened", "cervical_referred", "breast_referred")


def screening_totals(year, unit) -> dict:
    """Women screened and positives referred, per cancer: the screening figures."""
    return {name: figure(f"welfare.{name}", year, unit) for name in SCREENING_FIGURES}


def money_raised(year, unit, programme: str | None = None):
    """Money raised in `unit`'s subtree, for one programme (by name) or for all."""
    if programme is None:
        return figure("welfare.fundraising", year, unit)
    return entry_figure(year, unit, "welfare.fundraising", Programme.objects.get(name=programme))


def programme_figure(year, unit, programme: str, measure: str = ""):
    """A figure of one programme's grants (by name): "" (grants), "amount", "quantity" …"""
    return entry_figure(
        year, unit, "welfare.grant", Programme.objects.get(name=programme), measure=measure
    )
