from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, F, Q

from fedportal.models import (
    OrgUnit,
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
    mask_id_number,
    mask_phone,
    normalize_id_number,
    normalize_mobile,
    validate_id_number,
    validate_mobile,
)
from fedportal.scoping import ScopedQuerySet, is_under


class TrainingKind(ReferenceList):
    class Meta(ReferenceList.Meta):
        verbose_name = "培训类别"
        verbose_name_plural = "培训类别"


class JobFairKind(ReferenceList):
    """招聘会类型: 女性专场, 综合, 线上 …"""

    class Meta(ReferenceList.Meta):
        verbose_name = "招聘会类型"
        verbose_name_plural = "招聘会类型"


class TrainingClassQuerySet(ScopedQuerySet):
    def with_roster_counts(self):
        """Annotate how many trainees are on the class's roster, and how many of them are certified.

        The class's own 参训人数 stays the headline figure; these are for checking it.
        """
        return self.annotate(
            roster_count=Count("trainee_records"),
            roster_certified=Count("trainee_records", filter=Q(trainee_records__certified=True)),
        )


class TrainingClass(ScopedRecord):
    """A skills-training class (培训班); its org unit is the unit that runs or hosts it."""

    kind = models.ForeignKey(TrainingKind, on_delete=models.PROTECT, verbose_name="培训类别")
    name = models.CharField("班级名称", max_length=100, help_text="如“第3期家政技能培训班”。")
    session = models.PositiveSmallIntegerField("期次", help_text="本年度同类培训的第几期。")
    partner = models.CharField(
        "合作单位",
        max_length=100,
        blank=True,
        help_text="联合举办的单位，如“县职业中专”；妇联单独举办时留空。",
    )
    year = year_field()
    start_date = models.DateField("开班日期")
    end_date = models.DateField("结业日期")
    planned_places = models.IntegerField("计划名额", null=True, blank=True)
    trainees = models.IntegerField(
        "参训人数",
        help_text="实际参加培训的人数，是统计口径；录入学员名单后请与名单人数核对。",
    )
    certified = models.IntegerField("取证人数", default=0, help_text="取得职业技能证书的人数。")
    notes = models.TextField("备注", blank=True)

    objects = TrainingClassQuerySet.as_manager()

    class Meta(ScopedRecord.Meta):
        verbose_name = "培训班"
        verbose_name_plural = "培训班"
        ordering = ["-year", "start_date", "session"]
        constraints = [
            models.CheckConstraint(
                condition=Q(session__gte=1),
                name="employment_trainingclass_session_positive",
                violation_error_message="期次应从1开始。",
            ),
            nonnegative_constraint(
                "employment_trainingclass", "planned_places", "计划名额", optional=True
            ),
            nonnegative_constraint("employment_trainingclass", "trainees", "参训人数"),
            nonnegative_constraint("employment_trainingclass", "certified", "取证人数"),
            models.CheckConstraint(
                condition=Q(certified__lte=F("trainees")),
                name="employment_trainingclass_certified_within_trainees",
                violation_error_message="取证人数不能多于参训人数。",
            ),
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")),
                name="employment_trainingclass_end_after_start",
                violation_error_message="结业日期不能早于开班日期。",
            ),
            models.UniqueConstraint(
                fields=["org_unit", "year", "name"],
                name="employment_trainingclass_unique_name",
                violation_error_message="同一单位同一年度已有同名培训班。",
            ),
        ]

    def __str__(self):
        return f"{self.year}年{self.name}"

    def clean(self):
        errors = date_in_year_errors(self, "start_date", "end_date")
        if self.pk is not None:
            errors.update(self._roster_errors())
        if errors:
            raise ValidationError(errors)

    def _roster_errors(self):
        # A roster may be partial (only some trainees entered by name), so fewer records than
        # the headline figure is fine; more would mean the figure is wrong.
        counts = self.trainee_records.aggregate(
            listed=Count("pk"), certified=Count("pk", filter=Q(certified=True))
        )
        errors = {}
        if counts["listed"] and self.trainees is not None and counts["listed"] > self.trainees:
            errors["trainees"] = f"学员名单已录入{counts['listed']}人，参训人数不能少于名单人数。"
        if (
            counts["certified"]
            and self.certified is not None
            and counts["certified"] > self.certified
        ):
            errors["certified"] = (
                f"学员名单中已有{counts['certified']}人取得证书，取证人数不能少于这一人数。"
            )
        return errors

    def roster_check(self, listed=None):
        """How the roster compares with the class's 参训人数, in words for the admin."""
        if listed is None:
            listed = self.trainee_records.count()
        if listed == 0:
            return "未录入学员名单"
        if listed == self.trainees:
            return f"名单{listed}人，与参训人数一致"
        if listed < self.trainees:
            return f"名单{listed}人，比参训人数少{self.trainees - listed}人"
        return f"名单{listed}人，比参训人数多{listed - self.trainees}人，请核对"


def district_of(unit):
    """The 区（县） a unit lies in; a unit at or above district level is its own answer."""
    if unit.level <= OrgUnit.Level.DISTRICT:
        return unit
    return OrgUnit.objects.get_ancestors(unit).filter(level=OrgUnit.Level.DISTRICT).first()


class Trainee(ScopedRecord):
    """A trainee of a class. Her org unit is her home unit, so her township sees her."""

    training_class = models.ForeignKey(
        TrainingClass,
        on_delete=models.PROTECT,
        related_name="trainee_records",
        verbose_name="培训班",
    )
    name = models.CharField("姓名", max_length=50)
    id_number = models.CharField(
        "身份证号码", max_length=18, blank=True, validators=[validate_id_number]
    )
    phone = models.CharField("手机号码", max_length=11, blank=True, validators=[validate_mobile])
    certified = models.BooleanField("取得证书", default=False)
    employed = models.BooleanField("培训后就业", default=False)
    employer = models.CharField("就业单位", max_length=100, blank=True)

    # A trainee counts in the year of their class.
    year_lookup = "training_class__year"
    # Shown masked to roles without view_personal_trainee (fedportal.personal_data).
    personal_fields = {"id_number": mask_id_number, "phone": mask_phone}

    class Meta(ScopedRecord.Meta):
        verbose_name = "学员"
        verbose_name_plural = "学员"
        ordering = ["training_class_id", "id"]
        # The employed-trainees figure reads a unit's employed trainees unit by unit down a
        # subtree; without this it scans every district's trainees. (The year is the class's,
        # checked per row through the class's primary key.)
        indexes = [
            models.Index(fields=["org_unit", "employed"], name="employment_trainee_unit_empl")
        ]
        permissions = [("view_personal_trainee", "查看学员中的个人信息")]
        constraints = [
            models.UniqueConstraint(
                fields=["training_class", "id_number"],
                condition=~Q(id_number=""),
                name="employment_trainee_unique_id_number",
                violation_error_message="该身份证号码已在本培训班登记。",
            ),
        ]

    def __str__(self):
        return self.name

    def clean_fields(self, exclude=None):
        # Normalised before the field validators run, so "+86 138 …" or an ID number typed
        # in groups is checked and stored in its plain form rather than rejected for length.
        self.id_number = normalize_id_number(self.id_number)
        self.phone = normalize_mobile(self.phone)
        super().clean_fields(exclude)

    def clean(self):
        errors = {}
        if self.employer and not self.employed:
            errors["employed"] = "填写了就业单位，请同时勾选“培训后就业”。"
        if self.training_class_id is not None:
            training_class = self.training_class
            if self.org_unit_id is not None:
                district = district_of(training_class.org_unit)
                if district is not None and not is_under(self.org_unit, district):
                    errors["org_unit"] = f"学员所属单位应在培训班所在的{district.name}范围内。"
            errors.update(self._headline_errors(training_class))
        if errors:
            raise ValidationError(errors)

    def _headline_errors(self, training_class):
        # The class's figures are entered by staff and may be the only record of the class;
        # a roster that outgrows them is reported, never used to overwrite them.
        others = training_class.trainee_records.exclude(pk=self.pk)
        errors = {}
        listed = others.count() + 1
        if listed > training_class.trainees:
            errors["training_class"] = (
                f"“{training_class}”的参训人数为{training_class.trainees}人，"
                f"加上本学员名单将有{listed}人；请先核对培训班的参训人数。"
            )
        if self.certified:
            certified = others.filter(certified=True).count() + 1
            if certified > training_class.certified:
                errors["certified"] = (
                    f"“{training_class}”的取证人数为{training_class.certified}人，"
                    f"加上本学员将有{certified}人取得证书；请先核对培训班的取证人数。"
                )
        return errors


class JobFair(ScopedRecord):
    """A job fair (招聘会) the federation ran or co-ran, with its outcome."""

    name = models.CharField("名称", max_length=100, help_text="如“春风行动女性专场招聘会”。")
    kind = models.ForeignKey(
        JobFairKind,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        verbose_name="类型",
        help_text="女性专场、综合、线上等；统计“女性专场招聘会”按此类型。",
    )
    date = models.DateField("举办日期")
    partner = models.CharField(
        "合作单位", max_length=100, blank=True, help_text="如“区人社局”“区就业局”。"
    )
    employers = models.IntegerField("参会企业数", default=0)
    positions = models.IntegerField("提供岗位数", default=0)
    attendees = models.IntegerField("入场求职人数", default=0)
    hires = models.IntegerField(
        "达成就业意向人数", default=0, help_text="达成就业意向或被录用的人数。"
    )
    notes = models.TextField("备注", blank=True)

    year_lookup = "date__year"

    class Meta(ScopedRecord.Meta):
        verbose_name = "招聘会"
        verbose_name_plural = "招聘会"
        ordering = ["-date"]
        constraints = [
            nonnegative_constraint("employment_jobfair", "employers", "参会企业数"),
            nonnegative_constraint("employment_jobfair", "positions", "提供岗位数"),
            nonnegative_constraint("employment_jobfair", "attendees", "入场求职人数"),
            nonnegative_constraint("employment_jobfair", "hires", "达成就业意向人数"),
            models.CheckConstraint(
                condition=Q(hires__lte=F("attendees")),
                name="employment_jobfair_hires_within_attendees",
                violation_error_message="达成就业意向人数不能多于入场求职人数。",
            ),
            models.UniqueConstraint(
                fields=["org_unit", "date", "name"],
                name="employment_jobfair_unique_name",
                violation_error_message="同一单位同一天已有同名招聘会。",
            ),
        ]

    def __str__(self):
        return f"{self.date:%Y-%m-%d} {self.name}"


class EmploymentTallyKind(TallyKind):
    """技能就业汇总类别: the kinds of 技能就业 work kept only as totals."""

    class Meta(TallyKind.Meta):
        verbose_name = "技能就业汇总类别"
        verbose_name_plural = "技能就业汇总类别"


class EmploymentTally(Tally):
    """技能就业汇总: totals of work with no named person (see fedportal.models.Tally)."""

    kind = models.ForeignKey(EmploymentTallyKind, on_delete=models.PROTECT, verbose_name="类别")

    class Meta(Tally.Meta):
        verbose_name = "技能就业汇总"
        verbose_name_plural = "技能就业汇总"
        indexes = [models.Index(fields=["org_unit", "date"], name="employment_tally_unit_date")]
        constraints = tally_constraints("employment_tally")
