"""A finalised report keeps its figures; a new version picks up corrected data."""

import pytest
from django.core.exceptions import ValidationError

from families.models import FamilyAward
from reports.document import Document, compose
from reports.models import Report, ReportSection
from reports.services import report_create, report_finalise, report_reopen
from tests.reports.conftest import page_text


def city_green_awards(district):
    return (
        FamilyAward.objects.for_year(2021)
        .in_subtree(district)
        .filter(level__name="市", kind__name="绿色（清洁）家庭")
    )


def figure(document, key):
    return next(f.text for f in document.figures if f.key == key)


def test_the_demo_report_is_finalised_as_version_1(demo_report):
    assert demo_report.is_final
    [version] = demo_report.versions.all()
    assert version.number == 1
    document = Document.from_json(version.document)
    assert (document.status, document.version) == ("final", 1)
    assert figure(document, "families.city_green") == "15户"


def test_a_data_fix_does_not_change_a_finalised_report(demo_report, district, login):
    city_green_awards(district).first().delete()
    assert figure(compose(demo_report), "families.city_green") == "14户"  # the live figure
    page = login("leader").get("/reports/360313000000/2021/")
    assert "“绿色（清洁）家庭”15户" in page_text(page)
    version = demo_report.versions.get()
    assert figure(Document.from_json(version.document), "families.city_green") == "15户"


def test_a_new_version_takes_the_corrected_figures_and_keeps_the_old_one(
    demo_report, district, user, login
):
    city_green_awards(district).first().delete()
    report_reopen(report=demo_report)
    version = report_finalise(report=demo_report, user=user("writer"))
    assert version.number == 2
    client = login("leader")
    assert "“绿色（清洁）家庭”14户" in page_text(client.get("/reports/360313000000/2021/"))
    old = page_text(client.get("/reports/360313000000/2021/?version=1"))
    assert "“绿色（清洁）家庭”15户" in old
    assert client.get("/reports/360313000000/2021/?version=3").status_code == 404


def test_finalising_twice_is_refused(demo_report):
    with pytest.raises(ValidationError, match="已经定稿"):
        report_finalise(report=demo_report, user=None)


def test_reopening_a_draft_is_refused(draft_report):
    with pytest.raises(ValidationError, match="草稿"):
        report_reopen(report=draft_report)


def test_a_report_with_an_unknown_placeholder_cannot_be_finalised(draft_report):
    ReportSection.objects.filter(report=draft_report, order=2).update(body="{honors.gone}")
    with pytest.raises(ValidationError, match=r"\{honors.gone\}"):
        report_finalise(report=draft_report, user=None)
    assert draft_report.versions.count() == 1
    draft_report.refresh_from_db()
    assert not draft_report.is_final


def test_a_new_report_starts_from_the_standard_text(full_demo, user):
    from fedportal.models import OrgUnit

    lashi = OrgUnit.objects.get(name="腊市镇")
    report = report_create(unit=lashi, year=2022, user=user("township"))
    assert report.display_title == "腊市镇妇联2022年工作情况和2023年主要工作打算汇报"
    assert list(report.sections.values_list("headline", flat=True)) == [
        "家庭创建有成果",
        "先进培育有典范",
        "合法权益有保障",
        "妇儿民生有改善",
        "技能就业有拓展",
    ]
    assert not compose(report).problems
    with pytest.raises(ValidationError, match="已经存在"):
        report_create(unit=lashi, year=2022, user=None)
    assert Report.objects.filter(org_unit=lashi).count() == 1


def test_definitions_changed_or_deleted_leave_a_finalised_report_as_it_was(
    demo_report, district, login
):
    from fedportal.models import FigureDefinition

    before = page_text(login("leader").get(f"/reports/{district.code}/2021/"))
    own = FigureDefinition.objects.get(key="employment.housekeeping_classes", org_unit=district)
    builtin = FigureDefinition.objects.get(key="families.city_green", org_unit=None)
    builtin.label, builtin.unit_word = "改过的名称", "家"
    builtin.save()
    builtin.filters.update(values="most_beautiful")
    own.delete()
    [version] = demo_report.versions.all()
    document = Document.from_json(version.document)
    assert figure(document, "families.city_green") == "15户"
    assert figure(document, "employment.housekeeping_classes") == "7期"
    assert page_text(login("leader").get(f"/reports/{district.code}/2021/")) == before
