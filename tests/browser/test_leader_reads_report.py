"""An official reads the district's 2021 report in the browser and downloads its PDF."""

from playwright.sync_api import expect

from tests.browser.conftest import PHONE, browser_db

pytestmark = browser_db

REPORT = "/reports/360313000000/2021/"
TITLE = "湘东区妇联2021年工作情况和2022年主要工作打算汇报"


def test_a_leader_opens_the_report_and_downloads_the_pdf(log_in, shoot, download):
    page = log_in("leader")
    # A leader's front page is the figures.
    expect(page.get_by_role("heading", level=1)).to_contain_text("湘东区2022年工作数据")
    shoot(page, "home")

    page.get_by_role("navigation").get_by_role("link", name="年度报告").click()
    expect(page.get_by_role("heading", name="年度工作报告")).to_be_visible()
    shoot(page, "report-list")

    page.goto(REPORT)
    expect(page.get_by_role("heading", name=TITLE)).to_be_visible()
    expect(page.get_by_text("已定稿 · 第1版")).to_be_visible()
    for figure in ("34.5万余元", "近3000人"):
        expect(page.get_by_text(figure, exact=True).first).to_be_visible()
    # Officials read figures only: nothing on the page leads into the data admin.
    expect(page.locator('a[href*="/admin/"]')).to_have_count(0)
    shoot(page, "report")

    got, content = download(page, page.get_by_role("link", name="下载 PDF").click)
    assert got.suggested_filename == f"{TITLE}（第1版）.pdf"
    assert content.startswith(b"%PDF-")
    assert len(content) > 50_000  # the text with its embedded CJK fonts

    page.set_viewport_size(PHONE)
    expect(page.get_by_role("heading", name=TITLE)).to_be_visible()
    shoot(page, "report-phone", full_page=False)
