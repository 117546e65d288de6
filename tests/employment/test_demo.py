"""The demo records reproduce the 2021 report's figures and load only once."""

import pytest
from django.db.models import Sum

from employment.demo import load_demo_records
from employment.models import JobFair, Trainee, TrainingClass

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded(demo):
    return load_demo_records()


def test_2021_seven_housekeeping_classes_with_the_vocational_school(loaded):
    classes = TrainingClass.objects.for_year(2021).filter(kind__name="家政", partner="湘东职专")
    assert classes.count() == 7
    assert sorted(classes.values_list("session", flat=True)) == [1, 2, 3, 4, 5, 6, 7]
    assert TrainingClass.objects.for_year(2021).count() == 7


def test_2021_trainees_are_over_four_hundred(loaded):
    total = TrainingClass.objects.for_year(2021).aggregate(total=Sum("trainees"))["total"]
    assert total == 412  # "帮助400余名妇女掌握了家政服务技能"


def test_2021_classes_are_one_per_period_across_the_year(loaded):
    months = list(
        TrainingClass.objects.for_year(2021)
        .order_by("session")
        .values_list("start_date__month", flat=True)
    )
    assert months == sorted(months) and len(set(months)) == 7
    assert months[0] <= 3 and months[-1] >= 11


def test_2021_womens_job_fair_with_the_human_resources_bureau(loaded):
    fair = JobFair.objects.for_year(2021).get()
    assert (fair.name, fair.partner, fair.org_unit.name) == ("女性专场招聘会", "区人社局", "湘东区")
    assert 0 < fair.hires <= fair.attendees


def test_rosters_match_their_classes_headline_figures(loaded):
    rostered = TrainingClass.objects.with_roster_counts().filter(roster_count__gt=0)
    assert rostered.count() == 2
    for record in rostered:
        assert record.roster_count == record.trainees
        assert record.roster_certified == record.certified
        assert record.roster_check() == f"名单{record.trainees}人，与参训人数一致"
    for trainee in Trainee.objects.all():
        trainee.full_clean()


def test_2020_and_2022_have_records_to_compare_with(loaded):
    assert TrainingClass.objects.for_year(2020).count() == 5
    assert TrainingClass.objects.for_year(2022).count() == 8
    assert set(TrainingClass.objects.for_year(2022).values_list("kind__name", flat=True)) == {
        "家政",
        "养殖",
        "种植",
    }
    assert JobFair.objects.for_year(2022).get().partner == "区就业局"
    townships = TrainingClass.objects.exclude(org_unit__name="湘东区").values("org_unit")
    assert townships.distinct().count() >= 8


def test_loading_twice_creates_nothing_new(loaded):
    # Classes, trainees, job fairs, and the district's two figures of classes run with the
    # vocational school.
    assert loaded == 20 + 48 + 56 + 2 + 2
    counts = (TrainingClass.objects.count(), Trainee.objects.count(), JobFair.objects.count())
    assert load_demo_records() == 0
    assert (
        TrainingClass.objects.count(),
        Trainee.objects.count(),
        JobFair.objects.count(),
    ) == counts


def test_demo_trainees_are_in_scope_of_their_township(loaded, user):
    assert set(
        Trainee.objects.in_scope(user("township")).values_list("org_unit__name", flat=True)
    ) == {"腊市镇", "明塘村"}
    assert Trainee.objects.in_scope(user("township2")).count() == 56
