"""The compiled report: the 2021 demo report says what the reference report says, figure
for figure; units and years without a report or without data still give a document."""

import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings

from families.models import FamilyAward
from fedportal import indicators
from fedportal.models import OrgUnit
from reports.document import Document, chinese_numeral, compose, compose_default
from reports.models import ReportSection
from tests.reports.reference import PLAN_HEADINGS, REFERENCE_FIGURES

REFERENCE = Path(settings.BASE_DIR).parent / "shared/reference/xiangdong-2021-annual-report.txt"


def reference_paragraphs():
    """The reference's title, opening and part 一, with its two stray typing slips
    (a space after a comma, a half-width comma) evened out."""
    if not REFERENCE.is_file():
        pytest.skip("参考报告不在本机。")
    lines = [line.strip() for line in REFERENCE.read_text(encoding="utf-8").splitlines()]
    lines = [line.replace("， ", "，").replace(",", "，") for line in lines if line]
    return lines[: lines.index("二、2022年主要工作思路和打算")]


def figures_in_order(document):
    return [run.text for block in document.blocks for run in block.runs if hasattr(run, "key")]


def test_each_placeholder_gives_the_reference_figure_in_its_place(demo_report):
    from reports import demo

    figures = iter(REFERENCE_FIGURES)
    expected = [
        f"（{chinese_numeral(n)}）{headline}。"
        + re.sub(r"\{[^}]*\}", lambda _: next(figures), body)
        for n, (headline, body) in enumerate(demo.SECTIONS, start=1)
    ]
    compiled = [b.text() for b in compose(demo_report).blocks if b.kind == "section"]
    assert compiled == expected


def test_the_demo_report_reads_as_the_reference_up_to_the_plan(demo_report):
    expected = reference_paragraphs()
    compiled = compose(demo_report).text().splitlines()
    assert compiled[: len(expected)] == expected


def test_every_reference_figure_in_order(demo_report):
    assert figures_in_order(compose(demo_report)) == REFERENCE_FIGURES


def test_the_plan_holds_the_five_items_and_their_targets(demo_report):
    text = compose(demo_report).text()
    positions = [
        text.index(f"（{chinese_numeral(n)}）{h}。") for n, h in enumerate(PLAN_HEADINGS, 1)
    ]
    assert positions == sorted(positions)
    assert text.index("二、2022年主要工作思路和打算\n总的思路和打算是：") < positions[0]
    assert "量化目标：“科学家教进万家”宣讲场次不少于20场。" in text


def test_a_figure_keeps_its_exact_value_beside_its_prose(demo_report):
    document = compose(demo_report)
    fundraising = next(f for f in document.figures if f.key == "welfare.fundraising")
    assert (fundraising.value, fundraising.unit) == ("345300", "元")


def test_compiling_takes_one_query_per_distinct_figure(demo_report, django_assert_num_queries):
    report = type(demo_report).objects.select_related("org_unit").get(pk=demo_report.pk)
    distinct = len({f.key for f in compose(report).figures})
    # the figures' registry checked once, sections, plan items, their targets, then one
    # query a figure
    with django_assert_num_queries(1 + 3 + distinct):
        compose(report)


def test_json_round_trip(demo_report):
    document = compose(demo_report)
    assert Document.from_json(document.to_json()) == document


def test_a_township_report_counts_only_its_own_subtree(full_demo):
    lashi = OrgUnit.objects.get(name="腊市镇")
    document = compose_default(lashi, 2021)
    assert document.title == "腊市镇妇联2021年工作情况和2022年主要工作打算汇报"
    for figure in document.figures:
        assert Decimal(figure.value) == indicators.get(figure.key).value(2021, lashi)
    green = next(f for f in document.figures if f.key == "families.city_green")
    in_lashi = FamilyAward.objects.for_year(2021).in_subtree(lashi)
    assert (
        int(green.value) == in_lashi.filter(level__name="市", kind__name="绿色（清洁）家庭").count()
    )
    assert int(green.value) < 15


def test_a_year_without_data_says_so(full_demo):
    document = compose_default(OrgUnit.objects.get(name="湘东区"), 2015)
    assert document.status == "template"
    assert not document.has_data
    assert document.blocks[0].text() == "湘东区2015年暂无业务记录。"
    # Nothing is said about nothing: no zero figure, no section with nothing in it.
    assert [b.kind for b in document.blocks] == ["notice", "part", "part", "notice"]
    assert "2016年工作打算尚未填写。" in document.text()


def test_an_unknown_placeholder_stays_visible(draft_report):
    # Saved past the form (e.g. an indicator retired after the text was written).
    ReportSection.objects.filter(report=draft_report, order=1).update(
        body="荣获{families.retired_figure}。"
    )
    document = compose(draft_report)
    [problem] = document.problems
    assert problem.source == "{families.retired_figure}"
    assert "（一）家庭创建有成果。荣获{families.retired_figure}。" in document.text()


def test_paragraphs_split_on_new_lines(draft_report):
    ReportSection.objects.filter(report=draft_report, order=1).update(body="第一段。\n\n第二段。")
    kinds = [(b.kind, b.text()) for b in compose(draft_report).blocks]
    assert ("section", "（一）家庭创建有成果。第一段。") in kinds
    assert ("paragraph", "第二段。") in kinds


@pytest.mark.parametrize(("n", "numeral"), [(1, "一"), (10, "十"), (12, "十二"), (20, "二十")])
def test_chinese_numerals(n, numeral):
    assert chinese_numeral(n) == numeral


def test_figures_are_never_typed_into_the_demo_text():
    from reports import demo

    texts = [demo.PLAN_INTRO] + [body for _, body in demo.SECTIONS]
    for text in texts:
        stripped = re.sub(r"\{[^}]*\}", "", text)
        for figure in REFERENCE_FIGURES:
            assert not re.search(rf"(?<![0-9]){re.escape(figure)}", stripped), figure


def test_a_chart_paragraph_becomes_a_frozen_chart(draft_report):
    ReportSection.objects.filter(report=draft_report, order=1).update(
        body="荣获{families.city_green}。\n{families.awards@级别}\n{families.awards@下级单位}"
    )
    document = compose(draft_report)
    charts = [b.runs[0] for b in document.blocks if b.kind == "chart"]
    assert [c.title for c in charts] == [
        "湘东区2021年家庭表彰（按级别）",
        "湘东区2021年家庭表彰（按下级单位）",
    ]
    district = draft_report.org_unit
    levels = indicators.get("families.awards").breakdown(2021, district, "级别")
    assert [(label, int(value)) for label, value, _ in charts[0].bars] == levels
    by_unit = indicators.get("families.awards").by_child_unit(2021, district)
    assert [label for label, _, _ in charts[1].bars] == [u.name for u, _ in by_unit]
    assert sum(int(v) for _, v, _ in charts[1].bars) == sum(
        levels_value for _, levels_value in levels
    )
    assert "湘东区2021年家庭表彰（按级别）：省级" in document.text()  # levels from the top
    assert Document.from_json(document.to_json()) == document
    assert "<svg" in charts[0].svg()


def test_a_chart_inside_a_sentence_is_a_problem(draft_report):
    ReportSection.objects.filter(report=draft_report, order=1).update(
        body="荣获{families.awards@级别}。"
    )
    [problem] = compose(draft_report).problems
    assert "图表须单独成一段" in problem.message
