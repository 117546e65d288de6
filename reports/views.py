"""Report pages: read a report (live draft, frozen version or the standard text of a unit
and year with none), download it, and — for writers — edit, finalise and reopen it.

Access goes through `report_unit`: the role must read reports and the unit must lie in
the user's scope; anything else is a 403 (no right) or a 404 (outside the scope).
"""

import json
from datetime import datetime

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from fedportal import indicators
from fedportal.db_router import reads_from_replica
from fedportal.models import OrgUnit
from fedportal.periods import Period, PeriodError
from fedportal.scoping import covers
from reports import dashboard as dashboard_data
from reports import outputs, services, tasks
from reports.document import NOT_FOUND, Chart, compose, compose_part, report_document
from reports.editor import figure_choices
from reports.forms import (
    OpenReportForm,
    PlanItemForm,
    ReportForm,
    SectionForm,
    TargetFormSet,
    TargetFormSetHelper,
    TemplateForm,
    TemplateSectionFormSet,
    TemplateSectionFormSetHelper,
)
from reports.models import MAX_PARTS, MAX_TEXT, PlanItem, Report, ReportSection, ReportTemplate
from reports.placeholders import OPTIONS, Problem
from reports.services import FiguresChanged, figures_seen, zero_figures
from reports.standard import fill_words, standard_text
from returns.review import approved_units


def report_unit(request, code) -> OrgUnit:
    """The unit whose reports the user asked for, if they may read them."""
    if not request.user.has_perm("reports.view_report"):
        raise PermissionDenied("您的角色不能查看年度工作报告。")
    unit = OrgUnit.objects.filter(code=code).first()
    if unit is None or not covers(request.user, unit):
        raise Http404(NOT_FOUND)
    return unit


def editable_report(request, code, year) -> Report:
    """The saved draft the user may edit."""
    unit = report_unit(request, code)
    if not request.user.has_perm("reports.change_report"):
        raise PermissionDenied("您的角色不能修改年度工作报告。")
    report = get_object_or_404(Report.objects.for_unit_year(unit, year).select_related("org_unit"))
    if report.is_final:
        raise PermissionDenied("报告已经定稿，不能修改；如需修改，请先新建版本。")
    return report


def _version_param(request):
    try:
        return int(request.GET["version"]) if request.GET.get("version") else None
    except ValueError:
        raise Http404("版本号无效。") from None


def _year_param(request, default: int | None = None) -> int:
    raw = request.GET.get("year") or str(default or timezone.localdate().year)
    if not raw.isdigit() or not 1949 <= int(raw) <= 2100:
        raise Http404("年度无效。")
    return int(raw)


def _default_unit(user) -> OrgUnit:
    if user.top_units:
        return user.top_units[0]
    root = OrgUnit.objects.get_root_nodes().first() if user.is_superuser else None
    if root is None:
        raise PermissionDenied("您的账号没有管辖单位，请联系系统管理员。")
    return root


@login_required
@reads_from_replica  # inside login_required: the session and user come from the primary
def dashboard(request):
    if not request.user.has_perm("reports.view_report"):
        raise PermissionDenied("您的角色不能查看工作数据。")
    code = request.GET.get("unit")
    unit = report_unit(request, code) if code else _default_unit(request.user)
    asked = request.GET.get("period") or request.GET.get("year")
    period = _period_param(request, None if asked else _latest_year(unit))
    ancestors = [u for u in OrgUnit.objects.get_ancestors(unit) if covers(request.user, u)]
    this_year = timezone.localdate().year
    data = dashboard_data.build(unit, period, request.user)
    # Figures whose units' returns are not approved yet are marked 未审核; with
    # ?approved=1 only figures resting on approved returns are shown.
    approved = approved_units([unit, *(row.unit for row in data.children)], period.year)
    approved_only = request.GET.get("approved") == "1"
    if approved_only:
        only_approved(data, approved)
    context = {
        "data": data,
        "approved": approved,
        "approved_only": approved_only,
        "ancestors": [(u, dashboard_data.dashboard_url(u, period)) for u in ancestors],
        "years": sorted({*range(this_year, this_year - 10, -1), period.year}, reverse=True),
        "parts": PERIOD_PARTS,
        "part": period.code[4:],
    }
    return render(request, "reports/dashboard.html", context)


def only_approved(data, approved: set[int]) -> None:
    """Leave on the dashboard only figures of approved units: all of them when the unit's
    own data is approved, else the rows of its approved units below."""
    if data.unit.pk in approved:
        return
    data.sections, data.targets, data.comparison_chart = [], [], ""
    data.children = [row for row in data.children if row.unit.pk in approved]


# The parts of a year the dashboard shows, as their suffix of a period code (2021H1 …).
PERIOD_PARTS = (
    ("", "全年"),
    ("H1", "上半年"),
    ("H2", "下半年"),
    ("Q1", "第一季度"),
    ("Q2", "第二季度"),
    ("Q3", "第三季度"),
    ("Q4", "第四季度"),
)


def _latest_year(unit) -> int:
    """The year a dashboard opens on when none is asked for: the latest with records of the
    unit up to this year (in January the year just ended, not an empty new one)."""
    this_year = timezone.localdate().year
    found = indicators.latest_year(unit)
    return min(found, this_year) if found else this_year


def _period_param(request, default_year: int | None = None) -> Period:
    """The period asked for: ?period=2021H1, or ?year=2021 with an optional ?part=H1; with
    neither, `default_year` (this year without it)."""
    text = request.GET.get("period")
    if not text:
        year = _year_param(request, default_year)
        part = request.GET.get("part", "")
        text = f"{year}{part}" if part in dict(PERIOD_PARTS) else str(year)
    try:
        return Period.parse(text)
    except PeriodError:
        raise Http404("期间无效。") from None


@login_required
def report_list(request):
    if not request.user.has_perm("reports.view_report"):
        raise PermissionDenied("您的角色不能查看年度工作报告。")
    units = list(OrgUnit.objects.in_scope(request.user).order_by("depth", "path")[:500])
    form = OpenReportForm(request.GET or None, units=units)
    if form.is_valid():
        return redirect("reports:detail", form.cleaned_data["unit"], form.cleaned_data["year"])
    reports = (
        Report.objects.in_scope(request.user)
        .select_related("org_unit")
        .annotate(latest_version=Max("versions__number"))
    )
    return render(request, "reports/report_list.html", {"reports": reports, "form": form})


@login_required
def report_detail(request, code, year):
    unit = report_unit(request, code)
    report, document = report_document(unit, year, _version_param(request))
    links = {
        figure.key: outputs.figure_url(request.user, figure.key, year, unit.code)
        for figure in document.figures
    }
    user = request.user
    context = {
        "unit": unit,
        "year": year,
        "report": report,
        "document": document,
        "blocks": [(block, _runs(block, links)) for block in document.blocks],
        "versions": report.versions.select_related("finalised_by") if report else [],
        "may_edit": user.has_perm("reports.change_report") and not (report and report.is_final),
        "may_create": user.has_perm("reports.add_report") and report is None,
        "may_finalise": user.has_perm("reports.finalise_report") and report is not None,
        "may_edit_template": user.has_perm("reports.change_reporttemplate"),
        "version_query": f"?version={document.version}" if document.version else "",
        "structure": _structure(report),
        "computed_at": datetime.fromisoformat(document.computed_at),
    }
    return render(request, "reports/report_detail.html", context)


def _structure(report):
    """The report's sections and plan items in order, for moving and editing them."""
    if report is None:
        return []
    return [
        ("一、工作情况", report.sections.all(), "工作情况部分", "reports:section-move",
         "reports:section-edit", "reports:section-add"),
        ("二、工作打算", report.plan_items.all(), "工作打算", "reports:plan-move",
         "reports:plan-edit", "reports:plan-add"),
    ]  # fmt: skip


def _runs(block, links):
    """The block's runs as (text, link, title, is_problem) for the template."""
    runs = []
    for run in block.runs:
        if isinstance(run, Chart):
            continue  # drawn by the template from the block itself
        if isinstance(run, str):
            runs.append((run, None, None, False))
        elif isinstance(run, Problem):
            runs.append((f"【{run.source}：{run.message}】", None, None, True))
        else:
            title = f"{run.label}：{run.value}{run.unit}" if run.text != run.value else run.label
            runs.append((run.text, links.get(run.key), title, False))
    return runs


@login_required
def report_download(request, code, year, fmt):
    unit = report_unit(request, code)
    version = _version_param(request)
    _, document = report_document(unit, year, version)
    data = outputs.cached(document, fmt)
    if data is None and settings.REPORT_WORKERS:
        # A worker renders it; this page reloads itself until the file is there.
        state = tasks.queue_render(unit, year, version, document, fmt)
        context = {"document": document, "fmt": fmt.upper(), "failed": state == "failed"}
        return render(request, "reports/report_rendering.html", context, status=202)
    if data is None:
        data = outputs.render(document, fmt)
    response = HttpResponse(data, content_type=outputs.CONTENT_TYPES[fmt])
    response["Content-Disposition"] = _attachment(outputs.filename(document, fmt))
    return response


def _attachment(name):
    from urllib.parse import quote

    return f"attachment; filename*=UTF-8''{quote(name)}"


def _report_action(request, code, year, permission, refusal, action):
    """Run a service on the report after checking the role; its ValidationError becomes a
    message. `action` returns the success message."""
    unit = report_unit(request, code)
    if not request.user.has_perm(permission):
        raise PermissionDenied(refusal)
    try:
        messages.success(request, action(unit))
    except ValidationError as error:
        messages.error(request, "；".join(error.messages))
    return redirect("reports:detail", code, year)


def _saved_report(unit, year):
    return get_object_or_404(Report.objects.for_unit_year(unit, year))


@login_required
@require_POST
def report_create(request, code, year):
    def create(unit):
        services.report_create(unit=unit, year=year, user=request.user)
        return "已按标准文本新建报告草稿，请补充工作亮点和下一年打算。"

    return _report_action(
        request, code, year, "reports.add_report", "您的角色不能新建年度工作报告。", create
    )


@login_required
def report_finalise(request, code, year):
    """The finalise step: the figures that are zero, and any that changed since the page
    was opened, listed for the writer to confirm; confirming freezes the report only if its
    figures are still the ones the page showed."""
    unit = report_unit(request, code)
    if not request.user.has_perm("reports.finalise_report"):
        raise PermissionDenied("您的角色不能定稿年度工作报告。")
    report = _saved_report(unit, year)
    if report.is_final:
        raise PermissionDenied("报告已经定稿；如需修改，请先新建版本。")
    changes = []
    if request.method == "POST" and "seen" in request.POST:
        try:
            version = services.report_finalise(
                report=report, user=request.user, seen=_seen_param(request.POST["seen"])
            )
        except FiguresChanged as error:
            changes = error.changes
        except ValidationError as error:
            messages.error(request, "；".join(error.messages))
            return redirect("reports:detail", code, year)
        else:
            messages.success(request, f"报告已定稿（第{version.number}版），数字已固定。")
            return redirect("reports:detail", code, year)
    document = compose(report)
    context = {
        "report": report,
        "unit": unit,
        "year": year,
        "document": document,
        "zeros": zero_figures(document),
        "changes": changes,
        "seen": json.dumps(figures_seen(document), ensure_ascii=False),
    }
    return render(request, "reports/report_finalise.html", context)


def _seen_param(text: str) -> dict[str, str]:
    """The figures a finalise page showed, as it carried them; anything else is nothing
    seen, which the service answers with every figure as changed."""
    try:
        seen = json.loads(text)
    except ValueError:
        return {}
    if not isinstance(seen, dict):
        return {}
    return {str(key): str(value) for key, value in seen.items()}


@login_required
@require_POST
def report_reopen(request, code, year):
    def reopen(unit):
        services.report_reopen(report=_saved_report(unit, year))
        return "已新建版本草稿；已定稿的版本保持不变。"

    return _report_action(
        request, code, year, "reports.finalise_report", "您的角色不能新建报告版本。", reopen
    )


def _edit_page(request, report, title, forms, *, delete_url=None, number=1):
    args = [report.org_unit.code, report.year]
    query = request.GET.get("q", "")[:40]
    context = {
        "report": report,
        "panel_unit": report.org_unit,
        "panel_year": report.year,
        "title": title,
        "forms": forms,
        "delete_url": delete_url,
        "query": query,
        "figures": figure_choices(report.org_unit, report.year, query),
        "options": OPTIONS,
        "number": number,
        "detail_url": reverse("reports:detail", args=args),
        "figures_url": reverse("reports:figures", args=args),
        "preview_url": reverse("reports:preview", args=args),
    }
    return render(request, "reports/report_edit.html", context)


@login_required
def report_edit(request, code, year):
    report = editable_report(request, code, year)
    form = ReportForm(request.POST or None, instance=report, unit=report.org_unit)
    # The form's version is checked under a row lock (stored_version): checking and saving
    # in one transaction lets no other save slip in between.
    with transaction.atomic():
        if form.is_valid():
            form.save()
            messages.success(request, "已保存。")
            return redirect("reports:detail", code, year)
    return _edit_page(request, report, "修改标题、开头和总体思路", [form])


def _part_edit(request, code, year, model, form_class, pk, noun, *, with_targets=False):
    report = editable_report(request, code, year)
    parts = model.objects.filter(report=report)
    part = get_object_or_404(parts, pk=pk) if pk else None
    if part is None and parts.count() >= MAX_PARTS:
        messages.error(request, f"一份报告最多{MAX_PARTS}个{noun}。")
        return redirect("reports:detail", code, year)
    form = form_class(request.POST or None, instance=part, unit=report.org_unit)
    formset = None
    if with_targets:
        formset = TargetFormSet(
            request.POST or None,
            instance=part,
            prefix="targets",
            form_kwargs={"unit": report.org_unit},
        )
        formset.helper = TargetFormSetHelper()
    # Version check and save in one transaction, as in report_edit.
    with transaction.atomic():
        if form.is_valid() and (formset is None or formset.is_valid()):
            saved = form.save(commit=False)
            saved.report = report
            if part is None:  # a new part comes last
                saved.order = (parts.aggregate(n=Max("order"))["n"] or 0) + 1
            # Saved even when only its targets changed, so its version covers them.
            saved.save()
            if formset is not None:
                formset.instance = saved
                formset.save()
            messages.success(request, f"{noun}已保存。")
            return redirect("reports:detail", code, year)
    forms = [form] + ([formset] if formset is not None else [])
    title = f"修改{noun}" if part else f"新增{noun}"
    delete_url = None
    if part:
        name = "section" if model is ReportSection else "plan"
        delete_url = reverse(f"reports:{name}-delete", args=[code, year, part.pk])
    # Its number in the report, for the preview's heading: （三）….
    number = list(parts.values_list("pk", flat=True)).index(part.pk) + 1 if part else None
    number = number or parts.count() + 1
    return _edit_page(request, report, title, forms, delete_url=delete_url, number=number)


@login_required
def section_edit(request, code, year, pk=None):
    return _part_edit(request, code, year, ReportSection, SectionForm, pk, "工作情况部分")


@login_required
def plan_item_edit(request, code, year, pk=None):
    return _part_edit(
        request, code, year, PlanItem, PlanItemForm, pk, "工作打算", with_targets=True
    )


@login_required
@require_POST
def part_delete(request, code, year, pk, kind):
    report = editable_report(request, code, year)
    model = ReportSection if kind == "section" else PlanItem
    part = get_object_or_404(model.objects.filter(report=report), pk=pk)
    part.delete()
    messages.success(request, f"已删除“{part}”。")
    return redirect("reports:detail", code, year)


@login_required
@require_POST
def part_move(request, code, year, pk, kind):
    """Move a section or plan item up or down among the report's parts."""
    report = editable_report(request, code, year)
    model = ReportSection if kind == "section" else PlanItem
    part = get_object_or_404(model.objects.filter(report=report), pk=pk)
    direction = request.POST.get("direction")
    if direction not in MOVES:
        messages.error(request, "请选择上移或下移。")
    elif services.report_part_move(part=part, step=MOVES[direction][0]):
        messages.success(request, f"已将“{part}”{MOVES[direction][1]}。")
    else:
        messages.info(request, f"“{part}”已经在最{MOVES[direction][2]}。")
    return redirect(reverse("reports:detail", args=[code, year]) + "#structure")


MOVES = {"up": (-1, "上移", "前"), "down": (1, "下移", "后")}


@login_required
def figure_search(request, code, year):
    """The figures whose names match ?q=, with the report's unit's values, for the editor."""
    report = editable_report(request, code, year)
    query = request.GET.get("q", "")[:40]
    figures = figure_choices(report.org_unit, report.year, query)
    return JsonResponse({"figures": [figure.__dict__ for figure in figures]})


PREVIEW_KINDS = ("opening", "plan_intro", "section", "plan_item")


@login_required
@require_POST
def part_preview(request, code, year):
    """A text of the report as the report will show it, with today's figures: the editor
    posts what the writer is typing and shows the answer beside it."""
    report = editable_report(request, code, year)
    kind = request.POST.get("kind", "section")
    body = request.POST.get("body", "")
    heading = request.POST.get("heading", "")[:60]
    if kind not in PREVIEW_KINDS or len(body) > MAX_TEXT:
        return HttpResponse(f"无法预览：正文最多{MAX_TEXT}字。", status=400)
    try:
        number = min(max(int(request.POST.get("number", 1)), 1), MAX_PARTS + 1)
    except ValueError:
        number = 1
    blocks = compose_part(
        report.org_unit, year, kind=kind, heading=heading, body=body, number=number
    )
    links = {}  # a preview is read beside the text, not followed
    context = {"blocks": [(block, _runs(block, links)) for block in blocks]}
    return render(request, "reports/report_blocks.html", context)


# --- a unit's standard text ---------------------------------------------------------------


def template_unit(request, code) -> OrgUnit:
    """The unit whose standard text the user asked for, if they may edit it: a role that
    reads reports and edits templates, and the unit in their scope."""
    unit = report_unit(request, code)
    if not request.user.has_perm("reports.change_reporttemplate"):
        raise PermissionDenied("您的角色不能修改报告标准文本。")
    return unit


@login_required
def template_edit(request, code, year):
    """The unit's own standard text, to edit; for a unit without one, the text that serves
    it now, and the button that makes it the unit's own."""
    unit = template_unit(request, code)
    template = ReportTemplate.objects.filter(org_unit=unit).first()
    args = [code, year]
    context = {
        "unit": unit,
        "year": year,
        "template": template,
        "panel_unit": unit,
        "panel_year": year,
        "query": request.GET.get("q", "")[:40],
        "options": OPTIONS,
        "detail_url": reverse("reports:detail", args=args),
        "figures_url": reverse("reports:template-figures", args=args),
        "preview_url": reverse("reports:template-preview", args=args),
    }
    context["figures"] = figure_choices(unit, year, context["query"])
    if template is None:
        text = standard_text(unit, year, fill=False)
        context["text"] = text
        return render(request, "reports/template_edit.html", context)
    form = TemplateForm(request.POST or None, instance=template, unit=unit)
    formset = TemplateSectionFormSet(
        request.POST or None, instance=template, prefix="sections", form_kwargs={"unit": unit}
    )
    formset.helper = TemplateSectionFormSetHelper()
    with transaction.atomic():
        if form.is_valid() and formset.is_valid():
            saved = form.save(commit=False)
            saved.updated_by = request.user
            saved.save()  # even when only sections changed: its version covers them
            formset.save()
            messages.success(request, "标准文本已保存。")
            return redirect("reports:template", code, year)
    context["forms"] = [form, formset]
    return render(request, "reports/template_edit.html", context)


@login_required
@require_POST
def template_create(request, code, year):
    unit = template_unit(request, code)
    try:
        services.template_create(unit=unit, year=year, user=request.user)
        messages.success(request, f"已为{unit.name}建立标准文本，可以修改了。")
    except ValidationError as error:
        messages.error(request, "；".join(error.messages))
    return redirect("reports:template", code, year)


@login_required
def template_figures(request, code, year):
    """The figure search of the template editor (as `figure_search`, for a unit's text)."""
    unit = template_unit(request, code)
    figures = figure_choices(unit, year, request.GET.get("q", "")[:40])
    return JsonResponse({"figures": [figure.__dict__ for figure in figures]})


@login_required
@require_POST
def template_preview(request, code, year):
    """A text of the template as a report of the unit and year would show it."""
    unit = template_unit(request, code)
    kind = request.POST.get("kind", "section")
    body = request.POST.get("body", "")
    if kind not in PREVIEW_KINDS or len(body) > MAX_TEXT:
        return HttpResponse(f"无法预览：正文最多{MAX_TEXT}字。", status=400)
    body = fill_words(body, unit, year)
    blocks = compose_part(unit, year, kind=kind, heading="", body=body)
    context = {"blocks": [(block, _runs(block, {})) for block in blocks]}
    return render(request, "reports/report_blocks.html", context)
