"""The standard text of a report nobody has written yet.

It is what a unit's report says before a writer adds the narrative, and what a new report
starts from: the five work areas, each a sentence or two built from the area's headline
indicators. Writers reorder, extend and rewrite it around the placeholders.
"""


def title(unit_name: str, year: int) -> str:
    return f"{unit_name}妇联{year}年工作情况和{year + 1}年主要工作打算汇报"


def opening(year: int) -> str:
    return (
        f"{year}年，我会紧紧围绕工作大局，团结带领广大妇女群众建功新时代，"
        "全年获得各类荣誉{honors.federation_honors}。"
    )


SECTIONS = (
    (
        "家庭创建有成果",
        "荣获全省“最美家庭”{families.provincial_most_beautiful}、“书香家庭”{families.provincial_scholarly}，"
        "全市“最美家庭”{families.city_most_beautiful}、“书香家庭”{families.city_scholarly}、"
        "“绿色（清洁）家庭”{families.city_green}。"
        "组织{families.integrity_participants}领导干部配偶开展家庭助廉活动。"
        "举办{families.lecture_sessions}“科学家教进万家”宣讲活动，受惠家长{families.lecture_beneficiaries}。",
    ),
    (
        "先进培育有典范",
        "获评全国“三八红旗手”{honors.national_red_banner_women}、"
        "全国“妇联系统劳动模范”{honors.national_model_workers}、"
        "省“三八红旗集体”{honors.provincial_red_banner_collectives}、"
        "市“三八红旗手”{honors.city_red_banner_women}、"
        "市“三八红旗集体”{honors.city_red_banner_collectives}、"
        "市“巾帼百佳”{honors.city_top_hundred_women}。"
        "举办表彰活动{honors.commendation_events}。",
    ),
    (
        "合法权益有保障",
        "全年受理妇女维权案件{rights.cases_received}，妥善办结{rights.cases_closed}；"
        "调处婚姻家庭纠纷{rights.mediations}。",
    ),
    (
        "妇儿民生有改善",
        "为{welfare.liangai_relief_rural}农村、{welfare.liangai_relief_urban}城镇贫困“两癌”妇女"
        "提供“两癌救助金”共{welfare.liangai_relief_amount}。"
        "共筹集资金{welfare.fundraising}。"
        "发放全额免费资助奶粉{welfare.formula_full_tins}，差额资助奶粉{welfare.formula_partial_tins}。"
        "使{welfare.heart_treated_children}先心病患儿获得免费救治，"
        "为{welfare.school_bag_children}留守儿童送去了安全书包，"
        "为{welfare.summer_camp_girls}单亲贫困女童赠送了爱心物品。",
    ),
    (
        "技能就业有拓展",
        "开办家政技能培训班{employment.housekeeping_classes}，"
        "帮助{employment.housekeeping_trainees}妇女掌握了家政服务技能。"
        "举办女性专场招聘会{employment.womens_job_fairs}，"
        "提供就业岗位{employment.womens_job_fair_positions}。",
    ),
)
