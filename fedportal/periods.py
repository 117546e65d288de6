"""The periods figures are computed for: a year by default, or a half, a quarter, a month, or
any span of dates. Federations write 上半年 summaries as often as yearly reports.

A period is written in URLs, commands and placeholders as `2021` (the year), `2021H1`
(上半年), `2021Q3` (第三季度), `2021M05` (5月) or `2021-01-01..2021-03-31`.
"""

import re
from dataclasses import dataclass
from datetime import date, timedelta

from fedportal.models import FIRST_YEAR, LAST_YEAR

QUARTER_NAMES = "一二三四"
_FORMS = re.compile(
    r"(?P<year>\d{4})(?:(?P<half>H[12])|(?P<quarter>Q[1-4])|M(?P<month>0?[1-9]|1[0-2]))?"
)
_SPAN = re.compile(r"(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})")


class PeriodError(ValueError):
    """A period written in a way that names no period; the message is for the user."""


def _last_day(year: int, month: int) -> date:
    following = date(year + 1, 1, 1) if month == 12 else date(year, month + 1, 1)
    return following - timedelta(days=1)


@dataclass(frozen=True, order=True)
class Period:
    start: date
    end: date

    @classmethod
    def year_of(cls, year: int) -> "Period":
        return cls(date(year, 1, 1), date(year, 12, 31))

    @classmethod
    def half(cls, year: int, half: int) -> "Period":
        return (
            cls(date(year, 1, 1), date(year, 6, 30))
            if half == 1
            else cls(date(year, 7, 1), date(year, 12, 31))
        )

    @classmethod
    def quarter(cls, year: int, quarter: int) -> "Period":
        first = 3 * quarter - 2
        return cls(date(year, first, 1), _last_day(year, first + 2))

    @classmethod
    def month(cls, year: int, month: int) -> "Period":
        return cls(date(year, month, 1), _last_day(year, month))

    @classmethod
    def of(cls, value) -> "Period":
        """A Period from a Period, a year (int) or the written forms above."""
        if isinstance(value, Period):
            return value
        if isinstance(value, int) and not isinstance(value, bool):
            return cls.year_of(value)
        return cls.parse(str(value))

    @classmethod
    def parse(cls, text: str) -> "Period":
        text = text.strip()
        span = _SPAN.fullmatch(text)
        if span:
            try:
                start, end = (date.fromisoformat(part) for part in span.groups())
            except ValueError:
                raise PeriodError(f"“{text}”中的日期无效。") from None
            if end < start:
                raise PeriodError(f"“{text}”的结束日期早于开始日期。")
            period = cls(start, end)
        else:
            match = _FORMS.fullmatch(text.upper())
            if not match:
                raise PeriodError(
                    f"“{text}”不是有效的期间：可写 2021（全年）、2021H1（上半年）、2021Q3（第三季度）、"
                    "2021M05（5月）或 2021-01-01..2021-06-30。"
                )
            year = int(match["year"])
            if match["half"]:
                period = cls.half(year, int(match["half"][1]))
            elif match["quarter"]:
                period = cls.quarter(year, int(match["quarter"][1]))
            elif match["month"]:
                period = cls.month(year, int(match["month"]))
            else:
                period = cls.year_of(year)
        if not (period.start.year >= FIRST_YEAR and period.end.year <= LAST_YEAR):
            raise PeriodError(f"期间应在{FIRST_YEAR}年至{LAST_YEAR}年之间。")
        return period

    @property
    def year(self) -> int:
        """The year the period lies in (its first year, for a span across years)."""
        return self.start.year

    @property
    def is_year(self) -> bool:
        return self.start == date(self.year, 1, 1) and self.end == date(self.year, 12, 31)

    def _is_half(self) -> int | None:
        for half in (1, 2):
            if self == Period.half(self.year, half):
                return half
        return None

    def _is_quarter(self) -> int | None:
        for quarter in range(1, 5):
            if self == Period.quarter(self.year, quarter):
                return quarter
        return None

    def _is_month(self) -> bool:
        return self.start.day == 1 and self == Period.month(self.year, self.start.month)

    @property
    def code(self) -> str:
        """The written form: 2021, 2021H1, 2021Q3, 2021M05 or a span of dates."""
        if self.is_year:
            return str(self.year)
        if half := self._is_half():
            return f"{self.year}H{half}"
        if quarter := self._is_quarter():
            return f"{self.year}Q{quarter}"
        if self._is_month():
            return f"{self.year}M{self.start.month:02d}"
        return f"{self.start.isoformat()}..{self.end.isoformat()}"

    @property
    def label(self) -> str:
        """The period as Chinese prose names it: 2021年, 2021年上半年, 2021年第三季度 …"""
        if self.is_year:
            return f"{self.year}年"
        if half := self._is_half():
            return f"{self.year}年{'上' if half == 1 else '下'}半年"
        if quarter := self._is_quarter():
            return f"{self.year}年第{QUARTER_NAMES[quarter - 1]}季度"
        if self._is_month():
            return f"{self.year}年{self.start.month}月"
        end = (
            f"{self.end.month}月{self.end.day}日"
            if self.end.year == self.start.year
            else f"{self.end.year}年{self.end.month}月{self.end.day}日"
        )
        return f"{self.year}年{self.start.month}月{self.start.day}日至{end}"

    def previous_year(self) -> "Period":
        """The same span a year earlier, for year-on-year comparison."""

        def back(day: date) -> date:
            try:
                return day.replace(year=day.year - 1)
            except ValueError:  # 29 February
                return day.replace(year=day.year - 1, day=28)

        if self.is_year:
            return Period.year_of(self.year - 1)
        if self._is_month():
            return Period.month(self.year - 1, self.start.month)
        return Period(back(self.start), back(self.end))

    def months(self) -> list[tuple[int, int]]:
        """(year, month) of every month the period touches, in order."""
        result, year, month = [], self.start.year, self.start.month
        while (year, month) <= (self.end.year, self.end.month):
            result.append((year, month))
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        return result

    def __str__(self):
        return self.label
