"""The returns page of a unit and year, and the steps taken from it.

Access: the role must read returns (`returns.view_return`), then the unit must lie in the
user's scope (403, then 404). Each step is a POST that goes through returns.services, whose
refusals come back as messages on the page.
"""

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from fedportal.models import FIRST_YEAR, LAST_YEAR, AuditEvent, OrgUnit
from fedportal.scoping import covers
from returns import board, quality, services
from returns.models import DeadlineException, Explanation, QualityRule, Return

NOT_FOUND = "找不到该单位，或该单位不在您的管辖范围内。"


def returns_unit(request, code, year) -> OrgUnit:
    if not request.user.has_perm("returns.view_return"):
        raise PermissionDenied("您的角色不能查看数据报送。")
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise Http404(f"年度应在{FIRST_YEAR}年至{LAST_YEAR}年之间。")
    unit = OrgUnit.objects.filter(code=code).first()
    if unit is None or not covers(request.user, unit):
        raise Http404(NOT_FOUND)
    return unit


def _page(unit, year):
    return reverse("returns:board", kwargs={"code": unit.code, "year": year})


def _back(request, unit, year):
    """After a step on a unit's return: the board above it when the user sees that unit,
    else the unit's own page."""
    parent = OrgUnit.objects.get_parent(unit)
    if parent is not None and covers(request.user, parent) and request.POST.get("board"):
        return redirect(_page(parent, year))
    return redirect(_page(unit, year))


@login_required
def return_board(request, code, year):
    unit = returns_unit(request, code, year)
    today = timezone.localdate()
    ret = Return.objects.for_year(year).filter(org_unit=unit).first()
    own = ret or Return(org_unit=unit, period=str(year), year=year)
    deadline = board.deadline_for(unit, year)
    user = request.user
    approves = user.has_perm("returns.approve_return")
    context = {
        "unit": unit,
        "year": year,
        "ret": own,
        "violations": quality.violations(own),
        "may_submit": services.may_submit(user, own) and own.is_editable,
        "deadline": deadline,
        "days_left": board.days_left(deadline, today),
        "exception": board.exception_for(unit, year, today),
        "rows": board.children_rows(unit, year, today) if approves else [],
        "approves": approves,
        "grants": user.has_perm("returns.add_deadlineexception"),
        "parent": OrgUnit.objects.get_parent(unit),
        "years": range(today.year, today.year - 6, -1),
    }
    if context["parent"] is not None and not covers(user, context["parent"]):
        context["parent"] = None
    return render(request, "returns/board.html", context)


def _step(request, code, year, permission):
    unit = returns_unit(request, code, year)
    if not request.user.has_perm(permission):
        raise PermissionDenied("您的角色不能进行这项操作。")
    return unit, services.return_for(unit=unit, period=year)


def _run(request, call, done: str, **kwargs) -> bool:
    try:
        call(**kwargs)
    except ValidationError as refusal:
        messages.error(request, refusal.messages[0])
        return False
    messages.success(request, done)
    return True


@login_required
@require_POST
def return_submit(request, code, year):
    unit, ret = _step(request, code, year, "returns.submit_return")
    _run(request, services.return_submit, f"已报送{ret}。", ret=ret, user=request.user)
    return redirect(_page(unit, year))


@login_required
@require_POST
def return_approve(request, code, year):
    unit, ret = _step(request, code, year, "returns.approve_return")
    _run(request, services.return_approve, f"{ret}已审核通过。", ret=ret, user=request.user)
    return _back(request, unit, year)


@login_required
@require_POST
def return_send_back(request, code, year):
    unit, ret = _step(request, code, year, "returns.approve_return")
    reason = request.POST.get("reason", "")
    _run(
        request,
        services.return_send_back,
        f"{ret}已退回。",
        ret=ret,
        user=request.user,
        reason=reason,
    )
    return _back(request, unit, year)


@login_required
@require_POST
def return_reopen(request, code, year):
    unit, ret = _step(request, code, year, "returns.approve_return")
    reason = request.POST.get("reason", "")
    _run(
        request,
        services.return_reopen,
        f"{ret}已重新开放。",
        ret=ret,
        user=request.user,
        reason=reason,
    )
    return _back(request, unit, year)


@login_required
@require_POST
def approve_children(request, code, year):
    """Approve the chosen units' submitted returns that pass every rule or explain each
    flagged value; the others are left, and named."""
    unit = returns_unit(request, code, year)
    if not request.user.has_perm("returns.approve_return"):
        raise PermissionDenied("您的角色不能审核下级单位的报送。")
    chosen = set(request.POST.getlist("units"))
    rows = [
        r for r in board.children_rows(unit, year) if r.unit.code in chosen and r.ret is not None
    ]
    approved, left = [], []
    for row in rows:
        if not row.clean_submitted:
            left.append(row.unit.name)
            continue
        try:
            services.return_approve(ret=row.ret, user=request.user)
        except ValidationError:
            left.append(row.unit.name)
        else:
            approved.append(row.unit.name)
    if approved:
        messages.success(request, f"已审核通过{len(approved)}个单位：{'、'.join(approved)}。")
    if left:
        messages.error(request, f"以下单位未审核（未报送或有未说明的问题）：{'、'.join(left)}。")
    if not rows:
        messages.error(request, "请先勾选已报送的下级单位。")
    return redirect(_page(unit, year))


@login_required
@require_POST
def explain(request, code, year):
    """The unit explains a flagged value; the explanation holds while the values stay."""
    unit, ret = _step(request, code, year, "returns.submit_return")
    if not services.may_submit(request.user, ret) or not ret.is_editable:
        messages.error(request, f"{ret}{ret.get_status_display()}，不能再填写说明。")
        return redirect(_page(unit, year))
    text = request.POST.get("text", "").strip()
    rule_id = request.POST.get("rule", "")
    rule = QualityRule.objects.filter(pk=int(rule_id)).first() if rule_id.isdigit() else None
    flagged = {v.rule.pk: v for v in quality.violations(ret)}
    if rule is None or rule.pk not in flagged:
        messages.error(request, "这条规则现在没有提示，无需说明。")
    elif not text or len(text) > 300:
        messages.error(request, "请填写说明，不超过300个字。")
    else:
        Explanation.objects.update_or_create(
            report=ret,
            rule=rule,
            defaults={"text": text, "values": flagged[rule.pk].values, "written_by": request.user},
        )
        messages.success(request, f"已保存对“{rule.name}”的说明。")
    return redirect(_page(unit, year))


@login_required
@require_POST
def grant_exception(request, code, year):
    """The unit above lets a unit enter the year's data after the close, until a date."""
    unit = returns_unit(request, code, year)
    if not request.user.has_perm("returns.add_deadlineexception"):
        raise PermissionDenied("您的角色不能批准逾期补录。")
    parent = OrgUnit.objects.get_parent(unit)
    reason = request.POST.get("reason", "").strip()
    try:
        until = date.fromisoformat(request.POST.get("until", ""))
    except ValueError:
        until = None
    if parent is None or not covers(request.user, parent):
        messages.error(request, f"只有{unit.name}的上级单位可以批准逾期补录。")
    elif until is None or until < timezone.localdate():
        messages.error(request, "请填写补录截止日期（不早于今天），如 2023-02-28。")
    elif not reason or len(reason) > 200:
        messages.error(request, "请填写批准补录的原因，不超过200个字。")
    else:
        with transaction.atomic():
            granted = DeadlineException.objects.create(
                org_unit=unit, year=year, until=until, reason=reason, granted_by=request.user
            )
            AuditEvent.objects.create(
                user=request.user,
                username=request.user.get_username(),
                action=AuditEvent.Action.RETURN_EXCEPTION,
                model_label=DeadlineException._meta.label_lower,
                object_id=str(granted.pk),
                description=f"批准{unit.name}{year}年度数据补录至{until:%Y-%m-%d}：{reason}"[:200],
            )
        messages.success(request, f"已批准{unit.name}补录{year}年度数据至{until:%Y年%-m月%-d日}。")
    return _back(request, unit, year) if parent else redirect(_page(unit, year))
