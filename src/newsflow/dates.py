"""Calendar dates in news text: month and weekday names, full printed dates, metadata date
strings, and the plausibility rule for a publication date (shared by parse and timex)."""

from __future__ import annotations

import calendar
import email.utils
import re
from datetime import date, timedelta
from urllib.parse import urlsplit

from newsflow.settings import Settings

_MONTHS = "january february march april may june july august september october november december"
MONTH_NUMBERS = {
    **{name: number for number, name in enumerate(_MONTHS.split(), start=1)},
    **{name[:3]: number for number, name in enumerate(_MONTHS.split(), start=1)},
    "sept": 9,
}
MONTH_NAMES = (
    r"January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec"
)


def _month(n: int) -> str:
    return rf"(?P<month{n}>{MONTH_NAMES})\.?"


def _day(n: int) -> str:
    return rf"(?P<day{n}>\d{{1,2}})(?:st|nd|rd|th)?"


def _year(n: int) -> str:
    return rf"(?P<year{n}>(?:1[89]|20)\d{{2}})"


_WEEKDAY = r"(?:(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs?)?|Fri|Sat(?:ur)?|Sun)(?:day)?\.?,?\s+)?"
_TIME = (
    r"(?:\s*(?:,|at|-|–|\|)?\s*\d{1,2}[:.]\d{2}(?::\d{2})?(?:\s*[ap]\.?m\.?)?"
    r"(?:\s*\(?[A-Z]{2,4}(?:[+-]\d{1,2})?\)?)?)?"
)
# A full date with a year, in the forms news pages print: "January 16th, 2024", "16 May, 2024",
# "Saturday, May 18, 2024", "2024-01-15", optionally followed by a time.
FULL_DATE = re.compile(
    rf"(?i:{_WEEKDAY}(?:{_month(1)}\s+{_day(1)},?\s+{_year(1)}"
    rf"|{_day(2)}(?:\s+of)?\s+{_month(2)},?\s+{_year(2)}"
    rf"|(?P<year3>\d{{4}})-(?P<month3>\d{{2}})-(?P<day3>\d{{2}})){_TIME})"
)
MONTH_DAY = re.compile(rf"(?i:{_month(1)}\s+{_day(1)}|{_day(2)}\s+{_month(2)})")
_ISO_PREFIX = re.compile(r"\s*(\d{4})-(\d{2})-(\d{2})")
_DD_MON_YYYY = re.compile(r"\s*(\d{1,2})-([A-Za-z]{3,9})-(\d{4})")


# A date in a URL path as CMSs write permalinks: /2024/01/18/, /2024/1/8/, /2024-01-18-, /20240118
_URL_DATE = re.compile(
    r"(?<!\d)(?P<y>(?:19|20)\d{2})(?:/(?P<m>\d{1,2})/(?P<d>\d{1,2})"
    r"|-(?P<m2>\d{2})-(?P<d2>\d{2})|(?P<m3>\d{2})(?P<d3>\d{2}))(?!\d)"
)

WEEKDAYS = {calendar.day_name[i].lower(): i for i in range(7)}


def month_end(year: int, month: int) -> date:
    """The last day of the month."""
    return date(year, month, calendar.monthrange(year, month)[1])


def safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def date_from_match(match: re.Match[str]) -> date | None:
    groups = match.groupdict()
    for n in ("1", "2", "3"):
        if groups.get(f"year{n}"):
            month = groups[f"month{n}"]
            number = int(month) if month.isdigit() else MONTH_NUMBERS[month.casefold()]
            return safe_date(int(groups[f"year{n}"]), number, int(groups[f"day{n}"]))
    return None


def date_in_text(text: str) -> date | None:
    """The first full date (with a year) printed in `text`, e.g. "January 16th, 2024"."""
    match = FULL_DATE.search(text)
    return date_from_match(match) if match else None


def parse_date_value(value: str | None) -> date | None:
    """A date from a metadata string: ISO 8601, `26-FEB-1987 15:01:01.79`, RFC 2822, or prose."""
    if not value or not value.strip():
        return None
    if match := _ISO_PREFIX.match(value):
        return safe_date(int(match[1]), int(match[2]), int(match[3]))
    if (match := _DD_MON_YYYY.match(value)) and match[2].casefold() in MONTH_NUMBERS:
        return safe_date(int(match[3]), MONTH_NUMBERS[match[2].casefold()], int(match[1]))
    try:
        return email.utils.parsedate_to_datetime(value).date()
    except (TypeError, ValueError, IndexError):
        return date_in_text(value)


def date_in_url(url: str | None) -> date | None:
    """The first valid year-month-day in a URL's path ("/2024/01/18/talks"), None without one."""
    if not url:
        return None
    try:
        path = urlsplit(url).path
    except ValueError:
        return None
    for match in _URL_DATE.finditer(path):
        month = match["m"] or match["m2"] or match["m3"]
        day = match["d"] or match["d2"] or match["d3"]
        found = safe_date(int(match["y"]), int(month), int(day))
        if found is not None:
            return found
    return None


def year_for(month: int, day: int, reference: date | None) -> date | None:
    """A year-less date ("Jan 15") placed in the year of `reference`, or the year before it."""
    if reference is None:
        return None
    guess = safe_date(reference.year, month, day)
    if guess is not None and guess > reference + timedelta(days=60):
        guess = safe_date(reference.year - 1, month, day)
    return guess


def plausible_published(
    value: date | None, crawl_date: date | None, settings: Settings, today: date
) -> bool:
    if value is None or value.year < settings.thresholds.min_published_year or value > today:
        return False
    latest = (
        crawl_date + timedelta(days=settings.thresholds.max_days_after_crawl)
        if crawl_date
        else None
    )
    return latest is None or value <= latest
