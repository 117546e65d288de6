"""The annual work report and next-year plan of an org unit.

A report holds what people write — the title, the opening, the headlines and narrative of
part 一, the overall idea and the plan items of part 二 — with the figures embedded as
placeholders (`{families.city_green}`, see `reports.placeholders`), so the figures always
come from the records. Finalising keeps a `ReportVersion`: the whole document with its
figures as they were, so a later fix to the data does not change a submitted report.
"""

from django.core.exceptions import ValidationError
from django.db import models
from simple_history.models import HistoricalRecords

from fedportal import indicators
from fedportal.models import OrgUnit, ScopedRecord, User, year_field
from fedportal.scoping import ScopedQuerySet
from reports.placeholders import placeholder_errors
from reports.typeset import split_title

# Limits that bound the rendering of one report, so a download never holds a web worker for
# long: at most 2 + 2 × 12 texts of 2,000 characters (the reference report has 3,000 in
# all) render as a PDF in about a second (docs/BENCHMARKS.md).
MAX_TEXT = 2000
MAX_PARTS = 12


def validate_placeholders(text):
    errors = placeholder_errors(text)
    if errors:
        raise ValidationError(errors)


def default_title(unit_name: str, year: int) -> str:
    """The title of a report whose writer has not given one."""
    return f"{unit_name}妇联{year}年工作情况和{year + 1}年主要工作打算汇报"


def validate_template_placeholders(text):
    errors = placeholder_errors(text, words=True)
    if errors:
        raise ValidationError(errors)


class ReportQuerySet(ScopedQuerySet):
    def for_unit_year(self, unit, year):
        return self.filter(org_unit=unit, year=year)


class Report(ScopedRecord):
    class Status(models.TextChoices):
        DRAFT = "draft", "草稿"
        FINAL = "final", "已定稿"

    year = year_field()
    title = models.CharField(
        "标题",
        max_length=100,
        blank=True,
        help_text="留空则为“{单位}妇联{年度}年工作情况和{下一年}年主要工作打算汇报”。",
    )
    opening = models.TextField(
        "开头段落",
        blank=True,
        max_length=MAX_TEXT,
        validators=[validate_placeholders],
        help_text="总述全年工作和本会所获荣誉。数字请用指标占位符，如 {honors.federation_honors}。",
    )
    plan_intro = models.TextField(
        "总的思路和打算",
        blank=True,
        max_length=MAX_TEXT,
        validators=[validate_placeholders],
    )
    status = models.CharField("状态", max_length=8, choices=Status, default=Status.DRAFT)

    objects = ReportQuerySet.as_manager()

    class Meta:
        verbose_name = "年度工作报告"
        verbose_name_plural = "年度工作报告"
        ordering = ["-year", "org_unit__path"]
        default_permissions = ("add", "change", "delete", "view")
        permissions = [("finalise_report", "可以定稿年度工作报告")]
        constraints = [
            models.UniqueConstraint(
                fields=["org_unit", "year"],
                name="report_one_per_unit_year",
                violation_error_message="该单位这一年度的报告已经存在。",
            ),
        ]

    def __str__(self):
        return self.display_title

    @property
    def display_title(self):
        return split_title(self.title_with_breaks)[0]

    @property
    def title_with_breaks(self):
        """The title as written, with the writer's line-break marks ("|")."""
        return self.title or default_title(self.org_unit.name, self.year)

    @property
    def is_final(self):
        return self.status == self.Status.FINAL

    def latest_version(self):
        return self.versions.order_by("-number").first()


EMPTY_TEXT_LABEL = "无内容时的说明"
EMPTY_TEXT_HELP = (
    "数字都为零的句子不写进报告；本部分因此什么也不剩时显示这一句（如“本年度暂无此项工作。”），"
    "留空则整个部分不出现。"
)


class ReportPart(models.Model):
    """An ordered piece of a report with a headline and narrative: a section of part 一 or a
    plan item of part 二."""

    order = models.PositiveSmallIntegerField("顺序", default=0)
    body = models.TextField(
        "正文",
        max_length=MAX_TEXT,
        validators=[validate_placeholders],
        help_text="可分段（空一行为一段）。数字请用指标占位符，如 {families.city_green}；"
        "近似写法 {families.lecture_beneficiaries|近}、{welfare.fundraising|余}。",
    )

    scope_unit_field = "report__org_unit"
    objects = ScopedQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["order", "pk"]


class ReportSection(ReportPart):
    report = models.ForeignKey(
        Report, on_delete=models.CASCADE, related_name="sections", verbose_name="报告"
    )
    headline = models.CharField("小标题", max_length=40, help_text="如：家庭创建有成果")
    empty_text = models.CharField(
        EMPTY_TEXT_LABEL, max_length=100, blank=True, help_text=EMPTY_TEXT_HELP
    )
    history = HistoricalRecords()

    class Meta(ReportPart.Meta):
        verbose_name = "工作情况部分"
        verbose_name_plural = "工作情况部分"
        default_permissions = ("add", "change", "delete", "view")

    def __str__(self):
        return self.headline


class PlanItem(ReportPart):
    report = models.ForeignKey(
        Report, on_delete=models.CASCADE, related_name="plan_items", verbose_name="报告"
    )
    heading = models.CharField(
        "标题", max_length=60, help_text="如：传好音，在推动思想引领上求突破"
    )
    history = HistoricalRecords()

    class Meta(ReportPart.Meta):
        verbose_name = "工作打算"
        verbose_name_plural = "工作打算"
        default_permissions = ("add", "change", "delete", "view")

    def __str__(self):
        return self.heading


class PlanTarget(models.Model):
    """A measurable target of a plan item for the next year, e.g. at least 20 lectures."""

    class Comparison(models.TextChoices):
        AT_LEAST = "gte", "不少于"
        AT_MOST = "lte", "不超过"

    plan_item = models.ForeignKey(
        PlanItem, on_delete=models.CASCADE, related_name="targets", verbose_name="工作打算"
    )
    # A figure's key (fedportal.indicators); the edit form offers those of the report's unit.
    indicator = models.CharField("指标", max_length=120)
    comparison = models.CharField(
        "要求", max_length=3, choices=Comparison, default=Comparison.AT_LEAST
    )
    target = models.DecimalField("目标值", max_digits=14, decimal_places=2)

    scope_unit_field = "plan_item__report__org_unit"
    objects = ScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = "量化目标"
        verbose_name_plural = "量化目标"
        ordering = ["pk"]
        default_permissions = ("add", "change", "delete", "view")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(target__gte=0),
                name="plan_target_nonnegative",
                violation_error_message="目标值不能为负数。",
            )
        ]

    def __str__(self):
        return self.sentence()

    def sentence(self) -> str:
        """ "“科学家教进万家”宣讲不少于20场", in the words of the report's unit's figure."""
        try:
            spec = indicators.get(self.indicator).spec(self.plan_item.report.org_unit)
        except KeyError:
            return f"【没有代码为“{self.indicator}”的指标】{self.get_comparison_display()}{self.target}"
        target = indicators.format_value(self.target, spec.unit)
        return f"{spec.label}{self.get_comparison_display()}{target}"

    def is_met(self, value) -> bool:
        if self.comparison == self.Comparison.AT_LEAST:
            return value >= self.target
        return value <= self.target


class ReportVersion(models.Model):
    """A finalised report as it was: its document, figures included, frozen as JSON."""

    report = models.ForeignKey(
        Report, on_delete=models.CASCADE, related_name="versions", verbose_name="报告"
    )
    number = models.PositiveSmallIntegerField("版本")
    document = models.JSONField("定稿内容")
    finalised_at = models.DateTimeField("定稿时间", auto_now_add=True)
    finalised_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name="定稿人"
    )

    scope_unit_field = "report__org_unit"
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = "报告定稿版本"
        verbose_name_plural = "报告定稿版本"
        ordering = ["report", "-number"]
        default_permissions = ("view",)
        constraints = [
            models.UniqueConstraint(fields=["report", "number"], name="report_version_unique")
        ]

    def __str__(self):
        return f"{self.report} 第{self.number}版"


class ReportTemplateQuerySet(ScopedQuerySet):
    def serving(self, unit: OrgUnit):
        """The template that serves `unit`: its own, or the nearest ancestor's."""
        own_or_above = models.Q(org_unit=unit) | models.Q(
            org_unit__in=OrgUnit.objects.get_ancestors(unit)
        )
        return self.filter(own_or_above).order_by("-org_unit__depth").first()


class ReportTemplate(models.Model):
    """A unit's standard report text: what a report of the unit or of any unit below it
    (unless that unit has its own) starts from, and what a year with no report shows.
    The text holds placeholders like a report's, and "{年度}", "{下一年}" and "{单位}"."""

    org_unit = models.OneToOneField(
        OrgUnit, on_delete=models.CASCADE, related_name="+", verbose_name="单位"
    )
    opening = models.TextField(
        "开头段落",
        blank=True,
        max_length=MAX_TEXT,
        validators=[validate_template_placeholders],
        help_text="可写 {年度}、{单位}；数字用指标占位符，如 {honors.federation_honors}。",
    )
    plan_intro = models.TextField(
        "总的思路和打算",
        blank=True,
        max_length=MAX_TEXT,
        validators=[validate_template_placeholders],
    )
    updated_at = models.DateTimeField("更新时间", auto_now=True)
    updated_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name="修改人",
    )  # fmt: skip
    history = HistoricalRecords()

    objects = ReportTemplateQuerySet.as_manager()

    class Meta:
        verbose_name = "报告标准文本"
        verbose_name_plural = "报告标准文本"
        default_permissions = ("add", "change", "delete", "view")

    def __str__(self):
        return f"{self.org_unit.name}的报告标准文本"


class TemplateSection(models.Model):
    """A section of a standard text: a headline and its sentences."""

    template = models.ForeignKey(
        ReportTemplate, on_delete=models.CASCADE, related_name="sections",
        verbose_name="标准文本",
    )  # fmt: skip
    order = models.PositiveSmallIntegerField("顺序", default=0)
    headline = models.CharField("小标题", max_length=40, help_text="如：家庭创建有成果")
    body = models.TextField(
        "正文",
        max_length=MAX_TEXT,
        validators=[validate_template_placeholders],
        help_text="数字用指标占位符；几个数字可写在一对花括号里，用顿号隔开，"
        "如 {honors.national_red_banner_women、honors.city_red_banner_women}，只写不为零的。",
    )
    empty_text = models.CharField(
        EMPTY_TEXT_LABEL, max_length=100, blank=True, help_text=EMPTY_TEXT_HELP
    )
    history = HistoricalRecords()

    scope_unit_field = "template__org_unit"
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = "标准文本部分"
        verbose_name_plural = "标准文本部分"
        ordering = ["order", "pk"]
        default_permissions = ("add", "change", "delete", "view")

    def __str__(self):
        return self.headline
