"""Changes to a complainant's personal data are recorded, and the record stays in scope."""

import pytest
from django.urls import reverse

from fedportal.versions import VERSION_FIELD, record_version

pytestmark = pytest.mark.django_db


def test_an_edit_of_personal_data_names_who_made_it(cases, login, unit):
    case = cases["lashi"]
    person = case.complainant
    response = login("rights").post(
        reverse("admin:rights_complainant_change", args=[person.pk]),
        {
            "case": case.pk,
            "name": "李秀英",
            "sex": "female",
            "id_number": person.id_number,
            "phone": "13979909999",
            "address": person.address,
            VERSION_FIELD: record_version(person),
        },
    )
    assert response.status_code == 302
    latest = person.history.first()
    assert latest.history_user.username == "rights"
    changes = {c.field: (c.old, c.new) for c in latest.diff_against(latest.prev_record).changes}
    assert changes == {"phone": ("13979901234", "13979909999")}


def test_history_outside_the_scope_is_404(cases, login, township_worker):
    township_worker("rights_xd", "湘东镇")
    url = reverse("admin:rights_complainant_history", args=[cases["lashi"].complainant.pk])
    assert login("rights_xd").get(url).status_code == 404
