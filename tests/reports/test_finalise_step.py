"""Finalising shows the figures that are zero and those that changed since the page was
opened, and freezes the report only when the writer confirmed the figures it now has."""

import json

import pytest

from families.models import FamilyAward
from reports.document import compose
from reports.models import ReportSection
from reports.services import FiguresChanged, figures_seen, report_finalise
from tests.reports.conftest import page_text

FINALISE = "/reports/360313000000/2021/finalise/"


@pytest.fixture
def with_a_zero(draft_report):
    ReportSection.objects.filter(report=draft_report, order=1).update(
        body="荣获全国“最美家庭”{families.award.most_beautiful.national}。"
        "荣获市级“绿色（清洁）家庭”{families.city_green}。"
    )
    return draft_report


def test_the_step_lists_the_zero_figures(with_a_zero, login):
    response = login("writer").get(FINALISE)
    assert response.status_code == 200
    page = page_text(response)
    assert "全国“最美家庭”：0户" in page
    assert "市级“绿色（清洁）家庭”：15户" not in page
    seen = json.loads(response.context["seen"])
    assert seen["families.city_green"] == "15"
    with_a_zero.refresh_from_db()
    assert not with_a_zero.is_final


def test_figures_changed_since_the_page_are_shown_and_nothing_is_frozen(
    with_a_zero, district, login
):
    client = login("writer")
    seen = client.get(FINALISE).context["seen"]
    FamilyAward.objects.for_year(2021).in_subtree(district).filter(
        level__code="city", kind__code="green"
    ).first().delete()
    response = client.post(FINALISE, {"seen": seen})
    assert response.status_code == 200
    assert "市级“绿色（清洁）家庭”：15户 → 14户" in page_text(response)
    with_a_zero.refresh_from_db()
    assert not with_a_zero.is_final and with_a_zero.versions.count() == 1
    # Confirmed again, with the figures it has now.
    confirmed = client.post(FINALISE, {"seen": response.context["seen"]})
    assert confirmed.status_code == 302
    with_a_zero.refresh_from_db()
    assert with_a_zero.is_final and with_a_zero.versions.count() == 2


def test_the_service_refuses_figures_nobody_confirmed(with_a_zero):
    seen = figures_seen(compose(with_a_zero))
    with pytest.raises(FiguresChanged, match="市级“绿色（清洁）家庭”（16户→15户）"):
        report_finalise(report=with_a_zero, user=None, seen=seen | {"families.city_green": "16"})
    with pytest.raises(FiguresChanged):
        report_finalise(report=with_a_zero, user=None, seen={})
    assert report_finalise(report=with_a_zero, user=None, seen=seen).number == 2


def test_who_may_finalise(demo_report, draft_report, login):
    assert login("leader").get(FINALISE).status_code == 403
    assert login("township").get(FINALISE).status_code == 404
    assert login("writer").get("/reports/360313103000/2021/finalise/").status_code == 404
