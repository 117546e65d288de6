"""The office's writer reopens the district's finalised report, finds a figure by its Chinese
name and inserts it where the cursor is, sees the text previewed with its value, and moves
a section by its buttons."""

from playwright.sync_api import expect

from fedportal import indicators
from fedportal.models import OrgUnit
from tests.browser.conftest import browser_db

pytestmark = browser_db

DISTRICT_REPORT = "/reports/360313000000/2021/"


def test_a_writer_inserts_a_figure_previews_and_moves_a_section(log_in, shoot):
    green = indicators.get("families.city_green")
    value = green.format(green.value(2021, OrgUnit.objects.get(code="360313000000")))
    page = log_in("writer")
    page.goto(DISTRICT_REPORT)
    page.get_by_role("button", name="新建版本（重新编辑）").click()
    expect(page.get_by_text("草稿 · 数字随业务数据实时更新")).to_be_visible()

    page.get_by_role("link", name="家庭创建有成果").click()
    expect(page.get_by_role("heading", name="修改工作情况部分")).to_be_visible()
    body = page.get_by_role("textbox", name="正文")
    text = body.input_value()
    body.fill(text + "\n年内又评出")

    page.get_by_role("searchbox", name="按名称查找数字").fill("绿色家庭")
    # The best match first; the award's figures at other levels follow.
    found = page.locator("#figure-results li").first
    expect(found).to_contain_text(f"市级“绿色（清洁）家庭”：{value}")
    shoot(page, "figure-found")

    page.get_by_role("button", name="插入“市级“绿色（清洁）家庭””").click()
    expect(body).to_have_value(text + "\n年内又评出{families.city_green}")
    body.press("End")
    body.press_sequentially("。")
    preview = page.locator("#report-preview")
    expect(preview).to_contain_text("（一）家庭创建有成果。")
    expect(preview.locator("p").last).to_have_text(f"年内又评出{value}。")
    shoot(page, "previewed")

    page.get_by_role("button", name="保存").click()
    expect(page.get_by_role("alert")).to_contain_text("工作情况部分已保存。")
    expect(page.locator("article")).to_contain_text(f"年内又评出{value}。")

    page.get_by_role("button", name="下移“家庭创建有成果”").click()
    expect(page.get_by_role("alert")).to_contain_text("已将“家庭创建有成果”下移。")
    article = page.locator("article")
    expect(article).to_contain_text("（一）先进培育有典范。")
    expect(article).to_contain_text("（二）家庭创建有成果。")
    expect(page.get_by_role("button", name="上移“家庭创建有成果”")).to_be_enabled()
    expect(page.get_by_role("button", name="上移“先进培育有典范”")).to_be_disabled()
    shoot(page, "moved")
