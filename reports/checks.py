"""System checks for what the PDF report needs from the operating system: HarfBuzz
subsetting, Chinese fonts at all, and which face each role of the report got.

Libraries and fonts are found the way WeasyPrint and Pango find them (`reports.fonts`).
"""

import ctypes

from django.conf import settings
from django.core.checks import Info, Warning

from reports import fonts
from reports.fonts import (
    HARFBUZZ_NAMES,
    HARFBUZZ_SUBSET_NAMES,
    LAST_RESORT,
    ROLES,
    TIER_NAMES,
    chinese_font_families,
    load_library,
)

__all__ = ["chinese_font_families", "pdf_chinese_fonts", "pdf_font_subsetting", "report_faces"]

FONT_HINT = (
    "把本单位有授权的公文字体文件（仿宋_GB2312、方正小标宋简体、黑体、楷体_GB2312 等）放进"
    "字体文件夹（{dirs}，可用环境变量 REPORT_FONT_DIRS 指定）或安装为系统字体；"
    "免费替代字体由 make system-packages 安装（FandolFang 仿宋、Noto CJK、AR PL UKai 楷体）。"
)


def harfbuzz_subset_available() -> bool:
    """Whether WeasyPrint subsets fonts with HarfBuzz rather than with fontTools.

    WeasyPrint needs both the subset library and HarfBuzz 4.1.0 or later
    (weasyprint/pdf/fonts.py, `Font.subset`).
    """
    harfbuzz = load_library(HARFBUZZ_NAMES, "harfbuzz")
    if harfbuzz is None or load_library(HARFBUZZ_SUBSET_NAMES, "harfbuzz-subset") is None:
        return False
    harfbuzz.hb_version_atleast.restype = ctypes.c_int
    harfbuzz.hb_version_atleast.argtypes = [ctypes.c_uint] * 3
    return bool(harfbuzz.hb_version_atleast(4, 1, 0))


def pdf_font_subsetting(app_configs, **kwargs):
    if harfbuzz_subset_available():
        return []
    return [
        Warning(
            "没有找到 HarfBuzz 字体子集库（libharfbuzz-subset0）：生成 PDF 报告时"
            "只能改用 fontTools 截取字体，速度会慢几十倍（演示报告从约 0.2 秒变为约 9 秒）。",
            hint="请运行 apt-get install libharfbuzz-subset0，或在项目目录运行 make setup。",
            id="reports.W001",
        )
    ]


def pdf_chinese_fonts(app_configs, **kwargs):
    if chinese_font_families():
        return []
    return [
        Warning(
            "fontconfig 没有找到任何中文字体：PDF 报告中的汉字将无法显示。",
            hint="请安装仿宋、黑体、楷体等公文字体，或运行 apt-get install fonts-noto-cjk"
            " fonts-arphic-ukai，或在项目目录运行 make setup。",
            id="reports.W002",
        )
    ]


def report_faces(app_configs, **kwargs):
    """Which face each role of the PDF got (an Info), and a Warning for each role that got
    no face of its own style: a 仿宋 body set in a 宋体 face, or no Chinese face at all."""
    found = fonts.faces()
    if not any(found.values()):
        return []  # W002 says it already
    hint = FONT_HINT.format(dirs="、".join(settings.REPORT_FONT_DIRS))
    parts, messages = [], []
    for role in ROLES:
        face = found.get(role.key)
        if face is None:
            parts.append(f"{role.label}：无")
            messages.append(
                Warning(
                    f"PDF 报告的{role.label}没有可用的字体（依次查找：{'、'.join(role.families)}）。",
                    hint=hint,
                    id="reports.W003",
                )
            )
            continue
        parts.append(f"{role.label}：{face.family}（{TIER_NAMES[face.tier]}）")
        if face.tier == LAST_RESORT:
            wanted = "、".join(role.official + role.free)
            messages.append(
                Warning(
                    f"PDF 报告的{role.label}只能用应急字体 {face.family}，字体风格不符合公文要求"
                    f"（应为 {wanted} 之一）。",
                    hint=hint,
                    id="reports.W003",
                )
            )
    return [Info("PDF 报告字体——" + "；".join(parts) + "。", id="reports.I001"), *messages]
