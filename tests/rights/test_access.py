"""Only rights caseworkers (and superusers) reach this app; every other role is refused on
every page, whether the record exists or not, and never receives personal data."""

from datetime import date

import pytest
from django.urls import reverse

from rights.models import Mediation, ServicePoint
from tests.rights.conftest import LASHI_ID, LASHI_PHONE

pytestmark = pytest.mark.django_db

MODELS = ["rightscase", "complainant", "mediation", "servicepoint"]
LIST_PAGES = ["changelist", "add", "import", "export", "import_template", "import_errors"]
RECORD_PAGES = ["change", "delete", "history"]
OTHER_ROLES = ["staff", "township", "township2"]


@pytest.fixture
def records(cases, unit, category):
    point = ServicePoint.objects.create(
        org_unit=unit("湘东区"),
        name="湘东区妇女儿童维权法律服务站",
        kind=ServicePoint.Kind.LEGAL_SERVICE_STATION,
        opened_on=date(2021, 3, 8),
    )
    mediation = Mediation.objects.create(
        org_unit=unit("腊市镇"),
        mediated_on=date(2021, 3, 20),
        dispute_type=category("家庭纠纷"),
        mediator="易春兰",
        outcome=Mediation.Outcome.SETTLED,
        case=cases["lashi"],
    )
    return {
        "rightscase": cases["lashi"],
        "complainant": cases["lashi"].complainant,
        "mediation": mediation,
        "servicepoint": point,
    }


def url(model, page, *args):
    return reverse(f"admin:rights_{model}_{page}", args=args)


def assert_no_personal_data(response):
    text = response.content.decode()
    assert LASHI_ID not in text and LASHI_PHONE not in text and "李秀英" not in text


def every_page(records):
    """(model, page, url) of every admin page of the app, lists and records."""
    for model in MODELS:
        for page in LIST_PAGES:
            yield model, page, url(model, page)
        for page in RECORD_PAGES:
            yield model, page, url(model, page, records[model].pk)


@pytest.mark.parametrize("username", OTHER_ROLES)
def test_other_roles_are_refused_every_page(records, login, username):
    client = login(username)
    answers = {}
    for model, page, address in every_page(records):
        response = client.get(address)
        assert_no_personal_data(response)
        answers[(model, page)] = response.status_code
    assert {key: code for key, code in answers.items() if code != 403} == {}
    assert len(answers) == len(MODELS) * (len(LIST_PAGES) + len(RECORD_PAGES))


@pytest.mark.parametrize("username", OTHER_ROLES)
def test_other_roles_get_the_same_answer_for_a_record_that_does_not_exist(login, username):
    assert login(username).get(url("rightscase", "change", 999999)).status_code == 403


@pytest.mark.parametrize("username", OTHER_ROLES)
@pytest.mark.parametrize("model", ["rightscase", "complainant"])
def test_other_roles_cannot_search_by_id_number(records, login, username, model):
    response = login(username).post(url(model, "find_by_id_number"), {"id_number": LASHI_ID})
    assert response.status_code == 403
    assert_no_personal_data(response)


@pytest.mark.parametrize("username", OTHER_ROLES)
def test_other_roles_cannot_export_by_post(records, login, username):
    response = login(username).post(
        url("complainant", "export"),
        {"format": "1", "complainantresource_id_number": "on", "complainantresource_name": "on"},
    )
    assert response.status_code == 403
    assert_no_personal_data(response)


@pytest.mark.parametrize("username", OTHER_ROLES)
def test_other_roles_cannot_change_a_case(records, login, username):
    case = records["rightscase"]
    response = login(username).post(url("rightscase", "change", case.pk), {"summary": "改掉"})
    assert response.status_code == 403
    case.refresh_from_db()
    assert case.summary == "腊市镇的家暴求助。"


@pytest.mark.parametrize("username", OTHER_ROLES)
def test_other_roles_cannot_look_cases_up_through_autocomplete(records, login, username):
    response = login(username).get(
        reverse("admin:autocomplete"),
        {"app_label": "rights", "model_name": "complainant", "field_name": "case", "term": ""},
    )
    assert response.status_code == 403


@pytest.mark.parametrize("username", OTHER_ROLES)
@pytest.mark.parametrize("model", ["channel", "casecategory"])
def test_other_roles_do_not_see_the_reference_lists(login, username, model):
    assert login(username).get(url(model, "changelist")).status_code == 403


@pytest.mark.parametrize("username", OTHER_ROLES)
def test_the_admin_index_does_not_show_the_app_to_other_roles(login, username):
    client = login(username)
    assert "维权服务" not in client.get(reverse("admin:index")).content.decode()
    assert client.get(reverse("admin:app_list", args=["rights"])).status_code == 404


def test_the_rights_worker_sees_the_app(login):
    page = login("rights").get(reverse("admin:app_list", args=["rights"])).content.decode()
    for name in ["维权案件", "当事人", "婚姻家庭纠纷调解", "维权服务站点", "来源渠道", "诉求类别"]:
        assert name in page


@pytest.mark.parametrize(
    "target",
    [
        ("rightscase", "changelist"),
        ("rightscase", "change"),
        ("complainant", "change"),
        ("rightscase", "import"),
        ("rightscase", "export"),
        ("complainant", "export"),
    ],
)
def test_leaders_are_sent_to_the_login_page(records, login, target):
    model, page = target
    args = [records[model].pk] if page == "change" else []
    response = login("leader").get(url(model, page, *args))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_a_leader_given_admin_access_is_still_refused(records, login, user):
    leader = user("leader")
    leader.is_staff = True
    leader.save()
    client = login("leader")
    answers = {}
    for model, page, address in every_page(records):
        response = client.get(address)
        assert_no_personal_data(response)
        answers[(model, page)] = response.status_code
    assert {key: code for key, code in answers.items() if code != 403} == {}


@pytest.mark.parametrize("username", ["rights", "admin"])
def test_caseworkers_and_superusers_reach_every_page(records, login, username):
    client = login(username)
    answers = {
        (model, page): client.get(address).status_code
        for model, page, address in every_page(records)
        # Nothing was imported, so there are no import errors to download.
        if page != "import_errors"
    }
    assert {key: code for key, code in answers.items() if code != 200} == {}


def test_limited_work_areas_shut_the_caseworker_out(records, login, user):
    from fedportal.models import WorkArea

    user("rights").work_areas.set(WorkArea.objects.filter(app_label="families"))
    response = login("rights").get(url("rightscase", "change", records["rightscase"].pk))
    assert response.status_code == 403
