"""A township's federation officer writes, checks and finalises its own 2021 report, and
cannot open the district's."""

from playwright.sync_api import expect

from fedportal import indicators
from fedportal.models import OrgUnit
from tests.browser.conftest import browser_db

pytestmark = browser_db

DISTRICT_REPORT = "/reports/360313000000/2021/"
LASHI_REPORT = "/reports/360313103000/2021/"
TITLE = "腊市镇妇联2021年工作情况和2022年主要工作打算汇报"


def test_a_township_writes_and_finalises_its_report(log_in, shoot):
    page = log_in("township")

    response = page.goto(DISTRICT_REPORT)
    assert response.status == 404
    expect(page.get_by_text("湘东区妇联2021年")).to_have_count(0)
    shoot(page, "district-not-found")

    page.goto(LASHI_REPORT)
    expect(page.get_by_role("heading", name=TITLE)).to_be_visible()
    expect(page.get_by_text("尚未撰写")).to_be_visible()
    shoot(page, "standard-text")

    page.get_by_role("button", name="以此为底稿新建报告").click()
    expect(page.get_by_role("alert")).to_contain_text("已按标准文本新建报告草稿")
    expect(page.get_by_text("草稿 · 数字随业务数据实时更新")).to_be_visible()
    shoot(page, "draft")

    page.get_by_role("link", name="家庭创建有成果").click()
    expect(page.get_by_role("heading", name="修改工作情况部分")).to_be_visible()
    body = page.get_by_role("textbox", name="正文")
    text = body.input_value()
    body.fill(text + "全镇获评各级表彰家庭{families.nope}。")
    page.get_by_role("button", name="保存").click()
    expect(page.get_by_text("没有代码为“families.nope”的指标。", exact=True)).to_be_visible()
    shoot(page, "unknown-placeholder")

    body.fill(text + "全镇获评各级表彰家庭{families.awards}。")
    page.get_by_role("button", name="保存").click()
    expect(page.get_by_role("alert")).to_contain_text("工作情况部分已保存。")
    awards = indicators.get("families.awards")
    figure = awards.format(awards.value(2021, OrgUnit.objects.get(name="腊市镇")))
    expect(page.locator("article")).to_contain_text(f"全镇获评各级表彰家庭{figure}。")
    shoot(page, "section-saved")

    page.get_by_role("link", name="定稿（固定数字）").click()
    expect(page.get_by_role("heading", name=f"定稿：{TITLE}")).to_be_visible()
    shoot(page, "finalise-step")
    page.get_by_role("button", name="确认定稿").click()
    expect(page.get_by_text("已定稿 · 第1版")).to_be_visible()
    expect(page.get_by_role("link", name="定稿（固定数字）")).to_have_count(0)
    shoot(page, "finalised")
