"""FamilyAward: one household, one kind, one level, one year; its date inside its year."""

from datetime import date

import pytest
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, transaction

from families.models import FamilyAward
from tests.families.helpers import awards_by_level_and_kind

pytestmark = pytest.mark.django_db


def errors_of(record):
    with pytest.raises(ValidationError) as caught:
        record.full_clean()
    return caught.value.message_dict


def test_a_complete_award_is_valid(make_award):
    award = make_award(save=False, conferred_on=date(2021, 5, 14), story="孝老爱亲。")
    award.full_clean()
    award.save()
    assert str(award) == "张建国家庭：2021年省“最美家庭”"


def test_the_same_award_twice_is_rejected_with_its_message(make_award):
    make_award()
    duplicate = make_award(save=False)
    assert errors_of(duplicate) == {
        NON_FIELD_ERRORS: ["该家庭在同一年度已获得同一级别的同类表彰。"]
    }
    with pytest.raises(IntegrityError), transaction.atomic():
        duplicate.save()


@pytest.mark.parametrize(
    "change",
    [{"year": 2022}, {"unit_name": "湘东镇"}, {"household_name": "李春兰家庭"}],
    ids=["another year", "another unit", "another household"],
)
def test_the_same_kind_and_level_is_fine_elsewhere(make_award, change):
    make_award()
    make_award(save=False, **change).full_clean()


def test_the_same_household_may_win_at_another_level_or_of_another_kind(make_award, kind, level):
    make_award()
    make_award(level=level("市"), conferred_by="萍乡市妇联")
    make_award(kind=kind("书香家庭"))
    assert FamilyAward.objects.filter(household_name="张建国家庭").count() == 3


def test_the_date_conferred_must_fall_in_the_year(make_award):
    award = make_award(save=False, conferred_on=date(2020, 12, 31))
    assert errors_of(award) == {
        "conferred_on": ["授予日期（2020-12-31）不在2021年度内，请核对授予日期或年度。"]
    }


def test_the_year_must_be_a_real_year(make_award):
    award = make_award(save=False, year=21)
    assert errors_of(award) == {NON_FIELD_ERRORS: ["年度应在1949年至2100年之间。"]}
    with pytest.raises(IntegrityError), transaction.atomic():
        award.save()


def test_required_fields_are_named(make_award):
    award = make_award(save=False, household_name="", conferred_by="")
    errors = errors_of(award)
    assert set(errors) == {"household_name", "conferred_by"}


def test_counts_by_level_and_kind_list_the_highest_level_first(make_award, kind, level, unit):
    make_award(level=level("市"), household_name="甲家庭")
    make_award(level=level("市"), household_name="乙家庭", kind=kind("书香家庭"))
    make_award(level=level("全国"), household_name="丙家庭")
    make_award(level=level("乡镇"), household_name="丁家庭")
    make_award(level=level("市"), household_name="戊家庭")
    assert awards_by_level_and_kind(2021, unit("湘东区")) == [
        ("全国", "最美家庭", 1),
        ("市", "最美家庭", 2),
        ("市", "书香家庭", 1),
        ("乡镇", "最美家庭", 1),
    ]
    assert awards_by_level_and_kind(2020, unit("湘东区")) == []
