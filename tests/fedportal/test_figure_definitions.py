"""Figures defined in the admin: by whom, for which units, checked as they are typed, shown
with their value, and never deleted from under a draft or a target."""

import pytest
from django.test import Client
from django.urls import reverse

from families.models import AwardKind, AwardLevel, FamilyAward
from fedportal import indicators
from fedportal.models import FigureDefinition, OrgUnit
from reports.models import PlanItem, PlanTarget, Report

pytestmark = pytest.mark.django_db

ADD = reverse("admin:fedportal_figuredefinition_add")


def form(filters=(), **fields):
    data = {
        "label": "省级及以上最美家庭",
        "key": "families.top_beautiful",
        "unit_word": "户",
        "source": "families.award",
        "measure": "count",
        "field": "",
        "basis": "flow",
        "dimensions": "",
        "numerator": "",
        "denominator": "",
        "description": "",
        "order": 0,
        "filters-TOTAL_FORMS": len(filters),
        "filters-INITIAL_FORMS": 0,
        "filters-MIN_NUM_FORMS": 0,
        "filters-MAX_NUM_FORMS": 1000,
    }
    for n, (field, operator, values) in enumerate(filters):
        data |= {f"filters-{n}-field": field, f"filters-{n}-operator": operator}
        data[f"filters-{n}-values"] = values
    data.update(fields)
    return data


@pytest.fixture
def awards(demo, unit):
    kind = AwardKind.objects.get(code="most_beautiful")
    for level, unit_name, name in [
        ("national", "腊市镇", "甲家庭"),
        ("provincial", "湘东镇", "乙家庭"),
        ("city", "腊市镇", "丙家庭"),
    ]:
        FamilyAward.objects.create(
            org_unit=unit(unit_name),
            household_name=name,
            head_name="户主",
            kind=kind,
            level=AwardLevel.objects.get(code=level),
            conferred_by="妇联",
            year=2021,
        )


def test_district_staff_define_a_figure_by_names_and_it_is_stored_by_code(awards, login, unit):
    district = unit("湘东区")
    response = login("staff").post(
        ADD,
        form(
            [("表彰类别", "in", "最美家庭"), ("表彰级别", "at_or_above", "省级")],
            org_unit=district.pk,
        ),
    )
    assert response.status_code == 302, response.context["errors"]
    definition = FigureDefinition.objects.get(key="families.top_beautiful")
    stored = sorted((f.field, f.operator, f.values) for f in definition.filters.all())
    assert stored == [("kind", "in", "most_beautiful"), ("level", "at_or_above", "provincial")]
    assert indicators.get("families.top_beautiful").value(2021, district) == 2
    # The change page shows the figure's value as it is being checked.
    page = login("staff").get(
        reverse("admin:fedportal_figuredefinition_change", args=[definition.pk])
    )
    assert "2021年 2户" in page.content.decode()


@pytest.mark.parametrize(
    ("fields", "filters", "message"),
    [
        ({"source": "families.nothing"}, [], "families.nothing 不在可用的选项中"),
        ({"measure": "sum", "field": "household_name"}, [], "“户名”不是数值，不能求和"),
        ({"measure": "sum", "field": "nothing"}, [], "没有可求和的字段“nothing”"),
        ({}, [("帮扶项目", "in", "两癌救助")], "“帮扶项目”不是“家庭表彰”的筛选字段"),
        ({}, [("表彰级别", "in", "村级")], "“表彰级别”中没有代码、名称或别名为“村级”的条目"),
        ({}, [("表彰类别", "at_or_above", "最美家庭")], "“表彰类别”不能用“及以上”"),
        ({"key": "welfare.top_beautiful"}, [], "指标代码应以“families.”开头"),
        ({"dimensions": "城乡"}, [], "不能按“城乡”分解"),
        (
            {"measure": "ratio", "source": "", "numerator": "families.nothing"},
            [],
            "没有代码为“families.nothing”的指标",
        ),
    ],
)
def test_bad_definitions_are_refused_in_chinese_and_save_nothing(
    demo, login, unit, fields, filters, message
):
    response = login("staff").post(ADD, form(filters, org_unit=unit("湘东区").pk, **fields))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not FigureDefinition.objects.filter(label="省级及以上最美家庭").exists()


def test_a_districts_figures_are_its_own(awards, login, unit, user):
    login("staff").post(ADD, form(org_unit=unit("湘东区").pk))
    definition = FigureDefinition.objects.get(key="families.top_beautiful")
    # Another district's staff neither see nor open it, and cannot define one for a unit
    # outside their scope.
    other = OrgUnit.objects.add_child(
        OrgUnit.objects.get(name="萍乡市"),
        {"name": "别区", "code": "360399000000", "level": OrgUnit.Level.DISTRICT},
    )
    stranger = user("staff")
    stranger.pk = None
    stranger.username = "other-staff"
    stranger.save()
    stranger.groups.set(user("staff").groups.all())
    stranger.org_units.set([other])
    client = Client()
    client.force_login(stranger)
    listed = client.get(reverse("admin:fedportal_figuredefinition_changelist"))
    assert "省级及以上最美家庭" not in listed.content.decode()
    page = reverse("admin:fedportal_figuredefinition_change", args=[definition.pk])
    assert client.get(page).status_code == 404
    response = client.post(ADD, form(key="families.mine", org_unit=unit("湘东区").pk))
    assert response.status_code == 200
    assert not FigureDefinition.objects.filter(key="families.mine").exists()
    assert not indicators.get("families.top_beautiful").available_to(other)


def test_township_staff_and_leaders_do_not_define_figures(demo, login, unit):
    for username in ("township", "leader", "writer"):
        response = login(username).post(ADD, form(org_unit=unit("腊市镇").pk))
        assert response.status_code in (302, 403)
    assert not FigureDefinition.objects.filter(key="families.top_beautiful").exists()


def test_built_in_figures_are_read_only_below_the_superuser(demo, login):
    builtin = FigureDefinition.objects.get(key="families.city_green", org_unit=None)
    page = reverse("admin:fedportal_figuredefinition_change", args=[builtin.pk])
    response = login("staff").post(page, form(key="families.city_green", label="改名"))
    assert response.status_code == 403
    builtin.refresh_from_db()
    assert builtin.label == "市级“绿色（清洁）家庭”"
    delete = reverse("admin:fedportal_figuredefinition_delete", args=[builtin.pk])
    assert login("admin").post(delete, {"post": "yes"}).status_code == 403


def test_a_figure_in_use_is_not_deleted_and_the_page_says_where(awards, login, unit):
    district = unit("湘东区")
    login("staff").post(ADD, form(org_unit=district.pk))
    definition = FigureDefinition.objects.get(key="families.top_beautiful")
    report = Report.objects.create(
        org_unit=district, year=2021, opening="获评{families.top_beautiful}。"
    )
    item = PlanItem.objects.create(report=report, order=1, heading="打算", body="正文")
    PlanTarget.objects.create(plan_item=item, indicator="families.top_beautiful", target=3)
    delete = reverse("admin:fedportal_figuredefinition_delete", args=[definition.pk])
    page = login("staff").get(delete).content.decode()
    assert "报告草稿" in page and "量化目标" in page
    login("staff").post(delete, {"post": "yes"})
    assert FigureDefinition.objects.filter(pk=definition.pk).exists()
    # Once nothing uses it, it goes.
    report.delete()
    response = login("staff").post(delete, {"post": "yes"})
    assert response.status_code == 302
    assert not FigureDefinition.objects.filter(pk=definition.pk).exists()
