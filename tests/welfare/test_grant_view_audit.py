"""Opening a grant shows its beneficiary's ID number, phone and health details in full: the
change page, its history and a past version are each logged as a view of personal data,
for every role that may open them. The masked list, refused pages and saving are not."""

import pytest
from django.urls import reverse

from fedportal.models import AuditEvent
from fedportal.versions import VERSION_FIELD, record_version
from tests.audit import logged as events
from tests.welfare.helpers import WOMAN_ID

pytestmark = pytest.mark.django_db

VIEW = AuditEvent.Action.VIEW_PERSONAL


def grant_url(grant, page="change", *more):
    return reverse(f"admin:welfare_grant_{page}", args=[grant.pk, *more])


# The district staff see personal fields unmasked in exports too; a township's staff see
# them masked there, but the change page they enter grants on shows them as stored.
@pytest.mark.parametrize("username", ["staff", "township"])
def test_opening_a_grant_is_logged_once(records, login, username):
    grant = records["lashi_grant"]
    response = login(username).get(grant_url(grant))
    assert response.status_code == 200
    page = response.content.decode()
    assert WOMAN_ID in page and "13812345678" in page and "宫颈癌术后" in page
    assert events() == [
        (
            username,
            VIEW,
            "welfare.grant",
            str(grant.pk),
            f"查看救助发放（编号 {grant.pk}）的个人信息",
        )
    ]


def test_the_history_and_a_past_version_are_logged(records, login):
    grant = records["lashi_grant"]
    client = login("staff")
    assert client.get(grant_url(grant, "history")).status_code == 200
    version = grant.history.first().pk
    assert client.get(grant_url(grant, "simple_history", version)).status_code == 200
    assert [description for *_, description in events()] == [
        f"查看救助发放（编号 {grant.pk}）的修改历史（含个人信息）",
        f"查看救助发放（编号 {grant.pk}）的历史版本（含个人信息）",
    ]


def test_the_masked_list_is_not_logged(records, login):
    response = login("township").get(reverse("admin:welfare_grant_changelist"))
    assert response.status_code == 200
    assert WOMAN_ID not in response.content.decode()
    assert events() == []


def test_refused_pages_are_not_logged(records, login):
    # Another township's grant is a 404; a role without welfare a 403.
    assert login("township2").get(grant_url(records["lashi_grant"])).status_code == 404
    assert login("rights").get(grant_url(records["lashi_grant"])).status_code == 403
    assert events() == []


def test_saving_a_grant_logs_no_view(records, login):
    grant = records["lashi_grant"]
    client = login("staff")
    form = client.get(grant_url(grant)).context["adminform"].form
    data = {name: form[name].value() for name in form.fields}
    data = {k: ("" if v is None else v) for k, v in data.items() if v is not False}
    assert len(events()) == 1  # the page just opened

    response = client.post(grant_url(grant), {**data, "notes": "已回访。"})
    assert response.status_code == 302
    assert len(events()) == 1
    grant.refresh_from_db()
    assert grant.notes == "已回访。"
    assert record_version(grant) != data[VERSION_FIELD]
