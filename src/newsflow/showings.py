"""A demonstration that shows something and a market's rally are no protest (issue 20).

The lexicon types "demonstrate" and "rally" PROTEST, as in "thousands demonstrated outside the
embassy" and "Hindus staged their biggest-ever rally in Delhi". On the corpora most are neither:
"the European Digital Life Index demonstrates that digital lifestyles are common", "Nokia was
happy to demonstrate its 6230i", "OPEC had in March demonstrated its commitment" show something
(a verb with an object or a clause), and "U.K. Wheat futures also rallied to end the morning
unchanged", "expects a rally in the European currencies", "South Africa's new foreign debt
agreement sparked a rally in local financial markets" are prices moving (the whole-corpus
warehouses at 14a9ba6 held 65 PROTEST events whose sentence has "demonstrate" and 42 "rally", of
420; random_audit19 judged both kinds no event). A protest is intransitive: people demonstrate
(in a place, against or for something), people rally (behind no price).
"""

from __future__ import annotations

from spacy.tokens import Token

from newsflow.stock_phrases import FIGURES, MARKET_THINGS

# what shows rather than protests: an object, a clause, an infinitive ("demonstrate why")
SHOWN_DEPS = {"dobj", "ccomp", "xcomp", "attr", "oprd"}
# what rallies when a market does: MARKET_THINGS and the traded goods of the wire
TRADED = MARKET_THINGS | {
    "future", "futures", "index", "gold", "silver", "copper", "wheat", "corn", "soybean",
    "hog", "cattle", "belly", "equity", "gilt", "note", "treasury", "commodity", "metal",
    "sugar", "coffee", "cocoa", "yield", "contract", "bourse", "exchange", "street", "stocks",
    "shares", "prices", "bonds", "markets",
}  # fmt: skip
# where a price rallies to or from ("rallied to end the morning unchanged", "from early losses")
PRICE_WORDS = {"level", "loss", "gain", "high", "low", "cent", "point", "pct", "percent"}


def _shows(token: Token) -> bool:
    """ "demonstrates that ...", "demonstrate its 6230i", "a demonstration of the chip"."""
    if token.pos_ in ("VERB", "AUX"):
        return any(c.dep_ in SHOWN_DEPS for c in token.children)
    return any(c.dep_ == "prep" and c.lower_ == "of" for c in token.children)


def _traded(word: Token) -> bool:
    return word.lemma_.lower() in TRADED or word.lower_ in TRADED


def _market_rally(token: Token) -> bool:
    """Is this rally a price's: "Wheat futures also rallied", "rallied to end the morning
    unchanged", "a rally in the yen", "sparked a rally in local financial markets", "staged an
    explosive rally on Wall Street"?"""
    parts = [c for c in token.children if c.dep_ in ("nsubj", "compound", "amod")]
    if any(_traded(p) or any(_traded(c) for c in p.children) for p in parts):
        return True
    holders = [token, token.head] if token.dep_ == "dobj" else [token]  # "staged a rally on"
    for prep in (c for h in holders for c in h.children if c.dep_ == "prep"):
        for obj in (g for g in prep.children if g.dep_ == "pobj"):
            if prep.lower_ in ("in", "on") and (
                _traded(obj) or any(_traded(c) for c in obj.children)
            ):
                return True
            if prep.lower_ in ("to", "from", "above", "below") and (
                obj.like_num or obj.lemma_.lower() in PRICE_WORDS
            ):
                return True
    return any(  # "rallied to end the morning unchanged", "to close higher"
        c.dep_ in ("xcomp", "advcl") and c.lemma_.lower() in ("end", "close", "finish")
        for c in token.children
    )


def no_protest(token: Token) -> bool:
    """Is this "demonstrate"/"demonstration" a showing, or this "rally" a market's?"""
    lemma = token.lemma_.lower()
    if lemma in ("demonstrate", "demonstration"):
        return _shows(token)
    if lemma == "rally":
        return _market_rally(token)
    return False


def market_retreat(token: Token) -> bool:
    """Is this "retreat" a price's or a figure's fall: "Gold futures retreated from modest early
    gains", "the U.S. currency retreated", "Wendy's retreated from an earlier high of 13-3/8",
    "opened 15 to 18 cents higher and then retreated slightly", "sales retreated 60 pct", "the
    sudden Wall Street retreat"? Read as a rally is read, and a figure (`stock_phrases.FIGURES`:
    sales, earnings, output ...) as subject."""
    if _market_rally(token) or (token.dep_ == "conj" and _market_rally(token.head)):
        return True
    subjects = [c for c in token.children if c.dep_ == "nsubj"]
    return any(s.lemma_.lower() in FIGURES or s.lower_ in FIGURES for s in subjects)
