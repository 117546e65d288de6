"""The dashboard marks figures whose units' returns are not approved yet (未审核)."""

import pytest

from returns.models import Return

pytestmark = pytest.mark.django_db


def test_unapproved_units_are_marked(demo, login, make_return):
    make_return("腊市镇", status=Return.Status.APPROVED)
    make_return("湘东镇", status=Return.Status.SUBMITTED)
    response = login("staff").get("/dashboard/", {"unit": "360313000000", "year": 2021})
    assert response.status_code == 200
    text = response.content.decode()
    approved = response.context["approved"]
    names = {row.unit.name for row in response.context["data"].children if row.unit.pk in approved}
    assert names == {"腊市镇"}
    assert 'id="review-state" title="本单位2021年度报送尚未审核通过' in text
    assert text.count('class="badge text-bg-warning unapproved"') == 10


def test_an_approved_unit_and_everything_below_it_read_as_approved(demo, login, make_return):
    make_return("腊市镇", status=Return.Status.APPROVED)
    text = login("township").get("/dashboard/", {"unit": "360313103000", "year": 2021})
    assert '<span class="badge text-bg-success align-middle" id="review-state">已审核</span>' in (
        text.content.decode()
    )
    other_year = login("township").get("/dashboard/", {"unit": "360313103000", "year": 2022})
    assert "未审核" in other_year.content.decode()


def test_approved_only_shows_figures_of_approved_units(demo, login, make_return):
    make_return("腊市镇", status=Return.Status.APPROVED)
    client = login("staff")
    response = client.get("/dashboard/", {"unit": "360313000000", "year": 2021, "approved": "1"})
    data = response.context["data"]
    assert [row.unit.name for row in data.children] == ["腊市镇"]
    assert data.sections == []
    assert (
        "湘东区2021年度的数据尚未审核通过，这里只列出已审核的下级单位。"
        in response.content.decode()
    )
    response = client.get("/dashboard/", {"unit": "360313103000", "year": 2021, "approved": "1"})
    assert response.context["data"].sections  # 腊市镇 is approved: all its figures
    assert 'id="approved-only-note"' not in response.content.decode()


def test_the_dashboard_links_to_the_returns_page_for_those_who_may_open_it(demo, login):
    query = {"unit": "360313103000", "year": 2021}
    link = 'id="returns-link" class="btn btn-sm btn-outline-primary" href="/returns/360313103000/2021/"'
    assert link in login("township").get("/dashboard/", query).content.decode()
    assert 'id="returns-link"' not in login("leader").get("/dashboard/", query).content.decode()
