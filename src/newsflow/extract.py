"""Actors and mentions from deduplicated articles: NER, junk filtering, in-document resolution.

spaCy's statistical NER runs with an EntityRuler of curated groups/organisations before it (so
"Tehreek-e-Taliban Pakistan" is one entity) and a country/demonym ruler after it, over the body
with its all-capitals lines in the article's case (casing.truecase). Each entity is cleaned
(titles and honorifics stripped: name_spans; page furniture and the publisher's byline dropped) and typed by
what it names in its sentence (places NER calls people, capitals that act for their government,
facilities, party adherents); in sports reports places in team positions are clubs (sports).
The mentions of one article are then grouped into local entities ("Mr. Qomi" -> "Hassan Kazmi
Qomi", "TTP" -> "Tehreek-e-Taliban Pakistan", doc_entities), and each local entity is resolved
against the ActorRegistry. Pattern files and word lists live in data/entities (see its README);
every rule can be switched off by name (Lexicon.off) to measure what it gains
(bench/bench_mentions.py --ablate).
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path
from typing import cast

import numpy as np
import polars as pl
import spacy
from spacy.attrs import IS_SPACE
from spacy.language import Language
from spacy.pipeline import EntityRuler
from spacy.tokens import Doc, Span

from newsflow import blas, firm_names, name_spans, national_bodies, resources, schema, sports
from newsflow.casing import truecase
from newsflow.doc_entities import (
    Mention,
    attribute_countries,
    group_entities,
    inline_acronyms,
    org_names,
    repeated_names,
    surname_mentions,
)
from newsflow.geo import Gazetteer
from newsflow.ids import short_hash
from newsflow.lexicon import PLACE_PREPOSITIONS, Lexicon
from newsflow.name_memory import NameMemory
from newsflow.resolve import ActorRegistry, ResolveRequest, fold_text
from newsflow.settings import Settings
from newsflow.short_orgs import join_legal_tails

LEXICON_PIPE = "newsflow_lexicon"
LINE_BREAKS_PIPE = "newsflow_line_breaks"
_SPACY_BATCH = 64
# Lines that are page furniture, not the article: links to other stories, bylines, footers.
_NOISE_LINE = re.compile(
    r"(?im)^[ \t|]*(?:read more|read further|also read|related|see also|welcome to|published in"
    r"|copyright|\u00a9|all rights reserved|follow us|subscribe)\b[^\n]*$"
)
_MENAFN = re.compile(r"\(MENAFN[^)\n]*\)")
_FOOTER_START = re.compile(r"(?im)^[ \t]*published in [^\n]*$")
_SOFT_NEWLINE = re.compile(r"(?<!\n)\n(?!\n)")
_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "COUNTRY", "GROUP"})
# what a capital does when it stands for its government ("Tehran rejected the offer")
_GOVERNMENT_VERBS = frozenset(
    {"said", "says", "say", "announced", "rejected", "rejects", "accused", "accuses", "denied",
     "denies", "warned", "warns", "insisted", "insists", "urged", "urges", "wants", "wanted",
     "demanded", "demands", "refused", "refuses", "agreed", "agrees", "threatened", "threatens",
     "condemned", "condemns", "welcomed", "welcomes", "has", "had", "would", "will", "is", "was",
     "imposed", "sanctioned", "responded", "claimed", "claims", "believes", "fears", "hopes"}
)  # fmt: skip
_DASHES = frozenset({"-", "--", "\u2013", "\u2014"})
_VERSUS = frozenset({"v", "vs", "v.", "vs.", "versus"})  # "Everton v Sunderland"


# party adherents NER calls NORP: the party is the actor (known_actors names the big ones)
_PARTY_WORDS = frozenset(
    {"conservative", "conservatives", "liberal", "liberals", "republican", "republicans",
     "democrat", "democrats", "socialist", "socialists", "communist", "communists",
     "unionist", "unionists", "nationalist", "nationalists", "tory", "tories"}
)  # fmt: skip
_PLACE_SUFFIX = re.compile(r"\s+(?:province|district|city|region|valley|county)$", re.IGNORECASE)


class _LexiconPipe:
    """A no-op pipeline component that carries the Lexicon with the model it was loaded for."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon

    def __call__(self, doc: Doc) -> Doc:
        return doc


@Language.component(LINE_BREAKS_PIPE)
def _line_breaks_end_sentences(doc: Doc) -> Doc:
    """A line break ends a sentence. The senter reads some paragraphs as one ("...the Taliban
    government.\n\nEarlier this month, ...") and runs a heading without a full stop into the
    next sentence. Soft line wraps are spaces by now (`_text_for_nlp`); the whitespace token
    stays at the end of the sentence before it."""
    for i in np.flatnonzero(doc.to_array(IS_SPACE)).tolist():
        token = doc[i]
        if "\n" in token.text and i + 1 < len(doc):
            doc[i + 1].is_sent_start = True
            if i > 0:
                token.is_sent_start = False
    return doc


@Language.factory(LEXICON_PIPE, default_config={"folder": ""})
def _make_lexicon_pipe(nlp: Language, name: str, folder: str) -> _LexiconPipe:
    return _LexiconPipe(Lexicon.load(Path(folder)))


def load_nlp(model: str, folder: Path | None = None) -> Language:
    """The spaCy model with only senter + ner enabled and the data/entities rulers added."""
    folder = folder or resources.path("data/entities")
    nlp = spacy.load(
        model, exclude=["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer"]
    )
    if "senter" in nlp.disabled:
        nlp.enable_pipe("senter")
    nlp.add_pipe(LINE_BREAKS_PIPE, after="senter")
    nlp.max_length = max(nlp.max_length, 2_000_000)
    # phrase matchers, not token patterns: a token-pattern Matcher cost a quarter of NER's time
    add_ruler(
        nlp, "known_ruler", folder / "patterns_known_names.jsonl",
        before="ner", config={"phrase_matcher_attr": "LOWER"},
    )  # fmt: skip
    add_ruler(
        nlp, "acronym_ruler", folder / "patterns_known_acronyms.jsonl",
        after="known_ruler", config={"overwrite_ents": False},
    )  # fmt: skip
    add_ruler(
        nlp, "country_ruler", folder / "patterns_countries.jsonl",
        after="ner", config={"overwrite_ents": False},
    )  # fmt: skip
    nlp.add_pipe(LEXICON_PIPE, config={"folder": str(folder)})
    return blas.use_numpy_gemm(nlp)  # NER's CPU -20-30% on BBC, same entities


def add_ruler(nlp: Language, name: str, patterns: Path, **where: object) -> EntityRuler:
    """Add an EntityRuler `name` with the phrase patterns of `patterns`, placed by `where`
    (`before`/`after`/`config`, as `Language.add_pipe` takes them).

    Its patterns match token text (ORTH or LOWER), so their docs need only the tokenizer; but
    `EntityRuler.add_patterns` runs every enabled pipe before the ruler over each pattern
    (the senter; for the country ruler also NER): ~0.3 s of a run's model loading, which the
    seeds run waits for. With the other pipes switched off while it loads, the pattern docs
    are the tokenizer's, the matches the same (`tests/test_extract.py`)."""
    ruler = cast(EntityRuler, nlp.add_pipe("entity_ruler", name=name, **where))  # type: ignore[arg-type]
    with tokenizer_only(nlp, name):
        ruler.from_disk(patterns)
    return ruler


def tokenizer_only(nlp: Language, name: str) -> AbstractContextManager[object]:
    """Only pipe `name` enabled, so that the docs `nlp.pipe` makes for it are the tokenizer's."""
    return nlp.select_pipes(enable=[name])


@dataclass(frozen=True)
class ExtractResult:
    mentions: pl.DataFrame  # schema.MENTIONS (event_id null)
    sentences: pl.DataFrame  # schema.SENTENCES for the extracted articles


def _noise_spans(body: str) -> list[tuple[int, int]]:
    spans = [m.span() for m in _NOISE_LINE.finditer(body)] + [
        m.span() for m in _MENAFN.finditer(body)
    ]
    footer = _FOOTER_START.search(body)
    if footer:  # everything after "Published in Dawn, ..." is the site's other stories
        spans.append((footer.start(), len(body)))
    return sorted(spans)


def _in_spans(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s < end and start < e for s, e in spans)


def _line_words(body: str, start: int) -> int:
    line_start = body.rfind("\n", 0, start) + 1
    line_end = body.find("\n", start)
    return len(body[line_start : line_end if line_end >= 0 else len(body)].split())


def _soft_wrapped(body: str) -> bool:
    """True for bodies hard-wrapped at a fixed width (Reuters): a single newline is a space."""
    lines = [len(line) for line in body.splitlines() if line.strip()]
    return len(lines) >= 4 and sum(40 <= n <= 80 for n in lines) >= 0.6 * len(lines)


def _text_for_nlp(body: str, off: frozenset[str] = frozenset()) -> str:
    """The body with soft line wraps turned into spaces and all-capitals lines in the article's
    case (casing.truecase): same length, so offsets hold."""
    text = _SOFT_NEWLINE.sub(" ", body) if _soft_wrapped(body) else body
    return text if "truecase" in off else truecase(text)


def _split_parts(span: Span, off: frozenset[str]) -> list[Span]:
    """An entity never crosses a line break (headline "...says Blair" + "Tony Blair ..."), a
    dash between spaces ("CRICKET - LEICESTERSHIRE", "MPs - Keith Vaz") or a lower-case "v" or
    "vs" ("Everton v Sunderland", a fixture; "Henry V" keeps its numeral), and a person never a
    comma ("Lloyd, Broster" in a team list)."""
    parts, start = [], span.start
    lines = "split_lines" not in off
    dashes = "split_dashes" not in off
    commas = span.label_ == "PERSON" and "split_person_commas" not in off
    versus = "split_versus" not in off
    doc = span.doc
    for tok in span:
        comma = tok.text == "," and commas
        dash = (
            dashes
            and tok.text in _DASHES
            and tok.whitespace_
            and tok.i > 0
            and doc[tok.i - 1].whitespace_
        ) or (versus and tok.text in _VERSUS and tok.i > span.start)
        if (
            comma
            or dash
            or lines
            and (tok.is_space and "\n" in tok.text or "\n" in tok.whitespace_)
        ):
            end = tok.i if tok.is_space or dash else tok.i + 1
            if end > start:
                parts.append(Span(span.doc, start, end, label=span.label_, span_id=span.id_))
            start = tok.i + 1
    if start == span.start:
        return [span]
    if start < span.end:
        parts.append(Span(span.doc, start, span.end, label=span.label_, span_id=span.id_))
    return parts


def _trim_space(span: Span) -> Span:
    start, end = span.start, span.end
    while start < end and span.doc[start].is_space:
        start += 1
    while end > start and span.doc[end - 1].is_space:
        end -= 1
    return span.doc[start:end]


def _is_junk(tokens: list[str], lex: Lexicon) -> bool:
    junk = lex.junk_words
    words = [t.lower().rstrip(".") for t in tokens if any(c.isalnum() for c in t)]
    return not words or all(w in junk for w in words)


def _capital_acting(doc: Doc, start: int, end: int, name: str, lex: Lexicon) -> bool:
    """A national capital that says or does something, not a place things happen in."""
    if name not in lex.capitals or end >= len(doc) or doc[end].lower_ not in _GOVERNMENT_VERBS:
        return False
    return start == 0 or doc[start - 1].lower_ not in PLACE_PREPOSITIONS


def _doc_mentions(doc: Doc, body: str, lex: Lexicon, source_name: str | None) -> list[Mention]:
    """Cleaned actor mentions of one document, in order, junk and page furniture dropped.

    `body` is the text `doc` was made from (`doc.text` rebuilds it token by token: slow).
    """
    off = lex.off
    noise = _noise_spans(body) if "noise_lines" not in off else []
    publisher = fold_text(source_name) if source_name and "publisher" not in off else None
    mentions: list[Mention] = []
    marks = name_spans.brackets(body) if "bracket_firms" not in off and "<" in body else {}
    wholes = doc.ents if "legal_tails" in off else join_legal_tails(doc.ents)
    for ent in (part for whole in wholes for part in _split_parts(whole, off)):
        label = ent.label_
        if label not in _LABELS or (label == "FAC" and "fac_places" in off):
            continue
        if _in_spans(noise, ent.start_char, ent.end_char):
            continue
        firm = bool(marks) and name_spans.bracketed(ent, marks)
        if firm and mentions and body[mentions[-1].end : ent.start_char] == " <":
            continue  # "Union Carbide Corp <UK>": the ticker names the firm just named
        firm |= label != "ORG" and "company_forms" not in off and name_spans.company_shaped(ent)
        if firm and label != "ORG":
            ent = Span(doc, ent.start, ent.end, label="ORG")  # "<Telepanel Inc>", "Krupp GmbH"
            label = "ORG"
        elif label == "ORG" and "honorific_persons" not in off and name_spans.person_shaped(ent):
            ent = Span(doc, ent.start, ent.end, label="PERSON")  # "Ms Jamieson" is a person
            label = "PERSON"
        elif label == "PERSON" and "acronym_persons" not in off and name_spans.acronym_shaped(ent):
            ent = Span(doc, ent.start, ent.end, label="ORG")  # "MI6", "BAA": no person
            label = "ORG"
        known = lex.known.get(ent.ent_id_) if ent.ent_id_ else None
        if known is not None and not (firm and known.actor_type in ("COUNTRY", "PLACE")):
            ent = _trim_space(ent)
            if not len(ent):
                continue
            mentions.append(
                Mention(
                    ent.start_char,
                    ent.end_char,
                    ent.start,
                    ent.end,
                    known.actor_type,
                    ent.text,
                    ent.ent_id_,
                    known.country_code,
                )
            )
            continue
        start, end, country = name_spans.clean_span(ent, lex)
        if start >= end:
            continue
        span = doc[start:end]
        text = span.text
        if "junk_words" not in off and _is_junk([t.text for t in span], lex):
            continue  # roles, page words
        if "lowercase" not in off and text.islower():
            continue  # lower-case common nouns ("mcas")
        if publisher and fold_text(text) == publisher and _line_words(body, span.start_char) <= 8:
            continue  # the publisher's own byline or footer
        bare = text[4:] if text.lower().startswith("the ") else text
        iso3 = lex.countries.get(text) or lex.countries.get(bare)
        if "ethnonyms" not in off and fold_text(bare) in lex.ethnonyms:
            continue  # "Baloch", "Pashtun": peoples, not actors by themselves
        if "products" not in off and fold_text(bare) in lex.products:
            continue  # "iPod", "Xbox", "Windows XP": things the firms make
        # a country's very name is the country whatever NER calls it ("Sri Lanka" a PERSON)
        any_label = "country_any_label" not in off
        if firm:  # no country, place or capital: a firm ("<UK>" is Union Carbide's ticker)
            actor_type, key = "ORG", None
        elif iso3 and (label in {"GPE", "LOC", "NORP", "COUNTRY"} or any_label):
            actor_type, key, country = "COUNTRY", "country:" + iso3, iso3
        elif label in {"GPE", "LOC", "FAC"} or (
            # "Derbyshire", "Manchester" called PERSON: places before people (in-document
            # resolution gives them back to a person named in full with that surname), but
            # not after a form of address or an office ("Mr Jackson", "President Bush")
            label == "PERSON"
            and bare in lex.place_names
            and "person_places" not in off
            and not (start > 0 and lex.addresses(doc[start - 1].lower_))
        ):
            place = _PLACE_SUFFIX.sub("", bare)
            country = lex.places.get(place) or lex.place_names.get(place)
            actor_type, key = "PLACE", "place:" + fold_text(place)
            if "capital_governments" not in off and _capital_acting(doc, start, end, place, lex):
                country = lex.capitals[place]  # "Washington said": the government
                actor_type, key = "COUNTRY", "country:" + country
        elif (
            label == "ORG"
            and "capital_governments" not in off
            and _capital_acting(doc, start, end, bare, lex)
        ):
            country = lex.capitals[bare]
            actor_type, key = "COUNTRY", "country:" + country
        elif (
            label == "ORG"
            and len(span) == 1
            and bare in lex.place_names
            and "org_places" not in off
        ):  # "Derbyshire" called ORG outside a club's report (sports.clubs files clubs)
            country = lex.place_names[bare]
            actor_type, key = "PLACE", "place:" + fold_text(bare)
        elif label == "NORP" and bare in lex.places and "norp_places" not in off:
            # spaCy often calls "Kerman" NORP
            actor_type, key, country = "PLACE", "place:" + fold_text(bare), lex.places[bare]
        elif label == "NORP" and bare.lower() in _PARTY_WORDS and "norp_parties" not in off:
            actor_type, key = "GROUP", None  # "Conservative", "Republicans": the party
        elif label == "NORP":
            continue  # religions, ethnicities: not actors by themselves
        elif label == "PERSON":
            actor_type, key = "PERSON", None
        else:
            words = {t.lower_ for t in span}
            actor_type, key = ("GROUP" if words & lex.group_words else "ORG"), None
        mentions.append(
            Mention(span.start_char, span.end_char, start, end, actor_type, text, key, country)
        )
    return mentions


def _sentence_rows(doc: Doc) -> tuple[list[int], list[int]]:
    starts, ends = [], []
    for sent in doc.sents:
        starts.append(sent.start_char)
        ends.append(sent.end_char)
    return starts, ends


def not_exact_copy() -> pl.Expr:
    """True for canonical articles and near duplicates: every article but an exact copy."""
    return pl.col("dup_method").is_null() | (pl.col("dup_method") != "exact")


def extractable(articles: pl.DataFrame) -> pl.DataFrame:
    """The rows extraction reads: English, non-empty articles that are not an exact copy.

    Near duplicates are read too: a near copy can name other people (issue 22). Of rows with
    the same text (an exact copy of a near duplicate keeps its method "near") only the first is.
    """
    return (
        articles.filter(
            not_exact_copy() & (pl.col("language") == "en") & (pl.col("body").str.len_chars() > 0)
        )
        .filter(pl.col("content_hash").is_null() | pl.col("content_hash").is_first_distinct())
        .select("article_id", "body", "source_name", "dateline", "story_id")
    )


def _lexicon(nlp: Language) -> Lexicon:
    return cast(_LexiconPipe, nlp.get_pipe(LEXICON_PIPE)).lexicon


def annotate(bodies: list[str], nlp: Language, n_process: int = 1) -> Iterator[Doc]:
    """spaCy docs (sentences, entities) of article bodies: the expensive, stateless part."""
    off = _lexicon(nlp).off
    return nlp.pipe(
        [_text_for_nlp(b, off) for b in bodies], batch_size=_SPACY_BATCH, n_process=n_process
    )


_Resolve = tuple[ResolveRequest, str | None]  # what to resolve, and the entity's country
_Found = tuple[str, str, list[int], list[Mention], list[_Resolve | None]]


def _may_be_firm(request: _Resolve, lex: Lexicon) -> bool:
    """Is a resolve request a PERSON's, or that of a PLACE the gazetteer does not know?"""
    (actor_type, _, key, name), _ = request
    person = actor_type == "PERSON" and key is None
    return person or firm_names.unknown_place_name(actor_type, key, name, lex)


def _batch_firms(
    found: list[_Found], cues: list[firm_names.NameCues], lex: Lexicon, memory: NameMemory
) -> None:
    """Make organisations of the PERSON entities, and of the PLACE entities the gazetteer does
    not know, that name one of the batch's firms (`firm_names.batch_firms`: with what
    `memory` read in earlier batches and runs), in every article of the batch (`cues`: each
    article's own)."""
    names = {
        firm_names.entity_key(r[0][1])
        for *_, resolved in found
        for r in resolved
        if r is not None and r[0][1] and _may_be_firm(r, lex)
    }
    firms = firm_names.batch_firms(cues, memory, names)
    for (*_, mentions, resolved), here in zip(found, cues, strict=True):
        for idx, request in enumerate(resolved):
            if request is None or not _may_be_firm(request, lex):
                continue
            (_, forms, _, _), country = request
            if firm_names.is_batch_firm(forms, firms, here):
                resolved[idx] = (("ORG", forms, None, None), country)
                for m in mentions:
                    if m.entity == idx:
                        m.actor_type, m.key = "ORG", None


def extract_batch(
    articles: pl.DataFrame,
    nlp: Language,
    registry: ActorRegistry,
    settings: Settings,
    docs: Sequence[Doc] | None = None,
) -> ExtractResult:
    """Mentions and sentences of the canonical English articles; resolves actors into `registry`.

    `articles` is schema.DEDUPED; the rows of `extractable(articles)` are extracted.
    `docs`, when given, are `annotate`'s docs of `extractable(articles)` made elsewhere (e.g.
    on a Dask worker); otherwise they are made here.
    """
    lex = _lexicon(nlp)
    threshold = settings.thresholds.actor_match_threshold
    todo = extractable(articles)
    rows: dict[str, list] = {
        k: [] for k in ("article_id", "actor_id", "text", "start", "end", "sent")
    }
    sent_rows: dict[str, list] = {k: [] for k in ("article_id", "sentence_index", "start", "end")}
    bodies = todo.get_column("body").to_list()
    # Mentions and entities of every document first, so that the registry reads the warehouse
    # actors the whole batch can match at once (`ActorRegistry.prefetch`), then resolved in order.
    found: list[_Found] = []
    bodies_found: list[tuple[str | None, list[national_bodies.Body | None]]] = []
    cues: list[firm_names.NameCues] = []  # of each article
    gazetteer = Gazetteer.load()
    known_bodies = national_bodies.known_bodies(lex)
    for article_id, source_name, dateline, story_id, body, doc in zip(
        todo.get_column("article_id").to_list(),
        todo.get_column("source_name").to_list(),
        todo.get_column("dateline").to_list(),
        todo.get_column("story_id").to_list(),
        bodies,
        docs if docs is not None else annotate(bodies, nlp, settings.n_process),
        strict=True,
    ):
        starts, ends = _sentence_rows(doc)
        sent_rows["article_id"].extend([article_id] * len(starts))
        sent_rows["sentence_index"].extend(range(len(starts)))
        sent_rows["start"].extend(starts)
        sent_rows["end"].extend(ends)
        mentions = _doc_mentions(doc, body, lex, source_name)
        if "sports_clubs" not in lex.off and sports.is_sports_report(doc):
            sports.clubs(doc, mentions, lex)
            if "club_gazetteer" not in lex.off:
                mentions += sports.club_candidates(doc, mentions, lex)
        if "org_names" not in lex.off:
            mentions = org_names(doc, mentions, lex)
        if "inline_acronyms" not in lex.off:
            mentions += inline_acronyms(doc, mentions, lex.known)
        if "place_surnames" not in lex.off:  # "O'Gara" a PLACE beside "Ronan O'Gara"
            firm_names.place_surnames(doc, mentions, lex)
        if "surnames" not in lex.off:
            mentions += surname_mentions(doc, mentions, lex)
        if "repeated_names" not in lex.off:  # "AM General" again where NER missed it
            mentions += repeated_names(doc, mentions, lex)
        mentions.sort(key=lambda m: m.start)
        cues.append(firm_names.name_cues(doc, mentions, lex))  # before cued_firms retypes
        if "firm_short_names" not in lex.off:  # "Dome" after "Dome Petroleum Ltd"
            firm_names.firm_short_names(doc, mentions, lex, "firm_inner_names" not in lex.off)
        if "cued_firms" not in lex.off:
            firm_names.cued_firms(doc, mentions, lex)  # "oil giant Yukos": no person
        attribute_countries(doc, mentions, lex)
        entities = group_entities(
            mentions, "person_join" not in lex.off, "short_orgs" not in lex.off
        )
        for m in mentions:  # countries inherited from a governing mention ("Iran's envoy X")
            if m.country_from is not None and m.country is None:
                m.country = (
                    mentions[m.country_from].country
                    or entities[mentions[m.country_from].entity].country
                )
        for idx, ent in enumerate(entities):  # the country most of its mentions point to
            votes = Counter(  # a curated entity's own (keyed) mentions carry its country
                m.country
                for m in mentions
                if m.entity == idx and m.country and (ent.key is None or m.key is not None)
            )
            ent.country = ent.country or (votes.most_common(1)[0][0] if votes else None)
        national = national_bodies.entity_bodies(
            [
                [m.form for m in mentions if m.entity == idx]
                if ent.key is None and ent.actor_type in ("ORG", "GROUP")
                else []
                for idx, ent in enumerate(entities)
            ],
            [ent.country for ent in entities],
            national_bodies.home_country(dateline, mentions, gazetteer, lex),
            lex,
        )
        resolved: list[_Resolve | None] = []
        for idx, ent in enumerate(entities):
            forms = [m.form for m in mentions if m.entity == idx]
            if national[idx] is not None:
                resolved.append(None)  # a state's body: resolved once its story is read
                continue
            name = None
            if ent.key and ent.key.startswith("country:"):
                name = lex.country_names.get(ent.key.removeprefix("country:"), forms[0])
            elif ent.key and ent.key in lex.known:
                name = lex.known[ent.key].name
            elif ent.key and ent.key.startswith("place:"):
                name = _PLACE_SUFFIX.sub("", max(forms, key=len))
            resolved.append(((ent.actor_type, forms, ent.key, name), ent.country))
        found.append((article_id, body, starts, mentions, resolved))
        bodies_found.append((story_id, national))
    if "batch_firms" not in lex.off:  # "Manchester United boss ..." in one article: a club
        _batch_firms(found, cues, lex, registry.names)
    # one actor per state's body and country, the story filling what an article leaves open
    for (*_, mentions, resolved), national in zip(
        found, national_bodies.story_countries(bodies_found), strict=True
    ):
        for idx, state_body in enumerate(national):
            if state_body is not None:
                forms = [m.form for m in mentions if m.entity == idx]
                resolved[idx] = national_bodies.request(state_body, forms, lex, known_bodies)
    registry.prefetch(
        (r[0] for *_, resolved in found for r in resolved if r is not None), threshold
    )
    for article_id, body, starts, mentions, resolved in found:
        actor_of = {
            idx: registry.resolve(
                actor_type, forms, country, key=key, name=name, threshold=threshold
            )
            for idx, ((actor_type, forms, key, name), country) in enumerate(
                cast(list[_Resolve], resolved)  # every body's request was filled in above
            )
        }
        for m in mentions:
            rows["article_id"].append(article_id)
            rows["actor_id"].append(actor_of[m.entity])
            rows["text"].append(body[m.start : m.end])
            rows["start"].append(m.start)
            rows["end"].append(m.end)
            rows["sent"].append(max(bisect.bisect_right(starts, m.start) - 1, 0))
    mentions_frame = pl.DataFrame(
        {
            "mention_id": [
                "m_" + short_hash(a, str(s), str(e))
                for a, s, e in zip(rows["article_id"], rows["start"], rows["end"], strict=True)
            ],
            "article_id": rows["article_id"],
            "actor_id": rows["actor_id"],
            "event_id": [None] * len(rows["article_id"]),
            "mention_text": rows["text"],
            "char_start": rows["start"],
            "char_end": rows["end"],
            "sentence_index": rows["sent"],
        },
        schema=schema.MENTIONS,
    )
    sentences = pl.DataFrame(
        {
            "article_id": sent_rows["article_id"],
            "sentence_index": sent_rows["sentence_index"],
            "char_start": sent_rows["start"],
            "char_end": sent_rows["end"],
        },
        schema=schema.SENTENCES,
    )
    return ExtractResult(mentions=mentions_frame, sentences=sentences)
