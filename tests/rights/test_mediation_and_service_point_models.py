"""Mediation and ServicePoint: their own rules and constraints."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from rights.models import Mediation, ServicePoint

pytestmark = pytest.mark.django_db


@pytest.fixture
def centre(unit):
    return ServicePoint.objects.create(
        org_unit=unit("湘东区"),
        name="区婚姻家庭纠纷调处中心",
        kind=ServicePoint.Kind.MEDIATION_CENTRE,
        opened_on=date(2021, 5, 15),
    )


def mediation(unit, category, **fields):
    values = {
        "org_unit": unit("腊市镇"),
        "mediated_on": date(2021, 6, 1),
        "dispute_type": category("家庭纠纷"),
        "mediator": "易春兰",
        "outcome": Mediation.Outcome.SETTLED,
        **fields,
    }
    return Mediation(**values)


def errors_of(record):
    with pytest.raises(ValidationError) as caught:
        record.full_clean()
    return caught.value.message_dict


def test_a_mediation_has_at_least_two_parties(unit, category):
    record = mediation(unit, category, parties_count=1)
    assert errors_of(record) == {"__all__": ["纠纷调解至少有2名当事人。"]}
    with pytest.raises(IntegrityError), transaction.atomic():
        record.save()


def test_a_mediation_is_not_before_its_case(unit, category, make_case):
    case = make_case(unit("腊市镇"), date(2021, 6, 10))
    assert errors_of(mediation(unit, category, case=case)) == {
        "mediated_on": ["调解日期不能早于所关联案件的受理日期（2021-06-10）。"]
    }


def test_a_mediation_is_not_before_its_place_opened(unit, category, centre):
    record = mediation(unit, category, mediated_on=date(2021, 5, 1), service_point=centre)
    assert errors_of(record) == {
        "mediated_on": ["调解日期不能早于“区婚姻家庭纠纷调处中心”的建成日期（2021-05-15）。"]
    }


def test_mediation_notes_refuse_phone_numbers(unit, category):
    record = mediation(unit, category, notes="女方电话13979901234")
    assert errors_of(record) == {
        "notes": ["“备注”中不能填写身份证号码或手机号码；当事人的个人信息请填在“当事人”中。"]
    }


def test_a_valid_mediation_passes(unit, category, centre):
    mediation(unit, category, service_point=centre).full_clean()


def test_service_point_names_are_unique_per_unit(centre):
    twin = ServicePoint(
        org_unit=centre.org_unit,
        name=centre.name,
        kind=ServicePoint.Kind.MEDIATION_CENTRE,
        opened_on=date(2022, 1, 1),
    )
    assert errors_of(twin) == {"__all__": ["同一单位已有同名的维权服务站点。"]}
