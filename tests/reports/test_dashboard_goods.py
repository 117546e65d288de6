"""A goods programme is shown in its own unit on the leader's dashboard, never as "0元"."""

from django.urls import reverse


def test_formula_milk_shows_its_tins(full_demo, login):
    response = login("leader").get(reverse("dashboard"), {"year": 2021, "unit": "360313000000"})
    welfare = next(s for s in response.context["data"].sections if s.title == "妇儿民生")
    rows = {row.name: row for row in welfare.programmes}
    milk = rows["公益奶粉（关爱新生命-儿童营养改善）"]
    assert milk.goods == "全额资助496桶、差额资助2007桶"
    assert milk.money == ""
    assert rows["安全书包"].goods == "200个"
    for row in welfare.programmes:
        assert row.money != "0元", row
    page = response.content.decode()
    assert "全额资助496桶、差额资助2007桶" in page
    assert "救助金额（按帮扶项目）" in page
