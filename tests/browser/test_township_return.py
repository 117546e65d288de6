"""A township submits its 2022 return, the district sends it back with a reason, the
township submits again and the district approves it, after which its records are locked."""

from playwright.sync_api import expect

from families.models import FamilyAward
from fedportal.models import OrgUnit
from tests.browser.conftest import browser_db

pytestmark = browser_db

LASHI_2022 = "/returns/360313103000/2022/"
DISTRICT_2022 = "/returns/360313000000/2022/"


def log_out(page):
    page.get_by_role("button", name="退出").click()


def test_submit_send_back_resubmit_approve(log_in, shoot):
    page = log_in("township")
    page.goto(LASHI_2022)
    expect(page.get_by_role("heading", name="腊市镇2022年度数据报送")).to_be_visible()
    expect(page.locator("#deadline")).to_contain_text("距截止还有")
    expect(page.get_by_text("全部审核规则通过。")).to_be_visible()
    shoot(page, "open")
    page.get_by_role("button", name="报送2022年度数据").click()
    expect(page.get_by_role("alert")).to_contain_text("已报送腊市镇2022年度数据报送。")
    expect(page.locator("[data-status]")).to_have_text("已报送，待审核")
    shoot(page, "submitted")
    log_out(page)

    page = log_in("staff")
    page.goto(DISTRICT_2022)
    row = page.locator('tr[data-unit="360313103000"]')
    expect(row).to_contain_text("已报送，待审核")
    shoot(page, "board")
    row.get_by_label("腊市镇的退回原因").fill("家长学校名单缺两所，请补充后重新报送")
    row.get_by_role("button", name="退回").click()
    expect(page.get_by_role("alert")).to_contain_text("腊市镇2022年度数据报送已退回。")
    expect(page.locator('tr[data-unit="360313103000"]')).to_contain_text(
        "原因：家长学校名单缺两所，请补充后重新报送"
    )
    shoot(page, "sent-back")
    log_out(page)

    page = log_in("township")
    page.goto(LASHI_2022)
    expect(page.locator("[data-status]")).to_have_text("已退回")
    expect(page.get_by_text("原因：家长学校名单缺两所，请补充后重新报送")).to_be_visible()
    page.get_by_role("button", name="报送2022年度数据").click()
    expect(page.locator("[data-status]")).to_have_text("已报送，待审核")
    shoot(page, "resubmitted")
    log_out(page)

    page = log_in("staff")
    page.goto(DISTRICT_2022)
    row = page.locator('tr[data-unit="360313103000"]')
    row.get_by_role("button", name="审核通过").click()
    expect(page.get_by_role("alert")).to_contain_text("腊市镇2022年度数据报送已审核通过。")
    expect(page.locator('tr[data-unit="360313103000"]')).to_contain_text("已审核")
    shoot(page, "approved")
    log_out(page)

    page = log_in("township")
    lashi = OrgUnit.objects.get(code="360313103000")
    award = FamilyAward.objects.filter(org_unit__path__startswith=lashi.path, year=2022)
    page.goto(f"/admin/families/familyaward/{award.order_by('pk')[0].pk}/change/")
    expect(
        page.get_by_text("2022年度数据已经湘东区妇联审核锁定，如需修改请联系湘东区妇联退回。")
    ).to_be_visible()
    shoot(page, "record-locked")
