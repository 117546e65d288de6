"""The admin's xlsx export, holding one chunk of records in memory however many there are.

django-import-export's own export builds the whole list as a tablib Dataset and then the
whole workbook in openpyxl's in-memory model, so its memory grows with the rows
(bench/export_memory.py: about 5 MB more per 10,000 family awards). Here the records are
read from a server-side cursor `CHUNK_SIZE` at a time, each row goes through the resource
exactly as the library's export sends it — the same columns, widgets, personal-field
masking (`ScopedResource.export_field`) and formula escaping (`escape_formula`) — and is
written by openpyxl's write-only workbook to a temporary file, which the response then
streams from disk. `ScopedAdmin._do_file_export` sends every xlsx export here; CSV stays
with the library.
"""

import tempfile
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.core.exceptions import FieldDoesNotExist
from django.http import FileResponse
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import IllegalCharacterError

from fedportal.imports import escape_formula
from fedportal.sheets import MONEY_FORMAT, TEXT_FORMAT, describe

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CHUNK_SIZE = 2000
# Cell values openpyxl stores as they are; tablib writes anything else as its text.
NATIVE_TYPES = (str, int, float, Decimal, bool, date, datetime, time, timedelta)


@dataclass
class StreamedExport:
    """A finished workbook in a temporary file (deleted when closed) and its record count."""

    file: tempfile.SpooledTemporaryFile
    rows: int

    def response(self, filename: str) -> FileResponse:
        return FileResponse(
            self.file, as_attachment=True, filename=filename, content_type=XLSX_CONTENT_TYPE
        )


def related_paths(model, attributes) -> list[str]:
    """The `select_related` paths that the fields' attributes walk through: "org_unit" for
    "org_unit", "run__programme" for "run__programme__name". Without them, a widget
    rendering a foreign key would cost a query per row."""
    paths = []
    for attribute in attributes:
        current, walked = model, []
        for name in attribute.split("__"):
            try:
                field = current._meta.get_field(name)
            except FieldDoesNotExist:
                break
            if not (field.is_relation and (field.many_to_one or field.one_to_one)):
                break
            walked.append(name)
            current = field.related_model
        if walked:
            paths.append("__".join(walked))
    return paths


def cell_value(value):
    value = escape_formula(value)
    if value is None or isinstance(value, NATIVE_TYPES):
        return value
    return str(value)


def export_xlsx(resource, queryset, *, selected_fields=None, title="") -> StreamedExport:
    """Write `queryset` through `resource` (a `ScopedResource` made for the exporting user,
    as the admin makes it) into an xlsx file; `selected_fields` as the export form chose
    them (None: all). The cells are those of the admin's current xlsx export.

    Raises ValueError with a message for the user when a value cannot go into a workbook
    (control characters), as the admin's export does.
    """
    fields = resource.get_export_fields(selected_fields)
    queryset = resource.filter_export(queryset)
    related = related_paths(queryset.model, [f.attribute for f in fields if f.attribute])
    if related:
        queryset = queryset.select_related(*related)
    book = Workbook(write_only=True)
    sheet = book.create_sheet(title=title[:31] or "Sheet1")
    sheet.freeze_panes = "A2"
    # Widths and formats come from the columns' declarations, not from the rows, which are
    # never all in memory.
    columns = [describe(resource, field) for field in fields]
    for index, column in enumerate(columns, start=1):
        dimension = sheet.column_dimensions[get_column_letter(index)]
        dimension.width = column.width
        if column.number_format == TEXT_FORMAT:
            # What staff type into a code, ID number or phone column stays text.
            dimension.number_format = TEXT_FORMAT
    money = [index for index, column in enumerate(columns) if column.kind == "money"]
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="DDEBF7")
    header = []
    for name in resource.get_export_headers(selected_fields):
        cell = WriteOnlyCell(sheet, value=name)
        cell.font = bold
        cell.fill = fill
        header.append(cell)
    sheet.append(header)
    rows = 0
    try:
        for record in queryset.iterator(chunk_size=CHUNK_SIZE):
            # Native values: numbers as numbers (a SUM adds them), dates as dates, 编号 as a
            # number; text stays text, ID numbers and phones included.
            values = resource.export_resource(
                record, selected_fields=selected_fields, force_native_type=True
            )
            row = [cell_value(value) for value in values]
            for index in money:
                if isinstance(row[index], Decimal | int):
                    amount = WriteOnlyCell(sheet, value=row[index])
                    amount.number_format = MONEY_FORMAT
                    row[index] = amount
            sheet.append(row)
            rows += 1
        # The filter row over the header and every record written.
        sheet.auto_filter.ref = f"A1:{get_column_letter(max(len(columns), 1))}{rows + 1}"
        # Spooled: a small export never touches the disk, a large one goes there at 1 MB.
        # Not a context manager: the response streams it and closes (deletes) it.
        output = tempfile.SpooledTemporaryFile(max_size=1024 * 1024)  # noqa: SIM115
        book.save(output)
    except IllegalCharacterError as error:
        raise ValueError(
            "导出失败：有记录含有表格文件不允许的控制字符，请修正后再导出。"
        ) from error
    output.seek(0)
    return StreamedExport(output, rows)
