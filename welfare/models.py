"""妇儿民生: aid programmes, their yearly runs, fundraising, grants and 两癌 screening.

Figures of the annual report come from these records: 两癌救助 money and beneficiaries by
城镇/农村, money raised per programme, goods handed out by subsidy type, children helped.
"""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q

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
from fedportal.personal_data import (
    ADULT_AGE,
    age_on,
    hide_text,
    id_number_birth_date,
    id_number_sex,
    mask_birth_date,
    mask_id_number,
    mask_phone,
    normalize_id_number,
    normalize_mobile,
    validate_id_number,
    validate_mobile,
)
from fedportal.scoping import ScopedQuerySet, is_under

# Welfare records start with the portal's programmes: no year before 2000.
WELFARE_YEARS = [
    MinValueValidator(2000, "年度不能早于2000年。"),
    MaxValueValidator(2100, "年度不能晚于2100年。"),
]


class Programme(ReferenceList):
    """An aid programme (两癌救助, 春蕾计划, 公益奶粉 …); seeded, extended by district staff."""

    class Category(models.TextChoices):
        RELIEF = "relief", "救助"
        DONATION = "donation", "捐赠"
        CHARITY = "charity", "公益项目"
        SCREENING = "screening", "筛查"
        LOAN = "loan", "贷款贴息"
        SUBSIDY = "subsidy", "基地补贴"

    class Gives(models.TextChoices):
        MONEY = "money", "钱款"
        GOODS = "goods", "物资或服务"
        BOTH = "both", "钱款和物资（服务）"

    # Money of these programmes is lent or pays for a base's work, not relief given away.
    NOT_RELIEF = (Category.LOAN, Category.SUBSIDY)

    category = models.CharField("类别", max_length=20, choices=Category.choices, blank=True)
    gives = models.CharField(
        "发放内容",
        max_length=10,
        choices=Gives.choices,
        default=Gives.MONEY,
        help_text="决定统计时看金额、物资数量，还是两者都看。",
    )
    default_unit = models.CharField(
        "物资单位",
        max_length=10,
        blank=True,
        help_text="物资的计量单位，如“桶”“个”“份”；发放记录未填单位时使用。",
    )

    @property
    def gives_money(self) -> bool:
        return self.gives in (self.Gives.MONEY, self.Gives.BOTH)

    @property
    def gives_goods(self) -> bool:
        return self.gives in (self.Gives.GOODS, self.Gives.BOTH)

    def clean(self):
        super().clean()
        if self.gives_goods and not self.default_unit:
            raise ValidationError(
                {"default_unit": "发放物资的项目须填写物资单位，如“桶”“个”“份”。"}
            )

    class Meta(ReferenceList.Meta):
        verbose_name = "帮扶项目"
        verbose_name_plural = "帮扶项目"


class WelfareQuerySet(ScopedQuerySet):
    def for_programme(self, name):
        return self.filter(programme__name=name)


class ProgrammeRun(ScopedRecord):
    """One year of a programme at one unit, with its partner (合作单位)."""

    programme = models.ForeignKey(
        Programme, on_delete=models.PROTECT, related_name="runs", verbose_name="帮扶项目"
    )
    year = year_field(validators=WELFARE_YEARS)
    partner = models.CharField(
        "合作单位", max_length=100, blank=True, help_text="如“省妇基会”“统战部”。"
    )
    beneficiaries = models.CharField(
        "受助对象", max_length=100, blank=True, help_text="如“留守儿童”“单亲贫困女童”。"
    )
    description = models.TextField("实施情况", blank=True)

    objects = WelfareQuerySet.as_manager()

    class Meta(ScopedRecord.Meta):
        verbose_name = "项目实施"
        verbose_name_plural = "项目实施"
        ordering = ["-year", "programme__order", "programme__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["org_unit", "programme", "year"],
                name="welfare_programmerun_unique",
                violation_error_message="该单位本年度已有这一项目的实施记录。",
            ),
        ]

    def __str__(self):
        partner = f"（{self.partner}）" if self.partner else ""
        return f"{self.year}年{self.programme.name}{partner}"


class RunLinkedRecord(ScopedRecord):
    """A record of a programme in a year that may belong to one of its runs."""

    programme = models.ForeignKey(
        Programme, on_delete=models.PROTECT, related_name="%(class)ss", verbose_name="帮扶项目"
    )
    year = year_field(validators=WELFARE_YEARS)
    run = models.ForeignKey(
        ProgrammeRun,
        on_delete=models.PROTECT,
        related_name="%(class)ss",
        null=True,
        blank=True,
        verbose_name="项目实施",
        help_text="可选：属于哪一次项目实施（合作单位、受助对象等见该记录）。",
    )

    class Meta(ScopedRecord.Meta):
        abstract = True

    def run_errors(self) -> dict:
        if self.run_id is None or self.programme_id is None:
            return {}
        run = self.run
        if run.programme_id != self.programme_id or run.year != self.year:
            return {"run": f"所选项目实施为“{run}”，与本记录的帮扶项目或年度不一致。"}
        if self.org_unit_id is not None and not is_under(self.org_unit, run.org_unit):
            return {
                "run": f"本记录的所属单位“{self.org_unit}”不在项目实施单位“{run.org_unit}”的范围内。"
            }
        return {}


class Fundraising(RunLinkedRecord):
    """Money raised for a programme (春蕾计划, 99公益 …), in 元."""

    date = models.DateField("募集日期")
    amount = models.DecimalField("募集金额（元）", max_digits=12, decimal_places=2)
    donors = models.CharField(
        "捐赠方", max_length=200, help_text="如“区直机关干部职工”“99公益日网络募捐”。"
    )
    notes = models.TextField("备注", blank=True)

    objects = WelfareQuerySet.as_manager()

    class Meta(ScopedRecord.Meta):
        verbose_name = "募捐"
        verbose_name_plural = "募捐"
        ordering = ["-date", "-id"]
        # Indicators read a year's records unit by unit down a subtree; indexed by year alone,
        # one district's figures would read every district's records of that year.
        indexes = [models.Index(fields=["org_unit", "year"], name="welfare_fundraising_unit_year")]
        constraints = [
            nonnegative_constraint("welfare_fundraising", "amount", "募集金额"),
            models.UniqueConstraint(
                fields=["org_unit", "programme", "date", "donors"],
                name="welfare_fundraising_unique",
                violation_error_message="该单位同一天已有这一捐赠方对该项目的募捐记录。",
            ),
        ]

    def __str__(self):
        return f"{self.donors}（{self.date:%Y-%m-%d}）"

    def clean(self):
        errors = {**date_in_year_errors(self, "date"), **self.run_errors()}
        if errors:
            raise ValidationError(errors)


class Sex(models.TextChoices):
    FEMALE = "female", "女"
    MALE = "male", "男"


class Residence(models.TextChoices):
    URBAN = "urban", "城镇"
    RURAL = "rural", "农村"


class RecipientType(models.TextChoices):
    PERSON = "person", "个人"
    HOUSEHOLD = "household", "家庭"
    COLLECTIVE = "collective", "集体"


class GrantQuerySet(WelfareQuerySet):
    def rural(self):
        return self.filter(residence=Residence.RURAL)

    def urban(self):
        return self.filter(residence=Residence.URBAN)

    def to_minors(self):
        return self.filter(is_minor=True)

    def with_subsidy(self, subsidy_type):
        return self.filter(subsidy_type=subsidy_type)


class Grant(RunLinkedRecord):
    """Money or goods given to one beneficiary (a woman, a child, a family).

    A large batch of identical goods (2,007 tins of formula) is one grant per family with
    its quantity, so the beneficiaries can be counted and the tins summed exactly.
    """

    class SubsidyType(models.TextChoices):
        FULL = "full", "全额资助"
        PARTIAL = "partial", "差额资助"
        NOT_APPLICABLE = "n/a", "不适用"

    date = models.DateField("发放日期")
    recipient_type = models.CharField(
        "受助对象",
        max_length=10,
        choices=RecipientType.choices,
        default=RecipientType.PERSON,
        help_text="个人、家庭，或示范基地、合作社等集体。",
    )
    beneficiary_name = models.CharField(
        "受助人姓名", max_length=50, help_text="家庭填户主姓名，集体填其名称。"
    )
    id_number = models.CharField(
        "身份证号码", max_length=18, blank=True, validators=[validate_id_number]
    )
    sex = models.CharField(
        "性别",
        max_length=10,
        choices=Sex.choices,
        blank=True,
        help_text="填写身份证号码时按号码自动确定。",
    )
    birth_date = models.DateField(
        "出生日期", null=True, blank=True, help_text="填写身份证号码时按号码自动确定。"
    )
    age = models.PositiveSmallIntegerField(
        "年龄",
        null=True,
        blank=True,
        help_text="发放日期时的周岁；有出生日期时自动计算。",
    )
    is_minor = models.BooleanField(
        "未成年人", default=False, help_text="已知年龄时按是否未满18周岁自动判断。"
    )
    residence = models.CharField(
        "城乡", max_length=10, choices=Residence.choices, blank=True, help_text="集体不填。"
    )
    phone = models.CharField("联系电话", max_length=20, blank=True, validators=[validate_mobile])
    health_details = models.TextField("健康状况", blank=True)
    amount = models.DecimalField("救助金额（元）", max_digits=12, decimal_places=2, default=0)
    goods = models.CharField("物资名称", max_length=50, blank=True, help_text="如“奶粉”“书包”。")
    quantity = models.IntegerField("物资数量", default=0)
    goods_value = models.DecimalField(
        "物资价值（元）",
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="可选：发放物资折合的金额，不计入救助金额。",
    )
    unit = models.CharField(
        "单位", max_length=10, blank=True, help_text="留空时使用该项目的物资默认单位。"
    )
    subsidy_type = models.CharField(
        "资助方式",
        max_length=10,
        choices=SubsidyType.choices,
        default=SubsidyType.NOT_APPLICABLE,
    )
    notes = models.TextField("备注", blank=True)

    objects = GrantQuerySet.as_manager()
    # Shown masked to roles without view_personal_grant (fedportal.personal_data): the birth
    # date with the ID number, as the two together would give the number back.
    personal_fields = {
        "id_number": mask_id_number,
        "birth_date": mask_birth_date,
        "phone": mask_phone,
        "health_details": hide_text,
    }

    class Meta(ScopedRecord.Meta):
        verbose_name = "救助发放"
        verbose_name_plural = "救助发放"
        ordering = ["-date", "-id"]
        # Indicators read a year's records unit by unit down a subtree; indexed by year alone,
        # one district's figures would read every district's records of that year.
        indexes = [models.Index(fields=["org_unit", "year"], name="welfare_grant_unit_year")]
        permissions = [("view_personal_grant", "查看救助发放中的个人信息")]
        constraints = [
            nonnegative_constraint("welfare_grant", "amount", "救助金额"),
            nonnegative_constraint("welfare_grant", "quantity", "物资数量"),
            nonnegative_constraint("welfare_grant", "goods_value", "物资价值", optional=True),
            models.CheckConstraint(
                condition=Q(recipient_type=RecipientType.COLLECTIVE) | ~Q(residence=""),
                name="welfare_grant_person_has_residence",
                violation_error_message="个人和家庭须填写城乡（城镇或农村）。",
            ),
            models.CheckConstraint(
                condition=~Q(recipient_type=RecipientType.COLLECTIVE) | Q(residence=""),
                name="welfare_grant_collective_no_residence",
                violation_error_message="集体不填写城乡。",
            ),
            models.CheckConstraint(
                condition=Q(amount__gt=0) | Q(quantity__gt=0),
                name="welfare_grant_money_or_goods",
                violation_error_message="每条发放记录须有救助金额或物资数量，至少一项大于0。",
            ),
            models.CheckConstraint(
                condition=Q(quantity=0) | ~Q(unit=""),
                name="welfare_grant_goods_have_unit",
                violation_error_message="发放物资时须填写单位（如桶、个、份）。",
            ),
            models.CheckConstraint(
                condition=Q(age__isnull=True) | Q(age__lte=120),
                name="welfare_grant_age_plausible",
                violation_error_message="年龄不能超过120岁。",
            ),
            models.CheckConstraint(
                condition=Q(age__isnull=True)
                | Q(age__lt=ADULT_AGE, is_minor=True)
                | Q(age__gte=ADULT_AGE, is_minor=False),
                name="welfare_grant_minor_matches_age",
                violation_error_message="“未成年人”与年龄不符：未满18周岁为未成年人。",
            ),
            models.UniqueConstraint(
                fields=["programme", "date", "id_number"],
                condition=~Q(id_number=""),
                name="welfare_grant_unique_per_day",
                violation_error_message="该受助人同一天在这一项目中已有发放记录。",
            ),
        ]

    def __str__(self):
        return (
            f"{self.beneficiary_name}（{self.date:%Y-%m-%d}）"
            if self.date
            else self.beneficiary_name
        )

    def clean(self):
        errors = {**date_in_year_errors(self, "date"), **self.run_errors()}
        self.id_number = normalize_id_number(self.id_number)
        self.phone = normalize_mobile(self.phone) if self.phone else ""
        if self.recipient_type == RecipientType.COLLECTIVE and self.id_number:
            errors["id_number"] = "集体没有身份证号码，请留空。"
        errors.update(self._derive_from_id_number())
        if self.birth_date and self.date:
            if self.birth_date > self.date:
                errors.setdefault("birth_date", "出生日期不能晚于发放日期。")
            else:
                self.age = age_on(self.birth_date, self.date)
        if self.age is not None:
            self.is_minor = self.age < ADULT_AGE
        if self.quantity and not self.unit and self.programme_id:
            self.unit = self.programme.default_unit
        if errors:
            raise ValidationError(errors)

    def _derive_from_id_number(self) -> dict:
        """The ID number decides birth date and sex; a different entry is a typing error."""
        if not self.id_number:
            return {}
        try:
            birth = id_number_birth_date(self.id_number)
            sex = Sex.MALE if id_number_sex(self.id_number) == "男" else Sex.FEMALE
        except ValidationError:
            return {}  # the field's own validator reports why
        errors = {}
        if self.birth_date and self.birth_date != birth:
            errors["birth_date"] = (
                f"出生日期{self.birth_date:%Y-%m-%d}与身份证号码中的{birth:%Y-%m-%d}不一致；"
                "请核对，或清空出生日期由号码自动填写。"
            )
        else:
            self.birth_date = birth
        if self.sex and self.sex != sex:
            errors["sex"] = (
                f"性别“{self.get_sex_display()}”与身份证号码不一致；请核对，或清空性别由号码自动填写。"
            )
        else:
            self.sex = sex
        return errors


class Screening(ScopedRecord):
    """Free 两癌 (cervical and breast cancer) screening of one group of women at one unit."""

    class Population(models.TextChoices):
        RURAL_ELIGIBLE = "rural", "农村适龄妇女"
        URBAN_POOR = "urban_poor", "城镇贫困妇女"

    year = year_field(validators=WELFARE_YEARS)
    start_date = models.DateField(
        "筛查日期", help_text="一天完成的只填此项；分期进行的填开始日期。"
    )
    end_date = models.DateField("结束日期", null=True, blank=True)
    population = models.CharField("筛查对象", max_length=20, choices=Population.choices)
    cervical_screened = models.IntegerField("宫颈癌筛查人数", default=0)
    breast_screened = models.IntegerField("乳腺癌筛查人数", default=0)
    cervical_referred = models.IntegerField(
        "宫颈癌阳性/转诊人数", default=0, help_text="初筛异常、转诊进一步检查的人数。"
    )
    breast_referred = models.IntegerField(
        "乳腺癌阳性/转诊人数", default=0, help_text="初筛异常、转诊进一步检查的人数。"
    )
    hospital = models.CharField("合作医院", max_length=100, blank=True)
    notes = models.TextField("备注", blank=True)

    class Meta(ScopedRecord.Meta):
        verbose_name = "两癌筛查"
        verbose_name_plural = "两癌筛查"
        ordering = ["-start_date", "-id"]
        constraints = [
            *(
                nonnegative_constraint("welfare_screening", name, label)
                for name, label in (
                    ("cervical_screened", "宫颈癌筛查人数"),
                    ("breast_screened", "乳腺癌筛查人数"),
                    ("cervical_referred", "宫颈癌阳性/转诊人数"),
                    ("breast_referred", "乳腺癌阳性/转诊人数"),
                )
            ),
            models.CheckConstraint(
                condition=Q(cervical_referred__lte=F("cervical_screened")),
                name="welfare_screening_cervical_referred_within_screened",
                violation_error_message="宫颈癌阳性/转诊人数不能多于宫颈癌筛查人数。",
            ),
            models.CheckConstraint(
                condition=Q(breast_referred__lte=F("breast_screened")),
                name="welfare_screening_breast_referred_within_screened",
                violation_error_message="乳腺癌阳性/转诊人数不能多于乳腺癌筛查人数。",
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="welfare_screening_period_ordered",
                violation_error_message="结束日期不能早于筛查日期。",
            ),
            models.UniqueConstraint(
                fields=["org_unit", "year", "population", "start_date"],
                name="welfare_screening_unique",
                violation_error_message="该单位同一天开始的同类对象筛查已有记录。",
            ),
        ]

    def __str__(self):
        return f"{self.year}年{self.get_population_display()}两癌筛查"

    def clean(self):
        errors = date_in_year_errors(self, "start_date", "end_date")
        if errors:
            raise ValidationError(errors)


class WelfareTallyKind(TallyKind):
    """妇儿民生汇总类别: the kinds of 妇儿民生 work kept only as totals."""

    class Meta(TallyKind.Meta):
        verbose_name = "妇儿民生汇总类别"
        verbose_name_plural = "妇儿民生汇总类别"


class WelfareTally(Tally):
    """妇儿民生汇总: totals of work with no named person (see fedportal.models.Tally)."""

    kind = models.ForeignKey(WelfareTallyKind, on_delete=models.PROTECT, verbose_name="类别")

    class Meta(Tally.Meta):
        verbose_name = "妇儿民生汇总"
        verbose_name_plural = "妇儿民生汇总"
        indexes = [models.Index(fields=["org_unit", "date"], name="welfare_tally_unit_date")]
        constraints = tally_constraints("welfare_tally")
