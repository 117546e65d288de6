"""Spreadsheet uploads and downloads through the employment admin, and shared test values."""

import io
from datetime import date

from django.urls import reverse
from openpyxl import Workbook, load_workbook

from fedportal.personal_data import make_id_number

# A valid ID number of a woman born 1985-03-08 in 湘东区.
ID_NUMBER = make_id_number("360313", date(1985, 3, 8), 22)
PHONE = "13907990001"


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
    text = "\n".join(",".join(str(c) for c in row) for row in [header, *rows]) + "\n"
    data = io.BytesIO(text.encode(encoding))
    data.name = name
    return data


def dry_run(client, model, upload, fmt="0"):
    return client.post(
        reverse(f"admin:employment_{model}_import"), {"format": fmt, "import_file": upload}
    )


def confirm(client, model, response):
    initial = response.context["confirm_form"].initial
    return client.post(reverse(f"admin:employment_{model}_process_import"), initial)


def errors_by_cell(response):
    """The import's rejected cells as {(sheet row, column): (value, reason)}."""
    return {
        (row, column): (value, reason)
        for row, column, value, reason in response.context["error_rows"]
    }


def export(client, model, resource, names, fmt="0"):
    return client.post(
        reverse(f"admin:employment_{model}_export"),
        {"format": fmt, **{f"{resource}_{name}": "on" for name in names}},
    )


def xlsx_rows(response):
    sheet = load_workbook(io.BytesIO(response.content)).active
    return [[c.value for c in row] for row in sheet.iter_rows()]
