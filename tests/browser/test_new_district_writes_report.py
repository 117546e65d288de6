"""The writer of a district that is not the demo's opens its standard text (made from its
own records, as no template serves it yet), makes it the district's own, names a figure
in Chinese, starts the year's report from it, finalises it past the list of zero figures,
and downloads it as PDF and Word."""

from datetime import date

from django.contrib.auth.models import Group
from playwright.sync_api import expect

from families.models import FamilyTally, FamilyTallyKind
from fedportal import roles
from fedportal.demo import DEMO_PASSWORD
from fedportal.models import OrgUnit, User
from honors.models import Honor, HonorLevel, HonorTitle
from tests.browser.conftest import browser_db

pytestmark = browser_db

CODE = "360302000000"
REPORT = f"/reports/{CODE}/2025/"
TITLE = "安源区妇联2025年工作情况和2026年主要工作打算汇报"


def _district():
    city = OrgUnit.objects.get(code="360300000000")
    district = OrgUnit.objects.add_child(
        city, {"name": "安源区", "code": CODE, "level": OrgUnit.Level.DISTRICT}
    )
    town = OrgUnit.objects.add_child(
        district, {"name": "青山镇", "code": "360302100000", "level": OrgUnit.Level.TOWNSHIP}
    )
    Honor.objects.create(
        org_unit=town, recipient_type="个人", recipient_name="周红梅",
        title=HonorTitle.objects.get(code="red_banner_woman"),
        level=HonorLevel.objects.get(code="provincial"), conferred_by="省妇联", year=2025,
    )  # fmt: skip
    talks = FamilyTallyKind.objects.create(name="家庭教育宣讲", code="home_talks", order=10)
    FamilyTally.objects.create(
        org_unit=town, kind=talks, date=date(2025, 5, 31), sessions=6, persons=420
    )
    writer = User.objects.create_user("ay-writer", password=DEMO_PASSWORD, full_name="安源区办公室")
    writer.groups.add(Group.objects.get(name=roles.REPORT_WRITER))
    writer.org_units.add(district)


def test_a_new_districts_writer_keeps_a_standard_text_and_finalises(log_in, shoot, download):
    _district()
    page = log_in("ay-writer")
    page.goto(REPORT)
    expect(page.get_by_role("heading", name=TITLE)).to_be_visible()
    article = page.locator("article")
    expect(article).to_contain_text("（一）家庭工作。家庭教育宣讲：场次6场，420人次。")
    expect(article).to_contain_text("（二）评先评优。获评省级“三八红旗手”1名。")
    expect(article).not_to_contain_text("维权")
    shoot(page, "generic-text")

    page.get_by_role("link", name="标准文本").click()
    expect(page.get_by_text("下面是按安源区2025年业务记录生成的文本")).to_be_visible()
    page.get_by_role("button", name="以此为底稿建立安源区自己的标准文本").click()
    expect(page.get_by_role("alert")).to_contain_text("已为安源区建立标准文本")
    opening = page.get_by_role("textbox", name="开头段落")
    opening.fill("{年度}年，全区获评省级表彰{省级三八红旗手}。全国表彰{全国“三八红旗手”}。")
    expect(page.locator("#report-preview")).to_have_text("2025年，全区获评省级表彰1名。")
    shoot(page, "template-edited")
    page.get_by_role("button", name="保存").click()
    expect(page.get_by_role("alert")).to_contain_text("标准文本已保存。")

    page.get_by_role("link", name="返回报告").click()
    page.get_by_role("button", name="以此为底稿新建报告").click()
    expect(page.get_by_text("草稿 · 数字随业务数据实时更新")).to_be_visible()
    expect(article).to_contain_text("2025年，全区获评省级表彰1名。")
    expect(article).not_to_contain_text("全国表彰")

    page.get_by_role("link", name="定稿（固定数字）").click()
    expect(page.get_by_role("heading", name="为零的数字")).to_be_visible()
    expect(page.get_by_text("全国“三八红旗手”：0名")).to_be_visible()
    shoot(page, "zero-figures")
    page.get_by_role("button", name="确认定稿").click()
    expect(page.get_by_text("已定稿 · 第1版")).to_be_visible()
    shoot(page, "finalised")

    _, pdf = download(page, page.get_by_role("link", name="下载 PDF").click)
    assert pdf.startswith(b"%PDF-")
    _, docx = download(page, page.get_by_role("link", name="下载 Word").click)
    assert docx.startswith(b"PK")
