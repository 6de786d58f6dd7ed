"""A text page read top-down in blocks: crawl stamp, headline, chrome, bylines, lead, furniture,
footer; the evidence (dates, outlet, dateline) found on the way."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from datetime import date

from newsflow import ids
from newsflow.dates import (
    FULL_DATE,
    MONTH_DAY,
    MONTH_NUMBERS,
    date_from_match,
    date_in_text,
    parse_date_value,
)
from newsflow.parse.rules import ParseRules, fold

STAGE = "parse"
# priority order, then "none"; never a container's capture time (WARC-Date) or HTTP header date
DATE_SOURCES = ("meta", "jsonld", "footer", "dateline", "text", "url", "crawl_stamp")
_HEAD_BLOCKS = 20  # how far down navigation and other furniture above the text may reach
_STANDFIRST_WORDS = 10  # a headline-shaped block this long under a shorter one is a standfirst
_BYLINE_BLOCKS = 4  # how many blocks below the headline may hold bylines and dates
_TAIL_CHARS = 240  # a cross-link glued to a paragraph sits in its last characters
_LEAD_BLOCKS = 3  # how many blocks from the top may open with the dateline (after a standfirst)
DETAIL_CHARS = 200

LETTER = re.compile(r"[^\W\d_]")
_NEWLINES = re.compile(r"\r\n?|[\u2028\u2029\x85]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")  # \f stays: split() treats it as space
HTML_START = re.compile(
    r"\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>])", re.IGNORECASE | re.DOTALL
)
_INDENTED = re.compile(r"^[ \t]")
_ENTITY = re.compile(r"&(?:#\d{1,6}|#x[0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});")
_SENTENCE_BREAK = re.compile(r"[.!?][\"'”’]?\s+[A-Z]")
_DOMAIN = re.compile(r"(?i)\b[\w-]+\.(?:com|net|org|co|pk|in|uk|tv|news|info|io|af|ir)\b")
WORDS = r"\S*[\p{L}\p{N}]\S*"


def clean_line(line: str) -> str:
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
        return [cleaned for line in lines if (cleaned := clean_line(line))]
    blocks: list[str] = []
    current: list[str] = []
    for line in lines:
        if not line.strip() or _INDENTED.match(line):
            if current:
                blocks.append(" ".join(current))
            current = []
        if cleaned := clean_line(line):
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
    folded = fold(name)
    if known_source and folded == fold(known_source):
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
    title = clean_line(title)
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
        if fold(part) in rules.page_labels or rules.site_prefix.match(part):
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
    return story, None if fold(label) in rules.page_labels else site


@dataclass
class Evidence:
    """What one document says about itself, with where each piece was found."""

    title: str | None = None
    title_source: str | None = None  # meta | html | headline
    sources: dict[str, str] = field(default_factory=dict)  # how found -> outlet name
    dates: dict[str, date] = field(default_factory=dict)  # date_source -> date
    dateline_md: tuple[int, int] | None = None  # year-less dateline month/day
    dateline: str | None = None
    crawl_date: date | None = None  # the capture date (WARC-Date), else the text's crawl stamp
    stamp_date: date | None = None  # the crawl stamp printed at the top of the text
    page_date: date | None = None  # a date an HTML page marks up or prints (htmldate)

    def add_source(self, how: str, name: str | None) -> None:
        if name and how not in self.sources:
            self.sources[how] = name

    def add_date(self, how: str, value: date | None) -> None:
        if value is not None and how not in self.dates:
            self.dates[how] = value


SOURCE_ORDER = ("meta", "site", "footer", "title", "agency_tag", "dateline", "signature")


def _is_prose(block: str) -> bool:
    """A paragraph of running text: the head of the page ends at the first one."""
    return len(block.split()) >= 12 and (
        block.endswith((".", "!", "?", '"', "”", "’", ")")) or bool(_SENTENCE_BREAK.search(block))
    )


def _furniture(
    block: str, rules: ParseRules, evidence: Evidence | None = None, *, below_title: bool = False
) -> bool:
    """True for page furniture near the headline; with `evidence`, record what it says."""
    folded = fold(block)
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


def _read_head(blocks: list[str], evidence: Evidence, rules: ParseRules) -> list[str]:
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
    folded = fold(place)
    if folded in rules.not_places or len(folded) < 2:
        return False
    if match["agency"] and fold(match["agency"]) not in rules.agencies:
        return False  # "Evans and Sutherland Computer Corp (ESCC) - Offering of ..." is no dateline
    if match["date"] or match["agency"]:
        return True
    known = folded in rules.places
    if place.isupper():
        return known
    return known and match["sep"] != "-"


def read_lead(block: str, evidence: Evidence, rules: ParseRules) -> str:
    """Take agency tags and the dateline off the start of the first paragraph."""
    for _ in range(2):
        tag = rules.agency_tag.match(block)
        if tag and (tag["syndicator"] or fold(tag["source"]) in rules.agencies):
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
                elif md := MONTH_DAY.fullmatch(line["date"].rstrip(".")):
                    month, day = md["month1"] or md["month2"], md["day1"] or md["day2"]
                    evidence.dateline_md = (MONTH_NUMBERS[month.casefold()], int(day))
            block = block[line.end() :]
            continue
        break
    return block.strip()


def _read_tail(blocks: list[str], evidence: Evidence, rules: ParseRules) -> list[str]:
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
    return _strip_signatures(kept, evidence, rules)


def _strip_signatures(kept: list[str], evidence: Evidence, rules: ParseRules) -> list[str]:
    """`kept` without wire signatures (" REUTER") at its end; the agency goes to `evidence`."""
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


def _prepared(text: str, evidence: Evidence, rules: ParseRules) -> str:
    """`text` with newlines, control characters and entities normalised and a leading crawl
    stamp taken off (its date goes to `evidence`)."""
    text = _NEWLINES.sub("\n", text).lstrip("\ufeff")
    text = _CONTROL.sub(" ", text)
    if _ENTITY.search(text):
        text = html.unescape(text)
    if stamp := rules.crawl_stamp.match(text):
        evidence.stamp_date = parse_date_value(stamp["date"])
        evidence.crawl_date = evidence.crawl_date or evidence.stamp_date
        text = text[stamp.end() :]
    return text


def whole_text(text: str, evidence: Evidence, rules: ParseRules, *, reflow: bool = True) -> str:
    """Every block of a text page, nothing taken off but a crawl stamp and a closing wire
    signature: the body of a document whose every block the article rules would drop (a
    one-line wire flash that reads like a headline, a table, a page of links). Such a document
    is still news, never dropped."""
    blocks = split_blocks(_prepared(text, evidence, rules), reflow=reflow)
    return "\n\n".join(_strip_signatures(list(blocks), evidence, rules) or blocks)


def parse_text(text: str, evidence: Evidence, rules: ParseRules, *, reflow: bool = True) -> str:
    """The article body of a text page; fills `evidence` on the way."""
    text = _prepared(text, evidence, rules)
    blocks = _read_head(split_blocks(text, reflow=reflow), evidence, rules)
    # the lead may follow a standfirst: look for tags and datelines in the first few blocks
    for i in range(min(len(blocks), _LEAD_BLOCKS)):
        lead = read_lead(blocks[i], evidence, rules)
        if lead != blocks[i]:
            blocks[i] = lead
            break
    blocks = [block for block in blocks if block]
    return "\n\n".join(_read_tail(blocks, evidence, rules))


def _date_block(text: str, rules: ParseRules) -> tuple[date | None, bool]:
    """(date, labelled) when the whole block is a date, optionally labelled ("Updated 16 May, 2024")."""
    label = rules.date_label.match(text)
    rest = text[label.end() :] if label else text
    match = FULL_DATE.fullmatch(rest.strip(" .|"))
    return (date_from_match(match), bool(label)) if match else (None, False)
