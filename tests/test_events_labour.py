"""A strike by workers is a labour PROTEST, a strike by warplanes an ASSAULT (issue 20).

Real Reuters-21578 sentences (the newid of an item holding each, in its comment), through the real events stage. On the
whole corpus 82 of the 133 ASSAULT events told with "strike"/"struck" were labour actions."""

from __future__ import annotations

from datetime import date

import pytest

from newsflow import strikes
from tests.event_frames import article_events, fresh_state

ACTORS = [
    ("act_irq", "Iraq", "COUNTRY", "IRQ", ["Iraq", "Iraqi"]),
    ("act_irn", "Iran", "COUNTRY", "IRN", ["Iran", "Iranian"]),
    ("act_usa", "United States", "COUNTRY", "USA", ["United States", "American", "U.S."]),
    ("act_uaw", "United Auto Workers", "ORG", "USA", ["United Auto Workers", "UAW"]),
    ("act_gm", "General Motors", "ORG", "USA", ["General Motors Corp"]),
]  # fmt: skip

LABOUR = [
    # 5773 (Yugoslavia): the verb, workers its subject
    "In the central republic of Bosnia and Hercegovina 1,700 workers struck, while many "
    "teachers in Belgrade refused to take their paychecks.",
    # 16113 (the UAW on GM): the verb, controlled by "the union was ready"
    'He said the union was ready to strike for "job and income guarantees," bans on shifting '
    "production to foreign and other non-union sources, and increases in pay and profit-sharing.",
    # 7396: a strike deadline set by a union
    "The United Auto Workers has set a March 26 strike deadline at General Motors Corp's "
    "Pontiac, Mich., truck and bus plant, a UAW spokesman said.",
    # 9975: held warning strikes, workers the subject
    "More than 16,000 engineering workers at 45 firms, mainly in south Germany, held warning "
    "strikes lasting up to two hours yesterday.",
    # 7530 (strike set, tune): "had been on strike", the workers the subject
    "Another Belgrade trade union council leader, Predrag Petrovic, was quoted as saying "
    "hundreds of workers had been on strike in Belgrade.",
    # 6117 (strike set, tune): "went out on strike"
    "Southwest Forest Industries Inc said 344 members of the United Paperworkers International "
    "Union went out on strike at the company's Snowflake, Ariz., paper mill, temporarily "
    "halting operations at the newsprint and linerboard facility.",
]
MILITARY = [
    # 8440: warplanes struck (the lexicon's ASSAULT stays)
    "Iraqi warplanes also struck Iran's offshore oilfields at Nowruz, Cyrus and Ardeshir in "
    "northern gulf, some 80 km (50 miles) west of Kharg island, today's communique said.",
    # 21475: forces launched a retaliatory strike against Iran
    "Earlier today in Washington, U.S. Television networks had reported that American forces "
    "launched a retaliatory strike against Iran late Sunday, attacking two Iranian offshore oil "
    "drilling platforms and setting them ablaze.",
]


def types(text: str, nlp) -> set[str]:
    """The event types the events stage finds in `text`, an article of its own."""
    return set(article_events(text, nlp, fresh_state(), ACTORS, date(1987, 3, 20))["event_type"])


@pytest.mark.parametrize("text", LABOUR)
def test_a_strike_by_workers_or_a_union_is_a_protest(nlp, text):
    found = types(text, nlp)
    assert "PROTEST" in found and "ASSAULT" not in found


@pytest.mark.parametrize("text", MILITARY)
def test_a_strike_by_warplanes_or_forces_stays_an_assault(nlp, text):
    assert "ASSAULT" in types(text, nlp)


def test_balloting_members_on_strikes_is_not_being_on_strike(nlp):
    # BBC business (the PCS ballot): "on strikes" of "ballot" says what the vote is about; only
    # be / go / remain / come out "on strike" make the subject the striker (`strikes.on_strike`)
    doc = nlp(
        "The UK's biggest civil service union is to ballot its 290,000 members on strikes in "
        "protest at government plans to extend their pension age to 65."
    )
    noun = next(t for t in doc if t.lower_ == "strikes")
    assert not strikes.on_strike(noun, noun.head.head)
    went = nlp("Mr Prentis said workers did not want to go on strike.")
    strike = next(t for t in went if t.lower_ == "strike")
    assert strikes.on_strike(strike, strike.head.head)
