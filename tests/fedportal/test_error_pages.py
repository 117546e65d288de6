"""Refusals speak Chinese and say why, without telling what lies outside the scope."""


def test_not_found_is_in_chinese(demo, login):
    response = login("township").get("/reports/360313000000/2021/")
    assert response.status_code == 404
    page = response.content.decode()
    assert "页面不存在" in page and "不在您的管辖范围内" in page


def test_forbidden_says_what_the_role_cannot_do(demo, login):
    response = login("leader").get("/reports/360313000000/2021/edit/")
    assert response.status_code == 403
    assert "您的角色不能修改年度工作报告。" in response.content.decode()
