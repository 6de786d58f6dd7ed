"""A state body's generic name is one body per country (issue 20: one actor per real entity).

"The Finance Ministry", "the Treasury", "the Central Bank", "Parliament", "the Senate" name
whichever country's body the article is about. The registry matched them by name alone, so the
first country one of them was seen with took every later one: at 78aa2c7 the Reuters run
stored one "Finance Ministry" (Spain's) for 234 mentions of 167 articles, 70 of them datelined
TOKYO and 25 PARIS; one "Treasury" (Britain's) for 343 mentions, 106 articles WASHINGTON and 12
LONDON; one "Central Bank" (Egypt's) for Taiwan's, the Philippines' and Brazil's; the BBC run's
"Treasury" was the United States'.

A name is a national body's when every word of it, once a country's name is set aside, is a
portfolio or body word and it has a head ("Finance Ministry", "Ministry of Foreign Affairs",
"Commerce Department", "U.S. Treasury", "Japanese Finance Ministry", "Central Bank of Brazil",
"Supreme Court", "National Assembly"); a proper name ("Bank of Japan", "White House", "Scottish
Parliament", "California Senate") is not. Its country, in order: a country the name itself
carries; the country the article attributes to it ("Japan's Finance Ministry", `doc_entities`);
the one country the article gives a body of that kind; the dateline's country ("TOKYO - ... the
Finance Ministry said"); without a dateline (the BBC files), the one country the article's
curated actors are of (`polity`: Labour and the Commons, Britain), else the one country it
names; else the one country the other articles of its story give it (`story_countries`); else
none: a body the text gives no country stays one of no country, apart from every country's. The registry keys the actor by body and country (`body_key`), so each country's
body is one actor and the same id in every run.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import NamedTuple, TypeVar

from newsflow.doc_entities import Mention
from newsflow.geo import Gazetteer
from newsflow.lexicon import Lexicon
from newsflow.resolve import ResolveRequest
from newsflow.short_orgs import ACRONYM, HEAD_WORDS, org_words

# What a body is: the head word, and the words that must go with it (empty: none needed)
HEADS: dict[str, frozenset[str]] = {
    "ministry": frozenset(),
    "department": frozenset(),
    "office": frozenset({"foreign", "home", "cabinet", "war"}),
    "treasury": frozenset(),
    "parliament": frozenset(),
    "senate": frozenset(),
    "cabinet": frozenset(),
    "house": frozenset({"", "representatives", "lower", "upper", "councillors", "deputies"}),
    "chamber": frozenset({"deputies"}),
    "bank": frozenset({"central", "reserve", "national", "state"}),
    "assembly": frozenset({"national", "legislative", "federal", "constituent"}),
    "court": frozenset(
        {"supreme", "high", "constitutional", "federal", "appeal", "appeals", "administrative"}
    ),
}
# Portfolios and the words bodies' names are made of ("Ministry of International Trade and
# Industry", "Department for Constitutional Affairs"), spellings folded to one word each
PORTFOLIOS: dict[str, str] = {
    word: word
    for word in (
        "finance", "foreign", "trade", "commerce", "agriculture", "industry", "economy",
        "defence", "interior", "home", "justice", "labor", "energy", "transport", "health",
        "education", "environment", "information", "communications", "petroleum", "oil",
        "mines", "planning", "budget", "treasury", "state", "external", "international",
        "culture", "tourism", "food", "fisheries", "forestry", "housing", "social", "welfare",
        "employment", "construction", "public", "works", "supply", "cooperatives", "resources",
        "mineral", "natural", "war", "posts", "telecommunications", "science", "technology",
        "development", "cooperation", "water", "irrigation", "power", "revenue", "customs",
        "immigration", "security", "shipping", "aviation", "civil", "constitutional",
        "pensions", "work", "navy", "army", "lands", "land", "national", "central", "federal",
        "reserve", "supreme", "high", "legislative", "constituent", "appeal", "appeals",
        "administrative", "representatives", "lower", "upper", "councillors", "deputies",
        "cabinet",
    )
} | {
    "agricultural": "agriculture", "industrial": "industry", "industries": "industry",
    "economic": "economy", "economics": "economy", "defense": "defence", "labour": "labor",
    "transportation": "transport", "communication": "communications", "financial": "finance",
}  # fmt: skip
FILLER = frozenset({"of", "and", "for", "the", "&", "affairs", "'s", "’s"})
# a nation within a state names a body of its own, not the state's ("Scottish Parliament")
SUBNATIONAL = frozenset(
    {"scottish", "scotland", "welsh", "wales", "english", "england", "northern"}
)
K = TypeVar("K")  # what `_one_country` groups by
_WORD = re.compile(r"[\w.&'’]+")
_MAX_COUNTRY_WORDS = 3


def _words(form: str) -> list[str]:
    return [w for w in _WORD.findall(form) if w not in ("'s", "’s")]


def _country_at(words: list[str], i: int, countries: Mapping[str, str]) -> tuple[str, int] | None:
    """(ISO-3, words taken) of the longest country's name (or adjective) at `words[i]`."""
    for n in range(min(_MAX_COUNTRY_WORDS, len(words) - i), 0, -1):
        text = " ".join(words[i : i + n])
        code = countries.get(text) or countries.get(text.removesuffix("'s").removesuffix("’s"))
        if code:
            return code, n
    return None


def body_of_form(
    form: str, countries: Mapping[str, str], capitals: Mapping[str, str]
) -> tuple[str, str | None] | None:
    """(body, country the name carries) of a national body's name, else None.

    The body is its head and its portfolio words, sorted ("ministry:finance" for "Finance
    Ministry", "Ministry of Finance" and "Japanese Finance Ministry"); the country is the one
    a country's name, adjective or capital in the name gives ("U.S. Treasury")."""
    words = _words(form)
    found: set[str] = set()
    kept: list[str] = []
    head_first = False  # "Ministry of Finance": the head comes first, before "of"
    i = 0
    while i < len(words):
        low = words[i].lower().strip(".")
        if low in SUBNATIONAL:
            return None
        country = _country_at(words, i, countries)
        if country is not None:
            found.add(country[0])
            i += country[1]
            continue
        if words[i] in capitals and words[i][:1].isupper():
            found.add(capitals[words[i]])
        elif low in ("of", "for") and len(kept) == 1 and kept[0] in HEADS:
            head_first = True
        elif low not in FILLER:
            kept.append(low)
        i += 1
    if len(found) > 1 or not kept:
        return None
    head = kept[0] if head_first else kept[-1]
    if head not in HEADS:
        return None
    rest = kept[1:] if head_first else kept[:-1]
    if any(w not in PORTFOLIOS for w in rest):
        return None  # "White House", "Senate Finance Committee": a proper name
    portfolio = {PORTFOLIOS[w] for w in rest}
    needed = HEADS[head]
    if needed and not (needed & portfolio or ("" in needed and not rest)):
        return None
    if head == "treasury":  # "the Treasury" is the "Treasury Department"
        head, portfolio = "ministry", {"treasury"}
    elif head in ("department", "office"):
        head = "ministry"
    if head == "ministry" and not portfolio:
        return None  # "the Ministry": which one is `short_orgs.body_of`'s to say
    return ":".join([head, *sorted(portfolio)]), (found.pop() if found else None)


def _beside_the_name(form: str) -> bool:
    """A form that goes with a body's full name in one entity without being one: a bare head
    word ("the Ministry", joined by `short_orgs.body_of`) or the acronym the article gave it
    ("Department of Transportation (DOT)")."""
    words = org_words(form)
    return (len(words) == 1 and words[0] in HEAD_WORDS) or bool(ACRONYM.match(form))


def polity(countries: Iterable[str | None]) -> str | None:
    """The country of an article without a dateline (a BBC file), for its bodies: the one
    country its curated actors with a country are of (Labour, the Conservatives and the
    Commons: Britain; the Federal Reserve and the Democrats: the United States), else the one
    country it names ("Jobs growth still slow in the US ... the Labor Department"); None for
    none or two (the Bank of England and the Fed)."""
    found = {c for c in countries if c}
    return found.pop() if len(found) == 1 else None


def home_country(
    dateline: str | None, mentions: list[Mention], gazetteer: Gazetteer, lex: Lexicon
) -> str | None:
    """The ISO-3 code of the dateline's country (a city of a country the article names first);
    without a dateline, the one country the article's curated actors are of, else the one
    country it names (`polity`)."""
    named = [m.country for m in mentions if m.actor_type == "COUNTRY" and m.country]
    if not dateline:
        curated = [lex.known[m.key].country_code for m in mentions if m.key in lex.known]
        return polity(curated) or polity(named)
    place = gazetteer.lookup(dateline, frozenset(named))
    return place.country_code if place is not None else None


def _one_country(pairs: Iterable[tuple[K, str | None]]) -> dict[K, str | None]:
    """Each key's one country among (key, country) `pairs`: None where they give none or two."""
    seen: dict[K, list[str | None]] = {}
    for key, country in pairs:
        seen.setdefault(key, []).append(country)
    return {key: polity(countries) for key, countries in seen.items()}


def body_key(body: str, country: str | None, name: str) -> str:
    """The registry key of a country's body (`resolve.ActorRegistry.resolve`). A body of no
    known country is keyed by its name: "Ministry of Commerce" and "Commerce Department" of
    two BBC items may be China's and America's."""
    return f"body:{country}:{body}" if country else f"body:-:{' '.join(org_words(name))}"


def known_bodies(lex: Lexicon) -> dict[str, str]:
    """Registry keys of the curated actors that are a country's body (`known_actors.jsonl`),
    by their body's key: a Zurich item's "the National Bank" is the Swiss National Bank."""
    out = {}
    for key, known in lex.known.items():
        body = body_of_form(known.name, lex.countries, lex.capitals)
        country = (body[1] if body else None) or known.country_code
        if body is not None and country:
            out[body_key(body[0], country, known.name)] = key
    return out


class Body(NamedTuple):
    """A national body an article names: its kind ("ministry:finance"), its country, and the
    longest name the article gives it."""

    kind: str
    country: str | None
    name: str


def entity_bodies(
    forms: Sequence[Sequence[str]],
    attributed: Sequence[str | None],
    home: str | None,
    lex: Lexicon,
) -> list[Body | None]:
    """The national body each of an article's entities (its `forms`, the country the article
    `attributed` to it) is, else None; `home` is the article's country (`home_country`). A bare
    head word or an acronym beside the full name (`_beside_the_name`) does not stop an entity
    being one; two countries in its names do."""
    countries, capitals = lex.countries, lex.capitals
    bodies: list[Body | None] = []
    for names in forms:
        read = [body_of_form(f, countries, capitals) for f in names]
        whole = [b for b, f in zip(read, names, strict=True) if b or not _beside_the_name(f)]
        kinds = {b[0] for b in whole if b}
        carried = {b[1] for b in whole if b and b[1]}
        if None in whole or len(kinds) != 1 or len(carried) > 1:
            bodies.append(None)
            continue
        named = [f for b, f in zip(read, names, strict=True) if b]
        longest = max(named, key=lambda f: (len(org_words(f)), f))
        bodies.append(Body(kinds.pop(), carried.pop() if carried else None, longest))
    # the one country the article gives a body of a kind stands for its bare mentions too
    pairs = zip(bodies, attributed, strict=True)
    given = _one_country((body.kind, body.country or country) for body, country in pairs if body)
    return [
        body._replace(country=body.country or country or given[body.kind] or home) if body else None
        for body, country in zip(bodies, attributed, strict=True)
    ]


def story_countries(
    articles: Sequence[tuple[str | None, Sequence[Body | None]]],
) -> list[list[Body | None]]:
    """The bodies of each (story id, bodies) article, a body of no country given the one
    country the other articles of its story give that body: the seeds' Khaama Press item
    names Pakistan, Iran and Afghanistan and no dateline, and its "Foreign Office" is the one
    Dawn's Islamabad report gives Pakistan."""
    given = _one_country(
        ((story, body.kind), body.country)
        for story, bodies in articles
        for body in bodies
        if story and body
    )
    return [
        [
            body._replace(country=given[(story, body.kind)])
            if story and body and body.country is None
            else body
            for body in bodies
        ]
        for story, bodies in articles
    ]


def request(
    body: Body, forms: list[str], lex: Lexicon, known: Mapping[str, str]
) -> tuple[ResolveRequest, str | None]:
    """What the registry resolves a body's mentions `forms` to, with its country: the body's key
    (`body_key`), or the curated actor it is (`known`, from `known_bodies`)."""
    key = body_key(body.kind, body.country, body.name)
    if key in known:  # "the National Bank" of a Zurich item
        curated = lex.known[known[key]]
        return (curated.actor_type, forms, known[key], curated.name), body.country
    return ("ORG", forms, key, None), body.country
