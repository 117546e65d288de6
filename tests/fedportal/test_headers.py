"""What every response tells the browser: the content policy, caching, and error pages."""

import logging
import re
from pathlib import Path

import pytest
from django.test import override_settings
from django.urls import include, path

from reports.charts import Bar, bar_chart

ROOT = Path(__file__).resolve().parents[2]

POLICY = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}

# (user, URL) for one page of each kind: portal pages, a report, the admin.
PAGES = [
    ("staff", "/"),
    ("leader", "/dashboard/"),
    ("leader", "/dashboard/?year=2021&unit=360313103000"),
    ("staff", "/reports/"),
    ("staff", "/reports/360313000000/2021/"),
    ("staff", "/admin/"),
    ("staff", "/admin/families/familyaward/"),
    ("staff", "/admin/families/familyaward/add/"),
    ("staff", "/admin/families/familyaward/export/"),
    ("rights", "/admin/rights/rightscase/"),
    ("admin", "/admin/fedportal/user/"),
]


def policy(response):
    directives = (part.strip() for part in response["Content-Security-Policy"].split(";"))
    return dict(part.split(" ", 1) for part in directives if part)


@pytest.mark.parametrize(("username", "url"), PAGES)
def test_every_page_sends_the_content_policy(demo, login, username, url):
    response = login(username).get(url)
    assert response.status_code == 200
    sent = policy(response)
    assert {name: sent.get(name) for name in POLICY} == POLICY
    assert "unsafe" not in response["Content-Security-Policy"]


def test_the_login_page_sends_the_content_policy(client):
    assert {name: policy(client.get("/accounts/login/")).get(name) for name in POLICY} == POLICY


@pytest.mark.parametrize(("username", "url"), PAGES)
def test_signed_in_pages_are_not_cached(demo, login, username, url):
    cache_control = login(username).get(url)["Cache-Control"]
    assert "no-store" in cache_control and "private" in cache_control


def test_downloads_are_not_cached(demo, login):
    response = login("staff").get("/admin/families/familyaward/import-template/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "no-store" in response["Cache-Control"]


def test_the_admin_login_page_is_not_cached(client):
    assert "no-store" in client.get("/admin/login/")["Cache-Control"]


def test_browser_protections_are_set(demo, login):
    response = login("staff").get("/")
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"


OTHER_HOST = re.compile(r"""(?:src|href|action)\s*=\s*["']\s*(?:https?:)?//(?!testserver[/:"'])""")


@pytest.mark.parametrize(("username", "url"), PAGES)
def test_pages_load_nothing_from_another_host(demo, login, username, url):
    page = login(username).get(url).content.decode()
    assert not OTHER_HOST.findall(page)


# Our own markup keeps the policy strict: it has no inline style or script to allow.
TEMPLATES = [
    p
    for p in (ROOT / "templates").rglob("*.html")
    # Rendered to PDF by WeasyPrint, never by a browser.
    if p.name != "report_print.html"
]
INLINE = re.compile(r"""\sstyle\s*=|<style|\son[a-z]+\s*=|<script(?![^>]*\ssrc=)""", re.I)


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda p: str(p.relative_to(ROOT)))
def test_templates_have_no_inline_style_or_script(template):
    assert not INLINE.findall(template.read_text())


def test_charts_have_no_inline_style():
    svg = bar_chart("各乡镇最美家庭", [Bar("腊市镇", 3, url="/admin/"), Bar("湘东镇", 5)], "户")
    assert not INLINE.findall(svg)


# Errors ------------------------------------------------------------------------------------

ID_NUMBER = "360313199003071234"


def fail(request):
    request.POST.get("id_number")  # a search by ID number that goes wrong
    raise RuntimeError("the search failed")


urlpatterns = [path("fail/", fail), path("", include("fedportal.urls"))]


@pytest.mark.urls(__name__)
@override_settings(DEBUG=False)
def test_a_server_error_shows_the_chinese_page_and_nothing_of_the_request(demo, login, caplog):
    caplog.set_level(logging.INFO)
    client = login("rights")
    client.raise_request_exception = False
    response = client.post("/fail/", {"id_number": ID_NUMBER})
    assert response.status_code == 500
    page = response.content.decode()
    assert "服务器出错" in page and "错误已经记录" in page
    assert ID_NUMBER not in page and "the search failed" not in page
    # The log names the path and the error; the request's body stays out of it.
    assert "Internal Server Error: /fail/" in caplog.text
    assert ID_NUMBER not in caplog.text


def test_the_error_page_stands_alone():
    # Rendered when something has already failed, so it asks nothing of the database or
    # of the static-file manifest.
    text = (ROOT / "templates" / "500.html").read_text()
    assert "{% extends" not in text and "{% load" not in text and "{{" not in text


def test_no_error_mail_can_carry_personal_data(settings):
    assert settings.ADMINS == []
