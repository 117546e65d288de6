"""The report pages: who may read, write and finalise which unit's report."""

import pytest

from fedportal.versions import VERSION_FIELD, record_version
from reports.models import PlanItem, PlanTarget, Report, ReportSection
from tests.reports.conftest import page_text
from tests.reports.reference import REFERENCE_FIGURES

DISTRICT = "/reports/360313000000/2021/"
LASHI = "/reports/360313103000/2021/"


@pytest.mark.parametrize(
    ("username", "url", "status"),
    [
        ("leader", DISTRICT, 200),
        ("writer", DISTRICT, 200),
        ("staff", DISTRICT, 200),
        ("rights", DISTRICT, 200),
        ("admin", DISTRICT, 200),
        ("township", DISTRICT, 404),  # a township sees no figures beyond its township
        ("township", LASHI, 200),
        ("township2", LASHI, 404),
        ("leader", "/reports/999999999999/2021/", 404),
    ],
)
def test_who_reads_which_report(full_demo, login, username, url, status):
    assert login(username).get(url).status_code == status


def test_anonymous_users_are_sent_to_log_in(full_demo, client):
    response = client.get(DISTRICT)
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")


def test_a_user_without_a_role_is_refused(full_demo, client):
    from fedportal.models import OrgUnit, User

    nobody = User.objects.create_user("nobody", full_name="无角色")
    nobody.org_units.set([OrgUnit.objects.get(name="湘东区")])
    client.force_login(nobody)
    assert client.get(DISTRICT).status_code == 403
    assert client.get("/reports/").status_code == 403


def test_the_list_shows_only_reports_in_scope(full_demo, login):
    assert "湘东区妇联2021年" in login("leader").get("/reports/").content.decode()
    assert "湘东区妇联2021年" not in login("township").get("/reports/").content.decode()


def test_the_list_opens_a_unit_and_year(full_demo, login):
    response = login("leader").get("/reports/", {"unit": "360313103000", "year": "2021"})
    assert response.status_code == 302
    assert response.url == LASHI
    # a unit outside the scope is not offered
    response = login("township").get("/reports/", {"unit": "360313000000", "year": "2021"})
    assert response.status_code == 200


def test_the_page_holds_every_reference_figure_in_order(demo_report, login):
    import re

    page = login("leader").get(DISTRICT).content.decode()
    figures = re.findall(r'<span class="report-figure" title="[^"]*">([^<]+)</span>', page)
    assert figures == REFERENCE_FIGURES


def test_officials_see_figures_without_links(demo_report, login):
    page = login("leader").get(DISTRICT).content.decode()
    assert '“绿色（清洁）家庭”<span class="report-figure"' in page
    assert "/admin/" not in page


def test_staff_figures_link_to_the_records_they_may_see(demo_report, login):
    page = login("staff").get(DISTRICT).content.decode()
    assert (
        'href="/admin/families/familyaward/?figure=families.city_green&amp;figure_year=2021'
        '&amp;figure_unit=360313000000"' in page
    )
    # the rights figures are not linked for district staff, who may not see cases
    assert "/admin/rights/" not in page
    rights_page = login("rights").get(DISTRICT).content.decode()
    assert "/admin/rights/rightscase/?figure=rights.cases_received" in rights_page
    assert "/admin/families/" not in rights_page


def test_the_page_says_what_state_the_report_is_in(demo_report, login):
    page = login("leader").get(DISTRICT).content.decode()
    assert "已定稿 · 第1版" in page
    assert "report.pdf" in page and "report.docx" in page
    assert "定稿（固定数字）" not in page and "新建版本" not in page  # officials only read
    assert "新建版本（重新编辑）" in login("writer").get(DISTRICT).content.decode()
    empty = page_text(login("leader").get("/reports/360313000000/2015/"))
    assert "尚未撰写" in empty and "湘东区2015年暂无业务记录" in empty


def test_the_detail_page_query_count_does_not_grow_with_figures(
    demo_report, login, django_assert_max_num_queries
):
    client = login("staff")
    with django_assert_max_num_queries(20):
        client.get(DISTRICT)


def test_narrative_is_escaped(draft_report, login):
    ReportSection.objects.filter(report=draft_report, order=1).update(
        body='<script>alert("x")</script><b>粗体</b>{families.city_green}'
    )
    page = login("leader").get(DISTRICT).content.decode()
    assert "<script>alert" not in page and "<b>粗体" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;b&gt;粗体" in page


# Writing


def test_a_writer_edits_a_section(draft_report, login):
    section = draft_report.sections.get(order=1)
    url = f"{DISTRICT}sections/{section.pk}/"
    client = login("writer")
    page = client.get(url).content.decode()
    assert "{families.city_green}" in page  # the placeholder list
    response = client.post(
        url,
        {
            "order": 1,
            "headline": "家庭建设有成效",
            "body": "评出{families.city_green}。",
            VERSION_FIELD: record_version(section),
        },
    )
    assert response.status_code == 302
    assert "（一）家庭建设有成效。评出" in page_text(client.get(DISTRICT))


def test_an_unknown_placeholder_is_refused_with_a_clear_message(draft_report, login):
    section = draft_report.sections.get(order=1)
    response = login("writer").post(
        f"{DISTRICT}sections/{section.pk}/",
        {"order": 1, "headline": "家庭创建有成果", "body": "评出{families.city_greeen}。"},
    )
    assert response.status_code == 200
    assert "没有代码为“families.city_greeen”的指标。" in response.content.decode()
    section.refresh_from_db()
    assert "city_greeen" not in section.body


def test_a_writer_adds_a_plan_item_with_a_target(draft_report, login):
    client = login("writer")
    data = {
        "order": 6,
        "heading": "强队伍，在推动基层建设上求突破",
        "body": "培训妇女干部。",
        "targets-TOTAL_FORMS": 1,
        "targets-INITIAL_FORMS": 0,
        "targets-MIN_NUM_FORMS": 0,
        "targets-MAX_NUM_FORMS": 10,
        "targets-0-indicator": "employment.trainees",
        "targets-0-comparison": "gte",
        "targets-0-target": "600",
    }
    assert client.post(f"{DISTRICT}plan/add/", data).status_code == 302
    item = PlanItem.objects.get(report=draft_report, order=6)
    [target] = item.targets.all()
    assert target.sentence() == "参训妇女不少于600名" or "不少于600" in target.sentence()
    assert "（六）强队伍，在推动基层建设上求突破。" in page_text(client.get(DISTRICT))


def test_a_target_needs_a_real_indicator(draft_report, login):
    data = {
        "order": 6,
        "heading": "强队伍",
        "body": "培训。",
        "targets-TOTAL_FORMS": 1,
        "targets-INITIAL_FORMS": 0,
        "targets-MIN_NUM_FORMS": 0,
        "targets-MAX_NUM_FORMS": 10,
        "targets-0-indicator": "employment.nothing",
        "targets-0-comparison": "gte",
        "targets-0-target": "-1",
    }
    response = login("writer").post(f"{DISTRICT}plan/add/", data)
    assert response.status_code == 200
    assert not PlanItem.objects.filter(report=draft_report, order=6).exists()
    assert PlanTarget.objects.filter(plan_item__report=draft_report).count() == 3


def test_a_writer_deletes_a_section_by_post_only(draft_report, login):
    section = draft_report.sections.get(order=5)
    url = f"{DISTRICT}sections/{section.pk}/delete/"
    client = login("writer")
    assert client.get(url).status_code == 405
    assert client.post(url).status_code == 302
    assert not ReportSection.objects.filter(pk=section.pk).exists()


def test_the_header_edits(draft_report, login):
    client = login("writer")
    response = client.post(
        f"{DISTRICT}edit/",
        {
            "title": "",
            "opening": "开头。",
            "plan_intro": "思路。",
            VERSION_FIELD: record_version(draft_report),
        },
    )
    assert response.status_code == 302
    draft_report.refresh_from_db()
    assert (draft_report.opening, draft_report.plan_intro) == ("开头。", "思路。")


@pytest.mark.parametrize(
    ("username", "status"), [("leader", 403), ("staff", 403), ("township", 404), ("writer", 200)]
)
def test_who_may_edit_the_district_report(draft_report, login, username, status):
    assert login(username).get(f"{DISTRICT}edit/").status_code == status


def test_a_finalised_report_cannot_be_edited(demo_report, login):
    section = demo_report.sections.first()
    client = login("writer")
    assert client.get(f"{DISTRICT}edit/").status_code == 403
    response = client.post(
        f"{DISTRICT}sections/{section.pk}/", {"order": 1, "headline": "改", "body": "改"}
    )
    assert response.status_code == 403
    section.refresh_from_db()
    assert section.headline == "家庭创建有成果"


def test_a_township_writes_and_finalises_its_own_report(full_demo, login):
    client = login("township")
    assert client.get(f"{LASHI}create/").status_code == 405
    assert client.post(f"{LASHI}create/").status_code == 302
    report = Report.objects.get(org_unit__name="腊市镇", year=2021)
    step = client.get(f"{LASHI}finalise/")
    assert step.status_code == 200
    assert client.post(f"{LASHI}finalise/", {"seen": step.context["seen"]}).status_code == 302
    report.refresh_from_db()
    assert report.is_final and report.versions.count() == 1
    assert client.post(f"{DISTRICT}create/").status_code == 404


def test_officials_cannot_create_or_finalise(full_demo, demo_report, login):
    client = login("leader")
    assert client.post(f"{LASHI}create/").status_code == 403
    assert client.post(f"{DISTRICT}reopen/").status_code == 403
    assert not Report.objects.filter(org_unit__name="腊市镇").exists()


# Downloads


@pytest.mark.parametrize(
    ("fmt", "content_type", "magic"),
    [
        ("pdf", "application/pdf", b"%PDF-"),
        ("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", b"PK"),
    ],
)
def test_downloads(demo_report, login, fmt, content_type, magic):
    from urllib.parse import quote

    response = login("leader").get(f"{DISTRICT}report.{fmt}")
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert response.content.startswith(magic)
    name = quote(f"湘东区妇联2021年工作情况和2022年主要工作打算汇报（第1版）.{fmt}")
    assert response["Content-Disposition"] == f"attachment; filename*=UTF-8''{name}"


def test_downloads_are_scoped(full_demo, login):
    client = login("township")
    assert client.get(f"{DISTRICT}report.pdf").status_code == 404
    assert client.get(f"{DISTRICT}report.docx?version=1").status_code == 404
    assert client.get(f"{LASHI}report.docx").status_code == 200


def test_an_unchanged_report_is_rendered_once(demo_report, login, monkeypatch):
    from django.core.cache import cache

    from reports import pdf

    cache.clear()
    calls = []
    real = pdf.render_pdf
    monkeypatch.setattr(pdf, "render_pdf", lambda d: calls.append(d) or real(d))
    client = login("leader")
    first = client.get(f"{DISTRICT}report.pdf?version=1").content
    assert client.get(f"{DISTRICT}report.pdf").content == first
    assert len(calls) == 1


def test_charts_appear_on_the_page_and_in_the_files(draft_report, login):
    import io

    from docx import Document as WordDocument
    from pypdf import PdfReader

    ReportSection.objects.filter(report=draft_report, order=2).update(
        body="获评荣誉。\n{honors.honors@级别}"
    )
    client = login("leader")
    page = client.get(DISTRICT).content.decode()
    assert '<figure class="report-chart chart"><svg' in page
    pdf_text = "".join(
        p.extract_text()
        for p in PdfReader(io.BytesIO(client.get(f"{DISTRICT}report.pdf").content)).pages
    )
    assert "湘东区2021年获得荣誉（按级别）" in pdf_text
    word = WordDocument(io.BytesIO(client.get(f"{DISTRICT}report.docx").content))
    [table] = word.tables
    assert table.rows[0].cells[0].text == "全国"  # levels from the top
