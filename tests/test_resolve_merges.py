"""Wrong cross-document merges (issue 20): one actor per real entity, on BBC 2005 text.

Each test extracts real BBC articles (copied from bbc-news-2005) into one registry, in order, as
a run does, and checks that two entities whose names fold or fuzz together stay two actors.
"""

from __future__ import annotations

import pytest

from newsflow.extract import load_nlp
from newsflow.resolve import ActorRegistry
from newsflow.settings import Settings
from tests.extract_frames import extract_bodies

SETTINGS = Settings()

# business/290.txt
BCC = (
    '"Today\'s no change decision is correct," said David Frost, Director General of the '
    'British Chambers of Commerce (BCC). "But, if there are clear signs that the economy slows, '
    'the MPC should be ready to take quick corrective action and cut rates."'
)
# entertainment/ "George Michael to perform for BBC"
BBC = (
    "George Michael to perform for BBC\n\nGeorge Michael is to perform live at London's Abbey "
    "Road studios as part of a BBC Radio 2 special next month."
)
# sport/101.txt (Robbie Fowler of Manchester City)
FOWLER = (
    "However, City did fight back and Fowler missed another great chance from close range. "
    "Booked: Fowler, Sibierski."
)
# entertainment/346.txt
FULLER = (
    "But Pop Idol mogul Simon Fuller has seen his wealth plummet from £220m last year to £75m "
    "after selling his entertainment company 19 for less than expected, according to the "
    "Sunday Times."
)
# tech/153.txt and tech/022.txt
SONY = (
    "Sony will enter the market later this year with its PlayStation Portable, while start-up "
    "companies Gizmondo and Tapwave Zodiac are also offering hybrid devices."
)
SUN = (
    "Sun Grid costs users $1 (53p) for an hour's worth of processing and storage power on "
    "systems maintained by Sun."
)


@pytest.fixture(scope="module")
def nlp():
    return load_nlp(SETTINGS.spacy_model)


def actors_by_text(nlp, *bodies: str) -> dict[str, tuple[str, str]]:
    """mention text -> (actor_id, actor name), the articles extracted in order into one registry."""
    mentions = extract_bodies(nlp, *bodies, settings=SETTINGS)
    return {
        text: (actor_id, name)
        for text, actor_id, name in mentions.select(
            "mention_text", "actor_id", "actor_name"
        ).iter_rows()
    }


def test_an_acronym_is_compared_exactly_never_folded(nlp) -> None:
    """Issue 20: "BBC" and "BCC" both fold to "bc"; the BBC is not the British Chambers of
    Commerce."""
    found = actors_by_text(nlp, BCC, BBC)
    assert found["BCC"] == found["British Chambers of Commerce"]
    assert found["BBC"][0] != found["BCC"][0]
    assert found["BBC"][1] == "BBC"


def test_a_lone_surname_needs_the_very_surname(nlp) -> None:
    """Issue 20: "Fowler" (Robbie Fowler) folds and fuzzes to "Fuller"; Simon Fuller is not him."""
    found = actors_by_text(nlp, FOWLER, FULLER)
    assert found["Fowler"][0] != found["Simon Fuller"][0]
    assert found["Fowler"][1] == "Fowler"


def test_a_one_word_organisation_needs_the_very_word(nlp) -> None:
    """Issue 20: "Sun" (Sun Microsystems) and "Sony" fold and fuzz together; they are two firms."""
    found = actors_by_text(nlp, SONY, SUN)
    assert found["Sony"][0] != found["Sun"][0]


# entertainment: "New Harry Potter tops book chart" (an excerpt) and "Royal couple watch nation's
# mood" (an excerpt)
POTTER = (
    "Harry Potter and the Half-Blood Prince takes up the story of Harry Potter's sixth year at "
    "Hogwarts School of Witchcraft and Wizardry as Lord Voldemort grows stronger. Rowling has "
    "already revealed that the Half-Blood Prince is neither Harry nor Voldemort."
)
PRINCES = (
    'The Queen and Duke of Edinburgh said the news had made them "very happy". Princes William '
    'and Harry said they are "very happy" and wish the couple "all the luck in the future".'
)
# entertainment: Golden Rose nominations (an excerpt), and tech/382.txt
ROLF = (
    "The BBC leads the way with its programmes on The Sound of Music, Agatha Christie and Rolf "
    "On Art - The Big Event - which saw Harris lead an effort to produce a life-size painting in "
    "London's Trafalgar Square."
)
ZED = (
    "Christian Harris, partnership manager of mobile content firm Zed, said the new system was "
    "essential if consumers were to trust companies that sell ringtones and other downloads."
)


def test_a_lone_given_name_is_not_a_surname(nlp) -> None:
    """Issue 20: "Harry", said alone beside Harry Potter, is no key for Prince Harry elsewhere."""
    potter = actors_by_text(nlp, POTTER)
    both = actors_by_text(nlp, POTTER, PRINCES)
    assert potter["Harry"] == potter["Harry Potter"]  # within its article, one character
    assert both["Harry"][0] != both["Harry Potter"][0]


def test_a_full_name_does_not_claim_an_actor_of_bare_surnames(nlp) -> None:
    """Issue 20: Christian Harris of Zed is not the bare "Harris" (Rolf Harris) of another story."""
    found = actors_by_text(nlp, ROLF, ZED)
    assert found["Harris"][0] != found["Christian Harris"][0]
    assert found["Harris"][1] == "Harris"


# business/194.txt and tech/227.txt
BUILDING_SOCIETIES = (
    "Both the Council of Mortgage Lenders (CML) and Building Society Association (BSA) said "
    "lending was down sharply."
)
SOFTWARE = 'The Business Software Alliance (BSA) warned that people should "stay alert".'


def test_a_short_form_beside_its_full_name_does_not_decide(nlp) -> None:
    """Issue 20: two bodies abbreviated "BSA", each spelt out in its article, are two actors."""
    found = actors_by_text(nlp, BUILDING_SOCIETIES, SOFTWARE)
    assert found["Business Software Alliance"] == found["BSA"]  # the later article's BSA
    assert found["Building Society Association"][0] != found["BSA"][0]


def test_a_lone_name_beside_a_form_in_another_script_resolves() -> None:
    """A form with no Latin letters folds to nothing: the lone-name rule must not fail on it."""
    registry = ActorRegistry()
    imran = registry.resolve("PERSON", ["Imran Khan"])
    assert registry.resolve("PERSON", ["عمران", "Khan"]) == imran
