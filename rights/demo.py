"""Demo rights records for 湘东区妇联, 2020–2022.

2021 reproduces the reference report: 15 cases received through the 12338 hotline and
petition reception, all 办结 ("全年受理并妥处妇女维权案件15件"); the 湘东区妇女儿童维权法律服务站
(with 区司法局 and 148法律服务所) and the 区婚姻家庭纠纷调处中心 (心理咨询师、法律顾问、婚姻调解专家
定期坐班, online and offline consultation) opened that year. Complainants are invented;
their ID numbers and phone numbers only have a valid format.
"""

from datetime import date

from django.db import transaction

from fedportal.models import OrgUnit, User
from fedportal.personal_data import make_id_number
from rights.models import CaseCategory, Channel, Complainant, Mediation, RightsCase, ServicePoint

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

LEGAL_STATION = "湘东区妇女儿童维权法律服务站"
MEDIATION_CENTRE = "区婚姻家庭纠纷调处中心"

# name, kind, unit, partners, opened, services, staffing, online consultation
SERVICE_POINTS = [
    (
        "明塘村妇女之家维权点",
        ServicePoint.Kind.WOMENS_HOME_DESK,
        MINGTANG,
        "腊市镇司法所",
        date(2020, 9, 10),
        "法律咨询、矛盾纠纷排查、维权信息上报",
        "村妇联主席兼任维权联络员",
        False,
    ),
    (
        LEGAL_STATION,
        ServicePoint.Kind.LEGAL_SERVICE_STATION,
        DISTRICT,
        "区司法局、148法律服务所",
        date(2021, 3, 8),
        "法律咨询、法律援助、维权代理，为妇女儿童提供全天候、全方位维权服务",
        "148法律服务所律师轮流值班",
        False,
    ),
    (
        MEDIATION_CENTRE,
        ServicePoint.Kind.MEDIATION_CENTRE,
        DISTRICT,
        "区司法局",
        date(2021, 5, 15),
        "心理咨询、法律咨询、婚姻调解；开通线上线下咨询专栏，解答婚姻中的困惑与问题",
        "心理咨询师、法律顾问、婚姻调解专家定期坐班",
        True,
    ),
    (
        "湘东镇妇女之家维权点",
        ServicePoint.Kind.WOMENS_HOME_DESK,
        XIANGDONG,
        "湘东镇司法所",
        date(2022, 4, 20),
        "法律咨询、婚姻家庭矛盾调解",
        "镇妇联专干、村妇联主席轮值",
        False,
    ),
    (
        "老关镇妇女之家维权点",
        ServicePoint.Kind.WOMENS_HOME_DESK,
        LAOGUAN,
        "老关镇司法所",
        date(2022, 8, 16),
        "法律咨询、心理疏导",
        "镇妇联专干、志愿律师定期坐班",
        True,
    ),
]

CLOSED = RightsCase.Status.CLOSED
REFERRED = RightsCase.Status.REFERRED

# received, unit, channel, category, summary, result, status, closed on (or referred to),
# and for a minor complainant her birth date (everyone else gets an adult's).
# fmt: off
CASES = [
    # 2020: 12 cases, one referred.
    (date(2020, 1, 14), LASHI, "12338热线", "家庭暴力", "反映丈夫酒后殴打，请求妇联帮助。",
     "联系镇妇联和派出所上门核实，对施暴人批评教育并定期回访。", CLOSED, date(2020, 2, 5)),
    (date(2020, 3, 9), XIANGDONG, "来访", "离婚", "咨询协议离婚时子女抚养和财产分割问题。",
     "法律顾问解答相关法律规定，当事人协议离婚。", CLOSED, date(2020, 3, 12)),
    (date(2020, 4, 21), HEYAO, "来电", "家庭纠纷", "与丈夫兄弟因老屋拆建发生争执。",
     "会同村委会调解，双方签订拆建协议。", CLOSED, date(2020, 5, 15)),
    (date(2020, 5, 18), LAOGUAN, "12338热线", "抚养赡养", "子女不履行赡养义务，老人生活困难。",
     "上门调解，子女签订赡养协议并按月支付赡养费。", CLOSED, date(2020, 6, 10)),
    (date(2020, 6, 11), XIASHANKOU, "来访", "家庭暴力", "遭受丈夫殴打后回娘家居住，请求帮助。",
     "协助报警，公安机关出具告诫书，跟踪回访。", CLOSED, date(2020, 7, 3)),
    (date(2020, 7, 6), PAISHANG, "12338热线", "劳动报酬", "在建筑工地务工被拖欠工资。",
     "已转区人社局劳动监察大队依法处理。", REFERRED, "区人社局"),
    (date(2020, 8, 3), MINGTANG, "来信", "土地权益", "离婚后村小组未分配土地流转收益。",
     "转请镇政府核实，落实其应得的土地流转收益。", CLOSED, date(2020, 9, 18)),
    (date(2020, 8, 26), DONGQIAO, "12338热线", "婚恋纠纷", "订婚后男方悔婚，双方就彩礼返还发生纠纷。",
     "提供法律咨询并组织双方协商，就彩礼返还达成一致。", CLOSED, date(2020, 9, 14)),
    (date(2020, 9, 22), MASHAN, "来访", "离婚", "丈夫长期外出下落不明，咨询起诉离婚。",
     "讲解公告送达和诉讼程序，引导其到法院立案。", CLOSED, date(2020, 9, 25)),
    (date(2020, 10, 19), BAIZHU, "来电", "继承", "父亲去世后兄弟不让出嫁女参与继承。",
     "讲解男女平等的继承权规定，经调解兄妹达成继承协议。", CLOSED, date(2020, 11, 20)),
    (date(2020, 11, 16), XIABU, "12338热线", "家庭暴力", "长期遭受丈夫精神控制和辱骂。",
     "安排心理咨询并约谈丈夫，家庭关系有所缓和，持续回访。", CLOSED, date(2020, 12, 11)),
    (date(2020, 12, 7), GUANGHANZHAI, "来访", "家庭纠纷", "婆媳矛盾激化，家庭关系紧张。",
     "会同乡妇联上门调解，家庭成员签订和睦协议。", CLOSED, date(2020, 12, 24)),
    # 2021: 15 cases, all received and properly closed (受理并妥处).
    (date(2021, 1, 11), MINGTANG, "12338热线", "家庭暴力", "来电反映长期遭受丈夫殴打，请求妇联介入。",
     "联系镇妇联和派出所上门核实，向施暴人出具家庭暴力告诫书，跟踪回访三次，家暴未再发生。",
     CLOSED, date(2021, 1, 29)),
    (date(2021, 2, 23), XIANGDONG, "来访", "离婚", "丈夫长期在外务工不归，咨询起诉离婚及子女抚养问题。",
     "安排法律顾问提供离婚诉讼法律咨询，引导其到区法院立案。", CLOSED, date(2021, 2, 25)),
    (date(2021, 3, 8), HEYAO, "12338热线", "家庭纠纷", "与公婆因宅基地上建房问题发生矛盾，家庭关系紧张。",
     "会同村妇联主席入户调解，双方达成建房协议。", CLOSED, date(2021, 3, 26)),
    (date(2021, 4, 2), LAOGUAN, "来电", "抚养赡养", "离婚后前夫拒不支付孩子抚养费。",
     "联系前夫所在村委会做工作，前夫补交拖欠的抚养费。", CLOSED, date(2021, 4, 30)),
    (date(2021, 4, 19), XIASHANKOU, "来访", "家庭暴力", "遭受丈夫威胁和殴打，请求帮助申请人身安全保护令。",
     "协助收集证据并陪同向区法院申请人身安全保护令，法院依法签发。", CLOSED, date(2021, 5, 10)),
    (date(2021, 5, 14), XIABU, "12338热线", "婚恋纠纷", "与同居男友分手后就共同购置的财物发生纠纷。",
     "提供法律咨询，经婚姻家庭纠纷调处中心调解，双方就财物分割达成一致。", CLOSED, date(2021, 6, 4)),
    (date(2021, 6, 7), LASHI, "来信", "土地权益", "出嫁后户口未迁出，村小组未分配征地补偿款。",
     "转请镇政府核实，依据政策落实该妇女应得的征地补偿款。", CLOSED, date(2021, 7, 16)),
    (date(2021, 6, 28), PAISHANG, "12338热线", "离婚", "丈夫沉迷赌博，想离婚但担心财产分割。",
     "法律顾问解答离婚财产分割相关规定，当事人与丈夫协议离婚。", CLOSED, date(2021, 7, 2)),
    (date(2021, 7, 20), DONGQIAO, "来访", "家庭暴力", "丈夫醉酒后多次殴打，本人已回娘家居住。",
     "联合派出所、村委会上门教育施暴人，施暴人写下保证书，定期回访。", CLOSED, date(2021, 8, 13)),
    (date(2021, 8, 9), MASHAN, "来电", "劳动报酬", "在当地一家服装厂务工被拖欠工资三个月。",
     "协调区人社局劳动监察部门介入，工厂结清拖欠工资。", CLOSED, date(2021, 9, 3)),
    (date(2021, 8, 30), SANJIAOCHI, "12338热线", "抚养赡养", "父母离异后父亲不履行抚养义务。",
     "联系其父所在村委会调解，父亲按月支付抚养费，并请学校关注其学习生活。", CLOSED,
     date(2021, 9, 24), date(2005, 3, 12)),
    (date(2021, 9, 16), BAIZHU, "来访", "继承", "丈夫去世后与小叔子因房屋继承发生争议。",
     "提供继承法律咨询，经婚姻家庭纠纷调处中心调解，双方达成房屋分割协议。", CLOSED,
     date(2021, 10, 22)),
    (date(2021, 10, 12), GUANGHANZHAI, "来信", "家庭纠纷", "婆媳矛盾激化，请求上门调解。",
     "会同乡妇联上门调解，家庭成员签订和睦协议。", CLOSED, date(2021, 10, 29)),
    (date(2021, 11, 5), MINGTANG, "来访", "离婚", "丈夫提出离婚，担心离婚后失去住房。",
     "讲解离婚时妇女居住权益的保护规定，陪同参加法院诉前调解。", CLOSED, date(2021, 11, 26)),
    (date(2021, 12, 6), HEYAO, "12338热线", "家庭暴力", "遭受丈夫推搡殴打，害怕报复不敢报警。",
     "鼓励并陪同其报警，公安机关出具告诫书，纳入重点回访对象。", CLOSED, date(2021, 12, 20)),
    # 2022: 18 cases, two referred.
    (date(2022, 1, 10), LASHI, "12338热线", "家庭暴力", "遭受丈夫殴打致轻微伤，请求帮助。",
     "陪同报警和验伤，协助申请人身安全保护令，法院依法签发。", CLOSED, date(2022, 1, 28)),
    (date(2022, 2, 14), XIANGDONG, "网上", "婚恋纠纷", "网恋对象以投资为名骗取钱财。",
     "已协助报警，转公安机关依法处理。", REFERRED, "区公安分局"),
    (date(2022, 3, 1), HEYAO, "来访", "离婚", "咨询离婚时家务劳动补偿问题。",
     "法律顾问讲解民法典关于家务劳动补偿的规定，协助准备诉讼材料。", CLOSED, date(2022, 3, 4)),
    (date(2022, 3, 21), LAOGUAN, "12338热线", "家庭纠纷", "丈夫与前妻所生子女之间矛盾激化。",
     "经婚姻家庭纠纷调处中心心理咨询师疏导和调解，家庭矛盾化解。", CLOSED, date(2022, 4, 15)),
    (date(2022, 4, 11), XIASHANKOU, "来电", "抚养赡养", "离婚后前夫探视时与孩子发生冲突。",
     "组织双方协商探视安排，签订探视协议。", CLOSED, date(2022, 5, 6)),
    (date(2022, 5, 9), XIABU, "12338热线", "家庭暴力", "长期遭受丈夫经济控制和辱骂。",
     "安排心理咨询，约谈丈夫并出具告诫书，持续回访。", CLOSED, date(2022, 6, 2)),
    (date(2022, 5, 30), PAISHANG, "来访", "就业性别歧视", "应聘时被告知只招男性。",
     "与用人单位沟通，纠正招聘中的性别限制条件。", CLOSED, date(2022, 6, 17)),
    (date(2022, 6, 20), DONGQIAO, "来信", "土地权益", "离婚后被村小组取消集体经济组织成员资格。",
     "会同镇政府依法核实，恢复其成员资格和相应收益。", CLOSED, date(2022, 8, 5)),
    (date(2022, 7, 4), MASHAN, "12338热线", "性侵害", "未成年人来电反映在校外遭受猥亵，不知如何处理。",
     "陪同报警，协调司法社工提供心理疏导和法律援助。", CLOSED, date(2022, 8, 19),
     date(2007, 6, 18)),
    (date(2022, 7, 25), BAIZHU, "来访", "离婚", "丈夫隐匿夫妻共同财产后起诉离婚。",
     "提供法律咨询，引导其申请法律援助，律师代理应诉。", CLOSED, date(2022, 8, 2)),
    (date(2022, 8, 15), GUANGHANZHAI, "来电", "家庭纠纷", "与丈夫因照顾老人问题长期争吵。",
     "会同乡妇联上门调解，家庭分工达成一致。", CLOSED, date(2022, 8, 31)),
    (date(2022, 9, 5), MINGTANG, "12338热线", "家庭暴力", "丈夫酒后打砸家中物品并威胁本人。",
     "联系派出所出警处置，出具告诫书，明塘村妇联主席定期回访。", CLOSED, date(2022, 9, 23)),
    (date(2022, 9, 26), SANJIAOCHI, "来访", "继承", "母亲去世后与兄长就老屋继承发生争议。",
     "经婚姻家庭纠纷调处中心调解，兄妹达成继承协议。", CLOSED, date(2022, 10, 28)),
    (date(2022, 10, 17), XIANGDONG, "12338热线", "劳动报酬", "在家政公司工作被克扣工资。",
     "已转区人社局劳动监察大队依法处理。", REFERRED, "区人社局"),
    (date(2022, 11, 7), HEYAO, "来电", "婚恋纠纷", "离婚后前夫多次纠缠骚扰。",
     "约谈前夫并联系派出所予以警告，纠缠行为停止。", CLOSED, date(2022, 11, 25)),
    (date(2022, 11, 21), LASHI, "来访", "抚养赡养", "儿子儿媳拒绝支付赡养费。",
     "上门调解，子女签订赡养协议。", CLOSED, date(2022, 12, 9)),
    (date(2022, 12, 5), LAOGUAN, "12338热线", "离婚", "丈夫出轨后要求离婚，咨询损害赔偿。",
     "法律顾问讲解离婚损害赔偿的规定，协助收集证据。", CLOSED, date(2022, 12, 12)),
    (date(2022, 12, 19), XIASHANKOU, "转办", "家庭暴力", "市妇联转办：反映遭受丈夫殴打。",
     "协助申请人身安全保护令，法院依法签发，纳入重点回访对象。", CLOSED, date(2022, 12, 30)),
]
# fmt: on

SURNAMES = "刘张李王彭钟黄周吴易胡谢文肖罗邓袁贺段曾"
GIVEN_NAMES = [
    "秀英",
    "桂兰",
    "红梅",
    "丽萍",
    "小燕",
    "春花",
    "金莲",
    "玉兰",
    "晓琴",
    "凤英",
    "翠萍",
    "美玲",
    "海燕",
    "冬梅",
    "建英",
    "小红",
    "雪芳",
    "艳萍",
    "菊香",
    "秋云",
    "慧敏",
    "婷",
]

# mediated on, unit, dispute type, parties, mediator, outcome, the case's received date
# (or None), service point name (or None)
# fmt: off
MEDIATIONS = [
    (date(2020, 4, 29), HEYAO, "家庭纠纷", 3, "易春兰", Mediation.Outcome.SETTLED, date(2020, 4, 21), None),
    (date(2020, 6, 2), LAOGUAN, "抚养赡养", 4, "彭志刚", Mediation.Outcome.SETTLED, date(2020, 5, 18), None),
    (date(2020, 10, 30), BAIZHU, "继承", 3, "易春兰", Mediation.Outcome.SETTLED, date(2020, 10, 19), None),
    (date(2020, 12, 15), GUANGHANZHAI, "家庭纠纷", 2, "刘建华", Mediation.Outcome.FAILED, date(2020, 12, 7), None),
    (date(2021, 3, 20), HEYAO, "家庭纠纷", 3, "易春兰", Mediation.Outcome.SETTLED, date(2021, 3, 8), None),
    (date(2021, 5, 25), XIABU, "婚恋纠纷", 2, "刘建华", Mediation.Outcome.SETTLED, date(2021, 5, 14), MEDIATION_CENTRE),
    (date(2021, 7, 9), DISTRICT, "离婚", 2, "刘建华", Mediation.Outcome.FAILED, None, MEDIATION_CENTRE),
    (date(2021, 10, 15), BAIZHU, "继承", 3, "彭志刚", Mediation.Outcome.SETTLED, date(2021, 9, 16), MEDIATION_CENTRE),
    (date(2021, 10, 25), GUANGHANZHAI, "家庭纠纷", 4, "易春兰", Mediation.Outcome.SETTLED, date(2021, 10, 12), None),
    (date(2021, 11, 18), DISTRICT, "家庭纠纷", 2, "彭志刚", Mediation.Outcome.REFERRED, None, MEDIATION_CENTRE),
    (date(2022, 3, 30), LAOGUAN, "家庭纠纷", 3, "刘建华", Mediation.Outcome.SETTLED, date(2022, 3, 21), MEDIATION_CENTRE),
    (date(2022, 4, 22), XIASHANKOU, "抚养赡养", 2, "易春兰", Mediation.Outcome.SETTLED, date(2022, 4, 11), MEDIATION_CENTRE),
    (date(2022, 6, 16), DISTRICT, "离婚", 2, "刘建华", Mediation.Outcome.FAILED, None, MEDIATION_CENTRE),
    (date(2022, 8, 24), GUANGHANZHAI, "家庭纠纷", 2, "彭志刚", Mediation.Outcome.SETTLED, date(2022, 8, 15), None),
    (date(2022, 10, 14), SANJIAOCHI, "继承", 3, "刘建华", Mediation.Outcome.SETTLED, date(2022, 9, 26), MEDIATION_CENTRE),
    (date(2022, 11, 10), XIANGDONG, "家庭纠纷", 2, "易春兰", Mediation.Outcome.SETTLED, None, "湘东镇妇女之家维权点"),
    (date(2022, 12, 2), LASHI, "抚养赡养", 4, "彭志刚", Mediation.Outcome.SETTLED, date(2022, 11, 21), None),
]
# fmt: on


def _complainant(index: int, unit: OrgUnit, minor_birth: date | None = None) -> dict:
    """An invented complainant; `index` makes name, ID number and phone differ per case."""
    birth = minor_birth or date(1962 + (index * 7) % 34, index % 12 + 1, (index * 5) % 27 + 1)
    return {
        "name": SURNAMES[index % len(SURNAMES)] + GIVEN_NAMES[(index * 7) % len(GIVEN_NAMES)],
        "sex": Complainant.Sex.FEMALE,
        # Even order codes are women's (GB 11643).
        "id_number": make_id_number("360313", birth, 100 + index * 2),
        "phone": f"13{index % 6 + 4}7990{index:04d}",
        "address": f"{unit.full_name()}{index % 9 + 1}组",
        "is_minor": minor_birth is not None,
    }


def _save(record, user):
    # Validated like any admin entry, which also derives a case's year.
    record.full_clean()
    if hasattr(record, "created_by"):
        record.created_by = user
    record._history_user = user
    record.save()


@transaction.atomic
def load_demo_records() -> int:
    """Create the demo's missing rights records; return how many rows were created."""
    units = {u.code: u for u in OrgUnit.objects.filter(code__startswith="360313")}
    channels = {c.name: c for c in Channel.objects.all()}
    categories = {c.name: c for c in CaseCategory.objects.all()}
    worker = User.objects.filter(username="rights").first()
    created = 0

    points = {}
    for name, kind, code, partners, opened, services, staffing, online in SERVICE_POINTS:
        point = ServicePoint.objects.filter(org_unit=units[code], name=name).first()
        if point is None:
            point = ServicePoint(
                org_unit=units[code],
                name=name,
                kind=kind,
                partners=partners,
                opened_on=opened,
                services=services,
                staffing=staffing,
                online_consultation=online,
            )
            _save(point, worker)
            created += 1
        points[name] = point

    cases = {}
    for index, (
        received,
        code,
        channel,
        category,
        summary,
        result,
        status,
        end,
        *minor,
    ) in enumerate(CASES):
        unit = units[code]
        case = RightsCase.objects.filter(
            org_unit=unit, received_on=received, channel=channels[channel], summary=summary
        ).first()
        if case is None:
            case = RightsCase(
                org_unit=unit,
                received_on=received,
                channel=channels[channel],
                category=categories[category],
                summary=summary,
                status=status,
                result=result,
                closed_on=end if status == CLOSED else None,
                referred_to=end if status == REFERRED else "",
            )
            _save(case, worker)
            created += 1
        if not Complainant.objects.filter(case=case).exists():
            _save(Complainant(case=case, **_complainant(index, unit, *minor)), worker)
            created += 1
        cases[(received, code)] = case

    for mediated, code, dispute, parties, mediator, outcome, case_on, point in MEDIATIONS:
        unit = units[code]
        if Mediation.objects.filter(
            org_unit=unit, mediated_on=mediated, mediator=mediator
        ).exists():
            continue
        mediation = Mediation(
            org_unit=unit,
            mediated_on=mediated,
            dispute_type=categories[dispute],
            parties_count=parties,
            mediator=mediator,
            outcome=outcome,
            case=cases[(case_on, code)] if case_on else None,
            service_point=points[point] if point else None,
        )
        _save(mediation, worker)
        created += 1
    return created
