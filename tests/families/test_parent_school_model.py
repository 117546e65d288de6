"""ParentSchool: a demonstration year needs the demonstration mark and follows the founding."""

import pytest
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, transaction

from families.models import ParentSchool

pytestmark = pytest.mark.django_db


def errors_of(record):
    with pytest.raises(ValidationError) as caught:
        record.full_clean()
    return caught.value.message_dict


def test_a_demonstration_school_named_in_a_year(make_school):
    school = make_school(save=False, is_demonstration=True, demonstration_year=2021)
    school.full_clean()
    school.save()
    assert list(ParentSchool.objects.designated_in(2021)) == [school]
    assert not ParentSchool.objects.designated_in(2020).exists()


def test_a_demonstration_year_without_the_mark_is_rejected(make_school):
    school = make_school(save=False, is_demonstration=False, demonstration_year=2021)
    assert errors_of(school) == {NON_FIELD_ERRORS: ["填写了命名示范年度的，须勾选“示范家长学校”。"]}
    with pytest.raises(IntegrityError), transaction.atomic():
        school.save()


def test_a_school_cannot_be_named_before_it_was_founded(make_school):
    school = make_school(
        save=False, is_demonstration=True, demonstration_year=2018, established_year=2019
    )
    assert errors_of(school) == {NON_FIELD_ERRORS: ["命名示范年度不能早于成立年度。"]}
    with pytest.raises(IntegrityError), transaction.atomic():
        school.save()


def test_a_demonstration_school_of_unknown_year_is_allowed(make_school):
    make_school(save=False, is_demonstration=True).full_clean()


def test_two_schools_of_one_name_in_one_unit_are_a_duplicate(make_school):
    make_school()
    assert errors_of(make_school(save=False)) == {NON_FIELD_ERRORS: ["该单位已有同名家长学校。"]}
    make_school("湘东镇", save=False).full_clean()


def test_the_kind_must_be_one_of_the_four(make_school):
    assert "kind" in errors_of(make_school(save=False, kind="培训班"))
    assert ParentSchool.Kind.VILLAGE.label == "村家长学校"
