"""Programme runs: one per programme, unit and year; which runs a user may link records to."""

import pytest
from django.core.exceptions import ValidationError

from tests.welfare.helpers import SCHOOL_BAG
from welfare.models import ProgrammeRun

pytestmark = pytest.mark.django_db


def test_one_run_per_programme_unit_and_year(programme, unit):
    ProgrammeRun.objects.create(org_unit=unit("湘东区"), programme=programme(SCHOOL_BAG), year=2021)
    duplicate = ProgrammeRun(org_unit=unit("湘东区"), programme=programme(SCHOOL_BAG), year=2021)
    with pytest.raises(ValidationError) as caught:
        duplicate.full_clean()
    assert caught.value.messages == ["该单位本年度已有这一项目的实施记录。"]


def test_the_year_is_checked(programme, unit):
    run = ProgrammeRun(org_unit=unit("湘东区"), programme=programme(SCHOOL_BAG), year=1999)
    with pytest.raises(ValidationError) as caught:
        run.full_clean()
    assert caught.value.message_dict["year"] == ["年度不能早于2000年。"]


def test_township_staff_may_link_to_runs_of_their_township_and_above(programme, unit, user):
    def run_at(name):
        return ProgrammeRun.objects.create(
            org_unit=unit(name), programme=programme(SCHOOL_BAG), year=2021
        )

    district, lashi, mingtang, xiangdong = (
        run_at(n) for n in ("湘东区", "腊市镇", "明塘村", "湘东镇")
    )
    assert set(ProgrammeRun.objects.shared_with(user("township"))) == {
        district,
        lashi,
        mingtang,
    }
    assert set(ProgrammeRun.objects.in_scope(user("township"))) == {lashi, mingtang}
    assert set(ProgrammeRun.objects.shared_with(user("staff"))) == {
        district,
        lashi,
        mingtang,
        xiangdong,
    }
    assert not ProgrammeRun.objects.shared_with(user("leader")).exists()
