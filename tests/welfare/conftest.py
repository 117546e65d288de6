from datetime import date
from decimal import Decimal

import pytest

from fedportal.personal_data import make_id_number
from tests.welfare.helpers import RELIEF, SCHOOL_BAG, WOMAN_ID
from welfare.models import Fundraising, Grant, Programme, ProgrammeRun, Residence, Screening


@pytest.fixture
def programme(db):
    return lambda name: Programme.objects.get(name=name)


@pytest.fixture
def make_grant(programme, unit):
    """An unsaved 两癌救助 grant of 10,000 元 to a rural woman of 腊市镇; override any field."""

    def _make(**fields):
        values = {
            "org_unit": unit("腊市镇"),
            "programme": programme(RELIEF),
            "year": 2021,
            "date": date(2021, 9, 28),
            "beneficiary_name": "易秀英",
            "id_number": WOMAN_ID,
            "residence": Residence.RURAL,
            "amount": Decimal(10000),
        }
        values.update(fields)
        return Grant(**values)

    return _make


@pytest.fixture
def make_screening(unit):
    def _make(**fields):
        values = {
            "org_unit": unit("腊市镇"),
            "year": 2021,
            "start_date": date(2021, 4, 12),
            "end_date": date(2021, 6, 30),
            "population": Screening.Population.RURAL_ELIGIBLE,
            "cervical_screened": 500,
            "breast_screened": 480,
            "cervical_referred": 6,
            "breast_referred": 3,
            "hospital": "湘东区妇幼保健院",
        }
        values.update(fields)
        return Screening(**values)

    return _make


@pytest.fixture
def records(demo, make_grant, make_screening, programme, unit):
    """One record of each kind in 腊市镇 (its village 明塘村 for the grant) and in 湘东镇."""
    made = {}
    for key, name in (("lashi", "腊市镇"), ("xiangdong", "湘东镇")):
        made[f"{key}_programmerun"] = ProgrammeRun.objects.create(
            org_unit=unit(name),
            programme=programme(SCHOOL_BAG),
            year=2021,
            partner=f"{name}合作单位",
            beneficiaries="留守儿童",
        )
        made[f"{key}_fundraising"] = Fundraising.objects.create(
            org_unit=unit(name),
            programme=programme("春蕾计划"),
            year=2021,
            date=date(2021, 6, 1),
            donors=f"{name}爱心人士",
            amount=Decimal(5000),
        )
        made[f"{key}_screening"] = make_screening(org_unit=unit(name), hospital=f"{name}卫生院")
        made[f"{key}_screening"].save()
    made["lashi_grant"] = make_grant(
        org_unit=unit("明塘村"),
        beneficiary_name="易秀英",
        phone="13812345678",
        health_details="宫颈癌术后，正在放疗",
    )
    made["lashi_grant"].full_clean()
    made["lashi_grant"].save()
    made["xiangdong_grant"] = make_grant(
        org_unit=unit("湘东镇"),
        beneficiary_name="钟桂兰",
        id_number=make_id_number("360313", date(1968, 2, 2), 248),
    )
    made["xiangdong_grant"].full_clean()
    made["xiangdong_grant"].save()
    return made
