"""Demo honors of 湘东区 for 2020–2022.

2021 reproduces the honors of the reference report (xiangdong-2021-annual-report.txt):
全国三八红旗手1名、全国妇联系统劳动模范1个（腊市镇明塘村妇联主席陈丽华）、省三八红旗集体1个、
市三八红旗手6人、市三八红旗集体2个、市巾帼百佳16人, the district's 建党100周年 commendation,
and the federation's own four honors. Everyone but 陈丽华, whom the report names, is made up.
"""

from datetime import date

from django.db import transaction

from fedportal.models import OrgUnit
from honors.models import CommendationEvent, FederationHonor, Honor, HonorLevel, HonorTitle

DISTRICT = "360313000000"
XIASHANKOU = "360313001000"
XIANGDONG = "360313100000"
SANJIAOCHI = "360313100201"
HEYAO = "360313101000"
LAOGUAN = "360313102000"
LASHI = "360313103000"
MINGTANG = "360313103201"
XIABU = "360313104000"
PAISHANG = "360313105000"
DONGQIAO = "360313106000"
MASHAN = "360313107000"
BAIZHU = "360313200000"
GUANGHANZHAI = "360313201000"

NATIONAL = "全国妇联"
PROVINCE = "江西省妇联"
CITY = "萍乡市妇联"
DISTRICT_FEDERATION = "湘东区妇联"

PARTY_CENTENARY = "“巾帼心向党、奋进新征程”湘东妇女庆祝建党100周年主题宣传教育活动"
WOMENS_DAY_2022 = "湘东区庆祝“三八”国际妇女节112周年暨表彰大会"

# name, date, organiser, description
EVENTS = [
    (
        PARTY_CENTENARY,
        date(2021, 6, 25),
        DISTRICT_FEDERATION,
        "庆祝中国共产党成立100周年，表彰三八红旗手（集体）、最美家庭、清洁家庭示范户、"
        "巾帼建功标兵、优秀妇女干部、最美巾帼志愿者，激励广大妇女和家庭见贤思齐、崇德向上。",
    ),
    (
        WOMENS_DAY_2022,
        date(2022, 3, 7),
        DISTRICT_FEDERATION,
        "表彰2021年度区级三八红旗手、巾帼建功先进集体和最美巾帼志愿者。",
    ),
]

PERSON, COLLECTIVE = "个人", "集体"

# Each group: year, level, title, recipient type, conferred by, date, event, and its
# recipients as (name, unit code, work unit, post); a collective's work unit and post are "".
HONORS = [
    (
        2021,
        "全国",
        "三八红旗手",
        PERSON,
        NATIONAL,
        None,
        None,
        [("刘美华", SANJIAOCHI, "湘东镇三角池村", "党总支书记")],
    ),
    (
        2021,
        "全国",
        "妇联系统劳动模范",
        PERSON,
        NATIONAL,
        None,
        None,
        [("陈丽华", MINGTANG, "腊市镇明塘村妇联", "妇联主席")],
    ),
    (
        2021,
        "省",
        "三八红旗集体",
        COLLECTIVE,
        PROVINCE,
        date(2021, 3, 5),
        None,
        [("峡山口街道社区卫生服务中心妇产科", XIASHANKOU, "", "")],
    ),
    (
        2021,
        "市",
        "三八红旗手",
        PERSON,
        CITY,
        date(2021, 3, 4),
        None,
        [
            ("王秀兰", HEYAO, "荷尧镇中心小学", "教师"),
            ("李春梅", LAOGUAN, "老关镇卫生院", "护士长"),
            ("张丽萍", XIABU, "下埠镇妇联", "妇联主席"),
            ("黄晓燕", PAISHANG, "排上镇金秋种养专业合作社", "理事长"),
            ("彭志红", DONGQIAO, "东桥镇东桥村", "村委会主任"),
            ("钟桂英", MASHAN, "麻山镇卫生院", "医生"),
        ],
    ),
    (
        2021,
        "市",
        "三八红旗集体",
        COLLECTIVE,
        CITY,
        date(2021, 3, 4),
        None,
        [("腊市镇妇联", LASHI, "", ""), ("湘东镇三角池村妇联", SANJIAOCHI, "", "")],
    ),
    (
        2021,
        "市",
        "巾帼百佳",
        PERSON,
        CITY,
        date(2021, 7, 8),
        None,
        [
            ("廖美玲", XIASHANKOU, "峡山口街道巾帼志愿服务队", "队长"),
            ("易红霞", XIANGDONG, "湘东镇便民服务中心", "窗口负责人"),
            ("周慧", HEYAO, "荷尧镇中学", "教师"),
            ("邓小芳", LAOGUAN, "老关镇老关村妇联", "妇联主席"),
            ("谢丽君", LASHI, "腊市镇巧手编织坊", "负责人"),
            ("文娟", XIABU, "下埠镇卫生院", "护士"),
            ("刘海燕", PAISHANG, "排上镇排上村", "妇女小组长"),
            ("罗春兰", DONGQIAO, "东桥镇家政服务站", "负责人"),
            ("朱玉梅", MASHAN, "麻山镇幸福家庭农场", "场主"),
            ("欧阳雪", BAIZHU, "白竺乡中心小学", "教师"),
            ("肖爱华", GUANGHANZHAI, "广寒寨乡广寒村", "妇联主席"),
            ("吴晓红", XIASHANKOU, "峡山口街道社区", "网格员"),
            ("胡静", XIANGDONG, "湘东镇巾帼电商服务站", "站长"),
            ("曾凤英", MINGTANG, "腊市镇明塘村", "妇女小组长"),
            ("段丽", LAOGUAN, "老关镇卫生院", "医生"),
            ("郭秋菊", HEYAO, "荷尧镇荷尧村", "村委会委员"),
        ],
    ),
    (
        2021,
        "区",
        "三八红旗手",
        PERSON,
        DISTRICT_FEDERATION,
        date(2021, 6, 25),
        PARTY_CENTENARY,
        [
            ("陈春燕", LASHI, "腊市镇中心小学", "教师"),
            ("许小玲", BAIZHU, "白竺乡卫生院", "护士长"),
            ("袁丽", GUANGHANZHAI, "广寒寨乡妇联", "妇联副主席"),
        ],
    ),
    (
        2021,
        "区",
        "三八红旗集体",
        COLLECTIVE,
        DISTRICT_FEDERATION,
        date(2021, 6, 25),
        PARTY_CENTENARY,
        [("下埠镇妇联", XIABU, "", ""), ("峡山口街道巾帼志愿服务队", XIASHANKOU, "", "")],
    ),
    (
        2021,
        "区",
        "巾帼建功标兵",
        PERSON,
        DISTRICT_FEDERATION,
        date(2021, 6, 25),
        PARTY_CENTENARY,
        [
            ("林晓梅", DONGQIAO, "东桥镇东桥村", "致富带头人"),
            ("何婷", MASHAN, "麻山镇巾帼创业园", "负责人"),
        ],
    ),
    (
        2021,
        "区",
        "优秀妇女干部",
        PERSON,
        DISTRICT_FEDERATION,
        date(2021, 6, 25),
        PARTY_CENTENARY,
        [
            ("叶红", XIANGDONG, "湘东镇妇联", "妇联副主席"),
            ("汤雪梅", PAISHANG, "排上镇妇联", "妇联主席"),
        ],
    ),
    (
        2021,
        "区",
        "最美巾帼志愿者",
        PERSON,
        DISTRICT_FEDERATION,
        date(2021, 6, 25),
        PARTY_CENTENARY,
        [
            ("贺秀珍", HEYAO, "荷尧镇巾帼志愿服务队", "队员"),
            ("宋玉兰", MINGTANG, "腊市镇明塘村", "志愿者"),
        ],
    ),
    (
        2020,
        "省",
        "三八红旗手",
        PERSON,
        PROVINCE,
        date(2020, 3, 6),
        None,
        [("蔡丽娟", XIASHANKOU, "峡山口街道社区卫生服务中心", "主任")],
    ),
    (
        2020,
        "市",
        "三八红旗手",
        PERSON,
        CITY,
        date(2020, 3, 5),
        None,
        [
            ("付小燕", XIANGDONG, "湘东镇中心小学", "校长"),
            ("唐美英", LAOGUAN, "老关镇老关村", "党支部书记"),
            ("龙秋霞", XIABU, "下埠镇卫生院", "医生"),
            ("甘雅琴", LASHI, "腊市镇妇联", "妇联主席"),
        ],
    ),
    (
        2020,
        "市",
        "三八红旗集体",
        COLLECTIVE,
        CITY,
        date(2020, 3, 5),
        None,
        [("荷尧镇妇联", HEYAO, "", "")],
    ),
    (
        2020,
        "市",
        "巾帼建功标兵",
        PERSON,
        CITY,
        None,
        None,
        [
            ("邹慧敏", DONGQIAO, "东桥镇巾帼扶贫车间", "负责人"),
            ("左桂兰", MASHAN, "麻山镇麻山村", "致富带头人"),
        ],
    ),
    (
        2020,
        "区",
        "巾帼文明岗",
        COLLECTIVE,
        DISTRICT_FEDERATION,
        date(2020, 3, 6),
        None,
        [("湘东镇便民服务中心", XIANGDONG, "", ""), ("老关镇卫生院护理组", LAOGUAN, "", "")],
    ),
    (
        2020,
        "区",
        "优秀妇女干部",
        PERSON,
        DISTRICT_FEDERATION,
        date(2020, 3, 6),
        None,
        [
            ("彭丽", BAIZHU, "白竺乡妇联", "妇联主席"),
            ("兰芳", GUANGHANZHAI, "广寒寨乡妇联", "妇联主席"),
            ("谭红英", PAISHANG, "排上镇排上村妇联", "妇联主席"),
        ],
    ),
    (
        2022,
        "省",
        "三八红旗手",
        PERSON,
        PROVINCE,
        date(2022, 3, 4),
        None,
        [
            ("江慧", XIANGDONG, "湘东镇妇联", "妇联主席"),
            ("严小红", MINGTANG, "腊市镇明塘村", "村委会委员"),
        ],
    ),
    (
        2022,
        "省",
        "巾帼文明岗",
        COLLECTIVE,
        PROVINCE,
        date(2022, 3, 4),
        None,
        [("峡山口街道便民服务中心", XIASHANKOU, "", "")],
    ),
    (
        2022,
        "市",
        "三八红旗手",
        PERSON,
        CITY,
        date(2022, 3, 3),
        None,
        [
            ("潘晓丽", HEYAO, "荷尧镇卫生院", "护士长"),
            ("熊美兰", XIABU, "下埠镇下埠村", "党支部书记"),
            ("程静", DONGQIAO, "东桥镇中心小学", "教师"),
            ("卢春香", BAIZHU, "白竺乡白竺村", "妇联主席"),
            ("姚雪芳", GUANGHANZHAI, "广寒寨乡巾帼种植基地", "负责人"),
        ],
    ),
    (
        2022,
        "市",
        "三八红旗集体",
        COLLECTIVE,
        CITY,
        date(2022, 3, 3),
        None,
        [("老关镇妇联", LAOGUAN, "", ""), ("排上镇妇联", PAISHANG, "", "")],
    ),
    (
        2022,
        "区",
        "三八红旗手",
        PERSON,
        DISTRICT_FEDERATION,
        date(2022, 3, 7),
        WOMENS_DAY_2022,
        [
            ("孙丽华", MASHAN, "麻山镇妇联", "妇联主席"),
            ("汪小梅", MINGTANG, "腊市镇明塘村", "妇女小组长"),
            ("范雪", SANJIAOCHI, "湘东镇三角池村", "网格员"),
            ("夏玉珍", XIASHANKOU, "峡山口街道社区", "妇联主席"),
        ],
    ),
    (
        2022,
        "区",
        "巾帼建功先进集体",
        COLLECTIVE,
        DISTRICT_FEDERATION,
        date(2022, 3, 7),
        WOMENS_DAY_2022,
        [("腊市镇明塘村妇联", MINGTANG, "", ""), ("东桥镇东桥村妇联", DONGQIAO, "", "")],
    ),
    (
        2022,
        "区",
        "最美巾帼志愿者",
        PERSON,
        DISTRICT_FEDERATION,
        date(2022, 3, 7),
        WOMENS_DAY_2022,
        [
            ("田春花", LAOGUAN, "老关镇巾帼志愿服务队", "队员"),
            ("任秀梅", LASHI, "腊市镇巾帼志愿服务队", "队长"),
        ],
    ),
]

# title, conferred by, level, year, kind
FEDERATION_HONORS = [
    ("全国妇联系统宣传舆论阵地建设先进单位", NATIONAL, "全国", 2021, "荣誉称号"),
    ("全市创建全国文明城市工作先进集体", "中共萍乡市委、萍乡市人民政府", "市", 2021, "荣誉称号"),
    ("2020年年度区直单位科级“好班子”", "中共萍乡市湘东区委", "区", 2021, "考核评价"),
    ("全区“廉洁萍乡建设”技能大赛一等奖", "湘东区纪委监委", "区", 2021, "竞赛奖项"),
    ("全市妇联系统脱贫攻坚工作先进集体", CITY, "市", 2020, "荣誉称号"),
    ("2019年年度区直单位科级“好班子”", "中共萍乡市湘东区委", "区", 2020, "考核评价"),
    ("全省妇联系统“巾帼心向党”主题宣传活动优秀组织单位", PROVINCE, "省", 2022, "荣誉称号"),
    ("2021年年度区直单位科级“好班子”", "中共萍乡市湘东区委", "区", 2022, "考核评价"),
    ("全区机关干部“学习强国”知识竞赛二等奖", "中共萍乡市湘东区委宣传部", "区", 2022, "竞赛奖项"),
]


def _create_if_missing(model, lookup: dict, values: dict) -> int:
    """Create the record unless one with `lookup` exists; validated as staff entry would be."""
    if model.objects.filter(**lookup).exists():
        return 0
    record = model(**lookup, **values)
    record.full_clean()
    record.save()
    return 1


@transaction.atomic
def load_demo_records() -> int:
    """Create the demo honors of 湘东区 that are missing; returns how many were created."""
    units = {unit.code: unit for unit in OrgUnit.objects.filter(code__startswith="360313")}
    levels = {level.name: level for level in HonorLevel.objects.all()}
    titles = {title.name: title for title in HonorTitle.objects.all()}
    district = units[DISTRICT]
    created = 0

    for name, held_on, organiser, description in EVENTS:
        created += _create_if_missing(
            CommendationEvent,
            {"name": name, "org_unit": district, "held_on": held_on},
            {"organiser": organiser, "description": description},
        )
    events = {event.name: event for event in CommendationEvent.objects.filter(org_unit=district)}

    for year, level, title, recipient_type, conferred_by, on, event, recipients in HONORS:
        for name, unit_code, work_unit, post in recipients:
            created += _create_if_missing(
                Honor,
                {
                    "recipient_name": name,
                    "org_unit": units[unit_code],
                    "title": titles[title],
                    "level": levels[level],
                    "year": year,
                },
                {
                    "recipient_type": recipient_type,
                    "work_unit": work_unit,
                    "post": post,
                    "conferred_by": conferred_by,
                    "conferred_on": on,
                    "event": events.get(event),
                },
            )

    for title, conferred_by, level, year, kind in FEDERATION_HONORS:
        created += _create_if_missing(
            FederationHonor,
            {"title": title, "org_unit": district, "year": year},
            {"conferred_by": conferred_by, "level": levels[level], "kind": kind},
        )
    return created
