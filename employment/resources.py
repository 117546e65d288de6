from import_export import fields, widgets

from employment.models import EmploymentTally, JobFair, Trainee, TrainingClass, TrainingKind
from fedportal.imports import ReferenceWidget, ScopedResource, ScopedWidgetMixin, cell_text
from fedportal.tallies import TallyResource


class TrainingClassWidget(ScopedWidgetMixin, widgets.ForeignKeyWidget):
    """A class in the importing user's scope, as exported ("2021/第3期家政技能培训班") or by number.

    A class name recurs every year, so the year is part of the name; a name alone is accepted
    when only one class in the user's scope carries it.
    """

    def __init__(self, **kwargs):
        super().__init__(TrainingClass, **kwargs)

    def clean(self, value, row=None, **kwargs):
        text = cell_text(value)
        if not text:
            return None
        classes = (
            TrainingClass.objects.in_scope(self.user) if self.user else TrainingClass.objects.none()
        )
        if text.isdigit():
            matches = list(classes.filter(pk=int(text)))
        else:
            year, slash, name = text.partition("/")
            if slash and year.strip().isdigit():
                matches = list(classes.filter(year=int(year), name=name.strip()))
            else:
                matches = list(classes.filter(name=text))
        if not matches:
            raise ValueError(f"找不到培训班“{text}”，或该培训班不在您的管辖范围内。")
        if len(matches) > 1:
            raise ValueError(
                f"有 {len(matches)} 个培训班叫“{text}”，请写成“年度/班级名称”"
                "（如“2021/第3期家政技能培训班”），或填写培训班编号。"
            )
        return matches[0]

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return ""
        return f"{value.year}/{value.name}"


class TrainingClassResource(ScopedResource):
    kind = fields.Field(
        attribute="kind", column_name="培训类别", widget=ReferenceWidget(TrainingKind)
    )

    class Meta(ScopedResource.Meta):
        model = TrainingClass
        fields = (
            "id",
            "org_unit",
            "kind",
            "name",
            "session",
            "partner",
            "year",
            "start_date",
            "end_date",
            "planned_places",
            "trainees",
            "certified",
            "notes",
        )


class TraineeResource(ScopedResource):
    training_class = fields.Field(
        attribute="training_class", column_name="培训班", widget=TrainingClassWidget()
    )

    class Meta(ScopedResource.Meta):
        # A trainee is checked against the roster already saved (Trainee.clean), so the
        # rows of one file are saved one by one for each to see the ones before it.
        use_bulk = False
        model = Trainee
        fields = (
            "id",
            "training_class",
            "org_unit",
            "name",
            "id_number",
            "phone",
            "certified",
            "employed",
            "employer",
        )


class JobFairResource(ScopedResource):
    kind = fields.Field(attribute="kind", column_name="类型")

    class Meta(ScopedResource.Meta):
        model = JobFair
        fields = (
            "id",
            "org_unit",
            "name",
            "kind",
            "date",
            "partner",
            "employers",
            "positions",
            "attendees",
            "hires",
            "notes",
        )


class EmploymentTallyResource(TallyResource):
    class Meta(TallyResource.Meta):
        model = EmploymentTally
