"""Mediations and service points in the admin: lists, scope, and spreadsheet import."""

from datetime import date

import pytest
from django.urls import reverse

from rights.models import Mediation, ServicePoint
from tests.spreadsheets import confirm, dry_run, xlsx

pytestmark = pytest.mark.django_db


@pytest.fixture
def centre(unit):
    return ServicePoint.objects.create(
        org_unit=unit("湘东区"),
        name="区婚姻家庭纠纷调处中心",
        kind=ServicePoint.Kind.MEDIATION_CENTRE,
        opened_on=date(2021, 5, 15),
        staffing="心理咨询师、法律顾问、婚姻调解专家定期坐班",
        online_consultation=True,
    )


@pytest.fixture
def mediations(cases, unit, category):
    def make(org_unit, mediated_on, case=None):
        return Mediation.objects.create(
            org_unit=org_unit,
            mediated_on=mediated_on,
            dispute_type=category("家庭纠纷"),
            mediator="易春兰",
            outcome=Mediation.Outcome.SETTLED,
            case=case,
        )

    return {
        "lashi": make(unit("腊市镇"), date(2021, 3, 20), cases["lashi"]),
        "xiangdong": make(unit("湘东镇"), date(2021, 6, 1), cases["xiangdong"]),
    }


def test_mediation_list_and_scope(mediations, login, township_worker):
    url = reverse("admin:rights_mediation_changelist")
    assert len(login("rights").get(url).context["cl"].result_list) == 2
    township_worker("rights_xd", "湘东镇")
    client = login("rights_xd")
    assert list(client.get(url).context["cl"].result_list) == [mediations["xiangdong"]]
    change = reverse("admin:rights_mediation_change", args=[mediations["lashi"].pk])
    assert client.get(change).status_code == 404


def test_mediation_case_choices_are_the_cases_in_scope(cases, login, township_worker):
    township_worker("rights_xd", "湘东镇")
    response = login("rights_xd").get(reverse("admin:rights_mediation_add"))
    assert list(response.context["adminform"].form.fields["case"].queryset) == [cases["xiangdong"]]


def test_mediation_import_links_case_and_place(cases, centre, login):
    client = login("rights")
    header = [
        "编号",
        "所属单位",
        "调解日期",
        "纠纷类型",
        "当事人数",
        "调解员",
        "调解结果",
        "关联案件编号",
        "调解地点",
        "备注",
    ]
    rows = [
        [
            "",
            "湘东镇",
            "2021/6/2",
            "离婚",
            2,
            "刘建华",
            "调解成功",
            cases["xiangdong"].pk,
            "区婚姻家庭纠纷调处中心",
            "双方就子女抚养达成一致。",
        ]
    ]
    response = dry_run(client, "rights.mediation", xlsx(header, rows))
    assert not response.context["result"].has_validation_errors(), response.context.get(
        "error_rows"
    )
    confirm(client, "rights.mediation", response)
    made = Mediation.objects.get(mediator="刘建华")
    assert (made.case, made.service_point, made.outcome) == (cases["xiangdong"], centre, "settled")


def test_service_point_page_and_import(centre, login):
    client = login("rights")
    page = client.get(reverse("admin:rights_servicepoint_change", args=[centre.pk]))
    assert "心理咨询师、法律顾问、婚姻调解专家定期坐班" in page.content.decode()
    header = [
        "编号",
        "所属单位",
        "名称",
        "类型",
        "合作单位",
        "建成日期",
        "服务内容",
        "人员配置",
        "开通线上咨询",
    ]
    rows = [
        [
            "",
            "腊市镇/明塘村",
            "明塘村妇女之家维权点",
            "妇女之家维权点",
            "腊市镇司法所",
            "2020-09-10",
            "法律咨询",
            "",
            "否",
        ]
    ]
    response = dry_run(client, "rights.servicepoint", xlsx(header, rows))
    assert not response.context["result"].has_validation_errors(), response.context.get(
        "error_rows"
    )
    confirm(client, "rights.servicepoint", response)
    point = ServicePoint.objects.get(name="明塘村妇女之家维权点")
    assert (point.kind, point.online_consultation, point.staffing) == ("womens_home", False, "")
