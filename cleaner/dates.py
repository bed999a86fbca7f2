"""Date parsing for the forms scraped pages print (Chinese, ISO, and day- or month-first with month names in
nine languages); output is ISO 8601 or None."""
from __future__ import annotations

from functools import lru_cache

import regex

from .hanzi import both_scripts

MONTHS = {m: i for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], start=1)}

NUMERIC = regex.compile(both_scripts(
    r"(?<!\d)((?:19|20)\d\d)\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?"
    r"(?:\s*(?:T|\s)?\s*(\d{1,2})[:：时](\d{2})(?:[:：分](\d{2}))?)?"
))
MONTH_FIRST = regex.compile(
    r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+((?:19|20)\d\d)\b",
    regex.IGNORECASE,
)
DAY_FIRST = regex.compile(
    r"\b(\d{1,2})(?:st|nd|rd|th)?\s+(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?,?\s+((?:19|20)\d\d)\b",
    regex.IGNORECASE,
)


def _iso(year, month, day, hour=None, minute=None, second=None) -> str | None:
    year, month, day = int(year), int(month), int(day)
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    date = f"{year:04d}-{month:02d}-{day:02d}"
    if hour is None or int(hour) > 23 or int(minute) > 59:
        return date
    return f"{date}T{int(hour):02d}:{int(minute):02d}:{int(second or 0):02d}"


def _cased(text: str) -> bool:
    """Whether `text` holds a letter that has a case, as every month name does: without one, no pattern that needs a
    month name is searched (a CJK or numeric line)."""
    return text.lower() != text.upper()


# A page's rules ask these of the same lines (its bylines, headings, list entries and dates) several times over, and
# pages repeat their date lines: the answers are kept for the lines last asked about.
@lru_cache(maxsize=4096)
def find_date(text: str) -> str | None:
    """The first date in `text` as ISO 8601 (with the time when given).

    >>> find_date("发布时间：2024年6月27日 09:30")
    '2024-06-27T09:30:00'
    >>> find_date("Published June 27, 2024")
    '2024-06-27'
    >>> find_date("第3页") is None
    True
    """
    if "19" not in text and "20" not in text:  # every pattern needs a year: skip three searches
        return None
    found = []
    for pattern in (NUMERIC, MONTH_FIRST, DAY_FIRST) if _cased(text) else (NUMERIC,):
        match = pattern.search(text, None, None, None, False, 1.0)  # the timeout by position: 2 µs less a call
        if match:
            found.append((match.start(), pattern, match.groups()))
    for _, pattern, groups in sorted(found, key=lambda f: f[0]):
        if pattern is NUMERIC:
            value = _iso(*groups)
        elif pattern is MONTH_FIRST:
            value = _iso(groups[2], MONTHS[groups[0].lower()[:3]], groups[1])
        else:
            value = _iso(groups[2], MONTHS[groups[1].lower()[:3]], groups[0])
        if value:
            return value
    return None


MONTH_NAMES = {
    1: "jan january januar janvier enero gennaio janeiro januari stycznia", 2: "feb february februar février fevrier febrero febbraio fevereiro februari lutego",
    3: "mar march märz maerz mars marzo março maart marca", 4: "apr april avril abril aprile kwietnia",
    5: "may mai mayo maggio maio mei maja", 6: "jun june juni juin junio giugno junho czerwca",
    7: "jul july juli juillet julio luglio julho lipca", 8: "aug august août aout agosto augustus sierpnia",
    9: "sep sept september septembre septiembre settembre setembro września",
    10: "oct october oktober octobre octubre ottobre outubro okt października",
    11: "nov november novembre noviembre novembro listopada", 12: "dec december dezember décembre decembre diciembre dicembre dezembro dez grudnia",
}
# Russian and Ukrainian, in the genitive a date takes ("15 августа 2016", "15 серпня 2016")
MONTH_NAMES_CYRILLIC = ("января січня", "февраля лютого", "марта березня", "апреля квітня", "мая травня", "июня червня",
                        "июля липня", "августа серпня", "сентября вересня", "октября жовтня", "ноября листопада", "декабря грудня")
MONTH_OF = {name: number for number, names in MONTH_NAMES.items() for name in names.split()}
MONTH_OF.update({name: number for number, names in enumerate(MONTH_NAMES_CYRILLIC, start=1) for name in names.split()})
MONTH_WORD = "|".join(sorted(map(regex.escape, MONTH_OF), key=len, reverse=True))
DAY_MONTH_YEAR = regex.compile(rf"(?<!\d)(\d{{1,2}})\.?\s*(?:de\s+)?({MONTH_WORD})\.?,?\s+(?:de\s+)?((?:19|20)\d\d)(?!\d)", regex.IGNORECASE)
MONTH_DAY_YEAR = regex.compile(rf"\b({MONTH_WORD})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+((?:19|20)\d\d)(?!\d)", regex.IGNORECASE)
DOTTED = regex.compile(r"(?<![\d.])(\d{1,2})\.(\d{1,2})\.((?:19|20)\d\d)(?![\d.])")
SLASHED = regex.compile(r"(?<![\d/])(\d{1,2})/(\d{1,2})/((?:19|20)\d\d)(?![\d/])")


@lru_cache(maxsize=4096)
def any_date(text: str) -> str | None:
    """The first date in `text` in any of the forms pages print: ISO and Chinese (2024-06-27, 2024年6月27日),
    day-first (27.06.2024, 27. Juni 2024, 27 de junio de 2024), month-first (June 27, 2024, 06/27/2024)."""
    if "19" not in text and "20" not in text:  # every pattern needs a year
        return None
    found = []
    iso = find_date(text)
    if iso:
        found.append((text.find(iso[:4]), iso))
    cased = _cased(text)
    for pattern, needs in ((DAY_MONTH_YEAR, cased), (MONTH_DAY_YEAR, cased), (DOTTED, "." in text), (SLASHED, "/" in text)):
        match = needs and pattern.search(text, None, None, None, False, 1.0)
        if not match:
            continue
        a, b, year = match.groups()
        if pattern is DAY_MONTH_YEAR:
            day, month = int(a), MONTH_OF.get(b.lower())
        elif pattern is MONTH_DAY_YEAR:
            day, month = int(b), MONTH_OF.get(a.lower())
        elif pattern is SLASHED and int(a) <= 12 < int(b):
            day, month = int(b), int(a)  # 06/27/2024
        else:
            day, month = int(a), int(b)
        if month and 1 <= month <= 12 and 1 <= day <= 31:
            found.append((match.start(), f"{year}-{month:02d}-{day:02d}"))
    return min(found)[1] if found else None


WEEKDAYS = (
    "monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat sun "
    "montag dienstag mittwoch donnerstag freitag samstag sonntag lundi mardi mercredi jeudi vendredi samedi dimanche "
    "lunes martes miércoles jueves viernes sábado domingo lunedì martedì mercoledì giovedì venerdì sabato domenica "
    "segunda terça quarta quinta sexta feira"
)
# What may stand beside a date on a line that says nothing else: month and weekday names, times ("8:03 am",
# "11:28 AMT", "um 14.30 Uhr"), time zones, and the little words and marks that join them.
DATE_FURNITURE = regex.compile(both_scripts(
    rf"\b(?:{MONTH_WORD}|{WEEKDAYS.replace(' ', '|')})\b\.?|\d{{1,2}}[:.h]\d{{2}}(?:[:.]\d{{2}})?|\d+(?:st|nd|rd|th)?"
    r"|\b(?:[ap]\.?m\.?|uhr|at|um|à|de|del|alle|às|gmt|utc|(?-i:[A-Z]{2,4}))\b|(?<=\d)[TZ]|[年月日时分秒号]|星期.|周.|[上下]午"
    r"|[\s,.|·•/()+\-–—:：]"),
    regex.IGNORECASE,
)


@lru_cache(maxsize=4096)
def date_only(text: str) -> bool:
    """A line that holds a full date and nothing else but its time, zone and weekday:
    "Nov. 19, 2019 8:03 am ET", "Mittwoch, 20. November 2019", "2019年11月20日 星期三 10:28"."""
    return len(text) <= 60 and any_date(text) is not None and not DATE_FURNITURE.sub("", text, timeout=1.0)
