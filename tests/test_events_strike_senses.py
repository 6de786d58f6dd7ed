"""How a "strike" word is typed: labour PROTEST, armed ASSAULT, or no event (issue 20).

Real sentences of the labelled strike set's tune half (bench/labels/strikes/tune.jsonl, its
item id in each comment; two Reuters sentences of no labelled set), typed by `Lexicon.trigger` on the events stage's own parse. On that
half the strike word's type alone went from 0.514 to 0.881 accuracy (n=109)."""

from __future__ import annotations

import pytest

from newsflow.triggers import Lexicon

LABOUR = [
    # reuters21578.jsonl.gz:17783#797: a bare noun with no labour or military word
    "Production at Trail and Kimberley has been shut down since the strike began May 9 and "
    "Cominco has had to declare force majeure, which means the company may be unable to honor "
    "contracts for products from the smelter and mine.",
    # reuters21578.jsonl.gz:8107#666: the same, plural
    "This month Makulic imposed partial freezes on wages and prices which led to widespread "
    "strikes.",
    # reuters21578.jsonl.gz:18337#0: "striking" modifying a union's locals
    "Cominco Ltd said it set tentative talks with three striking union locals that rejected on "
    "Saturday a three-year contract offer at Cominco's Trail and Kimberley, British Columbia "
    "lead-zinc operations.",
    # bbc/entertainment/314.txt#5030: a guild strikes
    "Writer Dudley Nichols refused his Academy Award in 1935 for his screenplay for The Insider "
    "because the Writers' Guild was striking at the time.",
    # reuters21578.jsonl.gz:21341 (in no labelled set): "it" stands for the union that says it
    "The union has said it will strike on 1000 EDT/1400 GMT on Thursday unless General Motors of "
    "Canada Ltd meets the pattern and settles local issues at 11 plants in Quebec and Ontario.",
    # reuters21578.jsonl.gz:3218 (in no labelled set): "World War Two" is a name, no word of war
    "The offer, which came amid warning strikes by some 33,000 workers, was the first time since "
    "World War Two that employers have proposed cutting working hours and is seen as averting a "
    "repeat of the nationwide strike of 1984 which brought the auto industry to a standstill for "
    "seven weeks, union sources said.",
]
MILITARY = [
    # reuters21578.jsonl.gz:20890#920: a bare noun in a sentence that speaks of war
    '"Those who contend the strike was necessary must realize their words are easily construed '
    'as a tacit endorsement of war with Iran," said Sen Mark Hatfield of Oregon, a Republican.',
]
NO_EVENT = [
    # bbc/tech/133.txt#2882: struck a deal
    "Last week, it struck a $1bn cost-cutting deal with its pilots which could save it from "
    "bankruptcy.",
    # bbc/sport/398.txt#1173: a balance that has to be struck (passive under "have to")
    '"At this club, the balance will have to be struck between the cost of that gamble and the '
    'option of bringing in a ready-made replacement."',
    # reuters21578.jsonl.gz:16019#828: options strike prices
    "There will initially be seven series of strike prices for each contract month of the new "
    'options -- one strike price "at the money," or near to the actual spot index value, and '
    "three above and three below the spot index.",
    # bbc/tech/153.txt#295: the adjective
    "The first striking thing about the DS is how retro it looks.",
    # reuters21578.jsonl.gz:17190#0: an earthquake strikes no blow
    "The Ecuadorean economy, struck by an earthquake last month, will contract an estimated four "
    "pct in 1987 and its crude oil output will drop by 42 pct, the government's national "
    "development council (Conade) said.",
    # bbc/tech/207.txt#1196: nor does a virus
    "A far more common situation is when a computer virus strikes and leads to precious files "
    "being corrupted or deleted entirely.",
    # bbc/sport/108.txt#549: a shot at goal
    "Clyde had the ball in the net after half-an-hour through a tremendous strike from Bryson, "
    "but the referee had already blown for a foul by Petrov.",
    # bbc/entertainment/280.txt#477: strikes up
    "The orchestra strikes up more than 110 times during the average Oscars show.",
]
STRIKE_FORMS = {"strike", "strikes", "struck", "striking"}


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    return Lexicon.load()


def strike_types(text: str, nlp, lexicon: Lexicon) -> list[str | None]:
    """The type `Lexicon.trigger` gives each strike word of `text` (None: no event)."""
    found = (lexicon.trigger(t) for t in nlp(text) if t.lower_ in STRIKE_FORMS)
    return [f[0] if f else None for f in found]


@pytest.mark.parametrize("text", LABOUR)
def test_a_workers_strike_or_a_bare_strike_is_a_protest(nlp, lexicon, text):
    assert set(strike_types(text, nlp, lexicon)) == {"PROTEST"}


@pytest.mark.parametrize("text", MILITARY)
def test_a_strike_among_words_of_war_stays_an_assault(nlp, lexicon, text):
    assert strike_types(text, nlp, lexicon) == ["ASSAULT"]


@pytest.mark.parametrize("text", NO_EVENT)
def test_a_deal_a_price_a_shot_or_a_quake_is_no_strike_event(nlp, lexicon, text):
    assert set(strike_types(text, nlp, lexicon)) == {None}
