"""Returns (报送): each org unit's data of a period, submitted, reviewed by the unit above,
approved (and so locked) or sent back; the deadlines of entry and the data-quality rules a
unit's figures must pass before it submits.

A period is stored in its written form (fedportal.periods: "2021", later "2021Q3") with
its year beside it; records carry a year, so locks work by year (returns.locks).
"""

import re
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone

from fedportal.models import KEY_PATTERN, OrgUnit, User, year_range_constraint
from fedportal.periods import Period

KEY_SUM_SEPARATOR = "+"


class ReturnQuerySet(models.QuerySet):
    def for_year(self, year: int):
        return self.filter(period=str(year))

    def approved(self):
        return self.filter(status=Return.Status.APPROVED)

    def of_children(self, unit: OrgUnit):
        return self.filter(org_unit__in=OrgUnit.objects.get_children(unit))

    def visible_to(self, user):
        """Returns of the units in the user's scope (their own unit's and those below)."""
        return self.filter(org_unit__in=OrgUnit.objects.in_scope(user))


class Return(models.Model):
    """One unit's return (报送) of one period's data."""

    class Status(models.TextChoices):
        OPEN = "open", "未报送"
        SUBMITTED = "submitted", "已报送，待审核"
        APPROVED = "approved", "已审核"
        SENT_BACK = "sent_back", "已退回"
        REOPENED = "reopened", "已重新开放"

    # Statuses from which the unit may (again) submit.
    EDITABLE = (Status.OPEN, Status.SENT_BACK, Status.REOPENED)

    org_unit = models.ForeignKey(
        OrgUnit, on_delete=models.PROTECT, related_name="+", verbose_name="报送单位"
    )
    period = models.CharField("期间", max_length=24, help_text="如“2021”（年度）。")
    year = models.PositiveSmallIntegerField("年度")
    status = models.CharField(
        "状态", max_length=12, choices=Status.choices, default=Status.OPEN, db_index=True
    )
    submitted_at = models.DateTimeField("报送时间", null=True, blank=True)
    submitted_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name="报送人",
    )  # fmt: skip
    approved_at = models.DateTimeField("审核时间", null=True, blank=True)
    approved_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name="审核人",
    )  # fmt: skip
    approver_unit = models.ForeignKey(
        OrgUnit, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name="审核单位",
    )  # fmt: skip
    reason = models.CharField("退回或重新开放的原因", max_length=200, blank=True)
    updated_at = models.DateTimeField("最后变动", auto_now=True)

    objects = ReturnQuerySet.as_manager()

    class Meta:
        verbose_name = "数据报送"
        verbose_name_plural = "数据报送"
        ordering = ["period", "org_unit__path"]
        permissions = [
            ("submit_return", "报送本单位数据"),
            ("approve_return", "审核、退回下级单位的报送"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["org_unit", "period"],
                name="return_unit_period_unique",
                violation_error_message="该单位这一期间已有报送。",
            ),
            year_range_constraint("return_year_valid"),
        ]
        indexes = [models.Index(fields=["period", "status"], name="return_period_status")]

    def __str__(self):
        return f"{self.org_unit}{self.period_label}数据报送"

    @property
    def period_obj(self) -> Period:
        return Period.of(self.period)

    @property
    def period_label(self) -> str:
        """ "2021年度" for a year, "2021年第三季度" for a quarter."""
        period = self.period_obj
        return f"{period.label}度" if period.is_year else period.label

    @property
    def is_approved(self) -> bool:
        return self.status == self.Status.APPROVED

    @property
    def is_editable(self) -> bool:
        return self.status in self.EDITABLE


class Deadline(models.Model):
    """When a level's units enter a year's data: opening and closing dates, set by a unit
    for the units of that level in its subtree (the deepest setter's dates apply)."""

    org_unit = models.ForeignKey(
        OrgUnit, on_delete=models.PROTECT, related_name="+", verbose_name="设定单位"
    )
    level = models.PositiveSmallIntegerField("报送单位层级", choices=OrgUnit.Level.choices)
    year = models.PositiveSmallIntegerField("年度")
    opens_on = models.DateField("开始日期")
    closes_on = models.DateField("截止日期")

    class Meta:
        verbose_name = "报送期限"
        verbose_name_plural = "报送期限"
        ordering = ["-year", "level"]
        constraints = [
            models.UniqueConstraint(
                fields=["org_unit", "level", "year"],
                name="deadline_unique",
                violation_error_message="该单位已为这一层级、年度设定了期限。",
            ),
            models.CheckConstraint(
                condition=Q(closes_on__gte=models.F("opens_on")),
                name="deadline_ordered",
                violation_error_message="截止日期不能早于开始日期。",
            ),
            year_range_constraint("deadline_year_valid"),
        ]

    def __str__(self):
        return f"{self.year}年度{self.get_level_display()}报送期限"


class DeadlineException(models.Model):
    """Entry after the close, granted by the unit above for one unit and year."""

    org_unit = models.ForeignKey(
        OrgUnit, on_delete=models.PROTECT, related_name="+", verbose_name="单位"
    )
    year = models.PositiveSmallIntegerField("年度")
    until = models.DateField("补录截止日期")
    reason = models.CharField("原因", max_length=200)
    granted_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name="批准人"
    )
    granted_at = models.DateTimeField("批准时间", default=timezone.now)

    class Meta:
        verbose_name = "逾期补录许可"
        verbose_name_plural = "逾期补录许可"
        ordering = ["-granted_at"]
        constraints = [year_range_constraint("deadline_exception_year_valid")]

    def __str__(self):
        return f"{self.org_unit}{self.year}年度补录至{self.until:%Y-%m-%d}"


def validate_key_sum(text: str):
    """A side of a rule: one figure key or several joined by “+”."""
    keys = split_keys(text)
    if not keys or any(not re.fullmatch(KEY_PATTERN, key) for key in keys):
        raise ValidationError(
            f"“{text}”不是指标代码，应为“领域.名称”，几个指标相加用“+”连接，"
            "如 welfare.cervical_referred + welfare.breast_referred。"
        )


def split_keys(text: str) -> list[str]:
    return [part.strip() for part in text.split(KEY_SUM_SEPARATOR) if part.strip()]


class QualityRule(models.Model):
    """A data-quality rule over figures (fedportal.indicators): either two figures compared
    (left operator right, each side a key or a sum of keys), or a figure against the unit's
    previous year (flagged beyond `factor` times, up or down)."""

    class Kind(models.TextChoices):
        COMPARE = "compare", "两个指标比较"
        YEAR_ON_YEAR = "year_on_year", "与上年相比"

    class Operator(models.TextChoices):
        LE = "le", "≤"
        LT = "lt", "<"
        EQ = "eq", "="
        GE = "ge", "≥"
        GT = "gt", ">"

    name = models.CharField("规则名称", max_length=100)
    kind = models.CharField("类型", max_length=14, choices=Kind.choices, default=Kind.COMPARE)
    left = models.CharField(
        "指标", max_length=200, validators=[validate_key_sum],
        help_text="指标代码；几个指标相加用“+”连接。",
    )  # fmt: skip
    operator = models.CharField(
        "比较", max_length=2, choices=Operator.choices, default=Operator.LE, blank=True
    )
    right = models.CharField(
        "比较对象", max_length=200, blank=True,
        help_text="两个指标比较时填写：指标代码，几个指标相加用“+”连接。",
    )  # fmt: skip
    factor = models.DecimalField(
        "倍数", max_digits=6, decimal_places=2, null=True, blank=True,
        validators=[MinValueValidator(Decimal("1"))],
        help_text="与上年相比时填写：超过上年的这么多倍、或不到上年的几分之一时提示。",
    )  # fmt: skip
    org_unit = models.ForeignKey(
        OrgUnit, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name="适用单位", help_text="留空表示所有单位；选定时适用于该单位及其下级单位。",
    )  # fmt: skip
    is_active = models.BooleanField("启用", default=True)

    class Meta:
        verbose_name = "数据审核规则"
        verbose_name_plural = "数据审核规则"
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind="compare") | ~Q(right=""),
                name="quality_rule_compare_has_right",
                violation_error_message="两个指标比较时须填写比较对象。",
            ),
            models.CheckConstraint(
                condition=~Q(kind="year_on_year") | Q(factor__gte=1),
                name="quality_rule_yoy_has_factor",
                violation_error_message="与上年相比时须填写不小于1的倍数。",
            ),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        if self.kind == self.Kind.COMPARE and self.right:
            validate_key_sum(self.right)

    @property
    def left_keys(self) -> list[str]:
        return split_keys(self.left)

    @property
    def right_keys(self) -> list[str]:
        return split_keys(self.right)


class Explanation(models.Model):
    """A unit's explanation of a flagged value, kept with the values it explains: once a
    figure changes, the explanation no longer covers it."""

    report = models.ForeignKey(
        Return, on_delete=models.CASCADE, related_name="explanations", verbose_name="报送"
    )
    rule = models.ForeignKey(
        QualityRule, on_delete=models.CASCADE, related_name="+", verbose_name="规则"
    )
    values = models.CharField("说明时的数值", max_length=100)
    text = models.CharField("说明", max_length=300)
    written_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name="说明人"
    )
    written_at = models.DateTimeField("说明时间", auto_now=True)

    class Meta:
        verbose_name = "异常数值说明"
        verbose_name_plural = "异常数值说明"
        constraints = [
            models.UniqueConstraint(fields=["report", "rule"], name="explanation_unique"),
        ]

    def __str__(self):
        return self.text
