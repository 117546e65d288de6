from datetime import date

import pytest

from employment.models import JobFair, Trainee, TrainingClass, TrainingKind
from tests.employment.helpers import ID_NUMBER, PHONE


@pytest.fixture
def kind(db):
    """The seeded 家政 kind."""
    return lambda name="家政": TrainingKind.objects.get(name=name)


@pytest.fixture
def make_class(demo, unit, kind):
    def _make(unit_name="腊市镇", name="第1期家政技能培训班", **values):
        values = {
            "kind": kind(),
            "session": 1,
            "partner": "湘东职专",
            "year": 2021,
            "start_date": date(2021, 3, 8),
            "end_date": date(2021, 3, 14),
            "planned_places": 60,
            "trainees": 60,
            "certified": 50,
            **values,
        }
        return TrainingClass.objects.create(org_unit=unit(unit_name), name=name, **values)

    return _make


@pytest.fixture
def classes(make_class):
    """One 2021 家政 class in 腊市镇 and one in 湘东镇."""
    return {
        "lashi": make_class("腊市镇", "第2期家政技能培训班", session=2, trainees=3, certified=2),
        "xiangdong": make_class("湘东镇", "第4期家政技能培训班", session=4),
    }


@pytest.fixture
def trainees(classes, unit):
    """A trainee from 明塘村 on the 腊市镇 class and one from 湘东镇 on the 湘东镇 class."""
    return {
        "lashi": Trainee.objects.create(
            training_class=classes["lashi"],
            org_unit=unit("明塘村"),
            name="刘春梅",
            id_number=ID_NUMBER,
            phone=PHONE,
            certified=True,
        ),
        "xiangdong": Trainee.objects.create(
            training_class=classes["xiangdong"],
            org_unit=unit("湘东镇"),
            name="黄秀英",
        ),
    }


@pytest.fixture
def fairs(demo, unit):
    def fair(unit_name, name, day):
        return JobFair.objects.create(
            org_unit=unit(unit_name),
            name=name,
            date=day,
            partner="区人社局",
            employers=30,
            positions=600,
            attendees=500,
            hires=120,
        )

    return {
        "lashi": fair("腊市镇", "腊市镇春风行动招聘会", date(2021, 2, 26)),
        "xiangdong": fair("湘东镇", "湘东镇巾帼就业招聘会", date(2021, 4, 9)),
    }
