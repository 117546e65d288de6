"""The demo's returns: 2021 approved and locked for every township of 湘东区; 2022 open,
some submitted, one sent back. As `township` (腊市镇) a 2021 record cannot be changed,
imported or deleted; a 2022 one can, until `staff` approves 腊市镇's 2022 return."""

import pytest
from django.db import transaction
from django.urls import reverse

from families.models import FamilyAward
from fedportal.demo import load_demo
from fedportal.models import OrgUnit
from fedportal.versions import VERSION_FIELD, record_version
from returns.models import Return
from tests.spreadsheets import dry_run, error_cells, xlsx

pytestmark = pytest.mark.django_db

LASHI = "360313103000"
LOCKED_2021 = "2021年度数据已经湘东区妇联审核锁定，如需修改请联系湘东区妇联退回。"
LOCKED_2022 = "2022年度数据已经湘东区妇联审核锁定，如需修改请联系湘东区妇联退回。"


@pytest.fixture(scope="module")
def loaded_once(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        load_demo()
        yield
        transaction.set_rollback(True)


@pytest.fixture
def loaded(loaded_once, db):
    return OrgUnit.objects.get(code=LASHI)


def award_of(lashi, year):
    return (
        FamilyAward.objects.filter(org_unit__path__startswith=lashi.path, year=year)
        .order_by("pk")
        .first()
    )


def change(client, award, **changes):
    data = {
        "org_unit": award.org_unit_id,
        "household_name": award.household_name,
        "head_name": award.head_name,
        "kind": award.kind_id,
        "level": award.level_id,
        "conferred_by": award.conferred_by,
        "year": award.year,
        "conferred_on": award.conferred_on.isoformat() if award.conferred_on else "",
        "occasion": award.occasion,
        "story": award.story,
        VERSION_FIELD: record_version(award),
    }
    url = reverse("admin:families_familyaward_change", args=[award.pk])
    return client.post(url, data | changes)


def test_the_demo_returns(loaded):
    statuses = {}
    for ret in Return.objects.select_related("org_unit"):
        statuses.setdefault(ret.period, {}).setdefault(ret.status, []).append(ret.org_unit.name)
    assert len(statuses["2021"][Return.Status.APPROVED]) == 11
    assert set(statuses["2021"]) == {Return.Status.APPROVED}
    assert sorted(statuses["2022"][Return.Status.SUBMITTED]) == sorted(
        ["湘东镇", "荷尧镇", "老关镇", "排上镇"]
    )
    assert statuses["2022"][Return.Status.SENT_BACK] == ["下埠镇"]
    assert Return.objects.get(org_unit__name="下埠镇", period="2022").reason == (
        "“两癌”救助人数与发放名单不一致，请核对后重新报送。"
    )
    assert "腊市镇" in statuses["2022"][Return.Status.OPEN]


def test_township_cannot_change_import_or_delete_a_2021_record(loaded, client, django_user_model):
    client.force_login(django_user_model.objects.get(username="township"))
    award = award_of(loaded, 2021)
    response = change(client, award, head_name="改过的名字")
    assert response.status_code == 403
    assert LOCKED_2021 in response.content.decode()
    delete = reverse("admin:families_familyaward_delete", args=[award.pk])
    response = client.post(delete, {"post": "yes"})
    assert response.status_code == 403
    assert LOCKED_2021 in response.content.decode()
    header = ["编号", "所属单位", "户名", "户主姓名", "表彰类别", "表彰级别", "授予单位", "年度"]
    rows = [[award.pk, "腊市镇/明塘村", award.household_name, "改过的名字", "最美家庭", "省",
             "江西省妇联", 2021]]  # fmt: skip
    response = dry_run(client, "families.familyaward", xlsx(header, rows))
    assert error_cells(response)[(2, "整行")] == ("", LOCKED_2021)
    award.refresh_from_db()
    assert award.head_name != "改过的名字"


def test_approving_2022_locks_it_and_reopening_unlocks_it(loaded, client, django_user_model):
    township = django_user_model.objects.get(username="township")
    staff = django_user_model.objects.get(username="staff")
    award = award_of(loaded, 2022)
    client.force_login(township)
    assert change(client, award, head_name="第一次修改").status_code == 302
    board = {"code": LASHI, "year": 2022}
    client.post(reverse("returns:submit", kwargs=board))
    client.force_login(staff)
    client.post(reverse("returns:approve", kwargs=board))
    assert Return.objects.get(org_unit=loaded, period="2022").status == Return.Status.APPROVED

    client.force_login(township)
    award.refresh_from_db()
    response = change(client, award, head_name="第二次修改")
    assert response.status_code == 403
    assert LOCKED_2022 in response.content.decode()

    client.force_login(staff)
    client.post(reverse("returns:reopen", kwargs=board), {"reason": "补录一户"})
    client.force_login(township)
    award.refresh_from_db()
    assert change(client, award, head_name="第二次修改").status_code == 302
    award.refresh_from_db()
    assert award.head_name == "第二次修改"
