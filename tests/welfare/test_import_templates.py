"""Blank import templates carry the Chinese headers of each record."""

import pytest
from django.urls import reverse

from tests.spreadsheets import template_header

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("model", "header"),
    [
        ("programmerun", ["编号", "所属单位", "帮扶项目", "年度", "合作单位", "受助对象", "实施情况"]),
        ("fundraising", ["编号", "所属单位", "帮扶项目", "年度", "募集日期", "项目实施编号", "募集金额（元）", "捐赠方", "备注"]),
        ("grant", ["编号", "所属单位", "帮扶项目", "年度", "发放日期", "项目实施编号", "受助对象", "受助人姓名", "身份证号码", "性别", "出生日期", "年龄", "未成年人", "城乡", "联系电话", "健康状况", "救助金额（元）", "物资名称", "物资数量", "单位", "物资价值（元）", "资助方式", "备注"]),
        ("screening", ["编号", "所属单位", "年度", "筛查日期", "结束日期", "筛查对象", "宫颈癌筛查人数", "乳腺癌筛查人数", "宫颈癌阳性/转诊人数", "乳腺癌阳性/转诊人数", "合作医院", "备注"]),
    ],
)  # fmt: skip
def test_blank_template_has_the_chinese_headers(demo, login, model, header):
    response = login("township").get(reverse(f"admin:welfare_{model}_import_template"))
    assert template_header(response) == header
