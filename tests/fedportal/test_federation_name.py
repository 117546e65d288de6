"""Each federation's own name on its pages: the portal header and titles name the signed-in
user's unit; the deployment's name stands where no single unit does."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("username", "url", "name"),
    [
        ("staff", "/admin/", "湘东区妇联工作门户"),
        ("township", "/admin/", "腊市镇妇联工作门户"),
        ("leader", "/", "湘东区妇联工作门户"),
        ("leader", "/dashboard/", "湘东区妇联工作门户"),
        ("township", "/", "腊市镇妇联工作门户"),
    ],
)
def test_pages_carry_the_users_own_federation(login, username, url, name):
    page = login(username).get(url, follow=True).content.decode()
    title, body = page.split("</title>", 1)
    assert name in title and name in body  # the browser's tab and the page's header


def test_a_user_of_another_district_sees_its_name_not_the_demos(login, user, unit, settings):
    settings.FEDERATION_NAME = "某某部署"
    staff = user("staff")
    district = unit("湘东区")
    district.name = "云岭县"
    district.save()
    page = login("staff").get("/admin/").content.decode()
    assert "云岭县妇联工作门户" in page and "湘东区" not in page.split("<body")[0]
    assert staff.org_units.get().federation_name == "云岭县妇联"


def test_a_user_of_two_townships_and_the_sign_in_page_use_the_deployments_name(
    login, user, unit, settings, client
):
    settings.FEDERATION_NAME = "某某部署"
    assert "某某部署工作门户" in client.get(reverse("login")).content.decode()
    both = user("township")
    both.org_units.add(unit("湘东镇"))
    page = login("township").get("/admin/").content.decode()
    assert "某某部署工作门户" in page and "腊市镇妇联工作门户" not in page
