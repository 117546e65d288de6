"""Building upload files and driving the admin's two-step import in tests."""

import io

from django.urls import reverse
from openpyxl import Workbook, load_workbook


def xlsx(header, rows, name="upload.xlsx"):
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
    lines = [",".join(str(cell) for cell in row) for row in [header, *rows]]
    data = io.BytesIO(("\r\n".join(lines) + "\r\n").encode(encoding))
    data.name = name
    return data


def dry_run(client, model, upload, fmt="0"):
    return client.post(
        reverse(f"admin:families_{model}_import"), {"format": fmt, "import_file": upload}
    )


def confirm(client, model, response):
    initial = response.context["confirm_form"].initial
    return client.post(reverse(f"admin:families_{model}_process_import"), initial)


def errors_by_cell(response):
    return {
        (row, column): (value, reason)
        for row, column, value, reason in response.context["error_rows"]
    }


def xlsx_rows(response):
    sheet = load_workbook(io.BytesIO(response.content)).active
    return [[cell.value for cell in row] for row in sheet.iter_rows()]
