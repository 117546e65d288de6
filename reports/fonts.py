"""The faces of the report: which face each role asks for, which of them this server has,
and how wide a character is in the face it got.

Each role names the official faces first, in the order GB/T 9704 offices know them, then
a freely licensed face of the same style, then (for some roles) a last resort that at
least shows Chinese. The print stylesheet, the system check and the line breaker all read
these lists, so the face a check reports is the face the PDF uses and the widths the line
breaker measures are those of the glyphs WeasyPrint draws.

A deployment adds its licensed faces by putting the files in one of `REPORT_FONT_DIRS`
(`fonts/` in the project by default, where `make system-packages` puts FandolFang) or by
installing them for fontconfig as usual. `use_font_dirs` hands those folders to
fontconfig through a configuration file of our own that includes the system's, together
with aliases from each official name to the free face that stands in for it, so that any
fontconfig program (WeasyPrint, LibreOffice) opening a document that names 仿宋_GB2312
finds the same stand-in.

fontconfig and HarfBuzz are the libraries WeasyPrint itself uses (through Pango); they are
reached through ctypes because importing WeasyPrint costs a third of a second, which
every `manage.py` command would pay.
"""

import atexit
import contextlib
import ctypes
import ctypes.util
import functools
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

# The names WeasyPrint 70 tries (weasyprint/text/ffi.py); cffi falls back to
# ctypes.util.find_library for a bare name, as `load_library` does.
HARFBUZZ_NAMES = ("libharfbuzz.so.0", "libharfbuzz.0.dylib", "libharfbuzz-0.dll")
HARFBUZZ_SUBSET_NAMES = (
    "libharfbuzz-subset.so.0",
    "libharfbuzz-subset.0.dylib",
    "libharfbuzz-subset-0.dll",
)
FONTCONFIG_NAMES = ("libfontconfig.so.1", "libfontconfig.1.dylib", "libfontconfig-1.dll")

OFFICIAL, FREE, LAST_RESORT = "official", "free", "last_resort"
TIER_NAMES = {OFFICIAL: "公文字体", FREE: "免费替代字体", LAST_RESORT: "应急字体"}


@dataclass(frozen=True)
class Role:
    key: str
    label: str
    official: tuple[str, ...]
    free: tuple[str, ...]
    last_resort: tuple[str, ...] = ()
    generic: str = "serif"
    bold: bool = False

    @property
    def families(self) -> tuple[str, ...]:
        return self.official + self.free + self.last_resort

    def tier(self, family: str) -> str:
        if family in self.official:
            return OFFICIAL
        return FREE if family in self.free else LAST_RESORT

    def css(self) -> str:
        """The role's faces as a CSS font-family value."""
        return ", ".join([*(f'"{name}"' for name in self.families), self.generic])


# A 仿宋 body never falls back to a 宋体-style face unannounced: Noto Serif is the last
# resort, and the system check warns when it is what the body got.
BODY = Role(
    "body",
    "正文（仿宋）",
    ("仿宋_GB2312", "FangSong_GB2312", "仿宋", "FangSong", "STFangsong", "华文仿宋"),
    ("FandolFang",),
    ("Noto Serif CJK SC", "AR PL UMing CN"),
)
# None of the official title faces has a bold; asking for bold only picks the bold of the
# free face (WeasyPrint does not fake a bold weight).
TITLE = Role(
    "title",
    "标题（小标宋）",
    ("方正小标宋简体", "方正小标宋_GBK", "FZXiaoBiaoSong-B05S", "FZXiaoBiaoSong-B05", "小标宋"),
    ("Noto Serif CJK SC",),
    bold=True,
)
HEI = Role(
    "hei",
    "一级标题（黑体）",
    ("黑体", "SimHei", "方正黑体_GBK", "方正黑体简体", "STHeiti", "华文黑体"),
    ("Noto Sans CJK SC",),
    generic="sans-serif",
)
KAI = Role(
    "kai",
    "二级标题（楷体）",
    ("楷体_GB2312", "KaiTi_GB2312", "楷体", "KaiTi", "STKaiti", "华文楷体"),
    ("AR PL UKai CN",),
    ("Noto Serif CJK SC",),
)
# The page numbers' 宋体 digits.
SONG = Role("song", "页码（宋体）", ("宋体", "SimSun", "Songti SC"), ("Noto Serif CJK SC",))

# The roles the system check reports on.
ROLES = (BODY, TITLE, HEI, KAI)


def load_library(names: tuple[str, ...], bare_name: str):
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


class _FontSet(ctypes.Structure):
    _fields_ = [
        ("nfont", ctypes.c_int),
        ("sfont", ctypes.c_int),
        ("fonts", ctypes.POINTER(ctypes.c_void_p)),
    ]


@functools.cache
def _fontconfig():
    fc = load_library(FONTCONFIG_NAMES, "fontconfig")
    if fc is None:
        return None
    fc.FcNameParse.restype = ctypes.c_void_p
    fc.FcNameParse.argtypes = [ctypes.c_char_p]
    fc.FcObjectSetCreate.restype = ctypes.c_void_p
    fc.FcObjectSetAdd.argtypes = [ctypes.c_void_p, ctypes.c_char_p]
    fc.FcFontList.restype = ctypes.POINTER(_FontSet)
    fc.FcFontList.argtypes = [ctypes.c_void_p, ctypes.c_void_p, ctypes.c_void_p]
    fc.FcPatternGetString.argtypes = [
        ctypes.c_void_p,
        ctypes.c_char_p,
        ctypes.c_int,
        ctypes.POINTER(ctypes.c_char_p),
    ]
    fc.FcPatternGetInteger.argtypes = [
        ctypes.c_void_p,
        ctypes.c_char_p,
        ctypes.c_int,
        ctypes.POINTER(ctypes.c_int),
    ]
    fc.FcPatternDestroy.argtypes = [ctypes.c_void_p]
    fc.FcObjectSetDestroy.argtypes = [ctypes.c_void_p]
    fc.FcFontSetDestroy.argtypes = [ctypes.POINTER(_FontSet)]
    return fc


@dataclass(frozen=True)
class FontFile:
    families: tuple[str, ...]
    path: str
    index: int
    weight: int  # fontconfig's scale: 80 regular, 200 bold


def chinese_fonts() -> list[FontFile]:
    """The fonts fontconfig has for Chinese text (what `fc-list :lang=zh` lists)."""
    fc = _fontconfig()
    if fc is None:
        return []
    pattern = fc.FcNameParse(b":lang=zh")
    objects = fc.FcObjectSetCreate()
    for name in (b"family", b"file", b"index", b"weight"):
        fc.FcObjectSetAdd(objects, name)
    # No configuration given: fontconfig's current one, as Pango's comes from the same file.
    found = fc.FcFontList(None, pattern, objects)
    fonts = []
    try:
        for n in range(found.contents.nfont if found else 0):
            font = found.contents.fonts[n]
            families, value = [], ctypes.c_char_p()
            while fc.FcPatternGetString(font, b"family", len(families), value) == 0:
                families.append(value.value.decode())
            number = ctypes.c_int()
            index = number.value if fc.FcPatternGetInteger(font, b"index", 0, number) == 0 else 0
            weight = number.value if fc.FcPatternGetInteger(font, b"weight", 0, number) == 0 else 80
            path = (
                value.value.decode() if fc.FcPatternGetString(font, b"file", 0, value) == 0 else ""
            )
            fonts.append(FontFile(tuple(families), path, index, weight))
    finally:
        if found:
            fc.FcFontSetDestroy(found)
        fc.FcObjectSetDestroy(objects)
        fc.FcPatternDestroy(pattern)
    return fonts


def chinese_font_families() -> set[str]:
    """The families fontconfig has for Chinese text (what `fc-list :lang=zh family` lists)."""
    return {font.families[0] for font in chinese_fonts() if font.families}


@dataclass(frozen=True)
class Face:
    """The face a role got: its family, how it ranks for the role, and its file."""

    role: Role
    family: str
    tier: str
    path: str
    index: int

    def advance(self, char: str) -> float | None:
        """The advance of `char` in ems, or None when the face has no glyph for it."""
        return _advance(self.path, self.index, char)


def resolve(role: Role, fonts: list[FontFile] | None = None) -> Face | None:
    """The face Pango picks for `role`: the first of its families that is installed (font
    names compare as fontconfig compares them, without case or spaces), in the weight
    closest to the role's."""
    fonts = chinese_fonts() if fonts is None else fonts
    wanted = 200 if role.bold else 80
    for family in role.families:
        key = _family_key(family)
        matches = [f for f in fonts if key in {_family_key(name) for name in f.families}]
        if matches:
            best = min(matches, key=lambda f: abs(f.weight - wanted))
            return Face(role, family, role.tier(family), best.path, best.index)
    return None


def _family_key(name: str) -> str:
    return name.replace(" ", "").casefold()


@functools.cache
def faces() -> dict[str, Face | None]:
    """Each role's face, looked up once per process (a new font needs a restart, as it
    does for Pango's own cache)."""
    fonts = chinese_fonts()
    return {role.key: resolve(role, fonts) for role in (*ROLES, SONG)}


@functools.cache
def _harfbuzz():
    hb = load_library(HARFBUZZ_NAMES, "harfbuzz")
    if hb is None:
        return None
    hb.hb_blob_create_from_file.restype = ctypes.c_void_p
    hb.hb_blob_create_from_file.argtypes = [ctypes.c_char_p]
    hb.hb_face_create.restype = ctypes.c_void_p
    hb.hb_face_create.argtypes = [ctypes.c_void_p, ctypes.c_uint]
    hb.hb_face_get_upem.restype = ctypes.c_uint
    hb.hb_face_get_upem.argtypes = [ctypes.c_void_p]
    hb.hb_font_create.restype = ctypes.c_void_p
    hb.hb_font_create.argtypes = [ctypes.c_void_p]
    hb.hb_font_set_scale.argtypes = [ctypes.c_void_p, ctypes.c_int, ctypes.c_int]
    hb.hb_font_get_nominal_glyph.restype = ctypes.c_int
    hb.hb_font_get_nominal_glyph.argtypes = [
        ctypes.c_void_p,
        ctypes.c_uint32,
        ctypes.POINTER(ctypes.c_uint32),
    ]
    hb.hb_font_get_glyph_h_advance.restype = ctypes.c_int32
    hb.hb_font_get_glyph_h_advance.argtypes = [ctypes.c_void_p, ctypes.c_uint32]
    return hb


@functools.cache
def _hb_font(path: str, index: int):
    """A HarfBuzz font scaled to its units per em, kept for the life of the process."""
    hb = _harfbuzz()
    face = hb.hb_face_create(hb.hb_blob_create_from_file(path.encode()), index)
    upem = hb.hb_face_get_upem(face)
    font = hb.hb_font_create(face)
    hb.hb_font_set_scale(font, upem, upem)
    return font, upem


@functools.cache
def _advance(path: str, index: int, char: str) -> float | None:
    if _harfbuzz() is None:
        return None
    hb = _harfbuzz()
    font, upem = _hb_font(path, index)
    glyph = ctypes.c_uint32()
    if not hb.hb_font_get_nominal_glyph(font, ord(char), ctypes.byref(glyph)):
        return None
    return hb.hb_font_get_glyph_h_advance(font, glyph.value) / upem


def fontconfig_file(font_dirs, include: str) -> str:
    """A fontconfig configuration: the system's (`include`), the project's font folders,
    and each role's official names falling back to its free faces."""
    lines = [
        '<?xml version="1.0"?>',
        '<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">',
        "<fontconfig>",
    ]
    lines.append(f'  <include ignore_missing="yes">{escape(include)}</include>')
    lines += [f"  <dir>{escape(str(Path(d).resolve()))}</dir>" for d in font_dirs]
    for role in (*ROLES, SONG):
        accept = "".join(f"<family>{escape(name)}</family>" for name in role.free)
        lines += [
            f'  <alias binding="same"><family>{escape(name)}</family>'
            f"<accept>{accept}</accept></alias>"
            for name in role.official
        ]
    lines.append("</fontconfig>")
    return "\n".join(lines) + "\n"


_configured: str | None = None


def use_font_dirs(font_dirs) -> None:
    """Point fontconfig at a configuration of our own (see `fontconfig_file`), once per
    process and before anything in it asks fontconfig for a font.

    A FONTCONFIG_FILE that the deployment set is kept: it is included, as the system's
    default file is otherwise.
    """
    global _configured
    if _configured is not None:
        return
    include = base_fontconfig_file()
    handle, path = tempfile.mkstemp(prefix="fedportal-fonts-", suffix=".conf")
    with os.fdopen(handle, "w", encoding="utf-8") as out:
        out.write(fontconfig_file(font_dirs, include))
    atexit.register(_remove, path)
    # A process started from this one (a command, LibreOffice) inherits both: it uses this
    # configuration, and one that writes its own includes the same base, not this file,
    # which goes when this process ends.
    os.environ[BASE_VARIABLE] = include
    os.environ["FONTCONFIG_FILE"] = path
    _configured = path


BASE_VARIABLE = "FEDPORTAL_FONTCONFIG_BASE"


def base_fontconfig_file() -> str:
    """The configuration fontconfig would read without ours.

    Asking fontconfig for its file would load its configuration, too early: a relative name
    is looked up in fontconfig's own folder (FONTCONFIG_PATH, or /etc/fonts).
    """
    return os.environ.get(BASE_VARIABLE) or os.environ.get("FONTCONFIG_FILE") or "fonts.conf"


def _remove(path: str) -> None:
    with contextlib.suppress(OSError):
        os.remove(path)
