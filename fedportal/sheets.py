"""Workbooks for staff who live in Excel and WPS: the import template, and how each column
of a template or an export is laid out.

Every column is described once (`describe`), from what the portal already declares: the
resource's field and widget (fedportal.imports) and the model field behind it (verbose_name,
choices, blank/default, help_text, max_length, validators). Nothing here is written per
model: a new resource gets its template, dropdowns and instructions by declaring its fields.

- `describe` costs no query: exports use it for widths and number formats, whatever the
  number of rows (fedportal/streaming_export.py).
- `allowed_values` reads the lists a template's dropdowns offer: active reference entries,
  choice labels, the units in the user's scope as the paths the import accepts.
- `template_workbook` builds the template: the data sheet (frozen, styled header with the
  required columns marked, widths, cell formats, one example row the import skips, and
  dropdowns), a hidden sheet of the dropdowns' lists, and the "填写说明" sheet.
"""

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from fedportal.imports import (
    EXAMPLE_MARK,
    REQUIRED_MARK,
    ChineseDateWidget,
    ChoiceLabelWidget,
    MoneyWidget,
    OrgUnitWidget,
    RecordNumberWidget,
    ReferenceWidget,
    TextWidget,
    WholeNumberWidget,
    YesNoWidget,
)
from fedportal.models import OrgUnit

TEXT_FORMAT = "@"
DATE_FORMAT = "yyyy-mm-dd"
MONEY_FORMAT = "#,##0.00"
INTEGER_FORMAT = "0"

# Widths in Excel's character units (a Chinese character takes two), by kind of column.
KIND_WIDTHS = {
    "record": 10,
    "unit": 24,
    "reference": 16,
    "choice": 12,
    "yesno": 10,
    "date": 12,
    "integer": 10,
    "money": 14,
    "text": 16,
    "other": 14,
}
MAX_WIDTH = 40
# A reference list longer than this is named by its count in the instructions, not listed.
LISTED_VALUES = 30

HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
REQUIRED_FILL = PatternFill("solid", fgColor="FCE4D6")
REQUIRED_FONT = Font(bold=True, color="C00000")
HEADER_FONT = Font(bold=True)
EXAMPLE_FONT = Font(italic=True, color="808080")


@dataclass
class Column:
    """One column of a template or an export."""

    field: object
    name: str
    kind: str
    required: bool = False
    meaning: str = ""
    accepts: str = ""
    default: str = ""
    example: object = None
    width: int = 12
    number_format: str | None = None
    model_field: object = None
    values: list[str] = field(default_factory=list)

    @property
    def header(self) -> str:
        """The template's header: the column name, with the mark when a value is required."""
        return f"{self.name}{REQUIRED_MARK}" if self.required else self.name


def text_width(text: str) -> int:
    """Columns `text` takes in a spreadsheet: two for a Chinese character, one for others."""
    return sum(2 if ord(char) > 0x2E7F else 1 for char in text)


def kind_of(widget) -> str:
    # Subclasses first: a 编号 is a whole number, an amount widget may extend MoneyWidget.
    for kind, widget_class in (
        ("record", RecordNumberWidget),
        ("money", MoneyWidget),
        ("integer", WholeNumberWidget),
        ("date", ChineseDateWidget),
        ("yesno", YesNoWidget),
        ("choice", ChoiceLabelWidget),
        ("reference", ReferenceWidget),
        ("unit", OrgUnitWidget),
        ("text", TextWidget),
    ):
        if isinstance(widget, widget_class):
            return kind
    return "other"


def model_field_of(model, resource_field):
    attribute = resource_field.attribute or ""
    if not attribute or "__" in attribute:
        return None
    try:
        return model._meta.get_field(attribute)
    except FieldDoesNotExist:
        return None


def describe(resource, resource_field) -> Column:
    """The column of `resource_field` (a field of `resource`, a ScopedResource), without
    any query."""
    model = resource._meta.model
    widget = resource_field.widget
    kind = kind_of(widget)
    model_field = model_field_of(model, resource_field)
    name = resource_field.column_name
    column = Column(field=resource_field, name=name, kind=kind, model_field=model_field)
    is_id = resource_field is resource.fields.get("id")
    column.required = (
        not is_id
        and not resource_field.readonly
        and model_field is not None
        and not (model_field.blank or model_field.has_default())
    )
    if model_field is not None:
        column.meaning = str(model_field.verbose_name)
        if model_field.help_text:
            column.meaning += f"：{model_field.help_text}"
        if model_field.has_default() and not column.required:
            default = model_field.get_default()
            shown = widget.render(default) if default not in (None, "") else ""
            column.default = str(shown) if shown not in (None, "") else ""
    column.width = min(MAX_WIDTH, max(text_width(column.header) + 4, _kind_width(column)))
    column.number_format = {
        "date": DATE_FORMAT,
        "money": MONEY_FORMAT,
        "integer": INTEGER_FORMAT,
        "text": TEXT_FORMAT,
    }.get(kind)
    column.accepts = _accepts(column, widget)
    column.example = _example(column, widget)
    if is_id:
        column.meaning = "系统给每条记录的编号。"
    return column


def _kind_width(column) -> int:
    width = KIND_WIDTHS.get(column.kind, 12)
    model_field = column.model_field
    if column.kind == "text" and model_field is not None:
        if isinstance(model_field, models.TextField):
            return 30
        if model_field.max_length:
            return max(10, min(model_field.max_length + 2, 30))
    return width


def _accepts(column, widget) -> str:
    kind = column.kind
    if kind == "record":
        return (
            "新增记录留空。要修改已有记录，请先导出，在导出的表格上修改后再导入："
            "系统按编号找到原记录；不要自己编写编号。"
        )
    if kind == "unit":
        return (
            "您管辖范围内的单位：填下拉列表中的名称路径（上级/下级，如“某镇/某村”），或填单位代码。"
        )
    if kind == "reference":
        label = widget.model._meta.verbose_name
        return f"“{label}”列表中的名称（见下拉列表），也可填该条目的代码或别名。"
    if kind == "choice":
        labels = "、".join(str(label) for _, label in widget.choices)
        aliases = "；".join(f"“{alias}”视为“{label}”" for alias, label in widget.alias_labels())
        return f"{labels}" + (f"（{aliases}）" if aliases else "")
    if kind == "yesno":
        return "是、否（也可填 √、×、1、0）"
    if kind == "date":
        return "日期，如 2021-03-08、2021/3/8 或 2021年3月8日。"
    if kind == "integer":
        return "整数。"
    if kind == "money":
        return "以元为单位的数字，最多两位小数，如 1200.50；不要写“元”以外的单位。"
    if kind == "text":
        limit = getattr(column.model_field, "max_length", None)
        return f"文字，最多 {limit} 个字。" if limit else "文字。"
    return ""


HELP_EXAMPLE_RE = re.compile(r"如[“\"]([^”\"]+)[”\"]|如\s*(\d+)")


def _example(column, widget):
    """A value of the example row: one the import accepts, taken from the field's own
    declarations where it has them."""
    kind = column.kind
    model_field = column.model_field
    help_text = str(getattr(model_field, "help_text", "") or "")
    from_help = HELP_EXAMPLE_RE.search(help_text)
    if kind == "record":
        return EXAMPLE_MARK
    if kind == "choice":
        if model_field is not None and model_field.has_default():
            shown = widget.render(model_field.get_default())
            if shown:
                return shown
        return str(widget.choices[0][1]) if widget.choices else ""
    if kind == "yesno":
        return "否"
    if kind in ("date", "integer") and not column.required:
        return None
    if kind == "date":
        return date(timezone.localdate().year, 3, 8)
    if kind == "integer":
        if from_help and from_help.group(2):
            return int(from_help.group(2))
        validators = getattr(model_field, "validators", [])
        # A record's year: every work-area record names it `year`; other year fields say so
        # by their lower bound.
        if getattr(model_field, "name", "") == "year" or any(
            isinstance(v, MinValueValidator) and v.limit_value >= 1900 for v in validators
        ):
            return timezone.localdate().year
        return 1
    if kind == "money":
        return Decimal("1000.00")
    if kind == "text":
        if from_help and from_help.group(1):
            return from_help.group(1)
        return f"（{column.name}）" if column.required else ""
    return ""  # units and reference entries: the first of their list (allowed_values)


def allowed_values(column) -> list[str]:
    """The values a template's dropdown offers for `column` (empty: free input)."""
    widget = column.field.widget
    if column.kind == "reference":
        return list(
            widget.model._default_manager.filter(is_active=True).values_list("name", flat=True)
        )
    if column.kind == "choice":
        return [str(label) for _, label in widget.choices]
    if column.kind == "yesno":
        return ["是", "否"]
    if column.kind == "unit":
        units = OrgUnit.objects.in_scope(widget.user) if widget.user else OrgUnit.objects.none()
        return [widget.render(unit) for unit in units.order_by("path")]
    return []


def template_columns(resource) -> list[Column]:
    """The import template's columns, with their dropdown values and examples."""
    columns = []
    for resource_field in resource.get_import_fields():
        column = describe(resource, resource_field)
        column.values = allowed_values(column)
        if column.values and column.example in (None, ""):
            column.example = column.values[0]
        columns.append(column)
    return columns


def template_workbook(resource, title: str) -> Workbook:
    """The import template of `resource` (a ScopedResource made for the downloading user)."""
    columns = template_columns(resource)
    book = Workbook()
    sheet = book.active
    sheet.title = title[:31] or "数据"
    lists = book.create_sheet("可选值")
    lists.sheet_state = "hidden"
    notes = book.create_sheet("填写说明")

    last_row = settings.IMPORT_MAX_ROWS + 1
    list_column = 0
    for index, column in enumerate(columns, start=1):
        letter = get_column_letter(index)
        header = sheet.cell(row=1, column=index, value=column.header)
        header.font = REQUIRED_FONT if column.required else HEADER_FONT
        header.fill = REQUIRED_FILL if column.required else HEADER_FILL
        header.alignment = Alignment(horizontal="center", vertical="center")
        header.comment = Comment(_note(column), "填写说明", width=300, height=120)
        dimension = sheet.column_dimensions[letter]
        dimension.width = column.width
        if column.number_format:
            # Typed values take the column's format: text stays text (ID numbers, phones,
            # codes keep every digit), dates and amounts show as such.
            dimension.number_format = column.number_format
        example = sheet.cell(row=2, column=index, value=column.example)
        example.font = EXAMPLE_FONT
        if column.number_format:
            example.number_format = column.number_format
        if column.values:
            list_column += 1
            list_letter = get_column_letter(list_column)
            lists.cell(row=1, column=list_column, value=column.name)
            for offset, value in enumerate(column.values, start=2):
                lists.cell(row=offset, column=list_column, value=value)
            source = f"'可选值'!${list_letter}$2:${list_letter}${len(column.values) + 1}"
            # A warning, not a refusal: the import also takes codes and aliases, which the
            # list does not show.
            validation = DataValidation(
                type="list",
                formula1=source,
                allow_blank=True,
                errorStyle="warning",
                showErrorMessage=True,
                showInputMessage=True,
                errorTitle="不在下拉列表中",
                error=f"“{column.name}”请从下拉列表中选择；确认要填写其他写法（代码、别名）请点“是”。",
                promptTitle=column.name,
                prompt="请从下拉列表中选择。",
            )
            validation.add(f"{letter}2:{letter}{last_row}")
            sheet.add_data_validation(validation)
    sheet.freeze_panes = "A2"
    sheet.row_dimensions[1].height = 22

    _write_notes(notes, columns)
    book.active = 0
    return book


def _note(column) -> str:
    required = "必填" if column.required else "选填"
    return f"{column.name}（{required}）\n{column.meaning}\n{column.accepts}".strip()


NOTES_HEADER = ["列名", "是否必填", "含义", "可填的值", "留空时", "示例"]


def _write_notes(sheet, columns):
    sheet.append(["导入说明"])
    sheet["A1"].font = Font(bold=True, size=14)
    for line in (
        f"1. 在第一个工作表填写数据，每行一条记录；表头带“{REQUIRED_MARK}”（红色）的列必须填写。",
        f"2. 第 2 行是示例（“编号”列写着“{EXAMPLE_MARK}”），导入时跳过，可以保留也可以删除。",
        "3. “编号”：新增记录留空；要修改已有记录，请先从列表页导出，在导出的表格上修改后导入。",
        "4. 下拉列表列出可选的值；身份证号码、电话等列已设为文本格式，请勿改成数字格式。",
        "5. 导入时先预览，任何一行有错都不会写入，页面会逐条列出第几行、哪一列、什么值、为什么。",
    ):
        sheet.append([line])
    sheet.append([])
    sheet.append(NOTES_HEADER)
    header_row = sheet.max_row
    for cell in sheet[header_row]:
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
    for column in columns:
        values = column.accepts
        if column.kind == "reference" and column.values:
            shown = column.values[:LISTED_VALUES]
            more = f" 等共 {len(column.values)} 项" if len(column.values) > LISTED_VALUES else ""
            values = f"{values}\n可选：{'、'.join(shown)}{more}"
        example = column.example
        if isinstance(example, date):
            example = example.isoformat()
        sheet.append(
            [
                column.name,
                "必填" if column.required else "选填",
                column.meaning,
                values,
                column.default,
                "" if example is None else str(example),
            ]
        )
    for letter, width in zip("ABCDEF", (18, 10, 40, 50, 12, 20), strict=True):
        sheet.column_dimensions[letter].width = width
    for row in sheet.iter_rows(min_row=header_row + 1):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
