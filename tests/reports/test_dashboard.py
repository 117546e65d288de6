"""The officials' dashboard: figures from the indicators, scope, drill-down, no personal
data and no record links for officials, and a query count that does not grow with data."""

import pytest

from fedportal import indicators
from fedportal.indicators import format_value
from fedportal.models import OrgUnit
from reports.dashboard import AREAS, COMPARED
from tests.reports.conftest import page_text

URL = "/dashboard/"
DISTRICT = {"year": 2021, "unit": "360313000000"}


def cards(response):
    return {
        card.key: card for section in response.context["data"].sections for card in section.cards
    }


def test_the_cards_show_the_indicators(full_demo, login):
    response = login("leader").get(URL, DISTRICT)
    assert response.status_code == 200
    district = OrgUnit.objects.get(code="360313000000")
    shown = cards(response)
    # The district's own figures (its 家政 classes run with the vocational school) follow
    # the built-in headline figures of their area.
    own = {"employment.housekeeping_classes", "employment.housekeeping_trainees"}
    assert set(shown) == {key for area in AREAS for key in area.headline} | own
    for key, card in shown.items():
        indicator = indicators.get(key)
        unit_word = indicator.spec(district).unit
        assert card.text == format_value(indicator.value(2021, district), unit_word), key
        assert card.previous_text == format_value(indicator.value(2020, district), unit_word)
    text = page_text(response)
    assert "湘东区2021年工作数据" in text and "数据截至" in text


def test_change_against_the_previous_year(full_demo, login):
    card = cards(login("leader").get(URL, DISTRICT))["families.awards"]
    district = OrgUnit.objects.get(code="360313000000")
    awards = indicators.get("families.awards")
    now, before = awards.value(2021, district), awards.value(2020, district)
    expected = abs(now - before) / before * 100
    assert card.change.endswith(f"{expected:.1f}%")
    assert card.trend == ("up" if now > before else "down")


def test_progress_toward_the_plan_targets(full_demo, login):
    targets = (
        login("leader").get(URL, {"year": 2022, "unit": "360313000000"}).context["data"].targets
    )
    sentences = [t.sentence for t in targets]
    assert sentences == [
        "“科学家教进万家”宣讲场次不少于20场",
        "联合湘东职专开办家政技能培训班不少于8期",
        "家政技能培训班参训妇女不少于450名",
    ]
    district = OrgUnit.objects.get(code="360313000000")
    lectures = indicators.get("families.lecture_sessions").value(2022, district)
    assert targets[0].value_text == f"{lectures}场"
    assert targets[0].met == (lectures >= 20)
    assert targets[0].percent == min(100, int(lectures / 20 * 100))


def test_no_targets_without_a_plan(full_demo, login):
    assert login("leader").get(URL, DISTRICT).context["data"].targets == []


def test_the_townships_drill_down(full_demo, login):
    response = login("leader").get(URL, DISTRICT)
    rows = response.context["data"].children
    # the district's own records first (本级), then its townships; the rows add up
    assert [row.unit.name for row in rows][:3] == ["湘东区", "峡山口街道", "湘东镇"]
    assert rows[0].url is None
    assert "湘东区本级" in page_text(response)
    lashi = next(row for row in rows if row.unit.name == "腊市镇")
    assert lashi.url == "/dashboard/?year=2021&unit=360313103000"
    unit = lashi.unit
    expected = [indicators.get(k).format(indicators.get(k).value(2021, unit)) for k in COMPARED]
    assert lashi.texts == expected
    page = response.content.decode()
    assert 'class="drill-down" href="/dashboard/?year=2021&amp;unit=360313103000"' in page
    drilled = login("leader").get(lashi.url)
    assert "腊市镇2021年工作数据" in page_text(drilled)


def test_defaults_are_the_latest_year_with_records_and_the_users_top_unit(full_demo, login):
    township = OrgUnit.objects.get(name="腊市镇")
    latest = indicators.latest_year(township)
    assert latest == 2022  # the demo's records end in 2022, years before this one
    data = login("township").get(URL).context["data"]
    assert (data.unit.name, data.year) == ("腊市镇", latest)


def test_a_unit_without_records_opens_on_this_year(full_demo, login, settings):
    from django.utils import timezone

    from fedportal.models import User

    village = OrgUnit.objects.add_child(
        OrgUnit.objects.get(name="腊市镇"),
        {"code": "360313103298", "name": "新建村", "level": OrgUnit.Level.VILLAGE},
    )
    assert indicators.latest_year(village) is None
    official = User.objects.get(username="leader")
    official.org_units.set([village])
    data = login("leader").get(URL).context["data"]
    assert (data.unit, data.year) == (village, timezone.localdate().year)


@pytest.mark.parametrize(
    ("value", "previous", "unit_word", "change", "trend"),
    [
        (6, 1, "户", "比上年增加5户（增长500.0%）", "up"),
        (120, 100, "户", "比上年增长20.0%", "up"),
        (80, 100, "户", "比上年下降20.0%", "down"),
        (3, 0, "场", "上年为0，今年3场", "up"),
        (55.5, 50, "%", "比上年提高5.5个百分点", "up"),
        (7, 7, "件", "与上年持平", "flat"),
        (None, 7, "件", "无法比较", "flat"),
    ],
)
def test_a_change_is_told_in_the_figures_unit_on_a_small_base(
    value, previous, unit_word, change, trend
):
    from decimal import Decimal

    from reports.dashboard import change_between

    value = None if value is None else Decimal(str(value))
    assert change_between(value, Decimal(previous), unit_word) == (change, trend)


def test_levels_read_from_the_top_and_are_named_as_levels(full_demo):
    district = OrgUnit.objects.get(name="湘东区")
    levels = [
        label for label, _ in indicators.get("honors.honors").breakdown(2021, district, "级别")
    ]
    assert levels == ["全国", "省级", "市级", "区级"]


def test_a_target_says_in_words_whether_it_is_met(full_demo, login):
    targets = login("leader").get(URL, {"year": 2022, "unit": "360313000000"}).context["data"]
    for target in targets.targets:
        assert target.status == "已完成" if target.met else target.status.startswith("还差")
    page = page_text(login("leader").get(URL, {"year": 2022, "unit": "360313000000"}))
    assert "已完成" in page or "还差" in page


@pytest.mark.parametrize(
    ("username", "params", "status"),
    [
        ("township", DISTRICT, 404),
        ("township2", {"year": 2021, "unit": "360313103000"}, 404),
        ("township", {"year": 2021, "unit": "360313103201"}, 200),  # its village
        ("leader", {"year": "二〇二一"}, 404),
        ("leader", {"year": 1800}, 404),
        ("leader", {"year": 2021, "unit": "nope"}, 404),
    ],
)
def test_scope_and_bad_parameters(full_demo, login, username, params, status):
    assert login(username).get(URL, params).status_code == status


def test_anonymous_and_roleless_users(full_demo, client):
    assert client.get(URL).status_code == 302
    from fedportal.models import User

    client.force_login(User.objects.create_user("nobody", full_name="无角色"))
    assert client.get(URL).status_code == 403


def test_officials_get_no_record_links(full_demo, login):
    page = login("leader").get(URL, DISTRICT).content.decode()
    assert "/admin/" not in page
    assert all(card.url is None for card in cards(login("leader").get(URL, DISTRICT)).values())


def test_staff_get_links_to_the_records_they_may_see(full_demo, login):
    shown = cards(login("staff").get(URL, DISTRICT))
    assert shown["families.awards"].url == (
        "/admin/families/familyaward/?figure=families.awards&figure_year=2021"
        "&figure_unit=360313000000"
    )
    assert shown["rights.cases_received"].url is None  # district staff may not see cases


def test_no_personal_data_on_the_page(full_demo, login):
    from welfare.models import Grant

    page = login("leader").get(URL, DISTRICT).content.decode()
    grant = Grant.objects.for_year(2021).exclude(beneficiary_name="").first()
    assert grant.beneficiary_name not in page


def test_the_query_count_does_not_grow_with_the_data(full_demo, login, django_assert_num_queries):
    client = login("leader")
    client.get(URL, DISTRICT)  # warm the session and permission caches
    with django_assert_num_queries(QUERIES) as first:
        client.get(URL, DISTRICT)
    from families.models import FamilyAward

    award = FamilyAward.objects.for_year(2021).first()
    for n in range(20):
        award.pk = None
        award.household_name = f"新增{n}号家庭"
        award.save()
    with django_assert_num_queries(len(first.captured_queries)):
        client.get(URL, DISTRICT)


# One more than the figures need: whether the units shown rest on approved returns.
QUERIES = 73


def test_the_rows_add_up_to_the_unit(full_demo, login):
    rows = login("leader").get(URL, DISTRICT).context["data"].children
    district = OrgUnit.objects.get(code="360313000000")
    awards = indicators.get("families.awards")
    assert sum(int(row.texts[0].removesuffix("户")) for row in rows) == awards.value(2021, district)
