"""Officials browse the dashboard: pick a year, drill down from the district to a township,
open that township's report and download it; a township sees its own figures only."""

import re

import pytest
from django.urls import NoReverseMatch, reverse
from playwright.sync_api import Page, expect

from fedportal import indicators
from fedportal.models import OrgUnit
from tests.browser.conftest import DESKTOP, PHONE, browser_db


def _dashboard_exists() -> bool:
    try:
        reverse("dashboard")
    except NoReverseMatch:
        return False
    return True


pytestmark = [
    browser_db,
    pytest.mark.skipif(not _dashboard_exists(), reason="the dashboard page is not there yet"),
]

DISTRICT = "360313000000"
LASHI = "360313103000"


def heading(page: Page):
    return page.get_by_role("heading", level=1)


def expect_awards_card(page: Page, code: str, year: int):
    """The family-awards card shows the figure the indicator gives for the unit and year."""
    awards = indicators.get("families.awards")
    text = awards.format(awards.value(year, OrgUnit.objects.get(code=code)))
    expect(page.locator('.figure-card[data-key="families.awards"]')).to_contain_text(text)


def shoot_desktop_and_phone(page: Page, shoot, step: str):
    shoot(page, step)
    page.set_viewport_size(PHONE)
    shoot(page, f"{step}-phone", full_page=False)
    page.set_viewport_size(DESKTOP)


def test_a_leader_drills_down_to_a_township_and_its_report(demo_site, log_in, shoot, download):
    page = log_in("leader")
    page.goto("/dashboard/")
    # The latest year with records, not an empty new year.
    expect(heading(page)).to_contain_text("湘东区2022年工作数据")
    shoot(page, "latest-year")

    form = page.locator("form#dashboard-filter")
    form.locator('select[name="year"]').select_option("2021")
    form.get_by_role("button", name="查看").click()
    expect(page).to_have_url(re.compile(r"[?&]year=2021(&|$)"))
    expect(heading(page)).to_contain_text("湘东区2021年工作数据")
    expect(page.get_by_text("数据截至")).to_be_visible()
    expect_awards_card(page, DISTRICT, 2021)
    shoot_desktop_and_phone(page, shoot, "district-2021")

    page.locator("#child-units a.drill-down", has_text="腊市镇").click()
    expect(page).to_have_url(f"{demo_site.url}/dashboard/?year=2021&unit={LASHI}")
    expect(heading(page)).to_contain_text("腊市镇2021年工作数据")
    expect_awards_card(page, LASHI, 2021)
    shoot_desktop_and_phone(page, shoot, "lashi-2021")

    page.locator("a#report-link").click()
    expect(page).to_have_url(f"{demo_site.url}/reports/{LASHI}/2021/")
    title = "腊市镇妇联2021年工作情况和2022年主要工作打算汇报"
    expect(page.get_by_role("heading", name=title)).to_be_visible()
    shoot(page, "lashi-report")

    got, content = download(page, page.get_by_role("link", name="下载 PDF").click)
    assert got.suggested_filename == f"{title}（草稿）.pdf"  # no report written yet
    assert content.startswith(b"%PDF-")
    assert len(content) > 20_000


def test_a_township_sees_its_own_dashboard_only(log_in, shoot):
    page = log_in("township")
    page.goto("/dashboard/")
    # The latest year with the township's records, not an empty new year.
    expect(heading(page)).to_contain_text("腊市镇2022年工作数据")
    shoot_desktop_and_phone(page, shoot, "own-township")

    response = page.goto(f"/dashboard/?year=2021&unit={DISTRICT}")
    assert response.status == 404
    expect(page.get_by_text("湘东区2021年工作数据")).to_have_count(0)
    shoot(page, "district-not-found")
