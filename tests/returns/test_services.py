"""The steps of a return: each transition, who may take it, and every refusal."""

import pytest

from fedportal.models import AuditEvent
from returns import services
from returns.models import Return
from returns.services import ReturnRefused

pytestmark = pytest.mark.django_db

S = Return.Status


def refused(call, **kwargs) -> str:
    with pytest.raises(ReturnRefused) as caught:
        call(**kwargs)
    return caught.value.messages[0]


def events(ret):
    return list(
        AuditEvent.objects.filter(model_label="returns.return", object_id=str(ret.pk))
        .order_by("pk")
        .values_list("username", "action", "description")
    )


def test_a_township_submits_and_the_district_approves(demo, make_return, user):
    ret = make_return()
    assert (ret.period, ret.year, ret.status) == ("2021", 2021, S.OPEN)
    ret = services.return_submit(ret=ret, user=user("township"))
    assert ret.status == S.SUBMITTED
    assert ret.submitted_by == user("township")
    ret = services.return_approve(ret=ret, user=user("staff"))
    ret.refresh_from_db()
    assert (ret.status, ret.approved_by, ret.approver_unit.name) == (
        S.APPROVED,
        user("staff"),
        "湘东区",
    )
    assert events(ret) == [
        ("township", "return_submit", "报送腊市镇2021年度数据报送"),
        ("staff", "return_approve", "审核通过腊市镇2021年度数据报送"),
    ]


def test_send_back_and_resubmit(demo, make_return, user):
    ret = make_return(status=S.SUBMITTED)
    ret = services.return_send_back(ret=ret, user=user("staff"), reason="  两癌救助人数有误 ")
    assert (ret.status, ret.reason) == (S.SENT_BACK, "两癌救助人数有误")
    ret = services.return_submit(ret=ret, user=user("township"))
    assert ret.status == S.SUBMITTED
    assert [e[1:] for e in events(ret)][1] == (
        "return_send_back",
        "退回腊市镇2021年度数据报送：两癌救助人数有误",
    )


def test_reopen_with_a_reason(demo, make_return, user):
    ret = make_return(status=S.APPROVED)
    ret = services.return_reopen(ret=ret, user=user("staff"), reason="补录一户最美家庭")
    assert (ret.status, ret.reason) == (S.REOPENED, "补录一户最美家庭")
    assert ret.approved_at is not None  # kept: changes since the approval are counted from it
    assert events(ret)[-1] == (
        "staff",
        "return_reopen",
        "重新开放腊市镇2021年度数据报送：补录一户最美家庭",
    )
    ret = services.return_submit(ret=ret, user=user("township"))
    assert ret.status == S.SUBMITTED


def test_only_the_unit_itself_submits(demo, make_return, user):
    ret = make_return()
    assert (
        refused(services.return_submit, ret=ret, user=user("township2"))
        == "您不能报送腊市镇的数据。"
    )
    for name in ("leader", "writer", "rights"):
        assert (
            refused(services.return_submit, ret=ret, user=user(name)) == "您不能报送腊市镇的数据。"
        )
    assert Return.objects.get(pk=ret.pk).status == S.OPEN
    assert events(ret) == []


def test_only_the_unit_above_approves_sends_back_and_reopens(demo, make_return, user):
    ret = make_return(status=S.SUBMITTED)
    for name in ("township", "township2", "leader", "rights"):
        assert (
            refused(services.return_approve, ret=ret, user=user(name)) == "您不能审核腊市镇的报送。"
        )
        assert (
            refused(services.return_send_back, ret=ret, user=user(name), reason="x")
            == "您不能退回腊市镇的报送。"
        )
    ret = services.return_approve(ret=ret, user=user("staff"))
    assert (
        refused(services.return_reopen, ret=ret, user=user("township"), reason="x")
        == "您不能重新开放腊市镇的报送。"
    )


def test_the_district_cannot_approve_its_own_return(demo, make_return, user):
    ret = make_return("湘东区", status=S.SUBMITTED)
    assert (
        refused(services.return_approve, ret=ret, user=user("staff")) == "您不能审核湘东区的报送。"
    )
    # The city's administrator can, once nothing below is waiting.
    assert services.return_approve(ret=ret, user=user("admin")).status == S.APPROVED


def test_steps_out_of_order_are_refused(demo, make_return, user):
    ret = make_return()
    assert refused(services.return_approve, ret=ret, user=user("staff")) == (
        "腊市镇2021年度数据报送未报送，只有已报送的数据可以审核。"
    )
    assert refused(services.return_send_back, ret=ret, user=user("staff"), reason="x") == (
        "腊市镇2021年度数据报送未报送，只有已报送的数据可以退回。"
    )
    assert refused(services.return_reopen, ret=ret, user=user("staff"), reason="x") == (
        "腊市镇2021年度数据报送未报送，只有已审核的数据可以重新开放。"
    )
    ret = services.return_submit(ret=ret, user=user("township"))
    assert refused(services.return_submit, ret=ret, user=user("township")) == (
        "腊市镇2021年度数据报送已报送，待审核，不能再次报送。"
    )
    ret = services.return_approve(ret=ret, user=user("staff"))
    assert refused(services.return_submit, ret=ret, user=user("township")) == (
        "腊市镇2021年度数据报送已审核，不能再次报送。"
    )


def test_sending_back_and_reopening_need_a_reason(demo, make_return, user):
    ret = make_return(status=S.SUBMITTED)
    assert refused(services.return_send_back, ret=ret, user=user("staff"), reason=" ") == (
        "请填写退回的原因。"
    )
    assert refused(services.return_send_back, ret=ret, user=user("staff"), reason="长" * 201) == (
        "退回的原因不能超过200个字。"
    )
    ret = services.return_approve(ret=ret, user=user("staff"))
    assert refused(services.return_reopen, ret=ret, user=user("staff"), reason="") == (
        "请填写重新开放的原因。"
    )


def test_a_unit_is_approved_after_all_its_children_with_returns(demo, make_return, user):
    make_return("腊市镇", status=S.APPROVED)
    xiangdong = make_return("湘东镇", status=S.SUBMITTED)
    district = make_return("湘东区", status=S.SUBMITTED)
    assert refused(services.return_approve, ret=district, user=user("admin")) == (
        "下级单位湘东镇的报送尚未审核通过，请先审核下级单位，再审核湘东区。"
    )
    services.return_approve(ret=xiangdong, user=user("staff"))
    # Townships without a return do not hold the district up.
    assert services.return_approve(ret=district, user=user("admin")).status == S.APPROVED


def test_a_township_is_not_reopened_under_an_approved_district(demo, make_return, user):
    lashi = make_return("腊市镇", status=S.APPROVED)
    make_return("湘东区", status=S.SUBMITTED)
    services.return_approve(ret=Return.objects.get(org_unit__name="湘东区"), user=user("admin"))
    assert refused(services.return_reopen, ret=lashi, user=user("staff"), reason="补录") == (
        "湘东区2021年度数据报送已经萍乡市妇联审核，请先请其重新开放湘东区的报送。"
    )


def test_return_for_makes_one_return_per_unit_and_period(demo, unit):
    first = services.return_for(unit=unit("腊市镇"), period=2021)
    again = services.return_for(unit=unit("腊市镇"), period="2021")
    assert first.pk == again.pk
    assert Return.objects.count() == 1
