"""Opening a trainee shows her ID number and phone in full: the change page, its history
and a past version are each logged as a view of personal data. The masked list and
refused pages are not."""

import pytest
from django.urls import reverse

from fedportal.models import AuditEvent
from tests.audit import logged as events
from tests.employment.helpers import ID_NUMBER, PHONE

pytestmark = pytest.mark.django_db

VIEW = AuditEvent.Action.VIEW_PERSONAL


def trainee_url(trainee, page="change", *more):
    return reverse(f"admin:employment_trainee_{page}", args=[trainee.pk, *more])


@pytest.mark.parametrize("username", ["staff", "township"])
def test_opening_a_trainee_is_logged_once(trainees, login, username):
    trainee = trainees["lashi"]
    response = login(username).get(trainee_url(trainee))
    assert response.status_code == 200
    page = response.content.decode()
    assert ID_NUMBER in page and PHONE in page
    assert events() == [
        (
            username,
            VIEW,
            "employment.trainee",
            str(trainee.pk),
            f"查看学员（编号 {trainee.pk}）的个人信息",
        )
    ]


def test_the_history_and_a_past_version_are_logged(trainees, login):
    trainee = trainees["lashi"]
    client = login("staff")
    assert client.get(trainee_url(trainee, "history")).status_code == 200
    version = trainee.history.first().pk
    assert client.get(trainee_url(trainee, "simple_history", version)).status_code == 200
    assert [description for *_, description in events()] == [
        f"查看学员（编号 {trainee.pk}）的修改历史（含个人信息）",
        f"查看学员（编号 {trainee.pk}）的历史版本（含个人信息）",
    ]


def test_the_masked_list_and_refused_pages_are_not_logged(trainees, login):
    response = login("township").get(reverse("admin:employment_trainee_changelist"))
    assert response.status_code == 200
    assert ID_NUMBER not in response.content.decode()
    assert login("township2").get(trainee_url(trainees["lashi"])).status_code == 404
    assert login("rights").get(trainee_url(trainees["lashi"])).status_code == 403
    assert events() == []
