import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from django.db.models import F

from bench.synthetic.records import SHARED_MODELS, synthetic_data_clear, synthetic_data_generate
from families.demo import load_demo_records as load_family_demo
from families.models import FamilyAward
from fedportal import indicators
from fedportal.demo import demo_org_rows
from fedportal.models import OrgUnit
from fedportal.org_units import org_units_import
from fedportal.scoping import under, unit_lookup
from rights.models import Complainant, RightsCase
from welfare.models import Grant

pytestmark = pytest.mark.slow  # a synthetic city, made once for the module

ROOT = Path(__file__).resolve().parents[2]
CITY = "990100000000"
DISTRICT = "990100100000"
YEARS = [2020, 2021]
RECORDS = 500


def generate(**options):
    out = StringIO()
    call_command(
        "generate_synthetic",
        districts=2,
        years=2,
        records=RECORDS,
        seed=7,
        last_year=2021,
        stdout=out,
        **options,
    )
    return out.getvalue()


@pytest.fixture(scope="module")
def module_synthetic(django_db_setup, django_db_blocker):
    """The demo tree with its family records, then a small synthetic city, made once for
    the module inside a transaction rolled back after it."""
    with django_db_blocker.unblock(), transaction.atomic():
        org_units_import(rows=demo_org_rows())
        load_family_demo()
        output = generate()
        yield output
        transaction.set_rollback(True)


@pytest.fixture
def synthetic(module_synthetic, db):
    return module_synthetic


def synthetic_rows(model):
    return model.objects.filter(**{f"{unit_lookup(model)}__code__startswith": "99"})


def test_fills_every_model_with_the_records_asked_for(synthetic):
    counts = {model: synthetic_rows(model).count() for model in SHARED_MODELS}

    assert all(counts.values()), counts
    assert sum(counts.values()) == RECORDS
    # Grants and family awards are the bulk, as in real work.
    assert sorted(counts, key=counts.get)[-2:] == [FamilyAward, Grant]
    assert synthetic_rows(Complainant).count() == counts[RightsCase]
    assert f"生成记录 {RECORDS} 条" in synthetic
    assert f"救助发放：{counts[Grant]}" in synthetic


def test_records_lie_inside_the_synthetic_tree_and_their_years(synthetic):
    city = OrgUnit.objects.get(code=CITY)
    for model in [*SHARED_MODELS, Complainant]:
        lookup = unit_lookup(model)
        outside = model.objects.exclude(under(lookup, city))
        assert not outside.exclude(**{f"{lookup}__code__startswith": "3603"}).exists(), model
    assert set(synthetic_rows(Grant).values_list("year", flat=True)) == set(YEARS)
    assert not synthetic_rows(Grant).exclude(date__year=F("year")).exists()
    assert not synthetic_rows(RightsCase).exclude(received_on__year=F("year")).exists()
    assert under(OrgUnit.objects.all(), city).count() == 1 + 2 * (1 + 11 + 11 * 3)
    assert OrgUnit.objects.get(code=DISTRICT).name == "模拟区001"
    # The demo tree is another root, untouched.
    assert [u.code for u in OrgUnit.objects.get_root_nodes()] == ["360300000000", CITY]
    assert OrgUnit.objects.filter(code__startswith="3603").count() == len(demo_org_rows())


def test_a_sample_of_every_model_passes_validation(synthetic):
    for model in [*SHARED_MODELS, Complainant]:
        for record in synthetic_rows(model).order_by("pk")[:5]:
            record.full_clean()


def test_indicators_have_figures_for_a_synthetic_district(synthetic):
    district = OrgUnit.objects.get(code=DISTRICT)
    for key in [
        "families.awards",
        "honors.honors",
        "rights.cases_received",
        "welfare.grants",
        "welfare.grant_amount",
        "employment.trainees",
    ]:
        indicator = indicators.get(key)
        value = indicator.value(2021, district)
        assert value > 0, key
        assert sum(v for _, v in indicator.by_child_unit(2021, district)) == value


def test_the_same_seed_gives_the_same_records(synthetic):
    def snapshot():
        return sorted(
            synthetic_rows(Grant).values_list(
                "org_unit__code", "programme__name", "date", "id_number", "amount", "quantity"
            )
        )

    first = snapshot()
    synthetic_data_clear()
    generate()

    assert snapshot() == first


def test_a_second_run_is_refused_and_writes_nothing(synthetic):
    before = {model: model.objects.count() for model in SHARED_MODELS}
    units = OrgUnit.objects.count()

    with pytest.raises(CommandError, match="已存在，不再追加数据"):
        generate()

    assert {model: model.objects.count() for model in SHARED_MODELS} == before
    assert OrgUnit.objects.count() == units


def test_another_city_adds_more_data(synthetic):
    before = Grant.objects.count()

    summary = synthetic_data_generate(districts=1, years=1, records=100, city_code="9902")

    assert summary.city.name == "模拟市9902"
    assert summary.records == 100
    assert Grant.objects.count() > before


def test_clear_removes_the_synthetic_data_and_leaves_the_demo(synthetic):
    demo_units = list(OrgUnit.objects.exclude(code__startswith="99").values_list("code", "path"))
    demo_awards = list(
        FamilyAward.objects.filter(org_unit__code__startswith="3603").values_list("pk", flat=True)
    )
    out = StringIO()

    call_command("generate_synthetic", clear=True, stdout=out)

    assert "已清除模拟数据" in out.getvalue()
    assert not OrgUnit.objects.filter(code__startswith="99").exists()
    for model in [*SHARED_MODELS, Complainant]:
        assert not synthetic_rows(model).exists(), model
    assert not Complainant.objects.exists()
    assert list(OrgUnit.objects.values_list("code", "path")) == demo_units
    assert list(FamilyAward.objects.values_list("pk", flat=True)) == demo_awards
    assert OrgUnit.objects.get_children_count(OrgUnit.objects.get(code="360300000000")) == 1


def test_clearing_twice_says_there_is_nothing_left(synthetic):
    synthetic_data_clear()
    out = StringIO()

    call_command("generate_synthetic", clear=True, stdout=out)

    assert "没有模拟数据" in out.getvalue()


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"city_code": "3603"}, "以99开头"),
        ({"districts": 0}, "区（县）数"),
        ({"years": 30}, "不早于2000年"),
        ({"last_year": 2999}, "不能晚于今年"),
    ],
)
def test_bad_arguments_are_refused_in_chinese(synthetic, options, message):
    units = OrgUnit.objects.count()
    arguments = {"districts": 1, "years": 1, "records": 10, "city_code": "9903"} | options

    with pytest.raises(CommandError, match=message):
        call_command("generate_synthetic", stdout=StringIO(), **arguments)

    assert OrgUnit.objects.count() == units


def test_the_command_is_the_benchmarks_and_not_a_deployments():
    def help_under(settings):
        return subprocess.run(
            [sys.executable, "manage.py", "help", "generate_synthetic"],
            cwd=ROOT,
            env={**os.environ, "DJANGO_SETTINGS_MODULE": settings, "DEBUG": "1"},
            capture_output=True,
            text=True,
        )

    deployed = help_under("fedportal.settings")
    assert deployed.returncode == 1
    assert "Unknown command: 'generate_synthetic'" in deployed.stderr
    benchmarks = help_under("bench.settings")
    assert benchmarks.returncode == 0, benchmarks.stderr
    assert "--districts" in benchmarks.stdout
