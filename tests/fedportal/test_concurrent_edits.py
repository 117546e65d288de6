"""Two people editing one record in the admin: the second save does not silently overwrite
the first. The change form carries the version it was loaded with; a stale or missing
version is refused with a message naming who changed the record, and nothing is written."""

from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from fedportal.versions import VERSION_FIELD, record_version
from rights.models import CaseCategory, Channel, Complainant, RightsCase
from tests.rights.conftest import LASHI_ID, LASHI_PHONE
from tests.scopetest.models import Note
from tests.spreadsheets import confirm, dry_run, xlsx

pytestmark = pytest.mark.django_db

STALE = "该记录已被他人修改（修改人：{who}，时间："
UNKNOWN = "无法确认该记录在您打开页面后是否被他人修改"
PHONE = "13979900001"


@pytest.fixture
def clients(user):
    """A logged-in client of its own per username, as two people at two computers."""

    def make(*usernames):
        made = []
        for username in usernames:
            client = Client()
            client.force_login(user(username))
            made.append(client)
        return made

    return make


def open_form(client, url):
    """Load a change form; its fields as the browser would post them back unchanged."""
    form = client.get(url).context["adminform"].form
    return {name: form[name].value() for name in form.fields}, form


def note_data(note_form, **changes):
    data = {k: ("" if v is None else v) for k, v in note_form.items()}
    return {**data, **changes}


def note_url(note):
    return reverse("admin:scopetest_note_change", args=[note.pk])


def test_the_form_carries_the_version_it_was_loaded_with(notes, login):
    note = notes["lashi"]
    response = login("township").get(note_url(note))
    assert response.context["adminform"].form[VERSION_FIELD].value() == record_version(note)
    page = response.content.decode()
    assert f'name="{VERSION_FIELD}" value="{record_version(note)}"' in page


def test_the_second_save_of_two_open_forms_is_refused(notes, clients):
    note = notes["lashi"]
    first, second = clients("township", "staff")
    first_form, _ = open_form(first, note_url(note))
    second_form, _ = open_form(second, note_url(note))

    saved = first.post(note_url(note), note_data(first_form, title="第一人的标题", count=1))
    assert saved.status_code == 302

    refused = second.post(note_url(note), note_data(second_form, title="第二人的标题", count=2))
    assert refused.status_code == 200
    errors = refused.context["adminform"].form.non_field_errors()
    assert len(errors) == 1
    assert errors[0].startswith(STALE.format(who="腊市镇妇联专干"))
    assert errors[0].endswith("），请刷新后重新编辑。")
    assert STALE.format(who="腊市镇妇联专干") in refused.content.decode()
    note.refresh_from_db()
    assert (note.title, note.count) == ("第一人的标题", 1)
    # The creation and the first person's save; nothing of the second.
    assert [h.history_type for h in note.history.all()] == ["~", "+"]
    assert note.history.first().history_user.username == "township"


def test_reloading_after_the_refusal_lets_the_second_person_save(notes, clients):
    note = notes["lashi"]
    first, second = clients("township", "staff")
    stale, _ = open_form(second, note_url(note))
    first_form, _ = open_form(first, note_url(note))
    first.post(note_url(note), note_data(first_form, title="第一人的标题"))
    assert second.post(note_url(note), note_data(stale, count=2)).status_code == 200

    fresh, _ = open_form(second, note_url(note))
    assert second.post(note_url(note), note_data(fresh, count=2)).status_code == 302
    note.refresh_from_db()
    assert (note.title, note.count) == ("第一人的标题", 2)


def test_saving_with_the_unchanged_version_works_again_and_again(notes, login):
    note = notes["lashi"]
    client = login("township")
    for count in (1, 2, 3):
        loaded, _ = open_form(client, note_url(note))
        response = client.post(note_url(note), note_data(loaded, count=count))
        assert response.status_code == 302
    note.refresh_from_db()
    assert note.count == 3


def test_a_form_without_the_version_is_refused(notes, login):
    note = notes["lashi"]
    client = login("township")
    loaded, _ = open_form(client, note_url(note))
    del loaded[VERSION_FIELD]
    response = client.post(note_url(note), note_data(loaded, title="旧页面的标题"))
    assert response.status_code == 200
    (error,) = response.context["adminform"].form.non_field_errors()
    assert error.startswith(UNKNOWN)
    assert "请刷新后重新编辑。" in error
    note.refresh_from_db()
    assert note.title == "腊市镇记录"


def test_a_refusal_comes_with_the_other_errors_of_the_form(notes, clients):
    note = notes["lashi"]
    first, second = clients("township", "staff")
    stale, _ = open_form(second, note_url(note))
    first_form, _ = open_form(first, note_url(note))
    first.post(note_url(note), note_data(first_form, count=1))
    response = second.post(note_url(note), note_data(stale, count=-1))
    form = response.context["adminform"].form
    assert form.non_field_errors()[0].startswith(STALE.format(who="腊市镇妇联专干"))
    note.refresh_from_db()
    assert note.count == 1


def test_an_import_in_between_makes_an_open_form_stale(notes, login):
    note = notes["lashi"]
    client = login("staff")
    loaded, _ = open_form(client, note_url(note))
    header = ["编号", "所属单位", "标题", "类别", "年度", "数量", "身份证号码"]
    upload = xlsx(header, [[note.pk, "腊市镇", "导入的标题", "", 2021, 7, ""]])
    response = dry_run(client, "scopetest.note", upload)
    assert not response.context["result"].has_validation_errors()
    confirm(client, "scopetest.note", response)
    note.refresh_from_db()
    assert note.title == "导入的标题"

    refused = client.post(note_url(note), note_data(loaded, count=9))
    assert refused.status_code == 200
    assert (
        refused.context["adminform"]
        .form.non_field_errors()[0]
        .startswith(STALE.format(who="区妇联业务员"))
    )
    note.refresh_from_db()
    assert (note.title, note.count) == ("导入的标题", 7)


def test_an_add_form_needs_no_version(notes, login, unit):
    response = login("township").post(
        reverse("admin:scopetest_note_add"),
        {"title": "新记录", "org_unit": unit("明塘村").pk, "year": 2021, "count": 0},
    )
    assert response.status_code == 302
    assert Note.objects.filter(title="新记录").exists()


def test_a_view_only_page_carries_no_version(notes, login, user):
    from django.contrib.auth.models import Permission

    viewer = user("township")
    viewer.groups.clear()
    viewer.user_permissions.add(Permission.objects.get(codename="view_note"))
    response = login("township").get(note_url(notes["lashi"]))
    assert response.status_code == 200
    assert f'name="{VERSION_FIELD}"' not in response.content.decode()


@pytest.fixture
def case(demo, unit):
    """A 明塘村 rights case with its complainant."""
    made = RightsCase(
        org_unit=unit("明塘村"),
        received_on=date(2021, 3, 8),
        channel=Channel.objects.get(name="12338热线"),
        category=CaseCategory.objects.get(name="家庭暴力"),
        summary="腊市镇的家暴求助。",
    )
    made.full_clean()
    made.save()
    Complainant.objects.create(
        case=made, name="李秀英", id_number=LASHI_ID, phone=LASHI_PHONE, address="腊市镇明塘村3组"
    )
    return made


def case_data(form, inline_form, **changes):
    """The case page posted back: the case's fields and its complainant inline."""
    data = {k: ("" if v is None else v) for k, v in form.items()}
    for name, value in inline_form.items():
        if value is not None:
            data[f"complainant-0-{name}"] = value
    data.update(
        {
            "complainant-TOTAL_FORMS": "1",
            "complainant-INITIAL_FORMS": "1",
            "complainant-MIN_NUM_FORMS": "0",
            "complainant-MAX_NUM_FORMS": "1",
        }
    )
    return {**data, **changes}


def open_case(client, case):
    response = client.get(reverse("admin:rights_rightscase_change", args=[case.pk]))
    form = response.context["adminform"].form
    (inline,) = response.context["inline_admin_formsets"]
    inline_form = inline.formset.forms[0]
    return (
        {name: form[name].value() for name in form.fields},
        {name: inline_form[name].value() for name in inline_form.fields},
    )


def test_two_people_on_one_case_page(case, clients):
    first, second = clients("rights", "admin")
    first_case, first_person = open_case(first, case)
    second_case, second_person = open_case(second, case)
    url = reverse("admin:rights_rightscase_change", args=[case.pk])

    # The first changes only the complainant; the case's own version moves all the same.
    saved = first.post(url, case_data(first_case, first_person, **{"complainant-0-phone": PHONE}))
    assert saved.status_code == 302
    refused = second.post(url, case_data(second_case, second_person, summary="第二人改的摘要。"))
    assert refused.status_code == 200
    assert (
        refused.context["adminform"]
        .form.non_field_errors()[0]
        .startswith(STALE.format(who="维权专干"))
    )
    assert Complainant.objects.get(case=case).phone == PHONE
    assert RightsCase.objects.get(pk=case.pk).summary == "腊市镇的家暴求助。"


def test_a_record_without_a_timestamp_is_versioned_by_its_history(case, clients):
    person = case.complainant
    url = reverse("admin:rights_complainant_change", args=[person.pk])
    first, second = clients("rights", "admin")
    first_form, _ = open_form(first, url)
    second_form, _ = open_form(second, url)
    assert first_form[VERSION_FIELD] == record_version(person) != ""

    data = {k: ("" if v is None else v) for k, v in first_form.items()}
    assert first.post(url, {**data, "address": "腊市镇明塘村4组"}).status_code == 302
    data = {k: ("" if v is None else v) for k, v in second_form.items()}
    refused = second.post(url, {**data, "address": "腊市镇明塘村5组"})
    assert refused.status_code == 200
    assert (
        refused.context["adminform"]
        .form.non_field_errors()[0]
        .startswith(STALE.format(who="维权专干"))
    )
    person.refresh_from_db()
    assert person.address == "腊市镇明塘村4组"
