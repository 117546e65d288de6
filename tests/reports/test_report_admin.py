"""The reports in the admin follow the same scope and the same final-is-frozen rule."""

from reports.models import Report


def change_url(report):
    return f"/admin/reports/report/{report.pk}/change/"


def test_the_list_is_scoped(demo_report, login):
    assert demo_report in login("staff").get("/admin/reports/report/").context["cl"].result_list
    township_list = login("township").get("/admin/reports/report/").context["cl"].result_list
    assert demo_report not in township_list
    assert login("township").get(change_url(demo_report)).status_code == 404


def test_a_finalised_report_is_read_only(demo_report, login):
    client = login("admin")
    page = client.get(change_url(demo_report)).content.decode()
    assert 'name="opening"' not in page
    response = client.post(change_url(demo_report), {"opening": "改写"})
    assert response.status_code == 403
    demo_report.refresh_from_db()
    assert demo_report.opening.startswith("2021年，在区委、区政府的正确领导")


def test_a_draft_is_edited_with_its_history_kept(draft_report, login):
    client = login("admin")
    page = client.get(change_url(draft_report)).content.decode()
    assert 'name="opening"' in page
    history = client.get(f"/admin/reports/report/{draft_report.pk}/history/")
    assert history.status_code == 200
    assert Report.history.filter(id=draft_report.pk).exists()


def test_versions_are_never_edited(demo_report, login):
    version = demo_report.versions.get()
    client = login("admin")
    page = client.get(f"/admin/reports/reportversion/{version.pk}/change/").content.decode()
    assert 'name="document"' not in page
    assert client.get("/admin/reports/reportversion/add/").status_code == 403
    assert client.post(f"/admin/reports/reportversion/{version.pk}/delete/").status_code == 403
