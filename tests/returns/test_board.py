"""The returns page: a unit's own return and checks, the completeness board of the unit
above, and the steps posted from it; scope and roles."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from fedportal.models import AuditEvent, OrgUnit
from returns.models import Deadline, DeadlineException, Return

pytestmark = pytest.mark.django_db

S = Return.Status
LASHI, XIANGDONG, DISTRICT = "360313103000", "360313100000", "360313000000"


def page(code, year=2021, step="board"):
    return reverse(f"returns:{step}", kwargs={"code": code, "year": year})


def test_a_township_sees_its_own_return_and_not_another(demo, login):
    client = login("township")
    response = client.get(page(LASHI))
    assert response.status_code == 200
    assert response.context["ret"].status == S.OPEN
    assert response.context["may_submit"] is True
    assert response.context["rows"] == []  # no board: townships approve nothing
    assert client.get(page(XIANGDONG)).status_code == 404
    assert client.get(page(DISTRICT)).status_code == 404


def test_roles_without_returns_get_403(demo, login):
    for name in ("leader", "writer", "rights"):
        assert login(name).get(page(LASHI)).status_code == 403


def test_the_district_board_lists_each_township_overdue_first(demo, login, make_return, unit):
    make_return("腊市镇", status=S.SUBMITTED)
    make_return("湘东镇", status=S.APPROVED)
    Deadline.objects.create(
        org_unit=unit("湘东区"),
        level=OrgUnit.Level.TOWNSHIP,
        year=2021,
        opens_on=date(2022, 1, 4),
        closes_on=date(2022, 1, 20),
    )
    response = login("staff").get(page(DISTRICT))
    rows = response.context["rows"]
    assert len(rows) == 11
    # Nine townships never submitted and the deadline is past: overdue, first.
    assert [r.overdue for r in rows] == [True] * 9 + [False, False]
    assert [(r.unit.name, r.status_label) for r in rows[-2:]] == [
        ("腊市镇", "已报送，待审核"),
        ("湘东镇", "已审核"),
    ]
    assert rows[-2].clean_submitted
    assert "逾期" in response.content.decode()


def test_the_board_counts_records_per_work_area_against_last_year(
    demo, login, make_award, make_return
):
    make_award(year=2021)
    make_award(year=2021, household="李四家庭")
    make_award(year=2020)
    rows = login("staff").get(page(DISTRICT)).context["rows"]
    lashi = next(r for r in rows if r.unit.code == LASHI)
    assert lashi.counts[0] == ("家庭工作", 2, 1)
    assert all(now == before == 0 for _, now, before in lashi.counts[1:])


def test_steps_from_the_pages(demo, login, make_return):
    township = login("township")
    response = township.post(page(LASHI, step="submit"))
    assert response.status_code == 302
    assert Return.objects.get(org_unit__code=LASHI).status == S.SUBMITTED
    staff = login("staff")
    response = staff.post(page(LASHI, step="send-back"), {"reason": "", "board": "1"}, follow=True)
    assert "请填写退回的原因。" in response.content.decode()
    response = staff.post(page(LASHI, step="send-back"), {"reason": "数字有误", "board": "1"})
    assert response.url == page(DISTRICT)
    assert Return.objects.get(org_unit__code=LASHI).status == S.SENT_BACK
    login("township").post(page(LASHI, step="submit"))
    staff = login("staff")
    staff.post(page(LASHI, step="approve"))
    assert Return.objects.get(org_unit__code=LASHI).status == S.APPROVED
    staff.post(page(LASHI, step="reopen"), {"reason": "补录"})
    assert Return.objects.get(org_unit__code=LASHI).status == S.REOPENED


def test_steps_need_the_role_and_the_scope(demo, login, make_return):
    make_return("腊市镇", status=S.SUBMITTED)
    township = login("township")
    for step in ("approve", "send-back", "reopen", "approve-children"):
        assert township.post(page(LASHI, step=step)).status_code == 403
    assert login("township2").post(page(LASHI, step="submit")).status_code == 404
    assert login("leader").post(page(LASHI, step="submit")).status_code == 403
    assert township.get(page(LASHI, step="submit")).status_code == 405
    assert Return.objects.get(org_unit__code=LASHI).status == S.SUBMITTED


def test_approve_many_takes_only_clean_submitted_returns(demo, login, make_return):
    make_return("腊市镇", status=S.SUBMITTED)
    make_return("湘东镇", status=S.SUBMITTED)
    make_return("荷尧镇", status=S.OPEN)
    response = login("staff").post(
        page(DISTRICT, step="approve-children"),
        {"units": [LASHI, XIANGDONG, "360313101000"]},
        follow=True,
    )
    text = response.content.decode()
    assert "已审核通过2个单位：湘东镇、腊市镇。" in text
    assert "以下单位未审核（未报送或有未说明的问题）：荷尧镇。" in text
    statuses = dict(Return.objects.values_list("org_unit__code", "status"))
    assert statuses == {LASHI: S.APPROVED, XIANGDONG: S.APPROVED, "360313101000": S.OPEN}


def test_changes_since_the_approval_are_counted_after_a_reopen(
    demo, login, make_return, make_award, user
):
    award = make_award(year=2021)
    ret = make_return("腊市镇", status=S.APPROVED)
    from returns.services import return_reopen

    return_reopen(ret=ret, user=user("staff"), reason="补录")
    award.head_name = "张建华"
    award.save()
    make_award(year=2021, household="李四家庭")
    make_award(year=2022, household="王五家庭")  # another year: not counted
    rows = login("staff").get(page(DISTRICT)).context["rows"]
    lashi = next(r for r in rows if r.unit.code == LASHI)
    assert lashi.changes == 2
    assert "审核后修改 2 处" in login("staff").get(page(DISTRICT)).content.decode()


def test_deadline_countdown_and_exception(demo, login, unit, make_award):
    today = timezone.localdate()
    Deadline.objects.create(
        org_unit=unit("湘东区"),
        level=OrgUnit.Level.TOWNSHIP,
        year=2022,
        opens_on=today - timedelta(days=10),
        closes_on=today + timedelta(days=5),
    )
    response = login("township").get(page(LASHI, 2022))
    assert response.context["days_left"].startswith("距截止还有5天")
    assert "距截止还有5天" in response.content.decode()


def test_the_board_pins_its_queries(demo, login, make_return, django_assert_num_queries):
    """A few queries per kind of record and per rule, none per township."""
    make_return("腊市镇", status=S.SUBMITTED)
    client = login("staff")
    client.get(page(DISTRICT))  # registry and session warmed
    with django_assert_num_queries(77):
        client.get(page(DISTRICT))
    make_return("湘东镇", status=S.SUBMITTED)
    make_return("荷尧镇", status=S.SENT_BACK)
    with django_assert_num_queries(77):
        client.get(page(DISTRICT))


def test_grant_exception_is_audited(demo, login, unit):
    until = timezone.localdate() + timedelta(days=7)
    response = login("staff").post(
        page(LASHI, 2022, step="exception"), {"until": until.isoformat(), "reason": "补录两户"}
    )
    assert response.status_code == 302
    granted = DeadlineException.objects.get()
    assert (granted.org_unit.code, granted.year, granted.until) == (LASHI, 2022, until)
    event = AuditEvent.objects.get(action="return_exception")
    assert event.description == f"批准腊市镇2022年度数据补录至{until:%Y-%m-%d}：补录两户"
    assert login("township").post(page(LASHI, 2022, step="exception")).status_code == 403


def test_bad_input_gets_a_message_and_writes_nothing(demo, login, make_return):
    client = login("township")
    assert client.get(page(LASHI, 1900)).status_code == 404
    assert client.post(page(LASHI, 2199, step="submit")).status_code == 404
    response = client.post(page(LASHI, step="explain"), {"rule": "abc", "text": "x"}, follow=True)
    assert "这条规则现在没有提示，无需说明。" in response.content.decode()
    response = login("staff").post(
        page(LASHI, step="exception"), {"until": "明天", "reason": "补录"}, follow=True
    )
    assert "请填写补录截止日期（不早于今天），如 2023-02-28。" in response.content.decode()
    assert not DeadlineException.objects.exists()
