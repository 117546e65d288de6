"""The standard text fits any federation: a unit's template serves its subtree, a unit no
template serves gets a text naming only what it did, and nothing is said about nothing."""

import re
from datetime import date
from decimal import Decimal

import pytest

from families.models import FamilyTally, FamilyTallyKind
from fedportal.models import FigureDefinition, OrgUnit
from honors.models import Honor, HonorLevel, HonorTitle
from reports.document import Document, Figure, compose, compose_default
from reports.models import ReportTemplate, TemplateSection
from reports.services import figures_seen, report_create, report_finalise
from welfare.models import Grant, Programme

CITY, COUNTY, RIVER_TOWN, STONE_TOWN = (
    "520100000000",
    "520199000000",
    "520199100000",
    "520199200000",
)


def figures_said(document):
    return [run for block in document.blocks for run in block.runs if isinstance(run, Figure)]


@pytest.fixture
def county(db):
    """A county of another province with an honor title, a programme and tallied work of
    its own, and records in three of its five work areas."""

    def add(parent, name, code, level):
        values = {"name": name, "code": code, "level": level}
        if parent is None:
            return OrgUnit.objects.add_root(values)
        return OrgUnit.objects.add_child(parent, values)

    city = add(None, "山城市", CITY, OrgUnit.Level.CITY)
    county = add(city, "清溪县", COUNTY, OrgUnit.Level.DISTRICT)
    river = add(county, "河口镇", RIVER_TOWN, OrgUnit.Level.TOWNSHIP)
    stone = add(county, "石门乡", STONE_TOWN, OrgUnit.Level.TOWNSHIP)
    guardians = HonorTitle.objects.create(name="河湖巾帼护河员", code="river_guardians", order=50)
    levels = {level.code: level for level in HonorLevel.objects.all()}
    # Listed by the level's ranking, whatever order the list's editors gave it.
    HonorLevel.objects.filter(code="township").update(order=0)
    banner = HonorTitle.objects.get(code="red_banner_woman")
    for unit, title, level, name in [
        (river, guardians, "township", "张秀兰"),
        (stone, guardians, "provincial", "李春梅"),
        (river, banner, "national", "王玉珍"),
    ]:
        Honor.objects.create(
            org_unit=unit, recipient_type="个人", recipient_name=name, title=title,
            level=levels[level], conferred_by="妇联", year=2025,
        )  # fmt: skip
    gifts = Programme.objects.create(
        name="助学礼包", code="study_gifts", gives="goods", default_unit="份", order=40
    )
    for name in ("陈静", "刘敏"):
        Grant.objects.create(
            org_unit=river, programme=gifts, year=2025, date=date(2025, 9, 1),
            beneficiary_name=name, residence="rural", quantity=10, unit="份",
            goods_value=Decimal(500),
        )  # fmt: skip
    talks = FamilyTallyKind.objects.create(name="巾帼宣讲", code="women_talks", order=10)
    FamilyTally.objects.create(
        org_unit=stone, kind=talks, date=date(2025, 6, 30), sessions=12, persons=800
    )
    return county


def test_a_county_without_a_template_is_told_only_what_it_did(county):
    document = compose_default(county, 2025)
    assert document.text().splitlines() == [
        "清溪县妇联2025年工作情况和2026年主要工作打算汇报",
        "一、2025年主要工作情况",
        "（一）家庭工作。巾帼宣讲：场次12场，800人次。",
        "（二）评先评优。获评全国“三八红旗手”1名、省级“河湖巾帼护河员”1个、"
        "乡镇级“河湖巾帼护河员”1个。",
        "（三）妇儿民生。“助学礼包”：发放2人次，受助人数2人，物资数量20份，物资价值1000元。",
        "二、2026年主要工作思路和打算",
        "2026年工作打算尚未填写。",
    ]
    assert document.has_data
    assert all(Decimal(figure.value) for figure in figures_said(document))


def test_a_township_of_the_county_is_told_its_own(county):
    river = OrgUnit.objects.get(code=RIVER_TOWN)
    document = compose_default(river, 2025)
    assert document.text().splitlines()[:4] == [
        "河口镇妇联2025年工作情况和2026年主要工作打算汇报",
        "一、2025年主要工作情况",
        "（一）评先评优。获评全国“三八红旗手”1名、乡镇级“河湖巾帼护河员”1个。",
        "（二）妇儿民生。“助学礼包”：发放2人次，受助人数2人，物资数量20份，物资价值1000元。",
    ]


def test_a_report_made_from_the_generic_text_keeps_its_figures_live(county):
    report = report_create(unit=county, year=2025, user=None)
    assert [s.headline for s in report.sections.all()] == ["家庭工作", "评先评优", "妇儿民生"]
    assert compose(report).text() == compose_default(county, 2025).text()
    assert "{" in report.sections.get(headline="评先评优").body  # placeholders, not numbers


def _template(unit, opening, *sections):
    template = ReportTemplate.objects.create(org_unit=unit, opening=opening)
    for n, (headline, body, *empty) in enumerate(sections, start=1):
        TemplateSection.objects.create(
            template=template, order=n, headline=headline, body=body,
            empty_text=empty[0] if empty else "",
        )  # fmt: skip
    return template


def test_the_nearest_template_serves_and_zero_sentences_go(county):
    _template(
        county,
        "{年度}年，{单位}妇联全年获得各类荣誉{honors.federation_honors}。",
        ("维权", "受理案件{rights.cases_received}。"),
        ("维权服务", "调处纠纷{rights.mediations}。", "本年度暂无此项工作。"),
        ("评先评优", "获评{honors.national_red_banner_women、honors.city_red_banner_women}；"
                     "举办表彰活动{honors.commendation_events}，表彰先进{honors.honors}。"),
    )  # fmt: skip
    stone = OrgUnit.objects.get(code=STONE_TOWN)
    lines = compose_default(stone, 2025).text().splitlines()
    assert lines[:4] == [
        "石门乡妇联2025年工作情况和2026年主要工作打算汇报",
        "一、2025年主要工作情况",
        "（一）维权服务。本年度暂无此项工作。",
        "（二）评先评优。表彰先进1个。",
    ]
    # The township's own template serves it instead.
    _template(stone, "", ("宣讲", "宣讲{families.tally.women_talks.sessions}。"))
    assert compose_default(stone, 2025).text().splitlines()[2] == "（一）宣讲。宣讲12场。"


def test_records_the_text_does_not_count_are_still_records(county):
    _template(county, "", ("维权", "受理案件{rights.cases_received}。"))
    document = compose_default(county, 2025)
    assert document.has_data
    assert "暂无业务记录" not in document.text()
    assert not compose_default(county, 2015).has_data


@pytest.mark.parametrize(
    ("body", "said"),
    [
        ("受理{rights.cases_received}，调处{families.tally.women_talks.sessions}。", "调处12场。"),
        ("调处{families.tally.women_talks.sessions}，受理{rights.cases_received}。", "调处12场。"),
        ("受理{rights.cases_received}；另有说明。", "另有说明。"),
        ("受理{rights.cases_received|零}。", "受理0件。"),
        ("{rights.cases_received、honors.honors}", "获得荣誉3个"),
        ("{rights.cases_received、families.tally.women_talks.sessions|数}次", "巾帼宣讲场次12次"),
    ],
)
def test_what_is_left_out(county, body, said):
    _template(county, "", ("一", body))
    assert compose_default(county, 2025).text().splitlines()[2] == f"（一）一。{said}"


def test_the_demo_districts_2022_standard_text_says_nothing_about_nothing(full_demo):
    district = OrgUnit.objects.get(code="360313000000")
    document = compose_default(district, 2022)
    said = figures_said(document)
    assert len(said) == 27
    assert all(Decimal(figure.value) != 0 for figure in said)
    text = document.text()
    assert "获评市“三八红旗手”5人、市“三八红旗集体”2个。" in text
    assert "全国" not in text
    assert not re.search(r"(?<![\d.])0(?![\d.])", text)
    # Its townships inherit it, in their own words and figures.
    lashi = compose_default(OrgUnit.objects.get(name="腊市镇"), 2022)
    assert lashi.text().splitlines()[2].startswith("（一）家庭创建有成果。荣获市级“最美家庭”1户")
    assert "先进培育有典范" not in lashi.text()


def test_a_finalised_version_stays_when_the_template_or_a_definition_changes(county):
    template = _template(county, "", ("评先评优", "获评{honors.honor.river_guardians}。"))
    report = report_create(unit=county, year=2025, user=None)
    version = report_finalise(report=report, user=None, seen=figures_seen(compose(report)))
    before = version.document
    template.sections.update(body="改过的标准文本{rights.cases_received}。")
    HonorTitle.objects.filter(code="river_guardians").update(name="改名后的称号")
    FigureDefinition.objects.filter(key="honors.honors").update(label="改过的名称")
    version.refresh_from_db()
    assert version.document == before
    assert "获评2个。" in Document.from_json(before).text()
