"""Synthetic records for benchmarks and load tests: a made-up city of many districts.

`synthetic_data_generate` builds a city tree of its own (codes starting with "99", which no
GB/T 2260 province uses, so it can never clash with a real or the demo tree: 模拟市 →
模拟区001 … → 模拟区001第01镇 … → 模拟区001第01镇第01村 …) and fills it with records of all five
work areas in the proportions of real work: grants and family awards most numerous, then
honors, trainees and rights cases, a few federation honors and service points. Each model's
records go round the districts and years in turn, so a district holds `records / districts`
whatever the total (a benchmark can compare one district at 10 thousand and a hundred
districts at a million records and view the same amount of data). Every record
passes its model's `full_clean()`: dates lie in the record's year, reference lists are the
seeded rows, ID numbers are valid (GB 11643), counts respect the check constraints.

Records are written with `bulk_create` in batches, without change history (nobody entered
them), inside one transaction. The same arguments and seed on the same database give the
same records. A city that already exists is refused rather than topped up, so that a run's
figures are exactly what it was asked for; more data goes into another city
(`city_code="9902"`), or the city is cleared first with `synthetic_data_clear`.
"""

import random
import time
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from itertools import chain

from django.apps import apps
from django.db import connection, models, reset_queries, transaction
from django.db.models import ProtectedError
from django.utils import timezone

from employment.models import JobFair, Trainee, TrainingClass, TrainingKind
from families.models import (
    ActivityType,
    AwardKind,
    AwardLevel,
    FamilyActivity,
    FamilyAward,
    FamilyTraditionBase,
    ParentSchool,
)
from fedportal.models import OrgUnit, ScopedRecord
from fedportal.org_units import org_units_import
from fedportal.personal_data import ADULT_AGE, age_on, make_id_number
from fedportal.scoping import is_under, subtree_filter, under, unit_lookup
from honors.models import (
    CommendationEvent,
    FederationHonor,
    Honor,
    HonorLevel,
    HonorTitle,
    RecipientType,
)
from rights.models import CaseCategory, Channel, Complainant, Mediation, RightsCase, ServicePoint
from welfare.models import (
    Fundraising,
    Grant,
    Programme,
    ProgrammeRun,
    Residence,
    Screening,
    Sex,
)

# No province code starts with 9, so a synthetic tree cannot share a code with a real one.
SYNTHETIC_PREFIX = "99"
DEFAULT_CITY = "9901"
TOWNSHIPS_PER_DISTRICT = 11
VILLAGES_PER_TOWNSHIP = 3
MAX_DISTRICTS = 999
# Welfare records accept years from 2000 only (welfare.models.WELFARE_YEARS).
FIRST_YEAR = 2000
BATCH_SIZE = 2000
# Synthetic ID numbers carry a province the demo and the tests never use (they use 36), so
# no synthetic grant can collide with one of theirs under the grant's uniqueness rule.
ID_PROVINCE = "43"

# Share of each model in the records asked for, per thousand. Grants and family awards are
# the bulk of real work; federation honors and service points are a handful a year.
SHARES: list[tuple[type[models.Model], int]] = [
    (FamilyAward, 200),
    (FamilyActivity, 50),
    (ParentSchool, 5),
    (FamilyTraditionBase, 3),
    (Honor, 120),
    (CommendationEvent, 4),
    (FederationHonor, 2),
    (RightsCase, 70),
    (Mediation, 30),
    (ServicePoint, 3),
    (Grant, 310),
    (Fundraising, 50),
    (Screening, 20),
    (ProgrammeRun, 8),
    (TrainingClass, 15),
    (Trainee, 100),
    (JobFair, 10),
]

SHARED_MODELS = frozenset(model for model, _ in SHARES)

# Where in a district records are entered: (the district itself, a township, a village).
SPREAD = (0.1, 0.55, 0.35)

SURNAMES = "刘李张王陈彭黄钟易谢罗周吴胡肖邓文贺袁曾廖朱唐段汤颜叶龙姚欧阳"
WOMEN_NAMES = [
    "秀英", "桂兰", "冬梅", "丽萍", "春花", "美玲", "玉珍", "淑芬", "海燕", "小红",
    "月娥", "金凤", "翠兰", "素琴", "红梅", "小琴", "爱莲", "菊香", "凤英", "艳芳",
    "慧敏", "雪芳", "秋云", "晓燕", "建英", "玉兰", "春兰", "丽华", "婷婷", "静",
    "梓萱", "欣怡", "雨桐", "思琪", "诗涵", "可馨", "佳怡", "梦瑶", "若溪", "一诺",
]  # fmt: skip
MEN_NAMES = [
    "建国", "志强", "国平", "卫东", "德明", "文斌", "永辉", "新民", "俊峰", "长青",
    "浩然", "宇轩", "子墨", "俊熙", "睿泽", "一鸣", "博文", "皓轩", "明轩", "家乐",
]  # fmt: skip
# Every surname with every given name; the step is coprime with the length, so stepping
# through it gives each name once before any repeats.
FULL_NAMES = [s + g for s in SURNAMES for g in WOMEN_NAMES + MEN_NAMES]
NAME_STEP = 7919

AWARD_STORIES = [
    "夫妻和睦、孝老爱亲，热心邻里互助，家风淳朴。",
    "全家爱读书、读好书，带动邻里开展亲子阅读。",
    "房前屋后干净整洁，带头参与村庄环境整治。",
    "勤劳致富不忘乡邻，积极参与公益活动。",
]
ACTIVITY_TITLES = {
    "科学家教进万家宣讲": "“科学家教进万家”宣讲",
    "家庭助廉": "家庭助廉座谈会",
    "家风故事会": "好家风故事分享会",
}
ACTIVITY_GROUPS = ["家长", "领导干部配偶", "留守儿童家庭", "新婚夫妇", "社区居民"]
SCHOOL_KINDS = {
    ParentSchool.Kind.COMMUNITY: "社区家长学校",
    ParentSchool.Kind.VILLAGE: "村家长学校",
    ParentSchool.Kind.SCHOOL: "学校家长学校",
    ParentSchool.Kind.AGENCY: "机关家长学校",
}
BASE_NAMES = ["家风馆", "家训文化长廊", "红色家风教育基地", "好家风传承馆"]
EVENT_NAMES = [
    "“三八”国际妇女节表彰大会",
    "巾帼建功表彰活动",
    "最美家庭揭晓发布活动",
    "妇女工作先进集体和个人表彰会",
]
COLLECTIVE_SUFFIXES = ["妇联", "卫生院", "中心小学", "巾帼志愿服务队", "农业合作社", "社区服务中心"]
WORK_UNITS = ["妇联", "卫生院", "中心小学", "村委会", "农业合作社"]
POSTS = ["妇联主席", "妇联执委", "医生", "教师", "村委委员", "负责人"]
FEDERATION_TITLES = [
    "全国妇联系统宣传舆论阵地建设先进单位",
    "全省妇联系统先进集体",
    "全市妇联工作目标管理考核先进单位",
    "全市“巾帼心向党”演讲比赛一等奖",
    "区直单位绩效考核优秀单位",
    "全市家庭教育工作先进单位",
]
CASE_SUMMARIES = {
    "婚姻家庭类": [
        "反映遭受丈夫家庭暴力，请求协助申请人身安全保护令。",
        "咨询离婚时夫妻共同财产分割和子女抚养问题。",
        "反映与公婆矛盾激化，请求妇联上门调解。",
        "反映子女拒不履行赡养义务。",
        "反映离婚后前夫多次纠缠骚扰。",
    ],
    "劳动和社会保障权益类": [
        "反映用人单位以怀孕为由解除劳动合同。",
        "反映在务工单位被拖欠工资。",
    ],
    "人身权益类": ["反映遭受性骚扰，请求帮助维权。", "反映亲属下落不明，请求协助查找。"],
    "财产权益类": ["反映出嫁后土地承包权益受到侵害。", "反映父母去世后与兄弟就房屋继承发生争议。"],
}
OTHER_SUMMARIES = ["咨询妇女权益保障相关法律问题。", "反映生活困难，请求帮助申请救助。"]
CASE_RESULTS = [
    "经调解双方达成协议，已回访。",
    "提供法律咨询并协助收集证据。",
    "联系村委会上门调解，矛盾化解。",
]
REFERRAL_UNITS = ["区人民法院", "区人社局", "区公安分局", "区司法局"]
POINT_PARTNERS = ["区司法局", "148法律服务所", "区人民法院", ""]
POINT_KINDS = {
    ServicePoint.Kind.LEGAL_SERVICE_STATION: "妇女儿童维权法律服务站",
    ServicePoint.Kind.MEDIATION_CENTRE: "婚姻家庭纠纷调处中心",
    ServicePoint.Kind.WOMENS_HOME_DESK: "妇女之家维权点",
}
DONORS = ["区直机关干部职工", "99公益日网络募捐", "爱心企业", "社会各界爱心人士", "商会会员企业"]
RUN_PARTNERS = ["省妇基会", "统战部", "区卫健委", "区教育局", ""]
HOSPITALS = ["区妇幼保健院", "区人民医院", "乡镇卫生院"]
CLASS_PARTNERS = ["区职业中专", "区人社局", "区就业局", "区农业农村局", ""]
EMPLOYERS = ["家政服务公司", "电商产业园", "养老服务中心", "种养专业合作社", ""]
JOB_FAIRS = [
    ("女性专场招聘会", 4),
    ("春风行动招聘会", 3),
    ("就业援助月专场招聘会", 2),
    ("巾帼电商专场招聘会", 1),
]


@dataclass(frozen=True)
class GrantProfile:
    """How a programme's grants look: who receives them and what they receive."""

    weight: int
    ages: tuple[int, int]
    female_only: bool = True
    amounts: tuple[int, ...] = ()  # 元, one picked per grant
    goods: str = ""
    quantities: tuple[int, ...] = ()
    unit: str = ""
    subsidies: tuple[str, ...] = (Grant.SubsidyType.NOT_APPLICABLE,)
    health: tuple[str, ...] = ()


FULL, PARTIAL = Grant.SubsidyType.FULL, Grant.SubsidyType.PARTIAL
# Keyed by the seeded programme names; a programme renamed in the admin is left out.
GRANT_PROFILES = {
    "两癌救助": GrantProfile(
        15,
        (35, 64),
        amounts=(5000, 10000, 10000, 20000),
        health=("宫颈癌术后，正在放疗", "乳腺癌术后，正在化疗", "乳腺癌术后康复期"),
    ),
    "公益奶粉（关爱新生命-儿童营养改善）": GrantProfile(
        30,
        (0, 2),
        female_only=False,
        goods="奶粉",
        quantities=(4, 9),
        unit="桶",
        subsidies=(FULL, PARTIAL),
    ),
    "安全书包": GrantProfile(
        20, (6, 12), female_only=False, goods="书包", quantities=(1,), unit="个"
    ),
    "阳光女童夏令营": GrantProfile(10, (8, 14), goods="爱心物品", quantities=(1,), unit="份"),
    "母亲邮包": GrantProfile(10, (25, 60), goods="母亲邮包", quantities=(1,), unit="个"),
    "春蕾计划": GrantProfile(10, (6, 17), amounts=(1000, 1500, 2000, 3000)),
    "先心病救治": GrantProfile(
        5,
        (0, 14),
        female_only=False,
        goods="免费手术救治",
        quantities=(1,),
        unit="例",
        subsidies=(FULL,),
        health=("先天性心脏病（室间隔缺损），已完成手术",),
    ),
}
FUNDRAISING_PROGRAMMES = ["春蕾计划", "99公益", "两癌救助", "安全书包", "母亲邮包"]


class SyntheticDataError(Exception):
    """Arguments or a database state the generator cannot work with; the message is Chinese."""


@dataclass
class Summary:
    city: OrgUnit
    districts: int
    years: list[int]
    units_created: int
    records: int  # complainants, one to a case, not included
    created: dict[str, int]  # model verbose name → rows
    seconds: float


def city_unit_code(city_code: str) -> str:
    """The 12-digit unit code of the synthetic city `city_code` (9901 → 990100000000)."""
    if not (
        len(city_code) == 4 and city_code.isascii() and city_code.isdigit()
    ) or not city_code.startswith(SYNTHETIC_PREFIX):
        raise SyntheticDataError(
            f"模拟市代码应为以{SYNTHETIC_PREFIX}开头的4位数字（如 {DEFAULT_CITY}），"
            f"当前为“{city_code}”。"
        )
    return city_code + "0" * 8


def synthetic_roots(city_code: str | None = None):
    """The synthetic cities (all, or the one of `city_code`): top units coded 99…."""
    roots = OrgUnit.objects.filter(depth=1, code__startswith=SYNTHETIC_PREFIX)
    if city_code is not None:
        roots = roots.filter(code=city_unit_code(city_code))
    return roots


def synthetic_tree_rows(city_code: str, districts: int) -> list[dict]:
    """Rows for `org_units_import`: the city, its districts, their townships and villages."""
    city = city_unit_code(city_code)
    city_name = "模拟市" if city_code == DEFAULT_CITY else f"模拟市{city_code}"
    rows = [(city, city_name, "市", "")]
    for d in range(1, districts + 1):
        district = f"{city_code}{d:03d}00000"
        district_name = f"模拟区{d:03d}"
        rows.append((district, district_name, "区", city))
        for t in range(1, TOWNSHIPS_PER_DISTRICT + 1):
            township = f"{city_code}{d:03d}{t:02d}000"
            township_name = f"{district_name}第{t:02d}镇"
            rows.append((township, township_name, "乡镇", district))
            for v in range(1, VILLAGES_PER_TOWNSHIP + 1):
                rows.append(
                    (
                        f"{city_code}{d:03d}{t:02d}{v:03d}",
                        f"{township_name}第{v:02d}村",
                        "村",
                        township,
                    )
                )
    return [
        {"row": i, "code": code, "name": name, "level": level, "parent_code": parent}
        for i, (code, name, level, parent) in enumerate(rows, start=1)
    ]


def allocate(records: int) -> dict[type[models.Model], int]:
    """How many rows of each model make up `records`, in the proportions of `SHARES`.

    Every model gets at least one row when there are enough records to go round, so even a
    small run exercises every model; rounding is absorbed by the grants.
    """
    total_share = sum(share for _, share in SHARES)
    counts = {model: records * share // total_share for model, share in SHARES}
    if records >= len(SHARES):
        counts = {model: max(n, 1) for model, n in counts.items()}
    counts[Grant] += records - sum(counts.values())
    if counts[Grant] < 0:  # fewer records than models: drop the smallest shares
        for model, _ in sorted(SHARES, key=lambda item: item[1]):
            take = min(counts[model], -counts[Grant])
            counts[model] -= take
            counts[Grant] += take
    if counts[Trainee] and not counts[TrainingClass]:
        counts[Grant] += counts[Trainee]
        counts[Trainee] = 0
    return counts


@dataclass
class District:
    index: int  # 1-based, as in the unit's name
    unit: OrgUnit
    townships: list[OrgUnit]
    villages: list[OrgUnit]
    region: str  # the 6-digit division code of its residents' ID numbers

    def pick(self, rng: random.Random, spread=SPREAD) -> OrgUnit:
        at = rng.random()
        if at < spread[0] or not self.townships:
            return self.unit
        if at < spread[0] + spread[1] or not self.villages:
            return rng.choice(self.townships)
        return rng.choice(self.villages)

    def units(self, spread=SPREAD):
        """The district's units at the levels `spread` places records on."""
        for share, units in zip(spread, ([self.unit], self.townships, self.villages), strict=True):
            if share:
                yield from units

    def township_of(self, unit: OrgUnit) -> OrgUnit | None:
        if unit.depth <= self.unit.depth:
            return None
        return next(t for t in self.townships if is_under(unit, t))


def _weighted(rows, weight: Callable) -> tuple[list, list[int]]:
    rows = list(rows)
    return rows, [weight(row) for row in rows]


# Lower levels confer far more honors than higher ones; by rank, 1 being 全国.
LEVEL_WEIGHTS = {1: 1, 2: 4, 3: 12, 4: 30, 5: 50}


@dataclass
class References:
    """The seeded reference rows records point to, loaded once."""

    award_kinds: list
    award_levels: tuple[list, list[int]]
    activity_types: list
    honor_titles: list
    honor_levels: tuple[list, list[int]]
    channels: list
    case_categories: list
    dispute_types: list
    programmes: dict[str, Programme]
    grant_profiles: tuple[list, list[int]]
    training_kinds: list

    @classmethod
    def load(cls) -> "References":
        programmes = {p.name: p for p in Programme.objects.all()}
        profiles = [
            (programmes[name], p) for name, p in GRANT_PROFILES.items() if name in programmes
        ]
        categories = list(CaseCategory.objects.select_related("parent").order_by("order", "pk"))
        leaves = [c for c in categories if not any(o.parent_id == c.pk for o in categories)]
        family = [c for c in leaves if c.parent and c.parent.name == "婚姻家庭类"]
        refs = cls(
            award_kinds=list(AwardKind.objects.filter(is_active=True).order_by("order", "pk")),
            award_levels=_weighted(
                AwardLevel.objects.filter(is_active=True).order_by("rank", "pk"),
                lambda level: LEVEL_WEIGHTS.get(level.rank, 10),
            ),
            activity_types=list(
                ActivityType.objects.filter(is_active=True).order_by("order", "pk")
            ),
            honor_titles=list(HonorTitle.objects.filter(is_active=True).order_by("order", "pk")),
            honor_levels=_weighted(
                HonorLevel.objects.filter(is_active=True).order_by("rank", "pk"),
                lambda level: LEVEL_WEIGHTS.get(level.rank, 10),
            ),
            channels=list(Channel.objects.filter(is_active=True).order_by("order", "pk")),
            case_categories=leaves,
            dispute_types=family or leaves,
            programmes=programmes,
            grant_profiles=_weighted(profiles, lambda item: item[1].weight),
            training_kinds=list(
                TrainingKind.objects.filter(is_active=True).order_by("order", "pk")
            ),
        )
        missing = [
            label
            for label, rows in [
                ("表彰类别", refs.award_kinds),
                ("表彰级别", refs.award_levels[0]),
                ("活动类型", refs.activity_types),
                ("荣誉称号", refs.honor_titles),
                ("荣誉级别", refs.honor_levels[0]),
                ("来源渠道", refs.channels),
                ("诉求类别", refs.case_categories),
                ("帮扶项目", refs.grant_profiles[0]),
                ("培训类别", refs.training_kinds),
            ]
            if not rows
        ]
        if missing:
            raise SyntheticDataError(
                f"缺少参考数据：{'、'.join(missing)}。请先运行 migrate，迁移会写入这些参考列表。"
            )
        return refs


@dataclass
class _Run:
    """One generation: the random source, the tree, the years and the running counts."""

    rng: random.Random
    city: OrgUnit
    districts: list[District]
    years: list[int]
    refs: References
    total: int
    progress: Callable[[str], None]
    created: dict[str, int] = field(default_factory=dict)
    done: int = 0
    next_report: int = 10_000
    started: float = field(default_factory=time.monotonic)
    # Per-key counters that make names unique where a constraint needs it.
    counters: dict = field(default_factory=lambda: defaultdict(lambda: [0, None]))
    taken: set = field(default_factory=set)
    full: set = field(default_factory=set)

    # -- placement ---------------------------------------------------------------------

    def place(self, i: int) -> tuple[District, int]:
        """The district and year of a model's i-th record: round-robin, so every district
        and year gets the same share whatever the total."""
        district = self.districts[i % len(self.districts)]
        return district, self.years[(i // len(self.districts)) % len(self.years)]

    def day(self, year: int, *, last: date | None = None) -> date:
        first = date(year, 1, 1)
        span = ((last or date(year, 12, 31)) - first).days + 1
        return first + timedelta(days=self.rng.randrange(span))

    def unit_and_day(
        self, key: tuple, district: District, year: int, spread=SPREAD
    ) -> tuple[OrgUnit, date]:
        """A unit of `district` and a day of `year` not yet taken by a record of the same
        `key`: the model and the other fields of a uniqueness rule that includes a unit and
        a date. A random unit and day first; the next free day, or another unit once a
        unit's year is full."""
        day = self.day(year)
        days = (date(year, 12, 31) - date(year, 1, 1)).days + 1
        for unit in chain([district.pick(self.rng, spread)], district.units(spread)):
            if (key, unit.pk, year) in self.full:
                continue
            for _ in range(days):
                if (key, unit.pk, day) not in self.taken:
                    self.taken.add((key, unit.pk, day))
                    return unit, day
                day = day + timedelta(days=1) if day < date(year, 12, 31) else date(year, 1, 1)
            self.full.add((key, unit.pk, year))
        raise SyntheticDataError(
            f"{key[0]._meta.verbose_name}：{district.unit.name}{year}年的同类记录超过了"
            "该区各单位每天一条所能容纳的数量，请增加区数或年数。"
        )

    def count(self, key: tuple) -> int:
        """0, 1, 2 … for successive calls with the same key."""
        slot = self.counters[key]
        slot[0] += 1
        return slot[0] - 1

    def unique_name(self, key: tuple) -> str:
        """A person's name unique under `key` (e.g. one unit and year), in a random order."""
        slot = self.counters[key]
        if slot[1] is None:
            slot[1] = self.rng.randrange(len(FULL_NAMES))
        n = slot[0]
        slot[0] += 1
        name = FULL_NAMES[(slot[1] + n * NAME_STEP) % len(FULL_NAMES)]
        return name if n < len(FULL_NAMES) else f"{name}（{n // len(FULL_NAMES) + 1}）"

    def person(self, *, female=True) -> str:
        return self.rng.choice(SURNAMES) + self.rng.choice(WOMEN_NAMES if female else MEN_NAMES)

    def phone(self) -> str:
        return f"1{self.rng.choice('3456789')}{self.rng.randrange(10**9):09d}"

    def id_number(self, district: District, birth: date, *, female=True, sequence=None) -> str:
        if sequence is None:
            sequence = self.rng.randrange(500) * 2 + (0 if female else 1)
        return make_id_number(district.region, birth, sequence)

    def conferred_by(self, rank: int, district: District, unit: OrgUnit) -> str:
        if rank <= 1:
            return "全国妇联"
        if rank == 2:
            return "省妇联"
        if rank == 3:
            return f"{self.city.name}妇联"
        township = district.township_of(unit)
        if rank == 4 or township is None:
            return f"{district.unit.name}妇联"
        return f"{township.name}妇联"

    # -- writing -----------------------------------------------------------------------

    def save(self, model, rows: Iterable, *, after: Callable | None = None) -> list:
        """Insert `rows` in batches; `after(batch)` runs on each saved batch (its rows have
        their primary keys). Returns what `after` returned, concatenated."""
        kept = []
        batch = []
        started = time.monotonic()
        for obj in rows:
            batch.append(obj)
            if len(batch) >= BATCH_SIZE:
                kept += self._flush(model, batch, after)
                batch = []
        if batch:
            kept += self._flush(model, batch, after)
        n = self.created.get(model._meta.verbose_name, 0)
        self.progress(
            f"  {model._meta.verbose_name}：{n} 条（{time.monotonic() - started:.1f} 秒）"
        )
        return kept

    def _flush(self, model, batch, after) -> list:
        model.objects.bulk_create(batch)
        # With DEBUG on, Django keeps the SQL of the last 9,000 queries, about a megabyte per
        # batch here; unless someone is capturing queries on purpose, keep none of it.
        if not connection.force_debug_cursor:
            reset_queries()
        label = model._meta.verbose_name
        self.created[label] = self.created.get(label, 0) + len(batch)
        if model in SHARED_MODELS:
            self.done += len(batch)
        if self.done >= self.next_report and self.total:
            self.progress(
                f"已生成 {self.done}/{self.total} 条（{self.done * 100 // self.total}%），"
                f"用时 {time.monotonic() - self.started:.0f} 秒"
            )
            self.next_report = self.done + max(self.total // 20, 10_000)
        return list(after(batch) or []) if after else []


# -- families ----------------------------------------------------------------------------


def _family_awards(run: _Run, n: int):
    kinds = run.refs.award_kinds
    levels, weights = run.refs.award_levels
    for i in range(n):
        district, year = run.place(i)
        unit = district.pick(run.rng)
        head = run.unique_name(("award", unit.pk, year))
        level = run.rng.choices(levels, weights)[0]
        yield FamilyAward(
            org_unit=unit,
            household_name=f"{head}家庭",
            head_name=head,
            kind=run.rng.choice(kinds),
            level=level,
            conferred_by=run.conferred_by(level.rank, district, unit),
            year=year,
            conferred_on=run.day(year) if run.rng.random() < 0.9 else None,
            story=run.rng.choice(AWARD_STORIES),
        )


def _family_activities(run: _Run, n: int):
    types = run.refs.activity_types
    for i in range(n):
        district, year = run.place(i)
        kind = run.rng.choice(types)
        title = ACTIVITY_TITLES.get(kind.name, kind.name)
        unit, held_on = run.unit_and_day((FamilyActivity, title), district, year)
        participants = run.rng.randrange(20, 500)
        yield FamilyActivity(
            org_unit=unit,
            activity_type=kind,
            title=title,
            held_on=held_on,
            year=year,
            sessions=run.rng.randrange(1, 11),
            participants=participants,
            participant_group="领导干部配偶"
            if kind.name == "家庭助廉"
            else run.rng.choice(ACTIVITY_GROUPS),
            beneficiaries=participants + run.rng.randrange(0, 500),
        )


def _parent_schools(run: _Run, n: int):
    first, last = run.years[0], run.years[-1]
    for i in range(n):
        district, _ = run.place(i)
        unit = district.pick(run.rng)
        kind = run.rng.choice(list(SCHOOL_KINDS))
        count = run.count(("school", unit.pk))
        established = run.rng.randrange(first - 10, last + 1)
        demonstration = run.rng.random() < 0.2
        yield ParentSchool(
            org_unit=unit,
            name=f"{unit.name}{SCHOOL_KINDS[kind]}" + (f"（{count + 1}）" if count else ""),
            kind=kind,
            is_demonstration=demonstration,
            established_year=established,
            demonstration_year=run.rng.randrange(max(established, first), last + 1)
            if demonstration
            else None,
        )


def _tradition_bases(run: _Run, n: int):
    levels, weights = run.refs.award_levels
    for i in range(n):
        district, year = run.place(i)
        unit = district.pick(run.rng)
        count = run.count(("base", unit.pk))
        yield FamilyTraditionBase(
            org_unit=unit,
            name=f"{unit.name}{BASE_NAMES[count % len(BASE_NAMES)]}"
            + (f"（{count // len(BASE_NAMES) + 1}）" if count >= len(BASE_NAMES) else ""),
            designated_year=year,
            level=run.rng.choices(levels, weights)[0],
            description="依托本地先进人物的家风故事，传承孝老爱亲、勤俭持家的传统美德。",
        )


def generate_families(run: _Run, counts):
    run.save(FamilyAward, _family_awards(run, counts[FamilyAward]))
    run.save(FamilyActivity, _family_activities(run, counts[FamilyActivity]))
    run.save(ParentSchool, _parent_schools(run, counts[ParentSchool]))
    run.save(FamilyTraditionBase, _tradition_bases(run, counts[FamilyTraditionBase]))


# -- honors ------------------------------------------------------------------------------


def _events(run: _Run, n: int):
    for i in range(n):
        district, year = run.place(i)
        name = f"{year}年{run.rng.choice(EVENT_NAMES)}"
        unit, day = run.unit_and_day((CommendationEvent, name), district, year, (0.5, 0.5, 0))
        yield CommendationEvent(
            org_unit=unit,
            name=name,
            held_on=day,
            organiser=f"{unit.name}妇联",
        )


def _honors(run: _Run, n: int, events: dict):
    titles = run.refs.honor_titles
    levels, weights = run.refs.honor_levels
    for i in range(n):
        district, year = run.place(i)
        unit = district.pick(run.rng)
        title = run.rng.choice(titles)
        level = run.rng.choices(levels, weights)[0]
        if title.recipient_types == HonorTitle.For.COLLECTIVE or (
            title.recipient_types == HonorTitle.For.BOTH and run.rng.random() < 0.2
        ):
            count = run.count(("collective", unit.pk, year))
            repeat, kind = divmod(count, len(COLLECTIVE_SUFFIXES))
            name = f"{unit.name}{COLLECTIVE_SUFFIXES[kind]}" + (
                f"（{repeat + 1}）" if repeat else ""
            )
            recipient = (RecipientType.COLLECTIVE, name, "", "")
        else:
            recipient = (
                RecipientType.PERSON,
                run.unique_name(("honor", unit.pk, year)),
                f"{unit.name}{run.rng.choice(WORK_UNITS)}",
                run.rng.choice(POSTS),
            )
        # District honors are mostly conferred at one of the district's commendations.
        event = None
        if level.rank == 4 and events.get((district.index, year)) and run.rng.random() < 0.7:
            event = run.rng.choice(events[(district.index, year)])
        yield Honor(
            org_unit=unit,
            recipient_type=recipient[0],
            recipient_name=recipient[1],
            work_unit=recipient[2],
            post=recipient[3],
            title=title,
            level=level,
            conferred_by=run.conferred_by(level.rank, district, unit),
            year=year,
            conferred_on=event.held_on if event else run.day(year),
            event=event,
        )


def _federation_honors(run: _Run, n: int):
    levels, _ = run.refs.honor_levels
    levels = [level for level in levels if level.rank <= 4] or levels
    kinds = list(FederationHonor.Kind)
    for i in range(n):
        district, year = run.place(i)
        count = run.count(("federation", district.index, year))
        title = FEDERATION_TITLES[count % len(FEDERATION_TITLES)]
        if count >= len(FEDERATION_TITLES):
            title += f"（{count // len(FEDERATION_TITLES) + 1}）"
        level = run.rng.choice(levels)
        yield FederationHonor(
            org_unit=district.unit,
            title=title,
            conferred_by=run.conferred_by(level.rank, district, district.unit),
            level=level,
            year=year,
            kind=FederationHonor.Kind.AWARD if "奖" in title else run.rng.choice(kinds),
        )


def generate_honors(run: _Run, counts):
    district_of = {d.unit.pk: d for d in run.districts}
    events = defaultdict(list)
    for event in run.save(CommendationEvent, _events(run, counts[CommendationEvent]), after=list):
        if event.org_unit_id in district_of:
            events[(district_of[event.org_unit_id].index, event.held_on.year)].append(event)
    run.save(Honor, _honors(run, counts[Honor], events))
    run.save(FederationHonor, _federation_honors(run, counts[FederationHonor]))


# -- rights ------------------------------------------------------------------------------


def _service_points(run: _Run, n: int):
    kinds = list(POINT_KINDS)
    for i in range(n):
        district, year = run.place(i)
        unit = district.pick(run.rng)
        kind = run.rng.choice(kinds)
        count = run.count(("point", unit.pk))
        yield ServicePoint(
            org_unit=unit,
            name=f"{unit.name}{POINT_KINDS[kind]}" + (f"（{count + 1}）" if count else ""),
            kind=kind,
            partners=run.rng.choice(POINT_PARTNERS),
            opened_on=run.day(year),
            services="心理咨询、法律咨询、婚姻调解",
            online_consultation=run.rng.random() < 0.4,
        )


STATUS_WEIGHTS = [
    (RightsCase.Status.CLOSED, 80),
    (RightsCase.Status.IN_PROGRESS, 10),
    (RightsCase.Status.RECEIVED, 5),
    (RightsCase.Status.REFERRED, 5),
]


def _cases(run: _Run, n: int):
    channels = run.refs.channels
    categories = run.refs.case_categories
    statuses, weights = zip(*STATUS_WEIGHTS, strict=True)
    for i in range(n):
        district, year = run.place(i)
        category = run.rng.choice(categories)
        group = category.parent.name if category.parent else category.name
        summary = run.rng.choice(CASE_SUMMARIES.get(group, OTHER_SUMMARIES))
        channel = run.rng.choice(channels)
        unit, received = run.unit_and_day((RightsCase, channel.pk, summary), district, year)
        status = run.rng.choices(statuses, weights)[0]
        closed = status == RightsCase.Status.CLOSED
        case = RightsCase(
            org_unit=unit,
            received_on=received,
            year=year,
            channel=channel,
            category=category,
            summary=summary,
            status=status,
            result=run.rng.choice(CASE_RESULTS) if closed else "",
            closed_on=received + timedelta(days=run.rng.randrange(0, 60)) if closed else None,
            referred_to=run.rng.choice(REFERRAL_UNITS)
            if status == RightsCase.Status.REFERRED
            else "",
        )
        case.district = district  # for its complainant, not a field
        yield case


def _complainants(run: _Run, cases):
    rows = []
    for case in cases:
        female = run.rng.random() < 0.92
        birth = case.received_on.replace(day=1, month=1) - timedelta(
            days=run.rng.randrange(16 * 365, 75 * 365)
        )
        with_id = run.rng.random() < 0.85
        rows.append(
            Complainant(
                case=case,
                name=run.person(female=female),
                sex=Complainant.Sex.FEMALE if female else Complainant.Sex.MALE,
                id_number=run.id_number(case.district, birth, female=female) if with_id else "",
                phone=run.phone() if run.rng.random() < 0.9 else "",
                address=f"{case.org_unit.name}{run.rng.randrange(1, 12)}组",
                # Without an ID number the age is what the complainant said; keep it consistent.
                is_minor=age_on(birth, case.received_on) < ADULT_AGE,
            )
        )
    Complainant.objects.bulk_create(rows)
    run.created[Complainant._meta.verbose_name] = run.created.get(
        Complainant._meta.verbose_name, 0
    ) + len(rows)


MEDIATION_OUTCOMES = [
    (Mediation.Outcome.SETTLED, 75),
    (Mediation.Outcome.FAILED, 15),
    (Mediation.Outcome.REFERRED, 10),
]


def _mediations(run: _Run, n: int, points: dict):
    """`points`: each district's service points, by opening date."""
    dispute_types = run.refs.dispute_types
    outcomes, weights = zip(*MEDIATION_OUTCOMES, strict=True)
    opened = {index: [p.opened_on for p in rows] for index, rows in points.items()}
    for i in range(n):
        district, year = run.place(i)
        unit = district.pick(run.rng)
        day = run.day(year)
        # A mediation takes place at a point already open (Mediation.clean).
        open_points = bisect_right(opened.get(district.index, ()), day)
        point = None
        if open_points and run.rng.random() < 0.6:
            point = points[district.index][run.rng.randrange(open_points)]
        yield Mediation(
            org_unit=unit,
            mediated_on=day,
            dispute_type=run.rng.choice(dispute_types),
            parties_count=run.rng.choice((2, 2, 2, 3, 4)),
            mediator=run.person(),
            outcome=run.rng.choices(outcomes, weights)[0],
            service_point=point,
        )


def generate_rights(run: _Run, counts):
    by_unit = {u.pk: d for d in run.districts for u in [d.unit, *d.townships, *d.villages]}
    points = defaultdict(list)
    for point in run.save(ServicePoint, _service_points(run, counts[ServicePoint]), after=list):
        points[by_unit[point.org_unit_id].index].append(point)
    for rows in points.values():
        rows.sort(key=lambda p: (p.opened_on, p.pk))
    run.save(RightsCase, _cases(run, counts[RightsCase]), after=lambda b: _complainants(run, b))
    run.save(Mediation, _mediations(run, counts[Mediation], points))


# -- welfare -----------------------------------------------------------------------------


def _programme_runs(run: _Run, n: int):
    """Runs of (unit, programme, year), unique by construction: the main programmes of
    every district and year first, then the same at townships."""
    programmes = [
        run.refs.programmes[name] for name in GRANT_PROFILES if name in run.refs.programmes
    ]
    programmes += [
        run.refs.programmes[name]
        for name in FUNDRAISING_PROGRAMMES
        if name in run.refs.programmes and run.refs.programmes[name] not in programmes
    ]
    made = 0
    for level in range(TOWNSHIPS_PER_DISTRICT + 1):
        for programme in programmes:
            for year in run.years:
                for district in run.districts:
                    if made == n:
                        return
                    unit = district.unit if level == 0 else district.townships[level - 1]
                    made += 1
                    yield ProgrammeRun(
                        org_unit=unit,
                        programme=programme,
                        year=year,
                        partner=run.rng.choice(RUN_PARTNERS),
                        beneficiaries=run.rng.choice(["留守儿童", "单亲贫困女童", "困难妇女", ""]),
                    )


def run_capacity(run: _Run) -> int:
    names = set(GRANT_PROFILES) | set(FUNDRAISING_PROGRAMMES)
    programmes = sum(1 for name in names if name in run.refs.programmes)
    return programmes * len(run.years) * len(run.districts) * (TOWNSHIPS_PER_DISTRICT + 1)


def _linked_run(run: _Run, runs: dict, district: District, programme, year):
    # A district's run covers every record of the district (RunLinkedRecord.run_errors).
    found = runs.get((district.index, programme.pk, year))
    return found if found is not None and run.rng.random() < 0.8 else None


def _fundraising(run: _Run, n: int, runs: dict):
    programmes = [
        run.refs.programmes[p] for p in FUNDRAISING_PROGRAMMES if p in run.refs.programmes
    ]
    programmes = programmes or list(run.refs.programmes.values())
    for i in range(n):
        district, year = run.place(i)
        programme = run.rng.choice(programmes)
        donors = run.rng.choice(DONORS)
        key = (Fundraising, programme.pk, donors)
        unit, day = run.unit_and_day(key, district, year, (0.6, 0.4, 0))
        yield Fundraising(
            org_unit=unit,
            programme=programme,
            year=year,
            run=_linked_run(run, runs, district, programme, year),
            date=day,
            amount=Decimal(run.rng.randrange(50_000, 20_000_000)) / 100,
            donors=donors,
        )


def _grants(run: _Run, n: int, runs: dict):
    profiles, weights = run.refs.grant_profiles
    # ID numbers must differ within a programme and day; a serial per programme and year,
    # spread over the birth window and the order codes, makes them differ by construction.
    serials = defaultdict(lambda: [0, run.rng.randrange(1_000_003)])
    for i in range(n):
        district, year = run.place(i)
        unit = district.pick(run.rng)
        programme, profile = run.rng.choices(profiles, weights)[0]
        day = run.day(year)
        youngest, oldest = profile.ages
        first_birth = date(year - oldest, 1, 1)
        window = (date(year - youngest - 1, 12, 31) - first_birth).days + 1
        serial = serials[(programme.pk, year)]
        capacity = window * 500
        if serial[0] >= capacity:
            raise SyntheticDataError(
                f"“{programme.name}”{year}年的救助发放超过{capacity}条，无法生成互不重复的身份证号码。"
            )
        slot = (serial[0] * 1_000_003 + serial[1]) % capacity
        serial[0] += 1
        birth = first_birth + timedelta(days=slot % window)
        female = profile.female_only or run.rng.random() < 0.5
        sequence = (slot // window) * 2 + (0 if female else 1)
        age = age_on(birth, day)
        quantity = run.rng.choice(profile.quantities) if profile.quantities else 0
        yield Grant(
            org_unit=unit,
            programme=programme,
            year=year,
            run=_linked_run(run, runs, district, programme, year),
            date=day,
            beneficiary_name=run.person(female=female),
            id_number=run.id_number(district, birth, sequence=sequence),
            sex=Sex.FEMALE if female else Sex.MALE,
            birth_date=birth,
            age=age,
            is_minor=age < ADULT_AGE,
            residence=Residence.RURAL if run.rng.random() < 0.7 else Residence.URBAN,
            phone=run.phone() if run.rng.random() < 0.6 else "",
            health_details=run.rng.choice(profile.health) if profile.health else "",
            amount=Decimal(run.rng.choice(profile.amounts)) if profile.amounts else Decimal(0),
            goods=profile.goods,
            quantity=quantity,
            unit=profile.unit if quantity else "",
            subsidy_type=run.rng.choice(profile.subsidies),
        )


def _screenings(run: _Run, n: int):
    populations = list(Screening.Population)
    for i in range(n):
        district, year = run.place(i)
        population = run.rng.choice(populations)
        unit, start = run.unit_and_day((Screening, population), district, year, (0.2, 0.75, 0.05))
        end = min(start + timedelta(days=run.rng.randrange(0, 30)), date(year, 12, 31))
        cervical = run.rng.randrange(50, 800)
        breast = run.rng.randrange(50, 800)
        yield Screening(
            org_unit=unit,
            year=year,
            start_date=start,
            end_date=end if end > start else None,
            population=population,
            cervical_screened=cervical,
            breast_screened=breast,
            cervical_referred=run.rng.randrange(0, cervical // 30 + 1),
            breast_referred=run.rng.randrange(0, breast // 30 + 1),
            hospital=run.rng.choice(HOSPITALS),
        )


def generate_welfare(run: _Run, counts):
    by_unit = {d.unit.pk: d for d in run.districts}
    runs = {}
    for saved in run.save(ProgrammeRun, _programme_runs(run, counts[ProgrammeRun]), after=list):
        if saved.org_unit_id in by_unit:
            runs[(by_unit[saved.org_unit_id].index, saved.programme_id, saved.year)] = saved
    run.save(Fundraising, _fundraising(run, counts[Fundraising], runs))
    run.save(Grant, _grants(run, counts[Grant], runs))
    run.save(Screening, _screenings(run, counts[Screening]))


# -- employment --------------------------------------------------------------------------


def _classes(run: _Run, n: int, trainees: int):
    kinds = run.refs.training_kinds
    for i in range(n):
        district, year = run.place(i)
        unit = district.pick(run.rng, (0.4, 0.6, 0))
        kind = run.rng.choice(kinds)
        session = run.count(("class", unit.pk, year, kind.pk)) + 1
        # The roster entered by name is part of the class's 参训人数, never more.
        roster = trainees // n + (1 if i < trainees % n else 0)
        headcount = roster + run.rng.randrange(0, 40)
        start = run.day(year, last=date(year, 12, 1))
        training_class = TrainingClass(
            org_unit=unit,
            kind=kind,
            name=f"第{session}期{kind.name}技能培训班",
            session=session,
            partner=run.rng.choice(CLASS_PARTNERS),
            year=year,
            start_date=start,
            end_date=min(start + timedelta(days=run.rng.randrange(3, 30)), date(year, 12, 31)),
            planned_places=headcount + run.rng.randrange(0, 10),
            trainees=headcount,
            certified=run.rng.randrange(headcount // 2, headcount + 1),
        )
        training_class.roster = roster  # how many trainees to list, not a field
        training_class.district = district
        yield training_class


def _trainees(run: _Run, classes):
    for training_class in classes:
        district = training_class.district
        certified = 0
        for k in range(training_class.roster):
            birth = date(training_class.year - run.rng.randrange(20, 50), 1, 1) + timedelta(
                days=run.rng.randrange(365)
            )
            is_certified = certified < training_class.certified and run.rng.random() < 0.7
            certified += is_certified
            employed = run.rng.random() < 0.5
            yield Trainee(
                training_class=training_class,
                # Trainees come from the class's district (Trainee.clean).
                org_unit=district.pick(run.rng),
                name=run.person(),
                # The order code counts trainees of the class, so no two share a number.
                id_number=run.id_number(district, birth, sequence=(k % 500) * 2),
                phone=run.phone() if run.rng.random() < 0.8 else "",
                certified=is_certified,
                employed=employed,
                employer=run.rng.choice(EMPLOYERS) if employed else "",
            )


def _job_fairs(run: _Run, n: int):
    names, weights = zip(*JOB_FAIRS, strict=True)
    for i in range(n):
        district, year = run.place(i)
        name = run.rng.choices(names, weights)[0]
        unit, day = run.unit_and_day((JobFair, name), district, year, (0.6, 0.4, 0))
        attendees = run.rng.randrange(100, 2000)
        employers = run.rng.randrange(10, 80)
        yield JobFair(
            org_unit=unit,
            name=name,
            date=day,
            partner=run.rng.choice(["区人社局", "区就业局", ""]),
            employers=employers,
            positions=employers * run.rng.randrange(5, 30),
            attendees=attendees,
            hires=run.rng.randrange(0, attendees // 3),
        )


def generate_employment(run: _Run, counts):
    classes = run.save(
        TrainingClass,
        _classes(run, counts[TrainingClass], counts[Trainee]),
        after=list,
    )
    run.save(Trainee, _trainees(run, classes))
    run.save(JobFair, _job_fairs(run, counts[JobFair]))


# -- the whole run -----------------------------------------------------------------------


def _districts(city: OrgUnit, city_code: str) -> list[District]:
    units = list(under(OrgUnit.objects.filter(depth__gt=1), city).order_by("path"))
    districts = []
    for unit in units:
        if unit.depth != 2:
            continue
        index = len(districts) + 1
        below = [u for u in units if is_under(u, unit) and u.depth > 2]
        districts.append(
            District(
                index=index,
                unit=unit,
                townships=[u for u in below if u.depth == 3],
                villages=[u for u in below if u.depth == 4],
                region=f"{ID_PROVINCE}{city_code[2:]}{index % 100:02d}",
            )
        )
    return districts


def _check(districts, years, records, last_year):
    today = timezone.localdate()
    if not 1 <= districts <= MAX_DISTRICTS:
        raise SyntheticDataError(f"区（县）数应在1至{MAX_DISTRICTS}之间，当前为{districts}。")
    if years < 1:
        raise SyntheticDataError(f"年数至少为1，当前为{years}。")
    if records < 0:
        raise SyntheticDataError(f"记录数不能为负数，当前为{records}。")
    if last_year > today.year:
        raise SyntheticDataError(f"最后一年不能晚于今年（{today.year}年），当前为{last_year}年。")
    if last_year - years + 1 < FIRST_YEAR:
        raise SyntheticDataError(
            f"最早的年度应不早于{FIRST_YEAR}年：{last_year}年往前{years}年到了{last_year - years + 1}年。"
        )


def synthetic_data_generate(
    *,
    districts: int,
    years: int,
    records: int,
    seed: int = 0,
    city_code: str = DEFAULT_CITY,
    last_year: int | None = None,
    progress: Callable[[str], None] | None = None,
) -> Summary:
    """Create a synthetic city of `districts` districts and `records` records over the
    `years` years ending with `last_year` (by default last year); all or nothing.

    Raises SyntheticDataError, with a Chinese message, for bad arguments or a city that
    already exists.
    """
    started = time.monotonic()
    progress = progress or (lambda message: None)
    last_year = last_year or timezone.localdate().year - 1
    _check(districts, years, records, last_year)
    city_code_full = city_unit_code(city_code)
    with transaction.atomic():
        existing = OrgUnit.objects.filter(code=city_code_full).first()
        if existing is not None:
            raise SyntheticDataError(
                f"{existing.name}（代码 {city_code_full}）已存在，不再追加数据。"
                f"要重新生成请先运行 --clear 清除；要更多数据请用 --city-code 另建一个模拟市，"
                f"如 --city-code {int(city_code) + 1}。"
            )
        refs = References.load()
        progress(f"正在建立组织树：{districts} 个区，每区 {TOWNSHIPS_PER_DISTRICT} 个乡镇……")
        tree = org_units_import(rows=synthetic_tree_rows(city_code, districts))
        city = OrgUnit.objects.get(code=city_code_full)
        run = _Run(
            rng=random.Random(f"{seed}:{city_code}"),
            city=city,
            districts=_districts(city, city_code),
            years=list(range(last_year - years + 1, last_year + 1)),
            refs=refs,
            total=records,
            progress=progress,
        )
        counts = allocate(records)
        # Runs are unique per unit, programme and year; what does not fit goes to grants.
        surplus = max(counts[ProgrammeRun] - run_capacity(run), 0)
        counts[ProgrammeRun] -= surplus
        counts[Grant] += surplus
        progress(f"新建单位 {tree.created} 个；开始生成 {records} 条记录。")
        for area, generate in [
            ("家庭工作", generate_families),
            ("评先评优", generate_honors),
            ("维权服务", generate_rights),
            ("妇儿民生", generate_welfare),
            ("技能就业", generate_employment),
        ]:
            progress(f"{area}：")
            generate(run, counts)
    return Summary(
        city=city,
        districts=districts,
        years=run.years,
        units_created=tree.created,
        records=run.done,
        created=run.created,
        seconds=time.monotonic() - started,
    )


def _scoped_models():
    """Every model whose rows belong to an org unit, with the lookup to the unit: the
    `ScopedRecord` subclasses and models scoped through a parent (a complainant)."""
    found = []
    for model in apps.get_models():
        if issubclass(model, ScopedRecord):
            found.append((model, "org_unit"))
        elif hasattr(model, "scope_unit_field"):
            found.append((model, unit_lookup(model)))
    return found


@transaction.atomic
def synthetic_data_clear(
    *, city_code: str | None = None, progress: Callable[[str], None] | None = None
) -> dict[str, int]:
    """Delete the synthetic cities (all, or the one of `city_code`), every record under
    them and their change history; returns rows deleted per model.

    What the generator made is deleted with one DELETE per model: `QuerySet.delete()` would
    load every row into Python and write a history row for each. Anything else entered
    under a synthetic unit (a report written for a benchmark) goes through the ORM, so
    that what hangs on it is deleted too.
    """
    progress = progress or (lambda message: None)
    roots = list(synthetic_roots(city_code))
    deleted: dict[str, int] = {}
    if not roots:
        return deleted
    units = OrgUnit.objects.filter(subtree_filter([root.path for root in roots]))
    unit_ids = units.values("pk")
    generated = SHARED_MODELS | {Complainant}

    def record(model, n):
        if n:
            deleted[model._meta.verbose_name] = deleted.get(model._meta.verbose_name, 0) + n
            progress(f"  {model._meta.verbose_name}：删除 {n} 条")

    scoped = _scoped_models()
    for model, lookup in scoped:
        if model not in generated:
            _, by_model = model._base_manager.filter(**{f"{lookup}__in": unit_ids}).delete()
            record(model, by_model.get(model._meta.label, 0))
    # History before the records: it is found through them.
    for model, lookup in scoped:
        history = getattr(model, "history", None)
        if history is not None:
            rows = history.model._base_manager.filter(**{f"{lookup}__in": unit_ids})
            rows._raw_delete(rows.db)
    # Foreign keys between records are checked at commit, so only one thing decides the
    # order: rows found through a parent (a complainant through its case) go before it.
    for model, lookup in sorted(scoped, key=lambda item: item[1] == "org_unit"):
        if model in generated:
            rows = model._base_manager.filter(**{f"{lookup}__in": unit_ids})
            record(model, rows._raw_delete(rows.db))
    n = units.count()
    try:
        for root in roots:
            # Through treebeard, which deletes the subtree and keeps the tree consistent.
            OrgUnit.objects.filter(pk=root.pk).delete()
    except ProtectedError as error:
        names = "、".join(sorted({str(obj._meta.verbose_name) for obj in error.protected_objects}))
        raise SyntheticDataError(
            f"模拟单位仍被其他数据引用（{names}），未删除任何数据。"
        ) from error
    record(OrgUnit, n)
    return deleted
