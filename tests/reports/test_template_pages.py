"""The pages of a unit's standard text: who may open and edit them, making a unit's own
from the text that serves it, and a new report started from it."""

import pytest
from django.contrib.auth.models import Group

from fedportal import roles
from fedportal.models import OrgUnit, User
from fedportal.versions import VERSION_FIELD, record_version
from reports.models import Report, ReportTemplate
from tests.reports.conftest import page_text

DISTRICT = "/reports/360313000000/2022/template/"
LASHI = "/reports/360313103000/2022/template/"


@pytest.fixture
def other_writer(full_demo):
    """The writer of a district that is not the demo's."""
    city = OrgUnit.objects.get(name="萍乡市")
    other = OrgUnit.objects.add_child(
        city, {"name": "安源区", "code": "360302000000", "level": OrgUnit.Level.DISTRICT}
    )
    writer = User.objects.create_user("ay-writer", password="Anyuan-2025-pw")
    writer.groups.add(Group.objects.get(name=roles.REPORT_WRITER))
    writer.org_units.add(other)
    return writer


def test_who_may_open_the_template_pages(full_demo, login, client, other_writer):
    assert login("writer").get(DISTRICT).status_code == 200
    assert login("staff").get(DISTRICT).status_code == 200
    assert login("leader").get(DISTRICT).status_code == 403
    assert login("rights").get(DISTRICT).status_code == 403
    assert login("township").get(DISTRICT).status_code == 404
    assert login("township").get(LASHI).status_code == 200
    client.force_login(other_writer)
    assert client.get(DISTRICT).status_code == 404
    assert client.post(f"{LASHI}create/").status_code == 404
    assert client.get(f"{DISTRICT}figures.json", {"q": "奶粉"}).status_code == 404
    assert client.post(f"{DISTRICT}preview/", {"body": "x"}).status_code == 404
    assert login("leader").post(f"{LASHI}create/").status_code == 403
    assert not ReportTemplate.objects.filter(org_unit__name="腊市镇").exists()


def test_a_township_sees_the_districts_text_and_makes_it_its_own(full_demo, login):
    client = login("township")
    page = page_text(client.get(LASHI))
    assert "腊市镇目前使用湘东区的标准文本" in page
    assert client.get(f"{LASHI}create/").status_code == 405
    assert client.post(f"{LASHI}create/").status_code == 302
    own = ReportTemplate.objects.get(org_unit__name="腊市镇")
    district = ReportTemplate.objects.get(org_unit__name="湘东区")
    assert own.opening == district.opening  # with its words ({年度}) kept
    assert [s.headline for s in own.sections.all()] == [s.headline for s in district.sections.all()]
    assert client.post(f"{LASHI}create/").status_code == 302
    assert ReportTemplate.objects.filter(org_unit__name="腊市镇").count() == 1


def test_a_writer_edits_the_template_and_a_new_report_starts_from_it(full_demo, login):
    client = login("writer")
    template = ReportTemplate.objects.get(org_unit__name="湘东区")
    sections = list(template.sections.all())
    data = {
        VERSION_FIELD: record_version(template),
        "opening": "{年度}年，{单位}妇联获得荣誉{本会所获荣誉}。",
        "plan_intro": "",
        "sections-TOTAL_FORMS": len(sections) + 1,
        "sections-INITIAL_FORMS": len(sections),
        "sections-MIN_NUM_FORMS": 0,
        "sections-MAX_NUM_FORMS": 12,
    }
    for n, section in enumerate(sections):
        data |= {
            f"sections-{n}-id": section.pk,
            f"sections-{n}-order": section.order,
            f"sections-{n}-headline": section.headline,
            f"sections-{n}-body": section.body,
            f"sections-{n}-empty_text": "",
        }
    data[f"sections-{len(sections) - 1}-DELETE"] = "on"
    new = len(sections)
    data |= {
        f"sections-{new}-order": 0,
        f"sections-{new}-headline": "组织建设",
        f"sections-{new}-body": "全区新建妇女之家{families.nope}。",
        f"sections-{new}-empty_text": "",
    }
    refused = client.post(DISTRICT, data)
    assert refused.status_code == 200
    assert "没有代码为“families.nope”的指标。" in page_text(refused)
    data[f"sections-{new}-body"] = "调处婚姻家庭纠纷{婚姻家庭纠纷调解}。"
    assert client.post(DISTRICT, data).status_code == 302
    # A stale form is refused, as every edit form here.
    assert client.post(DISTRICT, data).status_code == 200

    report = client.post("/reports/360313000000/2022/create/")
    assert report.status_code == 302
    report = Report.objects.get(org_unit__name="湘东区", year=2022)
    assert report.opening == "2022年，湘东区妇联获得荣誉{本会所获荣誉}。"
    assert [s.headline for s in report.sections.all()] == [
        "组织建设", "家庭创建有成果", "先进培育有典范", "合法权益有保障", "妇儿民生有改善",
    ]  # fmt: skip
    page = page_text(client.get("/reports/360313000000/2022/"))
    assert "2022年，湘东区妇联获得荣誉3个。" in page
    assert "（一）组织建设。调处婚姻家庭纠纷7次。" in page


def test_the_template_preview_fills_words_and_figures(full_demo, login):
    response = login("writer").post(
        f"{DISTRICT}preview/", {"kind": "opening", "body": "{年度}年，{市级“绿色（清洁）家庭”}。"}
    )
    assert response.status_code == 200
    assert page_text(response).strip() == "2022年，16户。"
