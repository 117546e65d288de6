"""FamilyTraditionBase: one name per unit, a real designation year."""

import pytest
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError

from families.models import FamilyTraditionBase

pytestmark = pytest.mark.django_db


def errors_of(record):
    with pytest.raises(ValidationError) as caught:
        record.full_clean()
    return caught.value.message_dict


def test_a_base_is_found_by_its_designation_year(make_base):
    base = make_base()
    assert list(FamilyTraditionBase.objects.designated_in(2021)) == [base]
    assert str(base) == "凯丰故里家风家教示范基地"


def test_one_name_per_unit(make_base):
    make_base()
    assert errors_of(make_base(save=False)) == {
        NON_FIELD_ERRORS: ["该单位已有同名家风家教示范基地。"]
    }


def test_the_designation_year_must_be_a_real_year(make_base):
    assert errors_of(make_base(save=False, designated_year=3021)) == {
        NON_FIELD_ERRORS: ["命名年度应在1949年至2100年之间。"]
    }
