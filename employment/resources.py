import re
from datetime import date, datetime, timedelta

from import_export import fields, widgets

from employment.models import JobFair, Trainee, TrainingClass, TrainingKind
from fedportal.imports import ReferenceWidget, ScopedResource, ScopedWidgetMixin
from fedportal.personal_data import mask_id_number, mask_phone

# Day 0 of Excel's serial dates (its 1900 leap-year bug makes it 30 December, not 31).
EXCEL_EPOCH = date(1899, 12, 30)
# Serial numbers of 1950-01-01 and 2099-12-31: a bare number outside them is not a date.
EXCEL_SERIAL_RANGE = (18264, 73050)
DATE_RE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?")


class ChineseDateWidget(widgets.DateWidget):
    """Dates as staff type them: 2021-03-08, 2021/3/8, 2021.3.8, 2021年3月8日, or an Excel date."""

    def clean(self, value, row=None, **kwargs):
        if value is None or value == "":
            return None
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
            return value
        if isinstance(value, int | float) and not isinstance(value, bool):
            if EXCEL_SERIAL_RANGE[0] <= value <= EXCEL_SERIAL_RANGE[1]:
                return EXCEL_EPOCH + timedelta(days=int(value))
            raise ValueError(f"“{value}”不是有效日期，请写成“2021-03-08”或“2021/3/8”。")
        text = str(value).strip()
        match = DATE_RE.fullmatch(text)
        if match:
            try:
                return date(*(int(part) for part in match.groups()))
            except ValueError:
                pass
        raise ValueError(f"“{text}”不是有效日期，请写成“2021-03-08”或“2021/3/8”。")


class ChineseBooleanWidget(widgets.BooleanWidget):
    """是/否 as staff write it; 1/0 and true/false as other systems export it."""

    TRUE_TEXT = {"是", "有", "√", "✓", "1", "true", "yes", "y"}
    FALSE_TEXT = {"否", "无", "×", "0", "false", "no", "n", ""}

    def clean(self, value, row=None, **kwargs):
        if isinstance(value, bool):
            return value
        text = "" if value is None else str(value).strip().lower()
        if isinstance(value, float) and value.is_integer():
            text = str(int(value))
        if text in self.TRUE_TEXT:
            return True
        if text in self.FALSE_TEXT:
            return False
        raise ValueError(f"“{value}”无法识别，请填写“是”或“否”。")

    def render(self, value, obj=None, **kwargs):
        if kwargs.get("force_native_type"):
            return value
        return "是" if value else "否"


class NotesWidget(widgets.CharWidget):
    """Free text that may be left empty.

    import-export maps no widget to TextField, so ScopedResource would give it the plain
    Widget, which turns an empty cell into None and the row into a NOT NULL error.
    """

    def __init__(self, **kwargs):
        super().__init__(allow_blank=True, **kwargs)


class TrainingClassWidget(ScopedWidgetMixin, widgets.ForeignKeyWidget):
    """A class in the importing user's scope, as exported ("2021/第3期家政技能培训班") or by number.

    A class name recurs every year, so the year is part of the name; a name alone is accepted
    when only one class in the user's scope carries it.
    """

    def __init__(self, **kwargs):
        super().__init__(TrainingClass, **kwargs)

    def clean(self, value, row=None, **kwargs):
        text = "" if value is None else str(value).strip()
        if isinstance(value, float) and value.is_integer():
            text = str(int(value))
        if not text:
            return None
        classes = TrainingClass.objects.in_scope(self.user) if self.user else None
        if classes is None:
            classes = TrainingClass.objects.none()
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
    name = fields.Field(attribute="name", column_name="班级名称")
    session = fields.Field(attribute="session", column_name="期次")
    partner = fields.Field(attribute="partner", column_name="合作单位")
    year = fields.Field(attribute="year", column_name="年度")
    start_date = fields.Field(
        attribute="start_date", column_name="开班日期", widget=ChineseDateWidget()
    )
    end_date = fields.Field(
        attribute="end_date", column_name="结业日期", widget=ChineseDateWidget()
    )
    planned_places = fields.Field(attribute="planned_places", column_name="计划名额")
    trainees = fields.Field(attribute="trainees", column_name="参训人数")
    certified = fields.Field(attribute="certified", column_name="取证人数")
    notes = fields.Field(attribute="notes", column_name="备注", widget=NotesWidget())

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
        import_id_fields = ("id",)


class TraineeResource(ScopedResource):
    training_class = fields.Field(
        attribute="training_class", column_name="培训班", widget=TrainingClassWidget()
    )
    name = fields.Field(attribute="name", column_name="姓名")
    id_number = fields.Field(attribute="id_number", column_name="身份证号码")
    phone = fields.Field(attribute="phone", column_name="手机号码")
    certified = fields.Field(
        attribute="certified", column_name="取得证书", widget=ChineseBooleanWidget()
    )
    employed = fields.Field(
        attribute="employed", column_name="培训后就业", widget=ChineseBooleanWidget()
    )
    employer = fields.Field(attribute="employer", column_name="就业单位")

    personal_fields = {"id_number": mask_id_number, "phone": mask_phone}

    class Meta(ScopedResource.Meta):
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
        import_id_fields = ("id",)


class JobFairResource(ScopedResource):
    name = fields.Field(attribute="name", column_name="名称")
    date = fields.Field(attribute="date", column_name="举办日期", widget=ChineseDateWidget())
    partner = fields.Field(attribute="partner", column_name="合作单位")
    employers = fields.Field(attribute="employers", column_name="参会企业数")
    positions = fields.Field(attribute="positions", column_name="提供岗位数")
    attendees = fields.Field(attribute="attendees", column_name="入场求职人数")
    hires = fields.Field(attribute="hires", column_name="达成就业意向人数")
    notes = fields.Field(attribute="notes", column_name="备注", widget=NotesWidget())

    class Meta(ScopedResource.Meta):
        model = JobFair
        fields = (
            "id",
            "org_unit",
            "name",
            "date",
            "partner",
            "employers",
            "positions",
            "attendees",
            "hires",
            "notes",
        )
        import_id_fields = ("id",)
