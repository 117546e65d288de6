"""Two writers editing one part of a report: the second save does not silently overwrite the
first. The edit pages carry the version they were loaded with, as the admin's change forms
do, and a stale or missing version is refused with the admin's message, naming who changed
it; nothing of the refused form is written."""

import pytest
from django.test import Client

from fedportal.models import User
from fedportal.versions import VERSION_FIELD, record_version
from reports.models import PlanItem, PlanTarget, Report, ReportSection

DISTRICT = "/reports/360313000000/2021/"
STALE = "该记录已被他人修改（修改人：{who}，时间："
UNKNOWN = "无法确认该记录在您打开页面后是否被他人修改（最近一次修改人：{who}，时间："


@pytest.fixture
def writers(draft_report):
    """The office writer and the superuser, each at a computer of their own."""
    made = []
    for username in ("writer", "admin"):
        client = Client()
        client.force_login(User.objects.get(username=username))
        made.append(client)
    return made


def open_form(client, url):
    """Load an edit page; its form's fields as the browser would post them back unchanged,
    formsets included."""
    response = client.get(url)
    assert response.status_code == 200
    data = {}
    for form in response.context["forms"]:
        if hasattr(form, "management_form"):
            for name in form.management_form.fields:
                data[form.management_form.add_prefix(name)] = form.management_form[name].value()
            inner = form.forms
        else:
            inner = [form]
        for each in inner:
            for name in each.fields:
                value = each[name].value()
                if value is not None and value is not False:
                    data[each.add_prefix(name)] = value
    return data


def refusal(response) -> str:
    assert response.status_code == 200
    (form, *_) = response.context["forms"]
    (error,) = form.non_field_errors()
    assert error in response.content.decode()
    return error


def section_url(section):
    return f"{DISTRICT}sections/{section.pk}/"


def test_the_page_carries_the_version_it_was_loaded_with(draft_report, writers):
    section = draft_report.sections.get(order=1)
    page = writers[0].get(section_url(section)).content.decode()
    assert record_version(section).startswith("h")
    assert f'name="{VERSION_FIELD}" value="{record_version(section)}"' in page


def test_the_second_save_of_a_section_is_refused(draft_report, writers):
    section = draft_report.sections.get(order=1)
    writer, admin = writers
    stale = open_form(writer, section_url(section))
    first = open_form(admin, section_url(section))

    saved = admin.post(section_url(section), {**first, "headline": "第一人的小标题"})
    assert saved.status_code == 302
    refused = writer.post(section_url(section), {**stale, "body": "第二人的正文。"})
    error = refusal(refused)
    assert error.startswith(STALE.format(who="超级管理员"))
    assert error.endswith("），请刷新后重新编辑。")
    section.refresh_from_db()
    assert section.headline == "第一人的小标题"
    assert section.body != "第二人的正文。"


def test_reloading_after_the_refusal_lets_the_second_writer_save(draft_report, writers):
    section = draft_report.sections.get(order=2)
    writer, admin = writers
    stale = open_form(writer, section_url(section))
    first = open_form(admin, section_url(section))
    admin.post(section_url(section), {**first, "headline": "第一人的小标题"})
    assert writer.post(section_url(section), {**stale, "body": "第二人的正文。"}).status_code == 200

    fresh = open_form(writer, section_url(section))
    assert writer.post(section_url(section), {**fresh, "body": "第二人的正文。"}).status_code == 302
    section.refresh_from_db()
    assert (section.headline, section.body) == ("第一人的小标题", "第二人的正文。")


def test_the_header_is_checked_by_the_reports_own_version(draft_report, writers):
    writer, admin = writers
    stale = open_form(writer, f"{DISTRICT}edit/")
    first = open_form(admin, f"{DISTRICT}edit/")
    assert (
        admin.post(f"{DISTRICT}edit/", {**first, "plan_intro": "第一人的思路。"}).status_code == 302
    )

    refused = writer.post(f"{DISTRICT}edit/", {**stale, "opening": "第二人的开头。"})
    assert refusal(refused).startswith(STALE.format(who="超级管理员"))
    draft_report.refresh_from_db()
    assert draft_report.plan_intro == "第一人的思路。"
    assert draft_report.opening != "第二人的开头。"


def test_a_change_of_the_targets_alone_makes_an_open_plan_item_stale(draft_report, writers):
    item = PlanItem.objects.filter(report=draft_report, targets__isnull=False).first()
    url = f"{DISTRICT}plan/{item.pk}/"
    writer, admin = writers
    stale = open_form(writer, url)
    first = open_form(admin, url)
    target = item.targets.first()
    assert admin.post(url, {**first, "targets-0-target": "999"}).status_code == 302

    refused = writer.post(url, {**stale, "targets-0-target": "1"})
    assert refusal(refused).startswith(STALE.format(who="超级管理员"))
    target.refresh_from_db()
    assert target.target == 999
    assert PlanTarget.objects.filter(plan_item=item).count() == item.targets.count()


def test_a_form_without_the_version_is_refused(draft_report, writers):
    section = draft_report.sections.get(order=3)
    writer, _ = writers
    loaded = open_form(writer, section_url(section))
    del loaded[VERSION_FIELD]
    refused = writer.post(section_url(section), {**loaded, "headline": "旧页面的小标题"})
    # The demo's sections were created by the office writer's account.
    assert refusal(refused).startswith(UNKNOWN.format(who="区妇联办公室"))
    section.refresh_from_db()
    assert section.headline != "旧页面的小标题"


def test_a_new_section_needs_no_version(draft_report, writers):
    writer, _ = writers
    response = writer.post(
        f"{DISTRICT}sections/add/", {"order": 9, "headline": "新的部分", "body": "正文。"}
    )
    assert response.status_code == 302
    assert ReportSection.objects.filter(report=draft_report, headline="新的部分").exists()


def test_a_new_report_starts_with_versioned_sections(full_demo, writers):
    writer, _ = writers
    assert writer.post("/reports/360313000000/2022/create/").status_code == 302
    report = Report.objects.get(org_unit__code="360313000000", year=2022)
    sections = list(report.sections.all())
    assert sections
    for section in sections:
        assert record_version(section).startswith("h")
        assert section.history.get().history_user.username == "writer"
