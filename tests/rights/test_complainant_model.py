"""Complainant: normalised personal data, checked against the ID number and the case."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from fedportal.personal_data import make_id_number
from rights.models import Complainant

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(make_case, unit):
    return make_case(unit("明塘村"), date(2021, 3, 8))


def complainant(case, **fields):
    return Complainant(case=case, **{"name": "李秀英", **fields})


def errors_of(record):
    with pytest.raises(ValidationError) as caught:
        record.full_clean()
    return caught.value.message_dict


def test_id_number_and_phone_are_stored_normalised(case):
    # A number whose check character is X, typed in lower case.
    number = next(
        n
        for n in (make_id_number("360313", date(1990, 1, 1), seq) for seq in range(0, 999, 2))
        if n.endswith("X")
    )
    person = complainant(case, id_number=number.lower(), phone="+86 139-7990-1234")
    person.full_clean()
    assert (person.id_number, person.phone) == (number, "13979901234")


def test_invalid_id_number_and_phone_are_refused(case):
    person = complainant(case, id_number="360313198506011234", phone="12345678901")
    assert errors_of(person) == {
        "id_number": ["身份证号码校验位不正确，请核对后重新输入。"],
        "phone": ["手机号码应为11位，以1开头，第二位为3至9。"],
    }


def test_sex_must_match_the_id_number(case):
    man = make_id_number("360313", date(1980, 5, 5), 11)
    assert errors_of(complainant(case, id_number=man)) == {
        "sex": ["性别与身份证号码不符：按身份证号码应为“男”。"]
    }


def test_a_minor_by_id_number_must_be_marked(case):
    girl = make_id_number("360313", date(2005, 3, 9), 12)
    assert errors_of(complainant(case, id_number=girl)) == {
        "is_minor": ["按身份证号码，当事人受理时未满18周岁，请勾选“未成年人”。"]
    }
    complainant(case, id_number=girl, is_minor=True).full_clean()


def test_an_adult_by_id_number_is_not_a_minor(case):
    # Eighteen on the very day the case was received.
    woman = make_id_number("360313", date(2003, 3, 8), 12)
    assert errors_of(complainant(case, id_number=woman, is_minor=True)) == {
        "is_minor": ["按身份证号码，当事人受理时已满18周岁，不应勾选“未成年人”。"]
    }


def test_without_an_id_number_the_flags_are_taken_as_entered(case):
    complainant(case, name="匿名", is_minor=True).full_clean()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("id_number", "3603131985", "身份证号码应为18位。"),
        ("phone", "139799", "联系电话应为11位手机号码。"),
    ],
)
def test_database_constraints_on_lengths(case, field, value, message):
    person = complainant(case, **{field: value})
    with pytest.raises(ValidationError) as caught:
        person.validate_constraints()
    assert caught.value.messages == [message]
    with pytest.raises(IntegrityError), transaction.atomic():
        person.save()


def test_one_complainant_per_case(cases):
    assert "case" in errors_of(complainant(cases["lashi"], name="张桂兰"))


def test_its_name_never_shows_the_person(cases):
    assert str(cases["lashi"].complainant) == "维权案件 2021-03-08·家庭暴力的当事人"


def test_the_view_personal_permission_exists():
    from django.contrib.auth.models import Permission

    perm = Permission.objects.get(codename="view_personal_complainant")
    assert perm.name == "查看当事人中的个人信息"
