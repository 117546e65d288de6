"""Each role's main pages on a desktop (1366 px) and a phone (390 px): every page opens on
its heading, the portal's own pages fit the phone's width without sideways scrolling, and a
screenshot of each, at each width, is kept in test-artifacts/browser/."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import browser_db

pytestmark = browser_db

DISTRICT = "360313000000"
LASHI = "360313103000"
WIDTHS = {"desktop": {"width": 1366, "height": 900}, "phone": {"width": 390, "height": 844}}

# role: [(path, words of the page's main heading)]
ROLE_PAGES = {
    "leader": [
        ("/", "湘东区2022年工作数据"),
        ("/reports/", "年度工作报告"),
        (f"/reports/{DISTRICT}/2021/", "湘东区妇联2021年工作情况"),
    ],
    "writer": [
        ("/", "年度工作报告"),
        (f"/reports/{DISTRICT}/2022/template/", "湘东区报告标准文本"),
    ],
    "staff": [
        ("/", "您好，区妇联业务员"),
        ("/admin/", "数据管理"),
        ("/admin/welfare/grant/", "救助发放"),
        (f"/returns/{DISTRICT}/2022/", "湘东区2022年度数据报送"),
    ],
    "township": [
        ("/", "您好，腊市镇妇联专干"),
        ("/admin/families/familyaward/add/", "新增家庭表彰"),
        (f"/returns/{LASHI}/2022/", "腊市镇2022年度数据报送"),
        ("/dashboard/", "腊市镇2022年工作数据"),
    ],
    "rights": [
        ("/", "您好，维权专干"),
        ("/admin/rights/rightscase/", "维权案件"),
    ],
}


@pytest.mark.parametrize("role", list(ROLE_PAGES))
def test_each_roles_main_pages_at_desktop_and_phone_width(log_in, shoot, role):
    page = log_in(role)
    for width, viewport in WIDTHS.items():
        page.set_viewport_size(viewport)
        for path, heading in ROLE_PAGES[role]:
            page.goto(path)
            expect(page.get_by_role("heading", level=1, name=heading)).to_be_visible()
            if not path.startswith("/admin/"):
                # The portal's pages keep wide tables in their own scrolling box.
                overflow = page.evaluate(
                    "document.documentElement.scrollWidth - document.documentElement.clientWidth"
                )
                assert overflow <= 1, (role, width, path, overflow)
            name = path.strip("/").replace("/", "-") or "home"
            shoot(page, f"{role}-{width}-{name}")
