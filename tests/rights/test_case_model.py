"""RightsCase: derived year, closing and referral rules, status transitions, constraints."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from rights.models import RightsCase

pytestmark = pytest.mark.django_db

Status = RightsCase.Status


def errors_of(record):
    with pytest.raises(ValidationError) as caught:
        record.full_clean()
    return caught.value.message_dict


def test_year_is_derived_from_the_received_date(make_case, unit):
    case = make_case(unit("腊市镇"), date(2021, 12, 31))
    assert case.year == 2021
    case.received_on = date(2022, 1, 3)
    case.full_clean()
    assert case.year == 2022


def test_a_closed_case_needs_its_closing_date(make_case, unit):
    case = make_case(unit("腊市镇"), status=Status.IN_PROGRESS)
    case.status = Status.CLOSED
    assert errors_of(case) == {"closed_on": ["案件办结时必须填写办结日期。"]}


def test_an_open_case_has_no_closing_date(make_case, unit):
    case = make_case(unit("腊市镇"))
    case.closed_on = date(2021, 3, 9)
    assert errors_of(case) == {"closed_on": ["案件尚未办结，不应填写办结日期。"]}


def test_closing_date_is_not_before_the_received_date(make_case, unit):
    case = make_case(unit("腊市镇"), status=Status.IN_PROGRESS)
    case.status, case.closed_on = Status.CLOSED, date(2021, 3, 1)
    assert errors_of(case) == {
        "closed_on": ["办结日期（2021-03-01）不能早于受理日期（2021-03-08）。"]
    }


def test_a_referral_names_the_unit_referred_to(make_case, unit):
    case = make_case(unit("腊市镇"), status=Status.IN_PROGRESS)
    case.status = Status.REFERRED
    assert errors_of(case) == {"referred_to": ["转介的案件必须填写转介单位。"]}
    case.referred_to = "区人社局"
    case.full_clean()


@pytest.mark.parametrize(
    ("path", "closed_on"),
    [
        ([Status.IN_PROGRESS, Status.CLOSED], date(2021, 4, 1)),
        ([Status.IN_PROGRESS, Status.REFERRED], None),
    ],
)
def test_status_moves_forward_step_by_step(make_case, unit, path, closed_on):
    case = make_case(unit("腊市镇"))
    for status in path:
        case.status = status
        case.closed_on = closed_on if status == Status.CLOSED else None
        case.referred_to = "区人民法院" if status == Status.REFERRED else ""
        case.full_clean()
        case.save()
    assert case.status == path[-1]


def test_a_received_case_cannot_skip_being_handled(make_case, unit):
    case = make_case(unit("腊市镇"))
    case.status, case.closed_on = Status.CLOSED, date(2021, 3, 20)
    assert errors_of(case) == {"status": ["办理状态只能从“受理”改为“办理中”，不能改为“办结”。"]}


def test_a_case_in_progress_cannot_go_back(make_case, unit):
    case = make_case(unit("腊市镇"), status=Status.IN_PROGRESS)
    case.status = Status.RECEIVED
    assert errors_of(case) == {
        "status": ["办理状态只能从“办理中”改为“办结”或“转介”，不能改为“受理”。"]
    }


@pytest.mark.parametrize(
    ("final", "extra"),
    [
        (Status.CLOSED, {"closed_on": date(2021, 3, 20)}),
        (Status.REFERRED, {"referred_to": "区妇幼保健院"}),
    ],
)
def test_closed_and_referred_cases_are_final(make_case, unit, final, extra):
    case = make_case(unit("腊市镇"), status=final, **extra)
    case.status, case.closed_on, case.referred_to = Status.IN_PROGRESS, None, ""
    label = Status(final).label
    assert errors_of(case) == {"status": [f"案件已{label}，办理状态不能再更改。"]}


def test_a_new_record_may_enter_a_case_already_closed(make_case, unit):
    case = make_case(unit("腊市镇"), status=Status.CLOSED, closed_on=date(2021, 3, 8))
    assert case.status == Status.CLOSED


@pytest.mark.parametrize(
    ("field", "text"),
    [
        ("summary", "当事人身份证360313198506011246，请求帮助。"),
        ("result", "已电话联系13979901234回访。"),
    ],
)
def test_free_text_refuses_id_and_mobile_numbers(make_case, unit, field, text):
    case = make_case(unit("腊市镇"))
    setattr(case, field, text)
    label = RightsCase._meta.get_field(field).verbose_name
    assert errors_of(case) == {
        field: [f"“{label}”中不能填写身份证号码或手机号码；当事人的个人信息请填在“当事人”中。"]
    }


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"status": "closed", "closed_on": None}, "案件办结时必须填写办结日期。"),
        ({"status": "closed", "closed_on": date(2021, 1, 1)}, "办结日期不能早于受理日期。"),
        (
            {"status": "in_progress", "closed_on": date(2021, 4, 1)},
            "只有已办结的案件才能填写办结日期。",
        ),
        ({"status": "referred", "referred_to": ""}, "转介的案件必须填写转介单位。"),
    ],
)
def test_database_constraints_hold_without_clean(make_case, unit, changes, message):
    case = make_case(unit("腊市镇"))
    for name, value in changes.items():
        setattr(case, name, value)
    with pytest.raises(ValidationError) as caught:
        case.validate_constraints()
    assert caught.value.messages == [message]
    with pytest.raises(IntegrityError), transaction.atomic():
        case.save()


def test_the_same_case_cannot_be_entered_twice(make_case, unit):
    first = make_case(unit("腊市镇"))
    twin = RightsCase(
        org_unit=first.org_unit,
        received_on=first.received_on,
        channel=first.channel,
        category=first.category,
        summary=first.summary,
    )
    assert errors_of(twin) == {
        "__all__": ["同一单位同一天已有来源渠道和案情摘要都相同的案件，请勿重复录入。"]
    }


def test_its_name_never_shows_the_complainant(cases):
    assert str(cases["lashi"]) == "维权案件 2021-03-08·家庭暴力"
