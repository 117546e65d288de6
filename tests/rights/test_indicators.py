"""The rights indicators give the 2021 report's figures and never reach personal data."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from fedportal.indicators import all_indicators, get
from rights import indicators  # noqa: F401  (registers the indicators)
from rights.demo import load_demo_records
from rights.models import Complainant

pytestmark = pytest.mark.django_db


@pytest.fixture
def district(demo, unit):
    load_demo_records()
    return unit("湘东区")


def value(key, unit, year=2021):
    return get(key).value(year, unit)


def test_report_figures_2021(district):
    # "通过12338维权热线、信访接待等形式受理妇女信访诉求，全年受理并妥处妇女维权案件15件。"
    assert value("rights.cases_received", district) == 15
    assert value("rights.cases_closed", district) == 15
    # "建立了湘东区妇女儿童维权法律服务站……打造了区“婚姻家庭纠纷调处中心”"
    assert value("rights.service_points_opened", district) == 2
    assert value("rights.mediations", district) == 6
    assert value("rights.mediations_settled", district) == 4
    assert value("rights.mediation_parties", district) == 16


def test_case_breakdowns(district):
    cases = get("rights.cases_received")
    assert cases.breakdown(2021, district, "来源渠道") == [
        ("12338热线", 6),
        ("来访", 5),
        ("来信", 2),
        ("来电", 2),
    ]
    assert cases.breakdown(2021, district, "诉求类别") == [
        ("婚姻家庭类", 12),
        ("财产权益类", 2),
        ("劳动和社会保障权益类", 1),
    ]
    assert cases.breakdown(2021, district, "办理状态") == [("办结", 15)]
    assert cases.by_month(2021, district) == [1, 1, 1, 2, 1, 2, 1, 2, 1, 1, 1, 1]


def test_other_breakdowns(district):
    points = get("rights.service_points_opened")
    assert sorted(points.breakdown(2021, district, "类型")) == [
        ("妇女儿童维权法律服务站", 1),
        ("婚姻家庭纠纷调处中心", 1),
    ]
    mediations = get("rights.mediations")
    assert mediations.breakdown(2021, district, "调解结果") == [
        ("调解成功", 4),
        ("调解未果", 1),
        ("转介", 1),
    ]
    assert mediations.breakdown(2021, district, "调解地点") == [
        ("区婚姻家庭纠纷调处中心", 4),
        ("未填", 2),
    ]
    assert sum(mediations.by_month(2021, district)) == 6


def test_by_child_unit_sums_to_district(district):
    for key in ("rights.cases_received", "rights.mediations"):
        indicator = get(key)
        rows = indicator.by_child_unit(2021, district)
        # Records entered at the district itself come first, so the rows add up.
        assert sum(v for _, v in rows) == indicator.value(2021, district)
    cases = dict((u.name, v) for u, v in get("rights.cases_received").by_child_unit(2021, district))
    assert sum(cases.values()) == 15 and cases["腊市镇"] == 3


def test_township_counts_only_its_subtree(district, unit):
    lashi = unit("腊市镇")
    assert value("rights.cases_received", lashi) == 3  # 腊市镇 itself and two in 明塘村
    assert value("rights.cases_received", unit("明塘村")) == 2
    assert value("rights.service_points_opened", lashi) == 0
    assert value("rights.mediations", unit("白竺乡")) == 1


def test_other_years_differ(district):
    assert value("rights.cases_received", district, 2020) == 12
    assert value("rights.cases_closed", district, 2020) == 11
    assert value("rights.cases_received", district, 2022) == 18
    assert value("rights.cases_closed", district, 2022) == 16
    assert value("rights.service_points_opened", district, 2020) == 1
    assert value("rights.service_points_opened", district, 2022) == 2
    assert value("rights.mediations", district, 2020) == 4
    assert value("rights.mediations", district, 2022) == 7


def test_no_indicator_reads_personal_data(district):
    rights = all_indicators("rights")
    assert len(rights) > 6  # the built-in figures and those of every channel and category
    with CaptureQueriesContext(connection) as queries:
        for indicator in rights:
            assert indicator.model is not Complainant
            indicator.value(2021, district)
            indicator.by_child_unit(2021, district)
            if indicator.date_field:
                indicator.by_month(2021, district)
            for dimension in indicator.dimensions:
                indicator.breakdown(2021, district, dimension)
    sql = " ".join(q["sql"] for q in queries.captured_queries)
    assert Complainant._meta.db_table not in sql
    for personal in ("id_number", "phone", "address", "summary", "notes", "mediator"):
        assert f'"{personal}"' not in sql
