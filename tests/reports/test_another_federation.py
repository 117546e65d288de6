"""A federation that is not the demo sets itself up through the admin and the import
templates only — a county of another province, with a programme, a title and totals-only
work of its own, a goods-only programme, a loan scheme and a collective recipient — and
every one of its figures comes out on its dashboard and in `manage.py indicators`: a rate,
a stock to date and a half-year figure among them. No code names anything of it."""

import io

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from fedportal.imports import column_name
from fedportal.models import OrgUnit, User
from honors.models import HonorTitle
from tests.spreadsheets import XLSX, confirm, dry_run
from welfare.models import Programme

CITY, COUNTY, TOWN, VILLAGE = "530900000000", "530999000000", "530999100000", "530999101000"


def template_upload(client, app_model, rows):
    """Fill the model's downloaded import template: `rows` are dicts by column name."""
    url = reverse(f"admin:{app_model.replace('.', '_')}_import_template")
    response = client.get(url)
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    # The header as downloaded, required columns marked: the import takes it as it is.
    header = [cell.value for cell in sheet[1]]
    names = [column_name(cell) for cell in header]
    book = Workbook()
    book.active.append(header)
    for row in rows:
        unknown = set(row) - set(names)
        assert not unknown, f"模板没有这些列：{unknown}"
        book.active.append([row.get(column, "") for column in names])
    data = io.BytesIO()
    book.save(data)
    data.seek(0)
    data.name = "upload.xlsx"
    return data


def import_rows(client, app_model, rows):
    preview = dry_run(client, app_model, template_upload(client, app_model, rows), XLSX)
    assert preview.status_code == 200
    result = preview.context.get("result")
    assert result is not None and not result.has_errors(), preview.content.decode()[:3000]
    assert not result.has_validation_errors(), [
        (row.number, row.error_dict) for row in result.invalid_rows
    ]
    done = confirm(client, app_model, preview)
    assert done.status_code == 302


def admin_post(client, name, data, *args):
    response = client.post(reverse(f"admin:{name}", args=args), data)
    assert response.status_code == 302, response.context and response.context.get("errors")
    return response


def org_sheet(tmp_path):
    book = Workbook()
    rows = [
        ("代码", "名称", "层级", "上级代码"),
        (CITY, "彩云市", "市", ""),
        (COUNTY, "云岭县", "县", CITY),
        (TOWN, "城关镇", "镇", COUNTY),
        ("530999200000", "石桥乡", "乡", COUNTY),
        (VILLAGE, "东门社区", "社区", TOWN),
    ]
    for row in rows:
        book.active.append(row)
    path = tmp_path / "单位.xlsx"
    book.save(path)
    return path


@pytest.fixture(scope="module")
def county(django_db_setup, django_db_blocker, tmp_path_factory):
    """The county set up as its staff would, once for the module (rolled back after it)."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_org_units", str(org_sheet(tmp_path_factory.mktemp("org"))))
        root = User.objects.create_superuser("installer", password="Installer-2025-pw")
        installer = Client()
        installer.force_login(root)
        county = OrgUnit.objects.get(code=COUNTY)
        for username, role in [("yl-staff", "区妇联业务员"), ("yl-leader", "领导")]:
            admin_post(
                installer,
                "fedportal_user_add",
                {
                    "username": username,
                    "password1": "Yunling-2025-pw",
                    "password2": "Yunling-2025-pw",
                    "usable_password": "true",
                    "groups": [Group.objects.get(name=role).pk],
                    "org_units": [county.pk],
                    "is_staff": "on" if role != "领导" else "",
                },
            )
        staff = Client()
        staff.force_login(User.objects.get(username="yl-staff"))
        _reference_entries(staff)
        _records(staff)
        _definitions(staff, county)
        yield county
        transaction.set_rollback(True)


def _reference_entries(staff):
    admin_post(
        staff,
        "honors_honortitle_add",
        {"name": "优秀巾帼志愿服务队", "code": "volunteer_team", "aliases": "",
         "order": 20, "is_active": "on", "recipient_types": "集体"},
    )  # fmt: skip
    for name, code, category, gives, unit in [
        ("小额创业担保贷款", "startup_loans", "loan", "money", ""),
        ("春蕾助学包", "study_kits", "charity", "goods", "个"),
    ]:
        admin_post(
            staff,
            "welfare_programme_add",
            {"name": name, "code": code, "aliases": "", "category": category, "gives": gives,
             "default_unit": unit, "order": 30, "is_active": "on"},
        )  # fmt: skip
    admin_post(
        staff,
        "families_familytallykind_add",
        {"name": "巾帼宣讲", "code": "women_talks", "aliases": "", "goods_unit": "",
         "order": 10, "is_active": "on"},
    )  # fmt: skip


def _records(staff):
    import_rows(
        staff,
        "honors.honor",
        [
            {"所属单位": "城关镇", "对象类型": "集体", "姓名或集体名称": "城关镇巾帼志愿服务队",
             "荣誉称号": "优秀巾帼志愿服务队", "荣誉级别": "县级", "授予单位": "云岭县妇联",
             "年度": 2025},
            {"所属单位": "石桥乡", "对象类型": "个人", "姓名或集体名称": "李秀英",
             "荣誉称号": "三八红旗手", "荣誉级别": "省级", "授予单位": "省妇联", "年度": 2025},
        ],
    )  # fmt: skip
    grant = {"所属单位": "城关镇", "年度": 2025, "受助对象": "个人", "城乡": "农村"}
    import_rows(
        staff,
        "welfare.grant",
        [
            # A loan scheme: money lent, not relief.
            grant | {"帮扶项目": "小额创业担保贷款", "发放日期": "2024-05-10",
                     "受助人姓名": "王芳", "救助金额（元）": 50000, "年度": 2024},
            grant | {"帮扶项目": "小额创业担保贷款", "发放日期": "2025-04-10",
                     "受助人姓名": "赵兰", "救助金额（元）": 50000},
            # A collective: a demonstration base, no 城乡.
            grant | {"帮扶项目": "小额创业担保贷款", "发放日期": "2025-08-20",
                     "受助对象": "集体", "城乡": "", "受助人姓名": "东门巾帼示范基地",
                     "救助金额（元）": 100000},
            # A goods-only programme, counted in its own unit.
            *(
                grant | {"帮扶项目": "春蕾助学包", "发放日期": "2025-09-01",
                         "受助人姓名": name, "物资数量": 100, "物资价值（元）": 8000}
                for name in ("张丽", "陈静", "刘敏")
            ),
        ],
    )  # fmt: skip
    import_rows(
        staff,
        "welfare.welfaretally",
        [
            {"所属单位": "城关镇", "类别": "慰问", "日期": "2025-02-10",
             "事项": "春节慰问困难妇女", "人数（人次）": 95, "金额（元）": 19000},
            {"所属单位": "石桥乡", "类别": "走访慰问", "日期": "2025-09-30",
             "事项": "重阳走访", "人数（人次）": 40},
        ],
    )  # fmt: skip
    import_rows(
        staff,
        "families.familytally",
        [{"所属单位": "城关镇", "类别": "巾帼宣讲", "日期": "2025-06-30",
          "事项": "上半年宣讲合计", "场次": 12, "人数（人次）": 800}],
    )  # fmt: skip


def _definitions(staff, county):
    def define(data, filters=()):
        base = {
            "unit_word": "元", "source": "welfare.grant", "measure": "count", "field": "",
            "basis": "flow", "dimensions": "", "numerator": "", "denominator": "",
            "description": "", "order": 0, "org_unit": county.pk,
            "filters-TOTAL_FORMS": len(filters), "filters-INITIAL_FORMS": 0,
            "filters-MIN_NUM_FORMS": 0, "filters-MAX_NUM_FORMS": 1000,
        }  # fmt: skip
        for n, (field, operator, values) in enumerate(filters):
            base |= {f"filters-{n}-field": field, f"filters-{n}-operator": operator}
            base[f"filters-{n}-values"] = values
        admin_post(staff, "fedportal_figuredefinition_add", base | data)

    define(
        {"key": "welfare.loans_to_date", "label": "累计发放创业担保贷款", "measure": "sum",
         "field": "救助金额（元）", "basis": "stock"},
        [("帮扶项目", "in", "小额创业担保贷款")],
    )  # fmt: skip
    define(
        {"key": "welfare.collective_grants", "label": "集体受助", "unit_word": "个"},
        [("受助对象", "in", "集体")],
    )
    define(
        {"key": "welfare.collective_share", "label": "集体受助占比", "unit_word": "%",
         "measure": "ratio", "source": "", "numerator": "welfare.collective_grants",
         "denominator": "welfare.grants"},
    )  # fmt: skip


def figures(period, unit_code=COUNTY, *, nonzero=True):
    out = io.StringIO()
    options = ["--nonzero"] if nonzero else []
    call_command("indicators", "--period", period, "--unit", unit_code, *options, stdout=out)
    return {line.split("\t")[0]: line.split("\t")[2] for line in out.getvalue().splitlines()[1:]}


@pytest.fixture
def leader(county, db):
    client = Client()
    client.force_login(User.objects.get(username="yl-leader"))
    return client


def test_the_indicators_command_lists_the_countys_figures(county, db):
    title = HonorTitle.objects.get(name="优秀巾帼志愿服务队").code
    kits = Programme.objects.get(name="春蕾助学包").code
    loans = Programme.objects.get(name="小额创业担保贷款").code
    year = figures("2025")
    assert year[f"honors.honor.{title}.district"] == "1个"
    assert year["honors.honor.red_banner_woman.provincial"] == "1名"
    assert year[f"welfare.grant.{kits}.quantity"] == "300个"
    assert year[f"welfare.grant.{kits}.value"] == "2.4万元"
    assert year[f"welfare.grant.{kits}"] == "3人次"
    assert year[f"welfare.grant.{loans}.amount"] == "15万元"
    assert year["welfare.tally.condolence_visits.persons"] == "135人次"
    assert year["welfare.tally.condolence_visits.amount"] == "1.9万元"
    assert year["families.tally.women_talks.sessions"] == "12场"
    # Loans are lent, not given: the relief money leaves them out.
    assert "welfare.grant_amount" not in year
    # A stock to date, a rate and a half-year figure of the county's own.
    assert year["welfare.loans_to_date"] == "20万元"
    assert figures("2024")["welfare.loans_to_date"] == "5万元"
    assert year["welfare.collective_share"] == "20%"
    first_half = figures("2025H1")
    assert first_half["welfare.tally.condolence_visits.persons"] == "95人次"
    assert first_half["welfare.loans_to_date"] == "10万元"
    assert f"welfare.grant.{kits}.quantity" not in first_half


def test_the_dashboard_shows_every_figure(leader):
    response = leader.get(reverse("dashboard"), {"year": 2025, "unit": COUNTY})
    assert response.status_code == 200
    data = response.context["data"]
    welfare = next(s for s in data.sections if s.title == "妇儿民生")
    rows = {row.name: row for row in welfare.programmes}
    assert rows["春蕾助学包"].goods == "300个（价值2.4万元）"
    assert rows["春蕾助学包"].money == ""
    assert rows["小额创业担保贷款"].money == "15万元"
    assert dict(welfare.tallies)["慰问"] == "135人次，金额1.9万元"
    cards = {card.label: card.text for section in data.sections for card in section.cards}
    assert cards["累计发放创业担保贷款"] == "20万元"
    assert cards["集体受助占比"] == "20%"
    assert cards["救助金额"] == "0元"
    families = next(s for s in data.sections if s.title == "家庭工作")
    assert dict(families.tallies)["巾帼宣讲"] == "12场，800人次"
    page = response.content.decode()
    assert "云岭县2025年工作数据" in page
    half = leader.get(reverse("dashboard"), {"period": "2025H1", "unit": COUNTY})
    welfare = next(s for s in half.context["data"].sections if s.title == "妇儿民生")
    assert dict(welfare.tallies)["慰问"] == "95人次，金额1.9万元"
    assert "云岭县2025年上半年工作数据" in half.content.decode()


def test_the_countys_own_figures_are_not_other_districts(county, db):
    other = OrgUnit.objects.add_child(
        OrgUnit.objects.get(code=CITY),
        {"name": "别县", "code": "530998000000", "level": OrgUnit.Level.DISTRICT},
    )
    listed = figures("2025", other.code, nonzero=False)
    assert "welfare.grants" in listed
    assert "welfare.loans_to_date" not in listed
    assert "welfare.collective_share" not in listed
