"""Data-quality rules as data: comparisons of two figures and year-on-year outliers, shown
to the unit before it submits, explained by it, refusing unexplained submissions, and
listed on the board of the unit above."""

from decimal import Decimal

import pytest
from django.urls import reverse

from returns import quality, services
from returns.models import Explanation, QualityRule, Return
from returns.services import ReturnRefused

pytestmark = pytest.mark.django_db

LASHI, DISTRICT = "360313103000", "360313000000"
FLAGGED = "省级最美家庭不应超过市级绿色家庭：省级“最美家庭”1户，不应超过市级“绿色（清洁）家庭”0户"


@pytest.fixture
def rule(demo, unit):
    return QualityRule.objects.create(
        name="省级最美家庭不应超过市级绿色家庭",
        left="families.provincial_most_beautiful",
        operator=QualityRule.Operator.LE,
        right="families.city_green",
        org_unit=unit("湘东区"),
    )


def page(code, step="board"):
    return reverse(f"returns:{step}", kwargs={"code": code, "year": 2021})


def test_the_seeded_rules_are_there(db):
    rules = {
        r.name: (r.kind, r.left, r.operator, r.right, r.factor) for r in QualityRule.objects.all()
    }
    assert rules == {
        "“两癌”救助人数不应超过筛查阳性人数": (
            "compare",
            "welfare.liangai_relief_women",
            "le",
            "welfare.cervical_referred + welfare.breast_referred",
            None,
        ),
        "救助发放件数与上年相差十倍以上": (
            "year_on_year",
            "welfare.grants",
            "",
            "",
            Decimal("10.00"),
        ),
    }


def test_a_comparison_is_flagged_and_blocks_submission(rule, make_award, make_return, user):
    make_award(year=2021)
    ret = make_return()
    assert [v.message for v in quality.violations(ret)] == [FLAGGED]
    with pytest.raises(ReturnRefused) as caught:
        services.return_submit(ret=ret, user=user("township"))
    assert caught.value.messages == [f"有1项数据未通过审核规则，请修改或说明后再报送：{FLAGGED}"]
    assert Return.objects.get(pk=ret.pk).status == Return.Status.OPEN


def test_an_explained_value_may_be_submitted_until_it_changes(rule, make_award, make_return, login):
    make_award(year=2021)
    ret = make_return()
    client = login("township")
    response = client.post(page(LASHI, "explain"), {"rule": rule.pk, "text": "该户同年获两级表彰"})
    assert response.status_code == 302
    explanation = Explanation.objects.get()
    assert (explanation.values, explanation.text) == ("1|0", "该户同年获两级表彰")
    [violation] = quality.violations(ret)
    assert violation.explained
    # A new award changes the figure: the explanation no longer covers it.
    make_award(year=2021, household="李四家庭")
    assert not quality.violations(ret)[0].explained
    client.post(page(LASHI, "submit"))
    assert Return.objects.get(pk=ret.pk).status == Return.Status.OPEN
    client.post(page(LASHI, "explain"), {"rule": rule.pk, "text": "两户同年获两级表彰"})
    client.post(page(LASHI, "submit"))
    assert Return.objects.get(pk=ret.pk).status == Return.Status.SUBMITTED


def test_year_on_year_outliers(demo, unit, make_award, make_return):
    QualityRule.objects.create(
        name="家庭表彰与上年相差三倍以上",
        kind=QualityRule.Kind.YEAR_ON_YEAR,
        left="families.provincial_most_beautiful",
        operator="",
        factor=Decimal("3"),
    )
    make_award(year=2020)
    for n in range(4):
        make_award(year=2021, household=f"第{n}户家庭")
    ret = make_return()
    assert [v.message for v in quality.violations(ret)] == [
        "家庭表彰与上年相差三倍以上：省级“最美家庭”4户，上年1户，超过上年的3倍"
    ]
    # Nothing last year: nothing to compare with.
    assert quality.violations(make_return("湘东镇")) == []


def test_rules_of_one_district_do_not_apply_elsewhere(rule, make_award, make_return, unit):
    rule.org_unit = unit("湘东镇")
    rule.save()
    make_award(year=2021)
    assert quality.violations(make_return()) == []


def test_the_township_sees_its_own_results_and_the_district_every_townships(
    rule, make_award, make_return, login
):
    make_award(year=2021)
    make_award("湘东镇", year=2021, household="李四家庭")
    make_return("腊市镇")
    make_return("湘东镇")
    township = login("township")
    response = township.get(page(LASHI))
    assert [v.message for v in response.context["violations"]] == [FLAGGED]
    assert response.context["rows"] == []
    assert "李四家庭" not in response.content.decode()
    assert township.get(page("360313100000")).status_code == 404
    rows = login("staff").get(page(DISTRICT)).context["rows"]
    flagged = {r.unit.name: [v.message for v in r.violations] for r in rows if r.violations}
    assert flagged == {"腊市镇": [FLAGGED], "湘东镇": [FLAGGED]}


def test_a_rule_needs_what_its_kind_compares(db):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as caught:
        QualityRule(name="x", left="not a key", right="").full_clean()
    assert "不是指标代码" in str(caught.value)
    with pytest.raises(ValidationError) as caught:
        QualityRule(name="x", left="welfare.grants", right="").full_clean()
    assert "两个指标比较时须填写比较对象。" in str(caught.value)
