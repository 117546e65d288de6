"""Demo records of 妇儿民生 for 湘东区: 2021 as in the reference report, 2020 and 2022 made up.

2021 reproduces part 一（四） of the report exactly: 两癌救助金 for 21 rural and 6 urban
women, 27万元 in all; 34.5万余元 raised by 春蕾计划 and 99公益; 496 tins of formula fully
and 2,007 partly subsidised; one child's heart treatment; 200 school bags from 省妇基会 for
left-behind children; gifts for 50 girls at the summer camp with 统战部; free screening of
rural and urban women. Beneficiaries are invented people with valid-format ID numbers;
everything is generated deterministically, so a second run finds every record and adds none.
"""

import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction
from simple_history.utils import bulk_create_with_history

from fedportal.models import OrgUnit, User
from fedportal.personal_data import make_id_number
from welfare.models import (
    Fundraising,
    Grant,
    Programme,
    ProgrammeRun,
    Residence,
    Screening,
    Sex,
)

DISTRICT = "360313000000"
XIASHANKOU = "360313001000"  # 峡山口街道, the urban street
XIANGDONG = "360313100000"  # 湘东镇, the district seat
LASHI = "360313103000"
MINGTANG = "360313103201"
RURAL_UNITS = [
    "360313100000",
    "360313101000",
    "360313102000",
    "360313103000",
    "360313103201",
    "360313104000",
    "360313105000",
    "360313106000",
    "360313107000",
    "360313200000",
    "360313201000",
]
URBAN_UNITS = [XIASHANKOU, XIANGDONG]
REGION = "360313"
HOSPITAL = "湘东区妇幼保健院"

LIANGAI_RELIEF = "两癌救助"
CHUNLEI = "春蕾计划"
GONGYI_99 = "99公益"
FORMULA = "公益奶粉（关爱新生命-儿童营养改善）"
HEART = "先心病救治"
SCHOOL_BAG = "安全书包"
SUMMER_CAMP = "阳光女童夏令营"
MOTHER_PARCEL = "母亲邮包"

SURNAMES = "刘李彭张王黄周钟易谢文邓罗肖吴贺胡袁颜叶廖汤姚龙"
WOMEN_NAMES = [
    "秀英", "桂兰", "冬梅", "丽萍", "春花", "美玲", "玉珍", "淑芬", "海燕", "小红",
    "月娥", "金凤", "翠兰", "素琴", "红梅", "小琴", "爱莲", "菊香", "凤英", "艳芳",
]  # fmt: skip
GIRL_NAMES = [
    "梓萱", "欣怡", "雨桐", "思琪", "诗涵", "可馨", "语嫣", "佳怡", "紫涵", "梦瑶",
    "若溪", "一诺", "雨欣", "心怡", "子涵", "晨曦", "安琪", "梓晴", "芷若", "嘉欣",
]  # fmt: skip
BOY_NAMES = [
    "浩然", "宇轩", "梓轩", "子墨", "俊熙", "睿泽", "一鸣", "博文", "皓轩", "明轩",
    "天佑", "嘉豪", "俊杰", "宇航", "志强", "泽宇", "铭扬", "思远", "晨阳", "家乐",
]  # fmt: skip
CANCERS = [
    "宫颈癌术后，正在放疗",
    "乳腺癌术后，正在化疗",
    "宫颈癌，正在住院治疗",
    "乳腺癌，定期复查",
    "乳腺癌术后康复期",
]
HEART_DEFECTS = [
    "先天性心脏病（室间隔缺损），已完成手术",
    "先天性心脏病（房间隔缺损），已完成介入治疗",
]


@dataclass
class Batch:
    """Grants of one programme in one year, all alike but for the person."""

    year: int
    programme: str
    count: int
    units: list[str]
    residence: str = Residence.RURAL
    ages: tuple[int, int] = (30, 60)
    sex: str | None = Sex.FEMALE  # None: girls and boys alike
    amount: Decimal = Decimal(0)
    goods: str = ""
    quantity: int = 0
    unit: str = ""
    subsidy: str = Grant.SubsidyType.NOT_APPLICABLE
    dates: list[date] = field(default_factory=list)
    health: list[str] = field(default_factory=list)


def formula(year, count, tins, subsidy, units, dates):
    return Batch(
        year, FORMULA, count, units, ages=(0, 2), sex=None, goods="奶粉", quantity=tins,
        unit="桶", subsidy=subsidy, dates=dates,
    )  # fmt: skip


FULL = Grant.SubsidyType.FULL
PARTIAL = Grant.SubsidyType.PARTIAL
RELIEF = Decimal(10000)

BATCHES = [
    # 2021, as the report: 21 rural and 6 urban women, 10,000 元 each = 270,000 元.
    Batch(2021, LIANGAI_RELIEF, 21, RURAL_UNITS, ages=(35, 64), amount=RELIEF,
          dates=[date(2021, 9, 28)], health=CANCERS),
    Batch(2021, LIANGAI_RELIEF, 6, URBAN_UNITS, Residence.URBAN, ages=(35, 64), amount=RELIEF,
          dates=[date(2021, 9, 28)], health=CANCERS),
    # 124 families × 4 tins = 496 fully subsidised; 223 families × 9 tins = 2,007 partly.
    formula(2021, 124, 4, FULL, RURAL_UNITS, [date(2021, 4, 20), date(2021, 10, 19)]),
    formula(2021, 223, 9, PARTIAL, RURAL_UNITS,
            [date(2021, 4, 20), date(2021, 7, 15), date(2021, 10, 19)]),
    Batch(2021, HEART, 1, [LASHI], ages=(3, 6), sex=None, goods="免费手术救治", quantity=1,
          unit="例", subsidy=FULL, dates=[date(2021, 8, 16)], health=HEART_DEFECTS),
    Batch(2021, SCHOOL_BAG, 200, RURAL_UNITS, ages=(6, 12), sex=None, goods="书包", quantity=1,
          unit="个", dates=[date(2021, 9, 1)]),
    Batch(2021, SUMMER_CAMP, 44, RURAL_UNITS, ages=(8, 14), goods="爱心物品", quantity=1,
          unit="份", dates=[date(2021, 7, 22)]),
    Batch(2021, SUMMER_CAMP, 6, URBAN_UNITS, Residence.URBAN, ages=(8, 14), goods="爱心物品",
          quantity=1, unit="份", dates=[date(2021, 7, 22)]),
    # 2020
    Batch(2020, LIANGAI_RELIEF, 18, RURAL_UNITS, ages=(35, 64), amount=RELIEF,
          dates=[date(2020, 10, 15)], health=CANCERS),
    Batch(2020, LIANGAI_RELIEF, 5, URBAN_UNITS, Residence.URBAN, ages=(35, 64), amount=RELIEF,
          dates=[date(2020, 10, 15)], health=CANCERS),
    formula(2020, 80, 4, FULL, RURAL_UNITS, [date(2020, 6, 18)]),
    formula(2020, 150, 9, PARTIAL, RURAL_UNITS, [date(2020, 6, 18), date(2020, 11, 10)]),
    Batch(2020, HEART, 2, [XIANGDONG, "360313106000"], ages=(1, 6), sex=None, goods="免费手术救治",
          quantity=1, unit="例", subsidy=FULL, dates=[date(2020, 9, 8)], health=HEART_DEFECTS),
    Batch(2020, SUMMER_CAMP, 40, RURAL_UNITS, ages=(8, 14), goods="爱心物品", quantity=1,
          unit="份", dates=[date(2020, 8, 5)]),
    Batch(2020, MOTHER_PARCEL, 80, RURAL_UNITS, ages=(25, 60), goods="母亲邮包", quantity=1,
          unit="个", dates=[date(2020, 5, 8)]),
    # 2022
    Batch(2022, LIANGAI_RELIEF, 24, RURAL_UNITS, ages=(35, 64), amount=RELIEF,
          dates=[date(2022, 9, 20)], health=CANCERS),
    Batch(2022, LIANGAI_RELIEF, 7, URBAN_UNITS, Residence.URBAN, ages=(35, 64), amount=RELIEF,
          dates=[date(2022, 9, 20)], health=CANCERS),
    formula(2022, 130, 4, FULL, RURAL_UNITS, [date(2022, 4, 12), date(2022, 10, 11)]),
    formula(2022, 240, 9, PARTIAL, RURAL_UNITS,
            [date(2022, 4, 12), date(2022, 7, 12), date(2022, 10, 11)]),
    Batch(2022, HEART, 1, ["360313104000"], ages=(2, 6), sex=None, goods="免费手术救治",
          quantity=1, unit="例", subsidy=FULL, dates=[date(2022, 6, 20)], health=HEART_DEFECTS),
    Batch(2022, SCHOOL_BAG, 150, RURAL_UNITS, ages=(6, 12), sex=None, goods="书包", quantity=1,
          unit="个", dates=[date(2022, 8, 30)]),
    Batch(2022, SUMMER_CAMP, 60, RURAL_UNITS, ages=(8, 14), goods="爱心物品", quantity=1,
          unit="份", dates=[date(2022, 7, 20)]),
    Batch(2022, MOTHER_PARCEL, 100, RURAL_UNITS, ages=(25, 60), goods="母亲邮包", quantity=1,
          unit="个", dates=[date(2022, 5, 6)]),
]  # fmt: skip

# year, programme, partner, beneficiaries, description — all at district level.
RUNS = [
    (2020, LIANGAI_RELIEF, "", "农村和城镇贫困“两癌”妇女", "为患“两癌”的贫困妇女发放救助金。"),
    (2020, FORMULA, "", "困难家庭婴幼儿", "为困难家庭婴幼儿发放全额和差额资助奶粉。"),
    (2020, HEART, "", "先天性心脏病患儿", "组织先心病患儿免费救治。"),
    (2020, SUMMER_CAMP, "统战部", "单亲贫困女童", "联合统战部开展阳光女童夏令营活动。"),
    (2020, MOTHER_PARCEL, "", "贫困母亲", "为农村贫困母亲发放母亲邮包。"),
    (2021, LIANGAI_RELIEF, "", "农村和城镇贫困“两癌”妇女", "为患“两癌”的贫困妇女发放救助金。"),
    (2021, CHUNLEI, "", "贫困女童", "精心组织“春蕾计划”捐助，资助贫困女童就学。"),
    (2021, GONGYI_99, "", "困难妇女儿童", "组织“99公益日”网络募捐。"),
    (2021, FORMULA, "", "困难家庭婴幼儿", "组织实施“关爱新生命-儿童营养改善”公益奶粉项目。"),
    (2021, HEART, "", "先天性心脏病患儿", "组织实施先心病患儿免费救治公益项目。"),
    (2021, SCHOOL_BAG, "省妇基会", "留守儿童", "争取省妇基会安全书包项目，为留守儿童送去书包。"),
    (2021, SUMMER_CAMP, "统战部", "单亲贫困女童", "联合统战部开展阳光女童夏令营活动，赠送爱心物品。"),
    (2022, LIANGAI_RELIEF, "", "农村和城镇贫困“两癌”妇女", "为患“两癌”的贫困妇女发放救助金。"),
    (2022, CHUNLEI, "", "贫困女童", "组织“春蕾计划”捐助。"),
    (2022, GONGYI_99, "", "困难妇女儿童", "组织“99公益日”网络募捐。"),
    (2022, FORMULA, "", "困难家庭婴幼儿", "继续实施公益奶粉项目。"),
    (2022, HEART, "", "先天性心脏病患儿", "组织先心病患儿免费救治。"),
    (2022, SCHOOL_BAG, "省妇基会", "留守儿童", "争取省妇基会安全书包项目。"),
    (2022, SUMMER_CAMP, "统战部", "单亲贫困女童", "联合统战部开展阳光女童夏令营活动。"),
    (2022, MOTHER_PARCEL, "", "贫困母亲", "为农村贫困母亲发放母亲邮包。"),
]  # fmt: skip

# unit, programme, date, donors, amount (元). 2021: 200,000 + 145,300 = 345,300 元.
FUNDRAISING = [
    (DISTRICT, CHUNLEI, date(2021, 3, 8), "区直机关干部职工", Decimal(86000)),
    (DISTRICT, CHUNLEI, date(2021, 6, 1), "园区爱心企业", Decimal(90000)),
    (DISTRICT, CHUNLEI, date(2021, 10, 15), "社会爱心人士", Decimal(24000)),
    (DISTRICT, GONGYI_99, date(2021, 9, 9), "99公益日网络募捐", Decimal(145300)),
    (DISTRICT, CHUNLEI, date(2020, 3, 8), "区直机关干部职工", Decimal(78000)),
    (DISTRICT, CHUNLEI, date(2020, 6, 1), "园区爱心企业", Decimal(60000)),
    (XIANGDONG, CHUNLEI, date(2020, 6, 1), "湘东镇爱心商户", Decimal(12000)),
    (DISTRICT, GONGYI_99, date(2020, 9, 9), "99公益日网络募捐", Decimal(98600)),
    (DISTRICT, CHUNLEI, date(2022, 3, 8), "区直机关干部职工", Decimal(92000)),
    (DISTRICT, CHUNLEI, date(2022, 6, 1), "园区爱心企业", Decimal(95000)),
    (LASHI, CHUNLEI, date(2022, 6, 1), "腊市镇爱心人士", Decimal(8500)),
    (XIASHANKOU, CHUNLEI, date(2022, 6, 1), "峡山口街道辖区单位", Decimal(14500)),
    (DISTRICT, GONGYI_99, date(2022, 9, 9), "99公益日网络募捐", Decimal(162800)),
]


def _screenings():
    """(unit, year, population, start, end, cervical, breast, cervical+, breast+)."""
    rows = []
    for year, start, end in (
        (2020, date(2020, 5, 11), date(2020, 7, 31)),
        (2021, date(2021, 4, 12), date(2021, 6, 30)),
        (2022, date(2022, 4, 11), date(2022, 6, 30)),
    ):
        rng = random.Random(f"welfare-screening-{year}")
        townships = [code for code in RURAL_UNITS if code != MINGTANG]
        for code in townships:
            cervical = rng.randint(380, 820)
            breast = cervical - rng.randint(0, 40)
            rows.append(
                (code, year, "rural", start, end, cervical, breast,
                 rng.randint(2, 12), rng.randint(1, 8))
            )  # fmt: skip
        for code in URBAN_UNITS:
            cervical = rng.randint(90, 210)
            rows.append(
                (code, year, "urban_poor", start + timedelta(days=21), end, cervical,
                 cervical - rng.randint(0, 10), rng.randint(0, 4), rng.randint(0, 3))
            )  # fmt: skip
    return rows


class People:
    """Invented people with valid-format, distinct ID numbers, the same on every run."""

    def __init__(self):
        self.used = set()

    def make(self, rng, sex, born_after, born_before):
        span = (born_before - born_after).days
        sex = sex or rng.choice([Sex.FEMALE, Sex.MALE])
        birth = born_after + timedelta(days=rng.randrange(span))
        sequence = rng.randrange(0, 998, 2) + (1 if sex == Sex.MALE else 0)
        while (birth, sequence) in self.used:
            sequence = (sequence + 2) % 1000
        self.used.add((birth, sequence))
        surname = rng.choice(SURNAMES)
        if born_before.year < 2000:
            given = rng.choice(WOMEN_NAMES)
        else:
            given = rng.choice(GIRL_NAMES if sex == Sex.FEMALE else BOY_NAMES)
        return f"{surname}{given}", make_id_number(REGION, birth, sequence)


def _grants(units, programmes, runs):
    people = People()
    for batch in BATCHES:
        rng = random.Random(f"{batch.year}-{batch.programme}-{batch.residence}-{batch.subsidy}")
        for i in range(batch.count):
            day = batch.dates[i % len(batch.dates)]
            youngest, oldest = batch.ages
            name, id_number = people.make(
                rng,
                batch.sex,
                day.replace(year=day.year - oldest - 1) + timedelta(days=1),
                day.replace(year=day.year - youngest) - timedelta(days=1),
            )
            yield Grant(
                org_unit=units[batch.units[i % len(batch.units)]],
                programme=programmes[batch.programme],
                year=batch.year,
                run=runs.get((batch.programme, batch.year)),
                date=day,
                beneficiary_name=name,
                id_number=id_number,
                residence=batch.residence,
                amount=batch.amount,
                goods=batch.goods,
                quantity=batch.quantity,
                unit=batch.unit,
                subsidy_type=batch.subsidy,
                health_details=rng.choice(batch.health) if batch.health else "",
            )


@transaction.atomic
def load_demo_records() -> int:
    """Create the demo records that are missing; return how many were created."""
    units = {u.code: u for u in OrgUnit.objects.filter(code__startswith=REGION)}
    programmes = {p.name: p for p in Programme.objects.all()}
    entered_by = User.objects.filter(username="staff").first()
    created = 0

    existing = set(ProgrammeRun.objects.values_list("org_unit__code", "programme__name", "year"))
    new_runs = [
        ProgrammeRun(
            org_unit=units[DISTRICT],
            programme=programmes[name],
            year=year,
            partner=partner,
            beneficiaries=beneficiaries,
            description=description,
            created_by=entered_by,
        )
        for year, name, partner, beneficiaries, description in RUNS
        if (DISTRICT, name, year) not in existing
    ]
    created += _save(ProgrammeRun, new_runs, entered_by)
    runs = {
        (run.programme.name, run.year): run
        for run in ProgrammeRun.objects.filter(org_unit=units[DISTRICT]).select_related("programme")
    }

    existing = set(
        Fundraising.objects.values_list("org_unit__code", "programme__name", "date", "donors")
    )
    new_fundraising = [
        Fundraising(
            org_unit=units[code],
            programme=programmes[name],
            year=day.year,
            run=runs.get((name, day.year)),
            date=day,
            donors=donors,
            amount=amount,
            created_by=entered_by,
        )
        for code, name, day, donors, amount in FUNDRAISING
        if (code, name, day, donors) not in existing
    ]
    created += _save(Fundraising, new_fundraising, entered_by)

    existing = set(Grant.objects.values_list("programme_id", "date", "id_number"))
    new_grants = []
    for grant in _grants(units, programmes, runs):
        if (grant.programme.pk, grant.date, grant.id_number) in existing:
            continue
        grant.created_by = entered_by
        grant.clean()  # derives sex, birth date, age and 未成年人 from the ID number
        new_grants.append(grant)
    created += _save(Grant, new_grants, entered_by)

    existing = set(
        Screening.objects.values_list("org_unit__code", "year", "population", "start_date")
    )
    new_screenings = [
        Screening(
            org_unit=units[code],
            year=year,
            population=population,
            start_date=start,
            end_date=end,
            cervical_screened=cervical,
            breast_screened=breast,
            cervical_referred=cervical_referred,
            breast_referred=breast_referred,
            hospital=HOSPITAL,
            created_by=entered_by,
        )
        for code, year, population, start, end, cervical, breast, cervical_referred, breast_referred in _screenings()
        if (code, year, population, start) not in existing
    ]
    created += _save(Screening, new_screenings, entered_by)
    return created


def _save(model, objs, user) -> int:
    # Bulk, with history rows, so the whole demo loads in a few queries per model.
    if objs:
        bulk_create_with_history(objs, model, batch_size=500, default_user=user)
    return len(objs)
