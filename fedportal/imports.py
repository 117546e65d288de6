"""Spreadsheet import and export for work-area records, scoped like everything else.

- Formats: CSV read as UTF-8 (with or without BOM) or GB18030 (which covers GBK), written
  with a BOM so Excel and WPS open it; xlsx with size and zip-bomb limits. Both escape
  cells that a spreadsheet would run as a formula.
- Widgets: cells as staff type them (dates as 2021/3/8 or 2021年3月8日, 是/否, choices by
  their label, "1,200"), which `ScopedResource` gives every field declared without a
  widget; org units by code or by a path of names ("东门镇/南塘村") inside the importing
  user's scope; reference-list rows by name.
- `ScopedResource`: a ModelResource that only finds, creates and updates records inside
  the user's scope, checks each row with the model's own validation, records who imported
  it in the change history, and masks personal fields on export unless the user's role
  may see them.
"""

import csv
import io
import re
import zipfile
from copy import copy
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation

import openpyxl
import tablib
from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, FieldDoesNotExist, ValidationError
from django.db import models
from django.db.models.fields import NOT_PROVIDED
from django.utils import timezone
from import_export import fields, resources, widgets
from import_export.formats import base_formats
from import_export.instance_loaders import ModelInstanceLoader
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from fedportal.import_checks import ConstraintChecker
from fedportal.models import OrgUnit, ReferenceList
from fedportal.personal_data import (
    field_policy,
    is_masked,
    mask_within,
    may_see_personal,
    shown_value,
)
from fedportal.scoping import ancestor_paths

# How many rows the import preview shows with their changes.
PREVIEW_ROWS = 100
# The import template marks the header of a column that needs a value ("受助人姓名*") and
# its example row by this word in the 编号 column; the import takes a header with or
# without the mark and skips the example row.
REQUIRED_MARK = "*"
EXAMPLE_MARK = "示例"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
NUMBER_RE = re.compile(r"^[+-]?\d+(\.\d+)?$")


class ImportFileError(ValueError):
    """A file that cannot be read as a spreadsheet at all; the message is for the user."""


def escape_formula(value):
    """Prefix text a spreadsheet would evaluate (=, +, -, @ …) with an apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_START) and not NUMBER_RE.match(value):
        return "'" + value
    return value


class TextCell(str):
    """A cell of a text column (names, ID numbers, phones, codes) on its way to a file, so
    that the CSV format can keep it text (`csv_cell`); anywhere else it is a plain string."""


# Digits that a spreadsheet opening a CSV takes for a number and changes: a leading 0 is
# dropped (a phone 07996821234), and past 11 digits the number shows as 3.60313E+17 and is
# rounded to 15 digits (an ID number); saving the sheet writes the damage back.
FRAGILE_DIGITS_RE = re.compile(r"0\d+|\d{12,}")
# Such a cell as `csv_cell` writes it, read back.
KEPT_DIGITS_RE = re.compile(r'="(\d+)"')
# What a spreadsheet made of a long run of digits: 3.60313202009204e+17, 3.60313E+17 (Excel),
# 3.60313202009204E+017 (LibreOffice).
SCIENTIFIC_RE = re.compile(r"\d(?:\.\d+)?[eE]\+\d+")


def csv_cell(value):
    """A cell of a CSV export: text a spreadsheet would run as a formula escaped, and digits
    it would change kept as text.

    The digits are written as ="07996821234", which is a formula, chosen deliberately:
    Excel, WPS and LibreOffice open it as the text inside with every digit, and save it
    back as that plain text. It is only ever written around digits (FRAGILE_DIGITS_RE), so
    it can run nothing: escape_formula still escapes every other cell starting with = + - @.
    The alternatives keep the damage or change the value: a leading apostrophe stays in
    the cell as a visible character when a CSV is opened, and a leading tab is dropped by
    some programs, which then read a number again, and kept by others as part of the text.
    The import reads ="…" back as the digits inside (`cell_text`).
    """
    if isinstance(value, TextCell) and FRAGILE_DIGITS_RE.fullmatch(value):
        return f'="{value}"'
    return escape_formula(value)


def escape_dataset(dataset):
    escaped = tablib.Dataset(headers=dataset.headers)
    for row in dataset:
        escaped.append([escape_formula(cell) for cell in row])
    return escaped


def decode_text(data: bytes) -> str:
    """UTF-8 (a BOM is dropped) or else GB18030, the superset of GBK that Chinese Excel writes."""
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ImportFileError("无法识别文件编码，请将 CSV 另存为 UTF-8 或 GBK 编码后再导入。")


def check_size(data: bytes):
    if len(data) > settings.IMPORT_MAX_BYTES:
        limit = settings.IMPORT_MAX_BYTES // (1024 * 1024)
        raise ImportFileError(f"文件超过 {limit} MB 的上限，请拆分后分批导入。")


EMPTY_FILE = "文件是空的，没有表头和数据；请按导入模板填写后再上传。"


def check_not_empty(dataset):
    """A file without a header or without a single data row is refused before it is read."""
    if not dataset.headers or not any(dataset.headers):
        raise ImportFileError(EMPTY_FILE)
    if not len(dataset):
        raise ImportFileError("文件只有表头，没有数据行；请在表头下填写要导入的记录。")
    # " 户名" and "户名" are the same column to whoever typed it, and so are the template's
    # "户名*" and "户名".
    dataset.headers = [column_name(header) for header in dataset.headers]
    return dataset


def too_many_rows():
    limit = settings.IMPORT_MAX_ROWS
    return ImportFileError(
        f"文件超过 {limit} 行的上限（不含表头），请拆分后分批导入；"
        "如果表格下方有大量空行或设置了格式的空行，请删除后再上传。"
    )


class ChineseCSV(base_formats.CSV):
    """CSV that Chinese Excel and WPS read and write correctly."""

    def is_binary(self):
        # Bytes are decoded here, so GBK files are read without asking the user.
        return True

    def get_read_mode(self):
        return "rb"

    def create_dataset(self, in_stream, **kwargs):
        if isinstance(in_stream, bytes):
            check_size(in_stream)
            in_stream = decode_text(in_stream)
        try:
            # Counted row by row first: ten megabytes of short lines would otherwise
            # become millions of rows in memory before anything is refused.
            rows = sum(1 for _ in csv.reader(io.StringIO(in_stream)))
        except csv.Error as exc:
            raise ImportFileError(
                "无法按 CSV 格式读取文件，请确认文件是用逗号分隔的 CSV，或改用 xlsx 导入。"
            ) from exc
        if rows - 1 > settings.IMPORT_MAX_ROWS:
            raise too_many_rows()
        try:
            dataset = tablib.import_set(in_stream, format="csv", **kwargs)
        except Exception as exc:
            raise ImportFileError(
                "无法按 CSV 格式读取文件，请确认文件是用逗号分隔的 CSV，或改用 xlsx 导入。"
            ) from exc
        return check_not_empty(dataset)

    def export_data(self, dataset, **kwargs):
        # UTF-8 with a BOM, which Excel and WPS need to read it as UTF-8.
        written = tablib.Dataset(headers=dataset.headers)
        for row in dataset:
            written.append([csv_cell(cell) for cell in row])
        return ("\ufeff" + written.export("csv")).encode("utf-8")


UNREADABLE_XLSX = (
    "无法读取 xlsx 工作簿，文件可能已损坏；请用 Excel 或 WPS 打开后另存为 .xlsx 再导入。"
)


def read_xlsx(data: bytes) -> tablib.Dataset:
    """The first sheet of a workbook, read as a stream of rows: a sheet past IMPORT_MAX_ROWS
    is refused at the row that passes it, holding no more than that many rows in memory,
    however many the file holds (a small file may unpack to millions of rows)."""
    limit = settings.IMPORT_MAX_ROWS
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:
        raise ImportFileError(UNREADABLE_XLSX) from exc
    try:
        # The first sheet, not the active one: a template saved while its instructions
        # sheet was open has that one active.
        sheet = book.worksheets[0]
        # Every row the sheet holds, whatever its dimension tag says: openpyxl would stop
        # at a tag that claims fewer rows (some programs write a wrong one) and pad to one
        # that claims more (a tiny file naming a million rows).
        sheet.reset_dimensions()
        rows = sheet.iter_rows(values_only=True)
        header = next(rows, None)
        if header is None:
            raise ImportFileError(EMPTY_FILE)
        width = len(header)
        dataset = tablib.Dataset(headers=list(header))
        for number, row in enumerate(rows, start=2):
            if number - 1 > limit:
                raise too_many_rows()
            values = list(row)
            while len(values) > width and values[-1] is None:
                values.pop()
            if len(values) > width:
                raise ImportFileError(
                    f"第{number}行在表头以外的第{len(values)}列还有内容；"
                    "请为该列填写表头，或删除表头右侧的内容后再上传。"
                )
            dataset.append(values + [None] * (width - len(values)))
    except ImportFileError:
        raise
    except Exception as exc:
        raise ImportFileError(UNREADABLE_XLSX) from exc
    finally:
        book.close()
    return dataset


class SafeXLSX(base_formats.XLSX):
    """xlsx with limits: a small file that unpacks to gigabytes is refused unread, and one
    with more rows than IMPORT_MAX_ROWS while it is read."""

    def create_dataset(self, in_stream, **kwargs):
        check_size(in_stream)
        try:
            with zipfile.ZipFile(io.BytesIO(in_stream)) as archive:
                unpacked = sum(info.file_size for info in archive.infolist())
        except zipfile.BadZipFile as exc:
            raise ImportFileError(
                "文件不是有效的 xlsx 工作簿，请用 Excel 或 WPS 另存为 .xlsx。"
            ) from exc
        if unpacked > settings.IMPORT_MAX_UNPACKED_BYTES:
            raise ImportFileError("工作簿解压后过大，疑似异常文件，已拒绝导入。")
        return check_not_empty(read_xlsx(in_stream))

    def export_data(self, dataset, **kwargs):
        return super().export_data(escape_dataset(dataset), **kwargs)


FORMATS = [SafeXLSX, ChineseCSV]


DATE_RE = re.compile(
    r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?"
    # A time of day, as a date cell or another system's export may carry ("2021-03-08 10:30").
    r"(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?"
)
# A day number as text, also as a CSV saved from a number cell writes it ("44263.0").
SERIAL_RE = re.compile(r"\d+(?:\.0+)?")
# Excel counts days from 1899-12-30 (its 1900 leap-year bug included); serial numbers of
# 1949-01-01 to 2100-12-31 are taken as dates, any other bare number is not.
EXCEL_EPOCH = date(1899, 12, 30)
EXCEL_SERIALS = range(17899, 73416)


def _is_blank(value):
    return value is None or (isinstance(value, str) and not value.strip())


def cell_text(value) -> str:
    """A cell as the text staff typed: "" for an empty cell, "15" for a number cell 15.0.

    Excel keeps long codes and phone numbers as numbers, which must not gain a ".0".
    """
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    kept = KEPT_DIGITS_RE.fullmatch(text)
    # Digits a CSV export kept as text (csv_cell), imported back as they are.
    return kept.group(1) if kept else text


def column_name(header) -> str:
    """A header cell as the column it names: without spaces or the template's required mark."""
    return cell_text(header).rstrip(REQUIRED_MARK + "＊").rstrip()


def is_huge(number: Decimal) -> bool:
    """A finite number past any amount or count a record holds (1e400): refused before any
    arithmetic on it, which would fail with a bare decimal exception."""
    return number.is_finite() and number != 0 and number.adjusted() >= 15


# Characters no one types: NUL, BEL and the rest of C0 but tab and line breaks, and DEL.
# The entry form refuses them too (fedportal.admin.ScopedAdminMixin); a workbook cannot
# hold them, so a record carrying one could not be exported.
CONTROL_CHARACTERS_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
CONTROL_CHARACTERS = "不能含有控制字符（如 NUL、BEL 等看不见的字符），请删除后重新填写。"


def validate_no_control_characters(value):
    if isinstance(value, str) and CONTROL_CHARACTERS_RE.search(value):
        raise ValidationError(CONTROL_CHARACTERS, code="control_characters")


class TextWidget(widgets.CharWidget):
    """Text without surrounding spaces; a number cell reads as typed (13800138000, not …0.0).

    A cell of spaces is empty, so a required column left blank is named as such; control
    characters are refused, as the entry form refuses them.
    """

    def clean(self, value, row=None, **kwargs):
        text = cell_text(value)
        if CONTROL_CHARACTERS_RE.search(text):
            raise ValueError(CONTROL_CHARACTERS)
        if text.startswith("'") and escape_formula(text[1:]) == text:
            # A cell an export escaped (escape_formula), imported back as it was stored.
            text = text[1:]
        return super().clean(text or None, row, **kwargs)


class ChineseDateWidget(widgets.DateWidget):
    """A date as staff type it: 2021-03-08, 2021/3/8, 2021.3.8, 2021年3月8日, or an Excel date."""

    def clean(self, value, row=None, **kwargs):
        if _is_blank(value):
            return None
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
            return value
        text = str(value).strip()
        is_number = isinstance(value, int | float) and not isinstance(value, bool)
        if is_number or SERIAL_RE.fullmatch(text):
            serial = float(text)
            if serial.is_integer() and int(serial) in EXCEL_SERIALS:
                return EXCEL_EPOCH + timedelta(days=int(serial))
        match = DATE_RE.fullmatch(text)
        if match:
            try:
                return date(*(int(part) for part in match.groups()))
            except ValueError:
                pass
        raise ValueError(f"无法识别日期“{text}”，请填写如 2021-03-08 或 2021/3/8 的日期。")

    def render(self, value, obj=None, **kwargs):
        if not isinstance(value, date):
            return None if kwargs.get("force_native_type") else ""
        # A workbook gets a date cell, which sorts and filters as a date; CSV gets its text.
        return value if kwargs.get("force_native_type") else value.isoformat()


class WholeNumberWidget(widgets.IntegerWidget):
    """An integer cell ("1,200" too); text or a fraction gets a Chinese message."""

    def clean(self, value, row=None, **kwargs):
        if _is_blank(value):
            return None
        text = str(value).strip().replace(",", "").replace("，", "")
        try:
            number = Decimal(text)
        except InvalidOperation:
            raise ValueError(f"“{value}”不是数字，请填写整数。") from None
        if is_huge(number):
            raise ValueError(f"“{value}”过大，请核对。")
        if not number.is_finite() or number != number.to_integral_value():
            raise ValueError(f"“{value}”不是整数，请填写整数。")
        if abs(number) >= 10**9:
            raise ValueError(f"“{value}”过大，请核对。")
        return int(number)

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return None if kwargs.get("force_native_type") else ""
        return value


class MoneyWidget(widgets.DecimalWidget):
    """An amount in 元 with at most two decimals ("27,000.50" too)."""

    def clean(self, value, row=None, **kwargs):
        if _is_blank(value):
            return None
        text = str(value).strip().replace(",", "").replace("，", "").removesuffix("元")
        try:
            number = Decimal(text)
        except InvalidOperation:
            raise ValueError(f"“{value}”不是金额，请填写以元为单位的数字。") from None
        if is_huge(number):
            raise ValueError(f"“{value}”过大，不是有效金额，请核对。")
        if not number.is_finite() or number != number.quantize(Decimal("0.01")):
            raise ValueError(f"“{value}”不是有效金额，最多保留两位小数。")
        return number

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return None if kwargs.get("force_native_type") else ""
        # A workbook gets a number, which a SUM adds up; CSV gets its text.
        return value if kwargs.get("force_native_type") else str(value)


class YesNoWidget(widgets.BooleanWidget):
    """是/否 as staff write it (1/0, √/×, true/false as other systems export it); written as 是/否."""

    TRUE_TEXT = {"是", "有", "√", "✓", "1", "true", "yes", "y"}
    FALSE_TEXT = {"否", "无", "×", "0", "false", "no", "n", ""}

    def clean(self, value, row=None, **kwargs):
        if value is None or isinstance(value, bool):
            return bool(value)
        text = str(value).strip().lower()
        if isinstance(value, float) and value.is_integer():
            text = str(int(value))
        if text in self.TRUE_TEXT:
            return True
        if text in self.FALSE_TEXT:
            return False
        raise ValueError(f"“{value}”无法识别，请填写“是”或“否”。")

    def render(self, value, obj=None, **kwargs):
        return "是" if value else "否"


class ChoiceLabelWidget(widgets.Widget):
    """A field with choices (城镇/农村, 办结 …) by its Chinese label; the stored code works too,
    and so do the `aliases` a resource declares ({"城市": Residence.URBAN}): other words
    staff use for one choice, never ambiguous, shown in the template's instructions."""

    def __init__(self, choices, default="", aliases=None, **kwargs):
        super().__init__(**kwargs)
        self.choices = list(choices)
        # An empty cell takes the field's default, as the entry form does.
        self.default = default
        codes = {code for code, _ in self.choices}
        self.aliases = dict(aliases or {})
        unknown = set(self.aliases.values()) - codes
        if unknown:
            raise ValueError(f"aliases name codes that are not choices: {sorted(unknown)}")

    def alias_labels(self) -> list[tuple[str, str]]:
        """(alias, the label it stands for), for the instructions."""
        labels = {code: str(label) for code, label in self.choices}
        return [(alias, labels[code]) for alias, code in self.aliases.items()]

    def clean(self, value, row=None, **kwargs):
        text = cell_text(value)
        if not text:
            return self.default
        for code, label in self.choices:
            if text in (str(label), str(code)):
                return code
        if text in self.aliases:
            return self.aliases[text]
        allowed = "、".join(str(label) for _, label in self.choices)
        raise ValueError(f"“{text}”不是有效的选项，可填：{allowed}。")

    def render(self, value, obj=None, **kwargs):
        return str(dict(self.choices).get(value, value or ""))


def widget_for_model_field(django_field):
    """The Chinese-friendly widget for a model field, or None to let the library choose."""
    related = getattr(django_field, "related_model", None)
    if related is not None and issubclass(related, ReferenceList):
        return ReferenceWidget(related)
    if getattr(django_field, "choices", None):
        default = django_field.default if django_field.has_default() else ""
        return ChoiceLabelWidget(django_field.choices, default="" if callable(default) else default)
    if isinstance(django_field, models.BooleanField):
        return YesNoWidget()
    if isinstance(django_field, models.DateTimeField):
        return None
    if isinstance(django_field, models.DateField):
        return ChineseDateWidget()
    if isinstance(django_field, models.DecimalField):
        return MoneyWidget()
    if isinstance(django_field, models.IntegerField | models.AutoField):
        return WholeNumberWidget()
    if isinstance(django_field, models.TextField | models.CharField):
        # The library has no text widget for TextField; a blank cell must become "", not NULL.
        return TextWidget(allow_blank=django_field.blank)
    return None


class ScopedWidgetMixin:
    """A widget that needs the importing user; `ScopedResource` hands each a copy with it."""

    user = None


class OrgUnitWidget(ScopedWidgetMixin, widgets.ForeignKeyWidget):
    """An org unit by its code or by a path of names, e.g. "东门镇/南塘村" or "南塘村".

    The units are read once per import or export, not once per row: a 10,000-row file
    costs two queries here.
    """

    def __init__(self, **kwargs):
        super().__init__(OrgUnit, field="code", **kwargs)
        self._scope = None
        self._names = None

    def _load_names(self):
        if self._names is None:
            self._names = {
                path: (name, level)
                for path, name, level in OrgUnit.objects.values_list("path", "name", "level")
            }

    def _load(self):
        self._load_names()
        if self._scope is None:
            units = OrgUnit.objects.in_scope(self.user) if self.user else OrgUnit.objects.none()
            self._scope = list(units)

    def _path_names(self, path):
        """Names from the district (or the top unit) down to the unit at `path`."""
        chain = [self._names[p] for p in (*ancestor_paths(path), path)]
        return [name for name, level in chain if level >= OrgUnit.Level.DISTRICT] or [chain[-1][0]]

    def clean(self, value, row=None, **kwargs):
        text = cell_text(value)
        if not text:
            return None
        self._load()
        if re.fullmatch(r"[0-9A-Za-z-]+", text):
            for unit in self._scope:
                if unit.code == text:
                    return unit
            raise ValueError(f"找不到代码为“{text}”的单位，或该单位不在您的管辖范围内。")
        names = [n.strip() for n in re.split(r"[/／]", text) if n.strip()]
        matches = [
            u
            for u in self._scope
            if u.name == names[-1] and self._path_names(u.path)[-len(names) :] == names
        ]
        if not matches:
            raise ValueError(f"找不到单位“{text}”，或该单位不在您的管辖范围内。")
        if len(matches) > 1:
            # The example is one of the very units meant, named with its parent.
            example = "/".join(self._path_names(matches[0].path)[-len(names) - 1 :])
            raise ValueError(
                f"有 {len(matches)} 个单位叫“{text}”，请写出上级单位（如“{example}”）或填写单位代码。"
            )
        return matches[0]

    def render(self, value, obj=None, **kwargs):
        """The unit's path of names from the district down, which imports back unambiguously."""
        if value is None:
            return ""
        self._load_names()
        return "/".join(self._path_names(value.path))


class ReferenceWidget(widgets.ForeignKeyWidget):
    """A reference-list row (award kind, honor title …) by its name, code or one of its
    aliases ("市级" for "市"), the list read once per import."""

    def __init__(self, model, **kwargs):
        super().__init__(model, field="name", **kwargs)
        self._by_name = None

    def clean(self, value, row=None, **kwargs):
        text = cell_text(value)
        if not text:
            return None
        if self._by_name is None:
            self._by_name = self.model.by_spelling()
        found = self._by_name.get(text)
        if found is None:
            raise ValueError(
                f"“{text}”不在“{self.model._meta.verbose_name}”列表中；"
                "如确需新增，请先在管理后台的参考列表中添加。"
            )
        return found

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else value.name


class RecordNumberWidget(WholeNumberWidget):
    """A record's 编号: blank for a new record, else a number a database key can hold."""

    def clean(self, value, row=None, **kwargs):
        if _is_blank(value):
            return None
        try:
            number = Decimal(cell_text(value).replace(",", "").replace("，", ""))
        except InvalidOperation:
            number = Decimal("NaN")
        if not (number.is_finite() and number == number.to_integral_value()) or not (
            0 < number < 2**63
        ):
            raise ValueError(f"编号“{cell_text(value)}”不是有效的记录编号；新增记录请留空编号。")
        return int(number)

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return None if kwargs.get("force_native_type") else ""
        # A number in a workbook (it sorts as one); reading it back takes either.
        return value if kwargs.get("force_native_type") else str(value)


class RecordLoader(ModelInstanceLoader):
    """Reads every record a file updates in one query, leaving out the 编号 it cannot read:
    those rows are refused one by one (`ScopedResource.get_instance`) instead of failing the
    whole page."""

    def __init__(self, resource, dataset=None):
        super().__init__(resource, dataset)
        self.pk_field = resource.fields[resource.get_import_id_fields()[0]]
        ids = set()
        if self.pk_field.column_name in (dataset.headers or ()):
            for row in dataset.dict:
                try:
                    ids.add(self.pk_field.clean(row))
                except ValueError:
                    continue
        ids.discard(None)
        queryset = self.get_queryset().filter(**{f"{self.pk_field.attribute}__in": ids})
        self.all_instances = {instance.pk: instance for instance in queryset} if ids else {}

    def get_instance(self, row):
        return self.all_instances.get(self.pk_field.clean(row))


class ScopedResource(resources.ModelResource):
    """Import/export of a ScopedRecord model for one user (see module docstring).

    Subclasses list their fields in Meta as usual; a column is named after its model
    field's Chinese verbose_name unless declared with another name or widget. The
    model's `personal_fields` (fedportal.personal_data) are masked on export, and in the
    rows of an import's errors, for users without the model's `view_personal_<model>`
    permission. A masked export imports back unchanged: a cell equal to the mask of the
    stored value keeps the stored value, and any other masked cell is refused rather than
    stored.
    """

    id = fields.Field(attribute="id", column_name="编号", widget=RecordNumberWidget())
    org_unit = fields.Field(attribute="org_unit", column_name="所属单位", widget=OrgUnitWidget())

    class Meta:
        # A row with a 编号 updates that record; a row without one is a new record.
        import_id_fields = ("id",)
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True
        use_transactions = True
        # Rows are saved a thousand at a time with their history, and the records a file
        # updates are read in one query: a 10,000-row file costs tens of queries, not tens
        # of thousands. Validation still names every bad row (see import_checks).
        use_bulk = True
        batch_size = 1000
        instance_loader_class = RecordLoader

    def __init__(self, user=None, **kwargs):
        super().__init__(**kwargs)
        self.user = user
        # Options of this import alone: import_row sets skip_diff row by row.
        self._meta = copy(self._meta)
        model = self._meta.model
        for field in self.fields.values():
            if type(field.widget) is widgets.Widget and field.attribute:
                # A field declared only for its Chinese column name gets the widget its model
                # field calls for: empty text cells become "", numbers and dates are parsed.
                try:
                    django_field = model._meta.get_field(field.attribute)
                except FieldDoesNotExist:
                    continue
                widget = widget_for_model_field(django_field)
                if widget is None:
                    widget = self.widget_from_django_field(django_field)(
                        **self.widget_kwargs_for_field(field.attribute, django_field)
                    )
                field.widget = widget
            self._take_model_default(field)
            if isinstance(field.widget, ScopedWidgetMixin | ReferenceWidget):
                # A fresh copy per resource: caches and the user belong to one import.
                field.widget = copy(field.widget)
                if isinstance(field.widget, ScopedWidgetMixin):
                    field.widget.user = user

    @classmethod
    def field_from_django_field(cls, field_name, django_field, readonly):
        """A column listed in Meta.fields and not declared: named after the model field's
        Chinese verbose_name, read by the widget `__init__` gives a declared field. Only
        columns named otherwise, or read by a widget of their own, are declared."""
        if django_field.is_relation or "__" in field_name:
            return super().field_from_django_field(field_name, django_field, readonly)
        return cls.DEFAULT_RESOURCE_FIELD(
            attribute=field_name, column_name=str(django_field.verbose_name), readonly=readonly
        )

    def _take_model_default(self, field):
        """An empty cell of a field whose model field has a default takes that default, as
        the entry form fills it in (取证人数 0, 办理状态 受理); a missing column does too, as
        the library leaves the new record's default alone. A nullable field keeps its empty
        cell as "no value"."""
        if field.default is not NOT_PROVIDED or not field.attribute or "__" in field.attribute:
            return
        try:
            django_field = self._meta.model._meta.get_field(field.attribute)
        except FieldDoesNotExist:
            return
        if django_field.has_default() and not django_field.null and not django_field.is_relation:
            field.default = django_field.get_default

    def import_data(self, dataset, **kwargs):
        # Nothing of a file is written unless every row passes: the library rolls back on
        # errors only, so a confirm whose rows no longer all pass (someone entered the same
        # record since the preview) would keep the valid ones.
        kwargs["rollback_on_validation_errors"] = True
        return super().import_data(dataset, **kwargs)

    def import_data_inner(self, dataset, dry_run, raise_errors, *args, **kwargs):
        problem = self.column_problem(dataset.headers or [])
        if problem is None:
            return super().import_data_inner(dataset, dry_run, raise_errors, *args, **kwargs)
        # A sheet of another kind of record: refused before any row is read, or its 编号
        # would update records here with whatever columns happen to share a name.
        result = self.get_result_class()()
        result.diff_headers = self.get_diff_headers()
        result.total_rows = len(dataset)
        self.handle_import_error(result, ImportFileError(problem), raise_errors)
        return result

    def column_problem(self, headers) -> str | None:
        """Why a file with these column names cannot be this resource's sheet, or None."""
        known = {field.column_name for field in self.fields.values()}
        given = ["" if header is None else str(header) for header in headers]
        unknown = [header or "（空白表头）" for header in given if header not in known]
        missing = [column for column in self.required_columns() if column not in given]
        problems = []
        if unknown:
            problems.append(f"不认识的列：{'、'.join(unknown)}")
        if missing:
            problems.append(f"缺少列：{'、'.join(missing)}")
        if not problems:
            return None
        return (
            "；".join(problems)
            + f"。请确认上传的是“{self._meta.model._meta.verbose_name}”的表格，或使用导入模板的表头。"
        )

    def required_columns(self) -> list[str]:
        """编号, and the column of every field a new record cannot do without."""
        model = self._meta.model
        columns = [self.fields[name].column_name for name in self.get_import_id_fields()]
        for field in self.get_import_fields():
            try:
                django_field = model._meta.get_field(field.attribute or "")
            except FieldDoesNotExist:
                continue
            if not (django_field.blank or django_field.has_default()):
                columns.append(field.column_name)
        return list(dict.fromkeys(columns))

    def get_queryset(self):
        if self.user is None:
            return self._meta.model.objects.none()
        return self._meta.model.objects.in_scope(self.user)

    def get_instance(self, instance_loader, row):
        try:
            instance = super().get_instance(instance_loader, row)
        except ValueError as exc:
            raise ValidationError({"id": str(exc)}) from None
        if instance is not None:
            # Where the record is stored, before the row changes it: an approved return
            # there keeps it as it is (returns.locks).
            self._stored_places[instance.pk] = self._locks.stored_place(instance)
        record_id = row.get("编号")
        if instance is None and record_id not in (None, ""):
            # Never create a record under someone else's number, nor reveal that it exists.
            raise ValidationError(
                {
                    "id": f"编号为“{record_id}”的记录不存在，或不在您的管辖范围内；新增记录请留空编号。"
                }
            )
        return instance

    def get_diff_class(self):
        resource = self

        class PreviewDiff(resources.Diff):
            """Shows its changes for the first rows only: nobody reads 10,000 of them."""

            def as_html(self):
                resource._previewed += 1
                return super().as_html() if resource._previewed <= PREVIEW_ROWS else []

        return PreviewDiff

    def before_import(self, dataset, **kwargs):
        super().before_import(dataset, **kwargs)
        self._previewed = 0
        model = self._meta.model
        self._checker = ConstraintChecker(model)
        # Foreign keys set by the widgets were found by them, so asking the database again
        # whether each exists is wasted; only a missing required one needs a message.
        self._found_by_widget = {
            f.attribute
            for f in self.fields.values()
            if f.attribute
            and "__" not in f.attribute
            and not f.readonly
            and isinstance(f.widget, widgets.ForeignKeyWidget)
        }
        self._checker.prefetch(self._unique_keys_in(dataset))
        from returns.locks import ImportLocks

        self._locks = ImportLocks(self.user, model)
        self._stored_places = {}

    def _unique_keys_in(self, dataset):
        """The unique-constraint keys the file's rows would have, as far as they parse."""
        by_attribute = {f.attribute: f for f in self.fields.values() if f.attribute}
        keys = {}
        model = self._meta.model
        for name, attnames in self._checker.attnames.items():
            names = [model._meta.get_field(a).name for a in attnames]
            fields = [by_attribute.get(n) for n in names]
            if any(f is None or f.column_name not in dataset.headers for f in fields):
                continue  # such a key is looked up row by row
            found = keys.setdefault(name, [])
            for row in dataset.dict:
                try:
                    values = [f.clean(row) for f in fields]
                except (ValueError, ValidationError):
                    continue
                found.append(tuple(getattr(v, "pk", v) for v in values))
        return keys

    def import_row(self, row, instance_loader, **kwargs):
        if all(_is_blank(value) for value in row.values()):
            # Spreadsheets carry empty rows (between records, or formatted below them).
            skipped = self.get_row_result_class()()
            skipped.import_type = skipped.IMPORT_TYPE_SKIP
            return skipped
        if cell_text(row.get(self.fields["id"].column_name)) == EXAMPLE_MARK:
            # The template's example row, left in the file.
            skipped = self.get_row_result_class()()
            skipped.import_type = skipped.IMPORT_TYPE_SKIP
            return skipped
        # The preview shows the changes of its first rows only. Beyond them, a new record
        # needs neither its diff nor the copy of the blank record the diff starts from
        # (about a tenth of a large import's time); an update keeps both, to tell whether
        # it changes anything.
        self._meta.skip_diff = kwargs["row_number"] > PREVIEW_ROWS and _is_blank(
            row.get(self.fields["id"].column_name)
        )
        return super().import_row(row, instance_loader, **kwargs)

    def before_import_row(self, row, **kwargs):
        super().before_import_row(row, **kwargs)
        self._row_number = kwargs.get("row_number")

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        errors = dict(import_validation_errors or {})
        widget_fks = self._found_by_widget - set(errors)
        try:
            instance.full_clean(
                exclude=set(errors) | widget_fks,
                # Unique fields are checked with the constraints, file-wide (import_checks).
                validate_unique=False,
                validate_constraints=False,
            )
        except ValidationError as exc:
            errors = exc.update_error_dict(errors)
        for name in widget_fks - set(errors):
            field = instance._meta.get_field(name)
            if getattr(instance, field.attname) is None and not field.blank:
                errors[name] = [ValidationError("", code="required")]
        for key, messages in self._checker.errors(instance, self._row_number, errors).items():
            errors.setdefault(key, []).extend(messages)
        reason = self._locks.refusal(instance, self._stored_places.get(instance.pk))
        if reason:
            errors.setdefault(NON_FIELD_ERRORS, []).append(ValidationError(reason, code="locked"))
        if errors:
            raise ValidationError(self._name_required_columns(errors))

    def bulk_create(self, using_transactions, dry_run, raise_errors, batch_size=None, result=None):
        if self.create_instances and (using_transactions or not dry_run):
            try:
                bulk_create_with_history(
                    self.create_instances,
                    self._meta.model,
                    batch_size=batch_size,
                    default_user=self.user,
                )
            except Exception as exc:
                self.handle_import_error(result, exc, raise_errors)
            finally:
                self.create_instances.clear()

    def bulk_update(self, using_transactions, dry_run, raise_errors, batch_size=None, result=None):
        if self.update_instances and (using_transactions or not dry_run):
            try:
                bulk_update_with_history(
                    self.update_instances,
                    self._meta.model,
                    self.get_bulk_update_fields(),
                    batch_size=batch_size,
                    default_user=self.user,
                )
            except Exception as exc:
                self.handle_import_error(result, exc, raise_errors)
            finally:
                self.update_instances.clear()

    def _name_required_columns(self, error_dict):
        """Django says "这个值不能为 null。" for an empty cell; say which column needs a value."""
        columns = {f.attribute: f.column_name for f in self.fields.values() if f.attribute}
        opts = self._meta.model._meta
        named = {}
        for attribute, errors in error_dict.items():
            column = columns.get(attribute)
            if column is None and attribute != NON_FIELD_ERRORS:
                try:
                    column = str(opts.get_field(attribute).verbose_name)
                except FieldDoesNotExist:
                    column = attribute
            named[attribute] = [
                ValidationError(f"“{column or attribute}”为必填项，不能为空。", code="required")
                if getattr(error, "code", None) in ("null", "blank", "required")
                else error
                for error in errors
            ]
        return named

    def get_bulk_update_fields(self):
        # The model fields the file's columns write: not read-only columns shown alongside
        # (a complainant's 案件所属单位), which bulk_update would refuse as unknown fields.
        concrete = {f.name for f in self._meta.model._meta.concrete_fields}
        fields = [
            self.fields[name].attribute
            for name in super().get_bulk_update_fields()
            if not self.fields[name].readonly and self.fields[name].attribute in concrete
        ]
        # A bulk update skips `auto_now`; the record's version (the admin's check against
        # overwriting a newer change) must still move.
        if self._has_updated_at() and "updated_at" not in fields:
            fields.append("updated_at")
        return fields

    def _has_updated_at(self):
        return any(f.name == "updated_at" for f in self._meta.model._meta.concrete_fields)

    def before_save_instance(self, instance, row, **kwargs):
        if instance.pk is None and self.user is not None:
            instance.created_by = self.user
        if instance.pk is not None and self._has_updated_at():
            instance.updated_at = timezone.now()
        # The change history names the importer, whether from the admin or a command.
        instance._history_user = self.user

    def _policy(self, field):
        """(owner model, mask) of a personal column, else None."""
        if not field.attribute:
            return None
        return field_policy(self._meta.model, field.attribute)

    def import_field(self, field, instance, row, is_m2m=False, **kwargs):
        policy = self._policy(field)
        mask = policy[1] if policy else None
        if mask is not None and field.column_name in row:
            text = cell_text(row[field.column_name])
            stored = getattr(instance, field.attribute, None) if instance.pk else None
            if stored and text == mask(stored):
                # A masked export imported back: the masked cell means "unchanged".
                return
            if is_masked(text):
                # Masked, but not of what is stored (or nothing is stored): importing it
                # would replace real data with stars.
                raise ValueError(
                    "这是打码后的个人信息，不能导入；请填写完整信息，或保持导出时的样子不改。"
                )
        if isinstance(field.widget, TextWidget) and field.column_name in row:
            self._refuse_spreadsheet_damage(field, row[field.column_name])
        try:
            super().import_field(field, instance, row, is_m2m, **kwargs)
        except (ArithmeticError, TypeError, OverflowError) as exc:
            # A widget failing on a value it did not foresee: still a sentence for the user.
            cell = cell_text(row.get(field.column_name)) if field.column_name in row else ""
            raise ValueError(f"“{cell}”无法识别，请核对这一格的内容。") from exc

    @staticmethod
    def _refuse_spreadsheet_damage(field, value):
        """A text column (ID number, phone, code) that went through a spreadsheet as a
        number has lost digits that nothing can restore: refused, saying how to avoid it."""
        column = field.column_name
        if isinstance(value, str) and SCIENTIFIC_RE.fullmatch(value.strip()):
            raise ValueError(
                f"{column}“{value.strip()}”已被电子表格改成科学计数法，请将该列设为文本后重新导出。"
            )
        is_number = isinstance(value, int | float) and not isinstance(value, bool)
        if is_number and abs(value) >= 10**15:
            # A spreadsheet keeps 15 significant digits of a number: an 18-digit ID number
            # stored as one has lost its last digits.
            raise ValueError(
                f"{column}“{cell_text(value)}”已被电子表格存成数字，超过15位的部分已丢失，"
                "请将该列设为文本后重新填写或重新导出。"
            )

    def personal_columns(self, selected_fields=None) -> tuple[list[str], bool]:
        """The columns of personal fields an export of the selected fields (all when None)
        writes, and whether this resource's user gets them masked."""
        columns, masked = [], False
        for field in self.get_export_fields(selected_fields):
            policy = self._policy(field)
            if policy is not None:
                columns.append(field.column_name)
                masked = masked or not may_see_personal(self.user, policy[0])
        return columns, masked

    def masks(self, field) -> bool:
        """Whether this resource's user gets `field` masked."""
        policy = self._policy(field)
        return policy is not None and not may_see_personal(self.user, policy[0])

    def shown(self, field, value):
        """A cell of `field` as this resource's user may see it (fedportal.personal_data)."""
        if not field.attribute:
            return value
        return shown_value(self.user, self._meta.model, field.attribute, value)

    def export_field(self, field, instance, **kwargs):
        value = self.shown(field, super().export_field(field, instance, **kwargs))
        if isinstance(field.widget, TextWidget) and isinstance(value, str) and value:
            # Marked for the file format: CSV keeps such digits as text (csv_cell).
            value = TextCell(value)
        return value


def row_errors(result, resource):
    """Every problem of an import result as (sheet row, column, value, reason), in Chinese.

    Rows are numbered as the spreadsheet shows them: the header is row 1. Personal values
    are masked as the resource's user may see them, as in an export.
    """
    by_attribute = {f.attribute: f for f in resource.fields.values() if f.attribute}
    found = []
    for invalid in result.invalid_rows:
        values = dict(zip(result.diff_headers, invalid.values, strict=False))
        for attribute, messages in invalid.error_dict.items():
            field = by_attribute.get(attribute)
            value = values.get(field.column_name, "") if field else ""
            value = "" if value in (None, "---") else str(value)
            shown = resource.shown(field, value) if field else value
            masked_here = field is not None and resource.masks(field)
            for message in messages:
                if masked_here:
                    # A reason may quote the cell ("无法识别日期“…”") or what the ID number
                    # holds ("…与身份证号码中的1982-07-21不一致"): masked there too.
                    message = mask_within(message.replace(value, shown) if value else message)
                found.append(
                    (invalid.number + 1, field.column_name if field else "整行", shown, message)
                )
    for number, errors in result.row_errors():
        for error in errors:
            found.append((number + 1, "整行", "", str(error.error)))
    for error in result.base_errors:
        found.append((0, "文件", "", str(error.error)))
    return sorted(found, key=lambda e: e[0])
