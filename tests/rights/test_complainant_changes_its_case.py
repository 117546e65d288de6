"""A complainant saved or deleted on its own admin page is a change of its case: the case's
version moves and its history names who did it, so a case page opened before is refused
with the admin's message instead of saving the old complainant back over the new one."""

import pytest
from django.test import Client
from django.urls import reverse

from fedportal.models import User
from fedportal.versions import VERSION_FIELD, record_version
from rights.models import Complainant, RightsCase
from tests.spreadsheets import confirm, dry_run, xlsx

pytestmark = pytest.mark.django_db

STALE = "该记录已被他人修改（修改人：{who}，时间："
PHONE = "13979900001"


@pytest.fixture
def caseworkers(cases):
    """The rights caseworker and the superuser, each at a computer of their own."""
    made = []
    for username in ("rights", "admin"):
        client = Client()
        client.force_login(User.objects.get(username=username))
        made.append(client)
    return made


def case_url(case):
    return reverse("admin:rights_rightscase_change", args=[case.pk])


def complainant_url(person, page="change"):
    return reverse(f"admin:rights_complainant_{page}", args=[person.pk])


def fields(form):
    return {
        name: ("" if form[name].value() is None else form[name].value()) for name in form.fields
    }


def open_case(client, case):
    """The case page's fields with its complainant inline, as the browser posts them back."""
    response = client.get(case_url(case))
    data = fields(response.context["adminform"].form)
    (inline,) = response.context["inline_admin_formsets"]
    formset = inline.formset
    for name, value in formset.management_form.initial.items():
        data[f"complainant-{name}"] = value
    for name, value in fields(formset.forms[0]).items():
        data[f"complainant-0-{name}"] = value
    return data


def save_complainant(client, person, **changes):
    form = client.get(complainant_url(person)).context["adminform"].form
    return client.post(complainant_url(person), {**fields(form), **changes})


def stale_error(response) -> str:
    assert response.status_code == 200
    return response.context["adminform"].form.non_field_errors()[0]


def test_a_complainant_saved_on_its_page_makes_an_open_case_page_stale(cases, caseworkers):
    case = cases["lashi"]
    rights, admin = caseworkers
    stale = open_case(rights, case)
    before = record_version(case)

    assert save_complainant(admin, case.complainant, phone=PHONE).status_code == 302
    case.refresh_from_db()
    assert record_version(case) != before
    assert case.history.first().history_user.username == "admin"

    refused = rights.post(case_url(case), {**stale, "summary": "第二人改的摘要。"})
    assert stale_error(refused).startswith(STALE.format(who="超级管理员"))
    case.refresh_from_db()
    assert case.summary == "腊市镇的家暴求助。"
    assert Complainant.objects.get(case=case).phone == PHONE


def test_the_case_page_saves_again_once_reloaded(cases, caseworkers):
    case = cases["lashi"]
    rights, admin = caseworkers
    save_complainant(admin, case.complainant, phone=PHONE)
    fresh = open_case(rights, case)
    assert (
        rights.post(case_url(case), {**fresh, "summary": "重新打开后改的摘要。"}).status_code == 302
    )
    case.refresh_from_db()
    assert case.summary == "重新打开后改的摘要。"
    assert Complainant.objects.get(case=case).phone == PHONE


def test_a_refused_complainant_save_leaves_the_case_alone(cases, caseworkers):
    case = cases["lashi"]
    _, admin = caseworkers
    before = record_version(case)
    response = save_complainant(admin, case.complainant, **{VERSION_FIELD: "h0"})
    # Created in the test without a request: nobody is named.
    assert stale_error(response).startswith(STALE.format(who="未知"))
    case.refresh_from_db()
    assert record_version(case) == before


def test_deleting_the_complainant_makes_an_open_case_page_stale(cases, caseworkers):
    case = cases["lashi"]
    rights, admin = caseworkers
    stale = open_case(rights, case)
    response = admin.post(complainant_url(case.complainant, "delete"), {"post": "yes"})
    assert response.status_code == 302
    assert not Complainant.objects.filter(case=case).exists()

    refused = rights.post(case_url(case), {**stale, "summary": "第二人改的摘要。"})
    assert stale_error(refused).startswith(STALE.format(who="超级管理员"))
    assert RightsCase.objects.get(pk=case.pk).summary == "腊市镇的家暴求助。"


def test_moving_a_complainant_to_another_case_changes_both(cases, caseworkers, make_case, unit):
    case = cases["lashi"]
    other = make_case(unit("明塘村"), summary="另一件没有当事人的案件。")
    rights, admin = caseworkers
    stale_first, stale_other = open_case(rights, case), open_case(rights, other)

    assert save_complainant(admin, case.complainant, case=other.pk).status_code == 302
    for stale, target in ((stale_first, case), (stale_other, other)):
        refused = rights.post(case_url(target), {**stale, "summary": "第二人改的摘要。"})
        assert stale_error(refused).startswith(STALE.format(who="超级管理员")), target


def test_importing_complainants_makes_their_open_case_pages_stale(cases, caseworkers):
    """An import updating one complainant and adding none changes that case only."""
    case, untouched = cases["lashi"], cases["xiangdong"]
    rights, admin = caseworkers
    stale = open_case(rights, case)
    untouched_before = record_version(untouched)
    person = case.complainant
    row = [person.pk, case.pk, person.name, "女", person.id_number, PHONE, person.address, "否"]
    header = ["编号", "案件编号", "姓名", "性别", "身份证号码", "联系电话", "住址", "未成年人"]
    preview = dry_run(admin, "rights.complainant", xlsx(header, [row]))
    assert not preview.context.get("error_rows"), preview.context.get("error_rows")
    assert record_version(RightsCase.objects.get(pk=case.pk)) == stale[VERSION_FIELD]
    assert confirm(admin, "rights.complainant", preview).status_code == 302

    refused = rights.post(case_url(case), {**stale, "summary": "第二人改的摘要。"})
    assert stale_error(refused).startswith(STALE.format(who="超级管理员"))
    assert Complainant.objects.get(case=case).phone == PHONE
    untouched.refresh_from_db()
    assert record_version(untouched) == untouched_before
