"""Build upload files and drive the admin's two-step import."""

import csv
import io

from django.urls import reverse
from openpyxl import Workbook, load_workbook


def xlsx(header, rows, name="导入.xlsx"):
    book = Workbook()
    book.active.append(header)
    for row in rows:
        book.active.append(row)
    data = io.BytesIO()
    book.save(data)
    data.seek(0)
    data.name = name
    return data


def csv_file(header, rows, encoding, name="导入.csv"):
    text = io.StringIO()
    csv.writer(text, lineterminator="\r\n").writerows([header, *rows])
    data = io.BytesIO(text.getvalue().encode(encoding))
    data.name = name
    return data


def dry_run(client, model, upload, fmt="0"):
    return client.post(
        reverse(f"admin:honors_{model}_import"), {"format": fmt, "import_file": upload}
    )


def confirm(client, model, response):
    initial = response.context["confirm_form"].initial
    return client.post(reverse(f"admin:honors_{model}_process_import"), initial)


def errors_by_cell(response):
    return {
        (row, column): (value, reason)
        for row, column, value, reason in response.context["error_rows"]
    }


def xlsx_rows(content):
    sheet = load_workbook(io.BytesIO(content)).active
    return [[cell.value for cell in row] for row in sheet.iter_rows()]
