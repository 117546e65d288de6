"""The report page can be used without a mouse: Tab reaches the download links."""

from playwright.sync_api import expect

from tests.browser.conftest import browser_db

pytestmark = browser_db

REPORT = "/reports/360313000000/2021/"
MAX_TABS = 30  # more than the page has focusable elements before the downloads


def test_tab_reaches_the_download_links(log_in, shoot, download):
    page = log_in("leader")
    page.goto(REPORT)
    pdf = page.get_by_role("link", name="下载 PDF")
    word = page.get_by_role("link", name="下载 Word")
    expect(pdf).to_be_visible()

    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        if pdf.evaluate("link => link === document.activeElement"):
            break
    expect(pdf).to_be_focused()
    shoot(page, "pdf-focused", full_page=False)

    page.keyboard.press("Tab")
    expect(word).to_be_focused()

    got, content = download(page, lambda: page.keyboard.press("Enter"))
    assert got.suggested_filename.endswith(".docx")
    assert content.startswith(b"PK")
