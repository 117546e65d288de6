from datetime import date

import pytest

from honors.models import CommendationEvent, FederationHonor, Honor, HonorLevel, HonorTitle


@pytest.fixture
def level(db):
    return lambda name: HonorLevel.objects.get(name=name)


@pytest.fixture
def title(db):
    return lambda name: HonorTitle.objects.get(name=name)


@pytest.fixture
def make_honor(unit, level, title):
    """Build (unsaved) an honor: a 2021 市三八红旗手 in 明塘村 unless told otherwise."""

    def build(**values):
        defaults = {
            "recipient_name": "王小红",
            "work_unit": "腊市镇明塘村",
            "post": "妇女小组长",
            "org_unit": unit("明塘村"),
            "title": title("三八红旗手"),
            "level": level("市"),
            "conferred_by": "萍乡市妇联",
            "year": 2021,
        }
        return Honor(**{**defaults, **values})

    return build


@pytest.fixture
def event(unit):
    return CommendationEvent.objects.create(
        name="湘东区庆祝“三八”国际妇女节表彰大会",
        held_on=date(2021, 3, 5),
        organiser="湘东区妇联",
        org_unit=unit("湘东区"),
    )


@pytest.fixture
def honors(make_honor, unit, title):
    """One honor in each of 腊市镇, its village 明塘村, and 湘东镇."""
    made = {
        "lashi": make_honor(
            recipient_name="腊市镇妇联",
            recipient_type="集体",
            work_unit="",
            post="",
            title=title("三八红旗集体"),
            org_unit=unit("腊市镇"),
        ),
        "mingtang": make_honor(recipient_name="明塘村的李秀英"),
        "xiangdong": make_honor(
            recipient_name="湘东镇的赵红梅", work_unit="湘东镇中心小学", org_unit=unit("湘东镇")
        ),
    }
    for honor in made.values():
        honor.save()
    return made


@pytest.fixture
def federation_honor(unit, level):
    return FederationHonor.objects.create(
        title="全市妇联工作先进单位",
        conferred_by="萍乡市妇联",
        level=level("市"),
        year=2021,
        org_unit=unit("湘东区"),
    )
