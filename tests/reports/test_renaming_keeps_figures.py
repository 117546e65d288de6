"""Figures refer to reference entries by code: renaming every entry of every list (as a
federation may, to its own wording) leaves every figure's value as it was, and
`manage.py indicators` prints the same values before and after."""

import io

from django.apps import apps
from django.core.management import call_command

from fedportal.models import ReferenceList


def listing(period="2021", unit="360313000000"):
    out = io.StringIO()
    call_command("indicators", "--period", period, "--unit", unit, "--format", "csv", stdout=out)
    # key → value; labels of figures per entry name the entries, and change with them.
    return {row.split(",")[0]: row.split(",")[-2] for row in out.getvalue().splitlines()[1:]}


def test_renaming_every_entry_changes_no_figure(full_demo):
    before = {period: listing(period) for period in ("2021", "2022", "2021H1")}
    lists = [m for m in apps.get_models() if issubclass(m, ReferenceList)]
    renamed = 0
    for model in lists:
        for entry in model.objects.all():
            entry.name = f"{entry.name}（新）"
            entry.save()
            renamed += 1
    assert renamed > 60
    for period, values in before.items():
        assert listing(period) == values, period
    assert before["2021"]["families.city_green"] == "15"
    assert before["2021"]["welfare.formula_partial_tins"] == "2007"
