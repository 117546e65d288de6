"""Figures of 妇儿民生 (part 一（四） of the annual report), one query each.

welfare.liangai_relief_women — 两癌救助 women helped (名), by 城乡.
welfare.liangai_relief_rural / welfare.liangai_relief_urban — the same, rural / urban only.
welfare.liangai_relief_amount — 两癌救助金 paid (元).
welfare.fundraising — money raised for all programmes (元), by 帮扶项目.
welfare.chunlei_fundraising / welfare.gongyi_99_fundraising — 春蕾计划 / 99公益 alone.
welfare.formula_full_tins / welfare.formula_partial_tins — 公益奶粉 tins 全额 / 差额资助 (桶).
welfare.heart_treated_children — children given free 先心病 treatment (名).
welfare.school_bag_children / welfare.school_bags — 安全书包 children (名) and bags (个).
welfare.summer_camp_girls — girls given gifts at the 阳光女童夏令营 (名).
welfare.cervical_screened / welfare.breast_screened — women screened (名), by 筛查对象.
welfare.rural_*_screened / welfare.urban_*_screened — the same per population.
welfare.grants / welfare.grant_amount — all grants (件) and their money (元), by 帮扶项目/城乡.
"""

from fedportal.indicators import Indicator, register
from welfare.models import Fundraising, Grant, Screening

LIANGAI_RELIEF = "两癌救助"
CHUNLEI = "春蕾计划"
GONGYI_99 = "99公益"
FORMULA = "公益奶粉（关爱新生命-儿童营养改善）"
HEART = "先心病救治"
SCHOOL_BAG = "安全书包"
SUMMER_CAMP = "阳光女童夏令营"

GRANT_DIMENSIONS = {"帮扶项目": "programme__name", "城乡": "residence"}
SCREENING_DIMENSIONS = {"筛查对象": "population"}


def grants(year):
    return Grant.objects.for_year(year)


def liangai_relief(year):
    return grants(year).for_programme(LIANGAI_RELIEF)


def liangai_relief_rural(year):
    return liangai_relief(year).rural()


def liangai_relief_urban(year):
    return liangai_relief(year).urban()


def formula_full(year):
    return grants(year).for_programme(FORMULA).with_subsidy(Grant.SubsidyType.FULL)


def formula_partial(year):
    return grants(year).for_programme(FORMULA).with_subsidy(Grant.SubsidyType.PARTIAL)


def heart_treated(year):
    return grants(year).for_programme(HEART)


def school_bags(year):
    return grants(year).for_programme(SCHOOL_BAG)


def summer_camp(year):
    return grants(year).for_programme(SUMMER_CAMP)


def fundraising(year):
    return Fundraising.objects.for_year(year)


def chunlei_fundraising(year):
    return fundraising(year).for_programme(CHUNLEI)


def gongyi_99_fundraising(year):
    return fundraising(year).for_programme(GONGYI_99)


def screenings(year):
    return Screening.objects.for_year(year)


def rural_screenings(year):
    return screenings(year).filter(population=Screening.Population.RURAL_ELIGIBLE)


def urban_screenings(year):
    return screenings(year).filter(population=Screening.Population.URBAN_POOR)


register(
    Indicator(
        "welfare.liangai_relief_women",
        "“两癌”救助贫困妇女",
        "名",
        liangai_relief,
        dimensions={"城乡": "residence"},
        date_field="date",
    ),
    Indicator("welfare.liangai_relief_rural", "“两癌”救助农村贫困妇女", "名", liangai_relief_rural),
    Indicator("welfare.liangai_relief_urban", "“两癌”救助城镇贫困妇女", "名", liangai_relief_urban),
    Indicator(
        "welfare.liangai_relief_amount",
        "“两癌救助金”",
        "元",
        liangai_relief,
        measure="amount",
        dimensions={"城乡": "residence"},
        date_field="date",
    ),
    Indicator(
        "welfare.fundraising",
        "捐助项目筹集资金",
        "元",
        fundraising,
        measure="amount",
        dimensions={"帮扶项目": "programme__name"},
        date_field="date",
    ),
    Indicator(
        "welfare.chunlei_fundraising",
        "“春蕾计划”筹集资金",
        "元",
        chunlei_fundraising,
        measure="amount",
        date_field="date",
    ),
    Indicator(
        "welfare.gongyi_99_fundraising",
        "“99公益”筹集资金",
        "元",
        gongyi_99_fundraising,
        measure="amount",
        date_field="date",
    ),
    Indicator(
        "welfare.formula_full_tins",
        "全额免费资助奶粉",
        "桶",
        formula_full,
        measure="quantity",
        date_field="date",
    ),
    Indicator(
        "welfare.formula_partial_tins",
        "差额资助奶粉",
        "桶",
        formula_partial,
        measure="quantity",
        date_field="date",
    ),
    Indicator(
        "welfare.heart_treated_children",
        "先心病患儿免费救治",
        "名",
        heart_treated,
        date_field="date",
    ),
    Indicator(
        "welfare.school_bag_children",
        "安全书包受助留守儿童",
        "名",
        school_bags,
        date_field="date",
    ),
    Indicator(
        "welfare.school_bags",
        "安全书包",
        "个",
        school_bags,
        measure="quantity",
        date_field="date",
    ),
    Indicator(
        "welfare.summer_camp_girls",
        "阳光女童夏令营受赠单亲贫困女童",
        "名",
        summer_camp,
        dimensions={"城乡": "residence"},
        date_field="date",
    ),
    Indicator(
        "welfare.cervical_screened",
        "“两癌”免费筛查：宫颈癌筛查",
        "名",
        screenings,
        measure="cervical_screened",
        dimensions=SCREENING_DIMENSIONS,
        date_field="start_date",
    ),
    Indicator(
        "welfare.breast_screened",
        "“两癌”免费筛查：乳腺癌筛查",
        "名",
        screenings,
        measure="breast_screened",
        dimensions=SCREENING_DIMENSIONS,
        date_field="start_date",
    ),
    Indicator(
        "welfare.rural_cervical_screened",
        "农村适龄妇女宫颈癌免费筛查",
        "名",
        rural_screenings,
        measure="cervical_screened",
        date_field="start_date",
    ),
    Indicator(
        "welfare.rural_breast_screened",
        "农村适龄妇女乳腺癌免费筛查",
        "名",
        rural_screenings,
        measure="breast_screened",
        date_field="start_date",
    ),
    Indicator(
        "welfare.urban_cervical_screened",
        "城镇贫困妇女宫颈癌免费筛查",
        "名",
        urban_screenings,
        measure="cervical_screened",
        date_field="start_date",
    ),
    Indicator(
        "welfare.urban_breast_screened",
        "城镇贫困妇女乳腺癌免费筛查",
        "名",
        urban_screenings,
        measure="breast_screened",
        date_field="start_date",
    ),
    Indicator(
        "welfare.grants",
        "救助发放",
        "件",
        grants,
        dimensions=GRANT_DIMENSIONS,
        date_field="date",
    ),
    Indicator(
        "welfare.grant_amount",
        "救助金额",
        "元",
        grants,
        measure="amount",
        dimensions=GRANT_DIMENSIONS,
        date_field="date",
    ),
)
