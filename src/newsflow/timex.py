"""When an event happened: explicit and relative dates in a sentence, against the article's date.

Every result is a window `[lo, hi]`, the single `date` stored in the warehouse and its
`precision` (day, week, month or year): the day the phrase names, or the first day of the
period it names ("last week" -> that Monday, week; "earlier this month" -> the 1st, month;
"in 2020" -> 1 January 2020, year). The window lets the merge step match a vague report ("a
recent bombing", dated by its publication) with a precise one. The rule is documented with
`events.date_source` in docs/warehouse.md.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from datetime import date, timedelta

from newsflow.dates import MONTH_NUMBERS, WEEKDAYS, month_end, safe_date

MONTHS = MONTH_NUMBERS

_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d{2})"
EXPLICIT_PATTERNS = [
    re.compile(r"\b(?P<year>(?:19|20)\d{2})-(?P<mnum>\d{2})-(?P<day>\d{2})\b"),
    re.compile(rf"\b{_MONTH}\s+{_DAY}(?:,?\s+{_YEAR})?\b", re.IGNORECASE),
    re.compile(rf"\b{_DAY}(?:\s+of)?\s+{_MONTH}(?:,?\s+{_YEAR})?\b", re.IGNORECASE),
]
# "in 2020", "since 2021", "the 1997 election": a year alone (not part of a date or a number).
YEAR_ONLY = re.compile(
    r"(?<![\d,.$£€-])\b(?:in|since|during|of|by|from|until|early|late|mid)[\s-]+(?P<year>(?:19|20)\d{2})\b"
    r"(?![\d,.%]\d|\s*(?:percent|per cent|%|tonnes|dollars))",
    re.IGNORECASE,
)
# "on the death anniversary of ...", "the 20th anniversary of the 3 January 2004 attack"
ANNIVERSARY = re.compile(
    r"\b(?:(?P<nth>\d{1,3})(?:st|nd|rd|th)\s+)?(?:\w+\s+)?anniversary\s+of\b(?P<rest>.{0,80})",
    re.IGNORECASE,
)
RECENT_DAYS = 14  # "a recent bombing" with no date: in the fortnight before the report
MONTH_YEAR = re.compile(
    rf"\b(?:in|since|during|of|last|this)?\s*{_MONTH}\s+{_YEAR}\b", re.IGNORECASE
)
LAST_MONTH_NAME = re.compile(rf"\blast\s+{_MONTH}\b", re.IGNORECASE)
MONTH_LAST_YEAR = re.compile(rf"\b{_MONTH}\s+(?:of\s+)?last\s+year\b", re.IGNORECASE)
IN_MONTH = re.compile(
    rf"\b(?:in|since|during|early|late|mid)[\s-]+{_MONTH}\b(?![\s,]*\d)", re.IGNORECASE
)
WEEKDAY = re.compile(
    r"\b(?:(?P<mod>last|next|this|on)\s+)?(?P<weekday>" + "|".join(WEEKDAYS) + r")\b", re.IGNORECASE
)
WEEKDAY_BEFORE = re.compile(r"\b(?:" + "|".join(WEEKDAYS) + r")\W*$", re.IGNORECASE)
PERIODS = re.compile(
    r"\b(?P<phrase>earlier this (?:month|week|year)|this (?:month|week|year)|last (?:week|month|year)"
    r"|next (?:week|month)|(?:the )?day before yesterday|yesterday|today|tonight|tomorrow"
    r"|last night|this (?:morning|afternoon|evening))\b",
    re.IGNORECASE,
)


PRECISIONS = ("day", "week", "month", "year")


@dataclass(frozen=True)
class EventDate:
    """The date of one event report: stored `date`, the window it may fall in, how it was found
    and how precise it is."""

    # dt.date: inside this class body the field `date` shadows the type of the same name
    date: dt.date | None
    lo: dt.date | None
    hi: dt.date | None
    # sentence_explicit | sentence_relative | published | published_recent | crawl | background | none
    source: str
    precision: str | None = "day"  # day | week | month | year; None without a date


def _day(day: date, source: str) -> EventDate:
    return EventDate(day, day, day, source, "day")


def _span(lo: date, hi: date, source: str) -> EventDate:
    """A window dated by the smallest calendar unit holding it (first day of that unit)."""
    if lo == hi:
        return _day(lo, source)
    if (lo.year, lo.month) == (hi.year, hi.month):
        return EventDate(lo.replace(day=1), lo, hi, source, "month")
    if lo.year == hi.year:
        return EventDate(date(lo.year, 1, 1), lo, hi, source, "year")
    return EventDate(None, lo, hi, source, None)


def _week(lo: date, hi: date, source: str) -> EventDate:
    """A week or part of one ("earlier this week"): dated by its Monday."""
    return EventDate(lo - timedelta(days=lo.weekday()), lo, hi, source, "week")


def _explicit(sentence: str, ref: date | None, latest: date | None) -> tuple[EventDate | None, str]:
    """The first explicit date no later than `latest`, and the sentence with later ones blanked out."""
    for pattern in EXPLICIT_PATTERNS:
        for match in pattern.finditer(sentence):
            groups = match.groupdict()
            month = int(groups["mnum"]) if groups.get("mnum") else MONTHS[groups["month"].lower()]
            if groups.get("year"):
                year = int(groups["year"])
            elif ref is not None:
                # "January 3" in a piece dated 2024-01-15: this year, unless that lies well ahead.
                year = ref.year
                guess = safe_date(year, month, int(groups["day"]))
                if guess is not None and guess > ref + timedelta(days=60):
                    year -= 1
            else:
                continue
            found = safe_date(year, month, int(groups["day"]))
            if found is None:
                continue
            if latest is not None and found > latest:
                # Page furniture ("Saturday, May 18, 2024"): drop it with the weekday before it.
                start = match.start()
                before = WEEKDAY_BEFORE.search(sentence[:start])
                start = before.start() if before else start
                return _explicit(sentence[:start] + " " + sentence[match.end() :], ref, latest)
            return _day(found, "sentence_explicit"), sentence
    month_year = MONTH_YEAR.search(sentence)
    if month_year:
        year, month = int(month_year["year"]), MONTHS[month_year["month"].lower()]
        first = date(year, month, 1)
        if latest is None or first <= latest:
            return _span(first, month_end(year, month), "sentence_explicit"), sentence
    year_only = YEAR_ONLY.search(sentence)
    if year_only:
        year = int(year_only["year"])
        if latest is None or year <= latest.year:
            return _span(date(year, 1, 1), date(year, 12, 31), "sentence_explicit"), sentence
    return None, sentence


def _anniversary(sentence: str, ref: date | None) -> tuple[EventDate | None, str]:
    """ "On the 4th anniversary of the 3 January 2020 strike": that day in the anniversary's year.
    The original date is blanked out, so it cannot date the event itself."""
    match = ANNIVERSARY.search(sentence)
    if match is None:
        return None, sentence
    rest = match["rest"]
    for pattern in EXPLICIT_PATTERNS[1:]:
        found = pattern.search(rest)
        if found is None:
            continue
        month, day = MONTHS[found["month"].lower()], int(found["day"])
        original = int(found["year"]) if found["year"] else None
        if match["nth"] and original is not None:
            year: int | None = original + int(match["nth"])
        elif ref is not None:
            year = ref.year
            guess = safe_date(year, month, day)
            if guess is not None and guess > ref + timedelta(days=60):
                year -= 1
        else:
            year = None
        day_of = safe_date(year, month, day) if year is not None else None
        start = match.start("rest") + found.start()
        blanked = (
            sentence[:start]
            + " " * (found.end() - found.start())
            + sentence[start + found.end() - found.start() :]
        )
        return (_day(day_of, "sentence_explicit") if day_of else None), blanked
    return None, sentence


def _period(phrase: str, ref: date, offsets: dict[str, int]) -> tuple[date, date]:
    phrase = phrase.lower().removeprefix("the ")
    if phrase in offsets:
        day = ref + timedelta(days=offsets[phrase])
        return day, day
    monday = ref - timedelta(days=ref.weekday())
    first = ref.replace(day=1)
    if phrase == "earlier this month":
        return first, max(first, ref - timedelta(days=1))
    if phrase == "earlier this week":
        return monday, max(monday, ref - timedelta(days=1))
    if phrase == "earlier this year":
        return ref.replace(month=1, day=1), ref
    if phrase == "this week":
        return monday, monday + timedelta(days=6)
    if phrase == "this month":
        return first, month_end(ref.year, ref.month)
    if phrase == "this year":
        return ref.replace(month=1, day=1), ref.replace(month=12, day=31)
    if phrase == "last week":
        return monday - timedelta(days=7), monday - timedelta(days=1)
    if phrase == "next week":
        return monday + timedelta(days=7), monday + timedelta(days=13)
    if phrase == "last month":
        end = first - timedelta(days=1)
        return end.replace(day=1), end
    if phrase == "next month":
        start = month_end(ref.year, ref.month) + timedelta(days=1)
        return start, month_end(start.year, start.month)
    if phrase == "last year":
        return date(ref.year - 1, 1, 1), date(ref.year - 1, 12, 31)
    raise ValueError(f"unknown relative period {phrase!r}")


def _month_span(year: int, month: int) -> EventDate:
    return _span(date(year, month, 1), month_end(year, month), "sentence_relative")


def _relative(sentence: str, ref: date, future: bool, offsets: dict[str, int]) -> EventDate | None:
    match = MONTH_LAST_YEAR.search(sentence)
    if match:
        return _month_span(ref.year - 1, MONTHS[match["month"].lower()])
    match = PERIODS.search(sentence)
    if match:
        phrase = match["phrase"].lower()
        lo, hi = _period(phrase, ref, offsets)
        if phrase.endswith("week"):
            return _week(lo, hi, "sentence_relative")
        if phrase.endswith("year"):  # "earlier this year" is this year, however few days passed
            return EventDate(date(lo.year, 1, 1), lo, hi, "sentence_relative", "year")
        if phrase.endswith("month"):
            return EventDate(lo.replace(day=1), lo, hi, "sentence_relative", "month")
        return _span(lo, hi, "sentence_relative")
    match = WEEKDAY.search(sentence)
    if match:
        target = WEEKDAYS[match["weekday"].lower()]
        mod = (match["mod"] or "").lower()
        back = (ref.weekday() - target) % 7
        ahead = (target - ref.weekday()) % 7
        if mod == "last":
            day = ref - timedelta(days=back or 7)
        elif mod == "next":
            day = ref + timedelta(days=ahead or 7)
        else:
            # "on Monday" in a report about the past is the latest Monday up to the article's date
            # (the same day included); about a plan, the next one.
            day = ref + timedelta(days=ahead) if future else ref - timedelta(days=back)
        return _day(day, "sentence_relative")
    match = LAST_MONTH_NAME.search(sentence)
    if match:
        month = MONTHS[match["month"].lower()]
        return _month_span(ref.year if month < ref.month else ref.year - 1, month)
    match = IN_MONTH.search(sentence)
    if match and match["month"][0].isupper():  # "in May", not "in may"
        month = MONTHS[match["month"].lower()]
        if future:
            return _month_span(ref.year if month >= ref.month else ref.year + 1, month)
        return _month_span(ref.year if month <= ref.month else ref.year - 1, month)
    return None


def resolve_event_date(
    sentence: str,
    published: date | None,
    crawl: date | None,
    *,
    future: bool,
    offsets: dict[str, int],
    fallback_days: int = 14,
    max_days_ahead: int = 2,
    recent: bool = False,
) -> EventDate:
    """The event date of a sentence: explicit date, else relative to the article date, else that date.

    `future` is true for planned events (a bare weekday then means the next one, and the
    fallback window lies after the article date instead of before it). An explicit date more
    than `max_days_ahead` after the article date cannot date a reported past event and is ignored.
    An event the sentence calls `recent` ("a recent bombing", "recently attacked") without a
    date is dated to the fortnight before the article, at the precision that window allows (its
    month), never to the article's own day.
    """
    ref = published or crawl
    latest = ref + timedelta(days=max_days_ahead) if ref is not None and not future else None
    found, sentence = _anniversary(sentence, ref)
    if found is None:
        found, sentence = _explicit(sentence, ref, latest)
    if found is None and ref is not None:
        found = _relative(sentence, ref, future, offsets)
    if found is not None:
        return found
    if ref is None:
        return EventDate(None, None, None, "none", None)
    source = "published" if published is not None else "crawl"
    if future:
        return EventDate(ref, ref, ref + timedelta(days=fallback_days), source)
    if recent:
        return _span(ref - timedelta(days=RECENT_DAYS), ref - timedelta(days=1), "published_recent")
    return EventDate(ref, ref - timedelta(days=fallback_days), ref, source)
