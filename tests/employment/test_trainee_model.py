"""Trainees: personal fields, their home unit, and the class's headline figures."""

import pytest
from django.core.exceptions import ValidationError

from employment.models import Trainee, district_of
from tests.employment.helpers import ID_NUMBER

pytestmark = pytest.mark.django_db


def messages(record):
    with pytest.raises(ValidationError) as caught:
        record.full_clean()
    return caught.value.message_dict


def new_trainee(training_class, unit, **values):
    return Trainee(training_class=training_class, org_unit=unit, name="陈小燕", **values)


def test_id_number_and_phone_are_stored_normalised(classes, unit):
    spaced = f"{ID_NUMBER[:6]} {ID_NUMBER[6:14]} {ID_NUMBER[14:]}"
    trainee = new_trainee(
        classes["lashi"], unit("腊市镇"), id_number=spaced, phone="+86 139-0799-0002"
    )
    trainee.full_clean()
    assert (trainee.id_number, trainee.phone) == (ID_NUMBER, "13907990002")


def test_a_lowercase_x_is_made_uppercase(classes, unit):
    from datetime import date

    from fedportal.personal_data import make_id_number

    # About one number in eleven ends in X; take the first such one.
    number = next(
        n
        for n in (make_id_number("360313", date(1990, 1, 1), s) for s in range(0, 1000, 2))
        if n.endswith("X")
    )
    trainee = new_trainee(classes["lashi"], unit("腊市镇"), id_number=number.lower())
    trainee.full_clean()
    assert trainee.id_number == number


def test_bad_id_number_and_phone_are_rejected_in_chinese(classes, unit):
    trainee = new_trainee(
        classes["lashi"], unit("腊市镇"), id_number=ID_NUMBER[:17] + "0", phone="1234567"
    )
    errors = messages(trainee)
    assert errors["id_number"] == ["身份证号码校验位不正确，请核对后重新输入。"]
    assert errors["phone"] == ["手机号码应为11位，以1开头，第二位为3至9。"]


def test_id_number_and_phone_are_optional(classes, unit):
    new_trainee(classes["lashi"], unit("腊市镇")).full_clean()


def test_same_id_number_only_once_per_class(trainees, classes, unit):
    again = new_trainee(classes["lashi"], unit("腊市镇"), id_number=ID_NUMBER)
    assert messages(again)["__all__"] == ["该身份证号码已在本培训班登记。"]
    new_trainee(classes["xiangdong"], unit("湘东镇"), id_number=ID_NUMBER).full_clean()


def test_trainees_without_id_number_do_not_collide(trainees, classes, unit):
    Trainee.objects.create(training_class=classes["xiangdong"], org_unit=unit("湘东镇"), name="甲")
    new_trainee(classes["xiangdong"], unit("湘东镇")).full_clean()


def test_home_unit_may_be_another_township_of_the_district(classes, unit):
    new_trainee(classes["lashi"], unit("下埠镇")).full_clean()
    new_trainee(classes["lashi"], unit("湘东区")).full_clean()


def test_home_unit_outside_the_class_district_is_rejected(classes, unit):
    trainee = new_trainee(classes["lashi"], unit("萍乡市"))
    assert messages(trainee)["org_unit"] == ["学员所属单位应在培训班所在的湘东区范围内。"]


def test_district_of_a_village_and_of_the_district(unit):
    assert district_of(unit("明塘村")) == unit("湘东区")
    assert district_of(unit("湘东区")) == unit("湘东区")


def test_roster_cannot_outgrow_the_class_trainees(trainees, classes, unit):
    lashi = classes["lashi"]  # 参训 3, 取证 2, one certified trainee on the roster
    Trainee.objects.create(training_class=lashi, org_unit=unit("腊市镇"), name="王桂兰")
    Trainee.objects.create(training_class=lashi, org_unit=unit("腊市镇"), name="李丽萍")
    fourth = new_trainee(lashi, unit("腊市镇"))
    assert messages(fourth)["training_class"] == [
        "“2021年第2期家政技能培训班”的参训人数为3人，加上本学员名单将有4人；请先核对培训班的参训人数。"
    ]
    lashi.refresh_from_db()
    assert lashi.trainees == 3


def test_certified_flags_cannot_outgrow_the_class_certified(trainees, classes, unit):
    lashi = classes["lashi"]
    Trainee.objects.create(
        training_class=lashi, org_unit=unit("腊市镇"), name="王桂兰", certified=True
    )
    third = new_trainee(lashi, unit("腊市镇"), certified=True)
    assert messages(third)["certified"] == [
        "“2021年第2期家政技能培训班”的取证人数为2人，加上本学员将有3人取得证书；请先核对培训班的取证人数。"
    ]


def test_editing_a_listed_trainee_does_not_count_her_twice(trainees):
    trainee = trainees["lashi"]
    trainee.training_class.trainees = 1
    trainee.training_class.certified = 1
    trainee.training_class.save()
    trainee.employed = True
    trainee.full_clean()


def test_an_employer_needs_the_employed_flag(classes, unit):
    trainee = new_trainee(classes["lashi"], unit("腊市镇"), employer="萍乡市安康家政服务有限公司")
    assert messages(trainee)["employed"] == ["填写了就业单位，请同时勾选“培训后就业”。"]
    trainee.employed = True
    trainee.full_clean()


def test_trainees_scope_through_their_own_home_unit(trainees, user):
    township = user("township")
    assert list(Trainee.objects.in_scope(township)) == [trainees["lashi"]]
    assert Trainee.objects.for_year(2021).count() == 2


def test_declares_the_personal_data_permission():
    assert ("view_personal_trainee", "查看学员中的个人信息") in Trainee._meta.permissions
