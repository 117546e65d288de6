"""Spreadsheets in tests: upload files, the admin's two-step import, and exported sheets.

`app_model` names a model as Django labels it, e.g. "families.familyaward".
"""

import csv
import io

from django.apps import apps
from django.contrib import admin
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from fedportal.imports import column_name

# The admin's format choices, in the order of fedportal.imports.FORMATS.
XLSX = "0"
CSV = "1"


def xlsx(header, rows, name="upload.xlsx"):
    """An xlsx upload with a header row and `rows`."""
    book = Workbook()
    book.active.append(header)
    for row in rows:
        book.active.append(row)
    data = io.BytesIO()
    book.save(data)
    data.seek(0)
    data.name = name
    return data


def csv_file(header, rows, encoding, name="upload.csv"):
    """A CSV upload in `encoding` ("utf-8-sig", "gbk" …), as Excel and WPS save one."""
    text = io.StringIO()
    csv.writer(text, lineterminator="\r\n").writerows([header, *rows])
    data = io.BytesIO(text.getvalue().encode(encoding))
    data.name = name
    return data


def _url(app_model, action):
    return reverse(f"admin:{app_model.replace('.', '_')}_{action}")


def dry_run(client, app_model, upload, fmt=XLSX):
    """Post a file to the admin's import page: the preview, nothing is written yet."""
    return client.post(_url(app_model, "import"), {"format": fmt, "import_file": upload})


def confirm(client, app_model, response):
    """Confirm the import that `response` (a dry run) previewed."""
    initial = response.context["confirm_form"].initial
    return client.post(_url(app_model, "process_import"), initial)


def export(client, app_model, fmt=XLSX, fields=None):
    """Post the admin's export form for `fields` of the model's resource (all by default)."""
    resource = admin.site._registry[apps.get_model(app_model)].resource_classes[0]
    if fields is None:
        fields = resource().get_export_order()
    prefix = resource.__name__.lower()
    return client.post(
        _url(app_model, "export"), {"format": fmt, **{f"{prefix}_{name}": "on" for name in fields}}
    )


def downloaded(response) -> bytes:
    """The file of a download; xlsx exports are streamed (fedportal/streaming_export.py)."""
    return b"".join(response.streaming_content) if response.streaming else response.content


def sheet_rows(response):
    """The rows of a downloaded sheet, xlsx or CSV, the header first."""
    if response["Content-Type"].startswith("text/csv"):
        # Excel and WPS need the BOM to read a UTF-8 CSV as such.
        assert downloaded(response).startswith(b"\xef\xbb\xbf")
        return list(csv.reader(io.StringIO(downloaded(response).decode("utf-8-sig"))))
    sheet = load_workbook(io.BytesIO(downloaded(response))).active
    return [[cell.value for cell in row] for row in sheet.iter_rows()]


def template_header(response):
    """The columns of a downloaded import template, without the marks of required columns."""
    sheet = load_workbook(io.BytesIO(downloaded(response))).worksheets[0]
    return [column_name(cell.value) for cell in sheet[1]]


def dropdowns(sheet):
    """{column letter: the list its dropdown offers}."""
    book = sheet.parent
    found = {}
    for validation in sheet.data_validations.dataValidation:
        sheet_name, cells = validation.formula1.split("!")
        source = book[sheet_name.strip("'")]
        first, last = cells.replace("$", "").split(":")
        values = [row[0].value for row in source[first:last]]
        for cell_range in validation.sqref.ranges:
            found[cell_range.coord.split(":")[0].rstrip("0123456789")] = values
    return found


def error_cells(response):
    """The import's rejected cells as {(sheet row, column): (value, reason)}."""
    return {
        (row, column): (value, reason)
        for row, column, value, reason in response.context["error_rows"]
    }
