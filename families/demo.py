"""Demo records of 湘东区's family work, 2020–2022.

2021 reproduces part 一（一）of the reference report exactly: 省“最美家庭”3户、“书香家庭”1户，
市“最美家庭”3户、“书香家庭”1户、“绿色（清洁）家庭”15户; the 凯丰故里 base; 120 领导干部配偶
in 家庭助廉; 15 场“科学家教进万家”宣讲 reaching 2,960 parents (近3000人); 三角池村 as the
demonstration parent school named in 2021. 区 and 乡镇 awards, and 2020 and 2022, are made up
so that level breakdowns and year-on-year comparisons have something to show. Households
and their heads are invented names.
"""

from datetime import date

from django.db import transaction

from families.models import (
    ActivityType,
    AwardKind,
    AwardLevel,
    FamilyActivity,
    FamilyAward,
    FamilyTraditionBase,
    ParentSchool,
)
from fedportal.models import OrgUnit, User
from fedportal.scoping import is_under

DISTRICT = "360313000000"
XIASHANKOU = "360313001000"
XIANGDONG = "360313100000"
HEYAO = "360313101000"
LAOGUAN = "360313102000"
LASHI = "360313103000"
XIABU = "360313104000"
PAISHANG = "360313105000"
DONGQIAO = "360313106000"
MASHAN = "360313107000"
BAIZHU = "360313200000"
GUANGHANZHAI = "360313201000"
MINGTANG = "360313103201"
SANJIAOCHI = "360313100201"

# Households are spread over the district in this order, villages included.
HOUSEHOLD_UNITS = [
    XIASHANKOU,
    XIANGDONG,
    HEYAO,
    LAOGUAN,
    MINGTANG,
    XIABU,
    PAISHANG,
    DONGQIAO,
    MASHAN,
    BAIZHU,
    GUANGHANZHAI,
    SANJIAOCHI,
    LASHI,
]

# 23 surnames and 29 given names: coprime lengths give 667 distinct invented names.
SURNAMES = "刘李张王陈彭黄钟易谢罗周吴胡肖邓文贺袁曾廖朱唐"
GIVEN_NAMES = [
    "建华", "春兰", "志强", "秀英", "国平", "小红", "卫东", "桂香", "海燕", "德明",
    "丽萍", "文斌", "红梅", "永辉", "冬梅", "新民", "玉兰", "俊峰", "爱华", "金凤",
    "明亮", "淑芬", "长青", "美玲", "家旺", "素珍", "立新", "晓燕", "福生",
]  # fmt: skip

STORIES = {
    "最美家庭": "夫妻和睦、孝老爱亲，热心邻里互助，家风淳朴，在村（社区）有口皆碑。",
    "书香家庭": "全家爱读书、读好书，家中藏书千余册，带动邻里开展亲子阅读。",
    "绿色（清洁）家庭": "房前屋后干净整洁，垃圾分类到位，带头参与村庄环境整治。",
    "清洁家庭示范户": "家居整洁、庭院干净，积极参与人居环境整治，起到示范带动作用。",
    "美丽庭院示范户": "庭院布局美观，种花植绿，带动左邻右舍共建美丽庭院。",
}

PARTY_CENTENARY = "“巾帼心向党、奋进新征程”湘东妇女庆祝建党100周年主题宣传教育活动"

# year, level, kind, households, conferring body (None: the household's township), date,
# occasion. The 省 and 市 rows of 2021 are the report's figures and must stay as they are.
AWARD_BATCHES = [
    (2020, "省", "最美家庭", 1, "江西省妇联", date(2020, 5, 15), ""),
    (2020, "市", "最美家庭", 2, "萍乡市妇联", date(2020, 5, 12), ""),
    (2020, "市", "绿色（清洁）家庭", 8, "萍乡市妇联", date(2020, 11, 20), ""),
    (2020, "区", "最美家庭", 5, "湘东区妇联", date(2020, 5, 20), ""),
    (2021, "省", "最美家庭", 3, "江西省妇联", date(2021, 5, 14), ""),
    (2021, "省", "书香家庭", 1, "江西省妇联", date(2021, 4, 23), ""),
    (2021, "市", "最美家庭", 3, "萍乡市妇联", date(2021, 5, 12), ""),
    (2021, "市", "书香家庭", 1, "萍乡市妇联", date(2021, 4, 23), ""),
    (2021, "市", "绿色（清洁）家庭", 15, "萍乡市妇联", date(2021, 11, 26), ""),
    (2021, "区", "最美家庭", 6, "湘东区妇联", date(2021, 6, 25), PARTY_CENTENARY),
    (2021, "区", "清洁家庭示范户", 10, "湘东区妇联", date(2021, 6, 25), PARTY_CENTENARY),
    (2021, "乡镇", "美丽庭院示范户", 6, None, date(2021, 12, 10), "2021年度美丽庭院评比"),
    (2022, "省", "最美家庭", 2, "江西省妇联", date(2022, 5, 13), ""),
    (2022, "省", "书香家庭", 1, "江西省妇联", date(2022, 4, 22), ""),
    (2022, "市", "最美家庭", 4, "萍乡市妇联", date(2022, 5, 11), ""),
    (2022, "市", "书香家庭", 2, "萍乡市妇联", date(2022, 4, 22), ""),
    (2022, "市", "绿色（清洁）家庭", 16, "萍乡市妇联", date(2022, 11, 25), ""),
    (2022, "区", "最美家庭", 6, "湘东区妇联", date(2022, 5, 15), ""),
    (2022, "区", "清洁家庭示范户", 12, "湘东区妇联", date(2022, 12, 2), "区级绿色（清洁）家庭创建评比"),
    (2022, "乡镇", "美丽庭院示范户", 6, None, date(2022, 12, 9), "2022年度美丽庭院评比"),
]  # fmt: skip

LECTURE = "科学家教进万家宣讲"
PARENTS = "家长"
# unit, type, title, date, sessions, participants, who, beneficiaries, partners, notes
ACTIVITIES = [
    (XIASHANKOU, LECTURE, "峡山口街道“科学家教进万家”宣讲", date(2020, 9, 19), 3, 520, PARENTS, 520, "街道关工委", ""),
    (LASHI, LECTURE, "腊市镇“科学家教进万家”宣讲", date(2020, 10, 17), 2, 380, PARENTS, 380, "", ""),
    (DONGQIAO, LECTURE, "东桥镇“科学家教进万家”宣讲", date(2020, 11, 14), 3, 450, PARENTS, 450, "", ""),
    (DONGQIAO, "家风故事会", "凯丰故里家风故事会", date(2020, 12, 12), 1, 150, "党员群众", 150, "", ""),
    (DISTRICT, "家庭教育讲座", "疫情防控期间家庭教育线上讲座", date(2020, 3, 28), 1, 600, PARENTS, 600, "区教育局", "线上直播。"),
    # 2021: 15 场 and 2,960 受惠家长 over these six.
    (DISTRICT, LECTURE, "“科学家教进万家”湘东区启动暨首场宣讲", date(2021, 3, 20), 2, 560, PARENTS, 560, "区教育局、区关工委", ""),
    (XIASHANKOU, LECTURE, "峡山口街道“科学家教进万家”宣讲", date(2021, 4, 17), 3, 620, PARENTS, 620, "街道关工委", ""),
    (XIANGDONG, LECTURE, "湘东镇“科学家教进万家”宣讲", date(2021, 5, 22), 3, 540, PARENTS, 540, "", ""),
    (LASHI, LECTURE, "腊市镇“科学家教进万家”宣讲", date(2021, 6, 19), 2, 400, PARENTS, 400, "", ""),
    (XIABU, LECTURE, "下埠镇“科学家教进万家”宣讲", date(2021, 9, 18), 2, 380, PARENTS, 380, "", ""),
    (DONGQIAO, LECTURE, "东桥镇“科学家教进万家”宣讲", date(2021, 10, 23), 3, 460, PARENTS, 460, "", ""),
    (DISTRICT, "家庭助廉", "“清风正气 廉洁齐家”家庭助廉活动", date(2021, 8, 27), 1, 120, "领导干部配偶", 120, "区纪委监委", "推进清风正气、廉洁齐家。"),
    (DONGQIAO, "家风故事会", "凯丰故里家风故事会", date(2021, 7, 1), 1, 200, "党员群众", 200, "", "讲述凯丰等革命先驱的家风故事。"),
    (DISTRICT, "家庭教育讲座", "“家校社”协同育人 助力“双减”家庭教育讲座", date(2021, 10, 30), 1, 300, PARENTS, 300, "区教育局", "相关举措被中国妇女报宣传报道。"),
    (SANJIAOCHI, "亲子活动", "三角池村家长学校亲子阅读活动", date(2021, 6, 1), 1, 80, "家长和儿童", 80, "", ""),
    (DISTRICT, LECTURE, "“科学家教进万家”湘东区宣讲", date(2022, 3, 19), 3, 600, PARENTS, 600, "区教育局、区关工委", ""),
    (XIASHANKOU, LECTURE, "峡山口街道“科学家教进万家”宣讲", date(2022, 4, 16), 3, 580, PARENTS, 580, "街道关工委", ""),
    (HEYAO, LECTURE, "荷尧镇“科学家教进万家”宣讲", date(2022, 5, 21), 3, 520, PARENTS, 520, "", ""),
    (LASHI, LECTURE, "腊市镇“科学家教进万家”宣讲", date(2022, 6, 18), 3, 560, PARENTS, 560, "", ""),
    (PAISHANG, LECTURE, "排上镇“科学家教进万家”宣讲", date(2022, 9, 17), 3, 470, PARENTS, 470, "", ""),
    (MASHAN, LECTURE, "麻山镇“科学家教进万家”宣讲", date(2022, 10, 22), 3, 510, PARENTS, 510, "", ""),
    (DISTRICT, "家庭助廉", "家庭助廉品牌活动", date(2022, 8, 26), 2, 150, "领导干部配偶", 150, "区纪委监委", ""),
    (DISTRICT, "廉洁家书征集", "“廉洁家书”征集展播活动", date(2022, 6, 10), 1, 260, "干部家属", 1200, "区纪委监委", "征集家书并在融媒体展播。"),
    (DISTRICT, "家庭教育讲座", "区党员教育培训基地家庭教育讲座", date(2022, 11, 5), 2, 400, PARENTS, 400, "区委组织部", ""),
    (DONGQIAO, "家风故事会", "凯丰故里家风故事会", date(2022, 7, 1), 2, 260, "党员群众", 260, "", ""),
]  # fmt: skip

# unit, name, kind, demonstration year, established, notes
PARENT_SCHOOLS = [
    (SANJIAOCHI, "三角池村家长学校", ParentSchool.Kind.VILLAGE, 2021, 2018, "2021年打造为示范家长学校。"),
    (XIASHANKOU, "峡山口街道滨河社区家长学校", ParentSchool.Kind.COMMUNITY, 2020, 2017, ""),
    (XIANGDONG, "湘东镇湘东社区家长学校", ParentSchool.Kind.COMMUNITY, None, 2019, ""),
    (LASHI, "腊市镇腊市社区家长学校", ParentSchool.Kind.COMMUNITY, None, 2021, ""),
    (XIABU, "下埠镇下埠社区家长学校", ParentSchool.Kind.COMMUNITY, None, 2021, ""),
    (MINGTANG, "明塘村家长学校", ParentSchool.Kind.VILLAGE, None, 2020, ""),
    (DISTRICT, "湘东区党员教育培训基地家长学校", ParentSchool.Kind.AGENCY, 2022, 2022, "区级示范性家长学校。"),
]  # fmt: skip

KAIFENG_BASE = (
    "依托革命先驱凯丰故里，讲述湘东本土古代廉吏黄爱堂、颜培天，革命先驱凯丰、刘型，"
    "时代先锋陈述彭、吴学周等模范典型在从俭、尚礼、行孝、守信等方面的传统美德和家风故事。"
)
# unit, name, year, level, description
TRADITION_BASES = [
    (DONGQIAO, "凯丰故里家风家教示范基地", 2021, "区", KAIFENG_BASE),
    (DISTRICT, "湘东区家风家训馆", 2022, "区", "展示本地优秀家规家训征集成果，开展家风建设主题教育。"),
]  # fmt: skip


def invented_name(number: int) -> str:
    return SURNAMES[number % len(SURNAMES)] + GIVEN_NAMES[(number * 7) % len(GIVEN_NAMES)]


class Loader:
    """Looks each record up by its natural key and creates only what is missing."""

    def __init__(self):
        self.units = {u.code: u for u in OrgUnit.objects.filter(code__startswith="360313")}
        # Records are entered by the login of their township where the demo has one.
        logins = User.objects.filter(username__in=["staff", "township", "township2"])
        users = {u.username: u for u in logins}
        self.entered_by = {LASHI: users.get("township"), XIANGDONG: users.get("township2")}
        self.staff = users.get("staff")
        self.created = 0

    def unit(self, code):
        return self.units[code]

    def enterer(self, unit):
        for code, user in self.entered_by.items():
            if user is not None and is_under(unit, self.units[code]):
                return user
        return self.staff

    def township(self, unit):
        return unit if unit.level <= OrgUnit.Level.TOWNSHIP else unit.parent

    def ensure(self, model, key, values):
        if model.objects.filter(**key).exists():
            return
        record = model(**key, **values, created_by=self.enterer(key["org_unit"]))
        record.full_clean()
        record._history_user = record.created_by
        record.save()
        self.created += 1

    def awards(self):
        kinds = {k.name: k for k in AwardKind.objects.all()}
        levels = {lv.name: lv for lv in AwardLevel.objects.all()}
        number = 0
        for year, level, kind, households, body, conferred_on, occasion in AWARD_BATCHES:
            for _ in range(households):
                unit = self.unit(HOUSEHOLD_UNITS[number % len(HOUSEHOLD_UNITS)])
                head = invented_name(number)
                number += 1
                self.ensure(
                    FamilyAward,
                    {
                        "org_unit": unit,
                        "household_name": f"{head}家庭",
                        "kind": kinds[kind],
                        "level": levels[level],
                        "year": year,
                    },
                    {
                        "head_name": head,
                        "conferred_by": body or f"{self.township(unit).name}妇联",
                        "conferred_on": conferred_on,
                        "occasion": occasion,
                        "story": STORIES[kind],
                    },
                )

    def activities(self):
        types = {t.name: t for t in ActivityType.objects.all()}
        for row in ACTIVITIES:
            code, kind, title, held_on, sessions, participants, group, reached, partners, notes = (
                row
            )
            self.ensure(
                FamilyActivity,
                {"org_unit": self.unit(code), "title": title, "held_on": held_on},
                {
                    "activity_type": types[kind],
                    "sessions": sessions,
                    "participants": participants,
                    "participant_group": group,
                    "beneficiaries": reached,
                    "partners": partners,
                    "notes": notes,
                },
            )

    def parent_schools(self):
        for code, name, kind, demonstration_year, established, notes in PARENT_SCHOOLS:
            self.ensure(
                ParentSchool,
                {"org_unit": self.unit(code), "name": name},
                {
                    "kind": kind,
                    "is_demonstration": demonstration_year is not None,
                    "demonstration_year": demonstration_year,
                    "established_year": established,
                    "notes": notes,
                },
            )

    def tradition_bases(self):
        levels = {lv.name: lv for lv in AwardLevel.objects.all()}
        for code, name, year, level, description in TRADITION_BASES:
            self.ensure(
                FamilyTraditionBase,
                {"org_unit": self.unit(code), "name": name},
                {"designated_year": year, "level": levels[level], "description": description},
            )


@transaction.atomic
def load_demo_records() -> int:
    """Create the missing demo records of family work; return how many were created."""
    loader = Loader()
    loader.awards()
    loader.activities()
    loader.parent_schools()
    loader.tradition_bases()
    return loader.created
