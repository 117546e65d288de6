"""Constants and spreadsheet helpers shared by the welfare tests."""

import csv
import io
from datetime import date

from django.urls import reverse
from openpyxl import Workbook

from fedportal.personal_data import make_id_number

RELIEF = "两癌救助"
FORMULA = "公益奶粉（关爱新生命-儿童营养改善）"
SCHOOL_BAG = "安全书包"

# A woman born 1975-05-20 and a boy born 2012-03-01.
WOMAN_ID = make_id_number("360313", date(1975, 5, 20), 124)
BOY_ID = make_id_number("360313", date(2012, 3, 1), 37)


def xlsx(header, rows, name="records.xlsx"):
    book = Workbook()
    book.active.append(header)
    for row in rows:
        book.active.append(row)
    data = io.BytesIO()
    book.save(data)
    data.seek(0)
    data.name = name
    return data


def csv_file(header, rows, encoding, name="records.csv"):
    text = io.StringIO()
    csv.writer(text).writerows([header, *rows])
    data = io.BytesIO(text.getvalue().encode(encoding))
    data.name = name
    return data


def dry_run(client, model, upload, fmt="0"):
    """POST a file to the admin import page; "0" is xlsx, "1" is CSV."""
    return client.post(
        reverse(f"admin:welfare_{model}_import"), {"format": fmt, "import_file": upload}
    )


def confirm(client, model, response):
    initial = response.context["confirm_form"].initial
    return client.post(reverse(f"admin:welfare_{model}_process_import"), initial)


def errors_by_cell(response):
    return {
        (row, column): (value, reason)
        for row, column, value, reason in response.context["error_rows"]
    }
