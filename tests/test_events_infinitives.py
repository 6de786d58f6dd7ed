"""Who acts in an infinitive on a noun (issue 20, roles not attached): the noun's possessor,
or the subject of the light verb whose object the noun is.

Real sentences of the events tune half's articles (bench/labels/events/tune.jsonl), through
the real events stage; mentions are alias matches of the actors listed here.
"""

from __future__ import annotations

from datetime import date

from newsflow import infinitives, roles
from tests.event_frames import found_events

ACTORS = [
    # actor_id, name, actor_type, country_code, aliases
    ("act_fra", "France", "COUNTRY", "FRA", ["French"]),
    ("act_ukip", "UK Independence Party", "ORG", "GBR", ["UKIP"]),
    ("act_con", "Conservative Party", "ORG", "GBR", ["Tories"]),
    ("act_ks", "Robert Kilroy-Silk", "PERSON", "GBR", ["Robert Kilroy-Silk"]),
]  # fmt: skip


def found(body: str, nlp) -> list[tuple]:
    """(type, source, target) of every event the events stage finds in one article `body`."""
    return found_events(body, nlp, ACTORS, date(1987, 3, 1))


def test_an_infinitive_on_a_light_verbs_object_is_done_by_its_subject(nlp):
    # tune: reuters 20348 (gold CONSULT France): "exchange" had no source and was lost
    text = (
        "But they added that French ministry officials were continuing the contacts to exchange "
        "views on market performance."
    )
    assert [(s, t) for _, s, t in found(text, nlp)] == [("act_fra", None)]


def test_an_infinitive_on_a_possessed_noun_is_done_by_the_possessor(nlp):
    # tune article bbc/politics/267.txt: "UKIP's job to destroy the Tories" had no source
    text = (
        "So is UKIP's job to destroy the Tories, as former member Robert Kilroy-Silk once "
        "notoriously declared?"
    )
    assert [(s, t) for _, s, t in found(text, nlp)] == [("act_ukip", "act_con")]


def test_an_infinitive_on_the_object_of_a_verb_of_its_own_is_not_its_subjects(nlp):
    # a made-up contrast to the sentences above: who criticises a plan is not its doer, who
    # continues the contacts is (the real tune sentence's frame)
    light = roles.Lexicon.load().light_verbs
    doc = nlp("The Tories criticised the plan to destroy UKIP.")
    assert infinitives.doer(doc[6], light) is None  # "destroy"
    doc = nlp("French ministry officials were continuing the contacts to exchange views.")
    assert infinitives.doer(doc[8], light) == doc[4]  # "exchange" -> "continuing"


def test_a_modal_nouns_infinitive_is_no_act_of_its_holder(nlp):
    # spent heldout: bbc/politics/230.txt (gold: no event): a duty to investigate is no
    # investigation, and the police got no source from it
    light = roles.Lexicon.load().light_verbs
    text = (
        "The guidance published on Tuesday, said the police had a duty to investigate all "
        "incidents involving a death or injury."
    )
    doc = nlp(text)
    investigate = next(t for t in doc if t.lower_ == "investigate")
    assert infinitives.doer(investigate, light) is None
    assert found(text, nlp) == []
