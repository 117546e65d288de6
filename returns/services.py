"""The steps of a return (报送): submit, approve, send back, reopen.

Each step takes the return's row lock, checks who may take it and whether the return is in
a state that allows it, and writes an AuditEvent naming who, when and why. Refusals raise
`ReturnRefused` with a Chinese message; nothing is written then.

Who may do what: the unit submits its own return (a user with `returns.submit_return`
whose scope covers the unit); the unit above approves, sends back and reopens (a user with
`returns.approve_return` whose scope covers the unit above).
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from fedportal.models import AuditEvent, OrgUnit, User
from fedportal.periods import Period
from fedportal.scoping import covers
from returns import quality
from returns.board import deadline_for
from returns.models import Return

REASON_LENGTH = Return._meta.get_field("reason").max_length


class ReturnRefused(ValidationError):
    """A step of a return that may not be taken; the message says why, in Chinese."""


def return_for(*, unit: OrgUnit, period) -> Return:
    """The return of `unit` for `period` (a year or a Period), made open when missing."""
    period = Period.of(period)
    ret, _ = Return.objects.get_or_create(
        org_unit=unit, period=period.code, defaults={"year": period.year}
    )
    return ret


def parent_of(unit: OrgUnit) -> OrgUnit | None:
    return OrgUnit.objects.get_parent(unit)


def may_submit(user: User, ret: Return) -> bool:
    return user.has_perm("returns.submit_return") and covers(user, ret.org_unit)


def may_approve(user: User, ret: Return) -> bool:
    parent = parent_of(ret.org_unit)
    return parent is not None and user.has_perm("returns.approve_return") and covers(user, parent)


def _locked(ret: Return) -> Return:
    return Return.objects.select_for_update().select_related("org_unit").get(pk=ret.pk)


def _audit(*, user: User, ret: Return, action: str, description: str) -> None:
    AuditEvent.objects.create(
        user=user,
        username=user.get_username(),
        action=action,
        model_label=Return._meta.label_lower,
        object_id=str(ret.pk),
        description=description[: AuditEvent._meta.get_field("description").max_length],
    )


def _reason(reason: str, what: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ReturnRefused(f"请填写{what}的原因。")
    if len(reason) > REASON_LENGTH:
        raise ReturnRefused(f"{what}的原因不能超过{REASON_LENGTH}个字。")
    return reason


def _parent_approved(ret: Return) -> Return | None:
    parent = parent_of(ret.org_unit)
    if parent is None:
        return None
    return Return.objects.approved().filter(org_unit=parent, period=ret.period).first()


@transaction.atomic
def return_submit(*, ret: Return, user: User) -> Return:
    """The unit sends its data for review, after its data-quality checks pass (or each
    flagged value is explained)."""
    ret = _locked(ret)
    if not may_submit(user, ret):
        raise ReturnRefused(f"您不能报送{ret.org_unit.name}的数据。")
    if not ret.is_editable:
        raise ReturnRefused(f"{ret}{ret.get_status_display()}，不能再次报送。")
    deadline = deadline_for(ret.org_unit, ret.year)
    if deadline is not None and timezone.localdate() < deadline.opens_on:
        raise ReturnRefused(
            f"{ret.period_label}数据报送将于{deadline.opens_on:%Y年%-m月%-d日}开始，请届时再报送。"
        )
    unexplained = [v for v in quality.violations(ret) if not v.explained]
    if unexplained:
        listed = "；".join(v.message for v in unexplained)
        raise ReturnRefused(
            f"有{len(unexplained)}项数据未通过审核规则，请修改或说明后再报送：{listed}"
        )
    ret.status = Return.Status.SUBMITTED
    ret.submitted_at = timezone.now()
    ret.submitted_by = user
    ret.save()
    _audit(user=user, ret=ret, action=AuditEvent.Action.RETURN_SUBMIT, description=f"报送{ret}")
    return ret


@transaction.atomic
def return_approve(*, ret: Return, user: User) -> Return:
    """The unit above approves the return; its data is locked from then on."""
    ret = _locked(ret)
    if not may_approve(user, ret):
        raise ReturnRefused(f"您不能审核{ret.org_unit.name}的报送。")
    if ret.status != Return.Status.SUBMITTED:
        raise ReturnRefused(f"{ret}{ret.get_status_display()}，只有已报送的数据可以审核。")
    pending = (
        Return.objects.of_children(ret.org_unit)
        .filter(period=ret.period)
        .exclude(status=Return.Status.APPROVED)
        .select_related("org_unit")
    )
    names = [p.org_unit.name for p in pending]
    if names:
        raise ReturnRefused(
            f"下级单位{'、'.join(names)}的报送尚未审核通过，请先审核下级单位，再审核{ret.org_unit.name}。"
        )
    ret.status = Return.Status.APPROVED
    ret.approved_at = timezone.now()
    ret.approved_by = user
    ret.approver_unit = parent_of(ret.org_unit)
    ret.reason = ""
    ret.save()
    _audit(
        user=user, ret=ret, action=AuditEvent.Action.RETURN_APPROVE, description=f"审核通过{ret}"
    )
    return ret


@transaction.atomic
def return_send_back(*, ret: Return, user: User, reason: str) -> Return:
    """The unit above sends a submitted return back (退回) with the reason."""
    ret = _locked(ret)
    if not may_approve(user, ret):
        raise ReturnRefused(f"您不能退回{ret.org_unit.name}的报送。")
    if ret.status != Return.Status.SUBMITTED:
        raise ReturnRefused(f"{ret}{ret.get_status_display()}，只有已报送的数据可以退回。")
    reason = _reason(reason, "退回")
    ret.status = Return.Status.SENT_BACK
    ret.reason = reason
    ret.save()
    _audit(
        user=user,
        ret=ret,
        action=AuditEvent.Action.RETURN_SEND_BACK,
        description=f"退回{ret}：{reason}",
    )
    return ret


@transaction.atomic
def return_reopen(*, ret: Return, user: User, reason: str) -> Return:
    """The unit above reopens an approved return with the reason; its data can be changed
    again and it must be submitted and approved anew."""
    ret = _locked(ret)
    if not may_approve(user, ret):
        raise ReturnRefused(f"您不能重新开放{ret.org_unit.name}的报送。")
    if not ret.is_approved:
        raise ReturnRefused(f"{ret}{ret.get_status_display()}，只有已审核的数据可以重新开放。")
    above = _parent_approved(ret)
    if above is not None:
        raise ReturnRefused(
            f"{above}已经{(above.approver_unit or above.org_unit).federation_name}审核，"
            f"请先请其重新开放{above.org_unit.name}的报送。"
        )
    reason = _reason(reason, "重新开放")
    ret.status = Return.Status.REOPENED
    ret.reason = reason
    ret.save()
    _audit(
        user=user,
        ret=ret,
        action=AuditEvent.Action.RETURN_REOPEN,
        description=f"重新开放{ret}：{reason}",
    )
    return ret
