"""Rights protection: cases (12338 hotline, petitions, walk-ins), family-dispute mediation
and the legal-service points that take them in. Confidential.

A case itself carries no personal identifier: the complainant's name, ID number, phone and
address live in `Complainant`, one-to-one with the case, so that every count (by channel,
category, status, month, township) is a query over `RightsCase` alone and no aggregate view
can reach personal data by accident.
"""

import re

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Length
from django.db.models.lookups import Exact
from simple_history.models import HistoricalRecords

from fedportal.models import (
    ReferenceList,
    ScopedRecord,
    Tally,
    TallyKind,
    tally_constraints,
    year_field,
)
from fedportal.personal_data import (
    ADULT_AGE,
    age_on,
    id_number_birth_date,
    id_number_sex,
    mask_address,
    mask_id_number,
    mask_name,
    mask_phone,
    normalize_id_number,
    normalize_mobile,
    validate_id_number,
    validate_mobile,
)
from fedportal.scoping import ScopedQuerySet

# An 18-character ID number or an 11-digit mobile number standing on its own in free text.
_IDENTIFIER_RE = re.compile(r"(?<![0-9])(?:[0-9]{17}[0-9Xx]|1[3-9][0-9]{9})(?![0-9])")


def identifier_errors(instance, field_names) -> dict:
    """Errors for free-text fields that hold an ID or mobile number.

    Case summaries, results and mediation notes are exported and may one day be shown in
    aggregate views; personal data typed into them would escape the protection of
    `Complainant`, so it is refused where it is typed.
    """
    errors = {}
    for name in field_names:
        if _IDENTIFIER_RE.search(getattr(instance, name) or ""):
            label = instance._meta.get_field(name).verbose_name
            errors[name] = (
                f"“{label}”中不能填写身份证号码或手机号码；当事人的个人信息请填在“当事人”中。"
            )
    return errors


class Channel(ReferenceList):
    """来源渠道: how a case reached the federation (12338热线, 来信, 来电, 来访 …)."""

    class Meta(ReferenceList.Meta):
        verbose_name = "来源渠道"
        verbose_name_plural = "来源渠道"


class CaseCategory(ReferenceList):
    """诉求类别: the national petition categories, with sub-categories one level down."""

    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name="上级类别",
        help_text="留空表示一级类别（如“婚姻家庭类”）；二级类别（如“家庭暴力”）选择其所属的一级类别。",
    )

    class Meta(ReferenceList.Meta):
        verbose_name = "诉求类别"
        verbose_name_plural = "诉求类别"
        constraints = [
            models.CheckConstraint(
                condition=~Q(parent=F("pk")),
                name="rights_casecategory_not_own_parent",
                violation_error_message="诉求类别不能以自身为上级类别。",
            ),
        ]

    def clean(self):
        # Figures group by the top-level category, which only works for a two-level list.
        if self.parent_id is None:
            return
        if self.parent.parent_id is not None:
            raise ValidationError({"parent": "上级类别必须是一级类别，诉求类别最多分两级。"})
        if self.pk is not None and self.children.exists():
            raise ValidationError({"parent": "已有二级类别的一级类别不能再设上级类别。"})

    @property
    def group(self):
        """The top-level category this one counts under."""
        return self.parent or self


class RightsCaseQuerySet(ScopedQuerySet):
    """Reads over cases. None of them joins `Complainant`: aggregates stay free of personal data."""

    def closed(self):
        return self.filter(status=RightsCase.Status.CLOSED)


class RightsCase(ScopedRecord):
    """维权案件: one complaint received, from intake to closing or referral."""

    class Status(models.TextChoices):
        RECEIVED = "received", "受理"
        IN_PROGRESS = "in_progress", "办理中"
        CLOSED = "closed", "办结"
        REFERRED = "referred", "转介"

    # A case moves forward only; closed and referred cases are final.
    TRANSITIONS = {
        Status.RECEIVED: (Status.IN_PROGRESS,),
        Status.IN_PROGRESS: (Status.CLOSED, Status.REFERRED),
        Status.CLOSED: (),
        Status.REFERRED: (),
    }

    received_on = models.DateField("受理日期")
    # Not typed by anyone: blank lets field validation pass before clean() derives it.
    year = year_field(editable=False, blank=True, help_text="由受理日期得出。")
    channel = models.ForeignKey(Channel, on_delete=models.PROTECT, verbose_name="来源渠道")
    category = models.ForeignKey(CaseCategory, on_delete=models.PROTECT, verbose_name="诉求类别")
    summary = models.CharField(
        "案情摘要",
        max_length=500,
        help_text="简述诉求和事由；不要写当事人的姓名、身份证号码、电话或住址。",
    )
    status = models.CharField(
        "办理状态", max_length=20, choices=Status.choices, default=Status.RECEIVED
    )
    result = models.TextField(
        "处理结果", blank=True, help_text="办理经过和结果；同样不要写当事人的个人信息。"
    )
    closed_on = models.DateField("办结日期", null=True, blank=True)
    referred_to = models.CharField(
        "转介单位", max_length=100, blank=True, help_text="转介时必填，如：区人民法院、区人社局。"
    )

    objects = RightsCaseQuerySet.as_manager()

    class Meta(ScopedRecord.Meta):
        verbose_name = "维权案件"
        verbose_name_plural = "维权案件"
        ordering = ["-received_on", "-pk"]
        # Indicators read a year's records unit by unit down a subtree; indexed by year alone,
        # one district's figures would read every district's records of that year.
        indexes = [
            models.Index(fields=["org_unit", "year"], name="rights_case_unit_year"),
            models.Index(fields=["year", "status"], name="rights_case_year_status"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(closed_on__isnull=True) | Q(closed_on__gte=F("received_on")),
                name="rights_case_closed_after_received",
                violation_error_message="办结日期不能早于受理日期。",
            ),
            models.CheckConstraint(
                condition=~Q(status="closed") | Q(closed_on__isnull=False),
                name="rights_case_closed_has_date",
                violation_error_message="案件办结时必须填写办结日期。",
            ),
            models.CheckConstraint(
                condition=Q(status="closed") | Q(closed_on__isnull=True),
                name="rights_case_date_only_when_closed",
                violation_error_message="只有已办结的案件才能填写办结日期。",
            ),
            models.CheckConstraint(
                condition=~Q(status="referred") | ~Q(referred_to=""),
                name="rights_case_referral_has_unit",
                violation_error_message="转介的案件必须填写转介单位。",
            ),
            models.UniqueConstraint(
                fields=["org_unit", "received_on", "channel", "summary"],
                name="rights_case_unique",
                violation_error_message="同一单位同一天已有来源渠道和案情摘要都相同的案件，请勿重复录入。",
            ),
        ]

    def __str__(self):
        # Shown in history, logs and delete pages: nothing that identifies the complainant.
        return f"维权案件 {self.received_on:%Y-%m-%d}·{self.category}"

    def clean(self):
        errors = identifier_errors(self, ("summary", "result"))
        if self.received_on:
            self.year = self.received_on.year
        status = self.Status(self.status) if self.status in self.Status.values else None
        if status == self.Status.CLOSED and not self.closed_on:
            errors["closed_on"] = "案件办结时必须填写办结日期。"
        if self.closed_on and status != self.Status.CLOSED:
            errors["closed_on"] = "案件尚未办结，不应填写办结日期。"
        if self.closed_on and self.received_on and self.closed_on < self.received_on:
            errors["closed_on"] = (
                f"办结日期（{self.closed_on:%Y-%m-%d}）不能早于受理日期（{self.received_on:%Y-%m-%d}）。"
            )
        if status == self.Status.REFERRED and not self.referred_to.strip():
            errors["referred_to"] = "转介的案件必须填写转介单位。"
        transition = self._transition_error(status)
        if transition:
            errors.setdefault("status", transition)
        if errors:
            raise ValidationError(errors)

    def _transition_error(self, status):
        if self.pk is None or status is None:
            return None  # a new record may enter a case at any stage, e.g. one already closed
        stored = type(self).objects.filter(pk=self.pk).values_list("status", flat=True).first()
        if stored is None or stored == status:
            return None
        stored = self.Status(stored)
        allowed = self.TRANSITIONS[stored]
        if not allowed:
            return f"案件已{stored.label}，办理状态不能再更改。"
        if status not in allowed:
            names = "或".join(f"“{s.label}”" for s in allowed)
            return f"办理状态只能从“{stored.label}”改为{names}，不能改为“{status.label}”。"
        return None


class Complainant(models.Model):
    """当事人: the personal data of a case, seen by rights caseworkers alone.

    It has no unit of its own: it is reached, and scoped, through its case.
    """

    class Sex(models.TextChoices):
        FEMALE = "female", "女"
        MALE = "male", "男"

    case = models.OneToOneField(
        RightsCase, on_delete=models.CASCADE, related_name="complainant", verbose_name="维权案件"
    )
    name = models.CharField("姓名", max_length=50, help_text="不愿透露姓名的可填“匿名”。")
    sex = models.CharField("性别", max_length=10, choices=Sex.choices, default=Sex.FEMALE)
    id_number = models.CharField(
        "身份证号码", max_length=18, blank=True, validators=[validate_id_number]
    )
    # Longer than 11 so that "+86 138 0013 8000" reaches clean() and is normalised there.
    phone = models.CharField("联系电话", max_length=20, blank=True, validators=[validate_mobile])
    address = models.CharField("住址", max_length=200, blank=True)
    is_minor = models.BooleanField(
        "未成年人", default=False, help_text="受理时未满18周岁；填写身份证号码的将据此核对。"
    )

    objects = ScopedQuerySet.as_manager()
    scope_unit_field = "case__org_unit"
    # Shown masked to everyone but rights caseworkers (fedportal.personal_data).
    personal_fields = {
        "name": mask_name,
        "id_number": mask_id_number,
        "phone": mask_phone,
        "address": mask_address,
    }
    history = HistoricalRecords()

    class Meta:
        verbose_name = "当事人"
        verbose_name_plural = "当事人"
        ordering = ["-case__received_on", "-pk"]
        default_permissions = ScopedRecord.Meta.default_permissions
        permissions = [("view_personal_complainant", "查看当事人中的个人信息")]
        constraints = [
            models.CheckConstraint(
                condition=Q(id_number="") | Exact(Length("id_number"), 18),
                name="rights_complainant_id_number_length",
                violation_error_message="身份证号码应为18位。",
            ),
            models.CheckConstraint(
                condition=Q(phone="") | Exact(Length("phone"), 11),
                name="rights_complainant_phone_length",
                violation_error_message="联系电话应为11位手机号码。",
            ),
        ]

    def __str__(self):
        # Used in logs, history and delete pages, so it names the case, never the person.
        return f"{self.case}的当事人" if self.case_id else "当事人"

    @property
    def org_unit(self):
        """The case's unit, for pages that show a record's unit."""
        return self.case.org_unit

    def clean(self):
        self.id_number = normalize_id_number(self.id_number)
        if self.phone:
            self.phone = normalize_mobile(self.phone)
        if not self.id_number:
            return
        try:
            birth = id_number_birth_date(self.id_number)
            sex = id_number_sex(self.id_number)
        except ValidationError:
            return  # the field's own validator has already said why
        errors = {}
        if sex != self.get_sex_display():
            errors["sex"] = f"性别与身份证号码不符：按身份证号码应为“{sex}”。"
        received = self._received_on()
        if received is not None:
            minor = age_on(birth, received) < ADULT_AGE
            if minor and not self.is_minor:
                errors["is_minor"] = "按身份证号码，当事人受理时未满18周岁，请勾选“未成年人”。"
            elif self.is_minor and not minor:
                errors["is_minor"] = "按身份证号码，当事人受理时已满18周岁，不应勾选“未成年人”。"
        if errors:
            raise ValidationError(errors)

    def _received_on(self):
        try:
            return self.case.received_on
        except ObjectDoesNotExist:
            return None


class ServicePoint(ScopedRecord):
    """维权服务站点: a legal-service station, dispute-mediation centre or 妇女之家 rights desk."""

    class Kind(models.TextChoices):
        LEGAL_SERVICE_STATION = "legal_station", "妇女儿童维权法律服务站"
        MEDIATION_CENTRE = "mediation_centre", "婚姻家庭纠纷调处中心"
        WOMENS_HOME_DESK = "womens_home", "妇女之家维权点"

    name = models.CharField("名称", max_length=100)
    kind = models.CharField("类型", max_length=30, choices=Kind.choices)
    partners = models.CharField(
        "合作单位",
        max_length=200,
        blank=True,
        help_text="多个单位用顿号分隔，如：区司法局、148法律服务所。",
    )
    opened_on = models.DateField("建成日期")
    services = models.TextField(
        "服务内容", blank=True, help_text="如：心理咨询、法律咨询、婚姻调解。"
    )
    staffing = models.TextField(
        "人员配置", blank=True, help_text="如：心理咨询师、法律顾问、婚姻调解专家定期坐班。"
    )
    online_consultation = models.BooleanField("开通线上咨询", default=False)

    class Meta(ScopedRecord.Meta):
        verbose_name = "维权服务站点"
        verbose_name_plural = "维权服务站点"
        ordering = ["opened_on", "name"]
        # Indicators read a year's records unit by unit down a subtree; indexed by year alone,
        # one district's figures would read every district's records of that year.
        indexes = [
            models.Index(fields=["org_unit", "opened_on"], name="rights_point_unit_opened_on")
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["org_unit", "name"],
                name="rights_servicepoint_unique",
                violation_error_message="同一单位已有同名的维权服务站点。",
            ),
        ]

    def __str__(self):
        return self.name


class Mediation(ScopedRecord):
    """婚姻家庭纠纷调解: one mediation of a marriage or family dispute."""

    class Outcome(models.TextChoices):
        SETTLED = "settled", "调解成功"
        FAILED = "failed", "调解未果"
        REFERRED = "referred", "转介"

    mediated_on = models.DateField("调解日期")
    dispute_type = models.ForeignKey(
        CaseCategory, on_delete=models.PROTECT, verbose_name="纠纷类型"
    )
    parties_count = models.PositiveSmallIntegerField("当事人数", default=2)
    mediator = models.CharField("调解员", max_length=100)
    outcome = models.CharField("调解结果", max_length=20, choices=Outcome.choices)
    case = models.ForeignKey(
        RightsCase,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="mediations",
        verbose_name="关联案件",
    )
    service_point = models.ForeignKey(
        ServicePoint,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="mediations",
        verbose_name="调解地点",
    )
    notes = models.TextField(
        "备注", blank=True, help_text="调解经过和约定事项；不要写当事人的姓名、身份证号码或电话。"
    )

    class Meta(ScopedRecord.Meta):
        verbose_name = "婚姻家庭纠纷调解"
        verbose_name_plural = "婚姻家庭纠纷调解"
        ordering = ["-mediated_on", "-pk"]
        # Indicators read a year's records unit by unit down a subtree; indexed by year alone,
        # one district's figures would read every district's records of that year.
        indexes = [
            models.Index(fields=["org_unit", "mediated_on"], name="rights_mediation_unit_date")
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(parties_count__gte=2),
                name="rights_mediation_two_parties",
                violation_error_message="纠纷调解至少有2名当事人。",
            ),
        ]

    def __str__(self):
        return f"纠纷调解 {self.mediated_on:%Y-%m-%d}·{self.dispute_type}"

    def clean(self):
        errors = identifier_errors(self, ("notes",))
        case = self.case if self.case_id else None
        point = self.service_point if self.service_point_id else None
        if case is not None and self.mediated_on and self.mediated_on < case.received_on:
            errors["mediated_on"] = (
                f"调解日期不能早于所关联案件的受理日期（{case.received_on:%Y-%m-%d}）。"
            )
        elif point is not None and self.mediated_on and self.mediated_on < point.opened_on:
            errors["mediated_on"] = (
                f"调解日期不能早于“{point.name}”的建成日期（{point.opened_on:%Y-%m-%d}）。"
            )
        if errors:
            raise ValidationError(errors)


class RightsTallyKind(TallyKind):
    """维权工作汇总类别: the kinds of 维权工作 work kept only as totals."""

    class Meta(TallyKind.Meta):
        verbose_name = "维权工作汇总类别"
        verbose_name_plural = "维权工作汇总类别"


class RightsTally(Tally):
    """维权工作汇总: totals of work with no named person (see fedportal.models.Tally)."""

    kind = models.ForeignKey(RightsTallyKind, on_delete=models.PROTECT, verbose_name="类别")

    class Meta(Tally.Meta):
        verbose_name = "维权工作汇总"
        verbose_name_plural = "维权工作汇总"
        indexes = [models.Index(fields=["org_unit", "date"], name="rights_tally_unit_date")]
        constraints = tally_constraints("rights_tally")
