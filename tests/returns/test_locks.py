"""An approved return locks its unit's records of the year for everyone below the approver:
admin add, change and delete forms, the bulk delete action, imports and services."""

import pytest
from django.urls import reverse

from families.models import FamilyAward
from fedportal.versions import VERSION_FIELD, record_version
from returns import locks
from returns.models import Return
from rights.models import CaseCategory, Channel, RightsCase
from rights.services import complainants_changed
from tests.spreadsheets import dry_run, error_cells, xlsx

pytestmark = pytest.mark.django_db

LOCKED = "2021年度数据已经湘东区妇联审核锁定，如需修改请联系湘东区妇联退回。"
S = Return.Status


@pytest.fixture
def approved(demo, make_return):
    return make_return("腊市镇", 2021, status=S.APPROVED)


def url(name, *args):
    return reverse(f"admin:families_familyaward_{name}", args=args)


def form(award, **changes):
    data = {
        "org_unit": award.org_unit_id,
        "household_name": award.household_name,
        "head_name": award.head_name,
        "kind": award.kind_id,
        "level": award.level_id,
        "conferred_by": award.conferred_by,
        "year": award.year,
        VERSION_FIELD: record_version(award),
    }
    return data | changes


def add_form(unit, **changes):
    award = FamilyAward(
        org_unit=unit,
        household_name="陈秀英家庭",
        head_name="陈秀英",
        kind_id=FamilyAward._meta.get_field("kind").related_model.objects.get(code="scholarly").pk,
        level_id=FamilyAward._meta.get_field("level").related_model.objects.get(code="city").pk,
        conferred_by="萍乡市妇联",
        year=2021,
    )
    data = form(award, **changes)
    del data[VERSION_FIELD]
    return data


def test_the_change_form_is_read_only_and_says_why(approved, make_award, login):
    award = make_award(year=2021)
    client = login("township")
    page = client.get(url("change", award.pk))
    assert page.status_code == 200
    text = page.content.decode()
    assert LOCKED in text
    assert 'name="household_name"' not in text  # read-only: no input to type into
    response = client.post(url("change", award.pk), form(award, household_name="改名家庭"))
    assert response.status_code == 403
    assert LOCKED in response.content.decode()
    award.refresh_from_db()
    assert award.household_name == "张建国家庭"


def test_a_record_cannot_be_moved_into_a_locked_year(approved, make_award, login):
    award = make_award(year=2022)
    response = login("township").post(url("change", award.pk), form(award, year=2021))
    assert response.status_code == 200
    assert LOCKED in response.content.decode()
    award.refresh_from_db()
    assert award.year == 2022


def test_adding_a_record_to_a_locked_year_is_refused(approved, login, unit):
    client = login("township")
    response = client.post(url("add"), add_form(unit("明塘村")))
    assert response.status_code == 200
    assert LOCKED in response.content.decode()
    assert not FamilyAward.objects.exists()
    response = client.post(url("add"), add_form(unit("明塘村"), year=2022))
    assert response.status_code == 302
    assert FamilyAward.objects.get().year == 2022


def test_deleting_is_refused_with_the_reason(approved, make_award, login):
    award = make_award(year=2021)
    client = login("township")
    for method in ("get", "post"):
        response = getattr(client, method)(url("delete", award.pk), {"post": "yes"})
        assert response.status_code == 403
        assert LOCKED in response.content.decode()
    assert FamilyAward.objects.count() == 1


def test_bulk_delete_is_refused_below_the_approver(demo, make_return, make_award, login, user):
    # The district's own return, approved by the city: district staff, who may delete, are
    # now below the approver.
    make_return("腊市镇", 2021, status=S.APPROVED)
    district = make_return("湘东区", 2021, status=S.SUBMITTED)
    from returns.services import return_approve

    return_approve(ret=district, user=user("admin"))
    award = make_award(year=2021)
    other = make_award(year=2022, household="李四家庭")
    client = login("staff")
    response = client.post(
        url("changelist"),
        {"action": "delete_selected", "_selected_action": [award.pk, other.pk], "post": "yes"},
        follow=True,
    )
    city_lock = "2021年度数据已经萍乡市妇联审核锁定，如需修改请联系萍乡市妇联退回。"
    assert f"没有删除任何记录：{city_lock}" in response.content.decode()
    assert FamilyAward.objects.count() == 2
    # Records of open years go as before.
    response = client.post(
        url("changelist"),
        {"action": "delete_selected", "_selected_action": [other.pk], "post": "yes"},
    )
    assert response.status_code == 302
    assert list(FamilyAward.objects.values_list("pk", flat=True)) == [award.pk]


def test_the_approver_still_corrects_what_it_approved(approved, make_award, login):
    award = make_award(year=2021)
    client = login("staff")
    response = client.post(url("change", award.pk), form(award, head_name="张建华"))
    assert response.status_code == 302
    award.refresh_from_db()
    assert award.head_name == "张建华"
    assert client.post(url("delete", award.pk), {"post": "yes"}).status_code == 302
    assert not FamilyAward.objects.exists()


def test_other_years_and_units_stay_open(approved, make_award, login):
    open_year = make_award(year=2022)
    other_unit = make_award("湘东镇", year=2021)
    response = login("township").post(
        url("change", open_year.pk), form(open_year, head_name="张建华")
    )
    assert response.status_code == 302
    response = login("township2").post(
        url("change", other_unit.pk), form(other_unit, head_name="张建华")
    )
    assert response.status_code == 302


def test_reopening_unlocks(approved, make_award, login, user):
    from returns.services import return_reopen

    award = make_award(year=2021)
    return_reopen(ret=approved, user=user("staff"), reason="补录")
    response = login("township").post(url("change", award.pk), form(award, head_name="张建华"))
    assert response.status_code == 302


HEADER = ["编号", "所属单位", "户名", "户主姓名", "表彰类别", "表彰级别", "授予单位", "年度"]


def test_import_refuses_each_locked_row_with_its_number(approved, make_award, login):
    award = make_award(year=2021)
    rows = [
        ["", "腊市镇", "王五家庭", "王五", "最美家庭", "省", "江西省妇联", 2022],
        ["", "腊市镇/明塘村", "赵六家庭", "赵六", "最美家庭", "省", "江西省妇联", 2021],
        [award.pk, "腊市镇", "张建国家庭", "张建华", "最美家庭", "省", "江西省妇联", 2021],
        ["", "湘东镇", "钱七家庭", "钱七", "最美家庭", "省", "江西省妇联", 2021],
    ]
    response = dry_run(login("township"), "families.familyaward", xlsx(HEADER, rows))
    errors = error_cells(response)
    assert errors[(3, "整行")] == ("", LOCKED)
    assert errors[(4, "整行")] == ("", LOCKED)
    assert (2, "整行") not in errors
    assert errors[(5, "所属单位")][0] == "湘东镇"  # outside the scope, as before
    assert FamilyAward.objects.count() == 1


def test_import_refuses_moving_a_locked_record_out_of_its_year(approved, make_award, login):
    award = make_award(year=2021)
    rows = [[award.pk, "腊市镇", "张建国家庭", "张建国", "最美家庭", "省", "江西省妇联", 2022]]
    response = dry_run(login("township"), "families.familyaward", xlsx(HEADER, rows))
    assert error_cells(response)[(2, "整行")] == ("", LOCKED)


def test_the_approver_imports_into_the_locked_year(approved, login):
    rows = [["", "腊市镇", "赵六家庭", "赵六", "最美家庭", "省", "江西省妇联", 2021]]
    response = dry_run(login("staff"), "families.familyaward", xlsx(HEADER, rows))
    assert not response.context["result"].has_validation_errors()


def test_services_refuse_locked_records(approved, unit, user):
    case = RightsCase.objects.create(
        org_unit=unit("腊市镇"),
        received_on="2021-03-02",
        year=2021,
        channel=Channel.objects.order_by("pk").first(),
        category=CaseCategory.objects.filter(parent__isnull=False).order_by("pk").first(),
        summary="婚姻家庭纠纷",
    )
    with pytest.raises(locks.RecordLocked) as caught:
        complainants_changed(moves=[(case.pk, case.pk)], user=user("township"))
    assert caught.value.messages == [LOCKED]
    assert complainants_changed(moves=[(case.pk, case.pk)], user=user("rights")) == 1
    assert locks.record_refusal(user("township"), case) == LOCKED
    assert locks.record_refusal(user("staff"), case) is None


def test_every_record_model_of_the_work_areas_is_kept_by_year():
    from django.apps import apps

    for app_label in ("families", "honors", "rights", "welfare", "employment"):
        for model in apps.get_app_config(app_label).get_models():
            if hasattr(model._default_manager.all(), "in_subtree"):
                assert locks.is_locked_model(model), model
