"""System checks for what the PDF report needs: HarfBuzz subsetting, a Chinese font, and
which face each role of the report got."""

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.core.checks import Info, Warning, run_checks

from reports import checks, fonts


def check_ids():
    return {message.id for message in run_checks() if isinstance(message, Warning)}


def test_missing_harfbuzz_subsetting_is_a_warning(monkeypatch):
    monkeypatch.setattr(checks, "harfbuzz_subset_available", lambda: False)
    monkeypatch.setattr(checks, "chinese_font_families", lambda: {"Noto Serif CJK SC"})
    [warning] = checks.pdf_font_subsetting(None)
    assert warning.id == "reports.W001"
    assert "libharfbuzz-subset0" in warning.msg
    assert "apt-get install libharfbuzz-subset0" in warning.hint
    assert "make setup" in warning.hint
    assert check_ids() >= {"reports.W001"}
    assert "reports.W002" not in check_ids()


def test_no_chinese_font_is_a_warning(monkeypatch):
    monkeypatch.setattr(checks, "harfbuzz_subset_available", lambda: True)
    monkeypatch.setattr(checks, "chinese_font_families", lambda: set())
    [warning] = checks.pdf_chinese_fonts(None)
    assert warning.id == "reports.W002"
    assert "中文字体" in warning.msg
    assert "fonts-noto-cjk" in warning.hint
    assert check_ids() >= {"reports.W002"}
    assert "reports.W001" not in check_ids()


def test_nothing_to_say_when_both_are_there(monkeypatch):
    monkeypatch.setattr(checks, "harfbuzz_subset_available", lambda: True)
    monkeypatch.setattr(checks, "chinese_font_families", lambda: {"Noto Serif CJK SC"})
    assert not check_ids() & {"reports.W001", "reports.W002"}


def test_subsetting_is_detected_as_weasyprint_detects_it():
    from weasyprint.text.ffi import harfbuzz, harfbuzz_subset

    expected = harfbuzz_subset is not None and bool(harfbuzz.hb_version_atleast(4, 1, 0))
    assert checks.harfbuzz_subset_available() is expected


@pytest.mark.skipif(shutil.which("fc-list") is None, reason="fc-list 未安装")
def test_chinese_fonts_are_the_ones_fc_list_lists():
    listed = subprocess.run(
        ["fc-list", ":lang=zh", "family"], capture_output=True, text=True, check=True
    ).stdout
    assert checks.chinese_font_families() == {
        line.split(",")[0] for line in listed.splitlines() if line.strip()
    }


def faces_of(**tiers):
    """Each role's face as the check sees it: {"body": "official"|"free"|"last_resort"|None}."""
    found = {}
    for role in fonts.ROLES:
        tier = tiers.get(role.key, fonts.OFFICIAL)
        if tier is None:
            found[role.key] = None
            continue
        family = {fonts.OFFICIAL: role.official, fonts.FREE: role.free}.get(tier, ("Noto",))[0]
        found[role.key] = fonts.Face(role, family, tier, "/fonts/x.ttf", 0)
    return found


def test_the_check_names_the_face_of_each_role(monkeypatch):
    monkeypatch.setattr(fonts, "faces", lambda: faces_of(body=fonts.FREE))
    [info] = checks.report_faces(None)
    assert isinstance(info, Info)
    assert info.id == "reports.I001"
    assert info.msg == (
        "PDF 报告字体——正文（仿宋）：FandolFang（免费替代字体）；标题（小标宋）：方正小标宋简体（公文字体）；"
        "一级标题（黑体）：黑体（公文字体）；二级标题（楷体）：楷体_GB2312（公文字体）。"
    )


def test_a_body_in_a_last_resort_face_or_a_role_without_one_is_a_warning(monkeypatch):
    monkeypatch.setattr(fonts, "faces", lambda: faces_of(body=fonts.LAST_RESORT, kai=None))
    info, body, kai = checks.report_faces(None)
    assert "正文（仿宋）：Noto（应急字体）" in info.msg
    assert "二级标题（楷体）：无" in info.msg
    assert (body.id, kai.id) == ("reports.W003", "reports.W003")
    assert body.msg.startswith("PDF 报告的正文（仿宋）只能用应急字体 Noto，字体风格不符合公文要求")
    assert "FandolFang" in body.msg
    assert kai.msg.startswith("PDF 报告的二级标题（楷体）没有可用的字体")
    assert "REPORT_FONT_DIRS" in body.hint
    assert "make system-packages" in kai.hint
    assert "reports.W003" in check_ids()


def test_no_chinese_face_at_all_is_left_to_the_other_warning(monkeypatch):
    monkeypatch.setattr(fonts, "faces", lambda: dict.fromkeys(r.key for r in fonts.ROLES))
    assert checks.report_faces(None) == []


def test_a_role_gets_the_first_of_its_faces_that_is_installed_in_its_weight():
    installed = [
        fonts.FontFile(("Noto Serif CJK SC",), "/n-regular.ttc", 2, 80),
        fonts.FontFile(("Noto Serif CJK SC",), "/n-bold.ttc", 2, 200),
        fonts.FontFile(("FandolFang", "FandolFang R"), "/fandol.otf", 0, 80),
        fonts.FontFile(("AR PL UKai CN",), "/ukai.ttc", 0, 80),
    ]
    body = fonts.resolve(fonts.BODY, installed)
    assert (body.family, body.tier, body.path) == ("FandolFang", fonts.FREE, "/fandol.otf")
    title = fonts.resolve(fonts.TITLE, installed)
    assert (title.family, title.tier, title.path) == (
        "Noto Serif CJK SC",
        fonts.FREE,
        "/n-bold.ttc",
    )
    # Names compare as fontconfig compares them.
    installed.append(fonts.FontFile(("fangsong_gb2312",), "/fs.ttf", 0, 80))
    body = fonts.resolve(fonts.BODY, installed)
    assert (body.family, body.tier, body.path) == ("FangSong_GB2312", fonts.OFFICIAL, "/fs.ttf")
    assert fonts.resolve(fonts.HEI, installed[2:]) is None


def test_fontconfig_is_given_the_font_folders_and_the_official_names_stand_ins(settings):
    configuration = fonts.fontconfig_file(["/srv/fonts"], "fonts.conf")
    assert '<include ignore_missing="yes">fonts.conf</include>' in configuration
    assert "<dir>/srv/fonts</dir>" in configuration
    assert (
        '<alias binding="same"><family>仿宋_GB2312</family>'
        "<accept><family>FandolFang</family></accept></alias>"
    ) in configuration
    assert (
        '<alias binding="same"><family>方正小标宋简体</family>'
        "<accept><family>Noto Serif CJK SC</family></accept></alias>"
    ) in configuration
    # This process reads it, with the settings' folders.
    in_use = Path(os.environ["FONTCONFIG_FILE"]).read_text(encoding="utf-8")
    for folder in settings.REPORT_FONT_DIRS:
        assert f"<dir>{Path(folder).resolve()}</dir>" in in_use


@pytest.mark.skipif(
    not list(Path(settings.BASE_DIR, "fonts").glob("*/FandolFang-Regular.otf")),
    reason="FandolFang 未安装（make system-packages）",
)
def test_fandol_fang_from_the_fonts_folder_sets_the_body():
    assert fonts.faces()["body"].family == "FandolFang"
    assert fonts.faces()["body"].path.startswith(str(Path(settings.BASE_DIR, "fonts")))
