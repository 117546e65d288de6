"""Family work (家庭工作): family awards, family-education activities, parent schools and
family-tradition bases. Each record belongs to an org unit; the figures the dashboard and
the report read are counted in the indicator layer (families/indicators.py).
"""

from django.core.exceptions import ValidationError
from django.db import models

from fedportal.models import (
    ReferenceList,
    ScopedRecord,
    Tally,
    TallyKind,
    date_in_year_errors,
    nonnegative_constraint,
    tally_constraints,
    year_field,
)
from fedportal.scoping import ScopedQuerySet

YEAR_HELP = "四位数年份，如 2021。"


class AwardKind(ReferenceList):
    """表彰类别: 最美家庭, 书香家庭, 绿色（清洁）家庭 …"""

    class Meta(ReferenceList.Meta):
        verbose_name = "表彰类别"
        verbose_name_plural = "表彰类别"


class AwardLevel(ReferenceList):
    """表彰级别: 全国, 省, 市, 区, 乡镇. `rank` orders them from the highest down."""

    rank = models.PositiveSmallIntegerField(
        "级别高低", default=0, help_text="数字越小级别越高：全国为1，省为2，市为3，区为4，乡镇为5。"
    )

    class Meta(ReferenceList.Meta):
        verbose_name = "表彰级别"
        verbose_name_plural = "表彰级别"
        ordering = ["rank", "order", "name"]


class ActivityType(ReferenceList):
    """活动类型: 科学家教进万家宣讲, 家庭助廉, 家风故事会 …"""

    class Meta(ReferenceList.Meta):
        verbose_name = "活动类型"
        verbose_name_plural = "活动类型"


class FamilyAwardQuerySet(ScopedQuerySet):
    def of_kind(self, name):
        return self.filter(kind__name=name)

    def at_level(self, name):
        return self.filter(level__name=name)


class FamilyAward(ScopedRecord):
    """One household's award of one kind at one level in one year (one 户 of the report)."""

    household_name = models.CharField("户名", max_length=50, help_text="如“张建国家庭”。")
    head_name = models.CharField("户主姓名", max_length=30)
    kind = models.ForeignKey(AwardKind, on_delete=models.PROTECT, verbose_name="表彰类别")
    level = models.ForeignKey(AwardLevel, on_delete=models.PROTECT, verbose_name="表彰级别")
    conferred_by = models.CharField("授予单位", max_length=100, help_text="如“江西省妇联”。")
    year = year_field(help_text=YEAR_HELP)
    conferred_on = models.DateField("授予日期", null=True, blank=True)
    occasion = models.CharField(
        "表彰活动",
        max_length=200,
        blank=True,
        help_text="在哪次活动或哪个批次中表彰，如“庆祝建党100周年主题宣传教育活动”。",
    )
    story = models.TextField("事迹", blank=True)

    objects = FamilyAwardQuerySet.as_manager()

    class Meta(ScopedRecord.Meta):
        verbose_name = "家庭表彰"
        verbose_name_plural = "家庭表彰"
        ordering = ["-year", "level__rank", "kind__order", "household_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["org_unit", "household_name", "kind", "level", "year"],
                name="families_award_unique_per_household",
                violation_error_message="该家庭在同一年度已获得同一级别的同类表彰。",
            ),
        ]

    def __str__(self):
        return f"{self.household_name}：{self.year}年{self.level}“{self.kind}”"

    def clean(self):
        errors = date_in_year_errors(self, "conferred_on")
        if errors:
            raise ValidationError(errors)


class FamilyActivityQuerySet(ScopedQuerySet):
    def of_type(self, name):
        return self.filter(activity_type__name=name)


class FamilyActivity(ScopedRecord):
    """A family-education activity; one record may stand for several sessions of it."""

    activity_type = models.ForeignKey(
        ActivityType, on_delete=models.PROTECT, verbose_name="活动类型"
    )
    title = models.CharField("活动名称", max_length=200)
    held_on = models.DateField("活动日期", help_text="多场活动填第一场的日期。")
    year = year_field(
        "年度", blank=True, help_text="可不填，按活动日期取年份；填写时须与活动日期一致。"
    )
    sessions = models.IntegerField("场次", default=1)
    participants = models.IntegerField("参与人数", default=0)
    participant_group = models.CharField(
        "参与对象", max_length=100, blank=True, help_text="如“领导干部配偶”“家长”。"
    )
    beneficiaries = models.IntegerField("受惠人数", default=0)
    partners = models.TextField("合作单位", blank=True)
    notes = models.TextField("备注", blank=True)

    objects = FamilyActivityQuerySet.as_manager()

    class Meta(ScopedRecord.Meta):
        verbose_name = "家庭教育活动"
        verbose_name_plural = "家庭教育活动"
        ordering = ["-held_on", "title"]
        # Indicators read a year's records unit by unit down a subtree; indexed by year alone,
        # one district's figures would read every district's records of that year.
        indexes = [models.Index(fields=["org_unit", "year"], name="families_activity_unit_year")]
        constraints = [
            models.UniqueConstraint(
                fields=["org_unit", "title", "held_on"],
                name="families_activity_unique",
                violation_error_message="该单位在同一天已有同名活动。",
            ),
            models.CheckConstraint(
                condition=models.Q(sessions__gte=1),
                name="families_activity_sessions_positive",
                violation_error_message="场次至少为1。",
            ),
            nonnegative_constraint("families_activity", "participants", "参与人数"),
            nonnegative_constraint("families_activity", "beneficiaries", "受惠人数"),
        ]

    def __str__(self):
        return self.title

    def clean(self):
        # The year is what the report counts by; left blank it follows the date, and a
        # year typed by hand must agree with it.
        if self.held_on is not None and self.year is None:
            self.year = self.held_on.year
        errors = date_in_year_errors(self, "held_on")
        if errors:
            raise ValidationError(errors)


class ParentSchoolQuerySet(ScopedQuerySet):
    def demonstrations(self):
        return self.filter(is_demonstration=True)

    def designated_in(self, year):
        """Demonstration schools named in `year` (“打造了某某村等家长示范学校”)."""
        return self.demonstrations().filter(demonstration_year=year)

    def existing_in(self, year):
        return self.filter(established_year__lte=year)


class ParentSchool(ScopedRecord):
    class Kind(models.TextChoices):
        COMMUNITY = "community", "社区家长学校"
        VILLAGE = "village", "村家长学校"
        SCHOOL = "school", "学校家长学校"
        AGENCY = "agency", "机关家长学校"

    name = models.CharField("名称", max_length=100)
    kind = models.CharField("类型", max_length=20, choices=Kind.choices)
    is_demonstration = models.BooleanField("示范家长学校", default=False)
    established_year = year_field("成立年度", help_text=YEAR_HELP)
    demonstration_year = year_field("命名示范年度", null=True, blank=True, help_text=YEAR_HELP)
    notes = models.TextField("备注", blank=True)

    objects = ParentSchoolQuerySet.as_manager()

    class Meta(ScopedRecord.Meta):
        verbose_name = "家长学校"
        verbose_name_plural = "家长学校"
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["org_unit", "name"],
                name="families_parentschool_unique",
                violation_error_message="该单位已有同名家长学校。",
            ),
            models.CheckConstraint(
                condition=models.Q(demonstration_year__isnull=True)
                | models.Q(is_demonstration=True),
                name="families_parentschool_demo_year_needs_demo",
                violation_error_message="填写了命名示范年度的，须勾选“示范家长学校”。",
            ),
            models.CheckConstraint(
                condition=models.Q(demonstration_year__isnull=True)
                | models.Q(demonstration_year__gte=models.F("established_year")),
                name="families_parentschool_demo_after_founding",
                violation_error_message="命名示范年度不能早于成立年度。",
            ),
        ]

    def __str__(self):
        return self.name


class FamilyTraditionBaseQuerySet(ScopedQuerySet):
    def designated_in(self, year):
        return self.filter(designated_year=year)


class FamilyTraditionBase(ScopedRecord):
    name = models.CharField("基地名称", max_length=100)
    designated_year = year_field("命名年度", help_text=YEAR_HELP)
    level = models.ForeignKey(AwardLevel, on_delete=models.PROTECT, verbose_name="级别")
    description = models.TextField(
        "简介", blank=True, help_text="依托的人物、家风故事和传统美德，如凯丰的家风故事。"
    )

    objects = FamilyTraditionBaseQuerySet.as_manager()

    class Meta(ScopedRecord.Meta):
        verbose_name = "家风家教示范基地"
        verbose_name_plural = "家风家教示范基地"
        ordering = ["-designated_year", "name"]
        # Indicators read a year's records unit by unit down a subtree; indexed by year alone,
        # one district's figures would read every district's records of that year.
        indexes = [
            models.Index(fields=["org_unit", "designated_year"], name="families_base_unit_year")
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["org_unit", "name"],
                name="families_traditionbase_unique",
                violation_error_message="该单位已有同名家风家教示范基地。",
            ),
        ]

    def __str__(self):
        return self.name


class FamilyTallyKind(TallyKind):
    """家庭工作汇总类别: the kinds of 家庭工作 work kept only as totals."""

    class Meta(TallyKind.Meta):
        verbose_name = "家庭工作汇总类别"
        verbose_name_plural = "家庭工作汇总类别"


class FamilyTally(Tally):
    """家庭工作汇总: totals of work with no named person (see fedportal.models.Tally)."""

    kind = models.ForeignKey(FamilyTallyKind, on_delete=models.PROTECT, verbose_name="类别")

    class Meta(Tally.Meta):
        verbose_name = "家庭工作汇总"
        verbose_name_plural = "家庭工作汇总"
        indexes = [models.Index(fields=["org_unit", "date"], name="families_tally_unit_date")]
        constraints = tally_constraints("families_tally")
