"""The report editor: finding a figure by its Chinese name with its current value,
the live preview of a text, moving sections and plan items, and the nearest names offered
for a misspelt placeholder."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from fedportal import indicators
from fedportal.models import OrgUnit
from fedportal.versions import VERSION_FIELD, record_version
from reports.editor import FIGURE_LIMIT, figure_choices
from reports.models import MAX_TEXT, PlanItem, ReportSection

DISTRICT = "/reports/360313000000/2021/"


def expected_value(key, unit_name="湘东区", year=2021):
    indicator = indicators.get(key)
    return indicator.format(indicator.value(year, OrgUnit.objects.get(name=unit_name)))


# Finding figures


def test_a_figure_is_found_by_part_of_its_chinese_name_with_its_value(draft_report, login):
    response = login("writer").get(f"{DISTRICT}figures.json", {"q": "绿色家庭"})
    assert response.status_code == 200
    green, *others = response.json()["figures"]
    assert green == {
        "key": "families.city_green",
        "label": "市级“绿色（清洁）家庭”",
        "unit": "户",
        "value": expected_value("families.city_green"),
        "placeholder": "{families.city_green}",
    }
    # Then the award's own figures at the other levels and over all levels; the city's, of
    # the same name, is offered once.
    keys = [figure["key"] for figure in others]
    assert "families.award.green.provincial" in keys and "families.award.green" in keys
    assert "families.award.green.city" not in keys


def test_names_holding_the_query_whole_come_first(full_demo):
    district = OrgUnit.objects.get(name="湘东区")
    keys = [f.key for f in figure_choices(district, 2021, "奶粉")]
    assert keys[:2] == ["welfare.formula_full_tins", "welfare.formula_partial_tins"]
    # The programme's own figures follow, named after it.
    assert {"welfare.grant.formula_milk", "welfare.grant.formula_milk.quantity"} <= set(keys[2:])
    # "“两癌救助金”" and the programme's own figures hold the query whole; "“两癌”救助贫困妇女"
    # and its like hold its characters in order, and come after.
    labels = [f.label for f in figure_choices(district, 2021, "两癌救助")]
    whole = [label for label in labels if "两癌救助" in label]
    assert labels[0] == "“两癌救助金”" and len(whole) > 1
    assert labels[: len(whole)] == whole
    assert "“两癌”救助农村贫困妇女" in labels[len(whole) :]
    assert len(figure_choices(district, 2021, "")) == FIGURE_LIMIT
    assert figure_choices(district, 2021, "没有这种数字") == []


def test_the_search_costs_one_query_per_figure_listed(draft_report, login):
    client = login("writer")
    client.get(f"{DISTRICT}figures.json", {"q": "奶粉"})
    # The session, the user and their permissions (2), the unit and the user's scope (2), the
    # report, the figures' definitions checked once (1), then one query for each figure listed.
    with CaptureQueriesContext(connection) as queries:
        listed = client.get(f"{DISTRICT}figures.json", {"q": "奶粉"}).json()["figures"]
    assert len(listed) > 2
    assert len(queries) == 8 + len(listed)


def test_the_edit_page_lists_figures_with_their_values(draft_report, login):
    section = draft_report.sections.get(order=1)
    page = login("writer").get(f"{DISTRICT}sections/{section.pk}/", {"q": "维权"}).content.decode()
    listed = f"受理妇女维权案件</span>：<strong>{expected_value('rights.cases_received')}</strong>"
    assert listed in page
    assert 'data-placeholder="{rights.cases_received}"' in page
    assert "{families.city_green}" not in page.split('id="figure-results"')[1].split("</ul>")[0]


@pytest.mark.parametrize(
    ("username", "url", "status"),
    [
        ("township", "figures.json", 404),
        ("leader", "figures.json", 403),
        ("township", "preview/", 404),
        ("leader", "preview/", 403),
    ],
)
def test_the_editor_endpoints_are_scoped(draft_report, login, username, url, status):
    client = login(username)
    response = client.post(f"{DISTRICT}{url}", {"kind": "section", "body": "x"})
    if url.endswith(".json"):
        response = client.get(f"{DISTRICT}{url}", {"q": "家庭"})
    assert response.status_code == status


def test_a_finalised_report_offers_no_editor(demo_report, login):
    client = login("writer")
    assert client.get(f"{DISTRICT}figures.json").status_code == 403
    assert client.post(f"{DISTRICT}preview/", {"kind": "section", "body": "x"}).status_code == 403


# Preview


def test_the_preview_shows_the_text_as_the_report_will(draft_report, login):
    response = login("writer").post(
        f"{DISTRICT}preview/",
        {
            "kind": "section",
            "heading": "家庭创建有成果",
            "number": "3",
            "body": "评出{families.city_green}。<b>粗</b>\n{families.nope}",
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert '<strong class="report-heading">（三）家庭创建有成果。</strong>' in html
    assert f">{expected_value('families.city_green')}</span>" in html.split("评出", 1)[1]
    assert "&lt;b&gt;粗&lt;/b&gt;" in html and "<b>" not in html
    assert "没有代码为“families.nope”的指标。" in html


def test_the_preview_takes_only_a_post_of_a_known_kind_and_length(draft_report, login):
    client = login("writer")
    assert client.get(f"{DISTRICT}preview/").status_code == 405
    assert client.post(f"{DISTRICT}preview/", {"kind": "title", "body": "x"}).status_code == 400
    too_long = client.post(
        f"{DISTRICT}preview/", {"kind": "section", "body": "字" * (MAX_TEXT + 1)}
    )
    assert too_long.status_code == 400
    assert f"正文最多{MAX_TEXT}字" in too_long.content.decode()


# Moving sections and plan items


def headlines(report):
    return list(report.sections.values_list("headline", flat=True))


def test_a_writer_moves_a_section_up_and_down(draft_report, login):
    client = login("writer")
    before = headlines(draft_report)
    third = draft_report.sections.get(headline=before[2])
    response = client.post(f"{DISTRICT}sections/{third.pk}/move/", {"direction": "up"})
    assert response.status_code == 302
    assert response["Location"].endswith("/reports/360313000000/2021/#structure")
    assert headlines(draft_report) == [before[0], before[2], before[1], *before[3:]]
    assert list(draft_report.sections.values_list("order", flat=True)) == [1, 2, 3, 4, 5]
    assert third.history.first().history_user.username == "writer"

    client.post(f"{DISTRICT}sections/{third.pk}/move/", {"direction": "down"})
    assert headlines(draft_report) == before
    text = client.get(DISTRICT).content.decode()
    assert text.index(f"（三）{before[2]}") > text.index(f"（二）{before[1]}")


def test_the_first_item_cannot_move_up(draft_report, login):
    client = login("writer")
    first = draft_report.plan_items.first()
    before = list(draft_report.plan_items.values_list("pk", flat=True))
    response = client.post(f"{DISTRICT}plan/{first.pk}/move/", {"direction": "up"}, follow=True)
    assert f"“{first.heading}”已经在最前。" in response.content.decode()
    assert list(draft_report.plan_items.values_list("pk", flat=True)) == before
    moved = client.post(f"{DISTRICT}plan/{first.pk}/move/", {"direction": "down"}, follow=True)
    assert f"已将“{first.heading}”下移。" in moved.content.decode()
    assert list(draft_report.plan_items.values_list("pk", flat=True))[1] == first.pk


@pytest.mark.parametrize(("username", "status"), [("township", 404), ("leader", 403)])
def test_moving_is_scoped(draft_report, login, username, status):
    section = draft_report.sections.first()
    response = login(username).post(f"{DISTRICT}sections/{section.pk}/move/", {"direction": "down"})
    assert response.status_code == status
    assert draft_report.sections.first() == section


def test_moving_takes_a_post(draft_report, login):
    section = draft_report.sections.first()
    assert login("writer").get(f"{DISTRICT}sections/{section.pk}/move/").status_code == 405


def test_the_report_page_offers_moving_instead_of_an_order_number(draft_report, login):
    client = login("writer")
    page = client.get(DISTRICT).content.decode()
    for section in draft_report.sections.all():
        assert f"上移“{section.headline}”" in page
    form = client.get(f"{DISTRICT}sections/{draft_report.sections.first().pk}/").content.decode()
    assert 'name="order"' not in form


def test_a_new_part_comes_last(draft_report, login):
    client = login("writer")
    response = client.post(f"{DISTRICT}plan/add/", {
        "heading": "强队伍，在推动基层建设上求突破", "body": "培训妇女干部。",
        "targets-TOTAL_FORMS": 0, "targets-INITIAL_FORMS": 0,
        "targets-MIN_NUM_FORMS": 0, "targets-MAX_NUM_FORMS": 10,
    })  # fmt: skip
    assert response.status_code == 302
    assert PlanItem.objects.filter(report=draft_report).last().heading.startswith("强队伍")
    assert PlanItem.objects.filter(report=draft_report).last().order == 6


# Misspelt placeholders


def test_a_misspelt_placeholder_suggests_the_nearest_figures(draft_report, login):
    section = draft_report.sections.get(order=1)
    response = login("writer").post(
        f"{DISTRICT}sections/{section.pk}/",
        {
            "headline": section.headline,
            "body": "评出{families.city_gren}。",
            VERSION_FIELD: record_version(section),
        },
    )
    assert response.status_code == 200
    assert (
        "没有代码为“families.city_gren”的指标。您是不是要写 {families.city_green}"
        in response.content.decode()
    )
    assert ReportSection.objects.get(pk=section.pk).body == section.body
