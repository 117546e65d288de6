"""Rules of one honor: database constraints and clean()."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from honors.models import Honor, join_unit_and_post

pytestmark = pytest.mark.django_db


def messages(error: ValidationError) -> dict:
    return error.message_dict


def test_a_valid_honor_passes(make_honor):
    honor = make_honor(conferred_on=date(2021, 3, 4))
    honor.full_clean()
    honor.save()
    assert Honor.objects.get().recipient_name == "王小红"


def test_the_same_honor_twice_is_refused_with_a_chinese_message(make_honor):
    make_honor().save()
    with pytest.raises(ValidationError) as raised:
        make_honor().full_clean()
    assert messages(raised.value)["__all__"] == [
        "同一单位的同一对象在同一年度已获得同一级别的该荣誉。"
    ]


def test_the_database_refuses_a_duplicate_that_skips_validation(make_honor):
    make_honor().save()
    with pytest.raises(IntegrityError), transaction.atomic():
        make_honor().save()


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("year", 2022),
        ("recipient_name", "王小红（二）"),
        ("level", "省"),
        ("title", "巾帼百佳"),
        ("org_unit", "腊市镇"),
    ],
)
def test_the_same_person_may_hold_other_honors(make_honor, level, title, unit, field, value):
    make_honor().save()
    lookups = {"level": level, "title": title, "org_unit": unit}
    if field in lookups:
        value = lookups[field](value)
    make_honor(**{field: value}).full_clean()


@pytest.mark.parametrize("year", [1948, 2101])
def test_the_year_must_be_plausible(make_honor, year):
    with pytest.raises(ValidationError) as raised:
        make_honor(year=year).full_clean()
    assert messages(raised.value)["__all__"] == ["年度应在1949年至2100年之间。"]


def test_the_database_refuses_an_implausible_year(make_honor):
    with pytest.raises(IntegrityError), transaction.atomic():
        make_honor(year=1900).save()


def test_the_date_conferred_lies_inside_the_year(make_honor):
    with pytest.raises(ValidationError) as raised:
        make_honor(conferred_on=date(2020, 12, 31)).full_clean()
    assert messages(raised.value) == {
        "conferred_on": ["授予日期（2020-12-31）不在2021年度内，请核对授予日期或年度。"]
    }


def test_a_collective_title_is_not_given_to_a_person(make_honor, title):
    with pytest.raises(ValidationError) as raised:
        make_honor(title=title("三八红旗集体")).full_clean()
    assert messages(raised.value) == {"title": ["“三八红旗集体”只授予集体，不能授予个人。"]}


def test_a_personal_title_is_not_given_to_a_collective(make_honor):
    with pytest.raises(ValidationError) as raised:
        make_honor(recipient_type="集体", recipient_name="明塘村妇联", post="").full_clean()
    assert messages(raised.value) == {"title": ["“三八红旗手”只授予个人，不能授予集体。"]}


def test_a_title_for_both_takes_either(make_honor, title):
    both = title("巾帼百佳")
    both.recipient_types = "个人或集体"
    both.save()
    make_honor(title=both).full_clean()
    make_honor(title=both, recipient_type="集体", recipient_name="明塘村妇联", post="").full_clean()


def test_a_collective_has_no_post(make_honor, title):
    with pytest.raises(ValidationError) as raised:
        make_honor(
            recipient_type="集体", recipient_name="明塘村妇联", title=title("三八红旗集体")
        ).full_clean()
    assert messages(raised.value) == {"post": ["集体荣誉不填写职务。"]}


def test_the_event_is_held_in_the_honors_year(make_honor, event):
    with pytest.raises(ValidationError) as raised:
        make_honor(event=event, year=2022).full_clean()
    assert messages(raised.value) == {
        "event": [
            "表彰活动“湘东区庆祝“三八”国际妇女节表彰大会”在2021年举办，与荣誉年度2022年不符。"
        ]
    }
    make_honor(event=event).full_clean()


def test_an_event_with_honors_cannot_be_deleted(make_honor, event):
    make_honor(event=event).save()
    with pytest.raises(IntegrityError), transaction.atomic():
        event.delete()


def test_a_person_is_cited_with_unit_and_post(make_honor):
    honor = make_honor(recipient_name="陈丽华", work_unit="腊市镇明塘村妇联", post="妇联主席")
    assert honor.citation() == "腊市镇明塘村妇联主席陈丽华"


def test_a_collective_is_cited_by_its_name(make_honor):
    honor = make_honor(recipient_type="集体", recipient_name="腊市镇妇联", work_unit="", post="")
    assert honor.citation() == "腊市镇妇联"


@pytest.mark.parametrize(
    ("work_unit", "post", "joined"),
    [
        ("腊市镇明塘村妇联", "妇联主席", "腊市镇明塘村妇联主席"),
        ("湘东区人民医院", "院长", "湘东区人民医院院长"),
        ("荷尧镇中心小学", "教师", "荷尧镇中心小学教师"),
        ("", "教师", "教师"),
        ("湘东镇妇联", "", "湘东镇妇联"),
    ],
)
def test_unit_and_post_share_only_a_real_overlap(work_unit, post, joined):
    assert join_unit_and_post(work_unit, post) == joined
