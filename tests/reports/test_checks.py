"""System checks for what the PDF report needs: HarfBuzz subsetting and a Chinese font."""

import shutil
import subprocess

import pytest
from django.core.checks import Warning, run_checks

from reports import checks


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
