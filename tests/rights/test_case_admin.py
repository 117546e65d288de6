"""The case admin as a caseworker: masked list, full change page, scope inside the role."""

import pytest
from django.urls import reverse

from fedportal.versions import VERSION_FIELD, record_version
from rights.admin import RightsCaseAdmin
from rights.models import Complainant, RightsCase
from tests.rights.conftest import LASHI_ID, LASHI_PHONE, XIANGDONG_ID, XIANGDONG_PHONE

pytestmark = pytest.mark.django_db

FULL_VALUES = [LASHI_ID, LASHI_PHONE, XIANGDONG_ID, XIANGDONG_PHONE, "李秀英", "王桂兰"]


def url(page, *args):
    return reverse(f"admin:rights_rightscase_{page}", args=args)


def case_form(case_fields, complainant_fields=None, complainant_id="", case_id=""):
    data = {
        "complainant-TOTAL_FORMS": "1",
        "complainant-INITIAL_FORMS": "1" if complainant_id else "0",
        "complainant-MIN_NUM_FORMS": "0",
        "complainant-MAX_NUM_FORMS": "1",
        "complainant-0-id": complainant_id,
        "complainant-0-case": case_id,
        **case_fields,
    }
    for name, value in (complainant_fields or {}).items():
        data[f"complainant-0-{name}"] = value
    if case_id:
        # The version the case's change form was loaded with.
        data[VERSION_FIELD] = record_version(RightsCase.objects.get(pk=case_id))
    return data


def test_list_shows_names_masked_and_no_id_or_phone(cases, login):
    page = login("rights").get(url("changelist")).content.decode()
    assert "李**" in page and "王**" in page
    assert [value for value in FULL_VALUES if value in page] == []


def test_list_query_count_does_not_grow_with_cases(
    cases, login, make_case, unit, django_assert_num_queries
):
    client = login("rights")
    client.get(url("changelist"))
    for day in range(1, 6):
        make_case(unit("荷尧镇"), summary=f"第{day}件")
    with django_assert_num_queries(14):  # one of them for the years that hold cases
        response = client.get(url("changelist"))
    assert len(response.context["cl"].result_list) == 7


def test_change_page_shows_the_caseworker_the_full_data(cases, login):
    page = login("rights").get(url("change", cases["lashi"].pk)).content.decode()
    assert LASHI_ID in page and LASHI_PHONE in page and "李秀英" in page
    assert XIANGDONG_ID not in page


def test_search_never_matches_id_numbers_or_phones(cases, login):
    assert not {"id_number", "phone"} & {
        field.rsplit("__", 1)[-1] for field in RightsCaseAdmin.search_fields
    }
    client = login("rights")
    for term in (LASHI_ID, LASHI_ID[-4:], LASHI_PHONE):
        assert list(client.get(url("changelist"), {"q": term}).context["cl"].result_list) == []
    found = client.get(url("changelist"), {"q": "家暴"}).context["cl"].result_list
    assert list(found) == [cases["lashi"]]


def test_find_by_id_number_is_a_post_for_the_caseworker(cases, login):
    response = login("rights").post(url("find_by_id_number"), {"id_number": LASHI_ID[-4:]})
    assert response.context["matches"] == [cases["lashi"]]
    assert LASHI_ID not in response.content.decode()


def test_township_caseworker_sees_only_her_township(cases, login, township_worker):
    township_worker("rights_xd", "湘东镇")
    client = login("rights_xd")
    listed = client.get(url("changelist")).context["cl"].result_list
    assert list(listed) == [cases["xiangdong"]]
    for page in ("change", "delete", "history"):
        response = client.get(url(page, cases["lashi"].pk))
        assert response.status_code == 404
        assert LASHI_ID not in response.content.decode()
    found = client.post(url("find_by_id_number"), {"id_number": LASHI_ID}).context["matches"]
    assert found == []


def test_cannot_change_a_case_outside_the_scope(cases, login, township_worker, unit):
    township_worker("rights_xd", "湘东镇")
    lashi = cases["lashi"]
    response = login("rights_xd").post(
        url("change", lashi.pk),
        case_form(
            {
                "org_unit": unit("湘东镇").pk,
                "received_on": "2021-03-08",
                "status": "received",
                "channel": lashi.channel_id,
                "category": lashi.category_id,
                "summary": "改掉",
            },
            {"name": "改掉", "sex": "female"},
            complainant_id=lashi.complainant.pk,
            case_id=lashi.pk,
        ),
    )
    assert response.status_code == 404
    lashi.complainant.refresh_from_db()
    assert lashi.complainant.name == "李秀英"


def test_the_inline_cannot_reach_another_cases_complainant(cases, login, township_worker, unit):
    township_worker("rights_xd", "湘东镇")
    own, other = cases["xiangdong"], cases["lashi"].complainant
    response = login("rights_xd").post(
        url("change", own.pk),
        case_form(
            {
                "org_unit": unit("湘东镇").pk,
                "received_on": "2021-05-10",
                "status": "received",
                "channel": own.channel_id,
                "category": own.category_id,
                "summary": own.summary,
            },
            {"name": "偷改", "sex": "female"},
            complainant_id=other.pk,
            case_id=own.pk,
        ),
    )
    assert response.status_code == 200
    other.refresh_from_db()
    assert other.name == "李秀英" and other.case == cases["lashi"]


def test_inline_queryset_is_scoped(cases, user, rf):
    from django.contrib import admin

    from rights.admin import ComplainantInline

    request = rf.get("/")
    request.user = user("township")
    inline = ComplainantInline(RightsCase, admin.site)
    assert list(inline.get_queryset(request)) == []
    request.user = user("rights")
    assert set(inline.get_queryset(request)) == {
        cases["lashi"].complainant,
        cases["xiangdong"].complainant,
    }


def test_caseworker_adds_a_case_with_its_complainant(demo, login, unit, user, channel, category):
    response = login("rights").post(
        url("add"),
        case_form(
            {
                "org_unit": unit("明塘村").pk,
                "received_on": "2021-11-05",
                "status": "received",
                "channel": channel("来访").pk,
                "category": category("离婚").pk,
                "summary": "咨询离婚后住房问题。",
            },
            {
                "name": "彭小燕",
                "sex": "female",
                "id_number": LASHI_ID.lower(),
                "phone": "139 7990 1234",
                "address": "腊市镇明塘村2组",
            },
        ),
    )
    assert response.status_code == 302, response.context["errors"]
    case = RightsCase.objects.get(summary="咨询离婚后住房问题。")
    assert (case.year, case.created_by) == (2021, user("rights"))
    assert (case.complainant.id_number, case.complainant.phone) == (LASHI_ID, LASHI_PHONE)


def test_a_bad_complainant_keeps_the_case_from_being_saved(demo, login, unit, channel, category):
    response = login("rights").post(
        url("add"),
        case_form(
            {
                "org_unit": unit("明塘村").pk,
                "received_on": "2021-11-05",
                "status": "received",
                "channel": channel("来访").pk,
                "category": category("离婚").pk,
                "summary": "一件新案件。",
            },
            {"name": "彭小燕", "sex": "female", "id_number": LASHI_ID[:-1] + "0"},
        ),
    )
    assert response.status_code == 200
    assert "身份证号码校验位不正确" in response.content.decode()
    assert not RightsCase.objects.filter(summary="一件新案件。").exists()
    assert not Complainant.objects.exists()


def test_a_skipped_status_step_is_refused_in_the_form(cases, login, unit):
    case = cases["xiangdong"]
    response = login("rights").post(
        url("change", case.pk),
        case_form(
            {
                "org_unit": unit("湘东镇").pk,
                "received_on": "2021-05-10",
                "status": "closed",
                "closed_on": "2021-05-20",
                "channel": case.channel_id,
                "category": case.category_id,
                "summary": case.summary,
            },
            {
                "name": "王桂兰",
                "sex": "female",
                "id_number": XIANGDONG_ID,
                "phone": XIANGDONG_PHONE,
                "address": "湘东镇三角池村5组",
            },
            complainant_id=case.complainant.pk,
            case_id=case.pk,
        ),
    )
    assert response.status_code == 200
    assert "办理状态只能从“受理”改为“办理中”，不能改为“办结”。" in response.content.decode()
    case.refresh_from_db()
    assert case.status == RightsCase.Status.RECEIVED


def test_township_caseworker_cannot_file_a_case_in_another_township(
    demo, login, township_worker, unit, channel, category
):
    township_worker("rights_xd", "湘东镇")
    response = login("rights_xd").post(
        url("add"),
        case_form(
            {
                "org_unit": unit("腊市镇").pk,
                "received_on": "2021-11-05",
                "status": "received",
                "channel": channel("来访").pk,
                "category": category("离婚").pk,
                "summary": "越权录入。",
            },
        ),
    )
    assert response.status_code == 200
    assert not RightsCase.objects.filter(summary="越权录入。").exists()
