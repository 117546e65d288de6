"""List and change pages of every welfare record: in scope for 腊市镇, 404 for 湘东镇's user."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

# model, what the 腊市镇 record shows in the list, what the 湘东镇 record shows
MODELS = [
    ("programmerun", "腊市镇合作单位", "湘东镇合作单位"),
    ("fundraising", "腊市镇爱心人士", "湘东镇爱心人士"),
    ("grant", "易秀英", "钟桂兰"),
    ("screening", "腊市镇卫生院", "湘东镇卫生院"),
]


def url(name, *args):
    return reverse(f"admin:welfare_{name}", args=args)


@pytest.mark.parametrize(("model", "lashi", "xiangdong"), MODELS)
def test_township_lists_only_its_own_records(records, login, model, lashi, xiangdong):
    page = login("township").get(url(f"{model}_changelist"))
    assert page.status_code == 200
    assert lashi in page.content.decode()
    assert xiangdong not in page.content.decode()


@pytest.mark.parametrize(("model", "lashi", "xiangdong"), MODELS)
def test_district_staff_list_both_townships(records, login, model, lashi, xiangdong):
    page = login("staff").get(url(f"{model}_changelist")).content.decode()
    assert lashi in page and xiangdong in page


@pytest.mark.parametrize(("model", "lashi", "xiangdong"), MODELS)
def test_the_other_township_does_not_see_it(records, login, model, lashi, xiangdong):
    page = login("township2").get(url(f"{model}_changelist")).content.decode()
    assert xiangdong in page
    assert lashi not in page


@pytest.mark.parametrize("model", [m for m, _, _ in MODELS])
def test_change_page_opens_in_scope(records, login, model):
    response = login("township").get(url(f"{model}_change", records[f"lashi_{model}"].pk))
    assert response.status_code == 200
    assert response.context["adminform"].form.instance == records[f"lashi_{model}"]


@pytest.mark.parametrize("model", [m for m, _, _ in MODELS])
@pytest.mark.parametrize("view", ["change", "history", "delete"])
def test_pages_outside_the_scope_are_404(records, login, model, view):
    response = login("township2").get(url(f"{model}_{view}", records[f"lashi_{model}"].pk))
    assert response.status_code == 404


@pytest.mark.parametrize("model", [m for m, _, _ in MODELS])
def test_a_role_without_welfare_rights_gets_403(records, login, model):
    assert login("rights").get(url(f"{model}_changelist")).status_code == 403


@pytest.mark.parametrize(
    ("model", "filters"),
    [
        ("programmerun", {"year": 2021}),
        ("fundraising", {"year": 2021}),
        ("grant", {"year": 2021, "residence__exact": "rural", "is_minor__exact": 0}),
        ("screening", {"year": 2021, "population__exact": "rural"}),
    ],
)
def test_filters_by_unit_and_field(records, login, model, filters):
    response = login("staff").get(url(f"{model}_changelist"), {"unit": "360313103000", **filters})
    assert list(response.context["cl"].result_list) == [records[f"lashi_{model}"]]


@pytest.mark.parametrize(
    ("model", "queries"),
    # 6 for the session, user, work areas, permissions and units; one per filter with
    # choices; the years that hold records; the count and the page (with its units and
    # programmes joined); two for a date hierarchy. The grant list is pinned in
    # test_grant_admin.
    [("programmerun", 11), ("fundraising", 13), ("screening", 12)],
)
def test_list_query_count_is_pinned(records, login, django_assert_num_queries, model, queries):
    client = login("staff")
    client.get(url(f"{model}_changelist"))
    with django_assert_num_queries(queries):
        client.get(url(f"{model}_changelist"))
