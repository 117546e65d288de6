"""Field-level privacy, for every model with personal fields and as every role.

A model has personal fields when it declares some (`personal_fields`, see
fedportal.personal_data) or its admin searches by ID number (`id_number_fields`).
Lists show them masked to everyone who lacks `view_personal_<model>`, and ID numbers
masked to everyone; exports (xlsx and CSV) mask them for roles without that permission.
Complainants of rights cases are seen by 维权专干 and superusers only, and appear on no
dashboard or report page. The demo's ID and phone numbers appearing in links, logs and
refusal pages are checked by the access matrix (test_access_matrix.py) on every request;
here the 500 page.
"""

import csv
import io
from datetime import datetime, time

import pytest
from django.contrib import admin
from django.test import Client
from django.urls import path, reverse
from openpyxl import load_workbook

from fedportal.imports import cell_text
from fedportal.models import User
from fedportal.personal_data import personal_fields as policy_of
from rights.models import Complainant
from tests.security.conftest import DISTRICT, LASHI, USERNAMES, XIANGDONG, YEAR, portal_models
from tests.security.matrix import permission
from tests.spreadsheets import CSV, XLSX, downloaded, export
from welfare.models import Grant

pytestmark = pytest.mark.django_db

STAFF_ROLES = [name for name in USERNAMES if name not in (None, "leader", "writer")]


def personal_fields(model):
    """{attribute path: mask} of the model's personal fields, the mask None where the
    admin's ID-number search names a field the export does not have."""
    model_admin = admin.site._registry[model]
    found = dict(policy_of(model))
    for field in getattr(model_admin, "id_number_fields", ()):
        found.setdefault(field, None)
    return found


PERSONAL_MODELS = [model for model in portal_models() if personal_fields(model)]


def value_at(obj, attribute):
    for name in attribute.split("__"):
        obj = getattr(obj, name, None)
        if obj is None:
            return ""
    return obj


def is_id_number(attribute):
    return attribute.rsplit("__", 1)[-1] == "id_number"


def sees_personal(user, model):
    return permission(user, model, "view_personal")


def test_the_personal_models_are_found():
    """The discovery above finds what the project knows to be personal; a new model with
    personal fields joins by itself."""
    labels = {model._meta.label for model in PERSONAL_MODELS}
    assert {"welfare.Grant", "employment.Trainee", "rights.Complainant", "rights.RightsCase"} <= (
        labels
    )


@pytest.mark.parametrize("model", PERSONAL_MODELS, ids=lambda m: m._meta.label_lower)
@pytest.mark.parametrize("username", STAFF_ROLES)
def test_lists_mask_personal_fields(samples, client, model, username):
    user = User.objects.get(username=username)
    client.force_login(user)
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
    response = client.get(url)
    if response.status_code == 403:
        assert not permission(user, model, "view")
        return
    assert response.status_code == 200
    page = response.content.decode()
    records = list(response.context["cl"].result_list)
    assert records or username in ("township", "township2"), "an empty list proves nothing"
    fields = personal_fields(model)
    shown = []
    for obj in records:
        for attribute in fields:
            value = str(value_at(obj, attribute))
            # Short values (a one-character name) are masked whole, but may occur anywhere.
            if len(value) < 4:
                continue
            if (is_id_number(attribute) or not sees_personal(user, model)) and value in page:
                shown.append(f"{obj._meta.label} #{obj.pk} {attribute}")
    assert not shown, f"{username} sees unmasked in the list: {shown[:5]}"


def download_rows(response):
    """The rows of an export as {column: cell}, keyed by the record's 编号."""
    content = downloaded(response)
    if response["Content-Type"].startswith("text/csv"):
        header, *rows = csv.reader(io.StringIO(content.decode("utf-8-sig")))
    else:
        sheet = load_workbook(io.BytesIO(content), read_only=True).active
        header, *rows = ([cell.value for cell in row] for row in sheet.iter_rows())
    return {int(row[0]): dict(zip(header, map(as_read, row), strict=True)) for row in rows}


def as_read(cell):
    """A cell as the import reads it back: digits a CSV keeps as text (="…") unwrapped, and
    a date cell of a workbook as its date."""
    if isinstance(cell, datetime) and cell.time() == time():
        return cell.date()
    return cell_text(cell) if isinstance(cell, str) else cell


@pytest.mark.parametrize("fmt", [XLSX, CSV], ids=["xlsx", "csv"])
@pytest.mark.parametrize(
    "model",
    [m for m in PERSONAL_MODELS if any(personal_fields(m).values())],
    ids=lambda m: m._meta.label_lower,
)
@pytest.mark.parametrize("username", STAFF_ROLES)
def test_exports_mask_personal_fields_for_roles_without_the_right(
    samples, client, model, username, fmt
):
    user = User.objects.get(username=username)
    client.force_login(user)
    response = export(client, model._meta.label_lower, fmt)
    if not permission(user, model, "export"):
        assert response.status_code == 403
        return
    assert response.status_code == 200
    rows = download_rows(response)
    resource = admin.site._registry[model].resource_classes[0]
    columns = {f.attribute: f.column_name for f in resource().get_export_fields()}
    records = model._default_manager.in_scope(user).in_bulk(list(rows))
    assert set(records) == set(rows), "the export holds records outside the scope"
    full = sees_personal(user, model)
    checked = 0
    for pk, row in rows.items():
        for attribute, mask in personal_fields(model).items():
            if mask is None or attribute not in columns:
                continue
            stored = value_at(records[pk], attribute)
            cell = row[columns[attribute]] or ""
            expected = stored if full else mask(stored)
            assert str(cell) == str(expected), (pk, attribute, cell)
            if stored and not full:
                assert str(cell) != str(stored)
                checked += 1
    assert full or checked or not rows, "nothing personal was exported to check"


@pytest.mark.parametrize("username", [name for name in USERNAMES if name])
def test_complainants_are_seen_by_rights_caseworkers_and_superusers_only(samples, client, username):
    user = User.objects.get(username=username)
    client.force_login(user)
    complainant = samples[Complainant].inside
    allowed = username in ("rights", "admin")
    assert user.has_perm("rights.view_personal_complainant") is allowed
    pages = [
        reverse("admin:rights_complainant_changelist"),
        reverse("admin:rights_complainant_change", args=[complainant.pk]),
        reverse("admin:rights_rightscase_change", args=[complainant.case.pk]),
    ]
    for url in pages:
        response = client.get(url)
        if allowed:
            assert response.status_code == 200, url
        else:
            # Officials are not admin users at all: the admin sends them to its sign-in.
            assert response.status_code in (403, 302), url
            assert complainant.id_number not in response.content.decode()


@pytest.mark.parametrize("username", [name for name in USERNAMES if name])
def test_no_dashboard_or_report_page_names_a_complainant(samples, client, username):
    user = User.objects.get(username=username)
    client.force_login(user)
    secrets = set()
    for row in Complainant.objects.values_list("id_number", "phone", "address"):
        secrets.update(value for value in row if value)
    assert secrets
    urls = [reverse("dashboard"), reverse("reports:list")]
    for code in (DISTRICT, LASHI, XIANGDONG):
        urls += [
            f"{reverse('dashboard')}?unit={code}&year={YEAR}",
            reverse("reports:detail", args=[code, YEAR]),
        ]
    for url in urls:
        response = client.get(url)
        if response.status_code != 200:
            continue
        page = response.content.decode()
        assert not [s for s in secrets if s in page], (username, url)


def _crash(request):
    """A view that fails with a resident's ID number in the exception."""
    raise RuntimeError(f"处理身份证号码 {request.GET['number']} 时出错")


urlpatterns = [path("crash/", _crash)]


def test_the_error_page_shows_no_personal_data(samples, settings, caplog):
    settings.ROOT_URLCONF = __name__
    number = Grant.objects.exclude(id_number="").values_list("id_number", flat=True)[0]
    client = Client(raise_request_exception=False)
    response = client.get("/crash/", {"number": number})
    assert response.status_code == 500
    assert number not in response.content.decode()
    # The log line names the path only; the exception stays in the traceback kept with it.
    assert all(number not in record.getMessage() for record in caplog.records)


def test_a_search_by_id_number_keeps_it_out_of_urls_and_logs(samples, client, caplog):
    client.force_login(User.objects.get(username="township"))
    grant = samples[Grant].inside
    response = client.post(
        reverse("admin:welfare_grant_find_by_id_number"), {"id_number": grant.id_number}
    )
    assert response.status_code == 200
    assert response.context["matches"] == [grant]
    assert grant.id_number not in response.request["PATH_INFO"]
    assert not response.request.get("QUERY_STRING")
    assert all(grant.id_number not in record.getMessage() for record in caplog.records)
    # The match is listed by name; the number typed stays in its box only.
    assert response.content.decode().count(grant.id_number) == 1
