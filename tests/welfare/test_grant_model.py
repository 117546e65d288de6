"""Grant: its database constraints, and what clean() derives from the ID number."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from fedportal.personal_data import make_id_number
from tests.welfare.helpers import BOY_ID, FORMULA, SCHOOL_BAG, WOMAN_ID
from welfare.models import Grant, ProgrammeRun, Sex

pytestmark = pytest.mark.django_db


def all_messages(grant):
    with pytest.raises(ValidationError) as caught:
        grant.full_clean()
    return caught.value.message_dict


def test_a_valid_grant_is_saved(make_grant):
    grant = make_grant()
    grant.full_clean()
    grant.save()
    assert Grant.objects.get().amount == Decimal(10000)


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"amount": Decimal(-1)}, "救助金额不能为负数。"),
        ({"quantity": -3, "unit": "桶"}, "物资数量不能为负数。"),
        (
            {"amount": Decimal(0), "quantity": 0},
            "每条发放记录须有救助金额或物资数量，至少一项大于0。",
        ),
        ({"id_number": "", "age": 130}, "年龄不能超过120岁。"),
    ],
)
def test_each_constraint_rejects_with_its_chinese_message(make_grant, fields, message):
    assert message in all_messages(make_grant(**fields))["__all__"]


def test_the_database_itself_refuses_a_grant_without_money_or_goods(make_grant):
    with transaction.atomic(), pytest.raises(IntegrityError):
        make_grant(amount=Decimal(0)).save()


def test_goods_need_a_unit_when_the_programme_has_no_default(make_grant):
    grant = make_grant(amount=Decimal(0), goods="慰问品", quantity=2)
    assert all_messages(grant)["__all__"] == ["发放物资时须填写单位（如桶、个、份）。"]


def test_goods_take_the_programme_default_unit(make_grant, programme):
    grant = make_grant(programme=programme(FORMULA), amount=Decimal(0), goods="奶粉", quantity=9)
    grant.full_clean()
    assert grant.unit == "桶"


def test_minor_flag_must_match_the_age_in_the_database(make_grant):
    grant = make_grant(id_number="", age=10, is_minor=False)
    with transaction.atomic(), pytest.raises(IntegrityError):
        grant.save()
    grant.is_minor = True
    grant.save()


def test_the_same_person_twice_on_one_day_is_a_duplicate(make_grant):
    make_grant().save()
    assert all_messages(make_grant())["__all__"] == ["该受助人同一天在这一项目中已有发放记录。"]


def test_grants_without_id_numbers_are_not_duplicates_of_each_other(make_grant):
    make_grant(id_number="", beneficiary_name="甲").save()
    second = make_grant(id_number="", beneficiary_name="乙")
    second.full_clean()
    second.save()
    assert Grant.objects.count() == 2


def test_the_date_must_lie_in_the_year(make_grant):
    assert all_messages(make_grant(date=date(2022, 1, 3)))["date"] == [
        "发放日期（2022-01-03）不在2021年度内，请核对发放日期或年度。"
    ]


def test_the_id_number_gives_birth_date_sex_age_and_minor(make_grant, programme):
    grant = make_grant(
        programme=programme(SCHOOL_BAG),
        id_number=BOY_ID,
        amount=Decimal(0),
        goods="书包",
        quantity=1,
        date=date(2021, 9, 1),
    )
    grant.full_clean()
    assert (grant.birth_date, grant.sex, grant.age, grant.is_minor) == (
        date(2012, 3, 1),
        Sex.MALE,
        9,
        True,
    )


def test_an_adult_is_not_a_minor_even_if_ticked(make_grant):
    grant = make_grant(is_minor=True)
    grant.full_clean()
    assert (grant.age, grant.is_minor, grant.sex) == (46, False, Sex.FEMALE)


def test_age_turns_on_the_birthday(make_grant):
    born = date(2003, 9, 28)
    grant = make_grant(id_number=make_id_number("360313", born, 2))
    grant.full_clean()
    assert (grant.age, grant.is_minor) == (18, False)
    grant = make_grant(id_number=make_id_number("360313", born.replace(day=29), 2))
    grant.full_clean()
    assert (grant.age, grant.is_minor) == (17, True)


def test_a_birth_date_without_id_number_still_decides_minor(make_grant):
    grant = make_grant(id_number="", birth_date=date(2010, 1, 1))
    grant.full_clean()
    assert (grant.age, grant.is_minor) == (11, True)


def test_entries_that_contradict_the_id_number_are_rejected(make_grant):
    errors = all_messages(make_grant(birth_date=date(1975, 5, 21), sex=Sex.MALE))
    assert errors["birth_date"] == [
        "出生日期1975-05-21与身份证号码中的1975-05-20不一致；请核对，或清空出生日期由号码自动填写。"
    ]
    assert errors["sex"] == ["性别“男”与身份证号码不一致；请核对，或清空性别由号码自动填写。"]


def test_birth_after_the_grant_is_rejected(make_grant):
    errors = all_messages(make_grant(id_number="", birth_date=date(2021, 10, 1)))
    assert errors["birth_date"] == ["出生日期不能晚于发放日期。"]


def test_id_number_and_phone_are_validated_and_stored_normalised(make_grant):
    assert (
        "身份证号码校验位不正确，请核对后重新输入。"
        in all_messages(
            make_grant(id_number=WOMAN_ID[:17] + ("0" if WOMAN_ID[17] != "0" else "1"))
        )["id_number"]
    )
    assert all_messages(make_grant(phone="12345"))["phone"] == [
        "手机号码应为11位，以1开头，第二位为3至9。"
    ]
    grant = make_grant(phone="+86 138-1234-5678")
    grant.full_clean()
    assert grant.phone == "13812345678"


def test_a_lowercase_x_is_stored_uppercase(make_grant):
    number = next(
        make_id_number("360313", date(1980, 1, d), 2)
        for d in range(1, 29)
        if make_id_number("360313", date(1980, 1, d), 2).endswith("X")
    )
    grant = make_grant(id_number=number.lower())
    grant.full_clean()
    assert grant.id_number == number


def test_the_run_must_be_of_the_same_programme_and_year(make_grant, programme, unit):
    run = ProgrammeRun.objects.create(
        org_unit=unit("湘东区"), programme=programme(SCHOOL_BAG), year=2021
    )
    assert all_messages(make_grant(run=run))["run"] == [
        "所选项目实施为“2021年安全书包”，与本记录的帮扶项目或年度不一致。"
    ]


def test_the_record_must_lie_under_the_runs_unit(make_grant, programme, unit):
    run = ProgrammeRun.objects.create(
        org_unit=unit("湘东镇"), programme=programme("两癌救助"), year=2021
    )
    assert all_messages(make_grant(run=run))["run"] == [
        "本记录的所属单位“腊市镇”不在项目实施单位“湘东镇”的范围内。"
    ]
    district_run = ProgrammeRun.objects.create(
        org_unit=unit("湘东区"), programme=programme("两癌救助"), year=2021
    )
    make_grant(run=district_run, org_unit=unit("明塘村")).full_clean()


def test_changes_are_kept_in_the_history(make_grant):
    grant = make_grant()
    grant.save()
    grant.amount = Decimal(8000)
    grant.save()
    assert [h.amount for h in grant.history.order_by("history_id")] == [10000, 8000]
