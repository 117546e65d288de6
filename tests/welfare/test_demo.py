"""The demo records reproduce part 一（四） of the 2021 report and load only once."""

from decimal import Decimal

import pytest

from tests.figures import figure
from tests.welfare.helpers import FORMULA, money_raised, programme_figure, screening_totals
from welfare.demo import load_demo_records
from welfare.models import Fundraising, Grant, ProgrammeRun, Screening

pytestmark = pytest.mark.django_db

MODELS = (ProgrammeRun, Fundraising, Grant, Screening)


@pytest.fixture
def loaded(demo):
    return load_demo_records()


def counts():
    return {model.__name__: model.objects.count() for model in MODELS}


def test_loading_twice_creates_nothing_new(loaded):
    first = counts()
    assert loaded == sum(first.values())
    assert load_demo_records() == 0
    assert counts() == first


def test_liangai_relief_for_21_rural_and_6_urban_women_270_thousand_yuan(loaded, unit):
    relief = Grant.objects.for_year(2021).for_programme("两癌救助")
    assert relief.rural().count() == 21
    assert relief.urban().count() == 6
    assert programme_figure(2021, unit("湘东区"), "两癌救助", "amount") == Decimal(270000)
    assert set(relief.values_list("sex", flat=True)) == {"female"}
    assert not relief.to_minors().exists()


def test_chunlei_and_99_gongyi_raised_345_thousand_yuan_and_more(loaded, unit):
    district = unit("湘东区")
    assert money_raised(2021, district, "春蕾计划") == Decimal(200000)
    assert money_raised(2021, district, "99公益") == Decimal(145300)
    assert money_raised(2021, district) == Decimal(345300)


def test_formula_496_tins_fully_and_2007_partly_subsidised(loaded, unit):
    formula = Grant.objects.for_year(2021).for_programme(FORMULA)
    district = unit("湘东区")
    full = figure("welfare.formula_full_tins", 2021, district)
    partial = figure("welfare.formula_partial_tins", 2021, district)
    assert (full, partial) == (496, 2007)
    assert set(formula.values_list("unit", flat=True)) == {"桶"}
    assert formula.count() == formula.to_minors().count()


def test_one_child_treated_for_heart_disease(loaded):
    heart = Grant.objects.for_year(2021).for_programme("先心病救治")
    assert heart.to_minors().count() == heart.count() == 1
    assert heart.get().health_details.startswith("先天性心脏病")


def test_200_school_bags_from_the_provincial_foundation_for_left_behind_children(loaded, unit):
    bags = Grant.objects.for_year(2021).for_programme("安全书包")
    assert bags.to_minors().count() == bags.count() == 200
    assert programme_figure(2021, unit("湘东区"), "安全书包", "quantity") == 200
    assert set(bags.values_list("goods", "unit")) == {("书包", "个")}
    assert {(g.run.partner, g.run.beneficiaries) for g in bags.select_related("run")} == {
        ("省妇基会", "留守儿童")
    }
    assert bags.values("org_unit").distinct().count() >= 5


def test_gifts_for_50_girls_at_the_summer_camp_with_the_united_front(loaded):
    camp = Grant.objects.for_year(2021).for_programme("阳光女童夏令营")
    assert camp.to_minors().filter(sex="female").count() == camp.count() == 50
    assert set(camp.values_list("goods", flat=True)) == {"爱心物品"}
    assert set(camp.values_list("run__partner", "run__beneficiaries")) == {
        ("统战部", "单亲贫困女童")
    }


def test_free_screening_of_rural_and_urban_women_across_townships(loaded, unit):
    screening = Screening.objects.for_year(2021)
    populations = set(screening.values_list("population", flat=True))
    assert populations == {Screening.Population.RURAL_ELIGIBLE, Screening.Population.URBAN_POOR}
    assert screening.values("org_unit").distinct().count() >= 10
    totals = screening_totals(2021, unit("湘东区"))
    assert totals["cervical_screened"] > 4000 and totals["breast_screened"] > 4000


@pytest.mark.parametrize("year", [2020, 2022])
def test_neighbouring_years_have_records_across_townships(loaded, unit, year):
    grants = Grant.objects.for_year(year)
    assert grants.for_programme("两癌救助").count() > 0
    assert grants.values("org_unit").distinct().count() >= 5
    assert money_raised(year, unit("湘东区")) > 0
    assert Screening.objects.for_year(year).count() >= 10


def test_every_demo_record_passes_its_own_validation(loaded):
    # The database enforced the constraints and foreign keys on insert; this checks the
    # fields' validators (ID numbers …) and clean() (dates inside the year, runs).
    for model in MODELS:
        foreign_keys = [f.name for f in model._meta.concrete_fields if f.many_to_one]
        related = [
            name
            for name in ("org_unit", "programme", "run__org_unit")
            if name.split("__")[0] in foreign_keys
        ]
        for record in model.objects.select_related(*related):
            record.full_clean(
                exclude=foreign_keys, validate_unique=False, validate_constraints=False
            )


def test_beneficiaries_have_distinct_valid_id_numbers_and_minors_are_flagged(loaded):
    numbers = list(Grant.objects.values_list("id_number", flat=True))
    assert "" not in numbers
    assert len(set(numbers)) == len(numbers)
    for_children = ("安全书包", "阳光女童夏令营", "先心病救治", FORMULA)
    children = Grant.objects.filter(programme__name__in=for_children)
    assert children.exists()
    assert not children.filter(is_minor=False).exists()
    assert not children.filter(age__gte=18).exists()
