"""Demo records of 湘东区妇联's skills training and job fairs, 2020–2022.

2021 reproduces the reference report: "联合湘东职专开办了7期家政技能培训班，帮助400余名妇女
掌握了家政服务技能。会同人社部门举办了女性专场招聘会". The 2022 records follow its plan
("有效开展适合妇女养殖、种植、家政等技能培训"; "联合区就业局对接企业"). Trainees' names,
ID numbers and phones are invented.
"""

from datetime import date, timedelta

from django.db import transaction

from employment.models import JobFair, JobFairKind, Trainee, TrainingClass, TrainingKind
from fedportal.models import FigureDefinition, OrgUnit, User
from fedportal.personal_data import make_id_number

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

VOCATIONAL_SCHOOL = "湘东职专"
AGRICULTURE_BUREAU = "区农业农村局"

# unit, kind, session, partner, start, days, planned places, trainees, certified, notes
# fmt: off
CLASSES = [
    (DISTRICT, "家政", 1, VOCATIONAL_SCHOOL, date(2020, 6, 15), 7, 60, 55, 48, ""),
    (HEYAO, "家政", 2, VOCATIONAL_SCHOOL, date(2020, 8, 10), 7, 50, 50, 44, ""),
    (DISTRICT, "育婴", 1, VOCATIONAL_SCHOOL, date(2020, 9, 7), 7, 40, 40, 36, ""),
    (LAOGUAN, "家政", 3, VOCATIONAL_SCHOOL, date(2020, 10, 12), 7, 55, 52, 45, ""),
    (DONGQIAO, "家政", 4, VOCATIONAL_SCHOOL, date(2020, 11, 16), 7, 50, 48, 42, ""),
    # 2021: 7 家政 classes with 湘东职专, 412 trainees in all (the report's "400余名").
    (DISTRICT, "家政", 1, VOCATIONAL_SCHOOL, date(2021, 3, 8), 7, 60, 62, 55, ""),
    (LASHI, "家政", 2, VOCATIONAL_SCHOOL, date(2021, 4, 12), 7, 50, 48, 44, ""),
    (XIASHANKOU, "家政", 3, VOCATIONAL_SCHOOL, date(2021, 5, 17), 7, 60, 64, 57, ""),
    (XIANGDONG, "家政", 4, VOCATIONAL_SCHOOL, date(2021, 6, 21), 7, 60, 56, 50, ""),
    (XIABU, "家政", 5, VOCATIONAL_SCHOOL, date(2021, 8, 16), 7, 60, 60, 52, ""),
    (MASHAN, "家政", 6, VOCATIONAL_SCHOOL, date(2021, 9, 13), 7, 60, 58, 51, ""),
    (DISTRICT, "家政", 7, VOCATIONAL_SCHOOL, date(2021, 11, 8), 7, 60, 64, 58, ""),
    (DISTRICT, "家政", 1, VOCATIONAL_SCHOOL, date(2022, 3, 7), 7, 60, 60, 54, ""),
    (BAIZHU, "养殖", 1, AGRICULTURE_BUREAU, date(2022, 4, 11), 5, 45, 45, 38, ""),
    (GUANGHANZHAI, "种植", 1, AGRICULTURE_BUREAU, date(2022, 4, 18), 5, 45, 42, 35, ""),
    (PAISHANG, "家政", 2, VOCATIONAL_SCHOOL, date(2022, 5, 16), 7, 60, 58, 52, ""),
    (HEYAO, "养殖", 2, AGRICULTURE_BUREAU, date(2022, 6, 13), 5, 40, 40, 33, ""),
    (LASHI, "家政", 3, VOCATIONAL_SCHOOL, date(2022, 7, 11), 7, 60, 56, 50, ""),
    (MASHAN, "种植", 2, AGRICULTURE_BUREAU, date(2022, 9, 19), 5, 45, 44, 36, ""),
    (LAOGUAN, "家政", 4, VOCATIONAL_SCHOOL, date(2022, 10, 17), 7, 60, 60, 53, ""),
]
# fmt: on

# 2021 classes entered with their full roster: (unit of the class, session) → the trainees'
# home units with how many come from each, and how many found work after the class.
ROSTERS = {
    (LASHI, 2): ([(LASHI, 30), (MINGTANG, 18)], 21),
    (XIANGDONG, 4): ([(XIANGDONG, 34), (SANJIAOCHI, 22)], 25),
}
EMPLOYERS = [
    "萍乡市安康家政服务有限公司",
    "湘东区惠民家政服务部",
    "萍乡市月福母婴护理中心",
    "湘东区颐康养老服务中心",
]

SURNAMES = "王李张刘陈杨黄赵吴周徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓"
GIVEN_NAMES = [
    "秀英", "桂兰", "丽萍", "春梅", "小红", "玉兰", "海燕", "晓梅", "淑芬", "美华",
    "翠平", "红霞", "艳芳", "雪梅", "金凤", "丽娟", "建华", "冬梅", "素琴", "慧敏",
    "凤英", "彩霞", "文静", "秋菊", "桂香", "水仙", "月娥", "巧云", "爱萍", "婷婷",
    "丽琴", "志芳", "菊香", "小燕", "荷花", "燕妮", "玉梅", "秀珍", "晓琳", "云芳",
    "少华", "春兰", "秀梅", "国英", "友兰", "细妹", "满秀", "腊梅", "新华", "亚琴",
    "丽君", "梅香", "平英",
]  # fmt: skip

# name, unit, date, partner, employers, positions, attendees, hires, notes
JOB_FAIRS = [
    (
        "女性专场招聘会",
        DISTRICT,
        date(2021, 3, 5),
        "区人社局",
        42,
        1260,
        860,
        215,
        "会同人社部门举办，“点对点”地为妇女提供就业岗位。",
    ),
    (
        "女性专场招聘会",
        DISTRICT,
        date(2022, 2, 18),
        "区就业局",
        48,
        1480,
        920,
        268,
        "联合区就业局对接园区企业，包车接送有就业意愿的女性劳动力到园区企业应聘。",
    ),
]


def class_name(kind: str, session: int) -> str:
    return f"第{session}期{kind}技能培训班"


def invented_trainees(count: int, seed: int):
    """`count` made-up women's names with birth dates, distinct within one class."""
    for i in range(count):
        surname = SURNAMES[(i * 7 + seed) % len(SURNAMES)]
        given = GIVEN_NAMES[(i * 11 + seed * 3) % len(GIVEN_NAMES)]
        birth = date(1972, 1, 1) + timedelta(days=(i * 197 + seed * 61) % (25 * 365))
        yield surname + given, birth


@transaction.atomic
def load_demo_records() -> int:
    """Create the demo classes, rosters and job fairs that are missing; return how many."""
    units = {unit.code: unit for unit in OrgUnit.objects.filter(code__startswith="360313")}
    kinds = {kind.name: kind for kind in TrainingKind.objects.all()}
    staff = User.objects.filter(username="staff").first()
    created = 0

    classes = {}
    for unit, kind, session, partner, start, days, planned, trainees, certified, notes in CLASSES:
        record = TrainingClass.objects.filter(
            org_unit=units[unit], year=start.year, name=class_name(kind, session)
        ).first()
        if record is None:
            record = TrainingClass(
                org_unit=units[unit],
                kind=kinds[kind],
                name=class_name(kind, session),
                session=session,
                partner=partner,
                year=start.year,
                start_date=start,
                end_date=start + timedelta(days=days - 1),
                planned_places=planned,
                trainees=trainees,
                certified=certified,
                notes=notes,
                created_by=staff,
            )
            record.full_clean()
            record.save()
            created += 1
        classes[(unit, start.year, session, kind)] = record

    for (unit, session), (homes, employed) in ROSTERS.items():
        created += _load_roster(
            classes[(unit, 2021, session, "家政")], homes, employed, units, staff
        )

    for name, unit, day, partner, employers, positions, attendees, hires, notes in JOB_FAIRS:
        if JobFair.objects.filter(org_unit=units[unit], date=day, name=name).exists():
            continue
        fair = JobFair(
            org_unit=units[unit],
            name=name,
            kind=JobFairKind.objects.get(code="womens"),
            date=day,
            partner=partner,
            employers=employers,
            positions=positions,
            attendees=attendees,
            hires=hires,
            notes=notes,
            created_by=staff,
        )
        fair.full_clean()
        fair.save()
        created += 1
    created += _load_definitions(units[DISTRICT])
    return created


# The district reports its 家政 classes "联合湘东职专": its own figures, under the built-in
# keys, count only the classes run with the vocational school.
PARTNER_FIGURES = [
    ("employment.housekeeping_classes", "联合湘东职专开办家政技能培训班", "期", "count", ""),
    (
        "employment.housekeeping_trainees",
        "家政技能培训班参训妇女",
        "名",
        "sum",
        "trainees",
    ),
]


def _load_definitions(district) -> int:
    created = 0
    for key, label, unit_word, measure, field in PARTNER_FIGURES:
        definition, made = FigureDefinition.objects.get_or_create(
            key=key,
            org_unit=district,
            defaults={
                "label": label,
                "unit_word": unit_word,
                "source": "employment.training_class",
                "measure": measure,
                "field": field,
            },
        )
        if made:
            definition.filters.create(field="kind", operator="in", values="housekeeping")
            definition.filters.create(field="partner", operator="equals", values=VOCATIONAL_SCHOOL)
            created += 1
    return created


def _load_roster(training_class, homes, employed, units, staff) -> int:
    """The class's full roster: as many trainees as its 参训人数, certified as its 取证人数."""
    home_units = [units[code] for code, count in homes for _ in range(count)]
    created = 0
    people = invented_trainees(len(home_units), seed=training_class.session)
    for index, (home, (name, birth)) in enumerate(zip(home_units, people, strict=True)):
        id_number = make_id_number("360313", birth, (index * 2) % 1000)
        if Trainee.objects.filter(training_class=training_class, id_number=id_number).exists():
            continue
        is_employed = index < employed
        trainee = Trainee(
            training_class=training_class,
            org_unit=home,
            name=name,
            id_number=id_number,
            phone=f"1390799{training_class.session:02d}{index:02d}",
            certified=index < training_class.certified,
            employed=is_employed,
            employer=EMPLOYERS[index % len(EMPLOYERS)] if is_employed else "",
            created_by=staff,
        )
        trainee.full_clean()
        trainee.save()
        created += 1
    return created
