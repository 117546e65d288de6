"""Chinese lines for the PDF: where a paragraph may break, how many characters each line
holds, and how much space goes between them so that the line fills the measure.

WeasyPrint justifies a line by widening its spaces only, and Chinese text has none, so the
print document breaks its paragraphs itself and gives each line the letter-spacing that
makes it exactly as wide as the text block (W3C's "Requirements for Chinese Text Layout",
clreq: inter-character justification). The rules:

- no line starts with a closing mark (。，、；：？！”）》 …) nor ends with an opening one;
- a figure stays whole, with its unit ("37.28万元"), the quote before it ("最美家庭”3户")
  and the punctuation after it; a number in the text keeps its digits and the character
  after them ("2021年"); "——" and "……" are never split;
- a line that would end one closing mark too wide takes it in by tightening the line
  (clreq's punctuation squeeze) rather than pushing a character down;
- a paragraph's last line keeps the grid's own spacing and is not stretched.

Widths are the advances of the faces the roles got (`reports.fonts`), read from the same
font files that WeasyPrint embeds.
"""

import math
import re
import unicodedata
from dataclasses import dataclass, field

from reports import fonts

MM = 72 / 25.4
MEASURE = 156 * MM  # the text block's width, in points
BODY_SIZE = 16.0  # 3号
TITLE_SIZE = 22.0  # 2号
# 28 characters of 16 pt are 448 pt but the measure is 442.2 pt: every character of a
# paragraph's last line gives back 0.21 pt, so that its characters sit on the grid.
GRID_SPACING = round((MEASURE - 28 * BODY_SIZE) / 28, 2)

NO_START = set("。，、；：？！）》」』】〕〉］｝”’…·～%‰℃.,;:?!)]}")
NO_END = set("（《「『【〔〈［｛“‘([{")
# A closing mark whose glyph leaves half its em blank: a line may squeeze it in.
SQUEEZABLE = set("。，、；：？！）》」』】〕〉”’")
QUOTES = set("”’")
# Multipliers and approximations that belong to the number before them: 3万元, 400余名.
NUMBER_SUFFIXES = set("万亿千百余多")
NUMBER = re.compile(r"[0-9０-９]+(?:[.,．][0-9０-９]+)*%?")
WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
NEVER_SPLIT = ("——", "……")

ROLE_OF_STYLE = {
    "body": fonts.BODY,
    "problem": fonts.BODY,
    "kai": fonts.KAI,
    "hei": fonts.HEI,
    "title": fonts.TITLE,
}


@dataclass(frozen=True)
class Piece:
    """A run of a paragraph: its text, its style (a key of ROLE_OF_STYLE) and whether it is
    a figure, which is never broken."""

    text: str
    style: str = "body"
    figure: bool = False


@dataclass
class Line:
    # (text, style), the runs of the line in order
    segments: list[tuple[str, str]] = field(default_factory=list)
    spacing: float = GRID_SPACING  # letter-spacing, in points
    indent: float = 0.0  # points
    last: bool = False

    @property
    def text(self) -> str:
        return "".join(text for text, _ in self.segments)


@dataclass
class _Unit:
    char: str
    style: str
    width: float
    break_after: bool = True


def advance(char: str, style: str, size: float) -> float:
    """The width of `char` in the face of `style`, in points."""
    face = fonts.faces().get(ROLE_OF_STYLE[style].key)
    em = face.advance(char) if face is not None else None
    if em is None:
        em = 1.0 if unicodedata.east_asian_width(char) in "WF" else 0.5
    return em * size


def _units(pieces: list[Piece], size: float) -> list[_Unit]:
    units: list[_Unit] = []
    for piece in pieces:
        start = len(units)
        units += [_Unit(c, piece.style, advance(c, piece.style, size)) for c in piece.text]
        if piece.figure and piece.text:
            for unit in units[start:-1]:
                unit.break_after = False
            # The quote the figure counts: 全省“最美家庭”3户.
            if start and units[start - 1].char in QUOTES:
                units[start - 1].break_after = False
    text = "".join(unit.char for unit in units)
    for pattern in (NUMBER, WORD):
        for match in pattern.finditer(text):
            for unit in units[match.start() : match.end() - 1]:
                unit.break_after = False
            if pattern is NUMBER:
                _glue_unit_word(units, match.end())
    for dash in NEVER_SPLIT:
        for match in re.finditer(re.escape(dash), text):
            units[match.start()].break_after = False
    for i, unit in enumerate(units[:-1]):
        following = units[i + 1].char
        if unit.char in NO_END or following in NO_START or following.isspace():
            unit.break_after = False
    return units


def _glue_unit_word(units: list[_Unit], end: int) -> None:
    """Keep a number with the word that measures it: 2021年, 3万元, 400余名."""
    position = end
    while position < len(units):
        char = units[position].char
        if not _is_ideograph(char):
            return
        units[position - 1].break_after = False
        if char not in NUMBER_SUFFIXES:
            return
        position += 1


def _is_ideograph(char: str) -> bool:
    return unicodedata.category(char) == "Lo" and unicodedata.east_asian_width(char) == "W"


def _atoms(units: list[_Unit]) -> list[list[_Unit]]:
    atoms, current = [], []
    for unit in units:
        current.append(unit)
        if unit.break_after:
            atoms.append(current)
            current = []
    if current:
        atoms.append(current)
    return atoms


def _width(units: list[_Unit]) -> float:
    return sum(unit.width for unit in units)


def break_lines(
    pieces: list[Piece],
    *,
    measure: float = MEASURE,
    indent: float = 0.0,
    size: float = BODY_SIZE,
) -> list[Line]:
    """A paragraph as justified lines; the first is indented by `indent` points."""
    units = _units([p for p in pieces if p.text], size)
    if not units:
        return [Line(indent=indent, last=True)]
    atoms = []
    for atom in _atoms(units):
        # An atom wider than a line (a long number or word) is split where it must be.
        atoms += [[unit] for unit in atom] if _width(atom) > measure - indent else [atom]
    lines: list[list[_Unit]] = []
    current: list[_Unit] = []
    width = 0.0  # of `current`, its characters' advances only
    for atom in atoms:
        available = measure - (indent if not lines else 0.0)
        atom_width = _width(atom)
        # Set on the grid: the advances, and the grid's spacing between characters.
        set_width = width + atom_width + (len(current) + len(atom) - 1) * GRID_SPACING
        overflow = set_width - available
        squeezable = atom[-1].char in SQUEEZABLE and overflow <= size / 2 and len(current) > 8
        if not current or overflow <= 0.5 or squeezable:
            current += atom
            width += atom_width
        else:
            lines.append(current)
            current, width = list(atom), atom_width
    lines.append(current)
    return [
        _line(
            units, measure - (indent if n == 0 else 0.0), indent if n == 0 else 0.0, n, len(lines)
        )
        for n, units in enumerate(_trim(line) for line in lines)
    ]


def _trim(units: list[_Unit]) -> list[_Unit]:
    while units and units[-1].char.isspace():
        units = units[:-1]
    while units and units[0].char.isspace():
        units = units[1:]
    return units


def _line(units: list[_Unit], available: float, indent: float, n: int, count: int) -> Line:
    segments: list[tuple[str, str]] = []
    for unit in units:
        if segments and segments[-1][1] == unit.style:
            segments[-1] = (segments[-1][0] + unit.char, unit.style)
        else:
            segments.append((unit.char, unit.style))
    last = n == count - 1
    spacing = GRID_SPACING
    if not last and len(units) > 1:
        spacing = (available - _width(units)) / (len(units) - 1)
    return Line(segments, round(spacing, 4), indent, last)


TITLE_MARKS = "|｜"
# Where a title's meaning allows a break, best first: after a conjunction or before a
# year or "关于"; after "的" only when nothing better fits.
TITLE_BREAKS = (
    re.compile(r"(?<=[和及与暨、，])|(?=\d{4}年)|(?=关于)"),
    re.compile(r"(?<=的)"),
)
TITLE_MEASURE_EMS = 20  # 156 mm of 22 pt characters


def split_title(title: str) -> tuple[str, tuple[str, ...]]:
    """The title without the writer's line-break marks, and its lines if they set any."""
    lines = tuple(part.strip() for part in re.split(f"[{TITLE_MARKS}]", title) if part.strip())
    return "".join(lines), lines if len(lines) > 1 else ()


def title_width(text: str) -> float:
    """A title's width in ems as the official faces set it: full-width characters one em,
    the others half, so that the PDF and the Word file break it alike."""
    return sum(1.0 if unicodedata.east_asian_width(c) in "WF" else 0.5 for c in text)


def title_lines(title: str, measure: float = TITLE_MEASURE_EMS) -> tuple[str, ...]:
    """A title too long for one line, broken where the meaning allows (GB/T 9704 §7.3.3):
    of the best kind of break that leaves both lines within the measure, the one that
    makes them most even. A title that needs three lines fills each but the last."""
    if title_width(title) <= measure:
        return (title,)
    meaningful = []
    for pattern in TITLE_BREAKS:
        positions = [m.start() for m in pattern.finditer(title) if _allowed(title, m.start())]
        two_lines = [
            at for at in positions if _fits(title[:at], measure) and _fits(title[at:], measure)
        ]
        if two_lines:
            return _most_even(title, two_lines)
        meaningful += [at for at in positions if _fits(title[:at], measure)]
    units = _units([Piece(title, "title")], TITLE_SIZE)
    anywhere = [i + 1 for i, unit in enumerate(units[:-1]) if unit.break_after]
    two_lines = [at for at in anywhere if _fits(title[:at], measure) and _fits(title[at:], measure)]
    if two_lines:
        return _most_even(title, two_lines)
    fitting = meaningful or [at for at in anywhere if _fits(title[:at], measure)]
    if not fitting:
        return (title,)
    # As many lines as it takes, the first about as long as each of the others.
    target = title_width(title) / math.ceil(title_width(title) / measure)
    at = min(fitting, key=lambda at: abs(title_width(title[:at]) - target))
    return (title[:at], *title_lines(title[at:], measure))


def _allowed(title: str, at: int) -> bool:
    return 0 < at < len(title) and title[at - 1] not in NO_END and title[at] not in NO_START


def _fits(text: str, measure: float) -> bool:
    return title_width(text) <= measure


def _most_even(title: str, positions: list[int]) -> tuple[str, str]:
    at = min(positions, key=lambda at: abs(title_width(title[:at]) - title_width(title[at:])))
    return title[:at], title[at:]
