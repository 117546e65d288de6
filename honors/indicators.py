"""Honors figures of the annual report (section （二）先进培育有典范 and the opening paragraph).

- honors.national_red_banner_women: 全国“三八红旗手”, persons honored in the year.
- honors.national_model_workers: 全国“妇联系统劳动模范”.
- honors.provincial_red_banner_collectives: 省“三八红旗集体”.
- honors.city_red_banner_women: 市“三八红旗手”.
- honors.city_red_banner_collectives: 市“三八红旗集体”.
- honors.city_top_hundred_women: 市“巾帼百佳”.
- honors.honors: every honor of the year, by level, title and recipient type (dashboard).
- honors.commendation_events: commendations (表彰活动) held in the year.
- honors.federation_honors: the federation's own honors of the year, by kind and level.
- honors.federation_titles_and_assessments: those it 获评 (titles and assessments).
- honors.federation_contest_awards: the contest prizes it 荣获.
"""

from fedportal.indicators import Indicator, register
from honors.models import CommendationEvent, FederationHonor, Honor

HONOR_DIMENSIONS = {"级别": "level__name", "称号": "title__name", "对象类型": "recipient_type"}
FEDERATION_DIMENSIONS = {"类别": "kind", "级别": "level__name"}


def honors_of_year(year: int):
    return Honor.objects.for_year(year)


def national_red_banner_women(year: int):
    return honors_of_year(year).at_level("全国").titled("三八红旗手")


def national_model_workers(year: int):
    return honors_of_year(year).at_level("全国").titled("妇联系统劳动模范")


def provincial_red_banner_collectives(year: int):
    return honors_of_year(year).at_level("省").titled("三八红旗集体")


def city_red_banner_women(year: int):
    return honors_of_year(year).at_level("市").titled("三八红旗手")


def city_red_banner_collectives(year: int):
    return honors_of_year(year).at_level("市").titled("三八红旗集体")


def city_top_hundred_women(year: int):
    return honors_of_year(year).at_level("市").titled("巾帼百佳")


def commendation_events(year: int):
    return CommendationEvent.objects.filter(held_on__year=year)


def federation_honors(year: int):
    return FederationHonor.objects.for_year(year)


def federation_titles_and_assessments(year: int):
    return federation_honors(year).titles_and_assessments()


def federation_contest_awards(year: int):
    return federation_honors(year).contest_awards()


def _report_honor(key: str, label: str, unit: str, records) -> Indicator:
    return Indicator(
        key=f"honors.{key}",
        label=label,
        unit=unit,
        records=records,
        dimensions={"对象类型": "recipient_type"},
        date_field="conferred_on",
    )


register(
    _report_honor("national_red_banner_women", "全国“三八红旗手”", "名", national_red_banner_women),
    _report_honor("national_model_workers", "全国“妇联系统劳动模范”", "个", national_model_workers),
    _report_honor(
        "provincial_red_banner_collectives",
        "省“三八红旗集体”",
        "个",
        provincial_red_banner_collectives,
    ),
    _report_honor("city_red_banner_women", "市“三八红旗手”", "人", city_red_banner_women),
    _report_honor(
        "city_red_banner_collectives", "市“三八红旗集体”", "个", city_red_banner_collectives
    ),
    _report_honor("city_top_hundred_women", "市“巾帼百佳”", "人", city_top_hundred_women),
    Indicator(
        key="honors.honors",
        label="获得荣誉",
        unit="个",
        records=honors_of_year,
        dimensions=HONOR_DIMENSIONS,
        date_field="conferred_on",
        description="本年度授予个人和集体的各级荣誉，按级别、称号分解。",
    ),
    Indicator(
        key="honors.commendation_events",
        label="表彰活动",
        unit="场",
        records=commendation_events,
        date_field="held_on",
    ),
    Indicator(
        key="honors.federation_honors",
        label="本会所获荣誉",
        unit="个",
        records=federation_honors,
        dimensions=FEDERATION_DIMENSIONS,
    ),
    Indicator(
        key="honors.federation_titles_and_assessments",
        label="本会获评荣誉称号和考核评价",
        unit="个",
        records=federation_titles_and_assessments,
        dimensions=FEDERATION_DIMENSIONS,
    ),
    Indicator(
        key="honors.federation_contest_awards",
        label="本会荣获竞赛奖项",
        unit="个",
        records=federation_contest_awards,
        dimensions={"级别": "level__name"},
    ),
)
