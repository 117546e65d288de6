from django.core.exceptions import ValidationError
from django.db import models

from fedportal.models import (
    OrgUnit,
    ReferenceList,
    ScopedRecord,
    Tally,
    TallyKind,
    date_in_year_errors,
    tally_constraints,
    year_field,
)
from fedportal.scoping import ScopedQuerySet

# Joining a work unit and a post drops their shared part ("…村妇联" + "妇联主席" reads
# "…村妇联主席"), but only when at least this many characters overlap: a single shared
# character ("…医院" + "院长") is a coincidence, not a repeated name.
MIN_POST_OVERLAP = 2


class RecipientType(models.TextChoices):
    PERSON = "个人", "个人"
    COLLECTIVE = "集体", "集体"


class HonorLevel(ReferenceList):
    """全国, 省, 市, 区, 乡镇 …; `rank` orders them from the highest down."""

    rank = models.PositiveSmallIntegerField(
        "级别高低",
        help_text="数字越小级别越高：全国为 1，省为 2，市为 3，区（县）为 4，乡镇为 5。",
    )

    class Meta(ReferenceList.Meta):
        verbose_name = "荣誉级别"
        verbose_name_plural = "荣誉级别"
        ordering = ["rank", "order", "name"]


class HonorTitle(ReferenceList):
    """三八红旗手, 三八红旗集体, 巾帼百佳 …, each for persons, collectives or both."""

    class For(models.TextChoices):
        PERSON = "个人", "个人"
        COLLECTIVE = "集体", "集体"
        BOTH = "个人或集体", "个人或集体"

    recipient_types = models.CharField(
        "授予对象", max_length=10, choices=For.choices, default=For.BOTH
    )

    class Meta(ReferenceList.Meta):
        verbose_name = "荣誉称号"
        verbose_name_plural = "荣誉称号"

    def allows(self, recipient_type: str) -> bool:
        return self.recipient_types in (self.For.BOTH, recipient_type)

    @property
    def count_word(self) -> str:
        """The unit word of a count of the title's honors: 名 for people, 个 otherwise
        (“三八红旗手”3名, “三八红旗集体”2个)."""
        return "名" if self.recipient_types == self.For.PERSON else "个"


class CommendationEvent(ScopedRecord):
    """A commendation held by a federation, e.g. the district's 建党100周年 event of 2021."""

    name = models.CharField("活动名称", max_length=200)
    held_on = models.DateField("举办日期")
    organiser = models.CharField("主办单位", max_length=100)
    description = models.TextField("活动内容", blank=True)

    class Meta(ScopedRecord.Meta):
        verbose_name = "表彰活动"
        verbose_name_plural = "表彰活动"
        ordering = ["-held_on", "name"]
        # Indicators read a year's records unit by unit down a subtree; indexed by year alone,
        # one district's figures would read every district's records of that year.
        indexes = [models.Index(fields=["org_unit", "held_on"], name="honors_event_unit_held_on")]
        constraints = [
            models.UniqueConstraint(
                fields=["name", "org_unit", "held_on"],
                name="honors_event_unique",
                violation_error_message="同一单位在同一天已有同名的表彰活动。",
            ),
        ]

    def __str__(self):
        return f"{self.name}（{self.held_on:%Y-%m-%d}）"

    def commended_titles(self) -> list[str]:
        """The titles conferred at the event, in the reference list's order."""
        return list(
            HonorTitle.objects.filter(honor__event=self)
            .distinct()
            .order_by("order", "name")
            .values_list("name", flat=True)
        )


class HonorQuerySet(ScopedQuerySet):
    def at_level(self, level):
        """`level` is an HonorLevel or its name (全国, 省 …)."""
        if isinstance(level, HonorLevel):
            return self.filter(level=level)
        return self.filter(level__name=level)

    def at_or_above(self, level):
        """Honors of `level` (an HonorLevel or its name) and every higher level."""
        if not isinstance(level, HonorLevel):
            level = HonorLevel.objects.get(name=level)
        return self.filter(level__rank__lte=level.rank)

    def titled(self, title):
        if isinstance(title, HonorTitle):
            return self.filter(title=title)
        return self.filter(title__name=title)


class Honor(ScopedRecord):
    """An honor conferred on a person or a collective of the unit it belongs to."""

    recipient_type = models.CharField(
        "对象类型", max_length=4, choices=RecipientType.choices, default=RecipientType.PERSON
    )
    recipient_name = models.CharField("姓名或集体名称", max_length=100)
    work_unit = models.CharField(
        "工作单位", max_length=100, blank=True, help_text="个人荣誉填写，如“城关镇东门村妇联”。"
    )
    post = models.CharField(
        "职务", max_length=50, blank=True, help_text="个人荣誉填写，如“妇联主席”。"
    )
    title = models.ForeignKey(HonorTitle, on_delete=models.PROTECT, verbose_name="荣誉称号")
    level = models.ForeignKey(HonorLevel, on_delete=models.PROTECT, verbose_name="荣誉级别")
    conferred_by = models.CharField("授予单位", max_length=100)
    year = year_field()
    conferred_on = models.DateField("授予日期", null=True, blank=True)
    event = models.ForeignKey(
        CommendationEvent,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="honors",
        verbose_name="表彰活动",
        help_text="在表彰活动上授予的荣誉选择该活动。",
    )
    notes = models.TextField("备注", blank=True)

    objects = HonorQuerySet.as_manager()

    class Meta(ScopedRecord.Meta):
        verbose_name = "荣誉"
        verbose_name_plural = "荣誉"
        ordering = ["-year", "level__rank", "title__order", "recipient_name"]
        # Indicators read a year's records unit by unit down a subtree; indexed by year alone,
        # one district's figures would read every district's records of that year.
        indexes = [models.Index(fields=["org_unit", "year"], name="honors_honor_unit_year")]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient_name", "org_unit", "title", "level", "year"],
                name="honors_honor_unique",
                violation_error_message="同一单位的同一对象在同一年度已获得同一级别的该荣誉。",
            ),
        ]

    def __str__(self):
        return f"{self.recipient_name}（{self.year}年）"

    def clean(self):
        super().clean()
        errors = date_in_year_errors(self, "conferred_on")
        # An unknown recipient type is reported by its own field's check alone.
        known_type = self.recipient_type in RecipientType.values
        if self.title_id and known_type and not self.title.allows(self.recipient_type):
            errors["title"] = (
                f"“{self.title.name}”只授予{self.title.recipient_types}，"
                f"不能授予{self.recipient_type}。"
            )
        if self.recipient_type == RecipientType.COLLECTIVE and self.post:
            errors["post"] = "集体荣誉不填写职务。"
        if self.event_id and self.year and self.event.held_on.year != self.year:
            errors["event"] = (
                f"表彰活动“{self.event.name}”在{self.event.held_on.year}年举办，"
                f"与荣誉年度{self.year}年不符。"
            )
        if errors:
            raise ValidationError(errors)

    def citation(self) -> str:
        """The recipient as a report names them: 城关镇东门村妇联主席王丽华."""
        if self.recipient_type == RecipientType.COLLECTIVE:
            return self.recipient_name
        return join_unit_and_post(self.work_unit, self.post) + self.recipient_name


def join_unit_and_post(work_unit: str, post: str) -> str:
    for size in range(min(len(work_unit), len(post)), MIN_POST_OVERLAP - 1, -1):
        if work_unit.endswith(post[:size]):
            return work_unit + post[size:]
    return work_unit + post


class FederationHonorQuerySet(ScopedQuerySet):
    # The report names the honors the federation 获评 (titles and assessments) apart from
    # the prizes it 荣获 in contests.
    def titles_and_assessments(self):
        return self.exclude(kind=FederationHonor.Kind.AWARD)

    def contest_awards(self):
        return self.filter(kind=FederationHonor.Kind.AWARD)


class FederationHonor(ScopedRecord):
    """An honor the federation itself received (the report's opening paragraph)."""

    class Kind(models.TextChoices):
        TITLE = "荣誉称号", "荣誉称号"
        AWARD = "竞赛奖项", "竞赛奖项"
        ASSESSMENT = "考核评价", "考核评价"

    title = models.CharField(
        "荣誉名称",
        max_length=200,
        help_text="按证书填写，如“全国妇联系统宣传舆论阵地建设先进单位”、全区“廉洁家风”知识竞赛一等奖。",
    )
    conferred_by = models.CharField("授予单位", max_length=100)
    level = models.ForeignKey(HonorLevel, on_delete=models.PROTECT, verbose_name="荣誉级别")
    year = year_field()
    kind = models.CharField("类别", max_length=10, choices=Kind.choices, default=Kind.TITLE)
    notes = models.TextField("备注", blank=True)

    objects = FederationHonorQuerySet.as_manager()

    class Meta(ScopedRecord.Meta):
        verbose_name = "本会所获荣誉"
        verbose_name_plural = "本会所获荣誉"
        ordering = ["-year", "level__rank", "title"]
        # Indicators read a year's records unit by unit down a subtree; indexed by year alone,
        # one district's figures would read every district's records of that year.
        indexes = [models.Index(fields=["org_unit", "year"], name="honors_fedhonor_unit_year")]
        constraints = [
            models.UniqueConstraint(
                fields=["title", "org_unit", "year"],
                name="honors_federationhonor_unique",
                violation_error_message="本会在同一年度已录入同名荣誉。",
            ),
        ]

    def __str__(self):
        return f"{self.title}（{self.year}年）"

    def clean(self):
        super().clean()
        if self.org_unit_id and self.org_unit.level > OrgUnit.Level.DISTRICT:
            raise ValidationError(
                {
                    "org_unit": "本会所获荣誉应记在区（县）或市级单位下；"
                    "乡镇、村的集体荣誉请在“荣誉”中录入。"
                }
            )

    def report_phrase(self) -> str:
        """The title as the report quotes it: in quotation marks unless it holds its own,
        as 2020年年度区直单位科级“好班子” does."""
        if "“" in self.title:
            return self.title
        return f"“{self.title}”"


class HonorTallyKind(TallyKind):
    """评先评优汇总类别: the kinds of 评先评优 work kept only as totals."""

    class Meta(TallyKind.Meta):
        verbose_name = "评先评优汇总类别"
        verbose_name_plural = "评先评优汇总类别"


class HonorTally(Tally):
    """评先评优汇总: totals of work with no named person (see fedportal.models.Tally)."""

    kind = models.ForeignKey(HonorTallyKind, on_delete=models.PROTECT, verbose_name="类别")

    class Meta(Tally.Meta):
        verbose_name = "评先评优汇总"
        verbose_name_plural = "评先评优汇总"
        indexes = [models.Index(fields=["org_unit", "date"], name="honors_tally_unit_date")]
        constraints = tally_constraints("honors_tally")
