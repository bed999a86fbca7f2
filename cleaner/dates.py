"""Date parsing for the Chinese and English forms scraped pages use; output is ISO 8601 or None."""
from __future__ import annotations

import regex

MONTHS = {m: i for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], start=1)}

NUMERIC = regex.compile(
    r"(?<!\d)((?:19|20)\d\d)\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?"
    r"(?:\s*(?:T|\s)?\s*(\d{1,2})[:：时](\d{2})(?:[:：分](\d{2}))?)?"
)
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


def find_date(text: str) -> str | None:
    """The first date in `text` as ISO 8601 (with the time when given).

    >>> find_date("发布时间：2024年6月27日 09:30")
    '2024-06-27T09:30:00'
    >>> find_date("Published June 27, 2024")
    '2024-06-27'
    >>> find_date("第3页") is None
    True
    """
    found = []
    for pattern in (NUMERIC, MONTH_FIRST, DAY_FIRST):
        match = pattern.search(text, timeout=1.0)
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
