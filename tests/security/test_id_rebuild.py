"""No ID number can be rebuilt from what a role without the personal-data right receives.

A resident ID number is a region code (6 digits), a birth date (8), a sequence code (3, the
last odd for men) and a check character computed from the other 17. A probe once rebuilt
every number of a township's "masked" grant export from `3603**********4708` and the birth
date beside it. Here, for every role and every model with personal fields, each list,
export, history page and import error sheet the role can get is read as the probe read it:
the cells of one record are taken together with the region code (assumed known: the unit
gives it away), and every ID number agreeing with them is counted. A record whose cells
leave fewer than REBUILD_LIMIT numbers counts as rebuilt. Lists mask ID numbers for every
role; the other places for roles without `view_personal_<model>`.
"""

import io
import re
from calendar import isleap
from datetime import date, timedelta
from html import unescape

import pytest
from django.contrib import admin
from django.contrib.admin.templatetags.admin_list import result_headers, results
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from employment.models import Trainee
from fedportal.models import User
from fedportal.personal_data import make_id_number, may_see_personal
from rights.models import Complainant
from tests.security.conftest import USERNAMES
from tests.security.matrix import permission
from tests.security.test_import_faults import GRANT
from tests.security.test_privacy import PERSONAL_MODELS, download_rows
from tests.spreadsheets import CSV, XLSX, csv_file, downloaded, dry_run, export
from welfare.models import Grant

pytestmark = pytest.mark.django_db

REBUILD_LIMIT = 1000
CHECK_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
STAFF = [name for name in USERNAMES if name not in (None, "leader", "writer")]
ID_MODELS = [Grant, Trainee, Complainant]


def check_character(first17: str) -> str:
    return "10X98765432"[sum(int(d) * w for d, w in zip(first17, CHECK_WEIGHTS, strict=True)) % 11]


def birth_dates(cell, visible):
    """The birth dates a birth-date cell (and the ID cell's visible digits 7–14) allow."""
    text = "" if cell is None else str(cell).strip()
    if isinstance(cell, date):
        days = [cell]
    elif re.fullmatch(r"\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?", text):
        days = [date(*map(int, re.findall(r"\d+", text)))]
    elif re.match(r"\d{4}", text):
        year = int(text[:4])
        days = [date(year, 1, 1) + timedelta(n) for n in range(366 if isleap(year) else 365)]
    else:
        # Nothing shown: any day of a century. Counting stops long before the end.
        days = [date(1925, 1, 1) + timedelta(n) for n in range(36525)]
    return [
        d
        for d in days
        if all(visible.get(6 + i) in (None, ch) for i, ch in enumerate(f"{d:%Y%m%d}"))
    ]


def candidates(real: str, id_cell, birth_cell=None, sex_cell=None) -> int:
    """How many ID numbers agree with the cells of one record, counted up to REBUILD_LIMIT:
    the region code of the real number, the birth date or year shown, the sex shown, and
    every character the ID cell leaves visible, the check character included."""
    shown = "" if id_cell is None else str(id_cell)
    visible = {i: ch for i, ch in enumerate(shown) if ch != "*"} if len(shown) == 18 else {}
    if shown == real:
        return 1
    region = real[:6]
    if any(visible.get(i) not in (None, region[i]) for i in range(6)):
        return REBUILD_LIMIT  # the cell shows another number
    sequences = [
        f"{n:03d}"
        for n in range(1000)
        if all(visible.get(14 + i) in (None, ch) for i, ch in enumerate(f"{n:03d}"))
        and (sex_cell not in ("女", "男") or (n % 2 == 1) == (sex_cell == "男"))
    ]
    check = visible.get(17)
    found = 0
    for day in birth_dates(birth_cell, visible):
        for sequence in sequences:
            first17 = f"{region}{day:%Y%m%d}{sequence}"
            if check is None or check_character(first17) == check:
                found += 1
                if found >= REBUILD_LIMIT:
                    return found
    return found


def test_the_probe_rebuilds_what_the_old_mask_gave_away():
    """The check above finds the hole the probe found, and passes the masks now in use."""
    real = make_id_number("360313", date(1975, 1, 9), 470)
    old = real[:4] + "*" * 10 + real[-4:]
    assert candidates(real, old, "1975-01-09") == 1
    assert candidates(real, old, "1975-**-**") < REBUILD_LIMIT
    assert candidates(real, real[:6] + "*" * 12, "1975-01-09", "女") < REBUILD_LIMIT
    assert candidates(real, real[:6] + "*" * 12, "1975-**-**", "女") == REBUILD_LIMIT


def rebuilt(real, cells):
    return candidates(real, cells.get("身份证号码"), cells.get("出生日期"), cells.get("性别"))


def text_of(html):
    return unescape(re.sub(r"<[^>]+>", "", str(html))).strip()


def must_not_rebuild(found, where):
    """`found`: (real number, {column: cell}) pairs read from one page or file."""
    rebuilt_ones = [
        f"{where}: {cells}"
        for real, cells in found
        if real and rebuilt(real, cells) < REBUILD_LIMIT
    ]
    assert not rebuilt_ones, rebuilt_ones[:3]


@pytest.mark.parametrize("model", ID_MODELS, ids=lambda m: m._meta.label_lower)
@pytest.mark.parametrize("username", STAFF)
def test_no_list_lets_an_id_number_be_rebuilt(samples, model, username):
    client = Client()
    client.force_login(User.objects.get(username=username))
    response = client.get(
        reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
    )
    if response.status_code != 200:
        assert not permission(User.objects.get(username=username), model, "view")
        return
    cl = response.context["cl"]
    headers = [text_of(h["text"]) for h in result_headers(cl)]
    found = []
    for obj, row in zip(cl.result_list, results(cl), strict=True):
        cells = dict(zip(headers, (text_of(cell) for cell in row), strict=True))
        found.append((obj.id_number, cells))
    assert found or username in ("township", "township2")
    must_not_rebuild(found, f"{username} list of {model._meta.label}")


@pytest.mark.parametrize("fmt", [XLSX, CSV], ids=["xlsx", "csv"])
@pytest.mark.parametrize("model", ID_MODELS, ids=lambda m: m._meta.label_lower)
@pytest.mark.parametrize("username", STAFF)
def test_no_export_lets_an_id_number_be_rebuilt(samples, model, username, fmt):
    user = User.objects.get(username=username)
    if may_see_personal(user, model):
        return  # the role may see the numbers themselves
    client = Client()
    client.force_login(user)
    response = export(client, model._meta.label_lower, fmt)
    if response.status_code == 403:
        assert not permission(user, model, "export")
        return
    rows = download_rows(response)
    records = model._default_manager.in_bulk(list(rows))
    found = [(records[pk].id_number, cells) for pk, cells in rows.items()]
    assert found or username in ("township", "township2")
    must_not_rebuild(found, f"{username} {fmt} export of {model._meta.label}")


def change_id_number(obj):
    """Give the record a new ID number (and birth date), as a correction would: its
    history then shows the old and the new one."""
    old = obj.id_number
    new = make_id_number(old[:6], date(1980, 6, 15), 123)
    obj.id_number = new
    if hasattr(obj, "birth_date"):
        obj.birth_date = date(1980, 6, 15)
    obj.save()
    return old, new


@pytest.mark.parametrize("model", ID_MODELS, ids=lambda m: m._meta.label_lower)
@pytest.mark.parametrize("username", STAFF)
def test_no_history_page_lets_an_id_number_be_rebuilt(samples, model, username):
    user = User.objects.get(username=username)
    obj = model._default_manager.in_scope(user).exclude(id_number="").order_by("pk").first()
    if obj is None or may_see_personal(user, model):
        return  # nothing of the model in reach, or the role may see the numbers
    old, new = change_id_number(obj)
    client = Client()
    client.force_login(user)
    opts = model._meta
    response = client.get(
        reverse(f"admin:{opts.app_label}_{opts.model_name}_history", args=[obj.pk])
    )
    if response.status_code != 200:
        assert response.status_code == 403
        return
    page = response.content.decode()
    assert old not in page and new not in page
    found = []
    for record in response.context["page_obj"].object_list:
        changes = getattr(record, "history_delta_changes", [])
        for side, real in (("old", old), ("new", new)):
            cells = {str(c["field"]): c[side] for c in changes}
            if "身份证号码" in cells:
                found.append((real, cells))
    assert found, "the history shows no change of the number to check"
    must_not_rebuild(found, f"{username} history of {opts.label}")


@pytest.mark.parametrize("username", STAFF)
def test_no_import_error_sheet_lets_an_id_number_be_rebuilt(samples, username):
    """Rows refused for their ID number or birth date: the sheet shows them as an export
    would (the file came from the user, but the sheet waits on the server)."""
    user = User.objects.get(username=username)
    if not permission(user, Grant, "import") or may_see_personal(user, Grant):
        return
    client = Client()
    client.force_login(user)
    number = make_id_number("360313", date(1982, 7, 21), 244)
    rows = [
        GRANT.row(**{"受助人姓名": "重复", "身份证号码": number, "出生日期": "1982/7/21"}),
        GRANT.row(**{"受助人姓名": "重复", "身份证号码": number, "出生日期": "1982/7/21"}),
        GRANT.row(**{"受助人姓名": "晚生", "身份证号码": number, "出生日期": "2022/1/1"}),
    ]
    unit = user.top_units[0].name
    rows = [
        [unit if c == "所属单位" else v for c, v in zip(GRANT.header, row, strict=True)]
        for row in rows
    ]
    response = dry_run(client, "welfare.grant", csv_file(GRANT.header, rows, "utf-8"), CSV)
    assert response.context["error_rows"]
    sheet = client.get(reverse("admin:welfare_grant_import_errors"))
    assert sheet.status_code == 200
    book = load_workbook(io.BytesIO(downloaded(sheet))).active
    by_row = {}
    for line, column, value, _reason in book.iter_rows(min_row=2, values_only=True):
        by_row.setdefault(line, {})[column] = value
    text = " ".join(str(v) for row in book.iter_rows(values_only=True) for v in row)
    assert number not in text and "1982-07-21" not in text and "1982/7/21" not in text
    must_not_rebuild([(number, cells) for cells in by_row.values()], f"{username} error sheet")


def test_every_model_with_id_numbers_is_checked():
    with_ids = {
        m for m in PERSONAL_MODELS if "id_number" in {f.name for f in m._meta.concrete_fields}
    }
    assert with_ids == set(ID_MODELS)
    assert all(m in admin.site._registry for m in ID_MODELS)
