"""Rules of the federation's own honors."""

import pytest
from django.core.exceptions import ValidationError

from honors.models import FederationHonor

pytestmark = pytest.mark.django_db


def test_the_same_honor_twice_in_a_year_is_refused(federation_honor, unit, level):
    duplicate = FederationHonor(
        title=federation_honor.title,
        conferred_by="萍乡市妇联",
        level=level("市"),
        year=2021,
        org_unit=unit("湘东区"),
    )
    with pytest.raises(ValidationError) as raised:
        duplicate.full_clean()
    assert raised.value.message_dict["__all__"] == ["本会在同一年度已录入同名荣誉。"]


def test_the_year_must_be_plausible(unit, level):
    honor = FederationHonor(
        title="某荣誉",
        conferred_by="某单位",
        level=level("区"),
        year=20210,
        org_unit=unit("湘东区"),
    )
    with pytest.raises(ValidationError) as raised:
        honor.full_clean()
    assert raised.value.message_dict["__all__"] == ["年度应在1949年至2100年之间。"]


def test_a_township_is_not_the_federation(unit, level):
    honor = FederationHonor(
        title="某荣誉", conferred_by="某单位", level=level("区"), year=2021, org_unit=unit("腊市镇")
    )
    with pytest.raises(ValidationError) as raised:
        honor.full_clean()
    assert raised.value.message_dict == {
        "org_unit": ["本会所获荣誉应记在区（县）或市级单位下；乡镇、村的集体荣誉请在“荣誉”中录入。"]
    }


def test_the_kind_must_be_one_of_the_three(unit, level):
    honor = FederationHonor(
        title="某荣誉",
        conferred_by="某单位",
        level=level("区"),
        year=2021,
        kind="其他",
        org_unit=unit("湘东区"),
    )
    with pytest.raises(ValidationError) as raised:
        honor.full_clean()
    assert list(raised.value.message_dict) == ["kind"]


@pytest.mark.parametrize(
    ("title", "phrase"),
    [
        ("全国妇联系统宣传舆论阵地建设先进单位", "“全国妇联系统宣传舆论阵地建设先进单位”"),
        ("2020年年度区直单位科级“好班子”", "2020年年度区直单位科级“好班子”"),
    ],
)
def test_the_report_quotes_a_title_once(title, phrase):
    assert FederationHonor(title=title).report_phrase() == phrase
