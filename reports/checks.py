"""System checks for what the PDF report needs from the operating system.

Both are found the way WeasyPrint and Pango find them, but through ctypes: importing
WeasyPrint costs a third of a second, which every `manage.py` command would pay.
"""

import ctypes
import ctypes.util

from django.core.checks import Warning

# The names WeasyPrint 70 tries (weasyprint/text/ffi.py); cffi falls back to
# ctypes.util.find_library for a bare name, as below.
HARFBUZZ_NAMES = ("libharfbuzz.so.0", "libharfbuzz.0.dylib", "libharfbuzz-0.dll")
HARFBUZZ_SUBSET_NAMES = (
    "libharfbuzz-subset.so.0",
    "libharfbuzz-subset.0.dylib",
    "libharfbuzz-subset-0.dll",
)
FONTCONFIG_NAMES = ("libfontconfig.so.1", "libfontconfig.1.dylib", "libfontconfig-1.dll")


def _load(names: tuple[str, ...], bare_name: str):
    for name in names:
        try:
            return ctypes.CDLL(name)
        except OSError:
            continue
    # find_library may run ldconfig or a compiler: only when the usual names fail.
    found = ctypes.util.find_library(bare_name)
    try:
        return ctypes.CDLL(found) if found else None
    except OSError:
        return None


def harfbuzz_subset_available() -> bool:
    """Whether WeasyPrint subsets fonts with HarfBuzz rather than with fontTools.

    WeasyPrint needs both the subset library and HarfBuzz 4.1.0 or later
    (weasyprint/pdf/fonts.py, `Font.subset`).
    """
    harfbuzz = _load(HARFBUZZ_NAMES, "harfbuzz")
    if harfbuzz is None or _load(HARFBUZZ_SUBSET_NAMES, "harfbuzz-subset") is None:
        return False
    harfbuzz.hb_version_atleast.restype = ctypes.c_int
    harfbuzz.hb_version_atleast.argtypes = [ctypes.c_uint] * 3
    return bool(harfbuzz.hb_version_atleast(4, 1, 0))


class _FontSet(ctypes.Structure):
    _fields_ = [
        ("nfont", ctypes.c_int),
        ("sfont", ctypes.c_int),
        ("fonts", ctypes.POINTER(ctypes.c_void_p)),
    ]


def chinese_font_families() -> set[str]:
    """The families fontconfig has for Chinese text (what `fc-list :lang=zh family` lists)."""
    fontconfig = _load(FONTCONFIG_NAMES, "fontconfig")
    if fontconfig is None:
        return set()
    fontconfig.FcNameParse.restype = ctypes.c_void_p
    fontconfig.FcNameParse.argtypes = [ctypes.c_char_p]
    fontconfig.FcObjectSetCreate.restype = ctypes.c_void_p
    fontconfig.FcObjectSetAdd.argtypes = [ctypes.c_void_p, ctypes.c_char_p]
    fontconfig.FcFontList.restype = ctypes.POINTER(_FontSet)
    fontconfig.FcFontList.argtypes = [ctypes.c_void_p, ctypes.c_void_p, ctypes.c_void_p]
    fontconfig.FcPatternGetString.argtypes = [
        ctypes.c_void_p,
        ctypes.c_char_p,
        ctypes.c_int,
        ctypes.POINTER(ctypes.c_char_p),
    ]
    fontconfig.FcPatternDestroy.argtypes = [ctypes.c_void_p]
    fontconfig.FcObjectSetDestroy.argtypes = [ctypes.c_void_p]
    fontconfig.FcFontSetDestroy.argtypes = [ctypes.POINTER(_FontSet)]

    pattern = fontconfig.FcNameParse(b":lang=zh")
    objects = fontconfig.FcObjectSetCreate()
    fontconfig.FcObjectSetAdd(objects, b"family")
    # No configuration given: fontconfig's default one, as Pango uses.
    found = fontconfig.FcFontList(None, pattern, objects)
    families = set()
    try:
        for n in range(found.contents.nfont if found else 0):
            name = ctypes.c_char_p()
            if fontconfig.FcPatternGetString(found.contents.fonts[n], b"family", 0, name) == 0:
                families.add(name.value.decode())
    finally:
        if found:
            fontconfig.FcFontSetDestroy(found)
        fontconfig.FcObjectSetDestroy(objects)
        fontconfig.FcPatternDestroy(pattern)
    return families


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
