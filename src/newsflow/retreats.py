"""What retreats, pulls out or withdraws and is still no RETREAT (issue 20).

The events guide's RETREAT withdraws forces or people, pulls out, ends an operation. The same
verbs tell a price's fall ("Oil prices retreated from four-month highs", read as a market's
rally is read: `showings.market_retreat`), a firm, a player or a bidder leaving a market, a
line of business, a sale or a contest ("Merx has since withdrawn from the oil market", "Greg
Rusedski was forced to withdraw from the Open 13", "Gazprom and Gazpromneft withdrew from the
auction"), and an idiom ("pull out all the stops"). The random audits judged RETREATs like these
wrong (random_audit20: 0 of 9 right). What "withdraw" and "pull" move is read by `themes`.
"""

from __future__ import annotations

from spacy.tokens import Token

from newsflow import showings

# what a firm, a player or a bidder leaves when it withdraws or pulls out: a market, a line of
# business, a contest or a sale, no PLOVER retreat ("Merx has since withdrawn from the oil
# market", "Greg Rusedski was forced to withdraw from the Open 13", "Gazprom and Gazpromneft
# withdrew from the auction")
# (not a "race" or a "contest": a candidate's withdrawal from an election is news)
LEFT_VENTURES = {
    "market", "markets", "business", "making", "stock", "stocks", "auction", "bidding", "bid",
    "sale", "tender", "tournament", "championship", "open", "classic", "match", "game", "games",
    "competition", "concert", "tour", "performance", "show", "festival", "final", "cup", "event",
    "league", "smelting", "venture",
}  # fmt: skip
LEAVING = {"withdraw", "withdrawal", "pull"}  # the RETREAT triggers that leave something


def _leaves_a_venture(word: Token) -> bool:
    """Is this withdrawal or pull-out one from a market, a business, a contest or a sale?"""
    holders = [word] + [c for c in word.children if c.lower_ == "out"]  # "pulled out of"
    left = [
        g
        for h in holders
        for p in h.children
        if p.dep_ == "prep" and p.lower_ in ("from", "of")
        for g in p.children
        if g.dep_ == "pobj"
    ]
    return any(g.lemma_.lower() in LEFT_VENTURES or g.lower_ in LEFT_VENTURES for g in left)


def no_retreat(token: Token) -> bool:
    """Is this RETREAT trigger a price's fall, a venture left or an idiom?"""
    lemma = token.lemma_.lower()
    if lemma == "retreat" and showings.market_retreat(token):
        return True
    if lemma in LEAVING and _leaves_a_venture(token):
        return True
    verbal = token.pos_ in ("VERB", "AUX")
    return verbal and lemma == "pull" and any(c.lemma_.lower() == "stop" for c in token.children)
