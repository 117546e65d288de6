"""Builders for rights records: cases with their complainants in 腊市镇 and 湘东镇."""

from datetime import date

import pytest
from django.contrib.auth.models import Group

from fedportal import roles
from fedportal.models import User
from fedportal.personal_data import make_id_number
from rights.models import CaseCategory, Channel, Complainant, RightsCase

# A complainant of 明塘村 (腊市镇) and one of 湘东镇; valid-format, invented numbers.
LASHI_ID = make_id_number("360313", date(1985, 6, 1), 124)
LASHI_PHONE = "13979901234"
XIANGDONG_ID = make_id_number("360313", date(1979, 2, 14), 88)
XIANGDONG_PHONE = "13879905678"


@pytest.fixture
def channel(db):
    return lambda name: Channel.objects.get(name=name)


@pytest.fixture
def category(db):
    return lambda name: CaseCategory.objects.get(name=name)


@pytest.fixture
def make_case(channel, category):
    def _make(org_unit, received_on=date(2021, 3, 8), **fields):
        values = {
            "channel": channel("12338热线"),
            "category": category("家庭暴力"),
            "summary": "反映遭受家庭暴力，请求帮助。",
            "status": RightsCase.Status.RECEIVED,
            **fields,
        }
        case = RightsCase(org_unit=org_unit, received_on=received_on, **values)
        case.full_clean()
        case.save()
        return case

    return _make


@pytest.fixture
def cases(make_case, unit):
    """A 明塘村 case and a 湘东镇 case, each with its complainant."""
    lashi = make_case(unit("明塘村"), summary="腊市镇的家暴求助。")
    Complainant.objects.create(
        case=lashi, name="李秀英", id_number=LASHI_ID, phone=LASHI_PHONE, address="腊市镇明塘村3组"
    )
    xiangdong = make_case(
        unit("湘东镇"), date(2021, 5, 10), category=CaseCategory.objects.get(name="离婚")
    )
    Complainant.objects.create(
        case=xiangdong,
        name="王桂兰",
        id_number=XIANGDONG_ID,
        phone=XIANGDONG_PHONE,
        address="湘东镇三角池村5组",
    )
    return {"lashi": lashi, "xiangdong": xiangdong}


@pytest.fixture
def township_worker(demo, unit):
    """A rights caseworker of one township, to test scoping inside the rights role."""

    def _make(username, township):
        worker = User.objects.create_user(username, full_name=f"{township}维权专干", is_staff=True)
        worker.groups.add(Group.objects.get(name=roles.RIGHTS_WORKER))
        worker.org_units.add(unit(township))
        return worker

    return _make
