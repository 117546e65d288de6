"""The demo reproduces the 2021 figures of the reference report and is idempotent."""

import pytest

from fedportal.personal_data import validate_id_number, validate_mobile
from rights.demo import load_demo_records
from rights.models import Complainant, Mediation, RightsCase, ServicePoint
from tests.figures import breakdown, by_child_unit, by_month

CASES = "rights.cases_received"

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded(demo):
    return load_demo_records()


def test_2021_cases_received_and_all_properly_closed(loaded, unit):
    # "通过12338维权热线、信访接待等形式受理妇女信访诉求，全年受理并妥处妇女维权案件15件。"
    year = RightsCase.objects.for_year(2021)
    assert year.count() == 15
    assert year.closed().count() == 15
    district = unit("湘东区")
    assert breakdown(CASES, 2021, district, "办理状态") == {"办结": 15}
    assert breakdown(CASES, 2021, district, "来源渠道") == {
        "12338热线": 6,
        "来访": 5,
        "来电": 2,
        "来信": 2,
    }
    assert breakdown(CASES, 2021, district, "诉求类别") == {
        "婚姻家庭类": 12,
        "财产权益类": 2,
        "劳动和社会保障权益类": 1,
    }
    assert not year.filter(closed_on__year__gt=2021).exists()


def test_2021_cases_spread_over_townships_and_months(loaded, unit):
    townships = by_child_unit(CASES, 2021, unit("湘东区"))
    assert sum(townships.values()) == 15 and len(townships) == 11
    assert townships["腊市镇"] == 3
    assert set(by_month(CASES, 2021, unit("湘东区"))) == set(range(1, 13))


def test_2021_service_points(loaded):
    # "联合区司法局与148法律服务所合作，建立了湘东区妇女儿童维权法律服务站，为妇女儿童提供
    # 全天候、全方位维权服务。打造了区“婚姻家庭纠纷调处中心”，聘请心理咨询师、法律顾问、
    # 婚姻调解专家定期坐班，并开通线上线下咨询专栏。"
    opened = ServicePoint.objects.filter(opened_on__year=2021)
    station, centre = opened.order_by("opened_on")
    assert (station.name, station.kind, station.partners) == (
        "湘东区妇女儿童维权法律服务站",
        ServicePoint.Kind.LEGAL_SERVICE_STATION,
        "区司法局、148法律服务所",
    )
    assert "全天候、全方位维权服务" in station.services
    assert (centre.name, centre.kind) == (
        "区婚姻家庭纠纷调处中心",
        ServicePoint.Kind.MEDIATION_CENTRE,
    )
    assert centre.staffing == "心理咨询师、法律顾问、婚姻调解专家定期坐班"
    assert centre.online_consultation and "线上线下咨询专栏" in centre.services
    assert {p.org_unit.name for p in opened} == {"湘东区"}


def test_neighbouring_years_have_records_to_compare(loaded, unit):
    assert RightsCase.objects.for_year(2020).count() == 12
    assert RightsCase.objects.for_year(2022).count() == 18
    assert breakdown(CASES, 2022, unit("湘东区"), "办理状态") == {"办结": 16, "转介": 2}
    assert Mediation.objects.filter(mediated_on__year=2021).count() == 6
    assert Mediation.objects.filter(mediated_on__year=2020).count() == 4
    assert Mediation.objects.filter(mediated_on__year=2022).count() == 7


def test_every_case_has_a_valid_invented_complainant(loaded):
    assert Complainant.objects.count() == RightsCase.objects.count() == 45
    numbers = set()
    for person in Complainant.objects.select_related("case"):
        person.full_clean()
        validate_id_number(person.id_number)
        validate_mobile(person.phone)
        numbers.add(person.id_number)
    assert len(numbers) == 45
    assert Complainant.objects.filter(is_minor=True).count() == 2


def test_loading_twice_creates_nothing_new(loaded):
    assert loaded == 45 + 45 + 17 + 5
    assert load_demo_records() == 0
    assert RightsCase.objects.count() == 45
