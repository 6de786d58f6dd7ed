"""Triggers that name an event only when a state takes a side of it (issue 20, trigger audit).

On wire copy "talks" are as often a firm's as a state's: "could be talking to a white knight",
"may be involved in further talks ... regarding the future control of Taft" are takeover
business, which the events guide keeps out, while "Brazil's central bank governor said after
talks with its bank advisory committee" is the CONSULT PLOVER codes. The trigger audit of 250
Reuters events (`bench/labels/events/trigger_audit/summary.md`) found "talk" right 1 time in 5,
the right one with a state source, and its decision rule (written before the counts) restricts
such a lemma to a state source. "offer", "accept" and "decline" (0 of 25 right there: share
offers, takeovers, "declined to comment") are restricted the same way rather than dropped, since
a state's offer or refusal is PLOVER's codebook event (the summary's amendment). A lexicon entry marked `"source": "state"`
(`Lexicon.state_source_words`) therefore makes an event only when a state acts: a country (a
capital or seat standing for it), a person or body the registry ties to a country (a minister,
a central bank), an intergovernmental body (the EC, the IMF), or a generic noun of the state's sectors ("officials", "ministers", "police",
"judges", "deputies"). For an order-free type (CONSULT, AGREE's symmetric kin) either side may
be the state, as the events guide counts sides of those types in any order.
"""

from __future__ import annotations

import json
from collections.abc import Container
from typing import TYPE_CHECKING

import polars as pl
from spacy.tokens import Doc, Token

from newsflow import agents, business, resources
from newsflow.ids import short_hash
from newsflow.strikes import worker_forms

if TYPE_CHECKING:  # roles calls `state_allows`: a runtime import would be circular
    from newsflow.roles import RoleMention
    from newsflow.triggers import Lexicon

# CAMEO agent sectors of the state (`data/events/generic_agents.json`): government, military,
# police, judiciary, legislature.
STATE_SECTORS = ("GOV", "MIL", "COP", "JUD", "LEG")
STATE_NOUNS = agents.sector_nouns(STATE_SECTORS)
# the business sector's generic nouns of firms, not of people ("executives agreed to repay
# bonuses" to their company is an agreement, heldout2's gold)
FIRM_NOUNS = agents.sector_nouns(("BUS",)) & {
    "airline", "automaker", "bank", "carmaker", "company", "corporation", "exporter",
    "manufacturer", "producer", "retailer", "steelmaker", "supplier",
}  # fmt: skip


def _intergovernmental_ids() -> frozenset[str]:
    """Actor ids of the curated bodies no one country holds (`data/entities/known_actors.jsonl`,
    organisations without a country: the UN, the EC, the IMF, OPEC, GATT, the G-7 ...), made
    as the registry pins a curated key (`resolve.ActorRegistry`: "act_" + hash of type, key)."""
    lines = resources.path("data/entities/known_actors.jsonl").read_text(encoding="utf-8")
    rows = [json.loads(line) for line in lines.splitlines() if line.strip()]
    return frozenset(
        "act_" + short_hash(r["actor_type"], "known:" + r["key"])
        for r in rows
        if r["actor_type"] == "ORG" and r["country_code"] is None
    )


INTERGOVERNMENTAL = _intergovernmental_ids()


def is_state(mention: RoleMention | None) -> bool:
    """Does the side stand for a state: a country, one of its people or bodies (keyed by the
    country), an intergovernmental body, or a generic noun of a state sector ("officials",
    "security forces")?"""
    if mention is None:
        return False
    if mention.actor_type == "COUNTRY" or mention.actor_id in INTERGOVERNMENTAL:
        return True
    if mention.is_generic:
        words = (mention.label or "").split()
        return bool(words) and words[-1] in STATE_NOUNS  # "security force" -> force
    # a body named as one of a state's ("Securities and Exchange Commission", "Justice
    # Department", "U.S. Senate"), which the registry may tie to no country
    if mention.public:
        return True
    # a person or body the registry gives a country keys as that country (`events.role_actors`)
    return mention.key != mention.actor_id


# Workers and their unions, whose talks, offers and acceptances are news without a state: the
# events guide counts labour disputes, and the first trigger audit's "talk" rule lost
# "management and union talks" at Cargill and at a GM plant. Who counts is who can strike
# (the lexicon's `labour_strike_agents`, read as `strikes` reads them): a generic noun of
# theirs ("workers", "the union", "strikers"), or a name holding one ("Letter Carriers Union
# of Canada", "United Auto Workers"), but no firm named with one ("First Union Corp",
# "Union Carbide": a company word, or "union" first).
LABOUR_TYPES = {"CONSULT", "AGREE"}  # talks, offers and acceptances ("declined" is a figure's too)
# Deals and talks between firms are routine business, no PLOVER event (the events guide:
# "joint-venture and takeover talks between companies", "X sold its unit to Y"): a side is a
# firm when its name ends in a legal form ("Boeing Co", "Photon Technology International Inc",
# "Saab Scania AB", "The Walt Disney Company", "Broken Hill Pty", "Norsk Hydro ASA").
FIRM_FORMS = {
    "corp", "corporation", "inc", "co", "ltd", "plc", "ag", "sa", "nv", "holdings", "bancorp",
    "bancshares", "lp", "llc", "gmbh", "spa", "bhd", "kk", "n.v", "s.a", "l.p", "company",
    "cos", "limited", "incorporated", "ab", "asa", "a/s", "oy", "oyj", "pty", "bv", "b.v",
    "kgaa", "sarl", "srl", "pte", "s.p.a",
}  # fmt: skip
# ... and so is a firm's withdrawal with no state on a side: "Lloyds Bank Plc said it is
# withdrawing from market making", "has withdrawn and terminated its 23 dlr per share takeover
# offer" (28 RETREAT events of the Reuters corpus at ba5fc21, all of them business), and so
# is what a firm gives another firm or no one named ("Campeau ... has contributed an additional
# 50 mln dlrs of capital to Allied", "Shearson contributed 316 mln dlrs of American Express'
# ... net", "GE contributes equipment and services"), while its gift to a charity stays AID
FIRM_DEAL_TYPES = {"AGREE", "CONSULT", "COOPERATE", "RETREAT", "AID"}
# ... and talks, deals and joint work with a firm on either side: the random audits 18-20
# judged a firm's negotiations and discussions with anyone but a state or workers no event (9
# of 9), and its pacts and joint work with a person or body the registry ties to no country
# ("Compris said it signed the pact with Accor North American Corp") are its business too
FIRM_TALK_TYPES = {"CONSULT", "AGREE", "COOPERATE"}
# the trade a name ends in makes it a firm's too, unless an "of" makes it a body's ("Metro
# Airlines", "Texas Industries", "Varian Associates"; not "Ministry of Petroleum"): the
# registry ties many firms to a country, which without this read them as states
TRADE_WORDS = {
    "airlines", "airline", "airways", "industries", "motors", "systems", "associates",
    "partners", "electronics", "pharmaceuticals", "enterprises", "technologies",
    "communications", "petroleum", "semiconductor", "laboratories", "brothers", "chemicals",
    "computers", "foods", "stores", "mining", "shipping",
}  # fmt: skip
# words that make a name a firm's, not a union's ("First Union Corp", "Union Carbide")
COMPANY_WORDS = FIRM_FORMS | {"bank", "group", "pacific", "carbide"}
# a union word after these names a firm or a lender ("Western Union signed an agreement with
# Electronic Data Systems Corp": a pact between firms), not workers
UNION_FIRMS = {"western", "credit"}


def is_labour(mention: RoleMention | None, doc: Doc, workers: Container[str]) -> bool:
    """Does the side stand for workers or a union (`workers`: the lexicon's labour agents)?"""
    if mention is None:
        return False
    if mention.is_generic:
        words = (mention.label or "").split()
        return bool(words) and any(f in workers for f in (words[-1], words[-1].rstrip("s")))
    tokens = [doc[i] for i in sorted(mention.tokens)]
    if {t.lower_.strip(".") for t in tokens} & COMPANY_WORDS:
        return False
    if tokens and tokens[0].lower_ == "union":
        tokens = tokens[1:]
    pairs = zip(tokens, tokens[1:], strict=False)
    if any(a.lower_ in UNION_FIRMS and b.lower_ == "union" for a, b in pairs):
        return False
    return any(form in workers for t in tokens for form in worker_forms(t))


def _entry(token: Token) -> tuple[str, str]:
    """The (lemma, VERB|NOUN) lexicon key the token is looked up by."""
    return token.lemma_.lower(), "VERB" if token.pos_ in ("VERB", "AUX") else "NOUN"


def state_only(token: Token, state_source_words: frozenset[tuple[str, str]]) -> bool:
    """Is the trigger a word that names an event only with a state on a side?"""
    if not state_source_words:
        return False
    lemma, pos = _entry(token)
    return (lemma, pos) in state_source_words or (
        pos == "NOUN" and (token.text.lower(), pos) in state_source_words
    )


def is_firm(mention: RoleMention | None, doc: Doc) -> bool:
    """Is the side a firm, named with its legal form (FIRM_FORMS), or a generic noun of firms
    (FIRM_NOUNS: "the two Japanese companies", "creditor banks")?"""
    if mention is None:
        return False
    if mention.is_generic:
        label = (mention.label or "").split()
        return bool(label) and label[-1] in FIRM_NOUNS
    if mention.firm:  # "TWA withdrew its bid": Trans World Airlines Inc, named short
        return True
    words = [doc[i].text for i in sorted(mention.tokens) if any(c.isalnum() for c in doc[i].text)]
    return firm_name(words)


def firm_name(words: list[str]) -> bool:
    """Do a name's words end in a legal form, or in a trade with no "of" before it?"""
    if not words:
        return False
    last = words[-1].lower().strip(".")
    return last in FIRM_FORMS or (last in TRADE_WORDS and "of" not in {w.lower() for w in words})


def is_legal_form(word: str) -> bool:
    """Is the word a firm's legal form ("Inc", "Ltd.", "N.V.")?"""
    return word.lower().strip(".") in FIRM_FORMS


def _named_firm(mention: RoleMention | None, doc: Doc) -> bool:
    """A firm named, not a generic noun of firms: a state's "negotiations with creditor banks"
    on its debt are PLOVER's CONSULT, whoever the registry ties the speaker to."""
    return mention is not None and not mention.is_generic and is_firm(mention, doc)


def between_firms(
    token: Token, event_type: str, source: RoleMention | None, target: RoleMention | None
) -> bool:
    """Is this a deal or talks of a firm with another firm or with no one named ("Boeing Co and
    ARGOSystems Inc said they reached an agreement", "K Mart Corp said it signed an agreement
    to supply merchandise"), a firm's withdrawal ("TCBY Enterprises Inc said it will apply
    ... to withdraw its registration statement"), or what a firm gives another firm or no one
    named ("Campeau ... has contributed ... capital to Allied")? Talks with a firm on either
    side are a firm's business whoever the other side is ("Varian Associates Inc said it is
    holding discussions with Philips Electronics", "Kepco has been negotiating with Combustion
    Engineering Inc"): `state_allows` keeps them when a state or workers take the other."""
    if event_type not in FIRM_DEAL_TYPES:
        return False
    doc = token.doc
    if event_type in FIRM_TALK_TYPES and (_named_firm(source, doc) or _named_firm(target, doc)):
        return True
    return is_firm(source, doc) and (target is None or is_firm(target, doc))


def state_allows(
    token: Token,
    event_type: str,
    source: RoleMention | None,
    target: RoleMention | None,
    lexicon: Lexicon,
) -> bool:
    """May this report stand: its trigger needs no state (neither a state-only word, a deal
    whose object is commerce, `business.needs_state`, nor a deal between firms), or a state,
    or workers or a union, take the source (either side for an order-free type)?"""
    needs_state = state_only(token, lexicon.state_source_words) or business.needs_state(
        token, event_type
    )
    if not needs_state and not between_firms(token, event_type, source, target):
        return True
    # a firm's pact or talks with a state: the state may take either side ("Walt Disney Co
    # said it has signed a definitive agreement with the French government")
    symmetric = (
        event_type in lexicon.symmetric_types
        or (not needs_state and event_type in FIRM_TALK_TYPES)
        or business.lends(token, event_type)  # a bank's loan to a country is still AID
    )
    doc = token.doc
    # a firm the registry ties to a country ("Boeing Co", USA) is keyed by it, but no state
    if (is_state(source) and not is_firm(source, doc)) or (
        symmetric and is_state(target) and not is_firm(target, doc)
    ):
        return True
    if event_type not in LABOUR_TYPES:
        return False
    workers = lexicon.labour_strike_agents
    return is_labour(source, token.doc, workers) or (
        symmetric and is_labour(target, token.doc, workers)
    )


# Words that name a body of a state: the registry ties many to no country (85 Reuters events
# of the "Securities and Exchange Commission", the FDA, the Justice Department, "U.S. Senate"
# at 9489d00), and a firm's settlement with its regulator is the events guide's AGREE
PUBLIC_BODY_WORDS = {
    "government", "ministry", "department", "agency", "commission", "administration", "court",
    "parliament", "congress", "senate", "treasury", "tribunal", "cabinet", "council",
}  # fmt: skip
# ... unless these make it a trade's ("Kyodo News Agency", "an advertising agency")
TRADE_AGENCY_WORDS = {"news", "press", "advertising", "travel", "rating", "ratings"}


def public_bodies(actors: pl.DataFrame, id_column: str) -> pl.Expr:
    """`public`: whether the actor `id_column` names is an organisation or group whose full
    name holds a word of a state's body (PUBLIC_BODY_WORDS) and is no firm's (`firm_names`)."""
    words = pl.col("name").str.to_lowercase().str.extract_all(r"[a-z]+")
    firm = actors.select(firm_names(actors, "actor_id"))["firm"]
    public = actors.filter(
        pl.col("actor_type").is_in(["ORG", "GROUP"])
        & ~firm
        & words.list.eval(pl.element().is_in(sorted(PUBLIC_BODY_WORDS))).list.any()
        & ~words.list.eval(pl.element().is_in(sorted(TRADE_AGENCY_WORDS))).list.any()
    )["actor_id"]
    return pl.col(id_column).is_in(public.implode()).alias("public")


def firm_names(actors: pl.DataFrame, id_column: str) -> pl.Expr:
    """`firm`: whether the actor `id_column` names is an organisation whose full name ends in a
    firm's legal form (FIRM_FORMS: "Trans World Airlines Inc", "Monier Ltd") or in a trade
    with no "of" (TRADE_WORDS: "Metro Airlines"), as `firm_name` reads a name."""
    name = pl.col("name").str.to_lowercase()
    last = name.str.extract(r"([a-z./]+)[^a-z./]*$").str.strip_chars(".")  # "a/s" too
    firms = actors.filter(
        ~pl.col("actor_type").is_in(["PERSON", "COUNTRY", "PLACE"])
        & (
            last.is_in(sorted(FIRM_FORMS))
            | (last.is_in(sorted(TRADE_WORDS)) & ~name.str.contains(r"\bof\b"))
        )
    )["actor_id"]
    return pl.col(id_column).is_in(firms.implode()).alias("firm")
