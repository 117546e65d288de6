"""The demo report: 湘东区妇联's 2021 work report and 2022 plan, and 湘东区's standard text
(its report template), which its townships inherit and its 2022 page shows.

Its narrative follows the reference report; every figure in it is a placeholder, filled
from the demo records, so the compiled report gives the reference's numbers. The 2022
plan holds the reference's five items, two of them with measurable targets that the 2022
figures are tracked against. The report is finalised as version 1, as a submitted report
would be.
"""

from decimal import Decimal

from django.db import transaction
from simple_history.utils import bulk_create_with_history

from fedportal.models import OrgUnit, User
from reports.models import (
    PlanItem,
    PlanTarget,
    Report,
    ReportSection,
    ReportTemplate,
    TemplateSection,
)
from reports.services import report_finalise

DISTRICT = "360313000000"
YEAR = 2021

OPENING = (
    "2021年，在区委、区政府的正确领导和市妇联的精心指导下，我会全面贯彻落实党对群团工作的部署要求，"
    "紧紧围绕工作大局，积极探索、辛勤耕耘，为推动全区妇女儿童事业发展作出了应有的贡献。"
    "2021年，我会获评“全国妇联系统宣传舆论阵地建设先进单位”、“全市创建全国文明城市工作先进集体”、"
    "2020年年度区直单位科级“好班子”等多项荣誉，并荣获全区“廉洁萍乡建设”技能大赛一等奖。"
)

SECTIONS = [
    (
        "家庭创建有成果",
        "荣获全省“最美家庭”{families.provincial_most_beautiful}、“书香家庭”{families.provincial_scholarly}，"
        "全市“最美家庭”{families.city_most_beautiful}、“书香家庭”{families.city_scholarly}、"
        "“绿色（清洁）家庭”{families.city_green}。"
        "利用湘东本土古代廉吏黄爱堂、颜培天，革命先驱凯丰、刘型，时代先锋陈述彭、吴学周等模范典型"
        "在从俭、尚礼、行孝、守信等方面的传统美德和家风故事，打造了凯丰故里等家风家教示范基地。"
        "组织{families.integrity_participants}领导干部配偶开展家庭助廉活动，推进清风正气、廉洁齐家。"
        "举办{families.lecture_sessions}“科学家教进万家”宣讲活动，"
        "全区受惠家长{families.lecture_beneficiaries|近}。"
        "推进社区家长学校建设，打造了三角池村等家长示范学校。"
        "推动“家校社”协同育人，助力“双减”政策落地举措被中国妇女报宣传报道。",
    ),
    (
        "先进培育有典范",
        "获评全国“三八红旗手”{honors.national_red_banner_women}、"
        "全国“妇联系统劳动模范”{honors.national_model_workers}、"
        "省“三八红旗集体”{honors.provincial_red_banner_collectives}、"
        "市“三八红旗手”{honors.city_red_banner_women}、"
        "市“三八红旗集体”{honors.city_red_banner_collectives}、"
        "市“巾帼百佳”{honors.city_top_hundred_women}，"
        "腊市镇明塘村妇联主席陈丽华获评全国妇联系统劳动模范。"
        "举办“巾帼心向党、奋进新征程”湘东妇女庆祝建党100周年主题宣传教育活动，"
        "隆重表彰了三八红旗手（集体）、最美家庭、清洁家庭示范户、巾帼建功标兵、优秀妇女干部、"
        "最美巾帼志愿者，激励广大妇女和家庭见贤思齐、崇德向上。",
    ),
    (
        "合法权益有保障",
        "联合区司法局与148法律服务所合作，建立了湘东区妇女儿童维权法律服务站，"
        "为妇女儿童提供全天候、全方位维权服务。打造了区“婚姻家庭纠纷调处中心”，"
        "聘请心理咨询师、法律顾问、婚姻调解专家定期坐班，并开通线上线下咨询专栏，"
        "解答婚姻中的困惑与问题。通过12338维权热线、信访接待等形式受理妇女信访诉求，"
        "全年受理并妥处妇女维权案件{rights.cases_received}。",
    ),
    (
        "妇儿民生有改善",
        "开展农村适龄妇女、城镇贫困妇女“两癌”免费筛查，"
        "为{welfare.liangai_relief_rural}农村、{welfare.liangai_relief_urban}城镇贫困“两癌”妇女"
        "提供“两癌救助金”共{welfare.liangai_relief_amount}。"
        "精心组织“春蕾计划”、“99公益”等捐助项目，共筹集资金{welfare.fundraising|余}。"
        "组织实施“关爱新生命-儿童营养改善”公益奶粉项目，"
        "共发放全额免费资助奶粉{welfare.formula_full_tins}，差额资助奶粉{welfare.formula_partial_tins}。"
        "组织实施先心病患儿免费救治公益项目，使{welfare.heart_treated_children}儿童获得免费救治。"
        "争取省妇基会安全书包项目，为全区{welfare.school_bag_children}留守儿童送去了书包。"
        "联合统战部开展了阳光女童夏令营活动，为{welfare.summer_camp_girls}单亲贫困女童赠送了爱心物品。",
    ),
    (
        "技能就业有拓展",
        "联合湘东职专开办了{employment.housekeeping_classes}家政技能培训班，"
        "帮助{employment.housekeeping_trainees|余}妇女掌握了家政服务技能。"
        "会同人社部门举办了女性专场招聘会，“点对点”地为妇女提供了就业岗位。",
    ),
]

PLAN_INTRO = (
    "总的思路和打算是：围绕五个“好”、实现五个突破，推动湘东妇儿事业有新的发展，"
    "让半边天地位更高、受益更多，让妇联组织更强、张力更大。"
)

# (heading, body, [(indicator, target)]) — targets are "at least".
PLAN_ITEMS = [
    (
        "传好音，在推动思想引领上求突破",
        "组织“赣鄱红色娘子军”讲好革命故事、红色故事、家风故事，将故事讲到妇女心坎里、渗透在妇女思想里。"
        "组织本地优秀妇女讲好巾帼故事，用身边事感染身边人。利用主流舆论阵地，做优主题宣传，"
        "弘扬正能量，传播巾帼“好声音”。",
        [],
    ),
    (
        "鼓好风，在推动家庭家教上求突破",
        "继续挖掘湘东本土家风故事、开展本地优秀家规家训征集活动，建设湘东区家风家训馆，"
        "推进家风建设主题教育。推出家庭助廉活动品牌，开展“廉洁家书”征集展播活动，"
        "推进干部家庭家教家风建设。整合优势资源，在区党员教育培训基地重点打造区级示范性家长学校，"
        "持续开展质量高、实效强的大型家庭教育讲座，推动家庭教育走深走实。"
        "深化“绿色（清洁）家庭”创建工作，继续开展区、乡、村、组四级评比和授牌活动，推进创建常态长效。",
        [("families.lecture_sessions", 20)],
    ),
    (
        "铺好路，在推动建功立业上求突破",
        "建好女性科技人才工作库，为她们提供政策贷款、子女就学等帮扶服务，"
        "使他们能全身心地投身湘东经济社会发展大业。充分摸准全区妇女就业需求，"
        "有效开展适合妇女养殖、种植、家政等技能培训。联合区就业局对接企业、搜集合适岗位，"
        "尽量满足妇女求职需求，并包车接送有就业意愿的女性劳动力到我区园区企业应聘。",
        [("employment.housekeeping_classes", 8), ("employment.housekeeping_trainees", 450)],
    ),
    (
        "搭好台，在推动维权服务上求突破",
        "充分利用“婚姻家庭纠纷调处中心”、妇儿维权法律服务站，为妇女群众提供全天候维权服务。"
        "联合教育部门，依托未成年人犯罪预防教育基地，组织家长、教师、在校学生在基地开展体验教学、"
        "互动教学，预防和减少未成年人违法犯罪。邀请专家授课强化预防性侵教育，"
        "提高中小学女生的自我保护意识。定期开展“我为群众办实事，代理村妇联主席”活动，"
        "力所能及地帮助妇女群众解决急难愁盼问题。结合乡村振兴，开展贫困留守儿童部门挂点帮扶活动，"
        "切实解决他们家庭困难、情感缺失等问题。",
        [],
    ),
    (
        "垫好基，在推动载体建设上求突破",
        "争取区妇女儿童活动中心尽快交付使用，为妇女儿童提供集学习、培训、健身、服务等为一体的活动场所，"
        "丰富妇女儿童的业余文化生活。提升乡村妇女干部、村（社区）组妇女小组长的素质，"
        "将妇女干部的业务、能力培训纳入各级综合培训。同时，发挥各级妇联执委、巾帼志愿者的作用，"
        "为当地妇女提供维权、培训、关爱贫困妇女儿童等微特色服务。",
        [],
    ),
]


# 湘东区's standard text: the headline figures of its five work areas. Lists of figures in
# one pair of braces name only those that are not zero; a sentence whose figures are all
# zero is left out.
TEMPLATE_OPENING = "{年度}年，我会紧紧围绕工作大局，团结带领广大妇女群众，全年获得各类荣誉{honors.federation_honors}。"
TEMPLATE_SECTIONS = [
    (
        "家庭创建有成果",
        "荣获{families.provincial_most_beautiful、families.provincial_scholarly、"
        "families.city_most_beautiful、families.city_scholarly、families.city_green}。"
        "组织{families.integrity_participants}领导干部配偶开展家庭助廉活动。"
        "举办{families.lecture_sessions}“科学家教进万家”宣讲活动，"
        "受惠家长{families.lecture_beneficiaries}。",
    ),
    (
        "先进培育有典范",
        "获评{honors.national_red_banner_women、honors.national_model_workers、"
        "honors.provincial_red_banner_collectives、honors.city_red_banner_women、"
        "honors.city_red_banner_collectives、honors.city_top_hundred_women}。"
        "举办表彰活动{honors.commendation_events}。",
    ),
    (
        "合法权益有保障",
        "全年受理妇女维权案件{rights.cases_received}，妥善办结{rights.cases_closed}；"
        "调处婚姻家庭纠纷{rights.mediations}。",
    ),
    (
        "妇儿民生有改善",
        "为{welfare.liangai_relief_women}贫困“两癌”妇女提供“两癌救助金”共{welfare.liangai_relief_amount}。"
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
]


def load_demo_template(unit: OrgUnit, writer) -> int:
    """湘东区's standard text, unless it has one; the number of templates made."""
    if ReportTemplate.objects.filter(org_unit=unit).exists():
        return 0
    template = ReportTemplate.objects.create(
        org_unit=unit, opening=TEMPLATE_OPENING, updated_by=writer
    )
    bulk_create_with_history(
        [
            TemplateSection(template=template, order=n, headline=headline, body=body)
            for n, (headline, body) in enumerate(TEMPLATE_SECTIONS, start=1)
        ],
        TemplateSection,
        default_user=writer,
    )
    return 1


@transaction.atomic
def load_demo_report() -> int:
    """Create and finalise the 2021 report unless it exists; the number of reports made."""
    unit = OrgUnit.objects.get(code=DISTRICT)
    writer = User.objects.filter(username="writer").first()
    load_demo_template(unit, writer)
    if Report.objects.for_unit_year(unit, YEAR).exists():
        return 0
    report = Report.objects.create(
        org_unit=unit, year=YEAR, opening=OPENING, plan_intro=PLAN_INTRO, created_by=writer
    )
    # With their history from the start: a section's version (what its edit form carries
    # to refuse a stale save) and its history page begin with its creation.
    bulk_create_with_history(
        [
            ReportSection(report=report, order=n, headline=headline, body=body)
            for n, (headline, body) in enumerate(SECTIONS, start=1)
        ],
        ReportSection,
        default_user=writer,
    )
    for n, (heading, body, targets) in enumerate(PLAN_ITEMS, start=1):
        item = PlanItem.objects.create(report=report, order=n, heading=heading, body=body)
        PlanTarget.objects.bulk_create(
            PlanTarget(plan_item=item, indicator=key, target=Decimal(value))
            for key, value in targets
        )
    report_finalise(report=report, user=writer)
    return 1
