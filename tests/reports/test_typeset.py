"""Where the print document breaks lines and titles, and how it justifies them."""

import pytest

from reports.typeset import (
    BODY_SIZE,
    GRID_SPACING,
    MEASURE,
    Piece,
    advance,
    break_lines,
    split_title,
    title_lines,
)


def set_width(line) -> float:
    """The line as WeasyPrint sets it: every glyph's advance and, between them, the line's
    letter-spacing."""
    chars = [(c, style) for text, style in line.segments for c in text]
    width = sum(advance(c, style, BODY_SIZE) for c, style in chars)
    return line.indent + width + (len(chars) - 1) * line.spacing


def test_full_lines_are_justified_to_the_measure_and_the_last_keeps_the_grid():
    text = "家庭创建有成果先进培育有典范合法权益有保障。" * 6
    lines = break_lines([Piece(text)], indent=31.58)
    assert len(lines) == 5
    assert [line.indent for line in lines] == [31.58, 0, 0, 0, 0]
    for line in lines[:-1]:
        assert set_width(line) == pytest.approx(MEASURE, abs=0.01)
    assert lines[-1].last
    assert lines[-1].spacing == GRID_SPACING
    assert "".join(line.text for line in lines) == text


def test_a_closing_mark_never_starts_a_line_nor_an_opening_mark_ends_one():
    # 27 characters, then "二。": the full stop would open line 2, so 二 goes down with it.
    lines = break_lines([Piece("一" * 27 + "二。三三")])
    assert [line.text for line in lines] == ["一" * 27, "二。三三"]
    assert lines[0].spacing > GRID_SPACING

    lines = break_lines([Piece("一" * 27 + "“二三”四")])
    assert [line.text for line in lines] == ["一" * 27, "“二三”四"]


def test_a_figure_stays_whole_with_the_quote_it_counts_and_its_punctuation():
    pieces = [Piece("一" * 20 + "“最美家庭”"), Piece("37.28万元", figure=True), Piece("，二")]
    lines = break_lines(pieces)
    assert [line.text for line in lines] == ["一" * 20 + "“最美家", "庭”37.28万元，二"]


def test_a_number_keeps_its_digits_and_its_measure_word():
    for text in ("2021年", "400余名", "3万元", "12338热线"):
        head = "一" * 26
        lines = break_lines([Piece(head + text)])
        glued = text[: len(text) - 1] if text == "12338热线" else text
        assert lines[0].text == head, text
        assert lines[1].text.startswith(glued), text


def test_dashes_and_ellipses_are_never_split():
    lines = break_lines([Piece("一" * 27 + "——二")])
    assert [line.text for line in lines] == ["一" * 27, "——二"]


def test_runs_keep_their_styles_across_lines():
    lines = break_lines([Piece("（一）家庭创建有成果。", "kai"), Piece("荣获" * 12)], indent=31.58)
    assert lines[0].segments == [("（一）家庭创建有成果。", "kai"), ("荣获" * 7 + "荣", "body")]
    assert lines[1].segments == [("获" + "荣获" * 4, "body")]


def test_the_default_title_breaks_after_its_conjunction():
    assert title_lines("测试区妇联2023年工作情况和2024年主要工作打算汇报") == (
        "测试区妇联2023年工作情况和",
        "2024年主要工作打算汇报",
    )


def test_a_short_title_keeps_one_line():
    assert title_lines("测试区妇联工作汇报") == ("测试区妇联工作汇报",)


def test_a_title_with_no_break_of_meaning_is_split_evenly_without_splitting_a_number():
    lines = title_lines("测试县妇女联合会加强基层组织建设推进工作汇报材料二〇二四")
    assert "".join(lines) == "测试县妇女联合会加强基层组织建设推进工作汇报材料二〇二四"
    assert [len(line) for line in lines] == [14, 14]


def test_a_long_title_takes_three_even_lines():
    title = "测试县妇联关于开展寻访活动的通知" * 3
    lines = title_lines(title)
    assert "".join(lines) == title
    assert len(lines) == 3
    assert max(map(len, lines)) <= 20


def test_the_writer_sets_the_break_with_a_bar():
    assert split_title("测试区妇联2023年工作情况|和2024年主要工作打算汇报") == (
        "测试区妇联2023年工作情况和2024年主要工作打算汇报",
        ("测试区妇联2023年工作情况", "和2024年主要工作打算汇报"),
    )
    assert split_title("测试区妇联｜工作汇报") == ("测试区妇联工作汇报", ("测试区妇联", "工作汇报"))
    assert split_title("测试区妇联工作汇报") == ("测试区妇联工作汇报", ())
